"""Write a normalised document (kb.ingest.normalise) to the knowledge base in one transaction.

`store_document` writes a whole document; `writing` opens the same transaction for a document
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
from typing import Iterable, Iterator, Sequence, TypeVar

from kb.ingest.reading import reading_version
from kb.ingest import totals
from kb.ingest.fingerprints import fingerprint
from kb.ingest.kept_ids import KeptIds
from kb.ingest.two_readings import Compared, Evaluation, compare
from kb.ingest.normalise import (
    BUDGET_COLUMNS,
    EVALUATION_COLUMNS,
    INDICATOR_COLUMNS,
    OUTCOME_COLUMNS,
    PROJECT_COLUMNS,
    SELF_EVALUATION_COLUMNS,
    Document,
    Project,
    department_wide,
)
from kb.vocab.pinyin import pinyin
from kb.vocab.places import clean_department, region_from, region_in_title, year_from, year_in_name
from kb.vocab.tokens import index_tokens


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
    projects: int  # projects, not counting department-wide tables
    indicators: int
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False
    evaluations: int = 0  # self-evaluations (自评表)
    departments: int = 0  # department-wide goal tables (部门整体)


_T = TypeVar("_T")


def _pick(*candidates: tuple[_T | None, str]) -> tuple[_T | None, str]:
    """The first (value, source) whose value is set."""
    for value, source in candidates:
        if value:
            return value, source
    return None, ""


def _document_meta(doc: Document, fb: Fallbacks, project_years: Counter, file_name: str = "") -> dict:
    """The document's fields; the year, when the text gives none, is the one most of its projects' periods give,
    else the one given (command line, manifest), else the one the file's name states."""
    cleaned = clean_department(doc.department)
    region, region_source = _pick(
        (doc.region, "text"),
        (region_from(cleaned), "text"),
        (fb.region, fb.source),
        (region_in_title(doc.title), "text"),  # (after what the user gives: a title names a place less surely)
    )
    year, year_source = _pick(
        (int(doc.year) if str(doc.year).isdigit() else year_from(doc.year), "text"),
        (project_years.most_common(1)[0][0] if project_years else None, "period"),
        (fb.year, fb.source),
        (year_in_name(file_name), "file"),
    )
    department, department_source = _pick((cleaned, "text"), (fb.department, fb.source))
    return {
        "title": doc.title,
        "region": region,
        "region_source": region_source,
        "year": year,
        "year_source": year_source,
        "department": department,
        "department_source": department_source,
        "published": fb.published or None,
    }


