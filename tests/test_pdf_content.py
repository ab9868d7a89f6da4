"""PDF content streams read by one regular expression (importers.readers.pdf_content) give what pdfminer's own
parser gives, object for object, and fail where it fails: on generated streams full of the syntax's corners, on
the fixture PDFs and on the first pages of every real document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream, dict_value, list_value, stream_value
from pdfminer.psparser import PSEOF

from importers.readers.pdf_content import objects, page_objects
from realdocs.truth import REALDOCS

FIXTURES = Path(__file__).parent / "fixtures"


def _plain(obj):
    """An object comparable with ==, types and order included (True is not 1, nor 1 1.0): a PDFStream (an inline
    image) as its dictionary and bytes."""
    if isinstance(obj, PDFStream):
        return ("stream", _plain(obj.attrs), obj.rawdata)
    if isinstance(obj, list):
        return [_plain(item) for item in obj]
    if isinstance(obj, dict):
        return ("dict", [(key, _plain(value)) for key, value in obj.items()])
    return (type(obj).__name__, obj)


def _outcome(stream):
    """The objects read before the stream ended or reading failed, and the failure's type (None at the end)."""
    got = []
    try:
        for obj in stream:
            got.append(_plain(obj))
    except Exception as exc:  # the same exception, at the same object, is part of what must match
        return got, type(exc)
    return got, None


def _pdfminer(*datas: bytes):
    parser = PDFContentParser([PDFStream({}, data) for data in datas])
    while True:
        try:
            yield parser.nextobject()[1]
        except PSEOF:
            return


def _same(*datas: bytes) -> None:
    """The streams of a page read as pdfminer reads them, unless `page_objects` leaves them to pdfminer."""
    found = page_objects(list(datas))
    if found is not None:
        assert _outcome(found) == _outcome(_pdfminer(*datas))


# fmt: off
PIECES = [
    # numbers, and what pdfminer makes of broken ones
    "0", "12", "-3", "+4", "-", "+", ".", "5.", ".5", "-.25", "1.2.3", "+-5", "1e5", "007",
    # names: # escapes (two digits, one, none, doubled), non-UTF-8 bytes, an empty name
    "/F1", "/Name#20x", "/A#4", "/A#", "/A##41", "/#E4#B8#AD", "/\xff", "/", "/a/b",
    # keywords and booleans
    "Tj", "TJ", "T*", "re", "f*", "true", "false", "null", "d0", "BDC", "EMC", "'", '"',
    # strings: escapes, octal (1–3 digits, one past 255), line continuations, nesting, unclosed
    "(abc)", "(a\\(b)", "(a\\)b)", "(\\101\\1011\\7)", "(\\777)", "(\\n\\r\\t\\b\\f\\\\)", "(\\x)",
    "(a\\\r\nb)", "(a\\\rb)", "(a\\\nb)", "(a(b)c)", "(((x)))", "(", ")", "(\x00\xff)",
    # hex strings: even, odd, spaced, broken, unclosed
    "<4142>", "<414>", "<41 42\n43>", "<41z>", "<", ">", "<<", ">>", "<<>>", "<</MCID 0>>", "<</A>>",
    # arrays, procedures, brackets that close nothing
    "[", "]", "{", "}", "[1 (a) /b]", "[[1] 2]",
    # inline images: whole, broken, an ASCII85 one, an odd dictionary, ID and EI alone
    "BI /W 1 /H 1 ID \x00\x01EI Q", "BI /W 1 ID xEEI EI\n", "BI /F /A85 ID ab~> EI", "BI /W ID x EI",
    "ID", "EI", "BI /W 1 /H 1 ID xyz",
    # comments, white space, NUL, other bytes
    "% a comment\n", "%", " ", "\n", "\r\n", "\t", "\x00", "\x80", "#", "*",
]
# fmt: on


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30), st.lists(st.sampled_from(["", " ", "\n"])))
def test_generated_streams_read_as_pdfminer_reads_them(pieces, gaps):
    text = "".join(piece + (gaps[i] if i < len(gaps) else " ") for i, piece in enumerate(pieces))
    _same(text.encode("latin-1", "replace"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(PIECES), max_size=8), st.sampled_from(["", " ", "\n"])),
        min_size=2,
        max_size=3,
    )
)
def test_generated_pages_of_several_streams_read_as_pdfminer_reads_them(streams):
    """Streams ending in white space or not (then read by pdfminer, which `_same` does not compare)."""
    _same(*(("".join(piece + " " for piece in pieces) + end).encode("latin-1", "replace") for pieces, end in streams))


