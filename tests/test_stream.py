"""Files too large to hold whole: text read as a stream, parsed chunk by chunk, stored piece by piece in one
transaction — giving exactly what the whole-file path gives, in memory that does not grow with the file."""

from __future__ import annotations

import codecs
import dataclasses
import io
import random
import re
import sqlite3
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import importers
from conftest import ROOT, SEEDS, damaged, fuzz_budget
from fixtures.hostile import table_pdf
from importers import registry
from importers.layouts import Layout
from importers.readers import RowStream, UnreadableFile, can_stream, read_rows, text
from importers.readers.text import split_rows, stream_rows
from importers.records import ParseError, RawDocument, RawIndicator, RawProject
from importers.stream import parse_stream
from kb.ingest import run as ingest
from kb.ingest import workers as parsing
from kb.db import connect


def generated(kind: str, documents: int, seed: int = 7, **year) -> str:
    """Generated documents of one layout (benchmarks/corpus.py), concatenated like a province's export."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import corpus

    rng = random.Random(seed)
    sample = corpus.Sampler(corpus.vocabulary(rng, 300), rng)
    parts = []
    for _ in range(documents):
        projects, per = rng.randint(1, 6), rng.randint(1, 5)
        if kind == "form":
            parts.append(corpus.form_document(rng, sample, projects, per, year.get("year", 2021), "宁波市"))
        elif kind == "summary":
            parts.append(corpus.summary_document(rng, sample, projects, per))
        else:
            parts.append(corpus.inline_document(rng, sample, projects, per, rng.choice(corpus.REGIONS)))
    return "".join(parts)


def whole(pieces: list[RawDocument]) -> RawDocument:
    return dataclasses.replace(
        pieces[0],
        projects=[p for piece in pieces for p in piece.projects],
        warnings=[w for piece in pieces for w in piece.warnings],
    )


# --- reading text as a stream ------------------------------------------------------------------

LINES = "标题\r\n项目名称\t甲\r第二行\n分\u2028行\n\n" * 40 + "最后一行"
ALIGNED = (
    "标题\r\n一级指标  二级指标  三级指标    指标值\n产出指标  数量指标  培训人数    ≥100人\n"
    "                    培训场次    ≥5场\r\n\n" * 40 + "最后一行"
)  # copied from a page: spaces, no tabs


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"])
@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
@pytest.mark.parametrize("lines", [LINES, ALIGNED], ids=["tabs", "aligned"])
def test_streamed_text_rows_are_the_whole_file_rows(monkeypatch, encoding, ending, lines):
    monkeypatch.setattr(text, "HEAD_BYTES", 64)  # the encoding is chosen on a head far shorter than the file
    data = (lines + ending).encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    rows = list(stream_rows(io.BytesIO(data)))
    assert [(r.cells, r.line) for r in rows] == [(r.cells, r.line) for r in text.read_text_rows(data)]
    assert len(rows) > 200


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_streamed_csv_rows_are_the_whole_file_rows(monkeypatch, encoding):
    monkeypatch.setattr(text, "HEAD_BYTES", 64)
    data = ('项目名称;指标值\r\n"甲;乙";"≥90%\n备注"\r\n' * 50).encode(encoding)
    rows = list(stream_rows(io.BytesIO(data), csv_rows=True))
    assert [(r.cells, r.line) for r in rows] == [(r.cells, r.line) for r in text.read_csv_rows(data)]
    assert rows[1].cells == ["甲;乙", "≥90%\n备注"]


def test_bytes_that_do_not_decode_after_the_head_name_their_line(monkeypatch):
    monkeypatch.setattr(text, "HEAD_BYTES", 64)
    data = "项目\t指标\n".encode() * 3000 + b"\xff\xfe broken\n" + "后面\n".encode() * 10
    with pytest.raises(UnreadableFile) as failure:
        list(stream_rows(io.BytesIO(data)))
    assert str(failure.value) == "第 3001 行的编码与文件开头不同 line 3001: not UTF-8 text like the start of the file"


@pytest.mark.parametrize("data, reason", [(b"", "empty file"), (b"\x00\x01" * 5000, "binary data")])
def test_streaming_refuses_what_the_whole_read_refuses(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        list(stream_rows(io.BytesIO(data)))


def test_only_text_by_extension_and_content_is_streamed(tmp_path):
    files = {
        "a.csv": "项目名称,指标\n".encode(),
        "a.txt": b"\x89PNG\r\n\x1a\n" + bytes(100),
        "a.xlsx": b"PK\x03\x04" + bytes(100),
        "a.tsv": "项目名称\t指标\n".encode("gb18030"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert {name for name in files if can_stream(tmp_path / name)} == {"a.csv", "a.tsv"}


@pytest.mark.parametrize("forms", [30, 3000])  # within the first read, and past it (its last bytes looked at first)
def test_row_stream_hashes_and_counts_every_byte_once(tmp_path, forms):
    import hashlib

    path = tmp_path / "big.txt"
    path.write_text(generated("form", forms), "utf-8")
    with RowStream(path) as rows:
        streamed = [(r.cells, r.line) for r in rows]
        assert rows.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert rows.bytes_read == path.stat().st_size
    assert streamed == [(r.cells, r.line) for r in read_rows(path)]


# --- parsing chunk by chunk --------------------------------------------------------------------


def _cases() -> dict[str, str]:
    seeds = {path.name[:3]: path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    fixtures = ROOT / "tests" / "fixtures"
    return {
        **{f"seed{name}x3": "\n".join([text_] * 3) for name, text_ in seeds.items()},
        "forms": generated("form", 40),
        "summaries": generated("summary", 40),
        "inline": generated("inline", 40),
        "label-lines": fixtures.joinpath("label_lines.txt").read_text("utf-8") * 6,
        "flat-sheet": fixtures.joinpath("flat_sheet.tsv").read_text("utf-8") * 6,
    }


CASES = _cases()


@pytest.mark.parametrize("chunk", [1, 4, 25])
@pytest.mark.parametrize("name", sorted(CASES))
def test_pieces_hold_exactly_what_the_whole_parse_gives(name, chunk):
    """Every sample layout, and concatenations of many generated documents, through chunks as small as one row
    (projects cut at every possible place): the same records, line numbers, warnings and document fields."""
    rows = split_rows(CASES[name])
    expected = importers.parse_rows(rows)
    pieces = list(parse_stream(iter(rows), chunk))
    assert whole(pieces) == expected
    assert len(pieces) > 1 or len(rows) <= registry.SAMPLE_ROWS


@settings(max_examples=fuzz_budget(20), deadline=None)
@given(
    st.sampled_from([name for name in sorted(CASES) if name.startswith("seed")]),
    st.integers(0, 10_000),
    st.integers(1, 300),
    st.sampled_from(["delete", "duplicate", "shuffle"]),
    st.randoms(),
    st.integers(5, 60),
)
def test_a_damaged_document_read_in_chunks_gives_the_whole_read_or_an_error(name, at, length, change, rnd, chunk):
    """Seeds with a slice deleted, duplicated or shuffled: read in chunks, the same records as the whole read, or
    an error — never other records. When the whole read fails, so does the read in chunks. (A stream is read as one
    table: where damage makes the whole read take parts of it apart, or leave a part unread, the stream may differ.)"""
    rows = split_rows(damaged(CASES[name], change, at, length, rnd))
    try:
        expected = importers.parse_rows(rows)
    except (importers.UnknownLayout, ParseError):
        with pytest.raises((importers.UnknownLayout, ParseError)):
            list(parse_stream(iter(rows), chunk))
        return
    try:
        pieces = list(parse_stream(iter(rows), chunk))
    except (importers.UnknownLayout, ParseError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    if expected.reads == 1 and all(report.kind == "goal" for report in expected.segments[1:]):
        assert whole(pieces) == expected


def test_a_unit_row_far_above_is_carried_into_the_next_chunk():
    """inline-table: a unit row sets the department of every project below it; the chunk after the cut starts
    with that row as context, and a chunk starting under a new unit row takes the new one."""
    lines = CASES["seed002x3"].split("\n")
    rows = split_rows("\n".join(lines[:12] + lines[12:26] * 6 + lines[26:]))
    expected = importers.parse_rows(rows)
    assert len({p.department for p in expected.projects}) == 2
    assert whole(list(parse_stream(iter(rows), 3))) == expected


def test_a_document_that_cannot_be_read_in_pieces_says_so(monkeypatch):
    """A layout whose records depend on rows far away (here: the row count) cannot be cut: an error says so."""

    def parse(rows):
        starts = [row for row in rows if row.cells[0] == "项目"]
        return RawDocument(
            "counting",
            projects=[
                RawProject(name=f"{len(rows)}", line=row.line, indicators=[RawIndicator("x", "1")]) for row in starts
            ],
        )

    layout = Layout("counting", "test", lambda rows: 1.0, parse)
    monkeypatch.setattr(registry, "all_layouts", lambda: [layout])
    rows = split_rows("项目\n行\n" * 300)
    with pytest.raises(
        ParseError, match=r"^第 \d+ 行：太大.*line \d+: too large to read whole, and this counting document cannot"
    ):
        list(parse_stream(iter(rows), 50))


def test_an_error_deep_in_the_document_skips_its_table_whole_and_fails_in_chunks():
    """Read whole, a table that cannot be read is skipped and reported, the other tables kept; read in chunks (a
    text file too large to hold), the same error fails the document: its tables cannot be told apart in pieces."""
    lines = CASES["summaries"].split("\n")
    at = len(lines) - 40
    cells = lines[at].split("\t")
    lines[at] = "\t".join(["99", ""] + cells[2:])  # a 序号 without a project name
    rows = split_rows("\n".join(lines))
    intact = importers.parse_rows(split_rows(CASES["summaries"]))
    whole = importers.parse_rows(rows)
    skipped = [r for r in whole.segments if r.kind == "skipped"]
    assert len(skipped) == 1 and 0 < len(whole.projects) < len(intact.projects)
    with pytest.raises(ParseError) as streamed_error:
        list(parse_stream(iter(rows), 20))
    assert skipped[0].outcome == f"跳过 skipped: {streamed_error.value}"
    assert any(skipped[0].outcome in warning for warning in whole.warnings)


def test_memory_of_a_streamed_parse_does_not_grow_with_the_file(tmp_path, monkeypatch):
    """Peak traced memory parsing a file four times as large, in chunks of 2,000 rows: about the same. Both files
    repeat the same documents, read once before, so the parsers' bounded caches of cleaned cells are already full;
    the encoding is chosen on the first 64 KiB (not 1 MiB), so that fixed cost does not hide the rest."""
    monkeypatch.setattr(text, "HEAD_BYTES", 1 << 16)
    documents = generated("form", 30, year=2022)
    paths = [tmp_path / "small.txt", tmp_path / "large.txt"]
    paths[0].write_text(documents * 4, "utf-8")
    paths[1].write_text(documents * 16, "utf-8")

    def parse(path: Path) -> int:
        with RowStream(path) as rows:
            return sum(len(piece.projects) for piece in parse_stream(rows, 2_000))

    parse(paths[0])
    peaks = []
    for path in paths:
        tracemalloc.start()
        assert parse(path) > 100
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.2 * peaks[0], peaks


# --- importing --------------------------------------------------------------------------------


def _dump(conn: sqlite3.Connection) -> dict[str, list]:
    """Every stored record, without ids, paths and times."""
    return {
        "documents": conn.execute("""SELECT file_name, sha256, layout, title, region, region_source, year, year_source,
            department, department_source, warnings, fingerprint FROM documents ORDER BY file_name""").fetchall(),
        "projects": conn.execute("""SELECT d.file_name, p.seq, p.name, p.department, p.region, p.year, p.amount_wan,
            p.amount_text, p.total_wan, p.period, p.overview, p.goal, p.fields, p.extra
            FROM projects p JOIN documents d ON d.id = p.document_id ORDER BY d.file_name, p.seq""").fetchall(),
        "indicators": conn.execute("""SELECT d.file_name, p.seq, i.seq, n.name, i.level1, i.level2, i.std_level1,
            i.std_level2, i.operator, i.value, i.unit, i.target, i.period_target, i.year
            FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
            JOIN indicator_names n ON n.id = i.name_id ORDER BY 1, 2, 3""").fetchall(),
        "names": conn.execute("SELECT name, uses FROM indicator_names WHERE uses > 0 ORDER BY name").fetchall(),
        "search": [
            conn.execute(
                """SELECT d.file_name, p.seq FROM projects_fts f JOIN projects p ON p.id = f.rowid
                JOIN documents d ON d.id = p.document_id WHERE projects_fts MATCH ? ORDER BY 1, 2""",
                (query,),
            ).fetchall()
            for query in ('"满意 意度"', '"资金"*', 'name : "项目"', 'goal : "完成"*')
        ],
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    """Concatenated generated documents; one with its year only in the projects' periods, where the year most
    projects give changes after the first chunk (so the document's year is settled only at its end)."""
    out = tmp_path / "in"
    out.mkdir()
    for kind in ("form", "summary", "inline"):
        (out / f"{kind}.txt").write_text(generated(kind, 30, seed=len(kind)), "utf-8")
    periods = generated("form", 10, year=2020) + generated("form", 30, seed=9, year=2023)
    periods = "\n".join(periods.split("\n")[4:])  # no title, and no year in the goal labels either:
    periods = re.sub(r"\d{4}年绩效目标", "年度绩效目标", periods)
    (out / "periods.txt").write_text(periods, "utf-8")
    (out / "seed001.txt").write_text(next(SEEDS.glob("001_*.txt")).read_text("utf-8"), "utf-8")
    return out


def _import(db: Path, folder: Path, **kwargs) -> tuple[list, dict]:
    conn = connect(db)
    results = ingest.import_paths(conn, [folder], **kwargs)
    dump = _dump(conn)
    conn.close()
    return results, dump


def test_streamed_import_stores_what_the_whole_import_stores(tmp_path, folder, monkeypatch):
    _, expected = _import(tmp_path / "whole.sqlite3", folder)
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest, "STREAM_CHUNK_ROWS", 40)
    read: dict[str, int] = {}
    results, streamed = _import(
        tmp_path / "streamed.sqlite3", folder, reading=lambda path, done: read.__setitem__(path.name, done)
    )
    assert all(r.status == "imported" for r in results), [(r.path.name, r.message) for r in results]
    assert streamed == expected
    assert read == {path.name: path.stat().st_size for path in folder.iterdir()}
    assert {year for _, _, _, _, _, _, year, source, *_ in expected["documents"] if source == "period"} == {2023}


