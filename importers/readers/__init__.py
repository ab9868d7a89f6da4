"""Readers turn a file into rows of cells that the layout parsers understand.

The extension says which files to look at; the bytes say how to read them (`sniff`), so a .xls that
is really an .xlsx reads as one and a renamed image fails with a clear reason. Table rows are rows of
cells, text outside tables is one row per line. A merged cell's text is spread to every cell it covers,
across and down (.xlsx, .xls, .docx, and .pdf where a cell's box shows what it covers), as an officer's
"unmerge and fill" leaves a sheet; text exports keep it in the first cell only. Layouts read both.
Library errors become UnreadableFile with a one-line reason; `common` holds the size limits.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from importers.readers.common import MAX_BYTES, UnreadableFile
from importers.readers.sniff import sniff
from importers.records import Row

__all__ = ["EXTENSIONS", "UnreadableFile", "read_rows", "read_bytes"]

# extension → what to look for; the content still decides
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".tsv": "text", ".csv": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".docx": "docx", ".pdf": "pdf",
}
# content kind → (module in this package, function): imported only when a file of that kind comes
_READERS = {
    "text": ("text", "read_text_rows"), "csv": ("text", "read_csv_rows"), "xlsx": ("xlsx", "read"),
    "xls": ("xls", "read"), "docx": ("docx", "read"), "pdf": ("pdf", "read"),
}


def read_rows(path: Path) -> list[Row]:
    """Rows of cells from a file; raises UnreadableFile with a one-line reason."""
    if path.suffix.lower() not in EXTENSIONS:
        raise UnreadableFile(f"unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(f"too large: {size / 2**20:.0f} MiB (limit {MAX_BYTES >> 20} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(data, path.suffix.lower())


def read_bytes(data: bytes, suffix: str = ".txt") -> list[Row]:
    """Rows from a file's bytes; `suffix` only tells text from CSV when the content is text."""
    kind = sniff(data)
    if kind == "text" and EXTENSIONS.get(suffix) == "csv":
        kind = "csv"
    module, function = _READERS[kind]
    reader = getattr(importlib.import_module(f"importers.readers.{module}"), function)
    try:
        return reader(data)
    except UnreadableFile:
        raise
    except MemoryError:
        raise UnreadableFile(f"too large to read as {kind} within the memory limit") from None
    except RecursionError:
        raise UnreadableFile(f"corrupt {kind} file (nested too deeply)") from None
    except Exception as exc:  # a library's own error for a damaged file
        detail = " ".join(str(exc).split())[:120]
        raise UnreadableFile(f"corrupt or unreadable {kind} file ({type(exc).__name__}: {detail})") from None
