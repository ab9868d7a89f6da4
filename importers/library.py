"""A 指标库 (indicator library) spreadsheet, as a finance bureau hands it out, read into plain entries.

The header row is found by its labels (the indicator headers of importers.columns, and the library's own: 指标解释,
计算公式, 评（扣）分标准, 数据来源, 指标值设定依据, 共性/个性 …), never by its position; a sheet may start with a
title and notes, a second sheet repeats its header. Levels and the 行业/领域 column, merged down in the sheet or left
blank under their first row in a CSV, carry down to the rows below. Columns under headers of no known field are kept
by their header (`extra`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importers.cells import clean
from importers.columns import INDICATOR_HEADERS, key
from importers.level_words import is_level1, is_level2
from importers.readers import read_rows
from importers.records import Row

FIELDS: dict[str, tuple[str, ...]] = {
    "sector": ("行业", "领域", "支出方向", "行业领域", "所属行业", "行业类别", "领域分类", "项目类别", "分类"),
    "level1": INDICATOR_HEADERS["level1"],
    "level2": INDICATOR_HEADERS["level2"],
    "name": tuple(w for w in INDICATOR_HEADERS["name"] if w != "指标内容") + ("三级指标（名称）",),
    "explanation": ("指标解释", "指标说明", "绩效指标说明", "指标定义", "指标内涵", "指标内容", "指标值内容"),
    "formula": ("计算公式", "计算方法", "指标计算公式", "计算公式或方法"),
    "scoring": ("评（扣）分标准", "评分标准", "扣分标准", "评分规则", "评（扣）分规则", "评分方法"),
    "data_source": ("数据来源", "数据来源及方式", "数据获取方式", "佐证材料"),
    "target": INDICATOR_HEADERS["target"] + ("参考值", "指标参考值", "标准值", "指标值（参考值）", "参考指标值"),
    "operator": INDICATOR_HEADERS["operator"],
    "unit": INDICATOR_HEADERS["unit"],
    "basis": ("指标值设定依据", "设定依据", "指标值确定依据", "取值依据", "指标值依据"),
    "kind": ("共性/个性", "共性或个性", "共性个性", "指标类别", "指标类型", "共性/个性指标"),
}
_BY_KEY = {key(word): name for name, words in FIELDS.items() for word in words}
_CARRIED = ("sector", "level1", "level2")  # merged down in a sheet, blank under their first row in a CSV
HEADER_SCAN = 40  # rows looked at for the first header


class NoLibrary(ValueError):
    """The file holds no indicator-library table: str(error) says what was looked for."""


@dataclass
class LibraryEntry:
    line: int
    name: str
    sector: str = ""
    level1: str = ""
    level2: str = ""
    explanation: str = ""
    formula: str = ""
    scoring: str = ""
    data_source: str = ""
    target: str = ""
    operator: str = ""
    unit: str = ""
    basis: str = ""
    kind: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def header(row: Row) -> dict[int, str] | None:
    """Column → field when the row is a library header (an indicator name column and two other known ones)."""
    found: dict[int, str] = {}
    for n, cell in enumerate(row.cells):
        name = _BY_KEY.get(key(cell)) if cell.strip() else None
        if name and name not in found.values():
            found[n] = name
    return found if "name" in found.values() and len(found) >= 3 else None


def entries(rows: list[Row]) -> list[LibraryEntry]:
    """The entries under each header row; NoLibrary when no header is found in the first rows."""
    columns: dict[int, str] | None = None
    labels: dict[int, str] = {}
    carried = dict.fromkeys(_CARRIED, "")
    out = []
    for n, row in enumerate(rows):
        if (found := header(row)) is not None:
            columns, carried = found, dict.fromkeys(_CARRIED, "")
            labels = {i: clean(c) for i, c in enumerate(row.cells) if clean(c) and i not in found}
            continue
        if columns is None:
            if n >= HEADER_SCAN:
                break
            continue
        values = {name: clean(row.cells[i]) if i < len(row.cells) else "" for i, name in columns.items()}
        for level in _CARRIED:
            if values.get(level):
                carried[level] = values[level]
            elif level in values:
                values[level] = carried[level]
        name = values.get("name", "")
        level_row = name.endswith("指标") and (is_level1(name) or is_level2(name))  # '数量指标' (not '服务对象满意度')
        if not name.strip() or name in (values.get("level1"), values.get("level2")) or level_row:
            continue  # a blank row (spaces Python knows too: NEL), a note, a group row naming only its level
        extra = {
            label: clean(row.cells[i]) for i, label in labels.items() if i < len(row.cells) and clean(row.cells[i])
        }
        out.append(LibraryEntry(line=row.line, **values, extra=extra))
    if columns is None:
        raise NoLibrary(
            "未找到指标库表头：需有“三级指标”或“指标名称”列及“一级指标”“指标解释”“评（扣）分标准”等列 "
            f"no indicator-library header in the first {HEADER_SCAN} rows (a column 三级指标 or 指标名称 beside "
            "others such as 一级指标, 指标解释, 评（扣）分标准)"
        )
    if not out:
        raise NoLibrary("表头下没有指标 no indicators under the library's header row")
    return out


def read_library(path: Path) -> list[LibraryEntry]:
    """A library file's entries; readers.UnreadableFile or NoLibrary with a one-line reason."""
    return entries(read_rows(path))