def test_streamed_import_is_idempotent_replaces_and_dry_runs(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest, "STREAM_CHUNK_ROWS", 200)
    db = tmp_path / "kb.sqlite3"
    dry, empty = _import(db, folder, dry_run=True)
    assert {r.status for r in dry} == {"would import"} and not empty["documents"]
    first, stored = _import(db, folder)
    assert [r.indicators for r in first] == [r.indicators for r in dry] and all(r.indicators for r in first)
    again, same = _import(db, folder)
    assert {r.status for r in again} == {"unchanged"} and same == stored
    path = folder / "summary.txt"
    path.write_text(path.read_text("utf-8") + generated("summary", 2, seed=99), "utf-8")
    changed, _ = _import(db, folder)
    assert [r.status for r in changed if r.path == path] == ["replaced"]


def test_a_file_changed_while_it_was_read_is_not_stored(conn, folder, monkeypatch):
    monkeypatch.setattr(ingest, "STREAM_CHUNK_ROWS", 100)
    result = ingest._import_stream(conn, folder / "form.txt", "0" * 64, ingest.Fallbacks(), False, lambda *a: None)
    assert result.status == "failed" and "changed while it was read" in result.message
    assert conn.execute("SELECT count(*) FROM projects").fetchone()[0] == 0


SUMMARY = next(SEEDS.glob("001_*.txt")).read_bytes()
LONG = 1 + (text.HEAD_BYTES // len(SUMMARY))  # copies that run past the head the encoding is chosen on
LATE_LINE = SUMMARY.count(b"\n") * LONG + 1


@pytest.mark.parametrize(
    "content, status, reason",
    [
        ("今天天气很好\n" * 50, "skipped", "not a goal document"),
        ("绩效目标\t说明\n" * 50, "failed", "layout unknown"),
        (SUMMARY * LONG + b"\xff\xfe\n", "failed", f"line {LATE_LINE}: not UTF-8 text"),
    ],
    ids=["not-goals", "unknown-layout", "bad-bytes-late"],
)
def test_a_streamed_file_that_gives_no_document_says_why(tmp_path, monkeypatch, content, status, reason):
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest, "STREAM_CHUNK_ROWS", 2_000)
    path = tmp_path / "big.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    [result] = ingest.import_paths(connect(tmp_path / "kb.sqlite3"), [path])
    assert (result.status, reason in result.message) == (status, True), result.message


