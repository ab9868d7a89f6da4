"""Layout 'word-cells': a Word 预算绩效目标申报表 extracted as text with one table cell per line.

A line indented one tab deeper than the document's base begins a cell, a line at the base
indentation continues the open cell (multi-line cells: '项 目' / '资 金' / '预 算'), and a blank
line ends the table row; base-level lines outside a row are text outside the tables (titles,
'编报部门：… 金额：万元'). `word_rows` rebuilds the table rows; `read_form` reads them, so a .docx
reader that yields table rows directly can call `read_form` on them.

The form's sections are found by their labels: 基本情况表 (label cell, value cell, and the
项目资金预算安排 grid), 资金使用明细预测算, 项目总体绩效目标 (prose, whose quantified clauses
become indicators), 项目保障措施, the scoring table (基本指标 具体指标 标准值 分值 数据来源) and
the 项目进度表 grids.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import zip_longest

from importers.cells import CACHE_SIZE, clean, label, once_across, squash
from importers.layouts import Layout
from importers.records import (
    ParseError,
    RawBudgetLine,
    RawDocument,
    RawEvaluationItem,
    RawIndicator,
    RawProject,
    Row,
)

NAME = "word-cells"
FLATTENED = 0.5  # share of one-cell lines from which rows are a table flattened by a text export
# section → (words that mark its first row, whether the row must START with the word)
SECTIONS = {
    "head": (("项目名称",), True),
    "budget": (("资金测算数",), False),
    "goal": (("项目总体绩效目标",), True),
    "measures": (("项目保障措施",), True),
    "evaluation": (("标准值", "分值"), False),
    "schedule": (("项目具体实施内容",), False),
    "progress": (("项目预期实施进度",), True),
    "spending": (("项目资金预期支出进度",), True),
}
HEAD_LABELS = {
    "项目名称",
    "项目起止",
    "项目期限",
    "项目概况",
    "项目法人",
    "联系人",
    "联系电话",
    "项目属性",
    "上年度预算安排资金",
    "项目口径",
    "设立依据",
    "必要性和可行性",
    "项目资金预算安排",
}
HEAD_ATTRIBUTES = {"项目名称": "name", "项目起止": "period", "项目期限": "period", "项目概况": "overview"}
GRID_LABEL = "项目资金预算安排"
BUDGET_COLUMNS = {"item": "资金使用明细", "amount": "资金测算数", "basis": "测算依据及说明"}
TOTALS = {"合计", "小计", "总计"}
PROGRESS_SECTIONS = {"schedule": "实施内容", "progress": "实施进度", "spending": "支出进度"}

_DIGIT = re.compile(r"\d")
_NOTE = r"(?:[（(][^）)]*[）)])?\s*[：:]\s*"  # an optional '（盖章）'-like note, then the colon
_DEPARTMENT = re.compile(r"编报(?:部门|单位)" + _NOTE + r"([^\s（(：:]+)")
_UNIT = re.compile(r"(?:金额|单位)" + _NOTE + r"(亿元|万元|千元|元)(?![\u4e00-\u9fff])")
_COVER = re.compile(r"(编报时间|编报日期|部门负责人|项目负责人)" + _NOTE + r"(.+)$")
_ORDINAL = re.compile(r"^[\d一二三四五六七八九十]+[、.．)）]?$")
_MEASURE = re.compile(r"^措施[\d一二三四五六七八九十]+$")
_SUBTOTAL = re.compile(r"^(.*\D)(\d+(?:\.\d+)?)$")
_CLAUSE_END = re.compile(r"[；;。\n]")
_TARGET = re.compile(
    r"(?P<target>(?:不少于|不低于|不超过|不高于|大于|小于|超过|[≥≤＞＜>=<＝]=?)?\s*"
    r"\d[\d,]*(?:\.\d+)?\s*[^\d\s，,、：:]{0,4}?(?:及以上|以上|以下|以内)?)$"
)
_NAME_TAIL = re.compile(r"(?:达到|[：:，,\s])+$")


def _depth(row: Row) -> int:
    """Index of the row's first non-empty cell (for a line without text: its number of tabs)."""
    return next((i for i, cell in enumerate(row.cells) if cell.strip()), len(row.cells) - 1)


