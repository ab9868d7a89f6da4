"""Layout 'evaluation-summary': a 自评结果汇总表 (one project's self-evaluation a row, no indicator rows) is stored as
self-evaluations without rows, as a form printing none is; beside the forms it sums up, each project counts once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from make_fixtures import write_docx, write_xlsx  # noqa: E402

TITLE = ["测试县2023年度项目支出绩效自评结果汇总表"]
HEADER = ["序号", "项目名称", "主管部门", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率"]
SUMMARY = [
    TITLE,
    ["单位：万元"],
    [*HEADER, "自评得分", "自评等级"],
    ["1", "2023年社区居家养老服务补贴项目", "测试市民政局", "120", "120", "108", "90%", "90", "优"],
    ["2", "城区环卫保洁服务", "测试县城市管理局", "2,400.00", "2,400.00", "2,016.00", "84.00%", "82.5", "良"],
    ["", "合计", "", "2,520.00", "2,520.00", "2,124.00", "84.29%", "", ""],
]


def _stored(conn) -> list[tuple]:
    return [
        (name, kind, department, year, amount, rows, json.loads(fields))
        for name, kind, department, year, amount, rows, fields in conn.execute(
            """SELECT name, kind, department, year, amount_wan, indicator_count, fields FROM self_evaluations
            ORDER BY name"""
        )
    ]


@pytest.mark.parametrize("write", [write_xlsx, write_docx])
def test_a_summary_alone_is_a_self_evaluation_a_row(write, tmp_path, conn):
    """Each project's row is a self-evaluation without rows: its 全年预算数 the amount, the money under the labels a
    form's budget block gives it, its score and grade as written; the totals row is none. Before: not imported."""
    from kb.ingest.run import import_paths

    path = tmp_path / f"summary.{write.__name__[-4:]}"
    write(SUMMARY, path)
    [result] = import_paths(conn, [path])
    assert (result.status, result.projects, result.evaluations) == ("imported", 0, 2), result.message
    assert _stored(conn) == [
        (
            "2023年社区居家养老服务补贴项目",
            "project",
            "测试市民政局",
            2023,
            120.0,
            0,
            {
                "年初预算数": "120",
                "全年预算数": "120",
                "全年执行数": "108",
                "执行率": "90%",
                "自评得分": "90",
                "自评等级": "优",
            },
        ),
        (
            "城区环卫保洁服务",
            "project",
            "测试县城市管理局",
            2023,
            2400.0,
            0,
            {
                "年初预算数": "2,400.00",
                "全年预算数": "2,400.00",
                "全年执行数": "2,016.00",
                "执行率": "84.00%",
                "自评得分": "82.5",
                "自评等级": "良",
            },
        ),
    ]


def test_a_summary_naming_its_unit_in_the_title_and_its_money_over_two_header_rows(tmp_path, conn):
    """No unit column: the title's unit is each row's (as a goal table's title gives its projects theirs); the money
    under one label over two header rows (预算执行情况（元） over 预算数 | 执行数 | 执行率), in the unit that label
    declares; a 部门整体 row is the department's whole self-evaluation."""
    from kb.ingest.run import import_paths

    path = tmp_path / "summary.xlsx"
    write_xlsx(
        [
            ["测试市城市管理局2023年度绩效自评结果汇总表"],
            ["序号", "项目名称", *["预算执行情况（元）"] * 3, "自评得分", "自评等级"],
            ["序号", "项目名称", "预算数", "执行数", "执行率", "自评得分", "自评等级"],
            ["1", "城市道路日常养护经费", "28,600,000.00", "28,123,500.00", "98.33%", "96.5", "优"],
            ["2", "部门整体支出", "186,502,000.00", "179,041,900.00", "96.00%", "94", "优"],
        ],
        path,
    )
    import_paths(conn, [path])
    assert [
        (name, kind, department, amount, fields["执行率"])
        for name, kind, department, _, amount, _, fields in _stored(conn)
    ] == [
        ("城市道路日常养护经费", "project", "测试市城市管理局", 2860.0, "98.33%"),
        ("部门整体支出", "department", "测试市城市管理局", 18650.2, "96.00%"),
    ]


def test_a_summary_beside_the_forms_it_sums_up_counts_each_project_once(tmp_path, conn):
    """The summary, then the national form of one of its projects, in one file: the form is that project's
    self-evaluation (its rows, the grade only the summary prints added to its fields), the other project's row one
    of its own. Before: the summary was passed over, and its rows alone (had they been read) counted the form's
    project twice."""
    from fixtures.self_evaluation import SELF
    from kb.ingest.run import import_paths

    path = tmp_path / "both.xlsx"
    write_xlsx([*SUMMARY, [], *SELF], path)
    [result] = import_paths(conn, [path])
    assert result.evaluations == 2, result.message
    form, other = _stored(conn)
    assert form[0] == "2023年社区居家养老服务补贴项目" and form[5] == 4
    assert (form[6]["总分"], form[6]["自评等级"]) == ("分值 100；得分 90", "优")
    assert other[0] == "城区环卫保洁服务" and other[5] == 0


