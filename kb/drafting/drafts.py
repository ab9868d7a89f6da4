"""Drafts: a new project's goal table (head and indicator rows), kept in the knowledge base.

A draft is found by id (int) or name (str). Its rows are kept in the framework's order of their levels
(产出 → 效益 → 满意度 → 成本, level 2 likewise), in the order added within a level: row n everywhere (checks,
command line, exports) is the n-th of `Draft.rows`. Every change is its own short transaction and adds one to the
draft's `version`; a writer that passes the `version` it last saw gets `StaleDraft` instead of overwriting a
change made meanwhile (another window, another process). Rows from a template or a precedent project
(kb.drafting.suggest.template_rows / project_rows) are added by `apply_rows`, which skips indicators already present.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from kb.errors import KbError
from kb.vocab.levels import COST, FRAMEWORK, LEVEL1, OUTPUT, infer_levels, standard_levels
from kb.find.precedents import family_key, normal_target
from kb.vocab.targets import QUALITATIVE, normalize_operator, parse_target

BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他")
# head field → (label, type)
HEAD_FIELDS: dict[str, tuple[str, type]] = {
    "department": ("部门", str),
    "region": ("地区", str),
    "year": ("年度", int),
    "amount_wan": ("项目资金（万元）", float),
    "period": ("实施期限", str),
    "spending_type": ("支出类型", str),
    "overview": ("项目概况", str),
    "goal": ("年度绩效目标", str),
}
ROW_FIELDS = ("level1", "level2", "name", "target", "operator", "value", "unit", "basis", "weight")
_HEAD_WORDS = {
    "名称": "name",
    "项目名称": "name",
    "部门": "department",
    "地区": "region",
    "年度": "year",
    "金额": "amount_wan",
    "项目资金": "amount_wan",
    "金额(万元)": "amount_wan",
    "期限": "period",
    "实施期限": "period",
    "类型": "spending_type",
    "支出类型": "spending_type",
    "概况": "overview",
    "项目概况": "overview",
    "目标": "goal",
    "年度绩效目标": "goal",
    "年度目标": "goal",
}
_ROW_WORDS = {
    "一级": "level1",
    "一级指标": "level1",
    "二级": "level2",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "名称": "name",
    "指标值": "target",
    "目标值": "target",
    "符号": "operator",
    "运算符": "operator",
    "数值": "value",
    "单位": "unit",
    "计量单位": "unit",
    "依据": "basis",
    "设定依据": "basis",
    "分值": "weight",
    "权重": "weight",
}


def field_name(word: str, row: bool = False) -> str:
    """A head (or row) field named as the app and the form label it ('部门', '项目资金（万元）', '指标值'), or as
    itself ('department')."""
    bare = word.strip().replace("（", "(").replace("）", ")")
    words = _ROW_WORDS if row else _HEAD_WORDS
    return words.get(bare) or words.get(bare.split("(")[0]) or word.strip()


MAX_NAME = 120
YEARS = (1900, 2100)  # the budget years a draft may give
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class StaleDraft(KbError):
    """The draft changed since the caller read it; nothing was written."""


@dataclass
class Row:
    id: int
    seq: int
    level1: str
    level2: str
    name: str
    operator: str | None  # ≥ ≤ > < = ± or 定性; None when no target is set yet
    value: float | None
    unit: str | None
    text: str | None  # the qualitative target word (合规, 健全 …)
    basis: str | None  # one of BASES
    weight: float | None  # scoring weight (分值), when the table gives them
    sources: list[int] = field(default_factory=list)  # precedent indicator ids it came from

    @property
    def target(self) -> str:
        """'≥90%', the qualitative word, or ''."""
        return normal_target(self.operator, self.value, self.unit, self.text) or ""


@dataclass
class Draft:
    id: int
    name: str
    department: str | None
    region: str | None
    year: int | None
    amount_wan: float | None
    period: str | None
    spending_type: str | None
    overview: str | None
    goal: str | None
    version: int
    created_at: str
    updated_at: str
    rows: list[Row] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        for row, out in zip(self.rows, data["rows"]):
            out["target"] = row.target
        return data


@dataclass
class NewRow:
    """An indicator to add: from the user, a template or a precedent."""

    name: str
    level1: str = ""
    level2: str = ""
    operator: str | None = None
    value: float | None = None
    unit: str | None = None
    text: str | None = None
    basis: str | None = None
    weight: float | None = None
    sources: list[int] = field(default_factory=list)


@dataclass
class Applied:
    draft: Draft
    added: list[str]
    skipped: list[str]  # already in the draft (or twice in the batch)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean_name(name: str) -> str:
    """A draft name, trimmed; KbError when empty, too long or holding control characters."""
    text = unicodedata.normalize("NFC", name or "").strip()
    if not text:
        raise KbError("a draft needs a name")
    if _CONTROL.search(text):
        raise KbError("a draft name cannot hold control characters (tabs, line breaks)")
    if len(text) > MAX_NAME:
        raise KbError(f"draft name too long ({len(text)} characters; the limit is {MAX_NAME})")
    return text


def to_number(value, what: str) -> float | None:
    """A float from a number or text ('1,200', '９０'); None for empty; KbError for anything else."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise KbError(f"{what} must be a number, not {str(value)!r}") from None
    if number is not None and not math.isfinite(number):
        raise KbError(f"{what} must be a finite number, not {value!r}")
    return None if number is None else float(number)


