"""Proven indicators across regions: find an indicator name as you type, then every use of it and its targets.

`find_names` matches any part of a name (a Chinese substring), pinyin initials or full pinyin ('myd',
'manyidu'), or a near miss (rapidfuzz), and groups spellings that differ only in punctuation, spaces or a
bracketed unit ('资金发放准确率（%）' ≡ '资金发放准确率'). It works on a `NameIndex` (kb.find.name_index) held in
memory per connection and rebuilt when the database changes: a keystroke costs a few C-speed string scans and
rapidfuzz over a few thousand candidates at most, and no SQL. Spellings of one indicator are one family
(kb.vocab.families: '服务对象满意率' and '服务对象的满意度' too), counted and ranked as one, and every hit carries the
spellings it holds (`NameHit.variants`, shown by every face: kb.vocab.families.spellings_note). `count_names` then
counts the uses of the names found (projects, regions, usual level, target spread): from the names' totals kept by
the import (kb.ingest.totals, a few rows per name), or within filters by SQL over every use of them; cached and
interruptible, so an app shows the names at once and their counts as they come; `search_names` does both.
`precedents` lists the uses of chosen names; `target_spread` and `target_summary` say which targets were chosen,
targets that mean the same counted as one (kb.vocab.targets.value_buckets: '=0', '0起' and '≤0' are '=0').
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kb.find.name_index import NameGroup, NameIndex, cached, group_key
from kb.find.near_names import KEYS, is_pinyin, near_misses
from kb.find.gil import STOP_CHECK, Query, read_rows, read_tables
from kb.vocab.families import family_key, offered_name, spellings_note
from kb.find.queries import DEPARTMENT_MARK
from kb.find.search import Filters, filter_sql
from kb.vocab.numbers import median
from kb.vocab.targets import QUALITATIVE, normal_target, value_buckets
from kb.vocab.tokens import MAX_QUERY_CHARS, query_words

__all__ = [
    "NameHit",
    "Precedent",
    "common_line",
    "count_names",
    "family_key",
    "find_names",
    "group_key",
    "name_index",
    "normal_target",
    "precedents",
    "search_names",
    "spellings_note",
    "target_labels",
    "target_spread",
    "target_summary",
]

MATCHES = ("exact", "substring", "synonym", "pinyin", "fuzzy")  # best first
# as the faces say them; 同义: holding another spelling with a short name (kb.vocab.name_spellings: 医保 / 医疗保障)
MATCH_WORDS = {"exact": "完全", "substring": "包含", "synonym": "同义", "pinyin": "拼音", "fuzzy": "近似"}
COUNT_BATCH = 10  # names counted per statement: an interrupted count keeps the batches already done
_OPERATOR_ORDER = {op: n for n, op in enumerate("≥>=≤<±")}


@dataclass
class NameHit:
    name: str  # the spelling offered: the most used variant without a stop after it (kb.vocab.families.offered_name)
    variants: list[str]  # every spelling of its family (kb.vocab.families) as printed, most used first (the name
    # among them unless offered without the stop printed after it: `others` are those besides the name)
    match: str  # 'exact' | 'substring' | 'synonym' | 'pinyin' | 'fuzzy'
    score: float  # 0–100: the share of the name the query covers, or the rapidfuzz score
    uses: int  # how many indicator rows use any variant
    # Filled by count_names (None until counted):
    projects: int | None = None  # how many projects use any variant
    regions: int | None = None  # in how many regions
    std_level1: str | None = None  # the most common standard levels of its uses
    std_level2: str | None = None
    common_target: str = ""  # the most common normalised target ('≥90%') or qualitative word; '' if none
    spread: list[tuple[str, int]] | None = None  # how many chose each target (see target_spread), all uses

    @property
    def counted(self) -> bool:
        return self.projects is not None

    @property
    def others(self) -> list[str]:
        """The spellings besides the name shown: all the variants when it is offered clean of a printed stop."""
        return [v for v in self.variants if v != self.name]

    @property
    def spellings(self) -> str:
        """' (+2 种写法: 服务对象满意度（%）, 服务对象满意率)' when the family holds other spellings, else ''."""
        return spellings_note(self.name, self.variants)


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


def _spread(uses: Iterable[tuple[str | None, float | None, str | None, str | None, int]]) -> list[tuple[str, int]]:
    """(target, count) for (operator, value, unit, target, count) rows, targets that mean the same as one
    (kb.vocab.targets.value_buckets): numeric ones by operator, value and unit, then qualitative words, most chosen
    first."""
    rows = list(uses)
    counts: Counter[str] = Counter()
    numeric: dict[str, tuple] = {}  # label → (operator rank, value, unit) for numeric ones
    for (operator, value, unit, text), row in zip(value_buckets([r[:4] for r in rows], [r[4] for r in rows]), rows):
        if text is None:
            continue
        counts[text] += row[4]
        if operator is not None and operator != QUALITATIVE and value is not None:
            numeric[text] = (_OPERATOR_ORDER.get(operator, len(_OPERATOR_ORDER)), value, unit or "")

    def order(item: tuple[str, int]) -> tuple:
        text, n = item
        return (0, *numeric[text]) if text in numeric else (1, -n, text)

    return sorted(counts.items(), key=order)


def _most_common(spread: list[tuple[str, int]]) -> str | None:
    """The most chosen target; on a tie the first in spread order."""
    return max(spread, key=lambda kv: kv[1])[0] if spread else None


def target_spread(precedents: Iterable[Precedent]) -> list[tuple[str, int]]:
    """How many chose each target: [('≥85%', 3), ('≥90%', 10), ('=100%', 2), ('合规', 4)] — numeric ones ordered by
    operator then value, qualitative words after them (most chosen first); targets that mean the same are one
    ('=0' holds '0起' and '≤0'; '≥90%' holds '≥90' beside it)."""
    return _spread((p.operator, p.value, p.unit, p.target, 1) for p in precedents)


def hits_spread(hits: Iterable[dict]) -> list[tuple[str, int]]:
    """target_spread of search hits (dicts with operator, value, unit and target, as kb.find.search gives them)."""
    return _spread((h.get("operator"), h.get("value"), h.get("unit"), h.get("target"), 1) for h in hits)


def target_labels(precedents: list[Precedent]) -> list[str | None]:
    """Each precedent's target as target_spread counts it ('=0' for '0起'), in the same order."""
    return [b[3] for b in value_buckets([(p.operator, p.value, p.unit, p.target) for p in precedents])]


