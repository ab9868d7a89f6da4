"""Proven indicators across regions: find an indicator name as you type, then every use of it and its targets.

`search_names` matches any part of a name (a Chinese substring), pinyin initials or full pinyin ('myd',
'manyidu'), or a near miss (rapidfuzz), and groups spellings that differ only in punctuation, spaces or a
bracketed unit ('资金发放准确率（%）' ≡ '资金发放准确率'). It works on a `NameIndex` held in memory per
connection and rebuilt when the database changes: a keystroke costs a few C-speed string scans, rapidfuzz
over a few thousand candidates at most, and SQL over the uses of the names shown only (cached).
`precedents` lists every use of chosen names; `target_spread` and `target_summary` say which targets were chosen.
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, islice

from kb.search import Filters, filter_sql
from kb.targets import QUALITATIVE, is_unit
from kb.tokens import MAX_QUERY_CHARS, fold

MATCHES = ("exact", "substring", "pinyin", "fuzzy")  # best first
FUZZY_CUTOFF = 65.0  # rapidfuzz score (0–100) below which a near miss is not shown
_FUZZY_POOL = 1500  # fuzzy candidates taken per rare query character, most used first
_BRACKETED = re.compile(r"\(([^()]{1,6})\)")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
_ASCII = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")
_OPERATOR_ORDER = {op: n for n, op in enumerate("≥>=≤<±")}


@dataclass
class NameHit:
    name: str  # the representative spelling (the most used variant)
    variants: list[str]  # every spelling grouped with it, most used first (the name included)
    projects: int  # how many projects use any variant
    regions: int  # in how many regions
    std_level1: str | None  # the most common standard levels of its uses
    std_level2: str | None
    common_target: str  # the most common normalised target ('≥90%') or qualitative word; '' if none
    match: str  # 'exact' | 'substring' | 'pinyin' | 'fuzzy'
    score: float  # 0–100: the share of the name the query covers, or the rapidfuzz score
    uses: int  # how many indicator rows use any variant


@dataclass
class Precedent:
    indicator_id: int
    project_id: int
    project: str
    region: str | None
    year: int | None
    department: str | None
    level1: str | None
    level2: str | None
    std_level1: str | None
    std_level2: str | None
    name: str
    target: str
    operator: str | None
    value: float | None
    unit: str | None
    level_inferred: bool  # the standard levels were guessed from the name (the document gave none)


def group_key(name: str) -> str:
    """What near-identical spellings share: the folded name without bracketed units, punctuation or spaces."""
    folded = fold(name)
    if folded.isalnum():
        return folded
    key = _NOT_WORD.sub("", _BRACKETED.sub(lambda m: "" if is_unit(m.group(1)) else m.group(1), folded))
    return key or _SPACE.sub("", folded)


def _letters(text: str | None) -> str:
    return text if text and text.isalnum() else _NOT_WORD.sub("", text or "")


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def normal_target(operator: str | None, value: float | None, unit: str | None, target: str | None) -> str | None:
    """'≥90%' (operator, number, unit) or the qualitative word; None when no target was given."""
    if operator is None:
        return None
    if operator == QUALITATIVE or value is None:
        return (target or "").strip() or None
    return f"{operator}{_number(value)}{unit or ''}"


def _spread(uses: Iterable[tuple[str | None, float | None, str | None, str | None, int]]) -> list[tuple[str, int]]:
    """(normalised target, count) for (operator, value, unit, target, count) rows: numeric ones by operator,
    value and unit, then qualitative words, most chosen first."""
    counts: Counter[str] = Counter()
    numeric: dict[str, tuple] = {}  # normalised target → (operator rank, value, unit) for numeric ones
    for operator, value, unit, target, n in uses:
        text = normal_target(operator, value, unit, target)
        if text is None:
            continue
        counts[text] += n
        if operator != QUALITATIVE and value is not None:
            numeric[text] = (_OPERATOR_ORDER.get(operator, len(_OPERATOR_ORDER)), value, unit or "")

    def order(item: tuple[str, int]) -> tuple:
        text, n = item
        return (0, *numeric[text]) if text in numeric else (1, -n, text)

    return sorted(counts.items(), key=order)


def _most_common(spread: list[tuple[str, int]]) -> str | None:
    """The most chosen target; on a tie the first in spread order."""
    return max(spread, key=lambda kv: kv[1])[0] if spread else None


def target_spread(precedents: Iterable[Precedent]) -> list[tuple[str, int]]:
    """How many chose each normalised target: [('≥85%', 3), ('≥90%', 10), ('=100%', 2), ('合规', 4)] —
    numeric ones ordered by operator then value, qualitative words after them (most chosen first)."""
    return _spread((p.operator, p.value, p.unit, p.target, 1) for p in precedents)


def target_summary(precedents: Iterable[Precedent]) -> dict:
    """{'count', 'most_common', 'median', 'min', 'max', 'unit'} over the numeric targets of the most common
    unit (None values when there is no numeric target)."""
    numeric = [p for p in precedents if p.value is not None and p.operator not in (None, QUALITATIVE)]
    if not numeric:
        return {"count": 0, "most_common": None, "median": None, "min": None, "max": None, "unit": None}
    unit = Counter(p.unit for p in numeric).most_common(1)[0][0]
    chosen = [p for p in numeric if p.unit == unit]
    values = [p.value for p in chosen]
    return {
        "count": len(chosen), "most_common": _most_common(target_spread(chosen)),
        "median": statistics.median(values), "min": min(values), "max": max(values), "unit": unit,
    }


@dataclass(slots=True)
class NameGroup:
    key: str  # group_key of every member
    members: tuple[tuple[int, str], ...]  # (indicator_names.id, name), most used first
    uses: int  # indicator rows using any member
    pinyin: str  # of the most used member, letters and digits only
    initials: str


class _Blob:
    """Strings joined by newlines, so that `str.find` (C speed) finds which of them hold a needle."""

    def __init__(self, texts: list[str]):
        lines = [t + "\n" for t in texts]
        self.text = "".join(lines)
        self.starts = list(accumulate(map(len, lines), initial=0))

    def find(self, needle: str) -> Iterator[int]:
        """Positions of the strings containing `needle` (which holds no newline), in order."""
        text, starts = self.text, self.starts
        at = text.find(needle) if needle else -1
        while at >= 0:
            i = bisect_right(starts, at) - 1
            yield i
            at = text.find(needle, starts[i + 1])

    def line(self, n: int) -> str:
        return self.text[self.starts[n]:self.starts[n + 1] - 1]


class NameIndex:
    """Indicator names in groups of near-identical spellings, most used first, searchable without SQL."""

    def __init__(self, groups: list[NameGroup]):
        self.groups = sorted(groups, key=lambda g: (-g.uses, len(g.key), g.key))
        self._position = {g.key: n for n, g in enumerate(self.groups)}
        self._keys = _Blob([g.key for g in self.groups])
        self._pinyin = _Blob([g.pinyin for g in self.groups])
        self._initials = _Blob([g.initials for g in self.groups])
        self._char_counts: Counter[str] | None = None

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> NameIndex:
        """Every indicator name in use, from `indicator_names`."""
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: 200,000 rows load noticeably faster
        grouped: dict[str, list[tuple[int, str, str, str, int]]] = {}
        for row in cursor.execute("SELECT id, name, pinyin, initials, uses FROM indicator_names WHERE uses > 0"):
            key = group_key(row[1])
            if key:
                grouped.setdefault(key, []).append(row)
        groups = []
        for key, rows in grouped.items():
            if len(rows) == 1:
                (name_id, name, pinyin, initials, uses), = rows
                groups.append(NameGroup(key, ((name_id, name),), uses, _letters(pinyin), _letters(initials)))
                continue
            rows.sort(key=lambda r: (-r[4], len(r[1]), r[1]))
            groups.append(NameGroup(key, tuple((r[0], r[1]) for r in rows), sum(r[4] for r in rows),
                                    _letters(rows[0][2]), _letters(rows[0][3])))
        return cls(groups)

    def restricted(self, uses: Counter[int]) -> NameIndex:
        """The names with uses in `uses` (name id → count, e.g. the uses within a filter), counted by it."""
        groups = []
        for g in self.groups:
            members = sorted((m for m in g.members if uses[m[0]]), key=lambda m: (-uses[m[0]], len(m[1]), m[1]))
            if members:
                groups.append(NameGroup(g.key, tuple(members), sum(uses[m[0]] for m in members),
                                        g.pinyin, g.initials))
        return NameIndex(groups)

    def find(self, query: str, limit: int) -> list[tuple[NameGroup, str, float]]:
        """Up to `limit` (group, match, score), best match kind first and most used first within a kind."""
        key = group_key(query)
        if not key:
            return [(g, "substring", 0.0) for g in self.groups[:limit]]
        found: dict[int, tuple[str, float]] = {}
        if key in self._position:
            found[self._position[key]] = ("exact", 100.0)
        ascii_query = _ASCII.fullmatch(key) is not None
        kinds = [("substring", self._keys)] + ([("pinyin", self._initials), ("pinyin", self._pinyin)]
                                               if ascii_query else [])
        for kind, blob in kinds:
            for n in blob.find(key):
                if len(found) >= limit:
                    break
                if n not in found:
                    found[n] = (kind, round(100.0 * len(key) / len(blob.line(n)), 1))
        if len(found) < limit and len(key) >= (4 if ascii_query else 3):
            blob = self._pinyin if ascii_query else self._keys
            for n, score in self._fuzzy(key, blob, set(found), limit - len(found)):
                found[n] = ("fuzzy", score)
        return [(self.groups[n], kind, score) for n, (kind, score) in list(found.items())[:limit]]

    def _fuzzy(self, key: str, blob: _Blob, exclude: set[int], limit: int) -> list[tuple[int, float]]:
        """Near misses: names sharing the query's rarest characters, scored by rapidfuzz."""
        from rapidfuzz import fuzz, process

        if self._char_counts is None:
            self._char_counts = Counter(self._keys.text) + Counter(self._pinyin.text)
        counts = self._char_counts
        rare = sorted((c for c in set(key) if counts[c]), key=lambda c: (counts[c], c))[:3]
        pool = {n for c in rare for n in islice(blob.find(c), _FUZZY_POOL)} - exclude
        texts = {n: blob.line(n) for n in pool}
        longer = {n: t for n, t in texts.items() if len(t) >= len(key)}
        shorter = {n: t for n, t in texts.items() if len(t) < len(key)}
        hits = process.extract(key, longer, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=limit)
        hits += process.extract(key, shorter, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit)
        hits.sort(key=lambda h: (-h[1], h[2]))
        return [(n, round(score, 1)) for _, score, n in hits[:limit]]


