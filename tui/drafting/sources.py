"""Where a draft's rows come from: an indicator found by search (with what precedents chose), a spending type's
template, a similar project. Each dialog dismisses with kb.drafting.drafts.NewRow rows to add, or None."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static

from kb.drafting.drafts import BASES, NewRow, new_row, standard_row_levels
from kb.errors import KbError
from kb.find.level_guess import LevelGuess, guess_levels
from kb.find.outcomes import outcome_summary, preferred_target
from kb.find.precedents import (
    MATCH_WORDS,
    NameHit,
    family_key,
    normal_target,
    precedents,
    search_names,
    target_spread,
    target_summary,
)
from kb.drafting.suggest import (
    RATES,
    SPENDING_TYPES,
    Similar,
    Template,
    item_rows,
    library_entry,
    library_hits,
    measure_key,
    project_rows,
    similar_projects,
    template,
)
from kb.vocab.pinyin import has_han
from kb.vocab.families import spellings_note
from kb.vocab.text import shown
from tui.data import Database
from kb.vocab.levels import COST, EFFECT, FRAMEWORK, OUTPUT, SATISFACTION
from kb.drafting.lint import REQUIRED, VAGUE_WORDS
from tui.drafting.dialogs import PickDialog, dialog_buttons, show_error, suggestion_text
from tui.widgets.copy_table import Col, CopyTable
from tui.widgets.project_card import std_level
from tui.widgets.search_box import SearchBox
from tui.widgets.tick_list import HELD, TickList
from tui.widgets.typed_input import TypedInput

NAMES = 30
MIN_NEW_NAME = 4  # characters: a shorter Chinese text that names in the base hold is a fragment to find them by
TICKED_SHARE = 0.05  # a template's indicator is ticked at first when this share of its projects (two at least) use it


def standard(row: NewRow) -> int:
    """How common a standard a row's target is, for a template's tick among one project's rows: 4 a rate or a zero
    (`≥95%`, `安全事故 0起`: measurable, any project's), 3 a zero without its unit (`有责投诉率 =0`, which the checks
    ask a unit of), 2 a word (`合规`), 1 a vague word the checks warn on (`提升`), 0 a count or a sum of its own
    (`≥10亿元`)."""
    if row.value is None:
        return 1 if any(w in (row.text or "") for w in VAGUE_WORDS) else 2
    if row.unit in RATES or row.value == 0:
        return 4 if row.unit else 3
    return 0


def first_ticks(
    counts: list[int],
    levels: list[str],
    members: int,
    near: list[int] | None = None,
    near_members: int = 0,
    measures: list[str] | None = None,
    valued: list[bool] | None = None,
    general: list[int] | None = None,
) -> list[bool]:
    """Which rows of a template of `members` projects are ticked at first, by how many projects use each: those a
    share of them use (one project's own indicator is not, nor, among 151 projects, what two of them use) — or,
    when `near_members` (two at least) of them are the most like the draft, those two of these use (`near`, per row);
    in a first level none of those reaches, its row most used by those near, then by all: in 产出, 效益 and 满意度
    (a table lacking one fails the checks) whatever uses it: one two projects use first, then one with a target
    (`valued`, per row), of one project's rows by `general` (per row, `standard`: a rate or a zero any project can aim
    at, then a word, then a vague word, before its own count, `人才企业获得信用贷款 ≥10亿元`); in 成本
    (a warning) when two projects or one near use it; and of rows measuring one thing (`measures`:
    kb.drafting.suggest.measure_key, 项目总成本 and 总成本) the first only."""
    least = min(2, members)
    near = near if near and near_members >= 2 else [0] * len(counts)  # one project's own rows are no template
    valued = valued or [True] * len(counts)
    general = general or [1] * len(counts)
    if any(near):
        ticks = [n >= 2 for n in near]
    else:
        ticks = [count >= max(least, math.ceil(TICKED_SHARE * members)) for count in counts]
    for level in (OUTPUT, EFFECT, SATISFACTION, COST):
        mine = [
            n
            for n, first in enumerate(levels)
            if first == level and (level in REQUIRED or counts[n] >= least or near[n])
        ]
        if mine and not any(ticks[n] for n in mine):
            ticks[
                max(
                    mine,
                    key=lambda n: (
                        counts[n] >= least,
                        valued[n]
                        and (bool(general[n]) or counts[n] >= least),  # (a count several chose is no one's own)
                        general[n] if counts[n] < least else 0,
                        valued[n],
                        near[n],
                        counts[n],
                    ),
                )
            ] = True
    seen: set[str] = set()
    for n, measure in enumerate(measures or []):
        if ticks[n]:
            ticks[n] = measure not in seen
            seen.add(measure)
    return ticks


def short_level(level1: str | None, level2: str | None) -> str:
    """'产出·数量' for a row's standard levels."""
    return std_level({"std_level1": level1, "std_level2": level2}) if level1 else "—"


