"""Queries that run in a thread beside the app's drawing thread take the GIL back as seldom as they can.

sqlite3 lets go of the GIL for every statement it prepares and every row it steps to, and a thread that has let go
waits to get it back for as long as the drawing thread keeps it: up to a switch interval (5 ms) each time. Beside a
busy thread, 10,000 rows read one by one took 0.7–3 s; the same rows as one row of JSON, 25–45 ms. So the rows of
one or several queries come as one row of JSON (`read_tables`). JSON keeps text and integers exactly but writes a
REAL to 15 digits, so a REAL column is sent as an integer where it holds a whole number (targets such as 90 and 100)
and read by a statement of its own otherwise: every value comes back as stored. A progress handler (which stops a
count that is no longer wanted) takes the GIL at every call too, so it is called every STOP_CHECK SQLite steps.
"""

from __future__ import annotations

import sqlite3

STOP_CHECK = 100_000  # SQLite steps between two calls of a count's `stop` (a few milliseconds of its work)


class Query:
    """A query whose result columns are named `columns` (the one named `real`, if any, a REAL). A plain class:
    importing typing for a NamedTuple cost `kb search` 4 ms."""

    __slots__ = ("sql", "columns", "real")

    def __init__(self, sql: str, columns: tuple[str, ...], real: str | None = None) -> None:
        self.sql, self.columns, self.real = sql, columns, real

    def whole(self) -> str:
        """SQL: the row's REAL is a whole number or NULL (its integer is the same float again)."""
        return "1" if self.real is None else f"{self.real} IS NULL OR {self.real} = CAST({self.real} AS INTEGER)"

    def packed(self) -> str:
        """SQL: [[rows whose REAL is whole, as JSON arrays], how many rows have another REAL]."""
        names = ", ".join(self.columns)
        cells = ", ".join(f"CAST({c} AS INTEGER)" if c == self.real else c for c in self.columns)
        return f"""json((WITH r({names}) AS ({self.sql}) SELECT json_array(json_group_array(json_array({cells}))
            FILTER (WHERE {self.whole()}), count(*) FILTER (WHERE NOT ({self.whole()}))) FROM r))"""

    def others(self) -> str:
        """SQL: the rows whose REAL is not a whole number."""
        names = ", ".join(self.columns)
        return f"WITH r({names}) AS ({self.sql}) SELECT {names} FROM r WHERE NOT ({self.whole()})"


def read_tables(conn: sqlite3.Connection, params: dict, *queries: Query) -> list[list[tuple]]:
    """The rows of each query (sharing `params`), by one statement, and one more for each query with REALs that are
    not whole numbers. Those rows come after the others: callers must not depend on the order."""
    import json  # here: `kb search` imports this module for STOP_CHECK alone, and starts faster without json

    (text,) = conn.execute(f"SELECT json_array({', '.join(q.packed() for q in queries)})", params).fetchone()
    tables = []
    for query, (rows, others) in zip(queries, json.loads(text)):
        if query.real is not None:
            at = query.columns.index(query.real)
            for row in rows:
                if row[at] is not None:
                    row[at] = float(row[at])
        tables.append([*map(tuple, rows), *map(tuple, conn.execute(query.others(), params) if others else ())])
    return tables


def read_rows(
    conn: sqlite3.Connection, sql: str, params: dict, columns: tuple[str, ...], real: str | None = None
) -> list[tuple]:
    """The rows of one query (see read_tables)."""
    return read_tables(conn, params, Query(sql, columns, real))[0]
