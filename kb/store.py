"""Normalise a parsed document and write it to the knowledge base in one transaction.

`store_document` writes a whole parsed document; `writing` opens the same transaction for a document
that arrives in pieces (a file read as a stream): its projects are added as they come, and nothing of
it is visible, or left behind by an error or a kill, until the last piece is in.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Iterator

from importers.records import RawDocument, RawIndicator, RawProject
from kb.amounts import first_number, to_wan
from kb.levels import infer_levels, standard_levels
from kb.places import clean_department, region_from, year_from
from kb.pinyin import pinyin
from kb.targets import parse_target
from kb.tokens import index_tokens


@dataclass
class Fallbacks:
    """What the text may not say, from the command line or a folder's manifest.toml."""

    region: str = ""
    year: int | None = None
    department: str = ""
    published: str = ""
    source: str = "option"  # 'option' or 'manifest'


@dataclass
class Provenance:
    file_name: str
    path: str
    sha256: str


@dataclass
class Stored:
    document_id: int | None
    projects: int
    indicators: int
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False


def _pick(*candidates: tuple[object, str]) -> tuple[object, str]:
    """The first (value, source) whose value is set."""
    for value, source in candidates:
        if value:
            return value, source
    return None, ""


def _document_meta(raw: RawDocument, fb: Fallbacks, project_years: Counter) -> dict:
    """The document's fields; the year, when the text gives none, is the one most of its projects' periods give."""
    department = clean_department(raw.department)
    region, region_source = _pick(
        (raw.region, "text"), (region_from(department), "text"), (fb.region, fb.source)
    )
    year, year_source = _pick(
        (int(raw.year) if str(raw.year).isdigit() else year_from(raw.year), "text"),
        (project_years.most_common(1)[0][0] if project_years else None, "period"),
        (fb.year, fb.source),
    )
    department, department_source = _pick((department, "text"), (fb.department, fb.source))
    return {
        "title": raw.title, "region": region, "region_source": region_source,
        "year": year, "year_source": year_source, "department": department,
        "department_source": department_source, "published": fb.published or None,
    }


def _period_years(projects: Iterable[RawProject]) -> Counter:
    return Counter(year for p in projects if (year := year_from(p.period)))


def _name_ids(conn: sqlite3.Connection, names: set[str]) -> dict[str, int]:
    """Ids of distinct indicator names, creating (with pinyin and search tokens) the new ones."""
    known: dict[str, int] = {}
    ordered = sorted(names)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        known.update((name, id_) for id_, name in conn.execute(
            f"SELECT id, name FROM indicator_names WHERE name IN ({','.join('?' * len(chunk))})", chunk))
    new = [name for name in ordered if name not in known]
    if new:  # ids given here, as SQLite would (the caller's write transaction holds the table): one statement each
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM indicator_names").fetchone()[0]
        rows = [(first + i, name, *pinyin(name)) for i, name in enumerate(new)]
        conn.executemany("INSERT INTO indicator_names (id, name, pinyin, initials, uses) VALUES (?, ?, ?, ?, 0)", rows)
        conn.executemany("INSERT INTO names_fts (rowid, tokens) VALUES (?, ?)",
                         [(row[0], index_tokens(row[1])) for row in rows])
        known.update((row[1], row[0]) for row in rows)
    return known


def _indicator_row(ind: RawIndicator, where: str, warnings: list[str]) -> dict:
    if ind.level1 or ind.level2:
        std1, std2 = standard_levels(ind.level1, ind.level2)
        inferred = 0
    else:
        std1, std2 = infer_levels(ind.name)
        inferred = 1
    target = parse_target(ind.target, ind.operator, ind.unit, ind.name)
    if target.operator is None:
        warnings.append(f"{where}: indicator {ind.name!r} has no target")
    period = parse_target(ind.period_target, name=ind.name) if ind.period_target else None
    return {
        "level1": ind.level1 or None, "level2": ind.level2 or None,
        "std_level1": std1, "std_level2": std2, "level_inferred": inferred,
        "name": ind.name, "operator": target.operator, "value": target.value, "unit": target.unit,
        "target": f"{ind.operator}{ind.target}{ind.unit}" if ind.target else "",
        "period_target": ind.period_target or None,
        "period_operator": period.operator if period else None,
        "period_value": period.value if period else None,
        "period_unit": period.unit if period else None,
        "from_prose": int(ind.from_prose),
    }


