"""Layout 'inline-table' (seed 002, 广州开发区 项目支出绩效目标表（含转移支付项目）)."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.layouts.inline_table import LAYOUT, item_texts
from importers.readers.text import split_rows
from importers.records import ParseError, RawIndicator, Row
from conftest import layout_records as records

SEED = next(Path("seeds").glob("002_*.txt")).read_text("utf-8")
COUNTS = [6, 4, 3, 4, 4, 4, 6, 5, 4, 4, 4, 3, 2]
BUREAU, CENTRE = "广州开发区金融工作局", "广州开发区金融工作服务中心"


def parse(text: str):
    return LAYOUT.parse(split_rows(text))


def indicator(doc, name: str) -> RawIndicator:
    return next(i for p in doc.projects for i in p.indicators if i.name == name)


@pytest.fixture(scope="module")
def doc():
    return parse(SEED)


def test_document_head(doc):
    assert doc.layout == "inline-table"
    assert doc.title == "项目支出绩效目标表（含转移支付项目）"
    assert doc.department == BUREAU  # the '（部门）' tag is dropped
    assert (doc.region, doc.year, doc.warnings) == ("", "", [])


def test_projects_departments_and_counts(doc):
    assert len(doc.projects) == 13
    assert [len(p.indicators) for p in doc.projects] == COUNTS
    assert sum(COUNTS) == 53
    assert [p.department for p in doc.projects] == [BUREAU] * 12 + [CENTRE]
    names = [p.name for p in doc.projects]
    assert "合计" not in names and BUREAU not in names and CENTRE not in names
    assert names[0] == "金融发展专项资金" and names[-1] == "综合工作经费"


@pytest.mark.parametrize(
    "index, name, amount",
    [
        (0, "金融发展专项资金", "13,000.00"),
        (9, "粤港澳大湾区（黄埔）跨境理财和资产管理中心项目经费", "1,189.00"),
        (12, "综合工作经费", "1.60"),
    ],
)
def test_amounts_as_written(doc, index, name, amount):
    project = doc.projects[index]
    assert (project.name, project.amount, project.amount_unit) == (name, amount, "万元")
    assert project.fields == {"财政拨款": amount}
    assert project.goal.startswith(("通过", "印制"))


def test_first_indicator(doc):
    assert doc.projects[0].indicators[0] == RawIndicator(
        name="扶持项目数量",
        target="≥495家次",
        level1="产出指标",  # the codes 1- and 11- dropped
        level2="数量指标",
        period_target="≥495家次",
        line=12,
    )
    assert doc.projects[0].indicators[-1].level1 == "满意度指标"
    assert doc.projects[0].indicators[-1].level2 == "服务对象满意度"


@pytest.mark.parametrize(
    "name, period_target, target",
    [
        ("小额贷款公司、融资租赁公司、商业保理公司公司现场检查覆盖率", "100%", "100%"),
        ("开展、参加金融招商活动", "3场", "3场"),
        ("年度巨灾指数保险完成率", "无", "100%"),
        ("提高项目评审效率", "提高", "提高"),
        ("我区金融显示度提升", "显示度提升", "显示度提升"),
        ("系统运行质量", "系统吞吐量每秒处理≥30个业务", "系统吞吐量每秒处理≥30个业务"),
        ("参加大型金融展会", "1", "1"),
        ("参加展会人数", "3万人", "3万人"),
        ("保险赔付率", "≥0%", "≥0%"),
        ("防范非法集资宣传活动场次", ">4次", ">4次"),
        ("机构主动邀约企业融资贷款业务数", "≥40", "≥40"),
    ],
)
def test_targets_as_written(doc, name, period_target, target):
    found = indicator(doc, name)
    assert (found.period_target, found.target) == (period_target, target)


@pytest.mark.parametrize(
    "text, items",
    [
        ("1、1-产出；11-数量；甲；年度指标值:1。2、2-效益；21-经济；乙；年度指标值:2。", 2),
        ("1、1-产出；11-数量；甲、乙、丙覆盖率；年度指标值:1。", 1),  # '、' inside a name
        ("1、1-产出；11-数量；第2、3批；年度指标值:1。", 1),  # '2、' not followed by a level code
        ("1、1-产出；11-数量；甲；年度指标值:12、1-产出；11-数量；乙；年度指标值:2", 2),  # number ran into value
        ("", 0),
        ("扶持项目数量≥495家次", 0),
    ],
)
def test_item_texts(text, items):
    assert len(item_texts(text)) == items


def test_number_run_into_value_keeps_the_value():
    doc = parse(SEED.replace("实施周期指标值:1；年度指标值:1。2、", "实施周期指标值:1；年度指标值:12、"))
    assert indicator(doc, "参加大型金融展会").target == "1"
    assert indicator(doc, "参加展会人数").target == "3万人"


def shuffled(text: str) -> str:
    """The bureau's project rows in reverse order (still under their unit row)."""
    lines = text.split("\n")
    projects = [line for line in lines[11:26] if line]
    return "\n".join(lines[:11] + projects[::-1] + lines[26:])


