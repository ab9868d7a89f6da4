"""`kb draft …`, `kb suggest` and `kb lint`: thin faces over kb.drafting.drafts, kb.drafting.suggest,
kb.drafting.lint and kb.drafting.export.

cli.app registers these commands on its app. Rows are named by their
number as `kb draft show` lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cli.options import JsonOpt, console, handles_errors, open_kb, print_json
from kb.errors import KbError
from kb.vocab.numbers import number
from kb.vocab.text import local_time, shown

draft_app = typer.Typer(
    help="Draft a new goal table from templates and precedents, check it, export it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

NameArg = typer.Argument(..., metavar="NAME", help="The draft's name (see kb draft list).")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_findings(findings, out) -> None:
    """Findings grouped by rule (its reason once); rows sharing a detail on one line."""
    from kb.drafting.lint import counts

    c = counts(findings)
    out.print(
        f"checks: {_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {_plural(c['info'], 'note')}",
        markup=False,
    )
    by_rule: dict[str, list] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    for rule, group in by_rule.items():
        out.print(shown(f"  {group[0].severity:<7} {rule}: {group[0].reason}"), markup=False)
        details: dict[str, list] = {}
        for f in group:
            details.setdefault(f.detail, []).append(f)
        for detail, same in details.items():
            if len(same) > 1:
                out.print(shown(f"      rows {' '.join(str(f.row) for f in same)}: {detail}"), markup=False)
            else:
                where = f"row {same[0].row} {same[0].indicator}: " if same[0].row else ""
                out.print(shown(f"      {where}{detail}"), markup=False)


def _print_draft(draft, findings) -> None:
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
    for col in ("#", "一级指标", "二级指标", "三级指标", "指标值", "依据", "分值", "来源"):
        table.add_column(col, overflow="fold")
    for n, r in enumerate(draft.rows, 1):
        add_row(
            table,
            n,
            r.level1,
            r.level2,
            r.name,
            r.target,
            r.basis,
            r.weight,
            " ".join(f"#{s}" for s in r.sources[:3]) + (" …" if len(r.sources) > 3 else ""),
        )
    out.print(table)
    _print_findings(findings, out)


def _show(draft, as_json: bool) -> None:
    from dataclasses import asdict

    from kb.drafting.lint import draft_table, run

    findings = run(draft_table(draft))
    if as_json:
        print_json({**draft.as_dict(), "checks": [asdict(f) for f in findings]})
    else:
        _print_draft(draft, findings)


@draft_app.command("new")
@handles_errors
def new(
    ctx: typer.Context,
    name: str = NameArg,
    department: str = typer.Option("", help="Budget unit (部门)."),
    region: str = typer.Option("", help="Region (地区)."),
    year: str = typer.Option("", help="Budget year (年度)."),
    amount: str = typer.Option("", help="Amount in 万元."),
    period: str = typer.Option("", help="Period (实施期限), e.g. 2025-01 至 2025-12."),
    spending_type: str = typer.Option("", "--type", help="Spending type (see kb suggest); guessed when omitted."),
    overview: str = typer.Option("", help="Project overview (项目概况)."),
    goal: str = typer.Option("", help="Annual goal (年度绩效目标)."),
    as_json: bool = JsonOpt,
) -> None:
    """Create an empty draft (its spending type guessed from name and overview unless --type)."""
    from kb.drafting import drafts
    from kb.drafting import suggest

    if spending_type:
        suggest.check_type(spending_type)
    guessed = suggest.classify(name, overview) if not spending_type else []
    conn = open_kb(ctx)
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
    print(f"created draft {draft.name!r}")
    if guessed:
        print(
            f"spending type {guessed[0][0]} (from {'、'.join(guessed[0][2])}); change it with "
            f"kb draft set {draft.name!r} spending_type TYPE"
        )
    print(f"next: kb suggest {draft.name!r}, then kb draft apply {draft.name!r} --template TYPE or --project ID")


@draft_app.command("list")
@handles_errors
def list_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """List drafts, last changed first."""
    from kb.drafting.drafts import list_drafts

    rows = list_drafts(open_kb(ctx))
    if as_json:
        print_json(rows)
        return
    if not rows:
        print("no drafts yet: kb draft new NAME")
        return
    from rich import box
    from rich.table import Table

    from cli.render import add_row

    table = Table(title=f"{len(rows)} drafts", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("名称", "支出类型", "地区", "年度", "指标", "版本", "更新"):
        table.add_column(col, overflow="fold")
    for r in rows:
        add_row(
            table,
            r["name"],
            r["spending_type"],
            r["region"],
            r["year"],
            r["rows"],
            r["version"],
            local_time(r["updated_at"]),
        )
    console().print(table)


@draft_app.command()
@handles_errors
def show(ctx: typer.Context, name: str = NameArg, as_json: bool = JsonOpt) -> None:
    """Show a draft: head, numbered rows and the check results (--row N in later commands means row N here)."""
    from kb.drafting.drafts import mark_listed, open_draft

    conn = open_kb(ctx)
    draft = open_draft(conn, name)
    _show(draft, as_json)
    mark_listed(conn, draft)


@draft_app.command()
@handles_errors
def add(
    ctx: typer.Context,
    name: str = NameArg,
    indicator: str = typer.Argument(..., help="The indicator (三级指标) name."),
    target: Optional[str] = typer.Option(None, help="Target as written: ≥90%, >=2家, 合规 …"),
    level1: str = typer.Option("", help="一级指标 (产出, 效益, 满意度, 成本); inferred from the name when omitted."),
    level2: str = typer.Option("", help="二级指标 (数量, 质量, 时效, 社会效益 …)."),
    operator: Optional[str] = typer.Option(None, help="Operator when not in --target: ≥ ≤ > < = ± or 定性."),
    value: Optional[str] = typer.Option(None, help="Number when not in --target."),
    unit: Optional[str] = typer.Option(None, help="Unit (%, 家, 人次 …)."),
    basis: Optional[str] = typer.Option(
        None, help="Basis of the value: 计划标准, 历史标准, 行业标准, 预算支出标准, 其他."
    ),
    weight: Optional[str] = typer.Option(None, help="Scoring weight (分值)."),
    source: list[int] = typer.Option([], "--from", help="Precedent indicator id it came from (repeatable)."),
) -> None:
    """Add one indicator, and show what precedents chose for it."""
    from kb.drafting import drafts
    from kb.drafting.suggest import value_suggestion

    conn = open_kb(ctx)
    guess = None
    if not level1.strip() and not level2.strip():
        level1, level2, guess = _guessed_levels(conn, indicator)
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
        sources=source,
    )
    draft = drafts.add_row(conn, name, row)
    drafts.mark_listed(conn, draft)  # the row number printed below is one of this order
    n = max(i for i, r in enumerate(draft.rows, 1) if r.name == row.name)
    added = draft.rows[n - 1]
    print(shown(f"row {n}: {added.level1}/{added.level2} {added.name} {added.target}".rstrip()))
    if guess is not None:
        print(shown(f"层级依据 levels from: {guess.reason}"))
    _same_indicator(draft, n)
    values = value_suggestion(conn, indicator)
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

        near = [h.name for h in find_names(conn, indicator, limit=5) if h.name != indicator][:5]
        print(
            shown(
                "知识库中没有同名指标 no precedent of this name" + (f"; 相近的 near: {'、'.join(near)}" if near else "")
            )
        )


def _guessed_levels(conn, indicator: str):
    """(level 1, level 2, the guess) for an indicator added without levels; KbError listing the candidates when the
    guess is unsure (kb.find.level_guess)."""
    from kb.find.level_guess import guess_levels

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


@draft_app.command("set")
@handles_errors
def set_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    field: str = typer.Argument(
        ...,
        help="A head field (名称 name, 部门 department, 地区 region, 年度 year, 金额 "
        "amount_wan, 期限 period, 类型 spending_type, 概况 overview, 目标 goal) or, "
        "with --row, a row field (一级 level1, 二级 level2, 三级指标 name, 指标值 "
        "target, 符号 operator, 数值 value, 单位 unit, 依据 basis, 分值 weight).",
    ),
    value: str = typer.Argument(..., help="The new value ('' to clear)."),
    row: Optional[int] = typer.Option(None, "--row", help="Row number (see kb draft show)."),
) -> None:
    """Change a head field, or a field of one row."""
    from kb.drafting import drafts

    conn = open_kb(ctx)
    field = drafts.field_name(field, row is not None)
    if row is None:
        if field == "spending_type" and value:
            from kb.drafting.suggest import check_type

            check_type(value)
        draft = drafts.set_field(conn, name, field, value)
    else:
        current = drafts.open_draft(conn, name)
        (row_id,) = drafts.rows_at(conn, current, [row])
        draft = drafts.update_row(conn, current.id, row_id, current.version, **{field: value})
    print(f"已保存 saved (第 {draft.version} 版 version {draft.version})")


@draft_app.command()
@handles_errors
def remove(
    ctx: typer.Context,
    name: str = NameArg,
    rows: list[int] = typer.Argument(..., metavar="ROW...", help="Row numbers (see kb draft show)."),
) -> None:
    """Remove rows."""
    from kb.drafting import drafts

    conn = open_kb(ctx)
    current = drafts.open_draft(conn, name)
    draft = drafts.remove_rows(conn, current.id, drafts.rows_at(conn, current, rows), current.version)
    print(f"removed {_plural(len(rows), 'row')}; {len(draft.rows)} left")


@draft_app.command()
@handles_errors
def apply(
    ctx: typer.Context,
    name: str = NameArg,
    template: Optional[str] = typer.Option(None, help="A spending type's template (see kb suggest)."),
    project: Optional[int] = typer.Option(None, help="An imported project's indicators (see kb projects)."),
    only: list[str] = typer.Option([], help="Only this indicator (name, or a project's row number); repeatable."),
) -> None:
    """Add a template's or a precedent project's indicators; those already in the draft are skipped.

    With neither --template nor --project, the template of the draft's spending type."""
    from kb.drafting import drafts
    from kb.drafting import suggest

    if template and project is not None:
        raise KbError("give --template or --project, not both")
    conn = open_kb(ctx)
    draft = drafts.open_draft(conn, name)
    if project is not None:
        rows = suggest.project_rows(conn, project, only or None)
    else:
        kind = template or draft.spending_type
        if not kind:
            raise KbError(f"draft {draft.name!r} has no spending type: give --template TYPE or --project ID")
        rows = suggest.template_rows(conn, suggest.check_type(kind), only or None)
    result = drafts.apply_rows(conn, draft.id, rows, draft.version)
    print(
        shown(
            f"added {_plural(len(result.added), 'indicator')}"
            + (
                f"; skipped {len(result.skipped)} already in the draft: {'、'.join(result.skipped)}"
                if result.skipped
                else ""
            )
        )
    )