def _head_value(name: str, value):
    if name not in HEAD_FIELDS:
        raise KbError(f"unknown draft field {name!r}: use one of name, {', '.join(HEAD_FIELDS)}")
    label, kind = HEAD_FIELDS[name]
    if kind is str:
        text = str(value).strip() if value is not None else ""
        return text or None
    number = to_number(value, f"{label} ({name})")
    if kind is int and number is not None:
        if not number.is_integer():
            raise KbError(f"{label} ({name}) must be a whole number, not {value!r}")
        if name == "year" and not YEARS[0] <= number <= YEARS[1]:
            raise KbError(f"{label} ({name}) must be a year from {YEARS[0]} to {YEARS[1]}, not {value!r}")
        return int(number)
    return number


def standard_row_levels(level1: str, level2: str, name: str) -> tuple[str, str]:
    """Levels as the framework names them when the words map ('产出', '数量' → '产出指标', '数量指标'); as
    written when they do not (the checks flag them); inferred from the name when both are empty."""
    l1, l2 = (level1 or "").strip(), (level2 or "").strip()
    if not l1 and not l2:
        return infer_levels(name)
    written1 = standard_levels(l1, "")[0] if l1 else None
    std1, std2 = standard_levels("", l2) if l2 else (None, None)
    if std2 and (not l1 or written1 == std1):
        return std1, std2
    if std2 and written1 == OUTPUT and std1 == COST:  # the 2015 framework's 产出指标 → 成本指标
        return OUTPUT, "成本指标"
    if not l2 and written1:
        return written1, ""
    return l1, l2


def _basis(value) -> str | None:
    text = (value or "").strip()
    if text and text not in BASES:
        raise KbError(f"unknown basis {text!r}: use one of {', '.join(BASES)}")
    return text or None


def _operator(value) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if text == QUALITATIVE:
        return QUALITATIVE
    op = normalize_operator(text)
    if op is None:
        raise KbError(f"unknown operator {text!r}: use one of ≥ ≤ > < = ± or {QUALITATIVE}")
    return op


def target_fields(target: str, name: str = "") -> dict:
    """operator, value, unit and text from a target as typed ('≥90%', '>=2家', '合规')."""
    t = parse_target(target or "", name=name)
    return {
        "operator": t.operator,
        "value": t.value,
        "unit": t.unit,
        "text": (target or "").strip() if t.qualitative else None,
    }


def new_row(
    name: str,
    *,
    level1: str = "",
    level2: str = "",
    target: str | None = None,
    operator=None,
    value=None,
    unit: str | None = None,
    basis: str | None = None,
    weight=None,
    sources: Iterable[int] = (),
) -> NewRow:
    """A checked row from user input: a target as typed, or operator/value/unit given apart."""
    name = (name or "").strip()
    if not name:
        raise KbError("an indicator needs a name")
    fields = (
        target_fields(target, name)
        if target is not None
        else {
            "operator": _operator(operator),
            "value": to_number(value, "the target value"),
            "unit": (unit or "").strip() or None,
            "text": None,
        }
    )
    if target is not None and unit:
        fields["unit"] = unit.strip() or fields["unit"]
    if fields["value"] is not None and fields["operator"] in (None, QUALITATIVE):
        fields["operator"] = "="
    level1, level2 = standard_row_levels(level1, level2, name)
    return NewRow(
        name,
        level1,
        level2,
        **fields,
        basis=_basis(basis),
        weight=to_number(weight, "the weight"),
        sources=[int(s) for s in sources],
    )


