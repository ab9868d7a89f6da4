"""Old Word .doc documents (Word 97–2003, and WPS Office's .wps, which is the same format): paragraphs and
tables in document order, as the .docx reader gives them.

The file is an OLE2 compound file (olefile). Its text is read through the piece table (the CLX in the table
stream) and each paragraph's properties through the PAPX pages (FKPs): whether the paragraph is in a table, at
which depth, and whether it ends a cell or a row. A row's end carries the row's cell boundaries and merge flags
(sprmTDefTable, sprmTVertMerge). A cell spanning several columns of its table's grid (the boundaries of all its
rows) is repeated in each, a vertically merged cell's text in each row it continues into, and a nested table's
rows follow the row that holds it. Field codes are dropped (their results kept), and so are text deleted with its
changes tracked (修订) and hidden text, found through the CHPX pages, which also say where a symbol font's
characters are (read as the characters they show, common.SYMBOLS) and where a drop-down form field's data is
(read as the entry it shows). A section break ends a paragraph, a page or column break inside one is dropped (as the
.docx reader drops them). Not read: property modifiers of a fast save's simple kind (Prm0), headers, footers, notes
and text boxes (stories of their own). Reference: [MS-DOC].

Every count is bounded by the file: pieces may not hold more text than the stream has, paragraphs and the cells
of the tables laid out are counted against MAX_CELLS and rows against MAX_ROWS as they are made, a paragraph is at
most MAX_CELL_BYTES, tables nest at most MAX_DEPTH deep, each property page is read once.
"""

from __future__ import annotations

import io
import re
import struct
import sys
from array import array
from bisect import bisect_right

from importers.readers.common import (
    MAX_CELL_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    SYMBOLS,
    UnreadableFile,
    cell_text,
    check_cells,
    check_rows,
    symbol,
)
from importers.records import Row

WORD_97 = 0x00C1  # the first FIB version of the format read here (Word 97)
OLDER = {0xA5DC, 0x8098, 0x8099, 0xA697, 0xA699}  # the header of Word 6 and 95 files (Chinese editions among them)
_CELL, _PARAGRAPH, _SECTION = "\x07", "\r", "\x0c"
_MARKS = re.compile("[\r\x07\x0c\x13-\x15]")  # a paragraph's, a cell's or a section's end; a field's parts
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x08\x0e\x1f"), None)  # objects, note marks, column breaks
_SHOWN.update({0x0B: "\n", 0x1E: "-"})  # a line break, a hard hyphen
_SHOWN.update(dict.fromkeys(range(0xF000, 0xF100)))  # a symbol font's code not in common.SYMBOLS
_SNAP = 20  # twips (1 pt): cell boundaries of two rows this close are the same grid line
MAX_DEPTH = 64  # tables nested deeper are read as at this depth (Word nests at most 63)

# paragraph and table properties (sprm codes)
IN_TABLE, TABLE_ROW_END, DEPTH = 0x2416, 0x2417, 0x6649
INNER_CELL_END, INNER_ROW_END = 0x244B, 0x244C
DEF_TABLE, VERT_MERGE, CHANGE_TABS = 0xD608, 0xD62B, 0xC615
FONT, SYMBOL = 0x4A4F, 0x6A09  # sprmCRgFtc0: a run's font (its index); sprmCSymbol: a symbol font's character
DELETED = 0x0800  # sprmCFRMarkDel: text deleted with its changes tracked (修订), which Word does not show
HIDDEN = 0x083C  # sprmCFVanish: hidden text, which Word neither shows nor prints (on: 1, or 0x81 against its style)
PICTURE = 0x6A03  # sprmCPicLocation: where in the Data stream a character's object is (a form field's FFData)
HUGE = 0x6646  # the paragraph's properties are too many for its page: they are in the Data stream, at this offset
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # operand size by the sprm's spra (6: variable)
CONTINUES = 1  # a vertically merged cell below the first of its set (VerticalMergeFlag fvmMerge)
# A cell merged across is either one wide cell (its boundaries span several grid columns) or, as Word 97 merged
# them, cells of their own flagged as joined to the one before (TC80 horzMerge): both read as the first one's text.

