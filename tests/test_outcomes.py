"""Outcomes of self-evaluations: met, not met or unknown per row, and peers' outcomes beside precedents."""

from __future__ import annotations

import pytest

from kb.find.name_index import outcome_key
from kb.vocab.outcomes import judge, lower_is_better
from kb.vocab.targets import parse_target


@pytest.mark.parametrize(
    "target, actual, met, ratio",
    [
        ("≥95%", "99.14", 1, 99.14 / 95),
        ("≥95%", "95", 1, 1.0),
        ("≥30次", "20", 0, 20 / 30),
        ("≤3843.67万元", "4262.96", 0, 3843.67 / 4262.96),
        ("≤100%", "93.47", 1, 100 / 93.47),
        ("≤0次", "0", 1, None),
        ("=24小时", "24", 1, 1.0),
        ("=6期", "5期", 0, 5 / 6),
        ("=10个", "12个", 1, 12 / 10),  # a bare number exceeded: met
        ("95%", "96.15%", 1, 96.15 / 95),
        ("=0起", "1起", 0, None),  # a target of 0 is a ceiling
        (">23万人次", ">23万人次", 1, 1.0),  # a strict bound reported as reached
        ("<5%", "<5%", 1, 1.0),
        ("大于95%", "大于95%", 1, 1.0),
        (">23万人次", "23万人次", 0, 1.0),
        (">0", "0", 0, None),
        ("≥90%", "≥90%", 1, 1.0),  # a bound reported on the target's side
        ("≥90%", "≤90%", None, None),
        ("≥90%", "98元", None, None),  # another unit
        ("达到国家标准", "达到", None, None),  # qualitative: unknown, never missed
        ("≥90%", "效果明显", None, None),
        ("±5%", "3%", None, None),
        ("1678648.28万元", "", None, None),
        ("不低于800人", "744人", 0, 744 / 800),
        ("《“健康西安2030”行动规划》要求", "全市累计164家基层医疗卫生机构达到“基本标准”", None, None),  # prose
        ("1-4季度", "1-4季度", 1, None),  # the target's own words: reached
        ("明显改善", "明显改善", 1, None),
        ("明显 改善。", "明显改善", 1, None),
        ("明显改善", "有所改善", None, None),
        ("每天3000人次", "每天3000人次", 1, 1.0),
        ("2022年底", "2022年12月", 1, None),  # a date: a deadline, met by no later date
        ("2022年", "2022年", 1, None),
        ("2022年6月底前", "2022年8月", 0, None),
        ("2022.6.1-2023.5.31", "2023年3月", 1, None),
        ("2022年底", "按时完成", None, None),  # no date reported: unknown
        ("5-10名", "8名", None, None),  # a range
    ],
)
def test_judge(target, actual, met, ratio):
    got = judge(parse_target(target), parse_target(actual) if actual else None, target, actual)
    assert got[0] == met
    assert got[1] == pytest.approx(ratio) if ratio is not None else got[1] is None


@pytest.mark.parametrize(
    "name, level1, target, actual, met",
    [
        ("项目实施成本", "成本指标", "390", "334", 1),  # spent less than the cost: met
        ("考试费用", None, "458万元", "364.97万元", 1),
        ("考试费用", None, "458万元", "500万元", 0),
        ("投诉率", None, "2%", "1%", 1),
        ("安全事故发生次数", None, "0次", "1次", 0),
        ("办结时限", None, "15个工作日", "12个工作日", 1),
        ("设康复门诊", "产出指标", "10个", "12个", 1),  # a count exceeded: met
        ("故障修复率", None, "95%", "98%", 1),  # a repair rate: more is better
    ],
)
def test_a_bare_number_is_judged_in_the_indicators_direction(name, level1, target, actual, met):
    lower = lower_is_better(name, level1)
    assert judge(parse_target(target), parse_target(actual), target, actual, lower)[0] == met


def test_outcome_key_ignores_numbering_and_brackets():
    assert (
        outcome_key("指标1：服务对象满意度（%）")
        == outcome_key("服务对象满意度")
        == outcome_key("指标：服务对象满意度")
    )


def _peers(conn):
    """Three units that set 服务对象满意度 (two at ≥95%, one at ≥90%) and reported 97, 93 and 96; a fourth wrote
    '满意' (unknown); and a goal table of ours that sets ≥95%."""
    from conftest import make_document, store
    from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject

    rows = [("≥95%", "97"), ("≥95%", "93"), ("≥90%", "96"), ("≥95%", "满意")]
    for n, (target, actual) in enumerate(rows):
        evaluation = RawProject(
            name=f"项目{n}",
            kind=SELF_EVALUATION,
            amount="10",
            amount_unit="万元",
            indicators=[
                RawIndicator(
                    name=f"指标{n + 1}：服务对象满意度（%）",
                    target=target,
                    actual=actual,
                    level1="满意度指标",
                    level2="服务对象满意度指标",
                    weight="10",
                    score="10",
                )
            ],
        )
        store(conn, RawDocument(layout="test", projects=[evaluation]), name=f"自评{n}.txt", region=f"{n}市", year=2023)
    store(conn, make_document({"新项目": [("服务对象满意度", "≥95%")]}), name="goal.txt")


