"""A team's published base: a clean snapshot of the knowledge base to serve read-only (kb publish, kb serve).

The snapshot holds the goal tables, outcomes, search tables and indexes; no drafts, no file paths of the
publisher's machine, and none of the contacts some forms carry (填报人, 联系电话 …) unless asked for. It is
VACUUMed into one file (journal_mode DELETE, so it can be copied and served immutable) and carries its own
Datasette metadata in the `publication` table: title, description, source and licence, which documents, regions and
years it holds, when it was built, and configured queries for the common questions.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from kb.errors import KbError
from kb.schema import SCHEMA_VERSION

PUBLICATION = "publication"  # the table of a published base that holds its metadata (one row, key 'metadata')
CONTACT_WORDS = ("联系", "电话", "手机", "邮箱", "电子信箱", "填报人", "填表人", "经办人", "负责人", "审核人", "法人")
HIDDEN_TABLES = (PUBLICATION, "drafts", "draft_rows", "draft_versions", "draft_unsaved")

QUERIES = {
    "precedents": {
        "title": "指标先例 Precedents of an indicator",
        "description": "含该名称（任意片段，忽略全半角与大小写）的指标：项目、地区、年度、指标值",
        "sql": """SELECT i.name AS 指标, i.target AS 指标值, p.region AS 地区, p.year AS 年度, p.name AS 项目,
  p.id AS project_id FROM indicators i JOIN projects p ON p.id = i.project_id
WHERE i.name_id IN (SELECT id FROM indicator_names WHERE instr(kb_fold(name), kb_fold(:name)) > 0)
ORDER BY i.year DESC, i.id LIMIT 500""",
    },
    "value_distribution": {
        "title": "指标值分布 Value distribution of an indicator",
        "description": "同名指标选了哪些目标值、各多少次",
        "sql": """SELECT i.operator AS 运算符, i.value AS 数值, i.unit AS 单位, coalesce(i.target, '') AS 指标值,
  count(*) AS 次数 FROM indicators i JOIN indicator_names n ON n.id = i.name_id WHERE n.name = :name
GROUP BY 1, 2, 3, 4 ORDER BY 次数 DESC""",
    },
    "region_projects": {
        "title": "某地区的项目 A region's projects",
        "description": "地区名称的任一片段，如 宁波",
        "sql": """SELECT id, name AS 项目, department AS 部门, region AS 地区, year AS 年度, amount_wan AS 万元,
  indicator_count AS 指标数 FROM projects WHERE kind = 'project' AND instr(region, :region) > 0
ORDER BY year DESC, id LIMIT 1000""",
    },
    "outcome_rates": {
        "title": "自评完成率 Outcome rates (self-reported)",
        "description": "自评表中各指标名称的评价数与完成数（自评，单位自报）",
        "sql": """SELECT name AS 指标, count(*) AS 评价数, sum(met = 1) AS 完成, sum(met = 0) AS 未完成,
  round(100.0 * sum(met = 1) / count(*), 1) AS 完成率 FROM outcomes GROUP BY name_key
ORDER BY 评价数 DESC LIMIT 500""",
    },
}


def is_contact(label: str) -> bool:
    """Whether a form field names a person or how to reach one (填报人, 联系电话, 项目负责人 …)."""
    return any(word in label for word in CONTACT_WORDS)


def _strip_contacts(conn: sqlite3.Connection, table: str) -> int:
    """Remove contact fields from `table`.fields (JSON objects); returns how many fields were removed."""
    removed, updates = 0, []
    for row_id, fields in conn.execute(f"SELECT id, fields FROM {table} WHERE fields IS NOT NULL"):
        try:
            data = json.loads(fields)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        kept = {key: value for key, value in data.items() if not is_contact(key)}
        if len(kept) != len(data):
            removed += len(data) - len(kept)
            updates.append((json.dumps(kept, ensure_ascii=False), row_id))
    conn.executemany(f"UPDATE {table} SET fields = ? WHERE id = ?", updates)
    return removed


def publication_metadata(conn: sqlite3.Connection, built_at: str, title: str, source: str, licence: str) -> dict:
    """The Datasette metadata of a published base (without its database name: kb serve adds it)."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    regions = [r[0] for r in conn.execute("SELECT DISTINCT region FROM projects WHERE region IS NOT NULL ORDER BY 1")]
    years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM projects WHERE year IS NOT NULL ORDER BY 1")]
    documents = one("SELECT count(*) FROM documents")
    projects = one("SELECT count(*) FROM projects WHERE kind = 'project'")
    indicators = one("SELECT count(*) FROM indicators")
    description = (
        f"各地公开的项目支出绩效目标表：{documents} 份文件、{projects} 个项目、{indicators} 条指标；"
        f"地区 {len(regions)} 个，年度 {'、'.join(map(str, years)) or '未注明'}；生成于 {built_at}。"
    )
    return {
        "title": title,
        "description": description,
        "source": source,
        "license": licence,
        "built_at": built_at,
        "schema": SCHEMA_VERSION,
        "documents": [r[0] for r in conn.execute("SELECT file_name FROM documents ORDER BY id")],
        "regions": regions,
        "years": years,
        "counts": {"documents": documents, "projects": projects, "indicators": indicators},
        "queries": QUERIES,
        "tables": {name: {"hidden": True} for name in HIDDEN_TABLES},
    }