# FibRgFcLcb97 pairs: the piece table, the sections, the paragraph and character property pages, the fonts
_CLX, _SECTIONS, _PAPX_PAGES, _CHPX_PAGES, _FONTS = 33, 6, 13, 12, 15
_STREAMS = ("WordDocument", "1Table", "0Table", "Data")


def read(data: bytes) -> list[Row]:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {}
            for name in _STREAMS:
                if ole.exists(name):
                    if ole.get_size(name) > len(data):  # a sector chain that loops
                        raise UnreadableFile(f"损坏的 .doc 文件：{name} 流比文件还大 corrupt .doc document ({name})")
                    streams[name] = ole.openstream(name).read()
    except OSError as exc:  # olefile's own error for a damaged compound file
        raise UnreadableFile(f"损坏的 .doc 文件 corrupt .doc document ({exc})") from None
    try:
        word = streams.get("WordDocument", b"")
        fib = _Fib(word)
        name = "1Table" if fib.table_1 else "0Table"
        if name not in streams:
            raise UnreadableFile(f"损坏的 .doc 文件：缺少 {name} 流 corrupt .doc document (no {name} stream)")
        data = streams.get("Data", b"")
        rows = _Tables(data).read(_paragraphs(word, streams[name], fib, data))
    except (struct.error, IndexError):  # an offset or a count that points past its stream
        raise UnreadableFile(
            "损坏的 .doc 文件：结构越出其数据流 corrupt .doc document (a structure runs past its stream)"
        ) from None
    return [Row(cells=cells, line=n) for n, cells in enumerate(rows, 1)]


class _Fib:
    """What is read from the File Information Block at the start of the WordDocument stream."""

    def __init__(self, word: bytes) -> None:
        ident, version = struct.unpack_from("<HH", word, 0)
        if ident in OLDER or (ident == 0xA5EC and version < WORD_97):
            raise UnreadableFile(
                "早期版本（Word 95 或更早）的 .doc：请另存为 .docx 再导入 "
                "a Word 95 or older .doc document: save it as .docx to import it"
            )
        if ident != 0xA5EC:
            raise UnreadableFile("不是 Word 文档（.doc 文件头不对） not a Word document (no Word header)")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise UnreadableFile(
                "有密码保护：请另存一份无保护的再导入 password-protected: save an unprotected copy to import it"
            )
        self.table_1 = bool(flags & 0x0200)
        at = 32
        at += 2 + 2 * struct.unpack_from("<H", word, at)[0]  # fibRgW
        longs = at + 2
        self.text_chars = struct.unpack_from("<i", word, longs + 12)[0]  # ccpText: the main document's text
        at = longs + 4 * struct.unpack_from("<H", word, at)[0]  # past fibRgLw
        self._pairs, self._count = at + 2, struct.unpack_from("<H", word, at)[0]
        self._word = word

    def place(self, index: int) -> tuple[int, int]:
        """(offset, size) in the table stream of the FibRgFcLcb97 pair `index`."""
        if index >= self._count:
            raise UnreadableFile("损坏的 .doc 文件：文件信息块过短 corrupt .doc document (short FIB)")
        return struct.unpack_from("<II", self._word, self._pairs + 8 * index)