@dataclass
class _Stats:
    projects: int
    regions: int
    std_level1: str | None
    std_level2: str | None
    common_target: str


@dataclass
class _State:
    """What one connection's searches reuse until the database changes."""

    conn: sqlite3.Connection  # held so that its id() is not reused while this is cached
    version: tuple[int, int]
    names: NameIndex
    filtered: dict[tuple, NameIndex]
    stats: dict[tuple, _Stats]


_STATES: OrderedDict[int, _State] = OrderedDict()
_LOCK = threading.Lock()
_MAX_STATES, _MAX_FILTERED, _MAX_STATS = 4, 8, 20_000


def _state(conn: sqlite3.Connection) -> _State:
    """The connection's cached index, rebuilt when any connection has written to the database since."""
    version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    state = _STATES.get(id(conn))
    if state is None or state.version != version:
        state = _State(conn, version, NameIndex.load(conn), {}, {})
        _STATES[id(conn)] = state
        while len(_STATES) > _MAX_STATES:
            _STATES.popitem(last=False)
    _STATES.move_to_end(id(conn))
    return state


def _filter_key(filters: Filters) -> tuple:
    return (filters.region or None, filters.year or None, filters.level or None)


def _index(conn: sqlite3.Connection, state: _State, filters: Filters) -> NameIndex:
    """The names with uses within the filters, counted within them."""
    fkey = _filter_key(filters)
    if fkey == (None, None, None):
        return state.names
    if fkey not in state.filtered:
        params: dict = {}
        where = filter_sql(filters, params)
        # Projects first: a region or year filter selects few of them, and indicators are indexed by project.
        source = "projects p CROSS JOIN indicators i ON i.project_id = p.id" if filters.region or filters.year \
            else "indicators i"
        uses = Counter(r[0] for r in conn.execute(f"SELECT i.name_id FROM {source} WHERE 1 {where}", params))
        state.filtered[fkey] = state.names.restricted(uses)
        while len(state.filtered) > _MAX_FILTERED:
            del state.filtered[next(iter(state.filtered))]
    return state.filtered[fkey]


