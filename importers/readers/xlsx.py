"""Excel .xlsx workbooks (openpyxl in read-only mode: streamed, so memory stays flat).

Every visible sheet is read in order (hidden sheets are skipped), a blank row between sheets. A row an AutoFilter hides
(of the sheet's or of a table's filter in use) is read: the filter only shows part of the table. Rows and columns
hidden by hand are not (an earlier year's indicators kept out of sight), and a warning names those with text. Values
are shown as the sheet shows them (number formats: decimals, thousands separators, %, their text; dates as the
format writes them in Chinese, 2023年12月20日, else as 2021-01-01). A merged cell's value is spread to every cell it
covers, across and down. A formula's result a library left out (or saved as 0 for Excel to compute) is computed when
it is a total of cells (`_results`); the cells of one not computed are said in a warning.

Before openpyxl reads anything, one pass over each XML part of the workbook, chunk by chunk (memory stays flat
for any size), refuses a cell's text over MAX_CELL_BYTES and finds what read-only mode does not read: a sheet's
merged ranges (`<mergeCell ref="…">`), the range it states (`<dimension ref="…">`), which is refused when it
holds more than MAX_CELLS cells, how many rows hold a cell with something in it (more than MAX_ROWS are refused
before openpyxl opens a sheet stating no range, which it reads whole to size it, and before a row of the visible
sheets is read; a cell only styled, borders drawn far down, counts for none), its hidden rows and columns and its
filter's range (`<autoFilter ref="…">`, in use when it has a `<filterColumn>`; a table's filter in its own part,
which the sheet's relationships name). While rows are read, the cells with text are
counted against MAX_CELLS too (the stated range may be wrong: some writers say 'A1').
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile

from importers.readers.common import (
    IMPLIED_DATES,
    MAX_BLANK_RUN,
    MAX_COLUMNS,
    MergedCells,
    UnreadableFile,
    cell_text,
    check_cells,
    check_merges,
    check_rows,
    check_span,
    date_text,
    fit_width,
    left_out,
    number_text,
    Results,
    Uncomputable,
    rounded,
    uncomputed,
)
from importers.readers.sniff import open_zip, xml_chunks
from importers.records import SHEET_BREAK, Row, Rows

_REF = re.compile(rb'<(?:\w+:)?(mergeCell|dimension)\s[^>]*?\bref="([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"')
_HIDDEN = re.compile(rb'<(?:\w+:)?(row|col)\s[^>]*?\bhidden="(?:1|true)"[^>]*>')  # a hidden row's or columns' tag
_NUMBERS = re.compile(rb'\b(r|min|max)="(\d{1,7})"')
_FILTER = re.compile(rb'<(?:\w+:)?autoFilter\s[^>]*?\bref="([A-Za-z]{1,3}\d{1,7}:[A-Za-z]{1,3}\d{1,7})"')
_FILTERING = re.compile(rb"<(?:\w+:)?filterColumn\b")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
_TABLE = re.compile(rb'\bType="[^"]*/table"')
_TARGET = re.compile(rb'\bTarget="([^"]+)"')
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)\b[^>]*?(/?)>")  # '/>' closes an empty row, or a cell only styled
# a character XML cannot hold, as Excel and POI write it in a text: _x000D_ for the CR of a line break pasted in
# (openpyxl keeps the escape: 新建农田5万亩，_x000D_⏎配套…), _x005F_ for a '_' that begins such a sequence
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# a formula's cell saved without its result (openpyxl and Apache POI write the formula alone: '<f>SUM(C6:C7)</f></c>',
# or an empty value), or a shared formula's follower so saved
_UNCACHED = re.compile(
    rb"</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
    rb"|<(?:\w+:)?f\b[^>]*/>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
# a workbook whose results are computed when it is opened (XlsxWriter saves its results as 0, openpyxl none)
_CALC_ON_LOAD = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
_TAIL = 256  # bytes kept from one chunk to the next, longer than any mergeCell, dimension, row or col tag


def read(data: bytes) -> list[Row]:
    import openpyxl

    archive = open_zip(data)  # size checks before openpyxl unpacks anything
    parts = {name: _Part(archive, name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KeyError as exc:
        raise UnreadableFile(f"损坏的 .xlsx 表格 corrupt .xlsx workbook (missing part {exc})") from None
    rows = Rows()
    cells = 0
    try:
        visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        check_rows(sum(parts[sheet._worksheet_path].rows for sheet in visible))  # before a row is read
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                path = sheet._worksheet_path  # openpyxl (pinned) keeps the part's name there
                part = parts[path]
                check_span(sheet.title, part.span, part.span_cells)
                filtered = _filtered(path, parts)
                computed: dict[tuple[int, int], float | None] = {}
                recomputed = part.formulas and parts["xl/workbook.xml"].calc_on_load  # (its saved results are 0s)
                if part.uncached or recomputed:
                    computed = _results(data, sheet.title)
                cells = _sheet_rows(sheet, MergedCells(part.merges), rows, cells, part, filtered, computed, recomputed)
                rows.append(Row(cells=[""], line=SHEET_BREAK))
    finally:
        book.close()
    return rows


def _filtered(path: str, parts: dict[str, _Part]) -> list[tuple[int, int]]:
    """The rows (first, last) a filter in use may hide on a sheet: its own AutoFilter's and its tables', each
    without its header row."""
    folder, name = posixpath.split(path)
    relations = parts.get(posixpath.join(folder, "_rels", name + ".rels"))
    tables = [
        posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target))
        for target in (relations.tables if relations else [])
    ]
    filters = [parts[p] for p in [path, *tables] if p in parts]
    return [(first + 1, last) for part in filters if part.filter and part.filtering for first, last in [part.filter]]


class _Part:
    """One XML part of the workbook, read once before openpyxl reads it: a text over MAX_CELL_BYTES is refused
    (`xml_chunks`); a sheet's merged ranges (first row, first column, last row, last column) are kept, and the range
    it states with the cells that range holds within MAX_COLUMNS."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        from openpyxl.utils.cell import range_boundaries

        self.merges: list[tuple[int, int, int, int]] = []
        self.span, self.span_cells = "", 0
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.filter: tuple[int, int] | None = None  # an AutoFilter's first and last row
        self.filtering = False  # whether a filter is in use (a filterColumn)
        self.tables: list[str] = []  # the targets of a sheet's relationships to tables (in a .rels part)
        self.rows = 0  # rows with a cell that holds something (a cell only styled, borders drawn far down, is none)
        self.formulas = False  # a sheet holds a formula
        self.uncached = False  # … one saved without its result
        self.calc_on_load = False  # a workbook's results are computed when it is opened
        counted = False  # the row being read is counted
        tail = b""
        for chunk in xml_chunks(archive, name):
            text = tail + chunk
            end = 0
            for match in _ROW_OR_CELL.finditer(text):
                if match.group(1) == b"row":
                    counted = False
                elif not match.group(2) and not counted:
                    self.rows, counted = self.rows + 1, True
                end = max(end, match.end())
            if not self.span:  # (its dimension, before its rows, states none): openpyxl would read it whole to size it
                check_rows(self.rows)
            for match in _FILTER.finditer(text):
                if self.filter is None:
                    _, first_row, _, last_row = range_boundaries(match.group(1).decode("ascii").upper())
                    self.filter = first_row, last_row
                end = max(end, match.end())
            for match in _FILTERING.finditer(text):
                self.filtering = True
                end = max(end, match.end())
            for match in _RELATION.finditer(text):
                target = _TARGET.search(match.group(0))
                if _TABLE.search(match.group(0)) and target and target.group(1).decode() not in self.tables:
                    self.tables.append(target.group(1).decode())
                end = max(end, match.end())
            for pattern, flag in ((_FORMULA, "formulas"), (_UNCACHED, "uncached"), (_CALC_ON_LOAD, "calc_on_load")):
                for match in pattern.finditer(text):
                    setattr(self, flag, True)
                    end = max(end, match.end())
            for match in _HIDDEN.finditer(text):
                numbers = {key.decode(): int(value) for key, value in _NUMBERS.findall(match.group(0))}
                if match.group(1) == b"row" and "r" in numbers:
                    self.hidden_rows.add(numbers["r"])
                elif match.group(1) == b"col" and "min" in numbers:
                    last = min(numbers.get("max", numbers["min"]), MAX_COLUMNS)
                    self.hidden_columns.update(range(numbers["min"], last + 1))
                end = max(end, match.end())
            for match in _REF.finditer(text):
                ref = match.group(2).decode("ascii").upper()
                if match.group(1) == b"dimension":
                    if not self.span:
                        _, _, last_col, last_row = range_boundaries(ref)
                        self.span, self.span_cells = ref, last_row * min(last_col, MAX_COLUMNS)
                else:
                    first_col, first_row, last_col, last_row = range_boundaries(ref)
                    self.merges.append((first_row, first_col, last_row, last_col))
                    check_merges(len(self.merges))
                end = max(end, match.end())
            tail = text[max(end, len(text) - _TAIL) :]


