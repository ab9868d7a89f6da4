"""A folder of mixed files imports in one command: the seeds in several formats, junk, a corrupt file;
parsed in worker processes, stored one document at a time, with a report of what failed or was skipped."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from fixtures.make_fixtures import document_rows, write_docx, write_xlsx
from kb.ingest import run as ingest
from kb.ingest import workers as parsing
from cli.app import app
from kb.db import connect

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def folder(tmp_path):
    """预算公开/ with the seeds as text, .xlsx, .docx, .pdf and .xls, plus junk and broken files."""
    root = tmp_path / "预算公开"
    (root / "2020").mkdir(parents=True)
    (root / "2021" / "子目录").mkdir(parents=True)
    shutil.copy(SEEDS / "000_d729adc989a4b499.txt", root / "2020" / "000_d729adc989a4b499.txt")
    shutil.copy(SEEDS / "manifest.toml", root / "2020" / "manifest.toml")
    write_xlsx(document_rows("seed001"), root / "2020" / "汇总表.xlsx")
    write_docx(document_rows("seed004"), root / "2020" / "申报表.docx")
    shutil.copy(FIXTURES / "seed003.pdf", root / "2021" / "重点项目.pdf")
    shutil.copy(FIXTURES / "flat_sheet.xls", root / "2021" / "子目录" / "部门汇总.xls")
    write_xlsx(document_rows("seed002"), root / "2021" / "copy-a.xlsx")
    shutil.copy(root / "2021" / "copy-a.xlsx", root / "2021" / "copy-b.xlsx")  # same content twice
    (root / "2021" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    shutil.copy(FIXTURES / "seed004.doc", root / "2021" / "申报表（旧版）.doc")
    (root / "2021" / "表格.ods").write_bytes(b"\xd0\xcf\x11\xe0")
    (root / "2021" / "~$汇总表.xlsx").write_bytes(b"lock")
    (root / "2021" / "说明.txt").write_text("本文件夹收录部门预算公开文件。\n", "utf-8")
    (root / "2021" / "broken.xlsx").write_bytes((root / "2020" / "汇总表.xlsx").read_bytes()[:2000])
    (root / "2021" / "draft.docx").write_text("绩效目标（草稿）\n待补充\n", "utf-8")  # text under a .docx name
    return root


def _by_name(results):
    return {r.path.name: r for r in results}


def test_mixed_folder_in_one_call(conn, folder):
    results = _by_name(ingest.import_paths(conn, [folder]))
    imported = {name: (r.layout, r.projects, r.indicators) for name, r in results.items() if r.status == "imported"}
    assert imported == {
        "000_d729adc989a4b499.txt": ("form-kv", 4, 32),
        "汇总表.xlsx": ("summary-table", 11, 75),
        "申报表.docx": ("word-cells", 1, 4),
        "重点项目.pdf": ("form-kv", 10, 131),
        "部门汇总.xls": ("flat-sheet", 3, 20),
        "copy-a.xlsx": ("inline-table", 13, 53),
    }
    assert results["copy-b.xlsx"].status == "unchanged" and "copy-a.xlsx" in results["copy-b.xlsx"].message
    old_word = results["申报表（旧版）.doc"]  # the same form as an old Word .doc: read, and known as the same tables
    assert old_word.status == "unchanged" and "申报表.docx" in old_word.message, old_word.message
    assert {name: r.status for name, r in results.items() if r.status in ("failed", "skipped")} == {
        "photo.png": "skipped",
        "表格.ods": "skipped",
        "~$汇总表.xlsx": "skipped",
        "说明.txt": "skipped",
        "broken.xlsx": "failed",
        "draft.docx": "failed",
    }
    assert "save it as .xlsx" in results["表格.ods"].message
    assert "not a goal document" in results["说明.txt"].message
    assert "corrupt" in results["broken.xlsx"].message
    assert "layout unknown" in results["draft.docx"].message
    assert conn.execute("SELECT count(*) FROM projects").fetchone()[0] == 4 + 11 + 1 + 10 + 3 + 13
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = ingest.import_paths(conn, [folder])
    assert {r.status for r in again} == {"unchanged", "failed", "skipped"}


def test_parallel_and_serial_parsing_store_the_same(tmp_path, folder):
    counts = []
    for workers in (1, 2):
        conn = connect(tmp_path / f"w{workers}.sqlite3")
        ingest.import_paths(conn, [folder], workers=workers)
        counts.append(
            [
                tuple(r)
                for r in conn.execute(
                    "SELECT p.name, count(i.id) FROM projects p LEFT JOIN indicators i ON i.project_id = p.id "
                    "GROUP BY p.id ORDER BY p.name"
                )
            ]
        )
    assert counts[0] == counts[1] and len(counts[0]) == 42


def test_a_file_that_takes_too_long_is_stopped(tmp_path, monkeypatch):
    for i in range(4):
        shutil.copy(SEEDS / "001_31ffd794032f8962.txt", tmp_path / f"{i}.txt")
    monkeypatch.setattr(parsing, "PARSE_TIMEOUT", 0.0)
    results = list(parsing.parse_all(sorted(tmp_path.glob("*.txt")), workers=2))
    assert len(results) == 4
    assert all(p.status == "failed" and "took longer" in p.message for _, p in results if p.doc is None)


def test_workers_parse_ahead_of_a_slow_caller_but_only_so_far_and_stop_with_it(tmp_path, monkeypatch):
    """Results wait for the caller (at most LOOKAHEAD files per worker are handed out ahead of it); a caller
    that stops early leaves no worker process behind."""
    import multiprocessing
    import multiprocessing.connection
    import time

    for i in range(12):
        shutil.copy(SEEDS / "001_31ffd794032f8962.txt", tmp_path / f"{i:02}.txt")
    monkeypatch.setattr(parsing, "LOOKAHEAD", 1)
    handed_out = []
    real_send = multiprocessing.connection.Connection.send

    def send(self, obj):
        if isinstance(obj, type(tmp_path)):
            handed_out.append(obj)
        return real_send(self, obj)

    monkeypatch.setattr(multiprocessing.connection.Connection, "send", send)
    results = parsing.parse_all(sorted(tmp_path.glob("*.txt")), workers=2)
    next(results)
    time.sleep(2.0)  # a slow store: the workers finish what they were given, then wait
    assert len(handed_out) <= 1 + 2  # the one taken and one per worker
    next(results)
    results.close()
    assert not multiprocessing.active_children()


def test_a_failure_to_run_workers_reaches_the_caller(tmp_path, monkeypatch):
    for i in range(4):
        shutil.copy(SEEDS / "001_31ffd794032f8962.txt", tmp_path / f"{i}.txt")
    monkeypatch.setattr(parsing, "_worker", lambda conn: None)  # cannot be sent to a spawned process
    with pytest.raises(Exception, match="pickle|attribute lookup"):
        list(parsing.parse_all(sorted(tmp_path.glob("*.txt")), workers=2))


@pytest.mark.parametrize("report_name", ["report.csv", "report.md"])
def test_cli_import_with_report(tmp_path, folder, report_name):
    report = tmp_path / report_name
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "kb.sqlite3"), "import", str(folder), "--report", str(report)]
    )
    assert result.exit_code == 1, result.output  # two files failed
    assert "导入 6 imported" in result.stdout
    assert "未变 2 unchanged · 跳过 4 skipped · 失败 2 failed" in result.stdout
    assert "not imported" in result.stderr and "failed" in result.stderr
    text = report.read_text("utf-8-sig")
    if report_name.endswith(".csv"):
        rows = list(csv.reader(text.splitlines()))
        assert rows[0] == ["文件 file", "状态 status", "原因 reason"]  # Chinese first, as on the screen
        assert [(r[0].split("/")[-1], r[1]) for r in rows[1:3]] == [
            ("broken.xlsx", "失败 failed"),
            ("draft.docx", "失败 failed"),
        ]
        assert len(rows) == 1 + 6
    else:
        assert text.startswith("| 文件 file | 状态 status | 原因 reason |\n|---|---|---|\n")
        assert text.count("\n") == 2 + 6 and "| 失败 failed | 文件不完整：结尾缺失" in text  # broken.xlsx: cut short


def test_a_folder_holding_the_base_imports_without_listing_the_base_as_skipped(tmp_path):
    """kb import of the folder one's kb.sqlite3 sits in listed it, its -shm and -wal as skipped files."""
    shutil.copy(SEEDS / "000_d729adc989a4b499.txt", tmp_path / "a.txt")
    (tmp_path / "notes.zip").write_bytes(b"PK")
    base = tmp_path / "kb.sqlite3"
    holder = connect(base)  # open, as the app holds it: its -wal and -shm are there
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    assert (tmp_path / "kb.sqlite3-wal").exists()
    result = CliRunner().invoke(app, ["--db", str(base), "import", str(tmp_path), "--json"])
    holder.close()
    skipped = [r["path"] for r in json.loads(result.stdout) if r["status"] == "skipped"]
    assert [p.split("/")[-1] for p in skipped] == ["notes.zip"]  # another file is still said


