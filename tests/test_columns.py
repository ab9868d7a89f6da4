"""importers.columns: what header, label and unit cells say."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import pytest

from importers import parse_rows
from importers.columns import TARGET_ACTUAL, column, declared_unit, sign_off, target_parts, unit_of_cell
from importers.readers.text import split_rows
from importers.records import Row
from kb.vocab.targets import Target, parse_target

_PIECES = [
    "单位",
    "金额",
    "：",
    ":",
    "万元",
    "元",
    "亿元",
    " ",
    "\n",
    "<b>",
    "</b>",
    "&#20301;",
    "&nbsp;",
    "单",
    "项目",
    "",
]


def test_a_unit_line_declares_its_unit():
    assert declared_unit(Row(cells=["", "单位：万元"], line=1)) == "万元"
    assert declared_unit(Row(cells=["金额单位: 元"], line=1)) == "元"
    assert declared_unit(Row(cells=["<p>单&#20301;：亿元</p>"], line=1)) == "亿元"  # '位' only as an entity
    assert declared_unit(Row(cells=["项目单位", "万元"], line=1)) == ""
    assert declared_unit(Row(cells=["（单位：元）"], line=1)) == "元"
    assert declared_unit(Row(cells=["单位：人民币元"], line=1)) == "元"
    assert declared_unit(Row(cells=["货币单位：万元"], line=1)) == "万元"
    assert declared_unit(Row(cells=["编制单位：某市某局      单位：元"], line=1)) == "元"  # beside other text
    assert declared_unit(Row(cells=["金额（单位：元）"], line=1)) == ""  # a column's header, not a line
    assert declared_unit(Row(cells=["单位：元/人"], line=1)) == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join), min_size=1, max_size=4))
@example(["<p>单&#20301;：万元</p>"])
def test_cells_passed_over_hold_no_unit(cells):
    """Cells are passed over without cleaning when they cannot hold a unit line: the unit found is the one matching
    every cleaned cell would find."""
    every = next((unit for c in cells if (unit := unit_of_cell(c))), "")
    assert declared_unit(Row(cells=cells, line=1)) == every


def test_an_operator_column_in_words_is_an_operator_kept_as_printed():
    """大于等于 | 90 | % reads ≥90% (not =90% with 大于等于 as the row's nature); 正向 and 定性 stay natures."""
    assert target_parts("大于等于", "90", "%") == ("大于等于", "90", "%", "")
    operator, target, unit, _ = target_parts("大于等于", "90", "%")
    assert parse_target(target, operator, unit) == Target("≥", 90.0, "%")  # as kb.ingest.normalise reads it
    assert target_parts("正向", "90", "%") == ("", "90", "%", "正向")
    assert target_parts("定性", "优", "") == ("", "优", "", "定性")
    for word, sign in (("不小于", "≥"), ("不大于", "≤")):  # not 小于 / 大于
        operator, target, unit, _ = target_parts(word, "5", "天")
        assert parse_target(target, operator, unit) == Target(sign, 5.0, "天")


@pytest.mark.parametrize(
    "header, field",
    [
        ("指标值", "target"),
        ("2026年指标值", "target"),  # its year or span before a known header
        ("2026年度目标值", "target"),
        ("本年度指标值", "target"),
        ("全年指标值", "target"),
        ("预期指标值", "target"),
        ("年度绩效指标值", "target"),
        ("绩效目标值", "target"),
        ("2026年实际完成值", "actual"),
        ("实际完成指标值", "actual"),
        ("自评分", "score"),
        ("三级指标内容", "name"),
        ("计算符号", "operator"),  # a short header that says what it holds
        ("指标值符号", "operator"),
        ("比较符", "operator"),
        ("指标单位", "unit"),
        ("年度目标", ""),  # a head label (the goal), not a column
        ("年度资金总额", ""),
        ("计划完成时间", ""),
        ("年度指标值/实际完成值", "target_actual"),  # a target's header and an actual's in one column
        ("年度指标值\n实际完成值", "target_actual"),  # on two lines of one cell (the key drops the break)
        ("年度指标值（A）\n实际完成值（B）", "target_actual"),
        ("实际完成值\n年度指标值", ""),
        ("实施期指标值\n年度指标值", ""),
    ],
)
def test_indicator_headers_as_publishers_write_them(header, field):
    assert column(header) == field


def test_a_paragraph_names_no_column_and_a_headers_note_does_not_make_it_one():
    """A cell longer than any header (a project's 概况 in a row a detector walks) is no header, read without the
    tests a header goes through; a header's note in brackets, however long, is still left out of its name."""
    assert column("指标值（定量指标填写数值，定性指标填写文字描述，例如完成率达到百分之九十五以上）") == "target"
    assert column("2026年度指标值/2026年实际完成值") == TARGET_ACTUAL
    assert column("本项目主要用于委托第三方机构提供服务，年度指标值依据上年实际完成值确定，确保完成全年任务") == ""


@pytest.mark.parametrize("header", ["2026年指标值", "本年度指标值", "预期指标值", "绩效目标值", "年度绩效指标值"])
def test_a_form_and_a_flat_table_under_another_target_header_are_read(header):
    head = "项目支出绩效目标表\n项目名称\t某项目\t\t\n主管部门\t某局\t\t\n年度目标\t做好工作\t\t\n"
    rows = "产出指标\t数量指标\t培训人数\t≥100人\n满意度指标\t服务对象满意度指标\t满意度\t≥90%\n"
    form = parse_rows(split_rows(f"{head}一级指标\t二级指标\t三级指标\t{header}\n{rows}"))
    flat = parse_rows(
        split_rows(
            f"2026年项目支出绩效目标表\n项目名称\t一级指标\t二级指标\t三级指标\t{header}\n"
            + "".join(f"某项目\t{row}\n" for row in rows.splitlines())
        )
    )
    for doc in (form, flat):
        assert [(i.name, i.target) for p in doc.projects for i in p.indicators] == [
            ("培训人数", "≥100人"),
            ("满意度", "≥90%"),
        ]


@pytest.mark.parametrize("header", ["计划完成值", "预期完成值", "2025年计划完成值"])
def test_a_planned_value_beside_what_was_achieved_is_the_target(header):
    """计划完成值 / 预期完成值 name what was planned, a target: read as what was achieved, a self-evaluation's header
    had two actuals and no target, and the form was refused."""
    assert column(header) == "target"
    head = "项目支出绩效自评表\n项目名称\t某项目\t\t\n主管部门\t某局\t\t\n"
    rows = "产出指标\t数量指标\t培训人数\t≥100人\t120人\t20\t20\n总分\t\t\t\t\t100\t98\n"
    doc = parse_rows(split_rows(f"{head}一级指标\t二级指标\t三级指标\t{header}\t实际完成值\t分值\t得分\n{rows}"))
    assert [(p.kind, i.name, i.target, i.actual, i.score) for p in doc.projects for i in p.indicators] == [
        ("self_evaluation", "培训人数", "≥100人", "120人", "20")
    ]


@pytest.mark.parametrize(
    "before, after",
    [
        ("2024年实际完成值", "2025年指标值"),  # an earlier year's
        ("上年实际完成值", "指标值"),
        ("实际值", "目标值"),  # printed before the target
        ("2025年指标值", "2024年实际完成值"),
        ("指标值", "上年实际值"),
    ],
)
def test_a_goal_tables_value_of_the_last_year_is_kept_per_indicator(before, after):
    """A goal table printing the last year's value beside this year's target (a form, a flat table) is a goal table,
    the value kept as a note of each indicator: its actual's column made it a self-evaluation (or was dropped)."""
    head = "项目支出绩效目标表\n项目名称\t某项目\t\t\n主管部门\t某局\t\t\n年度目标\t做好工作\t\t\n"
    values = [("≥100人", "90人"), ("≥90%", "88%")]
    last = before if "实际" in before else after
    cells = ["\t".join(pair if "实际" in after else pair[::-1]) for pair in values]
    rows = f"产出指标\t数量指标\t培训人数\t{cells[0]}\n满意度指标\t服务对象满意度指标\t满意度\t{cells[1]}\n"
    form = parse_rows(split_rows(f"{head}一级指标\t二级指标\t三级指标\t{before}\t{after}\n{rows}"))
    flat = parse_rows(
        split_rows(
            f"2025年项目支出绩效目标表\n项目名称\t一级指标\t二级指标\t三级指标\t{before}\t{after}\n"
            + "".join(f"某项目\t{row}\n" for row in rows.splitlines())
        )
    )
    for doc in (form, flat):
        assert [(p.kind, i.name, i.target, i.actual, i.notes) for p in doc.projects for i in p.indicators] == [
            ("project", "培训人数", "≥100人", "", {last: "90人"}),
            ("project", "满意度", "≥90%", "", {last: "88%"}),
        ]


@pytest.mark.parametrize("header", ["实际完成值", "实际值", "2025年实际完成值"])
def test_a_self_evaluations_actual_after_its_target_stays_what_was_achieved(header):
    """An actual after the target, or beside a score, is what the year achieved: a self-evaluation."""
    head = "项目支出绩效自评表\n项目名称\t某项目\t\t\n主管部门\t某局\t\t\n"
    rows = "产出指标\t数量指标\t培训人数\t≥100人\t120人\t20\n总分\t\t\t\t\t98\n"
    doc = parse_rows(split_rows(f"{head}一级指标\t二级指标\t三级指标\t2025年指标值\t{header}\t得分\n{rows}"))
    assert [(p.kind, i.target, i.actual) for p in doc.projects for i in p.indicators] == [
        ("self_evaluation", "≥100人", "120人")
    ]


@pytest.mark.parametrize("header", ["一级指标-二级指标", "一级/二级指标", "一、二级指标", "一级指标名称/二级指标名称"])
def test_a_header_naming_both_levels_is_the_level_1_column(header):
    """A column headed for both levels holds both ('产出指标-数量指标', parted where the rows are read): named as
    each level alone is (一级指标名称 | 二级指标名称), the pair was no column at all."""
    assert column(header) == "level1"


@pytest.mark.parametrize("label", ["年度部门预算总额（万元）", "部门预算总额", "年度预算总额", "年度部门预算"])
def test_a_department_wide_forms_budget_label(label):
    """A department-wide form's money labelled 年度部门预算总额（万元） (or 部门预算总额 …): the table had no amount."""
    from importers.columns import head_field

    assert head_field(label) == "amount"


@pytest.mark.parametrize(
    "label, field",
    [
        ("年度部门整体支出绩效目标", "goal"),  # a department-wide table's goal, by any order of its words
        ("部门整体支出年度绩效目标", "goal"),
        ("部门年度总体目标", "goal"),
        ("年度部门整体绩效目标", "goal"),
        ("年度绩效目标", "goal"),
        ("实施期目标", "period_goal"),
        ("长期绩效目标", ""),
        ("项目目标", ""),
        ("工作目标", ""),
        ("部门整体支出绩效目标表", ""),  # a title
    ],
)
def test_a_goals_label_is_known_by_its_words(label, field):
    """The department-wide goal labelled 年度部门整体支出绩效目标 (or 部门年度总体目标 …) was no label: the goal was
    left empty and its text stored as 说明."""
    from importers.columns import head_field

    assert head_field(label) == field


@pytest.mark.parametrize(
    "cell, pairs",
    [
        (
            "项目名称：南昌市农村公路养护补助预算金额：2400.00万元",
            [("name", "南昌市农村公路养护补助"), ("amount", "2400.00万元")],
        ),
        (
            "项目名称：党建工作经费（主管部门：市委组织部）",
            [("name", "党建工作经费（主管部门：市委组织部）")],
        ),  # its own
        ("项目名称：培训（项目编号：2026-001）", [("name", "培训（项目编号：2026-001）")]),
        ("项目名称：2026年度全市部门：整体绩效评价", [("name", "2026年度全市部门：整体绩效评价")]),  # 部门: no label
    ],
)
def test_a_value_running_into_the_next_label_is_cut_there_only_outside_brackets(cell, pairs):
    from importers.columns import inline_pair, split_pair

    assert [(field, value) for field, _, value in split_pair(inline_pair(cell))] == pairs


def test_a_special_funds_total_is_its_amount():
    """A 专项转移支付 form gives its money as 专项资金总额 beside 主管部门: the fund was imported without an amount."""
    text = (
        "专项名称\t义务教育薄弱环节改善补助\t\t\n主管部门\t市教育局\t专项资金总额\t8630\n年度目标\t改善办学条件\t\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t受益学校数量\t≥58所\n"
    )
    [fund] = parse_rows(split_rows(text)).projects
    assert (fund.name, fund.amount, fund.department) == ("义务教育薄弱环节改善补助", "8630", "市教育局")


@pytest.mark.parametrize(
    ("cells", "pairs"),
    [
        (["填报人（签字）：　　填报日期：　年　月　日"], [("填报人（签字）", ""), ("填报日期", "")]),
        (["填报日期", "2026年1月", "审核人", "李强"], [("填报日期", "2026年1月"), ("审核人", "李强")]),
        (["填报单位（盖章）", "某县财政局预算科"], [("填报单位（盖章）", "某县财政局预算科")]),
        (["明确项目负责人", "已明确"], None),
    ],
)
def test_a_sign_off_row_its_dates_left_blank_or_without_a_day(cells, pairs):
    """A sign-off's date left to be filled in ('　年　月　日') is no value; a date without its day is one: the row
    was no sign-off. An indicator's own words before a sign-off word make no label."""
    assert sign_off(cells) == pairs


@pytest.mark.parametrize(
    ("cells", "pairs"),
    [
        (["", "", "项目负责人", "到位"], None),
        (["", "", "填报人：王芳", "审核人：李强"], [("填报人", "王芳"), ("审核人", "李强")]),
        (["", "", "填报人", "王芳", "联系电话：0791-86661234"], [("填报人", "王芳"), ("联系电话", "0791-86661234")]),
    ],
)
def test_a_row_laid_out_as_an_indicator_is_the_sign_off_with_several_labels(cells, pairs):
    """A row starting in the indicator name's column with a value in the target's is an indicator if it gives one
    label ('项目负责人 | 到位'), the sign-off if several (an Excel sheet's sign-off typed in from that column)."""
    assert sign_off(cells, (2, 3)) == pairs


@pytest.mark.parametrize(
    ("rows", "indicators", "fields"),
    [
        (  # no level columns: an owner's row among the indicators, the sign-off under them
            ["分管领导\t明确", "项目负责人\t到位", "党员群众满意度\t≥90%", "分管领导\t王强\t日期\t2026年1月8日"],
            ["新建党群服务中心", "分管领导", "项目负责人", "党员群众满意度"],
            {"分管领导": "王强", "日期": "2026年1月8日"},
        ),
        (  # no level columns: one label closing the table, a person beside it
            ["党员群众满意度\t≥90%", "分管领导\t王强"],
            ["新建党群服务中心", "党员群众满意度"],
            {"分管领导": "王强"},
        ),
        (  # no level columns: an owner's row the last indicator, the sign-off under it naming 分管领导 again
            ["党员群众满意度\t≥90%", "分管领导\t明确", "分管领导\t王强\t日期\t2026年1月8日"],
            ["新建党群服务中心", "党员群众满意度", "分管领导"],
            {"分管领导": "王强", "日期": "2026年1月8日"},
        ),
    ],
)
def test_a_row_of_one_label_in_a_form_without_levels_is_decided_by_what_follows(rows, indicators, fields):
    """A row of one sign-off label and a short value in a form whose names stand in its first column ('分管领导 |
    明确', '项目负责人 | 到位') is laid out as its indicators and as a sign-off alike: an indicator where an indicator
    row follows it (the table goes on; it was the sign-off, the indicators under it its fields), the sign-off where
    it closes the table."""
    text = "项目名称\t基层党建阵地建设\n主管部门\t某县委组织部\n年度绩效目标\t完成阵地建设\n绩效指标\t指标值\n"
    doc = parse_rows(split_rows(text + "新建党群服务中心\t3个\n" + "\n".join(rows) + "\n"))
    [project] = doc.projects
    assert [i.name for i in project.indicators] == indicators
    assert {label: project.fields.get(label) for label in ("分管领导", "项目负责人", "日期")} == {
        "分管领导": None,
        "项目负责人": None,
        "日期": None,
        **fields,
    }


@pytest.mark.parametrize(
    "after",
    [
        "注：本表由项目单位填写\t注：本表由项目单位填写\n",  # a note merged across the table, read in each cell
        "项目名称\t农村道路维修\n主管部门\t某县交通局\n年度绩效目标\t完成道路维修\n绩效指标\t指标值\n维修道路\t12公里\n",
    ],
)
def test_a_sign_off_of_one_label_closing_a_form_without_levels_before_a_note_or_the_next_form(after):
    """'分管领导 | 王强' closing a form whose names stand in its first column, a note merged across the table under it
    or the next form's head (a Word file's two forms, no title between): the sign-off, as neither goes on in the
    table (it was read as an indicator, a note's one text in the name's and target's cells, or the next form's
    '项目名称 | 农村道路维修', taken for an indicator row after it)."""
    text = "项目名称\t基层党建阵地建设\n主管部门\t某县委组织部\n年度绩效目标\t完成阵地建设\n绩效指标\t指标值\n"
    doc = parse_rows(split_rows(text + "党员群众满意度\t≥90%\n分管领导\t王强\n" + after))
    project = doc.projects[0]
    assert [i.name for i in project.indicators] == ["党员群众满意度"]
    assert project.fields.get("分管领导") == "王强"


@pytest.mark.parametrize("last", [[], [["", "", "审核人", "李强"]]])
def test_a_sign_off_of_one_label_laid_out_as_the_indicators_closing_the_table(last):
    """'| | 填报人 | 王芳' under the last indicator, its levels' cells blank, alone or over '| | 审核人 | 李强': the
    sign-off, as nothing but the sign-off follows it (it was an indicator); an indicator where one follows it."""
    rows = [["", "", "填报人", "王芳"], *last]
    assert sign_off(rows[0], (2, 3), rows[1:]) == [("填报人", "王芳")]
    assert sign_off(rows[0], (2, 3), [["满意度指标", "服务对象满意度指标", "党员满意度", "≥90%"]]) is None
    assert sign_off(["", "", "项目负责人", "到位"], (2, 3)) is None  # (what follows unknown: as laid out)


@pytest.mark.parametrize(
    "after",
    [
        [["分管领导", "王强", "日期", "2026年1月8日"]],  # the sign-off laid out across the table
        [["", "", "分管领导", "王强"]],  # the sign-off laid out as the indicators
        [["填报人", "王芳", "审核人", "李强"], ["分管领导", "王强", "日期", "2026年1月8日"]],  # on its second row
    ],
)
def test_a_row_of_one_label_over_a_sign_off_naming_it_again_is_the_last_indicator(after):
    """'| | 分管领导 | 明确' as the table's last indicator, over the sign-off naming 分管领导 again: an indicator (a
    sign-off names each of its people once); it was read as the sign-off, its indicator lost without a word."""
    assert sign_off(["", "", "分管领导", "明确"], (2, 3), after) is None
    signed = [["填报人", "王芳", "审核人", "李强"]]
    assert sign_off(["", "", "分管领导", "王强"], (2, 3), signed) == [("分管领导", "王强")]


@pytest.mark.parametrize(
    "after",
    [
        [["分管领导", "王强", "日期", "2026年1月8日"]],
        [["填报人", "王芳", "审核人", "李强"], ["分管领导", "王强", "日期", "2026年1月8日"]],
    ],
)
def test_a_sign_off_written_twice_is_no_indicator(after):
    """'| | 分管领导 | 王强' over a sign-off naming 分管领导 again with the same person: the sign-off written twice,
    not the table's last indicator (it was read as an indicator '分管领导 | 王强' without a word)."""
    assert sign_off(["", "", "分管领导", "王强"], (2, 3), after) == [("分管领导", "王强")]


@pytest.mark.parametrize("row", ["部门领导\t高度重视", "单位领导\t重视"])
def test_a_leaders_row_in_a_form_without_levels_is_an_indicator(row):
    """'部门领导 | 高度重视' among the indicators of a form without level columns: an indicator, not the sign-off (only
    分管领导 is a sign-off's leader), which ended the table and made the indicators under it fields."""
    doc = parse_rows(
        split_rows(
            "项目名称\t基层党建阵地建设\n主管部门\t某县委组织部\n年度绩效目标\t完成阵地建设\n"
            f"绩效指标\t指标值\n新建党群服务中心\t3个\n{row}\n党员群众满意度\t≥90%\n"
        )
    )
    [project] = doc.projects
    assert [i.name for i in project.indicators] == ["新建党群服务中心", row.split("\t")[0], "党员群众满意度"]


@pytest.mark.parametrize("sign", [["填报人", "王芳", "审核人", "李强"], ["填报人：王芳", "", "审核人：李强", ""]])
def test_a_one_label_row_on_the_tables_grid_over_a_sign_off_on_its_own_is_an_indicator(sign):
    """A flat form's '分管领导 | 明确' merged over the target's columns as every indicator above it (read in each),
    over '填报人 | 王芳 | 审核人 | 李强', a label set inside those columns: the row is laid out on the table's grid, not
    the sign-off's, and is the last indicator (it was read as the sign-off, the indicator lost without a word)."""
    text = (
        "项目名称\t农村公路养护\n主管部门\t某县交通运输局\n年度绩效目标\t完成养护\n三级指标\t指标值\t指标值\t指标值\n"
    )
    table = "群众满意度\t≥90%\t≥90%\t≥90%\n分管领导\t明确\t明确\t明确\n" + "\t".join(sign) + "\n"
    [project] = parse_rows(split_rows(text + table)).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", "明确")]
    assert (project.fields["填报人"], project.fields["审核人"]) == ("王芳", "李强")


@pytest.mark.parametrize(
    "first", [["填报单位（盖章）", "某县交通运输局", "某县交通运输局", "某县交通运输局"], ["分管领导", "王强", "", ""]]
)
def test_a_one_label_row_of_the_sign_off_closing_a_flat_table_stays_the_sign_off(first):
    """A sign-off's first row of one label, over its row of several: a unit merged over the target's columns (no
    indicator's value), or a person on the sign-off's own grid (no label of the row below inside its value's
    columns), is the sign-off's."""
    assert sign_off(first, (0, 1), [["填报人", "王芳", "审核人", "李强"]]) == [(first[0], first[1])]


@pytest.mark.parametrize("person", ["王强", "李建国", "欧阳明"])
def test_a_person_merged_over_the_targets_columns_over_a_sign_off_on_its_own_stays_the_sign_off(person):
    """A flat form's sign-off whose first row puts its person merged over the target's columns, as the indicators'
    values above it ('分管领导 | 王强' over '填报人 | 王芳 | 审核人 | 李强'), is laid out as '分管领导 | 明确' is:
    only its words tell them apart. A person is the sign-off's (it was read as the last indicator, the sign-off's
    person lost without a word)."""
    text = "项目名称\t农村公路养护\n主管部门\t某县交通运输局\n年度绩效目标\t完成养护\n"
    table = "三级指标\t指标值\t指标值\t指标值\n群众满意度\t≥90%\t≥90%\t≥90%\n"
    table += f"分管领导\t{person}\t{person}\t{person}\n填报人\t王芳\t审核人\t李强\n"
    [project] = parse_rows(split_rows(text + table)).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%")]
    assert (project.fields["分管领导"], project.fields["填报人"], project.fields["审核人"]) == (person, "王芳", "李强")


@pytest.mark.parametrize("word", ["明确", "已落实", "落实到位"])
def test_an_indicators_word_of_a_state_merged_over_the_targets_columns_is_no_sign_off(word):
    """'分管领导 | 明确' ('已落实', '落实到位') merged over the target's columns over a sign-off on its own grid is an
    indicator: a state reached, no person's name."""
    assert sign_off(["分管领导", word, word, word], (0, 1), [["填报人", "王芳", "审核人", "李强"]]) is None


@pytest.mark.parametrize(
    ("header", "below", "heads"),
    [
        (
            ["支出事项", "金额（万元）"],
            [["培训费", "30"], ["合计", "1,250.50"]],
            True,
        ),  # one money label, amounts below
        (["名称", "预算数"], [["印刷费", "12"], ["填报人：王芳", "联系电话：1234"]], True),  # a sign-off under the rows
        (["资金来源", "金额"], [], True),  # money's labels alone: no rows asked
        (["支出内容", "预算金额"], [["日常养护", "800万元"], ["合计", "800.00万元"]], True),  # amounts with their unit
        (["支出内容", "预算金额"], [["一、人员经费", ""], ["劳务费", "300"]], True),  # a sub-heading first
        (["资金用途", "预算数"], [["日常养护", "—"], ["小修保养", "400"]], True),  # an amount left out first
        (["项目", "金额"], [["每公里养护成本", "≥1万元"]], False),  # a target with a sign
        (["项目", "金额"], [["培训人数", "30人"]], False),  # a unit no money's
        (["项目", "金额"], [["支出内容", "预算数"], ["救助对象满意度", "≥90%"]], False),  # two indicator rows
        (["项目", "金额"], [["救助人数", "≥3000人"]], False),  # a target with a sign and a unit
        (["项目", "金额"], [["产出指标", "数量指标", "救助人数", "30"]], False),  # a level word
        (["支出事项", "金额"], [], False),  # no row under it
        (["支出事项", "金额"], [["", ""], ["培训费", "30"]], False),  # a blank row right under it
        (["三级指标", "金额"], [["培训费", "30"]], False),  # an indicator column's header
        (["支出事项", "金额（2026年）"], [["培训费", "30"]], False),  # a figure in it
    ],
)
def test_a_money_table_is_told_by_its_header_and_the_rows_under_it(header, below, heads):
    """A money table's header of one money label beside another ('支出事项 | 金额（万元）', '名称 | 预算数') is one
    where the rows under it bear it out: bare figures in its amount column, no level word. An indicator row whose
    two cells happen to be such words ('项目 | 金额') over a row with a target or a level is none: one word alone
    would end a goal table there, the indicators below it lost without a word."""
    from importers.columns import money_table

    assert money_table(header, iter(below)) is heads


_GOAL_COLUMNS = {"level1": 0, "level2": 1, "name": 2, "target": 3}


@pytest.mark.parametrize(
    ("below", "heads"),
    [
        ([["", "", "新建候车亭", "30"], ["", "", "群众出行条件", "明显改善"]], False),  # an indicator row under it
        ([["", "", "新建农村公路", ""], ["", "", "候车亭", "30"], ["", "", "群众出行条件", "较高"]], False),  # a wrap
        ([["", "", "日常养护", "800"], ["", "", "合计", "800"]], True),  # amounts to the end
        ([["", "", "日常养护", "800"], ["", "", "", ""], ["", "", "群众出行条件", "较高"]], True),  # a blank row
        ([["", "", "日常养护", "800"], ["", "", "填报人：王芳", "联系电话：1234"]], True),  # a sign-off under them
        ([["", "", "日常养护", "800"], ["", "", "注：单位为万元", ""]], True),  # a note
        ([["", "", "日常养护", "800"], ["", "", "资金来源", "金额"]], True),  # another money table under it
        ([["", "", "日常养护", "800"], ["", "", "合计", "800"], ["", "", "资金性质", "一般公共预算"]], True),  # a total
        ([["", "", "日常养护", "800"], ["", "", "备注", "无"]], True),  # a note's blank
        ([["", "", "日常养护", "800"], ["", "", "备注", "—"]], True),
        ([["", "", "日常养护", "800"], ["", "", "项目名称", "城市绿化养护"]], True),  # the next form's head
        ([["", "", "日常养护", "800"], ["", "", "预算执行率", "≥95%"]], False),  # an indicator ('other' as a label)
        ([["", "", "日常养护", "800"], ["", "", "填报人", "王芳"]], True),  # a sign-off without a colon, no total
        ([["", "", "日常养护", "800"], ["", "", "资金性质", "一般公共预算"]], True),  # a money form's share, no total
        ([["", "", "日常养护", "800"], ["", "", "分管领导", "明确"]], False),  # an indicator's state, as a person's
        ([["", "", "新建候车亭", "30"], ["", "", "项目负责人", "到位"]], False),
        ([["", "", "新建候车亭", "30"], ["", "", "联系方式", "畅通"], ["", "", "改造危桥", "3座"]], False),  # under
        ([["", "", "新建候车亭", "30"], ["", "", "其他", "较好"], ["", "", "群众出行条件", "明显改善"]], False),
        ([["", "", "日常养护", "800"], ["", "", "填报人", "王芳"], ["", "", "审核人", "张华"]], True),
        ([["", "", "日常养护", "800"], ["", "", "资金性质", "一般公共预算"], ["", "", "项目名称", "城市绿化"]], True),
        ([["", "", "新建候车亭", "30"], ["", "", "财政资金", "足额到位"], ["", "", "改造危桥", "3座"]], False),
        ([["", "", "新建候车亭", "30"], ["", "", "项目资金", "及时拨付"], ["产出指标", "质量", "合格率", "1"]], False),
        ([["", "", "日常养护", "800"], ["", "", "财政资金", "一般公共预算"]], True),  # a money form's share
    ],
)
def test_a_money_header_where_the_goal_tables_names_and_targets_stand_is_told_by_the_row_under_its_amounts(
    below, heads
):
    """'| | 项目 | 金额' standing in a goal table's name and target columns alone (its levels merged above) over a
    bare-number target ('新建候车亭 | 30') is an indicator row where a row under the amounts holds a name and a
    target: the indicators go on. It had ended the table, every indicator below it lost without a word. Where the
    rows under the amounts end the table (nothing, a blank row, a sign-off, a note, a note's blank '备注 | 无', the
    next form's head '项目名称 | …', a sign-off or a money form's row over no indicator row) or a row of words follows
    a total ('合计 | 800'), it is a money table's header: its rows had been read as indicators. A sign-off's label
    over an indicator row ('联系方式 | 畅通' over '改造危桥 | 3座') is an indicator (review 62a's G06), and so is a
    fund's or money group's label ('财政资金 | 足额到位', '项目资金 | 及时拨付': review 62a's G01, G04)."""
    from importers.columns import money_table

    assert money_table(["", "", "项目", "金额"], iter(below), _GOAL_COLUMNS) is heads


def test_an_indicator_row_of_two_money_words_over_level_labels_a_reader_glued_is_no_money_header():
    """The PDF reader cuts the lines under an unruled `项目 | 金额` between the header's words: Word's merged level
    labels on a line of their own over a name of two lines, its bare-figure target centred between them, came in one
    cell ('产出指标 数量指标'), no level word, and the name's rest ('站点') ended the count: a money table, every
    indicator below it lost, without a word (stop 61a's DG03L). Each word of a cell is a level's label."""
    from importers.columns import money_table

    below = [["产出指标 数量指标", ""], ["新建农村公路候车亭", ""], ["", "30"], ["站点", ""]]
    below.append(["效益指标 群众出行条件", "明显改善"])
    assert not money_table(["项目", "金额"], iter(below), inner=True)
    assert money_table(["项目", "金额"], iter(below[1:4]), inner=True)  # (no level beside them: a money table's rows)


def test_a_money_tables_item_holding_a_level_word_and_a_space_is_its_row():
    """An item beside its amount is a money table's, though a word of it is a level's ('质量 检测费 | 20', a stray
    space in a Word cell): testing each word of a cell as a level's label had made the table a goal table's rows,
    two indicators above it lost without a word (review 62a's M01)."""
    from importers.columns import money_table

    assert money_table(["支出内容", "金额（万元）"], iter([["质量 检测费", "20"], ["日常养护", "80"]]))
    assert money_table(["项目", "金额"], iter([["日常养护", "80"], ["满意度 调查", "5"]]))
    assert not money_table(["项目", "金额"], iter([["质量指标", "20"], ["日常养护", "80"]]))  # (a level's, whole)


@pytest.mark.parametrize(
    ("cells", "inner"),
    [
        (["", "", "项目", "金额"], True),
        (["支出内容", "预算金额", "", ""], False),  # a money table's header, from the first column
        (["", "项目", "金额", ""], False),  # in the level and name columns
        (["", "", "项目", ""], False),
        (["", "", "", "金额"], False),
    ],
)
def test_a_row_standing_where_the_goal_tables_names_and_targets_stand(cells, inner):
    """A row whose cells stand in a goal table's name and target columns alone, its first column blank, stands as
    an indicator row does; a money table's header begins in the first column, or elsewhere."""
    from importers.columns import in_indicator_place

    assert in_indicator_place(cells, _GOAL_COLUMNS) is inner


@pytest.mark.parametrize("sign", ["填报人\t王芳\t审核人\t李强\t\t", "填报人：王芳\t填报人：王芳\t审核人：李强\t\t\t"])
@pytest.mark.parametrize("word", ["明确", "落实到位"])
def test_a_one_label_row_under_level_columns_over_a_sign_off_set_in_them_is_an_indicator(sign, word):
    """'| | 分管领导 | 明确' under level columns, its levels left blank as the indicators' rows below their group's
    first, its value over the target's columns, over a sign-off starting in the level columns ('填报人 | 王芳 |
    审核人 | 李强'): the row stands where the indicators do, not the sign-off, and is the last indicator (it was read
    as the sign-off, the indicator lost without a word)."""
    text = "项目名称\t农村公路养护\n主管部门\t某县交通运输局\n年度绩效目标\t完成养护\n"
    table = "一级指标\t二级指标\t三级指标\t指标值\t指标值\t指标值\n"
    table += "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t≥90%\t≥90%\n"
    table += f"\t\t分管领导\t{word}\t{word}\t{word}\n{sign}\n"
    [project] = parse_rows(split_rows(text + table)).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert (project.fields["填报人"], project.fields["审核人"]) == ("王芳", "李强")


@pytest.mark.parametrize(
    ("value", "after"),
    [("王强", ["填报人", "王芳", "审核人", "李强", "", ""]), ("明确", ["", "", "填报人", "王芳", "", ""])],
)
def test_a_person_or_a_sign_off_on_the_indicators_grid_under_level_columns_stays_the_sign_off(value, after):
    """Under level columns a person over a sign-off starting in them ('| | 分管领导 | 王强'), and a state word over a
    sign-off laid out as the indicators ('| | 填报人 | 王芳'), stay the sign-off's first row."""
    assert sign_off(["", "", "分管领导", value, value, value], (2, 3), [after]) == [("分管领导", value)]


_SIGNED_FORM = "项目名称\t农村公路养护\n主管部门\t某县交通运输局\n年度绩效目标\t完成养护\n"


@pytest.mark.parametrize("word", ["专人负责", "已指定", "责任到人", "高度重视"])
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
@pytest.mark.parametrize(
    "sign", ["填报人\t王芳\t审核人\t李强\t\t", "填报人：王芳\t审核人：李强"], ids=["bare", "colons"]
)
def test_a_state_in_words_no_persons_name_merged_over_the_targets_columns_is_the_last_indicator(word, levels, sign):
    """'分管领导 | 专人负责' ('已指定', '责任到人') merged over the target's columns over a sign-off on its own grid
    (four cells, or two, '填报人：王芳 | 审核人：李强' as a print gives it, its second label in the value's first
    column), flat or under level columns: words no person's name (no surname before one or two characters), so an
    indicator, as '分管领导 | 明确' is (it was read as the sign-off's person, the indicator lost without a word)."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    blank = "\t\t" if levels else ""
    table = f"{header}{levels}群众满意度\t≥90%\t≥90%\t≥90%\n{blank}分管领导\t{word}\t{word}\t{word}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + sign + "\n")).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert (project.fields.get("分管领导"), project.fields["填报人"], project.fields["审核人"]) == (
        None,
        "王芳",
        "李强",
    )


@pytest.mark.parametrize("person", ["诸葛明", "刘洋", "某县交通运输局"])
def test_a_person_or_a_unit_merged_over_the_targets_columns_stays_the_sign_off(person):
    """A name (a surname, one or two characters after it) or a unit merged over the target's columns, over a
    sign-off on its own grid: the sign-off's first row, as before."""
    assert sign_off(["分管领导", person, person, person], (0, 1), [["填报人", "王芳", "审核人", "李强"]]) == [
        ("分管领导", person)
    ]


def test_an_indicator_whose_target_is_a_state_in_words_inside_the_table_stays_an_indicator():
    """'项目负责人 | 专人负责' among the indicators, the table going on under it, is an indicator; the person closing
    the table ('分管领导 | 王强') the sign-off's."""
    table = "三级指标\t指标值\t指标值\t指标值\n群众满意度\t≥90%\t≥90%\t≥90%\n项目负责人\t专人负责\t专人负责\t专人负责\n"
    table += "路况优良率\t≥85%\t≥85%\t≥85%\n分管领导\t王强\t王强\t王强\n填报人\t王芳\t审核人\t李强\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table)).projects
    assert [i.name for i in project.indicators] == ["群众满意度", "项目负责人", "路况优良率"]
    assert (project.fields["分管领导"], project.fields["填报人"]) == ("王强", "王芳")


_NOTE = "注：本表由项目单位填写，指标值按年度计划确定。"


@pytest.mark.parametrize("note", [_NOTE, "\t".join([_NOTE] * 6)], ids=["one-cell", "across"])
@pytest.mark.parametrize(
    ("levels", "sign"),
    [("", "填报人\t王芳\t审核人\t李强"), ("\t\t", "填报人：王芳\t审核人：李强")],
    ids=["flat", "levels"],
)
@pytest.mark.parametrize("word", ["明确", "专人负责"])
def test_a_note_between_a_state_row_and_the_sign_off_leaves_it_the_last_indicator(note, levels, sign, word):
    """'分管领导 | 明确' over a note ('注：本表由项目单位填写…'), then the sign-off on its own grid: the note closes
    the table, the sign-off under it decides as without it: the row is the last indicator (it was the sign-off's,
    the note taken for the table's end, the indicator lost without a word), and the sign-off under the note is
    read (form-kv under level columns had stopped at the note)."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    first = "满意度指标\t服务对象满意度指标\t" if levels else ""
    table = f"{header}{first}群众满意度\t≥90%\t≥90%\t≥90%\n{levels}分管领导\t{word}\t{word}\t{word}\n{note}\n{sign}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table)).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert (project.fields["填报人"], project.fields["审核人"]) == ("王芳", "李强")


@pytest.mark.parametrize("levels", ["", "\t\t"], ids=["flat", "levels"])
def test_a_person_over_a_note_over_the_sign_off_stays_the_sign_off(levels):
    """'分管领导 | 王强' over a note then '填报人 | 王芳 | 审核人 | 李强': the sign-off's, every field kept."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    first = "满意度指标\t服务对象满意度指标\t" if levels else ""
    table = f"{header}{first}群众满意度\t≥90%\t≥90%\t≥90%\n{levels}分管领导\t王强\t王强\t王强\n{_NOTE}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + "填报人\t王芳\t审核人\t李强\n")).projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    assert (project.fields["分管领导"], project.fields["填报人"], project.fields["审核人"]) == ("王强", "王芳", "李强")


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("分管领导", "买买提江"),
        ("分管领导", "阿依古丽"),
        ("分管领导", "逄波"),
        ("分管领导", "赵副局长"),
        ("填报单位", "城关镇"),
        ("填报日期", "三月一日"),
    ],
)
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
@pytest.mark.parametrize(
    "sign", ["填报人\t王芳\t审核人\t李强\t\t", "填报人：王芳\t审核人：李强"], ids=["bare", "colons"]
)
def test_a_name_the_surnames_miss_a_unit_or_a_date_merged_over_the_targets_columns_stays_the_sign_off(
    label, value, levels, sign
):
    """'分管领导 | 买买提江' ('赵副局长', a surname off the list), '填报单位 | 城关镇', '填报日期 | 三月一日' merged
    over the target's columns over a sign-off on its own grid: words holding no state's word, so the sign-off's first
    row (they were read as the last indicator, the person lost, without a word)."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    blank = "\t\t" if levels else ""
    table = f"{header}{levels}群众满意度\t≥90%\t≥90%\t≥90%\n{blank}{label}\t{value}\t{value}\t{value}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + sign + "\n")).projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    assert (project.fields[label], project.fields["填报人"], project.fields["审核人"]) == (value, "王芳", "李强")


@pytest.mark.parametrize("word", ["齐全", "安全", "高效", "周到", "全覆盖", "严格", "常态化", "按时办结", "公开透明"])
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
@pytest.mark.parametrize(
    "sign", ["填报人\t王芳\t审核人\t李强\t\t", "填报人：王芳\t审核人：李强"], ids=["bare", "colons"]
)
def test_a_state_made_of_states_words_a_surnames_character_first_is_the_last_indicator(word, levels, sign):
    """'分管领导 | 齐全' ('安全', '高效', '周到', '全覆盖') merged over the target's columns over a sign-off on its
    own grid: words a state is made of, though shaped as a surname and a name, so the last indicator (it was read as
    the sign-off's person, the indicator lost without a word)."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    blank = "\t\t" if levels else ""
    table = f"{header}{levels}群众满意度\t≥90%\t≥90%\t≥90%\n{blank}分管领导\t{word}\t{word}\t{word}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + sign + "\n")).projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert (project.fields.get("分管领导"), project.fields["填报人"], project.fields["审核人"]) == (
        None,
        "王芳",
        "李强",
    )


