"""Layout 'form-kv' (seed 000, 2020 下达表 forms; seed 003, 2021 申报表 forms) and the level vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import parse_rows
from importers.layouts.form_kv import LAYOUT
from importers.level_words import accepts, is_level1, is_level2
from importers.readers.text import split_rows
from importers.records import ParseError
from conftest import layout_records as records

SEEDS = {
    prefix: next(Path("seeds").glob(f"{prefix}_*.txt")).read_text("utf-8")
    for prefix in ("000", "001", "002", "003", "004")
}
TITLE_000 = "## 2020年部门项目支出预算绩效目标下达表"
TITLE_003 = "项目支出绩效目标申报表"
COUNTS_003 = [12, 26, 13, 12, 8, 10, 24, 10, 9, 7]


def parse(text: str):
    return LAYOUT.parse(split_rows(text))


def levels(project) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.target) for i in project.indicators]


@pytest.fixture(scope="module")
def doc000():
    return parse(SEEDS["000"])


@pytest.fixture(scope="module")
def doc003():
    return parse(SEEDS["003"])


# --- seed 000: 4 forms, key-value head (预算单位 above 项目名称), placeholder level rows ------------------


def test_000_document(doc000):
    assert (doc000.layout, doc000.title, doc000.year, doc000.department) == (
        "form-kv",
        "2020年部门项目支出预算绩效目标下达表",
        "2020",
        "",
    )
    assert doc000.warnings == []
    assert [len(p.indicators) for p in doc000.projects] == [8, 8, 8, 8]


@pytest.mark.parametrize(
    "index, name, amount, total, executed",
    [
        (0, "“政银保”贷款保证保险补贴", "5", "5", ""),
        (1, "科技型企业贷款风险贴息资金", "50", "50", "60.4"),
        (2, "科技支行贷款风险补偿金", "50", "50", "60.4"),
        (3, "企业融资扶持资金", "300", "300", "769.8"),
    ],
)
def test_000_heads(doc000, index, name, amount, total, executed):
    project = doc000.projects[index]
    assert (project.name, project.department, project.amount, project.total_amount, project.amount_unit) == (
        name,
        "金融办",
        amount,
        total,
        "",
    )
    assert project.period == "2020-01-01 至 2020-12-31"
    assert project.fields["上年度项目执行数"] == executed
    assert project.fields["联系电话"] == "5993969"  # written with and without its colon
    assert project.goal.startswith("通过项目工作的开展，完成")


def test_000_fields_and_long_cells(doc000):
    project = doc000.projects[0]
    assert list(project.fields) == [
        "项目类别",
        "项目性质",
        "是否包含二级项目",
        "功能科目",
        "部门经济科目",
        "填报人",
        "联系电话",
        "上年度项目预算金额",
        "上年度项目执行数",
        "是否包含政府采购",
        "是否包含五项经费",
        "项目立项依据",
        "项目设立的必要性",
        "保证项目实施制度、措施",
        "项目实施计划",
        "项目总目标",
        "需要说明的其他问题",
    ]
    assert project.fields["项目类别"] == "[003001003008]金融事业发展专项资金"
    assert project.fields["需要说明的其他问题"] == ""
    assert project.overview.startswith("1、项目背景：小微企业是国民经济的基础")
    assert project.overview.count("\n") == 3  # four <p> paragraphs, one per line
    assert "<p>" not in project.overview and "<p>" not in project.fields["项目实施计划"]


def test_000_indicators_skip_placeholder_rows(doc000):
    assert levels(doc000.projects[0]) == [
        ("投入与目标管理", "投入管理", "预算执行率", "=100%"),
        ("投入与目标管理", "财务管理", "资金使用合规性", "合规"),
        ("投入与目标管理", "项目管理", "工作计划完整性", "完整"),
        ("产出目标", "数量", "补贴保险公司数量", ">=2家"),
        ("产出目标", "质量", "补贴发放准确率", "=100%"),
        ("产出目标", "时效", "补贴及时性", "及时"),
        ("效果目标", "社会效益", "有责投诉数", "=0"),
        ("影响力目标", "长效管理", "监督考核机制健全性", "健全"),
    ]
    assert doc000.projects[0].indicators[0].line == 26
    assert levels(doc000.projects[2])[6] == ("效果目标", "社会效益", "提高科技支行的信贷支持力度", "提升")
    assert levels(doc000.projects[3])[6] == ("效果目标", "社会效益", "增加区内挂牌企业数量", "增加1家")


# --- seed 003: preface and contents, 10 forms, rows that lost their indentation, page breaks ------


def test_003_document(doc003):
    assert (doc003.title, doc003.year, doc003.department) == (
        "项目支出绩效目标申报表",
        "2021",
        "威海经济技术开发区财政金融局",
    )
    assert doc003.warnings == []
    assert [len(p.indicators) for p in doc003.projects] == COUNTS_003
    assert sum(COUNTS_003) == 131


def test_003_first_project_head(doc003):
    project = doc003.projects[0]
    assert (project.name, project.department, project.amount, project.total_amount, project.amount_unit) == (
        "乡村振兴工作经费",
        "社会工作部",
        "7000000",
        "7000000",
        "",
    )
    assert project.period == "2021-01-01 至 2021-12-31"
    assert project.overview == ""
    assert project.goal.startswith("1. 统筹推进乡村振兴样板片区建设。")
    assert project.fields == {
        "项目编码": "109014(2021)022",
        "项目类别": "经常性项目",
        "资金用途": "业务类",
        "项目性质": "年初预算",
        "预算来源": "政府性基金",
        "项目实施单位": "社会工作部",
    }
    assert project.line == 37


@pytest.mark.parametrize(
    "index, name, department, amount, goal_start",
    [
        (1, "科技创新政策扶持资金", "经区科技创新局", "30000000", "对符合资助标准的项目给予资助"),  # '2021 年绩效目标'
        (3, "市政城市维护费", "建设局", "14250000", "城市市政基础设施是城市正常运转的重要保障"),
        (7, "老旧小区改造项目", "建设局", "77985600", "2021年经区老旧小区改造项目是关注和改善民生的需要"),
        (9, "城市社区党组织服务群众专项经费", "党群工作部", "14700000", "完成对49个社区"),
    ],
)
def test_003_heads(doc003, index, name, department, amount, goal_start):
    project = doc003.projects[index]
    assert (project.name, project.department, project.amount) == (name, department, amount)
    assert project.goal.startswith(goal_start)


def test_003_rows_that_lost_their_indentation(doc003):
    first = levels(doc003.projects[0])
    assert first[7:10] == [
        ("产出指标", "时效指标", "农村人居环境治理及时性", "=100%"),
        ("产出指标", "时效指标", "2020年美丽乡村示范村验收通过率", "=100%"),  # starts at its name
        ("效益指标", "社会效益指标", "改善提升村庄基础设施数量", "=4处"),
    ]
    second = levels(doc003.projects[1])
    assert second[20:23] == [
        ("产出指标", "质量指标", "资金发放准确率（%）", "=100%"),
        ("产出指标", "时效指标", "扶助资金发放及时性", "=100%"),  # starts at its level-2 cell
        ("效益指标", "经济效益指标", "申报企业研究开发财政补助资金区级配套数量", "=70"),
    ]
    assert levels(doc003.projects[6])[20] == ("产出指标", "时效指标", "补贴发放及时性", "=100%")


def test_003_cost_word_under_output(doc003):
    assert levels(doc003.projects[3]) == [
        ("产出指标", "数量指标", "雨水管线维护数量（米）", "=168329"),
        ("产出指标", "数量指标", "桥梁维护数量（座）", "=20"),
        ("产出指标", "数量指标", "人行道板维护面积（平方米）", "=488338"),
        ("产出指标", "数量指标", "绿带石、路牙石维护数量（米）", "=410044"),
        ("产出指标", "数量指标", "路灯维护数量（基）", "=11411"),
        ("产出指标", "质量指标", "市政基础设施维护工程合格率", "=98%"),
        ("产出指标", "质量指标", "项目质量可控性", "可控"),
        ("产出指标", "时效指标", "发现问题 48 小时内维修完成率", "=100%"),
        ("产出指标", "成本指标", "维护工程成本可控性", "可控"),  # '成本指标\t…' with only one level cell
        ("效益指标", "社会效益指标", "有责投诉数", "<=5%"),
        ("效益指标", "可持续影响指标", "市政基础设施长效管理制度健全性", "健全"),
        ("满意度指标", "满意度指标", "市民满意度", ">=95%"),
    ]
    assert levels(doc003.projects[7])[5] == ("产出指标", "成本指标", "造价控制范围", "±5%")


def test_003_page_break_continues_the_table(doc003):
    second = levels(doc003.projects[1])
    assert second[10:12] == [
        ("产出指标", "数量指标", "交通学院合作经费-兑现符合协议条款所列事项", "<50 万"),
        ("产出指标", "数量指标", "天智运营经费-兑现资金", "<400 万"),  # after the blank line and repeated levels
    ]
    assert ("产出指标", "数量指标", "北大海洋研究院扶持经费", "=1500 万") in second
    assert ("产出指标", "数量指标", "哈工大项目落地-科研产业化项目扶持总额", "<1000 万") in second
    assert levels(doc003.projects[6])[4] == ("产出指标", "数量指标", "发放创业担保贷款金额", ">=3000 万")


@pytest.mark.parametrize(
    "index, position, target",
    [
        (4, 7, "=0 起"),
        (7, 0, "16个"),
        (7, 3, "0起"),
        (6, 0, "≥80人"),
        (2, 11, "增强"),
        (8, 6, "匹配"),
    ],
)
def test_003_targets_as_written(doc003, index, position, target):
    assert doc003.projects[index].indicators[position].target == target


# --- variants give identical records --------------------------------------------------------------


def _lines(text: str, change) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


def _reversed_forms(text: str, title: str) -> str:
    """The forms in reverse order (whatever precedes the first title stays first)."""
    head, *forms = text.split(title)
    return head + "".join(title + form.rstrip("\n") + "\n\n" for form in reversed(forms))


def _page_break(text: str, before: str) -> str:
    """A blank line and a repeated table header inserted before the first line equal to `before`."""
    return text.replace(f"\n{before}\n", f"\n\n一级指标\t二级指标\t三级指标\t年度目标值\n{before}\n", 1)


VARIANTS = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "doubled blank lines": lambda text: text.replace("\n\n", "\n\n\n"),
    "extra leading tab": lambda text: _lines(text, lambda line: "\t" + line),
    "padded cells": lambda text: _lines(text, lambda line: "\t".join(f" {c}  " for c in line.split("\t"))),
    "lost leading cells": lambda text: _lines(text, lambda line: line.lstrip("\t")),
}


@pytest.mark.parametrize("prefix", ["000", "003"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_variants_parse_identically(prefix, variant):
    seed = SEEDS[prefix]
    changed = VARIANTS[variant](seed)
    assert LAYOUT.detect(split_rows(changed)) >= 0.5
    expected, got = parse(seed), parse(changed)
    assert records(got) == records(expected)
    assert (got.title, got.year, got.department) == (expected.title, expected.year, expected.department)
    assert got.warnings == []


@pytest.mark.parametrize("prefix, title", [("000", TITLE_000), ("003", TITLE_003)])
def test_forms_in_another_order(prefix, title):
    doc = parse(_reversed_forms(SEEDS[prefix], title))
    assert records(doc) == list(reversed(records(parse(SEEDS[prefix]))))
    assert doc.title == parse(SEEDS[prefix]).title


@pytest.mark.parametrize(
    "prefix, before",
    [
        ("000", "产出目标\t数量\t补贴保险公司数量\t>=2家"),
        ("003", "\t\t招聘场次\t>=2场"),
    ],
)
def test_repeated_table_header_inside_a_table(prefix, before):
    assert records(parse(_page_break(SEEDS[prefix], before))) == records(parse(SEEDS[prefix]))


# --- detection, errors, head details --------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, low, high",
    [
        ("000", 0.9, 1.0),
        ("001", 0.0, 0.0),
        ("002", 0.0, 0.0),
        ("003", 0.9, 1.0),
        ("004", 0.0, 0.3),
    ],
)
def test_detect_seeds(prefix, low, high):
    assert low <= LAYOUT.detect(split_rows(SEEDS[prefix])) <= high


@pytest.mark.parametrize(
    "text",
    [
        Path("README.md").read_text("utf-8"),
        "year,amount\n2020,5\n2021,50\n",
        "一级指标\t二级指标\t三级指标\t年度目标值\n产出指标\t数量指标\t人数\t>=5人\n",
    ],
)
def test_detect_junk(text):
    assert LAYOUT.detect(split_rows(text)) < 0.5


def test_detect_no_rows():
    assert LAYOUT.detect([]) == 0.0


def test_form_without_project_name_is_an_error():
    broken = SEEDS["003"].replace("项目名称*：\t人才工作专项经费", "项目名称*：\t", 1)
    with pytest.raises(ParseError, match="第 100 行的表单没有项目名称 line 100: form has no 项目名称"):
        parse(broken)


def test_document_without_forms_is_an_error():
    with pytest.raises(ParseError, match="no form"):
        parse(SEEDS["001"])


FORM = """项目支出绩效目标申报表
单位：万元
项目名称：\t示例项目\t项目总金额（万元）：\t1,200.50
开始日期：\t2022-01-01\t
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训人数\t>=100人
\t\t培训场次\t
注：以上数据为预计数。
"""


def test_unit_declared_by_a_label_and_lone_name_cell():
    project = parse(FORM).projects[0]
    assert (project.total_amount, project.amount_unit, project.period) == ("1,200.50", "万元", "2022-01-01")
    assert project.fields == {}
    assert levels(project) == [
        ("产出指标", "数量指标", "培训人数", ">=100人"),
        ("产出指标", "数量指标", "培训场次", ""),
    ]


def test_unit_declared_by_a_unit_row():
    text = FORM.replace("项目总金额（万元）：", "项目总金额：").replace("开始日期：", "金额单位：\t万元\n开始日期：")
    project = parse(text).projects[0]
    assert (project.total_amount, project.amount_unit, project.fields) == ("1,200.50", "万元", {"金额单位": "万元"})


def test_form_without_table_is_kept_with_a_warning():
    doc = parse(FORM + "\n项目名称：\t第二个项目\n")
    assert [p.name for p in doc.projects] == ["示例项目", "第二个项目"]
    assert doc.projects[1].indicators == []
    assert doc.warnings == ["第 10 行「第二个项目」的表单没有指标表 line 10: form of 第二个项目 has no indicator table"]


BLANK = (
    "专项资金总体绩效目标表\n项目名称：\t\n主管部门：\t\t实施期限：\t\n一级指标\t二级指标\t三级指标\t指标值\n"
    "产出指标\t数量指标\t指标1：\t\n效益指标\t社会效益指标\t……\t\n"
)


def test_a_blank_form_printed_unfilled_is_no_project():
    """A form printed as an empty template (no 项目名称, no target) is a table the department does not use: no
    project and no error, before or after a filled form; the import reports the table as empty."""
    assert parse(FORM + BLANK).projects[0].name == "示例项目"
    assert len(parse(FORM + BLANK).projects) == 1
    assert parse(BLANK).projects == []
    with pytest.raises(ParseError, match="form has no 项目名称"):  # a target without a name is still an error
        parse(BLANK.replace("指标1：\t", "指标1：\t≥5个"))
    doc = parse_rows(split_rows(FORM + "\n" + BLANK))
    assert [p.name for p in doc.projects] == ["示例项目"]
    assert [r.kind for r in doc.segments] == ["goal", "empty"] and "空表" in doc.warnings[-1], doc.warnings


# --- level vocabulary -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, level1, level2",
    [
        ("产出指标", True, False),
        ("产出目标", True, False),
        ("效果目标", True, False),
        ("投入与目标管理", True, False),
        ("影响力目标", True, False),
        ("1-产出指标", True, False),
        ("满意度指标", True, True),
        ("成本指标", True, True),
        ("数量", False, True),
        ("11-数量指标", False, True),
        ("环境效益", False, True),
        ("可持续影响指标", False, True),
        ("长效管理", False, True),
        ("其它", False, True),
        (" 时效指标 ", False, True),
        ("预算执行率", False, False),
        ("数量指标值", False, False),
        ("", False, False),
        ("（一）产出指标", True, False),
        ("一、产出指标（50分）", True, False),
        ("效益指标30分", True, False),
        ("1.1数量指标", False, True),
        ("数量指标（20分）", False, True),
        ("社会公众或服务对象满意度指标", False, True),
        ("可持续发展指标", False, True),
        ("群众满意度", False, False),  # an indicator's name, not a level
        ("1.2", False, False),
    ],
)
def test_level_words(cell, level1, level2):
    assert (is_level1(cell), is_level2(cell)) == (level1, level2)


@pytest.mark.parametrize(
    "level1, level2, expected",
    [
        ("产出指标", "成本指标", True),
        ("产出目标", "数量", True),
        ("效果目标", "满意度", True),
        ("效益指标", "满意度指标", False),
        ("成本指标", "经济成本指标", True),
        ("", "成本指标", False),
    ],
)
def test_accepts(level1, level2, expected):
    assert accepts(level1, level2) is expected


def test_003_continuation_rows_named_like_a_level_are_names():
    """服务对象满意度 and 社会公众满意度 are level-2 words too; in the name column of a row that keeps its columns they
    are names (issue 14: a 200,000-indicator corpus lost 3,444 of its 18,719 满意度 indicators this way)."""
    row = "满意度指标\t满意度指标\t帮助对象满意度\t>=90%\n"
    text = SEEDS["003"].replace(
        row, row + "\t\t服务对象满意度\t>=95%\n\t\t社会公众满意度\t≥90%\n\t服务对象满意度\t企业满意度\t>=85%\n", 1
    )
    assert text != SEEDS["003"]
    project = parse(text).projects[2]
    assert levels(project)[-4:] == [
        ("满意度指标", "满意度指标", "帮助对象满意度", ">=90%"),
        ("满意度指标", "满意度指标", "服务对象满意度", ">=95%"),
        ("满意度指标", "满意度指标", "社会公众满意度", "≥90%"),
        ("满意度指标", "服务对象满意度", "企业满意度", ">=85%"),  # in the level-2 column: a level 2
    ]
    assert [len(p.indicators) for p in parse(text).projects] == [n + 3 * (i == 2) for i, n in enumerate(COUNTS_003)]


@pytest.mark.parametrize("label", ["预算单位", "预算部门", "主管部门"])
def test_a_departments_own_form_names_it_by_its_unit_label(label):
    """A 部门整体 form gives no 项目名称: the unit its 预算单位 (or 主管部门) label names is the table's name."""
    text = (
        f"2026年部门整体支出绩效目标表\n{label}\t某市某局\t\t\n年度预算资金\t1,000\t\t\n年度总体目标\t做好全年工作\t\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n"
    )
    [table] = parse_rows(split_rows(text)).projects
    assert (table.name, table.kind, table.amount, table.goal) == ("某市某局", "department", "1,000", "做好全年工作")