def target_summary(precedents: Iterable[Precedent]) -> dict:
    """{'count', 'most_common', 'most_common_n', 'of', 'median', 'min', 'max', 'unit'}: the most common numeric target
    in any unit (on a tie, one of the most common unit) and how many of the `of` precedents with a target chose it
    (targets that mean the same as one: '=0' holds '0起'), then median and range over the numeric targets of the most
    common unit (None values without a numeric target)."""
    precedents = list(precedents)
    buckets = value_buckets([(p.operator, p.value, p.unit, p.target) for p in precedents])
    numeric = [b for b in buckets if b[1] is not None and b[0] not in (None, QUALITATIVE)]
    of = sum(b[3] is not None for b in buckets)
    if not numeric:
        return {
            "count": 0,
            "most_common": None,
            "most_common_n": 0,
            "of": of,
            "median": None,
            "min": None,
            "max": None,
            "unit": None,
        }
    unit = Counter(b[2] for b in numeric).most_common(1)[0][0]
    chosen = [b for b in numeric if b[2] == unit]
    values = [b[1] for b in chosen if b[1] is not None]
    spread = _spread((op, value, u, label, 1) for op, value, u, label in numeric)
    in_unit = {b[3] for b in chosen}
    most = _most_common(sorted(spread, key=lambda kv: kv[0] not in in_unit))  # (on a tie, one of the median's unit)
    return {
        "count": len(chosen),
        "most_common": most,
        "most_common_n": dict(spread)[most] if most else 0,
        "of": of,
        "median": median(values),
        "min": min(values),
        "max": max(values),
        "unit": unit,
    }


def common_line(summary: dict) -> str:
    """'最常见 most common =0（3 个先例中 2 个 2 of 3）' for a target_summary; '' without a numeric target."""
    if not summary.get("most_common"):
        return ""
    n, of = summary["most_common_n"], summary["of"]
    return f"最常见 most common {summary['most_common']}（{of} 个先例中 {n} 个 {n} of {of}）"


@dataclass
class _Counts:
    projects: int
    regions: int
    std_level1: str | None
    std_level2: str | None
    spread: list[tuple[str, int]]


@dataclass
class _State:
    """What one connection's searches reuse until the database changes."""

    version: tuple[int, int]
    index: NameIndex | None = None  # loaded by the first name search
    filtered: dict[tuple, NameIndex] = field(default_factory=dict)  # by filter key
    counts: dict[tuple, _Counts] = field(default_factory=dict)  # by (filter key, variants)

    def names(self, conn: sqlite3.Connection) -> NameIndex:
        if self.index is None:
            self.index = cached(conn)
        return self.index


