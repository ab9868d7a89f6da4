"""The 绩效目标知识库 terminal app: the factory, app-wide keys and commands, loading and watching the catalog."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
from collections.abc import Iterable
from pathlib import Path

from textual import events, on, work
from textual.worker import get_current_worker
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.widgets import Button, Input, Select

from kb.errors import KbError
from kb.find.queries import all_projects, branch_projects, project_branches, show_project
from kb.vocab.text import shown
from tui.commands import KbCommands
from tui.data import Busy, Database
from tui.panes.browse import BrowsePane
from tui.messages import Catalog, CatalogFailed, CatalogLoaded, DataChanged, FindIndicator, OpenProject, ProjectsListed
from tui.screens.error import ErrorScreen
from tui.screens.import_path import ImportPathScreen
from tui.screens.main import MainScreen
from tui.type_ahead import TypeAhead
from tui.widgets.import_status import ImportDone, ImportStatus
from tui.widgets.project_tree import branch_order, year_key

WATCH_SECONDS = 2.0  # how often to look for commits by other connections (a `kb import` elsewhere)
LIST_AT_ONCE = 5000  # up to this many projects, all are read before the first screen (else just after it)
KEYS_WAIT = 1.0  # seconds a quit waits for the focused box to take the keys typed just before Ctrl+Q


def documents_read(conn) -> tuple:
    """How many documents the base holds and a digest of their contents: an import, a document replaced in place
    (its id kept) or a removal elsewhere changes them, a draft saved elsewhere (which the draft pane tells of itself)
    does not."""
    held = [r[0] for r in conn.execute("SELECT sha256 FROM documents ORDER BY id")]
    return len(held), hashlib.sha256("".join(held).encode()).hexdigest()


def _catalog(conn) -> Catalog:
    """The tree's branches, the projects of its first branch (or of all, when there are few), and the card of the
    first project: read here, before the first screen's drawing competes with this thread for the GIL (a card's
    query alone took 1 ms, 20–110 ms beside the drawing)."""
    branches = project_branches(conn)
    if not branches:
        from kb.find.evaluations import self_evaluation_count  # an empty base's only: not part of the app's start

        return Catalog(
            projects=[], loaded=True, evaluations=self_evaluation_count(conn), documents=documents_read(conn)
        )
    region, department, year, _ = min(branches, key=lambda b: branch_order(year_key(*b[:3])))
    first = branch_projects(conn, region, department, year)
    listed = all_projects(conn) if sum(n for *_, n in branches) <= LIST_AT_ONCE else None
    catalog = Catalog(branches, first, listed, loaded=True, documents=documents_read(conn))
    if first:
        with contextlib.suppress(KbError):  # gone meanwhile: the pane reads it, and says so
            catalog.card = show_project(conn, first[0].id)
    return catalog


def arrival(event: ImportDone, typing: bool) -> str:
    """What an import's notice adds about the project it shows (in Browse, behind a box being typed into): the first
    imported, of how many documents."""
    if event.first is None:
        return ""
    n = sum(1 for r in event.results if r.document_id is not None)
    if typing:
        return f"\n已在 浏览 F2 中选中所导入的第一个项目（共 {n} 份文件） the first project imported is in Browse (F2)"
    return f"\n已显示所导入的第一个项目（共 {n} 份文件） showing the first project imported ({n} documents)"


async def keys_taken(widget) -> None:
    """Until `widget` has handled the events queued to it (keys read together with Ctrl+Q, which the app acts on
    before the box has taken them)."""
    taken = asyncio.Event()
    if widget.call_later(taken.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(taken.wait(), KEYS_WAIT)


class KbApp(App[None]):
    TITLE = "绩效目标知识库"
    SUB_TITLE = "jixiao-kb"
    CSS_PATH = "app.tcss"
    COMMANDS = {KbCommands}  # Textual's own commands included, after the knowledge base's
    BINDINGS = [
        Binding("f1", "help", "帮助", tooltip="帮助 help: every key", id="help"),
        Binding("question_mark", "help", "帮助", show=False, tooltip="帮助 help", id="help-alt"),
        Binding("ctrl+o", "import_folder", "导入", tooltip="导入文件或文件夹 import a file or folder", id="import"),
        Binding(
            "ctrl+e",
            "evaluations",
            "自评",
            tooltip="自评表：所报的实际完成值与达成情况 self-evaluations: what units reported achieving",
            id="evaluations",
            priority=True,  # in a text box too (where Textual's ctrl+e would move to the end: End does that)
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "命令",
            show=False,
            priority=True,
            tooltip="命令：转到项目、草稿、导入… commands: go to a project, a draft, import…",
            id="palette",
        ),
    ]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db = Database(db_path)
        self.catalog = Catalog()
        self.main: MainScreen | None = None
        self.error = ""
        self.last_import: ImportDone | None = None
        self.type_ahead = TypeAhead(self)

    def get_default_screen(self) -> MainScreen:
        self.main = MainScreen(self.db)
        return self.main

    def on_mount(self) -> None:
        self.sub_title = shown(str(self.db.path))
        self.set_interval(WATCH_SECONDS, self._tick)

    def on_unmount(self) -> None:
        self.db.close()

    async def on_event(self, event: events.Event) -> None:
        """A key (or a paste) read while the key before is still on its way waits for it (tui.type_ahead)."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await super().on_event(event)
        elif not self.type_ahead.hold(event):
            target = self.focused or self.screen
            await super().on_event(event)
            if isinstance(event, events.Key):
                self.type_ahead.follow(event, target)

    # --- catalog ------------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="catalog")
    def load_catalog(self) -> None:
        try:
            catalog = self.db.call(_catalog)
            self.post_message(CatalogLoaded(catalog))
            if catalog.projects is None:  # on its own connection, so a project card can load meanwhile
                projects = self.db.call(all_projects, lane="catalog")
                if not get_current_worker().is_cancelled:
                    self.post_message(ProjectsListed(catalog, projects))
        except Busy as exc:
            self.post_message(CatalogFailed(str(exc), fatal=False, busy=True))
        except KbError as exc:
            self.post_message(CatalogFailed(str(exc), fatal=not self.catalog.loaded))  # never opened

    @on(CatalogLoaded)
    def _catalog_loaded(self, event: CatalogLoaded) -> None:
        gc.unfreeze()  # the old catalog may be garbage now
        self.catalog = event.catalog
        self.main.set_catalog(event.catalog)
        if event.catalog.projects is not None:
            self.keep_heap()

    @on(ProjectsListed)
    def _projects_listed(self, event: ProjectsListed) -> None:
        if event.catalog is self.catalog:  # else a newer catalog is on its way
            self.catalog.projects = event.projects
            self.main.set_projects(event.projects)
            self.keep_heap()

    @staticmethod
    def keep_heap() -> None:
        """Long-lived data was just loaded (100,000 projects, the name index): keep Python's cyclic garbage
        collector from walking it again. Its full collections over the 300,000 objects of a large knowledge base
        paused the app for 80–280 ms, mid-keystroke."""
        gc.freeze()

    @on(CatalogFailed)
    def _catalog_failed(self, event: CatalogFailed) -> None:
        if event.fatal and not event.busy:
            self.error = event.error
            self.push_screen(ErrorScreen(event.error))
            return
        self.notify(shown(event.error), title="知识库 knowledge base", severity="warning", markup=False)
        if event.busy:
            self.set_timer(WATCH_SECONDS, self.load_catalog)

    def _tick(self) -> None:
        status = self.main.query(ImportStatus)
        if status:  # none while the app closes
            self._watch(external=not status.first().running)

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _watch(self, external: bool) -> None:
        if self.db.changed():
            try:
                documents = self.db.call(documents_read) if external else ()
            except KbError:
                documents = ()
            self.post_message(DataChanged(external, documents))

    @on(DataChanged)
    def _data_changed(self, event: DataChanged) -> None:
        """Refresh; said once, for documents changed elsewhere: a `kb draft set` gave three notices (two of these,
        one the draft pane's own, which says it better)."""
        if event.external and event.documents != self.catalog.documents:
            self.notify("知识库已在别处更新 the knowledge base was changed elsewhere: refreshed", timeout=4)
            self.catalog.documents = event.documents
        self.load_catalog()

    # --- actions and commands -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing to import into while the knowledge base cannot be opened."""
        return not (self.error and action in ("import_folder", "load_samples"))

    async def action_quit(self) -> None:
        """Quit once the focused box has taken the keys typed before, the hidden tabs' mount, if started, has ended
        and the open draft's last changes are saved."""
        if self.focused is not None:
            await keys_taken(self.focused)
        main = self.main if self.main is not None and self.main.is_attached else None
        if main is not None:
            await main.settle()
            drafts = main.later.get("drafts")  # made after the first screen
            if drafts is not None and drafts.is_mounted:
                await drafts.save_all()
        self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's reminder that it does not quit (its English only), said Chinese first."""
        key = next((k for k, b in self.active_bindings.items() if b.binding.action in ("quit", "app.quit")), "ctrl+q")
        self.notify(f"要退出请按 {key.title()}  press {key} to quit", title="退出 quit?", markup=False)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            palette = CommandPalette(placeholder="命令、项目名称… commands, a project's name…", id="--command-palette")
            self.push_screen(palette)

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands, said Chinese first (the theme is KbCommands' 切换主题)."""
        if screen.query("HelpPanel"):
            yield SystemCommand("按键面板 Keys", "隐藏按键面板 hide the keys panel", self.action_hide_help_panel)
        else:
            yield SystemCommand(
                "按键面板 Keys", "此处可用的键 the keys of the focused widget", self.action_show_help_panel
            )
        if screen.maximized is not None:
            yield SystemCommand("还原 Minimize", "恢复原来的大小 restore the widget's size", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("最大化 Maximize", "放大当前部件 maximize the focused widget", screen.action_maximize)
        yield SystemCommand(
            "截图 Screenshot",
            "把当前屏幕存为 SVG save the screen as an SVG",
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand("退出 Quit", "保存草稿后退出 quit once the drafts are saved", self.action_quit)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # on F1 only: not part of the app's start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_exit_with_error(self) -> None:
        self.exit(return_code=1, message=f"kb: 错误 error: {self.error}")

    def action_import_folder(self) -> None:
        self.push_screen(ImportPathScreen(), lambda path: path and self.start_import([path]))

    def action_load_samples(self) -> None:
        from kb.ingest.seeds import seeds_dir

        self.start_import([seeds_dir()])

    def start_import(self, paths: list[Path]) -> None:
        if not self.main.query_one(ImportStatus).start(self.db.path, paths):
            self.notify("已有导入在进行 an import is already running", severity="warning")

    @on(ImportDone)
    def _import_done(self, event: ImportDone) -> None:
        failed = [r for r in event.results if r.status == "failed"]
        self.last_import = event
        typing = self._busy()
        # 浏览's filter being typed into: its text, and the tree it filters, are left to the user
        filtering = typing and self.focused is self.main.query_one(BrowsePane).query_one("#browse-filter")
        self.notify(
            shown(event.summary + ("" if filtering else arrival(event, typing)), lines=True),
            title="导入 import",
            markup=False,
            severity="error" if event.error or failed else "information",
            timeout=10,
        )
        if event.first is not None and not filtering:  # shown now; the tree reveals it when the new catalog comes
            if typing:  # not taken from under the keys
                self.main.query_one(BrowsePane).open(event.first)
            else:
                self.open_project(event.first)
        if any(r.status in ("failed", "skipped") for r in event.results):
            self.action_import_log()  # what was not imported, and why, stays until dismissed
        self._watch(external=False)

    def _busy(self) -> bool:
        """The user is typing or choosing: in a box, a choice (open or not), a draft being edited or a dialog,
        which an import's end must not take away (a Select's focus went to 浏览's filter, a draft's rows to the
        tree)."""
        from tui.drafting.editor import DraftEditor  # mounted after the first screen: not part of the app's start

        focused = self.focused
        if self.screen is not self.main or isinstance(focused, Input):
            return True
        return focused is not None and any(isinstance(w, (Select, DraftEditor)) for w in focused.ancestors_with_self)

    def action_evaluations(self) -> None:
        from tui.screens.evaluations import EvaluationsScreen  # on ctrl+e only: not part of the app's start

        if not isinstance(self.screen, EvaluationsScreen):
            self.push_screen(EvaluationsScreen())

    def action_import_log(self) -> None:
        """The last import's log (every file, its result and reason), or say there is none."""
        if self.last_import is None:
            self.notify("本次还没有导入 no import yet in this session", timeout=4)
            return
        from tui.screens.import_log import ImportLogScreen

        self.push_screen(ImportLogScreen(self.last_import.results, self.last_import.summary))

    @on(Button.Pressed, "#load-samples")
    def _load_samples_pressed(self) -> None:
        self.action_load_samples()

    @on(Button.Pressed, "#import-folder")
    def _import_folder_pressed(self) -> None:
        self.action_import_folder()

    @on(Button.Pressed, "#open-evaluations")
    def _evaluations_pressed(self) -> None:
        self.action_evaluations()

    def open_project(self, project_id: int) -> None:
        self.main.post_message(OpenProject(project_id))

    def find_indicator(self, query: str) -> None:
        self.main.post_message(FindIndicator(query))

    @property
    def drafts(self) -> list[dict]:
        """The drafts as last listed (id, name, …), for the command palette."""
        drafts = self.main.later.get("drafts")  # made after the first screen
        return drafts.listed if drafts is not None else []

    async def new_draft(self) -> None:
        await self.main.action_show_tab("drafts")
        self.main.draft_pane.action_new()

    async def open_draft(self, draft_id: int) -> None:
        await self.main.action_show_tab("drafts")
        self.main.draft_pane.open(draft_id)

    async def find_project_text(self, query: str) -> None:
        await self.main.action_show_tab("projects")
        self.main.query_one("#proj-query").value = query


def make_app(db_path: Path) -> KbApp:
    """The app over the knowledge base at `db_path` (used by `kb tui` and the tests)."""
    return KbApp(Path(db_path))


def run(db_path: Path) -> None:
    """Run the app; a knowledge base that cannot be opened ends it with the message and exit code 1."""
    app = make_app(db_path)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
