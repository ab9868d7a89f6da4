"""A sheet printed pages wide (LibreOffice's, Excel's and WPS's print without 'fit all columns on one page'): the
columns that do not fit go on pages of their own, after the page (or the pages down) they belong beside.

Pages holding only a goal table's later columns (指标解释, 评分标准, 备注, a self-evaluation's 实际完成值 and 得分 …:
no indicator's name nor target) are the same rows again, standing level with them: put back beside them
(`spilled`). A table whose header the break cuts before its names' column (项目名称, 一级指标 on one page, 三级指标
and 指标值 on the next) cannot be read: `cut_header` says why."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from importers.columns import HEAD_LABELS, INDICATOR_HEADERS, NOTE_HEADERS, key
from importers.records import Row, Rows

_NAMES = frozenset(map(key, INDICATOR_HEADERS["name"]))
_TARGETS = frozenset(map(key, INDICATOR_HEADERS["target"]))
_KEYS = frozenset(map(key, INDICATOR_HEADERS["name"] + INDICATOR_HEADERS["target"]))
_LEVELS = frozenset(map(key, INDICATOR_HEADERS["level1"] + INDICATOR_HEADERS["level2"]))
_PROJECT = frozenset(map(key, HEAD_LABELS["name"]))  # a form's head's label of the project (项目名称)
_LEFT = _LEVELS | _PROJECT
_RIGHT = frozenset(map(key, NOTE_HEADERS + INDICATOR_HEADERS["weight"]))
# what else a self-evaluation's later columns hold: what was achieved and its score
_LATER = _RIGHT | frozenset(map(key, INDICATOR_HEADERS["actual"] + INDICATOR_HEADERS["score"]))
# what a page of the later columns never holds: an indicators' header, a project's name label (a form's head)
_HELD = _KEYS | _PROJECT


# two pages of one table's rows printed side by side hold as many of them, but for a row a cell's wrapped text
# pushes onto the next page, a total or a note under one part: a quarter more or less
SAME_ROWS = 0.25
SLACK = 2.0  # points: rows printed side by side stand this close; a text this far above a row's upper rule is in it


def _keys(row: Row) -> set[str]:
    return {key(cell) for cell in row.cells if cell.strip()}


def _shape(row: Row) -> tuple:
    """What a table's rows on one page share: the rule's cell edges (to 2 points), else the number of cells."""
    return tuple(round(edge / 2) for edge in row.edges) if row.edges else (len(row.cells),)


def _first_rows(rows: list[Row]) -> dict[int, Row]:
    """Each page's first table row: the first with two cells or more written (a title or a unit line above it is
    not), or a ruled one naming later columns only (备注 alone, on the third page of a form printed three wide)."""
    first: dict[int, Row] = {}
    for row in rows:
        if row.page and row.page not in first and (len(row.values()) >= 2 or _later_alone(row)):
            first[row.page] = row
    return first


def _head_cut(on: list[Row], first: Row) -> Row | None:
    """The first ruled row of a page (`on`) whose first table row (`first`) names no later columns, but a ruled row
    under it does, all of its cells (实际完成值 | 分值 | 得分 | 偏差原因分析…: a self-evaluation's later columns, under
    the rest of its head, 实施单位 | 全年执行数 | 分值 …, which the page's side cut); None for other pages."""
    if _later_header(first):
        return None
    rest = on[on.index(first) :]
    if not any(row.edges and len(row.values()) >= 2 and _later_header(row) for row in rest):
        return None
    return next(row for row in on if row.edges)


def _targets_beside(heads: list[Row], by_page: dict[int, list[Row]]) -> dict[int, Row]:
    """The pages whose header (among the rows naming names or targets, `heads`) names the indicators' targets and
    a self-evaluation's later columns only (年度指标值 | 实际完成值 | 分值 | 得分; or 指标值 alone, a goal form's last
    column, which the reader places in the cells of the table before, its shape that one's), no name, level nor
    project, after a page whose header names the indicators and their levels without a target (一级指标 | 二级指标
    | 三级指标; levels on a page of their own before, the names' page holds none: not read): a table printed pages
    wide, the page's side between its names and targets; each by its first ruled row, as a page whose head the
    side cut (`_head_cut`). They are put beside the page their rows stand level with, as any."""
    named = min((row.page for row in heads if _LEVELS & _keys(row) and not _TARGETS & _keys(row)), default=None)
    beside = {
        row.page
        for row in heads
        if named and row.page > named and row.edges and _TARGETS & (keys := _keys(row)) and keys <= _TARGETS | _LATER
    }
    return {page: next(row for row in by_page[page] if row.edges) for page in sorted(beside)}


def _one_column(by_page: dict[int, list[Row]], first: dict[int, Row], pages: list[int]) -> dict[int, Row]:
    """The pages with no table row of two cells written, each after a page of later columns, whose rows are all
    ruled from their first ruled one on (a text above it: the form's amount, right of its merged cell): the rest
    of a column printed alone, down then over (备注 under a second form), by their first ruled row."""
    alone = {}
    for page, on in by_page.items():
        start = next((n for n, row in enumerate(on) if row.edges), None)
        if page not in first and page - 1 in pages and start is not None and all(row.edges for row in on[start:]):
            alone[page] = on[start]
    return alone


def _later_alone(row: Row) -> bool:
    """Whether a ruled row's one written cell names a goal table's later column (备注, 评分标准 …)."""
    return bool(row.edges) and len(row.values()) == 1 and _later_header(row)


def _later_header(row: Row) -> bool:
    """Whether a row's written cells, one or more, all name a goal table's later columns (a blank row names none)."""
    return bool(_keys(row)) and _keys(row) <= _LATER


def spilled(rows: list[Row]) -> tuple[list[Row], str | None]:
    """`rows` with the pages of a goal table's later columns put back beside its rows, and the warning saying what
    could not be. Such a page's first table row is a header of those columns only (指标解释, 评分标准, 分值; a
    self-evaluation's 实际完成值, 得分 …), or a row shaped as such a header, after a page with the table's names and
    targets; a page holding an indicators' header or a project's 项目名称 never is (a table of its own follows).
    Printed pages wide, its rows stand level with the table's (`_partner`): each is joined to the row it is level
    with, and the texts above its table to the form's head (`_joined_back`); rows read without their place on the
    page are left out, said so. A 评分标准 | 分值 table whose rows are not level with any (after a whole goal table)
    is no goal table: left out unsaid. (rows, None) when there are no such pages."""
    first = _first_rows(rows)
    heads = [row for row in rows if row.page and _KEYS & _keys(row)]
    if not heads:
        return rows, None
    by_page: dict[int, list[Row]] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row)
    start = min(row.page for row in heads)
    cut = {page: ruled for page, row in first.items() if page > start and (ruled := _head_cut(by_page[page], row))}
    cut |= (targets := _targets_beside(heads, by_page))
    first |= cut
    right = {page: _shape(row) for page, row in first.items() if page > start and (page in cut or _keys(row) <= _LATER)}
    left = {_shape(row) for row in heads if row.page not in targets}
    shapes = set(right.values()) - left
    held = {row.page for row in rows if _HELD & _keys(row)} - set(targets)
    pages = sorted(
        page
        for page, row in first.items()
        if page > start
        and page not in held
        and (page in targets or _shape(row) in shapes or page in right and _later_alone(row))
    )
    alone = _one_column(by_page, first, pages)
    first, pages = first | alone, sorted(pages + list(alone))
    partners = {page: _partner(by_page, heads, page, first, start, pages) for page in pages}
    cut_shapes = {_shape(row) for row in cut.values()}  # (a page of a form's later columns beside none: left out, said)
    partners |= {  # (a page of targets beside none: kept, `_printed_wide` says why it is not read)
        page: 0
        for page in pages
        if partners[page] is None and _shape(first[page]) in cut_shapes and page not in targets
    }
    pages = [page for page in pages if partners[page] is not None or _keys(first[page]) <= _RIGHT]
    if not pages:
        return rows, None
    beside = {page: partner for page in pages if (partner := partners[page]) is not None}
    kept, lost = _joined_back(rows, by_page, pages, beside, first)
    kept = Rows(kept, list(rows.notes)) if isinstance(rows, Rows) else kept
    out = [page for page, partner in beside.items() if not partner]
    if not out and not lost:
        return kept, None
    header = first[next((page for page in out if page in right), out[0])] if out else None  # (a header before a row)
    return kept, _warning(out, "、".join(header.values()) if header else "", lost)


