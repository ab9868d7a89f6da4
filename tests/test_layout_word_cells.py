"""Layout 'word-cells' (seed 004, 宁波市奉化区科学技术局: a Word form, one table cell per line)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importers.layouts.word_cells import LAYOUT, prose_targets, word_rows
from importers.readers.text import split_rows
from importers.records import ParseError, RawBudgetLine, RawIndicator, Row
from conftest import layout_records as records

SEED = next(Path("seeds").glob("004_*.txt")).read_text("utf-8")
LINES = SEED.split("\n")

EVALUATION = [  # (level1, level2, name, weight)
    ("业务指标", "目标设定情况", "依据的充分性", "2"),
    ("业务指标", "目标设定情况", "目标的明确度", "4"),
    ("业务指标", "目标设定情况", "目标的合理性", "4"),
    ("业务指标", "目标完成程度", "目标完成率", "3"),
    ("业务指标", "目标完成程度", "目标完成质量", "3"),
    ("业务指标", "目标完成程度", "完成的及时性", "4"),
    ("业务指标", "组织管理水平", "管理制度保障", "6"),
    ("业务指标", "组织管理水平", "支撑条件保障", "2"),
    ("业务指标", "组织管理水平", "质量管理水平", "2"),
    ("业务指标", "组织管理水平", "绩效报告自评质量", "2"),
    ("业务指标", "项目实施效益（个性指标）", "经济效益（可选）", "8"),
    ("业务指标", "项目实施效益（个性指标）", "社会效益（可选）", "8"),
    ("业务指标", "项目实施效益（个性指标）", "生态环境效益（可选）", "3"),
    ("业务指标", "项目实施效益（个性指标）", "可持续性影响", "3"),
    ("业务指标", "项目实施效益（个性指标）", "公众满意度", "3"),
    ("业务指标", "项目实施效益（个性指标）", "产业链延伸", "10"),
    ("财务指标", "实际支出情况（必填）", "资金使用率", "6"),
    ("财务指标", "实际支出情况（必填）", "资金支出的真实性（必填）", "2"),
    ("财务指标", "实际支出情况（必填）", "资金支出的合理性（必填）", "2"),
    ("财务指标", "实际支出情况（必填）", "资金支出的安全性（必填）", "2"),
    ("财务指标", "实际支出情况（必填）", "资金支出与工作进度匹配性（必填）", "2"),
    ("财务指标", "实际支出情况（必填）", "支出的合规性", "2"),
    ("财务指标", "财务管理状况", "制度的健全性", "3"),
    ("财务指标", "财务管理状况", "管理的有效性", "3"),
    ("财务指标", "财务管理状况", "会计信息质量", "2"),
    ("财务指标", "资产配置与使用", "制度的健全性", "3"),
    ("财务指标", "资产配置与使用", "制度的有效性", "3"),
    ("财务指标", "资产配置与使用", "固定资产利用率", "3"),
]
PROSE = [
    ("新增科技型初创企业数", "20家"),
    ("区本级及以上企业工程技术中心", "30家"),
    ("首次投入R&D经费50万元以上的企业", "40家"),
    ("新培育高新技术企业", "20家以上"),
]


def parse(text: str):
    return LAYOUT.parse(split_rows(text))


@pytest.fixture(scope="module")
def doc():
    return parse(SEED)


@pytest.fixture(scope="module")
def project(doc):
    assert len(doc.projects) == 1
    return doc.projects[0]


# --- the seed -----------------------------------------------------------------------------


def test_document(doc):
    assert (doc.layout, doc.title, doc.department, doc.year, doc.region) == (
        "word-cells",
        "预算绩效目标申报表——基本情况表",
        "宁波市奉化区科学技术局",
        "",
        "",
    )
    assert doc.warnings == []


def test_head(project):
    assert (project.name, project.period, project.amount, project.amount_unit, project.total_amount) == (
        "扶持政策涉科兑现",
        "202001-202012",
        "1360",
        "万元",
        "1360",
    )
    assert project.overview.startswith("支持实施制造业创新能力工程。") and project.overview.endswith("政策扶持。")
    assert project.department == ""  # the document's department applies
    assert project.line == 17


@pytest.mark.parametrize(
    "label, value",
    [
        ("项目法人", "王倍龙"),
        ("联系人", "丁晓近"),
        ("联系电话", ""),
        ("项目属性", "□新增 延续"),  # as written after cells.clean (runs of spaces become one)
        ("上年度预算安排资金", "1760"),
        ("项目口径", "经常性 □阶段性 □一次性"),
        ("编报时间", "2019年10月11日"),  # a filing date, not the budget year
        ("部门负责人", "王倍龙"),
        ("项目负责人", "路 波"),
    ],
)
def test_head_fields(project, label, value):
    assert project.fields[label] == value


def test_head_long_fields(project):
    assert project.fields["设立依据"].startswith("宁波市奉化区人民政府关于推进“中国制造2025”工作的若干意见")
    assert project.fields["设立依据"].endswith("中小微信贷风险池 奉科〔2017〕19号")
    assert project.fields["必要性和可行性"].startswith("加大科技创新政策扶持力度")
    assert set(project.fields) == {
        "项目法人",
        "联系人",
        "联系电话",
        "项目属性",
        "上年度预算安排资金",
        "项目口径",
        "设立依据",
        "必要性和可行性",
        "编报时间",
        "部门负责人",
        "项目负责人",
    }


def test_funding_grid(project):
    row = {"年份": "2020", "上级补助": "", "区财政安排": "1360", "自筹资金": "", "银行借款": "", "合计": "1360"}
    assert project.extra["资金预算安排"] == [row, {**row, "年份": "合 计"}]


def test_budget_lines(project):
    assert [(b.item, b.amount) for b in project.budget_lines] == [
        ("科技信贷风险池", "300万元"),
        ("科技型初创企业", "200万元"),
        ("企业工程技术中心", "480万元"),
        ("首次研发创新活动投入50万元以上的规上企业按研发总投入的3%给予奖励", "200万元"),
        ("新认定的高新技术企业奖励", "180万元"),
    ]
    assert project.budget_lines[0] == RawBudgetLine(
        item="科技信贷风险池", amount="300万元", basis="宁波市奉化区中小微企业科池管理暂行办法。", line=111
    )
    assert (
        project.budget_lines[3].basis
        == "2018年享受企业27家累计投入5000万元，需政策兑现150万元；2020年度按新增40家7000左右测算"
    )


def test_goal_and_prose_indicators(project):
    assert project.goal == (
        "新增科技型初创企业数20家；区本级及以上企业工程技术中心30家；"
        "首次投入R&D经费50万元以上的企业40家；新培育高新技术企业20家以上。"
    )
    assert project.indicators == [RawIndicator(name=n, target=t, from_prose=True, line=171) for n, t in PROSE]


def test_measures(project):
    measures = project.extra["保障措施"]
    assert len(measures) == 4  # two are labelled 措施3: both kept
    assert [m[:6] for m in measures] == ["集中下发项目", "落实项目审核", "落实项目核查", "落实项目监督"]


def test_evaluation(project):
    items = project.evaluation
    assert [(e.level1, e.level2, e.name, e.weight) for e in items] == EVALUATION
    assert sum(float(e.weight) for e in items) == 100
    assert project.extra["二级指标分值"] == {
        "目标设定情况": "10",
        "目标完成程度": "10",
        "组织管理水平": "12",
        "项目实施效益（个性指标）": "35",
        "实际支出情况（必填）": "16",
        "财务管理状况": "8",
        "资产配置与使用": "9",
    }
    assert items[0].criteria == (
        "项目符合申报条件，得1分；不符合，得0分。\n项目申报、设立、批复、调整的程序符合相关规定，得1分；不符合，得0分。"
    )
    assert items[0].source == "专家评审结果"
    assert items[14].weight == "3"  # '[bookmark: _GoBack]3'
    assert items[14].criteria == "满意度达到90%以上得3分，70-90%得2分；60-70%得1分，60%以下得0分。"
    assert items[-1].source == "企业自查、科技局核查"
    assert [e.line for e in items[:3]] == [213, 222, 232]


def test_progress_plan(project):
    plan = project.extra["进度计划"]
    assert plan["实施内容"] == [
        {
            "项目具体实施内容": "1、涉及科技部分区工业经济政策兑现",
            "项目申报时间": "202001",
            "项目开工时间": "202001",
            "项目完成时间": "202012",
            "项目验收时间": "202012",
        }
    ]
    assert len(plan["实施进度"]) == 5
    assert plan["实施进度"][1] == {
        "项目实施内容": "科技型初创企业",
        "总进度（%）": "100",
        "第一季度": "",
        "第二季度": "20",
        "第三季度": "30",
        "第四季度": "50",
        "下一年度": "",
    }
    assert [r["项目实施内容"] for r in plan["支出进度"]] == [
        "科技信贷风险池",
        "科技型初创企业",
        "企业工程技术中心",
        "首次研发创新活动投入50万元以上的规上企业按研发总投入的3%给予奖励",
        "新认定的高新技术企业奖励",
        "合计",
    ]
    assert plan["支出进度"][-1]["总资金（万元）"] == "1360"
    assert plan["支出进度"][2]["第一季度"] == "480"


# --- rebuilding table rows ------------------------------------------------------------------


def test_word_rows():
    text = "标题\n\t项 目\n资 金\n\t年份\n\n\t项目名称\n\t甲\n\t\n\n\n外部文字\n\t合计\n"
    assert [(r.cells, r.line) for r in word_rows(split_rows(text))] == [
        (["标题"], 1),
        (["项 目\n资 金", "年份"], 2),
        (["项目名称", "甲", ""], 6),
        (["外部文字"], 11),
        (["合计"], 12),
    ]


# --- variants giving identical records ----------------------------------------------------


def _lose_leading_empty_cells(text: str) -> str:
    """Data rows (any digit) lose the '\\t' line of their leading empty cell."""
    blocks = text.split("\n\n")
    return "\n\n".join(b[2:] if b.startswith("\t\n\t") and re.search(r"\d", b) else b for b in blocks)


def _page_breaks(text: str) -> str:
    """Blank lines, a page number and the repeated table headers inside the scoring and progress tables."""
    lines = text.split("\n")
    scoring_header = lines[199:212]  # '基本指标' … the '一级指标' row and its blank line
    progress_header = lines[468:489]  # '项目预期实施进度' … the '项目实施内容' row and its blank line
    page = ["", "", "- 3 -", ""]
    return "\n".join(lines[:294] + page + scoring_header + lines[294:497] + page + progress_header + lines[497:])


def _sections_moved(text: str) -> str:
    """The 项目总体绩效目标 block moved after the 保障措施 block."""
    lines = text.split("\n")
    return "\n".join(lines[:170] + lines[175:196] + lines[170:175] + lines[196:])


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "doubled blank lines": lambda t: re.sub(r"\n\n", "\n\n\n", t),
    "extra tab on every line": lambda t: "\n".join("\t" + line for line in t.split("\n")),
    "extra tab on lines with text": lambda t: "\n".join("\t" + line if line else line for line in t.split("\n")),
    "cells padded with spaces": lambda t: "\n".join(
        "\t".join(f" {c} " for c in line.split("\t")) for line in t.split("\n")
    ),
    "rows lost leading empty cells": _lose_leading_empty_cells,
    "page breaks": _page_breaks,
    "sections in another order": _sections_moved,
}


@pytest.mark.parametrize("name", VARIANTS)
def test_variants_give_identical_records(doc, name):
    variant = VARIANTS[name](SEED)
    assert variant != SEED
    assert LAYOUT.detect(split_rows(variant)) >= 0.5
    other = parse(variant)
    assert records(other) == records(doc)
    assert (other.title, other.department) == (doc.title, doc.department)


def test_two_forms_give_two_projects(doc):
    second = SEED.replace("扶持政策涉科兑现", "第二个项目")
    parsed = parse(SEED + "\n" + second)
    assert [p.name for p in parsed.projects] == ["扶持政策涉科兑现", "第二个项目"]
    assert records(parsed)[1] == {**records(doc)[0], "name": "第二个项目"}


# --- prose targets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            (
                "新增科技型初创企业数20家；区本级及以上企业工程技术中心30家；"
                "首次投入R&D经费50万元以上的企业40家；新培育高新技术企业20家以上。"
            ),
            PROSE,
        ),
        ("培训人数达到100人；服务对象满意度≥90%。", [("培训人数", "100人"), ("服务对象满意度", "≥90%")]),
        ("研发投入1,200万元以内;完成率不低于95%", [("研发投入", "1,200万元以内"), ("完成率", "不低于95%")]),
        ("提高服务质量。确保资金安全", []),
        ("", []),
    ],
)
def test_prose_targets(text, expected):
    assert prose_targets(text) == expected


# --- detection and errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, high", [("000", False), ("001", False), ("002", False), ("003", False), ("004", True)]
)
def test_detect_seeds(prefix, high):
    score = LAYOUT.detect(split_rows(next(Path("seeds").glob(f"{prefix}_*.txt")).read_text("utf-8")))
    assert (score >= 0.5) is high


@pytest.mark.parametrize(
    "text",
    [
        Path("README.md").read_text("utf-8"),
        "\n".join(",".join(str(i * j) for j in range(6)) for i in range(40)),
        "\n".join(f"\t项目{i}\n" for i in range(30)),  # one cell per line, but no form labels
    ],
)
def test_detect_junk(text):
    assert LAYOUT.detect(split_rows(text)) < 0.5


def test_detect_empty():
    assert LAYOUT.detect([]) == 0.0
    assert LAYOUT.detect([Row(cells=[""], line=1)]) == 0.0


@pytest.mark.parametrize(
    "text, message",
    [
        ("\t项目名称\n\t\n\n\t项目起止\n\t2020\n", "项目名称 without a value"),
        ("标题\n\t项目起止\n\t2020\n", "no 项目名称"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ParseError, match=message):
        parse(text)
