"""An indicator library of one's own (指标库): a bureau's spreadsheet imported (importers.library), listed, searched,
and matched to a draft's rows by indicator name, so a row shows the library's explanation, formula, scoring and
data source (`draft_rows.library_id`), marked as 指标库 wherever it is shown.

Importing a file again replaces what it gave before; a file that cannot be read, or holds no library table, leaves
the base as it was.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from kb.db import transaction
from kb.errors import KbError
from kb.find.precedents import group_key
from kb.vocab.text import path_text
from kb.vocab.tokens import fold

TEXTS = {  # the texts an entry gives a row, in the order shown, with their labels
    "explanation": "指标解释",
    "formula": "计算公式",
    "scoring": "评（扣）分标准",
    "data_source": "数据来源",
    "basis": "指标值设定依据",
}
_COLUMNS = ("sector", "level1", "level2", "name", *TEXTS, "target", "unit", "kind")


@dataclass
class Imported:
    file: str
    entries: int
    replaced: int  # entries the same file gave before


def import_file(conn: sqlite3.Connection, path: Path) -> Imported:
    """Read a 指标库 spreadsheet and store its entries in one transaction (replacing the file's earlier ones);
    KbError naming the file when it cannot be read or holds no library table."""
    from importers.library import NoLibrary, read_library
    from importers.readers import UnreadableFile

    path = Path(path)
    try:
        found = read_library(path)
    except (UnreadableFile, NoLibrary) as exc:
        raise KbError(f"{path_text(path)}: {exc}") from None
    file = path_text(path.resolve())
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = []
    for e in found:
        values = {c: getattr(e, c) or None for c in _COLUMNS}
        values["target"] = _target(e.target, e.operator) or None
        rows.append((file, e.line, *values.values(), _extra(e.extra), group_key(e.name), now))
    with transaction(conn):
        replaced = conn.execute("DELETE FROM library_entries WHERE file = ?", (file,)).rowcount
        conn.executemany(
            f"""INSERT INTO library_entries (file, line, {", ".join(_COLUMNS)}, extra, name_key, imported_at)
            VALUES ({", ".join("?" * (len(_COLUMNS) + 5))})""",
            rows,
        )
        _relink(conn)
    return Imported(file, len(rows), replaced)


def files(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(file, entries) of each spreadsheet imported, in the order first imported."""
    return conn.execute("SELECT file, count(*) FROM library_entries GROUP BY file ORDER BY min(id)").fetchall()


def remove_file(conn: sqlite3.Connection, path: Path | str) -> tuple[str, int]:
    """Take out the entries a spreadsheet gave, named by its path or its file name alone (when one imported file has
    it): (its file, the entries removed). Draft rows keep the texts they took; their link goes to another entry of
    the same name, or none. KbError naming the imported files when none is that one."""
    path = Path(path)
    known = files(conn)
    wanted = path_text(path.resolve())
    chosen = [f for f, _ in known if f == wanted] or [f for f, _ in known if Path(f).name == path.name]
    if len(chosen) != 1:
        listed = "；".join(f for f, _ in known) or "（指标库是空的 the library is empty）"
        if chosen:
            raise KbError(f"{path_text(path)}: 有几个同名的指标库文件，请给出完整路径 several have that name: {listed}")
        raise KbError(
            f"{path_text(path)}: 不在指标库中 not a file the library was imported from; 已导入 imported: {listed}"
        )
    with transaction(conn):
        removed = conn.execute("DELETE FROM library_entries WHERE file = ?", (chosen[0],)).rowcount
        _relink(conn)
    return chosen[0], removed


def _relink(conn: sqlite3.Connection) -> None:
    """Draft rows whose entry was replaced by a new import: linked to the entry of their name now, if any."""
    stale = conn.execute(
        """SELECT id, name FROM draft_rows WHERE library_id IS NOT NULL
        AND library_id NOT IN (SELECT id FROM library_entries)"""
    ).fetchall()
    conn.executemany("UPDATE draft_rows SET library_id = ? WHERE id = ?", [(for_name(conn, n), i) for i, n in stale])


def _extra(extra: dict) -> str | None:
    return json.dumps(extra, ensure_ascii=False) if extra else None


def _target(value: str, operator: str) -> str:
    """The reference value with its operator when the sheet gives them apart ('≥' and '90%' → '≥90%')."""
    value, operator = (value or "").strip(), (operator or "").strip()
    if operator and value and operator in "≥≤><=±＞＜＝" and not value.startswith(tuple("≥≤><=±＞＜＝")):
        return operator + value
    return value


def entry(conn: sqlite3.Connection, entry_id: int) -> dict:
    """One entry; KbError when there is none."""
    found = conn.execute("SELECT * FROM library_entries WHERE id = ?", (entry_id,)).fetchone()
    if found is None:
        raise KbError(f"指标库中没有条目 #{entry_id} no library entry {entry_id} (see kb library list)")
    return dict(found)


def entries_of(conn: sqlite3.Connection, ids) -> dict[int, dict]:
    """The entries with these ids, by id (a draft's rows' library_id)."""
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r["id"]: dict(r) for r in conn.execute(f"SELECT * FROM library_entries WHERE id IN ({marks})", ids)}


def for_name(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the library entry of this indicator (same name up to punctuation and units), the first imported."""
    found = conn.execute(
        "SELECT id FROM library_entries WHERE name_key = ? ORDER BY id LIMIT 1", (group_key(name),)
    ).fetchone()
    return found[0] if found else None


def list_entries(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """How many entries there are, and `limit` of them in the order imported."""
    total = conn.execute("SELECT count(*) FROM library_entries").fetchone()[0]
    rows = conn.execute("SELECT * FROM library_entries ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
    return total, [dict(r) for r in rows]


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict]:
    """Entries whose name (first) or texts hold the query, the name's exact match first."""
    needle = fold(query or "").strip()
    if not needle:
        return []
    like = f"%{needle.replace('%', '').replace('_', '')}%"
    rows = conn.execute(
        """SELECT *, CASE WHEN name_key = :key THEN 0 WHEN kb_fold(name) LIKE :like THEN 1 ELSE 2 END AS rank
        FROM library_entries
        WHERE name_key = :key OR kb_fold(name) LIKE :like
            OR kb_fold(coalesce(explanation, '') || ' ' || coalesce(level2, '') || ' ' || coalesce(sector, ''))
            LIKE :like
        ORDER BY rank, length(name), id LIMIT :limit""",
        {"key": group_key(query), "like": like, "limit": limit},
    )
    return [dict(r) for r in rows]
