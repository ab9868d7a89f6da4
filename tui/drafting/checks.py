"""A draft's check results (kb.drafting.lint findings): rows that share a finding on one line; choosing one points the
goal table at its row."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kb.drafting.lint import Finding, counts
from kb.vocab.text import shown

MARKS = {"error": ("✗", "bold red"), "warning": ("!", "bold yellow"), "info": ("·", "dim")}


def summary(findings: list[Finding]) -> Text:
    """'检查 checks: 1 ✗ error · 2 ! warnings · 15 · notes', or that all pass."""
    if not findings:
        return Text("检查 checks: ✓ 没有问题 all pass", style="green")
    c = counts(findings)
    text = Text("检查 checks: ")
    for severity, word in (("error", "errors"), ("warning", "warnings"), ("info", "notes")):
        mark, style = MARKS[severity]
        text.append(f"{c[severity]} {mark} ", style=style if c[severity] else "dim")
        text.append(f"{word}  ", style="" if c[severity] else "dim")
    return text


def grouped(findings: list[Finding]) -> list[tuple[Finding, list[int]]]:
    """One entry per (rule, detail), with every row it names, in the findings' order."""
    groups: dict[tuple[str, str], tuple[Finding, list[int]]] = {}
    for f in findings:
        entry = groups.setdefault((f.rule, f.detail), (f, []))
        if f.row is not None:
            entry[1].append(f.row)
    return list(groups.values())


def _rows(rows: list[int]) -> str:
    if len(rows) == 1:
        return f"行 {rows[0]}"
    shown = " ".join(map(str, rows[:8]))
    return f"行 {shown}{' …' if len(rows) > 8 else ''}"


class DraftChecks(OptionList):
    """Findings, worst first; the highlighted one's reason is in `reason`."""

    @dataclass
    class Jump(Message):
        row: int  # 1-based row of the goal table

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[tuple[Finding, list[int]]] = []

    def show(self, findings: list[Finding]) -> None:
        order = {"error": 0, "warning": 1, "info": 2}
        self.entries = sorted(grouped(findings), key=lambda e: order[e[0].severity])
        highlighted = self.highlighted
        self.clear_options()
        for finding, rows in self.entries:
            mark, style = MARKS[finding.severity]
            where = ""
            if rows:
                where = f"{_rows(rows)} {finding.indicator}: " if len(rows) == 1 else f"{_rows(rows)}: "
            self.add_option(
                Option(Text.assemble((mark, style), " ", shown(where + finding.detail), (f"  {finding.rule}", "dim")))
            )
        if self.entries:
            self.highlighted = min(highlighted or 0, len(self.entries) - 1)

    @property
    def reason(self) -> str:
        """The guidance behind the highlighted finding."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return ""
        finding = self.entries[self.highlighted][0]
        return f"{finding.rule}: {finding.reason}"

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        rows = self.entries[event.option_index][1]
        if rows:
            self.post_message(self.Jump(rows[0]))
