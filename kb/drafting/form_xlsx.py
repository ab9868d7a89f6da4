"""The draft as an .xlsx 项目支出绩效目标表 (layout: kb.drafting.form), ready to print: A4, fitted to one page wide
(landscape when the columns need it), the indicator header repeated on every page, rows as tall as their text
(and the indicators' rows together as tall as the vertical 绩效指标 label).

Every text cell is a string cell (data type 's'): a value starting with = + - @ is never a formula; it also carries
Excel's quote prefix, invisible in the cell and in print, so that editing the cell keeps it text.
"""

from __future__ import annotations

from pathlib import Path

from importers.records import DRAFT_MARK
from kb.drafting import form
from kb.drafting.drafts import Draft
from kb.sheet_file import LINE_HEIGHT, row_height
from kb.vocab.numbers import decimals
from kb.written import FORMULA_START


def number_format(value: int | float) -> str:
    """The spreadsheet format that shows `value` as kb.vocab.numbers.number writes it ('General' shows 1E+12 and
    rounds to 11 characters): a whole number as '0', 15812.52 as '0.00'."""
    places = decimals(value)
    return "0." + "0" * places if places else "0"


def merge_runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each run of two or more equal, non-empty values."""
    out, start = [], 0
    for n in range(1, len(values) + 1):
        if n == len(values) or values[n] != values[start]:
            if values[start] and n - 1 > start:
                out.append((start, n - 1))
            start = n
    return out


def level_runs(draft: Draft) -> dict[int, list[tuple[int, int]]]:
    """Indicator column index → row runs to merge: level 1 by equal level 1, level 2 by equal (level 1, level 2)."""
    rows = draft.rows
    return {
        0: merge_runs([r.level1 for r in rows]),
        1: merge_runs([f"{r.level1}\x00{r.level2}" if r.level2 else "" for r in rows]),
    }


def write(draft: Draft, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    cols = form.columns(draft)
    widths = [form.LABEL_WIDTH] + [c.width for c in cols]
    last = len(widths)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font, bold = (
        Font(name=form.TABLE_FONT, size=form.TABLE_SIZE),
        Font(name=form.TABLE_FONT, size=form.TABLE_SIZE, b=True),
    )
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)

    def put(r: int, c: int, value, *, strong: bool = False, align=left, boxed: bool = True) -> None:
        cell = ws.cell(r, c, None if value in ("", None) else value)
        if isinstance(value, str) and value:
            cell.data_type = "s"  # never a formula, whatever it starts with
            cell.quotePrefix = value.startswith(FORMULA_START)
        elif isinstance(value, (int, float)):
            cell.number_format = number_format(value)
        cell.font, cell.alignment = (bold if strong else font), align
        if boxed:
            cell.border = border

    def span(r: int, first: int, end: int, value, **style) -> float:
        """`value` in columns first..end of row r, merged and bordered; returns the merged width."""
        put(r, first, value, **style)
        for c in range(first + 1, end + 1):
            put(r, c, "", boxed=style.get("boxed", True))
        if end > first:
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=end)
        return sum(widths[first - 1 : end])

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    head = ws.cell(1, 1, form.title(draft))
    head.font = Font(name=form.TITLE_FONT, size=form.TITLE_SIZE, b=True)
    head.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36

    r, block = 2, dict[str, list[int]]()
    head_rows = form.head_rows(draft)
    shared = {label for label, *_ in head_rows if sum(other == label for other, *_ in head_rows) > 1}
    for label, sub, value in head_rows:
        put(r, 1, label, strong=True, align=centred)
        block.setdefault(label, []).append(r)
        if sub:
            sub_end = min(3, last - 1)
            cells: list[tuple[object, float]] = [(sub, span(r, 2, sub_end, sub, align=centred))]
            cells.append((value, span(r, sub_end + 1, last, value)))
        else:
            cells = [(value, span(r, 2, last, value))]
        ws.row_dimensions[r].height = row_height(cells + ([] if label in shared else [(label, widths[0])]))
        r += 1
    for rows in block.values():
        if len(rows) > 1:
            ws.merge_cells(start_row=rows[0], start_column=1, end_row=rows[-1], end_column=1)

    header = r
    for c, col in enumerate(cols, 2):
        put(header, c, col.label, strong=True, align=centred)
    ws.row_dimensions[header].height = row_height([(col.label, col.width) for col in cols])
    for n, row in enumerate(draft.rows, header + 1):
        row_cells: list[tuple[object, float]] = []
        for c, col in enumerate(cols, 2):
            text = form.row_value(row, col.key)
            put(n, c, text, align=centred if col.key in ("level1", "level2", "weight") else left)
            row_cells.append((text, col.width))
        ws.row_dimensions[n].height = row_height(row_cells)
    end = header + len(draft.rows)
    stacked = len(form.INDICATORS_LABEL) * LINE_HEIGHT + 4  # the label's characters one under another
    short = stacked - sum(ws.row_dimensions[n].height for n in range(header, end + 1))
    if short > 0 and end > header:  # few rows: they share what the label needs more
        for n in range(header + 1, end + 1):
            ws.row_dimensions[n].height += short / (end - header)
    label = Alignment(horizontal="center", vertical="center", textRotation=255)
    put(header, 1, form.INDICATORS_LABEL, strong=True, align=label)
    for n in range(header + 1, end + 1):
        put(n, 1, "")
    if end > header:
        ws.merge_cells(start_row=header, start_column=1, end_row=end, end_column=1)
    for column, runs in level_runs(draft).items():
        for first, final in runs:
            ws.merge_cells(
                start_row=header + 1 + first, start_column=column + 2, end_row=header + 1 + final, end_column=column + 2
            )

    r = end + 2
    middle = max(2, last // 2)
    for one, two in form.FOOTER:
        span(r, 1, middle, one, boxed=False)
        span(r, middle + 1, last, two, boxed=False)
        ws.row_dimensions[r].height = 22
        r += 1

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.landscape(cols) else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.print_title_rows = f"{header}:{header}"
    wb.properties.subject = DRAFT_MARK  # so that the importers do not take it for a published table
    wb.save(path)
