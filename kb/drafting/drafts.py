"""Drafts: a new project's goal table (head and indicator rows), kept in the knowledge base.

A draft is found by id (int) or name (str). Its rows are kept in the framework's order of their levels
(产出 → 效益 → 满意度 → 成本, level 2 likewise), in the order added within a level: row n everywhere (checks,
command line, exports) is the n-th of `Draft.rows`. Every change is its own short transaction and adds one to the
draft's `version`; a writer that passes the `version` it last saw gets `StaleDraft` instead of overwriting a
change made meanwhile (another window, another process). Each version is kept whole (kb.drafting.history: what
changed, undo), and each row has a key that never changes ('a3'), which names it beside its number. Rows from a
template or a precedent project (kb.drafting.suggest.template_rows / project_rows) are added by `apply_rows`, which
skips indicators already present; a row from precedents takes the 指标解释, 评（扣）分标准 … it leaves empty from the
first of them whose document gave them (`precedent_fields`); a row of an indicator in one's own 指标库 keeps its
entry's id. The head holds the national form's fields (HEAD_FIELDS, in the form's order; 项目名称 is a field of its
own, never the draft's name), each row the fields of an indicator library (ROW_TEXT_FIELDS).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from typing import Any
from datetime import date, datetime, timezone

from kb.db import transaction
from kb.drafting.history import record, row_key, same_as_kept, state_text, stored
from kb.drafting.library import TEXTS as LIBRARY_TEXTS
from kb.drafting.library import entry, for_name
from kb.errors import KbError
from kb.vocab.amounts import amount_only
from kb.vocab.dates import dates_in, period_bounds
from kb.vocab.levels import COST, FRAMEWORK, LEVEL1, OUTPUT, infer_levels, standard_levels
from kb.find.precedents import family_key, normal_target
from kb.vocab.targets import QUALITATIVE, normalize_operator, parse_target, unread_head, unread_tail

BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他")
ATTRIBUTES = ("新增", "延续")  # 项目属性
# head field → (label, type), in the order of the national 项目支出绩效目标表 (财预〔2020〕10号 附件), then the fields
# the knowledge base keeps for itself (地区, 支出类型, 项目概况), which the form does not print
HEAD_FIELDS: dict[str, tuple[str, type]] = {
    "project_name": ("项目名称", str),
    "department": ("主管部门", str),
    "department_code": ("主管部门代码", str),
    "implementing_unit": ("实施单位", str),
    "attribute": ("项目属性", str),
    "period": ("实施期", str),
    "total_wan": ("实施期资金总额（万元）", float),
    "amount_wan": ("年度资金总额（万元）", float),
    "fiscal_wan": ("其中：财政拨款（万元）", float),
    "carryover_wan": ("上年结转（万元）", float),
    "other_wan": ("其他资金（万元）", float),
    "period_goal": ("实施期目标", str),
    "goal": ("年度目标", str),
    "year": ("年度", int),
    "region": ("地区", str),
    "spending_type": ("支出类型", str),
    "overview": ("项目概况", str),
}
FORM_FIELDS = tuple(HEAD_FIELDS)[:13]  # the head rows the national form prints, in its order
# per-indicator text fields of a 指标库 / the 一体化 systems, beside level, name, target, basis and weight
ROW_TEXT_FIELDS: dict[str, str] = {
    "explanation": "指标解释",
    "formula": "计算公式",
    "scoring": "评（扣）分标准",
    "data_source": "数据来源",
    "basis_text": "设定依据说明",
    "period_target": "实施期指标值",
}
_ROW_COLUMNS = (
    "seq",
    "level1",
    "level2",
    "name",
    "operator",
    "value",
    "unit",
    "text",
    "basis",
    "weight",
    "sources",
    *ROW_TEXT_FIELDS,
)
ROW_FIELDS = ("level1", "level2", "name", "target", "operator", "value", "unit", "basis", "weight", *ROW_TEXT_FIELDS)
ROW_FIELD_LABELS = {
    "level1": "一级",
    "level2": "二级",
    "name": "三级指标",
    "target": "指标值",
    "operator": "符号",
    "value": "数值",
    "unit": "单位",
    "basis": "依据",
    "weight": "分值",
    **ROW_TEXT_FIELDS,
}
_HEAD_WORDS = {
    "名称": "name",
    "草稿名": "name",
    "草稿名称": "name",
    "项目名称": "project_name",
    "部门": "department",
    "主管部门": "department",
    "主管部门代码": "department_code",
    "部门代码": "department_code",
    "代码": "department_code",
    "实施单位": "implementing_unit",
    "项目实施单位": "implementing_unit",
    "属性": "attribute",
    "项目属性": "attribute",
    "地区": "region",
    "年度": "year",
    "金额": "amount_wan",
    "项目资金": "amount_wan",
    "年度资金": "amount_wan",
    "年度资金总额": "amount_wan",
    "资金总额": "amount_wan",
    "财政拨款": "fiscal_wan",
    "上年结转": "carryover_wan",
    "其他资金": "other_wan",
    "实施期资金总额": "total_wan",
    "实施期资金": "total_wan",
    "中期资金总额": "total_wan",
    "期限": "period",
    "实施期": "period",
    "实施期限": "period",
    "项目期": "period",
    "实施周期": "period",
    "类型": "spending_type",
    "支出类型": "spending_type",
    "概况": "overview",
    "项目概况": "overview",
    "实施期目标": "period_goal",
    "中期目标": "period_goal",
    "总体目标": "period_goal",
    "长期目标": "period_goal",
    "目标": "goal",
    "年度绩效目标": "goal",
    "年度目标": "goal",
}
_ROW_WORDS = {
    "一级": "level1",
    "一级指标": "level1",
    "二级": "level2",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "名称": "name",
    "指标值": "target",
    "目标值": "target",
    "年度指标值": "target",
    "符号": "operator",
    "运算符": "operator",
    "数值": "value",
    "单位": "unit",
    "计量单位": "unit",
    "依据": "basis",
    "设定依据": "basis",
    "指标值设定依据": "basis",
    "依据说明": "basis_text",
    "设定依据说明": "basis_text",
    "分值": "weight",
    "权重": "weight",
    "指标解释": "explanation",
    "指标内容": "explanation",
    "指标说明": "explanation",
    "绩效指标说明": "explanation",
    "计算公式": "formula",
    "公式": "formula",
    "评(扣)分标准": "scoring",
    "评分标准": "scoring",
    "扣分标准": "scoring",
    "数据来源": "data_source",
    "来源": "data_source",
    "实施期指标值": "period_target",
    "中期指标值": "period_target",
}


def field_name(word: str, row: bool = False) -> str:
    """A head (or row) field named as the app and the form label it ('部门', '项目资金（万元）', '指标值'), or as
    itself ('department')."""
    bare = re.sub(r"^其中[:：]?", "", word.strip().replace("（", "(").replace("）", ")"))
    words = _ROW_WORDS if row else _HEAD_WORDS
    return words.get(bare) or words.get(bare.split("(")[0]) or word.strip()


# an imported indicator's note column (importers.columns.NOTE_HEADERS, as written) → the draft row field it fills
NOTE_FIELDS = {
    "指标解释": "explanation",
    "指标值内容": "explanation",
    "指标说明": "explanation",
    "绩效指标说明": "explanation",
    "指标定义": "explanation",
    "计算公式": "formula",
    "评（扣）分标准": "scoring",
    "评分标准": "scoring",
    "扣分标准": "scoring",
    "数据来源": "data_source",
    "指标值设定依据": "basis_text",
}
MAX_NAME = 120
YEARS = (1900, 2100)  # the budget years a draft may give
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class StaleDraft(KbError):
    """The draft changed since the caller read it; nothing was written."""


@dataclass
class Row:
    id: int
    seq: int
    level1: str
    level2: str
    name: str
    operator: str | None  # ≥ ≤ > < = ± or 定性; None when no target is set yet
    value: float | None
    unit: str | None
    text: str | None  # the qualitative target word (合规, 健全 …)
    basis: str | None  # one of BASES
    weight: float | None  # scoring weight (分值), when the table gives them
    sources: list[int] = field(default_factory=list)  # precedent indicator ids it came from
    explanation: str | None = None  # 指标解释 / 指标内容
    formula: str | None = None  # 计算公式
    scoring: str | None = None  # 评（扣）分标准
    data_source: str | None = None  # 数据来源
    basis_text: str | None = None  # 指标值设定依据: the plan, standard or history it rests on
    period_target: str | None = None  # 实施期指标值, as typed (multi-year projects)
    key: str = ""  # stable: 'a3' names this row whatever its number (kb.drafting.history.row_key)
    library_id: int | None = None  # the 指标库 entry it was taken from
    own_target: str | None = None  # the target the user took as this project's own, as it then read (own_targets)

    @property
    def target(self) -> str:
        """'≥90%', the qualitative word, or ''."""
        return normal_target(self.operator, self.value, self.unit, self.text) or ""

    @property
    def owned(self) -> bool:
        """Whether the user took the figure the row holds now as this project's own."""
        return bool(self.own_target) and self.own_target == self.target


