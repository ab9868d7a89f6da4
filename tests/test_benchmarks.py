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


def test_instruction_counts_stages_run_and_the_last_imports_the_files(tmp_path):
    """benchmarks/instructions.py runs its stages under valgrind; here without it, as the child process does."""
    import sqlite3

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus

    write_corpus(tmp_path / "corpus", 3000, seed=5)
    for stage in ("start", "parse", "import"):
        run = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "instructions.py"), "--stage", stage, "--files", "3"]
            + [str(tmp_path / "corpus"), str(tmp_path / f"{stage}.sqlite3")],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-2000:]
    assert not (tmp_path / "parse.sqlite3").exists()
    conn = sqlite3.connect(tmp_path / "import.sqlite3")
    assert conn.execute("SELECT count(*) FROM indicators").fetchone()[0] == 3000


def test_similar_projects_benchmark_runs_on_the_seeds(tmp_path):
    from kb.db import connect
    from kb.ingest.run import import_seeds

    conn = connect(tmp_path / "kb.sqlite3")
    import_seeds(conn)
    conn.close()
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "similar.py"), str(tmp_path / "kb.sqlite3"), "--drafts", "3"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert int(lines[0].split()[0]) > 3 and lines[0].split()[1] == "projects;"
    assert [line.split(":")[0] for line in lines[1:]] == ["name", "name + overview"]
    assert all("the draft's own project first" in line and "of 3" in line for line in lines[1:])