def test_a_form_without_a_name_alone_on_its_sheet_is_named_by_the_sheet():
    """An officer's workbook of a sheet per project, each tab the project's name and its form without 项目名称: the
    file was refused (form has no 项目名称); the sheet's name names it now, said in the warnings. A default tab name
    (Sheet2) or a table's (…表) names nothing."""
    import io

    import openpyxl

    from importers.readers import read_bytes

    def workbook(titles: list[str]) -> bytes:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title in titles:
            sheet = book.create_sheet(title)
            sheet.append(["预算金额（万元）", 85.6])
            sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
            sheet.append(["产出指标", "数量指标", "举办全民健身赛事", "≥12场"])
            sheet.append(["满意度指标", "服务对象满意度指标", "参赛群众满意度", "≥90%"])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    doc = parse_rows(read_bytes(workbook(["全民健身赛事活动", "市民健身中心运营补助"]), ".xlsx"))
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("全民健身赛事活动", 2), ("市民健身中心运营补助", 2)]
    assert "its sheet's name '全民健身赛事活动' names the project" in doc.warnings[0]
    for titles in (["全民健身赛事活动", "Sheet2"], ["全民健身赛事活动", "项目绩效目标表"]):
        with pytest.raises(ParseError, match="form has no 项目名称"):
            parse_rows(read_bytes(workbook(titles), ".xlsx"))


