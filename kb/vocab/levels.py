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

# a code or number before the word ('11-', '1.1', '一、', '（一）') and points or a weight after it ('（50分）', '30分')
_CODE = re.compile(
    r"^(?:\d+(?:[.．]\d+)*\s*[-－.、．]?|[一二三四五六七八九十]+\s*[、.．]|[（(](?:\d+|[一二三四五六七八九十]+)[）)])\s*"
)
_POINTS = re.compile(r"(?:[（(][^（()）]*\d[^（()）]*[）)]|\d+(?:\.\d+)?分?)$")
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
    "可持续发展": (EFFECT, "可持续影响指标"),
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
    pair = _level2_pair(word)
    return pair[1] if pair else None


def _bare(word: str) -> str:
    """'11-数量指标' → '数量'; '（一）满意度指标' → '满意度'; '产出指标（50分）' → '产出'."""
    w = _POINTS.sub("", _CODE.sub("", re.sub(r"\s+", "", word or "")))
    for suffix in ("指标", "类"):
        if w.endswith(suffix) and len(w) > len(suffix):
            w = w[: -len(suffix)]
    return w


def _level2_pair(word: str) -> tuple[str, str] | None:
    """(standard level 1, level 2) of a level-2 word; any 满意度 of a group (社会公众或服务对象, 群众) is the
    framework's one 服务对象满意度指标."""
    bare = _bare(word)
    pair = _LEVEL2_WORDS.get(bare)
    if pair is None and bare.endswith("满意度"):
        return SATISFACTION, "服务对象满意度指标"
    return pair


@lru_cache(maxsize=4096)
def standard_levels(level1: str, level2: str) -> tuple[str | None, str | None]:
    """The standard (level 1, level 2) for levels as written; None where nothing in the framework fits.

    Level 2 decides when it is known (效果目标/满意度 is a 满意度指标); a level 1 alone gives level 1 only.
    Input measures (投入与目标管理/预算执行率) have no place in the framework and map to (None, None).
    """
    pair = _level2_pair(level2)
    if pair:
        return pair
    return _LEVEL1_WORDS.get(_bare(level1)), None


QUANTITY, QUALITY, TIMELINESS = "数量指标", "质量指标", "时效指标"
ECONOMIC, SOCIAL, ECOLOGICAL, LASTING = "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"
SERVED, ECONOMIC_COST = "服务对象满意度指标", "经济成本指标"
_LEVEL1_OF = {level2: level1 for level1, level2s in FRAMEWORK.items() for level2 in level2s}

# Keyword rules, first match wins: (pattern, level 2 guessed, level 2 nearly as likely or None). Measured on the
# real documents that give their levels (docs/real-documents.md; tests/test_level_guess.py): a rule right for 70 %
# or more of the names it matches is sure; one right less often names the runner-up, and a guess from it is unsure
# (kb.find.level_guess asks). Money a project pays out (补贴金额, 资金总投入) is its cost; money it brings in
# (融资额, 营业收入, the growth of the R&D spending of the firms it helps) its economic effect.
_RULES: list[tuple[re.Pattern, str, str | None]] = [
    (re.compile(r"满意"), SERVED, None),
    (re.compile(r"(?:企业|家|户|人|个|项|项目|次|件)数$"), QUANTITY, None),  # how many firms got a loan: an output
    (
        re.compile(
            r"(?<![低薪])收入|营收|利润|税收|产值|销售额|交易额|市值|融资(?:额|金额|总额|规模|总量)|股权投资"
            r"|获得.{0,4}(?:投资|融资|贷款)"
            r"|(?:研发投入|研发经费|研发费用|投资|营业额|出口).{0,4}(?:增长|增幅|增速|增加)"
        ),
        ECONOMIC,
        None,
    ),
    (re.compile(r"成本|费用|造价|单价|预算|(金额|总额|额度|投入|支出|经费)$"), ECONOMIC_COST, None),
    (re.compile(r"及时|按时|按期|时间|时限|时长|响应"), TIMELINESS, None),
    (re.compile(r"(合格|准确|达标|通过|完好|合规|规范|完整|故障|返修|验收|正确|符合)[率性度]"), QUALITY, None),
    (re.compile(r"(数|数量|人次|场次|课时|面积)$"), QUANTITY, None),
    (re.compile(r"机制|长效|可持续|持续|制度"), LASTING, SOCIAL),
    (re.compile(r"生态|环境|节能|减排|绿化|污染"), ECOLOGICAL, SOCIAL),
    (
        re.compile(r"增长|下降|降低|提升|提高|带动|就业|排名|风险|投诉|覆盖|占比|影响|知晓|利用率|使用率|效率"),
        SOCIAL,
        LASTING,
    ),
]
DEFAULT_GUESS = (QUANTITY, SOCIAL)  # the two most common level 2s of names no rule matches: a guess, never sure


def keyword_levels(name: str) -> tuple[str, str | None, str] | None:
    """(level 2 guessed, the runner-up when the rule is not sure, the keyword found) by the keyword rules, or None
    when no keyword occurs: '研发投入增长率' → ('经济效益指标', None, '研发投入增长'); '提高群众参与热情' →
    ('社会效益指标', '可持续影响指标', '提高')."""
    for pattern, level2, also in _RULES:
        m = pattern.search(name or "")
        if m:
            return level2, also, m.group(0)
    return None


def level1_of(level2: str) -> str | None:
    """The framework's level 1 above a level 2 ('经济效益指标' → '效益指标')."""
    return _LEVEL1_OF.get(level2)


@lru_cache(maxsize=65536)
def infer_levels(name: str) -> tuple[str, str]:
    """Standard levels guessed from an indicator name (for documents that give none): the keyword rules' first
    guess, else 产出/数量."""
    found = keyword_levels(name)
    level2 = found[0] if found else QUANTITY
    return _LEVEL1_OF[level2], level2


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
    short2 = _SHORT2.get(std_level2 or "", (std_level2 or "").removesuffix("指标"))
    return std_level1.removesuffix("指标") + (f"·{short2}" if short2 else "") + ("*" if inferred else "")


def level2_of_short(short: str) -> str | None:
    """The standard level 2 a short_level names, as a table printed it ('产出·质量' → '质量指标', '成本·经济' →
    '经济成本指标', '效益·可持续*' → '可持续影响指标'), or None."""
    short = short.strip().removesuffix("*").replace("・", "·")
    return next((l2 for l2, l1 in _LEVEL1_OF.items() if "·" in short and short_level(l1, l2) == short), None)
