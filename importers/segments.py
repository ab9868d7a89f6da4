"""A whole document cut into segments at its table titles, so that one budget of 20–50 pages (收支总表, 三公 tables,
narrative, 名词解释, empty templates and the goal tables among them) is read part by part.

A title is a short line (or a table row whose one text is spread across it) that names a table: it ends with
表 (and perhaps a note in brackets; an attachment's number before it, '附件2：', is no part of it) and says what kind
of table, or is a table number ('表14', '预算表12'), or is a
numbered section heading that names goals ('七、重点项目预算绩效目标情况': a goal table may follow without a title),
or a year's heading over a department's own goals or its projects' ('2026年部门整体支出绩效目标', '某局2026年项目支出
绩效目标').
A segment runs from a title to the next one; the rows before the first title are a segment too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from importers.cells import joined, lone_value, unspaced
from importers.columns import declared_unit, head_field
from importers.records import Row

MAX_TITLE = 60  # characters: a longer line is text, not a title
_TITLE = re.compile(r"表\s*(?:[（(][^）)]*[）)]?)?$")
_NUMBER = re.compile(
    r"^(?:预算|公开|附)?表\s*[0-9一二三四五六七八九十]+(?:[-－][0-9]+)?$|^(?:预算)?[0-9一二三四五六七八九十]+表$"
)
_KIND = re.compile(r"绩效|预算|决算|收支|收入|支出|财政|三公|采购|资产|目标|情况|明细|汇总|一览|自评|评价|清单|任务")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、.*绩效目标")
# a year's heading over a department's own goals or its projects', without 表 ('2026年部门整体支出绩效目标',
# '某局2026年项目支出绩效目标'): no label of a form
_YEAR_GOALS = re.compile(r"^\S{0,30}?(?:19|20)\d{2}\s*年度?(?:(?:部门|单位)整体(?:支出)?|项目(?:支出)?)绩效目标$")
# a heading over self-evaluations, without 表 ('2025年度项目支出绩效自评情况', '二、项目支出绩效自评结果', a line
# above a table '本部门2025年度项目支出绩效自评结果如下'): a section's number or a unit before what they evaluate
# or their year, naming their 结果 or 情况, and no goals (a heading over both is the goals'). A goal's text in a row
# of its own names a task ('组织开展2025年度部门整体绩效自评', '运用2025年度项目支出绩效自评结果'): no heading
_EVALUATIONS = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?(?:(?:(?!目标)\S){0,30}?(?:部门|单位|本级|"
    r"局|委|办|中心|院|厅))?(?:(?:19|20)\d{2}\s*年度?|项目|支出|整体)\S{0,6}绩效自评(?:结果|情况)(?:如下)?$"
)
_NOT_TITLE = re.compile(r"[：:。；;]|^\d+[.、]?$")
_ATTACHMENT = re.compile(r"^附(?:件|表)\s*[0-9一二三四五六七八九十]*\s*[：:]\s*(?=\S)")  # '附件2：' before a title
_NOTE = re.compile(r"\s*[（(][^（()）]*[）)]$")  # a note after it: '（单位：万元）'
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FOOTNOTE = re.compile(r"^\s*注\d?[：:]")  # '注：指标值为年度目标', '注1：…'
# a cell naming indicators, not a sentence holding the word ('完成运维系统指标监测12个。'): a table's name, a level,
# a header's label ('绩效指标', '二、年度绩效指标', '产出指标', '指标值（单位）'), or, beside other cells, a short one
# holding it (a header's '指标内容', '指标类型')
_INDICATORS_NAME = re.compile(r"指标(?:值|表|体系|名称)?\s*(?:[（(][^）)]*[）)])?\s*[：:]?\s*$")
_INDICATORS_LABEL = re.compile(r"^(?=[^。；;，,]{2,14}$).*指标")
_HEADING_END = re.compile(r"(?:情况|明细|一览|清单|设置|如下)\s*[：:]?\s*$")  # a heading's words ('绩效指标设置情况')
_CAPTION = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?$")
TEXT_FIELDS = ("goal", "overview")  # head fields of text, which may run over rows (form-kv reads them so too)
DEPARTMENT_TITLE = re.compile(r"部门整体|整体支出|部门（单位）整体|单位整体")  # a department's own goal table


@dataclass
class Segment:
    title: str  # '' for the rows before the first title
    rows: list[Row]

    @property
    def pages(self) -> str:
        pages = [row.page for row in self.rows if row.page]
        if not pages:
            return ""
        return str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}-{pages[-1]}"

    @property
    def span(self) -> tuple[int, int] | None:
        """The first and last line numbers of its rows (a sheet's closing blank row, line 0, aside)."""
        lines = [row.line for row in self.rows if row.line]
        return (lines[0], lines[-1]) if lines else None

    @property
    def lines(self) -> str:
        return f"{self.span[0]}-{self.span[1]}" if self.span else ""


_CONTINUED = re.compile(r"\s*[（(]\s*续(?:\s*表|\s*前\s*表)?\s*[）)]\s*$|\s*续\s*表\s*$")  # also typed '续 表'


def title(row: Row, going_on: Callable[[], bool] | None = None) -> str:
    """The table title the row is ('' when it is none). `going_on`: whether a value goes on under a label above the
    row, asked only of a year's heading after a blank first cell (`split` tells; without it, one may)."""
    value = lone_value(row.cells)
    if value is None or (len(row.cells) > 1 and sum(1 for cell in row.cells if cell.strip()) * 2 < len(row.cells)):
        return ""
    text = _CONTINUED.sub("", _ATTACHMENT.sub("", joined(value).strip()))  # '…目标表（续）' is the table going on
    read = unspaced(text)  # ('某局 2026 年项目支出绩效目标', '预算 14 表': kept as printed)
    bare = _NOTE.sub("", read)
    if len(read) > MAX_TITLE or _NOT_TITLE.search(bare):
        return ""
    # a year's heading stands first in its row, or after a blank first cell where no value goes on: such text is a
    # value under a label merged over its rows (a goal's last line '3.全面完成 2026 年 项目支出绩效目标' under
    # 年度绩效目标, pasted as text); not a heading typed in B1 of a two-column sheet
    heading = _YEAR_GOALS.match(read) or _evaluations(row, bare)
    first = heading and (row.cells[0].strip() or going_on is not None and not going_on())
    if numbered(read) or _SECTION.match(read) or first:
        return text
    return text if _TITLE.search(read) and _KIND.search(read) else ""


def numbered(title: str) -> bool:
    """Whether a title is a table's number alone ('表14', '预算 12 表')."""
    return _NUMBER.match(unspaced(title)) is not None


def _evaluations(row: Row, text: str) -> bool:
    """Whether the row is a heading over self-evaluations: a line outside any table, or a ruled row across its whole
    table (a sheet's title merged over its top row); not a ruled row beside a blank cell, as a goal's row of its own
    atop a page, its label cell left blank ('完善本部门2025年度项目支出绩效自评结果')."""
    across = not row.edges or all(cell.strip() for cell in row.cells)
    return across and _EVALUATIONS.match(text) is not None


def split(rows: list[Row]) -> list[Segment]:
    """The segments of a document, in order (one segment when it has no titles). A running head that names a table
    (`某局2026年部门预算·项目支出绩效目标表` atop every page) is a title where it first stands, and is left out atop
    the pages after where another table goes on under it (its rows were cut off from their form; a table's own
    title repeated atop its pages stays, as `_continued` reads it)."""
    segments = [Segment("", [])]
    heads = _running_heads(rows)
    seen: set[str] = set()
    page = None

    def going_on() -> bool:  # a label's row above the row, only rows going on under it between (a blank row ends it)
        above = (kept for kept in reversed(segments[-1].rows) if kept.blank or kept.cells[0].strip())
        return bool(head_field(last.cells[0])) if (last := next(above, None)) and not last.blank else False

    for i, row in enumerate(rows):
        top = row.page != page and not row.blank  # the first line of its page
        page = row.page if not row.blank else page
        name = title(row, going_on) if not row.blank else ""
        if name and _YEAR_GOALS.match(unspaced(name)) and _in_head(segments[-1]) and not opens_form(rows, i + 1):
            if name == segments[-1].title:
                continue  # the heading over the form repeated atop the next page, inside the form's head
            name = ""  # a form's goal label spread across it ('2026年度项目绩效目标'), its head going on
        if name and name == segments[-1].title and _in_head(segments[-1]) and not _head_label(rows, i + 1):
            continue  # the table's title printed again inside its form's head, its rows going on under it (HTML)
        if name and top and name in heads:
            if name in seen and segments[-1].title != name:
                continue  # atop a page where another table goes on (the same title repeated is its own)
            seen.add(name)
        if name and segments[-1].title != name or name and not _continued(segments[-1], row):
            segments.append(Segment(name, []))
        if name and not row.cells[0].strip():  # (a heading after a blank first cell: a title where the parts read it)
            row = replace(row, cells=[cell for cell in row.cells if cell.strip()])
        segments[-1].rows.append(row)
    return [segment for segment in segments if segment.rows]


def _in_head(segment: Segment) -> bool:
    """Whether the segment's last row is a line of a form's head (its first text a head label: 项目名称, 主管部门,
    项目资金), or a text's line under its label's row, lines alone in their rows between (年度绩效目标 across the form,
    the goal's lines across it below, a sentence naming the year's goals among them), so a row under it is still that
    form's."""
    rows = reversed(segment.rows)
    last = next((row for row in rows if not row.blank), None)
    if last is None or head_field(last.values()[0]):
        return last is not None
    while lone_value(last.cells) is not None and (last := next(rows, None)) is not None and not last.blank:
        if field := head_field(last.values()[0]):
            return field in TEXT_FIELDS
    return False


def opens_form(rows: list[Row], start: int) -> bool:
    """Whether the first row with text from `start` on opens a form (项目名称 first): a lone line right above it is
    that form's heading, not a line of the form before (one with no indicator table, the next one's heading under its
    goal)."""
    return _head_label(rows, start) == "name"


def _head_label(rows: list[Row], start: int) -> str:
    """The head field the first row with text from `start` on opens with ('name' for 项目名称, 'department_name' for
    单位名称), '' for another row (an indicator table's header, a goal's line)."""
    row = next((rows[i] for i in range(start, len(rows)) if not rows[i].blank), None)  # (no copy of the rest)
    return head_field(row.values()[0]) if row is not None else ""


def _running_heads(rows: list[Row]) -> set[str]:
    """The titles standing atop two or more pages of a paged document, and atop every page between (a PDF's
    running head; a table's title that comes back after another table's is no running head)."""
    pages: dict[str, set[int]] = {}
    page = None
    for row in rows:
        if row.blank or not row.page or row.page == page:
            continue
        page = row.page
        if name := title(row):
            pages.setdefault(name, set()).add(row.page)
    return {name for name, found in pages.items() if len(found) >= 2 and len(found) == max(found) - min(found) + 1}


def _continued(segment: Segment, row: Row) -> bool:
    """Whether a title equal to the segment's repeats it on the next page (a continued table), or right under itself
    with at most its year between (a text layer that holds the title twice), not a new table."""
    if not segment.rows:
        return False
    if row.page and row.page != segment.rows[-1].page:
        return True
    for above in reversed(segment.rows):
        if title(above) == segment.title:
            return True
        if not (above.blank or caption(above)):
            return False
    return False


def caption(row: Row) -> bool:
    """Whether the row is only the year under a title ('(2026年度)', '2026年')."""
    value = lone_value(row.cells)
    return value is not None and bool(_CAPTION.match(joined(value).strip()))


def _names_indicators(cell: str, cells: list[str]) -> bool:
    """Whether a cell holding 指标 names indicators (`text_part`): at its end, or short beside other cells or ending
    as a heading does ('绩效指标设置情况', '项目绩效指标明细', '主要绩效指标如下：')."""
    if _INDICATORS_NAME.search(cell):
        return True
    return bool(_INDICATORS_LABEL.search(cell)) and (lone_value(cells) is None or bool(_HEADING_END.search(cell)))


def text_part(row: Row) -> bool:
    """Whether a row may be the next part of a text above it (a goal over rows): no money unit's line, no year under a
    title, no table's name ('绩效指标', '年度绩效指标') or header's label, no note ('注：…'), no mark of a table going
    on ('（续表）'). A row of one text holding 指标 not at its end is the text's line ('各项指标全面完成', '主要指标：
    运维系统12个'), a short cell so only a label beside other cells ('指标内容 | 指标类型')."""
    return (
        not declared_unit(row)
        and not caption(row)
        and all(
            not ("指标" in cell and _names_indicators(cell, row.cells)) and not _FOOTNOTE.match(cell)
            for cell in row.cells
        )
        and any(_CONTINUED.sub("", cell).strip() for cell in row.cells)
    )


def year(texts: list[str]) -> str:
    """The first year the texts state ('2026年度' → '2026')."""
    return next((m.group(1) for text in texts if (m := _YEAR.search(text))), "")