def publish(
    conn: sqlite3.Connection,
    out: Path,
    *,
    keep_contacts: bool = False,
    title: str = "绩效目标知识库 jixiao-kb",
    source: str = "各地财政部门公开的预算绩效目标表 published budget performance goal tables",
    licence: str = "",
) -> dict:
    """Write the published snapshot of the base open on `conn` to `out` (replaced atomically when the copy is
    complete; a half-written file never takes its place). Returns its metadata."""
    out = Path(out)
    if out.is_dir():
        raise KbError(f"{out}: 是文件夹，请给出文件名 is a folder: give a file name such as team.db")
    if not out.parent.is_dir():
        raise KbError(f"{out.parent}: 没有这个文件夹 no such folder")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            metadata = _clean(copy, keep_contacts, title, source, licence)
            copy.execute("VACUUM")
        finally:
            copy.close()
        partial.replace(out)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise KbError(f"{out}: 发布失败 publishing failed: {exc}") from exc
    return metadata


def _clean(copy: sqlite3.Connection, keep_contacts: bool, title: str, source: str, licence: str) -> dict:
    """Drafts out (with every table of theirs), file paths reduced to names, contacts out (unless kept), metadata
    in: one transaction."""
    built_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    copy.execute("PRAGMA foreign_keys = ON")  # (outside the transaction, or it does nothing)
    copy.execute("BEGIN")
    copy.execute("DELETE FROM drafts")  # with their rows, versions and unsaved typing (ON DELETE CASCADE)
    copy.execute("UPDATE documents SET path = file_name")
    if not keep_contacts:
        _strip_contacts(copy, "projects")
        _strip_contacts(copy, "self_evaluations")
    metadata = publication_metadata(copy, built_at, title, source, licence)
    metadata["contacts"] = "kept" if keep_contacts else "removed"
    copy.execute(f"DROP TABLE IF EXISTS {PUBLICATION}")
    copy.execute(f"CREATE TABLE {PUBLICATION} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    copy.execute(f"INSERT INTO {PUBLICATION} VALUES ('metadata', ?)", (json.dumps(metadata, ensure_ascii=False),))
    copy.execute("COMMIT")
    return metadata


def open_published(path: Path) -> tuple[sqlite3.Connection, dict | None]:
    """Open a base to serve, read-only: (connection, its publication metadata or None for a base never published).
    KbError, in one line, for a file that is not a jixiao-kb base or whose schema is not this version's."""
    from kb.db import connect

    path = Path(path)
    if not path.is_file():
        raise KbError(f"{path}: 没有这个文件 no such file")
    conn = connect(path, create=False, readonly=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise KbError(f"{path}: 不是 SQLite 数据库或已损坏 not a SQLite database, or a damaged one") from exc
    if version == 0 or not {"documents", "projects", "indicators", "indicator_names"} <= tables:
        conn.close()
        raise KbError(f"{path}: 不是 jixiao-kb 知识库 a SQLite database, but not a jixiao-kb knowledge base")
    if version < SCHEMA_VERSION:
        conn.close()
        raise KbError(
            f"{path}: 由旧版 jixiao-kb 生成（schema {version}，本版为 {SCHEMA_VERSION}），请用本版重新 kb publish "
            f"made by an older jixiao-kb: publish it again with this version"
        )
    metadata = None
    if PUBLICATION in tables:
        row = conn.execute(f"SELECT value FROM {PUBLICATION} WHERE key = 'metadata'").fetchone()
        metadata = json.loads(row[0]) if row else None
    return conn, metadata
