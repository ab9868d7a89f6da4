"""An Input for a tab's search box: `/` selects what is typed (never types a slash), ↓ and Enter lead to the
results, and it keeps the focus it was just given."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TabbedContent, TabPane

from tui.widgets.typed_input import TypedInput


class SearchBox(TypedInput):
    """Textual can deliver a Hide event queued while this box's tab was hidden after the tab is shown and the
    box focused; the plain Input then blurs itself and the next keystrokes go nowhere. Such a stale Hide is
    ignored when the box's tab is the active one."""

    BINDINGS = [
        Binding("slash", "select_all", "全选 select all", show=False, priority=True, id="search-select"),
        Binding("down", "leave", "结果 to the results", show=False, id="search-leave"),
    ]

    class Leave(Message):
        """↓: the owner moves the cursor to the first result, as on Enter (`box` is the SearchBox)."""

        def __init__(self, box: SearchBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> SearchBox:
            return self.box

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))

    def _on_hide(self, event: events.Hide) -> None:
        pane = next((node for node in self.ancestors if isinstance(node, TabPane)), None)
        tabs = next((node for node in self.ancestors if isinstance(node, TabbedContent)), None)
        if pane is not None and tabs is not None and tabs.active == pane.id:
            return
        super()._on_hide(event)
