"""The last import's log: every file, its result and reason, until dismissed; saved as `kb import --report` writes."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from kb.errors import KbError
from kb.ingest.progress import STATUS_NAMES
from kb.ingest.run import write_report
from kb.vocab.text import path_text, shown
from tui import remembered
from tui.widgets.typed_input import TypedInput

DEFAULT_REPORT = "导入报告 import-report.md"


def _outcome(result) -> str:
    if result.status in ("imported", "replaced", "would import"):
        read = f"{result.projects} 个项目 projects, {result.indicators} 个指标 indicators"
        if result.departments:
            read += f", {result.departments} 个部门整体 department-wide"
        if result.evaluations:
            read += f", {result.evaluations} 份自评表 self-evaluations"
        return read + (f"; {result.message}" if result.message else "")
    return result.message


class ImportLogScreen(ModalScreen[None]):
    """Every file of the import; the failed and skipped first. s saves the report (.md, else .csv)."""

    BINDINGS = [
        Binding("escape", "dismiss", "关闭 Close", id="close"),
        Binding("s", "save", "保存报告 Save report", id="save"),
    ]

    def __init__(self, results: list, summary: str) -> None:
        super().__init__()
        order = {"failed": 0, "skipped": 1}
        self.results = sorted(results, key=lambda r: order.get(r.status, 2))
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="import-log"):
            yield Static(shown(f"导入记录 import log · {self.summary}"), id="import-log-title", markup=False)
            yield DataTable(id="import-log-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="import-log-detail", markup=False)
            yield TypedInput(placeholder="报告保存到 save the report to …（.md 或 .csv）", id="import-log-path")
            yield Static("s 保存报告 save the report · esc 关闭 close", classes="dim")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("文件 file", "结果 result", "说明 what was read, or why not")
        for r in self.results:
            status = STATUS_NAMES.get(r.status, r.status)
            table.add_row(shown(path_text(r.path)), status, shown(_outcome(r), lines=True))
        path_box = self.query_one("#import-log-path", Input)
        path_box.display = False
        path_box.value = str(remembered.export_folder() / DEFAULT_REPORT)
        table.focus()

    @on(DataTable.RowHighlighted, "#import-log-table")
    def _detail(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted file's whole path and reason, wrapped: the table cut them off on a narrow terminal
        (不是绩效目标文件（文中 at 80 columns)."""
        r = self.results[event.cursor_row]
        lines = [f"{path_text(r.path)} · {STATUS_NAMES.get(r.status, r.status)}", _outcome(r), *r.warnings[:3]]
        self.query_one("#import-log-detail", Static).update(shown("\n".join(t for t in lines if t), lines=True))

    def action_save(self) -> None:
        box = self.query_one("#import-log-path", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#import-log-path")
    def _save(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        try:
            write_report(self.results, path)
        except KbError as exc:
            self.notify(shown(str(exc)), title="未保存 not saved", severity="error", markup=False)
            return
        remembered.written_to(path)
        self.notify(shown(str(path)), title="报告已保存 report saved", markup=False)
        event.input.display = False
        self.query_one(DataTable).focus()
