"""Self-evaluations (自评表): the list, and the form under the cursor whole (its head, and each row's target, actual,
weight, score and whether the target was met), as `kb evaluations` shows them; g opens the goal table it answers."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from kb.errors import KbError
from kb.find.evaluations import evaluated_names, form_rows, head_pairs, list_self_evaluations, show_self_evaluation
from kb.find.queries import DEPARTMENT, listed_name
from kb.vocab.numbers import number
from kb.vocab.text import shown
from kb.vocab.tokens import fold
from tui.messages import OpenProject
from tui.widgets.copy_table import Col, CopyTable
from tui.widgets.search_box import SearchBox

NOTES = Col("偏差原因及说明", 8, 3)
LEGEND = (
    "✓ 达成 met · ✗ 未达成 missed · ? 未能判断（文字目标等） cannot be judged (a target in words …) · "
    "自报，未经审计 self-reported, not audited"
)


def _head(e: dict) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in head_pairs(e, "（g 打开 open it）"):
        grid.add_row(Text(shown(label)), Text(shown(value, lines=True)))
    return grid


class EvaluationsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "关闭 Close", id="close"),
        Binding("g", "goal_table", "目标表", tooltip="打开它对应的目标表 the goal table it answers", id="goal-table"),
        Binding("slash", "filter", "筛选", tooltip="筛选自评表 filter the list", id="evaluation-filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.every: list[dict] = []  # every self-evaluation, as listed
        self.names: dict[int, str] = {}  # id → what a filter looks through: its names, unit, region, year, rows
        self.listed: list[dict] = []  # those the filter lets through, in the table's order
        self.shown_form: dict | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="evaluations"):
            yield Static("自评表 self-evaluations", id="evaluations-title")
            yield SearchBox(placeholder="筛选 filter 自评表/部门/地区/指标名称", id="evaluation-query")
            yield CopyTable(
                Col("ID", 4),
                Col("自评表", 16, 3),
                Col("部门", 10, 1),
                Col("地区", 6),
                Col("年度", 4),
                Col("指标", 4),
                Col("达成", 4),
                Col("未达成", 6),
                Col("未能判断", 8),
                id="evaluation-list",
            )
            with VerticalScroll(id="evaluation-form"):
                yield CopyTable(  # narrow enough for a 100-column terminal; long cells wrap
                    Col("一级指标", 8),  # widened to its levels (_shown)
                    Col("二级指标", 8),
                    Col("三级指标", 10, 3),
                    Col("指标值", 6, 1),
                    Col("实际完成值", 6, 1),
                    Col("分值", 4),
                    Col("得分", 5),
                    Col("达成", 8),
                    id="evaluation-rows",
                )
                yield Static(LEGEND, classes="dim", id="evaluation-legend")
                yield Static(id="evaluation-head")  # below the rows: a form's head runs to 20 lines
            yield Static(
                "↑↓ 选择 choose · / 筛选 filter · g 对应的目标表 its goal table · c 复制一行 copy a row · esc 关闭",
                classes="dim",
            )

    def on_mount(self) -> None:
        self.query_one("#evaluation-list").loading = True
        self._list()

    @work(thread=True, exclusive=True, exit_on_error=False, group="evaluations")
    def _list(self) -> None:
        try:
            found = self.app.db.call(list_self_evaluations)
            names = self.app.db.call(evaluated_names)
        except KbError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._listed, found, names)

    def _failed(self, error: str) -> None:
        self.query_one("#evaluation-list").loading = False
        self.query_one("#evaluations-title", Static).update(Text(shown(error), style="bold red"))

    def _listed(self, found: list[dict], names: dict[int, str]) -> None:
        self.every = found
        self.names = {
            e["id"]: fold("\n".join([e["name"], e["department"] or "", e["region"] or "", str(e["year"] or "")]))
            + "\n"
            + fold(names.get(e["id"]) or "")
            for e in found
        }
        table = self.query_one("#evaluation-list", CopyTable)
        table.loading = False
        departments = [cell_len(e["department"] or "") for e in found]
        table.spec[2] = Col("部门", min(20, max([4, *departments])), 1)  # a unit's name on one line, mostly
        self._fill(self.query_one("#evaluation-query", Input).value)
        table.focus()

    def _fill(self, needle: str) -> None:
        """The list narrowed to the self-evaluations whose name, unit, region, year or any row's name holds
        `needle`; the first of them shown."""
        folded = fold(needle.strip())
        self.listed = [e for e in self.every if folded in self.names[e["id"]]] if folded else self.every
        count = f"{len(self.every)} 个自评表 self-evaluations"
        count += f"，筛出 {len(self.listed)} 个 shown" if folded else ""
        self.query_one("#evaluations-title", Static).update(
            Text(f"{count}（自报，未经审计 self-reported, not audited）", style="bold")
            if self.every
            else Text("知识库里没有自评表 no self-evaluation in the knowledge base（导入 ctrl+o）", style="bold")
        )
        self.query_one("#evaluation-list", CopyTable).fill(
            [
                (
                    str(e["id"]),
                    listed_name(e["name"], e["kind"] == DEPARTMENT),
                    e["department"] or "",
                    e["region"] or "",
                    number(e["year"]),
                    str(e["rows"]),
                    str(e["met"]),
                    str(e["not_met"]),
                    str(e["unknown"]),
                )
                for e in self.listed
            ]
        )
        if self.listed:
            self._show(self.listed[0]["id"])

    @on(Input.Changed, "#evaluation-query")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.every:
            self._fill(event.value)

    @on(Input.Submitted, "#evaluation-query")
    @on(SearchBox.Leave, "#evaluation-query")
    def _to_list(self) -> None:
        self.query_one("#evaluation-list").focus()

    def action_filter(self) -> None:
        self.query_one("#evaluation-query").focus()

    @on(DataTable.RowHighlighted, "#evaluation-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.listed):
            self._show(self.listed[event.cursor_row]["id"])

    @work(thread=True, exclusive=True, exit_on_error=False, group="evaluation")
    def _show(self, evaluation_id: int) -> None:
        try:
            form = self.app.db.call(show_self_evaluation, evaluation_id)
        except KbError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._shown, form)

    def _shown(self, form: dict) -> None:
        self.shown_form = form
        self.query_one("#evaluation-head", Static).update(_head(form))
        rows = form_rows(form["rows"])
        table = self.query_one("#evaluation-rows", CopyTable)
        for i, (label, cap) in enumerate((("一级指标", 8), ("二级指标", 10))):  # as wide as its levels, up to cap
            table.spec[i] = Col(label, min(cap, max([cell_len(row[i]) for row in rows] + [cell_len(label)])))
        table.spec = table.spec[:8] + ([NOTES] if rows and len(rows[0]) > 8 else [])
        table.fill(rows)

    def action_goal_table(self) -> None:
        form = self.shown_form
        if form is None or not form.get("project_id"):
            self.notify("这份自评表没有对应的目标表 no goal table in the knowledge base answers to it", timeout=4)
            return
        main = self.app.main  # type: ignore[attr-defined]
        self.dismiss()
        main.post_message(OpenProject(form["project_id"]))
