"""`kb library …`: an indicator library of one's own (指标库), a thin face over kb.drafting.library."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.options import JsonOpt, console, handles_errors, open_kb, print_json
from kb.errors import KbError
from kb.vocab.text import shown

EMPTY = "指标库是空的，先用 kb library import 导入指标库表格 the library is empty: kb library import FILE"

library_app = typer.Typer(
    help="指标库：导入财政部门下发的指标库表格，检索其指标；起草时按指标名称自动关联 "
    "an indicator library of one's own: import a bureau's 指标库 spreadsheet, search it; a draft's rows of the "
    "same name take its texts.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _value(target: str | None, unit: str | None) -> str:
    """'≥90%'; the unit added when the value does not end with it."""
    target, unit = target or "", unit or ""
    return target + unit if target and unit and not target.endswith(unit) else target or unit


def _table(title: str, rows: list[dict]) -> None:
    from rich import box
    from rich.table import Table

    from cli.render import add_row

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("ID", "行业/领域", "一级指标", "二级指标", "三级指标", "指标解释", "参考值", "评（扣）分标准"):
        table.add_column(col, overflow="fold")
    for r in rows:
        add_row(
            table,
            r["id"],
            r["sector"],
            r["level1"],
            r["level2"],
            r["name"],
            r["explanation"],
            _value(r["target"], r["unit"]),
            r["scoring"],
        )
    console().print(table)


@library_app.command("import", short_help="导入指标库表格 Import a 指标库 spreadsheet")
@handles_errors
def import_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="指标库表格 the library spreadsheet (.xlsx, .xls, .csv)."),
) -> None:
    """导入一份指标库表格（按表头识别各列；再次导入同一文件则替换） import a 指标库 spreadsheet (columns found by
    their headers; the same file again replaces what it gave)."""
    from kb.drafting.drafts import take_library
    from kb.drafting.library import import_file

    conn = open_kb(ctx)
    done = import_file(conn, path)
    again = f"，替换了之前的 {done.replaced} 条 replacing {done.replaced}" if done.replaced else ""
    print(shown(f"已导入 imported {done.entries} 条指标 library entries from {path}{again}"))
    for name, rows in take_library(conn).items():
        print(
            shown(f"草稿 {name!r}：{rows} 行补上了指标库的说明 rows took the library's texts（kb draft undo 可撤销）")
        )
    print("下一步 next: kb library search 满意度；kb draft add 草稿 指标名称 会带上指标库中的说明 the library's texts")


@library_app.command("remove", short_help="移除一份表格的条目 Take out a spreadsheet's entries")
@handles_errors
def remove_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="导入过的指标库表格（路径或文件名） a file imported."),
) -> None:
    """移除一份指标库表格导入的全部条目（草稿中已带上的说明保留） take out the entries a spreadsheet gave (drafts
    keep the texts they took)."""
    from kb.drafting.library import remove_file

    file, removed = remove_file(open_kb(ctx), path)
    print(shown(f"已移除 removed {removed} 条指标库条目 library entries of {file}"))


@library_app.command("list", short_help="列出指标库条目 List the entries")
@handles_errors
def list_cmd(
    ctx: typer.Context,
    limit: int = typer.Option(50, min=1, help="显示条数 how many entries."),
    offset: int = typer.Option(0, min=0, help="跳过前几条 skip this many first."),
    as_json: bool = JsonOpt,
) -> None:
    """列出指标库条目（按导入顺序） list the library's entries in the order imported."""
    from kb.drafting.library import files, list_entries

    conn = open_kb(ctx)
    total, rows = list_entries(conn, limit, offset)
    if as_json:
        print_json({"total": total, "files": [{"file": f, "entries": n} for f, n in files(conn)], "entries": rows})
    elif not total:
        print(EMPTY)
    else:
        for file, entries in files(conn):
            print(shown(f"来自 from {file}：{entries} 条 entries（kb library remove 可移除）"))
        _table(f"指标库 library: {total} 条 entries (showing {offset + 1}–{offset + len(rows)})", rows)


@library_app.command("search", short_help="检索指标库 Search the library")
@handles_errors
def search_cmd(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="指标名称或其中的词 an indicator name or words of it."),
    limit: int = typer.Option(20, min=1, help="显示条数 how many entries."),
    as_json: bool = JsonOpt,
) -> None:
    """检索指标库：名称（先）和指标解释 search the library: names first, then explanations."""
    from kb.drafting.library import files, search

    if not query.strip():
        raise KbError(
            "查询为空，请给出指标名称或其中的词，如 kb library search 满意度 empty query: give an indicator name"
        )
    conn = open_kb(ctx)
    rows = search(conn, query, limit)
    if as_json:
        print_json(rows)
    elif not rows and not files(conn):
        print(EMPTY)
    elif not rows:
        print(shown(f"指标库中没有 {query} no library entry matches"))
    else:
        _table(f"指标库 library: {len(rows)} 条 entries", rows)


def register(app: typer.Typer) -> None:
    """Add `kb library …` to the app."""
    app.add_typer(library_app, name="library", short_help="指标库：导入和检索 An indicator library: import, search")
