"""A PDF form's filled fields, drawn as a viewer shows them: a goal table sent as a fillable form (its 指标值 cells
form fields, not flattened) holds its values only in the fields' appearances, which a page's content does not draw.

Each widget annotation's normal appearance (its /AP /N stream, or the one for its /AS state) is drawn in its /Rect
(PDF 32000-1, 12.5.5: the appearance's box, through its matrix, fitted to the rectangle), unless the widget is
hidden. A field without an appearance (a form asking the viewer to make them, /NeedAppearances) shows nothing here.
"""

from __future__ import annotations

import functools

from importers.readers.pdf_clip import clipping_interpreter

HIDDEN = 1 << 1 | 1 << 5  # annotation flags Hidden and NoView


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
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSLiteral, literal_name
    from pdfminer.utils import apply_matrix_pt, mult_matrix

    def name(value) -> str:
        return literal_name(value) if isinstance(value, PSLiteral) else ""

    annots = resolve1(page.annots)
    for number, ref in enumerate(annots if isinstance(annots, list) else []):
        annot = resolve1(ref)
        if not isinstance(annot, dict) or name(annot.get("Subtype")) != "Widget":
            continue
        flags = resolve1(annot.get("F", 0))
        if isinstance(flags, int) and flags & HIDDEN:
            continue
        appearances = resolve1(annot.get("AP"))
        normal = resolve1(appearances.get("N")) if isinstance(appearances, dict) else None
        if isinstance(normal, dict):  # one appearance per state (a check box): the one it is in
            normal = resolve1(normal.get(name(annot.get("AS"))))
        rect = resolve1(annot.get("Rect"))
        if not isinstance(normal, PDFStream) or not _numbers(rect, 4) or not _numbers(resolve1(normal.get("BBox")), 4):
            continue
        box = resolve1(normal.get("BBox"))
        matrix = resolve1(normal.get("Matrix"))
        matrix = tuple(matrix) if _numbers(matrix, 6) else (1, 0, 0, 1, 0, 0)
        corners = [apply_matrix_pt(matrix, (x, y)) for x in (box[0], box[2]) for y in (box[1], box[3])]
        left, low = min(x for x, _ in corners), min(y for _, y in corners)
        width, height = max(x for x, _ in corners) - left, max(y for _, y in corners) - low
        x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
        if width <= 0 or height <= 0:
            continue
        sx, sy = (x1 - x0) / width, (y1 - y0) / height
        fit = (sx, 0, 0, sy, x0 - sx * left, y0 - sy * low)
        resources = resolve1(normal.get("Resources"))
        figure = f"field{number}"
        interpreter.device.clip = None  # (the page's clips end with its content)
        interpreter.device.begin_figure(figure, tuple(box), matrix)
        interpreter.subinterp().render_contents(
            resources if isinstance(resources, dict) else page.resources,
            [normal],
            ctm=mult_matrix(mult_matrix(matrix, fit), ctm),
        )
        interpreter.device.end_figure(figure)


def _numbers(value, count: int) -> bool:
    """Whether `value` is a list of `count` numbers."""
    return isinstance(value, list | tuple) and len(value) == count and all(isinstance(v, int | float) for v in value)
