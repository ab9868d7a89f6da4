"""Layout 'summary-table': one 项目绩效目标汇总表 holding every project as a block of rows.

A two-row header names the columns: '序号 项目名称 项目概况 本年预算金额(万元) 年度绩效目标
核心绩效指标' and below it '指标名称 运算符 单位 年度目标值'. A project's first row carries its
序号, name, overview, amount, goal and first indicator; each later row one more indicator.
When a page break splits a project, a row without a name that carries head text (overview,
amount or goal fragments) opens the block of the NEXT named project: it and the rows after it
belong to that project, whose head fields are the fragments joined. A sheet with its merged head
cells spread (or filled) repeats a project's head on each of its rows: a named row that repeats the
序号, name and amount of the project above continues it, and a fragment repeated on consecutive rows
counts once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from importers import segments
from importers.cells import clean, header_key, joined, once, once_across, same_head
from importers.columns import (
    AMOUNT_COLUMNS,
    amount_column,
    column,
    department_above,
    nature_notes,
    target_parts,
    unit_above,
)
from importers.layouts import Layout
from importers.records import ParseError, RawDocument, RawIndicator, RawProject, Row

NAME = "summary-table"
HEAD_COLUMNS = {
    "seq": ("序号",),
    "name": ("项目名称",),
    "overview": ("项目概况",),
    "amount": tuple(sorted(AMOUNT_COLUMNS)),  # (importers.columns: the one vocabulary of a money column)
    "goal": ("年度绩效目标", "绩效目标", "当年绩效目标"),
}
INDICATOR_FIELDS = ("name", "operator", "unit", "target", "weight")  # named by importers.columns
LEVEL_FIELDS = ("level1", "level2")
HEAD_TEXT = ("overview", "amount", "goal")
NAME_WORDS = frozenset(HEAD_COLUMNS["name"] + ("指标名称",))
IDENTITY = ("seq", "amount")  # head cells that differ between two projects of the same name
TOTALS = frozenset(("合计", "总计", "小计"))
MIN_OVERLAP = 6  # a shorter repeat between two fragments is ordinary text, not a page-break overlap
_MONEY_UNIT = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[）)]")


@dataclass
class _Table:
    """Where the table is and which cell holds what (positions relative to the header rows)."""

    header_row: int  # index of the head-header row
    first_row: int  # index of the first row below the header
    head: dict[str, int]
    indicator: dict[str, int]
    width: int  # cells a full row has; shorter rows lost their leading empty cells
    amount_unit: str
    department: str = ""  # a department line above the table names ('资金主管部门：…')


@dataclass
class _Block:
    """The rows of one project (any page-break fragments, its named row, its indicator rows) and their head cells."""

    rows: list[Row]
    heads: list[dict[str, str]]
    head: dict[str, str]  # the named row's head cells


def _positions(row: Row, wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index of each wanted field whose header word appears in the row."""
    keys = [header_key(cell) for cell in row.cells]
    found = {}
    for name, words in wanted.items():
        index = next((i for i, key in enumerate(keys) if key in words), None)
        if index is not None:
            found[name] = index
    return found


def _fields(keys: set[str], wanted: dict[str, tuple[str, ...]]) -> set[str]:
    """The wanted fields whose header word is among the keys (the fields `_positions` finds)."""
    return {name for name, words in wanted.items() if not keys.isdisjoint(words)}


def _is_head_header(keys: set[str]) -> bool:
    found = _fields(keys, HEAD_COLUMNS)
    return {"seq", "name"} <= found and not found.isdisjoint(HEAD_TEXT)


def _indicator_positions(row: Row) -> dict[str, int]:
    """Column index of each indicator field whose header (importers.columns) appears in the row."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        field = column(cell) if cell.strip() else ""
        if field in INDICATOR_FIELDS and field not in found:
            found[field] = i
    return found


def _is_indicator_header(row: Row) -> bool:
    """指标名称, 运算符 and 年度目标值 named, and no level column: a table with 一级/二级指标 is a flat sheet's."""
    if any(column(cell) in LEVEL_FIELDS for cell in row.cells if cell.strip()):
        return False
    return {"name", "operator", "target"} <= _indicator_positions(row).keys()