@pytest.mark.parametrize(
    "stream",
    [
        b"/A#41",  # a name whose last escape runs into the end is lost
        b"/A#4",
        b"(unclosed \\",
        b"<41",
        b"BI /W 1 ID x",
        b"<< /A 1 /B >>",  # pdfminer refuses an odd dictionary
        b"(\\400)",  # and an octal escape past 255
        b"[1 2",
        b"q 1 0 0 1 0 0 cm Q",
    ],
)
def test_streams_that_end_or_fail_early(stream):
    _same(stream)


def test_a_page_of_several_streams_reads_as_one():
    assert page_objects([b"q 1 2 re\n", b"f Q\n", b"BT (a) Tj ET"]) is not None
    _same(b"q 1 2 re\n", b"f Q\n", b"BT (a) Tj ET")


@pytest.mark.parametrize(
    "streams",
    [
        (b"q 1 2 re", b"f Q"),  # a keyword against the next stream's start
        (b"/", b"abc"),  # pdfminer carries a name, a string, an escape or a dictionary's '<' on into the next stream
        (b"(", b"abc)"),
        (b"(\\", b"n)"),
        (b"(a\\1", b"2)"),
        (b"/A#4", b"1 x"),
        (b"<", b"</A 1>>"),
        (b"<< /A 1 >", b"> Tj"),
        (b"(\\ ", b"x)"),  # a string that ends in an escaped space holds nothing pdfminer would carry a newline in
        (b"BI /W 1 ID\n", b"xx EI Q"),  # an inline image over two streams
        (b"BI /W 1 ID xx\n", b"yy EI Q"),
    ],
)
def test_streams_cut_inside_a_token_are_read_by_pdfminer(streams):
    """Where a stream's end may cut a token, the page is left to pdfminer's own parser (and its own ways)."""
    assert page_objects(list(streams)) is None
    _same(*streams)


@pytest.mark.parametrize("at", [4095, 8191, 12287])
def test_a_cr_lf_escape_across_pdfminers_read_buffer_reads_as_it_reads_it(at):
    """pdfminer looks for the LF of an escaped CR LF only in its 4,096-byte buffer: where the CR ends the buffer,
    the LF is kept. Buffers are counted from the stream's start, and from an inline image's bytes."""
    image = b"BI /W 1 ID ab EI "
    for before, base in ((b"", 0), (image, image.index(b"ID") + 3)):
        for cr in (at - 1, at, at + 1):  # the CR's place, counted from where pdfminer's buffers begin
            xs = b"x" * (base + cr - len(before) - 2)
            for string in (b"(" + xs + b"\\\r\n)", b"(" + xs + b"\\\r\n(nested))"):
                assert (before + string).index(b"\r") == base + cr
                _same(before + string)


