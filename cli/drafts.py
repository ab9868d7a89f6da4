"""`kb draft …`, `kb suggest` and `kb lint`: thin faces over kb.drafting.drafts, kb.drafting.suggest,
kb.drafting.lint and kb.drafting.export.

cli.app registers these commands on its app. Rows are named by their stable id (a3) or by their number as
`kb draft show` last listed them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cli.base import file_options, part_of_name
from cli.options import ForceOpt, JsonOpt, console, handles_errors, open_kb, print_json
from kb.errors import KbError
from kb.vocab.numbers import number
from kb.vocab.text import local_time, shown

draft_app = typer.Typer(
    help=(
        "用模板和先例起草绩效目标表，检查并导出。 Draft a new goal table from templates and precedents, "
        "check it, export it."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

NameArg = typer.Argument(
    ..., metavar="NAME", help="草稿名称（见 kb draft list）。 The draft's name (see kb draft list)."
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


SEVERITIES = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
OWN = "（自填）"  # a template's common target left for the officer (kb.drafting.suggest.shared_target)


def _print_findings(findings, out) -> None:
    """Findings grouped by rule (its reason once); rows sharing a detail on one line."""
    from kb.drafting.lint import counts

    c = counts(findings)
    out.print(
        f"检查 checks: 错误 {c['error']} 个，警告 {c['warning']} 个，提示 {c['info']} 个 "
        f"({_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {_plural(c['info'], 'note')})",
        markup=False,
    )
    by_rule: dict[str, list] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    for rule, group in by_rule.items():
        severity = SEVERITIES.get(group[0].severity, group[0].severity)
        out.print(shown(f"  {severity:<10} {rule}: {group[0].reason}"), markup=False)
        details: dict[str, list] = {}
        for f in group:
            details.setdefault(f.detail, []).append(f)
        for detail, same in details.items():
            if len(same) > 1:
                rows = " ".join(str(f.row) for f in same)
                out.print(shown(f"      第 {rows} 行 rows: {detail}"), markup=False)
            else:
                where = f"第 {same[0].row} 行 row {same[0].row} {same[0].indicator}: " if same[0].row else ""
                out.print(shown(f"      {where}{detail}"), markup=False)


def _library_lines(entry: dict, indent: str = "    ") -> list[str]:
    """An entry's texts, one line each: '指标解释：…'."""
    from kb.drafting.library import TEXTS

    return [f"{indent}{label}：{entry[field]}" for field, label in TEXTS.items() if entry.get(field)]


def _print_library(draft, texts: dict[int, dict], out) -> None:
    """The library's texts of the rows taken from it."""
    linked = [r for r in draft.rows if r.library_id in texts]
    if not linked:
        return
    out.print("指标库 library (该指标在指标库中的说明 what the library says of these indicators):", markup=False)
    for r in linked:
        out.print(shown(f"  {r.key} {r.name} (指标库 #{r.library_id})"), markup=False)
        for line in _library_lines(texts[r.library_id]):
            out.print(shown(line), markup=False)


