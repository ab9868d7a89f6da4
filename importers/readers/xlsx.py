"""Excel .xlsx workbooks (openpyxl in read-only mode: streamed, so memory stays flat).

Every visible sheet is read in order (hidden sheets are skipped), a blank row between sheets. Values
are shown as the sheet shows them (number formats: decimals, thousands separators, %; dates as
2021-01-01). A merged cell's value is spread to every cell it covers, across and down. Read-only mode
does not read the sheet's merged ranges, so they are taken from its XML by a second pass that only
looks for the `<mergeCell ref="…">` tags, chunk by chunk: memory stays flat for any size of sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from importers.readers.common import (
    MAX_BLANK_RUN,
    MAX_COLUMNS,
    MAX_MERGES,
    MergedCells,
    UnreadableFile,
    cell_text,
    check_rows,
    date_text,
    fit_width,
    number_text,
)
from importers.readers.sniff import open_zip
from importers.records import Row

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"')
_CHUNK = 1 << 20
_TAIL = 256  # bytes kept from one chunk to the next, longer than any mergeCell tag


def read(data: bytes) -> list[Row]:
    import openpyxl

    archive = open_zip(data)  # size checks before openpyxl unpacks anything
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KeyError as exc:
        raise UnreadableFile(f"corrupt .xlsx workbook (missing part {exc})") from None
    rows: list[Row] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                merged = MergedCells(_merged_ranges(archive, sheet))
                rows.extend(_sheet_rows(sheet, merged, len(rows)))
                rows.append(Row(cells=[""], line=0))
    finally:
        book.close()
    return rows


def _merged_ranges(archive: zipfile.ZipFile, sheet) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range in the sheet's XML."""
    from openpyxl.utils.cell import range_boundaries

    refs: list[bytes] = []
    tail = b""
    with archive.open(sheet._worksheet_path) as source:  # openpyxl (pinned) keeps the part's name there
        while len(refs) <= MAX_MERGES and (chunk := source.read(_CHUNK)):
            text = tail + chunk
            matches = list(_MERGE.finditer(text))
            refs += [m.group(1) for m in matches]
            tail = text[max(matches[-1].end() if matches else 0, len(text) - _TAIL) :]
    ranges = []
    for ref in refs:
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode("ascii").upper())
        ranges.append((first_row, first_col, last_row, last_col))
    return ranges


def _sheet_rows(sheet, merged: MergedCells, before: int) -> list[Row]:
    """The sheet's rows, merged cells spread, cut to its last column with content; reading stops after a
    long blank run."""
    lines: list[int] = []
    table: list[list[str]] = []
    blank_run = 0
    sheet.reset_dimensions()  # a sheet's stated size may be wrong (some writers say 'A1'): read every row
    for number, cells in enumerate(sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS), 1):
        values = merged.spread(number, [_text(cell) for cell in cells])
        blank_run = 0 if any(values) else blank_run + 1
        if blank_run > MAX_BLANK_RUN:
            break
        lines.append(number)
        table.append(values)
        if len(table) % 1000 == 0:
            check_rows(before + len(table))
    check_rows(before + len(table))
    return [Row(cells=cells, line=line) for cells, line in zip(fit_width(table), lines)]


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, getattr(cell, "number_format", "General"))
    if isinstance(value, (dt.date, dt.time)):
        return date_text(value)
    return str(value)
