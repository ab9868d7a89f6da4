"""Schema, migrations and opening databases that are not ours, too new, or not SQLite at all."""

import sqlite3

import pytest
import sqlite_utils

from kb import schema as schema_module
from kb.db import connect
from kb.errors import KbError
from kb.schema import MIGRATIONS, SCHEMA_VERSION


def test_new_database_is_current_with_wal_and_foreign_keys(db_path):
    conn = connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "documents",
        "projects",
        "indicators",
        "indicator_names",
        "evaluation_items",
        "budget_lines",
        "names_fts",
        "projects_fts",
    } <= tables


def test_search_indexes_write_their_new_entries_in_large_segments(db_path):
    """FTS5 keeps up to FTS_PENDING_BYTES of new entries in memory (its 'hashsize'), so an import of long texts
    writes few segments to merge again; the setting is stored in the base, for every process that writes it."""
    connect(db_path).close()
    conn = sqlite3.connect(db_path)
    for table in ("names_fts", "projects_fts", "project_names_fts"):
        sql = f"SELECT v FROM {table}_config WHERE k = 'hashsize'"
        assert conn.execute(sql).fetchone()[0] == schema_module.FTS_PENDING_BYTES


def test_reopening_keeps_everything(db_path):
    from conftest import make_document, store

    conn = connect(db_path)
    store(conn, make_document({"甲": [("满意度", "≥90%")]}))
    conn.close()
    conn = connect(db_path)
    assert conn.execute("SELECT count(*) FROM indicators").fetchone()[0] == 1


def test_older_version_is_migrated_without_loss(db_path, monkeypatch):
    """A database at version N-1 gains migration N and keeps its rows."""
    from kb import schema

    conn = connect(db_path)
    conn.execute("CREATE TABLE keep (x)")
    conn.execute("INSERT INTO keep VALUES (42)")
    conn.close()
    added = lambda c: c.execute("CREATE TABLE added_later (y)")  # noqa: E731
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [added])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    monkeypatch.setattr("kb.db.SCHEMA_VERSION", len(schema.MIGRATIONS))
    conn = connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT x FROM keep").fetchone()[0] == 42
    conn.execute("SELECT * FROM added_later")