def row_label(row: NewRow, have: set[str], extra: str = "") -> Text:
    """A row to pick: levels, name, target; dimmed and marked when the draft holds it already."""
    target = normal_target(row.operator, row.value, row.unit, row.text) or ""
    held = family_key(row.name) in have
    text = Text.assemble(
        (f"{short_level(row.level1, row.level2):<8} ", "dim"), shown(f"{row.name}  {target}"), (extra, "dim")
    )
    if held:
        text.stylize("dim")
        text.append("  已在草稿 in the draft", style="italic")
    return text


def _uses(conn, names: list[str]) -> dict:
    uses = precedents(conn, names)
    spread, outcomes = target_spread(uses), outcome_summary(conn, names)
    entry = library_entry(conn, names[0])
    return {
        **target_summary(uses),
        "spread": spread,
        "ids": [u.indicator_id for u in uses],
        "outcomes": outcomes,
        "preferred": preferred_target(spread, outcomes) or (entry and _reference(entry)),
        "library": entry,
        "guess": guess_levels(conn, names[0]),
    }


def _reference(entry: dict) -> str:
    """A 指标库 entry's reference value as a target: '≥90' and '%' → '≥90%'."""
    target, unit = entry.get("target") or "", entry.get("unit") or ""
    return target + unit if target and unit and not target.endswith(unit) else target


def _found(conn, query: str) -> tuple[list[NameHit], list[dict]]:
    """Indicator names with their precedents, and the 指标库 entries the search finds beside them."""
    hits = search_names(conn, query, None, NAMES)
    return hits, library_hits(conn, query, [v for h in hits for v in h.variants])


def guess_text(guess: LevelGuess) -> Text:
    """The levels an indicator will be added under and why, or that the user will be asked."""
    if guess.sure:
        return Text(shown(f"层级 levels: {guess.level1}/{guess.level2} · 依据 {guess.reason}"), style="dim")
    return Text(shown(f"层级没有把握，添加时请选择 unsure, you choose on adding: {guess.reason}"), style="yellow")


def level_choices(guess: LevelGuess) -> list[tuple[str, tuple[str, str]]]:
    """The level picker's rows: the guess's candidates first (marked), then every other pair of the framework."""
    first = [(f"★ {l2}（{l1}）候选 candidate", (l1, l2)) for l1, l2 in guess.candidates]
    rest = [(f"  {l2}（{l1}）", (l1, l2)) for l1, l2s in FRAMEWORK.items() for l2 in l2s]
    return first + [r for r in rest if r[1] not in guess.candidates]


