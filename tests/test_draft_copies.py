"""Copy from last year (issue 17): a draft from an imported project or an earlier draft, a year on, and what
changed from last year's table (kb draft diff, kb draft show)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli.app import app
from conftest import make_document, store
from kb.drafting import copies, drafts, history, suggest
from kb.drafting.drafts import new_row
from kb.errors import KbError

TABLE = [("补贴企业数", "≥10家"), ("资金发放及时率", "=100%"), ("服务对象满意度", "≥90%"), ("工作机制", "健全")]


@pytest.fixture
def project(conn) -> int:
    store(conn, make_document({"2024科技型企业研发补贴": TABLE}), year=2024)
    return conn.execute("SELECT id FROM projects").fetchone()[0]


def test_a_project_copied_a_year_on_with_every_row(conn, project):
    conn.execute("UPDATE projects SET period = '2024年1月-2024年12月', department = '科技局' WHERE id = ?", (project,))
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert (copy.year, copy.department, copy.amount_wan, copy.period) == (2025, "科技局", 10.0, "2025年1月-2025年12月")
    assert copy.spending_type == "补贴/奖励类"
    assert sorted(f"{r.name} {r.target}" for r in copy.rows) == sorted(f"{n} {t}" for n, t in TABLE)
    ids = [r[0] for r in conn.execute("SELECT id FROM indicators WHERE project_id = ?", (project,))]
    assert sorted(s for r in copy.rows for s in r.sources) == sorted(ids)
    assert copy.source["kind"] == "project" and "2024科技型企业研发补贴" in copy.source["label"]
    assert copies.since_copied(conn, copy.id).changes == []
    assert "复制自" in history.versions(conn, copy.id)[0].note


def test_a_copy_keeps_each_rows_period_target(conn, project):
    """A multi-year project's 实施期指标值 (the whole period's, unchanged from year to year) was left out of the copy:
    the form printed without its column, for the officer to type again."""
    conn.execute(
        "UPDATE indicators SET period_target = '≥30家' WHERE project_id = ? AND name = '补贴企业数'", (project,)
    )
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert {r.name: r.period_target for r in copy.rows} == {n: "≥30家" if n == "补贴企业数" else None for n, _ in TABLE}
    # rows added to another draft leave the project's 实施期指标值: that draft's 实施期 is its own (a one-year draft's
    # form then printed a 实施期指标值 column of another project's whole period)
    mine = drafts.create(conn, "新项目", year=2026, period="2026年1月-2026年12月")
    applied = drafts.apply_rows(conn, mine.id, suggest.project_rows(conn, project, every=True))
    assert applied.added and all(r.period_target is None for r in applied.draft.rows)


def test_a_copy_takes_the_head_rows_last_years_form_printed(conn, project):
    """The copy kept 主管部门, 年度资金 and 年度目标 only: 项目名称, 主管部门及代码, 实施单位, the funds' sources
    were left for the officer to type again (and kb lint refused the copy for them)."""
    fields = {
        "主管部门及代码": "233_某市民政局",
        "实施单位": "某市民政局",
        "其中：财政拨款": "8.00",
        "其他资金": "2.00",
    }
    conn.execute("UPDATE projects SET fields = ? WHERE id = ?", (json.dumps(fields, ensure_ascii=False), project))
    copy = copies.from_project(conn, project, "2025科技补贴")
    head = (copy.project_name, copy.department_code, copy.implementing_unit, copy.fiscal_wan, copy.other_wan)
    assert head == ("2025科技型企业研发补贴", "233", "某市民政局", 8.0, 2.0)  # (its year moved on with the copy)
    assert copy.attribute == "延续"  # last year's project, carried on
    assert copies.head_from_fields({"项目属性": "新增", "主管部门及代码": "[101]某局", "年度资金总额": "—"}) == {
        "attribute": "新增",
        "department_code": "101",
    }


def test_what_changed_from_last_year(conn, project):
    copy = copies.from_project(conn, project, "2025科技补贴")
    by_name = {r.name: r for r in copy.rows}
    drafts.update_row(conn, copy.id, by_name["补贴企业数"].id, target="≥12家")
    drafts.remove_rows(conn, copy.id, [by_name["工作机制"].id])
    drafts.add_row(conn, copy.id, new_row("带动研发投入", target="≥500万元"))
    drafts.set_field(conn, copy.id, "amount_wan", "12")
    changes = copies.since_copied(conn, copy.id).changes
    keys = {r.name: r.key for r in copy.rows}
    assert changes == [
        "项目资金（万元）：10 → 12",
        "新增 a5 带动研发投入 ≥500万元",
        f"删除 {keys['工作机制']} 工作机制 健全",
        f"修改 {keys['补贴企业数']} 补贴企业数：指标值 ≥10家 → ≥12家",
    ]


def test_a_draft_copied_a_year_on_keeps_its_row_ids(conn):
    last = drafts.create(conn, "2024补贴", year=2024, period="2024-2026", department="科技局")
    drafts.add_row(conn, last.id, new_row("补贴企业数", target="≥10家", basis="历史标准"))
    last = drafts.add_row(conn, last.id, new_row("服务对象满意度", target="≥90%"))
    copy = copies.from_draft(conn, "2024补贴", copies.next_name("2024补贴", 2024))
    assert (copy.name, copy.year, copy.period, copy.department) == ("2025补贴", 2025, "2024-2026", "科技局")
    assert [(r.key, r.name, r.target, r.basis) for r in copy.rows] == [
        (r.key, r.name, r.target, r.basis) for r in last.rows
    ]
    assert {r.id for r in copy.rows}.isdisjoint({r.id for r in last.rows})
    added = drafts.add_row(conn, copy.id, new_row("资金发放及时率", target="=100%"))
    assert {r.key for r in added.rows} == {"a1", "a2", "a3"}
    assert copies.since_copied(conn, copy.id).changes == ["新增 a3 资金发放及时率 =100%"]
    assert copies.since_copied(conn, last.id) is None


def test_the_project_name_moves_on_with_the_year(conn):
    """Last year's '2026年居家养老服务补贴' copied a year on kept its name: the 2027 form was headed by the 2026 project
    (no check says so: a year in a name is the thing named). A name naming last year alone moves on with the draft's
    name and period; one naming other years (2025年运维服务项目尾款, 2026-2028年规划) stays as written."""
    doc = make_document({"2026年居家养老服务补贴": TABLE, "2025年运维服务项目尾款": TABLE, "2026-2028年规划": TABLE})
    store(conn, doc, year=2026)
    names = {}
    for n, (pid, name) in enumerate(conn.execute("SELECT id, name FROM projects ORDER BY id").fetchall()):
        names[name] = copies.from_project(conn, pid, f"副本{n}").project_name
    assert names == {
        "2026年居家养老服务补贴": "2027年居家养老服务补贴",
        "2025年运维服务项目尾款": "2025年运维服务项目尾款",
        "2026-2028年规划": "2026-2028年规划",
    }
    again = copies.from_draft(conn, "副本0", "2028年的")
    assert (again.year, again.project_name) == (2028, "2028年居家养老服务补贴")


@pytest.mark.parametrize(
    "period, year, moved",
    [("2024年1月-2024年12月", 2024, "2025年1月-2025年12月"), ("2024-2026", 2024, "2024-2026"), (None, 2024, None)],
)
def test_an_annual_period_moves_on_a_multi_year_one_stays(period, year, moved):
    assert copies.moved_on(period, year) == moved


def test_copies_of_what_is_not_there_say_so(conn):
    with pytest.raises(KbError, match="没有 id 为 99 的项目"):
        copies.from_project(conn, 99, "新")
    with pytest.raises(KbError, match="no draft"):
        copies.from_draft(conn, "没有的", "新")
    assert drafts.list_drafts(conn) == []


def test_the_command_line_copies_and_shows_the_differences(db_path, conn, project, tmp_path):
    def kb(*args, ok=True):
        result = CliRunner().invoke(app, ["--db", str(db_path), *map(str, args)], env={"COLUMNS": "200"})
        assert (result.exit_code == 0) == ok, result.output
        return result

    made = kb("draft", "new", "2025补贴", "--from-project", project, "--amount", "15").stdout
    assert "复制自 项目" in made and "4 个指标" in made
    kb("draft", "remove", "2025补贴", "a4")
    diff = kb("draft", "diff", "2025补贴").stdout
    assert "项目资金（万元）：10 → 15" in diff and "删除 a4" in diff
    shown = json.loads(kb("draft", "show", "2025补贴", "--json").stdout)
    assert shown["year"] == 2025 and len(shown["since_copied"]) == 2
    assert "与上年相比 2 处更改" in kb("draft", "show", "2025补贴").stdout
    exported = kb("draft", "export", "2025补贴", tmp_path, "--format", "json").stdout
    assert "与上年相比 2 处更改" in exported
    kb("draft", "new", "2026补贴", "--from-draft", "2025补贴")
    assert "未作修改" in kb("draft", "diff", "2026补贴").stdout
    refused = kb("draft", "new", "x", "--from-project", project, "--from-draft", "2025补贴", ok=False)
    assert "give --from-project or --from-draft, not both" in refused.stderr
    kb("draft", "new", "原创")
    assert "不是从上年复制的" in kb("draft", "diff", "原创", ok=False).stderr


def test_a_copy_left_unchanged_while_its_budget_changed_is_checked(conn, project):
    """零基预算: a continuing project's targets are set again for this year's funds, not carried over."""
    from kb.drafting.lint import RULES, lint_draft

    assert "copied-unchanged" in {r.id for r in RULES}
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert "copied-unchanged" not in {f.rule for f in lint_draft(conn, copy.id)}  # as copied: same funds
    drafts.set_field(conn, copy.id, "amount_wan", "20")
    found = [f for f in lint_draft(conn, copy.id) if f.rule == "copied-unchanged"]
    assert len(found) == 1 and "10 万元变为 20 万元" in found[0].detail
    first = next(r for r in drafts.open_draft(conn, copy.id).rows if r.name == "补贴企业数")
    drafts.update_row(conn, copy.id, first.id, target="≥20家")  # the targets set again
    assert "copied-unchanged" not in {f.rule for f in lint_draft(conn, copy.id)}
    plain = drafts.create(conn, "新项目", amount_wan=20)
    assert "copied-unchanged" not in {f.rule for f in lint_draft(conn, plain.id)}  # no copy, nothing to compare


def test_a_duplicate_of_a_copy_is_compared_with_last_years_table_too(conn, project):
    """A duplicate of last year's copy (方案二) kept no `source`: its rows unchanged from last year under a new budget
    went unsaid (`copied-unchanged`), and `kb draft diff` called it no copy. It keeps the copy's source and last
    year's table as copied (version 0): what changed in the copy before the duplicate was made counts as changed,
    and an undo never goes back past the duplicate."""
    from kb.drafting.lint import lint_draft

    unchanged = lambda d: "copied-unchanged" in {f.rule for f in lint_draft(conn, d.id)}  # noqa: E731
    copy = copies.from_project(conn, project, "2025科技补贴")
    drafts.set_field(conn, copy.id, "amount_wan", "20")
    assert unchanged(copy)
    twin = drafts.duplicate(conn, copy.id, "2025科技补贴 方案二")
    assert twin.source == copy.source and unchanged(twin)
    assert copies.since_copied(conn, twin.id).changes == ["项目资金（万元）：10 → 20"]
    with pytest.raises(KbError, match="nothing to undo"):
        history.undo(conn, twin.id)
    with pytest.raises(KbError, match="第 0 版是复制时上年的目标表"):  # what kb draft history lists as version 0
        history.undo(conn, twin.id, to=0)
    with pytest.raises(KbError, match="没有第 0 版"):  # a draft that is no duplicate of a copy has none
        history.undo(conn, copy.id, to=0)
    first = next(r for r in twin.rows if r.name == "补贴企业数")
    drafts.update_row(conn, copy.id, next(r.id for r in copy.rows if r.name == "补贴企业数"), target="≥20家")
    edited = drafts.duplicate(conn, copy.id, "2025科技补贴 方案三")
    assert not unchanged(edited) and unchanged(twin)  # the targets set again in the copy, before it was duplicated
    drafts.update_row(conn, twin.id, first.id, target="≥30家")
    assert not unchanged(twin)
    assert [v.number for v in history.versions(conn, twin.id)][:2] == [0, 1]


@pytest.mark.parametrize("printed", ["经常性项目", "一次性项目", "新增项目", "延续项目"])
def test_a_projects_copy_a_year_on_is_a_continued_project(conn, project, printed):
    """项目属性 | 经常性项目 (the 2015 form's words, not 新增/延续) refused kb draft new --from-project outright; a 新增
    project copied a year on stayed 新增. Last year's project carried on is 延续, whatever it was then."""
    conn.execute("UPDATE projects SET fields = ? WHERE id = ?", (json.dumps({"项目属性": printed}), project))
    assert copies.from_project(conn, project, "2025科技补贴").attribute == "延续"


@pytest.mark.parametrize("period", ["1年", "长期", "三年"])
def test_a_projects_period_that_reads_as_no_dates_does_not_refuse_the_copy(conn, project, period):
    """项目期 | 1年 (the 2015 form's, read as the period since grid-form takes 项目期) refused kb draft new
    --from-project outright ('实施期 读不出起止'): the copy's 实施期 is left for the unit to give."""
    from kb.drafting.lint import lint_draft

    conn.execute("UPDATE projects SET period = ? WHERE id = ?", (period, project))
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert not copy.period and copy.year == 2025
    assert any("实施期" in f.detail for f in lint_draft(conn, copy.id))  # asked for


def test_a_period_ending_within_its_starts_year_is_copied_a_year_on(conn, project):
    """'2024年1月-12月' (the end without its year) is a period: the copy's is '2025年1月-12月', not left empty."""
    conn.execute("UPDATE projects SET period = ? WHERE id = ?", ("2024年1月-12月", project))
    assert copies.from_project(conn, project, "2025科技补贴").period == "2025年1月-12月"


def test_rows_taken_from_a_similar_project_say_which_still_hold_its_figure(conn, project):
    """Rows ticked in a similar project (another city's) kept its counts as this draft's targets without a word
    (`培训人数 ≥1200人次`): the checks name each row still holding that project's figure until it is set; a rate or a
    zero is a common standard, as are a deadline and a score (review 63R-e: 712 of 3,444 on the real base were
    时效指标 such as 项目完成时间 ≤12月), and a copy of last year's own table is `copied-unchanged`'s."""
    from kb.drafting.lint import lint_draft

    rows = [("培训人数", "≥1200人次"), ("培训合格率", "≥95%"), ("有责投诉数", "=0件"), ("安全事故发生率", "≤0.7‰")]
    rows += [("项目完成时间", "≤12月"), ("培训考核平均分", "≥90分")]
    store(conn, make_document({"职业技能培训补贴": rows}), "b.txt", "乙市")
    other = conn.execute("SELECT id FROM projects WHERE name = '职业技能培训补贴'").fetchone()[0]
    draft = drafts.create(conn, "2025年职业培训", year=2025)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, other))
    borrowed = [f for f in lint_draft(conn, draft.id) if f.rule == "precedent-target"]
    assert [(f.row, f.indicator, f.severity) for f in borrowed] == [(1, "培训人数", "warning")]
    # the project and its city named; the figure is in the table (one detail for the rows of one source: stop 65e)
    assert borrowed[0].detail.startswith("指标值照抄自「职业技能培训补贴」（乙市、")
    row = drafts.open_draft(conn, draft.id).rows[0]
    drafts.update_row(conn, draft.id, row.id, drafts.open_draft(conn, draft.id).version, target="≥300人次")
    assert "precedent-target" not in {f.rule for f in lint_draft(conn, draft.id)}  # set for this project
    copy = copies.from_project(conn, project, "2025科技补贴")  # last year's own table: its figures are its own
    assert "precedent-target" not in {f.rule for f in lint_draft(conn, copy.id)}


