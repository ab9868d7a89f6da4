"""The `yth` export: a draft's indicators as the Excel sheet the 预算管理一体化 systems import (绩效指标导入模板).

One header row, then one row per indicator, no merged cells, every cell text:
一级指标, 二级指标, 三级绩效指标代码, 三级绩效指标名称, 绩效指标说明, 指标值, 评（扣）分标准, 备注.
The 代码 is left empty (the system gives a new indicator its code); 绩效指标说明 is the row's 指标解释; 备注 holds
计算公式, 数据来源 and 指标值设定依据 where the row gives them.

The systems refuse a sheet that breaks their limits, so they are checked first (`problems`) and nothing is written
while one is broken: a level or indicator name over 30 characters, a 指标值 over 60 or missing, a missing
绩效指标说明 (指标内容) or 评（扣）分标准.
"""

from __future__ import annotations

from pathlib import Path

from importers.records import DRAFT_MARK
from kb.drafting.drafts import Draft, Row
from kb.sheet_file import cell_text
from kb.errors import KbError

COLUMNS = (
    "一级指标",
    "二级指标",
    "三级绩效指标代码",
    "三级绩效指标名称",
    "绩效指标说明",
    "指标值",
    "评（扣）分标准",
    "备注",
)
MAX_NAME = 30  # characters of a level or indicator name
MAX_TARGET = 60  # characters of a 指标值


def remark(row: Row) -> str:
    parts = [("计算公式", row.formula), ("数据来源", row.data_source)]
    basis = "：".join(t for t in (row.basis, row.basis_text) if t)
    parts.append(("指标值设定依据", basis))
    return "；".join(f"{label}：{text}" for label, text in parts if text)


def cells(row: Row) -> tuple[str, ...]:
    """A row's cells, control characters a document may carry shown escaped (XML refuses them)."""
    values = (row.level1, row.level2, "", row.name, row.explanation, row.target, row.scoring, remark(row))
    return tuple(cell_text(v) for v in values)


def limits(rows) -> list[tuple[int, str, str]]:
    """(row number, kind, what is wrong: Chinese first) for every limit of the import sheet a row breaks, kind
    'missing' (a level, name or target), 'long' or 'text' (no 指标解释 or 评（扣）分标准); `rows` are draft rows or
    kb.drafting.lint lines (level1, level2, name, target, explanation, scoring)."""
    out = []
    for n, row in enumerate(rows, 1):
        for label, text in (("一级指标", row.level1), ("二级指标", row.level2), ("三级绩效指标名称", row.name)):
            if not text:
                out.append((n, "missing", f"缺少{label} no {label}"))
            elif len(text) > MAX_NAME:
                out.append((n, "long", f"{label}超过 {MAX_NAME} 字（{len(text)} 字） over {MAX_NAME} characters"))
        if not row.target:
            out.append((n, "missing", "缺少指标值 no target value"))
        elif len(row.target) > MAX_TARGET:
            out.append((n, "long", f"指标值超过 {MAX_TARGET} 字（{len(row.target)} 字） over {MAX_TARGET} characters"))
        if not row.explanation:
            out.append((n, "text", "缺少绩效指标说明（指标解释） no explanation"))
        if not row.scoring:
            out.append((n, "text", "缺少评（扣）分标准 no scoring rule"))
    return out


def problems(draft: Draft) -> list[tuple[int, str]]:
    """(row number, what is wrong) for every limit the draft's rows break; (0, …) when it has none."""
    found = [(n, what) for n, _, what in limits(draft.rows)]
    return found or ([] if draft.rows else [(0, "草稿没有指标 the draft has no indicators")])


def write(draft: Draft, path: Path) -> None:
    """The import sheet; KbError listing every broken limit (and nothing written) when a row breaks one."""
    found = problems(draft)
    if found:
        names = {n: r.name for n, r in enumerate(draft.rows, 1)}
        raise KbError(
            f"一体化导入表未写出：{len(found)} 处不合导入模板的限制，补上后再导出（应用中在该行按 e，命令行用 "
            f"kb draft set 草稿 --row N 字段 值） the 一体化 import sheet was not written, {len(found)} limits broken:",
            [f"第 {n} 行 row {n} {names.get(n, '')}：{what}" if n else what for n, what in found],
        )
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效指标"
    ws.append(COLUMNS)
    for row in draft.rows:
        ws.append(cells(row))
    for line in ws.iter_rows():
        for cell in line:
            cell.data_type = "s"  # text, never a formula; empty cells stay empty
            cell.font = Font(name="宋体", size=11, b=cell.row == 1)
    for letter, width in zip("ABCDEFGH", (12, 14, 16, 24, 40, 14, 40, 40)):
        ws.column_dimensions[letter].width = width
    wb.properties.subject = DRAFT_MARK  # so that the importers do not take it for a published table
    wb.save(path)
