"""Layout 'flat-sheet': exact records from the sample sheet, its variants, and detection on every seed."""

from __future__ import annotations

import random

import pytest

from conftest import ROOT, SEEDS
from importers.layouts import flat_sheet
from importers.readers.text import split_rows
from importers.records import Row

TEXT = (ROOT / "tests" / "fixtures" / "flat_sheet.tsv").read_text("utf-8")


def parse(text: str):
    return flat_sheet.parse(split_rows(text))


def test_projects_departments_and_amounts():
    doc = parse(TEXT)
    assert (doc.layout, doc.title, doc.year) == ("flat-sheet", "2023年部门项目支出绩效目标表", "2023")
    assert [(p.name, p.department, p.amount, p.amount_unit, len(p.indicators)) for p in doc.projects] == [
        ("城区道路养护工程", "某某区住房和城乡建设局", "1,250,000.00", "元", 8),
        ("公园绿地管护", "某某区住房和城乡建设局", "1,085,000.00", "元", 6),
        ("学生营养餐补助", "某某区教育局", "1,250,000.00", "元", 6),
    ]
    assert doc.projects[0].goal.startswith("完成城区主次干道")


@pytest.mark.parametrize(
    "project, index, expected",
    [
        # 成本指标 first; level cells only on the first row of their group
        (0, 0, ("成本指标", "经济成本指标", "道路养护单价", "≤85元/平方米", "")),
        (0, 1, ("成本指标", "生态环境成本指标", "施工扬尘污染事件", "=0", "起")),
        (0, 3, ("产出指标", "数量指标", "维修道路长度", "985米", "")),  # unit folded into the value
        (0, 4, ("产出指标", "质量指标", "养护工程验收合格率", "=100.00(%)", "")),
        (0, 6, ("效益指标", "社会效益指标", "道路通行条件", "明显改善", "")),
        (2, 1, ("成本指标", "社会成本指标", "食品安全事故", "=0(起)", "")),
        (2, 5, ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥95.00(%)", "")),
    ],
)
def test_indicators(project, index, expected):
    ind = parse(TEXT).projects[project].indicators[index]
    assert (ind.level1, ind.level2, ind.name, ind.target, ind.unit) == expected


def test_other_columns_kept_per_indicator():
    """The weight in its own field; the nature an operator column holds instead of a sign (定量), and every column
    no field claims, in the indicator's notes under their headers."""
    indicators = parse(TEXT).projects[0].indicators
    assert (indicators[0].weight, indicators[0].notes) == ("10", {"指标性质": "定量", "指标方向性": "反向"})
    assert all(ind.weight and ind.notes["指标方向性"] for ind in indicators)


def _shuffled(text: str) -> str:
    """Projects in another order (each keeps its department cell)."""
    lines = text.split("\n")
    head, body = lines[:6], lines[6:]
    starts = [i for i, line in enumerate(body) if line.count("\t") and line.split("\t")[1]]
    blocks = [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)])]
    for block in blocks:
        if not block[0].split("\t")[0]:
            block[0] = "某某区住房和城乡建设局" + block[0]
    random.Random(3).shuffle(blocks)
    return "\n".join(head + [line for block in blocks for line in block])


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\n\n"),
        lambda t: "\n".join("\t" + line for line in t.split("\n")),
        lambda t: "\n".join(line + "  " if line.strip() else line for line in t.split("\n")),
        lambda t: "\n".join(line.lstrip("\t") if line.startswith("\t\t\t\t\t") else line for line in t.split("\n")),
    ],
    ids=["crlf", "doubled-blank-lines", "extra-tab", "padded-cells", "lost-leading-cells"],
)
def test_variants_give_identical_records(variant):
    def strip(doc):
        return [
            (p.name, p.department, p.amount, [(i.level1, i.level2, i.name, i.target, i.unit) for i in p.indicators])
            for p in doc.projects
        ]

    assert strip(parse(variant(TEXT))) == strip(parse(TEXT))


def test_shuffled_projects_keep_their_indicators():
    by_name = lambda doc: {p.name: [(i.name, i.target) for i in p.indicators] for p in doc.projects}  # noqa: E731
    assert by_name(parse(_shuffled(TEXT))) == by_name(parse(TEXT))


def test_repeated_header_after_a_page_break_is_skipped():
    lines = TEXT.split("\n")
    text = "\n".join(lines[:12] + ["", lines[3]] + lines[12:])
    assert [len(p.indicators) for p in parse(text).projects] == [8, 6, 6]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_not_detected_on_the_seeds(path):
    assert flat_sheet.detect(split_rows(path.read_text("utf-8"))) < 0.5


@pytest.mark.parametrize("text", ["", "# README\n\nsome words\n", "1,2,3\n4,5,6\n", "项目名称\t金额\n甲\t1\n"])
def test_not_detected_on_junk(text):
    assert flat_sheet.detect(split_rows(text)) < 0.5


def test_detected():
    assert flat_sheet.detect(split_rows(TEXT)) == 1.0


def test_a_name_cell_over_several_blocks_gives_a_project_per_block():
    """Beijing's 项目名称 cell may hold several blocks, each its own 项目总额 and 绩效目标; where the name is printed
    on an earlier page, the rows of a later block come with a blank name: a project of that name, its own amount."""
    header = "项目名称\t项目总额\t绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
    rows = (
        "甲项目\t10\t目标一\t产出指标\t数量指标\t人数\t5人\n"
        "甲项目\t10\t目标一\t产出指标\t质量指标\t合格率\t100%\n"
        "\t20\t目标二\t产出指标\t数量指标\t次数\t3次\n"
        "\t20\t目标二\t效益指标\t社会效益指标\t影响\t好\n"
        "乙项目\t30\t目标三\t产出指标\t数量指标\t场次\t2场\n"
    )
    doc = parse(header + rows)
    assert [(p.name, p.amount, p.goal, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("甲项目", "10", "目标一", ["人数", "合格率"]),
        ("甲项目", "20", "目标二", ["次数", "影响"]),
        ("乙项目", "30", "目标三", ["场次"]),
    ]


def test_the_parts_of_the_money_under_a_parent_header_cell_are_kept_by_their_own_labels():
    """Beijing's header prints 其中： over two columns, 财政资金 and 其他资金, in a second row (the other header cells
    over both rows): each project keeps its money under those labels, the blank one left out."""
    header = (
        "项目名称\t项目总额\t其中：\t其中：\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
        "项目名称\t项目总额\t财政资金\t其他资金\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
    )
    rows = (
        "甲项目\t338.88\t271.31\t67.57\t目标一\t产出指标\t数量指标\t人数\t≥\t5\t人\n"
        "乙项目\t6.14\t\t6.14\t目标二\t产出指标\t数量指标\t次数\t＝\t3\t次\n"
    )
    doc = parse(header + rows)
    assert [(p.name, p.amount, p.fields) for p in doc.projects] == [
        ("甲项目", "338.88", {"财政资金": "271.31", "其他资金": "67.57"}),
        ("乙项目", "6.14", {"其他资金": "6.14"}),
    ]
    assert [(i.operator, i.target, i.unit) for p in doc.projects for i in p.indicators] == [
        ("≥", "5", "人"),
        ("＝", "3", "次"),
    ]


def test_the_total_and_shares_under_a_money_cell_spread_across_are_the_amount_and_fields():
    """Hebei's header spreads 资金来源（万元） over 合计 | 财政拨款 | 其他资金 | 上年结转 in a second row (the
    other header cells only in the first): the 合计 is the project's amount, in the unit the spread cell declares, and
    the shares are kept under their labels, as a one-row header (资金合计（万元）| 财政拨款 …) gives them."""
    header = (
        "项目名称\t项目类别\t资金来源（元）\t\t\t\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "\t\t合计\t财政拨款\t其他资金\t上年结转\t\t\t\t\t\n"
        "合计\t\t2680\t2600\t80\t0\t\t\t\t\t\n"
    )
    rows = "甲项目\t运转类\t2680\t2600\t80\t0\t目标一\t产出指标\t数量指标\t面积\t≥1850万平方米\n"
    doc = parse(header + rows)
    assert [(p.name, p.amount, p.amount_unit, p.fields) for p in doc.projects] == [
        ("甲项目", "2680", "元", {"项目类别": "运转类", "财政拨款": "2600", "其他资金": "80", "上年结转": "0"})
    ]
    assert [(i.name, i.target) for i in doc.projects[0].indicators] == [("面积", "≥1850万平方米")]


def test_a_money_cell_over_shares_without_a_total_keeps_its_amount():
    """项目资金（万元） over 财政拨款 | 其他资金 and no 合计 (the review of the change): the amount and its unit were
    lost to the shares' second header row; the money cell's column is the amount, as a one-row header reads it."""
    header = (
        "项目名称\t项目资金（万元）\t\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "\t财政拨款\t其他资金\t\t\t\t\t\n"
    )
    doc = parse(header + "甲项目\t2600\t80\t目标一\t产出指标\t数量指标\t面积\t≥1850万平方米\n")
    assert [(p.amount, p.amount_unit, p.fields) for p in doc.projects] == [("2600", "万元", {"其他资金": "80"})]


def test_a_qualitative_rows_printed_unit_is_kept_in_its_notes():
    """A row the nature column calls 定性 has no unit of its value, but the unit column may print one ('级'): kept as
    度量单位 in the row's notes, not in its target."""
    header = "项目名称\t项目总额\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
    doc = parse(header + "甲项目\t10\t目标\t效益指标\t社会效益指标\t骨干作用\t定性\t优\t级\n")
    (indicator,) = doc.projects[0].indicators
    assert (indicator.operator, indicator.target, indicator.unit) == ("", "优", "")
    assert indicator.notes == {"绩效指标性质": "定性", "度量单位": "级"}


def test_a_row_of_money_below_a_one_row_header_is_no_part_of_it():
    """Only a row repeating the header's cells, with shares of money under its blank or 其中 cells, is the header's
    second row: a group row '其他资金' under a one-row header, or a lone 财政资金 under the unit column, is not."""
    header = "项目名称\t项目总额\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"
    row = "甲项目\t10\t目标\t产出指标\t数量指标\t人数\t≥\t5\t人\n"
    for lower in ("其他资金\n", "\t\t\t\t\t\t\t\t财政资金\n"):
        doc = parse(header + lower + row)
        assert [(p.name, [(i.name, i.target, i.unit) for i in p.indicators]) for p in doc.projects] == [
            ("甲项目", [("人数", "5", "人")])
        ]


LEVELLESS = """项目名称\t指标名称\t指标值\t备注
社区养老服务补贴\t补贴发放人数\t≥500人\t
\t服务对象满意度\t≥90%\t抽样调查
儿童关爱项目\t关爱活动次数\t≥12次\t
儿童关爱项目\t项目完成及时率\t100%\t
"""


def test_a_sheet_without_level_columns_is_read():
    """The plainest sheet an officer keeps (项目名称 | 指标名称 | 指标值) was read by no layout: levels are left to the
    knowledge base's guess, the other columns kept in the indicators' notes."""
    doc = parse(LEVELLESS)
    read = [(p.name, [(i.level1, i.level2, i.name, i.target, i.notes) for i in p.indicators]) for p in doc.projects]
    assert read == [
        (
            "社区养老服务补贴",
            [("", "", "补贴发放人数", "≥500人", {}), ("", "", "服务对象满意度", "≥90%", {"备注": "抽样调查"})],
        ),
        ("儿童关爱项目", [("", "", "关爱活动次数", "≥12次", {}), ("", "", "项目完成及时率", "100%", {})]),
    ]


def test_a_sheet_without_level_columns_goes_to_flat_sheet():
    from importers.registry import detect_layout

    assert detect_layout(split_rows(LEVELLESS))[0].name == "flat-sheet"


@pytest.mark.parametrize("label", ["专项资金名称", "二级项目名称", "项目（政策）名称"])
def test_a_column_named_as_forms_name_a_project(label):
    doc = parse(LEVELLESS.replace("项目名称", label, 1))
    assert [p.name for p in doc.projects] == ["社区养老服务补贴", "儿童关爱项目"]


def test_a_numbered_sheet_with_an_operator_column_but_no_head_text_is_flat():
    """序号 and an operator column without a project's 概况, 预算 or 目标 is no 项目绩效目标汇总表 (summary-table)."""
    from importers.registry import detect_layout

    text = "序号\t项目名称\t指标名称\t运算符\t指标值\t单位\n1\t社区养老服务补贴\t补贴发放人数\t≥\t500\t人\n"
    assert detect_layout(split_rows(text))[0].name == "flat-sheet"
    indicator = parse(text).projects[0].indicators[0]
    assert (indicator.name, indicator.operator, indicator.target, indicator.unit) == ("补贴发放人数", "≥", "500", "人")


def test_the_words_officers_head_their_own_sheets_with():
    """项目 for 项目名称, 绩效指标 (or 指标) for the indicator's name after the level columns, 资金（万元） for the
    amount: a sheet headed so was read by no layout."""
    text = (
        "2025年某区民政局项目绩效目标汇总表\n"
        "序号\t项目\t资金（万元）\t一级指标\t二级指标\t绩效指标\t指标值\n"
        "1\t困难群众临时救助\t120\t产出指标\t数量指标\t救助人次\t≥800人次\n"
        "2\t困难群众临时救助\t120\t满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\n"
    )
    [project] = parse(text).projects
    assert (project.name, project.amount, project.amount_unit) == ("困难群众临时救助", "120", "万元")
    assert [(i.level1, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "救助人次", "≥800人次"),
        ("满意度指标", "救助对象满意度", "≥90%"),
    ]
    [project] = parse(text.replace("绩效指标", "指标")).projects
    assert [i.name for i in project.indicators] == ["救助人次", "救助对象满意度"]


@pytest.mark.parametrize(
    "money",
    [
        "本年预算金额(万元)",
        "资金金额（万元）",
        "年度预算金额（万元）",
        "预算资金（万元）",
        "2026年预算数",
        "项目预算（万元）",
        "申报金额（万元）",
        "预算安排（万元）",
        "项目总额（万元）",  # the whole period's total, when the sheet gives no year's
    ],
)
def test_a_sheets_money_column_in_the_words_forms_use(money):
    """The flat sheet kept a shorter list of money headers than the forms' (importers.columns): these amounts were
    lost. A share (财政拨款) is no project's money: kept as a field under its header."""
    text = (
        f"项目名称\t财政拨款（万元）\t{money}\t一级指标\t二级指标\t三级指标\t指标值\n"
        "临时救助\t100\t120\t产出指标\t数量指标\t救助人次\t≥800人次\n"
    )
    [project] = parse(text).projects
    assert (project.amount, project.fields) == ("120", {"财政拨款": "100"})
    [project] = parse(text.replace(f"\t{money}", "\t备注").replace("\t120", "\t")).projects
    assert (project.amount, project.fields) == ("", {"财政拨款": "100"})


def test_of_two_years_money_the_latest_is_the_projects():
    text = "项目名称\t2025年预算数\t2026年预算数\t三级指标\t指标值\n临时救助\t110\t120\t救助人次\t≥800人次\n"
    assert [p.amount for p in parse(text).projects] == ["120"]


@pytest.mark.parametrize(
    "header",
    [
        "项目名称\t一级\t二级\t三级指标名称\t年度目标值",  # short level headers: the levels were kept as project fields
        "预算项目\t一级指标\t二级指标\t三级指标\t指标值",
        "预算项目名称\t一级指标\t二级指标\t考核内容\t指标值",
        "项目名称\t一级指标\t二级指标\t考核指标\t指标值",
    ],
)
def test_more_headers_of_officers_own_sheets(header):
    [project] = parse(f"{header}\n社区养老\t成本指标\t经济成本指标\t人均补贴标准\t≤300元\n").projects
    assert project.name == "社区养老"
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("成本指标", "经济成本指标", "人均补贴标准", "≤300元")
    ]


