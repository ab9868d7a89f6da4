"""The database schema, built by numbered migrations recorded in `PRAGMA user_version`.

Migration N takes a database at version N-1 to version N. Never edit a released migration: add one.
A database whose version is newer than `SCHEMA_VERSION` is refused, untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable  # not typing: ~2 ms more for every `kb search`


_V1 = (  # as sqlite-utils wrote them for the released v1 (v3 drops idx_indicators_name_id by that name)
    """CREATE TABLE "documents" (
   "id" INTEGER PRIMARY KEY,
   "file_name" TEXT NOT NULL,
   "path" TEXT,
   "sha256" TEXT NOT NULL,
   "layout" TEXT NOT NULL,
   "title" TEXT,
   "region" TEXT,
   "region_source" TEXT,
   "year" INTEGER,
   "year_source" TEXT,
   "department" TEXT,
   "department_source" TEXT,
   "published" TEXT,
   "imported_at" TEXT NOT NULL,
   "warnings" TEXT
)""",
    """CREATE UNIQUE INDEX "idx_documents_sha256"
    ON "documents" ("sha256")""",
    """CREATE INDEX "idx_documents_path"
    ON "documents" ("path")""",
    """CREATE TABLE "projects" (
   "id" INTEGER PRIMARY KEY,
   "document_id" INTEGER NOT NULL REFERENCES "documents"("id"),
   "seq" INTEGER,
   "name" TEXT NOT NULL,
   "department" TEXT,
   "region" TEXT,
   "year" INTEGER,
   "amount_wan" REAL,
   "amount_text" TEXT,
   "amount_unit_source" TEXT,
   "total_wan" REAL,
   "total_text" TEXT,
   "period" TEXT,
   "overview" TEXT,
   "goal" TEXT,
   "fields" TEXT,
   "extra" TEXT
)""",
    """CREATE TABLE "indicator_names" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "pinyin" TEXT,
   "initials" TEXT,
   "uses" INTEGER DEFAULT 0
)""",
    """CREATE UNIQUE INDEX "idx_indicator_names_name"
    ON "indicator_names" ("name")""",
    """CREATE TABLE "indicators" (
   "id" INTEGER PRIMARY KEY,
   "project_id" INTEGER NOT NULL REFERENCES "projects"("id"),
   "seq" INTEGER,
   "name_id" INTEGER NOT NULL REFERENCES "indicator_names"("id"),
   "level1" TEXT,
   "level2" TEXT,
   "std_level1" TEXT,
   "std_level2" TEXT,
   "level_inferred" INTEGER,
   "name" TEXT NOT NULL,
   "operator" TEXT,
   "value" REAL,
   "unit" TEXT,
   "target" TEXT,
   "period_target" TEXT,
   "period_operator" TEXT,
   "period_value" REAL,
   "period_unit" TEXT,
   "from_prose" INTEGER
)""",
    """CREATE TABLE "evaluation_items" (
   "id" INTEGER PRIMARY KEY,
   "project_id" INTEGER NOT NULL REFERENCES "projects"("id"),
   "seq" INTEGER,
   "level1" TEXT,
   "level2" TEXT,
   "name" TEXT NOT NULL,
   "weight" REAL,
   "weight_text" TEXT,
   "criteria" TEXT,
   "source" TEXT
)""",
    """CREATE TABLE "budget_lines" (
   "id" INTEGER PRIMARY KEY,
   "project_id" INTEGER NOT NULL REFERENCES "projects"("id"),
   "seq" INTEGER,
   "item" TEXT NOT NULL,
   "amount_wan" REAL,
   "amount_text" TEXT,
   "basis" TEXT
)""",
    """CREATE INDEX "idx_projects_document_id"
    ON "projects" ("document_id")""",
    """CREATE INDEX "idx_indicators_project_id"
    ON "indicators" ("project_id")""",
    """CREATE INDEX "idx_indicators_name_id"
    ON "indicators" ("name_id")""",
    """CREATE INDEX "idx_evaluation_items_project_id"
    ON "evaluation_items" ("project_id")""",
    """CREATE INDEX "idx_budget_lines_project_id"
    ON "budget_lines" ("project_id")""",
    """CREATE INDEX "idx_projects_region_year"
    ON "projects" ("region", "year")""",
    """CREATE VIRTUAL TABLE names_fts USING fts5(tokens)""",
    """CREATE VIRTUAL TABLE projects_fts USING fts5(name, overview, goal)""",
)


def _v1(conn: sqlite3.Connection) -> None:
    """Documents, projects, indicators, evaluation items, budget lines and the search indexes."""
    for statement in _V1:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Drafts: a new project's head and goal table, saved on every change (see kb.drafting.drafts)."""
    conn.execute(
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            department TEXT, region TEXT, year INTEGER, amount_wan REAL, period TEXT, spending_type TEXT,
            overview TEXT, goal TEXT,
            version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE draft_rows (
            id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, level1 TEXT, level2 TEXT, name TEXT NOT NULL,
            operator TEXT, value REAL, unit TEXT, text TEXT, basis TEXT, weight REAL,
            sources TEXT NOT NULL DEFAULT '[]')"""
    )
    conn.execute("CREATE INDEX draft_rows_draft ON draft_rows (draft_id, seq)")


def _v3(conn: sqlite3.Connection) -> None:
    """Each indicator carries its project's year, indexed by (name_id, year), so the newest uses of a name are
    an index walk; each project carries its number of indicators, so listing projects counts nothing; the
    project tree's branches (region, department, year) are an index."""
    conn.execute("ALTER TABLE indicators ADD COLUMN year INTEGER")
    conn.execute("UPDATE indicators SET year = (SELECT p.year FROM projects p WHERE p.id = indicators.project_id)")
    conn.execute("DROP INDEX IF EXISTS idx_indicators_name_id")  # a prefix of the new index
    conn.execute("CREATE INDEX idx_indicators_name_year ON indicators (name_id, year DESC)")
    conn.execute("CREATE INDEX idx_projects_region_department_year ON projects (region, department, year)")
    conn.execute("ALTER TABLE projects ADD COLUMN indicator_count INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "UPDATE projects SET indicator_count = (SELECT count(*) FROM indicators i WHERE i.project_id = projects.id)"
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Each document carries the fingerprint of its goal tables (kb.ingest.fingerprints), so the same tables read from
    another file (a PDF beside its spreadsheet) are not stored twice; computed here from the stored rows."""
    from itertools import groupby

    from kb.ingest.fingerprints import fingerprint, project_digest

    conn.execute("ALTER TABLE documents ADD COLUMN fingerprint TEXT")
    rows = conn.execute(
        """SELECT p.document_id, p.id, p.name, i.name, i.level1, i.level2, i.target
        FROM projects p LEFT JOIN indicators i ON i.project_id = p.id ORDER BY p.document_id, p.seq, p.id, i.seq"""
    )
    found = []
    for document_id, document_rows in groupby(rows, key=lambda row: row[0]):
        digests, indicators = [], 0
        for (_, _, name), project_rows in groupby(document_rows, key=lambda row: row[:3]):
            written = [row[3:] for row in project_rows if row[3] is not None]
            digests.append(project_digest(name, written))
            indicators += len(written)
        if indicators:
            found.append((fingerprint(digests), document_id))
    conn.executemany("UPDATE documents SET fingerprint = ? WHERE id = ?", found)
    conn.execute("CREATE INDEX idx_documents_fingerprint ON documents (fingerprint)")


def _v5(conn: sqlite3.Connection) -> None:
    """Department-wide goal tables (部门整体) kept beside projects (`kind`), never counted as projects; a project's
    code and the page its table starts on; each indicator's weight and its other columns as written (`notes`:
    指标解释, 评（扣）分标准 …); how each document was read, part by part (`documents.parts`, kb import --explain).
    The branch index leads with the kind, so listing projects reads no department-wide table."""
    conn.execute("ALTER TABLE projects ADD COLUMN kind TEXT NOT NULL DEFAULT 'project'")
    conn.execute("ALTER TABLE projects ADD COLUMN code TEXT")
    conn.execute("ALTER TABLE projects ADD COLUMN page INTEGER")
    conn.execute("ALTER TABLE indicators ADD COLUMN weight REAL")
    conn.execute("ALTER TABLE indicators ADD COLUMN weight_text TEXT")
    conn.execute("ALTER TABLE indicators ADD COLUMN notes TEXT")
    conn.execute("ALTER TABLE documents ADD COLUMN parts TEXT")
    conn.execute("ALTER TABLE drafts ADD COLUMN listed_rows TEXT")  # the rows' order a user last saw numbered
    conn.execute("DROP INDEX idx_projects_region_department_year")
    conn.execute("CREATE INDEX idx_projects_kind_region_department_year ON projects (kind, region, department, year)")
    # Self-evaluations (项目支出/部门整体支出绩效自评表): what a unit reports it achieved, each indicator's target and
    # actual as written and parsed, its weight (分值), score (得分) and notes (偏差原因分析 …); apart from the goal
    # tables, so a self-reported outcome is never counted as a precedent goal.
    conn.execute(
        """CREATE TABLE self_evaluations (
            id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
            kind TEXT NOT NULL, name TEXT NOT NULL, code TEXT, department TEXT, region TEXT, year INTEGER,
            page INTEGER, amount_wan REAL, amount_text TEXT, goal TEXT, fields TEXT,
            indicator_count INTEGER NOT NULL DEFAULT 0, project_id INTEGER, link TEXT)"""
    )
    conn.execute(
        """CREATE TABLE outcomes (
            id INTEGER PRIMARY KEY, self_evaluation_id INTEGER NOT NULL REFERENCES self_evaluations(id),
            seq INTEGER NOT NULL, level1 TEXT, level2 TEXT, std_level1 TEXT, std_level2 TEXT, name TEXT NOT NULL,
            target TEXT, operator TEXT, value REAL, unit TEXT, actual TEXT, actual_operator TEXT, actual_value REAL,
            actual_unit TEXT, weight REAL, weight_text TEXT, score REAL, score_text TEXT, notes TEXT,
            met INTEGER, ratio REAL, name_key TEXT NOT NULL, indicator_id INTEGER)"""
    )
    conn.execute("CREATE INDEX idx_self_evaluations_document ON self_evaluations (document_id)")
    conn.execute("CREATE INDEX idx_outcomes_self_evaluation ON outcomes (self_evaluation_id)")
    conn.execute("CREATE INDEX idx_outcomes_name_key ON outcomes (name_key)")
    conn.execute("CREATE INDEX idx_self_evaluations_project ON self_evaluations (project_id)")
    conn.execute("CREATE INDEX idx_outcomes_indicator ON outcomes (indicator_id)")


def _v6(conn: sqlite3.Connection) -> None:
    """A draft holds the national 项目支出绩效目标表's head (kb.drafting.drafts.HEAD_FIELDS: 项目名称 apart from
    the draft's own name, 主管部门代码, 实施单位, 项目属性, the funding breakdown, 实施期目标) and, per indicator,
    the fields of an indicator library (ROW_TEXT_FIELDS: 指标解释, 计算公式, 评（扣）分标准, 数据来源, 设定依据说明,
    实施期指标值).

    Columns, not a JSON document: each field has one type (the amounts are REAL, checked and summed by kb lint), is
    read and written by name like the fields before it, and copied by plain SQL (duplicate); adding a column is O(1).
    """
    for column, kind in (
        ("project_name", "TEXT"),
        ("department_code", "TEXT"),
        ("implementing_unit", "TEXT"),
        ("attribute", "TEXT"),
        ("total_wan", "REAL"),
        ("fiscal_wan", "REAL"),
        ("carryover_wan", "REAL"),
        ("other_wan", "REAL"),
        ("period_goal", "TEXT"),
    ):
        conn.execute(f"ALTER TABLE drafts ADD COLUMN {column} {kind}")
    for column in ("explanation", "formula", "scoring", "data_source", "basis_text", "period_target"):
        conn.execute(f"ALTER TABLE draft_rows ADD COLUMN {column} TEXT")


def _v7(conn: sqlite3.Connection) -> None:
    """Draft history, stable row ids, copies and the indicator library (kb.drafting.history, kb.drafting.library).

    Every draft version is kept whole (`draft_versions.state`, JSON of the draft's columns and rows), so a draft can
    be shown as it was and undone; existing drafts start their history at their current version. Each row gets a
    key that never changes and is never given again in its draft (`a1`, `a2` …; `drafts.row_keys` counts them). A
    draft copied from last year's project or draft says where from (`drafts.source`). `library_entries`: a
    指标库 spreadsheet's indicators, with their explanation, formula, scoring and data source; a row taken from the
    library keeps the entry's id (`draft_rows.library_id`; ids are never given twice, so a replaced entry's id
    names no other)."""
    import json

    conn.execute("ALTER TABLE drafts ADD COLUMN row_keys INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE drafts ADD COLUMN source TEXT")
    conn.execute("ALTER TABLE draft_rows ADD COLUMN row_key TEXT")
    conn.execute("ALTER TABLE draft_rows ADD COLUMN library_id INTEGER")
    counts: dict[int, int] = {}
    keyed = []
    for row_id, draft_id in conn.execute("SELECT id, draft_id FROM draft_rows ORDER BY draft_id, seq, id").fetchall():
        counts[draft_id] = counts.get(draft_id, 0) + 1
        keyed.append((f"a{counts[draft_id]}", row_id))  # as kb.drafting.history.row_key
    conn.executemany("UPDATE draft_rows SET row_key = ? WHERE id = ?", keyed)
    conn.executemany("UPDATE drafts SET row_keys = ? WHERE id = ?", [(n, d) for d, n in counts.items()])
    conn.execute("CREATE UNIQUE INDEX draft_rows_key ON draft_rows (draft_id, row_key)")
    conn.execute(
        """CREATE TABLE draft_versions (
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE, number INTEGER NOT NULL,
            at TEXT NOT NULL, note TEXT, restores INTEGER, state TEXT NOT NULL, PRIMARY KEY (draft_id, number))"""
    )
    # each draft as it is, in the form of kb.drafting.history.state (frozen here as of this version)
    not_content = {"id", "version", "created_at", "updated_at", "listed_rows", "row_keys", "source"}
    cursor = conn.execute("SELECT * FROM drafts")
    names = [c[0] for c in cursor.description]
    for draft in [dict(zip(names, r)) for r in cursor.fetchall()]:
        rows = conn.execute("SELECT * FROM draft_rows WHERE draft_id = ? ORDER BY seq, id", (draft["id"],))
        columns = [c[0] for c in rows.description]
        kept = {
            "head": {k: v for k, v in draft.items() if k not in not_content},
            "rows": [{k: v for k, v in zip(columns, r) if k != "draft_id"} for r in rows.fetchall()],
        }
        conn.execute(
            "INSERT INTO draft_versions (draft_id, number, at, note, state) VALUES (?, ?, ?, ?, ?)",
            (
                draft["id"],
                draft["version"],
                draft["updated_at"],
                "记录历史之前的最后状态 the state when history began",
                json.dumps(kept, ensure_ascii=False),
            ),
        )
    conn.execute(
        """CREATE TABLE library_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL, line INTEGER, sector TEXT, level1 TEXT,
            level2 TEXT, name TEXT NOT NULL, explanation TEXT, formula TEXT, scoring TEXT, data_source TEXT,
            target TEXT, unit TEXT, basis TEXT, kind TEXT, extra TEXT, name_key TEXT NOT NULL,
            imported_at TEXT NOT NULL)"""
    )
    conn.execute("CREATE INDEX idx_library_entries_name_key ON library_entries (name_key)")
    conn.execute("CREATE INDEX idx_library_entries_file ON library_entries (file)")


def _v8(conn: sqlite3.Connection) -> None:
    """Project names in a search index of their own (their tokens, as in projects_fts), so the projects whose name
    holds a query, ranked first, are found without walking the long texts' index; indicator names by their uses, so
    the names holding a one-character query are read most used first (kb.find.common_names); the names' stamp,
    new with every write to them, which says whether the name index kept beside the base is current
    (kb.find.name_index.cached: 4 s to build at 1M indicators); the branch index
    holds what the app lists of a project, so listing them reads no overview or goal (hundreds of characters each)."""
    from kb.vocab.tokens import index_tokens

    conn.execute("DROP INDEX idx_projects_kind_region_department_year")
    conn.execute(
        "CREATE INDEX idx_projects_kind_region_department_year "
        "ON projects (kind, region, department, year, document_id, seq, name, indicator_count)"
    )
    conn.execute("CREATE INDEX idx_indicator_names_uses ON indicator_names (uses DESC)")
    conn.execute("CREATE TABLE name_index_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), stamp TEXT NOT NULL)")
    conn.execute("INSERT INTO name_index_stamp (id, stamp) VALUES (1, hex(randomblob(8)))")
    conn.execute("CREATE VIRTUAL TABLE project_names_fts USING fts5(tokens)")
    conn.executemany(
        "INSERT INTO project_names_fts (rowid, tokens) VALUES (?, ?)",
        ((pid, index_tokens(name)) for pid, name in conn.execute("SELECT id, name FROM projects").fetchall()),
    )


def _v9(conn: sqlite3.Connection) -> None:
    """The projects' search indexes keep no copy of their token strings (nothing reads them: a search returns rowids
    and bm25): contentless FTS5 tables, filled again from the projects' texts. A project's entries are removed by
    giving the index the same tokens again, made from the texts the project keeps (kb.ingest.write)."""
    from kb.vocab.tokens import index_tokens

    conn.execute("DROP TABLE projects_fts")
    conn.execute("DROP TABLE project_names_fts")
    conn.execute("CREATE VIRTUAL TABLE projects_fts USING fts5(name, overview, goal, content='')")
    conn.execute("CREATE VIRTUAL TABLE project_names_fts USING fts5(tokens, content='')")
    rows = conn.execute("SELECT id, name, overview, goal FROM projects")
    while batch := rows.fetchmany(2000):
        tokens = [(pid, *map(index_tokens, texts)) for pid, *texts in batch]
        conn.executemany("INSERT INTO projects_fts (rowid, name, overview, goal) VALUES (?, ?, ?, ?)", tokens)
        conn.executemany("INSERT INTO project_names_fts (rowid, tokens) VALUES (?, ?)", [t[:2] for t in tokens])


def _v10(conn: sqlite3.Connection) -> None:
    """Each indicator name's totals kept by the import (kb.ingest.totals: its projects, and its uses by region, by
    standard levels and by target), counted here from the stored indicators, so a name's counts read a few small
    rows instead of every use; the uses indexed by name and project, so the projects that spellings of one
    indicator share are counted from that index alone."""
    from kb.ingest import totals

    conn.execute("CREATE INDEX idx_indicators_name_project ON indicators (name_id, project_id)")
    conn.execute("ALTER TABLE indicator_names ADD COLUMN projects INTEGER NOT NULL DEFAULT 0")
    totals.create(conn)
    totals.fill(conn)


FTS_PENDING_BYTES = 16 * 2**20


def _v11(conn: sqlite3.Connection) -> None:
    """The search indexes gather up to 16 MiB of new entries in memory before they write them as a segment (FTS5's
    'hashsize', 1 MiB by default). The projects' long texts filled 1 MiB every few documents, and each small segment
    was merged into larger ones again and again: an import's FTS5 work was a fifth of its store."""
    for table in ("names_fts", "projects_fts", "project_names_fts"):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (FTS_PENDING_BYTES,))


