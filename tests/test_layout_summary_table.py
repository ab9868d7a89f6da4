"""Layout 'summary-table' (seed 001, 宁波 项目绩效目标汇总表)."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.layouts.summary_table import LAYOUT, join_fragments
from importers.readers.text import split_rows
from importers.records import ParseError, RawIndicator
from conftest import layout_records as records

SEED = next(Path("seeds").glob("001_*.txt")).read_text("utf-8")
LINES = SEED.split("\n")
# 1-based first line of each project's block; project 3's block starts with its two orphan rows (line 26)
BLOCK_STARTS = [7, 16, 26, 33, 38, 44, 52, 57, 69, 75, 80]
COUNTS = [9, 10, 6, 5, 6, 7, 5, 11, 6, 5, 5]
FRAGMENT_1 = (
    "小额贷款公司作为地方性普惠金融领域重要行业载体，在服务民营及小微企业、“三农”市场主体，"
    "以及引导民间资本合规准入金融市场、平抑民间借贷利率等方面发挥了重要作用。"
)


def parse(text: str):
    return LAYOUT.parse(split_rows(text))


@pytest.fixture(scope="module")
def doc():
    return parse(SEED)


def test_projects_and_indicator_counts(doc):
    assert doc.layout == "summary-table"
    assert doc.title == "项目绩效目标汇总表"
    assert doc.warnings == []
    assert [len(p.indicators) for p in doc.projects] == COUNTS
    assert sum(COUNTS) == 75
    assert [p.fields["序号"] for p in doc.projects] == [str(n) for n in range(1, 12)]


@pytest.mark.parametrize(
    "index, name, amount, first, last",
    [
        (0, "宁波市金融支持高层次人才创业创新经费", "1200", "人才企业获得融资租赁资金", "到甬股交挂牌的人才企业数"),
        (1, "“凤凰行动”宁波计划专项", "11100", "上市公司带动社会就业人数", "IPO申报企业家数"),
        (2, "小额贷款公司专项", "1200", "小微服务客户对象满意度", "当年新增贷款"),
        (3, "金融风险排查工作经费", "20", "组织召开风险排查相关会议次数", "组织风险排查次数"),
        (6, "政策性融资担保专项", "3000", "抽样调查对象对担保服务满意率", "年末政策性融资担保业务放大倍数"),
        (7, "甬金通“数智金融应用场景一期项目", "240", "系统正常使用年限", "系统验收合格率"),
        (9, "“凤凰行动”宁波计划专项（本级）", "258.5", "举办各类资本市场活动次数", "服务对象总数"),
        (10, "地方类金融组织监管及区域金融风险监测经费", "55", "地方金融机构临时性突发事件", "委托合同按期完成比率"),
    ],
)
def test_project_heads(doc, index, name, amount, first, last):
    project = doc.projects[index]
    assert (project.name, project.amount, project.amount_unit) == (name, amount, "万元")
    assert (project.indicators[0].name, project.indicators[-1].name) == (first, last)
    assert project.department == project.period == project.total_amount == ""


def test_indicator_cells_as_written(doc):
    assert doc.projects[0].indicators[0] == RawIndicator(
        name="人才企业获得融资租赁资金", target="0.75", operator="≥", unit="亿元", line=7
    )
    assert doc.projects[4].indicators[4] == RawIndicator(
        name="故障报修受理时间", target="0.5", operator="<", unit="小时", line=42
    )
    assert all(i.level1 == i.level2 == "" for p in doc.projects for i in p.indicators)


def test_page_break_rows_belong_to_the_next_project(doc):
    second, third = doc.projects[1], doc.projects[2]
    assert [i.name for i in third.indicators[:3]] == [
        "小微服务客户对象满意度",
        "本区域小贷公司支农支小占比",
        "重大违规风险",
    ]
    assert third.indicators[0] == RawIndicator(
        name="小微服务客户对象满意度", target="95", operator="≥", unit="%", line=26
    )
    assert third.line == 26  # its first row is the first page-break fragment, before the named row (29)
    assert len(second.indicators) == 10
    assert third.overview.startswith(FRAGMENT_1 + "但试点以来，小额贷款公司金融机构身份尚未真正解决")
    assert third.overview.count("发挥了重要作用") == 1
    assert third.overview.endswith("持续引导小额贷款公司“支农支小”。")
    assert third.goal == "延续往年财政扶持政策，支持小贷公司稳定服务我市小微企业和三农。"


def test_blank_line_then_indicator_stays_with_current_project(doc):
    eighth = doc.projects[7]
    assert [i.name for i in eighth.indicators[-3:]] == ["系统运行维护响应时间", "多跨应用场景集成数", "系统验收合格率"]
    assert eighth.indicators[-2].line == 67


def test_html_paragraphs_become_lines(doc):
    overview = doc.projects[6].overview
    assert overview.startswith("融资担保是破解小微企业")
    assert "\n2022年-2024年期间" in overview and "<p>" not in overview


@pytest.mark.parametrize(
    "fragments, joined",
    [
        (
            ["平抑民间借贷利率等方面发挥了重要作用。", "民间借贷利率等方面发挥了重要作用。但试点"],
            "平抑民间借贷利率等方面发挥了重要作用。但试点",
        ),
        (["甲乙丙丁戊己庚", "丁戊己庚辛"], "甲乙丙丁戊己庚丁戊己庚辛"),  # a 4-character repeat is ordinary text
        (["甲乙丙丁戊己庚", "乙丙丁戊己庚辛"], "甲乙丙丁戊己庚辛"),  # 6 characters: an overlap
        (["", "项目概况"], "项目概况"),
        (["前半", "", "后半"], "前半后半"),
    ],
)
def test_join_fragments(fragments, joined):
    assert join_fragments(fragments) == joined


def shuffled(text: str) -> str:
    """Whole project blocks (orphan rows with their project) in another order."""
    lines = text.split("\n")
    bounds = [b - 1 for b in BLOCK_STARTS] + [len(lines)]
    blocks = [lines[a:b] for a, b in zip(bounds, bounds[1:])]
    order = [5, 2, 10, 0, 7, 3, 9, 1, 8, 4, 6]
    return "\n".join(lines[: bounds[0]] + [line for i in order for line in blocks[i]])


def page_break(text: str) -> str:
    """A blank line and the two header rows repeated inside project 6."""
    lines = text.split("\n")
    return "\n".join(lines[:47] + ["", "", lines[4], lines[5]] + lines[47:])


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "doubled blank lines": lambda t: t.replace("\n\n", "\n\n\n\n"),
    "extra leading tab": lambda t: "\n".join("\t" + line for line in t.split("\n")),
    "padded cells": lambda t: t.replace("\t", "  \t "),
    "lost leading empty cells": lambda t: "\n".join(line.lstrip("\t") for line in t.split("\n")),
    "repeated header at a page break": page_break,
}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_variants_give_identical_records(doc, variant):
    changed = variant(SEED)
    assert LAYOUT.detect(split_rows(changed)) == 1.0
    assert records(parse(changed)) == records(doc)


def test_shuffled_projects_give_identical_records(doc):
    again = parse(shuffled(SEED))
    assert sorted(map(str, records(again))) == sorted(map(str, records(doc)))
    assert [len(p.indicators) for p in again.projects] == [COUNTS[i] for i in [5, 2, 10, 0, 7, 3, 9, 1, 8, 4, 6]]


def test_named_row_never_following_is_a_warning():
    text = SEED + "\n\t\t开头被分页切断的项目概况\t\t\t某指标\t≥\t个\t1"
    doc = parse(text)
    assert [len(p.indicators) for p in doc.projects] == COUNTS
    assert doc.warnings == ["第 85 行之后没有项目名称，未读 rows with no named project after them skipped (lines 85)"]


def test_number_without_name_is_a_parse_error():
    broken = SEED.replace("4\t金融风险排查工作经费\t", "4\t\t")
    with pytest.raises(ParseError, match="line 33: project 4 has no project name"):
        parse(broken)


def test_a_parse_error_quoting_a_cell_of_several_lines_is_one_line():
    """Found by tests/fuzz/fuzz_importers.py: a 序号 cell of a PDF table holding line breaks."""
    broken = SEED.replace("4\t金融风险排查工作经费\t", "4<br>四\t\t")
    with pytest.raises(ParseError, match="^第 33 行的项目没有名称 line 33: project 4 四 has no project name$"):
        parse(broken)


def test_no_header_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("项目名称\t金额\n甲\t1")


@pytest.mark.parametrize("number, score", [("000", 0.0), ("001", 1.0), ("002", 0.0), ("003", 0.0), ("004", 0.0)])
def test_detection_on_seeds(number, score):
    rows = split_rows(next(Path("seeds").glob(f"{number}_*.txt")).read_text("utf-8"))
    assert LAYOUT.detect(rows) == score


@pytest.mark.parametrize(
    "text",
    [
        "# jixiao-kb\n\nA searchable knowledge base of 项目名称 and 绩效目标.\n",
        "1,2,3\n4,5,6\n7,8,9\n",
        "序号\t项目名称\t项目概况\n1\t甲\t乙\n",  # the head header alone
    ],
)
def test_detection_on_junk(text):
    assert LAYOUT.detect(split_rows(text)) < 0.5


def test_detection_on_no_rows():
    assert LAYOUT.detect([]) == 0.0


@pytest.mark.parametrize("label", ["2026年预算数 (万元)", "项目总额 (万元)"])
def test_a_summarys_money_column_is_found_as_a_flat_sheets_is(label):
    """A summary took its money column by exact words only: a year before them (2026年预算数), or the whole
    period's total, gave no amount; flat sheets read them (importers.columns.amount_column)."""
    doc = parse(SEED.replace("本年预算金额 (万元)", label))
    assert doc.projects[0].amount == parse(SEED).projects[0].amount != ""


def test_a_table_with_level_columns_is_a_flat_sheets():
    """序号 | 项目名称 | 预算金额 | 年度绩效目标 | 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 (长春-style):
    the summary claimed it for its 序号 and 指标性质 (read as the operator) and dropped every level, and a
    department row became a project; levels are a flat sheet's to read."""
    from importers.registry import detect_layout

    text = (
        "序号\t项目名称\t预算金额（万元）\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
        "1\t城乡居民养老保险补助\t4200.00\t按时足额发放\t产出指标\t数量指标\t享受待遇人数\t≥\t52\t万人\n"
        "\t\t\t\t满意度指标\t服务对象满意度指标\t参保群众满意度\t≥\t90\t%\n"
    )
    rows = split_rows(text)
    assert LAYOUT.detect(rows) < 0.5  # the head header alone
    layout, _ = detect_layout(rows)
    doc = layout.parse(rows)
    assert [(i.level1, i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "享受待遇人数"),
        ("满意度指标", "服务对象满意度指标", "参保群众满意度"),
    ]
