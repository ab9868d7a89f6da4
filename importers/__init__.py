"""Importers: read a published goal document into plain records (see `records`).

`parse_file(path)` is the one entry point: reader → layout detection → layout parser. A text file too large
to hold whole is read as a stream (`readers.RowStream`) and parsed chunk by chunk (`stream.parse_stream`).
"""

from __future__ import annotations

from pathlib import Path

from importers.layouts import Layout
from importers.readers import UnreadableFile, read_rows
from importers.records import ParseError, RawDocument
from importers.registry import detect_layout

__all__ = ["parse_file", "parse_rows", "UnknownLayout", "UnreadableFile", "ParseError"]


class UnknownLayout(ValueError):
    """No layout parser recognises the document."""


def parse_rows(rows) -> RawDocument:
    layout = choose_layout(rows)
    doc = layout.parse(rows)
    if not doc.projects:
        raise no_projects(layout)
    return doc


def choose_layout(rows) -> Layout:
    """The layout the rows look like; raises UnknownLayout."""
    layout, _scores = detect_layout(rows)
    if layout is None:
        raise UnknownLayout("layout unknown: not a goal table this version can read")
    return layout


def no_projects(layout: Layout) -> ParseError:
    """The error for a document in `layout` from which no project could be read."""
    return ParseError(f"recognised as {layout.name} but no project could be read")


def parse_file(path: Path) -> RawDocument:
    """Read and parse one document; raises UnreadableFile, UnknownLayout or ParseError."""
    return parse_rows(read_rows(Path(path)))