def _paragraphs(word: bytes, table: bytes, fib: _Fib, data: bytes = b"") -> list[tuple[str, str, bytes, bytes]]:
    """The main text's paragraphs: (text without its mark, the mark, its PAPX sprms, its piece's modifier sprms)."""
    props = _Runs(word, table, *fib.place(_PAPX_PAGES), paragraphs=True)
    characters = _Runs(word, table, *fib.place(_CHPX_PAGES), paragraphs=False)
    deleted, symbols = _character_spans(characters, _font_names(table, *fib.place(_FONTS)))
    chosen = _drop_downs(characters, data)
    sections = _section_ends(table, *fib.place(_SECTIONS))
    pieces, modifiers = _pieces(table, *fib.place(_CLX))
    stored = sum(max(min(end, fib.text_chars) - start, 0) * (1 if narrow else 2) for start, end, _, narrow, _ in pieces)
    if stored > len(word):
        raise UnreadableFile("损坏的 .doc 文件：文字片段重叠 corrupt .doc document (its pieces overlap)")
    out: list[tuple[str, str, bytes, bytes]] = []
    text: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result has begun
    begun: list[int] = []  # for each open field: the offset of its beginning
    in_code = 0  # open fields whose result has not begun: their text (and any field's inside) is dropped
    for start, end, fc, compressed, prm in pieces:
        end = min(end, fib.text_chars)
        if start >= end:
            continue
        width = 1 if compressed else 2
        chunk = _units(word[fc : fc + width * (end - start)], compressed)
        chunk = _without(_with_symbols(chunk, fc, width, symbols), fc, width, deleted)
        extra = modifiers[prm >> 1] if prm & 1 and prm >> 1 < len(modifiers) else b""
        done = 0
        for mark in _MARKS.finditer(chunk):
            if not in_code:
                text.append(chunk[done : mark.start()])
            done, ch = mark.end(), mark.group()
            at = fc + width * mark.start()
            if ch == "\x13":  # a field begins: its code first
                fields.append(False)
                begun.append(at)
                in_code += 1
            elif ch == "\x14":  # the field's result begins
                if fields and not fields[-1]:
                    fields[-1] = True
                    in_code -= 1
            elif ch == "\x15":  # the field ends
                if fields and not fields.pop():
                    in_code -= 1
                first = begun.pop() if begun else at
                i = bisect_right(chosen, (first,))
                if not in_code and i < len(chosen) and chosen[i][0] < at:  # a drop-down form field: its entry
                    text.append(chosen.pop(i)[1])
            elif ch != _SECTION or start + mark.start() + 1 in sections:  # a page break is no paragraph's end
                out.append((_shown(text), ch, props.at(at), extra))
                text = []
                if len(out) > MAX_CELLS:
                    raise UnreadableFile(
                        f"文件过大：超过 {MAX_CELLS:,} 个段落或单元格，请拆分文件 (too large: more than "
                        f"{MAX_CELLS:,} paragraphs or cells; split the file)"
                    )
        if not in_code:
            text.append(chunk[done:])
    if any(text):
        out.append((_shown(text), _PARAGRAPH, b"", b""))
    return out


def _units(raw: bytes, compressed: bool) -> str:
    """A piece's text, one character for each of its code units (a character beyond the BMP as its two surrogates),
    so that a character's place in the string is its place in the stream."""
    if compressed:
        return raw.decode("cp1252", "replace")
    text = raw.decode("utf-16-le", "replace")
    if 2 * len(text) == len(raw):
        return text
    units = array("H", raw[: len(raw) & ~1])
    if sys.byteorder == "big":
        units.byteswap()
    return "".join(map(chr, units))


def _shown(parts: list[str]) -> str:
    """A paragraph's text as shown: surrogate pairs made characters again, marks and objects dropped."""
    text = "".join(parts)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if 2 * len(text) > MAX_CELL_BYTES:
        raise UnreadableFile(
            f"一个段落超过 {MAX_CELL_BYTES:,} 字节，已拒绝 (a paragraph holds over {MAX_CELL_BYTES:,} bytes of text)"
        )
    return text.translate(_SHOWN)


def _without(chunk: str, fc: int, width: int, spans: list[tuple[int, int]]) -> str:
    """A piece's text (at offset `fc`, `width` bytes a character) with the characters in `spans` (sorted offset
    ranges) made \\x01, dropped later: a deleted paragraph mark joins its paragraph to the next, as Word shows it."""
    end = fc + width * len(chunk)
    parts, done = [], 0
    i = max(bisect_right(spans, (fc,)) - 1, 0)
    while i < len(spans) and spans[i][0] < end:
        a, b = _characters(*spans[i], fc, width, len(chunk))
        a = max(a, done)
        i += 1
        if a < b:
            parts += [chunk[done:a], "\x01" * (b - a)]
            done = b
    return "".join([*parts, chunk[done:]]) if parts else chunk


def _characters(first: int, last: int, fc: int, width: int, length: int) -> tuple[int, int]:
    """The characters (from, to) of a piece at offset `fc`, `width` bytes a character, that the offsets
    first…last cover."""
    return (max(first, fc) - fc) // width, min(-(-(last - fc) // width), length)


