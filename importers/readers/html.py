"""Web pages (.html, .htm, and .mht saved as one file; lxml's HTML parser): tables as rows of cells, text as lines,
positioned text as lines.

The encoding is the byte order mark's, else UTF-8 when the bytes are UTF-8, else the charset the page declares
(`<meta charset>`, `http-equiv`, `<?xml encoding?>`; gb2312 and GBK read as GB18030, as browsers do), else GB18030.
A form control in a table's cell gives what it shows (a report system's page saved with its values in text boxes);
elsewhere controls are not read. Scripts, styles, hidden elements and the site around the page are not read: its
navigation (`<nav>`, `<aside>`, a page-level `<header>` or `<footer>`, ARIA navigation roles, lists of nothing but
links, and dates), an element whose class or id names a footer, and lines outside tables of its furniture (ICP备,
网站标识码, 打印本页, an attachment's 下载次数 and its number …).

A table row is one row of cells (`<td>` and `<th>`): a cell's lines (`<br>`, `<p>` …) kept as line breaks, and a
merged cell's text in every cell it covers (colspan across, rowspan down). A table whose cells hold tables lays the
page out: a row of it holding a table is read as page content (its text as lines, its tables as tables), its other
rows as rows of cells. Text outside tables is one row per line; two or more non-breaking or ideographic spaces in a
line separate cells. Whitespace is collapsed as a browser shows it, and a line break between two Chinese characters
is no space.

A page converted from a PDF places each run of text where the PDF had it (`position:absolute` with `left` and `top`
or `bottom`, in the element's style or in a class rule of the page's `<style>`, as pdf2htmlEX and pdftohtml write).
The runs of each positioned box (a converted page) are grouped into lines by their top, in reading order, and split
into cells at gaps as wide as the PDF reader's (`pdf_lines.CELL_GAP` font sizes; a run's width is estimated from its
characters, a pdf2htmlEX spacer's from its class); a row that leaves its merged cells empty keeps its columns
(`positions`). Page numbers are dropped.

Limits: a page of over MAX_TAGS tags is refused before it is parsed; lxml keeps its parser's own limits (elements
nested 256 deep, a text of 10,000,000 characters), which refuse the page; rows and cells are counted as they are
read (a rowspan spread over many rows too), a cell's text over MAX_CELL_BYTES is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.readers.common import (
    MAX_CELL_BYTES,
    MAX_COLUMNS,
    MAX_TAGS,
    PAGE_NUMBER,
    SYMBOLS,
    UnreadableFile,
    cell_text,
    check_cells,
    check_rows,
    fit_width,
    symbol,
)
from importers.readers.pdf_lines import CELL_GAP, WORD_GAP
from importers.readers.positions import Cell, Columns
from importers.readers.text import decode
from importers.records import Row

_NO_TEXT = (
    "网页中没有可读的文字：内容可能由脚本载入，请在浏览器中打开后另存为网页或 PDF "
    "(the page holds no text: its content may be loaded by a script; open it in a browser and save what it shows)"
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_SKIPPED = frozenset(
    (
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "select",
        "button",
        "input",
        "textarea",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "map",
        "audio",
        "video",
        "math",
        "datalist",
        "dialog",
    )
)
_SKIPPED_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar"))
_SECTIONING = frozenset(("article", "section", "main"))  # a <header>/<footer> inside one is content, not the page's
_BLOCKS = frozenset(
    (
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "section",
        "summary",
        "ul",
        "caption",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "title",
        "option",
    )
)
_BLOCK_DISPLAY = re.compile(r"^(?:block|flex|grid|list-item|table(?:-row|-cell|-caption)?)$")
_LISTS = frozenset(("ul", "ol", "dl", "menu"))
_CONTROLS = frozenset(("input", "textarea", "select"))  # read in a table's cell (a saved report), else skipped
# a site's footer by its class or id ('footer', 'gov-foot', 'copyright'): its own element or a class name's part
_FOOTER = re.compile(r"(?:^|[\s_-])(?:footer|foot|copyright|banquan)(?:$|[\s_-])", re.I)
# a line of the site around the page (outside tables): its footer and tools, its breadcrumb, or a counter and its
# number alone
_FURNITURE = re.compile(
    r"ICP备|网站标识码|公网安备|版权所有|打印本页|关闭窗口|分享到[：:]"
    r"|^\s*(?:主办单位|承办单位|技术支持)[：:].*(?:地址|电话|邮编|网站标识码)[：:]"  # with the site's address
    r"|^\s*(?:当前位置|您的位置|您现在的位置|你的位置|所在位置)[：:]\s*(?:首页|.*[>»›])"  # a breadcrumb
    r"|^\s*(?:\S+\s+)?(?:下载次数|浏览次数|点击数|阅读次数|访问量)[：:]?\s*\d+\s*(?:次)?\s*$"
)
_DATE = re.compile(r"[\[【（(]?\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?[\]】）)]?")
_CJK = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_GAP = re.compile(r"[\u00a0\u3000][ \u00a0\u3000]+")  # two or more non-breaking or ideographic spaces
_WIDE = re.compile(rf"[{_CJK}]")
_LATIN = re.compile(r"[A-Za-z0-9]")
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|em|rem|mm|cm|in|%)?$")
_UNITS = {"px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, None: 1.0}
_SCALE = re.compile(r"(?:matrix|scale)\(\s*(-?\d*\.?\d+)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DEFAULT_FONT = 16.0  # px, a browser's default font size
_LINE_HEIGHT = 1.2  # font sizes from one line of a positioned run to its next (`<br>`)


def read(data: bytes) -> list[Row]:
    rows = _page_rows(data)
    if not rows:
        raise UnreadableFile(_NO_TEXT)
    return rows


def _page_rows(data: bytes, charset: str = "") -> list[Row]:
    """The page's rows (none when it holds no text); `charset` is said by the page's container, if any."""
    from lxml import etree

    text = _decode(data, charset)
    tags = text.count("<")
    if tags > MAX_TAGS:
        raise UnreadableFile(
            f"文件过大：网页有 {tags:,} 个标记（上限 {MAX_TAGS:,}），请拆分 "
            f"(too large: the page holds {tags:,} tags, limit {MAX_TAGS:,}; split it)"
        )
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, collect_ids=False
    )
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in error.message:
                raise UnreadableFile(
                    "网页元素嵌套超过 256 层，不像预算网页，已拒绝 (the page nests its elements more than 256 deep)"
                )
            raise UnreadableFile(
                "网页中一段文字超过解析器的上限（10,000,000 个字符），已拒绝 (a text of the page is longer "
                "than the HTML parser reads: 10,000,000 characters)"
            )
    page = _Page(_Styles(root))
    if root is not None:
        page.flow(root, None)
    return page.rows()


def read_mht(data: bytes) -> list[Row]:
    """A web page saved as one file (.mht, .mhtml: a browser's or Word's "single file web page", which some report
    systems export under a .doc name; Excel's holds a frame page, then a page for each sheet): its pages, in order,
    each in the charset its part names unless the page declares its own."""
    import email

    rows: list[Row] = []
    for part in email.message_from_bytes(data).walk():
        body = part.get_payload(decode=True) if part.get_content_type() == "text/html" else None
        if isinstance(body, bytes) and body.strip():
            rows += [
                Row(cells=row.cells, line=len(rows) + i + 1, page=row.page)
                for i, row in enumerate(_page_rows(body, part.get_content_charset() or ""))
            ]
            check_rows(len(rows))
    if not rows:
        raise UnreadableFile(_NO_TEXT)
    return rows


def _decode(data: bytes, charset: str = "") -> str:
    """The page's text: a BOM's encoding, UTF-8, the charset it declares (else `charset`), GB18030 (`text.decode`)."""
    match = _CHARSET.search(data[:4096])
    declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else charset.lower()
    return decode(data, declared)


# --- styles -------------------------------------------------------------------------------------------------------


class _Styles:
    """The page's class rules (`.x1{left:86px}` in its `<style>` elements) and each element's style from them and its
    own `style` attribute; rules inside `@media` and other at-rules are not read (a print layout has other places)."""

    def __init__(self, root) -> None:
        self._classes: dict[str, dict[str, str]] = {}
        for style in root.iter("style"):
            self._read_sheet("".join(style.itertext()))
        self._cache: dict[tuple[str, str], dict[str, str]] = {}

    def _read_sheet(self, sheet: str) -> None:
        sheet = _CSS_COMMENT.sub("", sheet)
        i, end = 0, len(sheet)
        while i < end:
            brace = sheet.find("{", i)
            if brace < 0:
                return
            selectors = sheet[i:brace].strip()
            if selectors.startswith("@"):  # @media … { rules }: skip to its closing brace
                depth, i = 1, brace + 1
                while i < end and depth:
                    depth += {"{": 1, "}": -1}.get(sheet[i], 0)
                    i += 1
                continue
            close = sheet.find("}", brace)
            close = end if close < 0 else close
            declarations = _declarations(sheet[brace + 1 : close])
            for selector in selectors.split(","):
                selector = selector.strip()
                if re.fullmatch(r"\.[\w-]+", selector):
                    self._classes.setdefault(selector[1:], {}).update(declarations)
            i = close + 1

    def of(self, element) -> dict[str, str]:
        """The element's style: its classes' rules (a later class of the `class` attribute winning), then its own."""
        key = (element.get("class") or "", element.get("style") or "")
        style = self._cache.get(key)
        if style is None:
            style = {}
            for name in key[0].split():
                style.update(self._classes.get(name, {}))
            style.update(_declarations(key[1]))
            self._cache[key] = style
        return style


def _declarations(text: str) -> dict[str, str]:
    out = {}
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            out[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


def _length(value: str | None, font: float) -> float | None:
    """A CSS length in px ('12pt', '1.5em', '86.88px', '0'); None for what has no fixed length (auto, %)."""
    match = _LENGTH.match(value or "")
    if not match or match.group(2) == "%":
        return None
    number, unit = float(match.group(1)), match.group(2)
    return number * font if unit in ("em", "rem") else number * _UNITS[unit]


# --- the page in flow ---------------------------------------------------------------------------------------------


@dataclass
class _Piece:
    """Text placed on a converted page: where it starts and (estimated) ends, its line's position down, its size."""

    x0: float
    x1: float
    y: float
    size: float
    text: str


@dataclass
class _Positioned:
    """The runs of one positioned box (a converted page), read into lines at the end."""

    number: int
    pieces: list[_Piece] = field(default_factory=list)


class _Page:
    """Reads a page's elements in order into rows of cells, positioned boxes and tables."""

    def __init__(self, styles: _Styles, gaps: bool = True) -> None:
        self.styles = styles
        self.gaps = gaps  # whether wide spaces in a line separate cells (not inside a table cell)
        self.items: list[list[str] | _Positioned] = []
        self.line: list[str] = []  # the text of the line being read, as written
        self.boxes: dict[object, _Positioned] = {}  # positioned box → its runs
        self.fonts: dict[object, float] = {}
        self.count = 0  # rows and cells with text so far, against the limits
        self.cells = 0

    # rows

    def rows(self) -> list[Row]:
        out: list[Row] = []
        for item in self.items:
            if isinstance(item, _Positioned):
                out += [
                    Row(cells=cells, line=len(out) + i + 1, page=item.number)
                    for i, cells in enumerate(_lines(item.pieces))
                ]
            else:
                out.append(Row(cells=item, line=len(out) + 1))
            check_rows(len(out))
        return out

    def _add(self, cells: list[str]) -> None:
        self._count(cells)
        self.items.append(cells)

    def _count(self, cells: list[str]) -> None:
        self.count += 1
        self.cells += sum(1 for cell in cells if cell)
        check_rows(self.count)
        check_cells(self.cells)

    def _end_line(self) -> None:
        if self.line:
            text = _shown("".join(self.line)).strip()
            self.line = []
            cells = [cell.strip() for cell in (_GAP.split(text) if self.gaps else [text])]
            if any(cells) and not (self.gaps and _FURNITURE.search(text)):  # (a table cell's own text is kept)
                self._add([cell_text(_checked(cell)) for cell in cells])

    # elements

    def flow(self, element, box) -> None:
        """The element's content in flow: its text (a symbol font's characters as those it shows: Word's ≥ is
        Symbol's '³'), then each child and the text after it."""
        if element.text:
            font = _symbol_font(self.styles.of(element))
            text = element.text.replace("\u00ad", "")  # a soft hyphen: shown only where a line breaks
            self.line.append("".join(_symbol(font, c) for c in text) if font else text)
        for child in element:
            if isinstance(child.tag, str):
                self._element(child, box)
            if child.tail:
                self.line.append(child.tail.replace("\u00ad", ""))

    def _element(self, element, box) -> None:
        tag = element.tag.lower()
        if tag == "br":
            self._end_line()
            return
        if tag == "sup" and (raised := _text(element)).isdigit():
            self.line.append(raised.translate(_SUPERSCRIPT))  # m<sup>2</sup>: m², not the metres of 'm2'
            return
        style = self.styles.of(element)
        if tag in _CONTROLS and element.get("hidden") is None and style.get("display") != "none":
            if any(isinstance(a.tag, str) and a.tag in ("td", "th") for a in element.iterancestors()):
                self.line.append(_control_value(element, tag))  # a report system's form, saved: its values
            return
        if self._skipped(element, tag, style):
            return
        position = style.get("position", "")
        if position in ("absolute", "fixed") and self._run(element, style, box):
            return
        if position in ("relative", "absolute", "fixed"):
            box = element
        if tag == "table":
            self._end_line()
            self._table(element, box)
        elif tag == "pre":
            self._end_line()
            for line in "".join(element.itertext()).replace("\r\n", "\n").split("\n"):
                if line.strip():
                    self._add([cell_text(_checked(cell.strip())) for cell in line.split("\t")])
        elif tag in _BLOCKS or _BLOCK_DISPLAY.match(style.get("display", "")):
            self._end_line()
            self.flow(element, box)
            self._end_line()
        else:
            self.flow(element, box)

    def _skipped(self, element, tag: str, style: dict[str, str]) -> bool:
        if tag in _SKIPPED or element.get("hidden") is not None or style.get("display") == "none":
            return True
        if style.get("visibility") == "hidden" or (element.get("role") or "").lower() in _SKIPPED_ROLES:
            return True
        if tag in ("header", "footer"):
            return not any(a.tag in _SECTIONING for a in element.iterancestors() if isinstance(a.tag, str))
        if tag in _LISTS:  # a menu, or a list of related pages: every item's text is a link's (and its date)
            items = [item for item in element if isinstance(item.tag, str)]
            return bool(items) and all(
                _text(item) and _DATE.sub("", _text(item)) == "".join(_text(a) for a in item.iter("a"))
                for item in items
            )
        if _FOOTER.search(element.get("class") or "") or _FOOTER.search(element.get("id") or ""):
            return next(element.iter("table"), None) is None or tag == "table"  # a form in it is no footer
        return False

    def _table(self, table, box) -> None:
        """The table's rows: a row of cells each, merged cells spread; a row holding a table read as page content."""
        for caption in table.iterchildren("caption"):
            self._element(caption, box)
        rows = [tr for tr in _rows(table) if not self._skipped(tr, "tr", self.styles.of(tr))]
        grid: list[list[str]] = []
        above: dict[int, tuple[int, str]] = {}  # column → (rows it still covers, text) of a cell merged down
        for tr in rows:
            cells = [
                td
                for td in tr
                if isinstance(td.tag, str)
                and td.tag in ("td", "th")
                and not self._skipped(td, td.tag, self.styles.of(td))
            ]
            if any(next(td.iter("table"), None) is not None for td in cells):  # a layout row
                self.items += fit_width(grid)
                grid, above = [], {}
                for td in cells:
                    self._end_line()
                    self.flow(td, box)
                    self._end_line()
                continue
            grid.append(self._row(cells, above, len(rows)))
            self._count(grid[-1])
        self.items += fit_width(grid)

    def _row(self, cells: list, above: dict[int, tuple[int, str]], height: int) -> list[str]:
        """One table row's cells by column: a cell merged down from above in each column it covers (`above`,
        updated for the next row), each cell of the row in every column it spans."""
        row: list[str] = []
        below: dict[int, tuple[int, str]] = {}
        for td in cells:
            while len(row) in above:
                row.append(above[len(row)][1])
            if len(row) >= MAX_COLUMNS:
                break
            text = self._cell(td)
            across = min(max(_span(td.get("colspan"), 1000), 1), MAX_COLUMNS - len(row))
            down = _span(td.get("rowspan"), 65534) or height  # rowspan="0": to the end of the table
            for column in range(len(row), len(row) + across):
                if down > 1:
                    below[column] = (down - 1, text)
            row += [text] * across
        for column in sorted(above):
            if column >= len(row):
                row += [""] * (column - len(row)) + [above[column][1]]
        for column, (left, text) in above.items():
            if left > 1 and column not in below:
                below[column] = (left - 1, text)
        above.clear()
        above.update(below)
        return row[:MAX_COLUMNS]

    def _cell(self, td) -> str:
        """A cell's text: its lines joined by line breaks."""
        page = _Page(self.styles, gaps=False)
        page.flow(td, None)
        page._end_line()
        return cell_text(
            _checked(
                "\n".join("\n".join(cell for cell in cells if cell) for cells in page.items if isinstance(cells, list))
            )
        )

    # positioned text

    def _run(self, element, style: dict[str, str], box) -> bool:
        """Whether the element is a positioned run of text (no block or table inside): then its pieces are kept
        with its box's, the box placed in the page where its first run is."""
        font = self._font(element)
        left = _length(style.get("left"), font)
        top, bottom = _length(style.get("top"), font), _length(style.get("bottom"), font)
        if left is None or top is None and bottom is None:
            return False
        if any(
            isinstance(e.tag, str) and (e.tag in _BLOCKS or e.tag in ("table", "pre"))
            for e in element.iterdescendants()
        ):
            return False  # a box of blocks: read in flow
        positioned = self.boxes.get(box)
        if positioned is None:
            self._end_line()
            positioned = self.boxes[box] = _Positioned(len(self.boxes) + 1)
            self.items.append(positioned)
        match = _SCALE.search(style.get("transform", "") or style.get("-webkit-transform", ""))
        scale = abs(float(match.group(1))) if match else 1.0
        y = top if top is not None else -(bottom or 0.0)  # one of them is set (checked above)
        pieces = _pieces(element, left, y, font * scale, scale, self)
        positioned.pieces += pieces
        self.cells += len(pieces)
        check_cells(self.cells)
        return True

    def _font(self, element) -> float:
        """The element's font size in px (inherited; 16 px when no style says)."""
        font = self.fonts.get(element)
        if font is None:
            parent = element.getparent()
            inherited = self._font(parent) if parent is not None else _DEFAULT_FONT
            value = self.styles.of(element).get("font-size", "")
            font = (
                inherited * float(value[:-1]) / 100
                if value.endswith("%") and _LENGTH.match(value)
                else (_length(value, inherited) or inherited)
            )
            self.fonts[element] = font
        return font


def _pieces(run, left: float, y: float, size: float, scale: float, page: _Page) -> list[_Piece]:
    """A run's text as pieces: a spacer wider than CELL_GAP font sizes (a pdf2htmlEX `_` span) or a line break
    starts a new piece; each character's width is estimated (a Chinese character one font size, others half)."""
    pieces: list[_Piece] = []
    x, text, start = left, "", left

    def close() -> None:
        nonlocal text
        if text.strip():
            pieces.append(_Piece(start, x, y, size, _checked(text)))
        text = ""

    def add(value: str | None) -> None:
        nonlocal x, text, start
        for char in (value or "").replace("\n", " "):
            if not text:
                start = x
            text += char
            x += size * (1.0 if _WIDE.match(char) else 0.3 if char.isspace() else 0.55)

    def walk(element) -> None:
        nonlocal x, y, start
        add(element.text)
        for child in element:
            if isinstance(child.tag, str) and child.tag == "br":
                close()
                x, y = left, y + size * _LINE_HEIGHT
            elif isinstance(child.tag, str) and not page._skipped(child, child.tag, page.styles.of(child)):
                style = page.styles.of(child)
                font = page._font(child)
                gap = sum(_length(style.get(name), font) or 0.0 for name in ("width", "margin-left", "margin-right"))
                if gap and not "".join(child.itertext()).strip():
                    if gap * scale > CELL_GAP * size:
                        close()
                    x += gap * scale
                else:
                    walk(child)
            add(child.tail)

    walk(run)
    close()
    return pieces


def _lines(pieces: list[_Piece]) -> list[list[str]]:
    """A positioned box's pieces as lines of cells, top to bottom: grouped by their position down (within half a
    font size), left to right, split at gaps over CELL_GAP font sizes; a line placed under the columns of the
    line above it with more cells; the page number dropped."""
    lines: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x0)):
        if lines and abs(piece.y - lines[-1][0].y) <= max(piece.size, lines[-1][0].size) / 2:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    cells = [_cells(sorted(line, key=lambda p: p.x0)) for line in lines]
    for end in (-1, 0):
        if cells and len(cells[end]) == 1 and PAGE_NUMBER.match(cells[end][0].text):
            cells.pop(end)
    columns = Columns()
    return [columns.place([Cell(c.x0, c.x1, cell_text(c.text)) for c in line]) for line in cells]


