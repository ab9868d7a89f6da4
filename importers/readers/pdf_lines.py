"""Text lines outside a PDF's ruled tables: characters grouped into lines, a line's text and its pieces split at wide
gaps, a cell's lines joined where they wrapped, and the lines of a table drawn without vertical rules cut into the
columns of its header line, or of a header whose narrow columns wrapped or glued its words (a header, a level label
and a table's end told by the importers' vocabulary: columns, level_words, segments)."""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice, takewhile

from importers.cells import WORDLY, unspaced
from importers.columns import (
    SIDE_LABELS,
    column,
    head_field,
    heads_money,
    in_indicator_place,
    key,
    money_table,
    names_indicators,
)
from importers.level_words import is_level1, is_level2
from importers.records import Row
from importers.segments import title

CELL_GAP = 1.5  # a gap this many font sizes wide between two characters of a text line starts a new cell
WORD_GAP = 0.25  # between two Latin letters without a space character, a wider gap is a space
# font sizes: a space no wider is one typed (0.26–0.32 in fpdf2's, Chromium's, LibreOffice's prints; SimSun's 0.5, up to
# 0.61 with letter spacing, in the real documents' titles: '预算01表 收支总表'); a spread two-character label's is 1.0
TYPED_SPACE = 0.75
WRAP_MARGIN = 1.5  # a cell's line ending within this many font sizes of the right edge wrapped
CELL_PADDING = 0.6  # font sizes: at most this between a cell's text and its side (Word's 0.19 cm at 9 pt), unmeasured
ALIGNED = 0.1  # font sizes: lines beginning no further apart begin at one place (a cell's lines set left)
MAX_PADDING = 1.5  # font sizes: a cell's padding measured no wider (Word's 0.19 cm at 5 pt is 1.08)
LIFT_PITCH = 1.6  # font sizes: at most this between two lines of one cell's text
RUN_GAP = 0.25  # font sizes: a gap no wider between two characters of a line keeps them in one run (one cell)
BAND = 5  # lines: a header's words wrapped on at most this many (a browser's narrowest column, 预 算 金 额)
ROUNDING = 0.01  # points: a gap this much over a threshold is at it (a printer's arithmetic), `_wider`
PADDED = 0.12  # font sizes: rows this much farther apart than a name's lines are padded (a browser's 1 px a side)
SEAM = 0.12  # font sizes: a gap wider inside a run (and than its letter spacing), at a column edge, parts two cells
_LATIN = re.compile(r"[A-Za-z]")
_GLUED = re.compile(r"(?:^|[^\sA-Za-z])[A-Za-z]+$")  # a Latin word ending a line, alone or glued to what is before
SPREAD = 3  # spaces between every two characters of a piece this many or more: its spacing, no words ('2 0 2 7')
_NUMBER = re.compile(r"\d[\d,.]*")
_SAME_PLACE = 3.0  # points: a header printed again on the next page stands this near where it stood
_MONEY_CHAR = re.compile("[金资预]")  # in every amount column's label ('预算数', '金额', '资金')
_MONEY_TITLE = re.compile(r"^[^，。；]*(?:资金|预算|经费)[^，。；]*(?:情况|安排|明细|来源|构成)")  # '项目资金安排情况'
_TARGET_START = re.compile(r"[\d≥≤<>=＝＞＜±]")  # how a target begins (a rest of one begins otherwise: 元/人, 以上)
# a target of its own, as a row's whole cell (unspaced): a figure with its short unit ('≥95%', '2027年6月') or a word
# of a state reached ('显著增强', '当年完成'), or a yes or no ('是', '无'), or a step up or down ('提高一级', '提高0.5个
# 等级'); a target's broken line is none ('≤600', '≤640元/', '服务水平', '提高0.5个')
_OWN_TARGET = re.compile(
    r"[≥≤<>=＝＞＜±]?\d[\d,.]*[^\d,.]{1,3}(?:\d{1,2}[^\d,.]{1,3})?(?<!/)"
    r"|.{0,4}(?:改善|提升|提高|健全|完善|增强|加强|降低|减少|下降|达标|合格|规范|及时|有效|良好|稳定|到位|完成|落实|明确)"
    r"|[是否无]"
    r"|.{0,4}(?:提高|提升|降低|下降)(?:\d[\d.]*|[一二两三四五六七八九十]+)个?(?:百分点|等级|级|档)"
)
_MONTH = re.compile(r"\d{1,2}\s*月")  # a date's rest after its year ('2027年' ⏎ '10月底前')
_DATE_ON = re.compile(r"[年月日]")  # a date's rest after its bare figure ('2027' ⏎ '年11月30')
# a unit's first or last character, how a figure's line goes on ('人次', '元/人', '年11月30', '次'; not '较好', '有')
_UNIT_CHARS = "%％‰/万亿千百人户个元公米里亩顷吨斤件项次所家座台套册场期天日"
_UNIT_CHARS += "周月年时分篇批辆张株棵头只处条本份部名位间栋床例宗倍平立方"  # ('≥1.2万' ⏎ '平方米', '≥1200平' ⏎ '方米')
_UNIT = re.compile(f"[{_UNIT_CHARS}]")
_FIGURE_UNIT = re.compile(f"[≥≤<>=＝＞＜±]?\\d[\\d,.]*[{_UNIT_CHARS}]{{1,2}}")  # a figure, its unit's first characters
# a unit's whole rest, its characters a unit's alone ('人次', '平方米', '万元', '元/人·年', '个百分点', '人次以上'; not
# '时效性强', '个性化', '户户通', nor a word of one character twice, '户户' ⏎ '通', '天天')
_UNIT_REST = re.compile(f"(?!.*(.)\\1)[{_UNIT_CHARS}点瓦克秒·]+(?:及?以[上下内]|左右)?")
_BOUND = re.compile(r"及?以[上下内]|左右")  # a bound's word after its target, never a target ('提高一级' ⏎ '以上')
_TAIL = re.compile(r"^(?:注|备注|说明|填报人|填表人|审核人|联系人|联系电话|单位负责人)\s*[：:]")  # a line under a table


def text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (by their baseline), each line left to right; a line's own smaller glyph (a
    superscript, `m²` set as `m<sup>2</sup>`, beginning it by its baseline) does not make the rest a line apart."""
    lines: list[list[dict]] = []
    base = 0.0
    for char in sorted(chars, key=lambda c: (round(c["base"], 1), c["x0"])):
        here = char["base"]
        if lines and (abs(here - base) <= lines[-1][0]["size"] / 2 or abs(here - base) <= char["size"] / 2):
            lines[-1].append(char)
        else:
            lines.append([char])
            base = here
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def line_text(line: list[dict]) -> str:
    """A line's text: the document's own spaces (a run of them as one); between two Latin letters a wide gap
    without a space character is a space too. No space is made up between Chinese characters or digits."""
    text = ""
    before = None
    for char in line:
        if char["text"] == " ":
            if text and not text.endswith(" "):
                text += " "
            continue
        if (
            before is not None
            and not text.endswith(" ")
            and _LATIN.match(before["text"])
            and _LATIN.match(char["text"])
            and char["x0"] - before["x1"] > WORD_GAP * char["size"]
        ):
            text += " "
        text += char["text"]
        before = char
    return text.strip()


def wrapped_text(chars: list[dict], right: float, left: float | None = None) -> str:
    """A cell's lines, joined where the text wrapped at the right edge, else with a line break; text turned a
    quarter (Excel's 向上/向下旋转文字) in its reading order. `left`: the cell's left rule, where it has one (its
    padding is measured there, `_padding`)."""
    if chars and not any(c.get("upright", True) for c in chars):
        return _turned_text(chars)
    return _wrapped(chars, right, left)[0]


def line_ends(chars: list[dict], right: float, left: float | None = None) -> tuple[tuple[float, int], ...]:
    """Each of a cell's lines' top and where it ends in the cell's `wrapped_text` (a wide print's page to the right
    holds the rest of each line its side cut: it goes there); () for text turned a quarter."""
    if chars and not any(c.get("upright", True) for c in chars):
        return ()
    return tuple((min(c["top"] for c in line), at) for line, at in _wrapped(chars, right, left)[1])


def _padding(lines: list[list[dict]], left: float | None, right: float) -> float | None:
    """A cell's padding in points, measured from its left rule to where its lines begin, where two of them or more
    begin there (a cell set left or justified; a centred one's lines begin apart) and no wider than MAX_PADDING (a
    wider one is an indent on the left alone); None when not measured. No wider than the least room a line left
    before the right rule either: an indent (Excel's 缩进, Word's 左缩进) pads the left side alone."""
    starts = sorted(line[0]["x0"] for line in lines if line)
    if left is None or len(starts) < 2:
        return None
    size = lines[0][0]["size"] or 1.0
    aligned = starts[1] - starts[0] <= ALIGNED * size
    padding = max(0.0, min(starts[0] - left, min(right - line[-1]["x1"] for line in lines if line)))
    return padding if aligned and starts[0] - left <= MAX_PADDING * size else None


def _wrapped(chars: list[dict], right: float, left: float | None = None) -> tuple[str, list[tuple[list[dict], int]]]:
    text = last = ""  # the cell's text, and its last line's
    ends: list[tuple[list[dict], int]] = []  # each line, and where it ends in the text
    gap = 0.0  # the last line's distance from the right edge, in font sizes, less its padding over CELL_PADDING
    room = None  # the room the last line left before the padding (its gap less the padding measured), in font sizes
    spaced = False  # the last line ends with a space the print drew: it wrapped there ('通过 ISO ' | '27001 认证')
    lines = text_lines(chars)
    padding = _padding(lines, left, right)
    for line in lines:
        piece = line_text(line)
        if not piece:
            continue
        if text:
            # a line that ran to its edge, the padding measured: no room for the next line's first character there,
            # so it wrapped inside a word or a run of Chinese ('SCAD' | 'A', 'ISO' | '27001': a browser's break-all,
            # Word's 允许西文在单词中间换行; '质量管' | '理体系', a padding over CELL_PADDING leaving a WRAP_MARGIN)
            full = room is not None and room <= _lead(line) + ALIGNED
            # two Latin letters: a space, but in a code glued to what stands before it, or filling its line alone, on
            # a line that ran to its edge ('建设SCAD' | 'A监控', 'CM' | 'MI3级'; 'Treat the towns' | 'water' wrapped at
            # a space, the next word had no room); a capital after a small letter opens a word ('使用Microsoft' |
            # 'Office办公软件')
            inside = full and _GLUED.search(last) and not (text[-1].islower() and piece[0].isupper())
            latin = _LATIN.match(text[-1]) and _LATIN.match(piece[0]) and not inside
            # a mark no line may start with takes the character before it along to the next line (避头):
            # '…服务120' | '个，…' wrapped, the first line shorter by that character
            pushed = gap < WRAP_MARGIN + 1 and piece[1:2] in _NO_LINE_START and piece[:1] not in _NO_LINE_START
            # after a space beside a Latin letter, a digit or %, as a line outside the tables keeps it (`spans`); or one
            # the print did not draw (Chromium), told between a Latin letter or a digit ending the line and one starting
            # the next, a Latin letter among them, whose first character had room there: a word wrapped inside fills
            # its line ('GB/T' | '22239', not 'ISO 2700' | '1'); a number may wrap short inside ('29%-2' | '0%')
            wordly = WORDLY.match(text[-1]) and WORDLY.match(piece[0]) and _LATIN.search(text[-1] + piece[0])
            unseen = wordly and not full and gap > _width(line[0]) + CELL_PADDING
            at_space = bool(spaced and (WORDLY.match(text[-1]) or WORDLY.match(piece[0])) or unseen)
            # a line ending short with a space wrapped there where the next line's Latin word or number had no room
            # ('ISO ' | '27001'); one that had room ended ('。 ' | '2.统筹…', a list's next item), as did one ending
            # a sentence ('运行。 ' | '2026-2027 年度…': a line break typed after a space); so a Chinese character
            # before a Latin code that had no room ('通过' | 'ISO27001认证', '符合' | 'GB/T…'), no space typed; not
            # before a number: a line opening with a year or an amount is often typed so ('任务' | '2026年12月底前…')
            ideograph = "\u4e00" <= text[-1] <= "\u9fff" and _LATIN.match(piece[0])
            free = gap if room is None else room  # the room the line left, measured where the padding is
            roomless = (at_space or ideograph) and text[-1] not in _SENTENCE_END and _first_word(line) > free
            # a browser wraps after a hyphen in a number or a code ('22239-' | '2019'), LibreOffice after a slash too
            # ('GB/' | 'T22239-2019'), short where the rest had no room
            hyphened = text[-1] in "-/" and WORDLY.match(piece[0]) and _first_word(line) > free
            joins = gap < WRAP_MARGIN or full or pushed or roomless or hyphened
            text += (" " if latin or at_space else "") if joins else "\n"
        text += piece
        last = piece
        ends.append((line, len(text)))
        size = line[-1]["size"] or 1.0
        gap = (right - line[-1]["x1"]) / size
        room = None if padding is None else gap - padding / size
        if room is not None:  # a padding wider than CELL_PADDING, measured, is not room left
            gap = min(gap, room + CELL_PADDING)
        spaced = line[-1]["text"] == " "
    return text, ends


def _width(char: dict) -> float:
    """A character's width in font sizes."""
    return (char["x1"] - char["x0"]) / (char["size"] or 1.0)