@pytest.mark.parametrize("unit", ["预算单位", "实施单位", "主管单位", "资金使用单位", "责任单位", "牵头单位"])
@pytest.mark.parametrize("after", [False, True])
def test_a_column_of_government_units_is_no_unit_of_measure(unit, after):
    """A header ending in 单位 was taken for the unit of measure: the unit's name was glued to every target
    ('≥600件武汉市江汉区司法局')."""
    head, value = (
        ["序号", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
        ["1", "法律援助", "产出指标", "数量指标", "办案数", "≥600件"],
    )
    at = len(head) if after else 2
    head.insert(at, unit)
    value.insert(at, "某区司法局")
    [project] = parse("\t".join(head) + "\n" + "\t".join(value) + "\n").projects
    [indicator] = project.indicators
    assert (indicator.name, indicator.target, indicator.unit) == ("办案数", "≥600件", "")
    assert "某区司法局" in {*project.fields.values(), *indicator.notes.values(), project.department}


def test_indicators_one_a_line_in_a_sheets_cells_are_one_each():
    """A project's row whose indicator cells hold a line per indicator (typed with Alt+Enter) gave one indicator
    named by every line run together."""
    from importers.records import Row

    rows = [
        Row(["序号", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"], 1),
        Row(
            [
                "1",
                "法律援助",
                "产出指标\n产出指标\n满意度指标",
                "数量指标\n质量指标\n服务对象满意度指标",
                "办案数\n结案率\n受援人满意度",
                "≥600件\n≥95%\n≥95%",
            ],
            2,
        ),
        Row(["2", "普法宣传", "产出指标", "数量指标", "宣传场次", "≥20场"], 3),
    ]
    projects = flat_sheet.parse(rows).projects
    assert [(p.name, [(i.level1, i.level2, i.name, i.target) for i in p.indicators]) for p in projects] == [
        (
            "法律援助",
            [
                ("产出指标", "数量指标", "办案数", "≥600件"),
                ("产出指标", "质量指标", "结案率", "≥95%"),
                ("满意度指标", "服务对象满意度指标", "受援人满意度", "≥95%"),
            ],
        ),
        ("普法宣传", [("产出指标", "数量指标", "宣传场次", "≥20场")]),
    ]
    wrapped = [rows[0], Row(["1", "法律援助", "产出指标", "数量指标", "法律援助案件\n办理数", "≥600\n件"], 2, page=1)]
    [project] = flat_sheet.parse(wrapped).projects  # a PDF cell's lines are its wrapping
    assert [(i.name, i.target) for i in project.indicators] == [("法律援助案件办理数", "≥600件")]


def test_a_sheet_of_self_evaluations_is_read_as_self_evaluations():
    """A 自评结果汇总表 (one row an indicator, 全年实际值 and 得分 beside the target) was refused as 'a self-evaluation,
    not a goal table' under its title, or read as goal tables without their actuals under another."""
    from importers import parse_rows

    text = (
        "2023年度项目支出绩效自评结果汇总表\n"
        "序号\t项目名称\t预算数（万元）\t执行数（万元）\t执行率\t一级指标\t三级指标\t年度指标值\t全年实际值\t分值\t得分\t未完成原因\n"
        "1\t农村公路养护\t500.00\t480.00\t96%\t产出指标\t养护里程\t≥1250公里\t1268公里\t20\t20\t\n"
        "1\t农村公路养护\t500.00\t480.00\t96%\t产出指标\t优良路率\t≥80%\t78.5%\t20\t18\t汛期水毁\n"
        "2\t污水处理补助\t300.00\t300.00\t100%\t满意度指标\t群众满意度\t≥90%\t92%\t10\t10\t\n"
    )
    for title in ("", text.splitlines()[0] + "\n"):
        doc = parse_rows(split_rows(title + "\n".join(text.splitlines()[1:]) + "\n"))
        assert [(p.kind, p.name, p.amount, p.fields.get("执行率")) for p in doc.projects] == [
            ("self_evaluation", "农村公路养护", "500.00", "96%"),
            ("self_evaluation", "污水处理补助", "300.00", "100%"),
        ]
        row = doc.projects[0].indicators[1]
        assert (row.name, row.target, row.actual, row.weight, row.score, row.notes) == (
            "优良路率",
            "≥80%",
            "78.5%",
            "20",
            "18",
            {"未完成原因": "汛期水毁"},
        )


def test_a_summary_of_self_evaluations_in_other_words():
    """全年预算数 beside 年初预算数 is the amount (none was taken), and a reasons column headed with 和 (未完成原因和
    改进措施) is a note like 及's (the reason was lost)."""
    from importers import parse_rows

    text = (
        "序号\t项目名称\t年初预算数（万元）\t全年预算数（万元）\t全年执行数（万元）\t一级指标\t三级指标\t年度目标值\t"
        "全年实际值\t分值\t得分\t未完成原因和改进措施\n"
        "1\t林业有害生物防治\t120.00\t135.00\t131.20\t产出指标\t防治面积\t≥3万亩\t3.1万亩\t20\t20\t\n"
        "1\t林业有害生物防治\t120.00\t135.00\t131.20\t产出指标\t病虫害防治及时率\t≥95%\t92%\t20\t19\t夏季降雨偏多\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert (project.kind, project.amount) == ("self_evaluation", "135.00")
    assert project.indicators[1].notes == {"未完成原因和改进措施": "夏季降雨偏多"}


def test_a_summarys_score_and_grade_of_each_project_are_its_fields():
    """自评得分 | 自评等级 beside the rows (on a project's first row, or merged down its rows) were kept in each row's
    notes, not as the self-evaluation's."""
    from importers import parse_rows

    text = (
        "序号\t项目名称\t一级指标\t三级指标\t年度指标值\t全年实际值\t分值\t得分\t自评得分\t自评等级\n"
        "1\t林业有害生物防治\t产出指标\t防治面积\t≥3万亩\t3.1万亩\t20\t20\t95.5\t优\n"
        "1\t林业有害生物防治\t产出指标\t防治及时率\t≥95%\t92%\t20\t19\t\t\n"
        "2\t污水处理补助\t满意度指标\t群众满意度\t≥90%\t92%\t10\t10\t100\t优\n"
    )
    first, second = parse_rows(split_rows(text)).projects
    assert [(p.fields["自评得分"], p.fields["自评等级"]) for p in (first, second)] == [("95.5", "优"), ("100", "优")]
    assert [i.notes for i in first.indicators] == [{}, {}]


@pytest.mark.parametrize("signs", ["运算符", "计算符号"])
def test_a_column_of_signs_beside_one_of_natures_is_the_operator(signs):
    """指标性质 (定量/定性) | 运算符 (≥ = ≤): the nature column was taken for the operator, the signs went to notes
    and every target lost its sign ('150家' for ≥150家)."""
    from importers import parse_rows

    text = (
        f"项目名称\t一级指标\t三级指标\t指标性质\t{signs}\t指标值\t计量单位\n"
        "科技企业培育\t产出指标\t培育企业数\t定量\t≥\t150\t家\n"
        "科技企业培育\t效益指标\t创新能力\t定性\t\t明显提升\t\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.name, i.operator, i.target, i.unit, i.notes) for i in project.indicators] == [
        ("培育企业数", "≥", "150", "家", {"指标性质": "定量"}),
        ("创新能力", "", "明显提升", "", {"指标性质": "定性"}),
    ]


def test_units_own_goals_with_a_summary_row_and_their_goal_column():
    """A sheet of units' own goals: 整体绩效目标 was a field, not the goal; the summary row above the units
    (某局（汇总） | 7091.0, no indicators) was a department-wide record of its own."""
    from importers import parse_rows

    text = (
        "单位名称\t资金总额（万元）\t整体绩效目标\t一级指标\t三级指标\t指标值\n"
        "株洲市教育局（汇总）\t7091.0\t\t\t\t\n"
        "株洲市第一中学\t3200.0\t保障教学运转。\t产出指标\t在校学生数\t≥2400人\n"
        "株洲市第二中学\t3891.0\t改善办学条件。\t产出指标\t教室改造数\t≥12间\n"
    )
    doc = parse_rows(split_rows(text))
    assert [(p.kind, p.name, p.goal, len(p.indicators)) for p in doc.projects] == [
        ("department", "株洲市第一中学", "保障教学运转。", 1),
        ("department", "株洲市第二中学", "改善办学条件。", 1),
    ]


def test_a_pages_running_head_among_the_rows_is_no_indicator():
    """'某局（本级） | 单位：万元' printed at the top of page 2 became an indicator of the project the break cut."""
    from importers.records import Row

    rows = [
        Row(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1),
        Row(["食品安全抽检", "产出指标", "数量指标", "抽检批次", "≥1200批次"], 2, page=1),
        Row(["某区卫生健康局（本级）", "单位：万元"], 3, page=2),
        Row(["", "", "质量指标", "不合格食品核查处置率", "=100%"], 4, page=2),
    ]
    [project] = flat_sheet.parse(rows).projects
    assert [(i.level2, i.name) for i in project.indicators] == [
        ("数量指标", "抽检批次"),
        ("质量指标", "不合格食品核查处置率"),
    ]


YUNNAN = (
    "单位名称、项目名称\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t指标属性\t指标内容\n"
    "昆明市林业和草原局\t\t\t\t\t\t\t\t\t\n"
    "昆明市林业和草原局（本级）\t\t\t\t\t\t\t\t\t\n"
    "森林防火物资储备\t储备扑救物资。\t产出指标\t数量指标\t扑火队员人数\t≥\t260\t人\t定量指标\t扑火队员人数情况\n"
    "森林防火物资储备\t储备扑救物资。\t效益指标\t生态效益指标\t森林资源安全\t定性\t有效保障\t\t定性指标\t森林资源安全情况\n"
    "林业档案数字化加工\t完成档案数字化。\t产出指标\t质量指标\t成果质量合格率\t≥\t99\t%\t定量指标\t成果质量合格率情况\n"
)


def test_a_column_of_unit_lines_and_their_projects_named_by_both_words():
    """单位名称、项目名称 (云南's 预算管理一体化 printout: a unit's line, then its projects): the column was no name
    column, the table was read as one form and its 3 projects as one department-wide record of 27 indicators."""
    from importers import parse_rows

    doc = parse_rows(split_rows(YUNNAN))
    assert doc.layout == "flat-sheet"
    assert [(p.kind, p.name, p.department, p.goal, len(p.indicators)) for p in doc.projects] == [
        ("project", "森林防火物资储备", "昆明市林业和草原局（本级）", "储备扑救物资。", 2),
        ("project", "林业档案数字化加工", "昆明市林业和草原局（本级）", "完成档案数字化。", 1),
    ]


def test_a_column_headed_project_annual_goal_is_the_goal():
    """项目年度绩效目标 beside 单位名称、项目名称 (云南): the goal was kept as a field, the project had none."""
    from importers import parse_rows

    doc = parse_rows(split_rows(YUNNAN.replace("\t年度绩效目标", "\t项目年度绩效目标", 1)))
    assert [(p.goal, p.fields) for p in doc.projects] == [("储备扑救物资。", {}), ("完成档案数字化。", {})]


@pytest.mark.parametrize(
    "head, cells",
    [("指标方向\t计算符号", ("正向指标\t≥", "反向指标\t≤")), ("指标性质\t指标方向", ("定量\t≥", "定量\t≤"))],
)
def test_a_column_named_for_its_signs_after_a_direction_column_is_the_operator(head, cells):
    """指标方向 (正向/反向指标) | 计算符号 (≥ ≤): the direction column was taken for the operator, the signs went to
    notes and every target lost its sign ('150家' for ≥150家); a 指标方向 of signs after 指标性质 stays the operator."""
    from importers import parse_rows

    text = f"项目名称\t一级指标\t三级指标\t{head}\t指标值\t计量单位\n" + "".join(
        f"科技企业培育\t产出指标\t指标{k}\t{signs}\t{value}\n"
        for k, (signs, value) in enumerate(zip(cells, ("150\t家", "3\t天")))
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.operator, i.target, i.unit) for i in project.indicators] == [("≥", "150", "家"), ("≤", "3", "天")]


@pytest.mark.parametrize("label", ["单位名称/项目名称", "单位/项目名称", "单位名称／项目名称"])
def test_a_column_of_unit_lines_and_their_projects_named_by_both_words_joined_by_a_slash(label):
    """The same column headed 单位名称/项目名称 or 单位/项目名称 (a district's 一体化 printout, unit lines with their
    subtotal): the table was no goal table and the import failed; its projects are read with their units."""
    from importers import parse_rows

    text = (
        f"{label}\t项目金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "深圳市南山区教育局\t4,600,000.00\t\t\t\t\t\n"
        "深圳市南山区教育局（本级）\t3,460,000.00\t\t\t\t\t\n"
        "课后服务经费\t3,460,000.00\t落实双减。\t产出指标\t数量指标\t开展课后服务学校数\t≥286所\n"
        "课后服务经费\t3,460,000.00\t落实双减。\t满意度指标\t服务对象满意度指标\t家长满意度\t≥92%\n"
        "深圳市南山区教育科学研究院\t1,140,000.00\t\t\t\t\t\n"
        "教育科研成果归档\t1,140,000.00\t完成归档。\t产出指标\t质量指标\t成果合格率\t≥99%\n"
    )
    doc = parse_rows(split_rows(text))
    assert doc.layout == "flat-sheet"
    assert [(p.name, p.department, p.amount, len(p.indicators)) for p in doc.projects] == [
        ("课后服务经费", "深圳市南山区教育局（本级）", "3,460,000.00", 2),
        ("教育科研成果归档", "深圳市南山区教育科学研究院", "1,140,000.00", 1),
    ]


def test_a_goal_cell_cut_by_the_page_break_keeps_its_rest():
    """A Word table's merged goal cell flows on over the next page, whose rows leave the name and amount blank: the
    goal was cut at the page's foot ('…提供助'); its rest is joined once (printed in every row the cell covers)."""
    from importers.records import Row

    meal = ["老年助餐补贴", "1386.72", "对食堂给予补贴，全年提供助"]
    rest = ["", "", "餐服务85万人次。"]
    rows = [
        Row(["项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1),
        Row([*meal, "产出指标", "数量指标", "食堂数量", "≥62个"], 2, page=1),
        Row([*meal, "产出指标", "数量指标", "助餐人次", "≥85万人次"], 3, page=1),
        Row(["2026年项目支出绩效目标表"], 4, page=2),  # the sheet's title repeated atop the page
        Row([*rest, "产出指标", "质量指标", "抽检合格率", "=100%"], 4, page=2),
        Row([*rest, "满意度指标", "服务对象满意度指标", "满意度", "≥90%"], 5, page=2),
        Row(["困难群众救助", "2864.18", "按时发放救助资金。", "产出指标", "数量指标", "救助人数", "≥4860"], 6, page=2),
    ]
    doc = flat_sheet.parse(rows)
    assert [(p.name, p.goal, len(p.indicators)) for p in doc.projects] == [
        ("老年助餐补贴", "对食堂给予补贴，全年提供助餐服务85万人次。", 4),
        ("困难群众救助", "按时发放救助资金。", 1),
    ]


def test_a_centred_name_cells_lines_straddling_the_page_break_are_one_project():
    """A merged name cell centred on its project's rows, the page breaking inside it: LibreOffice prints its first
    lines on the page before ('基层干部培训'), the rest atop the next page, where the amount's part and the level 1's
    are blank ('经费', printed in every row the cell covers), or the level 1's holds its label's rest ('产出指' ⏎ '标',
    the label made whole by `importers._whole_levels`). It had been a project of its own, its indicators without the
    group's label, silently. A new project atop the page, with its own amount and label, stays one."""
    from importers.records import Row

    levels = ["产出指标", "数量指标"]
    rows = [
        Row(["序号", "项目名称", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"], 1, 1),
        Row(["1", "农村饮水工程", "354.00", "保障群众安全饮水。", *levels, "维修处数", "≥120处"], 2, page=1),
        Row(["2", "基层干部培训", "617.00", "开展基层干部培训二千", *levels, "培训人次", "≥2500"], 3, page=1),
        Row(["", "经费", "", "五百人次。", "", "", "培训天数", "≥5天"], 4, page=2),
        Row(["", "经费", "", "五百人次。", "", "质量指标", "考核合格率", "≥95%"], 5, page=2),
    ]
    first, second = flat_sheet.parse(rows).projects
    assert (second.name, second.goal) == ("基层干部培训经费", "开展基层干部培训二千五百人次。")
    assert [(i.level1, i.level2, i.name) for i in second.indicators] == [
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "数量指标", "培训天数"),
        ("产出指标", "质量指标", "考核合格率"),
    ]
    new = Row(["3", "道路养护资金", "255.00", "推进道路养护。", *levels, "养护里程", "≥35公里"], 4, page=2)
    projects = flat_sheet.parse([*rows[:3], new]).projects
    assert [p.name for p in projects] == ["农村饮水工程", "基层干部培训", "道路养护资金"]
    cut = Row(["2", "基层干部培", "617.00", "开展基层干部培训二千", "产出指", "数量指标", "培训人次", "≥2500"], 3, 1)
    rest = [Row(["", "训经费", "", "五百人次。", "标", *row.cells[5:]], row.line, row.page) for row in rows[3:]]
    second = flat_sheet.parse([*rows[:2], cut, *rest]).projects[1]
    assert second.name == "基层干部培训经费"
    assert [(i.level1, i.level2) for i in second.indicators] == [("产出指", "数量指标")] * 2 + [("产出指", "质量指标")]


def test_a_new_project_below_the_last_ones_rows_on_the_next_page_is_no_names_rest():
    """A name's rest goes on only atop the next page, on its first row: a new project below a row of the last
    one's on that page, its number, amount and level 1 blank there (no money; the cells centred lower), had been
    glued to it ('农村饮水工程基层干部培训经费', its goal and indicators with it), silently; and so had one atop the
    page numbered before its name ('2', an unruled page's first row)."""
    from importers.records import Row

    levels = ["产出指标", "数量指标"]
    rows = [
        Row(["序号", "项目名称", "预算金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"], 1, 1),
        Row(["1", "农村饮水工程", "354.00", "保障群众安全饮水。", *levels, "维修处数", "≥120处"], 2, page=1),
        Row(["", "", "", "", "", "", "水质合格率", "≥95%"], 3, page=2),
        Row(["", "基层干部培训经费", "", "开展基层干部培训。", "", "", "培训人次", "≥2500"], 4, page=2),
        Row(["", "基层干部培训经费", "", "开展基层干部培训。", *levels, "培训天数", "≥5天"], 5, page=2),
    ]
    first, second = flat_sheet.parse(rows).projects
    assert (first.name, first.goal) == ("农村饮水工程", "保障群众安全饮水。")
    assert [i.name for i in first.indicators] == ["维修处数", "水质合格率"]
    assert (second.name, second.goal) == ("基层干部培训经费", "开展基层干部培训。")
    assert [i.name for i in second.indicators] == ["培训人次", "培训天数"]
    numbered = [Row(["2", *row.cells[1:]], row.line, row.page) for row in rows[3:]]  # atop the page, its own number
    first, second = flat_sheet.parse([*rows[:2], *numbered]).projects
    assert (first.name, second.name) == ("农村饮水工程", "基层干部培训经费")
    assert [i.name for i in second.indicators] == ["培训人次", "培训天数"]


def test_a_goals_rest_on_the_next_page_is_joined_though_it_stands_earlier_in_the_goal():
    """The rest cut off by the page break ('度') also stands earlier in the goal (年度): it was taken for text
    printed on both pages and dropped ('…提升居民满意'); only a goal that already ends with it keeps it once."""
    from importers.records import Row

    first = ["老旧小区改造", "2400.00", "完成2026年度12个老旧小区改造，提升居民满意"]
    rest = ["", "", "度"]
    rows = [
        Row(["项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1),
        Row([*first, "产出指标", "数量指标", "改造小区数", "=12个"], 2, page=1),
        Row([*rest, "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"], 3, page=2),
        Row([*rest, "效益指标", "社会效益指标", "居住条件", "明显改善"], 4, page=2),
    ]
    [project] = flat_sheet.parse(rows).projects
    assert (project.goal, len(project.indicators)) == ("完成2026年度12个老旧小区改造，提升居民满意度", 3)


def test_a_target_spread_over_its_parts_whose_value_part_names_no_field():
    """指标值 over 符号 | 值 | 单位 (a two-row header): '值' named no column, the target was lost and the table was
    read by no layout; the part naming nothing under a spread 指标值 is its value."""
    from importers import parse_rows

    text = (
        "项目名称\t预算金额\t一级指标\t三级指标\t指标值\t指标值\t指标值\n"
        "项目名称\t预算金额\t一级指标\t三级指标\t符号\t值\t单位\n"
        "水源地水质监测\t265.80\t产出指标\t监测样品数\t≥\t1,296\t个\n"
        "水源地水质监测\t265.80\t效益指标\t饮水安全保障水平\t\t有效提升\t\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.name, i.operator, i.target, i.unit) for i in project.indicators] == [
        ("监测样品数", "≥", "1,296", "个"),
        ("饮水安全保障水平", "", "有效提升", ""),
    ]


def test_a_projects_own_department_column_names_its_department():
    """A sheet with 项目主管部门 and 项目执行单位 columns (as a 区县 budget prints them): the projects had no
    department; the 项目主管部门 column gives it now, and the same labels name a form's department and unit."""
    from importers.columns import head_field

    doc = parse(
        "项目名称\t项目主管部门\t项目执行单位\t项目资金\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "课后服务补助\t某区教委\t某区实验小学\t3460\t做好课后服务\t产出指标\t数量指标\t覆盖学校数\t≥120所\n"
    )
    assert [(p.name, p.department, p.amount) for p in doc.projects] == [("课后服务补助", "某区教委", "3460")]
    assert (head_field("项目主管部门"), head_field("项目执行单位")) == ("department", "implementing_unit")


def test_a_second_table_on_the_sheet_under_its_title_and_填报单位_line():
    """Two units' tables one under the other on a sheet, each under the title and its '填报单位：' line (merged across,
    spread over every cell): the second title and its unit line were each a project, its indicator the line itself;
    the projects are the two named, each its unit's (importers.cover)."""
    from importers import parse_rows

    title = "\t".join(["2026年项目支出绩效目标表"] * 5)
    head = "项目名称\t一级指标\t二级指标\t三级指标\t指标值"

    def table(unit: str, name: str) -> str:
        return f"{title}\n填报单位：{unit}\t填报单位：{unit}\t填报单位：{unit}\t\t单位：万元\n{head}\n" + (
            f"{name}\t产出指标\t数量指标\t{name}人次\t≥800人次\n{name}\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\n"
        )

    doc = parse_rows(split_rows(table("某市社会福利中心", "养老服务补助") + "\n" + table("某市救助中心", "临时救助")))
    assert [(p.name, p.department, len(p.indicators)) for p in doc.projects] == [
        ("养老服务补助", "某市社会福利中心", 2),
        ("临时救助", "某市救助中心", 2),
    ]


def test_a_unit_line_between_two_tables_merged_across_the_grid():
    """One title, then each unit's table under its own '单位：某局' line (the second table without a header, the line
    merged across its grid, spread over every cell): the line was a project, its indicator the line itself; it is the
    unit of the projects under it (importers.cover), as '填报单位：' is."""
    from importers import parse_rows

    def table(unit: str, name: str) -> str:
        return "\t".join([f"单位：{unit}"] * 5) + (
            f"\n{name}\t产出指标\t数量指标\t{name}人次\t≥800人次\n{name}\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\n"
        )

    head = "某县2026年项目支出绩效目标表\n项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
    doc = parse_rows(split_rows(head + table("某县水利局", "水库除险加固") + table("某县交通运输局", "农村公路养护")))
    assert [(p.name, p.department, len(p.indicators)) for p in doc.projects] == [
        ("水库除险加固", "某县水利局", 2),
        ("农村公路养护", "某县交通运输局", 2),
    ]


def test_both_levels_in_one_column():
    """A long table whose one column holds both levels ('产出指标-数量指标' under 一级指标-二级指标 or 一、二级指标):
    the indicators had no levels, the joined pair kept as a field; a code before one level is no pair."""
    for header in ("一级指标-二级指标", "一、二级指标"):
        doc = parse(
            f"项目名称\t{header}\t三级指标\t年度指标值\t中期指标值\n"
            "公交运营补贴\t产出指标-数量指标\t补贴线路数\t≥48条\t≥48条\n"
            "公交运营补贴\t成本指标－社会成本指标\t票价影响\t无明显影响\t无明显影响\n"
        )
        assert [(i.level1, i.level2, i.name, i.target) for i in doc.projects[0].indicators] == [
            ("产出指标", "数量指标", "补贴线路数", "≥48条"),
            ("成本指标", "社会成本指标", "票价影响", "无明显影响"),
        ]
        assert doc.projects[0].fields == {}
    from importers.level_words import split_levels

    assert (split_levels("11-数量指标"), split_levels("产出指标")) == (None, None)


def test_a_row_word_broke_over_a_page_is_one_indicator():
    """Word lets a table's row break over a page: the name's first line and the target at the page's foot, the
    name's rest (and a cut project name, department, level or note) atop the next page. The rest was an indicator of
    its own without a target, or a project named '浚维护'. Not where the reader saw the name end at the foot (a
    short last line, `Row.ends`), nor where the row atop has a target: indicators of their own."""
    from importers.records import Row

    header = Row(["项目名称", "主管部门", "一级指标", "二级指标", "三级指标", "指标值", "评分标准"], 1, page=1)
    first = ["港口航道疏", "某市交通运", "效益指标", "可持续影响", "航道长期通", "稳步提升", "完成得满"]
    name, unit = "港口航道疏浚维护", "某市交通运输局"
    rows = [
        header,
        Row([name, unit, "产出指标", "数量指标", "疏浚土方量", "≥15万立方米", "满分"], 2, page=1),
        Row(first, 3, page=1),
        Row(["浚维护", "输局", "", "指标", "航能力", "", "分"], 4, page=2),
        Row([name, unit, "满意度指标", "服务对象满意度指标", "企业满意度", "≥85%", ""], 5, page=2),
    ]
    [project] = flat_sheet.parse(rows).projects
    assert [(i.level2, i.name, i.target, i.notes.get("评分标准")) for i in project.indicators] == [
        ("数量指标", "疏浚土方量", "≥15万立方米", "满分"),
        ("可持续影响指标", "航道长期通航能力", "稳步提升", "完成得满分"),
        ("服务对象满意度指标", "企业满意度", "≥85%", None),
    ]
    ended = [*rows[:2], Row(first, 3, page=1, ends=frozenset({4})), *rows[3:]]
    assert len(flat_sheet.parse(ended).projects) > 1  # the name ended: the row atop is not its rest
    targeted = [*rows[:3], Row(["", "", "", "", "航能力", "=1项", ""], 4, page=2), rows[4]]
    names = [i.name for p in flat_sheet.parse(targeted).projects for i in p.indicators]
    assert names[1:3] == ["航道长期通", "航能力"]  # the row atop has a target: an indicator of its own


def test_a_sign_off_opening_with_the_units_seal_gives_each_project_its_fields():
    """A flat sheet's sign-off '填报单位（盖章） | 某县民政局 | 填报日期 | 2026年1月5日' under its projects, alone
    or over '联系人 | 张三 | …': the projects' fields, as any sign-off's (it was read as a unit line, of a table after
    it, and its fields lost). Such a line above a table's header is that table's unit line, no sign-off."""
    head = "项目名称\t主管部门\t一级指标\t二级指标\t三级指标\t指标值\n"
    body = "社区居家养老服务\t某县民政局\t产出指标\t数量指标\t服务老人人次\t≥5000人次\n"
    seal = "填报单位（盖章）\t某县民政局\t填报日期\t2026年1月5日\t\t\n"
    for tail, more in (("", {}), ("联系人\t张三\t联系电话\t0791-86661234\t\t\n", {"联系人": "张三"})):
        [project] = parse(head + body + seal + tail).projects
        assert project.fields == {"填报单位（盖章）": "某县民政局", "填报日期": "2026年1月5日", **more} | (
            {"联系电话": "0791-86661234"} if more else {}
        )
    other = "城乡人居环境整治\t某县住建局\t产出指标\t数量指标\t整治村庄数\t30个\n"
    doc = parse(head + body + "填报单位：某县住建局\t\t填报日期\t2026年1月5日\t\t\n" + head + other)
    assert [(p.name, p.fields) for p in doc.projects] == [("社区居家养老服务", {}), ("城乡人居环境整治", {})]


def test_a_project_name_word_broke_over_a_page_is_one_project():
    """A flat Word table writes its project's name on every row; Word breaks a row over the page, the name's rest
    ('疏通', with a level's or the target's rest) alone atop the next page. It was a unit row, and the cut name a
    project of its own ('城区排水管网清淤'), the next rows another. The name made whole is the one written on the row
    after it, or before it (the project's last row cut, the next project after); a unit row atop a page whose name
    neither row writes stays the unit of the projects below it."""
    from importers.records import Row

    name, other = "城区排水管网清淤疏通", "农村公路安全生命防护工程"
    header = Row(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1)
    first = Row([name, "产出指标", "数量指标", "清淤管网长度", "≥120公里"], 2, page=1)
    cut = Row(
        ["城区排水管网清淤", "产出指标", "时效指标", "完工时间", "2027年10月底"], 3, page=1, ends=frozenset({1, 2, 3})
    )
    rest = Row(["疏通", "", "", "", "前"], 4, page=2)
    after = Row([name, "满意度指标", "服务对象满意度指标", "市民满意度", "≥88%"], 5, page=2)
    [project] = flat_sheet.parse([header, first, cut, rest, after]).projects
    assert [(i.name, i.target) for i in project.indicators] == [
        ("清淤管网长度", "≥120公里"),
        ("完工时间", "2027年10月底前"),
        ("市民满意度", "≥88%"),
    ]
    last = Row([other, "产出指标", "数量指标", "防护栏安装长度", "≥35公里"], 5, page=2)
    doc = flat_sheet.parse([header, first, cut, rest, last])
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [(name, 2), (other, 1)]
    cut = Row(["城区排水管网清淤", "产出指标", "时效指标", "清淤完成时", "2027年10月底"], 3, page=1)
    rest = Row(["疏通", "", "", "间", "前"], 4, page=2)  # (every cell ran on: the indicator's and target's rests too)
    [project] = flat_sheet.parse([header, first, cut, rest, after]).projects
    assert (project.indicators[1].name, project.indicators[1].target) == ("清淤完成时间", "2027年10月底前")
    unit = Row(["某县住建局", "", "", "", ""], 4, page=2)
    doc = flat_sheet.parse([header, first, Row([name, *cut.cells[1:4], "2027年10月底前"], 3, page=1), unit, last])
    assert [(p.name, p.department) for p in doc.projects] == [(name, ""), (other, "某县住建局")]


@pytest.mark.parametrize("more", [[], [["", "", "", "", "审核人", "李强"]]])
def test_a_sign_off_of_one_label_laid_out_as_the_indicators_closes_a_flat_sheet(more):
    """'| | | | 填报人 | 王芳' under a flat sheet's last project, alone or over '| | | | 审核人 | 李强' (a Word table's
    rows, levels and names blank): the sign-off, each project's fields, as nothing but the sign-off follows it
    (`columns.sign_off`); it was the last project's indicators. Among the indicators it stays one."""
    head = ["项目名称", "主管部门", "一级指标", "二级指标", "三级指标", "指标值"]
    body = [["社区居家养老服务", "某县民政局", "产出指标", "数量指标", "服务老人人次", "≥5000人次"]]
    owner = ["", "", "", "", "项目负责人", "到位"]
    rows = [head, *body, ["", "", "", "", "填报人", "王芳"], *more]
    [project] = parse("\n".join("\t".join(row) for row in rows)).projects
    assert [i.name for i in project.indicators] == ["服务老人人次"]
    assert project.fields == {"填报人": "王芳", **{label: value for *_, label, value in more}}
    [project] = parse("\n".join("\t".join(row) for row in [head, *body, owner, *body])).projects
    assert [i.name for i in project.indicators] == ["服务老人人次", "项目负责人", "服务老人人次"]


def test_a_project_atop_a_page_is_no_rest_of_the_row_before():
    """The name-rest rule ('城区道路维' ⏎ '修') joins the one row atop a page: the next project's first row under that
    rest, or atop the page over the sheet's sign-off ('| | | 填报人 | 王芳', no name: no project going on), is a
    project of its own. Both were glued to the last row of the page before ('城区道路维修社区居家养老服务',
    '群众满意度服务老人人次'), the project before cut in two, without a word."""
    from importers.records import Row

    header = Row(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1)
    first = Row(["城区道路维修", "产出指标", "数量指标", "维修道路长度", "≥12公里"], 2, page=1)
    last = Row(["城区道路维修", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"], 3, page=1)
    cut = Row(["城区道路维", "满意度指标", "服务对象满", "群众满意度", "≥90%"], 3, page=1, ends=frozenset({4}))
    rest = Row(["修", "", "意度指标", "", ""], 4, page=2)
    other = Row(["社区居家养老服务", "产出指标", "数量指标", "服务老人人次", "≥5000人次"], 5, page=2)
    more = Row(["", "效益指标", "社会效益指标", "服务覆盖率", "≥95%"], 6, page=2)
    signed = Row(["", "", "", "填报人", "王芳"], 6, page=2)
    for rows in ([first, last, other, signed], [first, cut, rest, other, more], [first, cut, rest, other, signed]):
        road, care = flat_sheet.parse([header, *rows]).projects
        assert (road.name, [i.target for i in road.indicators]) == ("城区道路维修", ["≥12公里", "≥90%"])
        assert (care.name, care.indicators[0].target) == ("社区居家养老服务", "≥5000人次")


def test_a_years_and_a_spans_target_each_over_sign_value_and_unit():
    """年度指标值 and 中期指标值 side by side, each over 符号 | 数值 | 度量单位 (a two-row header): the target was the
    year's sign alone ('≥'), its value and unit lost; the year's and the span's sign, value and unit now."""
    doc = parse(
        "项目名称\t三级指标\t指标方向\t年度指标值\t年度指标值\t年度指标值\t中期指标值\t中期指标值\t中期指标值\n"
        "项目名称\t三级指标\t指标方向\t符号\t数值\t度量单位\t符号\t数值\t度量单位\n"
        "农村公路养护\t养护里程\t正向\t≥\t1200\t公里\t≥\t3600\t公里\n"
        "农村公路养护\t优良路率\t正向\t≥\t85\t%\t≥\t90\t%\n"
    )
    assert [(i.operator, i.target, i.unit, i.period_target) for i in doc.projects[0].indicators] == [
        ("≥", "1200", "公里", "≥3600公里"),
        ("≥", "85", "%", "≥90%"),
    ]


def test_a_whole_row_atop_a_page_repeating_its_projects_name_is_no_rest_of_the_row_above():
    """A sheet prints its rows whole: the row atop the next page, its target left blank, repeats its project's name
    in full. Where the name cells are filled to their width (one line, too long for the reader to see it end short:
    no `Row.ends`) it was joined to the row above: a project '农业节水灌溉改造农业节水灌溉改造'."""
    from importers.records import Row

    name = "农业节水灌溉改造"
    rows = [
        Row(["项目名称", "三级指标", "指标值", "备注"], 1, page=1),
        Row([name, "工程建设质量达标率", "=100%", ""], 2, page=1, ends=frozenset({2})),
        Row([name, "耕地质量等级提升度", "", ""], 3, page=2),
        Row([name, "年度任务按期完成率", "=100%", ""], 4, page=2),
    ]
    [project] = flat_sheet.parse(rows).projects
    assert project.name == name
    assert [(i.name, i.target) for i in project.indicators] == [
        ("工程建设质量达标率", "=100%"),
        ("耕地质量等级提升度", ""),
        ("年度任务按期完成率", "=100%"),
    ]


def test_a_row_atop_a_page_after_the_next_tables_title_is_no_rest_of_the_last_tables_row():
    """The next table (its title and header atop the page) starts with an indicator whose target is left blank: it
    was joined to the last table's last row over the title ('下游受保护人口⏎耕地质量等级提升度', one project
    named '水库除险加固⏎高标准农田建设')."""
    from importers.records import Row

    header = ["项目名称", "三级指标", "指标值", "备注"]
    rows = [
        Row(header, 1, page=1),
        Row(["水库除险加固", "工程建设质量达标率", "=100%", ""], 2, page=1),
        Row(["水库除险加固", "下游受保护人口", "≥3.5万人", ""], 3, page=1),
        Row(["2026年度某县农业农村局项目支出绩效目标表"], 4, page=2),
        Row(header, 5, page=2),
        Row(["高标准农田建设", "耕地质量等级提升度", "", ""], 6, page=2),
        Row(["高标准农田建设", "年度任务按期完成率", "=100%", ""], 7, page=2),
    ]
    assert [(p.name, [i.name for i in p.indicators]) for p in flat_sheet.parse(rows).projects] == [
        ("水库除险加固", ["工程建设质量达标率", "下游受保护人口"]),
        ("高标准农田建设", ["耕地质量等级提升度", "年度任务按期完成率"]),
    ]


def test_an_indicator_kind_column_holding_both_levels():
    """A table without level columns whose 指标类型 (指标类别) column holds 一级-二级 (产出指标-数量指标, 产出-数量):
    the levels, the cell kept as written in the notes; a kind that is no pair (定量) keeps those above, as a merged
    cell's rows do. The indicators had no levels, the column a field of the project."""
    for header in ("指标类型", "指标类别"):
        doc = parse(
            f"项目名称\t{header}\t指标名称\t指标值\n"
            "送戏下乡\t产出指标-数量指标\t演出场次\t≥60场\n"
            "送戏下乡\t效益指标/社会效益指标\t群众文化生活\t明显改善\n"
            "文物修缮\t产出-质量\t验收合格率\t=100%\n"
            "文物修缮\t定量\t修缮点数\t≥8处\n"
        )
        rows = [(i.level1, i.level2, i.name, i.notes) for p in doc.projects for i in p.indicators]
        assert rows == [
            ("产出指标", "数量指标", "演出场次", {header: "产出指标-数量指标"}),
            ("效益指标", "社会效益指标", "群众文化生活", {header: "效益指标/社会效益指标"}),
            ("产出", "质量", "验收合格率", {header: "产出-质量"}),
            ("产出", "质量", "修缮点数", {header: "定量"}),
        ]
        assert [p.fields for p in doc.projects] == [{}, {}]


def test_a_sign_off_row_under_the_projects_is_no_project():
    """The sheet's sign-off under its last project (填 报 人 | 王芳 | 审核人 | 李强, 填报单位（盖章） | 某局 …): no
    project, no indicator; it was a project named 填 报 人, its indicator 李强 under the levels 王芳 and 审核人."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "送戏下乡\t产出指标\t质量指标\t联系人（户）覆盖率\t≥95%\n"
        "填 报 人\t王芳\t审核人\t李强\t\n"
        "填报单位（盖章）\t某县文化和旅游局\t填报日期\t2026年1月5日\t\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("送戏下乡", ["演出场次", "联系人（户）覆盖率"])
    ]


def test_a_money_table_under_the_projects_is_no_indicators_and_a_table_after_it_is_read():
    """A money table under the projects, its header not money labels alone (资金来源 | 金额（万元） | 占比): its rows
    had been the last project's indicators (资金来源 with the target 占比), without a word. Its rows are skipped up
    to the next header, and the projects under that are read."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "资金来源\t金额（万元）\t占比\n"
        "一般公共预算\t1860\t80%\n"
        "其他资金\t165\t20%\n"
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "档案数字化\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("送戏下乡", ["演出场次"]),
        ("档案数字化", ["数字化卷数"]),
    ]


def test_a_money_table_headed_by_what_the_money_is_for_under_the_projects_is_no_indicators():
    """A money table under the projects headed by one money label beside what the money is for (项目 | 金额（万元）,
    支出内容 | 预算数): its rows had been the last project's indicators (人员经费 with the target 120), without a
    word. Such a header (`money_header`) starts the skip too."""
    for head in ("项目\t金额（万元）", "支出内容\t预算数"):
        doc = parse(
            "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
            "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
            f"{head}\n"
            "人员经费\t120\n"
            "公用经费\t45\n"
        )
        assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [("送戏下乡", ["演出场次"])]


def test_project_cells_of_money_words_on_every_row_start_no_money_table():
    """Project cells written on every row that are two money labels (资金来源 一般公共预算, 支出类型 项目支出), on a
    row whose target holds no number: an indicator row, not a money table's header. Read as one, it and every row
    after it had been skipped, the projects below lost without a word."""
    doc = parse(
        "项目名称\t资金来源\t支出类型\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t一般公共预算\t项目支出\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "送戏下乡\t一般公共预算\t项目支出\t效益指标\t社会效益指标\t群众文化生活\t明显改善\n"
        "档案数字化\t一般公共预算\t项目支出\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("送戏下乡", ["演出场次", "群众文化生活"]),
        ("档案数字化", ["数字化卷数"]),
    ]


def test_an_indicator_of_money_words_is_no_money_tables_header():
    """An indicator and its target that are labels of money ('资金来源 | 财政拨款'), no number on the row: it holds
    the sheet's indicator name and target, no money table's header. Read as one, it and the rows after it had been
    skipped, without a word."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "\t成本指标\t经济成本指标\t资金来源\t财政拨款\n"
        "\t\t\t单位成本\t≤500元\n"
    )
    assert [i.name for i in doc.projects[0].indicators] == ["演出场次", "资金来源", "单位成本"]


def test_a_money_tables_rows_are_those_filling_no_more_cells_than_its_header():
    """A money table under the projects in a sheet whose every row has its width (an Excel sheet's): its rows fill
    no more cells than its header, and a sign-off is none of them. The next project's rows right under it, and the
    sign-off under it, had been skipped with it (the project lost, the sign-off's fields), without a word."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "资金来源\t金额（万元）\t占比\t\t\n"
        "一般公共预算\t1860\t80%\t\t\n"
        "档案数字化\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
        "资金来源\t金额（万元）\t占比\t备注\t\n"
        "一般公共预算\t120\t100%\t\t\n"
        "填报人：王芳　审核人：李强\t\t\t\t\n"
    )
    assert [(p.name, [i.name for i in p.indicators], p.fields.get("填报人")) for p in doc.projects] == [
        ("送戏下乡", ["演出场次"], "王芳"),
        ("档案数字化", ["数字化卷数"], "王芳"),
    ]


def test_a_table_of_other_columns_under_the_projects_is_read_in_its_own():
    """A second table under the projects, its header of other columns (项目名称 on each row, no 序号 or 年度绩效目标):
    read in the first header's columns, its rows had been indicators of the last project, without a word."""
    doc = parse(
        "序号\t项目名称\t预算金额（万元）\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "1\t送戏下乡\t48\t演出60场\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "档案数字化\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
        "档案数字化\t满意度指标\t服务对象满意度指标\t查档群众满意度\t≥92%\n"
    )
    assert [(p.name, p.amount, [(i.level1, i.name, i.target) for i in p.indicators]) for p in doc.projects] == [
        ("送戏下乡", "48", [("产出指标", "演出场次", "≥60场")]),
        ("档案数字化", "", [("产出指标", "数字化卷数", "≥3万卷"), ("满意度指标", "查档群众满意度", "≥92%")]),
    ]


def test_a_table_of_other_columns_is_read_in_the_sheets_unit_and_one_not_read_leaves_the_sheets_projects():
    """A table of its own under the projects is read anew (`_other_table`): in the unit declared over the sheet
    (单位：元) and under the unit row above it where it names none (its amount had been in no unit, 50000 taken for
    万元, its project under no unit); where it cannot be read (its first row under no project name), the sheet's
    projects are kept with a warning (the whole document had been refused)."""
    head = "单位：元\n序号\t项目名称\t预算金额\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n"
    first = "1\t送戏下乡\t48000\t演出60场\t产出指标\t数量指标\t演出场次\t≥60场\n"
    doc = parse(
        head + "\t某县文旅局\t\t\t\t\t\t\n" + first + "项目名称\t项目金额\t一级指标\t二级指标\t三级指标\t指标值\n"
        "档案数字化\t50000\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
    )
    assert [(p.name, p.amount, p.amount_unit, p.department) for p in doc.projects] == [
        ("送戏下乡", "48000", "元", "某县文旅局"),
        ("档案数字化", "50000", "元", "某县文旅局"),
    ]
    doc = parse(
        head + first + "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t数字化卷数\t≥3万卷\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [("送戏下乡", ["演出场次"])]
    assert any("第 4 行起的表未能读入" in warning for warning in doc.warnings)


def test_a_level_labels_rest_atop_the_next_page_joins_the_row_above():
    """A level label a PDF's page broke ('服务对象满意度指' ⏎ '标' atop the next page, a row of its own holding
    nothing else): it had been the level of the rows below, the label above left short, without a word."""
    rows = split_rows(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t满意度指标\t服务对象满意度指\t群众满意度\t≥95%\n"
        "\t\t标\t\t\n"
        "\t\t\t观众人次\t≥3000\n"
    )
    rows[2:] = [Row(row.cells, row.line, 2) for row in rows[2:]]
    rows[:2] = [Row(row.cells, row.line, 1) for row in rows[:2]]
    doc = flat_sheet.parse(rows)
    assert [(i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("服务对象满意度指标", "群众满意度"),
        ("服务对象满意度指标", "观众人次"),
    ]


def test_whole_level_labels_atop_the_next_page_over_a_placeholder_row_are_their_groups():
    """A level changing at a PDF's page break, the new group's labels atop the next page over a row left empty (a
    placeholder, as many forms keep): whole labels under whole labels are the new group's, no rest of the row
    above's (they had been joined to its levels, '效益指标\n满意度指标', without a word)."""
    rows = split_rows(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t效益指标\t社会效益指标\t群众知晓率\t≥90%\n"
        "\t满意度指标\t服务对象满意度指标\t\t\n"
        "\t满意度指标\t服务对象满意度指标\t观众满意度\t≥95%\n"
    )
    rows[2:] = [Row(row.cells, row.line, 2) for row in rows[2:]]
    rows[:2] = [Row(row.cells, row.line, 1) for row in rows[:2]]
    doc = flat_sheet.parse(rows)
    assert [(i.level1, i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("效益指标", "社会效益指标", "群众知晓率"),
        ("满意度指标", "服务对象满意度指标", "观众满意度"),
    ]


def test_an_indicator_named_with_a_sign_off_word_after_other_words_is_no_sign_off():
    """'明确项目负责人 | 已明确' under its project and levels written once above it: an indicator, not the sheet's
    sign-off (it was dropped)."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "老旧小区改造\t产出指标\t质量指标\t工程验收合格率\t=100%\n"
        "\t\t\t明确项目负责人\t已明确\n"
        "\t效益指标\t社会效益指标\t公开投诉联系电话\t及时公开\n"
        "填报人\t王芳\t联系电话\t0532-88886666\t\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("老旧小区改造", ["工程验收合格率", "明确项目负责人", "公开投诉联系电话"])
    ]


def test_a_sheets_sign_off_gives_each_of_its_projects_fields():
    """The sheet's sign-off under its projects (填报人 | 王芳 | 审核人 | 李强, 联系人 | 张三 | 联系电话 | …): each
    project's fields, as a form's sign-off is its project's (it was dropped); an owner's row laid out as the
    indicators ('| | | 分管领导 | 明确', its project and levels written once above) stays an indicator."""
    doc = parse(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "送戏下乡\t产出指标\t数量指标\t演出场次\t≥60场\n"
        "\t\t\t分管领导\t明确\n"
        "养老服务\t产出指标\t数量指标\t服务人次\t≥500人次\n"
        "填报人\t王芳\t审核人\t李强\t\n"
        "联系人\t张三\t联系电话\t0791-86661234\t\n"
    )
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("送戏下乡", ["演出场次", "分管领导"]),
        ("养老服务", ["服务人次"]),
    ]
    fields = {"填报人": "王芳", "审核人": "李强", "联系人": "张三", "联系电话": "0791-86661234"}
    assert all(p.fields == fields for p in doc.projects)


@pytest.mark.parametrize(
    ("ends", "rest", "joined"),
    [({1, 2}, "建立及执行情况", True), ({1, 2, 3}, "建立及执行情况", False), ({1, 2}, "", False)],
    ids=["ran on", "name ended", "no rest"],
)
def test_a_qualitative_row_word_broke_over_a_page_is_one_indicator(ends, rest, joined):
    """A flat Word table's qualitative row (its target blank) broken by the page: its name's rest atop the next page
    goes on in it where the PDF reader saw the name run on to the foot (a ruled row, `Row.edges`, the name's last
    line full); it was an indicator of its own (only a row with a target went on). Where the name ended on a short
    line, the row atop is one of its own."""
    from importers.records import Row

    edges = (56.7, 150.0, 220.0, 290.0, 420.0)
    rows = [
        Row(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], 1, page=1, edges=edges),
        Row(["农村公路养护", "产出指标", "数量指标", "养护里程", "≥120公里"], 2, page=1, edges=edges),
        Row(
            ["农村公路养护", "产出指标", "质量指标", "养护巡查制度与病害台账", ""],
            3,
            page=1,
            edges=edges,
            ends=frozenset(ends),
        ),
        Row(["", "", "", rest or "群众满意度", "" if rest else "≥90%"], 4, page=2, edges=edges),
    ]
    [project] = flat_sheet.parse(rows).projects
    names = [i.name for i in project.indicators]
    assert names[1:] == (
        ["养护巡查制度与病害台账建立及执行情况"] if joined else ["养护巡查制度与病害台账", rest or "群众满意度"]
    )


def _spread_sheet(*rows: list[str], page: int = 1) -> list[Row]:
    header = ["项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    return [Row(header, 1, page=page), *(Row(cells, n, page=page) for n, cells in enumerate(rows, 2))]


ROADS = ["道路养护", "1250.00", "养护城区道路。"]
CLEAN = ["", "", ""]  # the next project's merged cells, their text printed on a page the file does not hold


def test_rows_under_a_spread_project_whose_head_is_on_a_page_not_held_are_left_out_saying_so():
    """A page extract ending inside a table whose merged head cells the reader spreads on every row: the last rows
    leave every head cell empty (their project's name on the next page, not in the file). They had been the project
    above's indicators, silently; they are left out, said once, not also as rows no table took."""
    from importers import unread

    rows = _spread_sheet(
        [*ROADS, "产出指标", "数量指标", "养护里程", "≥85公里"],
        [*ROADS, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
        [*CLEAN, "产出指标", "数量指标", "统计书店数量", "≥150家"],
        [*CLEAN, "产出指标", "质量指标", "监测覆盖率", "≥95%"],
    )
    doc = flat_sheet.parse(rows)
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("道路养护", ["养护里程", "群众满意度"])
    ]
    assert doc.warnings == [
        "第 4–5 行（第 1 页）的 2 个指标所属项目的名称不在本文件中（缺页？），未导入 lines 4–5: 2 indicators whose "
        "project's name is not in this file (pages missing?) were not imported"
    ]
    assert unread(rows, doc) == []


def test_rows_atop_an_extract_whose_projects_name_is_on_an_earlier_page_are_left_out_the_rest_read():
    """A page extract starting inside a project (its amount and goal printed again, its name on a page before the
    file's first): the whole table had been refused for an indicator before any project name; those rows are left
    out, said, and the projects below read. Rows with no project below still refuse the table."""
    first = ["", "64.22", "强化就业信息发布。"]
    rows = _spread_sheet(
        [*first, "产出指标", "数量指标", "视频个数", "≥150个"],
        [*first, "产出指标", "时效指标", "项目服务期限", "=12月"],
        [*ROADS, "产出指标", "数量指标", "养护里程", "≥85公里"],
        page=38,
    )
    doc = flat_sheet.parse(rows)
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("道路养护", 1)]
    assert doc.warnings[0].startswith("第 2–3 行（第 38 页）的 2 个指标所属项目的名称不在本文件中")
    with pytest.raises(flat_sheet.ParseError, match="指标出现在任何项目名称之前"):
        flat_sheet.parse(rows[:3])


@pytest.mark.parametrize(
    "rows",
    [
        # the head written on the project's first row only: the rows under it are its own
        [
            [*ROADS, "产出指标", "数量指标", "养护里程", "≥85公里"],
            [*CLEAN, "满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
        ],
        # a spread project going on over the page: its rows there with empty heads are its own, as the reader gave them
        [[*ROADS, "产出指标", "数量指标", "养护里程", "≥85公里"], [*ROADS, "产出指标", "质量指标", "合格率", "=100%"]],
    ],
)
def test_rows_with_empty_heads_stay_the_project_above_where_its_head_is_not_spread_or_on_another_page(rows):
    sheet = _spread_sheet(*rows)
    sheet.append(Row([*CLEAN, "效益指标", "社会效益指标", "通行条件", "明显改善"], 9, page=2))
    doc = flat_sheet.parse(sheet)
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("道路养护", 3)]
    assert doc.warnings == []


def test_projects_of_one_name_atop_an_extract_stay_apart_where_the_first_rows_amount_is_on_an_earlier_page():
    """Three projects of one name, their head cells spread on every row; a page extract starts inside the first,
    whose amount and goal were printed on the page before. Its rows' empty amount had let every later project of
    the name join it (one project of 8 indicators, silently); a row filling the amount its rows left empty is the
    next project's."""
    law, data = ["咨询服务项目", "9.00", "法律服务。"], ["咨询服务项目", "30.00", "数据采购。"]
    rows = _spread_sheet(
        ["咨询服务项目", "", "", "成本指标", "经济成本指标", "项目总成本", "≤219.89万元"],
        ["咨询服务项目", "", "", "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥95%"],
        [*law, "产出指标", "数量指标", "合同审查数量", "≥90份"],
        [*law, "成本指标", "经济成本指标", "项目总成本", "≤9万元"],
        [*data, "产出指标", "数量指标", "数据采购数量", "≥100000条"],
        [*data, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"],
        page=34,
    )
    doc = flat_sheet.parse(rows)
    assert [(p.name, p.amount, len(p.indicators)) for p in doc.projects] == [
        ("咨询服务项目", "", 2),
        ("咨询服务项目", "9.00", 2),
        ("咨询服务项目", "30.00", 2),
    ]


def _headless(family: str, spread: bool) -> list[Row]:
    """Pages 2 and 3 of a sheet whose header (on page 1) the file does not hold: three projects, the first going on
    from page 1; its head cells on every row (`spread`) or on each project's first row."""
    heads = {
        "money": [  # 项目名称 | 项目总额 | 财政资金 | 其他资金 | 绩效目标 (the other money left blank)
            ["11000022T000000424331-财务业务咨询服务", "22.200000", "22.200000", "", "完成年度预算评审和绩效评价。"],
            ["11000022T000000424360-因公出国（境）经费", "14.850000", "14.850000", "", "学习国外诉求处理经验。"],
            ["11000022T000000424449-接访场所保障费", "658.000000", "658.000000", "", "保障接访工作的正常运转。"],
        ],
        "unit": [  # 单位名称 | 项目名称 | 预算数 | 年度目标
            ["某区民政局", "财务业务咨询服务", "22.20", "完成年度预算评审和绩效评价。"],
            ["某区民政局", "因公出国（境）经费", "14.85", "学习国外诉求处理经验。"],
            ["某区民政局", "接访场所保障费", "658.00", "保障接访工作的正常运转。"],
        ],
    }[family]
    indicators = [
        [
            ("", "", "审计报告", "＝", "1", "份"),
            ("产出指标", "时效指标", "支出进度", "定性", "优", ""),
        ],  # (its levels merged over rows on page 1)
        [
            ("成本指标", "经济成本指标", "人均成本", "≤", "2.475", "万元"),
            ("效益指标", "社会效益指标", "成果要报数量", "≥", "1", "份"),
        ],
        [
            ("产出指标", "质量指标", "场地租用", "定性", "优", ""),
            ("满意度指标", "服务对象满意度指标", "被服务人员满意度", "≥", "95", "%"),
        ],
    ]
    rows, line = [], 1
    for head, own in zip(heads, indicators):
        for n, indicator in enumerate(own):
            page = 2 if line <= 3 else 3
            rows.append(Row([*(head if spread or n == 0 else [""] * len(head)), *indicator], line, page=page))
            line += 1
    return rows


@pytest.mark.parametrize("spread", [True, False])
@pytest.mark.parametrize("family", ["money", "unit"])
def test_a_printed_sheets_pages_without_its_header_are_read_by_their_columns_contents(family, spread):
    """A flat sheet printing its header once, on its first page, some of its later pages saved apart: no header, no
    layout, every row said unread (five real budgets' extracts, 92 projects). The columns are told by the rows'
    contents: the levels side by side, the indicator's name, sign, value and unit after them, the project's name
    (the column naming most projects), amount and goal before them; the header's absence and the first project's
    perhaps earlier start said."""
    from importers import parse_rows

    doc = parse_rows(_headless(family, spread))
    assert [(p.name, p.amount, p.goal) for p in doc.projects] == [
        ("财务业务咨询服务", *(("22.200000",) if family == "money" else ("22.20",)), "完成年度预算评审和绩效评价。"),
        ("因公出国（境）经费", *(("14.850000",) if family == "money" else ("14.85",)), "学习国外诉求处理经验。"),
        ("接访场所保障费", *(("658.000000",) if family == "money" else ("658.00",)), "保障接访工作的正常运转。"),
    ]
    assert [
        [(i.level1, i.level2, i.name, i.operator, i.target, i.unit) for i in p.indicators] for p in doc.projects
    ] == [
        [("", "", "审计报告", "＝", "1", "份"), ("产出指标", "时效指标", "支出进度", "", "优", "")],
        [
            ("成本指标", "经济成本指标", "人均成本", "≤", "2.475", "万元"),
            ("效益指标", "社会效益指标", "成果要报数量", "≥", "1", "份"),
        ],
        [
            ("产出指标", "质量指标", "场地租用", "", "优", ""),
            ("满意度指标", "服务对象满意度指标", "被服务人员满意度", "≥", "95", "%"),
        ],
    ]
    [said] = [w for w in doc.warnings if "没有表头" in w]
    assert "第 2 页起" in said and "首个项目「财务业务咨询服务」可能始于前页" in said
    assert "另有 1 列未认出" in said  # the other money, or the unit's name
    assert "金额（单位不在本文件中，按数值大小推定）" in said  # (its unit printed in the header, on page 1)
    assert not [w for w in doc.warnings if "像指标行" in w]


@pytest.mark.parametrize("case", ["weight", "one project", "levels moved"])
def test_a_sheets_pages_without_its_header_are_not_read_where_the_rows_do_not_tell(case):
    """Columns are told only where the rows agree: a filled column after the unit (a weight, an achieved value:
    unknown), one project's rows alone (a form's side label names one too), level words in two places; the rows are
    said unread as before."""
    from importers import UnknownLayout, parse_rows

    rows = _headless("unit", True)
    if case == "weight":
        rows = [Row([*row.cells, "10"], row.line, page=row.page) for row in rows]
    elif case == "one project":
        rows = rows[:2]
    else:
        rows[3] = Row(["", *rows[3].cells[:-1]], rows[3].line, page=rows[3].page)
    with pytest.raises(UnknownLayout):
        parse_rows(rows)


def test_a_headerless_sheets_goals_are_no_names_though_they_name_more_projects():
    """The first project's name printed on a page before (its goal cell on every row, its name cell blank): the goal
    column held more values than the name column and was taken for the names, silently (a real budget's extract);
    a column of sentences is no name column."""
    from importers import parse_rows

    rows = _headless("money", True)
    rows[:2] = [Row(["", *row.cells[1:]], row.line, page=row.page) for row in rows[:2]]
    doc = parse_rows(rows)
    assert [p.name for p in doc.projects] == ["因公出国（境）经费", "接访场所保障费"]
    assert any("2 个指标所属项目的名称不在本文件中" in w for w in doc.warnings)


def test_rows_without_a_name_under_another_goal_are_no_rows_of_the_project_above():
    """A sheet spreading its projects' head cells on every row, the next project's name printed in its merged cell on
    a page the file does not hold, its goal on these rows: they were the project above's indicators, silently (a real
    budget's extract); they are said as rows whose project's name the file lacks."""
    head = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    quake = ["地震与地质灾害业务服务", "190.77", "提升地震应急工作效率。"]
    fire = ["", "", "完善森林火灾风险监测预警。"]
    rows = [
        Row(head, 1, page=1),
        Row([*quake, "产出指标", "质量指标", "验收通过率", "≥90%"], 2, page=1),
        Row([*quake, "满意度指标", "服务对象满意度指标", "各区满意度", "≥90%"], 3, page=1),
        Row([*fire, "产出指标", "数量指标", "数据采集点数", "40个"], 4, page=1),
        Row([*fire, "产出指标", "数量指标", "异常情况处理率", "=100%"], 5, page=1),
    ]
    doc = flat_sheet.parse(rows)
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("地震与地质灾害业务服务", ["验收通过率", "各区满意度"])
    ]
    assert any("2 个指标所属项目的名称不在本文件中" in w for w in doc.warnings)


def test_a_row_atop_the_next_page_under_a_ruled_row_running_to_its_cells_sides_is_said():
    """A PDF's ruled row the page break cut, each part ruled closed ('改造道路第' ⏎ '20段', '≥20公' ⏎ '里'): a
    target's rest is never joined, so the rest is read as an indicator of its own; said, where each of its cells
    is under text that ran to its cell's right side. Not where that text ended short (`Row.ends`): a row of its own."""
    rows = split_rows(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "农村公路提升\t产出指标\t数量指标\t改造道路第19段\t≥19公里\n"
        "农村公路提升\t产出指标\t数量指标\t改造道路第\t≥20公\n"
        "\t\t\t20段\t里\n"
        "\t产出指标\t数量指标\t改造道路第21段\t≥21公里\n"
    )
    edges = (40.0, 120.0, 200.0, 280.0, 380.0)

    def on_pages(ends: frozenset[int]) -> list[Row]:
        return [
            Row(row.cells, row.line, 1 + (n > 2), edges, ends=ends if n == 2 else frozenset())
            for n, row in enumerate(rows)
        ]

    (said,) = flat_sheet.parse(on_pages(frozenset())).warnings
    assert said.startswith("第 2 页首行（第 4 行：20段 | 里）可能是上一页末行被分页截断的剩余部分")
    assert flat_sheet.parse(on_pages(frozenset({3, 4}))).warnings == []


# a table after a sheet, of fewer columns: a staff table, a money table without its header
NEXT_TABLES = [
    [["姓名", "职务", "编制类别", "人数"], ["张三", "局长", "行政编制", "1"]],
    [["信息系统运维", "88.40", "88.40", "0.00"], ["档案数字化加工", "72.30", "72.30", "0.00"]],
]


@pytest.mark.parametrize("family", ["money", "unit"])
@pytest.mark.parametrize("table", NEXT_TABLES)
def test_a_headerless_sheets_next_table_of_fewer_columns_is_no_indicators(family, table):
    """A sheet told by its columns' contents, another table after it (a staff table, a money table without its header):
    its fewer cells, padded under the indicator's columns, were read as the last project's indicators, silently; a
    narrower row is the sheet's only where it holds what its columns were told to (level words, a sign, a unit)."""
    from importers import parse_rows

    rows = _headless(family, True)
    alone = parse_rows(rows)
    rows += [Row(cells, len(rows) + n + 1, page=4) for n, cells in enumerate(table)]
    doc = parse_rows(rows)
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        (p.name, [i.name for i in p.indicators]) for p in alone.projects
    ]


@pytest.mark.parametrize("value", [["指标性质", "指标值", "度量单位"], ["指标值"]])
@pytest.mark.parametrize("table", NEXT_TABLES)
def test_a_headered_sheets_next_table_of_fewer_columns_is_no_indicators(value, table):
    """The same after a sheet with its header (a staff table, a money table without its header on the page after a
    goal sheet): its fewer cells, padded under the indicator's columns, were the last project's indicators, silently;
    a narrower row is the sheet's only where it holds what its header named (level words, a sign, a unit)."""
    from importers import parse_rows

    header = ["项目名称", "项目总额", "财政资金", "其他资金", "绩效目标", "一级指标", "二级指标", "三级指标", *value]
    rows = [Row(header, 1, page=1)]
    for row in _headless("money", True):  # (sign, value and unit in their columns, or in one)
        cells = row.cells[-3:] if len(value) == 3 else ["".join(row.cells[-3:])]
        rows.append(Row([*row.cells[:8], *cells], row.line + 1, page=row.page))
    doc = parse_rows([*rows, *(Row(cells, len(rows) + n + 1, page=4) for n, cells in enumerate(table))])
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("财务业务咨询服务", ["审计报告", "支出进度"]),
        ("因公出国（境）经费", ["人均成本", "成果要报数量"]),
        ("接访场所保障费", ["场地租用", "被服务人员满意度"]),
    ]
    assert doc.warnings == parse_rows(rows).warnings


@pytest.mark.parametrize("table", [[], *NEXT_TABLES])
def test_a_headered_sheets_rows_written_without_their_trailing_empty_cells_are_read(table):
    """A CSV or text sheet whose lines end at their last filled cell (a blank unit, a blank unit and sign): padded on
    the left their cells fell under the wrong columns (a misread at stop 64, the row left out at 65d's guard); padded
    on the right they hold a name beside level words, as the header told. The next table's rows stay out."""
    header = ["项目名称", "项目金额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值"]
    header += ["度量单位"]
    head = ["干部教育培训项目", "45.00", "完成年度培训任务。"]
    lines = [
        [*head, "产出指标", "数量指标", "培训人次", "≥", "300", "人次"],
        [*head, "效益指标", "社会效益指标", "群众知晓率", "定性", "明显提升"],
        ["", "", "", "成本指标", "经济成本指标", "单位成本", "≤", "12.5"],
        [*head, "满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%"],
    ]
    rows = [Row(cells, n) for n, cells in enumerate([header, *lines, *table], 1)]
    [project] = flat_sheet.parse(rows).projects
    assert [(i.level1, i.level2, i.name, i.operator, i.target, i.unit) for i in project.indicators] == [
        ("产出指标", "数量指标", "培训人次", "≥", "300", "人次"),
        ("效益指标", "社会效益指标", "群众知晓率", "", "明显提升", ""),
        ("成本指标", "经济成本指标", "单位成本", "≤", "12.5", ""),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%"),
    ]


def test_a_headerless_sheets_goal_lines_between_unread_rows_keep_their_runs_apart():
    """A goal's lines read as rows of one cell (a page read in strips) are no rows of another table: between two runs
    of rows whose project's name the file lacks they keep the runs apart, as before (each its own project's)."""
    from importers import parse_rows

    rows = _headless("money", True)
    blank = [Row(["", "", "", "", "", *row.cells[5:]], row.line, page=row.page) for row in rows[:2]]
    line = Row(["据及服务，搭建本市森林火灾风险监"], 0, page=2)
    rows = [blank[0], line, blank[1], *rows[2:]]
    rows = [Row(row.cells, n, page=row.page) for n, row in enumerate(rows, 1)]
    doc = parse_rows(rows)
    assert [p.name for p in doc.projects] == ["因公出国（境）经费", "接访场所保障费"]
    assert [w[:7] for w in doc.warnings if "名称不在本文件中" in w] == ["第 1–1 行", "第 3–3 行"]


@pytest.mark.parametrize("edges", [(40.0, 160.0, 300.0), (40.0, 250.0)])
def test_a_ruled_table_of_its_own_columns_after_a_goal_table_is_no_indicators(edges):
    """A PDF's small table ruled in columns of its own under or after a goal table ('姓名 | 职务 | 联系电话'): its
    fewer cells, padded under the indicator's columns, were the last project's indicators, silently. A ruled row
    with a cell edge at none of the goal's last full row's is another table's; one whose columns the reader glued
    (each edge at one of the goal's) stays the goal's."""
    goal = split_rows(
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\n"
        "农村公路提升\t产出指标\t数量指标\t改造道路长度\t≥19公里\n"
        "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
    )
    full = (40.0, 120.0, 200.0, 280.0, 380.0)
    rows = [Row(row.cells, row.line, 1, full) for row in goal]
    glued = Row(["", "", "用户满意度", "≥85%"], 4, 2, (40.0, 120.0, 280.0, 380.0))
    staff = [["姓名", "职务", "联系电话"], ["张伟", "科长", "0531-1234567"]]
    other = [Row(cells[: len(edges)], 5 + n, 2, edges) for n, cells in enumerate(staff)]
    (project,) = flat_sheet.parse([*rows, glued, *other]).projects
    assert [(i.level1, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "改造道路长度", "≥19公里"),
        ("满意度指标", "群众满意度", "≥90%"),
        ("满意度指标", "用户满意度", "≥85%"),
    ]
