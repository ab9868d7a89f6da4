"""Each self-evaluation (自评表) joined to the goal table it answers, and each of its rows to the goal row.

A goal table answers a self-evaluation when both are of one kind (a project's, or a department's whole table), of
one year and region, of one unit where both name it, and the first of these holds:
- `code`: both carry the same project code;
- `name+amount`: the same name once year prefixes, quotes, punctuation and suffixes such as 项目/经费/专项资金 are
  set aside (link_key), and the self-evaluation's 年初预算数 is the goal table's annual amount (万元, to 0.5 %);
- `name`: the same name, and it is the only goal table of that name;
- `fuzzy`: names at least 90 % alike (rapidfuzz) and the same amount, one goal table alone that close.
No link is made otherwise: a self-evaluation whose goal table is not in the base stays unlinked, never guessed.
Rows are joined by name (kb.find.name_index.outcome_key, '指标1：' numbering aside), each goal row once.
Links are made again after every import: a replaced or removed goal table's links go, new ones are found.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict

from rapidfuzz import fuzz

from kb.find.name_index import outcome_key
from kb.vocab.amounts import first_number
from kb.vocab.tokens import fold

FUZZY = 90.0  # rapidfuzz ratio (0–100) at least, for a fuzzy link
AMOUNT_SHARE = 0.005  # amounts this close (share of the larger) are the same
_YEAR = re.compile(r"^(?:19|20)\d\d年度?")
_SUFFIXES = ("专项资金", "专项经费", "工作经费", "项目经费", "经费", "资金", "专项", "项目")
_NOT_WORD = re.compile(r"[\W_]+")


def link_key(name: str) -> str:
    """'2022年“病媒生物防制”项目经费' → '病媒生物防制': what a self-evaluation and its goal table's names share."""
    key = _YEAR.sub("", _NOT_WORD.sub("", fold(name)))
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key, stripped = key[: -len(suffix)], True
    return key


def _same_amount(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= max(0.01, AMOUNT_SHARE * max(abs(a), abs(b)))


def same_unit(a: str | None, b: str | None) -> bool:
    """Whether two departments name one unit (either unnamed counts as the same)."""
    return not a or not b or a in b or b in a


def _budget(fields: str | None, amount: float | None) -> float | None:
    """The self-evaluation's 年初预算数 (the amount the goal table was set with), else its stated amount."""
    start = json.loads(fields or "{}").get("年初预算数")
    return first_number(start) if start else amount


def _choose(evaluation: sqlite3.Row, candidates: list[tuple[sqlite3.Row, str]]) -> tuple[int, str] | None:
    """(project id, how) of the goal table the self-evaluation answers among (goal table, its link_key), or None."""
    mine = [(p, k) for p, k in candidates if same_unit(evaluation["department"], p["department"])]
    if evaluation["code"]:
        coded = [p for p, _ in mine if p["code"] == evaluation["code"]]
        if len(coded) == 1:
            return coded[0]["id"], "code"
    key, budget = link_key(evaluation["name"]), _budget(evaluation["fields"], evaluation["amount_wan"])
    named = [p for p, k in mine if k == key]
    priced = [p for p in named if _same_amount(budget, p["amount_wan"])]
    if len(priced) == 1:
        return priced[0]["id"], "name+amount"
    if len(named) == 1 and not priced:
        return named[0]["id"], "name"
    close = [p for p, k in mine if k != key and _same_amount(budget, p["amount_wan"]) and fuzz.ratio(key, k) >= FUZZY]
    return (close[0]["id"], "fuzzy") if len(close) == 1 and not named else None


def _link_rows(conn: sqlite3.Connection, evaluation_id: int, project_id: int) -> None:
    """Each outcome row to the goal row of the same name, each goal row used once."""
    goals: dict[str, list[int]] = defaultdict(list)
    for row in conn.execute(
        "SELECT i.id, n.name FROM indicators i JOIN indicator_names n ON n.id = i.name_id "
        "WHERE i.project_id = ? ORDER BY i.seq",
        (project_id,),
    ):
        goals[outcome_key(row["name"])].append(row["id"])
    pairs = [
        (goals[row["name_key"]].pop(0), row["id"])
        for row in conn.execute(
            "SELECT id, name_key FROM outcomes WHERE self_evaluation_id = ? ORDER BY seq", (evaluation_id,)
        )
        if goals.get(row["name_key"])
    ]
    conn.executemany("UPDATE outcomes SET indicator_id = ? WHERE id = ?", pairs)


def link_self_evaluations(conn: sqlite3.Connection) -> int:
    """Drop the links to goal tables no longer stored, then link every unlinked self-evaluation that can be
    (inside the caller's transaction); returns how many were linked."""
    conn.execute("""UPDATE outcomes SET indicator_id = NULL WHERE indicator_id IS NOT NULL
        AND indicator_id NOT IN (SELECT id FROM indicators)""")
    conn.execute("""UPDATE self_evaluations SET project_id = NULL, link = NULL WHERE project_id IS NOT NULL
        AND project_id NOT IN (SELECT id FROM projects)""")
    unlinked = conn.execute("""SELECT id, kind, name, code, department, region, year, amount_wan, fields
        FROM self_evaluations WHERE project_id IS NULL AND year IS NOT NULL""").fetchall()
    groups: dict[tuple, list] = defaultdict(list)
    for evaluation in unlinked:
        groups[evaluation["kind"], evaluation["year"], evaluation["region"]].append(evaluation)
    linked = 0
    for (kind, year, region), evaluations in groups.items():
        candidates = [
            (p, link_key(p["name"]))
            for p in conn.execute(
                """SELECT id, name, code, department, amount_wan FROM projects WHERE kind = ? AND year = ?
            AND (? IS NULL OR region IS NULL OR region = ?)""",
                (kind, year, region, region),
            )
        ]
        for evaluation in evaluations:
            chosen = _choose(evaluation, candidates)
            if chosen:
                conn.execute(
                    "UPDATE self_evaluations SET project_id = ?, link = ? WHERE id = ?", (*chosen, evaluation["id"])
                )
                _link_rows(conn, evaluation["id"], chosen[0])
                linked += 1
    return linked
