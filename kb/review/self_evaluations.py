"""Checks on a self-evaluation (自评表) as the national guidance scores it, and on a goal table against last year's.

- the scores recomputed: a row that met its target has its whole 分值, one that missed it B/A × 分值 (A/B for a
  ≤ target: kb.vocab.outcomes' ratio), the budget block 执行率 × 执行率分值 (at most the 分值), the total their sum;
  a difference over 0.1 is a warning (units may score by a stricter rule, but should say so);
- a missed target without a 偏差原因 (deviation reason) is an error;
- 执行率 under 60 % while every 产出 row has full marks is a warning;
- a goal table (or a draft: `draft_below_last_actual`) whose ≥ target lies below what the same project reported
  achieving the year before (目标偏低).
Only numbers are recomputed; rows whose outcome is unknown are left alone.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict

from kb.drafting.lint import Finding
from kb.errors import KbError
from kb.ingest.links import link_key, same_unit
from kb.vocab.amounts import first_number
from kb.vocab.numbers import number
from kb.vocab.targets import normal_target

BELOW_LAST_ACTUAL = "target-below-last-actual"  # the one rule on a goal table (kb lint --project, --all)
TOLERANCE = 0.1  # points a stated score may differ from the recomputed one
LOW_EXECUTION = 60.0  # % 执行率 below which full 产出 marks are doubtful

RULES = {
    "score-mismatch": (
        "warning",
        "达成记满分，未达成按 B/A × 分值（≤ 指标 A/B）: a row scores its whole 分值 when met, else B/A × 分值",
    ),
    "budget-score": ("warning", "预算执行率得分 = 执行率 × 分值，至多满分: the budget block scores 执行率 × its 分值"),
    "total-score": ("warning", "总分 = 各指标得分 + 执行率得分: the total is the rows' scores plus the budget block's"),
    "missed-without-reason": ("error", "未完成的指标须写偏差原因: a missed target needs its 偏差原因分析及改进措施"),
    "low-execution-full-output": (
        "warning",
        "执行率低于 60% 而产出指标全部满分: 执行率 under 60 % with every 产出 row at full marks",
    ),
    "no-goal-table": ("info", "未找到它回答的目标表（不在知识库中）: the goal table it answers is not in the base"),
    "target-changed": ("warning", "自评表的目标值与批复的目标表不同: a target differs from the approved goal table's"),
    "target-below-last-actual": (
        "warning",
        "目标偏低，低于上年实际完成值: a ≥ target below what the same project achieved last year",
    ),
}


def _finding(rule: str, row: int | None, indicator: str, detail: str) -> Finding:
    severity, reason = RULES[rule]
    return Finding(rule, severity, reason, row, indicator, detail)


def _field(fields: dict, label: str) -> float | None:
    """The last number of the field with this label."""
    value = fields.get(label)
    numbers = [n for n in (first_number(part) for part in str(value or "").split()) if n is not None]
    return numbers[-1] if numbers else None


def _total_score(fields: dict) -> float | None:
    """The printed total: the 得分 of a 总分 row read by its columns ('总分': '分值 100；得分 99.5'; None when it gives
    only its 分值), else the last number of a field whose label holds 总分 ('总分值、评价总分 (S)': '92.33')."""
    for key, value in fields.items():
        if "总分" in key and value:
            named = dict(part.split(" ", 1) for part in str(value).split("；") if " " in part)
            if named and all(first_number(label) is None for label in named):  # each value under its column
                score = next((v for label, v in named.items() if "得分" in label), None)
                return first_number(score) if score is not None else None
            return _field(fields, key)
    return None


def check_self_evaluation(conn: sqlite3.Connection, evaluation_id: int) -> list[Finding]:
    """Every finding on one self-evaluation, its rows in order."""
    head = conn.execute("SELECT fields, project_id FROM self_evaluations WHERE id = ?", (evaluation_id,)).fetchone()
    if head is None:
        raise KbError(f"没有这个自评表 no self-evaluation with id {evaluation_id} (see kb lint --self-evaluations)")
    fields = json.loads(head["fields"] or "{}")
    rows = conn.execute(
        """SELECT o.seq, o.name, o.std_level1, o.weight, o.score, o.met, o.ratio, o.notes,
        o.operator, o.value, o.unit, o.target, i.operator AS goal_operator, i.value AS goal_value, i.unit AS goal_unit,
        i.target AS goal_target, i.id AS goal_row FROM outcomes o LEFT JOIN indicators i ON i.id = o.indicator_id
        WHERE o.self_evaluation_id = ? ORDER BY o.seq""",
        (evaluation_id,),
    ).fetchall()
    findings = [] if head["project_id"] is not None else [_finding("no-goal-table", None, "", "未关联 not linked")]
    for r in rows:
        mine = normal_target(r["operator"], r["value"], r["unit"], r["target"])
        approved = normal_target(r["goal_operator"], r["goal_value"], r["goal_unit"], r["goal_target"])
        if r["goal_row"] is not None and mine and approved and mine != approved:
            findings.append(
                _finding("target-changed", r["seq"], r["name"], f"自评 {mine}，目标表 goal table {approved}")
            )
    for r in rows:
        if (
            r["met"] is not None
            and r["weight"] is not None
            and r["score"] is not None
            and (r["met"] == 1 or r["ratio"] is not None)
        ):
            due = r["weight"] * (1.0 if r["met"] == 1 else min(r["ratio"], 1.0))
            if abs(due - r["score"]) > TOLERANCE:
                findings.append(
                    _finding(
                        "score-mismatch",
                        r["seq"],
                        r["name"],
                        f"得分 {number(r['score'])}，按完成比例应为 {number(round(due, 2))} scored, recomputed",
                    )
                )
        reason = any(
            ("偏差" in label or "原因" in label) and str(text).strip()
            for label, text in json.loads(r["notes"] or "{}").items()
        )
        if r["met"] == 0 and not reason:
            findings.append(
                _finding(
                    "missed-without-reason", r["seq"], r["name"], "未完成目标，未写偏差原因 missed, no reason given"
                )
            )
    rate, weight, score = _field(fields, "执行率"), _field(fields, "执行率分值"), _field(fields, "执行率得分")
    if rate is not None and rate <= 1.0 and "%" not in str(fields.get("执行率", "")):
        rate *= 100  # written as a share
    if rate is not None and weight is not None and score is not None:
        due = min(rate / 100, 1.0) * weight
        if abs(due - score) > TOLERANCE:
            findings.append(
                _finding(
                    "budget-score",
                    None,
                    "",
                    f"执行率 {number(rate)}%：得分 {number(score)}，应为 {number(round(due, 2))} scored, recomputed",
                )
            )
    total = _total_score(fields)
    scores = [r["score"] for r in rows]
    if total is not None and scores and None not in scores:
        due = sum(scores) + (score or 0.0)
        if abs(due - total) > TOLERANCE:
            findings.append(
                _finding(
                    "total-score",
                    None,
                    "",
                    f"总分 {number(total)}，各项得分之和 {number(round(due, 2))} total, sum of the scores",
                )
            )
    output = [r for r in rows if r["std_level1"] == "产出指标"]
    if (
        rate is not None
        and rate < LOW_EXECUTION
        and output
        and all(r["score"] is not None and r["weight"] is not None and r["score"] >= r["weight"] for r in output)
    ):
        findings.append(
            _finding(
                "low-execution-full-output",
                None,
                "",
                f"执行率 {number(rate)}%，产出 {len(output)} 行全部满分 all full marks",
            )
        )
    return findings


def below_last_actual(conn: sqlite3.Connection, project_id: int) -> list[Finding]:
    """目标偏低: the project's ≥ targets below the actual its self-evaluation of the year before reported (the same
    unit, region and name as kb.ingest.links reads them, a numeric actual in the target's unit)."""
    project = conn.execute(
        "SELECT name, department, region, year, kind FROM projects WHERE id = ?", (project_id,)
    ).fetchone()
    if project is None or project["year"] is None:
        return []
    earlier = _evaluations_before(conn, dict(project))
    rows = conn.execute(
        """SELECT n.name, i.operator, i.value, i.unit FROM indicators i
        JOIN indicator_names n ON n.id = i.name_id WHERE i.project_id = ? ORDER BY i.seq""",
        (project_id,),
    ).fetchall()
    return _below(conn, earlier, rows)


