"""The help screen: Markdown shipped with the package (tui/help.md)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = Path(__file__).resolve().parent.parent / "help.md"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "关闭 Close", id="close"),
        Binding("f1,question_mark,q", "dismiss", "关闭 Close", show=False, id="close-alt"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP.read_text(encoding="utf-8"))
