"""Region, year and department as the text states them (and a year as a file's name states it)."""

from __future__ import annotations

import re

_REGION = re.compile(
    r"^((?:[^省市区县\s]{2,7}(?:省|自治区))?(?:[^省市区县\s]{1,7}市)?(?:[^省市区县\s]{1,10}?(?:区|县|旗))?)"
)
# Organisations whose names begin with who they are and then where: 中共西安市委宣传部, 中国共产党北京市委员会宣传部,
# 政协宁波市委员会, 九三学社杭州市委员会, 国家税务总局广州市税务局
_ORGANISATION = re.compile(
    "^(?:中国共产党|中共|中国共产主义青年团|共青团|中国人民政治协商会议|政协|中国国民党革命委员会|民革|中国民主同盟|民盟|"
    "中国民主建国会|民建|中国民主促进会|民进|中国农工民主党|农工党|中国致公党|致公党|九三学社|台湾民主自治同盟|台盟|"
    "国家税务总局|国家金融监督管理总局|中国人民银行)"
)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?=\D|$|(?:0[1-9]|1[0-2])(?:\D|$|\d\d\D|\d\d$))")
_STAMP = re.compile(r"[（(]\s*(?:盖章|印章|部门|公章)\s*[）)]")


def region_from(text: str) -> str:
    """The administrative area an organisation's name begins with: '宁波市奉化区科学技术局' → '宁波市奉化区', also after
    the name of a party or a national body ('中共西安市委宣传部' → '西安市')."""
    m = _REGION.match(_ORGANISATION.sub("", re.sub(r"\s+", "", text or "")))
    region = m.group(1) if m else ""
    return region if len(region) >= 3 else ""


_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*年度?")
_TITLE_WORDS = ("预算", "绩效", "项目", "部门", "目标", "支出", "单位", "表", "级")  # no place's name holds them


# what follows a place's name in a title: a year, or an organisation's name ('民政局', '人民政府办公厅')
_AFTER_PLACE = re.compile(
    r"\s*(?:(?:19|20)\d\d|[\u4e00-\u9fff]{0,12}?(?:局|委员会|委|办公室|办|厅|政府|院|中心|站|所|队))"
)


def region_in_title(title: str) -> str:
    """The area a title begins with, after its year, when a year or an organisation follows it:
    '厦门市2026年项目支出绩效目标表', '2026年烟台市民政局部门预算' → '厦门市', '烟台市'; '' for a title that names none
    ('预算表12 项目支出绩效目标表', '部门预算市级项目', '智慧城市建设项目绩效目标汇总表': a project, not a place)."""
    text = _LEADING_YEAR.sub("", title or "").strip()
    region = region_from(text)
    if not re.fullmatch(r"[\u4e00-\u9fff]+", region) or any(word in region for word in _TITLE_WORDS):
        return ""
    return region if _AFTER_PLACE.match(text, len(region)) else ""


def year_from(text: str) -> int | None:
    """The first year a text states: '2021-01-01', '202001', '2021 年' → 2021."""
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def one_year(text: str) -> int | None:
    """The year a text states when it states only one ('2025年1月至2025年12月', '202501-202512' → 2025); None for none,
    and for a span of years ('2024-2026': which of them a self-evaluation reports is not written)."""
    years = {int(m.group(1)) for m in _YEAR.finditer(text or "")}
    return years.pop() if len(years) == 1 else None


_NAMED_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def year_in_name(file_name: str) -> int | None:
    """The one year a file's name states ('广州市某局_2026年项目支出绩效目标表.pdf' → 2026); None for none or several
    ('2024-2026…'), and for a date's digits run together ('20260301.pdf')."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    years = set(_NAMED_YEAR.findall(stem))
    return int(years.pop()) if len(years) == 1 else None


def clean_department(text: str) -> str:
    """'宁波市奉化区科学技术局（盖章）' → '宁波市奉化区科学技术局'."""
    return _STAMP.sub("", text or "").strip()
