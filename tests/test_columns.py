"""importers.columns: what header, label and unit cells say."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from importers.cells import clean
from importers.columns import declared_unit
from importers.records import Row

_UNIT_LINE = re.compile(r"^(?:金额)?单位[：:]?(亿元|万元|千元|元)$")
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join), min_size=1, max_size=4))
@example(["<p>单&#20301;：万元</p>"])
def test_cells_passed_over_hold_no_unit(cells):
    """Cells are passed over without cleaning when they cannot hold a unit line: the unit found is the one matching
    every cleaned cell would find."""
    every = next((m.group(1) for c in cells if (m := _UNIT_LINE.match("".join(clean(c).split())))), "")
    assert declared_unit(Row(cells=cells, line=1)) == every
