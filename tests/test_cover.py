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
