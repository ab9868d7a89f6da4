"""One draft open for editing: its head, its goal table as a 申报表 (levels written where their group starts)
and the check results, which follow every change. Every change is saved at once by the draft's Writer."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import DataTable, Static

from kb.drafting.drafts import (
    BASES,
    ROW_FIELD_LABELS,
    Draft,
    NewRow,
    Row,
    add_row,
    apply_rows,
    open_draft,
    own_targets,
    remove_rows,
    set_field,
    update_row,
    update_rows,
)
from kb.drafting import copies, unsaved
from kb.drafting.unsaved import Unsaved, row_fields
from kb.drafting.history import Undone, undo
from kb.errors import KbError
from kb.drafting.lint import Finding, draft_findings
from kb.find.precedents import family_key
from kb.vocab.numbers import number
from kb.vocab.text import shown
from kb.vocab.targets import QUALITATIVE
from tui.data import Busy, Database
from tui.drafting.writer import Edit, Outcome, Writer, row_content
from tui.messages import FindIndicator
from tui.drafting.dialogs import SAVE_WAIT, ConfirmDialog, PickDialog, RowDialog
from tui.drafting.sources import AddIndicatorDialog, SimilarDialog, TemplateDialog
from tui.widgets.copy_table import Col, CopyTable
from tui.drafting.checks import MARKS, DraftChecks, summary
from tui.drafting.head import CHOICES, LABELS, HeadForm, field_text

SHORT_HEIGHT = 24  # editor rows under which the head folds to its first line until the cursor is in it
BUSY_RETRY = 2.0  # seconds before queued changes are tried again while an import holds the database
FORGET_TRIES = 30  # times a cancelled row dialog's kept typing is tried to be dropped while the base is busy
SHORT_LEVELS_BELOW = 110  # table width under which level names drop their 指标 suffix
ROW_ACTIONS = {"edit_row", "mark", "remove", "basis", "precedents", "own"}
LETTER_ACTIONS = {
    "add",
    "template",
    "similar",
    "export",
    "since_copied",
    "head",
}  # one-letter keys: not while a head field has focus


def _open(conn, draft_id: int) -> tuple[Draft, list[Finding]]:
    draft = open_draft(conn, draft_id)
    return draft, draft_findings(conn, draft)


def changed_fields(before: Draft, after: Draft) -> list[str]:
    """Head fields that differ."""
    return [name for name in LABELS if field_text(before, name) != field_text(after, name)]


def changed_parts(before: Draft, after: Draft) -> list[str]:
    """What another writer changed, in words: ['部门', '地区', '指标 indicators']."""
    parts = [LABELS[name] for name in changed_fields(before, after)]
    if row_content(before, [r.id for r in before.rows]) != row_content(after, [r.id for r in after.rows]):
        parts.append("指标 indicators")
    return parts


def reloaded_line(parts: list[str]) -> str:
    return f"草稿在别处被修改 changed elsewhere ({'、'.join(parts) or '—'}): 已重新载入 reloaded."


def has_weights(draft: Draft) -> bool:
    """Whether a row has a 分值 (the table shows the column then)."""
    return any(r.weight is not None for r in draft.rows)


def goal_cells(draft: Draft, marked: set[int], findings: list[Finding], short: bool) -> list[tuple]:
    """Table rows: number (marked ●, coloured by its worst finding), levels where their group starts, name,
    operator, value, unit, basis, and 分值 when a row has one."""
    worst: dict[int, str] = {}
    for f in findings:
        if f.row is not None and f.severity != "info" and worst.get(f.row) != "error":
            worst[f.row] = f.severity
    trim = (lambda s: s.removesuffix("指标") or s) if short else (lambda s: s)  # noqa: E731
    cells, last = [], (None, None)
    weighted = has_weights(draft)
    for n, r in enumerate(draft.rows, 1):
        level1 = trim(r.level1) if r.level1 != last[0] else ""
        level2 = trim(r.level2) if (r.level1, r.level2) != last else ""
        last = (r.level1, r.level2)
        seq = Text(("●" if r.id in marked else "") + str(n), style=MARKS[worst[n]][1] if n in worst else "")
        qualitative = (
            r.operator == QUALITATIVE or r.value is None and r.text is not None
        )  # ('≥' and '家' of a row to fill shown)
        cells.append(
            (
                seq,
                level1,
                level2,
                r.name,
                "" if qualitative else r.operator or "",
                (r.text or "") if qualitative else number(r.value),
                r.unit or "",
                r.basis or "",
                *([number(r.weight)] if weighted else []),
            )
        )
    return cells


@dataclass
class Reloaded:
    """A notice shown of changes made elsewhere, and the parts it names."""

    notice: Notification
    parts: list[str]


class GoalTable(CopyTable):
    """The draft's rows as a 申报表: levels where their group starts; level names drop 指标 when narrow."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft: Draft | None = None
        self.marked: set[int] = set()
        self.findings: list[Finding] = []

    def show(self, draft: Draft, marked: set[int], findings: list[Finding], cursor: int = 0) -> None:
        self.draft, self.marked, self.findings = draft, marked, findings
        self.fill([], cursor)

    def _build(self, width: int, cursor: int) -> None:
        """The rows made from the draft for this width, on a fill and on a resize (a table filled before it was
        laid out gets its level names' 指标 back when it is wide enough)."""
        short = width < SHORT_LEVELS_BELOW
        cells = goal_cells(self.draft, self.marked, self.findings, short) if self.draft else []
        labels = (
            "#",
            "一级" if short else "一级指标",
            "二级" if short else "二级指标",
            "三级指标",
            "符",
            "指标值",
            "单位",
            "依据",
            *(["分值"] if self.draft and has_weights(self.draft) else []),
        )
        caps = (4, 10, 14 if short else 18, 12, 2, 10, 8, 6 if short else 12, 5)  # 单位: 元/人/年 on one line

        def col_width(i: int) -> int:  # as wide as the label and the widest cell, up to the cap (then it wraps)
            return min(caps[i], max([cell_len(str(r[i])) for r in cells] + [cell_len(labels[i])]))

        self.spec = [Col(label, 12 if i == 3 else col_width(i), 1 if i == 3 else 0) for i, label in enumerate(labels)]
        self._rows = cells
        super()._build(width, cursor)


