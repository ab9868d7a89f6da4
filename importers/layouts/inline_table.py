"""Layout 'inline-table': one 项目支出绩效目标表, each project's indicators inline in one cell.

Above the table: a title, '部门名称：…' and '单位：万元'. The header reads
'项目名称（资金使用单位）| 总计 | 财政拨款 | … | 绩效目标 | 绩效指标'. Below it come the 合计 row
(not a project), unit rows (a department with amounts but no goal and no indicators) that set
the department of the projects below them, and project rows whose indicator cell reads
'1、1-产出指标；11-数量指标；扶持项目数量；实施周期指标值:≥495家次；年度指标值:≥495家次。2、…'.
A row without a name, or repeating the name and 总计 of the project above (merged cells spread, a filled
sheet), continues that project: its goal and indicator text are joined on, a repeated text counted once.
A header cell spread over several columns names the first of them; a unit name spread over the whole
row is still a unit row.

A narrower variant, '项目 | 预算数（单位：万元）| 绩效目标', has no 绩效指标 column: a project's indicators are
packed in its 绩效目标 cell, after or instead of prose. Only rows with such packed indicators are projects; a row
with a prose goal only is not a goal table's project and is skipped.
Levels are recorded without their codes ('1-产出指标' → '产出指标'), as items are without their numbers.
"""

from __future__ import annotations

import re

from importers.cells import clean, header_key, joined, once, once_across, same_head, spread_values, squash
from importers.layouts import Layout
from importers.level_words import is_level1, is_level2
from importers.records import ParseError, RawDocument, RawIndicator, RawProject, Row

NAME = "inline-table"
HEADER = {
    "name": ("项目名称", "项目"),
    "total": ("总计", "合计", "预算数", "预算金额"),
    "goal": ("绩效目标", "年度绩效目标"),
    "indicators": ("绩效指标",),
}
NAME_WORDS = frozenset(HEADER["name"])
TOTAL_ROW = {"合计", "总计"}
DEPARTMENT_LABELS = {"部门名称", "部门", "单位名称", "预算单位"}
UNIT_LABELS = {"单位", "金额单位"}
MONEY_UNITS = ("亿元", "万元", "千元", "元")
_MONEY_UNIT = re.compile(r"[（(]\s*(?:单位[：:]\s*)?(亿元|万元|千元|元)\s*[）)]")
_LEVEL_TAG = re.compile(r"[（(](?:部门|单位)[）)]$")
_LABELLED = re.compile(r"^([^：:]{1,10})[：:]\s*(.*)$")
_ITEM = re.compile(r"(\d+)\s*、\s*(?=\d+\s*-)")  # 'N、' followed by a level code '1-'
_CODED = re.compile(r"^\d[\d ]*[-－]\s*")  # a level with its code: '11-数量指标' ('4 1 - 经 济…': spaces drawn in)
_PACKED = re.compile(r"\d+\s*、\s*\d+\s*[-－][^；;]{1,12}[；;]\s*\d+\s*[-－]")  # '1、1-产出指标；11-': two level codes
_NUMBER = re.compile(r"^\d+\s*、\s*")  # an item's number: '1、'
_PARTS = re.compile(r"[；;]")
_VALUE = re.compile(r"^([^：:]{0,8}指标值)\s*[：:]\s*(.*)$", re.S)


def _header(row: Row) -> dict[str, int] | None:
    """Column of each HEADER field when the row is the table header, else None; 绩效指标 may be missing (the
    packed variant)."""
    if NAME_WORDS.isdisjoint(map(header_key, row.cells)):  # no name column (once_across keeps a first copy)
        return None
    keys = once_across([header_key(cell) for cell in row.cells])
    found = {}
    for name, words in HEADER.items():
        index = next((i for i, key in enumerate(keys) if key in words), None)
        if index is not None:
            found[name] = index
        elif name != "indicators":
            return None
    return found


