"""A SelectionList whose rows say in words whether they are ticked (☑/☐ before each prompt, written by its owner):
Textual's toggle button beside them, whose colour alone tells and not on the cursor row, is not drawn."""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import OptionList, SelectionList


class TickList(SelectionList):
    def _get_left_gutter_width(self) -> int:
        return 0  # no button: the prompts take the whole width

    def render_line(self, y: int) -> Strip:
        return OptionList.render_line(self, y)  # the prompt alone, without SelectionList's button before it