def _name_ids(conn: sqlite3.Connection, names: set[str]) -> dict[str, int]:
    """Ids of distinct indicator names, creating (with pinyin and search tokens) the new ones."""
    known: dict[str, int] = {}
    ordered = sorted(names)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        known.update(
            (name, id_)
            for id_, name in conn.execute(
                f"SELECT id, name FROM indicator_names WHERE name IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    new = [name for name in ordered if name not in known]
    if new:  # ids given here, as SQLite would (the caller's write transaction holds the table): one statement each
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM indicator_names").fetchone()[0]
        rows = [(first + i, name, *pinyin(name)) for i, name in enumerate(new)]
        conn.executemany("INSERT INTO indicator_names (id, name, pinyin, initials, uses) VALUES (?, ?, ?, ?, 0)", rows)
        conn.executemany(
            "INSERT INTO names_fts (rowid, tokens) VALUES (?, ?)", [(row[0], index_tokens(row[1])) for row in rows]
        )
        known.update((row[1], row[0]) for row in rows)
    return known


@dataclass(frozen=True)
class Twin:
    """A document stored from another file with the same goal tables (`id` 0: one a dry run would have stored)."""

    id: int
    path: str
    fills: bool  # the new file gives a region or year this one lacks, and lacks none it has


def same_tables(
    conn: sqlite3.Connection,
    doc: Document,
    origin: Provenance,
    fallbacks: Fallbacks | None = None,
    unwritten: Sequence[Unwritten] = (),
) -> Twin | None:
    """A document stored from another file (or, in a dry run, one it would have stored: `unwritten`, in place of
    those it would have replaced) with the same goal tables (kb.ingest.fingerprints) whose region and year agree
    with what `doc` would have, where both know them; None when there is none."""
    found = doc.fingerprint()
    if found is None:
        return None
    mine = _place(doc, origin, fallbacks)
    for id_, path, region, year in conn.execute(
        "SELECT id, path, region, year FROM documents WHERE fingerprint = ? AND path != ?", (found, origin.path)
    ):
        theirs = {"region": region, "year": year}
        if not any(id_ in other.replaced for other in unwritten) and _agree(mine, theirs):
            return Twin(id_, path, fills=_known(mine) > _known(theirs))
    for other in unwritten:
        if other.fingerprint == found and other.path != origin.path and _agree(mine, other.place):
            return Twin(0, other.path, fills=_known(mine) > _known(other.place))
    return None


def _place(doc: Document, origin: Provenance, fallbacks: Fallbacks | None) -> dict:
    """The region and year `doc` would have, stored."""
    meta = _document_meta(doc, fallbacks or Fallbacks(), doc.period_years(), origin.file_name)
    return {"region": meta["region"], "year": meta["year"]}


def _agree(mine: dict, theirs: dict) -> bool:
    return all(mine[key] == theirs[key] for key in mine if mine[key] and theirs[key])  # an unknown one agrees


@dataclass(frozen=True)
class Rival:
    """A document stored from another file holding the same self-evaluations, and how the two readings compare
    (`id` 0: one a dry run would have stored)."""

    id: int
    path: str
    compared: Compared


@dataclass(frozen=True)
class Unwritten:
    """A document a dry run would have stored: its path, region and year, its tables' fingerprint, its forms when it
    holds self-evaluations alone (else none), and the stored documents it would have replaced."""

    path: str
    place: dict
    evaluations: list[Evaluation]
    replaced: frozenset[int] = frozenset()
    fingerprint: str | None = None

    @classmethod
    def of(
        cls,
        doc: Document,
        origin: Provenance,
        fallbacks: Fallbacks | None = None,
        replaced: frozenset[int] = frozenset(),
    ) -> Unwritten | None:
        """`doc` as a dry run remembers it for the files after it, when it holds goal tables or self-evaluations."""
        found = doc.fingerprint()
        if found is None:
            return None
        alone = not doc.projects
        evaluations = [Evaluation(e.values, e.outcomes) for e in doc.evaluations] if alone else []
        return cls(origin.path, _place(doc, origin, fallbacks), evaluations, replaced, found)


def same_evaluations(
    conn: sqlite3.Connection,
    doc: Document,
    origin: Provenance,
    fallbacks: Fallbacks | None = None,
    unwritten: Sequence[Unwritten] = (),
) -> Rival | None:
    """A document stored from another file (or, in a dry run, one it would have stored: `unwritten`, in place of
    those it would have replaced) that holds, as `doc` does, self-evaluations alone, the same ones
    (kb.ingest.two_readings), its region and year agreeing where both know them; None when there is none."""
    if doc.projects or not doc.evaluations:
        return None
    new = [Evaluation(e.values, e.outcomes) for e in doc.evaluations]
    first = dict(zip(SELF_EVALUATION_COLUMNS, new[0].values))
    mine = _place(doc, origin, fallbacks)
    for id_, path, region, year in conn.execute(
        """SELECT d.id, d.path, d.region, d.year FROM documents d
        JOIN self_evaluations s ON s.document_id = d.id AND s.seq = 1 AND s.kind = ? AND s.indicator_count = ?
        WHERE d.path != ? AND (SELECT count(*) FROM self_evaluations WHERE document_id = d.id) = ?
        AND NOT EXISTS (SELECT 1 FROM projects WHERE document_id = d.id)""",
        (first["kind"], first["indicator_count"], origin.path, len(new)),
    ):
        if any(id_ in other.replaced for other in unwritten) or not _agree(mine, {"region": region, "year": year}):
            continue
        compared = compare(new, _stored_evaluations(conn, id_))
        if compared is not None:
            return Rival(id_, path, compared)
    for other in unwritten:
        if other.evaluations and other.path != origin.path and _agree(mine, other.place):
            if (compared := compare(new, other.evaluations)) is not None:
                return Rival(0, other.path, compared)
    return None


def _stored_evaluations(conn: sqlite3.Connection, document_id: int) -> list[Evaluation]:
    evaluations = conn.execute(
        f"SELECT id, {', '.join(SELF_EVALUATION_COLUMNS)} FROM self_evaluations WHERE document_id = ? ORDER BY seq",
        (document_id,),
    ).fetchall()
    outcomes = f"SELECT {', '.join(OUTCOME_COLUMNS)} FROM outcomes WHERE self_evaluation_id = ? ORDER BY seq"
    return [Evaluation(tuple(values), conn.execute(outcomes, (id_,)).fetchall()) for id_, *values in evaluations]


def _known(fields: dict) -> set[str]:
    return {key for key, value in fields.items() if value}


def _unplaced(without_year: tuple[int, int], without_region: tuple[int, int]) -> list[str]:
    """What to tell of projects and self-evaluations (how many of each) stored without a year or a region (search
    filters pass them over), and how to give one."""
    told = []
    for (projects, evaluations), what, short, en, option in (
        (without_year, "预算年度", "年度", "budget year", "--year"),
        (without_region, "地区", "地区", "region", "--region"),
    ):
        counts = [(projects, "个项目", "projects"), (evaluations, "个自评表", "self-evaluations")]
        zh = "、".join(f"{n} {noun}" for n, noun, _ in counts if n)
        counted = ", ".join(f"{n} {noun}" for n, _, noun in counts if n)
        if zh:
            told.append(
                f"原文未写{what}，{zh}没有{short}：可在文件旁的 manifest.toml 写明，或用 kb import {option} 指定 "
                f"no {en} in the text ({counted}): give it in a manifest.toml beside the file, or with kb import "
                + option
            )
    return told


def new_names_stamp(conn: sqlite3.Connection) -> None:
    """Say, in the writing transaction, that the names changed: a name index stored before is stale from its commit
    (kb.find.name_index.cached)."""
    conn.execute("UPDATE name_index_stamp SET stamp = hex(randomblob(8)) WHERE id = 1")


def index_projects(conn: sqlite3.Connection, tokens: list[tuple[int, str, str, str]]) -> None:
    """Add projects (id and the search tokens of name, overview, goal) to the projects' search indexes."""
    conn.executemany("INSERT INTO projects_fts (rowid, name, overview, goal) VALUES (?, ?, ?, ?)", tokens)
    conn.executemany("INSERT INTO project_names_fts (rowid, tokens) VALUES (?, ?)", [row[:2] for row in tokens])


def unindex_projects(conn: sqlite3.Connection, projects: list[tuple]) -> None:
    """Remove projects (id, name, overview, goal as stored) from the projects' search indexes. They keep no copy of
    the tokens (schema v9), so the tokens are made again from the stored texts: the same function that indexed them
    (kb.vocab.tokens.index_tokens; a change to it needs a migration that fills the indexes again)."""
    tokens = [(pid, *map(index_tokens, texts)) for pid, *texts in projects]
    conn.executemany(
        "INSERT INTO projects_fts (projects_fts, rowid, name, overview, goal) VALUES ('delete', ?, ?, ?, ?)", tokens
    )
    conn.executemany(
        "INSERT INTO project_names_fts (project_names_fts, rowid, tokens) VALUES ('delete', ?, ?)",
        [row[:2] for row in tokens],
    )


def delete_document(conn: sqlite3.Connection, document_id: int) -> None:
    """Remove a document and everything read from it (inside the caller's transaction)."""
    kept = totals.Totals()
    sql = "SELECT id, name, overview, goal, region FROM projects WHERE document_id = ?"
    projects = conn.execute(sql, (document_id,)).fetchall()
    unindex_projects(conn, [row[:4] for row in projects])
    for pid, *_, region in projects:
        kept.project(
            region, conn.execute(f"SELECT {totals.STORED} FROM indicators WHERE project_id = ?", (pid,)).fetchall()
        )
        for table in ("indicators", "evaluation_items", "budget_lines"):
            conn.execute(f"DELETE FROM {table} WHERE project_id = ?", (pid,))
    kept.take_back(conn)
    new_names_stamp(conn)  # the names' totals change
    conn.execute("DELETE FROM projects WHERE document_id = ?", (document_id,))
    conn.execute(
        "DELETE FROM outcomes WHERE self_evaluation_id IN (SELECT id FROM self_evaluations WHERE document_id = ?)",
        (document_id,),
    )
    conn.execute("DELETE FROM self_evaluations WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def _insert_sql(table: str, columns: Iterable[str]) -> str:
    """An INSERT of `columns` in order (column names chosen by kb, never by a document)."""
    columns = tuple(columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_INSERT_PROJECT = _insert_sql(
    "projects", ("id", "document_id", "seq", "name", "department", "region", "year", *PROJECT_COLUMNS)
)
_INSERT_INDICATOR = _insert_sql("indicators", ("project_id", "year", "name_id", *INDICATOR_COLUMNS))
_INSERT_INDICATOR_WITH_ID = _insert_sql("indicators", ("id", "project_id", "year", "name_id", *INDICATOR_COLUMNS))
_INSERT_EVALUATION = _insert_sql("evaluation_items", ("project_id", *EVALUATION_COLUMNS))
_INSERT_BUDGET = _insert_sql("budget_lines", ("project_id", *BUDGET_COLUMNS))
_INSERT_SELF_EVALUATION = _insert_sql(
    "self_evaluations", ("id", "document_id", "seq", "region", "year", *SELF_EVALUATION_COLUMNS)
)
_INSERT_OUTCOME = _insert_sql("outcomes", ("self_evaluation_id", *OUTCOME_COLUMNS))
_EVALUATION_DEPARTMENT = SELF_EVALUATION_COLUMNS.index("department")


MAX_WARNINGS = 1_000  # warnings kept with a document; the rest are counted in one last warning


def store_document(
    conn: sqlite3.Connection,
    doc: Document,
    origin: Provenance,
    fallbacks: Fallbacks | None = None,
    replaces: int | None = None,
) -> Stored:
    """Write one normalised document in a single transaction, replacing an earlier version of the same path (and
    the document `replaces`, when given: the same tables from another file)."""
    with writing(conn, doc, origin, fallbacks, replaces) as writer:
        writer.add(doc.projects, doc.warnings, doc.evaluations)
    return writer.stored


@contextlib.contextmanager
def writing(
    conn: sqlite3.Connection,
    head: Document,
    origin: Provenance,
    fallbacks: Fallbacks | None = None,
    replaces: int | None = None,
) -> Iterator[DocumentWriter]:
    """One transaction for one document whose projects come in pieces (`writer.add`); committed when the block
    ends, rolled back when it raises. `head` gives the document's fields (its projects are not added).

    Inside a transaction the caller holds (a bulk import writes several documents in one), the document's rows
    join it, and the caller rolls that transaction back when this raises.
    """
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        writer = DocumentWriter(conn, head, origin, fallbacks or Fallbacks(), replaces)
        yield writer
        writer.finish()
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class DocumentWriter:
    """Writes a document's row, then its projects as they are added, inside the transaction of `writing`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        head: Document,
        origin: Provenance,
        fallbacks: Fallbacks,
        replaces: int | None = None,
    ):
        self.conn, self.head, self.fallbacks = conn, head, fallbacks
        self.years: Counter[int] = Counter()  # the projects' periods' years
        self.evaluation_years: Counter[int] = Counter()  # … and the self-evaluations' (a document of them alone)
        self.dated_by_document: list[int] = []  # self-evaluations given the document's year (none of their own)
        self.file_name = origin.file_name
        self.meta = _document_meta(head, fallbacks, head.period_years(), self.file_name)
        self.parse_warnings: list[str] = []
        self.store_warnings: list[str] = []
        self.dropped = self.projects = self.departments = self.indicators = 0
        self.without_year = self.without_region = 0  # projects the text gives no year (no region), nor a fallback
        self.evaluations_without_region = 0  # … and self-evaluations
        earlier = conn.execute("SELECT id FROM documents WHERE path = ? OR id IS ?", (origin.path, replaces)).fetchall()
        self.kept = KeptIds(conn, [old_id for (old_id,) in earlier]) if earlier else None
        for (old_id,) in earlier:
            delete_document(conn, old_id)
        self.document_id = conn.execute(
            """INSERT INTO documents (file_name, path, sha256, layout, title, region, region_source, year,
            year_source, department, department_source, published, imported_at, warnings, parts, reader)
            VALUES (:file_name, :path, :sha256, :layout, :title, :region, :region_source, :year, :year_source,
            :department, :department_source, :published, :imported_at, '[]', :parts, :reader)""",
            {
                "reader": reading_version(),
                "file_name": origin.file_name,
                "path": origin.path,
                "sha256": origin.sha256,
                "layout": head.layout,
                **self.meta,
                "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "parts": json.dumps(head.parts, ensure_ascii=False) if head.parts else None,
            },
        ).lastrowid
        self.stored = Stored(self.document_id, 0, 0, replaced=bool(earlier))
        self.digests: list[bytes] = []  # of the projects, for the document's fingerprint
        self.evaluation_digests: list[bytes] = []  # … and of its self-evaluations, after them

    def _warn(self, warnings: list[str], new: Iterable[str]) -> None:
        for warning in new:
            if len(warnings) < MAX_WARNINGS:
                warnings.append(warning)
            else:
                self.dropped += 1

    def add(self, projects: list[Project], warnings: Iterable[str] = (), evaluations: Iterable = ()) -> None:
        """Store the next projects (numbered on from the last), the self-evaluations, and the parser's warnings."""
        evaluations = list(evaluations)
        self._add_evaluations(evaluations)
        conn, document_id, meta = self.conn, self.document_id, self.meta
        self._warn(self.parse_warnings, warnings)
        self.years.update(p.year for p in projects if p.year)
        self.evaluation_years.update(e.year for e in evaluations if e.year)
        self.without_year += sum(1 for p in projects if not (meta["year"] or p.year))
        self.without_region += sum(1 for p in projects if not (meta["region"] or p.region))
        names = _name_ids(conn, {row[0] for p in projects for row in p.indicators})
        new_names_stamp(conn)  # the names and their totals change
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM projects").fetchone()[0]
        rows, fts, indicators, evaluation, budget, problems = [], [], [], [], [], []
        indicator_ids: list[int] = []  # given when a document read anew keeps its indicators' ids
        kept = totals.Totals()
        for n, p in enumerate(projects):  # ids given here, as SQLite would (this transaction holds the table)
            seq = self.projects + n + 1
            project_id = self.kept.project(seq, p.name) if self.kept else first_id + n
            year = meta["year"] or p.year
            department = meta["department"] if p.department == "" else p.department  # None: printed blank
            region = meta["region"] or p.region or None
            rows.append((project_id, document_id, seq, p.name, department, region, year, *p.values))
            fts.append((project_id, *p.tokens))
            stored = [(project_id, year, names[row[0]], *row) for row in p.indicators]
            kept.project(region, stored)
            indicators += stored
            if self.kept:
                indicator_ids += [self.kept.indicator(project_id, row[1], row[0]) for row in p.indicators]
            evaluation += [(project_id, *row) for row in p.evaluation]
            budget += [(project_id, *row) for row in p.budget]
            problems += [
                f"第 {seq} 个项目「{p.name}」的指标「{name}」没有指标值 project {seq}: indicator {name!r} has no target"
                for name in p.no_target
            ]
        if indicator_ids:
            indicators = [(id_, *row) for id_, row in zip(indicator_ids, indicators)]
        for sql, values in (
            (_INSERT_PROJECT, rows),
            (_INSERT_INDICATOR_WITH_ID if indicator_ids else _INSERT_INDICATOR, indicators),
            (_INSERT_EVALUATION, evaluation),
            (_INSERT_BUDGET, budget),
        ):
            if values:
                conn.executemany(sql, values)
        index_projects(conn, fts)
        kept.store(conn)
        self._warn(self.store_warnings, problems)
        self.digests += [p.digest for p in projects]
        self.projects += len(projects)
        self.departments += department_wide(projects)
        self.indicators += len(indicators)

    def _add_evaluations(self, evaluations: list) -> None:
        if not evaluations:
            return
        first_id = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM self_evaluations").fetchone()[0]
        rows, outcomes = [], []
        for n, e in enumerate(evaluations):
            seq = self.stored.evaluations + n + 1
            name = e.values[SELF_EVALUATION_COLUMNS.index("name")]
            evaluation_id = self.kept.evaluation(seq, name) if self.kept else first_id + n
            values = list(e.values)  # (one stating no unit is the document's, as a project is)
            values[_EVALUATION_DEPARTMENT] = values[_EVALUATION_DEPARTMENT] or self.meta["department"] or None
            year = e.year or self.meta["year"]  # the year it reports, its own period's before the document's
            if not e.year:
                self.dated_by_document.append(evaluation_id)
            rows.append((evaluation_id, self.document_id, seq, self.meta["region"] or e.region or None, year, *values))
            outcomes += [(evaluation_id, *row) for row in e.outcomes]
        self.evaluation_digests += [e.digest for e in evaluations]
        self.evaluations_without_region += sum(1 for row in rows if not row[3])
        self.conn.executemany(_INSERT_SELF_EVALUATION, rows)
        self.conn.executemany(_INSERT_OUTCOME, outcomes)
        self.stored.evaluations += len(evaluations)

    def finish(self) -> None:
        """The document's warnings, and its year where the projects added after the head changed it."""
        years = self.years if self.projects else self.evaluation_years
        meta = _document_meta(self.head, self.fallbacks, years, self.file_name)
        if (meta["year"], meta["year_source"]) != (self.meta["year"], self.meta["year_source"]):
            self.conn.execute(
                "UPDATE documents SET year = ?, year_source = ? WHERE id = ?",
                (meta["year"], meta["year_source"], self.document_id),
            )
            projects = "SELECT id FROM projects WHERE document_id = ?"
            self.conn.execute(
                f"UPDATE indicators SET year = ? WHERE project_id IN ({projects})", (meta["year"], self.document_id)
            )
            self.conn.execute("UPDATE projects SET year = ? WHERE document_id = ?", (meta["year"], self.document_id))
            self.conn.executemany(
                "UPDATE self_evaluations SET year = ? WHERE id = ?",
                [(meta["year"], id_) for id_ in self.dated_by_document],
            )
        undated = (self.without_year, len(self.dated_by_document)) if not meta["year"] else (0, 0)
        self._warn(self.store_warnings, _unplaced(undated, (self.without_region, self.evaluations_without_region)))
        warnings = (self.parse_warnings + self.store_warnings)[:MAX_WARNINGS]
        dropped = self.dropped + len(self.parse_warnings) + len(self.store_warnings) - len(warnings)
        if dropped:
            warnings.append(f"… and {dropped:,} more warnings")
        self.conn.execute(
            "UPDATE documents SET warnings = ?, fingerprint = ? WHERE id = ?",
            (
                json.dumps(warnings, ensure_ascii=False),
                fingerprint(self.digests + self.evaluation_digests)
                if self.indicators or self.evaluation_digests
                else None,
                self.document_id,
            ),
        )
        self.stored.projects, self.stored.indicators, self.stored.warnings = (
            self.projects - self.departments,
            self.indicators,
            warnings,
        )
        self.stored.departments = self.departments
