"""Backups, restores and consistency checks of the knowledge base."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kb.errors import KbError
from kb.ingest import totals


def backup(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the live database to `target` with SQLite's online backup API (safe while others write)."""
    target = Path(target)
    if target.is_dir():
        target = target / "kb-backup.sqlite3"
    if not target.parent.is_dir():
        raise KbError(f"{target.parent}: 没有这个文件夹 no such folder")
    if target.exists():
        raise KbError(f"{target}: 已存在，请换个名称或先删除 already exists (choose another name or remove it first)")
    partial = target.with_name(target.name + ".partial")
    try:
        out = sqlite3.connect(partial)
        with out:
            conn.backup(out)
        out.execute("PRAGMA journal_mode = DELETE")
        out.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise KbError(f"{target}: 备份失败 backup failed: {exc}") from exc
    return target


def restore(source: Path, db_path: Path) -> None:
    """Replace the database at `db_path` with the backup `source`, after checking the backup is sound.

    The current database is first kept beside it as `<name>.before-restore`.
    """
    from kb.db import connect

    source, db_path = Path(source), Path(db_path)
    if not source.is_file():
        raise KbError(f"{source}: 没有这个备份文件 no such backup file")
    if source.stat().st_size == 0:
        raise KbError(f"{source}: 未恢复：备份文件是空的 not restored, the backup is an empty file (0 bytes)")
    probe = connect(source, create=False, readonly=True)
    try:
        if probe.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise KbError(f"{source}: 未恢复：不是知识库备份 not restored, a SQLite file but not a jixiao-kb backup")
        problems = check(probe)
    finally:
        probe.close()
    if problems and problems[0].startswith("integrity"):
        raise KbError(f"{source}: 未恢复：备份已损坏 not restored, the backup is damaged: {problems[0]}")
    if db_path.exists():
        keep = db_path.with_name(db_path.name + ".before-restore")
        current = connect(db_path)
        try:
            keep.unlink(missing_ok=True)
            backup(current, keep)
        finally:
            current.close()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(db_path)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    advice: str = ""


def run_checks(conn: sqlite3.Connection) -> list[Check]:
    """SQLite's integrity check, then the knowledge base's own consistency rules."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    checks = [
        Check(
            "integrity",
            integrity == ["ok"],
            "; ".join(integrity[:3]),
            "restore the latest backup (kb restore FILE), or re-import your documents into a new database",
        )
    ]
    rules = [
        (
            "indicators have a project",
            "SELECT count(*) FROM indicators WHERE project_id NOT IN (SELECT id FROM projects)",
        ),
        (
            "projects have a document",
            "SELECT count(*) FROM projects WHERE document_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "indicators have a name",
            "SELECT count(*) FROM indicators WHERE name_id NOT IN (SELECT id FROM indicator_names)",
        ),
        (
            "name use counts match",
            """SELECT count(*) FROM indicator_names n WHERE uses !=
            (SELECT count(*) FROM indicators i WHERE i.name_id = n.id)""",
        ),
        (
            "indicators carry their project's year",
            """SELECT count(*) FROM indicators i JOIN projects p
            ON p.id = i.project_id WHERE i.year IS NOT p.year""",
        ),
        (
            "project indicator counts match",
            """SELECT count(*) FROM projects p WHERE indicator_count !=
            (SELECT count(*) FROM indicators i WHERE i.project_id = p.id)""",
        ),
        (
            "documents with indicators carry a fingerprint",
            """SELECT count(*) FROM documents d WHERE fingerprint
            IS NULL AND EXISTS (SELECT 1 FROM projects p WHERE p.document_id = d.id AND p.indicator_count > 0)""",
        ),
        (
            "every name is in the search index",
            "SELECT (SELECT count(*) FROM indicator_names) - (SELECT count(*) FROM names_fts)",
        ),
        (
            "every project is in the search index",
            "SELECT (SELECT count(*) FROM projects) - (SELECT count(*) FROM projects_fts)",
        ),
        (
            "every project name is in the search index",
            "SELECT (SELECT count(*) FROM projects) - (SELECT count(*) FROM project_names_fts)",
        ),
    ]
    for name, sql in rules + totals.checks():
        bad = one(sql)
        checks.append(
            Check(
                name,
                bad == 0,
                f"{bad} inconsistent" if bad else "ok",
                "re-import the affected documents (kb import PATH), or restore a backup",
            )
        )
    return checks


def check(conn: sqlite3.Connection) -> list[str]:
    """One line per failed check (empty when everything is consistent)."""
    return [f"{c.name}: {c.detail} — {c.advice}" for c in run_checks(conn) if not c.ok]