def _warning(out: list[int], columns: str, lost: list[str]) -> str:
    """What a wide print's reading says: the pages of later columns left out (`out`, their `columns`), the texts
    above their table not put back (`lost`)."""
    where, texts = "、".join(map(str, out)), "；".join(lost)
    return (
        "表格打印成了多页宽："
        + (f"第 {where} 页是右侧的列（{columns}），与前页是同一些指标行，未读入；如需这些列，" if out else "")
        + (f"右侧页上表格上方的文字（{texts}）未能接回前页的行，未读入，请核对；" if lost else "")
        + "请在页面设置中选“将所有列调整为一页”后重新导出 PDF，或报送原表格文件 the table was printed pages wide"
        + (f": page(s) {where} hold its columns on the right, the same indicator rows again, not read" if out else "")
        + (
            f"; the text above the table on the right ({texts}) not put back into the rows before: check it"
            if lost
            else ""
        )
    )


def _partner(
    by_page: dict[int, list[Row]], heads: list[Row], page: int, first: dict[int, Row], start: int, pages: list[int]
) -> int | None:
    """The page before (not one of `pages`) whose table holds the same rows as the one on `page`: printed beside it,
    each of its rows stands level with one of that page's (ruled rows with ruled rows, text lines with text lines),
    its last with that page's last (the same sheet rows end at the same height); 0 for rows read without their
    tops, or unruled beside a ruled table (its later columns printed without borders: a line's row is not known),
    or the other way round, or unruled beside an unruled table it spans (`_spans`) with lines not level with its
    (taken as the same rows, not put beside any); None when no page's are (a table of its own: 评分标准 | 分值 after
    a whole goal table, under its own title or laid out as its sheet, its rows fewer)."""
    mine = _table(by_page, page, first)
    if not all(row.top for row in mine) or all(
        bool(row.edges) != bool(mine[0].edges) for row in heads if row.page < page
    ):
        return 0
    for before in range(page - 1, start - 1, -1):
        tops = [row.top for row in by_page.get(before, []) if bool(row.edges) == bool(mine[0].edges)]
        level = all(any(abs(row.top - top) <= SLACK for top in tops) for row in mine)
        if before not in pages and level and _ends_level(by_page.get(before, []), mine[-1]):
            return before
    return 0 if page - 1 not in pages and _spans(by_page.get(page - 1, []), mine) else None