def _row(r: sqlite3.Row) -> Row:
    return Row(
        r["id"],
        r["seq"],
        r["level1"] or "",
        r["level2"] or "",
        r["name"],
        r["operator"],
        r["value"],
        r["unit"],
        r["text"],
        r["basis"],
        r["weight"],
        json.loads(r["sources"] or "[]"),
    )


def _find(conn: sqlite3.Connection, key: int | str) -> sqlite3.Row:
    if isinstance(key, int):
        row = conn.execute("SELECT * FROM drafts WHERE id = ?", (key,)).fetchone()
    else:
        row = conn.execute("SELECT * FROM drafts WHERE name = ?", (clean_name(key),)).fetchone()
    if row is None:
        raise KbError(f"no draft {key!r} (see kb draft list)")
    return row


def open_draft(conn: sqlite3.Connection, key: int | str) -> Draft:
    """The draft with its rows in order."""
    d = _find(conn, key)
    rows = [_row(r) for r in conn.execute("SELECT * FROM draft_rows WHERE draft_id = ? ORDER BY seq, id", (d["id"],))]
    return Draft(
        d["id"],
        d["name"],
        d["department"],
        d["region"],
        d["year"],
        d["amount_wan"],
        d["period"],
        d["spending_type"],
        d["overview"],
        d["goal"],
        d["version"],
        d["created_at"],
        d["updated_at"],
        rows,
    )


def mark_listed(conn: sqlite3.Connection, draft: Draft) -> None:
    """Remember the order of the rows just shown numbered (no new version): row numbers refer to it."""
    conn.execute("UPDATE drafts SET listed_rows = ? WHERE id = ?", (json.dumps([r.id for r in draft.rows]), draft.id))


def rows_at(conn: sqlite3.Connection, draft: Draft, positions: list[int]) -> list[int]:
    """The ids of the rows at these numbers, as last shown; KbError when the rows were reordered, added or removed
    since (another command, or the app), so a number never reaches a row the user did not mean."""
    listed = conn.execute("SELECT listed_rows FROM drafts WHERE id = ?", (draft.id,)).fetchone()[0]
    current = [r.id for r in draft.rows]
    if listed is not None and json.loads(listed) != current:
        raise KbError(
            f"草稿 {draft.name!r} 的行在你上次查看后已变动，行号可能已不同：请先 kb draft show 再指定行号 "
            "the rows changed since they were last shown: run kb draft show and use its numbers"
        )
    for n in positions:
        if not 1 <= n <= len(current):
            raise KbError(
                f"草稿 {draft.name!r} 没有第 {n} 行 has no row {n} (it has {len(current)}; see kb draft show)"
            )
    return [current[n - 1] for n in positions]


def list_drafts(conn: sqlite3.Connection) -> list[dict]:
    """Drafts, last changed first: id, name, spending_type, region, year, rows, version, updated_at."""
    return [
        dict(r)
        for r in conn.execute(
            """SELECT d.id, d.name, d.spending_type, d.region, d.year,
        (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id) AS rows, d.version, d.updated_at
        FROM drafts d ORDER BY d.updated_at DESC, d.id DESC"""
        )
    ]


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (disk full)
            conn.execute("ROLLBACK")
        raise


@dataclass
class _Change:
    id: int
    changed: bool = True  # False: nothing to record (the version stays)


@contextmanager
def _change(conn: sqlite3.Connection, key: int | str, version: int | None) -> Iterator[_Change]:
    """One change to a draft: checks `version`, then bumps it, in one transaction."""
    with _transaction(conn):
        draft = _find(conn, key)
        if version is not None and draft["version"] != version:
            raise StaleDraft(
                f"draft {draft['name']!r} was changed elsewhere (now version {draft['version']}, "
                f"yours {version}); nothing was saved: reopen it and redo the change"
            )
        change = _Change(draft["id"])
        yield change
        if change.changed:
            conn.execute("UPDATE drafts SET version = version + 1, updated_at = ? WHERE id = ?", (_now(), change.id))


def _unique(conn: sqlite3.Connection, name: str, draft_id: int | None = None) -> str:
    """The cleaned name; KbError when another draft has it."""
    name = clean_name(name)
    if conn.execute("SELECT 1 FROM drafts WHERE name = ? AND id IS NOT ?", (name, draft_id)).fetchone():
        raise KbError(f"a draft named {name!r} exists already: choose another name (or kb draft delete it)")
    return name