def test_an_interrupted_import_says_what_is_kept_in_one_line(tmp_path, folder, monkeypatch):
    """Its last line says how many files are stored (each said on its line as it was done, without a terminal)."""
    from kb.ingest.run import FileResult

    def interrupted(conn, walk, *args, progress=None, **kwargs):
        progress(FileResult(walk.files[0], "imported"))
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "import_paths", interrupted)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.sqlite3"), "import", str(folder)])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "kb: 已中断：已存入的 1 个文件保留，再次运行同一导入会存入其余的 interrupted: the documents stored "
        "so far are kept; the same import run again stores the rest"
    )


def test_workers_start_under_an_app_that_captures_stderr(tmp_path):
    """The terminal app captures sys.stderr with a file descriptor of -1, which multiprocessing passes on when it
    starts its resource tracker: an import from the app must still parse in worker processes."""
    import subprocess
    import sys

    for i in range(4):
        shutil.copy(SEEDS / "001_31ffd794032f8962.txt", tmp_path / f"{i}.txt")
    script = f"""
import sys
from pathlib import Path
from kb.ingest import workers as parsing
class Captured:
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

if __name__ == "__main__":
    sys.stderr = Captured()
    results = list(parsing.parse_all(sorted(Path({str(tmp_path)!r}).glob("*.txt")), workers=2))
    print(sorted(p.status for _, p in results))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(["parsed"] * 4)


def gbk(name: str) -> str:
    """`name` as a file name written on a Chinese Windows machine (GBK bytes), as Python reads it here."""
    return os.fsdecode(name.encode("gbk"))


def readable(name: str) -> str:
    """A GBK file name as it is stored and shown: its bytes that are not UTF-8 as \\xbc."""
    return name.encode("gbk").decode("utf-8", "backslashreplace")


@pytest.fixture
def windows_names(tmp_path):
    """12 documents (each a seed form under another project name), two named in GBK, and a GBK-named text that
    is not a goal document."""
    root = tmp_path / "归档"
    root.mkdir()
    text = (SEEDS / "000_d729adc989a4b499.txt").read_text("utf-8")
    for n in range(12):
        name = gbk(f"绩效目标表{n}.txt") if n in (3, 7) else f"{n:02}.txt"
        (root / name).write_text(text.replace("“政银保”贷款保证保险补贴\t", f"贷款保证保险补贴第{n}号\t", 1), "utf-8")
    (root / gbk("说明.txt")).write_text("绩效目标（草稿）\n待补充\n", "utf-8")  # no goal table: fails
    return root


def test_file_names_that_are_not_utf8_import_under_a_readable_name(conn, windows_names):
    for dry_run in (True, False):
        results = ingest.import_paths(conn, [windows_names], dry_run=dry_run)
        assert [r.status for r in results].count("would import" if dry_run else "imported") == 12
        assert [r.status for r in results if r.path.name == gbk("说明.txt")] == ["failed"]
    names = [r[0] for r in conn.execute("SELECT file_name FROM documents ORDER BY file_name")]
    assert len(names) == 12 and readable("绩效目标表3.txt") in names and readable("绩效目标表7.txt") in names
    assert readable("绩效目标表3.txt") == "\\xbc\\xa8ЧĿ\\xb1\\xea\\xb1\\xed3.txt"  # d0a7, c4bf happen to be UTF-8
    (path,) = conn.execute("SELECT path FROM documents WHERE file_name LIKE '%3.txt' AND path LIKE '%\\x%'").fetchone()
    assert path.startswith(str(windows_names.resolve())) and path.encode("utf-8")
    again = ingest.import_paths(conn, [windows_names])
    assert {r.status for r in again} == {"unchanged", "failed"}


@pytest.mark.parametrize("more", [["--dry-run"], [], ["--json"]])
def test_cli_import_of_file_names_that_are_not_utf8(tmp_path, windows_names, more):
    """In a real process: its output is UTF-8 that a terminal shows, with the undecodable bytes as \\xbc."""
    report = tmp_path / "未导入.csv"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "--db",
            str(tmp_path / "kb.sqlite3"),
            "import",
            str(windows_names),
            "--report",
            str(report),
            *more,
        ],
        capture_output=True,
        env={**os.environ, "COLUMNS": "300"},
        timeout=300,
    )
    stdout, stderr = out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    assert out.returncode == 1 and "Traceback" not in stderr, stderr  # the 说明.txt failed, nothing else
    if more == ["--json"]:
        results = json.loads(stdout)
        assert [r["status"] for r in results].count("imported") == 12
        assert readable("绩效目标表7.txt") in {r["path"].rsplit("/", 1)[-1] for r in results}
    else:
        stored = "将导入 12 would import" if more else "导入 12 imported"
        assert f"{stored}（替换 0 replaced）· 未变 0 unchanged · 跳过 0 skipped · 失败 1 failed" in stdout
        assert readable("绩效目标表7.txt") in stdout and readable("说明.txt") in stderr.replace("\n", "")
    assert f"{readable('说明.txt')},失败 failed" in report.read_text("utf-8-sig")


async def test_the_app_imports_file_names_that_are_not_utf8(tmp_path, windows_names):
    from tui.app import make_app
    from tui.widgets.import_status import ImportDone
    from conftest import workers_done

    db = tmp_path / "kb.sqlite3"
    connect(db).close()
    app = make_app(db)
    app.animation_level = "none"
    done: list[ImportDone] = []
    hook = lambda message: done.append(message) if isinstance(message, ImportDone) else None  # noqa: E731
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await workers_done(pilot)
        app.start_import([windows_names])
        for _ in range(3):
            await workers_done(pilot)
            await pilot.pause()
    assert done and not done[0].error
    assert [r.status for r in done[0].results].count("imported") == 12
    c = connect(db)
    assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 12
    c.close()
