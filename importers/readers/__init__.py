"""Readers turn a file into rows of cells that the layout parsers understand.

The extension says which files to look at; the bytes say how to read them (`sniff`), so a .xls that
is really an .xlsx reads as one and a renamed image fails with a clear reason. Table rows are rows of
cells, text outside tables is one row per line. A merged cell's text is spread to every cell it covers,
across and down (.xlsx, .xls, .docx, .doc, web pages, and .pdf where a cell's box shows what it covers), as an officer's
"unmerge and fill" leaves a sheet; text exports keep it in the first cell only. Layouts read both.
Library errors become UnreadableFile with a one-line reason; `common` holds the size limits. Text and
CSV files of any size can also be read as a stream of rows (`RowStream`); every other format is read
whole, within the limits.
"""

from __future__ import annotations

import hashlib
import importlib
import io
from pathlib import Path
from typing import BinaryIO, Iterator

from importers.readers.common import EMPTY, MAX_BYTES, UnreadableFile
from importers.readers.sniff import sniff
from importers.records import DRAFT_MARK, Row

SAVED_AGAIN = 120  # seconds between an Office file's creation and its last save that say it was saved again later

__all__ = [
    "ADVICE",
    "EXTENSIONS",
    "UnreadableFile",
    "RowStream",
    "can_stream",
    "exported_draft",
    "read_rows",
    "read_bytes",
]

# extension → what to look for; the content still decides
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".tsv": "text",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".et": "xls",  # a WPS spreadsheet: the .xls format, when its content says so
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".mht": "html",
    ".mhtml": "html",
}
# extension of a format not read → what to do with the file (named alone or met in a folder)
ADVICE = {
    ".ods": "OpenDocument 表格：另存为 .xlsx 后导入 an OpenDocument spreadsheet: save it as .xlsx to import it",
    ".odt": "OpenDocument 文档：另存为 .docx 后导入 an OpenDocument text: save it as .docx to import it",
    ".rtf": "RTF 文档：请用 Word 或 WPS 另存为 .docx 再导入 an RTF document: save it as .docx to import it",
    ".xml": "XML 文件：Excel 2003 XML 表格请改名为 .xls、Word 2003 XML 文档请改名为 .doc 再导入 "
    "an XML file: rename an Excel 2003 XML sheet to .xls, a Word 2003 XML document to .doc, to import it",
    ".ofd": "OFD 版式文件：请用 OFD 阅读器另存为 PDF 后导入 an OFD document: save it as PDF to import it",
    ".zip": "压缩包：请先解压 an archive: unpack it first",
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"),
        "图片（截图、照片）：图中的文字读不出，请导入原始的 PDF、Excel 或 Word 文件，或先用 OCR 转成文字 "
        "an image (a screenshot, a photo): its text cannot be read; import the original PDF, Excel or Word file",
    ),
    ".rar": "压缩包：请先解压 an archive: unpack it first",
    ".7z": "压缩包：请先解压 an archive: unpack it first",
}
# extension of a binary format → what a file so named, its content no such format nor text, is not (a damaged or
# misnamed file: 'binary data, not a text document' named what it was read as, not what the officer sent)
_NAMED = {
    suffix: f"扩展名是 {suffix}，但内容不是{zh}：文件可能已损坏，或扩展名不对（请用原软件打开后另存再导入） "
    f"named {suffix}, but not {en}: damaged or misnamed (open it where it was made and save it again)"
    for suffixes, zh, en in (
        ((".pdf",), " PDF", "a PDF"),
        ((".xlsx", ".xlsm", ".xls", ".et"), " Excel/WPS 表格", "an Excel or WPS spreadsheet"),
        ((".docx", ".doc", ".wps"), " Word/WPS 文档", "a Word or WPS document"),
    )
    for suffix in suffixes
}
# content kind → (module in this package, function): imported only when a file of that kind comes
_READERS = {
    "text": ("text", "read_text_rows"),
    "csv": ("text", "read_csv_rows"),
    "exported text": ("text", "read_exported_rows"),
    "xlsx": ("xlsx", "read"),
    "xls": ("xls", "read"),
    "docx": ("docx", "read"),
    "doc": ("doc", "read"),
    "pdf": ("pdf", "read"),
    "html": ("html", "read"),
    "mht": ("html", "read_mht"),
    "xml-sheet": ("xml_sheet", "read"),
    "wordml": ("docx", "read_wordml"),
}