def _lead(line: list[dict]) -> float:
    """How wide a line's first character is, with the marks after it no line may start with (they go along: 'B/',
    '证。'), in font sizes."""
    rest = list(takewhile(lambda c: c["text"] in _NO_LINE_START or c["text"] in _NO_CODE_START, line[1:]))
    return ((rest or line[:1])[-1]["x1"] - line[0]["x0"]) / (line[0]["size"] or 1.0)


def _first_word(line: list[dict]) -> float:
    """How wide a line's first word of Latin letters, digits and marks is, in font sizes (0 when it begins with a
    Chinese character)."""
    word = list(takewhile(lambda c: c["text"] != " " and c["text"].isascii(), line))
    return (word[-1]["x1"] - word[0]["x0"]) / (word[0]["size"] or 1.0) if word else 0.0


def _unbroken(chars: list[dict], unit: bool = False) -> float:
    """How wide what a line begins with is, that no line breaks inside: a Latin word or a figure ('APP', '2026'), or a
    character with a mark no line may start with after it ('务、', `_pushed`); else its first character; in a target
    (`unit`), with a slash and the character after it (LibreOffice moves a unit so written whole: '≤600' ⏎ '元/人',
    never '元/' ⏎ '人'; a name so begun, '县/乡两级站点数', atop a page is more often a row of its own)."""
    n = next((k for k, c in enumerate(chars) if not _WORD.match(c["text"])), len(chars)) or 1
    n = 2 if n == 1 and _pushed("".join(c["text"] for c in chars[:2])) else n
    n = n + 2 if unit and n + 1 < len(chars) and chars[n]["text"] == "/" else n
    return chars[n - 1]["x1"] - chars[0]["x0"]


_WORD = re.compile(r"[A-Za-z0-9.,%]")  # the characters of a word or figure (no line breaks inside one)


def _pushed(line: str) -> bool:
    """Whether a line starts with the character a mark no line may start with took along from the line above
    ('放，救…' under '额发', which did not run to its edge)."""
    return line[1:2] in _NO_LINE_START and line[:1] not in _NO_LINE_START


_NO_LINE_START = frozenset("，。、；：？！）》」』”’%")  # marks no line may start with (避头)
_SENTENCE_END = frozenset("。；！？;!?")  # marks ending a sentence or an item
_NO_CODE_START = frozenset("/.,:;!?)]}-")  # marks no line of a code or number may start with ('GB/T', 'V2.0')


def _turned_text(chars: list[dict]) -> str:
    """A cell's text turned a quarter: read upwards (its lines left to right) when turned anticlockwise, downwards
    (its lines right to left) when clockwise; each character was a line of its own, read top down ('标指出产')."""
    up = (chars[0].get("matrix") or (0, 1))[1] > 0
    size = max(chars[0].get("size") or 1, 1)
    ordered = sorted(
        chars, key=lambda c: (round(c["x0"] / size), -c["top"]) if up else (-round(c["x0"] / size), c["top"])
    )
    return "".join(c["text"] for c in ordered if c["text"] != " ")


def spans(line: list[dict]) -> list[tuple[float, float, str]]:
    """A text line's pieces split where the gap is wide (CELL_GAP font sizes), each with its left and right x; a
    piece keeps the document's spaces beside a Latin letter, a digit or % ('不超过 2 小时', 'ISO 27001') and those a
    typed space's width between other characters ('2026 年 项目…'), not a justified line's wider ones (`_spaced`)."""
    solid = [c for c in line if c["text"] != " "] or line
    at = {id(char): n for n, char in enumerate(line)}  # each character's place on the line
    found, start = [], 0
    for i in range(1, len(solid) + 1):
        if i == len(solid) or solid[i]["x0"] - solid[i - 1]["x1"] > CELL_GAP * solid[i]["size"]:
            found.append((solid[start]["x0"], solid[i - 1]["x1"], line_text(_spaced(line, at, solid[start:i]))))
            start = i
    return found


def _spaced(line: list[dict], at: dict[int, int], piece: list[dict]) -> list[dict]:
    """A piece's characters with the line's spaces between them (`at`: each character's place on the line) that
    stand beside a Latin letter, a digit or %, or are a typed space's width ('预算 12 表 项目…'; a wider one between two
    Chinese characters spreads a justified line); none in a piece spread out by a space between every two characters
    ('2 0 2 7 年 项 目', '项 目 支 出 绩 效 目 标 表': a title's spacing)."""
    gaps = [line[at[id(before)] + 1 : at[id(char)]] for before, char in zip(piece, piece[1:])]
    if len(gaps) >= SPREAD and all(gaps):
        return piece
    out = piece[:1]
    for before, char, between in zip(piece, piece[1:], gaps):
        wordly = WORDLY.match(before["text"]) or WORDLY.match(char["text"])
        if between and (wordly or char["x0"] - before["x1"] <= TYPED_SPACE * char["size"]):
            out.append(between[0])
        out.append(char)
    return out


# column → how far a table's last line's piece in it stands in from the column's edges (left, right), and its size
_Foot = dict[int, tuple[float, float, float]]


@dataclass
class OpenTable:
    """The header of a table drawn without vertical rules that ran to its page's last line, carried to the next page:
    that page's lines go on in its columns where they begin without a header of their own (Word does not repeat
    it unless told to)."""

    header: list[tuple[float, float, str]] = field(default_factory=list)
    tops: bool = False  # its labels stood on their groups' first rows (`_labels`)
    top: str = ""  # that page's first line, digits aside, where no row: a running head if the next page opens with it
    foot: _Foot = field(default_factory=dict)  # where its last line's pieces stood in their columns (and its heads')
    rest: list[str] = field(default_factory=list)  # this page's first line, the rest of that line's row (`_rest`)
    target: str = ""  # the last page's last row's target
    unsure: bool = False  # `rest` may be a row of its own: the words do not tell (`_carried`)


