"""What makes two files the same tables: the same projects in the same order, each with the same indicators
(name, levels and target as written, spaces left out), and the same self-evaluations (each row's name, target,
actual and score as written). A spreadsheet and the PDF made from it read to the same
records, so the second one met is not stored again — it would count every indicator twice as a precedent.

A project's digest is computed where it is normalised (a worker process); a document's fingerprint is the digest
of its projects' digests, so a document stored in pieces gets the same fingerprint as one stored whole, and a
database migration can compute it from the stored rows.
"""

from __future__ import annotations

import hashlib
from typing import Iterable


def _plain(text: str | None) -> str:
    return "".join((text or "").split())


def project_digest(name: str, indicators: Iterable[tuple[str, str | None, str | None, str | None]]) -> bytes:
    """16 bytes for a project's name and its indicators' (name, level 1, level 2, target as written)."""
    digest = hashlib.blake2b(_plain(name).encode(), digest_size=16)
    for indicator in indicators:
        digest.update(("\x1e" + "\x1f".join(map(_plain, indicator))).encode())
    return digest.digest()


def evaluation_digest(name: str, rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> bytes:
    """16 bytes for a self-evaluation's name and its rows' (name, target, actual, score as written): the same
    self-evaluation from a second file (the PDF of the .docx) is not stored twice either."""
    return project_digest("自评\x1d" + _plain(name), rows)


def fingerprint(project_digests: Iterable[bytes]) -> str:
    """A document's fingerprint from its projects' digests, in order."""
    digest = hashlib.blake2b(digest_size=16)
    for part in project_digests:
        digest.update(part)
    return digest.hexdigest()
