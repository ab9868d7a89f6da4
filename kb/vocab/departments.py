"""Departments by the names officers call them: the usual short names (简称) of government units and the full
names tables print, so that a department filter of `人社` finds 北京市人力资源和社会保障局 and `科技局` finds both
西安市科学技术局 and 西安市科技局, as it reads.

Each entry is a short name and the full forms it stands for; a filter's text is also tried with each short name in
it spelt out and each full form in it shortened (`department_spellings`). Only names in common use across the
country are here; a spelling is not matched inside another unit's full form (科技's 科学技术 is not 科学技术协会, 科协).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from kb.vocab.short_names import ShortNames

SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "人社": ("人力资源和社会保障", "人力资源社会保障"),
    "人力社保": ("人力资源和社会保障", "人力资源社会保障"),
    "住建": ("住房和城乡建设", "住房城乡建设"),
    "卫健": ("卫生健康", "卫生和健康"),
    "发改": ("发展和改革", "发展改革"),
    "医保": ("医疗保障",),
    "市监": ("市场监督管理", "市场监管"),
    "科技": ("科学技术",),
    "教委": ("教育委员会",),
    "文旅": ("文化和旅游", "文化广电和旅游", "文化广电旅游", "文化旅游"),
    "城管": ("城市管理",),
    "交警": ("公安局交通管理", "交通警察"),
    "环保": ("生态环境", "环境保护"),
    "人防": ("人民防空",),
    "应急局": ("应急管理局",),
    "政数": ("政务服务和数据管理",),
    "网信": ("网络安全和信息化",),
    "编办": ("机构编制委员会办公室",),
    "统战": ("统一战线",),
    "政法委": ("政法委员会",),
    "纪委": ("纪律检查委员会",),
    "国资委": ("国有资产监督管理委员会",),
    "民宗": ("民族宗教", "民族和宗教"),
    "残联": ("残疾人联合会",),
    "妇联": ("妇女联合会",),
    "科协": ("科学技术协会",),
    "侨联": ("归国华侨联合会",),
    "文联": ("文学艺术界联合会",),
    "工商联": ("工商业联合会",),
    "机关事务局": ("机关事务管理局",),
    "中共": ("中国共产党",),
    "市委": ("市委员会",),
    "政协": ("政治协商会议",),
    "疾控": ("疾病预防控制",),
    "共青团": ("共产主义青年团",),
    "民革": ("国民党革命委员会",),
    "民盟": ("民主同盟",),
    "民建": ("民主建国会",),
    "民进": ("民主促进会",),
    "农工党": ("农工民主党",),
    "台盟": ("台湾民主自治同盟",),
}

# Bodies whose full names hold 市委员会 (or whose short names hold 市委) but are not the Party's city committee: the
# CPPCC, the Youth League (共青团北京市委员会, 团市委) and the eight democratic parties (民革北京市委员会 …), each by
# its short name and the full forms SHORT_NAMES gives it.
OTHER_BODIES: dict[str, tuple[str, ...]] = {
    "市委": ("政协", "共青团", "团市委", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
}
_NAMES = ShortNames(SHORT_NAMES)


def _other_bodies(text: str) -> list[str]:
    """The words of bodies whose full names hold a short name of `text` but are not its unit (政协…市委员会 for
    市委), unless `text` names them itself."""
    named = [short for short in OTHER_BODIES if short in text or any(form in text for form in SHORT_NAMES[short])]
    words = {short: [w for body in OTHER_BODIES[short] for w in (body, *SHORT_NAMES.get(body, ()))] for short in named}
    return [word for short in named for word in words[short] if not any(w in text for w in words[short])]


def department_spellings(text: str) -> list[str]:
    """`text` and its other spellings with the short names (kb.vocab.short_names.ShortNames.spellings)."""
    return _NAMES.spellings(text)


def department_condition(table: str, text: str, slot: Callable[[str], str]) -> str:
    """SQL true when the department (主管部门) or the unit carrying the work out (实施单位) of the row `table` names
    holds `text` or one of its other spellings, a spelling not as part of another unit's full form (科技's 科学技术
    not in 北京市科学技术协会); `slot(value)` gives each value's placeholder, called in the order they appear."""
    terms = []
    for column in (f"{table}.department", f"{table}.implementing_unit"):
        for k, spelt in enumerate(department_spellings(text)):
            held = (_NAMES.held(spelt) if k else []) + _other_bodies(text)  # the text as given: a part of the name
            checks = [f"instr({column}, {slot(spelt)}) > 0"] + [f"instr({column}, {slot(h)}) = 0" for h in held]
            terms.append(" AND ".join(checks))
    return "(" + " OR ".join(f"({term})" for term in terms) + ")"


def department_sql(table: str, text: str, params: dict) -> str:
    """department_condition with named parameters, added to `params`."""
    keys = itertools.count()

    def slot(value: str) -> str:
        key = f"department{next(keys)}"
        params[key] = value
        return f":{key}"

    return department_condition(table, text, slot)


_SAME_UNIT = ("同上", "本单位", "本部门", "同主管部门", "无", "/", "-", "—", "——")  # written for the department itself
_OWN_BUDGET = re.compile(r"(?:本级|[（(]本级[）)])$")  # 福州市民政局本级: the department's own budget unit


def unit_beside(department: str | None, unit: str | None) -> str | None:
    """The unit carrying a project out (实施单位) where it is another unit than its department (主管部门), to show
    beside it: a department filter may have found the project by it (交警: 福州市公安局交通管理支队 under
    福州市公安局). Not the department spelt with spaces or 本级, nor 同上, 本单位 and the like."""
    bare = _bare(unit)
    return unit if bare and bare not in _SAME_UNIT and bare != _bare(department) else None


def unit_under(department: str | None, region: str | None, unit: str | None) -> str | None:
    """unit_beside, without the department's or region's name at its head, for a narrow list that names them
    already (交通管理支队 of 福州市公安局, 老年福利服务中心 of 烟台市)."""
    unit = unit_beside(department, unit)
    for head in (department, region):
        if unit and head and unit.startswith(head) and len(unit) > len(head):
            return unit.removeprefix(head)
    return unit


def _bare(unit: str | None) -> str:
    """A unit's name without spaces and 本级 (as PDFs and heads print it)."""
    return _OWN_BUDGET.sub("", re.sub(r"\s+", "", unit or ""))
