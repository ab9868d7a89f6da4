"""Old Word .doc documents (Word 97–2003, and WPS .wps): the rows the .docx of the same document gives, and one
clear line for each kind of bad .doc.

The .doc fixtures are LibreOffice's saves of .docx files (tests/fixtures/make_fixtures.py). What a Word
installation writes and LibreOffice does not (text stored 8 bits a character, password protection, an older
format, a table nested deeper than Word allows, damage) is made here by rewriting a fixture's streams in place,
by the offsets [MS-DOC] gives, not by the reader's own code; text in several pieces, and pieces that overlap, by a
file written whole (tests/fixtures/hostile.py::word_file).
"""

from __future__ import annotations

import re
import shutil
import struct

import olefile
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, fuzz_budget
from fixtures.make_fixtures import document_rows, form_fields_sample, word97_sample, write_docx
from fixtures.hostile import word_file
from importers.readers import UnreadableFile, common, read_bytes, read_rows

FIXTURES = ROOT / "tests" / "fixtures"
WORD97 = [  # tests/fixtures/word97.doc, as make_fixtures.word97_sample wrote its .docx
    ["标题", "单位：万元"],
    ["A", "A", "C𠀀"],  # merged across; a character beyond the BMP (two UTF-16 units in the file)
    ["B", "", "D"],  # D merged down
    ["inner", ""],  # the table nested in the cell B's row, after that row
    ["E", "", "D"],
    ["between"],
    ["", "second"],
    ["line one\nline two"],  # a line break
    ["page 1 of the form"],  # a PAGE field: its result kept, its code dropped
    ["目标值≥95%"],  # changes tracked (修订): ≥90% deleted, ≥95% inserted
    ["项目属性：☑新增□延续±5%"],  # characters of symbol fonts (Wingdings, Wingdings 2, Symbol)
    ["项目名称：乡村振兴补助"],  # the first paragraph's mark deleted with changes tracked: joined to the next
    ["第二段"],
    ["第三段"],
    ["新的一节"],  # after a section break, which ended the paragraph before it
]
FC_LCB = 154  # where the FIB's (fc, lcb) pairs start in a Word 97 file (csw 14, cslw 22)
CLX, PAPX_PAGES, CHPX_PAGES = 33, 13, 12  # pairs: the piece table, the paragraph and character property pages


def cells(rows) -> list[list[str]]:
    return [row.cells for row in rows if not row.blank]


def test_paragraphs_merged_cells_a_nested_table_a_field_and_tracked_changes():
    assert cells(read_rows(FIXTURES / "word97.doc")) == WORD97


def test_the_docx_of_that_document_gives_the_same_rows(tmp_path):  # the .docx reader's test of these, too
    word97_sample(tmp_path / "word97.docx")
    assert cells(read_rows(tmp_path / "word97.docx")) == WORD97


def test_a_drop_down_form_field_reads_as_the_entry_it_shows_as_in_the_docx(tmp_path):
    """A protected form's 一级指标 chosen in a legacy drop-down form field has no text: its entry is in the field's
    data (FFData in the Data stream). The level was empty; now it is the entry shown, as the .docx reader reads it."""
    expected = [["满意度指标", "指标0", "≥90%"], ["产出指标", "指标1", "≥91%"]]
    assert cells(read_rows(FIXTURES / "form_fields.doc")) == expected
    form_fields_sample(tmp_path / "form_fields.docx")
    assert cells(read_rows(tmp_path / "form_fields.docx")) == expected


@pytest.mark.parametrize("stem", ["seed001", "seed004", "flat_sheet"])
def test_the_same_rows_as_the_docx_of_the_document(tmp_path, stem):
    write_docx(document_rows(stem), tmp_path / f"{stem}.docx")
    assert cells(read_rows(FIXTURES / f"{stem}.doc")) == cells(read_rows(tmp_path / f"{stem}.docx"))


def test_a_wps_file_of_the_word_format_reads_as_one(tmp_path):
    path = tmp_path / "申报表.wps"
    shutil.copy(FIXTURES / "word97.doc", path)
    assert cells(read_rows(path)) == WORD97


def test_a_doc_that_is_a_web_page_or_a_docx_reads_as_what_it_is(tmp_path):
    page = tmp_path / "目标表.doc"  # Word's "save as web page" under a .doc name
    page.write_bytes("<html><body><table><tr><td>项目名称</td><td>甲</td></tr></table></body></html>".encode())
    assert cells(read_rows(page)) == [["项目名称", "甲"]]
    renamed = tmp_path / "申报表.doc"
    write_docx([["项目名称", "乙"]], renamed)
    assert cells(read_rows(renamed))[0][:2] == ["项目名称", "乙"]


