"""Full-text search over projects: name, overview and annual goal (kb.find.search.search_projects)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from kb.errors import KbError
from kb.find.counts import Count, count_text
from kb.find.project_search import count_projects, search_projects
from kb.find.queries import DEPARTMENT, listed_name
from kb.find.search import Filters, unspaced
from kb.vocab.tokens import fold, query_words
from kb.vocab.departments import unit_under
from kb.vocab.text import shown
from tui.data import Database
from tui.messages import Catalog, OpenProject
from tui.widgets.copy_table import Col, CopyTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.search_box import SearchBox

LIMIT = 100
_WHERE = {"name": "名称", "overview": "概况", "goal": "目标"}


def highlight(snippet: str, query: str) -> Text:
    """The snippet (control characters shown escaped) with every (case- and width-folded) occurrence of `query` (of
    each of its words, kb.vocab.tokens.query_words) in bold."""
    snippet = shown(snippet)
    text = Text(snippet)
    # folded a character at a time, so that a place in the folded text is found in the snippet: NFKC makes the '…'
    # a cut snippet starts with three characters (no snippet cut at its start was highlighted)
    pieces = [fold(c) for c in snippet]
    folded, starts = "".join(pieces), list(accumulate(map(len, pieces), initial=0))
    for needle in map(fold, query_words(query.strip()) if query.strip() else []):
        at = folded.find(needle) if needle else -1
        while at >= 0:
            text.stylize("bold reverse", bisect_right(starts, at) - 1, bisect_left(starts, at + len(needle)))
            at = folded.find(needle, at + len(needle))
    return text


def said(query: str) -> str:
    """What the hits contain: the query, or each of its words ('烟台' + '救助': in any order)."""
    words = query_words(query.strip())
    return " + ".join(map(repr, words)) if len(words) > 1 else repr(words[0])


def _department(hit: dict) -> Text:
    """The department, and under it the unit carrying the work out where it is another (a department filter may
    have found the project by it), without the names the row shows already: the column is narrow."""
    unit = unit_under(hit["department"], hit["region"], hit.get("implementing_unit"))
    return Text.assemble(hit["department"] or "", (f"\n实施 {unit}", "dim") if unit else "")


class ProjectsPane(Vertical):
    BINDINGS = [
        Binding("g", "goto", "打开项目", tooltip="在浏览页打开该项目 open the project in Browse", id="goto"),
        Binding("slash", "focus_query", "搜索", show=False, tooltip="到搜索框 to the search box", id="focus-query"),
    ]

    @dataclass
    class Found(Message):
        query: str
        filters: Filters
        total: int = 0
        hits: list[dict] = field(default_factory=list)
        error: str = ""
        searched: str = ""  # the query searched for, when not the one typed (kb.find.search.unspaced)

    @dataclass
    class Counted(Message):
        """The exact count, finished after an estimated one was shown."""

        query: str
        filters: Filters
        total: Count
        searched: str = ""

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.hits: list[dict] = []
        self.total: int = 0  # of the hits shown: a Count, estimated until the exact count is in

    def compose(self) -> ComposeResult:
        with Horizontal(classes="search-bar"):
            yield SearchBox(placeholder="项目名称、概况或目标中的文字 any words of a project", id="proj-query")
            yield FilterBar(with_level=False, id="proj-filters")
        yield Static("输入文字搜索项目 type to search projects", id="proj-status", classes="status")
        yield CopyTable(
            Col("项目名称", 16, 3),
            Col("地区", 8, 1),
            Col("年度", 4),
            Col("部门", 8, 1),
            Col("匹配", 20, 4),
            id="proj-results",
        )

    @property
    def query_text(self) -> str:
        return self.query_one("#proj-query", Input).value

    def set_catalog(self, catalog: Catalog) -> None:
        self.query_one(FilterBar).set_choices(catalog.regions, catalog.years)
        self.run_search()

    @on(Input.Changed, "#proj-query")
    @on(FilterBar.Changed)
    def run_search(self) -> None:
        table = self.query_one(CopyTable)
        if not self.query_text.strip():
            self.hits, self.total = [], 0
            table.fill([])
            self.query_one("#proj-status", Static).update("输入文字搜索项目 type to search projects")
            return
        table.loading = True
        self._search(self.db, self.query_text, self.query_one(FilterBar).filters)

    @work(thread=True, exclusive=True, exit_on_error=False, group="projects")
    def _search(self, db: Database, query: str, filters: Filters) -> None:
        """The first page (its count estimated for a common query), then the exact count on another connection,
        interrupted by the next keystroke."""
        worker = get_current_worker()
        try:
            searched = query
            total, hits = db.call(search_projects, query, filters, LIMIT)
            joined = unspaced(query.strip())
            if not total and joined:  # '满 意 度' copied from a PDF's spaced text
                again = db.call(search_projects, joined, filters, LIMIT)
                if again[0] or len(query_words(query.strip())) == 1:  # words: said as typed unless joined finds some
                    searched, (total, hits) = joined, again
            self.post_message(self.Found(query, filters, total, hits, searched=searched.strip()))
            if getattr(total, "exact", True) or worker.is_cancelled:
                return
            stop = lambda: worker.is_cancelled  # noqa: E731
            exact = db.call(count_projects, searched, filters, None, stop, lane="project-counts")
            if exact is not None and not worker.is_cancelled:
                self.post_message(self.Counted(query, filters, exact, searched.strip()))
        except KbError as exc:
            self.post_message(self.Found(query, filters, error=str(exc)))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.query != self.query_text or event.filters != self.query_one(FilterBar).filters:
            return
        table = self.query_one(CopyTable)
        table.loading = False
        self.hits, self.total = event.hits, event.total
        status = self.query_one("#proj-status", Static)
        if event.error:
            status.update(Text(shown(event.error), style="bold red"))
        else:
            self._show_total(event.searched, event.total, len(event.hits))
        table.fill(
            [
                (
                    highlight(listed_name(hit["name"], hit.get("kind") == DEPARTMENT), event.searched),
                    hit["region"] or "",
                    hit["year"] or "",
                    _department(hit),
                    self._match(hit, event.searched),
                )
                for hit in event.hits
            ]
        )

    def _show_total(self, query: str, total: int, shown_hits: int) -> None:
        more = f"（前 {shown_hits} 个 top {shown_hits}）" if total > shown_hits else ""
        counting = "" if getattr(total, "exact", True) else "，计数中 counting…"
        self.query_one("#proj-status", Static).update(
            Text(
                f"{count_text(total)} 个项目包含 projects contain {said(query)}{more}{counting}"
                + self.query_one(FilterBar).region_hint(query)
            )
        )

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if event.query == self.query_text and event.filters == self.query_one(FilterBar).filters:
            self.total = event.total
            self._show_total(event.searched, event.total, len(self.hits))

    @staticmethod
    def _match(hit: dict, query: str) -> Text:
        if hit["matched"] == "name":
            return Text("名称", style="dim")
        return Text.assemble((_WHERE.get(hit["matched"], ""), "dim"), " ", highlight(hit["snippet"], query))

    @on(Input.Submitted, "#proj-query")
    @on(SearchBox.Leave, "#proj-query")
    def _query_done(self) -> None:
        table = self.query_one(CopyTable)
        table.focus()
        if table.row_count:
            table.move_cursor(row=0, animate=False)

    @on(DataTable.RowSelected, "#proj-results")
    def action_goto(self) -> None:
        table = self.query_one(CopyTable)
        if self.hits and table.row_count:
            self.post_message(OpenProject(self.hits[table.cursor_row]["id"]))

    def action_focus_query(self) -> None:
        self.query_one("#proj-query", Input).focus()

    def back(self) -> bool:
        if self.screen.focused is self.query_one(CopyTable):
            self.action_focus_query()
            return True
        return False
