"""Word .docx documents (python-docx): paragraphs and tables in document order.

A paragraph is one row (split on its tabs, as a text export splits a line), its text as Word shows it: tracked
insertions in, deletions out, hidden text (w:vanish) out, a paragraph whose mark was deleted or hidden joined to the
next, field results in, a symbol font's ≥ or check box as its character (common.SYMBOLS), as Word writes it (w:sym)
or as LibreOffice does (the font's own code, U+F0B3, in a run set in that font). A table row is one row of cells,
one per grid column: a cell's paragraphs joined with line breaks, repeated in every grid column it spans (gridSpan),
and a vertically merged cell's text repeated in each row it continues into (vMerge). A table nested in a cell
follows, row by row, right after the row that holds it, and a text box's paragraphs (a title set in one) the
paragraph it is drawn in. A paragraph that is a page number ('第 1 页 共 2 页') is left out.

A Word 2003 XML document (WordprocessingML: what Word 2003 saves as "XML 文档", and what template systems export
under a .doc name) is read as the .docx it becomes (`read_wordml`).
"""

from __future__ import annotations

import io
import re

from importers.readers.common import (
    EMPTY,
    MARKED_NUMBER,
    MAX_COLUMNS,
    PAGE_NUMBER,
    SYMBOLS,
    UnreadableFile,
    cell_text,
    check_rows,
    symbol,
    xml_root,
)
from importers.readers.sniff import open_zip, xml_chunks
from importers.records import Row

_DOCUMENT_LIMIT = 200 << 20  # unpacked word/document.xml
_HEX = re.compile("[0-9A-Fa-f]{1,8}")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_FONT_CODE = re.compile("[\uf000-\uf0ff]")  # a symbol font's own code (its glyph at 0xB3 written as U+F0B3)
# a content control's prompt: Word's own ('单击或点击此处输入文字。', 'Click or tap here to enter text.',
# '选择一项。') or a template's ('请输入项目名称', '在此填写')
_PROMPT = re.compile(
    r"\s*(?:单击|点击|轻触|选择一项|(?:请|在此)[^，。]{0,4}?(?:输入|填写|填入|选择)|(?:click|tap|choose|enter)\b)", re.I
)


def read(data: bytes) -> list[Row]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = open_zip(data)
    part = archive.getinfo("word/document.xml")
    if part.file_size > _DOCUMENT_LIMIT:
        raise UnreadableFile(
            f"文件过大：正文解压后 {part.file_size >> 20} MiB（上限 {_DOCUMENT_LIMIT >> 20} MiB），"
            f"Word 文档需整体读取，请拆分 (too large: the document text unpacks to "
            f"{part.file_size >> 20} MiB; a Word document is read whole, as one XML tree: split it)"
        )
    for _ in xml_chunks(archive, part.filename):  # a paragraph too long is refused before the XML tree is built
        pass
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableFile(f"损坏的 .docx 文件 corrupt .docx document ({exc})") from None
    rows: list[list[str]] = []
    _blocks(document.element.body, rows)
    return [Row(cells=cells, line=n) for n, cells in enumerate(rows, 1)]


_WORD_2003 = b"http://schemas.microsoft.com/office/word/2003/wordml"
_WORD_2007 = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_AUX_HINT = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_WRAPPERS = ("sect", "sub-section", "pBdrGroup")  # Word 2003's hints around paragraphs: a section, a bordered group
_PACKAGE = {  # the parts a .docx needs besides its document
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}