def test_a_precedents_figure_the_officer_agrees_with_is_taken_as_the_projects_own(conn, db_path):
    """`precedent-target` compared values only: an officer who agreed with a similar project's figure could clear the
    warning only by changing it. `kb draft set --row a1 --own` takes the figure as this project's own, kept in the
    base (a new connection reads it) and in the draft's history; the check is silent for that row while it reads so
    (a figure taken as its own, then the precedent's set again, is named again), and again after --not-own."""
    from kb.db import connect
    from kb.drafting.lint import lint_draft

    store(
        conn, make_document({"职业技能培训补贴": [("培训人数", "≥1200人次"), ("结业人数", "≥1000人")]}), "b.txt", "乙市"
    )
    other = conn.execute("SELECT id FROM projects").fetchone()[0]
    draft = drafts.create(conn, "2025年职业培训", year=2025)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, other))
    borrowed = lambda: [f.indicator for f in lint_draft(conn, draft.id) if f.rule == "precedent-target"]  # noqa: E731
    assert borrowed() == ["培训人数", "结业人数"]
    assert all(
        "按 k 确认" in f.detail and "--own" in f.detail
        for f in lint_draft(conn, draft.id)
        if f.rule == "precedent-target"
    )
    result = CliRunner().invoke(app, ["--db", str(db_path), "draft", "set", "2025年职业培训", "--row", "a1", "--own"])
    assert result.exit_code == 0, result.output
    assert borrowed() == ["结业人数"]
    reopened = connect(db_path)
    assert [r.owned for r in drafts.open_draft(reopened, draft.id).rows] == [True, False]
    reopened.close()
    assert any("定为本项目的值" in c for v in history.versions(conn, draft.id) for c in v.changes)
    row = drafts.open_draft(conn, draft.id).rows[0]
    drafts.update_row(conn, draft.id, row.id, target="≥300人次")
    drafts.own_targets(conn, draft.id, [row.id])  # ≥300 its own now, not ≥1200
    drafts.update_row(conn, draft.id, row.id, target="≥1200人次")
    assert borrowed() == ["培训人数", "结业人数"]  # the precedent's figure again: not the one taken as its own
    drafts.own_targets(conn, draft.id, [row.id])
    assert borrowed() == ["结业人数"]
    drafts.own_targets(conn, draft.id, [row.id], own=False)
    assert borrowed() == ["培训人数", "结业人数"]
    wrong = CliRunner().invoke(app, ["--db", str(db_path), "draft", "set", "2025年职业培训", "--own"])
    assert wrong.exit_code != 0 and "--row" in wrong.output


