"""Indicator search: distinct names as you type (Chinese, pinyin initials, near misses), then every precedent
of the chosen name and the spread of their targets."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from kb.errors import KbError
from kb.precedents import NameHit, Overview, Precedent, precedent_overview, precedents, search_names
from kb.search import Filters
from tui.data import Database
from tui.messages import Catalog, OpenProject
from tui.widgets.copy_table import Col, CopyTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.project_card import std_level
from tui.widgets.spread import TargetSpread
from tui.widgets.search_box import SearchBox

MATCH = {"exact": "完全", "substring": "包含", "pinyin": "拼音", "fuzzy": "近似"}
SHOW_PRECEDENTS = 1000  # rows in the table (newest first); the spread counts them all
PRECEDENTS_DELAY = 0.12  # seconds of quiet before the precedents of the highlighted name are read
WARM_UP_DELAY = 1.5  # seconds after the first screen before the name index is loaded in the background


def _precedents_and_spread(conn, names: list[str], filters: Filters) -> tuple[list[Precedent], Overview]:
    """The newest precedents to list, and all of them counted (a name may be used 10,000 times)."""
    return precedents(conn, names, filters, limit=SHOW_PRECEDENTS), precedent_overview(conn, names, filters)


def _level(hit: NameHit | Precedent) -> str:
    return std_level({"std_level1": hit.std_level1, "std_level2": hit.std_level2,
                      "level_inferred": isinstance(hit, Precedent) and hit.level_inferred})


class IndicatorsPane(Vertical):
    BINDINGS = [
        Binding("g", "goto", "Go to project", id="goto"),
        Binding("slash", "focus_query", "Search", show=False, id="focus-query"),
    ]

    @dataclass
    class NamesFound(Message):
        query: str
        filters: Filters
        hits: list[NameHit] = field(default_factory=list)
        error: str = ""

    @dataclass
    class PrecedentsFound(Message):
        key: tuple
        precedents: list[Precedent] = field(default_factory=list)
        overview: Overview = field(default_factory=lambda: Overview(0, 0, []))
        error: str = ""

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.hits: list[NameHit] = []
        self.shown: list[Precedent] = []
        self.precedents_key: tuple | None = None
        self.stale = False  # the projects changed while this pane was hidden

    def compose(self) -> ComposeResult:
        with Horizontal(classes="search-bar"):
            yield SearchBox(placeholder="指标名称 · 拼音首字母 myd · 全拼 manyidu", id="ind-query")
            yield FilterBar(id="ind-filters")
        with Vertical(id="ind-body"):
            with Vertical(id="names-side"):
                yield Static(id="names-status", classes="status")
                yield CopyTable(Col("指标名称", 14, 1), Col("项目", 4), Col("地区", 4), Col("标准层级", 10),
                                Col("常见值", 8), Col("匹配", 4), id="names")
            with Vertical(id="prec-side"):
                yield Static(id="prec-title", classes="status")
                yield Static(id="spread-line", classes="status")
                with Horizontal(id="prec-row"):
                    yield CopyTable(Col("指标值", 8), Col("项目", 12, 3), Col("地区", 10, 1), Col("年度", 4),
                                    Col("部门", 8, 2), Col("标准层级", 10), id="precedents")
                    yield TargetSpread(id="spread")

    @property
    def query_text(self) -> str:
        return self.query_one("#ind-query", Input).value

    @property
    def filters(self) -> Filters:
        return self.query_one(FilterBar).filters

    def set_catalog(self, catalog: Catalog) -> None:
        """New projects: search again now if this pane is shown, else when it is (or once the app is idle, so the
        name index is loaded before the first keystroke without slowing the first screen)."""
        self.query_one(FilterBar).set_choices(catalog.regions, catalog.years)
        if self.is_on_screen:
            self.run_search()
        else:
            self.stale = True
            self.set_timer(WARM_UP_DELAY, self._refresh_if_stale)

    def on_show(self) -> None:
        self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.run_search()

    def set_query(self, text: str) -> None:
        box = self.query_one("#ind-query", Input)
        box.value = text
        box.focus()

    # --- names --------------------------------------------------------------------------------------------------

    @on(Input.Changed, "#ind-query")
    @on(FilterBar.Changed)
    def run_search(self) -> None:
        self.stale = False
        self.precedents_key = None
        self.query_one("#names", CopyTable).loading = True
        self._search(self.db, self.query_text, self.filters)

    @work(thread=True, exclusive=True, exit_on_error=False, group="names")
    def _search(self, db: Database, query: str, filters: Filters) -> None:
        try:
            self.post_message(self.NamesFound(query, filters, db.call(search_names, query, filters)))
        except KbError as exc:
            self.post_message(self.NamesFound(query, filters, error=str(exc)))

    @on(NamesFound)
    def _names_found(self, event: NamesFound) -> None:
        if event.query != self.query_text or event.filters != self.filters:
            return  # an answer to an older keystroke
        table = self.query_one("#names", CopyTable)
        table.loading = False
        self.hits = event.hits
        status = self.query_one("#names-status", Static)
        if event.error:
            status.update(Text(event.error, style="bold red"))
        elif not event.hits:
            status.update(Text(f"没有指标名称匹配 no indicator name matches {event.query!r}" if event.query.strip()
                               else "没有指标 no indicators yet"))
        else:
            what = f"匹配 {event.query.strip()!r} 的" if event.query.strip() else "最常用的 most used"
            status.update(Text(f"{len(event.hits)} 个{what}指标名称 names · ↵ 先例 precedents"))
        table.fill([(hit.name + (f" (+{len(hit.variants) - 1})" if len(hit.variants) > 1 else ""), hit.projects,
                     hit.regions, _level(hit), hit.common_target or "", MATCH.get(hit.match, hit.match))
                    for hit in event.hits])
        self._show_precedents(0)

    @on(Input.Submitted, "#ind-query")
    def _query_done(self) -> None:
        self.query_one("#names", CopyTable).focus()

    @on(DataTable.RowHighlighted, "#names")
    def _name_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_precedents(event.cursor_row)

    @on(DataTable.RowSelected, "#names")
    def _name_selected(self) -> None:
        self.query_one("#precedents", CopyTable).focus()

    # --- precedents ---------------------------------------------------------------------------------------------

    def _show_precedents(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            self._fill_precedents(None, [], Overview(0, 0, []))
            return
        hit, filters = self.hits[row], self.filters
        key = (tuple(hit.variants), filters)
        if key == self.precedents_key:
            return
        self.precedents_key = key
        self.query_one("#prec-side").loading = True
        self._precedents(self.db, key, hit.variants, filters)

    @work(thread=True, exclusive=True, exit_on_error=False, group="precedents")
    def _precedents(self, db: Database, key: tuple, names: list[str], filters: Filters) -> None:
        time.sleep(PRECEDENTS_DELAY)  # while the user is still typing or moving, a newer request replaces this one
        if get_current_worker().is_cancelled:
            return
        try:
            self.post_message(self.PrecedentsFound(
                key, *db.call(_precedents_and_spread, names, filters, lane="precedents")))
        except KbError as exc:
            self.post_message(self.PrecedentsFound(key, error=str(exc)))

    @on(PrecedentsFound)
    def _precedents_found(self, event: PrecedentsFound) -> None:
        if event.key != self.precedents_key:
            return
        self.query_one("#prec-side").loading = False
        hit = next((h for h in self.hits if tuple(h.variants) == event.key[0]), None)
        self._fill_precedents(hit, event.precedents, event.overview, event.error)

    def _fill_precedents(self, hit: NameHit | None, found: list[Precedent], overview: Overview,
                         error: str = "") -> None:
        title = self.query_one("#prec-title", Static)
        if error:
            title.update(Text(error, style="bold red"))
        elif hit is None:
            title.update("")
        else:
            text = Text.assemble((hit.name, "bold"), f" · {overview.total} 条先例 precedents, "
                                 f"{overview.regions} 个地区 regions")
            if overview.total > len(found):
                text.append(f"（列出最新 {SHOW_PRECEDENTS} 条 newest shown; 用筛选缩小 filter to narrow）", style="dim")
            if len(hit.variants) > 1:
                text.append(f"\n同名异写 variants: {'、'.join(hit.variants)}", style="dim")
            title.update(text)
        self.shown = found
        self.query_one("#precedents", CopyTable).fill(
            [(p.target or "", p.project, p.region or "", p.year or "", p.department or "", _level(p))
             for p in self.shown])
        spread = overview.spread
        self.query_one(TargetSpread).spread = spread
        self.query_one("#spread-line", Static).update(
            Text("目标值分布 targets: " + " · ".join(f"{label} ×{n}" for label, n in spread)) if spread else "")

    @on(DataTable.RowSelected, "#precedents")
    def action_goto(self) -> None:
        table = self.query_one("#precedents", CopyTable)
        if self.shown and table.row_count:
            p = self.shown[table.cursor_row]
            self.post_message(OpenProject(p.project_id, p.name))

    def action_focus_query(self) -> None:
        self.query_one("#ind-query", Input).focus()

    def back(self) -> bool:
        """Esc: precedents → names → search box; False when there is nowhere further back."""
        focused = self.screen.focused
        if focused is self.query_one("#precedents"):
            self.query_one("#names").focus()
        elif focused is self.query_one("#names"):
            self.action_focus_query()
        else:
            return False
        return True
