"""Departments by the names officers call them (kb.vocab.departments): a filter's short name finds the full names
tables print and the reverse, in kb search, kb projects, kb evaluations and the app alike (one SQL condition)."""

from __future__ import annotations

import json

import pytest

from conftest import make_document, store
from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject
from kb.find.evaluations import list_self_evaluations, search_self_evaluated
from kb.find.queries import departments_named, list_projects
from kb.find.search import Filters, search
from kb.schema import migrate
from test_same_tables import undo_v17
from kb.vocab.departments import department_spellings, unit_beside

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
    "中国人民政治协商会议北京市委员会办公厅",
    "西安市疾病预防控制中心",
    "共青团北京市委员会",
    "共青团西安市委",
    "九三学社北京市委员会",
    "中国民主同盟北京市委员会",
    "中国共产主义青年团福州市委员会",
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
        ("市委", ["中国共产党北京市委员会宣传部", "中共西安市委宣传部"]),  # not 政协, 共青团 or 九三学社's 市委员会
        ("共青团", ["共青团北京市委员会", "共青团西安市委", "中国共产主义青年团福州市委员会"]),
        ("民盟", ["中国民主同盟北京市委员会"]),  # the parties' usual short names find their full names
        ("民盟北京市委", ["中国民主同盟北京市委员会"]),
        ("共青团北京市委", ["共青团北京市委员会"]),  # the body named: its own 市委员会
        ("九三学社北京市委员会", ["九三学社北京市委员会"]),
        ("北京市委员会", ["中国共产党北京市委员会宣传部"]),
        ("政协北京市委员会", ["中国人民政治协商会议北京市委员会办公厅"]),
        ("政治协商会议", ["中国人民政治协商会议北京市委员会办公厅"]),
        ("交警", ["福州市公安局交通管理支队"]),
        ("教委", ["北京市教育委员会"]),
        ("环保局", ["北京市生态环境局"]),
        ("公安", ["福州市公安局交通管理支队"]),  # a part of the name, as before
        ("卫健委", []),
        ("疾控中心", ["西安市疾病预防控制中心"]),  # (a unit of 卫健委's, read as a department's unit now is)
    ],
)
def test_a_short_or_full_name_finds_the_departments_it_names(kb, given, found):
    def departments(rows):
        return sorted(row["department"] for row in rows)

    assert departments(list_projects(kb, department=given)) == sorted(found)
    assert departments(search(kb, "满意度", Filters(department=given), limit=50).indicators) == sorted(found)
    assert departments(search(kb, "项目", Filters(department=given), limit=50).projects) == sorted(found)


def _filed_under_its_bureau(conn):
    """A 交警支队's goal table and self-evaluation filed under 福州市公安局 (its 主管部门), naming it as 实施单位;
    and the bureau's own goal table."""
    for n, unit in enumerate(("福州市公安局交通管理支队", "福州市公安局")):
        goal = make_document({f"项目{n}": [("服务对象满意度", "≥90%")]}).projects[0]
        goal.department, goal.fields = "福州市公安局", {"主管部门及代码": "[318]福州市公安局", "实施单位": unit}
        evaluation = RawProject(
            name=f"自评项目{n}",
            kind=SELF_EVALUATION,
            department="福州市公安局",
            fields={"项目实施单位": unit},
            indicators=[RawIndicator(name="服务对象满意度", target="≥90%", actual="95%")],
        )
        store(conn, RawDocument(layout="test", projects=[goal, evaluation]), f"u{n}.txt", region="福州市", year=2026)


def test_a_department_filter_finds_the_unit_that_carries_a_project_out(conn):
    _filed_under_its_bureau(conn)
    assert [row["name"] for row in list_projects(conn, department="交警")] == ["项目0"]
    assert [row["project"] for row in search(conn, "满意度", Filters(department="交警")).indicators] == ["项目0"]
    assert [row["name"] for row in search(conn, "项目", Filters(department="交通管理支队")).projects] == ["项目0"]
    assert [row["name"] for row in list_self_evaluations(conn, department="交警")] == ["自评项目0"]
    total, rows = search_self_evaluated(conn, "满意度", Filters(department="交警"))
    assert (total, [row["self_evaluation"] for row in rows]) == (1, ["自评项目0"])
    assert len(list_projects(conn, department="福州市公安局")) == 2  # the bureau's filter still finds both