def _font_names(table: bytes, fc: int, size: int) -> list[str]:
    """The document's fonts by index (SttbfFfn: a count, then each FFN: its size less one, 39 bytes more, its name in
    UTF-16 ending in a NUL)."""
    if size < 4:
        return []
    names, at = [], fc + 4
    for _ in range(struct.unpack_from("<H", table, fc)[0]):
        if at >= min(fc + size, len(table)):
            break
        ffn = table[at : at + table[at] + 1]
        names.append(ffn[40:].decode("utf-16-le", "replace").partition("\0")[0])
        at += len(ffn)
    return names


def _character_spans(runs: _Runs, fonts: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int, str, int]]]:
    """The offset ranges (first, end) of text deleted with its changes tracked or hidden; and those of characters in a
    symbol font (common.SYMBOLS) with (font, code), code being the character the run says (sprmCSymbol, as Word
    writes one), or -1 where the text holds the font's own codes (U+F0xx, as LibreOffice writes them)."""
    deleted, symbols = [], []
    ends = [*runs.starts[1:], runs.starts[-1] if runs.starts else 0]
    for first, end, grpprl in zip(runs.starts, ends, runs.grpprls):
        sprms = dict(_sprms(grpprl)) if grpprl else {}
        if _flag(sprms, DELETED) or sprms.get(HIDDEN, b"")[:1] in (b"\x01", b"\x81"):
            deleted.append((first, end))
        chosen, font = sprms.get(SYMBOL, b""), sprms.get(FONT, b"")
        if len(chosen) == 4:
            index, code = struct.unpack("<HH", chosen)
            symbols.append((first, end, fonts[index] if index < len(fonts) else "", code))
        elif len(font) == 2 and (index := struct.unpack("<H", font)[0]) < len(fonts):
            if fonts[index].strip().lower() in SYMBOLS:
                symbols.append((first, end, fonts[index], -1))
    return deleted, symbols


def _drop_downs(runs: _Runs, data: bytes) -> list[tuple[int, str]]:
    """(offset, entry) of each legacy drop-down form field's (FORMDROPDOWN) chosen entry, which no text of the field
    holds: its FFData, in the Data stream where a character of its code says (sprmCPicLocation), after the 0x44
    bytes of a NilPICFAndBinData's header; sorted by offset."""
    out = []
    for first, grpprl in zip(runs.starts, runs.grpprls):
        location = dict(_sprms(grpprl)).get(PICTURE, b"") if grpprl else b""
        if len(location) == 4:
            at = struct.unpack("<I", location)[0] + 0x44
            try:
                entry = _drop_down(data, at) if data[at : at + 4] == b"\xff\xff\xff\xff" else ""
            except struct.error:  # data cut short: the field shows nothing read here
                entry = ""
            if entry:
                out.append((first, entry))
    return sorted(out)


def _drop_down(data: bytes, at: int) -> str:
    """The entry an FFData at `at` shows when it is a drop-down's ('' for another kind of field): its iRes, or its
    wDef where iRes is 25 (none chosen), in its list (hsttbDropList, last after the name and five texts)."""
    bits = struct.unpack_from("<H", data, at + 4)[0]
    if bits & 3 != 2:
        return ""
    at += 10  # version, bits, cch, hps
    at = _past_xstz(data, at)  # xstzName
    default = struct.unpack_from("<H", data, at)[0]
    at += 2
    for _ in range(5):  # xstzTextFormat, xstzHelpText, xstzStatText, xstzEntryMcr, xstzExitMcr
        at = _past_xstz(data, at)
    extended, count = struct.unpack_from("<HH", data, at)
    at += 6  # fExtend, cData, cbExtra
    entries = []
    for _ in range(count if extended == 0xFFFF else 0):
        size = 2 * struct.unpack_from("<H", data, at)[0]
        entries.append(data[at + 2 : at + 2 + size].decode("utf-16-le", "replace"))
        at += 2 + size
    chosen = bits >> 2 & 0x1F
    chosen = default if chosen == 25 else chosen
    return entries[chosen] if chosen < len(entries) else ""