def _project_row(p: RawProject, seq: int, document_id: int, meta: dict) -> dict:
    amount, unit_source = to_wan(p.amount, p.amount_unit)
    total, _ = to_wan(p.total_amount, p.amount_unit)
    return {
        "document_id": document_id, "seq": seq, "name": p.name,
        "department": clean_department(p.department) or meta["department"],
        "region": meta["region"] or region_from(p.department) or None,
        "year": meta["year"] or year_from(p.period),
        "amount_wan": amount, "amount_text": p.amount or None, "amount_unit_source": unit_source or None,
        "total_wan": total, "total_text": p.total_amount or None, "period": p.period or None,
        "overview": p.overview or None, "goal": p.goal or None,
        "fields": json.dumps(p.fields, ensure_ascii=False), "extra": json.dumps(p.extra, ensure_ascii=False),
        "indicator_count": len(p.indicators),
    }


def delete_document(conn: sqlite3.Connection, document_id: int) -> None:
    """Remove a document and everything read from it (inside the caller's transaction)."""
    projects = [r[0] for r in conn.execute("SELECT id FROM projects WHERE document_id = ?", (document_id,))]
    for pid in projects:
        for name_id, n in conn.execute(
            "SELECT name_id, count(*) FROM indicators WHERE project_id = ? GROUP BY name_id", (pid,)
        ).fetchall():
            conn.execute("UPDATE indicator_names SET uses = uses - ? WHERE id = ?", (n, name_id))
        for table in ("indicators", "evaluation_items", "budget_lines"):
            conn.execute(f"DELETE FROM {table} WHERE project_id = ?", (pid,))
        conn.execute("DELETE FROM projects_fts WHERE rowid = ?", (pid,))
    conn.execute("DELETE FROM projects WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def _insert_sql(table: str, row: dict) -> str:
    """An INSERT for `row`'s keys (column names chosen by this module, never by a document)."""
    return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + c for c in row)})"


MAX_WARNINGS = 1_000  # warnings kept with a document; the rest are counted in one last warning


def store_document(
    conn: sqlite3.Connection, raw: RawDocument, origin: Provenance, fallbacks: Fallbacks | None = None
) -> Stored:
    """Write one parsed document in a single transaction, replacing an earlier version of the same path."""
    with writing(conn, raw, origin, fallbacks) as writer:
        writer.add(raw.projects, raw.warnings)
    return writer.stored


@contextlib.contextmanager
def writing(conn: sqlite3.Connection, head: RawDocument, origin: Provenance,
            fallbacks: Fallbacks | None = None) -> Iterator[DocumentWriter]:
    """One transaction for one document whose projects come in pieces (`writer.add`); committed when the block
    ends, rolled back when it raises. `head` gives the document's fields (its projects are not added).

    Inside a transaction the caller holds (a bulk import commits several documents at once), the document is a
    savepoint instead: released when the block ends, undone alone when it raises.
    """
    nested = conn.in_transaction
    conn.execute("SAVEPOINT document" if nested else "BEGIN IMMEDIATE")
    try:
        writer = DocumentWriter(conn, head, origin, fallbacks or Fallbacks())
        yield writer
        writer.finish()
        conn.execute("RELEASE document" if nested else "COMMIT")
    except BaseException:
        if nested:
            if conn.in_transaction:  # SQLite may already have rolled the whole transaction back (disk full)
                conn.execute("ROLLBACK TO document")
                conn.execute("RELEASE document")
        else:
            conn.execute("ROLLBACK")
        raise


