"""Layout 'flat-sheet': one table listing many projects, one row per indicator.

The header names the columns, e.g. 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质
| 指标值 | 度量单位 | 权重 (one header row, or two when a parent cell such as 绩效指标 or 其中 spans several columns);
a sheet without level columns (项目名称 | 指标名称 | 指标值) leaves the levels to the knowledge base's guess.
Indicator columns are named as in `importers.columns` (an operator column with the number and the unit in their own
columns, weights, explanations and scoring rules kept per indicator). A column it does not name is kept under its
header: left of the indicator columns as a project field, right of them in the indicator's notes. A project's head
cells are written on its first row, or on every row (merged cells spread, a filled sheet, a head repeated on the next
page): a row without a project name, or repeating the name, department and amount of the project above, adds an
indicator to it, levels filled downward. A row with a unit name or an amount but no indicator is a unit row (a
department subtotal, or the unit line of a 单位（项目）名称 column): it names the department of the projects below it.
A name may start with its project code ('11000021Y000000390843-信息系统运维类项目'): the code is kept apart. A header
cell spread over several columns names the first of them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import islice

from importers.cells import clean, header_key, joined, once_across, same_head, squash
from importers import segments
from importers.cover import unit_line
from importers.columns import (
    amount_column,
    earlier_values,
    declared_unit,
    FUND_LABELS,
    PERIOD_PARTS,
    REMARK,
    column,
    head_field,
    heads_money,
    KIND_HEADERS,
    kind_levels,
    signs_instead,
    key,
    DIRECTIONS,
    OPERATOR_WORDS,
    OPERATORS,
    QUALITATIVE,
    money_unit,
    nature_notes,
    placeholder,
    sign_off,
    split_code,
    target_parts,
    unit_above,
    weight_of,
    whole_period,
)
from importers.layouts import Layout
from importers.level_words import is_level1, is_level2, split_levels, two_labels
from importers.registry import MIN_SCORE
from importers.records import (
    DEPARTMENT,
    PROJECT,
    SELF_EVALUATION,
    ParseError,
    RawDocument,
    RawIndicator,
    RawProject,
    Row,
)

NAME = "flat-sheet"
PROJECT_COLUMNS = {
    "department": ("单位名称", "预算单位", "部门名称", "主管部门", "项目主管部门", "实施单位", "资金使用单位"),
    "name": ("项目名称", "单位（项目）名称", "项目（单位）名称", "单位(项目)名称", "项目名称（资金使用单位）", "项目"),
    "goal": (
        "年度目标",
        "年度绩效目标",
        "项目年度绩效目标",
        "年度总体目标",
        "绩效目标",
        "当年绩效目标",
        "总体目标",
        "整体绩效目标",
        "总体绩效目标",
        "部门整体绩效目标",
        "单位整体绩效目标",
    ),
    "overview": ("项目概况",),
}
# a self-evaluation's own result beside its rows (merged down them, or on its first row): a field, no note
PROJECT_RESULTS = frozenset(
    ("自评得分", "自评等级", "评价等级", "自评结果", "评价结果", "总分", "综合得分", "项目得分", "自评分数")
)
NAME_WORDS = frozenset(squash(word) for word in PROJECT_COLUMNS["name"])
UNIT_NAMES = frozenset(("单位名称", "部门名称", "部门（单位）名称"))
HEADER_WORDS = UNIT_NAMES | {"三级指标", "一级指标", "指标名称"}
TOTALS = {"合计", "小计", "总计"}
IDENTITY = ("department", "amount")  # head cells that differ between two projects of the same name
_MONEY_UNIT = re.compile(r"(亿元|万元|千元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NUMBERED = re.compile(r"\d{1,3}")  # a row's number before its name ('2'; a project's own)


@dataclass
class _Columns:
    """Where each field is: header-relative positions, and the other columns' labels."""

    start: int  # index of the first data row
    project: dict[str, int]
    indicator: dict[str, int]
    notes: dict[int, str]  # position → header label of every indicator-side column no field claims
    fields: dict[int, str]  # the same, left of the indicator columns: project fields
    amount_unit: str
    width: int  # cells of a full row; a shorter row lost its leading empty cells
    operator_label: str  # the operator column's header, for a nature it holds (定性, 定量 …)
    untold: int | None = None  # a sheet without its header (`_by_contents`): how many filled columns it left unread

    @property
    def self_evaluation(self) -> bool:
        """A sheet of self-evaluations (自评结果汇总表): each row's achieved value (实际完成值) beside its target."""
        return "actual" in self.indicator


def name_column(cell: str) -> bool:
    """A column of project names: the sheet's own words, or any label a form names its project by (专项资金名称,
    二级项目名称 …)."""
    return squash(clean(cell)) in NAME_WORDS or head_field(cell) == "name"


def _project_positions(keys: list[str], raw: list[str]) -> dict[str, int]:
    """Where the project fields are; a table of units' own goals (no 项目名称, a 单位名称/部门名称 column beside the
    indicators) has its unit names in the name column."""
    found: dict[str, int] = {}
    for field, words in PROJECT_COLUMNS.items():
        for i, (word, text) in enumerate(zip(keys, raw)):
            if field == "name" and name_column(text) or field != "name" and word in words and not name_column(text):
                found.setdefault(field, i)
                break
    amount = amount_column(keys, frozenset(i for i, text in enumerate(raw) if name_column(text)))
    if amount is not None and amount not in found.values():
        found["amount"] = amount
    if "name" not in found and found.get("department") is not None and keys[found["department"]] in UNIT_NAMES:
        found["name"] = found.pop("department")
        found["units"] = -1
    return found


