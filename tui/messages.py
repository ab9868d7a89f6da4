"""App-wide messages and the catalog they carry (messages private to one widget live on that widget)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from kb.find.queries import ProjectRow


@dataclass
class Catalog:
    """What the app knows without a query: the project tree's branches (region, department, year, count) at once;
    every project (for the tree's other branches, its filter and the palette) shortly after the first screen."""

    branches: list[tuple] = field(default_factory=list)
    first: list[ProjectRow] = field(default_factory=list)  # the projects of the tree's first branch
    projects: list[ProjectRow] | None = None  # every project, once listed
    loaded: bool = False  # read from the database at least once
    card: dict | None = None  # the first project's card (kb.find.queries.show_project), read with the catalog
    evaluations: int = 0  # the self-evaluations (自评表) of a base without goal tables (counted only then)
    documents: tuple = ()  # tui.app.documents_read: what changed elsewhere is said when these change

    @property
    def empty(self) -> bool:
        return not self.branches

    @property
    def regions(self) -> list[str]:
        return sorted({region for region, _, _, _ in self.branches if region})

    @property
    def years(self) -> list[int]:
        return sorted({year for _, _, year, _ in self.branches if year}, reverse=True)


@dataclass
class CatalogLoaded(Message):
    catalog: Catalog


@dataclass
class ProjectsListed(Message):
    """Every project of `catalog` (the one loaded just before) has been read."""

    catalog: Catalog
    projects: list[ProjectRow]


@dataclass
class CatalogFailed(Message):
    """The knowledge base could not be read; `fatal` when it could not even be opened."""

    error: str
    fatal: bool
    busy: bool = False


@dataclass
class DataChanged(Message):
    """Another connection committed (an import here, or `kb import` elsewhere when `external`)."""

    external: bool
    documents: tuple = ()  # tui.app.documents_read after the commit


@dataclass
class OpenProject(Message):
    """Show a project in Browse, with the cursor on `indicator` (a name) when given."""

    project_id: int
    indicator: str | None = None


@dataclass
class FindIndicator(Message):
    """Search indicator names for `query` (from a goal table row or the command palette)."""

    query: str


@dataclass
class DraftFromProject(Message):
    """Start a draft from an imported project, a year on (以此为基础新建草稿)."""

    project_id: int
    name: str
    year: int | None