def _cells(line: list[_Piece]) -> list[_Piece]:
    """A line's pieces joined into cells: a gap over CELL_GAP font sizes starts a new cell; between two Latin
    letters or digits a gap over WORD_GAP font sizes is a space."""
    cells = [_Piece(line[0].x0, line[0].x1, line[0].y, line[0].size, line[0].text.strip())]
    for piece in line[1:]:
        last = cells[-1]
        gap = piece.x0 - last.x1
        if gap > CELL_GAP * piece.size:
            cells.append(_Piece(piece.x0, piece.x1, piece.y, piece.size, piece.text.strip()))
            continue
        text = piece.text.strip()
        space = gap > WORD_GAP * piece.size and _LATIN.match(last.text[-1:]) and _LATIN.match(text[:1])
        last.text += (" " if space else "") + text
        last.x1 = max(last.x1, piece.x1)
    return cells


# --- helpers ------------------------------------------------------------------------------------------------------


def _rows(table):
    """A table's own rows (directly, or in its thead, tbody and tfoot), not those of tables inside it."""
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag == "tr")


def _span(value: str | None, limit: int) -> int:
    """A colspan or rowspan as a browser reads it: its leading digits, 1 when it has none, at most `limit`."""
    match = re.match(r"\s*(\d+)", value or "")
    return min(int(match.group(1)), limit) if match else 1