def _find_header(rows: list[Row]) -> tuple[int, dict[str, int], bool] | None:
    """The table header (row index, columns) and whether an indicator cell follows it: the first header with one
    (the rows may hold other tables before it), else the first header."""
    first = table = None  # the first header; the header of the table the rows are in
    for i, row in enumerate(rows):
        if cols := _header(row):
            if table is None or _words(row, cols) != _words(rows[table[0]], table[1]):  # another table's header,
                table = i, cols  # not one repeated at a page break
                first = first or table
        elif table and _indicator_cell(row, table[1]):
            return *table, True
    return (*first, False) if first else None


def _words(row: Row, cols: dict[str, int]) -> dict[str, str]:
    """The header's word for each field ('项目名称', '总计' …)."""
    return {name: header_key(row.cells[i]) for name, i in cols.items()}


def _indicator_cell(row: Row, cols: dict[str, int]) -> bool:
    """Whether the row holds an inline 'N、1-…' indicator cell (the packed variant: a packed 绩效目标 cell)."""
    if "indicators" in cols:
        return bool(_ITEM.search(_cell(row, cols["indicators"])))
    return bool(_PACKED.search(_cell(row, cols["goal"])))


def _cell(row: Row, index: int) -> str:
    """A cell's text, its wrapped lines joined (a PDF breaks '2023-⏎2026年…', '实施周期指标⏎值:', '满意⏎度')."""
    return joined(clean(row.cells[index])) if index < len(row.cells) else ""


def _labelled(rows: list[Row]) -> list[tuple[str, str]]:
    """'label：value' pairs written in one cell or as a bare 'label：' cell followed by its value cell."""
    pairs = []
    for values in (spread_values(row.cells) for row in rows):
        for i, value in enumerate(values):
            match = _LABELLED.match(value)
            if match and match.group(2):
                pairs.append((squash(match.group(1)), match.group(2)))
            elif match and i + 1 < len(values) and not _LABELLED.match(values[i + 1]):
                pairs.append((squash(match.group(1)), values[i + 1]))
    return pairs


def _preamble(doc: RawDocument, rows: list[Row]) -> str:
    """Set the title and department from the rows above the table; return the declared money unit."""
    unit = ""
    for label, value in _labelled(rows):
        if label in UNIT_LABELS and value in MONEY_UNITS:
            unit = value
        elif label in DEPARTMENT_LABELS:
            doc.department = _department(value)
    titles = (
        values for values in (spread_values(row.cells) for row in rows) if values and not _LABELLED.match(values[0])
    )
    doc.title = " ".join(next(titles, []))
    return unit


def _department(value: str) -> str:
    """A department as a '部门名称：' line names it, without its level tag: '广州开发区金融工作局（部门）' → …局."""
    return _LEVEL_TAG.sub("", value).strip()


def _values(row: Row) -> tuple[str, ...]:
    return tuple(spread_values(row.cells))


def _labelled_as(text: str, labels: set[str]) -> str | None:
    """The value of a 'label：value' cell whose label is one of `labels`; None for any other text."""
    match = _LABELLED.match(text)
    return match.group(2) if match and squash(match.group(1)) in labels else None


def _header_unit(cell: str) -> str:
    """A money unit written in a header cell: '总计（万元）' → '万元'."""
    match = _MONEY_UNIT.search(clean(cell))
    return match.group(1) if match else ""


def item_texts(text: str) -> list[str]:
    """The numbered items of an inline indicator cell, split only at 'N、' followed by a level code.

    Items are numbered 1, 2, 3 …: when a number ran into the digits of the value before it
    ('…年度指标值:12、1-产出指标' is value '1' then item 2), the split falls before the expected number.
    """
    starts: list[int] = []
    for match in _ITEM.finditer(text):
        expected = str(len(starts) + 1)
        number = match.group(1)
        offset = len(number) - len(expected) if number != expected and number.endswith(expected) else 0
        starts.append(match.start(1) + offset)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


