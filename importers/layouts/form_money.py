"""A goal form's money in its head: the blocks of a self-evaluation (年初预算数 | 全年预算数 | 执行数 over a row of
amounts, 预期目标 | 实际完成情况 over texts) and money laid out as a small table under a label over its rows
(总体资金情况（万元）, 年度主要任务), with the amounts a form prints nowhere else (a tasks' 金额合计, an amount
below its label, the one share that is all of the money).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.cells import clean, joined, spread_values
from importers.columns import GOAL_BLOCKS, SPENDING_KINDS, block_column, head_field, key, money_unit
from importers.records import Row

TOTALS = ("合计", "总计")
DRIFT = 4.0  # points: how far a PDF's grid line can stand from the same column's on another page (`_moved`)
AMOUNT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(?:亿元|万元|千元|元)?$")  # a cell of money, its unit in it or not
VALUE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|亿元|万元|千元|元)?$")  # money, a rate or a score
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")  # a note after a sum: '186.40（其中：县级财政186.40万元）'


def a_sum(text: str) -> bool:
    """Whether a money label's value is a sum: money, also with a note in brackets after it (where it is from)."""
    squashed = "".join(text.split())
    return bool(VALUE.match(squashed) or VALUE.match(_NOTE.sub("", squashed)))


def amount_below(head: list[Row]) -> str:
    """The amount under an amount label that heads a column of money ('预算支出总额' over '32,852.053832'), '' when
    none: a department's form that lays its money out as a small table."""
    for i, row in enumerate(head):
        for j, cell in enumerate(row.cells):
            if head_field(cell) != "amount" or "总" not in cell:  # a total, not a column of amounts ('预算金额')
                continue
            for below in head[i + 1 : i + 3]:
                value = joined(clean(below.cells[j])) if j < len(below.cells) else ""
                if AMOUNT.match(value):
                    return value
    return ""


def whole_share(funds: list[str]) -> str:
    """The one share of a form's money that is all of it (财政拨款 98,880.78 beside 其他资金 0.00), as written; ''
    when several are not zero: their sum is printed nowhere, and the form's figures may not agree with it."""
    numbers = [AMOUNT.match(fund) for fund in funds]
    if not funds or not all(numbers):
        return ""
    money = [fund for fund, number in zip(funds, numbers) if number and float(number[1].replace(",", ""))]
    return money[0] if len(money) == 1 else ""


def total_amount(row: Row) -> str:
    """The amount a head row gives for a total ('年度主要任务 | 金额合计 | 6248.79 | 6248.79'), '' for other rows."""
    values = [joined(clean(value)) for value in spread_values(row.cells)]
    for label, value in zip(values, values[1:]):
        if key(label).endswith(TOTALS) and len(key(label)) <= 6:
            return value if AMOUNT.match(value) else ""
    return ""


@dataclass
class Blocks:
    values: dict[str, str]  # block field → the value of the block's first row (年度资金总额 / 合计)
    lines: set[int]  # the head rows the blocks took
    unit: str = ""  # the money unit their labels declare ('项目资金（元）', '总体资金情况（万元）')


TASK_COLUMNS = frozenset(("任务名称", "主要内容", "主要实施内容", "任务内容", "重点任务"))


