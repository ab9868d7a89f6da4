"""An indicator library of one's own (issue 17): a 指标库 spreadsheet read by its headers (xlsx and csv), stored,
listed and searched, its entries joined to a draft's rows of the same name and shown with them; bad input is one
line naming the file, and the base is left as it was."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.app import app
from conftest import fuzz_budget
from fixtures.library_sheet import ENTRIES, write_csv, write_no_header, write_xlsx
from importers.library import NoLibrary, entries, read_library
from importers.records import Row
from kb.drafting import drafts, library
from kb.drafting.drafts import new_row
from kb.errors import KbError


def _expected(sector="科技"):
    return [
        (sector, l1, l2, name, explanation, formula, scoring, source, target, unit, kind)
        for l1, l2, name, explanation, formula, scoring, source, target, unit, kind in ENTRIES
    ]


def _read(found):
    return [
        (
            e.sector,
            e.level1,
            e.level2,
            e.name,
            e.explanation,
            e.formula,
            e.scoring,
            e.data_source,
            e.target,
            e.unit,
            e.kind,
        )
        for e in found
    ]


@pytest.mark.parametrize("write", [write_xlsx, write_csv], ids=["xlsx", "csv"])
def test_a_library_sheet_is_read_by_its_headers(tmp_path, write):
    path = write(tmp_path / f"指标库.{write.__name__.removeprefix('write_')}")
    assert _read(read_library(path)) == _expected()


def test_the_header_is_found_wherever_it_is_and_columns_in_any_order():
    header = [
        "单位",
        "评分标准",
        "指标名称",
        "二级指标",
        "一级指标",
        "指标说明",
        "参考值",
        "指标值设定依据",
        "其他说明",
    ]
    rows = [Row(["某某局指标库"], 1), Row([], 2), Row(header, 3)] + [
        Row(["家", "少1家扣1分", "补贴企业数", "数量", "产出", "补贴的企业数", "≥10", "计划标准", "另见附件"], 4),
        Row(["", "", "数量指标", "数量", "产出", "", "", "", ""], 5),  # a group row naming only its level
        Row(["%", "", "服务对象满意度", "满意度", "满意度", "", "≥90", "", ""], 6),
    ]
    found = entries(rows)
    assert [(e.name, e.level1, e.level2, e.unit, e.target, e.basis, e.scoring) for e in found] == [
        ("补贴企业数", "产出", "数量", "家", "≥10", "计划标准", "少1家扣1分"),
        ("服务对象满意度", "满意度", "满意度", "%", "≥90", "", ""),
    ]
    assert found[0].explanation == "补贴的企业数" and found[0].extra == {"其他说明": "另见附件"} and found[0].line == 4


def test_a_sheet_without_library_headers_is_refused(tmp_path):
    with pytest.raises(NoLibrary, match="未找到指标库表头"):
        read_library(write_no_header(tmp_path / "预算表.xlsx"))
    with pytest.raises(NoLibrary, match="表头下没有指标"):
        entries([Row(["一级指标", "二级指标", "三级指标", "指标解释"], 1)])


def test_imported_listed_searched_and_imported_again(conn, tmp_path):
    path = write_xlsx(tmp_path / "指标库.xlsx")
    done = library.import_file(conn, path)
    assert (done.entries, done.replaced) == (4, 0)
    total, listed = library.list_entries(conn)
    assert total == 4 and [e["name"] for e in listed] == [e[2] for e in ENTRIES]
    assert listed[1]["target"] == "=100" and listed[1]["unit"] == "%" and listed[1]["kind"] == "共性"
    assert [e["name"] for e in library.search(conn, "满意度")] == ["服务对象满意度"]
    assert [e["name"] for e in library.search(conn, "比例")] == ["补贴发放准确率", "资金发放及时率"]  # explanations
    assert library.search(conn, "不存在的词") == []
    again = library.import_file(conn, write_xlsx(path, ENTRIES[:2]))
    assert (again.entries, again.replaced) == (2, 4) and library.list_entries(conn)[0] == 2


def test_bad_files_leave_the_library_as_it_was(conn, tmp_path):
    library.import_file(conn, write_csv(tmp_path / "指标库.csv"))
    bad = tmp_path / "坏的.xlsx"
    bad.write_bytes(b"not a workbook at all")
    for path, said in ((write_no_header(tmp_path / "预算表.xlsx"), "未找到指标库表头"), (bad, "坏的.xlsx")):
        with pytest.raises(KbError, match=said) as caught:
            library.import_file(conn, path)
        assert path.name in str(caught.value) and "\n" not in str(caught.value)
    assert library.list_entries(conn)[0] == 4


def test_a_draft_row_of_a_library_indicator_takes_its_entry(conn, tmp_path):
    library.import_file(conn, write_xlsx(tmp_path / "指标库.xlsx"))
    draft = drafts.create(conn, "补贴")
    draft = drafts.add_row(conn, draft.id, new_row("服务对象满意度", target="≥95%"))
    draft = drafts.add_row(conn, draft.id, new_row("新指标", target="≥1个"))
    entry = library.search(conn, "服务对象满意度")[0]
    assert {r.name: r.library_id for r in draft.rows} == {"服务对象满意度": entry["id"], "新指标": None}
    renamed = drafts.update_row(conn, draft.id, next(r.id for r in draft.rows if r.name == "新指标"), name="补贴企业数")
    assert next(r.library_id for r in renamed.rows if r.name == "补贴企业数") is not None
    texts = library.entries_of(conn, [r.library_id for r in renamed.rows])
    assert texts[entry["id"]]["scoring"] == "≥90%得满分，每低1个百分点扣1分"
    library.import_file(conn, write_xlsx(tmp_path / "指标库.xlsx", ENTRIES[3:]))  # the file again: new entries
    linked = {r.name: r.library_id for r in drafts.open_draft(conn, draft.id).rows}
    assert linked["服务对象满意度"] == library.search(conn, "服务对象满意度")[0]["id"] != entry["id"]
    assert linked["补贴企业数"] is None  # no longer in the library


def test_the_command_line(db_path, tmp_path):
    def kb(*args, ok=True):
        result = CliRunner().invoke(app, ["--db", str(db_path), *map(str, args)], env={"COLUMNS": "200"})
        assert (result.exit_code == 0) == ok, result.output
        return result

    assert "已导入 imported 4 条指标" in kb("library", "import", write_xlsx(tmp_path / "指标库.xlsx")).stdout
    assert "补贴发放准确率" in kb("library", "list").stdout
    found = json.loads(kb("library", "search", "满意", "--json").stdout)
    assert [e["name"] for e in found] == ["服务对象满意度"]
    kb("draft", "new", "补贴")
    added = kb("draft", "add", "补贴", "服务对象满意度", "--target", "≥95%").stdout
    assert "指标库 library" in added and "问卷调查" in added
    shown = kb("draft", "show", "补贴").stdout
    assert "指标库" in shown and "满意问卷数/有效问卷数×100%" in shown
    rows = json.loads(kb("draft", "show", "补贴", "--json").stdout)["rows"]
    assert rows[0]["library"]["explanation"] == "受益企业对补贴政策的满意程度"
    refused = kb("library", "import", write_no_header(tmp_path / "预算表.xlsx"), ok=False)
    assert refused.stderr.count("\n") == 1 and "预算表.xlsx" in refused.stderr and "未找到指标库表头" in refused.stderr
    assert json.loads(kb("library", "list", "--json").stdout)["total"] == 4


_CELLS = st.sampled_from(
    ["一级指标", "三级指标", "指标名称", "指标解释", "评（扣）分标准", "单位", "", "满意度", "≥90"]
)


@example(
    [
        ["一级指标", "一级指标", "一级指标", "指标解释", "三级指标"],
        ["一级指标", "一级指标", "一级指标", "一级指标", "\x85"],
    ]
)
@settings(max_examples=fuzz_budget(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(_CELLS, st.text(max_size=6)), max_size=8), max_size=12))
def test_any_rows_give_entries_or_one_clear_reason(cells):
    try:
        found = entries([Row(row, n) for n, row in enumerate(cells, 1)])
    except NoLibrary as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert found and all(e.name.strip() for e in found)


def test_a_new_row_of_a_library_indicator_is_filled_with_its_texts(conn, tmp_path):
    """The form's per-indicator fields (schema v6) come from one's own 指标库 first: 指标解释, 计算公式,
    评（扣）分标准, 数据来源; what the user typed is kept."""
    library.import_file(conn, write_xlsx(tmp_path / "指标库.xlsx"))
    given = library.search(conn, "服务对象满意度")[0]
    draft = drafts.create(conn, "补贴")
    draft = drafts.add_row(conn, draft.id, new_row("服务对象满意度", target="≥95%"))
    row = draft.rows[0]
    assert (row.explanation, row.scoring, row.data_source) == (
        given["explanation"],
        given["scoring"],
        given["data_source"],
    )
    assert row.scoring and row.library_id == given["id"]
    typed = drafts.add_row(conn, draft.id, drafts.NewRow("补贴企业数", scoring="按季度考核"))
    assert next(r.scoring for r in typed.rows if r.name == "补贴企业数") == "按季度考核"


def test_a_library_imported_after_the_rows_gives_them_its_texts_levels_and_can_be_removed(db_path, tmp_path):
    """A 指标库 imported after a draft's rows left them without its texts (the 一体化 sheet still refused them); a
    name the library files under its levels was refused for unsure levels; an entry imported by mistake could not be
    taken out."""

    def kb(*args, ok=True):
        result = CliRunner().invoke(app, ["--db", str(db_path), *map(str, args)], env={"COLUMNS": "200"})
        assert (result.exit_code == 0) == ok, result.output
        return result

    kb("draft", "new", "补贴")
    kb("draft", "add", "补贴", "服务对象满意度", "--target", "≥95%")
    kb("draft", "set", "补贴", "--row", "1", "评分标准", "按季度考核")  # typed: kept
    refused = kb("draft", "add", "补贴", "低保对象动态管理率", "--target", "≥99%", ok=False)
    assert "层级没有把握" in refused.stderr
    own = ENTRIES + [
        ("产出指标", "质量指标", "低保对象动态管理率", "动态调整的低保对象占比", "", "", "", "≥99", "%", "")
    ]
    imported = kb("library", "import", write_xlsx(tmp_path / "指标库.xlsx", own)).stdout
    assert "草稿 '补贴'：1 行补上了指标库的说明" in imported
    row = json.loads(kb("draft", "show", "补贴", "--json").stdout)["rows"][0]
    assert (row["explanation"], row["scoring"]) == ("受益企业对补贴政策的满意程度", "按季度考核")
    assert "从指标库补上说明" in kb("draft", "history", "补贴").stdout
    added = kb("draft", "add", "补贴", "低保对象动态管理率", "--target", "≥99%").stdout
    assert "产出指标/质量指标 低保对象动态管理率" in added
    kb("draft", "undo", "补贴")
    kb("draft", "undo", "补贴")  # the library's texts taken back, what was typed kept
    row = json.loads(kb("draft", "show", "补贴", "--json").stdout)["rows"][0]
    assert (row["explanation"], row["scoring"]) == (None, "按季度考核")

    assert "指标库.xlsx" in kb("library", "list").stdout
    unknown = kb("library", "remove", tmp_path / "别的.xlsx", ok=False)
    assert unknown.stderr.count("\n") == 1 and "不在指标库中" in unknown.stderr and "指标库.xlsx" in unknown.stderr
    assert "已移除 removed 5 条" in kb("library", "remove", "指标库.xlsx").stdout  # by its name alone
    assert json.loads(kb("library", "list", "--json").stdout)["total"] == 0
