"""A sheet too wide for its paper, printed in strips of columns ("down, then over", a spreadsheet's default page
order): its left columns on the first pages, the rest on the pages after, each strip under its own header row. The
strips are put back side by side, row by row, when they read as one table's parts: the second strip's header names
other columns than the first's (together a goal table's name and target), and both hold as many rows."""

from __future__ import annotations

from dataclasses import replace

from importers.columns import column, declared_unit, head_field
from importers.records import Row

SLACK = 5.0  # points: a column's left edge (a row's top) this close to another page's is the same column (row)


def rejoined(rows: list[Row]) -> list[Row]:
    """The rows with each table printed in strips put back together (line numbers counted again when any was)."""
    tables = _tables(rows)
    out: list[Row] = []
    done = 0  # rows of `rows` already given to `out`
    i = 0
    while i < len(tables):
        first = tables[i]
        second = tables[i + 1] if i + 1 < len(tables) else None
        between = rows[first[1] : second[0]] if second else []
        if (
            second is None
            or not all(r.blank or declared_unit(r) for r in between)
            or not _strips(rows[first[0] : first[1]], rows[second[0] : second[1]])
        ):
            i += 1
            continue
        out += rows[done : first[0]]
        out += [
            Row(
                left.cells + right.cells,
                left.line,
                left.page,
                left.edges + right.edges,
                top=left.top,
                foot=left.foot,
                breaks=right.breaks,
            )
            for left, right in zip(rows[first[0] : first[1]], rows[second[0] : second[1]])
        ]
        out += between  # (a unit line atop the second strip; nothing else stands between strips)
        done = second[1]
        i += 2
    if not done:
        return rows
    out += rows[done:]
    return [replace(row, line=n) for n, row in enumerate(out, 1)]


def _tables(rows: list[Row]) -> list[tuple[int, int]]:
    """(start, end) of each run of ruled rows (rows with cell edges) in the same columns: a page whose rows stand in
    other columns than the page before's begins another."""
    runs: list[tuple[int, int]] = []
    start = None
    for n, row in enumerate([*rows, Row([], 0)]):
        if start is not None and (
            not row.edges or row.page != rows[n - 1].page and not _same_columns(row, rows[n - 1])
        ):
            runs.append((start, n))
            start = None
        if row.edges and start is None:
            start = n
    return runs


def _same_columns(row: Row, other: Row) -> bool:
    return len(row.edges) == len(other.edges) and all(abs(a - b) <= SLACK for a, b in zip(row.edges, other.edges))


def _fields(header: Row) -> set[str]:
    return {field for cell in header.cells if cell.strip() and (field := column(cell))}


def _strips(first: list[Row], second: list[Row]) -> bool:
    """Whether two ruled tables are one table's strips: the second on later pages, both as many rows breaking over
    their pages alike, its header's cells column labels other than the first's, and the two headers naming a name
    column and a target column only together."""
    if len(first) != len(second) or len(first) < 2 or second[0].page <= first[-1].page:
        return False
    if len({right.page - left.page for left, right in zip(first, second)}) > 1:
        return False  # (a strip's rows fall on its pages as the other's do: the same rows, the same breaks)
    if any(left.top and right.top and abs(left.top - right.top) > SLACK for left, right in zip(first, second)):
        return False  # (… and stand level with them: a form's head, then another table on the next page)
    labels = [cell for cell in second[0].cells if cell.strip()]
    mine, theirs = _fields(first[0]), _fields(second[0])
    if not labels or len(theirs) < len(set(labels)) - 1 or mine & theirs:
        return False
    if not mine & {"level1", "level2"} and not any(head_field(cell) == "name" for cell in first[0].cells):
        return False  # the first is no goal table's part (a 支出表 above a goal table of as many rows)
    together = mine | theirs
    return {"name", "target"} <= together and not {"name", "target"} <= mine