def _spans(theirs: list[Row], mine: list[Row]) -> bool:
    """Whether text lines (`mine`, no rules) stand beside an unruled goal table on the page before (`theirs`) though
    not level with its lines: each cell is centred on its row, so a row whose cell wraps on one page only has its
    lines at other heights on the other (a sheet without borders printed pages wide, 指标解释 | 评分标准 | 备注 on the
    page to the right). Its indicators' header stands no lower than their first line and its last line no lower than
    their last, nor lower by half its height (its last cell centred on the row, wrapped on more lines than the
    one beside it: half of them below; a table of its own runs on further): the same rows, though which line goes
    with which is not known (they were left out without a word)."""
    header = next((n for n, row in enumerate(theirs) if not row.edges and _KEYS & _keys(row)), None)
    if header is None or mine[0].edges:
        return False
    top, last = theirs[header].top, [row for row in theirs[header:] if not row.edges][-1].top
    return top <= mine[0].top + SLACK and last <= mine[-1].top + SLACK <= last + (last - top) / 2 + 2 * SLACK


def _ends_level(theirs: list[Row], last: Row) -> bool:
    """Whether a page's rows (`theirs`) end with the row level with `last` (the same sheet rows end at the same
    height), or a text not ruled as it is follows that one (the next form's title: its table stands on)."""
    ruled = [n for n, row in enumerate(theirs) if bool(row.edges) == bool(last.edges)]
    at = next((n for n in ruled if abs(theirs[n].top - last.top) <= SLACK), None)
    return at is not None and (at == ruled[-1] or bool(theirs[at + 1].edges) != bool(last.edges))


