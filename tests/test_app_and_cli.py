"""The app and the command line on one knowledge base, in real processes: the app edits a draft (Pilot, its own
connections and draft writer) while `kb search`, `kb draft add`, `kb import` and `kb backup` run in a loop of other
processes; then the same with the app killed by SIGKILL at random moments. Nothing the app said was saved is lost,
other processes see each save, and the base stays sound (issue 13: the WAL was deleted under the app)."""

from __future__ import annotations

import asyncio
import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import seed
from fixtures.app_driver import WAIT, open_first_draft, save_region
from kb.db import connect
from kb.drafting import drafts
from tui.app import make_app

NAME = "并发草稿"
DRIVER = Path(__file__).parent / "fixtures" / "app_driver.py"


def kb(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kb", "--db", str(db), *args], capture_output=True, text=True, timeout=WAIT
    )


def shown_elsewhere(db: Path) -> dict:
    """The draft as another process reads it."""
    out = kb(db, "draft", "show", NAME, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


class CommandLoop(threading.Thread):
    """`kb search`, `kb draft add`, `kb import` (a seed's copy, changed each round) and `kb backup`, one after the
    other in processes of their own, until stopped; `rounds` counts the loops done, `added` the rows added."""

    def __init__(self, db: Path, work: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.work = db, work
        self.stop, self.rounds, self.added, self.failures = threading.Event(), 0, [], []
        self.text = seed("000").read_text("utf-8")

    def run(self) -> None:
        while not self.stop.is_set():
            n, copy = self.rounds, self.work / "seed-copy.txt"
            copy.write_text(self.text + "\n" * (n + 1), "utf-8")  # new bytes each round: the import replaces it
            steps = [
                ("search", "满意度"),
                ("draft", "add", NAME, f"指标{n}", "--target", "≥90%", "--level2", "数量"),
                ("import", str(copy)),
                ("backup", str(self.work / f"backup{n}.sqlite3")),
            ]
            for args in steps:
                out = kb(self.db, *args)
                if out.returncode:
                    self.failures.append((args, out.stderr))
                elif args[0] == "draft":
                    self.added.append(args[3])
            self.rounds += 1


def base(tmp_path: Path) -> Path:
    db = tmp_path / "kb.sqlite3"
    conn = connect(db)
    drafts.create(conn, NAME, region="起点")
    conn.close()
    return db


def assert_sound(db: Path, loop: CommandLoop) -> None:
    """No command failed, each row it added is in the draft, and the base and its last backup are sound."""
    assert not loop.failures, loop.failures[:2]
    assert set(loop.added) <= {r["name"] for r in shown_elsewhere(db)["rows"]}
    check = kb(db, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    for path in (db, loop.work / f"backup{loop.rounds - 1}.sqlite3"):
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


async def test_the_app_edits_a_draft_while_commands_run_in_other_processes(tmp_path):
    db = base(tmp_path)
    loop = CommandLoop(db, tmp_path)
    app = make_app(db)
    app.animation_level = "none"
    saved: list[tuple[str, int]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_draft(pilot)
        loop.start()
        n = 0
        while n < 6 or loop.rounds < 2:  # every command at least twice while the app edits
            value = f"区{n}"
            version = await save_region(pilot, value)
            seen = await asyncio.to_thread(shown_elsewhere, db)
            assert (seen["region"], seen["version"] >= version) == (value, True), (seen["region"], version)
            saved.append((value, version))
            n += 1
        loop.stop.set()
        await asyncio.to_thread(loop.join)
        await pilot.press("ctrl+q")
    versions = [v for _, v in saved]
    assert versions == sorted(set(versions))
    final = shown_elsewhere(db)
    assert final["region"] == saved[-1][0] and final["version"] >= versions[-1]
    assert_sound(db, loop)


def test_the_app_killed_at_random_moments_loses_no_saved_edit(tmp_path):
    """The app in a process of its own (tests/fixtures/app_driver.py), killed by SIGKILL after a random number of
    saves and a random moment more, while the command loop runs: what it last said was saved (or the edit in
    flight, never anything older) is what another process reads."""
    db = base(tmp_path)
    loop = CommandLoop(db, tmp_path)
    loop.start()
    rng = random.Random(13)
    first, kills, acknowledged = 0, 0, 0
    try:
        while kills < 3 or loop.rounds < 1:
            app = subprocess.Popen(
                [sys.executable, str(DRIVER), str(db), str(first)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            lines = []
            for _ in range(rng.randint(1, 5)):
                lines.append(app.stdout.readline())
                if not lines[-1].startswith("saved "):
                    app.kill()
                    raise AssertionError(f"the app said {lines[-1]!r}: {app.stderr.read()}")
            time.sleep(rng.uniform(0, 0.3))  # the next edit typed, in flight, or saved
            app.send_signal(signal.SIGKILL)
            app.wait()
            kills += 1
            lines += app.stdout.readlines()  # said before the kill
            app.stdout.close()
            app.stderr.close()
            acknowledged += len(lines)
            _, value, version = lines[-1].split()
            last = int(value.removeprefix("区"))
            seen = shown_elsewhere(db)
            assert seen["region"] in (value, f"区{last + 1}") and seen["version"] >= int(version), (seen, lines[-1])
            first = last + 2  # never a value seen before
    finally:
        loop.stop.set()
        loop.join()
    assert kills >= 3 and acknowledged >= kills
    assert_sound(db, loop)