def _stats(conn: sqlite3.Connection, state: _State, groups: list[NameGroup], filters: Filters) -> list[_Stats]:
    """Projects, regions, usual levels and usual target of each group's uses within the filters (cached)."""
    fkey = _filter_key(filters)
    missing = [g for g in groups if (fkey, g.key) not in state.stats]
    if missing:
        params: dict = {"pairs": json.dumps([[i, n] for n, g in enumerate(missing) for i, _ in g.members])}
        where = filter_sql(filters, params)
        base = f"""FROM (SELECT json_extract(value, '$[0]') AS name_id, json_extract(value, '$[1]') AS k
            FROM json_each(:pairs)) g CROSS JOIN indicators i ON i.name_id = g.name_id
            JOIN projects p ON p.id = i.project_id WHERE 1 {where}"""
        counts = {k: (projects, regions) for k, projects, regions in conn.execute(
            f"SELECT g.k, count(DISTINCT i.project_id), count(DISTINCT p.region) {base} GROUP BY g.k", params)}
        levels: dict[int, Counter] = {}
        targets: dict[int, list] = {}
        for k, std1, std2, op, value, unit, target, n in conn.execute(
            f"""SELECT g.k, i.std_level1, i.std_level2, i.operator, i.value, i.unit,
            CASE WHEN i.value IS NULL THEN i.target END, count(*) {base} GROUP BY 1, 2, 3, 4, 5, 6, 7""", params
        ):
            levels.setdefault(k, Counter())[(std1, std2)] += n
            targets.setdefault(k, []).append((op, value, unit, target, n))
        if len(state.stats) > _MAX_STATS:
            state.stats.clear()
        for n, g in enumerate(missing):
            projects, regions = counts.get(n, (0, 0))
            usual = max(levels.get(n, {(None, None): 0}).items(), key=lambda kv: (kv[1], kv[0][0] is not None))[0]
            state.stats[(fkey, g.key)] = _Stats(projects, regions, usual[0], usual[1],
                                                _most_common(_spread(targets.get(n, []))) or "")
    return [state.stats[(fkey, g.key)] for g in groups]


