"""Suggestions for a new goal table, each explained from the knowledge base (no hand-written indicator lists).

- `similar_projects`: existing projects ranked by full-text relevance of the new project's name and overview
  (kb.vocab.tokens bigrams, BM25) plus fuzzy similarity of the names (rapidfuzz), with the terms they share; the
  scores scaled by how much of the new name (its bigrams weighted by rarity) any project holds.
- `classify` / `template`: projects sorted into spending types by keyword rules (`SPENDING_TYPES`, data), then
  for a type the indicators its projects use most, per level-2 slot, with the targets they chose; the spellings of
  one indicator (kb.vocab.families) are one item, never two, and the item lists them.
- `value_suggestion`: for one indicator, what precedents chose (most common, median, range, count).
- `template_rows` / `project_rows`: rows to hand to kb.drafting.drafts.apply_rows.
- `library_hits`: the entries of one's own indicator library (kb.drafting.library) an indicator search finds
  beside its precedents, each marked as 指标库; `value_suggestion` gives the library's entry of the name too.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kb.drafting import library
from kb.drafting.drafts import NewRow, level_order
from kb.errors import KbError
from kb.find.outcomes import advice, outcome_summary, preferred_target
from kb.find.precedents import (
    Precedent,
    family_key,
    find_names,
    group_key,
    precedents,
    target_labels,
    target_spread,
    target_summary,
)
from kb.vocab.families import offered_name
from kb.vocab.levels import COST, QUANTITY
from kb.vocab.targets import QUALITATIVE
from kb.vocab.tokens import fold, runs

# Spending type → keywords looked for in a project's name (counted twice), overview and goal.
SPENDING_TYPES: dict[str, tuple[str, ...]] = {
    "补贴/奖励类": ("补贴", "奖励", "扶持", "补助", "贴息", "补偿", "兑现", "资助", "奖补", "担保"),
    "信息化建设与运维": ("信息化", "系统", "平台", "运维", "数字", "数智", "网络", "软件", "数据"),
    "工程建设与改造": (
        "工程",
        "改造",
        "维修",
        "维护",
        "养护",
        "基础设施",
        "施工",
        "小区",
        "道路",
        "公路",
        "管线",
        "修缮",
    ),
    "会议培训与宣传": ("会议", "培训", "宣传", "展会", "交流", "论坛", "宣讲", "活动"),
    "设备购置": ("购置", "设备", "装备", "家具", "车辆", "器材", "仪器"),
    "课题研究": ("课题", "研究", "调研", "评审", "咨询", "审计", "规划编制"),
    "监管与风险防控": ("监管", "风险", "排查", "防控", "检查", "非法集资", "监测", "疫情"),
    "人才": ("人才", "招聘", "引智", "高层次"),
    "就业与民生": ("就业", "创业", "社区", "民生", "乡村", "群众", "社保", "养老", "救助"),
}
NAME_WEIGHT = 2
# Words holding a keyword of another meaning, read as no keyword (研究生, a graduate student, is no 研究; a 健康检查 is
# a medical one, no inspection).
NOT_KEYWORDS = ("研究生", "健康检查")
# Kinds of service a project whose name ends in one is, whatever field it serves (社保、企业与电子数据审计项目 is an
# audit): they break a tie between types the name holds alike. Not an act on a thing (维护, 购置, 补助): 信息平台维护费
# is the platform's, 软件购置 the software's.
SERVICE_WORDS = frozenset(w for k in ("课题研究", "会议培训与宣传", "监管与风险防控") for w in SPENDING_TYPES[k]) - {
    "活动",  # 就业管理活动经费: activities of the field, no kind of service
    "风险",
    "非法集资",
    "疫情",
}
_NAME_END = re.compile(
    r"(?:项目|经费|资金|费用|专项|工作|支出|业务|服务|费|[一二三四]期|[（(][^（()）]*[)）]|[\s\-—_·、，,])+$"
)  # what names end in
TEXT_WEIGHT, FUZZY_WEIGHT = 0.6, 0.4  # how relevance and name similarity combine (0–1 each)
_CANDIDATES = 200
_MAX_GRAMS = 300
_SEARCHED_GRAMS = 40  # of an overview's, the rarest, that candidates are searched by
NEAR_PROJECTS = 10  # the projects most like a draft that rank spending types and a template's indicators …
NEAR_SHARE = 0.5  # … those at least this share as like it as the likest …
NEAR_SCORE = 30  # … and this like it at least: below, a project shares a word (道路, 补贴) of the name, not its aim


def _unmasked(text: str) -> str:
    """Folded text with NOT_KEYWORDS blanked out."""
    text = fold(text)
    for word in NOT_KEYWORDS:
        text = text.replace(word, " ")
    return text


def _service(title: str) -> str | None:
    """The SERVICE_WORDS keyword a (folded) name ends in, before words any project's name ends in (项目, 经费, 服务,
    a bracket), or None."""
    title = _NAME_END.sub("", title)
    return max((w for w in SERVICE_WORDS if title.endswith(w)), key=len, default=None)


def classify(name: str, overview: str = "", goal: str = "") -> list[tuple[str, int, list[str]]]:
    """Spending types whose keywords occur (in the name, or twice in the text), best first: (type, score, keywords
    found). The name weighs above the text: a type its name holds more comes first, on a tie the type of the kind of
    service the name ends in (`_service`), then the one the text holds more."""
    title, text = _unmasked(name), _unmasked(f"{overview or ''} {goal or ''}")
    ends = _service(title)
    found, order = [], {}
    for kind, words in SPENDING_TYPES.items():
        hits = [w for w in words if w in title or w in text]
        named = sum(NAME_WEIGHT * (w in title) for w in hits)
        score = named + sum(w in text for w in hits)
        if score >= NAME_WEIGHT:
            found.append((kind, score, hits))
            order[kind] = (-named, ends not in hits, -score)
    return sorted(found, key=lambda f: order[f[0]])


def spending_type(name: str, overview: str = "", goal: str = "") -> str | None:
    """The best spending type for a project, or None when no keyword occurs."""
    found = classify(name, overview, goal)
    return found[0][0] if found else None


def rank_types(conn: sqlite3.Connection, name: str, overview: str = "") -> list[tuple[str, int, list[str]]]:
    """`classify`'s types, those of the projects most like the draft first (similar_projects: the sum of their
    scores, each project counted under its own best type), then by keywords: '居家养老服务补贴' holds 补贴 and 养老
    alike, and its like are 养老 projects, not the student aid most 补贴 projects are."""
    found = classify(name, overview)
    if len(found) < 2:
        return found
    near: dict[str | None, float] = {}
    for s, kind in _similar_types(conn, name, overview):
        near[kind] = near.get(kind, 0.0) + s.score
    return sorted(found, key=lambda f: -near.get(f[0], 0.0))


def guess_type(conn: sqlite3.Connection, name: str, overview: str = "") -> str | None:
    """The spending type to propose for a draft (rank_types' first), or None when no keyword occurs."""
    found = rank_types(conn, name, overview)
    return found[0][0] if found else None


def _similar_types(conn: sqlite3.Connection, name: str, overview: str = "") -> list[tuple[Similar, str | None]]:
    """The projects most like a draft (NEAR_PROJECTS at most, each at least NEAR_SHARE as like it as the likest and
    NEAR_SCORE like it), each with its own best spending type."""
    similar = similar_projects(conn, name, overview, NEAR_PROJECTS)
    similar = [s for s in similar if s.score >= max(NEAR_SCORE, NEAR_SHARE * similar[0].score)]
    texts = {
        r["id"]: r
        for r in conn.execute(
            "SELECT id, name, overview, goal FROM projects WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([s.project_id for s in similar]),),
        )
    }
    return [(s, spending_type(*(texts[s.project_id][k] or "" for k in ("name", "overview", "goal")))) for s in similar]


def check_type(kind: str) -> str:
    """`kind` if it is one of SPENDING_TYPES; KbError naming them otherwise."""
    if kind not in SPENDING_TYPES:
        raise KbError(f"没有这种支出类型 unknown spending type {kind!r}: use one of {', '.join(SPENDING_TYPES)}")
    return kind


@dataclass
class Similar:
    project_id: int
    name: str
    region: str | None
    year: int | None
    department: str | None
    score: float  # 0–100
    relevance: float  # full-text relevance relative to the best hit, 0–100
    name_similarity: float  # rapidfuzz ratio of the names, 0–100
    shared: list[str]  # terms of the query found in the project (longest first)
    held: float  # how much (0–100) of the new name the project holding most of it holds: the scale of every score


def _grams(text: str) -> list[str]:
    grams: dict[str, None] = {}
    for run in runs(text):
        for i in range(len(run) - 1):
            grams[run[i : i + 2]] = None
    return list(grams)[:_MAX_GRAMS]


def shared_terms(query: str, text: str, limit: int = 8, held: Callable[[str], int] | None = None) -> list[str]:
    """The longest pieces (2+ characters) of `query` that occur in `text`, longest first; with `held` (how many
    projects hold a bigram), a piece cut through a word is trimmed (`_whole_words`)."""
    haystack, found = fold(text), set()
    for run in runs(query):
        reach = (
            0  # where the pieces found so far end: a piece within one is part of it, trimmed or not (村公 of 农村公)
        )
        for i in range(len(run) - 1):
            j = i + 1
            while j < len(run) and run[i : j + 1] in haystack:
                j += 1
            if j <= reach:
                continue
            reach = j
            start, end = _whole_words(run, i, j, haystack, held) if held else (i, j)
            if end - start >= 2:
                found.add(run[start:end])
    terms = [t for t in found if not any(t != u and t in u for u in found)]
    return sorted(terms, key=lambda t: (-len(t), t))[:limit]


def _whole_words(run: str, start: int, end: int, text: str, held: Callable[[str], int]) -> tuple[int, int]:
    """run[start:end], found in `text`, without a last character that more projects hold with the character after
    it, in the query or in the text, than with the one before ('养老服务补' of 居家养老服务补贴 in 养老服务补助: 补 goes
    with 贴; '农村公' of 农村公路养护 in 农村公益放映: 公 goes with 益), nor a first character so held by the one
    before it: a piece cut through a word is no term."""
    piece = run[start:end]
    after, before = [run[end : end + 1]], [run[start - 1 : start] if start else ""]
    if len(piece) >= 3:  # the text's side trims, never drops a two-character word (养护 of 养护工作: 护工 is held more)
        at = text.find(piece)
        after.append(text[at + len(piece) : at + len(piece) + 1])
        before.append(text[at - 1 : at] if at else "")
    last, first = run[end - 1], run[start]
    if end - start >= 2 and any(c and held(last + c) > held(run[end - 2 : end]) for c in after):
        end -= 1
    if end - start >= 2 and any(c and held(c + first) > held(run[start : start + 2]) for c in before):
        start += 1
    return start, end


class _Held:
    """How many projects' texts hold a bigram (the search index's vocabulary), read once each."""

    def __init__(self, conn: sqlite3.Connection, grams: list[str]) -> None:
        self.conn = conn
        self.known = _docs(conn, grams) if grams else {}
        self.known.update((g, 0) for g in grams if g not in self.known)

    def __call__(self, gram: str) -> int:
        if gram not in self.known:
            self.known[gram] = _docs(self.conn, [gram]).get(gram, 0)
        return self.known[gram]


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)\s*(?:年度|年)?")
_EMPTY_BRACKETS = re.compile(r"[(（]\s*[)）]")


