"""The app's reading lanes (tui.data.Database) when the app quits."""

from __future__ import annotations

import threading

import pytest

from kb.db import connect
from kb.errors import KbError
from tui.data import Database

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _in_thread(fn) -> tuple[threading.Thread, list]:
    out: list = []

    def run() -> None:
        try:
            out.append(fn())
        except Exception as exc:  # what the call raised, for the test to read
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_closing_interrupts_a_read_that_never_ends(tmp_path):
    connect(tmp_path / "kb.sqlite3").close()
    db = Database(tmp_path / "kb.sqlite3")
    running = threading.Event()

    def endless(conn):
        conn.set_progress_handler(lambda: running.set(), 1000)  # called while the query runs (None: go on)
        return conn.execute(ENDLESS).fetchone()

    thread, out = _in_thread(lambda: db.call(endless, lane="catalog"))
    assert running.wait(60)
    closer, _ = _in_thread(db.close)
    closer.join(60)
    try:
        assert not closer.is_alive()  # without the interrupt close() waits for ever
    finally:
        if (conn := db._conns.get("catalog")) is not None:
            conn.interrupt()  # a failed test leaves no query running
    thread.join(60)
    assert isinstance(out[0], KbError)


def test_closing_waits_for_the_main_lane_which_writes(tmp_path):
    connect(tmp_path / "kb.sqlite3").close()
    db = Database(tmp_path / "kb.sqlite3")
    release, writing = threading.Event(), threading.Event()

    def write(conn):
        writing.set()
        release.wait(60)
        conn.execute("CREATE TABLE kept (x)")
        return "written"

    thread, out = _in_thread(lambda: db.call(write))
    assert writing.wait(60)
    closer, _ = _in_thread(db.close)
    closer.join(0.2)
    assert closer.is_alive()  # waiting for the write, not interrupting it
    release.set()
    closer.join(60)
    thread.join(60)
    assert out == ["written"]
    with connect(tmp_path / "kb.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'kept'").fetchone()[0] == 1


@pytest.mark.parametrize("lane", ["main", "names"])
def test_closing_an_idle_database(tmp_path, lane):
    connect(tmp_path / "kb.sqlite3").close()
    db = Database(tmp_path / "kb.sqlite3")
    assert db.call(lambda conn: conn.execute("SELECT 1").fetchone()[0], lane=lane) == 1
    db.close()