def _table(by_page: dict[int, list[Row]], page: int, first: dict[int, Row]) -> list[Row]:
    """The rows of `page` from its first table row on, ruled as it is (or not)."""
    on, ruled = by_page[page], bool(first[page].edges)
    return [row for row in on[on.index(first[page]) :] if bool(row.edges) == ruled]


def _side_by_side(
    by_page: dict[int, list[Row]],
    page: int,
    partner: int,
    first: dict[int, Row],
    joined: dict[int, Row],
    header: Row | None,
) -> dict[int, Row]:
    """The rows of `partner` the table on `page` stands beside (from the one level with its first row down), each
    with the cells of the row level with it after its own (blank ones where none is), by the row's id; a row
    `joined` already to a page between (a form printed three pages wide) takes them after that page's. The
    partner's indicators' header right above them takes `header`'s cells (the same columns' header on a page
    before, which the reader took for this page's repeated one and left out: a second form, down then over)."""
    mine = _table(by_page, page, first)
    width = max(_written(row) for row in mine)
    ruled = [row for row in by_page[partner] if bool(row.edges) == bool(mine[0].edges)]
    theirs = [row for row in ruled if row.top >= mine[0].top - SLACK]
    level = {id(min(theirs, key=lambda other: abs(other.top - row.top))): row for row in mine}
    above = [row for row in ruled if row.top < mine[0].top - SLACK][-1:]
    if header and above and _KEYS & _keys(above[0]) and not _later_header(mine[0]):
        theirs, level = above + theirs, level | {id(above[0]): header}
    shift = _after([joined.get(id(row), row) for row in theirs], mine)
    out: dict[int, Row] = {}
    for row in theirs:
        other = level.get(id(row))
        cells = (other.cells + [""] * width)[:width] if other else [""] * width
        before = joined.get(id(row), row)
        edges = tuple(edge + shift for edge in other.edges[:width]) if other else ()
        out[id(row)] = replace(before, cells=before.cells + cells, edges=before.edges + edges)
    return out


def _after(theirs: list[Row], mine: list[Row]) -> float:
    """How far a page's cell edges move to stand after its partner's, as the sheet's columns do (each page's are
    its own, from its left margin: a 总分 row's values were put under other columns of the header): its first
    column one of its own first column's widths past the partner's last edge (the width of the partner's last
    column is not known)."""
    last = max((row.edges[-1] for row in theirs if row.edges), default=0.0)
    start = min((row.edges[0] for row in mine if row.edges), default=0.0)
    width = min((row.edges[1] - row.edges[0] for row in mine if len(row.edges) > 1), default=0.0)
    return last + width - start


def _written(row: Row) -> int:
    """How many of a row's cells reach its last written one (a column printed alone on its page may stand in the
    cells of the table before, placed by its left edge: the blank ones after it are none of its)."""
    return max((n + 1 for n, cell in enumerate(row.cells) if cell.strip()), default=0)


