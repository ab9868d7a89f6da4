"""The import's store alone: the corpus parsed beforehand (kept in a pickle), then fed to `import_paths` in file
order, so the storing process's CPU is measured without the parse workers sharing the cores.

    python benchmarks/store_only.py CORPUS PARSES DB [--profile OUT]

PARSES is made on the first run (every text file of CORPUS parsed by two processes) and read on the next ones, so
two checkouts' runs (`python TREE/benchmarks/store_only.py …`: each stores with its own code) store the same parses.
Prints the store's wall and CPU seconds; `--profile` writes its cProfile statistics.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.db import connect  # noqa: E402
from kb.ingest import run  # noqa: E402
from kb.ingest.workers import parse_document  # noqa: E402


def parses(corpus: Path, kept: Path) -> dict:
    """Each text file of the corpus with its parse, made and kept in `kept` the first time."""
    if not kept.exists():
        paths = sorted(corpus.rglob("*.txt"))
        with Pool(2) as pool:
            kept.write_bytes(pickle.dumps(dict(zip(paths, pool.map(parse_document, paths, chunksize=8)))))
    return pickle.loads(kept.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("parses", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    parsed = parses(args.corpus, args.parses)
    run.parse_all = lambda order, workers=None, reading=None: ((path, parsed[path]) for path in order)
    for old in args.db.parent.glob(args.db.name + "*"):
        old.unlink()
    conn = connect(args.db)
    profile = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    run.import_paths(conn, sorted(parsed))
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    print(f"store: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
