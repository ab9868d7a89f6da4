"""Layout 'outline': goals written as text lines (a budget's 说明 pages, a Word document of paragraphs)."""

from __future__ import annotations

import pytest

from importers import parse_rows
from importers.layouts import outline
from importers.readers.text import split_rows

PARAGRAPHS = """2024年城乡劳动者职业技能提升培训项目绩效目标
项目名称：城乡劳动者职业技能提升培训项目
主管部门：南通市人力资源和社会保障局
实施单位：南通市职业技能鉴定指导中心
项目资金：320万元
年度绩效目标：全年开展职业技能培训不少于5000人次。
绩效指标：
（一）产出指标
数量指标
1. 职业技能培训人次：≥5000人次
质量指标
2. 培训合格率≥90%
成本指标
3. 人均培训成本：≤1500元
（二）满意度指标
服务对象满意度指标
4. 参训人员满意度：≥90%
注：以上指标以年度考核为准。
"""

EXPLANATION = """八、预算绩效目标情况说明
2024年本部门实行绩效目标管理的项目2个，涉及资金4616万元。重点项目绩效目标如下：
（一）高龄老人津贴发放
1.主管部门：成都市民政局
2.项目资金：4520万元
3.年度绩效目标：按月足额发放高龄老人津贴。
4.绩效指标：
成本指标：
经济成本指标：
人均津贴标准：=60元/月
产出指标：
数量指标：
享受津贴老年人数：≥62000人
（二）森林防火物资储备项目
1.主管部门：成都市应急管理局
2.项目资金：96万元
3.绩效指标：
产出指标：
数量指标：
储备风力灭火机数量：≥80台
质量指标：
物资验收合格率：=100%
九、其他重要事项的情况说明
"""


def test_a_word_document_of_paragraphs():
    """项目名称 and head lines, 绩效指标 and the indicators under level lines: the document was refused (no layout);
    成本指标 under 产出指标 is its level 2, a note below ends the indicators."""
    doc = parse_rows(split_rows(PARAGRAPHS))
    assert doc.layout == "outline"
    [project] = doc.projects
    assert (project.name, project.department, project.amount, project.goal) == (
        "城乡劳动者职业技能提升培训项目",
        "南通市人力资源和社会保障局",
        "320万元",
        "全年开展职业技能培训不少于5000人次。",
    )
    assert project.fields == {"实施单位": "南通市职业技能鉴定指导中心"}
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "职业技能培训人次", "≥5000人次"),
        ("产出指标", "质量指标", "培训合格率", "≥90%"),
        ("产出指标", "成本指标", "人均培训成本", "≤1500元"),
        ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"),
    ]


def test_a_budgets_explanation_names_its_projects_by_numbered_headings():
    """'（一）高龄老人津贴发放' and its numbered head lines below: each project named by its heading; the next heading
    ends the indicators; the budget's other sections are no project."""
    doc = parse_rows(split_rows(EXPLANATION))
    assert [(p.name, p.department, p.amount) for p in doc.projects] == [
        ("高龄老人津贴发放", "成都市民政局", "4520万元"),
        ("森林防火物资储备项目", "成都市应急管理局", "96万元"),
    ]
    assert [(i.level1, i.level2, i.name, i.target) for i in doc.projects[0].indicators] == [
        ("成本指标", "经济成本指标", "人均津贴标准", "=60元/月"),
        ("产出指标", "数量指标", "享受津贴老年人数", "≥62000人"),
    ]
    assert [i.name for i in doc.projects[1].indicators] == ["储备风力灭火机数量", "物资验收合格率"]


@pytest.mark.parametrize(
    "text",
    [
        "项目名称：道路养护\n主管部门：某局\n年度绩效目标：保障道路通行。\n",  # no indicators
        "绩效指标：\n产出指标\n培训人次：≥500人次\n合格率：≥90%\n",  # no project named
        "（一）道路养护\n该项目保障道路通行，全年养护里程：1250公里，优良路率：80%。\n",  # prose
    ],
    ids=["no-indicators", "no-project", "prose"],
)
def test_text_without_a_named_project_listing_indicators_is_not_an_outline(text):
    assert outline.detect(split_rows(text)) == 0.0


