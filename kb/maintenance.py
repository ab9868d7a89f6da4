"""Backups, restores and consistency checks of the knowledge base."""

from __future__ import annotations

import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kb.errors import KbError
from kb.ingest.reading import reading_version
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
    """One of kb check's rules: `name` its stable key (--json), `title` what it says in Chinese; a notice (`notice`)
    is something to do, not an inconsistency, and does not fail the check."""

    name: str
    title: str
    ok: bool
    detail: str
    advice: str = ""
    notice: bool = False


_REIMPORT = "重新导入受影响的文件（kb import 路径），或恢复备份 re-import the affected documents, or restore a backup"

_RULES = [
    (
        "indicators have a project",
        "每个指标属于一个项目",
        "SELECT count(*) FROM indicators WHERE project_id NOT IN (SELECT id FROM projects)",
    ),
    (
        "projects have a document",
        "每个项目来自一个文件",
        "SELECT count(*) FROM projects WHERE document_id NOT IN (SELECT id FROM documents)",
    ),
    (
        "indicators have a name",
        "每个指标有名称",
        "SELECT count(*) FROM indicators WHERE name_id NOT IN (SELECT id FROM indicator_names)",
    ),
    (
        "name use counts match",
        "各指标名称的使用次数",
        """SELECT count(*) FROM indicator_names n WHERE uses !=
        (SELECT count(*) FROM indicators i WHERE i.name_id = n.id)""",
    ),
    (
        "indicators carry their project's year",
        "指标的年度与项目一致",
        """SELECT count(*) FROM indicators i JOIN projects p
        ON p.id = i.project_id WHERE i.year IS NOT p.year""",
    ),
    (
        "project indicator counts match",
        "各项目的指标数",
        """SELECT count(*) FROM projects p WHERE indicator_count !=
        (SELECT count(*) FROM indicators i WHERE i.project_id = p.id)""",
    ),
    (
        "documents with indicators carry a fingerprint",
        "有指标的文件都有内容指纹",
        """SELECT count(*) FROM documents d WHERE fingerprint
        IS NULL AND EXISTS (SELECT 1 FROM projects p WHERE p.document_id = d.id AND p.indicator_count > 0)""",
    ),
    (
        "every name is in the search index",
        "每个指标名称都在检索索引中",
        "SELECT (SELECT count(*) FROM indicator_names) - (SELECT count(*) FROM names_fts)",
    ),
    (
        "every project is in the search index",
        "每个项目都在检索索引中",
        "SELECT (SELECT count(*) FROM projects) - (SELECT count(*) FROM projects_fts)",
    ),
    (
        "every project name is in the search index",
        "每个项目名称都在检索索引中",
        "SELECT (SELECT count(*) FROM projects) - (SELECT count(*) FROM project_names_fts)",
    ),
]


def run_checks(conn: sqlite3.Connection) -> list[Check]:
    """SQLite's integrity check, the knowledge base's own consistency rules, then a notice of the documents an
    earlier version of the importers read."""
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    checks = [
        Check(
            "integrity",
            "数据库完整",
            integrity == ["ok"],
            "; ".join(integrity[:3]),
            "恢复最近的备份（kb restore 文件），或把文件重新导入一个新的知识库"
            " restore the latest backup, or re-import your documents into a new database",
        )
    ]
    for name, title, sql in _RULES + totals.checks():
        bad = conn.execute(sql).fetchone()[0]
        checks.append(Check(name, title, bad == 0, f"{bad} 处不一致 inconsistent" if bad else "ok", _REIMPORT))
    return checks + [_read_by_earlier_version(conn)]


def _read_by_earlier_version(conn: sqlite3.Connection) -> Check:
    """The documents an earlier version of the importers read: importing them again reads them anew (the readers
    improve between versions)."""
    rows = conn.execute(
        "SELECT file_name, path FROM documents WHERE reader IS NOT ? ORDER BY path", (reading_version(),)
    ).fetchall()
    named = "、".join(row[0] for row in rows[:3]) + (" 等" if len(rows) > 3 else "")
    folders = list(dict.fromkeys(str(Path(row[1]).parent) for row in rows if row[1]))
    where = " ".join(shlex.quote(f) for f in folders[:3]) + (" …" if len(folders) > 3 else "")
    return Check(
        "documents read by these importers",
        "文件由当前版本的导入程序读取",
        not rows,
        f"{len(rows)} 个文件由旧版读取（导入程序或规范化已更新） read by an earlier version: {named}" if rows else "ok",
        f"再次导入即按新版重新读取 import them again to read them anew: kb import {where or '文件所在的文件夹'}",
        notice=True,
    )


def check(conn: sqlite3.Connection) -> list[str]:
    """One line per failed check (empty when everything is consistent; notices are not failures)."""
    return [f"{c.name}: {c.detail} — {c.advice}" for c in run_checks(conn) if not c.ok and not c.notice]
