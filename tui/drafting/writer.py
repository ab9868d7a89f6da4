"""The open draft's writer: changes run one at a time in the order they were made, each a short kb.drafting.drafts
transaction on the app's connection, from a worker thread (never the UI thread).

Each change passes the draft's version as this window last saw it. When another writer (a second window, the
`kb draft` command) changed the draft first, the draft is reloaded and the change is re-applied if it touches
nothing the other writer changed; if it does, theirs is kept and the change is reported as a conflict. Either way
the owner is told, so nothing is overwritten or dropped silently.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from kb.drafting.drafts import ROW_TEXT_FIELDS, Applied, Draft, StaleDraft, open_draft
from kb.errors import KbError
from kb.drafting.lint import Finding, draft_findings
from tui.data import Busy, Database

Write = Callable[[sqlite3.Connection, int, int], "Draft | Applied"]  # (conn, draft id, version) → the draft after


def _nothing(draft: Draft) -> None:
    return None


@dataclass
class Edit:
    """One change to the draft."""

    label: str  # what it changes, for messages: '部门', '第 3 行'
    write: Write | None  # None: only reload
    touches: Callable[[Draft], object] = _nothing  # the part of a draft it changes, compared across a reload
    field: str | None = None  # the head field it sets
    detail: str = ""  # what the user asked for, shown if it cannot be saved
    generation: int = 0  # the writer's reload count when the edit was made
    done: Callable[[Outcome], None] | None = None  # called on the UI thread once it is saved (not on an error)


@dataclass
class Outcome:
    edit: Edit
    draft: Draft | None = None  # the draft after the edit (or as reloaded)
    findings: list[Finding] = field(default_factory=list)
    applied: Applied | None = None  # what apply_rows added and skipped
    before: Draft | None = None  # the draft had been changed elsewhere: as this window knew it …
    reloaded: Draft | None = None  # … and as reloaded (before this edit was re-applied)
    conflict: bool = False  # the other writer changed what this edit changes: not saved, theirs kept
    error: str = ""
    busy: bool = False  # the database is locked (an import): the edit stays queued
    gone: bool = False  # the draft was deleted elsewhere


def row_content(draft: Draft, row_ids) -> tuple:
    """The rows' contents (not their positions): what a row edit compares across a reload."""
    wanted = set(row_ids)
    return tuple(
        (r.id, r.level1, r.level2, r.name, r.operator, r.value, r.unit, r.text, r.basis, r.weight, r.own_target)
        + tuple(getattr(r, k) for k in ROW_TEXT_FIELDS)
        for r in draft.rows
        if r.id in wanted
    )


class Writer:
    """Queue edits with `put` (UI thread); `run_pending` (a worker thread) runs them and hands each Outcome to
    `post`. `idle` is set while nothing is queued."""

    def __init__(self, db: Database, draft: Draft) -> None:
        self.db = db
        self.draft_id = draft.id
        self.known = draft  # the draft as this window last wrote or read it
        self.before = draft  # `known` before the last reload
        self.generation = 0
        self.pending: deque[Edit] = deque()
        self.idle = threading.Event()
        self.idle.set()
        self.running = False  # a worker is draining the queue (set and cleared by the owner, UI thread)
        self._lock = threading.Lock()

    def put(self, edit: Edit) -> None:
        with self._lock:
            edit.generation = self.generation
            self.pending.append(edit)
            self.idle.clear()

    def run_pending(self, post: Callable[[Outcome], None]) -> bool:
        """Run queued edits in order; False when the database is busy (the rest stay queued)."""
        while True:
            with self._lock:
                if not self.pending:
                    self.idle.set()
                    return True
                edit = self.pending[0]
            try:
                outcome = self.db.call(self._apply, edit)
            except Busy as exc:
                post(Outcome(edit, error=str(exc), busy=True))
                return False
            except KbError as exc:
                outcome = Outcome(edit, error=str(exc))
            with self._lock:
                self.pending.popleft()
            post(outcome)

    def _outcome(self, conn: sqlite3.Connection, edit: Edit, draft: Draft, **kwargs) -> Outcome:
        return Outcome(edit, draft, draft_findings(conn, draft), **kwargs)

    def _reload(self, conn: sqlite3.Connection) -> tuple[Draft, Draft]:
        fresh = open_draft(conn, self.draft_id)
        self.before, self.known = self.known, fresh
        self.generation += 1
        return self.before, fresh

    def _apply(self, conn: sqlite3.Connection, edit: Edit) -> Outcome:
        """Runs under the database lock: the writer's state changes one edit at a time."""
        if not conn.execute("SELECT 1 FROM drafts WHERE id = ?", (self.draft_id,)).fetchone():
            return Outcome(edit, gone=True, error="草稿已在别处删除 the draft was deleted elsewhere")
        if edit.write is None:
            fresh = open_draft(conn, self.draft_id)
            if fresh.version == self.known.version:
                return self._outcome(conn, edit, fresh)
            before, fresh = self._reload(conn)
            return self._outcome(conn, edit, fresh, before=before, reloaded=fresh)
        if edit.generation != self.generation and edit.touches(self.before) != edit.touches(self.known):
            # made before a reload this window has not shown yet, on what the other writer changed
            return self._outcome(conn, edit, self.known, conflict=True)
        before = fresh = None
        try:
            result = edit.write(conn, self.draft_id, self.known.version)
        except StaleDraft:
            before, fresh = self._reload(conn)
            if edit.touches(before) != edit.touches(fresh):
                return self._outcome(conn, edit, fresh, before=before, reloaded=fresh, conflict=True)
            result = edit.write(conn, self.draft_id, fresh.version)
        draft = result.draft if isinstance(result, Applied) else result
        self.known = draft
        return self._outcome(
            conn, edit, draft, applied=result if isinstance(result, Applied) else None, before=before, reloaded=fresh
        )