def _joined_back(
    rows: list[Row], by_page: dict[int, list[Row]], pages: list[int], beside: dict[int, int], first: dict[int, Row]
) -> tuple[list[Row], list[str]]:
    """`rows` without `pages`, each page `beside` a partner put back: its table's rows beside the partner's
    (`_side_by_side`), and the texts not ruled as its table, above it or between two tables, that belong to a form's
    head, which the page break cut off (年度资金总额's amount, right of its merged cell; a goal's or a title's line
    running on; a unit line): on the partner page (else the last page before with an indicators' header), level with
    its rows (`_head`), they go into the row they stand in (`_with`) or stand as lines of their own; those under the
    table standing in none are a page's foot, left out. The texts that could not be put back are returned beside
    the rows."""
    within: dict[int, list[Row]] = {}  # a row of the page before → the texts standing in it
    inserted: dict[int, list[Row]] = {}  # a row of the page before → the lines of their own that go above it
    joined: dict[int, Row] = {}
    lost: list[str] = []
    headers: dict[tuple, Row] = {}  # the later columns' headers on the pages so far, by their shape
    for page, partner in beside.items():
        headers |= {_shape(row): row for row in by_page[page] if row.edges and _later_header(row)}
        header = headers.get(_shape(first[page]))
        joined |= _side_by_side(by_page, page, partner, first, joined, header) if partner else {}
        head = _head(by_page, pages, page, partner)
        for text, under in _loose(by_page[page], first[page]):
            row = next((r for r, below in zip(head, head[1:]) if _stands_in(text, r, below)), None)
            below = next((r for r in head if r.top > text.top), None)
            if row:
                within.setdefault(id(row), []).append(text)
            elif under:  # (under its table, in none of the rows beside: a page's foot, as before)
                continue
            elif below:  # (the header, at worst: the text is above it)
                inserted.setdefault(id(below), []).append(replace(text, page=below.page))
            else:
                lost.append(" ".join(text.values()))
    kept: list[Row] = []
    for row in rows:
        if row.page in pages:
            continue
        texts = within.get(id(row), [])
        kept += inserted.get(id(row), [])
        row = joined.get(id(row), row)  # (a second form's head, beside the page of the first's later columns)
        cells = _with(row, texts)
        kept.append(row if cells is None else replace(row, cells=cells))
        lost += [" ".join(text.values()) for text in texts] if cells is None else []
    return kept, lost


def _stands_in(text: Row, row: Row, below: Row) -> bool:
    """Whether a line stands in a table's row (from its upper rule to the next row's) or level with a text line."""
    if row.edges:
        return row.top - SLACK <= text.top < below.top
    return abs(text.top - row.top) <= SLACK


def _head(by_page: dict[int, list[Row]], pages: list[int], page: int, partner: int) -> list[Row]:
    """The rows of the page `page` stands beside (`partner`; else the last page before that holds an indicators'
    header and is kept) down to its last ruled row or header (every form's head on it, and the tables between;
    with rows' tops: none for rows read without them)."""
    for before in [partner] if partner else range(page - 1, 0, -1):
        on = by_page.get(before, [])
        header = next((n for n, row in enumerate(on) if _KEYS & _keys(row)), None)
        if before not in pages and header is not None:
            last = max(n for n, row in enumerate(on) if row.edges or _KEYS & _keys(row))
            return on[: last + 1] if all(row.top for row in on[: last + 1]) else []
    return []


def _loose(on: list[Row], first: Row) -> list[tuple[Row, bool]]:
    """The written rows of a page (`on`) not ruled as its table is, above its first table row or below it (a text
    between two tables: the second form's amount, right of its merged cell), each with whether it stands under the
    table's last row."""
    start, ruled = on.index(first), bool(first.edges)
    end = max(n for n, row in enumerate(on) if bool(row.edges) == ruled)
    rest = [(row, n > end) for n, row in enumerate(on) if n > start and bool(row.edges) != ruled]
    return [(row, False) for row in on[:start] if row.values()] + [(row, under) for row, under in rest if row.values()]