def word_rows(rows: list[Row]) -> list[Row]:
    """Table rows rebuilt from one-cell-per-line text; text outside the tables becomes one-cell rows.

    The base indentation is the smallest of any line with text, so a document indented by
    extra tabs reads the same. A row's cells keep their lines joined with '\\n'.
    """
    base = min((_depth(row) for row in rows if not row.blank), default=0)
    table: list[Row] = []
    current: Row | None = None
    for row in rows:
        text = row.cells[base] if len(row.cells) > base else ""
        new_cells = row.cells[base + 1 :]
        if text.strip():  # a base-level line continues the open cell, or is text outside the tables
            if current:
                current.cells[-1] += "\n" + text
            else:
                table.append(Row(cells=[text], line=row.line))
        if new_cells:  # deeper cells begin cells of the open row
            if current is None:
                current = Row(cells=[], line=row.line)
                table.append(current)
            current.cells.extend(new_cells)
        elif not text.strip():  # a blank line ends the row
            current = None
    return table


@lru_cache(maxsize=CACHE_SIZE)
def _key(cell: str) -> str:
    """A label cell without spaces, line breaks and colon: '项 目\\n资 金' → '项目资金'."""
    return squash(label(cell))


def _keys(row: Row) -> list[str]:
    """The row's non-empty cells as keys."""
    return [key for key in map(_key, row.cells) if key]


def _joined(cell: str) -> str:
    """A name cell's lines joined: Word wraps '项目实施效益' / '（个性指标）' onto two lines."""
    return "".join(clean(cell).split("\n"))


def _section(row: Row) -> str | None:
    """The section a row opens, if it is a section's first (header) row."""
    return _section_of(_keys(row))


def _section_of(keys: list[str]) -> str | None:
    """The section a row with these keys opens, if any."""
    first, present = tuple(keys[:1]), set(keys)
    for name, (words, leading) in SECTIONS.items():
        if (first == words) if leading else present.issuperset(words):
            return name
    return None


def _sections(table: list[Row]) -> list[dict[str, list[Row]]]:
    """Rows grouped by section, one group of sections per project (each 项目名称 row opens one)."""
    projects: list[dict[str, list[Row]]] = []
    rows: list[Row] | None = None
    for row in table:
        name = _section(row)
        if name == "head":
            projects.append({})
        if name and projects:
            rows = projects[-1].setdefault(name, [])
        if rows is not None:
            rows.append(row)
    return projects


def _align(cells: list[str], width: int, right: bool) -> list[str]:
    """A row padded to `width` cells; `right` pads on the left, for rows that lost leading empty cells."""
    padding = [""] * (width - len(cells))
    return padding + cells if right else cells + padding


def _text_rows(table: list[Row]) -> list[str]:
    """The cleaned text of every one-cell row (titles and lines outside the tables)."""
    return [clean(row.cells[0]) for row in table if len(row.cells) == 1]


def _first(pattern: re.Pattern, texts: list[str]) -> str:
    """The first match's group 1 in any of the texts, '' when none matches."""
    return next((m.group(1).strip() for m in map(pattern.search, texts) if m), "")


# --- 基本情况表 -----------------------------------------------------------------------------


def _head(rows: list[Row], project: RawProject) -> None:
    """Head fields from label/value cells (one cell spread across several read once), and the
    项目资金预算安排 grid (its label may be repeated down its rows)."""
    firsts = [(_keys(row) or [""])[0] for row in rows]
    start = firsts.index(GRID_LABEL) if GRID_LABEL in firsts else len(rows)
    end = next((i for i in range(start + 1, len(rows)) if firsts[i] in HEAD_LABELS - {GRID_LABEL}), len(rows))
    _head_fields([cell for row in rows[:start] + rows[end:] for cell in once_across(row.cells)], project)
    if start < end:
        grid = _grid(rows[start:end], right=True)
        project.extra["资金预算安排"] = grid
        project.amount = next((r.get("合计", "") for r in grid if re.match(r"\d{4}", r.get("年份", ""))), "")
        project.total_amount = next((r.get("合计", "") for r in grid if squash(r.get("年份", "")) in TOTALS), "")


