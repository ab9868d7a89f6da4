"""One file takes bounded time and memory, alone as in a folder: any file but a small text is parsed in a worker
process under the time and memory limits, and what can be seen to be too large before it is read is refused then,
with the reason (tests/fixtures/hostile.py writes the documents; the limits they meet are lowered so each stays
small; benchmarks/hostile.py imports the full-sized ones)."""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import SEEDS
from fixtures import hostile
from importers.readers import UnreadableFile, common, read_rows
from kb.db import connect
from kb.ingest import run as ingest
from kb.ingest import workers as parsing

sniff = importlib.import_module("importers.readers.sniff")  # the package's `sniff` is the function
pdf = importlib.import_module("importers.readers.pdf")


def _one_line_chinese_first(message: str) -> None:
    """One line, its Chinese sentence before the English one in brackets."""
    chinese = next((i for i, ch in enumerate(message) if "\u4e00" <= ch <= "\u9fff"), len(message))
    assert "\n" not in message and chinese < message.find(" ("), message


def _documents(db) -> int:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.fixture
def no_reading(monkeypatch):
    """openpyxl's and pdfplumber's reading of cells and page objects made to fail: what is refused before them
    never gets there."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from pdfplumber.page import Page

    def reached(*args, **kwargs):
        raise AssertionError("read before it was refused")

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", reached)
    monkeypatch.setattr(Page, "parse_objects", reached)


# --- one file in a worker, under its limits -----------------------------------------------------


def test_one_file_is_parsed_in_a_worker_under_its_time_limit(tmp_path, monkeypatch):
    sheet, text = tmp_path / "goals.xlsx", tmp_path / "seed.txt"
    hostile.write_sheet(sheet, hostile.goal_rows(20))
    shutil.copy(SEEDS / "001_31ffd794032f8962.txt", text)
    monkeypatch.setattr(parsing, "PARSE_TIMEOUT", 0.0)
    conn = connect(tmp_path / "kb.sqlite3")
    [result] = ingest.import_paths(conn, [sheet])
    assert result.status == "failed" and "took longer than 0 s" in result.message, result
    _one_line_chinese_first(result.message)
    [result] = ingest.import_paths(conn, [text])  # a small text file is parsed here: no worker, no time limit
    assert result.status == "imported"
    assert _documents(tmp_path / "kb.sqlite3") == 1


def test_a_worker_past_its_time_limit_on_the_clock_only_goes_on():
    """On a loaded machine a worker waits its turn while the clock runs (the real documents' largest were stopped at
    60–190 s against 12 s of CPU): its limit counts the CPU time it used, where the system says, and at most
    WALL_FACTOR times the limit on the clock."""
    if parsing._cpu_seconds(os.getpid()) is None:
        pytest.skip("this system does not say a process's CPU time (the limit is on the clock there)")
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        used = parsing._cpu_seconds(sleeper.pid)
        assert not parsing.overran(sleeper.pid, used, limit=0.5, wall=1.0)
        assert parsing.overran(sleeper.pid, used, limit=0.5, wall=0.5 * parsing.WALL_FACTOR + 0.1)
    finally:
        sleeper.kill()
        sleeper.wait()
    used = parsing._cpu_seconds(os.getpid())
    spent = time.process_time()
    while time.process_time() - spent < 0.3:  # CPU spent past the limit
        pass
    assert parsing.overran(os.getpid(), used, limit=0.1, wall=0.3)
    assert parsing.overran(os.getpid(), None, limit=0.1, wall=0.3)  # (nothing known of it before the file)


def test_only_small_text_is_parsed_in_this_process(tmp_path, monkeypatch):
    small, large, lying = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    shutil.copy(SEEDS / "001_31ffd794032f8962.txt", small)
    shutil.copy(small, large)
    hostile.write_sheet(lying, hostile.goal_rows(5))  # a workbook under a text file's name
    monkeypatch.setattr(parsing, "IN_PROCESS_BYTES", small.stat().st_size)
    with large.open("a", encoding="utf-8") as f:
        f.write("\n")
    assert [parsing._safe_here(p) for p in (small, large, lying)] == [True, False, False]


# --- refused early, with the reason --------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_its_stated_ratio_from_the_command_line(tmp_path):
    """The real path: `kb import` in a process of its own, with the default limits, on one file and on a folder."""
    folder = tmp_path / "docs"
    folder.mkdir()
    bomb = folder / "炸弹.xlsx"
    hostile.repeated_sheet(bomb, 1_100, 200)  # 10.8 MB of sheet in 39 KB: 276 times
    assert bomb.stat().st_size < 100_000
    shutil.copy(SEEDS / "001_31ffd794032f8962.txt", folder / "seed.txt")
    for target, imported in ((bomb, 0), (folder, 1)):
        db = tmp_path / f"{target.name}.sqlite3"
        out = subprocess.run(
            [sys.executable, "-m", "kb", "--db", str(db), "import", str(target)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "400"},
        )
        assert out.returncode == 1, out.stderr
        line = next(line for line in out.stderr.splitlines() if "炸弹.xlsx" in line)
        assert "xl/worksheets/sheet1.xml 解压后是压缩时的" in line and "a zip bomb" in line, out.stderr
        assert f"导入 {imported} imported" in out.stdout
        assert _documents(db) == imported


def test_a_sheet_stating_too_many_cells_is_refused_before_its_rows_are_read(tmp_path, monkeypatch, no_reading):
    path = tmp_path / "dense.xlsx"
    hostile.dense_sheet(path, 100, 30)  # states A1:AD101: 3,030 cells
    monkeypatch.setattr(common, "MAX_CELLS", 3_000)
    with pytest.raises(UnreadableFile, match=r"“Sheet1”的范围 A1:AD101 有 3,030 个单元格.*spans A1:AD101") as refused:
        read_rows(path)
    _one_line_chinese_first(str(refused.value))


def test_cells_with_text_are_counted_while_a_sheet_is_read(tmp_path, monkeypatch):
    """A sheet that states no range (or a wrong one) is stopped once the cells read pass the limit."""
    path = tmp_path / "dense.xlsx"
    hostile.write_sheet(path, (b"<row>" + b"<c><v>1</v></c>" * 20 + b"</row>" for _ in range(1_500)))
    monkeypatch.setattr(common, "MAX_CELLS", 19_999)  # passed at the count after 1,000 rows
    with pytest.raises(UnreadableFile, match="超过 19,999 个有内容的单元格") as refused:
        read_rows(path)
    _one_line_chinese_first(str(refused.value))
    monkeypatch.setattr(common, "MAX_CELLS", 30_000)  # exactly the cells it holds
    assert len(read_rows(path)) == 1_500 + 1


def test_rows_past_the_limit_are_refused_before_openpyxl_opens_the_sheet(tmp_path, monkeypatch):
    """A sheet stating no range is read whole by openpyxl to learn its size when the workbook is opened: 300,000 rows
    were refused only after 87 s. Its rows are counted in the pass before openpyxl; a sheet stating its range opens
    at once, and is refused before a row of it is read."""
    import openpyxl

    def opened(*args, **kwargs):
        raise AssertionError("opened before it was refused")

    rows = [b"<row>" + b"<c><v>1</v></c>" * 3 + b"</row>"] * 120 + [b'<row r="900" ht="20"/>'] * 30
    monkeypatch.setattr(common, "MAX_ROWS", 100)
    for dimension in ("", "A1:C120"):
        path = tmp_path / f"rows{dimension[-3:]}.xlsx"
        hostile.write_sheet(path, iter(rows), dimension)
        with monkeypatch.context() as patched:
            if not dimension:
                patched.setattr(openpyxl, "load_workbook", opened)
            else:
                from openpyxl.worksheet._read_only import ReadOnlyWorksheet

                patched.setattr(ReadOnlyWorksheet, "_cells_by_row", opened)
            with pytest.raises(UnreadableFile, match="more than 100 rows") as refused:
                read_rows(path)
        _one_line_chinese_first(str(refused.value))
    monkeypatch.setattr(common, "MAX_ROWS", 120)  # exactly its rows
    hostile.write_sheet(tmp_path / "fits.xlsx", iter(rows[:120]))
    assert len(read_rows(tmp_path / "fits.xlsx")) == 120 + 1


def test_rows_of_cells_only_styled_are_not_counted_against_the_limit(tmp_path, monkeypatch):
    """Borders drawn far down make rows whose cells hold nothing: such a sheet was refused (more than 100 rows) for
    three rows of text."""
    from importers.readers import xlsx

    text = [b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r) for r in (1, 2, 3)]
    styled = [b'<row r="%d"><c r="A%d" s="0"/></row>' % (r, r) for r in range(4, 300)]
    monkeypatch.setattr(common, "MAX_ROWS", 100)
    monkeypatch.setattr(xlsx, "MAX_BLANK_RUN", 50)  # (the reader stops after a long blank run)
    for dimension in ("", "A1:A299"):
        path = tmp_path / f"styled{dimension[-3:]}.xlsx"
        hostile.write_sheet(path, iter(text + styled), dimension)
        assert [row.cells for row in read_rows(path)][:3] == [["x"], ["x"], ["x"]]


@pytest.mark.parametrize("where", ["shared", "inline"])
def test_a_cell_too_long_is_refused_while_the_xml_is_scanned(tmp_path, monkeypatch, no_reading, where):
    import openpyxl

    path = tmp_path / "cell.xlsx"
    if where == "shared":
        hostile.huge_cell_sheet(path, 2_000)
    else:
        hostile.write_sheet(path, [b'<row><c t="inlineStr"><is><t>' + "绩".encode() * 2_000 + b"</t></is></c></row>"])
    monkeypatch.setattr(sniff, "MAX_CELL_BYTES", 5_000)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl reached"))
    part = "xl/sharedStrings.xml" if where == "shared" else "xl/worksheets/sheet1.xml"
    with pytest.raises(UnreadableFile, match=f"{part} 中的一段文字（一个单元格或段落）超过 5,000 字节") as refused:
        read_rows(path)
    _one_line_chinese_first(str(refused.value))
    monkeypatch.undo()
    monkeypatch.setattr(sniff, "MAX_CELL_BYTES", 6_002)  # the text and its tag's 't>'
    assert read_rows(path)


def test_a_paragraph_too_long_is_refused_before_the_word_xml_is_parsed(tmp_path, monkeypatch):
    import docx

    path = tmp_path / "long.docx"
    document = docx.Document()
    document.add_paragraph("绩效目标" * 1_000)
    document.save(path)
    monkeypatch.setattr(sniff, "MAX_CELL_BYTES", 10_000)
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx reached"))
    with pytest.raises(UnreadableFile, match="word/document.xml 中的一段文字"):
        read_rows(path)


def test_an_old_sheet_too_large_is_refused_before_its_cells_are_read(tmp_path, monkeypatch):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("明细")
    for r in range(50):
        for c in range(20):
            sheet.write(r, c, r * c)
    path = tmp_path / "old.xls"
    book.save(str(path))
    monkeypatch.setattr(common, "MAX_CELLS", 999)
    with pytest.raises(UnreadableFile, match="“明细”的范围 50 × 20 有 1,000 个单元格"):
        read_rows(path)


@pytest.mark.parametrize(
    "drawn, limit, words",
    [
        ({"characters": 1_500}, "MAX_PAGE_CHARS", "PDF 第 1 页的字符超过 1,000 个"),
        ({"characters": 10, "rectangles": 1_500}, "MAX_PAGE_SHAPES", "PDF 第 1 页的线条和图形超过 1,000 个"),
    ],
)
def test_a_crowded_pdf_page_is_refused_before_pdfplumber_builds_its_objects(
    tmp_path, monkeypatch, no_reading, drawn, limit, words
):
    path = tmp_path / "crowded.pdf"
    hostile.crowded_pdf(path, **drawn)
    monkeypatch.setattr(pdf, limit, 1_000)
    with pytest.raises(UnreadableFile, match=words) as refused:
        read_rows(path)
    _one_line_chinese_first(str(refused.value))
    monkeypatch.undo()
    monkeypatch.setattr(pdf, limit, 1_500)  # exactly what the page draws
    assert read_rows(path)


async def test_the_app_parses_one_file_under_the_same_limits_and_checks(tmp_path, monkeypatch):
    """The app's import of one file goes through a worker (its time limit) and the same checks, under Textual
    (which captures stderr)."""
    from conftest import workers_done
    from tui.app import make_app

    db, bomb, sheet = tmp_path / "kb.sqlite3", tmp_path / "炸弹.xlsx", tmp_path / "goals.xlsx"
    connect(db).close()
    hostile.repeated_sheet(bomb, 1_100, 200)
    hostile.write_sheet(sheet, hostile.goal_rows(20))
    from tui.screens.import_log import ImportLogScreen

    app = make_app(db)
    app.animation_level = "none"
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: said.append(message))
    logged: list[str] = []  # what the import log shows for the file (it opens when a file was not imported)
    async with app.run_test(size=(120, 40)) as pilot:
        for path, seconds in ((bomb, parsing.PARSE_TIMEOUT), (sheet, 0.0)):
            await workers_done(pilot)
            monkeypatch.setattr(parsing, "PARSE_TIMEOUT", seconds)
            app.start_import([path])
            for _ in range(3):
                await workers_done(pilot)
                await pilot.pause()
            assert isinstance(app.screen, ImportLogScreen)
            table = app.screen.query_one("#import-log-table")
            logged.append(" ".join(map(str, table.get_row_at(0))))
            await pilot.press("escape")
    assert len(said) == 2 and all("失败 1 failed" in text for text in said), said
    assert "炸弹.xlsx" in logged[0] and "xl/worksheets/sheet1.xml 解压后" in logged[0]
    assert "goals.xlsx" in logged[1] and "读取超时" in logged[1]
    assert _documents(db) == 0
