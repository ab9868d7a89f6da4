"""Which importers read a document: a digest of this package's source, stored with each document, so that a file
read by an earlier version is read anew when it is imported again (the readers and layouts improve between
versions; the file did not change)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def reader_version() -> str:
    """16 hex digits that change whenever any module of the importers changes."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
