"""Whether a self-evaluated indicator met its target: met, not met, or unknown, and by how much.

Numbers are judged: a target with an operator (≥ > ≤ < =) and a number, and an actual that is a number in the
same unit (or none written: '99.14' against '≥95%'), or a bound on the target's side ('≥90%' reported against
'≥90%' says the target was reached). So are dates: a target that is a date is a deadline, met by an actual that
names no later date ('2022年底' by '2022年12月', not by '2023年3月'). A qualitative target or actual ('达成预期指标',
'效果明显'), a range (±, '5-10名') or two different units is unknown, never counted as missed. The ratio says how
far the actual went in the target's direction: actual/target for ≥ and =, target/actual for ≤ (above 1 is better
either way)."""

from __future__ import annotations

import re
import unicodedata

from kb.vocab.dates import dates_in
from kb.vocab.targets import QUALITATIVE, Target

MET, NOT_MET = 1, 0
_PLAIN = re.compile(r"^[^\d.+\-]{0,4}?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[^\d\s,.;:()\[\]《》“”\"'，。；：、（）]{0,6}$")
_EXACT = 1e-9
_BOUNDS = {
    "≥": ("=", None, "≥", ">"),
    ">": ("=", None, "≥", ">"),
    "≤": ("=", None, "≤", "<"),
    "<": ("=", None, "≤", "<"),
    "=": ("=", None),
}  # actuals that can be judged against each operator


def plain(text: str | None) -> bool:
    """Whether a target or actual as written is one number with at most a short operator and unit ('≥95%',
    '不低于800人', '28个'), not prose that holds a number ('《健康西安2030》要求', '1-4季度')."""
    return bool(text) and _PLAIN.match(unicodedata.normalize("NFKC", text or "").strip()) is not None


def judge(
    target: Target, actual: Target | None, target_text: str, actual_text: str | None
) -> tuple[int | None, float | None]:
    """(MET, NOT_MET or None for unknown, the ratio or None) of an actual against its target, both as parsed and as
    written."""
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
    if target.operator in ("≥", ">"):
        met = got >= want if target.operator == "≥" else got > want
        return int(met), got / want if want > 0 else None
    if target.operator in ("≤", "<"):
        met = got <= want if target.operator == "≤" else got < want
        return int(met), want / got if got > 0 and want > 0 else None
    return int(abs(got - want) <= _EXACT * max(1.0, abs(want))), got / want if want else None
