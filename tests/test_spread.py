"""The target spread's lines (tui.widgets.spread.spread_lines) are those of the Rich grid it replaced, drawn line by
line: the label right-aligned (a long one folded), the bar, the count, one space apart."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from conftest import fuzz_budget
from kb.vocab.text import shown
from tui.widgets.spread import LABEL_MAX, spread_lines

BAR = Style(color="yellow")


def grid_lines(spread: list[tuple[str, int]], width: int, console: Console) -> list[str]:
    """The grid the widget drew before, as text lines (trailing spaces dropped)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", max_width=LABEL_MAX, overflow="fold")
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    top = max(count for _, count in spread)
    label_width = min(LABEL_MAX, max(Text(shown(label)).cell_len for label, _ in spread))
    room = max(4, width - label_width - len(str(top)) - 2)
    for label, count in spread:
        table.add_row(Text(shown(label)), Text("█" * max(1, round(count / top * room)), style=BAR), str(count))
    lines = console.render_lines(table, console.options.update_width(width), pad=False)
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


LABELS = st.text(alphabet=st.sampled_from("≥≤=%0123456789.较高好满意度合格 元万个次\t"), min_size=1, max_size=30)


@settings(max_examples=fuzz_budget(100), deadline=None)
@given(
    st.lists(st.tuples(LABELS, st.integers(min_value=1, max_value=20_000)), min_size=1, max_size=12),
    st.integers(min_value=34, max_value=60),
)
def test_the_lines_are_the_grids(spread, width):
    console = Console(file=io.StringIO(), width=width)
    lines = spread_lines(spread, width, console, Style(), BAR)
    assert ["".join(segment.text for segment in line).rstrip() for line in lines] == grid_lines(spread, width, console)
    for line in lines:  # the bar, and only the bar, in the bar's style
        assert all(("█" in segment.text) == (segment.style == BAR) for segment in line if segment.text.strip())


def test_no_targets_no_lines():
    assert spread_lines([], 34, Console(file=io.StringIO()), Style(), BAR) == []
