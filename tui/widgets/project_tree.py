"""Projects as a tree: region → department → year → project, with the number of projects on each branch.

Branches are filled when first expanded, so a knowledge base of 100,000 projects opens at once; a year shows
at most LEAF_LIMIT projects (the filter narrows the rest).
"""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual import on
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kb.tokens import fold

UNKNOWN = "（未注明）"
LEAF_LIMIT = 500
EXPAND_ALL = 60  # with this many projects or fewer shown, every branch starts open

Key = tuple  # (region,) (region, department) (region, department, year): a branch's data


def _haystack(project: dict) -> str:
    """What the filter searches: name, department, region and year, folded, one per line."""
    return "\n".join(fold(str(project[k] or "")) for k in ("name", "department", "region", "year"))


def _place(project: dict) -> tuple[str, str, int | None]:
    return project["region"] or UNKNOWN, project["department"] or UNKNOWN, project["year"]


def _label(text: str, count: int) -> Text:
    return Text.assemble(text, (f" {count}", "dim"))


class ProjectTree(Tree[int | Key]):
    """Leaf data is the project id (an int); a branch's data is its key. Rebuilt on each filter change (the
    owner then puts the cursor where it wants it with `reveal`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("全部项目", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._projects: list[dict] = []
        self._haystacks: list[str] | None = None  # folded search text per project, made on the first filter
        self._children: dict[Key, list] = {}  # a branch's child keys, or (for a year) its projects
        self._branches: dict[Key, TreeNode] = {}
        self._leaves: dict[int, TreeNode] = {}
        self._where: dict[int, tuple] = {}  # project id → its year key, for the projects shown
        self.needle = ""

    def set_projects(self, projects: list[dict]) -> None:
        self._projects, self._haystacks = projects, None
        self.filter(self.needle, force=True)

    def filter(self, text: str, force: bool = False) -> int:
        """Show only projects whose name, department, region or year contains `text`; returns how many."""
        needle = fold(text).strip()
        if needle == self.needle and not force:
            return len(self._where)
        self.needle = needle
        if needle:
            if self._haystacks is None:
                self._haystacks = [_haystack(p) for p in self._projects]
            shown = [p for hay, p in zip(self._haystacks, self._projects) if needle in hay]
        else:
            shown = self._projects
        children: dict[Key, list] = defaultdict(list)
        self._where = {}
        for p in sorted(shown, key=lambda p: (p["region"] or UNKNOWN, p["department"] or UNKNOWN, -(p["year"] or 0))):
            region, dept, year = _place(p)
            for parent, key in (((), (region,)), ((region,), (region, dept)), ((region, dept), (region, dept, year))):
                if not children[parent] or children[parent][-1] != key:
                    children[parent].append(key)
            children[(region, dept, year)].append(p)
            self._where[p["id"]] = (region, dept, year)
        self._children = children
        self.clear()
        self._branches, self._leaves = {}, {}
        expand = len(shown) <= EXPAND_ALL
        for key in children[()]:
            self._add_branch(self.root, key, expand=True)
            if expand:
                self._expand_all(self._branches[key])
        return len(shown)

    def _count(self, key: Key) -> int:
        if len(key) == 3:
            return len(self._children[key])
        return sum(self._count(k) for k in self._children[key])

    def _add_branch(self, parent: TreeNode, key: Key, expand: bool = False) -> None:
        name = str(key[-1]) if key[-1] is not None else UNKNOWN
        node = parent.add(_label(name, self._count(key)), data=key, expand=expand)
        self._branches[key] = node
        if expand:
            self._fill(node)

    def _fill(self, node: TreeNode) -> None:
        """Add a branch's children, once."""
        key = node.data
        if node.children or not isinstance(key, tuple):
            return
        if len(key) < 3:
            for child in self._children[key]:
                self._add_branch(node, child)
            return
        projects = self._children[key]
        for p in projects[:LEAF_LIMIT]:
            self._leaves[p["id"]] = node.add_leaf(Text.assemble(p["name"], (f" ·{p['indicator_count']}项", "dim")),
                                                  data=p["id"])
        if len(projects) > LEAF_LIMIT:
            node.add_leaf(Text(f"… 另有 {len(projects) - LEAF_LIMIT} 个项目：请用筛选 use the filter", style="dim"))

    def _expand_all(self, node: TreeNode) -> None:
        self._fill(node)
        node.expand()
        for child in node.children:
            if isinstance(child.data, tuple):
                self._expand_all(child)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded) -> None:
        self._fill(event.node)

    @property
    def first_project(self) -> int | None:
        return next(iter(self._where), None)

    def reveal(self, project_id: int) -> bool:
        """Open the branches down to a project and put the cursor on it; False if it is not shown."""
        year = self._where.get(project_id)
        if year is None:
            return False
        for depth in (1, 2, 3):
            node = self._branches[year[:depth]]
            self._fill(node)
            node.expand()
        leaf = self._leaves.get(project_id)
        if leaf is None:  # beyond LEAF_LIMIT in its year
            project = next(p for p in self._children[year] if p["id"] == project_id)
            leaf = self._leaves[project_id] = self._branches[year].add_leaf(Text(project["name"]), data=project_id)
        self.call_after_refresh(self.move_cursor, leaf)
        return True