def split_cell(text: str) -> str:
    """A page break splits the first project's indicator cell onto a row of its own."""
    lines = text.split("\n")
    head, tail = lines[11].split("4、2-效益指标")
    return "\n".join(lines[:11] + [head, "", "\t" * 6 + "4、2-效益指标" + tail] + lines[12:])


def repeated_preamble(text: str) -> str:
    """Each page printed under the title and the lines above the table, as a PDF does: the department and the unit as
    two lines (a page break among the bureau's projects), or in one row (after the service centre's unit row)."""
    lines = text.split("\n")
    above = [lines[2], lines[4], lines[6], lines[8]]  # the title, 部门名称：…, 单位：万元, the header
    page = "\t".join([lines[4], lines[6]])
    return "\n".join(lines[:19] + above + lines[19:27] + [lines[2], page, lines[8]] + lines[27:])


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "doubled blank lines": lambda t: t.replace("\n\n", "\n\n\n\n"),
    "extra leading tab": lambda t: "\n".join("\t" + line for line in t.split("\n")),
    "padded cells": lambda t: t.replace("\t", " \t  "),
    "full-width colons, ascii semicolons": lambda t: t.replace("值:", "值：").replace("；", ";"),
    "repeated header at a page break": lambda t: t.replace("\n\n广州市", "\n\n" + t.split("\n")[8] + "\n广州市"),
    "split indicator cell": split_cell,
    "preamble repeated on each page": repeated_preamble,
    "level words broken over two lines": lambda t: t.replace("11-数量指标", "11-数量指 标").replace(
        "1-产出指标", "1-产出 指标"
    ),
}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_variants_give_identical_records(doc, variant):
    changed = variant(SEED)
    assert LAYOUT.detect(split_rows(changed)) == 1.0
    assert records(parse(changed)) == records(doc)


def test_shuffled_projects_give_identical_records(doc):
    again = parse(shuffled(SEED))
    assert records(again)[:12] == records(doc)[:12][::-1]
    assert records(again)[12] == records(doc)[12]


def test_indicator_cell_in_another_form_is_kept_as_text():
    doc = parse(
        SEED.replace("1、1-产出指标；11-数量指标；印制宣传品数量；", "印制宣传品数量；").replace("2、2-效益", "2-效益")
    )
    last = doc.projects[-1]
    assert last.indicators == []
    assert last.fields["绩效指标"].startswith("印制宣传品数量；")
    assert doc.warnings == [
        "第 28 行的绩效指标单元格不是「1、1-产出指标；…」的写法，原文保留为文字 line 28: indicator cell not in the "
        "'1、1-产出指标；…' form, kept as text"
    ]


def test_unit_from_header_when_not_declared_above():
    doc = parse(SEED.replace("单位：万元", "").replace("\t总计\t", "\t总计（万元）\t"))
    assert {p.amount_unit for p in doc.projects} == {"万元"}


