"""Snapshots of the main screens (pytest-textual-snapshot). After a deliberate change of the look, look at
the report, then regenerate with: pytest tests/test_tui_snapshots.py --snapshot-update"""

from __future__ import annotations


from textual.widgets import Input

from kb.db import connect
from tui.app import make_app
from conftest import workers_done


def start(path):
    app = make_app(path)
    app.animation_level = "none"
    return app


async def quiet(pilot, rounds: int = 3) -> None:
    """Until no worker has run for `rounds` checks in a row: a worker's answer may start the next one (names, then
    their counts, then the precedents of the first), however slowly a loaded machine runs them."""
    calm = 0
    for _ in range(100):
        await workers_done(pilot)
        await pilot.pause()
        busy = any(worker.is_running for worker in pilot.app.workers)
        calm = 0 if busy else calm + 1
        if calm >= rounds:
            return


def steps(*keys: str):
    """A run_before that settles the app (workers done), fixes the header's path, then presses `keys`."""

    async def run_before(pilot) -> None:
        pilot.app.sub_title = "kb.sqlite3"  # the test's temporary path differs on every run
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        for key in ("", *keys):
            if key:
                await pilot.press(key)
            await quiet(pilot)
        for box in pilot.app.query(Input):  # the cursor drawn as it stands still (a blur and focus on the way may
            box.cursor_blink = True  # have left it hidden): switching the blink off shows it
            box.cursor_blink = False

    return run_before


def test_browse(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(120, 40), run_before=steps())


def test_browse_small_terminal(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(80, 24), run_before=steps())


def test_indicator_search(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(120, 40), run_before=steps("f3", "m", "y", "d"))


def test_indicator_search_wide(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(200, 50), run_before=steps("f3", *"满意"))


def test_project_search(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(120, 40), run_before=steps("f4", *"人才"))


def test_empty_database(snap_compare, db_path):
    connect(db_path).close()
    assert snap_compare(start(db_path), terminal_size=(100, 30), run_before=steps())


def test_help(snap_compare, seeded):
    assert snap_compare(start(seeded), terminal_size=(100, 30), run_before=steps("f1"))


def with_draft(path):
    """A draft filled from the 补贴/奖励类 template."""
    from kb.drafting import drafts
    from kb.drafting.suggest import template_rows

    conn = connect(path)
    draft = drafts.create(conn, "科技型企业研发补贴", year=2025, spending_type="补贴/奖励类", department="科技局")
    drafts.apply_rows(conn, draft.id, template_rows(conn, "补贴/奖励类"))
    conn.close()
    return path


def test_draft_editor_small_terminal(snap_compare, seeded):
    with_draft(seeded)
    assert snap_compare(start(seeded), terminal_size=(80, 24), run_before=steps("f5", "enter"))


def test_draft_editor(snap_compare, seeded):
    """At 120×40, the cursor in the head's department field (its focus shown by its background)."""
    with_draft(seeded)
    assert snap_compare(start(seeded), terminal_size=(120, 40), run_before=steps("f5", "enter", *["tab"] * 5))


def test_draft_copied_figures_small_terminal(snap_compare, seeded):
    """At 80×24, a draft holding a similar project's figures: its copied-figure warning one entry for the project they
    came from (each row's four lines had filled the checks box, the other checks out of sight), highlighted."""
    from kb.drafting import drafts, suggest

    conn = connect(seeded)
    project = conn.execute("SELECT id FROM projects WHERE name = '人才工作专项经费'").fetchone()[0]
    draft = drafts.create(conn, "2026人才工作", year=2026)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, project))
    conn.close()
    assert snap_compare(start(seeded), terminal_size=(80, 24), run_before=steps("f5", "enter", "tab", *["down"] * 4))
