"""Choose a layout parser by what the rows look like — never by file name."""

from __future__ import annotations

from importers.layouts import Layout
from importers.records import Row

MIN_SCORE = 0.5
SAMPLE_ROWS = 400  # a layout shows in its first rows; the whole document is scored only when they say nothing


def all_layouts() -> list[Layout]:
    from importers.layouts import flat_sheet, form_kv, inline_table, label_lines, summary_table, word_cells

    return [form_kv.LAYOUT, summary_table.LAYOUT, inline_table.LAYOUT, word_cells.LAYOUT, flat_sheet.LAYOUT,
            label_lines.LAYOUT]


def detect_layout(rows: list[Row]) -> tuple[Layout | None, dict[str, float]]:
    """The best-scoring layout (None when no layout scores MIN_SCORE) and every score."""
    layouts = all_layouts()
    for sample in (rows[:SAMPLE_ROWS], rows) if len(rows) > SAMPLE_ROWS else (rows,):
        scores = {layout.name: layout.detect(sample) for layout in layouts}
        best = max(layouts, key=lambda layout: scores[layout.name])
        if scores[best.name] >= MIN_SCORE:
            return best, scores
    return None, scores
