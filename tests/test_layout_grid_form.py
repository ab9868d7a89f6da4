"""grid-form: the national per-project form read from a table grid (rows of cells as the readers give them)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.layouts import grid_form
from importers.records import Row, Rows

HEADER = ["", "一级指标", "二级指标", "指标内容", "指标值"]


def rows(table: list[list[str]]) -> list[Row]:
    return [Row(cells=list(cells), line=n) for n, cells in enumerate(table, 1)]


def paged(*pages: list[list[str]], edges: tuple[tuple[float, ...], ...] = ()) -> list[Row]:
    """The rows of a table printed over pages 1, 2, …, numbered on from one page to the next; each page's rows on
    its grid of `edges` (a PDF's cell left edges), where given."""
    table: list[Row] = []
    for page, cells_of in enumerate(pages, 1):
        grid = edges[page - 1] if edges else ()
        table += [Row(cells, n, page=page, edges=grid) for n, cells in enumerate(cells_of, len(table) + 1)]
    return table


def head(name: str, department: str = "某局") -> list[list[str]]:
    return [
        ["专项（项目）名称", "专项（项目）名称", "专项（项目）名称", name, name],
        ["主管部门", "主管部门", "主管部门", department, department],
        ["资金金额（万元）", "资金金额（万元）", "资金金额（万元）", "实施期资金总额：", "100"],
        ["总体目标", "目标", "目标", "目标", "目标"],
    ]


def indicators(table: list[list[str]]) -> list[list[tuple[str, str, str, str]]]:
    return [
        [(i.level1, i.level2, i.name, i.target) for i in p.indicators] for p in grid_form.parse(rows(table)).projects
    ]


def test_a_cell_naming_several_indicators_gives_one_each():
    """Names and values joined by '；': the k-th name with the k-th value, the cell's prefix on the first piece only,
    pieces stripped; a name without a value gets ''."""
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "数量指标", "指标：基地数量； 工作室数量", "5家；10个"],
        ["", "产出指标", "成本指标", "指标：基地奖励；工作室奖励；安家补助", "10万元；5万元"],
        ["", "满意度指标", "服务对象满意度指标", "指标1：满意率", "≧95%"],
    ]
    assert indicators(table) == [
        [
            ("产出指标", "数量指标", "指标：基地数量", "5家"),
            ("产出指标", "数量指标", "工作室数量", "10个"),
            ("产出指标", "成本指标", "指标：基地奖励", "10万元"),
            ("产出指标", "成本指标", "工作室奖励", "5万元"),
            ("产出指标", "成本指标", "安家补助", ""),
            ("满意度指标", "服务对象满意度指标", "指标1：满意率", "≧95%"),
        ]
    ]


def test_a_form_joining_values_for_names_joined_otherwise_keeps_its_rows_whole():
    """A form that joins values by '；' for names joined by '、' pairs them in its own way: no row is split."""
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "数量指标", "会议次数、宣讲场数", "≥25次；40场"],
        ["", "产出指标", "数量指标", "接待采访；专题宣传", "50人次；12期"],
    ]
    assert indicators(table) == [
        [
            ("产出指标", "数量指标", "会议次数、宣讲场数", "≥25次；40场"),
            ("产出指标", "数量指标", "接待采访；专题宣传", "50人次；12期"),
        ]
    ]


def test_a_form_without_its_header_row_is_read_by_the_columns_of_the_one_before():
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "数量指标", "指标：人数", "5人"],
        *head("乙"),
        ["", "产出指标", "质量指标", "指标：到位率", "100%"],
        ["", "效益指标", "社会效益指标", "指标：作用", "充分发挥"],
    ]
    assert indicators(table) == [
        [("产出指标", "数量指标", "指标：人数", "5人")],
        [("产出指标", "质量指标", "指标：到位率", "100%"), ("效益指标", "社会效益指标", "指标：作用", "充分发挥")],
    ]


def test_a_name_after_its_label_and_a_department_printed_blank():
    """'专项（项目）名称 伯乐奖' in one cell names the project; a 主管部门 printed blank is None (not the
    document's)."""
    table = [*head("乙", department=""), HEADER, ["", "产出指标", "数量指标", "指标：人数", "5人"]]
    table[0] = ["专项（项目）名称 乙"] * 5
    [project] = grid_form.parse(rows(table)).projects
    assert (project.name, project.department) == ("乙", None)


def test_a_label_spread_over_its_cell_is_kept_without_its_spaces():
    """分散对齐: '实 施 单 位' printed spread over its cell was kept as a field of that name, apart from every other
    form's 实施单位."""
    table = [*head("乙"), HEADER, ["", "产出指标", "数量指标", "人数", "5人"]]
    table[1] = ["主 管 部 门", "某局", "某局", "实 施 单 位", "某中心"]
    [project] = grid_form.parse(rows(table)).projects
    assert (project.department, project.fields.get("实施单位")) == ("某局", "某中心")


def test_a_lone_line_without_a_name_is_no_indicator():
    """A side label printed beside a continued table ('绩', '效' one a line, outside the grid): skipped."""
    table = [*head("甲"), HEADER, ["", "产出指标", "数量指标", "指标：人数", "5人"], ["绩"], ["效"]]
    assert indicators(table) == [[("产出指标", "数量指标", "指标：人数", "5人")]]


def test_a_department_printed_blank_is_stored_blank_while_a_form_without_one_takes_the_documents(conn, tmp_path):
    from kb.ingest.run import import_paths

    form = (
        "专项（项目）名称\t{name}\t{name}\n{department}资金金额（万元）\t实施期资金总额：\t100\n一级指标\t二级指标\t指标内容\t指标值\n"
        "产出指标\t数量指标\t指标：人数\t5人\n"
    )
    path = tmp_path / "goals.txt"
    path.write_text(
        "某市某局2020年部门预算\n项目绩效目标表\n"
        + form.format(name="甲", department="主管部门\t\t\n")
        + form.format(name="乙", department=""),
        "utf-8",
    )
    import_paths(conn, [path])
    stored = [tuple(row) for row in conn.execute("SELECT name, department FROM projects ORDER BY seq")]
    assert stored == [("甲", None), ("乙", "某市某局")]


_HEADER_PIECES = [
    *(word for words in grid_form.INDICATOR_HEADERS.values() for word in words),
    "绩效指标",
    *("（", "）", "(万元)", "*", "：", " ", "\n", "<b>", "</b>", "&#25351;", "&#20540;"),
    *("项目名称", "服务对象满意度", "≥90%", "其中：", ""),
]
_HEAD_PIECES = [
    *(word for kind in grid_form._FORM_KINDS for word in grid_form.HEAD_LABELS[kind]),
    *("项目负责人", "：", ":", " ", "（", "）", "<b>", "</b>", "&#21517;", "某局", "伯乐奖", "2026", ""),
]


def _names_form(row: Row) -> bool:
    return any(kind in grid_form._FORM_KINDS and value for kind, _, value in grid_form.pairs(row))


@pytest.mark.parametrize(
    "quick, full, pieces",
    [
        (grid_form._may_be_header, lambda row: grid_form._header_of(row) is not None, _HEADER_PIECES),
        (grid_form._may_start_form, _names_form, _HEAD_PIECES),
    ],
    ids=["header", "form head"],
)
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_rows_a_quick_test_passes_over_are_passed_over_by_the_full_one(quick, full, pieces, data):
    """The quick tests (a header holds the characters every name label and every target label hold; a row naming a
    form, all the characters of one of the labels that name it) never pass over a row the full test reads as one."""
    cells = data.draw(st.lists(st.lists(st.sampled_from(pieces), max_size=4).map("".join), min_size=1, max_size=7))
    row = Row(cells=cells, line=1)
    if not quick(row):
        assert not full(row)


def test_labels_written_as_html_entities_are_read():
    """'指' and '名' only once the markup's entity is read: the quick tests look at such rows whole."""
    assert grid_form.header(Row(cells=["<p>&#25351;标名称</p>", "目标值"], line=1)) is not None
    assert grid_form._starts_form(Row(cells=["<p>项目&#21517;称</p>", "伯乐奖"], line=1))