def head_blocks(head: list[Row]) -> Blocks:
    """A self-evaluation's head blocks: a row naming two or more block columns (年初预算数, 全年预算数（A）… or
    预期目标, 实际完成情况) under a group label, then the row (or rows) of values in those columns; the first value
    row of each block is kept (年度资金总额), unless a later one is its total. A grid of tasks (任务名称 | 主要内容 |
    预算数 | 执行数) keeps its tasks under the group label, one line each, and gives its total row's values (金额合计)
    where no other block gives them."""
    found = Blocks({}, set())
    columns: dict[int, str] = {}
    group, at = "", 0  # the block's label and its column
    taken = False
    tasks = False  # the block is a grid of tasks: its total row alone counts
    headings: list[str] = []  # a grid of tasks' column labels, from each of its header rows ('全年预算数·总额')
    tasks_total: dict[str, str] = {}
    laid: tuple[int, tuple[float, ...]] = (0, ())  # the block's header row: its page and its cells' left edges
    page = 0  # the page of the row before
    for row in head:
        cells = [joined(clean(cell)) for cell in row.cells]
        before, page = page, row.page
        if taken and not tasks and _goal_rest(cells, columns, before, row):
            rests: dict[str, str] = {}
            for j, field in _moved(columns, laid, row).items():
                if j < len(cells) and cells[j] and field in found.values:
                    rests.setdefault(field, cells[j])  # (a text over several columns: once)
            for field, rest in rests.items():
                found.values[field] = joined(found.values[field] + "\n" + rest)
            found.lines.add(row.line)
            continue
        named = {j: block_column(cell) for j, cell in enumerate(cells) if block_column(cell)}
        first = next((cell for cell in cells if cell), "")
        beside = [cell for j, cell in enumerate(cells) if cell not in (first, "") and j not in named]
        if beside and (GOAL_BLOCKS & set(named.values()) or any(VALUE.match("".join(c.split())) for c in beside)):
            named = {}  # '实施期目标 | 某某 | 年度目标 | 某某', '年初预算数 | 1850 | 全年预算数 | 1850': labels, values
        if len(set(named.values())) >= 2:  # (one label spread over two cells names one block)
            if group != first or taken:
                columns, taken, headings = {}, False, []
            columns.update(named)
            laid = (row.page, row.edges)
            group, at = first, cells.index(first)
            tasks = any(key(cell) in TASK_COLUMNS for cell in cells)
            headings = [_under(above, cell) for above, cell in zip(headings + [""] * len(cells), cells)]
            found.lines.add(row.line)
            found.unit = found.unit or next(filter(None, map(money_unit, [first, *cells])), "")  # 项目资金（元）
        elif columns and _in_block(cells, first, (group, at), columns, taken):
            found.lines.add(row.line)
            start = next((j for j, cell in enumerate(cells) if cell and cell != group), len(cells))
            total = key(cells[start] if start < len(cells) else "").endswith(TOTALS)
            if tasks and not total:
                line = _task_line(cells[start:], headings[start:])
                found.values[group] = f"{found.values[group]}\n{line}" if group in found.values else line
            elif not taken or total:
                values: dict[str, str] = {}
                for j, field in _moved(columns, laid, row).items():
                    if j < len(cells) and cells[j] and cells[j] not in ("—", "-", "/") and not _label(cells[j]):
                        values.setdefault(field, cells[j])  # a field over several columns: its first (总额)
                if tasks:
                    tasks_total.update(values)
                else:
                    found.values.update(values if total else {**values, **found.values})
                taken = True
        else:
            columns, group = {}, ""
    found.values.update({field: value for field, value in tasks_total.items() if field not in found.values})
    return found


def _moved(columns: dict[int, str], laid: tuple[int, tuple[float, ...]], row: Row) -> dict[int, str]:
    """The block's columns in a row of values on another page than its header row, whose PDF grid there may part
    other columns (the 年度资金总额 label over two): each column where a cell starts at its left edge, none where no
    cell does; the columns as they are on the header's page or without a grid. Edges are measured from the table's
    left border, which the next page may move (mirrored margins: the whole grid further right), and a little more
    (`nearest_edge`)."""
    page, edges = laid
    if not row.page or not page or row.page == page or not edges or not row.edges or row.edges == edges:
        return columns
    shift = row.edges[0] - edges[0]
    starts = {edges[j] + shift: field for j, field in columns.items() if j < len(edges)}
    near = {x: nearest_edge(row.edges, x) for x in starts}
    return {k: field for x, field in starts.items() if (k := near[x]) is not None}


def nearest_edge(edges: tuple[float, ...], x: float) -> int | None:
    """The grid line of `edges` nearest to `x`, if within DRIFT: the same column's on another page of a PDF, whose
    reader snaps each page's rules together with its other tables' (a line moved a little, on each page its own
    way)."""
    k = min(range(len(edges)), key=lambda k: abs(edges[k] - x), default=None)
    return k if k is not None and abs(edges[k] - x) < DRIFT else None


_TEXTS = GOAL_BLOCKS | {"预期目标", "实际完成情况"}  # block columns of texts, which a page break may cut


def _goal_rest(cells: list[str], columns: dict[int, str], page: int, row: Row) -> bool:
    """Whether a row atop a page is the rest of a goal block's texts the page break cut (Word lets the row break:
    '…重点人群健' | '…规范管理率均' at the foot, '康管理率稳步提高。' | '达到目标。' atop the next page): a block
    of texts (预期目标 | 实际完成情况, 实施期目标 | 年度目标), the row's first cell (the label's) blank and its texts
    in the block's columns or right of them only."""
    if not row.page or not page or row.page == page or not _TEXTS & set(columns.values()) or cells[:1] != [""]:
        return False
    return any(cells) and all(not cell or j in columns or j > max(columns) for j, cell in enumerate(cells))


