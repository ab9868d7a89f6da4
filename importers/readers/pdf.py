"""PDF documents (pdfplumber): ruled tables as rows of cells, the text around them as lines.

A page's tables are found by their ruling lines, as drawn: a white fill without a stroke (a cell's background,
often painted in strips) draws none. A cell's text is its characters in lines (grouped by baseline,
so digits in another font stay in their line), joined where the text wrapped (a line that ran to the cell's right
edge) and kept apart where it broke early; spaces are the document's own, never guessed from glyph spacing between
Chinese characters. A merged cell (a box over several grid positions) is repeated in every position it covers.
A cell left open by a page break (no rule closes it, so no box) is read from its region of the grid; when a table
continues on the next page its columns are matched to the first page's by position (a continuation page may lack
a column), the header it repeats is dropped, and a cell cut by the break is joined: its text on both pages, in
every row it covers (a line the break cuts once, with the low marks only its foot atop the next page shows); a
page that rules only the last columns of a continued table (its first columns' text beside the grid) gives those
columns from the text there; a sheet's print titles atop a page (lines repeating, from
the first, those atop the page before, and table rows repeating its first table's) are dropped over a form going
on, kept over a new one (`_print_titles`). Text a cell's borders clip (printed beyond them, or off
the page) is not read (the lines a cell open at a page's foot prints on under its last rule, unclipped, are its
own: `_run_on`), nor is text the page's clipping paths hide (pdf_clip), nor what is drawn beyond its CropBox.
A glyph no map names a character for (a font without ToUnicode, or missing some glyphs) is read as U+FFFD and its
page said in the reader's notes; a compatibility ideograph or Kangxi radical a font names a glyph by, as its ideograph.
Text outside tables becomes one row per line, split into cells at wide gaps (pdf_lines); page numbers are dropped.
A PDF without any text is a scan: it needs OCR first.
Pages are read one at a time and each page's objects are let go once it is read, so memory stays
flat however many pages there are (up to MAX_PAGES).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import io
import itertools
import logging
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import zip_longest

from importers.cells import unspaced
from importers.columns import column, head_field, key, money_header, names_indicators
from importers.level_words import is_level1, is_level2, two_labels
from importers.readers.common import (
    CUT_SHORT,
    MARKED_NUMBER,
    MAX_PAGE_CHARS,
    MAX_PAGE_SHAPES,
    MAX_PAGES,
    PAGE_NUMBER,
    UnreadableFile,
    cell_text,
    check_rows,
)
from importers.readers.pdf_clip import LOW_MARKS, beyond, hidden
from importers.readers.pdf_fields import fields_interpreter
from importers.readers.pdf_strips import rejoined
from importers.readers.pdf_lines import (
    LIFT_PITCH,
    RUN_GAP,
    WRAP_MARGIN,
    OpenTable,
    line_ends,
    line_text,
    own_header,
    spans,
    text_lines,
    under_headers,
    wrapped_text,
)
from importers.records import Row, Rows

# pdfminer warns on stderr of what it reads past (a font without its FontBBox: every page Chromium prints); what
# matters to a user is said by the import's own warnings
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# told each page read (its number, the pages declared): set by whoever reports the reading (kb.ingest.workers)
PAGE_READ: ContextVar[Callable[[int, int], None] | None] = ContextVar("PAGE_READ", default=None)
MARGIN = 0.1  # share of the page height at top and bottom where a lone number is a page number
# a browser's print footer: the page's address and its number of the pages ('file:///D:/绩效目标表.html 1/2'; the
# 'fi' of 'file' may come as one ligature character)
_BROWSER_FOOT = re.compile(r"^\S*://\S*\s+\d{1,4}/\d{1,4}$")
GRID_SLACK = 1.0  # points: a box edge this close to a grid line ends at it
TURNED_SHARE = 0.5  # more than this share of a page's characters turned one way (by its content's matrix) turns it
SNAP = 3.0  # points: pdfplumber's snap tolerance: a rule this close to a grid line is drawn as that line
SET_IN = 0.25  # font sizes: text this near a cell's side (its padding) or middle is set there (left, right, centred)
PADDING = 0.5  # font sizes: two cells' texts on one line stand at least this far apart (a word's space is nearer)
RULES_ONLY = 4  # level rules over one span, with none upright: a table ruled across only (its header's and 2 rows)
MEET = 5.0  # points: a vertical rule stopping this short of a horizontal one meets it (pdfplumber's default: 3)
ALIGN_SLACK = 5.0  # points: a continued table's column starts this close to the first page's column is that column
CACHE_PAGES = 50  # pages read between two clearings of pdfminer's object cache
HEAD_ROWS = 5  # a table's first rows, where a title, a unit line and its header rows stand
FORM_HEAD_ROWS = 20  # … and where a form's head stands above its indicator header
# a number's decimal point: a line the clip cuts shows its digits but hides the point at their foot ('318 6000' of
# 318.6000, read 3186000): kept between two digits that show
POINTS = frozenset(".．")
STRAY_CHARS = 8  # a lone text line this short between a table and its continuation: a merged cell's label
_FORM_STARTS = frozenset(("name", "department_name"))  # a form's first head row: its 项目名称, its 部门名称
_TITLE_LIKE = re.compile(r"^(?:附?表\s*\d|[（(]\s*\d{4})|表$|单位|说明")  # '表16', '（2026年度）', '单位：元'
# a caption saying the table goes on: '续表', '（续表）', '续表2', '表3（续）', '接上表'
_CONTINUATION = re.compile(
    r"^(?:附?表\s*[\d.\-]*\s*)?[（(]?\s*(?:续表?|续[上前]表|接上表)\s*[（(]?[\d一二三四五六七八九十]*[）)]?\s*[）)]?[:：]?"
    r"(?:\s*(?:金额)?单位[:：]\s*\S{1,4})?$"
)  # ('续表（一）', '续表  单位：万元')
RUN_OVERLAP = 0.15  # font sizes: a character drawn this far over the one before starts a run (the next cell's text)
LOOK_UP = 30.0  # points above a cell searched for the text its first line may continue
UNMAPPED_SHARE = 0.2  # of a document's characters in fonts without a character map: its text may be garbage …
GOAL = ("绩效", "指标")  # … unless it reads these, as every goal table does
UNDECODED = "\ufffd"  # a glyph no map names a character for (pdfminer's '(cid:N)'): the replacement character
# the CJK compatibility ideographs and Kangxi radicals a font without a ToUnicode map names some glyphs by (量 U+F97E,
# ⼀ U+2F00): their canonical ideographs (NFKC of these only), else 年度目标, 数量指标 and years were not read as such;
# the Latin ligatures a browser draws ('Oﬃce', ﬃ U+FB03, in Chromium's prints): their letters
_CANONICAL = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0xF900, 0xFB07), *range(0x2F00, 0x2FE0))
    if unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
MAX_COVER_CHECKS = 2_000_000  # characters looked at under white boxes on one page: past it, the rest read as drawn
FULL_GAP = 2.0  # font sizes: a cell's last line this close above the table's open bottom runs on past it
CUT = 0.5  # points: a character's printed part this much short of its box is cut there
# characters a short line leaves free beyond `_short`'s to be roomy: the next line's opening bracket and the character
# it keeps with ('人均补助标准' over '（元/人·年）', wrapped early) would have fit
ROOM = 2.0
CELL_MARGINS = 12.0  # points: a cell's left and right margins together, at most (Word's 5.4 each, Chromium's 3)
CLIP_GAP = 1.5  # font sizes: text this close beyond a table's open edge is the clipped rest of its cell
SLANT = 0.1  # a character whose baseline turns further from the page's sides than this (its sine: 6°) is slanted
WATERMARK_SIZE = 4.0  # times the page's body text's size: a light character this large is a watermark's …
LIGHT = 0.5  # … when its colour is at least this light (1: white)


@dataclass
class _Item:
    """One thing on a page, top to bottom: a text line (one row) or a table (rows of cells)."""

    top: float
    bottom: float
    rows: list[list[str]]
    table: bool
    edges: tuple[float, ...] = ()  # a table's column left edges
    right: float = 0.0  # a table's right side
    open_top: dict[int, list[int]] = field(default_factory=dict)  # column → its rows a cell open at the top covers
    open_bottom: dict[int, list[int]] = field(default_factory=dict)  # the same for a cell open at the bottom
    repeats_header: bool = False  # a continued table that repeats its first page's header rows (dropped)
    head_rows: list[list[str]] = field(default_factory=list)  # its first page's first rows, a header among them
    chars: list[dict] = field(default_factory=list)  # a text line's characters
    beside: list[_Item] = field(default_factory=list)  # a table's text lines left of it, within its height
    beside_rules: list[dict] = field(default_factory=list)  # the rules drawn across there (and at its edges)
    row_tops: list[float] = field(default_factory=list)  # a table's rows' tops, then its bottom
    row_feet: list[float] = field(default_factory=list)  # the top of each of its rows' lowest line of text
    # a row's top → its last cell's line ends (`_last_lines`), for the rows with any
    row_breaks: dict[float, tuple[tuple[float, int], ...]] = field(default_factory=dict)
    took_beside: bool = False  # those lines were its continued table's cells
    cut_top: dict[int, str] = field(default_factory=dict)  # column → the first line of its open cell, the break
    cut_bottom: dict[int, str] = field(default_factory=dict)  # cutting through it (_cut_line); the same at the foot
    carried: dict[int, list[int]] = field(default_factory=dict)  # column → rows of earlier pages (in the document's
    # rows) whose cell goes on in this table's cell open at the bottom (a cell over several whole pages)
    merged_down: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of a cell merged with the one above
    carried_blank: dict[int, list[int]] = field(default_factory=dict)  # column → rows of earlier pages (the document's)
    # whose blank cell goes on in this table's one blank cell over the whole page (a merged cell's text on a later one)
    full_bottom: set[int] = field(default_factory=set)  # columns of cells open at the bottom whose text reaches it
    ends: set[int] = field(default_factory=set)  # columns of its last row's cells ending on a short line (`_short`)
    roomy: set[int] = field(default_factory=set)  # of those, the columns whose line leaves room for two characters more
    cut_places: dict[int, list[dict]] = field(default_factory=dict)  # column → its cut_bottom line's characters
    top_marks: dict[int, tuple[str, list[dict]]] = field(default_factory=dict)  # column → its first cell whose first
    # line is only low marks the clip cut the tops of (the foot of a line cut at the page break, the rest of it
    # hidden): that cell's text without them, and the marks (`_marked`)


def read(data: bytes) -> Rows:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = page_count(pdf)
    except Exception as exc:  # pdfminer reports a damaged or locked file in many ways
        if "password" in f"{type(exc).__name__} {exc!r}".lower() or "encrypt" in repr(exc).lower():
            raise UnreadableFile(
                "PDF 有密码保护：请另存一份无保护的再导入 password-protected PDF: save an unprotected copy to import it"
            ) from None
        if b"%%EOF" not in data[-4096:]:
            raise UnreadableFile(f"PDF 不完整：{CUT_SHORT}") from None
        raise UnreadableFile(f"PDF 已损坏 corrupt PDF ({type(exc).__name__})") from None
    _note_unmapped_fonts(pdf.rsrcmgr)
    _streams_past_lengths(pdf.doc._parser)
    with pdf, _frozen_between_pages() as freeze:
        if pages > MAX_PAGES:
            raise UnreadableFile(
                f"太大：{pages:,} 页，请拆分 PDF too large: {pages:,} pages (limit {MAX_PAGES:,}): split the PDF"
            )
        # pdfminer keeps the objects it parsed (fonts shared by every page, object streams holding hundreds): kept,
        # but let go every CACHE_PAGES pages so a long document's memory stays flat (without them, every page
        # parsed its fonts' object streams anew: 0.5 s a page)
        rows: list[tuple[str, ...]] = []  # tuples of strings: the collector stops walking them once it has seen them
        # each row's place (`_Place`: atomic, not walked either)
        where: list[_Place] = []
        last: _Item | None = None
        last_start = 0  # index in `rows` of the last table's first row
        above: tuple[list[str], list[tuple[str, ...]]] = ([], [])  # the last page's top lines and first table's rows
        going_on = OpenTable()  # a table drawn without vertical rules open at the last page's foot
        chars = unmapped = 0
        undecoded: dict[int, int] = {}  # page → its characters read as UNDECODED
        heights: dict[int, float] = {}  # page → its height in points
        unsure: list[tuple[int, str]] = []  # pages whose first line was joined to the last page's last row, words
        # not telling, and the line
        for page in _pages(pdf):
            if page.page_number % CACHE_PAGES == 0:
                pdf.doc._cached_objs.clear()  # pdfminer's caches (pinned version): parsed objects, object streams
                pdf.doc._parsed_objs.clear()
            checked = _check_page(page)
            if turn := _turned(page):
                page = _turned_back(page, turn)
                checked = _check_page(page)
            unmapped += checked
            heights[page.page_number] = float(page.height)
            lines_above = (*last.edges, last.right) if last and last.table else ()
            items, count, garbled = _page_items(page, bool(turn), going_on, lines_above)
            if going_on.rest and rows:  # the rest of the last page's last row, broken over the page (`pdf_lines._rest`)
                _join_rest(rows, last_start, going_on.rest)
                if going_on.unsure:
                    unsure.append((page.page_number, " | ".join(text for text in going_on.rest if text)))
                going_on.rest = []
            chars += count
            if garbled:
                undecoded[page.page_number] = garbled
            beside = {id(line) for item in items for line in item.beside}  # a table's own text: not before it
            first = next((item for item in items if not _stray(item) and id(item) not in beside), None)
            lines, table = _top(items, beside)
            top = ([_line_text(line) for line in lines], [tuple(cells) for cells in table.rows] if table else [])
            if (
                last
                and last.table
                and table
                and lines
                and (size := _print_titles(top[0], table, above, last)) is not None
            ):
                items = [item for item in items if all(item is not line for line in lines)]  # (printed before)
                _drop_rows(table, size)
                first = table
            above = top
            if last and last.table and first and first.table and (rest := _own_lines(last, first)):
                items.insert(items.index(first) + 1, rest)
            if last and last.table and first and first.table and _continue(last, first):
                _join_open_cells(last, last_start, first, rows)
                if _row_cut(last, first):  # its two parts joined: one row, kept where it ends
                    index = last_start + len(last.rows) - 1
                    first.rows[0] = [_joined(*cells) for cells in zip_longest(rows[index], first.rows[0], fillvalue="")]
                    del rows[index], where[index]
                    for kept in (first.carried, first.carried_blank):  # (rows of earlier pages, by their index)
                        kept.update({j: [k - (k > index) for k in ks if k != index] for j, ks in kept.items()})
                else:
                    _join_merged_rest(last, last_start, first, rows)
                items = [item for item in items if not _caption(item)]  # '续表': the table goes on, no row of it
                if first.took_beside:
                    taken = {id(line) for line in first.beside}
                    items = [item for item in items if id(item) not in taken]
            elif last and last.table and first and first.table:
                _join_parted_cut(last, last_start, first, rows)
            for item in items:
                if item.table:
                    last_start = len(rows)
                rows += map(tuple, item.rows)
                where += _where(page.page_number, item)
            last = next((item for item in reversed(items) if not _stray(item) and id(item) not in beside), last)
            check_rows(len(rows))
            page.close()
            _collect(freeze)
            if told := PAGE_READ.get():
                told(page.page_number, pages)
    if not chars:
        raise UnreadableFile("没有文字层，需要 OCR（扫描件） no text layer — OCR needed (a scanned PDF)")
    if unmapped > UNMAPPED_SHARE * chars and not any(word in cell for row in rows for cell in row for word in GOAL):
        raise UnreadableFile(
            "PDF 的字体没有字符映射（ToUnicode），读出的是乱码：请索取 Excel/Word 原件，或用生成它的软件重新导出 PDF "
            "the PDF's fonts map no glyph to a character (no ToUnicode): its text reads as garbage"
        )
    read = [
        Row(cells=list(cells), line=n, page=page, edges=edges, ends=ends, roomy=roomy, top=top, foot=foot, breaks=lines)
        for n, (cells, (page, edges, ends, roomy, top, foot, lines)) in enumerate(zip(rows, where), 1)
    ]
    return Rows(rejoined(read), _undecoded_notes(undecoded) + _joined_notes(unsure), heights)


# a row's page, cell edges, the columns it ends in at the page's foot and of those the roomy, its top, its last line's
# top and its last cell's line ends
_Place = tuple[int, tuple[float, ...], frozenset[int], frozenset[int], float, float, tuple[tuple[float, int], ...]]


def _where(page: int, item: _Item) -> list[_Place]:
    """Each of an item's rows' page, cell edges, columns ending at the page's foot and of those the roomy (its last
    row's), top, last line's top (a text line's: its own top) and its last cell's line ends."""
    n = len(item.rows)
    tops = item.row_tops[:n] if len(item.row_tops) > n else [item.top] * n
    feet = item.row_feet[:n] if len(item.row_feet) >= n else tops
    ends: list[frozenset[int]] = [frozenset()] * (n - 1) + [frozenset(item.ends)]
    roomy: list[frozenset[int]] = [frozenset()] * (n - 1) + [frozenset(item.roomy)]
    return [
        (page, item.edges, end, room, top, foot, item.row_breaks.get(top, ()))
        for end, room, top, foot in zip(ends, roomy, tops, feet)
    ]


def _join_rest(rows: list[tuple[str, ...]], start: int, rest: list[str]) -> None:
    """Join the rest of the last page's last row (`pdf_lines._rest`), each piece to the last of the table's rows (from
    `start`) holding text in its column: a merged head cell's, the goal's last line ('底线。'), to the row it stands
    on, its project's first."""
    for k, text in enumerate(rest):
        if text:
            j = next((j for j in range(len(rows) - 1, start - 1, -1) if k < len(rows[j]) and rows[j][k]), len(rows) - 1)
            rows[j] = tuple(_joined(a, b) for a, b in zip_longest(rows[j], [""] * k + [text], fillvalue=""))


def _joined_notes(lines: list[tuple[int, str]]) -> list[str]:
    """What the reader says of a page's first line it joined to the last page's last row as its rest where that line
    may be a row of its own (`pdf_lines._carried`): the page and the line, so that the row is checked by hand."""
    return [
        f"第 {page} 页首行「{line}」已接在上一页末行之后；若它是单独一条指标，请核对原文 "
        f"(the first line of page {page}, '{line}', was joined to the last row of the page before as its rest; "
        "it may be an indicator of its own: check it)"
        for page, line in lines
    ]


def _undecoded_notes(undecoded: dict[int, int]) -> list[str]:
    """What the reader says of the characters no map decodes (a font without ToUnicode, or one missing some
    glyphs): read as UNDECODED, on which pages, so that the indicators holding them are checked by hand."""
    if not undecoded:
        return []
    pages, total = "、".join(map(str, undecoded)), sum(undecoded.values())
    return [
        f"第 {pages} 页有 {total} 个字符无法解码（字体缺少 ToUnicode，读作 {UNDECODED}），相关指标可能有误 "
        f"({total} characters on page {', '.join(map(str, undecoded))} could not be decoded (a font lacks its "
        f"ToUnicode map; read as {UNDECODED}): the indicators holding them may be wrong)"
    ]


@contextlib.contextmanager
def _frozen_between_pages():
    """Whether `_collect` freezes what each page leaves (unless another reader or the app, tui.app.keep_heap, froze
    the heap already); what it froze is let go once the document is read."""
    freeze = gc.get_freeze_count() == 0
    try:
        yield freeze
    finally:
        if freeze:
            gc.unfreeze()


def _collect(freeze: bool) -> None:
    """Free a page's objects now (they hold each other in cycles), not when the collector gets to them; then, when
    `freeze`, freeze what is left (the document's fonts, pdfminer's caches and CMaps, the rows read so far), so the
    next page's collection does not walk it again (walking it took up to a tenth of the reading time)."""
    gc.collect()
    if freeze:
        gc.freeze()


def page_count(pdf) -> int:
    """The number of pages the PDF's page tree declares."""
    from pdfminer.pdftypes import resolve1

    return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))


