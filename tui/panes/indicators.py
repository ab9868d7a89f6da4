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
from kb.find.outcomes import outcome_line, outcome_summary
from kb.find.evaluations import search_self_evaluated
from kb.find.precedents import MATCH_WORDS, NameHit, Precedent, count_names, find_names, precedents
from kb.find.search import Filters, what_to_try
from kb.vocab.pinyin import has_han
from kb.vocab.text import shown
from tui.data import Database
from tui.messages import Catalog, OpenProject
from tui.widgets.copy_table import Col, CopyTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.project_card import std_level
from tui.widgets.spread import TargetSpread
from tui.widgets.search_box import SearchBox

SHOW_PRECEDENTS = 200  # rows in the table (newest first); the spread counts them all (from count_names)
PRECEDENTS_DELAY = 0.12  # seconds of quiet before the precedents of the highlighted name are read
WARM_UP_DELAY = 1.5  # seconds after the first screen before the name index is loaded in the background
PENDING = "…"  # a count not known yet


def _level(hit: NameHit | Precedent) -> str:
    return std_level(
        {
            "std_level1": hit.std_level1,
            "std_level2": hit.std_level2,
            "level_inferred": isinstance(hit, Precedent) and hit.level_inferred,
        }
    )


def _only_near(query: str, hits: list[NameHit]) -> bool:
    """Chinese typed that no name holds: none, or only near names (a pinyin query's hits are what it asked for)."""
    return has_han(query) and not any(hit.match in ("exact", "substring") for hit in hits)


def _evaluated(conn, query: str, filters: Filters) -> int:
    """How many self-evaluated rows hold the query (kb.find.evaluations)."""
    return search_self_evaluated(conn, query.strip(), filters, limit=0)[0]


def _comparison_name(query: str, filters: Filters) -> str:
    """A comparison's file name, its filters in it: '对比-满意度-北京市-公安-2026' (one per department compared, not
    the last one's name refused for the next)."""
    return "-".join(str(v) for v in ("对比", query, filters.region, filters.department, filters.year) if v)