def _keys(row: Row) -> set[str]:
    """The header keys of the row's cells."""
    return set(map(header_key, row.cells))


def _is_header(row: Row) -> bool:
    if NAME_WORDS.isdisjoint(map(header_key, row.cells)):  # both headers name a column of names
        return False
    return _is_head_header(_keys(row)) or _is_indicator_header(row)


def _find_table(rows: list[Row]) -> _Table | None:
    """The header pair: the head-header row and, on it or in the next non-blank rows, the indicator header."""
    start = _head_header(rows)
    if start is None:
        return None
    below = islice((i for i in range(start, len(rows)) if not rows[i].blank), 3)
    sub = next((i for i in below if _is_indicator_header(rows[i])), None)
    if sub is None:
        return None
    header, sub_header = rows[start], rows[sub]
    width = max(len(header.cells), len(sub_header.cells))
    head = _positions(header, HEAD_COLUMNS)
    if "amount" not in head:  # '2026年预算数' (of several years, the latest), 项目总额: as a flat sheet takes them
        money = amount_column([header_key(cell) for cell in header.cells], frozenset(head.values()))
        head.update({"amount": money} if money is not None else {})
    return _Table(
        header_row=start,
        first_row=sub + 1,
        head=head,
        indicator=_indicator_positions(Row(_aligned(sub_header.cells, width), sub_header.line)),
        width=width,
        amount_unit=(_amount_unit(header.cells[head["amount"]]) if "amount" in head else "")
        or unit_above(rows[:start]),
        department=department_above(rows[max(0, start - 5) : start]),
    )


def _head_header(rows: list[Row]) -> int | None:
    """Index of the first head-header row."""
    return next((i for i, row in enumerate(rows) if _is_head_header(_keys(row))), None)


def _amount_unit(cell: str) -> str:
    """The money unit a header cell declares: '本年预算金额 (万元)' → '万元'."""
    match = _MONEY_UNIT.search(clean(cell))
    return match.group(1) if match else ""


def _aligned(cells: list[str], width: int) -> list[str]:
    """A row that lost its leading empty cells, padded back so its last cell sits in the last column."""
    return [""] * (width - len(cells)) + cells


def _cells(row: Row, table: _Table, columns: dict[str, int]) -> dict[str, str]:
    """The cleaned cell of each column, in the row `_aligned` to the table's width."""
    cells = row.cells
    shift = max(0, table.width - len(cells))
    return {name: clean(cells[i - shift]) if shift <= i < len(cells) + shift else "" for name, i in columns.items()}


def _blocks(rows: list[Row], table: _Table) -> tuple[list[_Block], list[Row]]:
    """Group the data rows by project; also return fragment rows left with no named project after them."""
    blocks: list[_Block] = []
    pending: list[Row] = []
    pending_heads: list[dict[str, str]] = []
    for row in rows[table.first_row :]:
        if row.blank or _is_header(row):
            continue
        head = _cells(row, table, table.head)
        if "".join(head["name"].split()) in TOTALS:
            continue
        if head["name"] and blocks and same_head(blocks[-1].head, head, IDENTITY):
            blocks[-1].rows += [*pending, row]
            blocks[-1].heads += [*pending_heads, head]
            pending, pending_heads = [], []
        elif head["name"]:
            blocks.append(_Block(rows=[*pending, row], heads=[*pending_heads, head], head=head))
            pending, pending_heads = [], []
        elif head["seq"]:
            raise ParseError(
                f"第 {row.line} 行的项目没有名称 line {row.line}: project {head['seq']} has no project name"
            )
        elif any(head.get(name) for name in HEAD_TEXT) or pending or not blocks:
            pending.append(row)
            pending_heads.append(head)
        else:
            blocks[-1].rows.append(row)
            blocks[-1].heads.append(head)
    return blocks, pending


