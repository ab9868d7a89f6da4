"""Layout 'label-lines': forms as text pulled from a PDF, one cell per line, label and value apart.

'项目名称' on one line and the name on the next; then 主管部门, 实施单位, 项目资金（元）, 年度资金总额 …,
年度总体目标 with its text; then the indicator table '一级指标 二级指标 三级指标 指标值', one cell per
line, a level cell only on the first row of its group. The cells are read as one stream (so a label
and its value on one line read the same). Cells that a narrow column wrapped over several lines
('服务对象' / '满意度指' / '标', '年度总体' / '目标') are joined back when together they spell a known
label or level word; a wrapped indicator name is joined when its last piece is no target and the next
cell is. Each '项目名称' label opens a project; page numbers, repeated table headers and form titles
between the cells are skipped. A cell repeated across a row (a merged cell spread) is read once.

A PDF viewer may copy a form's row as one line, its cells apart by single spaces ('产出指标 数量指标 受益学生人数
≥65000人', as Edge and Chrome copy): where lines hold two or more labels, level words or table headers so apart, every
line is cut at its spaces around those words and before a target at its end (`_unrun`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.cells import clean, squash
from importers.columns import column
from importers.layouts import Layout
from importers.level_words import LEVEL2_UNDER, LEVEL2_WORDS, accepts, is_level1, is_level2
from importers.records import ParseError, RawDocument, RawIndicator, RawProject, Row

NAME = "label-lines"
# head label → RawProject attribute ('' keeps the value in `fields` under the label)
HEAD_LABELS = {
    "项目名称": "name",
    "主管部门": "department",
    "主管部门及代码": "department",
    "预算单位": "department",
    "实施单位": "",
    "项目属性": "",
    "项目类型": "",
    "项目期": "period",
    "项目期限": "period",
    "实施期限": "period",
    "项目周期": "period",
    "项目资金": "",
    "年度资金总额": "amount",
    "资金总额": "amount",
    "财政拨款": "",
    "其他资金": "",
    "上年结转": "",
    "年度总体目标": "goal",
    "年度绩效目标": "goal",
    "年度目标": "goal",
    "总体目标": "goal",
    "项目概况": "overview",
    "项目负责人": "",
    "联系电话": "",
}
TABLE_HEADERS = {"绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "年度指标值", "目标值", "年度目标值"}
LEVEL_WORDS = {w + suffix for w in LEVEL2_UNDER for suffix in ("指标", "目标")} | {w + "指标" for w in LEVEL2_WORDS}
VOCABULARY = frozenset(HEAD_LABELS) | TABLE_HEADERS | LEVEL_WORDS
MIN_SHAPE = 0.6  # share of lines holding one cell at the document's base indentation

_PAREN = re.compile(r"[（(][^）)]*[）)]")
_UNIT_NOTE = re.compile(r"^[（(]\s*(亿元|万元|千元|元)\s*[）)]$")
_SUB = re.compile(r"^其中\s*[：:]\s*")
_SIGN = re.compile(r"^[≥≤＞＜><=＝±]")
_RUN_YEAR = re.compile(r"(?:19|20)\d{2}")  # a name's year, its 年 on the next word ('2026 年供餐学校数')
# a target in words at the end of a row run together ('明显改善', '逐步健全', '达标')
_QUALITATIVE = re.compile(
    r"(?:改善|提升|提高|健全|完善|增强|加强|降低|减少|下降|达标|合格|规范|及时|有效|良好|稳定|显著|到位)$"
)
_VALUE = re.compile(r"^(?:[≥≤＞＜><=＝±]|[-+]?\d)")
_NAME_END = re.compile(r"(?:率|数|量|度|性|额|值|价|时间|面积|长度|情况|标准|机制|事件|事故|指数|覆盖|规模)$")
_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_TITLE = re.compile(r"(?:目标|指标)[^\s]{0,6}表(?:[（(](?:19|20)\d{2}年度?[）)])?$")  # ('…目标表（2026年度）')
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_NOTE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)]$")
_FIGURE = re.compile(r"^\d[\d,，]*(?:\.\d+)?\s*(?:亿元|万元|千元|元)?$")
_NOTE = re.compile(r"^(?:注|备注|说明|填报说明)\s*[：:]?")
# a next part ('三、其他说明', '第三部分', '第 3 部分' as a PDF prints it)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+\s*、|第\s*[一二三四五六七八九十\d]+\s*(?:部分|章|节))")


@dataclass
class _Cell:
    text: str
    line: int


def _key(text: str) -> str:
    """A label as a key: no spaces, no trailing colon, no parenthesised note, no leading '其中：'."""
    return _PAREN.sub("", _SUB.sub("", squash(text))).rstrip("：:")


def _is_label(cell: _Cell) -> bool:
    return _key(cell.text) in HEAD_LABELS


def _is_level(text: str) -> bool:
    return is_level1(text) or is_level2(text)


def _may_be_target(text: str) -> bool:
    """A number with operator and unit, or a short word that is no indicator name ('明显改善', '健全')."""
    return bool(_VALUE.match(text)) or (len(text) <= 6 and not _NAME_END.search(text))


def _row_cells(row: Row) -> list[str]:
    """The row's non-empty cells; a cell equal to its left neighbour is that cell spread across (merged
    cells spread by a reader), except a level cell (满意度指标 | 满意度指标 are level 1 and level 2)."""
    cells = [clean(cell) for cell in row.cells]
    return [text for i, text in enumerate(cells) if text and (not i or text != cells[i - 1] or _is_level(text))]


RUN_LINES = 2  # lines holding two words of the vocabulary apart by a space, for a text read as cells run together


def _vocabulary(word: str) -> bool:
    return _key(word) in VOCABULARY or _is_level(word)


def _unrun(rows: list[Row]) -> tuple[list[Row], bool]:
    """Rows of a text whose lines run a row's cells together with spaces, cut into cells (and True): each word of the
    vocabulary a cell, and the words between them one, a target at their end apart ('受益学生人数 ≥65000人', '资金下达
    时间 2026 年 3 月底前', '学生营养健康状况 明显改善'). Other texts' rows as they are (and False)."""
    words = [[clean(cell).split() for cell in row.cells] for row in rows]
    runs = sum(1 for line in words if sum(_vocabulary(w) for cell in line for w in cell) >= 2)
    if runs < RUN_LINES:
        return rows, False
    cut = []
    for row, line in zip(rows, words):
        cells: list[str] = []
        for cell in line:
            if _PAGE_NUMBER.match(" ".join(cell)):
                cells.append(" ".join(cell))  # '第 1 页 共 2 页' whole
                continue
            run: list[str] = []
            for word in [*cell, ""]:
                if not word or _vocabulary(word):
                    cells += _run_cells(run) + ([word] if word else [])
                    run = []
                else:
                    run.append(word)
        cut.append(Row(cells or [""], row.line, page=row.page))
    return cut, True


def _run_cells(run: list[str]) -> list[str]:
    """Words between two of the vocabulary: one cell, or a name and the target after it (from its first word with a
    sign; else, unless the words begin with a sign or a figure ('≥ 90 %', '2026 年 3 月底前': a value whole), from its
    first word with a figure after the name's own year ('2026 年新增路段数 12 条'), else its last word when that is a
    qualitative target ('明显改善'; not the last word of a name, 'LED 路灯安装')."""
    start = next((i for i, word in enumerate(run) if i and _SIGN.match(word)), 0)
    named_year = len(run) > 2 and bool(_RUN_YEAR.fullmatch(run[0])) and len(run[1]) > 1 and run[1][0] == "年"
    if not start and run and (named_year or not _VALUE.match(run[0])):
        start = next((i for i, word in enumerate(run) if i > named_year and _VALUE.match(word)), 0)
        if not start and len(run) >= 2 and _QUALITATIVE.search(run[-1]) and not _NAME_END.search(run[-1]):
            start = len(run) - 1
    return [" ".join(part) for part in (run[:start], run[start:]) if part]


def _stream(rows: list[Row]) -> list[_Cell]:
    """Every non-empty cell in order, wrapped pieces joined back where they spell a known word."""
    cells = [_Cell(text, row.line) for row in rows for text in _row_cells(row)]
    joined: list[_Cell] = []
    i = 0
    while i < len(cells):
        if _UNIT_NOTE.match(cells[i].text) and joined:  # '项目资金' / '（元）'
            joined[-1].text += cells[i].text
            i += 1
            continue
        text, end = cells[i].text, i + 1
        for j in range(i + 1, min(i + 5, len(cells))):
            longer = text + "".join(c.text for c in cells[i + 1 : j + 1])
            if not any(word.startswith(squash(longer)) for word in VOCABULARY):
                break
            if squash(longer) in VOCABULARY:
                text, end = longer, j + 1
        joined.append(_Cell(text, cells[i].line))
        i = end
    return joined


def _skipped(cell: _Cell) -> bool:
    """Page numbers, repeated table headers, form titles and year notes between the cells."""
    key = squash(cell.text)
    return (
        bool(_PAGE_NUMBER.match(cell.text))
        or _key(key) in TABLE_HEADERS
        or bool(_YEAR_NOTE.match(key))
        or bool(_TITLE.search(key))
    )


def _join_text(parts: list[str]) -> str:
    """Lines of one wrapped value: joined directly, with a space only between two Latin words."""
    text = ""
    for part in parts:
        text += (
            " "
            if text and text[-1].isascii() and text[-1].isalpha() and part[0].isascii() and part[0].isalpha()
            else ""
        ) + part
    return text


def _lines(cells: list[_Cell]) -> list[str]:
    """The cells' text a line each (cells of one line apart by a space, as the line was cut)."""
    lines: list[str] = []
    for i, cell in enumerate(cells):
        if i and cell.line == cells[i - 1].line:
            lines[-1] += " " + cell.text
        else:
            lines.append(cell.text)
    return lines


def _head(cells: list[_Cell], project: RawProject) -> None:
    """Label, value lines, label, value lines …; the value is every cell up to the next label."""
    i = 0
    money: tuple[str, str] | None = None
    while i < len(cells):
        label = cells[i].text
        j = i + 1
        while j < len(cells) and not _is_label(cells[j]):
            j += 1
        value = _join_text(_lines(cells[i + 1 : j]))
        unit = re.search(r"(亿元|万元|千元|元)", label) if "（" in label or "(" in label else None
        project.amount_unit = project.amount_unit or (unit.group(1) if unit else "")
        attr = HEAD_LABELS.get(_key(label), "")
        if _key(label) == "项目资金" and _FIGURE.match(value):
            money = (squash(label), value)  # the amount only when no 年度资金总额 gives it
        elif attr and not getattr(project, attr):
            setattr(project, attr, value)
        elif value or not attr:
            project.fields[squash(label)] = value
        i = j
    if money and not project.amount:
        project.amount = money[1]  # '项目资金（万元）' / '1850.75', without 年度资金总额 under it
    elif money:
        project.fields[money[0]] = money[1]  # (a total beside the year's 年度资金总额)


def _indicators(cells: list[_Cell]) -> list[RawIndicator]:
    """Level cells set the levels for the rows below; a name (joined over wrapped lines) takes the next cell as
    target. A level word the current level 1 accepts is its level 2 (成本指标 under 产出指标), unless the next cell is
    a level 2 that it accepts and the current level 1 does not (成本指标 then 经济成本指标: a level 1 of its own)."""
    indicators = []
    level1 = level2 = ""
    i = 0
    while i < len(cells):
        text = cells[i].text
        after = cells[i + 1].text if i + 1 < len(cells) else ""
        if _is_level(text) and (text.endswith("指标") or not _VALUE.match(after)):
            heads = is_level2(after) and accepts(text, after) and not accepts(level1, after)
            if is_level1(text) and (heads or not (is_level2(text) and accepts(level1, text))):
                level1, level2 = text, ""
            else:
                level2 = text
            i += 1
            continue
        name, j = text, i + 1
        while (
            j + 1 < len(cells)
            and not _may_be_target(cells[j].text)
            and _may_be_target(cells[j + 1].text)
            and not _is_level(cells[j].text)
        ):
            name += cells[j].text
            j += 1
        target = cells[j].text if j < len(cells) and not _is_level(cells[j].text) else ""
        indicators.append(RawIndicator(name=name, target=target, level1=level1, level2=level2, line=cells[i].line))
        i = j + 1 if target else j
    return indicators


def _part(text: str) -> bool:
    """Whether a cell is the heading of the text's next part ('三、其他说明'), not a level numbered as one
    ('一、产出指标')."""
    return bool(_SECTION.match(text)) and not _is_level(text)


def _project(cells: list[_Cell]) -> RawProject:
    """A project from its cells: head up to the indicator table's header, then the table up to a note or the text's
    next part ('三、其他说明')."""
    start = next((i for i, c in enumerate(cells) if _key(c.text) in TABLE_HEADERS), len(cells))
    project = RawProject(name="", line=cells[0].line)
    _head(cells[:start], project)
    if not project.name:
        raise ParseError(f"第 {cells[0].line} 行的项目名称没有值 line {cells[0].line}: 项目名称 without a value")
    table = [c for c in cells[start:] if not _skipped(c)]
    end = next((i for i, c in enumerate(table) if _NOTE.match(c.text) or _part(c.text)), len(table))
    project.indicators = _indicators(table[:end])
    return project


def _shape(rows: list[Row]) -> float:
    """Share of the lines with text that hold one cell at the base indentation."""
    content = [row for row in rows if not row.blank]
    if not content:
        return 0.0
    depth = [next(i for i, c in enumerate(row.cells) if c.strip()) for row in content]
    base = min(depth)
    return sum(1 for row, d in zip(content, depth) if d == base and len(row.values()) == 1) / len(content)


def _starts(cells: list[_Cell], rows: list[Row], cut: bool = False) -> list[int]:
    """Where each project begins: at each 项目名称 label followed by a value; not in a table's header line (项目名称 |
    预算金额 | 一级指标 | 三级指标 | 指标值: an empty table's, its next cell no project's name). In lines `cut` apart
    at their spaces, only a line beginning with 项目名称 ('项目名称 name', or the label alone, its name below; not a
    summary table's header wrapped over lines, '号 项目名称 年度预算')."""
    headers = {row.line for row in rows if sum(1 for cell in row.values() if column(cell)) >= 2}
    named = {row.line for row in rows if row.values() and _key(row.values()[0]) == "项目名称"}
    return [
        i
        for i, c in enumerate(cells[:-1])
        if _key(c.text) == "项目名称"
        and not _is_label(cells[i + 1])
        and c.line not in headers
        and (not cut or c.line in named)
    ]


def parse(rows: list[Row]) -> RawDocument:
    rows, cut = _unrun(rows)
    cells = _stream(rows)
    starts = _starts(cells, rows, cut)
    if not starts:
        raise ParseError("没有后跟名称的项目名称行 no 项目名称 line followed by a name")
    preamble = [c.text for c in cells[: starts[0]]]
    title = next((t for t in preamble if _TITLE.search(squash(t))), "")
    year = next((m.group(1) for t in preamble if (m := _YEAR.search(t))), "")
    doc = RawDocument(layout=NAME, title=title, year=year)
    for start, end in zip(starts, starts[1:] + [len(cells)]):
        doc.projects.append(_project(cells[start:end]))
    return doc


def detect(rows: list[Row]) -> float:
    """0.0 unless most lines hold one cell at the base indentation; then that share and a 项目名称
    label followed by its value, and 0.4 more (needed to pass 0.5) for the 一级指标 二级指标 三级指标
    header cells in a row."""
    shape = _shape(rows)
    if shape < MIN_SHAPE:
        return 0.0
    rows, cut = _unrun(rows)
    cells = _stream(rows)
    keys = [_key(c.text) for c in cells]
    header = any(keys[i : i + 3] == ["一级指标", "二级指标", "三级指标"] for i in range(len(keys)))
    named = bool(_starts(cells, rows, cut))
    return round(0.4 + 0.3 * shape + 0.3 * named if header else 0.2 * shape + 0.2 * named, 3)


LAYOUT = Layout(
    name=NAME,
    description="项目支出绩效目标表 as text from a PDF form: label and value on separate lines, one cell per line",
    detect=detect,
    parse=parse,
)
