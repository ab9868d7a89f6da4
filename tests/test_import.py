"""`kb import` of the seeds: exact totals, idempotence, encodings and variants, bad files, nothing lost."""

from __future__ import annotations

import codecs
import json
import shutil
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import SEEDS, damaged, fuzz_budget, seed
from kb.ingest.reading import reading_version
from kb.db import connect
from kb.ingest.run import import_paths
from kb.maintenance import check
from kb.find.queries import show_project
from kb.vocab.tokens import index_tokens

EXPECTED = {"000": (4, 32), "001": (11, 75), "002": (13, 53), "003": (10, 131), "004": (1, 4)}


def counts(conn) -> tuple[int, int, int]:
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "projects", "indicators")
    )


def records(conn) -> list:
    """Everything stored about projects and indicators, without ids, paths, pages or times."""
    projects = conn.execute(
        "SELECT id, name, department, region, year, amount_wan, overview, goal, fields, extra "
        "FROM projects ORDER BY name"
    ).fetchall()
    out = []
    for p in projects:
        shown = show_project(conn, p["id"])
        for key in ("id", "document_id", "document_path", "source", "file_name", "page"):
            shown.pop(key, None)
        for indicator in shown.get("indicators", []):
            indicator.pop("id", None)
        out.append(json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str))
    return out


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_each_seed_exact_totals(conn, prefix):
    results = import_paths(conn, [seed(prefix)])
    assert [r.status for r in results] == ["imported"], results[0].message
    assert (results[0].projects, results[0].indicators) == EXPECTED[prefix]


def test_seeds_folder_on_a_fresh_database(conn):
    results = import_paths(conn, [SEEDS])
    assert sorted(r.status for r in results) == ["imported"] * 5
    assert counts(conn) == (5, 39, 295)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM evaluation_items").fetchone()[0] == 28
    assert conn.execute("SELECT sum(weight) FROM evaluation_items").fetchone()[0] == 100
    assert conn.execute("SELECT count(*) FROM budget_lines").fetchone()[0] == 5


def test_same_content_adds_nothing(conn, tmp_path):
    import_paths(conn, [SEEDS])
    copy = tmp_path / "renamed.txt"
    shutil.copy(seed("001"), copy)
    results = import_paths(conn, [SEEDS, copy])
    assert {r.status for r in results} == {"unchanged"}
    assert counts(conn) == (5, 39, 295)


def test_changed_file_replaces_its_earlier_version(conn, tmp_path):
    path = tmp_path / "goals.txt"
    text = seed("003").read_text("utf-8")
    path.write_text(text, "utf-8")
    import_paths(conn, [path])
    path.write_text(text.replace("=49个", "=50个"), "utf-8")
    [result] = import_paths(conn, [path])
    assert result.status == "replaced"
    assert counts(conn) == (1, 10, 131)
    assert conn.execute("SELECT value FROM indicators WHERE name = '补助社区数量'").fetchone()[0] == 50
    assert (
        conn.execute("SELECT count(*) FROM names_fts").fetchone()[0]
        == conn.execute("SELECT count(*) FROM indicator_names").fetchone()[0]
    )


def test_a_file_read_anew_keeps_the_ids_of_what_it_still_holds(conn, tmp_path):
    """Re-read with --year, by newer importers or after an edit, a document's projects and indicators got new ids:
    a draft's precedents and a `kb show 12` noted down pointed at nothing. Now they keep theirs, matched by place
    and name (by name when a project before it went); what is new gets an id above every old one."""

    def ids():
        return {
            (p, i, seq): (pid, iid)
            for pid, p, iid, i, seq in conn.execute(
                """SELECT p.id, p.name, i.id, i.name, i.seq FROM projects p JOIN indicators i ON i.project_id = p.id
                WHERE p.document_id = (SELECT id FROM documents WHERE file_name = 'goals.txt')"""
            )
        }

    path, other = tmp_path / "goals.txt", tmp_path / "other.txt"
    text = seed("003").read_text("utf-8")
    path.write_text(text, "utf-8")
    shutil.copy(seed("000"), other)
    import_paths(conn, [path, other])
    before = ids()
    path.write_text(text.replace("=49个", "=50个"), "utf-8")
    assert import_paths(conn, [path])[0].status == "replaced"
    assert ids() == before
    gone = min(before.items(), key=lambda item: item[1])[0][0]  # the first project
    form = "项目支出绩效目标申报表"
    start = text.index(form)
    path.write_text(text[:start] + text[text.index(form, start + 1) :], "utf-8")  # the first project's form taken out
    assert import_paths(conn, [path])[0].status == "replaced"
    after = ids()
    assert after and all(before[key] == value for key, value in after.items())
    assert {key[0] for key in before} - {key[0] for key in after} == {gone}
    top = max(conn.execute("SELECT max(id) FROM projects").fetchone()[0], max(pid for pid, _ in before.values()))
    path.write_text(text, "utf-8")  # back: the project is new to the base now, above every id
    import_paths(conn, [path])
    assert ids()[next(key for key in before if key[0] == gone)][0] > top


def test_a_file_an_earlier_version_read_is_read_anew_when_imported_again(conn, tmp_path):
    """Importers improve between versions while the files stay the same: a document stored by other importers (or
    before they were recorded) is read again and replaced, wherever the file now is; then it is unchanged."""
    shutil.copytree(SEEDS, tmp_path / "before")
    import_paths(conn, [tmp_path / "before"])
    before = records(conn)
    conn.execute("UPDATE documents SET reader = 'earlier' WHERE file_name LIKE '001%'")
    conn.execute("UPDATE documents SET reader = NULL WHERE file_name LIKE '003%'")
    conn.commit()
    moved = (tmp_path / "before").rename(tmp_path / "moved")
    results = import_paths(conn, [seed("001"), moved / seed("003").name, moved / seed("002").name])
    assert [(r.status, r.message.split("：")[0]) for r in results] == [
        ("replaced", "重新读取"),
        ("replaced", "重新读取"),
        ("unchanged", "已导入过（内容相同） already imported (same content)"),
    ]
    assert counts(conn) == (5, 39, 295) and records(conn) == before
    assert {row[0] for row in conn.execute("SELECT DISTINCT reader FROM documents")} == {reading_version()}
    assert conn.execute("SELECT count(*) FROM documents WHERE path LIKE '%moved%'").fetchone()[0] == 1
    assert {r.status for r in import_paths(conn, [moved])} == {"unchanged"}
    assert check(conn) == []


def test_the_reading_version_follows_the_importers_and_the_normalisation(monkeypatch, tmp_path):
    """What makes a stored document stale: a change to any importer, or to kb's normalisation of what they read (a
    target read otherwise: '分10个月发放完成' in a 定性 row), not to the rest of kb (search, the app)."""
    import kb.ingest.reading as reading

    def version(changed: str = "") -> str:
        tree = tmp_path / f"kb{len(changed)}{changed.count('/')}"
        for part in (
            "ingest/normalise.py",
            "ingest/fingerprints.py",
            "vocab/targets.py",
            "find/name_index.py",
            "find/search.py",
        ):
            (tree / part).parent.mkdir(parents=True, exist_ok=True)
            (tree / part).write_text(part + (" changed" if part == changed else ""), "utf-8")
        monkeypatch.setattr(reading, "_KB", tree)
        reading.reading_version.cache_clear()
        return reading.reading_version()

    try:
        base = version()
        assert version("vocab/targets.py") != base and version("ingest/normalise.py") != base
        assert version("find/search.py") == base
        monkeypatch.setattr(reading, "reader_version", lambda: "other importers")
        assert version() != base
    finally:
        reading.reading_version.cache_clear()