def under_headers(
    lines: list[list[dict]], going_on: OpenTable | None = None, rules: list[dict] | None = None
) -> list[tuple[list[dict], list[str]]]:
    """Text lines as rows of cells (each row's characters and its cells), split where the gap is wide; but the lines
    of a table drawn without vertical rules, under its header line (a line naming an indicator and a target column),
    are cut into the header's columns by where their characters stand, not by the gaps between them (columns closer
    than CELL_GAP were glued: '…运行维护产出指标'; a row short of a cell was padded on the left), and made into its
    rows (`_table_rows`). A run of characters is one cell's; a column begins at the widest gap no run crosses
    between its header word and the one before (`_column_edges`); a side label left of the header's first word is
    no row's (`_off_side`). A table's title, a form's head label, a line over three columns or a money table's
    header (with its title above it) ends the table. `going_on`: the last page's table still open, whose header cuts
    this page's first lines where they are no header, title or text of their own and some line holds two cells; set
    to this page's table where it runs to the last line. `rules`: the page's level rules, where a table's rows are
    ruled by their borders (`_table_rows`)."""
    pieces = [spans(line) for line in lines]
    header = [names_indicators([column(text) for _, _, text in line]) for line in pieces]
    found: list[tuple[list[dict], list[str]]] = []
    carried, open_head, tops = going_on.header if going_on else [], [], False
    foot: _Foot = {}
    last = ""
    top = re.sub(r"\d", "", "".join(text for _, _, text in pieces[0])) if lines else ""  # (its page number aside)
    i = 0
    if going_on and carried and len(lines) > 1 and not header[0] and top == going_on.top:
        found.append((lines[0], [" ".join(text for _, _, text in pieces[0])]))  # the running head atop every page:
        # no row (one cell: its pieces, '某区教育局 | 2026年预算', had been an indicator and its target)
        i = 1
    if going_on and carried and i < len(lines) and not header[i] and not _wrapped_band(lines, i):
        end = _table_end(lines, pieces, header, i, carried)
        if any(len(_runs(line)) > 1 for line in lines[i:end]):
            rows, tops, foot, going_on.rest, going_on.unsure = _cut(
                carried, lines[i:end], pieces[i:end], going_on.tops, going_on.foot, rules, going_on.target
            )
            found += rows
            last = _last_target(carried, rows)
            top = top if i else ""  # (the table's row, no running head)
            i, open_head = end, carried
    while i < len(lines):
        if band := _wrapped_band(lines, i):
            taken, words = band  # a header whose words narrow columns wrapped: its lines as one row
            pieces[i], header[i] = words, True
            found.append(([c for line in lines[i : i + taken] for c in line], [text for _, _, text in words]))
            lines = lines[: i + 1] + lines[i + taken :]
            del pieces[i + 1 : i + taken], header[i + 1 : i + taken]
        elif above := _value_above(lines, pieces, i, found):  # a label centred on its value's lines
            below = _value_below(lines, pieces, i)  # (and its wrapped lines below it)
            value = [c for line in lines[i : i + below + 1] for c in line]
            found[-above:] = [_with_value_above(found[-above:], value, pieces[i])]
            (label, (x0, _, text)), right = pieces[i], pieces[i + below][-1][1]
            pieces[i] = [label, (x0, right, text)]  # (the value ends where its last line does: a field above the next)
            lines = lines[: i + 1] + lines[i + below + 1 :]
            del pieces[i + 1 : i + below + 1], header[i + 1 : i + below + 1]
        elif below := _value_below(lines, pieces, i):  # a label at its value's top, its value wrapped below it
            found.append(_with_value_below(lines[i : i + below + 1], pieces[i]))
            lines = lines[: i + 1] + lines[i + below + 1 :]
            del pieces[i + 1 : i + below + 1], header[i + 1 : i + below + 1]
        elif around := _value_around(lines, pieces, i, found):  # a label centred between its value's lines
            above, below = around
            value = [c for chars, _ in found[-above:] for c in chars] + [
                c for line in lines[i + 1 : i + below + 1] for c in line
            ]
            found[-above:] = [(value + lines[i], [pieces[i][0][2], wrapped_text(value, max(c["x1"] for c in value))])]
            lines = lines[: i + 1] + lines[i + below + 1 :]
            del pieces[i + 1 : i + below + 1], header[i + 1 : i + below + 1]
        else:
            found.append((lines[i], [text for _, _, text in pieces[i]]))
        open_head = []
        if not header[i]:
            i += 1
            continue
        end = _table_end(lines, pieces, header, i + 1, pieces[i])
        rows, tops, foot, _, _ = _cut(pieces[i], lines[i + 1 : end], pieces[i + 1 : end], rules=rules)
        found += rows
        last = _last_target(pieces[i], rows)
        open_head = pieces[i]
        i = end
    if going_on:
        going_on.header, going_on.tops, going_on.top, going_on.foot = open_head, tops, top, foot if open_head else {}
        going_on.target = last if open_head else ""
    return found


def _last_target(head: list[tuple[float, float, str]], rows: list[tuple[list[dict], list[str]]]) -> str:
    """The target of a table's last row (`rows`, cut into the columns of its header's words `head`)."""
    kinds = [column(text) for _, _, text in head]
    target = kinds.index("target") if "target" in kinds else -1
    return rows[-1][1][target] if rows and 0 <= target < len(rows[-1][1]) else ""


def own_header(line: list[dict], head: list[tuple[float, float, str]]) -> bool:
    """Whether a line is a table's header of its own, not `head` printed again (its words where `head`'s stand): an
    indicator table's header or a money table's (`heads_money`)."""
    pieces = spans(line)
    if all(any(text == t and abs(x0 - h0) <= _SAME_PLACE for h0, _, t in head) for x0, _, text in pieces):
        return False
    if names_indicators([column(text) for _, _, text in pieces]):
        return True
    return heads_money([line_text(run) for run in _runs(line, spaced=True)])  # (which `spans` may glue)


def _table_end(
    lines: list[list[dict]],
    pieces: list[list[tuple[float, float, str]]],
    header: list[bool],
    start: int,
    head: list[tuple[float, float, str]],
) -> int:
    """The first line from `start` on that is no row of the table under `head`: another header, or a line ending it
    (`_ends_table`); a money table's header (`_money_head`) ends it with its title above it, a line of one piece
    naming money set as no name of the table's rows is (the header's words set apart in `pieces`, its wrapped lines
    made one in `lines`, `pieces` and `header`, as the money table's reading wants them)."""
    end, money = start, None
    while (
        end < len(lines)
        and not header[end]
        and not _ends_table(pieces[end], head, lines[end])
        and not (money := _money_head(lines, pieces, end, head))
    ):
        end += 1
    if money:
        taken, words = money
        lines[end : end + taken] = [[c for line in lines[end : end + taken] for c in line]]
        pieces[end : end + taken], header[end : end + taken] = [words], [False]
        above, first = pieces[end - 1] if end > start else [], max(start - 1, 0)  # (the header's line, if here)
        if (
            len(above) == 1
            and _MONEY_TITLE.search(above[0][2])
            and not _as_names(lines[first:end], pieces[first:end], end - 1 - first, head)
        ):
            end -= 1  # its title above it
    return end


def _as_names(
    lines: list[list[dict]], pieces: list[list[tuple[float, float, str]]], i: int, head: list[tuple[float, float, str]]
) -> bool:
    """Whether line i's one piece stands as the names of the table's rows above it do: in the column under the
    header's name word (between its neighbours), beginning or centred where one does (within half a character), and
    no farther below the line above than the table's lines stand apart: an indicator's name alone on its line
    ('资金使用情况', its target blank, its levels merged with the rows above), no title over the table below."""
    n = next((k for k, (_, _, text) in enumerate(head) if column(text) == "name"), None)
    bases = [line[0]["base"] for line in lines[: i + 1]]
    steps = [b - a for a, b in zip(bases, bases[1:])]
    if n is None or len(steps) < 2 or steps[-1] > max(steps[:-1]) + ROUNDING:
        return False
    left = head[n - 1][1] if n else float("-inf")
    right = head[n + 1][0] if n + 1 < len(head) else float("inf")
    x0, x1, text = pieces[i][0]
    half = (x1 - x0) / max(len(text.replace(" ", "")), 1) / 2
    names = [(a, b) for row in pieces[:i] for a, b, _ in row if left < (a + b) / 2 < right]
    return any(abs(a - x0) <= half or abs(a + b - x0 - x1) / 2 <= half for a, b in names)


def _cut(
    head: list[tuple[float, float, str]],
    lines: list[list[dict]],
    pieces: list[list[tuple[float, float, str]]],
    tops: bool = False,
    foot: _Foot | None = None,
    rules: list[dict] | None = None,
    last: str = "",
) -> tuple[list[tuple[list[dict], list[str]]], bool, _Foot, list[str], bool]:
    """A table's lines (`pieces`: theirs split at wide gaps) under its header's words `head`, cut into its columns and
    made into its rows (`_table_rows`), a side label left of the header's first word taken out (`_off_side`), with
    where its last line's pieces stand in their columns (`OpenTable.foot`). On a page the table goes on to (`foot`:
    the last page's), its first lines holding neither a name nor a target are rows of their own: the rests of the
    last page's row Word broke over the page ('服务对象满意度指' ⏎ '标'), which had joined the next row, its labels
    shifting every label below; the line after them holding a target is that row's rest where every
    piece of it goes on in one that ran to its column's edge (`_rest`), returned apart to be joined to it, unless its
    words make it a row of its own (`_carried`; `last`: the last page's last row's target), and whether they leave it
    unsure."""
    if aside := _off_side(lines, head[0][0]):
        lines = [kept for line in lines if (kept := [c for c in line if id(c) not in aside])]
        pieces = [spans(line) for line in lines]
    seam = max(SEAM, _spacing(lines))
    data = [run for line in lines for run in _runs(line, seam)]  # (the gaps between cells)
    edges = _column_edges(head, pieces, data)
    cut = []
    for line in lines:
        cells: list[list[dict]] = [[] for _ in edges]
        for run in _seamed(_runs(line), edges, seam):  # a run stands together ('1200人次' over 指标值 | 单位)
            middle = (run[0]["x0"] + run[0]["x1"]) / 2
            cells[max(bisect.bisect(edges, middle) - 1, 0)] += run
        cut.append(cells)
    kinds = [column(text) or _head(text) for _, _, text in head]
    ends = [k for k, kind in enumerate(kinds) if kind in ("name", "target")]
    rests = len(list(takewhile(lambda cells: not any(cells[k] for k in ends), cut))) if foot is not None else 0
    target = kinds.index("target") if "target" in kinds else -1
    first = rests
    heads = {k for k, kind in enumerate(kinds) if kind == "head"}
    name = kinds.index("name") if "name" in kinds else -1
    beside = list(islice((cells for cells in cut[first + 1 :] if any(cells[k] for k in ends)), 1))  # (the next row)
    reading = (
        _carried(cut[first], name, target, last, any(cut[first][k] for k in heads))
        if foot and first < len(cut) and _rest(cut[first], foot, target, heads, beside)
        else "row"
    )
    rest = [line_text(chars) for chars in cut[first]] if reading != "row" else []
    if rest:  # (and the lines under it holding neither a name nor a target: the rests of its labels)
        rests += 1 + len(list(takewhile(lambda cells: not any(cells[k] for k in ends), cut[first + 1 :])))
    taken = []  # (a head's rests beside a name's rest alone, with their lines below: they go along, the line left)
    if foot and first < len(cut) and not rest and _heads_rest(cut[first], foot, target, heads, beside):
        only = list(
            takewhile(lambda cells: all(k in heads for k, chars in enumerate(cells) if chars), cut[first + 1 :])
        )
        if not any(cells[min(heads)] for cells in only):  # (a project's first head cell below: a new project's head)
            taken = [
                "\n".join(text for cells in (cut[first], *only) if (text := line_text(cells[k]))) if k in heads else ""
                for k in range(len(cut[first]))
            ]
            cut[first : first + 1 + len(only)] = [[[] if k in heads else chars for k, chars in enumerate(cut[first])]]
    rest_base = next(chars[0]["base"] for chars in cut[first] if chars) if rest else None
    rows, tops, ending = _table_rows(kinds, cut[rests:], tops, rules or [], rest_base, foot is not None)
    alone = [(line, [line_text(chars) for chars in cells]) for line, cells in zip(lines, cut[:rests])]
    return alone[:first] + alone[first + bool(rest) :] + rows, tops, ending, rest or taken, reading == "unsure"