def _without_years(text: str) -> str:
    """A draft's name without its year ('2027年养老服务补贴' → '养老服务补贴'): drafts are named by the year they
    are for, which says nothing of what the project is (its bigrams matched every project naming a year); brackets
    the year leaves empty ('（2026年度）') go with it. Folded first, so a year in full-width digits ('２０２６年') goes
    too (the name's bigrams and its fuzzy match are of the folded text anyway)."""
    return _EMPTY_BRACKETS.sub("", _YEARS.sub(" ", fold(text)))


def _docs(conn: sqlite3.Connection, grams: list[str]) -> dict[str, int]:
    """How many projects' texts hold each gram (the search index's vocabulary)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.projects_fts_terms USING fts5vocab(main, projects_fts, row)")
    return dict(
        conn.execute(
            f"SELECT term, doc FROM temp.projects_fts_terms WHERE term IN ({','.join('?' * len(grams))})", grams
        ).fetchall()
    )


def _weights(conn: sqlite3.Connection, grams: list[str]) -> tuple[dict[str, float], list[str]]:
    """Each gram's weight, and the grams some project holds, rarest first (what candidates are searched by).

    A weight is BM25's inverse document frequency over the projects' texts, so 项目 or 服务 in nearly every project
    weigh little and 助餐 much. A gram in no project weighs most: what the new project is about that no project
    shares (海洋牧场) keeps every project's share low."""
    total = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
    docs = _docs(conn, grams)
    weights = {g: math.log(1 + (total - n + 0.5) / (n + 0.5)) for g in grams for n in [docs.get(g, 0)]}
    return weights, sorted((g for g in grams if docs.get(g)), key=lambda g: (docs[g], g))


