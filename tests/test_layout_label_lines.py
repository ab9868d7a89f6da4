"""Layout 'label-lines': exact records from the sample PDF-form text, its variants, detection on every seed."""

from __future__ import annotations

import pytest

from conftest import ROOT, SEEDS
from importers.layouts import label_lines
from importers.readers.text import split_rows

TEXT = (ROOT / "tests" / "fixtures" / "label_lines.txt").read_text("utf-8")


def parse(text: str):
    return label_lines.parse(split_rows(text))


def test_projects_and_head_fields():
    doc = parse(TEXT)
    assert (doc.layout, doc.title, doc.year) == ("label-lines", "2023年度项目支出绩效目标表", "2023")
    assert [(p.name, p.department, p.amount, p.amount_unit, p.period, len(p.indicators)) for p in doc.projects] == [
        ("城区道路养护工程", "某某区住房和城乡建设局", "1,250,000.00", "元", "2023-01-01至2023-12-31", 8),
        ("学生营养餐补助", "某某区教育局", "1,250,000.00", "元", "2023-01-01至2023-12-31", 7),
    ]
    first = doc.projects[0]
    # the goal wrapped over three lines under a label wrapped over two ('年度总体' / '目标')
    assert first.goal == "完成城区主次干道及背街小巷道路养护，及时修复破损路面，保障道路通行安全，提升市民出行满意度。"
    assert first.fields["实施单位"] == "某某区市政设施养护中心"
    assert first.fields["其中：财政拨款"] == "1,250,000.00"


@pytest.mark.parametrize(
    "project, index, expected",
    [
        (0, 0, ("成本指标", "经济成本指标", "道路养护单价", "≤85元/平方米")),  # '经济成本指' / '标'
        (0, 1, ("成本指标", "生态环境成本指标", "施工扬尘污染事件", "=0(起)")),  # '生态环境' / '成本指标'
        (0, 3, ("产出指标", "数量指标", "维修道路长度", "985米")),
        (0, 4, ("产出指标", "质量指标", "养护工程验收合格率", "=100.00(%)")),  # a wrapped name
        (0, 5, ("产出指标", "时效指标", "破损路面修复及时率", "≥95.00(%)")),  # after a page number and header
        (0, 6, ("效益指标", "社会效益指标", "道路通行条件", "明显改善")),
        (0, 7, ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90.00(%)")),  # a name that is a level word
        (1, 5, ("效益指标", "可持续影响指标", "营养改善长效机制", "健全")),
    ],
)
def test_indicators(project, index, expected):
    ind = parse(TEXT).projects[project].indicators[index]
    assert (ind.level1, ind.level2, ind.name, ind.target) == expected


def _records(doc):
    return [
        (
            p.name,
            p.department,
            p.amount,
            p.goal,
            p.fields,
            [(i.level1, i.level2, i.name, i.target) for i in p.indicators],
        )
        for p in doc.projects
    ]


def _label_and_value_on_one_line(text: str) -> str:
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] in ("项目名称", "主管部门", "实施单位") and i + 1 < len(lines):
            out.append(lines[i] + "\t" + lines[i + 1])
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\n\n"),
        lambda t: "\n".join("\t" + line for line in t.split("\n")),
        lambda t: "\n".join("  " + line + "  " for line in t.split("\n")),
        _label_and_value_on_one_line,
    ],
    ids=["crlf", "doubled-blank-lines", "extra-tab", "padded", "label-and-value-on-one-line"],
)
def test_variants_give_identical_records(variant):
    assert _records(parse(variant(TEXT))) == _records(parse(TEXT))


def test_projects_in_another_order():
    start = TEXT.index("2023年度项目支出绩效目标表", 10)
    swapped = TEXT[start:].rstrip("\n") + "\n" + TEXT[:start]
    assert sorted(_records(parse(swapped))) == sorted(_records(parse(TEXT)))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_not_detected_on_the_seeds(path):
    assert label_lines.detect(split_rows(path.read_text("utf-8"))) < 0.5


@pytest.mark.parametrize(
    "text", ["", "# README\n\nsome words\nmore words\n", "1,2,3\n4,5,6\n", "项目名称\n某项目\n说明文字\n"]
)
def test_not_detected_on_junk(text):
    assert label_lines.detect(split_rows(text)) < 0.5


def test_detected():
    assert label_lines.detect(split_rows(TEXT)) == 1.0


def test_an_empty_tables_header_names_no_project():
    """'表12 项目支出绩效目标表' printed empty (项目名称 | 预算金额 | 一级指标 … over blank rows, '此表为空表'): read by
    label-lines as a project named 预算金额, and the budget tables before it as projects too. It is an empty table."""
    from importers import parse_rows
    from importers.records import ParseError, Row

    lines = [
        ["表10 项目支出预算表"],
        ["项目名称", "项目类别", "合计", "一般公共预算拨款", "其他资金"],
        ["档案数字化加工经费", "一般性项目", "78.40", "78.40", ""],
        ["表12 项目支出绩效目标表"],
        ["项目名称", "预算金额", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "", "", "", "", ""],
        ["注：此表为空表。"],
    ]
    rows = [Row(cells, n) for n, cells in enumerate(lines, 1)]
    with pytest.raises(ParseError):
        label_lines.parse(rows[3:])
    doc = parse_rows(rows)
    assert doc.projects == []
    assert [w for w in doc.warnings if "空表" in w]


