"""A search's hits written to a file an officer opens in Excel: .xlsx (a sheet of indicators, one of projects, each
printed as wide as an A4 page) or .csv (the indicators; kb.sheet_file)."""

from __future__ import annotations

from pathlib import Path

from importers.records import HITS_HEADER, HITS_TITLE
from kb.sheet_file import checked, csv_text, fill_sheet
from kb.written import write_whole

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
    kind = checked(path, overwrite, how)
    indicators = [[hit.get(key) for _, key in INDICATOR_COLUMNS] for hit in result["indicators"]]
    projects = [[hit.get(key) for _, key in PROJECT_COLUMNS] for hit in result["projects"]]
    if kind == ".csv":
        header = [label for label, _ in INDICATOR_COLUMNS]
        write_whole(path, lambda tmp: tmp.write_text(csv_text(header, indicators), encoding="utf-8-sig"))
    else:
        write_whole(path, lambda tmp: _xlsx(tmp, result["query"], indicators, projects))
    return len(indicators), len(projects)


def _xlsx(path: Path, query: str, indicators: list[list], projects: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for sheet, title, columns, rows in (
        (book.active, "指标", INDICATOR_COLUMNS, indicators),
        (book.create_sheet(), "项目", PROJECT_COLUMNS, projects),
    ):
        sheet.title = title
        labels = [label for label, _ in columns]
        fill_sheet(sheet, [HITS_TITLE, query], labels, rows, [_WIDTHS.get(label, 14) for label in labels])
    book.save(path)