def _index(conn) -> Counter:
    """(project, column, token) of every entry in the projects' search indexes."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.project_terms USING fts5vocab(main, projects_fts, instance)")
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_terms USING fts5vocab(main, project_names_fts, instance)"
    )
    found = Counter(tuple(row) for row in conn.execute("SELECT doc, col, term FROM temp.project_terms"))
    return found + Counter((doc, "name", term) for doc, term in conn.execute("SELECT doc, term FROM temp.name_terms"))


def _tokens_of_stored_projects(conn) -> Counter:
    out: Counter = Counter()
    for pid, *texts in conn.execute("SELECT id, name, overview, goal FROM projects"):
        for column, text in zip(("name", "overview", "goal"), texts):
            out.update((pid, column, token) for token in index_tokens(text).split())
        out.update((pid, "name", token) for token in index_tokens(texts[0]).split())
    return out


def test_the_projects_search_index_holds_exactly_the_stored_projects_after_replacing_and_keeps_no_copy(conn, tmp_path):
    """The projects' search indexes keep no copy of their tokens (schema v9: contentless); replacing a document
    removes its old projects' entries by their stored texts, leaving the index exactly what the stored projects
    give — no entry of a removed project is found again."""
    import_paths(conn, [seed("001")])
    path = tmp_path / "goals.txt"
    text = seed("003").read_text("utf-8")
    path.write_text(text, "utf-8")
    import_paths(conn, [path])
    path.write_text(text.replace("社区", "街道").replace("服务", "保障"), "utf-8")
    [result] = import_paths(conn, [path])
    assert result.status == "replaced"
    assert _index(conn) == _tokens_of_stored_projects(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert not {"projects_fts_content", "project_names_fts_content"} & tables


def test_a_base_of_schema_v8_migrates_to_indexes_that_keep_no_copy_and_find_the_same(db_path):
    from test_same_tables import _undo_v10, undo_v9

    conn = connect(db_path)
    import_paths(conn, [SEEDS])
    fresh = _index(conn)
    _undo_v10(conn)
    undo_v9(conn)
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    conn = connect(db_path)  # migrated on opening
    assert _index(conn) == fresh == _tokens_of_stored_projects(conn)
    assert check(conn) == []


def _variants(text: str) -> dict[str, bytes]:
    return {
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "utf8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf16-bom": text.encode("utf-16"),
        "utf16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "doubled-blank-lines": text.replace("\n\n", "\n\n\n\n").encode("utf-8"),
        "trailing-spaces": "\n".join(line + "  " if line.strip() else line for line in text.split("\n")).encode(
            "utf-8"
        ),
    }


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_variants_give_identical_records(tmp_path, prefix):
    text = seed(prefix).read_text("utf-8")
    reference = connect(tmp_path / "ref.sqlite3")
    import_paths(reference, [seed(prefix)])
    expected = records(reference)
    for name, data in _variants(text).items():
        path = tmp_path / name / seed(prefix).name
        path.parent.mkdir()
        path.write_bytes(data)
        shutil.copy(SEEDS / "manifest.toml", path.parent / "manifest.toml")
        conn = connect(tmp_path / f"{name}.sqlite3")
        [result] = import_paths(conn, [path])
        assert result.status == "imported", (name, result.message)
        assert records(conn) == expected, name


def test_coded_levels_stored_by_name_and_mapped(conn):
    """Seed 002 writes '1-产出指标；11-数量指标': the levels are stored without their codes (as the item numbers)."""
    import_paths(conn, [seed("002")])
    row = conn.execute(
        "SELECT level1, level2, std_level1, std_level2, period_target, target, operator, value, unit "
        "FROM indicators WHERE name = '扶持项目数量'"
    ).fetchone()
    assert tuple(row) == ("产出指标", "数量指标", "产出指标", "数量指标", "≥495家次", "≥495家次", "≥", 495.0, "家次")


def test_the_operator_and_unit_columns_are_the_whole_periods_value_too(conn, tmp_path):
    """An 一体化 export (指标性质 | 实施期指标值 | 年度指标值 | 度量单位) stored the period's value bare: 3600, beside
    the annual ≥1200人."""
    path = tmp_path / "一体化.csv"
    path.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标性质,实施期指标值,年度指标值,度量单位\n"
        "居家养老补贴,产出指标,数量指标,补贴发放人数,≥,3600,1200,人\n"
        "居家养老补贴,产出指标,质量指标,补贴发放准确率,＝,100%,100%,%\n"
        "居家养老补贴,效益指标,社会效益指标,居家养老服务体系,定性,逐步健全,逐步健全,\n",
        "utf-8",
    )
    [result] = import_paths(conn, [path])
    assert result.status == "imported", result.message
    rows = conn.execute(
        "SELECT target, period_target, period_operator, period_value, period_unit FROM indicators ORDER BY seq"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("≥1200人", "≥3600人", "≥", 3600.0, "人"),
        ("＝100%", "＝100%", "=", 100.0, "%"),
        ("逐步健全", "逐步健全", "定性", None, None),
    ]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"   \n\n\t\n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(500), "这是PNG 图片，不是绩效目标文件 a PNG image"),
        ("这是一份普通的说明文字，没有任何绩效目标表格。\n第二行。\n".encode("utf-8"), "layout unknown"),
    ],
    ids=["empty", "whitespace", "all-bytes", "png", "prose"],
)
def test_bad_file_one_line_error_and_others_still_import(conn, tmp_path, content, reason):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(content)
    shutil.copy(seed("000"), folder / "good.txt")
    results = {r.path.name: r for r in import_paths(conn, [folder])}
    assert results["good.txt"].status == "imported"
    assert results["bad.txt"].status == "failed"
    assert reason in results["bad.txt"].message and "\n" not in results["bad.txt"].message
    assert counts(conn) == (1, 4, 32)


@pytest.mark.parametrize("name", ["空.docx", "空.xlsx", "bom.csv", "bom16.txt"])
def test_a_file_without_text_is_said_empty(conn, tmp_path, name):
    """A .docx saved with no paragraph and a CSV of its byte order mark alone failed with 'internal error while
    parsing (ValueError: max() arg is an empty sequence)'; an empty workbook was 'not a goal document'."""
    import docx
    import openpyxl

    path = tmp_path / name
    if name.endswith(".docx"):
        docx.Document().save(path)
    elif name.endswith(".xlsx"):
        openpyxl.Workbook().save(path)
    else:
        path.write_bytes(codecs.BOM_UTF8 if name.endswith(".csv") else codecs.BOM_UTF16_LE)
    import_paths(conn, [seed("000")])
    [result] = import_paths(conn, [path])
    assert (result.status, result.message) == ("failed", "空文件 empty file")
    assert counts(conn) == (1, 4, 32)


