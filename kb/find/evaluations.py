"""Reading self-evaluations (自评表): the list, and one form whole (its head, budget block and rows, each row judged
met or not by kb.vocab.outcomes)."""

from __future__ import annotations

import json
import sqlite3

from kb.errors import KbError
from kb.find.outcomes import verdict
from kb.find.queries import DEPARTMENT, list_filters, listed_name
from kb.vocab.departments import department_sql
from kb.vocab.numbers import number


def list_self_evaluations(
    conn: sqlite3.Connection,
    region: str | None = None,
    year: int | None = None,
    limit: int | None = None,
    department: str | None = None,
    name: str | None = None,
) -> list[dict]:
    """Self-evaluations, newest year first, each with `id, kind, name, department, implementing_unit, region, year,
    amount_wan, source, rows, met, not_met, unknown` (rows whose target cannot be judged: in words, or none);
    `department` and `name`: a part of theirs ('宣传' for 无偿献血者宣传项目)."""
    sql = """SELECT s.id, s.kind, s.name, s.department, s.implementing_unit, s.region, s.year, s.amount_wan,
        d.file_name AS source,
        s.indicator_count AS rows,
        (SELECT count(*) FROM outcomes o WHERE o.self_evaluation_id = s.id AND o.met = 1) AS met,
        (SELECT count(*) FROM outcomes o WHERE o.self_evaluation_id = s.id AND o.met = 0) AS not_met,
        (SELECT count(*) FROM outcomes o WHERE o.self_evaluation_id = s.id AND o.met IS NULL) AS unknown
        FROM self_evaluations s JOIN documents d ON d.id = s.document_id WHERE 1"""
    where, params = list_filters("s", region, year, department)
    if name:
        where, params = where + " AND instr(s.name, ?) > 0", [*params, name]
    sql += where + " ORDER BY s.year DESC, s.region, s.document_id, s.seq" + (" LIMIT ?" if limit is not None else "")
    params += [limit] if limit is not None else []
    return [dict(row) for row in conn.execute(sql, params)]


def self_evaluation_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM self_evaluations").fetchone()[0]


def evaluated_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Each self-evaluation's indicator names, one per line (what a filter of the list looks through)."""
    return dict(
        conn.execute(
            "SELECT self_evaluation_id, group_concat(name, char(10)) FROM outcomes GROUP BY self_evaluation_id"
        ).fetchall()
    )


