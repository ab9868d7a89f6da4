"""Queries that run in a thread beside the app's drawing thread take the GIL back as seldom as they can.

sqlite3 lets go of the GIL at every row it steps to, and a thread that has let go waits to get it back for as long as
the drawing thread keeps it: up to a switch interval (5 ms) each time. Beside a busy thread, 10,000 rows read one by
one took 0.7–3 s; the same rows as one row of JSON, 25–45 ms. JSON keeps text and integers exactly but writes a REAL
to 15 digits, so a REAL column is sent as an integer where it holds a whole number (targets such as 90 and 100) and
in rows of its own otherwise: every value comes back as stored. A progress handler (which stops a count that is no
longer wanted) takes the GIL at every call too, so it is called every STOP_CHECK SQLite steps, not more often.
"""

from __future__ import annotations

import sqlite3

STOP_CHECK = 100_000  # SQLite steps between two calls of a count's `stop` (a few milliseconds of its work)


def read_rows(
    conn: sqlite3.Connection, sql: str, params: dict, columns: tuple[str, ...], real: str | None = None
) -> list[tuple]:
    """The rows of `sql`, its result columns named `columns` (a REAL one named `real`). The rows whose REAL is not
    a whole number come after the others: callers must not depend on the order."""
    import json  # here: `kb search` imports this module for STOP_CHECK alone, and starts faster without json

    names = ", ".join(columns)
    table = f"WITH r({names}) AS ({sql}) "
    if real is None:
        (text,) = conn.execute(table + f"SELECT json_group_array(json_array({names})) FROM r", params).fetchone()
        return list(map(tuple, json.loads(text)))
    whole = f"{real} IS NULL OR {real} = CAST({real} AS INTEGER)"  # its integer is the same float again
    packed = ", ".join(f"CAST({c} AS INTEGER)" if c == real else c for c in columns)
    (text,) = conn.execute(
        table + f"SELECT json_group_array(json_array({packed})) FROM r WHERE {whole}", params
    ).fetchone()
    at = columns.index(real)
    rows = json.loads(text)
    for row in rows:
        if row[at] is not None:
            row[at] = float(row[at])
    return [*map(tuple, rows), *conn.execute(table + f"SELECT {names} FROM r WHERE NOT ({whole})", params)]