def test_truncated_document_is_all_or_nothing(conn, tmp_path):
    """Half a document imports what it holds, or fails whole: never half-stored."""
    text = seed("003").read_text("utf-8")
    path = tmp_path / "truncated.txt"
    path.write_text(text[: len(text) // 2], "utf-8")
    [result] = import_paths(conn, [path])
    stored = counts(conn)
    if result.status == "failed":
        assert stored == (0, 0, 0)
    else:
        assert stored == (1, result.projects, result.indicators)


def test_failed_store_leaves_database_as_it_was(conn, tmp_path, monkeypatch):
    import_paths(conn, [seed("000")])
    before = counts(conn)
    from kb.ingest import write as store

    def broken(self, *args):  # fails once the document's rows are written
        real(self, *args)
        raise sqlite3.OperationalError("disk I/O error")

    real = store.DocumentWriter.add
    monkeypatch.setattr(store.DocumentWriter, "add", broken)
    [result] = import_paths(conn, [seed("001")])
    assert result.status == "failed" and "disk I/O error" in result.message
    assert counts(conn) == before
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _copies(tmp_path, monkeypatch, n: int = 3):
    """A folder of n copies of every text seed, each copy with other bytes, all stored (the copies have the same
    goal tables: the check that keeps a second file of the same tables out is switched off)."""
    from kb.ingest import run as ingest

    monkeypatch.setattr(ingest, "same_tables", lambda *args: None)
    folder = tmp_path / "docs"
    folder.mkdir()
    for copy in range(n):
        for path in sorted(SEEDS.glob("*.txt")):
            (folder / f"{copy}_{path.name}").write_bytes(path.read_bytes() + b"\n" * copy)
    return folder


def _failing_store(monkeypatch, fails):
    """Documents whose rows are all written, then `fails(path)` raised when it is an exception (before the
    document's own commit, if it has one)."""
    from kb.ingest import write as store

    real = store.DocumentWriter.finish

    def finish(self):
        real(self)
        [path] = self.conn.execute("SELECT path FROM documents WHERE id = ?", (self.document_id,)).fetchone()
        if exc := fails(Path(path)):
            raise exc

    monkeypatch.setattr(store.DocumentWriter, "finish", finish)


def test_bulk_import_commits_in_batches_and_a_failed_document_alone_is_undone(conn, tmp_path, monkeypatch):
    """A bulk import writes several documents per transaction: one that fails once its rows are written leaves
    no row behind, the others of its batch are written again and all are in, each result reported once."""
    from kb.ingest import run as ingest

    folder = _copies(tmp_path, monkeypatch)
    bad = sorted(folder.iterdir())[6].resolve()
    _failing_store(monkeypatch, lambda path: sqlite3.OperationalError("disk I/O error") if path == bad else None)
    commits, reported = [], []
    monkeypatch.setattr(ingest, "BATCH_INDICATORS", 200)
    monkeypatch.setattr(
        ingest._Batches,
        "commit",
        lambda self, real=ingest._Batches.commit: (commits.append(len(self.pending)), real(self))[1],
    )
    results = import_paths(conn, [folder], progress=reported.append)
    [failed] = [r for r in results if r.status == "failed"]
    assert failed.path.resolve() == bad and "disk I/O error" in failed.message
    assert max(commits) > 1  # several documents per commit
    assert sorted(r.path for r in reported) == sorted(r.path for r in results)  # each reported once
    imported = [r for r in results if r.status == "imported"]
    assert len(imported) == len(results) - 1
    stored = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert stored == sum(r.indicators for r in imported)
    assert not conn.execute("SELECT 1 FROM documents WHERE path = ?", (str(bad.resolve()),)).fetchone()
    assert check(conn) == []


def test_a_document_failing_once_in_a_batch_is_written_alone(conn, tmp_path, monkeypatch):
    """A failure that does not come back (the disk was full for a moment) costs the batch a rollback, not the
    document: written again in a transaction of its own, it is in."""
    folder = _copies(tmp_path, monkeypatch, 2)
    failures = [sqlite3.OperationalError("database or disk is full")]
    _failing_store(monkeypatch, lambda path: failures.pop() if failures and "1_" in path.name else None)
    results = import_paths(conn, [folder])
    assert {r.status for r in results} == {"imported"} and not failures
    stored = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert stored == sum(r.indicators for r in results)
    assert check(conn) == []


def test_an_interruption_while_a_document_is_written_keeps_only_what_was_reported(conn, tmp_path, monkeypatch):
    """^C in the middle of a bulk import's document: the batch it was in is rolled back, the batches committed
    before stay, and the results reported are exactly the documents in the database."""
    from kb.ingest import run as ingest

    folder = _copies(tmp_path, monkeypatch, 4)
    victim = sorted(folder.iterdir())[13].resolve()
    _failing_store(monkeypatch, lambda path: KeyboardInterrupt() if path == victim else None)
    monkeypatch.setattr(ingest, "BATCH_INDICATORS", 300)
    reported = []
    with pytest.raises(KeyboardInterrupt):
        import_paths(conn, [folder], progress=reported.append)
    assert reported and all(r.status == "imported" for r in reported)
    paths = {row[0] for row in conn.execute("SELECT path FROM documents")}
    assert paths == {str(r.path.resolve()) for r in reported}
    assert str(victim.resolve()) not in paths
    assert check(conn) == []


@settings(max_examples=fuzz_budget(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_any_bytes_give_records_or_a_clear_error(tmp_path, data):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    import importers

    try:
        doc = importers.parse_file(path)
    except (importers.UnreadableFile, importers.UnknownLayout, importers.ParseError) as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.projects


@settings(max_examples=fuzz_budget(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(EXPECTED)), st.integers(0, 10_000), st.integers(1, 400), st.randoms())
def test_mutated_seeds_never_crash(prefix, at, length, rnd):
    """Seeds with a slice deleted, duplicated or shuffled: records or a clear error, never a traceback."""
    import importers
    from importers.readers.text import split_rows

    text = damaged(seed(prefix).read_text("utf-8"), rnd.choice(["delete", "duplicate", "shuffle"]), at, length, rnd)
    try:
        importers.parse_rows(split_rows(text))
    except (importers.UnknownLayout, importers.ParseError) as exc:
        assert str(exc)


def test_self_evaluations_left_without_a_region_are_told_too(tmp_path):
    """A 自评表 whose text names no region was stored with none and '0 条警告': kb evaluations --region passed it over
    without a word. It is told as a project is, beside the projects of the same document."""
    from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject
    from kb.ingest.normalise import normalise
    from kb.ingest.write import Fallbacks, Provenance, store_document

    conn = connect(tmp_path / "kb.sqlite3")
    row = RawIndicator(name="补贴发放人数", target="≥2800人", actual="2750人", level1="产出指标", level2="数量指标")
    evaluation = RawProject(name="居家养老服务补贴", kind=SELF_EVALUATION, amount="350", indicators=[row])
    goal = RawProject(name="居家养老服务补贴", indicators=[RawIndicator(name="补贴发放人数", target="≥2800人")])

    def warnings(name: str, projects: list, fallbacks: Fallbacks) -> list[str]:
        doc = normalise(RawDocument(layout="test", projects=projects))
        return store_document(conn, doc, Provenance(name, f"/virtual/{name}", name), fallbacks).warnings

    told = warnings("自评.txt", [evaluation], Fallbacks(year=2026))
    assert any(w.startswith("原文未写地区，1 个自评表没有地区") and "--region" in w for w in told), told
    both = warnings("两者.txt", [goal, evaluation], Fallbacks(year=2026))
    assert any(w.startswith("原文未写地区，1 个项目、1 个自评表没有地区") for w in both), both
    assert not [w for w in warnings("有.txt", [evaluation], Fallbacks(region="某区", year=2026)) if "原文未写" in w]


def test_projects_left_without_a_year_or_a_region_are_told_with_how_to_give_one(tmp_path):
    """A document whose text names no budget year (or region), with no fallback, is stored with a warning saying how
    many projects have none (search filters pass them over) and how to give one; a fallback silences it."""
    from conftest import make_document
    from kb.ingest.normalise import normalise
    from kb.ingest.write import Fallbacks, Provenance, store_document

    conn = connect(tmp_path / "kb.sqlite3")
    doc = make_document({"甲项目": [("服务对象满意度", "≥90%")], "乙项目": [("完成率", "100%")]})

    def warnings(name: str, fallbacks: Fallbacks) -> list[str]:
        return store_document(conn, normalise(doc), Provenance(name, f"/virtual/{name}", name), fallbacks).warnings

    told = warnings("none.txt", Fallbacks())
    assert any(w.startswith("原文未写预算年度，2 个项目没有年度") and "--year" in w for w in told), told
    named = warnings("某局_2026年项目支出绩效目标表.txt", Fallbacks())  # the year its name states, said as such
    assert not [w for w in named if w.startswith("原文未写预算年度")]
    assert [
        tuple(row)
        for row in conn.execute(
            "SELECT DISTINCT p.year, d.year_source FROM projects p JOIN documents d ON d.id = p.document_id "
            "WHERE d.file_name LIKE '某局%'"
        )
    ] == [(2026, "file")]
    warnings("2024年.txt", Fallbacks(year=2025))  # a year given wins over the name's
    assert tuple(conn.execute("SELECT year FROM documents WHERE file_name = '2024年.txt'").fetchone()) == (2025,)
    assert any(w.startswith("原文未写地区，2 个项目没有地区") and "--region" in w for w in told), told
    assert not [w for w in warnings("given.txt", Fallbacks(region="测试市", year=2024)) if w.startswith("原文未写")]
    rows = conn.execute(
        "SELECT p.year, p.region FROM projects p JOIN documents d ON d.id = p.document_id WHERE d.file_name = ?",
        ("given.txt",),
    ).fetchall()
    assert [tuple(row) for row in rows] == [(2024, "测试市")] * 2


FLAT_HEADER = "项目名称\t项目总额\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n"


def imported_sheet(tmp_path, rows: str, above: str = "", options=None):
    """A base holding a flat sheet of these rows (under FLAT_HEADER, and any lines above it), imported."""
    sheet = tmp_path / "目标表.txt"
    sheet.write_text(above + FLAT_HEADER + rows, "utf-8")
    conn = connect(tmp_path / "kb.sqlite3")
    (result,) = import_paths(conn, [sheet], options)
    assert result.status == "imported", result.message
    return conn


def test_a_row_called_qualitative_stays_qualitative_whatever_number_it_holds(tmp_path):
    """'分10个月发放完成' in a row whose nature column says 定性: stored as a qualitative target (as printed), not as
    '=10 个月发放完成'."""
    conn = imported_sheet(
        tmp_path,
        "助学金项目\t24.42\t按时发放\t产出指标\t时效指标\t发放时间\t定性\t分10个月发放完成\t\n"
        "助学金项目\t24.42\t按时发放\t产出指标\t数量指标\t资助人数\t≥\t100\t人\n",
    )
    pid = conn.execute("SELECT id FROM projects WHERE name = '助学金项目'").fetchone()[0]
    rows = [(i["target"], i["operator"], i["value"], i["unit"]) for i in show_project(conn, pid)["indicators"]]
    assert rows == [("分10个月发放完成", "定性", None, None), ("≥100人", "≥", 100.0, "人")]


def test_a_direction_column_bounds_a_number_written_without_an_operator(tmp_path):
    """指标方向 正向 | 120 | 公里 reads ≥120公里 and 反向 | 2 | % ≤2% (they were '=': a floor and a ceiling read as
    exact values); the written target and the direction in the notes stay as printed; a sign written wins, and a row
    without a direction stays '='."""
    path = tmp_path / "方向.csv"
    path.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标方向,指标值,计量单位\n"
        "道路养护,产出指标,数量指标,养护里程,正向,120,公里\n"
        "道路养护,产出指标,质量指标,路面病害发生率,反向,2,%\n"
        "道路养护,产出指标,质量指标,验收合格率,正向,=100%,%\n"
        "道路养护,产出指标,时效指标,完工时间,正向,2026年12月底前,\n"
        "道路养护,效益指标,社会效益指标,养护路段数,,12,条\n",
        "utf-8",
    )
    conn = connect(tmp_path / "kb.sqlite3")
    [result] = import_paths(conn, [path])
    assert result.status == "imported", result.message
    pid = conn.execute("SELECT id FROM projects").fetchone()[0]
    rows = [(i["target"], i["operator"], i["value"], i["notes"]) for i in show_project(conn, pid)["indicators"]]
    assert rows == [
        ("120公里", "≥", 120.0, {"指标方向": "正向"}),
        ("2%", "≤", 2.0, {"指标方向": "反向"}),
        ("=100%", "=", 100.0, {"指标方向": "正向"}),
        ("2026年12月底前", "定性", None, {"指标方向": "正向"}),
        ("12条", "=", 12.0, {}),
    ]


def test_a_direction_column_s_floor_of_zero_stays_none_at_all(tmp_path):
    """正向 | 0 | 起 (a form whose 指标方向 says 正向 on every row) was read ≥0起: a floor that holds whatever happens,
    so a self-evaluation's 1起 against it was met and its precedents parted from '0起'; now it is =0, as written."""
    path = tmp_path / "方向.csv"
    path.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标方向,指标值,计量单位\n"
        "道路养护,效益指标,社会效益指标,安全事故发生数,正向,0,起\n"
        "道路养护,效益指标,社会效益指标,投诉事件数,反向,0,件\n",
        "utf-8",
    )
    conn = connect(tmp_path / "kb.sqlite3")
    [result] = import_paths(conn, [path])
    assert result.status == "imported", result.message
    pid = conn.execute("SELECT id FROM projects").fetchone()[0]
    rows = [(i["operator"], i["value"]) for i in show_project(conn, pid)["indicators"]]
    assert rows == [("=", 0.0), ("≤", 0.0)]


def test_a_year_or_region_given_later_is_applied_to_a_file_already_imported(tmp_path):
    """The import's own advice works: a file imported without a year or region, imported again with --year and
    --region (or a manifest.toml giving them), is read anew with them; again with the same, it is unchanged; a year
    the text states is never overridden."""
    from kb.ingest.run import import_paths
    from kb.ingest.write import Fallbacks

    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "表.txt"
    path.write_text(
        "项目支出绩效目标申报表\n项目名称：\t示例项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t>=100人\n",
        "utf-8",
    )
    conn = connect(tmp_path / "kb.sqlite3")

    def imported(options: Fallbacks | None = None) -> tuple[str, str, tuple]:
        result = import_paths(conn, [path], options)[0]
        row = conn.execute("SELECT year, region FROM projects WHERE name = '示例项目'").fetchone()
        return result.status, result.message, tuple(row)

    assert imported()[::2] == ("imported", (None, None))
    status, message, stored = imported(Fallbacks(year=2026, region="测试市"))
    assert (status, stored) == ("replaced", (2026, "测试市")) and message.startswith("重新读取：按命令行更新地区、年度")
    assert imported(Fallbacks(year=2026, region="测试市"))[0] == "unchanged"
    assert imported()[0] == "unchanged"  # nothing given: what was given before stays
    (folder / "manifest.toml").write_text('[[documents]]\nfile = "表.txt"\nyear = 2025\n', "utf-8")
    status, message, stored = imported()
    assert (status, stored) == ("replaced", (2025, "测试市")) and "manifest.toml" in message
    path.write_text(path.read_text("utf-8").replace("申报表", "申报表（2024年度）"), "utf-8")
    assert imported(Fallbacks(year=2026))[2][0] == 2024  # the text's own year
    assert imported(Fallbacks(year=2026))[0] == "unchanged"
    conn.close()


def test_every_empty_file_is_reported_empty_not_the_same_as_another(tmp_path):
    from kb.ingest.run import import_paths

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.xlsx", "c.pdf"):
        (folder / name).write_bytes(b"")
    conn = connect(tmp_path / "kb.sqlite3")
    results = import_paths(conn, [folder])
    assert [(r.path.name, r.status, r.message) for r in results] == [
        (name, "failed", "空文件 empty file") for name in ("a.txt", "b.xlsx", "c.pdf")
    ]
    conn.close()


def test_a_manifest_may_give_every_file_of_its_folder_and_a_useless_one_is_said(tmp_path):
    """Top-level fields of a manifest.toml give every file of its folder what its text lacks ([[documents]] entries
    over them); a manifest that gives nothing usable, or a year that is no number, fails the folder's files with
    the manifest named, and the base keeps what it had."""
    from kb.ingest.run import import_paths

    folder = tmp_path / "docs"
    folder.mkdir()
    text = (
        "项目支出绩效目标申报表\n项目名称：\t{}\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人数\t>=100人\n"
    )
    for name in ("甲", "乙"):
        (folder / f"{name}.txt").write_text(text.format(name), "utf-8")
    manifest = folder / "manifest.toml"
    manifest.write_text('region = "测试市"\nyear = 2026\n\n[[documents]]\nfile = "乙.txt"\nyear = 2025\n', "utf-8")
    conn = connect(tmp_path / "kb.sqlite3")
    assert {r.status for r in import_paths(conn, [folder])} == {"imported"}
    rows = conn.execute("SELECT name, region, year FROM projects ORDER BY name").fetchall()
    assert sorted(tuple(r) for r in rows) == [("乙", "测试市", 2025), ("甲", "测试市", 2026)]
    for bad, said in (("[documents]\nfile = 1\n", "清单中没有可用的内容"), ('year = "2026年"\n', "年度应是数字")):
        manifest.write_text(bad, "utf-8")
        (folder / "丙.txt").write_text(text.format("丙"), "utf-8")
        results = {r.path.name: r for r in import_paths(conn, [folder])}
        assert results["丙.txt"].status == "failed" and said in results["丙.txt"].message, results["丙.txt"].message
        assert str(manifest) in results["丙.txt"].message
    assert conn.execute("SELECT count(*) FROM projects").fetchone()[0] == 2
    conn.close()


def test_a_document_naming_no_department_takes_its_region_from_its_title(tmp_path):
    """'厦门市2026年项目支出绩效目标表' over a form whose 主管部门 is left empty: the region was left empty (search
    filters pass the project over) though the title says where."""
    from kb.ingest.write import Fallbacks

    row, title = (
        "政务服务运维\t680\t平台稳定运行\t产出指标\t质量指标\t系统可用率\t≥\t99.9\t%\n",
        "厦门市2026年项目支出绩效目标表\n",
    )
    conn = imported_sheet(tmp_path, row, title)
    assert tuple(conn.execute("SELECT region, region_source FROM documents").fetchone()) == ("厦门市", "text")
    assert tuple(conn.execute("SELECT region FROM projects").fetchone()) == ("厦门市",)
    (tmp_path / "given").mkdir()
    given = imported_sheet(tmp_path / "given", row, title, Fallbacks(region="思明区"))
    assert tuple(given.execute("SELECT region FROM projects").fetchone()) == ("思明区",)  # what the user says wins


def test_rows_reading_as_indicators_that_no_table_took_are_told():
    """Layouts met for the first time dropped rows they could not place (a page's 7 of 12 indicators, a strip of
    columns), and the import said nothing: rows reading as indicators' that no goal table took are warned of."""
    from importers import unread
    from importers.records import RawDocument, RawIndicator, RawProject, Row

    rows = [
        Row(["一级指标", "二级指标", "三级指标", "指标值"], 1, 1),
        Row(["产出指标", "数量指标", "培训人次", "≥500人次"], 2, 1),
        Row(["产出指标", "质量指标", "合格率", "≥95%"], 3, 2),
        Row(["成本指标", "社会成本指标", "无", "无"], 4, 2),  # a level that does not apply: no indicator
        Row(["效益指标", "社会效益指标", "群众认可", "明显提升"], 5, 2),  # no figure: not told (words may be anything)
    ]
    doc = RawDocument(layout="test", projects=[RawProject("甲", indicators=[RawIndicator("培训人次", line=2)])])
    (told,) = unread(rows, doc)
    assert told.startswith("第 3 行（第 2 页）像指标行，却未读入任何目标表") and "line 3:" in told
    doc.projects[0].indicators.append(RawIndicator("合格率", line=3))
    assert unread(rows, doc) == []


def test_a_sheet_printed_pages_wide_is_refused_saying_so():
    """A sheet printed without 'fit all columns on one page' puts its 指标值 column on a page of its own: the unit was
    told only that the file has no 指标值 column, which its spreadsheet has."""
    import importers
    from importers.records import Row

    first = [
        ["2027年项目支出绩效目标申报表"],
        ["项目名称", "大气污染防治"],
        ["年度总体目标", "城区空气质量优良天数比率达到90%。"],
        ["", "一级指标", "二级指标", "三级指标"],
        ["", "产出指标", "数量指标", "大气监测站点运维数"],
        ["绩效指标", "效益指标", "生态效益指标", "空气质量优良天数比率"],
    ]
    second = [["临川区生态环境局"], ["180"], ["指标值", "备注"], ["≥8个"], ["≥90%"]]
    rows = [Row(cells, n, page=1) for n, cells in enumerate(first, 1)]
    rows += [Row(cells, n, page=2) for n, cells in enumerate(second, len(rows) + 1)]
    with pytest.raises(importers.UnknownLayout, match="打印成了多页宽：指标名称在第 1 页，指标值在第 2 页"):
        importers.parse_rows(rows)
    with pytest.raises(importers.UnknownLayout, match="表头需有指标名称"):  # one page: no 指标值 at all
        importers.parse_rows([Row(cells, n, page=1) for n, cells in enumerate(first, 1)])


def test_a_table_without_rules_whose_narrow_columns_wrap_its_header_is_refused_saying_so():
    """A Word table without borders, its columns narrow, printed to PDF: each header word wraps (`一级指` over `标`)
    and so does every cell, each line a row of its own. The unit was told its table had no 三级指标 nor 指标值."""
    import importers
    from importers.records import Row

    table = [
        ["临川区2027年项目支出绩效目标表"],
        ["序号", "项目名", "预算金", "一级指", "二级指", "三级指", "指标值"],
        ["称", "额", "标", "标", "标"],
        ["1", "城乡居", "260", "产出指", "数量指", "资助参", "≥1200"],
        ["民医疗", "标", "标", "保人数", "0人"],
    ]
    with pytest.raises(importers.UnknownLayout, match="表头的字被窄列折成了两行（一级指 ⏎ 标），表格又没有框线"):
        importers.parse_rows([Row(cells, n, page=1) for n, cells in enumerate(table, 1)])


def _pages(*pages: tuple[tuple[float, ...], list[list[str]]]) -> list:
    """Rows printed on pages 1, 2, …, each page's table on its grid of cell left edges (a PDF's rules)."""
    from importers.records import Row

    rows: list[Row] = []
    for page, (edges, table) in enumerate(pages, 1):
        rows += [Row(cells, len(rows) + 1, page=page, edges=edges if len(cells) > 1 else ()) for cells in table]
    return rows


LEFT = (54.0, 124.0, 180.0, 250.0, 376.0)  # 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值
RIGHT = (54.0, 264.0, 446.0)  # 指标解释 | 评分标准 | 备注


def test_the_columns_a_sheet_printed_pages_wide_puts_on_pages_of_their_own_are_not_read_as_indicators():
    """A form printed without 'fit all columns on one page' keeps 指标值 on its first page and puts 指标解释, 评分标准
    and 备注 on the next: their header and rows were read as more indicators of the project (15 for 7, the header
    one of them), without a word. Those pages are the same rows: left out, and said so; so are the pages down the
    right part (Excel's 'over, then down' order puts the left part's second page between them)."""
    import importers

    head = [["2027年项目支出绩效目标申报表"], ["项目名称", "污水处理"], ["年度总体目标", "处理污水"]]
    top = [["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]]
    top += [["绩效指标", "产出指标", "数量指标", f"处理站点{n}", f"≥{n}座"] for n in range(1, 5)]
    bottom = [["绩效指标", "效益指标", "生态效益指标", f"达标率{n}", f"≥9{n}%"] for n in range(1, 4)]
    notes = [["指标解释", "评分标准", "备注"]] + [[f"解释{n}", "完成得满分", ""] for n in range(1, 5)]
    more = [[f"解释{n}", "每低1个百分点扣1分", "问卷"] for n in range(5, 8)]
    doc = importers.parse_rows(_pages((LEFT, head + top), (RIGHT, notes), (LEFT, bottom), (RIGHT, more)))
    (project,) = doc.projects
    assert [(i.name, i.target) for i in project.indicators] == [
        *((f"处理站点{n}", f"≥{n}座") for n in range(1, 5)),
        *((f"达标率{n}", f"≥9{n}%") for n in range(1, 4)),
    ]
    (told,) = [w for w in doc.warnings if "多页宽" in w]
    assert told.startswith(
        "表格打印成了多页宽：第 2、4 页是右侧的列（指标解释、评分标准、备注），与前页是同一些指标行，未读入"
    )


@pytest.mark.parametrize(
    "head", [[], [["项目资金（万元）", "年度资金总额", "600.00"], ["年度总体目标", "建成站点", ""]]]
)
def test_a_table_printed_pages_wide_cut_after_its_levels_down_its_page_is_refused_saying_so(head):
    """A self-evaluation (or a goal form) printed pages wide and cut before 三级指标: page 1 holds its head and, down
    the page, a header naming levels only (绩效指标 | 一级指标 | 二级指标), page 2 the rest of the head and, level
    with it, 三级指标 | 年度指标值 | 实际完成值. It was refused as no goal table (a self-evaluation: the header is
    no page's first row), or read with its levels lost without a word (a goal form of one head row a page)."""
    import importers
    from importers.records import Row

    first = [["项目名称", "养老服务", "养老服务"], *head, ["绩效指标", "一级指标", "二级指标"]]
    first += [["绩效指标", "产出指标", "数量指标"], ["绩效指标", "满意度指标", "服务对象满意度指标"]]
    second = [["实施单位", "民政局", "民政局"], *(["", "640.00", "620.00"] for _ in head)]
    second += [["三级指标", "年度指标值", "实际完成值"], ["新建站点", "≥12个", "12个"], ["满意度", "≥90%", "93%"]]
    rows = [
        Row(cells, n, page=page, edges=(54.0, 150.0, 250.0), top=100.0 + 15 * k)
        for n, (page, k, cells) in enumerate(
            [(1, k, cells) for k, cells in enumerate(first)] + [(2, k, cells) for k, cells in enumerate(second)], 1
        )
    ]
    with pytest.raises(
        importers.UnknownLayout, match="打印成了多页宽：项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 2 页"
    ):
        importers.parse_rows(rows)


def test_a_table_of_its_own_on_the_page_after_a_levels_header_is_no_table_printed_pages_wide():
    """A header naming levels only down page 1 and one naming the indicators on page 2 at the same height, but page
    2's rows not level with page 1's (a table of its own, its rows taller): not refused as printed pages wide."""
    from importers import wide_print
    from importers.records import Row

    first = [
        ["项目名称", "养老服务", "养老服务"],
        ["绩效指标", "一级指标", "二级指标"],
        ["绩效指标", "产出指标", "数量指标"],
        ["绩效指标", "满意度指标", "服务对象满意度"],
    ]
    second = [["实施单位", "民政局"], ["三级指标", "年度指标值"], ["新建站点", "≥12个"], ["满意度", "≥90%"]]
    tops = [85.0, 100.0, 124.0, 148.0]  # page 2's rows under its header 24 points tall, page 1's 15
    rows = [Row(cells, k + 1, page=1, edges=(54.0, 150.0, 250.0), top=85.0 + 15 * k) for k, cells in enumerate(first)]
    rows += [
        Row(cells, k + 5, page=2, edges=(54.0, 200.0), top=top) for k, (cells, top) in enumerate(zip(second, tops))
    ]
    assert wide_print.cut_header(rows) is None
    level = [replace(row, top=85.0 + 15 * (row.line - 5)) if row.page == 2 else row for row in rows]
    assert "多页宽" in (wide_print.cut_header(level) or "")


def test_a_table_printed_pages_wide_cut_after_its_levels_merged_down_over_their_groups_is_refused_saying_so():
    """A self-evaluation printed pages wide and cut before 三级指标, its levels merged down over their groups: page
    1 holds a row of text for each group (产出指标 | 数量指标 over two indicators), page 2 one for each indicator. The
    levels' rows each stand level with one of the names' (it was read with its levels lost, without a word)."""
    import importers
    from importers.records import Row

    first = [["项目名称", "养老服务"], ["项目资金（万元）", "年度资金总额"], ["一级指标", "二级指标"]]
    first += [["产出指标", "数量指标"], ["满意度指标", "服务对象满意度指标"]]
    second = [["600.00", "580.00"], ["三级指标", "年度指标值", "实际完成值"], ["新建站点", "≥12个", "12个"]]
    second += [["改造床位", "≥200张", "210张"], ["满意度", "≥90%", "93%"]]
    tops = {1: [85.0, 100.0, 115.0, 130.0, 160.0], 2: [100.0, 115.0, 130.0, 145.0, 160.0]}
    rows = [
        Row(cells, n, page=page, edges=(54.0, 150.0, 250.0)[: len(cells)], top=tops[page][k])
        for n, (page, k, cells) in enumerate(
            [(1, k, cells) for k, cells in enumerate(first)] + [(2, k, cells) for k, cells in enumerate(second)], 1
        )
    ]
    with pytest.raises(
        importers.UnknownLayout, match="打印成了多页宽：项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 2 页"
    ):
        importers.parse_rows(rows)


def _cut_after_levels(ruled: bool, tall: bool, shift: float = 0.0) -> list:
    """A self-evaluation printed pages wide, cut after 二级指标: page 1 its head and levels (and page 2 the levels
    going on, `tall`: down, then over), the next page its names and targets, each row level with page 1's, the
    fourth indicator's `shift` points above (its target wrapped, unruled: its first line above the row's middle)."""
    from importers.records import Row

    groups = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "满意度"),
    ]
    inds = [(groups[n % 4], f"指标{n}", f"≥{n}") for n in range(1, 9 if tall else 5)]
    half = len(inds) // 2 if tall else len(inds)
    head = [["项目名称", "养老服务"], ["项目资金（万元）", "年度资金总额"], ["一级指标", "二级指标"]]
    levels = [list(group) for group, _, _ in inds]
    names = [["600.00", "580.00"], ["三级指标", "年度指标值", "实际完成值"]]
    names += [[name, target, "达成"] for _, name, target in inds]
    pages = [head + levels[:half], names[: 2 + half]]
    if tall:
        pages = [head + levels[:half], levels[half:], names[: 2 + half], names[2 + half :]]
    rows: list[Row] = []
    for page, table in enumerate(pages, 1):
        top = 85.0 if page in (1, len(pages) // 2 + 1) else 60.0
        top += 15 * (page == len(pages) // 2 + 1)  # (the names' page: no 项目名称 row above its amounts)
        for k, cells in enumerate(table):
            at = top + 15 * k - (shift if page > len(pages) // 2 and cells[0] == "指标4" else 0.0)
            edges = (54.0, 150.0, 250.0)[: len(cells)] if ruled else ()
            rows.append(Row(cells, len(rows) + 1, page=page, edges=edges, top=at, foot=at))
    return rows


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_table_printed_two_pages_wide_and_two_tall_cut_after_its_levels_is_refused_saying_so(ruled):
    """Printed down, then over: pages 1 and 2 hold the levels of all rows, pages 3 and 4 the names and targets of
    the same rows, page 3's header level with page 1's. Only the page right after the levels' was looked at (page
    2, levels going on): it was read with the levels lost, without a word."""
    import importers

    with pytest.raises(
        importers.UnknownLayout, match="打印成了多页宽：项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 3 页"
    ):
        importers.parse_rows(_cut_after_levels(ruled, tall=True))


def test_an_unruled_table_printed_pages_wide_cut_after_its_levels_with_a_wrapped_target_is_refused_saying_so():
    """Unruled, cut after 二级指标: a target wrapped on the names' page (2024年11月底前 on two lines) puts its row's
    first line 6 points above the level cell beside it, centred on the row; the rows were not taken for the same
    ones and were read with the levels lost, without a word. Text lines stand level within half their pitch."""
    import importers
    from importers import wide_print

    with pytest.raises(importers.UnknownLayout, match="项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 2 页"):
        importers.parse_rows(_cut_after_levels(False, tall=False, shift=6.5))
    taller = [  # a table of its own beside the levels, its rows 20 points apart, not 15: not refused
        replace(row, top=100.0 + 20 * (row.line - 8)) if row.page == 2 and row.line > 8 else row
        for row in _cut_after_levels(False, tall=False)
    ]
    assert wide_print.cut_header(taller) is None


def test_a_goal_table_on_the_page_after_a_scoring_table_of_levels_under_the_same_head_is_no_table_printed_wide():
    """Page 1 a scoring table of levels only (一级指标 | 二级指标 | 分值) under the project's head, page 2 the goal
    table (指标名称 | 指标值) under the same head, every row one height: page 2 names the project again, so it is
    a table of its own, not page 1's later columns (it was refused as printed pages wide; a print cut after the
    levels leaves 项目名称 on page 1, as the same rows with 实施单位 on page 2 are still refused)."""
    from importers import wide_print
    from importers.records import Row

    head = [["项目名称", "乡村道路养护"], ["主管部门", "某县交通运输局"]]
    first = [*head, ["一级指标", "二级指标", "分值"], ["产出指标", "数量指标", "30"], ["满意度指标", "满意度", "10"]]
    second = [*head, ["指标名称", "指标值"], ["养护里程", "120公里"], ["群众满意度", "≥90%"]]
    rows = [
        Row(cells, n, page=page, edges=(54.0, 150.0, 250.0)[: len(cells)], top=85.0 + 15 * k)
        for n, (page, k, cells) in enumerate(
            [(1, k, cells) for k, cells in enumerate(first)] + [(2, k, cells) for k, cells in enumerate(second)], 1
        )
    ]
    assert wide_print.cut_header(rows) is None
    cut = [
        replace(row, cells=["实施单位", "某县公路站"]) if row.page == 2 and row.cells[0] == "项目名称" else row
        for row in rows
    ]
    assert "多页宽" in (wide_print.cut_header(cut) or "")


def test_a_goal_table_after_a_page_of_text_after_a_scoring_table_of_levels_is_no_table_printed_wide():
    """Page 1 a scoring table of levels only (一级指标 | 二级指标 | 分值) under the project's head, page 2 a text (its
    scoring's note), page 3 the goal table (指标名称 | 指标值) at the same height, its rows level with page 1's: a
    print pages tall holds the levels' rows going on between, not a text; it was refused as printed pages wide."""
    import importers

    head = [(60.0, ["项目名称", "乡村道路养护"]), (75.0, ["主管部门", "某县交通运输局"])]
    levels = [*head, (90.0, ["一级指标", "二级指标", "分值"]), (105.0, ["产出指标", "数量指标", "30"])]
    levels += [(120.0, ["满意度指标", "满意度", "10"])]
    note = [(60.0, ["评分说明：各项指标按完成情况打分。"]), (75.0, ["满分100分。"])]
    goals = [(60.0, ["二、年度绩效指标"]), (90.0, ["指标名称", "指标值"]), (105.0, ["养护里程", "120公里"])]
    goals += [(120.0, ["群众满意度", "≥90%"])]
    grid = (54.0, 150.0, 250.0)
    doc = importers.parse_rows(_level_pages((grid, levels), (grid, note), (grid, goals)))
    assert [(i.name, i.target) for p in doc.projects for i in p.indicators] == [
        ("养护里程", "120公里"),
        ("群众满意度", "≥90%"),
    ]


def test_a_sheet_printed_pages_wide_with_its_names_on_the_page_after_its_levels_is_refused_saying_so():
    """Cut before 三级指标, a flat sheet's first page held 项目名称 … 二级指标, its second 三级指标 and 指标值: the
    indicators were read without their levels, all under one project named from the title's piece (28 for 2 × 14)."""
    import importers

    first = [["2027年项目支出绩效目标表"], ["序号", "项目名称", "预算金额", "一级指标", "二级指标"]]
    first += [["1", "污水处理", "300", "产出指标", "数量指标"], ["2", "垃圾清运", "200", "产出指标", "数量指标"]]
    second = [["绩效目标表"], ["三级指标", "指标值", "备注"], ["处理站点", "≥3座", ""], ["清运量", "≥500吨", ""]]
    rows = _pages(((54.0, 80.0, 160.0, 220.0, 300.0), first), ((54.0, 200.0, 300.0), second))
    with pytest.raises(
        importers.UnknownLayout, match="打印成了多页宽：项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 2 页"
    ):
        importers.parse_rows(rows)
    second = [
        ["绩效目标表"],
        ["项目名称", "三级指标", "指标值"],
        ["污水处理", "处理站点", "≥3座"],
        ["垃圾清运", "清运量", "≥500吨"],
    ]
    rows = _pages(((54.0, 80.0, 160.0, 220.0, 300.0), first), ((54.0, 120.0, 300.0), second))
    with pytest.raises(importers.UnknownLayout, match="项目名称或一级、二级指标在第 1 页"):  # 项目名称 printed again
        importers.parse_rows(rows)


def test_a_sheet_printed_pages_wide_and_tall_down_then_over_with_its_names_cut_off_is_refused_saying_so():
    """Printed down, then over: pages 1 and 2 hold 项目名称 … 二级指标 of all rows, pages 3 and 4 三级指标 and 指标值
    of the same rows. Only the page just before a page of names was looked at (page 2, rows without a header): the
    indicators were read without levels under a project named from the title."""
    import importers

    left = [["2027年项目支出绩效目标表"], ["序号", "项目名称", "一级指标", "二级指标"]]
    left += [[str(n), f"项目{n}", "产出指标", "数量指标"] for n in range(1, 6)]
    left_on = [[str(n), f"项目{n}", "效益指标", "社会效益指标"] for n in range(6, 12)]
    right = [["三级指标", "指标值"]] + [[f"指标{n}", f"≥{n}"] for n in range(1, 6)]
    right_on = [[f"指标{n}", f"≥{n}"] for n in range(6, 12)]
    grid, names = (54.0, 80.0, 160.0, 240.0), (54.0, 200.0)
    rows = _pages((grid, left), (grid, left_on), (names, right), (names, right_on))
    with pytest.raises(importers.UnknownLayout, match="项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 3 页"):
        importers.parse_rows(rows)


def test_two_forms_printed_pages_wide_with_their_names_cut_off_are_refused_though_the_next_forms_head_is_read():
    """Two forms on a sheet printed pages wide, cut before 三级指标: page 1 holds the first form's head and levels
    and, under them, the second form's head (its cells merged across the break: nothing on page 2), page 2 三级指标
    and 指标值. Since that head is read as rows of two cells (项目名称 | 河道保洁), page 1 held more rows than page 2
    and was not taken for the same rows: two projects' indicators were read as one's, without levels or a word."""
    import importers

    levels = [(70.0, ["项目名称", "污水处理"]), (150.0, ["绩效指标", "一级指标", "二级指标"])]
    levels += [(170.0 + 20 * n, ["绩效指标", "产出指标", "数量指标"]) for n in range(1, 8)]
    levels += [(360.0, ["项目支出绩效目标表"])]
    levels += [(390.0 + 20 * n, [label, "河道保洁"]) for n, label in enumerate(("项目名称", "主管部门", "实施单位"))]
    names = [(150.0, ["三级指标", "指标值"])] + [(170.0 + 20 * n, [f"处理站点{n}", f"≥{n}座"]) for n in range(1, 8)]
    rows = _level_pages(((54.0, 124.0, 180.0, 250.0), levels), ((54.0, 200.0, 300.0), names))
    with pytest.raises(importers.UnknownLayout, match="项目名称或一级、二级指标在第 1 页，指标名称和指标值在第 2 页"):
        importers.parse_rows(rows)


def test_a_table_of_its_own_pages_after_a_list_of_projects_a_page_of_text_between_is_read():
    """A list of the projects (序号 | 项目名称 | 预算金额) on page 1, a page of text, then a goal table of its own
    whose header names no levels (序号 | 项目名称 | 三级指标 | 指标值), as many rows: since a sheet printed down then
    over was looked for, the list was taken for the left part of a print pages wide and the document refused."""
    import importers

    listing = [["2027年项目支出预算表"], ["序号", "项目名称", "预算金额"]]
    listing += [[str(n), f"项目{n}", f"{n}0"] for n in range(1, 6)]
    text = [["一、项目实施情况说明"]] + [[f"第{n}段说明。"] for n in range(1, 6)]
    goals = [["2027年项目支出绩效目标表"], ["序号", "项目名称", "三级指标", "指标值"]]
    goals += [[str(n), f"项目{n}", f"指标{n}", f"≥{n}"] for n in range(1, 6)]
    rows = _pages(((54.0, 100.0, 250.0), listing), ((), text), ((54.0, 100.0, 250.0, 400.0), goals))
    document = importers.parse_rows(rows)
    assert [(p.name, [i.name for i in p.indicators]) for p in document.projects] == [
        (f"项目{n}", [f"指标{n}"]) for n in range(1, 6)
    ]


def test_a_table_of_its_own_on_the_page_after_a_list_of_projects_or_a_forms_head_is_read():
    """Not a header cut by a page break: a form's head ending with a long goal fills page 1 and its indicators' header
    (一级指标 … 指标值) starts page 2, or a list of the unit's projects (序号 | 项目名称 | …) is on page 1 and the flat
    goal table (项目名称 | 一级指标 | … | 指标值) on page 2. Both were refused as printed pages wide."""
    import importers

    grid = (54.0, 150.0, 250.0, 400.0)
    head = [["2027年项目支出绩效目标表"], ["项目名称", "免费开放"], ["主管部门", "文旅局", "实施单位", "图书馆"]]
    head += [["项目属性", "经常性项目", "项目期限", "1年"], ["项目资金", "年度资金总额", "150"]]
    head += [["", "财政拨款", "150"], ["", "其他资金", "0"], ["年度绩效目标", "全年免费开放。" * 40]]
    table = [["一级指标", "二级指标", "三级指标", "指标值"]]
    table += [["产出指标", "数量指标", f"接待人次{n}", f"≥{n}万"] for n in range(1, 7)]
    (project,) = importers.parse_rows(_pages((grid, head), (grid, table))).projects
    assert (project.name, len(project.indicators)) == ("免费开放", 6)

    listed = [["序号", "项目名称", "项目单位", "预算金额"]]
    listed += [[f"{n}", f"项目{n}", "交通局", "100"] for n in range(1, 7)]
    flat = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]]
    flat += [["公路养护", "产出指标", "数量指标", f"养护里程{n}", f"≥{n}公里"] for n in range(1, 7)]
    (project,) = importers.parse_rows(_pages((grid, listed), (LEFT, flat))).projects
    assert (project.name, len(project.indicators)) == ("公路养护", 6)


def test_a_page_holding_a_projects_head_is_not_left_out_as_a_wide_prints_later_columns():
    """A table without rules (its rows' cells only counted): project 1's form, a page of 评分标准 | 分值, project 2's
    form starting with 项目名称 | … — as many cells as the 评分标准 header: project 2's page was left out as a page
    of later columns, and project 2 with it."""
    import importers
    from importers.records import Row

    def form(name: str) -> list[list[str]]:
        rows = [["项目名称", name], ["年度绩效目标", f"完成{name}"], ["一级指标", "二级指标", "三级指标", "指标值"]]
        return rows + [["产出指标", "数量指标", f"{name}{n}", f"≥{n}"] for n in range(1, 4)]

    rubric = [["评分标准", "分值"], ["达到目标值", "满分"], ["未达到", "0"]]
    pages = (form("公路养护"), rubric, form("免费开放"))
    rows = [Row(cells, n, page=page) for page, table in enumerate(pages, 1) for n, cells in enumerate(table, 1)]
    doc = importers.parse_rows(rows)
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("公路养护", 3), ("免费开放", 3)]


def test_a_wide_prints_left_out_page_names_the_text_above_its_table():
    """A form printed pages wide: its 年度资金总额's amount and its long goal's end go on the page of later columns,
    above 指标解释 | 评分标准 | 备注, and were left out with that page without a word: the warning names them (rows
    read without their place on the page: which row each goes into is not known)."""
    import importers

    head = [["项目支出绩效目标表"], ["项目名称", "污水处理"], ["年度资金总额", ""], ["年度总体目标", "处理全镇污"]]
    top = [["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]]
    top += [["绩效指标", "产出指标", "数量指标", f"处理站点{n}", f"≥{n}座"] for n in range(1, 4)]
    notes = [["300"], ["水，达标排放。"], ["指标解释", "评分标准", "备注"]]
    notes += [[f"解释{n}", "完成得满分", ""] for n in range(1, 4)]
    doc = importers.parse_rows(_pages((LEFT, head + top), (RIGHT, notes)))
    assert len(doc.projects[0].indicators) == 3
    (told,) = [w for w in doc.warnings if "多页宽" in w]
    assert "右侧页上表格上方的文字（300；水，达标排放。）未能接回前页的行，未读入" in told


def _level_pages(*pages: tuple[tuple[float, ...], list[tuple[float, list[str]]]]) -> list:
    """Rows printed on pages 1, 2, …, each with its top on the page (a PDF's): a page's (grid, [(top, cells)]); a
    row of one cell is a text line, whose lowest line is its top; a table row's lowest line is 7 points below."""
    from importers.records import Row

    rows: list[Row] = []
    for page, (edges, table) in enumerate(pages, 1):
        for top, cells in table:
            ruled = len(cells) > 1
            rows.append(
                Row(cells, len(rows) + 1, page=page, edges=edges if ruled else (), top=top, foot=top + 7 * ruled)
            )
    return rows


def _wide_form_page(goal: str, foot: float = 0.0) -> list[tuple[float, list[str]]]:
    """A form's first page printed pages wide: its head (年度资金总额's amount is on the next page), its indicators'
    header at 150 and three rows under it."""
    rows = [(40.0, ["项目支出绩效目标表"]), (70.0, ["项目名称", "污水处理"]), (90.0, ["年度资金总额", ""])]
    rows += [(110.0, ["年度总体目标", goal]), (150.0, ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"])]
    rows += [(170.0 + 20 * n, ["绩效指标", "产出指标", "数量指标", f"处理站点{n}", f"≥{n}座"]) for n in range(1, 4)]
    return rows


def test_a_wide_prints_later_columns_and_form_head_are_put_back_beside_the_rows_they_stand_level_with():
    """A form printed pages wide: 指标解释 | 评分标准 | 备注 on the next page were left out (the warning said so), and
    年度资金总额's amount (right of its merged cell) and a goal's one line running on, standing there too, were only
    named (amount empty, goal cut). Each goes into the row it stands level with (the character the page's side
    cuts, printed on both pages, once); a goal of two lines is not joined (where its parts go is not known) and is
    named."""
    import importers

    notes = [(93.0, ["300"]), (117.0, ["达标排放。"]), (150.0, ["指标解释", "评分标准", "备注"])]
    notes += [(170.0 + 20 * n, [f"解释{n}", "完成得满分", ""]) for n in range(1, 4)]
    doc = importers.parse_rows(_level_pages((LEFT, _wide_form_page("处理全镇污水，达")), (RIGHT, notes)))
    (project,) = doc.projects
    assert (project.amount, project.goal, len(project.indicators)) == ("300", "处理全镇污水，达标排放。", 3)
    assert [i.notes for i in project.indicators] == [
        {"指标解释": f"解释{n}", "评分标准": "完成得满分"} for n in (1, 2, 3)
    ]
    assert not [w for w in doc.warnings if "多页宽" in w]

    rows = _level_pages((LEFT, _wide_form_page("处理全镇污水，达处理站点全年运行")), (RIGHT, notes))
    rows[3].foot = 131.0  # the goal's second line, under the one that runs on
    doc = importers.parse_rows(rows)
    assert (doc.projects[0].amount, doc.projects[0].goal) == ("300", "处理全镇污水，达处理站点全年运行")
    (told,) = [w for w in doc.warnings if "多页宽" in w]
    assert told.startswith("表格打印成了多页宽：右侧页上表格上方的文字（达标排放。）未能接回前页的行，未读入")


def test_a_wide_prints_goal_of_several_lines_gets_each_lines_rest_back():
    """A goal of two lines or more in a merged cell the page's side cuts: each line's rest stands on the next page,
    level with it, and was left out, named in the warning (the first page's cell runs its lines' left parts
    together). Each rest goes at the end of the line it stands level with, in order (the character cut, printed on
    both pages, once)."""
    import importers

    notes = [(93.0, ["300"]), (113.0, ["达标排放，"]), (150.0, ["指标解释", "评分标准", "备注"])]
    notes += [(170.0 + 20 * n, [f"解释{n}", "完成得满分", ""]) for n in range(1, 4)]
    rows = _level_pages((LEFT, _wide_form_page("处理全镇污水，达处理站点全年运行")), (RIGHT, notes))
    rows[3].foot, rows[3].breaks = 131.0, ((113.0, 8), (131.0, 16))  # two lines: the first runs on
    doc = importers.parse_rows(rows)
    assert (doc.projects[0].amount, doc.projects[0].goal) == ("300", "处理全镇污水，达标排放，处理站点全年运行")
    assert not [w for w in doc.warnings if "多页宽" in w]


@pytest.mark.parametrize("placed", [False, True])
def test_a_form_printed_three_pages_wide_gets_its_later_pages_columns_amount_and_goal_back(placed):
    """A form printed three pages wide: 指标解释 alone on the second page (its header the one cell written: no table
    row, the page not taken for later columns) and 评分标准 | 备注 on the third were lost with 年度资金总额's amount
    (right of its merged cell, on the third page) and the goal's last part, without a word. The column alone may
    stand in the cells of the table before (`placed`: by its left edge, the rest blank). Each page's columns go
    beside the rows, after the page before's."""
    import importers

    alone = (LEFT, [""] * 4) if placed else ((54.0, 264.0), [""])
    second = [(117.0, ["标排放，处理站点"]), (150.0, ["指标解释", *alone[1]])]
    second += [(170.0 + 20 * n, [f"解释{n}", *alone[1]]) for n in range(1, 4)]
    third = [(93.0, ["300"]), (117.0, ["点全年运行。"]), (150.0, ["评分标准", "备注"])]
    third += [(190.0, ["完成得满分", "含泵站"]), (210.0, ["完成得满分", ""]), (230.0, ["完成得满分", "新建"])]
    pages = (LEFT, _wide_form_page("处理全镇污水，达")), (alone[0], second), ((54.0, 200.0), third)
    doc = importers.parse_rows(_level_pages(*pages))
    (project,) = doc.projects
    assert (project.amount, project.goal) == ("300", "处理全镇污水，达标排放，处理站点全年运行。")
    notes = [{"指标解释": f"解释{n}", "评分标准": "完成得满分"} for n in (1, 2, 3)]
    assert [i.notes for i in project.indicators] == [
        notes[0] | {"备注": "含泵站"},
        notes[1],
        notes[2] | {"备注": "新建"},
    ]
    assert not doc.warnings


def _second_form(top: float) -> list[tuple[float, list[str]]]:
    """A second form's head and indicators under the first on one sheet, from `top` (its title)."""
    rows = [(top, ["项目支出绩效目标表"]), (top + 30, ["项目名称", "河道保洁"]), (top + 50, ["年度资金总额", ""])]
    rows += [(top + 70, ["年度总体目标", "保洁河道20公里"])]
    rows += [(top + 110, ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"])]
    return rows + [
        (top + 130 + 20 * n, ["绩效指标", "产出指标", "数量指标", f"保洁河段{n}", f"≥{n}公里"]) for n in (1, 2)
    ]


def _later(top: float, count: int, header: bool = True) -> list[tuple[float, list[str]]]:
    """A form's later columns on a page to the right: their header level with the indicators' header at `top`."""
    rows = [(top, ["指标解释", "评分标准", "备注"])] if header else []
    return rows + [(top + 20 + 20 * n, [f"解释{n}", "完成得满分", ""]) for n in range(1, count + 1)]


def test_two_forms_one_under_the_other_printed_pages_wide_get_both_amounts_and_later_columns_back():
    """Two forms one under the other on a sheet printed two pages wide: the second's amount stands on the page to
    the right between the two tables, and was left out without a word (only the text above the page's first table
    was put back)."""
    import importers

    left = _wide_form_page("处理全镇污水") + _second_form(300.0)
    right = [(93.0, ["300"])] + _later(150.0, 3) + [(353.0, ["450"])] + _later(410.0, 2)
    doc = importers.parse_rows(_level_pages((LEFT, left), (RIGHT, right)))
    assert [(p.name, p.amount, len(p.indicators)) for p in doc.projects] == [
        ("污水处理", "300", 3),
        ("河道保洁", "450", 2),
    ]
    assert [i.notes["指标解释"] for p in doc.projects for i in p.indicators] == [
        "解释1",
        "解释2",
        "解释3",
        "解释1",
        "解释2",
    ]
    assert not doc.warnings


def test_two_forms_printed_down_then_over_get_the_second_forms_amount_and_later_columns_back():
    """Two forms on a sheet printed pages wide, down then over: the second's head ends the first page, its
    indicators fill the second; their later columns are on pages 3 and 4. Page 3 (its rows end above the first
    page's: the second form's head there has no cells of its own) stood beside no page: left out unsaid, with the
    first form's amount; page 4's header, the same as page 3's, is left out by the reader as a repeated one: the
    second form's later columns had no header."""
    import importers

    first = _wide_form_page("处理全镇污水") + _second_form(300.0)[:4]
    second = [(row[0] - 370.0, row[1]) for row in _second_form(300.0)[4:]]
    third = [(93.0, ["300"])] + _later(150.0, 3) + [(353.0, ["450"])]
    fourth = _later(40.0, 2, header=False)
    doc = importers.parse_rows(_level_pages((LEFT, first), (LEFT, second), (RIGHT, third), (RIGHT, fourth)))
    assert [(p.name, p.amount, len(p.indicators)) for p in doc.projects] == [
        ("污水处理", "300", 3),
        ("河道保洁", "450", 2),
    ]
    assert [i.notes.get("指标解释") for p in doc.projects for i in p.indicators] == [
        "解释1", "解释2", "解释3", "解释1", "解释2"
    ]  # fmt: skip
    assert not doc.warnings


def test_three_forms_wide_down_then_over_the_last_forms_column_alone_gets_its_amount_and_notes_back():
    """A sheet of forms printed three pages wide, down then over: the second form's 备注 stands alone on the last
    page, its header left out by the reader as a repeated one, most of its cells blank, under the form's amount
    (right of its merged cell). The amount, a text not ruled, kept the page from being taken for a column's rest,
    and a blank first row from taking the header of the page before: the amount and 备注 were lost without a
    word."""
    import importers

    notes = [(150.0, ["指标解释", "评分标准"])] + [(170.0 + 20 * n, [f"解释{n}", "完成得满分"]) for n in (1, 2, 3)]
    first_notes = [(93.0, ["300"]), (150.0, ["备注", ""]), (190.0, ["含泵站", ""]), (210.0, ["", ""])]
    first_notes += [(230.0, ["新建", ""])]
    second_notes = [(93.0, ["450"]), (190.0, ["", ""]), (210.0, ["河道", ""])]
    doc = importers.parse_rows(
        _level_pages(
            (LEFT, _wide_form_page("处理全镇污水")),
            (LEFT, _second_form(40.0)),
            ((54.0, 264.0, 446.0), notes),
            ((54.0, 264.0, 446.0), notes[1:3]),
            ((54.0, 200.0), first_notes),
            ((54.0, 200.0), second_notes),
        )
    )
    assert [(p.name, p.amount) for p in doc.projects] == [("污水处理", "300"), ("河道保洁", "450")]
    assert [i.notes.get("备注", "") for p in doc.projects for i in p.indicators] == ["含泵站", "", "新建", "", "河道"]
    assert [i.notes.get("指标解释") for p in doc.projects for i in p.indicators] == [
        "解释1", "解释2", "解释3", "解释1", "解释2"
    ]  # fmt: skip
    assert not doc.warnings


def test_a_self_evaluation_printed_pages_wide_is_read_with_its_achieved_values_and_scores():
    """A self-evaluation printed pages wide puts 实际完成值 | 分值 | 得分 on the next page: their header and rows were
    read as more indicators (7 for 3), without what was achieved. They stand level with the indicators' rows: read
    beside them."""
    import importers

    page = _wide_form_page("处理全镇污水")
    page[0] = (40.0, ["项目支出绩效自评表"])
    later = [(150.0, ["实际完成值", "分值", "得分"])] + [(170.0 + 20 * n, [f"{n}座", "10", "10"]) for n in range(1, 4)]
    (project,) = importers.parse_rows(_level_pages((LEFT, page), (RIGHT, later))).projects
    assert [(i.target, i.actual, i.score) for i in project.indicators] == [
        (f"≥{n}座", f"{n}座", "10") for n in (1, 2, 3)
    ]


def test_a_self_evaluation_printed_in_column_strips_with_its_head_cut_is_read_whole():
    """A self-evaluation printed pages wide with its head (Excel's Wide margins): the page of its later columns
    begins with the head's rest, level with the head's rows (实施单位, 全年执行数 | 分值 | 执行率 | 得分, the name
    merged across the break, printed there), above its 实际完成值 | 分值 | 得分 header. It was not taken for such a
    page, and the form was refused for want of indicator rows. Its rows stand level with the first page's: read
    beside them, the 总分 row's 分值 and 得分 under their columns."""
    import importers

    left = [(40.0, ["2024年度项目支出绩效自评表"]), (70.0, ["项目名称", "项目名称", "", "", ""])]
    left += [(90.0, ["主管部门", "主管部门", "某市水务局", "某市水务局", "某市水务局"])]
    left += [(110.0, ["项目资金（万元）", "", "", "年初预算数", "全年预算数"])]
    left += [(130.0, ["项目资金（万元）", "年度资金总额", "年度资金总额", "120.00", "120.00"])]
    left += [(150.0, ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"])]
    left += [(170.0 + 20 * n, ["绩效指标", "产出指标", "数量指标", f"处理站点{n}", f"≥{n}座"]) for n in range(1, 4)]
    left += [(250.0, ["总分"] * 5)]
    right = [(72.0, ["社区污水处理"]), (90.0, ["实施单位", "实施单位", "某镇污水处理站", "某镇污水处理站"])]
    right += [(110.0, ["全年执行数", "分值", "执行率", "得分"]), (130.0, ["112.50", "10", "93.75%", "9.38"])]
    right += [(150.0, ["实际完成值", "分值", "得分", "偏差原因分析及改进措施"])]
    right += [(170.0 + 20 * n, [f"{n}座", "30", "30", "无"]) for n in range(1, 4)]
    right += [(250.0, ["", "100", "99.38", ""])]
    doc = importers.parse_rows(_level_pages((LEFT, left), ((54.0, 160.0, 230.0, 300.0), right)))
    (project,) = doc.projects
    assert (project.kind, project.name, project.department, project.amount) == (
        "self_evaluation", "社区污水处理", "某市水务局", "120.00"
    )  # fmt: skip
    assert {k: project.fields.get(k) for k in ("实施单位", "全年执行数", "执行率", "总分")} == {
        "实施单位": "某镇污水处理站", "全年执行数": "112.50", "执行率": "93.75%", "总分": "分值 100；得分 99.38"
    }  # fmt: skip
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in project.indicators] == [
        (f"处理站点{n}", f"≥{n}座", f"{n}座", "30", "30") for n in (1, 2, 3)
    ]
    assert not doc.warnings


def test_a_self_evaluation_printed_pages_wide_between_its_names_and_targets_is_read_whole():
    """A self-evaluation the page's side parts between 三级指标 and 年度指标值: its names on one page, its targets,
    what was achieved and the scores on the next (年度指标值 | 实际完成值 | 分值 | 得分, no name nor level). It was
    refused (指标名称在第 1 页，指标值在第 2 页), as the page holds targets, which a page of later columns never does.
    A page whose header names targets and later columns only, after one naming the indicators without a target,
    is such a page where its rows stand level with that one's: read beside them."""
    import importers

    left = [(40.0, ["2024年度项目支出绩效自评表"]), (70.0, ["项目名称", *["社区污水处理"] * 3])]
    left += [(90.0, ["主管部门", "某市水务局", "某市水务局", "某市水务局"])]
    left += [(110.0, ["项目资金（万元）", "", "年初预算数", "全年预算数"])]
    left += [(130.0, ["", "年度资金总额", "120.00", "120.00"])]
    left += [(150.0, ["绩效指标", "一级指标", "二级指标", "三级指标"])]
    left += [(170.0 + 20 * n, ["绩效指标", "产出指标", "数量指标", f"处理站点{n}"]) for n in range(1, 4)]
    left += [(250.0, ["总分", "", "", ""])]
    right = [(90.0, ["", "实施单位", "实施单位", "某镇污水处理站"])]
    right += [(110.0, ["全年执行数", "分值", "执行率", "得分"]), (130.0, ["112.50", "10", "93.75%", "9.38"])]
    right += [(150.0, ["年度指标值", "实际完成值", "分值", "得分"])]
    right += [(170.0 + 20 * n, [f"≥{n}座", f"{n}座", "30", "30"]) for n in range(1, 4)]
    right += [(250.0, ["", "", "100", "99.38"])]
    doc = importers.parse_rows(_level_pages((LEFT[:4], left), ((54.0, 120.0, 190.0, 250.0, 300.0), right)))
    (project,) = doc.projects
    assert (project.kind, project.name, project.amount) == ("self_evaluation", "社区污水处理", "120.00")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in project.indicators] == [
        (f"处理站点{n}", f"≥{n}座", f"{n}座", "30", "30") for n in (1, 2, 3)
    ]
    assert not doc.warnings
    left[5] = (150.0, ["", "", "", "三级指标"])  # its levels on a page before, not beside: not read, said
    with pytest.raises(importers.UnknownLayout, match="指标名称在第 1 页，指标值在第 2 页"):
        importers.parse_rows(_level_pages((LEFT[:4], left), ((54.0, 120.0, 190.0, 250.0, 300.0), right)))


def test_a_goal_form_printed_pages_wide_with_its_targets_column_alone_on_its_page_is_read_whole():
    """A goal form the page's side parts between 三级指标 and 指标值, 指标值 its last column: page 2 holds that column
    alone, level with page 1's rows, placed by the reader in the cells of page 1's grid (its left edge the table's):
    the page's shape was page 1's, so it was no page of later columns, and the form refused (指标名称在第 1 页，
    指标值在第 2 页). A page whose header names targets only after one naming the levels and names is read beside it."""
    import importers

    grid = (54.0, 124.0, 222.0)
    left = [(72.0, ["项目支出绩效目标表"]), (87.0, ["项目名称", "农村危房改造", "农村危房改造"])]
    left += [(102.0, ["年度绩效目标", "完成农村危房改造85户。", "完成农村危房改造85户。"])]
    left += [(117.0, ["一级指标", "二级指标", "三级指标"]), (132.0, ["产出指标", "数量指标", "改造农村危房"])]
    left += [(147.0, ["满意度指标", "服务对象满意度指标", "受益农户满意度"])]
    right = [(117.0, ["指标值", "", ""]), (132.0, ["≥85户", "", ""]), (147.0, ["≥95%", "", ""])]
    doc = importers.parse_rows(_level_pages((grid, left), (grid, right)))
    (project,) = doc.projects
    assert [(i.level1, i.level2, i.name, i.target) for i in project.indicators] == [
        ("产出指标", "数量指标", "改造农村危房", "≥85户"),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95%"),
    ]
    assert (project.goal, doc.warnings) == ("完成农村危房改造85户。", [])
    right[2] = (160.0, ["≥95%", "", ""])  # a row not level with page 1's: not read beside it, said
    with pytest.raises(importers.UnknownLayout, match="指标名称在第 1 页，指标值在第 2 页"):
        importers.parse_rows(_level_pages((grid, left), (grid, right)))


def test_a_table_of_its_own_after_a_whole_goal_table_is_not_called_its_later_columns():
    """A 评分标准 | 分值 table on the page after a whole form (its rows not level with the form's) was left out with a
    warning calling it the form's later columns, the same rows: it is no goal table, left out unsaid; the same
    columns level with the form's rows are its later columns, read beside them."""
    import importers

    rubric = [(40.0, ["评分标准"]), (60.0, ["评分标准", "分值"])]
    rubric += [(75.0, ["达到目标值", "满分"]), (90.0, ["未达到", "0"])]
    doc = importers.parse_rows(_level_pages((LEFT, _wide_form_page("处理全镇污水")), ((54.0, 300.0), rubric)))
    assert (doc.projects[0].name, len(doc.projects[0].indicators)) == ("污水处理", 3)
    assert not [w for w in doc.warnings if "多页宽" in w]

    beside = [(150.0, ["评分标准", "分值"])] + [(170.0 + 20 * n, ["完成得满分", "10"]) for n in range(1, 4)]
    doc = importers.parse_rows(_level_pages((LEFT, _wide_form_page("处理全镇污水")), ((54.0, 300.0), beside)))
    assert [(i.weight, i.notes) for i in doc.projects[0].indicators] == [("10", {"评分标准": "完成得满分"})] * 3


@pytest.mark.parametrize(
    "header", [["评分标准", "分值"], ["分值", "得分", "偏差原因"]], ids=["rubric", "self-evaluation's words"]
)
def test_a_table_of_its_own_laid_out_as_the_goal_tables_sheet_is_not_put_beside_its_rows(header):
    """A sheet of its own after a whole form (评分标准 | 分值, or 分值 | 得分 | 偏差原因), laid out as the form's sheet:
    its header and first rows stand level with the form's, but it ends above the form's last row. Its cells were put
    beside the form's rows as their 评分标准 and 分值 (or 偏差原因), without a word: printed pages wide, the same rows
    end at the same height, so these are not the form's later columns."""
    import importers

    table = [(150.0, header)] + [(170.0 + 20 * n, [f"第{n}档", "10", "无"][: len(header)]) for n in (1, 2)]
    doc = importers.parse_rows(_level_pages((LEFT, _wide_form_page("处理全镇污水")), ((54.0, 200.0, 300.0), table)))
    indicators = doc.projects[0].indicators
    assert [i.name for i in indicators[:3]] == ["处理站点1", "处理站点2", "处理站点3"]
    assert [(i.weight, i.notes, i.score) for i in indicators[:3]] == [("", {}, "")] * 3


def test_a_wide_prints_later_columns_beside_an_unruled_table_not_level_with_its_lines_are_named():
    """A sheet without borders printed pages wide: each cell centred on its row, a row whose 指标解释 wraps on the
    page to the right has its lines at other heights on each page, and the header wrapped on the left stands higher.
    That page (指标解释 | 评分标准 | 备注) was taken for a table of its own and left out without a word; it spans the
    table's rows: left out, and said, as the pages whose lines' rows are not known."""
    import importers

    notes = [
        (156.0, ["指标解释", "评分标准", "备注"]),
        (170.0, ["资助困难群众参保的", "完成得满分"]),
        (183.0, ["人数"]),
    ]
    notes += [(196.0 + 20 * n, [f"解释{n}", "完成得满分", "问卷"]) for n in (2, 3)]
    rows = _level_pages((LEFT, _wide_form_page("处理全镇污水")), (RIGHT, notes))
    for row in rows:
        row.edges = ()
    doc = importers.parse_rows(rows)
    assert len(doc.projects[0].indicators) == 3
    (told,) = [w for w in doc.warnings if "多页宽" in w]
    assert "第 2 页是右侧的列（指标解释、评分标准、备注），与前页是同一些指标行，未读入" in told


def test_a_scoring_table_of_its_own_after_an_unruled_goal_table_is_not_named_as_its_later_columns():
    """A 评分标准 | 分值 table of its own on the page after an unruled goal table, under its own title and note and
    running on far below the goal table's last line, was said to be the goal table's later columns ('第 2 页是右侧的
    列…与前页是同一些指标行，未读入'), its note a text above them not put back (a LibreOffice print joined such
    notes to the form's name and amount). Lines beside a table's rows end no lower than half its height below its
    last."""
    import importers

    own = [(40.0, ["附件2 评分细则"]), (70.0, ["说明：各项得分相加为总分"]), (160.0, ["评分标准", "分值"])]
    own += [(180.0 + 18 * n, [f"完成第{n}项得满分", "10"]) for n in range(1, 8)]
    rows = _level_pages((LEFT, _wide_form_page("处理全镇污水")), ((54.0, 300.0), own))
    for row in rows:
        row.edges = ()
    doc = importers.parse_rows(rows)
    assert (doc.projects[0].name, len(doc.projects[0].indicators)) == ("污水处理", 3)
    assert not [w for w in doc.warnings if "多页宽" in w]


def test_a_wide_prints_later_columns_printed_without_borders_beside_a_ruled_table_are_still_named():
    """A sheet ruled over its first columns only, printed pages wide: its 指标解释 | 评分标准 page holds text lines, not
    level with the table's ruled rows. It was left out without a word (taken for a table of its own); which row
    each line stands in is not known: left out, and said, as before rows said where they stand."""
    import importers

    notes = [(150.0, ["指标解释", "评分标准"])] + [(170.0 + 20 * n, [f"解释{n}", "完成得满分"]) for n in (1, 2, 3)]
    rows = _level_pages((LEFT, _wide_form_page("处理全镇污水")), ((54.0, 264.0, 446.0), notes))
    for row in rows:
        row.edges = row.edges if row.page == 1 else ()
        row.top += 4 * (row.page == 2)  # (a text line's top: below the rule its row starts at)
    doc = importers.parse_rows(rows)
    assert len(doc.projects[0].indicators) == 3
    (told,) = [w for w in doc.warnings if "多页宽" in w]
    assert "第 2 页是右侧的列（指标解释、评分标准），与前页是同一些指标行，未读入" in told
