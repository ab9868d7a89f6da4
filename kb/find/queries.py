"""Reading the knowledge base: project lists, a project's whole goal table, statistics."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import NamedTuple

from kb.errors import KbError
from kb.find.gil import read_rows
from kb.find.outcomes import add_outcomes
from kb.vocab.departments import department_condition


PROJECT = "project"  # projects.kind of a project
DEPARTMENT = "department"  # projects.kind of a department's whole goal table (部门整体): a precedent, not a project
DEPARTMENT_MARK = "（部门整体）"  # after such a table's name wherever it is listed beside projects


def listed_name(name: str, department_wide: bool) -> str:
    """A project's name as listed beside others: a department's whole table marked so, unless its name says it
    (`…部门整体` was listed as `…部门整体（部门整体）`). (kb.find.precedents.precedents says it in SQL too.)"""
    return name + DEPARTMENT_MARK if department_wide and "部门整体" not in name else name


def list_filters(table: str, region: str | None, year: int | None, department: str | None = None) -> tuple[str, list]:
    """The conditions (each after AND) and parameters of a list's filters on `table`: a part of the region's name,
    the year, a part of the department's name (or of its short or full name, kb.vocab.departments)."""
    conditions = [(f" AND instr({table}.region, ?) > 0", region), (f" AND {table}.year = ?", year)]
    sql, params = "".join(sql for sql, value in conditions if value), [value for _, value in conditions if value]
    if department:

        def slot(value: str) -> str:
            params.append(value)
            return "?"

        sql += " AND " + department_condition(table, department, slot)
    return sql, params


def departments_named(conn: sqlite3.Connection, text: str, limit: int = 3) -> list[tuple[str, str | None]]:
    """(department, region) of the departments whose name holds `text` when no region's does ('北京市公安局' given as
    a region), those with most projects first."""
    if conn.execute("SELECT 1 FROM projects WHERE instr(region, ?) > 0 LIMIT 1", (text,)).fetchone():
        return []
    where, params = list_filters("projects", None, None, text)
    sql = f"""SELECT department, region FROM projects WHERE 1 {where} GROUP BY department, region
        ORDER BY count(*) DESC, department LIMIT ?"""
    return [(row[0], row[1]) for row in conn.execute(sql, (*params, limit))]


def list_projects(
    conn: sqlite3.Connection,
    region: str | None = None,
    year: int | None = None,
    department: str | None = None,
    limit: int | None = None,
    kind: str = PROJECT,
) -> list[dict]:
    """Projects (or, with kind DEPARTMENT, department-wide goal tables), newest year first, each with `id, name,
    department, region, year, amount_wan, source, indicator_count, implementing_unit` (实施单位: None where the
    head names none)."""
    sql = """SELECT p.id, p.name, p.department, p.region, p.year, p.amount_wan, d.file_name AS source,
        p.indicator_count, p.implementing_unit FROM projects p JOIN documents d ON d.id = p.document_id
        WHERE p.kind = ?"""
    where, params = list_filters("p", region, year, department)
    sql += where + " ORDER BY p.region, p.year DESC, p.document_id, p.seq" + (" LIMIT ?" if limit is not None else "")
    params = [kind, *params] + ([limit] if limit is not None else [])
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(sql, params)
    columns = [d[0] for d in rows.description]
    repeated = {n for n, c in enumerate(columns) if c in ("department", "region", "source", "implementing_unit")}
    shared: dict = {}  # one object per distinct department, region, source and unit: 100,000 projects share a few
    return [
        dict(
            zip(
                columns,
                (shared.setdefault(v, v) if isinstance(v, str) and i in repeated else v for i, v in enumerate(row)),
            )
        )
        for row in rows
    ]


class ProjectRow(NamedTuple):
    """A project as the app's tree and palette list it (a tuple: 100,000 of them stay small), or a department's
    whole goal table (`department_wide`), listed first among its department's projects of that year; `unit`: the
    unit carrying it out (实施单位) where the head names one."""

    id: int
    name: str
    department: str | None
    region: str | None
    year: int | None
    indicators: int
    department_wide: bool = False
    unit: str | None = None


_LISTED = f"kind IN ('{PROJECT}', '{DEPARTMENT}')"  # what the tree lists: projects and department-wide tables