def _head_fields(cells: list[str], project: RawProject) -> None:
    """Walk label, value, label, value …; a label followed by another label has an empty value."""
    i = 0
    while i < len(cells):
        key = _key(cells[i])
        if not key:
            i += 1
            continue
        value = cells[i + 1] if i + 1 < len(cells) else ""
        if _key(value) in HEAD_LABELS:
            value, i = "", i + 1
        else:
            i += 2
        if key in HEAD_ATTRIBUTES:
            setattr(project, HEAD_ATTRIBUTES[key], clean(value))
        else:
            project.fields[key] = clean(value)


# --- grids (资金预算安排, 项目进度表) --------------------------------------------------------


def _merge_header(top: list[str], below: list[str]) -> list[str]:
    """Leaf column names from a header row and the row below, spreading merged cells.

    When `below` is wider, each of its empty cells sits under a cell of `top` spanning
    both rows, and each run of filled cells under one parent cell ('本年度' over the quarters).
    """
    if len(below) <= len(top):
        return [b or t for t, b in zip_longest(top, below, fillvalue="")]
    names, parents, in_run = [], iter(top), False
    for cell in below:
        if not cell or not in_run:
            parent = next(parents, "")
        names.append(cell or parent)
        in_run = bool(cell)
    return names


def _is_empty(values: list[str]) -> bool:
    """No value but perhaps a bare ordinal ('2、')."""
    filled = [v for v in values if v]
    return not filled or (len(filled) == 1 and bool(_ORDINAL.match(filled[0])))


def _grid(rows: list[Row], right: bool) -> list[dict[str, str]]:
    """A grid's data rows as dicts keyed by its header labels; header rows are those before
    the first row with a digit. Empty rows and repeated headers are skipped; a leading
    column without any data (the grid's own row label) is dropped."""
    rows = _unspread_label(rows)
    split = next((i for i, row in enumerate(rows) if i and _DIGIT.search(row.text)), len(rows))
    names = [_key(cell) for cell in rows[0].cells]
    for row in rows[1:split]:
        names = _merge_header(names, [_key(cell) for cell in row.cells])
    header_words = {key for row in rows[:split] for key in _keys(row)}
    records = []
    for row in rows[split:]:
        values = _align([clean(cell) for cell in row.cells], len(names), right)
        if len(row.cells) > 1 and not _is_empty(values) and not set(_keys(row)) <= header_words:
            records.append({name: value for name, value in zip(names, values) if name})
    if records and names[0] and not any(r.get(names[0]) for r in records):
        records = [{k: v for k, v in r.items() if k != names[0]} for r in records]
    return records


def _unspread_label(rows: list[Row]) -> list[Row]:
    """The rows with the grid's label cell (first cell of its first row) emptied where it is repeated down
    the first column, as a merged label spread by the reader or filled by hand is."""
    label_key = _key(rows[0].cells[0]) if rows[0].cells else ""
    if not label_key or not all(row.cells and _key(row.cells[0]) in ("", label_key) for row in rows[1:]):
        return rows
    return [rows[0]] + [Row(cells=["", *row.cells[1:]], line=row.line) for row in rows[1:]]


# --- 资金使用明细预测算 ----------------------------------------------------------------------


def _budget_lines(rows: list[Row]) -> list[RawBudgetLine]:
    """One line per detail row; the 合计 row, empty rows and repeated headers are not lines."""
    keys = [_key(cell) for cell in rows[0].cells]
    cols = {field: keys.index(word) for field, word in BUDGET_COLUMNS.items() if word in keys}
    if "item" not in cols:
        raise ParseError(
            f"第 {rows[0].line} 行的资金使用明细表没有资金使用明细列 "
            f"line {rows[0].line}: 资金使用明细 table without a 资金使用明细 column"
        )
    lines = []
    for row in rows[1:]:
        cells = _align([clean(cell) for cell in row.cells], len(keys), right=True)
        item = _joined(cells[cols["item"]])
        if len(row.cells) > 1 and item and item not in TOTALS and _section(row) != "budget":
            lines.append(
                RawBudgetLine(
                    item=item,
                    amount=cells[cols["amount"]] if "amount" in cols else "",
                    basis=cells[cols["basis"]] if "basis" in cols else "",
                    line=row.line,
                )
            )
    return lines


# --- 项目总体绩效目标 and 保障措施 ----------------------------------------------------------