def _carried(cells: list[list[dict]], name: int, target: int, last: str, held: bool) -> str:
    """How a page's first line `_rest` found in its place (every piece under a last line that ran to its column's
    edge) reads by its words: 'rest' where it fills the name's column or the target's only, or the last page's last
    row's target `last` is none whole ('服务水平' ⏎ '明显提升', '2027年' ⏎ '10月底前') or is a figure and the line's
    target a word of one or two characters (its unit's rest: '≥3000人' ⏎ '次'), or the line's target is a bound's
    word, never a target ('提高一级' ⏎ '以上': said unsure, or beside a goal's line a row, silently); 'row' where it
    fills both and its target is one as well ('群众安全饮水 | 稳步提高' then '学校办学条件 | 显著增强': LibreOffice
    draws a row's rest and a row alike, and it had been joined, without a word), or a word that only begins as a unit
    does under a figure ('≥2000' then '人性化', `_unit_word`: joined, it had been lost without a word); else 'unsure'
    ('全面完成' ⏎ '年度任务').
    A line `held` beside a head's last line ('底线。') is a row there, as the layout reads it: under a target none
    whole a row's first line had gone along with the goal's, joined to the last row, silently."""
    texts = [unspaced(line_text(cells[k])) if 0 <= k < len(cells) else "" for k in (name, target)]
    last = unspaced(last)
    if not all(texts) or last.endswith("年") and _MONTH.match(texts[1]) or _BOUND.fullmatch(texts[1]):
        return "rest"
    whole = _OWN_TARGET.fullmatch(last)
    if whole and _OWN_TARGET.fullmatch(texts[1]):
        return "row"
    if whole and len(texts[1]) <= 2 and _TARGET_START.match(last):
        return "rest"
    if _TARGET_START.match(last) and _unit_word(texts[1]):
        return "row"
    return "row" if held else "unsure" if whole else "rest"


def _rest(cells: list[list[dict]], foot: _Foot, target: int, heads: set[int], below: list[list[list[dict]]]) -> bool:
    """Whether a page's first line cut into columns (`cells`) is the rest of the last page's last row with its
    target's, Word breaking the row over the page ('人均救助标' | '≤600' ⏎ '准' | '元/人'; '项目完成' | '2027年' ⏎
    '时间' | '10月底前'): each of its pieces stands under a piece of the last page's last line that ran to its
    column's edge (`foot`: as the column's wrapped lines end), within a character or the word it begins with
    (`_unbroken`; set in from both edges where centred), only within that word where it begins with a figure, and
    its target begins with no sign ('≥95%' then '=100%': two targets). A row of its own there had been read, the
    target cut short and its rest a false indicator, without a word. A line holding no target, or the first head
    column's cell (`heads`: 序号, or the name where no 序号 stands: a project's first row) or a head going on beside
    the next row (`below`), is left to the layout; a head's line beside it (the goal's, '底线。' | '众人数' | '次')
    goes along, as the layout joins a head's rest (it had kept the line a row, the indicator cut in two, silently),
    and so do its lines under it alone ('兜住底线。', stop 60b's B14: joining a goal going on beside the next row
    had lost its lines there, stop 60b's C06)."""
    text = line_text(cells[target]) if 0 <= target < len(cells) else ""
    if not text or _TARGET_START.match(text[0]) and not text[0].isdigit() or heads and cells[min(heads)]:
        return False
    if any(cells[k] and line[k] for k in heads for line in below):
        return False
    return _ran_on(cells, foot, target, [k for k, chars in enumerate(cells) if chars and k not in heads])


def _ran_on(cells: list[list[dict]], foot: _Foot, target: int, columns: list[int]) -> bool:
    """Whether a page's first line's pieces in these columns each stand under a piece of the last page's last line
    that ran to its column's edge (`_rest`)."""
    for k in columns:
        if k not in foot:
            return False
        lead, short, size = foot[k]
        begun = _unbroken(cells[k], k == target)
        room = begun if _TARGET_START.match(line_text(cells[k])) else max(size, begun)
        if (short if lead <= ROUNDING else lead + short) >= room:
            return False
    return True


def _heads_rest(
    cells: list[list[dict]], foot: _Foot, target: int, heads: set[int], below: list[list[list[dict]]]
) -> bool:
    """Whether a page's first line holding no target, a name's rest the layout joins to its row ('人数'), holds the
    rests of the last page's head cells beside it that go along on their own (the goal's '安全隐患。', a project's
    name's '淤疏通', each under a line of its that ran to the column's edge): no project's first head cell, no head
    going on beside the next row (`below`). Left in the line, they had kept it a row, the indicator cut in two,
    silently (stop 59b's F03)."""
    held = [k for k in heads if cells[k]]
    if not held or cells[min(heads)] or 0 <= target < len(cells) and cells[target]:
        return False
    return not any(line[k] for k in held for line in below) and _ran_on(
        cells, foot, target, [k for k, chars in enumerate(cells) if chars]
    )


def _value_above(
    lines: list[list[dict]],
    pieces: list[list[tuple[float, float, str]]],
    i: int,
    found: list[tuple[list[dict], list[str]]],
) -> int:
    """How many lines right above line i, a head's label and its value ('年度目标 | 于5000名…'), are its value's
    first lines: the label centred on the value's lines (a merged cell as tall as the value), so the value began
    above it, each line of one piece starting where the value does, running to its edge (wrapped) and as near as a
    cell's next line, each read as a line of its own (`found`); no more than the value's lines below, or none below
    where the field above them ended short (the label set at its value's bottom, on its last line). They had been a
    field of their own (说明), the goal's beginning lost without a word. 0 for any other line, and where a field
    above them ran to its edge: they may be its value's rest (its label set at its value's top)."""
    if len(pieces[i]) != 2 or i == 0 or len(pieces[i - 1]) != 1 or head_field(pieces[i][0][2]) in ("", "other"):
        return 0
    x0, x1, _ = pieces[i][1]
    size = lines[i][-1]["size"]

    def goes_on(j: int) -> bool:  # line j holds a piece of the value, as near as a cell's next line to line k
        return (
            0 <= j < len(lines)
            and len(pieces[j]) == 1
            and abs(pieces[j][0][0] - x0) <= size / 2
            and abs(lines[j][0]["base"] - lines[i][0]["base"]) <= LIFT_PITCH * _largest(lines[j], lines[i]) * abs(j - i)
        )

    above = 0
    while (
        goes_on(i - above - 1)
        and _runs_to(pieces[i - above - 1][0], x0, x1, size)
        and len(found) > above
        and found[-above - 1][0] is lines[i - above - 1]
    ):
        above += 1
    top = pieces[i - above - 1] if above < i else []  # the line above them
    field = len(top) == 2 and head_field(top[0][2]) not in ("", "other")
    edge = max([x1] + [line[0][1] for line in pieces[i - above : i]])  # (a value's last line may end short)
    base = [line[0]["base"] for line in lines[i - above - 1 : i + 1]]  # (the field's line, then the value's lines)
    if (
        above
        and field
        and _runs_to(top[1], x0, edge, size, lines[i - above])
        and base[1] - base[0] < base[-1] - base[-2] + 0.1 * size  # (not a row's padding farther than a cell's line)
    ):
        return 0  # a field whose value ran to its edge, going on in them ('项目概况 | …', its label at the value's top)
    below = 0
    while goes_on(i + below + 1):
        below += 1
    if above > below and (below or not field or not all(_runs_to(p[0], x0, edge, size) for p in pieces[i - above : i])):
        return 0
    return above


def _largest(*lines: list[dict]) -> float:
    """The largest glyph's size in these lines: a bigger glyph (`㎡` at 1.4 em) spreads its line from the others."""
    return max(c["size"] for line in lines for c in line)


def _value_below(lines: list[list[dict]], pieces: list[list[tuple[float, float, str]]], i: int) -> int:
    """How many lines right below line i, a head's label and its value's first line ('年度目标 | 为全市…'), are its
    value's rest: the label set at its value's top, each line of one piece starting where the value does, as near as
    a cell's next line, under a line that ran to the values' edge (the widest of the head's values about it, BAND
    lines above and below). They had been lines of their own, the goal losing all but its first line without a word.
    0 for any other line."""
    if len(pieces[i]) != 2 or head_field(pieces[i][0][2]) in ("", "other"):
        return 0
    x0, x1, _ = pieces[i][1]
    size = lines[i][-1]["size"]
    below = 0
    for j in range(i + 1, len(lines)):
        if len(pieces[j]) != 1 or abs(pieces[j][0][0] - x0) > size / 2:
            break
        step = lines[j][0]["base"] - lines[j - 1][0]["base"]
        if (
            step > LIFT_PITCH * _largest(lines[j - 1], lines[j])
            or j + 1 < len(lines)
            and step > lines[j + 1][0]["base"] - lines[j][0]["base"] + 0.1 * size
            and all(abs(c["size"] - size) < 0.05 * size for c in lines[j - 1] + lines[j])
        ):
            break  # (farther than a cell's next line, or than the line below it: a row's padding, a row of its own,
            # where no bigger or smaller characters, a superscript or a subscript, spread the lines)
        below += 1
    near = pieces[max(i - BAND, 0) : i + below + BAND + 1]  # the head's values about it: their column's right edge
    edge = max(line[-1][1] for line in near if line and abs(line[-1][0] - x0) <= size / 2)
    taken = 0
    while taken < below and _runs_to(pieces[i + taken][-1], x0, edge, size, lines[i + taken + 1]):
        taken += 1
    return taken


def _value_around(
    lines: list[list[dict]],
    pieces: list[list[tuple[float, float, str]]],
    i: int,
    found: list[tuple[list[dict], list[str]]],
) -> tuple[int, int] | None:
    """How many lines right above and below line i, a head's label alone ('年度目标'), are its value's: the label
    centred on a value of an even count of lines, so it stands between them; as many lines above as below, each of
    one piece beginning where the others do, as near as a cell's next line, those above running to the values' edge
    (wrapped: the widest of the head's values about it, BAND lines above and below) and read as lines of their own
    (`found`). The goal had kept its lines below alone, without a word.
    None for any other line."""
    if len(pieces[i]) != 1 or i == 0 or len(pieces[i - 1]) != 1 or head_field(pieces[i][0][2]) in ("", "other"):
        return None
    x0, size = pieces[i - 1][0][0], lines[i][-1]["size"]

    def value(j: int, k: int) -> bool:  # line j one piece of the value, as near to line k as a cell's next line
        return (
            0 <= j < len(lines)
            and len(pieces[j]) == 1
            and abs(pieces[j][0][0] - x0) <= size / 2
            and abs(lines[j][0]["base"] - lines[k][0]["base"]) <= LIFT_PITCH * size
        )

    below = 0
    while value(i + below + 1, i + below):
        below += 1
    near = pieces[max(i - below - BAND, 0) : i + below + BAND + 1]  # the head's values about it: their right edge
    edge = max(line[-1][1] for line in near if line and abs(line[-1][0] - x0) <= size / 2)
    above = 0
    while (
        above < below
        and value(i - above - 1, i - above)
        and _runs_to(pieces[i - above - 1][0], x0, edge, size, lines[i - above] if above else lines[i + 1])
        and len(found) > above
        and found[-above - 1][0] is lines[i - above - 1]
    ):
        above += 1
    return (above, below) if above and above == below else None


