"""kb lint --all's report written to a file a reviewer sends back to the units: .xlsx (one sheet, a finding a row,
the units' projects in order, printed as wide as an A4 page) or .csv (kb.sheet_file)."""

from __future__ import annotations

from pathlib import Path

from importers.records import FINDINGS_HEADER as COLUMNS, FINDINGS_TITLE as TITLE
from kb.sheet_file import checked, csv_text, fill_sheet
from kb.written import write_whole

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
    kind = checked(path, overwrite, how)
    found = rows(report)
    if kind == ".csv":
        write_whole(path, lambda tmp: tmp.write_text(csv_text(COLUMNS, found), encoding="utf-8-sig"))
    else:
        write_whole(path, lambda tmp: _xlsx(tmp, found))
    return len(found)


def _xlsx(path: Path, found: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "审核意见"
    fill_sheet(sheet, [TITLE], COLUMNS, found, [_WIDTHS.get(label, 8) for label in COLUMNS])
    book.save(path)
