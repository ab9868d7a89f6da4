"""A draft's head as a compact form — its own name and type, then the national form's head (项目名称, 项目属性,
主管部门 and its code, 实施单位, 实施期, the funding breakdown, 实施期目标, 年度目标): every field is sent for saving a
moment after the typing stops, when the field is left, or (a choice) when chosen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from time import monotonic

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Select

from kb.drafting.drafts import ATTRIBUTES, Draft
from kb.drafting.suggest import SPENDING_TYPES
from kb.vocab.numbers import number
from kb.vocab.text import shown
from tui.widgets.typed_input import TypedInput

DEBOUNCE = 0.4  # seconds without a keystroke before a field is saved
MOST_UNSAVED = 3.0  # seconds of typing without such a pause after which the field is saved all the same
LABELS = {
    "name": "草稿名",
    "spending_type": "类型",
    "project_name": "项目名称",
    "attribute": "项目属性",
    "department": "主管部门",
    "department_code": "代码",
    "implementing_unit": "实施单位",
    "year": "年度",
    "period": "实施期",
    "region": "地区",
    "total_wan": "实施期资金（万元）",  # (the unit stays in sight once a sum is typed: not 元)
    "amount_wan": "年度资金（万元）",
    "fiscal_wan": "财政拨款（万元）",  # (once on its line: three such labels left 8 characters a box at 80 columns)
    "carryover_wan": "上年结转",
    "other_wan": "其他资金",
    "period_goal": "实施期目标",
    "goal": "年度目标",
    "overview": "概况",
}
PLACEHOLDERS = {
    "name": "草稿的名称 the draft's own name",
    "project_name": "申报的项目名称 the project's name on the form",
    "department": "主管部门 supervising department",
    "department_code": "如 318001",
    "implementing_unit": "实施单位 implementing unit",
    "year": "如 2025",
    "period": "如 2025-01 至 2027-12",
    "region": "如 宁波市奉化区",
    "total_wan": "如 120.5",
    "amount_wan": "如 120.5",
    "fiscal_wan": "如 120.5",
    "carryover_wan": "如 120.5",
    "other_wan": "如 120.5",
    "period_goal": "实施期（中期）绩效目标 the whole period's goal",
    "goal": "年度绩效目标 this year's goal",
    "overview": "项目概况 what the project does",
}
CHOICES = {"spending_type": (SPENDING_TYPES, "支出类型 spending type"), "attribute": (ATTRIBUTES, "新增/延续")}
LAYOUT = (
    ("name", "spending_type"),
    ("project_name", "attribute"),
    ("department", "department_code", "implementing_unit"),
    ("year", "period", "region"),
    ("total_wan", "amount_wan"),
    ("fiscal_wan", "carryover_wan", "other_wan"),  # 年度资金's sources: five boxes in one line cut 1234.5 to 1234.
    ("period_goal",),
    ("goal",),
    ("overview",),
)


def field_text(draft: Draft | None, name: str) -> str:
    """A head field as the form shows it: '' for none, numbers as kb.vocab.numbers writes them, control characters
    shown escaped (a box left as shown is not saved)."""
    value = getattr(draft, name) if draft is not None else None
    return number(value) if value is None or isinstance(value, (int, float)) else shown(str(value), lines=True)


class HeadForm(Vertical):
    # before any key is forwarded (as the tab keys are the screen's): keys read together with Tab, which Textual
    # hands on to the box focused as it reads each, went on into the field Tab left
    BINDINGS = [
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    @dataclass
    class Edited(Message):
        """Save `value` (as typed; '' clears) into head field `field`."""

        field: str
        value: str

    class Typing(Message):
        """A field began to wait for its save (the typing has not paused yet)."""

    @dataclass
    class Refused(Message):
        """`field` was changed elsewhere while `typed` was being typed into it: theirs is shown, `typed` is not
        saved."""

        field: str
        typed: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft: Draft | None = None
        self._waiting: dict[str, Timer] = {}
        self._typing_since: dict[str, float] = {}  # when a field's typing not yet sent began
        self._sent: dict[str, str] = {}  # the text last sent for saving (or shown), per field
        self._in_flight: dict[str, int] = {}  # sent and not yet answered, per field
        self._theirs: set[str] = set()  # changed elsewhere while being typed into: not to be saved

    def compose(self) -> ComposeResult:
        for n, fields in enumerate(LAYOUT):
            with Horizontal(classes="head-row" + (" -first" if n == 0 else "")):
                for name in fields:
                    yield Label(LABELS[name], classes="head-label")
                    if name in CHOICES:
                        choices, prompt = CHOICES[name]
                        yield Select(
                            [(t, t) for t in choices],
                            prompt=prompt,
                            compact=True,
                            id=f"head-{name}",
                            classes="head-choice",
                        )
                    else:
                        yield TypedInput(
                            placeholder=PLACEHOLDERS[name],
                            compact=True,
                            id=f"head-{name}",
                            classes="head-input",
                            select_on_focus=name != "name",  # (tabbed into, the next key renamed the draft)
                        )

    def _input(self, name: str) -> Input | Select:
        return self.query_one(f"#head-{name}")

    @staticmethod
    def _field(widget) -> str:
        return widget.id.removeprefix("head-")

    @property
    def typing(self) -> bool:
        """Some field waits to be saved."""
        return bool(self._waiting)

    def show(self, draft: Draft, elsewhere: Iterable[str] = ()) -> None:
        """Show `draft`. Fields the user is editing keep their text. A field in `elsewhere` (changed by another
        writer) shows the new value at once, or, while it is being typed into, when the typing pauses: then
        the typed text is not saved (Refused)."""
        self.draft = draft
        for name in LABELS:
            widget, text = self._input(name), field_text(draft, name)
            if name in elsewhere and name in self._waiting:
                self._theirs.add(name)
                continue
            if name not in elsewhere and (widget.has_focus or name in self._waiting or self._in_flight.get(name)):
                continue
            self._put(name, text)

    def _put(self, name: str, text: str) -> None:
        widget = self._input(name)
        self._sent[name] = text
        if name in CHOICES:
            value = text if text in CHOICES[name][0] else Select.NULL
            if widget.value != value:
                widget.value = value
        elif widget.value != text:
            widget.value = text

    def reset(self) -> None:
        """Forget what was typed for the previous draft (its saves were sent before it was left)."""
        for timer in self._waiting.values():
            timer.stop()
        self._waiting.clear()
        self._sent.clear()
        self._in_flight.clear()
        self._theirs.clear()
        self.draft = None
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    def answered(self, name: str) -> None:
        """A save of `name` finished (saved or not)."""
        self._in_flight[name] = max(0, self._in_flight.get(name, 0) - 1)

    def mark(self, name: str, invalid: bool) -> None:
        self._input(name).set_class(invalid, "-invalid")

    def flush(self) -> None:
        """Send every field that waits (before an export, or when leaving the draft)."""
        for name in list(self._waiting):
            self._send(name)

    def take_waiting(self) -> list[tuple[str, str]]:
        """The fields that wait, or were typed into and their change is still on its way here, as (field, value),
        handed over now instead of sent (the app is quitting, or an undo comes first)."""
        return [self._take(name) for name in LABELS if name not in self._theirs and self._unsaved(name)]

    def _unsaved(self, name: str) -> bool:
        """Waiting, or typed into with its change not here yet (keys read together with Ctrl+Q)."""
        if name in self._waiting:
            return True
        if name in CHOICES or self.draft is None:
            return False
        return self._input(name).value != self._sent.get(name, field_text(self.draft, name))

    def _take(self, name: str) -> tuple[str, str]:
        self._typing_since.pop(name, None)
        timer = self._waiting.pop(name, None)
        if timer:
            timer.stop()
        widget = self._input(name)
        value = "" if widget.value is Select.NULL else str(widget.value)
        self._sent[name] = value
        self._in_flight[name] = self._in_flight.get(name, 0) + 1
        return name, value

    def _send(self, name: str) -> None:
        if name in self._theirs:  # changed elsewhere meanwhile: show theirs, do not save over it
            self._theirs.discard(name)
            self._typing_since.pop(name, None)
            timer = self._waiting.pop(name, None)
            if timer:
                timer.stop()
            typed = str(self._input(name).value)
            self._put(name, field_text(self.draft, name))
            self.post_message(self.Refused(name, typed))
            return
        self.post_message(self.Edited(*self._take(name)))

    def on_descendant_focus(self) -> None:
        self.add_class("-editing")  # a folded head (short terminal) opens while the cursor is in it

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(lambda: self.set_class(self.has_focus_within, "-editing"))

    @on(Input.Changed, ".head-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        name = self._field(event.input)
        waited = bool(self._waiting)
        timer = self._waiting.pop(name, None)
        if timer:
            timer.stop()
        if self.draft is not None and event.value != self._sent.get(name, field_text(self.draft, name)):
            if not waited:
                self.post_message(self.Typing())  # no longer all saved: said at once, not after the pause
            if monotonic() - self._typing_since.setdefault(name, monotonic()) >= MOST_UNSAVED:
                self._send(name)  # typing on without a pause (a long 年度目标): a kill loses a few seconds at most
            else:
                self._waiting[name] = self.set_timer(DEBOUNCE, partial(self._send, name))
        else:
            self._typing_since.pop(name, None)

    @on(Input.Submitted, ".head-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Input.Blurred, ".head-input")
    def _left(self, event: Input.Blurred) -> None:
        name = self._field(event.input)
        if name in self._waiting:
            self._send(name)
        elif self.draft is not None and not self._in_flight.get(name):
            text = field_text(self.draft, name)  # as saved: '1,200' shows as 1200; a refused value goes back
            self._sent[name] = text
            event.input.value = text
            self.mark(name, False)

    @on(Select.Changed, ".head-choice")
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        name = self._field(event.select)
        value = "" if event.value is Select.NULL else str(event.value)
        if self.draft is not None and value != self._sent.get(name, field_text(self.draft, name)):
            self._send(name)
