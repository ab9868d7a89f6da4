"""What is typed into a draft row's dialog in the app and not saved yet, kept in the base beside the draft, so a
process killed with the dialog open (SIGKILL, the terminal closed, the power gone) loses none of it.

The dialog keeps its fields (`row_fields`: the row as the dialog edits it, as text) a moment after each keystroke,
with the fields as it opened them (`base`); saving the row or cancelling the dialog drops them. None of it is the
draft's content: no version, nothing an undo or a `kb draft` command sees. When the draft is opened again, what is
left (`left`) is offered back over the row as it is then (`Unsaved.over`): only the fields the user changed, so a
change made elsewhere meanwhile to another field is kept, and a field changed on both sides is named
(`Unsaved.clashes`). Each process keeps under its own `OWNER`; what a process still running keeps (another window
with its dialog open) is not offered.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from kb.db import transaction
from kb.drafting.drafts import ROW_TEXT_FIELDS, Row
from kb.vocab.numbers import number

FIELDS = ("name", "level1", "level2", "target", "basis", "weight", *ROW_TEXT_FIELDS)


def row_fields(row: Row) -> dict[str, str]:
    """The row's fields as its dialog shows them: text, '' for none."""
    return {
        "name": row.name,
        "level1": row.level1 or "",
        "level2": row.level2 or "",
        "target": row.target,
        "basis": row.basis or "",
        "weight": number(row.weight),
        **{k: getattr(row, k) or "" for k in ROW_TEXT_FIELDS},
    }


@dataclass
class Unsaved:
    draft_id: int
    row_key: str
    base: dict[str, str]  # the row's fields when the dialog opened
    typed: dict[str, str]  # the dialog's fields when last kept
    owner: str
    at: str  # UTC, ISO 8601

    @property
    def edits(self) -> dict[str, str]:
        """The fields the user changed."""
        return {k: v for k, v in self.typed.items() if k in FIELDS and v != self.base.get(k, "")}

    def over(self, now: dict[str, str]) -> dict[str, str]:
        """The row's fields as they are `now`, with the user's changes on top."""
        return {**now, **self.edits}

    def clashes(self, now: dict[str, str]) -> list[str]:
        """Fields the user changed that were changed elsewhere too, to something else."""
        return [k for k, v in self.edits.items() if now.get(k, "") not in (self.base.get(k, ""), v)]

    def new_to(self, now: dict[str, str]) -> bool:
        """Whether it holds a change the row does not hold `now`."""
        return any(now.get(k, "") != v for k, v in self.edits.items())


def keep(
    conn: sqlite3.Connection, draft_id: int, row_key: str, base: dict, typed: dict, replaces: str | None = None
) -> None:
    """Keep what is typed into the row's dialog (one short transaction); `replaces`: the owner whose typing it took
    over (offered back), dropped in the same transaction."""
    with transaction(conn):
        if replaces is not None and replaces != OWNER:
            _drop(conn, draft_id, row_key, replaces)
        conn.execute(
            """INSERT OR REPLACE INTO draft_unsaved (draft_id, row_key, base, typed, owner, at)
            VALUES (?, ?, ?, ?, ?, ?)""",
            (
                draft_id,
                row_key,
                json.dumps(base, ensure_ascii=False),
                json.dumps(typed, ensure_ascii=False),
                OWNER,
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ),
        )


def drop(conn: sqlite3.Connection, draft_id: int, row_key: str, *owners: str) -> None:
    """Forget what `owners` (this process when none is given) kept for the row (saved, or cancelled)."""
    with transaction(conn):
        for owner in owners or (OWNER,):
            _drop(conn, draft_id, row_key, owner)


def _drop(conn: sqlite3.Connection, draft_id: int, row_key: str, owner: str) -> None:
    conn.execute(
        "DELETE FROM draft_unsaved WHERE draft_id = ? AND row_key = ? AND owner = ?", (draft_id, row_key, owner)
    )


def _boot() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


BOOT = _boot()  # this machine's start (Linux): a process id of an earlier boot names another process now


def started(pid: int) -> str | None:
    """When process `pid` started, as 'boot id.clock ticks since boot' (Linux); '' where the system does not tell;
    None when it runs no more (a zombie, killed and not yet reaped by its parent — tmux leaves one a moment —
    included)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        if Path("/proc/self").exists():
            return None
        return _alive(pid)  # no /proc (macOS, Windows)
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # from field 3, the state; field 22 is the start
    return None if fields[0] == "Z" else f"{BOOT}.{fields[19]}"


def _alive(pid: int) -> str | None:
    """'' while process `pid` runs (when it started is not known here), None once it has ended."""
    if sys.platform == "win32":  # (os.kill(pid, 0) would end it there)
        import ctypes

        kernel = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:  # access denied: another user's, running; else none such
            return "" if ctypes.get_last_error() == 5 else None
        code = ctypes.c_ulong()
        try:
            ok = kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel.CloseHandle(handle)
        return "" if not ok or code.value == 259 else None  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:  # another user's process
        pass
    return ""


OWNER = f"{socket.gethostname()}:{os.getpid()}:{started(os.getpid()) or ''}"  # this process, whose typing it keeps


def _running(owner: str) -> bool:
    """Whether `owner` is another process still running on this machine (its dialog may be open): not when its id
    is another process's now (after a reboot, the power lost, ids are given again)."""
    host, pid, when = (owner.split(":") + [""])[:3]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    now = started(int(pid))
    return now is not None and (not when or not now or now == when)


def left(conn: sqlite3.Connection, draft_id: int | None = None) -> list[Unsaved]:
    """What was typed and not saved, oldest first (of one draft, or of all), by processes no longer running."""
    found = conn.execute(
        "SELECT draft_id, row_key, base, typed, owner, at FROM draft_unsaved WHERE ? IS NULL OR draft_id = ? "
        "ORDER BY at, rowid",
        (draft_id, draft_id),
    ).fetchall()
    out = [Unsaved(d, key, json.loads(base), json.loads(typed), owner, at) for d, key, base, typed, owner, at in found]
    return [u for u in out if not _running(u.owner)]