def _summary_table(keys: list[str], project: dict[str, int], indicator: dict[str, int]) -> bool:
    """The header of a 项目绩效目标汇总表 (layout summary-table): no level columns, a 序号, head text (概况, 预算,
    目标) and an operator column."""
    levels = {"level1", "level2"} & indicator.keys()
    return (
        not levels
        and "序号" in keys
        and "operator" in indicator
        and bool({"overview", "amount", "goal"} & project.keys())
    )


def _indicator_positions(cells: list[str]) -> dict[str, int]:
    """Where each indicator field is; a header without a name column (三级指标, 指标名称 …) names its indicators
    under 绩效指标 or 指标 (a side label over the level columns elsewhere)."""
    found: dict[str, int] = {}
    earlier = earlier_values(cells)  # a goal's value of the last year beside its target: a note
    for i, cell in enumerate(cells):
        field = column(cell) if cell and i not in earlier else ""
        if field and (field not in found or field == "operator" and signs_instead(cells, found, i)):
            found[field] = i  # (the nature column left a note)
    if "name" not in found:
        side = next((i for i, cell in enumerate(cells) if cell and key(cell) in ("绩效指标", "指标")), None)
        if side is not None and all(side > found[level] for level in ("level1", "level2") if level in found):
            found["name"] = side
    return found


def _header(rows: list[Row], i: int) -> _Columns | None:
    """The columns when row i is the header (with the row below it, for a two-row header)."""
    raw = once_across([clean(cell) for cell in rows[i].cells])
    if not any(name_column(cell) or header_key(cell) in UNIT_NAMES for cell in raw if cell):
        return None
    below = next((j for j in range(i + 1, min(i + 3, len(rows))) if not rows[j].blank), None)
    lower = once_across([clean(cell) for cell in rows[below].cells]) if below is not None else []
    merged = _value_part([b or k for k, b in zip(raw + [""] * len(lower), lower + [""] * len(raw))], raw, lower)
    two_rows = len(_indicator_positions(merged)) > len(_indicator_positions(raw)) or _names_parts(raw, lower)
    upper, raw = raw, merged if two_rows else raw
    keys = [header_key(cell) for cell in raw]
    project, indicator = _project_positions(keys, raw), _indicator_positions(raw)
    label = raw[project["amount"]] if "amount" in project else ""
    total = next((j for j, cell in enumerate(lower) if key(cell) in TOTALS), None) if two_rows else None
    if "amount" not in project and total is not None:  # 资金来源（万元） over 合计 | 财政拨款 …: the 合计, in its unit
        project["amount"], label = total, _spanning(upper, total)
    elif "amount" not in project and two_rows:  # 项目资金（万元） over 财政拨款 | 其他资金, no 合计: as one row does
        spread = _project_positions([header_key(cell) for cell in upper], upper)
        if "amount" in spread:
            project["amount"], label = spread["amount"], upper[spread["amount"]]
    if "name" not in project or not {"name", "target"} <= indicator.keys():
        return None
    if _summary_table(keys, project, indicator):
        return None
    claimed = {j for j in project.values() if j >= 0} | set(indicator.values())
    first = min(indicator.values())
    others = {j: key(cell) for j, cell in enumerate(raw) if cell and j not in claimed}
    per_row = {j: label for j, label in others.items() if label not in PROJECT_RESULTS}
    kinds = {j for j, label in others.items() if label in KIND_HEADERS}  # per indicator wherever it stands
    unit = _MONEY_UNIT.search(label)
    return _Columns(
        start=(below if two_rows and below is not None else i) + 1,
        project=project,
        indicator=indicator,
        notes={j: label for j, label in per_row.items() if j > first or j in kinds},
        fields={j: label for j, label in others.items() if j < first and j not in kinds or label in PROJECT_RESULTS},
        amount_unit=unit.group(1) if unit else "",
        width=max(len(rows[i].cells), len(lower)),
        operator_label=key(raw[indicator["operator"]]) if "operator" in indicator else "指标性质",
    )


def _value_part(merged: list[str], upper: list[str], lower: list[str]) -> list[str]:
    """A two-row header's cells, the target read where its parent spreads over parts the row below names (指标值 over
    符号 | 值 | 单位): the one part naming no field is the value, under its parent's name. Parts under a span's target
    (年度指标值 and 中期指标值 each over 符号 | 数值 | 度量单位) are the span's sign, value and unit, not the year's."""
    for j, cell in enumerate(lower):
        parent = _spanning(upper, j)
        if cell and column(parent) == "period_target" and column(cell) in ("operator", "target", "unit"):
            merged[j] = PERIOD_PARTS.get(column(cell), parent)
    if "target" in _indicator_positions(merged):
        return merged
    parts = [j for j, cell in enumerate(lower) if cell and not column(cell) and column(_spanning(upper, j)) == "target"]
    if len(parts) != 1:
        return merged
    return [_spanning(upper, j) if j == parts[0] else cell for j, cell in enumerate(merged)]


def _names_parts(raw: list[str], lower: list[str]) -> bool:
    """Whether the row below a header names the parts of a parent cell over several columns: shares of money under
    blank or 其中 cells (其中： over 财政资金 | 其他资金), the row repeating the header's own cells (spread down
    over both rows); or the total and the shares under a cell naming money (资金来源（万元） over 合计 | 财政拨款)."""
    parts = [(k, b) for k, b in zip(raw, lower) if b and key(b) != key(k)]
    if not parts or not all(key(b) in FUND_LABELS or key(b) in TOTALS for _, b in parts):
        return False
    parents = [k for k, _ in parts if key(k) not in ("", "其中")]
    if parents:
        return all(money_unit(k) or head_field(k) in ("amount", "group") for k in parents)
    same = sum(1 for k, b in zip(raw, lower) if b and key(b) == key(k))
    return same >= 2 and not any(key(b) in TOTALS for _, b in parts)


def _spanning(upper: list[str], j: int) -> str:
    """The header cell over column j: its own, else the nearest to its left (a cell spread across, kept once)."""
    return next((cell for cell in reversed(upper[: j + 1]) if cell), "")