def draft_below_last_actual(conn: sqlite3.Connection, draft) -> list[Finding]:
    """目标偏低 on a kb.drafting.drafts.Draft: its ≥ targets below the actuals of the self-evaluations answering the
    project it was copied from (through the drafts it was copied from in turn) while it is still of their unit and
    region and of the year after them, and of those of the year before named as it is (its 项目名称, else its name;
    the same unit and region as kb.ingest.links reads them) once its unit is known: a name alone (信息系统运维) is many
    units' project."""
    earlier = [
        e["id"]
        for e in conn.execute(
            "SELECT id, department, region, year FROM self_evaluations WHERE project_id = ?",
            (copied_project(conn, draft.source),),
        )
        if same_unit(e["department"], draft.department)
        and (not e["region"] or not draft.region or e["region"] == draft.region)
        and (not e["year"] or not draft.year or e["year"] == draft.year - 1)
    ]
    if draft.year is not None and draft.department:
        name = draft.project_name or draft.name
        head = {"name": name, "department": draft.department, "region": draft.region, "year": draft.year}
        earlier += [e for e in _evaluations_before(conn, {**head, "kind": "project"}) if e not in earlier]
    rows = [{"name": r.name, "operator": r.operator, "value": r.value, "unit": r.unit} for r in draft.rows]
    return _below(conn, earlier, rows)


