"""What every reader shares: the error it raises, the limits it keeps, cell values as text, merged cells spread."""

from __future__ import annotations

import datetime as dt
import re

# Bounds that keep one bad or huge file from taking the memory or the time of a whole import.
MAX_BYTES = 256 << 20  # a file larger than this is not read at all
MAX_ROWS = 200_000  # rows of one document (all sheets, pages and tables)
MAX_COLUMNS = 256  # cells of a row beyond this are ignored (a goal table has a few dozen columns)
MAX_BLANK_RUN = 5_000  # a sheet ends after this many blank rows in a row (formatting without content)
MAX_CELLS = 3_000_000  # cells with text in one document, or in the range a sheet states (100,000 rows of 12: 29 s)
MAX_CELL_BYTES = 1 << 20  # one cell's or paragraph's text in a file's XML (Excel holds at most 32,767 characters)
MAX_PAGES = 10_000  # pages of one PDF (read one at a time: the limit is one of time, not memory)
MAX_PAGE_CHARS = 20_000  # characters on one PDF page (the densest of 41 published budget PDFs: about 4,000)
MAX_PAGE_SHAPES = 20_000  # lines, rectangles and curves on one PDF page (the densest published: about 1,900)
MAX_UNZIPPED = 512 << 20  # total unpacked size of an .xlsx/.docx
MAX_RATIO = 100  # unpacked/packed size of one large archive member beyond which it is a zip bomb (sheets: ~10)
MAX_MERGES = 200_000  # merged ranges of one sheet
MAX_TAGS = 1_000_000  # tags of one web page, counted before it is parsed (an element takes ~300 bytes parsed)

_DECIMALS = re.compile(r"\.(0+)")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class UnreadableFile(ValueError):
    """The file cannot be turned into rows (binary, empty, corrupt, protected, too large …)."""


def check_rows(count: int) -> None:
    """Raise UnreadableFile once a document has more rows than MAX_ROWS."""
    if count > MAX_ROWS:
        raise UnreadableFile(
            f"文件过大：超过 {MAX_ROWS:,} 行，请拆分文件 (too large: more than {MAX_ROWS:,} rows; split the file)"
        )


def check_cells(count: int) -> None:
    """Raise UnreadableFile once a document has more cells with text than MAX_CELLS."""
    if count > MAX_CELLS:
        raise UnreadableFile(
            f"文件过大：超过 {MAX_CELLS:,} 个有内容的单元格，请拆分文件 (too large: more than "
            f"{MAX_CELLS:,} cells with text; split the file)"
        )


def check_span(sheet: str, span: str, cells: int) -> None:
    """Raise UnreadableFile, before a sheet is read, when the range it states holds more than MAX_CELLS cells."""
    if cells > MAX_CELLS:
        raise UnreadableFile(
            f"文件过大：工作表“{sheet}”的范围 {span} 有 {cells:,} 个单元格（上限 {MAX_CELLS:,}），"
            f"请拆分文件或删去表外的空行空列 (too large: sheet '{sheet}' spans {span}, {cells:,} "
            "cells; split the file or delete the empty rows and columns outside the table)"
        )


def check_merges(count: int) -> None:
    """Raise UnreadableFile when a sheet has more merged ranges than MAX_MERGES."""
    if count > MAX_MERGES:
        raise UnreadableFile(
            f"文件过大：一个工作表中超过 {MAX_MERGES:,} 个合并单元格 (too large: more than "
            f"{MAX_MERGES:,} merged ranges in one sheet)"
        )


# A character inserted from a symbol font is a code of the font's own (Word's "insert symbol", a Wingdings check box),
# not a Unicode character: the ones a goal table uses, by font (lower case) and code (the low byte, as w:sym's
# F0B3 or a .doc's sprmCSymbol gives it). Others are dropped.
SYMBOLS = {
    "symbol": {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xB0: "°", 0xBB: "≈", 0xD6: "√"},
    "wingdings": {0xFE: "☑", 0xFD: "☒", 0xA8: "□"},
    "wingdings 2": {0x52: "☑", 0x54: "☒", 0xA3: "□"},
}


def symbol(font: str, code: int) -> str:
    """The character a symbol font's `code` shows ('' for one not in SYMBOLS)."""
    return SYMBOLS.get(font.strip().lower(), {}).get(code & 0xFF, "")