def project_branches(conn: sqlite3.Connection) -> list[tuple[str | None, str | None, int | None, int]]:
    """(region, department, year, number of goal tables: projects and department-wide ones) of every combination,
    from an index (no project is read); an empty region or department is None."""
    counts: Counter[tuple] = Counter()
    sql = f"""SELECT region, department, year, count(*) FROM projects WHERE {_LISTED}
        GROUP BY kind, region, department, year"""
    for region, department, year, n in read_rows(conn, sql, {}, ("region", "department", "year", "n")):
        counts[(region or None, department or None, year)] += n
    return [(*key, n) for key, n in counts.items()]


_PROJECT_COLUMNS = f"id, name, department, region, year, indicator_count, kind = '{DEPARTMENT}', implementing_unit"


def _equals(column: str, value: str | None) -> str:
    """A condition for a branch's column: equal to `value`, or empty or unknown when it is None."""
    return f"{column} = :{column}" if value else f"({column} IS NULL OR {column} = '')"


def branch_projects(
    conn: sqlite3.Connection, region: str | None, department: str | None, year: int | None
) -> list[ProjectRow]:
    """The projects of one (region, department, year) branch (None: empty or unknown): its department-wide tables
    first, then its projects, each in document order."""
    sql = f"""SELECT {_PROJECT_COLUMNS}, document_id, seq FROM projects WHERE {_LISTED}
        AND {_equals("region", region)} AND {_equals("department", department)} AND year IS :year"""
    params = {"region": region, "department": department, "year": year}
    rows = read_rows(conn, sql, params, (*ProjectRow._fields, "document_id", "seq"))  # in no order: JSON
    found = [(ProjectRow._make((*row[:6], bool(row[6]), row[7])), row[8:]) for row in rows]  # (its document order)
    found.sort(key=lambda pair: (not pair[0].department_wide, *pair[1]))
    return [project for project, _ in found]


def all_projects(conn: sqlite3.Connection) -> list[ProjectRow]:
    """Every project and department-wide table, in document order; equal strings (a department used by 1,000
    projects) are one object."""
    cursor = conn.cursor()
    cursor.row_factory = None
    shared: dict = {}
    return [
        ProjectRow(
            pid,
            name,
            department and shared.setdefault(department, department),
            region and shared.setdefault(region, region),
            year,
            n,
            bool(department_wide),
            unit and shared.setdefault(unit, unit),
        )
        for pid, name, department, region, year, n, department_wide, unit in cursor.execute(
            f"SELECT {_PROJECT_COLUMNS} FROM projects WHERE {_LISTED} ORDER BY document_id, seq"
        )
    ]


def first_listed(conn: sqlite3.Connection, document_ids: list[int]) -> int | None:
    """The first goal table the tree lists (in document order) of the first of `document_ids` that has one."""
    for document_id in document_ids:
        row = conn.execute(
            f"SELECT id FROM projects WHERE document_id = ? AND {_LISTED} ORDER BY seq LIMIT 1", (document_id,)
        ).fetchone()
        if row:
            return row[0]
    return None


def _add_own_outcomes(conn: sqlite3.Connection, project: dict) -> None:
    """The self-evaluations linked to this goal table (kb.ingest.links), each with its rows no goal row matches and
    the goal rows it did not evaluate, and per goal row what was reported of it (`achieved`, None when nothing)."""
    evaluations = [
        dict(r)
        for r in conn.execute(
            """SELECT s.id, s.name, s.year, s.link, s.amount_wan, d.file_name AS source FROM self_evaluations s
        JOIN documents d ON d.id = s.document_id WHERE s.project_id = ? ORDER BY s.year, s.id""",
            (project["id"],),
        )
    ]
    achieved: dict[int, dict] = {}
    for evaluation in evaluations:
        rows = conn.execute(
            """SELECT indicator_id, name, target, actual, met, ratio, weight, score FROM outcomes
            WHERE self_evaluation_id = ? ORDER BY seq""",
            (evaluation["id"],),
        ).fetchall()
        evaluated = {r["indicator_id"] for r in rows}
        evaluation["rows_without_goal"] = [r["name"] for r in rows if r["indicator_id"] is None]
        evaluation["goal_rows_not_evaluated"] = [i["name"] for i in project["indicators"] if i["id"] not in evaluated]
        for r in rows:
            if r["indicator_id"] is not None:
                achieved[r["indicator_id"]] = {
                    key: r[key] for key in ("target", "actual", "met", "ratio", "weight", "score")
                }
    for ind in project["indicators"]:
        ind["achieved"] = achieved.get(ind["id"])
    project["self_evaluations"] = evaluations


