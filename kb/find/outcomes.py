"""What peers achieved: the self-evaluations (自评表) of an indicator name, counted beside its precedents.

For the names of an indicator (a NameHit's spellings, or one goal row's name) every self-evaluated row with the same
group key (kb.find.name_index.outcome_key: '指标1：' numbering, brackets and punctuation aside) is counted: how many,
how many met their target, missed it, or cannot be judged (kb.vocab.outcomes), and the median actual; all of them,
and per normalised target ('≥95%'), so a target can be set beside what peers who chose it reported. Outcomes are
self-reported by the units that set the targets: every face that shows them says so.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable

from kb.find.name_index import outcome_key
from kb.vocab.numbers import number
from kb.vocab.targets import normal_target, same_value

SELF_REPORTED = "自评 self-reported"


def _tally(rows: list[sqlite3.Row]) -> dict:
    """Counts and the median actual of rows (in the unit most of their targets use)."""
    units = Counter(r["unit"] or "" for r in rows if r["actual_value"] is not None)
    unit = units.most_common(1)[0][0] if units else None
    actuals = [
        r["actual_value"]
        for r in rows
        if r["actual_value"] is not None and (r["unit"] or "") == unit and (r["actual_unit"] or unit) == unit
    ]
    return {
        "evaluated": len(rows),
        "met": sum(r["met"] == 1 for r in rows),
        "not_met": sum(r["met"] == 0 for r in rows),
        "unknown": sum(r["met"] is None for r in rows),
        "median_actual": statistics.median(actuals) if actuals else None,
        "unit": unit or None,
    }


def _target(operator: str | None, value: float | None, unit: str | None, target: str | None) -> str | None:
    """A target as precedents count it: '=0' for '0起' and '≤0' (kb.vocab.targets.same_value)."""
    return normal_target(*same_value(operator, value, unit), target)


def outcome_summary(conn: sqlite3.Connection, names: Iterable[str]) -> dict | None:
    """Peers' self-reported outcomes for these names: the tally of all ('evaluated', 'met', 'not_met', 'unknown',
    'median_actual', 'unit') and 'by_target', the same per normalised target; None when no row was evaluated."""
    keys = sorted({outcome_key(name) for name in names})
    if not keys:
        return None
    rows = conn.execute(
        f"""SELECT operator, value, unit, target, actual_value, actual_unit, met FROM outcomes
        WHERE name_key IN ({",".join("?" * len(keys))})""",
        keys,
    ).fetchall()
    if not rows:
        return None
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[_target(row["operator"], row["value"], row["unit"], row["target"]) or ""].append(row)
    by_target = {
        target: _tally(group) for target, group in sorted(groups.items(), key=lambda item: -len(item[1])) if target
    }
    return {**_tally(rows), "by_target": by_target, "self_reported": True}


def for_target(
    summary: dict | None, operator: str | None, value: float | None, unit: str | None, target: str | None
) -> dict | None:
    """The part of a summary for one goal row: its peers' tally, and 'same_target' for those who set its target."""
    if summary is None:
        return None
    mine = _target(operator, value, unit, target)
    return {
        **{k: v for k, v in summary.items() if k != "by_target"},
        "same_target": summary["by_target"].get(mine) if mine else None,
    }


def add_outcomes(conn: sqlite3.Connection, rows: list[dict]) -> None:
    """Give each goal row (a dict with name, operator, value, unit, target) its peers' `outcomes` (for_target);
    a base without self-evaluations answers None for all at the cost of one query."""
    summaries: dict[str, dict | None] = {}
    if not conn.execute("SELECT EXISTS (SELECT 1 FROM outcomes)").fetchone()[0]:
        summaries = {row["name"]: None for row in rows}
    for row in rows:
        if row["name"] not in summaries:
            summaries[row["name"]] = outcome_summary(conn, [row["name"]])
        row["outcomes"] = for_target(summaries[row["name"]], row["operator"], row["value"], row["unit"], row["target"])


MIN_JUDGED = 3  # judged rows (met or missed) at least before a target's record says anything
RARELY = 0.5  # met by fewer than this share of the peers who set it: rarely met
BY_FAR = 1.2  # a median actual this far beyond the target (≥ 20 % over): beaten by far


def _met_rate(tally: dict | None) -> float | None:
    judged = tally["met"] + tally["not_met"] if tally else 0
    return tally["met"] / judged if tally and judged >= MIN_JUDGED else None


