"""Each indicator name's totals, kept by the import in its write transaction, so counting a name's uses reads a few
small rows instead of every use (kb.find.precedents.count_names).

Per name: `indicator_names.uses` and `.projects` (each distinct name once per project), and its uses by region and
standard levels (`name_levels`: one table, as a name's regions times its levels are few, so the import writes one
row fewer per use) and by target (`name_targets`: operator, value, unit, and the target's words where it has no
value, as the target spread reads them). A key part that is NULL is kept as x'' (the empty blob, which no
indicator holds): a primary key holds no NULL. A row whose uses fall to 0 is deleted, so a name's regions are in
the rows it has.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from kb.ingest.normalise import INDICATOR_COLUMNS

NONE = b""  # a NULL in a kept key
_LEVELS = tuple(3 + INDICATOR_COLUMNS.index(c) for c in ("std_level1", "std_level2"))  # in an indicator row
_OPERATOR, _VALUE, _UNIT, _TARGET = (3 + INDICATOR_COLUMNS.index(c) for c in ("operator", "value", "unit", "target"))

# (table, its key columns after name_id, how an indicator row `i` joined to its project `p` gives them in SQL)
TABLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("name_levels", ("region", "std_level1", "std_level2"), ("p.region", "i.std_level1", "i.std_level2")),
    (
        "name_targets",
        ("operator", "value", "unit", "target"),
        ("i.operator", "i.value", "i.unit", "CASE WHEN i.value IS NULL THEN i.target END"),
    ),
)


def _kept(value):
    return NONE if value is None else value


def create(conn: sqlite3.Connection) -> None:
    """The kept tables (schema v10), empty."""
    for table, columns, _ in TABLES:
        typed = ", ".join(f"{c} {'REAL' if c == 'value' else 'TEXT'} NOT NULL" for c in columns)
        conn.execute(
            f"""CREATE TABLE {table} (name_id INTEGER NOT NULL, {typed}, uses INTEGER NOT NULL,
            PRIMARY KEY (name_id, {", ".join(columns)})) WITHOUT ROWID"""
        )


class Totals:
    """What a batch of stored indicators adds to the names' totals."""

    def __init__(self) -> None:
        self.uses: Counter[int] = Counter()
        self.projects: Counter[int] = Counter()
        self.keys: dict[str, Counter[tuple]] = {table: Counter() for table, _, _ in TABLES}

    def project(self, region: str | None, rows: list[tuple]) -> None:
        """One project's indicator rows (project_id, year, name_id, *INDICATOR_COLUMNS) in `region`."""
        names = [row[2] for row in rows]
        self.uses.update(names)
        self.projects.update(set(names))
        place = _kept(region)
        self.keys["name_levels"].update((row[2], place, _kept(row[_LEVELS[0]]), _kept(row[_LEVELS[1]])) for row in rows)
        self.keys["name_targets"].update(
            (
                row[2],
                _kept(row[_OPERATOR]),
                _kept(row[_VALUE]),
                _kept(row[_UNIT]),
                _kept(row[_TARGET] if row[_VALUE] is None else None),
            )
            for row in rows
        )

    def store(self, conn: sqlite3.Connection) -> None:
        """Add them to the kept totals (inside the caller's write transaction)."""
        self._apply(conn, 1)

    def take_back(self, conn: sqlite3.Connection) -> None:
        """Take them out of the kept totals (inside the caller's transaction), deleting the rows left at 0."""
        self._apply(conn, -1)
        for table, columns, _ in TABLES:
            key = " AND ".join(f"{c} = ?" for c in ("name_id", *columns))
            conn.executemany(f"DELETE FROM {table} WHERE {key} AND uses <= 0", self.keys[table])

    def _apply(self, conn: sqlite3.Connection, sign: int) -> None:
        conn.executemany(
            "UPDATE indicator_names SET uses = uses + ?, projects = projects + ? WHERE id = ?",
            [(sign * n, sign * self.projects[name_id], name_id) for name_id, n in self.uses.items()],
        )
        for table, columns, _ in TABLES:
            key = ", ".join(("name_id", *columns))
            conn.executemany(
                f"""INSERT INTO {table} ({key}, uses) VALUES ({", ".join("?" * (len(columns) + 2))})
                ON CONFLICT ({key}) DO UPDATE SET uses = uses + excluded.uses""",
                [(*k, sign * n) for k, n in self.keys[table].items()],
            )


STORED = f"project_id, year, name_id, {', '.join(INDICATOR_COLUMNS)}"  # an indicator row as Totals.project reads it


def counted(where: str = "") -> list[tuple[str, tuple[str, ...], str]]:
    """(kept table, its key columns, SELECT of name_id, the key (NULL as x'') and count(*) over the uses, grouped:
    what the table keeps, counted from the indicators (those `where` holds for, an SQL condition on `i`))."""
    out = []
    for table, columns, sql_columns in TABLES:
        key = ", ".join(f"ifnull({c}, x'')" for c in sql_columns)
        sql = f"""SELECT i.name_id, {key}, count(*) FROM indicators i JOIN projects p ON p.id = i.project_id
            {f"WHERE {where}" if where else ""} GROUP BY i.name_id, {key}"""
        out.append((table, columns, sql))
    return out


def recount_targets(conn: sqlite3.Connection, name_ids: set[int]) -> None:
    """The names' totals by target counted again from their uses (after their targets were read again)."""
    ids = sorted(name_ids)
    for start in range(0, len(ids), 500):
        chunk = ",".join(map(str, ids[start : start + 500]))  # integers
        for table, columns, sql in counted(f"i.name_id IN ({chunk})"):
            if table == "name_targets":
                conn.execute(f"DELETE FROM {table} WHERE name_id IN ({chunk})")
                conn.execute(f"INSERT INTO {table} (name_id, {', '.join(columns)}, uses) {sql}")


def fill(conn: sqlite3.Connection) -> None:
    """The kept totals counted from every stored indicator (schema v10, for a base stored before them)."""
    conn.execute(
        """UPDATE indicator_names SET projects = (SELECT count(DISTINCT i.project_id) FROM indicators i
        WHERE i.name_id = indicator_names.id)"""
    )
    for table, columns, sql in counted():
        conn.execute(f"INSERT INTO {table} (name_id, {', '.join(columns)}, uses) {sql}")


def checks() -> list[tuple[str, str, str]]:
    """(kb check's rule, its Chinese title, SQL counting the names whose kept totals differ from their uses)."""
    titles = {"levels": "各指标名称按层级的合计", "targets": "各指标名称按目标值的合计"}
    rules = [
        (
            "name project counts match",
            "各指标名称的项目数",
            """SELECT count(*) FROM indicator_names n WHERE projects !=
            (SELECT count(DISTINCT i.project_id) FROM indicators i WHERE i.name_id = n.id)""",
        )
    ]
    for table, columns, sql in counted():
        kept = f"SELECT name_id, {', '.join(columns)}, uses FROM {table}"
        rules.append(
            (
                f"name totals by {table.removeprefix('name_')} match",
                titles.get(table.removeprefix("name_"), table),
                f"""SELECT count(DISTINCT name_id) FROM (SELECT * FROM ({sql} EXCEPT {kept})
                UNION ALL SELECT * FROM ({kept} EXCEPT {sql}))""",
            )
        )
    return rules
