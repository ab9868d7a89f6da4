"""The app and the command line on one knowledge base, in real processes: the app edits a draft (Pilot, its own
connections and draft writer) while `kb search`, `kb draft add`, `kb import` and `kb backup` run in a loop of other
processes; then the same with the app killed by SIGKILL at random moments. Nothing the app said was saved is lost,
other processes see each save, and the base stays sound (issue 13: the WAL was deleted under the app)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import seed
from fixtures.app_driver import WAIT, open_first_draft, save_region
from kb.db import connect
from kb.drafting import drafts
from tui.app import make_app

NAME = "并发草稿"
AGAIN = 4.0  # seconds after which a key the app showed nothing for is sent again
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


class Terminal:
    """`kb tui` in a terminal of its own (tmux on a socket of this test's, 120×40; Textual draws on stderr, so
    nothing is redirected): keys sent, the screen read, the app's process killed."""

    def __init__(self, tmp_path: Path, db: Path) -> None:
        self.socket = f"kb-test-{os.getpid()}-{id(self)}"
        self.db, self.home = db, tmp_path / "home"
        self.home.mkdir(exist_ok=True)

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout

    def start(self, name: str) -> None:
        """A new window `name` running the app."""
        command = f"exec env HOME={self.home} TERM=xterm-256color {sys.executable} -m kb --db {self.db} tui"
        self.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
        self.tmux("set-option", "-g", "remain-on-exit", "on")  # the server outlives a killed app, till close()
        self.name, self.pid = name, int(self.tmux("list-panes", "-t", name, "-F", "#{pane_pid}").strip())

    def size(self) -> str:
        return self.tmux("display", "-p", "-t", self.name, "#{window_width}×#{window_height}").strip()

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def until(self, ready, what: str):
        """Poll (the screen, the base) until `ready()` gives something true, and give it."""
        deadline = time.monotonic() + WAIT
        while not (found := ready()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {WAIT:.0f} s for {what}; the screen ({self.size()}):\n{self.screen()}")
            time.sleep(0.05)
        return found

    def press(self, key: str, ready, what: str) -> None:
        """Send `key` until `ready()` (again after a few seconds of nothing: a key sent while the app was still
        moving the focus on a loaded machine)."""
        deadline = time.monotonic() + WAIT
        while True:
            self.keys(key)
            again = time.monotonic() + AGAIN
            while not ready():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"waited {WAIT:.0f} s for {what}; the screen ({self.size()}):\n{self.screen()}")
                if time.monotonic() > again:
                    break
                time.sleep(0.05)
            else:
                return

    def shows(self, text: str) -> bool:
        return text in self.screen()

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.until(lambda: not _alive(self.pid), "the app's end")

    def close(self) -> None:
        """End the terminal's server (and the app in it) and remove its socket, which tmux leaves behind."""
        path = subprocess.run(["tmux", "-L", self.socket, "display", "-p", "#{socket_path}"], capture_output=True)
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        if path.returncode == 0:
            Path(path.stdout.decode().strip()).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, killed and not yet reaped by tmux, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _left(db: Path) -> list[dict]:
    """What row dialogs keep of their typing, as another process reads it."""
    conn = connect(db)
    try:
        return [json.loads(typed) for (typed,) in conn.execute("SELECT typed FROM draft_unsaved")]
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_typing_in_a_row_dialog_survives_the_app_killed_and_is_offered_back(tmp_path):
    """`kb tui` in a real terminal: a row's dialog opened and typed into, the process killed by SIGKILL; the row is
    as it was (nothing saved without a save), the typing is in the base, and the next start offers it back in the
    row's dialog, where ctrl+s saves it."""
    db = tmp_path / "kb.sqlite3"
    conn = connect(db)
    drafts.create(conn, NAME)
    drafts.add_row(conn, NAME, drafts.new_row("补贴发放准确率", target="=100%"))
    conn.close()
    term = Terminal(tmp_path, db)
    sockets = set(Path(f"/tmp/tmux-{os.getuid()}").glob("kb-test-*"))
    try:
        for run in ("killed", "offered-back"):
            term.start(run)
            term.until(lambda: term.shows("起草 Drafts F5"), "the first screen")
            term.press("F5", lambda: term.shows("1 个草稿 drafts"), "the list of drafts")
            term.press("Enter", lambda: not term.shows("↵ 打开 open"), "the list left for the draft")
            if run == "killed":
                term.until(lambda: term.shows("第 2 版"), "the draft")
                term.press("Enter", lambda: term.shows("第 1 行 row 1"), "the row's dialog")
                term.keys("End", *["BSpace"] * 5)
                term.keys("≥98%", literal=True)
                term.until(lambda: [t["target"] for t in _left(db)] == ["≥98%"], "the typing kept")
                term.kill()
                assert stored_row(db) == ("=100%", 2)
            else:
                term.until(lambda: term.shows("恢复了") and term.shows("指标值 ≥98%"), "the typing offered back")
                term.keys("C-s")
                term.until(lambda: stored_row(db) == ("≥98%", 3) and not _left(db), "the save")
    finally:
        term.close()
    assert set(Path(f"/tmp/tmux-{os.getuid()}").glob("kb-test-*")) <= sockets  # no tmux socket left behind


def stored_row(db: Path) -> tuple[str, int]:
    """The first row's target and the draft's version, as another process reads them."""
    conn = connect(db)
    try:
        draft = drafts.open_draft(conn, NAME)
        return draft.rows[0].target, draft.version
    finally:
        conn.close()