_MERGED_TARGETS = "三级指标\t指标值\t指标值\t指标值\n群众满意度\t≥90%\t≥90%\t≥90%\n"
_SCORED = "三级指标\t指标值\t评分标准\t分值\n群众满意度\t≥90%\t达到得分\t10\n"


@pytest.mark.parametrize(
    ("word", "table", "row"),
    [
        *[(word, _MERGED_TARGETS, "分管领导\t{}\t\t") for word in ("高效", "安全", "全面", "满意")],
        *[(word, _SCORED, "分管领导\t{}\t\t") for word in ("全面", "满意")],
        *[(word, _SCORED, "填表人\t{0}\t{0}\t{0}") for word in ("高效", "安全", "全面", "满意")],
    ],
    ids=[
        *[f"one-cell-under-merged-targets-{n}" for n in range(4)],
        *[f"blank-under-scores-{n}" for n in range(2)],
        *[f"merged-over-scores-{n}" for n in range(4)],
    ],
)
@pytest.mark.parametrize(
    "sign", ["填报人\t王芳\t审核人\t李强", "填报人：王芳\t\t审核人：李强\t"], ids=["bare", "colons"]
)
def test_a_person_named_with_states_words_off_the_indicators_grid_is_the_sign_offs(word, table, row, sign):
    """'分管领导 | 高效 | |' under targets merged over three columns, or under rows filling 评分标准 and 分值, and
    '填表人 | 全面' merged over the columns those rows keep apart, over the sign-off: words a state is made of and a
    name's shape, which the words cannot tell, and a row not laid out as the indicator row above it, so the sign-off's
    person (it was the last indicator, the person lost without a word), said as maybe the last indicator. Blank under
    the scores only a value ending as a name may ('全面', not '高效': a state's row not yet scored, stop 65c)."""
    one = row.format(word)
    doc = parse_rows(split_rows(_SIGNED_FORM + table + one + "\n" + sign + "\n"))
    [project] = doc.projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    label = one.split("\t")[0]
    assert (project.fields[label], project.fields["填报人"], project.fields["审核人"]) == (word, "王芳", "李强")
    assert [w for w in doc.warnings if f"「{label} | {word}」读作落款" in w]