def _with(row: Row, texts: list[Row]) -> list[str] | None:
    """The row's cells with `texts`, the rest of it on the page to its right: in the cells right of its last written
    one (a merged cell whose text stands at its right, all on that page: an amount), else in that cell and its
    copies, each text at the end of the line it stands level with (the character the page's side cuts is printed on
    both pages, and kept on both: once here). None when nothing is joined: no texts, or lines level with none of the
    cell's known lines (where each goes is not known)."""
    if not texts:
        return None
    cells = row.cells
    last = max((n for n, cell in enumerate(cells) if cell.strip()), default=-1)
    text = " ".join(value for line in texts for value in line.values())
    if last < 0 or last < len(cells) - 1:
        return cells[: last + 1] + [text] * (len(cells) - last - 1)
    end = cells[last]
    whole = _lines_joined(end, row.breaks, texts)
    if whole is None and any(abs(line.top - row.foot) > SLACK for line in texts):
        return None
    if whole is None:  # its last line's rest, on the pages to its right in turn
        whole = end
        for line in texts:
            rest = " ".join(line.values())
            whole += rest[1:] if rest[:1] == whole.rstrip()[-1:] else rest
    return [whole if cell == end else cell for cell in cells]


def _lines_joined(end: str, breaks: tuple[tuple[float, int], ...], texts: list[Row]) -> str | None:
    """A cell's text with each line's rest the page's side cut put at that line's end (a merged goal of several
    lines: '…对特困人员、低保对象' + '、返贫致贫人口…' on the page to the right; the rests on pages further right after
    it), each text level with one of its lines; None when one is level with none."""
    rests: dict[int, str] = {}
    for text in texts:
        at = next((at for top, at in breaks if abs(top - text.top) <= SLACK), None)
        if at is None or at > len(end):
            return None
        before, rest = rests.get(at, end[:at]), " ".join(text.values())
        rests[at] = rests.get(at, "") + (rest[1:] if rest[:1] == before[-1:] else rest)  # (the character the side
        # cuts is printed on both pages)
    for at in sorted(rests, reverse=True):
        end = end[:at] + rests[at] + end[at:]
    return end


def _beside(rows: list[Row], page: int, partner: int) -> int:
    """How many rows of two cells or more written `page` holds above the first text line lower than the last of
    `partner`'s (the page of its later columns): a next form's title, its head under it, its cells merged across
    the page break, with no rows on that page (a second form on the sheet: none of the rows printed on both)."""
    last = max((row.top for row in rows if row.page == partner and len(row.values()) >= 2), default=None)
    on = [row for row in rows if row.page == page]
    end = next((n for n, row in enumerate(on) if last and not row.edges and row.top > last + SLACK), len(on))
    return sum(1 for row in on[:end] if len(row.values()) >= 2)


def cut_header(rows: list[Row]) -> str | None:
    """Why a goal table whose header a page break cuts before its names' column cannot be read: its page's first
    row names the indicators (三级指标) but not their levels, the page before's first row only the levels or the
    project (一级指标, 项目名称), no row there an indicator's name nor target, and both pages hold as many rows (the
    same rows; a table pages tall too, printed down then over: the pages from that one on, as many, each page
    between them rows of the table, not a text); None when no page is so. A page whose header has its own levels
    starts a table of its own (after a list of the projects, or a form's head ending with a long goal); 项目名称
    alone may be a column printed again at the left of each page. Or a header naming levels only stands level
    with the next page's naming the indicators (`_levels_beside`)."""
    first = _first_rows(rows)
    if len(first) < 2:  # one page, or no pages (a text, a workbook): nothing to cut, no row to read again
        return None
    paged = [row for row in rows if row.page]
    written = Counter(row.page for row in paged if len(row.values()) >= 2)
    keyed = [(row, _keys(row)) for row in paged]
    named = {row.page for row, keys in keyed if _KEYS & keys}
    for page, row in sorted(first.items()):
        header = _keys(row)
        left = max((p for p, before in first.items() if p < page and _LEFT & _keys(before)), default=None)
        if left is None or named & set(range(left, page)) or not _NAMES & header or _LEVELS & header:
            continue
        if not all(written[p] for p in range(left, page)):  # a page of text between: no table printed down
            continue
        down = page - left  # pages down: the left part's, then as many of the later columns' (down, then over)
        ours = sum(written[p] for p in range(page, page + down))
        theirs = sum(_beside(paged, p, p + down) for p in range(left, page))
        if abs(ours - theirs) > SAME_ROWS * max(ours, theirs):
            continue
        return _cut(left, page)
    levels = _levels_beside(paged, keyed, named)
    return _cut(*levels) if levels else None


