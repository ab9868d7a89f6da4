"""The clipping region of a PDF page, so that text the page hides is not read: a cell's text that runs past the
cell's borders is drawn whole and clipped to the cell, and the text layer still holds what the clip hides (the third
line of a two-line row, read as the first characters of the row below: '度完善警用装备…').

The region is kept as a rectangle in page space: the bounds of each clipping path (W, W*), intersected with the
region before (a path that is no rectangle clips at most to its bounds, so nothing drawn is lost), saved and
restored with the graphics state (q, Q) and handed on to form XObjects. A character is hidden when it lies above
or below the region (the line it is on would otherwise be read into the row under its cell), or wholly beside it
(a line running past its cell's side, read into the cell beside).
"""

from __future__ import annotations

import functools

from importers.readers.pdf_content import interpreter_class

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space (pdfminer's: y upwards)
SLACK = 0.5  # points: a clipping path narrower than this has no area
# of a character's height (its em box): less inside the region shows only the tops of its strokes, if anything,
# and is hidden (in the real documents such lines lie 0-0.36 inside; lines a reader reads, 0.39 and more)
SHOWN = 0.38
LOW_MARKS = frozenset("。，、．.,")  # marks drawn at the foot of their box
LOW_SHOWN = 0.8  # (in the real documents, marks 0.6-0.76 inside show nothing)


def intersection(region: Box | None, box: Box) -> Box:
    """The region clipped again by `box` (an empty region where they do not meet)."""
    if region is None:
        return box
    x0, y0 = max(region[0], box[0]), max(region[1], box[1])
    return x0, y0, max(x0, min(region[2], box[2])), max(y0, min(region[3], box[3]))


def hidden(bbox: Box, region: Box | None, text: str = "") -> bool:
    """Whether a character lies above or below the clipping region (all but a sliver of it: under SHOWN of its
    height inside; a low mark cut from below, under LOW_SHOWN: its ink is the foot of its box; one cut from above,
    under 1 - LOW_SHOWN), or wholly beside it (a line running past its cell's side: '2022年5月1日-2022年' and the
    hidden '12月31日'). One the region's side cuts is kept, however little of it shows: it stays in its own cell,
    whose text it completes."""
    if region is None:
        return False
    if bbox[0] >= region[2] or bbox[2] <= region[0]:
        return True
    inside = min(bbox[3], region[3]) - max(bbox[1], region[1])
    shown = SHOWN
    if text in LOW_MARKS and bbox[1] < region[1]:
        shown = LOW_SHOWN
    elif text in LOW_MARKS and bbox[3] > region[3]:
        shown = 1 - LOW_SHOWN  # (its top cut away: its ink shows whole)
    return inside < shown * (bbox[3] - bbox[1])


def path_bounds(path: list, ctm: tuple) -> Box | None:
    """The bounds in page space of a path's points (user space, through the matrix); None for a path without
    area (no points, or all on one line): taken as no clip rather than as one hiding everything."""
    bounds = _extent(path, ctm)
    if bounds is None or bounds[2] - bounds[0] < SLACK or bounds[3] - bounds[1] < SLACK:
        return None
    return bounds


def beyond(path: list, ctm: tuple, region: Box) -> bool:
    """Whether a path (a rule, a cell's border) lies wholly outside the region, as beyond a page's CropBox."""
    bounds = _extent(path, ctm)
    return bounds is not None and (
        bounds[2] < region[0] - SLACK
        or bounds[0] > region[2] + SLACK
        or bounds[3] < region[1] - SLACK
        or bounds[1] > region[3] + SLACK
    )


def _extent(path: list, ctm: tuple) -> Box | None:
    """The bounds in page space of a path's points, None for a path without any."""
    a, b, c, d, e, f = ctm
    xs, ys = [], []
    for segment in path:
        coordinates = segment[1:]
        for x, y in zip(coordinates[::2], coordinates[1::2]):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


@functools.cache
def clipping_interpreter():
    """`interpreter_class()` keeping the clipping region, in its state and on its device (`device.clip`, which
    the device's `render_char` reads)."""

    class Clipping(interpreter_class()):
        clip: Box | None = None

        def init_state(self, ctm):
            super().init_state(ctm)
            self.clip = getattr(self.device, "clip", None)  # a form XObject is drawn inside its caller's region

        def get_current_state(self):
            return (*super().get_current_state(), self.clip)

        def set_current_state(self, state):
            *rest, self.clip = state
            super().set_current_state(tuple(rest))
            self.device.clip = self.clip

        def do_W(self) -> None:
            bounds = path_bounds(self.curpath, self.ctm)
            if bounds is not None:
                self.clip = self.device.clip = intersection(self.clip, bounds)

        do_W_a = do_W

        def do_Do(self, xobjid) -> None:
            super().do_Do(xobjid)
            self.device.clip = self.clip  # the form's own clips end with it

    return Clipping