@pytest.mark.parametrize("word", ["高效", "明确", "齐全"])
@pytest.mark.parametrize(
    "table",
    [
        "三级指标\t指标值\t指标值\t指标值\n群众满意度\t≥90%\t≥90%\t≥90%\n分管领导\t{0}\t{0}\t{0}\n",
        "一级指标\t二级指标\t三级指标\t指标值\n满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
        "\t\t投诉办结率\t100%\n\t\t分管领导\t{0}\n",
        "指标名称\t指标值\t备注\t\n群众满意度\t≥90%\t\t\n分管领导\t{0}\t{0}\t\n",
    ],
    ids=["merged-as-the-targets", "levels-left-blank-as-the-row-above", "merged-over-a-blank-remark"],
)
def test_a_state_a_names_shape_on_the_indicators_grid_stays_the_last_indicator(word, table):
    """The guard: '分管领导 | 高效' merged over the columns the targets above it are, or standing where the indicator
    row above does under levels both leave to the rows above, over a sign-off on its own grid: on the table's grid,
    so the last indicator; merged over a 备注 the rows leave blank, its words decide (review 60R-c's flat form)."""
    text = _SIGNED_FORM + table.format(word) + "填报人\t王芳\t审核人\t李强\n"
    [project] = parse_rows(split_rows(text)).projects
    assert [i.name for i in project.indicators][-1] == "分管领导"
    assert ("分管领导" in project.fields, project.fields["填报人"], project.fields["审核人"]) == (False, "王芳", "李强")


