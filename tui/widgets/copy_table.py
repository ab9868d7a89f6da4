"""A row-cursor DataTable that fits its columns to its width (long CJK cells wrap) and copies a row."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable
from kb.vocab.text import shown


CLOSING = frozenset("）)】」』》〉，。、；：！？")  # not at a wrapped line's start: `社区养老服务补贴（初稿` ⏎ `）`
_CLOSERS = "".join(CLOSING)
WRAP_ROWS = 100  # up to this many rows, long cells wrap; beyond, rows are one line (measuring is slow)
NARROWEST = 4  # a column given too little room keeps this many cells (two characters a line)


@dataclass
class Col:
    label: str
    width: int  # at least this many cells
    flex: int = 0  # share of the room left over (0: fixed)


def fitted(spec: list[Col], room: int) -> list[int]:
    """The columns' widths in `room` cells: each its own width, the room left over shared by the flex columns. When
    the room is short of that, columns give up cells one at a time, the widest for its flex first (a flex column
    holds what the table is for): the flex columns down to their labels, then any column to its label, then, if
    still short, to NARROWEST. Every column stays on screen, its long cells wrapped, rather than the last ones (a
    target, a count) running off the edge."""
    widths = [col.width for col in spec]
    spare = room - sum(widths)
    if spare >= 0:
        flex = sum(col.flex for col in spec) or 1
        return [width + spare * col.flex // flex for width, col in zip(widths, spec)]
    labels = [max(NARROWEST, cell_len(col.label)) for col in spec]
    flexible = [label if col.flex else width for label, col, width in zip(labels, spec, widths)]
    for floors in (flexible, labels, [NARROWEST] * len(spec)):
        while spare < 0 and (narrowable := [i for i, floor in enumerate(floors) if widths[i] > floor]):
            widths[max(narrowable, key=lambda i: widths[i] / (spec[i].flex + 1))] -= 1
            spare += 1
    return widths


def wrapped(text: Text, width: int, console) -> list[Text]:
    """The lines of a cell wrapped to `width` cells, a line that would begin with a closing bracket or a stop taking
    the last character of the line above with it (where it fits), and the closers ending that line (`全市）` ⏎ `。`
    gives `全` ⏎ `市）。`, not `全市` ⏎ `）。`): Rich breaks CJK text between any two."""
    lines = list(text.wrap(console, width))
    for n in range(1, len(lines)):
        above, line = lines[n - 1], lines[n]
        moved = len(above.plain) - len(above.plain.rstrip(_CLOSERS)) + 1
        if line.plain[:1] in CLOSING and len(above) > moved:
            head, last = above.divide([len(above) - moved])
            if last.cell_len + line.cell_len <= width:
                lines[n - 1], lines[n] = head, Text.assemble(last, line)
    return lines


class Kept(Text):
    """A long cell's text as given (`plain`), drawn in the lines `wrapped` makes at the width it is drawn in."""

    def __rich_console__(self, console, options):
        lines = Text("\n").join(wrapped(self, options.max_width, console))
        yield from lines.__rich_console__(console, options)


class CopyTable(DataTable):
    BINDINGS = [Binding("c", "copy_row", "复制", show=False, tooltip="复制这一行 copy the row", id="copy-row")]

    def __init__(self, *columns: Col, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.spec = list(columns)
        self._rows: list[tuple] = []
        self._width = 0  # the width the columns were laid out for (0: not yet)
        self._filled = False  # rows given at least once
        self._chosen_early = False  # Enter pressed before the first rows came (a list loading): chosen when they do

    def fill(self, rows: list[tuple], cursor: int = 0) -> None:
        """Replace the rows (cells are str, Text or numbers: text is shown as kb.vocab.text.shown writes it, never
        read as markup; a Text cell must be made so); keys are the row indexes as strings. While the
        table is covered by a loading indicator (no width), its columns keep the width they had, so that the
        rows are not laid out again when it is uncovered."""
        self._rows = rows
        self._build(self.size.width or self._width, cursor)
        self._filled = True
        if self._chosen_early and rows:
            self._chosen_early = False
            self.call_after_refresh(self.action_select_cursor)

    def action_select_cursor(self) -> None:
        """Enter: the row under the cursor; pressed before the first rows came, the row the cursor is on then."""
        if not self._filled:
            self._chosen_early = True
            return
        super().action_select_cursor()

    def _build(self, width: int, cursor: int) -> None:
        rows, self._width = self._rows, width
        self.clear(columns=True)
        widths = fitted(self.spec, width - self.styles.scrollbar_size_vertical - 2 * len(self.spec))
        for i, (col, col_width) in enumerate(zip(self.spec, widths)):
            self.add_column(col.label, width=col_width, key=str(i))
        # Not laid out yet (no width): one line a row until the width comes. Wrapped at no width, the rows ran
        # far too tall, and the vertical scrollbar that showed stayed when the rows then fitted exactly (Textual
        # looks again only when the scrollable region and the rows' size differ).
        wrap = width and len(rows) <= WRAP_ROWS
        for i, row in enumerate(rows):
            cells = [Text(shown(c, lines=True)) if isinstance(c, str) else c for c in row]
            height = 1
            if wrap:  # a cell wider than its column drawn in its lines as `wrapped` makes them, not as Rich does
                for n, room in enumerate(widths[: len(cells)]):
                    if isinstance(cells[n], Text) and cells[n].cell_len > room:
                        height = max(height, len(wrapped(cells[n], room, self.app.console)))
                        cells[n] = Kept().append_text(cells[n])
            self.add_row(*cells, height=height, key=str(i))
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width and event.size.width != self._width:  # not when covered (no width)
            self._build(event.size.width, self.cursor_row)

    def row_text(self, row: int) -> str:
        """The row's cells as plain text, tab-separated (paste into a spreadsheet or a form)."""
        cells = self.get_row_at(row)
        return "\t".join(c.plain if isinstance(c, Text) else str(c) for c in cells).strip()

    def action_copy_row(self) -> None:
        if not self.row_count:
            return
        text = self.row_text(self.cursor_row)
        self.app.copy_to_clipboard(text)
        self.notify(text.replace("\t", "  "), title="已复制 copied", timeout=3, markup=False)