def join_fragments(fragments: list[str]) -> str:
    """Fragments of one cell split by a page break, joined; text repeated across the break, and a fragment
    repeated on consecutive rows, are kept once."""
    text = ""
    for fragment in once(fragments):
        text += fragment[_overlap(text, fragment) :]
    return text


def _overlap(text: str, fragment: str) -> int:
    """Length of the longest start of `fragment` (at least MIN_OVERLAP) that `text` ends with, else 0."""
    for size in range(min(len(text), len(fragment)), MIN_OVERLAP - 1, -1):
        if text.endswith(fragment[:size]):
            return size
    return 0


def _project(block: _Block, table: _Table, warnings: list[str]) -> RawProject:
    heads = block.heads
    named = block.head
    project = RawProject(
        name=joined(named["name"]),
        department=table.department,
        page=block.rows[0].page,
        amount=join_fragments([h.get("amount", "") for h in heads]),
        amount_unit=table.amount_unit,
        overview=join_fragments([h.get("overview", "") for h in heads]),
        goal=join_fragments([h.get("goal", "") for h in heads]),
        fields={"序号": named["seq"]} if named["seq"] else {},
        line=block.rows[0].line,  # a page-break fragment before the named row is the project's start
    )
    for row in block.rows:
        cells = {field: joined(text) for field, text in _cells(row, table, table.indicator).items()}
        if cells["name"]:
            operator, target, unit, nature = target_parts(
                cells.get("operator", ""), cells.get("target", ""), cells.get("unit", "")
            )
            project.indicators.append(
                RawIndicator(
                    name=cells["name"],
                    target=target,
                    operator=operator,
                    unit=unit,
                    weight=cells.get("weight", ""),
                    notes=nature_notes("指标性质", nature, cells.get("unit", "")),
                    line=row.line,
                )
            )
        elif any(cells.values()):
            warnings.append(
                f"第 {row.line} 行有指标值但没有指标名称，未读 line {row.line}: indicator values without an indicator "
                "name skipped"
            )
    return project


def _title(rows: list[Row]) -> str:
    """The table's title: the last title line above it, else the first line above it."""
    titles = [name for row in rows if (name := segments.title(row))]
    if titles:
        return titles[-1]
    return next((" ".join(v.strip() for v in once_across(row.cells) if v.strip()) for row in rows if not row.blank), "")


def parse(rows: list[Row]) -> RawDocument:
    table = _find_table(rows)
    if table is None:
        raise ParseError(
            "没有序号/项目名称表头及其后的指标表头 "
            "no 序号/项目名称 header followed by a 指标名称/运算符/年度目标值 header"
        )
    blocks, orphans = _blocks(rows, table)
    doc = RawDocument(layout=NAME, title=_title(rows[: table.header_row]))
    doc.projects = [_project(block, table, doc.warnings) for block in blocks]
    if orphans:
        lines = ", ".join(str(row.line) for row in orphans)
        doc.warnings.append(
            f"第 {lines} 行之后没有项目名称，未读 rows with no named project after them skipped (lines {lines})"
        )
    return doc


def detect(rows: list[Row]) -> float:
    """0.3 for the head header alone, 0.8 with the indicator header below it, 1.0 when a project row follows."""
    table = _find_table(rows)
    if table is None:
        return 0.3 if _head_header(rows) is not None else 0.0
    data = (row for row in rows[table.first_row :] if not _is_header(row))
    return 1.0 if any(_cells(row, table, table.head)["name"] for row in data) else 0.8


LAYOUT = Layout(
    name=NAME,
    description="项目绩效目标汇总表: one summary table, a project's head row then one row per indicator",
    detect=detect,
    parse=parse,
)