def count_pages(file) -> int:
    """The pages of a PDF file (an open binary file), 0 when they cannot be counted."""
    import pdfplumber

    try:
        with pdfplumber.open(file) as pdf:
            return max(0, page_count(pdf))
    except Exception:  # a damaged file: reading it will say what is wrong
        return 0


def _pages(pdf):
    """The pages one at a time (pdfplumber's `pages` list would hold every page, and its objects, to the end)."""
    from pdfminer.pdfpage import PDFPage

    Page = _page_class()
    top = 0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
        if number > MAX_PAGES:
            raise UnreadableFile(
                f"太大：超过 {MAX_PAGES:,} 页，请拆分 PDF too large: more than {MAX_PAGES:,} pages: split the PDF"
            )
        page = Page(pdf, page_obj, page_number=number, initial_doctop=top)
        top += page.height
        yield page


def _turned(page) -> int:
    """How far a page's content is turned by its matrix (a landscape table printed onto a portrait page, no /Rotate
    saying so), clockwise in degrees as /Rotate counts: 90 or 270 when most of its characters are turned that way (a
    running head and a page number printed upright beside them are fewer; read as they stood, the table came out
    transposed and the file was refused), else 0."""
    chars = [c for c in page.chars if c["text"].strip()]
    turned = [c for c in chars if not c["upright"]]
    up = sum(1 for c in turned if c["matrix"][1] > 0)  # read upwards: turned anticlockwise
    if max(up, len(turned) - up) <= TURNED_SHARE * len(chars):
        return 0
    return 90 if up * 2 > len(turned) else 270


