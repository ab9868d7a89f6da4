"""A small horizontal bar chart: how many precedents chose each target value.

Drawn line by line (Textual's line API): a common name has a hundred targets, and laying them out as a Rich table
took 40 ms of a slow machine's drawing thread at every keystroke's counts, twice (for the height, then to draw);
only the lines on screen are drawn now. The lines are those of the grid it replaced: the label right-aligned in
at most LABEL_MAX cells (a longer one folds onto the next lines), the bar, the count right-aligned, one space apart.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from kb.vocab.text import shown

LABEL_MAX = 16


def spread_lines(
    spread: list[tuple[str, int]], width: int, console: Console, base: Style, bar: Style
) -> list[list[Segment]]:
    """The chart's lines for `width` cells: label, bar and count of each target, a long label folded."""
    if not spread:
        return []
    top = max(count for _, count in spread)
    labels = [Text(shown(label)) for label, _ in spread]
    label_width = min(LABEL_MAX, max(label.cell_len for label in labels))
    count_width = len(str(top))
    room = max(4, width - label_width - count_width - 2)
    lines = []
    for label, (_, count) in zip(labels, spread):
        short = label.cell_len <= label_width and not any(c.isspace() for c in label.plain)
        parts = [label] if short else label.wrap(console, label_width, justify="right", overflow="fold")
        length = max(1, round(count / top * room))
        for n, part in enumerate(parts):
            pad = " " * (label_width - part.cell_len)
            line = [Segment(pad + part.plain, base), Segment(" ", base)]
            if n == 0:
                line += [
                    Segment("█" * length + " " * (room - length), bar),  # the column padded in the bar's style
                    Segment(" " + str(count).rjust(count_width), base),
                ]
            lines.append(line)
    return lines


class TargetSpread(Widget):
    COMPONENT_CLASSES = {"target-spread--bar"}
    DEFAULT_CSS = """
    TargetSpread { height: auto; }
    TargetSpread > .target-spread--bar { color: $accent; }
    """

    spread: reactive[list[tuple[str, int]]] = reactive(list, layout=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines: list[list[Segment]] = []
        self._made_for: tuple | None = None  # (the spread's id, width, styles) the lines were made for

    def _made(self, width: int) -> list[list[Segment]]:
        base = self.rich_style
        bar = base + self.get_component_rich_style("target-spread--bar")
        key = (id(self.spread), width, base, bar)  # the reactive is given a new list each time
        if key != self._made_for:
            self._lines, self._made_for = spread_lines(self.spread, width, self.app.console, base, bar), key
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._made(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._made(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        return Strip(lines[y]).crop_extend(0, width, self.rich_style)