def _with_value_below(lines: list[list[dict]], pieces: list[tuple[float, float, str]]) -> tuple[list[dict], list[str]]:
    """A label's line with its value's rest below it (`_value_below`) read into its value."""
    (_, _, label), (x0, _, _) = pieces
    value = [c for line in lines for c in line if c["x0"] >= x0]
    return [c for line in lines for c in line], [label, wrapped_text(value, max(c["x1"] for c in value))]


def _runs_to(piece: tuple[float, float, str], x0: float, x1: float, size: float, nxt: list[dict] | None = None) -> bool:
    """Whether a piece starts at x0 and runs to x1, as a wrapped line of a value there does: short of it by less
    than what the next line (`nxt`, its characters) begins with, which would have stood on it else ('公' ⏎ '里，',
    a mark taking its character along; up to 3 font sizes: a Latin word, a figure); without `nxt`, by less than
    WRAP_MARGIN."""
    room = x1 - piece[1]
    return abs(piece[0] - x0) <= size / 2 and room < (
        min(_unbroken(nxt), 3 * size) - 0.05 * size if nxt else WRAP_MARGIN * size
    )


def _with_value_above(
    above: list[tuple[list[dict], list[str]]], line: list[dict], pieces: list[tuple[float, float, str]]
) -> tuple[list[dict], list[str]]:
    """A label's line with its value's first lines above it (`_value_above`) read into its value."""
    (_, _, label), (x0, x1, _) = pieces
    chars = [c for chars, _ in above for c in chars]
    return chars + line, [label, wrapped_text(chars + [c for c in line if c["x0"] >= x0], x1)]


def _off_side(lines: list[list[dict]], left: float) -> set[int]:
    """The characters (their ids) of a side label standing left of a table's header's first word (`left`) down its
    rows: the merged first column of a national form, 绩效指标 beside 一级指标, centred on the rows or a character a
    line. It is no row's cell: it was read as a row's 一级指标, and the level of the rows below, without a word. Empty
    where no run stands wholly left of the header or what does is no side label."""
    if all(line[0]["x1"] >= left for line in lines):  # (each line left to right)
        return set()
    runs = [run for line in lines for run in _runs(line) if run[-1]["x1"] < left]
    if "".join(line_text(run) for run in runs) not in SIDE_LABELS:
        return set()
    return {id(c) for run in runs for c in run}


def _wrapped_band(
    lines: list[list[dict]], i: int, heads: Callable[[list[tuple[float, float, str]], int], bool] | None = None
) -> tuple[int, list[tuple[float, float, str]]] | None:
    """A header whose words narrow columns wrapped ('一级指' over '标', the words beside them centred between):
    two lines or more from line i, set as close as a cell's lines, whose runs stand in columns (no two runs of a
    line over one another's) and make words that name a table's columns, the wrapped ones each a known word (a
    run alone outside the band's fullest line too); how many lines it takes and its words (left, right, text), or
    None. (Neighbouring cells' words glued by a narrow gap are apart here: runs, not `spans`.) `heads`: whether the
    words, the band's lines taken, head another table (any words, the line after the band given)."""
    size = lines[i][0]["size"]
    for taken in range(BAND, 0, -1):
        band = lines[i : i + taken]
        if len(band) < taken or any(b[0]["base"] - a[0]["base"] > LIFT_PITCH * size for a, b in zip(band, band[1:])):
            continue
        gap = max(RUN_GAP, _spacing(band))
        runs = [(j, run) for j, line in enumerate(band) for run in _runs(line, gap)]
        stacks = _stacks(runs)
        if stacks is None:
            continue
        fullest = max(range(taken), key=lambda j: sum(1 for k, _ in runs if k == j))
        words = []
        for stack in stacks:
            text = "".join(line_text(run) for _, run in stack)
            if not heads and not _known(text) and (len(stack) > 1 or stack[0][0] != fullest):
                break
            words.append((min(r[0]["x0"] for _, r in stack), max(r[-1]["x1"] for _, r in stack), text))
        else:
            glued = taken == 1 and _glued(spans(band[0]), words)
            wrapped = glued or any(len(stack) > 1 for stack in stacks)
            if wrapped and (heads(words, i + taken) if heads else _names_columns(words)):
                return taken, words
    return None


def _glued(pieces: list[tuple[float, float, str]], words: list[tuple[float, float, str]]) -> bool:
    """Whether a header line's pieces (split at wide gaps) glue known words ('一级指标二级指标', which would name
    one column holding both levels): a piece of several words, each of them known."""
    inside = [[w for w in words if x0 <= w[0] and w[1] <= x1] for x0, x1, _ in pieces]
    several = [found for found in inside if len(found) > 1]
    return bool(several) and all(_known(t) for found in several for _, _, t in found)


def _names_columns(words: list[tuple[float, float, str]]) -> bool:
    """Whether a wrapped or glued header's words name a table's columns: an indicator's and a target's, or (the
    page edge cutting them off) three words or more, each known, levels among them."""
    kinds = [column(text) for _, _, text in words]
    if names_indicators(kinds):
        return True
    known = all(_known(text) for _, _, text in words)
    return len(words) >= 3 and known and bool({"level1", "level2"} & set(kinds))


def _known(text: str) -> bool:
    """Whether a header word is one of ours: a column's, a head's label or 序号."""
    return bool(column(text) or head_field(text) or _head(text))


def _stacks(runs: list[tuple[int, list[dict]]]) -> list[list[tuple[int, list[dict]]]] | None:
    """Runs of several lines grouped where they stand over one another, left to right, each group's top down; None
    when a group holds two runs of one line (the lines are no header's columns)."""
    groups: list[list[tuple[int, list[dict]]]] = []
    for line, run in sorted(runs, key=lambda r: r[1][0]["x0"]):
        if groups and run[0]["x0"] < max(r[-1]["x1"] for _, r in groups[-1]):
            groups[-1].append((line, run))
        else:
            groups.append([(line, run)])
    for group in groups:
        if len({line for line, _ in group}) < len(group):
            return None
        group.sort(key=lambda r: r[0])
    return groups


@dataclass
class _Piece:
    """One line's characters in one column of a table drawn without vertical rules."""

    line: int
    column: int
    chars: list[dict]

    @property
    def base(self) -> float:
        return self.chars[0]["base"]

    @property
    def text(self) -> str:
        return line_text(self.chars)


