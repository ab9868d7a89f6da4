"""App-wide messages and the catalog they carry (messages private to one widget live on that widget)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class Catalog:
    """What the app knows without a query: every project (for the tree and the palette)."""

    projects: list[dict] = field(default_factory=list)
    loaded: bool = False  # read from the database at least once

    @property
    def empty(self) -> bool:
        return not self.projects

    @property
    def regions(self) -> list[str]:
        return sorted({p["region"] for p in self.projects if p["region"]})

    @property
    def years(self) -> list[int]:
        return sorted({p["year"] for p in self.projects if p["year"]}, reverse=True)


@dataclass
class CatalogLoaded(Message):
    catalog: Catalog


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


@dataclass
class OpenProject(Message):
    """Show a project in Browse, with the cursor on `indicator` (a name) when given."""

    project_id: int
    indicator: str | None = None


@dataclass
class FindIndicator(Message):
    """Search indicator names for `query` (from a goal table row or the command palette)."""

    query: str
