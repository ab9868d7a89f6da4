"""Level 1 / level 2 as written → the current national framework (财预〔2021〕101号).

`standard_levels('产出目标', '数量')` → ('产出指标', '数量指标'). Old and local names (投入与目标管理, 效果目标,
环境效益, 长效管理 …) and coded ones ('11-数量指标') map too. When a document gives no levels, `infer_levels(name)`
guesses from the indicator's name by rules, and the caller marks the result as inferred.
"""

from __future__ import annotations

import re
from functools import lru_cache

OUTPUT, EFFECT, SATISFACTION, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
LEVEL1 = (OUTPUT, EFFECT, SATISFACTION, COST)
FRAMEWORK: dict[str, tuple[str, ...]] = {
    OUTPUT: ("数量指标", "质量指标", "时效指标"),
    EFFECT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    SATISFACTION: ("服务对象满意度指标",),
    COST: ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}

_CODE = re.compile(r"^\s*\d+\s*[-－.、．]\s*")
_LEVEL1_WORDS = {
    "产出": OUTPUT,
    "产出目标": OUTPUT,
    "效益": EFFECT,
    "效果": EFFECT,
    "效果目标": EFFECT,
    "影响力": EFFECT,
    "影响力目标": EFFECT,
    "满意度": SATISFACTION,
    "满意度目标": SATISFACTION,
    "成本": COST,
    "成本目标": COST,
}
# level-2 word → (standard level 1, standard level 2)
_LEVEL2_WORDS = {
    "数量": (OUTPUT, "数量指标"),
    "质量": (OUTPUT, "质量指标"),
    "时效": (OUTPUT, "时效指标"),
    "经济效益": (EFFECT, "经济效益指标"),
    "社会效益": (EFFECT, "社会效益指标"),
    "生态效益": (EFFECT, "生态效益指标"),
    "环境效益": (EFFECT, "生态效益指标"),
    "生态环境效益": (EFFECT, "生态效益指标"),
    "可持续影响": (EFFECT, "可持续影响指标"),
    "可持续": (EFFECT, "可持续影响指标"),
    "长效管理": (EFFECT, "可持续影响指标"),
    "满意度": (SATISFACTION, "服务对象满意度指标"),
    "服务对象满意度": (SATISFACTION, "服务对象满意度指标"),
    "成本": (COST, "经济成本指标"),
    "经济成本": (COST, "经济成本指标"),
    "社会成本": (COST, "社会成本指标"),
    "生态环境成本": (COST, "生态环境成本指标"),
    "生态成本": (COST, "生态环境成本指标"),
}


def standard_level2(word: str) -> str | None:
    """The standard level 2 a word names ('质量' → '质量指标', '社会效益指标' → '社会效益指标'), or None."""
    pair = _LEVEL2_WORDS.get(_bare(word))
    return pair[1] if pair else None


def _bare(word: str) -> str:
    """'11-数量指标' → '数量'; '满意度指标' → '满意度'."""
    w = _CODE.sub("", re.sub(r"\s+", "", word or ""))
    for suffix in ("指标", "类"):
        if w.endswith(suffix) and len(w) > len(suffix):
            w = w[: -len(suffix)]
    return w


@lru_cache(maxsize=4096)
def standard_levels(level1: str, level2: str) -> tuple[str | None, str | None]:
    """The standard (level 1, level 2) for levels as written; None where nothing in the framework fits.

    Level 2 decides when it is known (效果目标/满意度 is a 满意度指标); a level 1 alone gives level 1 only.
    Input measures (投入与目标管理/预算执行率) have no place in the framework and map to (None, None).
    """
    pair = _LEVEL2_WORDS.get(_bare(level2))
    if pair:
        return pair
    return _LEVEL1_WORDS.get(_bare(level1)), None


_RULES: list[tuple[re.Pattern, tuple[str, str]]] = [
    (re.compile(r"满意"), (SATISFACTION, "服务对象满意度指标")),
    (re.compile(r"成本|费用|造价|单价"), (COST, "经济成本指标")),
    (re.compile(r"及时|按时|按期|时间|时限|时长|响应"), (OUTPUT, "时效指标")),
    (re.compile(r"(合格|准确|达标|通过|完好|合规|规范|完整|故障|返修|验收|正确|符合)[率性度]"), (OUTPUT, "质量指标")),
    (re.compile(r"(数|数量|人次|场次|课时)$"), (OUTPUT, "数量指标")),
    (re.compile(r"收入|税|利润|市值|融资|贷款|投资|资金|规模|余额|总额|金额|费率|产值|经济"), (EFFECT, "经济效益指标")),
    (re.compile(r"生态|环境|节能|减排|绿化|污染"), (EFFECT, "生态效益指标")),
    (
        re.compile(r"增长|下降|降低|提升|提高|带动|就业|排名|风险|投诉|覆盖|占比|影响|机制|长效"),
        (EFFECT, "社会效益指标"),
    ),
]


@lru_cache(maxsize=65536)
def infer_levels(name: str) -> tuple[str, str]:
    """Standard levels guessed from an indicator name (for documents that give none)."""
    for pattern, levels in _RULES:
        if pattern.search(name or ""):
            return levels
    return OUTPUT, "数量指标"


_SHORT2 = {
    "服务对象满意度指标": "",
    "经济效益指标": "经济",
    "社会效益指标": "社会",
    "生态效益指标": "生态",
    "可持续影响指标": "可持续",
    "经济成本指标": "经济",
    "社会成本指标": "社会",
    "生态环境成本指标": "生态环境",
}


def short_level(std_level1: str | None, std_level2: str | None, inferred: bool = False) -> str:
    """Compact standard level for tables: '产出·数量', '效益·社会', '满意度'; '*' when inferred; '框架外' when the
    pair is outside the framework."""
    if not std_level1:
        return "框架外"
    short2 = _SHORT2.get(std_level2, (std_level2 or "").removesuffix("指标"))
    return std_level1.removesuffix("指标") + (f"·{short2}" if short2 else "") + ("*" if inferred else "")