class IndicatorsPane(Vertical):
    BINDINGS = [
        Binding("g", "goto", "打开项目", tooltip="在浏览页打开该项目 open the project in Browse", id="goto"),
        Binding(
            "ctrl+s",
            "export",
            "导出对比",
            tooltip="把这次查询的对比表写入 Excel（同 kb search --out） write the comparison workbook",
            id="export",
        ),
        Binding("slash", "focus_query", "搜索", show=False, tooltip="到搜索框 to the search box", id="focus-query"),
    ]

    @dataclass
    class NamesFound(Message):
        """The names matching `query`, not counted yet (or, with `counted`, the same names counted)."""

        query: str
        filters: Filters
        hits: list[NameHit] = field(default_factory=list)
        error: str = ""
        counted: bool = False
        evaluated: int = 0  # with no name matching: the self-evaluated rows whose name holds the query

    @dataclass
    class PrecedentsFound(Message):
        key: tuple
        precedents: list[Precedent] = field(default_factory=list)
        error: str = ""
        outcomes: dict | None = None  # peers' self-reported outcomes (kb.find.outcomes)

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.hits: list[NameHit] = []
        self.shown: list[Precedent] = []
        self.outcomes: dict | None = None  # of the precedents shown
        self.shown_key: tuple | None = None  # (variants, filters) of the precedents shown
        self.precedents_key: tuple | None = None  # … and of those wanted
        self.stale = False  # the projects changed while this pane was hidden
        self.index_loaded = False  # by a search since the data last changed

    def compose(self) -> ComposeResult:
        with Horizontal(classes="search-bar"):
            yield SearchBox(placeholder="指标名称 · 拼音首字母 myd · 全拼 manyidu", id="ind-query")
            yield FilterBar(id="ind-filters")
        with Vertical(id="ind-body"):
            with Vertical(id="names-side"):
                yield Static(id="names-status", classes="status")
                yield CopyTable(
                    Col("指标名称", 14, 1),
                    Col("次数", 6),
                    Col("项目", 6),
                    Col("地区", 4),
                    Col("标准层级", 10),
                    Col("常见值", 8),
                    Col("匹配", 4),
                    id="names",
                )
            with Vertical(id="prec-side"):
                yield Static(id="prec-title", classes="status")
                yield Static(id="spread-line", classes="status")
                yield Static(id="outcome-line", classes="status")
                with Horizontal(id="prec-row"):
                    yield CopyTable(
                        Col("指标值", 8),
                        Col("项目", 12, 3),
                        Col("地区", 10, 1),
                        Col("年度", 4),
                        Col("部门", 8, 2),
                        Col("标准层级", 10),
                        id="precedents",
                    )
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
        self.index_loaded = False  # the next search reloads it
        if self.is_on_screen:
            self.run_search()
        else:
            self.stale = True
            self.set_timer(WARM_UP_DELAY, self._warm_up)

    def _warm_up(self) -> None:
        """Load the name index in the background, so the first keystroke finds it ready; counting waits until
        the pane is shown."""
        if self.stale and not self.is_on_screen:
            self._search(self.db, "", Filters(), count=False)

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
    def _search(self, db: Database, query: str, filters: Filters, count: bool = True) -> None:
        """The names at once (in memory), then their counts (kb.find.precedents.count_names, on another
        connection, interrupted by the next keystroke)."""
        worker = get_current_worker()
        try:
            hits = db.call(find_names, query, filters, lane="names")
            evaluated = db.call(_evaluated, query, filters, lane="names") if _only_near(query, hits) else 0
        except KbError as exc:
            self.post_message(self.NamesFound(query, filters, error=str(exc)))
            return
        self.post_message(self.NamesFound(query, filters, hits, evaluated=evaluated))
        if not count or not hits or worker.is_cancelled:
            return
        try:
            hits = db.call(count_names, hits, filters, lambda: worker.is_cancelled, lane="counts")
        except KbError as exc:
            self.post_message(self.NamesFound(query, filters, hits, error=str(exc), counted=True))
            return
        if not worker.is_cancelled:
            self.post_message(self.NamesFound(query, filters, hits, counted=True))

    @on(NamesFound)
    def _names_found(self, event: NamesFound) -> None:
        if event.query != self.query_text or event.filters != self.filters:
            return  # an answer to an older keystroke
        table = self.query_one("#names", CopyTable)
        status = self.query_one("#names-status", Static)
        if event.counted:
            if event.error:
                status.update(Text(shown(event.error), style="bold red"))
                return
            self.hits = event.hits
            table.fill(self._name_rows(), cursor=table.cursor_row)
            self._count_precedents()
            return
        table.loading = False
        self.hits = event.hits
        if not self.index_loaded and not event.error:  # the first search loaded the name index
            self.index_loaded = True
            self.app.keep_heap()
        hint = self.query_one(FilterBar).region_hint(event.query)
        if event.error:
            status.update(Text(shown(event.error), style="bold red"))
        elif not event.hits:
            said = (
                f"没有指标名称匹配 {event.query.strip()!r} · "
                + ("去掉筛选再查 try without the filters" if any(event.filters) else what_to_try(event.query))
                if event.query.strip()
                else "没有指标 no indicators yet"
            )
            if event.evaluated:
                said += f" · 自评表中有 {event.evaluated} 行含此文字：ctrl+e 后按 / 筛选 in self-evaluations: ctrl+e, /"
            status.update(Text(shown(said + hint)))
        elif _only_near(event.query, event.hits):
            spelt = sum(hit.match == "synonym" for hit in event.hits)  # (kb.vocab.name_spellings: 辅警 / 警务辅助人员)
            kinds = [
                (spelt, "同义写法的指标名称 names of another spelling"),
                (len(event.hits) - spelt, "近似的指标名称 near names"),
            ]
            found = "，".join(f"{n} 个{what}" for n, what in kinds if n)
            said = f"没有名称含 {event.query.strip()!r}，{found} · ↵ 先例 precedents"
            if event.evaluated:
                said += f" · 自评表中有 {event.evaluated} 行含此文字：ctrl+e 后按 / 筛选"
            status.update(Text(shown(said + hint)))
        else:
            what = f"匹配 {event.query.strip()!r} 的" if event.query.strip() else "最常用的 most used"
            spelt = sum(hit.match == "synonym" for hit in event.hits)
            spelt_said = f"（{spelt} 个同义 synonyms）" if spelt else ""  # (marked 同义: kb.vocab.name_spellings)
            status.update(Text(f"{len(event.hits)} 个{what}指标名称 names{spelt_said} · ↵ 先例 precedents{hint}"))
        table.fill(self._name_rows())
        self._show_precedents(0)

    def _name_rows(self) -> list[tuple]:
        """Name, uses (the ranking: known at once), then its counts ('…' until they come), and how it matched."""
        return [
            (
                hit.name + (f" (+{len(hit.others)} 种写法)" if hit.others else ""),
                hit.uses,
                *((hit.projects, hit.regions, _level(hit), hit.common_target) if hit.counted else (PENDING,) * 4),
                MATCH_WORDS.get(hit.match, hit.match),
            )
            for hit in self.hits
        ]

    @on(Input.Submitted, "#ind-query")
    @on(SearchBox.Leave, "#ind-query")
    def _query_done(self) -> None:
        table = self.query_one("#names", CopyTable)
        table.focus()
        if table.row_count:
            table.move_cursor(row=0, animate=False)

    @on(DataTable.RowHighlighted, "#names")
    def _name_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_precedents(event.cursor_row)

    @on(DataTable.RowSelected, "#names")
    def _name_selected(self) -> None:
        self.query_one("#precedents", CopyTable).focus()

    # --- precedents ---------------------------------------------------------------------------------------------

    def _show_precedents(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            self.precedents_key = None
            self._fill_precedents(None, [])
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
            found = db.call(precedents, names, filters, SHOW_PRECEDENTS, lane="precedents")
            self.post_message(
                self.PrecedentsFound(key, found, outcomes=db.call(outcome_summary, names, lane="precedents"))
            )
        except KbError as exc:
            self.post_message(self.PrecedentsFound(key, error=str(exc)))

    @on(PrecedentsFound)
    def _precedents_found(self, event: PrecedentsFound) -> None:
        if event.key != self.precedents_key:
            return
        self.query_one("#prec-side").loading = False
        self._fill_precedents(event.key, event.precedents, event.error, event.outcomes)

    def _fill_precedents(
        self, key: tuple | None, found: list[Precedent], error: str = "", outcomes: dict | None = None
    ) -> None:
        self.shown, self.shown_key, self.outcomes = found, key, outcomes
        self.query_one("#precedents", CopyTable).fill(
            [
                (p.target or "", p.project, p.region or "", p.year or "", p.department or "", _level(p))
                for p in self.shown
            ]
        )
        self._count_precedents(error)

    def _count_precedents(self, error: str = "") -> None:
        """The title and target spread of the precedents shown: how many, in how many regions (from their
        name's counts: '…' until they come)."""
        key = self.shown_key
        hit = next((h for h in self.hits if key and tuple(h.variants) == key[0]), None)
        title = self.query_one("#prec-title", Static)
        if error:
            title.update(Text(shown(error), style="bold red"))
        elif hit is None:
            title.update("")
        else:
            regions = hit.regions if hit.counted else PENDING
            text = Text.assemble(
                (shown(hit.name), "bold"), f" · {hit.uses} 条先例 precedents, {regions} 个地区 regions"
            )
            if hit.uses > len(self.shown):
                text.append(f"（列出最新 {SHOW_PRECEDENTS} 条 newest shown; 用筛选缩小 filter to narrow）", style="dim")
            if hit.others:
                text.append(f"\n同一指标的写法 spellings counted as one:{shown(hit.spellings)}", style="dim")
            title.update(text)
        spread = hit.spread if hit is not None and hit.spread else []
        self.query_one(TargetSpread).spread = spread
        self.query_one("#spread-line", Static).update(
            Text(shown("目标值分布 targets: " + " · ".join(f"{label} ×{n}" for label, n in spread))) if spread else ""
        )
        outcomes = self.outcomes if hit is not None else None
        line = self.query_one("#outcome-line", Static)
        line.display = bool(outcomes)
        line.update(Text(shown(outcome_line(outcomes, targets=3))))

    @on(DataTable.RowSelected, "#precedents")
    def action_goto(self) -> None:
        table = self.query_one("#precedents", CopyTable)
        if self.shown and table.row_count:
            p = self.shown[table.cursor_row]
            self.post_message(OpenProject(p.project_id, p.name))

    def action_export(self) -> None:
        """The comparison workbook of the query within the filters chosen, as `kb search QUERY --out FILE` writes
        it (kb.find.hits_file), to a file the officer names."""
        query = self.query_text.strip()
        if not query:
            self.notify("先输入要比较的指标名称 type the indicator to compare first", severity="warning", markup=False)
            return
        from pathlib import Path

        from kb.drafting.export import safe_filename
        from kb.find.hits_file import OUT_LIMIT, write_search
        from tui import remembered
        from tui.drafting.dialogs import NameDialog

        filters = self.filters

        def write(text: str) -> tuple[Path, int, int, int]:
            path = Path(text.strip()).expanduser()
            result, indicators, projects = self.db.call(write_search, query, filters, path, OUT_LIMIT)
            return path, indicators, projects, result.indicator_total

        def written(done: tuple[Path, int, int, int] | None) -> None:
            if done:
                path, indicators, projects, total = done
                remembered.written_to(path)
                part = f"前 {indicators} 个（共 {total} 个）" if total > indicators else f"{indicators} 个"
                said = f"{path}：{part}指标、{projects} 个项目 indicators, projects"
                self.notify(shown(said), title="已写出对比表 comparison written", markup=False)

        within = f"（{filters.said}）" if filters.said else ""
        self.app.push_screen(
            NameDialog(
                f"导出对比 export the comparison · {query}{within}",
                write,
                str(remembered.export_folder() / safe_filename(_comparison_name(query, filters), "xlsx")),
                label="写入文件 write to（.xlsx：对比、指标、项目、自评；.csv：指标）:",
                placeholder="如 ~/对比-满意度.xlsx",
            ),
            written,
        )

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