def _past_xstz(data: bytes, at: int) -> int:
    """The offset after an Xstz (a count of UTF-16 units, the units, a NUL)."""
    return at + 2 + 2 * struct.unpack_from("<H", data, at)[0] + 2


def _with_symbols(chunk: str, fc: int, width: int, spans: list[tuple[int, int, str, int]]) -> str:
    """A piece's text with its symbol fonts' characters made the characters they show (dropped when unknown)."""
    end = fc + width * len(chunk)
    for first, last, font, code in spans:  # few: only runs in a symbol font
        if first >= end or last <= fc:
            continue
        a, b = _characters(first, last, fc, width, len(chunk))
        if code >= 0:  # the run's characters are placeholders for the one it says
            chunk = chunk[:a] + (symbol(font, code) or "\x01") * (b - a) + chunk[b:]
        else:
            mapped = "".join(symbol(font, ord(c)) or c if 0xF000 <= ord(c) < 0xF100 else c for c in chunk[a:b])
            chunk = chunk[:a] + mapped + chunk[b:]
    return chunk


def _section_ends(table: bytes, fc: int, size: int) -> set[int]:
    """The character positions just past each section's end (PlcfSed): a section break there ends a paragraph."""
    count = (size - 4) // 16  # n + 1 CPs and n SEDs of 12 bytes
    return set(struct.unpack_from(f"<{count + 1}i", table, fc)[1:]) if count > 0 else set()


def _pieces(table: bytes, fc: int, size: int) -> tuple[list[tuple[int, int, int, bool, int]], list[bytes]]:
    """The piece table: (first cp, end cp, fc, compressed, prm) of each piece; and the property modifiers (Prc)."""
    at, end, modifiers = fc, fc + size, []
    while at < end:
        kind = table[at]
        if kind == 1:  # a Prc: a grpprl that pieces may apply
            length = struct.unpack_from("<h", table, at + 1)[0]
            modifiers.append(table[at + 3 : at + 3 + max(length, 0)])
            at += 3 + max(length, 0)
        elif kind == 2:  # the Pcdt: the piece table itself
            length = struct.unpack_from("<I", table, at + 1)[0]
            count = (length - 4) // 12
            cps = struct.unpack_from(f"<{count + 1}i", table, at + 5)
            pieces = []
            for i in range(count):
                _, raw, prm = struct.unpack_from("<HIH", table, at + 5 + 4 * (count + 1) + 8 * i)
                compressed = bool(raw & 0x40000000)
                offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
                pieces.append((cps[i], cps[i + 1], offset, compressed, prm))
            return pieces, modifiers
        else:
            break
    raise UnreadableFile("损坏的 .doc 文件：找不到文字的片段表 corrupt .doc document (no piece table)")


class _Runs:
    """Properties by file offset, from the property pages (FKPs) a bin table lists: of paragraphs (PAPX, looked up by
    the offset of a paragraph's mark) or of characters (CHPX)."""

    def __init__(self, word: bytes, table: bytes, fc: int, size: int, paragraphs: bool) -> None:
        count = (size - 4) // 8
        pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1)) if count > 0 else ()
        runs: list[tuple[int, bytes]] = []
        for pn in dict.fromkeys(pages):  # each page once, however often a damaged file names it
            page = word[(pn & 0x3FFFFF) * 512 :][:512]
            if len(page) < 512:
                continue
            count = page[511]
            fcs = struct.unpack_from(f"<{count + 1}I", page, 0)
            for i in range(count):
                if paragraphs:  # a BxPap of 13 bytes: the PapxInFkp's offset / 2, then a PHE
                    runs.append((fcs[i], _papx(page, page[4 * (count + 1) + 13 * i] * 2)))
                else:  # a byte: the Chpx's offset / 2
                    runs.append((fcs[i], _chpx(page, page[4 * (count + 1) + i] * 2)))
            runs.append((fcs[count], b""))  # between pages: no properties
        runs.sort(key=lambda run: run[0])  # stable: where a page ends and the next begins, the next page's run
        self.starts = [start for start, _ in runs]
        self.grpprls = [grpprl for _, grpprl in runs]

    def at(self, fc: int) -> bytes:
        i = bisect_right(self.starts, fc) - 1
        return self.grpprls[i] if i >= 0 else b""


