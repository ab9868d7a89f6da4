"""Text lines outside a PDF's ruled tables: characters grouped into lines, a line's text and its pieces split at wide
gaps, a cell's lines joined where they wrapped, and the lines of a table drawn without vertical rules cut into the
columns of its header line."""

from __future__ import annotations

import bisect
import re

from importers.records import Row

CELL_GAP = 1.5  # a gap this many font sizes wide between two characters of a text line starts a new cell
WORD_GAP = 0.25  # between two Latin letters without a space character, a wider gap is a space
WRAP_MARGIN = 1.5  # a cell's line ending within this many font sizes of the right edge wrapped
_LATIN = re.compile(r"[A-Za-z]")


def text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (by their baseline), each line left to right."""
    lines: list[list[dict]] = []
    base = 0.0
    for char in sorted(chars, key=lambda c: (round(c["base"], 1), c["x0"])):
        here = char["base"]
        if lines and abs(here - base) <= lines[-1][0]["size"] / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
            base = here
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def line_text(line: list[dict]) -> str:
    """A line's text: the document's own spaces (a run of them as one); between two Latin letters a wide gap
    without a space character is a space too. No space is made up between Chinese characters or digits."""
    text = ""
    before = None
    for char in line:
        if char["text"] == " ":
            if text and not text.endswith(" "):
                text += " "
            continue
        if (
            before is not None
            and not text.endswith(" ")
            and _LATIN.match(before["text"])
            and _LATIN.match(char["text"])
            and char["x0"] - before["x1"] > WORD_GAP * char["size"]
        ):
            text += " "
        text += char["text"]
        before = char
    return text.strip()


def wrapped_text(chars: list[dict], right: float) -> str:
    """A cell's lines, joined where the text wrapped at the right edge, else with a line break."""
    text = ""
    wrapped = False
    for line in text_lines(chars):
        piece = line_text(line)
        if not piece:
            continue
        if text:
            latin = _LATIN.match(text[-1]) and _LATIN.match(piece[0])
            text += (" " if latin else "") if wrapped else "\n"
        text += piece
        wrapped = right - line[-1]["x1"] < WRAP_MARGIN * line[-1]["size"]
    return text


def spans(line: list[dict]) -> list[tuple[float, float, str]]:
    """A text line's pieces split where the gap is wide (CELL_GAP font sizes), each with its left and right x."""
    line = [c for c in line if c["text"] != " "] or line
    found, start = [], 0
    for i in range(1, len(line) + 1):
        if i == len(line) or line[i]["x0"] - line[i - 1]["x1"] > CELL_GAP * line[i]["size"]:
            found.append((line[start]["x0"], line[i - 1]["x1"], line_text(line[start:i])))
            start = i
    return found


def under_headers(lines: list[list[dict]]) -> list[tuple[list[dict], list[str]]]:
    """Text lines as cells (each line's characters and its cells), split where the gap is wide; but the lines of a
    table drawn without vertical rules, under its header line (a line naming an indicator and a target column), cut
    into the header's columns by where their characters stand, not by the gaps between
    them: columns closer than CELL_GAP were glued ('…运行维护产出指标'), and a row short of a cell was padded on
    the left. A column begins where its data lines begin (a header word is often centred over left-aligned data).
    A table's title, a form's head label or a line over three columns ends the table. (A cell wrapped to a second
    line is still a row of its own: with the other cells centred on it, lines alone do not tell its rows.)"""
    from importers.columns import column

    pieces = [spans(line) for line in lines]
    found = [(line, [text for _, _, text in line_pieces]) for line, line_pieces in zip(lines, pieces)]
    edges: list[float] = []
    end = 0  # the line after the table under the last header line
    for i, line in enumerate(lines):
        kinds = {column(text) for _, _, text in pieces[i]}
        if len(pieces[i]) >= 3 and "name" in kinds and kinds & {"target", "period_target"}:
            end = i + 1
            while end < len(lines) and not _ends_table(pieces[end], pieces[i]):
                end += 1
            edges = _column_edges(pieces[i], pieces[i + 1 : end])
            continue
        if i >= end:
            continue
        cells: list[list[dict]] = [[] for _ in edges]
        for char in line:
            if char["text"] != " ":
                cells[max(bisect.bisect(edges, (char["x0"] + char["x1"]) / 2) - 1, 0)].append(char)
        found[i] = (line, [line_text(chars) if chars else "" for chars in cells])
    return found


def _ends_table(spans: list[tuple[float, float, str]], header: list[tuple[float, float, str]]) -> bool:
    """Whether a line is no row of the table under `header`: a label of a form's head (the next form begins), a
    table's title, or one piece of text over three or more of its columns."""
    from importers.columns import head_field
    from importers.segments import title

    if any(head_field(text) not in ("", "other") for _, _, text in spans):
        return True
    if len(spans) != 1:
        return False
    x0, x1, text = spans[0]
    return title(Row([text], 0)) != "" or sum(1 for h0, h1, _ in header if x0 < h1 and h0 < x1) >= 3


def _column_edges(header: list[tuple[float, float, str]], rows: list[list[tuple[float, float, str]]]) -> list[float]:
    """Each column's left edge: where the data under its header word begins (the leftmost piece starting after the
    word before it ends), else the word's own start."""
    starts = [x0 for spans in rows for x0, _, _ in spans]
    edges = []
    for k, (h0, h1, _) in enumerate(header):
        after = header[k - 1][1] if k else float("-inf")
        edges.append(min([h0, *(x for x in starts if after < x <= h1)]))
    return edges
