"""Layout 'form-kv': one or more forms, each a key-value head followed by an indicator table.

A form (项目支出绩效目标申报表, …下达表) opens with head rows '[label, value, label, value …]' whose
labels end with '：' or '*' ('项目名称*：', '项目性质*') or are known words ('联系电话' after a value,
'2021 年绩效目标'). Below the head, a '一级指标 二级指标 三级指标 年度目标值' table lists the indicators;
an empty level cell inherits the level above. Rows that lost their indentation are read by what their
cells hold: a leading level word is a level-1 or level-2, the rest is the name and the target. The
table ends at the next form's head or at text that is no table row (a form title, a note, a unit line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from importers.cells import BRACKETED, CACHE_SIZE, clean, header_key, joined, label, once, spread_values, squash
from importers.columns import (
    TARGET_ACTUAL,
    column,
    earlier_values,
    field_line,
    head_field,
    money_table,
    REMARK_LABEL,
    sentence,
    sign_off,
    unit_of_cell,
)
from importers.layouts import Layout
from importers.layouts.form_money import a_sum
from importers.level_words import accepts, is_level1, is_level2
from importers.records import SHEET_BREAK, ParseError, RawDocument, RawIndicator, RawProject, Row
from importers.segments import DEPARTMENT_TITLE, TEXT_FIELDS, opens_form, text_part

NAME = "form-kv"
_DEFAULT_SHEET = re.compile(r"(?i)(?:sheet|工作表|表|页)\s*\d*(?:\s*[(（]\d+[)）])?$")  # (and its copy: Sheet1 (2))
# a tab that names no project: a copy's number, a year, a numbered item (项目1, 附件2), a part of the file (绩效目标,
# 填报说明, 目录) or a budget unit (某县农业农村局: the department that filed the forms)
_NO_PROJECT_SHEET = re.compile(
    r"[(（]\d+[)）]$|^[\d\s年度.-]*$|^(?:项目|附件|附表|表)\s*[\d一二三四五六七八九十]+$"
    r"|绩效目标|申报|说明|目录|封面|汇总|模板|填报|(?:局|厅|委员会|委|办公室|政府|街道办事处|财政所)$"
)
LEVEL_HEADERS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标"}
TARGET_HEADERS = ("年度目标值", "年度指标值", "目标值", "指标值")
HEAD_FIELDS = {
    "项目名称": "name",
    "预算单位": "department",
    "组织实施单位": "department",
    "本年度预算申请金额": "amount",
    "项目总金额": "total_amount",
    "项目概况": "overview",
    "年度绩效目标": "goal",
}
START_LABELS = ("开始时间", "开始日期")
END_LABELS = ("结束时间", "结束日期")
AMOUNTS = ("amount", "total_amount")
# the national form's labels (importers.columns) for the fields a form here has:
# '主管部门', '年度资金总额', '年度总体目标'
_NATIONAL = {
    "name": "name",
    "department": "department",
    "amount": "amount",
    "total_amount": "total_amount",
    "goal": "goal",
    "overview": "overview",
}
KNOWN_LABELS = frozenset(HEAD_FIELDS) | frozenset(START_LABELS + END_LABELS) | {"联系电话"}
MAX_LABEL = 20  # a longer cell is text, not a head label
_MARKED = re.compile(r"[：:*＊]$")
_INLINE = re.compile(r"^([^：:]{1,12})[：:]")  # a label before a colon, its value after it in the same cell
_GOAL_LABEL = re.compile(r"^(?:19|20)\d{2}年(?:度)?绩效目标$")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_NOTE = re.compile(r"(?:注|说明|填表说明|填报说明)\d?\s*[：:]")  # a note under a table: '注：…', '注1：…'
_PAREN_UNIT = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[）)]")
_UNIT_ROW = re.compile(r"^(?:金额|计量)?单位[：:]?(亿元|万元|千元|元)$")
_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_ROW = re.compile(r"年份\s*[（(：:]\s*((?:19|20)\d{2})")
_TITLE = re.compile(r"表\s*(?:[（(][^）)]*[）)])?$")
_HEADING = re.compile(r"^#+\s*")
_PUBLISHER = re.compile(r"(?:局|厅|委员会|委|办公室|办|中心|部|政府|办事处|管委会)$")
_NOT_PUBLISHER = re.compile(r"[\d，。、；：:,;()（）]")


@dataclass
class _Form:
    """One form: where its head starts, its head rows, its table header (None when absent), where it stops, and
    the first head row of a label this layout does not know between its head and its table (unread: `_unread_head`)."""

    start: int
    head: list[Row]
    table: int | None
    stop: int
    unread: Row | None = None


@lru_cache(maxsize=CACHE_SIZE)
def _is_label(cell: str) -> bool:
    """A head label: short, and marked with a colon or star, or a label known without one."""
    key = _PAREN.sub("", label(cell))
    if not key or len(key) > MAX_LABEL:
        return False
    return (
        bool(_MARKED.search(clean(cell)))
        or key in KNOWN_LABELS
        or bool(_GOAL_LABEL.match(key))
        or head_field(cell) in _NATIONAL
    )


def _is_head(row: Row) -> bool:
    """Whether the row's first value is a head label (the first non-empty cell is never a repeat)."""
    first = next((text for text in map(clean, row.cells) if text), "")
    return bool(first) and _is_label(first)


