"""Dates as goal tables write them: a project's 实施期 ('2025-01 至 2027-12', '2025年1月-2025年12月',
'2027年1月-12月', '2025—2027年') and the dates inside a target or a goal ('2025年6月底前', '2025-09-30',
'2026年12月31日前').

A month or a year alone stands for its last day when it ends something (a deadline, a period's end) and its first
day when it starts a period. Only a four-digit year from 1900 to 2099 written as a year (followed by 年, a month or a
separator and a month) counts: '2000人' is no year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

_YEAR = r"(19\d\d|20\d\d)"
# one end of a period: 2025-01-01, 2025.1, 2025年1月1日, 202501, 20250101, 2025年, 2025
_POINT = rf"{_YEAR}(?:\s*(?:[-./年])\s*(\d{{1,2}})(?:\s*(?:[-./月])\s*(\d{{1,2}})\s*日?)?\s*月?|(\d\d)(\d\d)?)?\s*年?"
# the end of a period within its start's year: '2027年1月-12月', '2027年1月1日至12月31日', '2027.1-12'
_SAME_YEAR_END = r"(\d{1,2})(?:\s*(?:[-./月])\s*(\d{1,2})\s*日?)?\s*月?"
_PERIOD = re.compile(rf"^\s*{_POINT}\s*(?:至|到|－|-|—+|–|~|～|_)\s*(?:{_POINT}|{_SAME_YEAR_END})\s*$")
# a date inside a sentence: a year with 年 (a month and day may follow) or an ISO-like 2025-09-30 / 2025.9
_MENTION = re.compile(
    rf"(?<!\d){_YEAR}(?:年(?:\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*[日号])?)?|[-./](\d{{1,2}})(?:[-./](\d{{1,2}}))?(?!\d))"
)


def _day(year: int, month: int | None, day: int | None, end: bool) -> date | None:
    if month is None:
        month = 12 if end else 1
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last if end else 1
    return date(year, month, day) if 1 <= day <= last else None


def _point(groups: tuple, end: bool) -> date | None:
    year, month, day, packed_month, packed_day = groups
    if packed_month:
        month, day = packed_month, packed_day
    return _day(int(year), int(month) if month else None, int(day) if day else None, end)


def period_bounds(text: str | None) -> tuple[date, date] | None:
    """(first day, last day) of a period as written, or None when it does not read as one (or ends before it
    starts). A single year ('2025年', '2025') is that year; an end without its year is in the start's year
    ('2027年1月-12月')."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None
    single = re.fullmatch(rf"{_YEAR}\s*年?(?:度|全年)?", text)
    if single:
        year = int(single.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    m = _PERIOD.match(text)
    if not m:
        return None
    start = _point(m.groups()[:5], end=False)
    if m.group(6) is not None:
        end = _point(m.groups()[5:10], end=True)
    elif start is not None:
        end = _day(start.year, int(m.group(11)), int(m.group(12)) if m.group(12) else None, end=True)
    else:
        end = None
    if start is None or end is None or end < start:
        return None
    return start, end


def dates_in(text: str | None) -> list[date]:
    """The dates a sentence names, each as the last day it allows ('2025年6月底前' → 2025-06-30)."""
    found = []
    for m in _MENTION.finditer(unicodedata.normalize("NFKC", text or "")):
        year, month, day, iso_month, iso_day = m.groups()
        month, day = (month, day) if month else (iso_month, iso_day)
        when = _day(int(year), int(month) if month else None, int(day) if day else None, end=True)
        if when is not None:
            found.append(when)
    return found


def years_in(text: str | None) -> list[int]:
    """The years a sentence names, in order, each once."""
    out: list[int] = []
    for when in dates_in(text):
        if when.year not in out:
            out.append(when.year)
    return out
