"""A sheet printed in strips of columns over its pages is put back side by side (importers.readers.pdf_strips)."""

from __future__ import annotations

from importers.readers.pdf_strips import rejoined
from importers.records import Row

LEFT = [
    ["项目名称", "项目金额（万元）", "一级指标"],
    ["园林养护", "980", "产出指标"],
    ["园林养护", "980", "满意度指标"],
]
RIGHT = [
    ["三级指标", "指标性质", "指标值", "度量单位"],
    ["养护面积", "≥", "560", "万平方米"],
    ["游客满意度", "≥", "90", "%"],
]


def ruled(table: list[list[str]], page: int, first_line: int, top: float = 0.0) -> list[Row]:
    edges = tuple(40.0 + 120 * j for j in range(len(table[0])))
    return [Row(cells, first_line + n, page, edges, top=top and top + 20 * n) for n, cells in enumerate(table)]


def test_two_strips_are_one_table_row_by_row():
    """An .xlsx too wide for A4 printed "down, then over": pages 1 and 2 held the left columns, 3 and 4 the right;
    the left read as a department-wide table without names, the right as nothing — 0 projects, no warning."""
    rows = [
        Row(["某局2026年项目支出绩效目标表"], 1, 1),
        *ruled(LEFT, 1, 2),
        Row(["单位：万元"], 5, 2),
        *ruled(RIGHT, 2, 6),
    ]
    assert [row.cells for row in rejoined(rows)] == [
        ["某局2026年项目支出绩效目标表"],
        *[left + right for left, right in zip(LEFT, RIGHT)],
        ["单位：万元"],
    ]
    assert [row.line for row in rejoined(rows)] == [1, 2, 3, 4, 5]


def test_tables_that_are_not_strips_stay_as_they_are():
    both = ruled(LEFT, 1, 1) + ruled(RIGHT, 2, 4)
    for rows in (
        ruled(LEFT, 1, 1) + ruled(RIGHT[:2], 2, 4),  # not as many rows
        ruled(LEFT, 1, 1) + ruled(RIGHT, 1, 4),  # on the same page: two tables
        ruled(LEFT, 1, 1) + ruled([LEFT[0], *RIGHT[1:]], 2, 4),  # the same columns: a continued table
        ruled(RIGHT, 1, 1) + ruled(LEFT, 2, 4),  # the first names a name and a target itself
        ruled(LEFT[:2], 1, 1) + ruled(LEFT[2:], 2, 3) + ruled(RIGHT, 3, 4),  # the rows break over the pages otherwise
        ruled(LEFT, 1, 1) + [Row(["表6 项目支出绩效目标表"], 4, 2)] + ruled(RIGHT, 2, 5),  # a table's title between
        ruled([["科目编码", "科目名称", "金额"], *LEFT[1:]], 1, 1) + ruled(RIGHT, 2, 4),  # a 支出表, then a goal table
    ):
        assert rejoined(rows) == rows
    assert rejoined(both) != both


def test_tables_not_level_on_their_pages_are_no_strips():
    """Printed in strips, a table's rows stand on the later pages where they stood on the first. A LibreOffice
    sheet of three self-evaluations: the third's head at a page's foot, its indicator table atop the next page, as
    many rows by chance, were put side by side as one table's strips, and the form lost its department and money."""
    level = ruled(LEFT, 1, 1, top=60) + ruled(RIGHT, 2, 4, top=60)
    assert rejoined(level) != level
    apart = ruled(LEFT, 1, 1, top=700) + ruled(RIGHT, 2, 4, top=60)
    assert rejoined(apart) == apart
