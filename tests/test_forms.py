"""The national 项目支出绩效目标表 as exported (.xlsx, .docx): page set-up, fonts, the head in the form's order, rows
tall enough for their text, the vertical 绩效指标 label; and the 一体化 import sheet (yth) and its limits."""

from __future__ import annotations

import pytest

from kb import sheet_file
from kb.drafting import drafts, export, form, yth
from kb.errors import KbError

HEAD_ORDER = [
    "项目名称",
    "主管部门及代码",
    "实施单位",
    "项目属性",
    "实施期",
    "项目资金（万元）",
    "总体目标",
]
LONG_GOAL = "对符合条件的科技型中小企业按研发费用的一定比例给予补贴，" * 6


def full_draft(conn, explained: bool = True, name: str = "2025科技补贴") -> drafts.Draft:
    d = drafts.create(
        conn,
        name,
        project_name="科技型中小企业研发费用补贴",
        department="宁波市奉化区科学技术局",
        department_code="318001",
        implementing_unit="宁波市奉化区科学技术局",
        attribute="延续",
        period="2025-01 至 2027-12",
        total_wan=1500,
        amount_wan=500,
        fiscal_wan=450,
        carryover_wan=30,
        other_wan=20,
        period_goal="三年累计补贴企业不少于300家次",
        goal=LONG_GOAL,
        year=2025,
        region="宁波市",
    )
    texts = dict(explanation="获得补贴的企业户数", scoring="达到得满分，每少5家扣1分") if explained else {}
    rows = [
        drafts.new_row("补贴企业数", target="≥100家", basis="计划标准", weight=20, **texts),
        drafts.new_row("补贴发放准确率", target="=100%", level2="质量指标", weight=30, **texts),
        drafts.new_row("企业研发投入增长率", target="≥10%", level2="经济效益指标", weight=30, **texts),
        drafts.new_row("服务对象满意度", target="≥90%", weight=20, **texts),
    ]
    return drafts.apply_rows(conn, d.id, rows).draft


def load_xlsx(path):
    import openpyxl

    return openpyxl.load_workbook(path).active


def test_xlsx_is_an_a4_form_one_page_wide_with_the_head_in_the_forms_order(conn, tmp_path):
    ws = load_xlsx(export.export(full_draft(conn), tmp_path / "f.xlsx"))
    setup = ws.page_setup
    assert int(setup.paperSize) == int(ws.PAPERSIZE_A4) == 9 and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["A1"].value == "项目支出绩效目标表（2025年度）"
    labels = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value]
    assert labels[: len(HEAD_ORDER)] == HEAD_ORDER and labels[len(HEAD_ORDER)] == "绩效指标"
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "2025科技补贴" not in values and "科技型中小企业研发费用补贴" in values  # 项目名称, not the draft's name
    assert "宁波市奉化区科学技术局（318001）" in values and "延续项目" in values
    assert [ws.cell(r, 2).value for r in range(2, ws.max_row) if ws.cell(r, 1).value == "项目资金（万元）"] == [
        "实施期资金总额"
    ]  # the block's label once, merged over its five rows
    assert "地区" not in values and "宁波市" not in values  # the knowledge base's own fields are not the form's


def test_xlsx_fonts_vertical_label_and_row_heights(conn, tmp_path):
    ws = load_xlsx(export.export(full_draft(conn), tmp_path / "f.xlsx"))
    assert ws["A1"].font.name == form.TITLE_FONT and ws["A1"].font.sz == form.TITLE_SIZE
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert {c.font.name for c in cells} == {form.TABLE_FONT}
    label = next(c for c in cells if c.value == "绩效指标")
    assert label.alignment.textRotation == 255  # stacked vertical text
    merged = next(m for m in ws.merged_cells.ranges if m.min_row == label.row and m.min_col == 1)
    assert merged.max_col == 1 and merged.max_row == label.row + 4  # the header and the four indicators
    goal = next(c.row for c in cells if c.value == LONG_GOAL)
    name = next(c.row for c in cells if c.value == "项目名称")
    assert ws.row_dimensions[goal].height >= 3 * ws.row_dimensions[name].height  # grown for its wrapped lines
    assert all(c.alignment.wrap_text for c in cells if c.row > 1 and c.value not in ("绩效指标",))


def test_xlsx_turns_landscape_only_when_the_columns_need_it(conn, tmp_path):
    d = full_draft(conn, explained=False)
    assert load_xlsx(export.export(d, tmp_path / "narrow.xlsx")).page_setup.orientation == "portrait"
    wide = full_draft_with_every_field(conn, d)
    ws = load_xlsx(export.export(wide, tmp_path / "wide.xlsx"))
    assert ws.page_setup.orientation == "landscape"
    header = next(r for r in ws.iter_rows(values_only=True) if r[1] == "一级指标")
    assert header[1:] == (
        "一级指标",
        "二级指标",
        "三级指标",
        "实施期指标值",
        "年度指标值",
        "指标解释",
        "计算公式",
        "评（扣）分标准",
        "数据来源",
        "指标值设定依据",
        "分值",
    )


