"""Layout 'flat-sheet': one sheet listing many projects, one row per indicator.

The header names the columns, e.g. 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 |
指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性 (one header row, or two when a parent cell such as 绩效指标 spans
the level columns). COLUMNS declares which header words hold which field; a column it does not name is
kept under its header: left of the indicator columns as a project field, right of them per indicator in
extra['指标其他列']. A project's head cells are written on its first row, or on every row (merged cells
spread, or a filled sheet): a row without a project name, or repeating the name, department and amount of
the project above, adds an indicator to it, levels filled downward. A row with a unit name or an amount
but no project and no indicator is a department subtotal row: it names the department of the projects
below it (a unit name spread over the 项目名称 column too is still no project). A header cell spread over
several columns names the first of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.cells import clean, header_key, once_across, same_head, squash
from importers.layouts import Layout
from importers.records import ParseError, RawDocument, RawIndicator, RawProject, Row

NAME = "flat-sheet"
PROJECT_COLUMNS = {
    "department": ("单位名称", "预算单位", "部门名称", "主管部门", "实施单位"),
    "name": ("项目名称",),
    "amount": ("预算数", "预算金额", "本年预算数", "年度预算数", "年度资金总额", "资金总额", "项目金额"),
    "goal": ("年度目标", "年度绩效目标", "年度总体目标", "绩效目标"),
    "overview": ("项目概况",),
}
INDICATOR_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "operator": ("运算符",),
    "target": ("指标值", "年度指标值", "目标值", "年度目标值"),
    "unit": ("度量单位", "计量单位", "单位"),
}
TOTALS = {"合计", "小计", "总计"}
IDENTITY = ("department", "amount")  # head cells that differ between two projects of the same name
_MONEY_UNIT = re.compile(r"(亿元|万元|千元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_UNIT_LINE = re.compile(r"^(?:金额)?单位[：:]\s*(亿元|万元|千元|元)$")


@dataclass
class _Columns:
    """Where each field is: header-relative positions, and the other columns' labels."""

    start: int  # index of the first data row
    project: dict[str, int]
    indicator: dict[str, int]
    others: dict[int, str]  # position → header label of every column no field claims
    amount_unit: str
    width: int  # cells of a full row; a shorter row lost its leading empty cells


