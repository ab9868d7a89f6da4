"""Excel 2003 XML spreadsheets (SpreadsheetML: a <Workbook> of <Worksheet>s, one <Table> of <Row>s of <Cell>s each):
what Excel and WPS save as "XML 表格", and what report systems export from a template under a .xls name.
Every sheet not hidden is read; a cell's place is its ss:Index, else the one after the last cell; a merged cell
(ss:MergeAcross, ss:MergeDown) is spread over every cell it covers and the cells under it are left out of the
file, as Excel writes them. Numbers are shown by their style's number format (its named formats, as Fixed and
Percent, turned into Excel's own); rows and columns hidden by hand are left out, with a warning naming those
with text.

Limits: a file of over MAX_TAGS tags is refused before it is parsed; rows and cells are counted as they are read.
The parser loads no entity, DTD or network resource.
"""

from __future__ import annotations

import datetime as dt

from importers.readers.common import (
    MAX_COLUMNS,
    MergedCells,
    cell_text,
    check_cells,
    check_rows,
    date_text,
    fit_width,
    left_out,
    number_text,
    xml_root,
)
from importers.records import SHEET_BREAK, Row, Rows

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_NAMED_FORMATS = {  # SpreadsheetML's named number formats → Excel's format strings
    "general": "General",
    "general number": "General",
    "fixed": "0.00",
    "standard": "#,##0.00",
    "percent": "0.00%",
    "scientific": "0.00E+00",
    "general date": "yyyy-mm-dd hh:mm",
    "short date": "yyyy-mm-dd",
    "medium date": "yyyy-mm-dd",
    "long date": "yyyy-mm-dd",
}


def read(data: bytes) -> list[Row]:
    root = xml_root(data, "XML 表格", "XML sheet")
    formats = _formats(root)
    rows = Rows()
    cells_read = 0
    for sheet in root.iter(f"{SS}Worksheet"):
        name = sheet.get(f"{SS}Name", "")
        table = sheet.find(f"{SS}Table")
        if table is None or _hidden_sheet(sheet):
            continue
        hidden_columns = _hidden_columns(table)
        own: list[tuple[int, dict[int, str], bool]] = []  # (row number, column → text, hidden)
        ranges: list[tuple[int, int, int, int]] = []
        number = 0
        for row in table.iter(f"{SS}Row"):
            number = int(row.get(f"{SS}Index", number + 1))
            check_rows(len(rows) + len(own) + 1)
            texts: dict[int, str] = {}
            column = 0
            for cell in row.iter(f"{SS}Cell"):
                column = int(cell.get(f"{SS}Index", column + 1))
                across, down = (int(cell.get(f"{SS}Merge{side}", 0)) for side in ("Across", "Down"))
                if column <= MAX_COLUMNS:
                    texts[column] = _text(cell, formats)
                    cells_read += bool(texts[column])
                    if across or down:
                        ranges.append((number, column, number + down, column + across))
                column += across
            check_cells(cells_read)
            own.append((number, texts, row.get(f"{SS}Hidden") == "1"))
        width = min(max((c for _, _, _, c in ranges), default=0), MAX_COLUMNS)
        width = max([width, *(max(texts, default=0) for _, texts, _ in own)])
        merged = MergedCells(ranges)
        lines: list[int] = []
        grid: list[list[str]] = []
        hidden_rows: list[int] = []
        written_hidden: set[int] = set()
        for number, texts, hidden in own:
            cells = merged.spread(number, [texts.get(c, "") for c in range(1, width + 1)])
            if hidden:
                hidden_rows += [number] if any(texts.values()) else []
                continue
            written_hidden.update(c for c, text in texts.items() if text and c in hidden_columns)
            lines.append(number)
            grid.append([text for c, text in enumerate(cells, 1) if c not in hidden_columns])
        rows += [Row(cells=cells, line=line) for line, cells in zip(lines, fit_width(grid))]
        rows.notes += left_out(name, hidden_rows, sorted(written_hidden))
        rows.append(Row(cells=[""], line=SHEET_BREAK))
    return rows


def _formats(root) -> dict[str, str]:
    """Each style's number format (Excel's format string), a style without one taking its parent's."""
    own, parents = {}, {}
    for style in root.iter(f"{SS}Style"):
        key = style.get(f"{SS}ID", "")
        parents[key] = style.get(f"{SS}Parent", "")
        fmt = style.find(f"{SS}NumberFormat")
        if fmt is not None and fmt.get(f"{SS}Format"):
            value = fmt.get(f"{SS}Format")
            own[key] = _NAMED_FORMATS.get(value.lower(), value)
    out = {}
    for key in parents:
        seen, at = set(), key
        while at and at not in own and at not in seen:
            seen.add(at)
            at = parents.get(at, "")
        out[key] = own.get(at, own.get("Default", "General"))
    return out


def _text(cell, formats: dict[str, str]) -> str:
    """A cell's text as the sheet shows it: a number or a date in its style's format; rich text (html:Font …) whole."""
    data = cell.find(f"{SS}Data")
    if data is None:
        return ""
    value = "".join(data.itertext())
    kind = data.get(f"{SS}Type", "String")
    fmt = formats.get(cell.get(f"{SS}StyleID", "Default"), "General")
    try:
        if kind == "Number":
            return number_text(float(value), fmt)
        if kind == "DateTime":
            return date_text(dt.datetime.fromisoformat(value.strip()[:19]), fmt)
    except ValueError:
        pass
    return cell_text(value)


def _hidden_sheet(sheet) -> bool:
    options = sheet.find("{urn:schemas-microsoft-com:office:excel}WorksheetOptions")
    visible = options.find("{urn:schemas-microsoft-com:office:excel}Visible") if options is not None else None
    return visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")


def _hidden_columns(table) -> set[int]:
    """The 1-based columns hidden by hand (ss:Hidden), a <Column> standing for ss:Span + 1 columns."""
    hidden: set[int] = set()
    column = 0
    for col in table.iter(f"{SS}Column"):
        column = int(col.get(f"{SS}Index", column + 1))
        span = int(col.get(f"{SS}Span", 0))
        if col.get(f"{SS}Hidden") == "1":
            hidden.update(range(column, column + span + 1))
        column += span
    return hidden
