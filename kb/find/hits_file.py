"""A search's hits written to a file an officer opens in Excel: .xlsx (a sheet of indicators, one of projects) or
.csv (the indicators, UTF-8 with a BOM so that Excel reads the Chinese). Text never runs as a formula: every .xlsx
cell is a string or a number, and a CSV cell is kb.written.csv_cell's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from importers.records import HITS_HEADER, HITS_TITLE
from kb.errors import FileExists, KbError
from kb.written import csv_cell, write_whole

_KEYS = ("name", "target", "std_level1", "std_level2", "project", "project_id", "department", "region", "year")
INDICATOR_COLUMNS = tuple(zip(HITS_HEADER, _KEYS))  # the header the importers know: the file is no goal table
PROJECT_COLUMNS = (
    ("项目", "name"),
    ("项目编号", "id"),
    ("部门", "department"),
    ("地区", "region"),
    ("年度", "year"),
    ("金额（万元）", "amount_wan"),
    ("匹配文字", "snippet"),
)
_WIDTHS = {"指标名称": 40, "项目": 40, "部门": 28, "匹配文字": 60, "指标值": 16}  # column units; the rest 14


def write_hits(result: dict, path: Path, overwrite: bool = False, how: str = "换一个文件名") -> tuple[int, int]:
    """Write a search's result (SearchResult.as_dict()) to `path` (.xlsx or .csv, by its extension); the numbers of
    indicators and projects written. A file there is left unless `overwrite`; a failed write leaves none."""
    kind = path.suffix.lower()
    if kind not in (".xlsx", ".csv"):
        raise KbError(f"{path}: 只能写 .xlsx 或 .csv 文件 write an .xlsx or .csv file")
    if not path.parent.is_dir():
        raise KbError(f"{path.parent}: 没有这个文件夹（请先建立） no such folder (create it first)")
    if path.exists() and not overwrite:
        raise FileExists(path, how)
    indicators = [[hit.get(key) for _, key in INDICATOR_COLUMNS] for hit in result["indicators"]]
    projects = [[hit.get(key) for _, key in PROJECT_COLUMNS] for hit in result["projects"]]
    if kind == ".csv":
        write_whole(path, lambda tmp: tmp.write_text(_csv(indicators), encoding="utf-8-sig"))
    else:
        write_whole(path, lambda tmp: _xlsx(tmp, result["query"], indicators, projects))
    return len(indicators), len(projects)


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(label for label, _ in INDICATOR_COLUMNS)
    for row in rows:
        writer.writerow(csv_cell(value) if isinstance(value, str) else "" if value is None else value for value in row)
    return out.getvalue()


def _xlsx(path: Path, query: str, indicators: list[list], projects: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment

    wrapped = Alignment(wrap_text=True, vertical="top")

    book = Workbook()
    sheets = ((book.active, "指标", INDICATOR_COLUMNS, indicators), (None, "项目", PROJECT_COLUMNS, projects))
    for sheet, title, columns, rows in sheets:
        sheet = sheet or book.create_sheet()
        sheet.title = title
        sheet.append([HITS_TITLE, query])
        sheet.append([label for label, _ in columns])
        for row in rows:
            sheet.append([None if value is None else value for value in row])
        for line in sheet.iter_rows(min_row=3):
            for cell in line:
                cell.alignment = wrapped  # a long name on lines of its own, not over the next cells
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # a text is never a formula
        for n, (label, _) in enumerate(columns):
            sheet.column_dimensions[chr(ord("A") + n)].width = _WIDTHS.get(label, 14)
        sheet.page_setup.orientation = "landscape"  # printed as wide as the page, its header atop each page
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "2:2"
    book.save(path)
