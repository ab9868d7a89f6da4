"""Time and peak memory of `kb import FILE` for each hostile document of issue 13, and for the legitimate large
ones that must keep importing (the figures in docs/reliability.md).

    python benchmarks/hostile.py --work /tmp/hostile              # every file, with the default limits
    python benchmarks/hostile.py --work /tmp/hostile --only zip-bomb --timeout 900

Each file is written once into --work (tests/fixtures/hostile.py), then imported by `kb` (`python -m kb`, so
PYTHONPATH can point at another checkout) into a new knowledge base. Peak memory is the largest of the command's
processes, not their sum (`os.wait4` counts the parse workers it waited for); a run over --timeout is stopped.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures import hostile  # noqa: E402

FILES = {  # name → (file, writer): the sizes of the attacks reported in issue 13
    "xlsx-201MB": ("dense.xlsx", lambda p: hostile.dense_sheet(p, 199_000, 200)),
    "zip-bomb": ("bomb.xlsx", lambda p: hostile.repeated_sheet(p, 100_000, 200)),
    "huge-cell": ("cell.xlsx", lambda p: hostile.huge_cell_sheet(p, 24_500_000)),
    "pdf-500k-chars": ("chars.pdf", lambda p: hostile.crowded_pdf(p, characters=500_000)),
    "pdf-100k-rects": ("rects.pdf", lambda p: hostile.crowded_pdf(p, rectangles=100_000)),
    "xlsx-100k-rows": ("goals.xlsx", lambda p: hostile.write_sheet(p, hostile.goal_rows(100_000))),
    "pdf-2000-pages": ("pages.pdf", lambda p: p.write_bytes(hostile.table_pdf(2_000))),
}


def measure(path: Path, db: Path, timeout: float) -> tuple[float, int, int | None, str]:
    """Wall seconds, peak RSS (bytes), exit code (None when stopped) and what the output says of the file."""
    db.unlink(missing_ok=True)
    log = db.with_suffix(".log")
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kb", "--db", str(db), "import", str(path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "COLUMNS": "400"},
        )  # the reason on the file's line
        code = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
    seconds = time.monotonic() - started
    process.returncode = code if code is not None else -9  # reaped here: Popen must not wait for it
    lines = log.read_text("utf-8", "replace").splitlines()
    said = [" ".join(line.strip(" │").split()) for line in lines if path.name in line]
    return seconds, usage.ru_maxrss * 1024, code, " / ".join(said or lines[-1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--only", action="append", choices=sorted(FILES))
    parser.add_argument("--timeout", type=float, default=1500)
    parser.add_argument("--write", choices=sorted(FILES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.write:
        file, write = FILES[args.write]
        write(args.work / file)
        return
    print("| file | size | time | peak memory | exit | output |\n|---|---|---|---|---|---|", flush=True)
    for name in args.only or FILES:
        file, write = FILES[name]
        path = args.work / file
        if not path.exists():  # written by a process of its own: a child forked from a large process starts large
            subprocess.run([sys.executable, __file__, "--work", str(args.work), "--write", name], check=True)
        seconds, peak, code, output = measure(path, args.work / f"{name}.sqlite3", args.timeout)
        shown = f"{seconds:.0f} s" if code is not None else f"> {seconds:.0f} s (stopped)"
        size = path.stat().st_size
        size_shown = f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size / 2**10:.0f} KiB"
        print(
            f"| {name} | {size_shown} | {shown} | {peak / 2**20:.0f} MiB | {code} | {output[:300].replace('|', '/')} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