def test_a_head_line_of_two_labels_and_their_values_still_names_its_project():
    """'项目名称 | 城区道路养护工程 | 主管部门 | 某局' on one line (four values): a head line, no table's header."""
    text = TEXT.replace("项目名称\n城区道路养护工程\n主管部门\n", "项目名称\t城区道路养护工程\t主管部门\t", 1)
    assert text != TEXT
    assert parse(text).projects[0].name == "城区道路养护工程"


def test_a_cost_level_after_the_output_levels_is_a_level_1_over_its_own_level_2():
    """2021's 成本指标 over 经济成本指标, after the 产出指标 rows (as most forms order them): read as a level 2 under
    产出指标 (产出指标 | 经济成本指标). 成本指标 over a name is still the 2015 level 2 under 产出指标."""
    head = "项目名称\n学生营养餐补助\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n学生人数\n≥65000人\n"
    cost = "成本指标\n经济成本指标\n生均每天补助标准\n=5元\n"
    doc = parse(head + cost + "效益指标\n社会效益指标\n学生营养健康状况\n明显改善\n")
    assert [(i.level1, i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "学生人数"),
        ("成本指标", "经济成本指标", "生均每天补助标准"),
        ("效益指标", "社会效益指标", "学生营养健康状况"),
    ]
    doc = parse(head + "成本指标\n生均每天补助标准\n=5元\n")
    assert [(i.level1, i.level2) for i in doc.projects[0].indicators][1] == ("产出指标", "成本指标")


def test_a_forms_rows_copied_as_lines_of_cells_apart_by_spaces():
    """A PDF viewer's copy of a form (Edge and Chrome copy a row as one line, its cells apart by single spaces; a
    level cell only on its group's first row): no layout read it. A summary table's header wrapped over lines
    ('号 项目名称 年度预算') names no project."""
    text = (
        "2026年项目支出绩效目标表\n项目名称 2026 年农村义务教育学生营养改善计划补助资金\n"
        "主管部门 临泉县教育局 实施单位 临泉县学生资助管理中心\n项目资金（万元） 年度资金总额 3268.40\n"
        "年度总体目标 为全县农村义务教育阶段在校学生提供营养膳食补助，惠及学生不少于 6.5 万人。\n"
        "绩效指标 一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 受益学生人数 ≥65000 人\n"
        "CT 检查人次 ≥100 人次\n2026 年供餐学校数 = 186 所\n第 1 页 共 2 页\n时效指标 资金下达时间 2026 年 3 月底前\n"
        "资金拨付时间\n2026 年 5 月底前\n"
        "效益指标 社会效益指标 学生营养健康状况 明显改善\n满意度指标 服务对象满意度指标 学生及家长满意度 ≥95%\n"
    )
    rows = split_rows(text)
    assert label_lines.detect(rows) >= 0.5
    [project] = label_lines.parse(rows).projects
    assert (project.name, project.department, project.amount) == (
        "2026 年农村义务教育学生营养改善计划补助资金",
        "临泉县教育局",
        "3268.40",
    )
    assert project.goal == "为全县农村义务教育阶段在校学生提供营养膳食补助，惠及学生不少于 6.5 万人。"
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "受益学生人数", "≥65000 人"),
        ("产出指标", "数量指标", "CT 检查人次", "≥100 人次"),
        ("产出指标", "数量指标", "2026 年供餐学校数", "= 186 所"),
        ("产出指标", "时效指标", "资金下达时间", "2026 年 3 月底前"),
        ("产出指标", "时效指标", "资金拨付时间", "2026 年 5 月底前"),
        ("效益指标", "社会效益指标", "学生营养健康状况", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥95%"),
    ]
    summary = "序\n号 项目名称 年度预算\n（万元） 年度绩效目标 一级\n指标 二级指标 三级指标 指标值\n1\n养老服务\n"
    assert label_lines.detect(split_rows(summary)) < 0.5


def test_the_amount_written_beside_the_money_label_itself():
    """'项目资金（万元）' with its figure and no 年度资金总额 under it (a simple form): the project had no amount."""
    text = (
        "项目名称\n2026年高标准农田建设项目\n项目资金（万元）\n1850.75\n年度绩效目标\n新建高标准农田1.2万亩。\n"
        "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n新建高标准农田面积\n≥1.2万亩\n"
    )
    [project] = parse(text).projects
    assert (project.amount, project.amount_unit, project.goal) == ("1850.75", "万元", "新建高标准农田1.2万亩。")
    assert parse(text.replace("1850.75\n", "年度资金总额\n1850.75\n")).projects[0].amount == "1850.75"