def _levels_beside(paged: list[Row], keyed: list[tuple[Row, set[str]]], named: set[int]) -> tuple[int, int] | None:
    """The pages of a table cut after its levels anywhere down the page (a self-evaluation's, under its head and
    money rows): a header naming levels (一级指标 | 二级指标) on a page naming no indicator nor target, level with a
    header on the first page after it naming the indicators and their targets, no level (三级指标 | 年度指标值; the
    next page, or the one after the levels' pages down: a print pages tall too, down then over), the rows
    under both the same sheet rows (`_level_under`), and no project's name label on that page (项目名称 stays with
    the levels: a page of its own naming it, under the same head, holds a table of its own, a scoring table of
    levels only before it); None where no page is so (targets on a page further on: `_printed_wide` says so)."""
    heads = [row for row, keys in keyed if row.page not in named and _LEVELS & keys]
    titled = {row.page for row, keys in keyed if _PROJECT & keys} if heads else set()
    tabled = {row.page for row in paged if row.edges or len(row.values()) >= 2} if heads else set()
    for head in heads:
        beside = min((page for page in named if page > head.page), default=None)
        if beside is None or beside in titled or not tabled.issuperset(range(head.page + 1, beside)):
            continue  # (a page of text between: the levels' table is a table of its own, not printed down)
        for row in paged:
            if head.top and row.page == beside and abs(row.top - head.top) <= SLACK:
                header = _keys(row)
                if _NAMES & header and _TARGETS & header and not _LEVELS & header and _level_under(paged, head, row):
                    return head.page, row.page
    return None


def _level_under(paged: list[Row], head: Row, header: Row) -> bool:
    """Whether the rows from `head` down its page and from `header` down its own, each ruled as its header, are the
    same sheet rows: each of one page's level with one of the other's (the levels' page holds fewer where their
    cells are merged down over their groups: one row of text for the group). Unruled, a quarter of them may stand
    within half their pitch (a target wrapped on the other page: its first line above the row's middle, where its
    other cells stand)."""
    ours, theirs = _tops(paged, head), _tops(paged, header)
    gaps = sorted(b - a for a, b in zip(ours, ours[1:]))
    slack = SLACK if head.edges or not gaps else max(SLACK, gaps[len(gaps) // 2] / 2)
    for one, other in ((ours, theirs), (theirs, ours)):
        off = [min(abs(a - b) for b in other) for a in one]
        if max(off) <= slack and sum(gap > SLACK for gap in off) <= SAME_ROWS * len(off):
            return True
    return False


def _tops(paged: list[Row], header: Row) -> list[float]:
    ruled = bool(header.edges)
    return [row.top for row in paged if row.page == header.page and row.top >= header.top and bool(row.edges) == ruled]


def _cut(left: int, page: int) -> str:
    return (
        f"表格打印成了多页宽：项目名称或一级、二级指标在第 {left} 页，指标名称和指标值在第 {page} 页，"
        "读不出目标表。请在 Excel/WPS 的页面设置中选“将所有列调整为一页”后重新导出 PDF，或报送原表格文件 "
        f"the table was printed pages wide (its levels or projects on page {left}, its names and targets on "
        f"page {page}): fit all columns on one page and print it again, or send the spreadsheet"
    )