def test_a_large_file_of_a_format_read_whole_is_refused_with_a_reason(tmp_path, monkeypatch):
    import importers.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04" + bytes(200))
    (tmp_path / "a.txt").write_text("项目名称\n" * 50, "utf-8")
    with pytest.raises(UnreadableFile, match="this format is read whole: split the document"):
        read_rows(tmp_path / "a.xlsx")
    with pytest.raises(UnreadableFile, match="`kb import`, which reads text as a stream"):
        read_rows(tmp_path / "a.txt")


# --- PDF pages one at a time ------------------------------------------------------------------


def test_pdf_memory_does_not_grow_with_its_pages():
    """Peak traced memory reading a PDF four times as long, above the rows it gives: about the same (each page's
    objects are freed before the next is read)."""
    from importers.readers import pdf

    pdf.read(table_pdf(1))  # pdfplumber's modules loaded outside the measurement
    working = []
    for pages in (3, 12):
        data = table_pdf(pages)
        tracemalloc.start()
        rows = pdf.read(data)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        working.append(peak - current)
        assert len(rows) > 40 * pages
    assert working[1] < 1.2 * working[0], working


def test_pdf_page_limit_and_a_time_limit_that_grows_with_the_pages(tmp_path, monkeypatch):
    from importers.readers import pdf

    path = tmp_path / "three.pdf"
    path.write_bytes(table_pdf(3))
    assert parsing._extra_seconds(path) == 3 * parsing.SECONDS_PER_PAGE
    (tmp_path / "a.txt").write_text("%PDF-1.4 is mentioned, but this is text", "utf-8")
    assert parsing._extra_seconds(tmp_path / "a.txt") == 0
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(UnreadableFile, match=r"too large: 3 pages \(limit 2\): split the PDF"):
        read_rows(path)


