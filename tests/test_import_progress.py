"""One import run as both faces show it (kb.ingest.progress): sized from one walk, advanced by results and by the
bytes of streamed files, told in one summary line; the app's progress messages coalesce."""

from __future__ import annotations

import sqlite3

import pytest

import kb.db
from kb.db import connect
from kb.errors import busy, describe
from kb.ingest.progress import ImportProgress, summary
from kb.ingest.run import FileResult, Walk, collect_files
from tui.data import Busy, Database
from tui.widgets.import_status import ImportDone
from tui.widgets.import_status import ImportProgress as ProgressMessage


def test_bytes_files_and_failures_add_up_whether_a_file_was_streamed_or_not(tmp_path):
    small, big = tmp_path / "a.txt", tmp_path / "b.csv"
    small.write_bytes(b"x" * 10)
    big.write_bytes(b"y" * 1000)
    state = ImportProgress([small, big])
    assert (state.total, state.done_bytes, state.counts()) == (1010, 0, "0/2 个文件 files")
    assert state.reading(big, 400) == 400 and state.reading(big, 900) == 500  # a streamed file, read in pieces
    assert state.file_done(FileResult(big, "imported")) == 100  # only what the pieces did not count
    assert state.file_done(FileResult(small, "failed")) == 10
    assert state.done_bytes == state.total
    assert state.counts() == "2/2 个文件 files，1 个失败 failed" and state.current == "a.txt"


def test_a_pdf_read_in_a_worker_advances_the_bar_page_by_page(tmp_path):
    """One big PDF showed 0/1 until it was read whole (a 171-page budget: 12 s without a move)."""
    import shutil
    from pathlib import Path

    from kb.ingest.run import import_paths

    pdf = tmp_path / "预算.pdf"
    shutil.copy(Path(__file__).parent / "fixtures" / "seed003.pdf", pdf)  # 5 pages
    state, told = ImportProgress([pdf]), []

    def reading(path, read):
        told.append((state.reading(path, read), state.done, state.current))

    conn = connect(tmp_path / "kb.sqlite3")
    [result] = import_paths(conn, [pdf], progress=state.file_done, reading=reading)
    conn.close()
    size = pdf.stat().st_size
    assert result.status == "imported" and state.done_bytes == state.total == size
    assert [advance for advance, _, _ in told] == [size * n // 5 - size * (n - 1) // 5 for n in range(1, 6)]
    assert {(done, name) for _, done, name in told} == {(0, "预算.pdf")}  # each told before the file is done


def test_the_walk_is_made_once_and_handed_on(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x", "utf-8")
    (tmp_path / "b.zip").write_bytes(b"PK")
    walk = collect_files([tmp_path])
    assert isinstance(walk, Walk) and [p.name for p in walk.files] == ["a.txt"]
    assert [(r.path.name, r.status) for r in walk.skipped] == [("b.zip", "skipped")]


def test_one_summary_line_chinese_first_for_both_faces(tmp_path):
    results = [
        FileResult(tmp_path / "a", "imported", projects=3, indicators=20, warnings=["w"]),
        FileResult(tmp_path / "b", "replaced", projects=1, indicators=5, evaluations=2),
        FileResult(tmp_path / "c", "failed", "坏文件"),
        FileResult(tmp_path / "d", "skipped"),
    ]
    line = summary(results)
    assert line.startswith("导入 2 imported（替换 1 replaced）· 未变 0 unchanged · 跳过 1 skipped · 失败 1 failed")
    assert "4 个项目 projects，25 个指标 indicators，2 个自评表 self-evaluations，1 条警告 warnings" in line
    assert ImportDone(results).summary == line  # the app says what the command line says
    assert summary([FileResult(tmp_path / "a", "would import")], dry_run=True).startswith("将导入 1 would import")


def test_a_waiting_progress_message_is_replaced_by_a_newer_one():
    """A 100,000-file import posts as many messages; those not yet drawn are replaced, not queued."""
    older, newer = ProgressMessage(1, 10, "1/10", "a"), ProgressMessage(2, 10, "2/10", "b")
    assert newer.can_replace(older)
    assert not ImportDone([]).can_replace(older) and not newer.can_replace(ImportDone([]))


def test_a_locked_base_is_one_message_in_both_faces_the_app_saying_it_retries(tmp_path, monkeypatch):
    """kb.errors.busy is the one busy-base message; the app's lane raises Busy with it (retrying) on SQLITE_BUSY."""
    monkeypatch.setattr(kb.db, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "kb.sqlite3"
    connect(path).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy) as raised:
            Database(path).call(lambda conn: conn.execute("CREATE TABLE t (x)"))
        assert str(raised.value) == busy(retrying=True) and str(raised.value).startswith("知识库正忙")
        with pytest.raises(sqlite3.OperationalError) as plain:
            other = sqlite3.connect(path, timeout=0.05)
            other.execute("CREATE TABLE u (x)")
        assert describe(plain.value) == busy() != busy(retrying=True)
    finally:
        holder.rollback()