def reads_self_evaluations(rows: list[Row]) -> bool:
    """Whether the rows are a sheet of self-evaluations this layout reads (its header names an achieved value)."""
    found = _find(rows)
    return found is not None and found.self_evaluation


def _find(rows: list[Row]) -> _Columns | None:
    return next((columns for i in range(len(rows)) if (columns := _header(rows, i))), None)


_PROSE = re.compile(r"[。！？；，,;]")  # a goal's sentences; a name has none
_FIGURES = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_SIGNS = OPERATORS | OPERATOR_WORDS | QUALITATIVE | DIRECTIONS.keys() | {"定量", "定量指标"}
_DIGIT = re.compile(r"\d")
_LONGEST_UNIT = 6
_EDGE_SLACK = 3.0  # points: two ruled rows' cell edges this near stand in one column (a PDF reader's snap)


def _by_contents(rows: list[Row]) -> _Columns | None:
    """The columns of a printed sheet without its header (printed once, on the sheet's first page, which the file does
    not hold: some pages saved apart), told by the rows' contents where every row reading as an indicator's agrees: a
    level-1 word and a level-2 word in the same two columns, the indicator's name right of them, then its sign (≥,
    定性) if any, its value and its unit (short, no figure); left of them the project's name (the column naming the
    most projects, two at least, one such column alone; a column of sentences is none), amount (the first column of
    figures after it) and goal (the last column of sentences after it). None where the rows do not tell: a filled
    column right of the unit (a weight, an achieved value: what it is unknown), a name column naming one project (a
    form's side label, 绩效指标, names one too), two naming as many (a unit's and a project's name)."""
    if not rows or not rows[0].page:
        return None  # (a printed page's: a file's own sheet has its header)
    width = max(len(row.cells) for row in rows)
    found: dict[int, list[list[str]]] = {}  # the level-1 column → the rows it is found in
    for row in rows:
        if any(is_level1(cell) for cell in row.cells):
            cells = [""] * (width - len(row.cells)) + [joined(clean(cell)) for cell in row.cells]
            at = next((j for j in range(width - 3) if is_level1(cells[j]) and is_level2(cells[j + 1])), None)
            if at is not None:
                found.setdefault(at, []).append(cells)
    if len(found) != 1:
        return None
    [(level, lines)] = found.items()
    filled = [[cells[j] for cells in lines if cells[j]] for j in range(width)]
    indicator = {"level1": level, "level2": level + 1, "name": level + 2}
    j = level + 3
    if j < width and filled[j] and all(squash(cell) in _SIGNS for cell in filled[j]):
        indicator["operator"], j = j, j + 1
    if j >= width or len(filled[j]) * 2 < len(lines):
        return None
    indicator["target"], j = j, j + 1
    if j < width and filled[j] and all(len(cell) <= _LONGEST_UNIT and not _DIGIT.search(cell) for cell in filled[j]):
        indicator["unit"], j = j, j + 1
    if any(filled[j:]):
        return None
    texts = {
        j: set(cells) for j, cells in enumerate(filled[:level]) if cells and not all(map(_FIGURES.fullmatch, cells))
    }
    prose = [j for j, values in texts.items() if 2 * sum(bool(_PROSE.search(v)) for v in values) > len(values)]
    names = {j: len(values) for j, values in texts.items() if j not in prose}
    most = max(names.values(), default=0)
    named = [j for j, n in names.items() if n == most]
    if most < 2 or len(named) > 1 or any(head_field(cell) or column(cell) for cell in filled[named[0]]):
        return None
    name = named[0]
    amount = next((j for j in range(name + 1, level) if filled[j] and j not in texts), None)
    goal = max((j for j in prose if j > name), default=None)
    project = {"name": name} | ({"amount": amount} if amount is not None else {})
    project |= {"goal": goal} if goal is not None else {}
    return _Columns(
        start=0,
        project=project,
        indicator=indicator,
        notes={},
        fields={},
        amount_unit="",
        width=width,
        operator_label="指标性质",
        untold=sum(1 for j, cells in enumerate(filled[:level]) if cells and j not in project.values()),
    )


def _told_alike(cells: list[str], cols: _Columns) -> bool:
    """Whether a row's cells hold, in a sheet's columns (told by its header or by their contents, `_by_contents`),
    what those told them: no indicator's name (a goal's line: read as before), or a level word or nothing in the level
    columns, a sign or nothing in the sign column, a unit or nothing in the unit column."""
    found = _cells(cells, cols.indicator)
    return not found["name"] or (
        (not found["level1"] or is_level1(found["level1"]))
        and (not found["level2"] or is_level2(found["level2"]))
        and (not found.get("operator") or squash(found["operator"]) in _SIGNS)
        and (not found.get("unit") or len(found["unit"]) <= _LONGEST_UNIT and not _DIGIT.search(found["unit"]))
    )


def _other_columns(row: Row, ruled: tuple[float, ...]) -> bool:
    """Whether a ruled row of fewer cells than the sheet's stands in columns of its own: a cell edge at none of the
    sheet's last ruled full row's (`ruled`), so a table of its own under or after the goal table ('姓名 | 职务 |
    联系电话' had been the last project's indicators, its cells padded under the indicator's columns, silently); a
    row whose columns the reader glued (fewer, each at one of the sheet's) is the sheet's."""
    return bool(ruled and row.edges) and any(all(abs(x - y) > _EDGE_SLACK for y in ruled) for x in row.edges)


def _trailing_dropped(row: Row, cols: _Columns) -> list[str]:
    """A narrower row's cells padded on the right where they hold there, and not padded on the left, what the sheet's
    columns told (an indicator's name beside a level word): the sheet's own row written without its trailing empty
    cells (a CSV or text line whose blank unit or sign ends it), no other table's. [] otherwise."""
    cells = _aligned(row, cols, trailing=True)
    found = _cells(cells, cols.indicator)
    level = found.get("level1") or found.get("level2")
    return cells if found["name"] and level and _told_alike(cells, cols) else []


