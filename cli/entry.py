"""The `kb` console script and `python -m kb`: `kb search` without typer, everything else through it.

Importing typer, click and the other commands takes longer than the search itself, so the usual forms of
`kb [--db PATH] search QUERY [--region R] [--year Y] [--department D] [--level L] [--limit N] [--offset N] [--json]`
are parsed here the way click parses them (options in any order, `--opt=value`, `--` before a query that starts with
a dash, the last of a repeated option wins) and run directly. Anything else, or anything this parser is not sure
typer would run the same way (other commands, --help, unknown options, values typer would reject, a knowledge base
that does not exist yet, shell completion), goes to the typer app (cli.app.main) unchanged, so help and error texts
are the same either way.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from cli.base import SEARCH_LIMIT, db_path, is_new, open_kb, print_error, search
from kb.errors import USER_ERRORS, describe

_VALUED = ("--region", "--year", "--department", "--level", "--limit", "--offset")
TO_TYPER = ("--out", "--force")  # writing the hits to a file: not a latency a user waits on, typer runs it
_MAX_DIGITS = 9  # longer numbers go to typer (SQLite integers overflow at 2**63)


def _number(text: str) -> int | None:
    """`text` as click's int would read it, when it is plain ASCII digits; None for typer to judge."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS else None


def _value(name: str, text: str | None):
    """An option's value as typer would pass it, or None when typer should see the arguments."""
    if text is None or text.startswith("-"):
        return None
    if name in ("--year", "--limit", "--offset"):
        number = _number(text)
        return None if number is None or (name == "--limit" and number < 1) else number
    return text


def _utf8(arg: str) -> bool:
    """False for an argument holding bytes that are not UTF-8 (surrogate escapes): typer's to judge."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse(args: list[str]) -> dict | None:
    """The arguments of `kb search` in `args` (sys.argv[1:]) as run() takes them, plus "db" (the --db value
    or None); None when `args` are anything else."""
    if not all(_utf8(arg) for arg in args):
        return None
    db, rest = None, iter(args)
    for arg in rest:
        if arg == "search":
            break
        name, eq, text = arg.partition("=")
        text = text if eq else next(rest, None)
        if name != "--db" or not text or text.startswith("-"):
            return None
        db = Path(text)
    else:
        return None
    found = {
        "db": db,
        "region": None,
        "year": None,
        "level": None,
        "department": None,
        "limit": SEARCH_LIMIT,
        "offset": 0,
        "as_json": False,
    }
    queries = []
    for arg in rest:
        if arg == "--":
            queries += rest
        elif arg.startswith("-") and arg != "-":
            name, eq, text = arg.partition("=")
            if name == "--json" and not eq:
                found["as_json"] = True
                continue
            if name not in _VALUED:
                return None
            value = _value(name, text if eq else next(rest, None))
            if value is None:
                return None
            found[name[2:]] = value
        else:
            queries.append(arg)
    if len(queries) != 1:
        return None
    return {**found, "query": queries[0]}


def run(
    path: Path,
    query: str,
    region: str | None,
    year: int | None,
    level: str | None,
    limit: int,
    as_json: bool,
    offset: int = 0,
    department: str | None = None,
) -> int:
    """`kb search` on the knowledge base at `path` as the typer app runs it: the same output, the same one-line
    error and the same exit code (typer's for ^C and a closed pipe)."""
    try:
        search(open_kb(path), query, region, year, level, limit, as_json, offset, department=department)
    except USER_ERRORS as exc:
        print_error(describe(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from click.utils import PacifyFlushWrapper  # only here: what typer does when the reader went away

        sys.stdout, sys.stderr = PacifyFlushWrapper(sys.stdout), PacifyFlushWrapper(sys.stderr)
        return 1
    return 0


def main() -> None:
    request = None if os.environ.get("_KB_COMPLETE") else parse(sys.argv[1:])  # shell completion: typer's
    if request is not None:
        path = db_path(request.pop("db"))
        if not is_new(path):
            sys.exit(run(path, **request))
    from cli.app import main as typer_main

    typer_main()
