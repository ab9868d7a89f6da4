"""Recognise a 一级指标 / 二级指标 cell as written, for parsers that must tell a level from a name.

Words match whole, with or without the suffix 指标 (level 1 also 目标), an optional code prefix
('11-数量指标', '一、产出指标', '（一）数量指标', '1.1数量指标') and the points a level is worth ('产出指标（50分）').
Mapping levels to the national framework is `kb.vocab.levels`' job, not this one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from importers.cells import CACHE_SIZE, clean, squash

# bare level-1 word → the bare level-2 words written under it (2015, 2021 and local frameworks)
_EFFECT = ("经济效益", "社会效益", "生态效益", "环境效益", "生态环境效益", "可持续影响", "可持续发展")
_SATISFACTION = ("满意度", "服务对象满意度", "社会公众满意度", "社会公众或服务对象满意度")
LEVEL2_UNDER: dict[str, frozenset[str]] = {
    "产出": frozenset(("数量", "质量", "时效", "成本")),
    "效益": frozenset(_EFFECT),
    "效果": frozenset(_EFFECT + _SATISFACTION),
    "满意度": frozenset(_SATISFACTION),
    "成本": frozenset(("经济成本", "社会成本", "生态环境成本")),
    "投入与目标管理": frozenset(("投入管理", "财务管理", "项目管理", "资产管理", "决策管理", "目标管理")),
    "影响力": frozenset(("长效管理", "人力资源", "部门协助", "配套设施", "信息共享", "其它", "其他")),
}
LEVEL2_WORDS = frozenset().union(*LEVEL2_UNDER.values())

_CODE = re.compile(
    r"^(?:\d+(?:[.．]\d+)+\s*[-－.．、]?|(?:\d+|[一二三四五六七八九十]+)\s*[-－.．、]|[（(](?:\d+|[一二三四五六七八九十]+)[）)])\s*"
)
_POINTS = re.compile(r"(?:[（(]\d+(?:\.\d+)?分?[）)]|\d+(?:\.\d+)?分)$")  # what a level is worth: '产出指标（50分）'


def _bare(cell: str, suffixes: tuple[str, ...]) -> str:
    """The word without spaces, code prefix, points and one level suffix: '11-数量指标' → '数量', '（一）产出指标
    （50分）' → '产出'."""
    word = _POINTS.sub("", _CODE.sub("", squash(clean(cell))))
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=CACHE_SIZE)
def level1_word(cell: str) -> str:
    """The bare level-1 word of a cell ('效果目标' → '效果'); '' when it is no level-1."""
    word = _bare(cell, ("指标", "目标"))
    return word if word in LEVEL2_UNDER else ""


def is_level1(cell: str) -> bool:
    return bool(level1_word(cell))


@lru_cache(maxsize=CACHE_SIZE)
def is_level2(cell: str) -> bool:
    return _bare(cell, ("指标",)) in LEVEL2_WORDS


def two_labels(above: str, below: str) -> bool:
    """Whether two texts one over the other in a level column are each a whole level label ('效益指标' over
    '满意度指标'): two groups' labels, the lower no rest of the upper a page break cut ('满意度指' ⏎ '标')."""
    upper, lower = "".join(above.split()), "".join(below.split())
    return (is_level1(upper) or is_level2(upper)) and (is_level1(lower) or is_level2(lower))


_JOINED = re.compile(r"\s*[-－—–/／]\s*")


def split_levels(cell: str) -> tuple[str, str] | None:
    """一级 and 二级 written in one cell, joined by a dash or a slash ('产出指标-数量指标', '效益指标／社会效益指标') →
    the two as written; None when the cell is no such pair (a code before a level, '11-数量指标', is one level)."""
    parts = _JOINED.split(clean(cell).strip(), maxsplit=1)
    if len(parts) == 2 and is_level1(parts[0]) and is_level2(parts[1]):
        return parts[0], parts[1]
    return None


def accepts(level1: str, level2: str) -> bool:
    """Whether the level-2 word belongs under the level-1 word ('产出指标' accepts '成本指标')."""
    return _bare(level2, ("指标",)) in LEVEL2_UNDER.get(level1_word(level1), ())


_FORMS1 = tuple((bare, bare + suffix) for bare in LEVEL2_UNDER for suffix in ("指标", "目标"))
_FORMS2 = tuple((bare, bare + "指标") for bare in sorted(LEVEL2_WORDS))


def _within(part: str, bare: str, form: str) -> bool:
    """Whether a cell's text is part of a level's form holding some of its word (not '指标' alone)."""
    return -1 < form.find(part) < len(bare)


def _one(found: set[str]) -> str:
    return found.pop() if len(found) == 1 else ""


def _level1_forms(cell: str) -> set[tuple[str, str]]:
    """(bare word, form) of the level-1 words a level-1 cell may be: its own, or those holding the part it shows."""
    part = squash(clean(cell))
    bare = level1_word(part)
    return {(b, form) for b, form in _FORMS1 if (b == bare if bare else len(part) > 1 and _within(part, b, form))}


def whole_level1(cell: str, level2: str, suffix: str = "") -> str:
    """The level-1 word a cell a page edge or a too short merged cell cut shows part of ('产出指' of '产出指标', '益指'
    of '效益指标'), where one word alone holds it and takes the row's level 2; '' when none or several do (a word of
    the closed set is never guessed). A word written with either suffix ('满意' of '满意度指标' or '满意度目标') is
    the one ending in `suffix`, the one the document's whole level-1 cells use, if it gives one."""
    if is_level1(cell) or not is_level2(level2):
        return ""
    found = {(bare, form) for bare, form in _level1_forms(cell) if _bare(level2, ("指标",)) in LEVEL2_UNDER[bare]}
    if suffix and len(found) > 1 and len({bare for bare, _ in found}) == 1:
        found = {(bare, form) for bare, form in found if form.endswith(suffix)}
    return _one({form for _, form in found})


def whole_level2(cell: str, level1: str) -> str:
    """The level-2 word of a cell the same way ('质量指' of '质量指标' under 产出指标 or 产出指), or the word whole
    after the end of the level-1 word run into it ('标数量指标': 标 of 产出指⏎标); '' when no one word fits."""
    part = squash(clean(cell))
    if len(part) < 2 or is_level2(part):
        return ""
    firsts = _level1_forms(level1)
    under = {bare for b, _ in firsts for bare in LEVEL2_UNDER[b]}
    found = set()
    qualified = _qualified(part)
    for bare, form in _FORMS2:
        if bare in under and (_within(part, bare, form) and not qualified or _after_level1(part, bare, form, firsts)):
            found.add(form)
    return _one(found)


def _qualified(part: str) -> bool:
    """Whether a level-2 cell ends in a whole word of the set with more written before it: a word of its own
    ('公众满意度指标', no cut '社会公众满意度指标')."""
    word = _bare(part, ("指标",))
    return any(word.endswith(bare) for bare in LEVEL2_WORDS)


def _after_level1(part: str, bare: str, form: str, firsts: set[tuple[str, str]]) -> bool:
    """Whether a level-2 cell is the word after the end of its level-1 word ('标' + '数量指标')."""
    return any(
        part.endswith(word) and len(part) > len(word) and first.endswith(part[: -len(word)])
        for word in (form, bare)
        for _, first in firsts
    )