def _aligned(row: Row, cols: _Columns, trailing: bool = False) -> list[str]:
    """The row's cleaned cells with their lines joined, padded on the left when it lost its leading empty cells (on
    the right when its `trailing` ones: `_trailing_dropped`)."""
    cells, pad = [joined(clean(cell)) for cell in row.cells], [""] * (cols.width - len(row.cells))
    return cells + pad if trailing else pad + cells


def _lines_apart(row: Row, cols: _Columns) -> list[Row]:
    """A sheet's or a document's row whose indicator cells each hold the same lines, one indicator a line
    (`三级指标` 'A⏎B⏎C' beside `指标值` '1⏎2⏎3', `一级指标` or `二级指标` line for line as well), as a row each, the
    project's cells on the first; any other row as it is. A PDF's lines are a cell's wrapping, never split."""
    if row.page or "\n" not in "".join(row.cells):
        return [row]
    cells = [""] * (cols.width - len(row.cells)) + list(row.cells)
    at = {field: j for field, j in cols.indicator.items() if 0 <= j < len(cells)}
    lines = {field: [part for part in cells[j].split("\n") if part.strip()] for field, j in at.items()}
    n = len(lines.get("name", []))
    levels = [len(lines[field]) for field in ("level1", "level2") if field in lines]
    if n < 2 or len(lines.get("target", [])) != n or n not in levels:
        return [row]
    if any(len(found) not in (0, 1, n) for found in lines.values()):
        return [row]
    split = [j for field, j in at.items() if len(lines[field]) == n]
    pieces = []
    for k in range(n):
        piece = ["" if k else cell for cell in cells]
        for j, field in ((j, field) for field, j in at.items() if j in split):
            piece[j] = lines[field][k]
        pieces.append(Row(piece, row.line, row.page, row.edges))
    return pieces


def _cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {field: cells[i] if 0 <= i < len(cells) else "" for field, i in columns.items()}


def _indicator(cells: list[str], line: int, cols: _Columns, levels: list[str]) -> RawIndicator:
    """An indicator row, levels filled from `levels` (which it updates); a unit the value carries is not repeated."""
    found = _cells(cells, cols.indicator)
    if not found.get("level2") and (both := split_levels(found.get("level1", ""))):
        found["level1"], found["level2"] = both  # '产出指标-数量指标' in one column
    if _label_rest(levels[0], found.get("level1", "")):
        found["level1"] = levels[0]  # ('产出指' ⏎ '标' atop the next page, in every row its merged cell covers)
    if found.get("level1") and found["level1"] != levels[0]:
        levels[:] = [found["level1"], ""]
    if found.get("level2"):
        levels[1] = found["level2"]
    operator, target, unit, nature = target_parts(
        found.get("operator", ""), found.get("target", ""), found.get("unit", "")
    )
    notes = {label: cells[j] for j, label in cols.notes.items() if j < len(cells) and cells[j]}
    if not {"level1", "level2"} & cols.indicator.keys() and (both := kind_levels(notes)):
        levels[:] = both  # no level columns: 指标类型 '产出指标-数量指标' (kept as written in the notes)
    weight = weight_of(found.get("weight", ""), notes)
    notes.update(nature_notes(cols.operator_label, nature, found.get("unit", "")))
    period = found.get("period_target", "")
    if period and ("period_operator" in found or "period_unit" in found):  # its sign and unit in columns of their own
        period = whole_period(found.get("period_operator", ""), period, found.get("period_unit", ""))
    return RawIndicator(
        name=found["name"],
        target=target,
        level1=levels[0],
        level2=levels[1],
        operator=operator,
        unit=unit,
        period_target=period,
        weight=weight,
        notes=notes,
        line=line,
        actual=found.get("actual", ""),
        score=found.get("score", ""),
    )


def _project(cells: list[str], line: int, cols: _Columns, department: str, unit: str, page: int) -> RawProject:
    head = _cells(cells, cols.project)
    code, name = split_code(head["name"])
    fields = {label: cells[j] for j, label in cols.fields.items() if j < len(cells) and cells[j]}
    if "units" in cols.project:  # a unit's own goal table
        return RawProject(
            name=name,
            kind=DEPARTMENT,
            department=name,
            amount=head.get("amount", ""),
            amount_unit=unit,
            goal=head.get("goal", ""),
            fields=fields,
            line=line,
            page=page,
        )
    return RawProject(
        name=name,
        kind=SELF_EVALUATION if cols.self_evaluation else PROJECT,
        code=code,
        department=head.get("department") or department,
        amount=head.get("amount", ""),
        amount_unit=unit,
        goal=head.get("goal", ""),
        overview=head.get("overview", ""),
        fields=fields,
        line=line,
        page=page,
    )


