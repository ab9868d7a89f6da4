"""The app's reads beside a busy drawing thread: names' counts, precedents and project search, alone and with a thread
keeping the GIL busy (as the app's drawing thread does while a worker reads), in one run.

    python benchmarks/beside_busy.py DB [--runs 5]

A read that takes the GIL back often (at every row, every call of an SQL function written in Python, every call of a
progress handler) waits for the busy thread's switch interval each time; kb.find.gil says how the reads avoid it.
Prints a Markdown table of medians (ms); the ratio within a row is what to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.db import connect  # noqa: E402
from kb.find import precedents  # noqa: E402
from kb.find.search import Filters, search_projects  # noqa: E402

COUNTED = ["f", "服", "补", "服务对", "满意度"]  # names' counts of the names these find (50 each)
PROJECTS = ["率", "满", "补", "满意度", "服务对象满意度"]  # a page of 50 projects
BUSY_SECONDS = 1.5  # how long the busy thread runs: a read that waits for all of it takes about this long


def _busy(until: float) -> None:
    n = 0
    while time.perf_counter() < until:
        n += 1


def _timed(read, beside_busy: bool) -> float:
    thread = None
    if beside_busy:
        thread = threading.Thread(target=_busy, args=(time.perf_counter() + BUSY_SECONDS,))
        thread.start()
        time.sleep(0.01)
    start = time.perf_counter()
    read()
    elapsed = (time.perf_counter() - start) * 1000
    if thread is not None:
        thread.join()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    conn = connect(args.db)
    precedents.find_names(conn, "", Filters(), 50)  # the name index loaded before timing

    def count(hits: list) -> None:
        precedents._state(conn).counts.clear()  # counted afresh each time, as a new keystroke's names are
        precedents.count_names(conn, hits, Filters())

    found = {q: precedents.find_names(conn, q, Filters(), 50) for q in COUNTED}
    reads = [(f"names' counts `{q}`", lambda q=q: count(found[q])) for q in COUNTED]
    top = precedents.find_names(conn, "", Filters(), 2)  # the most used names
    reads += [
        (f"200 precedents of `{h.name}`", lambda h=h: precedents.precedents(conn, h.variants, None, 200)) for h in top
    ]
    reads += [(f"projects `{q}`", lambda q=q: search_projects(conn, q, Filters(), 50, 0)) for q in PROJECTS]
    print("| read | alone (ms) | beside a busy thread (ms) |\n|---|---|---|")
    for label, read in reads:
        alone = statistics.median(_timed(read, False) for _ in range(args.runs))
        busy = statistics.median(_timed(read, True) for _ in range(args.runs))
        print(f"| {label} | {alone:.0f} | {busy:.0f} |")


if __name__ == "__main__":
    main()