def _control_value(element, tag: str) -> str:
    """What a form control in a table cell shows: a text box's value, a text area's text, a list's chosen option."""
    if tag == "textarea":
        return "".join(element.itertext())
    if tag == "select":
        chosen = [option for option in element.iter("option") if option.get("selected") is not None]
        return "".join(chosen[0].itertext()) if chosen else ""
    kind = (element.get("type") or "text").lower()
    return element.get("value") or "" if kind in ("text", "number", "date", "tel", "email", "search") else ""


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _symbol(font: str, char: str) -> str:
    """A character in a symbol font as the one it shows: only its own codes (a byte, or U+F0xx), not Chinese text
    set in that font (河 U+6CB3 is no ≥)."""
    code = ord(char)
    return (symbol(font, code) or char) if code <= 0xFF or 0xF000 <= code <= 0xF0FF else char


def _symbol_font(style: dict[str, str]) -> str:
    """The symbol font (common.SYMBOLS) an element's text is set in, by its first family ('' for a text font)."""
    for name in ("mso-symbol-font-family", "font-family"):
        family = style.get(name, "").split(",")[0].strip().strip("'\"").lower()
        if family in SYMBOLS:
            return family
    return ""


def _text(element) -> str:
    return "".join("".join(element.itertext()).split())


def _shown(text: str) -> str:
    """Text as a browser shows it: whitespace runs as one space, a line break between Chinese characters as none."""
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text))


def _checked(text: str) -> str:
    if len(text) > MAX_CELL_BYTES:
        raise UnreadableFile(
            f"网页中的一段文字（一个单元格或段落）超过 {MAX_CELL_BYTES:,} 个字符，已拒绝 "
            f"(the page holds over {MAX_CELL_BYTES:,} characters of text in one cell or paragraph)"
        )
    return text
