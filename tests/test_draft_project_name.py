"""A draft's 项目名称 from its name, without the marks of a draft or a copy: the exported goal form left it blank for
every new draft (the draft's own name is never printed), though drafts are mostly named for their project."""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook

from kb.drafting import drafts
from kb.drafting.export import export


@pytest.mark.parametrize(
    "name, project",
    [
        ("居家养老服务补贴（初稿）", "居家养老服务补贴"),
        ("居家养老服务补贴(草稿)", "居家养老服务补贴"),
        ("居家养老服务补贴草稿", "居家养老服务补贴"),
        ("居家养老服务补贴 副本", "居家养老服务补贴"),
        ("居家养老服务补贴 副本 副本 2", "居家养老服务补贴"),
        ("居家养老服务补贴-修改稿(2)", "居家养老服务补贴"),
        ("居家养老服务补贴（第二稿）", "居家养老服务补贴"),
        ("【征求意见稿】居家养老服务补贴", "居家养老服务补贴"),
        ("2027年居家养老服务补贴（送审稿）", "2027年居家养老服务补贴"),
        ("科技型企业研发补贴", "科技型企业研发补贴"),
        ("优秀文稿评选奖励", "优秀文稿评选奖励"),  # 稿 of a word, no mark
        ("初稿阶段专家咨询费", "初稿阶段专家咨询费"),
        ("重要档案异地备份副本", "重要档案异地备份副本"),  # 副本, 定稿, 终稿, 送审稿 end names: marks set apart only
        ("地方志终稿", "地方志终稿"),
        ("《市志》定稿", "《市志》定稿"),
        ("居家养老服务补贴-终稿", "居家养老服务补贴"),
        ("2026年送审稿", "2026年送审稿"),  # 送审稿 too: '2026年' was left
        ("地方性法规送审稿", "地方性法规送审稿"),
        ("居家养老服务补贴 送审稿", "居家养老服务补贴"),
        ("草稿", ""),
    ],
)
def test_the_project_name_a_draft_name_gives(name, project):
    assert drafts.form_name(name) == project


def test_a_new_draft_takes_its_names_project_name_and_the_form_prints_it(conn, tmp_path):
    draft = drafts.create(conn, "居家养老服务补贴（初稿）", year=2026)
    assert draft.project_name == "居家养老服务补贴"
    sheet = load_workbook(export(draft, tmp_path / "form.xlsx")).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert values[values.index("项目名称") + 1] == "居家养老服务补贴"
    tables = Document(str(export(draft, tmp_path / "form.docx"))).tables
    cells = [c.text for t in tables for r in t.rows for c in r.cells]
    assert cells[cells.index("项目名称") + 1] == "居家养老服务补贴"
    assert "居家养老服务补贴（初稿）" not in values + cells  # the draft's own name stays unprinted
    given = drafts.create(conn, "养老（草稿）", project_name="某区居家养老服务")
    assert given.project_name == "某区居家养老服务"
    assert drafts.create(conn, "草稿").project_name is None


def test_a_rename_moves_the_project_name_unless_it_was_set_apart(conn):
    draft = drafts.create(conn, "养老服务补贴（初稿）")
    draft = drafts.rename(conn, draft.id, "居家养老服务补贴（二稿）")
    assert draft.project_name == "居家养老服务补贴"
    draft = drafts.set_field(conn, draft.id, "project_name", "某区居家养老服务补贴项目")
    draft = drafts.set_field(conn, draft.id, "name", "居家养老服务补贴（定稿）")
    assert draft.project_name == "某区居家养老服务补贴项目"  # the user's own stays
    draft = drafts.set_field(conn, draft.id, "project_name", "")
    assert drafts.rename(conn, draft.id, "居家养老").project_name == "居家养老"  # none: the name's again


def test_a_copy_without_a_project_name_takes_its_names(conn):
    source = drafts.create(conn, "草稿")  # (no 项目名称 of its own)
    assert drafts.duplicate(conn, source.id, "助学补贴 副本").project_name == "助学补贴"
