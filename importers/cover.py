"""What a whole budget document says of itself on its cover or beside its tables: the department that publishes it
and the budget year ('2026年烟台市审计局部门预算', '西安市统计局（汇总）2026年部门预算公开说明', '部门名称：北京市…').
A layout that finds them in its own table keeps its own; these fill what it left empty.
"""

from __future__ import annotations

import re

from importers import segments
from importers.cells import as_printed, clean, joined, lone_value, spread_values, squash
from importers.records import SELF_EVALUATION_KINDS, RawDocument, Row

COVER_ROWS = 6  # non-blank rows at the start of a document that may be its cover
_COVER = re.compile(
    r"^(?:((?:19|20)\d{2})年度?)?(.{2,40}?)(?:[（(]汇总[）)]|[（(]本级[）)])?"
    r"(?:((?:19|20)\d{2})年度?)?(?:[省市区县]级)?(?:部门|单位)(?:综合)?(?:预算|决算)"
)
_TABLE_TITLE = re.compile(
    r"^(?:((?:19|20)\d{2})年度?)?(.{2,40}?)(?:((?:19|20)\d{2})年度?)?"
    r"(?:项目支出|项目|专项资金)?(?:绩效目标(?:汇总|申报|下达)?|绩效自评(?:结果)?(?:汇总)?)表$"
)  # '2025年某区民政局项目绩效目标汇总表', '某局2025年度项目支出绩效自评结果汇总表'
_LABEL = re.compile(
    r"^(?:(?:部门|单位|预算单位|部门（单位）)名称|(?:(?:填报|编制|申报)(?:单位|部门)|单位)(?:[（(]盖章[）)])?)[：:]\s*(.{2,40})$"
)  # '部门名称：…', or the unit filling in the forms below: '填报单位：…', '编制单位：…', '单位：某县水利局'
# ('单位：万元' names the money unit: no organisation)
# the money unit or another label after it on its line ('　　单位：万元', '　　填报日期：2026年1月')
_UNIT_AFTER = re.compile(r"\s+[（(]?[\u4e00-\u9fff]{0,6}(?:单位|日期|时间|人|电话)(?:[（(][^）)]{1,4}[）)])?[：:].*$")
# the money unit or a date's label run into the unit's name ('某局单位：万元', '某局填报日期：2026年1月': a web
# page's two spans of one line read as one text)
_GLUED_UNIT = re.compile(r"(?:(?:金额|计量)?单位[：:](?:万元|元|亿元)|(?:填报|编制|申报)(?:日期|时间|人)[：:].*)$")
_SUFFIX = re.compile(r"[（(](?:汇总|本级|部门|单位|盖章)[）)]$")
_YEAR_LINE = re.compile(r"^[（(]?((?:19|20)\d{2})年度?[）)]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_YEAR_HEADING = re.compile(r"((?:19|20)\d{2})年度?\D{0,30}(?:绩效目标|绩效自评|部门预算|部门决算|预算公开)")  # no 表
# what a bare '单位：' names when it lists the units a table counts in ('单位：万元、个、所', '单位：个/处'): no
# organisation
_MEASURES = re.compile(r"[、/／，,；;]")
ORGANISATION = re.compile(
    r"(?:局|厅|委员会|委|办公室|办|中心|部|政府|院|馆|所|站|队|支队|会|处|署|基地|联|协|校|集团|社|台|团|园|场)$"
)


def cover_title(rows: list[Row]) -> tuple[str, str, str]:
    """(department, year, title) a budget document's cover states ('西安市科学技术局', '2022',
    '西安市科学技术局2022年部门综合预算'; the title with the spaces its lines print, read without them); empty
    strings when it has no such cover. A cover whose name is no organisation's ('上海市黄浦区2026年区级部门预算')
    still gives its year."""
    printed = ""  # the cover's lines one after another, each with the spaces it prints
    year = ""
    for values in filter(None, (spread_values(row.cells) for row in rows[: COVER_ROWS * 4])):
        if len(values) > 1 or "目录" in values[0] or len(squash(printed)) > 80:
            break
        printed += joined(clean(values[0])).strip()
        match = _COVER.match(squash(printed))
        if match:
            name = _SUFFIX.sub("", match.group(2))
            year = year or match.group(1) or match.group(3) or ""
            if ORGANISATION.search(name):
                return name, year, as_printed(printed, *match.span())
    return "", year, ""


def unit_line(row: Row) -> str:
    """The unit a '部门名称：', '填报单位：' or '单位：' line states (the money unit or another label written after it
    on the line left out: '填报单位：某局　　单位：万元', '…　　填报日期：2026年1月'), '' when the row is no such line
    (nor when a bare '单位：' lists the units a table counts in: '单位：万元、个、所')."""
    text = "".join(row.text.split())
    if (
        "名称" not in text
        and "填报" not in text
        and "编制" not in text
        and "申报" not in text
        and "位：" not in text
        and "位:" not in text
    ):
        return ""  # every label names 名称, who fills in the forms or 单位：: most rows are skipped at C speed
    values = ["".join(_UNIT_AFTER.sub("", joined(clean(value))).split()) for value in spread_values(row.cells)]
    for i, value in enumerate(values):
        pair = f"{value.rstrip('：:')}：{values[i + 1]}" if i + 1 < len(values) else ""  # '单位名称：' | its value
        match = _LABEL.match(value) or _LABEL.match(pair)
        unit = _SUFFIX.sub("", _GLUED_UNIT.sub("", match.group(1))) if match else ""
        measures = match and match.group(0).startswith(("单位：", "单位:")) and _MEASURES.search(unit)
        if ORGANISATION.search(unit) and not measures:
            return unit
    return ""


def _labelled(rows: list[Row]) -> list[tuple[int, str]]:
    """Each unit line's unit with the line's place among the rows."""
    return [(n, unit) for n, row in enumerate(rows) if (unit := unit_line(row))]


def _one(named: list[tuple[int, str]]) -> str:
    """The unit the lines name, '' when they name none or different ones (a compilation, each form under its own
    '填报单位：')."""
    units = {unit for _, unit in named}
    return units.pop() if len(units) == 1 else ""


def _per_form(doc: RawDocument, rows: list[Row], named: list[tuple[int, str]]) -> None:
    """Each project stating no department of its own takes the unit of its form's line ('填报单位：某中心' above
    it, or under its title: the last line before its head; a unit line closing each form: the first after it), where
    that is not the document's. A form's own 主管部门 wins (the department responsible, as the records name it)."""
    if {unit for _, unit in named} <= {doc.department} or not doc.projects:
        return
    starts = _starts(doc, rows)
    if all(start < 0 for start in starts):
        return
    heads = _heads(named, [start for start in starts if start >= 0], doc.department)
    for project, start in zip(doc.projects, starts):
        if project.department != "" or start < 0:
            continue  # (None: printed blank, kept blank)
        units = [unit for n, unit in named if n <= start] if heads else [unit for n, unit in named if n > start][:1]
        if units and units[-1] != doc.department:
            project.department = units[-1]


def _heads(named: list[tuple[int, str]], starts: list[int], department: str) -> bool:
    """Whether the unit lines head their forms rather than close them: a line above the first form naming a unit not
    the document's heads it; lines above it naming only the document's (its cover's '编制单位：某局', or its own form
    first) head them unless the last form is followed by a unit its line above did not name (a line under each form:
    '填报单位：某中心　填报人：张华')."""
    before = [unit for n, unit in named if n <= starts[0]]
    if not before or any(unit != department for unit in before):
        return bool(before)
    above = [unit for n, unit in named if n <= starts[-1]][-1]
    return all(unit == above for n, unit in named if n > starts[-1])


def _starts(doc: RawDocument, rows: list[Row]) -> list[int]:
    """Each project's first row's place among the rows (-1 when not found), by its line, and its page where the layout
    gives one, in document order (a workbook's sheets each count lines from 1)."""
    starts = []
    n = 0
    for project in doc.projects:
        found = next(
            (
                i
                for i in range(n, len(rows))
                if rows[i].line == project.line and (not project.page or rows[i].page == project.page)
            ),
            -1,
        )
        starts.append(found)
        n = found + 1 if found >= 0 else n
    return starts


def _titled(rows: list[Row]) -> str:
    """The organisation a goal table's or a self-evaluations' title names first on the document
    ('2025年某区民政局项目绩效目标汇总表')."""
    for row in rows[:COVER_ROWS]:
        value = lone_value(row.cells)
        if value is not None:
            match = _TABLE_TITLE.match("".join(joined(clean(value)).split()))
            name = _SUFFIX.sub("", match.group(2)) if match else ""
            return name if ORGANISATION.search(name) else ""
    return ""


def _year(rows: list[Row], budget: bool) -> str:
    """The year of the first table title or '(2026年度)' line that states one, else of a heading atop the document
    that begins with it and states no other ('2026年项目支出绩效目标'). In a `budget` (a document holding goal tables)
    a 自评表's title, the year line under it and a heading naming 自评 are passed over: they state the year the
    self-evaluation reports, not the budget's."""
    heading = ""  # a heading atop the document beginning with its year: when no title states one
    reported = False  # under a 自评表's title (its year line the year it reports)
    for n, row in enumerate(row for row in rows if not row.blank):
        value = lone_value(row.cells)
        if value is not None:
            text = "".join(joined(clean(value)).split())
            if titled := segments.title(row):
                reported = budget and "自评" in titled
            if budget and "自评" in text:
                continue
            match = _YEAR_LINE.match(text) or (titled and _YEAR.search(text))
            if match and not reported:
                return match.group(1)
            if n < COVER_ROWS and not heading and (found := _YEAR_HEADING.fullmatch(text)):
                heading = found.group(1) if len(_YEAR.findall(text)) == 1 else ""
    return heading


def fill(doc: RawDocument, rows: list[Row]) -> None:
    """The department and year a layout left empty, from the document's cover or labels; a budget document's title
    from its cover ('西安市科学技术局2022年部门综合预算', not the first goal table's section heading)."""
    department, year, title = cover_title(rows)
    doc.title = title or doc.title
    named = _labelled(rows)
    if not department and not (doc.department and doc.year):
        department = _one(named)
        budget = any(p.kind not in SELF_EVALUATION_KINDS for p in doc.projects)
        year = _year(rows, budget) or year  # a title's year before a cover that names no organisation
    if not department and not doc.department:
        department = _titled(rows)
    doc.department = doc.department or department
    doc.year = doc.year or year
    _per_form(doc, rows, named)
    _reported_years(doc, rows)


def place(doc: RawDocument, rows: list[Row]) -> None:
    """What the lines above each form give its project (a unit line's department, a 自评表's title's year), for a
    piece of a document read as a stream: its projects and the rows they were read from."""
    _per_form(doc, rows, _labelled(rows))
    _reported_years(doc, rows)


def _reported_years(doc: RawDocument, rows: list[Row]) -> None:
    """Each self-evaluation's own year: the one its title, or the year line under it ('（2025年度）'), states — the
    year it reports, which need not be the document's (a 2026 budget publishing its 2025 自评表). Found by the
    self-evaluation's place among the rows, not its line: a workbook's sheets each count lines from 1."""
    if not any(p.kind in SELF_EVALUATION_KINDS for p in doc.projects):
        return
    starts = _starts(doc, rows)
    years, year = [], ""
    for row in rows[: max(starts) + 1]:
        title = segments.title(row)
        if title or segments.caption(row):
            year = segments.year([title or lone_value(row.cells) or ""])  # (a title stating none: no year)
        years.append(year)
    for project, start in zip(doc.projects, starts):
        if project.kind in SELF_EVALUATION_KINDS and start >= 0:
            project.year = years[start]