def parse(rows: list[Row]) -> RawDocument:
    cols = _find(rows) or _by_contents(rows)
    if cols is None:
        raise ParseError(
            "没有含项目名称、三级指标和指标值列的表头 "
            "no header with 项目名称, 三级指标 (or 指标名称) and 指标值 columns"
        )
    unit = cols.amount_unit or unit_above(rows[: cols.start])
    title = _title(rows[: cols.start])
    year = _YEAR.search(title) if title and "项目名称" not in title else None
    doc = RawDocument(layout=NAME, title=title if year or "表" in title else "", year=year.group(1) if year else "")
    department = ""
    levels = ["", ""]
    above: dict[str, str] = {}  # the head cells of the last project's first row
    unsigned = 0  # the projects from here on are under no sign-off yet
    signed: list[RawProject] = []  # the projects the sign-off being read closes
    last: list[str] | None = None  # the cells of the last row not of a sign-off
    shape = (cols.indicator["name"], cols.indicator.get("target", -1))  # where an indicator row has its name, value
    data = _over_pages(
        [apart for whole in rows[cols.start :] for apart in _lines_apart(whole, cols)], cols, doc.warnings
    )
    money = 0  # the filled cells of a money table's header under the projects, while in one
    spread: int | None = None  # the page of the last project's rows where each repeats its head cells
    orphans: list[list[Row]] = []  # runs of indicator rows whose project's head is on a page the file does not hold
    cut = False  # the row above was one of them
    ruled: tuple[float, ...] = ()  # the cell edges of the last ruled row of the sheet's full width
    last_page: int | None = None  # the page of the last row read as a project's or an indicator's
    for n, row in enumerate(data):
        if (
            money
            and _filled(row) <= money
            and not (_is_header(row) or segments.title(row) or unit_line(row) or sign_off(row.cells))
        ):
            continue  # a money table's row ('一般公共预算 | 1860 | 80%'): no indicator (not a sign-off under it)
        money = _filled(row) if doc.projects and heads_money(row.cells) and not _named_and_valued(row, shape) else 0
        if money:
            continue  # its header ('资金来源 | 金额（万元） | 占比'): they had been the last project's indicators
        if _not_data(row) and not (doc.projects and _signs_last(data, n, cols)):
            if doc.projects and len(row.cells) != cols.width and (other := _other_table(rows, row, cols)) is not None:
                doc.projects += _other_projects(rows[other:], unit, department, doc)
                break
            continue  # (a page's running head among the rows: '某局（本级）　单位：万元'; the next table's title and
            # '填报单位：' line, its projects the unit's: importers.cover)
        cells = _aligned(row, cols)
        if len(row.cells) < cols.width and not _told_alike(cells, cols):
            if not (cells := _trailing_dropped(row, cols)):
                continue  # the next table's row (项目名称 | 合计 | 财政拨款, 姓名 | 职务): its fewer cells padded under
                # the indicator's columns do not hold what the sheet's header or indicator rows told them
        if len(row.cells) < cols.width and _other_columns(row, ruled):
            continue  # a small table's row under the goal table (姓名 | 职务 | 联系电话): its own columns
        if len(row.cells) == cols.width and row.edges:
            ruled = row.edges
        head = _cells(cells, cols.project)
        head["name"] = once_across(cells)[cols.project["name"]]  # not a unit name spread across
        name, indicator = head["name"], _cells(cells, cols.indicator)["name"]
        if head.get("department") and head["department"] not in TOTALS:
            department = head["department"]
        if squash(name) in TOTALS or any(squash(cell) in TOTALS for cell in cells[: cols.project["name"]]):
            continue
        after = (_aligned(later, cols) for later in islice(data, n + 1, None))  # (read only for a one-label row)
        if doc.projects and (pairs := sign_off(cells, shape, after, last)):
            # the sheet's sign-off under its projects (填 报 人 | 王芳 | 审核人 | 李强): each project's fields, as a
            # form's, not a project of its own
            signed, unsigned = signed or doc.projects[unsigned:], len(doc.projects)
            for project in signed:
                project.fields.update((label, value) for label, value in pairs if value)
            continue
        signed, last = [], cells
        if not name and doc.projects and head.get("amount") and above.get("amount") not in ("", head["amount"]):
            # a block of its own (an amount, a goal) under the name cell above, which spans several of them and
            # printed its name on an earlier page: a project of that name
            name = head["name"] = above["name"]
            cells = [*cells[: cols.project["name"]], name, *cells[cols.project["name"] + 1 :]]
        if indicator and not name and (not doc.projects or _cut_off(head, above, spread, row, cut)):
            if not cut:
                orphans.append([])  # a run of its own
            orphans[-1].append(row)  # (its project's head printed on a page before or after this file's)
            cut = True
            continue
        cut = False
        if not name and doc.projects and row.page and str(row.page) != above.get("page"):
            _goal_goes_on(doc.projects[-1], head, above, row.page)
        elif (
            name
            and doc.projects
            and row.page != last_page
            and _name_goes_on_atop(head, above, cells, cols, row.page, levels[0])
        ):
            doc.projects[-1].name = joined(doc.projects[-1].name + "\n" + name)
            _goal_goes_on(doc.projects[-1], head, above, row.page)
            above["name"] = name  # (the rows below repeat the rest, a merged cell's part on this page)
        last_page = row.page
        units = "units" in cols.project
        if (
            name
            and not indicator
            and not head.get("goal")
            and not units
            and not (doc.projects and same_head(above, head, IDENTITY))
        ):
            department = name  # a unit row: the unit of the projects below
            continue
        if name and not (
            doc.projects and same_head(above, head, IDENTITY) and not _filled_in(above, head, spread, row)
        ):
            doc.projects.append(_project(cells, row.line, cols, department, unit, row.page))
            above = {**head, "page": str(row.page)}  # (its page, to tell a later one)
            levels = ["", ""]
            spread = None
        elif name:
            spread = row.page  # a row of the project above repeating its head
        found = _cells(cells, cols.indicator)
        notes = {label: cells[j] for j, label in cols.notes.items() if j < len(cells) and cells[j]}
        weighted = "weight" in cols.indicator or REMARK in cols.notes.values()
        if indicator and not placeholder(
            indicator, found.get("target", ""), weight_of(found.get("weight", ""), notes), weighted
        ):
            doc.projects[-1].indicators.append(_indicator(cells, row.line, cols, levels))
    if orphans and not doc.projects:
        first = orphans[0][0]
        raise ParseError(
            f"第 {first.line} 行：指标出现在任何项目名称之前 "
            f"line {first.line}: indicator {_cells(_aligned(first, cols), cols.indicator)['name']!r} before any "
            "project name"
        )
    doc.warnings += [_orphans_said(run) for run in orphans]
    if cols.untold is not None and doc.projects:
        doc.warnings.append(_headless_said(doc.projects[0], cols, data))
    doc.left_out += [row.line for run in orphans for row in run]
    if "units" in cols.project:  # a unit's summary row (某局（汇总） | 7091.0): no goal table of its own
        doc.projects = [project for project in doc.projects if project.indicators or project.goal]
    return doc


