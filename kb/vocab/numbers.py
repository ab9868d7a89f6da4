"""Numbers as text, the one way every face shows and exports them: every digit kept, never exponent notation.

A float does not remember how it was written: 100.00 typed into a draft is stored as 100.0 and shown as `100`.
So where the written text exists (a document's `amount_text`, an indicator's `target`), the faces show that text;
where only the number exists (a draft's amount, a row's value and weight, a median), `number` gives the shortest
decimal that reads back as the same float (Python's repr): 15812.52 → `15812.52`, 1234567.5 → `1234567.5`,
0.000123 → `0.000123`, 1e12 → `1000000000000`, 100.0 → `100`, no thousands separators (as the documents and the
finance bureau's forms write them, and pasted into a spreadsheet as numbers). Sums and medians of written values
are taken on those decimals (`total`, `median`), so 33.3 + 33.3 + 33.4 is 100, not 99.99999999999999.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

__all__ = ["decimals", "median", "number", "total"]


def _decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as `value`."""
    return Decimal(repr(float(value)))


@lru_cache(maxsize=4096, typed=True)  # a name's target spread writes the same few values thousands of times
def number(value: int | float | str | None) -> str:
    """A cell's value as text: '' for None, text and ints as they are, a float as its shortest round-trip decimal
    without exponent or a trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, (int, str)) or not math.isfinite(value):
        return str(value)
    text = format(_decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def decimals(value: int | float) -> int:
    """How many digits `number(value)` writes after the decimal point (0 for a whole number)."""
    return len(number(value).partition(".")[2])


def total(values: Iterable[int | float | None]) -> float:
    """The sum of the values as written (None counts as 0): exact in decimal, then the nearest float."""
    return float(sum((_decimal(v) for v in values if v is not None), Decimal(0)))


def median(values: Iterable[int | float]) -> float:
    """The median of the values as written (the mean of the middle two taken in decimal)."""
    ordered = sorted(_decimal(v) for v in values)
    middle = len(ordered) // 2
    return float(ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2)
