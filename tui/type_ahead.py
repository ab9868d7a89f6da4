"""Keys typed ahead of a key that moves the focus (`h审计局`, `/审计` read together, typed fast or batched by a slow
link) reach the box the key moved to. Textual routes each key to the widget focused when the app reads it, and a
key's binding runs only once the key has bubbled back up to the app: the keys read with it had gone to the widget it
left (a table, which dropped them). The app holds a key read while the one before is on its way and hands it on
once that one's binding (and the focus it set) is done."""

from __future__ import annotations

from functools import partial

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen

STUCK = 0.5  # seconds after which the held keys go on anyway (a node closed with the key's wait in its queue)


class TypeAhead:
    """The app's keys in order: one on its way at a time, the ones read meanwhile held (`KbApp.on_event`)."""

    def __init__(self, app) -> None:
        self.app = app
        self.held: list[events.Key | events.Paste] = []  # a paste among them too: typed then pasted, in order
        self.busy: events.Key | None = None  # the key on its way

    def hold(self, key: events.Key | events.Paste) -> bool:
        """True when `key` waits for the one before it (held, to be routed later; a paste sent past the keys held had
        landed before them: 服务对象, pasted 满意度, gave 服满意度务对象)."""
        if self.busy is not None:
            self.held.append(key)
        return self.busy is not None

    def follow(self, key: events.Key, target: DOMNode) -> None:
        """`key` was sent to `target`: wait for it there and at each parent it bubbles to (the node's queue holds it
        ahead of this call), then at the app, whose binding may have moved the focus."""
        if not key.is_forwarded or moves_a_cursor(key, target):
            return
        self.busy = key
        self.app.set_timer(STUCK, partial(self._release, key))
        self._next(target, key)

    def _next(self, node: DOMNode | None, key: events.Key) -> None:
        """Wait for `key` at `node`, then at its parent; a key stopped where it was (a character a text box took)
        bubbles no further and runs no binding: the keys held behind it go on at once, not one hop per parent (a
        burst of 40 characters had taken 12 times as long)."""
        stopped = key._stop_propagation
        if stopped or node is None or node is self.app or not node.call_later(self._next, node.parent, key):
            self.app.call_later(self.app.call_later, self._release, key)  # a binding's Widget.focus is a call later

    async def _release(self, key: events.Key) -> None:
        """The keys held, routed in order as if read now, until one is on its way again (a key a priority binding
        took, Tab in the head, is done at once); nothing if `key` has gone on already."""
        if self.busy is not key:
            return
        self.busy = None
        while self.held and self.busy is None:
            await self.app.on_event(self.held.pop(0))


def moves_a_cursor(key: events.Key, target: DOMNode) -> bool:
    """The focused widget's own binding takes `key` to move its cursor or scroll (a tree's or a table's ↓, a box's
    ←: Textual's `cursor_…`/`scroll_…` actions), never the focus: the keys after it need not wait (held, 40 ↓ read
    together took 13 times as long, a held ↓ lagging on a loaded host). A screen's binding is not one of them."""
    if isinstance(target, Screen):
        return False
    bindings = [b for k in key.aliases for b in target._bindings.key_to_bindings.get(k, [])]
    return bool(bindings) and all(b.action.startswith(("cursor_", "scroll_")) for b in bindings)
