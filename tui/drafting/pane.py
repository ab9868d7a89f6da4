"""Drafts (起草): the list of drafts — new, open, rename, duplicate, delete, export — and the editor of one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, DataTable, Static

from kb.drafting import copies, drafts, unsaved
from kb.errors import KbError
from kb.drafting.export import renamed
from kb.drafting.suggest import guess_type
from kb.vocab.text import shown
from tui.data import Database
from tui import remembered
from tui.drafting.dialogs import ConfirmDialog, ExportDialog, NameDialog
from tui.drafting.editor import DraftEditor
from tui.widgets.copy_table import Col, CopyTable

LIST_ACTIONS = {"rename", "duplicate", "delete", "export", "next_year"}


def local_time(stamp: str | None) -> str:
    """'2025-03-01 14:05' in the local time zone, from a stored UTC ISO time."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return stamp or ""


def _create(conn, name: str) -> drafts.Draft:
    """A new draft, its spending type guessed from its name (as `kb draft new` does)."""
    return drafts.create(conn, name, spending_type=guess_type(conn, name) or "")


class DraftsPane(Vertical):
    BINDINGS = [
        Binding("n", "new", "新建", tooltip="新建草稿 new draft", id="draft-new"),
        Binding("r", "rename", "改名", tooltip="改名 rename", id="draft-rename"),
        Binding("d", "duplicate", "复制", tooltip="复制草稿 duplicate the draft", id="draft-duplicate"),
        Binding(
            "delete,backspace", "delete", "删除", tooltip="删除草稿（先确认） delete (asks first)", id="draft-delete"
        ),
        Binding("x", "export", "导出", tooltip="导出 export", id="draft-list-export"),
        Binding(
            "N", "next_year", "下一年", show=False, tooltip="以此为基础新建下一年的草稿 next year", id="draft-next-year"
        ),
    ]

    @dataclass
    class Listed(Message):
        drafts: list[dict] = field(default_factory=list)
        select: int | None = None
        error: str = ""
        unsaved: set[int] = field(default_factory=set)  # drafts with typing left in a row's dialog

    @dataclass
    class Done(Message):
        """A list action finished: show the list with `select` under the cursor, or the error."""

        select: int | None = None
        error: str = ""
        notice: str = ""

    def __init__(self, db: Database, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.listed: list[dict] = []
        self.told_unsaved: set[int] = set()  # drafts whose typing left unsaved was said

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="drafts-list-view"):
            with Vertical(id="drafts-list-view"):
                yield Static(id="drafts-status", classes="status")
                yield CopyTable(
                    Col("名称", 16, 3),
                    Col("支出类型", 10, 1),
                    Col("地区", 6, 1),
                    Col("年度", 4),
                    Col("指标", 4),
                    Col("更新 updated", 16),
                    id="drafts-list",
                )
            yield DraftEditor(self.db, id="draft-editor")

    @property
    def editing(self) -> bool:
        return self.query_one(ContentSwitcher).current == "draft-editor"

    @property
    def table(self) -> CopyTable:
        return self.query_one("#drafts-list", CopyTable)

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

    def set_catalog(self, catalog) -> None:
        """The knowledge base changed (an import, or `kb draft …` elsewhere): list again, reload the open draft."""
        self.load_list()
        if self.editing:
            self.editor.reload()

    async def save_all(self) -> None:
        """Send what the open draft waits to save and wait (off the UI thread) until it is written."""
        await self.editor.save_all()

    def focus_first(self) -> None:
        if self.editing:
            self.editor.focus_table()
        else:
            self.table.focus()

    # --- the list -----------------------------------------------------------------------------------------------

    def load_list(self, select: int | None = None) -> None:
        self._list(select)

    @work(thread=True, exclusive=True, exit_on_error=False, group="drafts-list")
    def _list(self, select: int | None) -> None:
        try:
            listed = self.db.call(drafts.list_drafts)
            left = {u.draft_id for u in self.db.call(unsaved.left) if u.owner != unsaved.OWNER}  # (not this window's)
            self.post_message(self.Listed(listed, select, unsaved=left))
        except KbError as exc:
            self.post_message(self.Listed(error=str(exc)))

    @on(Listed)
    def _listed(self, event: Listed) -> None:
        status = self.query_one("#drafts-status", Static)
        if event.error:
            status.update(Text(shown(event.error), style="bold red"))
            return
        current = self.current
        self.listed = event.drafts
        wanted = event.select if event.select is not None else current["id"] if current else None
        cursor = next((n for n, d in enumerate(self.listed) if d["id"] == wanted), 0)
        self.table.fill(
            [
                (
                    d["name"],
                    d["spending_type"] or "",
                    d["region"] or "",
                    d["year"] or "",
                    d["rows"],
                    local_time(d["updated_at"]),
                )
                for d in self.listed
            ],
            cursor,
        )
        if self.listed:
            status.update(Text(f"{len(self.listed)} 个草稿 drafts · ↵ 打开 open · n 新建 new"))
            self._tell_unsaved(event.unsaved)
        else:
            status.update(
                Text(
                    "还没有草稿 no drafts yet: 按 n 新建一个绩效目标申报表 press n to start a new goal "
                    "table (from a template, similar projects and indicator search)"
                )
            )

    def _tell_unsaved(self, left: set[int]) -> None:
        """Say (once) which drafts hold typing a row's dialog did not save (the app was killed with it open)."""
        names = [d["name"] for d in self.listed if d["id"] in left - self.told_unsaved]
        self.told_unsaved |= left
        if names:
            self.notify(
                shown(
                    f"草稿 {'、'.join(names)} 有未保存的输入（上次关闭时行编辑框未保存）：打开草稿即可恢复 "
                    "typing in a row's dialog was not saved when the app closed: open the draft to get it back"
                ),
                title="未保存的输入 unsaved typing",
                severity="warning",
                timeout=15,
                markup=False,
            )

    @property
    def current(self) -> dict | None:
        """The draft under the list's cursor."""
        if not self.listed or not 0 <= self.table.cursor_row < len(self.listed):
            return None
        return self.listed[self.table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS:
            return not self.editing and self.table.has_focus and self.current is not None
        return True

    @on(DataTable.RowSelected, "#drafts-list")
    def _chosen(self) -> None:
        if self.current is not None:
            self.open(self.current["id"])

    def open(self, draft_id: int, keys: list[events.Key] | None = None) -> None:
        """The draft in the editor; `keys` (typed after the Enter that made it) go to its goal table once it is in."""
        self.query_one(ContentSwitcher).current = "draft-editor"
        self.editor.open(draft_id, keys)

    def close_editor(self) -> None:
        editor = self.editor
        draft_id = editor.draft.id if editor.draft else None
        editor.close()
        self.query_one(ContentSwitcher).current = "drafts-list-view"
        self.load_list(draft_id)
        self.table.focus()

    def back(self) -> bool:
        """Esc: editor field → goal table → the list; False on the list."""
        if not self.editing:
            return False
        if not self.editor.back():
            self.close_editor()
        return True

    @on(DraftEditor.Closed)
    def _editor_closed(self, event: DraftEditor.Closed) -> None:
        self.notify(shown(event.message), title="草稿 draft", severity="warning", markup=False)
        self.close_editor()

    # --- list actions -------------------------------------------------------------------------------------------

    def action_new(self) -> None:
        def created(draft: drafts.Draft | None) -> None:
            if draft is not None:
                self.load_list(draft.id)
                self.open(draft.id, dialog.held)  # in its goal table: t, s, a as the title says; h to the head

        dialog = NameDialog("新建草稿 new draft", lambda name: self.db.call(_create, name))
        self.app.push_screen(dialog, created)

    def action_rename(self) -> None:
        d = self.current
        act = lambda name: self.db.call(drafts.rename, d["id"], name, d["version"])  # noqa: E731
        self.app.push_screen(
            NameDialog(f"改名 rename · {d['name']}", act, d["name"]), lambda draft: draft and self.load_list(draft.id)
        )

    def action_duplicate(self) -> None:
        d = self.current
        act = lambda name: self.db.call(drafts.duplicate, d["id"], name)  # noqa: E731
        self.app.push_screen(
            NameDialog(f"复制 duplicate · {d['name']}", act, f"{d['name']} 副本"),
            lambda draft: draft and self.load_list(draft.id),
        )

    def action_next_year(self) -> None:
        """以此为基础新建草稿: a copy a year on; kb draft diff (and the editor's title) then say what changed."""
        d = self.current
        self._copy(
            f"以此为基础新建草稿 copy to a new draft, year + 1 · {d['name']}",
            lambda name: self.db.call(copies.from_draft, d["id"], name),
            copies.next_name(d["name"], d["year"]),
        )

    def new_from_project(self, project_id: int, name: str, year: int | None) -> None:
        """以此为基础新建草稿 from an imported project (its view's key): a copy a year on, opened."""
        self._copy(
            f"以此项目为基础新建草稿 copy to a new draft, year + 1 · {name}",
            lambda new: self.db.call(copies.from_project, project_id, new),
            copies.next_name(name, year),
        )

    def _copy(self, title: str, act, name: str) -> None:
        def created(draft: drafts.Draft | None) -> None:
            if draft is not None:
                self.load_list(draft.id)
                self.open(draft.id, dialog.held)
                self.notify(
                    shown(
                        f"复制自 copied from {draft.source['label']}：{len(draft.rows)} 个指标，"
                        f"年度 {draft.year or '—'}"
                    ),
                    title="已新建草稿 new draft",
                    markup=False,
                )

        dialog = NameDialog(title, act, name)
        self.app.push_screen(dialog, created)

    def action_delete(self) -> None:
        d = self.current
        message = (
            f"删除草稿「{d['name']}」及其 {d['rows']} 个指标？不能撤销。\n"
            f"Delete the draft and its {d['rows']} indicators? This cannot be undone."
        )
        self.app.push_screen(
            ConfirmDialog("删除草稿 delete draft", message),
            lambda yes: yes and self._delete(d["id"], d["version"], d["name"]),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="drafts-change")
    def _delete(self, draft_id: int, version: int, name: str) -> None:
        try:
            self.db.call(drafts.delete, draft_id, version)
            self.post_message(self.Done(notice=f"已删除 deleted {name}"))
        except KbError as exc:
            self.post_message(self.Done(error=str(exc)))

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.error or event.notice:
            self.notify(
                shown(event.error or event.notice),
                title="草稿 draft",
                severity="error" if event.error else "information",
                markup=False,
            )
        self.load_list(event.select)

    def action_export(self) -> None:
        d, writer = self.current, self.editor.writer
        self._export(d["id"], d["name"], writer.idle if writer and writer.draft_id == d["id"] else None)

    @on(DraftEditor.ExportRequested)
    def _export_requested(self, event: DraftEditor.ExportRequested) -> None:
        self._export(event.draft.id, event.draft.name, event.writer.idle)

    def _export(self, draft_id: int, name: str, saved) -> None:
        def written(path: Path | None) -> None:
            if path is not None:
                remembered.written_to(path)
                lines = [path, renamed(name, path), dialog.checks]  # one notice: two covered half of 80×24
                self.notify(
                    "\n".join(shown(str(line)) for line in lines if line),
                    title="已导出 exported",
                    severity="warning" if dialog.checks else "information",
                    markup=False,
                    timeout=12 if dialog.checks else 8,
                )

        dialog = ExportDialog(self.db, draft_id, name, remembered.export_folder(), saved=saved)
        self.app.push_screen(dialog, written)