def copied_project(conn: sqlite3.Connection, source: dict | None) -> int | None:
    """The imported project a draft was copied from, through the drafts it was copied from in turn."""
    seen = set()
    while source and source.get("kind") == "draft" and source["id"] not in seen:
        seen.add(source["id"])
        row = conn.execute("SELECT source FROM drafts WHERE id = ?", (source["id"],)).fetchone()
        source = json.loads(row[0]) if row and row[0] else None
    return source["id"] if source and source.get("kind") == "project" else None


def _evaluations_before(conn: sqlite3.Connection, project: dict) -> list[int]:
    """The ids of the self-evaluations of the year before a goal table (name, department, region, year, kind): the
    same kind, name, unit and region as kb.ingest.links reads them."""
    key = link_key(project["name"])
    return [
        e["id"]
        for e in conn.execute(
            """SELECT id, name, department FROM self_evaluations WHERE year = ? AND kind = ?
        AND (region IS NULL OR ? IS NULL OR region = ?)""",
            (project["year"] - 1, project["kind"], project["region"], project["region"]),
        )
        if link_key(e["name"]) == key and same_unit(e["department"], project["department"])
    ]


def _below(conn: sqlite3.Connection, earlier: list[int], rows) -> list[Finding]:
    """Findings on the rows (name, operator, value, unit) whose ≥ target lies below the actual in those
    self-evaluations."""
    if not earlier:
        return []
    from kb.find.name_index import outcome_key

    actual: dict[str, tuple[float, str | None]] = {}
    for o in conn.execute(
        f"""SELECT name_key, actual_value, coalesce(actual_unit, unit) AS unit FROM outcomes
            WHERE self_evaluation_id IN ({",".join("?" * len(earlier))}) AND met IS NOT NULL""",
        earlier,
    ):
        actual[o["name_key"]] = (o["actual_value"], o["unit"])
    findings = []
    for seq, row in enumerate(rows, 1):
        got = actual.get(outcome_key(row["name"]))
        if (
            got
            and row["operator"] in ("≥", ">")
            and row["value"] is not None
            and got[0] is not None
            and got[0] > row["value"]
            and (not got[1] or not row["unit"] or got[1] == row["unit"])
        ):
            findings.append(
                _finding(
                    "target-below-last-actual",
                    seq,
                    row["name"],
                    f"目标 {row['operator']}{number(row['value'])}{row['unit'] or ''}，"
                    f"上年实际 {number(got[0])}{got[1] or ''} target, last year's actual",
                )
            )
    return findings


def check_all(conn: sqlite3.Connection) -> dict:
    """Every self-evaluation checked: {'checked': n, 'self_evaluations': [{id, name, year, findings}]} with
    findings only."""
    rows = conn.execute("SELECT id, name, department, year FROM self_evaluations ORDER BY id").fetchall()
    found = []
    for row in rows:
        findings = check_self_evaluation(conn, row["id"])
        if findings:
            found.append({**dict(row), "findings": [asdict(f) for f in findings]})
    return {"checked": len(rows), "self_evaluations": found}