def test_a_projects_period_ended_before_the_copys_year_is_not_carried(conn, project):
    """A project of 2024 whose 实施期 ran 2023-07 to 2024-06 (not last year alone, so not moved on) gave a 2025 draft a
    实施期 ended a year before: left for the officer (kb lint asks for it)."""
    conn.execute("UPDATE projects SET period = '2023年7月-2024年6月' WHERE id = ?", (project,))
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert copy.year == 2025 and copy.period is None
    conn.execute("UPDATE projects SET period = '2024年1月-2026年12月' WHERE id = ?", (project,))
    assert copies.from_project(conn, project, "2025科技补贴 二").period == "2024年1月-2026年12月"  # still running


def test_a_duplicate_of_last_years_copy_and_its_own_table_ticked_as_similar_are_not_another_projects(conn, project):
    """A duplicate keeps no `source`: each count of last year's own table was named 照抄自 its own project, as was that
    table ticked among the similar projects in a draft of its name and unit; another unit's table of the name still
    is another project's."""
    from kb.drafting.lint import lint_draft

    conn.execute("UPDATE projects SET department = '科技局' WHERE id = ?", (project,))
    borrowed = lambda d: [f.indicator for f in lint_draft(conn, d.id) if f.rule == "precedent-target"]  # noqa: E731
    copy = copies.from_project(conn, project, "2025科技补贴")
    assert borrowed(drafts.duplicate(conn, copy.id, "2025科技补贴 方案二")) == []
    draft = drafts.create(conn, "2025年科技型企业研发补贴", department="科技局", year=2025)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, project))
    assert borrowed(draft) == []
    drafts.set_field(conn, draft.id, "department", "工信局")
    assert borrowed(draft) == ["补贴企业数"]


