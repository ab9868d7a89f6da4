"""Exports: a draft from a template and two precedents, checked, written in every format and read back; formula
injection, path traversal, bad folders, Markdown escaping."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kb.drafting import drafts

from kb.drafting import export
from kb import written

from kb.drafting import suggest
from kb.db import connect
from kb.drafting.drafts import NewRow
from kb.errors import KbError
from kb.drafting.lint import lint_draft


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from kb.ingest.run import import_seeds

    path = tmp_path_factory.mktemp("seeds") / "kb.sqlite3"
    conn = connect(path)
    import_seeds(conn)
    conn.close()
    return path


@pytest.fixture
def kb(seeded, tmp_path):
    import shutil

    shutil.copy(seeded, tmp_path / "kb.sqlite3")  # closed above: nothing left in the write-ahead log
    conn = connect(tmp_path / "kb.sqlite3")
    yield conn
    conn.close()


def project_id(conn, name: str) -> int:
    return conn.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()[0]


def expected(draft) -> list[tuple[str, str, str, str, str]]:
    return [(r.level1, r.level2, r.name, r.target, r.basis or "") for r in draft.rows]


def read_xlsx(path):
    """(sheet, head {label or sub-label: value}, rows as (一级, 二级, 三级, 指标值, 依据)) of a form."""
    import openpyxl

    ws = openpyxl.load_workbook(path).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(n for n, r in enumerate(values) if r[1] == "一级指标")
    at = {label: n for n, label in enumerate(values[header]) if label}
    rows, last = [], [None, None]
    for r in values[header + 1 :]:
        if r[at["三级指标"]] is None:
            break  # the footer
        for c in (1, 2):  # merged level cells hold their value in the first row only
            r[c] = r[c] if r[c] is not None else last[c - 1]
        last = r[1:3]
        basis = r[at["指标值设定依据"]] if "指标值设定依据" in at else None
        rows.append(tuple("" if v is None else str(v) for v in (*r[1:4], r[at["指标值"]], basis)))
    head = {}
    for r in values[1:header]:
        filled = [v for v in r if v is not None]
        head[filled[-2] if len(filled) > 2 else filled[0]] = filled[-1] if len(filled) > 1 else None
    return ws, head, rows


def read_docx(path):
    import docx

    document = docx.Document(path)
    top, table = document.tables[:2]  # the head, the indicators under their header row
    at = {c.text: n for n, c in enumerate(table.rows[0].cells)}
    basis = at.get("指标值设定依据")
    rows = [
        (*(c.text for c in r.cells[1:4]), r.cells[at["指标值"]].text, r.cells[basis].text if basis else "")
        for r in table.rows[1:]
    ]
    head = {
        r.cells[1].text if r.cells[1].text != r.cells[-1].text else r.cells[0].text: r.cells[-1].text for r in top.rows
    }
    return document, head, rows


def read_markdown(path):
    lines = path.read_text("utf-8").splitlines()
    start = next(n for n, ln in enumerate(lines) if ln.startswith("| 一级指标"))

    def unescape(cell: str) -> str:
        return cell.replace("\\|", "|").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    return [tuple(unescape(c.strip()) for c in ln.strip("|").split(" | "))[:5] for ln in lines[start + 2 :]]


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    plain = lambda text: text[1:] if text.startswith("'") else text  # noqa: E731
    return [tuple(plain(r[k]) for k in ("一级指标", "二级指标", "三级指标", "指标值", "指标值依据")) for r in rows]


def test_draft_from_a_template_and_two_precedents_round_trips_through_every_format(kb, tmp_path):
    d = drafts.create(
        kb,
        "科技型企业研发补贴",
        department="科技局",
        region="宁波市",
        year=2025,
        amount_wan=500,
        spending_type="补贴/奖励类",
        overview="对科技型企业研发投入给予补贴",
    )
    template = drafts.apply_rows(kb, d.id, suggest.template_rows(kb, "补贴/奖励类"))
    first = drafts.apply_rows(kb, d.id, suggest.project_rows(kb, project_id(kb, "科技型企业贷款风险贴息资金")))
    second = drafts.apply_rows(kb, d.id, suggest.project_rows(kb, project_id(kb, "科技创新政策扶持资金")))
    assert template.added and first.added and second.added
    assert first.skipped  # the template already holds some of its indicators: no duplicates
    d = second.draft
    d = drafts.update_row(kb, d.id, d.rows[0].id, d.version, basis="历史标准")
    names = [r.name for r in d.rows]
    assert len(names) == len(set(names))
    findings = lint_draft(kb, d.id)
    assert "duplicate" not in {f.rule for f in findings}
    assert {"direction-count", "cost-missing"} <= {f.rule for f in findings}  # the precedent's '<=110' counts

    d = drafts.set_field(kb, d.id, "project_name", "科技型中小企业研发费用补贴")
    want = expected(d)
    formats = [f for f in export.FORMATS if f != "yth"]  # its limits: test_yth
    written = {fmt: export.export(d, tmp_path / f"out.{fmt}", fmt) for fmt in formats}
    assert {p.name for p in tmp_path.glob("out.*")} == {f"out.{fmt}" for fmt in formats}

    ws, head, rows = read_xlsx(written["xlsx"])
    assert rows == want
    assert head["项目名称"] == "科技型中小企业研发费用补贴" and head["年度资金总额"] == 500
    assert d.name not in [c.value for row in ws.iter_rows() for c in row]  # the draft's own name is not printed
    assert ws["A1"].value == "项目支出绩效目标表（2025年度）"
    spans = [m for m in ws.merged_cells.ranges if m.min_col == m.max_col and m.max_row > m.min_row]
    assert len([m for m in spans if m.min_col == 2]) >= 3  # level cells merged: 产出, 效益, 满意度 …
    assert len([m for m in spans if m.min_col == 3]) >= 4

    _, head, rows = read_docx(written["docx"])
    assert rows == want and head["主管部门及代码"] == "科技局" and head["项目名称"] == "科技型中小企业研发费用补贴"
    assert read_markdown(written["md"]) == want
    assert read_csv(written["csv"]) == want
    data = json.loads(written["json"].read_text("utf-8"))
    assert [(r["level1"], r["level2"], r["name"], r["target"], r["basis"] or "") for r in data["rows"]] == want
    assert data["rows"][-1]["sources"] and data["name"] == d.name


def formula_draft(conn):
    d = drafts.create(conn, "公式", project_name="=cmd|' /C calc'!A0", goal="@SUM(A1:A9)", year=2025)
    rows = [
        NewRow("+1+1", "产出指标", "数量指标", "=", 100.0, "%"),
        NewRow("-2+3", "产出指标", "质量指标"),
        NewRow('@HYPERLINK("http://x")', "效益指标", "社会效益指标", "定性", text="=1+1"),
        NewRow("\tTAB", "满意度指标", "服务对象满意度指标", "≥", 90.0, "%"),
    ]
    return drafts.apply_rows(conn, d.id, rows).draft


def test_no_cell_becomes_a_formula(conn, tmp_path):
    import openpyxl

    d = formula_draft(conn)
    xlsx = export.export(d, tmp_path / "f.xlsx")
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = openpyxl.load_workbook(xlsx).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    risky = [c for c in texts if c.value.startswith(written.FORMULA_START)]
    assert {c.value for c in risky} >= {"=cmd|' /C calc'!A0", "@SUM(A1:A9)", "+1+1", "-2+3", "=100%", "=1+1"}
    assert all(c.quotePrefix for c in risky)
    with (export.export(d, tmp_path / "f.csv")).open(encoding="utf-8-sig") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'+1+1" in cells and "'-2+3" in cells and '\'@HYPERLINK("http://x")' in cells and "'=1+1" in cells
    assert "=100%" in cells  # a target value is data, written as the draft holds it: no apostrophe to strip
    assert [c for c in cells if c.startswith(written.FORMULA_START)] == ["=", "=100%"]  # its operator, then it


@pytest.mark.parametrize(
    "text, prefixed",
    [
        ("=100%", False),
        ("-5%", False),
        ("=2家", False),
        ("+1,200.5万元", False),
        ("=SUM(A1:A9)", True),
        ("=A1", True),
        ("=1+1", True),
        ("-1+cmd|' /C calc'!A0", True),
        ("@foo", True),
        ("\t=1", True),
        ("≥90%", False),
        ("=", False),  # the operator column of an exact target
        ("-", False),  # a blank printed as a dash
        ("=>", False),
        ("=-A1", True),
        ("合规", False),
    ],
)
def test_csv_prefixes_only_what_would_be_a_formula(text, prefixed):
    assert written.csv_cell(text) == ("'" + text if prefixed else text)


@pytest.mark.parametrize(
    "name, file_name",
    [
        ("../../etc/passwd", "etc_passwd.xlsx"),
        ("..", "draft.xlsx"),
        ("a/b\\c:d", "a_b_c_d.xlsx"),
        (".hidden", "hidden.xlsx"),
        ("科技补贴", "科技补贴.xlsx"),
    ],
)
def test_a_draft_name_never_leaves_the_folder(conn, tmp_path, name, file_name):
    folder = tmp_path / "out"
    folder.mkdir()
    written = export.export(drafts.create(conn, name), folder)
    assert written == folder / file_name and written.parent == folder
    assert [p.name for p in folder.iterdir()] == [file_name]


@pytest.mark.parametrize(
    "name, file_name, why",
    [
        ("CON", "_CON.xlsx", "Windows 保留的设备名"),
        ("nul", "_nul.xlsx", "Windows 保留的设备名"),
        ("aux.txt", "_aux.txt.xlsx", "Windows 保留的设备名"),
        ("com1", "_com1.xlsx", "Windows 保留的设备名"),
        ("LPT9", "_LPT9.xlsx", "Windows 保留的设备名"),
        ("Con .备份", "_Con .备份.xlsx", "Windows 保留的设备名"),
        ("a\u202egpj.exe", "agpj.exe.xlsx", "改变文字方向"),
        ("-name", "_-name.xlsx", "当作命令选项"),
        ("--rm", "_--rm.xlsx", "当作命令选项"),
        ("console", "console.xlsx", ""),
        ("com10", "com10.xlsx", ""),
    ],
)
def test_a_name_windows_reserves_or_that_misleads_is_made_safe_and_said(conn, tmp_path, name, file_name, why):
    from typer.testing import CliRunner

    from cli.app import app

    folder = tmp_path / "out"
    folder.mkdir()
    draft = drafts.create(conn, name)
    written = export.export(draft, folder)
    assert written == folder / file_name and [p.name for p in folder.iterdir()] == [file_name]
    note = export.renamed(draft.name, written)
    assert (why in note and note.startswith(f"文件名改为 {file_name}：") and "\n" not in note) if why else note == ""
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "kb.sqlite3"), "draft", "export", "--force", "--", name, str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines()[1:] if not line.startswith("注意：检查")] == (
        [note] if why else []
    )


def test_a_file_name_the_user_chose_is_written_as_given(conn, tmp_path):
    draft = drafts.create(conn, "CON")
    written = export.export(draft, tmp_path / "-x.md")
    assert written.name == "-x.md" and export.renamed(draft.name, written) == ""


def test_missing_or_unwritable_folder(conn, tmp_path, monkeypatch):
    d = drafts.create(conn, "甲")
    with pytest.raises(KbError, match="no such folder"):
        export.export(d, tmp_path / "missing" / "x.xlsx")
    (tmp_path / "file").write_text("")
    with pytest.raises(KbError, match="no such folder"):
        export.export(d, tmp_path / "file" / "x.xlsx")
    with pytest.raises(KbError, match="unknown export format"):
        export.export(d, tmp_path / "x.pdf")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import kb.written

    monkeypatch.setattr(kb.written.tempfile, "mkstemp", refuse)
    with pytest.raises(KbError, match="cannot write here"):
        export.export(d, tmp_path / "x.xlsx")


def test_a_failed_write_leaves_no_file(conn, tmp_path, monkeypatch):
    d = drafts.create(conn, "甲")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "x.md").write_text("earlier export")

    def broken(draft, path):
        path.write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_markdown", broken)
    with pytest.raises(KbError, match="No space left"):
        export.export(d, tmp_path / "x.md", overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]
    assert (tmp_path / "x.md").read_text() == "earlier export"


def test_markdown_escapes_pipes_and_html(conn):
    d = drafts.create(conn, "a|b<script>alert(1)</script>", overview="第一行\n第二行 & *强调*")
    d = drafts.add_row(conn, d.id, drafts.new_row("指标|名", target="≥1家"))
    text = export.markdown(d)
    assert "a\\|b&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>" not in text
    assert "第一行 第二行 &amp; \\*强调\\*" in text
    assert "| 指标\\|名 | ≥1家 |" in text
    table = [ln for ln in text.splitlines() if ln.startswith("| 产出指标")]
    assert len(table) == 1 and table[0].count(" | ") == len(export.COLUMNS) - 1


@given(st.text(max_size=150))
def test_any_name_gives_a_plain_file_name(name):
    file_name = export.safe_filename(name, "xlsx")
    assert Path(file_name).name == file_name and Path(file_name).parent == Path(".")
    assert not file_name.startswith(".") and file_name.endswith(".xlsx")
    assert not set(file_name) & set('/\\:*?"<>|\x00\u202e\u2066')
    stem = file_name.split(".")[0].rstrip(" ").lower()
    assert (
        not file_name.startswith("-")
        and stem not in {"con", "prn", "aux", "nul"}
        and not (stem[:3] in ("com", "lpt") and stem[3:] in tuple("0123456789¹²³"))
    )


@given(st.text(max_size=80))
def test_any_text_is_one_safe_markdown_cell(text):
    cell = export.markdown_escape(text)
    assert "\n" not in cell and "\r" not in cell and "<" not in cell and ">" not in cell
    assert all(cell[i - 1] == "\\" for i, ch in enumerate(cell) if ch == "|")


def test_exported_file_has_ordinary_permissions(conn, tmp_path):
    """Readable by others as any new file is (not private like a temporary file), on a shared drive too."""
    import os
    import stat

    draft = drafts.create(conn, "权限测试")
    old = os.umask(0o022)
    try:
        written = export.export(draft, tmp_path, "md")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def test_a_link_is_written_through_and_what_is_no_file_is_refused(conn, tmp_path):
    """A link named as the target was replaced by a new file (the file it pointed to left as it was); a device
    such as /dev/full was replaced by a file, and the export said it was written."""
    import os

    from kb.errors import KbError

    draft = drafts.create(conn, "链接测试")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "target.csv").write_text("old", "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(shared / "target.csv")
    assert export.export(draft, link, overwrite=True) == shared / "target.csv"
    assert link.is_symlink() and (shared / "target.csv").read_text("utf-8") != "old"
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(KbError, match="不是普通文件"):
        export.export(draft, fifo)
    assert fifo.exists() and not fifo.is_file()


def test_search_hits_in_a_file_never_run_as_a_formula(tmp_path):
    """A document's text may start with = + - @ (a name '=HYPERLINK(…)'): in the .csv it gets an apostrophe, but for
    a target ('=100%' is data); in the .xlsx every text is a string cell."""
    from openpyxl import load_workbook

    from kb.find.hits_file import write_hits

    hit = {"name": '=HYPERLINK("http://x")', "target": "=100%", "project": "@甲", "project_id": 1, "year": 2024}
    result = {"query": "x", "indicators": [hit], "projects": [{"name": "+乙", "id": 2}]}
    assert write_hits(result, tmp_path / "hits.csv") == (1, 1)
    row = (tmp_path / "hits.csv").read_text("utf-8-sig").splitlines()[1]
    assert row.startswith('"\'=HYPERLINK(""http://x"")",=100%,,,\'@甲,1,,,2024')
    write_hits(result, tmp_path / "hits.xlsx")
    sheet = load_workbook(tmp_path / "hits.xlsx")["指标"]
    assert [cell.data_type for cell in sheet[3][:2]] == ["s", "s"] and sheet[3][0].value == hit["name"]


def test_search_hits_in_an_xlsx_print_whole_on_a4(tmp_path):
    """A long project text wrapped in its cell kept the default row height, so LibreOffice printed its lines over the
    next rows, on Letter paper: each row is as tall as its wrapped text, the page A4 (kb.sheet_file, as kb lint's)."""
    from openpyxl import load_workbook

    from kb.sheet_file import LINE_HEIGHT, lines
    from kb.find.hits_file import write_hits

    snippet = "项目概况：为全区60周岁以上居家老人提供助餐、助浴、助洁等上门服务，" * 6
    hit = {"name": "居家养老服务补贴", "id": 1, "snippet": snippet}
    result = {"query": "养老", "indicators": [], "projects": [hit]}
    write_hits(result, tmp_path / "hits.xlsx")
    for sheet in load_workbook(tmp_path / "hits.xlsx"):
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    projects = load_workbook(tmp_path / "hits.xlsx")["项目"]
    assert projects.row_dimensions[3].height >= lines(snippet, projects.column_dimensions["G"].width) * LINE_HEIGHT


def test_search_hits_in_an_xlsx_open_on_the_comparison_of_their_targets(tmp_path):
    """An officer asked '≥95% or ≥98%?' of what other cities set: the file held the hits one by one, in the order
    of their projects; its first sheet compares them, an indicator (its spellings as one) a row, most set first."""
    from openpyxl import load_workbook

    from kb.find.hits_file import write_hits

    def hit(name, operator, value, unit, region):
        return {"name": name, "operator": operator, "value": value, "unit": unit, "region": region, "year": 2026,
                "target": f"{operator}{value:g}{unit}"}  # fmt: skip

    hits = [
        hit("故障响应率", "=", 100.0, "%", "福州市"),
        hit("系统正常运行率", "≥", 95.0, "%", "北京市"),
        hit("系统正常运行率", "≥", 95.0, "%", "广州市"),
        hit("系统正常运行率", "≥", 99.0, "%", "北京市"),
        hit("系统正常运行率（%）", "≥", 90.0, "%", "北京市"),
    ]
    write_hits({"query": "率", "indicators": hits, "projects": []}, tmp_path / "hits.xlsx")
    book = load_workbook(tmp_path / "hits.xlsx")
    assert book.sheetnames[0] == "对比" and book.active.title == "对比"
    assert list(book["对比"].iter_rows(min_row=3, values_only=True)) == [
        (
            "系统正常运行率 (+1 种写法: 系统正常运行率（%）)",
            4,
            "北京市 3、广州市 1",
            "≥90% ×1；≥95% ×2；≥99% ×1",
            "≥95%",
        ),
        ("故障响应率", 1, "福州市 1", "=100% ×1", "=100%"),
    ]
    assert len(list(book["指标"].iter_rows(min_row=3))) == 5


def test_a_comparison_of_one_page_of_hits_says_it_counts_that_page_only(tmp_path):
    """kb search 满意度 --out wrote the first 20 of 1,154 indicators: its comparison said 使用人员满意度 was set 16
    times, all in 北京市 (the base: 99, in three cities), and nothing in the file said it was a page."""
    from openpyxl import load_workbook

    from kb.find.hits_file import write_hits

    hit = {"name": "使用人员满意度", "operator": "≥", "value": 95.0, "unit": "%", "target": "≥95%", "region": "北京市"}
    hits = [hit, hit]
    page = {"query": "满意度", "indicators": hits, "projects": [], "total": {"indicators": 99, "projects": 0}}
    write_hits(page, tmp_path / "page.xlsx")
    title = [cell.value for cell in load_workbook(tmp_path / "page.xlsx")["对比"][1]]
    assert any(cell and "99 个指标中的 2 个（对比只计这些）" in cell for cell in title)
    rows = {"rows": [{"name": "满意度", "target": "≥95%", "actual": "96%", "met": 1}]}
    write_hits({**page, "self_evaluated": rows, "total": {"indicators": 2, "self_evaluated": 83}}, tmp_path / "r.xlsx")
    title = [cell.value for cell in load_workbook(tmp_path / "r.xlsx")["自评"][1]]
    assert any(cell and "只含找到的 83 条自评中的 1 条；" in cell for cell in title)
    write_hits({**page, "total": {"indicators": 2, "projects": 0}}, tmp_path / "all.xlsx")
    assert not any("个指标中的" in str(cell.value) for cell in load_workbook(tmp_path / "all.xlsx")["对比"][1])


def test_a_comparison_names_no_most_chosen_target_where_targets_tie(tmp_path):
    """公众人员满意度 set ≥90%, ≥95%, ≥96% and =100% once each: the comparison said ≥90% was the most chosen."""
    from openpyxl import load_workbook

    from kb.find.hits_file import write_hits

    def hit(name, value):
        return {
            "name": name,
            "operator": "≥",
            "value": value,
            "unit": "%",
            "target": f"≥{value:g}%",
            "region": "北京市",
        }

    hits = [
        hit("公众满意度", 90.0),
        hit("公众满意度", 95.0),
        hit("准确率", 95.0),
        hit("准确率", 99.0),
        hit("准确率", 99.0),
    ]
    write_hits({"query": "率", "indicators": hits, "projects": []}, tmp_path / "hits.xlsx")
    most = {
        row[0]: row[4] for row in load_workbook(tmp_path / "hits.xlsx")["对比"].iter_rows(min_row=3, values_only=True)
    }
    assert most == {"准确率": "≥99%", "公众满意度": "≥90%、≥95%（并列）"}
