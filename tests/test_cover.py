"""importers.cover: the department and year a budget document's cover states."""

from __future__ import annotations

import pytest

from importers.cover import cover_title
from importers.records import Row


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["2026年烟台市审计局部门预算"], ("烟台市审计局", "2026")),
        (["西安市统计局（汇总）", "2026年部门预算公开说明"], ("西安市统计局", "2026")),
        (["2026年武汉市妇联部门预算"], ("武汉市妇联", "2026")),  # offices of other endings
        (["杭州市科协2026年部门预算"], ("杭州市科协", "2026")),
        (["2026年某市广播电视台单位预算"], ("某市广播电视台", "2026")),
        (["上海市黄浦区2026年区级部门预算"], ("", "2026")),  # a district's budgets together: no one department
        (["2026年市级部门预算"], ("", "2026")),
        (["项目支出绩效目标表"], ("", "")),
    ],
)
def test_the_cover_names_the_department_and_the_year(lines, expected):
    assert cover_title([Row(cells=[line], line=n) for n, line in enumerate(lines, 1)])[:2] == expected


def test_a_covers_title_keeps_the_spaces_it_prints():
    """A cover printed with spaces ('西安市科学技术局 2022 年 部门综合预算', over two lines) is read without them, and
    its title kept as printed: all its spaces were dropped. Its lines follow one another without one."""
    rows = [Row(cells=[line], line=n) for n, line in enumerate(["西安市科学技术局", "2022 年 部门综合预算"], 1)]
    assert cover_title(rows) == ("西安市科学技术局", "2022", "西安市科学技术局2022 年 部门综合预算")


def test_a_sheets_title_naming_an_organisation_gives_its_projects_department():
    from importers import parse_rows
    from importers.readers.text import split_rows

    text = "2025年某区民政局项目绩效目标汇总表\n项目名称\t三级指标\t指标值\n困难群众临时救助\t救助人次\t≥800人次\n"
    doc = parse_rows(split_rows(text))
    assert (doc.department, doc.year) == ("某区民政局", "2025")
    untitled = parse_rows(split_rows("2025年项目绩效目标汇总表" + text[text.index("\n") :]))
    assert untitled.department == ""


def test_a_heading_beginning_with_the_year_gives_it():
    """A web page's heading '2026年项目支出绩效目标' (no 表) above its form: the year was not found."""
    from importers import parse_rows
    from importers.readers import read_bytes

    page = """<html><body><h1>2026年项目支出绩效目标</h1><table border=1>
<tr><td>项目名称</td><td colspan=5>2026年某某项目</td></tr>
<tr><td>主管部门</td><td colspan=2>某某局</td><td>实施单位</td><td colspan=2>某某局</td></tr>
<tr><td rowspan=2>项目资金（万元）</td><td colspan=2>年度资金总额</td><td colspan=3>100.00</td></tr>
<tr><td colspan=2>其中：财政拨款</td><td colspan=3>100.00</td></tr>
<tr><td>年度总体目标</td><td colspan=5>完成培训任务。</td></tr>
<tr><td rowspan=2>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan=2>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td colspan=2>≥500人次</td></tr></table></body></html>"""
    assert parse_rows(read_bytes(page.encode("utf-8"), ".html")).year == "2026"


def test_a_table_titles_year_wins_over_a_heading_above_it():
    """'2025年度部门决算' atop a document whose table title says 2026: the title's year (the heading is a fallback),
    and a heading naming two years gives none."""
    from importers.cover import _year

    assert _year([Row(["2025年度部门决算"], 1), Row(["2026年项目支出绩效目标表"], 2)], True) == "2026"
    assert _year([Row(["2025年绩效自评结果及2026年绩效目标"], 1)], True) == ""