def test_peers_outcomes_counted_per_target(conn):
    from kb.find.outcomes import outcome_line, outcome_summary

    _peers(conn)
    summary = outcome_summary(conn, ["服务对象满意度"])
    assert {k: summary[k] for k in ("evaluated", "met", "not_met", "unknown", "median_actual", "unit")} == {
        "evaluated": 4,
        "met": 2,
        "not_met": 1,
        "unknown": 1,
        "median_actual": 96,
        "unit": "%",
    }
    assert summary["by_target"]["≥95%"] == {
        "evaluated": 3,
        "met": 1,
        "not_met": 1,
        "unknown": 1,
        "median_actual": 95,
        "unit": "%",
    }
    assert outcome_line(summary["by_target"]["≥95%"]) == (
        "自评 self-reported: 达成 met 1/3 (未能判断 unknown 1) · 实际中位数 median actual 95%"
    )
    assert outcome_summary(conn, ["从未自评的指标"]) is None


def test_a_table_cell_of_peers_outcomes_tells_not_met_from_not_judged(conn, db_path):
    """`0/1` read alike for a row not met and one that could not be judged: the unknown are counted beside."""
    from typer.testing import CliRunner

    from cli.app import app
    from kb.find.outcomes import outcome_summary, peers_text

    _peers(conn)
    summary = outcome_summary(conn, ["服务对象满意度"])
    assert peers_text(summary) == "2/4 ?1 · 96%"
    assert peers_text(summary["by_target"]["≥90%"]) == "1/1 · 96%"
    shown = CliRunner().invoke(app, ["--db", str(db_path), "search", "服务对象满意度"], env={"COLUMNS": "200"})
    assert "2/4 ?1" in shown.output and "?n 未能判断" in shown.output


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


def _evaluation(name, amount, rows, department="测试局", code=""):
    from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject

    return RawDocument(
        layout="test",
        projects=[
            RawProject(
                name=name,
                kind=SELF_EVALUATION,
                department=department,
                code=code,
                amount=str(amount),
                amount_unit="万元",
                fields={"年初预算数": str(amount)},
                indicators=[RawIndicator(name=n, target=t, actual=a, weight="10", score="10") for n, t, a in rows],
            )
        ],
    )


def _goal(name, amount, rows, department="测试局"):
    from importers.records import RawDocument, RawIndicator, RawProject

    return RawDocument(
        layout="test",
        projects=[
            RawProject(
                name=name,
                department=department,
                amount=str(amount),
                amount_unit="万元",
                indicators=[RawIndicator(name=n, target=t) for n, t in rows],
            )
        ],
    )


def _links(conn):
    from kb.ingest.links import link_self_evaluations

    link_self_evaluations(conn)
    return {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "SELECT s.name, p.name, s.link FROM self_evaluations s LEFT JOIN projects p ON p.id = s.project_id"
        )
    }


def test_self_evaluations_link_to_their_goal_tables_and_say_how(conn):
    from conftest import store
    from kb.ingest.links import link_key

    assert link_key("2022年“病媒生物防制”项目经费") == link_key("病媒生物防制") == "病媒生物防制"
    rows = [("群众满意度", "≥90%")]
    store(conn, _goal("病媒生物防制项目", 240, rows), "g1.txt", year=2022)
    store(conn, _goal("疾病预防控制经费", 100, rows), "g2.txt", year=2022)
    store(conn, _goal("疾病预防控制经费", 55, rows), "g3.txt", year=2022)  # same name, another amount
    store(conn, _goal("卫生监督执法", 80, rows), "g4.txt", year=2022)
    store(conn, _goal("卫生监督执法工作", 30, rows), "g5.txt", year=2021)  # another year
    store(conn, _goal("妇幼保健服务能力提升", 60, rows), "g6.txt", year=2022)
    store(conn, _goal("数据平台运维", 12, rows, department="别的局"), "g7.txt", year=2022)
    for n, (name, amount) in enumerate(
        [
            ("2022年病媒生物防制", 240),
            ("疾病预防控制", 55),
            ("卫生监督执法", 99),
            ("妇幼保健服务能力提升工程", 60),
            ("数据平台运维", 12),
            ("全新的项目", 10),
        ]
    ):
        store(conn, _evaluation(name, amount, [("指标1：群众满意度", "≥90%", "95")]), f"e{n}.txt", year=2022)
    assert _links(conn) == {
        "2022年病媒生物防制": ("病媒生物防制项目", "name+amount"),
        "疾病预防控制": ("疾病预防控制经费", "name+amount"),  # the one of the two with its 年初预算数
        "卫生监督执法": ("卫生监督执法", "name"),  # the only one of that name that year, another amount
        "妇幼保健服务能力提升工程": ("妇幼保健服务能力提升", "fuzzy"),  # 91 % alike, the same amount
        "数据平台运维": (None, None),  # another unit's
        "全新的项目": (None, None),  # its goal table is not in the base: not guessed
    }
    assert conn.execute("SELECT count(*) FROM outcomes WHERE indicator_id IS NOT NULL").fetchone()[0] == 4


