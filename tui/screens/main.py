"""The main screen: Browse, Indicators, Projects and Drafts tabs, import progress and the footer."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, TabbedContent, TabPane
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from kb.find.queries import ProjectRow
from tui.data import Database
from tui.messages import Catalog, DraftFromProject, FindIndicator, OpenProject
from tui.panes.browse import BrowsePane
from tui.widgets.footer import KbFooter
from tui.widgets.import_status import ImportStatus

if TYPE_CHECKING:
    from tui.drafting.pane import DraftsPane
    from tui.panes.indicators import IndicatorsPane
    from tui.panes.projects import ProjectsPane

LATER_TABS = {"indicators": "指标 Indicators F3", "projects": "全文 Projects F4", "drafts": "起草 Drafts F5"}
LATER_SECONDS = 3.0  # the hidden tabs are mounted after the first card is drawn, or after this long at most
NARROW, WIDE = 100, 160  # columns: below NARROW panels stack; from WIDE, names and precedents sit side by side


class MainScreen(Screen[None]):
    AUTO_FOCUS = None  # set_catalog focuses the tree, or the welcome's first button
    # the tab keys are the screen's before any widget sees a key: a key typed right after one goes to the new tab
    BINDINGS = [
        Binding("f2", "show_tab('browse')", "浏览 Browse", show=False, id="tab-browse", priority=True),
        Binding("f3", "show_tab('indicators')", "指标 Indicators", show=False, id="tab-indicators", priority=True),
        Binding("f4", "show_tab('projects')", "全文 Projects", show=False, id="tab-projects", priority=True),
        Binding("f5", "show_tab('drafts')", "起草 Drafts", show=False, id="tab-drafts", priority=True),
        Binding("escape", "back", "返回", tooltip="返回 back", id="back"),
    ]

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.history: list[tuple[str, Widget | None]] = []
        self.loaded = False
        self.chosen = False  # a tab asked for (a key, a command) before the first catalog came
        self.later: dict[str, Widget] = {}  # the hidden tabs' panes, once the first screen is drawn (_mount_later)
        self.holders = {tab: TabPane(title, id=tab) for tab, title in LATER_TABS.items()}
        self._later_started = False  # no mount starts after this is set (a mount has started, or the app closes)
        self._later_mount: Worker[None] | None = None
        self._later_ready = asyncio.Event()  # the panes are mounted and have the catalog

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="browse"):
            with TabPane("浏览 Browse F2", id="browse"):
                yield BrowsePane(self.db)
            yield from self.holders.values()
        yield ImportStatus()
        yield KbFooter()

    def on_mount(self) -> None:
        self.app.load_catalog()
        self.set_timer(LATER_SECONDS, self._start_later)  # whatever becomes of the first screen

    @on(BrowsePane.Loaded)
    def _first_card(self) -> None:
        self.call_after_refresh(self._start_later)  # once the card is drawn

    def _start_later(self) -> None:
        if not self._later_started:
            self._later_started = True
            self._later_mount = self.run_worker(self._mount_later(), group="later-panes")

    async def _mount_later(self) -> None:
        """Make the hidden tabs' panes, mount them one after another and give them the catalog (unless the app is
        closing). Done after the first screen: importing, composing and styling their ~120 widgets took a third of
        the app's start."""
        from tui.drafting.pane import DraftsPane
        from tui.panes.indicators import IndicatorsPane
        from tui.panes.projects import ProjectsPane

        self.later = {
            "indicators": IndicatorsPane(self.db),
            "projects": ProjectsPane(self.db),
            "drafts": DraftsPane(self.db),
        }
        for tab, pane in self.later.items():
            if not self.holders[tab].is_attached:
                return
            await self.holders[tab].mount(pane)
            if not pane.is_mounted:
                return
        if self.app.catalog.loaded:  # else set_catalog gives it them when it comes
            for pane in self.later.values():
                pane.set_catalog(self.app.catalog)
        self._later_ready.set()

    async def settle(self) -> None:
        """Before the app closes: let a started mount of the hidden tabs end, and start none after. Textual's Select
        fails its own mount when the app closes during it (it queries an overlay the closing app never mounts)."""
        self._later_started = True
        if self._later_mount is not None:
            with contextlib.suppress(WorkerFailed, WorkerCancelled):  # said by the worker itself
                await self._later_mount.wait()

    @property
    def indicator_pane(self) -> IndicatorsPane:
        return self.later["indicators"]

    @property
    def project_pane(self) -> ProjectsPane:
        return self.later["projects"]

    @property
    def draft_pane(self) -> DraftsPane:
        return self.later["drafts"]

    async def ready(self) -> None:
        """Wait until the hidden tabs' panes are mounted (at once, if a key asks for one before)."""
        self._start_later()
        await self._later_ready.wait()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def set_catalog(self, catalog: Catalog) -> None:
        """New data: every tab re-runs what it shows (none while the app closes: its widgets are being removed, the
        panes' inner ones first, so a catalog loaded meanwhile found a pane without its FilterBar)."""
        browse = self.query(BrowsePane)
        if not browse or self._pruning:  # (Textual 8's flag of a node being removed, set on all of them at once)
            return
        browse.first().set_catalog(catalog)
        if self._later_ready.is_set():
            for pane in self.later.values():
                pane.set_catalog(catalog)
        elif catalog.empty:
            self.call_after_refresh(self._start_later)  # no card to wait for
        first_load, self.loaded = not self.loaded, True
        if first_load:  # an empty base's welcome (on browse), unless a tab was asked for while it was read
            self.show_tab("browse" if catalog.empty and not self.chosen else self.tab)
        elif self.tab == "browse" and (catalog.empty or (self.focused and self.focused.id == "load-samples")):
            self.show_tab("browse")  # the samples button came or went; another tab is never left

    def set_projects(self, projects: list[ProjectRow]) -> None:
        """Every project listed (after the first screen, in a large knowledge base)."""
        for browse in self.query(BrowsePane):  # (none while the app closes)
            browse.set_projects(projects)

    async def action_show_tab(self, tab: str) -> None:
        self.chosen = True
        if tab in LATER_TABS:
            await self.ready()
        self.show_tab(tab)

    def show_tab(self, tab: str) -> None:
        """Show a tab and focus its first widget (a hidden tab's only once its pane is mounted)."""
        if tab in LATER_TABS and not self._later_ready.is_set():
            self.call_later(self.action_show_tab, tab)
            return
        self.history.clear()
        self.query_one(TabbedContent).active = tab
        if tab == "drafts":
            pane = self.draft_pane
            self.set_focus(pane.editor.table if pane.editing else pane.table)  # now: a key typed right after F5
            self._focus_once_drawn(tab, lambda: pane.editor.table if pane.editing else pane.table)
            return
        empty = self.query_one(BrowsePane).has_class("-empty")
        first = {
            "browse": "#load-samples" if empty else "#project-tree",
            "indicators": "#ind-query",
            "projects": "#proj-query",
        }[tab]
        self.set_focus(self.query_one(first))  # now, not queued: keys typed right after the switch land here
        self._focus_once_drawn(tab, lambda: self.query_one(first))

    def _focus_once_drawn(self, tab: str, widget: Callable[[], Widget]) -> None:
        """Focus a widget once the screen is drawn, unless another tab was chosen meanwhile, and then at once
        (Widget.focus waits its turn in the app's queue): on a loaded machine the first screen's late focus of the
        project tree, after F5, brought 浏览 back and left nothing focused."""

        def focus() -> None:
            if self.tab == tab and widget().is_attached:
                self.set_focus(widget())

        self.call_after_refresh(focus)

    def _remember(self) -> None:
        self.history = (self.history + [(self.tab, self.focused)])[-20:]

    @on(OpenProject)
    def open_project(self, event: OpenProject) -> None:
        if self.tab != "browse":
            self._remember()
        self.query_one(TabbedContent).active = "browse"
        self.query_one(BrowsePane).open(event.project_id, event.indicator)
        if event.indicator is None:
            self._focus_once_drawn("browse", lambda: self.query_one("#project-tree"))

    @on(DraftFromProject)
    async def draft_from_project(self, event: DraftFromProject) -> None:
        await self.ready()
        self.query_one(TabbedContent).active = "drafts"
        self.draft_pane.new_from_project(event.project_id, event.name, event.year)

    @on(FindIndicator)
    async def find_indicator(self, event: FindIndicator) -> None:
        await self.ready()
        if self.tab != "indicators":
            self._remember()
        self.query_one(TabbedContent).active = "indicators"
        self.indicator_pane.set_query(event.query)

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab's header clicked before its pane is mounted: show it once it is."""
        if event.pane.id in LATER_TABS and not self._later_ready.is_set():
            await self.ready()
            if self.tab == event.pane.id:
                self.show_tab(event.pane.id)

    def action_back(self) -> None:
        """Esc: return to where a jump came from; else step back within the tab; else clear the search box."""
        if self.history and self.history[-1][0] != self.tab:
            tab, widget = self.history.pop()
            self.query_one(TabbedContent).active = tab
            if widget is not None and widget.is_attached:
                self._focus_once_drawn(tab, lambda: widget)
            return
        pane = self.later.get(self.tab)
        if pane is not None and self._later_ready.is_set() and pane.back():
            return
        if self.tab == "browse" and self.focused is self.query_one("#goal-table"):
            self.query_one("#project-tree").focus()
        elif isinstance(self.focused, Input) and self.focused.value:
            self.focused.value = ""

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.width >= WIDE, "-wide")