def test_a_summary_row_is_its_forms_only_in_the_forms_unit_and_a_closing_note_does_not_split_them(tmp_path, conn):
    """The summary lists the form's project for two units and names the form's with a closing note ('…专项（本级）'):
    the form takes its own unit's row (its grade added), the other unit's row is a self-evaluation of its own.
    Before: the other unit's project vanished into the form, and the noted name counted the form's project twice."""
    from fixtures.self_evaluation import SELF
    from kb.ingest.run import import_paths

    path = tmp_path / "units.xlsx"
    rows = [
        ["1", "社区居家养老服务补贴专项（本级）", "测试市民政局", "120", "120", "108", "90%", "90", "优"],
        ["2", "2023年社区居家养老服务补贴项目", "测试县民政局", "50", "50", "45", "90%", "88", "良"],
    ]
    write_xlsx([TITLE, [*HEADER, "自评得分", "自评等级"], *rows, [], *SELF], path)
    [result] = import_paths(conn, [path])
    assert result.evaluations == 2, result.message
    assert [(s[0], s[2], s[5], s[6]["自评等级"]) for s in _stored(conn)] == [
        ("2023年社区居家养老服务补贴项目", "测试县民政局", 0, "良"),
        ("2023年社区居家养老服务补贴项目", "测试市民政局", 4, "优"),
    ]


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        (["2025年度项目支出绩效自评情况", "单位：万元"], 2025),
        (["二、项目支出绩效自评结果", "单位：万元"], 2026),  # no year of its own: the budget's
        (["三、其他情况说明", "本部门2025年度项目支出绩效自评结果如下（单位：万元）"], 2025),  # the line above it
    ],
)
def test_a_summary_under_a_heading_naming_self_evaluations_after_a_goal_table(heading, year, tmp_path, conn):
    """A 2026 budget's goal table, then a heading that is no table title, naming 自评 (or a line under it does), over
    a summary (项目名称 | 预算数 | 执行数 | 执行率 | 自评得分 | 自评等级): each row a self-evaluation of the heading's
    year. Before: the summary went with the goal table above it, read as none (the summary layout was tried only
    under a title naming 自评)."""
    from fixtures.self_evaluation import GOAL
    from kb.ingest.run import import_paths

    path = tmp_path / "budget.xlsx"
    rows = [
        ["项目名称", "预算数", "执行数", "执行率", "自评得分", "自评等级"],
        ["城区环卫保洁服务", "500", "480", "96%"],
    ]
    rows[1] += ["95", "优"]
    write_xlsx([["2026年项目支出绩效目标表"], *GOAL[1:], [], *([line] for line in heading), *rows], path)
    [result] = import_paths(conn, [path])
    assert (result.projects, result.evaluations) == (1, 1), result.message
    assert [(name, kind, reported, fields["执行率"]) for name, kind, _, reported, _, _, fields in _stored(conn)] == [
        ("城区环卫保洁服务", "project", year, "96%")
    ]
    [(budget,)] = conn.execute("SELECT year FROM projects").fetchall()
    assert budget == 2026


@pytest.mark.parametrize("goal", ["组织开展2025年度部门整体绩效自评", "运用2025年度项目支出绩效自评结果"])
def test_a_goal_naming_the_self_evaluation_it_pays_for_does_not_cut_its_form(goal):
    """A goal form whose 年度总体目标 stands in a row of its own under its label, its text naming a 自评 (a project
    paying for one): the form keeps its goal and indicators. Before: the text was taken for a heading over
    self-evaluations, cut the form there, and the project was lost."""
    from fixtures.self_evaluation import GOAL
    from importers import parse_rows
    from importers.records import Row

    form = [*GOAL[:6], ["年度总体目标"] * 4, [goal] * 4, *GOAL[7:]]
    doc = parse_rows([Row(cells, n) for n, cells in enumerate(form, 1)])
    assert [(p.name, p.goal, len(p.indicators)) for p in doc.projects] == [("社区居家养老服务补贴", goal, 4)]


def test_a_heading_naming_self_evaluations_over_text_does_not_date_the_goal_tables_after_it():
    """A 2026 budget's section heading naming 自评 over a paragraph ('二、2025年度部门整体绩效自评情况'), then a goal
    table whose title states no year: the goals take the cover's year. Before: the heading, read with the goal table
    as its title, gave it the year the self-evaluation reports (2025)."""
    from fixtures.self_evaluation import GOAL
    from importers import parse_rows
    from importers.records import Row

    head = [["某市民政局2026年部门预算"], [], ["二、2025年度部门整体绩效自评情况"], ["自评得分95分，等级为优。"], []]
    doc = parse_rows([Row(cells, n) for n, cells in enumerate([*head, ["项目支出绩效目标表"], *GOAL[1:]], 1)])
    assert [(p.name, p.kind) for p in doc.projects] == [("社区居家养老服务补贴", "project")]
    assert doc.year == "2026"


def test_money_spent_under_a_heading_naming_no_self_evaluation_is_none():
    """项目名称 | 预算数 | 执行数 | 执行率 under '二、项目支出预算执行情况' after a goal table: no self-evaluation (the
    summary is read only where a heading or title names 自评)."""
    from fixtures.self_evaluation import GOAL
    from importers import parse_rows
    from importers.records import Row

    table = [
        ["二、项目支出预算执行情况"],
        ["项目名称", "预算数", "执行数", "执行率"],
        ["城区环卫保洁服务", "500", "480", "96%"],
    ]
    rows = [Row(cells, n) for n, cells in enumerate([["2026年项目支出绩效目标表"], *GOAL[1:], *table], 1)]
    doc = parse_rows(rows)
    assert [(p.name, p.kind) for p in doc.projects] == [("社区居家养老服务补贴", "project")]