def _insert(conn: sqlite3.Connection, name: str, head: dict) -> int:
    now = _now()
    values = {k: _head_value(k, v) for k, v in head.items()}
    columns = ", ".join(["name", *values, "created_at", "updated_at"])
    marks = ", ".join("?" * (len(values) + 3))
    return conn.execute(
        f"INSERT INTO drafts ({columns}) VALUES ({marks})", (name, *values.values(), now, now)
    ).lastrowid


def create(conn: sqlite3.Connection, name: str, **head) -> Draft:
    """A new empty draft; head fields as in HEAD_FIELDS. KbError when the name is taken."""
    with _transaction(conn):
        draft_id = _insert(conn, _unique(conn, name), head)
    return open_draft(conn, draft_id)


def duplicate(conn: sqlite3.Connection, key: int | str, new_name: str) -> Draft:
    """A copy of the draft (head and rows) under a new name, at version 1."""
    with _transaction(conn):
        source = _find(conn, key)
        draft_id = _insert(conn, _unique(conn, new_name), {k: source[k] for k in HEAD_FIELDS})
        conn.execute(
            """INSERT INTO draft_rows (draft_id, seq, level1, level2, name, operator, value, unit, text, basis,
            weight, sources) SELECT ?, seq, level1, level2, name, operator, value, unit, text, basis, weight, sources
            FROM draft_rows WHERE draft_id = ?""",
            (draft_id, source["id"]),
        )
    return open_draft(conn, draft_id)


def rename(conn: sqlite3.Connection, key: int | str, new_name: str, version: int | None = None) -> Draft:
    """Give the draft a new name; KbError when another draft has it."""
    with _change(conn, key, version) as change:
        conn.execute("UPDATE drafts SET name = ? WHERE id = ?", (_unique(conn, new_name, change.id), change.id))
    return open_draft(conn, change.id)


def delete(conn: sqlite3.Connection, key: int | str, version: int | None = None) -> None:
    """Remove the draft and its rows."""
    with _change(conn, key, version) as change:
        conn.execute("DELETE FROM drafts WHERE id = ?", (change.id,))
        change.changed = False


def set_field(conn: sqlite3.Connection, key: int | str, name: str, value, version: int | None = None) -> Draft:
    """Set one head field ('name' renames); numbers may come as text."""
    if name == "name":
        return rename(conn, key, value, version)
    value = _head_value(name, value)
    with _change(conn, key, version) as change:
        conn.execute(f"UPDATE drafts SET {name} = ? WHERE id = ?", (value, change.id))
    return open_draft(conn, change.id)


def level_order(level1: str | None, level2: str | None) -> tuple[int, int]:
    """Where a (level 1, level 2) pair sits in the framework's order; unknown levels last."""
    order1 = LEVEL1.index(level1) if level1 in LEVEL1 else len(LEVEL1)
    seconds = FRAMEWORK.get(level1 or "", ())
    return order1, seconds.index(level2) if level2 in seconds else len(seconds)


def _renumber(conn: sqlite3.Connection, draft_id: int) -> None:
    """Keep the rows in framework order of their levels, in the order added within a level."""
    rows = conn.execute("SELECT id, level1, level2, seq FROM draft_rows WHERE draft_id = ?", (draft_id,)).fetchall()
    ordered = sorted(rows, key=lambda r: (*level_order(r["level1"], r["level2"]), r["seq"], r["id"]))
    conn.executemany("UPDATE draft_rows SET seq = ? WHERE id = ?", [(n, r["id"]) for n, r in enumerate(ordered, 1)])