def _v12(conn: sqlite3.Connection) -> None:
    """Targets that are no single number, a range ('5-10名'), a date ('2026年11月底前') or several values
    ('≥6期/≥3个'), kept as written like a
    qualitative word (kb.vocab.targets): read as one number they were '=5名' and '=2026年'. Goal rows and their
    period targets read again, the names' totals by target counted again; self-evaluation rows read again and judged
    again (kb.vocab.outcomes: a date target is a deadline)."""
    from kb.ingest.totals import recount_targets
    from kb.vocab.outcomes import judge, lower_is_better
    from kb.vocab.targets import QUALITATIVE, parse_target

    maybe = "GLOB '*[0-9]*[-~～—–－至到年月/.;；]*'"  # a digit, then something a range, a date or a list holds
    names: set[int] = set()
    for text, operator, value, unit in (
        ("target", "operator", "value", "unit"),
        ("period_target", "period_operator", "period_value", "period_unit"),
    ):
        read = conn.execute(f"SELECT id, name_id, {text} FROM indicators WHERE {value} IS NOT NULL AND {text} {maybe}")
        again = [
            (row_id, name_id) for row_id, name_id, written in read.fetchall() if parse_target(written).value is None
        ]
        conn.executemany(
            f"UPDATE indicators SET {operator} = ?, {value} = NULL, {unit} = NULL WHERE id = ?",
            [(QUALITATIVE, row_id) for row_id, _ in again],
        )
        names.update(name_id for _, name_id in again if text == "target")
    recount_targets(conn, names)
    outcomes = conn.execute(
        f"""SELECT id, name, target, actual, std_level1 FROM outcomes WHERE value IS NOT NULL AND target {maybe}
        OR actual_value IS NOT NULL AND actual {maybe}"""
    ).fetchall()
    judged = []
    for row_id, name, written, reported, level1 in outcomes:
        target = parse_target(written or "", name=name)
        actual = parse_target(reported, name=name) if reported else None
        if target.value is None or actual is not None and actual.value is None:
            reading = (actual.operator, actual.value, actual.unit) if actual else (None, None, None)
            judged.append(
                (
                    target.operator,
                    target.value,
                    target.unit,
                    *reading,
                    *judge(target, actual, written or "", reported, lower_is_better(name, level1)),
                    row_id,
                )
            )
    conn.executemany(
        """UPDATE outcomes SET operator = ?, value = ?, unit = ?, actual_operator = ?, actual_value = ?,
        actual_unit = ?, met = ?, ratio = ? WHERE id = ?""",
        judged,
    )