@dataclass
class Draft:
    """A draft: its own name (never printed as the form's 项目名称), the head fields of HEAD_FIELDS, its rows."""

    id: int
    name: str
    version: int
    created_at: str
    updated_at: str
    rows: list[Row] = field(default_factory=list)
    project_name: str | None = None
    department: str | None = None
    department_code: str | None = None
    implementing_unit: str | None = None
    attribute: str | None = None  # 新增 or 延续
    period: str | None = None  # 实施期 as typed; see `bounds`
    total_wan: float | None = None
    amount_wan: float | None = None
    fiscal_wan: float | None = None
    carryover_wan: float | None = None
    other_wan: float | None = None
    period_goal: str | None = None
    goal: str | None = None
    year: int | None = None
    region: str | None = None
    spending_type: str | None = None
    overview: str | None = None
    source: dict | None = None  # a copy's origin: {'kind': 'project'|'draft', 'id', 'label'}

    @property
    def bounds(self) -> tuple[date, date] | None:
        """The 实施期's first and last day, when it reads as a period."""
        return period_bounds(self.period)

    def as_dict(self) -> dict:
        data = asdict(self)
        for row, out in zip(self.rows, data["rows"]):
            out["target"] = row.target
        return data


@dataclass
class NewRow:
    """An indicator to add: from the user, a template or a precedent."""

    name: str
    level1: str = ""
    level2: str = ""
    operator: str | None = None
    value: float | None = None
    unit: str | None = None
    text: str | None = None
    basis: str | None = None
    weight: float | None = None
    sources: list[int] = field(default_factory=list)
    explanation: str | None = None
    formula: str | None = None
    scoring: str | None = None
    data_source: str | None = None
    basis_text: str | None = None
    period_target: str | None = None
    library_id: int | None = None