def test_goal_without_project_name_is_a_parse_error():
    broken = SEED.replace("广州开发区金融工作局\t15,810.92", "\t15,810.92").replace("金融发展专项资金\t", "\t")
    with pytest.raises(ParseError, match="line 12: goal or indicators without a project name"):
        parse(broken)


def test_no_header_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("项目名称\t总计\n甲\t1")


@pytest.mark.parametrize("number, score", [("000", 0.0), ("001", 0.0), ("002", 1.0), ("003", 0.0), ("004", 0.0)])
def test_detection_on_seeds(number, score):
    rows = split_rows(next(Path("seeds").glob(f"{number}_*.txt")).read_text("utf-8"))
    assert LAYOUT.detect(rows) == score


@pytest.mark.parametrize(
    "text",
    [
        "# jixiao-kb\n\nA searchable knowledge base of 项目名称, 总计, 绩效目标 and 绩效指标.\n",
        "1,2,3\n4,5,6\n7,8,9\n",
    ],
)
def test_detection_on_junk(text):
    assert LAYOUT.detect(split_rows(text)) < 0.5


def test_detection_on_no_rows():
    assert LAYOUT.detect([]) == 0.0


# --- the packed variant: '项目 | 预算数 | 绩效目标', the indicators packed in the goal cell ------------------

PACKED_ITEMS = (
    "1、1-产出指标；11-数量指标；道路养护长度；实施周期指标值:47.1公里；年度指标值:47.1公里。"
    "2、2-效益指标；22-社会效益；路容路貌水平；实施周期指标值:达到“畅、洁”标准；年度指标值:达到“畅、洁”标准。"
)
PACKED = "\n".join(
    [
        "表12",
        "部门预算项目支出及其他支出预算表",  # a prose-only table before: no project from it
        "项目名称\t总计\t绩效目标",
        "甲项目\t10.00\t通过开展甲项目，主要达到如下目标：1、2025-2026年完成验收。",
        "七、重点项目预算绩效目标情况",
        "2026年，本部门重点项目绩效目标情况如下：",
        "项目\t预算数（单位：万元）\t绩效目标",
        "甲项目\t10\t通过开展甲项目，主要达到如下目标：1、2025-2026年完成验收；2.项目",
        "\t\t验收合格率为100%。",  # a prose goal over a page break: still not a project
        "乙项目\t6,833.64\t" + PACKED_ITEMS[:60],
        "\t\t" + PACKED_ITEMS[60:],  # the packed cell over a page break
        "丙项目\t1,200\t主要目标：做好养护。" + PACKED_ITEMS,
        "注：无。",
    ]
)


def test_packed_goal_cells_read_and_prose_rows_skipped():
    from importers import parse_rows

    doc = parse_rows(split_rows(PACKED))
    assert [(p.name, p.amount, p.amount_unit, p.goal) for p in doc.projects] == [
        ("乙项目", "6,833.64", "万元", ""),
        ("丙项目", "1,200", "万元", "主要目标：做好养护。"),
    ]
    assert [(i.level1, i.level2, i.name, i.period_target, i.target) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "道路养护长度", "47.1公里", "47.1公里"),
        ("效益指标", "社会效益", "路容路貌水平", "达到“畅、洁”标准", "达到“畅、洁”标准"),
    ]
    assert records(doc)[1]["indicators"] == records(doc)[0]["indicators"]
    assert [(s.title, s.kind) for s in doc.segments][-1] == ("七、重点项目预算绩效目标情况", "goal")


def test_packed_table_of_prose_goals_is_no_goal_table():
    prose = PACKED.replace(PACKED_ITEMS[:60], "通过开展乙项目").replace(PACKED_ITEMS[60:], "达到目标。")
    assert LAYOUT.detect(split_rows(PACKED)) == 1.0
    assert LAYOUT.detect(split_rows(prose.replace(PACKED_ITEMS, ""))) == 0.0


