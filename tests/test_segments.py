"""importers.segments: which lines are table titles."""

from __future__ import annotations

import pytest

from importers.records import Row
from importers.segments import title


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
