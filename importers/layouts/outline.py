"""Layout 'outline': goals written as text, one thing a line (a department budget's 说明 pages, a Word document of
paragraphs, a web page of them).

A project is named by a '项目名称：…' line, or by a numbered heading ('（一）高龄老人津贴发放') that the project's
head lines follow ('1.主管部门：…', '2.项目资金：4520万元', '3.年度绩效目标：…'); a '绩效指标：' line opens its
indicators, one a line under the level lines above them ('（一）产出指标', '数量指标：'): 'name：target'
('1. 职业技能培训人次：≥5000人次') or a name with its target after an operator ('培训合格率≥90%'), or a level's line
of them ('1.数量指标：培训人次≥5000人次；培训期数≥20期。'). A line of prose, a heading or the next project ends them.
A text without both a named project and indicators under levels is not this layout.
"""

from __future__ import annotations

import re
from dataclasses import replace

from importers.cells import clean
from importers.columns import head_field
from importers.layouts import Layout
from importers.level_words import accepts, is_level1, is_level2
from importers.records import ParseError, RawDocument, RawIndicator, RawProject, Row
from importers.segments import year

NAME = "outline"
# a list item's number: '（一）', '一、', '1.', '1、', '1)', '1.1 ' ('4.80-89周岁…' is item 4, '3.5G…' item 3)
_NUMBER = re.compile(
    r"^\s*(?:[①-⑳]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+(?:\.\d+)+\s+|\d+\s*[、.．)）])\s*"
)
_SECTION_HEAD = re.compile(r"^\s*(?:第\s*[一二三四五六七八九十\d]+\s*(?:部分|章|节)|[一二三四五六七八九十]+\s*、)")
_ITEM = re.compile(r"^\s*\d+\s*[、.．)）]")  # an item's number; a section's is '七、' or '（一）'
_PAIR = re.compile(r"^([^：:]{1,40}?)\s*[：:]\s*(.*)$")
_OPERATOR = re.compile(r"^((?!\d+\s*[≥≤＞＜><=＝]).{1,39}?)\s*([≥≤＞＜><=＝].+)$")  # ('5G基站数≥10个': a name)
# a target without a sign ending an item: a date ('2026年3月底前', '2026 年 3 月底前' as a PDF prints it) or a
# qualitative word ('明显改善', '逐步健全')
_WORD_TARGET = re.compile(
    r"^(?!(?:\d{4}\s*年\s*)?\d{1,2}\s*月)(.{2,39}?)\s*((?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*底?[之以]?前"
    r"|(?:明显|有效|逐步|持续|进一步|显著|稳步|不断)(?:提升|提高|改善|健全|完善|增强|加强|降低|减少|下降))$"
)
_SECTION = frozenset(("绩效指标", "年度绩效指标", "主要绩效指标", "绩效指标情况", "项目绩效指标", "具体绩效指标"))
_NOT_NAMES = frozenset(("备注", "说明", "其中", "注释", "单位", "来源"))
_HEADING_CHARS = 40  # a numbered heading naming a project is a short line


def _line(row: Row) -> str:
    return " ".join(clean(cell).strip() for cell in row.cells if cell.strip())


def _level(text: str) -> str:
    """The level a line names ('（一）产出指标', '数量指标：'), '' for other lines."""
    word = text.rstrip("：: ")
    return word if word and (is_level1(word) or is_level2(word)) else ""


def _levels(level1: str, level2: str, word: str) -> tuple[str, str]:
    """(level 1, level 2) after a level word: '成本指标' is a level 2 under 产出指标, else a level 1 of its own; read as
    the level 2 under 产出指标, it is the level 1 of a level 2 that it accepts and 产出指标 does not (经济成本指标)."""
    if level1 and is_level2(word) and accepts(level1, word):
        return level1, word
    if is_level1(word):
        return word, ""
    lifted = is_level1(level2) and accepts(level2, word) and not accepts(level1, word)
    return (level2 if lifted else level1), word


