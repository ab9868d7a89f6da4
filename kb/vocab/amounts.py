"""Money amounts as written → 万元."""

from __future__ import annotations

import re
import unicodedata

_AMOUNT = re.compile(r"(-?\d[\d,，]*(?:\.\d+)?)\s*(亿元|亿|万元|万|千元|元)?")
_TO_WAN = {"亿元": 10000.0, "亿": 10000.0, "万元": 1.0, "万": 1.0, "千元": 0.1, "元": 0.0001}
# A single project of 10 亿元 or more written without a unit is far likelier to be in 元.
YUAN_THRESHOLD = 100000


def to_wan(text: str, declared_unit: str = "") -> tuple[float | None, str]:
    """(amount in 万元, how the unit was known: 'text', 'declared', 'magnitude' or '').

    '7000000' with no unit anywhere → (700.0, 'magnitude'); '300万元' → (300.0, 'text');
    '15,812.52' declared 万元 → (15812.52, 'declared').
    """
    t = unicodedata.normalize("NFKC", text or "").strip()
    m = _AMOUNT.search(t)
    if not m:
        return None, ""
    value = float(m.group(1).replace(",", "").replace("，", ""))
    if m.group(2):
        return _round(value * _TO_WAN[m.group(2)]), "text"
    unit = unicodedata.normalize("NFKC", declared_unit or "").strip()
    if unit in _TO_WAN:
        return _round(value * _TO_WAN[unit]), "declared"
    if abs(value) >= YUAN_THRESHOLD:
        return _round(value / 10000), "magnitude"
    return _round(value), "magnitude"


_WHOLE_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:亿元|亿|万元|万|千元|元)")  # (1,200 not 1,2,3)


def amount_only(text: str) -> float | None:
    """A text that is an amount with its unit and nothing else, in 万元: '120万元' → 120, '1,200,000元' → 120,
    '1.2亿元' → 12000; None for anything else (a bare number, '约120万元', '-5万元')."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    return to_wan(t)[0] if _WHOLE_AMOUNT.fullmatch(t) else None


def _round(value: float) -> float:
    return round(value, 6)


def first_number(text: str) -> float | None:
    """The first number in a text ('3', '[分值] 2.5分'), or None."""
    m = _AMOUNT.search(unicodedata.normalize("NFKC", text or ""))
    return float(m.group(1).replace(",", "").replace("，", "")) if m else None