def test_the_unit_that_carries_a_project_out_is_shown_beside_its_department(conn, db_path):
    """`kb projects --department 交警` listed three projects of 福州市公安局 and never said why: each row now names the
    unit beside its department, where it is another; the bureau's own project does not repeat its name."""
    from typer.testing import CliRunner

    from cli.app import app

    _filed_under_its_bureau(conn)
    conn.commit()
    units = {row["name"]: row["implementing_unit"] for row in list_projects(conn)}
    assert units == {"项目0": "福州市公安局交通管理支队", "项目1": "福州市公安局"}
    hits = search(conn, "项目", Filters(department="交警")).projects
    assert [hit["implementing_unit"] for hit in hits] == ["福州市公安局交通管理支队"]
    assert [row["implementing_unit"] for row in list_self_evaluations(conn, department="交警")] == [units["项目0"]]
    for command in ("projects", "evaluations"):
        listed = CliRunner().invoke(app, ["--db", str(db_path), command], env={"COLUMNS": "300"}).stdout
        assert listed.count("实施 福州市公安局交通管理支队") == 1 and "实施 福州市公安局 " not in listed


def test_a_search_names_each_hits_department_and_unit(conn, db_path):
    """`kb search` named each indicator's project and region but not whose it was: a precedent from 北京市公安局 and
    one from 北京市生态环境局 looked alike. Each hit (indicator, project, self-evaluated row) now names its
    department, and under it the unit carrying the work out where it is another; --json the unit too, and the file
    `--out` writes the self-evaluated rows' department."""
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from cli.app import app

    _filed_under_its_bureau(conn)
    conn.commit()
    run = CliRunner().invoke
    data = json.loads(run(app, ["--db", str(db_path), "search", "满意度", "--json"]).stdout)
    units = sorted((hit["project"], hit["implementing_unit"]) for hit in data["indicators"])
    assert units == [("项目0", "福州市公安局交通管理支队"), ("项目1", "福州市公安局")]
    for query in ("满意度", "项目"):  # indicators and self-evaluated rows; projects
        printed = run(app, ["--db", str(db_path), "search", query, "--department", "交警"], env={"COLUMNS": "200"})
        assert "地区·部门" in printed.stdout and "福州市公安局" in printed.stdout, printed.stdout
        assert printed.stdout.count("实施 交通管理支队") == (2 if query == "满意度" else 1), printed.stdout
    book = db_path.parent / "满意度.xlsx"
    assert run(app, ["--db", str(db_path), "search", "满意度", "--out", str(book)]).exit_code == 0
    header, *rows = list(load_workbook(book)["自评"].iter_rows(min_row=2, values_only=True))
    assert [row[header.index("部门")] for row in rows] == ["福州市公安局", "福州市公安局"]


def test_the_units_of_projects_stored_before_are_read_from_their_fields(conn):
    _filed_under_its_bureau(conn)
    undo_v17(conn)
    conn.execute("PRAGMA user_version = 16")
    migrate(conn)
    assert [row["name"] for row in list_projects(conn, department="交警")] == ["项目0"]
    assert [row["name"] for row in list_self_evaluations(conn, department="交警")] == ["自评项目0"]


def test_a_region_that_is_a_short_department_name_says_which(kb):
    assert departments_named(kb, "人社局") == [("北京市人力资源和社会保障局", "北京市")]


def test_spellings_keep_the_text_first_and_spell_each_name_once():
    assert department_spellings("人社局") == ["人社局", "人力资源和社会保障局", "人力资源社会保障局", "人力社保局"]
    assert department_spellings("人力社保局")[-1] == "人社局"  # (人社 comes first in the list: a second round)
    assert department_spellings("市委员会") == ["市委员会", "市委"]  # not 市委员会员会
    assert department_spellings("公安") == ["公安"]
    assert len(department_spellings("中共市委人社住建卫健发改文旅")) <= 16


@pytest.mark.parametrize(
    "department, unit",
    [
        ("福州市公安局", "福州市公安局本级"),  # the bureau's own budget unit
        ("福州市民政局本级", "福州市民政局"),
        ("福州市公安局", "福州市 公安局"),  # a space a PDF put in
        ("福州市公安局", "同上"),
        ("福州市公安局", "本单位"),
        ("福州市公安局", "—"),
    ],
)
def test_a_unit_that_is_its_department_is_not_shown_beside_it(department, unit):
    """`实施 福州市公安局本级` or `实施 同上` under 福州市公安局 says nothing (the lists showed it as another unit)."""
    assert unit_beside(department, unit) is None
    assert unit_beside(department, "福州市公安局交通管理支队") == "福州市公安局交通管理支队"