def _held(weights: dict[str, float], grams: set[str], text: str) -> float:
    """The share (0–1) of the grams' weight that `text` holds."""
    total = sum(weights.get(g, 0.0) for g in grams)
    return sum(weights.get(g, 0.0) for g in grams if g in text) / total if total else 0.0


def similar_projects(conn: sqlite3.Connection, name: str, overview: str = "", limit: int = 10) -> list[Similar]:
    """Existing projects most like a new one, from its name and overview (years left out).

    Candidates come from the projects' search index (BM25 over the new name's bigrams and the overview's rarest)
    and from names spelled alike (rapidfuzz), ranked by both. BM25 is relative to the best candidate, so every score
    is scaled by how much of the new name the project holding most of it holds (`_held`, weighted by `_weights`): a
    project sharing only 项目 scores low when nothing shares more, not 70."""
    from rapidfuzz import fuzz, process

    name, overview = _without_years(name).strip() or name, _without_years(overview or "")
    grams = _grams(f"{name} {overview}")
    name_grams = set(_grams(name))
    weights: dict[str, float] = {}
    ranks: dict[int, float] = {}
    if grams:
        weights, some_hold = _weights(conn, grams)
        # the new name's grams and the overview's rarest: an OR of a long overview's hundreds of grams, most of them
        # in most projects, ranked every project (1.2 s at 20,000 projects, against 0.06 s)
        searched = [g for g in some_hold if g in name_grams]
        searched += [g for g in some_hold if g not in name_grams][:_SEARCHED_GRAMS]
        if searched:
            ranks = dict(
                conn.execute(
                    "SELECT rowid, bm25(projects_fts, 10.0, 1.0, 3.0) FROM projects_fts WHERE projects_fts MATCH ? "
                    "ORDER BY 2 LIMIT ?",
                    (" OR ".join(f'"{g}"' for g in searched), _CANDIDATES),
                ).fetchall()
            )
    best = min(ranks.values(), default=0.0)  # bm25 is negative, best first
    relevance = {pid: 100.0 * rank / best if best else 0.0 for pid, rank in ranks.items()}
    names = {r[0]: fold(r[1]) for r in conn.execute("SELECT id, name FROM projects")}
    folded = fold(name)
    closest = process.extract(folded, names, scorer=fuzz.ratio, limit=_CANDIDATES, score_cutoff=30)
    similarity = {pid: score for _, score, pid in closest}
    rows = {
        r["id"]: r
        for r in conn.execute(
            "SELECT id, name, region, year, department, overview, goal FROM projects "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(relevance.keys() | similarity.keys())),),
        )
    }
    texts = {pid: " ".join(p[k] or "" for k in ("name", "overview", "goal")) for pid, p in rows.items()}
    held = max((_held(weights, name_grams, fold(text)) for text in texts.values()), default=0.0)
    for pid in rows.keys() - similarity.keys():
        similarity[pid] = fuzz.ratio(folded, names[pid])
    scored = sorted(
        ((held * (TEXT_WEIGHT * relevance.get(pid, 0.0) + FUZZY_WEIGHT * similarity[pid]), pid) for pid in rows),
        key=lambda s: (-s[0], s[1]),
    )[:limit]
    query = f"{name} {overview}"
    held_by = _Held(conn, grams)
    return [
        Similar(
            pid,
            rows[pid]["name"],
            rows[pid]["region"],
            rows[pid]["year"],
            rows[pid]["department"],
            round(score, 1),
            round(relevance.get(pid, 0.0), 1),
            round(similarity[pid], 1),
            shared_terms(query, texts[pid], held=held_by),
            round(100 * held, 1),
        )
        for score, pid in scored
        if score > 0
    ]


