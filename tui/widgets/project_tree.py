"""Projects as a tree: region → department → year → project, with the number of goal tables on each branch (a
department's whole goal table, 部门整体, listed first among its projects of the year and marked so).

The tree opens from its branches alone (a few hundred counted combinations, kb.find.queries.project_branches) and
the projects of the branch shown first; every project arrives later (`set_rows`) for the other branches and
the filter. Branches are filled when first expanded, and a year shows at most LEAF_LIMIT projects (the filter
narrows the rest), so a knowledge base of 100,000 projects opens at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual import on
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kb.find.queries import ProjectRow, listed_name
from kb.vocab.departments import department_spellings, unit_under
from kb.vocab.text import shown
from kb.vocab.tokens import fold

UNKNOWN = "（未注明）"
LEAF_LIMIT = 500
EXPAND_ALL = 60  # with this many projects or fewer shown, every branch starts open
LOADING = "读取中 loading…"
FEW = 4  # cells a cut name keeps at least (with its …), the count then cut at the edge instead

Key = tuple  # (region,) (region, department) (region, department, year): a branch's data


def year_key(region: str | None, department: str | None, year: int | None) -> Key:
    return region or UNKNOWN, department or UNKNOWN, year


def branch_order(key: Key) -> tuple:
    """Regions and departments by name, newest year first."""
    return key[0], key[1], -(key[2] or 0)


def _haystack(p: ProjectRow) -> str:
    """What the filter searches: name (marked as shown), department and the unit carrying the work out (also by
    their short and full names, as a department filter: 人社 finds 北京市人力资源和社会保障局, 交警 the projects of
    福州市公安局 its 交通管理支队 carries out), region and year, folded, one per line."""
    values = (_name(p), _spellings(p.department), _spellings(p.unit), p.region, p.year)
    return "\n".join(fold(str(v or "")) for v in values)


@lru_cache(maxsize=4096)
def _spellings(department: str | None) -> str | None:
    """A department's name and its other spellings (kb.vocab.departments), once per department: a base's many
    projects have few departments."""
    return " ".join(department_spellings(department)) if department else None


def _name(p: ProjectRow) -> str:
    return listed_name(p.name, p.department_wide)


def _leaf(p: ProjectRow) -> Text:
    """A project's line: its name, its indicators, and the unit carrying it out where it is not its department."""
    unit = unit_under(p.department, p.region, p.unit)
    return Text.assemble(
        shown(_name(p)), (f" ·{p.indicators}项", "dim"), (f" ·实施 {shown(unit)}" if unit else "", "dim")
    )


def _cut(text: Text, width: int) -> Text:
    """`text` cut with … to `width` cells, a cell shorter where the cut falls inside a wide character (rich pads it
    with a space: '招商引资项目 …')."""
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    if not text.plain.startswith(cut.plain[:-1]):
        cut = text.copy()
        cut.truncate(width - 1, overflow="ellipsis")
    return cut


def _group(rows: Iterable[ProjectRow]) -> dict[Key, list[ProjectRow]]:
    """Projects by year branch, each branch in the rows' order, its department-wide tables first (sorted here: in
    the query's ORDER BY they cost 20 ms at 100,000 projects)."""
    leaves: dict[Key, list[ProjectRow]] = defaultdict(list)
    wide: dict[Key, list[ProjectRow]] = defaultdict(list)
    for p in rows:
        (wide if p.department_wide else leaves)[year_key(p.region, p.department, p.year)].append(p)
    for key, tables in wide.items():
        leaves[key] = tables + leaves[key]
    return leaves


def _label(text: str, count: int) -> Text:
    return Text.assemble(shown(text), (f" {count}", "dim"))


