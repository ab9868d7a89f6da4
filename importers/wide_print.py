"""A sheet printed pages wide (LibreOffice's, Excel's and WPS's print without 'fit all columns on one page'): the
columns that do not fit go on pages of their own, after the page (or the pages down) they belong beside.

Pages holding only a goal table's later columns (指标解释, 评分标准, 备注 …: no indicator's name nor target) are the
same rows again: they are left out, and said so (`spilled`). A table whose header the break cuts before its names'
column (项目名称, 一级指标 on one page, 三级指标 and 指标值 on the next) cannot be read: `cut_header` says why."""

from __future__ import annotations

from collections import Counter

from importers.columns import HEAD_LABELS, INDICATOR_HEADERS, NOTE_HEADERS, key
from importers.records import Row, Rows

_NAMES = frozenset(map(key, INDICATOR_HEADERS["name"]))
_KEYS = frozenset(map(key, INDICATOR_HEADERS["name"] + INDICATOR_HEADERS["target"]))
_LEVELS = frozenset(map(key, INDICATOR_HEADERS["level1"] + INDICATOR_HEADERS["level2"]))
_LEFT = _LEVELS | frozenset(map(key, HEAD_LABELS["name"]))
_RIGHT = frozenset(map(key, NOTE_HEADERS + INDICATOR_HEADERS["weight"]))
# what a page of the later columns never holds: an indicators' header, a project's name label (a form's head)
_HELD = _KEYS | frozenset(map(key, HEAD_LABELS["name"]))


# two pages of one table's rows printed side by side hold as many of them, but for a row a cell's wrapped text
# pushes onto the next page, a total or a note under one part: a quarter more or less
SAME_ROWS = 0.25


def _keys(row: Row) -> set[str]:
    return {key(cell) for cell in row.cells if cell.strip()}


def _shape(row: Row) -> tuple:
    """What a table's rows on one page share: the rule's cell edges (to 2 points), else the number of cells."""
    return tuple(round(edge / 2) for edge in row.edges) if row.edges else (len(row.cells),)


def _first_rows(rows: list[Row]) -> dict[int, Row]:
    """Each page's first table row: the first with two cells or more written (a title or a unit line above it is
    not)."""
    first: dict[int, Row] = {}
    for row in rows:
        if row.page and row.page not in first and len(row.values()) >= 2:
            first[row.page] = row
    return first


def spilled(rows: list[Row]) -> tuple[list[Row], str | None]:
    """`rows` without the pages a goal table printed pages wide put its later columns on (each such page's first
    table row is a header of those columns only, or a row shaped as such a header, after a page with the table's
    names and targets; a page holding an indicators' header or a project's 项目名称 never is: a table of its own
    follows there, as after a page of 评分标准 | 分值), and the warning saying which; (rows, None) when there are
    none."""
    first = _first_rows(rows)
    heads = [row for row in rows if row.page and _KEYS & _keys(row)]
    if not heads:
        return rows, None
    start = min(row.page for row in heads)
    right = {page: _shape(row) for page, row in first.items() if page > start and _keys(row) <= _RIGHT}
    left = {_shape(row) for row in heads}
    shapes = set(right.values()) - left
    held = {row.page for row in rows if _HELD & _keys(row)}
    pages = sorted(page for page, row in first.items() if page > start and page not in held and _shape(row) in shapes)
    if not pages:
        return rows, None
    kept = [row for row in rows if row.page not in pages]
    columns = "、".join(first[next((page for page in pages if page in right), pages[0])].values())
    where = "、".join(map(str, pages))
    lost = _above(rows, pages, first)
    warning = (
        f"表格打印成了多页宽：第 {where} 页是右侧的列（{columns}），与前页是同一些指标行，未读入；"
        + (f"这些页表格上方的文字（{lost}）也未读入，可能是年度资金总额或年度目标的后半段，请核对；" if lost else "")
        + "如需这些列，请在页面设置中选“将所有列调整为一页”后重新导出 PDF，或报送原表格文件 "
        f"the table was printed pages wide: page(s) {where} hold its columns on the right, the same indicator rows "
        "again, not read"
        + (f"; nor the text above their table ({lost}): an amount or a goal's end, check them" if lost else "")
    )
    return (Rows(kept, list(rows.notes)) if isinstance(rows, Rows) else kept), warning


def _above(rows: list[Row], pages: list[int], first: dict[int, Row]) -> str:
    """The text on `pages` above their first table row: the right part of a form's head, cut off by the page break
    (年度资金总额's amount, a long goal's end), not joined back to its row."""
    texts: list[str] = []
    reached: set[int] = set()
    for row in rows:
        if row.page in reached or row.page not in pages:
            continue
        if row is first[row.page]:
            reached.add(row.page)
        else:
            texts += row.values()
    return "；".join(texts)


def cut_header(rows: list[Row]) -> str | None:
    """Why a goal table whose header a page break cuts before its names' column cannot be read: its page's first
    row names the indicators (三级指标) but not their levels, the page before's first row only the levels or the
    project (一级指标, 项目名称), no row there an indicator's name nor target, and both pages hold as many rows (the
    same rows); None when no page is so. A page whose header has its own levels starts a table of its own (after a
    list of the projects, or a form's head ending with a long goal); 项目名称 alone may be a column printed again
    at the left of each page."""
    first = _first_rows(rows)
    if len(first) < 2:  # one page, or no pages (a text, a workbook): nothing to cut, no row to read again
        return None
    paged = [row for row in rows if row.page]
    written = Counter(row.page for row in paged if len(row.values()) >= 2)
    named = {row.page for row in paged if _KEYS & _keys(row)}
    for page, row in sorted(first.items()):
        before = first.get(page - 1)
        header = _keys(row)
        if before is None or page - 1 in named or not _NAMES & header or _LEVELS & header or not _LEFT & _keys(before):
            continue
        if abs(written[page] - written[page - 1]) > SAME_ROWS * max(written[page], written[page - 1]):
            continue
        return (
            f"表格打印成了多页宽：项目名称或一级、二级指标在第 {page - 1} 页，指标名称和指标值在第 {page} 页，"
            "读不出目标表。请在 Excel/WPS 的页面设置中选“将所有列调整为一页”后重新导出 PDF，或报送原表格文件 "
            f"the table was printed pages wide (its levels or projects on page {page - 1}, its names and targets on "
            f"page {page}): fit all columns on one page and print it again, or send the spreadsheet"
        )
    return None
