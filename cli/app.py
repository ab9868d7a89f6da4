"""The `kb` command line: a thin face over the kb library (errors become one line and a non-zero exit)."""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from kb import __version__
from cli.base import OUT_LIMIT, SEARCH_LIMIT, file_options, part_of_name
from cli.base import search as search_command  # cli.entry runs it without typer too
from cli.drafts import register as register_draft_commands
from cli.help_words import install as install_help_words
from cli.library import register as register_library_commands
from cli.options import (
    DepartmentOpt,
    ForceOpt,
    JsonOpt,
    RegionOpt,
    console,
    db_path,
    fail,
    handles_errors,
    open_kb,
    print_json,
)
from kb.vocab.text import path_text, shown

install_help_words()
app = typer.Typer(
    help=(
        "绩效目标知识库 jixiao-kb：查阅并复用已公开的项目支出绩效目标表。 Search and reuse published "
        "budget performance goal tables."
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"jixiao-kb {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(
        None,
        "--db",
        help=("数据库文件（默认 $KB_DB，否则用户数据目录）。 Database file (default: $KB_DB, else the user data dir)."),
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本。 Show the version."
    ),
) -> None:
    """绩效目标知识库 jixiao-kb：查阅并复用已公开的项目支出绩效目标表。 Search and reuse published budget performance
    goal tables.

    在终端上不带命令运行时，打开应用（kb tui）。 With no command on a terminal, opens the app (kb tui)."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            tui(ctx)
        else:
            print(ctx.get_help())


@app.command("import", short_help="导入绩效目标文件 Import published goal tables")
@handles_errors
def import_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="文件或文件夹（递归查找）。 Files or folders (searched recursively)."),
    region: str = typer.Option("", help="原文未写地区时用的地区。 Region for documents whose text does not state it."),
    year: Optional[int] = typer.Option(
        None, help="原文未写年度时用的预算年度。 Budget year for documents whose text does not state it."
    ),
    department: str = typer.Option(
        "", help="原文未写部门时用的部门。 Department for documents whose text does not state it."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="只解析和报告，不写入。 Parse and report; write nothing."),
    explain: bool = typer.Option(
        False,
        "--explain",
        help=(
            "说明每个文件如何读取：各部分、读取它的版式（及得分）、跳过了什么及原因、每个项目的各行。"
            " Say how each file is read: its parts, the layout that read each (and its score), what was "
            "skipped and why, the rows of each project."
        ),
    ),
    report: Optional[Path] = typer.Option(
        None,
        "--report",
        metavar="FILE",
        help=(
            "把未导入或跳过的文件及原因写入文件（.csv 或 .md）。 Write the files that failed or were skipped, and why."
        ),
    ),
    as_json: bool = JsonOpt,
) -> None:
    """导入已公开的绩效目标文件（.txt .csv .xlsx .xls .et .docx .doc .wps .pdf .html .mht）；
    同一文件再导入不增加任何内容。

    Import published goal documents: one transaction per document; re-importing the same file adds nothing."""
    from kb.ingest.run import collect_files, import_paths, write_report
    from kb.ingest.write import Fallbacks

    conn = open_kb(ctx, bootstrap=False)
    walk = collect_files(paths, db_path(ctx))
    files = walk.files
    if explain:
        from kb.ingest.explain import explain as explained

        for path in files:
            print("\n".join(explained(path)))
    long = len(files) > 3 or sum(path.stat().st_size for path in files) > BAR_BYTES
    bar = (_ImportBar if sys.stderr.isatty() else _ImportLines)(files) if not as_json and long else None
    try:
        with bar or contextlib.nullcontext():
            results = import_paths(
                conn,
                walk,
                Fallbacks(region=region, year=year, department=department),
                dry_run=dry_run,
                progress=bar.advance if bar else None,
                reading=bar.reading if bar else None,
            )
    except KeyboardInterrupt:
        stored = f" {bar.state.stored} 个" if bar else ""
        print(
            f"kb: 已中断：已存入的{stored}文件保留，再次运行同一导入会存入其余的 "
            "interrupted: the documents stored so far are kept; the same import run again stores the rest",
            file=sys.stderr,
        )
        raise typer.Exit(130) from None
    if report:
        write_report(results, report)
    if as_json:
        print_json(
            [
                {
                    "path": path_text(r.path),
                    "status": r.status,
                    "message": r.message,
                    "layout": r.layout,
                    "projects": r.projects,
                    "department_wide": r.departments,
                    "indicators": r.indicators,
                    "self_evaluations": r.evaluations,
                    "warnings": r.warnings,
                }
                for r in results
            ]
        )
    else:
        _print_import_summary(results, dry_run)
    named = {path.resolve() for path in paths if not path.is_dir()}  # files asked for by name, not found in a folder
    if any(r.status == "failed" or r.status == "skipped" and r.path.resolve() in named for r in results):
        raise typer.Exit(1)


BAR_BYTES = 1 << 20  # a progress bar for more than this (a department budget's PDF of 1 MiB takes a few seconds)


class _ImportBar:
    """kb.ingest.progress drawn on stderr: bytes done of all files (for the ETA), files done, failures so far."""

    def __init__(self, files: list[Path]):
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        from kb.ingest.progress import ImportProgress

        self.state = ImportProgress(files)
        self.progress = Progress(
            TextColumn("导入 importing"),
            BarColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeRemainingColumn(),
            console=console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("import", total=self.state.total, counts=self.state.counts())

    def advance(self, result) -> None:
        self.progress.update(self.task, advance=self.state.file_done(result), counts=self.state.counts())

    def reading(self, path: Path, done: int) -> None:
        self.progress.update(self.task, advance=self.state.reading(path, done))

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()


class _ImportLines:
    """kb.ingest.progress as one line on stderr per file done, written at once: a log or a pipe (no terminal for a
    bar) shows what is stored as it goes, and after an interruption."""

    def __init__(self, files: list[Path]):
        from kb.ingest.progress import ImportProgress

        self.state = ImportProgress(files)

    def advance(self, result) -> None:
        from kb.ingest.progress import STATUS_NAMES

        self.state.file_done(result)
        print(
            shown(f"{self.state.counts()} · {STATUS_NAMES[result.status]}  {result.path}"), file=sys.stderr, flush=True
        )

    def reading(self, path: Path, done: int) -> None:
        self.state.reading(path, done)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def _print_import_summary(results, dry_run: bool) -> None:
    from cli.render import add_row
    from kb.ingest.progress import STATUS_NAMES, gave, summary
    from kb.ingest.run import follow_ups

    out, err = console(), console(stderr=True)
    for r in results:
        if r.status in ("imported", "replaced", "would import"):
            out.print(
                shown(
                    f"{STATUS_NAMES[r.status]}  {r.path}  [{r.layout}] {gave([r])}"
                    + (f" ({r.message})" if r.message else "")
                ),
                markup=False,
            )
            for w in r.warnings:
                out.print(shown(f"  警告 warning  {w}"), markup=False)
        elif r.status == "unchanged":
            out.print(shown(f"{STATUS_NAMES[r.status]}  {r.path}  ({r.message})"), markup=False)
    troubles = follow_ups(results)
    if len(results) == 1 and troubles:  # one file: one line naming it and what was wrong (a table wrapped it)
        [r] = troubles
        err.print(shown(f"{STATUS_NAMES[r.status]}  {r.path}：{r.message}"), markup=False, soft_wrap=True)
    elif troubles:
        from rich.table import Table

        table = Table(title="未导入 not imported", title_justify="left")
        for column in ("文件 file", "状态 status", "原因 reason"):
            table.add_column(column, overflow="fold")  # Chinese has no spaces to wrap at: folded, never cut
        for r in troubles:
            add_row(table, str(r.path), STATUS_NAMES.get(r.status, r.status), r.message)
        err.print(table)
    out.print(summary(results, dry_run), markup=False, soft_wrap=True)  # one line, for scripts too


@app.command(short_help="查指标和项目 Search indicators and projects")
@handles_errors
def search(
    ctx: typer.Context,
    query: str = typer.Argument(
        ...,
        help=(
            "指标名称、项目名称、概况或目标中的任意文字；空格隔开的几个词须都含有（顺序不限），引号内的是一个词组"
            '（"烟台 救助"）。 Any part of an indicator name, project name, overview or goal; words apart must each '
            "be found, in any order; a phrase in quotes is one word."
        ),
    ),
    region: Optional[str] = typer.Option(
        None, help="只查这个地区（名称的一部分，如 宁波）。 Only this region (a part of its name)."
    ),
    year: Optional[int] = typer.Option(None, help="只查这个预算年度。 Only this budget year."),
    department: Optional[str] = typer.Option(
        None,
        help="只查这个部门的项目（名称的一部分，如 公安；人社、住建、科技局等简称也可）。 Only this department's "
        "projects (a part of its name, or its usual short name).",
    ),
    level: Optional[str] = typer.Option(
        None,
        help="只查这一层级的指标：产出、效益、满意度、成本，或二级如 质量（也可照表中写 产出·质量）。 "
        "Only indicators of this level.",
    ),
    limit: Optional[int] = typer.Option(
        None,
        min=1,
        help=f"每类结果最多显示几条（默认 {SEARCH_LIMIT}；用 --out 写入文件时默认 {OUT_LIMIT}）。 How many hits of "
        f"each kind to show ({SEARCH_LIMIT}; {OUT_LIMIT} written with --out).",
    ),
    offset: int = typer.Option(
        0, min=0, help="每类先跳过这么多条（下一页）。 Skip this many hits of each kind first (the next page)."
    ),
    as_json: bool = JsonOpt,
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        help=f"把结果（每类默认前 {OUT_LIMIT} 条）写入 Excel（.xlsx：先是对比表——每个指标的目标值分布，再是指标、项目，"
        "有自评时加自评表的行；首行写明筛选）或 .csv（指标）。 Write the hits (the first "
        f"{OUT_LIMIT} of each kind unless --limit) to an .xlsx (the comparison of targets, indicators, projects, "
        "self-evaluated rows; the filters atop) or .csv (indicators) file.",
    ),
    force: bool = ForceOpt,
) -> None:
    """查找包含 QUERY 的指标和项目（任意长度，中文、拼音首字母或近似写法），按相关度排列。 Find indicators and projects
    containing QUERY, ranked."""
    file_options(out, force, as_json)
    limit = limit or (OUT_LIMIT if out is not None else SEARCH_LIMIT)
    search_command(open_kb(ctx), query, region, year, level, limit, as_json, offset, out, force, department)


@app.command(short_help="列出项目 List projects")
@handles_errors
def projects(
    ctx: typer.Context,
    region: Optional[str] = RegionOpt,
    year: Optional[int] = typer.Option(None, help="只查这个预算年度。 Only this budget year."),
    department: Optional[str] = DepartmentOpt,
    limit: Optional[int] = typer.Option(None, min=1, help="最多列出几个项目。 At most this many projects."),
    as_json: bool = JsonOpt,
) -> None:
    """列出项目：地区、年度、部门、金额和指标数。 List projects with their region, year, department, amount and number
    of indicators."""
    from kb.find.queries import list_projects

    conn = open_kb(ctx)
    rows = list_projects(conn, region, year, department, limit)
    if as_json:
        print_json(rows)
        return
    from cli import render as render

    within = render.filters_text(("地区", region), ("年度", year), ("部门", department))
    render.project_list(console(), rows, within if rows or list_projects(conn, limit=1) else "")  # none at all: import


@app.command(short_help="显示一个项目的目标表 Show a project's goal table")
@handles_errors
def show(
    ctx: typer.Context,
    project_id: int = typer.Argument(
        ..., metavar="ID", help="项目编号（见 kb projects 或 kb search）。 Project id (see kb projects or kb search)."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """显示一个项目：完整的绩效目标表、评价指标和资金明细。 Show a project with its whole goal table, evaluation items
    and budget lines."""
    from kb.find.queries import show_project

    project = show_project(open_kb(ctx), project_id)
    if as_json:
        print_json(project)
        return
    from cli import render as render

    render.project_card(console(), project)


@app.command(short_help="自评表：达成与未达成 Self-evaluations: met and not met")
@handles_errors
def evaluations(
    ctx: typer.Context,
    evaluation_id: Optional[int] = typer.Argument(
        None, metavar="[ID]", help="显示这一张自评表（编号见列表）。 Show this self-evaluation (ids in the list)."
    ),
    region: Optional[str] = RegionOpt,
    year: Optional[int] = typer.Option(None, help="只查这个年度。 Only this year."),
    department: Optional[str] = DepartmentOpt,
    name: Optional[str] = typer.Option(
        None,
        help="只列名称含这段文字的自评表（如 宣传、设备）。 Only self-evaluations whose name holds this text.",
        callback=part_of_name,
    ),
    limit: Optional[int] = typer.Option(None, min=1, help="最多列出几张。 At most this many."),
    as_json: bool = JsonOpt,
) -> None:
    """列出自评表（项目和部门整体）：达成与未达成的指标数；给出编号则显示一张：预算执行、每个指标的目标值、实际完成值、
    分值、得分和是否达成。 List self-evaluations (自评表), or show one whole: its budget, and each indicator's target,
    actual, weight, score and whether it was met."""
    from kb.find.evaluations import list_self_evaluations, show_self_evaluation

    from cli import render as render

    conn = open_kb(ctx)
    if evaluation_id is None:
        rows = list_self_evaluations(conn, region, year, limit, department, name)
        if as_json:
            print_json(rows)
        else:
            within = render.filters_text(("地区", region), ("年度", year), ("部门", department), ("名称", name))
            some = rows or list_self_evaluations(conn, limit=1)  # none at all: import one, not 'try without filters'
            render.self_evaluation_list(console(), rows, within if some else "")
        return
    found = show_self_evaluation(conn, evaluation_id)
    if as_json:
        print_json(found)
    else:
        render.self_evaluation_card(console(), found)


@app.command(short_help="按地区、年度、层级统计 Counts by region, year, level")
@handles_errors
def stats(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """统计文件、项目和指标数，按地区、年度和层级。 Count documents, projects and indicators by region, year, level."""
    from kb.find.queries import stats as kb_stats

    data = kb_stats(open_kb(ctx))
    if as_json:
        print_json(data)
        return
    from cli import render as render

    render.stats(console(), data)


@app.command(short_help="打开终端应用 Open the terminal app")
@handles_errors
def tui(ctx: typer.Context) -> None:
    """打开终端应用：浏览项目，跨地区查指标，起草绩效目标表。 Open the terminal app: browse projects, search indicators
    across regions, draft."""
    conn = open_kb(ctx)
    conn.close()
    from tui.app import run

    run(db_path(ctx))


@app.command(short_help="备份知识库 Back the knowledge base up")
@handles_errors
def backup(
    ctx: typer.Context,
    target: Path = typer.Argument(
        ..., help="要写的备份文件（或文件夹，写入 kb-backup.sqlite3）。 Backup file to write (or a folder)."
    ),
) -> None:
    """把知识库备份到一个文件，即使别的程序正在写入也安全。 Copy the knowledge base to a backup file, safely even while
    another program writes to it."""
    from kb.maintenance import backup as run_backup

    written = run_backup(open_kb(ctx, bootstrap=False), target)
    print(shown(f"kb: backed up {db_path(ctx)} to {written}"))


@app.command(short_help="用备份替换知识库 Replace the base with a backup")
@handles_errors
def restore(
    ctx: typer.Context,
    source: Path = typer.Argument(..., help="用 kb backup 做的备份。 A backup made by kb backup."),
) -> None:
    """用备份替换知识库（现有的保留为 *.before-restore）。 Replace the knowledge base with a backup (the current one
    is kept as *.before-restore)."""
    from kb.maintenance import restore as run_restore

    run_restore(source, db_path(ctx))
    print(shown(f"kb: restored {db_path(ctx)} from {source}"))


@app.command(short_help="检查知识库并说明怎么办 Check the base, say what to do")
@handles_errors
def check(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """检查数据库的完整性和知识库的一致性，并说明该怎么做；也提示哪些文件由旧版读取、应重新导入。 Check the database's
    integrity and the knowledge base's consistency, and say what to do; also note the files an earlier version read."""
    from kb.maintenance import run_checks

    checks = run_checks(open_kb(ctx, bootstrap=False))
    if as_json:
        print_json([c.__dict__ for c in checks])
    else:
        for c in checks:
            mark = "正常" if c.ok else "提示" if c.notice else "失败"  # 正常 ok, 提示 a notice, 失败 failed
            line = f"{mark}  {c.title} {c.name}: {c.detail}"
            print(shown(line + ("" if c.ok else f" — {c.advice}")))
    if not all(c.ok or c.notice for c in checks):
        raise typer.Exit(1)


