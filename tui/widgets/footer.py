"""The footer: F1 first, then the focused widget's keys before those of its containers and the app, as many as
fit the terminal's width (the rest are in F1's help); the command palette's key at the right."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "f1"


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells a key takes in the footer (its key, its description, their padding and the gap after it)."""
    text = cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)
    return text + (1 if compact else 3 if key.description else 2)


class KbFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._width = 0

    def compose(self):
        keys = list(super().compose())
        palette = [k for k in keys if k.has_class("-command-palette")]
        rest = sorted((k for k in keys if not k.has_class("-command-palette")), key=lambda k: k.key != HELP_KEY)
        room = self.app.size.width - sum(key_width(k, self.compact) + 1 for k in palette)
        shown = []
        for key in rest:
            width = key_width(key, self.compact)
            if width <= room:
                shown.append(key)
                room -= width
        self.styles.grid_size_columns = len(shown) + len(palette)
        yield from shown + palette

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.recompose)
