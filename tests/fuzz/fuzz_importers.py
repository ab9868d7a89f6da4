"""Any bytes into the importers: records or a one-line error, never a traceback — and a document read in chunks
(as a file too large to hold whole is) gives exactly the records of the whole read, or a clear refusal.

The first byte picks the extension the bytes come under; the rest is the file. Seeds: the sample documents
and the committed .pdf/.xls fixtures.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import atheris
from common import ROOT, one_line, run

with atheris.instrument_imports(include=["importers"]):
    import importers
    from importers.readers import EXTENSIONS, read_bytes
    from importers.stream import parse_stream

    for module in pkgutil.walk_packages(importers.__path__, "importers."):  # readers and layouts load lazily
        importlib.import_module(module.name)

SUFFIXES = sorted(EXTENSIONS)
EXPECTED = (importers.UnreadableFile, importers.UnknownLayout, importers.ParseError)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    suffix, data = SUFFIXES[data[0] % len(SUFFIXES)], data[1:]
    try:
        rows = read_bytes(data, suffix)
        whole = importers.parse_rows(rows)
    except EXPECTED as exc:
        one_line(exc)
        return
    assert whole.projects
    try:
        pieces = list(parse_stream(iter(rows), chunk_rows=1 + data[-1] % 8))
    except (importers.UnknownLayout, importers.ParseError) as exc:  # a refusal to cut, never wrong records
        one_line(exc)
        return
    streamed = dataclasses.replace(
        pieces[0],
        projects=[p for piece in pieces for p in piece.projects],
        warnings=[w for piece in pieces for w in piece.warnings],
    )
    assert streamed == whole, "the document read in chunks differs from the whole read"


def seeds() -> list[bytes]:
    """The sample documents as text, and one of each other committed format (PDFs are slow to fuzz: one is enough)."""
    fixtures = ROOT / "tests" / "fixtures"
    files = [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *fixtures.glob("*.tsv"),
        *fixtures.glob("label_lines.txt"),
        fixtures / "seed001.xls",
        fixtures / "word97.doc",
        fixtures / "seed001.pdf",
    ]
    return [bytes([SUFFIXES.index(path.suffix)]) + path.read_bytes() for path in files]


if __name__ == "__main__":
    run("importers", test_one_input, seeds())
