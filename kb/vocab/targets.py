"""Target values (指标值) as written → operator, number and unit.

`parse_target('>=2家')` gives `Target('≥', 2.0, '家')`; a word such as `合规` or `提高` is qualitative:
operator `定性`, no number. The original string is always kept by the caller beside the result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kb.vocab.numbers import number
from kb.vocab.units import is_unit

QUALITATIVE = "定性"

# Longest spellings first so '>=' wins over '>'.
_OPERATORS = [
    (">=", "≥"),
    ("≧", "≥"),
    ("≥", "≥"),
    ("》", "≥"),
    ("=>", "≥"),
    ("<=", "≤"),
    ("≦", "≤"),
    ("≤", "≤"),
    ("《", "≤"),
    ("=<", "≤"),
    ("==", "="),
    ("=", "="),
    (">", ">"),
    ("<", "<"),
    ("±", "±"),
    ("+-", "±"),
]
# Words that carry a direction before or after the number; a longer word before any word it ends with or starts
# with ('不大于' before '大于', '大于或等于' before '大于'), as the number's nearest word is looked for by its ending.
_PREFIX_WORDS = [
    ("大于或等于", "≥"),
    ("小于或等于", "≤"),
    ("不小于", "≥"),
    ("不大于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("至少", "≥"),
    ("大于等于", "≥"),
    ("达到", "≥"),
    ("达", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("小于等于", "≤"),
    ("控制在", "≤"),
    ("超过", ">"),
    ("大于", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("低于", "<"),
    ("小于", "<"),
    ("少于", "<"),
    ("增加", "≥"),
    ("增长", "≥"),
    ("提高", "≥"),
    ("提升", "≥"),
    ("新增", "≥"),
    ("减少", "≤"),
    ("降低", "≤"),
    ("下降", "≤"),
]
# the words of _PREFIX_WORDS that compare (not those that say a change: 增加, 降低 …), and those only a column uses
_COMPARING_WORDS = [(word, op) for word, op in _PREFIX_WORDS if "于" in word or word.startswith("不")] + [("等于", "=")]
_SUFFIX_WORDS = [
    ("及以上", "≥"),
    ("以上", "≥"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("以内", "≤"),
    ("之内", "≤"),
]
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+")
# A unit: letters/CJK/%‰ after the number, up to punctuation that ends it.
# a unit may join one or two characters by a dot ('元/生.年', '人·次'), not a sentence after a full stop
_UNIT = re.compile(r"^[\s(（]*([%‰℃㎡a-zA-Z\u4e00-\u9fff/²³]+(?:[.·][\u4e00-\u9fff]{1,2}(?![\u4e00-\u9fff]))*)[)）]?")
# 'm2', 'km2', 'm3' (m² read as NFKC gives it), after a multiplier or a price's 元/ too ('万㎡', '元/m2/月'): m², m³
_SQUARED = re.compile(r"^(\s*[\u4e00-\u9fff/]{0,3}[kcd]?m)([23])(?![\d.])")
_POWERS = {"2": "²", "3": "³"}


def _squared(text: str) -> str:
    return _SQUARED.sub(lambda m: m.group(1) + _POWERS[m.group(2)], text)


_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,6})[）)]\s*$")


# no target: a placeholder, or a spreadsheet's error value where a formula gave none ('#DIV/0!' was =0)
_MISSING = {
    "",
    "无",
    "/",
    "-",
    "—",
    "--",
    "——",
    "空",
    "#DIV/0!",
    "#REF!",
    "#N/A",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",  # (Excel 365's dynamic arrays, data types and LAMBDA)
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
}
# Targets that are no single number, kept as written (like a qualitative word): a range ('5-10名', '90%～95%',
# '1至2次'), a date ('2026年11月底前', '2022.6.1-2023.5.31', '12月底前', '1-12月') and several values ('≥6期/≥3个'):
# read as one number they were '=5名', '=2026年', '≥6期/'.
_RANGE_TAIL = re.compile(r"^[^\d\s/、；;，,]{0,4}?\s*(?:-|~|—+|–|－|至|到)\s*\d")
_YEAR_DATE = re.compile(r"(?:19|20)\d\d(?:\s*年|[-/]\s*\d{1,2}(?!\d)|\.\d{1,2}\.\d{1,2}(?!\d))")  # not 2024.5万元
_MONTH_DATE = re.compile(r"(?:[1-9]|1[0-2])\s*月")
# … but a month after a sign and nothing else is the value, as a table with sign, number and unit columns gives it
_SIGNED_MONTH = re.compile(r"(?:[≥≤<>]=?|=)\s*(?:[1-9]|1[0-2])\s*月")
# several values in one target, for the several names of its row ('≥20场/1-2次/月/≥50人', '≥30次；≥30篇'), not a
# unit's slash ('元/人', '次/月')
_SEVERAL = re.compile(r"/\s*[≥≤<>=]?\s*\d|;.*\d|[,、][^,、]*?(?:[≥≤<>=]|不低于|不少于|不超过|不高于|至少)\s*\d")


@dataclass(frozen=True)
class Target:
    operator: str | None  # ≥ ≤ > < = ± or 定性; None when the document gives no target
    value: float | None
    unit: str | None

    @property
    def qualitative(self) -> bool:
        return self.operator == QUALITATIVE


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return text.replace("＝", "=").replace("（", "(").replace("）", ")").strip()


def normalize_operator(text: str) -> str | None:
    """'>=', '≥', '＞=', '》', and in an operator column of its own the words '大于等于', '不低于', '等于' → '≥' …;
    None when the text is not an operator."""
    t = _prepare(text).replace(" ", "")
    for spelling, op in _OPERATORS + _COMPARING_WORDS:
        if t == spelling:
            return op
    return None


def _leading_operator(text: str) -> tuple[str | None, str]:
    for spelling, op in _OPERATORS + _PREFIX_WORDS:
        if text.startswith(spelling):
            return op, text[len(spelling) :].lstrip()
    return None, text


@lru_cache(maxsize=65536)
def several_values(target: str) -> bool:
    """Whether a target is a range or several values, kept as written rather than read as one number ('5-10家',
    '2天/≤250人/≥2次'); a date is neither."""
    text = _prepare(target or "")
    number = _NUMBER.search(text)
    if number is None or _YEAR_DATE.match(text, number.start()):
        return False
    rest = text[number.end() :]
    return _RANGE_TAIL.match(rest) is not None or _SEVERAL.search(rest) is not None


def name_unit(name: str) -> str | None:
    """The unit a name carries in trailing brackets: '雨水管线维护数量（米）' → '米'."""
    m = _NAME_UNIT.search(_prepare(name))
    return m.group(1).strip() if m and is_unit(m.group(1)) else None


def parse_target(target: str, operator: str = "", unit: str = "", name: str = "", implied: str = "=") -> Target:
    """Normalise a target as written, with the layout's separate operator/unit columns and the name.

    The unit comes from the target itself, else the unit column, else the name's brackets; a number written without
    an operator has the implied one ('=', or the bound a direction column gives: 正向 | 95 | % is ≥95%; 正向 | 0 is =0).
    """
    parsed = _parse(target or "", operator or "", unit or "", implied)
    if parsed.unit is None and parsed.value is not None and name:
        from_name = name_unit(name)
        if from_name:
            return Target(parsed.operator, parsed.value, from_name)
    return parsed


@lru_cache(maxsize=65536)
def _parse(target: str, operator: str, unit: str, implied: str = "=") -> Target:
    """parse_target without the name (targets repeat: '≥90%' thousands of times)."""
    text = _prepare(target)
    if text in _MISSING:
        return Target(None, None, None)
    op_col = normalize_operator(operator) if operator.strip() else None
    fallback_unit = (_squared(_prepare(unit).strip()) or None) if unit else None

    number = _NUMBER.search(text)
    if number is None:
        return Target(QUALITATIVE, None, None)

    if _not_one_number(text, number):
        return Target(QUALITATIVE, None, None)
    before, after = text[: number.start()].strip(), text[number.end() :].strip()
    op, rest = _leading_operator(before)
    if op is None and before:
        # Text before the operator ('系统吞吐量每秒处理≥30个业务', '年人均成本不超过2500元'): the operator nearest the
        # number (a word of one character, '达', says too little there: '送达10份')
        for spelling, candidate in _OPERATORS + [(w, o) for w, o in _PREFIX_WORDS if len(w) > 1]:
            if before.endswith(spelling):
                op = candidate
                break
    for word, candidate in _SUFFIX_WORDS:
        if after.endswith(word):
            after = after[: -len(word)].strip()
            op = op or candidate
            break
    value = float(number.group().replace(",", ""))
    if op == "±" and value < 0:
        value = -value
    m = _UNIT.match(_squared(after))
    unit_text = m.group(1) if m else None
    if not value and implied == "≥":
        implied = "="  # 正向 | 0 | 起: no floor (≥0 holds whatever happens) but none at all, as written
    return Target(op_col or op or implied, value, unit_text or fallback_unit)


# '（含）', '（含本数）' after a bound: it includes its number, as ≥ says already
_INCLUSIVE = re.compile(r"\(\s*含\s*(?:本数)?\s*\)")


def unread_tail(target: str) -> str:
    """What follows a target's number and unit that reading it as one number leaves out: '，雨季加密至每日1次' of
    '≥2次/周，雨季加密至每日1次'; '' when nothing but punctuation, a word such as 以上 or （含） follows."""
    text = _prepare(target)
    number = _NUMBER.search(text)
    if number is None:
        return ""
    after = _INCLUSIVE.sub("", text[number.end() :]).strip()
    for word, _ in _SUFFIX_WORDS:
        if after.endswith(word):
            after = after[: -len(word)].strip()
            break
    unit = _UNIT.match(_squared(after))
    tail = after[unit.end() :] if unit else after
    return tail if re.search(r"[^\W_]", tail) else ""


# words before the number that say only the year a 年度指标值 is for ('全年≥12次' is ≥12次 on the annual form)
_THE_YEAR = frozenset(("全年", "全年度", "每年", "每年度", "年均", "年度", "本年", "本年度", "当年", "年内"))


def unread_head(target: str) -> str:
    """What stands before a target's number that its operator does not say: '较上年' of '较上年提高5个百分点', '每月' of
    '每月≥2次'; '' when only an operator or its word ('≥', '不低于', '提高', '等于') comes first, or the year the
    target is for ('全年≥12次', '年均不低于90%')."""
    text = _prepare(target)
    number = _NUMBER.search(text)
    if number is None:
        return ""
    before = text[: number.start()].strip()
    op, head = _leading_operator(before)
    if op is None:
        spellings = _OPERATORS + [(w, o) for w, o in _PREFIX_WORDS if len(w) > 1] + [("等于", "=")]
        head = next((before[: -len(s)] for s, _ in spellings if before.endswith(s)), before)
    head = head.strip()
    return head if re.search(r"[^\W_]", head) and head not in _THE_YEAR else ""


def _not_one_number(text: str, number: re.Match) -> bool:
    """Whether the target's first number starts a date or a range, or is one of several values, rather than being
    the target's value."""
    at = number.start()
    if number.group().startswith(("-", "+")):
        return False
    if _YEAR_DATE.match(text, at) or _MONTH_DATE.match(text, at) and text[at - 1 : at] != "个":
        return not _SIGNED_MONTH.fullmatch(text)
    rest = text[number.end() :]
    return _RANGE_TAIL.match(rest) is not None or _SEVERAL.search(rest) is not None


