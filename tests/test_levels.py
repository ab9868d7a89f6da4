"""Levels as written → the 2021 framework; inference for documents without levels."""

import pytest

from kb.vocab.levels import FRAMEWORK, infer_levels, standard_levels


@pytest.mark.parametrize(
    "level1, level2, expected",
    [
        ("产出指标", "数量指标", ("产出指标", "数量指标")),
        ("产出目标", "数量", ("产出指标", "数量指标")),
        ("产出目标", "时效", ("产出指标", "时效指标")),
        ("效果目标", "社会效益", ("效益指标", "社会效益指标")),
        ("效果目标", "环境效益", ("效益指标", "生态效益指标")),
        ("效果目标", "满意度", ("满意度指标", "服务对象满意度指标")),
        ("影响力目标", "长效管理", ("效益指标", "可持续影响指标")),
        ("1-产出指标", "11-数量指标", ("产出指标", "数量指标")),
        ("2-效益指标", "24-可持续影响", ("效益指标", "可持续影响指标")),
        ("3-满意度指标", "31-服务对象满意度", ("满意度指标", "服务对象满意度指标")),
        ("满意度指标", "满意度指标", ("满意度指标", "服务对象满意度指标")),
        ("产出指标", "成本指标", ("成本指标", "经济成本指标")),  # 2015 产出/成本 → 2021 成本 level 1
        ("成本指标", "生态环境成本指标", ("成本指标", "生态环境成本指标")),
        ("效益指标", "", ("效益指标", None)),
        ("投入与目标管理", "投入管理", (None, None)),  # input measures have no place in the framework
        # numbered and scored as forms print them
        ("一、产出指标", "（一）数量指标", ("产出指标", "数量指标")),
        ("产出指标", "1.2质量指标", ("产出指标", "质量指标")),
        ("产出指标（50分）", "时效指标（10分）", ("产出指标", "时效指标")),
        ("效益指标30分", "", ("效益指标", None)),
        ("效益指标(30分）", "", ("效益指标", None)),
        # the older national form's and local names of the one satisfaction level 2
        ("满意度指标", "社会公众或服务对象满意度指标", ("满意度指标", "服务对象满意度指标")),
        ("满意度指标", "群众满意度", ("满意度指标", "服务对象满意度指标")),
        ("效益指标", "可持续发展指标", ("效益指标", "可持续影响指标")),
    ],
)
def test_standard_levels(level1, level2, expected):
    assert standard_levels(level1, level2) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("单位人员满意度", ("满意度指标", "服务对象满意度指标")),
        ("抽样调查对象对企业上市服务（很满意或比较满意）满意率", ("满意度指标", "服务对象满意度指标")),
        ("故障报修受理时间", ("产出指标", "时效指标")),
        ("研究课题按时结题率", ("产出指标", "时效指标")),
        ("系统验收合格率", ("产出指标", "质量指标")),
        ("硬件设备完好率", ("产出指标", "质量指标")),
        ("获得新增股权投资的人才企业数", ("产出指标", "数量指标")),
        ("会议费用", ("成本指标", "经济成本指标")),
        ("直接融资总额", ("效益指标", "经济效益指标")),
        ("金融风险发生次数相比上年下降", ("效益指标", "社会效益指标")),
    ],
)
def test_infer_levels(name, expected):
    assert infer_levels(name) == expected


def test_inferred_levels_are_in_the_framework():
    for name in ["x", "满意", "费用", "及时率", "合格率", "企业数", "收入", "减排", "增长"]:
        level1, level2 = infer_levels(name)
        assert level2 in FRAMEWORK[level1]


def test_a_level_printed_short_names_its_level2_under_its_level1():
    """'经济' is a level 2 of both 效益 and 成本: the short form's level 1 tells which (kb search --level 成本·经济)."""
    from kb.vocab.levels import _LEVEL1_OF, level2_of_short, short_level

    assert all(level2_of_short(short_level(l1, l2)) == l2 for l2, l1 in _LEVEL1_OF.items() if l1 != "满意度指标")
    assert (level2_of_short("成本·经济"), level2_of_short("效益·经济")) == ("经济成本指标", "经济效益指标")
    assert level2_of_short("效益·可持续*") == "可持续影响指标" and level2_of_short(" 产出・时效") == "时效指标"
    assert level2_of_short("产出·满意") is None and level2_of_short("质量") is None
