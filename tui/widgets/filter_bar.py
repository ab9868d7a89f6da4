"""Region, year and (optionally) level selects that together make a kb.find.search.Filters."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Select

from kb.find.search import LEVELS, Filters
from kb.vocab.text import shown


class FilterBar(Horizontal):
    DEFAULT_CSS = """
    FilterBar { height: auto; width: auto; }
    FilterBar > Select { width: 18; margin-left: 1; }
    """

    class Changed(Message):
        """One of the selects changed (read `filters`)."""

    def __init__(self, with_level: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.with_level = with_level

    def compose(self) -> ComposeResult:
        yield Select([], prompt="地区 region", id="region", compact=True)
        yield Select([], prompt="年度 year", id="year", compact=True)
        if self.with_level:
            yield Select([(v, v) for v in LEVELS.values()], prompt="层级 level", id="level", compact=True)

    @property
    def filters(self) -> Filters:
        value = lambda s: None if s.is_blank() else s.value  # noqa: E731
        level = value(self.query_one("#level", Select)) if self.with_level else None
        return Filters(value(self.query_one("#region", Select)), value(self.query_one("#year", Select)), level)

    def set_choices(self, regions: list[str], years: list[int]) -> None:
        """New options (after an import), keeping the current choice when it still exists."""
        for select, options in (
            (self.query_one("#region", Select), [(Text(shown(r)), r) for r in regions]),
            (self.query_one("#year", Select), [(str(y), y) for y in years]),
        ):
            current = select.value
            select.set_options(options)
            if any(v == current for _, v in options):
                select.value = current

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())