def test_a_department_line_naming_another_department_heads_the_projects_below(doc):
    """In place of the service centre's unit row, a '部门名称：' line naming another department: the project below
    is that department's, its label and level tag dropped."""
    lines = SEED.split("\n")
    assert lines[26].startswith(CENTRE)
    again = parse("\n".join(lines[:26] + ["部门名称：广州开发区审计局（单位）"] + lines[27:]))
    assert [p.department for p in again.projects] == [BUREAU] * 12 + ["广州开发区审计局"]


def test_a_pdfs_wrapped_lines_and_a_value_holding_semicolons():
    """A PDF keeps each cell's lines: a name broken after a year range, a label broken before its last character,
    a target after its sign, a level code with spaces drawn into it; a value listing several by '；' is one value."""
    rows = split_rows(SEED)
    row = next(r for r in rows if r.cells and r.cells[0] == "金融发展专项资金")
    at = rows.index(row)
    cells = list(row.cells)
    cells[0] = "金融发展2023-\n2026年专项资金"
    cells[-1] = (
        cells[-1]
        .replace("扶持项目数量；实施周期指标值:≥495家次", "扶持项目\n数量；实施周期指标\n值:≥\n495家次")
        .replace("2、1-产出指标；12-质量指标", "2、1-产出指标；1 2 - 质 量指标", 1)
        .replace("年度指标值:≥495家次。", "年度指标值:一级≥495家次；二级≥100家次。", 1)
    )
    rows[at] = Row(cells, row.line)
    project = LAYOUT.parse(rows).projects[0]
    first, second = project.indicators[:2]
    assert project.name == "金融发展2023-2026年专项资金"
    assert (first.name, first.period_target, first.target) == ("扶持项目数量", "≥495家次", "一级≥495家次；二级≥100家次")
    assert (second.level1, second.level2) == ("产出指标", "质量指标")


def test_a_cell_of_indicators_one_a_line():
    """'1.产出指标-数量指标-培训人次：≥5000人次' a line in the 绩效指标 cell, under 预算金额（万元）: the table was not
    found (预算金额 unknown), then its projects had no indicators and the cell's text lost its line breaks."""
    cell = "1.产出指标-数量指标-职业技能培训人次：≥5000人次\n2.满意度指标-服务对象满意度指标-参训人员满意度：≥90%"
    rows = [
        Row(["序号", "项目名称", "预算金额（万元）", "年度绩效目标", "绩效指标"], 1),
        Row(["1", "职业技能提升培训", "320", "全年培训不少于5000人次。", cell], 2),
        Row(["2", "农村公路养护", "1860.5", "养护2300公里。", "养护里程2300公里，优良路率85%"], 3),
    ]
    assert LAYOUT.detect(rows) >= 0.5
    doc = LAYOUT.parse(rows)
    first, second = doc.projects
    assert (first.amount, [(i.level1, i.level2, i.name, i.target) for i in first.indicators]) == (
        "320",
        [
            ("产出指标", "数量指标", "职业技能培训人次", "≥5000人次"),
            ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"),
        ],
    )
    assert (second.indicators, second.fields["绩效指标"]) == ([], "养护里程2300公里，优良路率85%")


def test_a_cell_of_indicators_one_a_line_its_levels_apart_by_colons():
    """'产出指标：数量指标：培训人次≥5000人次' (the target after its sign alone): the cell was kept as text. A line
    whose target is neither after a colon nor after a sign keeps its whole text as the name (the import warns)."""
    cell = "产出指标：数量指标：培训人次≥5000人次\n效益指标：可持续影响指标：劳动者技能水平持续提升"
    rows = [
        Row(["序号", "项目名称", "预算数", "绩效目标", "绩效指标"], 1),
        Row(["1", "职业技能提升培训", "320", "全年培训不少于5000人次。", cell], 2),
    ]
    [project] = LAYOUT.parse(rows).projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "培训人次", "≥5000人次"),
        ("效益指标", "可持续影响指标", "劳动者技能水平持续提升", ""),
    ]
