"""Indicator families: the spellings of one indicator, grouped under one key, by rules that never join two measures.

Published tables spell one indicator many ways: `服务对象满意度`, `服务对象满意度（%）`, `服务对象满意率`,
`受益对象的满意度`. Counting them apart splits a precedent's weight and lets a template propose the same indicator
twice; joining two different measures (`完成率` and `完成数`) would be worse, so the rules are few and narrow, and
every face shows the spellings a family holds (`spellings_note`), never only the one it is named by.

`spelling_key(name)` is what spellings differing only in writing share; `family_key(name)` applies the rules below on
top of it. Both are pure and cheap (a few string tests per name: the name index keys 200,000 names with them).
`offered_name(name)` is the spelling offered to copy into a draft: names are stored as printed, but the stop or comma
a PDF's cell left after one (`响应时间.`) is no part of the name an officer writes.

The rules (S: spellings, kept from the first grouping; F: families), each with examples merged and kept apart:

- S1 writing: width, case, spaces, punctuation and brackets (their words kept) do not count.
  Merged: `ＡＢＣ达标率` = `abc 达标率`.
- S2 unit: a bracketed unit (kb.vocab.units.is_unit) does not count.
  Merged: `服务对象满意度（%）` = `服务对象满意度`. Apart: `年培训（参会）人次` keeps 参会 (not a unit).
- F1 满意率: `满意率` and `满意程度` are `满意度`.
  Merged: `服务对象满意率` = `服务对象满意度`. Apart: `满意度` and `服务对象满意度` (one names no subject).
- F2 性: a trailing 性 after a quality word (QUALITY_WORDS: 健全 完整 及时 合规 规范 准确 …) does not count.
  Merged: `监督考核机制健全性` = `监督考核机制健全`. Apart: `拨付及时性` and `拨付及时率` (a share of cases is
  another measure than a quality); `可持续性` (no quality word).
- F3 的: the particle 的 does not count (目的 is a word, kept).
  Merged: `受益学生的满意度` = `受益学生满意度`.
- F4 label: `指标` printed after the name, or before it when 4 or more characters remain, does not count.
  Merged: `服务对象满意度指标` = `服务对象满意度`; `指标运转保障率` = `运转保障率`. Apart: `指标完成率` (3 left).
- F5 受助: `受资助` is `受助` written in full (not after 享 or 接: `享受资助`, `接受资助` are other words).
  Merged: `受资助学生满意度` = `受助学生满意度`. Apart: `资助学生满意度` (a word before the subject, below).

Never a rule: a word before the subject (`受益对象满意度`, `救助对象满意度`, `扶持企业满意度` and `服务对象满意度`,
`企业满意度` stay apart). Who answers a survey is part of the indicator; a search for one shows the others beside it
as near names (近似), each counted on its own, never as its spellings.

What is never done: dropping a measure word (率 数 次数 时间, 性 outside F2), a noun (a subject's words too), a
verb (`补贴发放及时性` and `补贴及时性` stay apart) or a number: the rules join only spellings that mean the same to a
budget officer.
"""

from __future__ import annotations

import re

from kb.vocab.units import is_unit
from kb.vocab.tokens import fold

__all__ = [
    "QUALITY_WORDS",
    "family_key",
    "family_of_spelling",
    "family_trace",
    "offered_name",
    "spellings_note",
    "spelling_key",
]

_BRACKETED = re.compile(r"\(([^()]{1,6})\)")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")

QUALITY_WORDS = (
    "健全",
    "完整",
    "完善",
    "及时",
    "合规",
    "规范",
    "准确",
    "有效",
    "安全",
    "稳定",
    "公开",
    "透明",
    "合理",
    "充分",
)
_QUALITY_SUFFIX = re.compile(f"(?:{'|'.join(QUALITY_WORDS)})性$")
_LEADING_LABEL = re.compile(r"^指标\d*")
_FUNDED = re.compile("(?<![享接])受资助")
_STRAY_END = re.compile(r"[\s.．。，,、;；]+$")  # what a printed cell leaves after a name: a stop, a comma, spaces


def offered_name(name: str) -> str:
    """The name to copy into a draft: as printed, without the stops, commas, semicolons or spaces after it
    ('响应时间.' → '响应时间', '运维服务覆盖单位数 .' → '运维服务覆盖单位数'); itself when nothing else is left."""
    return _STRAY_END.sub("", name).strip() or name


def spelling_key(name: str) -> str:
    """What spellings differing only in writing share (S1, S2): the folded name without bracketed units,
    punctuation or spaces. '资金发放准确率（%）' → '资金发放准确率'."""
    folded = fold(name)
    if folded.isalnum():
        return folded
    key = _NOT_WORD.sub("", _BRACKETED.sub(lambda m: "" if is_unit(m.group(1)) else m.group(1), folded))
    return key or _SPACE.sub("", folded)


def _rate(key: str) -> str:  # F1
    if "满意" in key:
        return key.replace("满意率", "满意度").replace("满意程度", "满意度")
    return key


def _quality(key: str) -> str:  # F2
    return key[:-1] if key.endswith("性") and _QUALITY_SUFFIX.search(key) else key


def _particle(key: str) -> str:  # F3
    if "的" not in key:
        return key
    return key.replace("目的", "\0").replace("的", "").replace("\0", "目的") or key


def _label(key: str) -> str:  # F4
    if key.startswith("指标"):
        rest = _LEADING_LABEL.sub("", key)
        if len(rest) >= 4:
            key = rest
    if key.endswith("指标") and len(key) > 2:
        key = key[:-2]
    return key


def _funded(key: str) -> str:  # F5
    return _FUNDED.sub("受助", key) if "受资助" in key else key


_RULES = (("F4", _label), ("F3", _particle), ("F1", _rate), ("F2", _quality), ("F5", _funded))


def family_key(name: str) -> str:
    """The key all spellings of one indicator share: spelling_key, then the rules F1–F5 (see the list above).
    '服务对象满意率' → '服务对象满意度' = family_key('服务对象满意度（%）'); '监督考核机制健全性' → '监督考核机制健全'.
    """
    return family_of_spelling(spelling_key(name))


def family_of_spelling(key: str) -> str:
    """family_key of the names whose spelling_key is `key` (for a caller holding that already)."""
    if "满意" in key or "的" in key or "指标" in key or "受资助" in key or key.endswith("性"):  # most names skip
        for _, rule in _RULES:
            key = rule(key)
    return key


def family_trace(name: str) -> list[tuple[str, str]]:
    """The rules that changed the name, in order, with the key after each: [('F3', '学生满意率'), ('F1', …)].
    For explaining a grouping; family_key is the fast way to the last key."""
    key = spelling_key(name)
    out = [("S", key)] if key != name else []
    for rule_id, rule in _RULES:
        changed = rule(key)
        if changed != key:
            out.append((rule_id, changed))
            key = changed
    return out


def spellings_note(name: str, variants: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """' (+2 种写法: 服务对象满意度（%）, 服务对象满意率)' for a family named `name` holding `variants` (the name among
    them or not); '' when it has no other spelling. At most `limit` are listed, then '…'."""
    others = [v for v in variants if v != name]
    if not others:
        return ""
    listed = ", ".join(others[:limit]) + (", …" if len(others) > limit else "")
    return f" (+{len(others)} 种写法: {listed})"
