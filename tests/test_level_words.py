"""A level cell a printed page shows part of (a page break, a merged cell too short for its text) read whole."""

from __future__ import annotations

import pytest

from importers import parse_rows
from importers.level_words import whole_level1, whole_level2
from importers.records import Row


@pytest.mark.parametrize(
    ("cell", "level2", "expected"),
    [
        ("产出指", "数量指标", "产出指标"),  # 产出指 ⏎ 标, the 标 cut off by the page break
        ("益指", "社会效益指标", "效益指标"),  # 效 ⏎ 益 ⏎ 指 ⏎ 标 in a merged cell two rows tall: 效 and 标 hidden
        ("出指标", "成本指标", "产出指标"),  # 成本 under 产出: the 2015 framework
        ("满意", "服务对象满意度指标", ""),  # 满意度指标 or 满意度目标: not guessed
        ("指标", "数量指标", ""),  # no letter of a level's own word
        ("产出指", "资助参保人数", ""),  # no level 2 to check it by
        ("效益指", "数量指标", ""),  # 效益 takes no 数量
    ],
)
def test_a_level1_cut_is_the_one_word_holding_it(cell, level2, expected):
    assert whole_level1(cell, level2) == expected


def test_a_level1_cut_takes_the_suffix_the_documents_levels_use():
    assert whole_level1("满意", "服务对象满意度指标", "目标") == "满意度目标"
    assert whole_level1("出指", "数量指标", "目标") == "产出指标"  # the word's only form holding the part


@pytest.mark.parametrize(
    ("cell", "level1", "expected"),
    [
        ("质量指", "产出指标", "质量指标"),
        ("质量指", "产出指", "质量指标"),  # both cut
        ("标数量指标", "产出指", "数量指标"),  # the level-1 cell's last line run into the level 2 beside it
        ("标数量指标", "产出指标", "数量指标"),
        ("会效益指", "效益指标", "社会效益指标"),
        ("效益指", "效益指标", ""),  # 经济, 社会, 生态 … 效益指标
        ("量指", "产出指标", ""),  # 数量 or 质量
        ("本数量指标", "产出指标", ""),  # 本 ends no 产出指标
        ("公众满意度指标", "满意度指标", ""),  # a word of its own ending in 满意度: no cut 社会公众满意度指标
        ("公众满意度", "效果指标", ""),
    ],
)
def test_a_level2_cut_is_the_one_word_holding_it(cell, level1, expected):
    assert whole_level2(cell, level1) == expected


def rows(level1: str, page: int) -> list[Row]:
    head = ["项目名称", "资金总额", "一级指标", "二级指标", "三级指标", "指标值"]
    body = [
        ["农村饮水安全巩固提升", "480", level1, "数量指标", "维修养护供水工程", "≥12处"],
        ["农村饮水安全巩固提升", "480", level1, "质量指", "水质检测合格率", "≥95%"],
        ["农村饮水安全巩固提升", "480", "益指", "社会效益指标", "受益人口", "≥3.2万人"],
        ["农村饮水安全巩固提升", "480", "满意", "服务对象满意度指标", "受益群众满意度", "≥90%"],
    ]
    return [Row(cells, n, page=page) for n, cells in enumerate([head, *body], 1)]


def test_a_printed_pages_levels_are_read_whole_and_no_level_is_made_up():
    """A PDF's 产出指标 cut by a page break read '产出指' on every row under it (a B5 self-evaluation, a long sheet's
    narrow merged level cells); a level no one word holds is kept as printed. A word written with either suffix
    ('满意' of 满意度指标 or 满意度目标) takes the one the document's whole level-1 cells use."""
    [project] = parse_rows(rows("产出指", page=1)).projects
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),  # 满意度指标, not 满意度目标: the document's levels end in 指标
    ]
    [typed] = parse_rows(rows("产出指", page=0)).projects  # a sheet's cell is as typed
    assert [i.level1 for i in typed.indicators][:3] == ["产出指", "产出指", "益指"]