def read_rows(path: Path) -> list[Row]:
    """Rows of cells from a file; raises UnreadableFile with a one-line reason."""
    if path.suffix.lower() not in EXTENSIONS:
        raise UnreadableFile(
            ADVICE.get(path.suffix.lower(), f"不支持的文件类型 unsupported file type {path.suffix or '(none)'}")
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            how = (
                ("请用 kb import 导入，文本会按流读取", "import it with `kb import`, which reads text as a stream")
                if can_stream(path)
                else ("此格式需整体读取，请拆分文件", "this format is read whole: split the document")
            )
            raise UnreadableFile(
                f"文件过大：{size / 2**20:.0f} MiB（上限 {MAX_BYTES >> 20} MiB），{how[0]} "
                f"(too large to read whole: {size / 2**20:.0f} MiB; {how[1]})"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件 cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(data, path.suffix.lower())


def read_bytes(data: bytes, suffix: str = ".txt") -> list[Row]:
    """Rows from a file's bytes; `suffix` only tells text from CSV (or a sheet's export) when the content is text."""
    kind = sniff(data)
    if kind == "text" and EXTENSIONS.get(suffix) == "csv":
        kind = "csv"
    elif kind == "text" and EXTENSIONS.get(suffix) in ("xls", "xlsx"):
        kind = "exported text"
    module, function = _READERS[kind]
    reader = getattr(importlib.import_module(f"importers.readers.{module}"), function)
    try:
        rows = reader(data)
    except UnreadableFile as exc:
        if kind not in ("text", "exported text") or str(exc) == EMPTY or suffix not in _NAMED:
            raise
        raise UnreadableFile(_NAMED[suffix]) from None
    except MemoryError:
        raise UnreadableFile(
            f"文件过大：读取时超出内存上限 (too large to read as {kind} within the memory limit)"
        ) from None
    except RecursionError:
        raise UnreadableFile(f"文件已损坏（嵌套过深） corrupt {kind} file (nested too deeply)") from None
    except Exception as exc:  # a library's own error for a damaged file
        detail = " ".join(str(exc).split())[:120]
        raise UnreadableFile(
            f"文件已损坏或无法读取 corrupt or unreadable {kind} file ({type(exc).__name__}: {detail})"
        ) from None
    if all(row.blank for row in rows):  # a document without a paragraph, a CSV of its byte order mark alone
        raise UnreadableFile(EMPTY)
    return rows


def misnamed_text(path: Path) -> str | None:
    """Why a file under a PDF or Word name that holds plain text is no such file (as for bytes of no format), for one
    read as text that holds no goal table ('不是绩效目标文件' said of a PDF the officer sent); None for a file of its
    format or another name. Sheets are left out: report systems export tab-separated text under a sheet's name."""
    suffix = path.suffix.lower()
    if suffix not in _NAMED or EXTENSIONS[suffix] in ("xls", "xlsx"):
        return None
    try:
        return _NAMED[suffix] if sniff(path.read_bytes()) == "text" else None
    except (OSError, UnreadableFile):
        return None


def exported_draft(path: Path) -> bool:
    """Whether a file is an Office file jixiao-kb exported from a draft, as it was written: its subject says so
    (docProps/core.xml) and it was not saved again later (saved from Excel, WPS or Word after it was written, it is
    the officer's own table now, perhaps the one published)."""
    import re
    import zipfile
    from datetime import datetime

    try:
        with zipfile.ZipFile(path) as archive:
            with archive.open("docProps/core.xml") as core:
                text = core.read(1 << 16).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    if DRAFT_MARK not in text:
        return False
    times = dict(re.findall(r"<dcterms:(created|modified)\b[^>]*>([^<]+)<", text))
    try:
        created, modified = (datetime.fromisoformat(times[key].strip()) for key in ("created", "modified"))
    except (KeyError, ValueError):
        return True
    return abs((modified - created).total_seconds()) <= SAVED_AGAIN


def can_stream(path: Path) -> bool:
    """Whether the file is text or CSV, by its extension and its first bytes, and so can be read as a stream."""
    if EXTENSIONS.get(path.suffix.lower()) not in ("text", "csv"):
        return False
    try:
        with path.open("rb") as file:
            return sniff(file.read(1 << 16)) == "text"
    except (OSError, UnreadableFile):
        return False


class RowStream:
    """The rows of a text or CSV file read as they are needed, with the sha256 and count of the bytes read.

    `with RowStream(path) as rows: for row in rows: …`; the rows are those `read_rows` gives.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bytes_read = 0
        self._digest = hashlib.sha256()
        self._file: BinaryIO | None = None

    def __enter__(self) -> RowStream:
        try:
            self._file = self.path.open("rb")
        except OSError as exc:
            raise UnreadableFile(f"无法读取文件 cannot read file: {exc.strerror or exc}") from exc
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()

    def __iter__(self) -> Iterator[Row]:
        from importers.readers.text import stream_rows

        assert self._file is not None, "a RowStream is read inside `with`"
        self._file.seek(0)
        self.bytes_read, self._digest = 0, hashlib.sha256()
        counted = io.BufferedReader(_Counted(self._file, self), 1 << 16)
        try:
            yield from stream_rows(counted, csv_rows=EXTENSIONS.get(self.path.suffix.lower()) == "csv")
        except OSError as exc:
            raise UnreadableFile(f"无法读取文件 cannot read file: {exc.strerror or exc}") from exc

    @property
    def sha256(self) -> str:
        """The sha256 of the bytes read so far (of the whole file once every row was read)."""
        return self._digest.hexdigest()


class _Counted(io.RawIOBase):
    """A file whose bytes go into the stream's digest and count as they are first read in order (a rewind reads none
    twice; a look ahead, at the file's last bytes, counts none: they count when the reading reaches them)."""

    def __init__(self, file, stream: RowStream) -> None:
        self._file, self._stream = file, stream

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def readinto(self, buffer) -> int:
        start = self._file.tell()
        count = self._file.readinto(buffer)
        new = start + count - self._stream.bytes_read
        if new > 0 and start <= self._stream.bytes_read:
            self._stream._digest.update(memoryview(buffer)[count - new : count])
            self._stream.bytes_read += new
        return count