@pytest.mark.parametrize(
    "line",
    [
        ["填报单位：湘潭市岳塘区农业农村局", "", "", "", "单位：万元"],  # a sheet's line: the unit in the last cell
        ["编制单位：湘潭市岳塘区农业农村局        金额单位：万元"],  # a Word paragraph: the unit after spaces
        ["单位名称：湘潭市岳塘区农业农村局        单位：万元"],
        ["填报单位（盖章）", "湘潭市岳塘区农业农村局"],
        ["单位名称：", "湘潭市岳塘区农业农村局", "单位：万元"],  # the label's colon in its own cell: not the unit's
        ["填报单位：湘潭市岳塘区农业农村局　　　　填报日期：2026年1月10日"],  # a date after it on the line
        ["填报单位（盖章）：湘潭市岳塘区农业农村局　　填报人（签字）：张华"],
        ["填报单位：湘潭市岳塘区农业农村局单位：万元"],  # a web page's two spans of one line read as one text
        ["填报单位：湘潭市岳塘区农业农村局填报日期：2026年1月10日"],
        ["单位：湘潭市岳塘区农业农村局", "", "", "", "金额单位：万元"],  # 单位： alone, naming an organisation
    ],
)
def test_a_line_naming_the_unit_filling_in_the_forms_gives_their_department(line):
    """'填报单位：某局' above forms without a 主管部门 cell: their projects had no department."""
    from importers.cover import unit_line

    assert unit_line(Row(line, 2)) == "湘潭市岳塘区农业农村局"


def test_lines_naming_different_units_give_the_document_no_department():
    """A compilation, each form under its own '填报单位：': every project was given the first form's unit."""
    from importers.cover import _labelled, _one

    rows = [
        Row(["2026年项目支出绩效目标申报表"], 1),
        Row(["填报单位：岳塘区农村工作服务中心", "", "单位：万元"], 2),
        Row(["项目名称", "农村人居环境整治提升项目"], 3),
        Row(["填报单位：岳塘区水利工作站", "", "单位：万元"], 20),
        Row(["项目名称", "高标准农田建设管护项目"], 21),
        Row(["填报单位：岳塘区水利工作站"], 40),
    ]
    assert _one(_labelled(rows)) == ""
    again = Row(["填报单位：岳塘区农村工作服务中心"], 40)
    assert _one(_labelled([*rows[:3], again])) == "岳塘区农村工作服务中心"  # the same unit twice: still its department


@pytest.mark.parametrize(
    "line",
    [
        "填报单位：　　　　　　填报人：张建华　　联系电话：0731-58881234",
        "填报单位（盖章）：　　　　填报日期：2026年1月",
        "单位：万元",  # the money unit
        "单位：元　　　　填报日期：2026年1月",
        "单位：万元、个、所",  # the units the table counts in: a list, no organisation ('所' ends a school's name)
        "单位：个/处",
    ],
)
def test_a_blank_填报单位_line_gives_no_department(line):
    from importers.cover import unit_line

    assert unit_line(Row([line], 2)) == ""