def test_links_follow_replaced_goal_tables_and_show_in_show_json(conn):
    from conftest import store
    from kb.find.queries import show_project
    from kb.ingest.write import delete_document

    store(
        conn,
        _evaluation(
            "信息系统运维",
            50,
            [("系统可用率", "≥99%", "99.5"), ("新增的指标", "≥1个", "2")],
            code="11000021Y000000390843",
        ),
        "e.txt",
        year=2022,
    )
    doc = store(conn, _goal("信息系统运维", 50, [("系统可用率", "≥99%"), ("用户满意度", "≥90%")]), "g.txt", year=2022)
    assert _links(conn)["信息系统运维"] == ("信息系统运维", "name+amount")
    project = conn.execute("SELECT id FROM projects WHERE name = '信息系统运维'").fetchone()[0]
    shown = show_project(conn, project)
    [evaluation] = shown["self_evaluations"]
    assert (evaluation["link"], evaluation["rows_without_goal"], evaluation["goal_rows_not_evaluated"]) == (
        "name+amount",
        ["新增的指标"],
        ["用户满意度"],
    )
    achieved = [i["achieved"] for i in shown["indicators"]]
    assert (achieved[0]["actual"], achieved[0]["met"], achieved[1]) == ("99.5", 1, None)
    delete_document(conn, doc)
    assert _links(conn)["信息系统运维"] == (None, None)
    assert conn.execute("SELECT count(*) FROM outcomes WHERE indicator_id IS NOT NULL").fetchone()[0] == 0


def test_an_import_links_self_evaluations_stored_before_it(conn):
    """The goal tables arrive after their self-evaluation: kb import links them at its end."""
    from conftest import SEEDS, store
    from kb.ingest.run import import_paths

    store(
        conn,
        _evaluation(
            "2020年“政银保”贷款保证保险补贴项目", 5, [("指标1：受益企业满意度", "≥90%", "96")], department="金融办"
        ),
        "e.txt",
        region="威海经济技术开发区",
        year=2020,
    )
    import_paths(conn, [SEEDS])
    assert [
        tuple(row)
        for row in conn.execute("""SELECT p.name, s.link FROM self_evaluations s
        JOIN projects p ON p.id = s.project_id""")
    ] == [("“政银保”贷款保证保险补贴", "name+amount")]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_national_self_evaluation_imported_linked_judged_and_checked(fmt, tmp_path, conn):
    """The national 项目支出绩效自评表 and its goal table, as a sheet, a Word file and a PDF: the self-evaluation is
    linked to its goal table by name and 年初预算数, every row to its goal row, judged, and its total found wrong."""
    from fixtures.self_evaluation import write
    from kb.ingest.run import import_paths
    from kb.review.self_evaluations import check_self_evaluation

    goal, evaluation = write(tmp_path, fmt)
    results = import_paths(conn, [evaluation, goal])
    assert [(r.status, r.projects, r.evaluations) for r in results] == [("imported", 0, 1), ("imported", 1, 0)]
    [(se_id, link, budget)] = conn.execute(
        "SELECT s.id, s.link, json_extract(s.fields, '$.年初预算数') FROM self_evaluations s"
    ).fetchall()
    assert (link, budget) == ("name+amount", "120")
    rows = conn.execute("""SELECT o.name, o.met, round(o.ratio, 4), n.name FROM outcomes o
        LEFT JOIN indicators i ON i.id = o.indicator_id LEFT JOIN indicator_names n ON n.id = i.name_id
        ORDER BY o.seq""").fetchall()
    assert [tuple(r) for r in rows] == [
        ("服务老人人数", 1, 1.2, "服务老人人数"),
        ("服务合格率", 0, round(93 / 95, 4), "服务合格率"),
        ("老人生活质量", 1, None, "老人生活质量"),  # 明显改善 reported as 明显改善
        ("服务对象满意度", 1, round(96 / 90, 4), "服务对象满意度"),
    ]
    assert [(f.rule, f.detail) for f in check_self_evaluation(conn, se_id)] == [
        ("total-score", "总分 90，各项得分之和 88.58 total, sum of the scores")
    ]


