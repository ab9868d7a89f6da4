"""importers.segments: which lines are table titles."""

from __future__ import annotations

import pytest

from importers.records import Row
from importers.segments import split, title


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026年项目支出绩效目标表", "2026年项目支出绩效目标表"),
        ("附件2：2026年项目支出绩效目标表", "2026年项目支出绩效目标表"),  # the attachment's number is no part of it
        ("附表3: 部门整体支出绩效目标表", "部门整体支出绩效目标表"),
        ("项目支出绩效目标表（单位：万元）", "项目支出绩效目标表（单位：万元）"),  # a note after it
        ("预算表12", "预算表12"),
        ("附件2：", ""),
        ("单位：万元", ""),
        ("注：本表为预计数。", ""),
        ("项目名称：某某项目绩效目标表", ""),  # a label and its value
        ("2024年项目支出绩效目标表（续）", "2024年项目支出绩效目标表"),  # the table going on over the page
        ("2024年项目支出绩效目标表(续表)", "2024年项目支出绩效目标表"),
        ("项目支出绩效目标表续表", "项目支出绩效目标表"),
    ],
)
def test_titles(text, expected):
    assert title(Row(cells=[text], line=1)) == expected


def test_a_running_head_naming_a_table_does_not_cut_the_table_going_on_under_it():
    """'某局2026年部门预算·项目支出绩效目标表' atop every page: atop page 2 it began a segment of its own, and the
    form going on there lost its last rows. It is a title where it first stands, and left out atop later pages."""
    head = "大连市文化和旅游局2026年部门预算·项目支出绩效目标表"
    lines = [
        ([head], 1),
        (["表13 项目支出绩效目标表"], 1),
        (["项目名称", "干部培训经费", "干部培训经费", "干部培训经费"], 1),
        (["一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["产出指标", "数量指标", "培训人次", "≥1200人次"], 1),
        ([head], 2),
        (["", "质量指标", "培训考核合格率", "≥95%"], 2),
    ]
    found = split([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)])
    assert [(s.title, [r.line for r in s.rows]) for s in found] == [
        (head, [1]),
        ("表13 项目支出绩效目标表", [2, 3, 4, 5, 7]),
    ]


def test_a_title_that_comes_back_after_another_tables_is_no_running_head():
    """项目支出绩效目标表 atop pages 1, 2 and 4 with 部门整体支出绩效目标表 atop page 3: the fourth page's form was
    folded into the department-wide table (a title atop pages, but not atop every page between, is a title)."""
    lines = [
        (["项目支出绩效目标表"], 1),
        (["项目名称", "项目甲"], 1),
        (["项目支出绩效目标表"], 2),
        (["项目名称", "项目乙"], 2),
        (["部门整体支出绩效目标表"], 3),
        (["单位名称", "某局"], 3),
        (["项目支出绩效目标表"], 4),
        (["项目名称", "项目丙"], 4),
    ]
    found = split([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)])
    assert [(s.title, [r.line for r in s.rows]) for s in found] == [
        ("项目支出绩效目标表", [1, 2, 3, 4]),
        ("部门整体支出绩效目标表", [5, 6]),
        ("项目支出绩效目标表", [7, 8]),
    ]


def test_a_document_whose_goal_tables_hold_no_indicators_says_so():
    """A budget whose 项目支出绩效表 is empty and whose 部门整体 table gives only a goal (完成年度工作。) imported as 0
    projects with a warning for the empty table only: the department-wide table was passed over without a word. A
    part of a form titled so whose indicators another part holds says nothing (the document has projects)."""
    from importers import parse_rows

    lines = [
        ["预算表12 年度项目支出绩效表"],
        ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
        ["预算13表 部门整体支出绩效目标表"],
        ["部门名称", "某办公室"],
        ["整体绩效目标", "完成年度工作。"],
    ]
    doc = parse_rows([Row(cells, line=n) for n, cells in enumerate(lines, 1)])
    assert not doc.projects
    assert [w.split(": ", 1)[1][:6] for w in doc.warnings] == ["空表：表头下", "标题像目标表"]