_MAX_FILTERED, _MAX_COUNTS = 8, 20_000


def _state(conn: sqlite3.Connection) -> _State:
    """The connection's cache (kb.db.Connection.cache: it lives and dies with the connection, owned by whoever
    holds that), started again when any connection has written to the database since. A connection opened by
    another host of the database caches nothing."""
    version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    cache = getattr(conn, "cache", None)
    state = cache.get(__name__) if cache is not None else None
    if not isinstance(state, _State) or state.version != version:
        state = _State(version)
        if cache is not None:
            cache[__name__] = state
    return state


def name_index(conn: sqlite3.Connection) -> NameIndex:
    """The connection's name index (kb.find.name_index.cached), loaded once until the base changes."""
    return _state(conn).names(conn)


def _filter_key(filters: Filters) -> tuple:
    return (filters.region or None, filters.year or None, filters.level or None, filters.department or None)


def _index(conn: sqlite3.Connection, state: _State, filters: Filters) -> NameIndex:
    """The names with uses within the filters, counted within them."""
    fkey = _filter_key(filters)
    if not any(fkey):
        return state.names(conn)
    if fkey not in state.filtered:
        params: dict = {}
        where = filter_sql(filters, params)
        # Projects first: a region, year or department filter selects few of them, and indicators are indexed by
        # project.
        source = "projects p CROSS JOIN indicators i ON i.project_id = p.id" if filters.on_projects else "indicators i"
        uses = Counter(r[0] for r in conn.execute(f"SELECT i.name_id FROM {source} WHERE 1 {where}", params))
        state.filtered[fkey] = state.names(conn).restricted(uses)
        while len(state.filtered) > _MAX_FILTERED:
            del state.filtered[next(iter(state.filtered))]
    return state.filtered[fkey]


def _rank(hit: NameHit) -> tuple:
    kind = MATCHES.index(hit.match)
    if hit.match == "fuzzy":
        return (kind, -hit.score, -hit.uses, len(hit.name), hit.name)
    return (kind, -hit.uses, len(hit.name), hit.name)


def find_names(conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 50) -> list[NameHit]:
    """Indicator names matching `query`, not counted yet (see count_names): the exact name first, then names
    containing it (most used first, then shorter), then those holding another spelling of it with a short name
    (医保 / 医疗保障: kb.vocab.name_spellings), then pinyin (initials 'myd' or full 'manyidu'), then near misses;
    an empty query gives the most used names. Filters restrict the uses counted and shown."""
    filters = filters or Filters()
    if limit <= 0:
        return []
    query = (query or "")[:MAX_QUERY_CHARS]
    index = _index(conn, _state(conn), filters)

    def near(shown: set[str], room: int) -> list[tuple[NameGroup, float]] | None:
        """The near misses `kb search` suggests (kb.find.near_names), one answer; None where it leaves them to the
        index (满易度 shares no bigram with a name)."""
        misses = near_misses(conn, query, shown, room)
        return None if misses is None else [(NameGroup(f[0].partition(KEYS)[0], f[2], f[1]), s) for f, s in misses]

    # near misses of a word in characters, unfiltered, as `kb search` finds them
    key = group_key(query)
    theirs = not any(_filter_key(filters)) and len(query_words(query)) == 1 and not is_pinyin(key) and key.isalnum()
    hits = [
        NameHit(offered_name(g.members[0][1]), [m[1] for m in g.members], match, score, g.uses)
        for g, match, score in index.find(query, limit, near if theirs else None)
    ]
    return sorted(hits, key=_rank)


def _count(conn: sqlite3.Connection, hits: list[NameHit], filters: Filters) -> dict[int, _Counts]:
    """Projects, regions, usual levels and target spread of each hit's uses within the filters, by position: from the
    names' kept totals when nothing is filtered, else from the uses."""
    if not any(_filter_key(filters)):
        return _from_totals(conn, hits)
    return _from_uses(conn, hits, filters)


def _pairs(hits: list[NameHit]) -> str:
    return json.dumps([[name, n] for n, h in enumerate(hits) for name in h.variants], ensure_ascii=False)