@app.command(short_help="发布供团队共享的快照 Publish a snapshot for a team")
@handles_errors
def publish(
    ctx: typer.Context,
    out: Path = typer.Argument(
        ...,
        metavar="OUT.db",
        help="要写的发布文件（写完后替换）。 The published file to write (replaced when complete).",
    ),
    keep_contacts: bool = typer.Option(
        False,
        "--keep-contacts",
        help="保留表中的联系人（填报人、联系电话 …），默认去掉。 Keep the forms' contacts; left out by default.",
    ),
    title: str = typer.Option("绩效目标知识库 jixiao-kb", help="页面显示的标题。 The title its pages show."),
    source: str = typer.Option(
        "", help="文件来源（每页都显示）。 Where the documents come from (shown on every page)."
    ),
    licence: str = typer.Option("", help="发布所用的许可。 The licence the team publishes it under."),
) -> None:
    """发布知识库：写一份干净的快照供团队共享（kb serve）：目标表、自评结果、检索索引和说明；不含草稿和联系人。 Write a
    clean snapshot of the knowledge base for a team to serve: no drafts, no contacts."""
    import time

    from kb.publish import publish as run_publish

    start = time.perf_counter()
    extra = {key: value for key, value in (("source", source), ("licence", licence)) if value}
    metadata = run_publish(open_kb(ctx), out, keep_contacts=keep_contacts, title=title, **extra)
    counts = metadata["counts"]
    print(
        shown(
            f"kb: 已发布 published {out}: {counts['documents']} documents, {counts['projects']} projects, "
            f"{counts['indicators']} indicators; contacts {metadata['contacts']} "
            f"({out.stat().st_size / 2**20:.1f} MiB, {time.perf_counter() - start:.1f} s)"
        )
    )


