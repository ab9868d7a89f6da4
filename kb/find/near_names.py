"""Names near a query that finds few indicators ('did you mean', kb.find.search), without loading the name index.

A typo keeps most of a name's bigrams, the tokens of `names_fts` (kb.vocab.tokens). So the names sharing most of the
query's bigrams are read from the base (CANDIDATES of them), put in their families of spellings (kb.vocab.families;
those of several spellings from the first part of the name index's file, kb.find.name_file) and scored as the name
index scores near misses (`near_scores`, which NameIndex.find uses too): at 1M indicators a few milliseconds, where
reading the whole index takes 100 ms or more (and building it 1.6 s). What it leaves to the whole index (None):
pinyin ('myd'), and a typo near no name through its bigrams ('满易度': no name holds 满易 or 易度).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable

from kb.find.name_file import Families, Family, path_of, read_families, stamp_of
from kb.vocab.families import family_of_spelling, offered_name, spelling_key

FUZZY_CUTOFF = 65.0  # rapidfuzz score (0–100) below which a near miss is not shown
# Pinyin is spelt in 26 letters, and a name's pinyin runs long: a word of 9 letters or fewer that no name holds is one
# letter from a piece of some name's pinyin by chance (measured on the 41 real PDFs' names, pinyin of 600 dictionary
# words in none: 30–100 % of them at 4–9 letters, 0–5 % at 10 or more; shoukuan lists 授权增长率, touhouguanli …).
PINYIN_NEAR_LETTERS = 10  # so pinyin near misses are looked for from this many letters (shorter: NameIndex._typo) …
# … and two letters off from this many: two typos in a name's whole pinyin of 16–43 letters were found 285 times in 286
# at two letters, 81 at one; no pinyin of 461 dictionary words of 16–27 letters in no name came as near.
PINYIN_TWO_OFF = 16
CANDIDATES = 500  # names scored: those sharing the most bigrams with the query
KEYS = "\t"  # between a family's keys on its line: its family key first, then its members' other spellings
_ASCII = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")


def is_pinyin(key: str) -> bool:
    """Whether a query's key (kb.vocab.families.spelling_key) is letters and digits only: found through pinyin."""
    return _ASCII.fullmatch(key) is not None


def keys_line(key: str, spellings: Iterable[str]) -> str:
    """A family's line of keys: its family key, then its members' spellings (kb.vocab.families.spelling_key) that
    differ from it (so that a substring of any spelling finds the family: '满意率' finds the family of '服务对象满意度'
    through '服务对象满意率')."""
    others = dict.fromkeys(spellings)
    others.pop(key, None)
    return KEYS.join([key, *others])


def pinyin_cutoff(key: str) -> float:
    """… and only within one letter wrong, or two missing or extra (two edits of rapidfuzz's: 100·(1 − 1/len)), two
    letters from PINYIN_TWO_OFF; every such typo of a name's pinyin measured was kept."""
    return 100.0 * (1 - (1 if len(key) < PINYIN_TWO_OFF else 2) / len(key)) - 0.05


