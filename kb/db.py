"""Opening the knowledge base: checks, pragmas (WAL, foreign keys, busy timeout) and migrations."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.errors import DISK_FULL, KbError
from kb.schema import SCHEMA_VERSION, migrate
from kb.vocab.tokens import fold

_OUR_TABLES = {"documents", "projects", "indicators"}


BUSY_TIMEOUT_MS = 10_000  # how long a statement waits for another writer before 'database is locked'


def _check_path(path: Path) -> None:
    """What can be told of the path without opening it. The file itself is only ever opened by SQLite: closing any
    other descriptor of it would drop the POSIX locks of this process's connections, and another process would then
    take the base for unused, checkpoint it and delete the WAL under them (their writes lost)."""
    if path.is_dir():
        raise KbError(f"{path}: 是文件夹，不是数据库文件 is a directory, not a database file")
    if path.exists() and not os.access(path, os.R_OK):
        raise KbError(f"{path}: 无权读取数据库 cannot read database: permission denied")


class Connection(sqlite3.Connection):
    """A connection to the knowledge base carrying what is cached for it (the name index and counts of
    kb.find.precedents): the cache lives and dies with the connection, owned by whoever holds the connection."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cache: dict[str, object] = {}  # by the caching module's name


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: BEGIN IMMEDIATE (the write lock taken at once, so it never fails halfway for another
    writer), COMMIT when the block ends, ROLLBACK when it raises (unless SQLite rolled back already: disk full)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Put the base in WAL mode. SQLite answers 'database is locked' at once, without waiting the busy timeout, when
    another process opens or converts the same new base at that moment: try again until the timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def prepare(conn: sqlite3.Connection) -> None:
    """Register the SQL functions the knowledge base's queries use (kb_fold), on a connection opened here or by
    another host of the same database (Datasette, a script)."""
    conn.create_function("kb_fold", 1, fold, deterministic=True)


def connect(path: Path | str, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create or upgrade) the knowledge base at `path`; raises KbError with a clear message."""
    path = Path(path)
    _check_path(path)
    if not path.exists():
        if not create:
            raise KbError(f"{path}: 这里没有数据库 no database here")
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = None
    try:
        if readonly:
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False, factory=Connection
            )
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, factory=Connection)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 and tables and not _OUR_TABLES <= tables:
            conn.close()
            raise KbError(
                (
                    f"{path}: 是 SQLite 数据库，但不是绩效目标知识库（未改动） a SQLite database, but not a jixiao-kb "
                    "knowledge base (left untouched)"
                )
            )
        if version > SCHEMA_VERSION:
            conn.close()
            raise KbError(
                f"{path}: 由更新版本的 jixiao-kb 建立，请升级（未改动） "
                f"made by a newer jixiao-kb (schema {version}, this version reads up to "
                f"{SCHEMA_VERSION}); upgrade jixiao-kb (left untouched)"
            )
        if not readonly:
            _write_ahead(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA journal_size_limit = 67108864")  # a WAL grown by a large import shrinks back
            migrate(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        prepare(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL or exc.sqlite_errorname == "SQLITE_IOERR_SHMSIZE":
            raise KbError(f"{path}: {DISK_FULL}") from exc  # the WAL or its index cannot grow
        if exc.sqlite_errorname == "SQLITE_NOTADB":
            raise KbError(
                f"{path}: 不是 SQLite 数据库或已损坏 not a SQLite database, or a damaged one (left untouched)"
            ) from exc
        raise KbError(f"{path}: 无法打开数据库 cannot open database: {exc}") from exc
    return conn