def form(name: str, head: tuple[list[str], ...] = ()) -> list[list[str]]:
    """A national form's rows as a sheet's reader gives them (merged cells spread)."""
    return [
        ["项目名称", name, name, name, name],
        *head,
        ["项目资金（万元）", "年度资金总额", "年度资金总额", "120.00", "120.00"],
        ["年度绩效目标", f"完成{name}。", f"完成{name}。", f"完成{name}。", f"完成{name}。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["绩效指标", "产出指标", "数量指标", f"{name}完成数", "≥20个"],
    ]


TITLE = ["2026年项目支出绩效目标申报表"]


def unit(name: str) -> list[str]:
    return [f"填报单位：{name}", f"填报单位：{name}", f"填报单位：{name}", "", "单位：万元"]


def read(*blocks: list[list[str]], sheets: bool = False):
    """The document of these blocks of rows, numbered on (or from 1 in each block: a workbook's sheets)."""
    from importers import parse_rows

    table = []
    for block in blocks:
        table += [Row(cells, n if sheets else len(table) + 1) for n, cells in enumerate(block, 1)]
    doc = parse_rows(table)
    return doc.department, [(p.name, p.department) for p in doc.projects]


def test_each_form_under_its_own_填报单位_line_is_that_units():
    """A compilation of its units' forms, each under its own '填报单位：' (above its title or under it; the line again
    atop a page the form goes on over; on a sheet of its own): every project lost its department."""
    above = read(
        [unit("某市社会福利中心"), TITLE, *form("养老服务补助")], [unit("某市救助中心"), TITLE, *form("临时救助")]
    )
    assert above == ("", [("养老服务补助", "某市社会福利中心"), ("临时救助", "某市救助中心")])
    under = read(
        [TITLE, unit("某市社会福利中心"), *form("养老服务补助")[:4], TITLE, unit("某市社会福利中心")],
        form("养老服务补助")[4:],
        [TITLE, unit("某市救助中心"), *form("临时救助")],
    )
    assert under == above
    sheets = read(
        [TITLE, unit("某市社会福利中心"), *form("养老服务补助")],
        [TITLE, unit("某市救助中心"), *form("临时救助")],
        sheets=True,
    )
    assert sheets == above


def test_the_cover_names_the_document_and_a_forms_own_主管部门_wins_over_its_line():
    """A bureau's budget gathering its units' forms: the bureau is the document's, each unit its projects'; a form
    naming its 主管部门 keeps it (the department responsible, as the records name it; the line, who filled it in)."""
    cover = [["2026年某市民政局部门预算"], ["目录"]]
    responsible = (["主管部门", "某市民政局", "某市民政局", "实施单位", "某市救助中心"],)
    doc = read(
        cover,
        [TITLE, unit("某市社会福利中心"), *form("养老服务补助")],
        [TITLE, unit("某市救助中心"), *form("临时救助", responsible)],
    )
    assert doc == ("某市民政局", [("养老服务补助", "某市社会福利中心"), ("临时救助", "某市民政局")])


def test_a_line_closing_each_form_names_its_unit_and_one_unit_is_the_documents():
    """'填报单位：' under each form (beside who filled it in) is the form's above it; one unit on every form names the
    document's department, its projects none of their own."""
    foot = ["填报单位：某市社会福利中心　　填报人：张华"], ["填报单位：某市救助中心　　填报人：李明"]
    closing = read([TITLE, *form("养老服务补助"), foot[0]], [TITLE, *form("临时救助"), foot[1]])
    assert closing == ("", [("养老服务补助", "某市社会福利中心"), ("临时救助", "某市救助中心")])
    one = read([TITLE, unit("某市民政局"), *form("养老服务补助")], [TITLE, unit("某市民政局"), *form("临时救助")])
    assert one == ("某市民政局", [("养老服务补助", ""), ("临时救助", "")])


def test_forms_of_labels_and_values_in_a_pdf_each_take_their_units_line():
    """A PDF's forms of '项目名称：' rows (form-kv, whose projects name no page): the projects were never placed among
    the rows, and kept no department."""
    from importers import parse_rows

    def kv(name: str) -> list[list[str]]:
        return [
            ["项目名称：", name, "项目类别：", "经常性项目"],
            ["年度绩效目标：", f"完成{name}。"],
            ["一级指标", "二级指标", "三级指标", "年度目标值"],
            ["产出指标", "数量指标", f"{name}完成数", "≥20个"],
        ]

    title = ["2026年部门项目支出预算绩效目标下达表"]
    pages = [[unit("某市社会福利中心"), title, *kv("养老服务补助")], [unit("某市救助中心"), title, *kv("临时救助")]]
    rows = []
    for page, block in enumerate(pages, 1):
        rows += [Row(cells, len(rows) + 1, page=page) for cells in block]
    doc = parse_rows(rows)
    assert [(p.name, p.department) for p in doc.projects] == [
        ("养老服务补助", "某市社会福利中心"),
        ("临时救助", "某市救助中心"),
    ]


def test_a_cover_naming_the_publisher_above_forms_closed_by_their_units_lines():
    """A bureau's budget whose cover states '编制单位：某市民政局', each of its units' forms closed by its '填报单位：…
    填报人：…' line: the cover's line made the lines head the forms, each project given the form's above (the first
    the bureau, the next the first unit). The bureau's own form first under its line, its units' under theirs, still
    head them."""
    cover = [["2026年某市民政局部门预算"], ["编制单位：某市民政局"], ["目录"]]
    foot = ["填报单位：某市社会福利中心　　填报人：张华"], ["填报单位：某市救助中心　　填报人：李明"]
    closing = read(cover, [TITLE, *form("养老服务补助"), foot[0]], [TITLE, *form("临时救助"), foot[1]])
    assert closing == ("某市民政局", [("养老服务补助", "某市社会福利中心"), ("临时救助", "某市救助中心")])
    own = read(
        [["2026年某市民政局部门预算"], ["目录"]],
        [unit("某市民政局"), TITLE, *form("机关运行保障")],
        [unit("某市社会福利中心"), TITLE, *form("养老服务补助")],
    )
    assert own == ("某市民政局", [("机关运行保障", ""), ("养老服务补助", "某市社会福利中心")])
