"""A SelectionList whose rows say in words whether they are ticked (☑/☐ before each prompt, written by its owner):
Textual's toggle button beside them, whose colour alone tells and not on the cursor row, is not drawn. While its rows
are being fetched (`wait` … `ready`) it keeps the focus and holds the keys it would take, then replays them: a burst
of ↓ and space typed as a dialog opened went to the box beside it (a loading list cannot hold the focus), opened its
choices and moved in them."""

from __future__ import annotations

from textual import events
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList

HELD = frozenset({"up", "down", "pageup", "pagedown", "home", "end", "space", "enter", "a"})  # its keys and 全选


class TickList(SelectionList):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.held: list[events.Key] | None = None  # None: not waiting

    def _get_left_gutter_width(self) -> int:
        return 0  # no button: the prompts take the whole width

    def render_line(self, y: int) -> Strip:
        return OptionList.render_line(self, y)  # the prompt alone, without SelectionList's button before it

    def wait(self) -> None:
        """Rows are coming: hold the keys typed meanwhile."""
        self.held = []

    def ready(self) -> None:
        """The rows are in: the keys held go on as typed."""
        held, self.held = self.held or [], None
        if held:
            self.app.call_later(self._replay, [(key.key, key.character) for key in held])

    def _replay(self, keys: list[tuple[str, str | None]]) -> None:
        if not self.has_focus:
            return  # the user went on elsewhere (the 支出类型 box): the keys typed for the list are not theirs
        for key, character in keys:  # made by the app, so that they bubble back up to its bindings as typed ones do
            self.app.post_message(events.Key(key, character))

    def on_key(self, event: events.Key) -> None:
        if self.held is not None and event.key in HELD:
            self.held.append(event)
            event.stop()
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.held is None  # (keys read with the one that opened its dialog come by the bindings: `take`)

    def take(self, key: str) -> None:
        """A key of the list's that came by its dialog's bindings (read with `t`, the keys after it reached the list's
        bindings while it was empty, and were lost): held while the rows come, else typed into it."""
        self.focus()
        if self.held is not None:
            self.held.append(events.Key(key, " " if key == "space" else None))
        else:
            self.app.post_message(events.Key(key, " " if key == "space" else None))  # after the focus (one queue)
