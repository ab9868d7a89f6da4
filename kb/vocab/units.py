"""Unit words ('米', '%', '万平方米'): what a bracket in an indicator name may hold without naming another indicator.

Apart from kb.vocab.targets so that the name keys (kb.vocab.families) import nothing but `unicodedata`: they are
on the path of `kb search`, which must start fast.
"""

from __future__ import annotations

import unicodedata

KNOWN_UNITS = frozenset(
    "% ‰ 个 家 人 次 项 件 台 套 份 场 名 户 所 辆 座 基 米 千米 公里 平方米 亩 吨 元 天 日 月 年 周 小时 分钟 秒 "
    "起 栋 处 条 篇 册 本 期 批 课时 学时 人次 家次 户次 场次 人天 元/人 万元 亿元 亿 万 倍 名次 分 册 张 份数 所 辆次 "
    "千瓦 度 立方米 公顷 株 头 只 箱 盏 块 间 层 床 所 篇次 课".split()
)


def is_unit(text: str) -> bool:
    """Whether a bracketed word in a name is a unit ('米', '%', '万平方米', and per something: '元/件', '元/人·月'),
    not a qualifier ('会议次数')."""
    t = unicodedata.normalize("NFKC", text or "").strip()  # full-width brackets and signs become ASCII
    if "/" in t and t.count("/") == 1:
        return all(_one(part) for side in t.split("/") for part in side.replace("·", ".").split("."))
    return _one(t)


def _one(t: str) -> bool:
    return t in KNOWN_UNITS or (t[:1] in "万亿千百" and t[1:] in KNOWN_UNITS)
