"""Levels for an indicator a draft adds without them: from the precedents of its family, else a keyword, else asked.

`guess_levels(conn, name)` answers in this order, and always says why:
0. the levels of its entry in one's own 指标库 (kb.drafting.library), when it has one: `质量指标（指标库）`;
1. the levels most precedents of the same indicator (its family, kb.vocab.families) were filed under by their
   documents (guesses made at import are not counted), when more than half agree:
   `经济效益指标（同名先例 12 个中 9 个）`;
2. else a keyword rule (kb.vocab.levels.keyword_levels), when the rule is sure: `数量指标（关键词 "数"）`;
3. else unsure: the two likeliest candidates, and the faces ask (the app opens its level picker on them, `kb draft
   add` refuses without levels and lists them).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from kb.find.precedents import find_names, group_key
from kb.vocab.levels import DEFAULT_GUESS, keyword_levels, level1_of, standard_levels

__all__ = ["LevelGuess", "guess_levels"]


@dataclass
class LevelGuess:
    level1: str | None  # None when unsure
    level2: str | None
    reason: str  # Chinese first: '经济效益指标（同名先例 12 个中 9 个）', '数量指标（关键词 "数"）'; unsure: why
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (level 1, level 2), likeliest first

    @property
    def sure(self) -> bool:
        return self.level2 is not None


def _family_levels(conn: sqlite3.Connection, name: str) -> Counter:
    """(level 1, level 2) → how many precedents of the name's family were filed under them by their documents."""
    hits = [h for h in find_names(conn, name, limit=1) if h.match == "exact"]
    if not hits:
        return Counter()
    rows = conn.execute(
        """SELECT i.std_level1, i.std_level2, count(*) FROM indicator_names n CROSS JOIN indicators i
        ON i.name_id = n.id WHERE n.name IN (SELECT value FROM json_each(?)) AND i.level_inferred = 0
        AND i.std_level1 IS NOT NULL AND i.std_level2 IS NOT NULL GROUP BY 1, 2""",
        (json.dumps(hits[0].variants, ensure_ascii=False),),
    )
    return Counter({(l1, l2): n for l1, l2, n in rows})


def _pair(level2: str) -> tuple[str, str]:
    return level1_of(level2) or "", level2


def _library_levels(conn: sqlite3.Connection, name: str) -> tuple[str, str] | None:
    """The standard levels one's own 指标库 files the indicator under, when it has an entry of that name."""
    found = conn.execute(  # its entry as kb.drafting.library.for_name finds it: the first of that name
        "SELECT level1, level2 FROM library_entries WHERE name_key = ? ORDER BY id LIMIT 1", (group_key(name),)
    ).fetchone()
    if found is None:
        return None
    std1, std2 = standard_levels(found[0] or "", found[1] or "")
    return (std1, std2) if std1 and std2 else None


def guess_levels(conn: sqlite3.Connection, name: str) -> LevelGuess:
    """The levels for `name` with the reason (see the module's doc); unsure (level1/level2 None) with candidates."""
    if library := _library_levels(conn, name):
        return LevelGuess(*library, f"{library[1]}（指标库）", [library])
    counts = _family_levels(conn, name)
    ranked = [pair for pair, _ in counts.most_common()]
    total = sum(counts.values())
    if ranked and counts[ranked[0]] * 2 > total:
        level1, level2 = ranked[0]
        return LevelGuess(level1, level2, f"{level2}（同名先例 {total} 个中 {counts[ranked[0]]} 个）", ranked[:2])
    found = keyword_levels(name)
    if found and found[1] is None and not ranked:
        level2, _, word = found
        return LevelGuess(*_pair(level2), f'{level2}（关键词 "{word}"）', [_pair(level2)])
    if ranked:
        split = "、".join(f"{l2} {counts[(l1, l2)]} 个" for l1, l2 in ranked[:3])
        why = f"同名先例意见不一 the precedents differ: {split}"
        candidates = ranked[:2]  # two at least: one pair alone would be a majority
    elif found:
        level2, also, word = found
        why = f'关键词 "{word}" 多为 {level2}，也常见 {also}，不能确定 the keyword is not decisive'
        candidates = [_pair(level2), *([_pair(also)] if also else [])]
    else:
        why = "名称中没有可判断层级的关键词 no keyword in the name tells the level"
        candidates = [_pair(level2) for level2 in DEFAULT_GUESS]
    unique = list(dict.fromkeys(candidates))
    return LevelGuess(None, None, why, unique[:2])
