"""A small horizontal bar chart: how many precedents chose each target value."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kb.vocab.text import shown

LABEL_MAX = 16


class TargetSpread(Widget):
    COMPONENT_CLASSES = {"target-spread--bar"}
    DEFAULT_CSS = """
    TargetSpread { height: auto; }
    TargetSpread > .target-spread--bar { color: $accent; }
    """

    spread: reactive[list[tuple[str, int]]] = reactive(list, layout=True)

    def render(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", max_width=LABEL_MAX, overflow="fold")  # a long label wraps: no digit hidden
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        if not self.spread:
            return table
        top = max(count for _, count in self.spread)
        label_width = min(LABEL_MAX, max(cell_len(label) for label, _ in self.spread))
        room = max(4, self.size.width - label_width - len(str(top)) - 2)
        style = self.get_component_rich_style("target-spread--bar")
        for label, count in self.spread:
            table.add_row(Text(shown(label)), Text("█" * max(1, round(count / top * room)), style=style), str(count))
        return table
