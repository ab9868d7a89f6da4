"""Headless TUI timings for benchmarks/run.py: first screen, and keystroke to results in indicator search.

    python benchmarks/tui_probe.py DB   → prints JSON {first_screen_ms, keystroke_p50/p95, counted_p50/p95,
                                                   projects_p50/p95, projects_counted_p50/p95, keystrokes}

First screen: from the start of this process until the project tree and the first project's card are filled and
drawn (not until the process is idle: work started after the first screen is not part of it). Keystroke: from a
character typed into the indicator search box until the names matching the box's new value are in the table (it
stops loading), typing the next character at once. Counted: the same, but until the names' counts (projects,
regions, usual level and target) are in too, typing the next character only then. Projects: the same in the
Projects tab (F4): keystroke to the first page of projects, and to their exact count where an estimate was shown
first (each key typed only then).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TYPED = ["满意度", "myd", "及时率", "jsl", "资金发放"]  # typed at once: each key as soon as the names are in
PAUSED = ["服务对象", "fwdx", "完成率", "wcl", "补贴发放"]  # each key after the names' counts are in too
PROJECTS = ["满意度", "服务对象满意度", "补贴发放准确率", "率", "培训"]  # in the Projects tab, letter by letter


def _stats(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


async def probe(db: Path) -> dict:
    from textual.widgets import Input

    from tui.app import make_app
    from tui.widgets.copy_table import CopyTable
    from tui.widgets.project_card import ProjectCard

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        card = app.query_one(ProjectCard)
        while not (app.catalog.loaded and card.project is not None and not card.loading):
            await asyncio.sleep(0.005)
        drawn = asyncio.Event()
        app.screen.call_after_refresh(drawn.set)  # the next refresh draws the tree and the card
        await drawn.wait()
        first_screen = (time.perf_counter() - START) * 1000
        await pilot.press("f3")
        await app.main.ready()  # the hidden tabs' panes are mounted after the first screen
        pane = app.main.indicator_pane
        table = pane.query_one("#names", CopyTable)
        box = pane.query_one("#ind-query", Input)
        while table.loading:  # the first search also loads the name index
            await asyncio.sleep(0.005)

        async def type_words(words: list[str], wait_for_counts: bool) -> tuple[list[float], list[float]]:
            names, counted = [], []
            for word in words:
                box.value = ""
                await pilot.pause()
                while table.loading:
                    await asyncio.sleep(0.005)
                for ch in word:
                    before = pane.hits
                    start = time.perf_counter()
                    box.insert_text_at_cursor(ch)  # what a key press does, without Pilot's own settling delays
                    while pane.hits is before or table.loading:  # the answer to this very value, in the table
                        await asyncio.sleep(0.001)
                    names.append((time.perf_counter() - start) * 1000)
                    while wait_for_counts and pane.hits and not all(h.counted for h in pane.hits):
                        await asyncio.sleep(0.001)
                    counted.append((time.perf_counter() - start) * 1000)
            return names, counted

        names, _ = await type_words(TYPED, wait_for_counts=False)
        _, counted = await type_words(PAUSED, wait_for_counts=True)
        projects, projects_counted = await _type_projects(app, pilot)
    return {
        "first_screen_ms": first_screen,
        **dict(zip(("keystroke_p50", "keystroke_p95"), _stats(names))),
        **dict(zip(("counted_p50", "counted_p95"), _stats(counted))),
        **dict(zip(("projects_p50", "projects_p95"), _stats(projects))),
        **dict(zip(("projects_counted_p50", "projects_counted_p95"), _stats(projects_counted))),
        "keystrokes": len(names) + len(counted) + len(projects),
    }


async def _type_projects(app, pilot) -> tuple[list[float], list[float]]:
    """Keystroke to the first page of projects, and to the exact count (where an estimate came first)."""
    from textual.widgets import Input

    from tui.widgets.copy_table import CopyTable

    await pilot.press("f4")
    pane = app.main.project_pane
    table = pane.query_one("#proj-results", CopyTable)
    box = pane.query_one("#proj-query", Input)
    page, counted = [], []
    for word in PROJECTS:
        box.value = ""
        await pilot.pause()
        for ch in word:
            before = pane.hits
            start = time.perf_counter()
            box.insert_text_at_cursor(ch)
            while pane.hits is before or table.loading:
                await asyncio.sleep(0.001)
            page.append((time.perf_counter() - start) * 1000)
            while not getattr(pane.total, "exact", True):
                await asyncio.sleep(0.001)
            counted.append((time.perf_counter() - start) * 1000)
    return page, counted


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(Path(sys.argv[1])))))