def _pairs(row: Row) -> list[tuple[str, str]]:
    """The (label, value) pairs of a head row; a label followed directly by a label has value ''."""
    values = spread_values(row.cells)
    pairs = []
    i = 0
    while i < len(values):
        value = values[i + 1] if i + 1 < len(values) and not _is_label(values[i + 1]) else ""
        pairs.append((label(values[i]), value))
        i += 2 if value else 1
    return pairs


def _table_columns(row: Row) -> dict[str, int] | None:
    """Column of level1, level2, name and target when the row is a goal table's indicator header; None for a
    self-evaluation's (a column of what was achieved, 实际完成值): grid-form reads those, even one printing no
    indicator rows (its 总分 row no indicator)."""
    if LEVEL_HEADERS["name"] not in map(header_key, row.cells):  # not even with its notes left out
        return None
    earlier = earlier_values(row.cells)  # a goal's value of the last year beside its target
    if any(column(cell) in ("actual", TARGET_ACTUAL) for j, cell in enumerate(row.cells) if cell and j not in earlier):
        return None
    keys = [squash(clean(cell)) for cell in row.cells]
    columns = {field: keys.index(word) for field, word in LEVEL_HEADERS.items() if word in keys}
    target = next((keys.index(word) for word in TARGET_HEADERS if word in keys), None)
    if len(columns) < len(LEVEL_HEADERS) or target is None:
        return None
    return {**columns, "target": target}