def _indicator(item: str, line: int) -> RawIndicator:
    """One item '1、1-产出指标；11-数量指标；名称；实施周期指标值:v；年度指标值:v。' as a record."""
    body = _NUMBER.sub("", item).strip().rstrip("。；; ")
    level1 = level2 = target = period_target = ""
    names: list[str] = []
    last = ""  # the value read last: a part after it without a label goes on with it ('一级≤1小时；二级≤2小时')
    for part in map(str.strip, _PARTS.split(body)):
        value = _VALUE.match(part) if "指标值" in part else None
        if value and "实施周期" in value.group(1):
            period_target, last = value.group(2).strip(), "period"
        elif value:
            target, last = value.group(2).strip(), "year"
        elif last == "period" and part:
            period_target += f"；{part}"
        elif last == "year" and part:
            target += f"；{part}"
        elif _CODED.match(part) and not names and not level2:
            if level1:  # a level word broken over two lines ('数量指⏎标') is one word
                level2 = squash(_CODED.sub("", part))
            else:
                level1 = squash(_CODED.sub("", part))
        elif part:
            names.append(part)
    return RawIndicator(
        name="；".join(names), target=target, level1=level1, level2=level2, period_target=period_target, line=line
    )


def _indicators(project: RawProject, text: str, warnings: list[str]) -> None:
    """Parse the inline indicator cell into the project (its lines, `text`, joined as wrapped; or one an indicator,
    '1.产出指标-数量指标-培训人次：≥5000人次'); keep text that is in neither form as a field."""
    items = item_texts(joined(text))
    if text and not items and (lines := _line_items(text, project.line)):
        project.indicators = lines
        return
    if text and not items:
        project.fields["绩效指标"] = text
        warnings.append(
            f"第 {project.line} 行的绩效指标单元格不是「1、1-产出指标；…」的写法，原文保留为文字 line {project.line}: "
            "indicator cell not in the '1、1-产出指标；…' form, kept as text"
        )
    project.indicators = [_indicator(item, project.line) for item in items]


# 'N.一级-二级-名称：指标值', the levels also apart by '：' or '/'; the target after a colon, or after its sign alone
_APART = r"\s*[-－—：:/]\s*"
_LINE_ITEM = re.compile(rf"^\s*(?:\d+\s*[.、．)）]\s*)?([^-－—：:/]+?){_APART}([^-－—：:/]+?){_APART}(.+?)\s*$")
_LINE_TARGET = re.compile(r"^(.+?)\s*(?:[：:]\s*(.+)|([≥≤＞＜><=＝].+))$")


def _line_items(text: str, line: int) -> list[RawIndicator]:
    """A cell of indicators one a line, each 'N.一级-二级-名称：指标值' ('1.产出指标-数量指标-培训人次：≥5000人次',
    '产出指标：数量指标：培训人次≥5000人次'); [] unless every line is one. A line whose target is neither after a
    colon nor after a sign ('…：劳动者技能水平持续提升') keeps its text whole as the name, its target empty."""
    found = []
    for item in filter(str.strip, text.split("\n")):
        match = _LINE_ITEM.match(item)
        if not match or not (is_level1(match.group(1)) and is_level2(match.group(2))):
            return []
        level1, level2, rest = match.groups()
        parts = _LINE_TARGET.match(rest)
        name, target = (parts.group(1), parts.group(2) or parts.group(3)) if parts else (rest, "")
        found.append(RawIndicator(name=name, target=target, level1=level1, level2=level2, line=line))
    return found


def _unpacked(text: str) -> tuple[str, str]:
    """A packed 绩效目标 cell as its prose and its indicator items ('' when it packs none)."""
    match = _PACKED.search(text)
    return (text[: match.start()].strip(), text[match.start() :]) if match else (text, "")