def full_draft_with_every_field(conn, d):
    row = d.rows[0]
    fields = dict(
        explanation="年度内获得补贴的企业户数",
        formula="获得补贴的企业户数",
        scoring="达到100家得满分",
        data_source="拨付清单",
        basis_text="《补助办法》",
        period_target="≥300家次",
    )
    return drafts.update_row(conn, d.id, row.id, **fields)


def test_short_text_rows_stay_one_line_and_cjk_counts_double():
    assert sheet_file.text_width("满意度") == 6 and sheet_file.text_width("abc") == 3
    assert sheet_file.lines("满意度", 10) == 1 and sheet_file.lines("满" * 20, 10) == 5
    assert sheet_file.lines("甲\n乙", 10) == 2
    assert sheet_file.row_height([("短", 10), ("长" * 40, 10)]) > sheet_file.row_height([("短", 10)])


def test_docx_is_an_a4_form_with_plain_title_chinese_fonts_and_vertical_label(conn, tmp_path):
    import docx
    from docx.oxml.ns import qn

    from docx.enum.section import WD_ORIENT

    document = docx.Document(export.export(full_draft(conn), tmp_path / "f.docx"))
    section = document.sections[0]  # 指标解释 and 评（扣）分标准 make it wide: A4 landscape
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.orientation == WD_ORIENT.LANDSCAPE
    narrow = docx.Document(export.export(full_draft(conn, explained=False, name="窄"), tmp_path / "n.docx"))
    assert (round(narrow.sections[0].page_width.mm), narrow.sections[0].orientation) == (210, WD_ORIENT.PORTRAIT)
    title = document.paragraphs[0]
    assert title.text == "项目支出绩效目标表（2025年度）" and title.style.name == "Normal"  # not Word's blue heading
    fonts = title.runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == form.TITLE_FONT
    head, table, signed = document.tables  # the indicators apart, so that Word repeats their header row
    labels = []
    for row in [*head.rows, *table.rows[1:]]:
        if row.cells[0].text.replace("\n", "") not in labels:
            labels.append(row.cells[0].text.replace("\n", ""))
    assert labels == [*HEAD_ORDER, "绩效指标"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None and table.rows[0].cells[3].text == "三级指标"
    runs = [r for t in (head, table) for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs} == {form.TABLE_FONT}
    label = next(c for row in table.rows for c in row.cells if c.text == "绩\n效\n指\n标")
    assert label._tc.tcPr.find(qn("w:textDirection")) is None  # stacked a character a line, upright everywhere
    assert "2025科技补贴" not in [c.text for t in (head, table) for row in t.rows for c in row.cells]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for t in (head, table) for row in t.rows)
    assert [c.width for c in head.columns] == [c.width for c in table.columns]  # one grid
    footer = " ".join(c.text for row in signed.rows for c in row.cells)
    assert all(word in footer for word in ("填报单位（盖章）", "联系人", "联系电话", "填报日期"))
    last = [c.paragraphs[0].paragraph_format.keep_with_next for c in table.rows[-1].cells]
    assert all(last)  # the lines to sign never alone on a page: they go over with the table's last row


def test_docx_label_reads_top_down_upright_and_cells_have_room_above_and_below(conn, tmp_path):
    """LibreOffice read the label's w:textDirection tbRl as upright characters running past a short cell (标 below
    the table); Word turns every character of tbRl on its side. Its text touched the rules of every row."""
    import docx
    from docx.oxml.ns import qn

    d = drafts.create(conn, "一行")
    d = drafts.apply_rows(conn, d.id, [drafts.new_row("服务对象满意度", target="≥90%")]).draft
    document = docx.Document(export.export(d, tmp_path / "one.docx"))
    head, table, _ = document.tables
    label = table.cell(1, 0)
    assert [p.text for p in label.paragraphs] == ["绩\n效\n指\n标"]
    assert label._tc.tcPr.find(qn("w:textDirection")) is None
    for t in (head, table):
        margins = t._tbl.tblPr.find(qn("w:tblCellMar"))
        pads = {side: int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("top", "bottom")}
        assert pads["top"] >= 40 and pads["bottom"] >= 40, pads  # twips: 2 pt at least
        names = [child.tag.split("}")[1] for child in t._tbl.tblPr]
        assert names.index("tblCellMar") == len(names) - 1 - ("tblLook" in names)  # the schema's order


def test_xlsx_indicator_rows_hold_the_vertical_label_however_few(conn, tmp_path):
    """With one or two indicators the stacked 绩效指标 ran out of its merged cell."""
    d = drafts.create(conn, "一行")
    d = drafts.apply_rows(conn, d.id, [drafts.new_row("服务对象满意度", target="≥90%")]).draft
    ws = load_xlsx(export.export(d, tmp_path / "one.xlsx"))
    label = next(c for row in ws.iter_rows() for c in row if c.value == "绩效指标")
    merged = next(m for m in ws.merged_cells.ranges if m.min_row == label.row and m.min_col == 1)
    tall = sum(ws.row_dimensions[r].height for r in range(merged.min_row, merged.max_row + 1))
    assert tall >= 4 * sheet_file.LINE_HEIGHT


