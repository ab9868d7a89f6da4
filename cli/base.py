"""What the typer app (cli.app) and the typer-free `kb search` (cli.entry) share: where the knowledge base is,
opening it, JSON and table output, printing the one-line error (kb.errors.describe says it), and the search
command itself. No typer here."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from kb.vocab.text import UNSAFE, escape, shown


SEARCH_LIMIT = 20  # `kb search`'s default --limit
OUT_LIMIT = 1000  # kb search --out's default: kb.find.hits_file.OUT_LIMIT (importing it takes 0.5 s)


def print_error(message: str, details: Iterable[str] = ()) -> None:
    """The one-line error, then each line of what it sums up (KbError.details) under it."""
    print(f"kb: 错误 error: {shown(message)}", file=sys.stderr)
    for line in details:
        print(f"  {shown(line)}", file=sys.stderr)


def _json_escape(match: re.Match) -> str:
    """A character json.dumps leaves as it is (DEL, C1, bidi controls) as a JSON escape of the same character; an
    undecodable byte of a file name as the text `\\xbc` (kb.vocab.text.path_text)."""
    char = match.group()
    return "\\" + escape(char) if "\udc80" <= char <= "\udcff" else f"\\u{ord(char):04x}"


def print_json(data) -> None:
    """JSON on stdout, the data exact (C0 controls escaped by json, the others by `_json_escape`)."""
    sys.stdout.write(UNSAFE.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


UNWRAPPED = 100_000  # columns of output that is not a terminal: a row of a table stays one line


def console(stderr: bool = False):
    """Rich output to stdout (or stderr). Not to a terminal (a file, a pipe to grep or less) and without $COLUMNS,
    each row of a table is one line however long, not wrapped at Rich's 80 columns, and no line ends in blanks."""
    from rich.console import Console

    if stderr or sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console(stderr=stderr, highlight=False, soft_wrap=False)
    return Console(file=_Trimmed(sys.stdout), highlight=False, soft_wrap=False, width=UNWRAPPED)


class _Trimmed:
    """A stream that drops the spaces ending each line: a table's cells padded to its widest row, which in a file
    are hundreds of blanks after a short label."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(_LINE_END_SPACES.sub("\n", text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


_LINE_END_SPACES = re.compile(r" +\n")


def db_path(given: Path | None) -> Path:
    """--db if given, else $KB_DB, else the user's data directory."""
    from kb.paths import default_db_path

    return given or default_db_path()


def is_new(path: Path) -> bool:
    """Whether opening `path` starts a new knowledge base (filled from the seeds)."""
    return not path.exists() or path.stat().st_size == 0


def open_kb(path: Path, bootstrap: bool = True) -> sqlite3.Connection:
    """Open the knowledge base; a new one is first filled from the bundled sample documents."""
    from kb.db import connect

    new = is_new(path)
    conn = connect(path)
    if new and bootstrap:
        from kb.ingest.run import import_seeds

        results = import_seeds(conn)
        projects = sum(r.projects for r in results)
        indicators = sum(r.indicators for r in results)
        print(
            f"kb: 已用自带的示例文件建立知识库 created {path} from the bundled sample documents "
            f"({len(results)} documents, {projects} projects, {indicators} indicators)",
            file=sys.stderr,
        )
    return conn


def file_options(out: Path | None, force: bool, as_json: bool) -> None:
    """Refuse --force without --out and --json with it, which would otherwise pass unheeded."""
    from kb.errors import KbError

    if force and out is None:
        raise KbError("--force 只与 --out 同用（覆盖已有的文件） only with --out")
    if as_json and out is not None:
        raise KbError("--json 与 --out 不能同用：--out 写文件，--json 打印 either write a file or print JSON")


def part_of_name(text: str | None) -> str | None:
    """A filter's part of a name as meant: the spaces around it dropped, a blank one no filter (`--region " "`, an
    empty variable in a script, filtered on a space and found nothing)."""
    return (text or "").strip() or None


def search(
    conn: sqlite3.Connection,
    query: str,
    region: str | None,
    year: int | None,
    level: str | None,
    limit: int,
    as_json: bool,
    offset: int = 0,
    out: Path | None = None,
    force: bool = False,
    department: str | None = None,
) -> None:
    """`kb search`: run it and print the JSON or the tables (rich is imported for tables only), or write the hits
    to a file (`out`)."""
    from kb.find.search import Filters, search as run_search

    region, department = part_of_name(region), part_of_name(department)
    filters = Filters(region, year, level, department)
    if out is not None:
        from kb.find.hits_file import write_search

        how = "要覆盖请加 --force，或换一个文件名"
        result, indicators, projects = write_search(conn, query, filters, out, limit, offset, force, how)
        evaluated = f"，{len(result.evaluated)} 条自评 self-evaluated rows" if result.evaluated else ""
        print(shown(f"已写出 wrote {out}：{indicators} 个指标 indicators，{projects} 个项目 projects{evaluated}"))
        if result.indicator_total > indicators or result.project_total > projects:
            from kb.find.counts import count_text

            all_of = f"共 {count_text(result.indicator_total)} 个指标、{count_text(result.project_total)} 个项目"
            print(f"{all_of}；用 --limit 写更多 use --limit for more")
        return
    result = run_search(conn, query, filters, limit, offset)
    if as_json:
        print_json(result.as_dict())
        return
    from cli import render as render

    render.search_result(console(), result, filters)
    if region and not (result.indicator_total or result.project_total or result.evaluated_total):
        from kb.find.queries import departments_named

        render.region_is_a_department(console(), region, departments_named(conn, region))
