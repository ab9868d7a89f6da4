"""Queries of several words beside their words alone: what a second word costs (kb.vocab.tokens.query_words).

    python benchmarks/run.py --indicators 200000 --corpus real --work /tmp/kb-bench   # a base, once
    python benchmarks/words.py /tmp/kb-bench/real/kb.sqlite3

Times, in process as `kb search` runs them, the indicators (top 50) and projects (first page of 20) of each query and
the whole `search()`, then `kb search Q --json` from process start to exit, and the app's name search per keystroke
(kb.find.precedents.find_names on the loaded name index). Totals are printed as `kb search` counts them (≈ an
estimate). Ratios within one run are what to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import calibrate, pct, timed  # noqa: E402

# each word alone, then the words together
QUERIES = [
    "服务对象",
    "满意度",
    "服务对象 满意度",
    "应急物资",
    "应急物资 满意度",
    "农村公路",
    "养护",
    "农村公路 养护",
    "率",
    "满意度 率",
    "补贴",
    "发放准确率",
    "补贴 发放准确率",
    "地铁",
    "满意度 地铁",
    "资金 发放 准确率",
]


def shown(count) -> str:
    return f"{int(count):,}" if getattr(count, "exact", True) else f"≈{int(count):,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--commands", type=int, default=7, help="runs of `kb search Q --json` per query")
    args = parser.parse_args()
    from kb.db import connect
    from kb.find.precedents import find_names
    from kb.find.search import Filters, search, search_indicators, search_projects

    conn = connect(args.db)
    before = calibrate()
    find_names(conn, "满意度")  # the name index loaded, as the app holds it
    print(
        "| query | indicators | projects | indicators p50 / p95 ms | projects p50 / p95 ms | search() p95 ms "
        "| kb search --json p50 ms | names per keystroke p50 / p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for q in QUERIES:
        n_ind, _ = search_indicators(conn, q, Filters(), 50)
        n_proj, _ = search_projects(conn, q, Filters(), 20)
        ind = timed(lambda: search_indicators(conn, q, Filters(), 50), args.repeat)
        proj = timed(lambda: search_projects(conn, q, Filters(), 20), args.repeat)
        whole = timed(lambda: search(conn, q, Filters(), 20), args.repeat)
        names = timed(lambda: find_names(conn, q), args.repeat)
        command = []
        for _ in range(args.commands):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "kb", "--db", str(args.db), "search", q, "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
            )
            command.append((time.perf_counter() - start) * 1000)
        print(
            f"| {q} | {shown(n_ind)} | {shown(n_proj)} | {pct(ind, 50):.1f} / {pct(ind, 95):.1f} "
            f"| {pct(proj, 50):.1f} / {pct(proj, 95):.1f} | {pct(whole, 95):.1f} | {pct(command, 50):.0f} "
            f"| {pct(names, 50):.2f} / {pct(names, 95):.2f} |"
        )
    n = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    p = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
    print(f"\n{n:,} indicators, {p:,} projects; calibration loop {before:.0f} ms before, {calibrate():.0f} ms after")


if __name__ == "__main__":
    main()
