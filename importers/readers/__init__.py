"""Readers turn a file into rows of cells that the layout parsers understand."""

from __future__ import annotations

from pathlib import Path

from importers.readers.text import read_text_rows
from importers.records import Row

READERS = {".txt": read_text_rows, ".tsv": read_text_rows, ".text": read_text_rows}


class UnreadableFile(ValueError):
    """The file cannot be turned into rows (binary, empty, unknown encoding, unreadable)."""


def read_rows(path: Path) -> list[Row]:
    """Rows of cells from a file, chosen by its extension; raises UnreadableFile."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported file type {path.suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
    return reader(data)
