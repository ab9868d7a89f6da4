"""The name index's file beside the base (`<base>.names-index`): where it is, the stamp it is valid under, its parts.

kb.find.name_index.cached stores the index there for the next process. Its first part holds only the families of
several spellings (kb.vocab.families: a few thousand of 200,000 names), what suggestions for a query that finds little
need (kb.find.near_names): read alone, it costs a millisecond where the whole index costs 100 ms or more at 1M
indicators. Layout: the stamp line, the first part's length in bytes on a line, the first part, then the whole index
(NameIndex.dumps), both in `marshal`. Only the standard library is imported here: `kb search` must start fast.
"""

from __future__ import annotations

import marshal
import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from kb import __version__
from kb.paths import write_whole

LAYOUT = 4  # of the file: a new one when what it holds changes (4: families without a subject rule, F5 受助)

Family = tuple[str, int, tuple[tuple[int, str], ...]]  # keys line, uses, members (id, name) most used first


class Families:
    """The families of several spellings by member (indicator_names.id): the members' ids sorted, with the number
    of their family, and each family's own bytes, so that reading them costs a few copies and a look-up decodes only
    the family it finds (a few thousand small objects took longer to read than the whole search)."""

    def __init__(self, ids: array, numbers: array, offsets: array, blob: bytes) -> None:
        self._ids, self._numbers, self._offsets, self._blob = ids, numbers, offsets, blob

    @classmethod
    def of(cls, families: Iterable[Family]) -> Families:
        members: list[tuple[int, int]] = []
        offsets, parts = array("q", [0]), []
        for n, family in enumerate(families):
            members += [(name_id, n) for name_id, _ in family[2]]
            parts.append(marshal.dumps(family))
            offsets.append(offsets[-1] + len(parts[-1]))
        members.sort()
        return cls(array("q", (m[0] for m in members)), array("q", (m[1] for m in members)), offsets, b"".join(parts))

    def get(self, name_id: int) -> Family | None:
        """The family of the name, if it has other spellings."""
        at = bisect_left(self._ids, name_id)
        if at == len(self._ids) or self._ids[at] != name_id:
            return None
        n = self._numbers[at]
        return marshal.loads(self._blob[self._offsets[n] : self._offsets[n + 1]])

    def dumps(self) -> bytes:
        return marshal.dumps((self._ids.tobytes(), self._numbers.tobytes(), self._offsets.tobytes(), self._blob))

    @classmethod
    def loads(cls, data: bytes) -> Families:
        ids, numbers, offsets, blob = marshal.loads(data)
        return cls(array("q", ids), array("q", numbers), array("q", offsets), blob)


def path_of(conn: sqlite3.Connection) -> Path | None:
    """Where the base's name index is kept: beside its file (None for a base in memory)."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(f"{file}.names-index")
    return None


def stamp_of(conn: sqlite3.Connection) -> bytes | None:
    """The stamp a stored index must carry to be used: the names' stamp (every write to the names gives them a new
    one in its own transaction, kb.ingest.write.new_names_stamp) and this version (its rules of families) and
    layout. None for a base without one."""
    row = conn.execute("SELECT stamp FROM name_index_stamp").fetchone()
    return None if row is None else f"{row[0]} {__version__} {LAYOUT}".encode()


def read_families(path: Path, stamp: bytes) -> Families | None:
    """The first part of the file stored under `stamp`; None when there is none (or another stamp, or unreadable)."""
    try:
        with path.open("rb") as file:
            if file.readline() != stamp + b"\n":
                return None
            return Families.loads(file.read(int(file.readline())))
    except (OSError, ValueError, EOFError, TypeError):
        return None


def read_index(path: Path, stamp: bytes) -> memoryview | None:
    """The whole index's bytes (for NameIndex.loads) in the file stored under `stamp`; None as read_families."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, rest = data.partition(b"\n")
    size, _, rest = rest.partition(b"\n")
    return memoryview(rest)[int(size) :] if head == stamp and size.isdigit() else None


def write(path: Path, stamp: bytes, families: Families, index: bytes) -> None:
    """Stored whole or not at all, for a reader in another process; nothing when it cannot be (a read-only folder or
    a full disk: the next process builds the index again)."""
    first = families.dumps()
    write_whole(path, b"".join([stamp, b"\n", str(len(first)).encode(), b"\n", first, index]))
