"""Normalised values of the seeds after `kb import`: a representative set per layout, every trap included."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from kb.db import connect
from kb.ingest.run import import_paths

# (project, indicator) → (operator, value, unit, std level 1, std level 2, level inferred, target as written)
EXPECTED = {
    # 000 form-kv, Shandong 2020: old level names, qualitative words, placeholder rows skipped
    ("“政银保”贷款保证保险补贴", "预算执行率"): ("=", 100.0, "%", None, None, False, "=100%"),
    ("“政银保”贷款保证保险补贴", "资金使用合规性"): ("定性", None, None, None, None, False, "合规"),
    ("“政银保”贷款保证保险补贴", "补贴保险公司数量"): ("≥", 2.0, "家", "产出指标", "数量指标", False, ">=2家"),
    ("“政银保”贷款保证保险补贴", "补贴及时性"): ("定性", None, None, "产出指标", "时效指标", False, "及时"),
    ("“政银保”贷款保证保险补贴", "有责投诉数"): ("=", 0.0, None, "效益指标", "社会效益指标", False, "=0"),
    ("“政银保”贷款保证保险补贴", "监督考核机制健全性"): (
        "定性",
        None,
        None,
        "效益指标",
        "可持续影响指标",
        False,
        "健全",
    ),
    ("企业融资扶持资金", "增加区内挂牌企业数量"): ("≥", 1.0, "家", "效益指标", "社会效益指标", False, "增加1家"),
    # 001 summary-table, Ningbo: separate operator/unit columns, no levels (inferred), the page-break trap
    ("小额贷款公司专项", "小微服务客户对象满意度"): ("≥", 95.0, "%", "满意度指标", "服务对象满意度指标", True, "≥95%"),
    ("小额贷款公司专项", "本区域小贷公司支农支小占比"): ("≥", 30.0, "%", "效益指标", "社会效益指标", True, "≥30%"),
    ("宁波市金融支持高层次人才创业创新经费", "人才企业获得股权投资"): (
        "≥",
        1.0,
        "亿元",
        "效益指标",
        "经济效益指标",
        True,
        "≥1亿元",
    ),
    ("信息化运维经费", "故障报修受理时间"): ("<", 0.5, "小时", "产出指标", "时效指标", True, "<0.5小时"),
    ("金融风险排查工作经费", "会议费用"): ("≤", 2.0, "万元", "成本指标", "经济成本指标", True, "≤2万元"),
    # 002 inline-table, Guangzhou: coded levels, whole-period and annual targets
    ("金融发展专项资金", "扶持项目数量"): ("≥", 495.0, "家次", "产出指标", "数量指标", False, "≥495家次"),
    ("金融发展专项资金", "扶持企业满意度"): ("=", 95.0, "%", "满意度指标", "服务对象满意度指标", False, "95%"),
    ("金融交流专项经费", "参加展会人数"): ("=", 3.0, "万人", "产出指标", "数量指标", False, "3万人"),
    ("金融交流专项经费", "活动投诉数量"): ("≤", 2.0, "次", "满意度指标", "服务对象满意度指标", False, "≤2次"),
    ("广州市年度巨灾指数保险经费", "灾害防治能力"): ("定性", None, None, "效益指标", "可持续影响指标", False, "提高"),
    # 003 form-kv, Weihai 2021: lost indentation, 万 kept honest, units from names, ±
    ("乡村振兴工作经费", "2020年美丽乡村示范村验收通过率"): ("=", 100.0, "%", "产出指标", "时效指标", False, "=100%"),
    ("科技创新政策扶持资金", "扶助资金发放及时性"): ("=", 100.0, "%", "产出指标", "时效指标", False, "=100%"),
    ("科技创新政策扶持资金", "哈工大项目落地-科研产业化项目扶持总额"): (
        "<",
        1000.0,
        "万",
        "产出指标",
        "数量指标",
        False,
        "<1000 万",
    ),
    ("科技创新政策扶持资金", "扶持高新技术产业-新申报、重新认定高企业家数"): (
        "≤",
        110.0,
        None,
        "产出指标",
        "数量指标",
        False,
        "<=110",
    ),
    ("市政城市维护费", "雨水管线维护数量（米）"): ("=", 168329.0, "米", "产出指标", "数量指标", False, "=168329"),
    ("市政城市维护费", "维护工程成本可控性"): ("定性", None, None, "成本指标", "经济成本指标", False, "可控"),
    ("疫情防控经费及核酸检测工作经费", "有责投诉率"): (
        "=",
        0.0,
        "起",
        "满意度指标",
        "服务对象满意度指标",
        False,
        "=0 起",
    ),
    ("老旧小区改造项目", "改造小区数量"): ("=", 16.0, "个", "产出指标", "数量指标", False, "16个"),
    ("老旧小区改造项目", "改造建筑面积（万平方米）"): ("=", 63.66, "万平方米", "产出指标", "数量指标", False, "=63.66"),
    ("老旧小区改造项目", "造价控制范围"): ("±", 5.0, "%", "成本指标", "经济成本指标", False, "±5%"),
    # 004 word-cells, Fenghua 2020: targets taken from prose
    ("扶持政策涉科兑现", "新增科技型初创企业数"): ("=", 20.0, "家", "产出指标", "数量指标", True, "20家"),
    ("扶持政策涉科兑现", "首次投入R&D经费50万元以上的企业"): ("=", 40.0, "家", "产出指标", "数量指标", True, "40家"),
    ("扶持政策涉科兑现", "新培育高新技术企业"): ("≥", 20.0, "家", "产出指标", "数量指标", True, "20家以上"),
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    conn = connect(tmp_path_factory.mktemp("seeds") / "kb.sqlite3")
    import_paths(conn, [SEEDS])
    return conn


@pytest.mark.parametrize("project, name", sorted(EXPECTED), ids=lambda x: x[:12] if isinstance(x, str) else x)
def test_indicator_normalised(kb, project, name):
    rows = kb.execute(
        """SELECT i.operator, i.value, i.unit, i.std_level1, i.std_level2, i.level_inferred, i.target
        FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.name = ? AND i.name = ?""",
        (project, name),
    ).fetchall()
    assert len(rows) == 1
    op, value, unit, l1, l2, inferred, target = rows[0]
    assert (op, value, unit, l1, l2, bool(inferred), target) == EXPECTED[(project, name)]


@pytest.mark.parametrize(
    "project, amount, region, year, department",
    [
        ("“政银保”贷款保证保险补贴", 5.0, "威海经济技术开发区", 2020, "金融办"),
        ("乡村振兴工作经费", 700.0, "威海经济技术开发区", 2021, "社会工作部"),  # 7000000 元 → 700 万元
        ("老旧小区改造项目", 7798.56, "威海经济技术开发区", 2021, "建设局"),
        ("金融发展专项资金", 13000.0, "广州开发区", 2022, "广州开发区金融工作局"),  # '13,000.00' 万元
        ("综合工作经费", 1.6, "广州开发区", 2022, "广州开发区金融工作服务中心"),
        ("“凤凰行动”宁波计划专项", 11100.0, "宁波市", 2022, "宁波市地方金融监督管理局"),
        ("扶持政策涉科兑现", 1360.0, "宁波市奉化区", 2020, "宁波市奉化区科学技术局"),
    ],
)
def test_project_head(kb, project, amount, region, year, department):
    row = kb.execute("SELECT amount_wan, region, year, department FROM projects WHERE name = ?", (project,)).fetchone()
    assert tuple(row) == (amount, region, year, department)


def test_where_region_and_year_came_from(kb):
    sources = dict(kb.execute("SELECT file_name, region_source || '/' || year_source FROM documents"))
    by_prefix = {name[:3]: source for name, source in sources.items()}
    assert by_prefix == {
        "000": "manifest/text",
        "001": "manifest/manifest",
        "002": "text/manifest",
        "003": "text/text",
        "004": "text/period",
    }


def test_prose_indicators_are_marked(kb):
    assert kb.execute("SELECT count(*) FROM indicators WHERE from_prose = 1").fetchone()[0] == 4


def test_project_three_overview_joined_once(kb):
    overview = kb.execute("SELECT overview FROM projects WHERE name = '小额贷款公司专项'").fetchone()[0]
    assert overview.startswith("小额贷款公司作为地方性普惠金融领域重要行业载体")
    assert overview.count("民间借贷利率等方面发挥了重要作用") == 1
    assert "但试点以来" in overview