@pytest.mark.parametrize(
    "title",
    ["Sheet1 (2)", "全民健身赛事活动 (2)", "2026年", "项目1", "附件2", "绩效目标", "填报说明", "某县文化和旅游局"],
)
def test_a_sheets_name_that_names_no_project_names_no_form(title):
    """A form without 项目名称 on a tab that names no project (Excel's copy 'Sheet1 (2)', a year, 项目1, 绩效目标, the
    budget unit that filed it): the file was imported with a project named so ('Sheet1 (2)', '2026年'); it is refused
    as before the sheet's name was read (form has no 项目名称), for the officer to fill in the name."""
    import io

    import openpyxl

    from importers.readers import read_bytes

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["预算金额（万元）", 85.6])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["产出指标", "数量指标", "举办全民健身赛事", "≥12场"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ParseError, match="form has no 项目名称"):
        parse_rows(read_bytes(out.getvalue(), ".xlsx"))


def test_a_unit_line_above_the_next_form_ends_the_table():
    """A budget prints '单位名称：某街道办事处 | 单位：元' above each form: the line above the second form was read as
    an indicator of the first (named '单位名称：…', target '单位：元'); it ends the first form's table now."""
    form = (
        "单位名称：某街道办事处\t单位：元\n项目名称\t{}\t预算金额\t580,000.00\n年度绩效目标\t做好全年工作\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t走访户次\t≥12场\n满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\n"
    )
    doc = parse(form.format("社区帮扶") + form.format("网格治理"))
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("社区帮扶", ["走访户次", "居民满意度"]),
        ("网格治理", ["走访户次", "居民满意度"]),
    ]


