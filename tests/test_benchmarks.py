"""The benchmark scripts keep working: a tiny run end to end (its numbers are not asserted)."""

import subprocess
import sys

from conftest import ROOT


def test_tiny_benchmark_run_writes_a_report(tmp_path):
    out = tmp_path / "benchmarks.md"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--indicators",
            "2000",
            "--quick",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = out.read_text("utf-8")
    for section in (
        "## Import",
        "## `kb search` in process",
        "## `kb search Q --json` whole command",
        "## Fuzzy indicator search per keystroke",
        "## TUI",
    ):
        assert section in report
    assert "2,000 indicators" in report and "First screen" in report
    assert "| | short | real |" in report  # both corpora, side by side


def test_corpus_is_deterministic_and_parses(tmp_path):
    sys.path.insert(0, str(ROOT))
    import importers
    from benchmarks.corpus import write_corpus

    first = write_corpus(tmp_path / "a", 3000, seed=5)
    second = write_corpus(tmp_path / "b", 3000, seed=5)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    layouts = {importers.parse_file(p).layout for p in first}
    assert layouts == {"form-kv", "summary-table", "inline-table"}
    assert sum(len(x.indicators) for p in first for x in importers.parse_file(p).projects) == 3000