@draft_app.command("export")
@handles_errors
def export_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    path: Optional[Path] = typer.Argument(None, help="File to write, or a folder (default: the current folder)."),
    fmt: Optional[str] = typer.Option(
        None, "--format", help="xlsx, docx, md, csv or json (default: from the file's extension, else xlsx)."
    ),
) -> None:
    """Export a draft as .xlsx or .docx (a 项目支出绩效目标申报表), Markdown, CSV or JSON."""
    from kb.drafting.drafts import open_draft
    from kb.drafting.export import export, renamed

    draft = open_draft(open_kb(ctx), name)
    written = export(draft, path, fmt)
    print(shown(f"wrote {written}"))
    if note := renamed(draft.name, written):
        print(shown(note))


@draft_app.command()
@handles_errors
def rename(ctx: typer.Context, name: str = NameArg, new_name: str = typer.Argument(..., metavar="NEW")) -> None:
    """Rename a draft."""
    from kb.drafting.drafts import rename as rename_draft

    print(f"renamed to {rename_draft(open_kb(ctx), name, new_name).name!r}")


@draft_app.command()
@handles_errors
def duplicate(ctx: typer.Context, name: str = NameArg, new_name: str = typer.Argument(..., metavar="NEW")) -> None:
    """Copy a draft (head and rows) under a new name."""
    from kb.drafting.drafts import duplicate as duplicate_draft

    copy = duplicate_draft(open_kb(ctx), name, new_name)
    print(f"copied to {copy.name!r} ({len(copy.rows)} rows)")


