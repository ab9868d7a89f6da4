"""Asks for a file or folder to import; dismisses with the path, or None."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kb.vocab.text import shown
from tui.widgets.typed_input import TypedInput


def typed_path(text: str) -> Path | None:
    """The path typed, or dropped on the terminal from a file manager, which writes it quoted ('/a b.pdf'),
    with its spaces escaped (/a\\ b.pdf) or as a file:// address: such a path was said not to exist."""
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    elif text.startswith("file://"):
        text = unquote(urlparse(text).path)
    elif not Path(text).expanduser().exists():
        text = re.sub(r"\\(.)", r"\1", text)
    return Path(text).expanduser() if text else None


class ImportPathScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog") as dialog:
            dialog.border_title = "导入文档 import documents"
            yield Label("文件或文件夹路径（可拖入；文件夹会递归查找 .pdf .xlsx .docx .txt …）a file or folder:")
            yield TypedInput(placeholder="/path/to/folder", id="import-path")
            yield Static(id="import-error")
            with Horizontal(id="import-buttons"):
                yield Button("导入 Import", variant="primary", id="import-ok")
                yield Button("取消 Cancel", id="import-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-ok")
    def submit(self) -> None:
        path = typed_path(self.query_one(Input).value)
        if path is None or not path.exists():
            message = (
                "请输入路径 give a path" if path is None else f"没有这个文件或文件夹 no such file or folder: {path}"
            )
            self.query_one("#import-error", Static).update(Text(shown(message), style="bold red"))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