def near_scores(key: str, texts: list[str], cutoff: float = FUZZY_CUTOFF) -> list[tuple[int, float]]:
    """(position, score) of the texts near `key`, best first (on a tie the first in `texts`), the score rounded to 0.1
    and at least `cutoff`: rapidfuzz's partial_ratio for a text as long as the key or longer (it holds the key
    nearly somewhere), its ratio for a shorter one (it is nearly the key)."""
    from rapidfuzz import fuzz, process  # only a query that finds little pays for loading it

    longer = {n: t for n, t in enumerate(texts) if len(t) >= len(key)}
    shorter = {n: t for n, t in enumerate(texts) if len(t) < len(key)}
    hits = process.extract(key, longer, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None)
    hits += process.extract(key, shorter, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    hits.sort(key=lambda h: (-h[1], h[2]))
    return [(n, round(score, 1)) for _, score, n in hits]


def _families(conn: sqlite3.Connection) -> Families:
    path, stamp = path_of(conn), stamp_of(conn)
    families = read_families(path, stamp) if path and stamp else None
    if families is None:  # none stored at the names' stamp: the whole index, built (and stored for the next process)
        from kb.find.precedents import name_index

        families = name_index(conn).families()
    return families


def _shared(conn: sqlite3.Connection, key: str) -> Counter[str]:
    """How many of the key's bigrams each name holds, by id (as text), for the names holding any."""
    shared: Counter[str] = Counter()
    for gram in sorted({key[i : i + 2] for i in range(len(key) - 1)}):
        ids = conn.execute(
            "SELECT group_concat(rowid, ' ') FROM names_fts WHERE names_fts MATCH ?", (f'"{gram}"',)
        ).fetchone()[0]
        shared.update(ids.split() if ids else ())
    return shared


def _near(conn: sqlite3.Connection, query: str) -> tuple[list[tuple[str, Family]], list[tuple[float, Family]]] | None:
    """The families sharing most of the query's bigrams: (those of its spellings or holding it, as ('exact' or
    'substring', family), the query's own first, then most used; the others near it, as (score, family), best first),
    or None when the whole name index must answer."""
    key = spelling_key(query)
    if is_pinyin(key) or not key.isalnum():  # pinyin, or no letter at all ('——'): the name index's to judge
        return None
    if len(key) < 3:
        return [], []  # too short to be near anything (as NameIndex.find)
    ids = [name_id for name_id, _ in _shared(conn, key).most_common(CANDIDATES)]
    if not ids:
        return None
    families = _families(conn)
    found: dict[str, Family] = {}  # by keys line
    for name_id, name, uses in conn.execute(
        f"SELECT id, name, uses FROM indicator_names WHERE id IN ({','.join('?' * len(ids))}) AND uses > 0", ids
    ):
        family = families.get(name_id)
        if family is None:
            spelt = spelling_key(name)
            own = family_of_spelling(spelt)
            family = (keys_line(own, [spelt]), uses, ((name_id, name),)) if own else None
        if family is not None:
            found[family[0]] = family
    exact = family_of_spelling(key)
    order = lambda f: (-f[1], len(f[0].partition(KEYS)[0]), f[0])  # noqa: E731 (the name index's: most used first)
    # the query's family and those a spelling of which holds it (the name index's 'exact' and 'substring'), first
    is_own = {line: line.partition(KEYS)[0] == exact for line in found}
    kinds = {line: "exact" if is_own[line] else "substring" for line in found if is_own[line] or key in line}
    held = sorted(((kind, found[line]) for line, kind in kinds.items()), key=lambda h: (h[0] != "exact", *order(h[1])))
    near = sorted((f for line, f in found.items() if line not in kinds), key=order)
    scored = near_scores(key, [f[0] for f in near])
    if not scored and not held:
        return None
    offered = {near[n][0]: offered_name(near[n][2][0][1]) for n, _ in scored}  # by which find_names ranks a tie
    hits = sorted(
        ((score, near[n]) for n, score in scored),
        key=lambda h: (-h[0], -h[1][1], len(offered[h[1][0]]), offered[h[1][0]]),  # as find_names ranks near misses
    )
    return held, hits


def near_names(conn: sqlite3.Connection, query: str, shown: set[str], limit: int) -> list[dict] | None:
    """Up to `limit` families near `query`, its own family and those holding it first ({'name', 'match', 'uses',
    'variants'} as kb.find.precedents.find_names gives them, in its order), leaving out names in `shown`; None when
    the whole name index must answer."""
    found = _near(conn, query)
    if found is None:
        return None
    held, hits = found
    return [
        {"name": offered_name(members[0][1]), "match": match, "uses": uses, "variants": [m[1] for m in members]}
        for match, (_, uses, members) in [*held, *(("fuzzy", f) for _, f in hits)]
        if not _among(members, shown)
    ][:limit]


def near_misses(conn: sqlite3.Connection, query: str, shown: set[str], limit: int) -> list[tuple[Family, float]] | None:
    """Up to `limit` (family, score) near `query` and not of its spellings or holding it, best first, leaving out
    names in `shown`: the near misses `near_names` offers after the query's family (the app's F3 shows these too,
    kb.find.precedents.find_names); None when the whole name index must answer."""
    found = _near(conn, query)
    if found is None:
        return None
    return [(family, score) for score, family in found[1] if not _among(family[2], shown)][:limit]


def other_spelling(conn: sqlite3.Connection, key: str, own: dict[str, int]) -> dict | None:
    """The family of the names `own` (name → uses: those spelt as a query, kb.vocab.families.spelling_key `key`) under
    its most used spelling (as near_names gives it, 'exact'), when that is another spelling, used more, and does not
    hold the query: 服务对象满意度 for 服务对象满意率, which finds enough names to suggest none near it; not
    指标：按期完成率 for 按期完成率, whose uses the query finds already. None when the families are not stored at the
    names' stamp (building the whole name index for this is not worth it)."""
    path, stamp = path_of(conn), stamp_of(conn)
    families = read_families(path, stamp) if path and stamp else None
    if families is None:
        return None
    for (name_id,) in conn.execute(
        f"SELECT id FROM indicator_names WHERE name IN ({','.join('?' * len(own))})", [*own]
    ):
        family = families.get(name_id)
        if family is None:
            continue
        (first_id, first), uses = family[2][0], max(own.values())
        if (
            key not in spelling_key(first)
            and conn.execute("SELECT uses > ? FROM indicator_names WHERE id = ?", (uses, first_id)).fetchone()[0]
        ):
            variants = [m[1] for m in family[2]]
            return {"name": offered_name(first), "match": "exact", "uses": family[1], "variants": variants}
    return None


def _among(members: tuple[tuple[int, str], ...], shown: set[str]) -> bool:
    """Whether a family of these (id, spelling) members, offered under its first, is among the hits `shown`."""
    return shown_already(offered_name(members[0][1]), [m[1] for m in members], shown)


def shown_already(name: str, spellings: list[str], shown: set[str]) -> bool:
    """Whether a family offered as `name` is among the hits `shown`: that name, or every spelling of it (a hit
    '…更新次数。' is the family offered as '…更新次数', kb.vocab.families.offered_name)."""
    return name in shown or shown.issuperset(spellings)