@dataclass
class TemplateItem:
    level1: str
    level2: str
    name: str  # the most used spelling, without a stop printed after it (kb.vocab.families.offered_name)
    projects: int  # how many projects of the type use it (in any spelling)
    uses: int
    target: str  # the most common target among them ('' if none)
    summary: dict  # kb.find.precedents.target_summary of their targets
    example: Precedent  # a use with the target proposed
    indicator_ids: list[int] = field(default_factory=list)
    outcomes: dict | None = None  # what peers reported achieving (kb.find.outcomes.outcome_summary)
    advice: str = ""  # when the target proposed is one peers rarely meet, or beat by far
    variants: list[str] = field(default_factory=list)  # its spellings, as offered (name), most used first
    chosen: int = 0  # how many of its uses set the target proposed
    near: int = 0  # how many of the projects most like the draft (Template.near) use it


@dataclass
class Template:
    spending_type: str
    projects: list[tuple[int, str]]  # (id, name) of the knowledge base's projects of this type
    items: list[TemplateItem]
    near: list[tuple[int, str]] = field(default_factory=list)  # (id, name) of its projects most like the draft


_PRECEDENT_COLUMNS = """i.id, i.project_id, p.name, p.region, p.year, p.department, i.level1, i.level2,
    i.std_level1, i.std_level2, i.name, coalesce(i.target, ''), i.operator, i.value, i.unit, i.level_inferred"""