class DraftEditor(Vertical):
    BINDINGS = [
        Binding("a", "add", "添加", tooltip="检索添加指标 add an indicator from search", id="draft-add"),
        Binding("t", "template", "模板", tooltip="套用模板 apply a template", id="draft-template"),
        Binding("s", "similar", "相似", tooltip="相似项目的指标 similar projects' indicators", id="draft-similar"),
        Binding("space", "mark", "标记↓", tooltip="标记该行并下移 mark the row and move down", id="draft-mark"),
        Binding(
            "delete,backspace",
            "remove",
            "删除",
            tooltip="删除标记的行（先确认） remove (asks first)",
            id="draft-remove",
        ),
        Binding("b", "basis", "依据", tooltip="设定指标值依据 set the basis", id="draft-basis"),
        Binding("x", "export", "导出", tooltip="导出申报表 export", id="draft-export"),
        Binding(
            "k",
            "own",
            "定值",
            show=False,
            tooltip="指标值定为本项目的（不再提示照抄） keep the figure as this project's own",
            id="draft-own",
        ),
        Binding("h", "head", "表头", show=False, tooltip="填写表头（第一个空格） fill in the head", id="draft-head"),
        Binding("e", "edit_row", "编辑", show=False, tooltip="编辑这一行 edit the row", id="draft-edit-row"),
        Binding("p", "precedents", "先例", show=False, tooltip="查先例 precedents", id="draft-precedents"),
        Binding(
            "slash", "add", "检索", show=False, tooltip="检索添加指标 search for an indicator to add", id="draft-search"
        ),
        Binding(
            "y", "since_copied", "与上年比", show=False, tooltip="与上年比较 since last year", id="draft-since-copied"
        ),
        Binding("ctrl+z", "undo", "撤销", show=False, tooltip="撤销上一次更改 undo", id="draft-undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "重做", show=False, tooltip="重做 redo", id="draft-redo"),
    ]

    @dataclass
    class Loaded(Message):
        draft_id: int
        draft: Draft | None = None
        findings: list[Finding] = field(default_factory=list)
        error: str = ""
        unsaved: list[Unsaved] = field(default_factory=list)  # typed into a row's dialog, not saved

    @dataclass
    class Saved(Message):
        writer: Writer
        outcome: Outcome

    @dataclass
    class Drained(Message):
        writer: Writer
        busy: bool

    @dataclass
    class Closed(Message):
        """The draft cannot be edited here any more (deleted elsewhere): back to the list."""

        message: str

    @dataclass
    class Compared(Message):
        draft_id: int
        compared: copies.Compared | None = None
        error: str = ""

    @dataclass
    class ExportRequested(Message):
        draft: Draft
        writer: Writer

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.draft: Draft | None = None
        self.findings: list[Finding] = []
        self.writer: Writer | None = None
        self.wanted: int | None = None
        self.early: list[events.Key] = []  # typed before the draft opened (after its name's Enter)
        self.marked: set[int] = set()
        self.error = ""
        self.busy = False
        self.redo: list[int] = []  # versions undone from, latest last; any other change empties it
        self.reloaded: Reloaded | None = None  # the notice of changes made elsewhere last shown
        self.row_dialog: RowDialog | None = None  # open on this draft's row
        self.offers: list[Unsaved] = []  # typing left in rows' dialogs, to offer back

    def compose(self) -> ComposeResult:
        yield Static(id="draft-title")
        yield HeadForm(id="draft-head")
        yield GoalTable(id="draft-rows")
        yield Static(id="checks-title")
        yield DraftChecks(id="draft-checks")

    @property
    def table(self) -> GoalTable:
        return self.query_one(GoalTable)

    @property
    def head(self) -> HeadForm:
        return self.query_one(HeadForm)

    # --- opening and showing ------------------------------------------------------------------------------------

    def open(self, draft_id: int, keys: list[events.Key] | None = None) -> None:
        """Load a draft, the cursor in its goal table; `keys` typed meanwhile go to the table once it is in."""
        self.head.flush()
        self.wanted, self.early = draft_id, keys or []
        self.loading = True
        writer = self.writer
        self._load(draft_id, writer.idle if writer is not None and writer.draft_id == draft_id else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-open")
    def _load(self, draft_id: int, saved: threading.Event | None) -> None:
        """Read the draft (after this window's own changes to it, when it was open a moment ago)."""
        try:
            if saved is not None:
                saved.wait(SAVE_WAIT)
            draft, findings = self.db.call(_open, draft_id)
            self.post_message(self.Loaded(draft_id, draft, findings, unsaved=self.db.call(unsaved.left, draft_id)))
        except KbError as exc:
            self.post_message(self.Loaded(draft_id, error=str(exc)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.draft_id != self.wanted:
            return
        self.loading = False
        if event.draft is None:
            self.post_message(self.Closed(event.error))
            return
        self.writer = Writer(self.db, event.draft)
        self.draft, self.marked, self.error, self.busy, self.redo, self.reloaded = None, set(), "", False, [], None
        self.head.reset()
        self._show(event.draft, event.findings)
        self.table.focus()
        if self.table.has_focus:
            self._typed_early()
        self.offers = event.unsaved
        self._offer()

    @on(events.DescendantFocus)
    def _typed_early(self) -> None:
        """The keys typed before the draft opened (after its name's Enter), to the goal table once it has the focus
        (it takes it after the dialog's screen has given the focus back)."""
        if not self.table.has_focus or self.draft is None:
            return
        for key in self.early:
            typed = events.Key(key.key, key.character)
            typed.set_sender(self.app)  # as typed: made here, it would stop bubbling at this editor, short of the app
            self.app.post_message(typed)
        self.early = []

    def reload(self) -> None:
        """Another connection committed: show the draft as it is now (unsaved typing is kept)."""
        if self.writer is not None and self.is_attached:
            self._put(Edit("", None))

    def _show(self, draft: Draft, findings: list[Finding], elsewhere: Iterable[str] = ()) -> None:
        old = self.draft
        self.draft, self.findings = draft, findings
        self.marked &= {r.id for r in draft.rows}
        self.head.show(draft, elsewhere)
        table = self.table
        cursor = table.cursor_row
        if old is not None and old.rows and 0 <= cursor < len(old.rows):
            ids = [r.id for r in draft.rows]
            new = [i for i in ids if i not in {r.id for r in old.rows}]
            keep = new[0] if new else old.rows[cursor].id
            cursor = ids.index(keep) if keep in ids else min(cursor, len(ids) - 1)
        elif old is not None and draft.rows and len(draft.rows) > len(old.rows):
            cursor = 0
        self._fill(cursor)
        self.query_one(DraftChecks).show(findings)
        self.query_one("#checks-title", Static).update(summary(findings))
        self._status()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def _fill(self, cursor: int = 0) -> None:
        self.table.show(self.draft, self.marked, self.findings, cursor)

    def _status(self) -> None:
        draft = self.draft
        if draft is None:
            return
        pending = bool(self.writer and self.writer.pending) or self.head.typing
        if self.busy:
            state = ("等待导入完成 waiting for an import to finish; your changes are kept", "bold yellow")
        elif pending:
            state = ("保存中 saving…", "yellow")
        else:
            state = ("✓ 已保存 saved", "green")
        text = Text.assemble(
            (shown(draft.name), "bold"), f" · {len(draft.rows)} 个指标 · 第 {draft.version} 版 ", state
        )
        if draft.source:
            text.append(f" · 复制自 {shown(draft.source['label'])}（y 与上年比较 compare）", style="dim")
        if not draft.rows:
            text.append(
                "\n按 t 套用模板 · s 相似项目 · a 检索添加指标 · h 填写表头（Esc 回到表格）  t template, s similar "
                "projects, a add an indicator, h the head",
                style="italic",
            )
        if self.error:
            text.append(f"\n{shown(self.error)}", style="bold red")
        self.query_one("#draft-title", Static).update(text)

    # --- saving -------------------------------------------------------------------------------------------------

    def _put(self, edit: Edit) -> None:
        if self.writer is None:
            return
        if edit.write is not None and edit.done is None:
            self.redo.clear()  # a new change: what was undone cannot be redone on top of it
        self.writer.put(edit)
        self._drain()
        self._status()

    def _drain(self) -> None:
        writer = self.writer
        if writer is not None and not writer.running and writer.pending:
            writer.running = True
            self._write(writer)

    @work(thread=True, exit_on_error=False, group="draft-write")
    def _write(self, writer: Writer) -> None:
        ok = False
        try:
            ok = writer.run_pending(lambda outcome: self.post_message(self.Saved(writer, outcome)))
        finally:
            self.post_message(self.Drained(writer, busy=not ok))

    @on(Drained)
    def _drained(self, event: Drained) -> None:
        event.writer.running = False
        if event.writer is not self.writer:
            return
        if event.busy:
            self.set_timer(BUSY_RETRY, self._drain)
        else:
            self._drain()
        self._status()

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        o = event.outcome
        if event.writer is not self.writer:
            return
        if o.edit.field and not o.busy:
            self.head.answered(o.edit.field)
        self.busy = o.busy
        if o.busy:
            self._status()
            return
        if o.gone:
            self.post_message(self.Closed(o.error))
            return
        if o.edit.field:
            self.head.mark(o.edit.field, bool(o.error))
        if o.error:
            self.error = f"{o.edit.label}: {o.error}" if o.edit.label else o.error
            if not o.edit.field:
                self.notify(shown(self.error), title="未保存 not saved", severity="error", markup=False)
        elif o.edit.label:
            self.error = ""
        if o.draft is not None:
            self._show(o.draft, o.findings, changed_fields(o.before, o.reloaded) if o.before and o.reloaded else ())
        self._status()
        self._tell(o)
        if o.edit.done is not None and not o.error and not o.conflict:
            o.edit.done(o)
        if o.applied is not None:
            skipped = (
                f"；已有 {len(o.applied.skipped)} 个未重复添加 skipped, already in the draft: "
                f"{'、'.join(o.applied.skipped)}"
                if o.applied.skipped
                else ""
            )
            fill = f"\n{shown(o.applied.to_fill_note())}" if o.applied.to_fill else ""
            added = shown(f"添加了 added {len(o.applied.added)} 个指标{skipped}")
            self.notify(added + fill, title="草稿 draft", markup=False)

    def _tell(self, o: Outcome) -> None:
        """The notice when the draft had been changed elsewhere."""
        if o.before is None and not o.conflict:
            return
        if o.edit.write is None:  # a reload, no change of ours on top
            self._tell_reloaded(changed_parts(o.before, o.reloaded))
            return
        lines = []
        if o.before is not None:
            lines.append(reloaded_line(changed_parts(o.before, o.reloaded)))
        if o.conflict:
            mine = f" “{o.edit.detail}”" if o.edit.detail else ""
            lines.append(
                f"你对 {o.edit.label} 的修改{mine}未保存 your change was NOT saved: it was changed there "
                "too, and theirs is kept."
            )
            if o.edit.detail:
                self.app.copy_to_clipboard(o.edit.detail)
                lines.append("(你的内容已复制 yours is on the clipboard)")
        elif o.edit.write is not None:
            lines.append(f"你对 {o.edit.label} 的修改已保存 your change was saved on top.")
        self.notify(
            shown("\n".join(lines), lines=True),
            title="草稿 draft",
            severity="warning" if o.conflict else "information",
            timeout=12,
            markup=False,
        )

    def _tell_reloaded(self, parts: list[str]) -> None:
        """One notice for changes made elsewhere: a new one takes the place of the one still shown, naming the parts
        of both (five `kb draft set` stacked five notices over the table)."""
        if self.reloaded is not None and not self.reloaded.notice.has_expired:
            self.app._unnotify(self.reloaded.notice, refresh=False)  # Textual has no public way to take one down
            parts = list(dict.fromkeys([*self.reloaded.parts, *parts]))
        notice = Notification(shown(reloaded_line(parts)), title="草稿 draft", timeout=12)
        self.app.post_message(Notify(notice))
        self.reloaded = Reloaded(notice, parts)

    @on(HeadForm.Typing)
    def _typing(self) -> None:
        self._status()

    @on(HeadForm.Refused)
    def _refused(self, event: HeadForm.Refused) -> None:
        theirs = field_text(self.draft, event.field)
        self.app.copy_to_clipboard(event.typed)
        self.notify(
            shown(
                f"{LABELS[event.field]} 已在别处改为 was changed elsewhere to “{theirs}” while you typed: "
                f"你的 “{event.typed}” 未保存 yours was NOT saved (已复制 it is on the clipboard)."
            ),
            title="草稿 draft",
            severity="warning",
            timeout=12,
            markup=False,
        )

    @on(HeadForm.Edited)
    def _edited(self, event: HeadForm.Edited) -> None:
        self._put(self._field_edit(event.field, event.value))

    @staticmethod
    def _field_edit(name: str, value: str) -> Edit:
        return Edit(
            LABELS[name],
            lambda conn, key, version: set_field(conn, key, name, value, version),
            touches=lambda d: getattr(d, name),
            field=name,
            detail=value,
        )

    # --- rows ---------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.draft is None:
            return False
        if action in ROW_ACTIONS:
            return self.table.has_focus and bool(self.draft.rows)
        if action in LETTER_ACTIONS and self.head.has_focus_within:
            return None  # shown, dimmed: the key is the field's (a choice box would pass it on)
        return True

    @on(DataTable.RowSelected, "#draft-rows")
    def action_edit_row(self) -> None:
        rows = self._chosen(single=True)
        if rows:
            self._edit_row(rows[0])

    def _edit_row(self, row: Row, restored: Unsaved | None = None) -> None:
        """The row's dialog (with what a process no longer running typed into it, `restored`); its save is one
        change, and drops what the dialog kept of the typing (kb.drafting.unsaved) in the same write."""
        number = self.draft.rows.index(row) + 1
        draft_id = self.draft.id
        owners = (unsaved.OWNER, *([restored.owner] if restored else []))  # (closed before it took that one over)

        def save(changes: dict | None) -> None:
            self.row_dialog = None
            if changes:

                def write(conn, key, version):
                    draft = update_row(conn, key, row.id, version, **changes)
                    unsaved.drop(conn, draft_id, row.key, *owners)  # (killed just before: the row holds it already)
                    return draft

                self._put(
                    Edit(
                        f"第 {number} 行 {row.name}",
                        write,
                        touches=lambda d: row_content(d, [row.id]),
                        detail=" ".join(f"{k}={v}" for k, v in changes.items()),
                    )
                )
            else:  # cancelled, or nothing changed: the row stays as it was
                self._forget(draft_id, row.key, *owners)
            self._offer()

        self.row_dialog = RowDialog(self.db, row, number, draft_id, restored)
        self.app.push_screen(self.row_dialog, save)

    @work(thread=True, exit_on_error=False, group="draft-forget")
    def _forget(self, draft_id: int, row_key: str, *owners: str) -> None:
        """Drop what `owners` kept of their typing in the row's dialog (tried again while an import holds the base)."""
        for _ in range(FORGET_TRIES):
            try:
                self.db.call(unsaved.drop, draft_id, row_key, *owners)
                return
            except Busy:
                time.sleep(BUSY_RETRY)
            except KbError:
                return

    def _offer(self) -> None:
        """Offer back, one dialog after another, what was typed into a row's dialog and not saved (the app was
        killed, or quit, with it open); what the row holds already is dropped, and what was typed into a row
        removed since is said, and put on the clipboard."""
        while self.offers and self.draft is not None and self.row_dialog is None:
            left = self.offers.pop(0)
            if left.draft_id != self.draft.id:
                continue
            row = next((r for r in self.draft.rows if r.key == left.row_key), None)
            if row is None:
                typed = "；".join(f"{ROW_FIELD_LABELS.get(k, k)}：{v}" for k, v in left.edits.items())
                if typed:
                    self.app.copy_to_clipboard(typed)
                    self.notify(
                        shown(
                            f"未保存的输入所属的行已在别处删除 the row typed into (not saved) was removed elsewhere: "
                            f"{typed}（已复制 it is on the clipboard）"
                        ),
                        title="草稿 draft",
                        severity="warning",
                        timeout=12,
                        markup=False,
                    )
                self._forget(left.draft_id, left.row_key, left.owner)
                continue
            if not left.new_to(row_fields(row)):
                self._forget(left.draft_id, left.row_key, left.owner)
                continue
            self.table.move_cursor(row=self.draft.rows.index(row), animate=False)
            self._edit_row(row, left)

    def _chosen(self, single: bool = False) -> list:
        """The marked rows, else the row under the cursor."""
        if self.draft is None or not self.draft.rows:
            return []
        cursor = self.draft.rows[min(self.table.cursor_row, len(self.draft.rows) - 1)]
        if single or not self.marked:
            return [cursor]
        return [r for r in self.draft.rows if r.id in self.marked]

    def action_mark(self) -> None:
        rows = self._chosen(single=True)
        if rows:
            self.marked ^= {rows[0].id}
            self._fill(min(self.table.cursor_row + 1, len(self.draft.rows) - 1))

    def action_remove(self) -> None:
        rows = self._chosen()
        if not rows:
            return
        ids = [r.id for r in rows]
        names = "、".join(r.name for r in rows[:5]) + (" …" if len(rows) > 5 else "")

        def remove(yes: bool | None) -> None:
            if yes:
                self.marked -= set(ids)
                self._put(
                    Edit(
                        f"删除 {len(ids)} 行",
                        lambda conn, key, version: remove_rows(conn, key, ids, version),
                        touches=lambda d: row_content(d, ids),
                        detail=names,
                    )
                )

        self.app.push_screen(
            ConfirmDialog("删除指标 remove rows", f"从草稿中删除 remove {len(ids)} 个指标: {names}?"), remove
        )

    def action_basis(self) -> None:
        rows = self._chosen()
        if not rows:
            return
        ids = [r.id for r in rows]

        def chosen(basis: str | None) -> None:
            if basis is not None:
                self._put(
                    Edit(
                        f"{len(ids)} 行的依据 basis",
                        lambda conn, key, version: update_rows(conn, key, ids, version, basis=basis),
                        touches=lambda d: row_content(d, ids),
                        detail=basis,
                    )
                )

        self.app.push_screen(
            PickDialog(f"指标值依据 basis · {len(ids)} 行", [(b, b) for b in BASES] + [("（清除 clear）", "")]), chosen
        )

    def action_own(self) -> None:
        """The chosen rows' figures taken as this project's own (`precedent-target` silent for them), or, when they
        all are already, given back."""
        rows = [r for r in self._chosen() if r.target]
        if not rows:
            return
        ids, own = [r.id for r in rows], not all(r.owned for r in rows)
        names = "、".join(f"{r.name} {r.target}" for r in rows[:3]) + (" …" if len(rows) > 3 else "")
        said = "定为本项目的值 kept as this project's own" if own else "取消“本项目的值” no longer kept as own"
        self._put(
            Edit(
                f"{len(ids)} 行{said}",
                lambda conn, key, version: own_targets(conn, key, ids, own, version),
                touches=lambda d: row_content(d, ids),
                detail=names,
                done=lambda outcome: self.notify(shown(names), title=said, markup=False),
            )
        )

    def action_precedents(self) -> None:
        rows = self._chosen(single=True)
        if rows:
            self.post_message(FindIndicator(rows[0].name))

    @on(DraftChecks.Jump)
    def _jump(self, event: DraftChecks.Jump) -> None:
        self.table.focus()
        self.table.move_cursor(row=event.row - 1, animate=False)

    # --- adding -------------------------------------------------------------------------------------------------

    @property
    def _have(self) -> set[str]:
        return {family_key(r.name) for r in self.draft.rows} if self.draft else set()

    def _add(self, rows: list[NewRow] | None, single: bool = False) -> None:
        if not rows:
            return
        names = "、".join(r.name for r in rows[:3]) + (" …" if len(rows) > 3 else "")
        if single:
            self._put(Edit(f"添加 {rows[0].name}", lambda conn, key, version: add_row(conn, key, rows[0], version)))
        else:
            self._put(
                Edit(
                    f"添加 {len(rows)} 个指标 ({names})",
                    lambda conn, key, version: apply_rows(conn, key, rows, version),
                )
            )

    def action_add(self) -> None:
        self.app.push_screen(AddIndicatorDialog(self.db, self._have), lambda rows: self._add(rows, single=True))

    def action_template(self) -> None:
        self.app.push_screen(TemplateDialog(self.db, self._have, self.draft.spending_type, self.draft.name), self._add)

    def action_similar(self) -> None:
        self.head.flush()
        self.app.push_screen(SimilarDialog(self.db, self._have, self.draft.name, self.draft.overview or ""), self._add)

    def action_export(self) -> None:
        self.head.flush()
        if self.draft.source:  # what changed from last year, before it goes out
            self._compare(self.draft.id, self.writer.idle)
        self.post_message(self.ExportRequested(self.draft, self.writer))

    def action_since_copied(self) -> None:
        """与上年比较: what this copy changed from last year's table (as kb draft diff lists it)."""
        self.head.flush()
        self._compare(self.draft.id, self.writer.idle)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-compare")
    def _compare(self, draft_id: int, saved: threading.Event) -> None:
        try:
            saved.wait(SAVE_WAIT)
            self.post_message(self.Compared(draft_id, self.db.call(copies.since_copied, draft_id)))
        except KbError as exc:
            self.post_message(self.Compared(draft_id, error=str(exc)))

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        if event.error or event.compared is None:
            said = (
                event.error
                or "此草稿不是从上年复制的 this draft is no copy of last year's table (N on the list makes one)"
            )
            self.notify(shown(said), title="与上年比较 compare", markup=False)
            return
        lines = event.compared.changes or ["未作修改 unchanged: 与上年完全相同 the same as last year's table"]
        more = f"\n… 另有 {len(lines) - 10} 项 and {len(lines) - 10} more (kb draft diff)" if len(lines) > 10 else ""
        self.notify(
            shown("\n".join(lines[:10]) + more, lines=True),
            title=shown(f"与上年相比 since last year（{event.compared.source}）"),
            timeout=12,
            markup=False,
        )

    # --- undo ---------------------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Back one change, from the kept versions (kb.drafting.history.undo): itself a version, so ctrl+y redoes."""
        self._go_back(None, "已撤销 undone")

    def action_redo(self) -> None:
        if self.redo:
            self._go_back(self.redo[-1], "已重做 redone")
        else:
            self.notify("没有可重做的撤销 nothing to redo", title="草稿 draft", markup=False)

    def _go_back(self, to: int | None, said: str) -> None:
        for name, value in self.head.take_waiting():  # what was being typed is saved first: the last change
            self._put(self._field_edit(name, value))
        undone: list[Undone] = []
        start: list[int] = []

        def write(conn, key, version):
            start.append(version)
            undone.append(undo(conn, key, to, version))
            return undone[-1].draft

        def done(outcome: Outcome) -> None:
            if to is None:
                self.redo.append(start[-1])
            elif self.redo:
                self.redo.pop()
            lines = undone[-1].undone if to is None else undone[-1].changes
            more = f"\n… 另有 {len(lines) - 6} 项 and {len(lines) - 6} more" if len(lines) > 6 else ""
            self.notify(
                shown("\n".join(lines[:6]) + more, lines=True),
                title=f"{said}（回到第 {undone[-1].restored} 版 back to version {undone[-1].restored}）",
                markup=False,
            )

        self._put(Edit("撤销 undo" if to is None else "重做 redo", write, touches=lambda d: d.version, done=done))

    def action_head(self) -> None:
        """To the head's first empty field, else its first: a new draft's 项目名称 is its name already (typed a moment
        ago, shown in the head's first lines), so 主管部门, where the work is; shift+tab twice goes back to the name."""
        empty = next((n for n in LABELS if n not in CHOICES and not field_text(self.draft, n)), "name")
        self.query_one(f"#head-{empty}").focus()

    def focus_table(self) -> None:
        self.table.focus()

    def back(self) -> bool:
        """Esc inside the editor: to the goal table; False when already there (leave the draft)."""
        if self.table.has_focus:
            return False
        self.table.focus()
        return True

    async def save_all(self) -> None:
        """Before the app quits: save the waiting head fields and wait for the writer (at most SAVE_WAIT)."""
        for name, value in self.head.take_waiting():
            self._put(self._field_edit(name, value))
        if self.row_dialog is not None:  # what it holds is kept, and offered back next time
            await self.row_dialog.keep_now()
        if self.writer is not None:
            self._drain()
            await asyncio.to_thread(self.writer.idle.wait, SAVE_WAIT)

    def close(self) -> None:
        """Leaving the draft: send what waits to be saved (the writer finishes in the background)."""
        self.head.flush()
        self.wanted = None