def _project(row: Row, cols: dict[str, int], money: dict[int, str], department: str, unit: str) -> RawProject:
    """A project row; the money columns other than 总计 go to fields under their header labels."""
    return RawProject(
        name=_cell(row, cols["name"]),
        department=department,
        amount=_cell(row, cols["total"]),
        amount_unit=unit,
        goal=_cell(row, cols["goal"]),
        fields={label: _cell(row, i) for i, label in money.items() if _cell(row, i)},
        line=row.line,
    )


def parse(rows: list[Row]) -> RawDocument:
    found = _find_header(rows)
    if found is None:
        raise ParseError("没有项目名称/总计/绩效目标/绩效指标表头 no 项目名称/总计/绩效目标/绩效指标 table header")
    start, cols, _ = found
    packed = "indicators" not in cols
    header = rows[start]
    doc = RawDocument(layout=NAME)
    unit = _preamble(doc, rows[:start]) or _header_unit(header.cells[cols["total"]])
    money = {i: c for i, c in enumerate(once_across([clean(c) for c in header.cells])) if c and i not in cols.values()}
    department = ""
    printed_above = {_values(row) for row in rows[:start]}  # a page of a PDF prints them again above its rows
    above: dict[str, str] = {}  # name and total of the last project's row
    goals: list[list[str]] = []  # each project's goal and indicator cells, several across page breaks
    texts: list[list[str]] = []
    for row in rows[start + 1 :]:
        if row.blank or _header(row):
            continue
        spread = once_across([clean(cell) for cell in row.cells])  # a cell equal to its left one: a copy
        name, total = _cell(row, cols["name"]), _cell(row, cols["total"])
        goal, indicators = (
            spread[i] if (i := cols.get(k, len(spread))) < len(spread) else "" for k in ("goal", "indicators")
        )
        goal = joined(goal)  # (the indicators' lines kept: one an indicator, in one way of writing them)
        head = {"name": name, "total": total}
        if (not name or same_head(above, head, ("total",))) and (goal or indicators) and doc.projects:
            goals[-1].append(goal)  # a page break split the project's long cells, or its head repeats
            texts[-1].append(indicators)
        elif not name and (goal or indicators):
            raise ParseError(
                f"第 {row.line} 行：目标或指标没有项目名称 line {row.line}: goal or indicators without a project name"
            )
        elif not name or header_key(name) in TOTAL_ROW:
            continue
        elif goal or indicators:
            doc.projects.append(_project(row, cols, money, department, unit))
            above = head
            goals.append([goal])
            texts.append([indicators])
        elif _values(row) in printed_above or _labelled_as(name, UNIT_LABELS) in MONEY_UNITS:
            continue  # the title, '部门名称：…' or '单位：万元' printed again on a new page: no unit row
        elif (named := _labelled_as(name, DEPARTMENT_LABELS)) is not None:
            if _department(named) != doc.department:  # else the preamble's again: the unit row above still heads
                department = _department(named)
        else:  # a unit row: amounts only; it heads the projects below it
            department = name
    for project, goal_parts, text_parts in zip(doc.projects, goals, texts):
        joined_goal = "".join(once(goal_parts))
        project.goal, text = _unpacked(joined_goal) if packed else (joined_goal, "".join(once(text_parts)))
        _indicators(project, text, doc.warnings)
    if packed:  # a prose goal only: no indicators, not a project
        doc.projects = [project for project in doc.projects if project.indicators]
    return doc


def detect(rows: list[Row]) -> float:
    """0.6 for the table header, 1.0 when an inline 'N、1-…' indicator cell follows it; the packed variant (no
    绩效指标 column) only with a packed 绩效目标 cell."""
    found = _find_header(rows)
    if found is None:
        return 0.0
    _, cols, inline = found
    return 1.0 if inline else 0.6 if "indicators" in cols else 0.0


LAYOUT = Layout(
    name=NAME,
    description="项目支出绩效目标表: unit and project rows, all indicators inline in one cell",
    detect=detect,
    parse=parse,
)
