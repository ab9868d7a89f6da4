"""Plain-text documents: encoding detected from the bytes (UTF-8, BOMs, UTF-16, GB18030).

.txt/.tsv lines split on tabs (read as CSV where Excel quoted its cells: a cell over two lines, doubled quotes); a
Markdown table's lines ('| 一级指标 | 二级指标 |', as a Markdown editor or a chat tool writes them) split on their
pipes, its rule line ('| --- | --- |') left out, '<br>' a line break in its cell; a text without tabs whose lines are
aligned with spaces (copied from a web page or a PDF: two or more spaces between cells in several of its first lines)
is split at those gaps, each line's cells placed under the columns of the lines above by where they stand
(`positions`; a Chinese character two columns wide). .csv rows split by the csv module (quoted cells may hold commas
and line breaks), on commas, or on semicolons or tabs when those separate the first lines. Text under a
spreadsheet's name (a system's "Excel export" named .xls) is read as CSV when its first lines are comma-separated,
else as a .txt.
`stream_rows` gives the same rows from a file of any size, decoding as it reads: the encoding is
chosen from the file's first MiB, and a later byte that does not decode is an error naming its line.
Text `pdftotext` wrote from a PDF (every page ended by a form feed, the last too; no tab) is refused, naming the PDF
as what to import: its tables' rules are gone, a cell's lines wrap above and below its row's line, and with `-layout`
the columns stand at other places on each page (docs/real-documents.md: read, it gave wrong records).
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import unicodedata
from typing import BinaryIO, Iterable, Iterator

from importers.readers.common import EMPTY, UnreadableFile
from importers.readers.positions import Cell, Columns
from importers.records import Row

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEAD_BYTES = 1 << 20  # a streamed file's encoding is chosen from this much of its start
ALIGNED_SAMPLE = 20_000  # characters at a document's start that say whether it is aligned with spaces
EXPORT_LINES = 5  # first lines of a text under a spreadsheet's name that say whether it is comma-separated
ALIGNED_LINES = 3  # lines of that start with a gap of two spaces or more inside them, for a text without tabs
_ALIGNED_GAP = re.compile(r"[ \u00a0\u3000]{2,}")
_ALIGNED_CELL = re.compile(r"[^ \u00a0\u3000](?:[ \u00a0\u3000]?[^ \u00a0\u3000])*")
PIPED_LINES = 3  # lines of that start that are a Markdown table's rows ('| a | b |'), for a text read as Markdown
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation ('\|', '\*')


def decode(data: bytes, declared: str = "") -> str:
    """Decode document bytes; raises UnreadableFile for empty or binary data. The encoding a document `declared`
    (a web page's charset) is tried after UTF-8 and before GB18030. A text whose lines decode until one that does not
    (a byte of another encoding pasted in) is refused naming that line, as a streamed one is."""
    candidates = _candidates(data, declared)
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None:
            _check_start(text)
            return text
    furthest, encoding = _decoded_start(data, candidates)
    start = data[:furthest].decode(encoding)
    if "\n" in start and not _binary(start):
        number = start.count("\n") + 1
        raise UnreadableFile(
            f"第 {number} 行的编码与文件开头不同 line {number}: not {encoding.upper()} text like the start of the file"
        )
    raise UnreadableFile("不是已知编码的文字 not text in a known encoding (UTF-8, UTF-16, GB18030)")


def _decoded_start(data: bytes, candidates: list[str]) -> tuple[int, str]:
    """How far the data decodes, and in what: UTF-8 once it decoded a whole line with characters past ASCII (other
    bytes seldom make that by chance, though a pair may), else the candidate that decodes furthest."""
    reached = [(_decoded_until(data, encoding), encoding) for encoding in candidates]
    for until, encoding in reached:
        if encoding.startswith("utf-8") and b"\n" in data[:until] and not data[:until].isascii():
            return until, encoding
    return max(reached)


def _decoded_until(data: bytes, encoding: str) -> int:
    """Where the first byte that does not decode in `encoding` is."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    except ValueError:
        return 0
    return len(data)


def _candidates(head: bytes, declared: str = "") -> list[str]:
    """The encodings a document starting with `head` may be in, in order; UnreadableFile for empty or binary data."""
    if not head.strip():
        raise UnreadableFile(EMPTY)
    if head.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    if _looks_utf16(head):
        return ["utf-16-le" if head[1] == 0 else "utf-16-be"]
    if b"\x00" in head[:4096]:
        raise UnreadableFile("二进制数据，不是文本文件 binary data, not a text document")
    return ["utf-8", *([declared] if _known(declared) else []), "gb18030"]


# what browsers read as GB18030 (the WHATWG Encoding Standard's labels of gb2312 and GBK, and Python's names of them):
# Python's strict GB2312 and GBK lack characters the page holds ('·' came out '・', '——' '――')
_GB_LABELS = frozenset(("gb2312", "gbk", "x-gbk", "csgb2312", "chinese", "iso-ir-58", "gb_2312", "gb_2312-80"))


def _known(encoding: str) -> bool:
    """Whether a declared encoding is worth trying: a known one, not UTF-8 or GB18030 (tried anyway; GB2312 and GBK
    are read as it, as browsers read them), nor a Western single-byte one, which decodes any bytes (a Chinese page's
    misdeclared GBK would read as nonsense)."""
    if encoding.strip().lower() in _GB_LABELS:
        return False
    try:
        name = codecs.lookup(encoding).name if encoding else "utf-8"
    except LookupError:
        return False
    return name not in ("utf-8", "gb18030", "gb2312", "gbk") and not name.startswith(
        ("iso8859", "latin", "cp125", "mac-")
    )


def _check_start(text: str) -> None:
    """UnreadableFile when the start of a decoded document is mostly control characters."""
    if _binary(text):
        raise UnreadableFile("二进制数据，不是文本文件 binary data, not a text document")


def _binary(text: str) -> bool:
    """Whether the start of a decoded document is mostly control characters."""
    start = text[:20000]
    return len(_CONTROL.findall(start)) > max(3, len(start) // 200)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, ValueError):
        return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-range characters leave NULs in every other byte."""
    head = data[:2000]
    if len(head) < 4 or len(head) % 2:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 8 and min(even, odd) == 0


def split_rows(text: str) -> list[Row]:
    """One row per line (CRLF, CR and LF all end a line), cells split on tabs (or at gaps: `aligned`); a text Excel
    saved or copied with its cells quoted (`excel_quoted`) read as tab-separated CSV."""
    if excel_quoted(text[:ALIGNED_SAMPLE]):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
        return [Row(cells=[_LINE_END.sub("\n", cell) for cell in cells], line=reader.line_num) for cells in reader]
    cells = _line_cells(text[:ALIGNED_SAMPLE])
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = enumerate(text.split("\n"), 1)
    return list(_under_groups(Row(found, number) for number, line in lines if (found := cells(line)) is not None))


_GROUP = frozenset(("其中", "其中：", "其中:"))  # over the parts of an amount: 财政资金 | 其他资金
_INDICATORS = frozenset(("绩效指标", "指标"))  # over the levels: 一级指标 | 二级指标 | 三级指标
_LEVEL = re.compile(r"[一二三]级(?:指标)?(?:名称)?")
_DIGIT = re.compile(r"\d")


def _under_groups(rows: Iterable[Row]) -> Iterator[Row]:
    """The rows, a header's group cells ('其中：' over 财政资金 | 其他资金, '绩效指标' over 一级指标 | 二级指标 |
    三级指标) in place of the cells of the row under it when that row holds them alone: a browser's copy of a table
    leaves out the cells a merged cell covers, so the sub-headers stand on a shorter line of their own and the
    header is a column short for each."""
    held: Row | None = None
    for row in rows:
        if held is not None and (grouped := _grouped(held, row)) is not None:
            held = grouped
            continue
        if held is not None:
            yield held
        held = row
    if held is not None:
        yield held


def _grouped(header: Row, row: Row) -> Row | None:
    """`header` with `row`'s cells in place of its group cells when `row` is their sub-headers alone (a copy that
    dropped the covered cells; each group once, its sub-headers in the header's order), else None."""
    words = [cell.strip() for cell in row.cells]
    if not 2 <= len(words) < len(header.cells) or not all(words) or any(_DIGIT.search(word) for word in words):
        return None
    under: dict[int, list[str]] = {}
    for names, subs in (
        (_GROUP, [word for word in words if not _LEVEL.fullmatch(word)]),
        (_INDICATORS, [word for word in words if _LEVEL.fullmatch(word)]),
    ):
        at = [j for j, cell in enumerate(header.cells) if cell.strip() in names]
        if subs and len(at) != 1:
            return None
        if subs:
            under[at[0]] = subs
    if [word for j in sorted(under) for word in under[j]] != words:
        return None
    return Row([new for j, cell in enumerate(header.cells) for new in under.get(j, [cell])], header.line)


def _line_cells(start: str):
    """How the lines of a text starting with `start` become cells: at pipes, at gaps of spaces or at tabs."""
    if piped(start):
        return _piped
    return _Aligned().cells if aligned(start) else _tabbed


# a cell as Excel quotes it in tab-separated text ('文本文件（制表符分隔）', Unicode 文本, the clipboard): in quotes,
# holding a line break or a doubled quote
_LINE_END = re.compile(r"\r\n?")
_EXCEL_CELL = re.compile(r'(?:^|\t)"(?:[^"]|"")*(?:\n|"")(?:[^"]|"")*"(?=\t|\r?\n|$)', re.M)


def excel_quoted(start: str) -> bool:
    """Whether a tab-separated text starting with `start` quotes its cells as Excel does (a cell over two lines)."""
    return "\t" in start and _EXCEL_CELL.search(start) is not None


def aligned(start: str) -> bool:
    """Whether a document starting with `start` has its cells aligned with spaces, not separated by tabs."""
    return (
        "\t" not in start
        and sum(1 for line in start.splitlines() if _ALIGNED_GAP.search(line.strip())) >= ALIGNED_LINES
    )


def piped(start: str) -> bool:
    """Whether a document starting with `start` holds a Markdown table ('| a | b |' lines)."""
    return sum(1 for line in start.splitlines() if _PIPE_ROW.match(line)) >= PIPED_LINES


def _tabbed(line: str) -> list[str]:
    return line.split("\t")


def _piped(line: str) -> list[str] | None:
    """A Markdown table row's cells (None for its rule line); another line split on tabs."""
    if _PIPE_RULE.match(line):
        return None
    if not _PIPE_ROW.match(line):
        return _tabbed(line)
    cells = _PIPE.split(line.strip(" \t")[1:-1])
    return [html.unescape(_MD_ESCAPE.sub(r"\1", _MD_BREAK.sub("\n", cell))).strip() for cell in cells]


class _Aligned:
    """A space-aligned text's lines as cells in their columns (a blank line starts a new table)."""

    def __init__(self) -> None:
        self._columns = Columns()

    def cells(self, line: str) -> list[str]:
        found: list[Cell] = []
        width: float = 0
        start = 0
        for match in _ALIGNED_CELL.finditer(line):
            width += _width(line[start : match.start()])
            found.append(Cell(width, width + _width(match.group()), match.group()))
            width, start = found[-1].x1, match.end()
        if not found:
            self._columns.reset()
            return [line]
        return self._columns.place(found)


def _width(text: str) -> int:
    """Columns the text takes in a monospaced font: a Chinese (wide) character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


PDF_TEXT = (
    "从 PDF 转出的文字（pdftotext，每页以换页符结束）：表格线已丢失，单元格跨行、各页列位不同，读不准；请导入原 PDF "
    "text taken out of a PDF (pdftotext: pages ended by form feeds): its tables' rules are lost and its cells wrap "
    "over lines, so it is not read; import the PDF itself"
)


def pdf_text(start: str, end: str) -> bool:
    """Whether a text starting with `start` and ending with `end` is what pdftotext writes: no tab, every page ended
    by a form feed, the last too. A page break a word processor saved as a form feed stands between pages, and the
    text goes on after it (Word's "纯文本" of a document of paragraphs, of a table aligned with spaces)."""
    return "\t" not in start[:ALIGNED_SAMPLE] and end.rstrip(" \r\n").endswith("\f")


def read_text_rows(data: bytes) -> list[Row]:
    text = decode(data)
    if pdf_text(text, text[-64:]):
        raise UnreadableFile(PDF_TEXT)
    return split_rows(text)


def read_exported_rows(data: bytes) -> list[Row]:
    """Text under a spreadsheet's name (a report system's "Excel export" that is text, named .xls): read as CSV when
    each of its first lines holds a comma and none a tab, as an exported CSV's do (a title row too, as ',,,'), else
    as a .txt."""
    text = decode(data)
    head = [line for line in text[:4096].splitlines()[:EXPORT_LINES] if line.strip()]
    if head and all("," in line and "\t" not in line for line in head):
        return _csv_rows(text)
    return split_rows(text)


def read_csv_rows(data: bytes) -> list[Row]:
    return _csv_rows(decode(data))


def _csv_rows(text: str) -> list[Row]:
    head = text[:4096]
    delimiter = max(",;\t", key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append(Row(cells=[cell.replace("\t", " ") for cell in cells], line=reader.line_num))
    except csv.Error as exc:
        raise UnreadableFile(f"无法读取的 CSV 文件 not a readable CSV file (line {reader.line_num}: {exc})") from None
    return rows


def stream_rows(file: BinaryIO, csv_rows: bool = False) -> Iterator[Row]:
    """The rows `read_text_rows` (or `read_csv_rows`) gives, from a seekable binary file decoded as it is read."""
    head = file.read(HEAD_BYTES)
    file.seek(0)
    encoding = _head_encoding(head, whole=len(head) < HEAD_BYTES)
    start = codecs.getincrementaldecoder(encoding)(errors="ignore").decode(head[:80000])
    sample = (
        ""
        if csv_rows
        else codecs.getincrementaldecoder(encoding)(errors="ignore").decode(file.read(ALIGNED_SAMPLE * 4))
    )  # as many characters as `split_rows` looks at, whatever HEAD_BYTES is
    file.seek(0)
    _check_start(start)
    if not csv_rows and pdf_text(sample, _tail(file, encoding, head)):
        raise UnreadableFile(PDF_TEXT)
    buffered = file if isinstance(file, io.BufferedIOBase) else io.BufferedReader(file, 1 << 20)  # type: ignore[type-var]
    text = io.TextIOWrapper(buffered, encoding=encoding, errors=_MARK_ERRORS, newline="" if csv_rows else None)
    lines = _checked_lines(text, encoding)
    quoted = not csv_rows and excel_quoted(sample[:ALIGNED_SAMPLE])
    if not csv_rows and not quoted:
        yield from _under_groups(_text_rows(lines, _line_cells(sample[:ALIGNED_SAMPLE])))
        return
    reader = csv.reader(lines, delimiter="\t" if quoted else max(",;\t", key=start[:4096].count))
    try:
        for cells in reader:
            yield Row(cells=[cell.replace("\t", " ") for cell in cells], line=reader.line_num)
    except csv.Error as exc:
        raise UnreadableFile(f"无法读取的 CSV 文件 not a readable CSV file (line {reader.line_num}: {exc})") from None


def _tail(file: BinaryIO, encoding: str, head: bytes) -> str:
    """The last characters of a seekable file in `encoding` (UTF-16's byte order from the BOM at its `head`)."""
    if encoding == "utf-16":
        encoding = "utf-16-be" if head.startswith(codecs.BOM_UTF16_BE) else "utf-16-le"
    size = file.seek(0, io.SEEK_END)
    file.seek(max(0, size - 64) & ~1)  # even: where a UTF-16 character starts
    data = file.read()
    file.seek(0)
    return data.decode(encoding, errors="ignore")


def _head_encoding(head: bytes, whole: bool) -> str:
    """The first candidate encoding the head decodes in (a character cut at its end is no error)."""
    for encoding in _candidates(head):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=whole)
            return encoding
        except (UnicodeDecodeError, ValueError):
            pass
    raise UnreadableFile("不是已知编码的文字 not text in a known encoding (UTF-8, UTF-16, GB18030)")


# Bytes that do not decode become this lone surrogate, which strict decoding never yields: the line holding
# one is named in the error (the decoder reads ahead, so its own error would not say which line it was).
_MARK = "\udcff"
_MARK_ERRORS = "importers-text-mark"
codecs.register_error(_MARK_ERRORS, lambda error: (_MARK, getattr(error, "end")))  # noqa: B009 (UnicodeError's stub lacks .end)


def _checked_lines(text: io.TextIOWrapper, encoding: str) -> Iterator[str]:
    for number, line in enumerate(text, 1):
        if _MARK in line:
            raise UnreadableFile(
                f"第 {number} 行的编码与文件开头不同 "
                f"line {number}: not {encoding.upper()} text like the start of the file"
            )
        yield line


def _text_rows(lines: Iterator[str], cells) -> Iterator[Row]:
    """One row per line as `split_rows` gives them (U+2028 ends a line too, text after the last break is a row)."""
    number, ended = 0, True
    for line in lines:
        ended = line.endswith("\n")
        for part in (line[:-1] if ended else line).split("\u2028"):
            number += 1
            if (found := cells(part)) is not None:
                yield Row(cells=found, line=number)
    if ended:
        yield Row(cells=cells(""), line=number + 1)
