"""Region, year and department as a text states them (kb.vocab.places)."""

import pytest

from kb.vocab.places import region_from, region_in_title


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("宁波市奉化区科学技术局", "宁波市奉化区"),
        ("北京市审计局", "北京市"),
        ("浙江省财政厅", "浙江省"),
        ("内蒙古自治区呼和浩特市新城区教育局", "内蒙古自治区呼和浩特市新城区"),
        ("广州开发区财政局", "广州开发区"),
        ("中共西安市委宣传部", "西安市"),
        ("中国共产党北京市委员会宣传部", "北京市"),
        ("政协宁波市委员会办公室", "宁波市"),
        ("共青团烟台市委员会", "烟台市"),
        ("九三学社杭州市委员会", "杭州市"),
        ("国家税务总局广州市税务局", "广州市"),
        ("中共中央宣传部", ""),  # a national body: no region
        ("财政局", ""),
        ("", ""),
    ],
)
def test_the_region_a_department_name_begins_with(department, region):
    assert region_from(department) == region


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("厦门市2026年项目支出绩效目标表", "厦门市"),  # a form whose 主管部门 is left empty: the title alone says where
        ("2026年烟台市民政局部门预算", "烟台市"),
        ("2026年度福州市商务局部门预算", "福州市"),
        ("上海市浦东新区2026年项目支出绩效目标表", "上海市浦东新区"),
        ("预算表12 项目支出绩效目标表", ""),
        ("部门预算市级项目绩效目标", ""),  # words of a title, not a place
        ("项目绩效（市本级）", ""),
        ("全市2026年项目支出绩效目标表", ""),
        (
            "2026年智慧城市建设项目绩效目标汇总表",
            "",
        ),  # a project's name, not a place: nothing of a year or a body after
        ("海绵城市建设绩效目标表", ""),
        ("风景名胜区保护项目绩效目标表", ""),
        ("湖北省武汉市人民政府办公厅2026年部门预算", "湖北省武汉市"),
    ],
)
def test_the_region_a_title_begins_with(title, region):
    assert region_in_title(title) == region
