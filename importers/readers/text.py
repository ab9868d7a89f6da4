"""Plain-text documents: encoding detected from the bytes (UTF-8, BOMs, UTF-16, GB18030).

.txt/.tsv lines split on tabs; .csv rows split by the csv module (quoted cells may hold commas and
line breaks), on commas, or on semicolons or tabs when those separate the first lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from importers.readers.common import UnreadableFile
from importers.records import Row

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Decode document bytes; raises UnreadableFile for empty or binary data."""
    if not data.strip():
        raise UnreadableFile("empty file")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
    elif _looks_utf16(data):
        text = _strict(data, "utf-16-le" if data[1] == 0 else "utf-16-be")
    elif b"\x00" in data[:4096]:
        raise UnreadableFile("binary data, not a text document")
    else:
        text = _strict(data, "utf-8") or _strict(data, "gb18030")
    if text is None:
        raise UnreadableFile("not text in a known encoding (UTF-8, UTF-16, GB18030)")
    if len(_CONTROL.findall(text[:20000])) > max(3, len(text[:20000]) // 200):
        raise UnreadableFile("binary data, not a text document")
    return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, ValueError):
        return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-range characters leave NULs in every other byte."""
    head = data[:2000]
    if len(head) < 4 or len(head) % 2:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 8 and min(even, odd) == 0


def split_rows(text: str) -> list[Row]:
    """One row per line (CRLF, CR and LF all end a line), cells split on tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return [Row(cells=line.split("\t"), line=i) for i, line in enumerate(text.split("\n"), 1)]


def read_text_rows(data: bytes) -> list[Row]:
    return split_rows(decode(data))


def read_csv_rows(data: bytes) -> list[Row]:
    text = decode(data)
    head = text[:4096]
    delimiter = max(",;\t", key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append(Row(cells=[cell.replace("\t", " ") for cell in cells], line=reader.line_num))
    except csv.Error as exc:
        raise UnreadableFile(f"not a readable CSV file (line {reader.line_num}: {exc})") from None
    return rows