def _cut_off(head: dict[str, str], above: dict[str, str], spread: int | None, row: Row, cut: bool) -> bool:
    """Whether an indicator row without a project name belongs to no project this file shows: every head cell
    empty, or its goal another than the project's, on the page where the project above repeated its head on each row
    (a merged cell the reader spreads, so an empty one is the next project's, its name printed on a page after this
    file's last), or right under such a row (`cut`)."""
    other = head.get("goal", "") not in ("", above.get("goal", ""))
    return (not any(head.values()) or other and not head.get("amount")) and (
        cut or bool(row.page) and row.page == spread
    )


def _filled_in(above: dict[str, str], head: dict[str, str], spread: int | None, row: Row) -> bool:
    """Whether a row of the project's name fills an identity cell (its amount) the project's rows left empty on a page
    where they repeat their head: another merged cell, another project of that name (the one above, atop a page
    extract, its amount printed on the page before)."""
    return bool(row.page) and row.page == spread and any(head.get(key) and not above.get(key) for key in IDENTITY)


def _orphans_said(rows: list[Row]) -> str:
    """The warning for indicator rows left out, their project's name on a page the file does not hold."""
    pages = "、".join(dict.fromkeys(str(row.page) for row in rows if row.page))
    where = f"（第 {pages} 页）" if pages else ""
    return (
        f"第 {rows[0].line}–{rows[-1].line} 行{where}的 {len(rows)} 个指标所属项目的名称不在本文件中（缺页？），"
        f"未导入 lines {rows[0].line}–{rows[-1].line}: {len(rows)} indicators whose project's name is not in this "
        "file (pages missing?) were not imported"
    )


# (the amount's unit printed in the header or above it, on a page the file lacks: `kb` takes it by the amount's size)
_TOLD = {"name": "项目名称", "amount": "金额（单位不在本文件中，按数值大小推定）", "goal": "绩效目标"}
_TOLD_INDICATOR = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "operator": "符号",
    "target": "指标值",
}


def _headless_said(first: RawProject, cols: _Columns, rows: list[Row]) -> str:
    """The warning for a sheet read without its header (`_by_contents`): its columns told by their contents (the
    amount's without its unit), and, where its first project's rows are the sheet's first, that project's name and
    first indicators perhaps on a page before the file's."""
    told = [_TOLD[field] for field in cols.project] + [_TOLD_INDICATOR.get(f, "度量单位") for f in cols.indicator]
    untold = f"，另有 {cols.untold} 列未认出、未导入" if cols.untold else ""
    name = cols.indicator["name"]
    top = next((row for row in rows if _aligned(row, cols)[name]), None)  # (a level cell may be blank: merged above)
    begun = bool(first.indicators) and top is not None and top.line == first.indicators[0].line
    cut = f"；首个项目「{first.name}」可能始于前页，名称和指标或不全" if begun else ""
    return (
        f"第 {first.page} 页起的表没有表头（印在本文件未含的前页上？），按各列内容认出{'、'.join(told)}{untold}{cut}，"
        f"请核对原文 page {first.page}: a table without its header (printed on a page before this file's?), its "
        f"columns told by their contents{f', {cols.untold} columns not read' if cols.untold else ''}"
        f"{'; the amounts without their unit, taken by their size' if 'amount' in cols.project else ''}"
        f"{'; its first project may begin on a page before' if begun else ''}"
    )


def _filled(row: Row) -> int:
    return sum(1 for cell in row.cells if cell)


def _named_and_valued(row: Row, shape: tuple[int, int]) -> bool:
    """Whether a row holds text in the sheet's indicator name and target columns (`shape`): an indicator, though two
    of its cells are labels of money ('成本指标 | 资金来源 | 财政拨款'; project cells written on every row, '一般公共
    预算 | 项目支出 | … | 群众获得感 | 有效提升')."""
    return all(0 <= j < len(row.cells) and row.cells[j] for j in shape)


def _other_table(rows: list[Row], row: Row, cols: _Columns) -> int | None:
    """Where in `rows` a header row of another width than the sheet's stands, its table's columns other than `cols`
    (项目名称 on every row, no 序号 or 年度绩效目标): read in the sheet's, its rows had been the last project's
    indicators."""
    k = next((k for k, whole in enumerate(rows) if whole is row), None)
    if k is None or not _is_header(row) or not (other := _header(rows, k)):
        return None
    return k if (other.project, other.indicator) != (cols.project, cols.indicator) else None


def _other_projects(rows: list[Row], unit: str, department: str, doc: RawDocument) -> list[RawProject]:
    """The projects of a table of its own under the sheet's (`_other_table`), in the unit and under the unit row read
    above it where it names none; none where it cannot be read, with a warning, the sheet's projects kept (the whole
    document had been refused)."""
    try:
        projects = parse(rows).projects
    except ParseError as error:
        doc.warnings.append(f"第 {rows[0].line} 行起的表未能读入 line {rows[0].line}: a table not read ({error})")
        return []
    for project in projects:
        project.amount_unit = project.amount_unit or unit
        project.department = project.department or department
    return projects


def _signs_last(rows: list[Row], n: int, cols: _Columns) -> bool:
    """Whether row n, a unit's line (`cover.unit_line`: '填报单位（盖章） | 某局 | 填报日期 | …'), is the sheet's
    sign-off under its projects: a sign-off's row (`columns.sign_off`) with nothing after it but the sign-off's other
    rows; above a table's title or header, or its rows, it is that table's unit line."""
    if not unit_line(rows[n]) or sign_off(_aligned(rows[n], cols)) is None:
        return False
    return all(row.blank or sign_off(_aligned(row, cols)) is not None for row in rows[n + 1 :])