def test_a_row_no_table_took_is_told_in_pieces_as_in_the_whole_read():
    """A shuffled seed leaves a row reading as an indicator's unread: the whole read warned of it, the read in
    chunks did not (found by the fuzz test above on CI)."""
    rows = split_rows(damaged(CASES["seed003x3"], "shuffle", 6610, 20, random.Random(148)))
    expected = importers.parse_rows(rows)
    assert any(w.startswith("第 614 行像指标行") for w in expected.warnings)
    assert whole(list(parse_stream(iter(rows), 27))) == expected


def _self_evaluations(n: int, period: str, first: int) -> list[str]:
    """n national 自评表 as tab-separated lines, no year in their titles, their 项目实施期 `period` ('' for none)."""
    from fixtures.self_evaluation import SELF

    lines = []
    for k in range(first, first + n):
        for row in [["项目支出绩效自评表"], *SELF[1:]]:
            lines.append("\t".join(cell.replace("社区居家养老服务补贴", f"社区居家养老服务补贴{k}") for cell in row))
            if row[:1] == ["主管部门"] and period:
                lines.append("\t".join(["项目实施期", *[period] * 7]))
        lines.append("")
    return lines


def test_streamed_self_evaluations_are_stored_as_the_whole_import_stores_them(tmp_path, monkeypatch):
    """A file of self-evaluations read as a stream: every one is stored (none were: the pieces' self-evaluations were
    not passed on), each with the year the whole import gives it — its own period's, else the document's, which the
    periods of most of them settle only at the file's end (2020 in the first piece, 2023 at the end)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "self.txt").write_text(
        "\n".join(
            _self_evaluations(15, "2020年1月-2020年12月", 0)  # (the first piece: importers.registry.SAMPLE_ROWS)
            + _self_evaluations(2, "", 15)
            + _self_evaluations(40, "2023年1月-2023年12月", 17)
        ),
        "utf-8",
    )

    def stored(db: Path) -> tuple[list, list]:
        conn = connect(db)
        ingest.import_paths(conn, [folder])
        found = conn.execute("SELECT name, year FROM self_evaluations ORDER BY seq").fetchall()
        documents = conn.execute("SELECT year, year_source FROM documents").fetchall()
        conn.close()
        return [tuple(row) for row in found], [tuple(row) for row in documents]

    whole = stored(tmp_path / "whole.sqlite3")
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest, "STREAM_CHUNK_ROWS", 40)
    assert stored(tmp_path / "streamed.sqlite3") == whole
    evaluations, documents = whole
    assert documents == [(2023, "period")]
    assert [year for _, year in evaluations] == [2020] * 15 + [2023] * 42


def test_streamed_self_evaluations_take_their_own_titles_year_and_unit_line():
    """Self-evaluations each under a title of its year ('2024年度…自评表', then '2025年度…') and a unit line naming
    its unit ('填报单位：…'), no 主管部门 of their own, read in pieces: each takes its own title's year and its unit,
    as the whole read gives them. Before: only the first piece's lines above its forms were read, the later forms
    kept no year and no department."""
    from fixtures.self_evaluation import SELF

    lines = []
    for k in range(48):  # (the first piece: importers.registry.SAMPLE_ROWS, about 25 forms)
        lines += [f"{2024 + k // 24}年度项目支出绩效自评表", f"填报单位：测试市第{k}养老服务中心"]
        for row in (row for row in SELF[2:] if row[0] != "主管部门"):
            lines.append("\t".join(cell.replace("社区居家养老服务补贴", f"社区居家养老服务补贴{k}") for cell in row))
        lines.append("")
    rows = split_rows("\n".join(lines))
    expected = [(p.name, p.year, p.department) for p in importers.parse_rows(rows).projects]
    assert [year for _, year, _ in expected] == ["2024"] * 24 + ["2025"] * 24
    assert expected[47][2] == "测试市第47养老服务中心"
    pieces = list(parse_stream(iter(rows), 20))
    assert len(pieces) > 1
    assert [(p.name, p.year, p.department) for piece in pieces for p in piece.projects] == expected