@app.command(short_help="在浏览器中共享已发布的库 Serve a published base in a browser")
@handles_errors
def serve(
    ctx: typer.Context,
    db: Optional[Path] = typer.Argument(
        None,
        metavar="[DB]",
        help="发布的文件，由 kb publish 写成（默认：自己的知识库，只读）。 "
        "A file made by kb publish (default: your own base, read-only).",
    ),
    host: str = typer.Option(
        "127.0.0.1", help="监听地址（默认仅本机；0.0.0.0 为所有人）。 Address to listen on (loopback by default)."
    ),
    port: int = typer.Option(8001, min=1, max=65535, help="监听端口。 Port to listen on."),
    base_url: str = typer.Option("/", help="在代理后面的路径，如 /kb/。 The path it is served under behind a proxy."),
    allow_sql: bool = typer.Option(
        False,
        "--allow-sql",
        help="允许访问者运行自己的 SQL（默认关闭）。 Let visitors run their own SQL (off by default).",
    ),
) -> None:
    """在浏览器中只读共享一个发布的知识库（Datasette，带本工具的检索、指标页和项目页）。 Serve a published base
    read-only in the browser (Datasette with our search, indicator and project pages)."""
    from kb.publish import open_published

    path = db or db_path(ctx)
    conn, published = open_published(path)
    conn.close()
    if not (base_url.startswith("/") and base_url.endswith("/")):
        raise fail(f"--base-url 应以 / 开头和结尾 must start and end with /, e.g. /kb/ (got {base_url!r})")
    try:
        from web.server import make_datasette, run
    except ImportError:
        raise fail("需要 Datasette kb serve needs Datasette: pip install 'jixiao-kb[serve]'") from None
    datasette = make_datasette(path, published, immutable=db is not None, allow_sql=allow_sql, base_url=base_url)
    print(shown(f"kb: serving {path} at http://{host}:{port}{base_url} (Ctrl+C stops)"), file=sys.stderr)
    run(datasette, host, port)


