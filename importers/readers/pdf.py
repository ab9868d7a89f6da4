"""PDF documents (pdfplumber): ruled tables as rows of cells, the text around them as lines.

A page's tables are found by their ruling lines; each cell's text is its characters, lines joined
where the text wrapped (a line that ran to the cell's right edge) and kept apart where it broke
early; a merged cell (a box over several grid positions) is repeated in every position it covers.
Text outside tables becomes one row per line, split into cells at wide gaps. A table that ends one
page and starts the next with the same columns continues: the page number between them and a
repeated header row are dropped. A PDF without any text is a scan: it needs OCR first.
Pages are read one at a time and each page's objects are let go once it is read, so memory stays
flat however many pages there are (up to MAX_PAGES).
"""

from __future__ import annotations

import bisect
import functools
import gc
import io
import re
from dataclasses import dataclass

from importers.readers.common import MAX_PAGE_CHARS, MAX_PAGE_SHAPES, MAX_PAGES, UnreadableFile, cell_text, check_rows
from importers.records import Row

CELL_GAP = 1.5  # a gap this many font sizes wide between two characters of a text line starts a new cell
WORD_GAP = 0.25  # a narrower gap is nothing; a wider one a space
WRAP_MARGIN = 1.5  # a cell's line ending within this many font sizes of the right edge wrapped
MARGIN = 0.1  # share of the page height at top and bottom where a lone number is a page number
GRID_SLACK = 1.0  # points: a box edge this close to a grid line ends at it
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class _Item:
    """One thing on a page, top to bottom: a text line (one row) or a table (rows of cells)."""

    top: float
    bottom: float
    rows: list[list[str]]
    table: bool


def read(data: bytes) -> list[Row]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = page_count(pdf)
    except Exception as exc:  # pdfminer reports a damaged or locked file in many ways
        if "password" in f"{type(exc).__name__} {exc!r}".lower() or "encrypt" in repr(exc).lower():
            raise UnreadableFile("password-protected PDF: save an unprotected copy to import it") from None
        raise UnreadableFile(f"corrupt PDF ({type(exc).__name__})") from None
    with pdf:
        if count > MAX_PAGES:
            raise UnreadableFile(f"too large: {count:,} pages (limit {MAX_PAGES:,}): split the PDF")
        pdf.doc.caching = False  # objects are parsed when a page needs them, and freed with the page
        rows: list[tuple[str, ...]] = []  # tuples of strings: the collector stops walking them once it has seen them
        last: _Item | None = None
        chars = 0
        for page in _pages(pdf):
            _check_page(page)
            items, count = _page_items(page)
            chars += count
            if last and last.table and items and items[0].table and _width(items[0]) == _width(last):
                items[0].rows = _without_header(items[0].rows, last.rows)
            for item in items:
                rows += map(tuple, item.rows)
            last = items[-1] if items else last
            check_rows(len(rows))
            page.close()
            gc.collect()  # a page's objects hold each other in cycles: free them now, not when the collector gets to it
    if not chars:
        raise UnreadableFile("no text layer — OCR needed (a scanned PDF)")
    return [Row(cells=list(cells), line=n) for n, cells in enumerate(rows, 1)]


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
    from pdfplumber.page import Page

    top = 0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
        if number > MAX_PAGES:
            raise UnreadableFile(f"too large: more than {MAX_PAGES:,} pages: split the PDF")
        page = Page(pdf, page_obj, page_number=number, initial_doctop=top)
        top += page.height
        yield page


def _check_page(page) -> None:
    """Read the page's layout (pdfminer), refusing the page once it draws more than MAX_PAGE_CHARS characters or
    MAX_PAGE_SHAPES lines, rectangles and curves: before pdfplumber makes its objects of them and looks for tables,
    which takes time growing faster than their number. pdfplumber then uses the layout read here."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _counting_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # where pdfplumber (pinned) keeps a page's layout once read


@functools.cache
def _counting_device():
    """pdfplumber's layout device, counting what the page draws (made when first needed: pdfplumber loads late)."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counting(PDFPageAggregatorWithMarkedContent):
        chars = shapes = 0

        def render_char(self, *args, **kwargs):
            self.chars += 1
            if self.chars > MAX_PAGE_CHARS:
                raise UnreadableFile(f"PDF 第 {self.pageno} 页的字符超过 {MAX_PAGE_CHARS:,} 个，不像绩效目标表，已拒绝 "
                                     f"(page {self.pageno} holds more than {MAX_PAGE_CHARS:,} characters)")
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            self.shapes += 1
            if self.shapes > MAX_PAGE_SHAPES:
                raise UnreadableFile(f"PDF 第 {self.pageno} 页的线条和图形超过 {MAX_PAGE_SHAPES:,} 个，不像绩效目标表，"
                                     f"已拒绝 (page {self.pageno} draws more than {MAX_PAGE_SHAPES:,} lines, "
                                     "rectangles and curves)")
            super().paint_path(*args, **kwargs)

    return Counting


