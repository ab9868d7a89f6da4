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

    assert _year([Row(["2025年度部门决算"], 1), Row(["2026年项目支出绩效目标表"], 2)]) == "2026"
    assert _year([Row(["2025年绩效自评结果及2026年绩效目标"], 1)]) == ""


@pytest.mark.parametrize(
    "line",
    [
        ["填报单位：湘潭市岳塘区农业农村局", "", "", "", "单位：万元"],  # a sheet's line: the unit in the last cell
        ["编制单位：湘潭市岳塘区农业农村局        金额单位：万元"],  # a Word paragraph: the unit after spaces
        ["单位名称：湘潭市岳塘区农业农村局        单位：万元"],
        ["填报单位（盖章）", "湘潭市岳塘区农业农村局"],
        ["填报单位：湘潭市岳塘区农业农村局　　　　填报日期：2026年1月10日"],  # a date after it on the line
        ["填报单位（盖章）：湘潭市岳塘区农业农村局　　填报人（签字）：张华"],
    ],
)
def test_a_line_naming_the_unit_filling_in_the_forms_gives_their_department(line):
    """'填报单位：某局' above forms without a 主管部门 cell: their projects had no department."""
    from importers.cover import _labelled

    rows = [Row(["2026年项目支出绩效目标申报表"], 1), Row(line, 2), Row(["项目名称", "农村人居环境整治提升项目"], 3)]
    assert _labelled(rows)[0] == "湘潭市岳塘区农业农村局"


def test_lines_naming_different_units_give_no_department():
    """A compilation, each form under its own '填报单位：': every project was given the first form's unit."""
    from importers.cover import _labelled

    rows = [
        Row(["2026年项目支出绩效目标申报表"], 1),
        Row(["填报单位：岳塘区农村工作服务中心", "", "单位：万元"], 2),
        Row(["项目名称", "农村人居环境整治提升项目"], 3),
        Row(["填报单位：岳塘区水利工作站", "", "单位：万元"], 20),
        Row(["项目名称", "高标准农田建设管护项目"], 21),
        Row(["填报单位：岳塘区水利工作站"], 40),
    ]
    assert _labelled(rows)[0] == ""
    again = Row(["填报单位：岳塘区农村工作服务中心"], 40)
    assert _labelled([*rows[:3], again])[0] == "岳塘区农村工作服务中心"  # the same unit twice: still its department


@pytest.mark.parametrize(
    "line",
    [
        "填报单位：　　　　　　填报人：张建华　　联系电话：0731-58881234",
        "填报单位（盖章）：　　　　填报日期：2026年1月",
    ],
)
def test_a_blank_填报单位_line_gives_no_department(line):
    from importers.cover import _labelled

    assert _labelled([Row(["2026年项目支出绩效目标申报表"], 1), Row([line], 2)])[0] == ""