def _precedent(row: sqlite3.Row) -> Precedent:
    return Precedent(*(*row[:-1], bool(row[-1])))


def projects_of_type(conn: sqlite3.Connection, kind: str) -> list[tuple[int, str]]:
    """(id, name) of the projects whose best spending type is `kind`."""
    check_type(kind)
    return [
        (r["id"], r["name"])
        for r in conn.execute("SELECT id, name, overview, goal FROM projects ORDER BY id")
        if spending_type(r["name"], r["overview"], r["goal"]) == kind
    ]


def template(conn: sqlite3.Connection, kind: str, per_slot: int = 2, name: str = "") -> Template:
    """The indicators projects of a spending type use most: up to `per_slot` per (level 1, level 2) slot,
    most projects first, with the targets they chose — the most common, or one nearly as common that the peers who
    set it met more often (kb.find.outcomes.preferred_target). Indicators outside the framework are left out.
    Given the draft's name, those its projects most like the draft use (similar_projects) come first, and of as
    many projects those of the likest: student aid's 受助学生满意度 is most used among 补贴 projects, not what an
    elderly-care subsidy measures; for 执法执勤车辆购置, its namesake's 车辆购置数量 comes before a vehicle upkeep's
    维保车辆数."""
    members = projects_of_type(conn, kind)
    near = {s.project_id: s.name for s, of in _similar_types(conn, name) if of == kind} if name.strip() else {}
    ids = [pid for pid, _ in members]
    groups: dict[str, list[Precedent]] = {}
    for row in conn.execute(
        f"""SELECT {_PRECEDENT_COLUMNS} FROM indicators i JOIN projects p ON p.id = i.project_id
        WHERE i.project_id IN (SELECT value FROM json_each(?)) AND i.std_level1 IS NOT NULL ORDER BY i.id""",
        (json.dumps(ids),),
    ):
        prec = _precedent(row)
        groups.setdefault(family_key(prec.name), []).append(prec)
    slots: dict[tuple[str, str], list[tuple[TemplateItem, int]]] = {}  # each item with its likest user's rank
    rank = {pid: n for n, pid in enumerate(near)}  # near: likest first
    evaluated = conn.execute("SELECT EXISTS (SELECT 1 FROM outcomes)").fetchone()[0]
    for uses in groups.values():
        slot = Counter((u.std_level1 or "", u.std_level2 or "") for u in uses).most_common(1)[0][0]
        spread = target_spread(uses)
        outcomes = outcome_summary(conn, {u.name for u in uses}) if evaluated else None
        target = preferred_target(spread, outcomes)
        example = next((u for u, label in zip(uses, target_labels(uses)) if label == target), uses[0])
        named = Counter(offered_name(u.name) for u in uses)  # '响应时间.' counts for 响应时间
        spellings = [name for name, _ in sorted(named.items(), key=lambda kv: -kv[1])]
        users = {u.project_id for u in uses}
        item = TemplateItem(
            *slot,
            spellings[0],
            len(users),
            len(uses),
            target,
            target_summary(uses),
            example,
            [u.indicator_id for u in uses],
            outcomes,
            advice(outcomes, example.operator, example.value, example.unit, example.target),
            spellings,
            dict(spread).get(target, 0),
            len(near.keys() & users),
        )
        slots.setdefault(slot, []).append((item, min((rank[p] for p in users if p in rank), default=len(rank))))
    items: list[TemplateItem] = []
    taken: list[str] = []  # the measures offered (measure_key)
    for slot in sorted(slots, key=lambda s: level_order(*s)):
        ranked = sorted(
            slots[slot], key=lambda t: (-t[0].near, -t[0].projects, t[1], -t[0].uses, len(t[0].name), t[0].name)
        )
        offered = 0
        for item, _ in ranked:
            key = measure_key(item.name, item.level1)
            if offered == per_slot or _offered(key, taken):
                continue
            items.append(item)
            taken.append(key)
            offered += 1
    return Template(kind, members, items, list(near.items()))


