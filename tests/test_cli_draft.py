"""`kb draft …`, `kb suggest` and `kb lint` through the command line: a whole session, JSON shapes, bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("kb") / "kb.sqlite3"
    result = runner.invoke(app, ["--db", str(db), "stats", "--json"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def kb(seeded, tmp_path):
    """Run `kb` on a fresh copy of the seeded knowledge base."""
    db = tmp_path / "kb.sqlite3"
    source, copy = sqlite3.connect(seeded), sqlite3.connect(db)
    source.backup(copy)  # reads through the write-ahead log, which a file copy would miss
    source.close()
    copy.close()

    def run(*args, ok: bool = True):
        result = runner.invoke(app, ["--db", str(db), *map(str, args)], env={"COLUMNS": "200"})
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("kb: 错误 error:") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr
    assert "Traceback" not in result.output


def test_a_whole_drafting_session(kb, tmp_path):
    new = kb(
        "draft",
        "new",
        "科技型企业研发补贴",
        "--region",
        "宁波市",
        "--year",
        "2025",
        "--amount",
        "500",
        "--overview",
        "对科技型企业研发投入给予补贴",
    )
    assert "支出类型（推测）补贴/奖励类" in new.stdout
    assert "科技型企业贷款风险贴息资金" in kb("suggest", "科技型企业研发补贴").stdout
    template = kb("draft", "apply", "科技型企业研发补贴").stdout  # the draft's type's template
    assert "added" in template and "数值留空，请按本项目填写" in template  # a peer's own count is left out …
    left = template.split("：")[1].split(" · ")[0].split("、")  # … by name
    rows = {r["name"]: r for r in json.loads(kb("draft", "show", "科技型企业研发补贴", "--json").stdout)["rows"]}
    assert left and all(rows[name]["value"] is None and rows[name]["operator"] for name in left)
    projects = json.loads(kb("projects", "--json").stdout)
    precedent = next(p["id"] for p in projects if p["name"] == "科技型企业贷款风险贴息资金")
    applied = kb("draft", "apply", "科技型企业研发补贴", "--project", precedent).stdout
    assert "skipped" in applied and "补贴发放准确率" in applied
    added = kb("draft", "add", "科技型企业研发补贴", "服务企业满意度", "--target", "≥90%", "--basis", "历史标准").stdout
    assert "先例 precedents: 最常见 most common ≥90%（3 个先例中 1 个 1 of 3）" in added and "median 90%" in added
    assert "(+1 种写法: 服务企业满意度（%）)" in added
    shown = json.loads(kb("draft", "show", "科技型企业研发补贴", "--json").stdout)
    assert shown["region"] == "宁波市" and shown["amount_wan"] == 500
    row = next(n for n, r in enumerate(shown["rows"], 1) if r["name"] == "服务企业满意度")
    kb("draft", "set", "科技型企业研发补贴", "value", "95", "--row", row)
    kb("draft", "set", "科技型企业研发补贴", "period", "2025-01至2025-12")
    shown = json.loads(kb("draft", "show", "科技型企业研发补贴", "--json").stdout)
    assert shown["rows"][row - 1]["target"] == "≥95%" and shown["period"] == "2025-01至2025-12"
    assert {"rule", "severity", "reason", "row", "indicator", "detail"} <= set(shown["checks"][0])
    kb("draft", "remove", "科技型企业研发补贴", 1)
    linted = kb("lint", "--draft", "科技型企业研发补贴", "--json", ok=False)
    checks = json.loads(linted.stdout)
    assert {c["rule"] for c in checks} >= {"cost-missing", "head-missing"} and linted.exit_code == 1  # an error
    again = kb("draft", "lint", "科技型企业研发补贴", "--json", ok=False)  # where one looks first: the same
    assert json.loads(again.stdout) == checks and again.exit_code == 1
    table = kb("draft", "show", "科技型企业研发补贴").stdout
    assert "服务企业满意度" in table and "checks:" in table
    for fmt in ("xlsx", "docx", "md", "csv", "json"):
        out = kb("draft", "export", "科技型企业研发补贴", tmp_path / f"t.{fmt}").stdout
        assert (tmp_path / f"t.{fmt}").stat().st_size > 0 and "wrote" in out
        assert "注意：检查发现 2 个错误" in out  # written all the same: the officer is told before handing it in
    kb("draft", "export", "科技型企业研发补贴", tmp_path, "--format", "md")
    assert (tmp_path / "科技型企业研发补贴.md").exists()
    (tmp_path / "t.xlsx").write_bytes(b"filled in by hand")  # an export the officer went on to fill in
    refused = kb("draft", "export", "科技型企业研发补贴", tmp_path / "t.xlsx", ok=False)
    one_line_error(refused, "文件已存在，未覆盖（要覆盖请加 --force")
    assert (tmp_path / "t.xlsx").read_bytes() == b"filled in by hand"
    kb("draft", "export", "科技型企业研发补贴", tmp_path / "t.xlsx", "--force")
    assert (tmp_path / "t.xlsx").read_bytes().startswith(b"PK")
    kb("draft", "duplicate", "科技型企业研发补贴", "副本")
    kb("draft", "rename", "副本", "第二稿")
    listed = json.loads(kb("draft", "list", "--json").stdout)
    assert [d["name"] for d in listed] == ["第二稿", "科技型企业研发补贴"]
    assert listed[0]["rows"] == listed[1]["rows"] > 10
    kb("draft", "delete", "第二稿")
    assert "第二稿" not in kb("draft", "list").stdout


def test_a_drafts_export_is_not_imported_as_a_published_table(kb, tmp_path):
    """A draft exported and imported back (left in a folder of published files) became a project of its own, listed
    first among precedents, its unchecked targets beside the published ones: every export the importers could read
    says it is a draft (the .xlsx and .docx by their subject; the .csv by its header) and the import refuses it in
    one line, unless it was saved again later (finished in Excel or Word: the officer's own table, perhaps the one
    published)."""
    kb("draft", "new", "信访业务培训", "--year", "2026")
    kb("draft", "add", "信访业务培训", "信访事项按期办结率", "--target", "≥95%")
    kb("draft", "set", "信访业务培训", "指标解释", "按期办结的信访事项占比", "--row", 1)
    kb("draft", "set", "信访业务培训", "评（扣）分标准", "达到得满分", "--row", 1)
    files = [tmp_path / f"d.{fmt}" for fmt in ("xlsx", "docx", "csv")]
    for path in files:
        kb("draft", "export", "信访业务培训", path)
    kb("draft", "export", "信访业务培训", tmp_path / "yth.xlsx", "--format", "yth")
    before = json.loads(kb("stats", "--json").stdout)
    found = json.loads(kb("import", *files, tmp_path / "yth.xlsx", "--json", ok=False).stdout)
    assert [r["status"] for r in found] == ["failed"] * 4
    assert all(r["message"].startswith("这是 jixiao-kb 导出的草稿") for r in found)
    assert json.loads(kb("stats", "--json").stdout) == before
    from datetime import datetime, timedelta

    from openpyxl import load_workbook

    book = load_workbook(files[0])  # the officer finished it in Excel an hour later: their own table now
    book.properties.created = datetime.now() - timedelta(hours=1)
    book.save(files[0])  # (openpyxl, as Excel, writes the time of this save as its last)
    again = json.loads(kb("import", files[0], "--json").stdout)
    assert [r["status"] for r in again] == ["imported"]


def test_a_folded_history_line_says_how_to_undo_it_whole(kb):
    """History showed `2–4 部门：（空） → 科技局` and 'kb draft undo NAME', which undid 科技局 to 科技 only."""
    kb("draft", "new", "甲")
    for text in ("科", "科技", "科技局"):
        kb("draft", "set", "甲", "主管部门", text)
    shown = kb("draft", "history", "甲").stdout
    assert "2–4" in shown and "kb draft undo NAME --to 1" in shown
    kb("draft", "undo", "甲", "--to", 1)
    assert json.loads(kb("draft", "show", "甲", "--json").stdout)["department"] is None


def test_a_draft_is_found_by_the_id_the_list_shows(kb):
    """`kb draft history 1` said there was no draft '1', and the list showed no id: it shows them, and a name of
    digits that no draft has is its id (a draft named 2026 is still found by its name)."""
    kb("draft", "new", "甲")
    kb("draft", "new", "2026")
    listed = kb("draft", "list").stdout
    assert "ID" in listed
    first = next(d["id"] for d in json.loads(kb("draft", "list", "--json").stdout) if d["name"] == "甲")
    assert json.loads(kb("draft", "show", first, "--json").stdout)["name"] == "甲"
    assert json.loads(kb("draft", "show", "2026", "--json").stdout)["name"] == "2026"


def test_applying_a_template_twice_adds_nothing(kb):
    kb("draft", "new", "甲", "--type", "信息化建设与运维")
    first = kb("draft", "apply", "甲", "--template", "信息化建设与运维").stdout
    again = kb("draft", "apply", "甲", "--template", "信息化建设与运维").stdout
    assert first.startswith("加入 ") and not first.startswith("加入 0 ")
    assert again.startswith("加入 0 个指标 added 0 indicators；跳过草稿中已有的")
    rows = json.loads(kb("draft", "show", "甲", "--json").stdout)["rows"]
    assert len(rows) == len({r["name"] for r in rows})


@pytest.mark.parametrize(
    "args, message",
    [
        (("draft", "new", "甲"), "exists already"),
        (("draft", "new", "乙", "--year", "明年"), "must be a number"),
        (("draft", "new", "乙", "--type", "烟花"), "unknown spending type"),
        (("draft", "add", "甲", "补贴企业数", "--value", "很多"), "error: 指标值 the target value 须为数字"),
        (("draft", "add", "甲", "补贴企业数", "--target", "≥5家", "--weight", "十"), "error: 分值 the weight 须为数字"),
        (("draft", "set", "甲", "amount_wan", "五百"), "must be a number"),
        (("draft", "set", "甲", "value", "1", "--row", "9"), "has no row 9"),
        (("draft", "remove", "甲", "3"), "has no row 3"),
        (("draft", "show", "丙"), "no draft"),
        (("draft", "apply", "甲"), "no spending type"),
        (("draft", "apply", "甲", "--project", "99999"), "no project"),
        (("draft", "apply", "甲", "--template", "人才", "--project", "1"), "not both"),
        (
            ("draft", "apply", "甲", "--template", "人才", "--only", "不存在的指标"),
            "not in the 人才 template: 不存在的指标",
        ),
        (("draft", "apply", "甲", "--project", "1", "--only", "1", "--only", "99"), "not in project 1: 99"),
        (("draft", "export", "甲", "/nonexistent-folder/x.xlsx"), "no such folder"),
        (("draft", "export", "甲", "x.pdf"), "unknown export format"),
        (("draft", "rename", "甲", ""), "needs a name"),
        (("lint",), "give one of"),
        (("lint", "--all", "--project", "1"), "give one of"),
        (("lint", "--project", "99999"), "no project"),
    ],
)
def test_bad_input_is_one_clear_line(kb, args, message):
    kb("draft", "new", "甲")
    one_line_error(kb(*args, ok=False), message)


def test_lint_all_report_and_one_project(kb):
    report = json.loads(kb("lint", "--all", "--json").stdout)
    assert report["checked"] == 39
    rules = {r["id"]: r for r in report["rules"]}
    projects = {p["id"]: p["name"] for p in json.loads(kb("projects", "--json").stdout)}
    assert {projects[i] for i in rules["direction-count"]["projects"]} == {"科技创新政策扶持资金"}
    assert {projects[i] for i in rules["satisfaction-low"]["projects"]} == {"老旧小区改造项目"}
    text = kb("lint", "--all").stdout
    assert text.startswith("已检查 39 个项目，") and "direction-count" in text
    assert "规则" in text and "rule " not in text  # its columns and rows Chinese first, as kb lint --project's
    assert "warning " not in text and "警告 " in text
    assert "level-outside" not in text  # a rule that found nothing is not listed (--json lists every rule)
    pid = rules["direction-count"]["projects"][0]
    one = json.loads(kb("lint", "--project", pid, "--json").stdout)
    assert sum(f["rule"] == "direction-count" for f in one) == 3
    listed = {r["id"] for r in json.loads(kb("lint", "--rules", "--json").stdout)}
    assert set(rules) < listed and {"score-mismatch", "missed-without-reason"} < listed  # and the 自评表 rules


def test_suggest_json(kb):
    data = json.loads(kb("suggest", "老旧小区改造提升工程", "--json").stdout)
    assert data["similar"][0]["name"] == "老旧小区改造项目"
    assert data["types"][0]["type"] == "工程建设与改造"
    assert data["template"]["type"] == "工程建设与改造" and data["template"]["items"]
    item = data["template"]["items"][0]
    assert {"level1", "level2", "name", "projects", "target", "summary", "indicator_ids"} <= set(item)
    typed = json.loads(kb("suggest", "老旧小区改造提升工程", "--type", "人才", "--json").stdout)
    assert typed["template"]["type"] == "人才"


def test_suggest_shows_the_targets_the_template_adds(kb):
    """`kb suggest` printed '项目建设成本 ≤1200万元' (one project's own sum, 1 of 1) as the template's common target,
    which kb draft apply and the app's template dialog leave empty for the officer: the table shows what they add."""
    shown = kb("suggest", "政务系统运维", "--type", "信息化建设与运维").stdout
    cost = next(line for line in shown.splitlines() if "项目建设成本" in line)
    assert "≤1200万元" not in cost and "1200万元" in cost  # (its median and range still say what it was)
    assert "（自填）" in cost and "（自填）：另一项目的金额" in shown  # not a blank beside its median: why, said
    assert any("=100%" in line for line in shown.splitlines())  # a rate any project can aim at is shown
    added = kb("draft", "new", "运维", "--type", "信息化建设与运维")
    assert added.exit_code == 0
    kb("draft", "apply", "运维", "--template", "信息化建设与运维", "--only", "项目建设成本")
    assert json.loads(kb("draft", "show", "运维", "--json").stdout)["rows"][0]["target"] in ("", None)


def test_suggest_for_a_draft_uses_its_overview_and_type(kb):
    kb("draft", "new", "新设专项", "--overview", "支持小贷公司支农支小，服务小微企业和三农", "--type", "监管与风险防控")
    data = json.loads(kb("suggest", "新设专项", "--json").stdout)
    assert data["similar"][0]["name"] == "小额贷款公司专项"
    assert data["template"]["type"] == "监管与风险防控"


def test_a_knowledge_base_held_by_another_writer_gives_one_line_saying_so(kb, tmp_path, monkeypatch):
    """While an import holds the write lock (a large file is stored in one transaction), a draft command waits
    BUSY_TIMEOUT_MS, then says what is going on instead of SQLite's 'database is locked'."""
    monkeypatch.setattr("kb.db.BUSY_TIMEOUT_MS", 50)
    kb("draft", "new", "测试项目")
    holder = sqlite3.connect(tmp_path / "kb.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        one_line_error(kb("draft", "set", "测试项目", "department", "财政局", ok=False), "the knowledge base is busy")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "财政局" not in kb("draft", "show", "测试项目").stdout


def test_draft_add_of_a_name_without_precedent_names_the_near_ones(kb):
    kb("draft", "new", "近似")
    out = kb("draft", "add", "近似", "服务对象满意情况", "--target", "≥90%").stdout
    assert "知识库中没有同名指标 no precedent of this name; 相近的 near: " in out and "服务对象满意率" in out


def test_draft_add_of_a_name_with_precedents_records_them_as_its_sources(kb):
    """As the app's add dialog does: the row knows where it came from (kb draft show, its texts), unless --from says."""
    kb("draft", "new", "来源")
    kb("draft", "add", "来源", "有责投诉数")
    kb("draft", "add", "来源", "补贴企业数", "--target", "≥10家", "--from", "1")
    rows = {r["name"]: r for r in json.loads(kb("draft", "show", "来源", "--json").stdout)["rows"]}
    assert len(rows["有责投诉数"]["sources"]) == 3 and rows["补贴企业数"]["sources"] == [1]  # 有责投诉数: 3 precedents


def test_draft_add_takes_the_levels_from_the_guess_or_asks(kb):
    """The levels of an indicator added without them come from its family's precedents or a sure keyword, and the
    reason is printed; an unsure guess is refused, naming the candidates; a second spelling of a row warns."""
    kb("draft", "new", "层级")
    out = kb("draft", "add", "层级", "服务对象满意度", "--target", "≥90%").stdout  # the family of 服务对象满意率
    assert "第 1 行 row 1 (a1): 满意度指标/服务对象满意度指标" in out and "同名先例 2 个中 2 个" in out
    out = kb("draft", "add", "层级", "补贴资金总额", "--target", "100万元").stdout
    assert "成本指标/经济成本指标" in out and '经济成本指标（关键词 "总额"）' in out
    refused = kb("draft", "add", "层级", "群众获得感", ok=False)
    one_line_error(refused, "--level1 产出指标 --level2 数量指标 或 or --level1 效益指标 --level2 社会效益指标")
    assert "群众获得感" not in kb("draft", "show", "层级").stdout
    out = kb("draft", "add", "层级", "群众获得感", "--level2", "社会效益").stdout
    assert "效益指标/社会效益指标 群众获得感" in out and "层级依据" not in out
    out = kb("draft", "add", "层级", "服务对象满意率", "--target", "≥95%").stdout
    assert "注意 warning: 与第" in out and "「服务对象满意度」是同一指标" in out and "另一种写法" in out
    out = kb("draft", "add", "层级", "有责投诉数").stdout
    assert "最常见 most common =0（3 个先例中 2 个 2 of 3）" in out


def test_draft_set_takes_the_fields_by_their_chinese_labels(kb):
    kb("draft", "new", "中文字段")
    kb("draft", "add", "中文字段", "补贴企业数", "--target", "≥10家")
    assert "已保存 saved" in kb("draft", "set", "中文字段", "部门", "财政局").stdout
    kb("draft", "set", "中文字段", "项目资金（万元）", "12.5")
    kb("draft", "set", "中文字段", "指标值", "≥12家", "--row", "1")
    shown = json.loads(kb("draft", "show", "中文字段", "--json").stdout)
    assert (shown["department"], shown["amount_wan"], shown["rows"][0]["target"]) == ("财政局", 12.5, "≥12家")


def test_a_row_number_never_reaches_a_row_the_user_did_not_mean(kb, tmp_path):
    """Row numbers refer to the rows as last shown (kb draft show, or the row kb draft add printed): once the rows
    were reordered, added or removed elsewhere, a number is refused until they are shown again (issue 17: after a
    removal the rows renumbered and the next --row changed the wrong indicator)."""
    from kb.db import connect
    from kb.drafting import drafts

    kb("draft", "new", "行号")
    kb("draft", "add", "行号", "补贴企业数", "--target", "≥10家")
    kb("draft", "add", "行号", "服务对象满意度", "--target", "≥90%")
    kb("draft", "show", "行号")
    kb("draft", "set", "行号", "target", "≥12家", "--row", "1")  # no reorder: the numbers still hold
    kb("draft", "remove", "行号", "1")  # row 2 becomes row 1
    refused = kb("draft", "set", "行号", "target", "≥95%", "--row", "1", ok=False)
    assert refused.exit_code == 1 and "请先 kb draft show" in refused.stderr
    kb("draft", "show", "行号")
    kb("draft", "set", "行号", "target", "≥95%", "--row", "1")
    conn = connect(tmp_path / "kb.sqlite3")  # the base the kb fixture runs on
    [row] = drafts.open_draft(conn, "行号").rows
    drafts.add_row(conn, "行号", drafts.new_row("补贴及时性", target="及时"))  # the app adds one
    conn.close()
    assert kb("draft", "remove", "行号", "1", ok=False).exit_code == 1
    assert (row.name, row.target) == ("服务对象满意度", "≥95%")


def test_rows_by_id_history_and_undo(kb):
    """--row takes a row's id whatever happened since the last show; kb draft history says what each version
    changed; kb draft undo goes back one change at a time, and --to N back to a version."""
    kb("draft", "new", "撤销")
    assert "(a1)" in kb("draft", "add", "撤销", "补贴企业数", "--target", "≥10家").stdout
    kb("draft", "add", "撤销", "服务对象满意度", "--target", "≥90%")
    kb("draft", "remove", "撤销", "a1")  # by id: no show needed
    kb("draft", "set", "撤销", "指标值", "≥95%", "--row", "a2")
    assert "没有编号为 a1 的行" in kb("draft", "set", "撤销", "指标值", "1", "--row", "a1", ok=False).stderr
    listed = kb("draft", "history", "撤销").stdout
    assert "修改 a2 服务对象满意度：指标值 ≥90% → ≥95%" in listed and "删除 a1 补贴企业数 ≥10家" in listed
    undone = kb("draft", "undo", "撤销").stdout
    assert "回到第 4 版" in undone and "修改 a2 服务对象满意度：指标值 ≥90% → ≥95%" in undone
    kb("draft", "undo", "撤销")
    rows = json.loads(kb("draft", "show", "撤销", "--json").stdout)["rows"]
    assert [(r["key"], r["target"]) for r in rows] == [("a1", "≥10家"), ("a2", "≥90%")]
    kb("draft", "undo", "撤销", "--to", "5")
    rows = json.loads(kb("draft", "show", "撤销", "--json").stdout)["rows"]
    assert [(r["key"], r["target"]) for r in rows] == [("a2", "≥95%")]
    history = json.loads(kb("draft", "history", "撤销", "--json").stdout)
    assert [v["number"] for v in history][:3] == [8, 7, 6] and history[0]["restores"] == 5
    refused = kb("draft", "undo", "撤销", "--to", "99", ok=False)
    assert refused.exit_code == 1 and "没有第 99 版" in refused.stderr


def test_lint_all_on_one_regions_year(kb):
    """A reviewer's base holds the precedents beside the units' submissions: kb lint --all checked every project,
    with no way to check only this year's submissions of one region or unit."""
    projects = json.loads(kb("projects", "--json").stdout)
    region = next(p["region"] for p in projects if p["region"])
    own = {p["id"] for p in projects if p["region"] and region in p["region"]}
    report = json.loads(kb("lint", "--all", "--region", region, "--json").stdout)
    assert report["checked"] == len(own) < len(projects)
    assert {p["id"] for p in report["projects"]} <= own
    year = next(p["year"] for p in projects if p["year"])
    report = json.loads(kb("lint", "--all", "--year", year, "--json").stdout)
    assert report["checked"] == sum(p["year"] == year for p in projects)
    one_line_error(kb("lint", "--project", "1", "--region", region, ok=False), "只与 --all 同用")


def test_lint_all_out_counts_a_department_wide_table_apart_from_the_projects(kb, tmp_path):
    """`kb lint --all --out` said 'N 个项目 projects' of the projects and department-wide tables (部门整体) with
    findings, which the report on the terminal counts apart; it says both as that report does."""
    from conftest import make_document, store
    from importers.records import DEPARTMENT, RawIndicator, RawProject
    from kb.db import connect

    doc = make_document({})
    whole = RawProject(name="市交通局2026年度整体绩效目标", kind=DEPARTMENT, amount="900", amount_unit="万元")
    whole.indicators = [RawIndicator(name="重点任务完成率", target="100%")]
    doc.projects.append(whole)
    conn = connect(tmp_path / "kb.sqlite3")
    store(conn, doc, year=2026)
    conn.close()
    report = json.loads(kb("lint", "--all", "--json").stdout)
    flagged, checked = len(report["projects"]), report["checked"]
    assert report["department_tables"] == 1 and any("（部门整体）" in p["name"] for p in report["projects"])
    said = kb("lint", "--all", "--out", tmp_path / "审核意见.csv").stdout
    assert f"已检查 {checked} 个项目和 1 个部门整体，{flagged} 个有发现" in said, said
    assert f"(checked {checked} projects and 1 department-wide table, {flagged} with findings)" in said


def test_lint_all_writes_the_findings_a_reviewer_sends_back(kb, tmp_path):
    """A reviewer had only the terminal's text or JSON to send back to the units: --out writes a sheet, a finding a
    row by department, which is no goal table when the folder is imported again."""
    from openpyxl import load_workbook

    report = json.loads(kb("lint", "--all", "--json").stdout)
    found = sum(len(p["findings"]) for p in report["projects"])
    out = tmp_path / "审核意见.xlsx"
    assert f"{found} 条问题" in kb("lint", "--all", "--out", out).stdout
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("部门", "项目") and len(rows) == found + 1
    direction = next(r for r in rows if r[6] == "direction-count")
    assert direction[1] == "科技创新政策扶持资金" and direction[5] == "警告" and "上限" in direction[10]
    assert [r[0] or "" for r in rows[1:]] == sorted(r[0] or "" for r in rows[1:])
    one_line_error(kb("lint", "--all", "--out", out, ok=False), "--force")
    one_line_error(kb("lint", "--all", "--force", ok=False), "--force 只与 --out 同用")  # refused, not passed over
    one_line_error(kb("lint", "--all", "--json", "--out", out, ok=False), "--json 与 --out 不能同用")
    kb("lint", "--all", "--out", tmp_path / "审核意见.csv")
    assert (tmp_path / "审核意见.csv").read_text(encoding="utf-8-sig").startswith("部门,项目,项目编号")
    for written in (out, tmp_path / "审核意见.csv"):
        assert "这是 jixiao-kb 写出的审核意见" in kb("import", written, ok=False).output


def test_lint_all_counts_a_projects_notes(capsys):
    """A project whose only finding is a note (提示) was headed '错误 0 个，警告 0 个' above it."""
    from cli.drafts import _print_report

    finding = {"rule": "name-earlier-year", "severity": "info", "reason": "", "row": None, "indicator": ""}
    finding["detail"] = "项目名称写了 2026 年"
    project = {"id": 9, "name": "2026年文化惠民演出", "region": "临川区", "year": 2027, "findings": [finding]}
    rule = {"id": "name-earlier-year", "severity": "info", "projects": [9], "findings": 1}
    _print_report({"checked": 3, "projects": [project], "rules": [rule]})
    out = "".join(capsys.readouterr().out.split("\n"))
    assert "已检查 3 个项目，1 个有发现" in out and "提示 1 个" in out
    assert "#9 2026年文化惠民演出 (临川区 2027): 错误 0 个，警告 0 个，提示 1 个" in out


def test_draft_export_takes_out_as_kb_search_and_kb_lint_do(kb, tmp_path):
    """`kb draft export 名称 --out 表.xlsx` was refused ('no such option --out'), where kb search and kb lint write
    their files with --out; it is PATH's other spelling, and two different files are refused in one line."""
    kb("draft", "new", "导出")
    out = tmp_path / "导出.csv"
    assert "已写出 wrote" in kb("draft", "export", "导出", "--out", out).stdout and out.read_text(encoding="utf-8-sig")
    one_line_error(kb("draft", "export", "导出", tmp_path / "另一个.csv", "--out", out, ok=False), "只给一个 give one")


def test_suggest_of_a_type_no_project_is_of_says_so(kb):
    """The seeds hold no 设备购置 project: kb suggest 执法执勤车辆购置 printed the template's title, 来自 0 个项目,
    over an empty table; it says there is none yet and what to do."""
    out = kb("suggest", "2027年执法执勤车辆购置").stdout
    assert "知识库中还没有设备购置类项目，没有模板" in out and "来自 0 个项目" not in out


def test_draft_lint_says_a_sum_typed_in_yuan_under_the_heads_wan(kb):
    """`kb draft lint` names a head sum of 10 亿元 or more as one typed in 元 (1200000 for 120 万元), Chinese first;
    in 万元 it is silent."""
    kb("draft", "new", "元万元")
    kb("draft", "set", "元万元", "年度资金总额", "1200000")
    said = kb("draft", "lint", "元万元", ok=False).stdout  # (exit 1: the empty table's errors)
    assert "funds-in-yuan" in said and "年度资金总额 1200000 万元即 120 亿元：像是按元填写的，按万元应为 120" in said
    kb("draft", "set", "元万元", "年度资金总额", "120")
    assert "funds-in-yuan" not in kb("draft", "lint", "元万元", ok=False).stdout
