"""Rich renderings of query results for the terminal (the CLI's table output).

Every value from the knowledge base goes through `text` (or `add_row`): never read as Rich markup, control
characters shown escaped (kb.vocab.text.shown), numbers as kb.vocab.numbers writes them.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kb.find.evaluations import form_rows, head_pairs
from kb.find.outcomes import PEERS_KEY, achieved_text, evaluation_line, peers_text, verdict
from kb.find.queries import DEPARTMENT, listed_name
from kb.find.search import Filters, what_to_try
from kb.vocab.departments import unit_beside, unit_under
from kb.vocab.families import spellings_note
from kb.vocab.levels import short_level
from kb.find.counts import count_text
from kb.vocab.numbers import number, total
from kb.vocab.text import shown


def text(value, style: str = "") -> Text:
    """A value (text, a number or None) as a cell or a line: no markup, no control character."""
    return Text(shown(number(value), lines=True), style=style)


def add_row(table: Table, *cells) -> None:
    table.add_row(*(cell if isinstance(cell, Text) else text(cell) for cell in cells))


def _department(row: dict) -> Text:
    """A list's 部门 cell: the department, and under it the unit carrying the work out where it is another
    (a department filter may have found the row by it)."""
    return _with_unit(row["department"], unit_beside(row["department"], row.get("implementing_unit")))


def _where(row: dict) -> Text:
    """A search hit's 地区·部门 cell: the department, which names its region (北京市公安局), else the region and the
    department; under it the unit carrying the work out where it is another, without their names at its head."""
    department, region = row["department"], row["region"]
    named = department if department and region and department.startswith(region) else None
    shown_as = named or " · ".join(filter(None, (region, department)))
    return _with_unit(shown_as, unit_under(department, region, row.get("implementing_unit")))


def _with_unit(department: str | None, unit: str | None) -> Text:
    """A cell of the department as shown, with the unit carrying the work out under it (dim) where there is one."""
    cell = text(department)
    if unit:
        cell.append(f"\n实施 {shown(unit)}", style="dim")
    return cell


def _level(ind: dict) -> str:
    """Compact standard level of an indicator row (see kb.vocab.levels.short_level)."""
    return short_level(ind.get("std_level1"), ind.get("std_level2"), bool(ind.get("level_inferred")))


def filters_text(*given: tuple[str, object]) -> str:
    """The filters given, (label, value) each, as a list says them: '地区 宁波，年度 2025' ('' for none)."""
    return "，".join(f"{label} {value}" for label, value in given if value)


def search_result(console: Console, result, filters: Filters | None = None) -> None:
    """A search's tables; nothing found: what the filters left out, the names the query spells in pinyin."""
    nothing = result.indicator_total == 0 and result.project_total == 0 and result.evaluated_total == 0
    within = filters.said if filters else ""
    for word in getattr(result, "regions", ()):
        rest = " ".join(w for w in result.words if w != word)
        rest = f'"{rest}"' if " " in rest else rest
        if not rest:
            continue
        console.print(
            text(
                f"提示：{word} 是地区名，指标名称里没有地区；按地区查用 kb search {rest} --region {word} "
                f"hint: {word!r} names a region, which no indicator name holds: kb search {rest} --region {word}"
            )
        )
    if nothing and within:
        console.print(
            text(
                f"在所选范围（{within}）内没有包含 {_said(result)} 的指标或项目；去掉筛选再查 "
                f"no indicator or project contains {_said(result)} within the filters: try without them"
            )
        )
    elif nothing and result.suggestions and all(s["match"] == "pinyin" for s in result.suggestions):
        console.print(text(f"按拼音 {result.query} 找到这些指标名称 indicator names spelt {_said(result)} in pinyin:"))
        for s in result.suggestions:
            console.print(text(f"  {s['name']}（{s['uses']} 次 uses）{spellings_note(s['name'], s['variants'])}"))
        console.print(text(f"查看一个名称的先例 see a name's precedents: kb search {result.suggestions[0]['name']}"))
        return
    elif nothing:
        console.print(text(f"没有包含 {_said(result)} 的指标或项目 no indicator or project contains {_said(result)}"))
    spellings = getattr(result, "spellings", ())
    if nothing:
        if spellings:
            console.print(text(_spelt(spellings)))
        if result.suggestions:
            console.print(text(_suggested("你要找的是不是 did you mean: ", result.suggestions, example=True)))
        elif not spellings and not within:  # (within them: try without them, said above)
            console.print(text(what_to_try(result.query)))
        return
    if result.indicators:
        table = Table(
            title=text(
                f"指标 indicators: {_total(result.indicator_total)} contain {_said(result)}"
                + (f" (top {len(result.indicators)})" if result.indicator_total > len(result.indicators) else "")
            ),
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        evaluated = any(ind.get("outcomes") for ind in result.indicators)
        for col in ("指标名称", "目标值", "层级", "项目", "地区·部门", "年度") + (
            ("同名指标自评达成 met by all†",) if evaluated else ()
        ):
            table.add_column(col, overflow="fold")
        for ind in result.indicators:
            add_row(
                table,
                ind["name"],
                ind["target"],
                _level(ind),
                f"{listed_name(ind['project'], ind.get('project_kind') == DEPARTMENT)} #{ind['project_id']}",
                _where(ind),
                ind["year"],
                *((peers_text(ind["outcomes"]),) if evaluated else ()),
            )
        console.print(table)
        if evaluated:
            console.print(
                f"† 同名指标在各单位自评表中的达成情况（自报，未经审计）: {PEERS_KEY} · median actual; "
                "self-reported by the units, not audited",
                markup=False,
            )
        if any(i["level_inferred"] for i in result.indicators):
            console.print(
                "* 层级由指标名称推断（原文未写） level inferred from the name (the document gives none)", markup=False
            )
    if result.projects:
        table = Table(
            title=text(
                f"项目 projects: {_total(result.project_total)} contain {_said(result)}"
                + (f" (top {len(result.projects)})" if result.project_total > len(result.projects) else "")
            ),
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        for col in ("ID", "项目名称", "地区·部门", "年度", "匹配"):
            table.add_column(col, overflow="fold")
        for p in result.projects:
            name = listed_name(p["name"], p.get("kind") == DEPARTMENT)
            add_row(table, p["id"], name, _where(p), p["year"], p["snippet"])
        console.print(table)
    if result.evaluated:
        _evaluated(console, result)
    if spellings:
        console.print(text(_spelt(spellings)))
    if result.suggestions:  # (below what was found: above it, 'did you mean' read as if the hits were a mistake)
        console.print(text(_suggested("相近的名称 similar names: ", result.suggestions)))


def _spelt(spellings: tuple[dict, ...]) -> str:
    """The query's other spellings with a short name and what each finds (医保: 医疗保障, 医疗保险)."""
    listed = "、".join(f"{s['query']}（{s['indicators']} 个指标）" for s in spellings)
    return f"同义的写法 other spellings: {listed}（如 e.g. kb search {spellings[0]['query']}）"


def region_is_a_department(console: Console, region: str, departments: list[tuple[str, str | None]]) -> None:
    """When --region names departments, (department, region) each, and no region: --department finds them."""
    if departments:
        named = "、".join(f"{name}（{where or '地区未知'}）" for name, where in departments)
        first = departments[0][1]
        console.print(
            text(
                f"提示：{region} 是部门名，不是地区：{named}；按部门查用 --department {region}"
                + (f"（地区用 --region {first}）" if first else "")
                + f" hint: {region!r} names a department, not a region: --department {region}"
            )
        )


def _said(result) -> str:
    """What the hits contain: the query, or each of its words ('烟台' + '救助': in any order)."""
    words = getattr(result, "words", ())
    return " + ".join(map(repr, words)) if words else repr(result.query)


# how each kind of suggestion matches (kb.find.search.SUGGESTED_MATCHES, docs/search.md)
MATCH_SAID = {
    "exact": "同一指标的写法 its spelling",
    "substring": "写法包含 a spelling holds it",
    "pinyin": "拼音 pinyin",
    "fuzzy": "近似 near",
}


def _suggested(lead: str, suggestions: list[dict], example: bool = False) -> str:
    """The names a query nearly spells (or spells in pinyin), with how and how often used."""
    names = " · ".join(
        f"{s['name']}（{MATCH_SAID[s['match']]}，{s['uses']} 次 uses）{spellings_note(s['name'], s['variants'])}"
        for s in suggestions
    )
    return lead + names + (f"（如 e.g. kb search {suggestions[0]['name']}）" if example else "")


def _evaluated(console: Console, result) -> None:
    """The self-evaluated rows of a search: what units reported of indicators of that name."""
    shown_rows = len(result.evaluated)
    table = Table(
        title=text(
            f"自评表中的指标 self-evaluated rows: {result.evaluated_total} contain {_said(result)}"
            + (f" (top {shown_rows})" if result.evaluated_total > shown_rows else "")
            + "（自报，未经审计 self-reported, not audited）"
        ),
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for col in ("指标名称", "指标值", "实际完成值", "达成", "自评表", "地区·部门", "年度"):
        table.add_column(col, overflow="fold")
    for r in result.evaluated:
        where = f"{r['self_evaluation']} #{r['self_evaluation_id']}"
        add_row(
            table,
            r["name"],
            r["target"],
            r["actual"],
            verdict(r["met"], bool(r["target"])),
            where,
            _where(r),
            r["year"],
        )
    console.print(table)
    console.print("查看整张自评表：kb evaluations ID  a whole self-evaluation: kb evaluations ID", markup=False)


def _total(count: int) -> str:
    """A number of hits as counted, or an estimate said to be one (kb.find.counts)."""
    return count_text(count) + ("" if getattr(count, "exact", True) else " (estimated)")


def _list_table(title: str, columns: str, numbers: int) -> Table:
    """A list's table: its columns (space-separated), the first and the last `numbers` of them right-aligned."""
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    names = columns.split()
    for i, col in enumerate(names):
        table.add_column(col, justify="right" if i == 0 or i >= len(names) - numbers else "left", overflow="fold")
    return table


def project_list(console: Console, rows: list[dict], within: str = "") -> None:
    """The projects listed; none: what the filters (`within`, filters_text) left out, or how to import some."""
    if not rows:
        console.print(
            text(f"在所选范围（{within}）内没有项目；去掉筛选再查 no project within the filters: try without them")
            if within
            else "还没有项目：kb import 导入绩效目标表 no project yet: kb import FILE"
        )
        return
    table = _list_table(f"{len(rows)} 个项目 projects", "ID 项目名称 部门 地区 年度 金额(万元) 指标", 2)
    for r in rows:
        add_row(
            table, r["id"], r["name"], _department(r), r["region"], r["year"], r["amount_wan"], r["indicator_count"]
        )
    console.print(table)


def self_evaluation_list(console: Console, rows: list[dict], within: str = "") -> None:
    if not rows and within:
        what = "no self-evaluation within the filters: try without them"
        console.print(text(f"在所选范围（{within}）内没有自评表；去掉筛选再查 {what}"))
        return
    if not rows:
        console.print("0 个自评表 no self-evaluation: kb import 一份自评表或决算 imports one (a 自评表 or a 决算)")
        return
    table = _list_table(
        f"{len(rows)} 个自评表 self-evaluations", "ID 名称 部门 年度 全年预算(万元) 指标 达成 未达成 未能判断", 5
    )
    for r in rows:
        name = listed_name(r["name"], r["kind"] == DEPARTMENT)
        counts = (r["rows"], r["met"], r["not_met"], r["unknown"])
        add_row(table, r["id"], name, _department(r), r["year"], r["amount_wan"], *counts)
    console.print(table)


def self_evaluation_card(console: Console, e: dict) -> None:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    for label, value in head_pairs(e, "（kb show {id}）"):
        add_row(head, label, value)
    console.print(head)
    if not e["rows"]:
        return
    table = Table(title="绩效指标完成情况", box=box.SIMPLE_HEAD, title_justify="left")
    rows = form_rows(e["rows"])
    columns = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "达成", "偏差原因及说明")
    for col in columns[: len(rows[0])]:
        table.add_column(col, overflow="fold", no_wrap=col in ("分值", "得分", "达成"))
    for row in rows:
        add_row(table, *row)
    console.print(table)


def project_card(console: Console, p: dict) -> None:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    for label, value in (
        ("项目名称", p["name"]),
        ("部门", p["department"]),
        ("地区", p["region"]),
        ("年度", number(p["year"])),
        (
            "本年金额(万元)",
            number(p["amount_wan"])
            + (
                f"  (原文 {p['amount_text']})"
                if p.get("amount_text") and p["amount_text"] != number(p["amount_wan"])
                else ""
            ),
        ),
        ("实施期", p["period"]),
        ("项目概况", p["overview"]),
        ("年度绩效目标", p["goal"]),
        *(p.get("fields") or {}).items(),  # what else the head prints: the shares of the money, tasks, contacts …
        ("来源", f"{p['source']} [{p['layout']}]"),
        ("表格", p.get("table_title")),
        ("页码", f"第 {p['page']} 页" if p.get("page") else None),
    ):
        if value:
            add_row(head, label, value)
    console.print(head)
    own = any(ind.get("achieved") for ind in p["indicators"])
    peers = any(ind.get("outcomes") for ind in p["indicators"])
    if p["indicators"]:
        table = Table(title="绩效指标", box=box.SIMPLE_HEAD, title_justify="left")
        for col in (
            ("一级指标", "二级指标", "三级指标", "指标值", "标准层级")
            + (("自评实际 actual",) if own else ())
            + (("同名指标自评达成 met by all†",) if peers else ())
        ):
            table.add_column(col, overflow="fold")
        last = (None, None)
        for ind in p["indicators"]:
            l1, l2 = ind["level1"] or "", ind["level2"] or ""
            shown_levels = (l1 if (l1, "") != (last[0], "") else "", l2 if (l1, l2) != last else "")
            last = (l1, l2)
            target = ind["target"] + (f"（实施周期 {ind['period_target']}）" if ind.get("period_target") else "")
            add_row(
                table,
                *shown_levels,
                ind["name"] + ("（文字目标）" if ind["from_prose"] else ""),
                target,
                _level(ind),
                *((achieved_text(ind["achieved"]),) if own else ()),
                *((peers_text(ind["outcomes"]),) if peers else ()),
            )
        console.print(table)
        if peers:
            console.print(
                f"† 同名指标在各单位自评表中的达成情况（自报，未经审计）: {PEERS_KEY} · median actual; "
                "self-reported by the units, not audited",
                markup=False,
            )
    for e in p.get("self_evaluations", []):
        console.print(shown(evaluation_line(e)), markup=False)
    if p["evaluation"]:
        table = Table(
            title=f"评价指标 (分值合计 {number(total(e['weight'] for e in p['evaluation']))})",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        for col in ("一级", "二级", "指标", "分值", "评分标准", "数据来源"):
            table.add_column(col, overflow="fold")
        for e in p["evaluation"]:
            add_row(table, e["level1"], e["level2"], e["name"], e["weight"], e["criteria"], e["source"])
        console.print(table)
    if p["budget_lines"]:
        table = Table(title="资金使用明细", box=box.SIMPLE_HEAD, title_justify="left")
        for col in ("明细", "金额(万元)", "测算依据"):
            table.add_column(col, overflow="fold")
        for b in p["budget_lines"]:
            add_row(table, b["item"], b["amount_wan"], b["basis"])
        console.print(table)


_STATS_COLUMNS = {
    "region": "地区 region",
    "year": "年度 year",
    "level": "层级 level",
    "projects": "项目 projects",
    "indicators": "指标 indicators",
    "inferred": "其中推断 inferred",
}


def stats(console: Console, data: dict) -> None:
    console.print(
        f"{data['documents']} 个文件 documents，{data['projects']} 个项目 projects"
        + (f"，{data['department_tables']} 个部门整体 department-wide" if data["department_tables"] else "")
        + f"，{data['indicators']} 个指标 indicators（{data['distinct_indicator_names']} 个不同名称 distinct names），"
        f"{data['evaluation_items']} 条评价指标 evaluation items，{data['budget_lines']} 条资金明细 budget lines"
        + (f"，{data['self_evaluations']} 个自评表 self-evaluations" if data["self_evaluations"] else ""),
        markup=False,
    )
    for key, title, label in (
        ("by_region", "按地区 by region", "region"),
        ("by_year", "按年度 by year", "year"),
        ("by_level", "按层级 by level", "level"),
    ):
        table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column(_STATS_COLUMNS.get(label, label))
        cols = [c for c in data[key][0].keys() if c != label] if data[key] else []
        for c in cols:
            table.add_column(_STATS_COLUMNS.get(c, c), justify="right")
        for row in data[key]:
            add_row(table, number(row[label]) or "（未知）(unknown)", *(row[c] for c in cols))
        console.print(table)
