"""Headless TUI timings for benchmarks/run.py: first screen, and keystroke to results in indicator search.

    python benchmarks/tui_probe.py DB   → prints JSON {first_screen_ms, keystroke_p50, keystroke_p95, keystrokes}

First screen: from the start of this process until the project tree is filled and drawn. Keystroke: from a character typed
into the indicator search box until the results for the box's new value are in the table (it stops loading).
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

TYPED = ["满意度", "myd", "及时率", "jsl", "资金发放"]


async def probe(db: Path) -> dict:
    from textual.widgets import Input

    from tui.app import make_app
    from tui.screens.indicators import IndicatorsPane
    from tui.widgets.copy_table import CopyTable

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.catalog.loaded:
            await asyncio.sleep(0.005)
        await pilot.pause()  # the tree and card drawn
        first_screen = (time.perf_counter() - START) * 1000
        await pilot.press("f3")
        pane = app.screen.query_one(IndicatorsPane)
        table = pane.query_one("#names", CopyTable)
        box = pane.query_one("#ind-query", Input)
        while table.loading:  # the first search also loads the name index
            await asyncio.sleep(0.005)
        times = []
        for word in TYPED:
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
                times.append((time.perf_counter() - start) * 1000)
    return {"first_screen_ms": first_screen, "keystroke_p50": statistics.median(times),
            "keystroke_p95": statistics.quantiles(times, n=20)[-1], "keystrokes": len(times)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(Path(sys.argv[1])))))