@pytest.mark.parametrize("word", ["明确", "齐全", "高效", "安全"])
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
@pytest.mark.parametrize("above", ["群众满意度\t≥90%\t95%\t10\t9", "资金到位率\t100%\t100%\t10\t10"])
def test_a_self_evaluations_state_as_its_target_and_actual_its_scores_blank_is_the_last_indicator(word, levels, above):
    """A self-evaluation's last row '分管领导 | 明确 | 明确 | |' under a row filling 年度指标值 | 实际完成值 | 分值 |
    得分 (its target and actual apart or alike): its target and actual written alike, its scores left blank, not a
    person merged over them, so the last indicator (review 64R-c: 4c5b141 read it off the grid, the sign-off's person,
    the indicator lost without a word)."""
    blank = "\t" * levels.count("\t")
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    rows = f"{levels}{above}\n{blank}分管领导\t{word}\t{word}\t\t\n"
    sign = blank + "填报人\t王芳\t审核人\t李强\t\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + header + rows + sign)).projects
    name, target = above.split("\t")[:2]
    assert [(i.name, i.target) for i in project.indicators] == [(name, target), ("分管领导", word)]
    assert ("分管领导" in project.fields, project.fields["填报人"], project.fields["审核人"]) == (False, "王芳", "李强")


