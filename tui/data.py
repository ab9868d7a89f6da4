"""The app's one reading connection, shared by worker threads (one query at a time), and change detection."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Callable, TypeVar

from kb.db import connect
from kb.errors import KbError

T = TypeVar("T")


class Busy(KbError):
    """The database is locked by another writer (a running import); try again shortly."""


class Database:
    """Opens the knowledge base lazily (in the first worker that needs it) and runs kb calls on it.

    Calls are serialised by a lock: sqlite3 connections are not safe for interleaved use. Imports use their
    own connection, so with WAL the app keeps reading while one runs.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._version: int | None = None

    def call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """`fn(conn, *args, **kwargs)`; raises KbError (Busy when locked) for any problem."""
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = connect(self.path)
                    self._version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                return fn(self._conn, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise Busy("the knowledge base is busy (an import is writing); retrying shortly") from exc
                raise KbError(f"database error: {exc}") from exc
            except sqlite3.Error as exc:
                raise KbError(f"database error: {exc}") from exc
            except KbError:
                raise
            except Exception as exc:  # a bug below must show as a message, not a spinner that never stops
                raise KbError(f"internal error: {type(exc).__name__}: {exc}") from exc

    def changed(self) -> bool:
        """Whether another connection committed since the last check (never waits for the lock)."""
        if self._conn is None or not self._lock.acquire(blocking=False):
            return False
        try:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return False
        finally:
            self._lock.release()
        changed, self._version = version != self._version, version
        return changed

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