def _v13(conn: sqlite3.Connection) -> None:
    """Which importers read each document (importers.version): a file read by an earlier version is read anew when
    it is imported again. Documents stored before have none, so each is read anew once."""
    conn.execute("ALTER TABLE documents ADD COLUMN reader TEXT")


def _v14(conn: sqlite3.Connection) -> None:
    """A self-evaluated row reporting its target in the target's own words ('明显改善' against '明显改善', '长期'
    against '长期') met it (kb.vocab.outcomes.judge); it was unknown."""
    from kb.vocab.outcomes import same_words

    rows = conn.execute("SELECT id, target, actual, value FROM outcomes WHERE met IS NULL AND actual IS NOT NULL")
    conn.executemany(
        "UPDATE outcomes SET met = 1, ratio = ? WHERE id = ?",
        [(1.0 if value else None, row_id) for row_id, target, actual, value in rows if same_words(target, actual)],
    )


def _v15(conn: sqlite3.Connection) -> None:
    """A document's fingerprint covers its self-evaluations too (kb.ingest.fingerprints), so the PDF of a 自评表
    already stored from its .docx is not stored twice: computed here for the documents holding any, from the rows."""
    from itertools import groupby

    from kb.ingest.fingerprints import evaluation_digest, fingerprint, project_digest

    holding = [row[0] for row in conn.execute("SELECT DISTINCT document_id FROM self_evaluations")]
    found = []
    for document_id in holding:
        digests = []
        for _, grouped in groupby(
            conn.execute(
                """SELECT p.id, p.name, i.name, i.level1, i.level2, i.target FROM projects p
                LEFT JOIN indicators i ON i.project_id = p.id WHERE p.document_id = ? ORDER BY p.seq, p.id, i.seq""",
                (document_id,),
            ),
            key=lambda row: row[0],
        ):
            rows = list(grouped)
            digests.append(project_digest(rows[0][1], [row[2:] for row in rows if row[2] is not None]))
        for _, grouped in groupby(
            conn.execute(
                """SELECT e.id, e.name, o.name, o.target, o.actual, o.score_text FROM self_evaluations e
                LEFT JOIN outcomes o ON o.self_evaluation_id = e.id WHERE e.document_id = ?
                ORDER BY e.seq, e.id, o.seq""",
                (document_id,),
            ),
            key=lambda row: row[0],
        ):
            rows = list(grouped)
            digests.append(evaluation_digest(rows[0][1], [row[2:] for row in rows if row[2] is not None]))
        found.append((fingerprint(digests), document_id))
    conn.executemany("UPDATE documents SET fingerprint = ? WHERE id = ?", found)


