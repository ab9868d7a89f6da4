"""The draft as a .docx 项目支出绩效目标表 (layout: kb.drafting.form): A4 (landscape when the columns need it), the
head and the indicators as two tables on one column grid as wide as the page, a 1 pt seam between them (Word repeats
only a table's first rows on a new page: the indicators' header row is repeated on each), the title a plain centred
paragraph (no Word heading style), every run in a Chinese font set for East Asian text too (w:rFonts w:eastAsia),
the text made smaller when the columns would break it, the 绩效指标 label stacked a character a line (as the printed
form and the .xlsx: Word's w:textDirection tbRl turns every character on its side, LibreOffice before 7.5 sets them
upright and lets them run past a short cell), no row split across pages, a little room above and below each cell's
text; Word grows each row to its text.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from importers.records import DRAFT_MARK
from kb.drafting import form
from kb.drafting.drafts import Draft
from kb.drafting.form_xlsx import level_runs
from kb.sheet_file import cell_text

if TYPE_CHECKING:  # the writer's own imports wait until a document is written
    from docx.table import Table

MARGIN_MM = 18
CELL_PAD = 57  # twentieths of a point (1 mm) above and below a cell's text: at none, the text touched the rules
UNIT_MM = 1.9  # a column unit (half a Chinese character) at TABLE_SIZE, the cell's padding shared out
SMALLEST = 8.0  # pt: the table's text is made smaller to fit the page's width, not below this (六号 is 7.5)


def table_size(units: float, page_mm: float) -> float:
    """The table's font size: TABLE_SIZE when its columns fit the page at it, else smaller in half points (a
    spreadsheet is printed one page wide by its own scaling; a document's table cannot shrink, so its text does:
    at TABLE_SIZE 一级指标 and ≥750元/月 broke in the middle)."""
    fits = form.TABLE_SIZE * page_mm / (units * UNIT_MM)
    return max(SMALLEST, min(form.TABLE_SIZE, math.floor(fits * 2) / 2))


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _write(cell, text: str, *, bold: bool = False, centre: bool = False, size: float = form.TABLE_SIZE) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = 0
    _font(paragraph.add_run(text), form.TABLE_FONT, size, bold)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _set(element, tag: str, **attrs) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    element.append(child)


def _cell_margins(table) -> None:
    """CELL_PAD above and below each cell's text, Table Grid's 0.19 cm either side (w:tblCellMar, before w:tblLook
    as the schema orders it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", CELL_PAD), ("left", 108), ("bottom", CELL_PAD), ("right", 108)):
        _set(margins, f"w:{side}", **{"w:w": str(width), "w:type": "dxa"})
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def _grid(doc, rows: int, widths: list) -> Table:
    """A bordered table of `rows` on the form's column grid, each row kept whole on one page."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    _cell_margins(table)
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid, which LibreOffice follows
    for row in table.rows:
        _set(row._tr.get_or_add_trPr(), "w:cantSplit")
        for cell, width in zip(row.cells, widths):
            cell.width = width  # each cell, which Word follows
    return table


def write(draft: Draft, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    cols = form.columns(draft)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = form.TABLE_FONT, Pt(form.TABLE_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), form.TABLE_FONT)
    section = doc.sections[0]
    wide = form.landscape(cols)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if wide else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(form.title(draft)), form.TITLE_FONT, form.TITLE_SIZE, bold=True)

    units = [form.LABEL_WIDTH] + [c.width for c in cols]
    page = (297 if wide else 210) - 2 * MARGIN_MM
    widths = [Mm(page * u / sum(units)) for u in units]
    size = table_size(sum(units), page)
    last = len(units) - 1
    head = form.head_rows(draft)
    top = _grid(doc, len(head), widths)
    blocks: dict[str, list[int]] = {}
    for r, (label, sub, value) in enumerate(head):
        blocks.setdefault(label, []).append(r)
        if sub:
            sub_end = min(2, last - 1)
            _write(top.cell(r, 1).merge(top.cell(r, sub_end)), sub, centre=True, size=size)
            _write(top.cell(r, sub_end + 1).merge(top.cell(r, last)), cell_text(value), size=size)
        else:
            _write(top.cell(r, 1).merge(top.cell(r, last)), cell_text(value), size=size)
    for label, rows in blocks.items():
        _write(top.cell(rows[0], 0).merge(top.cell(rows[-1], 0)), label, bold=True, centre=True, size=size)

    seam = doc.add_paragraph()  # two tables, so Word repeats the indicators' header row on each page: a 1 pt seam
    seam.paragraph_format.space_before = seam.paragraph_format.space_after = Pt(0)
    seam.paragraph_format.line_spacing, seam.paragraph_format.line_spacing_rule = Pt(1), WD_LINE_SPACING.EXACTLY
    table = _grid(doc, 1 + len(draft.rows), widths)
    _set(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    for c, col in enumerate(cols, 1):
        _write(table.cell(0, c), col.label, bold=True, centre=True, size=size)
    runs = level_runs(draft)
    below = {(column, n) for column, spans in runs.items() for first, end in spans for n in range(first + 1, end + 1)}
    for column, spans in runs.items():
        for first, end in spans:
            table.cell(1 + first, column + 1).merge(table.cell(1 + end, column + 1))
    for n, row in enumerate(draft.rows):
        for c, col in enumerate(cols):
            if (c, n) not in below:
                centre = col.key in ("level1", "level2", "weight")
                _write(table.cell(1 + n, c + 1), cell_text(form.row_value(row, col.key)), centre=centre, size=size)
    label = table.cell(min(1, len(draft.rows)), 0).merge(table.cell(len(draft.rows), 0))  # not in the repeated row
    _write(label, "\n".join(form.INDICATORS_LABEL), bold=True, centre=True, size=size)

    for cell in table.rows[-1].cells:  # the lines to sign go over a page with the table's last row, never alone
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    footer = doc.add_table(rows=len(form.FOOTER), cols=2)
    for r, pair in enumerate(form.FOOTER):
        for c, text in enumerate(pair):
            _write(footer.cell(r, c), text)
            footer.cell(r, c).paragraphs[0].paragraph_format.keep_with_next = r < len(form.FOOTER) - 1
    doc.core_properties.subject = DRAFT_MARK  # so that the importers do not take it for a published table …
    doc.core_properties.created = doc.core_properties.modified = datetime.now(timezone.utc)  # … unless saved again
    doc.save(str(path))
