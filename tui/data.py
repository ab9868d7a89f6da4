"""The app's reading connections, one per lane of work (one query at a time on each), and change detection."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Callable, TypeVar

from kb.db import connect
from kb.errors import KbError, busy, describe, is_busy

T = TypeVar("T")


class Busy(KbError):
    """The database is locked by another writer (a running import); try again shortly."""


class Database:
    """Opens the knowledge base lazily (in the first worker that needs it) and runs kb calls on it.

    Each lane ('main', 'precedents', …) has its own connection and lock, so a slow query in one lane (the
    precedents of a name used 10,000 times) never holds up another (the next keystroke's name search); calls in
    one lane are serialised, as sqlite3 connections are not safe for interleaved use. With WAL, readers never
    wait for each other, and imports use their own connection, so the app keeps reading while one runs.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conns: dict[str, sqlite3.Connection] = {}
        self._locks: dict[str, threading.Lock] = {"main": threading.Lock()}
        self._version: int | None = None

    def _lane(self, lane: str) -> threading.Lock:
        return self._locks.setdefault(lane, threading.Lock())

    def call(self, fn: Callable[..., T], *args, lane: str = "main", **kwargs) -> T:
        """`fn(conn, *args, **kwargs)` on the lane's connection; raises KbError (Busy when locked)."""
        with self._lane(lane):
            try:
                conn = self._conns.get(lane)
                if conn is None:
                    conn = self._conns[lane] = connect(self.path)
                    if lane == "main":
                        self._version = conn.execute("PRAGMA data_version").fetchone()[0]
                return fn(conn, *args, **kwargs)
            except sqlite3.Error as exc:
                raise (Busy(busy(retrying=True)) if is_busy(exc) else KbError(describe(exc))) from exc
            except KbError:
                raise
            except Exception as exc:  # a bug below must show as a message, not a spinner that never stops
                raise KbError(f"内部错误 internal error: {type(exc).__name__}: {exc}") from exc

    def changed(self) -> bool:
        """Whether another connection committed since the last check (never waits for the lock)."""
        conn, lock = self._conns.get("main"), self._locks["main"]
        if conn is None or not lock.acquire(blocking=False):
            return False
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return False
        finally:
            lock.release()
        changed, self._version = version != self._version, version
        return changed

    def close(self) -> None:
        """Close every connection. A read still running in another lane is interrupted (quitting a large base
        never waits for its full project list); the main lane, the one that writes drafts, is waited for."""
        for lane, conn in list(self._conns.items()):
            if lane != "main":
                conn.interrupt()
        for lane, lock in list(self._locks.items()):
            with lock:
                conn = self._conns.pop(lane, None)
                if conn is not None:
                    conn.close()
