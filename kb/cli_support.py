"""What every `kb` command shares: opening the knowledge base, JSON and table output, one-line errors."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from pathlib import Path

import typer

from kb.errors import KbError

JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str) -> typer.Exit:
    """Print a one-line error on stderr and return the exit to raise."""
    print(f"kb: error: {message}", file=sys.stderr)
    return typer.Exit(1)


def handles_errors(command):
    """Turn KbError (and database errors) into one clear line and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KbError as exc:
            raise fail(str(exc)) from None
        except sqlite3.Error as exc:
            raise fail(f"database error: {exc}") from None

    return wrapper


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def db_path(ctx: typer.Context) -> Path:
    from kb.paths import default_db_path

    return ctx.obj["db"] or default_db_path()


def open_kb(ctx: typer.Context, bootstrap: bool = True) -> sqlite3.Connection:
    """Open the knowledge base; a new one is first filled from the bundled sample documents."""
    from kb.db import connect

    path = db_path(ctx)
    new = not path.exists() or path.stat().st_size == 0
    conn = connect(path)
    if new and bootstrap:
        from kb.ingest import import_seeds

        results = import_seeds(conn)
        projects = sum(r.projects for r in results)
        indicators = sum(r.indicators for r in results)
        print(f"kb: created {path} from the bundled sample documents "
              f"({len(results)} documents, {projects} projects, {indicators} indicators)", file=sys.stderr)
    return conn