def _sheet_rows(
    sheet,
    merged: MergedCells,
    rows: Rows,
    cells: int,
    part: _Part,
    filtered: list[tuple[int, int]],
    computed: dict[tuple[int, int], float | None],
    recomputed: bool = False,
) -> int:
    """The sheet's rows added to `rows`, merged cells spread, cut to its last column with content, without the rows
    and columns hidden by hand (an earlier year's indicators kept out of sight; those with text said in `rows.notes`)
    but with the rows a filter hides; reading stops after a long blank run. A formula's result the file does not
    hold (or, when `recomputed`, holds as 0, to be computed on opening) is the one `computed` gives (`_results`); one
    it cannot give is said in `rows.notes`. A result the file holds is kept otherwise (Excel's own, the one to show).
    Returns `cells` (the document's cells with text so far) with the sheet's added."""
    lines: list[int] = []
    table: list[list[str]] = []
    blank_run = 0
    hidden_rows: list[int] = []
    hidden_columns: set[int] = set()
    missing: list[str] = []
    sheet.reset_dimensions()  # a sheet's stated size may be wrong (some writers say 'A1'): read every row
    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS), 1):
        own = [_text(cell) for cell in row]
        if computed:
            missing += _computed_texts(number, row, own, computed, recomputed)
        written = [j for j, value in enumerate(own, 1) if value]
        values = merged.spread(number, own)
        if number in part.hidden_rows and not any(first <= number <= last for first, last in filtered):
            hidden_rows += [number] if written else []
            continue
        if part.hidden_columns:
            hidden_columns.update(j for j in written if j in part.hidden_columns)
            values = [value for j, value in enumerate(values, 1) if j not in part.hidden_columns]
        empty = values.count("")
        blank_run = 0 if empty < len(values) else blank_run + 1
        if blank_run > MAX_BLANK_RUN:
            break
        cells += len(values) - empty
        lines.append(number)
        table.append(values)
        if len(table) % 1000 == 0:
            check_rows(len(rows) + len(table))
            check_cells(cells)
    check_rows(len(rows) + len(table))
    check_cells(cells)
    rows += [Row(cells=values, line=line, sheet=sheet.title) for values, line in zip(fit_width(table), lines)]
    rows.notes += left_out(sheet.title, hidden_rows, sorted(hidden_columns))
    rows.notes += uncomputed(sheet.title, missing)
    return cells


