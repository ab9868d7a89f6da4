"""An Input whose editing keys apply in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypedInput(Input):
    """Textual 8.2.8 inserts a typed character at once but runs a bound key (backspace, ←, Enter…) only after the key
    has bubbled up to the app, so keys arriving together apply out of order: `2025`, backspace and `6` in one read
    (typed fast, or batched by a slow SSH link) left `2025`. The box's own bindings run here, before the next key
    (Textual issue 6605)."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
