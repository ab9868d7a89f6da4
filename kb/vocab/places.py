"""Region, year and department as the text states them."""

from __future__ import annotations

import re

_REGION = re.compile(
    r"^((?:[^省市区县\s]{2,7}(?:省|自治区))?(?:[^省市区县\s]{1,7}市)?(?:[^省市区县\s]{1,10}?(?:区|县|旗))?)"
)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?=\D|$|(?:0[1-9]|1[0-2])(?:\D|$|\d\d\D|\d\d$))")
_STAMP = re.compile(r"[（(]\s*(?:盖章|印章|部门|公章)\s*[）)]")


def region_from(text: str) -> str:
    """The administrative area an organisation's name begins with: '宁波市奉化区科学技术局' → '宁波市奉化区'."""
    m = _REGION.match(re.sub(r"\s+", "", text or ""))
    region = m.group(1) if m else ""
    return region if len(region) >= 3 else ""


def year_from(text: str) -> int | None:
    """The first year a text states: '2021-01-01', '202001', '2021 年' → 2021."""
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def clean_department(text: str) -> str:
    """'宁波市奉化区科学技术局（盖章）' → '宁波市奉化区科学技术局'."""
    return _STAMP.sub("", text or "").strip()
