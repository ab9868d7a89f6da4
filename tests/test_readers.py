"""Readers: what each format gives as rows, and one clear line for every kind of bad input."""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import itertools
import zipfile
from pathlib import Path

import pytest

from importers.readers import UnreadableFile, common, read_bytes, read_rows
from importers.records import Rows


def cells(rows) -> list[list[str]]:
    return [row.cells for row in rows if not row.blank]


def xlsx_bytes(build) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_merged_cells_spread_hidden_sheets_formats_and_every_sheet():
    def build(book):
        sheet = book.active
        sheet.append(["项目名称", "甲", None, None])
        sheet.merge_cells("B1:D1")
        sheet.append(["产出指标", "数量指标", "x", 15812.52])
        sheet["D2"].number_format = "#,##0.00"
        sheet.append([None, None, "y", 0.9])
        sheet["D3"].number_format = "0%"
        sheet.merge_cells("A2:A3")
        sheet.append([None, None, None, None])
        sheet["B4"] = "块"
        sheet.merge_cells("B4:C5")
        book.create_sheet("hidden").append(["secret"])
        book["hidden"].sheet_state = "hidden"
        book.create_sheet("second").append(["第二页", 7000000])

    assert cells(read_bytes(xlsx_bytes(build), ".xlsx")) == [
        ["项目名称", "甲", "甲", "甲"],
        ["产出指标", "数量指标", "x", "15,812.52"],
        ["产出指标", "", "y", "90%"],
        ["", "块", "块", ""],
        ["", "块", "块", ""],
        ["第二页", "7000000"],
    ]


def test_xlsx_dates_as_their_cells_format_writes_them():
    """A completion date typed as a date and formatted 2023年12月20日 (or 2023/12/20) was read as 2023-12-20: the
    original string is what the sheet shows (Excel's short date as Chinese Excel shows it); other dates stay ISO."""
    import datetime as dt

    def build(book):
        sheet = book.active
        sheet.append(["项目完成时间", dt.datetime(2023, 12, 20), dt.datetime(2023, 12, 5), dt.date(2024, 3, 1)])
        sheet["B1"].number_format = 'yyyy"年"m"月"d"日"'
        sheet["C1"].number_format = '[$-804]yyyy"年"mm"月"dd"日"'
        sheet["D1"].number_format = "yyyy-mm-dd"
        sheet["E1"] = dt.datetime(2023, 12, 20)
        sheet["E1"].number_format = 'yyyy"年"m"月"d"日";@'  # what Excel's Chinese date format writes
        for column, number_format in zip("FGHIJ", ["yyyy/m/d", "mm-dd-yy", "yyyy.mm.dd", "yyyy/m/d h:mm", "0.00"]):
            sheet[f"{column}1"] = dt.datetime(2024, 3, 1, 9 if column == "I" else 0)
            sheet[f"{column}1"].number_format = number_format  # (mm-dd-yy: openpyxl's name of Excel's short date)

    assert cells(read_bytes(xlsx_bytes(build), ".xlsx")) == [
        ["项目完成时间", "2023年12月20日", "2023年12月05日", "2024-03-01", "2023年12月20日"]
        + ["2024/3/1", "2024/3/1", "2024.03.01", "2024-03-01 09:00:00", "45352.00"]
    ]


def test_dates_in_the_built_in_formats_of_a_chinese_excel_read_as_it_shows_them():
    """A Chinese Excel or WPS gives its own date formats by number alone (31: 2026年12月31日, 27: 2026年12月, 28:
    12月31日), no code in the file: a completion date came out as 46387 (.xlsx) or 2026-12-31 (.xls)."""
    import datetime as dt
    import re

    import xlwt

    dates = [dt.datetime(2026, 12, 31), dt.datetime(2026, 6, 1), dt.datetime(2026, 3, 15)]
    shown = [["2026年12月31日", "2026年6月", "3月15日", "2026年12月31日"]]
    formats = {'yyyy"年"m"月"d"日"': 31, 'yyyy"年"m"月"': 27, 'm"月"d"日"': 28}

    def build(book):
        for column, (value, fmt) in enumerate(zip(dates + dates[:1], [*formats, 'yyyy"年"m"月"d"日"']), 1):
            book.active.cell(1, column, value).number_format = fmt

    data = xlsx_bytes(build)
    parts = {
        name: zipfile.ZipFile(io.BytesIO(data)).read(name) for name in zipfile.ZipFile(io.BytesIO(data)).namelist()
    }
    styles = parts["xl/styles.xml"].decode()
    for code, number in formats.items():  # each custom id becomes the built-in one, its code left out
        custom = re.search(
            rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(code.replace(chr(34), "&quot;"))}"/>', styles
        )
        styles = styles.replace(custom.group(0), "").replace(f'numFmtId="{custom.group(1)}"', f'numFmtId="{number}"')
    assert cells(read_bytes(_zip({**parts, "xl/styles.xml": styles.encode()}), ".xlsx")) == shown
    book = xlwt.Workbook(encoding="utf-8")
    book._Workbook__styles._num_formats.update(formats)  # written by number: no FORMAT record
    sheet = book.add_sheet("绩效目标")
    for column, (value, fmt) in enumerate(zip(dates + dates[:1], [*formats, 'yyyy"年"m"月"d"日"'])):
        sheet.write(0, column, value, xlwt.easyxf(num_format_str=fmt))
    out = io.BytesIO()
    book.save(out)
    assert cells(read_bytes(out.getvalue(), ".xls")) == shown


def test_xlsx_characters_escaped_in_a_text_read_as_they_show():
    """Excel and POI write a line break pasted with its CR as '_x000D_' and then the line feed: openpyxl keeps the
    escape, and a goal read '…5万亩，_x000D_配套…' (an inline string's '_x005F_' is a '_' that begins such text)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006'
        '/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>≥95%_x000D_\n'
        "(_x005F_x000D_)</t></is></c></row></sheetData></worksheet>"
    )
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' count="1" uniqueCount="1"><si><r><t>新建农田5万亩，_x000D_\n</t></r><r><t>配套完善灌排设施</t></r></si></sst>'
    )
    book = io.BytesIO(xlsx_bytes(lambda book: book.active.append(["x"])))
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = strings.encode()  # (openpyxl writes inline strings: the part and its links)
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdS" Type="{relation}" Target="sharedStrings.xml"/></Relationships>'.encode(),
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'.encode()
    )
    assert cells(read_bytes(_zip(parts), ".xlsx")) == [["新建农田5万亩，\n配套完善灌排设施", "≥95%\n(_x000D_)"]]


def test_xlsx_formulas_saved_without_their_results_are_computed(monkeypatch):
    """A workbook written by a library (openpyxl, Apache POI: a finance system's export) holds formulas without their
    results: a form's 年度资金总额 (=SUM over the shares below it, merged across) was read blank and the project had
    no amount; XlsxWriter saves each result as 0 (computed on opening), and the amount was 0. A total of cells is
    computed as Excel does; another formula is left blank and said in the warnings."""

    def build(book):
        sheet = book.active
        sheet.append(["项目资金（万元）", "年度资金总额", "=SUM(C3:C4)", None])
        sheet.merge_cells("C1:D1")
        sheet.append([None, "其中：人均标准", "=ROUND(C1*10000/$C$5,2)", None])
        sheet.append([None, "其中：财政拨款", 260, None])
        sheet.append([None, "其他资金", "=20.5+(3-3)*2", None])
        sheet.append(["受益人数", None, 8600, "=VLOOKUP(C5,A1:C4,2)"])
        for row in (1, 2, 3, 4):
            sheet.cell(row, 3).number_format = "#,##0.00"

    shown = [
        ["项目资金（万元）", "年度资金总额", "280.50", "280.50"],
        ["", "其中：人均标准", "326.16", ""],
        ["", "其中：财政拨款", "260.00", ""],
        ["", "其他资金", "20.50", ""],
        ["受益人数", "", "8600", ""],
    ]
    data = xlsx_bytes(build)
    rows = read_bytes(data, ".xlsx")
    assert cells(rows) == shown
    assert rows.notes == [
        "工作表“Sheet”的公式没有保存结果，未能算出：D5；请用 Excel 或 WPS 打开并保存后再导入 "
        "(formulas of sheet 'Sheet' saved without their results, not computed: D5; open and save the file in Excel "
        "or WPS, then import it)"
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert b'fullCalcOnLoad="1"' in parts["xl/workbook.xml"] and b"<v></v>" in parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<v></v>", b"<v>0</v>")
    assert cells(read_bytes(_zip(parts), ".xlsx"))[:4] == shown[:4]  # XlsxWriter's 0s
    monkeypatch.setattr(common, "MOST_VISITS", 1)  # the ranges' cells, all formulas together: SUM(C3:C4) covers 2
    assert [row[2] for row in cells(read_bytes(data, ".xlsx"))] == ["", "", "260.00", "20.50", "8600"]
    monkeypatch.undo()
    sheet = parts["xl/worksheets/sheet1.xml"].replace(b'<c r="D5"', b'<c r="D5" t="str"')  # Excel's text result: ""
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"VLOOKUP(C5,A1:C4,2)</f><v>0", b'IF(C5=0,"",C5)</f><v>')
    assert read_bytes(_zip(parts), ".xlsx").notes == []  # (an empty text is no result left out)


def test_a_target_typed_as_a_formula_with_a_percent_sign_shows_as_a_percentage():
    """A unit typed its targets as formulas (=120%) in a sheet saved without results (openpyxl; some generators):
    the General cell was read 1.2, where LibreOffice and WPS show 120%. A percent written in the formula shows as
    one; a format the cell gives wins, and a number without % stays as General shows it."""

    def build(book):
        sheet = book.active
        sheet.append(["三级指标", "指标值"])
        for name, target in (("兑付率", "=120%"), ("合格率", "=100%-5%"), ("人数", "=0.95"), ("覆盖率", "=98.5%")):
            sheet.append([name, target])
        sheet.append(["达标率", "=0.9"])
        sheet["B6"].number_format = "0%"
        sheet.append(["完成率", "=95%"])
        sheet["B7"].number_format = "0.00"

    assert [row[1] for row in cells(read_bytes(xlsx_bytes(build), ".xlsx"))] == [
        "指标值", "120%", "95%", "0.95", "98.5%", "90%", "0.95"
    ]  # fmt: skip


def test_a_target_computed_from_a_percentage_shows_as_a_number():
    """=1200*(1+5%) (a count grown by 5%) in a General cell shows 1260, as LibreOffice and Excel show it: a product
    or quotient with a percentage is no percentage. It was read 126000%."""

    def build(book):
        sheet = book.active
        sheet.append(["三级指标", "指标值"])
        for name, target in (("养护里程", "=1200*(1+5%)"), ("单位成本", "=4000*105%"), ("人均", "=50%/2")):
            sheet.append([name, target])

    assert [row[1] for row in cells(read_bytes(xlsx_bytes(build), ".xlsx"))] == ["指标值", "1260", "4200", "0.25"]


def test_xls_formulas_saved_without_their_results_are_computed():
    """xlwt saves a formula with an empty text for Excel to compute on opening: a form's 年度资金总额 (=SUM over the
    shares below it, merged across) was read blank and the project had no amount. A total of cells is computed as
    Excel does; another formula is left blank and said in the warnings."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    sheet.write(0, 0, "年度资金总额")
    sheet.write_merge(0, 0, 1, 2, xlwt.Formula("SUM(B3:B4)"), money)
    sheet.write(1, 0, "人均标准")
    sheet.write(1, 1, xlwt.Formula("ROUND(B1*10000/B5,2)"), money)
    sheet.write(2, 0, "财政拨款")
    sheet.write(2, 1, 260, money)
    sheet.write(3, 0, "其他资金")
    sheet.write(3, 1, xlwt.Formula("20.5+(3-3)*2-(-0)+B6"), money)
    sheet.write(4, 0, "受益人数")
    sheet.write(4, 1, 8600)
    sheet.write(4, 2, xlwt.Formula("AVERAGE(B3:B4)"))
    sheet.write(5, 2, xlwt.Formula('IF(B5=0,"",B1/B5)'))  # an empty text it may give is Excel's result: no warning
    out = io.BytesIO()
    book.save(out)
    rows = read_bytes(out.getvalue(), ".xls")
    assert cells(rows) == [
        ["年度资金总额", "280.50", "280.50"],
        ["人均标准", "326.16", ""],
        ["财政拨款", "260.00", ""],
        ["其他资金", "20.50", ""],
        ["受益人数", "8600", ""],
    ]
    assert rows.notes == [
        "工作表“表”的公式没有保存结果，未能算出：C5；请用 Excel 或 WPS 打开并保存后再导入 "
        "(formulas of sheet '表' saved without their results, not computed: C5; open and save the file in Excel or "
        "WPS, then import it)"
    ]


def test_text_excel_saved_with_quoted_cells_reads_as_its_sheet(tmp_path):
    """Excel's 文本文件（制表符分隔） and Unicode 文本 quote a cell holding a line break or a quote: the goal was cut in
    two (a stray quote on each part) and a summary's rows shifted. Read whole or as a stream, alike."""
    from importers.readers.text import split_rows, stream_rows

    text = (
        "项目名称\t年度绩效目标\t三级指标\t指标值\r\n"
        '医疗救助\t"对特困人员救助，\r\n减轻就医负担。"\t"""一站式""结算覆盖率"\t=100%\r\n'
        "养老服务\t提供居家服务。\t服务人次\t≥1200人次\r\n"
    )
    expected = [
        ["项目名称", "年度绩效目标", "三级指标", "指标值"],
        ["医疗救助", "对特困人员救助，\n减轻就医负担。", '"一站式"结算覆盖率', "=100%"],
        ["养老服务", "提供居家服务。", "服务人次", "≥1200人次"],
    ]
    assert [row.cells for row in split_rows(text)] == expected
    (tmp_path / "t.txt").write_bytes(text.encode("utf-16"))
    with open(tmp_path / "t.txt", "rb") as file:
        assert [row.cells for row in stream_rows(file)] == expected


def test_text_of_markdown_tables_reads_their_cells(tmp_path):
    """A goal table saved from a Markdown editor or a chat tool ('| 一级指标 | 二级指标 |', padded with spaces): each
    line was one cell, and no layout read it (padded, its lines were even cut at the spaces). Its rule line is left
    out, '<br>' breaks a cell's line, an escaped pipe is text; lines outside the table stay as they are. Read whole
    or as a stream, alike."""
    from importers import parse_rows
    from importers.readers.text import split_rows, stream_rows

    text = (
        "# 2026年项目支出绩效目标表\n\n"
        "| 项目名称     | 城市社区养老服务设施建设项目 |       |        |\n"
        "| ------------ | :--------------------------: | ----- | ------ |\n"
        "| 年度资金总额 | 1560.00                      |       |        |\n"
        "| 年度总体目标 | 新建设施20个，<br>服务老年人8000人次 |  |  |\n"
        "| 一级指标     | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标     | 数量指标 | 新建设施数量 | ≥20个 |\n"
        "|              |          | 服务人次（助餐\\|助浴） | ≥8000人次 |\n"
        "| 满意度指标   | 服务对象满意度指标 | 老年人满意度 | ≥90% |\n"
    )
    expected = [
        ["# 2026年项目支出绩效目标表"],
        [""],
        ["项目名称", "城市社区养老服务设施建设项目", "", ""],
        ["年度资金总额", "1560.00", "", ""],
        ["年度总体目标", "新建设施20个，\n服务老年人8000人次", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "新建设施数量", "≥20个"],
        ["", "", "服务人次（助餐|助浴）", "≥8000人次"],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%"],
        [""],
    ]
    rows = split_rows(text)
    assert [row.cells for row in rows] == expected
    assert [row.line for row in rows] == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11]
    (tmp_path / "t.txt").write_bytes(text.encode("utf-8"))
    with open(tmp_path / "t.txt", "rb") as file:
        assert [row.cells for row in stream_rows(file)] == expected
    [project] = parse_rows(rows).projects
    assert [(i.name, i.target) for i in project.indicators][1] == ("服务人次（助餐|助浴）", "≥8000人次")


# a goal table's page as `pdftotext -layout` writes it: no rule, a name wrapped above and below its row's line (the
# one holding its level and target), one character a column (a Chinese one too), the page ended by a form feed
_PDFTOTEXT_LAYOUT = (
    "                      预算表12 项目支出绩效目标表\n\n"
    "   项目名称        项目总额      一级指标    二级指标     三级指标    本年绩效指标值\n"
    "                                                   故障应急响应时\n"
    "  信息系统运维     689.157460    产出指标    时效指标              ≤5分钟\n"
    "                                                   间\n"
    "                                 效益指标    社会效益指标   系统利用率    ≥99%\n\f"
)
# the same page as plain `pdftotext` writes it: one cell a line, in the order of the PDF's text
_PDFTOTEXT_PLAIN = (
    "预算表12 项目支出绩效目标表\n\n项目名称\n项目总额\n一级指标\n三级指标\n故障应急响应时\n间\n≤5分钟\n\f"
)


@pytest.mark.parametrize("bom, encoding", [(b"", "utf-8"), (b"", "gb18030"), (codecs.BOM_UTF16_BE, "utf-16-be")])
@pytest.mark.parametrize("text", [_PDFTOTEXT_LAYOUT, _PDFTOTEXT_PLAIN], ids=["layout", "plain"])
def test_text_pdftotext_wrote_is_refused_naming_the_pdf(tmp_path, text, bom, encoding):
    """Text pdftotext took out of a PDF, with or without -layout, gave wrong records (a wrapped name's lines in two
    rows, '间' an indicator of its own; of the 41 real PDFs' texts none read as its PDF does, 7,500 indicators from
    one that has 2,496): it is refused, whole or as a stream, with what to import instead."""
    from importers.readers import RowStream

    data = bom + text.encode(encoding)
    with pytest.raises(UnreadableFile, match="^从 PDF 转出的文字.*请导入原 PDF"):
        read_bytes(data, ".txt")
    (tmp_path / "t.txt").write_bytes(data)
    with pytest.raises(UnreadableFile, match="^从 PDF 转出的文字"), RowStream(tmp_path / "t.txt") as rows:
        list(rows)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_text_a_word_processor_saved_with_page_breaks_is_read(tmp_path, encoding):
    """Word's "纯文本" of a document of paragraphs writes a page break as a form feed before the next page: the text
    was refused as pdftotext's (which ends every page, the last too, with one), whole and as a stream."""
    from importers import parse_rows
    from importers.readers import RowStream

    head = "项目名称：{}\r\n主管部门：某局\r\n项目资金：320万元\r\n"
    page = head + "绩效指标：\r\n（一）产出指标\r\n数量指标\r\n1. {}\r\n2. {}\r\n"
    pages = [
        page.format("职业技能培训", "培训人次：≥5000人次", "合格率：≥90%"),
        page.format("道路养护", "养护里程：≥1250公里", "优良路率：≥80%"),
    ]
    data = "\f".join(pages).encode(encoding)
    doc = parse_rows(read_bytes(data, ".txt"))
    assert [(p.name, [(i.name, i.target) for i in p.indicators]) for p in doc.projects] == [
        ("职业技能培训", [("培训人次", "≥5000人次"), ("合格率", "≥90%")]),
        ("道路养护", [("养护里程", "≥1250公里"), ("优良路率", "≥80%")]),
    ]
    (tmp_path / "t.txt").write_bytes(data)
    with RowStream(tmp_path / "t.txt") as rows:
        assert [row.cells for row in rows] == [row.cells for row in read_bytes(data, ".txt")]


def test_text_a_browser_copied_under_a_group_header_reads_in_its_columns(tmp_path):
    """A flat goal table copied from a browser (select all, copy: tab-separated): '其中：' over 财政资金 | 其他资金
    takes one cell of the header, its sub-headers a shorter line of their own, and every row continuing a merged
    cell starts at its own first cell. Each project's first indicator was read one column off (its goal as the
    一级指标, the sign as the target, the number as the unit); the sub-headers now stand in the group cell's place.
    Read whole or as a stream, alike."""
    from importers import parse_rows
    from importers.readers.text import split_rows, stream_rows

    text = (
        "预算表12 项目支出绩效目标表\n"
        "项目名称\t项目总额\t其中：\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
        "财政资金\t其他资金\n"
        "信息系统运维类项目\t689.15\t689.15\t\t保障系统安全运行。\t产出指标\t时效指标\t故障应急响应时间\t≤\t5\t分钟\n"
        "满意度指标\t服务对象满意度指标\t使用人员满意度\t≥\t95\t%\n"
        "办公设备购置类项目\t29.36\t29.36\t\t保障机构正常运转。\t产出指标\t数量指标\t采购数量\t≥\t18\t台/套\n"
    )
    rows = split_rows(text)
    assert rows[1].cells[2:4] == ["财政资金", "其他资金"] and [row.line for row in rows] == [1, 2, 4, 5, 6, 7]
    first, second = parse_rows(rows).projects
    found = [(i.level1, i.name, i.operator, i.target, i.unit) for p in (first, second) for i in p.indicators]
    assert found == [
        ("产出指标", "故障应急响应时间", "≤", "5", "分钟"),
        ("满意度指标", "使用人员满意度", "≥", "95", "%"),
        ("产出指标", "采购数量", "≥", "18", "台/套"),
    ]
    (tmp_path / "t.txt").write_bytes(text.encode("utf-8"))
    with open(tmp_path / "t.txt", "rb") as file:
        assert [row.cells for row in stream_rows(file)] == [row.cells for row in rows]


@pytest.mark.parametrize("amounts", [True, False], ids=["with-其中", "levels-alone"])
def test_text_a_browser_copied_under_the_levels_group_reads_in_its_columns(amounts):
    """'绩效指标' over 一级指标 | 二级指标 | 三级指标, alone or beside '其中：' over 财政资金 | 其他资金: the copy's
    sub-headers line held both groups' sub-headers; the table was refused (no 三级指标 column in its header)."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    money = ["其中："] if amounts else []
    header = ["项目名称", "项目总额", *money, "绩效目标", "绩效指标", "本年绩效指标值"]
    subs = (["财政资金", "其他资金"] if amounts else []) + ["一级指标", "二级指标", "三级指标"]
    first = ["运维项目", "68.5", *(["68.5", ""] if amounts else []), "保障运行。", "产出指标", "时效指标", "响应时间"]
    second = ["购置项目", "29.3", *(["29.3", ""] if amounts else []), "保障运转。", "产出指标", "数量指标", "采购数量"]
    lines = [header, subs, [*first, "≤5分钟"], ["满意度指标", "服务对象满意度指标", "使用人员满意度", "≥95%"]]
    lines += [[*second, "≥18台"]]
    rows = split_rows("".join("\t".join(line) + "\n" for line in lines))
    found = [(p.name, i.level1, i.name, i.target) for p in parse_rows(rows).projects for i in p.indicators]
    assert found == [
        ("运维项目", "产出指标", "响应时间", "≤5分钟"),
        ("运维项目", "满意度指标", "使用人员满意度", "≥95%"),
        ("购置项目", "产出指标", "采购数量", "≥18台"),
    ]


def test_text_with_a_form_feed_between_tab_separated_lines_is_read():
    """A form feed in a tab-separated text (a page break a word processor saved) is no sign of pdftotext."""
    rows = read_bytes("一级指标\t三级指标\t指标值\n产出指标\t新建设施数量\t≥20个\n\f".encode("utf-8"), ".txt")
    assert rows[1].cells == ["产出指标", "新建设施数量", "≥20个"]


@pytest.mark.parametrize("suffix, sep", [(".txt", "\t"), (".csv", ",")])
def test_a_page_break_before_a_projects_row_is_not_in_its_name(suffix, sep):
    """A form feed a page break left at the start of a line (a sheet's export, a word processor's text) stayed in the
    project's name ('\\x0c办公设备购置'): a second project of that name, found by no search."""
    from importers import parse_rows

    lines = [
        ["项目名称", "项目总额", "一级指标", "二级指标", "三级指标", "指标值"],
        ["信息系统运维", "689.15", "产出指标", "时效指标", "响应时间", "≤5分钟"],
    ]
    lines += [["办公设备购置", "29.36", "产出指标", "数量指标", "采购数量", "≥18台"]]
    text = "\n".join(sep.join(line) for line in lines[:2]) + "\n\f" + sep.join(lines[2]) + "\n"
    doc = parse_rows(read_bytes(text.encode("gbk"), suffix))
    assert [p.name for p in doc.projects] == ["信息系统运维", "办公设备购置"]


def test_xlsx_hidden_rows_and_columns_are_not_read():
    """Last year's indicators kept in hidden rows, and a hidden 上年指标值 column before this year's, were read as if
    shown (extra indicators; every target last year's)."""

    def build(book):
        sheet = book.active
        sheet.append(["三级指标", "上年指标值", "指标值"])
        sheet.append(["养护里程（2023年）", "≥45公里", "≥45公里"])
        sheet.append(["养护里程", "≥45公里", "≥50公里"])
        sheet.row_dimensions[2].hidden = True
        sheet.column_dimensions["B"].hidden = True

    rows = read_bytes(xlsx_bytes(build), ".xlsx")
    assert cells(rows) == [["三级指标", "指标值"], ["养护里程", "≥50公里"]]
    assert rows.notes == [  # what was left out is said (it was not)
        "工作表“Sheet”的隐藏行未读：第 2 行 (hidden rows of sheet 'Sheet' not read: 2)",
        "工作表“Sheet”的隐藏列未读：B 列 (hidden columns of sheet 'Sheet' not read: B)",
    ]


SUMMARY = [
    ["项目名称", "三级指标", "指标值"],
    ["居家养老补贴", "服务人次", "≥36000人次"],
    ["", "服务对象满意度", "≥90%"],
    ["临时救助资金", "救助人次", "≥1200人次"],
    ["", "服务对象满意度", "≥92%"],
]


@pytest.mark.parametrize("where", ["sheet", "table"])
def test_xlsx_rows_an_autofilter_hides_are_read(where):
    """A summary saved while a filter showed one project (or only the 满意度 rows) lost the rows the filter hid: 1 of 3
    projects, or the file refused ("indicator before any project name"). A filter only shows part of the table; a row
    hidden by hand outside it is still left out, and said."""
    from openpyxl.worksheet.filters import AutoFilter, FilterColumn, Filters
    from openpyxl.worksheet.table import Table

    from importers import parse_rows

    def build(book):
        sheet = book.active
        for row in SUMMARY:
            sheet.append(row)
        sheet.append(["上年：养护里程", "≥45公里", "≥45公里"])
        satisfaction = FilterColumn(colId=1, filters=Filters(filter=["服务对象满意度"]))
        if where == "sheet":
            sheet.auto_filter.ref = "A1:C5"
            sheet.auto_filter.filterColumn.append(satisfaction)
        else:
            table = Table(displayName="汇总", ref="A1:C5")
            table.autoFilter = AutoFilter(ref="A1:C5", filterColumn=[satisfaction])
            sheet.add_table(table)
        for number in (2, 4, 6):
            sheet.row_dimensions[number].hidden = True

    rows = read_bytes(xlsx_bytes(build), ".xlsx")
    assert cells(rows) == SUMMARY
    doc = parse_rows(rows)
    assert [p.name for p in doc.projects] == ["居家养老补贴", "临时救助资金"]
    assert "工作表“Sheet”的隐藏行未读：第 6 行 (hidden rows of sheet 'Sheet' not read: 6)" in doc.warnings


def test_xlsx_rows_hidden_under_a_filter_not_in_use_are_not_read():
    """An AutoFilter's buttons without a filter chosen hide nothing: a row hidden under them was hidden by hand."""

    def build(book):
        sheet = book.active
        for row in SUMMARY:
            sheet.append(row)
        sheet.auto_filter.ref = "A1:C5"
        sheet.row_dimensions[3].hidden = True

    assert cells(read_bytes(xlsx_bytes(build), ".xlsx")) == SUMMARY[:2] + SUMMARY[3:]


def test_xlsx_a_second_sheet_is_no_part_of_the_first_sheets_form():
    """A 资金测算 sheet (支出内容 | 金额) after the form's sheet was read on as its last indicators."""
    from importers import parse_rows

    def build(book):
        form = book.active
        form.append(["项目名称", "垃圾分类运营", "垃圾分类运营", "垃圾分类运营"])
        form.append(["一级指标", "二级指标", "三级指标", "指标值"])
        form.append(["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"])
        money = book.create_sheet("资金测算")
        money.append(["支出内容", "金额（万元）", "", ""])
        money.append(["收运车辆运行费", "312.11", "", ""])

    [project] = parse_rows(read_bytes(xlsx_bytes(build), ".xlsx")).projects
    assert [i.name for i in project.indicators] == ["市民满意度"]


def test_xls_hidden_rows_and_columns_and_a_dates_format(monkeypatch):
    """An .xls sheet's hidden rows and columns were read (last year's indicators), and a date formatted
    2024年12月31日 came out as 2024-12-31 (xlrd stood in for by a sheet of those cells)."""
    from types import SimpleNamespace as Thing

    import xlrd

    text, date = xlrd.XL_CELL_TEXT, xlrd.XL_CELL_DATE
    grid = [
        [(text, "三级指标"), (text, "上年指标值"), (text, "指标值")],
        [(text, "养护里程（2023年）"), (text, "≥45公里"), (text, "≥45公里")],
        [(text, "完成时间"), (text, "2023年底"), (date, 45657.0)],  # 2024-12-31
    ]
    sheet = Thing(
        visibility=0,
        nrows=3,
        ncols=3,
        name="表",
        merged_cells=[],
        rowinfo_map={1: Thing(hidden=1)},
        colinfo_map={1: Thing(hidden=1)},
        cell=lambda r, c: Thing(ctype=grid[r][c][0], value=grid[r][c][1], xf_index=0),
    )
    book = Thing(
        nsheets=1,
        datemode=0,
        sheet_by_index=lambda index: sheet,
        unload_sheet=lambda index: None,
        release_resources=lambda: None,
        xf_list=[Thing(format_key=0)],
        format_map={0: Thing(format_str='yyyy"年"m"月"d"日"')},
    )
    monkeypatch.setattr(xlrd, "open_workbook", lambda **kwargs: book)
    from importers.readers import xls

    rows = xls.read(b"")
    assert cells(rows) == [["三级指标", "指标值"], ["完成时间", "2024年12月31日"]]
    assert rows.notes == [
        "工作表“表”的隐藏行未读：第 2 行 (hidden rows of sheet '表' not read: 2)",
        "工作表“表”的隐藏列未读：B 列 (hidden columns of sheet '表' not read: B)",
    ]
    # an AutoFilter over the three rows (its _FilterDatabase name, xlrd's area2d: sheet, rows, columns) hid row 2
    book.name_obj_list = [Thing(name="_FilterDatabase", scope=0, area2d=lambda: (sheet, 0, 3, 0, 3))]
    book.mem, book._sh_abs_posn = b"\x09\x08\x00\x00" + b"\x0a\x00\x00\x00", [0]  # the sheet's BOF and EOF
    assert cells(xls.read(b"")) == [["三级指标", "指标值"], ["完成时间", "2024年12月31日"]]  # no filter in use
    book.mem = b"\x09\x08\x00\x00" + b"\x9b\x00\x00\x00" + b"\x0a\x00\x00\x00"  # FILTERMODE: one is
    rows = xls.read(b"")
    assert cells(rows) == [["三级指标", "指标值"], ["养护里程（2023年）", "≥45公里"], ["完成时间", "2024年12月31日"]]
    assert rows.notes == ["工作表“表”的隐藏列未读：B 列 (hidden columns of sheet '表' not read: B)"]


def test_xlsx_merged_ranges_found_across_read_chunks(monkeypatch):
    """The scan before openpyxl reads each XML part in chunks: a mergeCell or dimension tag cut by a chunk boundary
    is still found, once."""
    sniff = importlib.import_module("importers.readers.sniff")  # the package's `sniff` is the function

    def build(book):
        sheet = book.active
        for r in range(1, 41):
            sheet.cell(r, 1, f"级{r}")
            sheet.cell(r, 3, "值")
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)

    data = xlsx_bytes(build)
    whole = cells(read_bytes(data, ".xlsx"))
    for chunk in (7, 64, 97):
        monkeypatch.setattr(sniff, "_CHUNK", chunk)
        assert cells(read_bytes(data, ".xlsx")) == whole
        monkeypatch.setattr(common, "MAX_CELLS", 40 * 3 - 1)  # the sheet states A1:C40
        with pytest.raises(UnreadableFile, match="A1:C40"):
            read_bytes(data, ".xlsx")
        monkeypatch.undo()
    assert whole == [[f"级{r}", f"级{r}", "值"] for r in range(1, 41)]


def test_xls_merged_cells_spread():
    import xlrd
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, 2, "标题")
    sheet.write_merge(1, 3, 0, 0, "产出指标")
    for r, name in enumerate(["甲", "乙", "丙"], 1):
        sheet.write(r, 1, name)
        sheet.write(r, 2, r)
    out = io.BytesIO()
    book.save(out)
    assert xlrd.open_workbook(file_contents=out.getvalue(), formatting_info=True).sheet_by_index(0).merged_cells
    assert cells(read_bytes(out.getvalue(), ".xls")) == [
        ["标题", "标题", "标题"],
        ["产出指标", "甲", "1"],
        ["产出指标", "乙", "2"],
        ["产出指标", "丙", "3"],
    ]


def test_docx_text_as_word_shows_it_changes_tracked_fields_and_links():
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    document = docx.Document()
    paragraph = document.add_paragraph("目标值")
    for xml in (
        f'<w:del {w} w:id="1" w:author="审核人"><w:r><w:delText>≥90%</w:delText></w:r></w:del>',  # 修订
        f'<w:ins {w} w:id="2" w:author="审核人"><w:r><w:t>≥95%</w:t></w:r></w:ins>',
        f'<w:fldSimple {w} w:instr=" PAGE "><w:r><w:t>（第1页）</w:t></w:r></w:fldSimple>',
        f"<w:hyperlink {w}><w:r><w:t>详见附件</w:t></w:r></w:hyperlink>",
    ):
        paragraph._p.append(parse_xml(xml))
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["目标值≥95%（第1页）详见附件"]]


def test_docx_hidden_text_is_not_read_as_word_neither_shows_nor_prints_it():
    """A template's filling instruction hidden after a target ('≥1850人（填报说明：…）') was read into the target, and
    a hidden example row became an indicator; a paragraph whose mark is hidden runs into the next, as Word shows it."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "享受补贴老年人人数"
    target = table.cell(0, 1).paragraphs[0]
    target.add_run("≥1850人")
    target.add_run("（填报说明：按核定人数填写）").font.hidden = True
    for c in range(2):
        table.cell(1, c).paragraphs[0].add_run("示例").font.hidden = True
    joined = document.add_paragraph("为全县老年人提供补贴；")
    joined._p.get_or_add_pPr().append(parse_xml(f"<w:rPr {nsdecls('w')}><w:vanish/></w:rPr>"))
    document.add_paragraph("服务质量有效改善。")
    shown = document.add_paragraph("不隐藏")
    shown.runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:vanish {nsdecls("w")} w:val="0"/>'))
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [
        ["享受补贴老年人人数", "≥1850人"],
        ["为全县老年人提供补贴；服务质量有效改善。"],
        ["不隐藏"],
    ]


def test_docx_a_symbol_fonts_own_code_in_a_run_set_in_that_font_is_its_character():
    """LibreOffice saves Word's ≥ (w:sym F0B3) as the text U+F0B3 in a run set in Symbol: '\uf0b312000平方米' was
    the target; a code of no known character is dropped. In a text font such a character is a font's own (a rare
    ideograph), kept as written."""
    import docx

    document = docx.Document()
    for runs in (
        [("\uf0b3", "Symbol"), ("12000平方米", None)],
        [("\uf0a3", "Symbol"), ("380元", None), ("\uf0fe", "Wingdings"), ("\uf0a7", "Symbol")],
        [("王\uf0b3村道路", "宋体")],
    ):
        paragraph = document.add_paragraph()
        for text, font in runs:
            paragraph.add_run(text).font.name = font
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["≥12000平方米"], ["≤380元☑"], ["王\uf0b3村道路"]]


def test_docx_an_unfilled_content_controls_placeholder_is_no_text():
    """A template's spare indicator row of content controls left unfilled shows Word's prompt in each (w:showingPlcHdr):
    it was read as an indicator '单击或点击此处输入文字。' with that target; a filled control's text is read, also where
    a template generator filled it and left the flag on."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def control(text: str, unfilled: bool, block: bool = False) -> str:
        shows = "<w:showingPlcHdr/>" if unfilled else ""
        run = f"<w:r><w:t>{text}</w:t></w:r>"
        content = f"<w:p>{run}</w:p>" if block else run
        return f"<w:sdt {nsdecls('w')}><w:sdtPr>{shows}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"

    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    prompt = "单击或点击此处输入文字。"
    for r, (name, target, unfilled) in enumerate(
        (
            ("服务对象满意度", "≥90%", False),
            (prompt, prompt, True),
            ("请输入指标名称", "Click or tap here to enter text.", True),
            ("培训人次", "≥12000人", True),  # filled by a template generator that left the flag on: its value
        )
    ):
        table.cell(r, 0).paragraphs[0]._p.append(parse_xml(control(name, unfilled)))
        cell = table.cell(r, 1)._tc
        cell.replace(cell.p_lst[0], parse_xml(control(target, unfilled, block=True)))
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["服务对象满意度", "≥90%"], ["培训人次", "≥12000人"]]


def test_docx_a_text_box_is_read_once_after_the_paragraph_it_is_drawn_in():
    """A form's title set in a text box ('2026年度项目支出绩效目标申报表') was not read, nor its year: Word keeps the
    box twice (a drawing, and a VML copy for older readers, mc:Fallback); it is read once, after its paragraph. After
    a table a box is a converted page's running head: left out, it parted a table split by the page."""
    import docx
    from docx.oxml import parse_xml

    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = "<w:txbxContent><w:p><w:r><w:t>2026年度项目支出绩效目标申报表</w:t></w:r></w:p></w:txbxContent>"
    drawn = (
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document = docx.Document()
    document.add_paragraph("附件1")._p.append(parse_xml(drawn))
    document.add_paragraph("项目名称：乡村振兴补助")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "产出指标"
    document.add_paragraph()._p.append(
        parse_xml(drawn.replace("2026年度项目支出绩效目标申报表", "县民政局部门预算公开"))
    )
    document.add_table(rows=1, cols=2).cell(0, 0).text = "效益指标"
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [
        ["附件1"],
        ["2026年度项目支出绩效目标申报表"],
        ["项目名称：乡村振兴补助"],
        ["产出指标", ""],
        ["效益指标", ""],
    ]


def test_docx_a_drop_down_form_field_reads_as_the_entry_it_shows():
    """A protected form's 一级指标 chosen in a legacy drop-down form field (FORMDROPDOWN) has no result text: the
    level was empty; it is the entry its w:result names (the first without one)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def drop_down(chosen: str) -> list[str]:
        entries = "".join(f'<w:listEntry w:val="{entry}"/>' for entry in ("产出指标", "效益指标", "满意度指标"))
        data = f'<w:ffData><w:name w:val="L1"/><w:ddList>{chosen}{entries}</w:ddList></w:ffData>'
        return [
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin">{data}</w:fldChar></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
        ]

    document = docx.Document()
    for chosen in ('<w:result w:val="2"/>', ""):
        paragraph = document.add_paragraph("一级指标：")
        for run in drop_down(chosen):
            paragraph._p.append(parse_xml(run))
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["一级指标：满意度指标"], ["一级指标：产出指标"]]


def test_docx_a_row_ending_short_of_the_grid_has_a_cell_for_each_column():
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    row = table._tbl.tr_lst[1]
    row.remove(row.tc_lst[-1])
    row.get_or_add_trPr().insert(0, parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="1"/>'))
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["00", "01", "02"], ["10", "11", ""]]


def test_docx_a_page_number_typed_as_a_paragraph_is_left_out():
    """'第 1 页⇥共 2 页' (a document converted from a PDF keeps its page numbers as text) under a form became an
    indicator of its last project; a lone number or a sentence naming a page stays."""
    import docx

    document = docx.Document()
    for text in ("第 1 页\t共 2 页", "- 3 -", "12", "第3页的表格", "第 2 页"):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    assert cells(read_bytes(out.getvalue(), ".docx")) == [["12"], ["第3页的表格"]]


def _pdf(pages: int = 2, header_on_each_page: bool = True) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(text="Goal table", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(first_row_as_headings=header_on_each_page, repeat_headings=1 if header_on_each_page else 0) as t:
        for row in [("level", "name", "target")] + [("output", f"item {i}", f">={i}") for i in range(30 * pages)]:
            t.row(row)
    return bytes(pdf.output())


def test_pdf_table_across_pages_joins_and_drops_the_repeated_header():
    rows = cells(read_bytes(_pdf(), ".pdf"))
    assert rows[0] == ["Goal table"] and rows[1] == ["level", "name", "target"]
    assert rows[2:] == [["output", f"item {i}", f">={i}"] for i in range(60)]


@pytest.mark.parametrize(("letters", "roomy"), [(30, True), (37, False)])
def test_pdf_a_rows_cell_ending_roomy_at_a_pages_foot(letters, roomy):
    """The last row on a page: a cell whose last line leaves room for two characters more than a short line does
    (`Row.roomy`: the next line's opening bracket would have fit, no line breaking carried it over) is told apart
    from one ending short by less (the cell 230 pt wide, 10 pt letters: 41 and 26 pt free)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    with pdf.table(first_row_as_headings=False, col_widths=(30, 45, 30)) as table:
        for n in range(80):
            table.row(("output", "x" * letters + f"{n:02d}", ">=1"))
    rows = [row for row in read_bytes(bytes(pdf.output()), ".pdf") if not row.blank]
    foot = max((row for row in rows if row.page == 1), key=lambda row: row.line)
    assert 1 in foot.ends and (1 in foot.roomy) == roomy


def test_pdf_a_forms_head_cut_at_the_right_by_a_print_pages_wide_keeps_its_rows():
    """A form printed pages wide: its head's cells merge across the page break, drawn on the first page without
    their right side, which only the indicator rows' cells below have. The head's rows were read as one (the
    project's name ran on into its department and goal)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    tops = [20 + 10 * n for n in range(7)]  # 3 head rows, a header, 2 indicator rows
    for y in tops:
        pdf.line(20, y, 150, y)
    pdf.line(20, tops[0], 20, tops[-1])
    pdf.line(50, tops[0], 50, tops[-1])
    for x in (80, 110, 150):  # the indicator table's rules, the last its 指标值's right side
        pdf.line(x, tops[3], x, tops[-1])
    texts = [["name", "Sewage plant"], ["department", "Water bureau"], ["goal", "Treat all the town's waste water"]]
    texts += [["level", "sub", "indicator", "target"], ["output", "count", "plants", ">=3"]]
    texts += [["effect", "social", "coverage", ">=95%"]]
    for y, row in zip(tops, texts):
        for x, text in zip((21, 51, 81, 111), row):
            pdf.text(x, y + 7, text)
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [row[:2] for row in rows[:3]] == [["name", "Sewage plant"], ["department", "Water bureau"], [
        "goal", "Treat all the town's waste water"
    ]]  # fmt: skip
    assert rows[4] == ["output", "count", "plants", ">=3"]


def test_pdf_a_second_forms_head_cut_at_the_right_by_a_print_pages_wide_keeps_its_rows():
    """Two such forms one under the other: their rules run over the same span, and the side drawn for the head was
    the first form's only (above the first indicator table's right side): the second form's head rows were read
    as one, its name run on into its department and goal."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    texts = [["name", "Sewage plant"], ["department", "Water bureau"], ["goal", "Treat the town's waste water"]]
    texts += [["level", "sub", "indicator", "target"], ["output", "count", "plants", ">=3"]]
    for start in (20, 120):
        tops = [start + 10 * n for n in range(6)]
        for y in tops:
            pdf.line(20, y, 150, y)
        pdf.line(20, tops[0], 20, tops[-1])
        pdf.line(50, tops[0], 50, tops[-1])
        for x in (80, 110, 150):
            pdf.line(x, tops[3], x, tops[-1])
        for y, row in zip(tops, texts):
            for x, text in zip((21, 51, 81, 111), row):
                pdf.text(x, y + 7, text)
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    heads = [row[:2] for row in rows if row[0] in ("name", "department", "goal")]
    assert (
        heads
        == [["name", "Sewage plant"], ["department", "Water bureau"], ["goal", "Treat the town's waste water"]] * 2
    )


@pytest.mark.parametrize("head", [True, False], ids=["under its head", "under merged rows"])
def test_pdf_a_row_merged_over_a_print_pages_wide_cut_at_the_right_is_a_row(head):
    """A self-evaluation printed pages wide: its 总分 row merges its first columns over the page break, drawn between
    rules across the table but without its right side, and without any rule inside it; under the form's head rows
    (their rules across the table too), or on a lower page under indicator rows whose rules leave out their merged
    first column (its two rules the only ones across). It was no row (its text a line under the table), and could
    not be put beside the 分值 and 得分 of the page after."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    texts = [["name", "Sewage plant"], ["department", "Water bureau"], ["level", "sub", "indicator", "target"]]
    texts = (texts if head else []) + [["output", "count", "plants", ">=3"], ["", "quality", "rate", ">=95%"]]
    tops = [20 + 10 * n for n in range(len(texts) + 2)]
    for y in tops:
        pdf.line(20 if head or y >= tops[-2] else 50, y, 150, y)
    pdf.line(20, tops[0], 20, tops[-1])
    for x in (50, 80, 110, 150):  # the head's and the indicators' rules: none inside the total row
        pdf.line(x, tops[0] if x == 50 or not head else tops[2], x, tops[-2])
    for y, row in zip(tops, [*texts, ["total"]]):
        for x, text in zip((21, 51, 81, 111), row):
            pdf.text(x, y + 7, text)
    rows = [row for row in read_bytes(bytes(pdf.output()), ".pdf") if not row.blank]
    assert rows[-1].edges and rows[-1].cells[0] == "total"
    assert rows[-3].cells[1:] == ["count", "plants", ">=3"]


def test_pdf_a_last_cells_one_line_beside_a_wrapped_label_has_its_lines_end():
    """A wide print's goal of one line the page's side cuts, beside its label wrapped on two lines (年度总体目 | 标):
    the row's lowest line is the label's, and the goal's one line had no line end told (only cells of two lines
    or more had), so its rest on the page to the right, level with it and not with the label's last line, was
    left out."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for y in (20, 40):
        pdf.line(20, y, 150, y)
    for x in (20, 50, 150):
        pdf.line(x, 20, x, 40)
    pdf.text(21, 27, "annual")
    pdf.text(21, 36, "goal")
    pdf.text(51, 27, "Treat the town's waste water and")
    (row,) = [row for row in read_bytes(bytes(pdf.output()), ".pdf") if not row.blank]
    assert row.cells[1] == "Treat the town's waste water and"
    ((top, end),) = row.breaks
    assert abs(top - (27 / 25.4 * 72 - 7.5)) < 2 and end == len(row.cells[1]) and row.foot > top + 5


def test_pdf_a_text_lines_spaces_beside_latin_words_and_numbers_are_kept():
    """A line outside the tables ('…不超过 2 小时', a wide print's goal running on) lost the document's spaces but
    between two Latin letters: 'within2hours', 'ISO27001'. They are kept beside a Latin letter, a digit or %."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(text="respond within 2 hours, pass ISO 27001 and keep 98 % up")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["respond within 2 hours, pass ISO 27001 and keep 98 % up"]
    ]


def test_pdf_a_text_line_spread_out_by_spaces_keeps_none():
    """A title spread out by a space between every two characters ('2 0 2 7 年 项 目'): its spacing, not words. It
    keeps none, as before (it read '2 0 2 7 年项目' once the spaces beside digits were kept)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(text="2 0 2 7 1 2 3 1")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["20271231"]]


def _spaced_line(y: float, text: str, space: float) -> bytes:
    """A text line of 9-point Chinese characters (1 font size wide), a space character standing between two characters
    where the text has one, `space` font sizes wide."""
    out, x = b"", 40.0
    for char in text:
        if char == " ":
            out += _cjk(x, y, " ")
            x += space * 9
        else:
            out += _cjk(x, y, char)
            x += 4.5 if char.isascii() else 9
    return out


def test_pdf_a_text_lines_typed_space_between_chinese_characters_is_kept():
    """A line outside the tables keeps a space typed between two Chinese characters ('预算 12 表 项目…', a goal's
    '完成平台 升级改造'), a typed space's width (0.26–0.32 font sizes in fpdf2's, Chromium's and LibreOffice's prints):
    it was dropped ('预算 12 表项目…'). A wider one spreading a justified line is not kept, nor the spaces of a line
    spread out by a space between every two characters (a title's spacing)."""
    page = _spaced_line(700, "预算 12 表 项目支出绩效目标表", 0.3)
    page += _spaced_line(650, "完成平台 升级改造", 0.3)
    page += _spaced_line(600, "实施 单位", 1.2)
    page += _spaced_line(550, "项 目 支 出 绩 效 目 标 表", 0.3)
    page += _spaced_line(500, "预算01表 收支总表", 0.52)  # SimSun's space (0.5) and a little letter spacing
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf")) == [
        ["预算 12 表 项目支出绩效目标表"],
        ["完成平台 升级改造"],
        ["实施单位"],
        ["项目支出绩效目标表"],
        ["预算01表 收支总表"],
    ]


def test_pdf_merged_cells_spread_over_the_grid_positions_they_cover():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    with pdf.table(first_row_as_headings=False) as table:
        row = table.row()
        row.cell("level", rowspan=2)
        row.cell("head", colspan=2)
        row = table.row()
        row.cell("a")
        row.cell("b")
        row = table.row()
        row.cell("x")
        row.cell("block", colspan=2, rowspan=2)
        table.row().cell("y")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["level", "head", "head"],
        ["level", "a", "b"],
        ["x", "block", "block"],
        ["y", "block", "block"],
    ]


def test_pdf_text_under_a_white_box_painted_after_it_is_not_read():
    """A corrected value over a whiteout (the old text, a white box, the new text on top) was read as the two mixed,
    '>=4500' for '>=500'; a white box painted before its text (a cell's background) hides nothing."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for top in (60, 80):
        for left, right in ((40, 160), (160, 240)):
            pdf.rect(left, top, right - left, 20)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(161, 81, 78, 18, style="F")  # a cell's white background, then its text
    pdf.text(42, 74, "trainees")
    pdf.text(162, 74, ">=400")
    pdf.rect(161, 61, 78, 18, style="F")  # the whiteout over the old value …
    pdf.text(162, 74, ">=500")  # … and the new one
    pdf.text(42, 94, "uptime")
    pdf.text(162, 94, "=99%")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["trainees", ">=500"], ["uptime", "=99%"]]


def test_pdf_a_continued_tables_first_row_like_one_of_its_first_rows_is_its_own():
    """A flat Word table's row atop the next page repeating a row among the table's first ones (the same project's
    indicator written again): a row of its own, not a header repeated (it was dropped, an indicator lost without a
    word), also in a table with a second indicator header further down. A repeated header begins at a row above
    the first indicator header or at an indicator header; a repeated header is still dropped."""
    from importers.readers.pdf import _Item, _continue

    header = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    body = [
        ["农村公路养护", "产出指标", "数量指标", "养护里程", "≥120公里"],
        ["农村公路养护", *"效益 社会 出行条件 改善".split()],
    ]
    other = ["城区排水管网清淤", "产出指标", "数量指标", "清淤长度", "≥20公里"]
    tables = ([header, *body, *body], [header, *body, *body, other, header, other])  # (a second header below)
    for rows, (top, kept) in itertools.product(tables, (([body[1]], [body[1]]), ([header, body[1]], [body[1]]))):
        last = _Item(0, 700, rows, True, edges=(0, 100, 200, 300, 400))
        first = _Item(0, 100, [list(row) for row in top], True, edges=(0, 100, 200, 300, 400))
        assert _continue(last, first) and first.rows == kept


def test_pdf_an_indicator_header_repeated_below_a_long_head_is_dropped_and_the_cut_cell_joined():
    """A one-project form: its indicator header is the table's 9th row (title, year, name, department, three money
    rows, goal); the next page repeats it with the merged 三级指标 read once, not spread. It was kept as a row, and
    the level cell the page break cut (效益指标, printed on the next page) took the level above."""
    from importers.readers.pdf import _Item, _continue, _join_open_cells

    head = [["项目名称", "甲", "甲", "甲"], *[["资金", f"第{n}行", f"第{n}行", "1"] for n in range(5)]]
    header = ["一级指标", "二级指标", "三级指标", "三级指标", "指标值"]
    last = _Item(
        0,
        700,
        [*[(r + [r[-1]]) for r in head], header, ["成本指标", "经济成本指标", "人均成本", "人均成本", "≤2400元"]]
        + [["", "社会效益指标", "就业率", "就业率", "≥60%"]],
        True,
        edges=(0, 100, 200, 300, 400),
        open_bottom={0: [8]},
    )
    first = _Item(
        0,
        100,
        [["一级指标", "二级指标", "三级指标", "", "指标值"], ["效益指标", "社会效益指标", "新增岗位", "", "≥150个"]],
        True,
        edges=(0, 100, 200, 300, 400),
        open_top={0: [1]},
    )
    assert _continue(last, first)
    assert first.repeats_header and first.rows == [["效益指标", "社会效益指标", "新增岗位", "", "≥150个"]]
    rows = [tuple(row) for row in last.rows]
    _join_open_cells(last, 0, first, rows)
    assert rows[-1][0] == "效益指标"


def test_pdf_a_merged_cell_with_text_on_both_pages_under_a_repeated_header_is_joined():
    """A project's name cell merged over its rows, its lines on both sides of the break, the next page under the
    repeated header (Chromium's thead, a sheet's print titles: the rest closed at its top by the header's rule).
    The two parts stayed apart: the rest was a project of its own ('…快检服' and '务（含…）')."""
    from importers.readers.pdf import _Item, _continue, _join_open_cells

    header = ["项目名称", "三级指标", "指标值"]
    last = _Item(
        0,
        700,
        [
            header,
            ["食品安全监督抽检及快检服", "抽检批次", "≥3.6万批次"],
            ["食品安全监督抽检及快检服", "快检批次", "≥12万"],
        ],
        True,
        edges=(0, 100, 200),
        open_bottom={0: [1, 2]},
        full_bottom={0},  # its text runs down to the foot
    )
    first = _Item(
        0,
        100,
        [
            header,
            ["务（含核查处置）", "核查处置率", "=100%"],
            ["务（含核查处置）", "公布时限", "≤20天"],
            ["乙", "丙", "≥1"],
        ],
        True,
        edges=(0, 100, 200),
        merged_down={(2, 0)},
    )
    assert _continue(last, first) and first.repeats_header and not first.open_top
    rows = [tuple(row) for row in last.rows]
    _join_open_cells(last, 0, first, rows)
    name = "食品安全监督抽检及快检服\n务（含核查处置）"
    assert [row[0] for row in rows[1:]] == [name, name]
    assert [row[0] for row in first.rows] == [name, name, "乙"]


def test_pdf_a_line_the_break_cuts_is_once_where_a_merged_cell_goes_on_under_a_repeated_header():
    """LibreOffice prints a sheet's merged cell on over the break: the line the break cuts shows its upper part at
    the page's foot and its lower part atop the next page, under the print titles. The line was read twice
    ('…中央厨房配送服务中央厨房配送服务、助餐点'), and the name was another project's."""
    from importers.readers.pdf import _Item, _continue, _join_open_cells

    header = ["项目名称", "三级指标", "指标值"]
    last = _Item(
        0, 700, [header, ["老年助餐服务补贴（中央厨房配送服务", "助餐人次", "≥85万人次"]], True, edges=(0, 100, 200)
    )
    last.open_bottom, last.cut_bottom, last.full_bottom = {0: [1]}, {0: "中央厨房配送服务"}, {0}
    first = _Item(0, 100, [header, ["中央厨房配送服务、助餐点改造）", "便利度", "明显提升"]], True, edges=(0, 100, 200))
    assert _continue(last, first)
    rows = [tuple(row) for row in last.rows]
    _join_open_cells(last, 0, first, rows)
    assert first.rows[0][0] == rows[1][0] == "老年助餐服务补贴（中央厨房配送服务、助餐点改造）"


def test_pdf_a_merged_cell_printed_once_keeps_its_text_under_a_repeated_header():
    """Chromium prints a merged cell's text once: its rows on the next page, under the repeated header, are blank
    there, the cell closed at that page's foot. They were left blank, and the next page's first project's name
    (a blank closed at a page's foot takes the text the next page goes on with) was given to them."""
    from importers.readers.pdf import _Item, _continue, _join_open_cells

    header = ["项目名称", "三级指标", "指标值"]
    last = _Item(0, 700, [header, ["老年助餐服务补贴", "助餐人次", "≥85万人次"]], True, edges=(0, 100, 200))
    last.open_bottom = {0: [1]}
    first = _Item(
        0,
        100,
        [header, ["", "便利度", "明显提升"], ["", "满意度", "≥90%"]],
        True,
        edges=(0, 100, 200),
        merged_down={(2, 0)},
    )
    assert _continue(last, first)
    rows = [tuple(row) for row in last.rows]
    _join_open_cells(last, 0, first, rows)
    assert [row[0] for row in first.rows] == ["老年助餐服务补贴", "老年助餐服务补贴"]


def test_pdf_a_cells_lines_printed_below_the_last_rule_at_a_pages_foot_are_its_own():
    """Chromium breaking a table's tall row at a page's foot ends the name column's rules with the row's last one
    and prints the rest of the merged name under it, unclipped; the next page's part, under the repeated header, is
    blank. Those lines were taken for text the cell's border clips and dropped: the name lost its end ('…of
    markets'), and a name cut so differed from its own rows elsewhere (a project missing)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("helvetica", size=10)
    left, mid, value, right = 40, 160, 280, 400
    head = ("project", "indicator", "target")
    pdf.add_page()
    pdf.line(left, 700, right, 700)
    pdf.line(left, 720, right, 720)
    for x in (left, mid, value, right):
        pdf.line(x, 700, x, 775)
    pdf.line(mid, 747, right, 747)
    pdf.line(mid, 775, right, 775)  # the last rule under the indicator columns only
    for x, text in zip((left, mid, value), head):
        pdf.text(x + 4, 714, text)
    for y, (name, target) in zip((736, 764), (("sampled", ">=36000"), ("tested", ">=120000"))):
        pdf.text(mid + 4, y, name)
        pdf.text(value + 4, y, target)
    for n, line in enumerate(["Food safety", "sampling and", "rapid testing", "of markets", "and canteens"]):
        pdf.text(left + 4, 732 + 12 * n, line)  # the last line's baseline (780) under the rules' end (775)
    pdf.add_page()
    pdf.line(left, 60, right, 60)
    pdf.line(left, 80, right, 80)
    for x, text in zip((left, mid, value), head):
        pdf.text(x + 4, 74, text)
    for x in (left, mid, value, right):
        pdf.line(x, 60, x, 120)
    pdf.line(mid, 100, right, 100)
    pdf.line(left, 120, right, 120)
    for y, (name, target) in zip((94, 114), (("handled", "=100%"), ("published", "<=20 days"))):
        pdf.text(mid + 4, y, name)
        pdf.text(value + 4, y, target)
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [row[0] for row in rows[1:]] == ["Food safety\nsampling and\nrapid testing\nof markets\nand canteens"] * 4
    assert [row[1] for row in rows[1:]] == ["sampled", "tested", "handled", "published"]


def _open_at_the_foot():
    """A page whose table ends at y 775 with its project cell (x 40–160) open there: no rule under it, two indicator
    rows beside it; (the PDF, the table's left rule)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("helvetica", size=10)
    left, mid, value, right = 40, 160, 280, 400
    pdf.add_page()
    pdf.line(left, 700, right, 700)
    pdf.line(left, 720, right, 720)
    for x in (left, mid, value, right):
        pdf.line(x, 700, x, 775)
    pdf.line(mid, 747, right, 747)
    pdf.line(mid, 775, right, 775)  # the last rule under the indicator columns only
    for x, text in zip((left, mid, value), ("project", "indicator", "target")):
        pdf.text(x + 4, 714, text)
    for y, (name, target) in zip((736, 764), (("sampled", ">=36000"), ("tested", ">=120000"))):
        pdf.text(mid + 4, y, name)
        pdf.text(value + 4, y, target)
    return pdf, left


@pytest.mark.parametrize(
    "note",
    [
        ["Note: amounts in 10,000 yuan, targets for the year.", "Section 10: government procurement"],
        ["Note: in yuan."],  # (within the column, but from its rule: the cell's lines start inside it)
    ],
)
def test_pdf_a_note_under_a_cell_open_at_the_tables_foot_is_not_read_into_it(note):
    """A table whose last merged cell no rule closes (its text at its foot), a note and a heading printed right under
    it at its line pitch, from the table's left rule: they are no lines of that cell, whose own lines are wrapped
    inside its rules (Chromium's printed on under a page's last rule are), and were read into the project's name."""
    pdf, left = _open_at_the_foot()
    for n, line in enumerate(["Food safety", "sampling and", "rapid testing", "of markets"]):
        pdf.text(left + 4, 736 + 12 * n, line)  # the last line at the cell's foot
    for n, line in enumerate(note):
        pdf.text(left, 784 + 12 * n, line)
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [row[0] for row in rows[1:3]] == ["Food safety\nsampling and\nrapid testing\nof markets"] * 2
    assert not any("Note" in cell or "Section" in cell for row in rows[:3] for cell in row)


def test_pdf_a_page_number_under_a_cell_open_at_a_pages_foot_is_not_read_into_it():
    """Chromium prints a page's number in its foot margin, where a cell open at the page's foot prints its last lines
    on under the last rule: the number, just under them within the column, is no line of the cell (it was read into
    the goal: '…of markets\\n- 1 -')."""
    pdf, left = _open_at_the_foot()
    for n, line in enumerate(["Food safety", "sampling and", "rapid testing", "of markets", "and canteens"]):
        pdf.text(left + 4, 732 + 12 * n, line)  # the last line's baseline (780) under the rules' end (775)
    pdf.text(left + 50, 792, "- 1 -")
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [row[0] for row in rows[1:3]] == ["Food safety\nsampling and\nrapid testing\nof markets\nand canteens"] * 2


@pytest.mark.parametrize("filled", [False, True])
def test_pdf_a_pages_last_row_tells_the_cells_ending_on_a_short_line(filled):
    """Word closes each page's part of a row it breaks with a rule, as it closes a row that ends: the row at a
    page's foot tells (`Row.ends`) the columns whose text ends on a short line there (it ended; a name alone atop the
    next page is no rest of it), not those whose last line fills the cell (the break may have cut it after that)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("helvetica", size=10)
    line = "sampling and testing"
    left, mid = 40, 120
    value = mid + pdf.get_string_width(line) + 8  # the name's column as wide as its line and the cell's margins
    right = value + 80
    for page, texts in enumerate(
        [[("level", "name", "target"), ("output", "food safety", ">=36000")], [("", "x", "")]]
    ):
        pdf.add_page()
        top = 60 if page else 700
        for n, (level, name, target) in enumerate(texts):
            y = top + 40 * n
            pdf.rect(left, y, right - left, 40)
            for x in (mid, value):
                pdf.line(x, y, x, y + 40)
            pdf.text(left + 4, y + 14, level)
            pdf.text(value + 4, y + 14, target)
            names = [name] if n == 0 or page else [line, line if filled else "of markets"]
            for k, text in enumerate(names):
                pdf.text(mid + 4, y + 14 + 12 * k, text)
    rows = read_bytes(bytes(pdf.output()), ".pdf")
    foot = [row for row in rows if row.page == 1][-1]
    assert foot.cells[1] == f"sampling and testing {line if filled else 'of markets'}"  # (its lines wrapped)
    assert foot.ends == ({0, 2} if filled else {0, 1, 2})


def test_pdf_a_cell_merged_over_a_repeated_header_does_not_reach_above_the_table():
    """A label cell merged down over the repeated header and the rows under it: once the header is dropped, its
    first row is merged with nothing above (it was taken as merged with the row before the table, which a blank
    cell's fill at the next page's foot then walked into and wrote over)."""
    from importers.readers.pdf import _Item, _continue

    header = ["一级指标", "三级指标", "指标值"]
    last = _Item(0, 100, [header, ["产出指标", "甲", "≥1"]], True, edges=(0, 100, 200))
    first = _Item(
        0,
        100,
        [header, ["绩效指标", "乙", "≥2"], ["绩效指标", "丙", "≥3"]],
        True,
        edges=(0, 100, 200),
        merged_down={(1, 0), (2, 0)},
    )
    assert _continue(last, first) and first.repeats_header
    assert first.merged_down == {(1, 0)}


def test_pdf_a_continued_tables_cell_over_a_line_only_the_first_page_has_fills_both_columns():
    """The first page's grid holds another table's lines too (a self-evaluation's head over indicator rows whose
    lines stand 4 points off): the next page, the indicator rows alone, lacks the head's 分值 line. Its 分值 cell was
    read into the sliver column before that line only, the 分值 column left blank (every weight lost there)."""
    from importers.readers.pdf import _Item, _continue

    header = ["三级指标", "实际完成值", "实际完成值", "分值", "得分"]
    last = _Item(0, 700, [header, ["参保人数", "23416人", "10", "10", "10"]], True, edges=(0, 100, 160, 164, 200))
    first = _Item(0, 100, [["参保群众满意度", "88.5%", "15", "14.75"]], True, edges=(0, 100, 160, 200))
    assert _continue(last, first)
    assert first.rows == [["参保群众满意度", "88.5%", "15", "15", "14.75"]]


def test_pdf_vertical_rules_stopping_short_of_the_horizontal_ones_still_make_cells():
    """Vertical rules drawn 1–4 points short of the rules they meet, the gap varying from cell to cell (a level cell
    merged over two rows): cells ran together ('level name', 'output\neffect') and the file was refused."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    lefts = (40, 120, 240, 360)
    rows = [("level", "name", "target"), ("output", "trainees", ">=500"), ("", "classes", ">=20")]
    rows += [("effect", "uptake", ">=60%")]
    tops = [100 + 20 * r for r in range(len(rows) + 1)]
    for r, y in enumerate(tops):
        pdf.line(lefts[1] if r == 2 else lefts[0], y, lefts[-1], y)  # the level cell merged over rows 1 and 2
    gaps = iter([1, 4, 2, 3] * len(rows) * 2)
    for r in range(len(rows)):
        for x in lefts:
            pdf.line(x, tops[r] + next(gaps), x, tops[r + 1] - next(gaps))
    for r, texts in enumerate(rows):
        for x, text in zip(lefts, texts):
            pdf.text(x + 4, tops[r] + (24 if r == 1 and x == lefts[0] else 14), text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["level", "name", "target"],
        ["output", "trainees", ">=500"],
        ["output", "classes", ">=20"],
        ["effect", "uptake", ">=60%"],
    ]


def test_pdf_a_table_drawn_without_its_frame_is_read_by_its_inner_rules():
    """Rules between the cells, none around them (an outer frame left out): the first and last columns were no
    cells, the table no table, and the whole file was refused."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    table = [("level", "name", "target"), ("output", "trainees", ">=500"), ("output", "classes", ">=20")]
    for n in range(1, len(table)):
        pdf.line(40, 60 + 20 * n, 400, 60 + 20 * n)  # between the rows, the full width
    pdf.line(40, 60, 400, 60)
    pdf.line(40, 60 + 20 * len(table), 400, 60 + 20 * len(table))
    for x in (160, 280):  # between the columns only
        pdf.line(x, 60, x, 60 + 20 * len(table))
    for r, row in enumerate(table):
        for x, text in zip((44, 164, 284), row):
            pdf.text(x, 74 + 20 * r, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [list(row) for row in table]


def test_pdf_a_frameless_tables_last_row_is_closed_where_its_rules_end():
    """No sides and no rule under the last row, the column rules running on to its foot: the last row, closed by
    nothing, was read as a line under the head's columns (four, where the rows' name spans two): one column off."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    head = ("project", "training", "unit", "hr")
    table = [("level", "name", "target"), ("output", "trainees", ">=500"), ("output", "classes", ">=20")]
    table += [("effect", "uptake", ">=60%"), ("effect", "jobs", ">=150")]
    for n in range(len(table) + 1):
        pdf.line(40, 160 + 20 * n, 400, 160 + 20 * n)  # above and between the rows only
    for x in (160, 280):  # between the columns only
        pdf.line(x, 160, x, 180 + 20 * len(table))
    pdf.line(220, 160, 220, 180)  # the head's row has a fourth column
    for x, text in zip((44, 164, 224, 284), head):
        pdf.text(x, 174, text)
    for r, row in enumerate(table, start=1):
        for x, text in zip((44, 164, 284), row):
            pdf.text(x, 174 + 20 * r, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        list(head),
        *[[level, name, name, target] for level, name, target in table],
    ]


def _pages(pages: list[list[tuple[str, int, list[str]]]], project: tuple[str, ...] | None = None) -> bytes:
    """Pages of one table: cells covering a number of rows each, beside them one-row cells of names (a page's rows
    may start with the header again); `project`: a column before them, one cell over each page's rows, with that
    page's text."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    for top, rows, name in zip((100, *[60] * (len(pages) - 1)), pages, project or [""] * len(pages)):
        pdf.add_page()
        if project:
            pdf.rect(0, top, 40, 20)
            pdf.text(2, top + 14, "project")
            pdf.rect(0, top + 20, 40, 20 * sum(span for _, span, _ in rows[1:]))
            pdf.text(2, top + 34, name)
        for text, span, names in rows:
            pdf.rect(40, top, 80, 20 * span)
            pdf.text(44, top + 10 * span + 4, text)
            for r, cell in enumerate(names):
                pdf.rect(120, top + 20 * r, 160, 20)
                pdf.text(124, top + 20 * r + 14, cell)
            top += 20 * span
    return bytes(pdf.output())


def test_pdf_a_blank_cell_closed_at_a_pages_foot_in_a_column_of_merged_cells_takes_the_next_pages_text():
    """A report system closes each page's part of a merged level cell; its text, centred, stands on the next page.
    The part on the first page, blank, took the level above (成本指标 for 效益指标). In a column of one-row cells a
    blank cell stays blank (the form's "as above"); so does a blank cell ending with its project at the page's foot
    (another project's money begins the next page). A cell over three pages, its text in its last part, gives it
    to its parts on the two pages before."""
    merged = [
        [("level", 1, ["name"]), ("output", 2, ["trainees", "classes"]), ("", 1, ["uptake"])],
        [("level", 1, ["name"]), ("effect", 2, ["jobs", "income"])],
    ]
    assert cells(read_bytes(_pages(merged), ".pdf")) == [
        ["level", "name"],
        ["output", "trainees"],
        ["output", "classes"],
        ["effect", "uptake"],
        ["effect", "jobs"],
        ["effect", "income"],
    ]
    one_row = [
        [("level", 1, ["name"]), ("output", 1, ["trainees"]), ("", 1, ["uptake"])],
        [("level", 1, ["name"]), ("effect", 1, ["jobs"])],
    ]
    assert cells(read_bytes(_pages(one_row), ".pdf")) == [
        ["level", "name"],
        ["output", "trainees"],
        ["", "uptake"],
        ["effect", "jobs"],
    ]
    money = [
        [("funds", 1, ["name"]), ("", 2, ["trainees", "classes"])],
        [("funds", 1, ["name"]), ("56.00", 2, ["jobs", "income"])],
    ]
    assert cells(read_bytes(_pages(money, ("A", "B")), ".pdf"))[1:3] == [
        ["A", "", "trainees"],
        ["A", "", "classes"],
    ]
    three = [  # its text printed in its last part only, no header repeated
        [("level", 1, ["name"]), ("", 2, ["trainees", "classes"])],
        [("", 2, ["jobs", "income"])],
        [("output", 1, ["timely"]), ("effect", 1, ["uptake"])],
    ]
    assert [row[0] for row in cells(read_bytes(_pages(three), ".pdf"))] == ["level", *["output"] * 5, "effect"]


def _pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first its catalog), with its cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return bytes(out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))


def _stream(data: bytes, head: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (head, len(data), data)


def _helvetica_pdf(content: bytes, page: bytes = b"") -> bytes:
    """A one-page A4 PDF drawing `content` with Helvetica as /F1; `page`: more of the page's entries (a /CropBox)."""
    return _pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s /Contents 4 0 R" % page
            + b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_pdf_values_in_a_forms_filled_fields_are_read_as_a_viewer_shows_them():
    """A goal table sent as a fillable form, not flattened: its targets are only in the fields' appearances, which
    the page's content does not draw. They were read as empty (a warning for each indicator). A hidden field, or a
    check box's state not chosen, shows nothing. The appearances' boxes differ from their fields' rectangles: fitted."""
    rows = [("name", "target"), ("trainees", ">=500"), ("classes", ">=20"), ("jobs", "")]
    content = b""
    for r, (name, _) in enumerate(rows):
        y = 700 - 20 * r
        content += b"40 %d 120 20 re 160 %d 120 20 re S " % (y, y)
        content += b"BT /F1 10 Tf 44 %d Td (%s) Tj ET\n" % (y + 6, name.encode())
    content += b"BT /F1 10 Tf 164 706 Td (target) Tj ET"
    font = b"/Resources << /Font << /F1 5 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R 10 0 R 12 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s" % font
        + b" /Annots [6 0 R 8 0 R 10 0 R 12 0 R] >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    fields = [  # (its row, its flags, its appearance's box and the state it is in, its appearance or its states')
        (1, 4, b"[0 0 120 20]", b"", b"/N 7 0 R"),
        (2, 4, b"[0 0 240 40]", b"", b"/N 9 0 R"),  # drawn twice as large, from the page's origin: fitted
        (3, 6, b"[0 0 120 20]", b"", b"/N 11 0 R"),  # hidden
        (3, 4, b"[0 0 120 20]", b"/AS /Off", b"/N << /Yes 11 0 R /Off 13 0 R >>"),  # (its /Yes: the hidden text)
    ]
    texts = [b">=500", b">=20", b"hidden", b""]
    for (row, flags, box, state, appearance), text in zip(fields, texts):
        y = 700 - 20 * row
        size = 20 if box == b"[0 0 240 40]" else 10
        objects.append(
            b"<< /Type /Annot /Subtype /Widget /F %d /Rect [160 %d 280 %d] %s /AP << %s >> >>"
            % (flags, y, y + 20, state, appearance)
        )
        drawn = b"BT /F1 %d Tf 4 %d Td (%s) Tj ET" % (size, size // 2 + 1, text) if text else b""
        objects.append(_stream(drawn, b"/Type /XObject /Subtype /Form /BBox %s %s" % (box, font)))
    assert cells(read_bytes(_pdf_of(objects), ".pdf")) == [
        ["name", "target"],
        ["trainees", ">=500"],
        ["classes", ">=20"],
        ["jobs", ""],
    ]


def test_pdf_a_text_fields_value_without_an_appearance_is_read_as_a_viewer_makes_it():
    """A form filled by a tool that leaves the appearances to the viewer (/NeedAppearances): the values are only in
    the fields' /V (Chinese in UTF-16, or on the field above the widget). They were read as empty."""
    content = b""
    for r, name in enumerate(("name", "trainees", "classes")):
        y = 700 - 20 * r
        content += b"40 %d 120 20 re 160 %d 120 20 re S " % (y, y)
        content += b"BT /F1 10 Tf 44 %d Td (%s) Tj ET\n" % (y + 6, name.encode())
    content += b"BT /F1 10 Tf 164 706 Td (target) Tj ET"
    chinese = "≥500人次".encode("utf-16-be").hex().encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] /NeedAppearances true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [6 0 R 8 0 R]"
        + b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /V <FEFF%s> /Rect [160 680 280 700] >>" % chinese,
        b"<< /FT /Tx /T (b) /V (>=20 classes, a value longer than its cell) /Kids [8 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /Parent 7 0 R /Rect [160 660 280 680] >>",
    ]
    assert cells(read_bytes(_pdf_of(objects), ".pdf")) == [
        ["name", "target"],
        ["trainees", "≥500人次"],
        ["classes", ">=20 classes, a value longer than its cell"],
    ]


def test_pdf_what_is_drawn_beyond_the_pages_cropbox_is_not_read():
    """A row drawn below the page's CropBox (a stale one, left there out of sight) shows in no viewer: it was read
    as the table's last indicator. Its text and its rules are left out, and a line running past the CropBox's side
    reads as far as it shows (a character the side cuts kept, as a clip's)."""
    content = b""
    for r, (name, target) in enumerate([("name", "target"), ("trainees", ">=500"), ("hidden", ">=99%")]):
        y = 700 - 20 * r - (600 if name == "hidden" else 0)  # at 60, below the CropBox
        content += b"40 %d 120 20 re 160 %d 120 20 re S " % (y, y)
        content += b"BT /F1 10 Tf 44 %d Td (%s) Tj 120 0 Td (%s) Tj ET\n" % (y + 6, name.encode(), target.encode())
    content += b"BT /F1 10 Tf 300 686 Td (cut by its side) Tj ET"
    rows = read_bytes(_helvetica_pdf(content, b" /CropBox [20 100 330 800]"), ".pdf")
    assert [row.cells for row in rows] == [["name", "target"], ["trainees", ">=500"], ["cut by i"]]  # no blank row


@pytest.mark.parametrize(
    "watermark",
    [
        b"q 0.6 g 0.7071 0.7071 -0.7071 0.7071 150 640 cm BT /F1 60 Tf 0 0 Td (DRAFT) Tj ET Q",  # at 45 degrees
        b"q 0.6 g BT /F1 120 Tf 60 655 Td (COPY) Tj ET Q",  # level, large and grey
    ],
    ids=["diagonal", "level"],
)
def test_pdf_a_watermark_is_not_read_into_the_cells_under_it(watermark):
    """A watermark drawn over a table (its letters at 45 degrees, or level, far larger than the table's text and
    grey) was read into the lines and cells its glyphs fall in ('Goal table FT', a row 'PY' above the header). Its
    characters are left out; the title, larger than the table's text but not so large, and black, is kept."""
    content = b"BT /F1 30 Tf 40 740 Td (Goal table) Tj ET\n" + watermark + b"\n"
    for r, (name, target) in enumerate([("name", "target"), ("trainees", ">=500"), ("classes", ">=20")]):
        y = 700 - 20 * r
        content += b"40 %d 120 20 re 160 %d 120 20 re S " % (y, y)
        content += b"BT /F1 10 Tf 44 %d Td (%s) Tj 120 0 Td (%s) Tj ET\n" % (y + 6, name.encode(), target.encode())
    assert cells(read_bytes(_helvetica_pdf(content), ".pdf")) == [
        ["Goal table"],
        ["name", "target"],
        ["trainees", ">=500"],
        ["classes", ">=20"],
    ]


def _cjk_pdf(pages: list[bytes]) -> bytes:
    """A PDF of these pages' contents, their Chinese text drawn by `_cjk` in Adobe's Chinese font by UCS-2 codes
    (pdfminer maps them to characters without the font's file)."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(count))
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<<"
    font += (
        b" /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /FontDescriptor << /FontBBox [0 -120 1000 880]"
    )
    font += b" /Ascent 880 /Descent -120 >> /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), font]
    for n, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R" % (5 + 2 * n)
            + b" /Resources << /Font << /C 3 0 R >> >> >>"
        )
        objects.append(_stream(content))
    return _pdf_of(objects)


def _cjk(x: float, y: float, text: str) -> bytes:
    return b"BT /C 9 Tf %.1f %.1f Td <%s> Tj ET\n" % (x, y, text.encode("utf-16-be").hex().encode())


def line(y, *texts) -> bytes:
    """A PDF line of a four-column table (name, goal, indicator, target at x 40, 120, 200, 330), empty cells out."""
    return b"".join(_cjk(x, y, text) for x, text in zip((40, 120, 200, 330), texts) if text)


def _grid(top: float, rows: list[list[str]], lefts=(40, 140, 260, 400, 520)) -> bytes:
    """Rows of ruled cells from `top` (PDF space) down, 20 points each."""
    out = b""
    for r, cells in enumerate(rows):
        y = top - 20 * (r + 1)
        for left, right, text in zip(lefts, lefts[1:], cells):
            out += b"%d %d %d 20 re S\n" % (left, y, right - left) + (_cjk(left + 3, y + 6, text) if text else b"")
    return out


def box(left: int, right: int, top: float, height: float, text: str = "") -> bytes:
    """A ruled cell from `left` to `right` whose top is at `top` (PDF space), `height` high, its text on its first
    line."""
    drawn = b"%d %.1f %d %.1f re S\n" % (left, top - height, right - left, height)
    return drawn + (_cjk(left + 3, top - 14, text) if text else b"")


def test_pdf_a_word_table_ruled_by_its_rows_bottom_borders_goes_on_in_the_columns_of_its_header():
    """A .docx table ruled by each row's bottom border only, printed by LibreOffice: no rule is drawn under a merged
    cell, so a page going on from the last draws rules under the indicator columns alone, read as a table of those
    two columns, the level labels beside it rows of their own ('质量指标', '效益指标 | 社会效益'), without a word.
    With the last page's table open under its header, they are its lines, cut into its columns."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "服务人次", "≥1200"
    )
    first += line(740, "", "", "培训人次", "≥300")
    rows = [
        ("", "质量指标", "合格率", "≥95%"),
        ("", "", "达标率", "≥90%"),
        ("效益指标", "社会效益", "出行条件", "改善"),
    ]
    rows += [("", "", "通行时间", "缩短")]
    second = b"".join(
        line(800 - 20 * n, *row) + b"195 %d m 420 %d l S\n" % ((794 - 20 * n,) * 2) for n, row in enumerate(rows)
    )
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf")) == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["", "", "培训人次", "≥300"],
        *map(list, rows),
    ]


def test_pdf_a_table_of_its_own_ruled_across_on_the_page_after_is_no_table_going_on():
    """A money table ruled across every row and set in from the page's side, on the page after a Word table drawn
    without rules that ran to the last page's foot: its rules begin right of the open table's first header word,
    as a table going on ruled by its rows' bottom borders draws them, so it was cut into that table's columns, each
    of its rows a project (`资金来源 | 金额（万元）`), without a word. Its first line is a header of its own: a table of
    its own (not the open table's header printed again where it stood)."""

    def line(y, *texts, xs=(40, 120, 200, 330)):
        return b"".join(_cjk(x, y, text) for x, text in zip(xs, texts) if text)

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "服务人次", "≥1200"
    )
    money = [("资金来源", "金额（万元）", "占比"), ("一般公共预算", "1860", "80%"), ("其他资金", "165", "20%")]
    second = b"".join(
        line(800 - 20 * n, *row, xs=(100, 220, 330)) + b"95 %d m 420 %d l S\n" % ((814 - 20 * n,) * 2)
        for n, row in enumerate(money)
    )
    second += b"95 754 m 420 754 l S\n"
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[2:] == [list(row) for row in money]
    from importers.readers.pdf_lines import own_header

    words = ((0, "项目名称"), (60, "三级指标"), (120, "指标值"))
    head = [(x, x + 9 * len(text), text) for x, text in words]
    assert not own_header(_unruled_line(30, *words), head)  # the open table's header printed again
    assert own_header(_unruled_line(30, *((x + 30, text) for x, text in words)), head)  # a table of other columns


def test_pdf_an_unruled_tables_page_number_under_it_is_no_row():
    """A Word table without borders printed by LibreOffice over pages with a page number in the footer ('- 1 -'):
    the number, one short line under the table, was cut into its columns as a row, a level label ('-1-' given to
    the last row, the labels above it shifted), without a word, and the table ran to the page's last line only
    through it. It is dropped as any page number, and the next page goes on in the table's columns."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "服务人次", "≥1200"
    )
    first += line(740, "", "", "培训人次", "≥300") + line(720, "", "质量指标", "合格率", "≥95%") + _cjk(60, 40, "- 1 -")
    second = line(800, "", "", "达标率", "≥90%") + line(780, "效益指标", "社会效益", "出行条件", "改善")
    second += _cjk(60, 40, "- 2 -")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf")) == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["", "", "培训人次", "≥300"],
        ["", "质量指标", "合格率", "≥95%"],
        ["", "", "达标率", "≥90%"],
        ["效益指标", "社会效益", "出行条件", "改善"],
    ]


def test_pdf_an_unruled_tables_footer_of_two_pieces_under_it_is_no_row():
    """A Word footer of two pieces under a table without borders ('某县财政局', '第 1 页' at the right): not a page
    number as a whole, it was cut into the table's columns, its pieces a level label and the rest of the last row's
    target ('≥95%第1页'), the next page's labels shifted, without a word. A last line in the page's foot holding a
    page number among its pieces is a running foot, dropped; so is such a head atop the next page, read as one
    cell (`under_headers`)."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "服务人次", "≥1200"
    )
    first += line(740, "", "质量指标", "合格率", "≥95%") + _cjk(40, 40, "某县财政局") + _cjk(330, 40, "第 1 页")
    second = line(800, "", "", "达标率", "≥90%") + line(780, "效益指标", "社会效益", "出行条件", "改善")
    second += _cjk(40, 40, "某县财政局") + _cjk(330, 40, "第 2 页")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf")) == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["", "质量指标", "合格率", "≥95%"],
        ["", "", "达标率", "≥90%"],
        ["效益指标", "社会效益", "出行条件", "改善"],
    ]
    heads = [_cjk(40, 815, "某县财政局") + _cjk(330, 815, f"第 {n} 页") for n in (1, 2)]  # and so atop every page
    assert cells(read_bytes(_cjk_pdf([heads[0] + first, heads[1] + second]), ".pdf")) == [
        ["某县财政局", "第 1 页"],  # (the first page's top: read)
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["", "质量指标", "合格率", "≥95%"],
        ["", "", "达标率", "≥90%"],
        ["效益指标", "社会效益", "出行条件", "改善"],
    ]


def test_pdf_a_footer_of_two_pieces_with_a_bare_page_number_is_no_row():
    """A Word footer '某县财政局 ⇥ 1' (the page field bare, no 第/页 or dashes around it) under a table without borders
    was cut into the columns, '某县财政局' a level label and the number the last row's target's rest, silently. The
    page's own number bare at one end of a last line of two or three pieces in the page's foot makes it a running
    foot; a last row ending in another number is kept."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "服务人次", "≥1200"
    )
    first += line(740, "", "质量指标", "合格率", "≥95%") + _cjk(40, 40, "某县财政局") + _cjk(330, 40, "1")
    second = line(800, "", "", "达标率", "≥90%") + line(780, "效益指标", "社会效益", "培训批次", "3")
    second += _cjk(40, 40, "某县财政局") + _cjk(330, 40, "2")
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["", "质量指标", "合格率", "≥95%"],
        ["", "", "达标率", "≥90%"],
        ["效益指标", "社会效益", "培训批次", "3"],
    ]
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf")) == rows
    last = line(800, "", "", "达标率", "≥90%") + line(60, "效益指标", "社会效益", "培训批次", "3")  # (a row: kept)
    assert cells(read_bytes(_cjk_pdf([first, last]), ".pdf")) == rows


def test_pdf_a_last_row_in_the_foot_ending_in_the_pages_own_number_is_kept():
    """A table without borders running to the page's foot, its last row '车辆数（辆） | 1' on page 1 (a count, the
    unit in the name), or page 2's first '督导次数（次） | 2': the page's own number bare at one end of a line of two
    pieces, it was taken for a running foot or head and the indicator lost, silently. Right under the row above it
    (or over the row below) it is a row; a running foot or head stands apart in the page's margin."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值") + line(
        760, "产出指标", "数量指标", "制度数（个）", "1"
    )
    first += b"".join(line(y, "", "", f"站点{n}（个）", "1") for n, y in enumerate(range(744, 60, -16)))
    second = line(800, "", "", "督导次数（次）", "2") + line(784, "", "", "培训期数（期）", "3")
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert rows[-3:] == [
        ["", "", "站点42（个）", "1"],
        ["", "", "督导次数（次）", "2"],
        ["", "", "培训期数（期）", "3"],
    ]


def test_pdf_an_unruled_rows_rest_with_its_target_atop_the_next_page_joins_it():
    """A row Word broke over a page, its name's and target's rests atop the next page ('资金拨付完成' | '二〇二七年十'
    ⏎ '时间' | '月底前'): read as a row of its own, the layout (which never joins a target's rest) kept a false
    indicator and the target cut short, silently. Each piece of the line standing under one of the last page's
    last line that ran to its column's edge (as the column's wrapped lines end), it is that row's rest; a line
    beginning with a sign under a shorter target is a row of its own."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百")
    last = line(715, "", "时效指标", "资金拨付完成", "二〇二七年十")
    second = line(800, "", "", "时间", "月底前") + line(782, "效益指标", "社会效益", "出行条件", "明显改善")
    rows = cells(read_bytes(_cjk_pdf([first + last, second]), ".pdf"))
    assert rows[3:] == [
        ["", "时效指标", "资金拨付完成\n时间", "二〇二七年十\n月底前"],
        ["效益指标", "社会效益", "出行条件", "明显改善"],
    ]
    last = line(715, "", "时效指标", "资金拨付完成", "≥95%")
    second = line(800, "", "", "资金发放准", "=100%") + line(782, "效益指标", "社会效益", "出行条件", "明显改善")
    assert cells(read_bytes(_cjk_pdf([first + last, second]), ".pdf"))[3:5] == [
        ["", "时效指标", "资金拨付完成", "≥95%"],
        ["", "", "资金发放准", "=100%"],
    ]


def test_pdf_a_unit_with_a_slash_moved_whole_atop_the_next_page_is_its_rows_rest():
    """LibreOffice never breaks a unit written with a slash ('元/人'): '≤60' ⏎ '元/人' leaves more room on the last
    line than its first character, so the rest was taken for a row of its own (the target cut short, a false
    indicator), silently (stop 60b's B02, B11). What a line begins with that no line breaks inside runs to the
    character after its slash."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一") + line(751, "", "", "工程数量", "百二十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百") + line(715, "", "成本指标", "困难群众人均", "≤60")
    second = line(800, "", "", "救助标准", "元/人") + line(782, "效益指标", "社会效益", "出行条件", "明显改善")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[3:] == [
        ["", "成本指标", "困难群众人均\n救助标准", "≤60\n元/人"],
        ["效益指标", "社会效益", "出行条件", "明显改善"],
    ]


def test_pdf_a_lone_row_under_the_last_pages_rest_keeps_its_own_rest():
    """A page holding the last page's row's rest ('救助标准' | '元/人', joined to it) and one row more, its name and
    target wrapped line for line ('单位养护成' | '≤3000' ⏎ '本' | '元/公里'): with the rest taken off, no row stood
    above the row to tell its lines from two rows, and its rest had been a row of its own, silently (stop 58b's
    P02). The rest's line is the row above it."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百")
    first += line(715, "", "成本指标", "困难群众人均", "不高于六十")
    second = line(800, "", "", "救助标准", "元/人")
    second += line(782, "", "", "单位养护成", "≤3000") + line(771, "", "", "本", "元/公里")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[3:] == [
        ["", "成本指标", "困难群众人均\n救助标准", "不高于六十\n元/人"],
        ["", "", "单位养护成本", "≤3000元/公里"],
    ]


def test_pdf_a_name_begun_with_a_slash_atop_the_next_page_is_a_row_of_its_own():
    """A unit's slash widens only a target's first word: a row named '县/乡两级站点数' atop a page, under a last row
    whose name stops a character short of its column's edge and whose target fills its column, had been taken for
    that row's rest (names and targets run together), silently."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "全部达到要求")
    second = line(800, "", "", "县/乡两级站点数", "达到标准化") + line(782, "效益指标", "社会效益", "出行条件", "提高")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[2:4] == [
        ["", "质量指标", "验收合格率", "全部达到要求"],
        ["", "", "县/乡两级站点数", "达到标准化"],
    ]


def test_pdf_a_ruled_rows_name_rest_under_its_target_on_a_carried_page_joins_it():
    """A Word table ruled by its rows' bottom borders, carried as text lines to a page holding one row, its name
    wrapped below its target ('服务对象满' | '≥95%' ⏎ '意度'): the rest was a row of its own, the name cut short,
    silently. Lines between the same two rules across the name and target columns are one row, a target wrapped before
    a figure ('2027年' ⏎ '10月底前') among them; where two rows' targets stand between the same two rules, or no rule
    stands between rows (a table ruled over and under only), the rules rule no rows."""

    def rule(y):
        return b"195 %d m 420 %d l S\n" % (y, y)

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百")
    first += line(715, "", "时效指标", "资金拨付完成", "当年全部完成")
    alone = line(800, "满意度指标", "服务对象满意", "服务对象满", "≥95%") + line(789, "", "度指标", "意度", "")
    rows = cells(read_bytes(_cjk_pdf([first, rule(812) + alone + rule(785)]), ".pdf"))
    assert rows[4:] == [["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"]]
    wrapped = line(778, "", "", "项目完成", "2027年") + line(767, "", "", "时间", "10月底前") + rule(763)
    rows = cells(read_bytes(_cjk_pdf([first, rule(812) + alone + rule(788) + wrapped]), ".pdf"))
    assert rows[4:6] == [
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"],
        ["", "", "项目完成时间", "2027年10月底前"],
    ]
    plain = line(800, "", "", "出行条件", "明显改善") + line(782, "", "", "群众满意", "有效提升")
    short = first.replace(_cjk(200, 715, "资金拨付完成"), _cjk(200, 715, "资金拨付"))  # (no rest of it below)
    assert ["", "", "群众满意", "有效提升"] in cells(
        read_bytes(_cjk_pdf([short, rule(812) + plain + rule(778)]), ".pdf")
    )
    two = alone + line(771, "", "", "群众投诉件数", "≤3件")
    assert ["", "", "群众投诉件数", "≤3件"] in cells(read_bytes(_cjk_pdf([first, rule(812) + two + rule(767)]), ".pdf"))


def test_pdf_rows_ruled_only_under_their_group_are_not_one_row():
    """A Word table ruled only under each level group (or project), not under each row, its targets in words: the
    rows between two rules had been read as one row (names and targets run together), silently. Where more lines
    holding a name and a target stand under another between the same rules than rules stand between lines, the rules
    rule groups, not rows, and the rows are found as in an unruled table."""

    def rule(y):
        return b"195 %d m 420 %d l S\n" % (y, y)

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百")
    group = line(800, "效益指标", "社会效益", "食品安全水平", "进一步提高") + line(789, "", "", "出行条件", "明显改善")
    group += line(778, "", "", "长效管护机制", "逐步健全") + rule(774) + line(764, "", "", "群众满意度", "较满意")
    rows = cells(read_bytes(_cjk_pdf([first, rule(812) + group + rule(760)]), ".pdf"))
    assert [row[2:] for row in rows[3:]] == [
        ["食品安全水平", "进一步提高"],
        ["出行条件", "明显改善"],
        ["长效管护机制", "逐步健全"],
        ["群众满意度", "较满意"],
    ]
    group = line(800, "产出指标", "数量指标", "抽检批次", "1200批次") + line(789, "", "", "覆盖范围", "全县各乡镇")
    group += line(778, "", "质量指标", "验收合格率", "≥98%") + rule(774) + line(764, "", "", "群众满意度", "≥90%")
    rows = cells(read_bytes(_cjk_pdf([first, rule(812) + group + rule(760)]), ".pdf"))
    assert [row[2:] for row in rows[3:]] == [
        ["抽检批次", "1200批次"],
        ["覆盖范围", "全县各乡镇"],
        ["验收合格率", "≥98%"],
        ["群众满意度", "≥90%"],
    ]


def _embedded_font_pdf(rows: list[list[str]], names: dict[str, str], mapped: set[str] | None) -> bytes:
    """A page of ruled cells drawn in a composite font (Identity-H) embedding a TrueType font made here, whose own map
    names each character's glyph by `names` (a compatibility ideograph, or '' for none) or by itself; its ToUnicode
    map names the characters in `mapped` (None: the font has no ToUnicode map)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    chars = sorted({c for row in rows for cell in row for c in cell})
    glyph = {c: n for n, c in enumerate(chars, 1)}
    order = [".notdef", *(f"g{n}" for n in glyph.values())]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord(names.get(c, c)): f"g{glyph[c]}" for c in chars if names.get(c, c)})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()
    builder.setupGlyf({name: pen.glyph() for name in order})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in order})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "T", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    ttf = io.BytesIO()
    builder.save(ttf)
    content = b""
    for r, cells in enumerate(rows):
        y = 700 - 20 * r
        for left, right, text in zip((40, 160, 300), (160, 300, 400), cells):
            codes = b"".join(b"%04X" % glyph[c] for c in text)
            content += b"%d %d %d 20 re S BT /F 10 Tf %d %d Td <%s> Tj ET\n" % (
                left,
                y,
                right - left,
                left + 3,
                y + 6,
                codes,
            )
    pairs = b"".join(b"<%04X> <%04X>\n" % (glyph[c], ord(c)) for c in chars if mapped is None or c in mapped)
    tounicode = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
    tounicode += b"1 begincodespacerange <0000> <FFFF> endcodespacerange %d beginbfchar\n%sendbfchar " % (
        pairs.count(b"\n"),
        pairs,
    )
    tounicode += b"endcmap CMapName currentdict /CMap defineresource pop end end"
    descriptor = b"<< /Type /FontDescriptor /FontName /T /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0"
    descriptor += b" /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 9 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        + b" /Resources << /Font << /F 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [6 0 R]%s >>"
        % (b"" if mapped is None else b" /ToUnicode 8 0 R"),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 1000"
        + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        descriptor,
        _stream(tounicode),
        _stream(ttf.getvalue(), b"/Length1 %d" % len(ttf.getvalue())),
    ]
    return _pdf_of(objects)


GLYPHS_ROWS = [["一级指标", "三级指标", "指标值"], ["数量指标", "识别准确率", "≥90%"], ["质量指标", "2026年", "≥5"]]
ALL_BUT_RATE = {c for row in GLYPHS_ROWS for cell in row for c in cell} - {"率"}


@pytest.mark.parametrize(
    "names, mapped, rate",
    [
        ({"量": "\uf97e", "年": "\uf98e"}, None, "率"),  # no ToUnicode: the embedded font's compatibility ideographs
        ({}, ALL_BUT_RATE, "率"),  # a ToUnicode map leaving out 率: the embedded font names it
        ({"率": ""}, ALL_BUT_RATE, "\ufffd"),  # … and the embedded font does not: undecodable
    ],
    ids=["compatibility-ideographs", "partial-tounicode", "undecodable"],
)
def test_pdf_glyphs_a_fonts_tounicode_map_leaves_out(names, mapped, rate):
    """A font without a ToUnicode map whose embedded font names 量 and 年 by compatibility ideographs (U+F97E,
    U+F98E) read 数量指标 and 2026年 as other characters: no level, no year; a ToUnicode map leaving out 率 read
    '(cid:11574)' in its place, silently. Now the ideographs are read as theirs, a glyph the ToUnicode map leaves
    out as the embedded font names it, and one no map names as U+FFFD, its page said in the reader's notes."""
    rows = read_bytes(_embedded_font_pdf(GLYPHS_ROWS, names, mapped), ".pdf")
    assert cells(rows)[1:] == [["数量指标", f"识别准确{rate}", "≥90%"], ["质量指标", "2026年", "≥5"]]
    undecodable = rate == "\ufffd"
    assert [note.startswith("第 1 页有 1 个字符无法解码（字体缺少 ToUnicode") for note in rows.notes] == [
        True
    ] * undecodable


def test_pdf_a_latin_ligature_is_read_as_its_letters():
    """Chromium draws 'ffi' in 'Office' as one glyph its ToUnicode map names U+FB03 (ﬃ): 'Oﬃce' was kept, a word no
    search finds, silently. A ligature is read as its letters."""
    rows = [["一级指标", "三级指标", "指标值"], ["质量指标", "部署Oﬃce软件", "≥5套"]]
    assert cells(read_bytes(_embedded_font_pdf(rows, {}, None), ".pdf"))[1] == ["质量指标", "部署Office软件", "≥5套"]


@pytest.mark.parametrize("header_again", [False, True])
def test_pdf_a_row_the_page_break_cuts_without_any_rule_is_one_row(header_again):
    """Word lets a row break across pages and draws no border at the break: the row's part at the page's foot was
    free text (its cells one column off, its value cut), its rest on the next page a row of its own (a second
    indicator, or lost). Its two parts are one row, whether or not the next page repeats the header first."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    lefts = (40, 160, 280, 400)
    header = ("level", "name", "target")

    def row(top, texts, bottom=None):
        for left, right, text in zip(lefts, lefts[1:], texts):
            pdf.line(left, top, right, top)
            for n, line in enumerate(text.split("/")):
                pdf.text(left + 4, top + 14 + 12 * n, line)
        for x in lefts:
            pdf.line(x, top, x, bottom or top + 20)
        if bottom is None:
            pdf.line(lefts[0], top + 20, lefts[-1], top + 20)

    pdf.add_page()
    row(700, header)
    row(720, ("output", "trainees", ">=500"))
    row(740, ("effect", "jobs", "at least 500/of them 150"), bottom=800)  # no rule under it
    pdf.add_page()
    top = 40
    if header_again:
        row(top, header)
        top += 20
        for left, right in zip(lefts, lefts[1:]):
            pdf.line(left, top, right, top)
        for x in lefts:
            pdf.line(x, top, x, top + 14)
        pdf.text(lefts[2] + 4, top + 10, "new jobs")
        top += 14
    else:
        for x in lefts:
            pdf.line(x, 30, x, 44)  # no rule above it
        pdf.text(lefts[2] + 4, 40, "new jobs")
        top = 44
    pdf.line(lefts[0], top, lefts[-1], top)
    row(top, ("joy", "satisfaction", ">=90%"))
    read = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [texts[:2] for texts in read] == [
        ["level", "name"],
        ["output", "trainees"],
        ["effect", "jobs"],
        ["joy", "satisfaction"],
    ]
    assert read[2][2].split() == "at least 500 of them 150 new jobs".split()


def test_pdf_a_pages_first_row_without_a_rule_above_it_is_read_when_rules_are_thin_rectangles():
    """A browser prints a border as a thin filled rectangle, and leaves the top one off a page that a table goes on
    over without its header: that page's first row was read as loose text lines (an indicator lost, no warning),
    for the rectangles' ends were taken for a rule closing it."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.set_fill_color(0)
    lefts, thick = (40, 160, 280, 400), 0.75

    def rules(top, bottom, closed_above=True):
        if closed_above:
            pdf.rect(lefts[0], top, lefts[-1] - lefts[0], thick, style="F")
        for x in lefts:
            pdf.rect(x, top, thick, bottom - top, style="F")

    def row(top, texts, closed_above=True):
        rules(top, top + 32, closed_above)
        for left, text in zip(lefts, texts):
            for n, line in enumerate(text.split("/")):
                pdf.text(left + 4, top + 14 + 12 * n, line)

    pdf.add_page()
    for n, texts in enumerate((("level", "name", "target"), ("output", "trainees", ">=500"))):
        row(700 + 32 * n, texts)
    pdf.rect(lefts[0], 764, lefts[-1] - lefts[0], thick, style="F")
    pdf.add_page()
    row(40, ("output", "repair/time", "<=24 hours"), closed_above=False)
    row(72, ("joy", "satisfaction", ">=90%"))
    pdf.rect(lefts[0], 104, lefts[-1] - lefts[0], thick, style="F")
    read = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [[" ".join(text.split()) for text in texts[:3]] for texts in read] == [
        ["level", "name", "target"],
        ["output", "trainees", ">=500"],
        ["output", "repair time", "<=24 hours"],
        ["joy", "satisfaction", ">=90%"],
    ]


def test_pdf_a_table_ruled_across_only_is_read_by_where_its_text_stands():
    """A 'three-line' table: rules across every row, none upright (a web page's or a typesetter's style). Its header
    and rows were read as loose lines, wrapped cells cut in pieces (5 projects named '元）', '杭州市公' …)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    lefts = (40, 150, 290, 420)
    table = [("project", "indicator", "target"), ("bus/subsidy", "punctuality", ">=90%"), ("", "routes", ">=1100")]
    table += [("greenway", "length/kept", ">=350 km")]
    top = 100
    for texts in table:
        pdf.line(lefts[0], top, 560, top)
        for left, text in zip(lefts, texts):
            for n, line in enumerate(text.split("/")):
                pdf.text(left + 4, top + 14 + 12 * n, line)
        top += 32
    pdf.line(lefts[0], top, 560, top)
    read = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert [[" ".join(text.split()) for text in texts] for texts in read] == [
        ["project", "indicator", "target"],
        ["bus subsidy", "punctuality", ">=90%"],
        ["", "routes", ">=1100"],
        ["greenway", "length kept", ">=350 km"],
    ]


def test_pdf_a_table_ruled_cell_by_cell_under_its_rows_keeps_the_columns_of_cells_spanning_rows():
    """A browser's table ruled by its rows only (each cell's border-bottom, a thin rectangle), the project's cells
    spanning its rows: no three words align in the name's or the amount's column for the text's edges to find,
    so the amount was glued to the name ('老年人助餐服180务') and every column after shifted (序号 read as the
    name). The rules' own joints, where one cell's rule ends and the next one's begins, are the cells' edges."""
    lefts = (40, 70, 150, 190, 260, 350, 430)

    def rules(y: float, first: int) -> bytes:  # each cell's bottom rule, from column `first` on
        return b"".join(b"%d %.2f %d 0.75 re f\n" % (a, y, b - a) for a, b in zip(lefts[first:], lefts[first + 1 :]))

    def project(top: float, number: str, name: tuple[str, str], amount: str, rows: list[tuple[str, str, str]]):
        out = b""
        for n, texts in enumerate(rows):
            bottom = top - 20 * (n + 1)
            out += rules(bottom, 0 if n == len(rows) - 1 else 3)
            out += b"".join(_cjk(x + 3, bottom + 6, text) for x, text in zip(lefts[3:], texts))
        middle = top - 10 * len(rows)
        out += _cjk(lefts[0] + 3, middle - 3, number) + _cjk(lefts[2] + 3, middle - 3, amount)
        return out + _cjk(lefts[1] + 3, middle + 2, name[0]) + _cjk(lefts[1] + 3, middle - 9, name[1])

    header = ("序号", "项目名称", "预算金额", "一级指标", "三级指标", "指标值")
    page = b"".join(_cjk(x + 6, 766, text) for x, text in zip(lefts, header)) + rules(760, 0)
    first = [("产出指标", "助餐点数量", "8个"), ("效益指标", "便利水平", "提升")]
    page += project(760, "1", ("老年人助餐服", "务"), "180", first)
    page += project(720, "2", ("中小学校舍维", "修改造"), "1250", [("产出指标", "维修面积", "≥5000平方米")] * 2)
    read = cells(read_bytes(_cjk_pdf([page]), ".pdf"))
    assert [[text.replace("\n", "") for text in row] for row in read[1:]] == [
        ["1", "老年人助餐服务", "180", "产出指标", "助餐点数量", "8个"],
        ["1", "老年人助餐服务", "180", "效益指标", "便利水平", "提升"],  # (a merged cell's text on each of its rows)
        ["2", "中小学校舍维修改造", "1250", "产出指标", "维修面积", "≥5000平方米"],
        ["2", "中小学校舍维修改造", "1250", "产出指标", "维修面积", "≥5000平方米"],
    ]


@pytest.mark.parametrize("caption", ["续表", "续表（一）", "续表    单位：万元"])
def test_pdf_a_continued_table_under_a_caption_saying_so_goes_on(caption):
    """'续表' above the repeated header on the next page: the caption was the page's first item, so the table was not
    taken as going on, and the form's reader stopped at the caption: the next page's indicators were lost."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 760, "项目支出绩效目标表") + _grid(740, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]])
    second = _cjk(40, 790, caption) + _grid(780, [header, ["", "质量指标", "培训合格率", "≥95%"]])
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf")) == [
        ["项目支出绩效目标表"],
        header,
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["", "质量指标", "培训合格率", "≥95%"],
    ]


def test_pdf_a_continued_tables_caption_typed_with_a_space_goes_on():
    """'续 表' typed with a space (a typed space's width, kept on a text line since 59460c1) above a table's next page:
    the caption was not read as one, so the table ended there and its next page's indicators were lost, silently."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 760, "项目支出绩效目标表") + _grid(740, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]])
    second = _spaced_line(790, "续 表", 0.3) + _grid(780, [header, ["", "质量指标", "培训合格率", "≥95%"]])
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[1:] == [
        header,
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["", "质量指标", "培训合格率", "≥95%"],
    ]


def test_pdf_a_note_typed_with_a_space_under_an_unruled_table_is_kept():
    """'备 注：无' typed with a space under a table without rules (a typed space's width, kept on a text line since
    59460c1): the note was not read as one ending the table, and was lost from the rows."""
    page = b""
    for y, row in zip(
        (700, 680, 660),
        (
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"],
            ["效益指标", "满意度指标", "学员满意度", "≥90%"],
        ),
    ):
        page += b"".join(_cjk(x, y, text) for x, text in zip((40, 140, 260, 400), row))
    page += _spaced_line(640, "备 注：无", 0.3)
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[-1] == ["备 注：无"]


def test_pdf_a_forms_whole_head_repeated_on_the_next_page_is_dropped():
    """Word repeats every row marked to repeat: a form's whole head (name, department, four money rows, goal) and its
    indicator header atop each page. Only three rows of a repeat were taken for one: the rest were read as
    indicators (年度资金总额 with its money as target and actual)."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    head = [["项目名称", "甲", "甲", "甲"], ["主管部门", "某局", "某局", "某局"]]
    head += [["项目资金", label, label, "100"] for label in ("年度资金总额", "财政拨款", "上年结转", "其他资金")]
    head += [["年度目标", "目标", "目标", "目标"]]
    first = _grid(780, [*head, header, ["产出指标", "数量指标", "培训人次", "≥500人次"]])
    second = _grid(780, [*head, header, ["产出指标", "质量指标", "培训合格率", "≥95%"]])
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[-3:] == [
        header,
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["产出指标", "质量指标", "培训合格率", "≥95%"],
    ]


@pytest.mark.parametrize("other", ["实施单位", "年度资金总额"])
@pytest.mark.parametrize("repeated", [0, 1, 2])
def test_pdf_a_sheets_print_titles_atop_each_page_join_its_form_but_not_the_next_of_its_name(repeated, other):
    """A sheet printed with its print titles (顶端标题行: the title, the unit line and at times the form's first
    `repeated` rows) atop every page: a form's 一级指标 cell cut by the break went on under them, but the titles
    were the page's first items, so the table was taken as new (its level blank, its rows under a second 项目名称
    lost). It goes on now; the next form, of the same name, its 实施单位 or its amount other, stays a form of its
    own (a join of such forms, taking the next one's 项目名称 for a repeated head, made one project of three)."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    titles = _cjk(40, 800, "项目支出绩效目标表") + _cjk(40, 785, "单位：万元")

    def head(unit, amount):
        return [
            ["项目名称", "甲", "甲", "甲"],
            ["主管部门", "某局", "实施单位", unit],
            ["项目资金", "年度资金总额", amount, amount],
        ]

    first_head, next_head = head("甲中心", "100"), head("乙中心" if other == "实施单位" else "甲中心", "100")
    if other == "年度资金总额":
        next_head[2] = ["项目资金", "年度资金总额", "200", "200"]
    level = "" if repeated else "产出指标"  # (printed on the page where the merged cell's middle falls)
    first = titles + _grid(770, [*first_head, header])
    first += _grid(690, [["数量指标", "培训人次", "≥500人次"]], lefts=(140, 260, 400, 520))
    first += b"40 690 m 40 670 l S\n" + (_cjk(43, 676, level) if level else b"")  # open at the bottom
    top = 770 - 20 * repeated
    second = titles + (_grid(770, first_head[:repeated]) if repeated else b"")
    second += _grid(top, [["质量指标", "培训合格率", "≥95%"]], lefts=(140, 260, 400, 520))
    second += b"40 %d m 40 %d l S 40 %d m 140 %d l S\n" % (top, top - 20, top - 20, top - 20)  # open at the top
    second += b"" if level else _cjk(43, top - 14, "产出指标")
    third = titles + _grid(
        770, [*first_head[:repeated], *next_head, header, ["产出指标", "数量指标", "检测座数", "≥110座"]]
    )
    rows = cells(read_bytes(_cjk_pdf([first, second, third]), ".pdf"))
    assert rows == [
        ["项目支出绩效目标表"],
        ["单位：万元"],
        *first_head,
        header,
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["产出指标", "质量指标", "培训合格率", "≥95%"],
        ["项目支出绩效目标表"],
        ["单位：万元"],
        *first_head[:repeated],
        *next_head,
        header,
        ["产出指标", "数量指标", "检测座数", "≥110座"],
    ]


def test_pdf_print_titles_atop_each_page_above_a_form_begun_lower_down_do_not_break_it():
    """Two forms on one sheet printed with its title and unit line atop every page: the second form, begun under the
    first, goes on under the repeated titles, its 一级指标 cell open over the break (the lines the titles repeat are
    those atop the page before, not those right above the form). Its rows there were lost."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    titles = _cjk(40, 800, "项目支出绩效自评表") + _cjk(40, 785, "单位：万元")
    first = titles + _grid(
        770, [["项目名称", "甲", "甲", "甲"], header, ["产出指标", "数量指标", "培训人次", "≥500人次"]]
    )
    first += _grid(650, [["项目名称", "乙", "乙", "乙"], header])
    first += _grid(610, [["数量指标", "检测座数", "≥110座"]], lefts=(140, 260, 400, 520))
    first += b"40 610 m 40 590 l S 40 610 m 140 610 l S\n" + _cjk(43, 596, "产出指标")  # open at the bottom
    second = titles + _grid(770, [["质量指标", "合格率", "≥95%"]], lefts=(140, 260, 400, 520))
    second += b"40 770 m 40 750 l S 40 750 m 140 750 l S\n"  # open at the top
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert rows[-4:] == [
        ["项目名称", "乙", "乙", "乙"],
        header,
        ["产出指标", "数量指标", "检测座数", "≥110座"],
        ["产出指标", "质量指标", "合格率", "≥95%"],
    ]
    assert rows.count(["项目支出绩效自评表"]) == 1


def test_pdf_a_table_under_a_page_top_that_repeats_only_part_of_the_last_is_not_joined():
    """A unit line atop the next page, the page before headed by a table's title and that unit line: not the sheet's
    print titles (they repeat from the first line), and the table under it, its indicator header repeated, is
    another project's (its name in the title before): it stays a table of its own."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 800, "表1 甲项目绩效目标表") + _cjk(40, 785, "单位：万元")
    first += _grid(770, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]])
    second = _cjk(40, 800, "单位：万元") + _grid(770, [header, ["产出指标", "数量指标", "检测座数", "≥110座"]])
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert rows[-3:] == [["单位：万元"], header, ["产出指标", "数量指标", "检测座数", "≥110座"]]


@pytest.mark.parametrize(
    "next_rows",
    [
        [["序号", "支出项目", "资金来源", "金额"], ["1", "普通高中国家助学金", "中央补助", "620.00"]],
        [["年度主要任务", "任务名称", "主要内容", "预算金额"], ["年度主要任务", "学生资助", "落实资助政策", "1536.80"]],
        [["年度总体目标", "保障教育事业平稳运行", "保障教育事业平稳运行", "保障教育事业平稳运行"]],
        [["效益指标", "社会效益指标", "因贫失学人数", "=0人"]],  # (the form going on: joined)
    ],
)
def test_pdf_another_table_under_a_sheets_repeated_titles_after_a_whole_form_stays_its_own(next_rows):
    """A sheet's title and unit line printed atop each page, a goal form ending at a page's foot (no cell cut), and
    on the next page another table in the same columns: a money table ('序号 | 支出项目 …'), a department-wide form
    begun by its 年度主要任务 or its 年度总体目标. The titles were dropped and the table joined to the form: its rows
    read as the project's indicators (4 more, a '合计' field), the department-wide record lost. It stays a table of
    its own under its titles; a form's indicator rows going on there are still joined."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    titles = _cjk(40, 800, "部门预算项目表") + _cjk(40, 785, "单位：万元")
    form = [
        ["项目名称", "学生资助", "学生资助", "学生资助"],
        ["主管部门", "某局", "实施单位", "资助中心"],
        ["项目资金", "年度资金总额", "1536.80", "1536.80"],
        ["年度绩效目标", "落实资助政策", "落实资助政策", "落实资助政策"],
        header,
        ["产出指标", "数量指标", "资助人数", "≥5200人"],
    ]
    rows = cells(read_bytes(_cjk_pdf([titles + _grid(770, form), titles + _grid(770, next_rows)]), ".pdf"))
    if next_rows[0][0] == "效益指标":
        assert rows == [["部门预算项目表"], ["单位：万元"], *form, *next_rows]
    else:
        assert rows == [["部门预算项目表"], ["单位：万元"], *form, ["部门预算项目表"], ["单位：万元"], *next_rows]


def test_pdf_a_rule_across_a_few_columns_makes_no_second_copy_of_a_row():
    """A side cell ending mid-row (as LibreOffice draws a merged cell carried over a page) splits the grid there:
    the row's cells, one each in the other columns, were read spread over both grid rows: the indicator twice."""
    header = ["", "一级指标", "三级指标", "指标值"]
    content = _grid(780, [header, ["", "产出指标", "培训人次", "≥500人次"]])
    content += b"40 720 100 20 re S 40 700 100 20 re S\n"  # the side column: two cells beside one row
    for left, right, text in ((140, 260, "产出指标"), (260, 400, "培训合格率"), (400, 520, "≥95%")):
        content += b"%d 700 %d 40 re S\n" % (left, right - left) + _cjk(left + 3, 714, text)
    assert cells(read_bytes(_cjk_pdf([content]), ".pdf")) == [
        header,
        ["", "产出指标", "培训人次", "≥500人次"],
        ["", "产出指标", "培训合格率", "≥95%"],
    ]


@pytest.mark.parametrize("angle, head", [(90, False), (-90, False), (90, True)])
def test_pdf_a_page_whose_content_is_turned_by_its_matrix_is_read_turned_back(angle, head):
    """A landscape table printed onto a portrait page by turning its content (no /Rotate): it was read transposed,
    its columns as rows, and the file refused. A running head and page number printed upright on the paper (fewer
    characters than the table's) do not keep the page from being turned, and are not read a character a line."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    rows = [("level", "name", "target"), ("output", "trainees", ">=500"), ("effect", "uptake", ">=60%")]
    if head:
        pdf.text(40, 30, "City budget 2025")
        pdf.text(290, 820, "- 7 -")
    with pdf.rotation(angle=angle, x=300, y=420):
        for r, row in enumerate(rows):
            for left, text in zip((150, 250, 350), row):
                pdf.rect(left, 380 + 20 * r, 100, 20)
                pdf.text(left + 4, 394 + 20 * r, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [list(row) for row in rows]


def test_pdf_text_turned_a_quarter_in_a_cell_reads_in_its_own_direction():
    """A level cell's text turned upwards (Excel's 向上旋转文字) was read top down, backwards: '标指出产'."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for top in (60, 140):
        for left, right in ((40, 80), (80, 240), (240, 320)):
            pdf.rect(left, top, right - left, 80)
    for top, level, turn in ((60, "output", 90), (140, "effect", -90)):
        x, y = (64, top + 70) if turn > 0 else (56, top + 10)
        with pdf.rotation(angle=turn, x=x, y=y):
            pdf.text(x, y, level)
        pdf.text(84, top + 44, "trainees")
        pdf.text(244, top + 44, ">=500")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["output", "trainees", ">=500"],
        ["effect", "trainees", ">=500"],
    ]


def test_pdf_text_a_cells_clip_hides_is_not_read():
    """A cell's text drawn whole and clipped to the cell (Beijing's tables): the line that runs below the cell is
    hidden on the page, and is not read into the row under it; a line cut only at the cell's side is kept."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 40, "Goal table")  # (the font set outside the clips: fpdf sets it where first used)
    for top in (60, 80):
        for left, right in ((40, 160), (160, 240)):
            pdf.rect(left, top, right - left, 20)
    with pdf.rect_clip(40, 60, 120, 20):
        pdf.text(42, 74, "rate of repairs")
        pdf.text(42, 92, "done")  # the third line of a cell too low for it: below the cell, hidden
    with pdf.rect_clip(160, 60, 80, 20):
        pdf.text(162, 74, "=100 percent")  # runs past the cell's right side: cut there, still its text
    pdf.text(42, 94, "uptime")
    pdf.text(162, 94, "=99%")
    for left, right in ((40, 160), (160, 240)):
        pdf.rect(left, 100, right - left, 20)
    line = "from 2022-05-01 to 2022-12-31"  # runs past its cell's right side: what lies wholly beyond it is hidden
    with pdf.rect_clip(40, 100, 120, 20):
        pdf.text(42, 114, line)
    with pdf.rect_clip(160, 100, 80, 20):
        pdf.text(200, 114, "done")
    shown = next(n for n in range(len(line), 0, -1) if 42 + pdf.get_string_width(line[: n - 1]) < 160)
    assert 0 < shown < len(line) - 3
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Goal table"],
        ["rate of repairs", "=100 percent"],
        ["uptime", "=99%"],
        [line[:shown], "done"],
    ]


def test_pdf_a_line_its_cells_clip_cuts_in_half_stays_in_that_cell():
    """A cell's last line that the cell's clip cuts through, its upper part printed (readable) and the rest hidden,
    is the end of that cell's text, not the start of the row below ('经济成本指' above, '标' cut by the border)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 40, "Goal table")
    for top in (60, 80):
        for left, right in ((40, 160), (160, 240)):
            pdf.rect(left, top, right - left, 20)
    with pdf.rect_clip(40, 60, 120, 20):
        pdf.text(42, 73, "cost of")
        pdf.text(42, 83.6, "repairs")  # 0.42 of its height above the border: its upper part shows
    pdf.text(162, 73, "<=5")
    pdf.text(42, 94, "uptime")
    pdf.text(162, 94, "=99%")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Goal table"],
        ["cost of\nrepairs", "<=5"],
        ["uptime", "=99%"],
    ]


def test_pdf_a_numbers_decimal_point_its_cells_clip_cuts_is_kept():
    """A merged cell cut by a page break (LibreOffice prints its centred text at the page's foot, clipped): the
    digits show, the decimal point at their foot does not, and 318.6000 万元 was read 3186000. A point between two
    digits that show is kept; a comma cut the same way stays hidden."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 40, "Goal table")
    for top in (60, 80):
        for left, right in ((40, 160), (160, 240)):
            pdf.rect(left, top, right - left, 20)
    with pdf.rect_clip(40, 60, 120, 20):
        pdf.text(42, 73, "amount")
        pdf.text(42, 81.4, "318.6000 a,b")  # 0.65 of its height above the border: the digits' upper parts show
    pdf.text(162, 73, "ok")
    pdf.text(42, 94, "uptime")
    pdf.text(162, 94, "=99%")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Goal table"],
        ["amount\n318.6000 a b", "ok"],
        ["uptime", "=99%"],
    ]


def test_pdf_a_decimal_point_the_clip_hides_before_the_clip_ends_does_not_fail_the_file():
    """The clip hiding a number's point ends (Q) before the next digit is drawn: the file was read as corrupt
    (the point's printed part was taken from the clip then in force, none); the point is kept and the file read."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 40, "Goal table")
    for top in (60, 80):
        for left, right in ((40, 200), (200, 280)):
            pdf.rect(left, top, right - left, 20)
    pdf.text(42, 70, "amount")
    with pdf.rect_clip(40, 60, 160, 20):
        pdf.text(42, 83.5, "12.")  # 0.65 of its height above the border: the digits' upper parts show
    pdf.text(42 + pdf.get_string_width("12."), 83.5, "5")
    pdf.text(202, 73, "ok")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf"))[1][0].startswith("amount\n12.5")


def test_pdf_text_past_a_cell_border_belongs_to_the_cell_it_starts_in():
    """Two real printings: a cell's last letter drawn over the border, the next cell's text drawn over that letter
    (it stays in its cell); and two cells' texts 2 points apart with the rule between them (never one run)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    borders = (40, 120, 200, 280)
    for top in (60, 80):
        for left, right in zip(borders, borders[1:]):
            pdf.rect(left, top, right - left, 20)
    word = "general"
    pdf.text(borders[1] - pdf.get_string_width(word[:-1]) - 0.5, 74, word)  # 'l' starts 0.5 pt before the border
    pdf.text(borders[1] + 0.7, 74, "spending")  # drawn over the 'l'
    pdf.text(borders[2] + 2, 74, "ok")
    pdf.text(borders[1] - 1 - pdf.get_string_width("level"), 94, "level")
    pdf.text(borders[1] + 1, 94, "grade")
    pdf.text(borders[2] + 2, 94, "90")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["general", "spending", "ok"], ["level", "grade", "90"]]


def test_pdf_a_string_drawn_on_over_a_rule_is_its_cells_text():
    """A sheet's cell without wrapping prints its text on over the rule into the empty cell beside it, one string
    (LibreOffice: '项目资金（|万元）', '年度绩效目|标'): the part past the rule was the empty cell's text, the label no
    label, and a goal form lost its 年度资金总额. A page drawing a string per character sets a cell's line and the
    next cell's text on without a gap across the rule (cells without padding): two cells still."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    borders = (40, 80, 140, 200, 260)
    for top in (60, 80):
        for left, right in zip(borders, borders[1:]):
            pdf.rect(left, top, right - left, 20)
    pdf.text(borders[0] + 1, 74, "Fundingtotal")  # 'total' on over the rule, into the empty cell
    pdf.text(borders[2] + 1, 74, "amount")
    pdf.text(borders[3] + 1, 74, "800")
    x = borders[1] - pdf.get_string_width("Objectiv")  # ends at the rule, 'grade' starts there: a string a letter
    for letter in "Objectivgrade":
        pdf.text(x, 94, letter)
        x += pdf.get_string_width(letter)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Fundingtotal", "", "amount", "800"],
        ["Objectiv", "grade", "", ""],
    ]


def test_pdf_a_string_centred_or_set_right_on_over_its_rules_is_the_text_of_the_cell_it_is_set_in():
    """A sheet's label centred in its cell, or set right, and not wrapped, prints on over both its rules, or its left
    one, into the empty cells beside it, one string (LibreOffice: '年|度资金总|额'): it is the text of the cell it is
    centred in, or ends in at its right side, not of the empty cell it starts in (a 自评表's 年度资金总额 read under
    项目资金, its amount then the 年初预算数)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    borders = (40, 80, 140, 200, 260)
    for top in (60, 80):
        for left, right in zip(borders, borders[1:]):
            pdf.rect(left, top, right - left, 20)
    width = pdf.get_string_width("Fundingtotalamount")
    pdf.text((borders[1] + borders[2] - width) / 2, 74, "Fundingtotalamount")  # centred: on over both rules
    pdf.text(borders[3] + 1, 74, "800")
    pdf.text(borders[3] - 1 - pdf.get_string_width("Objectivegrade"), 94, "Objectivegrade")  # set right
    pdf.text(borders[3] + 1, 94, "90")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["", "Fundingtotalamount", "", "800"],
        ["", "", "Objectivegrade", "90"],
    ]


def test_pdf_a_line_printed_below_its_cell_border_stays_in_its_cell():
    """A cell's last line printed just below its border, at its text's line pitch, with the next cell's first line
    drawn over it, belongs to the cell above ('≥25次；…≥5' then '次' below the rule)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=8)
    pdf.add_page()
    for top, height in ((60, 28), (88, 30)):
        for left, right in ((40, 120), (120, 200)):
            pdf.rect(left, top, right - left, height)
    for y, text in ((70, "25 times;"), (80, "40 sites; >=5"), (92, "times"), (97, ">=2 times;"), (107, ">=2 people")):
        pdf.text(122, y, text)
    pdf.text(42, 76, "meetings")
    pdf.text(42, 105, "visits")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["meetings", "25 times;\n40 sites; >=5\ntimes"],
        ["visits", ">=2 times;\n>=2 people"],
    ]


def test_pdf_white_background_strips_do_not_cut_a_tall_cell():
    """A tall row whose level cell is painted as white strips (no stroke) under black rules is one row, its label
    printed in the middle strip."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.set_fill_color(255)
    for top in (60, 80, 100):
        pdf.rect(40, top, 80, 20, style="F")
    for left, right in ((40, 120), (120, 200), (200, 280)):
        pdf.rect(left, 60, right - left, 60, style="D")
        pdf.rect(left, 120, right - left, 20, style="D")
    for x, y, text in (
        (42, 94, "output"),
        (122, 74, "item"),
        (202, 74, "5"),
        (42, 134, "effect"),
        (122, 134, "use"),
        (202, 134, "6"),
    ):
        pdf.text(x, y, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["output", "item", "5"], ["effect", "use", "6"]]


def test_pdf_a_merged_cell_closed_only_by_its_white_fill_stays_a_cell():
    """A merged cell whose top and bottom no rule draws (cut by page breaks above and below) but its white fill
    closes is still a cell, repeated in the rows it covers."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.set_fill_color(255)
    pdf.rect(40, 60, 80, 60, style="F")
    pdf.line(40, 60, 40, 120)
    for top, text in ((60, "a"), (80, "b"), (100, "c")):
        pdf.rect(120, top, 80, 20, style="D")
        pdf.text(122, top + 14, text)
    pdf.text(42, 94, "merged")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["merged", "a"], ["merged", "b"], ["merged", "c"]]


def test_pdf_a_head_cell_closed_only_by_its_fill_at_a_page_break_goes_on_over_the_page():
    """Beijing's flat table: each project's head cell painted white, rules drawn across the indicator column only
    at the page break. The rows at the page's foot under an empty head cell belong to the project whose head is
    printed at the next page's top, not to the one above them."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.set_fill_color(255)

    def page(heads: list[tuple[float, float, str, bool]], names: list[str]) -> None:
        """Head cells (top, bottom, text, a rule above), an indicator cell per 20 pt from y=60, rules at the break."""
        pdf.add_page()
        bottom = 60 + 20 * len(names)
        for top, end, text, ruled in heads:
            pdf.rect(40, top, 80, end - top, style="F")
            pdf.text(42, top + 14, text)
            if ruled:
                pdf.line(40, top, 120, top)
        pdf.line(40, 60, 40, bottom)
        pdf.line(120, 60, 120, bottom)
        for n, name in enumerate(names):
            _cell(pdf, 120, 200, 60 + 20 * n, name)

    page([(60, 80, "first", True), (80, 100, "", True)], ["a", "b"])
    page([(60, 100, "second", False)], ["c", "d"])
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["first", "a"],
        ["second", "b"],
        ["second", "c"],
        ["second", "d"],
    ]


def _table_at_a_pages_foot():
    """An fpdf2 document whose first page ends with a table's header and one row (three columns, 40–280 pt)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for top, texts in ((700, ("level", "name", "target")), (720, ("output", "trainees", ">=500"))):
        for left, right, text in zip((40, 120, 200), (120, 200, 280), texts):
            _cell(pdf, left, right, top, text)
    return pdf


def _cell(pdf, left: float, right: float, top: float, text: str = "", open_top=False, open_bottom=False) -> None:
    """A 20 pt high cell's rules (the top or bottom one left out: a cell the page break cuts) and its text."""
    pdf.line(left, top, left, top + 20)
    pdf.line(right, top, right, top + 20)
    if not open_top:
        pdf.line(left, top, right, top)
    if not open_bottom:
        pdf.line(left, top + 20, right, top + 20)
    pdf.text(left + 2, top + 14, text)


def _open_to_the_foot(pdf, top: float, texts: tuple[str, str, str]) -> None:
    """A row of three cells (x 40–120–200–280) from `top` to the page's foot, no rule under it (the break cuts it)."""
    for left, right, text in zip((40, 120, 200), (120, 200, 280), texts):
        pdf.line(left, top, right, top)
        pdf.text(left + 2, top + 14, text)
    for x in (40, 120, 200, 280):
        pdf.line(x, top, x, 800)


def test_pdf_a_row_cut_above_a_page_whose_grid_parts_its_columns_further_is_one_row():
    """Chromium prints a form as one table and draws each page's grid from that page's rows: a head row cut at the
    foot (goal | achieved), its rest atop a page whose indicator rows part the goal's column in two. The columns
    matched none of the last page's, so the rest was a row of its own, blank where its label is (the goal and what
    was achieved lost their last lines)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 120, "name"), (120, 200, "a"), (200, 280, "b")):
        _cell(pdf, left, right, 60, text)
    _open_to_the_foot(pdf, 80, ("goal", "expected", "achieved"))
    pdf.add_page()
    for left, right, text in ((40, 120, ""), (120, 160, "rest"), (160, 200, ""), (200, 280, "done")):
        _cell(pdf, left, right, 40, text, open_top=True)
    for left, right, text in ((40, 120, "kind"), (120, 160, "l1"), (160, 200, "l2"), (200, 280, "value")):
        _cell(pdf, left, right, 60, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["name", "a", "b"],
        ["goal", "expected\nrest", "achieved\ndone"],
        ["kind", "l1", "l2", "value"],
    ]


def test_pdf_a_continued_page_holding_a_rows_own_lines_goes_on_above_them():
    """A Word self-evaluation's 总分 row keeps its own cell widths, its lines 8 points right of the indicator rows'.
    Atop the next page with the last indicator rows, the page's grid held both rows' lines, matched none of the last
    page's, and the table went on as another: the rows there read on a grid of their own ('>=90%' twice; in a form,
    values glued and names lost) and a cell the break cut was not joined by the columns. The rows above 总分 go on
    on the last page's columns (the lines they do not use left out); 总分 keeps its own, as its own table."""
    pdf = _table_at_a_pages_foot()
    _open_to_the_foot(pdf, 740, ("effect", "jobs at", ">=90"))
    pdf.add_page()
    for left, right, text in ((40, 120, ""), (120, 200, "home"), (200, 280, "")):
        _cell(pdf, left, right, 40, text, open_top=True)
    for left, right, text in ((40, 120, "joy"), (120, 200, "satisfaction"), (200, 280, ">=90%")):
        _cell(pdf, left, right, 60, text)
    for left, right, text in ((40, 208, "total"), (208, 288, "100")):
        _cell(pdf, left, right, 80, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["level", "name", "target"],
        ["output", "trainees", ">=500"],
        ["effect", "jobs at\nhome", ">=90"],
        ["joy", "satisfaction", ">=90%"],
        ["total", "total", "total", "100"],
    ]


def test_pdf_a_cut_cell_over_two_grid_columns_is_joined_in_both():
    """Chromium, a long name cut at a page's foot in a column the head's lines part in two (三级指标 over two grid
    columns): the open cell was read in its first column only, its second column read again as a cell of its own
    (blank), and the rest atop the next page, placed in both, was joined in the first only. The row was read twice
    (the cut not seen: a cell with text on the next page not open there)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 120, "goal"), (120, 160, "a"), (160, 280, "b")):
        _cell(pdf, left, right, 680, text)
    for left, right, text in ((40, 120, "level"), (120, 200, "name"), (200, 280, "target")):
        _cell(pdf, left, right, 700, text)
    for x in (40, 120, 200, 280):
        pdf.line(x, 720, x, 800)
    pdf.line(40, 720, 280, 720)
    for left, text in ((42, "output"), (122, "jobs at"), (202, ">=90")):
        pdf.text(left, 734, text)
    pdf.add_page()
    for left, right, text in ((40, 120, ""), (120, 200, "home"), (200, 280, "")):
        _cell(pdf, left, right, 40, text, open_top=True)
    for left, right, text in ((40, 120, "joy"), (120, 200, "satisfaction"), (200, 280, ">=90%")):
        _cell(pdf, left, right, 60, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf"))[1:] == [
        ["level", "name", "name", "target"],
        ["output", "jobs at\nhome", "jobs at\nhome", ">=90"],
        ["joy", "satisfaction", "satisfaction", ">=90%"],
    ]


def test_pdf_a_blank_cell_cut_by_the_page_break_takes_the_text_under_the_repeated_header():
    """A cell open at a page's foot, blank there, whose rest the next page prints under its repeated header (which
    closes it): its rows take that text. The header is found under the title row the first page draws above it."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    _cell(pdf, 40, 200, 40, "Goal table")
    for top, (name, item) in ((60, ("name", "item")), (80, ("first", "a"))):
        _cell(pdf, 40, 120, top, name)
        _cell(pdf, 120, 200, top, item)
    _cell(pdf, 40, 120, 100, open_bottom=True)
    _cell(pdf, 120, 200, 100, "b")
    pdf.add_page()
    for top, (name, item) in ((40, ("name", "item")), (60, ("second", "c"))):
        _cell(pdf, 40, 120, top, name)
        _cell(pdf, 120, 200, top, item)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Goal table", "Goal table"],
        ["name", "item"],
        ["first", "a"],
        ["second", "b"],
        ["second", "c"],
    ]


def test_pdf_a_whole_cell_at_a_pages_foot_without_its_rule_is_not_joined_with_the_next_pages_first():
    """A sheet whose cells are ruled only at their top (the rule under a row stored as the next row's top) prints no
    rule at a page's foot: the project's name cell merged over its rows is open there, its text whole and centred
    high above that edge. The next page's first project under the repeated header is another one: the two names
    were joined into one project ('first\\nsecond', its amount '2215.3987.6'), the second project lost."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for top, (name, item) in ((40, ("name", "item")),):
        _cell(pdf, 40, 120, top, name)
        _cell(pdf, 120, 200, top, item)
    pdf.line(40, 60, 40, 180)  # 'first' merged over six rows, its text in the middle, no rule at the foot
    pdf.line(120, 60, 120, 180)
    pdf.text(42, 124, "first")
    for n, item in enumerate("abcdef"):
        _cell(pdf, 120, 200, 60 + 20 * n, item)
    pdf.add_page()
    for top, (name, item) in ((40, ("name", "item")), (60, ("second", "g"))):
        _cell(pdf, 40, 120, top, name)
        _cell(pdf, 120, 200, top, item)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["name", "item"],
        *(["first", item] for item in "abcdef"),
        ["second", "g"],
    ]


def test_pdf_a_page_whose_grid_holds_only_the_indicator_columns_reads_the_head_beside_it():
    """Beijing's long projects: on a later page only the indicator columns are ruled; the head columns are drawn
    without rules but where one project's head ends, and the head text stands beside the grid. That text is those
    columns' cells (by the first page's column edges), and a head cell going on over whole pages keeps its text."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)

    def grid(names: list[str]) -> None:
        for n, name in enumerate(names):
            _cell(pdf, 120, 200, 60 + 20 * n, name)

    pdf.add_page()
    for left, right, text in ((40, 80, "head"), (80, 120, "sum")):
        _cell(pdf, left, right, 40, text)
    _cell(pdf, 120, 200, 40, "item")
    for left, right, text in ((40, 80, "P1"), (80, 120, "10")):
        _cell(pdf, left, right, 60, text, open_bottom=True)
    grid(["a"])
    pdf.add_page()  # no head rules, no head text: the head of P1 goes on
    grid(["b", "c"])
    pdf.add_page()  # P1 ends with a rule across the head columns; P2 begins, its head printed beside the grid
    grid(["d", "e", "f"])
    pdf.line(40, 80, 120, 80)
    pdf.text(42, 114, "P2")
    pdf.text(82, 114, "20")
    pdf.add_page()  # a head ruled across at the page's top: a project of its own, P2 ended with the page before
    grid(["g"])
    pdf.line(40, 60, 120, 60)
    pdf.text(42, 74, "P3")
    pdf.text(82, 74, "30")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["head", "sum", "item"],
        *[["P1", "10", name] for name in "abcd"],
        *[["P2", "20", name] for name in "ef"],
        ["P3", "30", "g"],
    ]


def test_pdf_a_line_the_page_break_cuts_through_is_read_once():
    """Beijing clips each page to its table: a head cell's line that falls on the break prints its upper part at the
    foot of one page and its lower part at the top of the next (above the next page's first rule). It is that cell's
    line, read once; the next page's head, beside its grid, still continues the cell."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 80, "head"), (80, 120, "sum"), (120, 200, "item")):
        _cell(pdf, left, right, 40, text)
    with pdf.rect_clip(40, 40, 160, 40):  # the table's area
        for left, right, text in ((40, 80, "P1"), (80, 120, "10")):
            _cell(pdf, left, right, 60, text, open_bottom=True)
        _cell(pdf, 120, 200, 60, "a")
        pdf.text(42, 83.4, "cut")  # about half of it above the page's last rule
    pdf.add_page()
    with pdf.rect_clip(40, 60, 160, 40):
        for n, item in enumerate("bc"):
            _cell(pdf, 120, 200, 60 + 20 * n, item)
        pdf.text(42, 62.4, "cut")  # its lower part, below the page's first rule
        pdf.text(42, 74, "rest")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["head", "sum", "item"],
        *[["P1\ncut\nrest", "10", item] for item in "abc"],
    ]


def test_pdf_the_marks_of_a_line_the_page_break_cuts_are_read_from_the_next_pages_part():
    """LibreOffice prints a merged cell on over the break: the line cut there shows the tops of its letters at the
    foot of one page, where its low marks (their ink at the foot of their boxes) are hidden, and only its foot atop
    the next, the marks there and the letters hidden. The marks were lost ('one two three' for 'one, two, three'),
    or read as a line of their own; now the line is read once with them, each where it stands."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 120, "goal"), (120, 200, "item")):
        _cell(pdf, left, right, 40, text)
    with pdf.rect_clip(40, 40, 160, 40):  # the table's area
        _cell(pdf, 40, 120, 60, "P1", open_bottom=True)
        _cell(pdf, 120, 200, 60, "a")
        pdf.text(42, 81.4, "one, two, three")  # 0.65 of its height above the page's last rule
    pdf.add_page()
    for left, right, text in ((40, 120, "goal"), (120, 200, "item")):  # the print titles
        _cell(pdf, left, right, 40, text)
    for n, item in enumerate("bc"):
        _cell(pdf, 120, 200, 60 + 20 * n, item)
    pdf.rect(40, 60, 80, 40)  # the goal cell's rest
    with pdf.rect_clip(40, 60, 80, 40):
        pdf.text(42, 60.9, "one, two, three")  # 0.3 of it, its foot, below the header's rule
        pdf.text(42, 74, "rest")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["goal", "item"],
        *[["P1\none, two, three\nrest", item] for item in "abc"],
    ]


def test_pdf_the_marks_of_a_cut_line_beside_a_continued_grid_are_read_from_the_next_pages_part():
    """The same where the next page prints the head beside its grid (Beijing): the line's foot atop that page, its
    comma showing there, was read as a line of its own ('…服务包\n，\n括…' for '…服务，包括…')."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 120, "head"), (120, 200, "item")):
        _cell(pdf, left, right, 40, text)
    with pdf.rect_clip(40, 40, 160, 40):  # the table's area
        _cell(pdf, 40, 120, 60, "P1", open_bottom=True)
        _cell(pdf, 120, 200, 60, "a")
        pdf.text(42, 81.4, "one, two")  # 0.65 of its height above the page's last rule
    pdf.add_page()
    with pdf.rect_clip(40, 60, 160, 40):
        for n, item in enumerate("bc"):
            _cell(pdf, 120, 200, 60 + 20 * n, item)
        pdf.text(42, 60.9, "one, two")  # 0.3 of it, its foot, below the page's first rule
        pdf.text(42, 74, "rest")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["head", "item"],
        *[["P1\none, two\nrest", item] for item in "abc"],
    ]


@pytest.mark.parametrize("goal", ["目标乙", ""])
def test_pdf_a_head_beside_its_rows_cut_by_the_page_break_where_its_text_had_ended_is_read_in_its_columns(goal):
    """A page of some saved apart (Beijing's sheet): the indicator rows ruled, each project's head merged beside them,
    its columns' rules running the page's table down, a rule across between two projects' heads and none atop or
    under them (cut by the page breaks), the last head's text ending above the page's (or in none on this page).
    The table was found without the head's columns, their text lines apart, every row no project's (the real extract
    read 13 rows in one run said unread, two projects'); the head's open side under them is closed as a cut row's."""
    rows = [("产出指标", "培训人次", "≥300"), ("产出指标", "合格率", "≥95%"), ("效益指标", "出行条件", "改善")]
    rows += [("产出指标", "服务人次", "≥1200"), ("效益指标", "通行时间", "缩短"), ("满意度指标", "满意度", "≥90%")]
    content = b"".join(
        box(left, right, 800 - 40 * n, 40, text)
        for n, row in enumerate(rows)
        for (left, right), text in zip(((260, 340), (340, 460), (460, 540)), row)
    )
    content += b"40 800 m 40 560 l S 140 800 m 140 560 l S 40 680 m 260 680 l S\n"  # the head's rules
    content += _cjk(43, 740, "项目甲") + _cjk(143, 740, "目标甲") + (_cjk(143, 670, goal) if goal else b"")
    assert cells(read_bytes(_cjk_pdf([content]), ".pdf")) == [
        *(["项目甲", "目标甲", *row] for row in rows[:3]),
        *(["", goal, *row] for row in rows[3:]),
    ]


def test_pdf_rows_carry_their_pages_heights():
    """A file of one page tells how low its last row stands only by the page's height (`importers._cut_at_end`)."""
    rows = read_bytes(_cjk_pdf([_cjk(40, 700, "甲"), _cjk(40, 700, "乙")]), ".pdf")
    assert isinstance(rows, Rows) and rows.heights == {1: 842.0, 2: 842.0}


def test_pdf_the_marks_of_a_line_clipped_away_above_text_outside_a_table_are_not_read():
    """A low mark whose top the clip cuts away shows (its ink is the foot of its box), though the rest of its line is
    hidden: over text outside a table, a line of only such marks is none of the page's ('，，' as a line of its own)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(42, 100, "before")
    with pdf.rect_clip(40, 200, 160, 40):
        pdf.text(42, 200.9, "alpha, beta, gamma")  # 0.3 of it, its foot, inside the clip
        pdf.text(42, 214, "delta")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["before"], ["delta"]]


def test_pdf_a_level_cut_by_the_page_break_takes_the_label_printed_on_the_next_page():
    """Level cells open at the page's bottom and the next page's top are one cell, though the next page draws its
    first column 4.5 pt further right and a table below it snaps the rule between two open cells off its line."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 100, "level"), (100, 160, "kind"), (160, 240, "name"), (240, 320, "value")):
        _cell(pdf, left, right, 40, text)
    for top in (60, 80):
        _cell(pdf, 40, 100, top, "output" if top == 60 else "", open_top=top == 80, open_bottom=True)
    _cell(pdf, 100, 160, 60, "time")
    _cell(pdf, 100, 160, 80, open_bottom=True)
    for top, name, value in ((60, "a", "1"), (80, "b", "2")):
        _cell(pdf, 160, 240, top, name)
        _cell(pdf, 240, 320, top, value)
    pdf.add_page()
    _cell(pdf, 44.5, 100, 60, open_top=True)
    _cell(pdf, 100, 160, 60, "cost", open_top=True)
    for top, cells_ in (
        (60, ("c", "3")),
        (80, ("effect", "social", "d", "4")),
        (200, ("x", "y", "z", "5")),
        (220, ("u", "v", "w", "6")),
    ):
        lefts = (160, 240) if len(cells_) == 2 else (44.5, 102.8 if top >= 200 else 100, 160, 240)
        for left, right, text in zip(lefts, (*lefts[1:], 320), cells_):
            _cell(pdf, left, right, top, text)
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["level", "kind", "name", "value"],
        ["output", "time", "a", "1"],
        ["output", "cost", "b", "2"],
        ["output", "cost", "c", "3"],
        ["effect", "social", "d", "4"],
        ["x", "y", "z", "5"],
        ["u", "v", "w", "6"],
    ]


@pytest.mark.parametrize("between", [("out", "put"), ("(2026)", "")])
def test_pdf_short_lines_around_a_page_break_do_not_break_a_table_but_a_title_does(between):
    """A merged cell's label the text layer also holds outside the table (a line below it, another above its
    continuation) leaves the continued table one table, its columns those of the page before; a title does not."""
    from fpdf import FPDF

    below, above = between
    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 100, "level"), (100, 160, "kind"), (160, 240, "name"), (240, 320, "value")):
        _cell(pdf, left, right, 40, text)
    for left, right, text in ((40, 100, "output"), (100, 160, "time"), (160, 240, "a"), (240, 320, "1")):
        _cell(pdf, left, right, 60, text)
    pdf.text(42, 200, below)
    pdf.add_page()
    if above:
        pdf.text(42, 40, above)
    for left, right, text in ((100, 160, "cost"), (160, 240, "b"), (240, 320, "2")):
        _cell(pdf, left, right, 60, text)
    got = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    continued = below != "(2026)"  # a table's subtitle ('（2026年度）'): a new table may follow
    assert got == [
        ["level", "kind", "name", "value"],
        ["output", "time", "a", "1"],
        [below],
        *([[above]] if above else []),
        ["", "cost", "b", "2"] if continued else ["cost", "b", "2"],
    ]


def test_pdf_text_lines_split_at_wide_gaps():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(30, 6, "label")
    pdf.cell(40, 6, "some value", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(text="one line only")
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["label", "some value"], ["one line only"]]


def test_csv_quoted_cells_and_encodings():
    text = '项目名称,指标值\r\n"甲,乙","≥90%\n备注"\r\n'
    for data in (text.encode("utf-8"), text.encode("gb18030"), codecs.BOM_UTF16_LE + text.encode("utf-16-le")):
        assert cells(read_bytes(data, ".csv")) == [["项目名称", "指标值"], ["甲,乙", "≥90%\n备注"]]


@pytest.mark.parametrize("start, pasted", [("gb18030", "utf-8"), ("utf-8", "gb18030")])
def test_a_text_with_a_line_of_another_encoding_names_that_line(tmp_path, start, pasted):
    """A GBK text export with a line pasted in UTF-8 (or the reverse) was refused as 'not text in a known encoding',
    with nothing to say where; it names the line, as a streamed text does."""
    lines = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t检查台次\t≥3500台次"]
    path = tmp_path / "导出.txt"
    path.write_bytes("\r\n".join(lines).encode(start) + b"\r\n" + "时效指标\t\t响应时间\t≤24小时".encode(pasted))
    with pytest.raises(UnreadableFile, match=f"第 3 行的编码与文件开头不同 line 3: not {start.upper()} text"):
        read_rows(path)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    return bytes(pdf.output())


def _locked_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.cell(text="locked")
    return bytes(pdf.output())


def _unmapped_pdf() -> bytes:
    """A goal table's PDF whose font lost its ToUnicode map (the key renamed, the offsets kept): read, its text was
    garbage with a few '(cid:2)' in it, and the file was refused as holding no 绩效 or 指标."""
    data = (Path(__file__).parent / "fixtures" / "seed003.pdf").read_bytes()
    assert data.count(b"/ToUnicode") == 1
    return data.replace(b"/ToUnicode", b"/ToUnicodX")


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


BAD_INPUTS = [
    ("corrupt.xlsx", xlsx_bytes(lambda b: None)[:300], "corrupt"),
    ("corrupt.docx", b"PK\x03\x04" + bytes(100), "corrupt"),
    (
        "protected.xlsx",
        OLE2 + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
        "password-protected",
    ),
    ("protected.docx", OLE2 + bytes(500) + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
    ("damaged.doc", OLE2 + bytes(500) + "WordDocument".encode("utf-16-le"), "corrupt or unreadable doc file"),
    ("no-directory.doc", OLE2 + b"garbage".ljust(1016, b"\0"), "damaged old Office file"),  # whole sectors
    # a download that did not finish: the file's end is missing (a compound file's last sector, a ZIP's end record)
    ("cut.doc", OLE2 + b"garbage", "the end of the file is missing"),
    ("cut.xlsx", xlsx_bytes(lambda b: None)[:-100], "the end of the file is missing"),
    ("exported.doc", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}", "an RTF document: save it as .docx"),
    ("bomb.xlsx", _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": bytes(20 << 20)}), "zip bomb"),
    ("archive.xlsx", _zip({"readme.txt": b"hello"}), "ZIP archive"),
    ("no-parts.xlsx", _zip({"xl/workbook.xml": b"not xml"}), "corrupt"),
    ("scan.pdf", _scanned_pdf(), "no text layer — OCR needed"),
    ("unmapped.pdf", _unmapped_pdf(), "PDF 的字体没有字符映射（ToUnicode），读出的是乱码"),
    ("locked.pdf", _locked_pdf(), "password-protected"),
    ("broken.pdf", b"%PDF-1.4\n" + bytes(200) + b"\n%%EOF\n", "corrupt PDF"),
    ("cut.pdf", b"%PDF-1.4\n" + bytes(200), "the end of the file is missing"),
    ("image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
    ("corrupt.xls", OLE2 + b"Workbook".decode().encode("utf-16-le") + bytes(600), "corrupt"),
    (
        "word2003.doc",  # a Word 2003 XML document without a paragraph
        b'<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Word.Document"?>\n'
        b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body/></w:wordDocument>',
        "empty file",
    ),
    (
        "other.xml.xls",
        b'<?xml version="1.0" encoding="UTF-8"?><rss><channel/></rss>',
        "an XML file, not an Excel or Word one: open it and save it as .xlsx or .docx",
    ),
    ("named.ods", b"PK\x03\x04", "an OpenDocument spreadsheet: save it as .xlsx"),  # named alone: what to do
    ("named.rtf", b"{\\rtf1\\ansi}", "an RTF document: save it as .docx"),
    ("截图.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "an image (a screenshot, a photo): its text cannot be read"),
]


# named by file: a test's name is the same in each of the suite's processes (a zip's bytes hold the time it was made)
@pytest.mark.parametrize("name, data, reason", BAD_INPUTS, ids=[name for name, _, _ in BAD_INPUTS])
def test_bad_input_one_clear_line(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFile) as failure:
        read_rows(path)
    assert reason in str(failure.value) and "\n" not in str(failure.value)


def test_a_wps_spreadsheet_of_the_xls_format_reads_as_one(tmp_path):
    fixtures = Path(__file__).parent / "fixtures"
    path = tmp_path / "汇总表.et"
    path.write_bytes((fixtures / "seed001.xls").read_bytes())
    assert cells(read_rows(path)) == cells(read_rows(fixtures / "seed001.xls"))


def test_extension_that_lies_is_read_by_content(tmp_path):
    path = tmp_path / "really-a-pdf.xlsx"
    path.write_bytes(_pdf(pages=1))
    assert cells(read_rows(path))[1] == ["level", "name", "target"]
    page = tmp_path / "export.xls"  # a report system's "Excel export" that is a web page
    page.write_bytes(b"<html><body><table><tr><td>level</td><td>name</td></tr></table></body></html>")
    assert cells(read_rows(page)) == [["level", "name"]]


def test_an_excel_export_that_is_comma_separated_text_is_read_as_csv(tmp_path):
    """A web system's "Excel export" that is CSV in GBK under a .xls name (Excel opens it): it was split on tabs, each
    line one cell, and the goal table was not found. Tab-separated text under that name reads as before."""
    rows = [["2026年项目支出绩效目标表", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", "检查台次（台次）", "≥3,500"], ["满意度指标", "满意度指标", "满意度", "≥90%"]]
    exported = tmp_path / "绩效目标表.xls"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    exported.write_bytes(out.getvalue().encode("gb18030"))
    assert cells(read_rows(exported)) == rows
    exported.write_bytes("\r\n".join("\t".join(row) for row in rows).encode("gb18030"))
    assert cells(read_rows(exported)) == rows


SPREADSHEET_ML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="宋体"/></Style>
  <Style ss:ID="s1"><NumberFormat ss:Format="Fixed"/></Style>
  <Style ss:ID="s2" ss:Parent="s1"/>
  <Style ss:ID="s3"><NumberFormat ss:Format="0%"/></Style>
 </Styles>
 <Worksheet ss:Name="目标表">
  <Table ss:ExpandedColumnCount="4" ss:ExpandedRowCount="6">
   <Column ss:Index="5" ss:Hidden="1"/>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">项目支出绩效目标表</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">项目名称</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">甲</Data>\
</Cell><Cell ss:StyleID="s2"><Data ss:Type="Number">320</Data></Cell></Row>
   <Row><Cell ss:MergeDown="2"><Data ss:Type="String">产出指标</Data></Cell><Cell><Data ss:Type="String">数量指标\
</Data></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><Font>维修</Font><B>数量</B>\
</ss:Data></Cell><Cell><Data ss:Type="String">≥42处</Data></Cell></Row>
   <Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="String">去年的指标</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">质量指标</Data></Cell><Cell><Data ss:Type="String">合格率</Data>\
</Cell><Cell ss:StyleID="s3"><Data ss:Type="Number">1</Data></Cell></Row>
   <Row ss:Index="7"><Cell ss:Index="3"><Data ss:Type="String">=100%</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="隐藏"><Table><Row><Cell><Data ss:Type="String">不读</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"""


def test_an_excel_2003_xml_sheet_exported_as_xls_is_read(tmp_path):
    """A report system's "Excel export" that is SpreadsheetML under a .xls name: merged cells spread (the cells under
    them are left out of the file), places by ss:Index, numbers in their style's format (a named one, a parent
    style's), rich text whole; hidden rows, columns and sheets are not read. It was refused as an XML file."""
    path = tmp_path / "绩效目标表.xls"
    path.write_bytes(SPREADSHEET_ML.encode("utf-8"))
    rows = read_rows(path)
    bare = tmp_path / "模板导出.xls"  # a template's output, without the XML declaration and Excel's instruction
    bare.write_bytes(SPREADSHEET_ML.split("\n", 2)[2].encode("utf-8"))
    assert cells(read_rows(bare)) == cells(rows)
    assert cells(rows) == [
        ["项目支出绩效目标表"] * 4,
        ["项目名称", "甲", "甲", "320.00"],
        ["产出指标", "数量指标", "维修数量", "≥42处"],
        ["产出指标", "质量指标", "合格率", "100%"],
        ["", "", "=100%", ""],
    ]
    assert [row.line for row in rows if not row.blank] == [1, 2, 3, 5, 7]
    assert rows.notes == ["工作表“目标表”的隐藏行未读：第 4 行 (hidden rows of sheet '目标表' not read: 4)"]


WORD_2003_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"
 xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xmlns:aml="http://schemas.microsoft.com/aml/2001/core"
 xml:space="preserve">
<w:fonts><w:font w:name="宋体"/></w:fonts>
<w:body><wx:sect><wx:sub-section>
<w:p><w:r><w:rPr><wx:font wx:val="宋体"/></w:rPr><w:t>项目支出绩效目标申报表</w:t></w:r></w:p>
<wx:pBdrGroup><w:p><w:r><w:t>项目名称</w:t></w:r><w:r><w:tab/><w:t>维修项目</w:t></w:r></w:p></wx:pBdrGroup>
<w:p><w:r><w:t>详见</w:t></w:r><w:hlink w:dest="http://example.gov.cn"><w:r><w:t>附件</w:t></w:r></w:hlink>\
<aml:annotation aml:id="1" w:type="Word.Deletion"><aml:content><w:r><w:delText>（删去）</w:delText></w:r></aml:content>\
</aml:annotation></w:p>
<w:tbl><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>绩效指标</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc>\
<w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥42处</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>质量</w:t></w:r></w:p></w:tc>\
<w:tc><w:p><w:r><w:t>=100%</w:t></w:r></w:p><w:p><w:r><w:pict><w:binData w:name="wordml://1.png">iVBORw0KGgo=</w:binData>\
</w:pict></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</wx:sub-section></wx:sect></w:body></w:wordDocument>
"""


def test_a_word_2003_xml_document_exported_as_doc_is_read_as_a_docx(tmp_path):
    """A template system's "Word export" (Word 2003 XML under a .doc name): read as the .docx it becomes, through the
    hints Word 2003 wraps around paragraphs, with its merged cells (gridSpan, vmerge), a link's text and no deleted
    text. It was refused as an XML file ('save it as .xlsx')."""
    path = tmp_path / "申报表.doc"
    path.write_bytes(WORD_2003_XML.encode("utf-8"))
    assert cells(read_rows(path)) == [
        ["项目支出绩效目标申报表"],
        ["项目名称", "维修项目"],
        ["详见附件"],
        ["绩效指标"] * 3,
        ["产出指标", "数量", "≥42处"],
        ["产出指标", "质量", "=100%"],
    ]


def test_limits_on_size_and_rows(tmp_path, monkeypatch):
    data = xlsx_bytes(lambda book: [book.active.append([f"row {i}", i]) for i in range(120)])
    path = tmp_path / "big.xlsx"
    path.write_bytes(data)
    monkeypatch.setattr(common, "MAX_ROWS", 100)
    with pytest.raises(UnreadableFile, match="more than 100 rows"):
        read_rows(path)
    import importers.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="too large"):
        read_rows(path)


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (7000000, "General", "7000000"),
        (60.4, "General", "60.4"),
        (15812.52, "#,##0.00", "15,812.52"),
        (0.9, "0%", "90%"),
        (0.955, "0.0%", "95.5%"),
        (1200.0, "General", "1200"),
        (3, '0"家"', "3家"),
        (90, '"≥"0"%"', "≥90%"),
        (45, '"≥"0"处"', "≥45处"),
        (0.95, '"≥"0%', "≥95%"),
        (3.2, '"≥"0.0"万人"', "≥3.2万人"),
        (1.914, '\\≤0.00"万元"', "≤1.91万元"),
        (5, '"≥"General', "≥5"),
        (1234, "[$¥-804]#,##0.00", "¥1,234.00"),
        (2.675, "0.00", "2.68"),
        (12, "0.0#", "12.0"),
        (7, "000", "007"),
        (1234567, '#,##0,"千"', "1,235千"),
        (-3, "0.00", "-3.00"),
        (-1234, "#,##0_);[Red](#,##0)", "(1,234)"),
        (1234.5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,234.50"),
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "0.00"),  # the zero's '-' would hide it
        (0, "0;-0;;@", "0"),
        (5, ";;;", "5"),
        (1, '[=1]"是";[=0]"否";General', "是"),
        (7, '[=1]"是";[=0]"否";General', "7"),
        (90, '"≥"@', "90"),  # a section for text alone: a number shows as General (the 90 was lost)
        (90, '@"元"', "90"),
        (-5, '"≥"0', "-≥5"),
        (-3.5, '0.0"万元"', "-3.5万元"),
        (0.5, "# ?/?", "0.5"),
        (0, "#", "0"),
        # text among the whole number's placeholders: yuan shown as 万元 (2800000.万元, 2800.万元 were read), a date
        # typed as a number, a phone number
        (2800000, "0!.0000", "280.0000"),
        (2800000, '0!.0,"万元"', "280.0万元"),
        (2856789, '0!.0000"万元"', "285.6789万元"),
        (5, "0!.0000", "0.0005"),
        (-2800000, '0!.0,"万"', "-280.0万"),
        (20261231, '0000"年"00"月"00"日"', "2026年12月31日"),
        (13812345678, "000-0000-0000", "138-1234-5678"),
    ],
)
def test_numbers_as_the_sheet_shows_them(value, fmt, shown):
    """The format's own text stays around the number (an operator or unit written as text in the format was lost:
    90 formatted '"≥"0"%"' read 90); a section that would hide the number gives way to the first."""
    assert common.number_text(value, fmt) == shown


def test_a_target_written_by_the_number_format_reads_as_the_sheet_shows_it():
    """An operator and unit the format writes around the number (.xlsx and .xls alike): they were dropped."""
    import xlwt

    formats = ['"≥"0"%"', '"≥"0"处"', '"≥"0%', '"≥"0.0"万人"', '\\≤0.00"万元"']
    values = [90, 45, 0.95, 3.2, 1.914]
    shown = ["≥90%", "≥45处", "≥95%", "≥3.2万人", "≤1.91万元"]

    def build(book):
        for column, (value, fmt) in enumerate(zip(values, formats), 1):
            book.active.cell(1, column, value).number_format = fmt

    assert cells(read_bytes(xlsx_bytes(build), ".xlsx")) == [shown]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("绩效目标")
    for column, (value, fmt) in enumerate(zip(values, formats)):
        sheet.write(0, column, value, xlwt.easyxf(num_format_str=fmt))
    out = io.BytesIO()
    book.save(out)
    assert cells(read_bytes(out.getvalue(), ".xls")) == [shown]


def test_pdf_text_printed_twice_over_itself_is_read_once_in_order():
    """Bold by overprinting (the same words drawn again over themselves, or a fraction of a point aside): read once,
    the characters kept and their order those of pdfplumber's own dedupe_chars (which the reader replaces because it
    takes quadratic time in a page's characters)."""
    import pdfplumber
    from fpdf import FPDF

    from importers.readers.pdf import _deduped

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 60, "total")
    for dx in (0, 0, 0.3):
        pdf.text(120 + dx, 60, "bold words")
    pdf.text(40, 90, "after")
    pdf.text(40, 60, "total")
    with pdfplumber.open(io.BytesIO(bytes(pdf.output()))) as doc:
        page = doc.pages[0]
        ours, theirs = _deduped(page).chars, page.dedupe_chars().chars
        assert len(ours) < len(page.chars)
        assert [id(c) for c in ours] == [id(c) for c in theirs]
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [["total", "bold words"], ["after"]]


def test_pdf_reading_leaves_the_collector_as_it_found_it(monkeypatch):
    """Each page's leftovers are frozen (kept from the next page's collection) while the PDF is read, and let go at
    the end, also when a page is refused; a heap someone else froze (the app's) is neither walked nor let go."""
    import gc

    from importers.readers import pdf as reader

    frozen_while_reading = []
    collect = reader._collect
    monkeypatch.setattr(
        reader, "_collect", lambda freeze: (collect(freeze), frozen_while_reading.append(gc.get_freeze_count()))
    )
    gc.unfreeze()  # an app run by an earlier test may have frozen its heap (tui.app.keep_heap)
    assert cells(read_bytes(_pdf(pages=3), ".pdf"))[1] == ["level", "name", "target"]
    assert len(frozen_while_reading) == 3 and min(frozen_while_reading) > 0
    assert gc.get_freeze_count() == 0

    check = reader._check_page

    def refuse_the_third(page):
        if page.page_number == 3:
            raise UnreadableFile("page 3 refused")
        return check(page)

    monkeypatch.setattr(reader, "_check_page", refuse_the_third)
    frozen_while_reading.clear()
    with pytest.raises(UnreadableFile, match="page 3 refused"):
        read_bytes(_pdf(pages=3), ".pdf")
    assert len(frozen_while_reading) == 2 and min(frozen_while_reading) > 0
    assert gc.get_freeze_count() == 0

    monkeypatch.undo()
    kept = [[object()] for _ in range(10)]  # the app's long-lived data, frozen by it
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        read_bytes(_pdf(pages=2), ".pdf")
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    assert kept


def test_pdf_characters_and_shapes_are_the_dicts_pdfplumber_makes():
    """The reader's pages make each character's, rectangle's, line's and curve's dict by a faster path than
    pdfplumber's own `process_object`: the same objects come out (keys, values and their order)."""
    import pdfplumber
    from fpdf import FPDF

    from importers.readers.pdf import _page_class

    drawn = FPDF()
    drawn.add_page()
    drawn.set_draw_color(200, 30, 30)
    drawn.set_dash_pattern(dash=2, gap=1)
    drawn.line(10, 10, 100, 10)
    drawn.set_dash_pattern()
    drawn.bezier([(10, 30), (40, 60), (80, 0), (120, 30)])
    drawn.set_fill_color(0, 0, 255)
    drawn.rect(10, 50, 30, 20, style="DF")
    for data, kinds in ((_pdf(pages=2), {"char", "rect"}), (bytes(drawn.output()), {"line", "curve", "rect"})):
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for page in doc.pages:
                fast = _page_class()(
                    doc, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
                )
                fast._layout = page.layout
                ours, theirs = fast.objects, page.objects
                assert ours.keys() == theirs.keys() == kinds
                for kind in theirs:
                    assert [list(o.items()) for o in ours[kind]] == [list(o.items()) for o in theirs[kind]]


def test_pdf_overprinted_characters_are_found_as_pdfplumber_drops_them():
    """The quick test for characters printed twice over themselves agrees with pdfplumber's `dedupe_chars`, which
    runs only where it finds some."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from pdfplumber.utils import dedupe_chars

    from importers.readers.pdf import _overprinted

    place = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 2.6, 12.0, 13.0])
    char = st.builds(
        lambda text, font, top, left, upright: {
            "text": text,
            "fontname": font,
            "size": 10.5,
            "upright": upright,
            "doctop": top,
            "x0": left,
        },
        st.sampled_from("满意度1"),
        st.sampled_from(["SimSun", "SimHei"]),
        place,
        place,
        st.booleans(),
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(char, max_size=12))
    def agree(chars):
        assert _overprinted(chars) == (len(dedupe_chars(chars)) < len(chars))

    agree()


def test_pdf_the_two_parts_of_a_line_a_page_break_cuts_are_one_line():
    """Read once even when one part misses a character the other shows; two different lines stay two."""
    from importers.readers.pdf import _joined

    assert _joined("P1\nab", "abc\nrest", ("ab", "abc")) == "P1\nabc\nrest"
    assert _joined("P1\n防汛抗旱", "防汛抗旱\n策研究", ("防汛抗旱", "防汛抗旱")) == "P1\n防汛抗旱\n策研究"
    assert _joined("P1\nab", "xy\nrest", ("ab", "xy")) == "P1\nab\nxy\nrest"
    assert _joined("P1\nab", "ab\nrest", ("", "ab")) == "P1\nab\nab\nrest"  # no cut at the foot: two lines


def test_pdf_lines_under_an_unruled_tables_header_are_cut_by_its_columns():
    """Without vertical rules a line was cut at gaps of 1.5 font sizes: neighbouring columns glued together
    ('…运行维护产出指标'), and a row short of a cell (an empty 单位) shifted every cell to the right. The PDF:
    fixtures/make_fixtures.py write_unruled_pdf (header words centred over left-aligned columns, no rule)."""
    from fixtures.make_fixtures import UNRULED

    got = cells(read_bytes((Path(__file__).parent / "fixtures" / "unruled_table.pdf").read_bytes(), ".pdf"))
    assert got == [list(row) for row in UNRULED]


def test_pdf_an_unruled_tables_wrapped_cells_and_centred_labels_make_its_rows():
    """Each line was a row: a name wrapped to two lines was two indicators (the target centred between them a
    third), and a level label centred on its group (a merged cell printed without rules) applied only to the rows
    below its middle. The PDF: fixtures/make_fixtures.py write_unruled_wrapped_pdf (rows set apart by padding)."""
    from fixtures.make_fixtures import UNRULED_WRAPPED

    got = cells(read_bytes((Path(__file__).parent / "fixtures" / "unruled_wrapped.pdf").read_bytes(), ".pdf"))
    joined = [["".join(cell) if isinstance(cell, tuple) else cell for cell in row] for row in UNRULED_WRAPPED]
    assert got[0] == ["项目支出绩效目标表"]
    assert got[2:] == joined


def _unruled_line(base: float, *cells: tuple[float, str]) -> list[dict]:
    """A text line of 9 pt characters, each cell's from its x."""
    return [
        {"text": char, "x0": x + 9 * n, "x1": x + 9 * n + 9, "top": base - 8, "bottom": base + 1, "base": base,
         "size": 9.0}
        for x, text in cells
        for n, char in enumerate(text)
    ]  # fmt: skip


def _letter_spaced(base: float, pitch: float, *cells: tuple[float, str]) -> list[dict]:
    """_unruled_line with each cell's characters `pitch` points apart (9 pt characters letter-spaced)."""
    return [{**_unruled_line(base, (x + pitch * n, char))[0]} for x, text in cells for n, char in enumerate(text)]


def test_pdf_unruled_one_line_rows_beside_a_wrapped_level_label_are_not_glued():
    """An unruled goal table of one-line rows set a little farther apart than a cell's lines, a level column holding
    a label wrapped in two ('服务对象满意度指' ⏎ '标'; a browser's level column about 9 em wide) and the row beside it
    taller, the cells centred: the first two rows' names, the widest first, were taken for one name's wrapped lines
    (the rows below farther apart than those two, so padded) and glued ('补贴服务老年人数老年人生活质量 |
    ≥5000人有效提升'), the levels below shifted, without a word. A name's wrapped lines are as close as the closest
    lines any column wraps; these two are not."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (130, "三级指标"), (210, "指标值")),
        _unruled_line(112, (0, "产出指标"), (50, "数量指标"), (130, "补贴服务老年人数"), (210, "≥5000人")),
        _unruled_line(125, (0, "效益指标"), (50, "社会效益指标"), (134.5, "老年人生活质量"), (219, "有效提升")),
        _unruled_line(138, (50, "服务对象满意度指")),
        _unruled_line(143.5, (0, "满意度指标"), (134.5, "服务对象满意度"), (219, "≥90%")),
        _unruled_line(149, (82, "标")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "补贴服务老年人数", "≥5000人"],
        ["效益指标", "社会效益指标", "老年人生活质量", "有效提升"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
    ]


def test_pdf_unruled_padded_rows_beside_a_level_column_set_smaller_keep_a_wrapped_names_lines():
    """An unruled goal table of padded rows, a name wrapped in two ('补贴资金按时足额发放' ⏎ '率', 11.5 pt apart at
    9 pt) and a level column set at 7.5 pt, its label wrapped 9.6 pt apart: closer than the name's lines, though
    not at its size, so the rows were taken for unpadded and the name's rest for a row of its own (no target).
    Lines are compared at the table's size."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (130, "三级指标"), (240, "指标值")),
        _unruled_line(116, (0, "产出指标"), (50, "数量指标"), (130, "补贴服务老年人数"), (240, "≥5000人")),
        _unruled_line(132, (0, "产出指标"), (50, "质量指标"), (130, "补贴资金按时足额发放"), (240, "100%")),
        _unruled_line(143.5, (130, "率")),
        _unruled_line(159.5, (0, "效益指标"), (50, "社会效益指标"), (130, "老年人生活质量"), (240, "有效提升")),
        _unruled_line(175.5, (0, "满意度指标"), (50, "服务对象满意"), (130, "服务对象满意度"), (240, "≥90%")),
        _unruled_line(185.1, (50, "度指标")),
    ]
    lines = [[{**c, "size": 7.5} if 50 <= c["x0"] < 130 else c for c in line] for line in lines]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "补贴服务老年人数", "≥5000人"],
        ["产出指标", "质量指标", "补贴资金按时足额发放率", "100%"],
        ["效益指标", "社会效益指标", "老年人生活质量", "有效提升"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
    ]


def test_pdf_unruled_values_aligned_right_beside_their_units_aligned_left():
    """指标值 right-aligned beside 度量单位 left-aligned, no rule between: the units' column began where the first
    short value began ('15' | '个' read as '' | '15个'), and a run of characters was cut in two ('1' | '200人次')."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "三级指标"), (60, "运算符"), (140, "指标值"), (200, "度量单位")),
        _unruled_line(120, (0, "服务人次"), (69, "≥"), (155, "1200"), (200, "人次")),
        _unruled_line(140, (0, "服务点数"), (69, "≥"), (173, "15"), (200, "个")),
        _unruled_line(160, (0, "服务响应"), (60, "定性"), (173, "及时")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["三级指标", "运算符", "指标值", "度量单位"],
        ["服务人次", "≥", "1200", "人次"],
        ["服务点数", "≥", "15", "个"],
        ["服务响应", "定性", "及时", ""],
    ]


def test_pdf_an_unruled_table_ends_at_a_note_and_an_indicator_named_as_a_head_label_does_not_end_it():
    """实施周期 (a head label's word) named an indicator: the table ended there and the rows below were cut at gaps;
    a note or a signature under the table (注：…, 填报人：…) was read into its last row."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "二级指标"), (60, "三级指标"), (200, "指标值")),
        _unruled_line(120, (0, "数量指标"), (60, "培训人次"), (200, "≥1200人次")),
        _unruled_line(140, (0, "时效指标"), (60, "实施周期"), (200, "≤12个月")),
        _unruled_line(160, (0, "质量指标"), (60, "培训合格率"), (200, "≥95%")),
        _unruled_line(175, (0, "填报人：张三"), (300, "日期：2026年1月")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["数量指标", "培训人次", "≥1200人次"],
        ["时效指标", "实施周期", "≤12个月"],
        ["质量指标", "培训合格率", "≥95%"],
        ["填报人：张三", "日期：2026年1月"],
    ]


def test_pdf_unruled_rows_set_no_farther_apart_than_a_cells_lines_stay_apart():
    """Without padding a row's lines and the next row are equally far apart: the longest name (ending at its
    column's edge, as a wrapped line does) is followed by another row's name, which does not continue it while the
    row's target is short; four-character level labels of equal width are two labels, not one wrapped."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "二级指标"), (60, "三级指标"), (300, "指标值")),
        _unruled_line(112, (0, "数量指标"), (60, "培训社区工作者及志愿者人次"), (300, "≥500人次")),
        _unruled_line(124, (0, "质量指标"), (60, "培训合格率"), (300, "≥95%")),
        _unruled_line(136, (60, "结业考核通过人数"), (300, "≥450人")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["二级指标", "三级指标", "指标值"],
        ["数量指标", "培训社区工作者及志愿者人次", "≥500人次"],
        ["质量指标", "培训合格率", "≥95%"],
        ["", "结业考核通过人数", "≥450人"],
    ]


def test_pdf_an_unruled_header_whose_words_narrow_columns_wrapped_and_glued_names_its_columns():
    """A LibreOffice print of a sheet without rules, its columns narrow: header words wrapped ('一级指' over '标'),
    those beside them centred between, neighbours glued by a gap narrower than a cell's ('序号项目名称'); a
    project's cells merged down its rows, centred on them; its amount right-aligned against its goal ('260' |
    '全年…', 1.5 pt apart). The header was '序号项目名称' | '年度绩效目标' | '三级指标' | '指标值', the levels lost and
    the goal's lines read into them: 3 indicators without levels under a project named from the title; a row's
    cells glued into one piece over three columns ended the table."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (60, "预算金"), (160, "一级指"), (200, "二级指")),
        _unruled_line(105, (0, "序号"), (22, "项目名称"), (89, "年度绩效目标"), (240, "三级指标"), (280, "指标值")),
        _unruled_line(110, (60, "额"), (160, "标"), (200, "标")),
        _unruled_line(125, (160, "产出指标"), (200, "数量指标"), (240, "服务人次"), (280, "≥1200人次")),
        _unruled_line(140, (4, "1"), (22, "养老服务"), (60.5, "260"), (89, "全年服务"), (200, "质量指标"))
        + _unruled_line(140, (240, "合格率"), (280, "≥95%")),
        _unruled_line(155, (200, "时效指标"), (240, "及时率"), (280, "100%")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["序号", "项目名称", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["1", "养老服务", "260", "全年服务", "产出指标", "数量指标", "服务人次", "≥1200人次"],
        ["", "", "", "", "", "质量指标", "合格率", "≥95%"],
        ["", "", "", "", "", "时效指标", "及时率", "100%"],
    ]


def test_pdf_an_unruled_word_table_whose_header_wraps_is_read_by_its_header_words():
    """A Word table without borders, its narrow columns wrapping the header ('项目名' over '称', '三级指' over '标')
    and a project's name down its rows, each cell top-aligned: refused as a header wrapped in narrow columns."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "序号"), (40, "项目名"), (80, "一级指"), (120, "三级指"), (160, "指标值")),
        _unruled_line(112, (40, "称"), (80, "标"), (120, "标")),
        _unruled_line(130, (0, "1"), (40, "养老服"), (80, "产出指"), (120, "人次数"), (160, "≥1200")),
        _unruled_line(142, (40, "务"), (80, "标"), (120, "合格率"), (160, "≥95%")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["序号", "项目名称", "一级指标", "三级指标", "指标值"],
        ["1", "养老服务", "产出指标", "人次数", "≥1200"],
        ["", "", "", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_tables_next_page_without_a_header_is_cut_into_the_last_pages_columns():
    """An unruled Word table printed by LibreOffice runs on to the next page without its header line: that page's
    lines were split at gaps wider than a cell's (its level, name and indicator glued: '效益指标社会效益指标出行条件',
    without a word); they are cut into the columns of the header the table had at the last page's foot. A page
    beginning with a title or a paragraph over the columns is no table's going on."""
    from importers.readers.pdf_lines import OpenTable, under_headers

    def line(base, *texts):
        return _unruled_line(base, *zip((0, 42, 84, 150), texts))

    going_on = OpenTable()
    first = [
        line(100, "一级指标", "二级指标", "三级指标", "指标值"),
        line(120, "产出指标", "数量指标", "服务人次", "≥1200"),
    ]
    assert [cells for _, cells in under_headers(first, going_on)][1:] == [["产出指标", "数量指标", "服务人次", "≥1200"]]
    second = [line(50, "效益指标", "社会效益", "出行条件", "明显改善"), line(70, "", "", "通行时间", "缩短")]
    assert [cells for _, cells in under_headers(second, going_on)] == [
        ["效益指标", "社会效益", "出行条件", "明显改善"],
        ["", "", "通行时间", "缩短"],
    ]
    prose = [
        _unruled_line(50, (0, "三、项目实施的保障措施及进度安排说明")),
        line(70, "效益指标", "社会效益", "出行条件", "改善"),
    ]
    assert [cells for _, cells in under_headers(prose, going_on)] == [
        ["三、项目实施的保障措施及进度安排说明"],
        ["效益指标社会效益出行条件", "改善"],
    ]


def test_pdf_an_unruled_tables_next_page_keeps_its_labels_on_their_groups_first_rows():
    """Word sets a merged level cell's label at its group's top: on a page going on from the last, the first rows
    are in groups begun there and carry no label, so the labels below were taken for labels centred on their groups
    ('质量指标' given to '培训人次', a row of the 数量指标 group above, without a word)."""
    from importers.readers.pdf_lines import OpenTable, under_headers

    def line(base, *texts):
        return _unruled_line(base, *((x, text) for x, text in zip((0, 42, 84, 150), texts) if text))

    going_on = OpenTable()
    first = [
        line(100, "一级指标", "二级指标", "三级指标", "指标值"),
        line(120, "产出指标", "数量指标", "服务人次", "≥1200"),
    ]
    under_headers(first, going_on)
    second = [
        line(50, "", "", "培训人次", "≥300"),
        line(70, "", "质量指标", "合格率", "≥95%"),
        line(90, "", "", "达标率", "≥90%"),
        line(110, "效益指标", "社会效益", "出行条件", "改善"),
    ]
    assert [cells for _, cells in under_headers(second, going_on)] == [
        ["", "", "培训人次", "≥300"],
        ["", "质量指标", "合格率", "≥95%"],
        ["", "", "达标率", "≥90%"],
        ["效益指标", "社会效益", "出行条件", "改善"],
    ]


def test_pdf_an_unruled_tables_next_page_under_a_running_head_is_cut_from_below_it():
    """A Word header printed atop every page ('某县财政局', '第1页' at the right): on the page an unruled table goes
    on to, it was cut into the table's columns as its first row, its pieces taken for the level labels of the
    page's first groups, every label below one group off, without a word. A first line repeating the last page's
    (its page number aside) is a line of its own, and the table goes on below it."""
    from importers.readers.pdf_lines import OpenTable, under_headers

    def line(base, *texts):
        return _unruled_line(base, *((x, text) for x, text in zip((0, 42, 84, 150), texts) if text))

    going_on = OpenTable()
    first = [
        _unruled_line(30, (0, "某县财政局"), (150, "第1页")),
        line(100, "一级指标", "二级指标", "三级指标", "指标值"),
        line(120, "产出指标", "数量指标", "服务人次", "≥1200"),
    ]
    under_headers(first, going_on)
    second = [
        _unruled_line(30, (0, "某县财政局"), (150, "第2页")),
        line(50, "", "", "培训人次", "≥300"),
        line(70, "", "质量指标", "合格率", "≥95%"),
        line(90, "效益指标", "社会效益", "出行条件", "改善"),
    ]
    assert [cells for _, cells in under_headers(second, going_on)] == [
        ["某县财政局 第2页"],  # (one cell: no indicator and its target)
        ["", "", "培训人次", "≥300"],
        ["", "质量指标", "合格率", "≥95%"],
        ["效益指标", "社会效益", "出行条件", "改善"],
    ]
    rows = [line(30, "", "", "资金到位率", "=100%"), line(50, "", "", "培训人次", "≥300")]
    assert [cells for _, cells in under_headers(rows, going_on)] == [
        ["", "", "资金到位率", "=100%"],
        ["", "", "培训人次", "≥300"],
    ]
    repeated = [line(30, "", "", "资金到位率", "=90%"), line(50, "", "", "合格率", "≥95%")]  # a row, as above
    assert [cells for _, cells in under_headers(repeated, going_on)] == [
        ["", "", "资金到位率", "=90%"],
        ["", "", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_tables_label_broken_over_the_page_is_a_row_of_its_own_atop_it():
    """A level label Word broke over the page ('服务对象满意' ⏎ '度'): its rest, the next page's first line, holding
    no name and no target, joined that page's first row as a label of its own, every label below it shifted a
    group, without a word. It is a row of its own, for the layouts to join to the row above."""
    from importers.readers.pdf_lines import OpenTable, under_headers

    def line(base, *texts):
        return _unruled_line(base, *((x, text) for x, text in zip((0, 60, 120, 190), texts) if text))

    going_on = OpenTable()
    first = [
        line(100, "一级指标", "二级指标", "三级指标", "指标值"),
        line(120, "满意度指标", "服务对象满意", "满意度", "≥95%"),
    ]
    under_headers(first, going_on)
    second = [
        line(30, "", "度"),
        line(50, "产出指标", "数量指标", "培训人次", "≥300"),
        line(70, "", "质量指标", "合格率", "≥95%"),
    ]
    assert [cells for _, cells in under_headers(second, going_on)] == [
        ["", "度", "", ""],
        ["产出指标", "数量指标", "培训人次", "≥300"],
        ["", "质量指标", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_rows_name_and_target_wrapped_together_are_one_row():
    """Rows set apart by padding: a name that ran to its column's edge wrapped with its target beside it
    ('人均补助标' ⏎ '准', '≤380' ⏎ '元/人', LibreOffice keeping '元/' together): the target's first line ends short
    of the column's widest ('2027年10月底前'), so the next line was a row of its own, an indicator '准' with the
    target '元/人' and the first without its unit, without a word."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "二级指标"), (60, "三级指标"), (120, "指标值")),
        _unruled_line(120, (0, "时效指标"), (60, "完成"), (120, "2027年10月底前")),
        _unruled_line(140, (0, "成本指标"), (60, "人均补助标"), (120, "≤380")),
        _unruled_line(152, (60, "准"), (120, "元/人")),
        _unruled_line(172, (0, "质量指标"), (60, "合格率"), (120, "≥95%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["时效指标", "完成", "2027年10月底前"],
        ["成本指标", "人均补助标准", "≤380\n元/人"],
        ["质量指标", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_word_tables_goal_down_its_rows_is_one_cell_of_its_first_row():
    """A goal top-aligned in a merged cell running down past the next row's start: its line nearer that row made
    the row start there, and the level word beside the row's name no label on the row's first line (the labels
    were then placed as if centred); its line starting with the character a comma took along ('浚，无' under '淤',
    which did not run to its edge) began a goal of its own."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "项目名"), (40, "年度绩"), (80, "二级指"), (120, "三级指"), (160, "指标值")),
        _unruled_line(112, (0, "称"), (40, "效目标"), (80, "标"), (120, "标")),
        _unruled_line(130, (0, "清淤"), (40, "完成清"), (80, "数量"), (120, "人次数"), (160, "≥1200")),
        _unruled_line(142, (40, "淤")),
        _unruled_line(145, (120, "户数"), (160, "≥300")),
        _unruled_line(154, (40, "浚，无")),
        _unruled_line(160, (80, "质量"), (120, "合格率"), (160, "≥95%")),
        _unruled_line(166, (40, "内涝")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["项目名称", "年度绩效目标", "二级指标", "三级指标", "指标值"],
        ["清淤", "完成清淤浚，无内涝", "数量", "人次数", "≥1200"],
        ["", "", "", "户数", "≥300"],
        ["", "", "质量", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_glued_header_of_a_page_the_edge_cut_before_its_names_names_its_columns():
    """A sheet printed pages wide without rules, its first page cut after 二级指标: the glued header
    ('序号项目名称', '一级指标二级指标') named no columns, so the page the break cut could not be told (its rows went
    with the next page's names and targets, under a project named from the title)."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "序号"), (22, "项目名称"), (62, "一级指标"), (102, "二级指标")),
        _unruled_line(120, (4, "1"), (22, "养老服务"), (62, "产出指标"), (102, "数量指标")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["序号", "项目名称", "一级指标", "二级指标"],
        ["1", "养老服务", "产出指标", "数量指标"],
    ]


def test_pdf_an_unruled_header_word_one_character_a_line_names_its_column():
    """A browser's table without borders whose narrowest column prints its header a character a line ('预', '算',
    '金', '额' over five lines, the others centred between): the header named no columns and the table was read as
    a form of two columns under a project named from the title."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (40, "预")),
        _unruled_line(112, (0, "项目名"), (40, "算"), (60, "一级"), (82, "二级")),
        _unruled_line(118, (104, "三级指标"), (144, "指标值")),
        _unruled_line(124, (0, "称"), (40, "金"), (60, "指标"), (82, "指标")),
        _unruled_line(136, (40, "额")),
        _unruled_line(150, (0, "养老"), (40, "26"), (60, "产出"), (82, "数量"), (104, "服务人次"), (144, "≥1200")),
    ]
    assert [cells for _, cells in under_headers(lines)][0] == [
        "项目名称", "预算金额", "一级指标", "二级指标", "三级指标", "指标值"
    ]  # fmt: skip


def test_pdf_an_unruled_header_line_gluing_two_level_words_names_two_columns():
    """'一级指标' and '二级指标' a cell's padding apart on an unruled header line were one piece, read as a column
    holding both levels ('一级指标二级指标'), and each row's two labels as one level ('产出指标数量指标')."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (40, "二级指标"), (100, "三级指标"), (160, "指标值")),
        _unruled_line(120, (0, "产出指标"), (40, "数量指标"), (100, "服务人次"), (160, "≥1200")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
    ]


def test_pdf_an_unruled_level_label_whole_takes_no_line_of_the_next_label():
    """Labels centred in their column, a row apart: '生态效益' ⏎ '指标', whole, took the next label's first line
    ('服务对象') and the rest of it: one label '生态效益指标服务对象满意度指标', the next row none."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "二级指标"), (60, "三级指标"), (120, "指标值")),
        _unruled_line(120, (0, "生态效益")),
        _unruled_line(125, (60, "溢流事件"), (120, "下降")),
        _unruled_line(130, (9, "指标")),
        _unruled_line(144, (0, "服务对象")),
        _unruled_line(150, (0, "满意度指"), (60, "居民满意"), (120, "≥90%")),
        _unruled_line(156, (13.5, "标")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["生态效益指标", "溢流事件", "下降"],
        ["服务对象满意度指标", "居民满意", "≥90%"],
    ]


def test_pdf_an_unruled_flat_tables_project_cells_repeated_on_each_row_stay_each_rows():
    """A sheet without rules whose project's cells are filled down every row (no merged cells), its rows one line
    each, as near as a cell's wrapped lines: each repeated name and amount had been read as the wrapped rest of the
    one above, all on the project's first row ('助餐服务补贴助餐服务补贴助餐服务补贴', '180180180')."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "项目名称"), (60, "预算金额"), (120, "三级指标"), (180, "指标值")),
        _unruled_line(112, (0, "养老服务"), (60, "6"), (120, "服务人次"), (180, "≥1200")),
        _unruled_line(124, (0, "助餐服务补贴"), (60, "180"), (120, "助餐人次"), (180, "≥300")),
        _unruled_line(136, (0, "助餐服务补贴"), (60, "180"), (120, "合格率"), (180, "≥95%")),
        _unruled_line(148, (0, "助餐服务补贴"), (60, "180"), (120, "及时率"), (180, "100%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["养老服务", "6", "服务人次", "≥1200"],
        ["助餐服务补贴", "180", "助餐人次", "≥300"],
        ["助餐服务补贴", "180", "合格率", "≥95%"],
        ["助餐服务补贴", "180", "及时率", "100%"],
    ]


def test_pdf_an_unruled_filled_down_projects_first_cells_are_no_wrapped_rest_of_the_project_above():
    """The first of a project's cells filled down every row, right after the project above's, whose line ends near
    the column's widest (right-aligned amounts '60' under '1250', a name a character short of the widest): it was
    joined to the cell above as its wrapped rest, with every cell after it ('12506060180180' on the first row, one
    project named '中小学校舍供水保障供水保障…')."""
    from importers.readers.pdf_lines import under_headers

    rows = [("中小学校舍", "1250", "维修面积", "≥5000"), ("中小学校舍", "1250", "合格率", "100%")]
    rows += [("供水保障", "60", "管网长度", "≥15"), ("供水保障", "60", "达标率", "100%")]
    rows += [("助餐服务", "180", "助餐点", "8个"), ("助餐服务", "180", "满意度", "≥95%")]
    lines = [_unruled_line(100, (0, "项目名称"), (60, "预算金额"), (120, "三级指标"), (180, "指标值"))]
    for n, (name, amount, indicator, target) in enumerate(rows):
        right_aligned = (96 - 9 * len(amount), amount)
        lines.append(_unruled_line(112 + 12 * n, (0, name), right_aligned, (120, indicator), (180, target)))
    assert [cells for _, cells in under_headers(lines)][1:] == [list(row) for row in rows]


def test_pdf_an_unruled_filled_down_project_of_one_row_is_no_wrapped_rest_of_the_project_above():
    """A project of one indicator right under a project filled down every row, its cells ending near the column's
    widest ('75' under '1250'): nothing repeats it below, and it was joined to the last copy above ('125075',
    '中小学校舍防汛储备'). A copy goes on only as the copy above it did; a cell filled down wrapped keeps its rest."""
    from importers.readers.pdf_lines import under_headers

    rows = [("中小学校舍", "1250", "维修面积", "≥5000"), ("中小学校舍", "1250", "合格率", "100%")]
    rows += [
        ("防汛储备", "75", "编织袋", "≥2万条"),
        ("助餐服务", "180", "助餐点", "8个"),
        ("助餐服务", "180", "满意度", "≥95%"),
    ]
    lines = [_unruled_line(100, (0, "项目名称"), (60, "预算金额"), (120, "三级指标"), (180, "指标值"))]
    for n, (name, amount, indicator, target) in enumerate(rows):
        right_aligned = (96 - 9 * len(amount), amount)
        lines.append(_unruled_line(112 + 12 * n, (0, name), right_aligned, (120, indicator), (180, target)))
    lines += [
        _unruled_line(172, (0, "养老服务补"), (60, "9"), (120, "服务人次"), (180, "≥1200")),
        _unruled_line(183, (0, "贴")),
    ]
    lines += [
        _unruled_line(195, (0, "养老服务补"), (60, "9"), (120, "合格率"), (180, "≥95%")),
        _unruled_line(206, (0, "贴")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        *(list(row) for row in rows),
        ["养老服务补贴", "9", "服务人次", "≥1200"],
        ["养老服务补贴", "9", "合格率", "≥95%"],
    ]


def test_pdf_an_unruled_projects_name_beginning_as_the_one_above_goes_on_to_its_own_rest():
    """Two projects in a row whose names, merged over their rows, begin alike and wrap at the same place
    ('中央财政农业产业发' ⏎ '展资金（种植业）', then '…（畜牧业）'): the second's first line repeats the first's,
    taken for a cell filled down that may go on only with the line the first went on with, so its own rest was a
    project of its own ('展资金（畜牧业）'), silently."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "项目名称"), (100, "三级指标"), (180, "指标值")),
        _unruled_line(112, (0, "中央财政农业产业发"), (100, "扶持大户"), (180, "≥20户")),
        _unruled_line(124, (0, "展资金（种植业）"), (100, "满意度"), (180, "≥90%")),
        _unruled_line(136, (0, "中央财政农业产业发"), (100, "养殖场数"), (180, "5个")),
        _unruled_line(148, (0, "展资金（畜牧业）"), (100, "满意度"), (180, "≥90%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["中央财政农业产业发展资金（种植业）", "扶持大户", "≥20户"],
        ["", "满意度", "≥90%"],
        ["中央财政农业产业发展资金（畜牧业）", "养殖场数", "5个"],
        ["", "满意度", "≥90%"],
    ]


def test_pdf_an_unruled_names_wrapped_rest_is_no_row_where_rows_stand_as_close_as_its_lines():
    """A sheet without rules whose single-line rows stand as close as a wrapped name's lines (12 pt against 11): the
    name's rest alone on its line ('水平', the target centred between the two lines) was an indicator of its own
    without a target. A name whose own target stands centred below its first line is a row of its own. A top-aligned
    name's rest (its target on the name's first line) stays a row without a target, which the import warns of: a
    blank-target indicator right under a name as wide as its column looks the same, and was glued to it silently."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "三级指标"), (150, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "维修校舍面积"), (150, "≥5000")),
        _unruled_line(124, (60, "农村供水保障水")),  # a row of its own: its target below, between its lines
        _unruled_line(129.5, (0, "效益指标"), (150, "稳步提高")),
        _unruled_line(135, (60, "平")),
        _unruled_line(147, (60, "群众满意度"), (150, "≥90%")),
        _unruled_line(159, (60, "生活便利保障水"), (150, "提升")),  # top-aligned: its target on its first line
        _unruled_line(170, (60, "平")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "维修校舍面积", "≥5000"],
        ["效益指标", "农村供水保障水平", "稳步提高"],
        ["", "群众满意度", "≥90%"],
        ["", "生活便利保障水", "提升"],
        ["", "平", ""],
    ]


@pytest.mark.parametrize(("rest", "joined"), [(123.25, True), (124.75, False)])
def test_pdf_an_unruled_top_aligned_names_rest_is_its_where_rows_are_padded(rest, joined):
    """An unruled table whose rows a browser pads by 1 px a side (12.75 pt apart at 9 pt, a name's lines 11.25), too
    little for `padded`, top-aligned: a name's rest ('开展社区健康讲座次' ⏎ '数') under its first line, which holds
    its target, was a row of its own without a target (warned). Its lines stand closer than any two rows: the name's
    rest. Set as far below as the rows stand, it is a row of its own (an indicator whose target is left blank)."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (190, "指标值")),
        _unruled_line(112, (0, "产出指标"), (50, "数量指标"), (100, "开展社区健康讲座次"), (190, "≥24次")),
        _unruled_line(rest, (100, "数")),
        _unruled_line(rest + 12.75, (0, "效益指标"), (50, "社会效益"), (100, "居民健康素养"), (190, "明显提升")),
        _unruled_line(rest + 25.5, (0, "满意度指标"), (50, "服务对象"), (100, "服务对象满意度"), (190, "≥90%")),
    ]
    first = [["产出指标", "数量指标", "开展社区健康讲座次数", "≥24次"]]
    if not joined:
        first = [["产出指标", "数量指标", "开展社区健康讲座次", "≥24次"], ["", "", "数", ""]]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        *first,
        ["效益指标", "社会效益", "居民健康素养", "明显提升"],
        ["满意度指标", "服务对象", "服务对象满意度", "≥90%"],
    ]


def test_pdf_an_unruled_bottom_aligned_names_first_line_is_its_rows_where_rows_are_padded():
    """The same rows set at their cells' bottom: the name's first line alone ('开展社区健康讲座次'), then its rest
    beside its target and levels ('数' | '≥24次'), were two rows, the first without a target (warned)."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (190, "指标值")),
        _unruled_line(112, (100, "开展社区健康讲座次")),
        _unruled_line(123.25, (0, "产出指标"), (50, "数量指标"), (100, "数"), (190, "≥24次")),
        _unruled_line(136, (0, "效益指标"), (50, "社会效益"), (100, "居民健康素养"), (190, "明显提升")),
        _unruled_line(148.75, (0, "满意度指标"), (50, "服务对象"), (100, "服务对象满意度"), (190, "≥90%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "开展社区健康讲座次数", "≥24次"],
        ["效益指标", "社会效益", "居民健康素养", "明显提升"],
        ["满意度指标", "服务对象", "服务对象满意度", "≥90%"],
    ]


def test_pdf_an_unruled_names_rest_above_the_next_rows_wrapped_target_is_its():
    """Centred rows padded 1 px a side: a name's rest ('数', its target centred between its lines) over the next
    row's target wrapped in two and centred on that row's name ('2026年12月底' ⏎ '前' about '项目完成时间'): that
    target's first line, below the rest, was taken for the rest's own target, the rest a row without one (warned).
    It stands nearer the next name than the rest."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (190, "指标值")),
        _unruled_line(113.25, (100, "开展社区健康讲座次")),
        _unruled_line(118.5, (50, "数量指标"), (190, "≥24次")),
        _unruled_line(124.5, (100, "数")),
        _unruled_line(130.5, (0, "产出指标")),
        _unruled_line(137.25, (190, "2026年12月底")),
        _unruled_line(142.5, (50, "时效指标"), (100, "项目完成时间")),
        _unruled_line(148.5, (190, "前")),
        _unruled_line(161.25, (0, "效益指标"), (50, "社会效益"), (100, "居民健康素养"), (190, "明显提升")),
        _unruled_line(174, (0, "满意度指标"), (50, "服务对象"), (100, "服务对象满意度"), (190, "≥90%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "开展社区健康讲座次数", "≥24次"],
        ["", "时效指标", "项目完成时间", "2026年12月底前"],
        ["效益指标", "社会效益", "居民健康素养", "明显提升"],
        ["满意度指标", "服务对象", "服务对象满意度", "≥90%"],
    ]


def test_pdf_an_unruled_name_and_target_wrapped_line_for_line_join_where_rows_are_padded():
    """Padded rows (17.25 pt apart at 12 pt, a cell's lines 14.25) whose name and target wrap line for line, the
    target's rest beginning with a figure ('本年度' ⏎ '10月') or a level's label wrapped beside them ('社会效益指'
    ⏎ '标'): each rest line was a row of its own ('时间' | '10月'), without a word. Nearer than rows stand, every
    cell going on one on the line above, it is the row's rest."""
    from importers.readers.pdf_lines import under_headers

    def line(base: float, *cells: tuple[float, str]) -> list[dict]:
        chars = _unruled_line(base, *cells)
        return [{**c, "x0": c["x0"] * 12 / 9, "x1": c["x1"] * 12 / 9, "size": 12.0} for c in chars]

    lines = [
        line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (160, "指标值")),
        line(117.25, (0, "产出指标"), (50, "时效指标"), (100, "食堂建成投运"), (160, "本年度")),
        line(131.5, (100, "时间"), (160, "10月")),
        line(148.75, (0, "效益指标"), (50, "社会效益指"), (100, "老年人就餐便"), (160, "有效提")),
        line(163, (59, "标"), (109, "利程度"), (169, "升")),
        line(180.25, (0, "满意度指标"), (50, "服务对象"), (100, "就餐老人满意"), (160, "≥90")),
        line(194.5, (127, "度")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "时效指标", "食堂建成投运时间", "本年度10月"],
        ["效益指标", "社会效益指标", "老年人就餐便利程度", "有效提升"],
        ["满意度指标", "服务对象", "就餐老人满意度", "≥90"],
    ]


def test_pdf_an_unruled_indicator_with_a_blank_target_under_a_name_as_wide_as_its_column_is_a_row():
    """Rows as close as a wrapped name's lines, an indicator whose target is left blank right under the column's
    widest name: its line holds a name alone among the data, so it was joined to the name above as its rest
    ('开展文化活动场次活动质量'), and every level label below moved up a row. Its own 二级 label stands beside it,
    under the one beside the name above: a row of its own."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (190, "指标值")),
        _unruled_line(112, (0, "产出指标"), (50, "数量指标"), (100, "开展文化活动场次"), (190, "≥30场")),
        _unruled_line(123, (50, "质量指标"), (100, "活动质量")),
        _unruled_line(134, (0, "效益指标"), (50, "社会效益"), (100, "群众文化生活"), (190, "提高")),
        _unruled_line(145, (0, "满意度指标"), (50, "服务对象"), (100, "群众满意度"), (190, "≥90%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "开展文化活动场次", "≥30场"],
        ["", "质量指标", "活动质量", ""],
        ["效益指标", "社会效益", "群众文化生活", "提高"],
        ["满意度指标", "服务对象", "群众满意度", "≥90%"],
    ]


def test_pdf_an_unruled_blank_target_inside_a_merged_group_under_a_name_as_wide_as_its_column_is_a_row():
    """Rows as close as a wrapped name's lines, top-aligned, a blank-target indicator right under the column's widest
    name inside a merged 二级 group (no label beside it): it was glued to that name as its rest
    ('开展文化活动场次活动质量'), silently; it was read right before rows this close were joined (review 56R-a, N5)."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "三级指标"), (150, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "开展文化活动场次"), (150, "≥30场")),
        _unruled_line(123, (60, "活动质量")),
        _unruled_line(134, (60, "群众满意度"), (150, "≥90%")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "开展文化活动场次", "≥30场"],
        ["", "活动质量", ""],
        ["", "群众满意度", "≥90%"],
    ]


def test_pdf_an_unruled_header_letter_spaced_by_a_quarter_of_its_size_is_read_by_its_wrapped_words():
    """A browser's header spaced by letter-spacing: 0.25em puts its characters exactly RUN_GAP apart (0.25 font sizes,
    or a hair over by its arithmetic): parted there, each character of the wrapped words ('一级指' ⏎ '标') was a word
    of its own and the header no header; the table's rows were read as loose lines."""
    from importers.readers.pdf_lines import under_headers

    def spaced(base: float, *cells: tuple[float, str], over: float = 0.0) -> list[dict]:
        return _letter_spaced(base, 9 + 2.25 + over, *cells)

    lines = [
        spaced(100, (0, "一级指"), (50, "二级指"), (100, "三级指标"), (160, "指标值"), over=1e-9),
        spaced(111, (0, "标"), (50, "标")),
        _unruled_line(125, (0, "产出指标"), (50, "数量指标"), (100, "服务人次"), (160, "≥1200")),
        _unruled_line(137, (0, "效益指标"), (50, "社会效益"), (100, "受益群众"), (160, "≥300")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["效益指标", "社会效益", "受益群众", "≥300"],
    ]


def test_pdf_an_unruled_table_letter_spaced_in_every_cell_keeps_its_names_whole():
    """A browser's table whose every cell is letter-spaced (0.25em: each character 0.25 font sizes from the next),
    its project names wrapping in a narrow column: the gaps between a name's characters were taken for the columns'
    seams, and 项目名称's edge fell inside the name ('老1' | '年人助服务'), silently. The table's own spacing is
    no seam."""
    from importers.readers.pdf_lines import under_headers

    def spaced(base: float, *cells: tuple[float, str]) -> list[dict]:
        return _letter_spaced(base, 11.25, *cells)

    lines = [
        spaced(100, (5, "序号"), (50, "项目名称"), (120, "三级指标"), (200, "指标值")),
        spaced(115, (0, "1"), (30, "老年人助"), (120, "助餐点数量统计"), (200, "8个")),
        spaced(127, (30, "餐服务")),
        spaced(139, (120, "补贴发放率"), (200, "100%")),
        spaced(151, (0, "2"), (30, "中小学校"), (120, "维修校舍面积"), (200, "≥5000")),
        spaced(163, (30, "舍维修")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["1", "老年人助餐服务", "助餐点数量统计", "8个"],
        ["", "", "补贴发放率", "100%"],
        ["2", "中小学校舍维修", "维修校舍面积", "≥5000"],
    ]


def test_pdf_an_unruled_table_letter_spaced_wider_than_a_run_is_read_by_its_wrapped_header():
    """Every cell letter-spaced by 0.3em, wider than RUN_GAP: each character of the wrapped header ('一级指' ⏎ '标')
    was a run of its own, the header no header, and the table was read as one project named from the title with
    every line an indicator, without a word. The lines' own spacing keeps a word's characters one run."""
    from importers.readers.pdf_lines import under_headers

    def spaced(base: float, *cells: tuple[float, str]) -> list[dict]:
        return _letter_spaced(base, 11.7, *cells)

    lines = [
        spaced(100, (0, "一级指"), (60, "二级指"), (120, "三级指标"), (200, "指标值")),
        spaced(111, (0, "标"), (60, "标")),
        spaced(125, (0, "产出"), (60, "数量"), (120, "服务人次"), (200, "≥1200")),
        spaced(137, (0, "效益"), (60, "社会效益"), (120, "受益群众"), (200, "≥300")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出", "数量", "服务人次", "≥1200"],
        ["效益", "社会效益", "受益群众", "≥300"],
    ]


def test_pdf_unruled_one_row_projects_filled_down_under_one_another_stay_apart():
    """A sheet without rules filled down every row, rows as close as a cell's lines: a one-row project under another
    whose name ran to its column's edge was joined to it as its wrapped rest, name, amount, 序号 and indicator
    ('城乡居民医疗保险补助资金防汛物资储备', '260075'), the rows below too, without a word. A line showing a
    project's number (序号, amount) starts a row and a label of its own."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "序号"), (30, "项目名称"), (150, "预算金额"), (200, "三级指标"), (280, "指标值")),
        _unruled_line(112, (0, "1"), (30, "中小学校舍维修"), (150, "1250"), (200, "校舍面积"), (280, "≥5000")),
        _unruled_line(136, (0, "1"), (30, "中小学校舍维修"), (150, "1250"), (200, "工程验收合格率"), (280, "100%")),
        _unruled_line(
            148, (0, "2"), (30, "城乡居民医疗保险补助资金"), (150, "2600"), (200, "补助标准落实率"), (280, "100%")
        ),
        _unruled_line(160, (0, "3"), (30, "防汛物资储备"), (150, "75"), (200, "储备编织袋数量"), (280, "≥2万条")),
        _unruled_line(172, (0, "4"), (30, "河道保洁"), (150, "45"), (200, "河道水面清洁度"), (280, "明显改善")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["1", "中小学校舍维修", "1250", "校舍面积", "≥5000"],
        ["1", "中小学校舍维修", "1250", "工程验收合格率", "100%"],
        ["2", "城乡居民医疗保险补助资金", "2600", "补助标准落实率", "100%"],
        ["3", "防汛物资储备", "75", "储备编织袋数量", "≥2万条"],
        ["4", "河道保洁", "45", "河道水面清洁度", "明显改善"],
    ]


def test_pdf_unruled_numbers_of_one_project_on_two_lines_keep_it_one():
    """Two lines showing numbers are two projects only where they show them in the same columns, beside a name: a
    centred 序号 under an amount and name set at the top, an amount wrapped ('1250.' ⏎ '00'), a 序号 numbering
    each indicator, each cut a wrapped project name in two ('城乡居民医疗' | '保险补助资金项目'), without a word."""
    from importers.readers.pdf_lines import under_headers

    def table(first: str, rows: list[tuple]) -> list[list[str]]:
        head = _unruled_line(100, (0, "序号"), (30, "项目名称"), (120, first), (170, "三级指标"), (270, "指标值"))
        lines = [_unruled_line(112 + 12 * n, *((x, t) for x, t in zip((0, 30, 120, 170, 270), row) if t))
                 for n, row in enumerate(rows)]  # fmt: skip
        return [cells for _, cells in under_headers([head, *lines])][1:]

    centred = [
        ("", "城乡居民医疗", "1250", "参保人数", "≥5000人"),
        ("1", "保险补助资金", "", "补助标准落实率", "100%"),
        ("", "项目", "", "群众满意度", "≥90%"),
    ]
    assert [cells[:3] for cells in table("预算金额", centred)] == [["1", "城乡居民医疗保险补助资金项目", "1250"]] + [
        ["", "", ""]
    ] * 2
    wrapped = [("1", "城乡居民医疗", "1250.", "参保人数", "≥5000人"), ("", "保险补助资金", "00", "补助率", "100%")]
    assert [cells[:3] for cells in table("预算金额", wrapped)] == [
        ["1", "城乡居民医疗保险补助资金", "1250.00"],
        ["", "", ""],
    ]
    each = [
        ("1", "城乡居民医疗", "产出", "参保人数", "≥5000人"),
        ("2", "保险补助资金", "指标", "补助标准落实率", "100%"),
        ("3", "", "效益", "群众满意度", "≥90%"),
    ]
    assert [cells[1] for cells in table("一级指标", each)] == ["城乡居民医疗保险补助资金", "", ""]


@pytest.mark.parametrize("down", [False, True])
def test_pdf_an_unruled_forms_side_label_down_its_indicator_rows_is_no_rows_level(down):
    """A national form without rules: its side label 绩效指标, merged down the indicator rows left of 一级指标 and
    centred on them (or set a character a line in a narrow column), stands on a row's line; it was cut into the first
    column, the row's 一级指标, and read as the level of the rows below too, without a word."""
    from importers.readers.pdf_lines import under_headers

    rows = [
        ("产出指标", "数量指标", "补贴发放人数", "≥5000人"),
        ("", "质量指标", "补贴发放准确率", "≥95%"),
        ("", "时效指标", "按月发放及时率", "100%"),
        ("效益指标", "社会效益", "老年人生活质量", "提高"),
    ]
    lines = [_unruled_line(100, (60, "一级指标"), (110, "二级指标"), (170, "三级指标"), (280, "指标值"))]
    lines += [
        _unruled_line(112 + 12 * n, *((x, t) for x, t in zip((60, 110, 170, 280), row) if t))
        for n, row in enumerate(rows)
    ]
    if down:
        for n, char in enumerate("绩效指标"):
            lines[n + 1] = _unruled_line(112 + 12 * n, (20, char)) + lines[n + 1]
    else:
        lines[3] = _unruled_line(136, (0, "绩效指标")) + lines[3]
    assert [cells for _, cells in under_headers(lines)][1:] == [list(row) for row in rows]


@pytest.mark.parametrize("wrapped", [True, False])
def test_pdf_a_head_label_centred_on_its_values_lines_above_an_unruled_table_takes_the_lines_above_it(wrapped):
    """A national form without rules: its 年度目标 label, merged as tall as the goal's three lines and centred on
    them, stands on the second; the goal's first line, alone above it, was a field of its own (说明) and the goal's
    beginning lost without a word. A line of one piece starting where the value does and running to its edge, as
    near as a cell's next line, is the value's, where the value goes on below as far; one ending short is not. The
    lines below go on in it where the label's line ran to the edge (they had been lines of their own, the goal's end
    lost)."""
    from importers.readers.pdf_lines import under_headers

    first = "为全市困难老年人按月足额发放养老服务补贴" if wrapped else "（一）资金用途"  # (as wide as the next)
    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "困难老年人养老服务补贴")),
        _unruled_line(72, (60, first)),
        _unruled_line(84, (0, "年度目标"), (60, "提高老年人生活质量，全年为不少于五千名困")),
        _unruled_line(96, (60, "难老年人提供补贴。")),
        _unruled_line(110, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(122, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
    ]
    goal = ["年度目标", "提高老年人生活质量，全年为不少于五千名困"]
    assert [cells for _, cells in under_headers(lines)] == [
        ["项目名称", "困难老年人养老服务补贴"],
        *(
            [["年度目标", first + goal[1] + "难老年人提供补贴。"]]
            if wrapped
            else [[first], [goal[0], goal[1] + "难老年人提供补贴。"]]
        ),
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补贴发放人数", "≥5000人"],
    ]


def test_pdf_unruled_padded_rows_under_a_name_as_wide_as_its_column_stay_apart_from_a_wrapped_names_pitch():
    """A browser's table without rules, its single-line rows 15 pt apart, a wrapped name's lines 10.5, rows of taller
    cells 20: a row under a name and target that ran to their columns' edges was joined to it as their wrapped
    rest ('维修农村道路里程工程验收合格率', '≥120公里＝100%'), every level label below moving up a row, without a
    word: a line going on in a cell stands a cell's line pitch below it, not merely nearer than two rows."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (190, "指标值")),
        _unruled_line(115, (50, "数量指标"), (100, "维修农村道路里程"), (190, "≥120公里")),
        _unruled_line(122.5, (0, "产出指标")),  # (centred on its two rows)
        _unruled_line(130, (50, "质量指标"), (100, "工程验收合格率"), (190, "＝100%")),
        _unruled_line(150, (100, "群众出行条件改善")),
        _unruled_line(155.5, (0, "效益指标"), (50, "社会效益"), (190, "有效改善")),
        _unruled_line(160.5, (100, "情况")),
        _unruled_line(180, (0, "满意度指标"), (50, "服务对象"), (100, "沿线群众满意度"), (190, "≥95%以上")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "维修农村道路里程", "≥120公里"],
        ["", "质量指标", "工程验收合格率", "＝100%"],
        ["效益指标", "社会效益", "群众出行条件改善情况", "有效改善"],
        ["满意度指标", "服务对象", "沿线群众满意度", "≥95%以上"],
    ]


def test_pdf_an_unruled_name_and_target_wrapped_line_for_line_in_rows_as_close_as_their_lines_are_one_row():
    """A sheet without rules, rows of a fixed height as close as a cell's lines: a name and its target wrapped line
    for line ('城乡居民医保财政补助' | '≤640元/' over '标准' | '人/年') made a second indicator row of their rests,
    without a word. A line whose name goes on in a name that ran to its edge, and whose other cells each go on in a
    cell of that line that ran to its edge, beginning as no target does (元/人, 以上: no number or operator), no
    level label beside it, is the rest of that row."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (50, "数量指标"), (100, "城乡居民医保财政补助"), (200, "≤640元/")),
        _unruled_line(123.8, (100, "标准"), (200, "人/年")),
        _unruled_line(137.3, (50, "质量指标"), (100, "医保基金结算准确率"), (200, "≥98%以上")),
        _unruled_line(150.8, (100, "医保经办服务满意度"), (200, "≥90%以上")),
        _unruled_line(162.6, (100, "参保人数"), (200, "≥120万")),  # a row of its own: its target begins as one
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "城乡居民医保财政补助标准", "≤640元/人/年"],
        ["", "质量指标", "医保基金结算准确率", "≥98%以上"],
        ["", "", "医保经办服务满意度", "≥90%以上"],
        ["", "", "参保人数", "≥120万"],
    ]


@pytest.mark.parametrize("wide", ["明显提高", "≥95%以上"])
def test_pdf_an_unruled_row_whose_target_is_a_word_under_a_name_and_target_as_wide_as_their_columns_is_its_own(wide):
    """Rows as close as a cell's lines (a browser's rows 0–1 px padded): a row whose target is a word ('有效改善'), no
    level label beside it, under a name and a target as wide as their columns ('临时救助对象认定准确率' | '明显提高'
    or '≥95%以上') was joined to it as their wrapped rests, two indicators made one without a word. Only a target
    that began as one ('≤640元/') goes on line for line, and only nearer than rows are apart."""
    from importers.readers.pdf_lines import under_headers

    rows = [
        ("产出指标", "数量指标", "救助困难群众覆盖率", "≥95%"),
        ("", "质量指标", "临时救助对象认定准确率", wide),
        ("", "", "救助资金发放规范性", "有效改善"),
        ("效益指标", "社会效益", "困难群众基本生活", "得到保障"),
    ]
    lines = [_unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (210, "指标值"))]
    lines += [
        _unruled_line(112 + 12 * n, *((x, t) for x, t in zip((0, 50, 100, 210), row) if t))
        for n, row in enumerate(rows)
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [list(row) for row in rows]


def test_pdf_a_head_label_at_its_values_top_under_a_field_running_to_its_edge_takes_no_line_above_it():
    """A form's head without rules, its labels set at their values' tops: the field above 年度目标 (项目概况) ran to
    its edge on its last line, alone on its line like a centred goal's first line, and was read into the goal, the
    field losing its end without a word. A field above whose value ran to its edge may go on in such lines."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "城乡困难群众临时救助")),
        _unruled_line(72, (0, "项目概况"), (60, "全市共有城乡困难群众约三千人其中低保对象两千")),
        _unruled_line(84, (60, "人特困人员五百人临时救助对象五百人项目实施")),
        _unruled_line(96, (0, "年度目标"), (60, "为全市三千名困难群众提供临时救助，救助资金按")),
        _unruled_line(108, (60, "时足额发放，救助对象认定准确，群众满意度达到")),
        _unruled_line(120, (60, "百分之九十以上。")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["项目名称", "城乡困难群众临时救助"],
        ["项目概况", "全市共有城乡困难群众约三千人其中低保对象两千人特困人员五百人临时救助对象五百人项目实施"],
        [
            "年度目标",
            "为全市三千名困难群众提供临时救助，救助资金按时足额发放，救助对象认定准确，群众满意度达到百分之九十以上。",
        ],
    ]


def test_pdf_head_labels_centred_on_three_lines_each_take_the_lines_about_them():
    """A form's head without rules, labels centred on values of three lines: 项目概况's last line short ('有效缓解'),
    then 年度目标's three. Once the field took its line below, its label's line, running to the edge, stood right
    above the goal's first line as a field going on there, and the goal lost that line without a word. A value
    read whole ends where its last line does."""
    from importers.readers.pdf_lines import under_headers

    over = ["全市共有城乡困难群众约三千人其中低保对象两千", "特困人员五百人临时救助对象五百人项目实施后可", "有效缓解"]
    goal = [
        "为全市三千名困难群众提供临时救助，救助资金按",
        "时足额发放，救助对象认定准确，群众满意度达到",
        "百分之九十以上。",
    ]
    lines = [_unruled_line(60, (0, "项目名称"), (60, "城乡困难群众临时救助"))]
    for n, (label, value) in enumerate((("项目概况", over), ("年度目标", goal))):
        lines += [
            _unruled_line(72 + 36 * n, (60, value[0])),
            _unruled_line(84 + 36 * n, (0, label), (60, value[1])),
            _unruled_line(96 + 36 * n, (60, value[2])),
        ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["项目概况", "".join(over)],
        ["年度目标", "".join(goal)],
    ]


@pytest.mark.parametrize("count", [2, 4, 0])
def test_pdf_a_head_label_centred_between_its_values_lines_takes_the_lines_about_it(count):
    """A form's head without rules, 年度目标 centred on its value of two or four lines: the label stands alone on a
    line between them (a browser's centring), the lines above it were lines of their own and the goal kept only
    those below, without a word. As many lines above as below it, those above running to the value's edge, are
    its value; a short line above ('（一）资金用途', count 0) is not."""
    from importers.readers.pdf_lines import under_headers

    goal = [
        "为全市三千名困难群众提供临时救助，救助资金按",
        "时足额发放，救助对象认定准确，群众满意度达到",
        "百分之九十以上，困难群众基本生活得到有效保障",
        "救助工作规范。",
    ]
    value = goal[:2] if count == 2 else goal if count else ["（一）资金用途", "时足额发放。"]
    half = len(value) // 2
    lines = [_unruled_line(60, (0, "项目名称"), (60, "城乡困难群众临时救助"))]
    lines += [_unruled_line(72 + 10 * n, (60, text)) for n, text in enumerate(value[:half])]
    lines += [_unruled_line(67 + 10 * half, (0, "年度目标"))]
    lines += [_unruled_line(72 + 10 * (half + n), (60, text)) for n, text in enumerate(value[half:])]
    lines += [_unruled_line(72 + 10 * len(value) + 4, (0, "实施单位"), (60, "某市社会救助服务中心及各区县民政局"))]
    rows = [cells for _, cells in under_headers(lines)]
    if count:
        assert rows[1:] == [["年度目标", "".join(value)], ["实施单位", "某市社会救助服务中心及各区县民政局"]]
    else:
        assert rows[1:3] == [["（一）资金用途"], ["年度目标"]]


@pytest.mark.parametrize("short", [True, False])
def test_pdf_head_labels_at_their_values_bottom_take_the_lines_above_them(short):
    """A form's head without rules, its labels set at their values' bottoms: each label stands on its value's last
    line, the lines above it were lines of their own and the goal kept only its last line, without a word. Lines
    running to the values' edge above a label with none below are its value where the field above them ended short;
    under a field running to its edge (`short` False) they may be its rest (its label at its value's top), and are
    read as before."""
    from importers.readers.pdf_lines import under_headers

    over = "有效缓解" if short else "全市共有城乡困难群众约三千人其中低保对象两"
    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "城乡困难群众临时救助")),
        _unruled_line(72, (0, "项目概况"), (60, over)),
        _unruled_line(84, (60, "为全市三千名困难群众提供临时救助，救助资金")),
        _unruled_line(96, (60, "按时足额发放，救助对象认定准确，群众满意度")),
        _unruled_line(108, (0, "年度目标"), (60, "达到百分之九十以上。")),
    ]
    goal = [
        "为全市三千名困难群众提供临时救助，救助资金",
        "按时足额发放，救助对象认定准确，群众满意度",
        "达到百分之九十以上。",
    ]
    rows = [cells for _, cells in under_headers(lines)][1:]
    if short:
        assert rows == [["项目概况", over], ["年度目标", "".join(goal)]]
    else:  # read as before: the field's rest, its label at its value's top (`_value_below`)
        assert rows == [["项目概况", over + goal[0] + goal[1]], ["年度目标", goal[2]]]


@pytest.mark.parametrize("raised", [False, True])
def test_pdf_a_head_label_at_its_values_bottom_under_a_field_a_character_short_of_its_edge(raised):
    """Labels set at their values' bottoms under a field whose last line ends a character short of the values' edge
    ('项目概况 | …两', or its label on the second of two lines): within WRAP_MARGIN of the edge, so the lines below it
    were taken for its rest, 年度目标 keeping only its last line, without a word. The next line's first character
    would have stood in the room left: no wrapped line ends there."""
    from importers.readers.pdf_lines import under_headers

    over = "全市共有城乡困难群众约三千人其中低保对象"  # (a character short of the goal's lines)
    top = "全市共有老年人约五万人城乡困难群众约三千人" if raised else ""  # (the field's first line, full)
    first = [_unruled_line(66, (60, top))] if raised else []
    lines = [
        _unruled_line(54, (0, "项目名称"), (60, "城乡困难群众临时救助")),
        *first,
        _unruled_line(76, (0, "项目概况"), (60, over)),
        _unruled_line(86, (60, "为全市三千名困难群众提供临时救助，救助资金")),
        _unruled_line(96, (60, "按时足额发放，救助对象认定准确，群众满意度")),
        _unruled_line(106, (0, "年度目标"), (60, "达到百分之九十以上。")),
    ]
    goal = "为全市三千名困难群众提供临时救助，救助资金按时足额发放，救助对象认定准确，群众满意度达到百分之九十以上。"
    rows = [cells for _, cells in under_headers(lines)][1:]
    assert rows == [["项目概况", top + over], ["年度目标", goal]]


def test_pdf_a_head_label_between_its_values_lines_under_a_first_line_a_pushed_character_ended_short():
    """年度目标 centred between its value's four lines, the first ending short by more than WRAP_MARGIN
    ('…里程达 860公', spaced about its figure): a mark no line may start with took '里' to the next line ('里，'),
    so the first line wrapped though short; it was taken for a line of its own, the goal losing its first line
    without a word. A value's line runs to its edge where what the next line begins with would not have fit."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "农村公路养护工程")),
        _unruled_line(72, (60, "完成全县农村公路日常养护里程达"), (197.25, "860公")),  # (15.75 short: 1.75 sizes)
        _unruled_line(84, (60, "里，实施危桥改造3座，路况优良率保持在百分")),
        _unruled_line(90, (0, "年度目标")),
        _unruled_line(96, (60, "之八十以上，保障群众安全便捷出行，提升农村")),
        _unruled_line(108, (60, "公路通行服务水平。")),
    ]
    goal = (
        "完成全县农村公路日常养护里程达860公里，实施危桥改造3座，路况优良率保持在百分之八十以上，"
        "保障群众安全便捷出行，提升农村公路通行服务水平。"
    )
    rows = [cells for _, cells in under_headers(lines)][1:]
    assert [[cell.replace(" ", "") for cell in row] for row in rows] == [["年度目标", goal]]  # (a space at 860)


@pytest.mark.parametrize("padded", [True, False])
def test_pdf_a_head_label_centred_under_a_full_one_line_field_a_rows_padding_apart(padded):
    """A one-line 项目概况 running to its values' edge, then 年度目标 centred on its three lines: the line above the
    label stands a row's step below the field (its padding), the lines below it a cell's line pitch apart. It was
    taken for the field's rest (a label at its value's top), the goal keeping two of its lines, without a word.
    Rows set as close as a cell's lines (`padded` False) do not tell, and read as before: the field's rest."""
    from importers.readers.pdf_lines import under_headers

    row, line = (17.25, 14.25) if padded else (12.0, 12.0)
    over = "本项目为辖区高龄失能老人提供居家上门助餐助浴"
    goal = ["为全区一千二百名高龄失能老人提供居家上门服务", "完善社区养老服务网络，提升老年人生活质量和幸", "福感。"]
    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "社区居家养老服务补助")),
        _unruled_line(60 + row, (0, "项目概况"), (60, over)),
        _unruled_line(60 + 2 * row, (60, goal[0])),
        _unruled_line(60 + 2 * row + line, (0, "年度目标"), (60, goal[1])),
        _unruled_line(60 + 2 * row + 2 * line, (60, goal[2])),
    ]
    rows = [cells for _, cells in under_headers(lines)][1:]
    if padded:
        assert rows == [["项目概况", over], ["年度目标", "".join(goal)]]
    else:
        assert rows == [["项目概况", over + goal[0]], ["年度目标", goal[1] + goal[2]]]


@pytest.mark.parametrize("bigger", [True, False])
def test_pdf_a_head_label_at_its_values_top_keeps_a_line_that_bigger_or_lowered_characters_set_farther(bigger):
    """年度目标 at its value's top, a line of the value holding bigger characters (a run set larger) or a subscript
    ('m₂', smaller and lower): the line stands farther from the one above it (bigger) or the next farther from it
    (lowered) than the value's other lines are apart, as a row's padding sets another field's value. The goal had
    been cut there without a word; such characters spread a cell's lines, no row's padding."""
    from importers.readers.pdf_lines import under_headers

    goal = [
        "完成城市绿地养护一百二十万平方米新增口袋公园",
        "十二处每处面积不少于五百平方米并完成苗木补植",
        "苗木成活率达到百分之九十五以上城市绿化覆盖率",
        "稳步提高。",
    ]
    odd = _unruled_line(74, (60, goal[1]))
    if bigger:  # (its last characters set at 11.25 pt: the line stands 2 pt lower)
        odd = [{**c, "size": 11.25} if n > 15 else c for n, c in enumerate(odd)]
        bases = (74, 86)
    else:  # (a subscript's 6 pt character at its end: the next line stands 2 pt lower)
        odd = [*odd[:-1], {**odd[-1], "size": 6.0, "base": 76.0}]
        bases = (72, 86)
    odd = [{**c, "base": c["base"] + bases[0] - 74} for c in odd]
    lines = [
        _unruled_line(48, (0, "项目名称"), (60, "城市绿化养护提升")),
        _unruled_line(60, (0, "年度目标"), (60, goal[0])),
        odd,
        _unruled_line(bases[1], (60, goal[2])),
        _unruled_line(bases[1] + 12, (60, goal[3])),
    ]
    rows = [cells for _, cells in under_headers(lines)][1:]
    assert rows == [["年度目标", "".join(goal)]]


@pytest.mark.parametrize("glyph", ["superscript", "bigger"])
def test_pdf_a_head_label_at_its_values_top_keeps_a_line_a_superscript_or_a_bigger_glyph_begins_or_spreads(glyph):
    """年度目标 at its value's top, the value's second line holding a superscript (`m<sup>2</sup>`, 7.5 pt beside
    9 pt, its baseline 4 pt higher) or a bigger glyph (`㎡` at 1.4 em, the line 15 pt below the first where the
    others stand 11 to 12 apart), as Chromium prints them (review 61R-a's U01, U02). The superscript, first by its
    baseline, had begun a line of its own and the rest of its line another; the bigger glyph's line stood farther
    than a cell's next line: the goal cut at its first line, without a word."""
    from importers.readers.pdf_lines import text_lines, under_headers

    goal = [
        "完成城市绿地养护一百二十万平方米新增口袋公园",
        "十二处每处面积不少于五百平方米并完成苗木补植",
        "苗木成活率达到百分之九十五以上城市绿化覆盖率",
        "稳步提高。",
    ]
    if glyph == "superscript":
        bases = (60, 73.5, 84.75, 96)
        odd = [
            {**c, "size": 7.5, "base": 69.5} if n == 10 else c for n, c in enumerate(_unruled_line(73.5, (60, goal[1])))
        ]
    else:
        bases = (60, 75, 87, 98.25)
        odd = [{**c, "size": 12.6} if n == 15 else c for n, c in enumerate(_unruled_line(75, (60, goal[1])))]
    chars = [
        *_unruled_line(48, (0, "项目名称"), (60, "城市绿化养护提升")),
        *_unruled_line(bases[0], (0, "年度目标"), (60, goal[0])),
        *odd,
        *_unruled_line(bases[2], (60, goal[2])),
        *_unruled_line(bases[3], (60, goal[3])),
    ]
    rows = [cells for _, cells in under_headers(text_lines(chars))][1:]
    assert rows == [["年度目标", "".join(goal)]]


def test_pdf_a_head_label_at_its_values_top_takes_its_wrapped_lines_below_it():
    """A form's head without rules, 年度目标 set at its value's top: the value's wrapped lines below it, each alone on
    its line where the value begins, were lines of their own and the goal kept only its first line, without a word.
    Under a line running to the values' edge they are its rest; a short value's next line is not."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(60, (0, "项目名称"), (60, "城乡困难群众临时救助")),
        _unruled_line(72, (0, "年度目标"), (60, "为全市三千名困难群众提供临时救助，救助资金按")),
        _unruled_line(84, (60, "时足额发放，救助对象认定准确，群众满意度达到")),
        _unruled_line(96, (60, "百分之九十以上。")),
        _unruled_line(108, (0, "实施期限"), (60, "2026年")),
        _unruled_line(120, (60, "（一）资金用途")),
    ]
    assert [cells for _, cells in under_headers(lines)] == [
        ["项目名称", "城乡困难群众临时救助"],
        [
            "年度目标",
            "为全市三千名困难群众提供临时救助，救助资金按时足额发放，救助对象认定准确，群众满意度达到百分之九十以上。",
        ],
        ["实施期限", "2026年"],
        ["（一）资金用途"],
    ]


def test_pdf_unruled_padded_rows_under_a_centred_name_looking_full_keep_a_target_of_their_own_apart():
    """A sheet without rules, rows padded apart, names centred: a name a character short of the widest looks as wide
    as its column, and a row set as near under it as rows can be ('人均培训费用' | '≤1200元/人次' under '培训人员考核
    合格率' | '≥90%') was joined to it as its wrapped rest, the target that ended on the name's line going on in
    '≤1200元/人次', two indicators made one without a word. A target's rest begins as no target does."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标"), (100, "三级指标"), (210, "指标值")),
        _unruled_line(112, (50, "数量指标"), (100, "培训基层医务人员人次"), (210, "≥800人次")),
        _unruled_line(124, (0, "产出指标")),
        _unruled_line(130, (50, "质量指标"), (100, "培训人员考核合格率"), (210, "≥90%")),
        _unruled_line(142, (50, "成本指标"), (100, "人均培训费用"), (210, "≤1200元/人次")),
        _unruled_line(160, (0, "效益指标"), (50, "社会效益"), (100, "基层医疗服务能力"), (210, "逐步提升")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "培训基层医务人员人次", "≥800人次"],
        ["", "质量指标", "培训人员考核合格率", "≥90%"],
        ["", "成本指标", "人均培训费用", "≤1200元/人次"],
        ["效益指标", "社会效益", "基层医疗服务能力", "逐步提升"],
    ]


def test_pdf_unruled_centred_rows_a_character_short_of_the_widest_are_no_wrapped_lines():
    """A sheet without rules, rows padded apart, names and targets centred: a row whose name and target are each a
    character short of their column's widest ('竣工验收一次合格率' | '一次性验收全部合格') looked as wide as their
    columns by their right edges alone, and the row set near under it ('群众出行条件' | '有效改善') was glued to it as
    its wrapped rest without a word. A centred line is as wide as its column only within a character at both edges."""
    from importers.readers.pdf_lines import under_headers

    def centred(base: float, *cells: tuple[float, str]) -> list[dict]:  # each cell's text centred on its x
        return _unruled_line(base, *((x - 4.5 * len(text), text) for x, text in cells))

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标")) + centred(100, (150, "三级指标"), (250, "指标值")),
        _unruled_line(112, (0, "产出指标"), (50, "数量指标"))
        + centred(112, (150, "维修农村道路桥梁涵洞"), (250, "≥120公里")),
        _unruled_line(130, (50, "质量指标")) + centred(130, (150, "竣工验收一次合格率"), (250, "一次性验收全部合格")),
        _unruled_line(142, (0, "效益指标"), (50, "社会效益")) + centred(142, (150, "群众出行条件"), (250, "有效改善")),
        _unruled_line(160, (50, "时效指标")) + centred(160, (150, "全部工程完工时间"), (250, "2026年10月底前")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "维修农村道路桥梁涵洞", "≥120公里"],
        ["", "质量指标", "竣工验收一次合格率", "一次性验收全部合格"],
        ["效益指标", "社会效益", "群众出行条件", "有效改善"],
        ["", "时效指标", "全部工程完工时间", "2026年10月底前"],
    ]


def test_pdf_unruled_centred_name_wrapped_short_before_a_word_that_cannot_break_is_one_row():
    """A sheet without rules, rows padded apart, names centred: a name wrapped a character or more short of its
    column's widest because its next line begins with a Latin word or a figure no line breaks inside ('养老服务信息平台'
    ⏎ 'APP上线时间', the room the word leaves wider than a character) is one name: it had become two rows, each with a
    piece of the target beside it ('2026年6月' ⏎ '底前'), without a word."""
    from importers.readers.pdf_lines import under_headers

    def centred(base: float, *cells: tuple[float, str]) -> list[dict]:  # each cell's text centred on its x
        return _unruled_line(base, *((x - 4.5 * len(text), text) for x, text in cells))

    lines = [
        _unruled_line(100, (0, "一级指标"), (50, "二级指标")) + centred(100, (150, "三级指标"), (250, "指标值")),
        _unruled_line(118, (0, "产出指标"), (50, "数量指标"))
        + centred(118, (150, "社区居家养老上门服"), (250, "≥80%")),
        centred(130, (150, "务覆盖老人比例")),
        _unruled_line(148, (50, "时效指标")) + centred(148, (150, "养老服务信息平台"), (250, "2026年6月")),
        centred(160, (150, "APP上线时间"), (250, "底前")),
        _unruled_line(178, (0, "效益指标"), (50, "社会效益"))
        + centred(178, (150, "老年人生活质量"), (250, "明显提升")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "社区居家养老上门服务覆盖老人比例", "≥80%"],
        ["", "时效指标", "养老服务信息平台APP上线时间", "2026年6月底前"],
        ["效益指标", "社会效益", "老年人生活质量", "明显提升"],
    ]


@pytest.mark.parametrize("gap", [30, 3])
def test_pdf_a_money_table_under_an_unruled_goal_table_ends_it(gap):
    """A money table under an unruled goal table on one page, under its title ('项目资金安排情况' | '资金来源 |
    金额（万元）' | '财政拨款 | 180'): its lines were read as the goal table's indicators, without a word. Its header
    (two money labels, apart by a gap or glued by a narrow one, 3 pt) ends the goal table, its title with it."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
        _unruled_line(124, (0, "满意度指标"), (60, "服务对象"), (120, "服务对象满意度"), (200, "≥90%")),
        _unruled_line(144, (80, "项目资金安排情况")),
        _unruled_line(156, (0, "资金来源"), (36 + gap, "金额（万元）")),
        _unruled_line(168, (0, "财政拨款"), (36 + gap, "180")),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "补贴发放人数", "≥5000人"],
        ["满意度指标", "服务对象", "服务对象满意度", "≥90%"],
        ["项目资金安排情况"],
        ["资金来源", "金额（万元）"],
        ["财政拨款" + ("" if gap > 10 else "180")] + (["180"] if gap > 10 else []),
    ]


def test_pdf_a_money_table_headed_by_what_the_money_is_for_ends_an_unruled_goal_table():
    """A money table without a title under an unruled goal table, headed '支出内容 | 预算金额（万元）' (支出内容 no
    money label): its lines were cut into the goal table's columns, '支出内容' read as a level 2 and
    '预算金额（万元）' as an indicator. A label of what the money is for beside an amount column is a money
    table's header and ends it."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
        _unruled_line(124, (0, "满意度指标"), (60, "服务对象"), (120, "服务对象满意度"), (200, "≥90%")),
        _unruled_line(144, (40, "支出内容"), (120, "预算金额（万元）")),
        _unruled_line(156, (40, "培训费"), (120, "30")),
    ]
    assert [cells for _, cells in under_headers(lines)][3:] == [["支出内容", "预算金额（万元）"], ["培训费", "30"]]


def test_pdf_a_money_header_wrapped_in_its_narrow_column_ends_an_unruled_goal_table():
    """A money table's header wrapped in its narrow amount column ('预算金额（万' over '元）', '支出内容' centred
    between) under an unruled goal table: no line of it was a money header, so its lines were cut into the goal
    table's columns and shifted its levels, without a word. Its lines are read together as one header (as an
    indicator header's, `_wrapped_band`), the rows under it bearing it out, and end the table."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
        _unruled_line(124, (0, "满意度指标"), (60, "服务对象"), (120, "服务对象满意度"), (200, "≥90%")),
        _unruled_line(140, (120, "预算金额（万")),
        _unruled_line(145, (40, "支出内容")),
        _unruled_line(151, (138, "元）")),
        _unruled_line(164, (40, "培训费"), (140, "30")),
    ]
    assert [cells for _, cells in under_headers(lines)][3:] == [["支出内容", "预算金额（万元）"], ["培训费", "30"]]


@pytest.mark.parametrize("money", [True, False])
def test_pdf_a_money_header_of_one_money_label_ends_an_unruled_goal_table_an_indicator_row_none(money):
    """'支出事项 | 金额（万元）' over '培训费 | 30' under an unruled goal table (one money label, 支出事项 none) was cut
    into its columns, read as indicators without a word; it ends the table. An indicator row of two such words
    ('项目 | 金额' over an indicator's row) is the table's: one word alone ended it, the rows below lost."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
        _unruled_line(124, (120, "项目"), (200, "金额")),  # its levels merged with the row's above
        _unruled_line(136, (0, "满意度指标"), (60, "服务对象"), (120, "服务对象满意度"), (200, "≥90%")),
    ]
    if money:
        lines[2:] = [
            _unruled_line(144, (120, "支出事项"), (200, "金额（万元）")),
            _unruled_line(156, (120, "培训费"), (200, "30")),
        ]
    table = [
        ["产出指标", "数量指标", "补贴发放人数", "≥5000人"],
        ["", "", "项目", "金额"],
        ["满意度指标", "服务对象", "服务对象满意度", "≥90%"],
    ]
    want = [table[0], ["支出事项", "金额（万元）"], ["培训费", "30"]] if money else table
    assert [cells for _, cells in under_headers(lines)][1:] == want


@pytest.mark.parametrize("wrapped", [False, True])
def test_pdf_an_unruled_indicator_row_of_two_money_words_over_a_bare_number_target_keeps_the_table(wrapped):
    """'项目 | 金额' in an unruled goal table's name and target columns, its levels merged above, over a bare-number
    target ('新建候车亭 | 30', or a wrapped name's first line alone, then '路候车亭 | 30') and an indicator's row: it
    had been taken for a money table's header, the table ended there and every row from it on lost, without a
    word. Where a row under the amounts holds a name and a target, the indicators go on."""
    from importers.readers.pdf_lines import under_headers

    name = [_unruled_line(136, (120, "新建农村公"))] if wrapped else []
    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "养护公路里程"), (200, "1200")),
        _unruled_line(124, (120, "项目"), (200, "金额")),
        *name,
        _unruled_line(148 if wrapped else 136, (120, "路候车亭" if wrapped else "新建候车亭"), (200, "30")),
        _unruled_line(160, (120, "路面优良程度"), (200, "较高")),  # (its levels merged above too)
        _unruled_line(172, (0, "效益指标"), (60, "社会效益"), (120, "群众出行条件"), (200, "明显改善")),
    ]
    rows = [cells for _, cells in under_headers(lines)][1:]
    assert ["", "", "项目", "金额"] in rows and rows[-1] == ["效益指标", "社会效益", "群众出行条件", "明显改善"]


@pytest.mark.parametrize("levels", [False, True])
def test_pdf_an_unruled_indicator_named_like_money_above_a_money_header_is_no_title(levels):
    """The goal table's last indicator named like a money table's title, its target blank ('资金使用情况'), right
    above a money table's header, its levels merged with the row above (its line the name alone) or printed on it:
    it was taken for the money table's title and lost without a word. A title stands alone, not where the table's
    names begin or are centred; a line of several pieces is no title."""
    from importers.readers.pdf_lines import under_headers

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (200, "指标值")),
        _unruled_line(112, (0, "产出指标"), (60, "数量指标"), (120, "补贴发放人数"), (200, "≥5000人")),
        _unruled_line(124, (0, "效益指标"), (60, "社会效益"), (120, "困难群众基本生活"), (200, "得到保障")),
        _unruled_line(136, *([(0, "效益指标"), (60, "社会效益")] if levels else []), (120, "资金使用情况")),
        _unruled_line(156, (0, "资金来源"), (80, "金额（万元）")),
        _unruled_line(168, (0, "财政拨款"), (80, "120")),
    ]
    rows = [cells for _, cells in under_headers(lines)]
    assert rows[3][2:] == ["资金使用情况", ""] and rows[4:] == [["资金来源", "金额（万元）"], ["财政拨款", "120"]]


def test_pdf_a_paragraph_under_an_unruled_table_its_words_apart_by_spaces_ends_the_table():
    """A Word paragraph under a table drawn without rules, its words set apart by space characters ('按照 2027 年…
    共 6 项'): its line is one text over the table's columns, no cells glued by narrow gaps; it had been read as a
    row (its pieces as levels, an indicator and a target) and the row above took the next label."""
    from importers.readers.pdf_lines import under_headers

    def spaced(base: float, x: float, *words: str) -> list[dict]:
        line = []
        for word in words:
            line += _unruled_line(base, (x, word))
            x += 9 * len(word)
            line.append({**line[-1], "text": " ", "x0": x, "x1": x + 3})
            x += 3
        return line[:-1]

    lines = [
        _unruled_line(100, (0, "一级指标"), (60, "二级指标"), (120, "三级指标"), (180, "指标值")),
        _unruled_line(120, (0, "产出指标"), (60, "数量指标"), (120, "服务人次"), (180, "≥1200")),
        spaced(140, 0, "本表所列指标按照", "2027", "年预算编制要求填报，共", "6", "项指标"),
    ]
    assert [cells for _, cells in under_headers(lines)][1:] == [
        ["产出指标", "数量指标", "服务人次", "≥1200"],
        ["本表所列指标按照 2027 年预算编制要求填报，共 6 项指标"],  # (its spaces as printed)
    ]


def test_pdf_two_pages_printed_side_by_side_read_left_page_first():
    """A landscape sheet printing two pages side by side (an A3 of two A4 pages): the right page's rows, drawn
    higher (no title above them), were read before the left page's, and the form lost them."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="pt", format="A3")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(60, 80, "Goal table")

    def grid(left: float, top: float, rows: list[tuple[str, str]]) -> None:
        for n, row in enumerate(rows):
            for k, text in enumerate(row):
                pdf.rect(left + k * 150, top + n * 20, 150, 20)
                pdf.text(left + k * 150 + 4, top + n * 20 + 14, text)

    grid(60, 100, [("name", "target"), ("item 1", ">=1"), ("item 2", ">=2")])
    grid(660, 40, [("item 3", ">=3"), ("item 4", ">=4")])
    assert cells(read_bytes(bytes(pdf.output()), ".pdf")) == [
        ["Goal table"],
        ["name", "target"],
        *[[f"item {i}", f">={i}"] for i in range(1, 5)],
    ]


def test_pdf_a_white_title_on_a_dark_band_is_no_watermark():
    """A cover's title drawn large in white on a coloured band (the review of the change: the watermark rule took it
    for one, and the cover's department and year were lost) is read."""
    content = b"q 0 0 0.5 rg 30 740 520 70 re f 1 g BT /F1 44 Tf 40 760 Td (Budget) Tj ET Q\n"
    for r in range(4):
        content += b"BT /F1 9 Tf 40 %d Td (line %d of the cover) Tj ET\n" % (700 - 14 * r, r)
    assert cells(read_bytes(_helvetica_pdf(content), ".pdf"))[0] == ["Budget"]


def test_xlsx_results_excel_saved_are_kept_beside_an_empty_text_result():
    """A sheet Excel or LibreOffice saved, one formula's result an empty text (=IF(B3="","",…): '<v></v>'): every
    other formula was computed again over the saved results, and a total over amounts typed as text (Excel reads them)
    was read 0, a number of days between two dates 1. The results the file holds are kept; and a total the file does
    not hold over a cell with text is left blank and said in the warnings, not computed as if the text were 0."""
    import datetime as dt

    def build(book):
        sheet = book.active
        sheet.append(["财政拨款", "300"])
        sheet.append(["其他资金", "50"])
        sheet.append(["年度资金总额", "=B1+B2"])
        sheet.append(["开始日期", dt.date(2026, 1, 1)])
        sheet.append(["结束日期", dt.date(2026, 12, 31)])
        sheet.append(["实施天数", "=B5-B4+1"])
        sheet.append(["备注", '=IF(B1="","","")'])

    data = xlsx_bytes(build)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace(b"B1+B2</f><v></v>", b"B1+B2</f><v>350</v>").replace(
        b"B5-B4+1</f><v></v>", b"B5-B4+1</f><v>365</v>"
    )
    sheet = sheet.replace(b'<c r="B7"', b'<c r="B7" t="str"')  # Excel's own empty text result
    workbook = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")  # (Excel's file: none computed on opening)
    rows = read_bytes(_zip({**parts, "xl/worksheets/sheet1.xml": sheet, "xl/workbook.xml": workbook}), ".xlsx")
    assert [row[1] for row in cells(rows)] == ["300", "50", "350", "2026-01-01", "2026-12-31", "365", ""]
    rows = read_bytes(data, ".xlsx")  # (openpyxl's: no result saved)
    assert [row[1] for row in cells(rows)][2] == ""
    assert "not computed: B3, B6" in rows.notes[0]


def test_xlsx_a_number_beyond_excels_dates_in_a_built_in_date_format_stays_a_number():
    """A cell in a Chinese Excel's built-in date format (numFmtId 31) holding an amount beyond Excel's last date
    (9999-12-31; Excel shows ####): the whole file was refused as corrupt (date value out of range)."""
    import re

    def build(book):
        book.active.append([7000000, 46387])
        for column in (1, 2):
            book.active.cell(1, column).number_format = 'yyyy"年"m"月"d"日"'

    data = xlsx_bytes(build)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["xl/styles.xml"].decode()
    styles = re.sub(r"<numFmts.*?</numFmts>", "", styles).replace('numFmtId="164"', 'numFmtId="31"')  # (by number)
    assert cells(read_bytes(_zip({**parts, "xl/styles.xml": styles.encode()}), ".xlsx")) == [
        ["7000000", "2026年12月31日"]
    ]


def test_xls_formulas_computed_visit_at_most_so_many_cells_of_ranges(monkeypatch):
    """Running totals an xlwt export saves without results (=SUM($B$1:Bn) down the sheet) were computed over every
    range: 20,000 rows visited 200 million cells, minutes for one file. As in an .xlsx, ranges cover at most so many
    cells for all formulas together; the rest are left blank and said in the warnings."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("明细")
    for row in range(6):
        sheet.write(row, 0, 10)
        sheet.write(row, 1, xlwt.Formula(f"SUM($A$1:A{row + 1})"))
    out = io.BytesIO()
    book.save(out)
    monkeypatch.setattr(common, "MOST_VISITS", 10)  # 1 + 2 + 3 + 4 cells: the 5th total is not computed
    rows = read_bytes(out.getvalue(), ".xls")
    assert [row[1] for row in cells(rows)] == ["10", "20", "30", "40", "", ""]
    assert "not computed: B5, B6" in rows.notes[0]


def test_xls_empty_text_results_of_a_sheet_excel_computed_are_no_formulas_left_out():
    """A sheet Excel, WPS or LibreOffice saved holds its formulas' results, among them empty texts (=C10&"",
    =TRIM(C10), a VLOOKUP of a blank cell): each was named in the warnings as saved without its result, the user told
    to open and save in Excel a file Excel had saved. When another formula of the sheet holds a result, none is."""
    import re
    import struct

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表")
    sheet.write(0, 0, "备注")
    sheet.write(0, 1, xlwt.Formula('C10&""'))
    sheet.write(1, 0, "合计")
    sheet.write(1, 1, xlwt.Formula("SUM(C3:C4)"))
    sheet.write(2, 2, 260)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    rows = read_bytes(data, ".xls")  # (xlwt's: no result saved)
    assert [row[1] for row in cells(rows)][:2] == ["", "260"] and "not computed: B1" in rows.notes[0]
    at = re.search(rb"\x06\x00..\x01\x00\x01\x00", data, re.S).start()  # B2's FORMULA record
    computed = data[: at + 10] + struct.pack("<d", 260.0) + data[at + 18 :]  # B2 as Excel saves it: its result
    rows = read_bytes(computed, ".xls")
    assert [row[1] for row in cells(rows)][:2] == ["", "260"] and rows.notes == []


def test_xls_a_total_of_rows_538_or_1050_is_computed():
    """xlwt's formulas are computed unless they hold an IF or CHOOSE (tAttrIf: the bytes 19 02), which were looked for
    anywhere among a formula's bytes: a reference to row 538 (0x0219) or 1050 holds them, and =SUM(C538:C540) was left
    blank, without a warning. The tokens are read one by one now."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("明细")
    for row in range(536, 541):
        sheet.write(row, 2, 10)
    sheet.write(545, 2, xlwt.Formula("SUM(C538:C540)"))
    sheet.write(546, 2, xlwt.Formula("C538+C539"))
    sheet.write(547, 2, xlwt.Formula('IF(C538=0,"",C538)'))  # (an empty text it may give is its result)
    sheet.write(548, 2, xlwt.Formula('C537&"件"'))  # (not a total: said in the warnings)
    out = io.BytesIO()
    book.save(out)
    rows = read_bytes(out.getvalue(), ".xls")
    assert [row.cells[-1] for row in rows if row.line >= 546] == ["30", "20", "", ""]
    assert "not computed: C549;" in rows.notes[0]


def test_xlsx_a_character_escaped_as_its_utf16_halves_is_read_whole():
    """A text escaping a character beyond U+FFFF as its two UTF-16 halves ('_xD83D__xDE00_') or one half alone was
    read with the halves as such, and the whole import failed (internal error: surrogates not allowed)."""

    def build(book):
        book.active.append(["农田建设补助_xD83D__xDE00_", "满意度_xD83D_"])

    rows = read_bytes(xlsx_bytes(build), ".xlsx")
    assert cells(rows) == [["农田建设补助😀", "满意度\ufffd"]]
    "".join(cells(rows)[0]).encode("utf-8")


def test_pdf_a_row_cut_atop_a_page_keeps_its_columns_when_another_table_moves_their_grid_lines():
    """Chromium draws each border as a thin filled rectangle, and lays each form's columns out on its own: under a
    row the page break cut (the last indicator's rest atop the page), the next form's rules stand 3 pt right of its
    target's. The table finder snaps both to one grid line past the cut row's rule, which was then taken for no rule:
    the target's open cell reached over the actual's ('>=90%88.5%')."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for left, right, text in ((40, 120, "name"), (120, 200, "target"), (200, 280, "actual")):
        _cell(pdf, left, right, 700, text)
    _open_to_the_foot(pdf, 720, ("pleased", "", ""))
    pdf.add_page()

    def ruled(x: float, top: float, bottom: float) -> None:
        pdf.rect(x, top, 0.75, bottom - top, style="F")  # a border as the browser draws it

    pdf.line(40, 80, 280, 80)
    for x in (40, 120, 280):
        pdf.line(x, 40, x, 80)
    ruled(200, 40, 80)
    pdf.text(124, 64, ">=90%")
    pdf.text(204, 64, "88.5%")
    for n in range(16):
        top = 120 + 20 * n
        pdf.line(40, top, 280, top)
        for x in (40, 120, 280):
            pdf.line(x, top, x, top + 20)
        ruled(203.7, top, top + 20)
        pdf.text(44, top + 14, f"row {n}")
        pdf.text(207, top + 14, str(n))
    pdf.line(40, 440, 280, 440)
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert rows[1] == ["pleased", ">=90%", "88.5%"]


def test_pdf_a_browsers_print_footer_is_left_out():
    """Chromium prints a page's address and its number ('file:///…/table.html 1/1') in the foot margin by default:
    under a goal table it was read as one more indicator (name the address, target '1/1')."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    with pdf.table() as t:
        for row in [("level", "name", "target"), ("output", "item", ">=1"), ("satisfaction", "users", ">=90%")]:
            t.row(row)
    pdf.set_y(285)
    pdf.cell(text="file:///home/user/goals.html", new_x="LMARGIN")
    pdf.set_x(180)
    pdf.cell(text="1/1")
    rows = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    assert rows == [["level", "name", "target"], ["output", "item", ">=1"], ["satisfaction", "users", ">=90%"]]


def _chars_of_lines(lines: list[tuple[str, float]], size: float = 10.0) -> list[dict]:
    """A cell's characters, each line (text, left x) a line of its own, CJK characters a font size wide, digits half."""
    chars = []
    for k, (text, x) in enumerate(lines):
        for ch in text:
            width = size / 2 if ch.isascii() else size
            chars.append({"text": ch, "x0": x, "x1": x + width, "base": 100.0 + 14 * k, "size": size, "upright": True})
            x += width
    return chars


def test_a_line_a_mark_pushed_short_is_joined_with_the_next():
    """A mark no line may start with (`，`) takes the character before it along to the next line, so the line above
    ends two characters short of the cell's edge: `…服务120` over `个，帮扶…` was kept as two lines (a line break in
    the goal, its bigram `0个` lost to search). A line ending short without that is still a line of its own."""
    from importers.readers.pdf_lines import wrapped_text

    right = 175.0  # the first line ends at 155: two font sizes short of the edge
    pushed = _chars_of_lines([("开展个案服务共计走访困难家庭120", 0.0), ("个，帮扶对象", 0.0)])
    assert wrapped_text(pushed, right) == "开展个案服务共计走访困难家庭120个，帮扶对象"
    ended = _chars_of_lines([("开展个案服务共计走访困难家庭120", 0.0), ("帮扶对象生活", 0.0)])
    assert wrapped_text(ended, right) == "开展个案服务共计走访困难家庭120\n帮扶对象生活"


@pytest.mark.parametrize(
    "lines, room, expected",
    [
        (["通过 ISO 2700", "1 认证"], 0.4, "通过 ISO 27001 认证"),  # wrapped inside a number
        (["保障 2026", "年全区运行"], 0.4, "保障 2026年全区运行"),  # before 年, no space printed there
        (["保障 2026 ", "年全区运行"], 0.4, "保障 2026 年全区运行"),  # after the space printed there
        (["响应不超过 2 ", "小时以内"], 0.4, "响应不超过 2 小时以内"),
        (["通过 ISO ", "27001 认证"], 2.0, "通过 ISO 27001 认证"),  # the next word wider than the room left
        (["部署 ", "SCADA 平台"], 1.6, "部署 SCADA 平台"),
        (["得到有效保障。 ", "2.统筹考虑"], 3.0, "得到有效保障。\n2.统筹考虑"),  # a line ended short: the next item
        (["保障系统稳定运行。 ", "2026-2027 年度完成升级"], 3.0, "保障系统稳定运行。\n2026-2027 年度完成升级"),  # ended
        (["符合 GB/T", "22239 要求"], 1.2, "符合 GB/T 22239 要求"),  # a space not drawn: '2' had room, not taken
        (["符合 GB/T", "22239 要求"], 2.0, "符合 GB/T 22239 要求"),  # … and '22239' had none
        (["符合 GB/T 22239-", "2019 三级"], 1.8, "符合 GB/T 22239-2019 三级"),  # after a hyphen, the rest roomless
        (["偏离目标29%-2", "0%得15分"], 2.0, "偏离目标29%-20%得15分"),  # a number wrapped short inside: no space
    ],
)
def test_a_cells_line_wrapped_after_a_space_keeps_it(lines, room, expected):
    """A browser draws the space a cell's line wrapped at at the line's end ('通过 ISO ' | '27001 认证'): the lines
    were joined without it ('ISO27001'), or kept apart by a line break where the next word left more room than a
    wrap does (`room`: font sizes from the line's end to the cell's side); only a wrap between two Latin letters made
    a space. A line wrapped inside a number, or before 年 without a space, is joined as it was: without one; a line
    ending short before other text than a Latin word or a number may have ended there. A space Chromium does not draw
    at a wrap is told between a Latin letter or a digit ending a line and one starting the next whose first character
    had room there (a word wrapped inside fills its line: 'ISO 2700' | '1'); a line ending short after a hyphen whose
    rest had no room wrapped there ('22239-' | '2019' had a line break)."""
    from importers.readers.pdf_lines import wrapped_text

    chars = _chars_of_lines([(text, 0.0) for text in lines])
    right = max(c["x1"] for c in chars if c["base"] == 100.0) + room * 10.0
    assert wrapped_text(chars, right) == expected


@pytest.mark.parametrize(
    "lines, padding, room, expected",
    [
        (["全面采用ISO", "27001标准"], 0.9, 0.3, "全面采用ISO27001标准"),  # a word broken inside: '2' had no room
        (["系统版本V", "2.0及以上"], 0.72, 0.45, "系统版本V2.0及以上"),
        (["部署SCAD", "A平台"], 0.72, 0.3, "部署SCADA平台"),  # two Latin letters, the line ran to its edge
        (["开展ISO9001质量管", "理体系复审"], 0.6, 0.95, "开展ISO9001质量管理体系复审"),  # '理' had no room
        (["测评符合G", "B/T22239"], 0.8, 0.9, "测评符合GB/T22239"),  # 'B' had room, 'B/' (no line starts with '/') none
        (["符合 GB/T", "22239 要求"], 0.9, 1.2, "符合 GB/T 22239 要求"),  # '2' had room: a space not drawn
        (["部署 SCAD", "A 平台"], 0.72, 0.8, "部署 SCAD A 平台"),  # "A" had room: two words
        (["to treat the towns", "water"], 0.72, 0.3, "to treat the towns water"),  # words apart: at a space
        (["部署使用Microsoft", "Office软件"], 0.72, 0.3, "部署使用Microsoft Office软件"),  # a capital opens a word
        (["CM", "MI"], 0.9, 0.3, "CMMI"),  # a code filling its line alone, broken inside
        (["完成平台升级", "保障系统运行"], 0.9, 3.0, "完成平台升级\n保障系统运行"),  # a line ended short
        (["完成平台升级", "保障系统运行"], 3.0, -0.8, "完成平台升级\n保障系统运行"),  # an indent, not padding
    ],
)
def test_a_cells_line_that_ran_to_its_edge_by_its_measured_padding_wrapped_inside_a_word(
    lines, padding, room, expected
):
    """A cell padded wider than CELL_PADDING (Word's 0.19 cm at 7.5 pt, a browser's `padding: 8px`, LibreOffice's
    wide cell margins) leaves more than a character's room at a line that ran to its edge: a Latin code broken inside
    there got a space (`ISO 27001`, `V 2.0`, `SCAD A`), a Chinese line a line break (`质量管` | `理体系`). The cell's
    padding is measured from its left rule to where its lines begin: a line whose room before the padding is less
    than the next line's first character (with the marks no line starts with after it) ran to its edge."""
    from importers.readers.pdf_lines import wrapped_text

    size = 10.0
    chars = _chars_of_lines([(text, padding * size) for text in lines], size)
    right = max(c["x1"] for c in chars if c["base"] == 100.0) + (room + padding) * size
    assert wrapped_text(chars, right, 0.0) == expected


@pytest.mark.parametrize(
    "lines, room, expected",
    [
        (["系统通过", "ISO27001认证"], 2.0, "系统通过ISO27001认证"),  # the code had no room after '通过'
        (["等保测评符合", "GB/T22239"], 3.0, "等保测评符合GB/T22239"),
        (["标准GB/", "T22239-2019"], 3.0, "标准GB/T22239-2019"),  # after a slash, the rest roomless
        (["系统通过", "ISO27001认证"], 5.0, "系统通过\nISO27001认证"),  # it had room: the line ended there
        (["完成全年任务。", "ISO27001认证"], 2.0, "完成全年任务。\nISO27001认证"),  # a sentence ended
    ],
)
def test_a_cells_line_ending_short_of_a_code_that_had_no_room_after_a_chinese_character_wrapped_there(
    lines, room, expected
):
    """A line ending in a Chinese character short of the cell's side, before a code or number wider than the room
    left, wrapped there (a code moves whole to the next line): it kept a line break (`通过` | `ISO27001认证`), as one
    ending after a slash (`GB/` | `T22239-2019`, LibreOffice wraps there)."""
    from importers.readers.pdf_lines import wrapped_text

    chars = _chars_of_lines([(text, 0.0) for text in lines])
    right = max(c["x1"] for c in chars if c["base"] == 100.0) + room * 10.0
    assert wrapped_text(chars, right) == expected


@pytest.mark.parametrize(
    "lines, room",
    [
        (["完成养老服务设施改造任务", "2026年12月底前投入使用"], 1.8),  # '2026' is 2 font sizes wide
        (["项目资金按时足额拨付到位", "1286.5万元用于设备购置"], 2.6),
    ],
)
def test_a_line_break_typed_before_a_number_on_a_nearly_full_line_is_kept(lines, room):
    """A line break typed after a Chinese character before a line opening with a number (a year, an amount), on a
    line that ended with less room than the number is wide: a number moving whole to the next line is no sign of a
    wrap there, as a Latin code is (`通过` | `ISO27001认证`), so the line ended, as read before the codes' rule."""
    from importers.readers.pdf_lines import wrapped_text

    chars = _chars_of_lines([(text, 0.0) for text in lines])
    right = max(c["x1"] for c in chars if c["base"] == 100.0) + room * 10.0
    assert wrapped_text(chars, right) == "\n".join(lines)


def test_a_cells_padding_is_no_wider_than_the_least_room_a_line_left_on_the_right():
    """A cell indented on the left alone (Excel's 缩进, Word's 左缩进: 1.2 font sizes on the left, 0.2 on the right):
    the inset measured on the left is no padding on the right, where a line wrapped 0.2 font sizes from the rule. A
    line typed short, two font sizes before the side, ended there (it was joined as one that ran to its edge)."""
    from importers.readers.pdf_lines import wrapped_text

    lines = ["完成全区养老服务站点巡查和", "整改问题隐患共计十二项", "保障设施全年安全运行"]
    chars = _chars_of_lines([(text, 12.0) for text in lines])
    right = 12.0 + 130.0 + 2.0  # 13 characters, then 0.2 font sizes of padding
    assert wrapped_text(chars, right, 0.0) == "完成全区养老服务站点巡查和整改问题隐患共计十二项\n保障设施全年安全运行"


@pytest.mark.parametrize("going_on", [False, True])
def test_pdf_another_table_atop_a_page_with_lines_of_its_own_keeps_its_grid(going_on):
    """A table whose title row runs across it atop a page (under the last rows of the table before, or alone), its
    rows holding a line the table before has not: the rows above the first one crossing that line (its title) were
    put on the last table's columns as rows going on (`_own_lines`), the rest a table of their own. A title begins a
    table of its own: it and the rows under it keep the page's grid, the rows above it go on."""
    pdf = _table_at_a_pages_foot()
    pdf.add_page()
    if going_on:
        for left, right, text in ((40, 120, "joy"), (120, 200, "satisfaction"), (200, 280, ">=90%")):
            _cell(pdf, left, right, 20, text)
    _cell(pdf, 40, 288, 40, "Budget table")
    for left, right, text in ((40, 120, "fund"), (120, 208, "basic"), (208, 288, "860")):
        _cell(pdf, left, right, 60, text)
    read = read_bytes(bytes(pdf.output()), ".pdf")
    *above, title, row = read[2:]
    assert [cells.cells for cells in above] == ([["joy", "satisfaction", ">=90%"]] if going_on else [])
    assert all(cells.edges == read[0].edges for cells in above)
    assert (title.cells[0], [cell for n, cell in enumerate(row.cells) if cell not in row.cells[:n]]) == (
        "Budget table",
        ["fund", "basic", "860"],
    )
    assert title.edges == row.edges != read[0].edges  # (before: the title on the last table's columns)


def test_pdf_the_header_repeated_atop_a_page_with_lines_of_its_own_goes_on_with_the_table():
    """A table whose indicator header is repeated atop the next page (a sheet's print titles, thead in a browser's
    print), its last row there holding a line of its own (填报人 | 张三 | 联系电话 | …): the repeated header was taken
    for another table's (`_own_start`), so the page kept its own grid, and the form lost its first page's
    indicators. A repeat of the table's header goes on with it, and is dropped as before."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _grid(760, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]])
    sign = _grid(740, [["填报人", "张三", "联系电话", "12345678", "2026-01-05"]], lefts=(40, 140, 260, 330, 400, 520))
    second = _grid(780, [header, ["", "质量指标", "培训合格率", "≥95%"]]) + sign
    read = read_bytes(_cjk_pdf([first, second]), ".pdf")
    going_on = [["产出指标", "数量指标", "培训人次", "≥500人次"], ["", "质量指标", "培训合格率", "≥95%"]]
    assert cells(read)[:3] == [header, *going_on]
    assert read[2].edges == read[0].edges


def test_pdf_rows_say_where_they_stand_on_their_page():
    """Each row's top and its lowest line's top (a sheet printed pages wide puts a head row's rest on the next page,
    level with it: `importers.wide_print` joins it back by them): a text line's are its own; a table row's top is
    its upper rule, its foot the top of its last line of text (one line, or the second of two)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    pdf.text(40, 60, "title")
    _cell(pdf, 40, 120, 100, "goal")
    _cell(pdf, 120, 200, 100, "one line")
    for left, right in ((40, 120), (120, 200)):
        _cell(pdf, left, right, 120, "first", open_bottom=True)
        _cell(pdf, left, right, 140, "", open_top=True)
    pdf.text(122, 154, "second")
    title, one, two = read_bytes(bytes(pdf.output()), ".pdf")
    assert title.cells == ["title"] and title.foot == title.top and 45 < title.top < 60
    assert (one.top, two.top) == (100, 120)
    assert one.foot - one.top < 10 < two.foot - two.top < 30


def test_pdf_a_rows_last_cell_says_where_its_lines_end():
    """A wide print cuts a merged goal cell at the page's side: each of its lines' rest is on the next page, level
    with it. The cell's lines were read as one text (the first ran to the side: wrapped), where each ends unknown;
    the row says each line's top and where it ends in the text; a cell of one line its one line's (its rest may be
    on the next page too, level with it, not with a label's lowest line beside it). A cell short of the side says
    nothing."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for top, height in ((100, 40), (140, 20)):
        for x in (40, 120, 200):
            pdf.line(x, top, x, top + height)
        pdf.line(40, top, 200, top)
    pdf.line(40, 160, 200, 160)
    pdf.text(42, 114, "goal")
    pdf.text(122, 114, "Treat the towns")  # to the table's right side: the page's cut it
    pdf.text(122, 130, "water")
    pdf.text(42, 154, "name")
    pdf.text(122, 154, "one line")
    pdf.line(40, 180, 120, 180)
    for x in (40, 120):
        pdf.line(x, 160, x, 180)
    pdf.text(42, 174, "short")
    goal, name, short = read_bytes(bytes(pdf.output()), ".pdf")
    assert goal.cells == ["goal", "Treat the towns water"]
    assert [at for _, at in goal.breaks] == [15, 21] and 100 < goal.breaks[0][0] < 110 < goal.breaks[1][0] < 125
    assert [at for _, at in name.breaks] == [8] and short.breaks == ()


def test_pdf_rows_under_a_repeated_header_say_where_they_stand():
    """A page whose table repeats its header (a sheet's print titles, a browser's thead): its rows' tops and feet
    are their own. They were those of the row above (the header's rows left out, not their places), so a wide
    print's later page went beside the wrong rows, or beside none."""
    import pdfplumber

    data = _pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        printed = {word["text"]: word["top"] for word in pdf.pages[1].extract_words()}
    rows = [row for row in read_bytes(data, ".pdf") if row.page == 2]
    assert rows[0].cells[0] == "output"
    for row in rows[:3]:
        assert row.top < row.foot and abs(row.foot - printed[row.cells[2]]) < 1


def test_a_continued_tables_edge_takes_a_column_only_where_no_other_edge_is_nearer_it():
    """A B5 goal table's last rows and an untitled money table share one grid atop the next page (edges 43 78 131 135
    200 …, the form's 43 78 103 135 200 …): 131 took the form's 135 column (4 points off), the page's own 135 then
    matched nothing, and every level was read one column left (效益指标 as 一级 of a 成本指标, seven documents of
    review 52a's). The nearer edge takes the column."""
    from importers.readers.pdf import _matches

    page = (43.0, 78.0, 131.0, 135.0, 200.0, 311.0, 316.0, 429.0)
    form = (43.0, 78.0, 103.0, 135.0, 200.0, 215.0, 260.0, 309.0, 316.0)
    assert _matches(page, form) == [0, 1, None, 3, 4, 7, 8, None]
    assert _matches((43.0, 80.0, 139.0), form) == [0, 1, 3]  # alone near a column, an edge still takes it


@pytest.mark.parametrize("cut", [700, 775])  # well above the foot margin (its top: 758), and inside it
def test_pdf_a_header_row_the_page_break_cuts_above_or_in_the_foot_margin_keeps_its_columns(cut):
    """A sheet's two-row indicator header cut by the page break above the foot margin (LibreOffice's wider
    margins) or inside it (Excel's Normal ones): its cells' text cut across where the rules end, a rule there only
    under the target over its parts. That rule was taken to close the row, so a rule drawn in the cut row alone
    (score | reason, one money cell above them) made no column: 'score reason' one cell, and the form lost its
    scores and reasons."""
    from fpdf import FPDF

    lefts = (40, 120, 200, 260, 320, 380, 460)
    top = cut - 50  # the money row's
    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for x in (40, 120, 320, 460):  # a money row: its last cell over score and reason
        pdf.line(x, top, x, top + 30)
    pdf.line(40, top, 460, top)
    for x, text in ((44, "budget"), (124, "1200"), (324, "9.61")):
        pdf.text(x, top + 18, text)
    pdf.line(40, top + 30, 460, top + 30)
    for x in lefts:
        if x != 260:
            pdf.line(x, top + 30, x, cut)
    pdf.line(200, cut, 320, cut)  # under the target only
    pdf.text(204, cut - 6, "target")
    with pdf.rect_clip(40, top + 30, 420, 20):  # the header's cells over its two rows, their text cut by the break
        for x, text in ((44, "level"), (124, "name"), (324, "score"), (384, "reason")):
            pdf.text(x, cut + 4, text)
    pdf.add_page()
    for x in lefts:
        pdf.line(x, 100, x, 134)
    pdf.line(200, 100, 320, 100)
    for x, text in ((44, "level"), (124, "name"), (324, "score"), (384, "reason")):
        pdf.text(x, 104, text)
    pdf.text(204, 111, "sign")
    pdf.text(264, 111, "value")
    pdf.line(40, 114, 460, 114)
    for x, text in zip(lefts, ("output", "count", ">=", "80", "22.5", "rain")):
        pdf.text(x + 4, 128, text)
    pdf.line(40, 134, 460, 134)
    read = cells(read_bytes(bytes(pdf.output()), ".pdf"))
    header = next(row for row in read if "level" in row)
    assert header[-2:] == ["score", "reason"]
    assert read[-1] == ["output", "count", ">=", "80", "22.5", "rain"]


def test_a_rule_beside_a_cell_covers_none_of_it():
    """The ruled length of a cell's side (whether the page break left it open): a rule wholly right of the cell
    counted as a negative length once the cell's own rule stopped short of its corner, so a ruled cell beside other
    columns' rules read as unruled and was opened (stop 55b worked around it for the cut edges only)."""
    from importers.readers.pdf import _ruled_length

    def rule(x0, x1):
        return {"x0": x0, "x1": x1, "top": 300.0}

    assert _ruled_length([rule(100, 199.5), rule(300, 400)], 100, 200, 300) == 99.5
    assert _ruled_length([rule(300, 400), rule(0, 50)], 100, 200, 300) == 0
    assert _ruled_length([rule(90, 150), rule(140, 260)], 100, 200, 300) == 100


@pytest.mark.parametrize("foot", ["第 1 页", "- 1 -"])
def test_pdf_a_running_foot_holding_a_page_number_among_other_pieces_is_left_out(foot):
    """A Word footer of three parts under a table running to the page's foot ('某县交通运输局 | 第 1 页 |
    2026年1月8日', set by tabs) was read as a row of the table: an indicator, its level carried on to the rows after
    it. A line at the page's foot holding a page number among its pieces is the running foot, left out as a page
    number alone is; the same line higher up the page is read."""
    grid = [["产出指标", "数量指标", "维修农村公路", "≥1公里"], ["效益指标", "社会效益指标", "群众出行", "改善"]]
    table = _grid(800, grid)
    for y, kept in ((30, False), (600, True)):
        line = _cjk(40, y, "某县交通运输局") + _cjk(280, y, foot) + _cjk(480, y, "2026年1月8日")
        rows = cells(read_bytes(_cjk_pdf([table + line]), ".pdf"))
        assert (["某县交通运输局", foot, "2026年1月8日"] in rows) is kept
        assert rows[:2] == grid


def test_pdf_a_line_at_the_first_pages_top_holding_a_page_number_among_other_pieces_is_read():
    """'单位：元 | 第 1 页' at the first page's top over the table: read, its money's unit with it (the running-foot
    rule left it out, and the amount's unit 元 was lost without a word); the same line at the next page's top is
    its running head, left out."""
    grid = [["产出指标", "数量指标", "维修农村公路", "≥1公里"], ["效益指标", "社会效益指标", "群众出行", "改善"]]
    line = _cjk(40, 800, "单位：元") + _cjk(440, 800, "第 1 页")
    more = [["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
    head = _cjk(40, 800, "单位：元") + _cjk(440, 800, "第 2 页")
    rows = cells(read_bytes(_cjk_pdf([_grid(760, grid) + line, _grid(760, more) + head]), ".pdf"))
    assert rows == [["单位：元", "第 1 页"], *grid, *more]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("表.xlsx", "不是 Excel/WPS 表格"),
        ("表.et", "不是 Excel/WPS 表格"),
        ("目标.pdf", "不是 PDF"),
        ("目标.doc", "不是 Word/WPS 文档"),
    ],
)
def test_a_damaged_or_misnamed_office_file_or_pdf_is_said_to_be_none(tmp_path, name, said):
    """Bytes that are no PDF, sheet or Word file, nor text, under such a name: the officer sent a spreadsheet or a PDF,
    and was told 'binary data, not a text document' (what it was tried as last)."""
    path = tmp_path / name
    path.write_bytes(bytes(range(1, 256)) * 8 + b"\x00" * 64)
    with pytest.raises(UnreadableFile, match=f"^扩展名是 {path.suffix}，但内容不是") as failure:
        read_rows(path)
    assert said in str(failure.value) and "damaged or misnamed" in str(failure.value)


def test_a_misnamed_text_or_an_empty_file_is_said_as_before(tmp_path):
    """Text under a PDF's name is read as text (the bytes decide); an empty file is empty, a binary .txt binary."""
    (tmp_path / "a.pdf").write_bytes("项目名称\t指标\n".encode())
    assert read_rows(tmp_path / "a.pdf")[0].values() == ["项目名称", "指标"]
    (tmp_path / "b.xlsx").write_bytes(b"")
    with pytest.raises(UnreadableFile, match="^空文件"):
        read_rows(tmp_path / "b.xlsx")
    (tmp_path / "c.txt").write_bytes(bytes(range(1, 256)) * 8 + b"\x00" * 64)
    with pytest.raises(UnreadableFile, match="^二进制数据"):
        read_rows(tmp_path / "c.txt")


def test_pdf_a_row_atop_the_next_page_under_a_last_row_filling_its_columns_by_its_words():
    """A page's first line under a last row whose name and target fill their columns: LibreOffice draws a row broken
    at the page and a row ending there alike, so its place cannot tell a row's rest from a row; its words can. A line
    filling the name's column and the target's with a target of its own ('有效提升', '95%以上') under a whole target
    ('当年全部完成') had been joined to it as its rest, silently: a row of its own. A target's broken line above
    ('群众服务水平' ⏎ '明显提升', '2027年' ⏎ '10月底前') keeps its rest; where the words do not tell ('群众满意' |
    '服务水平' under a whole target) the line is joined, and the reader says so."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一百二") + line(751, "", "", "工程数量", "十处")
    first += line(733, "", "质量指标", "验收合格率", "百分之百")
    whole = first + line(715, "", "时效指标", "资金拨付完成", "当年全部完成")
    after = line(782, "效益指标", "社会效益", "出行条件", "明显改善")
    for name, target in (("满意度", "有效提升"), ("群众满意", "95%以上")):
        rows = read_bytes(_cjk_pdf([whole, line(800, "", "", name, target) + after]), ".pdf")
        assert cells(rows)[3:5] == [["", "时效指标", "资金拨付完成", "当年全部完成"], ["", "", name, target]]
        assert rows.notes == []
    broken = first + line(715, "", "时效指标", "资金拨付完成", "群众服务水平")
    rows = read_bytes(_cjk_pdf([broken, line(800, "", "", "情况", "明显提升") + after]), ".pdf")
    assert cells(rows)[3] == ["", "时效指标", "资金拨付完成\n情况", "群众服务水平\n明显提升"]
    dated = first + line(715, "", "时效指标", "资金拨付完成", "2027年")
    rows = read_bytes(_cjk_pdf([dated, line(800, "", "", "时间", "10月底前") + after]), ".pdf")
    assert cells(rows)[3] == ["", "时效指标", "资金拨付完成\n时间", "2027年\n10月底前"]
    assert rows.notes == []
    rows = read_bytes(_cjk_pdf([whole, line(800, "", "", "群众满意", "服务水平") + after]), ".pdf")
    assert cells(rows)[3] == ["", "时效指标", "资金拨付完成\n群众满意", "当年全部完成\n服务水平"]
    assert len(rows.notes) == 1 and rows.notes[0].startswith("第 2 页首行「群众满意 | 服务水平」已接在上一页末行之后")


def test_pdf_a_goals_last_line_beside_a_rows_rest_atop_the_next_page_goes_with_it():
    """A flat sheet's row Word broke over a page beside its project's goal, merged down and broken there too: the
    page's first line held the goal's last line, the name's rest and the target's ('众安全饮水。' | '人数' | '次', stop
    60b's B02) and, a project's head among its cells, was left a row of its own: the indicator cut in two, silently.
    A head's line goes along, to the row its cell stands on, its lines below it alone left to the layout ('兜住底线。',
    stop 60b's B14, had kept the line a row too); a line holding a project's first head cell (a new project) or a
    head going on beside the next row is left to the layout."""

    first = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    first += line(762, "饮水工程养护", "完成饮水工程", "维修养护供水", "不少于一百二")
    first += line(751, "", "维修养护一百", "工程数量", "十处")
    first += line(733, "", "二十处保障群", "验收合格率", "百分之百") + line(715, "", "", "救助困难群众", "≥3000人")
    second = line(800, "", "众安全饮水。", "人数", "次") + line(782, "", "", "出行条件", "明显改善")
    assert cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[2:] == [
        ["", "二十处保障群\n众安全饮水。", "验收合格率", "百分之百"],
        ["", "", "救助困难群众\n人数", "≥3000人\n次"],
        ["", "", "出行条件", "明显改善"],
    ]
    on = second.replace(_cjk(120, 800, "众安全饮水。"), _cjk(120, 800, "众安全饮水") + _cjk(120, 782, "保障"))
    assert cells(read_bytes(_cjk_pdf([first, on]), ".pdf"))[4][2:] == ["人数", "次"]
    new = second.replace(_cjk(120, 800, "众安全饮水。"), _cjk(40, 800, "道路养护") + _cjk(120, 800, "保障通行。"))
    assert cells(read_bytes(_cjk_pdf([first, new]), ".pdf"))[4][:2] == ["道路养护", "保障通行。"]
    page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    page += line(762, "饮水工程养护", "完成饮水工程", "维修养护供水", "不少于一百二")
    page += line(751, "", "维修养护一百", "工程数量", "十处") + line(740, "", "二十处保障群")
    page += line(729, "", "众安全饮水和", "救助困难群众", "≥3000人")
    going = (
        line(800, "", "基本生活，并", "人数", "次")
        + line(789, "", "兜住底线。")
        + line(771, "", "", "出行条件", "明显改善")
    )
    rows = cells(read_bytes(_cjk_pdf([page, going]), ".pdf"))
    assert rows[1][1].endswith("饮水和\n基本生活，并")
    assert rows[2:] == [
        ["", "", "救助困难群众\n人数", "≥3000人\n次"],
        ["", "兜住底线。", "", ""],
        ["", "", "出行条件", "明显改善"],
    ]


def test_pdf_a_goals_last_line_beside_a_row_of_its_own_atop_the_next_page_keeps_the_row():
    """A goal's last line atop a page beside a row's first line, under a last row filling its columns: the head's
    piece had kept the line a row (the layout joins the goal's rest); going along with a row's rest (`_carried`), the
    row was joined to the last one where the words said nothing more than that the last target is none whole
    ('耕地提高一级'), or that a one-character target ('无') under a figure is its unit's rest, silently: a yes or no
    is a whole target, beside a goal or not."""

    first = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    first += line(762, "饮水工程养护", "完成饮水工程", "维修养护供水", "不少于一百二")
    first += line(751, "", "维修养护一百", "工程数量", "十处") + line(733, "", "二十处保障群", "验收合格率", "百分之百")
    cases = (
        ("耕地提高一级", "众安全饮水。", "学校办学条件", "显著增强"),
        ("≥3000人次", "众安全饮水。", "是否发生事故", "无"),
    )
    for last, goal, name, target in (*cases, ("≥3000人次", "", "是否发生事故", "无")):
        page = first + line(715, "", "", "救助困难群众", last)
        second = line(800, "", goal, name, target) + line(782, "", "", "出行条件", "明显改善")
        rows = read_bytes(_cjk_pdf([page, second]), ".pdf")
        assert cells(rows)[3:5] == [["", "", "救助困难群众", last], ["", goal, name, target]]
        assert rows.notes == []
    # a new project's first line, its 序号 centred lower: its name and goal had gone to the last project, silently

    def row(y, *texts):
        return b"".join(_cjk(x, y, text) for x, text in zip((40, 70, 150, 230, 330), texts) if text)

    page = row(780, "序号", "项目名称", "年度绩效目标", "三级指标", "指标值")
    page += row(762, "1", "饮水工程养护", "保障群众饮水", "维修养护供水", "不少于一百二") + row(
        751, "", "", "", "工程数量", "十处"
    )
    page += row(733, "", "", "", "验收合格率", "百分之百") + row(715, "", "", "", "救助困难群众", "耕地提高一级")
    second = row(800, "", "道路养护工程", "保障通行。", "学校办学条件", "显著增强") + row(
        782, "2", "", "", "出行条件", "明显改善"
    )
    assert cells(read_bytes(_cjk_pdf([page, second]), ".pdf"))[4][1:3] == ["道路养护工程", "保障通行。"]


def test_pdf_a_label_centred_below_rows_the_last_pages_group_goes_on_with():
    """A table without vertical rules whose merged cells are centred, going on over a page: LibreOffice prints a
    merged cell the page breaks at its top, on the page before, and nothing of it on the next; there the next group's
    label stands centred on that group alone, below rows still the last page's group's. Its group had been taken
    from the page's first row down: the last group's rows went to the next label ('效益指标' over '资金拨付及时率', a
    project's head over the last project's rows), silently (stop 58b's C, stop 61b's V03). The first label's group
    begins where its middle is the label's, a project's where a level-1 group begins ('道路养护' as far from the middle
    of the rows from '群众满意度' as from '工程验收合格率' down, under '满意度指标' centred on the two rows above)."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水工程", "≥120处") + line(
        744, "", "", "救助困难群众人数", "≥300人"
    )
    first += line(726, "", "质量指标", "工程验收合格率", "=100%")
    second = line(800, "", "时效指标", "资金拨付及时率", "=100%") + line(
        782, "", "成本指标", "人均补助标准", "≤380元/人"
    )
    second += line(764, "", "", "群众出行条件", "明显改善") + line(755, "效益指标", "社会效益")
    second += line(746, "", "", "老年人生活质量", "明显提高")
    assert [row[:2] for row in cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[4:]] == [
        ["", "时效指标"],
        ["", "成本指标"],
        ["效益指标", "社会效益"],
        ["", ""],
    ]
    first = line(780, "项目名称", "一级指标", "三级指标", "指标值")
    first += line(762, "饮水工程", "产出指标", "维修养护供水工程", "≥120处") + line(
        744, "", "", "救助困难群众人数", "≥300人"
    )
    first += line(726, "", "效益指标", "群众出行条件", "明显改善")
    second = (
        line(800, "", "", "服务对象满意度", "≥95%")
        + line(790, "", "满意度指标")
        + line(780, "", "", "群众满意度", "≥90%")
    )
    second += (
        line(760, "", "", "工程验收合格率", "=100%")
        + line(750, "", "产出指标")
        + line(740, "", "", "人均补助标准", "≤380元/人")
    )
    second += line(735, "道路养护") + line(720, "", "", "老年人生活质量", "明显提高") + line(710, "", "效益指标")
    second += line(700, "", "", "设施运行机制", "健全")
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[4:]
    assert [row[0] for row in rows] == ["", "", "道路养护", "", "", ""]


def test_pdf_a_level_1_label_atop_a_page_begins_its_group_where_a_level_2_group_begins():
    """A page a table goes on to, its first rows a new level-1 group: its label, centred on the group, stood off the
    group's middle by more than a font size (uneven rows, review 63R-b's T09), and the group was begun a row lower,
    where it fit better, the row above taking the last page's label ('公共文化服务水平' under '产出指标', printed at its
    part's top on the page before), silently. A level-1 group begins where a level-2 group does: '社会效益', centred
    on the page's first four rows, begins at the first."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "", "维修养护供水工程", "≥120处") + line(753, "", "数量指标")
    first += line(744, "", "", "救助困难群众人数", "≥300人") + line(726, "", "质量指标", "工程验收合格率", "=100%")
    second = line(800, "", "", "公共文化服务水平", "稳步提高") + line(780, "", "", "群众就医负担", "明显减轻")
    second += line(770, "", "社会效益") + line(760, "", "", "学生综合素质", "有效提升") + line(749, "效益指标")
    second += line(740, "", "", "长效管护机制", "健全") + line(720, "", "生态效益", "河道水质", "稳定达标")
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[4:]
    assert [row[:2] for row in rows] == [["效益指标", "社会效益"], ["", ""], ["", ""], ["", ""], ["", "生态效益"]]


def test_pdf_a_level_1_label_atop_a_page_below_its_level_2_groups_begins_its_group_where_its_level_2_is_blank():
    """A page a table goes on to, a level-2 group ('时效指标') centred on its first two rows, then a level-1 group
    with its level 2 left blank ('满意度指标' centred on the last two): a level-1 group begins where a level-2 group
    does (T09's mend) or below the last one by its label; it had been begun on the page's first row, the '时效指标'
    rows' level 1 '满意度指标' and the satisfaction rows' level 2 '时效指标', silently (review 64b)."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "", "维修养护供水工程", "≥120处") + line(753, "", "数量指标")
    first += line(744, "", "", "救助困难群众人数", "≥300人") + line(726, "", "质量指标", "工程验收合格率", "=100%")
    second = line(800, "", "", "资金拨付及时率", "=100%") + line(790, "", "时效指标")
    second += line(780, "", "", "项目完成及时率", "=100%") + line(760, "", "", "服务对象满意度", "≥95%")
    second += line(750, "满意度指标") + line(740, "", "", "受益群众满意度", "≥90%")
    rows = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))[4:]
    assert [row[:2] for row in rows] == [["", "时效指标"], ["", ""], ["满意度指标", ""], ["", ""]]


def test_pdf_a_projects_head_cells_atop_a_page_begin_on_one_row():
    """A page a table goes on to, a new project's head cells centred on its rows below the last project's row: its
    goal's three lines, set a little high, stood near enough the middle of the rows from the page's first, and the
    goal began there, the last project's ('完成道路养护…' beside '群众满意度', the new project's goal empty), silently
    (stop 64b's W03, 2 of 6 projects). A project's head cells begin on one row, where most of them put it."""

    def row(y, *texts):
        return b"".join(_cjk(x, y, text) for x, text in zip((20, 50, 110, 180, 240, 330), texts) if text)

    page = row(780, "序号", "项目名称", "年度绩效目标", "一级指标", "三级指标", "指标值")
    page += row(762, "1", "饮水工程养护", "保障群众饮水", "产出指标", "维修养护供水工程", "≥120处")
    page += row(744, "", "", "安全。", "", "工程验收合格率", "=100%")
    page += row(726, "", "", "", "", "救助困难群众人数", "≥300人")
    second = row(800, "", "", "", "", "群众满意度", "≥90%") + row(786, "", "", "完成道路养护")
    second += row(780, "", "", "", "", "道路养护里程", "≥50公里") + row(777, "", "", "五十公里，保")
    second += row(770, "2", "道路养护", "", "产出指标") + row(768, "", "", "障通行。")
    second += row(760, "", "", "", "", "工程验收合格率", "=100%")
    rows = cells(read_bytes(_cjk_pdf([page, second]), ".pdf"))[4:]
    assert [row[:3] for row in rows] == [
        ["", "", ""],
        ["2", "道路养护", "完成道路养护五十公里，保障通行。"],
        ["", "", ""],
    ]


def test_pdf_a_name_and_target_wrapped_line_for_line_in_rows_set_as_close_join_by_their_words():
    """A table without rules whose rows stand as close as a cell's lines (Word's tight rows, cells top-aligned): a
    name and its target wrapped line for line ('医疗救助' | '≥5000' ⏎ '人次' | '人次') had been two indicators, the
    second '人次' | '人次', without a word (stop 63b's c63 C02, C08, C20…; a goal's lines beside them). Where the
    target above is a broken line by its words (a figure without its unit, '≤640元/') and the line's own is no whole
    target, or a figure's unit over its last character ('≥3000人' ⏎ '次'), the line is the row's rest; a whole target
    under it ('明显改善'), or a grade ('优'), keeps its row; a bare figure is whole, but over a date's rest ('2027' ⏎
    '年6月')."""

    page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    page += line(762, "饮水工程", "保障群众饮", "医疗救助", "≥5000") + line(751, "", "水安全。", "人次", "人次")
    page += line(740, "", "", "工程验收", "=100%") + line(729, "", "", "人均补助", "≤1500")
    page += line(718, "", "", "标准", "元/人") + line(707, "", "", "救助人数", "≥3000")
    page += line(696, "", "", "群众生活", "明显改善") + line(685, "", "", "救助困难", "≥3000人")
    page += line(674, "", "", "群众", "次") + line(663, "", "", "覆盖户数", "≥3000户")
    page += line(652, "", "", "服务评级", "优")
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:] == [
        ["饮水工程", "保障群众饮水安全。", "医疗救助人次", "≥5000人次"],
        ["", "", "工程验收", "=100%"],
        ["", "", "人均补助标准", "≤1500元/人"],
        ["", "", "救助人数", "≥3000"],
        ["", "", "群众生活", "明显改善"],
        ["", "", "救助困难群众", "≥3000人次"],
        ["", "", "覆盖户数", "≥3000户"],
        ["", "", "服务评级", "优"],
    ]
    page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值") + line(762, "饮水工程", "", "建成投用", "2027")
    page += line(751, "", "", "时间", "年6月") + line(740, "", "", "维修处数", "120")
    page += line(729, "", "", "项目", "金额") + line(718, "", "", "验收合格", "100%")
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:] == [
        ["饮水工程", "", "建成投用时间", "2027年6月"],
        ["", "", "维修处数", "120"],
        ["", "", "项目", "金额"],
        ["", "", "验收合格", "100%"],
    ]


def test_pdf_a_word_target_under_a_figure_without_its_unit_in_rows_set_as_close_keeps_its_row():
    """Rows as close as a cell's lines, a goal's lines beside them: a row whose target is a word no unit begins with
    ('较好', '有', '达到要求'), under a target without its unit ('≥5000', its unit in the name) or a figure and one
    unit character ('≥3000人'), is a row of its own: joined as the rest of the row above ('医疗救助服务质量' |
    '≥5000较好'), one indicator had been lost without a word (review 64b)."""

    for above, below in (
        (("医疗救助", "≥5000"), ("服务质量", "较好")),
        (("救助困难", "≥3000人"), ("台账建立", "有")),
        (("补助标准", "≤640元/"), ("工作要求", "达到要求")),
    ):
        page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
        page += line(762, "饮水工程", "保障群众饮", *above) + line(751, "", "水安全。", *below)
        page += line(740, "", "", "工程验收", "=100%")
        assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:] == [
            ["饮水工程", "保障群众饮水安全。", *above],
            ["", "", *below],
            ["", "", "工程验收", "=100%"],
        ]


def test_pdf_a_word_target_beginning_as_a_unit_does_under_a_figure_without_its_unit_keeps_its_row():
    """Rows as close as a cell's lines: a row whose target is a word that only begins with a unit's character
    ('时效性强', '个性化', '户户' ⏎ '通'), under a figure without its unit, had been joined as its unit's rest
    ('医疗救助办理时效' | '≥5000时效性强'), one indicator lost without a word, mid-page and atop the next page. A unit's
    whole rest still goes on ('≥5000' ⏎ '人次以上'), and so does a unit's rest under a figure and the unit's first
    characters ('≥1.2万' ⏎ '平方米', '≥1200平' ⏎ '方米', '≥2.5万人' ⏎ '次': each had been two rows)."""

    head = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    for below in (("办理时效", "时效性强"), ("服务方式", "个性化")):
        page = head + line(762, "饮水工程", "保障群众饮", "医疗救助", "≥5000") + line(751, "", "水安全。", *below)
        page += line(740, "", "", "工程验收", "=100%")
        assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:] == [
            ["饮水工程", "保障群众饮水安全。", "医疗救助", "≥5000"],
            ["", "", *below],
            ["", "", "工程验收", "=100%"],
        ]
    above = head + line(762, "饮水工程", "保障群众饮", "医疗救助", "≥5000")
    page = (
        above
        + line(751, "", "水安全。", "通达情况", "户户")
        + line(740, "", "", "", "通")
        + line(729, "", "", "工程验收", "=100%")
    )
    assert [row[2:] for row in cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:]] == [
        ["医疗救助", "≥5000"],
        ["通达情况", "户户\n通"],
        ["工程验收", "=100%"],
    ]
    page = (
        above
        + line(751, "", "水安全。", "人次", "人次以上")
        + line(740, "", "", "改造老旧", "≥1.2万")
        + line(729, "", "", "小区面积", "平方米")
    )
    page += line(718, "", "", "新建绿地", "≥1200平") + line(707, "", "", "面积", "方米")
    page += line(696, "", "", "培训干部", "≥2.5万人") + line(685, "", "", "人次", "次")
    page += line(674, "", "", "工程验收", "=100%")
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[1:] == [
        ["饮水工程", "保障群众饮水安全。", "医疗救助人次", "≥5000人次以上"],
        ["", "", "改造老旧小区面积", "≥1.2万平方米"],
        ["", "", "新建绿地面积", "≥1200平方米"],
        ["", "", "培训干部人次", "≥2.5万人次"],
        ["", "", "工程验收", "=100%"],
    ]
    page = head + line(762, "饮水工程", "保障群众饮", "医疗救助", "≥5000") + line(751, "", "水安全。", "人次", "人次")
    going = line(800, "", "", "服务态度", "人性化") + line(789, "", "", "覆盖户数", "≥95%")
    rows = read_bytes(_cjk_pdf([page + line(740, "", "", "培训人数", "≥2000"), going]), ".pdf")
    assert [row[2:] for row in cells(rows)[2:]] == [["培训人数", "≥2000"], ["服务态度", "人性化"], ["覆盖户数", "≥95%"]]


def test_pdf_a_heads_rest_beside_a_names_rest_atop_the_next_page_goes_along():
    """A row Word broke over a page beside its project's goal, the target whole on the page before: the next page's
    first line held the goal's last line and the name's rest ('基本生活，并' | '人数', stop 59b's F03, stop 58b's C01
    with the project's name's rest '淤疏通'); the head's piece kept it a row, an indicator without a target, silently.
    The head's pieces go along, with its lines below alone, to the row its cell stands on; the name's rest is the
    layout's to join. The goal's last line above the page's last row ran to its column's edge: its cell broke there.
    A project's name in the lines below is a new project's: its goal stays (it had gone along, the name too)."""

    page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    page += line(762, "饮水工程养护", "完成饮水工程", "维修养护供水", "不少于一百二")
    page += line(751, "", "维修养护一百", "工程数量", "十处") + line(740, "", "二十处保障群")
    page += line(729, "", "众安全饮水和", "救助困难群众", "≥3000人次")
    going = (
        line(800, "", "基本生活，并", "人数") + line(789, "", "兜住底线。") + line(771, "", "", "出行条件", "明显改善")
    )
    rows = cells(read_bytes(_cjk_pdf([page, going]), ".pdf"))
    assert rows[1][1].endswith("饮水和\n基本生活，并\n兜住底线。")
    assert rows[2:] == [["", "", "救助困难群众", "≥3000人次"], ["", "", "人数", ""], ["", "", "出行条件", "明显改善"]]
    new = going.replace(_cjk(120, 800, "基本生活，并"), _cjk(40, 800, "道路养护") + _cjk(120, 800, "保障通行"))
    assert cells(read_bytes(_cjk_pdf([page, new]), ".pdf"))[3][:3] == ["道路养护", "保障通行兜住底线。", "人数"]
    new = line(800, "", "保障道路安全", "人数") + line(789, "道路养护", "畅通。")  # (a new project)
    rows = cells(read_bytes(_cjk_pdf([page, new + line(771, "", "", "出行条件", "明显改善")]), ".pdf"))
    assert rows[1][:2] == ["饮水工程养护", "完成饮水工程维修养护一百二十处保障群众安全饮水和"]
    assert rows[3][:2] == ["道路养护", "保障道路安全畅通。"]


def test_pdf_a_row_atop_the_next_page_under_a_step_up_is_no_rest():
    """A step up or down ('提高一级', '提高0.5个等级') is a whole target: a page's first line filling the name's and
    the target's columns under it had been joined to it as its rest ('耕地质量等级 | 提高一级' then '学校办学条件 |
    显著增强', stop 62b's W25 and C04), silently. A row of its own where its target is one, else joined and said; a
    step's broken line ('提高0.5个' ⏎ '等级') keeps its rest."""

    first = line(780, "一级指标", "二级指标", "三级指标", "指标值")
    first += line(762, "产出指标", "数量指标", "维修养护供水", "不少于一") + line(751, "", "", "工程数量", "百二十处")
    after = line(782, "效益指标", "社会效益", "出行条件", "明显改善")
    for step in ("提高一级", "提高0.5个等级"):
        page = first + line(733, "", "质量指标", "耕地质量等级", step)
        rows = read_bytes(_cjk_pdf([page, line(800, "", "", "学校办学条件", "显著增强") + after]), ".pdf")
        assert cells(rows)[2:4] == [["", "质量指标", "耕地质量等级", step], ["", "", "学校办学条件", "显著增强"]]
        assert rows.notes == []
    rows = read_bytes(
        _cjk_pdf(
            [
                first + line(733, "", "质量指标", "耕地质量等级", "提高一级"),
                line(800, "", "", "群众安全饮水", "服务水平") + after,
            ]
        ),
        ".pdf",
    )
    assert cells(rows)[2] == ["", "质量指标", "耕地质量等级\n群众安全饮水", "提高一级\n服务水平"]
    assert len(rows.notes) == 1
    page = first + line(733, "", "质量指标", "耕地质量等级", "提高0.5个")
    rows = read_bytes(_cjk_pdf([page, line(800, "", "", "情况", "等级") + after]), ".pdf")
    assert cells(rows)[2] == ["", "质量指标", "耕地质量等级\n情况", "提高0.5个\n等级"]
    assert rows.notes == []


def test_pdf_a_table_ruled_under_its_rows_keeps_a_column_whose_rule_begins_it():
    """Word's table ruled by each row's bottom border, printed by LibreOffice: no rule under a merged cell, so a rule
    begins where the cells after it close. Atop a page the level merged over the break goes on blank, the columns
    before it blank too, and the next level's label stands once ('满意度指标'): no three words align there for the
    text's edges to find, its column was one with the blank ones, its label spread over every row of the page, the
    last level's rest read under it (review 60R-b's E03, silently). Where a rule begins inside the table is a column's
    edge."""
    lefts = (40, 200, 260, 350, 450, 555)
    rows = [
        (2, ("", "", "指标", "度", "")),  # (the rest of the last page's last row)
        (1, ("", "", "生态效益指标", "农村人居环境", "持续改善")),
        (3, ("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")),
        (0, ("", "", "", "受训人员满意度", "≥92%")),
    ]
    page = b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    for n, (first, texts) in enumerate(rows):
        bottom = 780 - 20 * n
        page += b"".join(_cjk(x + 4, bottom + 6, text) for x, text in zip(lefts, texts) if text)
        page += b"%d %d %d 0.5 re f\n" % (lefts[first], bottom, lefts[-1] - lefts[first])
    read = cells(read_bytes(_cjk_pdf([page]), ".pdf"))
    assert [row[-4:] for row in read] == [
        ["", "指标", "度", ""],
        ["", "生态效益指标", "农村人居环境", "持续改善"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
        ["满意度指标", "服务对象满意度指标", "受训人员满意度", "≥92%"],
    ]


def test_pdf_a_table_ruled_under_its_rows_keeps_no_column_where_an_underline_begins():
    """Word's table ruled by each row's bottom border, a target underlined in the middle of its cell ('40座' centred):
    its underline begins inside the table, short of its right side, no rule before it at its height. It is no row's
    rule: the target's cell stays one. Taken for a column's edge, the table had been refused (review 63R-a's U05)."""
    lefts = (40, 200, 260, 350, 450, 555)
    rows = [
        (0, ("1", "污水管网改造", "数量指标", "新建污水管网", "≥8公里")),
        (2, ("", "", "", "改造检查井", "40座")),
        (2, ("", "", "质量指标", "工程验收合格率", "100%")),
        (0, ("", "", "", "群众满意度", "≥90%")),
    ]
    header = ["序号", "项目名称", "二级指标", "三级指标", "指标值"]
    page = _cjk(40, 820, "项目支出绩效目标表") + b"".join(_cjk(x + 4, 806, text) for x, text in zip(lefts, header))
    page += b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    for n, (first, texts) in enumerate(rows):
        bottom = 780 - 20 * n
        for k, (x, text) in enumerate(zip(lefts, texts)):
            if text:
                x = (x + lefts[k + 1] - 10 * len(text)) // 2 if k == len(texts) - 1 else x + 4
                page += _cjk(x, bottom + 6, text)
                if text == "40座":
                    page += b"%d %d %d 0.5 re f\n" % (x, bottom + 4, 10 * len(text))
        page += b"%d %d %d 0.5 re f\n" % (lefts[first], bottom, lefts[-1] - lefts[first])
    read = cells(read_bytes(_cjk_pdf([page]), ".pdf"))
    assert [row[-2:] for row in read[-4:]] == [[texts[3], texts[4]] for _, texts in rows]


@pytest.mark.parametrize("cut", [True, False])
def test_pdf_a_pages_first_row_of_merged_cells_rests_alone_is_the_last_rows_rest(cut):
    """Word's level labels merged over two rows, the page break falling inside the first, LibreOffice ruling both
    pages' edges: the labels' first lines end the page ('满意度指', '服务对象满', each a full line), beside the row's
    whole indicator; atop the next their rests ('标', '意度指标') stand in a row of their own, blank in the
    indicator's columns, the merged cells going on over the row below. It had been a row, the rests the levels of
    the row below, without a word (stop 63a's L08). The rests join the row above, the rows below take the labels
    whole. Beside whole labels ending on short lines, a level's labels atop the page over an empty row are its own."""
    lefts = (40, 84, 138, 260, 380) if cut else (40, 140, 260, 400, 520)  # (cut: columns as wide as a label's line)
    last = ["满意度指", "服务对象满"] if cut else ["效益指标", "社会效益指标"]
    atop = ["标", "意度指标"] if cut else ["满意度指标", "服务对象满意度指标"]

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 780, "项目支出绩效目标表") + _grid(
        760, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]], lefts
    )
    first += b"".join(
        box(a, b, 720, 20, text) for a, b, text in zip(lefts, lefts[1:], [*last, "受训人员满意度", "≥92%"])
    )
    second = box(lefts[0], lefts[1], 800, 40, atop[0]) + box(lefts[1], lefts[2], 800, 40, atop[1])
    second += box(lefts[2], lefts[3], 800, 20) + box(lefts[3], lefts[4], 800, 20)
    second += box(lefts[2], lefts[3], 780, 20, "群众满意度") + box(lefts[3], lefts[4], 780, 20, "≥90%")
    read = [[text.replace("\n", "") for text in row] for row in cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))]
    whole = ["满意度指标", "服务对象满意度指标"]
    if cut:
        assert read[-2:] == [[*whole, "受训人员满意度", "≥92%"], [*whole, "群众满意度", "≥90%"]]
    else:
        assert read[-3:] == [[*last, "受训人员满意度", "≥92%"], [*whole, "", ""], [*whole, "群众满意度", "≥90%"]]


def test_pdf_a_bounds_word_atop_the_next_page_under_a_step_up_is_its_rest():
    """'提高一级' ⏎ '以上' broken by the page, the name's rest beside it ('耕地质量等级' ⏎ '提升'): a bound's word is
    never a target, so the line is the row's rest, said nothing of (a whole step above it, it had been joined and
    said unsure) and beside a goal going on as well (it had been a row of its own, the indicator cut in two,
    silently)."""

    page = line(780, "项目名称", "年度绩效目标", "三级指标", "指标值")
    page += line(762, "饮水工程养护", "完成饮水工程", "维修养护供水", "不少于一")
    page += line(751, "", "维修养护一百", "工程数量", "百二十处")
    page += line(733, "", "二十处保障群", "耕地质量等级", "提高一级")
    after = line(782, "", "", "出行条件", "明显改善")
    for goal in ("", "众安全饮水。"):
        rows = read_bytes(_cjk_pdf([page, line(800, "", goal, "提升", "以上") + after]), ".pdf")
        assert cells(rows)[2:] == [
            ["", "二十处保障群" + (goal and "\n" + goal), "耕地质量等级\n提升", "提高一级\n以上"],
            ["", "", "出行条件", "明显改善"],
        ]
        assert rows.notes == []


def test_pdf_a_pages_first_row_of_merged_cells_is_no_rest_beside_labels_merged_from_above():
    """The last page's last row's levels merged over it from the row above, their labels whole at that row's top
    (not down to the foot: no break cut them), atop the next page a level's labels over an empty row: that row is
    its own. The labels had been joined to the last row's, its levels, project and indicator cells taken by the
    rows below, without a word (review 63R-a's Word tables, placeholder rows under a level changing at the break)."""
    lefts = (40, 140, 260, 400, 520)

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 780, "项目支出绩效目标表") + _grid(
        760, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]], lefts
    )
    first += box(lefts[0], lefts[1], 720, 40, "效益指标") + box(lefts[1], lefts[2], 720, 40, "社会效益指标")
    first += box(lefts[2], lefts[3], 720, 20, "污水收集率") + box(lefts[3], lefts[4], 720, 20, "明显提高")
    first += box(lefts[2], lefts[3], 700, 20, "河道水质") + box(lefts[3], lefts[4], 700, 20, "持续改善")
    whole = ["满意度指标", "服务对象满意度指标"]
    second = box(lefts[0], lefts[1], 800, 40, whole[0]) + box(lefts[1], lefts[2], 800, 40, whole[1])
    second += box(lefts[2], lefts[3], 800, 20) + box(lefts[3], lefts[4], 800, 20)
    second += box(lefts[2], lefts[3], 780, 20, "群众满意度") + box(lefts[3], lefts[4], 780, 20, "≥90%")
    read = [[text.replace("\n", "") for text in row] for row in cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))]
    levels = ["效益指标", "社会效益指标"]
    assert read[-4:] == [
        [*levels, "污水收集率", "明显提高"],
        [*levels, "河道水质", "持续改善"],
        [*whole, "", ""],
        [*whole, "群众满意度", "≥90%"],
    ]


def test_pdf_a_table_ruled_across_only_going_on_in_two_rows_takes_the_last_pages_columns():
    """Word's table ruled by each row's bottom border, its last two rows atop page 2 beside project cells merged over
    the break (blank there): two words stand in the target's column, too few for the text's edges to find it, so the
    name and its target were one cell ('受训人员满意度≥92%', review 60R-b's R07, silently). A table of the last
    page's sides whose edges found stand at the last page's columns takes those columns."""
    lefts = (40, 140, 220, 330, 450, 555)

    def rule(left: int, y: int) -> bytes:
        return b"%d %d %d 0.5 re f\n" % (left, y, lefts[-1] - left)

    def texts(y: int, row: tuple[str, ...]) -> bytes:
        return b"".join(_cjk(x + 4, y + 6, text) for x, text in zip(lefts, row) if text)

    first = _cjk(40, 820, "项目支出绩效目标表") + rule(40, 800)
    body = [
        ("项目名称", "一级指标", "二级指标", "三级指标", "指标值"),
        ("职业技能培训", "产出指标", "数量指标", "培训人次", "≥500人次"),
        ("职业技能培训", "产出指标", "质量指标", "培训合格率", "≥90%"),
        ("职业技能培训", "效益指标", "社会效益指标", "就业人数", "≥300人"),
        ("职业技能培训", "效益指标", "可持续影响指标", "长效管护机制", "逐步健全"),
    ]
    for n, row in enumerate(body):
        first += texts(780 - 20 * n, row) + rule(40, 780 - 20 * n)
    second = rule(40, 800) + texts(780, ("", "满意度指标", "服务对象满意度", "受训人员满意度", "≥92%"))
    second += rule(lefts[3], 780) + texts(760, ("", "", "", "群众满意度", "≥90%")) + rule(40, 760)
    second += rule(40, 740)  # (a closing rule under the last: four rules, a table ruled across)
    read = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert [row[-4:] for row in read[-2:]] == [
        ["满意度指标", "服务对象满意度", "受训人员满意度", "≥92%"],
        ["满意度指标", "服务对象满意度", "群众满意度", "≥90%"],
    ]


def test_pdf_a_pages_first_row_of_whole_level_labels_is_no_rest_of_labels_filling_their_lines():
    """A one-row level group at a page's foot, its own labels filling their lines ('效益指标', '可持续影响' in
    columns as wide as them), atop the next page a new group's whole labels over a placeholder row: two groups'
    labels, not one cut by the break (they had been joined, '效益指标\\n满意度指标', the rows below taking both,
    without a word: review 63R-a's wo)."""
    lefts = (40, 84, 138, 260, 380)

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = _cjk(40, 780, "项目支出绩效目标表") + _grid(
        760, [header, ["产出指标", "数量指标", "培训人次", "≥500人次"]], lefts
    )
    last = ["效益指标", "可持续影响"]
    first += b"".join(box(a, b, 720, 20, text) for a, b, text in zip(lefts, lefts[1:], [*last, "长效机制", "健全"]))
    whole = ["满意度指标", "服务对象满意度指标"]
    second = box(lefts[0], lefts[1], 800, 40, whole[0]) + box(lefts[1], lefts[2], 800, 40, whole[1])
    second += box(lefts[2], lefts[3], 800, 20) + box(lefts[3], lefts[4], 800, 20)
    second += box(lefts[2], lefts[3], 780, 20, "群众满意度") + box(lefts[3], lefts[4], 780, 20, "≥90%")
    read = [[text.replace("\n", "") for text in row] for row in cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))]
    assert read[-3:] == [[*last, "长效机制", "健全"], [*whole, "", ""], [*whole, "群众满意度", "≥90%"]]


_RULED_LEFTS = (40, 70, 170, 260, 340, 460, 555)  # a rules-only Word table's column edges and right side
_RULED_BODY = (  # its header and one project's rows
    ("序号", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"),
    ("1", "污水管网改造", "产出指标", "数量指标", "管网长度", "≥8公里"),
    ("1", "污水管网改造", "产出指标", "质量指标", "验收合格率", "=100%"),
    ("1", "污水管网改造", "效益指标", "社会效益指标", "污水收集率", "明显提高"),
    ("1", "污水管网改造", "满意度指标", "服务对象满意度", "群众满意度", "≥90%"),
)


def test_pdf_a_table_ruled_across_only_under_a_paragraph_keeps_its_columns():
    """A paragraph's line over a Word table ruled by its rows' borders ('以下为本单位…请予审核。', from the table's
    left side across several columns): the text's edges are found from the table's words alone. Its one long word
    had hidden every column whose words it overlaps, the project's cells glued, the table refused."""
    lefts, body = _RULED_LEFTS, _RULED_BODY
    page = _cjk(40, 820, "项目支出绩效目标表") + _cjk(44, 805, "以下为本单位2027年项目支出绩效目标，请予审核。")
    page += b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    for n, row in enumerate(body):
        page += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row))
        page += b"%d %d %d 0.5 re f\n" % (lefts[0], 780 - 20 * n, lefts[-1] - lefts[0])
    assert [row[-6:] for row in cells(read_bytes(_cjk_pdf([page]), ".pdf"))[-5:]] == [list(row) for row in body]


def test_pdf_a_stream_whose_length_names_an_object_the_file_lacks_is_read_to_its_end():
    """`pdfunite` joining two budgets wrote a page's content stream with /Length naming an object it left out
    (poppler: "Bad 'Length' attribute in stream"): pdfminer read the stream empty, the page blank, the form's head on
    it lost (a joined budget's first form, its rows said unread). It is read to its `endstream`, as poppler reads
    it; a stream of the right length as before."""
    text = b"BT /F1 12 Tf 72 720 Td (Goal table) Tj ET"

    def page(length: bytes) -> bytes:
        return _pdf_of(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                b" /Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %s >>\nstream\n%s\nendstream" % (length, text),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )

    assert cells(read_bytes(page(b"9 0 R"), ".pdf")) == cells(read_bytes(page(b"%d" % len(text)), ".pdf"))
    assert cells(read_bytes(page(b"9 0 R"), ".pdf")) == [["Goal table"]]


def test_pdf_a_table_ruled_across_only_over_a_note_hugging_its_last_rule_keeps_its_columns():
    """A note's line right under a Word table ruled by its rows' borders ('注：…', from the table's left side across
    several columns, its characters' tops within a snap of the last rule): the text's edges are found from words
    wholly between the first rule and the last. A crop keeps the words it touches, and the note hid the columns its
    one wide word overlaps, the project's cells glued, the table refused."""
    lefts, body = _RULED_LEFTS, _RULED_BODY
    page = _cjk(40, 820, "项目支出绩效目标表") + b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    for n, row in enumerate(body):
        page += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row))
        page += b"%d %d %d 0.5 re f\n" % (lefts[0], 780 - 20 * n, lefts[-1] - lefts[0])
    page += _cjk(44, 692, "注：指标值以年末实际完成情况为准，请各单位按时填报。")
    assert [row[-6:] for row in cells(read_bytes(_cjk_pdf([page]), ".pdf"))[-6:-1]] == [list(row) for row in body]


def test_a_projects_head_cells_begin_where_most_columns_put_it_unless_two_projects_would_share_a_row():
    """The head columns' majority (a goal's centred lines set a row early) moves a column's start only where its
    projects still begin on rising rows: a tie beside a majority would have put two projects of the odd column on
    one row, one of its cells lost (review 64R-b, from reading)."""
    from importers.readers.pdf_lines import _one_start

    assert _one_start([[0, 3], [0, 3], [0, 2]]) == [[0, 3], [0, 3], [0, 3]]
    assert _one_start([[0, 2, 4], [0, 2, 4], [0, 2, 3], [0, 1, 2]]) == [[0, 2, 4], [0, 2, 4], [0, 2, 3], [0, 1, 2]]


def test_pdf_a_small_table_ruled_across_only_under_a_goal_tables_rest_is_a_table_of_its_own():
    """Page 2 of a Word table ruled by its rows' borders holds the goal table's last row and, under a blank line,
    a small table ruled the same way ('项目 | 金额（万元）', two columns of its own): the page's rules were one span,
    the small table's words ran across the goal's column edges, none was found, and the project lost every level,
    silently (review 64R-a's X08, X11). The span is cut where the text below runs across the columns above."""
    lefts, body = _RULED_LEFTS, _RULED_BODY

    def rule(y: int) -> bytes:
        return b"%d %d %d 0.5 re f\n" % (lefts[0], y, lefts[-1] - lefts[0])

    first = _cjk(40, 820, "项目支出绩效目标表") + rule(800)
    for n, row in enumerate(body[:-1]):
        first += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row)) + rule(780 - 20 * n)
    last = ("", "", *body[-1][2:])
    second = rule(800) + b"".join(_cjk(x + 4, 786, text) for x, text in zip(lefts, last) if text) + rule(780)
    money = (("项目", "金额（万元）"), ("财政拨款", "120"), ("其他资金", "30"))
    for n, row in enumerate(money):
        second += rule(750 - 20 * n) + b"".join(_cjk(x + 4, 736 - 20 * n, text) for x, text in zip((40, 300), row))
    second += rule(690)
    read = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert read[-4:] == [list(last), *map(list, money)]


_MERGED_OVER_ALL = (  # one project's rows, its 序号, name and level 1 merged over them all (written on the first)
    ("1", "图书资料购置", "产出指标", "数量指标", "购置图书册数", "≥5000册"),
    ("", "", "", "", "订阅期刊种类", "≥60种"),
    ("", "", "", "质量指标", "图书验收合格率", "=100%"),
    ("", "", "", "时效指标", "采购完成时间", "10月底前"),
)


def _merged_rows(rows, top: int, first: int = 0) -> bytes:
    """A Word table's rows ruled by their bottom borders only, each rule from the first column whose merged cell ends
    there (a level-2 group's, the project's at the last row), 20 points each from `top` (PDF space) down."""
    lefts, out = _RULED_LEFTS, b""
    for n, row in enumerate(rows):
        out += b"".join(_cjk(x + 4, top - 14 - 20 * n, text) for x, text in zip(lefts, row) if text)
        later = _MERGED_OVER_ALL[first + n + 1 :]
        start = 3 if later and later[0][3] else 4 if later else 0
        out += b"%d %d %d 0.5 re f\n" % (lefts[start], top - 20 * (n + 1), lefts[-1] - lefts[start])
    return out


def test_pdf_a_table_ruled_across_only_with_a_level_merged_over_all_its_rows_keeps_that_column():
    """A Word table ruled by its rows' borders, one project whose 序号, name and level 1 are merged over every row:
    one word a column, too few for the text's edges, and the columns were glued ('1图书资料购置产出指标', the table
    refused). A header's cell that begins where a cell below begins marks a column."""
    lefts = _RULED_LEFTS
    page = _cjk(40, 820, "项目支出绩效目标表") + b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    page += b"".join(_cjk(x + 4, 786, text) for x, text in zip(lefts, _RULED_BODY[0]))
    page += b"%d 780 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0]) + _merged_rows(_MERGED_OVER_ALL, 780)
    filled = [list(row) for row in _MERGED_OVER_ALL]  # (a merged cell's text on each of its rows)
    for above, row in zip(filled, filled[1:]):
        row[:4] = [text or over for text, over in zip(row[:4], above)]
    assert cells(read_bytes(_cjk_pdf([page]), ".pdf"))[-5:] == [list(_RULED_BODY[0]), *filled]


def test_pdf_a_table_ruled_across_only_its_merged_cells_running_on_over_the_break_are_cells():
    """The same table broken over a page after its second row: its last rule on page 1 leaves out the cells merged
    on over the break (序号, name, level 1), which were no cells, their text spread over their three columns
    ('1图书资料购置产出指标' in each). Each table ruled across only is closed at its foot."""
    lefts = _RULED_LEFTS
    first = _cjk(40, 820, "项目支出绩效目标表") + b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0])
    first += b"".join(_cjk(x + 4, 786, text) for x, text in zip(lefts, _RULED_BODY[0]))
    first += b"%d 780 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0]) + _merged_rows(_MERGED_OVER_ALL[:2], 780)
    second = b"%d 800 %d 0.5 re f\n" % (lefts[0], lefts[-1] - lefts[0]) + _merged_rows(_MERGED_OVER_ALL[2:], 800, 2)
    read = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert [row[:3] for row in read[2:4]] == [["1", "图书资料购置", "产出指标"]] * 2


def test_pdf_a_table_ruled_across_only_going_on_its_first_rows_over_its_first_rule_are_its_rows():
    """A Word table whose rows are ruled by their bottom borders alone going on atop page 2: no rule over the page's
    first row, which was a text line outside the table, its level label's last character on a line of its own and
    the label's first line glued to the indicator below ('服务对象满意度指群众满意度'), silently. Lines right over the
    first rule whose pieces each begin in one of the last page's columns are the table's rows."""
    lefts, body = _RULED_LEFTS, _RULED_BODY

    def rule(y: int) -> bytes:
        return b"%d %d %d 0.5 re f\n" % (lefts[0], y, lefts[-1] - lefts[0])

    first = _cjk(40, 820, "项目支出绩效目标表") + rule(800)
    for n, row in enumerate(body[:-1]):
        first += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row)) + rule(780 - 20 * n)
    last = ("", "", "满意度指标", "服务对象满意度指", "群众满意度", "≥90%")
    second = b"".join(_cjk(x + 4, 800, text) for x, text in zip(lefts, last) if text) + _cjk(lefts[3] + 4, 789, "标")
    second += rule(782)
    more = [("2", "道路养护", "产出指标", "数量指标", f"养护路段{n}", f"≥{n}公里") for n in range(1, 4)]
    for n, row in enumerate(more):
        second += b"".join(_cjk(x + 4, 768 - 20 * n, text) for x, text in zip(lefts, row)) + rule(762 - 20 * n)
    read = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert read[-4:] == [["", "", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"], *map(list, more)]


def test_pdf_a_table_ruled_across_only_going_on_keeps_its_columns_over_a_sign_off_in_columns_of_its_own():
    """Page 2 of a Word table ruled by its rows' borders holds the goal's last row, a project's rows and, as the
    table's last row, a sign-off in columns of its own ('填报人 | 张伟（科长） | 联系电话 | 0531-…'), whose text ran
    across the goal's column edges: they were lost for the page, its rows glued ('群众满意度≥90%', '2道路养护产出指标';
    the project read as a unit row and dropped, silently, review 65R-a). A last row with a piece beginning where no row
    above begins one and text across the columns above is a table of its own (its one row kept whole)."""
    lefts, body = _RULED_LEFTS, _RULED_BODY

    def rule(y: int) -> bytes:
        return b"%d %d %d 0.5 re f\n" % (lefts[0], y, lefts[-1] - lefts[0])

    first = _cjk(40, 820, "项目支出绩效目标表") + rule(800)
    for n, row in enumerate(body[:-1]):
        first += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row)) + rule(780 - 20 * n)
    last = ("", "", *body[-1][2:])
    more = [("2", "道路养护", "产出指标", "数量指标", f"养护路段{n}", f"≥{n}公里") for n in range(1, 3)]
    second = rule(800)
    for n, row in enumerate([last, *more]):
        second += b"".join(_cjk(x + 4, 786 - 20 * n, text) for x, text in zip(lefts, row) if text) + rule(780 - 20 * n)
    sign = ("填报人", "张伟（科长）", "联系电话", "0531-12345678转806")
    second += b"".join(_cjk(x + 4, 726, text) for x, text in zip((40, 130, 290, 390), sign)) + rule(720)
    read = cells(read_bytes(_cjk_pdf([first, second]), ".pdf"))
    assert read[-4:-1] == [list(last), *map(list, more)]
    assert set(read[-1]) == {"".join(sign)}
