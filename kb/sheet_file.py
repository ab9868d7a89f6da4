"""A table of rows written to a file an officer opens in Excel or prints: the checks before writing, the .csv (UTF-8
with a BOM so that Excel reads the Chinese), an .xlsx sheet laid out for A4 (every row as tall as its wrapped text,
as wide as the page, the header atop each page), and a cell's printed text and height (the draft's forms use them
too). Text never runs as a formula: every .xlsx cell is a string or a number, and a CSV cell is kb.written.csv_cell's.
kb search --out and kb lint --all --out write with it."""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb.errors import FileExists, KbError
from kb.vocab.numbers import number
from kb.vocab.text import shown
from kb.written import csv_cell

LINE_HEIGHT = 14.0  # pt per line of 10.5 pt (五号) text in a cell


def cell_text(value) -> str:
    """A value as the form prints it: numbers as kb.vocab.numbers writes them, control characters escaped."""
    return shown(number(value), lines=True) if value is not None else ""


def text_width(text: str) -> int:
    """Printed width in column units: a CJK or full-width character 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a cell `width` units wide (each paragraph apart; at least 1)."""
    usable = max(width - 1.5, 2)  # the cell's padding
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in (text or "").split("\n")) or 1


def row_height(cells: Sequence[tuple[object, float]]) -> float:
    """Points a row needs for the tallest of its (value, width) cells."""
    return max(lines(cell_text(value), width) for value, width in cells) * LINE_HEIGHT + 4


def checked(path: Path, overwrite: bool, how: str) -> str:
    """The kind of file `path` names ('.xlsx' or '.csv'), once it may be written: KbError for another kind or a
    missing folder, FileExists for a file there unless `overwrite`."""
    kind = path.suffix.lower()
    if kind not in (".xlsx", ".csv"):
        raise KbError(f"{path}: 只能写 .xlsx 或 .csv 文件 write an .xlsx or .csv file")
    if not path.parent.is_dir():
        raise KbError(f"{path.parent}: 没有这个文件夹（请先建立） no such folder (create it first)")
    if path.exists() and not overwrite:
        raise FileExists(path, how)
    return kind


def csv_text(header: Sequence[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_cell(value) if isinstance(value, str) else "" if value is None else value for value in row)
    return out.getvalue()


def fill_sheet(sheet: Any, title: list, header: Sequence[str], rows: list[list], widths: Sequence[float]) -> None:
    """An openpyxl sheet holding a title row, the header and the rows, in columns `widths` units wide."""
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment

    wrapped = Alignment(wrap_text=True, vertical="top")
    sheet.append(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = wrapped  # a long name on lines of its own, not over the next cells
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # a text is never a formula
        # as tall as its wrapped text: a reader does not grow a row, and the lines printed over the next row's
        sheet.row_dimensions[line[0].row].height = row_height([(cell.value, w) for cell, w in zip(line, widths)])
    for n, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + n)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"  # printed as wide as the page, its header atop each page
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
