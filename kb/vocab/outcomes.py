"""Whether a self-evaluated indicator met its target: met, not met, or unknown, and by how much.

Numbers are judged: a target with an operator (≥ > ≤ < =) and a number, and an actual that is a number in the
same unit (or none written: '99.14' against '≥95%'), or a bound on the target's side ('≥90%' reported against
'≥90%' says the target was reached). So are dates: a target that is a date is a deadline, met by an actual that
names no later date ('2022年底' by '2022年12月', not by '2023年3月'). A bare number is a floor, or a ceiling for
costs, time taken and incidents (`lower_is_better`). An actual written in the target's own words ('明显改善' against
'明显改善', '长期' against '长期') reached it. Otherwise a qualitative target or actual ('达成预期指标',
'效果明显'), a range (±, '5-10名') or two different units is unknown, never counted as missed. The ratio says how
far the actual went in the target's direction: actual/target for ≥ and =, target/actual for ≤ (above 1 is better
either way)."""

from __future__ import annotations

import re
import unicodedata

from kb.vocab.dates import dates_in
from kb.vocab.targets import QUALITATIVE, Target

MET, NOT_MET = 1, 0
COST = "成本指标"
# names of indicators where less is better: money spent, time taken, incidents (a trailing 率/次数 …)
_LOWER_BETTER = re.compile(
    r"成本|费用|单价|造价|开支|时限|用时|耗时|(?:响应|办结|处理|等待|办理)时间"
    r"|(?:投诉|事故|差错|失误|故障|返修|超标|违规|违法|逾期|错误|不合格|死亡|伤亡|发案|流失|空置|复发|事件)"
    r"(?:发生)?(?:率|次数|数|件数|起数|量)?$"
)
_PLAIN = re.compile(r"^[^\d.+\-]{0,4}?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[^\d\s,.;:()\[\]《》“”\"'，。；：、（）]{0,6}$")
_EXACT = 1e-9
_BOUNDS = {
    "≥": ("=", None, "≥", ">"),
    ">": ("=", None, "≥", ">"),
    "≤": ("=", None, "≤", "<"),
    "<": ("=", None, "≤", "<"),
    "=": ("=", None),
}  # actuals that can be judged against each operator


_NOT_WORDS = re.compile(r"[\s，,。.;；：:、!！]")


def same_words(target_text: str | None, actual_text: str | None) -> bool:
    """Whether an actual repeats its target as written (spaces, punctuation and full-width forms aside)."""
    key = lambda text: _NOT_WORDS.sub("", unicodedata.normalize("NFKC", text or ""))  # noqa: E731
    return bool(key(target_text)) and key(target_text) == key(actual_text)


def plain(text: str | None) -> bool:
    """Whether a target or actual as written is one number with at most a short operator and unit ('≥95%',
    '不低于800人', '28个'), not prose that holds a number ('《健康西安2030》要求', '1-4季度')."""
    return bool(text) and _PLAIN.match(unicodedata.normalize("NFKC", text or "").strip()) is not None


def lower_is_better(name: str, level1: str | None = None) -> bool:
    """Whether less is better for an indicator: a cost (its level or its name: 成本, 费用, 单价), a time taken
    (时限, 响应时间) or incidents (投诉率, 安全事故发生次数)."""
    return level1 == COST or _LOWER_BETTER.search(name or "") is not None


def judge(
    target: Target, actual: Target | None, target_text: str, actual_text: str | None, lower_better: bool = False
) -> tuple[int | None, float | None]:
    """(MET, NOT_MET or None for unknown, the ratio or None) of an actual against its target, both as parsed and as
    written. A target written as a bare number ('=') is judged in the indicator's direction (`lower_is_better`; a
    target of 0 is a ceiling): 12 个 against 10 个 is met, 334 against a cost of 390 too. An actual written as a
    bound on the target's side reached it when its number does ('>23万人次' against '>23万人次'), and so did an actual
    in the target's own words ('明显改善' against '明显改善')."""
    if actual is not None and same_words(target_text, actual_text):
        return MET, 1.0 if target.value else None
    if target.operator == QUALITATIVE and actual is not None and actual.operator == QUALITATIVE:
        deadline, done = dates_in(target_text), dates_in(actual_text)
        return (int(max(done) <= max(deadline)), None) if deadline and done else (None, None)
    if (
        actual is None
        or not plain(target_text)
        or not plain(actual_text)
        or actual.value is None
        or target.value is None
        or target.operator not in ("≥", ">", "≤", "<", "=")
        or actual.operator not in _BOUNDS[target.operator]
        or actual.unit
        and target.unit
        and actual.unit != target.unit
    ):
        return None, None
    want, got = target.value, actual.value
    bound = actual.operator in ("≥", ">", "≤", "<")  # a bound on the target's side: reached when its number is
    operator = target.operator
    if operator == "=" and abs(got - want) > _EXACT * max(1.0, abs(want)):
        operator = "≤" if lower_better or want == 0 else "≥"
    if operator in ("≥", ">"):
        met = got >= want if operator == "≥" or bound else got > want
        return int(met), got / want if want > 0 else None
    if operator in ("≤", "<"):
        met = got <= want if operator == "≤" or bound else got < want
        return int(met), want / got if got > 0 and want > 0 else None
    return MET, got / want if want else None
