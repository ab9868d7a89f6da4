"""Text placed by position — a converted web page's runs, a space-aligned text's words — as rows that keep their
columns: a line with fewer cells than a line above it (a row that leaves its merged level or head cells empty) is
placed under the columns of the nearest such line, each cell under the column it overlaps most, so that its cells
stay in their columns. A line whose cells do not fall one to a column, in order, is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Cell:
    """A cell's text and where it starts and ends across the line (px on a page, characters in a text)."""

    x0: float
    x1: float
    text: str


class Columns:
    """Places lines, one after the other, under the columns of the lines above them."""

    def __init__(self) -> None:
        self._above: dict[int, tuple[int, list[tuple[float, float]]]] = {}  # columns → (line, columns) of the last
        self._lines = 0

    def place(self, line: list[Cell]) -> list[str]:
        """The line's cell texts, placed under the columns of the nearest line above with more cells."""
        self._lines += 1
        wider = [self._above[n] for n in self._above if n > len(line)] if len(line) > 1 else []
        columns = max(wider, key=lambda above: above[0])[1] if wider else None
        placed = _place(line, columns) if columns else None
        if placed is None or columns is None:
            self._above[len(line)] = (self._lines, [(cell.x0, cell.x1) for cell in line])
            return [cell.text for cell in line]
        self._above[len(columns)] = (self._lines, columns)
        row = [""] * len(columns)
        for j, cell in zip(placed, line):
            row[j] = cell.text
        return row

    def reset(self) -> None:
        """Forget the lines above (a new table starts)."""
        self._above.clear()


def _place(line: list[Cell], columns: list[tuple[float, float]]) -> list[int] | None:
    """The column each cell goes under (most overlap, else nearest), None unless they are in order, one a column."""
    placed = []
    for cell in line:

        def fit(j: int, cell: Cell = cell) -> tuple[float, float]:
            x0, x1 = columns[j]
            return min(x1, cell.x1) - max(x0, cell.x0), -abs(x0 + x1 - cell.x0 - cell.x1)

        placed.append(max(range(len(columns)), key=fit))
    return placed if all(a < b for a, b in zip(placed, placed[1:])) else None