def test_a_money_label_with_a_sum_beside_the_name_is_the_amount():
    """'项目名称 | 网格治理 | 项目资金 | 58.00': 项目资金 is a label over a form's rows of money elsewhere; with a sum
    beside it, the form-kv form kept it as a field and the project had no amount. It is the amount now."""
    doc = parse(
        "填报单位：某街道办事处（盖章）\t单位：万元\n项目名称\t网格治理\t项目资金\t58.00\n年度绩效目标\t做好全年工作\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t网格数量\t=48个\n"
    )
    assert [(p.name, p.amount, p.fields.get("项目资金")) for p in doc.projects] == [("网格治理", "58.00", None)]


def test_an_indicator_noting_its_unit_in_its_name_is_no_unit_line():
    """A cost indicator whose name notes its unit on a second line ('人均月救助标准 （单位：元）') was read as the next
    form's unit line: the table ended there and the form lost it and every indicator below. It is an indicator."""
    form = (
        "单位名称：某县民政局\t单位：元\n项目名称：\t{}\t预算金额：\t5,800,000.00\n年度绩效目标：\t保障基本生活\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t城乡低保保障人数\t≥3200人\n"
        "成本指标\t经济成本指标\t人均月救助标准 （单位：元）\t≥780\n"
        "满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\n"
    )
    doc = parse(form.format("城乡困难群众救助补助") + form.format("临时救助资金"))
    assert [(p.name, [(i.name, i.target) for i in p.indicators]) for p in doc.projects] == [
        (name, [("城乡低保保障人数", "≥3200人"), ("人均月救助标准 （单位：元）", "≥780"), ("救助对象满意度", "≥90%")])
        for name in ("城乡困难群众救助补助", "临时救助资金")
    ]


@pytest.mark.parametrize(
    "second",
    [
        "年度绩效目标：",  # merged down both rows, printed in each: the second part became a field named 年度绩效目标
        "",  # a row added under it, its label cell left empty: it ended the head (the rest dropped, 备注 lost)
    ],
)
def test_a_goal_over_two_rows_is_one_goal(second):
    """'年度绩效目标：' over two rows is one goal; a label of its own after it (备注：) stays a field."""
    doc = parse(
        "项目名称：\t社区养老服务补助\t预算单位：\t某市民政局\n本年度预算申请金额：\t120.00\n"
        f"年度绩效目标：\t为全市200个站点提供补助，提升服务能力\n{second}\t保障老年人权益\n备注：\t无\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补助站点数\t≥200个\n"
    )
    [project] = doc.projects
    assert (project.goal, project.fields) == ("为全市200个站点提供补助，提升服务能力保障老年人权益", {"备注": "无"})


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("年度绩效目标", ["1.完成平台升级改造，保障系统稳定运行。", "2.保障数据安全。"]),
        ("年度总体目标", ["完成政务云资源租赁。"]),
        ("年度绩效目标", ["本年度绩效目标如下：", "1.完成平台升级改造。", "2.保障系统稳定运行。"]),  # a lead-in
    ],
)
def test_a_goals_rows_across_the_form_under_its_label_alone_are_the_goal(label, lines):
    """'年度绩效目标' merged across the form, the goal's rows merged across it below, then the indicator table: the
    label alone ended the head, its rows unread (goal '', silent). Each row is a line of the goal, as typed."""
    goal = "\n".join(lines)
    for merged in (1, 4):  # a .txt's lone cells, and a sheet's merged cells printed in each of its 4 columns
        rows = [["项目名称", "平台运维", "主管部门", "某局"], [label] * merged, *([line] * merged for line in lines)]
        rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
        [project] = parse("\n".join("\t".join(row) for row in rows) + "\n").projects
        indicators = [indicator.name for indicator in project.indicators]
        assert (project.name, project.goal, indicators) == ("平台运维", goal, ["运维系统数量"])


@pytest.mark.parametrize(
    "line", ["绩效指标", "单位：万元", "备注：", "填报人：", "某局2026年项目支出绩效目标表", "（续表）"]
)
def test_a_table_name_unit_line_or_label_under_a_goal_label_alone_is_no_goal(line):
    """Under a goal's label alone on its row, a lone line that is no text's part (the table's name, the money unit, a
    table's title or its '（续表）' atop the next page) or a label a head knows is not read into the goal."""
    doc = parse(
        f"项目名称\t平台运维\n年度绩效目标\n完成平台升级改造。\n{line}\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t运维系统数量\t≥12个\n"
    )
    assert doc.projects[0].goal == "完成平台升级改造。"


@pytest.mark.parametrize("line", ["备注：无", "联系电话：0532-12345678"])
def test_a_fields_label_and_value_in_one_cell_under_a_goal_label_alone_is_no_goal(line):
    """Under '年度绩效目标' alone on its row, a one-cell line '备注：无' (a field's label and its value in one cell) was
    read as the goal's last line, silently."""
    doc = parse(
        f"项目名称\t平台运维\t主管部门\t某局\n年度资金总额（万元）\t120.00\t实施单位\t某中心\n年度绩效目标\n"
        f"完成平台升级改造。\n{line}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t运维系统数量\t≥12个\n"
    )
    assert doc.projects[0].goal == "完成平台升级改造。"


@pytest.mark.parametrize("again", [False, True])
def test_a_years_heading_under_a_goals_rows_across_the_form(again):
    """A form with no indicator table, the next form's year heading right under its goal's rows (again=False): the
    heading was read as the goal's last line and the next form's head as this one's (one project, the second lost,
    silently). The heading over the form repeated between its goal's rows and its table (a page's running head, no
    表: again=True) was read as the goal's last line."""
    heading = "某县农业农村局2026年项目支出绩效目标"
    head = "项目名称\t{}\t主管部门\t某局\n年度资金总额（万元）\t85.50\t实施单位\t某站\n年度绩效目标\n{}\n"
    table = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t示范村数量\t5个\n"
    if again:
        text = f"{heading}\n" + head.format("耕地质量监测", "1.完成监测点建设20个。\n2.形成评价报告1份。")
        text += f"{heading}\n{table}"
        expected = [("耕地质量监测", "1.完成监测点建设20个。\n2.形成评价报告1份。", 1)]
    else:
        text = f"{heading}\n" + head.format("种业振兴", "完成良种繁育基地建设。")
        text += "某县林业局2026年项目支出绩效目标\n" + head.format("森林防火", "森林火灾受害率控制在0.9‰以内。") + table
        expected = [("种业振兴", "完成良种繁育基地建设。", 0), ("森林防火", "森林火灾受害率控制在0.9‰以内。", 1)]
    doc = parse_rows(split_rows(text))
    assert [(p.name, p.goal, len(p.indicators)) for p in doc.projects] == expected