def prose_targets(text: str) -> list[tuple[str, str]]:
    """(name, target) for each clause of prose that ends in a number and unit.

    Clauses are split on ；;。 and line breaks; the LAST number is the target, with its unit,
    a leading comparison word and a trailing 以上/以下/及以上/以内:
    '新培育高新技术企业20家以上' → ('新培育高新技术企业', '20家以上').
    """
    targets = []
    for clause in _CLAUSE_END.split(text):
        clause = clause.strip()
        match = _TARGET.search(clause)
        name = _NAME_TAIL.sub("", clause[: match.start()]) if match else ""
        if name and match:
            targets.append((name, match.group("target").strip()))
    return targets


def _goal(rows: list[Row], project: RawProject) -> None:
    """The goal prose (the cells after the label, or else the row below) and the indicators
    its clauses state."""
    label_row, *below = rows
    after_label = _depth(label_row) + 1
    texts = once_across([clean(cell) for cell in label_row.cells])[after_label:]
    if not any(texts) and below:
        texts = [clean(cell) for cell in below[0].cells]
    project.goal = "\n".join(t for t in texts if t)
    project.indicators = [
        RawIndicator(name=name, target=target, from_prose=True, line=rows[0].line)
        for name, target in prose_targets(project.goal)
    ]


def _measures(rows: list[Row]) -> list[str]:
    """The text after each '措施N' cell, in order."""
    measures = []
    for row in rows:
        cells = [clean(cell) for cell in row.cells]
        index = next((i for i, c in enumerate(cells) if _MEASURE.match(_key(c))), None)
        text = next((c for c in cells[index + 1 :] if c), "") if index is not None else ""
        if text:
            measures.append(text)
    return measures


# --- 评价指标一览表 -----------------------------------------------------------------------


def _evaluation_columns(rows: list[Row]) -> tuple[dict[str, int], int]:
    """Column of each field and the rows the header takes (one, or two with 一级/二级/三级指标).

    '基本指标' spans the 一级 and 二级 columns, so the header's later labels are shifted by
    where '三级指标' sits in the row below relative to '具体指标'.
    """
    header = [_key(cell) for cell in rows[0].cells]
    below = [_key(cell) for cell in rows[1].cells] if len(rows) > 1 else []
    levels, size = (below, 2) if "三级指标" in below else (header, 1)
    try:
        cols = {
            field: levels.index(word)
            for field, word in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"))
        }
    except ValueError:
        raise ParseError(
            f"第 {rows[0].line} 行的评价指标表没有一级/二级/三级指标列 "
            f"line {rows[0].line}: 评价指标 table without 一级/二级/三级指标 columns"
        ) from None
    shift = cols["name"] - header.index("具体指标") if size == 2 and "具体指标" in header else 0
    for field, words in (("criteria", ("标准值", "评分标准")), ("weight", ("分值",)), ("source", ("数据来源",))):
        index = next((header.index(w) for w in words if w in header), None)
        if index is not None:
            cols[field] = index + shift
    return cols, size


def _evaluation(rows: list[Row], project: RawProject) -> None:
    """Scoring items with 一级/二级指标 filled downward; a 二级指标's subtotal ('目标设定情况\\n10',
    '资产配置与使用9') is cut from its name and kept in extra['二级指标分值']."""
    cols, size = _evaluation_columns(rows)
    width = max(cols.values()) + 1
    level1 = level2 = ""
    subtotals = {}
    for row in rows[size:]:
        keys = set(_keys(row))
        if len(row.cells) < 2 or keys & {"分值", "三级指标"}:
            continue
        cells = _align(row.cells, width, right=True)
        cell = {field: clean(cells[index]) for field, index in cols.items()}
        if cell["level1"]:
            level1, level2 = _joined(cell["level1"]), ""
        if cell["level2"]:
            level2 = _joined(cell["level2"])
            match = _SUBTOTAL.match(level2)
            if match:
                level2 = match.group(1)
                subtotals[level2] = match.group(2)
        if cell["name"]:
            project.evaluation.append(
                RawEvaluationItem(
                    name=_joined(cell["name"]),
                    weight=cell.get("weight", ""),
                    criteria=cell.get("criteria", ""),
                    source=cell.get("source", ""),
                    level1=level1,
                    level2=level2,
                    line=row.line,
                )
            )
    if subtotals:
        project.extra["二级指标分值"] = subtotals


# --- the document -------------------------------------------------------------------------


