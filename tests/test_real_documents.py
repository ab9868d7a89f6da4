"""Real published documents (../shared/realdocs, never copied here): every one imports, and every one with
hand-checked expected records (tests/realdocs) gives exactly those records: project names, departments, annual
amounts in 万元, every indicator's levels, name and target as printed. Department-wide tables are stored as such and
never counted as projects. The whole folder is imported once, through the real pipeline (worker processes,
normalisation, the knowledge base)."""

from __future__ import annotations

import json
import os

import pytest

from kb.db import connect
from kb.find.precedents import search_names
from kb.find.queries import show_project
from kb.ingest.run import import_paths
from kb.vocab.families import family_key, spelling_key
from realdocs.truth import (
    REALDOCS,
    TEXTS,
    compare,
    compare_funds,
    compare_self_evaluations,
    expected_records,
    is_self_evaluation,
    stored_self_evaluations,
    stored_texts,
)

if not REALDOCS.is_dir():
    pytest.skip(f"{REALDOCS} is absent: the real documents are not beside this checkout", allow_module_level=True)

EXPECTED = expected_records()
# Known differences, each with its reason; a file listed here that comes out exact fails (strict), so the list
# only shrinks. See docs/real-documents.md.
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The real documents imported into one knowledge base: (connection, import results by file name)."""
    conn = connect(tmp_path_factory.mktemp("real") / "kb.sqlite3")
    results = {r.path.name: r for r in import_paths(conn, [REALDOCS])}
    yield conn, results
    conn.close()


def test_self_evaluations_are_read_as_such(corpus):
    """A self-evaluation is stored apart from goal tables, with its budget, targets, actuals, weights and scores;
    the 决算's 88 project forms and its department-wide form, and Ningde's department-wide form (its scores add up
    to the total it prints)."""
    conn, results = corpus
    count = lambda name, kind: conn.execute(  # noqa: E731
        """SELECT count(*) FROM self_evaluations s JOIN documents d ON d.id = s.document_id
        WHERE d.file_name = ? AND s.kind = ?""",
        (name, kind),
    ).fetchone()[0]
    decision = "西安市卫生健康委员会_2022年度部门决算.pdf"
    assert (count(decision, "project"), count(decision, "department")) == (88, 1)
    assert results[decision].projects == 0 and results[decision].evaluations == 89
    ningde = "宁德市人民政府办公室_2024年度部门整体绩效自评表.pdf"
    row = conn.execute(
        """SELECT s.id, s.name, s.department, s.amount_wan, s.fields FROM self_evaluations s
        JOIN documents d ON d.id = s.document_id WHERE d.file_name = ?""",
        (ningde,),
    ).fetchone()
    assert tuple(row)[1:4] == ("127部门整体", "宁德市人民政府办公室", 9999.77)
    fields = json.loads(row["fields"])
    scores = conn.execute(
        "SELECT sum(score), sum(weight), count(*) FROM outcomes WHERE self_evaluation_id = ?", (row["id"],)
    ).fetchone()
    assert round(scores[0] + float(fields["执行率得分"]), 2) == float(fields["总分值、评价总分 (S)"]) == 92.33
    assert (scores[1], scores[2]) == (90, 17)
    first = conn.execute(
        """SELECT target, actual, actual_value, weight, score FROM outcomes
        WHERE self_evaluation_id = ? AND name = '基本经费投入成本'""",
        (row["id"],),
    ).fetchone()
    assert tuple(first) == ("≤3843.67万元", "4262.96", 4262.96, 4.0, 0.0)


def _read(conn, file_name: str) -> tuple[list[dict], list[dict]]:
    """The projects and the department-wide tables stored from a file, as `kb show --json` gives them."""
    ids = conn.execute(
        """SELECT p.id, p.kind FROM projects p JOIN documents d ON d.id = p.document_id
        WHERE d.file_name = ? ORDER BY p.seq""",
        (file_name,),
    ).fetchall()
    shown = [(kind, show_project(conn, pid)) for pid, kind in ids]
    return [p for kind, p in shown if kind == "project"], [p for kind, p in shown if kind == "department"]


def test_every_real_document_imports(corpus):
    _, results = corpus
    pdfs = sorted(path.name for path in REALDOCS.glob("*.pdf"))
    assert pdfs, "no PDF in the real documents folder"
    failed = {name: results[name].message for name in pdfs if results[name].status == "failed" and name not in KNOWN}
    assert failed == {}


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_expected_records(corpus, file_name):
    if file_name in KNOWN:
        pytest.xfail(KNOWN[file_name])
    conn, _ = corpus
    if is_self_evaluation(EXPECTED[file_name]):
        result = compare_self_evaluations(EXPECTED[file_name], stored_self_evaluations(conn, file_name), file_name)
        assert result.problems == [] and result.exact, "\n".join(result.problems)
        return
    projects, department_wide = _read(conn, file_name)
    result = compare(EXPECTED[file_name], projects, department_wide, file_name)
    assert result.problems == [] and result.exact, "\n".join(result.problems)
    assert [p["department"] for p in projects] == [p.get("department") for p in EXPECTED[file_name]["projects"]]


def test_the_shares_of_the_money_are_kept_as_printed(corpus):
    """Every share of a project's or a department's money the records give (财政资金 / 其他资金, 财政拨款 …, and a
    department's 财政拨款 over 合计 · 基本支出 · 项目支出) is kept in its fields under its label."""
    conn, _ = corpus
    checked, problems = 0, []
    for file_name, expected in EXPECTED.items():
        if not is_self_evaluation(expected):
            found = compare_funds(expected, *_read(conn, file_name))
            checked += found[0]
            problems += [f"{file_name}: {problem}" for problem in found[1]]
    assert checked > 2_500
    assert problems == []


@pytest.mark.parametrize("file_name", sorted(KNOWN))
def test_known_differences_are_still_differences(corpus, file_name):
    """A file listed as KNOWN that now comes out exact must leave the list (and count as exact)."""
    conn, _ = corpus
    if file_name not in EXPECTED:
        pytest.skip("no expected records")
    projects, department_wide = _read(conn, file_name)
    assert not compare(EXPECTED[file_name], projects, department_wide, file_name).exact


def test_no_false_projects(corpus):
    """No total row, header, unit row or empty template is a project: every project has a name that is no column
    header or total, and indicators."""
    conn, _ = corpus
    false = conn.execute("""SELECT d.file_name, p.name, p.indicator_count FROM projects p
        JOIN documents d ON d.id = p.document_id
        WHERE p.kind = 'project' AND (p.indicator_count = 0 OR replace(p.name, ' ', '') IN
        ('合计', '总计', '小计', '项目名称', '单位名称', '部门名称', '指标名称', '三级指标'))""").fetchall()
    assert [tuple(row) for row in false] == []


def test_no_department_is_a_label_or_a_title(corpus):
    """No project's department is a line a page prints above its table again ('部门名称：…', a table title): the
    records name departments for a few files only, so this holds the others."""
    conn, _ = corpus
    wrong = conn.execute("""SELECT DISTINCT d.file_name, p.department FROM projects p
        JOIN documents d ON d.id = p.document_id
        WHERE p.department LIKE '%：%' OR p.department LIKE '%:%' OR p.department LIKE '%绩效目标表%'""").fetchall()
    assert [tuple(row) for row in wrong] == []


def test_department_wide_tables_are_kept_apart(corpus):
    """A department's whole goal table is stored as one, never counted or listed as a project, and its indicators
    are precedents like any other."""
    conn, results = corpus
    departments = conn.execute("SELECT count(*) FROM projects WHERE kind = 'department'").fetchone()[0]
    assert departments >= 10 and sum(r.departments for r in results.values()) == departments
    changsha = results["长沙市信访局_2026年部门预算.pdf"]
    assert (changsha.projects, changsha.departments) == (4, 1)  # what kb import reports
    from kb.find.precedents import precedents

    name = conn.execute("""SELECT n.name FROM indicators i JOIN indicator_names n ON n.id = i.name_id
        JOIN projects p ON p.id = i.project_id WHERE p.kind = 'department' LIMIT 1""").fetchone()[0]
    assert any(p.project.endswith("（部门整体）") for p in precedents(conn, [name]))  # marked where listed
    from kb.find.queries import list_projects, stats

    assert stats(conn)["projects"] == conn.execute("SELECT count(*) FROM projects WHERE kind = 'project'").fetchone()[0]
    assert all(p["id"] for p in list_projects(conn)) and not any(
        row["id"] in {r[0] for r in conn.execute("SELECT id FROM projects WHERE kind = 'department'")}
        for row in list_projects(conn)
    )


def test_each_project_names_the_table_it_comes_from(corpus):
    """A department budget holds many tables: each project names its own (kb show's 表格), a department-wide one
    its 部门整体 table, a 转移支付 form its own title, the rest their goal table."""
    conn, _ = corpus
    titles = {}
    for pid, kind, name in conn.execute(
        """SELECT p.id, p.kind, p.name FROM projects p JOIN documents d ON d.id = p.document_id
        WHERE d.file_name = '北京市教育委员会_2026年度部门预算报表.pdf'"""
    ):
        titles[(kind, name)] = show_project(conn, pid)["table_title"]
    assert titles[("department", "北京市教育委员会")] == "预算13表 部门整体支出绩效目标表"
    # (the space the PDF prints after '-2', kept as printed beside a digit, as after '预算13表')
    assert titles[("project", "教育改革发展专项转移支付")] == "预算14表-2 教育改革发展专项转移支付绩效目标表"
    assert sum(title == "预算12表 项目支出绩效目标表" for title in titles.values()) > 500
    assert all(titles.values())


def test_every_import_keeps_how_it_was_read(corpus):
    """Each stored document says how its parts were read (kb import --explain), with pages for a PDF."""
    conn, _ = corpus
    for file_name, parts in conn.execute("SELECT file_name, parts FROM documents"):
        parts = json.loads(parts)
        assert parts and all(part["pages"] for part in parts), file_name
        assert any(part["kind"] in ("goal", "department", "self_evaluation", "empty") for part in parts), file_name


def test_spellings_of_one_indicator_are_one_family(corpus):
    """Indicator families (kb.vocab.families) on the real documents: known spellings joined, known measures apart."""
    real = corpus[0]
    families: dict[str, set[str]] = {}
    for (name,) in real.execute("SELECT name FROM indicator_names WHERE uses > 0"):
        families.setdefault(family_key(name), set()).add(name)
    joined = {k: v for k, v in families.items() if len({spelling_key(n) for n in v}) > 1}
    assert len(joined) >= 22  # 26 when measured: mostly 满意率/满意度 and 的
    assert {"服务对象满意度", "服务对象满意率", "服务对象满意度指标", "服务对象满意度（%）"} <= families[
        "服务对象满意度"
    ]
    assert {"学生满意度", "学生满意率", "学生的满意度"} <= families["学生满意度"]
    # whom a survey asks: another indicator than 学生满意度; 受资助 written short (F5) is the same
    assert {"受助学生满意度", "受助学生的满意度", "受资助学生满意度", "受资助学生的满意度"} == families[
        "受助学生满意度"
    ]
    assert {"办事群众满意度", "办事群众满意率"} == families["办事群众满意度"]
    # the department-wide tables whose cells run the three levels together ('产出指标数量指标系统验收合格率') give
    # no name beginning with the rest of a level ('指标系统验收合格率'; '指标1：' and '指标：' are printed so)
    assert not real.execute("SELECT name FROM indicator_names WHERE uses > 0 AND name GLOB '指标[^0-9：]*'").fetchall()
    for a, b in (
        ("拨付及时性", "拨付及时率"),
        ("监管对象满意率", "服务对象满意度"),
        ("受益对象满意度", "服务对象满意度"),
        ("发放及时性", "发放及时率"),
    ):
        assert family_key(a) != family_key(b) and {a} <= families[family_key(a)]
    hit = search_names(real, "服务对象满意率")[0]
    assert hit.match == "exact" and len(hit.variants) == len(families["服务对象满意度"])


def test_long_texts_are_as_recorded(corpus):
    """Every project's, department-wide table's and self-evaluation's 项目概况, 年度目标 and other fields read as
    recorded in tests/realdocs/texts.json (length, hash, first and last characters): the records above check no long
    text, and a goal cut at a page break or emptied by another table's columns changed no indicator. After a change
    meant to read them better, look at each difference and rewrite the file with KB_UPDATE_TEXTS=1."""
    read = stored_texts(corpus[0])
    if os.environ.get("KB_UPDATE_TEXTS"):
        TEXTS.write_text(json.dumps(read, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    recorded = json.loads(TEXTS.read_text("utf-8"))
    changed = [
        f"{file_name}:\n  was {[t for t in was if t not in now] or was}"
        f"\n  now {[t for t in now if t not in was] or now}"
        for file_name in sorted(set(recorded) | set(read))
        if (was := recorded.get(file_name, [])) != (now := read.get(file_name, []))
    ]
    assert changed == [], "\n".join(changed)