def _under(above: str, label: str) -> str:
    """A column's label under the one a header row above gave it ('全年预算数' over '总额': '全年预算数·总额')."""
    return f"{above}·{label}" if above and label and label != above else above or label


def _in_block(cells: list[str], first: str, label: tuple[str, int], columns: dict[int, str], taken: bool) -> bool:
    """Whether a row below a block's header row is a row of its values: under the group's label spread down, or its
    label's cell merged across (其中：财政拨款), or its label standing in the group's column ('预算执行情况（万元） |
    年初预算数 | …' over '年度资金总额 | 600.00 | …'); the first one also under the label's rest ('年度' over
    '总体目标') or blank cells before the block's columns (the group's cell merged down, saved blank: a CSV)."""
    group, at = label
    if first == group or head_field(first) in ("amount", "fund") and (not cells[0] or cells.index(first) == at):
        return True
    if taken:
        return False
    return bool(head_field(group + first)) or (
        not any(cells[: min(columns)]) and any(cells[j] for j in columns if j < len(cells))
    )


def _label(cell: str) -> bool:
    """Whether a cell is a label (年度资金总额, 其中：财政拨款), never a value (a blank total's cell, spread down from
    the next row's label, was its value)."""
    return bool(head_field(cell) or block_column(cell))


def money_table(head: list[Row]) -> Blocks:
    """Money laid out as a small table under a label over its rows (总体资金情况（万元）, 年度主要任务):
    one to three rows of column labels naming shares of money (预算支出总额 | 财政拨款 over 合计 · 基本支出 ·
    项目支出 | 其他资金 over …), then a row of amounts, or rows of tasks and their amounts closed by a total row
    (金额合计). Each amount of that row is kept under its column's labels ('财政拨款·基本支出'; a parent's 合计
    as the parent; a heading over all the amounts left out), each task under the group label, one line each."""
    found = Blocks({}, set())
    rows = [[joined(clean(cell)) for cell in row.cells] for row in head]
    for i, cells in enumerate(rows):
        group = next((cell for cell in cells if cell), "")
        if not group or AMOUNT.match(group) or head[i].line in found.lines:
            continue
        first = cells.index(group)
        start = _after(cells, group, first)
        labels: list[int] = []
        for r in range(i, min(i + 3, len(rows))):
            if not _labels_row(rows[r], group, first, start) or labels and _a_task(rows[r], rows[labels[-1]]):
                break
            labels.append(r)
        label_cells = [cell for r in labels for cell in rows[r][start:]]
        money_named = any(head_field(cell) in ("amount", "fund") or key(cell) in SPENDING_KINDS for cell in label_cells)
        # (by one of the label rows: the others may name what the money is: 全年预算数 over 总额 | 财政拨款)
        task_grid = any(key(cell) in TASK_COLUMNS for cell in label_cells)  # its money's labels may be any (实际执行)
        if not labels or not (money_named or task_grid) or labels[-1] + 1 >= len(rows):
            continue
        below = []
        for r in range(labels[-1] + 1, len(rows)):
            here = rows[r][first:start]
            unlabelled = not any(here)  # (the group's cell merged down, saved blank: a CSV)
            if here and all(cell == group for cell in here) or unlabelled and _amounts_row(rows[r][start:]):
                below.append(r)
            elif unlabelled and task_grid and _a_task(rows[r], rows[labels[-1]]):
                below.append(r)
            else:
                break
        if not money_named and not task_grid and not any(AMOUNT.match(cell) for r in below for cell in rows[r][start:]):
            continue  # (a grid of words under a label, naming no task nor money: no money table)
        total = next((r for r in below if _is_total(rows[r], start)), None)
        if total is None and len(below) == 1 and _amounts_row(rows[below[0]][start:]):
            total = below[0]
        if total is None:  # tasks and their money without a total row: kept as lines, no amount taken from them
            if not below and not head_field(group) or not all(_task_text(rows[r][start:]) for r in below):
                continue  # (no rows below a label of no list: its value a share's word, '资金性质 | 一般公共预算')
            named = [next((rows[r][j] for r in reversed(labels) if rows[r][j]), "") for j in range(start, len(cells))]
            lines = [_task_line(rows[r][_row_start(rows[r], group, first, start) :], named) for r in below]
            found.values.setdefault(group, "\n".join(lines))
            found.lines.update(head[r].line for r in (*labels, *below))
            continue  # the money may be laid out below (总体资金情况 | 基本支出 | 项目支出)
        money = [j for j in range(start, len(rows[total])) if AMOUNT.match(rows[total][j])]
        paths = {j: list(dict.fromkeys(rows[r][j] for r in labels if j < len(rows[r]) and rows[r][j])) for j in money}
        while all(len(path) > 1 for path in paths.values()) and len({path[0] for path in paths.values()}) == 1:
            paths = {j: path[1:] for j, path in paths.items()}  # a heading over all the amounts
        for path in paths.values():
            if len(path) > 1 and key(path[-1]).endswith(TOTALS):
                path.pop()  # a parent's 合计: the parent's own
        before = None
        for j in money:
            if paths[j] and paths[j] != before:
                found.values.setdefault("·".join(paths[j]), rows[total][j])
            before = paths[j]
        last = {
            j: next((rows[r][j] for r in reversed(labels) if j < len(rows[r]) and rows[r][j]), "")
            for j in range(start, len(cells))
        }
        headings = ["·".join(paths[j]) if j in paths else last[j] for j in range(start, len(cells))]
        tasks = [_task_line(rows[r][_row_start(rows[r], group, first, start) :], headings) for r in below if r != total]
        if tasks:
            found.values.setdefault(group, "\n".join(tasks))
        found.lines.update(head[r].line for r in (*labels, *below))
        found.unit = money_unit(group) or next(filter(None, map(money_unit, rows[labels[0]])), "")
        break
    return found