def normal_target(operator: str | None, value: float | None, unit: str | None, target: str | None) -> str | None:
    """'≥90%' (operator, number, unit) or the qualitative word; None when no target was given."""
    if operator is None:
        return None
    if operator == QUALITATIVE or value is None:
        return (target or "").strip() or None
    return f"{operator}{number(value)}{unit or ''}"


# Units of a count or a share: zero of any of them is "none" (0起 = 0次 = 0% = 0), so the targets are one value.
ZERO_UNITS = frozenset(
    "% ‰ 个 家 人 次 项 件 起 例 宗 条 处 户 名 台 套 份 篇 场 人次 家次 户次 起次 万元 元 亿元 天 日".split()
)


def same_value(
    operator: str | None, value: float | None, unit: str | None
) -> tuple[str | None, float | None, str | None]:
    """The (operator, value, unit) that targets meaning the same share: '=0', '0', '0起', '0次', '≤0' and '=0%' are all
    ('=', 0.0, None) — none at all (a count cannot go below 0, so ≤0 is =0); anything else as it is."""
    if value == 0 and operator in ("=", "≤") and (unit is None or unit in ZERO_UNITS):
        return "=", 0.0, None
    return operator, value, unit


def value_buckets(
    targets: list[tuple[str | None, float | None, str | None, str | None]], weights: list[int] | None = None
) -> list[tuple[str | None, float | None, str | None, str | None]]:
    """One (operator, value, unit, label) per target (operator, value, unit, target as written) of one indicator's
    precedents, equal for targets that mean the same: `same_value` ('0起' and '=0' are '=0'), and a number written
    without a unit takes the unit most of the others give ('≥90' beside '≥90%' is '≥90%'). The label is
    normal_target's: qualitative words as written, None for no target. `weights` counts each target that many times
    (rows already grouped)."""
    weights = weights or [1] * len(targets)
    same = [same_value(op, value, unit) if op != QUALITATIVE else (op, value, unit) for op, value, unit, _ in targets]
    units: dict[str, int] = {}
    for (op, value, unit), n in zip(same, weights):
        if unit and value is not None and op != QUALITATIVE:
            units[unit] = units.get(unit, 0) + n
    usual = max(units, key=lambda u: (units[u], u)) if units else None
    out = []
    for (op, value, unit), (_, _, _, target) in zip(same, targets):
        if usual and unit is None and value not in (None, 0) and op not in (None, QUALITATIVE):
            unit = usual
        out.append((op, value, unit, normal_target(op, value, unit, target)))
    return out


def value_labels(
    targets: list[tuple[str | None, float | None, str | None, str | None]], weights: list[int] | None = None
) -> list[str | None]:
    """The labels of value_buckets: '=0' for '0起', '≥90%' for '≥90' beside '≥90%'."""
    return [b[3] for b in value_buckets(targets, weights)]