def _table_rows(
    kinds: list[str],
    cut: list[list[list[dict]]],
    tops: bool = False,
    rules: list[dict] | None = None,
    rest_base: float | None = None,
    carried: bool = False,
) -> tuple[list[tuple[list[dict], list[str]]], bool, _Foot]:
    """The rows of a table drawn without vertical rules, from its lines cut into its columns (`kinds`: what each
    header names), and whether its labels stood on their groups' first rows (`_labels`; `tops`: they did on the
    page before, which this one goes on from). A line is a row of its own unless the geometry says otherwise:
    - where rows are set farther apart than a wrapped name's lines (padding; else lines alone do not tell), a line
      whose name continues the name above (that ran to the column's right edge, and this one stands a cell's line
      pitch below it, not merely nearer than two rows: a browser's rows 15 pt apart, taller ones 20) joins its row,
      with its other cells if each continues a cell that ran to its edge, or that ended on the name's last line
      (wrapped with it, beginning as no target does: '≤380' ⏎ '元/人' beside '人均补助标' ⏎ '准',
      `_wrapped_with`), or fills one the row left empty; where they are not, a line holding a name alone, under a
      name that ran to the edge, joins that row when the row has its target and this line has none centred below
      it, and a name's and its target's rests wrapped line for line join it too (`_name_rest`);
    - a line without a name (a cell centred on a row its wrapped name makes taller, or the wrapped rest of such a
      cell) joins the nearer row;
    - a level column's labels (their wrapped lines joined) are printed on their group's first row, or centred on the
      group as a merged cell is: then each label's group is found from the top of the table down, the label's
      middle being the group's, and the label goes to the group's first row (rows below a label take it, as in
      a table that prints it once);
    - where `rules` (the page's level rules) cross the name and target columns and no two targets stand between the
      same two of them, the rows are ruled (a Word table's bottom borders, `_banded`): a line with a name
      joins the row above whose first line stands between the same rules (a lone row on a page, its name's rest
      wrapped below its target, '服务对象' | '≥95%' ⏎ '满意度', had been two rows, without a word);
    - `rest_base`: the baseline of the last page's row's rest, taken off this page's top (`_cut`), the row above the
      first (`_name_rest`); `carried`: the page goes on from the last (its first rows may be a group begun there)."""
    lines = [{k: _Piece(j, k, chars) for k, chars in enumerate(cells) if chars} for j, cells in enumerate(cut)]
    if "name" not in kinds or not any(kinds.index("name") in line for line in lines):
        return (
            [(_chars(line.values()), [line_text(chars) for chars in cells]) for line, cells in zip(lines, cut)],
            False,
            {},
        )
    name = kinds.index("name")
    levels = {k for k, kind in enumerate(kinds) if kind in ("level1", "level2", "head")}
    size = statistics.median(c["size"] for line in lines for piece in line.values() for c in piece.chars)
    right = [max((c["x1"] for cells in cut for c in cells[k]), default=0.0) for k in range(len(kinds))]
    left = [min((c["x0"] for cells in cut for c in cells[k]), default=0.0) for k in range(len(kinds))]

    under: dict[tuple[int, int], _Piece] = {}  # each piece's next line in its column
    lowest: dict[int, _Piece] = {}
    for line in lines:
        for k, piece in line.items():
            if k in lowest:
                under[lowest[k].line, k] = piece
            lowest[k] = piece

    def full(piece: _Piece) -> bool:  # as wide as its column's widest: where lines begin apart (centred), within a
        # character at both edges, or the word the next line begins with ('APP', '2026', `_unbroken`): the room a
        # wrapped line leaves; where they begin together, WRAP_MARGIN at the right
        x0, x1 = min(c["x0"] for c in piece.chars), max(c["x1"] for c in piece.chars)
        lead, short = x0 - left[piece.column], right[piece.column] - x1
        if lead <= ROUNDING:
            return short < WRAP_MARGIN * size
        nxt = under.get((piece.line, piece.column))
        unit = kinds[piece.column] == "target"
        return lead + short < size or nxt is not None and lead + short < _unbroken(nxt.chars, unit)

    numbered = _numbered(lines, kinds)

    def two_rows(above: int, below: int) -> bool:  # two lines showing a project's numbers each: two rows, never one
        return bool(numbered.get(above)) and numbered.get(above) == numbered.get(below)

    names = [line[name] for line in lines if name in line]
    steps = [
        (below.base - above.base, full(above) and not two_rows(above.line, below.line))
        for above, below in zip(names, names[1:])
    ]
    pitch = min((step for step, wrapped in steps if wrapped), default=0.0)  # a wrapped name's lines, if any
    apart = min((step for step, wrapped in steps if not wrapped), default=0.0)  # two rows' names, surely
    closest = min(  # the closest step between any column's consecutive lines, at the table's size
        (
            (below.base - lines[j][k].base) * size / (lines[j][k].chars[0]["size"] or size)
            for (j, k), below in under.items()
        ),
        default=0.0,
    )
    padded = (  # rows farther apart than a cell's lines, the names' as close as the closest any column wraps, at
        # the table's size (a level label's lines beside a taller row: one-line rows a pixel farther apart are two
        # rows, not one name; a level column set smaller wraps closer)
        0 < pitch <= LIFT_PITCH * size and apart >= pitch + 0.3 * size and pitch < closest + 0.05 * size
    )
    cell = min(apart - PADDED * size, closest + 0.05 * size)  # nearer: a cell's next line (rows padded a little)
    band = _banded(lines, kinds, left, right, rules or [])
    rows: list[dict[int, list[_Piece]]] = []  # each row's pieces by column, levels aside
    loose: list[dict[int, _Piece]] = []  # lines without a name
    held = [any(k not in levels and k != name for k in line) for line in lines]  # a line holding a target
    for j, line in enumerate(lines):
        cells = {k: piece for k, piece in line.items() if k not in levels}
        if name not in cells:
            loose.append(line)
            continue
        last = rows[-1] if rows else {}
        if last and two_rows(last[name][0].line, j):  # (a one-row project under another, filled down)
            rows.append({k: [piece] for k, piece in cells.items()})
        elif band and last and band[j] == band[last[name][0].line]:
            for k, piece in cells.items():
                last.setdefault(k, []).append(piece)
        elif (
            padded
            and last
            and cells[name].base - last[name][-1].base < pitch + 0.15 * size
            and full(last[name][-1])
            and all(
                k not in last or full(last[k][-1]) or _wrapped_with(cells[k], last[k][-1], last[name][-1])
                for k in cells
            )
        ) or (last and _name_rest(lines, j, name, last, levels, held, full, size, cell, rest_base)):
            for k, piece in cells.items():
                last.setdefault(k, []).append(piece)
        else:
            rows.append({k: [piece] for k, piece in cells.items()})
    starts = [min(p.line for pieces in row.values() for p in pieces) for row in rows]  # each row's first line
    for line in loose:
        cells = {k: piece for k, piece in line.items() if k not in levels}
        r = _nearer(rows, name, cells or line)
        if any(kinds[k] != "head" for k in line):  # (a project's wrapped head, lines on, starts no row)
            starts[r] = min(starts[r], next(iter(line.values())).line)
        for k, piece in cells.items():
            rows[r].setdefault(k, []).append(piece)

    def labelled_in(k: int, begins: set[int] | None) -> tuple[dict[int, list[_Piece]], bool | None]:
        pieces = [line[k] for line in lines if k in line]
        return _labels(pieces, rows, starts, size, full, kinds[k] != "head", two_rows, tops, begins)

    labelled: dict[int, tuple[dict[int, list[_Piece]], bool | None]] = {}
    begins = set(range(len(rows))) if carried else None
    for kind in ("level2", "level1", "head"):  # on a carried page a level 1's group begins where a level 2's does
        # (uneven rows had set its centred label nearer a row inside one, review 63R-b's T09) or below the last (its
        # level 2 blank); a project, where a level 1's does
        labelled |= {k: labelled_in(k, begins) for k in levels if kinds[k] == kind}
        firsts = next((them for k in levels if kinds[k] == kind and (them := labelled[k][0])), None)
        if carried and firsts:
            begins = set(firsts) | {0} | (_past(firsts, rows) if kind == "level2" else set())
    placed = {k: found for k, (found, _) in labelled.items()}
    heads = [k for k in levels if kinds[k] == "head" and placed[k]]
    count = Counter(len(placed[k]) for k in heads).most_common(1)[0][0] if heads else 0
    agreed = [k for k in heads if len(placed[k]) == count]  # (each project's cell in each head column)
    for k, own in zip(agreed, _one_start([list(placed[k]) for k in agreed])):
        placed[k] = dict(zip(own, placed[k].values()))
    on_tops = [top for _, top in labelled.values() if top is not None]
    found = []
    for r, row in enumerate(rows):
        texts = []
        for k in range(len(kinds)):
            pieces = placed[k].get(r, []) if k in levels else sorted(row.get(k, []), key=lambda p: p.base)
            chars = [c for piece in pieces for c in piece.chars]
            texts.append(line_text(chars) if len(pieces) == 1 else wrapped_text(chars, right[k]) if pieces else "")
        labels = [placed[k].get(r, []) for k in levels]
        found.append((_chars(piece for pieces in [*row.values(), *labels] for piece in pieces), texts))
    ending: _Foot = {}  # where the last line's pieces stand in their columns (a row the page breaks runs to the edges),
    # and each head's last line (a merged cell broken by the page: its last line above the last row's)
    for k, piece in {**{k: lowest[k] for k in levels if kinds[k] == "head" and k in lowest}, **lines[-1]}.items():
        groups = placed[k].values() if k in levels else [sorted(row.get(k, []), key=lambda p: p.base) for row in rows]
        edges = [c for pieces in groups for wrapped in pieces[:-1] for c in wrapped.chars]  # (as wrapped lines end)
        if edges:
            x0, x1 = min(c["x0"] for c in piece.chars), max(c["x1"] for c in piece.chars)
            ending[k] = (x0 - min(c["x0"] for c in edges), max(c["x1"] for c in edges) - x1, size)
    return found, all(on_tops) if on_tops else tops, ending


def _banded(
    lines: list[dict[int, _Piece]], kinds: list[str], left: list[float], right: list[float], rules: list[dict]
) -> list[int]:
    """Each line's band between the level rules crossing a table's name and target columns (how many such rules
    stand above its baseline), where the rules rule its rows: no band holds three targets beginning as one does
    ('≥95%', '120处'; not a wrapped rest, '元/人'), nor do more bands hold two than one, a rule stands between its
    lines unless one line holds a target, and fewer lines with a name and a target (no figure's rest) stand under
    another such in their band than rules stand between lines; else none. (A 'three-line' table's rules stand over
    its header and under its last row only, and a table ruled under each group or project only under those: several
    rows' targets stand between the same two.)"""
    if "target" not in kinds:
        return []
    name, target = kinds.index("name"), kinds.index("target")
    across = [e for e in rules if e["x0"] <= left[name] + ROUNDING and e["x1"] >= right[target] - ROUNDING]
    heights = sorted(e["top"] for e in across)
    if not heights:
        return []
    band = [bisect.bisect(heights, min(piece.base for piece in line.values())) for line in lines]
    if len(set(band)) < 2 and sum(target in line for line in lines) > 1:
        return []  # (no rule between its lines: rules over and under the table, or another table's)
    signed = [target in line and bool(_TARGET_START.match(line[target].text)) for line in lines]
    held = Counter(b for b, sign in zip(band, signed) if sign)
    rest = [False, *(b == a and s and r for a, b, r, s in zip(band, band[1:], signed, signed[1:]))]  # ('10月底前')
    rows = Counter(b for b, line, r in zip(band, lines, rest) if name in line and target in line and not r)
    if sum(rows.values()) - len(rows) >= max(1, sum(a != b for a, b in zip(band, band[1:]))):
        return []  # (names with targets one under another between the same two rules: a group's, not a row's)
    twice = sum(count == 2 for count in held.values())  # (a target wrapped before a figure: '2027年' ⏎ '10月底前')
    return band if max(held.values(), default=0) <= 2 and twice <= len(held) - twice else []


def _wrapped_with(piece: _Piece, above: _Piece, name: _Piece) -> bool:
    """Whether a cell's piece goes on in `above`, which ended on the name's last line, wrapped with it ('≤380' ⏎
    '元/人' beside '人均补助标' ⏎ '准'): it begins as no target does. A target of its own ('≤1200元/人次' under
    '≥90%') is the next row's, under a centred name that only looked as wide as its column."""
    return above.line == name.line and not _TARGET_START.match(piece.text)