_SELF_EVALUATION_HEADER = "三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
_SIGN_OFFS = ["填报人\t王芳\t审核人\t李强\t", "填报人：王芳\t联系电话：0991-1234567\t\t\t", ""]


def _self_evaluation(levels: str, last: str, sign: str):
    """A self-evaluation's form, its table flat or with levels, `last` its last row under a filled one, `sign` under."""
    blank = "\t" * levels.count("\t")
    header = ("一级指标\t二级指标\t" if levels else "") + _SELF_EVALUATION_HEADER
    rows = f"{levels}群众满意度\t≥90%\t95%\t10\t9\n{blank}{last}\n" + (f"{blank}{sign}\n" if sign else "")
    return parse_rows(split_rows(_SIGNED_FORM + header + rows))


@pytest.mark.parametrize("word", ["明确", "齐全", "高效", "安全"])
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
@pytest.mark.parametrize("sign", _SIGN_OFFS, ids=["bare", "colons", "none"])
def test_a_state_no_name_ends_so_alone_on_a_self_evaluations_last_row_is_the_last_indicator(word, levels, sign):
    """A self-evaluation's last row '分管领导 | 明确 | | |' under a row filling its actual and scores: its target
    alone, a state's words ending as no name does (确, 全, 效), so a row not yet scored, the last indicator, over a
    sign-off or none (it was the sign-off's person, the indicator lost without a word: review 64R-c)."""
    doc = _self_evaluation(levels, f"分管领导\t{word}\t\t\t", sign)
    [project] = doc.projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert ("分管领导" in project.fields, project.fields.get("填报人")) == (False, "王芳" if sign else None)
    assert not [w for w in doc.warnings if "分管领导" in w]