def _indicator(text: str) -> tuple[str, str] | None:
    """(name, target) of an indicator line, None for other lines."""
    bare = _NUMBER.sub("", text)
    match = _PAIR.match(bare) or _OPERATOR.match(bare)
    if not match or not match.group(2).strip() or len(match.group(1).strip()) < 2:
        return None
    if head_field(match.group(1)) == "name" or match.group(1).strip() in _NOT_NAMES:
        return None
    return match.group(1).strip(), match.group(2).strip()


def _projects(rows: list[Row]) -> list[RawProject]:
    rows = _sentences(rows)
    projects: list[RawProject] = []
    project: RawProject | None = None
    heading: tuple[str, Row] | None = None  # a numbered short line without a colon: perhaps a project's name
    listing = False  # in a project's indicators
    level1 = level2 = ""
    listed = False  # level2 was set by a level's line of indicators
    skip = 0  # the lines before this one were read with a sentence that went on over them
    for i, row in enumerate(rows):
        text = _line(row)
        if not text or i < skip:
            continue
        bare = _NUMBER.sub("", text)
        level = _level(bare)
        pair = _PAIR.match(bare)
        label, value = (pair.group(1).strip(), pair.group(2).strip()) if pair else ("", "")
        kind = head_field(label) if label else ""
        if listing and level:
            level1, level2 = _levels(level1, level2, level)
            listed = False
            continue
        if listing and pair and (named := _level(label)):  # '1.数量指标：培训人次≥500人次；培训天数≥10天。'
            levels = _levels(level1, level2, named)
            if items := _inline(value, row.line, *levels, listed=True):
                assert project is not None
                (level1, level2), listed = levels, True
                project.indicators += items
                continue
            if listed:  # a level's line of prose, read whole as before: not under the level of the line above
                level1, level2, listed = levels[0], "", False
        if kind == "name" and value:
            project, listing, heading = _new(projects, value, row), False, None
            continue
        if label in _SECTION or bare.rstrip("：: ") in _SECTION:
            if project is None and heading is not None:
                project = _new(projects, heading[0], heading[1])
            listing, level1, level2 = project is not None, "", ""
            if project is not None and value:  # '绩效指标：产出指标：培训人次≥1200人次，…；满意度指标：…' in a sentence
                sentence, after = _sentence(rows, i, value)
                project.indicators += _inline(sentence, row.line)
                listing, skip = not sentence.endswith("。"), after
            continue
        if listing and _SECTION_HEAD.match(text):
            listing = False  # '第三部分 名词解释', '七、…': the budget's next part
        if listing and (found := _indicator(text)) is not None:
            assert project is not None
            indicator = RawIndicator(name=found[0], target=found[1], level1=level1, level2=level2, line=row.line)
            project.indicators.append(indicator)
            continue
        if kind and value and not listing:
            if project is None or heading is not None:
                if heading is None:
                    continue  # a head line without a project named before it
                project = _new(projects, heading[0], heading[1])
                heading = None
            _head(project, kind, label, value)
            continue
        numbered = bare != text and len(bare) <= _HEADING_CHARS and not pair and not level
        item = not numbered or _ITEM.match(text) and not _opens(rows, i + 1)  # '2.…', not '七、…' or a project's
        if listing and item and "。" not in text and len(text) <= _HEADING_CHARS:
            continue  # an indicator in no form read here ('2.完成时间2026年11月底前'): the list goes on
        listing = False
        heading = (bare, row) if numbered else None
        if numbered:
            project = None
    return [p for p in projects if p.indicators]


def _sentences(rows: list[Row]) -> list[Row]:
    """A line of head sentences ('项目资金：45.00万元。年度绩效目标：…。') as a line each."""
    found = []
    for row in rows:
        parts = [part.strip() for part in _line(row).split("。") if part.strip()]
        heads = [_PAIR.match(_NUMBER.sub("", part)) for part in parts]
        if len(parts) > 1 and all(match and head_field(match.group(1).strip()) for match in heads):
            found += [replace(row, cells=[part]) for part in parts]
        else:
            found.append(row)
    return found