def _offered(key: str, taken: list[str]) -> bool:
    """Whether a measure holds one a template offers already, or is held by it (学生满意度 in 受助学生满意度,
    及时发放 in 及时发放率, 应助尽助 in 应助尽助率): among one type's projects, one indicator written shorter or
    longer, which a draft would get twice. Three characters at least (成本 is in every cost)."""
    return len(key) >= 3 and any(len(k) >= 3 and (key in k or k in key) for k in taken)


def value_suggestion(conn: sqlite3.Connection, indicator: str) -> dict:
    """What precedents of an indicator name (its spellings grouped) chose: target_summary plus 'spread'
    [(target, count)], 'name' (the spelling found, as offered), 'variants' (every spelling of its family as printed),
    'outcomes' (what peers reported achieving, or None), 'preferred' (the target to propose), 'library' (the
    name's 指标库 entry, or None) and 'ids' (the precedents' indicator ids: a row's sources); count 0 when the name
    has no precedent."""
    hits = [h for h in find_names(conn, indicator, limit=1) if h.match == "exact"]  # its spellings: no counts needed
    uses = precedents(conn, hits[0].variants) if hits else []
    spread = target_spread(uses)
    outcomes = outcome_summary(conn, hits[0].variants) if hits else None
    return {
        "name": hits[0].name if hits else indicator,
        "variants": hits[0].variants if hits else [indicator],
        **target_summary(uses),
        "spread": spread,
        "outcomes": outcomes,
        "preferred": preferred_target(spread, outcomes),
        "library": library_entry(conn, indicator),
        "ids": [u.indicator_id for u in uses],
    }


def library_entry(conn: sqlite3.Connection, name: str) -> dict | None:
    """The 指标库 entry of an indicator name (same name up to punctuation and units), or None."""
    found = library.for_name(conn, name)
    return library.entry(conn, found) if found else None


def library_hits(conn: sqlite3.Connection, query: str, found: Iterable[str], limit: int = 10) -> list[dict]:
    """指标库 entries an indicator search finds that are not among the names `found` already (precedents)."""
    have = {group_key(n) for n in found}
    return [e for e in library.search(conn, query, limit) if e["name_key"] not in have]


def _row(p: Precedent, name: str, level1: str, level2: str, sources: list[int]) -> NewRow:
    text = p.target if p.operator == QUALITATIVE else None
    return NewRow(name, level1, level2, p.operator, p.value, p.unit, text, sources=sources)


def _check_only(only: list[str] | None, found: set[str], where: str, where_en: str) -> None:
    missing = [o for o in only or [] if o not in found]
    if missing:
        raise KbError(f"不在{where}中 not in {where_en}: {', '.join(missing)}")


def template_rows(
    conn: sqlite3.Connection, kind: str, only: list[str] | None = None, per_slot: int = 2, name: str = ""
) -> list[NewRow]:
    """Rows for a draft from a template (all, or the indicators named in `only`, by any of their spellings), each
    at its most common target, with the template's precedent indicator ids as sources (`name`: see template)."""
    only = [offered_name(o) for o in only] if only else only  # its spellings are offered names
    found = template(conn, kind, per_slot, name).items
    items = [i for i in found if not only or set(i.variants or [i.name]) & set(only)]
    _check_only(only, {v for i in items for v in i.variants or [i.name]}, f"{kind}模板", f"the {kind} template")
    return item_rows(items)


