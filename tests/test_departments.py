"""Departments by the names officers call them (kb.vocab.departments): a filter's short name finds the full names
tables print and the reverse, in kb search, kb projects, kb evaluations and the app alike (one SQL condition)."""

from __future__ import annotations

import pytest

from conftest import make_document, store
from kb.find.queries import departments_named, list_projects
from kb.find.search import Filters, search
from kb.vocab.departments import department_spellings

DEPARTMENTS = [
    "西安市科学技术局",
    "西安市科技局",
    "北京市人力资源和社会保障局",
    "中国共产党北京市委员会宣传部",
    "中共西安市委宣传部",
    "福州市公安局交通管理支队",
    "北京市教育委员会",
    "北京市生态环境局",
    "北京市科学技术协会",
]


@pytest.fixture
def kb(conn):
    for n, department in enumerate(DEPARTMENTS):
        document = make_document({f"项目{n}": [("服务对象满意度", "≥90%")]})
        document.projects[0].department = department
        store(conn, document, f"d{n}.txt", region=department[:3], year=2026)
    return conn


@pytest.mark.parametrize(
    "given, found",
    [
        ("科技局", ["西安市科学技术局", "西安市科技局"]),
        ("科学技术局", ["西安市科学技术局", "西安市科技局"]),
        ("科技", ["西安市科学技术局", "西安市科技局"]),  # not 科协: 科学技术 of 科学技术协会 is not 科技's
        ("科协", ["北京市科学技术协会"]),
        ("人社局", ["北京市人力资源和社会保障局"]),
        ("人力资源社会保障局", ["北京市人力资源和社会保障局"]),  # one full form finds the other
        ("市委宣传部", ["中国共产党北京市委员会宣传部", "中共西安市委宣传部"]),
        ("中共北京市委", ["中国共产党北京市委员会宣传部"]),
        ("交警", ["福州市公安局交通管理支队"]),
        ("教委", ["北京市教育委员会"]),
        ("环保局", ["北京市生态环境局"]),
        ("公安", ["福州市公安局交通管理支队"]),  # a part of the name, as before
        ("卫健委", []),
    ],
)
def test_a_short_or_full_name_finds_the_departments_it_names(kb, given, found):
    def departments(rows):
        return sorted(row["department"] for row in rows)

    assert departments(list_projects(kb, department=given)) == sorted(found)
    assert departments(search(kb, "满意度", Filters(department=given), limit=50).indicators) == sorted(found)
    assert departments(search(kb, "项目", Filters(department=given), limit=50).projects) == sorted(found)


def test_a_region_that_is_a_short_department_name_says_which(kb):
    assert departments_named(kb, "人社局") == [("北京市人力资源和社会保障局", "北京市")]


def test_spellings_keep_the_text_first_and_spell_each_name_once():
    assert department_spellings("人社局") == ["人社局", "人力资源和社会保障局", "人力资源社会保障局"]
    assert department_spellings("市委员会") == ["市委员会", "市委"]  # not 市委员会员会
    assert department_spellings("公安") == ["公安"]
    assert len(department_spellings("中共市委人社住建卫健发改文旅")) <= 16