@pytest.mark.parametrize("word", ["无事故", "无投诉", "零投诉", "到位"])
@pytest.mark.parametrize(
    ("table", "row"),
    [
        (_MERGED_TARGETS, "分管领导\t{}\t\t"),
        (_MERGED_TARGETS, "分管领导\t{0}\t{0}\t{0}"),
        (_SCORED, "分管领导\t{0}\t{0}\t{0}"),
        (_SCORED, "分管领导\t{}\t\t"),
    ],
    ids=["one-cell-under-merged-targets", "merged-as-the-targets", "merged-over-scores", "blank-under-scores"],
)
@pytest.mark.parametrize("sign", ["填报人\t王芳\t审核人\t李强", ""], ids=["bare", "none"])
def test_a_state_of_none_come_about_over_the_sign_off_or_none_is_the_last_indicator(word, table, row, sign):
    """'分管领导 | 无事故' ('无投诉', '零投诉': a word of none first, which no surname is) in any cells over a sign-off,
    and a state's row closing the table with no sign-off under it ('分管领导 | 到位' last): the last indicator (they
    were the sign-off's person, the indicator lost without a word)."""
    doc = parse_rows(split_rows(_SIGNED_FORM + table + row.format(word) + "\n" + sign + "\n"))
    [project] = doc.projects
    assert [(i.name, i.target) for i in project.indicators] == [("群众满意度", "≥90%"), ("分管领导", word)]
    assert ("分管领导" in project.fields, project.fields.get("审核人")) == (False, "李强" if sign else None)
    assert not [w for w in doc.warnings if "分管领导" in w]


