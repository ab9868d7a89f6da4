"""The same goal tables from a second file (the PDF beside its spreadsheet, the text copy of either) are not
stored twice, so no indicator counts twice as a precedent; a database from before fingerprints gets them."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, SEEDS, make_document
from kb.db import connect
from kb.ingest.run import import_paths
from kb.maintenance import check
from kb.ingest.normalise import normalise
from kb.ingest.write import Fallbacks, Provenance, Twin, same_tables, store_document
from kb.vocab.tokens import index_tokens

FIXTURES = ROOT / "tests" / "fixtures"
TEXT = next(SEEDS.glob("003_*.txt"))


def _count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_pdf_of_tables_already_imported_from_text_is_not_stored_again(conn, tmp_path):
    folder = tmp_path / "公开"
    folder.mkdir()
    shutil.copy(TEXT, folder / "a_文本.txt")
    shutil.copy(FIXTURES / "seed003.pdf", folder / "b_同一文件.pdf")
    first, second = import_paths(conn, [folder])
    assert first.status == "imported" and first.indicators == 131
    assert second.status == "unchanged" and "目标表相同 the same goal tables" in second.message
    assert str((folder / "a_文本.txt").resolve()) in second.message
    assert (_count(conn, "documents"), _count(conn, "indicators")) == (1, 131)
    assert conn.execute("SELECT sum(uses) FROM indicator_names").fetchone()[0] == 131
    assert check(conn) == []


def test_the_second_file_is_kept_out_in_a_later_import_too_and_its_own_file_may_be_replaced(conn, tmp_path):
    pdf = tmp_path / "重点项目.pdf"
    shutil.copy(FIXTURES / "seed003.pdf", pdf)
    [first] = import_paths(conn, [pdf])
    [again] = import_paths(conn, [TEXT])
    assert first.status == "imported" and again.status == "unchanged" and str(pdf.resolve()) in again.message
    pdf.write_bytes(pdf.read_bytes() + b"\n%")  # the same file saved again: the same tables, the same path
    [replaced] = import_paths(conn, [pdf])
    assert replaced.status == "replaced" and _count(conn, "documents") == 1


def test_a_dry_run_keeps_out_a_second_file_of_the_same_goal_tables_as_the_import_does(conn, tmp_path):
    """A dry run stores nothing, so a second file of the same goal tables was compared with nothing and said it
    would be imported, where the import keeps it out: it says unchanged now, naming the first as a file this run
    would import (not one imported). A file giving the region the first lacked replaces it, as on import, and a
    third copy is then kept out as the same as that one."""
    text = next(SEEDS.glob("000_*.txt"))  # (its text names no region)
    first, second = tmp_path / "a_文本.txt", tmp_path / "b_另存.txt"
    shutil.copy(text, first)
    second.write_bytes(text.read_bytes() + "\n\n".encode())  # saved again: other bytes, the same tables
    dry = import_paths(conn, [first, second], dry_run=True)
    said = f"与本次将导入的 {first.resolve()} 目标表相同 the same goal tables as it, which this run would import"
    assert [(r.status, r.message) for r in dry] == [("would import", ""), ("unchanged", said)]
    assert _count(conn, "documents") == 0
    assert [r.status for r in import_paths(conn, [first, second])] == ["imported", "unchanged"]
    other = connect(tmp_path / "另一个.sqlite3")  # (nothing stored)
    placed = tmp_path / "有地区" / text.name
    placed.parent.mkdir()
    placed.write_bytes(text.read_bytes() + b"\n")
    shutil.copy(SEEDS / "manifest.toml", placed.parent / "manifest.toml")
    dry = import_paths(other, [first, placed, second], dry_run=True)
    assert [(r.status, r.message[:30]) for r in dry] == [
        ("would import", ""),
        ("would import", f"替换 {first.resolve()}：目标表相同"[:30]),
        ("unchanged", f"与本次将导入的 {placed.resolve()}"[:30]),
    ]
    assert [r.status for r in import_paths(other, [first, placed, second])] == ["imported", "replaced", "unchanged"]
    other.close()


def test_the_same_tables_for_another_region_or_year_are_their_own_document(conn):
    doc = normalise(make_document({"高标准农田建设": [("新建高标准农田面积", "≥1万亩"), ("受益群众满意度", "≥90%")]}))
    store_document(conn, doc, Provenance("a.txt", "/x/a.txt", "a"), Fallbacks(region="甲县", year=2024))

    def twin(region="", year=None, of=doc):
        return same_tables(conn, of, Provenance("b.txt", "/x/b.txt", "b"), Fallbacks(region=region, year=year))

    assert twin("甲县", 2024) == Twin(1, "/x/a.txt", fills=False)
    assert twin() == twin("甲县") == twin(year=2024) == Twin(1, "/x/a.txt", fills=False)  # unknown agrees
    assert twin("乙县", 2024) is None and twin("甲县", 2025) is None and twin(year=2025) is None
    other = normalise(make_document({"高标准农田建设": [("新建高标准农田面积", "≥2万亩"), ("受益群众满意度", "≥90%")]}))
    assert twin("甲县", 2024, other) is None
    spaced = normalise(
        make_document({"高标准农田 建设": [("新建高标准农田面积 ", "≥ 1万亩"), ("受益群众满意度", "≥90%")]})
    )
    assert spaced.fingerprint() == doc.fingerprint()  # spaces a reader may add or drop do not count
    assert normalise(make_document({"空项目": []})).fingerprint() is None


def test_a_file_giving_the_region_and_year_its_twin_lacked_replaces_it(conn, tmp_path):
    """The PDF first (its text names no region), then the text copy whose manifest gives region and year: one
    document, from the text copy, with them; the PDF once more is then the twin already in."""
    folder = tmp_path / "公开"
    folder.mkdir()
    pdf = folder / "seed000.pdf"
    shutil.copy(FIXTURES / "seed000.pdf", pdf)
    [first] = import_paths(conn, [pdf])
    assert first.status == "imported"
    assert conn.execute("SELECT region FROM documents").fetchone()[0] is None
    text = next(SEEDS.glob("000_*.txt"))
    shutil.copy(text, folder / text.name)
    shutil.copy(SEEDS / "manifest.toml", folder / "manifest.toml")
    [second] = import_paths(conn, [folder / text.name])
    assert second.status == "replaced" and f"替换 {pdf.resolve()}" in second.message
    assert [tuple(row) for row in conn.execute("SELECT file_name, region, year FROM documents")] == [
        (text.name, "威海经济技术开发区", 2020)
    ]
    assert conn.execute("SELECT sum(uses) FROM indicator_names").fetchone()[0] == 32
    pdf.write_bytes(pdf.read_bytes() + b"\n%")
    [third] = import_paths(conn, [pdf])
    assert third.status == "unchanged" and text.name in third.message
    assert check(conn) == []


def _undo_v6(conn) -> None:
    """The drafts' form fields (schema v6) dropped again."""
    for table, columns in [
        ("drafts", ("project_name", "department_code", "implementing_unit", "attribute", "total_wan")),
        ("drafts", ("fiscal_wan", "carryover_wan", "other_wan", "period_goal")),
        ("draft_rows", ("explanation", "formula", "scoring", "data_source", "basis_text", "period_target")),
    ]:
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def _undo_v7(conn) -> None:
    """The database as schema v6 left it (kb.schema._v7 undone: draft history, row keys, the library)."""
    for table in ("draft_versions", "library_entries"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX draft_rows_key")
    for table, column in [
        ("drafts", "row_keys"),
        ("drafts", "source"),
        ("draft_rows", "row_key"),
        ("draft_rows", "library_id"),
    ]:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def undo_v18(conn) -> None:
    """The database as schema v17 left it (kb.schema._v18 undone: a draft row's figure taken as its own)."""
    conn.execute("ALTER TABLE draft_rows DROP COLUMN own_target")


def undo_v17(conn) -> None:
    """The database as schema v16 left it (kb.schema._v18 and _v17 undone: the unit carrying each project out)."""
    undo_v18(conn)
    for table in ("projects", "self_evaluations"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN implementing_unit")


def undo_v16(conn) -> None:
    """The database as schema v15 left it (kb.schema._v17 and _v16 undone: a row dialog's typing kept)."""
    undo_v17(conn)
    conn.execute("DROP TABLE draft_unsaved")


def undo_v13(conn) -> None:
    """The database as schema v12 left it (kb.schema._v16 and _v13 undone: which importers read each document)."""
    undo_v16(conn)
    conn.execute("ALTER TABLE documents DROP COLUMN reader")


def _undo_v10(conn) -> None:
    """The database as schema v9 left it (kb.schema._v13 and _v10 undone: the names' kept totals)."""
    undo_v13(conn)
    for table in ("name_levels", "name_targets"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE indicator_names DROP COLUMN projects")
    conn.execute("DROP INDEX idx_indicators_name_project")


def undo_v9(conn) -> None:
    """The database as schema v8 left it (kb.schema._v9 undone: the projects' search indexes keep their tokens)."""
    conn.execute("DROP TABLE projects_fts")
    conn.execute("DROP TABLE project_names_fts")
    conn.execute("CREATE VIRTUAL TABLE projects_fts USING fts5(name, overview, goal)")
    conn.execute("CREATE VIRTUAL TABLE project_names_fts USING fts5(tokens)")
    for pid, *texts in conn.execute("SELECT id, name, overview, goal FROM projects").fetchall():
        tokens = [index_tokens(text) for text in texts]
        conn.execute("INSERT INTO projects_fts (rowid, name, overview, goal) VALUES (?, ?, ?, ?)", (pid, *tokens))
        conn.execute("INSERT INTO project_names_fts (rowid, tokens) VALUES (?, ?)", (pid, tokens[0]))


def _undo_v8(conn) -> None:
    """The database as schema v7 left it (kb.schema._v8 undone)."""
    conn.execute("DROP TABLE project_names_fts")
    conn.execute("DROP TABLE name_index_stamp")
    conn.execute("DROP INDEX idx_indicator_names_uses")
    conn.execute("DROP INDEX idx_projects_kind_region_department_year")
    conn.execute("CREATE INDEX idx_projects_kind_region_department_year ON projects (kind, region, department, year)")


def _undo_v5(conn) -> None:
    """The database as schema v4 left it (kb.schema._v5 undone)."""
    conn.execute("DROP TABLE outcomes")
    conn.execute("DROP TABLE self_evaluations")
    conn.execute("DROP INDEX idx_projects_kind_region_department_year")
    conn.execute("CREATE INDEX idx_projects_region_department_year ON projects (region, department, year)")
    for table, column in [
        ("projects", "kind"),
        ("projects", "code"),
        ("projects", "page"),
        ("indicators", "weight"),
        ("indicators", "weight_text"),
        ("indicators", "notes"),
        ("documents", "parts"),
        ("drafts", "listed_rows"),
    ]:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def test_migration_gives_stored_documents_the_fingerprint_an_import_gives(db_path):
    conn = connect(db_path)
    import_paths(conn, [SEEDS])
    expected = conn.execute("SELECT id, fingerprint FROM documents ORDER BY id").fetchall()
    assert all(fp for _, fp in expected) and len({fp for _, fp in expected}) == len(expected)
    _undo_v10(conn)
    undo_v9(conn)
    _undo_v8(conn)
    _undo_v7(conn)
    _undo_v6(conn)
    _undo_v5(conn)
    conn.execute("DROP INDEX idx_documents_fingerprint")
    conn.execute("ALTER TABLE documents DROP COLUMN fingerprint")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    conn = connect(db_path)  # migrated on opening
    assert conn.execute("SELECT id, fingerprint FROM documents ORDER BY id").fetchall() == expected
    assert check(conn) == []


def test_check_finds_a_document_without_its_fingerprint(seeded):
    conn = connect(seeded)
    conn.execute("UPDATE documents SET fingerprint = NULL WHERE id = 1")
    conn.commit()
    assert any("fingerprint" in line for line in check(conn))


def test_the_same_self_evaluation_from_a_second_file_is_not_stored_again(tmp_path, db_path):
    """The .docx and the PDF of one 自评表 were two self-evaluations (every outcome counted twice among what peers
    achieved); a base stored before gets its self-evaluations' fingerprints on opening (schema 15)."""
    from fixtures.self_evaluation import write

    xlsx, docx = tmp_path / "x", tmp_path / "d"
    xlsx.mkdir(), docx.mkdir()
    conn = connect(db_path)
    [first] = import_paths(conn, [write(xlsx, "xlsx")[1]])
    [second] = import_paths(conn, [write(docx, "docx")[1]])
    assert (first.status, first.evaluations) == ("imported", 1)
    assert second.status == "unchanged" and "自评表相同 the same self-evaluations" in second.message
    assert _count(conn, "self_evaluations") == 1
    stored = conn.execute("SELECT fingerprint FROM documents").fetchone()[0]
    conn.execute("UPDATE documents SET fingerprint = NULL")
    undo_v16(conn)
    conn.execute("PRAGMA user_version = 14")
    conn.commit()
    conn.close()
    conn = connect(db_path)  # migrated on opening
    assert conn.execute("SELECT fingerprint FROM documents").fetchone()[0] == stored
    conn.close()


def _self_evaluation_files(tmp_path, change):
    """The fixture's self-evaluation as .xlsx, and as .docx with its rows changed by `change` (a worse reading)."""
    from fixtures.make_fixtures import write_docx, write_xlsx
    from fixtures.self_evaluation import SELF

    tmp_path.mkdir(exist_ok=True)
    xlsx, docx = tmp_path / "自评表.xlsx", tmp_path / "自评表.docx"
    write_xlsx(SELF, xlsx)
    rows = [list(row) for row in SELF]
    change(rows)
    write_docx(rows, docx)
    return xlsx, docx


def _lost_score_and_reason(rows):
    row = next(row for row in rows if "服务合格率" in row)
    row[6] = row[7] = ""  # 19.58 and its reason, as a page break lost them


def _stored_row(conn) -> tuple:
    return tuple(conn.execute("SELECT score_text, notes FROM outcomes WHERE name = '服务合格率'").fetchone())


@pytest.mark.parametrize("fuller_first", [True, False])
def test_of_two_files_of_the_same_self_evaluations_the_fuller_reading_is_kept(tmp_path, conn, fuller_first):
    """A PDF whose page break lost a form's score and reason, then the spreadsheet it was printed from: the first
    reading was kept and the right one reported unchanged (or both stored, every outcome counted twice). The
    reading with every cell of the other and more is kept, whichever comes first, and the import says which and
    why."""
    fuller, poorer = _self_evaluation_files(tmp_path, _lost_score_and_reason)
    first, second = import_paths(conn, [fuller, poorer] if fuller_first else [poorer, fuller])
    assert first.status == "imported"
    if fuller_first:
        assert second.status == "unchanged"
        assert second.message.startswith(f"与已导入的 {fuller.resolve()} 自评表相同，它多读出 2 处内容，保留它")
    else:
        assert second.status == "replaced"
        assert second.message.startswith(f"替换 {poorer.resolve()}：自评表相同，本文件多读出 2 处内容")
    assert _count(conn, "self_evaluations") == 1 and _count(conn, "documents") == 1
    assert conn.execute("SELECT path FROM documents").fetchone()[0] == str(fuller.resolve())
    assert _stored_row(conn) == ("19.58", '{"偏差原因分析及改进措施": "部分服务商培训不足，将加强培训"}')
    assert check(conn) == []


@pytest.mark.parametrize("fuller_first", [True, False])
def test_a_dry_run_says_which_of_two_files_of_the_same_self_evaluations_the_import_keeps(tmp_path, conn, fuller_first):
    """A dry run stores nothing, so the second file was compared with nothing: both 'would import' where the import
    keeps one. It says what the import would: the poorer reading kept out, or the fuller one replacing it."""
    fuller, poorer = _self_evaluation_files(tmp_path, _lost_score_and_reason)
    first, second = import_paths(conn, [fuller, poorer] if fuller_first else [poorer, fuller], dry_run=True)
    assert first.status == "would import"
    if fuller_first:
        assert second.status == "unchanged"  # (nothing is imported: the first is one the run would import)
        assert second.message.startswith(f"与本次将导入的 {fuller.resolve()} 自评表相同，它多读出 2 处内容，保留它")
    else:
        assert second.status == "would import"
        assert second.message.startswith(f"替换 {poorer.resolve()}：自评表相同，本文件多读出 2 处内容")
    assert _count(conn, "documents") == 0
    [again] = import_paths(conn, [poorer if fuller_first else fuller], dry_run=True)
    assert (again.status, again.message) == ("would import", "")  # (a dry run remembers nothing after it)


def test_a_dry_run_compares_later_files_with_the_reading_that_would_replace_a_stored_one(tmp_path, conn):
    """The poorer reading stored, then the fuller one and a copy of it: the import replaces the stored one with the
    fuller and keeps the copy out (the same cells read), but the dry run compared the copy with the stored reading
    its first file would have replaced, and said the copy would replace it too."""
    fuller, poorer = _self_evaluation_files(tmp_path, _lost_score_and_reason)
    copy = tmp_path / "自评表（副本）.docx"
    _self_evaluation_files(tmp_path / "副本", lambda rows: None)[1].rename(copy)
    import_paths(conn, [poorer])
    dry = import_paths(conn, [fuller, copy], dry_run=True)
    assert [(r.status, r.message[:40]) for r in dry] == [
        ("would import", f"替换 {poorer.resolve()}：自评表相同"[:40]),
        ("unchanged", f"与本次将导入的 {fuller.resolve()} 自评表相同"[:40]),
    ]
    assert [r.status for r in import_paths(conn, [fuller, copy])] == ["replaced", "unchanged"]


def test_two_readings_of_the_same_self_evaluations_that_differ_are_both_kept_and_said_to_differ(tmp_path, conn):
    """Which of two readings giving a cell different values is right is not told: both are kept, and the second
    says where they differ."""

    def other_actual(rows):
        next(row for row in rows if "服务合格率" in row)[4] = "98%"

    first, second = import_paths(conn, list(_self_evaluation_files(tmp_path, other_actual)))
    assert (first.status, second.status) == ("imported", "imported")
    assert _count(conn, "self_evaluations") == 2
    [warning] = [w for w in second.warnings if "同样的自评表" in w]
    assert warning.startswith(
        f"与已导入的 {(tmp_path / '自评表.xlsx').resolve()} 是同样的自评表，但有 1 处读法不同"
        "（如「服务合格率」的实际完成值：本文件 98%，已导入的 93%）：两份都已保留，请核对哪份正确"
    )


def test_the_fuller_reading_keeps_the_region_the_replaced_ones_manifest_gave(tmp_path, conn):
    """The PDF beside a manifest.toml giving its region, then the fuller spreadsheet from another folder without one:
    the replacing reading lost the region (the base then held the self-evaluation with no region at all)."""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "manifest.toml").write_text('region = "甲市"\n', encoding="utf-8")
    fuller, poorer = _self_evaluation_files(tmp_path, _lost_score_and_reason)
    poorer = poorer.rename(tmp_path / "pdf" / poorer.name)
    first, second = import_paths(conn, [poorer, fuller])
    assert (first.status, second.status) == ("imported", "replaced")
    stored = conn.execute("SELECT path, region, region_source FROM documents").fetchall()
    assert [tuple(row) for row in stored] == [(str(fuller.resolve()), "甲市", "manifest")]


def test_a_score_read_as_a_longer_number_is_a_difference_not_a_cell_read_in_part(tmp_path, conn):
    """'19.58' holds '9.5', '95%' holds '5%': two readings giving those are read differently, not one read in part
    (the longer number replaced the other, unsaid)."""

    def other_score(rows):
        next(row for row in rows if "服务合格率" in row)[6] = "9.5"

    first, second = import_paths(conn, list(_self_evaluation_files(tmp_path, other_score)))
    assert (first.status, second.status) == ("imported", "imported")
    [warning] = [w for w in second.warnings if "同样的自评表" in w]
    assert "有 1 处读法不同（如「服务合格率」的得分：本文件 9.5，已导入的 19.58）" in warning
