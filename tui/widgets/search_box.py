"""An Input for a tab's search box that keeps the focus it was just given."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TabbedContent, TabPane


class SearchBox(Input):
    """Textual can deliver a Hide event queued while this box's tab was hidden after the tab is shown and the
    box focused; the plain Input then blurs itself and the next keystrokes go nowhere. Such a stale Hide is
    ignored when the box's tab is the active one."""

    def _on_hide(self, event: events.Hide) -> None:
        pane = next((node for node in self.ancestors if isinstance(node, TabPane)), None)
        tabs = next((node for node in self.ancestors if isinstance(node, TabbedContent)), None)
        if pane is not None and tabs is not None and tabs.active == pane.id:
            return
        super()._on_hide(event)