@pytest.mark.parametrize("person", ["张伟", "欧阳明", "买买提江", "高明", "全红"])
@pytest.mark.parametrize(
    "last",
    ["分管领导\t{}\t\t\t", "分管领导\t{0}\t{0}\t\t", "分管领导\t{0}\t{0}\t{0}\t{0}"],
    ids=["one-cell", "target-and-actual", "merged-across"],
)
@pytest.mark.parametrize("sign", _SIGN_OFFS, ids=["bare", "colons", "none"])
def test_a_persons_name_alone_on_a_self_evaluations_last_row_stays_the_sign_offs(person, last, sign):
    """The guard: a person ('张伟', '欧阳明', '买买提江' whom the surnames miss, '高明' and '全红' a state's character
    first) in the same cells, the sign-off's person, without a word."""
    doc = _self_evaluation("", last.format(person), sign)
    [project] = doc.projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    assert project.fields["分管领导"] == person
    assert not [w for w in doc.warnings if "分管领导" in w]


@pytest.mark.parametrize(
    ("table", "row", "said"),
    [
        (_MERGED_TARGETS, "分管领导\t全面\t全面\t全面\n", "「分管领导 | 全面」读作项目「农村公路养护」的指标"),
        (_MERGED_TARGETS, "分管领导\t张伟\t张伟\t张伟\n投诉办结率\t100%\t100%\t100%\n", "「分管领导 | 张伟」读作"),
        (_MERGED_TARGETS, "分管领导\t明确\t\t\n", "「分管领导 | 明确」读作落款"),
    ],
    ids=["a-name-on-the-grid", "a-person-the-table-goes-on-under", "a-state-off-the-grid"],
)
def test_a_sign_off_row_the_cells_and_words_cannot_tell_is_said(table, row, said):
    """A row of one sign-off label naming a person read either way where its value could be the other's: '分管领导 |
    全面' merged as the targets (a state's words a name may be) or '| 张伟' under which the table goes on, read as an
    indicator; '| 明确' in one cell under targets merged over three, read as the sign-off's person: each said, naming
    its line and the project (the reading, either way, was silent)."""
    doc = parse_rows(split_rows(_SIGNED_FORM + table + row + "填报人\t王芳\t审核人\t李强\n"))
    assert [w for w in doc.warnings if said in w]


