"""The ids a document read anew keeps: its projects, their indicators and its self-evaluations stored before, matched
by place and name, so what refers to them — a draft's precedents, `kb show 12` noted down, a link to a published
page — still finds them after `kb import --year` (or a newer version of the importers) reads the file again.

A project is matched by its place in the document and its name, else by its name alone; an indicator the same way
within the project matched; a self-evaluation like a project. Whatever matches nothing gets an id above all of
them, so no new row takes an id an old one may still claim.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict, deque


class _Matcher:
    """Old ids by (place, name), then by name alone; each given out once."""

    def __init__(self, rows: list[tuple[int, int | None, str]]):
        self.by_place = {(seq, name): id_ for id_, seq, name in rows}
        self.by_name: dict[str, deque[int]] = defaultdict(deque)
        for id_, _, name in sorted(rows, key=lambda row: (row[1] is None, row[1] or 0)):
            self.by_name[name].append(id_)
        self.taken: set[int] = set()

    def take(self, seq: int | None, name: str) -> int | None:
        id_ = self.by_place.get((seq, name))
        if id_ is None or id_ in self.taken:
            ids = self.by_name.get(name, deque())
            while ids and ids[0] in self.taken:
                ids.popleft()
            id_ = ids.popleft() if ids else None
        if id_ is not None:
            self.taken.add(id_)
        return id_


class KeptIds:
    """The ids of the documents a new reading replaces, read before they are deleted."""

    def __init__(self, conn: sqlite3.Connection, document_ids: list[int]):
        self.conn = conn
        marks = ",".join("?" * len(document_ids))
        projects = conn.execute(
            f"SELECT id, seq, name FROM projects WHERE document_id IN ({marks})", document_ids
        ).fetchall()
        self.projects = _Matcher([tuple(row) for row in projects])
        rows: dict[int, list] = defaultdict(list)
        for project_id, id_, seq, name in conn.execute(
            f"""SELECT project_id, id, seq, name FROM indicators WHERE project_id IN
            (SELECT id FROM projects WHERE document_id IN ({marks}))""",
            document_ids,
        ):
            rows[project_id].append((id_, seq, name))
        self.indicators = {project_id: _Matcher(found) for project_id, found in rows.items()}
        evaluations = conn.execute(
            f"SELECT id, seq, name FROM self_evaluations WHERE document_id IN ({marks})", document_ids
        ).fetchall()
        self.evaluations = _Matcher([tuple(row) for row in evaluations])
        self.ceiling = {
            "projects": max((row[0] for row in projects), default=0),
            "indicators": max((id_ for found in rows.values() for id_, *_ in found), default=0),
            "self_evaluations": max((row[0] for row in evaluations), default=0),
        }
        self.next: dict[str, int] = {}

    def new(self, table: str) -> int:
        """An id no row of `table` holds and no old row may claim."""
        if table not in self.next:
            stored = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            self.next[table] = max(stored, self.ceiling[table]) + 1
        self.next[table] += 1
        return self.next[table] - 1

    def project(self, seq: int, name: str) -> int:
        return self.projects.take(seq, name) or self.new("projects")

    def indicator(self, project_id: int, seq: int | None, name: str) -> int:
        matcher = self.indicators.get(project_id)
        return (matcher and matcher.take(seq, name)) or self.new("indicators")

    def evaluation(self, seq: int, name: str) -> int:
        return self.evaluations.take(seq, name) or self.new("self_evaluations")