def test_an_amount_label_wins_over_a_money_labels_sum():
    """'项目资金（万元）： | 500.00' (the whole period's money) above '本年度预算申请金额： | 120.00': the first sum was
    taken as the amount and the year's kept as a field. The amount label's value is the amount, the other a field."""
    doc = parse(
        "项目名称：\t农村公路养护工程\t项目资金（万元）：\t500.00\n本年度预算申请金额：\t120.00\t项目期限：\t2026-2028年\n"
        "年度绩效目标：\t完成养护\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t日常养护里程\t≥120公里\n"
    )
    assert [(p.amount, p.fields.get("项目资金（万元）")) for p in doc.projects] == [("120.00", "500.00")]


def test_an_indicator_named_as_its_level_2_in_the_columns_of_both():
    """'满意度指标 | 服务对象满意度 | 服务对象满意度 | ≥90%' (the name the level 2's words, in its column): the name
    was taken for the level 2 spread across, and the target for the name."""
    doc = parse(
        "项目名称：\t社区养老服务补助\t预算单位：\t某市民政局\n年度绩效目标：\t完成补助\n"
        "一级指标\t二级指标\t三级指标\t年度目标值\n产出指标\t数量指标\t补助站点数\t≥200个\n"
        "满意度指标\t服务对象满意度\t服务对象满意度\t≥90%\n"
    )
    assert levels(doc.projects[0])[1] == ("满意度指标", "服务对象满意度", "服务对象满意度", "≥90%")


@pytest.mark.parametrize("line", ["\t绩效指标", "\t单位：万元", "\t注：资金按季度拨付"])
def test_a_heading_or_unit_line_under_the_goal_is_not_its_next_part(line):
    """A lone line between the goal and the indicators, right of the labels (the table's name '绩效指标', the money
    unit, a note): it was taken for the goal's next part and run into the goal."""
    doc = parse(
        "项目名称：\t社区养老服务补助\t预算单位：\t某市民政局\n年度绩效目标：\t为全市200个站点提供补助。\n"
        f"{line}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补助站点数\t≥200个\n"
    )
    assert doc.projects[0].goal == "为全市200个站点提供补助。"


@pytest.mark.parametrize(
    ("sign_off", "fields"),
    [
        ("填报人：王芳　联系电话：0532-88886666\t\t\t", {"填报人": "王芳", "联系电话": "0532-88886666"}),
        ("填 报 人\t王芳\t审 核 人\t李强", {"填报人": "王芳", "审核人": "李强"}),
    ],
)
def test_a_sign_off_row_closing_the_table_gives_fields(sign_off, fields):
    """A Word form of 4 columns closed by its sign-off inside the table: its labels and values are the project's
    fields (the row ended the table and was lost); an indicator named after a sign-off word stays one."""
    doc = parse(
        "项目名称：\t社区养老服务补助\t预算单位：\t某市民政局\n年度绩效目标：\t完成补助\n"
        "一级指标\t二级指标\t三级指标\t年度目标值\n产出指标\t数量指标\t补助站点数\t≥200个\n"
        f"产出指标\t质量指标\t联系人（户）覆盖率\t≥95%\n{sign_off}\n"
    )
    [project] = doc.projects
    assert [i.name for i in project.indicators] == ["补助站点数", "联系人（户）覆盖率"]
    assert {label: project.fields.get(label) for label in fields} == fields


