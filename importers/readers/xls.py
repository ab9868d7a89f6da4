"""Old Excel .xls workbooks (BIFF, read by xlrd): every visible sheet, values as the sheet shows them (a date in its
format's Chinese). Rows and columns hidden by hand are left out (an earlier year's indicators), with a warning naming
those with text; a row hidden inside the sheet's AutoFilter range (its _FilterDatabase name) while a filter is in use
(a FILTERMODE record) is read, since a filter only shows part of the table.

A merged cell's value is spread to every cell it covers, across and down. xlrd lists a sheet's merged
ranges only when it reads formatting, which it does anyway for the number formats. A formula saved without its result
(xlwt's) is computed when it is a total of cells (`_results`); the cells of one not computed are said in a warning.
"""

from __future__ import annotations

import io
import struct

from importers.readers.common import (
    IMPLIED_DATES,
    MAX_COLUMNS,
    MergedCells,
    UnreadableFile,
    cell_text,
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
from importers.records import SHEET_BREAK, Row, Rows


def read(data: bytes) -> list[Row]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise UnreadableFile(
                "有密码保护：请另存一份无保护的再导入 password-protected: save an unprotected copy to import it"
            ) from None
        raise UnreadableFile(f"损坏的 .xls 表格 corrupt .xls workbook ({exc})") from None
    rows = Rows()
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility == 0:
                check_rows(len(rows) + sheet.nrows)
                width = min(sheet.ncols, MAX_COLUMNS)
                check_span(sheet.name, f"{sheet.nrows:,} × {width}", sheet.nrows * width)
                merged = MergedCells([(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells])
                filtered = _filtered(book, index)
                shown = [c for c in range(width) if not _hidden(sheet.colinfo_map, c)]
                lines: list[int] = []
                table: list[list[str]] = []
                hidden_rows: list[int] = []
                hidden_columns: set[int] = set()
                computed = _results(book, index, sheet)
                for r in range(sheet.nrows):
                    own = [_text(book, sheet.cell(r, c)) for c in range(width)]
                    for c in range(width):
                        result = computed.get((r, c))
                        if result is not None:
                            own[c] = number_text(result, _format(book, sheet.cell(r, c)))
                    written = [c for c, value in enumerate(own) if value]
                    cells = merged.spread(r + 1, own)
                    if _hidden(sheet.rowinfo_map, r) and not any(first <= r <= last for first, last in filtered):
                        hidden_rows += [r + 1] if written else []
                        continue
                    hidden_columns.update(c + 1 for c in written if c not in shown)
                    lines.append(r)
                    table.append([cells[c] for c in shown])
                rows += [Row(cells=cells, line=r + 1, sheet=sheet.name) for r, cells in zip(lines, fit_width(table))]
                rows.notes += left_out(sheet.name, hidden_rows, sorted(hidden_columns))
                missing = sorted(key for key, value in computed.items() if value is None)
                rows.notes += uncomputed(sheet.name, [xlrd.cellname(r, c) for r, c in missing])
                rows.append(Row(cells=[""], line=SHEET_BREAK))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return rows


def _filtered(book, index: int) -> list[tuple[int, int]]:
    """The rows (first, last; 0-based) the sheet's AutoFilter covers below its header, its _FilterDatabase name's,
    when a filter is in use (its sheet holds a FILTERMODE record): rows hidden under filter buttons not in use are
    hidden by hand."""
    if not _filtering(book, index):
        return []
    ranges = []
    for name in getattr(book, "name_obj_list", []):
        if name.name == "_FilterDatabase" and name.scope == index:
            try:
                _, first, stop, _, _ = name.area2d()
            except Exception:  # a name xlrd cannot resolve to one area: no range
                continue
            ranges.append((first + 1, stop - 1))
    return ranges


_FILTERMODE, _EOF = 0x009B, 0x000A  # BIFF records: a filter in use hides rows of the sheet; the sheet's end


def _filtering(book, index: int) -> bool:
    """Whether the sheet's records (xlrd keeps the workbook stream and each sheet's offset) hold FILTERMODE."""
    mem, starts = getattr(book, "mem", None), getattr(book, "_sh_abs_posn", None)
    if not mem or not starts or index >= len(starts):
        return False
    at = starts[index]
    while at + 4 <= len(mem):
        kind, size = struct.unpack_from("<HH", mem, at)
        if kind == _FILTERMODE:
            return True
        if kind == _EOF:
            return False
        at += 4 + size
    return False


_FORMULA, _STRING = 0x0006, 0x0207  # a formula's record (its cell, its result, its tokens); a text result's
_SUM, _ROUND = 4, 27  # Excel's numbers of its functions
# the sizes of BIFF8 tokens after their first byte, by the token without its class (tRef, tArea …; tStr, tAttr apart)
_SIZES = {
    0x01: 4,
    0x02: 4,
    0x1C: 1,
    0x1D: 1,
    0x1E: 2,
    0x1F: 8,
    0x20: 7,
    0x21: 2,
    0x22: 3,
    0x23: 4,
    0x24: 4,
    0x25: 8,
    0x26: 6,
    0x27: 6,
    0x28: 6,
    0x29: 2,
    0x2A: 4,
    0x2B: 8,
    0x2C: 4,
    0x2D: 8,
    0x39: 6,
    0x3A: 6,
    0x3B: 10,
    0x3C: 6,
    0x3D: 10,
    **dict.fromkeys(range(0x03, 0x17), 0),
}


def _choice(rpn: bytes) -> bool:
    """Whether a formula's tokens hold an IF or a CHOOSE (tAttrIf, tAttrChoose), which may give an empty text, or a
    token not known here (read token by token: a reference to row 538 holds the bytes 19 02 of a tAttrIf)."""
    at = 0
    while at < len(rpn):
        token = rpn[at]
        token = (token & 0x1F) | 0x20 if token >= 0x20 else token
        if token == 0x19:  # tAttr: its flags and 2 bytes (tAttrChoose: and a jump table, but it is a CHOOSE)
            if at + 1 >= len(rpn) or rpn[at + 1] & 0x06:
                return True
            at += 4
        elif token == 0x17 and at + 2 < len(rpn):  # tStr: a length, a flags byte, the characters (1 or 2 bytes each)
            at += 3 + rpn[at + 1] * (2 if rpn[at + 2] & 1 else 1)
        elif token in _SIZES:
            at += 1 + _SIZES[token]
        else:
            return True
    return False


def _results(book, index: int, sheet) -> dict[tuple[int, int], float | None]:
    """The results of the sheet's formulas saved without one (xlwt writes an empty text for Excel to compute on
    opening), by (row, column), 0-based, None for one not computed: a total of cells (SUM, ROUND, + - * / over
    numbers and the sheet's cells); none when another formula of the sheet holds its result (a sheet an office suite
    computed and saved, whose empty texts are results: =B5&"", =TRIM(B5), a VLOOKUP's). The formulas' tokens are read
    from the sheet's records (xlrd does not keep them)."""
    mem, starts = getattr(book, "mem", None), getattr(book, "_sh_abs_posn", None)
    if not mem or not starts or index >= len(starts):
        return {}
    tokens: dict[tuple[int, int], bytes] = {}
    saved = False  # a formula of the sheet holds a result (a number, a text, TRUE/FALSE, an error)
    at = starts[index]
    while at + 4 <= len(mem):
        kind, size = struct.unpack_from("<HH", mem, at)
        if kind == _EOF:
            break
        if kind == _FORMULA and size >= 22:
            row, column = struct.unpack_from("<HH", mem, at + 4)
            result = mem[at + 10 : at + 18]
            length = struct.unpack_from("<H", mem, at + 24)[0]
            rpn = mem[at + 26 : at + 26 + length]
            if result[6:] == b"\xff\xff" and result[0] == 3 and not _choice(rpn):  # an empty text: no result
                tokens[row, column] = rpn  # (not one an IF or CHOOSE may give: Excel's =IF(B5=0,"",…))
            elif not (result[6:] == b"\xff\xff" and result[0] == 3):
                saved = True
        at += 4 + size
    if saved:  # a sheet Excel, WPS or LibreOffice saved (another formula has its result): an empty text is one (=B5&"")
        return {}

    def plain(key: tuple[int, int]) -> float:
        row, column = key
        if row >= sheet.nrows or column >= sheet.ncols or sheet.cell_type(row, column) in (0, 6):  # empty, blank
            return 0.0
        if sheet.cell_type(row, column) in (2, 3):  # a number, a date
            return float(sheet.cell_value(row, column))
        raise Uncomputable  # (text in a sum of two cells: #VALUE!)

    def value(row: int, column: int) -> float:
        return results((row, column))

    def cells(first_row: int, last_row: int, first_column: int, last_column: int) -> list[float]:
        """The numbers of a range's cells (text and blanks left out, as SUM does)."""
        last_row, last_column = min(last_row, sheet.nrows - 1), min(last_column, sheet.ncols - 1)
        results.visit(max(last_row - first_row + 1, 0) * max(last_column - first_column + 1, 0))
        found = []
        for row in range(first_row, last_row + 1):
            for column in range(first_column, last_column + 1):
                if (row, column) in tokens or sheet.cell_type(row, column) in (2, 3):
                    found.append(value(row, column))
        return found

    results = Results(tokens, lambda rpn: _computed(rpn, value, cells), plain)
    return results.all()


def _computed(rpn: bytes, value, cells) -> float:
    """A formula's result from its tokens (BIFF8 'parsed expression', in reverse Polish order)."""
    stack: list = []
    at = 0
    while at < len(rpn):
        token = rpn[at]
        token = (token & 0x1F) | 0x20 if token >= 0x20 else token  # (a reference's or function's class)
        at += 1
        if 0x03 <= token <= 0x06:  # + - * /
            b, a = stack.pop(), stack.pop()
            if isinstance(a, list) or isinstance(b, list):
                raise Uncomputable
            stack.append(a + b if token == 3 else a - b if token == 4 else a * b if token == 5 else a / b)
        elif token in (0x12, 0x13, 0x14):  # unary +, -, %
            a = stack.pop()
            if isinstance(a, list):
                raise Uncomputable
            stack.append(a if token == 0x12 else -a if token == 0x13 else a / 100)
        elif token == 0x15:  # parentheses
            pass
        elif token == 0x19:  # an attribute: a SUM of one argument, or spaces
            flags = rpn[at]
            at += 3
            if flags & 0x10:
                a = stack.pop()
                stack.append(sum(a) if isinstance(a, list) else a)
            elif flags & ~0x41:  # (IF, CHOOSE, a jump)
                raise Uncomputable
        elif token == 0x1E:  # an integer
            stack.append(float(struct.unpack_from("<H", rpn, at)[0]))
            at += 2
        elif token == 0x1F:  # a number
            stack.append(struct.unpack_from("<d", rpn, at)[0])
            at += 8
        elif token == 0x24:  # a cell
            row, column = struct.unpack_from("<HH", rpn, at)
            stack.append(value(row, column & 0x3FFF))
            at += 4
        elif token == 0x25:  # a range
            first_row, last_row, first_column, last_column = struct.unpack_from("<4H", rpn, at)
            stack.append(cells(first_row, last_row, first_column & 0x3FFF, last_column & 0x3FFF))
            at += 8
        elif token in (0x21, 0x22):  # a function: fixed arguments (ROUND), or a number of them (SUM)
            count = rpn[at] & 0x7F if token == 0x22 else 2
            function = struct.unpack_from("<H", rpn, at + (token == 0x22))[0] & 0x7FFF
            at += 2 + (token == 0x22)
            arguments = [stack.pop() for _ in range(count)][::-1]
            if function == _SUM and token == 0x22:
                stack.append(sum(sum(a) if isinstance(a, list) else a for a in arguments))
            elif function == _ROUND and token == 0x21 and not any(isinstance(a, list) for a in arguments):
                stack.append(rounded(arguments[0], int(arguments[1])))
            else:
                raise Uncomputable
        else:
            raise Uncomputable
    if len(stack) != 1 or isinstance(stack[0], list):
        raise Uncomputable
    return stack[0]


def _format(book, cell) -> str:
    """A cell's number format."""
    return book.format_map[book.xf_list[cell.xf_index].format_key].format_str


def _hidden(info: dict, index: int) -> bool:
    """Whether a sheet's row or column (xlrd's rowinfo_map or colinfo_map) is hidden."""
    return bool(getattr(info.get(index), "hidden", False))


def _text(book, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(cell.value, _format(book, cell))
    if cell.ctype == xlrd.XL_CELL_DATE:
        key = book.xf_list[cell.xf_index].format_key
        fmt = book.format_map[key].format_str or IMPLIED_DATES.get(key, "")
        return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return ""
