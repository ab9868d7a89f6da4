"""Layout 'evaluation-summary': a 自评结果汇总表, one project's self-evaluation a row, no indicator rows.

序号 | 项目名称 | 主管部门 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 自评得分 | 自评等级
(in any order, some left out, the money perhaps under a label over two header rows): each row names a project and
gives what a form's head gives. The money is kept under the labels a form's budget block gives it
(`BLOCK_COLUMNS`: 预算数 is the 全年预算数, 执行数 the 全年执行数), the result as written (自评得分, 自评等级), any
other column under its header; the amount is the 全年预算数, else the 年初预算数. A self-evaluation is stored so,
without rows, as a form printing none is. Read only under a 自评 title (importers._detected), never as a goal table;
a row of totals (合计) or naming no money is none. A document holding the forms too keeps each form, the summary's
row only adding what the form does not print (kb.ingest.normalise)."""

from __future__ import annotations

from dataclasses import dataclass

from importers import segments
from importers.cells import clean, joined, once_across, squash
from importers.columns import BLOCK_COLUMNS, column, key, money_unit, split_code, unit_above
from importers.layouts import Layout
from importers.layouts.flat_sheet import PROJECT_COLUMNS, PROJECT_RESULTS, TOTALS, name_column
from importers.records import DEPARTMENT_SELF_EVALUATION, SELF_EVALUATION, ParseError, RawDocument, RawProject, Row

NAME = "evaluation-summary"
RESULTS = PROJECT_RESULTS | {"得分", "评价得分", "自评分"}  # a summary's score is the self-evaluation's own
SPENT = frozenset(("全年执行数", "执行率"))  # what makes money a report of the year, not a budget
INDICATOR_FIELDS = frozenset(("name", "target", "actual", "level1", "level2"))  # a sheet of indicators, not this
_MONEY = ("全年预算数", "年初预算数")  # the amount, the first given


@dataclass
class _Columns:
    start: int  # the first data row
    name: int
    department: int | None
    labels: dict[int, str]  # column → the label its value is kept under
    unit: str


def _label(cell: str) -> str:
    """The label a summary keeps a column's value under: a budget block's (年初预算数 …), a result's as written, '' for
    a column of no value (序号) or of an indicator's."""
    word = key(cell)
    if word in RESULTS:
        return word
    if word in BLOCK_COLUMNS and BLOCK_COLUMNS[word] not in ("执行率分值", "执行率得分"):
        return BLOCK_COLUMNS[word]
    return "" if word in ("序号", "") else word


def _header(rows: list[Row], i: int) -> _Columns | None:
    """The columns when row i is a summary's header (with the row below it, a label over several money columns)."""
    upper = once_across([clean(cell) for cell in rows[i].cells])
    name = next((j for j, cell in enumerate(upper) if cell and name_column(cell)), None)
    if name is None or any(column(cell) in INDICATOR_FIELDS for cell in upper if cell):
        return None
    start, cells = i + 1, upper
    below = next((j for j in range(i + 1, min(i + 3, len(rows))) if not rows[j].blank), None)
    if below is not None:
        lower = [clean(cell) for cell in rows[below].cells]
        named = lower[name] if name < len(lower) else ""
        if sum(_label(cell) in (*_MONEY, *SPENT) for cell in lower if cell) >= 2 and named in ("", upper[name]):
            cells = [b or u for u, b in zip(upper + [""] * len(lower), lower + [""] * len(upper))]
            start = below + 1
    labels = {j: label for j, cell in enumerate(cells) if j != name and (label := _label(cell))}
    department = next((j for j in labels if key(cells[j]) in PROJECT_COLUMNS["department"]), None)
    found = set(labels.values())
    if not found & SPENT and not (found & set(_MONEY) and found & RESULTS):
        return None  # (its money spent, or its budget and its result)
    money = next((j for j, label in labels.items() if label in _MONEY), None)
    unit = money_unit(cells[money]) if money is not None else ""
    unit = unit or next(filter(None, map(money_unit, upper)), "")  # (a label over the money: 预算执行情况（万元）)
    if department is not None:
        labels.pop(department)
    return _Columns(start, name, department, labels, unit or unit_above(rows[:i]))


def _find(rows: list[Row]) -> _Columns | None:
    return next((columns for i in range(len(rows)) if (columns := _header(rows, i))), None)


def _cell(cells: list[str], j: int | None) -> str:
    return joined(clean(cells[j])) if j is not None and 0 <= j < len(cells) else ""


def parse(rows: list[Row]) -> RawDocument:
    cols = _find(rows)
    if cols is None:
        raise ParseError("没有自评结果汇总表的表头 no header of a self-evaluation summary (项目名称, 执行数 or 执行率)")
    title = next((name for row in rows[: cols.start] if (name := segments.title(row))), "")
    doc = RawDocument(layout=NAME, title=title, year=segments.year([title]))
    for row in rows[cols.start :]:
        cells = row.cells
        name = _cell(cells, cols.name)
        fields = {label: value for j, label in cols.labels.items() if (value := _cell(cells, j))}
        if not name or squash(name) in TOTALS or name_column(name) or not fields.keys() & {*_MONEY, *SPENT}:
            continue  # (a header repeated atop a page, a group's heading, the totals)
        code, name = split_code(name)
        doc.projects.append(
            RawProject(
                name=name,
                kind=DEPARTMENT_SELF_EVALUATION if "部门整体" in name else SELF_EVALUATION,
                code=code,
                department=_cell(cells, cols.department),
                amount=next((fields[label] for label in _MONEY if fields.get(label)), ""),
                amount_unit=cols.unit,
                fields=fields,
                line=row.line,
                page=row.page,
            )
        )
    return doc


def detect(rows: list[Row]) -> float:
    """0.9 for a summary's header with a project's row under it, else 0."""
    cols = _find(rows)
    return 0.9 if cols is not None and any(_cell(row.cells, cols.name) for row in rows[cols.start :]) else 0.0


LAYOUT = Layout(
    name=NAME,
    description=(
        "自评结果汇总表，每行一个项目 a summary of self-evaluations, one project a row "
        "(项目名称 预算数 执行数 执行率 自评得分)"
    ),
    detect=detect,
    parse=parse,
)