def _positions(keys: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found = {}
    for field, words in wanted.items():
        index = next((i for i, key in enumerate(keys) if key in words), None)
        if index is not None:
            found[field] = index
    return found


def _header(rows: list[Row], i: int) -> _Columns | None:
    """The columns when row i is the header (with the row below it, for a two-row header)."""
    if "项目名称" not in map(header_key, rows[i].cells):  # no name column (once_across keeps a first copy)
        return None
    keys = once_across([header_key(cell) for cell in rows[i].cells])
    below = next((j for j in range(i + 1, min(i + 3, len(rows))) if not rows[j].blank), None)
    lower = once_across([header_key(cell) for cell in rows[below].cells]) if below is not None else []
    merged = [b or k for k, b in zip(keys + [""] * len(lower), lower + [""] * len(keys))]
    two_rows = len(_positions(merged, INDICATOR_COLUMNS)) > len(_positions(keys, INDICATOR_COLUMNS))
    keys = merged if two_rows else keys
    project, indicator = _positions(keys, PROJECT_COLUMNS), _positions(keys, INDICATOR_COLUMNS)
    if not {"name", "target"} <= indicator.keys() or not {"level1", "level2"} & indicator.keys():
        return None
    claimed = set(project.values()) | set(indicator.values())
    unit = _MONEY_UNIT.search(clean(rows[i].cells[project["amount"]])) if "amount" in project else None
    return _Columns(
        start=(below if two_rows else i) + 1,
        project=project,
        indicator=indicator,
        others={j: key for j, key in enumerate(keys) if key and j not in claimed},
        amount_unit=unit.group(1) if unit else "",
        width=max(len(rows[i].cells), len(lower)),
    )


def _find(rows: list[Row]) -> _Columns | None:
    return next((columns for i in range(len(rows)) if (columns := _header(rows, i))), None)


def _aligned(row: Row, cols: _Columns) -> list[str]:
    """The row's cleaned cells, padded on the left when it lost its leading empty cells."""
    return [""] * (cols.width - len(row.cells)) + [clean(cell) for cell in row.cells]


def _cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {field: cells[i] if i < len(cells) else "" for field, i in columns.items()}


def _others(cells: list[str], cols: _Columns, indicator_side: bool) -> dict[str, str]:
    """The cells of unclaimed columns left (project) or right (indicator) of the first indicator column."""
    first = min(cols.indicator.values())
    return {label: cells[j] for j, label in cols.others.items()
            if (j > first) == indicator_side and j < len(cells) and cells[j]}


def _declared_unit(rows: list[Row]) -> str:
    """'单位：元' written above the table."""
    for row in rows:
        for cell in row.cells:
            match = _UNIT_LINE.match(squash(clean(cell)))
            if match:
                return match.group(1)
    return ""


def _indicator(cells: list[str], line: int, cols: _Columns, levels: list[str]) -> RawIndicator:
    """An indicator row, levels filled from `levels` (which it updates); a unit the value carries is not repeated."""
    found = _cells(cells, cols.indicator)
    if found.get("level1") and found["level1"] != levels[0]:
        levels[:] = [found["level1"], ""]
    if found.get("level2"):
        levels[1] = found["level2"]
    target, unit = found.get("target", ""), found.get("unit", "")
    return RawIndicator(
        name=found["name"], target=target, level1=levels[0], level2=levels[1], operator=found.get("operator", ""),
        unit="" if unit and target.rstrip(")）").endswith(unit) else unit, line=line,
    )


def _project(cells: list[str], line: int, cols: _Columns, department: str, unit: str) -> RawProject:
    head = _cells(cells, cols.project)
    return RawProject(
        name=head["name"], department=head.get("department") or department, amount=head.get("amount", ""),
        amount_unit=unit, goal=head.get("goal", ""), overview=head.get("overview", ""),
        fields=_others(cells, cols, indicator_side=False), line=line,
    )


def parse(rows: list[Row]) -> RawDocument:
    cols = _find(rows)
    if cols is None:
        raise ParseError("no header with 项目名称, 一级/二级指标, 三级指标 and 指标值 columns")
    unit = cols.amount_unit or _declared_unit(rows[: cols.start])
    title = next((" ".join(v.strip() for v in once_across(row.cells) if v.strip())
                  for row in rows[: cols.start] if not row.blank), "")
    year = _YEAR.search(title) if title and "项目名称" not in title else None
    doc = RawDocument(layout=NAME, title=title if year or "表" in title else "", year=year.group(1) if year else "")
    department = ""
    levels = ["", ""]
    above: dict[str, str] = {}  # the head cells of the last project's first row
    for row in rows[cols.start:]:
        if row.blank or _is_header(row):
            continue
        cells = _aligned(row, cols)
        head = _cells(cells, cols.project)
        head["name"] = once_across(cells)[cols.project["name"]]  # not a unit name spread across
        name, indicator = head["name"], _cells(cells, cols.indicator)["name"]
        if head.get("department") and head["department"] not in TOTALS:
            department = head["department"]
        if squash(name) in TOTALS:
            continue
        if name and not (doc.projects and same_head(above, head, IDENTITY)):
            doc.projects.append(_project(cells, row.line, cols, department, unit))
            above = head
            levels = ["", ""]
        if indicator:
            if not doc.projects:
                raise ParseError(f"line {row.line}: indicator {indicator!r} before any project name")
            doc.projects[-1].indicators.append(_indicator(cells, row.line, cols, levels))
            other = _others(cells, cols, indicator_side=True)
            if other:
                doc.projects[-1].extra.setdefault("指标其他列", []).append({"三级指标": indicator, **other})
    return doc


def _is_header(row: Row) -> bool:
    """A header row repeated after a page break."""
    keys = {header_key(cell) for cell in row.cells}
    return "项目名称" in keys or bool(keys & {"三级指标", "一级指标"})


def detect(rows: list[Row]) -> float:
    """0.8 for the header, 1.0 when an indicator row follows it."""
    cols = _find(rows)
    if cols is None:
        return 0.0
    data = (row for row in rows[cols.start:] if not row.blank and not _is_header(row))
    return 1.0 if any(_cells(_aligned(row, cols), cols.indicator)["name"] for row in data) else 0.8


LAYOUT = Layout(
    name=NAME,
    description="one flat sheet of many projects, one row per indicator (单位名称 项目名称 预算数 … 三级指标 指标值)",
    detect=detect,
    parse=parse,
)
