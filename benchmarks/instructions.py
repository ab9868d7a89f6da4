"""The import's parse and store counted in instructions (valgrind's callgrind), per indicator: a count that stays
within a percent from run to run on a shared machine, where its wall and CPU times vary 2–3× between hours.

    python benchmarks/instructions.py CORPUS [--files 12] [--against TREE]

Imports every k-th text file of CORPUS (`--files` of them, spread over its regions) into a new base in one process
under callgrind, three times: stopping after Python's start and imports, after parsing the files, and after the whole
import (`import_paths`, one batch). The parse's instructions are the second run less the first; the store's, the third
less the second. With `--against TREE` (a checkout of another commit: `git worktree add --detach TREE COMMIT`) the
same is counted for it, side by side. Needs valgrind; about 50× slower than the import itself.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
STAGES = ("start", "parse", "import")


def files(corpus: Path, count: int) -> list[Path]:
    """`count` of the corpus's text files, every k-th of them in path order."""
    found = sorted(corpus.rglob("*.txt"))
    return found[:: max(1, len(found) // count)][:count]


def stage(name: str, corpus: Path, count: int, db: Path) -> None:
    """What one counted run does (run in the child process)."""
    from kb.db import connect
    from kb.ingest import run
    from kb.ingest.workers import parse_document

    paths = files(corpus, count)
    if name == "start":
        return
    if name == "parse":
        for path in paths:
            parse_document(path)
        return
    run.BATCH_SECONDS = float("inf")  # batches by indicators alone: under callgrind each document takes seconds
    run.import_paths(connect(db), paths, workers=1)


def count(tree: Path, corpus: Path, number: int) -> dict[str, int]:
    """Instructions of each stage run from the checkout at `tree`."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in STAGES:
            log = Path(tmp) / f"{name}.out"
            subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={log}",
                    sys.executable,
                    __file__,
                    "--stage",
                    name,
                    "--files",
                    str(number),
                    str(corpus),
                    str(Path(tmp) / f"{name}.sqlite3"),
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "PYTHONPATH": str(tree)},
            )
            out[name] = int(re.search(r"^summary: (\d+)", log.read_text(), re.M).group(1))
    return out


def indicators(corpus: Path, number: int) -> int:
    """The indicators of the counted files, as `kb import` stores them."""
    from kb.ingest.workers import parse_document

    return sum(len(p.indicators) for path in files(corpus, number) for p in parse_document(path).doc.projects)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("db", type=Path, nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--against", type=Path, help="another checkout, counted side by side")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        stage(args.stage, args.corpus, args.files, args.db)
        return
    sys.path.insert(0, str(HERE))
    total = indicators(args.corpus, args.files)
    trees = [("this checkout", HERE)] + ([(str(args.against), args.against.resolve())] if args.against else [])
    print(f"{args.files} files of {args.corpus}, {total:,} indicators; instructions per indicator (millions in all)\n")
    print("| checkout | parse | store | import |\n|---|---|---|---|")
    for label, tree in trees:
        runs = count(tree, args.corpus, args.files)
        parse, store = runs["parse"] - runs["start"], runs["import"] - runs["parse"]
        print(
            f"| {label} | {parse // total:,} ({parse / 1e6:,.0f}M) | {store // total:,} ({store / 1e6:,.0f}M) "
            f"| {(parse + store) // total:,} |"
        )


if __name__ == "__main__":
    main()