class ProjectTree(Tree[int | Key]):
    """Leaf data is the project id (an int); a branch's data is its key. Rebuilt on each filter change (the
    owner then puts the cursor where it wants it with `reveal`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("全部项目", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._rows: list[ProjectRow] | None = None  # every project, once listed
        self._haystacks: list[str] | None = None  # folded search text per project, made on the first filter
        self._years: Counter[Key] = Counter()  # projects per year branch, as shown
        self._first: Key | None = None  # the first year branch
        self._leaves: dict[Key, list[ProjectRow]] = {}  # a year branch's projects, when known
        self._children: dict[Key, list[Key]] = {}  # a branch's child keys
        self._branches: dict[Key, TreeNode] = {}
        self._project_nodes: dict[int, TreeNode] = {}  # project id → its leaf, once added
        self._where: dict[int, Key] = {}  # project id → its year key, for the projects known and shown
        self.needle = ""

    def render_label(self, node: TreeNode[int | Key], base_style: Style, style: Style) -> Text:
        """The label, its name cut with … where the line would run past the tree's width, so the dim count after
        it (`·13项`, a branch's `14`) stays in sight (what follows it, `·实施 …`, is cut at the edge instead): at 80
        columns the tree is 26 wide and a long name pushed the count off."""
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        label = node.label
        if room <= 0 or text.cell_len <= room or not label.spans:
            return text
        lead = len(text.plain) - len(label.plain)  # the branch's ▼/▶
        count = label.spans[0]
        head, kept, rest = text.divide([lead + count.start, lead + count.end])
        return Text("").join([_cut(head, max(FEW, room - kept.cell_len)), kept, rest])

    def set_catalog(
        self, branches: list[tuple], first: list[ProjectRow], rows: list[ProjectRow] | None = None
    ) -> int | None:
        """New data: the branches with their counts and the projects of the first one, or every project when
        already listed (see `set_rows`). Returns how many projects the filter shows (None: not listed yet)."""
        self._rows, self._haystacks = rows, None
        if rows is not None:
            return self.filter(self.needle, force=True)
        years = Counter({year_key(r, d, y): n for r, d, y, n in branches})
        self._show(years, {min(years, key=branch_order): first} if first else {})
        return None

    def set_rows(self, rows: list[ProjectRow]) -> int | None:
        """Every project of the catalog set last: the leaves of every branch, and the filter applied. Returns
        how many are shown."""
        self._rows, self._haystacks = rows, None
        if self.needle:
            return self.filter(self.needle, force=True)
        leaves = _group(rows)
        years = Counter({key: len(ps) for key, ps in leaves.items()})
        if years != self._years:  # the data changed since the branches were counted
            self._show(years, leaves)
            return len(rows)
        self._leaves = leaves
        self._where = {p.id: key for key, ps in leaves.items() for p in ps}
        for key, node in self._branches.items():
            if len(key) == 3 and node.children and node.children[0].data is None:  # a 'loading' placeholder
                node.remove_children()
                self._fill(node)
        return len(rows)

    def filter(self, text: str, force: bool = False) -> int | None:
        """Show only projects whose name, department, region or year contain each word of `text` ('烟台 救助': 烟台's
        救助 projects; '民 政' copied from a PDF finds 民政局's); returns how many, or None while the projects are not
        listed yet (the filter is applied when they are)."""
        needle = fold(text).strip()
        if needle == self.needle and not force:
            return len(self._where) if self._rows is not None else None
        self.needle = needle
        if self._rows is None:
            return None
        if needle:
            if self._haystacks is None:
                self._haystacks = [_haystack(p) for p in self._rows]
            words = needle.split()
            shown = [p for hay, p in zip(self._haystacks, self._rows) if all(w in hay for w in words)]
        else:
            shown = self._rows
        leaves = _group(shown)
        self._show(Counter({key: len(ps) for key, ps in leaves.items()}), leaves)
        return len(shown)

    def _show(self, years: Counter[Key], leaves: dict[Key, list[ProjectRow]]) -> None:
        """Rebuild the tree: regions open, the rest filled when expanded."""
        self._years, self._leaves = years, leaves
        self._first = min(years, key=branch_order, default=None)
        self._where = {p.id: key for key, ps in leaves.items() for p in ps}
        children: dict[Key, list[Key]] = defaultdict(list)
        for key in sorted(years, key=branch_order):
            region, dept, _ = key
            for parent, child in (((), (region,)), ((region,), (region, dept)), ((region, dept), key)):
                if not children[parent] or children[parent][-1] != child:
                    children[parent].append(child)
        self._children = children
        self.clear()
        self._branches, self._project_nodes = {}, {}
        expand = sum(years.values()) <= EXPAND_ALL
        for key in children[()]:
            self._add_branch(self.root, key, expand=True)
            if expand:
                self._expand_all(self._branches[key])

    def _count(self, key: Key) -> int:
        if len(key) == 3:
            return self._years[key]
        return sum(self._count(k) for k in self._children[key])

    def _add_branch(self, parent: TreeNode, key: Key, expand: bool = False) -> None:
        name = str(key[-1]) if key[-1] is not None else UNKNOWN
        node = parent.add(_label(name, self._count(key)), data=key, expand=expand)
        self._branches[key] = node
        if expand:
            self._fill(node)

    def _fill(self, node: TreeNode) -> None:
        """Add a branch's children, once (a year's projects, or a placeholder until they are listed)."""
        key = node.data
        if node.children or not isinstance(key, tuple):
            return
        if len(key) < 3:
            for child in self._children[key]:
                self._add_branch(node, child)
            return
        projects = self._leaves.get(key)
        if projects is None:
            node.add_leaf(Text(LOADING, style="dim"))
            return
        for p in projects[:LEAF_LIMIT]:
            self._project_nodes[p.id] = node.add_leaf(_leaf(p), data=p.id)
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
    def listed(self) -> bool:
        """Whether every project is known (else only the branches and the first branch's projects)."""
        return self._rows is not None

    @property
    def first_project(self) -> int | None:
        """The first project of the first branch, when its projects are known."""
        projects = self._leaves.get(self._first)
        return projects[0].id if projects else None

    def reveal(self, project_id: int) -> bool:
        """Open the branches down to a project and put the cursor on it; False if it is not shown (or not
        listed yet)."""
        year = self._where.get(project_id)
        if year is None:
            return False
        for depth in (1, 2, 3):
            node = self._branches[year[:depth]]
            self._fill(node)
            node.expand()
        leaf = self._project_nodes.get(project_id)
        if leaf is None:  # beyond LEAF_LIMIT in its year
            project = next(p for p in self._leaves[year] if p.id == project_id)
            leaf = self._project_nodes[project_id] = self._branches[year].add_leaf(_leaf(project), data=project_id)
        self.call_after_refresh(self.move_cursor, leaf)
        return True