def _papx(page: bytes, at: int) -> bytes:
    """A PapxInFkp's sprms (without the style index that starts them); none where the offset is 0."""
    if at == 0:
        return b""
    size = page[at]
    body = page[at + 2 : at + 2 + 2 * page[at + 1]] if size == 0 else page[at + 1 : at + 2 * size]
    return body[2:]


def _chpx(page: bytes, at: int) -> bytes:
    """A Chpx's sprms; none where the offset is 0."""
    return page[at + 1 : at + 1 + page[at]] if at else b""


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """Each sprm and its operand, in order (a sprm may come more than once: one sprmTVertMerge for each cell)."""
    out: list[tuple[int, bytes]] = []
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND[spra]
        elif sprm == DEF_TABLE:
            size = struct.unpack_from("<H", grpprl, at)[0] + 1 if at + 2 <= len(grpprl) else 0
        elif sprm == CHANGE_TABS and at < len(grpprl) and grpprl[at] == 255:
            deleted = grpprl[at + 1] if at + 1 < len(grpprl) else 0
            added = grpprl[at + 2 + 4 * deleted] if at + 2 + 4 * deleted < len(grpprl) else 0
            size = 3 + 4 * deleted + 3 * added
        else:
            size = 1 + grpprl[at] if at < len(grpprl) else 0
        out.append((sprm, grpprl[at : at + size]))
        at += size
    return out


def _flag(sprms: dict[int, bytes], sprm: int) -> bool:
    return sprms.get(sprm, b"\0")[:1] not in (b"", b"\0")


class _Properties:
    """A paragraph's sprms: the last operand of each, and every sprmTVertMerge in order."""

    __slots__ = ("last", "merges")

    def __init__(self, sprms: list[tuple[int, bytes]]) -> None:
        self.last = dict(sprms)
        self.merges = [operand for sprm, operand in sprms if sprm == VERT_MERGE]


class _Row:
    """A table row as read: its cells' texts, their boundaries and merge flags, and nested tables' rows after it."""

    def __init__(self, cells: list[str], props: _Properties) -> None:
        self.cells = cells
        self.after: list[list[str]] = []
        self.bounds: list[int] = []
        self.merged: list[int] = []
        self.joined: list[bool] = []
        definition = props.last.get(DEF_TABLE)
        if definition and len(definition) >= 3:
            count = definition[2]
            if len(definition) >= 5 + 2 * count:
                self.bounds = list(struct.unpack_from(f"<{count + 1}h", definition, 3))
            tcs = definition[5 + 2 * count :]  # a TC80 of 20 bytes a cell, its flags first
            flags = [struct.unpack_from("<H", tcs, 20 * i)[0] if 20 * i + 2 <= len(tcs) else 0 for i in range(count)]
            self.merged = [(flag >> 5) & 3 for flag in flags]  # vertMerge
            self.joined = [flag & 3 >= 2 for flag in flags]  # horzMerge: merged with the cell before it
        for change in props.merges:  # (size, cell, flag)
            if len(change) >= 3 and change[1] < len(self.merged):
                self.merged[change[1]] = change[2]


class _OpenTable:
    """A table being read: its ended rows, the cells of the row being read, the paragraphs of the cell being read, and
    the rows of the tables nested in that row (they follow it)."""

    __slots__ = ("rows", "cells", "lines", "nested")

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.cells: list[str] = []
        self.lines: list[str] = []
        self.nested: list[list[str]] = []


