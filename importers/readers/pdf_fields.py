"""A PDF form's filled fields, drawn as a viewer shows them: a goal table sent as a fillable form (its 指标值 cells
form fields, not flattened) holds its values only in the fields' appearances, which a page's content does not draw.

Each widget annotation's normal appearance (its /AP /N stream, or the one for its /AS state) is drawn in its /Rect
(PDF 32000-1, 12.5.5: the appearance's box, through its matrix, fitted to the rectangle), unless the widget is
hidden. A text field without an appearance (a form asking the viewer to make them, /NeedAppearances) is given one:
its value (/V) on one line in its rectangle, in Adobe's Chinese font by UCS-2 codes (STSong-Light, UniGB-UCS2-H,
whose map to characters pdfminer carries).
"""

from __future__ import annotations

import functools

from importers.readers.pdf_clip import clipping_interpreter

HIDDEN = 1 << 1 | 1 << 5  # annotation flags Hidden and NoView
PARENTS = 8  # a field's value and type are looked for this far up its /Parent chain
VALUE_SIZE = 9.0  # points: the largest size a value without an appearance is drawn at (smaller where it must fit)


@functools.cache
def fields_interpreter():
    """`clipping_interpreter()` drawing a page's form fields after its content."""

    class Fields(clipping_interpreter()):
        page = None  # the page whose content is being drawn (a form XObject's interpreter has none)

        def process_page(self, page) -> None:
            self.page = page
            super().process_page(page)

        def render_contents(self, resources, streams, ctm=(1, 0, 0, 1, 0, 0)) -> None:
            super().render_contents(resources, streams, ctm)
            page, self.page = self.page, None
            if page is not None:
                draw_fields(self, page, ctm)

    return Fields


def draw_fields(interpreter, page, ctm: tuple) -> None:
    """Draw the page's widgets' appearances on the interpreter's device, in page space by `ctm` (the page's)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import mult_matrix

    annots = resolve1(page.annots)
    for number, ref in enumerate(annots if isinstance(annots, list) else []):
        found = _appearance(resolve1(ref), -1 - number)
        if found is None:
            continue
        stream, box, matrix, fit = found
        resources = resolve1(stream.get("Resources"))
        figure = f"field{number}"
        interpreter.device.clip = interpreter.device.crop  # (the page's clips end with its content; its CropBox not)
        interpreter.device.begin_figure(figure, box, matrix)
        interpreter.subinterp().render_contents(
            resources if isinstance(resources, dict) else page.resources,
            [stream],
            ctm=mult_matrix(mult_matrix(matrix, fit), ctm),
        )
        interpreter.device.end_figure(figure)


def _appearance(annot, objid: int) -> tuple | None:
    """A shown widget's normal appearance (the one for its state; one made of its value when it has none: `objid`
    its made-up number), its box and matrix, and the matrix fitting them to the widget's rectangle; None for
    anything else."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSLiteral, literal_name
    from pdfminer.utils import apply_matrix_pt

    def name(value) -> str:
        return literal_name(value) if isinstance(value, PSLiteral) else ""

    if not isinstance(annot, dict) or name(annot.get("Subtype")) != "Widget":
        return None
    flags, rect = resolve1(annot.get("F", 0)), resolve1(annot.get("Rect"))
    if isinstance(flags, int) and flags & HIDDEN or not _numbers(rect, 4):
        return None
    appearances = resolve1(annot.get("AP"))
    normal = resolve1(appearances.get("N")) if isinstance(appearances, dict) else None
    if isinstance(normal, dict):  # one appearance per state (a check box): the one it is in
        normal = resolve1(normal.get(name(annot.get("AS"))))
    if normal is None:
        normal = _value_appearance(annot, rect, objid)
    if not isinstance(normal, PDFStream) or not _numbers(resolve1(normal.get("BBox")), 4):
        return None
    box = tuple(resolve1(normal.get("BBox")))
    matrix = resolve1(normal.get("Matrix"))
    matrix = tuple(matrix) if _numbers(matrix, 6) else (1, 0, 0, 1, 0, 0)
    corners = [apply_matrix_pt(matrix, (x, y)) for x in (box[0], box[2]) for y in (box[1], box[3])]
    left, low = min(x for x, _ in corners), min(y for _, y in corners)
    width, height = max(x for x, _ in corners) - left, max(y for _, y in corners) - low
    if width <= 0 or height <= 0:
        return None
    x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    sx, sy = (x1 - x0) / width, (y1 - y0) / height
    return normal, box, matrix, (sx, 0, 0, sy, x0 - sx * left, y0 - sy * low)


def _inherited(annot: dict, key: str):
    """A field's entry, from the widget or the field above it (a widget is often the kid of its field)."""
    from pdfminer.pdftypes import resolve1

    for _ in range(PARENTS):
        if key in annot or not isinstance(resolve1(annot.get("Parent")), dict):
            return resolve1(annot.get(key))
        annot = resolve1(annot["Parent"])
    return None


def _value_appearance(annot: dict, rect: list, objid: int):
    """The appearance a viewer makes of a text field's value (/V) when it has none: the value on one line,
    vertically centred, shrunk to fit the rectangle's width; None for another kind of field or no value. `objid`:
    the stream's number (made up: pdfminer draws no stream without one)."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT, PSLiteral
    from pdfminer.utils import decode_text

    kind, value = _inherited(annot, "FT"), _inherited(annot, "V")
    if not (isinstance(kind, PSLiteral) and kind.name == "Tx" and isinstance(value, bytes)):
        return None
    text = " ".join(decode_text(value).split())
    codes = "".join(c for c in text if ord(c) <= 0xFFFF).encode("utf-16-be")
    width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
    if not codes or width <= 4 or height <= 2:
        return None
    size = min(VALUE_SIZE, height * 0.7, (width - 4) / (len(codes) // 2))  # (each code an em wide: the font's DW)
    content = b"BT /V %.2f Tf 2 %.2f Td <%s> Tj ET" % (size, (height - size) / 2 + size * 0.12, codes.hex().encode())
    font = {
        "Type": LIT("Font"),
        "Subtype": LIT("Type0"),
        "BaseFont": LIT("STSong-Light"),
        "Encoding": LIT("UniGB-UCS2-H"),
        "DescendantFonts": [
            {
                "Type": LIT("Font"),
                "Subtype": LIT("CIDFontType0"),
                "BaseFont": LIT("STSong-Light"),
                "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"GB1", "Supplement": 2},
                "FontDescriptor": {"FontBBox": [0, -120, 1000, 880], "Ascent": 880, "Descent": -120},
            }
        ],
    }
    stream = PDFStream({"BBox": [0, 0, width, height], "Resources": {"Font": {"V": font}}}, content)
    stream.objid = objid
    return stream


def _numbers(value, count: int) -> bool:
    """Whether `value` is a list of `count` numbers."""
    return isinstance(value, list | tuple) and len(value) == count and all(isinstance(v, int | float) for v in value)
