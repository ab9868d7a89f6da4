"""Indicator names holding a one-character query (率: 40,000 of 189,000 names, 266,000 uses), most used first.

The index answers such a query by merging every token that starts with the character, and ranking its matches
sorts all of them. Instead, names are read most used first along `idx_indicator_names_uses` and tested one by one:
the page's names are among the first few hundred. Their total uses are estimated unless the names holding the
character are few (`NAME_CAP`): among the most used names (`SAMPLE`) they are counted exactly, and the others
holding it (their number is a cheap count of the index) are taken to be used as often as the rest, on average.

Only `sqlite3` is imported here: `kb search` must start fast.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from kb.find.counts import Count
from kb.vocab.tokens import fold

NAME_CAP = 2_000  # up to this many matching names, their uses are summed exactly
SAMPLE = 2_000  # past it, the uses of this many most used names are counted, and the rest estimated


class CommonNames:
    """The names holding the one-character query `q`, ranked as search_indicators ranks names: the exact name, then
    most used, shorter, lower id; iterated lazily, each (id, uses)."""

    def __init__(self, conn: sqlite3.Connection, q: str) -> None:
        self.conn, self.q, self.folded = conn, q, fold(q)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        exact = self.conn.execute(
            "SELECT id, uses FROM indicator_names WHERE name = ? AND uses > 0", (self.q,)
        ).fetchone()
        if exact:
            yield tuple(exact)
        cursor = self.conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            "SELECT id, name, uses FROM indicator_names INDEXED BY idx_indicator_names_uses WHERE uses > 0 "
            "ORDER BY uses DESC"
        )
        tied: list[tuple[int, int, int]] = []  # (length, id, uses) of the matching names of equal uses
        for name_id, name, uses in rows:
            if tied and uses != tied[0][2]:
                yield from ((i, u) for _, i, u in sorted(tied))
                tied = []
            if self.folded in fold(name) and not (exact and name_id == exact[0]):
                tied.append((len(name), name_id, uses))
        yield from ((i, u) for _, i, u in sorted(tied))

    def total(self, matches: str, params: dict) -> Count:
        """The uses of every matching name (`matches`: SQL of their ids): exact when they are few, else estimated:
        the `SAMPLE` most used names are counted, the other matching names taken to be used as often as the rest."""
        conn = self.conn
        names = conn.execute(f"SELECT count(*) FROM ({matches})", params).fetchone()[0]
        read = read_uses = found = found_uses = 0
        if names > NAME_CAP:
            cursor = conn.cursor()
            cursor.row_factory = None
            for name, uses in cursor.execute(
                "SELECT name, uses FROM indicator_names INDEXED BY idx_indicator_names_uses WHERE uses > 0 "
                "ORDER BY uses DESC LIMIT ?",
                (SAMPLE,),
            ):
                read, read_uses = read + 1, read_uses + uses
                if self.folded in fold(name):
                    found, found_uses = found + 1, found_uses + uses
        if names <= NAME_CAP or found >= names:
            return Count(
                conn.execute(
                    f"SELECT coalesce(sum(n.uses), 0) FROM ({matches}) m JOIN indicator_names n ON n.id = m.name_id",
                    params,
                ).fetchone()[0]
            )
        # the ids of the last rows stand for the number of names and indicators (an estimate: rows once deleted too)
        all_names, all_uses = conn.execute(
            "SELECT (SELECT max(id) FROM indicator_names), (SELECT max(id) FROM indicators)"
        ).fetchone()
        unread_mean = max(0, all_uses - read_uses) / max(1, all_names - read)
        guess = round(found_uses + (names - found) * unread_mean)
        return Count(max(guess, found_uses), exact=False, at_least=found_uses)