register_draft_commands(app)
register_library_commands(app)


def main() -> None:
    """The typer app; a command line it cannot run is said in one line, Chinese first (click says it in English, in
    a box), exit code 2."""
    from typer._click import exceptions  # typer 0.26 carries its own click: its errors are these classes

    from cli.base import print_error

    try:
        code = app(args=db_first(sys.argv[1:]), prog_name="kb", standalone_mode=False)
    except exceptions.UsageError as exc:
        print_error(_usage(exc))
        sys.exit(exc.exit_code)
    except exceptions.Abort:
        print("已中止 aborted", file=sys.stderr)
        sys.exit(1)
    sys.exit(code or 0)


def db_first(argv: list[str]) -> list[str]:
    """The command line with kb's --db, written once after the command (`kb import a.pdf --db x.sqlite3`, as people
    write it: no command has a --db of its own), moved before it; as it is otherwise (after `--`, given twice)."""
    command = False
    for n, arg in enumerate(argv):
        if arg == "--":
            return argv
        if command and (arg.startswith("--db=") or arg == "--db" and n + 1 < len(argv)):
            moved = argv[n : n + 1 + (arg == "--db")]
            others = argv[:n] + argv[n + len(moved) :]
            return argv if any(a == "--db" or a.startswith("--db=") for a in others) else [*moved, *others]
        command = command or not (arg.startswith("-") or n and argv[n - 1] == "--db")
    return argv


