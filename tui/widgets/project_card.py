"""One project as a 申报表 reads: its head, the goal table grouped by level 1 / level 2, and the rest."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region, Spacing
from textual.widgets import DataTable, Static
from kb.find.outcomes import achieved_text, evaluation_line
from kb.find.queries import DEPARTMENT, listed_name
from kb.vocab.departments import unit_beside
from kb.vocab.levels import short_level
from kb.vocab.numbers import number, total
from kb.vocab.text import shown

from tui.messages import FindIndicator
from tui.widgets.copy_table import Col, CopyTable

LEGEND = "* 层级由指标名推断（原文未写层级） level inferred from the name: the document gives none"
OWN = "自评实际"  # what the project's own self-evaluation reported: ✓ met, ✗ missed, ? cannot be judged
OWN_LEGEND = (
    "自评实际：本项目自评表所报的实际值，✓达成 ✗未达成 ?未能判断 actual reported: met, missed, cannot be judged"
)


def std_level(ind: dict) -> str:
    """Compact standard level of an indicator row (see kb.vocab.levels.short_level)."""
    return short_level(ind.get("std_level1"), ind.get("std_level2"), bool(ind.get("level_inferred")))


def activity(ind: dict) -> str:
    """The 活动 a department-wide table gives an indicator under ('' when none)."""
    return str((ind.get("notes") or {}).get("活动") or "")


def has_activities(indicators: list[dict]) -> bool:
    """Whether the goal table gives its indicators under 活动 (a column of its own, first)."""
    return any(activity(ind) for ind in indicators)


def goal_rows(indicators: list[dict]) -> list[tuple[str, ...]]:
    """(level 1, level 2, name, target, standard level) per indicator, after its 活动 when a department-wide table
    gives them, and what the project's own self-evaluation reported of it when it has one (peers' outcomes are the
    precedents' own, F3); a level or 活动 is written only where its group starts, as on the form; inferred levels are
    the standard ones, marked '*'."""
    own = any(ind.get("achieved") for ind in indicators)
    activities = has_activities(indicators)
    rows, last, last_activity = [], (None, None), None
    for ind in indicators:
        starts = activities and activity(ind) != last_activity
        if starts:
            last_activity, last = activity(ind), (None, None)  # its levels start again under each 活动
        if ind["level1"] or ind["level2"]:
            l1, l2 = ind["level1"] or "", ind["level2"] or ""
        elif ind["std_level1"]:
            l1, l2 = ind["std_level1"] + "*", (ind["std_level2"] or "") + ("*" if ind["std_level2"] else "")
        else:
            l1, l2 = "", ""
        shown = (l1 if l1 != last[0] else "", l2 if (l1, l2) != last else "")
        last = (l1, l2)
        target = ind["target"] or ""
        if ind.get("period_target") and ind["period_target"] != target:
            target += f"（实施周期 {ind['period_target']}）"
        name = ind["name"] + ("（文字目标）" if ind.get("from_prose") else "")
        rows.append(
            (
                *((activity(ind) if starts else "",) if activities else ()),
                shown[0],
                shown[1],
                name,
                target,
                std_level(ind),
                *((achieved_text(ind.get("achieved"), short=True),) if own else ()),
            )
        )
    return rows


def _head(p: dict) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    amount = number(p["amount_wan"])
    if p.get("amount_text") and p["amount_text"] != amount:
        amount += f"  （原文 {p['amount_text']}）"
    for label, value in (
        ("部门", p["department"]),
        ("实施单位", unit_beside(p["department"], p.get("implementing_unit"))),  # (a narrow tree cuts it off)
        ("地区", p["region"]),
        ("年度", number(p["year"])),
        ("本年金额(万元)", amount),
        ("总金额(万元)", number(p.get("total_wan"))),
        ("实施期", p["period"]),
        ("项目概况", p["overview"]),
        ("年度绩效目标", p["goal"]),
    ):
        if value:
            grid.add_row(label, Text(shown(str(value), lines=True)))
    return grid


def _table(title: str, columns: list[str], rows: list[list[str]], ratios: tuple[int, ...] = ()) -> Table:
    table = Table(title=Text(shown(title)), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=True)
    for column, ratio in zip(columns, ratios or (1,) * len(columns)):
        table.add_column(Text(shown(column)), overflow="fold", ratio=ratio)
    for row in rows:
        table.add_row(*(Text(shown(str(c) if c is not None else "", lines=True)) for c in row))
    return table


def _extra(title: str, value) -> RenderableType | None:
    """Kept sections (保障措施, 进度计划, 资金预算安排 …): lists of rows become tables, lists of text numbered."""
    if not value:
        return None
    if isinstance(value, str):
        return Group(Text(shown(title), style="bold"), Text(shown(value, lines=True)))
    if isinstance(value, dict):
        parts = [_extra(f"{title} · {k}", v) for k, v in value.items()]
        return Group(*(p for p in parts if p is not None))
    if all(isinstance(v, dict) for v in value):
        columns = list(dict.fromkeys(k for row in value for k in row))
        return _table(title, columns, [[row.get(c, "") for c in columns] for row in value])
    return Group(
        Text(shown(title), style="bold"), *(Text(shown(f"{i}. {v}", lines=True)) for i, v in enumerate(value, 1))
    )


def _more(p: dict) -> Group:
    parts: list[RenderableType] = [Text(shown(evaluation_line(e), lines=True)) for e in p.get("self_evaluations", [])]
    if p["evaluation"]:
        weights = number(total(e["weight"] for e in p["evaluation"]))
        parts.append(
            _table(
                f"评价指标（分值合计 {weights}）",
                ["一级", "二级", "指标", "分值", "评分标准", "数据来源"],
                [
                    [e["level1"], e["level2"], e["name"], number(e["weight"]), e["criteria"], e["source"]]
                    for e in p["evaluation"]
                ],
                ratios=(2, 3, 3, 1, 6, 2),
            )
        )
    if p["budget_lines"]:
        parts.append(
            _table(
                "资金使用明细",
                ["明细", "金额(万元)", "测算依据"],
                [[b["item"], number(b["amount_wan"]) or b["amount_text"], b["basis"]] for b in p["budget_lines"]],
                ratios=(3, 2, 6),
            )
        )
    for key, value in p["extra"].items():
        part = _extra(key, value)
        if part is not None:
            parts.append(part)
    return Group(*parts)


class ProjectCard(VerticalScroll):
    """Shows one project (a dict from kb.find.queries.show_project); the goal table has a row cursor."""

    BINDINGS = [
        Binding("p", "precedents", "先例", tooltip="查这个指标的先例 precedents of the indicator", id="precedents")
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.project: dict | None = None

    def compose(self) -> ComposeResult:
        yield Static("← 选择一个项目 choose a project", id="card-title")
        yield Static(id="card-head")
        yield CopyTable(id="goal-table")
        yield Static(id="goal-legend")
        yield Static(id="card-more")

    def show(self, project: dict, indicator: str | None = None) -> None:
        self.project = project
        title = listed_name(project["name"], project.get("kind") == DEPARTMENT)
        self.query_one("#card-title", Static).update(Text(shown(title), style="bold"))
        self.query_one("#card-head", Static).update(_head(project))
        self._fill_goals()
        inferred = any(i["level_inferred"] for i in project["indicators"])
        own = any(i.get("achieved") for i in project["indicators"])
        legend = "\n".join(line for line, wanted in ((LEGEND, inferred), (OWN_LEGEND, own)) if wanted)
        self.query_one("#goal-legend", Static).update(Text(legend, style="dim"))
        self.query_one("#card-more", Static).update(_more(project))
        self.scroll_home(animate=False)
        if indicator:
            self.point_at(indicator)

    def point_at(self, indicator: str) -> None:
        """Put the goal table's cursor on the first indicator named `indicator`."""
        for row, ind in enumerate(self.project["indicators"] if self.project else []):
            if ind["name"] == indicator:
                table = self.query_one("#goal-table", CopyTable)
                table.focus(scroll_visible=False)
                table.move_cursor(row=row, animate=False)
                self.call_after_refresh(self._scroll_to_cursor)
                return

    def _fill_goals(self) -> None:
        table = self.query_one("#goal-table", CopyTable)
        indicators = self.project["indicators"] if self.project else []
        rows = goal_rows(indicators)
        table.display = bool(rows)
        first = 1 if has_activities(indicators) else 0  # the 活动 column goal_rows puts first
        fit = lambda i, cap: min(cap, max([cell_len(r[first + i]) for r in rows] + [4]))  # noqa: E731
        table.spec = [
            *([Col("活动", min(12, max([cell_len(r[0]) for r in rows] + [4])), 1)] if first else []),
            Col("一级指标", fit(0, 10)),
            Col("二级指标", fit(1, 14)),
            Col("三级指标", 14, 3),
            Col("指标值", fit(3, 12), 1),
            Col("标准层级", fit(4, 12)),
        ]
        if self.project and any(ind.get("achieved") for ind in self.project["indicators"]):
            table.spec.append(Col(OWN, cell_len(OWN), 1))
        table.fill(rows)

    @on(DataTable.RowHighlighted, "#goal-table")
    def _follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:  # the user's cursor, not a new project's first row
            self.call_after_refresh(self._scroll_to_cursor)  # once the layout has the new rows

    def _scroll_to_cursor(self) -> None:
        """The goal table never scrolls itself (it is as tall as its rows): scroll the card to its cursor."""
        table = self.query_one("#goal-table", CopyTable)
        rows = table.ordered_rows
        if not 0 <= table.cursor_row < len(rows):
            return
        top = table.virtual_region.y + table.header_height + sum(r.height for r in rows[: table.cursor_row])
        region = Region(0, top, 1, rows[table.cursor_row].height)
        self.scroll_to_region(region, spacing=Spacing(table.header_height, 0, 1, 0), animate=False)

    def action_precedents(self) -> None:
        table = self.query_one("#goal-table", CopyTable)
        if self.project and self.project["indicators"] and table.row_count:
            self.post_message(FindIndicator(self.project["indicators"][table.cursor_row]["name"]))
