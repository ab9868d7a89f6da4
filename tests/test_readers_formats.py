"""Every sample layout read from .xlsx, .docx, .html, .xls, .doc and .pdf gives the records its text version gives.

.xlsx, .docx and .html fixtures are built here from the text (tests/fixtures/make_fixtures.py writes them the
way a publisher would: tables with merged cells across and down, numbers with number formats, a hidden
sheet); .xls, .doc and .pdf fixtures are committed files made by the same script. The readers spread a merged
cell over every cell it covers, so these also prove that the layouts read repeated head and level cells.
A "filled" CSV (every merged cell's text written into each cell it covers, as an officer's unmerge-and-fill
or a database export leaves a sheet) gives the same records too. PDF text loses the difference between a
space, a line break and wrapping inside a cell, so PDF records are compared without whitespace.
"""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from conftest import ROOT
from fixtures.make_fixtures import SOURCES, document_rows, filled, write_docx, write_html, write_xlsx
from kb.db import connect
from kb.ingest.run import import_paths
from test_import import records

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = {  # fixture → (layout, projects, indicators)
    "seed000": ("form-kv", 4, 32),
    "seed001": ("summary-table", 11, 75),
    "seed002": ("inline-table", 13, 53),
    "seed003": ("form-kv", 10, 131),
    "seed004": ("word-cells", 1, 4),
    "flat_sheet": ("flat-sheet", 3, 20),
    "label_lines": ("label-lines", 2, 15),
}
# The Word form (004) and the text pulled from a PDF form (label_lines) were never spreadsheets.
XLSX = sorted(set(EXPECTED) - {"seed004"})
COMMITTED = sorted(
    p.name for suffix in ("pdf", "xls", "doc") for p in FIXTURES.glob(f"*.{suffix}") if p.stem in SOURCES
)


def _import(tmp_path, stem: str, path):
    """Import `path` as the fixture `stem` (with the seeds' manifest entry under its new name)."""
    source = SOURCES[stem][0]
    manifest = source.parent / "manifest.toml"
    if manifest.exists():
        (path.parent / "manifest.toml").write_text(manifest.read_text("utf-8").replace(source.name, path.name), "utf-8")
    conn = connect(tmp_path / f"{path.name}.sqlite3")
    [result] = import_paths(conn, [path])
    return conn, result


@pytest.fixture(scope="module")
def expected_records(tmp_path_factory) -> dict[str, list[str]]:
    out = {}
    for stem in EXPECTED:
        conn = connect(tmp_path_factory.mktemp("ref") / "kb.sqlite3")
        import_paths(conn, [SOURCES[stem][0]])
        out[stem] = records(conn)
    return out


def _check(conn, result, stem, expected):
    layout, projects, indicators = EXPECTED[stem]
    assert result.status == "imported", result.message
    assert (result.layout, result.projects, result.indicators) == (layout, projects, indicators)
    assert records(conn) == expected


@pytest.mark.parametrize("stem", XLSX)
def test_xlsx_gives_the_text_records(tmp_path, stem, expected_records):
    path = tmp_path / f"{SOURCES[stem][0].stem}.xlsx"
    write_xlsx(document_rows(stem), path)
    _check(*_import(tmp_path, stem, path), stem, expected_records[stem])


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_docx_gives_the_text_records(tmp_path, stem, expected_records):
    path = tmp_path / f"{SOURCES[stem][0].stem}.docx"
    write_docx(document_rows(stem), path)
    _check(*_import(tmp_path, stem, path), stem, expected_records[stem])


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_a_web_page_gives_the_text_records(tmp_path, stem, expected_records):
    path = tmp_path / f"{SOURCES[stem][0].stem}.html"
    write_html(document_rows(stem), path)
    _check(*_import(tmp_path, stem, path), stem, expected_records[stem])


@pytest.mark.parametrize("stem", sorted(set(EXPECTED) - {"label_lines"}))  # label lines hold no table
def test_filled_csv_gives_the_text_records(tmp_path, stem, expected_records):
    rows = document_rows(stem)
    path = tmp_path / f"{SOURCES[stem][0].stem}.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(filled(rows))
    assert filled(rows) != rows
    _check(*_import(tmp_path, stem, path), stem, expected_records[stem])


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_xls_doc_and_pdf_give_the_text_records(tmp_path, name, expected_records):
    stem, suffix = name.rsplit(".", 1)
    path = tmp_path / f"{SOURCES[stem][0].stem}.{suffix}"
    shutil.copy(FIXTURES / name, path)
    conn, result = _import(tmp_path, stem, path)
    squash = (lambda texts: [re.sub(r"(\\n|\s)+", "", t) for t in texts]) if suffix == "pdf" else list
    layout, projects, indicators = EXPECTED[stem]
    assert result.status == "imported", result.message
    assert (result.layout, result.projects, result.indicators) == (layout, projects, indicators)
    assert squash(records(conn)) == squash(expected_records[stem])


def test_every_layout_has_committed_pdf():
    assert {name.split(".")[0] for name in COMMITTED if name.endswith(".pdf")} == set(EXPECTED)
