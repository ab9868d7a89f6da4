"""Small helpers every layout parser shares for cleaning cells, finding labels and reading repeated cells.

Readers spread a merged cell's text over every cell it covers, and officers "unmerge and fill" sheets or
export database views, so a head cell often repeats across a row (a label over two columns, a value over
four) or down the rows of its project. `once_across`, `once` and `same_head` read such repeats as one cell.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from itertools import groupby

_PARA = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_NEEDS_WORK = re.compile(r"[<\[\n]|[ \t\u00a0\u3000]{2}|\S[\t\u00a0\u3000]")
_WORK_SIGNS = ("<", "[", "\n", "\t", "\u00a0", "\u3000", "  ")  # without any of these, _NEEDS_WORK cannot match
_PAREN = re.compile(r"[（(][^）)]*[）)]")
BRACKETED = re.compile(r"[（(][^（()）]*[）)]")  # a text all in one bracket, a qualifier alone: '（含线上直播）'
# Entries of each cached function: the cells of a few documents. A larger cache costs more than its extra hits
# save, as every full garbage collection walks all its entries (parsing 1M indicators: 7.0 s, with 65536: 9.3 s).
CACHE_SIZE = 8192


@lru_cache(maxsize=CACHE_SIZE)
def clean(cell: str) -> str:
    """A cell's text without HTML markup, Word bookmarks or outer whitespace.

    `<p>` paragraphs become lines; runs of spaces inside a line become one space.
    """
    if not cell:
        return ""
    if not any(sign in cell for sign in _WORK_SIGNS) or not _NEEDS_WORK.search(cell):
        return cell.strip(" \t\u00a0\u3000\f")
    text = _BOOKMARK.sub("", cell)
    if "<" in text:
        text = _TAG.sub("", _PARA.sub("\n", text))
        text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=CACHE_SIZE)
def label(cell: str) -> str:
    """A head label without its required-field star and colon: '项目名称*：' → '项目名称'."""
    text = clean(cell).rstrip()
    if text.endswith(("：", ":")):
        text = text[:-1].rstrip()
    if text.endswith(("*", "＊")):
        text = text[:-1]
    return text.replace(" ", "")


_SPREAD = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u00a0\u3000]+(?=[\u4e00-\u9fff])")


def unspread(label: str) -> str:
    """A label without the spaces that spread its characters over its cell (分散对齐: '实 施 单 位' → '实施单位')."""
    return _SPREAD.sub("", label)


_BESIDE = re.compile(r"(?<=(.))" + _SPACES.pattern + r"(?=(.))")
WORDLY = re.compile(r"[0-9A-Za-z%]")  # a Latin letter, a digit or %: a space beside one is a word's (the PDF reader's)


@lru_cache(maxsize=CACHE_SIZE)
def unspaced(text: str) -> str:
    """Text as a pattern of titles, years and amounts reads it: without the spaces a document prints or types between
    its words ('某局 2026 年 项目…' → '某局2026年项目…', '预算 14 表' → '预算14表', '项 目 支 出' → '项目支出'), except
    between two Latin letters (a Latin text's words). The text itself is kept as printed."""
    return _BESIDE.sub(_fold, text)


def _fold(space: re.Match) -> str:
    before, after = space.group(1), space.group(2)
    latin = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
    return space.group(0) if latin else ""


def as_printed(text: str, start: int, end: int) -> str:
    """The part of `text` that characters start to end of its copy without whitespace (`squash`) are, with the spaces
    printed inside it: a name a pattern found in the squashed copy, kept as printed."""
    at = [i for i, char in enumerate(text) if not char.isspace()]
    return text[at[start] : at[end - 1] + 1] if start < end else ""


def squash(text: str) -> str:
    """Text with all whitespace removed, for comparing labels written with spaces ('项 目')."""
    return "".join(text.split())


@lru_cache(maxsize=CACHE_SIZE)
def header_key(cell: str) -> str:
    """A header cell without spaces and parenthesised notes: '本年预算金额 (万元)' → '本年预算金额'."""
    return _PAREN.sub("", squash(clean(cell)))


def spread_values(cells: list[str]) -> list[str]:
    """The non-empty cells, cleaned, a cell spread over several columns once: a head or label row's values."""
    return [text for text in once_across([clean(cell) for cell in cells]) if text]


def lone_value(cells: list[str]) -> str | None:
    """The one value of `spread_values(cells)`, or None when it has none or several (found without cleaning the
    cells after the second value: most rows are data rows, and titles are looked for in every row)."""
    value = None
    before = ""
    for cell in cells:
        cell = clean(cell)
        text = cell.strip()
        if cell and not (text and text == before):
            if value is not None:
                return None
            value = cell
        before = text
    return value


def once_across(cells: list[str]) -> list[str]:
    """The row with each run of equal neighbouring cells kept in its first cell, the others emptied.

    For rows whose neighbours never legitimately repeat: headers, label/value rows, titles. Not for data
    rows, where two columns may hold the same number (总计 = 财政拨款, 实施周期 = 年度指标值).
    """
    kept = []
    before = ""
    for cell in cells:
        text = cell.strip()
        kept.append("" if text and text == before else cell)
        before = text
    return kept


def once(values: list[str]) -> list[str]:
    """The values with a value equal to the one before it dropped (a cell spread down or across)."""
    return [value for value, _ in groupby(values)]


def same_head(above: dict[str, str], head: dict[str, str], identity: tuple[str, ...]) -> bool:
    """Whether a row's head cells repeat the project above: the same name, and every other `identity`
    cell (序号, amount …) empty on one of the two rows or equal. Text cells (overview, goal) may differ:
    a page break can split them."""
    if not head.get("name") or head.get("name") != above.get("name"):
        return False
    return all(not head.get(key) or not above.get(key) or head[key] == above[key] for key in identity)


@lru_cache(maxsize=CACHE_SIZE)
def joined(text: str) -> str:
    """A cell's lines as one line: a line break between two Latin letters is a space, any other is nothing (a
    table cell wraps its text wherever the column ends, also inside a word or a number)."""
    if "\n" not in text:
        return text
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += (" " if _LATIN_END.search(out) and _LATIN_START.match(line) else "") + line
    return out


_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"[A-Za-z]")