def cell_text(value: str) -> str:
    """A text cell as one cell: tabs become spaces, line ends become '\\n'."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def number_text(value: float, number_format: str = "General") -> str:
    """A number as the sheet shows it: decimals, thousands separators and % from its number format.

    'General' shows integers without '.0' and other numbers in their shortest form.
    """
    fmt = _QUOTED.sub("", (number_format or "General").split(";")[0])
    if "%" in fmt:
        value *= 100
    if fmt.lower() == "general" or not any(ch in fmt for ch in "0#"):
        text = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
    else:
        match = _DECIMALS.search(fmt)
        decimals = len(match.group(1)) if match else 0
        text = f"{value:{',' if ',' in fmt else ''}.{decimals}f}"
    return text + ("%" if "%" in fmt else "")


_DATE_PART = re.compile(r"yyyy|yy|mm|m|dd|d", re.I)
# a date in figures: year, month and day apart by / - . (2024/3/1, 2024.03.01, 3/1/2024)
_FIGURES_DATE = re.compile(r"(?:y{2,4}([/.-])m{1,2}\1d{1,2}|m{1,2}([/.-])d{1,2}\2y{2,4})", re.I)
_SHORT_DATE = {"mm-dd-yy", "m/d/yy"}  # Excel's built-in short date (openpyxl's and xlrd's name): 2024/3/1 in China
# a line that is a page number (at a page's top or foot), and one that is beyond doubt wherever it stands
PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
MARKED_NUMBER = re.compile(r"^\s*[-—–]+\s*\d{1,4}\s*[-—–]+\s*$|^第\s*\d+\s*页")


def date_text(value: dt.date | dt.datetime | dt.time, number_format: str = "") -> str:
    """A date as its cell's format writes it ('yyyy"年"m"月"d"日"' → 2023年12月20日, 'yyyy/m/d' → 2023/12/20, Excel's
    built-in short date as Chinese Excel shows it, 2023/12/20), else as 2021-01-01 (with the time only when it is
    not midnight)."""
    first = (number_format or "").split(";")[0].replace("@", "")  # its section for numbers, no text marker
    shown = re.sub(r'\[[^\]]*\]|["\\]', "", first).strip()  # without locale, colour and quoting
    shown = "yyyy/m/d" if shown.lower() in _SHORT_DATE else shown
    written = re.search("[年月日]", shown) or _FIGURES_DATE.fullmatch(shown)
    if isinstance(value, dt.date) and written and not re.search(r"ddd|mmm|[hs]", shown, re.I):
        parts = {"yyyy": str(value.year), "yy": f"{value.year % 100:02d}", "mm": f"{value.month:02d}"}
        parts |= {"m": str(value.month), "dd": f"{value.day:02d}", "d": str(value.day)}
        text = _DATE_PART.sub(lambda match: parts[match.group(0).lower()], shown).strip()
        if not re.search("[A-Za-z]", text):  # ('aaaa', a weekday: ISO)
            return text
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


def fit_width(rows: list[list[str]]) -> list[list[str]]:
    """Rows of one table padded to the width of its last non-empty column and cut there."""
    width = max((max((i + 1 for i, c in enumerate(cells) if c), default=0) for cells in rows), default=0)
    return [(cells + [""] * (width - len(cells)))[:width] for cells in rows]


class MergedCells:
    """A sheet's merged ranges, spread row by row: every cell a range covers shows its top-left cell's text.

    Ranges are (first row, first column, last row, last column), 1-based and inclusive; rows must be given
    in order, each once, numbered as in the sheet. Only the ranges that cover the current row are held.
    """

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        check_merges(len(ranges))
        self._waiting = sorted(ranges, reverse=True)  # the next range to open is last
        self._open: list[tuple[int, int, int, str]] = []  # (first column, last column, last row, text)

    def spread(self, number: int, cells: list[str]) -> list[str]:
        """Row `number`'s cells (changed in place) with the text of every range over them."""
        while self._waiting and self._waiting[-1][0] <= number:
            first_row, first, last_row, last = self._waiting.pop()
            text = cells[first - 1] if first_row == number and first <= len(cells) else ""
            if text and (last_row > number or last > first):
                self._open.append((first, last, last_row, text))
        for first, last, _, text in self._open:
            end = min(last, len(cells))
            cells[first - 1 : end] = [text] * (end - first + 1)
        self._open = [span for span in self._open if span[2] > number]
        return cells