def _rank(hit: NameHit) -> tuple:
    kind = MATCHES.index(hit.match)
    if hit.match == "fuzzy":
        return (kind, -hit.score, -hit.projects, len(hit.name), hit.name)
    return (kind, -hit.projects, len(hit.name), hit.name)


def search_names(conn: sqlite3.Connection, query: str, filters: Filters | None = None,
                 limit: int = 50) -> list[NameHit]:
    """Indicator names matching `query`: the exact name first, then names containing it (most projects first,
    then shorter), then pinyin (initials 'myd' or full 'manyidu'), then near misses; an empty query gives the
    most used names. Filters restrict the uses counted and shown."""
    filters = filters or Filters()
    if limit <= 0:
        return []
    with _LOCK:
        state = _state(conn)
        found = _index(conn, state, filters).find((query or "")[:MAX_QUERY_CHARS], limit)
        stats = _stats(conn, state, [g for g, _, _ in found], filters)
    hits = [
        NameHit(g.members[0][1], [m[1] for m in g.members], s.projects, s.regions, s.std_level1, s.std_level2,
                s.common_target, match, score, g.uses)
        for (g, match, score), s in zip(found, stats)
        if s.projects
    ]
    return sorted(hits, key=_rank)


@dataclass
class Overview:
    """All the uses of a name counted at once, without reading them: for a name used 10,000 times."""

    total: int
    regions: int
    spread: list[tuple[str, int]]


def precedent_overview(conn: sqlite3.Connection, names: Iterable[str], filters: Filters | None = None) -> Overview:
    """How many precedents these names have within the filters, in how many regions, and their target spread."""
    params: dict = {"names": json.dumps(list(names), ensure_ascii=False)}
    where = filter_sql(filters or Filters(), params)
    base = f"""FROM indicator_names n CROSS JOIN indicators i ON i.name_id = n.id JOIN projects p ON p.id = i.project_id
        WHERE n.name IN (SELECT value FROM json_each(:names)) {where}"""
    total, regions = conn.execute(f"SELECT count(*), count(DISTINCT p.region) {base}", params).fetchone()
    uses = conn.execute(
        f"SELECT i.operator, i.value, i.unit, i.target, count(*) {base} GROUP BY 1, 2, 3, 4", params).fetchall()
    return Overview(total, regions, _spread(uses))


def precedents(conn: sqlite3.Connection, names: Iterable[str], filters: Filters | None = None,
               limit: int | None = None) -> list[Precedent]:
    """Every use of these names (e.g. a NameHit's variants) within the filters, newest year first."""
    params: dict = {"names": json.dumps(list(names), ensure_ascii=False)}
    where = filter_sql(filters or Filters(), params)
    sql = f"""SELECT i.id, i.project_id, p.name, p.region, p.year, p.department, i.level1, i.level2,
        i.std_level1, i.std_level2, i.name, coalesce(i.target, ''), i.operator, i.value, i.unit, i.level_inferred
        FROM indicator_names n CROSS JOIN indicators i ON i.name_id = n.id JOIN projects p ON p.id = i.project_id
        WHERE n.name IN (SELECT value FROM json_each(:names)) {where}
        ORDER BY p.year IS NULL, p.year DESC, p.region, p.id, i.seq"""
    if limit is not None:
        params["limit"] = limit
        sql += " LIMIT :limit"
    return [Precedent(*tuple(row)[:-1], bool(row[-1])) for row in conn.execute(sql, params)]
