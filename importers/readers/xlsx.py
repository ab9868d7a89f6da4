"""Excel .xlsx workbooks (openpyxl in read-only mode: streamed, so memory stays flat).

Every visible sheet is read in order (hidden sheets are skipped), a blank row between sheets. Values
are shown as the sheet shows them (number formats: decimals, thousands separators, %; dates as
2021-01-01). A merged cell's value is in its top-left cell and the covered cells read empty, which is
what the sheet's XML holds; read-only mode needs no merge bookkeeping for that.
"""

from __future__ import annotations

import datetime as dt
import io

from importers.readers.common import (
    MAX_BLANK_RUN,
    MAX_COLUMNS,
    UnreadableFile,
    cell_text,
    check_rows,
    date_text,
    fit_width,
    number_text,
)
from importers.readers.sniff import open_zip
from importers.records import Row


def read(data: bytes) -> list[Row]:
    import openpyxl

    open_zip(data)  # size checks before openpyxl unpacks anything
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KeyError as exc:
        raise UnreadableFile(f"corrupt .xlsx workbook (missing part {exc})") from None
    rows: list[Row] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                rows.extend(_sheet_rows(sheet, len(rows)))
                rows.append(Row(cells=[""], line=0))
    finally:
        book.close()
    return rows


def _sheet_rows(sheet, before: int) -> list[Row]:
    """The sheet's rows, cut to its last column with content; reading stops after a long blank run."""
    lines: list[int] = []
    table: list[list[str]] = []
    blank_run = 0
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), 1):
        values = [_text(cell) for cell in cells]
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
