"""Choose a layout parser by what the rows look like — never by file name."""

from __future__ import annotations

from importers.layouts import Layout
from importers.records import Row

MIN_SCORE = 0.5
SAMPLE_ROWS = 400  # a layout shows in its first rows; the whole document is scored only when they say nothing


def all_layouts() -> list[Layout]:
    from importers.layouts import (
        flat_sheet,
        form_kv,
        grid_form,
        inline_table,
        label_lines,
        outline,
        summary_table,
        word_cells,
    )

    return [
        form_kv.LAYOUT,
        grid_form.LAYOUT,
        summary_table.LAYOUT,
        inline_table.LAYOUT,
        word_cells.LAYOUT,
        flat_sheet.LAYOUT,
        label_lines.LAYOUT,
        outline.LAYOUT,
    ]


def detect_layout(rows: list[Row], every: bool = False) -> tuple[Layout | None, dict[str, float]]:
    """The best-scoring layout (None when no layout scores MIN_SCORE) and the scores of the layouts scored.

    The first of equal best scores wins, in the order of `all_layouts`. No score is above 1.0, so the
    first layout scoring 1.0 is the winner and the layouts after it are not scored (unless `every`).
    """
    layouts = all_layouts()
    for sample in (rows[:SAMPLE_ROWS], rows) if len(rows) > SAMPLE_ROWS else (rows,):
        scores: dict[str, float] = {}
        best = None
        for layout in layouts:
            scores[layout.name] = layout.detect(sample)
            if best is None or scores[layout.name] > scores[best.name]:
                best = layout
            if scores[best.name] >= 1.0 and not every:
                break
        if best is not None and scores[best.name] >= MIN_SCORE:
            return best, scores
    return None, scores