def search_self_evaluated(
    conn: sqlite3.Connection, q: str, filters, limit: int = 20, offset: int = 0
) -> tuple[int, list[dict]]:
    """Self-evaluated rows whose indicator name contains `q` (each of its words, kb.vocab.tokens.query_words; folded
    as kb search folds names), newest first: how many, and a page of them (none read for `limit` 0), each with
    `self_evaluation_id, self_evaluation, region, year, name, target, actual, met, score, notes`. `filters`
    (kb.find.search.Filters) narrow them by region, year, department and standard level."""
    from kb.find.search import LEVELS, holds_words
    from kb.vocab.tokens import fold, query_words

    words = query_words(q)
    q = words[0] if len(words) == 1 else q
    params: dict = {"folded": fold(q), "limit": limit, "offset": offset}
    if len(words) > 1:  # each of the words, in any order (kb.vocab.tokens.query_words)
        where = " WHERE " + holds_words("o.name", [fold(w) for w in words], params)
    else:
        where = " WHERE instr(kb_fold(o.name), :folded) > 0"
    if filters.region:
        where += " AND instr(s.region, :region) > 0"
        params["region"] = filters.region
    if filters.year:
        where += " AND s.year = :year"
        params["year"] = filters.year
    if filters.department:
        where += " AND " + department_sql("s", filters.department, params)
    if filters.level:
        where += f" AND o.std_level{1 if filters.level in LEVELS.values() else 2} = :level"
        params["level"] = filters.level
    joined = " FROM outcomes o JOIN self_evaluations s ON s.id = o.self_evaluation_id" + where
    total = conn.execute("SELECT count(*)" + joined, params).fetchone()[0]
    if not total or not limit:
        return total, []
    rows = conn.execute(
        """SELECT o.self_evaluation_id, s.name AS self_evaluation, s.department, s.implementing_unit, s.region, s.year,
        o.name, o.target, o.actual, o.met, o.score, o.notes"""
        + joined
        + " ORDER BY s.year DESC, s.id, o.seq LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    found = [dict(row) for row in rows]
    for row in found:
        row["notes"] = json.loads(row["notes"]) if row["notes"] else {}
    return total, found


def show_self_evaluation(conn: sqlite3.Connection, evaluation_id: int) -> dict:
    """One self-evaluation as printed: its head and budget fields, the goal table it answers (when linked) and its
    rows with target, actual, weight, score and whether the target was met."""
    head = conn.execute(
        """SELECT s.id, s.kind, s.name, s.code, s.department, s.region, s.year, s.page, s.amount_wan,
        s.amount_text, s.goal, s.fields, s.project_id, s.link, d.file_name AS source, d.layout
        FROM self_evaluations s JOIN documents d ON d.id = s.document_id WHERE s.id = ?""",
        (evaluation_id,),
    ).fetchone()
    if head is None:
        raise KbError(
            f"没有编号为 {evaluation_id} 的自评表（见 kb evaluations） no self-evaluation with id {evaluation_id}"
        )
    found = dict(head)
    found["fields"] = json.loads(found["fields"] or "{}")
    found["rows"] = [
        dict(row)
        for row in conn.execute(
            """SELECT seq, level1, level2, name, target, actual, weight, score, met, notes FROM outcomes
            WHERE self_evaluation_id = ? ORDER BY seq""",
            (evaluation_id,),
        )
    ]
    for row in found["rows"]:
        row["notes"] = json.loads(row["notes"]) if row["notes"] else {}
    return found


def head_pairs(e: dict, goal_hint: str) -> list[tuple[str, str]]:
    """A self-evaluation's head as printed (show_self_evaluation): (label, value) of every field it has, the goal
    table it answers with `goal_hint` after it (a face's way to open it, '{id}' its project id)."""
    project = e.get("project_id")
    pairs = [
        ("自评表", listed_name(e["name"], e["kind"] == DEPARTMENT)),
        ("部门", e["department"]),
        ("地区", e["region"]),
        ("年度", number(e["year"])),
        ("全年预算(万元)", number(e["amount_wan"])),
        *e["fields"].items(),
        ("来源", f"{e['source']} [{e['layout']}]"),
        ("页码", f"第 {e['page']} 页" if e.get("page") else None),
        ("对应目标表", f"项目 {project}" + goal_hint.format(id=project) if project else None),
    ]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]


def form_rows(rows: list[dict]) -> list[tuple[str, ...]]:
    """A self-evaluation's rows (show_self_evaluation) as printed: level 1, level 2 (each where its group starts),
    name, target, actual, weight, score, verdict, and the row's notes (the reason it missed …) when any row has
    some."""
    noted = any(r["notes"] for r in rows)
    found, last = [], (None, None)
    for r in rows:
        level1 = r["level1"] if r["level1"] != last[0] else ""
        level2 = r["level2"] if (r["level1"], r["level2"]) != last else ""
        last = (r["level1"], r["level2"])
        cells = (level1 or "", level2 or "", r["name"], r["target"] or "", r["actual"] or "")
        judged = verdict(r["met"], bool(r["target"]))
        found.append(
            (*cells, number(r["weight"]), number(r["score"]), judged, *((_notes(r["notes"]),) if noted else ()))
        )
    return found


def _notes(notes: dict) -> str:
    """A self-evaluated row's notes as one text: the reason it missed as written, other notes under their column's
    label ('备注：…')."""
    return "；".join(value if "原因" in label else f"{label}：{value}" for label, value in notes.items() if value)