def _not_data(row: Row) -> bool:
    return bool(
        row.blank or _is_header(row) or row.page and declared_unit(row) or segments.title(row) or unit_line(row)
    )


# what a row Word broke over a page carries to the next page's top: never its target, sign, unit, weight or amount
_NEVER_CUT = ("target", "operator", "unit", "weight", "period_target", "amount")


def _over_pages(rows: list[Row], cols: _Columns, warnings: list[str]) -> list[Row]:
    """The rows, a row Word broke over a page break whole again (`_goes_on`): its cells atop the next page joined
    to its cells at the foot of the page before ('补贴资金' and '拨付及时率'); never over the next table's title or
    填报单位 line. A row atop a page left a row of its own that may be such a rest (`_maybe_rest`) is said in
    `warnings`."""
    out: list[Row] = []
    last = -1  # where in `out` the last indicator row is
    for n, row in enumerate(rows):
        names = partial(_names_beside, out, last, rows, n, cols)
        if last >= 0 and not _not_data(row) and _goes_on(out[last], row, cols, names):
            above = out[last]
            cells = [joined(a + "\n" + b) if b else a for a, b in zip(_aligned(above, cols), _aligned(row, cols))]
            out[last] = Row(cells, above.line, above.page, above.edges)
            last = -1  # (whole again: the next row is none of its rest)
            continue
        if last >= 0 and row.page > out[-1].page and _maybe_rest(out[last], row, cols) and not _not_data(row):
            warnings.append(
                f"第 {row.page} 页首行（第 {row.line} 行：{' | '.join(row.values())}）可能是上一页末行被分页截断的"
                f"剩余部分，已作为单独的一行读入，请核对 page {row.page}'s first row (line {row.line}) may be the rest "
                "of the last row on the page before, cut by the page break; read as a row of its own"
            )
        out.append(row)
        if not _not_data(row) and _cells(_aligned(row, cols), cols.indicator).get("name"):
            last = len(out) - 1
        elif segments.title(row) or unit_line(row):
            last = -1  # the next table's: its rows are none of the last one's
    return out


def _goes_on(above: Row, row: Row, cols: _Columns, names: Callable[[], tuple[str | None, str | None]]) -> bool:
    """Whether a row atop a page is the rest of the last indicator row on the page before: an indicator's name's
    rest, or its project's name's alone (`_name_goes_on`), but no target, sign, unit, weight or amount (short,
    printed whole on the row's first part), and text only under cells of that row that went on to the page's foot
    (not those the reader saw end on a short line, `Row.ends`: a name ended there makes the row atop an indicator of
    its own, its target left blank), none of them the text above it again (a whole row repeating its project's
    name, as a sheet prints rows: uncut, its cells' one lines too long for the reader to see them end short)."""
    if not (row.page and above.page and row.page > above.page):
        return False
    now, before = _aligned(row, cols), _aligned(above, cols)
    ended = {j + cols.width - len(above.cells) for j in above.ends}
    fields = {**cols.project, **cols.indicator}
    named = _name_goes_on(before, now, names, cols)
    if not _cells(now, cols.indicator).get("name") and not named:
        return _labels_go_on(before, now, ended, cols)
    if not _cells(before, cols.indicator).get("target") and not _all_ran_on(above, before, now, ended, cols):
        return False
    if not named and any(now[fields[field]] for field in _NEVER_CUT if 0 <= fields.get(field, -1) < len(now)):
        return False
    return all(before[j] and j not in ended and text != before[j] for j, text in enumerate(now) if text)


def _maybe_rest(above: Row, row: Row, cols: _Columns) -> bool:
    """For a page's first row, not joined to the last indicator row (`_goes_on`): whether it may still be that row's
    rest, ruled closed on both sides of the break ('改造道路第' ⏎ '20段', '≥20公' ⏎ '里': a target's rest is never
    joined; '服务对象满意' ⏎ '度指标' in a cell of its own): both ruled rows (`Row.edges`: where the cells above end is
    known), and the row's text only in indicator cells, each under text there that ran to its cell's right side
    (none of `Row.ends`), no whole level label under another (`two_labels`: a new group's)."""
    if not (above.edges and row.edges and above.page):
        return False
    now, before = _aligned(row, cols), _aligned(above, cols)
    ended = {j + cols.width - len(above.cells) for j in above.ends}
    held = [j for j, text in enumerate(now) if text]
    return bool(held) and all(
        j in cols.indicator.values() and before[j] and j not in ended and not two_labels(before[j], now[j])
        for j in held
    )


def _labels_go_on(before: list[str], now: list[str], ended: set[int], cols: _Columns) -> bool:
    """For a row atop a page without a name: whether it holds nothing but the rests of the row above's level labels
    the page broke ('服务对象满意度指' ⏎ '标'), a label of its own the rows below had taken otherwise; not whole
    labels under whole labels (`two_labels`: a new group's over a placeholder row atop the page)."""
    levels = {cols.indicator.get("level1"), cols.indicator.get("level2")}
    held = [j for j, text in enumerate(now) if text]
    return bool(held) and all(
        j in levels and before[j] and j not in ended and not two_labels(before[j], now[j]) for j in held
    )


def _name_goes_on(
    before: list[str], now: list[str], names: Callable[[], tuple[str | None, str | None]], cols: _Columns
) -> bool:
    """For a row atop a page holding its project's name: whether it is that name's rest, the row above's name cell
    broken by the page ('城区排水管网清淤' ⏎ '疏通', with the rests of its other cells that ran on: a level's, an
    indicator's, the target's '2027年10月底' ⏎ '前'), not a unit row naming the projects below it: the name so made
    whole is the one the sheet writes on the project's row before or after it (`names`), or the row after it goes on
    in the project, its name blank. A name cut there was a project of its own, the next rows' another, the target
    cut short."""
    name = cols.project["name"]
    if not now[name]:
        return False
    previous, following = names()
    return following == "" or joined(before[name] + "\n" + now[name]) in (previous, following)