class DocumentWriter:
    """Writes a document's row, then its projects as they are added, inside the transaction of `writing`."""

    def __init__(self, conn: sqlite3.Connection, head: RawDocument, origin: Provenance, fallbacks: Fallbacks):
        self.conn, self.head, self.fallbacks = conn, head, fallbacks
        self.years = Counter()
        self.meta = _document_meta(head, fallbacks, _period_years(head.projects))
        self.parse_warnings: list[str] = []
        self.store_warnings: list[str] = []
        self.dropped = self.projects = self.indicators = 0
        earlier = conn.execute("SELECT id FROM documents WHERE path = ?", (origin.path,)).fetchall()
        for (old_id,) in earlier:
            delete_document(conn, old_id)
        self.document_id = conn.execute(
            """INSERT INTO documents (file_name, path, sha256, layout, title, region, region_source, year,
            year_source, department, department_source, published, imported_at, warnings)
            VALUES (:file_name, :path, :sha256, :layout, :title, :region, :region_source, :year, :year_source,
            :department, :department_source, :published, :imported_at, '[]')""",
            {"file_name": origin.file_name, "path": origin.path, "sha256": origin.sha256, "layout": head.layout,
             **self.meta, "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
        ).lastrowid
        self.stored = Stored(self.document_id, 0, 0, replaced=bool(earlier))

    def _warn(self, warnings: list[str], new: Iterable[str]) -> None:
        for warning in new:
            if len(warnings) < MAX_WARNINGS:
                warnings.append(warning)
            else:
                self.dropped += 1

    def add(self, projects: list[RawProject], warnings: Iterable[str] = ()) -> None:
        """Store the next projects (numbered on from the last), and the parser's warnings about them."""
        conn, document_id = self.conn, self.document_id
        self._warn(self.parse_warnings, warnings)
        self.years.update(_period_years(projects))
        names = _name_ids(conn, {i.name for p in projects for i in p.indicators})
        indicators, evaluation, budget, fts, problems = [], [], [], [], []
        for seq, project in enumerate(projects, self.projects + 1):
            row = _project_row(project, seq, document_id, self.meta)
            project_id = conn.execute(_insert_sql("projects", row), row).lastrowid
            fts.append((project_id, index_tokens(row["name"]), index_tokens(row["overview"] or ""),
                        index_tokens(row["goal"] or "")))
            where = f"project {seq} {project.name!r}"
            indicators += [{"project_id": project_id, "seq": n, "name_id": names[ind.name], "year": row["year"],
                            **_indicator_row(ind, where, problems)} for n, ind in enumerate(project.indicators, 1)]
            evaluation += [
                {"project_id": project_id, "seq": n, "level1": e.level1 or None, "level2": e.level2 or None,
                 "name": e.name, "weight": first_number(e.weight), "weight_text": e.weight or None,
                 "criteria": e.criteria or None, "source": e.source or None}
                for n, e in enumerate(project.evaluation, 1)
            ]
            budget += [
                {"project_id": project_id, "seq": n, "item": b.item,
                 "amount_wan": to_wan(b.amount, project.amount_unit)[0], "amount_text": b.amount or None,
                 "basis": b.basis or None}
                for n, b in enumerate(project.budget_lines, 1)
            ]
        conn.executemany("INSERT INTO projects_fts (rowid, name, overview, goal) VALUES (?, ?, ?, ?)", fts)
        for table, rows in (("indicators", indicators), ("evaluation_items", evaluation), ("budget_lines", budget)):
            if rows:
                conn.executemany(_insert_sql(table, rows[0]), rows)
        uses = Counter(row["name_id"] for row in indicators)
        conn.executemany("UPDATE indicator_names SET uses = uses + ? WHERE id = ?",
                         [(n, name_id) for name_id, n in uses.items()])
        self._warn(self.store_warnings, problems)
        self.projects += len(projects)
        self.indicators += len(indicators)

    def finish(self) -> None:
        """The document's warnings, and its year where the projects added after the head changed it."""
        meta = _document_meta(self.head, self.fallbacks, self.years)
        if (meta["year"], meta["year_source"]) != (self.meta["year"], self.meta["year_source"]):
            self.conn.execute("UPDATE documents SET year = ?, year_source = ? WHERE id = ?",
                              (meta["year"], meta["year_source"], self.document_id))
            projects = "SELECT id FROM projects WHERE document_id = ?"
            self.conn.execute(f"UPDATE indicators SET year = ? WHERE project_id IN ({projects})",
                              (meta["year"], self.document_id))
            self.conn.execute("UPDATE projects SET year = ? WHERE document_id = ?", (meta["year"], self.document_id))
        warnings = (self.parse_warnings + self.store_warnings)[:MAX_WARNINGS]
        dropped = self.dropped + len(self.parse_warnings) + len(self.store_warnings) - len(warnings)
        if dropped:
            warnings.append(f"… and {dropped:,} more warnings")
        self.conn.execute("UPDATE documents SET warnings = ? WHERE id = ?",
                          (json.dumps(warnings, ensure_ascii=False), self.document_id))
        self.stored.projects, self.stored.indicators, self.stored.warnings = self.projects, self.indicators, warnings