class AddIndicatorDialog(ModalScreen):
    """Find an indicator by name (Chinese, pinyin initials, near miss) and see what precedents chose; add it
    with a target and its basis. A name typed in Chinese that nobody used yet comes first and is what Enter adds
    (never the near match below it, unless the cursor is moved onto it); pinyin picks the first match."""

    BINDINGS = [
        Binding("escape", "cancel", "取消 Cancel", id="cancel"),
        Binding("ctrl+s", "add", "添加 Add", id="add"),
        Binding("down", "to_names", "名称 Names", show=False, id="to-names"),
    ]

    @dataclass
    class Found(Message):
        query: str
        hits: list[NameHit] = field(default_factory=list)
        library: list[dict] = field(default_factory=list)  # 指标库 entries of names without precedents
        error: str = ""

    @dataclass
    class Values(Message):
        names: tuple[str, ...]
        values: dict = field(default_factory=dict)
        error: str = ""

    @dataclass
    class Guessed(Message):
        name: str
        guess: LevelGuess | None = None
        error: str = ""

    def __init__(self, db: Database, have: set[str], query: str = "") -> None:
        super().__init__()
        self.db, self.have, self.initial = db, have, query
        self.hits: list[NameHit | dict | None] = []  # dict: a 指标库 entry; None: the query as a new name
        self.values: dict = {}
        self.values_for: tuple[str, ...] | None = None
        self.target_typed = False  # the user typed a target: suggestions no longer fill it in
        self.guess: tuple[str, LevelGuess] | None = None  # (name, its level guess) for the row chosen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall", id="add-dialog") as box:
            box.border_title = "添加指标 add an indicator"
            yield SearchBox(self.initial, placeholder="指标名称 · 拼音首字母 myd · 全拼 manyidu", id="add-query")
            yield CopyTable(
                Col("指标名称", 16, 1),
                Col("项目", 6),
                Col("层级", 10),
                Col("常见值", 8),
                Col("匹配", 4),
                id="add-names",
            )
            with VerticalScroll(id="add-values-box", can_focus=False):  # the wheel scrolls it, tab passes it by
                yield Static(id="add-values")
            with Horizontal(classes="dialog-row"):
                yield Label("指标值", classes="dialog-label")
                yield TypedInput(placeholder="如 e.g. ≥90%", id="add-target", compact=True)
                yield Label("依据", classes="dialog-label")
                yield Select([(b, b) for b in BASES], prompt="指标值依据 basis", compact=True, id="add-basis")
            yield Static(classes="dialog-error")
            yield Static(Text("↓ 选择 choose · ↵ 目标值 to the target · ↵ 添加 add (ctrl+s) · esc 取消", style="dim"))
            yield dialog_buttons("添加 Add")

    def on_mount(self) -> None:
        self.query_one("#add-query").focus()
        self._search_now()

    @property
    def query_text(self) -> str:
        return self.query_one("#add-query", Input).value

    @on(Input.Changed, "#add-query")
    def _search_now(self) -> None:
        self.query_one("#add-names").loading = True
        self._search(self.query_text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="add-names")
    def _search(self, query: str) -> None:
        try:
            self.post_message(self.Found(query, *self.db.call(_found, query, lane="names")))
        except KbError as exc:
            self.post_message(self.Found(query, error=str(exc)))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.query != self.query_text:
            return  # an older keystroke's answer
        table = self.query_one("#add-names", CopyTable)
        table.loading = False
        show_error(self, event.error)
        typed = event.query.strip()
        exact = any(h.match == "exact" for h in event.hits) or any(e["name"] == typed for e in event.library)
        spelled = not has_han(typed) and any(h.match == "pinyin" for h in event.hits)  # 'jjyl' names no indicator
        new = [None] if typed and not exact and not spelled else []
        found = list(event.hits) + list(event.library)
        # a name typed in Chinese and used nowhere is what Enter adds (first, under the cursor), even when longer
        # names hold it (老年人满意度: not 受补助社区老年人满意度), unless it is too short to name an indicator (满意: a
        # fragment to find names by, listed after them); pinyin finds
        holding = any(h.match == "substring" for h in event.hits) or any(typed in e["name"] for e in event.library)
        fragment = len(typed) < MIN_NEW_NAME and holding
        self.hits = new + found if has_han(typed) and not fragment else found + new
        rows = []
        for hit in self.hits:
            if isinstance(hit, dict):
                held = "  ✓已有" if hit["name_key"] in self.have else ""
                rows.append(
                    (
                        Text.assemble(shown(hit["name"] + held), ("  指标库 library", "italic")),
                        "",
                        short_level(*standard_row_levels(hit["level1"] or "", hit["level2"] or "", hit["name"])),
                        shown(_reference(hit)),
                        "",
                    )
                )
            elif hit is None:
                rows.append(
                    (
                        Text.assemble("＋ 新指标 new: ", (shown(typed), "bold"), (" （按输入添加 as typed）", "dim")),
                        "",
                        "",
                        "",
                        "新",
                    )
                )
            else:
                held = "  ✓已有" if family_key(hit.name) in self.have else ""
                more = f" (+{len(hit.others)} 种写法)" if hit.others else ""
                rows.append(
                    (
                        hit.name + more + held,
                        hit.projects,
                        short_level(hit.std_level1, hit.std_level2),
                        hit.common_target,
                        Text(MATCH_WORDS[hit.match], style="yellow" if hit.match == "fuzzy" else ""),
                    )
                )
        table.fill(rows)
        self._chosen_changed()

    @property
    def chosen(self) -> NameHit | dict | None:
        table = self.query_one("#add-names", CopyTable)
        if not self.hits or not 0 <= table.cursor_row < len(self.hits):
            return None
        return self.hits[table.cursor_row]

    @on(DataTable.RowHighlighted, "#add-names")
    def _chosen_changed(self) -> None:
        hit = self.chosen
        if hit is None:
            self.values_for, self.values = None, {}
            self.query_one("#add-values", Static).update(
                suggestion_text({}) if self.hits else Text("没有匹配 no indicator name matches", style="dim")
            )
            self._suggest_target("")
            if self.hits and self.query_text.strip():
                self._guess(self.query_text.strip())
            return
        names = (hit["name"],) if isinstance(hit, dict) else tuple(hit.variants)
        if names != self.values_for:
            self.values_for = names
            self._values(names)

    @work(thread=True, exclusive=True, exit_on_error=False, group="add-values")
    def _values(self, names: tuple[str, ...]) -> None:
        try:
            self.post_message(self.Values(names, self.db.call(_uses, list(names))))
        except KbError as exc:
            self.post_message(self.Values(names, error=str(exc)))

    @on(Values)
    def _show_values(self, event: Values) -> None:
        if event.names != self.values_for:
            return
        self.values = event.values
        box = self.query_one("#add-values", Static)
        if event.error:
            box.update(Text(event.error, style="red"))
        else:
            self.guess = (event.names[0], event.values["guess"])
            text = suggestion_text(event.values)
            if len(event.names) > 1:
                text.append(
                    f"\n同一指标的写法 spellings counted as one:{shown(spellings_note(*event.names[:1], event.names))}"
                )
            box.update(Text.assemble(text, "\n", guess_text(event.values["guess"])))
        self._suggest_target(event.values.get("preferred") or "")  # numeric or a word

    @work(thread=True, exclusive=True, exit_on_error=False, group="add-values")
    def _guess(self, name: str) -> None:
        try:
            self.post_message(self.Guessed(name, self.db.call(guess_levels, name, lane="names")))
        except KbError as exc:
            self.post_message(self.Guessed(name, error=str(exc)))

    @on(Guessed)
    def _guessed(self, event: Guessed) -> None:
        if self.chosen is not None or event.name != self.query_text.strip():
            return
        box = self.query_one("#add-values", Static)
        if event.error:
            box.update(Text(event.error, style="red"))
            return
        self.guess = (event.name, event.guess)
        box.update(Text.assemble(suggestion_text({}), "\n", guess_text(event.guess)))

    def _suggest_target(self, text: str) -> None:
        """Fill in the target precedents chose most, unless the user typed one."""
        if not self.target_typed:
            target = self.query_one("#add-target", Input)
            with target.prevent(Input.Changed):
                target.value = text or ""

    @on(Input.Changed, "#add-target")
    def _typed(self) -> None:
        self.target_typed = True

    @on(Input.Submitted, "#add-query")
    def _query_done(self) -> None:
        self.query_one("#add-target" if self.hits else "#add-names").focus()

    @on(SearchBox.Leave, "#add-query")
    def action_to_names(self) -> None:
        """↓: to the first name found (below the typed name, which Enter adds without it)."""
        table = self.query_one("#add-names", CopyTable)
        table.focus()
        if table.row_count:
            table.move_cursor(row=int(self.hits[0] is None and len(self.hits) > 1), animate=False)

    @on(DataTable.RowSelected, "#add-names")
    def _to_target(self) -> None:
        self.query_one("#add-target").focus()

    @on(Input.Submitted, "#add-target")
    @on(Button.Pressed, "#dialog-ok")
    def action_add(self) -> None:
        hit = self.chosen
        if hit is None and not (self.hits and self.query_text.strip()):
            show_error(self, "先选择一个指标 choose an indicator first")
            return
        if isinstance(hit, dict):  # a 指标库 entry: its own levels (kb.drafting.drafts links the row to it by name)
            levels = standard_row_levels(hit["level1"] or "", hit["level2"] or "", hit["name"])
            self._add_row(hit["name"], None, levels)
            return
        name = self.query_text.strip() if hit is None else hit.name
        guess = self.guess[1] if self.guess and self.guess[0] == name else None
        if guess is None and hit is None:
            show_error(self, "正在判断层级，请稍候再添加 judging the levels: add again in a moment")
            return
        if guess is not None and not guess.sure:
            self.app.push_screen(
                PickDialog(f"选择层级 choose the levels · {name}", level_choices(guess)),
                lambda levels: levels and self._add_row(name, hit, levels),
            )
            return
        self._add_row(name, hit, (guess.level1, guess.level2) if guess else (hit.std_level1, hit.std_level2))

    def _add_row(self, name: str, hit: NameHit | None, levels: tuple[str | None, str | None]) -> None:
        """Dismiss with the row: the name at these levels, the target and basis typed, its precedents as sources."""
        basis = self.query_one("#add-basis", Select)
        ids = self.values.get("ids", []) if hit is not None and self.values_for == tuple(hit.variants) else []
        try:
            row = new_row(
                name,
                level1=levels[0] or "",
                level2=levels[1] or "",
                target=self.query_one("#add-target", Input).value,
                basis=None if basis.is_blank() else str(basis.value),
                sources=ids,
            )
        except KbError as exc:
            show_error(self, str(exc))
            return
        self.dismiss([row])

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class _PickRows(ModalScreen):
    """Shared by the template and similar-project dialogs: a list of rows to tick, then apply."""

    BINDINGS = [
        Binding("escape", "cancel", "取消 Cancel", id="cancel"),
        Binding("ctrl+s", "apply", "应用 Apply", id="apply"),
        Binding("a", "toggle_all", "全选/全不选 All/none", id="toggle-all"),
        *(Binding(key, f"early('{key}')", show=False) for key in sorted(HELD - {"a"})),
    ]

    FIRST = "#pick-rows"  # focused first

    def __init__(self, db: Database, have: set[str]) -> None:
        super().__init__()
        self.db, self.have = db, have
        self.rows: list[NewRow] = []
        self.labels: list[Text] = []
        self.building = False  # the rows are being fetched: those listed are not (yet) the ones to apply
        self.apply_when_built = False  # ctrl+s was pressed meanwhile

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "early":
            return self.focused is None or self.query_one("#pick-rows", TickList).held is not None
        return True

    def action_early(self, key: str) -> None:
        """A key typed in the read that opened the dialog (checked by the bindings here, not handed to a widget) or
        while the list is built (its bindings off): the list's, held, or the first focused widget's."""
        first = self.query_one(self.FIRST)
        if isinstance(first, TickList):
            first.take(key)
        else:
            first.focus()
            self.app.post_message(events.Key(key, " " if key == "space" else None))  # (after the focus: one queue)

    def fill_rows(self, rows: list[NewRow], extras: list[str] | None = None, likely: list[bool] | None = None) -> None:
        """The rows to tick, those the draft lacks ticked (of them, only the `likely` ones when given); the cursor on
        the first, so the first space ticks it."""
        self.rows = rows
        self.labels = [row_label(r, self.have, extras[n] if extras else "") for n, r in enumerate(rows)]
        ticked = [family_key(r.name) not in self.have and (likely is None or likely[n]) for n, r in enumerate(rows)]
        picker = self.query_one("#pick-rows", SelectionList)
        picker.clear_options()
        picker.add_options(
            [(_ticked(label, ticked[n]), n, ticked[n]) for n, (r, label) in enumerate(zip(rows, self.labels))]
        )
        if rows:
            picker.highlighted = 0
        self.building = False
        if self.apply_when_built:
            self.apply_when_built = False
            self.action_apply()

    @on(SelectionList.SelectedChanged, "#pick-rows")
    def _marks(self, event: SelectionList.SelectedChanged) -> None:
        """Ticked or not written out in each row ('☑'/'☐'): a colour alone does not show on the cursor row."""
        picker = event.selection_list
        chosen = set(picker.selected)
        for n, label in enumerate(self.labels):
            picker.replace_option_prompt_at_index(n, _ticked(label, n in chosen))

    def action_toggle_all(self) -> None:
        picker = self.query_one("#pick-rows", TickList)
        if self.focused is None or picker.held is not None:
            picker.take("a")  # (typed as the dialog opened, or while its rows are coming: for them)
            return
        if len(picker.selected) == len(self.rows):
            picker.deselect_all()
        else:
            picker.select_all()

    @on(Button.Pressed, "#dialog-ok")
    def action_apply(self) -> None:
        picker = self.query_one("#pick-rows", TickList)
        if picker.held is not None:  # the template is being built: after the keys held, once its rows are in
            picker.take("ctrl+s")
            return
        if self.building:  # the rows listed are another project's: applied once its own come
            self.apply_when_built = True
            return
        picker.call_later(self._apply)  # after the list's own messages: a space read with ctrl+s ticks first

    def _apply(self) -> None:
        chosen = sorted(self.query_one("#pick-rows", TickList).selected)
        if not chosen:
            show_error(self, "没有选择指标 nothing chosen: space ticks a row, a ticks all")
            return
        self.dismiss([self.rows[n] for n in chosen])

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