def _content_streams(path: Path, pages: int | None = None):
    """Each page's content streams, then each form XObject's, of a PDF file's first `pages` pages."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            yield [stream_value(s) for s in list_value(page.page_obj.contents)]
            resources = dict_value(page.page_obj.resources or {})
            for xobj in dict_value(resources.get("XObject", {})).values():
                xobj = stream_value(xobj)
                if getattr(xobj.get("Subtype"), "name", None) == "Form":
                    yield [xobj]
            page.close()


def test_the_fixture_pdfs_read_as_pdfminer_reads_them():
    for path in sorted(FIXTURES.glob("*.pdf")):
        for streams in _content_streams(path):
            _same(*(s.get_data() for s in streams))


@pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"{REALDOCS} is absent: the real documents are not beside this")
def test_the_real_documents_read_as_pdfminer_reads_them():
    """The first three pages of each (the whole of the 41 takes pdfminer's parser minutes)."""
    compared = 0
    for path in sorted(REALDOCS.glob("*.pdf")):
        for streams in _content_streams(path, pages=3):
            datas = [s.get_data() for s in streams]
            assert _outcome(objects(b"\n".join(datas))) == _outcome(_pdfminer(*datas)), path.name
            compared += 1
    assert compared >= 100


def _page_objects(path: Path, interpreter) -> list:
    """Every page's objects as pdfminer makes them, read by `interpreter`: each one's type, box and text (without
    layout analysis, as the PDF reader asks: pdfminer's grouping of text boxes orders ties differently between
    runs)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    def dump(item) -> list:
        own = [(type(item).__name__, getattr(item, "bbox", None), getattr(item, "get_text", lambda: "")())]
        return own + [part for child in getattr(item, "_objs", []) for part in dump(child)]

    with path.open("rb") as file:
        document = PDFDocument(PDFParser(file))
        manager = PDFResourceManager()
        pages = []
        for page in PDFPage.create_pages(document):
            device = PDFPageAggregator(manager)
            interpreter(manager, device).process_page(page)
            pages.append(dump(device.get_result()))
    return pages


def test_the_interpreter_makes_each_pages_objects_as_pdfminers_does():
    from pdfminer.pdfinterp import PDFPageInterpreter

    from importers.readers.pdf_content import interpreter_class

    for path in sorted(FIXTURES.glob("*.pdf")):
        assert _page_objects(path, interpreter_class()) == _page_objects(path, PDFPageInterpreter), path.name


def test_each_subclass_of_the_interpreter_dispatches_to_its_own_operators():
    from importers.readers.pdf_content import interpreter_class

    seen = []

    class First(interpreter_class()):
        def do_Tj(self, s):
            seen.append(("first", s))

    class Second(interpreter_class()):
        def do_Tj(self, s):
            seen.append(("second", s))

    path = FIXTURES / "label_lines.pdf"
    _page_objects(path, First)
    _page_objects(path, Second)
    assert {who for who, _ in seen} == {"first", "second"}


@pytest.mark.parametrize(
    "streams",
    [
        (b"q 1 0 0 1 5 5 cm 0 0 10 10 re f Q\n", b"2 2 m 8 8 l S\n"),  # read as one
        (b"0 0 10 10 r", b"e f 2 2 m 8 8 l S"),  # cut inside an operator: pdfminer reads the page
        (b"0 0 10 10 re f /", b"Span BMC 1 1 m 5 5 l S EMC"),
    ],
)
def test_the_interpreter_paints_a_page_of_several_streams_as_pdfminers_does(streams):
    """Both ways to the interpreter's reading (the streams read as one, and pdfminer's own parser for a cut token)
    paint what pdfminer's interpreter paints."""
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.utils import MATRIX_IDENTITY

    from importers.readers.pdf_content import interpreter_class

    def painted(interpreter) -> list:
        calls: list = []

        class Recording(PDFDevice):
            def paint_path(self, gstate, stroke, fill, evenodd, path):
                calls.append(("paint", stroke, fill, path))

            def begin_tag(self, tag, props=None):
                calls.append(("tag", tag.name))

        manager = PDFResourceManager()
        reading = interpreter(manager, Recording(manager))
        reading.init_resources({})
        reading.init_state(MATRIX_IDENTITY)
        parts = []
        for number, data in enumerate(streams, 1):
            stream = PDFStream({}, data)
            stream.objid = number
            parts.append(stream)
        reading.execute(parts)
        return calls

    assert painted(interpreter_class()) == painted(PDFPageInterpreter)
    assert painted(PDFPageInterpreter)  # the page paints something


def test_pdfminers_warnings_do_not_reach_the_user(caplog):
    """Every page Chromium prints has fonts without a FontBBox: pdfminer warned of each on stderr (32 lines for
    four pages) around the import's own report."""
    import importers.readers.pdf  # noqa: F401  (the reader quiets pdfminer)
    from pdfminer.pdffont import PDFFont

    PDFFont._parse_bbox({"FontBBox": None})
    assert [r.getMessage() for r in caplog.records] == []
