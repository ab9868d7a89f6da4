"""Old Excel .xls workbooks (BIFF, read by xlrd): every visible sheet, values as the sheet shows them (a date in its
format's Chinese). Rows and columns hidden by hand are left out (an earlier year's indicators), with a warning naming
those with text; a row hidden inside the sheet's AutoFilter range (its _FilterDatabase name) while a filter is in use
(a FILTERMODE record) is read, since a filter only shows part of the table.

A merged cell's value is spread to every cell it covers, across and down. xlrd lists a sheet's merged
ranges only when it reads formatting, which it does anyway for the number formats.
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
                for r in range(sheet.nrows):
                    own = [_text(book, sheet.cell(r, c)) for c in range(width)]
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


def _hidden(info: dict, index: int) -> bool:
    """Whether a sheet's row or column (xlrd's rowinfo_map or colinfo_map) is hidden."""
    return bool(getattr(info.get(index), "hidden", False))


def _text(book, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        return number_text(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_DATE:
        key = book.xf_list[cell.xf_index].format_key
        fmt = book.format_map[key].format_str or IMPLIED_DATES.get(key, "")
        return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return ""