@pytest.mark.parametrize("person", ["全面", "安全", "高效"])
@pytest.mark.parametrize(
    "sign", ["填报人\t{}\t审核人\t李强\t", "填报人：{}\t\t联系电话：0991-1234567\t\t"], ids=["bare", "colons"]
)
def test_a_person_named_with_states_words_in_a_sign_off_of_several_labels_is_not_said(person, sign):
    """'填报人 | 全面 | 审核人 | 李强' under a self-evaluation's table: a row of several labels is a sign-off's, never
    the table's last indicator, so its person is read without a word (stop 65c said it might be an indicator); the
    same person alone on a one-label row is said, naming that row's line."""
    doc = _self_evaluation("", sign.format(person), "")
    [project] = doc.projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    assert project.fields["填报人"] == person
    assert not [w for w in doc.warnings if "落款" in w]
    alone = parse_rows(split_rows(_SIGNED_FORM + _MERGED_TARGETS + f"分管领导\t{person}\t\t\n"))
    assert alone.projects[0].fields["分管领导"] == person
    assert [w for w in alone.warnings if f"（第 6 行）的「分管领导 | {person}」读作落款" in w]


@pytest.mark.parametrize("word", ["明确", "及时", "齐全"])
def test_a_state_row_over_a_sign_off_written_in_one_text_is_the_last_indicator(word):
    """A flat table's '分管领导 | 明确' merged over the target's columns over a sign-off written in one text
    ('填报人：王芳　　审核人：李强' across the form): the row is on the table's grid, the sign-off not, so the row is
    the last indicator (it was the sign-off's first row, the indicator lost without a word)."""
    table = f"三级指标\t指标值\t指标值\t指标值\n群众满意度\t≥90%\t≥90%\t≥90%\n分管领导\t{word}\t{word}\t{word}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + "填报人：王芳　　审核人：李强\n")).projects
    assert [i.name for i in project.indicators] == ["群众满意度", "分管领导"]
    assert (project.fields.get("分管领导"), project.fields["填报人"], project.fields["审核人"]) == (
        None,
        "王芳",
        "李强",
    )


@pytest.mark.parametrize("person", ["买买提·艾力", "阿卜杜拉·艾力", "约翰・史密斯"])
@pytest.mark.parametrize("levels", ["", "满意度指标\t服务对象满意度指标\t"], ids=["flat", "levels"])
def test_a_persons_name_with_a_middle_dot_is_the_sign_offs(person, levels):
    """'分管领导 | 买买提·艾力' over the sign-off, and '填报人 | 阿卜杜拉·艾力' in it: a name of parts joined by a
    middle dot is a person (it was no sign-off value: the row an indicator, the person lost, without a word)."""
    header = ("一级指标\t二级指标\t" if levels else "") + "三级指标\t指标值\t指标值\t指标值\n"
    blank = "\t\t" if levels else ""
    table = f"{header}{levels}群众满意度\t≥90%\t≥90%\t≥90%\n{blank}分管领导\t{person}\t{person}\t{person}\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table + f"填报人\t{person}\t审核人\t李强\t\t\n")).projects
    assert [i.name for i in project.indicators] == ["群众满意度"]
    assert (project.fields["分管领导"], project.fields["填报人"], project.fields["审核人"]) == (person, person, "李强")


@pytest.mark.parametrize("person", ["安宁", "高峰", "齐鲁", "周全", "严明", "常青", "王建立", "李安全"])
def test_a_name_a_surname_first_holding_no_states_words_alone_stays_the_sign_off(person):
    """A person's name a surname starts, not made of a state's words alone ('安宁', '高峰'; '李安全' holds one after
    a surname), merged over the target's columns over a split sign-off: the sign-off's first row."""
    assert sign_off(["分管领导", person, person, person], (0, 1), [["填报人：王芳", "审核人：李强"]]) == [
        ("分管领导", person)
    ]


@pytest.mark.parametrize("word", ["明确", "专人负责", "齐全"])
def test_a_state_row_over_a_sign_off_wider_than_the_table_is_the_last_indicator(word):
    """An unruled print of a flat form: the table two cells wide (三级指标 | 指标值), '分管领导 | 明确' as its rows,
    the sign-off four ('填报人 | 王芳 | 审核人 | 李强', its second label past the table's last column): the sign-off
    on a grid of its own, so the row is the last indicator (it was the sign-off's first row, the indicator lost
    without a word)."""
    table = f"三级指标\t指标值\n群众满意度\t≥90%\n分管领导\t{word}\n填报人\t王芳\t审核人\t李强\n"
    [project] = parse_rows(split_rows(_SIGNED_FORM + table)).projects
    assert [i.name for i in project.indicators] == ["群众满意度", "分管领导"]
    assert (project.fields.get("分管领导"), project.fields["填报人"], project.fields["审核人"]) == (
        None,
        "王芳",
        "李强",
    )
