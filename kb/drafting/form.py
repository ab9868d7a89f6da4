"""What the national 项目支出绩效目标表 holds for a draft, for the .xlsx and .docx writers (how tall its cells are:
kb.sheet_file).

The layout follows the form of 财预〔2020〕10号 (附件 项目支出绩效目标表) and 财预〔2021〕101号: the title with its
year, the head rows in the form's order (项目名称, 主管部门及代码, 实施单位, 项目属性, 实施期, 项目资金 with its
breakdown, 总体目标 as 实施期目标 and 年度目标), then the indicator table beside the vertical 绩效指标 label, and the
lines the unit fills in by hand (填报单位（盖章）, 联系人, 联系电话, 填报日期). The draft's own name is never printed:
项目名称 is its own field (a new draft's taken from its name, kb.drafting.drafts.form_name). The indicator table has
the columns the draft uses: 一级指标, 二级指标, 三级指标, 指标值 (年度 and 实施期 when a row gives a 实施期指标值),
then 指标解释, 计算公式, 评（扣）分标准, 数据来源, 指标值设定依据 and 分值 when a row fills them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.drafting.drafts import Draft, Row
from kb.sheet_file import cell_text

TABLE_FONT = "宋体"  # every Chinese Windows and WPS has it; LibreOffice substitutes a serif CJK font
TITLE_FONT = "黑体"  # 方正小标宋 is the printed forms' title face, but few machines have it: 黑体 everywhere
TABLE_SIZE = 10.5  # pt, 五号
TITLE_SIZE = 18  # pt, 小二
PORTRAIT_WIDTH = 100  # column width units (about one ASCII character) A4 portrait holds at 100 % scale
LABEL_WIDTH = 16  # the first column: head labels and the vertical 绩效指标
INDICATORS_LABEL = "绩效指标"  # the indicator table's vertical label, a character a line
FOOTER = (("填报单位（盖章）：", "联系人："), ("联系电话：", "填报日期：      年    月    日"))


@dataclass(frozen=True)
class Column:
    key: str  # a Row attribute, or 'basis_all' (category and text)
    label: str
    width: float  # in spreadsheet column units (about one ASCII character)


# the indicator table's columns; the first four always, the others when a row fills them
LEVEL_COLUMNS = (Column("level1", "一级指标", 10), Column("level2", "二级指标", 11), Column("name", "三级指标", 18))
OPTIONAL_COLUMNS = (
    Column("explanation", "指标解释", 24),
    Column("formula", "计算公式", 16),
    Column("scoring", "评（扣）分标准", 24),
    Column("data_source", "数据来源", 14),
    Column("basis_all", "指标值设定依据", 16),
    Column("weight", "分值", 6),
)


def one_year(draft: Draft) -> int | None:
    """The year of a 实施期 within one calendar year: its 实施期 total and goal are the year's."""
    bounds = draft.bounds
    return bounds[0].year if bounds and bounds[0].year == bounds[1].year else None


def title(draft: Draft) -> str:
    year = draft.year or one_year(draft) or "    "
    return f"项目支出绩效目标表（{year}年度）"


def row_value(row: Row, key: str) -> str | float | None:
    """A cell of the indicator table: text, or the weight as a number."""
    if key == "target":
        return row.target
    if key == "basis_all":
        return "：".join(t for t in (row.basis, row.basis_text) if t)
    value = getattr(row, key)
    return value if key == "weight" else cell_text(value)


def columns(draft: Draft) -> list[Column]:
    """The indicator table's columns for this draft."""
    rows = draft.rows
    period = any(r.period_target for r in rows)
    values = (
        (Column("period_target", "实施期指标值", 12), Column("target", "年度指标值", 12))
        if period
        else (Column("target", "指标值", 14),)
    )
    used = [c for c in OPTIONAL_COLUMNS if any(row_value(r, c.key) not in ("", None) for r in rows)]
    return [*LEVEL_COLUMNS, *values, *used]


def landscape(cols: list[Column]) -> bool:
    """Landscape when the columns would shrink a portrait page below about 80 % (the form stays readable)."""
    return LABEL_WIDTH + sum(c.width for c in cols) > PORTRAIT_WIDTH * 1.25


def period_label(draft: Draft) -> str:
    """'实施期目标' and its years on a line of their own (wrapped by the cell, a lone '）' was left on the last)."""
    bounds = draft.bounds
    if not bounds:
        return "实施期目标"
    years = f"{bounds[0].year}年" if bounds[0].year == bounds[1].year else f"{bounds[0].year}—{bounds[1].year}年"
    return f"实施期目标\n（{years}）"


def head_rows(draft: Draft) -> list[tuple[str, str, str | float | None]]:
    """(label, sub-label, value) of the head in the form's order, amounts as numbers; rows sharing a label are one
    block. A 实施期 within one year prints the year's total and goal as the 实施期's when it gives none of its own."""
    department = cell_text(draft.department)
    if draft.department_code:
        department += f"（{cell_text(draft.department_code)}）"
    attribute = cell_text(draft.attribute)
    year = one_year(draft)
    within = year is not None and draft.year in (None, year)  # (a 2025 实施期 in a 2026 draft: not the year's)
    total = draft.amount_wan if within and draft.total_wan is None else draft.total_wan
    period_goal = draft.goal if within and not draft.period_goal else draft.period_goal
    money = (
        ("实施期资金总额", total),
        ("年度资金总额", draft.amount_wan),
        ("其中：财政拨款", draft.fiscal_wan),
        ("上年结转", draft.carryover_wan),
        ("其他资金", draft.other_wan),
    )
    return [
        ("项目名称", "", cell_text(draft.project_name)),
        ("主管部门及代码", "", department),
        ("实施单位", "", cell_text(draft.implementing_unit)),
        ("项目属性", "", f"{attribute}项目" if attribute else ""),
        ("实施期", "", cell_text(draft.period)),
        *(("项目资金（万元）", label, value) for label, value in money),
        ("总体目标", period_label(draft), cell_text(period_goal)),
        ("总体目标", "年度目标", cell_text(draft.goal)),
    ]