def preferred_target(spread: list[tuple[str, int]], summary: dict | None) -> str:
    """The target to propose: the most used, unless one used at least half as often is met more often by the peers
    who set it (and by most of them)."""
    if not spread:
        return ""
    best, top = max(spread, key=lambda kv: kv[1])
    if not summary:
        return best
    rates = {t: _met_rate(summary["by_target"].get(t)) for t, n in spread if n * 2 >= top}
    better = [(rate, n, t) for t, n in spread if (rate := rates.get(t)) is not None and rate >= RARELY]
    if not better:
        return best
    rate, _, target = max(better)
    base = rates.get(best)
    return target if base is None or rate > base else best


def advice(
    summary: dict | None, operator: str | None, value: float | None, unit: str | None, target: str | None
) -> str:
    """What the peers who set this target reported, when it says something: '' or one line, Chinese first."""
    tally = for_target(summary, operator, value, unit, target)
    tally = tally and tally["same_target"]
    if not tally:
        return ""
    rate = _met_rate(tally)
    judged = tally["met"] + tally["not_met"]
    if rate is not None and rate < RARELY:
        return f"同行少有达成 rarely met by peers: {tally['met']}/{judged}（{SELF_REPORTED}）"
    median = tally["median_actual"]
    if (
        operator in ("≥", ">")
        and value
        and median is not None
        and judged >= MIN_JUDGED
        and median >= BY_FAR * value
        and (tally["unit"] or "") == (unit or "")
    ):
        return (
            f"同行普遍大幅超出 peers beat it by far: 实际中位数 median actual {number(median)}{unit or ''}"
            f"（{SELF_REPORTED}）"
        )
    return ""


def outcome_line(tally: dict | None, targets: int = 0) -> str:
    """'自评 self-reported: 达成 met 31/33 · 实际中位数 median actual 96%', then the met-by counts of a summary's
    `targets` most set targets (' · ≥95% 20/21'); '' when nothing was evaluated."""
    if not tally or not tally["evaluated"]:
        return ""
    median = tally["median_actual"]
    by_target = list(tally.get("by_target", {}).items())[:targets]
    return (
        f"{SELF_REPORTED}: 达成 met {tally['met']}/{tally['evaluated']}"
        + (f" (未能判断 unknown {tally['unknown']})" if tally["unknown"] else "")
        + (f" · 实际中位数 median actual {number(median)}{tally['unit'] or ''}" if median is not None else "")
        + "".join(f" · {target} {same['met']}/{same['evaluated']}" for target, same in by_target)
    )


def verdict(met: int | None, has_target: bool = True, short: bool = False) -> str:
    """How a self-evaluated row did: '✓ 达成', '✗ 未达成', '? 未能判断' ('✓', '✗', '?' when `short`); '' for a row
    without a target."""
    said = "✓ 达成" if met == 1 else "✗ 未达成" if met == 0 else "? 未能判断" if has_target else ""
    return said[:1] if short else said


def achieved_text(achieved: dict | None, short: bool = False) -> str:
    """'99.5 ✓ 达成' / '744人 ✗ 未达成' / '长期实施 ? 未能判断' for a goal row's own self-evaluated actual ('99.5 ✓'
    when `short`)."""
    if not achieved:
        return ""
    return f"{achieved['actual'] or ''} {verdict(achieved['met'], short=short)}"


def peers_text(outcomes: dict | None) -> str:
    """'2/4 · 96%' for a goal row's peers (their median actual), '0/2 ?1' when rows could not be judged (not met
    and not judged read alike), '' when none was evaluated."""
    if not outcomes:
        return ""
    median = outcomes["median_actual"]
    return (
        f"{outcomes['met']}/{outcomes['evaluated']}"
        + (f" ?{outcomes['unknown']}" if outcomes.get("unknown") else "")
        + (f" · {number(median)}{outcomes['unit'] or ''}" if median is not None else "")
    )


PEERS_KEY = "met/evaluated（?n 未能判断 n could not be judged）"  # how peers_text reads, for a table's footnote


def evaluation_line(evaluation: dict) -> str:
    """One self-evaluation linked to a goal table (kb.find.queries.show_project): its year, name, file and link,
    and the rows either holds that the other does not."""
    e = evaluation
    return (
        f"自评表 self-evaluation {e['year'] or ''}: {e['name']} ({e['source']}; 关联方式 linked by {e['link']})"
        + (
            f"; 目标表外的行 rows not in the goal table: {'、'.join(e['rows_without_goal'])}"
            if e["rows_without_goal"]
            else ""
        )
        + (
            f"; 未自评的指标 goal rows not evaluated: {'、'.join(e['goal_rows_not_evaluated'])}"
            if e["goal_rows_not_evaluated"]
            else ""
        )
    )
