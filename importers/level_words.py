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