def _usage(exc) -> str:
    """click's error said in Chinese first, naming what it names (the argument, the option, the command and the
    near ones click found), then click's own sentence."""
    from typer._click import exceptions

    named = ""  # the command an option written before it belongs to
    if isinstance(exc, exceptions.MissingParameter):
        what = f"缺少参数 {exc.param.human_readable_name}" if exc.param is not None else "缺少参数"
    elif (
        isinstance(exc, exceptions.NoSuchOption)
        and exc.ctx is not None
        and exc.ctx.parent is not None
        and _of_kb(exc.option_name)
    ):
        where = f"kb {exc.option_name} … {exc.ctx.command_path.removeprefix('kb ')} …"
        what = f"选项 {exc.option_name} 写在命令之前：{where}（{exc.option_name} goes before the command）"
    elif isinstance(exc, exceptions.NoSuchOption) and (named := _command_of(exc.option_name, sys.argv[1:])):
        where = f"{named} … {exc.option_name}"
        what = f"选项 {exc.option_name} 写在命令之后：{where}（{exc.option_name} goes after the command）"
    elif isinstance(exc, exceptions.NoSuchOption):
        what = f"没有这个选项 {exc.option_name}" + _near(exc.possibilities or ())
    elif isinstance(exc, exceptions.BadParameter):
        what = "参数值无效" + _expected(exc)
    elif isinstance(exc, exceptions.BadOptionUsage) and exc.message.endswith("requires an argument."):
        what = f"选项 {exc.option_name} 后面须跟一个值"
    elif command := re.match(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?$", exc.message):
        what = f"没有命令 '{command[1]}'" + _near(re.findall(r"'(.*?)'", command[2] or ""))
    elif extra := re.match(r"Got unexpected extra argument\(s\) \((.*)\)$", exc.message):
        what = f"多余的参数 {extra[1]}（含空格的文字请加引号；选项的值写在选项名之后）"
    else:
        what = "用法错误"
    command_path = named or (exc.ctx.command_path if exc.ctx is not None else _named_command(sys.argv[1:]))
    return f"{what}：{exc.format_message()}（{command_path} --help 查看用法 shows the usage）"


def _of_kb(option: str) -> bool:
    """Whether `option` is one of kb's own taking a value (--db): written after a command, it is none of the
    command's."""
    from typer.main import get_command

    return any(option in param.opts and not getattr(param, "is_flag", False) for param in get_command(app).params)


def _command_of(option: str, argv: list[str]) -> str:
    """'kb search' where `option`, none of kb's own, is one of the command the line names after it (`kb --json search
    满意度`); '' otherwise."""
    from typer.main import get_command

    named, command = _named_command(argv), get_command(app)
    for word in named.split()[1:]:
        command = command.commands[word]  # type: ignore[attr-defined]
    return named if named != "kb" and any(option in param.opts for param in command.params) else ""


def _named_command(argv: list[str]) -> str:
    """'kb search' for the words of a command line naming that command (click raises some errors without the
    command's context: an option without its value)."""
    from typer.main import get_command

    command, path = get_command(app), ["kb"]
    for word in argv:
        commands = getattr(command, "commands", None)
        if commands is None:
            break
        if word in commands:
            command = commands[word]
            path.append(word)
    return " ".join(path)


def _near(names) -> str:
    return f"，相近的有 {'、'.join(sorted(names))}" if names else ""


_KINDS = {"integer": "整数", "float": "数", "integer range": "整数", "float range": "数", "boolean": "是或否"}


def _expected(exc) -> str:
    """'，--limit 须是 ≥1 的整数' for a value of the wrong kind, the parameter named as the command line writes it."""
    kind = _KINDS.get(getattr(getattr(exc.param, "type", None), "name", ""))
    if kind is None or exc.ctx is None:
        return ""
    bounds = [
        f"{sign}{limit}"
        for sign, limit in (("≥", getattr(exc.param.type, "min", None)), ("≤", getattr(exc.param.type, "max", None)))
        if limit is not None
    ]
    if bounds:
        kind = f" {'、'.join(bounds)} 的{kind}"
    name = exc.param.get_error_hint(exc.ctx).strip("'")
    return f"，{name} 须是{kind}"