@dataclass
class Applied:
    draft: Draft
    added: list[str]
    skipped: list[str]  # already in the draft (or twice in the batch)
    to_fill: list[str] = field(default_factory=list)  # added with an operator and no value ('≤ … 元'): the officer's

    def to_fill_note(self) -> str:
        """One line naming the rows added without a value, '' when there are none."""
        if not self.to_fill:
            return ""
        n, names = len(self.to_fill), "、".join(self.to_fill)
        return (
            f"其中 {n} 个指标的数值留空，请按本项目填写（模板里是别的项目自己的金额或数量）：{names}"
            f" · {n} added without a value, for you to fill in (the template's was another project's own sum or count)"
        )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean_name(name: str) -> str:
    """A draft name, trimmed; KbError when empty, too long or holding control characters."""
    text = unicodedata.normalize("NFC", name or "").strip()
    if not text:
        raise KbError("草稿需要名称 a draft needs a name")
    if _CONTROL.search(text):
        raise KbError(
            "草稿名称不能含控制字符（制表符、换行） a draft name cannot hold control characters (tabs, line breaks)"
        )
    if len(text) > MAX_NAME:
        raise KbError(f"草稿名称太长 draft name too long ({len(text)} characters; the limit is {MAX_NAME})")
    return text


_BARE = r"(?:初稿|草稿|修改稿|修订稿|讨论稿|征求意见稿|第?[一二三四五六七八九十\d]+稿)\s*\d*"
# 副本, 定稿, 终稿, 送审稿 also end projects' names (档案副本, 地方志终稿, 2026年送审稿): marks only when set apart or
# bracketed
_MARK = rf"(?:(?:副本|定稿|终稿|送审稿)\s*\d*|{_BARE})"
_SEP = r"[\s_\-—·.,，、:：]"
_MARKED_END = re.compile(
    rf"(?:{_SEP}*[（(【\[]\s*{_MARK}\s*[）)】\]]|{_SEP}+{_MARK}|{_SEP}*{_BARE})(?:\s*[（(]\d+[）)])?\s*$"
)
_MARKED_START = re.compile(rf"^\s*(?:[（(【\[]\s*{_MARK}\s*[）)】\]]|{_MARK}[\s_\-—·:：]+)[\s_\-—·:：]*")


def form_name(name: str) -> str:
    """The 项目名称 a draft's name gives: without the marks of a draft or a copy ('居家养老服务补贴（初稿）',
    '…草稿', '… 副本 2', '【征求意见稿】…' → '居家养老服务补贴'); '' when nothing else is left."""
    text = _MARKED_START.sub("", name or "")
    while (end := _MARKED_END.sub("", text)) != text:
        text = end
    return text.strip()


