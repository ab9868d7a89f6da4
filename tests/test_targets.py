"""Target values as written → operator, number, unit (every spelling the sample documents use)."""

import pytest
from hypothesis import given, strategies as st

from kb.vocab.targets import QUALITATIVE, Target, name_unit, normal_target, normalize_operator, parse_target


@pytest.mark.parametrize(
    "text, operator, unit, name, expected",
    [
        (">=2家", "", "", "", ("≥", 2.0, "家")),
        ("≥80人", "", "", "", ("≥", 80.0, "人")),
        ("＞=90%", "", "", "", ("≥", 90.0, "%")),
        ("》5家", "", "", "", ("≥", 5.0, "家")),
        ("<=110", "", "", "", ("≤", 110.0, None)),
        ("<1000 万", "", "", "", ("<", 1000.0, "万")),
        ("=1500 万", "", "", "", ("=", 1500.0, "万")),
        ("=100.00(%)", "", "", "", ("=", 100.0, "%")),
        ("≥90.00(%)", "", "", "", ("≥", 90.0, "%")),
        ("3万人", "", "", "", ("=", 3.0, "万人")),
        ("0起", "", "", "", ("=", 0.0, "起")),
        ("=0 起", "", "", "", ("=", 0.0, "起")),
        ("16个", "", "", "", ("=", 16.0, "个")),
        ("±5%", "", "", "", ("±", 5.0, "%")),
        ("＝100%", "", "", "", ("=", 100.0, "%")),
        ("985米", "", "", "", ("=", 985.0, "米")),
        ("≥5000m²", "", "", "", ("≥", 5000.0, "m²")),  # NFKC gives 'm2': square metres, not metres
        ("≥30km2", "", "", "", ("≥", 30.0, "km²")),
        ("=2m3/s", "", "", "", ("=", 2.0, "m³/s")),
        ("≥52000", "", "m²", "", ("≥", 52000.0, "m²")),  # in a unit column of its own
        ("1,000人", "", "", "", ("=", 1000.0, "人")),
        ("20家以上", "", "", "", ("≥", 20.0, "家")),
        ("增加1家", "", "", "", ("≥", 1.0, "家")),
        ("系统吞吐量每秒处理≥30个业务", "", "", "", ("≥", 30.0, "个业务")),
        ("年人均购置成本不超过2500元", "", "", "", ("≤", 2500.0, "元")),
        # a word holding another (小于 in 不小于, 大于 in 大于或等于) says the opposite or more than it
        ("不小于90%", "", "", "", ("≥", 90.0, "%")),
        ("不大于5天", "", "", "", ("≤", 5.0, "天")),
        ("大于或等于95%", "", "", "", ("≥", 95.0, "%")),
        ("小于或等于3次", "", "", "", ("≤", 3.0, "次")),
        ("故障响应时间不大于2小时", "", "", "", ("≤", 2.0, "小时")),
        ("设备完好率不小于98%", "", "", "", ("≥", 98.0, "%")),
        ("送达10份", "", "", "", ("=", 10.0, "份")),
        ("≤1000元/生.月", "", "", "", ("≤", 1000.0, "元/生.月")),
        ("≤5元/平米·天", "", "", "", ("≤", 5.0, "元/平米·天")),
        ("≥5人.", "", "", "", ("≥", 5.0, "人")),
        ("≥3次.确保按时完成", "", "", "", ("≥", 3.0, "次")),
        ("≥5人·次", "", "", "", ("≥", 5.0, "人·次")),
        ("≥95%，较上年提高5个百分点", "", "", "", ("≥", 95.0, "%")),
        ("每个周期内抽检不低于200家企业，覆盖16个区", "", "", "", ("≥", 200.0, "家企业")),
        # separate operator and unit columns (summary tables)
        ("5", "≥", "家", "", ("≥", 5.0, "家")),
        ("0.5", "<", "小时", "", ("<", 0.5, "小时")),
        ("1", "≥", "亿元", "", ("≥", 1.0, "亿元")),
        # unit from the name's brackets, only when the target has none
        ("=168329", "", "", "雨水管线维护数量（米）", ("=", 168329.0, "米")),
        ("=63.66", "", "", "改造建筑面积（万平方米）", ("=", 63.66, "万平方米")),
        ("=100%", "", "", "资金发放准确率（%）", ("=", 100.0, "%")),
        ("=3", "", "", "年培训班次（会议次数）", ("=", 3.0, None)),
    ],
)
def test_quantitative(text, operator, unit, name, expected):
    t = parse_target(text, operator, unit, name)
    assert (t.operator, t.value, t.unit) == expected
    assert not t.qualitative