def test_the_texts_next_part_ends_the_table():
    """A form in a budget's explanation, its next part after it ('三、其他说明' and its sentence): read as one more
    indicator of the form."""
    text = (
        "项目名称\n2026年高标准农田建设项目\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n"
        "新建高标准农田面积\n≥1.2万亩\n三、其他说明\n本部门将加强绩效运行监控，确保绩效目标如期实现。\n"
    )
    assert [(i.name, i.target) for i in parse(text).projects[0].indicators] == [("新建高标准农田面积", "≥1.2万亩")]


def test_a_form_title_with_its_year_between_two_forms_is_no_indicator():
    """'项目支出绩效目标表（2026年度）' atop the next form, its year on the title's line: read as an indicator of the
    form before it, without a target."""
    form = "项目名称\n{}\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n受益人数\n≥100人\n"
    title = "项目支出绩效目标表（2026年度）\n"
    doc = parse(title + form.format("甲项目") + title + form.format("乙项目"))
    assert [[i.name for i in p.indicators] for p in doc.projects] == [["受益人数"], ["受益人数"]]
    assert (doc.title, doc.year) == ("项目支出绩效目标表（2026年度）", "2026")


def test_levels_numbered_as_parts_do_not_end_the_table():
    """Levels written with a part's number ('一、产出指标', '二、效益指标', as some forms code them): the first of them
    was taken for the text's next part ('三、其他说明') and ended the table, so the form had no indicators."""
    text = (
        "项目名称\n2026年高标准农田建设项目\n一级指标\n二级指标\n三级指标\n指标值\n一、产出指标\n（一）数量指标\n"
        "新建高标准农田面积\n≥1.2万亩\n二、效益指标\n（一）社会效益指标\n农业生产条件\n有效改善\n"
        "三、满意度指标\n（一）服务对象满意度指标\n农户满意度\n≥90%\n四、其他说明\n本部门将加强绩效运行监控。\n"
    )
    assert [(i.level1, i.name, i.target) for i in parse(text).projects[0].indicators] == [
        ("一、产出指标", "新建高标准农田面积", "≥1.2万亩"),
        ("二、效益指标", "农业生产条件", "有效改善"),
        ("三、满意度指标", "农户满意度", "≥90%"),
    ]


def test_the_next_part_printed_with_spaces_beside_its_number_ends_the_table():
    """'第 3 部分 名词解释' (a PDF's spaces beside its number) did not end the table: its lines were read as
    indicators."""
    text = (
        "项目名称\n2026 年高标准农田建设项目\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n"
        "新建高标准农田面积\n≥ 1.2 万亩\n满意度指标\n服务对象满意度指标\n农户满意度\n≥ 90 %\n第 3 部分 名词解释\n"
        "一般公共预算\n≥ 1 项\n"
    )
    assert [(i.level1, i.name, i.target) for i in parse(text).projects[0].indicators] == [
        ("产出指标", "新建高标准农田面积", "≥ 1.2 万亩"),
        ("满意度指标", "农户满意度", "≥ 90 %"),
    ]


def test_the_years_amount_is_not_taken_from_the_money_label_beside_it():
    """'项目资金（万元）' with a figure (a total), then 年度资金总额 with the year's: the total was the amount."""
    text = (
        "项目名称\n2026年高标准农田建设项目\n项目资金（万元）\n5000\n年度资金总额\n1850.75\n"
        "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n新建高标准农田面积\n≥1.2万亩\n"
    )
    [project] = parse(text).projects
    assert (project.amount, project.fields["项目资金（万元）"]) == ("1850.75", "5000")


def test_rows_run_together_keep_names_whole_and_a_label_alone_opens_the_project():
    """In a text read as rows run together: a name's last word was cut off as its target ('LED' | '路灯安装', its
    target '≥500盏' on the next line then joined to the next name), a name beginning with a year swallowed a target
    without a sign ('2026 年新增路段数 12 条' | ''), and a 项目名称 alone on its line (its name below, as in a
    one-cell-a-line text with two level lines) opened no project: nothing was read."""
    text = (
        "项目名称\n2026年城市照明改造\n年度资金总额\n800\n一级指标\n二级指标\n三级指标\n指标值\n"
        "产出指标 数量指标 LED 路灯安装\n≥500盏\nAPP 注册用户 2 万人\n2026 年新增路段数 12 条\n"
        "效益指标 社会效益指标 夜间 出行 安全\n明显改善\n"
    )
    [project] = parse(text).projects
    assert [(i.level2, i.name, i.target) for i in project.indicators] == [
        ("数量指标", "LED 路灯安装", "≥500盏"),
        ("数量指标", "APP 注册用户", "2 万人"),
        ("数量指标", "2026 年新增路段数", "12 条"),
        ("社会效益指标", "夜间 出行 安全", "明显改善"),
    ]
