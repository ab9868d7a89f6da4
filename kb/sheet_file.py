"""Cells of a sheet an officer prints: a value's printed text, its width, and how tall a row must be for its wrapped
text."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from kb.vocab.numbers import number
from kb.vocab.text import shown

LINE_HEIGHT = 14.0  # pt per line of 10.5 pt (五号) text in a cell


def cell_text(value) -> str:
    """A value as the form prints it: numbers as kb.vocab.numbers writes them, control characters escaped."""
    return shown(number(value), lines=True) if value is not None else ""


def text_width(text: str) -> int:
    """Printed width in column units: a CJK or full-width character 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a cell `width` units wide (each paragraph apart; at least 1)."""
    usable = max(width - 1.5, 2)  # the cell's padding
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in (text or "").split("\n")) or 1


def row_height(cells: Sequence[tuple[object, float]]) -> float:
    """Points a row needs for the tallest of its (value, width) cells."""
    return max(lines(cell_text(value), width) for value, width in cells) * LINE_HEIGHT + 4