def _name_rest(
    lines: list[dict[int, _Piece]],
    j: int,
    name: int,
    row: dict[int, list[_Piece]],
    levels: set[int],
    held: list[bool],
    full,
    size: float,
    cell: float,
    rest_base: float | None = None,
) -> bool:
    """Whether line j is the wrapped rest of the row above's name, rows set as close as a cell's lines (a sheet's
    single-line rows 12 pt apart, a name's lines 10.3). A line holding more than a name is where its name and other
    cells wrapped line for line ('城乡居民医保财政补助' | '≤640元/' over '标准' | '人/年', a sheet's fixed row height):
    it stands nearer to the name than the name's row to the row above (the first row: the next to it), each cell goes on
    in one of the name's last line that ran to its edge, as the name does, that began as a target does ('≤640元/'), and
    begins as no target does (no number, no operator: 元/人, 以上), no level label beside it; it had been a second
    indicator row of the rests, without a word. Rows as close as a cell's lines under a name and a target as wide as
    their columns ('临时救助对象认定准确率' | '≥95%以上' or '明显提高', then '救助资金发放规范性' | '有效改善') are rows
    of their own, unless the target above is a broken line by its words (a figure without its unit, '≥5000' ⏎ '人次')
    and this line a unit's rest, no level's label beside it. A line holding a name alone: the name above ran to the
    column's edge, this line is as near as a cell's
    next line, and the row's target stands on a line between, centred on the cell ('残疾人基本生活保障' ⏎ '水平',
    '稳步提高' between; a level's merged cell may stand beside the rest). A row of its own holds a target: on its line,
    or centred below it on a line without a name (its own name wrapped), nearer it than the next name (not the next
    row's wrapped target, '2026年12月底' ⏎ '前' about '项目完成时间'); or it has a level's label beside it where one
    stands beside the name above too (a group of its own: an indicator whose target is left blank, '活动质量' beside
    '质量指标'). A top-aligned row (its target on the name's first line) keeps its rest apart, a row without a target
    the import warns of, where its rows stand as close as its lines (`cell`: nearer than the closest two rows'
    names by PADDED, and as near as the closest lines any column wraps): a blank-target indicator under a name as wide
    as its column looks the same (rows 1.2 font sizes apart, a cell's lines 1.18), and joined it would be lost
    unsaid; where the rows are padded, the rest is the name's, and so is a line holding the name's rest and its
    target under the name's first lines alone (set at the cell's bottom; each had been a row without a target, a
    browser's 1 px padding), or beside rests of cells each going on one on the line above ('建成投运' | '2026年' ⏎
    '时间' | '10月底', '有效提' ⏎ '升', a level's '社会效益指' ⏎ '标'; two rows, without a word where no other row
    lacked its target), its target no sign's ('≥120万': a row of its own). `rest_base`: where the line above the
    first row stands when it is no row here (the last page's row's rest, `_cut`; a lone row on a page, stop 58b's
    P02)."""
    above = row[name][-1]
    line = lines[j]
    if name not in line or not full(above) or line[name].base - above.base > LIFT_PITCH * size:
        return False
    if others := set(line) - levels - {name}:  # a name and its target wrapped line for line
        last, first = lines[above.line], row[name][0]
        prev = next((lines[n][name].base for n in range(first.line - 1, -1, -1) if name in lines[n]), rest_base)
        after = next((lines[n][name].base for n in range(j + 1, len(lines)) if name in lines[n]), None)
        apart = first.base - prev if prev is not None else after - line[name].base if after is not None else 0.0
        if line[name].base - above.base < cell:  # (as near as a cell's next line, rows padded)
            # set at the bottom, the name's first lines alone above its target; or each cell, a level's label too,
            # going on one on the line above ('老年人就餐便' | '有效提' ⏎ '利程度' | '升', '社会效益指' ⏎ '标')
            signed = any(_TARGET_START.match(line[k].text) and not line[k].text[0].isdigit() for k in others)
            return not any(held[first.line : j]) or not signed and all(k in last for k in line)  # ('≥120万': its own)
        broken = all(k in last and _broken(unspaced(last[k].text), unspaced(line[k].text)) for k in others)
        labelled = any(is_level1(p.text) or is_level2(p.text) for k, p in line.items() if k != name)
        return (
            (not set(line) & levels and line[name].base - above.base < apart - 0.1 * size or broken and not labelled)
            and all(k in last and full(last[k]) and _TARGET_START.match(last[k].text) for k in others)
            and not any(_TARGET_START.match(line[k].text) or _unit_word(unspaced(line[k].text)) for k in others)
        )
    if any(k in lines[above.line] and (is_level1(p.text) or is_level2(p.text)) for k, p in line.items() if k != name):
        return False
    below = next((n for n in range(j + 1, len(lines)) if name in lines[n]), len(lines))
    after = lines[below][name].base if below < len(lines) else float("inf")
    base = line[name].base
    for n in range(j + 1, below):  # a target nearer this line than the next name: its own, centred below it (not
        # the rest of one wrapped on a line between, '2026年' ⏎ '10月底' ⏎ '前' about '食堂建成投运' ⏎ '时间')
        if (
            held[n]
            and (low := min(p.base for p in lines[n].values())) - base <= after - low
            and not _goes_on(lines, n, cell)
        ):
            return False
    tight = held[row[name][0].line] and base - above.base < cell
    return any(held[above.line + 1 : j]) or tight


def _one_start(begun: list[list[int]]) -> list[list[int]]:
    """Each head column's rows its projects begin on (one list per column, a project's at the same place in each),
    a project's cells made to begin on one row: where more than half of the columns put it (a goal's many lines,
    centred, had begun it a row early, its goal the last project's); a column whose rows would then not rise, two
    projects on one row (a tie beside a majority), keeps its own."""
    moved = [list(own) for own in begun]
    for b, said in enumerate(zip(*begun)):
        start, votes = Counter(said).most_common(1)[0]
        if 2 * votes > len(said):
            for own in moved:
                own[b] = start
    return [new if all(a < b for a, b in zip(new, new[1:])) else own for own, new in zip(begun, moved)]


def _broken(above: str, line: str) -> bool:
    """Whether a target's line `above` goes on in `line` by their words, rows set as close as a cell's lines
    (`_name_rest`): a broken line over a unit's whole rest ('≥5000' ⏎ '人次', '≤640元/' ⏎ '人'), or a figure and its
    unit's first characters over the unit's rest ('≥3000人' ⏎ '次', '≥1.2万' ⏎ '平方米', '≥2.5万人' ⏎ '次'); a line
    beginning as no unit does is a row of its own ('≥5000' over '较好', '≥3000人' over '有'), and so is one that only
    begins as a unit does ('≥5000' over '时效性强', '个性化', '户户' ⏎ '通': joined, a row had been lost without a
    word); a bare figure is whole ('1200' over '项目 | 金额') but over a date's rest ('2027' ⏎ '年11月30')."""
    if not _UNIT.match(line) or _OWN_TARGET.fullmatch(line):
        return False
    if _NUMBER.fullmatch(above):  # ('1200' over '项目 | 金额' a row; '2027' over '年11月30' its rest)
        return bool(_DATE_ON.match(line))
    unit = bool(_UNIT_REST.fullmatch(line))
    return unit and (not _OWN_TARGET.fullmatch(above) or len(line) <= 3 and bool(_FIGURE_UNIT.fullmatch(above)))


def _unit_word(text: str) -> bool:
    """Whether a target is a word of its own that only begins as a unit does ('人性化', '时效性强', '户户' ⏎ '通'):
    no figure in it (a date's rest has one, '年11月30'), and no unit's whole rest (`_UNIT_REST`)."""
    return bool(_UNIT.match(text)) and not _UNIT_REST.fullmatch(text) and not any(c.isdigit() for c in text)


def _goes_on(lines: list[dict[int, _Piece]], n: int, within: float) -> bool:
    """Whether each piece of line n goes on the piece of its column above it, nearer than `within` (a cell's next
    line where rows stand farther apart)."""
    above = {k: piece.base for line in lines[:n] for k, piece in line.items()}  # (each column's last piece above)
    return all(k in above and piece.base - above[k] < within for k, piece in lines[n].items())


def _head(text: str) -> str:
    """'head' for a flat table's column of its projects' heads (序号, 项目名称, 预算金额, 年度绩效目标: a merged cell
    over its project's rows, placed as a level's label is), else ''."""
    return "head" if head_field(text) in ("name", "amount", "goal") or key(text) == "序号" else ""


def _numbered(lines: list[dict[int, _Piece]], kinds: list[str]) -> dict[int, frozenset[int]]:
    """The head columns (序号, 预算金额) showing a number on each line, where such a column numbers projects: each
    of its numbers stands beside a head's words (the project's name). Two lines showing numbers in the same columns
    are two projects' (a sheet filled down); a line showing its 序号 where the one above showed its amount is the
    same project's (a centred 序号 beside a name and amount set at the top), and so is a number's wrapped rest
    ('1250.' ⏎ '00'). A column numbering indicators (a 序号 beside no name: each indicator's) tells no project
    apart."""
    shown: dict[int, set[int]] = {}
    alone = set()
    for j, line in enumerate(lines):
        heads = {k: piece.text for k, piece in line.items() if kinds[k] == "head"}
        shown[j] = {k for k, text in heads.items() if _number(text)}
        alone |= shown[j] if len(heads) == len(shown[j]) else set()
    return {j: frozenset(ks - alone) for j, ks in shown.items() if ks - alone}


def _number(text: str) -> bool:
    """Whether a cell's text is a number (a 序号, an amount: '3', '1,250.5'), which no line wraps."""
    return bool(_NUMBER.fullmatch(text))


def _chars(pieces) -> list[dict]:
    """The pieces' characters, line by line."""
    return sorted((c for piece in pieces for c in piece.chars), key=lambda c: (c["base"], c["x0"]))


def _nearer(rows: list[dict[int, list[_Piece]]], name: int, cells: dict[int, _Piece]) -> int:
    """The row a line without a name goes with: the nearer of the rows above and below it (by their names' lines);
    of two as near, the one that has none of its cells yet."""
    some = next(iter(cells.values()))
    base, size = some.base, some.chars[0]["size"]
    above = max((r for r, row in enumerate(rows) if row[name][0].base <= base), default=-1)
    candidates = [r for r in (above, above + 1) if 0 <= r < len(rows)]

    def away(r: int) -> tuple[int, bool]:
        distance = max(rows[r][name][0].base - base, base - rows[r][name][-1].base, 0.0)
        return round(distance / (0.2 * size)), any(k in rows[r] for k in cells)

    return min(candidates, key=away)


def _past(placed: dict[int, list[_Piece]], rows: list[dict[int, list[_Piece]]]) -> set[int]:
    """The rows wholly below the last group `placed` by its label, centred on it: where the next column's group may
    begin too, this column's cell left blank (a level 1's '满意度指标' under a level 2's '时效指标', its level 2 blank,
    review 64b)."""
    start, block = max(placed.items())
    chars = [c for piece in block for c in piece.chars]
    middle = (min(c["top"] for c in chars) + max(c["bottom"] for c in chars)) / 2

    def top(r: int) -> float:
        return min(c["top"] for pieces in rows[r].values() for piece in pieces for c in piece.chars)

    return {r for r in range(start + 1, len(rows)) if top(r) >= 2 * middle - top(start)}