def _head_runs(rows: list[Row]) -> list[tuple[int, int]]:
    """(first, last + 1) of each run of head rows; blank rows may sit inside a run."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = 0
    text: Row | None = None  # the last head row, when it ends with a text's label and value or is its label alone
    alone = False  # … and is its label alone
    for i, row in enumerate(rows):
        if text and _goes_on(row, text) and not (_alone(text) and opens_form(rows, i + 1)):
            last = i
        elif text and alone and _field_under(row, text) is not None:
            last = i  # the text's lines go on under it
        elif _is_head(row):  # never a blank row
            start = i if start is None else start
            last = i
            pairs = _pairs(row)
            text = row if pairs and (pairs[-1][1] or len(pairs) == 1) and _attr(pairs[-1][0]) in TEXT_FIELDS else None
            alone = text is not None and not pairs[-1][1] and _alone(text)
        elif start is not None and not row.blank:
            runs.append((start, last + 1))
            start = None
            text, alone = None, False
    if start is not None:
        runs.append((start, last + 1))
    return runs


def _goes_on(row: Row, text: Row) -> bool:
    """Whether a row is a text's next part under the head row giving the text: one value, no label, under the text's
    blank label cell (a row added under the text's in its table, its label cell left empty) or under a label alone on
    its row (`_alone`: '年度绩效目标' across the form, the goal's rows across it below), no unit line or table's name
    ('绩效指标' over the indicators)."""
    values = spread_values(row.cells)
    if len(values) != 1 or not text_part(row):
        return False
    if _alone(text):  # a lead-in ending in a colon ('本年度绩效目标如下：') is no label of a field; a table's title
        # atop the next page ('…绩效目标表', a PDF's running head) no line of the text
        if _TITLE.search(values[0]):
            return False
        inline = _INLINE.match(values[0])
        if inline and _field(key := label(inline.group(1))) and _attr(key) not in TEXT_FIELDS:
            return _line_field(values[0]) is None  # a field's label and value in one cell ('备注：无', '联系电话：…')
        return not _is_label(values[0]) or _MARKED.search(values[0]) is not None and not _field(label(values[0]))
    return not _is_label(values[0]) and _indent(row) > _indent(text)


def _field_under(row: Row, text: Row) -> tuple[str, str] | None:
    """A field's label and value in one cell right under a text's label alone, its lines under the field's
    ('年度绩效目标' over '项目负责人：张三', '审核人：', then the goal's lines): (label, value); None for any other row.
    The goal was '' and its lines lost, or the field its first line, without a word."""
    if not _alone(text) or len(values := spread_values(row.cells)) != 1:
        return None
    return _line_field(values[0])


def _line_field(cell: str) -> tuple[str, str] | None:
    """A field's label and value in one cell ('项目负责人：张三', '审核人：', '资金来源：财政拨款': a label this layout,
    `head_field` or the sign-off knows, or a few words and a short value, `columns.field_line`); None for a text's
    line: a label naming the text's, a lead-in ('主要目标：完成…'), or a sentence after a label but a remark's
    ('实施单位：某中心负责具体实施。')."""
    inline = _INLINE.match(cell)
    if inline is None or _attr(key := label(inline.group(1))) in TEXT_FIELDS:
        return None
    value = cell[inline.end() :].strip()
    if sentence(value) and not REMARK_LABEL.search(key):
        return None
    if _field(key) or sign_off([cell]) is not None or field_line(key, value):
        return key, value
    return None


def _field(key: str) -> bool:
    """Whether a head label names a field (this layout's, or one `columns.head_field` knows: 备注, 填报人)."""
    return _attr(key) is not None or _PAREN.sub("", key) in KNOWN_LABELS or bool(head_field(key))


def _alone(row: Row) -> bool:
    """Whether a head row is a label alone, its value in the rows below it."""
    return len(values := spread_values(row.cells)) == 1 and _is_label(values[0])


def _indent(row: Row) -> int:
    """The row's first filled cell."""
    return next((i for i, cell in enumerate(row.cells) if cell.strip()), len(row.cells))


def _attr(key: str) -> str | None:
    """The project's attribute a head label names, None for a field's."""
    bare = _PAREN.sub("", key)
    return "goal" if _GOAL_LABEL.match(bare) else HEAD_FIELDS.get(bare) or _NATIONAL.get(head_field(key))


def _forms(rows: list[Row]) -> list[_Form]:
    """Head runs that name a project or are followed by an indicator table, before the next such run: a run of
    neither under a form's table is no form's head, and its rows the form's ('联系电话 | 畅通' over the sign-off,
    known head labels both: they had cut the form above short, its sign-off lost)."""
    forms: list[_Form] = []
    stop = len(rows)
    for start, end in reversed(_head_runs(rows)):
        table = next((i for i in range(end, stop) if _table_columns(rows[i])), None)
        head = [row for row in rows[start:end] if not row.blank]
        if table is not None or any(key == "项目名称" for row in head for key, _ in _pairs(row)):
            unread = next((row for row in rows[end : table or end] if _unread_head(row)), None)
            forms.insert(0, _Form(start=start, head=head, table=table, stop=stop, unread=unread))
            stop = start
    return forms


def _unread_head(row: Row) -> bool:
    """Whether a row between a form's head and its table is a head row of a label this layout does not know: a
    label in the first column, no level word (an indicator's row), and a value beside it ('资金（万 | 年度资金总额 |
    425.50'); not a caption or a unit line (one value)."""
    first = clean(row.cells[0]) if row.cells else ""
    return bool(first) and not is_level1(first) and not is_level2(first) and len(spread_values(row.cells)) > 1


_Read = tuple[str | None, str | None, list[str]]


def _read_row(row: Row, columns: dict[str, int], level1: str) -> _Read | None:
    """(new level 1, new level 2, [name, target]) of a table row, or None for text that is no table row.

    A leading level word that the next cell does not follow with a level-2 is a level-2 when the current
    level 1 accepts it (成本指标 under 产出指标), else a level-1. A lone cell is a name only in the name column.
    A cell equal to the one before it is that cell spread across (except a level 2 equal to its level 1).
    A row that keeps its columns (its level cells left empty) is read by them: its name column holds the name, even
    a word that is also a level ('\t\t服务对象满意度\t>=95%').
    """
    cells = [clean(cell) for cell in row.cells]
    first = next((i for i, cell in enumerate(cells) if cell), len(cells))
    if columns["level1"] < first < len(cells) and first in (columns["level2"], columns["name"]):
        new2 = cells[first] if first == columns["level2"] else None
        values = once([cell for cell in cells[columns["name"] :] if cell])
        return (None, new2, values) if len(values) <= 2 else None
    values = [cell for cell in cells if cell]
    new1 = new2 = None
    if len(values) >= 2 and is_level1(values[0]) and is_level2(values[1]):  # both level cells, even if equal
        new1, new2 = values[0], values[1]
        values = once(values[1:])[1:]
        if _in_columns(cells, columns, new1, new2):  # its name read in its column: a level 2's words too
            values = once([cell for cell in cells[columns["name"] :] if cell])
    elif values and (is_level1(values[0]) or is_level2(values[0])):
        word, values = values[0], once(values)[1:]
        if is_level2(word) and (not is_level1(word) or accepts(level1, word)):
            new2 = word
        else:
            new1 = word
    else:
        values = once(values)
        if len(values) == 1 and cells.index(values[0]) != columns["name"]:
            return None
    return (new1, new2, values) if len(values) <= 2 else None


def _in_columns(cells: list[str], columns: dict[str, int], level1: str, level2: str) -> bool:
    """Whether a row's levels stand in their columns and its name in its own ('满意度指标 | 服务对象满意度 |
    服务对象满意度 | ≥90%': the name the level 2's words, not that cell spread across)."""
    return len(cells) > columns["name"] and (cells[columns["level1"]], cells[columns["level2"]]) == (level1, level2)


def _ends_indicators(read: _Read, rows: list[Row], n: int, stop: int, columns: dict[str, int]) -> bool:
    """Whether row n, read as a table row (`read`) setting no level, ends the indicators: the next form's unit line
    (a cell of it a unit, whole: '单位名称：某局 | 单位：元'; an indicator may note its unit in its name or target,
    '人均补助标准（单位：元） | ≤500': a table row), or the header of a money table right under them without a title of
    its own ('支出内容 | 预算金额（万元）': no figure in it, which an indicator's target mostly has, then
    `columns.money_table`, the form's rows below it, to `stop`, bearing it out, and no indicator row standing in the
    table's `columns`)."""
    new1, new2, values = read
    if new1 is not None or new2 is not None:
        return False
    if any(unit_of_cell(squash(value)) for value in values):
        return True
    return not _FIGURE.search("".join(values)) and money_table(
        rows[n].cells, (rows[k].cells for k in range(n + 1, stop)), columns
    )


def _note_over_sign_off(rows: list[Row], n: int, stop: int) -> bool:
    """Whether row n is a note (one text, across the table or in one cell, a note's word first or a sentence:
    '注：本表由项目单位填写', '本表金额单位为万元。') with the sign-off right under it, which closes the table still
    (its rows were lost, the table ended at the note). A next form's title or heading ('二、农田水利建设项目') over
    its '填报单位：…' is none: that unit is not this form's."""
    texts = {text for cell in rows[n].cells if (text := cell.strip())}
    if len(texts) != 1 or not (_NOTE.match(text := next(iter(texts))) or text.endswith("。")):
        return False
    below = next((row for row in rows[n + 1 : stop] if not row.blank), None)
    return below is not None and sign_off(below.cells) is not None


def _indicators(rows: list[Row], form: _Form, signed: dict[str, str]) -> list[RawIndicator]:
    """The indicator rows below the form's table header, levels filled downward; the sign-off rows closing the table
    (`columns.sign_off`: 填报人：王芳　联系电话：…) into `signed`, label → value."""
    table = form.table
    columns = _table_columns(rows[table]) if table is not None else None
    if table is None or columns is None:  # a form is made with its table's header (_forms)
        return []
    level1 = level2 = ""
    indicators: list[RawIndicator] = []
    above: Row | None = None  # the last indicator row read
    for n in range(table + 1, form.stop):  # no head row comes before the next form's head (stop)
        row = rows[n]
        if row.blank and row.line == SHEET_BREAK and indicators:
            break  # the end of a workbook's sheet ends its form (a 资金测算 sheet is no part of it)
        if row.blank:
            continue
        after = (rows[k].cells for k in range(n + 1, form.stop))  # (what follows a row decides what it is)
        shape = (columns["name"], columns["target"])
        if indicators and (pairs := sign_off(row.cells, shape, after, above.cells if above else None)):
            signed.update((label, value) for label, value in pairs if value)
            continue
        if signed:
            if _note_over_sign_off(rows, n, form.stop):
                continue  # a note inside the sign-off
            break  # the table ended at its sign-off
        read = _read_row(row, columns, level1)  # None for a table header: its level headers are no levels
        if read is None and _table_columns(row):  # the header repeated after a page break
            continue
        if read is None or _ends_indicators(read, rows, n, form.stop, columns):
            if indicators and _note_over_sign_off(rows, n, form.stop):
                continue
            break
        new1, new2, rest = read
        if indicators and _rest_of_name(row, above, columns, read):
            indicators[-1].name = joined(indicators[-1].name + "\n" + rest[0])
            above = None  # a row made whole ends atop the page: the rows under it are their own
            continue
        above = row
        if new1 is not None:
            level1, level2 = new1, ""
        if new2 is not None:
            level2 = new2
        if rest:
            target = rest[1] if len(rest) > 1 else ""
            indicators.append(
                RawIndicator(name=joined(rest[0]), target=target, level1=level1, level2=level2, line=row.line)
            )
    return indicators


_REST_CHARS = 6  # the rest of a name a page break cut off is short ('数'); a longer one is an indicator of its own


def _rest_of_name(row: Row, above: Row | None, columns: dict[str, int], read: _Read) -> bool:
    """Whether a PDF's row atop a page is the rest of the name of the row above, which Word broke over the page: a
    name alone in its column, no level, no target, under a row whose cells the PDF reader saw end (`Row.ends`, or
    its ruled cells' edges: each cell with text ran on) and whose name did not end on a short line, and short
    ('第9类服务开展次' over '数') or under a qualitative row, its target left blank ('管护责任落实到村' over
    '到人并建立台账'); or a qualifier alone in its bracket ('（含线上直播）', a line of its own in the Word cell)
    whatever the line above. A longer name under a target is an indicator of its own (its target blank)."""
    new1, new2, values = read
    if above is None or not row.page or not above.page or row.page == above.page or not (above.ends or above.edges):
        return False
    name = columns["name"]
    alone = len(values) == 1 and name < len(row.cells) and clean(row.cells[name]) == values[0]
    if new1 is not None or new2 is not None or not alone:
        return False
    rest = joined(values[0])
    if BRACKETED.fullmatch(rest):
        return True
    target = columns["target"]
    blank = target >= len(above.cells) or not clean(above.cells[target])
    return name not in above.ends and (len(rest) <= _REST_CHARS or blank)


def _amount_unit(key: str, value: str) -> str:
    """The money unit a head pair declares: '项目总金额（万元）' or '单位：万元'."""
    match = _PAREN_UNIT.search(key) if HEAD_FIELDS.get(_PAREN.sub("", key)) in AMOUNTS else None
    if match:
        return match.group(1)
    match = _UNIT_ROW.match(squash(key + "：" + value))
    return match.group(1) if match else ""


def _project(form: _Form) -> RawProject:
    """A project from the form's head pairs: mapped labels to attributes, every other label to fields."""
    project = RawProject(name="", line=form.head[0].line)
    start = end = ""
    seen = set()
    grouped = ""  # the money label whose sum is the amount, until an amount label gives one
    text = ""  # the label of the text (goal, overview) the row above ended with
    above: Row | None = None  # the last head row with a label
    for row in form.head:
        if text and above and (field := _field_under(row, above)) is not None:
            key, value = field
            if key in project.fields:  # a field the head gave: a line of the text's ('实施单位：某中心负责实施。')
                if project.fields[key] != value:
                    named, line = _attr(text) or "goal", spread_values(row.cells)[0]
                    setattr(project, named, getattr(project, named) + "\n" + line if getattr(project, named) else line)
            elif (attr := _attr(key)) and not getattr(project, attr):
                setattr(project, attr, value)  # ('主管部门：某局': the project's department)
            elif value:
                project.fields[key] = value
            continue  # the text's lines go on under it
        if text and above and _goes_on(row, above):  # the text's next part, its label cell left empty
            named, part = _attr(text) or "goal", spread_values(row.cells)[0]
            before = getattr(project, named)  # (rows under a label alone: a line each, as typed)
            setattr(project, named, before + "\n" + part if before and _alone(above) else before + part)
            continue
        above = row
        for key, value in _pairs(row):
            if (key, value) in seen:  # a label and value merged over several rows, repeated in each
                continue
            seen.add((key, value))
            bare = _PAREN.sub("", key)
            attr = _attr(key)
            project.amount_unit = project.amount_unit or _amount_unit(key, value)
            if key == text and attr in TEXT_FIELDS:  # its label merged down the text's rows, printed in each: goes on
                setattr(project, attr, getattr(project, attr) + value)
                continue
            text = key if attr in TEXT_FIELDS and not getattr(project, attr) else ""
            if bare in START_LABELS:
                start = value
            elif bare in END_LABELS:
                end = value
            elif attr and not getattr(project, attr):
                setattr(project, attr, value)
            elif attr == "amount" and grouped and value and value != project.amount:
                # an amount label's value wins over a money label's sum (项目资金 | 500.00, the whole period's)
                project.fields[grouped], project.amount, grouped = project.amount, value, ""
            elif head_field(key) == "group" and not project.amount and a_sum(value):
                # a label over the money's rows with a sum of its own: 项目资金 | 58.00
                project.amount, grouped = value, key
            else:
                project.fields[key] = value
    project.period = " 至 ".join(part for part in (start, end) if part)
    return project


def _title(preamble: list[Row]) -> str:
    """The form title: the last one-cell line above the first form that ends with 表."""
    texts = [
        _HEADING.sub("", values[0]) for values in (spread_values(row.cells) for row in preamble) if len(values) == 1
    ]
    return next((text for text in reversed(texts) if _TITLE.search(text)), "")


def _year(preamble: list[Row], title: str, first: _Form) -> str:
    """The year the text states: a 年份 line, else the title, the first line, or a 'NNNN年绩效目标' label."""
    texts = [" ".join(spread_values(row.cells)) for row in preamble if not row.blank]
    goal_labels = [key for row in first.head for key, _ in _pairs(row) if _GOAL_LABEL.match(key)]
    years = [m.group(1) for text in texts if (m := _YEAR_ROW.search(text))]
    years += [m.group(1) for text in [title, *texts[:1], *goal_labels] if (m := _YEAR.search(text))]
    return years[0] if years else ""


def _publisher(preamble: list[Row]) -> str:
    """A one-cell line above the first form that names an office ('…财政金融局'), else ''."""
    for values in (spread_values(row.cells) for row in preamble):
        if len(values) == 1 and len(values[0]) <= 30 and _PUBLISHER.search(values[0]):
            if not _NOT_PUBLISHER.search(values[0]):
                return values[0]
    return ""


def _sheet_name(form: _Form, forms: list[_Form]) -> str:
    """The name of the workbook sheet that holds the form alone, when it can name a project (an officer's workbook of
    a sheet per project, its tab the project's name); '' for a default name (Sheet1, 工作表2, Sheet1 (2)), a table's
    (…表) or one that names no project (2026年, 项目1, 绩效目标, a budget unit's 某县农业农村局)."""
    sheet = form.head[0].sheet.strip()
    if not sheet or _DEFAULT_SHEET.match(sheet) or sheet.endswith("表") or _NO_PROJECT_SHEET.search(sheet):
        return ""
    return sheet if sum(other.head[0].sheet == form.head[0].sheet for other in forms) == 1 else ""


def parse(rows: list[Row]) -> RawDocument:
    forms = _forms(rows)
    if not forms:
        raise ParseError(
            "没有表单：没有项目名称等表头行及其后的指标表 "
            "no form: no 项目名称 head rows followed by a 一级指标/二级指标/三级指标 table"
        )
    preamble = rows[: forms[0].start]
    title = _title(preamble)
    year = _year(preamble, title, forms[0])
    doc = RawDocument(layout=NAME, title=title, year=year, department=_publisher(preamble))
    for form in forms:
        project = _project(form)
        if form.table is not None:
            signed: dict[str, str] = {}
            project.indicators = _indicators(rows, form, signed)
            project.fields.update(signed)
        if not project.name and project.department and DEPARTMENT_TITLE.search(title):
            project.name = project.department  # a department's own form names it as 预算单位 or 主管部门
        if not project.name and not any(indicator.target for indicator in project.indicators):
            continue  # a blank form, printed unfilled (a table the department does not use): no project
        if not project.name and (sheet := _sheet_name(form, forms)):
            project.name = sheet
            doc.warnings.append(
                f"第 {project.line} 行的表单没有项目名称，以其工作表名「{sheet}」为项目名称 line {project.line}: the "
                f"form has no 项目名称; its sheet's name '{sheet}' names the project"
            )
        if not project.name:
            raise ParseError(f"第 {project.line} 行的表单没有项目名称 line {project.line}: form has no 项目名称")
        if form.unread is not None:
            line, first = form.unread.line, spread_values(form.unread.cells)[0]
            doc.warnings.append(
                f"第 {line} 行「{first}」在「{project.name}」的表头与指标表之间，不是已知的表头标签，未读：金额或目标"
                f"可能缺失 line {line}: '{first}' between the head and the indicator table of {project.name} is no "
                "known label and was not read: the amount or goal may be missing"
            )
        if form.table is None:
            doc.warnings.append(
                f"第 {project.line} 行「{project.name}」的表单没有指标表 line {project.line}: form of {project.name} "
                "has no indicator table"
            )
        doc.projects.append(project)
    return doc


def detect(rows: list[Row]) -> float:
    """0.2 for head rows or a table header alone; with both, 0.7 + 0.3 × the share of forms with a table and no
    unread head row above it (a label this layout does not know, the print's clip of '项目资金（万元）' or
    '年度绩效目标': '资金（万 | 年度资金总额 | 425.50', '度绩效目 | …', whose amount and goal it would lose;
    grid-form reads a head by its layout)."""
    forms = _forms(rows)
    tables = sum(form.table is not None for form in forms)
    if not tables:
        return 0.2 if forms or any(_table_columns(row) for row in rows) else 0.0
    return 0.7 + 0.3 * sum(form.table is not None and form.unread is None for form in forms) / len(forms)


LAYOUT = Layout(
    name=NAME,
    description="项目支出绩效目标申报表/下达表: forms of key-value head rows, each followed by an indicator table",
    detect=detect,
    parse=parse,
)
