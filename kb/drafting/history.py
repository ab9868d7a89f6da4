"""A draft's history: every version kept whole, what changed between two, and undo.

Each change to a draft (kb.drafting.drafts) stores the draft as it is after the change (`record`): its columns and
its rows, by column name, so fields added to drafts later are kept and restored too. What a version changed is
computed by comparing it with the one before (`differences`), rows matched by their stable key (`a3`). Undo writes
an earlier version back as a new version, so an undo can itself be undone.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from kb.errors import KbError
from kb.find.precedents import normal_target

# draft columns that are not the draft's content: never restored by an undo
_NOT_CONTENT = frozenset(("id", "version", "created_at", "updated_at", "listed_rows", "row_keys", "source"))
_TARGET = ("operator", "value", "unit", "text")
_NOT_SHOWN = frozenset(("id", "seq", "row_key", "sources", "library_id"))  # rows: not worth a line of their own
HEAD_LABELS = {
    "name": "名称",
    "department": "部门",
    "region": "地区",
    "year": "年度",
    "amount_wan": "项目资金（万元）",
    "period": "实施期限",
    "spending_type": "支出类型",
    "overview": "项目概况",
    "goal": "年度绩效目标",
}
ROW_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "指标值",
    "basis": "依据",
    "weight": "分值",
    "own_target": "定为本项目的值",
}
_LONG = 24  # characters of a changed text shown
TYPING_PAUSE = 120  # seconds: versions of one field changed this close together are one run of typing (each pause
# while typing in the app saves a version)


def row_key(n: int) -> str:
    """The n-th key a draft gives its rows: 'a1', 'a2' … (a letter, so it is never taken for a row number)."""
    return f"a{n}"


def _columns(cursor: sqlite3.Cursor) -> list[str]:
    return [c[0] for c in cursor.description]


def state(conn: sqlite3.Connection, draft_id: int) -> dict:
    """The draft as stored now: {'head': {column: value}, 'rows': [{column: value}, …]} (rows in order)."""
    cursor = conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,))
    head = dict(zip(_columns(cursor), cursor.fetchone()))
    cursor = conn.execute("SELECT * FROM draft_rows WHERE draft_id = ? ORDER BY seq, id", (draft_id,))
    names = _columns(cursor)
    rows = [{k: v for k, v in zip(names, r) if k != "draft_id"} for r in cursor.fetchall()]
    return {"head": {k: v for k, v in head.items() if k not in _NOT_CONTENT}, "rows": rows}


def record(
    conn: sqlite3.Connection,
    draft_id: int,
    note: str | None = None,
    restores: int | None = None,
    number: int | None = None,
    at: str | None = None,
    now: str | None = None,
) -> None:
    """Keep the draft as it is now (`now`, its state_text, when already made) as its current version (inside the
    change's transaction)."""
    if number is None:
        number = conn.execute("SELECT version FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
    conn.execute(
        "INSERT OR REPLACE INTO draft_versions (draft_id, number, at, note, restores, state) VALUES (?, ?, ?, ?, ?, ?)",
        (
            draft_id,
            number,
            at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            note,
            restores,
            now if now is not None else state_text(conn, draft_id),
        ),
    )


def state_text(conn: sqlite3.Connection, draft_id: int) -> str:
    """The draft as stored now, as a version keeps it."""
    return json.dumps(state(conn, draft_id), ensure_ascii=False)


def same_as_kept(conn: sqlite3.Connection, draft_id: int, number: int, now: str) -> bool:
    """Whether the draft holds now (`now`, its state_text) what its version `number` kept: a change that changed
    nothing."""
    found = conn.execute(
        "SELECT state FROM draft_versions WHERE draft_id = ? AND number = ?", (draft_id, number)
    ).fetchone()
    return found is not None and found[0] == now


def stored(conn: sqlite3.Connection, draft_id: int, number: int) -> dict:
    """Version `number` of the draft as it was kept; KbError when it was not."""
    found = conn.execute(
        "SELECT state FROM draft_versions WHERE draft_id = ? AND number = ?", (draft_id, number)
    ).fetchone()
    if found is None:
        raise KbError(f"草稿没有第 {number} 版的记录 no record of version {number} (see kb draft history)")
    return json.loads(found[0])


def _text(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, float):
        from kb.vocab.numbers import number

        return number(value)
    text = " ".join(str(value).split())
    return text if len(text) <= _LONG else text[: _LONG - 1] + "…"


def _target(row: dict) -> str:
    return normal_target(row.get("operator"), row.get("value"), row.get("unit"), row.get("text")) or ""


def _row_changes(before: dict, after: dict) -> list[str]:
    parts = []
    if any(before.get(k) != after.get(k) for k in _TARGET):
        parts.append(f"指标值 {_text(_target(before))} → {_text(_target(after))}")
    for column in dict.fromkeys([*before, *after]):
        if column in _NOT_SHOWN or column in _TARGET or before.get(column) == after.get(column):
            continue
        label = _label(column, row=True)
        parts.append(f"{label} {_text(before.get(column))} → {_text(after.get(column))}")
    if bool(before.get("library_id")) != bool(after.get("library_id")):  # not a new import of the same entry
        parts.append("指标库条目 " + ("已关联" if after.get("library_id") else "已取消关联"))
    return parts


def _label(column: str, row: bool = False) -> str:
    """A column as the form labels it ('period_goal' → 实施期目标, 'scoring' → 评（扣）分标准)."""
    from kb.drafting.drafts import HEAD_FIELDS, ROW_TEXT_FIELDS  # drafts imports this module

    if row:
        return ROW_LABELS.get(column) or ROW_TEXT_FIELDS.get(column, column)
    return HEAD_LABELS.get(column) or HEAD_FIELDS.get(column, (column,))[0]


def _row_id(row: dict) -> str:
    return row.get("row_key") or f"id{row.get('id')}"


def differences(before: dict, after: dict) -> list[str]:
    """What changed from one kept version to another, one line each, in Chinese: head fields, then rows added,
    removed and changed (matched by their key; a row that only moved is not a change)."""
    lines = []
    head_before, head_after = before["head"], after["head"]
    for column in dict.fromkeys([*head_before, *head_after]):
        if head_before.get(column) != head_after.get(column):
            label = _label(column)
            lines.append(f"{label}：{_text(head_before.get(column))} → {_text(head_after.get(column))}")
    old = {_row_id(r): r for r in before["rows"]}
    new = {_row_id(r): r for r in after["rows"]}
    for key, row in new.items():
        if key not in old:
            lines.append(f"新增 {key} {row['name']} {_target(row)}".rstrip())
    for key, row in old.items():
        if key not in new:
            lines.append(f"删除 {key} {row['name']} {_target(row)}".rstrip())
    for key, row in new.items():
        if key in old and (parts := _row_changes(old[key], row)):
            lines.append(f"修改 {key} {row['name']}：{'；'.join(parts)}")
    return lines


@dataclass
class Version:
    number: int
    at: str  # UTC, ISO 8601
    note: str | None  # what made it when not an ordinary change: 新建, 复制自 …, 撤销到第 N 版
    restores: int | None  # an undo: the version whose content it wrote back
    changes: list[str]  # from the version kept before it
    first: int | None = None  # folded: the first of the versions this one stands for (one field typed in)


def versions(conn: sqlite3.Connection, draft_id: int, fold: bool = False) -> list[Version]:
    """The draft's kept versions, oldest first, each with what it changed. `fold`: a run of versions that each
    changed the same one head field, each within TYPING_PAUSE of the one before (typing, saved at each pause), is
    one version, the last, with what the run changed and the number of its first."""
    out: list[Version] = []
    before: dict | None = None
    run_start: dict | None = None  # the state before the last version listed
    for number, at, note, restores, text in conn.execute(
        "SELECT number, at, note, restores, state FROM draft_versions WHERE draft_id = ? ORDER BY number",
        (draft_id,),
    ):
        after = json.loads(text)
        last = out[-1] if out else None
        if fold and last and before and run_start and _typed_on(last, note, restores, at, run_start, before, after):
            out[-1] = Version(number, at, None, None, differences(run_start, after), last.first or last.number)
        else:
            out.append(Version(number, at, note, restores, differences(before, after) if before else []))
            run_start = before
        before = after
    return out


def _typed_on(last: Version, note, restores, at: str, run_start: dict, before: dict, after: dict) -> bool:
    """Whether a version goes on typing in the one head field the last version listed changed."""
    if note or restores or last.note or last.restores or not run_start["rows"] == before["rows"] == after["rows"]:
        return False
    if (datetime.fromisoformat(at) - datetime.fromisoformat(last.at)).total_seconds() > TYPING_PAUSE:
        return False
    field = _one_field(before["head"], after["head"])
    return field is not None and field == _one_field(run_start["head"], before["head"])


def _one_field(before: dict, after: dict) -> str | None:
    """The one head field that differs between two heads, else None."""
    changed = [column for column in dict.fromkeys([*before, *after]) if before.get(column) != after.get(column)]
    return changed[0] if len(changed) == 1 else None


def _base(conn: sqlite3.Connection, draft_id: int, number: int) -> int:
    """The version whose content `number` holds: what it restored for an undo, else itself."""
    found = conn.execute(
        "SELECT restores FROM draft_versions WHERE draft_id = ? AND number = ?", (draft_id, number)
    ).fetchone()
    return found[0] if found and found[0] else number


def _write_back(conn: sqlite3.Connection, draft_id: int, kept: dict) -> None:
    """Make the draft's content that of a kept version: head columns it has, its rows (with their ids and keys)."""
    columns = set(_columns(conn.execute("SELECT * FROM drafts LIMIT 0")))
    head = {k: v for k, v in kept["head"].items() if k in columns and k not in _NOT_CONTENT}
    if (
        "name" in head
        and conn.execute("SELECT 1 FROM drafts WHERE name = ? AND id != ?", (head["name"], draft_id)).fetchone()
    ):
        raise KbError(
            f"另一个草稿已叫 {head['name']!r}，无法恢复此名称 another draft has the name this version had: rename "
            "that one first"
        )
    if head:
        conn.execute(
            f"UPDATE drafts SET {', '.join(f'{k} = ?' for k in head)} WHERE id = ?", (*head.values(), draft_id)
        )
    row_columns = set(_columns(conn.execute("SELECT * FROM draft_rows LIMIT 0")))
    conn.execute("DELETE FROM draft_rows WHERE draft_id = ?", (draft_id,))
    for row in kept["rows"]:
        values = {k: v for k, v in row.items() if k in row_columns}
        if conn.execute("SELECT 1 FROM draft_rows WHERE id = ?", (values.get("id"),)).fetchone():
            values.pop("id")  # the id was given to another draft's row since
        values["draft_id"] = draft_id
        conn.execute(
            f"INSERT INTO draft_rows ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )


@dataclass
class Undone:
    draft: object  # kb.drafting.drafts.Draft, as it is now
    restored: int  # the version whose content was written back
    changes: list[str]  # what this write changed (for a redo: the change made again)
    undone: list[str]  # the change(s) taken back, as they were made: 'what was undone'


def undo(conn: sqlite3.Connection, key: int | str, to: int | None = None, version: int | None = None) -> Undone:
    """Write an earlier version back as a new version: by default the one before the current content (a second undo
    goes back further), else version `to`. KbError when there is nothing to go back to; StaleDraft when `version` is
    given and the draft changed since."""
    from kb.drafting.drafts import _change, open_draft

    with _change(conn, key, version) as change:
        current = conn.execute("SELECT version FROM drafts WHERE id = ?", (change.id,)).fetchone()[0]
        target = _base(conn, change.id, current) - 1 if to is None else to
        first = conn.execute(  # (a duplicate's version 0 is last year's table, to compare with: kb.drafting.drafts)
            "SELECT min(number) FROM draft_versions WHERE draft_id = ? AND number > 0", (change.id,)
        ).fetchone()[0]
        if to is None and (first is None or target < first):
            raise KbError("没有可撤销的更改 nothing to undo: this is the first version kept")
        if (
            to == 0
            and conn.execute("SELECT 1 FROM draft_versions WHERE draft_id = ? AND number = 0", (change.id,)).fetchone()
        ):
            raise KbError(
                "第 0 版是复制时上年的目标表，只用于对比（kb draft diff），不能撤销到它 "
                "version 0 is last year's table as copied, kept to compare with, not undone to"
            )
        if to is not None and not 1 <= to <= current:
            raise KbError(f"没有第 {to} 版 no version {to}: the draft is at version {current} (see kb draft history)")
        kept, now = stored(conn, change.id, target), state(conn, change.id)
        changes, undone = differences(now, kept), differences(kept, now)
        while to is None and not changes and _base(conn, change.id, target) - 1 >= first:
            target = _base(conn, change.id, target) - 1  # a version that changed nothing: the one before it
            kept = stored(conn, change.id, target)
            changes, undone = differences(now, kept), differences(kept, now)
        if not changes:
            raise KbError(
                f"第 {target} 版与当前内容相同 version {target} holds what the draft holds now: nothing to undo"
            )
        _write_back(conn, change.id, kept)
        change.note = f"撤销到第 {target} 版 undo to version {target}"
        change.restores = _base(conn, change.id, target)
    return Undone(open_draft(conn, change.id), target, changes, undone)