def test_department_self_evaluation_budget_is_its_total_row():
    """A department-wide 自评表 whose budget block is a grid of tasks (全年预算数 over 总额 | 财政拨款 | 其他资金 …)
    takes its budget from the 金额合计 row, the total's first column, not from the first task."""
    from importers.layouts import grid_form
    from importers.records import DEPARTMENT_SELF_EVALUATION, Row

    group, money = "年度主要任务完成情况", ["全年预算数（万元）"] * 3 + ["全年执行数（万元）"] * 3
    table = [
        ["部门（单位）名称", "部门（单位）名称", "某市卫生健康委员会", "某市卫生健康委员会"],
        [group, "任务名称", "主要内容", *money, "分值", "执行率", "得分"],
        [
            group,
            "任务名称",
            "主要内容",
            "总额",
            "财政拨款",
            "其他资金",
            "总额",
            "财政拨款",
            "其他资金",
            "分值",
            "执行率",
            "得分",
        ],
        [group, "一般公共服务支出", "日常运行", "56", "56", "0", "56", "56", "0", "0.58", "100.00%", "0.58"],
        [
            group,
            "金额合计",
            "金额合计",
            "2,495,142.55",
            "869,407.93",
            "1625734.62",
            "2074962.01",
            "869329.38",
            "1205632.63",
            "10",
            "83.16%",
            "10",
        ],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分"],
        ["年度绩效指标完成情况", "产出指标", "数量指标", "覆盖单位数量", "28个", "28个", "90", "90"],
    ]
    [evaluation] = grid_form.parse([Row(cells, line=n) for n, cells in enumerate(table, 1)]).projects
    assert (evaluation.kind, evaluation.name, evaluation.amount) == (
        DEPARTMENT_SELF_EVALUATION,
        "某市卫生健康委员会",
        "2,495,142.55",
    )
    assert [evaluation.fields[k] for k in ("全年执行数", "执行率分值", "执行率", "执行率得分")] == [
        "2074962.01",
        "10",
        "83.16%",
        "10",
    ]


def _tally(met, not_met, unknown=0, median=None, unit="%"):
    return {
        "evaluated": met + not_met + unknown,
        "met": met,
        "not_met": not_met,
        "unknown": unknown,
        "median_actual": median,
        "unit": unit,
    }


def test_the_target_proposed_is_one_peers_use_and_meet():
    from kb.find.outcomes import preferred_target

    spread = [("≥98%", 10), ("≥95%", 8), ("≥90%", 2)]
    summary = {"by_target": {"≥98%": _tally(1, 4), "≥95%": _tally(6, 1), "≥90%": _tally(5, 0)}}
    assert preferred_target(spread, summary) == "≥95%"  # nearly as used, met far more often
    assert preferred_target(spread, None) == "≥98%"  # nothing known: the most used
    assert preferred_target(spread, {"by_target": {"≥98%": _tally(1, 1), "≥95%": _tally(1, 4)}}) == "≥98%"
    assert preferred_target([], summary) == ""


def test_advice_on_a_target_rarely_met_or_beaten_by_far():
    from kb.find.outcomes import advice

    summary = {
        **_tally(0, 0),
        "by_target": {
            "≥98%": _tally(1, 4, median=95),
            "≥80%": _tally(4, 0, median=99),
            "≥90%": _tally(3, 1, median=92),
        },
    }
    assert advice(summary, "≥", 98, "%", "≥98%") == "同行少有达成 rarely met by peers: 1/5（自评 self-reported）"
    assert advice(summary, "≥", 80, "%", "≥80%") == (
        "同行普遍大幅超出 peers beat it by far: 实际中位数 median actual 99%（自评 self-reported）"
    )
    assert advice(summary, "≥", 90, "%", "≥90%") == ""
    assert advice(None, "≥", 90, "%", "≥90%") == ""


def test_value_suggestion_carries_outcomes_and_the_preferred_target(conn):
    from kb.drafting.suggest import value_suggestion

    _peers(conn)
    values = value_suggestion(conn, "服务对象满意度")
    assert values["outcomes"]["evaluated"] == 4 and values["preferred"] == "≥95%"


