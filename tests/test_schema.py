"""Schema, migrations and opening databases that are not ours, too new, or not SQLite at all."""

import sqlite3

import pytest

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
    width = {t: len(before[t][0]) for t in ("indicators", "projects", "drafts", "draft_rows")}
    assert [r[: width["indicators"]] for r in after["indicators"]] == before["indicators"]  # year, weight … appended
    assert [r[: width["projects"]] for r in after["projects"]] == before["projects"]  # indicator_count, kind … appended
    assert [r[: width["drafts"]] for r in after["drafts"]] == before["drafts"]  # listed_rows appended
    assert {r[0] for r in conn.execute("SELECT kind FROM projects")} == {"project"}
    assert after["indicator_names"] == before["indicator_names"]
    assert [r[: width["draft_rows"]] for r in after["draft_rows"]] == before["draft_rows"]  # row_key … appended (v6)
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