def _names_beside(out: list[Row], last: int, rows: list[Row], n: int, cols: _Columns) -> tuple[str | None, str | None]:
    """The project's name on the data row before `out[last]` and on the first data row after `rows[n]`, the sheet's
    sign-off no data row ('| | 填报人 | 王芳', no name: no project going on), None where there is none."""
    previous = next((out[k] for k in range(last - 1, -1, -1) if not _not_data(out[k])), None)
    following = next((rows[k] for k in range(n + 1, len(rows)) if _project_row(rows[k], cols)), None)
    name = cols.project["name"]
    return (
        _aligned(previous, cols)[name] if previous else None,
        _aligned(following, cols)[name] if following else None,
    )


def _project_row(row: Row, cols: _Columns) -> bool:
    """Whether a row is one of the sheet's projects' rows: data, and no sign-off's."""
    return not _not_data(row) and sign_off(_aligned(row, cols)) is None


def _all_ran_on(above: Row, before: list[str], now: list[str], ended: set[int], cols: _Columns) -> bool:
    """For a row above without a target (a qualitative row left blank): whether the reader knows where its cells
    end (a PDF's ruled row, `Row.edges`) and each of its indicator cells running on to the page's foot but a
    level's (a narrow level cell's word fills its line, as a project's name its cell) has its rest atop the next
    page: the row broken by the page, not a row of its own, its target blank too, under a name that filled its last
    line."""
    fields = {j for field, j in cols.indicator.items() if field not in ("level1", "level2")}
    ran_on = {j for j, text in enumerate(before) if text and j not in ended and j in fields}
    return bool(above.edges) and all(now[j] for j in ran_on)


def _name_goes_on_atop(
    head: dict[str, str], above: dict[str, str], cells: list[str], cols: _Columns, page: int, label: str
) -> bool:
    """Whether a row on a later page than its project's first holds the rest of the project's name: a merged name
    cell centred on its rows, the page breaking inside it, prints some lines on the page before, the rest on this
    one ('基层干部培训' ⏎ '经费'; it had been a project of its own, the indicators below it without their levels,
    silently). A head cell the project filled (its amount) is blank here, and the level-1 cell blank or the rest of
    the last `label` (a group going on, '产出指' ⏎ '标'): a new project's rows repeat their own head cells and label."""
    if not page or str(page) == above.get("page") or head["name"] == above.get("name"):
        return False
    level1 = cols.indicator.get("level1")
    if level1 is None or level1 < len(cells) and cells[level1] and not _label_rest(label, cells[level1]):
        return False
    if any(_NUMBERED.fullmatch(cell.strip()) for cell in cells[: cols.project["name"]]):
        return False  # (a number before the name: a new project's own, '2', its amount and labels centred lower)
    kept = [key for key in cols.project if key not in ("name", "goal") and above.get(key)]
    return bool(kept) and not any(head.get(key) for key in kept)


def _label_rest(label: str, text: str) -> bool:
    """Whether a level-1 cell's text is the rest of the label above, cut by a page break ('产出指' ⏎ '标'): no
    label alone, a label with it."""
    return bool(text) and not is_level1(text) and is_level1(label + text)


def _goal_goes_on(project: RawProject, head: dict[str, str], above: dict[str, str], page: int) -> None:
    """A row of the project's on a later page, its name cell blank, whose goal cell holds other text: the rest of
    the goal, the merged cell's text cut by the page break (a Word table's cell flows on over the next page),
    joined to it once (text printed on both pages, or again in every row the cell covers, is not repeated; a rest
    that only stands earlier in the goal, '度' of 满意度 after 年度, is joined)."""
    rest = head.get("goal", "")
    if not rest or head.get("amount") and head["amount"] != above.get("amount"):
        return  # (a line atop the page, a title repeated there: no goal text)
    above["page"] = str(page)
    if not project.goal.endswith(rest):
        project.goal = rest if project.goal in rest else project.goal + rest


def _title(rows: list[Row]) -> str:
    """The table's title: the last title line above its header, else the first line above it."""
    titles = [name for row in rows if (name := segments.title(row))]
    if titles:
        return titles[-1]
    return next((" ".join(v.strip() for v in once_across(row.cells) if v.strip()) for row in rows if not row.blank), "")


def _is_header(row: Row) -> bool:
    """A header row repeated after a page break."""
    keys = {header_key(cell) for cell in row.cells}
    return any(name_column(cell) for cell in row.cells) or bool(keys & HEADER_WORDS)


def detect(rows: list[Row]) -> float:
    """0.8 for the header, 1.0 when an indicator row follows it; 0.6 and 0.7 for a header without level columns
    (a summary table with its 序号 and operator columns is read as such); 0.5 for a printed sheet without its header
    whose rows tell its columns (`_by_contents`)."""
    cols = _find(rows)
    if cols is None:
        return MIN_SCORE if _by_contents(rows) else 0.0  # (any layout reading a header wins)
    data = (row for row in rows[cols.start :] if not row.blank and not _is_header(row))
    rows_follow = any(_cells(_aligned(row, cols), cols.indicator)["name"] for row in data)
    if {"level1", "level2"} & cols.indicator.keys():
        return 1.0 if rows_follow else 0.8
    return 0.7 if rows_follow else 0.6


LAYOUT = Layout(
    name=NAME,
    description=(
        "多项目平铺表，每行一个指标 one flat sheet of many projects, one row per indicator "
        "(单位名称 项目名称 预算数 … 三级指标 指标值)"
    ),
    detect=detect,
    parse=parse,
)