@draft_app.command()
@handles_errors
def delete(ctx: typer.Context, name: str = NameArg) -> None:
    """Delete a draft and its rows."""
    from kb.drafting.drafts import delete as delete_draft

    delete_draft(open_kb(ctx), name)
    print(f"deleted draft {name!r}")


@handles_errors
def suggest(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The new project's name, or an existing draft's name."),
    overview: str = typer.Option("", help="The project's overview (项目概况), to match on too."),
    spending_type: Optional[str] = typer.Option(
        None, "--type", help="Spending type for the template (default: guessed from name and overview)."
    ),
    limit: int = typer.Option(8, min=1, help="How many similar projects."),
    as_json: bool = JsonOpt,
) -> None:
    """Similar precedent projects (with the terms they share) and the template of a spending type, with the
    targets precedents chose."""
    from kb.drafting import drafts
    from kb.drafting import suggest as sg

    conn = open_kb(ctx)
    draft = next((d for d in drafts.list_drafts(conn) if d["name"] == name.strip()), None)
    if draft:
        draft = drafts.open_draft(conn, draft["id"])
        overview = overview or draft.overview or ""
        spending_type = spending_type or draft.spending_type
    kinds = sg.classify(name, overview)
    kind = sg.check_type(spending_type) if spending_type else (kinds[0][0] if kinds else None)
    similar = sg.similar_projects(conn, name, overview, limit)
    template = sg.template(conn, kind) if kind else None
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
                    "items": [{k: v for k, v in asdict(i).items() if k != "example"} for i in template.items],
                },
            }
        )
        return
    _print_suggestions(similar, kinds, kind, template)


