"""Small dialogs of the draft screen: a name, a yes/no, a pick from a list, a row's fields, an export.

A dialog that needs the database runs its call in a thread worker and stays open with the error on one line
until the call succeeds (a taken name, a folder that does not exist)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, OptionList, Select, Static

from kb.drafting import unsaved
from kb.drafting.drafts import BASES, ROW_FIELD_LABELS, ROW_TEXT_FIELDS, Row, open_draft, target_fields, to_number
from kb.drafting.unsaved import Unsaved, row_fields
from kb.errors import KbError
from kb.find.outcomes import outcome_line
from kb.find.precedents import common_line
from kb.drafting.export import FORMATS, FileExists, export, safe_filename
from kb.drafting.lint import before_handing_in, lint_draft
from kb.vocab.levels import FRAMEWORK, LEVEL1, OUTPUT
from kb.vocab.numbers import number
from kb.vocab.text import shown
from kb.drafting.suggest import value_suggestion
from kb.vocab.targets import QUALITATIVE
from tui.data import Busy, Database
from tui.widgets.typed_input import TypedInput

FORMAT_LABELS = {
    "xlsx": "xlsx 申报表 Excel",
    "docx": "docx 申报表 Word",
    "yth": "yth 一体化导入表 Excel",
    "md": "md Markdown",
    "csv": "csv 表格",
    "json": "json 数据",
}
SAVE_WAIT = 10.0  # seconds an export waits for the draft's queued saves
KEEP_AFTER = 0.3  # seconds after a keystroke in a row's dialog that what is typed is kept (kb.drafting.unsaved)


def show_error(dialog: ModalScreen, message: str) -> None:
    dialog.query_one(".dialog-error", Static).update(Text(shown(message, lines=True), style="bold red"))


@dataclass
class _Done(Message):
    result: Any = None
    error: str = ""


def dialog_buttons(ok: str, variant: str = "primary") -> Horizontal:
    return Horizontal(
        Button(ok, variant=variant, compact=True, id="dialog-ok"),
        Button("取消 Cancel", compact=True, id="dialog-cancel"),
        classes="dialog-buttons",
    )


class _HoldingInput(TypedInput):
    """Keys typed after Enter in the same read (`name⏎t`, typed fast or batched by a slow link) are not the name's:
    held from the Enter until the dialog answers (`held`; None while typing)."""

    held: list[events.Key] | None = None

    async def action_submit(self) -> None:
        self.held = []
        await super().action_submit()

    async def _on_key(self, event: events.Key) -> None:
        if self.held is not None:
            self.held.append(event)
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class NameDialog(ModalScreen):
    """Asks for a draft name (or, given its `label` and `placeholder`, another line such as a file's path);
    `act(text)` (run in a thread) gives the result the dialog closes with, or a KbError said in it (the keys typed
    after Enter then dropped). The keys typed after an Enter that was taken are in `held`, for what opens next."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel", id="cancel")]

    def __init__(
        self,
        title: str,
        act: Callable[[str], Any],
        value: str = "",
        label: str = "草稿名称 draft name (通常即项目名称 usually the project's name):",
        placeholder: str = "如 科技型企业研发补贴",
    ) -> None:
        super().__init__()
        self.title_text, self.act, self.value = title, act, value
        self.label, self.placeholder = label, placeholder
        self.held: list[events.Key] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Text(self.title_text)
            yield Label(self.label)
            yield _HoldingInput(self.value, placeholder=self.placeholder, id="name-input")
            yield Static(classes="dialog-error")
            yield dialog_buttons("确定 OK")

    @on(Input.Submitted)
    @on(Button.Pressed, "#dialog-ok")
    def submit(self) -> None:
        self._run(self.query_one(Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _run(self, name: str) -> None:
        try:
            self.post_message(_Done(self.act(name)))
        except KbError as exc:
            self.post_message(_Done(error=str(exc)))

    @on(_Done)
    def _done(self, event: _Done) -> None:
        box = self.query_one(_HoldingInput)
        if event.error:
            box.held = None
            show_error(self, event.error)
        else:
            self.held = box.held or []
            self.dismiss(event.result)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "cancel", "否 No", id="cancel"),
        Binding("y", "ok", "是 Yes", id="ok"),
    ]

    def __init__(self, title: str, message: str, ok: str = "删除 Delete (y)") -> None:
        super().__init__()
        self.title_text, self.message, self.ok = title, message, ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Text(self.title_text)
            yield Static(Text(shown(self.message, lines=True)))
            yield dialog_buttons(self.ok, "error")

    def on_mount(self) -> None:
        self.query_one("#dialog-cancel").focus()

    @on(Button.Pressed, "#dialog-ok")
    def action_ok(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class PickDialog(ModalScreen):
    """One choice from a short list; dismisses with it, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消 Cancel", id="cancel")]

    def __init__(self, title: str, choices: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield OptionList(*(label for label, _ in self.choices), id="pick-list")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])


def level2_choices(level1: str) -> tuple[str, ...]:
    """The framework's level-2 names under a level 1 (the 2015 framework also had 成本指标 under 产出)."""
    return FRAMEWORK.get(level1, ()) + (("成本指标",) if level1 == OUTPUT else ())


def target_preview(text: str, name: str) -> Text:
    """How a typed target is read: operator, number and unit, or a qualitative word."""
    if not text.strip():
        return Text("（无目标值 no target）", style="dim")
    t = target_fields(text, name)
    if t["text"] is not None or t["operator"] == QUALITATIVE:
        return Text(shown(f"定性 qualitative: {t['text'] or text.strip()}"), style="dim")
    return Text(
        shown(f"运算符 {t['operator'] or '?'} · 数值 {number(t['value']) or '?'} · 单位 {t['unit'] or '—'}"),
        style="dim",
    )


def library_text(entry: dict | None) -> Text:
    """An indicator's 指标库 entry: its explanation, formula, scoring and data source, a line each."""
    from kb.drafting.library import TEXTS

    if not entry:
        return Text()
    text = Text(f"\n指标库 library #{entry['id']}", style="bold")
    if entry.get("target"):
        text.append(f" · 参考值 reference {shown(entry['target'])}{shown(entry.get('unit') or '')}")
    for field, label in TEXTS.items():
        if entry.get(field):
            text.append(f"\n{label}：{shown(entry[field])}", style="dim")
    return text


def suggestion_text(values: dict) -> Text:
    """What precedents chose for an indicator (kb.drafting.suggest.value_suggestion or the same keys), and its
    指标库 entry."""
    if not values.get("count") and not values.get("spread"):
        return Text("没有先例 no precedent in the knowledge base", style="dim") + library_text(values.get("library"))
    spread = values.get("spread") or []
    text = Text(f"先例 {sum(n for _, n in spread)} 条 precedents", style="bold")
    if values.get("count"):
        unit = values["unit"] or ""
        text.append(
            f" · {shown(common_line(values))} · 中位数 median "
            f"{number(values['median'])}{unit} · 范围 range {number(values['min'])}–{number(values['max'])}{unit}"
        )
    if spread:
        text.append("\n目标值 targets: " + shown(" · ".join(f"{label} ×{n}" for label, n in spread[:8])), style="dim")
    outcomes = values.get("outcomes")
    if outcomes:
        text.append("\n" + shown(outcome_line(outcomes, targets=3)))
    return text + library_text(values.get("library"))


class RowDialog(ModalScreen):
    """A goal-table row's fields; dismisses with the changed ones (kb.drafting.drafts.update_row keywords), or None.

    What is typed is kept in the base a moment after each keystroke (kb.drafting.unsaved), so a process killed with
    the dialog open loses none of it: `restored` (what a process no longer running left) shows it again over the row
    as it is now. Whoever closes the dialog drops what it kept (its save, or Cancel: the row stays as it was)."""

    BINDINGS = [
        Binding("escape", "cancel", "取消 Cancel", id="cancel"),
        Binding("ctrl+s", "save", "保存 Save", id="save"),
    ]

    @dataclass
    class Values(Message):
        name: str
        values: dict

    def __init__(self, db: Database, row: Row, number: int, draft_id: int, restored: Unsaved | None = None) -> None:
        super().__init__()
        self.db, self.row, self.number, self.draft_id, self.restored = db, row, number, draft_id, restored
        self.base = row_fields(row)  # the row as it is: what Cancel leaves, what a save is compared with
        self.start = restored.over(self.base) if restored else self.base  # what the boxes show first
        self.closed = False  # saved or cancelled: nothing more is kept (read under the database's lock)
        self._keeping: Timer | None = None
        self._typed_seq = 0  # what was typed, counted; the last kept
        self._kept_seq = -1
        self._kept = False  # something is kept in the base for this dialog

    def compose(self) -> ComposeResult:
        row, start = self.row, self.start
        level1s = list(LEVEL1) + [v for v in {row.level1, start["level1"]} if v and v not in LEVEL1]
        with Vertical(classes="dialog", id="row-dialog") as box:
            box.border_title = f"第 {self.number} 行 row {self.number}"
            if self.restored:
                yield Static(self._restored_text(), id="row-restored")
            with Horizontal(classes="dialog-row"):
                yield Label("三级指标", classes="dialog-label")
                yield TypedInput(shown(start["name"]), id="row-name", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Label("一级指标", classes="dialog-label")
                yield Select(
                    [(v, v) for v in level1s],
                    value=start["level1"] or Select.NULL,
                    prompt="一级",
                    compact=True,
                    id="row-level1",
                )
                yield Label("二级指标", classes="dialog-label")
                yield Select(
                    self._level2_options(start["level1"], start["level2"]),
                    value=start["level2"] or Select.NULL,
                    prompt="二级",
                    compact=True,
                    id="row-level2",
                )
            with Horizontal(classes="dialog-row"):
                yield Label("指标值", classes="dialog-label")
                yield TypedInput(shown(start["target"]), placeholder="≥90%  >=2家  合规", id="row-target", compact=True)
                yield Static(target_preview(start["target"], start["name"]), id="row-parsed")
            with Horizontal(classes="dialog-row"):
                yield Label("依据", classes="dialog-label")
                yield Select(
                    [(b, b) for b in BASES],
                    value=start["basis"] if start["basis"] in BASES else Select.NULL,
                    prompt="指标值依据 basis",
                    compact=True,
                    id="row-basis",
                )
                yield Label("分值", classes="dialog-label")
                yield TypedInput(start["weight"], placeholder="weight", id="row-weight", compact=True)
            for key, label in ROW_TEXT_FIELDS.items():
                with Horizontal(classes="dialog-row -text"):
                    yield Label(f"{label:　<7}", classes="dialog-label")
                    yield TypedInput(shown(start[key]), id=f"row-{key}", compact=True)
            yield Static(Text("查找先例 looking up precedents…", style="dim"), id="row-values")
            yield Static(classes="dialog-error")
            yield Static(Text("↵ / ctrl+s 保存 save · esc 取消 cancel", style="dim"))
            yield dialog_buttons("保存 Save")

    def _restored_text(self) -> Text:
        """What the line above the fields says of typing offered back: when, and the fields changed elsewhere too."""
        from tui.drafting.pane import local_time  # (the pane imports this module)

        restored = self.restored
        text = Text(
            f"恢复了 {local_time(restored.at)} 未保存的输入 restored what was typed and not saved: "
            "ctrl+s 保存 save · esc 放弃，此行保持原样 discard, the row stays as it is",
            style="bold yellow",
        )
        for key in restored.clashes(self.base):
            label = ROW_FIELD_LABELS.get(key, key)
            text.append(
                "\n"
                + shown(
                    f"{label} 已在别处改为 was changed elsewhere to “{self.base[key]}”："
                    f"此处是你的 “{restored.typed[key]}” yours is shown, saving puts it over theirs"
                ),
                style="yellow",
            )
        return text

    @staticmethod
    def _level2_options(level1: str, level2: str) -> list[tuple[str, str]]:
        names = list(level2_choices(level1))
        if level2 and level2 not in names:
            names.append(level2)
        return [(v, v) for v in names]

    def on_mount(self) -> None:
        self.query_one("#row-target").focus()
        self._values(self.start["name"])
        if self.restored:  # kept as this process's own at once: the one it came from is gone with it
            self._keep()

    def _typed(self, box: str, written: str) -> str:
        """The text of a box (stripped); `written` (the row's own) when the box still shows it as it was shown
        (control characters escaped), so that showing it never changes it."""
        text = self.query_one(box, Input).value.strip()
        return written if text == shown(written) else text

    def fields(self) -> dict[str, str]:
        """Every field as the dialog holds it now (kb.drafting.unsaved.row_fields' keys and form)."""
        value = lambda s: "" if s.value is Select.NULL else str(s.value)  # noqa: E731
        base = self.base
        return {
            "name": self._typed("#row-name", base["name"]),
            "level1": value(self.query_one("#row-level1", Select)),
            "level2": value(self.query_one("#row-level2", Select)),
            "target": self._typed("#row-target", base["target"]),
            "basis": value(self.query_one("#row-basis", Select)),
            "weight": self.query_one("#row-weight", Input).value.strip(),
            **{k: self._typed(f"#row-{k}", base[k]) for k in ROW_TEXT_FIELDS},
        }

    # --- keeping what is typed ----------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _typing(self) -> None:
        """Keep what is typed a moment after the keystroke (one write for a run of keys)."""
        if self._keeping is None and not self.closed and self.is_mounted:
            self._keeping = self.set_timer(KEEP_AFTER, self._keep)

    def _keep(self) -> None:
        self._keeping = None
        if not self.closed and self.row.key:
            self._typed_seq += 1
            self._write_kept(self._typed_seq, self.fields())

    @work(thread=True, exit_on_error=False, group="row-keep")
    def _write_kept(self, seq: int, fields: dict) -> None:
        try:
            self.db.call(self.write_kept, seq, fields)
        except Busy:  # an import holds the base: tried again (the user may type no more before a kill)
            self.app.call_from_thread(self._typing)
        except KbError:
            pass  # the base is gone: the save says so

    def write_kept(self, conn, seq: int, fields: dict) -> None:
        """Keep `fields` unless the dialog has closed or newer ones were kept (runs under the database's lock, so a
        save or Cancel, which closes the dialog first, is never followed by an older keep)."""
        if self.closed or seq <= self._kept_seq:
            return
        self._kept_seq = seq
        if fields == self.base and not self.restored:
            if self._kept:
                unsaved.drop(conn, self.draft_id, self.row.key)
                self._kept = False
            return
        unsaved.keep(conn, self.draft_id, self.row.key, self.base, fields, self.restored and self.restored.owner)
        self._kept = True

    async def keep_now(self) -> None:
        """Keep what is typed at once (the app is quitting with the dialog open: it is offered back next time)."""
        if self._keeping is not None:
            self._keeping.stop()
            self._keeping = None
        if not self.closed and self.row.key:
            self._typed_seq += 1
            try:
                await asyncio.to_thread(self.db.call, self.write_kept, self._typed_seq, self.fields())
            except KbError:
                pass

    def _close(self, result: dict | None) -> None:
        if self._keeping is not None:
            self._keeping.stop()
            self._keeping = None
        self.closed = True
        self.dismiss(result)

    # --- the row's precedents and fields ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="row-values")
    def _values(self, name: str) -> None:
        try:
            self.post_message(self.Values(name, self.db.call(value_suggestion, name, lane="names")))  # its index
        except KbError as exc:
            self.post_message(self.Values(name, {"error": str(exc)}))

    @on(Values)
    def _show_values(self, event: Values) -> None:
        if event.name != self._typed("#row-name", self.row.name):
            return
        box = self.query_one("#row-values", Static)
        box.update(
            Text(shown(event.values["error"]), style="red")
            if "error" in event.values
            else suggestion_text(event.values)
        )

    @on(Input.Changed, "#row-target")
    @on(Input.Changed, "#row-name")
    def _retarget(self) -> None:
        self.query_one("#row-parsed", Static).update(
            target_preview(self._typed("#row-target", self.row.target), self._typed("#row-name", self.row.name))
        )

    @on(Input.Blurred, "#row-name")
    def _renamed(self) -> None:
        self._values(self._typed("#row-name", self.row.name))

    @on(Select.Changed, "#row-level1")
    def _level1(self, event: Select.Changed) -> None:
        level1 = "" if event.value is Select.NULL else str(event.value)
        level2 = self.query_one("#row-level2", Select)
        current = level2.value
        options = self._level2_options(level1, "")
        level2.set_options(options)
        if any(v == current for _, v in options):
            level2.value = current

    def changes(self) -> dict:
        """The fields that differ from the row; KbError for a weight that is not a number."""
        row, out, now = self.row, {}, self.fields()
        if not now["name"]:
            raise KbError("指标需要名称 an indicator needs a name")
        if now["name"] != row.name:
            out["name"] = now["name"]
        if (now["level1"], now["level2"]) != (row.level1, row.level2):
            out.update(level1=now["level1"], level2=now["level2"])
        if now["target"] != row.target:
            out["target"] = now["target"]
        if now["basis"] != (row.basis or ""):
            out["basis"] = now["basis"]
        weight = to_number(now["weight"], "分值 the weight")
        if weight != row.weight:
            out["weight"] = weight
        for key in ROW_TEXT_FIELDS:
            if now[key] != (getattr(row, key) or ""):
                out[key] = now[key]
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#dialog-ok")
    def action_save(self) -> None:
        try:
            changes = self.changes()
        except KbError as exc:
            show_error(self, str(exc))
            return
        self._close(changes)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self._close(None)


SHOWN_DETAILS = 8  # rows an export refused for names in its dialog (the 一体化 sheet's limits), then how many more


class ExportDialog(ModalScreen):
    """Asks for a format and a folder (or a file), waits for the draft's queued saves, exports; dismisses with
    the path written, or None. A file that is there already is overwritten, and a folder that is not there made,
    only when Export is pressed again."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel", id="cancel")]

    def __init__(
        self,
        db: Database,
        draft_id: int,
        name: str,
        folder: Path,
        fmt: str = "xlsx",
        saved: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self.db, self.draft_id, self.draft_name = db, draft_id, name
        self.folder, self.fmt, self.saved = folder, fmt, saved
        self.checks: str | None = None  # what the draft still fails, said once it is written
        self.overwrite: Path | None = None  # the file there already that a second press of Export overwrites
        self.create: Path | None = None  # the folder not there that a second press of Export makes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog") as box:
            box.border_title = Text(f"导出 export · {self.draft_name}")
            with Horizontal(classes="dialog-row"):
                yield Label("格式 format", classes="dialog-label")
                yield Select(
                    [(FORMAT_LABELS[f], f) for f in FORMATS],
                    value=self.fmt,
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
            yield Label("文件夹或文件 folder or file:")
            yield TypedInput(str(self.folder), id="export-path")
            yield Static(id="export-target", classes="one-line")
            yield Static(classes="dialog-error")
            yield dialog_buttons("导出 Export")

    def on_mount(self) -> None:
        self.query_one("#export-path").focus()
        self._preview()

    def _target(self) -> tuple[Path, str | None, Path]:
        """The folder or file typed (one typed relative is the launch folder's, written out whole: it is remembered
        for the next session, wherever launched), the format (None: a file's extension says it) and the file written."""
        text = self.query_one("#export-path", Input).value.strip()
        path = Path(text).expanduser().absolute() if text else self.folder
        fmt = str(self.query_one("#export-format", Select).value)
        named = bool(path.suffix) and not path.is_dir()  # a file's name (the 一体化 sheet's too)
        written = path if named else path / safe_filename(self.draft_name, fmt)
        return path, None if named and fmt != "yth" else fmt, written

    @on(Input.Changed, "#export-path")
    @on(Select.Changed, "#export-format")
    def _preview(self) -> None:
        self._follow_extension()
        *_, target = self._target()
        there = "（已存在 exists）" if target.is_file() else ""
        if not target.parent.exists():
            there = "（新文件夹 new folder）"
        self.query_one("#export-target", Static).update(Text(shown(f"→ {target}{there}"), style="dim"))

    def _follow_extension(self) -> None:
        """The 格式 select says what a file name typed ends with ('.docx': Word), as the export will write it; an
        .xlsx name keeps 一体化 (its sheet is an .xlsx too)."""
        path, *_ = self._target()
        chosen = self.query_one("#export-format", Select)
        typed = path.suffix.lower().lstrip(".").replace("markdown", "md") if not path.is_dir() else ""
        if typed in FORMATS and typed != chosen.value and not (typed == "xlsx" and chosen.value == "yth"):
            chosen.value = typed

    @on(Input.Submitted)
    @on(Button.Pressed, "#dialog-ok")
    def submit(self) -> None:
        path, fmt, written = self._target()
        folder = written.parent
        if folder.exists() and not folder.is_dir():
            show_error(self, f"{folder}: 不是文件夹 not a folder")
            return
        if not folder.exists():
            if folder != self.create:  # asked first: a typo makes no folder
                self.create = folder
                again = "再按 导出 建立它 no such folder: press Export again to create it"
                show_error(self, f"{folder}: 没有这个文件夹：{again}")
                return
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                show_error(self, f"{folder}: 无法建立文件夹 cannot create the folder ({exc.strerror or exc})")
                return
        show_error(self, "")
        self.query_one("#dialog-ok", Button).disabled = True
        self._export(path, fmt)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _export(self, path: Path, fmt: str | None) -> None:
        try:
            if self.saved is not None and not self.saved.wait(SAVE_WAIT):
                raise KbError("保存未完成 the draft's changes are still being saved: try again in a moment")
            draft = self.db.call(open_draft, self.draft_id)
            try:
                written = export(draft, path, fmt, how="再按 导出 覆盖它，或换一个文件名")
            except FileExists as exc:
                if exc.path != self.overwrite:
                    self.overwrite = exc.path
                    raise
                written = export(draft, path, fmt, overwrite=True)
            self.checks = before_handing_in(self.db.call(lint_draft, self.draft_id), draft.name, "见表格下方的检查")
            self.post_message(_Done(written))
        except KbError as exc:
            shown_rows = exc.details[:SHOWN_DETAILS]
            more = len(exc.details) - len(shown_rows)
            tail = [f"… 另有 {more} 处 {more} more"] if more else []
            self.post_message(_Done(error="\n".join([str(exc), *shown_rows, *tail])))
        except Exception as exc:  # a writer library's failure is one line here, not a crash
            self.post_message(_Done(error=f"导出失败 export failed: {type(exc).__name__}: {exc}"))

    @on(_Done)
    def _done(self, event: _Done) -> None:
        self.query_one("#dialog-ok", Button).disabled = False
        if event.error:
            show_error(self, event.error)
        else:
            self.dismiss(event.result)  # (its opener says where it went and self.checks, in one notice)

    @on(Button.Pressed, "#dialog-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
