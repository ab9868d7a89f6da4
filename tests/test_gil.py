"""Rows read as one row of JSON (kb.find.gil.read_rows) are the rows SQLite gives, every value as stored (how much
sooner they come beside a busy thread is measured in benchmarks/notes.md, not asserted)."""

from __future__ import annotations

import sqlite3
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import fuzz_budget
from kb.find.gil import Query, read_rows, read_tables

CELLS = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(),
)
REALS = st.one_of(
    st.none(),
    st.floats(allow_nan=False),  # SQLite keeps no NaN
    st.integers(min_value=-(2**60), max_value=2**60).map(float),
    st.sampled_from([90.0, 100.0, 0.5, 33.33, 0.1 + 0.2, 2.0**53, 2.0**53 + 2, -0.0, 1e300]),
)


def _table(rows: list[tuple]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row  # as the knowledge base's connections: rows still come back as tuples
    conn.execute("CREATE TABLE t (a, b REAL, c)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    return conn


def _same(got: list[tuple], want: list[tuple]) -> bool:
    """The same rows, each value of the same type and value (as a multiset: read_rows may reorder)."""
    typed = lambda rows: Counter(tuple((type(v), v) for v in row) for row in rows)  # noqa: E731
    return all(type(row) is tuple for row in got) and typed(got) == typed(want)


@settings(max_examples=fuzz_budget(150), deadline=None)
@given(st.lists(st.tuples(CELLS, REALS, CELLS), max_size=30))
def test_the_rows_are_the_rows_sqlite_gives(rows):
    conn = _table(rows)
    sql = "SELECT a, b, c FROM t WHERE :yes"
    want = conn.execute(sql, {"yes": 1}).fetchall()
    assert _same(read_rows(conn, sql, {"yes": 1}, ("a", "b", "c"), real="b"), want)
    plain = "SELECT a, c FROM t WHERE :yes"
    grouped = "SELECT b, count(*) FROM t GROUP BY b HAVING :yes"
    tables = read_tables(
        conn, {"yes": 1}, Query(plain, ("a", "c")), Query(sql, ("a", "b", "c"), "b"), Query(grouped, ("b", "n"), "b")
    )
    assert [len(t) for t in tables] == [len(want), len(want), len(conn.execute(grouped, {"yes": 1}).fetchall())]
    assert _same(tables[0], conn.execute(plain, {"yes": 1}).fetchall())
    assert _same(tables[1], want)
    assert _same(tables[2], conn.execute(grouped, {"yes": 1}).fetchall())


def test_no_rows():
    conn = _table([])
    assert read_rows(conn, "SELECT a, b FROM t", {}, ("a", "b")) == []
    assert read_rows(conn, "SELECT a, b FROM t", {}, ("a", "b"), real="b") == []


def test_the_project_tree_reads_as_the_plain_queries(seeded):
    """The app's catalog (kb.find.queries.project_branches, branch_projects) read as one row each: the same branches
    and counts, and each branch's projects in document order, also where the ids are not in that order."""
    from kb.db import connect
    from kb.find.queries import ProjectRow, branch_projects, project_branches

    conn = connect(seeded)
    with conn:
        conn.execute("UPDATE projects SET seq = 1000 - seq")  # document order now runs against the ids
        conn.execute("UPDATE projects SET region = '' WHERE id % 5 = 0")  # an empty region is an unknown one
        conn.execute("UPDATE projects SET department = NULL WHERE id % 7 = 0")
    counts: Counter[tuple] = Counter()
    plain = conn.execute("SELECT region, department, year FROM projects WHERE kind IN ('project', 'department')")
    for region, department, year in plain:
        counts[(region or None, department or None, year)] += 1
    branches = project_branches(conn)
    assert sorted(branches, key=repr) == sorted(((*key, n) for key, n in counts.items()), key=repr)
    for region, department, year, n in branches:
        plain = conn.execute(
            """SELECT id, name, department, region, year, indicator_count, kind = 'department', implementing_unit
            FROM projects
            WHERE ifnull(region, '') = ? AND ifnull(department, '') = ? AND year IS ?
            ORDER BY kind = 'project', document_id, seq""",
            (region or "", department or "", year),
        )
        assert branch_projects(conn, region, department, year) == [ProjectRow(*row) for row in plain]
        assert len(branch_projects(conn, region, department, year)) == n
    conn.close()
