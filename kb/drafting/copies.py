"""Copy from last year: a new draft from an imported project or an earlier draft — head, rows and their fields —
a year on, and what has changed since (`since_copied`, shown before export).

A copy's first kept version is last year's table as copied (its year, an annual period and a project name naming
last year moved on), so what changed from last year is what changed from that version
(kb.drafting.history.differences), rows matched by key.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from kb.db import transaction
from kb.drafting import drafts
from kb.drafting.history import differences, record, state, stored
from kb.drafting.suggest import project_rows, spending_type
from kb.errors import KbError
from kb.vocab.amounts import first_number
from kb.vocab.dates import period_bounds

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def moved_on(text: str | None, year: int | None) -> str | None:
    """A period or project name naming last year alone, moved on a year ('2025年1月-2025年12月' → '2026年1月-2026年
    12月', '2025年居家养老服务补贴' → '2026年居家养老服务补贴'); one naming other years (a multi-year project, an
    earlier project's 尾款) as written."""
    if not text or not year:
        return text
    years = {int(m.group()) for m in _YEAR.finditer(text)}
    return _YEAR.sub(str(year + 1), text) if years == {year} else text


def _period(text: str | None, year: int | None) -> str | None:
    """An imported project's period a year on when it reads as one; a length or a word (项目期 | 1年, 长期), which a
    draft's 实施期 may not be, or one ended before the copy's year (`2024年7月-2025年6月` into 2026), is left for the
    draft to give (kb lint asks for it)."""
    moved = moved_on(text, year)
    bounds = period_bounds(moved)
    return moved if bounds and (not year or bounds[1].year > year) else None


def next_name(name: str, year: int | None) -> str:
    """A name for next year's copy: its year moved on ('2025科技补贴' → '2026科技补贴'), else the year appended."""
    if year and str(year) in name:
        return name.replace(str(year), str(year + 1))
    return f"{name}（{year + 1}）" if year else f"{name} 副本"


_CODED = re.compile(r"^[\[【(（]?(\d[\d.\-]*)[\]】)）]?[\s_\-—、:：]*(.*)$")  # '233_烟台市民政局', '[233]某局'


def head_from_fields(fields: dict) -> dict:
    """The draft head fields a project's head rows as printed give (实施单位, 其中：财政拨款, 主管部门及代码 …)."""
    head: dict = {}
    for label, value in fields.items():
        text = str(value or "").strip()
        if not text:
            continue
        if "代码" in label and "部门" in label:
            coded = _CODED.match(text)
            if coded and coded.group(2):
                head.setdefault("department_code", coded.group(1))
            continue
        field = drafts.field_name(label)
        if field not in drafts.HEAD_FIELDS or field in head:
            continue
        if drafts.HEAD_FIELDS[field][1] is float:
            number = first_number(text)
            if number is not None:
                head[field] = number
        elif drafts.HEAD_FIELDS[field][1] is str:
            head[field] = text
    return head


def _create(conn: sqlite3.Connection, name: str, head: dict, source: dict) -> int:
    draft_id = drafts._insert(conn, drafts._unique(conn, name), head)
    conn.execute("UPDATE drafts SET source = ? WHERE id = ?", (json.dumps(source, ensure_ascii=False), draft_id))
    return draft_id


def from_project(conn: sqlite3.Connection, project_id: int, name: str) -> drafts.Draft:
    """A new draft from an imported project's head and every indicator (targets, levels, weights), year + 1."""
    p = conn.execute("SELECT * FROM projects WHERE id = ?", (project_id,)).fetchone()
    if p is None:
        raise KbError(f"没有 id 为 {project_id} 的项目 no project with id {project_id} (see kb projects)")
    rows = project_rows(conn, project_id, every=True, periods=True)  # (with their weights and 实施期指标值)
    year = p["year"]
    head = {
        **head_from_fields(json.loads(p["fields"] or "{}")),
        "project_name": moved_on(p["name"], year),
        "department": p["department"],
        "region": p["region"],
        "year": year + 1 if year else None,
        "amount_wan": p["amount_wan"],
        "total_wan": p["total_wan"],
        "period": _period(p["period"], year),
        "spending_type": spending_type(p["name"], p["overview"] or "", p["goal"] or "") or "",
        "overview": p["overview"],
        "goal": p["goal"],
    }
    head = {k: v for k, v in head.items() if v not in (None, "")}
    head["attribute"] = "延续"  # last year's project carried on, whatever it was then (新增, the 2015 form's 经常性)
    where = " ".join(str(v) for v in (p["region"], year) if v)
    label = f"项目 #{project_id} {p['name']}" + (f"（{where}）" if where else "")
    with transaction(conn):
        draft_id = _create(conn, name, head, {"kind": "project", "id": project_id, "label": label, "year": year})
        drafts._insert_rows(conn, draft_id, rows)
        record(conn, draft_id, f"复制自 copied from {label}")
    return drafts.open_draft(conn, draft_id)


def from_draft(conn: sqlite3.Connection, key: int | str, name: str) -> drafts.Draft:
    """A new draft from an earlier one: head, rows (with their ids) and their fields, year + 1."""
    with transaction(conn):
        source = drafts._find(conn, key)
        head = {k: source[k] for k in drafts.HEAD_FIELDS}
        year = source["year"]
        head.update(
            year=year + 1 if year else None,
            period=moved_on(source["period"], year),
            project_name=moved_on(source["project_name"], year),
        )
        label = f"草稿 {source['name']}" + (f"（{year}）" if year else "")
        draft_id = _create(conn, name, head, {"kind": "draft", "id": source["id"], "label": label, "year": year})
        drafts.copy_rows(conn, source, draft_id)
        record(conn, draft_id, f"复制自 copied from {label}")
    return drafts.open_draft(conn, draft_id)


@dataclass
class Compared:
    source: str  # what it was copied from: '项目 #12 科技补贴（威海市、2025）'
    changes: list[str]  # what changed since, as kb.drafting.history.differences says it


def since_copied(conn: sqlite3.Connection, key: int | str) -> Compared | None:
    """What changed in a copy since it was made from last year's table; None for a draft that is no copy."""
    draft = drafts.open_draft(conn, key)
    if not draft.source:
        return None
    first = conn.execute("SELECT min(number) FROM draft_versions WHERE draft_id = ?", (draft.id,)).fetchone()[0]
    return Compared(draft.source["label"], differences(stored(conn, draft.id, first), state(conn, draft.id)))
