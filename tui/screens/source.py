"""Where a project came from: its document, layout and the head fields as written."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kb.vocab.text import shown

_SOURCE = {
    "text": "原文",
    "period": "实施期 period",
    "manifest": "manifest.toml",
    "option": "命令行 option",
    "file": "文件名 file name",
}


def source_table(p: dict) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    rows = [
        ("文件 file", p["source"]),
        ("路径 path", p["document_path"]),
        ("版式 layout", p["layout"]),
        ("标题 title", p["document_title"]),
        ("表格 table", p.get("table_title") if p.get("table_title") != p["document_title"] else None),
        ("页码 page", f"第 {p['page']} 页" if p.get("page") else None),
        ("发布 published", p["published"]),
    ]
    for label, key in (("地区 region", "region"), ("年度 year", "year"), ("部门 department", "department")):
        origin = p.get(f"{key}_source")
        if p.get(key) is not None and origin:
            rows.append((f"{label} 来源", f"{p[key]} ← {_SOURCE.get(origin, origin)}"))
    rows += [(label, value) for label, value in p["fields"].items()]
    for label, value in rows:
        if value not in (None, ""):
            grid.add_row(Text(shown(str(label))), Text(shown(str(value), lines=True)))
    return grid


class SourceScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "关闭 Close", id="close"),
        Binding("s,q", "dismiss", "关闭 Close", show=False, id="close-alt"),
    ]

    def __init__(self, project: dict) -> None:
        super().__init__()
        self.project = project

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="source-body") as body:
            body.border_title = Text(f"来源 source · {shown(self.project['name'])}")
            yield Static(source_table(self.project))
