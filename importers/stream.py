"""Parse a document too large to hold whole, chunk by chunk, into the records `parse_rows` gives.

No layout knows about this. The layout is chosen on the first rows; each chunk of rows is then parsed by
the layout's own parser. A chunk's last project may be cut off by the chunk's end, so it is held back and
the next chunk starts again from the last project kept: the first chunk's *preamble* (the rows above its
first project: title, table header), then that project's rows and the rows after them. The project read
again must come out exactly as it did: that proves the chunk starts in the state the whole document would
be in there (e.g. the department a unit row above set). When it does not, the rows above it are tried, one
at a time, as *context* placed after the preamble, until one gives that state; when none does, the
document cannot be read in pieces and an error says so. Warnings stay with the projects whose rows they
name ('第 N 行…', 'line N: …'); warnings that name no line come from the last chunk.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from itertools import chain, islice
from typing import Iterable, Iterator, Sequence

from importers import choose_layout, cover, no_projects, unread
from importers.layouts import Layout
from importers.readers.common import MAX_ROWS
from importers.records import ParseError, RawDocument, RawProject, Row
from importers.registry import SAMPLE_ROWS

CHUNK_ROWS = 50_000  # rows read per chunk …
CHUNK_CHARS = 8 << 20  # … or characters, when that many come first
SETTLE_ROWS = 1_000  # an error that recurs with this many more rows read is the document's own
_LINE = re.compile(r"^(?:第 (\d+) 行|line (\d+):)")


def parse_stream(rows: Iterable[Row], chunk_rows: int = CHUNK_ROWS) -> Iterator[RawDocument]:
    """The document in pieces: each holds the next projects and their warnings, and the document's fields.

    Raises UnknownLayout or ParseError as `parse_rows` does, at any piece; all pieces together hold what
    `parse_rows` would give for the whole document (the layout chosen on the first chunk).
    """
    source = iter(rows)
    body: list[Row] = []
    ended = _read(body, source, max(chunk_rows, SAMPLE_ROWS))
    layout = choose_layout(body)
    head: RawDocument | None = None  # the document's fields, from the first piece
    preamble: list[Row] = []
    context: list[Row] = []
    known: RawProject | None = None  # the last project given, read again at the start of `body`
    low: int | None = None  # warnings naming an earlier line went with an earlier piece
    failure = ""
    while True:
        lead = preamble + context if known is not None else []
        try:
            doc = layout.parse(lead + body)
        except ParseError as exc:  # perhaps from rows cut off at the chunk's end: read on, and give up if it recurs
            if ended or str(exc) == failure:
                raise
            failure = str(exc)
            ended = _read(body, source, max(chunk_rows, SETTLE_ROWS), lead)
            continue
        doc.warnings += unread(lead + body, doc)  # (by line: each piece tells its own rows, as parse_rows does)
        projects = doc.projects
        if known is not None:
            if projects[:1] != [known]:
                raise _cannot_split(layout, known)
            projects = projects[1:]
        if not ended and len(projects) < 2:  # nothing to keep yet: the chunk ends inside its first project
            ended = _read(body, source, chunk_rows, lead)
            continue
        if head is None:
            if not projects:
                raise no_projects(layout)
            head = replace(doc, projects=[], warnings=[])
            cover.fill(head, body)
            preamble = body[: _index(body, projects[0], layout)]
        high = None if ended else projects[-1].line
        kept = projects if ended else projects[:-1]
        piece = replace(head, projects=[replace(p) for p in kept], warnings=_warnings(doc.warnings, low, high))
        cover.place(piece, lead + body)  # (the lines above each of its forms; `known` is read again as it was parsed)
        yield piece
        if ended:
            return
        start, end = _index(body, kept[-1], layout), _index(body, projects[-1], layout)
        above = body[0 if known is not None else len(preamble) : start]
        context = _context(layout, preamble, context, above, body[start:end], kept[-1], _lines(doc.projects))
        known, low, failure = kept[-1], high, ""
        body = body[start:]
        ended = _read(body, source, chunk_rows, preamble + context)


def _read(body: list[Row], source: Iterator[Row], count: int, lead: Sequence[Row] = ()) -> bool:
    """Append up to `count` rows (and about CHUNK_CHARS characters) from `source` to `body`; True at its end."""
    chars = read = 0
    for read, row in enumerate(islice(source, count), 1):  # noqa: B007 (read: how many, after the loop)
        body.append(row)
        chars += sum(map(len, row.cells))
        if chars > CHUNK_CHARS:
            break
    if read < count and chars <= CHUNK_CHARS:
        return True
    if len(lead) + len(body) > MAX_ROWS:
        raise ParseError(
            f"第 {body[0].line} 行：一个项目超过 {MAX_ROWS:,} 行，太大无法读取 "
            f"line {body[0].line}: one project runs over more than {MAX_ROWS:,} rows: too large to read"
        )
    return False


def _index(body: list[Row], project: RawProject, layout: Layout) -> int:
    """Where the project's first row is in `body` (rows in line order)."""
    lines = [row.line for row in body]
    i = bisect.bisect_left(lines, project.line)
    if i == len(lines) or lines[i] != project.line:
        raise _cannot_split(layout, project)
    return i


def _lines(projects: list[RawProject]) -> set[int]:
    """The lines a record of these projects names."""
    lines = set()
    for p in projects:
        lines.add(p.line)
        lines.update(r.line for records in (p.indicators, p.evaluation, p.budget_lines) for r in records)
    return lines


def _context(
    layout: Layout,
    preamble: list[Row],
    context: list[Row],
    above: list[Row],
    rows: list[Row],
    known: RawProject,
    named: set[int],
) -> list[Row]:
    """Rows to put after the preamble so that the known project (`rows`) reads as it did.

    The context so far, else nothing, else one of the rows `above` it that no record names (nearest first).
    """

    def reads_as_before(candidate: list[Row]) -> bool:
        try:
            return layout.parse(preamble + candidate + rows).projects == [known]
        except ParseError:
            return False

    nearest = ([row] for row in reversed(above) if not row.blank and row.line not in named)
    for candidate in chain([context], [[]] if context else [], nearest):
        if reads_as_before(candidate):
            return candidate
    raise _cannot_split(layout, known)


def _cannot_split(layout: Layout, project: RawProject) -> ParseError:
    return ParseError(
        f"第 {project.line} 行：太大，无法整体读取，此版式也不能分段读取：请拆分文件 "
        f"line {project.line}: too large to read whole, and this {layout.name} document cannot be "
        "read in pieces here: split the file"
    )


def _warnings(warnings: list[str], low: int | None, high: int | None) -> list[str]:
    """The warnings naming a line in [low, high), and when this is the last piece (high None) those naming none."""
    kept = []
    for warning in warnings:
        match = _LINE.match(warning)
        if match is None:
            if high is None:
                kept.append(warning)
            continue
        line = int(match.group(1) or match.group(2))
        if (low is None or line >= low) and (high is None or line < high):
            kept.append(warning)
    return kept