class _Tables:
    """Paragraphs into rows: tables (nested at any depth) laid on their grids, the other paragraphs split on tabs."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.rows: list[list[str]] = []
        self.open: list[_OpenTable] = []  # the table being read at each depth, outermost first
        self.pending = 0  # rows ended in open tables, not yet laid out
        self._cache: dict[tuple[bytes, bytes], _Properties] = {}

    def read(self, paragraphs: list[tuple[str, str, bytes, bytes]]) -> list[list[str]]:
        for text, mark, grpprl, extra in paragraphs:
            props = self._properties(grpprl, extra)
            depth = 0
            if _flag(props.last, IN_TABLE):
                operand = props.last.get(DEPTH, b"")
                depth = min(max(struct.unpack_from("<i", operand)[0] if len(operand) == 4 else 1, 1), MAX_DEPTH)
            self._close_below(depth)
            if depth == 0:
                self.rows.append(text.split("\t"))
                check_rows(len(self.rows))
                continue
            while len(self.open) < depth:
                self.open.append(_OpenTable())
            table = self.open[depth - 1]
            if _flag(props.last, TABLE_ROW_END if depth == 1 else INNER_ROW_END):
                row = _Row(table.cells, props)
                row.after, table.nested = table.nested, []
                table.rows.append(row)
                table.cells, table.lines = [], []
                self.pending += 1
                check_rows(len(self.rows) + self.pending)
            elif mark == _CELL if depth == 1 else _flag(props.last, INNER_CELL_END):
                table.cells.append(cell_text("\n".join([*table.lines, text]).strip()))
                table.lines = []
            else:
                table.lines.append(text)
        self._close_below(0)
        return self.rows

    def _properties(self, grpprl: bytes, extra: bytes) -> _Properties:
        """A paragraph's properties: its page's sprms, those kept in the Data stream where its page had no room for
        them, then its piece's modifier. Parsed once for each distinct (page sprms, modifier)."""
        props = self._cache.get((grpprl, extra))
        if props is None:
            sprms = _sprms(grpprl)
            huge = dict(sprms).get(HUGE, b"")
            if len(huge) == 4:
                at = struct.unpack_from("<I", huge)[0]
                size = struct.unpack_from("<H", self.data, at)[0] if at + 2 <= len(self.data) else 0
                sprms += _sprms(self.data[at + 2 : at + 2 + size])
            props = self._cache[grpprl, extra] = _Properties(sprms + _sprms(extra))
        return props

    def _close_below(self, depth: int) -> None:
        """End the tables deeper than `depth`: a nested one's rows follow the row that holds it."""
        while len(self.open) > depth:
            table = self.open.pop()
            self.pending -= len(table.rows)
            laid = _lay_out(table.rows)
            unended = [*table.cells, *filter(None, table.lines)]  # a row never ended (a damaged file)
            laid += [unended[:MAX_COLUMNS]] if unended else []
            laid += table.nested
            if self.open:
                self.open[-1].nested += laid
            else:
                self.rows += laid
                check_rows(len(self.rows))


def _lay_out(rows: list[_Row]) -> list[list[str]]:
    """A table's rows on its grid (every boundary of its rows), each nested table's rows after the row holding it."""
    lines = sorted({b for row in rows if len(row.bounds) == len(row.cells) + 1 for b in row.bounds})
    grid: list[int] = []
    for line in lines:
        if not grid or line - grid[-1] > _SNAP:
            grid.append(line)
    width = min(len(grid) - 1, MAX_COLUMNS)
    check_cells(len(rows) * max(width, 1))  # the cells laid out, empty ones too
    out: list[list[str]] = []
    above: list[str] = []
    for row in rows:
        if len(row.bounds) != len(row.cells) + 1 or width < 1:
            cells = row.cells[:MAX_COLUMNS]  # no boundaries for these cells: as they come
        else:
            cells = [""] * width
            for i, text in enumerate(row.cells):
                down = i < len(row.merged) and row.merged[i] == CONTINUES
                across = i < len(row.joined) and row.joined[i]
                first, last = _column(grid, row.bounds[i]), _column(grid, row.bounds[i + 1])
                if first >= width:
                    continue  # a cell without width at the table's right edge (or past MAX_COLUMNS)
                for column in range(first, min(max(last, first + 1), width)):
                    if down:
                        text = above[column] if column < len(above) else ""
                    elif across:
                        text = cells[first - 1] if first else ""
                    cells[column] = text
        above = cells
        out.append(cells)
        out += row.after
    return out


def _column(grid: list[int], bound: int) -> int:
    """The grid line a cell boundary falls on: the last one at or below it, or within _SNAP above it."""
    return max(bisect_right(grid, bound + _SNAP) - 1, 0)