def _width(item: _Item) -> int:
    return len(item.rows[0]) if item.rows else 0


def _without_header(rows: list[list[str]], table: list[list[str]]) -> list[list[str]]:
    """A continued table's rows without the header rows it repeats from the table's first page."""
    size = 0
    while size < min(3, len(rows), len(table)) and rows[size] == table[size]:
        size += 1
    return rows[size:]


def _page_items(page) -> tuple[list[_Item], int]:
    """The page's tables and text lines top to bottom (page numbers dropped), and its character count."""
    page = page.dedupe_chars()
    chars = [c for c in page.chars if c["text"].strip()]
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    items = [_Item(t.bbox[1], t.bbox[3], _table_rows(t, chars), True) for t in tables]
    free = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    items += [_Item(line[0]["top"], line[0]["bottom"], [_split_cells(line)], False) for line in _lines(free)]
    items.sort(key=lambda item: item.top)
    margin = page.height * MARGIN
    for end in (0, -1):
        if items and not items[end].table and (items[end].top > page.height - margin or items[end].bottom < margin):
            if _PAGE_NUMBER.match(" ".join(items[end].rows[0])):
                items.pop(end)
    return items, len(chars)


def _inside(char: dict, box: tuple) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (by their top), each line left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= lines[-1][0]["size"] / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_text(line: list[dict]) -> str:
    text = line[0]["text"]
    for before, char in zip(line, line[1:]):
        text += (" " if char["x0"] - before["x1"] > WORD_GAP * char["size"] else "") + char["text"]
    return text


def _split_cells(line: list[dict]) -> list[str]:
    """A text line outside tables, split into cells where the gap is wide."""
    cells, start = [], 0
    for i in range(1, len(line)):
        if line[i]["x0"] - line[i - 1]["x1"] > CELL_GAP * line[i]["size"]:
            cells.append(_line_text(line[start:i]))
            start = i
    return cells + [_line_text(line[start:])]


def _table_rows(table, chars: list[dict]) -> list[list[str]]:
    """The table's rows of cell texts; a merged cell's text is repeated in every grid position it covers."""
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    middles = [(c["top"] + c["bottom"]) / 2 for c in ordered]
    boxes = [row.cells for row in table.rows]
    texts = []
    for row in boxes:
        cells = []
        for box in row:
            if box is None:
                cells.append("")
                continue
            band = ordered[bisect.bisect_left(middles, box[1]) : bisect.bisect_right(middles, box[3])]
            inside = [c for c in band if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]]
            cells.append(cell_text(_cell_text(inside, box[2])))
        texts.append(cells)
    for (i, j), (k, m) in _covered(boxes).items():
        texts[i][j] = texts[k][m]
    return texts


def _covered(boxes: list[list[tuple | None]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each empty grid position (no cell starts there) → the position of the one merged cell covering it.

    pdfplumber's grid has a row at each distinct cell top and a column at each distinct left edge; a
    merged cell's box reaches over the grid lines it spans. A position two boxes reach is left empty.
    """
    tops = sorted({box[1] for row in boxes for box in row if box})
    lefts = sorted({box[0] for row in boxes for box in row if box})
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


def _cell_text(chars: list[dict], right: float) -> str:
    """A cell's lines, joined where the text wrapped at the right edge, else with a line break."""
    text = ""
    for line in _lines(chars):
        piece = _line_text(line)
        if text:
            latin = _LATIN.match(text[-1]) and _LATIN.match(piece[0])
            text += (" " if latin else "") if wrapped else "\n"
        text += piece
        wrapped = right - line[-1]["x1"] < WRAP_MARGIN * line[-1]["size"]
    return text