def _labels(
    pieces: list[_Piece],
    rows: list[dict[int, list[_Piece]]],
    starts: list[int],
    size: float,
    full,
    words: bool,
    two_rows,
    at_top: bool = False,
    begins: set[int] | None = None,
) -> tuple[dict[int, list[_Piece]], bool | None]:
    """A level column's labels by the row they go to (`_table_rows`); `words`: its labels are level words (a
    line that is one starts a label of its own), not a project's head. A line repeating its label's first line is
    a label of its own (a sheet filled down, no merged cells: the rows as near as a cell's lines), and so is a line
    the next one repeats (the first of the next project's cells filled down: '60' under '1250', which ran to the
    column's edge). A label repeating the one above (filled down) goes on no further than that one did: a project
    of one row under it ('75' under the last '1250') is its own. `two_rows(a, b)`: lines a and b each show a project's
    numbers (序号, 预算金额): a label begun on one goes on over no other (a one-row project under another whose name
    or amount ran to the column's edge: '防汛物资储备' under '城乡居民医疗保险补助资金', '75' under '2600').
    Labels each on a row's first line are on their groups' first rows where the first row has one, or where `at_top`:
    the page before set them so (its table goes on here, its first rows in groups begun there); with whether they
    were placed so (None without labels). `begins`: on a page going on from the last, the rows the first centred
    label's group may begin on: where no group from the first row has the label's middle, it begins where one has it
    best, the rows above it the last page's group's (LibreOffice prints a merged cell the page breaks at its top,
    on that page, and nothing of it on the next)."""

    def level(text: str) -> bool:
        return words and (is_level1(text) or is_level2(text))

    blocks: list[list[_Piece]] = []  # each label's lines
    for n, piece in enumerate(pieces):
        if blocks:
            text = "".join(p.text for p in blocks[-1])
            if (
                piece.base - blocks[-1][-1].base <= LIFT_PITCH * size
                and (full(blocks[-1][-1]) or _pushed(piece.text))
                and (level(text + piece.text) or not level(text) and not level(piece.text))
                and piece.text != blocks[-1][0].text
                and piece.text not in (p.text for p in pieces[n + 1 : n + 2])
                and not two_rows(blocks[-1][0].line, piece.line)
                and _as_above(blocks)
            ):
                blocks[-1].append(piece)
                continue
        blocks.append([piece])
    row_at = {line: r for r, line in enumerate(starts)}
    if not blocks:
        return {}, None
    if (at_top or blocks[0][0].line == starts[0]) and all(block[0].line in row_at for block in blocks):
        return {row_at[block[0].line]: block for block in blocks}, True  # on its group's first row
    extents = [[c for pieces in row.values() for piece in pieces for c in piece.chars] for row in rows]
    tops = [min(c["top"] for c in chars) for chars in extents]
    bottoms = [max(c["bottom"] for c in chars) for chars in extents]
    n = len(rows)
    gaps = [tops[r] - bottoms[r - 1] for r in range(1, n)]
    half = max(statistics.median(gaps), 0.0) / 2 if gaps else 0.0
    bounds = [tops[0] - half, *((bottoms[r - 1] + tops[r]) / 2 for r in range(1, n)), bottoms[-1] + half]
    placed: dict[int, list[_Piece]] = {}

    def end(start: int, b: int, middle: float) -> int:  # where the group begun at `start` ends: its middle the label's
        last = max(start + 1, n - (len(blocks) - b - 1))  # a row left for each label below
        return min(range(start + 1, last + 1), key=lambda e: abs(bounds[e] + bounds[start] - 2 * middle))

    middles = [
        (min(c["top"] for p in b for c in p.chars) + max(c["bottom"] for p in b for c in p.chars)) / 2 for b in blocks
    ]

    def off(start: int) -> float:  # how far the groups from `start` down stand from their labels' middles, in all
        far = 0.0
        for b, middle in enumerate(middles):
            if start >= n:
                return far + n * size * (len(blocks) - b)  # (labels left without a row)
            after = end(start, b, middle)
            far, start = far + abs(bounds[after] + bounds[start] - 2 * middle) / 2, after
        return far

    start = 0
    top = min(c["top"] for c in blocks[0][0].chars)
    if begins is not None and off(0) > size:
        start = min((s for s in sorted(begins) if bounds[s] <= top), key=lambda s: round(off(s) / size), default=0)
    for b, block in enumerate(blocks):
        if start >= n:
            break
        placed[start] = block
        start = end(start, b, middles[b])
    return placed, False


def _as_above(blocks: list[list[_Piece]]) -> bool:
    """Whether the last label may take a next line: unless it repeats the label above (a cell filled down) and has
    as many lines as that one. Its next line need not be the one above's: two projects' names may begin alike
    ('中央财政农业产业发' ⏎ '展资金（种植业）', then '…（畜牧业）')."""
    return len(blocks) < 2 or blocks[-1][0].text != blocks[-2][0].text or len(blocks[-2]) > len(blocks[-1])


def _runs(line: list[dict], gap: float = RUN_GAP, spaced: bool = False) -> list[list[dict]]:
    """A line's characters (spaces left out) in runs: apart where a gap is wider than `gap` font sizes (`_wider`);
    `spaced`: not where the gap holds a space character (a text's words, no cells: cells' text is set apart by
    position)."""
    found: list[list[dict]] = []
    space = False
    for char in line:
        if char["text"] == " ":
            space = spaced
            continue
        if found and (space or not _wider(char["x0"] - found[-1][-1]["x1"], gap * char["size"])):
            found[-1].append(char)
        else:
            found.append([char])
        space = False
    return found


def _wider(gap: float, width: float) -> bool:
    """Whether a gap between two characters is wider than `width` by more than ROUNDING. A gap of exactly RUN_GAP is
    a word's own spacing: a browser prints a header spaced by letter-spacing: 0.25em with its characters 0.25 font
    sizes apart, or 0.2500000000000007 by its arithmetic; parted there, each character was a run of its own, and the
    wrapped header's words no words ('一', '级', '指'). `_seamed` parts by the same test as the data's runs at SEAM,
    which place the columns' edges (where no run crosses)."""
    return gap > width + ROUNDING


def _seamed(runs: list[list[dict]], edges: list[float], seam: float) -> list[list[dict]]:
    """Runs parted where a column's edge falls in a seam between two of their characters (a gap wider than `seam`
    font sizes: a right-aligned amount and the goal beside it, '260' | '时足额发放…', no wider apart than the cells'
    padding)."""
    found = []
    for run in runs:
        start = 0
        for k in range(1, len(run)):
            gap = (run[k - 1]["x1"], run[k]["x0"])
            if _wider(gap[1] - gap[0], seam * run[k]["size"]) and any(gap[0] - 1 <= e <= gap[1] + 1 for e in edges[1:]):
                found.append(run[start:k])
                start = k
        found.append(run[start:])
    return found


def _spacing(lines: list[list[dict]]) -> float:
    """The letter spacing the lines are set with, in font sizes: the gap the nearest quarter of their neighbouring
    characters (spaces aside) stand apart at most (0 where set solid; a gap of CELL_GAP parts cells, no spacing).
    A browser's `letter-spacing: 0.25em` on every cell sets each character 0.25 font sizes from the next: wider than
    a seam, so each character stood apart and a column's edge fell between two of a name's ('老' in 序号, '年人助'
    in 项目名称); at 0.3em, wider than RUN_GAP, the header's wrapped words were no words."""
    gaps = []
    for line in lines:
        solid = [c for c in line if c["text"] != " "]
        gaps += [(b["x0"] - a["x1"]) / (b["size"] or 1.0) for a, b in zip(solid, solid[1:])]
    near = sorted(gap for gap in gaps if gap < CELL_GAP)
    return near[len(near) // 4] if near else 0.0


def _ends_table(
    spans: list[tuple[float, float, str]], header: list[tuple[float, float, str]], line: list[dict]
) -> bool:
    """Whether a line is no row of the table under `header`: a label of a form's head (the next form begins), a
    table's title, a note or signature under it (注：…, 填报人：…), or one piece of text over three or more of its
    columns (one run, its words apart by spaces if at all: not several cells' words glued by narrow gaps, '效益指 社会效
    困难群众…')."""
    x0, _, first = spans[0] if spans else (0.0, 0.0, "")
    in_first = len(header) < 2 or x0 < header[1][0]  # a label stands in the table's first column
    if len(spans) <= 2 and in_first and head_field(re.split("[：:]", first)[0]) not in ("", "other"):
        return True  # '项目名称：…' or '项目名称 | …' (an indicator named 实施周期 under a table is no head label)
    if in_first and _TAIL.match(unspaced(first)):  # ('备 注：…' typed with a space)
        return True
    if len(spans) != 1:
        return False
    x0, x1, text = spans[0]
    if title(Row([text], 0)):
        return True
    return sum(1 for h0, h1, _ in header if x0 < h1 and h0 < x1) >= 3 and len(_runs(line, spaced=True)) == 1


def _money_head(
    lines: list[list[dict]], pieces: list[list[tuple[float, float, str]]], i: int, head: list[tuple[float, float, str]]
) -> tuple[int, list[tuple[float, float, str]]] | None:
    """A money table's header at line i, another table under this one (`head`, its header's words): how many lines
    it takes and its words (left, right, text), where they head a money table by `columns.money_table`, the lines
    under it its rows (each cut between the words' columns), told from an indicator row of `head`'s table where
    they stand as one does (`columns.in_indicator_place`: `项目 | 金额` under 三级指标 and 指标值): a line's runs
    apart by any gap ('资金来源 | 金额（万元）', which `spans` may glue), or, where line i names money, a header
    wrapped in its narrow columns ('预算金额（万' over '元）', '支出内容' centred beside them: `_wrapped_band`), which
    had been cut into the table's columns. Else None."""

    if _NUMBER.search("".join(text for _, _, text in pieces[i])):
        return None  # (cheaply first: most of a table's lines hold a figure, a header none, wrapped or not)

    def cut(words: list[tuple[float, float, str]], line: list[tuple[float, float, str]]) -> list[str]:
        middles = [(a1 + b0) / 2 for (_, a1, _), (b0, _, _) in zip(words, words[1:])]
        return [" ".join(t for a, b, t in line if bisect.bisect(middles, (a + b) / 2) == k) for k in range(len(words))]

    def heads(words: list[tuple[float, float, str]], below: int) -> bool:
        kinds = {column(text): k for k, (_, _, text) in reversed(list(enumerate(head)))}
        rows = (cut(words, line) for line in islice(pieces, below, None))
        return money_table([text for _, _, text in words], rows, inner=in_indicator_place(cut(head, words), kinds))

    runs = _runs(lines[i], spaced=True)
    words = [(run[0]["x0"], run[-1]["x1"], line_text(run)) for run in runs]
    if len(words) > 1 and heads(words, i + 1):
        return 1, words
    if _MONEY_CHAR.search(line_text(lines[i])):
        return _wrapped_band(lines, i, heads)
    return None


def _column_edges(
    header: list[tuple[float, float, str]], rows: list[list[tuple[float, float, str]]], runs: list[list[dict]]
) -> list[float]:
    """Each column's left edge: the widest gap no run of characters crosses between its header word's middle and
    the one before it (values right-aligned in one column, units left-aligned in the next: '1200 | 人次'); without
    such a gap, where the data under its header word begins (the leftmost piece starting after the word before
    it ends), else the word's own start."""
    covered: list[list[float]] = []  # the x ranges the data's runs cover, merged
    for x0, x1 in sorted((run[0]["x0"], run[-1]["x1"]) for run in runs):
        if covered and x0 <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], x1)
        else:
            covered.append([x0, x1])
    gaps = [(left[1], right[0]) for left, right in zip(covered, covered[1:])]
    starts = [x0 for spans in rows for x0, _, _ in spans]
    edges = []
    for k, (h0, h1, _) in enumerate(header):
        after = header[k - 1][1] if k else float("-inf")
        before = (header[k - 1][0] + header[k - 1][1]) / 2 if k else float("-inf")
        between = [(b - a, b) for a, b in gaps if before <= a and b <= (h0 + h1) / 2]
        edges.append(max(between)[1] if between else min([h0, *(x for x in starts if after < x <= h1)]))
    return edges