def test_a_one_year_period_prints_the_years_total_goal_and_title_year(conn, tmp_path):
    """实施期 2026-01 至 2026-12: 实施期资金总额 and 实施期目标 were blank (they are the year's), the title's year
    blank when the draft had none."""
    import docx

    d = drafts.create(conn, "一年", period="2026-01 至 2026-12", amount_wan=120, goal="为800名老人提供居家养老服务")
    ws = load_xlsx(export.export(d, tmp_path / "y.xlsx"))
    values = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(2, ws.max_row + 1)}
    assert values["实施期资金总额"] == values["年度资金总额"] == 120
    assert values["实施期目标\n（2026年）"] == values["年度目标"] == "为800名老人提供居家养老服务"
    assert ws["A1"].value == "项目支出绩效目标表（2026年度）"
    head = docx.Document(export.export(d, tmp_path / "y.docx")).tables[0]
    texts = [[c.text for c in row.cells] for row in head.rows]
    assert next(row for row in texts if "实施期资金总额" in row)[-1] == "120"
    longer = drafts.set_field(conn, d.id, "period", "2026-01 至 2027-12")
    ws = load_xlsx(export.export(longer, tmp_path / "two.xlsx"))
    values = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(2, ws.max_row + 1)}
    assert values["实施期资金总额"] is None and ws["A1"].value == "项目支出绩效目标表（    年度）"  # not the year's


def test_docx_text_is_made_smaller_when_the_columns_would_break_it():
    """At 五号 in a landscape table of every column, 一级指标 and ≥750元/月 broke in the middle (a spreadsheet
    prints one page wide by its own scaling; a document's table cannot shrink)."""
    from kb.drafting.form_docx import SMALLEST, table_size

    page = 297 - 2 * 18
    assert table_size(100, page) == form.TABLE_SIZE
    assert SMALLEST <= table_size(170, page) < form.TABLE_SIZE and table_size(170, page) * 2 == int(
        table_size(170, page) * 2
    )
    assert table_size(1000, page) == SMALLEST


def test_yth_sheet_has_the_import_columns(conn, tmp_path):
    import openpyxl

    path = export.export(full_draft(conn), tmp_path, "yth")
    assert path.name == "2025科技补贴_一体化导入.xlsx"
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert (
        rows[0]
        == yth.COLUMNS
        == (
            "一级指标",
            "二级指标",
            "三级绩效指标代码",
            "三级绩效指标名称",
            "绩效指标说明",
            "指标值",
            "评（扣）分标准",
            "备注",
        )
    )
    assert rows[1][:2] == ("产出指标", "数量指标") and rows[1][3:7] == (
        "补贴企业数",
        "获得补贴的企业户数",
        "≥100家",
        "达到得满分，每少5家扣1分",
    )
    assert rows[1][7] == "指标值设定依据：计划标准"


def test_yth_limits_are_checked_before_anything_is_written(conn, tmp_path):
    d = full_draft(conn)
    d = drafts.update_row(conn, d.id, d.rows[0].id, name="补" * 31, target="≥" + "1" * 60 + "家")
    d = drafts.update_row(conn, d.id, d.rows[1].id, explanation="", scoring="")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(KbError) as caught:
        export.export(d, tmp_path / "out.xlsx", "yth")
    assert "\n" not in str(caught.value)  # one line; the limits listed each in a line of its own
    message = "\n".join([str(caught.value), *caught.value.details])
    assert message.startswith("一体化导入表未写出：4 处") and len(caught.value.details) == 4
    assert "第 1 行" in message and "三级绩效指标名称超过 30 字（31 字）" in message and "指标值超过 60 字" in message
    assert "缺少绩效指标说明" in message and "缺少评（扣）分标准" in message and "第 2 行" in message
    assert list(tmp_path.iterdir()) == []


def test_cli_yth_export_refused_exits_non_zero_and_writes_nothing(conn, db_path, tmp_path):
    from typer.testing import CliRunner

    from cli.app import app

    full_draft(conn, explained=False)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        app, ["--db", str(db_path), "draft", "export", "2025科技补贴", str(out), "--format", "yth"]
    )
    assert result.exit_code != 0 and "一体化导入表未写出" in result.output
    assert "\\x0a" not in result.output and "\n  第 1 行 row 1" in result.output  # each limit on a line
    assert list(out.iterdir()) == []


def test_a_one_year_period_of_another_year_prints_no_total_of_the_drafts_year(conn, tmp_path):
    """A 2025 实施期 carried into a 2026 draft printed the 2026 amount and goal as the 2025 实施期's."""
    d = drafts.create(conn, "另一年", year=2026, period="2025-01 至 2025-12", amount_wan=120, goal="服务800名老人")
    ws = load_xlsx(export.export(d, tmp_path / "y.xlsx"))
    values = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(2, ws.max_row + 1)}
    assert values["实施期资金总额"] is None and values["实施期目标\n（2025年）"] is None
    assert values["年度资金总额"] == 120 and ws["A1"].value == "项目支出绩效目标表（2026年度）"