def test_a_self_evaluations_goal_block_under_a_label_split_over_two_rows():
    """'年度' over '总体目标' (one cell printed on two rows) beside 预期目标 | 实际完成情况 and their texts: the two
    goals, not a goal and an unlabelled note."""
    from importers.layouts import grid_form
    from importers.records import Row

    table = [
        ["项目名称", "项目名称", "医用光学仪器", "医用光学仪器", "医用光学仪器", "医用光学仪器"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "得分"],
        ["项目资金（万元）", "年度资金总额", "7614.74", "7614.74", "7614.74", "10"],
        ["年度", "预期目标", "预期目标", "实际完成情况", "实际完成情况", "实际完成情况"],
        ["总体目标", "购置设备三台", "购置设备三台", "基本达成预期指标", "基本达成预期指标", "基本达成预期指标"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["绩效指标", "产出指标", "数量指标", "购置设备数量", "3台", "3台"],
    ]
    [evaluation] = grid_form.parse([Row(cells, line=n) for n, cells in enumerate(table, 1)]).projects
    assert (evaluation.goal, evaluation.fields["预期目标"], evaluation.fields["实际完成情况"]) == (
        "购置设备三台",
        "购置设备三台",
        "基本达成预期指标",
    )
    assert "说明" not in evaluation.fields


def test_a_self_evaluations_goal_block_whose_label_was_saved_blank_below_its_first_row():
    """A CSV keeps a merged cell's text in its first cell only: 年度总体目标 beside 预期目标 | 实际完成情况, then a row
    whose first cell is blank under it, with the two texts: the goal and what was achieved, not a note."""
    from importers.layouts import grid_form
    from importers.records import Row

    table = [
        ["项目名称", "数字政府一体化平台运维", "", "", "", "", ""],
        ["年度总体目标", "预期目标", "", "", "实际完成情况", "", ""],
        ["", "系统可用率达到99.9%", "", "", "系统可用率99.95%", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
        ["", "产出指标", "质量指标", "系统可用率", "≥99.9%", "99.95%", "90"],
    ]
    [evaluation] = grid_form.parse([Row(cells, line=n) for n, cells in enumerate(table, 1)]).projects
    assert (evaluation.goal, evaluation.fields) == (
        "系统可用率达到99.9%",
        {"预期目标": "系统可用率达到99.9%", "实际完成情况": "系统可用率99.95%"},
    )


def test_kb_evaluations_lists_and_shows_self_evaluations(tmp_path, conn, db_path):
    """A self-evaluation can be read from the command line, linked to a goal table or not: the list (with how many
    rows met their targets), one form whole, --json, and a missing id as a one-line error."""
    import json

    from typer.testing import CliRunner

    from cli.app import app
    from fixtures.self_evaluation import write
    from kb.ingest.run import import_paths

    goal, evaluation = write(tmp_path, "xlsx")
    import_paths(conn, [evaluation])
    kb = lambda *args: CliRunner().invoke(app, ["--db", str(db_path), *args])  # noqa: E731
    listed = json.loads(kb("evaluations", "--json").stdout)
    assert [(e["rows"], e["met"], e["not_met"], e["unknown"]) for e in listed] == [(4, 3, 1, 0)]
    shown = kb("evaluations", str(listed[0]["id"]))
    assert shown.exit_code == 0 and "✓ 达成" in shown.stdout and "✗ 未达成" in shown.stdout, shown.output
    wide = CliRunner().invoke(app, ["--db", str(db_path), "evaluations", str(listed[0]["id"])], env={"COLUMNS": "200"})
    assert "✗ 未达成" in wide.stdout and "部分服务商培训不足，将加强培训" in wide.stdout  # the reason it missed
    assert "年初预算数" in shown.stdout and "120" in shown.stdout
    one = json.loads(kb("evaluations", str(listed[0]["id"]), "--json").stdout)
    assert [(r["name"], r["met"]) for r in one["rows"]][:2] == [("服务老人人数", 1), ("服务合格率", 0)]
    assert kb("evaluations", "--region", "没有这个地区").stdout.startswith(
        "在所选范围（地区 没有这个地区）内没有自评表"
    )
    missing = kb("evaluations", "999")
    assert missing.exit_code == 1 and "没有编号为 999 的自评表" in missing.stderr


def test_a_total_row_without_its_score_is_not_checked_against_the_scores(tmp_path, conn):
    """A 总分 row giving only its 分值 (100) is no total to compare the rows' scores with."""
    from fixtures import self_evaluation
    from fixtures.make_fixtures import write_xlsx
    from kb.ingest.run import import_paths
    from kb.review.self_evaluations import check_self_evaluation

    path = tmp_path / "self.xlsx"
    write_xlsx([*self_evaluation.SELF[:-1], [*["总分"] * 5, "100", "", ""]], path)
    import_paths(conn, [path])
    [(se_id,)] = conn.execute("SELECT id FROM self_evaluations").fetchall()
    assert "total-score" not in [f.rule for f in check_self_evaluation(conn, se_id)]


def test_kb_search_finds_the_rows_of_self_evaluations(tmp_path, conn, db_path):
    """A base holding only a self-evaluation: `kb search` found nothing in it ('没有包含…'); its rows whose name
    holds the query are listed (the same rows as a plain scan), narrowed by region, year and level, in --json too."""
    import json

    from typer.testing import CliRunner

    from cli.app import app
    from fixtures.self_evaluation import write
    from kb.find.search import Filters, search
    from kb.ingest.run import import_paths

    import_paths(conn, [write(tmp_path, "xlsx")[1]])
    kb = lambda *args: CliRunner().invoke(app, ["--db", str(db_path), *args], env={"COLUMNS": "200"})  # noqa: E731
    data = json.loads(kb("search", "服务", "--json").stdout)
    found = data["self_evaluated"]
    assert data["total"] == {"indicators": 0, "projects": 0, "self_evaluated": 3}
    names = [r[0] for r in conn.execute("SELECT name FROM outcomes ORDER BY seq")]
    assert [r["name"] for r in found["rows"]] == [n for n in names if "服务" in n]
    assert [r["name"] for r in found["rows"]] == ["服务老人人数", "服务合格率", "服务对象满意度"]
    assert found["total"] == 3 and found["rows"][1]["met"] == 0 and found["rows"][1]["actual"] == "93%"
    shown = kb("search", "服务合格率")
    assert shown.exit_code == 0 and "没有包含" not in shown.stdout
    assert "自评表中的指标" in shown.stdout and "93%" in shown.stdout and "✗ 未达成" in shown.stdout
    assert search(conn, "服务", Filters(level="满意度")).evaluated_total == 1
    assert search(conn, "服务", Filters(region="没有这个地区")).evaluated_total == 0
    assert search(conn, "服务", Filters(year=2023)).evaluated_total == 3
    [(department,)] = conn.execute("SELECT department FROM self_evaluations").fetchall()
    assert department and search(conn, "服务", Filters(department=department[-3:])).evaluated_total == 3
    assert search(conn, "服务", Filters(department="没有这个部门")).evaluated_total == 0


def test_a_base_judged_before_reads_a_target_reported_in_its_own_words_as_met(tmp_path, db_path):
    """Schema 14: rows stored as unknown whose actual repeats the target ('明显改善' against '明显改善') are met."""
    from fixtures.self_evaluation import write
    from kb.db import connect
    from kb.ingest.run import import_paths
    from test_same_tables import undo_v16

    conn = connect(db_path)
    import_paths(conn, [write(tmp_path, "xlsx")[1]])
    conn.execute("UPDATE outcomes SET met = NULL WHERE name = '老人生活质量'")  # as schema 13 judged it
    undo_v16(conn)
    conn.execute("PRAGMA user_version = 13")
    conn.commit()
    conn.close()
    conn = connect(db_path)  # migrated on opening
    assert [tuple(r) for r in conn.execute("SELECT name, met FROM outcomes ORDER BY seq")] == [
        ("服务老人人数", 1),
        ("服务合格率", 0),
        ("老人生活质量", 1),
        ("服务对象满意度", 1),
    ]
    conn.close()


def test_a_self_evaluation_stating_no_year_reports_the_one_its_period_names(tmp_path, conn):
    """A 自评表 whose title states no year and whose 项目实施期 names one (2023年1月-2023年12月) reports that year: it
    is linked to its 2023 goal table. Before: stored without a year (never linked, the import warning of it). A period
    over several years (2022-2024) names none the self-evaluation reports: the document's, here none."""
    from fixtures.self_evaluation import GOAL, SELF
    from fixtures.make_fixtures import write_xlsx
    from kb.ingest.run import import_paths

    def undated(period: str, name: str = "社区居家养老服务补贴") -> list[list[str]]:
        rows = [["项目支出绩效自评表"], *([cell.replace("社区居家养老服务补贴", name) for cell in r] for r in SELF[1:])]
        return [*rows[:4], ["项目实施期", *[period] * 7], *rows[4:]]

    goal, evaluation, span = tmp_path / "goal.xlsx", tmp_path / "self.xlsx", tmp_path / "span.xlsx"
    write_xlsx(GOAL, goal)
    write_xlsx(undated("2023年1月-2023年12月"), evaluation)
    write_xlsx(undated("2022年1月-2024年12月", "城区环卫保洁服务"), span)
    results = import_paths(conn, [goal, evaluation, span])
    assert [(r.path.name, r.evaluations, any("年度" in w for w in r.warnings)) for r in results] == [
        ("goal.xlsx", 0, False),
        ("self.xlsx", 1, False),
        ("span.xlsx", 1, True),  # (told it has no year, as before)
    ]
    rows = conn.execute("""SELECT d.file_name, s.year, s.link FROM self_evaluations s
        JOIN documents d ON d.id = s.document_id ORDER BY d.file_name""").fetchall()
    assert [tuple(r) for r in rows] == [("self.xlsx", 2023, "name+amount"), ("span.xlsx", None, None)]


def test_a_self_evaluation_in_a_later_years_document_reports_its_own_year(tmp_path, conn):
    """A 2026 budget publishing the 2025 self-evaluation of a project (its title '项目支出绩效自评表', the year line
    under it '（2025年度）') after the project's 2026 goal table: the self-evaluation reports 2025, so it answers the
    2025 goal table and its actuals are the year before the 2026 targets. Before: it took the document's 2026, was
    linked to the 2026 goal table it does not answer, and 目标偏低 compared the 2027 targets with it."""
    from fixtures.make_fixtures import write_xlsx
    from fixtures.self_evaluation import GOAL, SELF
    from kb.ingest.run import import_paths
    from kb.review.self_evaluations import below_last_actual

    def dated(rows: list[list[str]], year: str) -> list[list[str]]:
        return [[cell.replace("2023", year) for cell in row] for row in rows]

    last, budget = tmp_path / "goal2025.xlsx", tmp_path / "budget2026.xlsx"
    write_xlsx(dated(GOAL, "2025"), last)
    write_xlsx([*dated(GOAL, "2026"), [], ["项目支出绩效自评表"], ["（2025年度）"], *dated(SELF, "2025")[1:]], budget)
    import_paths(conn, [last, budget])
    [(year, linked_year)] = conn.execute(
        "SELECT s.year, p.year FROM self_evaluations s JOIN projects p ON p.id = s.project_id"
    ).fetchall()
    assert (year, linked_year) == (2025, 2025)
    [goal_2026] = conn.execute("SELECT id FROM projects WHERE year = 2026").fetchone()
    assert [f.detail for f in below_last_actual(conn, goal_2026)] == [
        "目标 ≥1000人，上年实际 1200人 target, last year's actual",
        "目标 ≥90%，上年实际 96% target, last year's actual",
    ]


def test_a_budgets_goal_tables_keep_the_year_given_beside_the_last_years_self_evaluation(tmp_path, conn):
    """A budget whose text states no year (the command line gives 2026): its goal table, of no period, and the 自评表
    it publishes, whose 项目实施期 names 2025. The goal table is the budget's 2026, the self-evaluation reports 2025.
    Before: the self-evaluation's period dated the whole document, the 2026 goal table stored as 2025."""
    from fixtures.make_fixtures import write_xlsx
    from fixtures.self_evaluation import GOAL, SELF
    from kb.ingest.run import import_paths
    from kb.ingest.write import Fallbacks

    def undated(rows: list[list[str]]) -> list[list[str]]:
        return [[cell.replace("2023年", "") for cell in row] for row in rows]

    evaluation = [["项目支出绩效自评表"], *undated(SELF[1:])]
    evaluation.insert(4, ["项目实施期", *["2025年1月-2025年12月"] * 7])
    path = tmp_path / "budget.xlsx"
    write_xlsx([["项目支出绩效目标表"], *undated(GOAL[1:]), [], *evaluation], path)
    import_paths(conn, [path], Fallbacks(year=2026))
    [(document, source)] = conn.execute("SELECT year, year_source FROM documents").fetchall()
    [(goal,)] = conn.execute("SELECT year FROM projects").fetchall()
    [(reported,)] = conn.execute("SELECT year FROM self_evaluations").fetchall()
    assert (document, source, goal, reported) == (2026, "option", 2026, 2025)


def test_each_sheets_self_evaluation_reports_the_year_of_its_own_title():
    """A workbook of 自评表, a sheet each: the 2025 one on the first, the 2024 one on the second, each titled with its
    year. Each reports its own title's year. Before: the sheets each count lines from 1, so the second sheet's form
    (on the same line as the first's) took the first sheet's title's 2025."""
    import io

    import openpyxl

    from fixtures.self_evaluation import SELF
    from importers import parse_rows
    from importers.readers import read_bytes

    book = openpyxl.Workbook()
    book.remove(book.active)
    for year, name in (("2025", "社区居家养老服务补贴"), ("2024", "城区环卫保洁服务")):
        sheet = book.create_sheet(year)
        for row in SELF:
            sheet.append([cell.replace("2023", year).replace("社区居家养老服务补贴", name) for cell in row])
        sheet.merge_cells("A1:H1")  # (the title over the form's width)
    out = io.BytesIO()
    book.save(out)
    doc = parse_rows(read_bytes(out.getvalue(), ".xlsx"))
    assert [(p.name, p.year) for p in doc.projects] == [
        ("2025年社区居家养老服务补贴项目", "2025"),
        ("2024年城区环卫保洁服务项目", "2024"),
    ]


@pytest.mark.parametrize(
    ("cover", "title", "budget"),
    [
        ([], ["2025年度项目支出绩效自评表"], None),
        ([], ["项目支出绩效自评表", "（2025年度）"], None),
        (["某市民政局2026年部门预算", ""], ["2025年度项目支出绩效自评表"], 2026),
    ],
)
def test_a_budgets_goal_tables_never_take_the_year_its_self_evaluation_reports(tmp_path, conn, cover, title, budget):
    """A budget whose goal table states no year, the 自评表 it publishes after it its 2025 (in its title, or the year
    line under it): the goal table is the budget's, of its cover's year, else of none, the import saying so. Before:
    the self-evaluation's year dated the whole document, the goal tables stored as 2025."""
    from fixtures.make_fixtures import write_xlsx
    from fixtures.self_evaluation import GOAL, SELF
    from kb.ingest.run import import_paths

    def undated(rows: list[list[str]]) -> list[list[str]]:
        return [[cell.replace("2023年", "") for cell in row] for row in rows]

    path = tmp_path / "budget.xlsx"
    rows = [*([cell] for cell in cover), ["项目支出绩效目标表"], *undated(GOAL[1:]), []]
    write_xlsx([*rows, *([cell] for cell in title), *undated(SELF[1:])], path)
    import_paths(conn, [path])
    [(goal,)] = conn.execute("SELECT year FROM projects").fetchall()
    [(reported,)] = conn.execute("SELECT year FROM self_evaluations").fetchall()
    [(warnings,)] = conn.execute("SELECT warnings FROM documents").fetchall()
    assert (goal, reported) == (budget, 2025)
    assert ("原文未写预算年度，1 个项目没有年度" in warnings) == (budget is None)


def test_a_goal_tables_budget_year_dates_it_beside_the_last_years_self_evaluation(tmp_path, conn):
    """A goal form stating its 预算年度 (2026), no year in any title, beside the 2025 自评表 the budget publishes: the
    goal table is 2026. Before: stored without a year (the 预算年度 was kept as a field only)."""
    from fixtures.make_fixtures import write_xlsx
    from fixtures.self_evaluation import GOAL, SELF
    from kb.ingest.run import import_paths

    goal = [[cell.replace("2023年", "") for cell in row] for row in GOAL[1:]]
    goal.insert(2, ["预算年度", *["2026年"] * 3])
    path = tmp_path / "budget.xlsx"
    write_xlsx([["项目支出绩效目标表"], *goal, [], ["2025年度项目支出绩效自评表"], *SELF[1:]], path)
    import_paths(conn, [path])
    [(goal_year,)] = conn.execute("SELECT year FROM projects").fetchall()
    [(reported,)] = conn.execute("SELECT year FROM self_evaluations").fetchall()
    assert (goal_year, reported) == (2026, 2025)


def test_search_hits_in_a_file_say_what_peers_reported_and_within_which_filters(conn, db_path, tmp_path):
    """kb search --out dropped what the terminal shows: each indicator's peers' outcomes, the self-evaluated rows and
    the filters (an officer's comparison for her 科长 read as the whole base's, without what units achieved)."""
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from cli.app import app
    from kb.find.hits_file import PEERS

    _peers(conn)
    kb = lambda *args: CliRunner().invoke(app, ["--db", str(db_path), *args], env={"COLUMNS": "200"})  # noqa: E731
    book = tmp_path / "满意度.xlsx"
    done = kb("search", "服务对象满意度", "--out", book)
    assert done.exit_code == 0 and "4 条自评 self-evaluated rows" in done.stdout, done.output
    sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in load_workbook(book)}
    header, *rows = sheets["指标"][1:]
    assert header[-1] == PEERS and dict((row[4], row[-1]) for row in rows)["新项目"] == "2/4 ?1 · 96%"
    evaluated = sheets["自评"][2:]
    assert [(row[1], row[2], row[3]) for row in evaluated] == [
        ("≥95%", "97", "✓ 达成"),
        ("≥95%", "93", "✗ 未达成"),
        ("≥90%", "96", "✓ 达成"),
        ("≥95%", "满意", "? 未能判断"),
    ]
    table = tmp_path / "满意度.csv"
    assert kb("search", "服务对象满意度", "--out", table).exit_code == 0
    assert table.read_text("utf-8-sig").splitlines()[0].endswith(PEERS)
    within = tmp_path / "测试市.xlsx"
    assert kb("search", "服务对象满意度", "--region", "测试", "--year", "2024", "--out", within).exit_code == 0
    assert load_workbook(within)["指标"]["C1"].value == "地区 测试，年度 2024"


def test_kb_evaluations_finds_self_evaluations_of_a_kind_by_name_and_department(conn, db_path):
    """An officer planning a 宣传 project wants what such projects reported: kb evaluations listed all 90 of a base
    (kb search finds rows by indicator name only, and 无偿献血者宣传项目's rows hold no 宣传)."""
    import json

    from typer.testing import CliRunner

    from cli.app import app
    from conftest import store

    rows = [("宣传次数", "≥10次", "12次")]
    store(conn, _evaluation("无偿献血者宣传项目", 100, [("献血者满意度", "≥95%", "96%")], department="卫健委"), "a.txt")
    store(conn, _evaluation("禁毒宣传经费", 20, rows, department="某市公安局"), "b.txt")
    store(conn, _evaluation("医疗设备购置", 300, rows, department="卫健委"), "c.txt")

    def kb(*args):
        return json.loads(CliRunner().invoke(app, ["--db", str(db_path), "evaluations", *args, "--json"]).stdout)

    assert [e["name"] for e in kb("--name", "宣传")] == ["无偿献血者宣传项目", "禁毒宣传经费"]
    assert [e["name"] for e in kb("--department", "公安")] == ["禁毒宣传经费"]
    assert [e["name"] for e in kb("--name", "宣传", "--department", "卫健")] == ["无偿献血者宣传项目"]
    said = CliRunner().invoke(app, ["--db", str(db_path), "evaluations", "--name", "辅警"]).stdout
    assert said.startswith("在所选范围（名称 辅警）内没有自评表")