@pytest.mark.parametrize("word", ["合规", "健全", "及时", "提高", "提升", "完整", "良好", "可控", "显示度提升"])
def test_words_are_qualitative(word):
    t = parse_target(word)
    assert (t.operator, t.value, t.unit) == (QUALITATIVE, None, None)


@pytest.mark.parametrize("missing", ["", "  ", "无", "/", "—", "#DIV/0!", "#REF!", "#N/A", "#SPILL!", "#CALC!"])
def test_missing_target(missing):
    assert parse_target(missing).operator is None


@pytest.mark.parametrize(
    "spelling, op",
    [
        (">=", "≥"),
        ("≥", "≥"),
        ("＞=", "≥"),
        ("》", "≥"),
        ("<=", "≤"),
        ("≤", "≤"),
        ("＝", "="),
        ("=", "="),
        (">", ">"),
        ("<", "<"),
        ("±", "±"),
        ("约", None),
        ("大于等于", "≥"),  # a column of its own may say it in words
        ("大于或等于", "≥"),
        ("不少于", "≥"),
        ("小于", "<"),
        ("不超过", "≤"),
        ("不大于", "≤"),
        ("不小于", "≥"),
        ("等于", "="),
        ("增加", None),  # a change, not a comparison
        ("正向", None),
    ],
)
def test_operator_column(spelling, op):
    assert normalize_operator(spelling) == op


def test_name_unit_only_trailing_unit_brackets():
    assert name_unit("桥梁维护数量（座）") == "座"
    assert name_unit("山大（威海）合作经费") is None
    assert name_unit("年培训班次（会议次数）") is None
    assert name_unit("法律援助案件补贴(元/件)") == "元/件"  # a unit per something
    assert name_unit("困难群众补助标准（元/人·月）") == "元/人·月"
    assert name_unit("活动（会议/次）") is None


@given(st.text(max_size=40), st.text(max_size=3), st.text(max_size=5), st.text(max_size=20))
def test_any_text_gives_a_target(text, operator, unit, name):
    t = parse_target(text, operator, unit, name)
    assert t.operator in {None, QUALITATIVE, "≥", "≤", ">", "<", "=", "±"}
    assert (t.value is None) == (t.operator in (None, QUALITATIVE))


@pytest.mark.parametrize(
    "target",
    [
        "5-10名",
        "90%-95%",
        "90%～95%",
        "1至2次",
        "30-60平方米",
        "0.5-1万元",
        "1-4季度",
        "2026年11月底前",
        "2026年",
        "下达时间不迟于2026年9月30日",
        "2022.6.1-2023.5.31",
        "2025-09-30",
        "2026年1-12月",
        "12月底前",
        "6月前",
        "≤12月31日",
        "≤6月底",
        "1-12月",
        "≥20场/1-2次/月/≥50人/场",
        "≥6期/≥5册/≥45册",
        "100%/≥3篇",
        "≥30次；≥30篇；≥15次",
        "一级事件≤1小时；二级事件≤2小时",
        "小学不低于1650元/生.年，初中不低于2000元/生.年",
        "小学不低于1650元/生.年、初中不低于1750元/生.年",
    ],
)
def test_a_range_or_a_date_is_no_single_number_and_is_kept_as_written(target):
    """Read as one number, '5-10名' was '=5名' and '2026年11月底前' '=2026年': a precedent said so."""
    t = parse_target(target)
    assert t == Target(QUALITATIVE, None, None)
    assert normal_target(t.operator, t.value, t.unit, target) == target  # what a precedent shows


@pytest.mark.parametrize(
    ("target", "parsed"),
    [
        ("≤2个月", ("≤", 2.0, "个月")),
        ("2024.5万元", ("=", 2024.5, "万元")),
        ("2000人", ("=", 2000.0, "人")),
        ("≥90%（2026年）", ("≥", 90.0, "%")),
        ("≤-5%", ("≤", -5.0, "%")),
        ("1次/月", ("=", 1.0, "次/月")),
        ("≥95%；", ("≥", 95.0, "%")),
        ("≤5月", ("≤", 5.0, "月")),  # a month after a sign, as sign | number | unit columns give it (400 real rows)
        ("＝12月", ("=", 12.0, "月")),
        ("＞=5月", ("≥", 5.0, "月")),
    ],
)
def test_numbers_near_dates_and_dashes_are_still_numbers(target, parsed):
    assert parse_target(target) == Target(*parsed)
