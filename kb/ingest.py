"""`kb import`: walk files and folders, parse each document and store it, one transaction per document."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import importers
from importers.readers import READERS
from kb.errors import KbError
from kb.seeds import MANIFEST, load_manifest
from kb.store import Fallbacks, Provenance, store_document


@dataclass
class FileResult:
    path: Path
    status: str  # imported | replaced | unchanged | failed | skipped | would import
    message: str = ""
    layout: str = ""
    projects: int = 0
    indicators: int = 0
    warnings: list[str] = field(default_factory=list)


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to import (folders walked recursively) and the files skipped on the way, with a reason."""
    files: list[Path] = []
    skipped: list[FileResult] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise KbError(f"{path}: no such file or directory")
        if path.is_file():
            files.append(path)
            continue
        found = 0
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts) or child.name == MANIFEST:
                continue
            if child.suffix.lower() in READERS:
                files.append(child)
                found += 1
            else:
                skipped.append(FileResult(child, "skipped", f"not a supported document type ({child.suffix or 'no extension'})"))
        if not found:
            raise KbError(f"{path}: no documents found (looked for {', '.join(sorted(READERS))})")
    return files, skipped


def _fallbacks(path: Path, options: Fallbacks, manifests: dict[Path, dict]) -> Fallbacks:
    folder = path.resolve().parent
    if folder not in manifests:
        manifests[folder] = load_manifest(folder)
    entry = manifests[folder].get(path.name)
    if options.region or options.year or options.department or not entry:
        return options
    return Fallbacks(region=entry.get("region", ""), year=entry.get("year"),
                     department=entry.get("department", ""), published=entry.get("published", ""),
                     source="manifest")


def import_file(conn: sqlite3.Connection, path: Path, options: Fallbacks, manifests: dict,
                dry_run: bool = False) -> FileResult:
    """Import one file; never raises for a bad document (the result says what went wrong)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(path, "failed", f"cannot read file: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
        return FileResult(path, "unchanged", "already imported (same content)")
    try:
        raw = importers.parse_file(path)
    except (importers.UnreadableFile, importers.UnknownLayout, importers.ParseError) as exc:
        return FileResult(path, "failed", str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return FileResult(path, "failed", f"internal error while parsing ({type(exc).__name__}: {exc})")
    indicators = sum(len(p.indicators) for p in raw.projects)
    if dry_run:
        return FileResult(path, "would import", "", raw.layout, len(raw.projects), indicators, raw.warnings)
    try:
        fallbacks = _fallbacks(path, options, manifests)
        stored = store_document(conn, raw, Provenance(path.name, str(path.resolve()), sha), fallbacks)
    except KbError as exc:
        return FileResult(path, "failed", str(exc))
    except sqlite3.Error as exc:
        return FileResult(path, "failed", f"database error: {exc}")
    return FileResult(path, "replaced" if stored.replaced else "imported", "", raw.layout,
                      stored.projects, stored.indicators, stored.warnings)


def import_paths(conn: sqlite3.Connection, paths: Iterable[Path], options: Fallbacks | None = None,
                 dry_run: bool = False, progress: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Import every document under `paths`; the results list skipped files too."""
    files, skipped = collect_files(paths)
    manifests: dict[Path, dict] = {}
    results = []
    for path in files:
        result = import_file(conn, path, options or Fallbacks(), manifests, dry_run)
        results.append(result)
        if progress:
            progress(result)
    return results + skipped


def import_seeds(conn: sqlite3.Connection) -> list[FileResult]:
    from kb.seeds import seeds_dir

    return import_paths(conn, [seeds_dir()])