def _turned_back(page, turn: int):
    """The page shown turned `turn` degrees further clockwise, as a reader turns it to read it."""
    page_obj = page.page_obj
    page_obj.rotate = (page_obj.rotate + turn) % 360
    page_obj.attrs = {**page_obj.attrs, "Rotate": page_obj.rotate}
    page.close()
    return type(page)(page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _stray(item: _Item) -> bool:
    """A lone short text line, such as the labels of cells merged over a page break that the text layer also holds
    outside the table ('产', '出', '指', '标 质量指标' around it, '数量指标' above its continuation), or a caption
    saying the table goes on ('续表'): no break in the table."""
    cells = item.rows[0] if not item.table and len(item.rows) == 1 else []
    return _caption(item) or (
        0 < len(cells) <= 2 and all(len(cell) <= STRAY_CHARS and not _TITLE_LIKE.search(cell) for cell in cells)
    )


def _digits_touching(before: list, char) -> bool:
    """Whether `char` stands right after the one character in `before` on their line (the same baseline, no gap),
    each a digit or a decimal point."""
    if not before or not hasattr(before[0], "get_text"):
        return False
    prior = before[0]
    if not all(c.get_text().isdigit() or c.get_text() in POINTS for c in (prior, char)):
        return False
    return abs(prior.y0 - char.y0) < 0.1 * char.size and abs(char.x0 - prior.x1) < 0.2 * char.size


def _top(items: list[_Item], beside: set[int]) -> tuple[list[_Item], _Item | None]:
    """The text lines atop a page, above its first table, and that table (None when the page has none)."""
    lines: list[_Item] = []
    for item in items:
        if _stray(item) or id(item) in beside:
            continue
        if item.table:
            return lines, item
        lines.append(item)
    return lines, None


def _line_text(item: _Item) -> str:
    return "".join("".join(cells) for cells in item.rows).replace(" ", "")


def _print_titles(
    texts: list[str], table: _Item, above: tuple[list[str], list[tuple[str, ...]]], last: _Item
) -> int | None:
    """A sheet's print titles (顶端标题行: its title, its unit line, at times its form's first rows) repeated atop a
    page over the table going on: `texts`, the lines atop the page (`_line_text`), repeat in order the lines atop
    the page before (`above`: those lines and its first table's rows, as printed), from its first line. The table's
    first rows that repeat that table's, from its first row, are the titles' too (when the lines are all the page
    before's): how many; None when the page repeats no such titles, when the table is not the last going on (its
    columns other and no cell cut by the break), or when what follows the titles begins another form
    (`_new_form`)."""
    rows = above[1]
    if texts != above[0][: len(texts)]:
        return None
    size = 0
    if len(texts) == len(above[0]):
        while (
            size < min(len(table.rows), len(rows))
            and any(cell.strip() for cell in rows[size])
            and _same_header(table.rows[size], list(rows[size]))
        ):
            size += 1
    if size == len(table.rows) or not (last.open_bottom or _aligned(table.edges, last.edges) is not None):
        return None
    return None if _new_form(table.rows[size:], last, bool(last.open_bottom or size)) else size


def _new_form(rows: list[list[str]], last: _Item, going_on: bool) -> bool:
    """Whether a table's first rows, under a page's repeated titles, begin a form other than the last one: a head
    row (项目名称, 主管部门, 资金 …) with a label that form's head has and another value (forms of one name on
    consecutive pages: their 主管部门, 实施单位 or amounts tell them apart), a 项目名称 or 部门名称 it has not, a
    second goal (年度总体目标 under a form's 年度绩效目标), an indicator header not its own, or, unless the table is
    `going_on` (a cell cut by the break, its first rows repeated), a first row neither a head row nor one of the
    form's indicator rows (a money table's '序号 | 支出项目 | 资金来源 | 金额', a department's '年度主要任务' under
    the sheet's title only); a head repeated whole from its first row, or going on with rows it has not shown yet,
    is the same form's."""
    shown = last.head_rows + last.rows
    starts = [n for n, cells in enumerate(shown) if cells and head_field(cells[0]) in _FORM_STARTS]
    form = shown[starts[-1] :] if starts else shown  # (the last form when a table holds several)
    repeated = False
    for cells in rows:
        if names_indicators([column(cell) for cell in cells]):
            heads = [row for row in form if names_indicators([column(cell) for cell in row])]
            return bool(heads) and not any(_same_header(cells, row) for row in heads)
        field = head_field(cells[0]) if cells else ""
        if not field:
            return not (going_on or repeated or _indicator_row(cells, form))
        if any(_same_header(cells, row) for row in form):
            if not repeated and not _same_header(cells, form[0]):
                return True  # a head repeated from anywhere but its first row: no print titles
            repeated = True
            continue
        if field in _FORM_STARTS or any(_labels(row) == _labels(cells) for row in form):
            return True
        if field == "goal" and any(row and head_field(row[0]) == "goal" for row in form):
            return True
    return False


def _indicator_row(cells: list[str], form: list[list[str]]) -> bool:
    """Whether a row reads as one of a form's indicator rows going on: its first cell blank (a level merged over
    the break) or one the form's rows begin with ('绩效指标'), or a level word among its first cells."""
    return (
        not cells[0]
        or any(row and row[0] == cells[0] for row in form)
        or any(is_level1(cell) or is_level2(cell) for cell in cells[:3])
    )


def _labels(cells: list[str]) -> tuple[str, ...]:
    """A head row's leading labels ('项目资金（万元）', '其他资金'; '主管部门' before its value)."""
    named = [cell for n, cell in enumerate(cells) if cell and (n == 0 or cell != cells[n - 1])]
    return tuple(key(cell) for cell in itertools.takewhile(head_field, named))


def _drop_rows(table: _Item, size: int) -> None:
    """A table's first `size` rows left out (a sheet's print titles repeated), the rows its cells cover shifted."""
    if not size:
        return
    table.rows = table.rows[size:]
    table.row_tops, table.row_feet = table.row_tops[size:], table.row_feet[size:]
    for cells in (table.open_top, table.open_bottom):
        for j, covered in list(cells.items()):
            cells[j] = [i - size for i in covered if i >= size]
            if not cells[j]:
                del cells[j]
    table.cut_top = {j: line for j, line in table.cut_top.items() if j in table.open_top}
    table.merged_down = {(i - size, j) for i, j in table.merged_down if i > size}  # (not to a dropped row)
    table.repeats_header = True  # (a cell going on below them is closed at the top: `_join_open_cells`)


def _caption(item: _Item) -> bool:
    """A text line saying the table goes on ('续表', '表3（续）'; read without the spaces typed in it: '续 表')."""
    return not item.table and len(item.rows) == 1 and bool(_CONTINUATION.match(unspaced(" ".join(item.rows[0]))))


def _continue(last: _Item, first: _Item) -> bool:
    """Whether the page's first table continues the last one: columns matched by position (the continued table
    widened to the first page's columns), then the header rows it repeats dropped; False when they do not match."""
    columns = _aligned(first.edges, last.edges)
    if columns is None:
        return False
    width = len(last.edges)
    if columns != list(range(width)):
        first.rows = [_place(cells, columns, width) for cells in first.rows]

        def placed(by_column: dict) -> dict:  # (a cell's in every column it is placed in, as its text: `_place`)
            return {m: value for k, value in by_column.items() if k < len(columns) for m in _reach(columns, k)}

        first.open_top, first.open_bottom = placed(first.open_top), placed(first.open_bottom)
        first.merged_down = {(i, m) for i, k in first.merged_down if k < len(columns) for m in _reach(columns, k)}
        first.cut_top, first.cut_bottom = placed(first.cut_top), placed(first.cut_bottom)
        first.full_bottom = {m for k in first.full_bottom if k < len(columns) for m in _reach(columns, k)}
        first.ends = {m for k in first.ends if k < len(columns) for m in _reach(columns, k)}
        first.roomy = {m for k in first.roomy if k < len(columns) for m in _reach(columns, k)}
        first.cut_places, first.top_marks = placed(first.cut_places), placed(first.top_marks)
        if columns[0]:
            _take_beside(first, last.edges[: columns[0] + 1])
        first.edges = last.edges
    first.head_rows = last.head_rows or _head_rows(last.rows)
    size = _header_size(first.rows, first.head_rows)
    if size:
        first.repeats_header = True
        first.rows = first.rows[size:]
        first.row_tops, first.row_feet = first.row_tops[size:], first.row_feet[size:]
        first.open_top = {j: [i - size for i in rows if i >= size] for j, rows in first.open_top.items()}
        first.open_bottom = {j: [i - size for i in rows if i >= size] for j, rows in first.open_bottom.items()}
        first.merged_down = {(i - size, j) for i, j in first.merged_down if i > size}  # (not to a header row)
    return True


def _own_lines(last: _Item, first: _Item) -> _Item | None:
    """A page's first table that goes on with the last one's columns but holds lines of its own, across the rows
    after them (a self-evaluation's 总分 row, its cell widths its own as Word keeps each row's, atop a page with the
    last indicator rows): the lines no column of the last table matches are taken out of the rows above (their
    text the same either side of each), which then go on as the last table, and the rows from the first one whose
    text changes across such a line are returned as a table of their own, on the page's grid. None (and the table
    as it was) when every line matches, when most do not (another table: a title across it and blank rows atop it
    cross none of its lines), or when its first row stands on such a line too. A row beginning a table of its own
    (`_own_start`: another table's title or head) is no row going on either: it and those after it are the page's;
    the last table's header repeated atop the page (`_header_size`) is no other table's."""
    if _aligned(first.edges, last.edges) is not None:
        return None
    own = {k for k, j in enumerate(_matches(first.edges, last.edges)) if j is None}
    if not own or 0 in own or 2 * len(own) >= len(first.edges):
        return None

    def across(cells: list[str]) -> bool:
        return any(k < len(cells) and cells[k].strip() != cells[k - 1].strip() for k in own)

    repeated = _header_size(first.rows, last.head_rows or _head_rows(last.rows))  # (its header again: going on)
    size = next(
        (i for i, cells in enumerate(first.rows) if across(cells) or i >= repeated and _own_start(cells)),
        len(first.rows),
    )
    if not size:
        return None
    rest = _rows_after(first, size) if size < len(first.rows) else None
    _drop_columns(first, own)
    return rest


def _own_start(cells: list[str]) -> bool:
    """Whether a row begins a table, not going on with one: a title (one text from its first cell over half the
    columns or more, '项目支出预算表（单位：万元）'), a form's first head row (项目名称), an indicator header or a
    money table's (`财政拨款 | 其他资金`)."""
    texts = {cell.strip() for cell in cells if cell.strip()}
    title = len(texts) == 1 and bool(cells[0].strip()) and 2 * sum(bool(cell.strip()) for cell in cells) >= len(cells)
    return (
        title
        or head_field(cells[0]) in _FORM_STARTS
        or names_indicators([column(cell) for cell in cells])
        or money_header(cells)
    )


def _rows_after(table: _Item, size: int) -> _Item:
    """The table's rows from `size` on, taken out as a table of their own (with what is open at the page's foot)."""
    rest = _Item(table.row_tops[size], table.bottom, table.rows[size:], True, table.edges)
    rest.row_tops, rest.row_feet = table.row_tops[size:], table.row_feet[size:]
    rest.open_bottom = {j: [i - size for i in rows if i >= size] for j, rows in table.open_bottom.items()}
    rest.open_bottom = {j: rows for j, rows in rest.open_bottom.items() if rows}
    rest.cut_bottom = {j: line for j, line in table.cut_bottom.items() if j in rest.open_bottom}
    rest.cut_places = {j: line for j, line in table.cut_places.items() if j in rest.open_bottom}
    rest.full_bottom = table.full_bottom & rest.open_bottom.keys()
    rest.ends, rest.roomy = table.ends, table.roomy
    rest.merged_down = {(i - size, j) for i, j in table.merged_down if i > size}
    table.rows, table.row_tops, table.bottom = table.rows[:size], table.row_tops[: size + 1], table.row_tops[size]
    table.row_feet = table.row_feet[:size]
    table.open_bottom = {j: [i for i in rows if i < size] for j, rows in table.open_bottom.items()}
    table.open_bottom = {j: rows for j, rows in table.open_bottom.items() if rows and rows[-1] == size - 1}
    table.ends, table.roomy, table.full_bottom = set(), set(), set()
    table.merged_down = {(i, j) for i, j in table.merged_down if i < size}
    return rest


def _drop_columns(table: _Item, drop: set[int]) -> None:
    """A table's columns `drop` left out, each the same text as the column before it in every row kept."""
    kept = [k for k in range(len(table.edges)) if k not in drop]
    new = {k: n for n, k in enumerate(kept)}
    table.edges = tuple(table.edges[k] for k in kept)
    table.rows = [[cells[k] for k in kept if k < len(cells)] for cells in table.rows]
    for name in ("open_top", "open_bottom", "cut_top", "cut_bottom", "cut_places", "top_marks"):
        setattr(table, name, {new[j]: value for j, value in getattr(table, name).items() if j in new})
    table.full_bottom = {new[j] for j in table.full_bottom if j in new}
    table.ends = {new[j] for j in table.ends if j in new}
    table.roomy = {new[j] for j in table.roomy if j in new}
    table.merged_down = {(i, new[j]) for i, j in table.merged_down if j in new}


def _take_beside(table: _Item, edges: tuple[float, ...]) -> None:
    """A continued table drawn without its first columns (as Beijing prints a project's head beside the indicator
    rows of its later pages, unruled but where one head ends): the text lines beside it, if any, are those columns,
    by the first page's column edges, cut into cells at the rules drawn across them; the first cell is open at the
    top and the last at the bottom, unless a rule closes it there."""
    middles = [(top + bottom) / 2 for top, bottom in zip(table.row_tops, table.row_tops[1:])]
    for j, (left, right) in enumerate(zip(edges, edges[1:])):
        rules = [e["top"] for e in table.beside_rules if e["x0"] <= (left + right) / 2 <= e["x1"]]
        cuts = sorted(y for y in rules if table.top + SNAP < y < table.bottom - SNAP)
        closed_top = any(abs(y - table.top) <= SNAP for y in rules)
        closed_bottom = any(abs(y - table.bottom) <= SNAP for y in rules)
        bounds = [table.top, *cuts, table.bottom]
        for n, (top, bottom) in enumerate(zip(bounds, bounds[1:])):  # the cells the rules drawn across make
            rows = [i for i, middle in enumerate(middles) if top <= middle < bottom]
            chars = [
                c
                for line in table.beside
                for c in line.chars
                if left <= (c["x0"] + c["x1"]) / 2 < right and top <= c["middle"] < bottom
            ]
            text = cell_text(wrapped_text(chars, right))
            open_top = rows and n == 0 and not closed_top
            if open_top:
                text, marks = _marks_apart(text, chars)
                if marks:
                    table.top_marks[j] = (text, marks)
            for i in rows:
                table.rows[i][j] = text
            if open_top:
                table.open_top[j], table.cut_top[j] = rows, _cut_line(chars, "top")
            if rows and n == len(bounds) - 2 and not closed_bottom:
                table.open_bottom[j], table.cut_places[j] = rows, _cut_chars(chars, "bottom")
                table.cut_bottom[j] = line_text(table.cut_places[j])
                if _reaches(chars, table.bottom):
                    table.full_bottom.add(j)
    table.took_beside = True


def _check_page(page) -> int:
    """Read the page's layout (pdfminer), refusing the page once it draws more than MAX_PAGE_CHARS characters or
    MAX_PAGE_SHAPES lines, rectangles and curves: before pdfplumber makes its objects of them and looks for tables,
    which takes time growing faster than their number. pdfplumber then uses the layout read here. Returns how many
    of its characters are in a font that maps no glyph to its character (`_note_unmapped_fonts`)."""
    device = _counting_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    fields_interpreter()(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # where pdfplumber (pinned) keeps a page's layout once read
    _drop_watermark(page._layout, device.sizes)
    return device.unmapped


def _slanted(matrix: tuple) -> bool:
    """Whether a character's baseline runs at a slant to the page's sides (more than SLANT, as its sine), not at a
    multiple of 90°: a diagonal watermark's ('公开' at 45°, large or tiled over the page), no table's text; a
    whole page turned by 90° (`_turned`) and an italic's sheared glyphs are not slanted."""
    a, b = abs(matrix[0]), abs(matrix[1])
    return min(a, b) > SLANT * math.hypot(a, b)


def _drop_watermark(layout, sizes: list[float]) -> None:
    """Leave out of the page's layout a watermark written level: characters WATERMARK_SIZE times as large as the
    page's body text (its median size) or more, in a light colour ('样  本' at 120 points in grey over a table of 9:
    its glyphs were read into the cells under them). A title is large, but not so large, and dark."""
    from pdfminer.layout import LTChar, LTLayoutContainer

    if not sizes:
        return
    large = WATERMARK_SIZE * sorted(sizes)[len(sizes) // 2]
    if max(sizes) < large:
        return

    def drop(container) -> None:
        container._objs = [
            o for o in container._objs if not (isinstance(o, LTChar) and o.size >= large and _faint(o.graphicstate))
        ]
        for obj in container._objs:
            if isinstance(obj, LTLayoutContainer):  # a form XObject's figure
                drop(obj)

    drop(layout)


def _streams_past_lengths(parser) -> None:
    """Read to its `endstream` a stream whose /Length names an object the file lacks (`pdfunite` joining two files
    writes such ones; poppler reads them): pdfminer reads it empty (a joined budget's page, its form's head, read
    blank). It is pdfminer's own way with a damaged file's streams (`fallback`), for those streams alone; the length
    is looked up in the cross-reference tables, not read (reading an object here would reset the parser)."""
    do_keyword = parser.do_keyword

    def keyword(pos, token):
        if token is not parser.KEYWORD_STREAM or parser.fallback or not _lengthless(parser):
            return do_keyword(pos, token)
        parser.fallback = True
        try:
            return do_keyword(pos, token)
        finally:
            parser.fallback = False

    parser.do_keyword = keyword


def _lengthless(parser) -> bool:
    """Whether the stream the parser is at has a /Length naming an object no cross-reference table holds."""
    from pdfminer.pdftypes import PDFObjRef

    dic = parser.curstack[-1][1] if parser.curstack else None
    length = dic.get("Length") if isinstance(dic, dict) else None
    if not isinstance(length, PDFObjRef) or parser.doc is None:
        return False
    for xref in parser.doc.xrefs:
        with contextlib.suppress(KeyError):
            xref.get_pos(length.objid)
            return False
    return True


def _note_unmapped_fonts(rsrcmgr) -> None:
    """Keep in `rsrcmgr.unmapped` the fonts whose glyphs have no characters of their own: a composite font numbering
    its glyphs (Identity-H) without a ToUnicode map, whose text pdfminer guesses from the embedded font (garbage
    where it was subset). pdfminer keeps no font's dictionary: it is looked at as each font is made."""
    from pdfminer.cmapdb import IdentityCMap
    from pdfminer.pdffont import PDFCIDFont

    make = rsrcmgr.get_font
    rsrcmgr.unmapped = set()
    rsrcmgr.embedded = {}  # font id → the map of its embedded TrueType font (`_embedded_map`)

    def get_font(objid, spec):
        font = make(objid, spec)
        if isinstance(font, PDFCIDFont) and isinstance(font.cmap, IdentityCMap) and "ToUnicode" not in spec:
            rsrcmgr.unmapped.add(id(font))
        return font

    rsrcmgr.get_font = get_font


def _embedded_map(rsrcmgr, font):
    """The character map of a composite font's embedded TrueType font (a glyph's character by its number, as for
    Identity-H), read once when a glyph its ToUnicode map leaves out is first drawn; None when there is none."""
    from pdfminer.pdffont import PDFCIDFont, TrueTypeFont

    if id(font) not in rsrcmgr.embedded:
        rsrcmgr.embedded[id(font)] = None
        fontfile = getattr(font, "fontfile", None)
        if isinstance(font, PDFCIDFont) and fontfile is not None and font.cidcoding in ("Adobe-Identity", "Adobe-UCS"):
            with contextlib.suppress(Exception):  # a damaged or cmap-less font: nothing to read the glyphs by
                rsrcmgr.embedded[id(font)] = TrueTypeFont(
                    font.basefont, io.BytesIO(fontfile.get_data())
                ).create_unicode_map()
    return rsrcmgr.embedded[id(font)]


_PLAIN = frozenset((float, int, str, bool, type(None)))  # what pdfplumber's resolve_all gives back as it is


@functools.cache
def _page_class():
    """pdfplumber's Page, making each character's, line's, rectangle's and curve's dict (as its `process_object`
    does: the same keys, values and order) in a third of the time: its generic path resolves every attribute of every
    object for references that plain numbers and strings never hold, and decodes the colour space's name again for
    each character. Other objects (images, figures) take pdfplumber's own path."""
    from unicodedata import normalize

    from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect
    from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes
    from pdfplumber.utils import resolve_all, resolve_and_decode

    space = functools.lru_cache(maxsize=64)(resolve_and_decode)
    kinds = {LTChar: "char", LTCurve: "curve", LTLine: "line", LTRect: "rect"}

    def resolved(value):
        """resolve_all(value), skipping the walk where nothing can be a reference: a tuple of plain values is given
        back as it is, a list of them (a shape's points) as a copy, as resolve_all gives them."""
        if type(value) is tuple and all(type(item) in _PLAIN for item in value):
            return value
        if type(value) is list and all(type(item) is tuple and all(type(v) in _PLAIN for v in item) for item in value):
            return list(value)
        return resolve_all(value)

    class FastObjects(Page):
        def process_object(self, obj):
            kind = kinds.get(type(obj))
            if kind is None:
                return super().process_object(obj)
            attr = {k: v if type(v) in _PLAIN else resolved(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
            attr["object_type"] = kind
            attr["page_number"] = self.page_number
            for cs in ("ncs", "scs"):
                if hasattr(obj, cs):
                    attr[cs] = space(getattr(obj, cs).name)
            if kind == "char":
                text = obj.get_text().translate(_CANONICAL)
                attr["text"] = normalize(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
                gs = obj.graphicstate
                attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
                attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
                if isinstance(attr["fontname"], bytes):
                    attr["fontname"] = fix_fontname_bytes(attr["fontname"])
                if hasattr(obj, "string"):  # the text string drawing it (`_anchor`)
                    attr["string"] = obj.string
                if hasattr(obj, "shown"):  # cut by its clip: the part printed, top down
                    attr["shown"] = (
                        self.height - obj.shown[1] + self.mediabox[1],
                        self.height - obj.shown[0] + self.mediabox[1],
                    )
            else:
                point = self.point2coord
                attr["pts"] = list(map(point, attr["pts"]))
                attr["path"] = [(cmd, *map(point, pts)) for cmd, *pts in obj.original_path]
                attr["dash"] = obj.dashing_style
            mb_x0, mb_top = self.mediabox[:2]
            attr["top"] = (self.height - attr["y1"]) + mb_top
            attr["bottom"] = (self.height - attr["y0"]) + mb_top
            attr["doctop"] = self.initial_doctop + attr["top"]
            if mb_x0 != 0:
                attr["x0"] = attr["x0"] + mb_x0
                attr["x1"] = attr["x1"] + mb_x0
            return attr

    return FastObjects


@functools.cache
def _counting_device():
    """pdfplumber's layout device, counting what the page draws and leaving out the characters its clipping region
    hides (pdf_clip; made when first needed: pdfplumber loads late)."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    from pdfminer.layout import LTChar, LTRect

    class Counting(PDFPageAggregatorWithMarkedContent):
        chars = shapes = covering = unmapped = strings = 0
        clip = None  # the clipping region, kept by the interpreter
        point = None  # a decimal point the clip hid right after a digit, until the next character is drawn
        crop = None  # the page's CropBox, when it shows less than the whole page: nothing beyond it shows

        def begin_page(self, page, ctm) -> None:
            """A page whose CropBox cuts it: its region clips what is drawn beyond it (a viewer shows none of it:
            a row drawn below the CropBox was read as the table's last indicator)."""
            from pdfminer.utils import apply_matrix_rect

            super().begin_page(page, ctm)
            self.sizes: list[float] = []  # the sizes of the characters kept, to tell the page's body text by
            if tuple(page.cropbox) != tuple(page.mediabox):
                self.crop = self.clip = apply_matrix_rect(ctm, page.cropbox)

        def handle_undefined_char(self, font, cid: int) -> str:
            """A glyph the font's ToUnicode map leaves out: the character the embedded TrueType font's own map
            gives it (as pdfminer reads a font without ToUnicode), else UNDECODED."""
            glyphs = _embedded_map(self.rsrcmgr, font)
            try:
                return glyphs.get_unichr(cid) if glyphs else UNDECODED
            except KeyError:
                return UNDECODED

        def render_string(self, *args, **kwargs) -> None:
            """A text string (Tj, TJ, ', "): its characters are numbered with it (`render_char`)."""
            self.strings += 1
            super().render_string(*args, **kwargs)

        def render_char(self, *args, **kwargs):
            self.chars += 1
            if self.chars > MAX_PAGE_CHARS:
                raise UnreadableFile(
                    f"PDF 第 {self.pageno} 页的字符超过 {MAX_PAGE_CHARS:,} 个，不像绩效目标表，已拒绝 "
                    f"(page {self.pageno} holds more than {MAX_PAGE_CHARS:,} characters)"
                )
            advance = super().render_char(*args, **kwargs)
            self.unmapped += id(args[1]) in self.rsrcmgr.unmapped  # (matrix, font, …)
            char = self.cur_item._objs[-1]
            point, self.point = self.point, None
            if _slanted(char.matrix) or self.clip is not None and hidden(char.bbox, self.clip, char.get_text()):
                self.cur_item._objs.pop()
                if (
                    self.clip is not None
                    and char.get_text() in POINTS
                    and _digits_touching(self.cur_item._objs[-1:], char)
                ):
                    self.point = char  # kept if a digit the clip shows follows it (the clip may end before it)
                    char.shown = (max(char.y0, self.clip[1]), min(char.y1, self.clip[3]))  # (in the digits' cell)
                return advance
            if point is not None and _digits_touching([point], char):
                self.cur_item._objs.insert(-1, point)  # a number's decimal point, its foot cut by the clip
            if self.clip is not None and (char.y0 < self.clip[1] or char.y1 > self.clip[3]):
                char.shown = (max(char.y0, self.clip[1]), min(char.y1, self.clip[3]))  # the part printed
            char.string = self.strings
            self.sizes.append(char.size)
            return advance

        def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
            self.shapes += 1
            if self.shapes > MAX_PAGE_SHAPES:
                raise UnreadableFile(
                    f"PDF 第 {self.pageno} 页的线条和图形超过 {MAX_PAGE_SHAPES:,} 个，不像绩效目标表，"
                    f"已拒绝 (page {self.pageno} draws more than {MAX_PAGE_SHAPES:,} lines, "
                    "rectangles and curves)"
                )
            if self.crop is not None and beyond(path, self.ctm, self.crop):
                return
            super().paint_path(gstate, stroke, fill, evenodd, path)
            objects = self.cur_item._objs
            if fill and objects and isinstance(objects[-1], LTRect) and _white(gstate.ncolor):
                self._cover(objects[-1].bbox)

        def _cover(self, box: tuple[float, float, float, float]) -> None:
            """Leave out the characters painted before under a white box (a whiteout over a corrected value: its
            old text and the new one on top were read as one, '≥4500人次' for '≥500人次')."""
            objects = self.cur_item._objs
            self.covering += len(objects)
            if self.covering > MAX_COVER_CHECKS:
                return  # a page painting thousands of white boxes over thousands of characters: read as drawn
            x0, y0, x1, y1 = box
            under = {
                id(o)
                for o in objects
                if type(o) is LTChar and x0 <= (o.x0 + o.x1) / 2 <= x1 and y0 <= (o.y0 + o.y1) / 2 <= y1
            }
            if under:
                self.cur_item._objs = [o for o in objects if id(o) not in under]

    return Counting


def _aligned(edges: tuple[float, ...], target: tuple[float, ...]) -> list[int] | None:
    """Each column's index among `target`'s columns by its left edge, in order; None when one has no match."""
    if not edges or not target or len(edges) > len(target):
        return None
    columns = [j for j in _matches(edges, target) if j is not None]
    return columns if len(columns) == len(edges) else None


def _matches(edges: tuple[float, ...], target: tuple[float, ...]) -> list[int | None]:
    """Each column's index among `target`'s columns by its left edge (within ALIGN_SLACK, after the last one
    matched, and no other edge nearer that column: a page's 131 and 135 under the form's 135, the 135 is it), None
    for a column none matches."""
    columns: list[int | None] = []
    at = -1
    for x in edges:
        j = min(range(len(target)), key=lambda k: abs(target[k] - x))
        nearest = min(edges, key=lambda e: abs(target[j] - e))
        matched = abs(target[j] - x) <= ALIGN_SLACK and j > at and abs(target[j] - nearest) >= abs(target[j] - x)
        columns.append(j if matched else None)
        at = j if matched else at
    return columns


def _next(columns: list[int], k: int) -> int:
    """The first page's column after those a continued table's column `k` reaches over (`_place`)."""
    return columns[k + 1] if k + 1 < len(columns) else columns[k] + 1


def _reach(columns: list[int], k: int) -> range:
    """The first page's columns a continued table's column `k` is placed in (`_place`)."""
    return range(columns[k], _next(columns, k))


def _place(cells: list[str], columns: list[int], width: int) -> list[str]:
    """A continued table's row on the first page's columns; a column of the first page with no line of its own here
    (a finer grid there: another form's, or the head's, lines a few points off) takes the text of the cell reaching
    over it, as a merged cell's text is spread (a 分值 cell read into a sliver column, the 分值 column left blank)."""
    placed = [""] * width
    for k, (text, j) in enumerate(zip(cells, columns)):
        for m in range(j, _next(columns, k)):
            placed[m] = text
    return placed


def _head_rows(rows: list[list[str]]) -> list[list[str]]:
    """A table's first rows, which its next pages may repeat: its first `HEAD_ROWS`, down to its indicator header
    when a form's head stands above it (Word repeats every row marked to repeat: the whole head, at times), and
    any indicator header below."""
    headers = [n for n, row in enumerate(rows) if names_indicators([column(cell) for cell in row])]
    top = max(HEAD_ROWS, headers[0] + 1 if headers and headers[0] < FORM_HEAD_ROWS else 0)
    return rows[:top] + [rows[n] for n in headers if n >= top]


def _header_size(rows: list[list[str]], head: list[list[str]]) -> int:
    """How many of a continued table's first rows repeat header rows of the table's first page, which may stand
    under a title and unit line there (`head`: `_head_rows`); blank rows repeat nothing. A merged header cell may be
    read spread or once: '三级指标 | 三级指标' repeats '三级指标 | '. The repeat starts at a row above the first
    indicator header or at an indicator header, never at a row under one: a table's row atop the next page like
    one of its first rows (a flat table's same project's, '农村公路… | 效益指标 | … | 明显下降', also in a table
    with a second header further down) is its own, it was dropped as a repeated header."""
    headers = [n for n, row in enumerate(head) if names_indicators([column(cell) for cell in row])]
    for offset, row in enumerate(head):
        if headers and offset > headers[0] and offset not in headers:
            continue
        if rows and _same_header(rows[0], row) and any(cell.strip() for cell in row):
            size = 1
            while size < min(len(rows), len(head) - offset) and _same_header(rows[size], head[offset + size]):
                size += 1
            return size
    return 0


def _same_header(row: list[str], other: list[str]) -> bool:
    """Whether two header rows name the same columns, a merged cell read once or spread over the cells it covers
    (blank cells and a cell repeating the one before it left out)."""

    def names(cells: list[str]) -> list[str]:
        return [cell for n, cell in enumerate(cells) if cell and (n == 0 or cell != cells[n - 1])]

    return names(row) == names(other)


def _join_open_cells(last: _Item, start: int, first: _Item, rows: list[tuple[str, ...]]) -> None:
    """A cell cut by the page break (open at the bottom of the last table and at the top of the continued one):
    its two parts joined, in every row it covers on both pages. A cell open at the bottom, blank there, whose rest
    the next page closes under its repeated header takes the text printed there; so does a blank cell closed at the
    foot of a column of merged cells when the columns before it go on with the same texts on the next page (the
    parts of one merged cell, its text centred on the next page, or on a later one when the next is blank all down;
    a project's blank cell ending where the next project begins stays blank). A cell open at the bottom, with text
    there, whose rest stands under the repeated header (closed at its top by the header's rule: Chromium's `thead`,
    a sheet's print titles) is joined with that rest, in the rows it covers there; a rest printed blank (Chromium
    prints a merged cell's text once) takes the text. `start` is the last table's first row in `rows`."""
    blanks = [(j, cut) for j, cut in last.open_bottom.items() if first.repeats_header and j not in first.open_top]
    for j, above in blanks:
        if not first.rows or j >= len(first.rows[0]) or not rows[start + above[0]][j]:
            continue
        if first.rows[0][j] and j not in last.full_bottom:  # a whole text ending high above: the rest is another's
            continue
        below = [0]
        while len(below) < len(first.rows) and (len(below), j) in first.merged_down:
            below.append(len(below))
        low = last.cut_bottom.get(j, "")  # the line the break cuts, its lower part perhaps atop the rest
        rest, high = _marked(last, first, j, first.rows[0][j])
        high = high or next((rest[:n] for n in _line_ends(rest, low)), "")
        _put_joined(last, start, first, rows, j, above, below, _joined(rows[start + above[0]][j], rest, (low, high)))
    foot = last.rows[-1] if last.rows else []
    for j in {j for _, j in last.merged_down} - set(last.open_bottom):
        cut = [len(last.rows) - 1]
        while cut[0] > 0 and (cut[0], j) in last.merged_down:
            cut.insert(0, cut[0] - 1)
        if first.rows and all(not foot[m] or foot[m] == first.rows[0][m] for m in range(j)):
            blanks.append((j, cut))
    for j, cut in blanks:
        if not first.rows or j >= len(first.rows[0]) or rows[start + cut[0]][j]:
            continue
        earlier = last.carried_blank.get(j, []) + [start + i for i in cut]
        if text := first.rows[0][j]:
            for k in earlier:
                rows[k] = (*rows[k][:j], text, *rows[k][j + 1 :])
        elif all((i, j) in first.merged_down for i in range(1, len(first.rows))):  # blank over the whole page
            first.carried_blank[j] = earlier
    for j, below in first.open_top.items():
        upper = last.open_bottom.get(j)
        if not upper or not below:
            continue
        rest, high = _marked(last, first, j, first.rows[below[0]][j])
        cuts = (last.cut_bottom.get(j, ""), high or first.cut_top.get(j, ""))
        _put_joined(last, start, first, rows, j, upper, below, _joined(rows[start + upper[0]][j], rest, cuts))


def _put_joined(
    last: _Item,
    start: int,
    first: _Item,
    rows: list[tuple[str, ...]],
    j: int,
    above: list[int],
    below: list[int],
    text: str,
) -> None:
    """A cell's joined text in column `j` of every row it covers: the last table's rows `above` (with those it was
    carried from on the pages before) and the continued table's rows `below`."""
    earlier = last.carried.get(j, []) + [start + i for i in above]
    for k in earlier:
        rows[k] = (*rows[k][:j], text, *rows[k][j + 1 :])
    for i in below:
        first.rows[i][j] = text
    if first.open_bottom.get(j) == below:  # one cell over the whole page: it may go on over the next
        first.carried[j] = earlier


def _marked(last: _Item, first: _Item, j: int, rest: str) -> tuple[str, str]:
    """The rest of a cell in column `j` whose first line is only the low marks of the line the break cut (LibreOffice
    prints a merged cell over a break on both pages: the foot of that line, where its marks' ink is, atop the next
    page, the rest of its characters hidden there; their tops at the page's foot, where the marks are hidden): that
    line whole, its characters and marks put in order by where they stand, in place of the marks; and that line.
    Otherwise the rest as it is and ''."""
    text, marks = first.top_marks.get(j, ("", []))
    places = last.cut_places.get(j)
    if not marks or not places or text != rest:
        return rest, ""
    shown = [mark for mark in marks if all(abs(mark["x0"] - c["x0"]) > CUT for c in places)]  # (not one it shows)
    line = line_text(sorted(places + shown, key=lambda c: c["x0"]))
    return line + "\n" + rest if rest else line, line


def _line_ends(text: str, line: str) -> list[int]:
    """Where a text's first characters are the line again, its low marks aside (the lower part of a line the page
    break cut, printed atop the next page where a sheet's merged cell goes on): their lengths, or none."""
    want = _unmarked(line)
    return [n for n in range(len(line) - 2, len(line) + 3) if want and n > 0 and _unmarked(text[:n]) == want][-1:]


def _row_cut(last: _Item, first: _Item) -> bool:
    """Whether the page break cut one row in two: every cell holding text in the last table's last row open at the
    bottom, and in the continued table's first row open at the top, or closed under its repeated header."""
    if not last.rows or not first.rows or not last.open_bottom:
        return False
    bottom = len(last.rows) - 1
    return all(bottom in last.open_bottom.get(j, ()) for j, cell in enumerate(last.rows[-1]) if cell) and (
        first.repeats_header
        and not first.open_top
        or all(0 in first.open_top.get(j, ()) for j, c in enumerate(first.rows[0]) if c)
    )


def _join_merged_rest(last: _Item, start: int, first: _Item, rows: list[tuple[str, ...]]) -> None:
    """A continued table's first row holding text only in cells merged over the row below it, each beside text in
    the last table's last row ending on a full line (one merged over that row from above: down to the foot, a whole
    label at its top being no break's, `效益指标` over an empty row atop the next page), no whole level label beside
    another (`two_labels`: a group's own label over a placeholder row atop the page): that row's rest, the page
    break cutting the merged cells' text (Word's level labels `满意度指` ⏎ `标`, ruled at both pages' edges by
    LibreOffice, the row's indicator whole on the page before). Its texts join that row's, the rows below that the
    cells cover take them whole, and it is left out. It had been a row of its own, the labels' rests the levels of
    the rows below (`标 | 意度指标`), without a word."""
    if len(first.rows) < 2 or not last.rows:
        return
    index = start + len(last.rows) - 1
    filled = [j for j, cell in enumerate(first.rows[0]) if cell]
    if not filled or any(
        (1, j) not in first.merged_down
        or j >= len(rows[index])
        or not rows[index][j]
        or j in last.ends
        or (len(last.rows) - 1, j) in last.merged_down
        and j not in last.full_bottom
        or two_labels(rows[index][j], first.rows[0][j])
        for j in filled
    ):
        return  # (each beside a text the break cut: on a full line, `_short`; one merged from above down to the foot)
    joined = {j: _joined(rows[index][j], first.rows[0][j]) for j in filled}
    rows[index] = tuple(joined.get(j, cell) for j, cell in enumerate(rows[index]))
    for j, text in joined.items():
        i = 1
        while i < len(first.rows) and (i, j) in first.merged_down:
            first.rows[i][j] = text
            i += 1
    _drop_rows(first, 1)


def _join_parted_cut(last: _Item, start: int, first: _Item, rows: list[tuple[str, ...]]) -> None:
    """A row the page break cut in two where the next page's grid parts the last one's columns further (a form's
    head row at the foot, the narrower columns of its indicator rows below the rest: Chromium draws one table's
    grid on each page from that page's rows): the rest atop the next page, each cell in the last page's column it
    starts in, joined with its row at the foot. `_continue` matches no such columns, so the rest was a row of its
    own, blank where its label is."""
    columns = _aligned(last.edges, first.edges)
    if columns is None or columns[0] or not _row_cut(last, first):
        return
    rest = [""] * len(last.edges)
    for k, text in enumerate(first.rows[0]):
        j = max(n for n, m in enumerate(columns) if m <= k)
        rest[j] = _joined(rest[j], text)
    index = start + len(last.rows) - 1
    cuts = {j: (last.cut_bottom.get(j, ""), first.cut_top.get(columns[j], "")) for j in range(len(rest))}
    rows[index] = tuple(_joined(cell, rest[j], cuts[j]) for j, cell in enumerate(rows[index]))
    _drop_rows(first, 1)


def _joined(before: str, after: str, cut: tuple[str, str] = ("", "")) -> str:
    """The two pages' parts of one cell: one alone, or the same text printed on both, or the rest after the start;
    a line the break cuts through (`cut`: its upper part printed at the foot of one page, its lower part at the top
    of the next) once, the low marks only one part shows kept."""
    if not after or after in before:
        return before
    if not before or before in after:
        return after
    low, high = cut
    if low and high and _one_line(low, high) and before.endswith(low) and after.startswith(high):
        return before[: -len(low)] + max(low, high, key=len) + after[len(high) :]
    return before + "\n" + after


def _one_line(low: str, high: str) -> bool:
    """Whether the parts of a line the page break cuts are one line: the same characters, one part perhaps missing a
    few that show only in the other (low marks, glyphs of another font whose boxes sit lower or higher)."""
    short, long = sorted((_unmarked(low), _unmarked(high)), key=len)
    if not short or len(short) < len(long) / 2:
        return False
    rest = iter(long)
    return all(char in rest for char in short)  # in order


def _unmarked(line: str) -> str:
    return "".join(c for c in line if c not in LOW_MARKS and not c.isspace())


def _reaches(chars: list[dict], edge: float) -> bool:
    """Whether a cell's text runs down to the table's open bottom edge, its last line within FULL_GAP font sizes of
    it (a text the page break cut goes on there; a whole text ends higher, a cell's blank foot below it)."""
    marks = [c for c in chars if c["text"].strip()]
    return bool(marks) and edge - max(c["bottom"] for c in marks) <= FULL_GAP * max(c["size"] for c in marks)


def _cut_line(chars: list[dict], side: str) -> str:
    """The text of a cell's last line (side 'bottom') or first ('top') when the table's edge cuts through it there
    (every character's printed part ends short of its box on that side), else ''."""
    line = _cut_chars(chars, side)
    return line_text(line) if line else ""


def _cut_chars(chars: list[dict], side: str) -> list[dict]:
    """The characters of that line (`_cut_line`, spaces among them), or none."""
    lines = text_lines(chars)
    if not lines:
        return []
    line = lines[-1] if side == "bottom" else lines[0]
    marks = [c for c in line if c["text"].strip()]
    if side == "bottom":
        cut = all("shown" in c and c["shown"][1] < c["bottom"] - CUT for c in marks)
    else:
        cut = all("shown" in c and c["shown"][0] > c["top"] + CUT for c in marks)
    return line if marks and cut else []


class _Indexed(list):
    """A page's characters, whose `index` (the first equal one's position, as list.index gives it) is looked up in a
    table instead of scanning the list."""

    def __init__(self, chars: list[dict]) -> None:
        super().__init__(chars)
        self._at: dict[tuple, list[int]] = defaultdict(list)
        for n, char in enumerate(self):
            self._at[(char["text"], char["x0"], char["doctop"])].append(n)

    def index(self, char, *_) -> int:
        for n in self._at.get((char["text"], char["x0"], char["doctop"]), ()):
            if self[n] == char:
                return n
        raise ValueError("not a character of the page")


def _deduped(page):
    """The page without its duplicate characters (text printed twice over itself, for bold), as
    `page.dedupe_chars()` gives it. pdfplumber (pinned) puts the kept characters back in order with `chars.index`,
    a scan of the page's characters for each character kept: quadratic, 37 of 85 s in a 100-page budget of 170,000
    characters. Given characters whose index is a table lookup, it keeps the same ones in the same order."""
    from pdfplumber.utils import dedupe_chars

    chars = page.chars
    kept = {id(char) for char in (dedupe_chars(_Indexed(chars)) if _overprinted(chars) else chars)}
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def _overprinted(chars: list[dict], tolerance: float = 1) -> bool:
    """Whether `dedupe_chars` (same tolerance and attributes) would drop any character: whether two characters of the
    same text, font, size and uprightness fall in one cluster of tops (chained within `tolerance`) and, in it, one
    cluster of left edges. Most pages have none, and this takes a tenth of the time of finding which."""
    groups: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for char in chars:
        groups[(char["upright"], char["text"], char["fontname"], char["size"])].append((char["doctop"], char["x0"]))
    for places in groups.values():
        if len(places) < 2:
            continue
        places.sort()
        start = 0
        for n in range(1, len(places) + 1):
            if n < len(places) and places[n][0] <= places[n - 1][0] + tolerance:
                continue
            if n - start > 1:  # a cluster of tops with several characters: are any two left edges close?
                lefts = sorted(x0 for _, x0 in places[start:n])
                if any(b <= a + tolerance for a, b in zip(lefts, lefts[1:])):
                    return True
            start = n
    return False


def _page_items(
    page, upright_only: bool = False, going_on: OpenTable | None = None, lines_above: tuple[float, ...] = ()
) -> tuple[list[_Item], int, int]:
    """The page's tables and text lines top to bottom (page numbers dropped, and a line at its foot, or at the top
    of a page after the first, holding one among other pieces: a running foot or head; the first page's top line
    is read, '单位：元 | 第 1 页' giving the money's unit), its character count and how many of them no map decodes
    (UNDECODED). `going_on`: the last page's table drawn without vertical rules, still open (on a page without ruled
    tables; `under_headers`); `lines_above`: the last page's last table's column edges and right side, if any
    (`_text_columns`).
    `upright_only`: the text outside the tables that is not upright is left out (on a page turned back to read its
    table: the running head and page number printed upright on the paper, read a character a line between the
    table's parts)."""
    page = _deduped(page)
    chars = [_placed(c) for c in page.chars if c["text"].strip() or c["text"] == " "]
    count = sum(1 for c in chars if c["text"] != " ")
    undecoded = sum(1 for c in chars if c["text"] == UNDECODED)
    drawn = page.filter(_drawn)
    rules, fills = drawn.edges, _fill_edges(page)
    fills += _frame(rules, chars, page.height)
    cuts = _cuts(rules, chars, page.height)
    fills += cuts
    tables = drawn.find_tables(
        {
            "explicit_vertical_lines": [e for e in fills if e["orientation"] == "v"],
            "explicit_horizontal_lines": [e for e in fills if e["orientation"] == "h"],
            "intersection_tolerance": MEET,
        }
    )
    if not tables and (span := _rules_only(rules)) and not _going_on_beside(span, going_on, chars):
        parts = _rules_only_parts(drawn, _with_rows_over(span, chars, lines_above), chars, lines_above)
        # (each part closed by a rule across its foot and its head: its last rule leaves out the cells merged on over
        # the page break, the project's '1 | 农村公路养护工程', which were no cells, their text spread over their
        # columns; rows over its first rule atop a page have none)
        closed = [
            _edge(part[0]["x0"], y, part[-1]["x0"], y) for part in parts for y in (part[0]["top"], part[0]["bottom"])
        ]
        tables = drawn.find_tables(
            {
                "vertical_strategy": "explicit",
                "explicit_vertical_lines": [e for part in parts for e in part],
                "explicit_horizontal_lines": closed,
            }
        )
    verticals = [e for e in rules + fills if e["orientation"] == "v"]
    _anchor(chars, verticals)
    horizontals = [e for e in rules if e["orientation"] == "h"]
    closing = [e for e in fills if e["orientation"] == "h"]
    items = [_table_item(t, chars, verticals, horizontals, closing, cuts) for t in tables]
    boxes = [t.bbox for t in tables]
    for n, table in enumerate(items):
        if table.full_bottom and _run_on(chars, [c for c in chars if not any(_inside(c, box) for box in boxes)], table):
            items[n] = _table_item(tables[n], chars, verticals, horizontals, closing, cuts)
    free = [c for c in chars if _on_page(c, page) and not any(_inside(c, box) for box in boxes)]
    free = _without_clipped([c for c in free if c["upright"] or not upright_only], items)
    if tables and going_on:
        going_on.header = []
    texts = [line for line in text_lines(free) if any(c["text"] != " " for c in line)]
    foot = texts[-1:] if texts and texts[-1][0]["top"] > page.height * (1 - MARGIN) else []
    gap = foot[0][0]["top"] - max(c["bottom"] for c in texts[-2]) if foot and len(texts) > 1 else None
    if not foot or not (MARKED_NUMBER.match(line_text(foot[0])) or _numbered(foot[0], page.page_number, gap)):
        foot = []  # (a page number, '- 2 -' or '某县财政局 | 第 1 页', under a table is no row)
    lines = [
        _Item(line[0]["top"], max(c["bottom"] for c in line), [cells], False, chars=line)
        for line, cells in [
            *under_headers(texts[: len(texts) - len(foot)], None if tables else going_on, horizontals),
            *((line, [line_text(line)]) for line in foot),
        ]
    ]
    for table in items:
        table.beside = [
            line
            for line in lines
            if table.top <= _middle(line.chars) <= table.bottom  # (a line the page's edge cuts: its printed part)
            and max(c["x1"] for c in line.chars) <= table.edges[0] + SNAP
        ]
        table.beside_rules = [
            e
            for e in horizontals
            if table.top - SNAP <= e["top"] <= table.bottom + SNAP and e["x0"] < table.edges[0] - SNAP
        ]
    beside = {id(line) for table in items for line in table.beside}
    lines = [line for line in lines if id(line) in beside or _marks_apart(line_text(line.chars), line.chars)[0]]
    extents = [(box[0], box[2]) for box in boxes]
    extents += [(min(c["x0"] for c in line.chars), max(c["x1"] for c in line.chars)) for line in lines]
    items += lines
    side = _two_up(extents, [True] * len(boxes) + [False] * len(lines), page)
    order = sorted(range(len(items)), key=lambda n: (side[n], items[n].top))
    items = [items[n] for n in order]
    margin = page.height * MARGIN
    for end in (0, -1):
        if items and not items[end].table:
            text = " ".join(items[end].rows[0])
            foot = items[end].top > page.height - margin
            near = foot or items[end].bottom < margin
            running = foot or near and page.page_number > 1  # (the first page's top: the form's own head)
            if MARKED_NUMBER.match(text) or near and (PAGE_NUMBER.match(text) or _BROWSER_FOOT.match(text)):
                items.pop(end)
            elif (
                running
                and len(items[end].rows) == 1
                and _numbered(items[end].chars, page.page_number, _gap(items, end))
            ):
                items.pop(end)  # a running foot or head: '某县交通运输局 | 第 1 页 | 2026年1月8日'
    return items, count, undecoded


def _numbered(line: list[dict], number: int, gap: float | None) -> bool:
    """Whether a line of pieces holds a page number: a marked one ('第 1 页', '- 1 -') among them, or the page's own
    number bare at one end of a line of two or three pieces ('某县财政局 | 1') standing apart from the page's body
    (`gap`, to its nearest line: more than its own height, as a running foot or head in the page's margin; a table's
    row right under the one above, '车辆数（辆） | 1' on page 1, is no foot)."""
    pieces = [text.strip() for *_, text in spans(line)]
    if any(map(MARKED_NUMBER.match, pieces)):
        return True
    apart = gap is None or gap > max(c["bottom"] for c in line) - min(c["top"] for c in line)
    return apart and 2 <= len(pieces) <= 3 and str(number) in (pieces[0], pieces[-1])


def _gap(items: list[_Item], end: int) -> float | None:
    """The space between the page's first item (`end` 0) or last (-1) and the one next to it, if any."""
    if len(items) < 2:
        return None
    return items[1].top - items[0].bottom if end == 0 else items[-1].top - items[-2].bottom


def _level_rules(rules: list[dict]) -> list[tuple[int, float, float]]:
    """The level rules as (height, start, end), the segments of one height joined where they meet (a border drawn
    cell by cell)."""
    rows: dict[int, list[dict]] = defaultdict(list)
    for edge in rules:
        if edge["orientation"] == "h":
            rows[round(edge["top"])].append(edge)
    out: list[tuple[int, float, float]] = []
    for y, edges in rows.items():
        joined: list[list[float]] = []
        for edge in sorted(edges, key=lambda e: e["x0"]):
            if joined and edge["x0"] <= joined[-1][1] + SNAP:
                joined[-1][1] = max(joined[-1][1], edge["x1"])
            else:
                joined.append([edge["x0"], edge["x1"]])
        out += [(y, start, end) for start, end in joined]
    return out


def _two_up(spans: list[tuple[float, float]], tables: list[bool], page) -> list[int]:
    """Each item's half of a landscape sheet printing two pages side by side (an A3 of two A4 pages: every item
    within one half, a table in each), 0 left and 1 right, so that the left page is read before the right; all 0
    for any other page."""
    middle = page.width / 2
    side = [0 if x1 <= middle + SNAP else 1 if x0 >= middle - SNAP else -1 for x0, x1 in spans]
    halves = {half for half, table in zip(side, tables) if table}
    return side if page.width > page.height and -1 not in side and halves == {0, 1} else [0] * len(spans)


def _rules_only(rules: list[dict]) -> tuple[float, float, float, float] | None:
    """The span (x0, top, x1, bottom) of a table drawn by level rules alone (a 'three-line' table, its rows ruled
    across, no rule upright): the widest rules' span, RULES_ONLY or more rules within it (a row's rule may leave out
    the cells merged down), none upright crossing it; else None."""
    level = [(y, start, end) for y, start, end in _level_rules(rules) if end - start > SNAP]
    if not level:
        return None
    widest = max(end - start for _, start, end in level)
    across = [(y, start, end) for y, start, end in level if end - start >= widest - SNAP]
    left, right = min(start for _, start, _ in across), max(end for _, _, end in across)
    heights = {y for y, start, end in level if start >= left - SNAP and end <= right + SNAP}
    top, bottom = min(heights), max(heights)
    if len(heights) < RULES_ONLY or len({y for y, _, _ in across}) < 2:
        return None
    if any(
        e["orientation"] == "v"
        and e["height"] > SNAP
        and left - SNAP <= e["x0"] <= right + SNAP
        and e["top"] < bottom
        and e["bottom"] > top
        for e in rules
    ):
        return None
    return left, top, right, bottom


def _rule_heights(rules: list[dict], left: float, right: float) -> list[float]:
    """The heights of the level rules lying between a table's sides, top to bottom."""
    return sorted({y for y, start, end in _level_rules(rules) if start >= left - SNAP and end <= right + SNAP})


def _rules_only_parts(
    drawn, span: tuple[float, float, float, float], chars: list[dict], above: tuple[float, ...]
) -> list[list[dict]]:
    """The upright rules of each table in a span ruled across only (`_text_columns`), top to bottom: the span is cut
    at a band between two of its rules that holds no row (blank, or lines of one piece from the table's left side: a
    title, '附表：项目资金来源') where the text below runs across the column edges above or the text above
    across those below (a goal table's rest atop a page and a small table '项目 | 金额（万元）' under it: read as one,
    every column lost its edge and the project every level, silently). A band between rows of one table's columns (a
    placeholder row, a row of one cell) cuts nothing. Only the first part takes the last page's columns (`above`)."""
    left, top, right, bottom = span
    heights = _rule_heights(drawn.edges, left, right)
    parts: list[list[dict]] = []
    for high, low in zip(heights, heights[1:]):
        lines = _lines_in(chars, (left, high, right, low))
        if not top < high < bottom or any(
            len(_cell_starts(line)) > 1 or line[0]["x0"] > left + CELL_MARGINS for line in lines
        ):
            continue  # (a row's cells, or one cell right of the first column: '月30日前')
        upper = _text_columns(drawn, (left, top, right, high), chars, above)
        lower = _text_columns(drawn, (left, low, right, bottom), chars)
        if _crossed(chars, (left, top, right, high), lower) or _crossed(chars, (left, low, right, bottom), upper):
            parts.append(upper)
            top, above = low, ()
    if (tail := _own_last_row(drawn, (left, top, right, bottom), chars, above, heights)) is not None:
        parts.append(tail[0])
        top, above = tail[1], ()
    return [*parts, _text_columns(drawn, (left, top, right, bottom), chars, above)]


def _own_last_row(
    drawn,
    span: tuple[float, float, float, float],
    chars: list[dict],
    above: tuple[float, ...],
    heights: Sequence[float],
) -> tuple[list[dict], float] | None:
    """The upright rules of a table ruled across only over its last row, and that row's top rule, where the row
    stands in columns of its own: a sign-off ('填报人 | 张伟 | 联系电话 | 0531-…') whose text runs across the goal rows'
    column edges, lost for the whole span (the goal's rows atop page 2 glued, '群众满意度≥90%', a project's read as a
    unit row and dropped, silently). Only where a piece of the last row begins where no line above begins one."""
    left, top, right, bottom = span
    inner = [y for y in heights if top + SNAP < y < bottom - SNAP]
    if not inner:
        return None
    high = inner[-1]
    last = _lines_in(chars, (left, high, right, bottom))
    starts = [x for line in _lines_in(chars, (left, top, right, high)) for x in _cell_starts(line)]
    if not any(len(_cell_starts(line)) > 1 for line in last) or all(
        any(abs(x - y) <= GRID_SLACK for y in starts) for line in last for x in _cell_starts(line)
    ):
        return None  # (one piece, or pieces each beginning in a column above: the table's own row)
    upper = _text_columns(drawn, (left, top, right, high), chars, above)
    return (upper, high) if _crossed(chars, (left, high, right, bottom), upper) else None


def _with_rows_over(
    span: tuple[float, float, float, float], chars: list[dict], above: tuple[float, ...]
) -> tuple[float, float, float, float]:
    """The span of a table ruled across only going on atop a page reaching up to its rows over its first rule: each
    row ruled by its bottom border alone, the page's first rows have no rule over them ('满意度指标 | 服务对象满意度指'
    ⏎ '标' glued to the row below, silently). The lines right over the first rule whose pieces each begin in one of
    the last page's columns of the table's sides (`above`), none running across their edges."""
    left, top, right, bottom = span
    if len(above) < 3 or abs(above[0] - left) > SNAP or abs(above[-1] - right) > SNAP:
        return span
    over = [c for c in chars if c["text"].strip() and left <= c["x0"] and c["x1"] <= right and c["middle"] < top]
    rows: list[list[dict]] = []
    for line in reversed(text_lines(over)):
        starts = _cell_starts(line)
        if (
            any(_runs_across(line, x) for x in above[1:-1])
            or not all(any(0 <= x - edge <= CELL_MARGINS for edge in above[:-1]) for x in starts)
            or (starts == [line[0]["x0"]] and line[0]["x0"] <= left + CELL_MARGINS)
        ):
            break  # (a line of one piece at the table's left side: a title, '附表', no row)
        rows.append(line)
    return (left, min(c["top"] for c in rows[-1]) - SNAP, right, bottom) if rows else span


def _lines_in(chars: list[dict], box: tuple[float, float, float, float]) -> list[list[dict]]:
    """The text lines inside a box (x0, top, x1, bottom), by their characters' middles (LibreOffice sets a row's
    glyphs' tops over its rule)."""
    left, top, right, bottom = box
    inside = [c for c in chars if left <= c["x0"] and c["x1"] <= right and top < c["middle"] < bottom]
    return text_lines([c for c in inside if c["text"].strip()])


def _crossed(chars: list[dict], box: tuple[float, float, float, float], edges: list[dict]) -> bool:
    """Whether a line of a box's text runs across one of another part's column edges (between its sides)."""
    return any(_runs_across(line, e["x0"]) for line in _lines_in(chars, box) for e in edges[1:-1])


def _going_on_beside(span: tuple[float, float, float, float], going_on: OpenTable | None, chars: list[dict]) -> bool:
    """Whether rules across only part of a page, right of the first column of a table without upright rules going on
    from the last page (`going_on`), are its rows' rules: a Word table ruled by each row's bottom border, which
    LibreOffice draws under no merged cell (a project's, a level's), so only under the indicator columns. Read as a
    table of those columns, the labels beside them were rows of their own and the projects cut in two. Not where the
    rules' first line or the one over them is a header of its own (`own_header`): a table of its own, set in from
    the page's side ('资金来源 | 金额（万元） | 占比' on the page after), had been read as the table going on, each
    row a project, without a word."""
    if going_on is None or not going_on.header or span[0] <= going_on.header[0][1]:
        return False
    inside = [
        c
        for c in chars
        if span[0] - SNAP <= c["x0"] and c["x1"] <= span[2] + SNAP and span[1] - 2 * c["size"] <= c["top"] < span[3]
    ]
    return not any(own_header(line, going_on.header) for line in text_lines(inside)[:2])


def _text_columns(
    drawn, span: tuple[float, float, float, float], chars: list[dict], above: tuple[float, ...] = ()
) -> list[dict]:
    """Upright rules for a table ruled across only, from where its text stands (pdfplumber's text strategy: the
    edges its words align on), each with text on both sides, from the first rule to the last, and at its ends.
    `above`: the last page's last table's column edges and right side; where this table has its sides and each
    edge found here stands at one of those (within a cell's margins) but some of those have none, and no line's
    text runs across them, they are its columns (a table going on ruled across only, two rows atop a page: 2 words
    in a column give the text strategy no edge, and a name and its target were one cell, '受训人员满意度≥92%')."""
    left, top, right, bottom = span
    # (the words wholly between its first rule and its last: a paragraph's line over it, one word as wide as several
    # columns, hid the edges of the clusters of words it overlaps; a note's line hugging its last rule too, which a
    # crop keeps; a word running past its side is its own)
    area = drawn.within_bbox((drawn.bbox[0], top - SNAP, drawn.bbox[2], bottom + SNAP))
    found = area.debug_tablefinder({"vertical_strategy": "text", "horizontal_strategy": "lines"}).edges
    joints = _joints(drawn.edges, left, right)
    starts = _starts(drawn.edges, left, right) - joints
    drawn_at = joints | starts
    inside = [c for c in chars if left <= c["x0"] and c["x1"] <= right and top <= c["top"] and c["bottom"] <= bottom]
    lines = text_lines([c for c in inside if c["text"].strip()])
    xs = sorted(
        {
            round(x, 1)
            for x in [e["x0"] for e in found if e["orientation"] == "v"] + _head_starts(chars, lines, drawn.edges, span)
            if left + SNAP < x < right - SNAP and all(abs(x - y) > CELL_MARGINS for y in drawn_at)
        }
        | drawn_at
    )
    kept: list[float] = []
    for x, after in zip(xs, [*xs[1:], right]):
        before = kept[-1] if kept else left
        sides = (x in starts or any(before <= c["x0"] and c["x1"] <= x for c in inside)) and any(
            x <= c["x0"] and c["x1"] <= after or abs(c["x0"] - x) <= GRID_SLACK for c in inside
        )  # (a word beginning at x: text on its right, though past an edge found where words end, 'X工程' ⏎ '产出指标')
        if sides and not any(_runs_across(line, x) for line in lines):
            kept.append(x)
    offered = list(above[1:-1])
    if (
        len(above) > len(kept) + 2
        and abs(above[0] - left) <= SNAP
        and abs(above[-1] - right) <= SNAP
        and all(any(abs(x - y) <= CELL_MARGINS for y in offered) for x in kept)
        and not any(_runs_across(line, x) for line in lines for x in offered)
    ):
        kept = offered
    return [_edge(x, top, x, bottom) for x in (left, *kept, right)]


def _head_starts(
    chars: list[dict], lines: list[list[dict]], rules: list[dict], span: tuple[float, float, float, float]
) -> list[float]:
    """Where a cell of a table's first row (its header, between its first two rules) begins and a cell of a row
    below begins too: a column's edge where the column holds a word or two (a level merged over the whole table,
    one word; the project's 序号 and name in a table of one project), too few for the text strategy's three."""
    left, top, right, bottom = span
    heights = _rule_heights(rules, left, right)
    below = next((y for y in heights if y > top + SNAP), bottom)
    head = [x for line in _lines_in(chars, (left, top, right, below)) for x in _cell_starts(line)]
    body = [x for line in lines if _middle(line) > below for x in _cell_starts(line)]
    return [x for x in head if any(abs(x - y) <= GRID_SLACK for y in body)]


def _cell_starts(line: list[dict]) -> list[float]:
    """Where a text line's pieces begin: its first character and each after a gap of a cell's padding."""
    return [line[0]["x0"]] + [c["x0"] for a, c in zip(line, line[1:]) if c["x0"] - a["x1"] >= PADDING * c["size"]]


def _joints(rules: list[dict], left: float, right: float) -> set[float]:
    """Where a level rule drawn cell by cell (a browser's border-bottom of each cell) ends and the next at its height
    begins, inside (left, right): the cells' own edges. A column whose cells span rows (rowspan) has no text aligned
    in it for the text strategy to find its edge by ('老年人助餐服' ⏎ '务' beside '180')."""
    level = sorted((e for e in rules if e["orientation"] == "h"), key=lambda e: (round(e["top"]), e["x0"]))
    return {
        round(a["x1"], 1)
        for a, b in zip(level, level[1:])
        if round(a["top"]) == round(b["top"])
        and abs(b["x0"] - a["x1"]) <= GRID_SLACK
        and left + SNAP < a["x1"] < right - SNAP
    }


def _starts(rules: list[dict], left: float, right: float) -> set[float]:
    """Where a level rule running to the table's right side begins inside (left, right) with no rule at its height
    before it: a cell's left edge, the cells before it merged down over that rule (Word's level label going on atop a
    page, blank there, beside the next level's label on one line: pdfplumber's text strategy finds no edge for a
    column of one cell). A rule ending short of that side is no row's (a word's underline inside a cell)."""
    level = [e for e in rules if e["orientation"] == "h"]
    across = [e["top"] for e in level if e["x1"] >= right - SNAP]
    return {
        round(e["x0"], 1)
        for e in level
        if left + SNAP < e["x0"] < right - SNAP
        and any(abs(top - e["top"]) <= GRID_SLACK for top in across)
        and not any(abs(o["top"] - e["top"]) <= GRID_SLACK and o["x0"] < e["x0"] - GRID_SLACK for o in level)
    }


def _runs_across(line: list[dict], x: float) -> bool:
    """Whether a line's text goes on across x: a character over it, or two closer than a cell's padding on its
    two sides (a word's space: '≥350 km')."""
    before = [c for c in line if c["x1"] <= x + GRID_SLACK]  # (x: where words align, to a rounding)
    after = [c for c in line if c["x0"] >= x - GRID_SLACK]
    if len(before) + len(after) < len(line):
        return True
    return bool(before and after) and after[0]["x0"] - before[-1]["x1"] < PADDING * after[0]["size"]


def _frame(rules: list[dict], chars: list[dict], height: float) -> list[dict]:
    """The sides of a table drawn without its frame (inner rules only): where three or more horizontal rules (their
    segments joined) run over the same span past the vertical rules inside it, and text stands between a span's end
    and the nearest of them, a vertical rule at that end, from the first of those rules to the last. Without it the
    first and last columns were no cells, and the table no table. Its vertical rules running on past its last
    horizontal rule, with text there, close its last row where they end (the row was read one column off) — unless
    they end in the page's foot margin: a cell the page break cut."""
    spans: dict[tuple[int, int], list[float]] = defaultdict(list)  # a span's ends → the heights of its rules
    for y, start, end in _level_rules(rules):
        spans[round(start / SNAP), round(end / SNAP)].append(y)
    verticals = [e for e in rules if e["orientation"] == "v"]
    outer = max((e["x1"] for e in rules if e["orientation"] == "h"), default=0.0)
    sides: list[dict] = []
    for (a, b), heights in spans.items():
        left, right, top, bottom = a * SNAP, b * SNAP, min(heights), max(heights)
        if len(heights) < 3 or bottom - top < SNAP:
            continue
        inner = [
            v for v in verticals if left + SNAP < v["x0"] < right - SNAP and v["top"] < bottom and v["bottom"] > top
        ]
        if not inner:
            continue
        xs = [v["x0"] for v in inner]
        added = []
        for side, nearest in ((left, min(xs)), (right, max(xs))):
            drawn = any(abs(v["x0"] - side) <= SNAP and v["top"] < bottom and v["bottom"] > top for v in verticals)
            low, high = min(side, nearest), max(side, nearest)
            if drawn and side == right and right >= outer - SNAP:
                sides += _undrawn(left, side, heights, verticals, inner, chars)
            elif drawn:
                continue
            elif any(low < c["x0"] and c["x1"] < high and top < c["top"] < bottom for c in chars):
                added.append(side)
        if not added:
            continue
        end = max(
            (v["bottom"] for v in verticals if left + SNAP < v["x0"] < right - SNAP and v["top"] <= bottom + SNAP),
            default=bottom,
        )
        if bottom < end < height * (1 - MARGIN):
            if any(left < c["x0"] and c["x1"] < right and bottom < c["top"] < end for c in chars):
                sides.append(_edge(left, end, right, end))
                bottom = end
        sides += [_edge(x, top, x, bottom) for x in added]
    return sides + _cut_last_rows(rules, verticals, chars)


def _cut_last_rows(rules: list[dict], verticals: list[dict], chars: list[dict]) -> list[dict]:
    """The right side of each row merged over a table's columns and cut by the page's side (`_cut_last_row`): two
    level rules over one span (to SNAP), the lower the next across it."""
    level = sorted(_level_rules(rules))
    sides: list[dict] = []
    for n, (top, start, end) in enumerate(level):
        below = next(((y, a, b) for y, a, b in level[n + 1 :] if y > top + SNAP and a < end and b > start), None)
        if below and abs(below[1] - start) <= SNAP and abs(below[2] - end) <= SNAP:
            sides += _cut_last_row(min(start, below[1]), max(end, below[2]), top, below[0], verticals, chars)
    return sides


def _cut_last_row(
    left: float, right: float, top: float, bottom: float, verticals: list[dict], chars: list[dict]
) -> list[dict]:
    """The right side of a row merged over a table's columns and cut by the page's side: between two rules across
    its span, its left side drawn, its right side drawn only above it (ending at its top), no rule inside it, text
    in it. A self-evaluation's 总分 on the lower page of a print pages wide and tall, under indicator rows whose rules
    leave out their merged 绩效指标 column: it was no row, and its 分值 and 得分 on the page to the right were none of
    its."""

    def drawn(x: float) -> bool:
        return any(
            abs(v["x0"] - x) <= SNAP and v["top"] <= top + SNAP and v["bottom"] >= bottom - SNAP for v in verticals
        )

    above = any(abs(v["x0"] - right) <= SNAP and abs(v["bottom"] - top) <= SNAP for v in verticals)
    within = [v for v in verticals if left + SNAP < v["x0"] < right - SNAP]
    inside = any(v["top"] < bottom - SNAP and v["bottom"] > top + SNAP for v in within)
    if not drawn(left) or drawn(right) or not above or inside:
        return []
    if not any(left < c["x0"] and c["x1"] < right and top < c["top"] < bottom for c in chars):
        return []
    return [_edge(right, top, right, bottom)]


def _undrawn(
    left: float, side: float, heights: list[float], verticals: list[dict], inner: list[dict], chars: list[dict]
) -> list[dict]:
    """A table's right side drawn only in parts (its rules reaching no further right on the page): each part not
    drawn between its rules (`heights`), as a rule, when its rows hold text between the side and their nearest inner
    rule, or anywhere from the table's left side where no inner rule crosses them. A sheet printed pages wide: its
    head's cells merged across the page break have no side on the first page, only the indicator rows' cells below
    them; the head's rows were read as one (a second form under the first on the sheet, whose rules run over the
    same span, as well as the first), and a 总分 row merged over the page's columns and the next page's was no row."""
    drawn = sorted(
        (v["top"], v["bottom"]) for v in verticals if abs(v["x0"] - side) <= SNAP and v["bottom"] > min(heights)
    )
    sides, at = [], min(heights)
    for start, end in drawn + [(max(heights), max(heights))]:
        nearest = max((v["x0"] for v in inner if v["top"] < start - SNAP and v["bottom"] > at + SNAP), default=left)
        if start > at + SNAP and any(nearest < c["x0"] and c["x1"] < side and at < c["top"] < start for c in chars):
            sides.append(_edge(side, at, side, start))
        at = max(at, end)
        at = min((y for y in heights if y >= at - SNAP), default=at)  # (the next of its rules: not the gap between)
    return sides


def _cuts(rules: list[dict], chars: list[dict], height: float) -> list[dict]:
    """Rows the page break cuts without any rule (Word lets a row break across pages, and draws no border there):
    vertical rules running from the page's foot margin up past the last horizontal rule above them, or from its
    head margin down past the first, with text between, and no horizontal rule where they end. A horizontal edge
    there, so that the table finder makes cells of the row, which `_opened` leaves open to be joined with the
    other page's part. (Each rule at the page's edges counts: two or more, over the same columns.) Where the rules
    end above the margin and the break cuts text across their end (`_clipped`), or in the margin where a rule drawn
    there stands inside the row (`_inner`), the edge goes only where no rule is drawn there: a two-row header's
    年度指标值, closed over its parts, was taken to close the whole row."""
    verticals = [e for e in rules if e["orientation"] == "v"]
    # (a rule drawn as a thin filled rectangle, as browsers print borders, has ends as wide as it is thick: no rule)
    horizontals = [e for e in rules if e["orientation"] == "h" and e["width"] > SNAP]
    margin = height * MARGIN
    edges = []
    for at_foot in (True, False):
        ends = [v for v in verticals if (v["bottom"] > height - margin if at_foot else v["top"] < margin)]
        clipped = len(ends) < 2 and (
            _clipped(verticals, horizontals, chars, at_foot) or at_foot and _open_beside(verticals, horizontals, chars)
        )
        if clipped:
            ends = clipped
        elif len(ends) < 2:
            continue
        left, right = min(v["x0"] for v in ends), max(v["x0"] for v in ends)
        end = max(v["bottom"] for v in ends) if at_foot else min(v["top"] for v in ends)
        across = [h["top"] for h in horizontals if h["x0"] < right and h["x1"] > left]
        if not clipped and any(abs(y - end) <= SNAP for y in across):
            clipped = _inner(left, right, end, horizontals) and _clipped(verticals, horizontals, chars, at_foot)
            if not clipped:
                continue  # closed where they end: a row of its own
        inner = [y for y in across if (y < end - SNAP if at_foot else y > end + SNAP)]
        if not inner:
            continue  # no table above (below) it: nothing to cut
        last = max(inner) if at_foot else min(inner)
        low, high = min(last, end), max(last, end)
        if any(left < c["x0"] and c["x1"] < right and low < c["top"] < high for c in chars):
            at_end = [h for h in horizontals if abs(h["top"] - end) <= SNAP]
            spans = _open_stretches(left, right, at_end) if clipped else [(left, right)]
            edges += [_edge(a, end, b, end) for a, b in spans]
    return edges


def _inner(left: float, right: float, end: float, horizontals: list[dict]) -> bool:
    """Whether the rules drawn at height `end` stand inside [left, right], open on both sides: a two-row header's
    rule under a label over its parts (年度指标值 over 符号 | 数值 | 单位), not a table's edge over some of its
    columns (the indicator rows' top atop a page, the project cells beside them going on from the page before)."""
    drawn = [h for h in horizontals if abs(h["top"] - end) <= SNAP and h["x0"] < right and h["x1"] > left]
    return bool(drawn) and all(h["x0"] > left + SNAP and h["x1"] < right - SNAP for h in drawn)


def _open_stretches(left: float, right: float, rules: list[dict]) -> list[tuple[float, float]]:
    """The stretches of [left, right] no rule of `rules` (level, at one height) covers."""
    spans, at = [], left
    for rule in sorted(rules, key=lambda r: r["x0"]):
        if rule["x0"] > at + SNAP:
            spans.append((at, min(rule["x0"], right)))
        at = max(at, rule["x1"])
    return spans + ([(at, right)] if at < right - SNAP else [])


def _clipped(verticals: list[dict], horizontals: list[dict], chars: list[dict], at_foot: bool) -> list[dict]:
    """The vertical rules ending where the page's rules end (the lowest bottom at its foot, the highest top at its
    head) when the page break cut the row there above its margin (a sheet's wider margins): two or more, and text
    cut across their end where no rule is drawn (a two-row header's cells, '一级指标' half on each page, a rule only
    under 年度指标值 over its parts). [] otherwise."""
    if not verticals:
        return []
    end = max(v["bottom"] for v in verticals) if at_foot else min(v["top"] for v in verticals)
    ends = [v for v in verticals if abs((v["bottom"] if at_foot else v["top"]) - end) <= SNAP]
    if len(ends) < 2:
        return []
    left, right = min(v["x0"] for v in ends), max(v["x0"] for v in ends)
    drawn = [(h["x0"], h["x1"]) for h in horizontals if abs(h["top"] - end) <= SNAP]
    cut = [
        c
        for c in chars
        if left < c["x0"] and c["x1"] < right and c["top"] < end - SNAP / 3 and c["bottom"] > end + SNAP / 3
    ]
    return ends if any(not any(a <= c["x0"] and c["x1"] <= b for a, b in drawn) for c in cut) else []


def _open_beside(verticals: list[dict], horizontals: list[dict], chars: list[dict]) -> list[dict]:
    """The vertical rules ending together at a table's bottom above the page's foot margin, where its bottom rule is
    drawn under some of their columns only and the stretch at a side left open holds text: cells merged over the rows
    beside them (a project's head beside its indicator rows, as Beijing prints it) that the page break cut where
    their text had already ended, or before the next project's head began (no line cut across, `_clipped`). Without
    the edge there the table was found without those columns, their text lines apart and its rows no project's.
    [] otherwise."""
    end = max((v["bottom"] for v in verticals), default=0.0)
    ends = [v for v in verticals if abs(v["bottom"] - end) <= SNAP]
    if len(ends) < 2:
        return []
    left, right, top = min(v["x0"] for v in ends), max(v["x0"] for v in ends), min(v["top"] for v in ends)
    drawn = [h for h in horizontals if abs(h["top"] - end) <= SNAP and h["x0"] < right and h["x1"] > left]
    for a, b in _open_stretches(left, right, drawn) if drawn else []:
        if a > left + SNAP and b < right - SNAP:
            continue  # (open inside only: a two-row header's rule under a label over its parts)
        if any(a < c["x0"] and c["x1"] < b and top < c["top"] < end for c in chars):
            return ends
    return []


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    """A rule from (x0, top) to (x1, bottom), upright or level, as pdfplumber's table finder takes one."""
    upright = x0 == x1
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top} | {
        "orientation": "v" if upright else "h",
        "object_type": "line",
        "doctop": top,
        "y0": 0,
        "y1": 0,
    }


def _drawn(obj: dict) -> bool:
    """Whether the object shows on the page: a white fill without a stroke (a cell's background, drawn in strips
    that would cut a tall cell into rows) draws no rule."""
    return not (
        obj["object_type"] in ("rect", "curve")
        and obj.get("fill")
        and not obj.get("stroke")
        and _white(obj.get("non_stroking_color"))
    )


def _fill_edges(page) -> list[dict]:
    """The edges of the white fills that end where no other white fill goes on: they close a region (a merged cell
    whose top the page break left undrawn, closed by its fill); an edge between two fills (the strips a tall cell's
    background is painted in) draws nothing."""
    from pdfplumber.utils import obj_to_edges

    fills = [obj for obj in page.rects if not _drawn(obj)]
    ends: dict[tuple[str, int], list[dict]] = defaultdict(list)  # the fills with a side near a coordinate
    for fill in fills:
        for side in ("top", "bottom", "x0", "x1"):
            ends["h" if side in ("top", "bottom") else "v", round(fill[side] / GRID_SLACK)].append(fill)

    def shared(edge: dict, fill: dict) -> bool:
        if edge["orientation"] == "h":
            at, middle, near, far, low, high = edge["top"], (edge["x0"] + edge["x1"]) / 2, "top", "bottom", "x0", "x1"
        else:
            at, middle, near, far, low, high = (
                edge["x0"],
                (edge["top"] + edge["bottom"]) / 2,
                "x0",
                "x1",
                "top",
                "bottom",
            )
        key = round(at / GRID_SLACK)
        near_it = (other for k in range(key - 2, key + 3) for other in ends[edge["orientation"], k])
        return any(
            other is not fill
            and other[low] <= middle <= other[high]
            and min(abs(other[near] - at), abs(other[far] - at)) <= GRID_SLACK
            and abs(other[near] - fill[near]) > GRID_SLACK
            for other in near_it
        )

    return [edge for fill in fills for edge in obj_to_edges(fill) if not shared(edge, fill)]


def _faint(state) -> bool:
    """Whether a character's fill is a watermark's: light, but not white (white text on a coloured band is seen: a
    cover's title), in a device colour space (a Separation's 1 is full ink, not white)."""
    space = getattr(getattr(state, "ncs", None), "name", "")
    return space in _DEVICE_SPACES and _light(state.ncolor) and not all(v >= NEAR_WHITE for v in _rgb(state.ncolor))


_DEVICE_SPACES = frozenset(("DeviceGray", "DeviceRGB", "DeviceCMYK", "ICCBased"))
NEAR_WHITE = 0.95


def _rgb(color) -> tuple:
    """A gray, RGB or CMYK fill's values as the light each lets through (CMYK turned to RGB)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    if len(values) == 4 and all(isinstance(v, (int, float)) for v in values):
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return tuple(v for v in values if isinstance(v, (int, float)))


def _light(color) -> bool:
    """Whether a fill colour is light: gray, RGB or CMYK at least LIGHT as light as white (a watermark's grey)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    if not values or not all(isinstance(v, (int, float)) for v in values) or len(values) not in (1, 3, 4):
        return False
    light = _rgb(values)
    return sum(light) / len(light) >= LIGHT


def _white(color) -> bool:
    """Whether a fill colour is white: gray 1, RGB 1 1 1 or CMYK 0 0 0 0."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    return all(v == 1 for v in values) if len(values) in (1, 3) else len(values) == 4 and not any(values)


def _anchor(chars: list[dict], verticals: list[dict]) -> None:
    """Give each character the place of the cell it belongs to ("anchor": the middle of its run's first character).
    A run is a line's characters without a gap or a rule between their starts, not drawn over each other; text too
    long for its cell runs on over the border into the next cell ('一般性支出情况' with 况 past the border) and still
    belongs where it starts, while the next cell's own text starts where it is drawn, over the overflowing one. One
    text string drawn on over a rule, into the empty cell beside it, is one run (a sheet's cell without wrapping:
    '项目资金（|万元）'), of the cell it is set in (`_set_in`); the next cell's text is a string of its own, or the
    page draws a string per character (a goal's line and the level beside it set on without a gap across the rule,
    cells without padding: '…专项业|产出指标')."""
    rules = sorted((e["x0"], e["top"], e["bottom"]) for e in verticals)
    xs = [rule[0] for rule in rules]

    def ruled(left: float, right: float, y: float) -> bool:
        return any(
            rules[k][1] <= y <= rules[k][2] for k in range(bisect.bisect_left(xs, left), bisect.bisect_right(xs, right))
        )

    for line in text_lines(chars):
        runs: list[list[dict]] = []
        over: set[int] = set()  # the runs drawn on over a rule by one string
        for before, char in zip([None, *line], line):
            gap = char["x0"] - before["x1"] if before is not None else 0.0
            if (
                before is None
                or not -RUN_OVERLAP * char["size"] <= gap <= RUN_GAP * char["size"]
                or before["text"] == " "
            ):
                runs.append([char])
            elif not ruled(before["x0"], char["x0"], char["middle"]):
                runs[-1].append(char)
            elif _one_string(before, char):
                runs[-1].append(char)
                over.add(len(runs) - 1)
            else:
                runs.append([char])
        for n, run in enumerate(runs):
            sides = [x for x, top, bottom in rules if top <= run[0]["middle"] <= bottom]
            anchor = _set_in(run, sides) if n in over else (run[0]["x0"] + run[0]["x1"]) / 2
            for char in run:
                char["anchor"] = anchor


def _set_in(run: list[dict], sides: list[float]) -> float:
    """The place of the cell a run drawn on over its rules is set in, by how it is aligned there (`sides`: the rules
    across its line): the one it starts in, from its left side; else one it is centred in, or ends in at its right
    side (a label centred or set right, printed on over both sides or its left one: '年|度资金总|额'); else the one
    it starts in."""
    first, last = run[0], run[-1]
    start, end, near = first["x0"], last["x1"], SET_IN * first["size"]
    middle = (start + end) / 2
    left = max((x for x in sides if x <= start), default=None)
    if left is not None and start - left <= near:
        return (first["x0"] + first["x1"]) / 2
    cell = (max((x for x in sides if x <= middle), default=None), min((x for x in sides if x >= middle), default=None))
    if cell[0] is not None and cell[1] is not None and abs((cell[0] + cell[1]) / 2 - middle) <= near:
        return middle
    right = min((x for x in sides if x >= end), default=None)
    if right is not None and right - end <= near:
        return (last["x0"] + last["x1"]) / 2
    return (first["x0"] + first["x1"]) / 2


def _one_string(before: dict, char: dict) -> bool:
    """Whether two characters are drawn by one text string."""
    return before.get("string") is not None and before.get("string") == char.get("string")


def _on_page(char: dict, page) -> bool:
    """Whether the character is drawn on the page (text placed beyond its edges is clipped away)."""
    return char["bottom"] > 0 and char["top"] < page.height and char["x1"] > 0 and char["x0"] < page.width


def _run_on(chars: list[dict], free: list[dict], table: _Item) -> bool:
    """Move into the table the lines a cell open at its bottom prints on below its last rule (Chromium, breaking a
    table's tall row at a page's foot, ends the columns' rules with the row's last one there and prints the rest of
    a merged cell's text under it, unclipped): the lines just beyond that edge (each within CLIP_GAP font sizes of
    the one before) in a column whose cell's text reaches the edge, the first at the cell's own line pitch, each
    inside the column's rules as the cell wraps its own and starting no further left than they do, none the page's
    number (`free`: the page's characters outside its tables). Says whether any line moved (the table is read
    again)."""
    moved = False
    lines = [line for line in text_lines(free) if _middle(line) > table.bottom]
    for j in table.full_bottom:
        x0, x1 = _span(table, j)
        start = table.row_tops[table.open_bottom[j][0]]
        above = text_lines([c for c in chars if x0 <= c["anchor"] <= x1 and start <= c["middle"] <= table.bottom])
        if not above:
            continue
        near, base = table.bottom, above[-1][0]["base"]
        left = min(c["x0"] for line in above for c in line)  # where the cell's lines start, the furthest left
        for line in lines:
            inside = [c for c in line if x0 <= c["anchor"] <= x1]
            if not inside or any(c["x1"] > x1 + CUT for c in inside) or min(c["x0"] for c in inside) < left - CUT:
                break  # (a line running past the column's rules is no line the cell wrapped: a note, a heading)
            if PAGE_NUMBER.match(text := line_text(inside)) or MARKED_NUMBER.match(text):
                break  # (the page's number, printed under it)
            size = inside[0]["size"]
            top, bottom = min(c["top"] for c in inside), max(c["bottom"] for c in inside)
            if top - near > CLIP_GAP * size or inside[0]["base"] - base > LIFT_PITCH * size:
                break
            for char in inside:
                char["middle"] = table.bottom - 0.01
            moved = True
            near, base = max(near, bottom), inside[0]["base"]
    return moved


def _without_clipped(chars: list[dict], tables: list[_Item]) -> list[dict]:
    """Text outside the tables without the clipped rest of a cell open at a table's top or bottom edge: the lines
    just beyond that edge (each within CLIP_GAP font sizes of the one before), where they lie in an open column."""
    clipped: set[int] = set()
    lines = text_lines(chars)
    for table in tables:
        for opened, edge, step in ((table.open_bottom, table.bottom, 1), (table.open_top, table.top, -1)):
            if not opened:
                continue
            spans = [_span(table, j) for j in opened]
            beyond = [line for line in lines if (_middle(line) > edge if step == 1 else _middle(line) < edge)]
            near = edge
            for line in beyond if step == 1 else reversed(beyond):
                top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
                gap = top - near if step == 1 else near - bottom  # lines may overlap: a negative gap is no gap
                if gap > CLIP_GAP * line[0]["size"]:
                    break
                inside = [c for c in line if any(x0 <= (c["x0"] + c["x1"]) / 2 <= x1 for x0, x1 in spans)]
                if not inside:
                    break
                clipped.update(id(c) for c in inside)
                near = max(near, bottom) if step == 1 else min(near, top)
    return [c for c in chars if id(c) not in clipped]


def _middle(line: list[dict]) -> float:
    return sum(c["middle"] for c in line) / len(line)


def _span(table: _Item, column: int) -> tuple[float, float]:
    edges = table.edges
    return edges[column], edges[column + 1] if column + 1 < len(edges) else edges[-1] + 1e9


def _inside(char: dict, box: tuple) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    return box[0] <= x <= box[2] and box[1] <= char["middle"] <= box[3]


def _placed(char: dict) -> dict:
    """The character with where it sits, top down: "base", its baseline (glyphs of another font, such as digits,
    can have boxes far above or below their line's but the same baseline), and "middle", the middle of its body
    above the baseline, which says which cell it is in. Text that is not upright has its box's instead."""
    matrix = char.get("matrix")
    if char.get("upright", True) and matrix:
        base = char["bottom"] + char["y0"] - matrix[5]
        char["base"], char["middle"] = base, base - 0.35 * char["size"]
    else:
        char["base"], char["middle"] = char["top"], (char["top"] + char["bottom"]) / 2
    if "shown" in char:  # cut by its cell's clip: in the cell that prints it, not the one its hidden part reaches
        char["middle"] = (char["shown"][0] + char["shown"][1]) / 2
    return char


def _table_item(
    table, chars: list[dict], verticals: list[dict], horizontals: list[dict], fills: list[dict], cuts: list[dict]
) -> _Item:
    """The table's rows of cell texts: a merged cell's text repeated in every grid position it covers, a cell the
    page break left open read from its region of the grid (and remembered, to join it with its other part)."""
    boxes = _opened(table, horizontals, fills, cuts)
    ordered = sorted(chars, key=lambda c: c["middle"])
    middles = [c["middle"] for c in ordered]
    if _lift_overflow([box for row in table.rows for box in row.cells if box], ordered, middles):
        ordered.sort(key=lambda c: c["middle"])
        middles = [c["middle"] for c in ordered]

    def inside(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
        band = ordered[bisect.bisect_left(middles, top) : bisect.bisect_right(middles, bottom)]
        return [c for c in band if x0 <= c["anchor"] <= x1]

    def text_in(x0: float, top: float, x1: float, bottom: float) -> str:
        return cell_text(wrapped_text(inside(x0, top, x1, bottom), x1, x0))

    grid = [row.cells for row in table.rows]  # the grid lines, from every box (an opened one too)
    texts = [[text_in(*box) if box else "" for box in row] for row in boxes]
    top_marks: dict[int, tuple[str, list[dict]]] = {}
    for row, cells in zip(boxes, texts):
        for j, box in enumerate(row):
            if box and cells[j][:1] in LOW_MARKS:
                cells[j], marks = _marks_apart(cells[j], inside(*box))
                if marks:
                    top_marks.setdefault(j, (cells[j], marks))
    own = [[bool(text.strip()) for text in row] for row in texts]  # each box's own text (before merged cells spread)
    covered = _covered(boxes, grid)
    for (i, j), (k, m) in covered.items():
        texts[i][j] = texts[k][m]
    x0, top, x1, bottom = table.bbox
    tops = [min((box[1] for box in row if box), default=top) for row in grid] + [bottom]
    lefts = sorted({box[0] for row in grid for box in row if box})
    lines = [*lefts, x1]  # the grid's vertical lines
    rights = lines[1:]
    item = _Item(top, bottom, texts, True, tuple(round(x, 1) for x in lefts), x1, row_tops=tops)
    item.row_feet = [max((c["top"] for c in inside(x0, a, x1, b)), default=a) for a, b in zip(tops, tops[1:])]
    item.row_breaks = {a: ends for a, row in zip(tops, boxes) if (ends := _last_lines(row, x1, inside))}
    width = len(lefts)
    taken: set[tuple[int, int]] = set()  # positions an open cell begun in a column to their left covers
    for j in range(min(width, min((len(row) for row in boxes), default=0))):
        for run in _untaken(_open_runs(boxes, covered, j, grid), j, taken):
            right = j
            while right + 1 < width and _open_across(boxes, covered, run, lines, right + 1, verticals, tops):
                right += 1
            region = inside(lefts[j], tops[run[0]], rights[right], tops[run[-1] + 1])
            text = cell_text(wrapped_text(region, rights[right], lefts[j]))
            low: list[dict] = []  # the low marks of a line the break cut, atop the page
            if run[0] == 0:
                text, low = _marks_apart(text, region)
            taken.update((i, m) for i in run for m in range(j + 1, right + 1))
            for m in range(j, right + 1):  # (the cell in every column it covers: each joined alike over the break)
                for i in run:
                    texts[i][m] = text
                if low:
                    top_marks[m] = (text, low)
                if run[0] == 0:
                    item.open_top[m], item.cut_top[m] = run, _cut_line(region, "top")
                if run[-1] == len(boxes) - 1:
                    item.open_bottom[m], item.cut_places[m] = run, _cut_chars(region, "bottom")
                    item.cut_bottom[m] = line_text(item.cut_places[m])
                    if _reaches(region, tops[run[-1] + 1]):
                        item.full_bottom.add(m)
    item.merged_down = {(i, j) for (i, j), (k, m) in covered.items() if k < i and m == j}
    item.top_marks = top_marks
    foot = len(boxes) - 1
    item.ends, item.roomy = (
        {
            m
            for j, box in enumerate(boxes[-1] if boxes else [])
            if box and _short(inside(*box), box, room)
            for m in [j, *(m for (i, m), owner in covered.items() if i == foot and owner == (foot, j))]
        }
        for room in (0, ROOM)
    )
    _drop_spread_rows(item, covered, own)
    return item


def _last_lines(
    row: list[tuple | None], right: float, inside: Callable[..., list[dict]]
) -> tuple[tuple[float, int], ...]:
    """The line ends of a row's last cell where it reaches the table's right side (a merged cell a wide print's page
    side cuts: each line's rest is on the page to the right; its one line's too, where the row's lowest line is
    another cell's: a label wrapped, 年度总体目 | 标)."""
    box = next((box for box in reversed(row) if box), None)
    if box is None or abs(box[2] - right) > 1:
        return ()
    return line_ends(inside(*box), box[2], box[0])


def _short(chars: list[dict], box: tuple, room: float = 0) -> bool:
    """Whether a cell's text ends on a short line: one leaving more of the cell's width free than its margins and a
    character (left-aligned or centred alike), and `room` characters more: the text ended there. A page break
    cutting a cell after a line (Word closes each part of a row it breaks with a rule) leaves that line full."""
    lines = [line for line in text_lines([c for c in chars if c["text"].strip()]) if line]
    if not lines:
        return False
    last = lines[-1]
    size = max(c["size"] for c in last) or 1.0
    free = (box[2] - box[0]) - (last[-1]["x1"] - last[0]["x0"])
    return free > max((WRAP_MARGIN + 1) * size, size + CELL_MARGINS) + room * size


def _marks_apart(text: str, chars: list[dict]) -> tuple[str, list[dict]]:
    """A cell's text (of these characters) without its first line when that is only low marks whose tops the clip
    cut away, and those marks (marks alone, the rest of their line hidden, are kept for `_marked`); else the text
    and none."""
    marks = [c for c in _cut_chars(chars, "top") if c["text"].strip()] if text[:1] in LOW_MARKS else []
    if not marks or any(c["text"] not in LOW_MARKS for c in marks):
        return text, []
    count = 0
    for n, char in enumerate(text):
        count += not char.isspace()
        if count == len(marks):
            return text[n + 1 :].lstrip(), marks
    return "", marks


def _drop_spread_rows(item: _Item, covered: dict[tuple[int, int], tuple[int, int]], own: list[list[bool]]) -> None:
    """Rows only a rule across a few columns makes (a merged side cell ending mid-row, as LibreOffice draws one
    carried over a page): no text of their own, every text theirs spread from merged cells above. Each was read
    as a second copy of the row above (an indicator twice)."""
    opened = {i for runs in (item.open_top, item.open_bottom) for run in runs.values() for i in run}
    spread = {
        i
        for i in range(1, len(item.rows))
        if i not in opened
        and not any(own[i])
        and all((i, j) in covered and covered[i, j][0] < i or not item.rows[i][j] for j in range(len(item.rows[i])))
        and any(item.rows[i])
    }
    if not spread:
        return
    kept = [i for i in range(len(item.rows)) if i not in spread]
    new = {old: n for n, old in enumerate(kept)}
    item.rows = [item.rows[i] for i in kept]
    item.row_tops = [item.row_tops[i] for i in kept] + item.row_tops[-1:]
    item.row_feet = [item.row_feet[i] for i in kept if i < len(item.row_feet)]
    item.open_top = {j: [new[i] for i in run] for j, run in item.open_top.items()}
    item.open_bottom = {j: [new[i] for i in run] for j, run in item.open_bottom.items()}
    item.merged_down = {(new[i], j) for i, j in item.merged_down if i in new}


def _opened(table, rules: list[dict], fills: list[dict], cuts: list[dict]) -> list[list[tuple | None]]:
    """The table's cell boxes by row, without those the page break leaves open: at the table's top or bottom, where
    rules are drawn across other columns, a box closed there only by the edge of its white fill (Beijing paints each
    head cell white and rules only the indicator columns at the break: the fill's edge would close a cell that goes
    on over the page), and every box at a row the page break cuts without any rule (`cuts`, `_cuts`: the boxes
    under those edges, where other columns' rules close theirs there). A table edge
    without any rule (a title row above a grid) leaves its boxes as they are."""
    boxes: list[list[tuple | None]] = [list(row.cells) for row in table.rows]
    left, top, right, bottom = table.bbox

    ruled = {edge: _ruled_length(rules, left, right, edge) >= (right - left) / 4 for edge in (top, bottom)}

    def open_at(x0: float, x1: float, y: float, edge: float) -> bool:
        half = (x1 - x0) / 2
        return (
            abs(y - edge) <= SNAP
            and ruled[edge]
            and _ruled_length(fills, x0, x1, y) >= half
            and _ruled_length(rules, x0, x1, y) < half
        )

    cut = [edge for edge in (top, bottom) if any(abs(edge - e["top"]) <= SNAP for e in cuts)]

    for row in boxes:
        for j, box in enumerate(row):
            if box is None:
                continue
            if open_at(box[0], box[2], box[1], top) or open_at(box[0], box[2], box[3], bottom):
                row[j] = None
            elif any(
                abs(box[k] - y) <= SNAP and _ruled_length(cuts, box[0], box[2], box[k]) >= (box[2] - box[0]) / 2
                for y in cut
                for k in (1, 3)
            ):
                row[j] = None
    return boxes


def _ruled_length(edges: list[dict], x0: float, x1: float, y: float) -> float:
    """The length of x0..x1 that edges at y cover (one edge, or a segment per cell; those beside it none)."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in edges if abs(e["top"] - y) <= SNAP)
    length, end = 0.0, x0
    for start, stop in spans:
        if stop > max(start, end):
            length += stop - max(start, end)
            end = stop
    return length


def _lift_overflow(boxes: list[tuple], ordered: list[dict], middles: list[float]) -> bool:
    """Move back up the last line of a cell printed below its border, into the cell under it ('≥5' | '次' then the
    next cell's '≥2次；…' drawn over that 次): a cell's first line that the next line overlaps, at the line pitch
    of the text just above the border, belongs above it. Says whether any line moved."""
    moved = False
    for x0, top, x1, bottom in boxes:
        band = ordered[bisect.bisect_left(middles, top - LOOK_UP) : bisect.bisect_right(middles, bottom)]
        lines = text_lines([c for c in band if x0 <= c["anchor"] <= x1])
        inside = [line for line in lines if top <= line[0]["middle"] <= bottom]
        above = [line for line in lines if line[0]["middle"] < top]
        if len(inside) < 2 or not above:
            continue
        first, second, before = inside[0], inside[1], above[-1]
        size = first[0]["size"]
        pitch = first[0]["base"] - before[0]["base"]
        if (
            min(c["top"] for c in first) - top < 0.5 * size
            and second[0]["base"] - first[0]["base"] < 0.85 * size
            and 0.9 * size <= pitch <= LIFT_PITCH * size
        ):
            for char in first:
                char["middle"] = top - 0.01
            moved = True
    return moved


def _open_runs(boxes: list[list], covered: dict, column: int, grid: list[list]) -> list[list[int]]:
    """Runs of grid positions down a column that no box starts at and no merged box covers; a box opened at the
    table's edge (in `grid`, not in `boxes`) starts a run of its own."""
    runs: list[list[int]] = []
    for i, row in enumerate(boxes):
        if column < len(row) and row[column] is None and (i, column) not in covered:
            if runs and runs[-1][-1] == i - 1 and grid[i][column] is None:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _untaken(runs: list[list[int]], column: int, taken: set[tuple[int, int]]) -> list[list[int]]:
    """The runs down a column without the rows an open cell from a column to the left already covers there, each
    part left a run of its own."""
    out: list[list[int]] = []
    for run in runs:
        for i in run:
            if (i, column) in taken:
                continue
            if out and out[-1][-1] == i - 1 and i - 1 in run:
                out[-1].append(i)
            else:
                out.append([i])
    return out


def _open_across(
    boxes, covered, run: list[int], lines: list[float], column: int, verticals: list[dict], tops: list[float]
) -> bool:
    """Whether an open cell reaches on into `column` (the grid's vertical lines at `lines`): the same rows open there,
    and no rule between them. A rule counts nearer this column's line than the lines either side: the table finder
    snaps the rules of all the page's tables together, and another table's, a few points off (each form's columns
    laid out on their own), can move the grid line more than SNAP away from this one's."""
    if any(column >= len(boxes[i]) or boxes[i][column] is not None or (i, column) in covered for i in run):
        return False
    top, bottom = tops[run[0]], tops[run[-1] + 1]
    low, high = (lines[column - 1] + lines[column]) / 2, (lines[column] + lines[column + 1]) / 2
    return not any(
        low < e["x0"] < high and e["top"] < bottom - GRID_SLACK and e["bottom"] > top + GRID_SLACK for e in verticals
    )


def _covered(boxes: list[list[tuple | None]], grid: list[list[tuple | None]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each empty grid position (no cell starts there) → the position of the one merged cell covering it.

    pdfplumber's grid (`grid`: every box found) has a row at each distinct cell top and a column at each distinct
    left edge; a merged cell's box reaches over the grid lines it spans. A position two boxes reach is left empty.
    """
    tops = sorted({box[1] for row in grid for box in row if box})
    lefts = sorted({box[0] for row in grid for box in row if box})
    owner: dict[tuple[int, int], tuple[int, int] | None] = {}
    for i, row in enumerate(boxes):
        for j, box in enumerate(row):
            if box is None:
                continue
            last_row = bisect.bisect_left(tops, box[3] - GRID_SLACK)
            last_column = bisect.bisect_left(lefts, box[2] - GRID_SLACK)
            for k in range(i, min(last_row, len(boxes))):
                for m in range(j, min(last_column, len(boxes[k]))):
                    if boxes[k][m] is None:
                        owner[k, m] = None if (k, m) in owner else (i, j)
    return {position: cell for position, cell in owner.items() if cell is not None}