def item_rows(items: list[TemplateItem]) -> list[NewRow]:
    """A template's items as rows for a draft (what template_rows gives of a template already built)."""
    rows = []
    for item in items:
        row = _row(item.example, item.name, item.level1, item.level2, item.indicator_ids)
        if not shared_target(item):
            row.value = None  # left for the officer
        rows.append(row)
    return rows


def measure_key(name: str, level1: str | None) -> str:
    """What two indicators measuring one thing share, to tick one of them only: the whole project's cost
    (项目总成本, 总成本, 项目总支出: kb.drafting.lint.WHOLE_COST, not a part's 培训总成本), else the family
    (kb.vocab.families) with a leading 项目 aside."""
    from kb.drafting.lint import WHOLE_COST

    if level1 == COST and WHOLE_COST.fullmatch(name):
        return "项目总成本"
    key = family_key(name)
    return key.removeprefix("项目") or key


def shared_target(item: TemplateItem) -> bool:
    """Whether a template item's target is one a new project can take as its own: not another project's sum of
    money, nor a count ('补助人数 ≥13万人') only one peer set."""
    unit, value = item.example.unit, item.example.value
    if another_projects_sum(item.level1, item.name, unit):
        return False
    return not (item.level2 == QUANTITY and value is not None and unit not in RATES and item.chosen < 2)


def another_projects_sum(level1: str | None, name: str, unit: str | None) -> bool:
    """Whether a cost target in this unit is a project's own sum of money ('项目总支出 ≤237万元'), which another
    project cannot take: not a cost per unit ('元/人', '每个社区补助金额')."""
    return level1 == COST and unit in AMOUNTS and not any(word in name for word in PER_UNIT)


RATES = ("%", "％", "‰")  # a share any project can aim at ('培训覆盖率 =100%')
AMOUNTS = ("元", "千元", "万元", "亿元")  # a sum of money, not a cost per unit (元/人 is a standard, kept) …
PER_UNIT = ("每", "人均", "户均", "均", "单价", "标准")  # … nor one its name says is per unit ('每个社区补助金额')


def project_rows(
    conn: sqlite3.Connection,
    project_id: int,
    only: list[str] | None = None,
    every: bool = False,
    periods: bool = False,
) -> list[NewRow]:
    """Rows for a draft from an imported project (all its indicators inside the framework — `every`: all of them,
    for a copy of it — or those in `only`: names or 1-based positions), with the project's targets (but its sums of
    money, unless a copy of it: `another_projects_sum`) and 分值 (shares of its total),
    its 实施期指标值 for a copy of it (`periods`: another draft's 实施期 is its own), and the indicator ids as
    sources."""
    rows = conn.execute(
        f"""SELECT {_PRECEDENT_COLUMNS} FROM indicators i JOIN projects p ON p.id = i.project_id
        WHERE i.project_id = ? ORDER BY i.seq""",
        (project_id,),
    ).fetchall()
    if not rows and not conn.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone():
        raise KbError(f"没有编号为 {project_id} 的项目 no project with id {project_id} (see kb projects)")
    weights: dict[int, float | None] = {}
    whole: dict[int, str | None] = {}
    for key, weight, period in conn.execute(
        "SELECT id, weight, period_target FROM indicators WHERE project_id = ?", (project_id,)
    ):
        weights[key], whole[key] = weight, ((period or "").strip() or None) if periods else None
    out, found = [], set()
    for n, row in enumerate(rows, 1):
        prec = _precedent(row)
        keys = {prec.name, offered_name(prec.name), str(n)}
        if only and not keys & set(only) or not only and not every and prec.std_level1 is None:
            continue
        found |= keys
        new = _row(
            prec,
            offered_name(prec.name),
            prec.std_level1 or prec.level1 or "",
            prec.std_level2 or prec.level2 or "",
            [prec.indicator_id],
        )
        new.weight, new.period_target = weights.get(prec.indicator_id), whole.get(prec.indicator_id)
        if not every and another_projects_sum(new.level1, new.name, new.unit):
            new.value = None  # that project's sum, not this draft's: left for the officer, as a template's is
        out.append(new)
    _check_only(only, found, f"项目 #{project_id} ", f"project {project_id}")
    return out