def test_a_target_set_and_taken_as_the_projects_own_at_once_is_one_version(conn, db_path):
    """`kb draft set NAME 指标值 X --row a1 --own` made two versions (the figure, then `own`), one undo taking back
    the `own` alone and leaving the new figure named again; one change now: one version, one undo takes both back."""
    from kb.drafting.lint import lint_draft

    store(
        conn, make_document({"职业技能培训补贴": [("培训人数", "≥1200人次"), ("结业人数", "≥1000人")]}), "b.txt", "乙市"
    )
    other = conn.execute("SELECT id FROM projects").fetchone()[0]
    draft = drafts.create(conn, "2025年职业培训", year=2025)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, other))
    before = drafts.open_draft(conn, draft.id)
    kb = lambda *args: CliRunner().invoke(app, ["--db", str(db_path), "draft", *args])  # noqa: E731
    result = kb("set", "2025年职业培训", "指标值", "≥1000人次", "--row", "a1", "--own")
    assert result.exit_code == 0, result.output
    after = drafts.open_draft(conn, draft.id)
    assert after.version == before.version + 1
    assert (after.rows[0].target, after.rows[0].owned) == ("≥1000人次", True)
    assert [f.indicator for f in lint_draft(conn, draft.id) if f.rule == "precedent-target"] == ["结业人数"]
    undone = kb("undo", "2025年职业培训")
    assert undone.exit_code == 0, undone.output
    back = drafts.open_draft(conn, draft.id)
    assert (back.rows[0].target, back.rows[0].owned) == ("≥1200人次", False)
    again = kb("set", "2025年职业培训", "指标值", "≥1000人次", "--row", "a1", "--not-own")  # nothing owned to give back
    assert again.exit_code == 0 and drafts.open_draft(conn, draft.id).rows[0].owned is False