def _print_draft(draft, findings, texts: dict[int, dict]) -> None:
    from rich import box
    from rich.table import Table

    from cli.render import add_row
    from kb.drafting.export import head_items

    out = console()
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    for label, value in head_items(draft):
        add_row(head, label, value)
    head.add_row("版本", f"{draft.version}（更新于 updated {local_time(draft.updated_at)}）")
    out.print(head)
    table = Table(title=f"绩效指标 ({len(draft.rows)})", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("#", "ID", "一级指标", "二级指标", "三级指标", "指标值", "依据", "分值", "来源"):
        table.add_column(col, overflow="fold")
    for n, r in enumerate(draft.rows, 1):
        add_row(
            table,
            n,
            r.key,
            r.level1,
            r.level2,
            r.name,
            r.target,
            r.basis,
            r.weight,
            " ".join(["指标库"] * bool(r.library_id) + [f"#{s}" for s in r.sources[:3]])
            + (" …" if len(r.sources) > 3 else ""),
        )
    out.print(table)
    _print_library(draft, texts, out)
    _print_findings(findings, out)


def _show(conn, draft, as_json: bool) -> None:
    from dataclasses import asdict

    from kb.drafting.copies import since_copied
    from kb.drafting.library import entries_of
    from kb.drafting.lint import draft_findings

    findings = draft_findings(conn, draft)
    compared = since_copied(conn, draft.id)
    texts = entries_of(conn, [r.library_id for r in draft.rows])
    if as_json:
        since = None if compared is None else compared.changes
        data = draft.as_dict()
        for row in data["rows"]:
            row["library"] = texts.get(row["library_id"])
        print_json({**data, "checks": [asdict(f) for f in findings], "since_copied": since})
    else:
        _print_draft(draft, findings, texts)
        if compared is not None:
            print(
                shown(
                    f"复制自 copied from {compared.source}：与上年相比 {len(compared.changes)} 处更改 changes "
                    f"(kb draft diff {draft.name!r})"
                )
            )


@draft_app.command("new", short_help="新建草稿或复制上年 New draft, or copy last year's")
@handles_errors
def new(
    ctx: typer.Context,
    name: str = NameArg,
    department: str = typer.Option("", help="预算单位（部门）。 Budget unit."),
    region: str = typer.Option("", help="地区。 Region."),
    year: str = typer.Option("", help="预算年度。 Budget year."),
    amount: str = typer.Option("", help="金额（万元）。 Amount in 万元."),
    period: str = typer.Option("", help="实施期限，如 2025-01 至 2025-12。 Period."),
    spending_type: str = typer.Option(
        "", "--type", help="支出类型（见 kb suggest）；不给时推测。 Spending type; guessed when omitted."
    ),
    overview: str = typer.Option("", help="项目概况。 Project overview."),
    goal: str = typer.Option("", help="年度绩效目标。 Annual goal."),
    from_project: Optional[int] = typer.Option(
        None,
        "--from-project",
        help="以某个已导入项目为基础（年度加一） copy an imported project, a year on (kb projects).",
    ),
    from_draft: Optional[str] = typer.Option(
        None, "--from-draft", help="以一个早先的草稿为基础（年度加一） copy an earlier draft, a year on."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """新建一个空草稿（未给 --type 时按名称和概况推测支出类型），或以上年为基础复制（--from-project / --from-draft：
    基本信息、各行和各栏，年度加一；之后 kb draft diff 列出改动）。 Create an empty draft, or copy last year's."""
    from kb.drafting import drafts
    from kb.drafting import suggest

    if spending_type:
        suggest.check_type(spending_type)
    if from_project is not None or from_draft is not None:
        given = dict(
            department=department,
            region=region,
            year=year,
            amount_wan=amount,
            period=period,
            spending_type=spending_type,
            overview=overview,
            goal=goal,
        )
        _copy(ctx, name, from_project, from_draft, {k: v for k, v in given.items() if v}, as_json)
        return
    conn = open_kb(ctx)
    guessed = suggest.rank_types(conn, name, overview) if not spending_type else []
    draft = drafts.create(
        conn,
        name,
        department=department,
        region=region,
        year=year,
        amount_wan=amount,
        period=period,
        spending_type=spending_type or (guessed[0][0] if guessed else ""),
        overview=overview,
        goal=goal,
    )
    if as_json:
        print_json(draft.as_dict())
        return
    print(f"已建立草稿 created draft {draft.name!r}")
    if guessed:
        print(
            f"支出类型（推测）{guessed[0][0]}（据 {'、'.join(guessed[0][2])}），要改请用 kb draft set {draft.name!r} "
            f"spending_type 类型 spending type guessed {guessed[0][0]}: change it with kb draft set"
        )
    print(
        f"下一步：kb suggest {draft.name!r} 看模板和相似项目，再 kb draft apply {draft.name!r} --template 支出类型 或 "
        "--project 项目编号 next: see the templates and similar projects, then apply one"
    )


def _copy(ctx, name: str, project: int | None, draft: str | None, given: dict, as_json: bool) -> None:
    """`kb draft new --from-project/--from-draft`: the copy, then the fields given on the command line (so
    kb draft diff shows them as changes from last year)."""
    from kb.drafting import copies, drafts

    if project is not None and draft is not None:
        raise KbError("请只给出其中一项 give --from-project or --from-draft, not both")
    conn = open_kb(ctx)
    copy = copies.from_project(conn, project, name) if project is not None else copies.from_draft(conn, draft, name)
    for field, value in given.items():
        copy = drafts.set_field(conn, copy.id, field, value)
    if as_json:
        print_json(copy.as_dict())
        return
    print(
        shown(
            f"已新建草稿 {copy.name!r}：复制自 {copy.source['label']}，{len(copy.rows)} 个指标，"
            f"年度 {copy.year or '—'} created from last year's table ({len(copy.rows)} indicators, "
            f"year {copy.year or '—'})"
        )
    )
    print(
        f"下一步 next: kb draft show {copy.name!r}；kb draft diff {copy.name!r} 列出与上年相比的改动 lists the changes"
    )


@draft_app.command("list", short_help="列出草稿 List drafts")
@handles_errors
def list_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """列出草稿，最近修改的在前。 List drafts, last changed first."""
    from kb.drafting.drafts import list_drafts

    rows = list_drafts(open_kb(ctx))
    if as_json:
        print_json(rows)
        return
    if not rows:
        print("还没有草稿 no drafts yet: kb draft new NAME")
        return
    from rich import box
    from rich.table import Table

    from cli.render import add_row

    table = Table(title=f"{len(rows)} 个草稿 drafts", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("ID", "名称", "支出类型", "地区", "年度", "指标", "版本", "更新"):
        table.add_column(col, overflow="fold")
    for r in rows:
        add_row(
            table,
            r["id"],
            r["name"],
            r["spending_type"],
            r["region"],
            r["year"],
            r["rows"],
            r["version"],
            local_time(r["updated_at"]),
        )
    console().print(table)


@draft_app.command(short_help="显示草稿和检查结果 Show a draft and its checks")
@handles_errors
def show(ctx: typer.Context, name: str = NameArg, as_json: bool = JsonOpt) -> None:
    """显示草稿：基本信息、各行（行号和编号）和检查结果；以后的 --row 可用行号（须是本次显示的）或行的编号（如 a3，
    始终指同一行）。 Show a draft: head, rows (number and id) and the check results."""
    from kb.drafting.drafts import mark_listed, open_draft

    conn = open_kb(ctx)
    draft = open_draft(conn, name)
    _show(conn, draft, as_json)
    mark_listed(conn, draft)


@draft_app.command(short_help="添加一个指标 Add an indicator")
@handles_errors
def add(
    ctx: typer.Context,
    name: str = NameArg,
    indicator: str = typer.Argument(..., help="指标（三级指标）名称。 The indicator's name."),
    target: Optional[str] = typer.Option(None, help="照原文写的指标值：≥90%、>=2家、合规 … Target as written."),
    level1: str = typer.Option(
        "",
        help=("一级指标（产出、效益、满意度、成本）；不给时由名称推断。 Level 1; inferred from the name when omitted."),
    ),
    level2: str = typer.Option("", help="二级指标（数量、质量、时效、社会效益 …）。 Level 2."),
    operator: Optional[str] = typer.Option(
        None, help="--target 中没有时的运算符：≥ ≤ > < = ± 或 定性。 Operator when not in --target."
    ),
    value: Optional[str] = typer.Option(None, help="--target 中没有时的数值。 Number when not in --target."),
    unit: Optional[str] = typer.Option(None, help="单位（%、家、人次 …）。 Unit."),
    basis: Optional[str] = typer.Option(
        None, help="指标值依据：计划标准、历史标准、行业标准、预算支出标准、其他。 Basis of the value."
    ),
    weight: Optional[str] = typer.Option(None, help="分值。 Scoring weight."),
    source: list[int] = typer.Option(
        [], "--from", help="来源先例指标的编号（可重复）。 Precedent indicator id it came from (repeatable)."
    ),
) -> None:
    """添加一个指标，并显示先例为它定的值；名称不完全相同时给出相近的名称。 Add one indicator, and show what precedents
    chose for it."""
    from kb.drafting import drafts
    from kb.drafting.suggest import value_suggestion

    conn = open_kb(ctx)
    guess = None
    if not level1.strip() and not level2.strip():
        level1, level2, guess = _guessed_levels(conn, indicator)
    values = value_suggestion(conn, indicator)
    row = drafts.new_row(
        indicator,
        level1=level1,
        level2=level2,
        target=target,
        operator=operator,
        value=value,
        unit=unit,
        basis=basis,
        weight=weight,
        sources=source or values["ids"],  # its precedents, as the app's add dialog records them (and their texts)
    )
    draft = drafts.add_row(conn, name, row)
    drafts.mark_listed(conn, draft)  # the row number printed below is one of this order
    n = max(i for i, r in enumerate(draft.rows, 1) if r.name == row.name)
    added = draft.rows[n - 1]
    print(shown(f"第 {n} 行 row {n} ({added.key}): {added.level1}/{added.level2} {added.name} {added.target}".rstrip()))
    if added.library_id:
        from kb.drafting.library import entry

        print(shown(f"指标库 library #{added.library_id}: 该指标的说明已关联 its texts go with the row"))
        for line in _library_lines(entry(conn, added.library_id), "  "):
            print(shown(line))
    if guess is not None:
        print(shown(f"层级依据 levels from: {guess.reason}"))
    _same_indicator(draft, n)
    if values["count"]:
        from kb.find.precedents import common_line
        from kb.vocab.families import spellings_note

        unit = values["unit"] or ""
        print(
            shown(
                f"先例 precedents: {common_line(values)}, 中位数 median "
                f"{number(values['median'])}{unit}, 范围 range {number(values['min'])}–{number(values['max'])}{unit}"
                + spellings_note(values["name"], values["variants"])
            )
        )
        if values["outcomes"]:
            from kb.find.outcomes import outcome_line

            print(shown(outcome_line(values["outcomes"])))
    elif not values["spread"]:
        from kb.find.precedents import find_names

        from kb.drafting.library import search

        near = [h.name for h in find_names(conn, indicator, limit=5) if h.name != indicator][:5]
        listed = [e["name"] for e in search(conn, indicator, 5) if e["name"] != indicator]
        print(
            shown(
                "知识库中没有同名指标 no precedent of this name"
                + (f"; 相近的 near: {'、'.join(near)}" if near else "")
                + (f"; 指标库中的 in the library: {'、'.join(listed)}" if listed else "")
            )
        )


def _guessed_levels(conn, indicator: str):
    """(level 1, level 2, the guess) for an indicator added without levels; KbError listing the candidates when the
    guess is unsure (kb.find.level_guess)."""
    from kb.find.level_guess import guess_levels

    if not indicator.strip():
        raise KbError("指标需要名称 an indicator needs a name")
    guess = guess_levels(conn, indicator)
    if guess.sure:
        return guess.level1, guess.level2, guess
    options = " 或 or ".join(f"--level1 {l1} --level2 {l2}" for l1, l2 in guess.candidates)
    raise KbError(f"「{indicator}」的层级没有把握，请指定 give the levels: {guess.reason}；{options}")


def _same_indicator(draft, n: int) -> None:
    """A warning when row n is an indicator the draft holds already (in any spelling: kb.vocab.families)."""
    from kb.find.precedents import family_key

    key = family_key(draft.rows[n - 1].name)
    for m, other in enumerate(draft.rows, 1):
        if m != n and family_key(other.name) == key:
            print(
                shown(
                    f"注意 warning: 与第 {m} 行「{other.name}」是同一指标 the same indicator as row {m}"
                    + ("" if other.name == draft.rows[n - 1].name else "（另一种写法 another spelling）")
                )
            )
            return


@draft_app.command("set", short_help="修改一栏 Change a field")
@handles_errors
def set_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    field: Optional[str] = typer.Argument(
        None,
        help="表头字段 a head field, in the national form's order: 项目名称 project_name, 主管部门 department, "
        "主管部门代码 department_code, 实施单位 implementing_unit, 项目属性 attribute (新增/延续), 实施期 period "
        "(2025-01 至 2027-12), 实施期资金总额 total_wan, 年度资金总额 amount_wan, 财政拨款 fiscal_wan, 上年结转 "
        "carryover_wan, 其他资金 other_wan (万元), 实施期目标 period_goal, 年度目标 goal; and 名称 name (the "
        "draft's own), 年度 year, 地区 region, 类型 spending_type, 概况 overview. With --row, 指标字段 a row "
        "field: 一级 level1, 二级 level2, 三级指标 name, 指标值 target, 实施期指标值 period_target, 符号 operator, "
        "数值 value, 单位 unit, 指标解释 explanation, 计算公式 formula, 评（扣）分标准 scoring, 数据来源 "
        "data_source, 指标值设定依据 basis (计划标准/行业标准/历史标准/预算支出标准/其他), 依据说明 basis_text, "
        "分值 weight.",
    ),
    value: Optional[str] = typer.Argument(None, help="新的值（'' 为清空）。 The new value ('' to clear)."),
    row: Optional[str] = typer.Option(
        None, "--row", help="行的编号 a row's id (a3) or its number as kb draft show last listed it."
    ),
    own: Optional[bool] = typer.Option(
        None,
        "--own/--not-own",
        help="与 --row 同用：该行（改后）的指标值定为本项目的值，不再提示“照抄自”（precedent-target）；"
        "--not-own 取消。 With --row: take the row's target (after the change) as this project's own, so "
        "precedent-target is silent for it; --not-own gives that back.",
    ),
) -> None:
    """修改基本信息的一栏，或某一行的一栏；或确认某行的指标值是本项目的（--own）。 Change a head field, or a field of
    one row; or take a row's target as this project's own (--own)."""
    from kb.drafting import drafts

    if own is not None and row is None:
        raise KbError("--own 须与 --row 同用 --own needs --row (the row whose target you keep)")
    if (field is None or value is None) and (own is None or field is not None):
        raise KbError("请给出字段和新值 give a FIELD and its VALUE (or --row ROW --own)")
    conn = open_kb(ctx)
    current = drafts.open_draft(conn, name)
    draft = current
    if field is not None:
        draft = _set_one(conn, current, drafts.field_name(field, row is not None), value or "", row, own)
    else:
        (row_id,) = drafts.rows_at(conn, current, [row])
        draft = drafts.own_targets(conn, current.id, [row_id], bool(own), current.version)
    if draft.version == current.version:
        print(
            f"未改变：已是这个值 unchanged: it holds this value already (第 {draft.version} 版 version {draft.version})"
        )
    else:
        print(f"已保存 saved (第 {draft.version} 版 version {draft.version})")


def _set_one(conn, current, field: str, value: str, row: str | None, own: bool | None = None):
    """One head field, or one field of a row, set (with `own`, its target taken as the project's own in the same
    change: one version, one undo)."""
    from kb.drafting import drafts

    if row is None:
        if field == "spending_type" and value:
            from kb.drafting.suggest import check_type

            check_type(value)
        return drafts.set_field(conn, current.id, field, value)
    (row_id,) = drafts.rows_at(conn, current, [row])
    return drafts.update_row(conn, current.id, row_id, current.version, own, **{field: value})


@draft_app.command(short_help="删除若干行 Remove rows")
@handles_errors
def remove(
    ctx: typer.Context,
    name: str = NameArg,
    rows: list[str] = typer.Argument(
        ..., metavar="ROW...", help="行的编号或行号 rows' ids (a3) or numbers as kb draft show last listed them."
    ),
) -> None:
    """删除若干行。 Remove rows."""
    from kb.drafting import drafts

    conn = open_kb(ctx)
    current = drafts.open_draft(conn, name)
    draft = drafts.remove_rows(conn, current.id, drafts.rows_at(conn, current, rows), current.version)
    print(f"已删除 removed {_plural(len(rows), 'row')}; {len(draft.rows)} left")


@draft_app.command(short_help="加入模板或先例的指标 Add a template's or precedent's rows")
@handles_errors
def apply(
    ctx: typer.Context,
    name: str = NameArg,
    template: Optional[str] = typer.Option(
        None, help="某一支出类型的模板（见 kb suggest）。 A spending type's template (see kb suggest)."
    ),
    project: Optional[int] = typer.Option(
        None, help="一个已导入项目的指标（见 kb projects）。 An imported project's indicators (see kb projects)."
    ),
    only: list[str] = typer.Option(
        [],
        help=(
            "只加这个指标（名称，或项目的行号）；可重复。 Only this indicator (name, or a project's row number); "
            "repeatable."
        ),
    ),
) -> None:
    """加入模板或先例项目的指标；草稿中已有的跳过。 Add a template's or a precedent project's indicators; those already
    in the draft are skipped.

    既没有 --template 也没有 --project 时，用草稿支出类型的模板。 With neither --template nor --project, the template
    of the draft's spending type."""
    from kb.drafting import drafts
    from kb.drafting import suggest

    if template and project is not None:
        raise KbError("--template 和 --project 只能给一个 give --template or --project, not both")
    conn = open_kb(ctx)
    draft = drafts.open_draft(conn, name)
    if project is not None:
        rows = suggest.project_rows(conn, project, only or None)
    else:
        kind = template or draft.spending_type
        if not kind:
            raise KbError(
                f"草稿 {draft.name!r} 没有支出类型：请给 --template TYPE 或 --project ID "
                "has no spending type: give --template TYPE or --project ID"
            )
        rows = suggest.template_rows(conn, suggest.check_type(kind), only or None, name=draft.name)
    result = drafts.apply_rows(conn, draft.id, rows, draft.version)
    print(
        shown(
            f"加入 {len(result.added)} 个指标 added {_plural(len(result.added), 'indicator')}"
            + (
                f"；跳过草稿中已有的 {len(result.skipped)} 个 skipped {len(result.skipped)} already in the draft: "
                f"{'、'.join(result.skipped)}"
                if result.skipped
                else ""
            )
        )
    )
    if note := result.to_fill_note():
        print(shown(note))


@draft_app.command(short_help="与上年相比的变化 What changed from last year")
@handles_errors
def diff(ctx: typer.Context, name: str = NameArg, as_json: bool = JsonOpt) -> None:
    """与上年相比的变化（复制来的草稿） what a copy changed from last year's table: head fields, rows added, removed
    and changed (targets, amounts)."""
    from kb.drafting.copies import since_copied

    compared = since_copied(open_kb(ctx), name)
    if compared is None:
        raise KbError(
            f"草稿 {name!r} 不是从上年复制的，无可比较 is no copy of last year's table (kb draft new NAME "
            "--from-project ID / --from-draft D makes one)"
        )
    if as_json:
        print_json({"source": compared.source, "changes": compared.changes})
        return
    print(shown(f"与上年相比 compared with last year ({compared.source}):"))
    for line in compared.changes or ["未作修改 unchanged: 与上年完全相同 the same as last year's table"]:
        print(shown(f"  {line}"))


@draft_app.command(short_help="草稿的各个版本 A draft's versions")
@handles_errors
def history(
    ctx: typer.Context,
    name: str = NameArg,
    limit: int = typer.Option(20, min=1, help="显示最近几版 how many of the latest versions."),
    as_json: bool = JsonOpt,
) -> None:
    """草稿的各个版本：时间和更改内容（最新在前；在一个字段里接连输入的几版合为一行） a draft's versions, with when and
    what changed (newest first; the versions of typing in one field, one line)."""
    from dataclasses import asdict

    from kb.drafting.drafts import open_draft
    from kb.drafting.history import versions

    conn = open_kb(ctx)
    draft = open_draft(conn, name)
    kept = versions(conn, draft.id, fold=True)[::-1][:limit]
    if as_json:
        print_json([asdict(v) for v in kept])
        return
    from rich import box
    from rich.table import Table

    from cli.render import add_row

    table = Table(
        title=f"草稿 {shown(draft.name)} 的版本 versions (现为第 {draft.version} 版)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for col in ("版本", "时间", "更改 changes"):
        table.add_column(col, overflow="fold")
    for v in kept:
        lines = ([v.note] if v.note else []) + v.changes
        number = f"{v.first}–{v.number}" if v.first else v.number
        add_row(table, number, local_time(v.at), "\n".join(lines) or "—")
    console().print(table)
    if kept and kept[0].first:  # the latest line stands for several versions: one undo takes back only the last
        print(
            f"撤销最新一行的更改 undo the latest line: kb draft undo NAME --to {kept[0].first - 1}"
            "（不加 --to 只撤销其中最后一次保存 without it, only its last save）"
        )
    else:
        print("撤销上一次更改 undo the last change: kb draft undo NAME (或 --to N 回到第 N 版 back to version N)")


@draft_app.command(short_help="撤销上一次更改 Undo the last change")
@handles_errors
def undo(
    ctx: typer.Context,
    name: str = NameArg,
    to: Optional[int] = typer.Option(None, "--to", help="回到第 N 版的内容 back to version N (see kb draft history)."),
) -> None:
    """撤销上一次更改（再次撤销则继续往回）；撤销本身也是新的一版，可再撤销 undo the last change; the undo is a
    new version, so it can be undone too."""
    from kb.drafting.history import undo as undo_draft

    done = undo_draft(open_kb(ctx), name, to)
    print(
        f"已撤销 undone: 回到第 {done.restored} 版的内容，现为第 {done.draft.version} 版 "
        f"back to version {done.restored}'s content, now version {done.draft.version}"
    )
    print("撤销的更改 the change undone:")
    for line in done.undone:
        print(shown(f"  {line}"))


@draft_app.command("export", short_help="导出草稿（表格、Word） Export a draft")
@handles_errors
def export_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    path: Optional[Path] = typer.Argument(
        None, help="要写的文件或文件夹（默认当前文件夹）。 File to write, or a folder (default: the current folder)."
    ),
    fmt: Optional[str] = typer.Option(
        None,
        "--format",
        help="格式：xlsx / docx 为可打印的项目支出绩效目标表（A4，一页宽）；yth 为预算管理一体化导入表（先查限制，"
        "不合格不写）；md、csv、json 供脚本使用；默认按扩展名，否则 xlsx。 The format: the form to print, the 一体化 "
        "import sheet (its limits checked first), or md, csv, json for scripts; default: from the extension, else "
        "xlsx.",
    ),
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        help="同 PATH（kb search、kb lint 写文件也用 --out）。 The same as PATH, as kb search and kb lint take it.",
    ),
    force: bool = ForceOpt,
) -> None:
    """导出草稿 Export a draft: the national 项目支出绩效目标表 (.xlsx, .docx), the 一体化 import sheet (yth),
    Markdown, CSV or JSON."""
    from kb.drafting.copies import since_copied
    from kb.drafting.drafts import open_draft
    from kb.drafting.export import export, renamed
    from kb.drafting.lint import before_handing_in, lint_draft
    from kb.errors import KbError

    if path and out and path != out:
        raise KbError(f"给了两个要写的文件 two files to write: {path} 和 and --out {out}；只给一个 give one")
    path = path or out
    conn = open_kb(ctx)
    draft = open_draft(conn, name)
    written = export(draft, path, fmt, overwrite=force, how="要覆盖请加 --force，或换一个文件名")
    print(shown(f"已写出 wrote {written}"))
    if note := renamed(draft.name, written):
        print(shown(note))
    if checks := before_handing_in(lint_draft(conn, draft.id), draft.name):
        print(shown(checks))
    if compared := since_copied(conn, draft.id):
        print(
            shown(f"与上年相比 {len(compared.changes)} 处更改 changes since last year (kb draft diff {draft.name!r})")
        )


@draft_app.command("lint", short_help="检查草稿 Check a draft")
@handles_errors
def lint_one(ctx: typer.Context, name: str = NameArg, as_json: bool = JsonOpt) -> None:
    """检查草稿（同 kb lint --draft NAME）；发现错误时退出码为 1。 Check a draft, as kb lint --draft does: exits 1 on an
    error."""
    from kb.drafting.lint import lint_draft

    _say_findings(lint_draft(open_kb(ctx), name), as_json)


def _say_findings(findings, as_json: bool) -> None:
    """One table's findings, printed or as JSON; exits 1 when one is an error."""
    from dataclasses import asdict

    if as_json:
        print_json([asdict(f) for f in findings])
    else:
        _print_findings(findings, console())
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@draft_app.command(short_help="草稿改名 Rename a draft")
@handles_errors
def rename(ctx: typer.Context, name: str = NameArg, new_name: str = typer.Argument(..., metavar="NEW")) -> None:
    """草稿改名。 Rename a draft."""
    from kb.drafting.drafts import rename as rename_draft

    print(f"已改名 renamed to {rename_draft(open_kb(ctx), name, new_name).name!r}")


@draft_app.command(short_help="以新名称复制草稿 Copy a draft under a new name")
@handles_errors
def duplicate(ctx: typer.Context, name: str = NameArg, new_name: str = typer.Argument(..., metavar="NEW")) -> None:
    """以新名称复制草稿（基本信息和各行）。 Copy a draft (head and rows) under a new name."""
    from kb.drafting.drafts import duplicate as duplicate_draft

    copy = duplicate_draft(open_kb(ctx), name, new_name)
    print(f"已复制 copied to {copy.name!r} ({len(copy.rows)} rows)")


@draft_app.command(short_help="删除草稿 Delete a draft")
@handles_errors
def delete(ctx: typer.Context, name: str = NameArg) -> None:
    """删除草稿及其各行。 Delete a draft and its rows."""
    from kb.drafting.drafts import delete as delete_draft

    delete_draft(open_kb(ctx), name)
    print(f"已删除草稿 deleted draft {name!r}")


@handles_errors
def suggest(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., help="新项目的名称，或已有草稿的名称。 The new project's name, or an existing draft's name."
    ),
    overview: str = typer.Option("", help="项目概况，也用来匹配。 The project's overview, to match on too."),
    spending_type: Optional[str] = typer.Option(
        None,
        "--type",
        help="模板的支出类型（默认按名称和概况推测）。 Spending type for the template (default: guessed).",
    ),
    limit: int = typer.Option(8, min=1, help="列出几个相似项目。 How many similar projects."),
    as_json: bool = JsonOpt,
) -> None:
    """相似的先例项目（附共同的词）和某一支出类型的模板，以及先例定的指标值。 Similar precedent projects (with the
    terms they share) and the template of a spending type, with the targets precedents chose."""
    from kb.drafting import drafts
    from kb.drafting import suggest as sg

    if not name.strip():
        raise KbError(
            "名称为空，请给出新项目或草稿的名称，如 kb suggest 食品安全抽检 empty name: give a project's name"
        )
    conn = open_kb(ctx)
    draft = next((d for d in drafts.list_drafts(conn) if d["name"] == name.strip()), None)
    if draft:
        draft = drafts.open_draft(conn, draft["id"])
        overview = overview or draft.overview or ""
        spending_type = spending_type or draft.spending_type
    kinds = sg.rank_types(conn, name, overview)
    kind = sg.check_type(spending_type) if spending_type else (kinds[0][0] if kinds else None)
    similar = sg.similar_projects(conn, name, overview, limit)
    template = sg.template(conn, kind, name=name) if kind else None
    if as_json:
        from dataclasses import asdict

        print_json(
            {
                "similar": [asdict(s) for s in similar],
                "types": [{"type": k, "score": s, "keywords": w} for k, s, w in kinds],
                "template": None
                if template is None
                else {
                    "type": template.spending_type,
                    "projects": [{"id": i, "name": n} for i, n in template.projects],
                    "near": [{"id": i, "name": n} for i, n in template.near],
                    "items": [{k: v for k, v in asdict(i).items() if k != "example"} for i in template.items],
                },
            }
        )
        return
    _print_suggestions(similar, kinds, kind, template, bool(overview.strip()))


def _print_suggestions(similar, kinds, kind, template, overview: bool = False) -> None:
    from rich import box
    from rich.table import Table

    from cli.render import add_row
    from kb.drafting.suggest import shared_target
    from kb.find.outcomes import PEERS_KEY, peers_text
    from kb.vocab.families import spellings_note

    out = console()
    if similar:
        table = Table(title="相似项目 similar projects", box=box.SIMPLE_HEAD, title_justify="left")
        for col in ("ID", "项目名称", "地区", "年度", "相似度", "共同词"):
            table.add_column(col, overflow="fold")
        for s in similar:
            add_row(table, s.project_id, s.name, s.region, s.year, f"{s.score:.0f}", "、".join(s.shared))
        out.print(table)
    elif overview:  # matched on the overview (given, or the draft's) too: --overview is no advice
        out.print(
            "没有相似的已导入项目（已比对名称和概况）；可用 kb search 按指标名称查先例 "
            "no similar project: search indicators with kb search",
            markup=False,
        )
    else:
        out.print("没有相似的已导入项目；可加 --overview 项目概况再试 no similar project: try --overview", markup=False)
    if kinds:
        out.print(
            shown("支出类型 spending type: " + "; ".join(f"{k} ({'、'.join(w)})" for k, _, w in kinds)), markup=False
        )
    if template is None:
        from kb.drafting.suggest import SPENDING_TYPES

        which = " | ".join(SPENDING_TYPES)
        out.print(f"未找到支出类型，请用 --type 指定其一 no spending type found: give --type {which}", markup=False)
        return
    if not template.projects:  # a type guessed from the name's words that no imported project is of
        out.print(
            shown(
                f"知识库中还没有{kind}类项目，没有模板：导入这类项目的目标表（kb import），或用 --type 指定别的类型 "
                f"no {kind} project in the knowledge base, so no template: import such goal tables, or give --type"
            ),
            markup=False,
        )
        return
    table = Table(
        title=f"模板 template {kind}：来自 {len(template.projects)} 个项目 from {len(template.projects)} projects",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    evaluated = any(i.outcomes for i in template.items)
    for col in (
        ("一级指标", "二级指标", "三级指标", "常用目标", "项目数", "中位数", "范围")
        + (("相近‡",) if template.near else ())
        + (("该目标同行自评达成 met†",) if evaluated else ())
    ):
        table.add_column(col, overflow="fold")
    for i in template.items:
        s = i.summary
        unit = s["unit"] or ""
        same = i.outcomes and i.outcomes["by_target"].get(i.target)
        add_row(
            table,
            i.level1,
            i.level2,
            i.name + spellings_note(i.name, i.variants),
            i.target if shared_target(i) else OWN if i.target else "",  # (as the template adds it)
            i.projects,
            f"{number(s['median'])}{unit}" if s["count"] else "",
            f"{number(s['min'])}–{number(s['max'])}{unit}" if s["count"] else "",
            *((i.near or "",) if template.near else ()),
            *((peers_text(same) if same else "",) if evaluated else ()),
        )
    out.print(table)
    if any(i.target and not shared_target(i) for i in template.items):
        out.print(
            f"{OWN}：另一项目的金额，或只有一个先例定的数量，不宜照搬，按本项目填写（中位数、范围供参考） "
            "another project's sum of money, or a count one peer set: yours to set (median and range for reference)",
            markup=False,
        )
    for i in template.items:
        if i.advice:
            out.print(shown(f"  {i.name} {i.target}: {i.advice}"), markup=False)
    if template.near:
        names = "、".join(n for _, n in template.near)
        out.print(
            shown(
                f"‡ 与名称最相近的项目中用它的个数，这些在先 used by the projects most like the name, first: {names}"
            ),
            markup=False,
        )
    if evaluated:
        out.print(
            f"† 设了同一目标值的单位在自评表中的达成情况（自报）: {PEERS_KEY}; self-reported by the units",
            markup=False,
        )


@handles_errors
def lint(
    ctx: typer.Context,
    project: Optional[int] = typer.Option(
        None, help="检查一个已导入的项目（见 kb projects）。 Check one imported project (see kb projects)."
    ),
    all_projects: bool = typer.Option(
        False, "--all", help="检查全部已导入的项目，给出报告。 Check every imported project: a report."
    ),
    draft: Optional[str] = typer.Option(None, help="检查一个草稿。 Check a draft."),
    self_evaluation: Optional[int] = typer.Option(
        None, help="检查一张自评表的得分。 Check one self-evaluation's scores."
    ),
    self_evaluations: bool = typer.Option(
        False, "--self-evaluations", help="检查全部自评表。 Check every self-evaluation."
    ),
    rules: bool = typer.Option(False, "--rules", help="列出检查规则。 List the rules."),
    region: Optional[str] = typer.Option(
        None,
        help="与 --all 同用：只查这个地区（名称的一部分）。 With --all: only this region (a part of its name).",
        callback=part_of_name,
    ),
    year: Optional[int] = typer.Option(None, help="与 --all 同用：只查这个预算年度。 With --all: only this year."),
    department: Optional[str] = typer.Option(
        None,
        help="与 --all 同用：只查这个部门（名称的一部分，或 人社 等简称）。 With --all: only this department (a part "
        "of its name, or its short name).",
        callback=part_of_name,
    ),
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        help="与 --all 同用：把审核意见写入 Excel（.xlsx）或 .csv，一条问题一行，按部门排列，可发回各单位。 "
        "With --all: write the findings to an .xlsx or .csv file, one a row, by department.",
    ),
    force: bool = ForceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """按国家指引检查绩效目标表（一个项目、一个草稿或全部项目的报告）或自评表的得分。 Check goal tables against the
    national guidance (one project, a draft, or a report on them all), or self-evaluations (自评表) as it scores them.

    检查一张表（--draft、--project、--self-evaluation）发现错误时退出码为 1；
    全库报告（--all、--self-evaluations）退出码为 0：公开的文件按原样保存。 One table exits 1 when a check finds an
    error; the reports on the whole base exit 0: documents are kept as published, errors and all."""

    from kb.drafting import lint as kl
    from kb.review import self_evaluations as review

    if (
        sum(
            (project is not None, all_projects, draft is not None, self_evaluation is not None, self_evaluations, rules)
        )
        != 1
    ):
        raise KbError(
            "请给出其中一项 give one of --project ID, --all, --draft NAME, --self-evaluation ID, "
            "--self-evaluations or --rules"
        )
    if (region or year or department or out) and not all_projects:
        raise KbError("--region、--year、--department、--out 只与 --all 同用 only with --all")
    file_options(out, force, as_json)
    if rules:
        listed = [{"id": r.id, "severity": r.severity, "reason": r.reason, "source": r.source} for r in kl.RULES] + [
            {"id": rule, "severity": severity, "reason": reason, "source": ""}
            for rule, (severity, reason) in review.RULES.items()
        ]
        if as_json:
            print_json(listed)
        else:
            for r in listed:
                print(f"{r['id']:<26} {r['severity']:<8} {r['reason']}")
                if r["source"]:
                    print(f"{'':<35} 依据 source: {r['source']}")
        return
    conn = open_kb(ctx)
    if self_evaluations:
        report = review.check_all(conn)
        if as_json:
            print_json(report)
            return
        out = console()
        flagged = [e for e in report["self_evaluations"] if any(f["severity"] != "info" for f in e["findings"])]
        out.print(
            f"已检查 {report['checked']} 份自评表，{len(flagged)} 份有错误或警告，"
            f"{len(report['self_evaluations']) - len(flagged)} 份只有提示 "
            f"({report['checked']} self-evaluations checked, {len(flagged)} with errors or warnings)",
            markup=False,
        )
        for e in report["self_evaluations"]:
            out.print(shown(f"#{e['id']} {e['name']} ({e['department'] or ''} {e['year'] or ''})"), markup=False)
            _print_findings([kl.Finding(**f) for f in e["findings"]], out)
        return
    if all_projects:
        report = kl.lint_all(conn, region, year, department)
        if out is not None:
            from kb.drafting.lint_file import write_report

            written = write_report(report, out, force, "要覆盖请加 --force，或换一个文件名")
            print(shown(f"已写出 wrote {out}：{written} 条问题 findings，{_checked(report)}"))
        elif as_json:
            print_json(report)
        else:
            _print_report(report)
        return
    if self_evaluation is not None:
        findings = review.check_self_evaluation(conn, self_evaluation)
    else:
        findings = kl.lint_project(conn, project) if project is not None else kl.lint_draft(conn, draft)
    _say_findings(findings, as_json)


def _told(c: dict[str, int]) -> str:
    """'错误 1 个，警告 2 个，提示 0 个 (1 error, 2 warnings, 0 notes)': a count of findings, Chinese first."""
    return (
        f"错误 {c['error']} 个，警告 {c['warning']} 个，提示 {c['info']} 个 ({_plural(c['error'], 'error')}, "
        f"{_plural(c['warning'], 'warning')}, {_plural(c['info'], 'note')})"
    )


def _checked(report: dict) -> str:
    """'已检查 2 个项目和 1 个部门整体，3 个有发现 (checked 2 projects and 1 department-wide table, 3 with findings)'
    for kb.drafting.lint.lint_all's `report`: department-wide tables counted apart from the projects."""
    checked, whole, flagged = report["checked"], report.get("department_tables", 0), len(report["projects"])
    return (
        f"已检查 {checked} 个项目"
        + (f"和 {whole} 个部门整体" if whole else "")
        + f"，{flagged} 个有发现 (checked {_plural(checked, 'project')}"
        + (f" and {_plural(whole, 'department-wide table')}" if whole else "")
        + f", {flagged} with findings)"
    )


def _print_report(report: dict) -> None:
    """The whole base's findings: a line of counts, the rules that found something, then each project's rows."""
    from rich import box
    from rich.table import Table

    from cli.render import add_row
    from kb.drafting.lint import counts
    from kb.drafting.lint_file import SEVERITY_WORDS

    out = console()
    findings = [f for p in report["projects"] for f in p["findings"]]
    c = counts(findings)
    out.print(f"{_checked(report)}：{_told(c)}", markup=False)
    table = Table(box=box.SIMPLE_HEAD)
    for col, justify in zip(("规则", "级别", "项目数", "条数", "项目编号"), ("left", "left", "right", "right", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for r in report["rules"]:
        if r["findings"]:
            severity = SEVERITY_WORDS.get(r["severity"], r["severity"])
            add_row(table, r["id"], severity, len(r["projects"]), r["findings"], " ".join(map(str, r["projects"])))
    out.print(table)
    for p in report["projects"]:
        out.print(
            shown(f"#{p['id']} {p['name']} ({p['region'] or '?'} {number(p['year'])}): {_told(counts(p['findings']))}"),
            markup=False,
        )
        for f in p["findings"]:
            where = f"第 {f['row']} 行 {f['indicator']}: " if f["row"] else ""
            severity = SEVERITY_WORDS.get(f["severity"], f["severity"])
            out.print(shown(f"    {severity} {f['rule']:<22} {where}{f['detail']}"), markup=False)


def register(app: typer.Typer) -> None:
    """Add `kb draft …`, `kb suggest` and `kb lint` to the app."""
    app.add_typer(draft_app, name="draft", short_help="起草、检查、导出目标表 Draft, check and export a goal table")
    app.command(short_help="相似先例、模板和指标值 Similar precedents, a template, values")(suggest)
    app.command(short_help="按国家指引检查目标表 Check goal tables against the guidance")(lint)