def _table_title(conn: sqlite3.Connection, project: dict, parts: list[dict]) -> str | None:
    """The title of the table of its document a project comes from (a department budget holds many: 预算12表, its
    预算13表 部门整体 table, 转移支付 forms …): the document's parts of the project's kind, in order, each holding as
    many of the document's projects of that kind as it read (a department-wide part one), the project found among
    them by its place; None when the document does not say."""
    wanted = "department" if project["kind"] == DEPARTMENT else "goal"
    mine = [part for part in parts if part.get("kind") == wanted]
    place = conn.execute(
        "SELECT count(*) FROM projects WHERE document_id = ? AND kind = ? AND seq < ?",
        (project["document_id"], project["kind"], project["seq"]),
    ).fetchone()[0]
    for part in mine:
        place -= part.get("projects") or 0 if wanted == "goal" else 1
        if place < 0:
            return part.get("title") or None
    return None


def show_project(conn: sqlite3.Connection, project_id: int) -> dict:
    """A project with its document, goal table (`indicators`, each with its peers' self-reported `outcomes`, see
    kb.find.outcomes), `evaluation` and `budget_lines`."""
    row = conn.execute(
        """SELECT p.*, d.file_name AS source, d.layout, d.title AS document_title, d.path AS document_path,
        d.region_source, d.year_source, d.department_source, d.published, d.parts
        FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id = ?""",
        (project_id,),
    ).fetchone()
    if row is None:
        raise KbError(f"没有编号为 {project_id} 的项目 no project with id {project_id} (see kb projects)")
    project = dict(row)
    project["table_title"] = _table_title(conn, project, json.loads(project.pop("parts") or "[]"))
    project["fields"] = json.loads(project["fields"] or "{}")
    project["extra"] = json.loads(project["extra"] or "{}")
    project["indicators"] = [
        dict(r)
        for r in conn.execute(
            """SELECT id, level1, level2, std_level1, std_level2, level_inferred, name, operator, value, unit, target,
            period_target, period_operator, period_value, period_unit, from_prose, weight, weight_text, notes
            FROM indicators WHERE project_id = ? ORDER BY seq""",
            (project_id,),
        )
    ]
    add_outcomes(conn, project["indicators"])
    _add_own_outcomes(conn, project)
    for ind in project["indicators"]:
        ind["level_inferred"] = bool(ind["level_inferred"])
        ind["from_prose"] = bool(ind["from_prose"])
        ind["notes"] = json.loads(ind["notes"] or "{}")
    project["evaluation"] = [
        dict(r)
        for r in conn.execute(
            "SELECT level1, level2, name, weight, criteria, source FROM evaluation_items "
            "WHERE project_id = ? ORDER BY seq",
            (project_id,),
        )
    ]
    project["budget_lines"] = [
        dict(r)
        for r in conn.execute(
            "SELECT item, amount_wan, amount_text, basis FROM budget_lines WHERE project_id = ? ORDER BY seq",
            (project_id,),
        )
    ]
    return project


def stats(conn: sqlite3.Connection) -> dict:
    """Counts of documents, projects and indicators, and indicators by region, year and level."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    grouped = lambda sql: [dict(r) for r in conn.execute(sql)]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "projects": one("SELECT count(*) FROM projects WHERE kind = 'project'"),
        "department_tables": one("SELECT count(*) FROM projects WHERE kind = 'department'"),
        "self_evaluations": one("SELECT count(*) FROM self_evaluations"),
        "indicators": one("SELECT count(*) FROM indicators"),
        "distinct_indicator_names": one("SELECT count(*) FROM indicator_names WHERE uses > 0"),
        "evaluation_items": one("SELECT count(*) FROM evaluation_items"),
        "budget_lines": one("SELECT count(*) FROM budget_lines"),
        "by_region": grouped(
            """SELECT p.region, count(DISTINCT CASE WHEN p.kind = 'project' THEN p.id END) AS projects,
            count(i.id) AS indicators FROM projects p
            LEFT JOIN indicators i ON i.project_id = p.id GROUP BY p.region ORDER BY indicators DESC"""
        ),
        "by_year": grouped(
            """SELECT p.year, count(DISTINCT CASE WHEN p.kind = 'project' THEN p.id END) AS projects,
            count(i.id) AS indicators FROM projects p
            LEFT JOIN indicators i ON i.project_id = p.id GROUP BY p.year ORDER BY p.year DESC"""
        ),
        "by_level": grouped(
            """SELECT coalesce(std_level1, '(框架外)') AS level, count(*) AS indicators,
            sum(level_inferred) AS inferred FROM indicators GROUP BY std_level1 ORDER BY indicators DESC"""
        ),
    }
