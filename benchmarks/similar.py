"""Similar projects for a new draft (kb.drafting.suggest.similar_projects, the app's `s` and `kb suggest`).

    python benchmarks/run.py --indicators 200000 --corpus real --work /tmp/kb-bench   # a base, once
    python benchmarks/similar.py /tmp/kb-bench/real/kb.sqlite3 [--drafts 25]

Drafts are made from the base's own projects, chosen at random with a fixed seed: the name without its last two
characters, alone and with the first half of the overview (what an officer types, and what a draft holds). Prints
the median and p95 per call of each, in process on one connection, and how often the project a draft was made from
comes first. Run it from two checkouts, alternating, to compare them on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import calibrate, pct  # noqa: E402
from kb.db import connect  # noqa: E402
from kb.drafting.suggest import similar_projects  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--drafts", type=int, default=25)
    args = parser.parse_args()
    conn = connect(args.db, create=False, readonly=True)
    projects = conn.execute("SELECT id, name, coalesce(overview, '') FROM projects WHERE kind = 'project'").fetchall()
    picks = random.Random(1).sample(projects, min(args.drafts, len(projects)))
    similar_projects(conn, "预热 warm-up")  # rapidfuzz's import and the first reads, once
    print(f"{len(projects)} projects; calibration {calibrate():.0f} ms")
    for label, with_overview in (("name", False), ("name + overview", True)):
        times, first = [], 0
        for pid, name, overview in picks:
            start = time.perf_counter()
            hits = similar_projects(conn, name[:-2] or name, overview[: len(overview) // 2] if with_overview else "")
            times.append((time.perf_counter() - start) * 1000)
            first += bool(hits) and hits[0].project_id == pid
        print(
            f"{label}: median {pct(times, 50):.0f} ms, p95 {pct(times, 95):.0f} ms; "
            f"the draft's own project first {first} of {len(picks)}"
        )


if __name__ == "__main__":
    main()
