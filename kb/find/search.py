"""Full-text search over indicator names and projects (name, overview, goal): exact substring semantics, for each
word of a query (kb.vocab.tokens.query_words: '烟台 救助' finds what holds both, in any order).

Only `sqlite3` is imported here: `kb search` must start fast.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections import namedtuple
from collections.abc import Iterable

from kb.errors import KbError
from kb.find.common_names import CommonNames
from kb.find.counts import Count
from kb.vocab.departments import department_sql
from kb.vocab.name_spellings import other_spellings
from kb.vocab.tokens import (
    MAX_QUERY_CHARS,
    fold,
    match_expression,
    needs_recheck,
    one_character,
    query_words,
    words_expression,
)

SUGGEST_BELOW = 3  # indicator hits under which names spelt in pinyin or nearly are suggested
SUGGESTIONS = 5
SUGGESTED_MATCHES = ("exact", "substring", "pinyin", "fuzzy")  # a suggestion's `match` (listed in docs/search.md)

LEVELS = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "成本": "成本指标"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# spaces between two Chinese characters: Chinese is written without them, a name copied from a PDF has them
_HAN_GAP = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\s+(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


# Named tuples, not dataclasses: importing dataclasses costs ~6 ms, a sixth of the whole `kb search` command.
class Filters(namedtuple("Filters", "region year level department")):
    """region: a substring of the region ('宁波' matches 宁波市 and 宁波市奉化区); year: a budget year;
    level: 产出 / 效益 / 满意度 / 成本, or a level 2 (数量, 质量, 社会效益 …), with or without 指标, or as the tables
    print it (产出·质量, 成本·经济), kept as its standard name; department: a substring of the project's
    department ('公安' matches 北京市公安局 and 福州市公安局交通管理支队), or of its usual short name or full name
    (kb.vocab.departments: '人社' matches 北京市人力资源和社会保障局)."""

    __slots__ = ()

    def __new__(
        cls, region: str | None = None, year: int | None = None, level: str | None = None, department: str | None = None
    ):
        if level:
            # a large vocabulary: only a level filter pays for it
            from kb.vocab.levels import level2_of_short, standard_level2

            key = level.strip().removesuffix("指标")
            level = (
                LEVELS.get(key)
                or LEVELS.get(key + "度")  # (满意 for 满意度, as said)
                or standard_level2(key)
                or level2_of_short(key)  # as the tables print it: 产出·质量, 成本·经济
            )
            if level is None:
                raise KbError(
                    f"没有这个层级 {key!r}：请用 {'、'.join(LEVELS)}，或二级指标如 数量、质量、社会效益、成本·经济 "
                    f"unknown level: use one of {', '.join(LEVELS)} or a level 2"
                )
        return super().__new__(cls, region, year, level, department)

    @property
    def said(self) -> str:
        """The filters as a list says them: '地区 宁波，年度 2025，部门 公安' ('' for none)."""
        given = (("地区", self.region), ("年度", self.year), ("层级", self.level), ("部门", self.department))
        return "，".join(f"{label} {value}" for label, value in given if value)

    @property
    def on_projects(self) -> bool:
        """Whether the filters are on the projects' columns (region, year, department), not only the indicators'."""
        return bool(self.region or self.year or self.department)


class SearchResult(
    namedtuple(
        "SearchResult",
        "query indicator_total project_total indicators projects suggestions evaluated_total evaluated words regions "
        "spellings",
        defaults=((), 0, (), (), (), ()),
    )
):
    __slots__ = ()

    def as_dict(self) -> dict:
        return {
            "query": self.query,
            # what each hit holds, in any order: the query's words (kb.vocab.tokens.query_words), or the query
            "words": list(self.words) or [self.query],
            "total": {
                "indicators": self.indicator_total,
                "projects": self.project_total,
                "self_evaluated": self.evaluated_total,
            },
            # False: the total is an estimate (a common query: counting every hit would cost more than the page)
            "indicators_total_exact": getattr(self.indicator_total, "exact", True),
            "projects_total_exact": getattr(self.project_total, "exact", True),
            "indicators": self.indicators,
            "projects": self.projects,
            "suggestions": list(self.suggestions),
            # rows of self-evaluations (自评表) whose indicator name contains the query: what units reported
            "self_evaluated": {"total": self.evaluated_total, "rows": list(self.evaluated)},
            # words naming a stored region (烟台 of '烟台 满意度'): no indicator name holds its region, --region does
            "region_words": list(self.regions),
            # the query's other spellings with a short name that indicator names hold (医保: 医疗保障, 医疗保险),
            # each {'query', 'indicators'}: searched on their own, never counted among these hits
            "other_spellings": list(self.spellings),
        }


def clean_query(query: str) -> str:
    """The query without control characters; KbError for an empty or over-long query."""
    q = _CONTROL.sub(" ", query or "").strip()
    if not q:
        raise KbError("查询为空，请给出要查的文字，如 kb search 满意度 empty query: give some characters to search for")
    if len(q) > MAX_QUERY_CHARS:
        raise KbError(f"查询太长 query too long ({len(q)} characters; the limit is {MAX_QUERY_CHARS})")
    return q


def parsed(query: str) -> tuple[str, list[str]]:
    """(the query, its words: kb.vocab.tokens.query_words), the query being its one word when it has one ('"烟台 救助"'
    in quotes: 烟台 救助); KbError as for clean_query."""
    q = clean_query(query)
    words = query_words(q)
    return (words[0] if len(words) == 1 else q), words


def holds_words(column: str, words: list[str], params: dict) -> str:
    """SQL true when `column`, folded, holds each of the folded `words` (kb.vocab.tokens.words_expression's to
    check); their parameters added to `params`."""
    params.update({f"w{k}": word for k, word in enumerate(words)})
    return " AND ".join(f"instr(kb_fold({column}), :w{k}) > 0" for k in range(len(words))) or "1"


def filter_sql(filters: Filters, params: dict, with_level: bool = True) -> str:
    """SQL conditions (on `p` = projects, `i` = indicators) for the filters; fills `params`."""
    sql = ""
    if filters.region:
        params["region"] = filters.region
        sql += " AND instr(p.region, :region) > 0"
    if filters.year:
        params["year"] = filters.year
        sql += " AND p.year = :year"
    if filters.department:
        sql += " AND " + department_sql("p", filters.department, params)
    if with_level and filters.level:
        params["level"] = filters.level
        sql += f" AND i.std_level{1 if filters.level in LEVELS.values() else 2} = :level"
    return sql


_INDICATOR_COLUMNS = """i.id, i.project_id, p.name AS project, p.kind AS project_kind, p.region, p.year, p.department,
    p.implementing_unit, i.level1, i.level2, i.std_level1, i.std_level2, i.level_inferred, i.name, i.operator,
    i.value, i.unit, i.target, n.uses AS name_uses"""


def _name_matches(q: str, words: list[str], params: dict) -> str:
    """A sub-select of matching indicator_names ids: holding `q`, or each of its `words` when they are several."""
    params["q"] = q
    if len(words) > 1:
        return _all_words(words, params)
    expr = match_expression(q)
    params["folded"] = fold(q)
    if expr is None:
        return "SELECT id AS name_id FROM indicator_names WHERE instr(kb_fold(name), :folded) > 0"
    params["expr"] = expr
    sql = "SELECT names_fts.rowid AS name_id FROM names_fts WHERE names_fts MATCH :expr"
    if needs_recheck(q):
        sql = (
            f"SELECT m.name_id FROM ({sql}) m JOIN indicator_names n2 ON n2.id = m.name_id "
            "WHERE instr(kb_fold(n2.name), :folded) > 0"
        )
    return sql


def _all_words(words: list[str], params: dict) -> str:
    """A sub-select of the ids of the indicator names holding every word: the index's hits of all the words
    (FTS5 intersects their postings), then a substring test of the words it leaves out or over-matches."""
    expr, checks = words_expression(words)
    if expr is None:
        return f"SELECT id AS name_id FROM indicator_names WHERE {holds_words('name', checks, params)}"
    params["expr"] = expr
    sql = "SELECT names_fts.rowid AS name_id FROM names_fts WHERE names_fts MATCH :expr"
    if checks:
        sql = (
            f"SELECT m.name_id FROM ({sql}) m JOIN indicator_names n2 ON n2.id = m.name_id "
            f"WHERE {holds_words('n2.name', checks, params)}"
        )
    return sql


def search_indicators(
    conn: sqlite3.Connection, query: str, filters: Filters, limit: int = 20, offset: int = 0
) -> tuple[Count, list[dict]]:
    """(how many indicators have a name containing `query` (each of its words, kb.vocab.tokens.query_words) — a
    `Count`, estimated for a common one-character query — and the top `limit` of them).

    Ranked: the exact name first, then names used more often, shorter names; within a name, newer years first.
    The matching distinct names are ranked first (a small set); indicators are then read for the best names
    only, newest first along the (name_id, year) index, so a common query sorts no indicator rows.
    """
    q, words = parsed(query)
    params: dict = {}
    matches = _name_matches(q, words, params)
    # 率: tens of thousands of names; the most used are read first, and only until the page is full
    common = CommonNames(conn, q) if len(words) == 1 and one_character(q) else None
    names: Iterable[tuple[int, int]] = common or []
    if common is None:
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: a common query matches thousands of names
        names = cursor.execute(
            f"""SELECT n.id, n.uses FROM ({matches}) m JOIN indicator_names n ON n.id = m.name_id WHERE n.uses > 0
            ORDER BY (n.name = :q) DESC, n.uses DESC, length(n.name), n.id""",
            params,
        ).fetchall()
    where = filter_sql(filters, params)
    need = limit + offset
    hits: list[dict] = []
    ranked = iter(names)
    for name_id, _ in ranked if need else ():  # (limit 0: the count alone, as of the query's other spellings)
        params.update(name_id=name_id, remaining=need - len(hits))
        hits += [
            dict(r)
            for r in conn.execute(
                f"""SELECT {_INDICATOR_COLUMNS} FROM indicators i JOIN indicator_names n ON n.id = i.name_id
            JOIN projects p ON p.id = i.project_id WHERE i.name_id = :name_id {where}
            ORDER BY i.year DESC, i.id LIMIT :remaining""",
                params,
            )
        ]
        if len(hits) >= need:
            break
    if where:
        total = Count(
            conn.execute(
                f"""SELECT count(*) FROM ({matches}) m JOIN indicators i ON i.name_id = m.name_id
            JOIN projects p ON p.id = i.project_id WHERE 1 {where}""",
                params,
            ).fetchone()[0]
        )
    elif common is not None:
        total = common.total(matches, params)
    else:
        total = Count(sum(uses for _, uses in names))
    close = getattr(ranked, "close", None)
    if close:
        close()  # the uses index's statement, left open where the page filled
    return total, hits[offset:need]


def unspaced(query: str) -> str | None:
    """The query without its spaces between Chinese characters ('满 意 度' copied from a PDF's spaced text: 满意度),
    to search for when the query as typed finds nothing (a few stored names hold such a space); None when it has
    none."""
    joined = _HAN_GAP.sub("", query)
    return joined if joined != query else None


def search(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0
) -> SearchResult:
    """Indicators whose name contains `query` (each with its peers' self-reported `outcomes`, kb.find.outcomes),
    projects whose name, overview or goal contains it, and self-evaluated rows whose name contains it
    (kb.find.evaluations); `limit` of each kind after the first `offset` (a page). A query of several words
    (kb.vocab.tokens.query_words: '烟台 救助', '"烟台 救助" 项目') finds what holds each of them, in any order. When
    nothing contains it, the query without its spaces between Chinese characters (`unspaced`), whose result says so
    by its query (for several words, only when that finds something).

    With a level filter, only indicators are searched (a project has no level). The `kb search` command and the
    served base's /-/search both call this, so both find the same.
    """
    filters = filters or Filters()
    typed = clean_query(query)  # (searched as typed: the functions below take its words apart alike)
    q, words = parsed(typed)
    joined = unspaced(q if len(words) == 1 else typed)
    found = _search(conn, typed, filters, limit, offset, suggest=joined is None)
    if joined is None:
        return found
    if not _anything(found):
        again = _search(conn, joined, filters, limit, offset, suggest=len(words) == 1)
        if len(words) == 1 or _anything(again):
            return again
    if found.indicator_total < SUGGEST_BELOW:  # (left until the query as typed was known to find something)
        found = found._replace(suggestions=_suggestions(conn, typed, filters, found.indicators, limit))
    return found


def _anything(found: SearchResult) -> bool:
    return bool(found.indicator_total or found.project_total or found.evaluated_total)


def _search(
    conn: sqlite3.Connection, q: str, filters: Filters, limit: int, offset: int, suggest: bool = True
) -> SearchResult:
    """`search` of the query as it is; its 'did you mean' names only when `suggest`."""
    shown_query, words = parsed(q)
    try:
        n_ind, indicators = search_indicators(conn, q, filters, limit, offset)
        if n_ind < SUGGEST_BELOW and "rapidfuzz.process" not in sys.modules:
            _load_scorer()
        n_proj, projects = (Count(0), []) if filters.level else search_projects(conn, q, filters, limit, offset)
    except sqlite3.OperationalError as exc:
        raise KbError(f"查询失败 search failed: {exc}") from exc
    evaluated: list[dict] = []
    n_evaluated = 0
    if conn.execute("SELECT EXISTS (SELECT 1 FROM outcomes)").fetchone()[0]:
        from kb.find.evaluations import search_self_evaluated  # only a base with self-evaluations pays for these
        from kb.find.outcomes import add_outcomes

        add_outcomes(conn, indicators)
        n_evaluated, evaluated = search_self_evaluated(conn, q, filters, limit, offset)
    else:
        for hit in indicators:
            hit["outcomes"] = None
    return SearchResult(
        shown_query,
        n_ind,
        n_proj,
        indicators,
        projects,
        _suggestions(conn, q, filters, indicators, limit)
        if suggest and n_ind < SUGGEST_BELOW
        else _used_more(conn, shown_query, filters, indicators)
        if suggest and len(words) == 1
        else (),
        n_evaluated,
        evaluated,
        tuple(words) if len(words) > 1 else (),
        _region_words(conn, words) if len(words) > 1 and not filters.region else (),
        _other_spellings(conn, q, filters) if len(words) == 1 else (),
    )


def _used_more(conn: sqlite3.Connection, q: str, filters: Filters, hits: list[dict]) -> tuple[dict, ...]:
    """Unfiltered, the query's indicator under another spelling used more (kb.find.near_names.other_spelling:
    服务对象满意度 for 服务对象满意率), as F3 shows it first: a query finding enough indicators is offered this only.
    Only where a hit is spelt as the query (most queries: none, and nothing more is read)."""
    from kb.vocab.families import spelling_key

    key = spelling_key(q)
    own = {hit["name"]: hit["name_uses"] for hit in hits if spelling_key(hit["name"]) == key}
    if any(filters) or not own:
        return ()
    from kb.find.near_names import other_spelling

    other = other_spelling(conn, key, own)
    return (other,) if other else ()


def _other_spellings(conn: sqlite3.Connection, q: str, filters: Filters) -> tuple[dict, ...]:
    """The query's other spellings with a short name (kb.vocab.name_spellings) that indicator names hold, each with
    how many indicators (within the filters) it finds as a query of its own."""
    found = []
    for other in other_spellings(q):
        total, _ = search_indicators(conn, other, filters, limit=0)
        if total:
            found.append({"query": other, "indicators": int(total)})
    return tuple(found)


def _region_words(conn: sqlite3.Connection, words: list[str]) -> tuple[str, ...]:
    regions = conn.execute("SELECT DISTINCT region FROM documents WHERE region IS NOT NULL")
    return region_words(words, (r for (r,) in regions))


_PLACE_STARTS = re.compile(r"^|(?<=[省市县区])")  # where a place name starts in a region's ('宁波市|奉化区')


def region_words(words: list[str], regions: Iterable[str]) -> tuple[str, ...]:
    """The words (two characters or more) that name one of `regions`, which the --region filter finds: a word must
    be in the texts, and no indicator's name holds its region ('烟台 满意度' finds none of 烟台's 满意度). A word names
    a region where a place name starts with it, at the start of the region's name or after 省, 市, 县 or 区 (威海,
    奉化 of 宁波市奉化区): 经济 and 技术, inside 威海经济技术开发区, are no place (经济 效益, 技术 服务)."""
    places = {r[m.start() :] for r in map(fold, regions) for m in _PLACE_STARTS.finditer(r)} - {""}
    return tuple(w for w in words if len(w) > 1 and any(p.startswith(fold(w)) for p in places))


def _load_scorer() -> None:
    """Start loading rapidfuzz, which suggestions score with (~20 ms), in a thread, while this one searches the
    projects: SQLite lets go of the GIL while it walks them. `import` waits for a module another thread is loading;
    if loading fails here, the suggestions' own import says why. The standard modules rapidfuzz brings are imported
    here first: one the thread was still loading sat half made in sys.modules, where dataclasses looks typing up
    (`typing.ClassVar` missing: `kb search` failed about once in 700 runs)."""
    import heapq  # noqa: F401
    import threading
    import typing  # noqa: F401

    def load() -> None:
        try:
            import rapidfuzz.process  # noqa: F401
        except Exception:  # noqa: BLE001 (said by the import that needs it)
            pass

    threading.Thread(target=load, name="load-scorer").start()


def what_to_try(query: str) -> str:
    """What to try when a query finds nothing and nothing near it (the command line and the app say it alike)."""
    if fold(query).replace(" ", "").isascii():
        return (
            "试试：直接输入汉字（满意度），拼音首字母（myd），或全拼（manyidu）；"
            "全拼拼错时找相近的名称，但没有的词（如 shoukuan）不会硬凑 "
            "try Chinese characters, pinyin initials (myd) or the whole pinyin (manyidu)"
        )
    return (
        "试试：更短的一部分（满意度），或换一种说法；几个词用空格隔开 try a shorter part, another wording, words apart"
    )


def _suggestions(conn: sqlite3.Connection, q: str, filters: Filters, hits: list[dict], limit: int) -> list[dict]:
    """Names the query spells in pinyin ('myd') or nearly ('满易度'), and those of its family it does not hold
    (服务对象满意率 for 服务对象满意度, kb.vocab.families), as the app finds them: 'did you mean'; those
    spelt in pinyin (the hits of a pinyin query) up to `limit`, a few at least. A near spelling is found through the
    names sharing its bigrams (kb.find.near_names), the name index loaded only for what that cannot find and within
    filters (it counts the uses within them)."""
    shown = {hit["name"] for hit in hits}
    words = query_words(q)
    if len(words) > 1 and not any(fold(w).isascii() for w in words):
        return []  # Chinese words: each found as written (a near name is one name, not words of it)
    if not any(filters) and len(words) == 1:
        from kb.find.near_names import near_names

        near = near_names(conn, q, shown, SUGGESTIONS)
        if near is not None:
            return near
    from kb.find.near_names import shown_already
    from kb.find.precedents import find_names

    most = max(limit, SUGGESTIONS)
    found = [
        h
        for h in find_names(conn, q, filters, most * 2)
        if h.match in SUGGESTED_MATCHES and not shown_already(h.name, h.variants, shown)
    ]
    spelt = min(limit, sum(h.match == "pinyin" for h in found))
    return [
        {"name": h.name, "match": h.match, "uses": h.uses, "variants": h.variants}
        for h in found[: max(spelt, SUGGESTIONS)]
    ]


from kb.find.project_search import search_projects  # noqa: E402  (it reads this module's filters and query rules)

__all__ = [
    "Filters",
    "SearchResult",
    "clean_query",
    "filter_sql",
    "holds_words",
    "parsed",
    "search",
    "search_indicators",
    "search_projects",
    "unspaced",
    "what_to_try",
]