def _v16(conn: sqlite3.Connection) -> None:
    """What is typed into a row's dialog in the app, kept a moment after each keystroke until it is saved or
    cancelled (kb.drafting.unsaved): a process killed with the dialog open leaves it to be offered back. Not part
    of the draft: no version, no undo."""
    conn.execute(
        """CREATE TABLE draft_unsaved (
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE, row_key TEXT NOT NULL,
            base TEXT NOT NULL, typed TEXT NOT NULL, owner TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (draft_id, row_key, owner))"""
    )


def _v17(conn: sqlite3.Connection) -> None:
    """The unit that carries each project or self-evaluation out (实施单位 …), beside its 主管部门, so that a
    department filter finds it (kb.vocab.departments): read from the head fields stored with it."""
    import json

    from kb.ingest.normalise import implementing_unit

    for table in ("projects", "self_evaluations"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN implementing_unit TEXT")
        rows = conn.execute(f"SELECT id, fields FROM {table} WHERE fields LIKE '%单位%'").fetchall()
        found = [(implementing_unit(json.loads(fields)), row_id) for row_id, fields in rows]
        conn.executemany(f"UPDATE {table} SET implementing_unit = ? WHERE id = ?", [pair for pair in found if pair[0]])


def _v18(conn: sqlite3.Connection) -> None:
    """A draft row's figure the user took as the project's own (`draft_rows.own_target`, the target as it then read:
    kb.drafting.drafts.own_targets), so `precedent-target` is silent for it while the row still reads so."""
    conn.execute("ALTER TABLE draft_rows ADD COLUMN own_target TEXT")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11, _v12, _v13, _v14, _v15, _v16, _v17, _v18,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer jixiao-kb."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION, one transaction per migration; returns the old version.

    Each migration reads the version again inside its write transaction: two processes creating or upgrading one
    base at once apply every migration once, the second finding it done."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            "数据库版本比本程序新，请升级 jixiao-kb "
            f"database schema version {version} is newer than this jixiao-kb supports "
            f"({SCHEMA_VERSION}); upgrade jixiao-kb"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
    return version
