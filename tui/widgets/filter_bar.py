"""Region, year and (optionally) level selects and a department's part of a name that together make a
kb.find.search.Filters."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select

from kb.find.search import LEVELS, Filters, region_words
from kb.vocab.tokens import query_words
from kb.vocab.text import shown


class FilterBar(Horizontal):
    DEFAULT_CSS = """
    FilterBar { height: auto; width: auto; }
    FilterBar > Select { width: 18; margin-left: 1; }
    FilterBar > #department { width: 12; margin-left: 1; }
    """

    class Changed(Message):
        """One of the filters changed (read `filters`)."""

    def __init__(self, with_level: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.with_level = with_level
        self.regions: list[str] = []

    def compose(self) -> ComposeResult:
        yield Select([], prompt="地区 region", id="region", compact=True)
        yield Input(placeholder="部门 dept", id="department", compact=True)
        yield Select([], prompt="年度 year", id="year", compact=True)
        if self.with_level:
            yield Select([(v, v) for v in LEVELS.values()], prompt="层级 level", id="level", compact=True)

    @property
    def filters(self) -> Filters:
        value = lambda s: None if s.is_blank() else s.value  # noqa: E731
        level = value(self.query_one("#level", Select)) if self.with_level else None
        department = self.query_one("#department", Input).value.strip() or None  # a part of its name, as --department
        return Filters(
            value(self.query_one("#region", Select)), value(self.query_one("#year", Select)), level, department
        )

    def set_choices(self, regions: list[str], years: list[int]) -> None:
        """New options (after an import), keeping the current choice when it still exists."""
        self.regions = list(regions)
        for select, options in (
            (self.query_one("#region", Select), [(Text(shown(r)), r) for r in regions]),
            (self.query_one("#year", Select), [(str(y), y) for y in years]),
        ):
            current = select.value
            select.set_options(options)
            if any(v == current for _, v in options):
                select.value = current

    def region_hint(self, query: str) -> str:
        """' · 提示：烟台 是地区名 …' when a word of a several-word query names a region and none is chosen: the texts
        must hold that word (no indicator name holds its region), where the region select finds the region's own."""
        words = query_words(query.strip()) if query.strip() else []
        found = region_words(words, self.regions) if len(words) > 1 and not self.filters.region else ()
        if not found:
            return ""
        named = "、".join(found)
        return (
            f" · 提示：{named} 是地区名，请从搜索词删去，在“地区”中选择 hint: {named} is a region, pick it under 地区"
        )

    @on(Select.Changed)
    @on(Input.Changed, "#department")
    def _changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())