def _rewritten(tmp_path, change) -> bytes:
    """word97.doc with `change(word, table)` made to its WordDocument and table streams (bytearrays, sizes kept)."""
    path = tmp_path / "changed.doc"
    shutil.copy(FIXTURES / "word97.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        name = "1Table" if word[0x0B] & 0x02 else "0Table"
        table = bytearray(ole.openstream(name).read())
        change(word, table)
        ole.write_stream("WordDocument", bytes(word))
        ole.write_stream(name, bytes(table))
    return path.read_bytes()


def _pair(word: bytes, index: int) -> tuple[int, int]:
    return struct.unpack_from("<II", word, FC_LCB + 8 * index)


def _eight_bit(word: bytearray, table: bytearray) -> None:
    """The text stored as Word stores a piece whose characters all fit Windows-1252: a byte each, at half the
    offset its piece names; the property pages' offsets moved with it. Each UTF-16 unit of a CJK character becomes
    x (so 𠀀 becomes xx), a symbol font's code a picture's placeholder (dropped: ☑, □ and ± are not read)."""
    clx, _ = _pair(word, CLX)
    assert table[clx] == 2, "a piece table without property modifiers before it"
    assert struct.unpack_from("<I", table, clx + 1)[0] == 4 * 2 + 8, "one piece"
    start, end = struct.unpack_from("<ii", table, clx + 5)
    raw = struct.unpack_from("<I", table, clx + 13 + 2)[0]
    assert not raw & 0x40000000
    units = struct.unpack_from(f"<{end - start}H", word, raw)  # each a byte now: a symbol font's glyph a placeholder
    word[raw : raw + end - start] = bytes(u if u < 0x80 else 1 if 0xF000 <= u < 0xF100 else ord("x") for u in units)
    struct.pack_into("<I", table, clx + 13 + 2, (2 * raw) | 0x40000000)
    for index in (PAPX_PAGES, CHPX_PAGES):
        fc, lcb = _pair(word, index)
        count = (lcb - 4) // 8
        for pn in struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1)):
            page = (pn & 0x3FFFFF) * 512
            runs = word[page + 511]
            for i in range(runs + 1):
                at = struct.unpack_from("<I", word, page + 4 * i)[0]
                if raw <= at <= raw + 2 * (end - start):
                    struct.pack_into("<I", word, page + 4 * i, raw + (at - raw) // 2)


def test_text_stored_a_byte_a_character(tmp_path):
    data = _rewritten(tmp_path, _eight_bit)
    narrow = [
        [
            re.sub(r"[^\x00-\x7f]", lambda m: "x" * (len(m[0].encode("utf-16-le")) // 2), re.sub("[☑□±]", "", c))
            for c in row
        ]
        for row in WORD97
    ]
    assert cells(read_bytes(data, ".doc")) == narrow


def _set(offset: int, value: int, size: str = "<H"):
    return lambda word, table: struct.pack_into(size, word, offset, value)


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda word, table: word.__setitem__(0x0B, word[0x0B] | 0x01), "password-protected"),  # fEncrypted
        (_set(2, 0x0068), "Word 95 or older"),  # nFib of Word 95
        (lambda word, table: struct.pack_into("<HH", word, 0, 0xA5DC, 0x0065), "Word 95 or older"),  # Word 6/95's
        (lambda word, table: struct.pack_into("<HH", word, 0, 0xA697, 0x0068), "Word 95 or older"),  # Chinese 95's
        (_set(0, 0x1234), "not a Word document"),  # wIdent
        (lambda word, table: word.__setitem__(0x0B, word[0x0B] ^ 0x02), "no 0Table stream"),  # fWhichTblStm
        (lambda word, table: table.__setitem__(_pair(word, CLX)[0], 7), "no piece table"),
        (_set(FC_LCB + 8 * CLX, 0x7FFFFFF0, "<I"), "runs past its stream"),  # the piece table far past the stream
    ],
    ids=[
        "protected",
        "word95",
        "word6-header",
        "chinese-word95-header",
        "not-word",
        "no-table-stream",
        "no-piece-table",
        "past-the-stream",
    ],
)
def test_a_bad_doc_gives_one_clear_line(tmp_path, change, reason):
    path = tmp_path / "目标表.doc"
    path.write_bytes(_rewritten(tmp_path, change))
    with pytest.raises(UnreadableFile) as failure:
        read_rows(path)
    assert reason in str(failure.value) and "\n" not in str(failure.value)


def test_cells_joined_to_the_one_before_as_word_97_merged_them(tmp_path):
    def joined(word: bytearray, table: bytearray) -> None:
        definition = struct.pack("<HH", 0xD608, 0x46) + b"\x03"  # sprmTDefTable of the rows of three cells
        at = word.find(definition)
        while at >= 0:  # the second cell's TC80: horzMerge 2, merged with the cell before it
            flags = at + len(definition) + 2 * 4 + 20
            struct.pack_into("<H", word, flags, struct.unpack_from("<H", word, flags)[0] | 2)
            at = word.find(definition, at + 1)

    rows = cells(read_bytes(_rewritten(tmp_path, joined), ".doc"))
    assert rows[2] == ["B", "B", "D"] and rows[4] == ["E", "E", "D"]
    assert rows[:2] + rows[5:] == WORD97[:2] + WORD97[5:]