def test_an_amount_label_with_its_unit_after_the_colon_takes_the_amount_beside_it():
    """'年度资金总额：（万元）' is a label, not the value '（万元）': the amount is in the cell after it."""
    table = [
        ["项目名称", "项目名称", "甲"],
        ["项目资金（万元）", "年度资金总额：（万元）", "90"],
        ["项目资金（万元）", "其中：财政拨款（万元）", "90"],
        ["总体目标", "目标", "目标"],
        HEADER,
        ["", "产出指标", "数量指标", "讲堂场次", "≥20场"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.amount, project.amount_unit) == ("90", "万元")


def test_a_blank_total_takes_no_label_as_its_value():
    """A blank 年度资金总额 (its label spread over two cells; or a formula saved without its value) took the next row's
    label as its value: kb show printed '年度资金总额  其中：财政拨款'. A label is never a value; the one share that is
    all of the money is the amount."""
    table = [
        ["项目名称", "甲", "甲", "甲"],
        ["项目资金（万元）", "年度资金总额", "年度资金总额", ""],
        ["项目资金（万元）", "其中：财政拨款", "其中：财政拨款", "120.00"],
        ["项目资金（万元）", "上年结转", "上年结转", "0.00"],
        ["年度绩效目标", "目标", "目标", "目标"],
        HEADER,
        ["", "产出指标", "数量指标", "讲堂场次", "≥20场"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.amount, project.amount_unit) == ("120.00", "万元")
    assert "其中：财政拨款" not in project.fields.values() and project.fields.get("年度资金总额", "") == ""


def test_a_department_forms_budget_total():
    """A 部门整体 table's 年度预算情况（万元） | 预算总额 | 5230.18 was lost."""
    table = [
        ["部门名称", "某市民政局", "某市民政局", "某市民政局"],
        ["年度预算情况（万元）", "预算总额", "5230.18", ""],
        ["年度预算情况（万元）", "其中：基本支出", "3100.5", ""],
        ["年度总体目标", "目标", "目标", "目标"],
        HEADER,
        ["", "产出指标", "数量指标", "保障人数", "≥2.1万人"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.name, project.amount, project.amount_unit) == ("某市民政局", "5230.18", "万元")


def test_a_side_label_printed_down_two_rows_is_read_whole():
    """'总体目' beside the goal and its last '标' above 年度绩效指标, beside the indicator header: the goal."""
    table = [
        *head("甲")[:3],
        ["总\n体\n目", "按要求完成评审工作"],
        ["标\n年\n度\n绩\n效\n指\n标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["", "产出指标", "数量指标", "评审项目", "600个"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert project.goal == "按要求完成评审工作" and "说明" not in project.fields


@pytest.mark.parametrize(
    "title",
    [
        [["政策和项目预算绩效目标表"]],
        # the text layer holding the title twice on every page, its year between (烟台市场监管)
        [["政策和项目预算绩效目标表"], ["(2026年度)"], ["政策和项目预算绩效目标表"]],
    ],
)
def test_a_form_carried_to_the_next_page_under_its_title_alone_keeps_its_last_rows(title):
    """A page that repeats only the form's title above its last rows, drawn in fewer columns (the header's 指标值
    spans two columns on the page before): the rows are the form's, in its columns; the next form is its own."""
    from importers import parse_rows

    wide = ["", "一级指标", "二级指标", "三级指标", "指标值", "指标值"]
    pages = [
        [*title, *head("甲"), wide, ["绩效指标", "产出指标", "数量指标", "活动次数", "≥12次", "≥12次"]],
        [
            *title,
            ["绩效指标", "效益指标", "社会效益指标", "行业秩序", "作用显著"],
            ["绩效指标", "满意度指标", "服务对象满意度指标", "参与人员满意度", "≥90%"],
        ],
        [*title, *head("乙"), wide, ["绩效指标", "产出指标", "数量指标", "党建工作", "=3次", "=3次"]],
    ]
    paged = [Row(cells, 0, page) for page, table in enumerate(pages, 1) for cells in table]
    paged = [Row(row.cells, line, row.page) for line, row in enumerate(paged, 1)]
    projects = parse_rows(paged).projects
    assert [p.name for p in projects] == ["甲", "乙"]
    assert [[(i.level1, i.level2, i.name, i.target) for i in p.indicators] for p in projects] == [
        [
            ("产出指标", "数量指标", "活动次数", "≥12次"),
            ("效益指标", "社会效益指标", "行业秩序", "作用显著"),
            ("满意度指标", "服务对象满意度指标", "参与人员满意度", "≥90%"),
        ],
        [("产出指标", "数量指标", "党建工作", "=3次")],
    ]


@pytest.mark.parametrize("total", ["6248.79", "6,248.79万元"])
def test_a_department_form_without_an_amount_row_takes_the_total_of_its_tasks(total):
    """部门整体支出绩效目标表: the money is a grid of the year's tasks; its 金额合计 row is the amount, its unit
    written in the cell or not."""
    table = [
        ["2022年部门整体支出绩效目标表"],
        ["部门（单位）名称", "部门（单位）名称", "某局", "某局", "某局", "某局"],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "预算金额（万元）", "预算金额（万元）"],
        ["年度主要任务", "任务名称", "主要内容", "总额", "财政拨款", "其他资金"],
        ["年度主要任务", "人员工资", "人员工资和运转", "4713.79", "4713.79", ""],
        ["年度主要任务", "专项业务费", "专项业务经费", "1535", "1535", ""],
        ["年度主要任务", "金额合计", "金额合计", total, total, ""],
        ["年度总体目标", "目标1：正常运转", "目标1：正常运转", "目标1：正常运转", "目标1：正常运转", "目标1：正常运转"],
        ["年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
        ["年度绩效指标", "产出指标", "数量指标", "评审项目（个）", "600", ""],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.name, project.amount, project.amount_unit) == ("department", "某局", total, "万元")
    # the total's shares under their labels, each task a line of its own
    assert project.fields == {
        "总额": total,
        "财政拨款": total,
        "年度主要任务": "人员工资：人员工资和运转（总额 4713.79，财政拨款 4713.79）\n"
        "专项业务费：专项业务经费（总额 1535，财政拨款 1535）",
    }


def test_a_budget_document_is_titled_by_its_cover_not_its_first_goal_tables_heading():
    from importers import parse_rows
    from importers.readers.text import split_rows

    form = "项目名称\t甲\n一级指标\t二级指标\t指标内容\t指标值\n产出指标\t数量指标\t人数\t5人\n"
    covered = parse_rows(split_rows("西安市某局\n2022年部门综合预算\n九、部门预算绩效目标说明\n" + form))
    assert (covered.title, covered.department, covered.year) == ("西安市某局2022年部门综合预算", "西安市某局", "2022")
    bare = parse_rows(split_rows("九、部门预算绩效目标说明\n" + form))
    assert bare.title == "九、部门预算绩效目标说明"


def test_levels_run_together_with_the_name_split_at_the_longest_level_2():
    assert grid_form._levels_in_name("产出指标数量指标出具数据分析报告") == ("产出指标", "数量指标", "出具数据分析报告")
    assert grid_form._levels_in_name("效益指标社会效益指标保障财政") == ("效益指标", "社会效益指标", "保障财政")
    assert grid_form._levels_in_name("出具数据分析报告") == ("", "", "出具数据分析报告")


@pytest.mark.parametrize(
    ("money", "amount"),
    [
        (  # a small table of money: the total's column, not the label beside it ('合计')
            [
                ["部门名称", "某局", "某局", "某局"],
                ["总体资金情况（万元）", "预算支出总额", "财政拨款", "其他资金"],
                ["总体资金情况（万元）", "预算支出总额", "合计", "合计"],
                ["总体资金情况（万元）", "32,852.05", "32,801.94", "50.11"],
            ],
            "32,852.05",
        ),
        (  # no total printed, one share is all the money
            [
                ["部门名称", "某局", "某局", "某局"],
                ["预算整体情况", "部门预算支出", "预算金额（万元）", "收入来源", "预算金额（万元）"],
                ["预算整体情况", "基本支出", "12,634.14", "财政拨款", "98,880.78"],
                ["预算整体情况", "项目支出", "86,246.64", "其他资金", "0.00"],
            ],
            "98,880.78",
        ),
        (  # two shares and no total: no amount (their sum is printed nowhere)
            [
                ["部门名称", "某局", "某局", "某局"],
                ["预算整体情况", "部门预算支出", "预算金额（万元）", "收入来源", "预算金额（万元）"],
                ["预算整体情况", "基本支出", "58,118.59", "财政拨款", "92,008.68"],
                ["预算整体情况", "项目支出", "27,825.19", "其他资金", "1,577.77"],
            ],
            "",
        ),
    ],
)
def test_a_department_forms_money_laid_out_as_a_small_table(money, amount):
    table = [
        ["部门整体支出绩效目标表"],
        *money,
        ["整体绩效目标", "目标", "目标", "目标"],
        HEADER,
        ["", "产出指标", "数量指标", "审计项目", "≥77项"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.amount) == ("department", amount)
    if money[1][0] == "总体资金情况（万元）":  # each amount under its column's labels, a parent's 合计 as the parent
        assert project.fields == {"预算支出总额": "32,852.05", "财政拨款": "32,801.94", "其他资金": "50.11"}


def test_a_departments_money_under_two_rows_of_labels_keeps_each_part_under_its_parent():
    """Beijing's 预算13表: 财政拨款 and 其他资金 each over 合计 · 基本支出 · 项目支出, the amounts' row under them (its
    group cell printed blank); a blank amount is left out."""
    group = "总体资金情况（万元）"
    table = [
        ["预算13表 部门整体支出绩效目标表"],
        ["", "部门名称", "部门名称", "某局", "某局", "某局", "某局", "某局", "某局"],
        ["", group, group, "预算支出总额", "财政拨款", "财政拨款", "财政拨款", "其他资金", "其他资金", "其他资金"],
        ["", group, group, "预算支出总额", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"],
        ["", "", "", "105,556.81", "88,027.59", "45,057.58", "42,970.01", "17,529.22", "", "17,529.22"],
        ["", "整体绩效目标", "目标", "目标", "目标", "目标", "目标", "目标", "目标", "目标"],
        ["", "其他说明", "", "", "", "", "", "", "", ""],
        ["", "活动", "活动", "绩效指标", "绩效指标", "指标性质", "指标值", "指标值", "度量单位"],
        ["", "宣传", "宣传", "产出指标数量指标宣传次数", "产出指标数量指标宣传次数", "≥", "6", "6", "次"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.amount, project.amount_unit) == ("department", "105,556.81", "万元")
    assert project.fields == {
        "预算支出总额": "105,556.81",
        "财政拨款": "88,027.59",
        "财政拨款·基本支出": "45,057.58",
        "财政拨款·项目支出": "42,970.01",
        "其他资金": "17,529.22",
        "其他资金·项目支出": "17,529.22",
        "其他说明": "",
    }


def test_a_goal_under_its_label_on_a_row_of_its_own():
    """'当年整体绩效目标' spread over a row, its text over the next: the goal, not an unlabelled note."""
    table = [
        ["2026年部门整体绩效目标表"],
        ["单位名称：某局"],
        ["当年整体绩效目标"] * 4,
        ["完善全市水网建设布局"] * 4,
        ["绩效指标", "指标名称", "指标性质", "指标值"],
        ["绩效指标", "续建大中型水库", "≥", "27"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert project.goal == "完善全市水网建设布局" and "说明" not in project.fields


def test_an_amount_label_overflowing_its_narrow_cell_still_gives_the_amount():
    """'实施期资金总额：55.72' printed across a narrow label cell: the reader cuts it at the cell's edges ('资金总' |
    '额：55.72'); the two pieces are the label and its amount, not a 说明 (西安 表14)."""
    money = "实施期资金金额\n其中：财（万元）"
    table = [
        ["项目名称", "项目名称", "项目名称", "警用服装购置", "警用服装购置"],
        ["主管部门", "主管部门", "主管部门", "某局", "某局"],
        [money, money, "资金总", "额：55.72", "额：55.72"],
        ["年度目标", "购置警服", "购置警服", "购置警服", "购置警服"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["年度绩效指标", "产出指标", "数量指标", "购置数量(件)", "≤4154"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.name, project.amount) == ("警用服装购置", "55.72")
    assert "55.72" not in project.fields.get("说明", "")


def test_a_money_table_whose_upper_labels_say_what_the_money_is_keeps_them_in_its_keys():
    """Two blocks of the same shares (本年预算 and 上年预算, each over 总额 | 财政拨款): each amount under both its
    labels, none taking another's place; a task's rate (a % cell) is one of its values, not its text."""
    group = "年度主要任务"
    table = [
        ["部门整体支出绩效目标表"],
        ["部门（单位）名称", "某局", "某局", "某局", "某局", "某局", "某局"],
        [group, "任务名称", "本年预算（万元）", "本年预算（万元）", "上年预算（万元）", "上年预算（万元）", "增幅"],
        [group, "任务名称", "总额", "财政拨款", "总额", "财政拨款", "增幅"],
        [group, "运转", "120", "100", "110", "90", "9.09%"],
        [group, "金额合计", "120", "100", "110", "90", "9.09%"],
        ["年度总体目标", "正常运转", "正常运转", "正常运转", "正常运转", "正常运转", "正常运转"],
        ["年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "指标值", "备注"],
        ["年度绩效指标", "产出指标", "数量指标", "评审项目（个）", "600", "600", ""],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert project.fields == {
        "本年预算（万元）·总额": "120",
        "本年预算（万元）·财政拨款": "100",
        "上年预算（万元）·总额": "110",
        "上年预算（万元）·财政拨款": "90",
        group: "运转（本年预算（万元）·总额 120，本年预算（万元）·财政拨款 100，上年预算（万元）·总额 110，"
        "上年预算（万元）·财政拨款 90，增幅 9.09%）",
    }


def test_a_name_beginning_with_a_closing_word_is_an_indicator_and_a_note_ends_the_table():
    """注册用户数 or 说明会场次 under merged (blank) level cells are indicators; 注：… and 合计 end the table."""
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "数量指标", "注册用户数", "≥1000个"],
        ["", "", "", "说明会场次", "≥3场"],
        ["", "满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
        ["注：本表为预计数", "", "", "", ""],
    ]
    assert indicators(table) == [
        [
            ("产出指标", "数量指标", "注册用户数", "≥1000个"),
            ("产出指标", "数量指标", "说明会场次", "≥3场"),
            ("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ]
    ]


@pytest.mark.parametrize(
    "upper, lower",
    [
        (["绩效指标", "绩效指标", "", "", "指标值"], ["", "一级指标", "二级指标", "三级指标", ""]),  # spread, empty
        (["绩效指标", "", "", "", "指标值"], ["", "一级指标", "二级指标", "三级指标", ""]),
    ],
)
def test_a_header_over_two_rows_whose_merged_cells_are_empty(upper, lower):
    """A text or TSV copy of a form leaves a merged header cell empty below its text: the two rows are one header,
    and the indicators read under it (no layout read them)."""
    table = [*head("社区养老服务补贴"), upper, lower, ["", "产出指标", "数量指标", "补贴发放人数", "≥500人"]]
    table.append(["", "效益指标", "满意度指标", "服务对象满意度", "≥90%"])
    assert indicators(table) == [
        [("产出指标", "数量指标", "补贴发放人数", "≥500人"), ("效益指标", "满意度指标", "服务对象满意度", "≥90%")]
    ]


def test_a_total_row_below_a_self_evaluation_names_each_value_by_its_column():
    """总分 | 100 | 90 under 分值 and 得分 was kept as '100 90': which is the score? Each value is named."""
    from fixtures.self_evaluation import SELF

    [project] = grid_form.parse(rows([[str(cell) for cell in row] for row in SELF])).projects
    assert project.fields["总分"] == "分值 100；得分 90"
    unscored = [*SELF[:-1], [*["总分"] * 5, "100", "", ""]]
    [project] = grid_form.parse(rows([[str(cell) for cell in row] for row in unscored])).projects
    assert project.fields["总分"] == "分值 100"


def test_a_total_row_holding_the_grade_too_gives_each_its_own_field():
    """总分 | 100 | 90 | 自评等级 | 优 on one row was kept as one field, the grade named by the column it stands in
    ('分值 100；得分 96.52；未完成原因 自评等级；改进措施 优'); the grade is a field of its own."""
    from fixtures.self_evaluation import SELF

    graded = [*SELF[:-1], ["总分", "总分", "总分", "100", "90", "自评等级", "优", "优"]]
    [project] = grid_form.parse(rows([[str(cell) for cell in row] for row in graded])).projects
    assert project.fields["自评等级"] == "优" and project.fields["总分"].endswith(" 90")  # (named by its columns)
    assert "优" not in project.fields["总分"]
    blank = [*SELF[:-1], ["总分", "总分", "总分", "100", "90", "自评等级", "", "（单位盖章）"]]  # a grade left blank
    [project] = grid_form.parse(rows([[str(cell) for cell in row] for row in blank])).projects
    assert "自评等级" not in project.fields and "（单位盖章）" in project.fields["总分"]


def _one_form(header: list[list[str]], rows: list[list[str]]):
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [["项目名称", "老年人助餐服务补贴", "主管部门", "某区民政局"], *header, *rows]
    return grid_form.parse([Row(cells, n) for n, cells in enumerate(lines, 1)]).projects


@pytest.mark.parametrize("below", [["运算符", "数值", "单位"], ["符号", "目标值", "计量单位"]])
def test_a_target_spanning_columns_named_below_it(below):
    """指标值 merged over 符号 | 目标值 | 计量单位 on the row below: the target was the sign alone, and with 运算符 |
    数值 | 单位 the lower header row was read as an indicator."""
    header = [
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值", "指标值"],
        ["一级指标", "二级指标", "三级指标", *below],
    ]
    [project] = _one_form(header, [["产出指标", "数量指标", "助餐服务人次", "≥", "150000", "人次"]])
    assert [(i.name, i.operator, i.target, i.unit) for i in project.indicators] == [
        ("助餐服务人次", "≥", "150000", "人次")
    ]


def test_a_target_in_cells_of_its_own_under_one_指标值_label():
    """指标值 merged over sign, number and unit cells with no row naming them (a Word goal table): the target was
    the sign alone ('≥'); a word merged over all three is read once."""
    header = [["一级指标", "二级指标", "三级指标", "指标值", "指标值", "指标值"]]
    [project] = _one_form(
        header,
        [
            ["产出指标", "数量指标", "培训基层医务人员人次", "≥", "1200", "人次"],
            ["产出指标", "时效指标", "项目完成时间", "", "2026年12月底前", ""],
            ["效益指标", "社会效益指标", "基层诊疗服务能力", "明显提升", "明显提升", "明显提升"],
        ],
    )
    assert [(i.name, i.target) for i in project.indicators] == [
        ("培训基层医务人员人次", "≥1200人次"),
        ("项目完成时间", "2026年12月底前"),
        ("基层诊疗服务能力", "明显提升"),
    ]


@pytest.mark.parametrize("target", ["年初目标值", "标准值"])
def test_a_names_column_headed_绩效指标_after_the_levels_and_more_target_headers(target):
    """'一级指标 | 二级指标 | 绩效指标 | 指标值' and a target column headed 年初目标值 (a self-evaluation's) failed."""
    [project] = _one_form(
        [["一级指标", "二级指标", "绩效指标", target]], [["产出指标", "数量指标", "助餐服务人次", "≥150000人次"]]
    )
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "助餐服务人次", "≥150000人次")
    ]


def test_a_departments_tasks_without_a_total_row_and_its_duties_are_kept():
    """年度主要任务 rows (task, content, money) with no 金额合计 row under them were dropped, but for the last task's
    amount stored as 说明; 部门职能职责概述 was lost."""
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [
        ["某区农业农村工作委员会2024年部门整体支出绩效目标表"],
        ["部门名称", "某区农业农村工作委员会", "某区农业农村工作委员会"],
        ["年度预算申请（万元）", "资金总额", "2345.60", "其中：财政拨款", "2345.60"],
        ["部门职能职责概述", "负责全区农业农村工作。", "负责全区农业农村工作。"],
        ["年度总体绩效目标", "河道水质稳定改善。", "河道水质稳定改善。"],
        ["年度主要任务", "任务名称", "主要内容", "主要内容", "预算金额（万元）"],
        ["年度主要任务", "河道日常保洁", "对12条河道实施常态化保洁", "对12条河道实施常态化保洁", "745.60"],
        ["年度主要任务", "农村人居环境整治", "开展村庄清洁行动", "开展村庄清洁行动", "320.00"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["年度绩效指标", "产出指标", "数量指标", "保洁河道长度", "≥68公里"],
    ]
    [table] = grid_form.parse([Row(cells, n) for n, cells in enumerate(lines, 1)]).projects
    assert (table.kind, table.amount, table.overview, table.goal) == (
        "department",
        "2345.60",
        "负责全区农业农村工作。",
        "河道水质稳定改善。",
    )
    assert table.fields == {
        "年度主要任务": "河道日常保洁：对12条河道实施常态化保洁（预算金额（万元） 745.60）\n"
        "农村人居环境整治：开展村庄清洁行动（预算金额（万元） 320.00）",
        "其中：财政拨款": "2345.60",
    }
    assert [(i.name, i.target) for i in table.indicators] == [("保洁河道长度", "≥68公里")]


def _form_rows(lines: list[list[str]]):
    from importers.layouts import grid_form
    from importers.records import Row

    return grid_form.parse([Row(cells, n) for n, cells in enumerate(lines, 1)]).projects


def test_the_2021_forms_goals_side_by_side_and_a_sum_beside_its_money_label():
    """总体目标 over 实施期目标 | 年度目标 with their texts on the row below: the goal was the 实施期 text and the
    year's went to 说明; 项目资金 | 356.8万元 on one row left the amount empty."""
    [project] = _form_rows(
        [
            ["项目名称", "智慧社区平台", "智慧社区平台", "智慧社区平台"],
            ["项目资金", "356.8万元", "356.8万元", "356.8万元"],
            ["总体目标", "实施期目标", "实施期目标", "年度目标"],
            ["总体目标", "三年建成平台。", "三年建成平台。", "当年完成一期。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "上线服务事项", "≥60项"],
        ]
    )
    assert (project.name, project.amount, project.goal) == ("智慧社区平台", "356.8万元", "当年完成一期。")
    assert project.fields == {"实施期目标": "三年建成平台。"}


def test_a_goal_over_two_rows_under_its_label_merged_down_both():
    """年度绩效目标 merged down two rows, each holding a part of the goal (a sheet, a Word table, their PDFs print the
    label in each): the second part became a field named 年度绩效目标 (and a short one, unpunctuated, looked like a
    label of its own). The rows below it labelled 实施期目标 and 备注 stay fields."""
    [project] = _form_rows(
        [
            ["项目名称", "社区养老服务补助", "社区养老服务补助", "社区养老服务补助"],
            ["项目资金（万元）", "年度资金总额", "120.00", "120.00"],
            [
                "年度绩效目标",
                "为全市200个站点提供补助，提升服务能力",
                "为全市200个站点提供补助，提升服务能力",
                "为全市200个站点提供补助，提升服务能力",
            ],
            ["年度绩效目标", "保障老年人权益", "保障老年人权益", "保障老年人权益"],
            ["实施期目标", "三年全覆盖", "三年全覆盖", "三年全覆盖"],
            ["备注", "无", "无", "无"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "补助站点数", "≥200个"],
        ]
    )
    assert project.goal == "为全市200个站点提供补助，提升服务能力保障老年人权益"
    assert project.fields == {"实施期目标": "三年全覆盖", "备注": "无"}


def test_a_goal_over_two_rows_its_label_in_the_first_only():
    """A row added under the goal's in its table, its label cell left empty: its text became the form's 说明."""
    [project] = _form_rows(
        [
            ["项目名称", "社区养老服务补助", "社区养老服务补助", "社区养老服务补助"],
            ["项目资金（万元）", "年度资金总额", "120.00", "120.00"],
            ["年度绩效目标", "为全市200个站点提供补助。", "为全市200个站点提供补助。", "为全市200个站点提供补助。"],
            ["", "保障老年人权益", "保障老年人权益", "保障老年人权益"],
            ["备注", "无", "无", "无"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "补助站点数", "≥200个"],
        ]
    )
    assert (project.goal, project.fields) == ("为全市200个站点提供补助。保障老年人权益", {"备注": "无"})


def test_a_local_forms_中期目标_beside_its_年度目标():
    """总体目标 | 中期目标（2026年-2028年） | 年度目标 (a local three-year form): the goal was the 中期 text and the
    year's was lost."""
    [project] = _form_rows(
        [
            ["项目名称", "就业见习补贴", "就业见习补贴", "就业见习补贴"],
            ["项目资金（万元）", "年度资金总额", "1543.2", "1543.2"],
            ["总体目标", "中期目标（2026年-2028年）", "中期目标（2026年-2028年）", "年度目标"],
            ["总体目标", "三年累计新增岗位18000个。", "三年累计新增岗位18000个。", "新增岗位6000个。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新增见习岗位数", "≥6000个"],
        ]
    )
    assert project.goal == "新增岗位6000个。"
    assert project.fields == {"实施期目标": "三年累计新增岗位18000个。"}


def test_a_forms_长期绩效指标_table_then_its_年度绩效指标_table():
    """The Hunan/Shaanxi 申报表: 项目绩效目标 | 长期目标 | 年度目标, then a 长期绩效指标 table and a 年度绩效指标
    table of the same indicators. Each indicator came twice (the span's value read as a year's target) and the goal
    was the 长期 text; the year's indicators now carry the span's values as their period targets, and the span's rows
    are not told as unread."""
    from importers import parse_rows
    from importers.records import Row

    lines = [
        ["项目名称", "就业见习补贴", "就业见习补贴", "就业见习补贴", "就业见习补贴"],
        ["主管部门", "某市人社局", "某市人社局", "某市人社局", "某市人社局"],
        ["项目绩效目标", "长期目标", "长期目标", "年度目标", "年度目标"],
        ["项目绩效目标", "三年新增岗位18000个。", "三年新增岗位18000个。", "新增岗位6000个。", "新增岗位6000个。"],
        ["长期绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["长期绩效指标", "产出指标", "数量指标", "新增见习岗位数", "≥18000个"],
        ["长期绩效指标", "效益指标", "社会效益指标", "就业率", "逐年提高"],
        ["年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["年度绩效指标", "产出指标", "数量指标", "新增见习岗位数", "≥6000个"],
        ["年度绩效指标", "效益指标", "社会效益指标", "就业率", "较上年提高"],
    ]
    [project] = _form_rows(lines)
    assert project.goal == "新增岗位6000个。"
    assert [(i.name, i.target, i.period_target) for i in project.indicators] == [
        ("新增见习岗位数", "≥6000个", "≥18000个"),
        ("就业率", "较上年提高", "逐年提高"),
    ]
    assert parse_rows([Row(cells, n) for n, cells in enumerate(lines, 1)]).warnings == []


def test_a_中期_forms_year_indicators_under_a_full_width_年度绩效指标_row():
    """A 中期 form: its 中期绩效指标 table valued 中期指标值, then a row 年度绩效指标 across the table and the year's
    indicators valued 年度指标值. The year's rows were read in the 中期 table's columns, where no column is a target:
    every target and every span's value was lost."""
    mid = ["中期绩效指标"] * 5
    year = ["年度绩效指标"] * 5
    [project] = _form_rows(
        [
            ["项目名称", "甲项目", "甲项目", "甲项目", "甲项目"],
            ["中期目标（2026-2028年）", "三年。", "三年。", "三年。", "三年。"],
            ["年度目标", "当年。", "当年。", "当年。", "当年。"],
            mid,
            ["一级指标", "一级指标", "二级指标", "三级指标", "中期指标值"],
            ["产出指标", "产出指标", "数量指标", "新建服务站数量", "≥60个"],
            ["效益指标", "效益指标", "社会效益指标", "服务覆盖率", "≥90%"],
            year,
            ["一级指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
            ["产出指标", "产出指标", "数量指标", "新建服务站数量", "≥20个"],
            ["效益指标", "效益指标", "社会效益指标", "服务覆盖率", "≥60%"],
        ]
    )
    assert [(i.level1, i.name, i.target, i.period_target) for i in project.indicators] == [
        ("产出指标", "新建服务站数量", "≥20个", "≥60个"),
        ("效益指标", "服务覆盖率", "≥60%", "≥90%"),
    ]


def test_a_长期绩效指标_tables_values_read_as_its_targets_are():
    """A span's value was its cells glued as printed: the nature column's word and a unit the value already writes
    came with it ('定量≥95%%'), and the rest of a value a page break carried over was left out ('设备完好率达到')."""
    from importers.layouts import grid_form
    from importers.records import Row

    head = [
        ["项目名称", "甲项目", "甲项目", "甲项目", "甲项目", "甲项目"],
        ["项目绩效目标", "长期目标", "长期目标", "年度目标", "年度目标", "年度目标"],
        ["项目绩效目标", "三年。", "三年。", "当年。", "当年。", "当年。"],
    ]
    header = ["一级指标", "三级指标", "指标性质", "指标值", "计量单位"]
    [project] = _form_rows(
        head
        + [
            ["长期绩效指标", *header],
            ["长期绩效指标", "产出指标", "培训人数", "定量", "≥300", "人"],
            ["长期绩效指标", "产出指标", "合格率", "定量", "≥95%", "%"],
            ["长期绩效指标", "效益指标", "就业率", "定性", "逐年提高", ""],
            ["年度绩效指标", *header],
            ["年度绩效指标", "产出指标", "培训人数", "定量", "≥100", "人"],
            ["年度绩效指标", "产出指标", "合格率", "定量", "≥95%", "%"],
            ["年度绩效指标", "效益指标", "就业率", "定性", "较上年提高", ""],
        ]
    )
    assert [i.period_target for i in project.indicators] == ["≥300人", "≥95%", "逐年提高"]
    pages = [
        (head[0][:5], 1),
        (head[1][:5], 1),
        (head[2][:5], 1),
        (["长期绩效指标", "一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["长期绩效指标", "产出指标", "质量指标", "设备运行状况", "设备完好率达到"], 1),
        (["", "", "", "", "95%以上"], 2),
        (["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"], 2),
        (["年度绩效指标", "产出指标", "质量指标", "设备运行状况", "设备完好率达到90%以上"], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page=page) for n, (cells, page) in enumerate(pages, 1)]).projects
    assert [(i.target, i.period_target) for i in project.indicators] == [
        ("设备完好率达到90%以上", "设备完好率达到95%以上")
    ]


def test_a_长期绩效指标_name_printed_twice():
    """A name printed twice in the 长期绩效指标 table (完成率 under 数量 and under 时效): the second was dropped, its
    value lost and, when the year's table did not name it, the indicator too (and not told as unread); each year's
    indicator now takes the span's of its name under its levels."""
    from importers import parse_rows
    from importers.records import Row

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    lines = [
        ["项目名称", "甲项目", "甲项目", "甲项目", "甲项目"],
        ["项目绩效目标", "长期目标", "长期目标", "年度目标", "年度目标"],
        ["项目绩效目标", "三年。", "三年。", "当年。", "当年。"],
        ["长期绩效指标", *header],
        ["长期绩效指标", "产出指标", "数量指标", "完成率", "≥90%"],
        ["长期绩效指标", "产出指标", "时效指标", "完成率", "≥80%"],
        ["长期绩效指标", "效益指标", "社会效益指标", "覆盖率", "≥70%"],
        ["长期绩效指标", "效益指标", "生态效益指标", "覆盖率", "≥60%"],
        ["年度绩效指标", *header],
        ["年度绩效指标", "产出指标", "时效指标", "完成率", "≥85%"],
        ["年度绩效指标", "产出指标", "数量指标", "完成率", "≥92%"],
    ]
    [project] = _form_rows(lines)
    assert [(i.level2, i.name, i.target, i.period_target) for i in project.indicators] == [
        ("时效指标", "完成率", "≥85%", "≥80%"),
        ("数量指标", "完成率", "≥92%", "≥90%"),
        ("社会效益指标", "覆盖率", "", "≥70%"),
        ("生态效益指标", "覆盖率", "", "≥60%"),
    ]
    assert parse_rows([Row(cells, n) for n, cells in enumerate(lines, 1)]).warnings == []


def test_two_goal_labels_in_a_row_under_an_unlabelled_line_of_a_pdf():
    """A PDF's form: an unlabelled line, then '绩效目标 | 年度目标' (two goal labels, their text on the row below).
    The first label took the line above as its text's start, the second looked for it again: KeyError, and the
    whole document was not imported. The line above is no part of the text: a label alone on its row takes it."""
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [
        ["项目名称", "甲项目", "甲项目", "甲项目"],
        ["资金构成", "总额100万元", "总额100万元", "总额100万元"],
        ["绩效目标", "年度目标", "年度目标", "年度目标"],
        ["绩效目标", "完成任务。", "完成任务。", "完成任务。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥1个"],
    ]
    [project] = grid_form.parse([Row(cells, n, page=1) for n, cells in enumerate(lines, 1)]).projects
    assert (project.goal, project.fields) == ("完成任务。", {"资金构成": "总额100万元"})  # (not the money's line glued)
    assert [(i.name, i.target) for i in project.indicators] == [("培训人数", "≥1个")]


def test_the_hunan_forms_项目单位_beside_its_主管部门():
    """主管部门 | 某局 | 项目单位 | 某中心 (the Hunan/Shaanxi 申报表): 项目单位 named no field, its value went to 说明
    and its label was lost (a later unlabelled cell overwrote it); it is the implementing unit, kept as 项目单位."""
    [project] = _form_rows(
        [
            ["项目名称", "甲项目", "甲项目", "甲项目"],
            ["主管部门", "某局", "项目单位", "某中心"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥1个"],
        ]
    )
    assert (project.department, project.fields) == ("某局", {"项目单位": "某中心"})


def test_the_templates_总目标_beside_its_本年度目标():
    """项目绩效目标描述 | 总目标 | 本年度目标 with their texts below (the widely copied 申报表 template): neither
    label was known, the goal was empty and only the year's text was kept, as 说明."""
    [project] = _form_rows(
        [
            ["项目名称", "甲项目", "甲项目", "甲项目"],
            ["项目绩效目标描述", "总目标", "本年度目标", "本年度目标"],
            ["项目绩效目标描述", "三年完成。", "当年完成。", "当年完成。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥1个"],
        ]
    )
    assert (project.goal, project.fields) == ("当年完成。", {"实施期目标": "三年完成。"})


def test_a_lone_本年度目标_row():
    """本年度目标 | text on a row of its own named no field (read only as a block beside 总目标): the text went to
    说明, the goal was empty."""
    [project] = _form_rows(
        [
            ["项目名称", "甲项目", "甲项目", "甲项目"],
            ["本年度目标", "当年完成。", "当年完成。", "当年完成。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥1个"],
        ]
    )
    assert (project.goal, project.fields) == ("当年完成。", {})


def test_a_self_evaluations_reasons_in_two_columns_its_grade_and_the_export_of_the_一体化_system():
    """未完成原因 | 改进措施 were lost; 自评等级 | 优 was stored as '分值 优；得分 优；…'; the 一体化 system's export
    (三级绩效指标名称) was read by no layout."""
    [evaluation] = _form_rows(
        [
            [
                "项目名称",
                "残疾人生活补贴",
                "残疾人生活补贴",
                "残疾人生活补贴",
                "残疾人生活补贴",
                "残疾人生活补贴",
                "残疾人生活补贴",
            ],
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "未完成原因", "改进措施"],
            ["产出指标", "发放人数", "≥5000人", "4800人", "20", "19", "人数减少", "加强排查"],
            ["自评等级", "优", "优", "优", "优", "优", "优", "优"],
        ]
    )
    [row] = evaluation.indicators
    assert (row.name, row.actual, row.notes) == (
        "发放人数",
        "4800人",
        {"未完成原因": "人数减少", "改进措施": "加强排查"},
    )
    assert evaluation.fields["自评等级"] == "优"
    [project] = _form_rows(
        [
            ["项目名称", "城市道路养护", "城市道路养护", "城市道路养护", "城市道路养护"],
            ["一级指标", "二级指标", "三级绩效指标代码", "三级绩效指标名称", "绩效指标说明", "指标值"],
            ["产出指标", "数量指标", "CZ001", "养护道路面积", "年度养护面积", "≥120万平方米"],
        ]
    )
    [indicator] = project.indicators
    assert (indicator.name, indicator.target, indicator.notes["三级绩效指标代码"]) == (
        "养护道路面积",
        "≥120万平方米",
        "CZ001",
    )


def test_a_departments_duties_labelled_部门职能_are_its_overview():
    [table] = _form_rows(
        [
            ["部门名称", "某区应急管理局", "某区应急管理局"],
            ["部门职能", "负责全区安全生产综合监管。", "负责全区安全生产综合监管。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "执法检查次数", "≥300次"],
        ]
    )
    assert (table.kind, table.overview) == ("department", "负责全区安全生产综合监管。")


def test_a_budget_block_whose_label_is_merged_across_and_a_signed_line_below():
    """项目资金（万元） merged over two columns above its rows (their own first cell blank): the block was lost and
    其他资金 '0' stored as fields; '填表人：李明　联系电话：…' below the table was one field named '填表人：李明'."""
    blank = ["", "", "", "", "", "", ""]
    [evaluation] = _form_rows(
        [
            ["项目名称", "残疾人补贴", "残疾人补贴", "残疾人补贴", "残疾人补贴", "残疾人补贴", "残疾人补贴"],
            ["项目资金（万元）", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            ["", "年度资金总额", "2,860.00", "2,915.40", "2,798.78", "96.00%", "9.6"],
            ["", "其他资金", "0", "0", "0", "—", "—"],
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "发放人数", "≥5000人", "5100人", "20", "20", ""],
            ["填表人：李明　联系电话：0574-1234567", *blank[1:]],
        ]
    )
    assert {k: evaluation.fields.get(k) for k in ("年初预算数", "全年执行数", "执行率", "其他资金")} == {
        "年初预算数": "2,860.00",
        "全年执行数": "2,798.78",
        "执行率": "96.00%",
        "其他资金": None,
    }
    assert (evaluation.amount, evaluation.fields["填表人"], evaluation.fields["联系电话"]) == (
        "2,915.40",
        "李明",
        "0574-1234567",
    )


@pytest.mark.parametrize("label", ["预算执行情况（万元）", "情况（万元）"])
def test_a_budget_blocks_rows_labelled_in_its_labels_column(label):
    """预算执行情况（万元） over 年初预算数 | 全年预算数 | …, then 年度资金总额 and 其中：财政拨款 in the same first
    column, their values from the second: the block's rows (they were not, and the amount read its 年初预算数,
    600.00 for 640.00, without a word); also where the print clipped the label's start away ('情况（万元）',
    LibreOffice's first column set right)."""
    [evaluation] = _form_rows(
        [
            ["项目名称", *["社区居家养老服务提升项目"] * 7],
            [label, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            ["年度资金总额", "600.00", "640.00", "620.00", "10", "96.88%", "9.69", ""],
            ["其中：财政拨款", "600.00", "640.00", "620.00", "10", "96.88%", "9.69", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "数量指标", "新建服务站", "≥12个", "12个", "20", "20", ""],
        ]
    )
    assert (evaluation.amount, evaluation.fields.get("年初预算数"), evaluation.fields.get("执行率")) == (
        "640.00",
        "600.00",
        "96.88%",
    )


def test_a_budget_blocks_values_on_the_next_page_in_a_finer_grid():
    """A Word form's row break between the money header and its values: the PDF's grid on the next page splits the
    年度资金总额 label over two columns, the header's page not. The values were read one column too far left
    (年初预算数 lost, 全年执行数 the budget, 执行率 the score); each is the one whose cell starts where its label's
    does."""
    page1 = [
        ["项目名称", *["科技创新券补助资金"] * 7],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ]
    page2 = [
        ["", "年度资金总额", "年度资金总额", "6,000.00", "6,200.00", "5,438.20", "10", "87.71%", "8.77"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "数量指标", "兑付企业家次", "≥4000家次", "4120家次", "20", "20", ""],
    ]
    edges = (37.1, 93.8, 207.2, 263.9, 320.6, 377.3, 434.0, 490.7)
    finer = (37.1, 93.8, 150.5, *edges[2:])
    table = paged(page1, page2, edges=(edges, finer))
    [evaluation] = grid_form.parse(table).projects
    assert evaluation.amount == "6,200.00"
    assert {k: evaluation.fields.get(k) for k in ("年初预算数", "全年执行数", "执行率")} == {
        "年初预算数": "6,000.00",
        "全年执行数": "5,438.20",
        "执行率": "87.71%",
    }


@pytest.mark.parametrize("moved", [1.5, 18.0])
def test_a_budget_blocks_values_on_the_next_page_whose_grid_the_margins_moved(moved):
    """A form printed with mirrored margins: its grid on the next page stands further right, the money block's
    values there under the header row at the foot of the page before. No cell started where a label's did, and the
    block lost every value (amount, 年初预算数, 全年执行数, 执行率); edges count from the table's left border."""
    page1 = [
        ["项目名称", *["科技创新券补助资金"] * 7],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ]
    page2 = [
        ["", "年度资金总额", "6,000.00", "6,200.00", "5,438.20", "10", "87.71%", "8.77"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "数量指标", "兑付企业家次", "≥4000家次", "4120家次", "20", "20", ""],
    ]
    edges = (37.1, 93.8, 207.2, 263.9, 320.6, 377.3, 434.0, 490.7)
    table = paged(page1, page2, edges=(edges, tuple(edge + moved for edge in edges)))
    [evaluation] = grid_form.parse(table).projects
    assert evaluation.amount == "6,200.00"
    assert {k: evaluation.fields.get(k) for k in ("年初预算数", "全年执行数", "执行率")} == {
        "年初预算数": "6,000.00",
        "全年执行数": "5,438.20",
        "执行率": "87.71%",
    }


def test_a_self_evaluations_goal_row_cut_by_the_page_is_read_whole():
    """Word lets the 年度总体目标 row break: the goal and what was achieved begun at the foot ('…重点人群健' |
    '…规范管理率均'), their rests atop the next page under a blank label ('康管理率稳步提高。' | '达到目标。'). The
    rests were lost (the one of 实际完成情况 kept as 说明) and the goal cut short."""
    page1 = [
        ["项目名称", *["基本公共卫生服务项目"] * 7],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["项目资金（万元）", "年度资金总额", "31,280.00", "31,280.00", "31,056.44", "10", "99.29%", "9.93"],
        ["年度总体目标", *["预期目标"] * 3, *["实际完成情况"] * 4],
        ["年度总体目标", *["提供基本公共卫生服务，重点人群健"] * 3, *["高血压、糖尿病患者规范管理率均"] * 4],
    ]
    page2 = [
        ["", *["康管理率稳步提高。"] * 3, *["达到目标。"] * 4],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["绩效指标", "产出指标", "数量指标", "建档率", "≥85%", "88.6%", "90", "90"],
    ]
    table = paged(page1, page2)
    [evaluation] = grid_form.parse(table).projects
    assert evaluation.goal == "提供基本公共卫生服务，重点人群健康管理率稳步提高。"
    assert evaluation.fields.get("实际完成情况") == "高血压、糖尿病患者规范管理率均达到目标。"
    assert "说明" not in evaluation.fields


def test_a_self_evaluations_goal_row_atop_the_next_page_in_a_grid_snapped_elsewhere_keeps_what_was_achieved():
    """The 年度总体目标 label row at a page's foot, its texts atop the next page, whose finer grid (the indicators'
    columns) stands 2 pt left of the label row's where 实际完成情况 starts: the table finder snaps the rules of all a
    page's tables together, and the form above the label row moved its grid line. No cell started where the label's
    did, and what was achieved was lost."""
    page1 = [
        ["项目名称", *["科技创新券补助资金"] * 7],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["项目资金（万元）", "年度资金总额", "6,000.00", "6,000.00", "5,438.20", "10", "90.64%", "9.06"],
        ["年度总体目标", *["预期目标"] * 3, *["实际完成情况"] * 4],
    ]
    page2 = [
        ["", "降低企业创新成本。", "", "", "", "带动企业研发投入12.6亿元。", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "数量指标", "兑付企业家次", "≥4000家次", "3860家次", "15", "14.48", ""],
    ]
    edges = (40.0, 79.0, 132.0, 189.0, 236.0, 278.0, 296.0, 336.0)
    finer = (40.0, 79.0, 100.0, 132.0, 189.0, 234.0, 278.0, 300.0, 336.0)
    table = paged(page1, page2, edges=(edges, finer))
    [evaluation] = grid_form.parse(table).projects
    assert evaluation.goal == "降低企业创新成本。"
    assert evaluation.fields.get("实际完成情况") == "带动企业研发投入12.6亿元。"


def test_a_money_header_row_cut_by_the_page_over_a_finer_grid_is_read_whole():
    """Word lets the money block's header row break: '项目资金 | 年初预算 | 全年预算 | 全年执行' at a page's foot, the
    rest ('（万元）' | 数 | 数 | 数) atop the next page, whose grid parts a column further (the 年度资金总额 label
    over two). The parts were two rows, the labels no block's, and the form lost its money (年初预算数, 全年执行数,
    执行率)."""
    page1 = [
        ["项目名称", *["基本公共卫生服务项目"] * 7],
        ["项目资金", "", "年初预算", "全年预算", "全年执行", "分值", "执行率", "得分"],
    ]
    page2 = [
        ["（万元）", "", "", "数", "数", "数", "", "", ""],
        ["（万元）", "年度资金总额", "年度资金总额", "31,280.00", "31,280.00", "31,056.44", "10", "99.29%", "9.93"],
        ["年度总体目标", *["预期目标"] * 4, *["实际完成情况"] * 4],
        ["年度总体目标", *["提供基本公共卫生服务。"] * 4, *["达到目标。"] * 4],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "数量指标", "建档率", "≥85%", "88.6%", "90", "90", ""],
    ]
    edges = (37.1, 93.8, 207.2, 263.9, 320.6, 377.3, 434.0, 490.7)
    finer = (37.1, 93.8, 150.5, *edges[2:])
    table = paged(page1, page2, edges=(edges, finer))
    [evaluation] = grid_form.parse(table).projects
    assert evaluation.amount == "31,280.00"
    assert {k: evaluation.fields.get(k) for k in ("年初预算数", "全年执行数", "执行率", "执行率得分")} == {
        "年初预算数": "31,280.00",
        "全年执行数": "31,056.44",
        "执行率": "99.29%",
        "执行率得分": "9.93",
    }


def test_a_money_header_row_cut_by_the_page_keeps_a_labels_rest_beside_a_line_another_form_moved():
    """The money header's rest atop a page whose grid holds, beside the 全年预算数 column's line, another form's line
    3.7 pt right of it (more than the reader's snap apart, within DRIFT): both lie nearest that one line above, and
    the rest '数' (in the first) was replaced by the blank of the second. The label stayed '全年预算', and the form lost
    its 全年预算数."""
    page1 = [
        ["项目名称", *["基本公共卫生服务项目"] * 7],
        ["项目资金", "", "年初预算", "全年预算", "全年执行", "分值", "执行率", "得分"],
    ]
    page2 = [
        ["（万元）", "", "", "数", "数", "", "数", "", "", ""],
        ["（万元）", *["年度资金总额"] * 2, "31,000.00", *["31,280.00"] * 2, "31,056.44", "10", "99.29%", "9.93"],
        ["年度总体目标", *["预期目标"] * 5, *["实际完成情况"] * 4],
        ["年度总体目标", *["提供基本公共卫生服务。"] * 5, *["达到目标。"] * 4],
        ["绩效指标", "一级指标", "二级指标", "三级指标", *["年度指标值"] * 2, "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "数量指标", "建档率", "≥85%", "≥85%", "88.6%", "90", "90", ""],
    ]
    edges = (37.1, 93.8, 207.2, 263.9, 320.6, 377.3, 434.0, 490.7)
    finer = (37.1, 93.8, 150.5, 207.2, 263.9, 267.6, 320.6, 377.3, 434.0, 490.7)
    table = paged(page1, page2, edges=(edges, finer))
    [evaluation] = grid_form.parse(table).projects
    assert {k: evaluation.fields.get(k) for k in ("年初预算数", "全年预算数", "全年执行数", "执行率")} == {
        "年初预算数": "31,000.00",
        "全年预算数": "31,280.00",
        "全年执行数": "31,056.44",
        "执行率": "99.29%",
    }


@pytest.mark.parametrize("label, header", [("项目资金（元）", "全年预算数"), ("项目资金", "全年预算数（元）")])
def test_a_budget_block_in_yuan_says_so(label, header):
    """A block labelled 项目资金（元） (or a column 全年预算数（元）) holds 元: its amount was taken as 万元, 10,000×
    too large, since the block's rows never reached the label's unit."""
    [evaluation] = _form_rows(
        [
            ["项目名称", *["基本公共卫生服务"] * 5],
            [label, "", "年初预算数", header, "全年执行数", "得分"],
            [label, "年度资金总额", "21456000.00", "22013000.00", "22013000.00", "10"],
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "建档率", "≥90%", "91.2%", "20", "20"],
        ]
    )
    assert (evaluation.amount, evaluation.amount_unit) == ("22013000.00", "元")


def test_a_self_evaluations_budget_in_other_words():
    """调整后预算数 | 实际支出数 | 预算执行率 (and 预算数 | 执行数) are the block's 全年预算数, 全年执行数 and
    执行率: they were dropped, and the amount with them."""
    name = ["项目名称", *["公共法律服务"] * 6]
    for budget, spent, rate in (("调整后预算数", "实际支出数", "预算执行率"), ("预算数", "执行数", "执行率")):
        [evaluation] = _form_rows(
            [
                name,
                ["项目资金（万元）", "", "年初预算数", budget, spent, rate, "得分"],
                ["项目资金（万元）", "年度资金总额", "260", "245", "243.9", "99.55%", "9.96"],
                ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
                ["产出指标", "咨询人次", "≥3万人次", "3.2万人次", "20", "20", ""],
            ]
        )
        assert (evaluation.amount, evaluation.fields["全年执行数"], evaluation.fields["执行率"]) == (
            "245",
            "243.9",
            "99.55%",
        )


def test_a_self_evaluations_head_as_labels_beside_their_values():
    """年初预算数（万元） | 1850 | 全年预算数（万元） | 1850 on a row was taken for a block's header (two block words):
    its values were lost, and the amount; 年度目标完成情况 over 预期目标 | … and 实际完成情况 | … gave no goal and the
    year's outcome as 说明; 自评得分 | 98.8 | 自评等级 | 优 lost the score."""
    [evaluation] = _form_rows(
        [
            ["项目名称", *["残疾人两项补贴"] * 4],
            ["年初预算数（万元）", "1850", "全年预算数（万元）", "1850", "1850"],
            ["全年执行数（万元）", "1836.42", "预算执行率", "99.27%", "99.27%"],
            ["年度总体目标完成情况", "预期目标", *["按时足额发放两项补贴。"] * 3],
            ["年度总体目标完成情况", "实际完成情况", *["发放12.6万人次。"] * 3],
            ["自评得分", "98.8", "自评等级", "优", "优"],
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
            ["产出指标", "补贴发放人次", "≥12万人次", "12.6万人次", "15"],
        ]
    )
    assert (evaluation.amount, evaluation.goal) == ("1850", "按时足额发放两项补贴。")
    assert {
        k: evaluation.fields.get(k) for k in ("年初预算数（万元）", "全年执行数（万元）", "预算执行率", "实际完成情况")
    } == {
        "年初预算数（万元）": "1850",
        "全年执行数（万元）": "1836.42",
        "预算执行率": "99.27%",
        "实际完成情况": "发放12.6万人次。",
    }
    assert (evaluation.fields["自评得分"], evaluation.fields["自评等级"]) == ("98.8", "优")


def test_levels_as_group_rows_across_the_table():
    """'一、产出指标' and '（一）数量指标' merged across a table without level columns, the indicators numbered below
    them: each group row was an indicator (its name its target), the indicators without levels."""
    [project] = _form_rows(
        [
            ["项目名称", "基本公共卫生服务", "基本公共卫生服务", "基本公共卫生服务"],
            ["序号", "指标名称", "指标值", "备注"],
            ["一、产出指标"] * 4,
            ["（一）数量指标"] * 4,
            ["1", "老年人健康管理人数", "≥28万人", ""],
            ["（二）质量指标"] * 4,
            ["2", "电子健康档案覆盖率", "≥62%", ""],
            ["二、满意度指标"] * 4,
            ["（一）服务对象满意度指标"] * 4,
            ["3", "城乡居民满意度", "≥85%", ""],
        ]
    )
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("一、产出指标", "（一）数量指标", "老年人健康管理人数", "≥28万人"),
        ("一、产出指标", "（二）质量指标", "电子健康档案覆盖率", "≥62%"),
        ("二、满意度指标", "（一）服务对象满意度指标", "城乡居民满意度", "≥85%"),
    ]


def test_a_tables_projects_each_under_a_row_naming_it():
    """A summary without heads or a 项目名称 column: each project's row across the table ('一 | 智慧城管平台运维项目',
    or its facts in brackets), its indicators numbered below. The file was refused (a table without projects)."""
    from importers.layouts import grid_form
    from importers.records import Row

    header = ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    first = "一、农村饮水工程维修养护项目（主管部门：某县水利局；全年预算数320万元，执行率95.16%；等级：优）"
    rows = [
        ["2023年度项目支出绩效自评结果汇总表"] * 8,
        header,
        [first] * 8,
        ["1", "产出指标", "数量指标", "维修养护工程处数", "≥45处", "47处", "10", "10"],
        ["2", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "10", "10"],
        ["二", *["供水管网改造（二期）"] * 7],
        ["1", "产出指标", "数量指标", "改造管网长度", "≥12公里", "12.5公里", "20", "20"],
    ]
    assert grid_form.detect([Row(cells, n) for n, cells in enumerate(rows, 1)]) == 1.0
    first_project, second = _form_rows(rows)
    assert (first_project.kind, first_project.name, first_project.department, first_project.amount) == (
        "self_evaluation",
        "农村饮水工程维修养护项目",
        "某县水利局",
        "320万元",
    )
    assert first_project.fields == {"执行率": "95.16%", "等级": "优"}
    assert [(i.name, i.actual) for i in first_project.indicators] == [
        ("维修养护工程处数", "47处"),
        ("受益群众满意度", "93%"),
    ]
    assert (second.name, [i.name for i in second.indicators]) == ("供水管网改造（二期）", ["改造管网长度"])


def test_a_row_the_page_breaks_in_a_pdf_is_one_indicator():
    """Word lets a row break across pages: '资金拨付及 | 100% | 10' at the foot of one page and '时率' alone at the top
    of the next were two indicators, the second without a target."""
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [
        (["项目名称", "残疾人两项补贴", "残疾人两项补贴", "残疾人两项补贴"], 1),
        (["一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["产出指标", "数量指标", "补贴发放人次", "≥12万人次"], 1),
        (["产出指标", "时效指标", "资金拨付及", "100%"], 1),
        (["产出指标", "时效指标", "时率", ""], 2),
        (["效益指标", "社会效益指标", "残疾人生活水平", "有效提高"], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)]).projects
    assert [(i.level2, i.name, i.target) for i in project.indicators] == [
        ("数量指标", "补贴发放人次", "≥12万人次"),
        ("时效指标", "资金拨付及时率", "100%"),
        ("社会效益指标", "残疾人生活水平", "有效提高"),
    ]


def test_a_target_the_page_break_cuts_goes_on_at_the_top_of_the_next_page():
    """A report system closes each page's part of a row: the target's last line alone atop the next page ('十人次')
    was an indicator without a name, and the target above it cut ('…不少于一百五'). A target without a name is no
    indicator of its own, whatever its length; its levels, printed or blank, are those above."""
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [
        (["项目名称", "职业技能培训", "职业技能培训", "职业技能培训"], 1),
        (["一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["效益指标", "社会效益指标", "参训人员就业人次", "全年不少于五百人次，其中新就业形态劳动者不少于一百五"], 1),
        (["", "", "", "十人次"], 2),
        (["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)]).projects
    assert [(i.name, i.target) for i in project.indicators] == [
        ("参训人员就业人次", "全年不少于五百人次，其中新就业形态劳动者不少于一百五十人次"),
        ("参训人员满意度", "≥90%"),
    ]


def test_a_forms_column_of_signs_beside_one_of_natures_is_the_operator():
    """指标性质 | 运算符 in a form's indicator table: the signs were notes, the nature the operator."""
    [project] = _form_rows(
        [
            ["项目名称", *["科技企业培育"] * 6],
            ["一级指标", "二级指标", "三级指标", "指标性质", "运算符", "指标值", "计量单位"],
            ["产出指标", "数量指标", "培育企业数", "定量", "≥", "150", "家"],
        ]
    )
    [indicator] = project.indicators
    assert (indicator.operator, indicator.target, indicator.unit) == ("≥", "150", "家")
    assert indicator.notes == {"指标性质": "定量"}


@pytest.mark.parametrize("goal", ["总体绩效目标", "部门整体绩效目标", "年度整体目标"])
def test_a_unit_wide_form_named_by_its_budget_unit(goal):
    """单位整体支出绩效目标表 whose unit is labelled 预算单位 (beside 主管部门): the form was not read (预算单位 names
    a project's department, no form); its goal labelled 总体绩效目标 was 说明."""
    from importers.layouts import grid_form
    from importers.records import Row

    lines = [
        ["单位整体支出绩效目标表"] * 4,
        ["预算单位", "荆门市农业农村局", "主管部门", "荆门市人民政府"],
        [goal, *["保障粮食生产，改善农村人居环境。"] * 3],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "新建高标准农田", "≥3.2万亩"],
    ]
    rows = [Row(cells, n) for n, cells in enumerate(lines, 1)]
    assert grid_form.detect(rows) == 1.0
    [table] = grid_form.parse(rows).projects
    assert (table.kind, table.name) == ("department", "荆门市农业农村局")
    assert table.goal == "保障粮食生产，改善农村人居环境。"


def test_the_central_forms_money_over_the_span_and_the_year():
    """项目资金 | 实施期资金总额 | 年度资金总额 over 资金总额 | 7200 | 2495.5: the span's 7200 was the amount and
    the year's 2495.5 was 说明."""
    [project] = _form_rows(
        [
            ["项目名称", *["农村公路养护补助"] * 4],
            ["项目资金", "", "实施期资金总额", "年度资金总额", "年度资金总额"],
            ["项目资金", "资金总额", "7200", "2495.5", "2495.5"],
            ["项目资金", "其中：财政拨款", "7200", "2495.5", "2495.5"],
            ["一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值"],
            ["产出指标", "数量指标", "养护里程", "≥1000公里", "≥356.5公里"],
        ]
    )
    assert (project.amount, project.total_amount) == ("2495.5", "7200")


def test_a_departments_money_by_kind_below_its_tasks():
    """年度主要任务 (tasks without a total) and then 总体资金情况 | 基本支出 | 项目支出 over their amounts: only the
    first grid was read, the 基本支出 taken for the whole amount and the 项目支出 kept as 说明."""
    [table] = _form_rows(
        [
            ["部门（单位）名称", "随州市农业农村局", "随州市农业农村局", "随州市农业农村局"],
            ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"],
            ["年度主要任务", "粮食生产", "稳定播种面积", "2350"],
            ["年度主要任务", "人员及运转", "保障机关运转", "1890.25"],
            ["总体资金情况（万元）", "基本支出", "项目支出", "项目支出"],
            ["总体资金情况（万元）", "1890.25", "7770.5", "7770.5"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新建高标准农田", "≥3.2万亩"],
        ]
    )
    assert table.amount == ""  # two parts, their sum printed nowhere
    assert (table.fields["基本支出"], table.fields["项目支出"]) == ("1890.25", "7770.5")
    assert "说明" not in table.fields


def test_a_group_row_under_a_projects_row_is_no_project_and_a_long_row_atop_a_page_is_its_own():
    """Under '一、农村饮水工程维修养护项目' across the table, '（一）产出数量' across it replaced the project's name;
    a row with a name but no target atop a page is the rest of the row above only when short ('时率')."""
    from importers.layouts import grid_form
    from importers.records import Row

    rows = [
        ["序号", "三级指标", "年度指标值", "实际完成值"],
        ["一、农村饮水工程维修养护项目（主管部门：某县水利局；全年预算数1,320万元）"] * 4,
        ["（一）产出数量"] * 4,
        ["1", "维修养护工程处数", "≥45处", "47处"],
    ]
    [project] = _form_rows(rows)
    assert (project.name, project.amount, [i.name for i in project.indicators]) == (
        "农村饮水工程维修养护项目",
        "1,320万元",
        ["维修养护工程处数"],
    )
    lines = [
        (["项目名称", "残疾人两项补贴", "残疾人两项补贴", "残疾人两项补贴"], 1),
        (["一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["产出指标", "数量指标", "补贴发放人次", "≥12万人次"], 1),
        (["产出指标", "数量指标", "补贴发放户数的统计口径", ""], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)]).projects
    assert [i.name for i in project.indicators] == ["补贴发放人次", "补贴发放户数的统计口径"]  # not joined


# 三级指标 over two grid columns
SPANNED = ["绩效指标", "一级指标", "二级指标", "三级指标", "三级指标", "指标值", "分值"]


@pytest.mark.parametrize("repeated", [True, False], ids=["its header repeated", "rows alone"])
def test_a_tables_rest_in_other_columns_is_read_by_its_own(repeated):
    """A Word table broken by the page into two tables: the first's 三级指标 spans two grid columns, the rest has
    one (6 cells a row), with its own header or without: its cells slid one column (一级 '绩效指标', the name
    '经济成本指标')."""
    first = [*head("甲")[:2], SPANNED, ["绩效指标", "产出指标", "数量指标", "人数", "人数", "≥1200人", "20"]]
    first.append(["产出指标", "质量指标", "合格率", "合格率", "100%", "10"])  # its side cell merged: padded
    rest = [["绩效指标", "成本指标", "经济成本指标", "人均补贴标准", "≤3000元/人", "10"]]
    rest.append(["绩效指标", "", "", "人均培训成本", "≤500元/人", "10"])  # its levels merged above, left blank
    rest.append(["绩效指标", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "10"])
    header = [["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值"]] if repeated else []
    table = first + [[""]] + header + rest
    assert indicators(table) == [
        [
            ("产出指标", "数量指标", "人数", "≥1200人"),
            ("产出指标", "质量指标", "合格率", "100%"),
            ("成本指标", "经济成本指标", "人均补贴标准", "≤3000元/人"),
            ("成本指标", "经济成本指标", "人均培训成本", "≤500元/人"),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
        ]
    ]


def test_a_tables_rest_starting_under_a_level_merged_from_the_part_above_is_read_by_its_own_columns():
    """The page break splits a Word table inside a merged level: the rest (one grid column fewer) starts with a row
    whose levels are blank. That row was padded, not doubled: an indicator named '' with its name for the target."""
    first = [*head("甲")[:2], SPANNED, ["绩效指标", "产出指标", "时效指标", "完成时间", "完成时间", "11月底前", "20"]]
    rest = [["", "", "", "故障抢修响应时间", "≤24小时", "10"]]
    rest.append(["", "成本指标", "经济成本指标", "人均补贴标准", "≤3000元/人", "10"])
    assert indicators(first + [[""]] + rest) == [
        [
            ("产出指标", "时效指标", "完成时间", "11月底前"),
            ("产出指标", "时效指标", "故障抢修响应时间", "≤24小时"),
            ("成本指标", "经济成本指标", "人均补贴标准", "≤3000元/人"),
        ]
    ]


def test_a_header_repeated_in_other_columns_takes_each_cell_by_its_label():
    """The rest's header orders its columns otherwise (分值 before 指标值): each cell goes by its label."""
    table = [
        *head("甲")[:2],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "人数", "≥1200人", "20"],
        ["一级指标", "二级指标", "三级指标", "分值", "指标值"],
        ["产出指标", "质量指标", "合格率", "20", "≥95%"],
    ]
    parsed = grid_form.parse(rows(table)).projects[0].indicators
    assert [(i.name, i.target, i.weight) for i in parsed] == [("人数", "≥1200人", "20"), ("合格率", "≥95%", "20")]


def _paged(page1: list[list[str]], page2: list[list[str]]) -> list[tuple[str, str, str, str, str]]:
    table = paged(page1, page2)
    return [(i.level1, i.level2, i.name, i.target, i.unit) for i in grid_form.parse(table).projects[0].indicators]


def test_a_row_the_page_break_cut_closed_on_both_pages_is_one_indicator():
    """Word and LibreOffice let a row break across pages and close each part with its own rules: every cell cut
    ('产出指' | '数量指' | '救助户' | '≥3000' at the foot, '标' | '标' | '次' | '户次' atop the next page). It was two
    indicators (one cut short, one named '次'), and the rows below took the merged 一级's rest '标' for their level."""
    page1 = [*head("甲")[:2], ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指", "数量指", "救助户", "≥3000"]]
    page2 = [
        ["标", "标", "次", "户次"],
        ["标", "质量指标", "资金发放准确率", "=100%"],  # 一级 merged down: the reader gives each row the rest
        ["效益指标", "社会效益指标", "困难群众基本生活", "有效保障"],
    ]
    assert [row[:4] for row in _paged(page1, page2)] == [
        ("产出指标", "数量指标", "救助户次", "≥3000户次"),
        ("产出指标", "质量指标", "资金发放准确率", "=100%"),
        ("效益指标", "社会效益指标", "困难群众基本生活", "有效保障"),
    ]


def test_a_goal_label_the_page_break_cut_keeps_the_goal():
    """A Word form's 年度绩效目标 row allowed to break across pages, its label's last line on the next page
    ('年度绩效目' | first lines at the foot, '标' | the rest atop the next page, in the finer grid of the indicators'
    columns there). The label was no label: the goal was empty."""
    page1 = [
        ["项目名称", "老年助餐服务补贴", "老年助餐服务补贴", "老年助餐服务补贴"],
        ["年度资金总额", "年度资金总额", "1386.72", "1386.72"],
        ["年度绩效目", "全年提供助餐服务，", "全年提供助餐服务，", "全年提供助餐服务，"],
    ]
    page2 = [
        [
            "标",
            "就餐老年人满意度90%以上。",
            "就餐老年人满意度90%以上。",
            "就餐老年人满意度90%以上。",
            "就餐老年人满意度90%以上。",
        ],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["绩效指标", "产出指标", "数量指标", "助餐服务人次", "≥85万人次"],
    ]
    table = paged(page1, page2)
    project = grid_form.parse(table).projects[0]
    assert (project.name, project.goal) == ("老年助餐服务补贴", "全年提供助餐服务，就餐老年人满意度90%以上。")
    assert [(i.name, i.target) for i in project.indicators] == [("助餐服务人次", "≥85万人次")]


def test_a_header_the_page_break_cut_is_read_whole():
    """The indicator header cut by the page ('一级指' | '三级指' | '年度指' over '标' | '标' | '标值'): the file was
    refused (no goal table)."""
    page1 = [*head("甲")[:2], ["一级指", "二级指", "三级指", "年度指"]]
    page2 = [["标", "标", "标", "标值"], ["产出指标", "数量指标", "人数", "≥5人"]]
    assert [row[:4] for row in _paged(page1, page2)] == [("产出指标", "数量指标", "人数", "≥5人")]


def test_a_header_cut_by_the_page_with_long_label_rests_is_read_whole():
    """A header row Word let break across pages: '年度指标' | '实际完成' | '偏差原因' at the foot, '值' | '值' |
    '分析及改进措施' atop the next page. A rest longer than a short one kept the rests apart: the row of rests was
    an indicator of its own (target '年度指标值', actual '实际完成值')."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标", "实际完成", "分值", "得分", "偏差原因"]
    page1 = [*head("甲")[:2], ["绩效指标", *header]]
    page2 = [
        ["", "", "", "", "值", "值", "", "", "分析及改进措施"],
        ["绩效指标", "产出指标", "数量指标", "兑付企业家次", "≥4000家次", "3860家次", "15", "14.48", "需求减弱"],
    ]
    table = paged(page1, page2)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target, i.actual, i.notes) for i in found] == [
        ("兑付企业家次", "≥4000家次", "3860家次", {"偏差原因分析及改进措施": "需求减弱"}),
    ]


def test_a_header_cut_by_the_page_only_in_its_note_label_is_read_whole():
    """A header row Word let break across pages where only the note's label runs over: '偏差原因分析及改' at the
    foot, '进措施' atop the next page. The cut label is no note's (nor its rest a level's or a column's), so the two
    rows stayed apart and the note column was not kept: every indicator lost its 偏差原因."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改"]
    page1 = [*head("甲")[:2], ["绩效指标", *header]]
    page2 = [
        ["", "", "", "", "", "", "", "", "进措施"],
        ["", "产出指标", "数量指标", "兑付企业家次", "≥4000家次", "3860家次", "15", "14.48", "需求减弱"],
    ]
    table = paged(page1, page2)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target, i.actual, i.notes) for i in found] == [
        ("兑付企业家次", "≥4000家次", "3860家次", {"偏差原因分析及改进措施": "需求减弱"}),
    ]


def test_a_self_evaluation_row_cut_by_the_page_in_its_name_target_and_actual_is_one():
    """Word lets a row break across pages: '道路日常 | ≥1250万 | 1268万平 | 6 | 6' at the foot, '养护面积 | 平方米 |
    方米' atop the next page. A rest of one field goes on the row above; of several it was an indicator of its own
    (no weight or score), the first cut short (target '≥1250万', actual '1268万平'), and an actual's rest alone
    ('日') was lost. A value of its own ('≥2次') beside a name's rest is still another indicator."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    page1 = [
        *head("甲")[:2],
        ["绩效指标", *header],
        ["绩效指标", "产出指标", "数量指标", "道路日常", "≥1250万", "1268万平", "6", "6", "受雨"],
    ]
    page2 = [
        ["", "", "", "养护面积", "平方米", "方米", "", "", "季影响"],
        ["", "", "", "中修工程", "2025年", "2025年", "4", "4", ""],
    ]
    page3 = [["", "", "", "完工时间", "11月底前", "11月20", "", "", ""]]
    page4 = [["", "", "", "", "", "日", "", "", ""]]  # (the actual's rest alone)
    page5 = [["", "", "", "巡查频次", "≥2次", "3次", "", "", ""]]
    table = paged(page1, page2, page3, page4, page5)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target, i.actual, i.weight, i.notes) for i in found] == [
        ("道路日常养护面积", "≥1250万平方米", "1268万平方米", "6", {"偏差原因分析及改进措施": "受雨季影响"}),
        ("中修工程完工时间", "2025年11月底前", "2025年11月20日", "4", {}),
        ("巡查频次", "≥2次", "3次", "", {}),
    ]


def test_a_whole_row_atop_a_page_of_a_self_evaluation_without_weights_is_its_own():
    """A self-evaluation's table of name, target and actual only (no 分值, no 得分: a department's 自评表): a row
    atop the next page is blank in every other field, whatever it is, so that tells no rest from an indicator. A
    whole indicator there ('资金拨付率 | 100% | 100%', '服务质量 | 良好 | 良好') was glued onto the row above
    ('覆盖率资金拨付率', target '≥95%100%')."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"]
    page1 = [*head("甲")[:2], ["绩效指标", *header], ["绩效指标", "产出指标", "数量指标", "覆盖率", "≥95%", "96%", ""]]
    page2 = [["", "", "", "资金拨付率", "100%", "100%", ""]]
    page3 = [["", "", "", "服务质量", "良好", "良好", ""]]
    table = paged(page1, page2, page3)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target, i.actual) for i in found] == [
        ("覆盖率", "≥95%", "96%"),
        ("资金拨付率", "100%", "100%"),
        ("服务质量", "良好", "良好"),
    ]


def test_a_whole_row_atop_a_page_whose_weight_prints_blank_is_its_own_after_a_share():
    """A 分值 merged over several rows prints blank atop the next page: a whole indicator there ('资金拨付率 | 100% |
    100%', weight and score blank) was glued onto the row above ('覆盖率资金拨付率', target '≥95%100%'). A share is
    whole ('96%'), so a number after it starts a value of its own."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    page1 = [
        *head("甲")[:2],
        ["绩效指标", *header],
        ["绩效指标", "产出指标", "数量指标", "覆盖率", "≥95%", "96%", "20", "20"],
    ]
    page2 = [["", "", "", "资金拨付率", "100%", "100%", "", ""]]
    table = paged(page1, page2)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target, i.actual) for i in found] == [("覆盖率", "≥95%", "96%"), ("资金拨付率", "100%", "100%")]


def test_a_note_over_two_sub_columns_keeps_both():
    """`偏差原因分析及改进措施` merged over `原因分析 | 改进措施`: the 改进措施 was lost."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"]
    table = [
        *head("甲")[:2],
        [*header, header[-1]],
        [*header[:-1], "原因分析", "改进措施"],
        ["产出指标", "质量指标", "体检报告合格率", "100%", "99.6%", "个别报告信息录入错误", "将加强复核"],
    ]
    (indicator,) = grid_form.parse(rows(table)).projects[0].indicators
    assert indicator.notes == {"原因分析": "个别报告信息录入错误", "改进措施": "将加强复核"}


def test_a_department_self_evaluations_budget_on_one_labelled_row():
    """`年度预算数（万元） | 2,720 | 全年执行数（万元） | 2,656.36 | 执行率 | 97.66%`: the budget was a field named
    说明."""
    [evaluation] = _form_rows(
        [
            ["部门名称", "某市民政局", "某市民政局", "某市民政局", "某市民政局", "某市民政局"],
            ["年度预算数（万元）", "2,720", "全年执行数（万元）", "2,656.36", "执行率", "97.66%"],
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "救助户次", "≥3000户次", "3,456户次", "15", "15"],
        ]
    )
    assert (evaluation.amount, evaluation.fields.get("执行率")) == ("2,720", "97.66%")
    assert "说明" not in evaluation.fields


def test_a_level_the_page_break_splits_beside_two_whole_rows_is_whole_in_both():
    """A merged 二级 cell closed on each page, its text across the break ('质量指' | '标'), beside two whole rows:
    they were joined into one indicator ('验收合格率资金发放准确率', '100%=100%')."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    page1 = [*head("甲")[:2], header, ["产出指标", "质量指", "验收合格率", "100%"]]
    page2 = [["产出指标", "标", "资金发放准确率", "=100%"], ["", "标", "资料归档率", "≥95%"]]
    assert [row[:4] for row in _paged(page1, page2)] == [
        ("产出指标", "质量指标", "验收合格率", "100%"),
        ("产出指标", "质量指标", "资金发放准确率", "=100%"),
        ("产出指标", "质量指标", "资料归档率", "≥95%"),
    ]


@pytest.mark.parametrize(
    "page2, second",
    [
        ([["", "指标", "分类知晓率", "", "", ""]], []),  # the row's rest
        (
            [["", "指标", "垃圾分类参与率", "≥80%", "82%", "10"]],
            [("效益指标", "社会效益指标", "垃圾分类参与率", "≥80%")],
        ),
    ],
)
def test_a_level_cut_before_its_suffix_is_whole(page2, second):
    """A row Word let break across pages with its level's suffix alone on the next ('社会效益' | '居民垃圾' | '≥95%'
    at the foot, '指标' | '分类知晓率' atop the next page): as '社会效益' is a level already, the rest was an
    indicator of its own (二级 '指标', named '分类知晓率', no target), and the rows below lost their levels. A merged
    level cut so beside two whole rows is whole in both."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"]
    page1 = [*head("甲")[:2], header, ["效益指标", "社会效益", "居民垃圾", "≥95%", "96.8%", "15"]]
    page2 = [*page2, ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92.1%", "10"]]
    first = ("效益指标", "社会效益指标", "居民垃圾" if second else "居民垃圾分类知晓率", "≥95%")
    assert [row[:4] for row in _paged(page1, page2)] == [
        first,
        *second,
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"),
    ]


def test_a_self_evaluations_long_name_cut_by_the_page_goes_on_with_its_note():
    """A self-evaluation's row Word let break across pages, its name's rest longer than a short rest
    ('居民电子健康档案' | '动态使用率（季度更新）' atop the next page) and its note's rest beside it: the rest was an
    indicator of its own (no target, no actual, no score) and the note was cut short."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    page1 = [
        *head("甲")[:2],
        header,
        ["产出指标", "质量指标", "居民电子健康档案", "≥60%", "57.3%", "5", "4.78", "部分社区"],
    ]
    page2 = [
        ["", "", "动态使用率（季度更新）", "", "", "", "", "系统未互联"],
        ["", "时效指标", "资金拨付及时率", "=100%", "100%", "5", "5", ""],
    ]
    table = paged(page1, page2)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.level2, i.name, i.actual, i.score, i.notes) for i in found] == [
        (
            "质量指标",
            "居民电子健康档案动态使用率（季度更新）",
            "57.3%",
            "4.78",
            {"偏差原因分析及改进措施": "部分社区系统未互联"},
        ),
        ("时效指标", "资金拨付及时率", "100%", "5", {}),
    ]


@pytest.mark.parametrize("ended", [True, False])
def test_a_name_alone_atop_a_page_after_a_row_whose_name_ended_short_is_an_indicator_of_its_own(ended):
    """A self-evaluation's indicator left unscored (target, actual and score blank) atop a page, under a row whose
    name ends on a short line at the page's foot ('运营社区养老服务站' over '数': the PDF reader's `Row.ends`): it was
    joined to the row above as its name's rest ('运营社区养老服务站数助餐服务点数', an indicator lost). After a last
    line the name fills (no `ends`: the break may have cut it), a name alone goes on the row above, as before."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    page1 = [*head("甲")[:2], header, ["产出指标", "数量指标", "运营社区养老服务站数", "≥12个", "12个", "10", "10"]]
    page2 = [
        ["产出指标", "数量指标", "助餐服务点数", "", "", "", ""],
        ["产出指标", "质量指标", "服务质量抽查合格率", "≥95%", "97%", "10", "10"],
    ]
    table = paged(page1, page2)
    if ended:
        table[len(page1) - 1].ends = frozenset({2})  # (its name's column)
    found = grid_form.parse(table).projects[0].indicators
    own = [("运营社区养老服务站数", "≥12个", "12个"), ("助餐服务点数", "", "")]
    joined = [("运营社区养老服务站数助餐服务点数", "≥12个", "12个")]
    assert [(i.name, i.target, i.actual) for i in found] == [
        *(own if ended else joined),
        ("服务质量抽查合格率", "≥95%", "97%"),
    ]


@pytest.mark.parametrize(
    ("above", "rest"),
    [
        ("人均补助标准", "（元/人·年），不超过定额"),
        ("补助资金拨付（含省级、市", "级）及时率"),
        ("城乡居民参保", "2024年度新增人数"),
    ],
)
def test_a_names_rest_line_breaking_carried_over_goes_on_after_a_short_line(above, rest):
    """A Word row cut by the page break after a short line: line breaking carried the next word over whole (an
    opening bracket, a character before a closing one, a number), leaving the line short. The rest atop the next
    page was read as an indicator of its own ('（元/人·年），不超过定额', target blank); it goes on the row above."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    page1 = [*head("甲")[:2], header, ["产出指标", "成本指标", above, "≤380元", "380元", "10", "10"]]
    page2 = [
        ["产出指标", "成本指标", rest, "", "", "", ""],
        ["效益指标", "社会效益指标", "困难群众参保率", "≥99%", "99.6%", "10", "10"],
    ]
    table = paged(page1, page2)
    table[len(page1) - 1].ends = frozenset({2})  # (its name's last line short)
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target) for i in found] == [(above + rest, "≤380元"), ("困难群众参保率", "≥99%")]


@pytest.mark.parametrize("roomy", [True, False])
def test_a_name_opening_a_bracket_atop_a_page_after_a_roomy_short_line_is_its_own(roomy):
    """A goal table's indicator without a target atop a page, its name opening a bracket ('（新增）乡村文化振兴示范点
    建设数量'), under a name ending on a short line with room for that bracket (`Row.roomy`): it was joined to the
    name above as a qualifier. A line short by less may be line breaking's (the bracket carried over): one name."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    above, top = "图书馆新增图书采购数量", "（新增）乡村文化振兴示范点建设数量"
    page1 = [*head("甲")[:2], header, ["产出指标", "数量指标", above, "≥2万册"]]
    page2 = [["产出指标", "数量指标", top, ""], ["产出指标", "质量指标", "验收合格率", "≥95%"]]
    table = paged(page1, page2)
    table[len(page1) - 1].ends = frozenset({2})
    table[len(page1) - 1].roomy = frozenset({2} if roomy else ())
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target) for i in found] == [
        *([(above, "≥2万册"), (top, "")] if roomy else [(above + top, "≥2万册")]),
        ("验收合格率", "≥95%"),
    ]


def test_a_qualifier_on_a_line_of_its_own_atop_a_page_after_a_roomy_short_line_goes_on_the_name():
    """A name whose qualifier its writer put on a line of its own ('文化活动场次' then '（含线上直播）', a line break
    in the Word cell), the page break between them: the first line ends roomy, as a name ended there would, but a
    bracket alone names nothing. It was read as an indicator of its own without a target."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    page1 = [*head("甲")[:2], header, ["产出指标", "数量指标", "文化活动场次", "≥120场"]]
    page2 = [["产出指标", "数量指标", "（含线上直播）", ""], ["产出指标", "质量指标", "验收合格率", "≥95%"]]
    table = paged(page1, page2)
    table[len(page1) - 1].ends = table[len(page1) - 1].roomy = frozenset({2})
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.name, i.target) for i in found] == [("文化活动场次（含线上直播）", "≥120场"), ("验收合格率", "≥95%")]


@pytest.mark.parametrize(
    ("foot", "top", "one"),
    [
        ("道路维修养护面积（含人行", "道、非机动车道）", True),  # the rest closes the bracket the foot left open
        ("道路桥梁使用寿命延长(含", "人行道、非机动车道)", True),  # (half width)
        ("道路维修养护面积（含人行道）", "非机动车道维修养护面积", False),  # the bracket closed: its own
        ("道路维修养护面积（含人行", "桥梁定期检测座数（次）", False),  # one opened before it closes: its own
        ("举办公益性文化活动场次", "（含线上直播、线下演出及讲座）", True),  # it opens one: the name's qualifier
        ("桥梁定期检测座数", "（1）人行道改造长度", False),  # an ordinal's bracket: a name of its own
    ],
)
def test_a_long_rest_atop_a_page_closing_or_opening_a_bracket_goes_on_in_the_name(foot, top, one):
    """A goal table whose level cells merge down, a name cut by the page after a line it fills (Word closes both
    parts of the row): its rest atop the next page, longer than a short rest, stayed an indicator of its own (blank
    target). It closes a bracket the name above leaves open, or begins with a bracket of its own (line breaking
    carried it over whole, leaving the line above short; a name never begins so but for an ordinal's): one name. A
    name alone doing neither is its own, as before (a goal table's target may be left blank)."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    page1 = [*head("甲")[:2], header, ["产出指标", "数量指标", foot, "≥12万平方米"]]
    page2 = [["", "", top, ""], ["", "质量指标", "道路完好率", "≥95%"]]
    found = grid_form.parse(paged(page1, page2)).projects[0].indicators
    assert [(i.name, i.target) for i in found] == [
        *([(foot + top, "≥12万平方米")] if one else [(foot, "≥12万平方米"), (top, "")]),
        ("道路完好率", "≥95%"),
    ]


def test_a_cut_rows_rest_leaves_the_rows_below_as_they_are():
    """A cut row's unit wrapped over the break ('人' | '次'): the next row's unit 次 became '人次' too."""
    header = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"]
    page1 = [*head("甲")[:2], header, ["产出指", "数量指", "救助人", "≥3000", "人"]]
    page2 = [["标", "标", "次", "", "次"], ["标", "质量指标", "召开会议", "≥4", "次"]]
    assert [(row[0], row[2], row[4]) for row in _paged(page1, page2)] == [
        ("产出指标", "救助人次", "人次"),
        ("产出指标", "召开会议", "次"),
    ]


@pytest.mark.parametrize("both", ["年度指标值/实际完成值", "年度指标值\n实际完成值"])
def test_a_self_evaluation_giving_target_and_actual_in_one_column(both):
    """`年度指标值/实际完成值` over cells like `≥1,200人次/全年共计1,234人次`: the file was refused (no target
    column), and so was it with the two headers on two lines of one cell. A per-unit's '/' is no parting:
    `≥3000元/人/2800元/人`."""
    table = [
        *head("甲")[:2],
        ["一级指标", "二级指标", "三级指标", both, "分值", "得分"],
        ["产出指标", "数量指标", "体检人次", "≥1,200人次/全年共计1,234人次", "15", "15"],
        ["成本指标", "经济成本指标", "人均补贴", "≤3000元/人/2800元/人", "5", "5"],
        ["效益指标", "社会效益指标", "慢性病早发现率", "有所提高/已完成", "15", "13.5"],
    ]
    parsed = grid_form.parse(rows(table)).projects[0].indicators
    assert [(i.name, i.target, i.actual) for i in parsed] == [
        ("体检人次", "≥1,200人次", "全年共计1,234人次"),
        ("人均补贴", "≤3000元/人", "2800元/人"),
        ("慢性病早发现率", "有所提高", "已完成"),
    ]


@pytest.mark.parametrize("first", [["", "标", "场次", "≥2", "次"], ["", "标", "次数", "2", "次"]])
def test_a_short_row_of_its_own_atop_the_page_under_a_cut_level_is_no_rest(first):
    """A real short row under a level cut by the break ('数量指' | '标'): its texts all fragments, it was joined to
    the row above (培训人数场次 ≥100≥2 人次: an indicator lost). A value of its own is no rest."""
    header = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"]
    page1 = [*head("甲")[:2], header, ["产出指标", "数量指", "培训人数", "≥100", "人"]]
    assert [(row[1], row[2], row[3]) for row in _paged(page1, [first])] == [
        ("数量指标", "培训人数", "≥100"),
        ("数量指标", first[2], first[3]),
    ]


@pytest.mark.parametrize(
    "cell, parted",
    [
        ("2026年12月31日前/2026/11/30", ("2026年12月31日前", "2026/11/30")),  # a date's '/' parts nothing
        ("≥3000元/人·年/2800元/人·年", ("≥3000元/人·年", "2800元/人·年")),
        ("1次/月", ("1次/月", "")),  # a per-unit alone: no actual given
        ("长期/长期", ("长期", "长期")),
    ],
)
def test_a_target_and_its_actual_are_parted_at_the_right_slash(cell, parted):
    from importers.columns import target_and_actual

    assert target_and_actual(cell) == parted


def test_a_self_evaluations_target_and_actual_on_two_lines_of_one_cell():
    """`≥90%⏎98%` under 年度指标值/实际完成值: its lines were joined before the cell was parted (target ≥90%98%, no
    actual). Two values are parted at the break (each in a unit of its own too), or glued as a PDF reader joins lines
    it takes for a wrap (a figure in the target's unit after it); a target the cell's width wrapped stays one, as it
    does under 指标值."""
    table = [
        *head("甲")[:2],
        ["一级指标", "二级指标", "三级指标", "年度指标值/实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "疫苗接种率", "≥90%\n98%", "15", "15"],
        ["产出指标", "数量指标", "老年人健康管理人数", "≥12万人12.8万人", "10", "10"],
        ["产出指标", "数量指标", "培训人次", "≥5000人次\n5234人", "10", "10"],
        ["效益指标", "生态效益指标", "空气质量", "达到国家二级\n标准以上", "15", "15"],
    ]
    parsed = grid_form.parse(rows(table)).projects[0].indicators
    assert [(i.name, i.target, i.actual) for i in parsed] == [
        ("疫苗接种率", "≥90%", "98%"),
        ("老年人健康管理人数", "≥12万人", "12.8万人"),
        ("培训人次", "≥5000人次", "5234人"),
        ("空气质量", "达到国家二级标准以上", ""),
    ]
    table[2][3] = "年度指标值"
    assert [i.target for i in grid_form.parse(rows(table)).projects[0].indicators][3] == "达到国家二级标准以上"


@pytest.mark.parametrize(
    "cell, parted",
    [
        ("≥90%\n98%", ("≥90%", "98%")),
        ("≥5000人次\n5234人", ("≥5000人次", "5234人")),  # each a value by itself, in units of their own
        ("=100%100%", ("=100%", "100%")),  # glued: the second figure in the first's unit
        ("≥1,2\n00人次", ("≥1,200人次", "")),  # a figure the cell's width cut
        ("≥12\n00人次", ("≥1200人次", "")),
        ("≥1\n000人", ("≥1000人", "")),
        ("2026年\n12月底前", ("2026年12月底前", "")),  # a date the cell's width cut
        ("有所\n提高", ("有所提高", "")),
        ("≤2024年6月", ("≤2024年6月", "")),  # glued figures in units of their own: one value
        ("≥1,200人次/全年共计\n1,234人次", ("≥1,200人次", "全年共计1,234人次")),  # a '/' first
    ],
)
def test_a_target_and_its_actual_are_parted_at_a_line_break_between_two_values(cell, parted):
    from importers.columns import target_and_actual

    assert target_and_actual(cell) == parted


def test_a_projects_labelled_rows_across_the_table_give_its_name_amount_and_goal():
    """'项目名称：南昌市农村公路养护补助　预算金额：2400.00万元' across the indicator table (the spaces between the two
    lost in the PDF), then '年度绩效目标：…' across it: the whole first text was the name, no amount, no goal."""
    name_row = "项目名称：南昌市农村公路养护补助预算金额：2400.00万元"
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        [name_row] * 4,
        ["年度绩效目标：完成农村公路日常养护，优良中等路率达到85%。"] * 4,
        ["产出指标", "数量指标", "农村公路养护里程", "≥5600公里"],
        ["项目名称：道路运输安全监管　预算金额：180.00万元"] * 4,
        ["产出指标", "质量指标", "隐患整改率", "=100%"],
    ]
    projects = _form_rows(rows)
    assert [(p.name, p.amount, p.goal, [i.name for i in p.indicators]) for p in projects] == [
        ("南昌市农村公路养护补助", "2400.00万元", "完成农村公路日常养护，优良中等路率达到85%。", ["农村公路养护里程"]),
        ("道路运输安全监管", "180.00万元", "", ["隐患整改率"]),
    ]


def test_a_forms_rows_under_its_title_repeated_atop_the_next_page_go_on_with_a_level_merged_from_before():
    """A sheet printed with its title rows repeated (顶端标题行): the next page's first row has a blank 一级指标 (the
    merged 产出指标 goes on from the page before), and drawing one column fewer (指标值 over two grid columns): that
    page's 7 of 12 indicators were dropped, silently."""
    lines = [
        (["部门整体支出绩效目标表"], 1),
        (
            [
                "部门（单位）名称",
                "某市生态环境局",
                "某市生态环境局",
                "某市生态环境局",
                "某市生态环境局",
                "某市生态环境局",
            ],
            1,
        ),
        (["", "一级指标", "二级指标", "三级指标", "指标值", "指标值"], 1),
        (["", "产出指标", "数量指标", "监测站运维数量", "=58个", "=58个"], 1),
        (["部门整体支出绩效目标表"], 2),
        (["（2026年度）"], 2),
        (["年度绩效指标", "", "时效指标", "应急响应时间", "≤1小时"], 2),
        (["年度绩效指标", "满意度指标", "服务对象满意度指标", "公众满意度", "≥85%"], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)]).projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "监测站运维数量", "=58个"),
        ("产出指标", "时效指标", "应急响应时间", "≤1小时"),
        ("满意度指标", "服务对象满意度指标", "公众满意度", "≥85%"),
    ]


def test_a_self_evaluations_target_and_actual_each_over_sign_number_and_unit():
    """年度指标值 and 实际完成值 each over 符号 | 数值 | 单位: only the target's parts were named, the header was not
    made one, and every target kept its number alone and every actual was lost."""
    rows = [
        ["项目名称", "甲", "甲", "甲", "甲", "甲", "甲", "甲", "甲", "甲", "甲"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "年度指标值", "年度指标值", "实际完成值", "实际完成值"]
        + ["实际完成值", "分值", "得分"],
        ["一级指标", "二级指标", "三级指标", "符号", "数值", "单位", "符号", "数值", "单位", "分值", "得分"],
        ["产出指标", "数量指标", "参保人数", "≥", "85", "万人", "=", "86.4", "万人", "15", "15"],
        ["效益指标", "可持续影响指标", "基金运行", "", "安全平稳", "", "", "安全平稳", "", "10", "10"],
    ]
    [project] = _form_rows(rows)
    assert [(i.operator, i.target, i.unit, i.actual, i.score) for i in project.indicators] == [
        ("≥", "85", "万人", "=86.4万人", "15"),
        ("", "安全平稳", "", "安全平稳", "10"),
    ]


@pytest.mark.parametrize("levels", [["", ""], ["产出指标", "时效指标"]])
def test_a_notes_rest_atop_the_next_page_goes_on_in_the_row_above(levels):
    """A Word row allowed to break: its 偏差原因分析及改进措施 goes on atop the next page in a row of its own, every
    other cell empty; that rest was dropped (109 of 252 characters kept). So it was beside its levels again (a
    level cell the break cut, '产出指' | '标', made whole on both pages)."""
    lines = [
        (["项目名称", "甲", "甲", "甲", "甲", "甲", "甲"], 1),
        (["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"], 1),
        (["产出指标", "时效指标", "拨付时间", "≤6月", "7月", "9", "受年度预算调整影响，部分场地改造"], 1),
        ([*levels, "", "", "", "", "工程延期开工，拨付晚于计划。"], 2),
        (["效益指标", "社会效益指标", "健身条件", "明显改善", "明显改善", "20", ""], 2),
    ]
    [project] = grid_form.parse([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)]).projects
    assert [(i.name, i.notes.get("偏差原因分析及改进措施")) for i in project.indicators] == [
        ("拨付时间", "受年度预算调整影响，部分场地改造工程延期开工，拨付晚于计划。"),
        ("健身条件", None),
    ]


def test_a_department_self_evaluations_tasks_above_its_money_block_give_no_budget():
    """部门整体支出绩效自评表 with its 年度主要任务 (任务名称 | 主要内容 | 预算数 | 执行数) above the money block: the
    first task's 620.00 / 598.40 were the department's 全年预算数 and 全年执行数 (5480.00 / 5305.60)."""
    rows = [
        [
            "部门（单位）名称",
            "兰州市文化和旅游局",
            "兰州市文化和旅游局",
            "兰州市文化和旅游局",
            "兰州市文化和旅游局",
            "兰州市文化和旅游局",
        ],
        ["年度主要任务", "任务名称", "主要内容", "主要内容", "预算数（万元）", "执行数（万元）"],
        ["年度主要任务", "公共文化服务", "送文化下乡", "送文化下乡", "620.00", "598.40"],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "得分"],
        ["年度预算执行情况（万元）", "年度资金总额", "5200.00", "5480.00", "5305.60", "9.68"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["年度绩效指标", "产出指标", "数量指标", "送文化下乡场次", "≥300场", "320场"],
    ]
    [form] = _form_rows(rows)
    assert (form.amount, form.fields["全年执行数"]) == ("5480.00", "5305.60")


@pytest.mark.parametrize(
    "unit_line", [["单位名称：某检验中心", "", "", "", "单位：万元"], ["单位名称：某检验中心单位：万元"]]
)
def test_a_units_line_above_a_project_form_names_no_department_wide_table(unit_line):
    """'单位名称：X　单位：万元' above a project's form (the space lost in a web page): the form is X's project, named
    by its 项目名称, under its 主管部门, X kept as 单位名称 — not X's department-wide table named X."""
    table = [
        unit_line,
        ["项目名称", "项目名称", "食品安全抽检监测经费", "食品安全抽检监测经费", "食品安全抽检监测经费"],
        ["主管部门", "主管部门", "某市市场监督管理局", "项目资金", "560.00"],
        ["年度目标", "年度目标", "完成抽检6500批次。", "完成抽检6500批次。", "完成抽检6500批次。"],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标解释"],
        ["产出指标", "数量指标", "抽检监测批次", "≥6500批次", "反映抽检批次"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.name, project.department, project.amount) == (
        "project",
        "食品安全抽检监测经费",
        "某市市场监督管理局",
        "560.00",
    )
    assert project.fields == {"单位名称": "某检验中心"} and project.goal == "完成抽检6500批次。"


def test_a_units_own_form_is_still_its_department_wide_table():
    """'单位名称：X' heading a form without 项目名称 stays X's department-wide table."""
    table = [
        ["单位名称", "单位名称", "某检验中心", "某检验中心", "某检验中心"],
        ["年度目标", "年度目标", "完成抽检。", "完成抽检。", "完成抽检。"],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标解释"],
        ["产出指标", "数量指标", "抽检监测批次", "≥6500批次", "反映抽检批次"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.name, project.department) == ("department", "某检验中心", "某检验中心")


def test_a_tree_given_by_its_numbers_gives_the_levels():
    """序号 1 / 1.1 / 1.1.1 beside one 绩效指标 column: the numbered level rows are the levels of the rows below, not
    indicators without a target."""
    table = [
        ["项目名称", "政务数据平台运维", "政务数据平台运维"],
        ["预算金额", "318.76", ""],
        ["序号", "绩效指标", "指标值"],
        ["1", "产出指标", ""],
        ["1.1", "数量指标", ""],
        ["1.1.1", "接入部门数量", "≥60个"],
        ["2", "满意度指标", ""],
        ["2.1", "服务对象满意度指标", ""],
        ["2.1.1", "使用部门满意度", "≥95%"],
    ]
    assert indicators(table) == [
        [
            ("产出指标", "数量指标", "接入部门数量", "≥60个"),
            ("满意度指标", "服务对象满意度指标", "使用部门满意度", "≥95%"),
        ]
    ]


@pytest.mark.parametrize("repeated", [True, False])
def test_projects_named_by_lines_above_their_tables(repeated):
    """'一、名称（预算金额2680.00万元）' and '年度绩效目标：…' (wrapped over lines) above each project's table: one
    project each, named, with its amount and whole goal — they were one project named after the document's title;
    the second table with its header repeated or not."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    table = [
        ["一、城市道路清扫保洁（预算金额2680.00万元）"],
        ["年度绩效目标：对中心城区主次干道实施机械化清扫保洁，"],
        ["机械化清扫率达到90%以上。"],
        header,
        ["产出指标", "数量指标", "清扫保洁面积", "≥1850万平方米"],
        ["二、公共图书馆免费开放补助资金（预算金额186.00万元）"],
        ["年度绩效目标：保障图书馆全年免费开放。"],
        *([header] if repeated else []),
        ["产出指标", "数量指标", "免费开放天数", "≥300天"],
    ]
    read = [(p.name, p.amount, p.goal, [i.name for i in p.indicators]) for p in grid_form.parse(rows(table)).projects]
    assert read == [
        (
            "城市道路清扫保洁",
            "2680.00万元",
            "对中心城区主次干道实施机械化清扫保洁，机械化清扫率达到90%以上。",
            ["清扫保洁面积"],
        ),
        ("公共图书馆免费开放补助资金", "186.00万元", "保障图书馆全年免费开放。", ["免费开放天数"]),
    ]


def test_a_running_head_atop_the_next_page_is_no_rest_of_the_last_target():
    """A PDF's line beside the grid atop the next page (the running head '某市2026年部门预算公开', a title): the last
    target was '≥90%某市2026年部门预算公开'. A ruled row's rest there (a target the page break cut) is still joined."""
    ruled = (10.0, 60.0, 120.0, 200.0)
    page1 = [
        Row(c, n, 1, ruled)
        for n, c in enumerate([*head("甲")[:2], HEADER[1:], ["满意度指标", "满意度", "对象满意度", "≥90%"]])
    ]
    heading = Row(["某市2026年部门预算公开"], 9, 2)
    for rest, target in ((heading, "≥90%"), (Row(["", "", "", "以上"], 9, 2, ruled), "≥90%以上")):
        (project,) = grid_form.parse([*page1, rest]).projects
        assert [i.target for i in project.indicators] == [target]


def test_a_goal_whose_label_stands_between_its_lines_is_read_whole():
    """A page of text lines only (an OCR'd scan, no rules) centres the label 年度目标 between its value's lines: the
    line above it was stored as 说明 and the goal kept its last line only. (Not in a file without pages: a Word
    table's label does not stand between its value's lines.)"""
    table = [
        ["项目名称", "医疗救助资金"],
        ["对困难群众实施医疗救助，政策范围内住院费用救"],
        ["年度目标"],
        ["助比例不低于70%。"],
        HEADER[1:],
        ["产出指标", "数量指标", "医疗救助人次", "≥12000人次"],
    ]
    (project,) = grid_form.parse([Row(cells, n, 1) for n, cells in enumerate(table, 1)]).projects
    assert (
        project.goal == "对困难群众实施医疗救助，政策范围内住院费用救助比例不低于70%。" and "说明" not in project.fields
    )


@pytest.mark.parametrize(
    "budget, spent, total",
    [
        ("预算数", "执行数", False),
        ("预算数", "执行数", True),
        ("任务对应的预算（万元）", "实际执行（万元）", False),
        ("任务对应的预算（万元）", "实际执行（万元）", True),
    ],
)
def test_a_department_self_evaluations_tasks_are_kept_and_give_no_budget_beside_its_money_block(budget, spent, total):
    """部门整体支出绩效自评表 with its 年度主要任务 (任务名称 | 主要内容 | 预算数 | 执行数, or in other words) below the
    money block: the tasks were dropped and the last task's 执行数 kept as 说明, or their 金额合计 taken for the
    department's 全年预算数 and 全年执行数; now the tasks are kept under the group label, one line each, and the money
    block gives the budget."""
    group = "年度主要任务"
    rows = [
        ["部门（单位）名称", "某市司法局", "某市司法局", "某市司法局", "某市司法局", "某市司法局"],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "得分"],
        ["年度预算执行情况（万元）", "年度资金总额", "4520.00", "4836.50", "4702.31", "9.72"],
        [group, "任务名称", "主要内容", "主要内容", budget, spent],
        [group, "法治宣传教育", "组织法治宣传活动", "组织法治宣传活动", "180.00", "172.45"],
        [group, "人民调解", "指导人民调解工作", "指导人民调解工作", "560.00", "520.12"],
        *([[group, "金额合计", "金额合计", "金额合计", "740.00", "692.57"]] if total else []),
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["年度绩效指标", "产出指标", "数量指标", "办理法律援助案件数", "≥2500件", "2718件"],
    ]
    [form] = _form_rows(rows)
    assert (form.amount, form.fields["全年执行数"]) == ("4836.50", "4702.31")
    assert form.fields[group].split("\n") == [
        f"法治宣传教育：组织法治宣传活动（{budget} 180.00，{spent} 172.45）",
        f"人民调解：指导人民调解工作（{budget} 560.00，{spent} 520.12）",
    ]
    assert "说明" not in form.fields


@pytest.mark.parametrize("spread", [True, False])
def test_a_department_self_evaluations_tasks_without_money_are_kept(spread):
    """部门整体支出绩效自评表 whose 年度主要任务 give each task in words only (任务名称 | 主要内容 | 完成情况, no
    money): the first two tasks were read as the grid's labels, and the last task's 完成情况 kept as 说明; now each task
    is a line under the group label, whether the label is printed in every row (a sheet, a Word file, a PDF's merged
    cell) or once (a CSV's merged cell, saved blank below). Its 完成情况 is told with its label (it was kept bare:
    '城市道路养护：主次干道日常养护；已完成')."""
    group = "年度主要任务"
    label = group if spread else ""
    rows = [
        ["部门（单位）名称", "某市城市管理局", "某市城市管理局", "某市城市管理局", "某市城市管理局", "某市城市管理局"],
        [group, "任务名称", "主要内容", "主要内容", "完成情况", "完成情况"],
        [label, "城市道路养护", "主次干道日常养护", "主次干道日常养护", "已完成", "已完成"],
        [label, "环卫保洁", "城区道路清扫保洁", "城区道路清扫保洁", "已完成", "已完成"],
        [label, "机关运行保障", "人员及公用经费", "人员及公用经费", "基本完成", "基本完成"],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["年度预算执行情况（万元）", "年度资金总额", "11150.40", "11150.40", "10946.00", "98.17%"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["年度绩效指标", "产出指标", "数量指标", "道路养护面积", "≥320万平方米", "326万平方米"],
    ]
    [form] = _form_rows(rows)
    assert (form.amount, form.fields["全年执行数"]) == ("11150.40", "10946.00")
    assert form.fields[group].split("\n") == [
        "城市道路养护：主次干道日常养护；完成情况：已完成",
        "环卫保洁：城区道路清扫保洁；完成情况：已完成",
        "机关运行保障：人员及公用经费；完成情况：基本完成",
    ]
    assert "说明" not in form.fields


def test_a_department_forms_tasks_with_their_money_in_other_words_are_kept_across_a_page_break():
    """年度重点工作任务 (名称 | 主要实施内容 | 拟投入的资金（万元） | 期望达到的目标) was read as labels and values and
    its tasks dropped; now each task is a line under the group label, also on the next page where the label spreads
    over one more cell, and a label below them on that page is no rest of the goal above the tasks."""
    from importers.layouts import grid_form
    from importers.records import Row

    group = "年度重点工作任务"
    table = [
        (1, ["部门名称", "某市数据局", "某市数据局", "某市数据局", "某市数据局"]),
        (1, ["总体绩效目标", "建成全市一体化数据平台。", "建成全市一体化数据平台。", "建成全市一体化数据平台。", ""]),
        (1, [group, "名称", "主要实施内容", "拟投入的资金（万元）", "期望达到的目标（概述）"]),
        (1, [group, "数据汇聚", "汇聚各部门数据", "164.85", "汇聚数据10亿条"]),
        (2, [group, group, "热线服务", "运营12345热线", "12,000.00", "接通率93%"]),
        (2, ["其他需完成的任务（可选填）", "其他需完成的任务（可选填）", "", "", "", ""]),
        (2, ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", ""]),
        (2, ["绩效指标", "产出指标", "数量指标", "汇聚数据数量", "≥10亿条", ""]),
    ]
    [form] = grid_form.parse([Row(cells, n, page) for n, (page, cells) in enumerate(table, 1)]).projects
    assert form.goal == "建成全市一体化数据平台。"
    assert form.fields[group].split("\n") == [
        "数据汇聚：汇聚各部门数据；期望达到的目标（概述）：汇聚数据10亿条（拟投入的资金（万元） 164.85）",
        "热线服务：运营12345热线；期望达到的目标（概述）：接通率93%（拟投入的资金（万元） 12,000.00）",
    ]


def test_a_goals_items_ending_on_their_money_name_no_projects():
    """Lines of a named form's goal ending on their money ('1、完成主干道养护（养护资金2680万元）') are its goal, not
    projects of their own (the review of the change: the form was dropped and a project named by its last item)."""
    table = [
        ["项目名称", "城市道路养护"],
        ["主管部门", "某市城管局"],
        ["项目资金（万元）", "2980.00"],
        ["年度目标"],
        ["1、完成主干道养护（养护资金2680万元）"],
        ["2、完成次干道养护（养护资金300万元）"],
        HEADER[1:],
        ["产出指标", "数量指标", "养护里程", "≥120公里"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.name, project.department, project.amount) == ("城市道路养护", "某市城管局", "2980.00")


def test_a_forms_own_name_wins_over_the_line_above_it():
    """'一、城市道路清扫保洁（预算金额2680.00万元）' above a form naming its 项目名称: the form's name and amount are
    the project's (as another file of the same table names it), the line kept as 标题."""

    def form(name: str, amount: str) -> list[list[str]]:
        return [
            ["项目名称", name, name, name],
            ["项目资金（万元）", amount, amount, amount],
            ["年度目标", "完成。", "完成。", "完成。"],
            HEADER[1:],
            ["产出指标", "数量指标", "面积", "≥1850万平方米"],
        ]

    table = [["一、城市道路清扫保洁（预算金额2680.00万元）"], *form("城市道路清扫保洁项目", "2680.00")]
    table += [["二、公园绿地养护（预算金额300.00万元）"], *form("公园绿地养护项目", "300.00")]
    read = [(p.name, p.amount, p.fields["标题"]) for p in grid_form.parse(rows(table)).projects]
    assert read == [
        ("城市道路清扫保洁项目", "2680.00", "城市道路清扫保洁（预算金额2680.00万元）"),
        ("公园绿地养护项目", "300.00", "公园绿地养护（预算金额300.00万元）"),
    ]


@pytest.mark.parametrize(
    "money", ["预算金额：2680.00万元", "2680.00万元", "预算金额2680.00千元", "预算金额 2680.00 万元"]
)  # (the last as a PDF prints it: spaces beside the number, kept)
def test_a_projects_line_gives_its_amount_however_written(money):
    table = [[f"一、城市道路清扫保洁（{money}）"], ["年度绩效目标：完成清扫。"], HEADER[1:]]
    table.append(["产出指标", "数量指标", "清扫面积", "≥1850万平方米"])
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.name, project.amount) == ("城市道路清扫保洁", money.removeprefix("预算金额").lstrip("： "))


@pytest.mark.parametrize(
    "head",
    [
        [["单位名称", "某市数据局", "某市数据局", "某市数据局"], ["重点项目", "项目名称", "主要内容", "主要内容"]],
        [
            ["部门名称", "某市数据局", "某市数据局", "某市数据局"],
            ["项目名称", "部门整体支出", "部门整体支出", "部门整体"],
        ],
    ],
)
def test_a_units_own_form_naming_a_task_grid_or_its_whole_spending_stays_its_own(head):
    """A department-wide form whose head has a 项目名称 that is a task grid's label or its whole spending."""
    table = [*head, ["年度总体目标", "建成平台。", "建成平台。", "建成平台。"], HEADER[1:]]
    table.append(["产出指标", "数量指标", "上云系统数", "≥100个"])
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.kind, project.name) == ("department", "某市数据局")


@pytest.mark.parametrize("line", ["绩效指标", "金额单位：万元", "（此栏由财政部门填写）"])
def test_a_line_after_an_ended_goal_is_not_its_next_line(line):
    table = [["项目名称", "助餐补贴"], ["年度目标", "为辖区老年人提供助餐服务。"], [line], HEADER[1:]]
    table.append(["产出指标", "数量指标", "助餐人次", "≥3000人次"])
    (project,) = grid_form.parse(rows(table)).projects
    assert project.goal == "为辖区老年人提供助餐服务。"


def test_a_long_tables_header_above_its_first_forms_head_is_no_form_without_a_name():
    """One table holding every form (a LaTeX longtable: its header atop, each project's head rows then its indicator
    rows under it): the header alone was warned of as 'line 0: a form without 项目名称 skipped', though nothing was."""
    from importers.readers.text import split_rows

    text = (
        "2026年项目支出绩效目标表\n序号\t一级指标\t二级指标\t三级指标\t指标值\n项目名称\t养老服务\t\t\t\n"
        "项目资金（万元）\t100.00\t\t\t\n1\t产出指标\t数量指标\t服务人次\t≥8000人次\n"
        "项目名称\t助学补助\t\t\t\n项目资金（万元）\t50.00\t\t\t\n1\t产出指标\t数量指标\t受助学生人数\t≥300人\n"
    )
    doc = grid_form.parse(split_rows(text))
    assert [(p.name, p.amount, len(p.indicators)) for p in doc.projects] == [
        ("养老服务", "100.00", 1),
        ("助学补助", "50.00", 1),
    ]
    assert doc.warnings == []


@pytest.mark.parametrize("money", ["186.40（其中：县级财政186.40万元）", "186.40万元(县级财政)"])
def test_a_sum_with_a_note_after_it_is_the_amount(money):
    """A Word form typed by hand: '项目资金（万元） | 186.40（其中：县级财政186.40万元）'. With the note after the sum
    the value was no sum: the project had no amount, the value kept as a field. It is the amount now."""
    table = [
        ["项目名称", "镇村环境卫生保洁", "镇村环境卫生保洁", "镇村环境卫生保洁"],
        ["项目资金（万元）", money, money, money],
        ["年度绩效目标", "做好全镇保洁", "做好全镇保洁", "做好全镇保洁"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "保洁行政村数", "=23个"],
    ]
    [project] = grid_form.parse(rows(table)).projects
    assert (project.name, project.amount) == ("镇村环境卫生保洁", money)


@pytest.mark.parametrize("whole", ["500.00", "500.00（2026-2028年）"])
def test_an_amount_label_wins_over_a_money_labels_sum(whole):
    """'项目资金（万元） | 500.00（2026-2028年） | 年度资金总额 | 120.00': the money label's sum (the whole period's)
    came first and was the amount, the year's kept as a field. The amount label's value is the amount now."""
    table = [
        ["项目名称", "农村公路提质改造工程", "农村公路提质改造工程", "农村公路提质改造工程"],
        ["项目资金（万元）", whole, "年度资金总额", "120.00"],
        ["年度绩效目标", "完成提质改造18公里", "完成提质改造18公里", "完成提质改造18公里"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "提质改造里程", "≥18公里"],
    ]
    [project] = grid_form.parse(rows(table)).projects
    assert (project.amount, project.fields.get("项目资金（万元）")) == ("120.00", whole)


def test_a_head_label_no_list_knows_keeps_its_value_under_it():
    """'主管部门编码 | 123001', '项目起止年限 | …', '资金性质 | 一般公共预算' (a share's word as the value): each value
    was kept as one 说明, the last one read, or lost under a money table of no rows; each now under its label."""
    table = [
        [
            "项目名称",
            "农村人居环境整治提升项目",
            "农村人居环境整治提升项目",
            "农村人居环境整治提升项目",
            "农村人居环境整治提升项目",
        ],
        ["主管部门编码", "123001", "123001", "项目编码", "43010326T000000123456"],
        ["主管部门", "长沙市天心区农业农村局", "长沙市天心区农业农村局", "实施单位", "天心区农村人居环境整治工作站"],
        ["资金性质", "一般公共预算", "一般公共预算", "项目负责人", "王建国"],
        ["资金用途类别", "对个人和家庭的补助", "对个人和家庭的补助", "对个人和家庭的补助", "对个人和家庭的补助"],
        ["项目资金（万元）", "年度资金总额", "580", "580", "580"],
        ["项目资金（万元）", "其中：财政拨款", "580", "580", "580"],
        [
            "年度绩效目标",
            "完成12个行政村生活污水治理。",
            "完成12个行政村生活污水治理。",
            "完成12个行政村生活污水治理。",
            "完成12个行政村生活污水治理。",
        ],
        HEADER,
        ["", "产出指标", "数量指标", "生活污水治理行政村数", "≥12个"],
    ]
    (project,) = grid_form.parse(rows(table)).projects
    assert (project.code, project.department, project.amount) == (
        "43010326T000000123456",
        "长沙市天心区农业农村局",
        "580",
    )
    assert {
        label: project.fields.get(label) for label in ("主管部门编码", "资金性质", "项目负责人", "资金用途类别")
    } == {
        "主管部门编码": "123001",
        "资金性质": "一般公共预算",
        "项目负责人": "王建国",
        "资金用途类别": "对个人和家庭的补助",
    }
    assert "说明" not in project.fields


def test_a_长期绩效指标_label_on_a_row_of_its_own_above_its_header():
    """The 长期/年度 label merged across the table on a row above each header, not beside it: the two tables were
    read as one (each indicator twice, the span's value as a target, the year's label row an indicator, the span's
    label a 说明); now as the label beside the header is."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    lines = [
        ["项目名称", "就业见习补贴", "就业见习补贴", "就业见习补贴"],
        ["项目绩效目标", "长期目标", "三年新增岗位18000个。", "三年新增岗位18000个。"],
        ["项目绩效目标", "年度目标", "新增岗位6000个。", "新增岗位6000个。"],
        ["长期绩效指标", "长期绩效指标", "长期绩效指标", "长期绩效指标"],
        header,
        ["产出指标", "数量指标", "新增见习岗位数", "≥18000个"],
        ["效益指标", "社会效益指标", "就业率", "逐年提高"],
        ["年度绩效指标", "", "", ""],  # (a sheet's merged cell: its text in the first cell only)
        header,
        ["产出指标", "数量指标", "新增见习岗位数", "≥6000个"],
        ["效益指标", "社会效益指标", "就业率", "较上年提高"],
    ]
    [project] = _form_rows(lines)
    assert [(i.name, i.target, i.period_target) for i in project.indicators] == [
        ("新增见习岗位数", "≥6000个", "≥18000个"),
        ("就业率", "较上年提高", "逐年提高"),
    ]
    assert "说明" not in project.fields and project.lines_read == [6, 7, 8]  # (the span's rows: not told as unread)


def test_实施期_and_年度_values_each_in_nature_value_and_unit_columns():
    """实施期指标值 and 年度指标值 each over 指标性质 | 指标值 | 计量单位: only one group was read (the year's target
    its period's bare figure); now the year's three make its target, the period's three its period target."""
    lines = [
        ["项目名称", "高标准农田建设管护项目", "", "", "", "", "", "", ""],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "实施期指标值",
            "实施期指标值",
            "实施期指标值",
            "年度指标值",
            "年度指标值",
            "年度指标值",
        ],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "指标性质", "指标值", "计量单位"],
        ["产出指标", "数量指标", "管护面积", "≥", "6.9", "万亩", "≥", "2.3", "万亩"],
        ["效益指标", "社会效益指标", "粮食综合生产能力", "定性", "显著提升", "", "定性", "稳步提升", ""],
    ]
    [project] = _form_rows(lines)
    assert [(i.name, i.operator, i.target, i.unit, i.period_target) for i in project.indicators] == [
        ("管护面积", "≥", "2.3", "万亩", "≥6.9万亩"),
        ("粮食综合生产能力", "", "稳步提升", "", "显著提升"),
    ]


def test_a_长期绩效指标_label_above_a_header_with_a_序号_column():
    """The labels above headers that begin with 序号: '序号' was taken for the side label, and the two tables were
    read as one (each indicator twice, the span's value as a target)."""
    header = ["序号", "一级指标", "二级指标", "三级指标", "指标值"]
    lines = [
        ["项目名称", "就业见习补贴", "就业见习补贴", "就业见习补贴", "就业见习补贴"],
        ["年度绩效目标", "新增岗位6000个。", "新增岗位6000个。", "新增岗位6000个。", "新增岗位6000个。"],
        ["长期绩效指标", "", "", "", ""],
        header,
        ["1", "产出指标", "数量指标", "新增见习岗位数", "≥18000个"],
        ["2", "效益指标", "社会效益指标", "就业率", "逐年提高"],
        ["年度绩效指标", "", "", "", ""],
        header,
        ["1", "产出指标", "数量指标", "新增见习岗位数", "≥6000个"],
        ["2", "效益指标", "社会效益指标", "就业率", "较上年提高"],
    ]
    [project] = _form_rows(lines)
    assert [(i.name, i.target, i.period_target) for i in project.indicators] == [
        ("新增见习岗位数", "≥6000个", "≥18000个"),
        ("就业率", "较上年提高", "逐年提高"),
    ]


@pytest.mark.parametrize(
    "span, year",
    [
        ("一、长期绩效指标", "二、年度绩效指标"),
        ("实施期绩效指标", "2026年度绩效指标"),
        ("1.长期绩效指标", "2.年度绩效指标"),
    ],
)
def test_a_numbered_or_dated_长期_年度_label_above_its_header(span, year):
    """'一、长期绩效指标' above one table, '二、年度绩效指标' or '2026年度绩效指标' above the next: the two tables were
    read as one (each indicator twice, the span's value as a target, the span's label a 说明)."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    lines = [
        ["项目名称", "就业见习补贴", "就业见习补贴", "就业见习补贴"],
        ["年度绩效目标", "新增岗位6000个。", "新增岗位6000个。", "新增岗位6000个。"],
        [span, "", "", ""],
        header,
        ["产出指标", "数量指标", "新增见习岗位数", "≥18000个"],
        [year, "", "", ""],
        header,
        ["产出指标", "数量指标", "新增见习岗位数", "≥6000个"],
    ]
    [project] = _form_rows(lines)
    assert [(i.name, i.target, i.period_target) for i in project.indicators] == [
        ("新增见习岗位数", "≥6000个", "≥18000个")
    ]
    assert "说明" not in project.fields


def _spread(cells: list[tuple[str, int]], widths: list[int], lines: list[int]) -> list[str]:
    """A row of cells (text, columns it spans) on a table of these column widths, read on a page's grid with lines at
    `lines` (its own and another table's): each cell's text in every grid column it covers, as the PDF reader gives."""
    placed, x, k = [], 0, 0
    for text, span in cells:
        placed.append((x, x + sum(widths[k : k + span]), text))
        x, k = placed[-1][1], k + span
    return [next(text for a, b, text in placed if a <= line < b) for line in lines]


def test_self_evaluation_rows_on_lines_of_their_own_are_read_in_the_headers_columns():
    """A Word self-evaluation whose indicator rows keep cell widths of their own (or stand in a table of their own
    under the head), printed to PDF: the page's grid has both tables' lines, each cell spread over the grid columns
    it covers. Read at the header's positions, a row's name stood again under 年度指标值 and every field after it
    one column on (the target read as the actual, the score as 偏差原因), and 总分 named its values by the wrong
    columns."""
    head_w, ind_w = [62, 62, 96, 62, 62, 34, 38, 88], [50, 70, 110, 62, 60, 34, 36, 82]
    lines = sorted({sum(head_w[:k]) for k in range(8)} | {sum(ind_w[:k]) for k in range(8)})
    edges = tuple(57.2 + 0.97 * x for x in lines)
    head = [
        [("项目名称", 1), ("城乡居民医保参保补助", 7)],
        [("主管部门", 1), ("某县医疗保障局", 3), ("实施单位", 1), ("某县医保中心", 3)],
    ]
    labels = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"]
    body = [
        ["产出指标", "数量指标", "资助参保人数", "≥23000人", "23416人", "10", "10", ""],
        ["产出指标", "质量指标", "发放准确率", "=100%", "100%", "10", "10", ""],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88.5%", "15", "14.75", "宣传不到位"],
    ]
    table = [_spread(cells, head_w, lines) for cells in [*head, [(label, 1) for label in labels]]]
    table += [_spread([(cell, 1) for cell in row], ind_w, lines) for row in body]
    table.append(_spread([("总分", 5), ("100", 1), ("99.25", 1), ("", 1)], ind_w, lines))
    assert table[3][3] == table[3][4] == "资助参保人数"  # (the name over two grid columns, as read)
    [project] = grid_form.parse([Row(cells, n, page=1, edges=edges) for n, cells in enumerate(table, 1)]).projects
    got = [
        [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, *i.notes.values()]
        for i in project.indicators
    ]
    assert got == [[*row[:7], *[note for note in row[7:] if note]] for row in body]
    assert project.fields["总分"] == "分值 100；得分 99.25"


@pytest.mark.parametrize("shift", [0.0, 3.0, -3.0])
def test_a_total_alone_atop_a_page_on_a_grid_of_its_own_names_its_values(shift):
    """A Word self-evaluation's 总分 row alone atop a page: that page's grid holds its lines only (its cells under the
    indicator rows' columns, Word keeping each row's widths, a few points off at times), the header's above holds the
    head's lines and the header's own. Read by position it kept '100 99.25'; its cells now stand under the header's
    by where they are printed."""
    head_w, ind_w = [62, 62, 96, 62, 62, 34, 38, 88], [50, 70, 110, 62, 60, 34, 36, 82]
    lines = sorted({sum(head_w[:k]) for k in range(8)} | {sum(ind_w[:k]) for k in range(8)})
    own = [sum(ind_w[:k]) for k in range(8)]
    labels = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"]
    page1 = [
        _spread(cells, head_w, lines)
        for cells in [[("项目名称", 1), ("城乡居民医保参保补助", 7)], [(x, 1) for x in labels]]
    ]
    page1.append(
        _spread(
            [(cell, 1) for cell in ["产出指标", "数量指标", "资助参保人数", "≥23000人", "23416人", "10", "10", ""]],
            ind_w,
            lines,
        )
    )
    page2 = [_spread([("总分", 5), ("100", 1), ("99.25", 1), ("", 1)], ind_w, own)]
    edges = (tuple(57.2 + 0.97 * x for x in lines), tuple(57.2 + shift + 0.97 * x for x in own))
    [project] = grid_form.parse(paged(page1, page2, edges=edges)).projects
    assert project.fields["总分"] == "分值 100；得分 99.25"
    assert [(i.name, i.weight, i.score) for i in project.indicators] == [("资助参保人数", "10", "10")]


def test_a_total_whose_cells_stand_a_few_points_off_the_headers_names_its_values():
    """总分's cells 6 points right of the header's (a Word row keeping its own widths) on the header's page: the
    page's grid holds both rows' lines, 总分 reaching into 分值's first grid column and '100' into 得分's. Read by
    the grid columns where the header's labels start, 总分 was '得分 100；偏差原因分析 99.25'."""
    widths = [50, 70, 110, 62, 60, 34, 36, 82]
    total = [sum(widths[:5]) + 6, 34, 36, 76]
    lines = sorted({sum(widths[:k]) for k in range(8)} | {sum(total[:k]) for k in range(4)})
    labels = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"]
    table = [
        _spread([("项目名称", 1), ("城乡居民医保参保补助", 7)], widths, lines),
        _spread([(label, 1) for label in labels], widths, lines),
        _spread(
            [(c, 1) for c in ["产出指标", "数量指标", "资助参保人数", "≥23000人", "23416人", "10", "10", ""]],
            widths,
            lines,
        ),
        _spread([("总分", 1), ("100", 1), ("99.25", 1), ("", 1)], total, lines),
    ]
    edges = tuple(57.2 + x for x in lines)
    [project] = grid_form.parse([Row(cells, n, page=1, edges=edges) for n, cells in enumerate(table, 1)]).projects
    assert project.fields["总分"] == "分值 100；得分 99.25"


def test_a_total_under_a_score_column_spanning_two_grid_columns_names_its_values():
    """分值 over two grid columns of a PDF's grid (a line another row draws), the 总分 row's 分值 cell over both:
    its second copy stood under no label and 总分 read '100 91'."""
    table = [
        ["项目名称", "甲项目", "甲项目", "甲项目", "甲项目", "甲项目", "甲项目"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "分值", "得分"],
        ["产出指标", "数量指标", "人数", "≥10人", "12人", "50", "50", "50"],
        ["效益指标", "社会效益指标", "满意度", "≥90%", "88%", "50", "50", "41"],
        ["总分", "总分", "总分", "总分", "总分", "100", "100", "91"],
    ]
    table[0].append("甲项目")
    [project] = grid_form.parse(rows(table)).projects
    assert project.fields["总分"] == "分值 100；得分 91"


def test_a_goal_tables_target_in_cells_of_its_own_across_the_headers_lines_is_read_whole():
    """A Word goal table whose header row keeps widths of its own over indicator rows parting 指标值 into sign,
    number and unit, printed to PDF: the rows' sign cell began a few points before the header's 指标值 line, and the
    target read was the unit alone ('人次'); a word merged over the three is read once."""
    head_w, ind_w = [62, 96, 164, 133], [71, 85, 156, 34, 62, 47]
    lines = sorted({sum(head_w[:k]) for k in range(4)} | {sum(ind_w[:k]) for k in range(6)})
    edges = tuple(57.2 + x for x in lines)
    body = [
        [("产出指标", 1), ("数量指标", 1), ("培训基层医务人员人次", 1), ("≥", 1), ("1200", 1), ("人次", 1)],
        [("产出指标", 1), ("时效指标", 1), ("项目完成时间", 1), ("", 1), ("2026年12月底前", 1), ("", 1)],
        [("效益指标", 1), ("社会效益指标", 1), ("基层诊疗服务能力", 1), ("明显提升", 3)],
    ]
    table = [
        _spread([("项目名称", 1), ("基层卫生人才能力提升培训项目", 3)], head_w, lines),
        _spread([("主管部门", 1), ("某省卫生健康委员会", 3)], head_w, lines),
        _spread([("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("指标值", 1)], head_w, lines),
        *(_spread(cells, ind_w, lines) for cells in body),
    ]
    [project] = grid_form.parse([Row(cells, n, page=1, edges=edges) for n, cells in enumerate(table, 1)]).projects
    assert [(i.level2, i.name, i.target) for i in project.indicators] == [
        ("数量指标", "培训基层医务人员人次", "≥1200人次"),
        ("时效指标", "项目完成时间", "2026年12月底前"),
        ("社会效益指标", "基层诊疗服务能力", "明显提升"),
    ]


@pytest.mark.parametrize(
    "line", [["", "绩效指标", "绩效指标", "绩效指标"], ["", "单位：万元", "", ""], ["", "注：资金按季度拨付", "", ""]]
)
def test_a_heading_or_unit_line_under_the_goal_is_not_its_next_part(line):
    """A lone row between the goal and the indicators, its label cell empty (the table's name '绩效指标', the money
    unit, a note): it was taken for the goal's next part and run into the goal."""
    [project] = _form_rows(
        [
            ["项目名称", "社区养老服务补助", "社区养老服务补助", "社区养老服务补助"],
            ["项目资金（万元）", "年度资金总额", "120.00", "120.00"],
            ["年度绩效目标", "为全市200个站点提供补助。", "为全市200个站点提供补助。", "为全市200个站点提供补助。"],
            line,
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "补助站点数", "≥200个"],
        ]
    )
    assert project.goal == "为全市200个站点提供补助。"


@pytest.mark.parametrize("label", ["项目期", "实施期"])
def test_the_period_labelled_as_the_national_form_labels_it(label):
    """项目期 and 实施期 (the national form's words, and the label kb draft export prints) were no period: the value
    became a field named 说明, so kb lint could not hold a deadline to the project's end."""
    [project] = _form_rows(
        [
            ["项目名称", "优抚对象走访慰问", "优抚对象走访慰问", "优抚对象走访慰问"],
            ["项目属性", "经常性项目", label, "2027年1月-2027年12月"],
            ["项目资金（万元）", "年度资金总额", "25", "25"],
            ["年度总体目标", "走访慰问优抚对象。", "走访慰问优抚对象。", "走访慰问优抚对象。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "时效指标", "慰问金发放完成时间", "2028年3月底前"],
        ]
    )
    assert project.period == "2027年1月-2027年12月"
    assert project.fields == {"项目属性": "经常性项目"}


@pytest.mark.parametrize("break_before", [False, True])
def test_a_money_table_without_a_title_under_the_indicators_is_no_part_of_them(break_before):
    """A money table right under a goal table, without a title of its own (`财政拨款 | 其他资金` over `基本支出 |
    项目支出` and the amounts), on the same page or atop the next: its rows were read as indicators ('财政拨款',
    target '其他资金'). Its header, all labels of money, ends the goal table."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    indicator = ["产出指标", "数量指标", "维修改造学校数量", "=14所"]
    money = [
        ["财政拨款", "财政拨款", "财政拨款", "其他资金"],
        ["基本支出", "项目支出", "项目支出", "基本支出"],
        ["0", "860", "860", "0"],
    ]
    page1 = [*head("甲")[:2], header, indicator]
    table = paged(page1, money) if break_before else rows([*page1, *money])
    found = grid_form.parse(table).projects[0].indicators
    assert [(i.level1, i.level2, i.name, i.target) for i in found] == [tuple(indicator)]


@pytest.mark.parametrize("money", [True, False])
def test_a_money_table_of_one_money_label_under_the_indicators_is_no_part_of_them(money):
    """Under a goal table of 序号 | 三级指标 | 指标值, a money table without a title headed by one money label
    ('支出事项 | 金额（万元）' over '培训费 | 30') is no part of it; an indicator row of two such words ('项目 | 金额')
    over indicators is: it had ended the table, the rows below lost without a word."""
    header = ["序号", "三级指标", "指标值"]
    first, last = ["1", "救助困难群众人数", "≥3000人"], ["3", "救助对象满意度", "≥90%"]
    lines = [["", "支出事项", "金额（万元）"], ["", "培训费", "30"]] if money else [["", "项目", "金额"], last]
    found = grid_form.parse(rows([*head("甲")[:2], header, first, *lines])).projects[0].indicators
    kept = [first] if money else [first, *lines]
    assert [(i.name, i.target) for i in found] == [(r[1], r[2]) for r in kept]


@pytest.mark.parametrize("money", [True, False])
def test_an_indicator_row_of_two_money_words_over_a_bare_number_target_is_the_forms(money):
    """'| 项目 | 金额' in a 序号 | 三级指标 | 指标值 table's name and target columns (its 序号 apart, as an unruled
    PDF's single digits gather) over a bare-number target ('新建候车亭 | 30') and an indicator's row is the table's:
    it was taken for a money table's header, every row from it on lost without a word. Over amounts to the end
    of the rows, it is a money table's header."""
    header = ["序号", "三级指标", "指标值"]
    first, last = ["1", "养护公路里程", "1200"], ["", "群众出行条件", "明显改善"]
    lines = [["", "项目", "金额"], ["", "新建候车亭", "30"], *([] if money else [last])]
    found = grid_form.parse(rows([*head("甲")[:2], header, first, *lines])).projects[0].indicators
    kept = [first] if money else [first, *lines]
    assert [(i.name, i.target) for i in found] == [(r[1], r[2]) for r in kept]


_UNFILLED_FORM = [
    ["项目支出绩效自评表"],
    ["（2025年度）"],
    ["项目名称", "", "城市道路养护专项经费"],
    ["主管部门", "", "某市城市管理局", "", "实施单位", "", "某市市政设施管理中心"],
]
_MONEY = [
    ["项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "", "1200.00", "1350.50", "1298.20", "10", "96.13%", "9.61"],
]
_SELF_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"]


_TEMPLATE_LEVELS = [  # the form's levels printed, its indicators left blank
    ["产出指标", "数量指标", "", "", "", "", "", ""],
    ["效益指标", "社会效益指标", "", "", "", "", "", ""],
]


@pytest.mark.parametrize("blank", [[], _TEMPLATE_LEVELS], ids=["no rows", "levels only"])
@pytest.mark.parametrize("money", [True, False])
def test_a_self_evaluation_printing_no_indicator_rows_is_never_a_goal_table(money, blank):
    """A 自评表 whose indicator table under its header is left blank (its 总分 row right under it, or the template's
    levels without a name) was read by form-kv as a goal table: a precedent of 0 indicators, or of one named 总分
    with the target 100. It is a self-evaluation, read as its head (docs/outcomes.md) and said to list no indicators,
    or, with no money either, an empty form."""
    from importers import parse_rows

    total = ["总分", "", "", "", "", "100", "9.61", ""]
    table = [*_UNFILLED_FORM, *(_MONEY if money else []), _SELF_HEADER, *blank, total]
    doc = parse_rows(rows(table))
    found = [(p.kind, p.name, p.amount, len(p.indicators)) for p in doc.projects]
    if not money:
        assert found == []
        return
    assert found == [("self_evaluation", "城市道路养护专项经费", "1350.50", 0)]
    [evaluation] = doc.projects
    assert (evaluation.year, evaluation.fields["全年执行数"], evaluation.fields["总分"]) == (
        "2025",
        "1298.20",
        "分值 100；得分 9.61",
    )
    assert [w for w in doc.warnings if "未列指标行" in w] == [
        "第 3 行「城市道路养护专项经费」的自评表未列指标行，只读入表头、资金和总分 line 3: the self-evaluation of "
        "城市道路养护专项经费 lists no indicator rows: only its head, money and 总分 read"
    ]


def test_both_levels_in_one_cell_a_column_or_a_group_row():
    """一级 and 二级 joined in one cell ('产出指标-数量指标'), in a column headed for both merged down its group, or
    in a group row across a table without level columns: the indicators had no levels (the joined cell a field)."""
    [column] = _form_rows(
        [
            ["项目名称", "农村公路养护", "农村公路养护", "农村公路养护"],
            ["一级/二级指标", "三级指标", "指标值", "权重"],
            ["产出指标-数量指标", "养护里程", "≥1200公里", "20"],
            ["产出指标-数量指标", "危桥改造数量", "=6座", "10"],
            ["满意度指标-服务对象满意度指标", "群众满意度", "≥90%", "10"],
        ]
    )
    [grouped] = _form_rows(
        [
            ["项目名称", "养老服务", "养老服务"],
            ["三级指标", "指标值", "分值"],
            ["产出指标—数量指标"] * 3,
            ["新建养老服务站", "≥12个", "15"],
            ["效益指标／社会效益指标"] * 3,
            ["社区养老服务覆盖率", "≥90%", "20"],
        ]
    )
    assert [(i.level1, i.level2, i.name) for i in column.indicators + grouped.indicators] == [
        ("产出指标", "数量指标", "养护里程"),
        ("产出指标", "数量指标", "危桥改造数量"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
        ("产出指标", "数量指标", "新建养老服务站"),
        ("效益指标", "社会效益指标", "社区养老服务覆盖率"),
    ]


def test_a_header_naming_its_indicators_绩效指标_in_its_first_column():
    """`绩效指标 | 指标值 | 分值` over the levels' group rows (one project a page, no level columns): the form was
    refused (绩效指标 was taken for a side label). A header row with a blank cell (`绩效指标 | | 指标值` over the level
    columns' row, as a text file leaves a merged cell) is still no header alone."""
    [project] = _form_rows(
        [
            ["项目名称", "养老服务", "养老服务"],
            ["绩效指标", "指标值", "分值"],
            ["产出指标"] * 3,
            ["数量指标"] * 3,
            ["新建养老服务站", "≥12个", "15"],
            ["满意度指标—服务对象满意度指标"] * 3,
            ["老年人满意度", "≥90%", "10"],
        ]
    )
    assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in project.indicators] == [
        ("产出指标", "数量指标", "新建养老服务站", "≥12个", "15"),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "10"),
    ]
    from importers.layouts.grid_form import header

    assert header(Row(["绩效指标", "", "指标值"], 1)) is None


@pytest.mark.parametrize(
    "sign_off",
    [
        ["填报人", "王芳", "审核人", "李强", "联系电话：0532-88886666"],
        [
            "填报人：王芳审核人：李强",
            "填报人：王芳审核人：李强",
            "填报人：王芳审核人：李强",
            "填报日期：2026年1月10日",
            "",
        ],
    ],
)
def test_a_sign_off_row_inside_the_table_is_no_indicator(sign_off):
    """A goal table closed in its own grid by its sign-off (填报人 | 王芳 | 审核人 …, or '填报人：王芳' with the space
    before the next label lost): the form's fields, never an indicator (its labels and values were one)."""
    table = [*head("甲"), HEADER, ["", "产出指标", "数量指标", "培训人次", "≥500人次"], sign_off]
    project = grid_form.parse(rows(table)).projects[0]
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "培训人次", "≥500人次")
    ]
    assert (project.fields["填报人"], project.fields["审核人"]) == ("王芳", "李强")


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("项目联系人：张三　联系电话：0532-88886666", {"项目联系人": "张三", "联系电话": "0532-88886666"}),
        ("部门审核人：李强　填报人：王芳", {"部门审核人": "李强", "填报人": "王芳"}),
    ],
)
def test_a_sign_off_label_with_words_before_it_is_one_label(line, fields):
    """'项目联系人：张三' under the table: a label of its own, its words before the sign-off's word no value run on
    into it ('王芳审核人：李强'). It was cut there ('项目' | '联系人：张三'), the line read as no fields at all."""
    table = [*head("甲"), HEADER, ["", "产出指标", "数量指标", "培训人次", "≥500人次"], [line] * 5]
    project = grid_form.parse(rows(table)).projects[0]
    assert [i.name for i in project.indicators] == ["培训人次"]
    assert {label: project.fields[label] for label in fields} == fields


@pytest.mark.parametrize("merged", [True, False], ids=["title merged", "title in its first cell"])
def test_a_self_evaluations_head_and_money_without_an_indicator_table_is_refused_as_a_self_evaluation(merged):
    """A 自评表 holding its head and money but no indicator table is refused as a self-evaluation whether or not its
    title is merged across the sheet: one in its first cell alone is no title where the sheet is split, and the
    form got the goal table's refusal (表头需有指标名称…)."""
    from importers import SUMMARY_ONLY, UnknownLayout, parse_rows

    width = len(_MONEY[0])
    form = [[cell, *([cell] * (width - 1) if merged else [""] * (width - 1))] for [cell] in _UNFILLED_FORM[:2]]
    with pytest.raises(UnknownLayout) as refused:
        parse_rows(rows([*form, *_UNFILLED_FORM[2:], *_MONEY]))
    assert str(refused.value) == SUMMARY_ONLY


def test_a_self_evaluation_report_in_prose_is_refused_as_no_goal_table():
    """A 自评报告 (prose, no form) is not said to be a self-evaluation form without indicator rows."""
    from importers import NOT_A_GOAL_TABLE, UnknownLayout, parse_rows

    report = [["2025年度项目支出绩效自评报告", "", ""], ["一、项目基本情况。年初预算1200万元。", "", ""]]
    with pytest.raises(UnknownLayout) as refused:
        parse_rows(rows(report))
    assert str(refused.value) == NOT_A_GOAL_TABLE


def test_an_indicator_kind_column_holding_both_levels():
    """A form whose indicator header has no level columns but a 指标类型 column holding 一级-二级 ('产出指标-数量指标',
    '满意度-服务对象满意度'): the levels, the cell kept as written in the notes; the indicators had none."""
    [form] = _form_rows(
        [
            ["项目名称", "公共文化服务", "公共文化服务", "公共文化服务"],
            ["指标类型", "三级指标", "指标值", "分值"],
            ["产出指标-数量指标", "送戏下乡演出场次", "≥60场", "20"],
            ["产出指标/质量指标", "演出验收合格率", "=100%", "10"],
            ["满意度-服务对象满意度", "群众满意度", "≥90%", "10"],
        ]
    )
    assert [(i.level1, i.level2, i.name, i.notes) for i in form.indicators] == [
        ("产出指标", "数量指标", "送戏下乡演出场次", {"指标类型": "产出指标-数量指标"}),
        ("产出指标", "质量指标", "演出验收合格率", {"指标类型": "产出指标/质量指标"}),
        ("满意度", "服务对象满意度", "群众满意度", {"指标类型": "满意度-服务对象满意度"}),
    ]


@pytest.mark.parametrize(
    ("sign_off", "fields"),
    [
        (["填报单位（盖章）", "某县文化和旅游局", "填报日期", "2026年1月5日", ""], {"填报日期": "2026年1月5日"}),
        (["填 报 人", "王芳", "审 核 人", "李强", ""], {"填报人": "王芳", "审核人": "李强"}),
        (["联系人及电话", "张三 13812345678", "张三 13812345678", "", ""], {"联系人及电话": "张三 13812345678"}),
        (["填报人", "张三、李四", "联系电话", "0532-88886666", ""], {"填报人": "张三、李四"}),
        (["填报人", "王芳（签字）", "审核人", "李强（签字）", ""], {"填报人": "王芳（签字）"}),
        (["填报单位（盖章）", "某县财政局预算科", "填报日期", "2026年1月", ""], {"填报日期": "2026年1月"}),
    ],
)
def test_a_sign_off_row_known_by_its_structure(sign_off, fields):
    """A sign-off row is labels from the sign-off's words matched ignoring spaces, each with a person, a phone, a date
    or a unit: '填报单位（盖章）', a spaced '填 报 人', '联系人及电话' were read as an indicator (the label a name)."""
    table = [*head("甲"), HEADER, ["", "产出指标", "数量指标", "培训人次", "≥500人次"], sign_off]
    project = grid_form.parse(rows(table)).projects[0]
    assert [i.name for i in project.indicators] == ["培训人次"]
    assert {label: project.fields.get(label) for label in fields} == fields


def test_an_indicator_named_after_a_sign_off_word_stays_one():
    """'联系人（户）覆盖率 | ≥95%' first in its row (a form without level columns) is an indicator: it was taken for the
    sign-off, and it and every indicator after it were lost."""
    [form] = _form_rows(
        [
            ["项目名称", "基层服务", "基层服务", "基层服务"],
            ["三级指标", "指标值", "分值", "备注"],
            ["联系人（户）覆盖率", "≥95%", "10", ""],
            ["联系人数", "≥200人", "10", ""],
            ["群众满意度", "≥90%", "10", ""],
            ["填报人", "王芳", "联系电话", "0532-88886666"],
        ]
    )
    assert [(i.name, i.target) for i in form.indicators] == [
        ("联系人（户）覆盖率", "≥95%"),
        ("联系人数", "≥200人"),
        ("群众满意度", "≥90%"),
    ]
    assert (form.fields["填报人"], form.fields["联系电话"]) == ("王芳", "0532-88886666")


@pytest.mark.parametrize(("rest", "weight", "joined"), [("机制建设情况", "", True), ("机制建设情况", "5", False)])
def test_a_qualitative_row_word_broke_over_a_page(rest, weight, joined):
    """A qualitative row (its target blank) whose name the writer broke in its Word cell ('供水工程长效运行⏎机制建设
    情况'), the page break between the lines: the rest atop the next page has no level and no weight of its own
    where the row above has one, and goes on in its name (it was an indicator of its own, the name above ending on
    a short line). With a weight of its own it is an indicator."""
    edges = (84.6, 167.7, 250.7, 333.8, 416.8)
    table = paged(
        [
            *head("甲"),
            ["", "一级指标", "二级指标", "三级指标", "指标值", "分值"][1:],
            ["产出指标", "数量指标", "培训人次", "≥500人次", "10"],
            ["效益指标", "可持续影响指标", "供水工程长效运行", "", "5"],
        ],
        [["", "", rest, "", weight], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10"]],
        edges=(edges, edges),
    )
    table[6].ends, table[6].roomy = frozenset({0, 1, 2, 4}), frozenset({1, 2, 4})  # its name ended short
    project = grid_form.parse(table).projects[0]
    names = ["培训人次", "供水工程长效运行机制建设情况", "群众满意度"]
    assert [i.name for i in project.indicators] == (
        names if joined else [*names[:1], "供水工程长效运行", rest, names[2]]
    )


def test_an_indicator_named_with_a_sign_off_word_after_other_words_stays_one():
    """An indicator whose name ends in a sign-off word after words of its own ('明确项目负责人 | 已明确', '公开投诉联系
    电话 | 及时公开'), its levels blank under those written above: an indicator; it was taken for the sign-off, and
    it and every indicator after it were lost. Only a label's owner ('项目联系人') goes before its word."""
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "质量指标", "工程验收合格率", "=100%"],
        ["", "", "", "明确项目负责人", "已明确"],
        ["", "", "时效指标", "项目完成时间", "≤12月"],
        ["", "效益指标", "社会效益指标", "公开投诉联系电话", "及时公开"],
        ["", "", "", "居民居住条件", "明显改善"],
        ["填报人", "王芳", "联系电话", "0532-88886666", ""],
    ]
    project = grid_form.parse(rows(table)).projects[0]
    assert [(i.level2, i.name, i.target) for i in project.indicators] == [
        ("质量指标", "工程验收合格率", "=100%"),
        ("质量指标", "明确项目负责人", "已明确"),
        ("时效指标", "项目完成时间", "≤12月"),
        ("社会效益指标", "公开投诉联系电话", "及时公开"),
        ("社会效益指标", "居民居住条件", "明显改善"),
    ]
    assert project.fields["填报人"] == "王芳"


_GOAL_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "备注"]


@pytest.mark.parametrize(
    ("foot", "ends", "rest", "joined"),
    [
        (  # name and target broken, the level too ('生态效益指' ⏎ '标')
            ["效益指标", "生态效益指", "按照年度计", "水源地保护", ""],
            set(),
            ["", "标", "划完成全部路段的日常巡查与养护", "范围内无新增污染源", ""],
            ("按照年度计划完成全部路段的日常巡查与养护", "水源地保护范围内无新增污染源"),
        ),
        (  # a qualitative row, its target blank, the name's rest longer than a short one
            ["产出指标", "质量指标", "供水工程水源保护区划", "", ""],
            {0, 1},
            ["", "", "定及标志设置规范化建设完成情况", "", ""],
            ("供水工程水源保护区划定及标志设置规范化建设完成情况", ""),
        ),
        (  # the name broken, its target ended above
            ["效益指标", "生态效益指标", "水源地保护范围内无新增污染源，水", "水质稳定", ""],
            {0, 1, 3},
            ["", "", "源涵养能力稳定提升", "", ""],
            ("水源地保护范围内无新增污染源，水源涵养能力稳定提升", "水质稳定"),
        ),
        (  # a short name filling its narrow cell, its target too: a row of its own, its target blank, atop the page
            ["产出指标", "质量指标", "道路完好率", "≥95%", ""],
            {1},
            ["", "", "农村公路养护巡查制度与病害台账建立及执行情况", "", ""],
            None,
        ),
        (  # its levels printed again: a row of its own (a broken row's level ended above prints nothing more)
            ["产出指标", "质量指标", "水质达标率", "100%", ""],
            {0, 1, 3},
            ["产出指标", "质量指标", "供水工程水源保护区划定及标志设置规范化建设完成情况", "", ""],
            None,
        ),
    ],
    ids=["name and target", "blank target", "name alone", "row of its own", "levels again"],
)
def test_a_goal_tables_row_word_broke_over_a_page_with_a_long_rest(foot, ends, rest, joined):
    """A Word goal table (no weights) printed by LibreOffice, a row broken by the page (each part closed by its own
    rules): the cells the PDF reader saw run on to the page's foot (`Row.ends`: no short last line) go on atop the
    next page, the rest's text under them alone and in each of them but a level's. The rest was an indicator of its
    own, a name's rest over 6 characters or a target's beside it (6 of 24 prints of review 55b)."""
    edges = (56.7, 130.0, 210.0, 300.0, 400.0)
    table = paged(
        [*[row[1:] for row in head("甲")], _GOAL_HEADER, ["产出指标", "数量指标", "养护里程", "≥120公里", ""], foot],
        [rest, ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ""]],
        edges=(edges, edges),
    )
    table[6].ends = frozenset(ends)
    got = [(i.name, i.operator + i.target + i.unit) for i in grid_form.parse(table).projects[0].indicators]
    whole = [joined] if joined else [(foot[2], foot[3]), (rest[2], "")]
    assert got == [("养护里程", "≥120公里"), *whole, ("群众满意度", "≥90%")]


def test_a_row_after_a_broken_row_made_whole_is_its_own():
    """The row after a row the page broke and `_rejoined` made whole ('质量指' | '制度建' ⏎ '标' | '设'), both their
    targets blank, is an indicator of its own: the whole row ends atop the next page, nothing of it goes on."""
    edges = (56.7, 130.0, 210.0, 300.0, 400.0)
    table = paged(
        [*[row[1:] for row in head("甲")], _GOAL_HEADER, ["产出指标", "质量指", "制度建", "", ""]],
        [["", "标", "设", "", ""], ["", "", "供水工程水源保护区划定及标志设置规范化建设完成情况", "", ""]],
        edges=(edges, edges),
    )
    got = [(i.level2, i.name, i.target) for i in grid_form.parse(table).projects[0].indicators]
    assert got == [("质量指标", "制度建设", ""), ("质量指标", "供水工程水源保护区划定及标志设置规范化建设完成情况", "")]


@pytest.mark.parametrize(
    "lines",
    [
        ["单位负责人：张华　填报人：李四　联系电话：0791-", "86661234"],
        ["单位负责人：张华填报人：李四联系电", "话：0791-86661234"],
    ],
    ids=["phone cut", "label cut"],
)
def test_a_sign_off_line_the_print_wrapped_is_one(lines):
    """A sign-off paragraph under a Word table, LibreOffice's print wrapping it over two lines: one sign-off, its
    phone whole ('0791-' ⏎ '86661234' was lost with the line) and the label cut at the line's end one ('李四联系电'
    was 填报人's value)."""
    table = [*head("甲"), HEADER, ["", "产出指标", "数量指标", "培训人次", "≥500人次"], [lines[0]], [lines[1]]]
    project = grid_form.parse(rows(table)).projects[0]
    assert [i.name for i in project.indicators] == ["培训人次"]
    assert {label: project.fields.get(label) for label in ("单位负责人", "填报人", "联系电话")} == {
        "单位负责人": "张华",
        "填报人": "李四",
        "联系电话": "0791-86661234",
    }


def test_an_owners_row_with_a_short_value_under_levels_written_once_is_an_indicator():
    """'| | | 项目负责人 | 到位' and '| | | 分管领导 | 明确', their levels written once above them: indicators laid out
    as the table's (the name in its column, the value in the target's), though a short value reads as a person: the
    first was taken for the sign-off, and it and every indicator after it lost. The sign-off under the table names
    分管领导 and a bare 日期 (they were no labels)."""
    table = [
        *head("甲"),
        HEADER,
        ["", "产出指标", "质量指标", "工程验收合格率", "=100%"],
        ["", "", "", "项目负责人", "到位"],
        ["", "", "", "分管领导", "明确"],
        ["", "效益指标", "社会效益指标", "居民居住条件", "明显改善"],
        ["分管领导", "王强", "日期", "2026年1月8日", ""],
    ]
    project = grid_form.parse(rows(table)).projects[0]
    assert [(i.level2, i.name, i.target) for i in project.indicators] == [
        ("质量指标", "工程验收合格率", "=100%"),
        ("质量指标", "项目负责人", "到位"),
        ("质量指标", "分管领导", "明确"),
        ("社会效益指标", "居民居住条件", "明显改善"),
    ]
    assert (project.fields["分管领导"], project.fields["日期"]) == ("王强", "2026年1月8日")


@pytest.mark.parametrize("label", ["度绩效目标", "度绩效目", "度总体目标"])
def test_a_goals_label_the_print_cut_is_the_goals(label):
    """年度绩效目标 in a sheet's first column, centred or set right and not wrapped, runs on left of the print area:
    LibreOffice prints its end only ('度绩效目标'), or its middle where the cell beside is written ('度绩效目'). The
    goal was lost under a label no word names, without a word; a part of a goal's label is the goal's."""
    goal = "新建社区养老服务站12个，提升居家养老服务水平。"
    [project] = _form_rows(
        [
            ["项目名称", "社区居家养老服务提升项目", "社区居家养老服务提升项目", "社区居家养老服务提升项目"],
            [label, goal, goal, goal],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新建服务站", "≥12个"],
        ]
    )
    assert (project.goal, label in project.fields) == (goal, False)


@pytest.mark.parametrize(
    "title, name",
    [
        ("2026 年 5G 基站 建设项目绩效目标表", "5G 基站 建设"),  # spaces inside the name kept, those beside it not
        ("某市 “数字 政府” 运维项目绩效目标表", "某市 “数字 政府” 运维"),
        ("“泉州政务”新媒体号运营资金项目绩效目标表", "“泉州政务”新媒体号运营资金"),
        ("部门 专项业务经费 绩效目标表", ""),  # a kind of table
    ],
)
def test_a_project_named_by_its_title_keeps_the_spaces_printed_in_its_name(title, name):
    """A form's title naming its project ('2026 年 5G 基站 建设项目绩效目标表', from any format): the name was taken
    from the title without any space ('5G基站建设'); it is read without them and kept as printed."""
    assert grid_form.title_name(title) == name


@pytest.mark.parametrize("head", [[], [["填报单位：某市工业和信息化局"]]])
def test_a_form_named_by_its_title_alone_keeps_its_head_rows(head):
    """A form whose title names its project and whose head has no 项目名称 row ('2026年5G基站建设项目绩效目标表' over
    主管部门, 年度资金总额, 年度绩效目标): the head rows stood before any form and were dropped, the project stored
    without its department, amount and goal, without a word."""
    [project] = _form_rows(
        [
            ["2026年5G基站建设项目绩效目标表"],
            *head,
            ["主管部门", "某市工业和信息化局"],
            ["年度资金总额", "860.00"],
            ["年度绩效目标", "新建5G基站120个。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新建基站数量", "≥120个"],
        ]
    )
    assert (project.name, project.department, project.amount, project.goal) == (
        "5G基站建设",
        "某市工业和信息化局",
        "860.00",
        "新建5G基站120个。",
    )
    assert [(i.name, i.target) for i in project.indicators] == [("新建基站数量", "≥120个")]


@pytest.mark.parametrize("merged", [1, 4])
def test_a_goals_rows_under_its_label_alone_are_the_goal_a_line_each(merged):
    """'年度绩效目标' alone across the form, the goal's rows across it below, in a form grid-form reads (项目资金 in
    its head): the first row was the goal, each one after it the form's '说明', silently. Each row is a line of the
    goal, as typed; a field's label and value in one cell ('备注：无') is not."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = ["（一）完成高标准农田建设1.2万亩。", "（二）带动农户增收，亩均增产10%以上。", "建立资金监管台账。"]
    rows = [["项目名称", "高标准农田建设", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标"] * merged, *([line] * merged for line in lines), ["备注：无"] * merged]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    [project] = doc.projects
    assert (doc.layout, project.goal, "说明" in project.fields) == ("grid-form", "\n".join(lines), False)


def test_the_indicators_caption_right_under_a_goals_label_alone_is_no_goal():
    """'年度绩效目标' alone on its row, no goal typed, '绩效指标' (the indicators' caption) right under it: the caption
    was read as the goal, silently."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    rows = [["项目名称", "技能培训", "主管部门", "某局"], ["项目资金（万元）", "60.00", "实施单位", "某中心"]]
    rows += [["年度绩效目标"], ["绩效指标"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", "培训人次", "≥800人次"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    assert (doc.layout, doc.projects[0].goal) == ("grid-form", "")


@pytest.mark.parametrize("merged", [1, 4])
@pytest.mark.parametrize("lead", ["主要目标：", "具体如下：", "（一）产出目标："])
def test_a_lead_in_ending_in_a_colon_under_a_goals_label_alone_is_the_goals_first_line(lead, merged):
    """'年度绩效目标' alone across the form, then '主要目标：' and the goal's lines: the lead-in was read as a field's
    label (its value ''), the goal '' and its last line the form's '说明', silently. A lead-in naming no field is the
    goal's first line, the lines under it a line each; a field's label alone ('备注：') is none."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = [lead, "1.新建冷链仓储设施2处；", "2.农产品损耗率下降5个百分点。"]
    rows = [["项目名称", "冷链物流", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标"] * merged, *([line] * merged for line in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    [project] = doc.projects
    assert (doc.layout, project.goal, "说明" in project.fields) == ("grid-form", "\n".join(lines), False)
    rows[3] = ["备注："] * merged  # (a field's label: no line of the goal)
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert "备注：" in project.fields and "备注" not in project.goal


def test_a_form_without_a_table_the_next_forms_heading_right_under_its_goal_is_read_and_said():
    """A form with no indicator table, the next form's year heading right under its goal's rows (项目资金 in its head:
    grid-form's): the form was left out without a word, its project lost. It is read, without indicators, and said."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    def form(name: str) -> list[list[str]]:
        return [["项目名称", name, "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]

    rows = [
        ["某县农业农村局2026年项目支出绩效目标"],
        *form("种业振兴"),
        ["年度绩效目标"],
        ["完成良种繁育基地建设。"],
    ]
    rows += [
        ["某县林业局2026年项目支出绩效目标"],
        *form("森林防火"),
        ["年度绩效目标"],
        ["森林火灾受害率控制在0.9‰以内。"],
    ]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    assert [(p.name, p.goal, len(p.indicators)) for p in doc.projects] == [
        ("种业振兴", "完成良种繁育基地建设。", 0),
        ("森林防火", "森林火灾受害率控制在0.9‰以内。", 1),
    ]
    assert doc.layout == "grid-form" and any("「种业振兴」的表单没有指标表" in w for w in doc.warnings)


def test_a_departments_own_head_without_a_table_over_its_projects_forms_is_no_project():
    """A department's head (单位名称 and its money, no goal, no table) above its projects' forms is no form of a
    project: read as a department-wide table without indicators it added one to 16 real documents."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    rows = [["单位名称", "某市交通管理支队", "", ""], ["项目资金（万元）", "500.00", "", ""]]
    rows += [["某市交通管理支队2026年项目支出绩效目标表"], ["项目名称", "清障车保障经费", "主管部门", "某支队"]]
    rows += [["项目资金（万元）", "85.50", "实施单位", "某站"], ["年度绩效目标", "制止乱停乱放。", "", ""]]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "清障次数", "≥100次"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    assert [(p.name, p.kind, len(p.indicators)) for p in doc.projects] == [("清障车保障经费", "project", 1)]
    assert doc.warnings == []


def test_a_fields_label_ending_in_a_colon_under_an_empty_goal_with_no_text_under_it_stays_a_field():
    """'年度绩效目标' with no goal, then '审核人：' (a label head_field does not know) last above the table: no text's
    lead-in, no line under it, it was read as the goal ('审核人：'). A lead-in is one with a text's line under it."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    rows = [["项目名称", "冷链物流", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标", "", "", ""], ["审核人：", "", "", ""]]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert (project.goal, project.fields.get("审核人：")) == ("", "")


def test_a_grid_after_pages_without_one_is_no_row_of_the_form_above():
    """Two budgets joined into one file (or a compilation): the first's last form on page 1, pages of text after it
    (名词解释, the next one's cover), then a small ruled table of the next one's units (序号 | 单位名称). Its rows had
    been the form's last indicators, without names and silently; a grid after a page without one is not the form's.
    A form going on over the next page stays whole."""
    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    form = [
        *head("精神障碍社区康复服务"),
        ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["绩效指标", "产出指标", "数量指标", "培训人次", "≥500人"],
    ]
    going_on = [["绩效指标", "满意度指标", "服务对象满意度指标", "受训学员满意度", "≥95%"]]
    table = paged(form, going_on, edges=(grid, grid))
    text = [Row(["名词解释"], 20, page=3), Row(["一、财政拨款收入：指由市级财政拨款的资金。"], 21, page=3)]
    units = [
        Row(["序号", "单位名称"], 22, page=4, edges=(90.0, 200.9)),
        Row(["（一）", "某市民政局(本级)"], 23, page=4, edges=(90.0, 200.9)),
    ]
    [project] = grid_form.parse(table + text + units).projects
    assert [(i.name, i.target) for i in project.indicators] == [("培训人次", "≥500人"), ("受训学员满意度", "≥95%")]


def test_lines_outside_the_grid_on_a_page_after_its_last_row_are_no_rows_of_the_form():
    """Two budgets joined into one file: the first's last form ends its grid on page 1, the next one's cover and
    contents follow, their lines outside any grid, a part's number and name far apart ('第一部分 | 部门概况'). They
    had been the form's last indicators under 满意度指标, silently. A form printed without rules (no grid on any
    page) still reads its rows on the next page."""
    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    form = [
        *head("污染防治专项"),
        ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["绩效指标", "产出指标", "质量指标", "项目验收合格率", "100%"],
    ]
    contents = [["某市人力资源和社会保障局"], ["目录"], ["第一部分", "部门概况"], ["第二部分", "收支情况"]]
    [project] = grid_form.parse(paged(form, contents, edges=(grid, ()))).projects
    assert [i.name for i in project.indicators] == ["项目验收合格率"]
    going_on = [["绩效指标", "满意度指标", "服务对象满意度指标", "公众满意度", "≥85%"]]
    [project] = grid_form.parse(paged(form, going_on)).projects
    assert [i.name for i in project.indicators] == ["项目验收合格率", "公众满意度"]


@pytest.mark.parametrize("merged", [1, 4])
@pytest.mark.parametrize(
    ("line", "field"),
    [("项目负责人：张三", ("项目负责人", "张三")), ("审核人：", None), ("联系电话：0532-1234567", None)],
)
def test_a_fields_line_right_under_a_goals_label_alone_leaves_the_goals_lines_under_it(line, field, merged):
    """'年度绩效目标' alone across the form, a field's label (and value) in one cell right under it, then the goal's
    lines: the goal's first line was lost and its last read as '说明', the goal '' ('项目负责人：张三'), or '审核人：'
    (a sign-off's label) its first line, without a word. The field is read, the lines under it are the goal."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = ["完成农产品抽检2000批次。", "开展培训3期。"]
    rows = [["项目名称", "农产品质量检测", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标"] * merged, [line] * merged, *([text] * merged for text in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    [project] = doc.projects
    assert (doc.layout, project.goal, "说明" in project.fields) == ("grid-form", "\n".join(lines), False)
    if field:
        assert project.fields[field[0]] == field[1]


@pytest.mark.parametrize("merged", [1, 4])
def test_a_goals_lines_numbered_under_a_heading_under_its_label_alone_are_a_line_each(merged):
    """'年度绩效目标' alone, then '一、总体目标' and lines numbered '1.', '2.': a line each (the heading and the first
    line were joined, '一、总体目标1.完成…'); a line a list's number starts is no wrapped line's rest."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = ["一、总体目标", "1.完成农产品抽检2000批次。", "2.开展培训3期。"]
    rows = [["项目名称", "农产品质量检测", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标"] * merged, *([text] * merged for text in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert project.goal == "\n".join(lines)


def test_a_goal_wrapped_by_the_print_right_before_a_lists_number_is_one_line():
    """'年度绩效目标：…具体任务包括' over '1.服务器更新；2.系统迁移。' between the head and the table (a paragraph the
    print wrapped right before '1.'): the line's rest, joined (its rest was read as '说明', the goal cut, without a
    word); a number starts a line of its own only under a numbered line ('一、总体目标' over '1.完成…')."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    rows = [["项目名称", "平台运维", "主管部门", "某局"], ["项目资金（万元）", "85.50", "实施单位", "某站"]]
    rows += [["年度绩效目标：完成平台升级改造任务，本年度具体任务包括"], ["1.服务器更新；2.系统迁移。"]]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert project.goal == "完成平台升级改造任务，本年度具体任务包括1.服务器更新；2.系统迁移。"
    assert "说明" not in project.fields


@pytest.mark.parametrize("merged", [1, 4])
@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("资金来源：财政拨款", ("资金来源", "财政拨款")),  # a label no list knows, a short value: a field
        ("资金性质：一般公共预算", ("资金性质", "一般公共预算")),
        ("实施单位：某站负责具体实施。", None),  # a field's label before a sentence: the goal's first line
        ("目标：提升检测服务水平。", None),  # a label naming the goal or a time of it: the goal's
        ("上半年：完成设备招标采购。", None),
    ],
)
def test_a_line_under_a_goals_label_alone_is_a_field_by_its_values_shape(line, field, merged):
    """'年度绩效目标' alone, then 'label：value' in one cell, then the goal's lines, the head giving no such field: a
    field where a label of a few words naming no task has a short value ('资金来源：财政拨款': it was the goal's
    first line), the goal's first line where the value is a sentence ('实施单位：某站负责具体实施。': it was the
    field, the line lost from the goal) or the label names the goal or a time; silent before."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = [line, "完成农产品抽检2000批次。"]
    rows = [["项目名称", "农产品质量检测", "主管部门", "某局"], ["项目资金（万元）", "85.50", "项目类别", "检测类"]]
    rows += [["年度绩效目标"] * merged, *([text] * merged for text in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "设备完好率", "≥95%"]]
    doc = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n"))
    [project] = doc.projects
    label = line.split("：")[0]
    assert (doc.layout, project.goal, project.fields.get(label), project.department) == (
        "grid-form",
        "\n".join(lines[1:] if field else lines),
        field[1] if field else None,
        "某局",
    )


@pytest.mark.parametrize(
    ("next_page", "under", "label"),
    [
        ([], [], ""),
        ([["绩效指标", "产出指标", "质量指标", "验收合格率", "100%"]], [], "质量指标"),
        ([], ["填报人：张三"], "数量指标"),
        ([["绩效指标", "产出指标", "", "验收合格率", "100%"]], [], "数量指标"),
    ],
)
def test_a_level_cell_left_empty_at_a_pages_foot_is_a_new_group_not_the_one_above(next_page, under, label):
    """A PDF's grid spreads a merged level cell's label down its rows; the page's last row's 二级指标 cell empty under
    '数量指标' is the next group's, its label printed on the next page (质量指标), or on a page an extract does not
    hold. It took '数量指标' from the row above, silently; it is the next page's label, or left blank. A table closed
    by a sign-off under that row, or going on over the next page with that cell blank too (its levels written once,
    blank below), keeps the level above."""
    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    form = [
        *head("农业普查"),
        ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["绩效指标", "产出指标", "数量指标", "清查户数", "≥110万户"],
        ["绩效指标", "产出指标", "数量指标", "宣传类型", "≥10项"],
        ["绩效指标", "产出指标", "", "普查数据准确率", "≥95%"],
    ]
    table = paged(form, *([next_page] if next_page else []), edges=(grid, grid))
    table += [Row([text], len(table) + 1, page=1) for text in under]
    [project] = grid_form.parse(table).projects
    assert [i.level2 for i in project.indicators] == ["数量指标", "数量指标", label] + [label] * len(next_page)


@pytest.mark.parametrize(
    ("foot", "under", "levels", "said"),
    [
        (760.0, [], ("产出指标", "数量指标"), True),
        (300.0, [], ("产出指标", "数量指标"), False),
        (760.0, ["填报人：张三"], ("产出指标", "数量指标"), False),
        (760.0, [], ("满意度指标", "服务对象满意度指标"), False),
    ],
)
def test_a_goal_table_the_files_end_may_cut_is_said(foot, under, levels, said):
    """Some pages of a budget saved apart: the file's last page ends inside a project's table, its last row at the
    page's foot (as low as the full page before), nothing under it. The project kept its first indicators only,
    without a word; it is said, naming the page and the project. A table ending higher on its page, closed by a
    sign-off under it, or holding its 满意度指标 (a whole file whose last form fills its last page) is not said."""
    from importers import parse_rows

    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    first = [*head("甲项目"), ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"]]
    first += [["绩效指标", "产出指标", "数量指标", f"指标{n}", f"{n}个"] for n in range(1, 9)]
    second = [*head("乙项目"), ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"]]
    second += [["绩效指标", "产出指标", "数量指标", f"项{n}", f"{n}次"] for n in range(1, 3)]
    second += [["绩效指标", *levels, "项3", "≥90%"]]
    table = paged(first, second, edges=(grid, grid))
    for page, low in ((1, 760.0), (2, foot)):
        on_page = [row for row in table if row.page == page]
        for n, row in enumerate(on_page):
            row.foot = low - 40.0 * (len(on_page) - 1 - n)
    table += [Row([text], len(table) + 1, page=2, foot=foot + 20) for text in under]
    doc = parse_rows(table)
    assert [p.name for p in doc.projects] == ["甲项目", "乙项目"]
    cut = [w for w in doc.warnings if "乙项目" in w and "第 2 页" in w]
    assert bool(cut) == said and not [w for w in doc.warnings if "甲项目" in w]


@pytest.mark.parametrize(
    ("foot", "levels", "said"),
    [
        (770.0, ("产出指标", "数量指标"), True),
        (600.0, ("产出指标", "数量指标"), False),
        (770.0, ("满意度指标", "服务对象满意度指标"), False),
    ],
)
def test_a_goal_table_the_end_of_a_file_of_one_page_may_cut_is_said(foot, levels, said):
    """The same in a file of one page (a page saved apart): no other page tells how low its rows go, and a project cut
    at its foot kept its first indicators without a word. Its last row as low as the page's foot margin (of the page's
    height the reader gives) is said; higher up, or after its 满意度指标, not."""
    from importers import parse_rows

    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    form = [*head("甲项目"), ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"]]
    form += [["绩效指标", "产出指标", "数量指标", f"指标{n}", f"{n}个"] for n in range(1, 4)]
    form += [["绩效指标", *levels, "指标4", "≥90%"]]
    table = paged(form, edges=(grid,))
    for n, row in enumerate(table):
        row.foot = foot - 40.0 * (len(table) - 1 - n)
    doc = parse_rows(Rows(table, heights={1: 842.0}))
    assert [p.name for p in doc.projects] == ["甲项目"]
    assert bool([w for w in doc.warnings if "甲项目" in w and "第 1 页" in w]) == said
    assert not [w for w in parse_rows(table).warnings if "甲项目" in w]  # (no height given: not said)


@pytest.mark.parametrize("next_page", [[["绩效指标", "效益指标", "社会效益指标", "群众知晓率", "≥90%"]], []])
def test_a_table_writing_its_levels_once_keeps_the_level_above_on_a_two_row_groups_last_row(next_page):
    """Levels written once, blank below (each row's cells ruled, no merge to spread): a group of two rows whose second
    row ends a page (the next group on the next page) or the form (at the file's end, wherever on its page) looks like
    a merged cell's page-foot fragment, but the form's inner rows leave the cell blank under a named one too: the row
    keeps '时效指标'; it took the next page's '社会效益指标', or lost its level, silently."""
    grid = (16.6, 74.6, 141.8, 226.7, 355.4)
    form = [
        *head("农业普查"),
        ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
        ["绩效指标", "产出指标", "数量指标", "清查户数", "≥110万户"],
        ["绩效指标", "", "", "宣传类型", "≥10项"],
        ["绩效指标", "", "时效指标", "按时完成率", "100%"],
        ["绩效指标", "", "", "资料上报及时率", "100%"],
    ]
    table = paged(form, *([next_page] if next_page else []), edges=(grid, grid))
    [project] = grid_form.parse(table).projects
    levels = [i.level2 for i in project.indicators]
    assert levels == ["数量指标", "数量指标", "时效指标", "时效指标"] + ["社会效益指标"] * len(next_page)


@pytest.mark.parametrize("value", ["明确", "张伟"])
def test_a_sign_off_row_read_as_the_tail_on_a_ruled_grid_keeps_its_value(value):
    """A ruled print's '分管领导 | 明确 | |' in one cell under targets merged over three, over '填报人 | 王芳 | 审核人 |
    李强', taken as the table's tail by its cells: its value the sign-off's, read without judging the rows after it
    again (stop 65c's first version judged it with none after, a state's row closing its table, and lost it)."""
    grid = (54.0, 138.0, 222.0, 305.9)
    form = [
        ["项目名称", "农村公路养护", "农村公路养护", "农村公路养护"],
        ["主管部门", "某县交通运输局", "某县交通运输局", "某县交通运输局"],
        ["三级指标", "指标值", "指标值", "指标值"],
        ["养护里程", "≥120公里", "≥120公里", "≥120公里"],
        ["群众满意度", "≥90%", "≥90%", "≥90%"],
        ["分管领导", value, "", ""],
        ["填报人", "王芳", "审核人", "李强"],
    ]
    [project] = grid_form.parse(paged(form, edges=(grid,))).projects
    assert [i.name for i in project.indicators] == ["养护里程", "群众满意度"]
    assert (project.fields["分管领导"], project.fields["填报人"], project.fields["审核人"]) == (value, "王芳", "李强")
