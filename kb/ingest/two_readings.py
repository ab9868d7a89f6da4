"""Two readings of the same self-evaluations (a PDF and the spreadsheet it was printed from): the same forms (kind,
name and their rows' names, in order) whose cells may differ where one file was read less well (a page break that
lost a form's scores or reasons). The reading with every cell of the other and more (or a cell whole where the other
read a part of it) is kept; two readings that give a cell different values are both kept and said to differ (which
is right is not told)."""

from __future__ import annotations

import json
from typing import NamedTuple

from kb.ingest.normalise import OUTCOME_COLUMNS, SELF_EVALUATION_COLUMNS

_HEAD = ("code", "amount_text", "goal")  # a self-evaluation's cells compared, with each of its fields
_ROW = ("level1", "level2", "target", "actual", "weight_text", "score_text")  # an outcome's, with each of its notes
_LABELS = {"code": "项目编码", "amount_text": "金额", "goal": "年度目标", "level1": "一级指标", "level2": "二级指标"}
_LABELS |= {"target": "指标值", "actual": "实际完成值", "weight_text": "分值", "score_text": "得分"}


def _plain(text: str | None) -> str:
    return "".join((text or "").split())


_DIGIT = frozenset("0123456789.")


def _part_of(part: str, whole: str) -> bool:
    """Whether `whole` holds `part` not inside a number: a cell read in part, not another value ('5%' of '95%',
    '1' of '10')."""
    at = whole.find(part)
    while at >= 0:
        end = at + len(part)
        cut = (at > 0 and part[0] in _DIGIT and whole[at - 1] in _DIGIT) or (
            end < len(whole) and part[-1] in _DIGIT and whole[end] in _DIGIT
        )
        if not cut:
            return True
        at = whole.find(part, at + 1)
    return False


class Evaluation(NamedTuple):
    """A self-evaluation as stored: its values (SELF_EVALUATION_COLUMNS) and its outcomes' (OUTCOME_COLUMNS)."""

    values: tuple
    outcomes: list[tuple]

    def identity(self) -> tuple:
        """What two readings of one form share however well each was read: its kind, name and rows' names."""
        get = dict(zip(SELF_EVALUATION_COLUMNS, self.values)).get
        names = tuple(_plain(row[OUTCOME_COLUMNS.index("name")]) for row in self.outcomes)
        return get("kind"), _plain(get("name")), names

    def cells(self) -> dict[tuple, str]:
        """Its cells read (place → text; the empty ones left out): the head's, each field's, each row's and note's."""
        head = dict(zip(SELF_EVALUATION_COLUMNS, self.values))
        found: dict[tuple, str] = {(column,): head[column] for column in _HEAD}
        found |= {("fields", label): value for label, value in json.loads(head["fields"] or "{}").items()}
        for n, row in enumerate(self.outcomes):
            cells = dict(zip(OUTCOME_COLUMNS, row))
            where = cells["name"]
            found |= {(n, where, column): cells[column] for column in _ROW}
            found |= {(n, where, "notes", label): text for label, text in json.loads(cells["notes"] or "{}").items()}
        return {place: _plain(str(text)) for place, text in found.items() if _plain(str(text or ""))}


class Compared(NamedTuple):
    """How a new reading compares with the stored one: cells only it read, only the stored one read, read apart."""

    more: int
    fewer: int
    differ: list[tuple[tuple, str, str]]  # (place, new, stored)


def compare(new: list[Evaluation], stored: list[Evaluation]) -> Compared | None:
    """The two readings compared, or None when they are not of the same self-evaluations."""
    if [e.identity() for e in new] != [e.identity() for e in stored]:
        return None
    more = fewer = 0
    differ = []
    for mine, theirs in zip(new, stored):
        a, b = mine.cells(), theirs.cells()
        more += len(a.keys() - b.keys())
        fewer += len(b.keys() - a.keys())
        for place in a.keys() & b.keys():
            if a[place] == b[place]:
                continue
            if _part_of(b[place], a[place]) or _part_of(a[place], b[place]):  # '权重100' of '权重100；得分95.72'
                more, fewer = (more + 1, fewer) if _part_of(b[place], a[place]) else (more, fewer + 1)
            else:
                differ.append((place, a[place], b[place]))
    return Compared(more, fewer, differ)


def place_text(place: tuple) -> str:
    """A cell's place as a user reads it: '「道路完好率」的得分', '「实际完成情况」'."""
    if place[0] == "fields":
        return f"「{place[1]}」"
    if len(place) == 1:
        return _LABELS[place[0]]
    what = place[3] if place[2] == "notes" else _LABELS[place[2]]
    return f"「{place[1]}」的{what}"