def _computed_texts(
    number: int, row, own: list[str], computed: dict[tuple[int, int], float | None], recomputed: bool = False
) -> list[str]:
    """Row `number`'s formula results the file does not hold (or, when `recomputed`, holds as a number to be computed
    on opening) put in `own` as their cells' formats show them; returns the cells whose result is missing and could
    not be computed (a text result saved empty, Excel's =IF(B5=0,"",…), is no missing one)."""
    missing = []
    for j, cell in enumerate(row, 1):
        if (number, j) in computed:
            result = computed[number, j]
            if result is not None and (cell.value is None or recomputed and isinstance(cell.value, (int, float))):
                shown = getattr(cell, "number_format", "General")
                if isinstance(result, _Percent) and shown == "General":
                    shown = "General%"
                own[j - 1] = number_text(result, shown)
            elif cell.value is None and cell.data_type == "n":  # (t="str": a text result)
                missing.append(cell.coordinate)
    return missing


# a formula's tokens: a cell or range (C6, $C$6:$C$7), a number (100, 2.5, 100%), a function's name and '(',
# an operator or punctuation; anything else (another sheet, text, a name) is not computed
_TOKEN = re.compile(
    r"\s*(?:(\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?)(?![\w!(])|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?%?)"
    r"|([A-Z][A-Z0-9.]*)\(|([-+*/(),]))"
)