def test_newer_version_is_refused_untouched(db_path):
    connect(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(KbError, match="newer jixiao-kb"):
        connect(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("content", [b"hello, not a database\n" * 10, b"\x00\x01\x02" * 100])
def test_not_sqlite_is_refused_untouched(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(KbError, match="not a SQLite database"):
        connect(db_path)
    assert db_path.read_bytes() == content


def test_foreign_sqlite_is_refused(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE recipes (x)")
    raw.close()
    with pytest.raises(KbError, match="not a jixiao-kb"):
        connect(db_path)


def test_directory_is_refused(tmp_path):
    with pytest.raises(KbError, match="directory"):
        connect(tmp_path)


def test_v3_gives_indicators_their_project_year_and_projects_their_count(tmp_path):
    """The v2 fixture (the seeds and a draft, written by the v2 release) keeps every row and gains the v3
    columns, filled from what it holds."""
    import shutil
    from pathlib import Path

    db = tmp_path / "v2.sqlite3"
    shutil.copy(Path(__file__).parent / "fixtures" / "schemas" / "v2.sqlite3", db)
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
    dump = lambda c, t: c.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()  # noqa: E731
    tables = ("documents", "projects", "indicators", "indicator_names", "drafts", "draft_rows")
    before = {t: dump(raw, t) for t in tables}
    raw.close()
    conn = connect(db)
    conn.row_factory = None
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    after = {t: dump(conn, t) for t in tables}
    width = {t: len(before[t][0]) for t in ("indicators", "projects", "indicator_names", "drafts", "draft_rows")}
    assert [r[: width["indicators"]] for r in after["indicators"]] == before["indicators"]  # year, weight … appended
    assert [r[: width["projects"]] for r in after["projects"]] == before["projects"]  # indicator_count, kind … appended
    assert [r[: width["drafts"]] for r in after["drafts"]] == before["drafts"]  # listed_rows appended
    assert {r[0] for r in conn.execute("SELECT kind FROM projects")} == {"project"}
    assert [r[: width["indicator_names"]] for r in after["indicator_names"]] == before["indicator_names"]  # projects
    assert [r[: width["draft_rows"]] for r in after["draft_rows"]] == before["draft_rows"]  # 指标解释 … (v6) appended
    assert {r[width["draft_rows"] : width["draft_rows"] + 6] for r in after["draft_rows"]} == {(None,) * 6}
    assert (
        conn.execute("""SELECT count(*) FROM indicators i JOIN projects p ON p.id = i.project_id
        WHERE i.year IS NOT p.year""").fetchone()[0]
        == 0
    )
    assert conn.execute("SELECT count(*) FROM indicators WHERE year IS NOT NULL").fetchone()[0] > 0
    counts = dict(conn.execute("SELECT project_id, count(*) FROM indicators GROUP BY project_id"))
    assert dict(conn.execute("SELECT id, indicator_count FROM projects")) == {
        pid: counts.get(pid, 0) for (pid,) in conn.execute("SELECT id FROM projects")
    }
    assert sum(counts.values()) == 295
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_indicators_name_year", "idx_projects_kind_region_department_year"} <= indexes
    assert "idx_indicators_name_id" not in indexes


def test_storing_fills_indicator_years_and_project_counts(conn):
    from conftest import make_document, store

    store(conn, make_document({"甲": [("满意度", "≥90%"), ("及时率", "=100%")], "乙": []}), "a.txt", year=2022)
    store(conn, make_document({"丙": [("满意度", "≥95%")]}), "b.txt", year=None)
    assert [tuple(r) for r in conn.execute("SELECT name, indicator_count FROM projects ORDER BY id")] == [
        ("甲", 2),
        ("乙", 0),
        ("丙", 1),
    ]
    assert [r[0] for r in conn.execute("SELECT year FROM indicators ORDER BY id")] == [2022, 2022, None]


def _v1_as_sqlite_utils_built_it(conn: sqlite3.Connection) -> None:
    """Migration v1 as released: sqlite-utils' table DSL (the reference the literal SQL must equal)."""
    db = sqlite_utils.Database(conn)
    text, number, real = str, int, float
    db["documents"].create(
        {"id": number, "file_name": text, "path": text, "sha256": text, "layout": text, "title": text}
        | {"region": text, "region_source": text, "year": number, "year_source": text, "department": text}
        | {"department_source": text, "published": text, "imported_at": text, "warnings": text},
        pk="id",
        not_null={"file_name", "sha256", "layout", "imported_at"},
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["documents"].create_index(["path"])
    db["projects"].create(
        {"id": number, "document_id": number, "seq": number, "name": text, "department": text, "region": text}
        | {"year": number, "amount_wan": real, "amount_text": text, "amount_unit_source": text, "total_wan": real}
        | {"total_text": text, "period": text, "overview": text, "goal": text, "fields": text, "extra": text},
        pk="id",
        not_null={"document_id", "name"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["indicator_names"].create(
        {"id": number, "name": text, "pinyin": text, "initials": text, "uses": number},
        pk="id",
        not_null={"name"},
        defaults={"uses": 0},
    )
    db["indicator_names"].create_index(["name"], unique=True)
    db["indicators"].create(
        {"id": number, "project_id": number, "seq": number, "name_id": number, "level1": text, "level2": text}
        | {"std_level1": text, "std_level2": text, "level_inferred": number, "name": text, "operator": text}
        | {"value": real, "unit": text, "target": text, "period_target": text, "period_operator": text}
        | {"period_value": real, "period_unit": text, "from_prose": number},
        pk="id",
        not_null={"project_id", "name_id", "name"},
        foreign_keys=[("project_id", "projects", "id"), ("name_id", "indicator_names", "id")],
    )
    db["evaluation_items"].create(
        {"id": number, "project_id": number, "seq": number, "level1": text, "level2": text, "name": text}
        | {"weight": real, "weight_text": text, "criteria": text, "source": text},
        pk="id",
        not_null={"project_id", "name"},
        foreign_keys=[("project_id", "projects", "id")],
    )
    db["budget_lines"].create(
        {"id": number, "project_id": number, "seq": number, "item": text, "amount_wan": real}
        | {"amount_text": text, "basis": text},
        pk="id",
        not_null={"project_id", "item"},
        foreign_keys=[("project_id", "projects", "id")],
    )
    for table, column in [
        ("projects", "document_id"),
        ("indicators", "project_id"),
        ("indicators", "name_id"),
        ("evaluation_items", "project_id"),
        ("budget_lines", "project_id"),
    ]:
        db[table].create_index([column])
    db["projects"].create_index(["region", "year"])
    conn.execute("CREATE VIRTUAL TABLE names_fts USING fts5(tokens)")
    conn.execute("CREATE VIRTUAL TABLE projects_fts USING fts5(name, overview, goal)")


def test_v1_as_literal_sql_is_the_schema_released_bases_hold():
    """Migration v1 is literal SQL now (sqlite-utils' DSL was its only use at run time); a base created by either
    holds the same tables, columns, indexes and index names (v3 drops one by the name sqlite-utils gave it)."""

    def schema(build) -> list[tuple]:
        conn = sqlite3.connect(":memory:")
        build(conn)
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()

    assert schema(schema_module._v1) == schema(_v1_as_sqlite_utils_built_it)
