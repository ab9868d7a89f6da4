"""Choose a layout parser by what the rows look like — never by file name."""

from __future__ import annotations

from importers.layouts import Layout
from importers.records import Row

MIN_SCORE = 0.5


def all_layouts() -> list[Layout]:
    from importers.layouts import form_kv, inline_table, summary_table, word_cells

    return [form_kv.LAYOUT, summary_table.LAYOUT, inline_table.LAYOUT, word_cells.LAYOUT]


def detect_layout(rows: list[Row]) -> tuple[Layout | None, dict[str, float]]:
    """The best-scoring layout (None when no layout scores MIN_SCORE) and every score."""
    scores = {layout.name: layout.detect(rows) for layout in all_layouts()}
    best = max(all_layouts(), key=lambda layout: scores[layout.name])
    return (best if scores[best.name] >= MIN_SCORE else None), scores