def _insert_rows(conn: sqlite3.Connection, draft_id: int, rows: list[NewRow]) -> None:
    seq = conn.execute("SELECT coalesce(max(seq), 0) FROM draft_rows WHERE draft_id = ?", (draft_id,)).fetchone()[0]
    conn.executemany(
        """INSERT INTO draft_rows (draft_id, seq, level1, level2, name, operator, value, unit, text, basis, weight,
        sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                draft_id,
                seq + n,
                r.level1 or None,
                r.level2 or None,
                r.name,
                r.operator,
                r.value,
                r.unit,
                r.text,
                r.basis,
                r.weight,
                json.dumps(r.sources),
            )
            for n, r in enumerate(rows, 1)
        ],
    )
    _renumber(conn, draft_id)


def add_row(conn: sqlite3.Connection, key: int | str, row: NewRow, version: int | None = None) -> Draft:
    """Append one indicator (see `new_row`), even if the draft already has one of that name."""
    with _change(conn, key, version) as change:
        _insert_rows(conn, change.id, [row])
    return open_draft(conn, change.id)


def apply_rows(conn: sqlite3.Connection, key: int | str, rows: Iterable[NewRow], version: int | None = None) -> Applied:
    """Append the rows whose indicator the draft does not hold yet (in any spelling: kb.vocab.families)."""
    rows = list(rows)
    with _change(conn, key, version) as change:
        seen = {
            family_key(r["name"]) for r in conn.execute("SELECT name FROM draft_rows WHERE draft_id = ?", (change.id,))
        }
        added, skipped = [], []
        for r in rows:
            k = family_key(r.name)
            (skipped if k in seen else added).append(r)
            seen.add(k)
        _insert_rows(conn, change.id, added)
        change.changed = bool(added)
    return Applied(open_draft(conn, change.id), [r.name for r in added], [r.name for r in skipped])


def _row_changes(current: sqlite3.Row, changes: dict) -> dict:
    unknown = set(changes) - set(ROW_FIELDS)
    if unknown:
        raise KbError(f"unknown row field {sorted(unknown)[0]!r}: use one of {', '.join(ROW_FIELDS)}")
    out: dict = {}
    name = (changes.get("name", current["name"]) or "").strip()
    if not name:
        raise KbError("an indicator needs a name")
    if "name" in changes:
        out["name"] = name
    if "target" in changes:
        out.update(target_fields(changes["target"] or "", name))
    if "operator" in changes:
        out["operator"] = _operator(changes["operator"])
        if out["operator"] == QUALITATIVE:
            out.update(value=None, unit=None)
    if "value" in changes:
        out["value"] = to_number(changes["value"], "the target value")
        if out["value"] is not None and out.get("operator", current["operator"]) in (None, QUALITATIVE):
            out["operator"] = "="
    if "unit" in changes:
        out["unit"] = (changes["unit"] or "").strip() or None
    if "basis" in changes:
        out["basis"] = _basis(changes["basis"])
    if "weight" in changes:
        out["weight"] = to_number(changes["weight"], "the weight")
    if "level1" in changes or "level2" in changes:
        l1 = changes.get("level1", current["level1"]) or ""
        l2 = changes.get("level2", current["level2"]) or ""
        level1, level2 = standard_row_levels(l1, l2, name) if (l1 or l2) else ("", "")
        out.update(level1=level1 or None, level2=level2 or None)
    return out


def update_row(conn: sqlite3.Connection, key: int | str, row_id: int, version: int | None = None, **changes) -> Draft:
    """Change fields of one row (ROW_FIELDS; 'target' as typed sets operator, value, unit and text)."""
    with _change(conn, key, version) as change:
        current = conn.execute("SELECT * FROM draft_rows WHERE id = ? AND draft_id = ?", (row_id, change.id)).fetchone()
        if current is None:
            raise KbError(f"the draft has no row {row_id}")
        values = _row_changes(current, changes)
        if "level1" in values and (values["level1"], values["level2"]) != (current["level1"], current["level2"]):
            # a row moved to other levels goes last among them
            values["seq"] = conn.execute(
                "SELECT max(seq) + 1 FROM draft_rows WHERE draft_id = ?", (change.id,)
            ).fetchone()[0]
        if values:
            sets = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE draft_rows SET {sets} WHERE id = ?", (*values.values(), row_id))
            _renumber(conn, change.id)
        change.changed = bool(values)
    return open_draft(conn, change.id)


def remove_rows(conn: sqlite3.Connection, key: int | str, row_ids: Iterable[int], version: int | None = None) -> Draft:
    """Remove rows by id; KbError (and nothing removed) if one is not in the draft."""
    row_ids = list(row_ids)
    with _change(conn, key, version) as change:
        for row_id in row_ids:
            if not conn.execute("DELETE FROM draft_rows WHERE id = ? AND draft_id = ?", (row_id, change.id)).rowcount:
                raise KbError(f"the draft has no row {row_id}")
        _renumber(conn, change.id)
        change.changed = bool(row_ids)
    return open_draft(conn, change.id)