def _after(cells: list[str], group: str, first: int) -> int:
    """Where a money table's row starts after the group label's cells (spread over more of them on another page)."""
    return next((j for j in range(first, len(cells)) if cells[j] != group), len(cells))


def _row_start(cells: list[str], group: str, first: int, start: int) -> int:
    """Where a task's row starts: after the group label's cells, or where the label rows start when its label's cells
    are blank (merged down, saved blank: a CSV)."""
    return _after(cells, group, first) if first < len(cells) and cells[first] == group else start


def _labels_row(cells: list[str], group: str, first: int, start: int) -> bool:
    """A row of column labels under a money table's group label: no value among them."""
    rest = [cell for cell in cells[start:] if cell]
    return (
        len(cells) > start
        and all(cell == group for cell in cells[first:start])
        and bool(rest)
        and not any(VALUE.match(cell) for cell in rest)
    )


def _a_task(cells: list[str], above: list[str]) -> bool:
    """Whether a row under a row of labels naming a task's columns (任务名称 | 主要内容) is a task's, not their labels'
    next row (全年预算数 over 总额 | 财政拨款): a text of its own under them (a task without money has no figure to
    tell it by)."""
    named = [j for j, label in enumerate(above) if key(label) in TASK_COLUMNS and j < len(cells)]
    return any(cells[j] and cells[j] != above[j] for j in named)


def _amounts_row(cells: list[str]) -> bool:
    amounts = [cell for cell in cells if cell]
    return len(amounts) >= 2 and all(AMOUNT.match(cell) for cell in amounts)


def _is_total(cells: list[str], start: int) -> bool:
    label = next((cell for cell in cells[start:] if cell), "")
    return key(label).endswith(TOTALS) and len(key(label)) <= 6 and any(AMOUNT.match(c) for c in cells[start:])


def _task_text(cells: list[str]) -> bool:
    """Whether a row of a money table names a task: a text beside its amounts that names no share of money (基本支出,
    财政拨款: the rows of money laid out by its sources, read above as amounts)."""
    texts = [cell for cell in cells if cell and not VALUE.match(cell)]
    return bool(texts) and not any(head_field(cell) in ("amount", "fund", "group") or cell in _SHARES for cell in texts)


_SHARES = frozenset(("基本支出", "项目支出", "人员经费", "公用经费", "合计", "小计"))


def _task_line(cells: list[str], labels: list[str]) -> str:
    """A task row of a money table as one line: its first two texts (its name and content: '城市道路养护：主次干道日常
    养护'), each later one with its column's label ('；完成情况：已完成'), then each amount with its label (a cell that
    is its column's label, spread down from the label rows, is none of its values)."""
    texts: list[str] = []
    amounts: list[str] = []
    for cell, label in zip(cells, labels + [""] * len(cells)):
        if not cell or cell == label:
            continue
        if VALUE.match(cell):
            amounts += [f"{label} {cell}"] if not amounts or amounts[-1] != f"{label} {cell}" else []
        elif cell not in texts:
            text = f"{label}：{cell}" if len(texts) >= 2 and label else cell
            texts += [text] if text not in texts else []
    line = "：".join(texts[:2]) + "".join(f"；{text}" for text in texts[2:])
    return line + (f"（{'，'.join(a.strip() for a in amounts)}）" if amounts else "")
