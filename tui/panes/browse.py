"""Browse: a filterable project tree beside the selected project's card (or, with no projects, how to start)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Tree

from kb.errors import KbError
from kb.find.queries import ProjectRow, show_project
from kb.vocab.text import shown
from tui.data import Database
from tui.messages import Catalog, DraftFromProject
from tui.screens.source import SourceScreen
from tui.widgets.project_card import ProjectCard
from tui.widgets.project_tree import ProjectTree
from tui.widgets.search_box import SearchBox

WELCOME = """\
# 知识库是空的 · the knowledge base is empty

Import published goal tables (项目支出绩效目标表: .txt, .xlsx, .docx …) to browse and search them:

    kb import PATH        # a file or a folder, searched recursively

or load the five bundled sample documents now, or import a folder from here.
"""

EVALUATIONS_ONLY = """\
# 还没有绩效目标表 · no goal table yet

知识库里有 {count} 份自评表（各单位所报的实际完成情况），还没有可浏览的绩效目标表：按 ctrl+e 查看自评表，或导入目标表。

The knowledge base holds {count} self-evaluations and no goal table to browse: ctrl+e reads them; import goal
tables with

    kb import PATH        # a file or a folder, searched recursively
"""


class BrowsePane(Vertical):
    BINDINGS = [
        Binding("slash", "focus_filter", "筛选", tooltip="筛选项目 filter the projects", id="filter"),
        Binding("s", "source", "来源", tooltip="来源：原文件和原文 the source document", id="source"),
        Binding(
            "n",
            "to_draft",
            "以此新建草稿",
            show=False,
            tooltip="以此为基础新建草稿 new draft from it",
            id="project-to-draft",
        ),
    ]

    @dataclass
    class Loaded(Message):
        project_id: int
        project: dict | None
        error: str = ""

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.wanted: tuple[int, str | None] | None = None
        self.reload_when_listed = False  # the data changed while the wanted project was not listed yet
        self.ready_card: dict | None = None  # the card read with the catalog just set, until a card is loaded

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):  # its text is mounted when the knowledge base is found empty
            with Center():
                with Horizontal(id="welcome-buttons"):
                    yield Button("载入示例 Load the samples", variant="primary", id="load-samples")
                    yield Button("导入文件夹… Import a folder", id="import-folder")
                    yield Button("自评表 Self-evaluations", id="open-evaluations")
        with Horizontal(id="browse-body"):
            with Vertical(id="browse-side"):
                yield SearchBox(placeholder="筛选 filter 项目/部门/地区", id="browse-filter")
                yield ProjectTree(id="project-tree")
            yield ProjectCard(id="card")

    def set_catalog(self, catalog: Catalog) -> None:
        self.ready_card = catalog.card
        self.set_class(catalog.empty, "-empty")
        welcome = self.query_one("#welcome")
        self.query_one("#open-evaluations").display = bool(catalog.evaluations)
        if catalog.empty:
            text = EVALUATIONS_ONLY.format(count=catalog.evaluations) if catalog.evaluations else WELCOME
            from textual.widgets import Markdown  # a Markdown widget costs 150 ms to mount and its modules ~50 ms
            # to import: only for an empty base

            shown_text = welcome.query(Markdown)
            if shown_text:
                shown_text.first().update(text)
            else:
                welcome.mount(Markdown(text), before=0)
        tree = self.query_one(ProjectTree)
        self._show_filtered(tree.set_catalog(catalog.branches, catalog.first, catalog.projects))
        self._follow_tree(reload=True)

    def set_projects(self, projects: list[ProjectRow]) -> None:
        """Every project listed: the tree's other branches and the filter work from now on."""
        self._show_filtered(self.query_one(ProjectTree).set_rows(projects))
        reload, self.reload_when_listed = self.reload_when_listed, False
        self._follow_tree(reload)

    def _show_filtered(self, count: int | None) -> None:
        box = self.query_one("#browse-filter", Input)
        box.border_subtitle = (f"{count} 项目" if count is not None else "…") if box.value.strip() else None

    def _follow_tree(self, reload: bool = False) -> None:
        """Keep showing the wanted project if the tree still shows it, else show the tree's first project."""
        tree = self.query_one(ProjectTree)
        if self.wanted and tree.reveal(self.wanted[0]):
            if reload:
                self._load(*self.wanted)
        elif self.wanted and not tree.listed:  # it may be in a branch not listed yet: look again when it is
            self.reload_when_listed |= reload
        elif tree.first_project is not None:
            self.open(tree.first_project)

    def open(self, project_id: int, indicator: str | None = None) -> None:
        """Show a project: clear a filter that hides it, reveal it in the tree, load its card."""
        tree = self.query_one(ProjectTree)
        if not tree.reveal(project_id) and tree.needle:
            self.query_one("#browse-filter", Input).value = ""
            tree.filter("")
            tree.reveal(project_id)
        self._load(project_id, indicator)

    def _load(self, project_id: int, indicator: str | None = None) -> None:
        self.wanted = (project_id, indicator)
        ready, self.ready_card = self.ready_card, None
        if ready is not None and ready["id"] == project_id:  # read with the catalog: the first screen's card
            self.post_message(self.Loaded(project_id, ready))
            return
        self.query_one(ProjectCard).loading = True
        self._fetch(self.db, project_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="card")
    def _fetch(self, db: Database, project_id: int) -> None:
        try:
            self.post_message(self.Loaded(project_id, db.call(show_project, project_id)))
        except KbError as exc:
            self.post_message(self.Loaded(project_id, None, str(exc)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if not self.wanted or event.project_id != self.wanted[0]:
            return  # the user moved on
        card = self.query_one(ProjectCard)
        card.loading = False
        if event.project is None:
            self.notify(shown(event.error), title="项目 project", severity="warning", markup=False)
            return
        card.show(event.project, self.wanted[1])

    @on(Input.Changed, "#browse-filter")
    def _filter(self, event: Input.Changed) -> None:
        count = self.query_one(ProjectTree).filter(event.value)
        self._show_filtered(count)
        if count:
            self._follow_tree()

    @on(Input.Submitted, "#browse-filter")
    @on(SearchBox.Leave, "#browse-filter")
    def _filter_done(self) -> None:
        """To the tree, its cursor on the first project the filter shows."""
        tree = self.query_one(ProjectTree)
        tree.focus()
        if tree.needle and tree.first_project is not None:
            self.open(tree.first_project)

    @on(Tree.NodeHighlighted, "#project-tree")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if isinstance(event.node.data, int) and (not self.wanted or self.wanted[0] != event.node.data):
            self._load(event.node.data)

    @on(Tree.NodeSelected, "#project-tree")
    def _selected(self, event: Tree.NodeSelected) -> None:
        if isinstance(event.node.data, int):
            if not self.wanted or self.wanted[0] != event.node.data:
                self._load(event.node.data)
            self.query_one("#goal-table").focus(scroll_visible=False)

    def action_source(self) -> None:
        card = self.query_one(ProjectCard)
        if card.project:
            self.app.push_screen(SourceScreen(card.project))

    def action_to_draft(self) -> None:
        """以此为基础新建草稿: the project shown, copied to a new draft a year on."""
        card = self.query_one(ProjectCard)
        if card.project:
            p = card.project
            self.post_message(DraftFromProject(p["id"], p["name"], p["year"]))

    def action_focus_filter(self) -> None:
        self.query_one("#browse-filter", Input).focus()