def _results(data: bytes, title: str) -> dict[tuple[int, int], float | None]:
    """The results of a sheet's formulas, by (row, column), as Excel computes them, None for one not computed: a
    total of cells (SUM, ROUND, + - * / and parentheses over numbers and the sheet's cells, formulas among them).
    Read from the workbook's formulas (openpyxl gives a shared formula's own text); a file saved by a library
    (openpyxl, Apache POI: a finance system's export) holds no results, or 0 where XlsxWriter saved it."""
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    formulas: dict[tuple[int, int], str] = {}
    numbers: dict[tuple[int, int], float] = {}
    others: set[tuple[int, int]] = set()  # cells with text, a date or TRUE/FALSE: not a number + - * / can take
    try:
        sheet = book[title]
        sheet.reset_dimensions()  # (as `_sheet_rows` reads it: every row)
        for r, values in enumerate(sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True), 1):
            for c, value in enumerate(values, 1):
                if isinstance(value, str) and value.startswith("="):
                    formulas[r, c] = value[1:].upper()
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    numbers[r, c] = float(value)
                elif value is not None and value != "":
                    others.add((r, c))
    finally:
        book.close()

    def plain(key: tuple[int, int]) -> float:
        if key in others:  # (text in a sum of two cells: #VALUE!, or a number as text Excel reads; a date's serial)
            raise Uncomputable
        return numbers.get(key, 0.0)

    def evaluate(formula: str) -> float:
        tokens, at = [], 0
        while formula[at:].strip():
            match = _TOKEN.match(formula, at)
            if not match:
                raise Uncomputable
            tokens.append(match.groups())
            at = match.end()
        tokens.append((None, None, None, ""))  # the end
        position = 0

        def take(*symbols: str) -> str:
            nonlocal position
            symbol = tokens[position][3]
            position += symbol in symbols
            return symbol if symbol in symbols else ""

        def expression() -> float:
            value = term()
            while symbol := take("+", "-"):
                value = value + term() if symbol == "+" else value - term()
            return value

        def term() -> float:
            value = factor()
            while symbol := take("*", "/"):
                value = value * factor() if symbol == "*" else value / factor()
            return value

        def factor() -> float:
            nonlocal position
            reference, figure, function, symbol = tokens[position]
            position += 1
            if symbol in ("-", "+"):
                return -factor() if symbol == "-" else factor()
            if symbol == "(":
                value = expression()
                if not take(")"):
                    raise Uncomputable
                return value
            if figure:
                return float(figure.rstrip("%")) / (100 if figure.endswith("%") else 1)
            if reference and ":" not in reference:
                column, row, _, _ = range_boundaries(reference.replace("$", ""))
                return cell((row, column))
            if function in ("SUM", "ROUND"):
                found = arguments()
                if function == "SUM":
                    return sum(sum(value) if isinstance(value, list) else value for value in found)
                number, digits = found if len(found) == 2 else (None, None)
                if not isinstance(number, (int, float)) or not isinstance(digits, (int, float)):
                    raise Uncomputable
                return rounded(number, int(digits))
            raise Uncomputable

        def arguments() -> list[float | list[float]]:
            """A function's arguments, a range as the values of its cells with numbers or formulas."""
            nonlocal position
            found: list[float | list[float]] = []
            while not take(")"):
                if found and not take(","):
                    raise Uncomputable
                reference = tokens[position][0]
                if reference and ":" in reference and tokens[position + 1][3] in (",", ")"):
                    position += 1
                    left, top, right, bottom = range_boundaries(reference.replace("$", ""))
                    area = (bottom - top + 1) * (right - left + 1)
                    cell.visit(min(area, len(numbers) + len(formulas)))
                    keys = (
                        [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
                        if area <= len(numbers) + len(formulas)
                        else sorted(
                            key for key in {*numbers, *formulas} if top <= key[0] <= bottom and left <= key[1] <= right
                        )
                    )
                    found.append([cell(key) for key in keys if key in numbers or key in formulas])
                else:
                    found.append(expression())
            return found

        value = expression()
        if tokens[position][3] != "":
            raise Uncomputable
        return value

    cell = Results(formulas, evaluate, plain)
    return {
        at: _Percent(result) if result is not None and _PERCENT.search(formulas[at]) else result
        for at, result in cell.all().items()
    }


# a number written as a percentage in a formula (=120%, =100%-5%), not one within a text ("≥95%") nor a factor
# (=1200*(1+5%) shows 1260: LibreOffice, WPS and Excel keep a percentage's format through + and - only)
_PERCENT = re.compile(r'^[^"*/^]*\d%[^"*/^]*$')


class _Percent(float):
    """A formula's result written with a percent sign (=120%): a cell of the General format shows it as a
    percentage, as LibreOffice and WPS show it (120%), not 1.2."""


def _unescaped(text: str) -> str:
    """A text with its XML escapes read (_x000D_ → CR); a character beyond U+FFFF escaped as its two UTF-16 halves
    (_xD83D__xDE00_) is one character, and a half alone is U+FFFD (it cannot be stored: the import failed)."""
    text = _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return cell_text(_unescaped(value) if "_x" in value else value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        implied = IMPLIED_DATES.get(getattr(getattr(cell, "style_array", None), "numFmtId", 0))
        if implied and getattr(cell, "number_format", "General") == "General" and 1 <= value < 2958466:
            # (a code the file gives wins; a number beyond Excel's dates, shown as ####, stays a number)
            from openpyxl.utils.datetime import from_excel

            return date_text(from_excel(value, cell.parent.parent.epoch), implied)
        return number_text(value, getattr(cell, "number_format", "General"))
    if isinstance(value, (dt.date, dt.time)):
        return date_text(value, getattr(cell, "number_format", ""))
    return str(value)
