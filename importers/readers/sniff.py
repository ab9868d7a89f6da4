"""What a file really is, from its bytes: the extension may lie, the content decides.

`sniff` names the reader for the content ('text', 'xlsx', 'xls', 'xml-sheet', 'docx', 'wordml', 'doc', 'pdf', 'html',
'mht') or raises UnreadableFile with a one-line reason (an image, an archive, a password-protected Office file, a zip
bomb …). A web page is markup from its start (after a BOM, an XML declaration, comments and a doctype): a report
system's "Excel export" that is an HTML table reads as the page it is, and so does a "Word export" that is a web page
saved as one file (MHT: mail headers, then the page and its pictures as parts). An Excel 2003 XML spreadsheet (what
report systems export from a template under a .xls name) is read, and so is a Word 2003 XML document (the same under a
.doc name).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from typing import Iterator

from importers.readers.common import CUT_SHORT, MAX_CELL_BYTES, MAX_RATIO, MAX_UNZIPPED, UnreadableFile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and encrypted .xlsx/.docx
ZIP = b"PK\x03\x04"
OTHER = {  # magic bytes of files that are certainly not documents → what they are
    b"\x89PNG": ("PNG 图片", "a PNG image"),
    b"\xff\xd8\xff": ("JPEG 图片", "a JPEG image"),
    b"GIF8": ("GIF 图片", "a GIF image"),
    b"II*\x00": ("TIFF 图片", "a TIFF image"),
    b"MM\x00*": ("TIFF 图片", "a TIFF image"),
    b"Rar!": ("RAR 压缩包", "a RAR archive"),
    b"7z\xbc\xaf": ("7-Zip 压缩包", "a 7-Zip archive"),
    b"\x1f\x8b": ("gzip 压缩包", "a gzip archive"),
    b"\x7fELF": ("程序", "a program"),
    b"PK\x05\x06": ("空的 ZIP 压缩包", "an empty ZIP archive"),
    b"SQLite format 3": ("SQLite 数据库", "an SQLite database"),
}

# OLE2 stream names (UTF-16LE, as they appear in the compound file's directory)
_ENCRYPTED = "EncryptedPackage"
_WORKBOOK = ("Workbook", "Book")
_WORD = "WordDocument"
_HTML = re.compile(
    rb"(?:\s|<\?xml[^>]*>|<!--.*?-->|<!doctype\s+html[^>]*>)*<(?:html|head|body|meta|title|link|base|"
    rb"style|script|table|div|p|span|center|font|h[1-6])[\s>/]",
    re.I | re.S,
)
# a web page saved as one file (.mht): mail headers first, MIME-Version among them, then the related parts
_MIME_HEADERS = re.compile(rb"\s*(?:[\w-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?MIME-Version:\s*1\.0", re.I)
_MULTIPART = re.compile(rb"^Content-Type:\s*multipart/related", re.I | re.M)
# the root of an Excel 2003 XML spreadsheet (its namespace, or Excel's processing instruction) and of a Word one
_SPREADSHEET_ML = re.compile(
    rb"<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet|progid=\"Excel\.Sheet\""
)
_WORD_ML = re.compile(rb"<w:wordDocument\b|progid=\"Word\.Document\"")
# a file cut short (a download that did not finish) lacks its end: a ZIP's end record, a PDF's %%EOF
_ZIP_END = b"PK\x05\x06"
_ZIP_END_REACH = 22 + 0xFFFF  # the end record and the longest comment after it
_CHUNK = 1 << 18  # bytes of XML read at a time


def sniff(data: bytes) -> str:
    """The reader for these bytes; raises UnreadableFile when none fits."""
    if data.startswith(ZIP):
        return _zip_kind(data)
    if data.startswith(OLE2):
        return _ole_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"{\\rtf"):  # what some systems export as "Word"
        raise UnreadableFile(
            "RTF 文档：请用 Word 或 WPS 另存为 .docx 再导入 an RTF document: save it as .docx to import it"
        )
    for magic, (zh, en) in OTHER.items():
        if data.startswith(magic):
            raise UnreadableFile(f"这是{zh}，不是绩效目标文件 {en}, not a goal document")
    if _HTML.match(_head(data)):
        return "html"
    if _MIME_HEADERS.match(data[:4096]) and _MULTIPART.search(data[:4096]):
        return "mht"
    head = _head(data).lstrip()
    if head.startswith(b"<") and _SPREADSHEET_ML.search(head):  # an XML declaration or not (a template's output)
        return "xml-sheet"
    if head.startswith(b"<") and _WORD_ML.search(head):
        return "wordml"
    if head.startswith(b"<?xml"):
        raise UnreadableFile(
            "XML 文件，不是 Excel 或 Word 的表格文档：请打开后另存为 .xlsx 或 .docx "
            "an XML file, not an Excel or Word one: open it and save it as .xlsx or .docx"
        )
    return "text"


def _head(data: bytes) -> bytes:
    """The first 4 KiB of the content in an ASCII-compatible encoding (a UTF-16 page's re-encoded), without a BOM."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) : len(bom) + 8192].decode(encoding, "ignore").encode("utf-8")[:4096]
    return data[:4096]


def _ole_kind(data: bytes) -> str:
    """What an OLE2 compound file holds, by the streams at its root: a workbook embedded in a Word document (or a
    document in a workbook) is a stream further down. A directory olefile cannot read (a damaged or cut file) is
    searched for the names instead."""
    streams = _root_streams(data)
    has = (lambda name: name in streams) if streams is not None else (lambda name: name.encode("utf-16-le") in data)
    if has(_ENCRYPTED):
        raise UnreadableFile(
            "有密码保护：请另存一份无保护的再导入 password-protected: save an unprotected copy to import it"
        )
    if has(_WORD):
        return "doc"
    if any(has(name) for name in _WORKBOOK):
        return "xls"
    if streams is None and len(data) % 512:  # a compound file is whole sectors: this one was cut short
        raise UnreadableFile(f"旧版 Office 文件不完整：{CUT_SHORT}")
    if streams is None:
        raise UnreadableFile(
            "旧版 Office 文件已损坏，无法读出其目录 a damaged old Office file (its directory cannot be read)"
        )
    raise UnreadableFile(
        "旧版 Office 文件，既不是表格也不是文档：请另存为 .xlsx 或 .docx 再导入 "
        "an old Office file that is neither a workbook nor a document: save it as .xlsx or .docx to import it"
    )


def _root_streams(data: bytes) -> set[str] | None:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {path[0] for path in ole.listdir() if len(path) == 1}
    except Exception:  # noqa: BLE001 (olefile's errors for a damaged directory are of several kinds)
        return None


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, once its directory shows it unpacks to a sane size (zip bombs never get opened)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        if data.startswith(ZIP) and _ZIP_END not in data[-_ZIP_END_REACH:]:
            raise UnreadableFile(f"文件不完整：{CUT_SHORT}") from None
        raise UnreadableFile(f"ZIP 容器已损坏 corrupt ZIP container ({exc})") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED:
        raise UnreadableFile(
            f"解压后 {total / 2**20:,.0f} MiB，超过上限 {MAX_UNZIPPED >> 20} MiB：疑为 zip 炸弹或文件过大 "
            f"(unpacks to {total / 2**20:,.0f} MiB, limit {MAX_UNZIPPED >> 20} MiB: a zip bomb or too "
            "large to read)"
        )
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        if m.file_size > 10 << 20 and ratio > MAX_RATIO:
            raise UnreadableFile(
                f"{m.filename} 解压后是压缩时的 {ratio:,} 倍（上限 {MAX_RATIO}）：疑为 zip 炸弹 "
                f"({m.filename} unpacks {ratio:,} times its size: a zip bomb)"
            )
    return archive


def xml_chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """An XML part's bytes, a chunk at a time, refused once a text between two tags (a cell's or a paragraph's
    text) passes MAX_CELL_BYTES: before a parser has built it. A chunk is at most a quarter of the limit, so a text
    that passes it spans chunks and is measured whole."""
    run = 0  # bytes since the last '<'
    with archive.open(name) as source:
        while chunk := source.read(max(min(_CHUNK, MAX_CELL_BYTES // 4), 1)):
            first = chunk.find(b"<")
            run += len(chunk) if first < 0 else first
            if run > MAX_CELL_BYTES:
                raise UnreadableFile(
                    f"{name} 中的一段文字（一个单元格或段落）超过 {MAX_CELL_BYTES:,} 字节，已拒绝 "
                    f"({name} holds over {MAX_CELL_BYTES:,} bytes of text in one cell or paragraph)"
                )
            if first >= 0:
                run = len(chunk) - chunk.rfind(b"<") - 1
            yield chunk


def _zip_kind(data: bytes) -> str:
    names = set(open_zip(data).namelist())
    if "xl/workbook.xml" in names or any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnreadableFile(
            "开放文档格式（OpenDocument）：请另存为 .xlsx 或 .docx 再导入 "
            "an OpenDocument file: save it as .xlsx or .docx to import it"
        )
    raise UnreadableFile(
        "ZIP 压缩包，不是表格或 Word 文档（请先解压） "
        "a ZIP archive, not a workbook or a Word document (unpack it first)"
    )