def _paged_form(foot: list[str], ends: frozenset[int], top: list[str]):
    """A 4-column Word form printed over two pages: `foot` the last row of page 1 (its cells ending on a short line
    where `ends` says), `top` the first of page 2, then one more indicator."""
    from importers.records import Row

    page1 = [["项目名称：", "丁项目", "丁项目", "丁项目"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    page1 += [["产出指标", "数量指标", "第1类服务开展次数", "≥10次"], foot]
    page2 = [top, ["效益指标", "社会效益指标", "群众满意度", "≥90%"]]
    made = [Row(cells, n, page=1) for n, cells in enumerate(page1, 1)]
    made[-1].ends = ends
    return LAYOUT.parse(made + [Row(cells, n, page=2) for n, cells in enumerate(page2, len(page1) + 1)])


@pytest.mark.parametrize(
    ("foot", "ends", "top", "name"),
    [
        (
            ["产出指标", "数量指标", "第9类服务开展次", "≥18次"],
            frozenset({0, 1, 3}),
            ["", "", "数", ""],
            "第9类服务开展次数",
        ),
        (
            ["产出指标", "数量指标", "文化活动场次", "≥120场"],
            frozenset({0, 1, 2, 3}),
            ["", "", "（含线上直播）", ""],
            "文化活动场次（含线上直播）",
        ),
    ],
)
def test_a_name_word_broke_over_a_page_is_one(foot, ends, top, name):
    """A Word row broken by the page: a name cut after a full line ('数' atop the next page) or a qualifier on a line
    of its own ('（含线上直播）') goes on in the name above; they were two indicators, the rest without a target."""
    [project] = _paged_form(foot, ends, top).projects
    assert [i.name for i in project.indicators] == ["第1类服务开展次数", name, "群众满意度"]


@pytest.mark.parametrize(
    ("ends", "top"),
    [(frozenset({0, 1, 2, 3}), "数"), (frozenset({0, 1, 3}), "文化设施网络覆盖面"), (frozenset(), "数")],
)
def test_a_name_alone_atop_a_page_stays_an_indicator(ends, top):
    """A name alone atop a page under a name that ended on a short line, a longer one, or under a row whose ends the
    reader does not know (no rules): an indicator of its own, its target blank."""
    [project] = _paged_form(["产出指标", "数量指标", "第9类服务开展次", "≥18次"], ends, ["", "", top, ""]).projects
    assert [(i.name, i.target) for i in project.indicators][1:3] == [("第9类服务开展次", "≥18次"), (top, "")]


def test_an_owners_row_under_levels_written_once_is_no_sign_off():
    """'| | 分管领导 | 明确' in a Word form of 4 columns, its levels written once above it: an indicator laid out as
    the table's, not the sign-off (which ended the table there, the indicators after it lost); 分管领导 under the
    table is the sign-off's."""
    doc = parse(
        "项目名称：\t基层党建\t预算单位：\t某县委组织部\n年度绩效目标：\t完成阵地建设\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t项目负责人\t到位\n"
        "\t\t分管领导\t明确\n满意度指标\t服务对象满意度指标\t党员满意度\t≥90%\n分管领导\t王强\t日期\t2026年1月8日\n"
    )
    [project] = doc.projects
    assert [(i.name, i.target) for i in project.indicators] == [
        ("项目负责人", "到位"),
        ("分管领导", "明确"),
        ("党员满意度", "≥90%"),
    ]
    assert (project.fields["分管领导"], project.fields["日期"]) == ("王强", "2026年1月8日")


def test_a_sign_off_row_of_several_labels_from_the_names_column_is_the_sign_off():
    """A sheet's sign-off typed in from the indicator name's column ('| | 填报人：王芳 | 联系电话：…', its first
    cells blank), several labels: the sign-off, not an indicator laid out as the table's (only a row of one label
    may be one, '| | 项目负责人 | 到位')."""
    doc = parse(
        "项目名称：\t基层党建\t预算单位：\t某县委组织部\n年度绩效目标：\t完成阵地建设\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t项目负责人\t到位\n"
        "满意度指标\t服务对象满意度指标\t党员满意度\t≥90%\n\t\t填报人：王芳\t联系电话：0791-86661234\n"
    )
    [project] = doc.projects
    assert [(i.name, i.target) for i in project.indicators] == [("项目负责人", "到位"), ("党员满意度", "≥90%")]
    assert (project.fields["填报人"], project.fields["联系电话"]) == ("王芳", "0791-86661234")


def test_a_qualitative_row_broken_by_the_page_is_one():
    """A qualitative row (its target blank) of a ruled Word form whose cells the reader saw each run on to the page's
    foot (`Row.edges`, no `Row.ends`): the name alone atop the next page is its rest, however long; the row under
    that rest, its levels merged above, is an indicator of its own."""
    from importers.records import Row

    page1 = [["项目名称：", "丁项目", "丁项目", "丁项目"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    page1 += [["产出指标", "数量指标", "第1类服务开展次数", "≥10次"]]
    page1 += [["效益指标", "可持续影响指标", "管护责任落实到村", ""]]
    page2 = [["", "", "到人并建立管护台账", ""], ["", "", "形成常态化管护机制", ""]]
    made = [Row(cells, n, page=1) for n, cells in enumerate(page1, 1)]
    made[-1].edges = (80.0, 160.0, 240.0, 320.0)
    doc = LAYOUT.parse(made + [Row(cells, n, page=2) for n, cells in enumerate(page2, len(page1) + 1)])
    assert [(i.name, i.level2) for i in doc.projects[0].indicators] == [
        ("第1类服务开展次数", "数量指标"),
        ("管护责任落实到村到人并建立管护台账", "可持续影响指标"),
        ("形成常态化管护机制", "可持续影响指标"),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ("资金来源", "金额（万元）"),
        ("支出内容", "预算金额（万元）"),
        ("资金用途", "预算数"),
        ("支出事项", "金额（万元）"),
    ],
)
def test_a_money_table_under_the_indicators_without_a_title_ends_them(header):
    """A money table right under a form's indicators, no title of its own: its header and rows ('资金来源 |
    金额（万元）' | '财政拨款 | 120', or headed by what the money is for, '支出内容 | 预算金额（万元）') were read as
    indicators of the last row's levels, without a word; so were those headed by one money label beside a word of
    anything ('支出事项 | 金额（万元）'). A money table's header, its rows bearing it out, ends the indicators."""
    from importers.records import Row

    lines = [["项目名称", "城乡困难群众临时救助"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    lines += [["产出指标", "数量指标", "救助困难群众人数", "≥3000人"], ["", "质量指标", "救助对象认定准确率", "≥95%"]]
    lines += [list(header), ["培训费", "30"], ["合计", "30"]]
    doc = LAYOUT.parse([Row(cells, n, page=1) for n, cells in enumerate(lines, 1)])
    assert levels(doc.projects[0]) == [
        ("产出指标", "数量指标", "救助困难群众人数", "≥3000人"),
        ("产出指标", "质量指标", "救助对象认定准确率", "≥95%"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [["日常养护", "800万元"], ["合计", "800万元"]],
        [["日常养护", "—"], ["小修保养", "400"]],
        [["一、人员经费", ""], ["劳务费", "300"], ["合计", "300"]],
    ],
)
def test_a_money_tables_rows_of_amounts_with_their_unit_a_dash_or_a_sub_heading_first_end_the_indicators(rows):
    """A money table under the indicators ('支出内容 | 预算金额（万元）') whose amounts carry their unit ('800万元'), or
    whose first row has none ('—', a sub-heading '一、人员经费'), is a money table still, as it was before its rows were
    asked: read as indicators, the goal table had lost rows without a word."""
    from importers.records import Row

    lines = [["项目名称", "农村公路养护补助"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    lines += [["产出指标", "数量指标", "养护农村公路里程", "≥1200公里"], ["", "质量指标", "路面优良率", "≥80%"]]
    lines += [["支出内容", "预算金额（万元）"], *rows]
    doc = LAYOUT.parse([Row(cells, n, page=1) for n, cells in enumerate(lines, 1)])
    assert levels(doc.projects[0]) == [
        ("产出指标", "数量指标", "养护农村公路里程", "≥1200公里"),
        ("产出指标", "质量指标", "路面优良率", "≥80%"),
    ]


def test_an_indicator_row_of_two_money_words_ends_no_indicators():
    """An indicator row whose name and target happen to be a money table's header words ('项目 | 金额', '支出内容 |
    预算数') is no money table's header: the rows under it hold no amounts. It had ended the indicators, those below
    it lost without a word."""
    from importers.records import Row

    lines = [["项目名称", "城乡困难群众临时救助"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    lines += [["产出指标", "数量指标", "救助困难群众人数", "≥3000人"], ["", "成本指标", "项目", "金额"]]
    lines += [["", "", "支出内容", "预算数"], ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"]]
    doc = LAYOUT.parse([Row(cells, n, page=1) for n, cells in enumerate(lines, 1)])
    assert levels(doc.projects[0]) == [
        ("产出指标", "数量指标", "救助困难群众人数", "≥3000人"),
        ("产出指标", "成本指标", "项目", "金额"),
        ("产出指标", "成本指标", "支出内容", "预算数"),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"),
    ]


def test_an_indicator_row_of_two_money_words_over_a_bare_number_target_ends_no_indicators():
    """'| | 项目 | 金额' in the goal table's name and target columns, its levels merged above, over a bare-number
    target ('新建候车亭 | 30') and an indicator's row without a level: it was taken for a money table's header
    (an amount under it, no level word), the indicators below it lost without a word."""
    from importers.records import Row

    lines = [["项目名称", "农村公路养护补助"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    lines += [["产出指标", "数量指标", "养护公路里程", "1200"], ["", "", "项目", "金额"], ["", "", "新建候车亭", "30"]]
    lines += [["", "", "路面优良程度", "较高"]]
    doc = LAYOUT.parse([Row(cells, n, page=1) for n, cells in enumerate(lines, 1)])
    assert [(i.name, i.target) for i in doc.projects[0].indicators] == [(r[2], r[3]) for r in lines[2:]]


CLIPPED_HEAD = (
    "项目支出绩效目标表\n项目名称\t农村危房改造补助项目\t农村危房改造补助项目\t农村危房改造补助项目\n"
    "主管部门\t某县住房和城乡建设局\t实施单位\t某县村镇建设服务中心\n金（万元）\t年度资金总额\t425.50\t425.50\n"
    "度绩效目标\t完成农村危房改造85户。\t完成农村危房改造85户。\t完成农村危房改造85户。\n"
    "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t改造农村危房\t≥85户\n"
)


def test_a_head_row_of_an_unknown_label_is_unread_and_said():
    """A national form whose first column's labels the print clipped ('金（万元） | 年度资金总额 | 425.50', '度绩效目标
    | …' under a one-row money line): no label of this layout's, so its head ends above them and the amount and goal
    were lost without a word. Such a form scores below a fully read one (grid-form reads the head by its layout),
    and where this layout still reads it, it says which row it did not read."""
    rows = split_rows(CLIPPED_HEAD)
    assert LAYOUT.detect(rows) < 1.0
    doc = LAYOUT.parse(rows)
    assert doc.warnings and "第 4 行「金（万元）」" in doc.warnings[0]
    [project] = parse_rows(rows).projects
    assert (project.amount, project.goal) == ("425.50", "完成农村危房改造85户。")


def test_a_one_value_line_between_head_and_table_is_no_unread_head():
    """A caption or unit line between a form's head and its table (one value) is no head row left unread."""
    rows = split_rows(
        "项目名称：\t基层党建\t预算单位：\t某县委组织部\n单位：万元\n年度绩效指标\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t党员培训\t≥90%\n"
    )
    assert LAYOUT.detect(rows) == 1.0
    assert not LAYOUT.parse(rows).warnings


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("项目负责人：张三", {"项目负责人": "张三"}),
        ("联系电话：0532-12345678", {"联系电话": "0532-12345678"}),
        ("审核人：", {}),  # a sign-off's label no field of the head knows, left blank
        ("填报人：王芳", {"填报人": "王芳"}),
    ],
)
def test_a_fields_line_right_under_a_goals_label_alone_leaves_the_goals_lines_under_it(line, fields):
    """'年度绩效目标' alone on its row, a field's label and value in one cell right under it, then the goal's lines:
    the field, and the goal those lines (the goal was '', its lines lost with the field; or '审核人：' its first line,
    without a word)."""
    for merged in (1, 4):  # a .txt's lone cells, and a sheet's merged cells printed in each of its 4 columns
        lines = ["年度绩效目标", line, "完成平台升级改造。", "保障系统稳定运行。"]
        rows = [["项目名称", "平台运维", "主管部门", "某局"], *([text] * merged for text in lines)]
        rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
        [project] = parse("\n".join("\t".join(row) for row in rows) + "\n").projects
        assert project.goal == "完成平台升级改造。\n保障系统稳定运行。"
        assert {label: project.fields[label] for label in fields} == fields
        assert [indicator.name for indicator in project.indicators] == ["运维系统数量"]


def test_a_head_labels_line_right_under_a_goals_label_alone_gives_the_projects_own():
    """'主管部门：某局' in one cell right under '年度绩效目标' alone, the head naming no department before it: the
    project's department, as on a row of its own (not a field '主管部门'), the goal's lines under it the goal."""
    rows = [["项目名称", "平台运维"], ["年度绩效目标"], ["主管部门：某局"], ["完成平台升级改造。"]]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
    [project] = parse("\n".join("\t".join(row) for row in rows) + "\n").projects
    assert (project.department, project.goal, "主管部门" in project.fields) == ("某局", "完成平台升级改造。", False)


@pytest.mark.parametrize("title", ["二、农田水利建设项目", "农田水利建设项目绩效目标表", "（二）"])
@pytest.mark.parametrize("last", ["\t\t路面修复\t≥30处", "\t\t分管领导\t王强"])
def test_a_next_forms_title_over_its_unit_line_is_no_note_over_this_forms_sign_off(title, last):
    """A form's last row, then the next form's title or heading ('二、农田水利建设项目') and its '填报单位：某县水利局'
    line over its head: the title is no note over this form's sign-off (the next form's unit was read into this
    form's fields, without a word); a note's word starts a note ('注：…')."""

    def form(name: str, unit: str, last: str) -> str:
        return (
            f"项目名称\t{name}\t\t\n主管部门\t{unit}\t\t\n年度绩效目标\t完成{name}任务。\t\t\n"
            f"一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t完成数量\t≥10项\n{last}\n"
        )

    text = form("农村公路养护", "某县交通运输局", last) + f"{title}\n填报单位：某县水利局\n"
    first, second = parse(text + form("农田水利建设", "某县水利局", "\t\t分管领导\t王强")).projects
    assert (first.name, first.fields.get("填报单位"), second.name) == ("农村公路养护", None, "农田水利建设")


@pytest.mark.parametrize("note", ["注：本表由项目单位填写", "本表金额单位为万元。"])
def test_a_note_or_a_sentence_over_the_sign_off_leaves_the_sign_off_read(note):
    """A note's word or a sentence on a row of its own between the indicators and the sign-off: a note, the sign-off
    under it read (it was lost where the table ended at the note)."""
    text = "项目名称\t农村公路养护\t\t\n年度绩效目标\t完成养护任务。\t\t\n一级指标\t二级指标\t三级指标\t指标值\n"
    text += f"产出指标\t数量指标\t养护里程\t≥120公里\n{note}\n填报人\t王芳\t审核人\t李强\n"
    [project] = parse(text).projects
    assert ([i.name for i in project.indicators], project.fields["填报人"]) == (["养护里程"], "王芳")


def test_a_line_under_a_goals_label_alone_naming_a_field_the_head_gave_is_the_goals_line():
    """'实施单位：某中心负责具体实施。' among the goal's lines under its label alone, the head giving '实施单位'
    already: the goal's line, the head's field kept (it was overwritten by the line, without a word)."""
    rows = [["项目名称", "平台运维", "主管部门", "某局"], ["年度资金总额（万元）", "120", "实施单位", "某中心"]]
    lines = ["完成平台升级改造。", "实施单位：某中心负责具体实施。", "保障系统稳定运行。"]
    rows += [["年度绩效目标"], *([line] for line in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
    [project] = parse("\n".join("\t".join(row) for row in rows) + "\n").projects
    assert (project.goal, project.fields["实施单位"]) == ("\n".join(lines), "某中心")


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("资金来源：财政拨款", {"资金来源": "财政拨款"}),  # a label no list knows, a short value: a field
        ("资金性质：一般公共预算", {"资金性质": "一般公共预算"}),
        ("实施单位：某中心负责具体实施。", {}),  # a field's label before a sentence: the goal's first line
        ("目标：提升平台服务水平", {}),  # a label naming the goal, a part or a time of it: the goal's
        ("上半年：完成设备招标采购", {}),
        ("预期效益：群众满意", {}),
    ],
)
def test_a_line_under_a_goals_label_alone_is_a_field_by_its_values_shape(line, fields):
    """'年度绩效目标' alone, then 'label：value' in one cell, then the goal's lines, the head giving no such field: a
    field where a label of a few words naming no task has a short value ('资金来源：财政拨款': it was the goal's
    first line), the goal's first line where the value is a sentence ('实施单位：某中心负责具体实施。': it was the
    field, the line lost from the goal) or the label names the goal or a time ('目标：', '上半年：'); silent before."""
    for merged in (1, 4):  # a .txt's lone cells, and a sheet's merged cells printed in each of its 4 columns
        lines = [line, "保障系统稳定运行。"]
        rows = [["项目名称", "平台运维", "主管部门", "某局"], *([text] * merged for text in ["年度绩效目标", *lines])]
        rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
        [project] = parse("\n".join("\t".join(row) for row in rows) + "\n").projects
        label = line.split("：")[0]
        assert (project.goal, project.fields.get(label)) == (
            "\n".join(lines[1:] if fields else lines),
            fields.get(label),
        )


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
@pytest.mark.parametrize("merged", [1, 4])
def test_a_goals_lines_holding_the_word_indicator_under_its_label_alone_are_the_goal(money, merged):
    """'年度绩效目标' alone, then lines that are sentences naming indicators ('完成运维系统指标监测12个。'): the goal
    (the word 指标 anywhere in a row ended the goal there, the goal '' and its lines lost, without a word); a table's
    name ('绩效指标') still ends it."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = ["完成运维系统指标监测12个。", "确保各项绩效指标达到年初目标，群众满意。"]
    rows = [["项目名称", "平台运维", "主管部门", "某局"], [money, "120", "项目类别", "运维类"]]
    rows += [["年度绩效目标"] * merged, *([text] * merged for text in lines), ["绩效指标"] * merged]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert (project.goal, [i.name for i in project.indicators]) == ("\n".join(lines), ["运维系统数量"])


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
def test_a_money_units_line_under_a_goals_lines_is_no_field(money):
    """'单位：万元' under the goal's lines under its label alone, over the indicator table: the table's money unit,
    no field '单位' (a label of a few words and a short value, read as a field as '资金来源：财政拨款' is)."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    rows = [["项目名称", "平台运维", "主管部门", "某局"], [money, "120", "项目类别", "运维类"]]
    rows += [["年度绩效目标"], ["完成平台升级改造。"], ["单位：万元"]]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数量", "≥12个"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert (project.goal, "单位" in project.fields) == ("完成平台升级改造。", False)


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("数量：道路养护50公里", None),  # an aspect of the goal, its count: the goal's first line
        ("时效：年底前全部完工", None),
        ("二期：管网改造", None),  # a part of the work
        ("受益人群：城乡居民12万人", None),
        ("社会：改善居住环境", None),  # an effect of it
        ("目的：改善排水条件", None),
        ("项目负责人：张三。", "张三。"),  # a name with a stop, no sentence: the field
    ],
)
def test_a_goals_first_line_by_its_aspect_or_count_under_its_label_alone_is_the_goal(money, line, field):
    """'年度绩效目标' alone, then a first line 'label：value' naming an aspect, a part or an effect of the goal
    ('数量：道路养护50公里', '二期：管网改造', '社会：改善居住环境'): the goal's line, as before any label of a few
    words and a short value were read as a field (the line lost from the goal, without a word); '项目负责人：张三。'
    a field still."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    lines = [line, "完成管网改造10公里。"]
    rows = [["项目名称", "城区管网改造", "主管部门", "某县住建局"], [money, "300", "项目类别", "建设类"]]
    rows += [["年度绩效目标"] * 4, *([text] * 4 for text in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "改造管网长度", "≥10公里"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    label = line.split("：")[0]
    assert (project.goal, project.fields.get(label)) == ("\n".join(lines[1:] if field else lines), field)


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
@pytest.mark.parametrize("value", ["畅通", "0991-1234567"])
def test_a_head_labels_row_over_a_levels_tables_sign_off_keeps_the_sign_off(money, value):
    """'联系电话 | 畅通' merged across, in the level columns the sign-off starts in, over '填报人 | 王芳 | 审核人 |
    李强' under a levels table: a head label's row, but no form's head (no 项目名称, no table under it), so the
    form's rows and its sign-off (it had cut the form short: the row and the whole sign-off lost, without a word)."""
    rows = [["项目名称", "城区管网改造", "主管部门", "某县住建局"], [money, "300", "项目类别", "建设类"]]
    rows += [["年度绩效目标"] * 4, ["完成管网改造10公里。"] * 4, ["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", "改造管网长度", "≥10公里"], ["联系电话", value, value, value]]
    rows += [["填报人", "王芳", "审核人", "李强"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert [i.name for i in project.indicators] == ["改造管网长度"]
    assert [project.fields.get(label) for label in ("联系电话", "填报人", "审核人")] == [value, "王芳", "李强"]


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
@pytest.mark.parametrize("merged", [1, 4], ids=["one-cell", "merged"])
@pytest.mark.parametrize(
    "lines",
    [
        ["完成管网改造10公里。", "各项指标全面完成"],
        ["主要指标：运维系统12个", "完成管网改造10公里。"],
        ["各项绩效指标达标", "完成管网改造10公里。"],
        ["完成管网改造10公里；", "年度指标按期完成"],  # (words a 年度绩效指标 table's label begins with)
    ],
    ids=["last", "label-and-value", "first", "a-years-label-first"],
)
def test_a_short_goal_line_holding_the_word_indicator_is_the_goals(money, merged, lines):
    """'年度绩效目标' alone, then a short line of one text holding 指标 not at its end ('各项指标全面完成', '主要指标：
    运维系统12个', '年度指标按期完成'): the goal's line, no table's name nor a 年度绩效指标 table's label (it had ended
    the goal, the goal '' or cut, without a word)."""
    rows = [["项目名称", "城区管网改造", "主管部门", "某县住建局"], [money, "300", "项目类别", "建设类"]]
    rows += [["年度绩效目标"] * merged, *([line] * merged for line in lines)]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "改造管网长度", "≥10公里"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert (project.goal.replace("\n", ""), [i.name for i in project.indicators]) == ("".join(lines), ["改造管网长度"])


@pytest.mark.parametrize("money", ["年度资金总额（万元）", "项目资金（万元）"], ids=["form-kv", "grid-form"])
@pytest.mark.parametrize("merged", [1, 4], ids=["one-cell", "merged"])
@pytest.mark.parametrize("heading", ["绩效指标设置情况", "二、绩效指标设置", "项目绩效指标明细"])
def test_a_heading_holding_the_word_indicator_under_the_goal_is_no_goals_line(money, merged, heading):
    """'年度绩效目标' alone, its line, then a heading of one text ending as headings do ('绩效指标设置情况') over the
    table: the table's heading, not the goal's line (review 64R-c: 0819a8a had joined it to the goal, without a
    word)."""
    rows = [["项目名称", "城区管网改造", "主管部门", "某县住建局"], [money, "300", "项目类别", "建设类"]]
    rows += [["年度绩效目标"] * merged, ["完成管网改造10公里。"] * merged, [heading] * merged]
    rows += [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "改造管网长度", "≥10公里"]]
    [project] = parse_rows(split_rows("\n".join("\t".join(row) for row in rows) + "\n")).projects
    assert (project.goal, [i.name for i in project.indicators]) == ("完成管网改造10公里。", ["改造管网长度"])