def to_number(value, what: str) -> float | None:
    """A float from a number or text ('1,200', '９０'); None for empty; KbError for anything else."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise KbError(f"{what} 须为数字 must be a number, not {str(value)!r}") from None
    if number is not None and not math.isfinite(number):
        raise KbError(f"{what} 须为有限的数字 must be a finite number, not {value!r}")
    return None if number is None else float(number)


def _code(text: str) -> str:
    """A 主管部门代码 as typed: full-width digits and spaces read as its digits; KbError for text that is no code (a
    department's name typed there)."""
    code = unicodedata.normalize("NFKC", text).replace(" ", "")
    if not re.fullmatch(r"[0-9A-Za-z.\-]{1,30}", code) or not re.search(r"[0-9]", code):
        raise KbError(
            f"主管部门代码是部门的编码（数字，如 318001），不是 {text!r} · "
            "department_code is the department's code (digits)"
        )
    return code


def _head_value(name: str, value):
    if name not in HEAD_FIELDS:
        raise KbError(
            f"没有表头字段 {name!r} unknown draft field: 可用 use 名称 name, "
            + ", ".join(f"{label.split('（')[0]} {key}" for key, (label, _) in HEAD_FIELDS.items())
        )
    label, kind = HEAD_FIELDS[name]
    if kind is str:
        text = str(value).strip() if value is not None else ""
        if text and name == "attribute":
            text = text.removesuffix("项目")
            if text not in ATTRIBUTES:
                raise KbError(f"项目属性只能是 {' 或 '.join(ATTRIBUTES)}，不是 {text!r} · 项目属性 is 新增 or 延续")
        if text and name == "period" and period_bounds(text) is None:
            raise KbError(
                f"实施期 {text!r} 读不出起止：请写作 2025-01 至 2027-12（或 2025年1月-2025年12月、2025-2027） · "
                "the period needs a start and an end"
            )
        return text or None
    number = amount_only(value) if kind is float and isinstance(value, str) else None
    number = to_number(value, f"{label} ({name})") if number is None else number
    if kind is int and number is not None:
        if not number.is_integer():
            raise KbError(f"{label} ({name}) 须为整数 must be a whole number, not {value!r}")
        if name == "year" and not YEARS[0] <= number <= YEARS[1]:
            raise KbError(
                f"{label} ({name}) 须为 {YEARS[0]}–{YEARS[1]} 的年份 "
                f"must be a year from {YEARS[0]} to {YEARS[1]}, not {value!r}"
            )
        return int(number)
    return number


def standard_row_levels(level1: str, level2: str, name: str) -> tuple[str, str]:
    """Levels as the framework names them when the words map ('产出', '数量' → '产出指标', '数量指标'); as
    written when they do not (the checks flag them); inferred from the name when both are empty."""
    l1, l2 = (level1 or "").strip(), (level2 or "").strip()
    if not l1 and not l2:
        return infer_levels(name)
    written1 = standard_levels(l1, "")[0] if l1 else None
    std1, std2 = standard_levels("", l2) if l2 else (None, None)
    if std1 and std2 and (not l1 or written1 == std1):
        return std1, std2
    if std2 and written1 == OUTPUT and std1 == COST:  # the 2015 framework's 产出指标 → 成本指标
        return OUTPUT, "成本指标"
    if not l2 and written1:
        return written1, ""
    return l1, l2


def _basis(value) -> str | None:
    text = (value or "").strip()
    if text and text not in BASES:
        raise KbError(
            f"指标值设定依据的类别只能是 {'、'.join(BASES)}，不是 {text!r}（依据的说明写在 依据说明 basis_text） · "
            "unknown basis category"
        )
    return text or None


def _operator(value) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if text == QUALITATIVE:
        return QUALITATIVE
    op = normalize_operator(text)
    if op is None:
        raise KbError(f"没有这种运算符 unknown operator {text!r}: use one of ≥ ≤ > < = ± or {QUALITATIVE}")
    return op


def target_fields(target: str, name: str = "") -> dict:
    """operator, value, unit and text from a target as typed ('≥90%', '>=2家', '合规'); a date ('2025年9月30日前')
    is kept as written, a qualitative target, not read as the number 2025 in 年, and so are words after the number
    and unit ('≥2次/周，雨季加密至每日1次') or before it that no operator says ('较上年提高5个百分点'), which one number
    would leave out."""
    t = parse_target(target or "", name=name)
    dated = dates_in(target) and t.unit == "年" and t.value is not None and 1900 <= t.value <= 2099
    if dated or t.value is not None and (unread_tail(target) or unread_head(target)):
        return {"operator": QUALITATIVE, "value": None, "unit": None, "text": target.strip()}
    return {
        "operator": t.operator,
        "value": t.value,
        "unit": t.unit,
        "text": (target or "").strip() if t.qualitative else None,
    }


def new_row(
    name: str,
    *,
    level1: str = "",
    level2: str = "",
    target: str | None = None,
    operator=None,
    value=None,
    unit: str | None = None,
    basis: str | None = None,
    weight=None,
    sources: Iterable[int] = (),
    **texts: str | None,
) -> NewRow:
    """A checked row from user input: a target as typed, or operator/value/unit given apart; `texts` the fields of
    ROW_TEXT_FIELDS (指标解释, 计算公式 …)."""
    name = (name or "").strip()
    if not name:
        raise KbError("指标需要名称 an indicator needs a name")
    fields: dict[str, Any] = (
        target_fields(target, name)
        if target is not None
        else {
            "operator": _operator(operator),
            "value": to_number(value, "指标值 the target value"),
            "unit": (unit or "").strip() or None,
            "text": None,
        }
    )
    if target is not None and unit:
        fields["unit"] = unit.strip() or fields["unit"]
    if fields["value"] is not None and fields["operator"] in (None, QUALITATIVE):
        fields["operator"] = "="
    level1, level2 = standard_row_levels(level1, level2, name)
    return NewRow(
        name,
        level1,
        level2,
        **fields,
        basis=_basis(basis),
        weight=to_number(weight, "分值 the weight"),
        sources=[int(s) for s in sources],
        **row_texts(texts),
    )


def row_texts(texts: dict) -> dict[str, Any]:
    """The ROW_TEXT_FIELDS in `texts`, trimmed ('' → None); KbError naming a field that is not one."""
    unknown = set(texts) - set(ROW_TEXT_FIELDS)
    if unknown:
        raise KbError(
            f"没有指标字段 {sorted(unknown)[0]!r} unknown row field: 可用 use "
            + ", ".join(f"{label} {key}" for key, label in ROW_TEXT_FIELDS.items())
        )
    return {k: (str(v).strip() or None) if v is not None else None for k, v in texts.items()}


def _row(r: sqlite3.Row) -> Row:
    return Row(
        r["id"],
        r["seq"],
        r["level1"] or "",
        r["level2"] or "",
        r["name"],
        r["operator"],
        r["value"],
        r["unit"],
        r["text"],
        r["basis"],
        r["weight"],
        json.loads(r["sources"] or "[]"),
        key=r["row_key"] or "",
        library_id=r["library_id"],
        own_target=r["own_target"],
        **{k: r[k] for k in ROW_TEXT_FIELDS},
    )


def _find(conn: sqlite3.Connection, key: int | str) -> sqlite3.Row:
    """The draft by id, or by name; a name of digits that no draft has is its id (`kb draft show 3`, as listed)."""
    if isinstance(key, int):
        row = conn.execute("SELECT * FROM drafts WHERE id = ?", (key,)).fetchone()
    else:
        row = conn.execute("SELECT * FROM drafts WHERE name = ?", (clean_name(key),)).fetchone()
        if row is None and key.strip().isdigit():
            row = conn.execute("SELECT * FROM drafts WHERE id = ?", (int(key),)).fetchone()
    if row is None:
        near = _near_names(conn, clean_name(key)) if isinstance(key, str) else []
        raise KbError(
            f"没有草稿 no draft {key!r}"
            + (f"，相近的有 near: {'、'.join(near)}" if near else "")
            + "（见 see kb draft list）"
        )
    return row


def _near_names(conn: sqlite3.Connection, name: str) -> list[str]:
    """The drafts' names nearest a mistyped one ('2027居家养老服务补贴' for 2027年居家养老服务补贴), at most three."""
    from difflib import get_close_matches

    names = [n for (n,) in conn.execute("SELECT name FROM drafts")]
    return get_close_matches(name, names, n=3, cutoff=0.6)


def open_draft(conn: sqlite3.Connection, key: int | str) -> Draft:
    """The draft with its rows in order."""
    d = _find(conn, key)
    rows = [_row(r) for r in conn.execute("SELECT * FROM draft_rows WHERE draft_id = ? ORDER BY seq, id", (d["id"],))]
    return Draft(
        d["id"],
        d["name"],
        d["version"],
        d["created_at"],
        d["updated_at"],
        rows,
        source=json.loads(d["source"]) if d["source"] else None,
        **{k: d[k] for k in HEAD_FIELDS},
    )


def mark_listed(conn: sqlite3.Connection, draft: Draft) -> None:
    """Remember the order of the rows just shown numbered (no new version): row numbers refer to it."""
    conn.execute("UPDATE drafts SET listed_rows = ? WHERE id = ?", (json.dumps([r.id for r in draft.rows]), draft.id))


_KEY = re.compile(r"^#?([a-z]\d+)$")


def rows_at(conn: sqlite3.Connection, draft: Draft, refs: Iterable[str | int]) -> list[int]:
    """The ids of the rows named by key ('a3', '#a3': always the same row) or by number as last shown (3). A number
    is refused when the rows were reordered, added or removed since they were shown (another command, the app, an
    undo), so it never reaches a row the user did not mean."""
    by_key = {r.key: r.id for r in draft.rows}
    current = [r.id for r in draft.rows]
    texts = [str(ref).strip() for ref in refs]
    if any(text.isdigit() for text in texts):
        listed = conn.execute("SELECT listed_rows FROM drafts WHERE id = ?", (draft.id,)).fetchone()[0]
        if listed is not None and json.loads(listed) != current:
            raise KbError(
                f"草稿 {draft.name!r} 的行在你上次查看后已变动，行号可能已不同：请先 kb draft show 再指定行号，"
                "或用行的编号（如 a3） the rows changed since they were last shown: run kb draft show, or name rows "
                "by their id"
            )
    found = []
    for ref in texts:
        key = _KEY.match(ref.lower())
        if key:
            if key.group(1) not in by_key:
                raise KbError(
                    f"草稿 {draft.name!r} 没有编号为 {key.group(1)} 的行 has no row {key.group(1)} (see kb draft show)"
                )
            found.append(by_key[key.group(1)])
            continue
        if not ref.isdigit() or not 1 <= int(ref) <= len(current):
            raise KbError(
                f"草稿 {draft.name!r} 没有第 {ref} 行 has no row {ref} (it has {len(current)}; give a number or an id "
                "such as a3, see kb draft show)"
            )
        found.append(current[int(ref) - 1])
    return found


def list_drafts(conn: sqlite3.Connection) -> list[dict]:
    """Drafts, last changed first: id, name, spending_type, region, year, rows, version, updated_at."""
    return [
        dict(r)
        for r in conn.execute(
            """SELECT d.id, d.name, d.spending_type, d.region, d.year,
        (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id) AS rows, d.version, d.updated_at
        FROM drafts d ORDER BY d.updated_at DESC, d.id DESC"""
        )
    ]


@dataclass
class _Change:
    id: int
    changed: bool = True  # False: nothing to record (the version stays)
    note: str | None = None  # kept with the version when it is no ordinary change (kb.drafting.history)
    restores: int | None = None


@contextmanager
def _change(conn: sqlite3.Connection, key: int | str, version: int | None) -> Iterator[_Change]:
    """One change to a draft: checks `version`, then bumps it and keeps the new version whole, in one transaction."""
    with transaction(conn):
        draft = _find(conn, key)
        if version is not None and draft["version"] != version:
            raise StaleDraft(
                "草稿已在别处修改，未保存：请重新打开再改 "
                f"draft {draft['name']!r} was changed elsewhere (now version {draft['version']}, "
                f"yours {version}); nothing was saved: reopen it and redo the change"
            )
        change = _Change(draft["id"])
        yield change
        now = state_text(conn, change.id) if change.changed else ""
        if change.changed and change.note is None and same_as_kept(conn, change.id, draft["version"], now):
            change.changed = False  # the same value set again: no new version for an undo to stop at
        if change.changed:
            conn.execute("UPDATE drafts SET version = version + 1, updated_at = ? WHERE id = ?", (_now(), change.id))
            record(conn, change.id, change.note, change.restores, now=now)  # (a version's number is no content)


def _unique(conn: sqlite3.Connection, name: str, draft_id: int | None = None) -> str:
    """The cleaned name; KbError when another draft has it."""
    name = clean_name(name)
    if conn.execute("SELECT 1 FROM drafts WHERE name = ? AND id IS NOT ?", (name, draft_id)).fetchone():
        raise KbError(
            f"已有同名草稿，请换个名称 a draft named {name!r} exists already: "
            "choose another name (or kb draft delete it)"
        )
    return name


def _insert(conn: sqlite3.Connection, name: str, head: dict) -> int:
    """A new draft's row; a head without a 项目名称 takes the name's (form_name), which the user may change."""
    now = _now()
    if not head.get("project_name"):
        head = {**head, "project_name": form_name(name)}
    values = {k: _head_value(k, v) for k, v in head.items()}
    columns = ", ".join(["name", *values, "created_at", "updated_at"])
    marks = ", ".join("?" * (len(values) + 3))
    cursor = conn.execute(f"INSERT INTO drafts ({columns}) VALUES ({marks})", (name, *values.values(), now, now))
    assert cursor.lastrowid is not None  # an INSERT gives its row's id
    return cursor.lastrowid


_NAMED_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*年")  # a draft named for its budget year: '2027年居家养老服务补贴'


def create(conn: sqlite3.Connection, name: str, **head) -> Draft:
    """A new empty draft; head fields as in HEAD_FIELDS, the year, when none is given, that the name opens with
    (the form's title read （    年度） and its checks took the 2021 framework for a draft named 2027年…) if it is
    this year or the next: a past one is the funds' or the work's (7 of the 41 real PDFs' 12 names opening with a year,
    2025年中央城镇保障性租赁住房补助资金 in the 2026 budget). KbError when the name is taken."""
    named = _NAMED_YEAR.match(unicodedata.normalize("NFKC", name))
    if named and not head.get("year") and 0 <= int(named.group(1)) - date.today().year <= 1:
        head["year"] = named.group(1)
    with transaction(conn):
        draft_id = _insert(conn, _unique(conn, name), head)
        record(conn, draft_id, "新建 created")
    return open_draft(conn, draft_id)


def duplicate(conn: sqlite3.Connection, key: int | str, new_name: str) -> Draft:
    """A copy of the draft (head and rows) under a new name, at version 1. A duplicate of a copy of last year's table
    (方案二) is such a copy too: it keeps its `source`, and last year's table as copied as its version 0, what
    `kb draft diff` and `copied-unchanged` compare with (never undone to)."""
    with transaction(conn):
        source = _find(conn, key)
        name = _unique(conn, new_name)
        draft_id = _insert(conn, name, {k: source[k] for k in HEAD_FIELDS})
        copy_rows(conn, source, draft_id)
        if source["source"]:
            first = conn.execute("SELECT min(number) FROM draft_versions WHERE draft_id = ?", (source["id"],))
            then = stored(conn, source["id"], first.fetchone()[0])
            then["head"]["name"] = name
            conn.execute("UPDATE drafts SET source = ? WHERE id = ?", (source["source"], draft_id))
            note = "上年的目标表（复制时） last year's table, as copied"
            record(conn, draft_id, note, number=0, now=json.dumps(then, ensure_ascii=False))
        record(conn, draft_id, f"复制自草稿 copied from draft {source['name']!r}")
    return open_draft(conn, draft_id)


def copy_rows(conn: sqlite3.Connection, source: sqlite3.Row, draft_id: int) -> None:
    """Give a new draft the rows of `source` (a drafts row), every column, with their keys."""
    columns = [c[1] for c in conn.execute("PRAGMA table_info(draft_rows)") if c[1] not in ("id", "draft_id")]
    names = ", ".join(columns)
    conn.execute(
        f"INSERT INTO draft_rows (draft_id, {names}) SELECT ?, {names} FROM draft_rows WHERE draft_id = ?",
        (draft_id, source["id"]),
    )
    conn.execute("UPDATE drafts SET row_keys = ? WHERE id = ?", (source["row_keys"], draft_id))


def rename(conn: sqlite3.Connection, key: int | str, new_name: str, version: int | None = None) -> Draft:
    """Give the draft a new name, and its 项目名称 the new name's when it had none or the old name's (form_name),
    so a 项目名称 typed of its own stays; KbError when another draft has the name."""
    with _change(conn, key, version) as change:
        name = _unique(conn, new_name, change.id)
        old = conn.execute("SELECT name, project_name FROM drafts WHERE id = ?", (change.id,)).fetchone()
        project_name = old["project_name"]
        if not project_name or project_name == form_name(old["name"]):
            project_name = form_name(name) or None
        conn.execute("UPDATE drafts SET name = ?, project_name = ? WHERE id = ?", (name, project_name, change.id))
    return open_draft(conn, change.id)


def delete(conn: sqlite3.Connection, key: int | str, version: int | None = None) -> None:
    """Remove the draft and its rows."""
    with _change(conn, key, version) as change:
        conn.execute("DELETE FROM drafts WHERE id = ?", (change.id,))
        change.changed = False


def set_field(conn: sqlite3.Connection, key: int | str, name: str, value, version: int | None = None) -> Draft:
    """Set one head field ('name' renames); numbers may come as text."""
    if name == "name":
        return rename(conn, key, value, version)
    value = _head_value(name, value)
    if value and name == "department_code":  # what is typed (a copy keeps a draft's code as it was kept)
        value = _code(value)
    with _change(conn, key, version) as change:
        conn.execute(f"UPDATE drafts SET {name} = ? WHERE id = ?", (value, change.id))
    return open_draft(conn, change.id)


def level_order(level1: str | None, level2: str | None) -> tuple[int, int]:
    """Where a (level 1, level 2) pair sits in the framework's order; unknown levels last."""
    order1 = LEVEL1.index(level1) if level1 in LEVEL1 else len(LEVEL1)
    seconds = FRAMEWORK.get(level1 or "", ())
    return order1, seconds.index(level2) if level2 in seconds else len(seconds)


def _renumber(conn: sqlite3.Connection, draft_id: int) -> None:
    """Keep the rows in framework order of their levels, in the order added within a level."""
    rows = conn.execute("SELECT id, level1, level2, seq FROM draft_rows WHERE draft_id = ?", (draft_id,)).fetchall()
    ordered = sorted(rows, key=lambda r: (*level_order(r["level1"], r["level2"]), r["seq"], r["id"]))
    conn.executemany("UPDATE draft_rows SET seq = ? WHERE id = ?", [(n, r["id"]) for n, r in enumerate(ordered, 1)])


def precedent_fields(conn: sqlite3.Connection, indicator_ids: list[int]) -> tuple[dict, int | None]:
    """The 指标解释, 计算公式, 评（扣）分标准, 数据来源 and 指标值设定依据 (its category when it starts with one of
    BASES) the first of these imported indicators that carries any gives, as NewRow keywords, and its id; ({}, None)
    when none. Not its 分值: a weight is a share of its own table's total (a project's rows bring theirs:
    suggest.project_rows)."""
    for indicator_id, notes in conn.execute(
        "SELECT id, notes FROM indicators WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        (json.dumps(indicator_ids),),
    ):
        written = json.loads(notes or "{}")
        out: dict = {}
        for header, value in written.items():
            key = NOTE_FIELDS.get(header)
            if key and str(value).strip() and key not in out:
                out[key] = str(value).strip()
        basis = next((b for b in BASES if out.get("basis_text", "").startswith(b)), None)
        if basis:
            out["basis"] = basis
            out["basis_text"] = out["basis_text"].removeprefix(basis).lstrip("：:，,；; ") or None
        if out:
            return out, indicator_id
    return {}, None


def take_library(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows added before their 指标库 entry was imported: linked to it, the texts they leave empty filled from it
    (never one they hold), each draft as one change (a version an undo takes back). {draft name: rows filled}."""
    filled: dict[str, int] = {}
    for draft_id, name in conn.execute("SELECT id, name FROM drafts ORDER BY id").fetchall():
        with _change(conn, draft_id, None) as change:
            change.note, rows = "从指标库补上说明 texts taken from the 指标库", 0
            for row in conn.execute("SELECT * FROM draft_rows WHERE draft_id = ?", (draft_id,)).fetchall():
                library_id = for_name(conn, row["name"])
                if library_id is None:
                    continue
                given = entry(conn, library_id)
                texts = {("basis_text" if k == "basis" else k): given[k] for k in LIBRARY_TEXTS if given.get(k)}
                empty = {k: v for k, v in texts.items() if not row[k]}
                if empty:
                    sets = ", ".join(f"{k} = ?" for k in (*empty, "library_id"))
                    conn.execute(f"UPDATE draft_rows SET {sets} WHERE id = ?", (*empty.values(), library_id, row["id"]))
                    rows += 1
            change.changed = rows > 0
        if rows:
            filled[name] = rows
    return filled


MAX_SOURCES = 20  # precedents a row records: '满意度' at 1M indicators has thousands, each an id in its exports


def _filled(conn: sqlite3.Connection, row: NewRow) -> NewRow:
    """The row with the fields it leaves empty taken from its entry in one's own 指标库 (kb.drafting.library) first,
    then from the precedents it came from (`precedent_fields`); its library entry's id kept, and of its sources the
    first MAX_SOURCES (newest first, as precedents are listed) and the one whose texts it took."""
    library_id = row.library_id or for_name(conn, row.name)
    found: dict = {}
    if library_id is not None:
        given = entry(conn, library_id)
        found = {("basis_text" if k == "basis" else k): given[k] for k in LIBRARY_TEXTS if given.get(k)}
    given_by = None
    if row.sources:
        texts, given_by = precedent_fields(conn, row.sources)
        for key, value in texts.items():
            found.setdefault(key, value)
    sources = row.sources[:MAX_SOURCES]
    sources += [given_by] if given_by is not None and given_by not in sources else []
    texts_taken = {k: v for k, v in found.items() if getattr(row, k) is None}
    return replace(row, library_id=library_id, sources=sources, **texts_taken)


def _insert_rows(conn: sqlite3.Connection, draft_id: int, rows: list[NewRow]) -> None:
    seq = conn.execute("SELECT coalesce(max(seq), 0) FROM draft_rows WHERE draft_id = ?", (draft_id,)).fetchone()[0]
    rows = [_filled(conn, r) for r in rows]
    keys = conn.execute("SELECT row_keys FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
    conn.execute("UPDATE drafts SET row_keys = ? WHERE id = ?", (keys + len(rows), draft_id))
    columns = (*_ROW_COLUMNS, "row_key", "library_id")
    conn.executemany(
        f"INSERT INTO draft_rows (draft_id, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})",
        [
            (
                draft_id,
                seq + n,
                r.level1 or None,
                r.level2 or None,
                r.name,
                r.operator,
                r.value,
                r.unit,
                r.text,
                r.basis,
                r.weight,
                json.dumps(r.sources),
                *(getattr(r, k) for k in ROW_TEXT_FIELDS),
                row_key(keys + n),
                r.library_id,
            )
            for n, r in enumerate(rows, 1)
        ],
    )
    _renumber(conn, draft_id)


def add_row(conn: sqlite3.Connection, key: int | str, row: NewRow, version: int | None = None) -> Draft:
    """Append one indicator (see `new_row`), even if the draft already has one of that name."""
    with _change(conn, key, version) as change:
        _insert_rows(conn, change.id, [row])
    return open_draft(conn, change.id)


def apply_rows(conn: sqlite3.Connection, key: int | str, rows: Iterable[NewRow], version: int | None = None) -> Applied:
    """Append the rows whose indicator the draft does not hold yet (in any spelling: kb.vocab.families)."""
    rows = list(rows)
    with _change(conn, key, version) as change:
        seen = {
            family_key(r["name"]) for r in conn.execute("SELECT name FROM draft_rows WHERE draft_id = ?", (change.id,))
        }
        added: list[NewRow] = []
        skipped: list[NewRow] = []
        for r in rows:
            k = family_key(r.name)
            (skipped if k in seen else added).append(r)
            seen.add(k)
        _insert_rows(conn, change.id, added)
        change.changed = bool(added)
    to_fill = [r.name for r in added if r.value is None and r.operator not in (None, QUALITATIVE) and not r.text]
    return Applied(open_draft(conn, change.id), [r.name for r in added], [r.name for r in skipped], to_fill)


def _row_changes(conn: sqlite3.Connection, current: sqlite3.Row, changes: dict) -> dict:
    unknown = set(changes) - set(ROW_FIELDS)
    if unknown:
        raise KbError(
            f"没有指标字段 {sorted(unknown)[0]!r} unknown row field: 可用 use "
            + ", ".join(f"{ROW_FIELD_LABELS[key]} {key}" for key in ROW_FIELDS)
        )
    out: dict = {}
    name = (changes.get("name", current["name"]) or "").strip()
    if not name:
        raise KbError("指标需要名称 an indicator needs a name")
    if "name" in changes:
        out.update(name=name, library_id=for_name(conn, name))
    if "target" in changes:
        out.update(target_fields(changes["target"] or "", name))
    if "operator" in changes:
        out["operator"] = _operator(changes["operator"])
        if out["operator"] == QUALITATIVE:
            out.update(value=None, unit=None)
    if "value" in changes:
        out["value"] = to_number(changes["value"], "指标值 the target value")
        if out["value"] is not None and out.get("operator", current["operator"]) in (None, QUALITATIVE):
            out["operator"] = "="
    if "unit" in changes:
        out["unit"] = (changes["unit"] or "").strip() or None
    if "basis" in changes:
        out["basis"] = _basis(changes["basis"])
    if "weight" in changes:
        out["weight"] = to_number(changes["weight"], "分值 the weight")
    out.update(row_texts({k: v for k, v in changes.items() if k in ROW_TEXT_FIELDS}))
    if "level1" in changes or "level2" in changes:
        l1 = changes.get("level1", current["level1"]) or ""
        l2 = changes.get("level2", current["level2"]) or ""
        level1, level2 = standard_row_levels(l1, l2, name) if (l1 or l2) else ("", "")
        out.update(level1=level1 or None, level2=level2 or None)
    return out


def update_row(
    conn: sqlite3.Connection,
    key: int | str,
    row_id: int,
    version: int | None = None,
    own: bool | None = None,
    **changes,
) -> Draft:
    """Change fields of one row (ROW_FIELDS; 'target' as typed sets operator, value, unit and text)."""
    return update_rows(conn, key, [row_id], version, own, **changes)


def update_rows(
    conn: sqlite3.Connection,
    key: int | str,
    row_ids: Iterable[int],
    version: int | None = None,
    own: bool | None = None,
    **changes,
) -> Draft:
    """The same change to several rows as one change (one version, one undo); KbError (nothing changed) if one is
    not in the draft. `own` takes (or gives back) the targets as they then read as the project's own in the same
    change (`kb draft set … --target X --own`: one version, not two)."""
    with _change(conn, key, version) as change:
        changed = False
        for row_id in row_ids:
            current = _draft_row(conn, change.id, row_id)
            values = _row_changes(conn, current, changes)
            if "level1" in values and (values["level1"], values["level2"]) != (current["level1"], current["level2"]):
                # a row moved to other levels goes last among them
                values["seq"] = conn.execute(
                    "SELECT max(seq) + 1 FROM draft_rows WHERE draft_id = ?", (change.id,)
                ).fetchone()[0]
            if values:
                sets = ", ".join(f"{k} = ?" for k in values)
                conn.execute(f"UPDATE draft_rows SET {sets} WHERE id = ?", (*values.values(), row_id))
                changed = True
            if own is not None:
                changed = _own(conn, _draft_row(conn, change.id, row_id), own) or changed
        if changed:
            _renumber(conn, change.id)
        change.changed = changed
    return open_draft(conn, change.id)


def own_targets(
    conn: sqlite3.Connection, key: int | str, row_ids: Iterable[int], own: bool = True, version: int | None = None
) -> Draft:
    """Take the figures the rows hold as this project's own (a precedent's figure the user agrees with: the
    `precedent-target` check is then silent for them while they read so), or give that back (`own` False); one change.
    A row without a target is left. KbError (nothing changed) if a row is not in the draft."""
    with _change(conn, key, version) as change:
        changed = False
        for row_id in row_ids:
            changed = _own(conn, _draft_row(conn, change.id, row_id), own) or changed
        change.changed = changed
    return open_draft(conn, change.id)


def _draft_row(conn: sqlite3.Connection, draft_id: int, row_id: int) -> sqlite3.Row:
    """A row of the draft as it reads now; KbError when the draft has no such row."""
    r = conn.execute("SELECT * FROM draft_rows WHERE id = ? AND draft_id = ?", (row_id, draft_id)).fetchone()
    if r is None:
        raise KbError(f"草稿中没有这一行 the draft has no row {row_id}")
    return r


def _own(conn: sqlite3.Connection, r: sqlite3.Row, own: bool) -> bool:
    """The row's target as it reads taken as the project's own (or given back); True when that changed the row."""
    target = (normal_target(r["operator"], r["value"], r["unit"], r["text"]) or None) if own else None
    if target == r["own_target"]:
        return False
    conn.execute("UPDATE draft_rows SET own_target = ? WHERE id = ?", (target, r["id"]))
    return True


def remove_rows(conn: sqlite3.Connection, key: int | str, row_ids: Iterable[int], version: int | None = None) -> Draft:
    """Remove rows by id; KbError (and nothing removed) if one is not in the draft."""
    row_ids = list(row_ids)
    with _change(conn, key, version) as change:
        for row_id in row_ids:
            if not conn.execute("DELETE FROM draft_rows WHERE id = ? AND draft_id = ?", (row_id, change.id)).rowcount:
                raise KbError(f"草稿中没有这一行 the draft has no row {row_id}")
        _renumber(conn, change.id)
        change.changed = bool(row_ids)
    return open_draft(conn, change.id)