def read_wordml(data: bytes) -> list[Row]:
    """A Word 2003 XML document as a .docx: its body in a .docx's document part, the 2003 names turned into the
    .docx's (vmerge → vMerge, hlink → hyperlink), its pictures (binData) and the hints wrapped around paragraphs
    (wx:sect, wx:sub-section, wx:pBdrGroup) left out, their paragraphs kept."""
    import zipfile

    from lxml import etree

    root = xml_root(data.replace(_WORD_2003, _WORD_2007), "Word XML 文档", "Word XML document")
    w = "{" + _WORD_2007.decode() + "}"
    body = root.find(f"{w}body")
    if body is None:
        raise UnreadableFile(EMPTY)
    for element in list(body.iter(f"{w}binData", f"{w}vmerge", f"{w}hlink", *(_AUX_HINT + name for name in _WRAPPERS))):
        if element.tag == f"{w}binData":
            element.getparent().remove(element)
        elif element.tag.startswith(_AUX_HINT):  # a wrapper: its children take its place
            parent = element.getparent()
            at = parent.index(element)
            parent[at : at + 1] = list(element)
        else:
            element.tag = f"{w}vMerge" if element.tag == f"{w}vmerge" else f"{w}hyperlink"
    document = etree.Element(f"{w}document", nsmap={"w": _WORD_2007.decode()})
    document.append(body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in _PACKAGE.items():
            package.writestr(name, text)
        package.writestr("word/document.xml", etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    return read(out.getvalue())


def _children(element, *tags: str):
    """Child elements with one of the tags, looking through content controls (w:sdt); not the paragraphs of one
    that shows its placeholder."""
    from docx.oxml.ns import qn

    wanted = {qn(tag) for tag in tags}
    for child in element.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                shown = _children(content, *tags)
                yield from (item for item in shown if item.tag != qn("w:p")) if _placeholder(child) else shown
        elif child.tag in wanted:
            yield child


def _placeholder(sdt) -> bool:
    """Whether a content control shows its placeholder: it says so (w:showingPlcHdr) and its text is a prompt
    ('单击或点击此处输入文字。', '请输入项目名称') or none, no value. A template generator may fill a control and
    leave the flag on: its text ('≥98%') is read."""
    from docx.oxml.ns import qn

    if sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is None:
        return False
    content = sdt.find(qn("w:sdtContent"))
    text = "" if content is None else "".join(t.text or "" for t in content.iter(qn("w:t")))
    return not text.strip() or _PROMPT.match(text) is not None


def _blocks(container, rows: list) -> None:
    """Paragraphs and tables of the body (or of a text box), in order, appended to `rows` as lists of cells; up to
    the first table, a text box's paragraphs and tables right after the paragraph it is drawn in (a title set in one;
    after a table, boxes are a converted page's running head, which would part a table split by the page)."""
    from docx.oxml.ns import qn

    paragraphs: list = []  # since the last table
    tables = False  # a table was read
    for child in _children(container, "w:p", "w:tbl"):
        if child.tag == qn("w:p"):
            paragraphs.append(child)
            boxes = [] if tables else _text_boxes(child)
            if boxes:
                rows += _lines(paragraphs)
                paragraphs = []
                for box in boxes:
                    _blocks(box, rows)
        else:
            rows += _lines(paragraphs)
            paragraphs = []
            tables = True
            _table(child, rows)
        check_rows(len(rows) + len(paragraphs))
    rows += _lines(paragraphs)


def _text_boxes(p) -> list:
    """The text boxes drawn in a paragraph (w:txbxContent; a title set in one), each once: not the copy kept for
    older readers (mc:Fallback) nor one inside another box (read with that box)."""
    from docx.oxml.ns import qn

    boxes = []
    for box in p.iter(qn("w:txbxContent")):
        parent = box.getparent()
        while parent is not p and parent.tag not in (_FALLBACK, qn("w:txbxContent")):
            parent = parent.getparent()
        if parent is p:
            boxes.append(box)
    return boxes


def _lines(paragraphs) -> list[list[str]]:
    """The paragraphs as rows split on their tabs; a page number typed as text ('第 1 页\t共 2 页', '- 3 -', as a
    document converted from a PDF holds them) left out."""
    return [
        text.split("\t") for text in _texts(paragraphs) if not (MARKED_NUMBER.match(text) and PAGE_NUMBER.match(text))
    ]


def _table(table, rows: list) -> None:
    above: list[str] = []  # the cells of the row above, by grid column, for vertically merged cells
    for tr in _children(table, "w:tr"):
        cells = [""] * min(tr.grid_before or 0, MAX_COLUMNS)
        nested = []
        for tc in _children(tr, "w:tc"):
            column = len(cells)
            if column >= MAX_COLUMNS:
                break
            if tc.vMerge == "continue":
                text = above[column] if column < len(above) else ""
            else:
                text = cell_text("\n".join(_texts(_children(tc, "w:p"))).strip())
            cells += [text] * min(max(tc.grid_span, 1), MAX_COLUMNS - column)
            nested += list(_children(tc, "w:tbl"))
        cells += [""] * min(tr.grid_after or 0, MAX_COLUMNS - len(cells))  # a row ending short of the grid
        above = cells
        rows.append(cells)
        for inner in nested:
            _table(inner, rows)
        check_rows(len(rows))


def _texts(paragraphs) -> list[str]:
    """The paragraphs' texts, one whose mark was deleted with changes tracked joined to the next, as Word shows it."""
    out, carried = [], ""
    for p in paragraphs:
        carried += _paragraph(p)
        if not _mark_deleted(p):
            out.append(carried)
            carried = ""
    return [*out, carried] if carried else out


def _mark_deleted(p) -> bool:
    """Whether the paragraph's mark was deleted with changes tracked, or hidden: Word runs it into the next."""
    from docx.oxml.ns import qn

    marks = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return marks is not None and (marks.find(qn("w:del")) is not None or _hidden(marks))


def _hidden(properties) -> bool:
    """Whether run properties (w:rPr) make the text hidden (w:vanish, not switched off by w:val), which Word neither
    shows nor prints: a template's filling instructions, an example row."""
    from docx.oxml.ns import qn

    vanish = properties.find(qn("w:vanish")) if properties is not None else None
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off")


def _paragraph(p) -> str:
    """The paragraph's text as Word shows it: its runs, those in hyperlinks, fields and tracked insertions too, but
    not text deleted with its changes tracked (修订), hidden text, an unfilled content control's placeholder, nor a
    text box's paragraphs drawn in it; a drop-down form field's chosen entry."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    hidden = {qn("w:del"), qn("w:moveFrom"), qn("w:p")}
    parts = []
    for run in p.iter(qn("w:r")):
        parent = run.getparent()
        while parent is not p and parent is not None and parent.tag not in hidden:
            parent = None if parent.tag == qn("w:sdt") and _placeholder(parent) else parent.getparent()
        if parent is p and not _hidden(run.find(qn("w:rPr"))):
            for choices in run.iterfind(f"{qn('w:fldChar')}/{qn('w:ffData')}/{qn('w:ddList')}"):
                parts.append(_chosen(choices))  # a drop-down form field shows its entry, and has no result text
            for sym in run.iterchildren(qn("w:sym")):  # a character of a symbol font (its own run, as Word writes it)
                code = sym.get(qn("w:char"), "")
                parts.append(symbol(sym.get(qn("w:font"), ""), int(code, 16)) if _HEX.fullmatch(code) else "")
            text = Run(run, None).text  # type: ignore[arg-type]  # no story part needed for the text
            parts.append(_font_codes(run, text) if _FONT_CODE.search(text) else text)
    return "".join(parts)


def _font_codes(run, text: str) -> str:
    """A run's text with its symbol font's own codes (U+F0xx) made the characters they show (dropped when unknown);
    in another font such a character is left as written (a font's private character, not a symbol read here)."""
    from docx.oxml.ns import qn

    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    font = "" if fonts is None else fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or ""
    if font.strip().lower() not in SYMBOLS:
        return text
    return _FONT_CODE.sub(lambda code: symbol(font, ord(code.group())), text)


def _chosen(choices) -> str:
    """The entry a legacy drop-down form field (FORMDROPDOWN's w:ddList) shows: the one its result (else its default,
    else the first) names, '' when there is none."""
    from docx.oxml.ns import qn

    entries = [entry.get(qn("w:val"), "") for entry in choices.iterchildren(qn("w:listEntry"))]
    index = next((value.get(qn("w:val"), "") for value in choices.iterchildren(qn("w:result"), qn("w:default"))), "0")
    return entries[int(index)] if index.isdigit() and int(index) < len(entries) else ""
