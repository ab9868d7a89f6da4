"""Shown instead of the app when the knowledge base cannot be opened (a corrupt or foreign file)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from kb.vocab.text import shown


class ErrorScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,enter", "app.exit_with_error", "退出 Quit", id="quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box") as box:
            box.border_title = "无法打开知识库 cannot open the knowledge base"
            yield Static(Text(shown(self.message)), id="error-message")
            yield Static("按 q 或 Esc 退出 press q or Esc to quit. Check the path given with --db (or $KB_DB).")
        yield Footer()
