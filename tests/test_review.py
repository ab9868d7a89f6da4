"""Checks on self-evaluations (自评表) and targets against last year's actuals (kb lint --self-evaluation(s))."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli.app import app
from conftest import store
from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject
from kb.review.self_evaluations import below_last_actual, check_all, check_self_evaluation


def _evaluation(rows, fields, name="信息系统运维", year=2023):
    """rows: (level1, name, target, actual, 分值, 得分, 偏差原因)."""
    project = RawProject(
        name=name,
        kind=SELF_EVALUATION,
        department="测试局",
        amount="50",
        amount_unit="万元",
        fields=fields,
        indicators=[
            RawIndicator(
                name=n,
                level1=l1,
                target=t,
                actual=a,
                weight=w,
                score=s,
                notes={"偏差原因分析及改进措施": why} if why else {},
            )
            for l1, n, t, a, w, s, why in rows
        ],
    )
    return RawDocument(layout="test", projects=[project])


SOUND = [
    ("产出指标", "系统可用率", "≥99%", "99.5", "20", "20", ""),
    ("产出指标", "巡检次数", "≥12次", "9", "20", "15", "设备更换，停检三个月"),  # 9/12 × 20 = 15
    ("效益指标", "故障时长", "≤10小时", "20", "20", "10", "机房停电"),  # A/B = 10/20 × 20 = 10
    ("满意度指标", "用户满意度", "≥90%", "很满意", "30", "30", ""),
]  # unknown: never recomputed


def test_a_sound_self_evaluation_has_no_finding(conn):
    store(conn, _evaluation(SOUND, {"执行率": "95%", "执行率分值": "10", "执行率得分": "9.5", "总分": "100 84.5"}))
    assert [f.rule for f in check_self_evaluation(conn, 1)] == ["no-goal-table"]  # its goal table is not here


def test_each_rule_is_found(conn):
    rows = [
        ("产出指标", "系统可用率", "≥99%", "99.5", "20", "18", ""),  # met: 20 due
        ("产出指标", "巡检次数", "≥12次", "9", "20", "20", ""),
    ]  # missed, full marks, no reason
    store(conn, _evaluation(rows, {"执行率": "50.00%", "执行率分值": "10", "执行率得分": "10", "总分": "100 60"}))
    found = [(f.rule, f.row, f.detail) for f in check_self_evaluation(conn, 1) if f.rule != "no-goal-table"]
    assert found == [
        ("score-mismatch", 1, "得分 18，按完成比例应为 20 scored, recomputed"),
        ("score-mismatch", 2, "得分 20，按完成比例应为 15 scored, recomputed"),
        ("missed-without-reason", 2, "未完成目标，未写偏差原因 missed, no reason given"),
        ("budget-score", None, "执行率 50%：得分 10，应为 5 scored, recomputed"),
        ("total-score", None, "总分 60，各项得分之和 48 total, sum of the scores"),
    ]
    store(conn, _evaluation(SOUND[:1], {"执行率": "40%", "执行率分值": "10", "执行率得分": "4"}), "low.txt")
    assert [(f.rule, f.detail) for f in check_self_evaluation(conn, 2) if f.rule != "no-goal-table"] == [
        ("low-execution-full-output", "执行率 40%，产出 1 行全部满分 all full marks")
    ]
    assert [e["id"] for e in check_all(conn)["self_evaluations"]] == [1, 2]


def test_a_target_below_last_years_actual_is_flagged(conn):
    from conftest import make_document

    store(conn, _evaluation(SOUND, {}, name="2023年信息系统运维项目", year=2023), "e.txt", year=2023)
    store(
        conn,
        make_document({"信息系统运维": [("系统可用率", "≥98%"), ("巡检次数", "≥12次"), ("用户满意度", "≥90%")]}),
        "g.txt",
        year=2024,
    )
    project = conn.execute("SELECT id FROM projects").fetchone()[0]
    assert [(f.rule, f.indicator, f.detail) for f in below_last_actual(conn, project)] == [
        ("target-below-last-actual", "系统可用率", "目标 ≥98%，上年实际 99.5% target, last year's actual")
    ]


def test_a_drafts_target_below_last_years_actual_is_flagged(conn):
    """Copied from last year's project (its linked self-evaluation), or named as last year's self-evaluation."""
    from conftest import make_document
    from kb.drafting import drafts
    from kb.drafting.copies import from_project
    from kb.drafting.lint import lint_draft
    from kb.ingest.links import link_self_evaluations

    store(conn, make_document({"信息系统运维": [("系统可用率", "≥98%"), ("巡检次数", "≥12次")]}), "g.txt", year=2023)
    store(conn, _evaluation(SOUND[:2], {}, name="信息系统运维"), "e.txt", year=2023)
    conn.execute("UPDATE projects SET amount_wan = 50")  # make_document's amount is 10: the same 年初预算数
    link_self_evaluations(conn)
    copy = from_project(conn, conn.execute("SELECT id FROM projects").fetchone()[0], "2024运维")
    drafts.set_field(conn, copy.id, "project_name", "2024年运维服务")  # renamed: still the copy of that project
    below = [("target-below-last-actual", 1, "系统可用率", "目标 ≥98%，上年实际 99.5% target, last year's actual")]
    assert [(f.rule, f.row, f.indicator, f.detail) for f in lint_draft(conn, copy.id)][-1:] == below
    named = drafts.create(
        conn, "运维", project_name="2024年信息系统运维项目", year=2024, region="测试市", department="测试局"
    )
    drafts.apply_rows(conn, named.id, [drafts.new_row("系统可用率", target="≥98%")])
    assert [(f.rule, f.row, f.indicator, f.detail) for f in lint_draft(conn, named.id)][-1:] == below
    for head in ({"year": 2025}, {"region": "别的市"}, {"department": "别的局"}):  # another year, region or unit
        drafts.set_field(conn, named.id, *next(iter(head.items())))
        assert "target-below-last-actual" not in {f.rule for f in lint_draft(conn, named.id)}
        field = next(iter(head))
        drafts.set_field(conn, named.id, field, {"year": 2024, "region": "测试市", "department": "测试局"}[field])


def test_a_draft_of_another_or_no_unit_is_not_held_to_a_self_evaluations_actuals(conn):
    """目标偏低 says last year's actual of the same project: a copy of another unit's project (a precedent taken
    from elsewhere), or a draft named as a self-evaluation but of no unit yet (信息系统运维: many units' name), is
    not."""
    from conftest import make_document
    from kb.drafting import drafts
    from kb.drafting.copies import from_project
    from kb.drafting.lint import lint_draft
    from kb.ingest.links import link_self_evaluations

    store(conn, make_document({"信息系统运维": [("系统可用率", "≥98%")]}), "g.txt", year=2023)
    store(conn, _evaluation(SOUND[:2], {}, name="信息系统运维"), "e.txt", year=2023)
    conn.execute("UPDATE projects SET amount_wan = 50")
    link_self_evaluations(conn)
    copy = from_project(conn, conn.execute("SELECT id FROM projects").fetchone()[0], "2024运维")
    assert "target-below-last-actual" in {f.rule for f in lint_draft(conn, copy.id)}  # that unit's copy: said
    for field, value in (("department", "别的局"), ("region", "别的市")):
        drafts.set_field(conn, copy.id, field, value)
        assert "target-below-last-actual" not in {f.rule for f in lint_draft(conn, copy.id)}, field
        drafts.set_field(conn, copy.id, field, getattr(copy, field) or "")
    named = drafts.create(conn, "运维", project_name="2024年信息系统运维项目", year=2024, region="测试市")
    drafts.apply_rows(conn, named.id, [drafts.new_row("系统可用率", target="≥98%")])
    assert "target-below-last-actual" not in {f.rule for f in lint_draft(conn, named.id)}


def test_a_copy_of_a_copy_is_held_to_the_actuals_of_the_year_before_it(conn):
    """A draft copied from a draft copied from last year's project was not compared; one moved to another year was
    compared with an actual of years before, said as last year's."""
    from conftest import make_document
    from kb.drafting import drafts
    from kb.drafting.copies import from_draft, from_project
    from kb.drafting.lint import lint_draft
    from kb.ingest.links import link_self_evaluations

    store(conn, make_document({"信息系统运维": [("系统可用率", "≥98%")]}), "g.txt", year=2023)
    store(conn, _evaluation(SOUND[:2], {}, name="信息系统运维"), "e.txt", year=2023)
    conn.execute("UPDATE projects SET amount_wan = 50")
    link_self_evaluations(conn)
    copy = from_project(conn, conn.execute("SELECT id FROM projects").fetchone()[0], "2024运维")
    variant = from_draft(conn, copy.id, "2024运维（压缩）")  # year + 1: 2025
    rules = lambda d: {f.rule for f in lint_draft(conn, d.id)}  # noqa: E731
    assert "target-below-last-actual" not in rules(variant)  # 2025: the 2024 actual is not in the base
    drafts.set_field(conn, variant.id, "year", "2024")
    assert "target-below-last-actual" in rules(variant)
    drafts.set_field(conn, copy.id, "year", "2026")
    assert "target-below-last-actual" not in rules(copy)  # 2023's actual is not last year's


def test_kb_lint_self_evaluations(seeded):
    from kb.db import connect

    conn = connect(seeded)
    store(conn, _evaluation(SOUND[:1] + [("产出指标", "巡检次数", "≥12次", "9", "20", "15", "")], {}))
    evaluation = conn.execute("SELECT id FROM self_evaluations").fetchone()[0]
    conn.close()
    runner = CliRunner()
    one = runner.invoke(app, ["--db", str(seeded), "lint", "--self-evaluation", str(evaluation), "--json"])
    assert [f["rule"] for f in json.loads(one.stdout)] == ["no-goal-table", "missed-without-reason"]
    every = runner.invoke(app, ["--db", str(seeded), "lint", "--self-evaluations"])
    assert every.exit_code == 0 and "已检查 1 份自评表，1 份有错误或警告，0 份只有提示" in every.stdout
    assert "错误 error" in every.stdout and "第 2 行 row 2" in every.stdout  # missed-without-reason, Chinese first
    missing = runner.invoke(app, ["--db", str(seeded), "lint", "--self-evaluation", "999"])
    assert missing.exit_code == 1 and "没有这个自评表" in missing.stderr


def test_a_target_changed_after_approval_is_a_finding(conn):
    from conftest import make_document
    from kb.ingest.links import link_self_evaluations

    store(conn, make_document({"信息系统运维": [("系统可用率", "≥98%"), ("巡检次数", "≥12次")]}), "g.txt", year=2023)
    store(conn, _evaluation(SOUND[:2], {}, name="信息系统运维"), "e.txt", year=2023)
    conn.execute("UPDATE projects SET amount_wan = 50")  # make_document's amount is 10: the same 年初预算数
    link_self_evaluations(conn)
    assert [(f.rule, f.row, f.detail) for f in check_self_evaluation(conn, 1)] == [
        ("target-changed", 1, "自评 ≥99%，目标表 goal table ≥98%")
    ]