def test_a_symbol_as_word_writes_it_a_placeholder_and_the_character_the_run_says(tmp_path):
    """LibreOffice writes the symbol font's own code (U+F0B1) in a run set in that font; Word writes '(' in a run
    whose sprmCSymbol says the font and the character."""

    def as_word(word: bytearray, table: bytearray) -> None:
        symbol_font = struct.pack("<HH", 0x4A4F, 1)  # sprmCRgFtc0: font 1 of LibreOffice's table, Symbol
        at = word.find(symbol_font + struct.pack("<H", 0x4A51))
        assert at > 0, "the ± run's properties"
        chosen = struct.pack("<HHH", 0x6A09, 1, 0xF0B1) + struct.pack("<HBHB", 0x0835, 0, 0x0836, 0)  # 12 bytes
        word[at : at + len(chosen)] = chosen  # over the run's first three sprms; its fourth stays
        glyph = word.find("\uf0b1".encode("utf-16-le"))
        word[glyph : glyph + 2] = "(".encode("utf-16-le")

    assert cells(read_bytes(_rewritten(tmp_path, as_word), ".doc")) == WORD97


def test_hidden_text_is_left_out_and_a_hidden_paragraph_mark_joins_as_a_deleted_one(tmp_path):
    """Hidden text (sprmCFVanish), which Word neither shows nor prints, was read (a template's filling instruction in
    a target cell): word97.doc with its deleted text and mark made hidden instead gives the same rows."""

    def hidden(word: bytearray, table: bytearray) -> None:
        deleted = struct.pack("<HB", 0x0800, 1)  # sprmCFRMarkDel on
        assert word.count(deleted) == 2, "the deleted ≥90% and the deleted paragraph mark"
        word[:] = word.replace(deleted, struct.pack("<HB", 0x083C, 1))  # sprmCFVanish on

    assert cells(read_bytes(_rewritten(tmp_path, hidden), ".doc")) == WORD97


def test_a_page_break_inside_a_paragraph_does_not_end_it(tmp_path):
    def page_break(word: bytearray, table: bytearray) -> None:
        at = word.find("第二段\r".encode("utf-16-le"))
        assert at > 0
        word[at + 6 : at + 8] = "\x0c".encode("utf-16-le")  # Word writes a page break as the character 0x0C

    rows = cells(read_bytes(_rewritten(tmp_path, page_break), ".doc"))
    assert rows == [*WORD97[:-3], ["第二段第三段"], WORD97[-1]]


def test_each_cell_merged_down_in_a_row_of_several():
    """A row may carry one sprmTVertMerge for each of its cells: all of them count, not the last one alone."""
    from importers.readers.doc import _Properties, _Row, _sprms

    definition = struct.pack("<HHB4h", 0xD608, 1 + 1 + 8 + 60, 3, 0, 100, 200, 300) + bytes(60)
    merges = b"".join(struct.pack("<HBBB", 0xD62B, 2, cell, 1) for cell in (0, 2))
    row = _Row(["", "", ""], _Properties(_sprms(definition + merges)))
    assert row.merged == [1, 0, 1] and row.bounds == [0, 100, 200, 300]


def test_pieces_stored_in_both_widths_read_in_order():
    """Word keeps a document's text in pieces, each either two bytes a character or, where every character fits
    Windows-1252, one (a file LibreOffice writes has a single piece of two)."""
    data = word_file([("项目名称：甲\r", False), ("Budget €100\r", True), ("乙", False), ("\r", True)])
    assert cells(read_bytes(data, ".doc")) == [["项目名称：甲"], ["Budget €100"], ["乙"]]


def test_pieces_that_overlap_are_refused_in_one_line():
    """A damaged file's pieces may all name the same bytes: 50 copies of one would read as 50 times its text."""
    with pytest.raises(UnreadableFile, match="its pieces overlap"):
        read_bytes(word_file([("目标" * 1500 + "\r", False)], copies=50), ".doc")


def test_rows_are_counted_as_the_table_is_read(monkeypatch):
    monkeypatch.setattr(common, "MAX_ROWS", 10)
    with pytest.raises(UnreadableFile, match="more than 10 rows"):
        read_rows(FIXTURES / "seed001.doc")


def test_a_table_nested_two_billion_deep_is_read_at_the_depth_word_allows(tmp_path):
    def deep(word: bytearray, table: bytearray) -> None:
        at = word.find(struct.pack("<Hi", 0x6649, 2))  # the inner table's depth (sprmPItap 2)
        assert at > 0
        struct.pack_into("<i", word, at + 2, 2**31 - 1)

    rows = cells(read_bytes(_rewritten(tmp_path, deep), ".doc"))
    assert any("inner" in row for row in rows) and rows[:3] == WORD97[:3] and rows[-10:] == WORD97[-10:]


@settings(max_examples=fuzz_budget(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 2**20), st.integers(0, 255)), min_size=1, max_size=12))
def test_damaged_streams_give_rows_or_one_line(tmp_path, damage):
    """Bytes of the WordDocument and table streams overwritten anywhere: rows, or one clear line, never a hang."""

    def change(word: bytearray, table: bytearray) -> None:
        for in_word, at, value in damage:
            stream = word if in_word else table
            stream[at % len(stream)] = value

    data = _rewritten(tmp_path, change)
    try:
        read_bytes(data, ".doc")
    except UnreadableFile as exc:
        assert "\n" not in str(exc)
