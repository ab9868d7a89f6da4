"""kb lint --all's report written to a file a reviewer sends back to the units: .xlsx (one sheet, a finding a row,
the units' projects in order, printed as wide as the page) or .csv (UTF-8 with a BOM, for Excel). Text never runs
as a formula: every .xlsx cell is a string or a number, and a CSV cell is kb.written.csv_cell's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from importers.records import FINDINGS_HEADER as COLUMNS, FINDINGS_TITLE as TITLE
from kb.errors import FileExists, KbError
from kb.written import csv_cell, write_whole

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
_WIDTHS = {"部门": 24, "项目": 30, "要求": 40, "指标": 24, "问题": 50, "规则": 22}  # column units; the rest 8


def rows(report: dict) -> list[list]:
    """A finding a row, by department then project: what COLUMNS name."""
    projects = sorted(report["projects"], key=lambda p: (p.get("department") or "", p["id"]))
    return [
        [
            p.get("department") or "",
            p["name"],
            p["id"],
            p["region"] or "",
            p["year"],
            SEVERITY_WORDS.get(f["severity"], f["severity"]),
            f["rule"],
            f["reason"],
            f["row"],
            f["indicator"],
            f["detail"],
        ]
        for p in projects
        for f in p["findings"]
    ]


def write_report(report: dict, path: Path, overwrite: bool = False, how: str = "换一个文件名") -> int:
    """Write kb.drafting.lint.lint_all's `report` to `path` (.xlsx or .csv, by its extension); the number of
    findings written. A file there is left unless `overwrite`; a failed write leaves none."""
    kind = path.suffix.lower()
    if kind not in (".xlsx", ".csv"):
        raise KbError(f"{path}: 只能写 .xlsx 或 .csv 文件 write an .xlsx or .csv file")
    if not path.parent.is_dir():
        raise KbError(f"{path.parent}: 没有这个文件夹（请先建立） no such folder (create it first)")
    if path.exists() and not overwrite:
        raise FileExists(path, how)
    found = rows(report)
    if kind == ".csv":
        write_whole(path, lambda tmp: tmp.write_text(_csv(found), encoding="utf-8-sig"))
    else:
        write_whole(path, lambda tmp: _xlsx(tmp, found))
    return len(found)


def _csv(found: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow(csv_cell(value) if isinstance(value, str) else "" if value is None else value for value in row)
    return out.getvalue()


def _xlsx(path: Path, found: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment

    from kb.sheet_file import row_height

    wrapped = Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    sheet = book.active
    sheet.title = "审核意见"
    sheet.append([TITLE])
    sheet.append(list(COLUMNS))
    for row in found:
        sheet.append(row)
    widths = [_WIDTHS.get(label, 8) for label in COLUMNS]
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = wrapped
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
    book.save(path)