def _usual(levels: Counter | None) -> tuple[str | None, str | None]:
    """The most common standard levels; on a tie a known first level, then the first in order (None first)."""
    if not levels:
        return None, None
    order = lambda kv: (-kv[1], kv[0][0] is None, kv[0][0] or "", kv[0][1] is not None, kv[0][1] or "")  # noqa: E731
    return min(levels.items(), key=order)[0]


def _from_uses(conn: sqlite3.Connection, hits: list[NameHit], filters: Filters) -> dict[int, _Counts]:
    """The counts read from every use of the hits' names within the filters."""
    params: dict = {"pairs": _pairs(hits)}
    where = filter_sql(filters, params)
    uses = """(SELECT json_extract(value, '$[0]') AS name, json_extract(value, '$[1]') AS k
        FROM json_each(:pairs)) g JOIN indicator_names n ON n.name = g.name
        CROSS JOIN indicators i ON i.name_id = n.id"""
    with_projects = f"FROM {uses} JOIN projects p ON p.id = i.project_id WHERE 1 {where}"
    # Levels and targets are on the indicator rows: projects are read only for a filter on theirs.
    source = with_projects if filters.on_projects else f"FROM {uses} WHERE 1 {where}"
    counted, described = read_tables(
        conn,
        params,
        Query(
            f"SELECT g.k, count(DISTINCT i.project_id), count(DISTINCT p.region) {with_projects} GROUP BY g.k",
            ("k", "projects", "regions"),
        ),
        Query(
            f"""SELECT g.k, i.std_level1, i.std_level2, i.operator, i.value, i.unit,
            CASE WHEN i.value IS NULL THEN i.target END, count(*) {source} GROUP BY 1, 2, 3, 4, 5, 6, 7""",
            ("k", "std1", "std2", "operator", "value", "unit", "target", "uses"),
            real="value",
        ),
    )
    counts = {k: (projects, regions) for k, projects, regions in counted}
    levels: defaultdict[int, Counter] = defaultdict(Counter)
    targets: defaultdict[int, list] = defaultdict(list)
    for k, std1, std2, op, value, unit, target, n in described:
        levels[k][(std1, std2)] += n
        targets[k].append((op, value, unit, target, n))
    out = {}
    for n in range(len(hits)):
        projects, regions = counts.get(n, (0, 0))
        out[n] = _Counts(projects, regions, *_usual(levels.get(n)), _spread(targets.get(n, [])))
    return out


def _from_totals(conn: sqlite3.Connection, hits: list[NameHit]) -> dict[int, _Counts]:
    """The counts read from the names' totals kept by the import (kb.ingest.totals): a few rows per name. The
    projects of a family of several spellings are those of its spelling in most projects, and those of the others
    where that one is not used (read from the index of the uses; whichever spelling is first, that is the projects
    using any). One statement for all (kb.find.gil)."""
    params = {"pairs": _pairs(hits)}
    names = """(SELECT json_extract(value, '$[0]') AS name, json_extract(value, '$[1]') AS k
        FROM json_each(:pairs)) g JOIN indicator_names n ON n.name = g.name"""
    # a hit's spellings, 1 for the one in most projects
    ranked = f"""(SELECT g.k AS k, n.id AS id, n.projects AS projects,
        row_number() OVER (PARTITION BY g.k ORDER BY n.projects DESC) AS r FROM {names} WHERE n.projects > 0)"""
    family, placed, targeted = read_tables(
        conn,
        params,
        Query(  # its projects, and those using another spelling but not it (the (name_id, project_id) index alone)
            f"""SELECT f.k, f.projects + count(DISTINCT i.project_id) FROM {ranked} f
            LEFT JOIN {ranked} o ON o.k = f.k AND o.r > 1 LEFT JOIN indicators i ON i.name_id = o.id
            AND NOT EXISTS (SELECT 1 FROM indicators a WHERE a.name_id = f.id AND a.project_id = i.project_id)
            WHERE f.r = 1 GROUP BY f.k""",
            ("k", "projects"),
        ),
        Query(
            f"""SELECT g.k, nullif(l.region, x''), nullif(l.std_level1, x''), nullif(l.std_level2, x''), l.uses
            FROM {names} JOIN name_levels l ON l.name_id = n.id""",
            ("k", "region", "std1", "std2", "uses"),
        ),
        Query(
            f"""SELECT g.k, nullif(t.operator, x''), nullif(t.value, x''), nullif(t.unit, x''), nullif(t.target, x''),
            sum(t.uses) FROM {names} JOIN name_targets t ON t.name_id = n.id GROUP BY 1, 2, 3, 4, 5""",
            ("k", "operator", "value", "unit", "target", "uses"),
            real="value",
        ),
    )
    projects = dict(family)
    regions: defaultdict[int, set] = defaultdict(set)
    levels: defaultdict[int, Counter] = defaultdict(Counter)
    for k, region, std1, std2, n in placed:
        regions[k].add(region)
        levels[k][(std1, std2)] += n
    targets: defaultdict[int, list] = defaultdict(list)
    for k, *target in targeted:
        targets[k].append(tuple(target))
    out = {}
    for n in range(len(hits)):
        places = len(regions.get(n, set()) - {None})
        out[n] = _Counts(projects.get(n, 0), places, *_usual(levels.get(n)), _spread(targets.get(n, [])))
    return out