HINT = (
    "space 勾选/取消 tick or untick (不移动 the cursor stays) · a 全选/全不选 all/none · ctrl+s 应用 apply · esc 取消"
)


def _ticked(label: Text, ticked: bool) -> Text:
    return Text.assemble(("☑ " if ticked else "☐ ", "bold" if ticked else "dim"), label)


class TemplateDialog(_PickRows):
    """A spending type's template: the indicators its projects use most, per level-2 slot."""

    AUTO_FOCUS = "#pick-rows"  # not the 支出类型 box above it: keys typed as it opens are the list's

    @dataclass
    class Loaded(Message):
        kind: str
        template: Template | None = None
        rows: list[NewRow] = field(default_factory=list)
        error: str = ""

    def __init__(self, db: Database, have: set[str], kind: str | None, name: str = "") -> None:
        super().__init__(db, have)
        self.kind = kind if kind in SPENDING_TYPES else next(iter(SPENDING_TYPES))
        self.draft_name = name  # its projects most like the draft come first (kb.drafting.suggest.template)
        self.asked = ""  # the type whose template was last asked for

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall", id="template-dialog") as box:
            box.border_title = "模板 template"
            with Horizontal(classes="dialog-row"):
                yield Label("支出类型", classes="dialog-label")
                yield Select(
                    [(t, t) for t in SPENDING_TYPES],
                    value=self.kind,
                    allow_blank=False,
                    compact=True,
                    id="template-kind",
                )
            yield Static(id="template-about", classes="one-line")
            yield TickList(id="pick-rows")
            yield Static(classes="dialog-error")
            yield Static(Text(HINT, style="dim"))
            yield dialog_buttons("应用 Apply")

    def on_mount(self) -> None:
        self._load_kind()

    @on(Select.Changed, "#template-kind")
    def _load_kind(self) -> None:
        kind = str(self.query_one("#template-kind", Select).value)
        if kind == self.asked:
            return  # the select's first Changed, after on_mount's load: seconds on a large base
        self.kind = self.asked = kind
        self.query_one("#template-about", Static).update(Text("正在汇总模板… building the template", style="dim"))
        self.query_one("#pick-rows", TickList).wait()
        self.building = True
        self._load(self.kind)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, kind: str) -> None:
        try:
            found = self.db.call(template, kind, name=self.draft_name)  # built once: seconds on a large base
            self.post_message(self.Loaded(kind, found, item_rows(found.items)))
        except KbError as exc:
            self.post_message(self.Loaded(kind, error=str(exc)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.kind != self.kind:
            return
        show_error(self, event.error)
        t = event.template
        about = self.query_one("#template-about", Static)
        if t is None:
            about.update("")
        elif not t.projects:
            about.update(Text(f"知识库中没有 no {event.kind} projects in the knowledge base yet", style="yellow"))
        else:
            shown_first = t.near or t.projects
            names = "、".join(n for _, n in shown_first[:3]) + (" …" if len(shown_first) > 3 else "")
            near = f"，与草稿相近的 {len(t.near)} 个在先 nearest first" if t.near else ""
            lacking = "、".join(level for level in REQUIRED if level not in {row.level1 for row in event.rows})
            warning = f"本模板没有{lacking}，应用后请按 a 检索添加 no {lacking} here: add one (a) · " if lacking else ""
            about.update(
                Text.assemble((warning, "yellow"), shown(f"来自 from {len(t.projects)} 个项目 projects{near}: {names}"))
            )
        items = t.items if t else []  # event.rows are these (item_rows)
        counts, near = [i.projects for i in items], [i.near for i in items]
        ticks = first_ticks(
            counts,
            [row.level1 for row in event.rows],
            len(t.projects) if t else 1,
            near,
            len(t.near) if t else 0,
            [measure_key(i.name, i.level1) for i in items],
            [row.value is not None or bool(row.text) for row in event.rows],
            [standard(row) for row in event.rows],
        )
        self.fill_rows(
            event.rows, [f"  {n} 个项目" + (f"（相近 {m}）" if m else "") for n, m in zip(counts, near)], ticks
        )
        picker = self.query_one("#pick-rows", TickList)
        if not self.query_one("#template-kind", Select).expanded:  # never from a type being chosen meanwhile
            picker.focus()
        picker.ready()


class SimilarDialog(_PickRows):
    """Projects like the draft (by its name and overview), with the terms they share; tick the indicators of
    the highlighted one to add."""

    @dataclass
    class Found(Message):
        similar: list[Similar] = field(default_factory=list)
        error: str = ""

    @dataclass
    class Rows(Message):
        project_id: int
        rows: list[NewRow] = field(default_factory=list)
        error: str = ""

    def __init__(self, db: Database, have: set[str], name: str, overview: str) -> None:
        super().__init__(db, have)
        self.draft_name, self.overview = name, overview
        self.similar: list[Similar] = []
        self.project_id: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall", id="similar-dialog") as box:
            box.border_title = Text(f"相似项目 similar projects · {self.draft_name}")
            yield CopyTable(
                Col("项目名称", 14, 2),
                Col("地区", 6, 1),
                Col("年度", 4),
                Col("相似", 4),
                Col("共同词 shared", 10, 2),
                id="similar-projects",
            )
            yield Static(id="similar-about", classes="one-line")
            yield TickList(id="pick-rows")
            yield Static(classes="dialog-error")
            yield Static(Text("↵ 到指标 to its indicators · " + HINT, style="dim"))
            yield dialog_buttons("应用 Apply")

    FIRST = "#similar-projects"

    def on_mount(self) -> None:
        self.query_one("#similar-projects").loading = True
        self.query_one("#similar-projects").focus()
        self._find()

    @work(thread=True, exclusive=True, exit_on_error=False, group="similar")
    def _find(self) -> None:
        try:
            self.post_message(self.Found(self.db.call(similar_projects, self.draft_name, self.overview)))
        except KbError as exc:
            self.post_message(self.Found(error=str(exc)))

    @on(Found)
    def _found(self, event: Found) -> None:
        table = self.query_one("#similar-projects", CopyTable)
        table.loading = False
        show_error(self, event.error)
        self.similar = event.similar
        table.fill(
            [(s.name, s.region or "", s.year or "", f"{s.score:.0f}", "、".join(s.shared)) for s in event.similar]
        )
        if not event.similar and not event.error:
            self.query_one("#similar-about", Static).update(Text("没有相似项目 no similar project", style="dim"))
        self._project_changed()

    @on(DataTable.RowHighlighted, "#similar-projects")
    def _project_changed(self) -> None:
        table = self.query_one("#similar-projects", CopyTable)
        if not self.similar or not 0 <= table.cursor_row < len(self.similar):
            return
        chosen = self.similar[table.cursor_row]
        if chosen.project_id != self.project_id:
            self.project_id = chosen.project_id
            self.building = True
            self.query_one("#pick-rows").loading = True
            self._rows(chosen.project_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="similar-rows")
    def _rows(self, project_id: int) -> None:
        try:
            self.post_message(self.Rows(project_id, self.db.call(project_rows, project_id)))
        except KbError as exc:
            self.post_message(self.Rows(project_id, error=str(exc)))

    @on(Rows)
    def _got_rows(self, event: Rows) -> None:
        if event.project_id != self.project_id:
            return
        self.query_one("#pick-rows").loading = False
        show_error(self, event.error)
        chosen = next(s for s in self.similar if s.project_id == event.project_id)
        self.query_one("#similar-about", Static).update(
            Text.assemble(
                (shown(chosen.name), "bold"),
                f" · {len(event.rows)}个指标（框架内），数量是该项目自己的，照抄的由检查指出 · {len(event.rows)} "
                "indicators in the framework; its counts are that project's: the checks name those kept",
            )
        )
        self.fill_rows(event.rows)

    @on(DataTable.RowSelected, "#similar-projects")
    def _to_rows(self) -> None:
        self.query_one("#pick-rows").focus()
