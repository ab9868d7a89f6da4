"""The typer side of what every `kb` command shares (the rest, typer-free, is in cli.base)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import typer

from cli import base
from cli.base import console, print_error, print_json
from kb.errors import USER_ERRORS, describe

__all__ = [
    "DepartmentOpt",
    "JsonOpt",
    "RegionOpt",
    "console",
    "db_path",
    "fail",
    "handles_errors",
    "open_kb",
    "print_json",
]

JsonOpt = typer.Option(
    False, "--json", help="输出 JSON（供程序读取），不输出表格。 Print machine-readable JSON instead of a table."
)
ForceOpt = typer.Option(False, "--force", "-f", help="覆盖已有的同名文件 overwrite a file that is already there.")
# a list's filters by a part of a name (kb projects, kb evaluations); a department also by its short name
RegionOpt = typer.Option(
    None, help="只列这个地区（名称的一部分）。 Only this region (a part of its name).", callback=base.part_of_name
)
DepartmentOpt = typer.Option(
    None,
    help="只列这个部门（名称的一部分，或 人社、住建 等简称）。 Only this department (a part of its name, or its "
    "short name).",
    callback=base.part_of_name,
)


def fail(message: str, details: Iterable[str] = ()) -> typer.Exit:
    """Print a one-line error (and the lines it sums up) on stderr and return the exit to raise."""
    print_error(message, details)
    return typer.Exit(1)


def handles_errors(command):
    """Turn KbError (and database errors) into one clear line and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except USER_ERRORS as exc:
            raise fail(describe(exc), getattr(exc, "details", ())) from None

    return wrapper


def db_path(ctx: typer.Context) -> Path:
    return base.db_path(ctx.obj["db"])


def open_kb(ctx: typer.Context, bootstrap: bool = True) -> sqlite3.Connection:
    """Open the knowledge base; a new one is first filled from the bundled sample documents."""
    return base.open_kb(db_path(ctx), bootstrap)