def count_names(
    conn: sqlite3.Connection,
    hits: list[NameHit],
    filters: Filters | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[NameHit]:
    """The hits with their projects, regions, usual levels, common target and target spread filled in (copies;
    cached until the database changes). When `stop()` turns true the SQL is interrupted and the hits not counted
    yet come back as they are (`counted` False)."""
    filters = filters or Filters()
    fkey = _filter_key(filters)
    state = _state(conn)
    missing = [h for h in hits if (fkey, tuple(h.variants)) not in state.counts]
    if stop is not None:
        conn.set_progress_handler(stop, STOP_CHECK)
    try:
        for start in range(0, len(missing), COUNT_BATCH):
            batch = missing[start : start + COUNT_BATCH]
            try:
                counted = _count(conn, batch, filters)
            except sqlite3.OperationalError:
                if stop is not None and stop():
                    break
                raise
            if len(state.counts) > _MAX_COUNTS:
                state.counts.clear()
            for n, hit in enumerate(batch):
                state.counts[(fkey, tuple(hit.variants))] = counted[n]
    finally:
        if stop is not None:
            conn.set_progress_handler(None, 0)
    return [_counted(hit, state.counts.get((fkey, tuple(hit.variants)))) for hit in hits]


def _counted(hit: NameHit, c) -> NameHit:
    """A copy of `hit` with its counts (the hit itself while it has none)."""
    if c is None:
        return hit
    return replace(
        hit,
        projects=c.projects,
        regions=c.regions,
        std_level1=c.std_level1,
        std_level2=c.std_level2,
        spread=c.spread,
        common_target=_most_common(c.spread) or "",
    )


def search_names(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 50
) -> list[NameHit]:
    """`find_names`, counted (see count_names)."""
    return count_names(conn, find_names(conn, query, filters, limit), filters)


_PRECEDENT_COLUMNS = tuple(
    """indicator_id project_id project region year department level1 level2 std_level1 std_level2 name target
    operator value unit level_inferred indicator_year""".split()
)


def precedents(
    conn: sqlite3.Connection, names: Iterable[str], filters: Filters | None = None, limit: int | None = None
) -> list[Precedent]:
    """Every use of these names (e.g. a NameHit's variants) within the filters, newest year first, then in the
    order they were stored; for one name, the newest `limit` are read along the (name_id, year) index."""
    names = list(names)
    params: dict = {"names": json.dumps(names, ensure_ascii=False), "name": names[0] if names else None}
    where = filter_sql(filters or Filters(), params)
    which = "n.name = :name" if len(names) == 1 else "n.name IN (SELECT value FROM json_each(:names))"
    # (the project's name as kb.find.queries.listed_name gives it, in SQL)
    sql = f"""SELECT i.id, i.project_id, p.name || CASE WHEN p.kind = 'department' AND instr(p.name, '部门整体') = 0
        THEN '{DEPARTMENT_MARK}' ELSE '' END,
        p.region, p.year, p.department, i.level1, i.level2, i.std_level1, i.std_level2, i.name,
        coalesce(i.target, ''), i.operator, i.value, i.unit, i.level_inferred, i.year
        FROM indicator_names n CROSS JOIN indicators i ON i.name_id = n.id JOIN projects p ON p.id = i.project_id
        WHERE {which} {where} ORDER BY i.year DESC, i.id"""
    if limit is not None:
        params["limit"] = limit
        sql += " LIMIT :limit"
    rows = read_rows(conn, sql, params, _PRECEDENT_COLUMNS, real="value")
    rows.sort(key=lambda row: (row[-1] is None, -(row[-1] or 0), row[0]))  # the ORDER BY again: read_rows keeps none
    return [Precedent(*(*row[:-2], bool(row[-2]))) for row in rows]
