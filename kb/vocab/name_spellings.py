"""Indicator names' other spellings: the usual short names (简称) of what indicators count, beside their full forms
(医保 / 医疗保障, 低保 / 最低生活保障, 辅警 / 警务辅助人员 …) and the units' (kb.vocab.departments: 人社, 住建 …), so
that a search for one names the others ('医保参保率' also 医疗保障参保率 and 医疗保险参保率).

A search finds what holds the text as typed; these spellings are offered beside it, marked as such (the app's
同义 names, `kb search`'s 同义的写法 line), never mixed into its hits or counts. Only short names in common use
across the country are here, and none that common words straddle: a short name is also searched as a part of
other words (高企 in 提高企业, 食安 in 粮食安全, 家医 in 国家医保, 职教 in 在职教师 are left out for it).
"""

from __future__ import annotations

from kb.vocab.departments import SHORT_NAMES
from kb.vocab.short_names import ShortNames

WORDS: dict[str, tuple[str, ...]] = {
    "医保": ("医疗保障", "医疗保险"),
    "社保": ("社会保险", "社会保障"),
    "低保": ("最低生活保障",),
    "辅警": ("警务辅助人员",),
    "公租房": ("公共租赁住房",),
    "非遗": ("非物质文化遗产",),
    "环评": ("环境影响评价",),
    "农险": ("农业保险",),
    "新农合": ("新型农村合作医疗",),
}

# Units' names (kb.vocab.departments) that are no spelling in an indicator name: 生态环境局 is the 环保局, but a name's
# 生态环境 is no 环保 (环保材料, 环保产品); 民宗 is straddled (便民利民宗旨)
UNITS_ONLY = ("生态环境", "民宗")

_NAMES = ShortNames(
    {
        short: tuple(
            form for form in dict.fromkeys(SHORT_NAMES.get(short, ()) + WORDS.get(short, ())) if form not in UNITS_ONLY
        )
        for short in SHORT_NAMES | WORDS
        if short not in UNITS_ONLY
    }
)  # (医保: the unit's 医疗保障 and the insurance's 医疗保险)


def other_spellings(text: str) -> list[str]:
    """The other spellings of `text` with the short names in it spelt out or the full forms shortened ('医保' →
    医疗保障, 医疗保险); [] for a text naming none, or of letters (pinyin)."""
    if text.isascii():
        return []
    return _NAMES.spellings(text)[1:]
