"""What every reader shares: the error it raises, the limits it keeps, cell values as text, merged cells spread."""

from __future__ import annotations

from collections.abc import Callable
import datetime as dt
import re
import struct

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


CUT_SHORT = (  # what a file that lacks its end (a ZIP's end record, a PDF's %%EOF, a compound file's last sector) is
    "结尾缺失，可能没有下载完整，请重新下载 corrupt: the end of the file is missing (a download that did not "
    "finish? download it again)"
)
EMPTY = "空文件 empty file"  # a file without bytes, or whose reader found no text in it


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


# characters no page shows (zero-width space and joiners, word joiner, BOM: text pasted from chat apps and web
# editors): kept, '培训\u200b人次' was no search's 培训人次 (a soft hyphen is shown by Excel and Word: kept)
_INVISIBLE = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))


def xml_root(data: bytes, what: str, what_en: str):
    """An XML file's root element (lxml), refused over MAX_TAGS tags before it is parsed; no entity, DTD or network
    resource is loaded. `what` and `what_en` name the file's kind in the refusal ('Word XML 文档', 'Word XML
    document')."""
    from lxml import etree

    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise UnreadableFile(
            f"文件过大：{what}有 {tags:,} 个标记（上限 {MAX_TAGS:,}），请拆分 "
            f"(too large: the {what_en} holds {tags:,} tags, limit {MAX_TAGS:,}; split it)"
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    return etree.fromstring(data, parser)


def cell_text(value: str) -> str:
    """A text cell as one cell: tabs become spaces, line ends become '\\n', invisible characters are left out."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").translate(_INVISIBLE)


def number_text(value: float, number_format: str = "General") -> str:
    """A number as the sheet shows it, by its number format: decimals, thousands separators, %, and the format's own
    text around the number ('"≥"0"%"' with 90 → ≥90%, '\\≤0.00"万元"' with 1.914 → ≤1.91万元).

    'General' shows integers without '.0' and other numbers in their shortest form. The section for negative numbers
    or zero applies when it shows the number; one that hides it (accounting's '-' for zero, an empty section) gives
    way to the first; a section for text ('@') shows no number ('"≥"@' alone: General). A format that shows no
    number at all shows its text ('[=1]"是";"否"'), else the number as General (';;;' hides nothing here); a number
    is never shown without a digit ('#' with 0 → 0). Colours, locales and padding are not shown; a format with date
    or time codes (not read as a date) shows the number as General.
    """
    sections = [section for section in _sections(number_format or "General") if not _for_text(section)]
    shown, value = _section(float(value), sections or ["General"])
    parts = _format_parts(shown)
    if parts is None:
        return _general(value)
    literals, pattern, percents, inner = parts
    if not pattern:
        text = "".join(piece or "" for piece in literals)
        return text if text.strip() else _general(value)
    sign = "-" if value < 0 else ""  # a section for every number: the sign before its text ('"≥"0' with -5 → -≥5)
    shown_value = abs(value) * 100**percents
    number = _general(shown_value) if pattern == "general" else _figures(shown_value, pattern)
    if inner:  # text among the whole number's placeholders, placed by the digits after it (0!.0000 → 280.0000)
        head, point, tail = number.partition(".")
        places, written, offset = sum(ch in "0#?" for ch in pattern.partition(".")[0]), len(head), 0
        for before, text in inner:
            at = max(written - (places - before), 0) + offset
            head, offset = head[:at] + text + head[at:], offset + len(text)
        number = head + point + tail
    return sign + "".join(number if piece is None else piece for piece in literals)


# a number format's tokens: "text", \x or !x (text), _x or *x (padding), [..], General, placeholders, anything else
_FORMAT_TOKEN = re.compile(
    r'"([^"]*)"?|[\\!](.)|[_*].?|\[([^\]]*)\]|(general)|([0#?.,]+|[eE][+-][0#?]+)|(.)', re.I | re.S
)
_CONDITION = re.compile(r"\[\s*(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*\]")
_FRACTION = re.compile(r"[#0?]\s*/\s*[#0?\d]")
_COMPARE = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "=": lambda a, b: a == b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<>": lambda a, b: a != b,
}


def _sections(number_format: str) -> list[str]:
    """A number format's sections, split at the semicolons outside quotes and escapes."""
    sections, current, quoted, escaped = [], "", False, False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == '"':
            quoted = not quoted
        elif ch in "\\!" and not quoted:
            escaped = True
        elif ch == ";" and not quoted:
            sections.append(current)
            current = ""
            continue
        current += ch
    return [*sections, current]


def _for_text(section: str) -> bool:
    """Whether a section is for text cells: it holds '@' (outside quotes). A number never shows by it ('"≥"@'
    alone shows a number as General)."""
    return any(match.group(6) == "@" for match in _FORMAT_TOKEN.finditer(section))


def _condition(section: str, value: float) -> bool | None:
    """Whether `value` meets the section's condition ('[>=90]'), None when it states none."""
    match = _CONDITION.search(section)
    return _COMPARE[match.group(1)](value, float(match.group(2))) if match else None


def _shows_number(section: str, zero: bool = False) -> bool:
    """Whether a section shows the number (zero: in a digit, not only # and ?, which show nothing for it)."""
    parts = _format_parts(section)
    return parts is None or parts[1] == "general" or "0" in parts[1] or bool(parts[1] and not zero)


def _section(value: float, sections: list[str]) -> tuple[str, float]:
    """The section that shows `value` and the value it shows (a negative section's without its sign)."""
    numeric = sections[:3]  # the fourth is for text
    if any(_condition(section, value) is not None for section in numeric):
        for section in numeric:
            if _condition(section, value) in (True, None):
                return section, value
        return "General", value
    if value < 0 and len(numeric) > 1 and _shows_number(numeric[1]):
        return numeric[1], -value
    if value == 0 and len(numeric) > 2 and _shows_number(numeric[2], zero=True):
        return numeric[2], value
    return numeric[0], value


def _format_parts(section: str) -> tuple[list[str | None], str, int, list[tuple[int, str]]] | None:
    """A section as its text pieces with None where the number stands, the number's placeholders ('#,##0.00',
    'general' or ''), how many times % scales it and the text among the placeholders of its whole part, each with
    the number of placeholders before it ('0!.0,"万元"', Chinese Excel's way of showing yuan as 万元: [(1, '.')];
    '0000"年"00"月"00"日"': [(4, '年'), (6, '月')]); None for one with date or time codes (or any other letter) or
    a fraction."""
    if _FRACTION.search(re.sub(r'"[^"]*"|\\.', "", section)):
        return None
    literals: list[str | None] = []
    pattern, percents = "", 0
    inner: list[tuple[int, str]] = []
    last = 0  # the pieces after the number's placeholders so far (among them when more placeholders follow)
    for match in _FORMAT_TOKEN.finditer(section):
        quoted, escaped, bracket, general, digits, other = match.groups()
        literal = quoted if quoted is not None else escaped
        if literal is None and bracket is not None and bracket.startswith("$"):
            literal = bracket[1:].split("-")[0]  # [$¥-804]: a currency sign (colours, conditions, locales: nothing)
        if literal is not None:
            literals.append(literal)
        elif general or digits:
            if not pattern:
                literals.append(None)
            elif (
                len(literals) > last
                and digits
                and pattern != "general"
                and "." not in pattern
                and digits[0] not in "eE"
            ):
                placed = sum(ch in "0#?" for ch in pattern)
                inner += [(placed, piece) for piece in literals[last:] if piece is not None and piece != "%"]
                literals[last:] = [piece for piece in literals[last:] if piece == "%"]
            pattern = "general" if general or pattern == "general" else pattern + digits
            last = len(literals)
        elif other == "%":
            percents += 1
            literals.append("%")
        elif other and other.isascii() and other.isalpha():
            return None
        elif other and other != "@":
            literals.append(other)
    return literals, pattern, percents, inner


def _general(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def _figures(value: float, pattern: str) -> str:
    """`value` written by a section's placeholders: decimals (0 kept, # and ? dropped when zero; halves rounded up as
    Excel does), thousands separators, a trailing comma's thousands, scientific notation; at least one digit before
    the point (zeros before it as the format's 0s ask)."""
    import decimal

    exponent = re.search(r"[eE][+-]", pattern)
    body = pattern[: exponent.start()] if exponent else pattern
    scaled = len(body) - len(body.rstrip(","))
    whole, _, fraction = body.rstrip(",").partition(".")
    value /= 1000**scaled
    most = sum(ch in "0#?" for ch in fraction)
    least = fraction.count("0")
    if exponent:
        return f"{value:.{most}E}"
    context = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)
    number = decimal.Decimal(repr(value)).quantize(decimal.Decimal(1).scaleb(-most), context=context)
    if not number:
        number = abs(number)
    text = f"{number:{',' if ',' in whole else ''}.{most}f}"
    head, _, tail = text.partition(".")
    while len(tail) > least and tail.endswith("0"):
        tail = tail[:-1]
    sign, head = ("-", head[1:]) if head.startswith("-") else ("", head)
    head = head.zfill(whole.count("0")) if "," not in whole else head
    return f"{sign}{head}.{tail}" if tail else f"{sign}{head}"


_DATE_PART = re.compile(r"yyyy|yy|mm|m|dd|d", re.I)
# a date in figures: year, month and day apart by / - . (2024/3/1, 2024.03.01, 3/1/2024)
_FIGURES_DATE = re.compile(r"(?:y{2,4}([/.-])m{1,2}\1d{1,2}|m{1,2}([/.-])d{1,2}\2y{2,4})", re.I)
_SHORT_DATE = {"mm-dd-yy", "m/d/yy"}  # Excel's built-in short date (openpyxl's and xlrd's name): 2024/3/1 in China
# the built-in date formats a Chinese Excel or WPS writes by number alone (numFmtId 31 is 2026年12月31日): the file
# holds no code for them, openpyxl reads their dates as numbers (46387) and xlrd gives them no code (ISO dates)
IMPLIED_DATES = {
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
}
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


def left_out(sheet: str, rows: list[int], columns: list[int]) -> list[str]:
    """Warnings for a sheet's hidden rows and columns with text that were not read (1-based numbers)."""
    from openpyxl.utils import get_column_letter

    notes = []
    if rows:
        spans = _spans(rows, str)
        notes.append(f"工作表“{sheet}”的隐藏行未读：第 {spans} 行 (hidden rows of sheet '{sheet}' not read: {spans})")
    if columns:
        spans = _spans(columns, get_column_letter)
        notes.append(f"工作表“{sheet}”的隐藏列未读：{spans} 列 (hidden columns of sheet '{sheet}' not read: {spans})")
    return notes


class Uncomputable(Exception):
    """A formula a reader does not compute (its result left blank and said in `uncomputed`'s warning)."""


def uncomputed(sheet: str, cells: list[str]) -> list[str]:
    """A warning naming the cells (A1 names) of a sheet whose formulas were saved without a result, not computed."""
    if not cells:
        return []
    shown = ", ".join(cells[:8]) + (", …" if len(cells) > 8 else "")
    return [
        f"工作表“{sheet}”的公式没有保存结果，未能算出：{shown}；请用 Excel 或 WPS 打开并保存后再导入 "
        f"(formulas of sheet '{sheet}' saved without their results, not computed: {shown}; open and save the file "
        "in Excel or WPS, then import it)"
    ]


# the cells the ranges of a sheet's formulas may cover, all together, when results are computed (a goal table's
# totals cover hundreds; running totals down a long sheet, =SUM($B$2:B9000), would take seconds: not computed)
MOST_VISITS = 200_000


class Results(dict):
    """A sheet's formula results as they are computed, by cell, None for one not computed: each formula once
    (`compute` of its formula, as written in the reader's form), one that refers to itself not at all, a cell without
    a formula as `plain` gives it; the cells of ranges visited, all formulas together, at most MOST_VISITS."""

    def __init__(self, formulas: dict, compute: Callable, plain: Callable[..., float]) -> None:
        super().__init__()
        self.formulas, self.compute, self.plain = formulas, compute, plain
        self.visits = MOST_VISITS

    def __call__(self, key) -> float:
        """The cell's value; Uncomputable where its formula has no result computed here."""
        if key not in self.formulas:
            return self.plain(key)
        if key not in self:
            self[key] = None  # (a formula that refers to itself is not computed)
            try:
                self[key] = self.compute(self.formulas[key])
            except (Uncomputable, ZeroDivisionError, OverflowError, RecursionError, struct.error, IndexError):
                pass  # (a token or an offset past its formula: not one computed here)
        result = self[key]
        if result is None:
            raise Uncomputable
        return result

    def visit(self, cells: int) -> None:
        """Count a range's cells; Uncomputable past MOST_VISITS (running totals down a long sheet)."""
        self.visits -= cells
        if self.visits < 0:
            raise Uncomputable

    def all(self) -> Results:
        for key in self.formulas:
            try:
                self(key)
            except Uncomputable:
                pass
        return self


def rounded(value: float, digits: int) -> float:
    """Excel's ROUND: halves away from zero."""
    import decimal

    exact = decimal.Decimal(repr(value)).quantize(decimal.Decimal(1).scaleb(-digits), decimal.ROUND_HALF_UP)
    return float(exact)


def _spans(numbers: list[int], written: Callable[[int], str], most: int = 8) -> str:
    """Numbers as their runs ('4–6, 9'; each as `written` writes it), the first `most` runs and '…' after."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    text = [written(a) if a == b else f"{written(a)}–{written(b)}" for a, b in runs[:most]]
    return ", ".join(text) + (", …" if len(runs) > most else "")


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