def _project(sections: dict[str, list[Row]], unit: str) -> RawProject:
    """One project from its sections."""
    project = RawProject(name="", amount_unit=unit, line=sections["head"][0].line)
    _head(sections["head"], project)
    if not project.name:
        raise ParseError(f"第 {project.line} 行的项目名称没有值 line {project.line}: 项目名称 without a value")
    if "budget" in sections:
        project.budget_lines = _budget_lines(sections["budget"])
    if "goal" in sections:
        _goal(sections["goal"], project)
    if "measures" in sections:
        project.extra["保障措施"] = _measures(sections["measures"])
    if "evaluation" in sections:
        _evaluation(sections["evaluation"], project)
    progress = {key: _grid(sections[name], right=False) for name, key in PROGRESS_SECTIONS.items() if name in sections}
    if progress:
        project.extra["进度计划"] = progress
    return project


def _one_cell(row: Row) -> Row:
    """A row holding one text spread over all its cells (a title merged across a sheet) as a one-cell row."""
    values = {cell.strip() for cell in row.cells}
    spread = len(row.cells) > 1 and len(values) == 1 and values != {""}
    return Row(cells=[row.cells[0]], line=row.line) if spread else row


def read_form(table: list[Row]) -> RawDocument:
    """A document from its table rows (as `word_rows` rebuilds them, or a .docx or sheet reader yields them)."""
    table = [_one_cell(row) for row in table]
    groups = _sections(table)
    if not groups:
        raise ParseError("没有项目名称格，不是预算绩效目标申报表 no 项目名称 cell: not a 预算绩效目标申报表")
    texts = _text_rows(table)
    cover = {m.group(1): m.group(2).strip() for m in map(_COVER.search, texts) if m}
    projects = [_project(sections, _first(_UNIT, texts)) for sections in groups]
    for project in projects:
        for key, value in cover.items():
            project.fields.setdefault(key, value)
    return RawDocument(
        layout=NAME,
        title=next((t for t in texts if "申报表" in t), ""),
        department=_first(_DEPARTMENT, texts),
        projects=projects,
    )


def _cell_line_share(rows: list[Row]) -> float:
    """Share of the lines with text that hold a single tab-indented cell.

    At least FLATTENED: a text export that put one table cell per line; less: rows of real table
    cells (a .docx, .xlsx or PDF reader), which `read_form` takes as they are.
    """
    content = [row for row in rows if not row.blank]
    if not content:
        return 0.0
    depths = [_depth(row) for row in content]
    base = min(depths)
    return sum(1 for row, depth in zip(content, depths) if depth > base and len(row.values()) == 1) / len(content)


def parse(rows: list[Row]) -> RawDocument:
    return read_form(word_rows(rows) if _cell_line_share(rows) >= FLATTENED else rows)


def detect(rows: list[Row]) -> float:
    """Lines holding a single tab-indented cell, or real table rows, and the form's labels.

    One-cell lines: the share of such lines, a 项目名称 cell followed by its value, and the
    绩效目标 / 评价指标 sections. Table rows: the 项目名称 cell and at least three of the
    form's other sections (资金测算, 项目总体绩效目标, 保障措施, 评价指标, 进度 …).
    """
    shape = _cell_line_share(rows)
    table = word_rows(rows) if shape >= FLATTENED else rows
    keys = [_keys(row) for row in table]
    named = any(k[:1] == ["项目名称"] and len(k) > 1 for k in keys)
    if shape < FLATTENED:
        if not named:
            return 0.0
        found = {name for row_keys in keys if (name := _section_of(row_keys))} - {"head"}
        return round(0.4 * named + 0.6 * min(1.0, len(found) / 3), 3)
    flat = {key for row_keys in keys for key in row_keys}
    sections = sum(any(word in key for key in flat) for word in ("绩效目标", "评价指标")) / 2
    return round(0.4 * shape + 0.4 * named + 0.2 * sections, 3)


LAYOUT = Layout(
    name=NAME,
    description=(
        "由 Word 申报表转成的文字，每格一行 Word 预算绩效目标申报表 as text, one table cell per line "
        "(基本情况表, 资金使用明细, 总体目标 prose, 保障措施, 评价指标一览表, 项目进度表)"
    ),
    detect=detect,
    parse=parse,
    whole=True,
)
