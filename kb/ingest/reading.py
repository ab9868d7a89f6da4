"""Which reading made a stored document: the importers that read it (importers.version) and kb's own normalisation of
what they read (targets, levels, amounts, places, fingerprints, name keys), so that a file an earlier version read
is read anew when it is imported again: either may have improved since, the file did not change."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from importers.version import reader_version

_KB = Path(__file__).resolve().parents[1]
# what turns records into stored rows (find/name_index.py: the group keys outcome rows are stored with)
_NORMALISING = ("ingest/normalise.py", "ingest/fingerprints.py", "vocab", "find/name_index.py")


@functools.cache
def reading_version() -> str:
    """16 hex digits that change whenever an importer or kb's normalisation changes."""
    digest = hashlib.blake2b(reader_version().encode(), digest_size=8)
    for part in _NORMALISING:
        for path in sorted((_KB / part).rglob("*.py")) if (_KB / part).is_dir() else [_KB / part]:
            digest.update(path.relative_to(_KB).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