def _print_suggestions(similar, kinds, kind, template) -> None:
    from rich import box
    from rich.table import Table

    from cli.render import add_row
    from kb.vocab.families import spellings_note

    out = console()
    table = Table(title="相似项目 similar projects", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("ID", "项目名称", "地区", "年度", "相似度", "共同词"):
        table.add_column(col, overflow="fold")
    for s in similar:
        add_row(table, s.project_id, s.name, s.region, s.year, f"{s.score:.0f}", "、".join(s.shared))
    out.print(table)
    if kinds:
        out.print(
            shown("支出类型 spending type: " + "; ".join(f"{k} ({'、'.join(w)})" for k, _, w in kinds)), markup=False
        )
    if template is None:
        from kb.drafting.suggest import SPENDING_TYPES

        out.print(f"no spending type found: give --type {' | '.join(SPENDING_TYPES)}", markup=False)
        return
    table = Table(
        title=f"模板 template {kind}: from {len(template.projects)} projects", box=box.SIMPLE_HEAD, title_justify="left"
    )
    evaluated = any(i.outcomes for i in template.items)
    for col in ("一级指标", "二级指标", "三级指标", "常用目标", "项目数", "中位数", "范围") + (
        ("该目标同行自评达成 met†",) if evaluated else ()
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
            i.target,
            i.projects,
            f"{number(s['median'])}{unit}" if s["count"] else "",
            f"{number(s['min'])}–{number(s['max'])}{unit}" if s["count"] else "",
            *((f"{same['met']}/{same['evaluated']}" if same else "",) if evaluated else ()),
        )
    out.print(table)
    for i in template.items:
        if i.advice:
            out.print(shown(f"  {i.name} {i.target}: {i.advice}"), markup=False)
    if evaluated:
        out.print(
            "† 设了同一目标值的单位在自评表中的达成情况（自报）: met/evaluated; self-reported by the units",
            markup=False,
        )


@handles_errors
def lint(
    ctx: typer.Context,
    project: Optional[int] = typer.Option(None, help="Check one imported project (see kb projects)."),
    all_projects: bool = typer.Option(False, "--all", help="Check every imported project: a report."),
    draft: Optional[str] = typer.Option(None, help="Check a draft."),
    self_evaluation: Optional[int] = typer.Option(None, help="Check one self-evaluation (自评表): its scores."),
    self_evaluations: bool = typer.Option(False, "--self-evaluations", help="Check every self-evaluation."),
    rules: bool = typer.Option(False, "--rules", help="List the rules."),
    as_json: bool = JsonOpt,
) -> None:
    """Check goal tables against the national guidance (one project, a draft, or a report on them all), or
    self-evaluations (自评表) as it scores them."""
    from dataclasses import asdict

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
    if rules:
        listed = [{"id": r.id, "severity": r.severity, "reason": r.reason} for r in kl.RULES] + [
            {"id": rule, "severity": severity, "reason": reason} for rule, (severity, reason) in review.RULES.items()
        ]
        if as_json:
            print_json(listed)
        else:
            for r in listed:
                print(f"{r['id']:<24} {r['severity']:<8} {r['reason']}")
        return
    conn = open_kb(ctx)
    if self_evaluations:
        report = review.check_all(conn)
        if as_json:
            print_json(report)
            return
        out = console()
        out.print(
            f"{report['checked']} 份自评表 self-evaluations checked, {len(report['self_evaluations'])} with findings",
            markup=False,
        )
        for e in report["self_evaluations"]:
            out.print(shown(f"#{e['id']} {e['name']} ({e['department'] or ''} {e['year'] or ''})"), markup=False)
            _print_findings([kl.Finding(**f) for f in e["findings"]], out)
        return
    if self_evaluation is not None:
        findings = review.check_self_evaluation(conn, self_evaluation)
        if as_json:
            print_json([asdict(f) for f in findings])
        else:
            _print_findings(findings, console())
        return
    if all_projects:
        report = kl.lint_all(conn)
        if as_json:
            print_json(report)
        else:
            _print_report(report)
        return
    findings = kl.lint_project(conn, project) if project is not None else kl.lint_draft(conn, draft)
    if as_json:
        print_json([asdict(f) for f in findings])
    else:
        _print_findings(findings, console())


def _print_report(report: dict) -> None:
    from rich import box
    from rich.table import Table

    from cli.render import add_row
    from kb.drafting.lint import counts

    out = console()
    findings = [f for p in report["projects"] for f in p["findings"]]
    c = counts(findings)
    out.print(
        f"checked {_plural(report['checked'], 'project')}: {len(report['projects'])} with findings; "
        f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {_plural(c['info'], 'note')}",
        markup=False,
    )
    table = Table(box=box.SIMPLE_HEAD)
    for col, justify in (
        ("rule", "left"),
        ("severity", "left"),
        ("projects", "right"),
        ("findings", "right"),
        ("project ids", "left"),
    ):
        table.add_column(col, justify=justify, overflow="fold")
    for r in report["rules"]:
        add_row(table, r["id"], r["severity"], len(r["projects"]), r["findings"], " ".join(map(str, r["projects"])))
    out.print(table)
    for p in report["projects"]:
        pc = counts(p["findings"])
        out.print(
            shown(
                f"#{p['id']} {p['name']} ({p['region'] or '?'} {number(p['year'])}): "
                f"{_plural(pc['error'], 'error')}, {_plural(pc['warning'], 'warning')}"
            ),
            markup=False,
        )
        for f in p["findings"]:
            where = f"row {f['row']} {f['indicator']}: " if f["row"] else ""
            out.print(shown(f"    {f['severity']:<7} {f['rule']:<22} {where}{f['detail']}"), markup=False)


def register(app: typer.Typer) -> None:
    """Add `kb draft …`, `kb suggest` and `kb lint` to the app."""
    app.add_typer(draft_app, name="draft")
    app.command()(suggest)
    app.command()(lint)
