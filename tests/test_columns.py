"""importers.columns: what header, label and unit cells say."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from importers.columns import declared_unit, target_parts, unit_of_cell
from importers.records import Row
from kb.vocab.targets import Target, parse_target

_PIECES = [
    "单位",
    "金额",
    "：",
    ":",
    "万元",
    "元",
    "亿元",
    " ",
    "\n",
    "<b>",
    "</b>",
    "&#20301;",
    "&nbsp;",
    "单",
    "项目",
    "",
]


def test_a_unit_line_declares_its_unit():
    assert declared_unit(Row(cells=["", "单位：万元"], line=1)) == "万元"
    assert declared_unit(Row(cells=["金额单位: 元"], line=1)) == "元"
    assert declared_unit(Row(cells=["<p>单&#20301;：亿元</p>"], line=1)) == "亿元"  # '位' only as an entity
    assert declared_unit(Row(cells=["项目单位", "万元"], line=1)) == ""
    assert declared_unit(Row(cells=["（单位：元）"], line=1)) == "元"
    assert declared_unit(Row(cells=["单位：人民币元"], line=1)) == "元"
    assert declared_unit(Row(cells=["货币单位：万元"], line=1)) == "万元"
    assert declared_unit(Row(cells=["编制单位：某市某局      单位：元"], line=1)) == "元"  # beside other text
    assert declared_unit(Row(cells=["金额（单位：元）"], line=1)) == ""  # a column's header, not a line
    assert declared_unit(Row(cells=["单位：元/人"], line=1)) == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join), min_size=1, max_size=4))
@example(["<p>单&#20301;：万元</p>"])
def test_cells_passed_over_hold_no_unit(cells):
    """Cells are passed over without cleaning when they cannot hold a unit line: the unit found is the one matching
    every cleaned cell would find."""
    every = next((unit for c in cells if (unit := unit_of_cell(c))), "")
    assert declared_unit(Row(cells=cells, line=1)) == every


def test_an_operator_column_in_words_is_an_operator_kept_as_printed():
    """大于等于 | 90 | % reads ≥90% (not =90% with 大于等于 as the row's nature); 正向 and 定性 stay natures."""
    assert target_parts("大于等于", "90", "%") == ("大于等于", "90", "%", "")
    operator, target, unit, _ = target_parts("大于等于", "90", "%")
    assert parse_target(target, operator, unit) == Target("≥", 90.0, "%")  # as kb.ingest.normalise reads it
    assert target_parts("正向", "90", "%") == ("", "90", "%", "正向")
    assert target_parts("定性", "优", "") == ("", "优", "", "定性")