def _sentence(rows: list[Row], start: int, text: str) -> tuple[str, int]:
    """A sentence begun on line `start` with `text`, the lines it wraps onto joined (up to its '。', a blank line or
    a numbered one), and the index of the line after it."""
    end = start + 1
    if not re.search(r"[≥≤＞＜><=＝]|指标[：:]", text):
        return text, end  # no list in it ('绩效指标：详见下表'): the lines below are the list
    while not text.endswith("。") and end < len(rows) and (more := _line(rows[end])) and _NUMBER.sub("", more) == more:
        if _level(more) or _level(_PAIR.sub(r"\1", more)):
            break  # a level's line of a list below
        text, end = text + more, end + 1
    return text, end


def _inline(text: str, line: int, level1: str = "", level2: str = "", listed: bool = False) -> list[RawIndicator]:
    """Indicators written in a sentence: level groups apart by '；', a group's level before its colon, its items
    apart by '，', each a name and its target after a sign ('培训人次≥1200人次'); an item without a sign
    ('干部业务能力明显提升') is not split into name and target and is left out. A level's line of items (`listed`:
    every item an indicator, else none read) gives its levels (`level1`, `level2`), and a target without a sign at an
    item's end ('…明显改善', '…2026年3月底前') is split from its name."""
    found = []
    for group in re.split("[；;]", text.rstrip("。")):
        items = group
        while (pair := _PAIR.match(items.strip())) and (level := _level(pair.group(1).strip())):
            level1, level2 = _levels(level1, level2, level)
            items = pair.group(2)
        for item in re.split(r"，|,(?!\d{3})", items):  # (not the comma of 1,200人次)
            item = _NUMBER.sub("", item.strip())
            if match := _OPERATOR.match(item) or listed and _WORD_TARGET.match(item):
                name, target = match.group(1).strip(), match.group(2).strip()
                found.append(RawIndicator(name=name, target=target, level1=level1, level2=level2, line=line))
            elif listed and item:
                return []  # an item that is prose ('困难群众基本生活得到有效保障'): the line is read whole, as before
    return found


def _opens(rows: list[Row], start: int) -> bool:
    """Whether the lines from `start` go on as a project's head (a head label's line, or 绩效指标) before any
    indicator or level: a numbered line above them names a project, not an indicator."""
    for row in rows[start : start + 4]:
        bare = _NUMBER.sub("", _line(row))
        pair = _PAIR.match(bare)
        if pair and head_field(pair.group(1).strip()) or bare.rstrip("：: ") in _SECTION:
            return True
        if _level(bare) or _indicator(bare) is not None:
            return False
    return False


def _new(projects: list[RawProject], name: str, row: Row) -> RawProject:
    projects.append(RawProject(name=name, line=row.line, page=row.page))
    return projects[-1]


def _head(project: RawProject, kind: str, label: str, value: str) -> None:
    if kind in ("amount", "group") and any(c.isdigit() for c in value) and not project.amount:
        project.amount = value  # '项目资金：320万元'
    elif kind == "department" and not project.department:
        project.department = value
    elif kind in ("goal", "overview", "period", "total_amount") and not getattr(project, kind):
        setattr(project, kind, value)
    else:
        project.fields[label] = value


def parse(rows: list[Row]) -> RawDocument:
    projects = _projects(rows)
    if not projects:
        raise ParseError("没有写成文字行的项目和绩效指标 no project with indicator lines under 绩效指标")
    before = [text for row in rows if row.line < projects[0].line and (text := _line(row))]
    return RawDocument(layout=NAME, title=next(iter(before), ""), year=year(before), projects=projects)


def detect(rows: list[Row]) -> float:
    """1.0 when a named project lists two or more indicators under level lines, else 0.0."""
    listed = (len(p.indicators) >= 2 and any(i.level1 or i.level2 for i in p.indicators) for p in _projects(rows))
    return 1.0 if any(listed) else 0.0


LAYOUT = Layout(
    name=NAME,
    description="逐行写成的绩效目标 goals as text lines: 项目名称 or a numbered heading, 绩效指标, an indicator a line",
    detect=detect,
    parse=parse,
)
