"""Outcomes of self-evaluations: met, not met or unknown per row, and peers' outcomes beside precedents."""

from __future__ import annotations

import pytest

from kb.find.name_index import outcome_key
from kb.vocab.outcomes import judge
from kb.vocab.targets import parse_target


@pytest.mark.parametrize("target, actual, met, ratio", [
    ("≥95%", "99.14", 1, 99.14 / 95),
    ("≥95%", "95", 1, 1.0),
    ("≥30次", "20", 0, 20 / 30),
    ("≤3843.67万元", "4262.96", 0, 3843.67 / 4262.96),
    ("≤100%", "93.47", 1, 100 / 93.47),
    ("≤0次", "0", 1, None),
    ("=24小时", "24", 1, 1.0),
    ("=6期", "5期", 0, 5 / 6),
    (">0", "0", 0, None),
    ("≥90%", "≥90%", 1, 1.0),  # a bound reported on the target's side
    ("≥90%", "≤90%", None, None),
    ("≥90%", "98元", None, None),  # another unit
    ("达到国家标准", "达到", None, None),  # qualitative: unknown, never missed
    ("≥90%", "效果明显", None, None),
    ("±5%", "3%", None, None),
    ("1678648.28万元", "", None, None),
])
def test_judge(target, actual, met, ratio):
    got = judge(parse_target(target), parse_target(actual) if actual else None)
    assert got[0] == met
    assert got[1] == pytest.approx(ratio) if ratio is not None else got[1] is None


def test_outcome_key_ignores_numbering_and_brackets():
    assert outcome_key("指标1：服务对象满意度（%）") == outcome_key("服务对象满意度") == outcome_key("指标：服务对象满意度")


def _peers(conn):
    """Three units that set 服务对象满意度 (two at ≥95%, one at ≥90%) and reported 97, 93 and 96; a fourth wrote
    '满意' (unknown); and a goal table of ours that sets ≥95%."""
    from conftest import make_document, store
    from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject

    rows = [("≥95%", "97"), ("≥95%", "93"), ("≥90%", "96"), ("≥95%", "满意")]
    for n, (target, actual) in enumerate(rows):
        evaluation = RawProject(name=f"项目{n}", kind=SELF_EVALUATION, amount="10", amount_unit="万元", indicators=[
            RawIndicator(name=f"指标{n + 1}：服务对象满意度（%）", target=target, actual=actual, level1="满意度指标",
                         level2="服务对象满意度指标", weight="10", score="10")])
        store(conn, RawDocument(layout="test", projects=[evaluation]), name=f"自评{n}.txt", region=f"{n}市", year=2023)
    store(conn, make_document({"新项目": [("服务对象满意度", "≥95%")]}), name="goal.txt")


def test_peers_outcomes_counted_per_target(conn):
    from kb.find.outcomes import outcome_line, outcome_summary

    _peers(conn)
    summary = outcome_summary(conn, ["服务对象满意度"])
    assert {k: summary[k] for k in ("evaluated", "met", "not_met", "unknown", "median_actual", "unit")} == {
        "evaluated": 4, "met": 2, "not_met": 1, "unknown": 1, "median_actual": 96, "unit": "%"}
    assert summary["by_target"]["≥95%"] == {"evaluated": 3, "met": 1, "not_met": 1, "unknown": 1,
                                            "median_actual": 95, "unit": "%"}
    assert outcome_line(summary["by_target"]["≥95%"]) == (
        "自评 self-reported: 达成 met 1/3 (未能判断 unknown 1) · 实际中位数 median actual 95%")
    assert outcome_summary(conn, ["从未自评的指标"]) is None


def test_show_json_carries_outcomes_beside_each_goal_row(conn):
    from kb.find.queries import show_project

    _peers(conn)
    project = conn.execute("SELECT id FROM projects WHERE name = '新项目'").fetchone()[0]
    outcomes = show_project(conn, project)["indicators"][0]["outcomes"]
    assert (outcomes["evaluated"], outcomes["met"], outcomes["self_reported"]) == (4, 2, True)
    assert outcomes["same_target"]["evaluated"] == 3 and "by_target" not in outcomes


def test_search_hits_carry_outcomes(conn):
    from kb.find.search import search

    _peers(conn)
    hit = next(h for h in search(conn, "服务对象满意度").indicators if h["project"] == "新项目")
    assert (hit["outcomes"]["met"], hit["outcomes"]["same_target"]["met"]) == (2, 1)


def test_search_hits_without_any_self_evaluation_say_none(seeded):
    from kb.db import connect
    from kb.find.search import search

    conn = connect(seeded)
    assert {h["outcomes"] for h in search(conn, "满意度").indicators} == {None}
    conn.close()