def test_an_items_number_is_not_its_names_digits_and_a_line_in_no_form_does_not_end_the_list():
    """'4.80-89周岁老人补贴标准' is item 4 (its name lost '80'); '3.5G基站覆盖乡镇数' item 3; a line the list holds
    without a colon or a sign ('加工任务完成时间2026年11月底前') ended the list, every indicator below it lost."""
    text = (
        "项目名称：高龄津贴\n"
        "绩效指标：\n"
        "产出指标\n"
        "数量指标\n"
        "1.享受津贴人数：≥62000人\n"
        "2.加工任务完成时间2026年11月底前\n"
        "3.5G基站覆盖乡镇数：≥12个\n"
        "4.80-89周岁老人补贴标准：=100元/人·月\n"
        "满意度指标\n"
        "5.受益老人满意度≥95%\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.level1, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "享受津贴人数", "≥62000人"),
        ("产出指标", "5G基站覆盖乡镇数", "≥12个"),
        ("产出指标", "80-89周岁老人补贴标准", "=100元/人·月"),
        ("满意度指标", "受益老人满意度", "≥95%"),
    ]


def test_goals_written_in_sentences():
    """'项目资金：45.00万元。年度绩效目标：…' on one line, and '绩效指标：产出指标：培训人次≥1200人次，…；
    满意度指标：…' in one sentence: the project was not read. An item without a sign is not split into name and
    target. The sentence may wrap over lines; the budget's next part ends the list."""
    text = (
        "五、预算绩效管理情况\n"
        "1.基层干部业务能力培训经费\n"
        "项目资金：45.00万元。年度绩效目标：组织全系统业务培训。\n"
        "绩效指标：产出指标：培训人次≥1200人次，举办培训班期数≥8\n"  # wrapped, as a PDF's lines are
        "期；效益指标：干部业务能力明显提升；满意度指标：参训人员满意度≥90%。\n"
        "第三部分 名词解释\n"
        "一、财政拨款收入：指本级财政当年拨付的资金。\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert (project.name, project.amount) == ("基层干部业务能力培训经费", "45.00万元")
    assert project.goal == "组织全系统业务培训"
    assert [(i.level1, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "培训人次", "≥1200人次"),
        ("产出指标", "举办培训班期数", "≥8期"),
        ("满意度指标", "参训人员满意度", "≥90%"),
    ]


def test_item_numbers_and_names_that_begin_with_digits():
    """'①5G基站建设数量≥10个' (a circled number; a name beginning with digits), '1,200人次' (a thousands comma in a
    sentence's item), '绩效指标：详见下表' (no list in the sentence: the lines below are it)."""
    text = (
        "项目名称：信息化建设\n"
        "绩效指标：详见下表\n"
        "产出指标\n"
        "①5G基站建设数量≥10个\n"
        "②2.5级以上地震监测率≥95%\n"
        "项目名称：职业培训\n"
        "绩效指标：产出指标：培训人次≥1,200人次，合格率≥90%。\n"
    )
    first, second = parse_rows(split_rows(text)).projects
    assert [(i.name, i.target) for i in first.indicators] == [
        ("5G基站建设数量", "≥10个"),
        ("2.5级以上地震监测率", "≥95%"),
    ]
    assert [(i.name, i.target) for i in second.indicators] == [("培训人次", "≥1,200人次"), ("合格率", "≥90%")]


def test_a_level_line_holding_its_indicators():
    """'1.数量指标：A≥x；B≥y。' under '（一）产出指标', as budget explanations write them: read as one indicator named
    数量指标 with the whole list as its target, and '（二）成本指标' as a level 2 under 产出指标. An item's target
    without a sign at its end (a date, 有效改善) is split from its name; a level word before a target alone is still
    an indicator's name."""
    text = (
        "项目名称：2026年高标准农田建设项目\n项目资金：1850.75万元\n绩效指标：\n（一）产出指标\n"
        "1.数量指标：新建高标准农田面积≥1.2万亩；田间道路硬化长度≥21公里。\n2.质量指标：工程质量验收合格率=100%。\n"
        "3.时效指标：项目建设完成时间2027年6月底前。\n（二）成本指标\n1.经济成本指标：亩均财政投入≤1540元/亩。\n"
        "（三）效益指标\n1.社会效益指标：农业生产条件有效改善。\n（四）满意度指标\n服务对象满意度：≥90%\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "新建高标准农田面积", "≥1.2万亩"),
        ("产出指标", "数量指标", "田间道路硬化长度", "≥21公里"),
        ("产出指标", "质量指标", "工程质量验收合格率", "=100%"),
        ("产出指标", "时效指标", "项目建设完成时间", "2027年6月底前"),
        ("成本指标", "经济成本指标", "亩均财政投入", "≤1540元/亩"),
        ("效益指标", "社会效益指标", "农业生产条件", "有效改善"),
        ("满意度指标", "", "服务对象满意度", "≥90%"),
    ]


def test_a_date_target_and_the_next_part_printed_with_spaces_beside_their_numbers():
    """A PDF prints spaces beside numbers ('2027 年 6 月底前', '第 三 部分' as '第 3 部分'): a date ending an item was
    not split from its name, and the budget's next part did not end the list (its first line read as an indicator).
    They are read as unspaced, the target kept as printed."""
    text = (
        "项目名称：高标准农田建设项目\n绩效指标：\n（一）产出指标\n"
        "1.数量指标：新建高标准农田面积 ≥ 1.2 万亩；田间道路硬化长度 ≥ 21 公里。\n"
        "2.时效指标：项目建设完成时间 2027 年 6 月底前。\n（二）满意度指标\n服务对象满意度：≥ 90 %\n"
        "第 3 部分 名词解释\n一般公共预算：≥ 1 项\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "新建高标准农田面积", "≥ 1.2 万亩"),
        ("产出指标", "数量指标", "田间道路硬化长度", "≥ 21 公里"),
        ("产出指标", "时效指标", "项目建设完成时间", "2027 年 6 月底前"),
        ("满意度指标", "", "服务对象满意度", "≥ 90 %"),
    ]


def test_a_level_line_of_prose_is_read_whole_under_its_own_level():
    """A level's line whose items are not all indicators ('困难群众基本生活得到有效保障，社会救助体系逐步健全'): only
    the items read were kept, the rest of the sentence lost; a level line of prose after a level's line of indicators
    went under that line's level ('时效指标' under 质量指标); a date alone after a comma was cut into '2026年' and
    '12月底前'. Such a line is read whole, as before, under its level 1 only."""
    text = (
        "项目名称：城乡低保资金\n绩效指标：\n（一）产出指标\n1.质量指标：低保资金发放准确率≥98%；动态管理及时率=100%。\n"
        "2.时效指标：每月10日前发放到位。\n3.时效指标：完成时间，2026年12月底前。\n（二）效益指标\n"
        "1.社会效益指标：困难群众基本生活得到有效保障，社会救助体系逐步健全。\n"
    )
    [project] = parse_rows(split_rows(text)).projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "质量指标", "低保资金发放准确率", "≥98%"),
        ("产出指标", "质量指标", "动态管理及时率", "=100%"),
        ("产出指标", "", "时效指标", "每月10日前发放到位。"),
        ("产出指标", "", "时效指标", "完成时间，2026年12月底前。"),
        ("效益指标", "", "社会效益指标", "困难群众基本生活得到有效保障，社会救助体系逐步健全。"),
    ]
