"""Errors a user sees as one clear line (the CLI prints them and exits non-zero; an import reports them per file)."""

from __future__ import annotations

import sqlite3


class KbError(Exception):
    """A problem the user can act on; str(error) is the whole message, one line; `details` the lines that list what
    it sums up (each broken limit of a draft), shown each on a line of its own after it."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class FileExists(KbError):
    """A file a command would write is there already (an officer may have filled it in by hand)."""

    def __init__(self, path, how: str) -> None:
        super().__init__(f"{path}: 文件已存在，未覆盖（{how}） file exists, not overwritten")
        self.path = path


USER_ERRORS = (KbError, sqlite3.Error)  # said in one line; anything else is a bug
DISK_FULL = "磁盘已满 disk full: not written; everything saved before is kept: free some space and run it again"


def describe(exc: Exception) -> str:
    """The line a user reads for one of USER_ERRORS."""
    if isinstance(exc, KbError):
        return str(exc)
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return DISK_FULL
    if is_busy(exc):
        return busy()
    return f"数据库错误 database error: {exc}"


def is_busy(exc: Exception) -> bool:
    """Whether SQLite gave up waiting for another connection's lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def busy(retrying: bool = False) -> str:
    """The one message for a base another process keeps locked: the app retries by itself, a command does not."""
    from kb.db import BUSY_TIMEOUT_MS

    then = ("稍后自动重试 ", "retrying shortly") if retrying else ("完成后再试 ", "try again when it is done")
    return (
        f"知识库正忙，另一个进程（导入？）锁住超过 {BUSY_TIMEOUT_MS // 1000} 秒，{then[0]}the knowledge base is busy: "
        f"another process (an import?) kept it locked for over {BUSY_TIMEOUT_MS // 1000} s: {then[1]}"
    )
