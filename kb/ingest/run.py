"""`kb import`: walk files and folders, have them parsed and normalised (`kb.ingest.workers`, in worker processes when
there are several) and store each in this process, so SQLite writes stay serial: one transaction per document,
or in a bulk import several documents per transaction, committed about once a second (`_Batches`). A file whose
goal tables are already stored from another file is not stored again (`kb.ingest.fingerprints`).

A text or CSV file over STREAM_BYTES is read as a stream instead, after the others: its projects are stored as
they arrive inside the document's one transaction, so memory stays bounded whatever the file's size.
`write_report` writes the files that failed or were skipped, with the reason, as CSV or Markdown.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import sqlite3
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from importers.readers import ADVICE, EXTENSIONS, can_stream
from importers.readers.common import EMPTY
from kb.ingest.reading import reading_version
from kb.db import transaction
from kb.errors import USER_ERRORS, KbError, describe
from kb.find import name_file, name_index
from kb.ingest.links import link_self_evaluations
from kb.ingest.normalise import Document, department_wide
from kb.ingest.progress import STATUS_NAMES
from kb.ingest.workers import Parsed, Stopped, Streamed, parse_all
from kb.ingest.seeds import EVERY_FILE, MANIFEST, load_manifest
from kb.ingest.two_readings import place_text
from kb.ingest.write import (
    MAX_WARNINGS,
    Fallbacks,
    Provenance,
    Rival,
    Twin,
    Unwritten,
    same_evaluations,
    same_tables,
    store_document,
    writing,
)
from kb.vocab.text import path_text

STREAM_BYTES = 16 << 20  # text and CSV files larger than this are read as a stream (whole, a 16 MiB file takes ~250 MB)
STREAM_CHUNK_ROWS = 50_000  # rows a streaming worker parses at a time
NOT_DOCUMENTS = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class FileResult:
    path: Path
    status: str  # imported | replaced | unchanged | failed | skipped | would import
    message: str = ""
    layout: str = ""
    projects: int = 0
    indicators: int = 0
    warnings: list[str] = field(default_factory=list)
    evaluations: int = 0  # self-evaluations (自评表)
    departments: int = 0  # department-wide goal tables (部门整体), not counted in projects
    document_id: int | None = None  # the stored document (imported or replaced)


def _skip_reason(path: Path) -> str:
    """Why a file met while walking a folder is not a document to read ('' when it is one)."""
    name = path.name.lower()
    if name.startswith(("~$", ".~lock")) or name in NOT_DOCUMENTS:
        return "临时文件或系统文件 a temporary or system file"
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return ""
    return ADVICE.get(suffix, f"不支持的文件类型 not a supported document type ({suffix or 'no extension'})")


class Walk(NamedTuple):
    """The files one import reads (folders walked recursively) and the files skipped on the way, with a reason:
    walked once, then handed to import_paths and to the faces' progress (kb.ingest.progress)."""

    files: list[Path]
    skipped: list[FileResult]


def collect_files(paths: Iterable[Path], base: Path | None = None) -> Walk:
    """Files to import (folders walked recursively) and the files skipped on the way, with a reason; the knowledge
    base itself (`base`, with its -wal, -shm and -journal files) when a folder walked holds it is left out unsaid."""
    files: list[Path] = []
    skipped: list[FileResult] = []
    own = {Path(f"{base}{end}").resolve() for end in ("", "-wal", "-shm", "-journal")} if base else set()
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise KbError(f"{path}: 没有这个文件或文件夹 no such file or directory")
        if path.is_file():
            files.append(path)
            continue
        found = 0
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts) or child.name == MANIFEST:
                continue
            if child.resolve() in own:
                continue
            reason = _skip_reason(child)
            if reason:
                skipped.append(FileResult(child, "skipped", reason))
            else:
                files.append(child)
                found += 1
        if not found:
            raise KbError(f"{path}: 没有找到文件 no documents found (looked for {', '.join(sorted(EXTENSIONS))})")
    return Walk(files, skipped)


def _import_stream(
    conn: sqlite3.Connection,
    path: Path,
    sha: str,
    fallbacks: Fallbacks,
    dry_run: bool,
    reading: Callable[[Path, int], None],
    earlier: _Earlier | None = None,
) -> FileResult:
    """A file read as a stream, its projects stored as they come in one transaction (or only counted), replacing
    `earlier` (the same file, stored before)."""
    try:
        with Streamed(path, STREAM_CHUNK_ROWS) as stream:
            pieces = iter(stream)
            first, done = next(pieces)
            pieces = itertools.chain([(first, done)], pieces)
            if dry_run:
                return _counted(path, first.layout, pieces, reading)
            with writing(
                conn, first, _origin(path, sha), fallbacks, replaces=earlier.id if earlier else None
            ) as writer:
                for piece, done in pieces:
                    writer.add(piece.projects, piece.warnings, piece.evaluations)
                    reading(path, done)
                if stream.sha256 != sha:
                    raise Stopped(
                        "failed", "读取时文件被改动，请重新导入 the file changed while it was read: import it again"
                    )
    except Stopped as exc:
        return FileResult(path, exc.status, exc.message)
    except USER_ERRORS as exc:
        return FileResult(path, "failed", describe(exc))
    stored = writer.stored
    return FileResult(
        path,
        "replaced" if stored.replaced else "imported",
        earlier.why if earlier else "",
        first.layout,
        stored.projects,
        stored.indicators,
        stored.warnings,
        stored.evaluations,
        stored.departments,
        stored.document_id,
    )


def _counted(
    path: Path, layout: str, pieces: Iterable[tuple[Document, int]], reading: Callable[[Path, int], None]
) -> FileResult:
    """A dry run's result for a file read as a stream: its projects, indicators and (first) warnings counted."""
    result = FileResult(path, "would import", "", layout)
    for piece, done in pieces:
        departments = department_wide(piece.projects)
        result.projects += len(piece.projects) - departments
        result.departments += departments
        result.indicators += piece.indicators
        result.evaluations += len(piece.evaluations)
        result.warnings += piece.warnings[: MAX_WARNINGS - len(result.warnings)]
        reading(path, done)
    return result


# --- storing ----------------------------------------------------------------------------------


def _origin(path: Path, sha: str) -> Provenance:
    """Where a document comes from, as stored: a file name that is not UTF-8 (GBK, from a Windows machine) with its
    undecodable bytes written as \\xbc (kb.vocab.text.path_text)."""
    return Provenance(path_text(path.name), path_text(path.resolve()), sha)


def _fallbacks(path: Path, options: Fallbacks, manifests: dict[Path, dict]) -> Fallbacks:
    folder = path.resolve().parent
    if folder not in manifests:
        manifests[folder] = load_manifest(folder)
    entry = manifests[folder].get(path.name) or manifests[folder].get(EVERY_FILE)
    if options.region or options.year or options.department or not entry:
        return options
    return Fallbacks(
        region=entry.get("region", ""),
        year=entry.get("year"),
        department=entry.get("department", ""),
        published=entry.get("published", ""),
        source="manifest",
    )


REREAD = "重新读取：此前由旧版读取（导入程序或规范化已更新） read anew: an earlier version of jixiao-kb read it"
_FIELDS = {"region": "地区", "year": "年度", "department": "部门"}
_OTHERWISE = ("option", "manifest")  # where a stored field its text does not state came from
_GIVEN = ("", None, *_OTHERWISE)  # the sources of a field its text does not state


@dataclass
class _Earlier:
    """A file stored before and read anew: its document, why, and what the command line or a manifest gives it."""

    id: int
    why: str
    given: Fallbacks


def _given_before(known: sqlite3.Row, fallbacks: Fallbacks) -> Fallbacks:
    """`fallbacks` with the region, year and department the command line or a manifest gave the stored document
    `known` where `fallbacks` gives none."""
    given = {name: getattr(fallbacks, name) for name in _FIELDS}
    before = {name: known[name] for name in _FIELDS if not given[name] and known[f"{name}_source"] in _OTHERWISE}
    keep = replace(fallbacks, **before)
    if before and not any(given.values()):  # all it has was given before: said as it was given then
        keep = replace(keep, source=known[f"{next(iter(before))}_source"])
    return keep


def _earlier(known: sqlite3.Row, fallbacks: Fallbacks) -> _Earlier | None:
    """The stored file read anew when an earlier version read it, or when the command line or its manifest now
    gives a region, year or department its text lacks otherwise than before; None when it stays. What was given
    before and is not given now is kept."""
    given = {name: getattr(fallbacks, name) for name in _FIELDS}
    keep = _given_before(known, fallbacks)
    if known["reader"] != reading_version():
        return _Earlier(known["id"], REREAD, keep)
    changed = [f for f, value in given.items() if value and known[f"{f}_source"] in _GIVEN and known[f] != value]
    if not changed:
        return None
    where = "命令行" if fallbacks.source == "option" else "manifest.toml"
    why = (
        f"重新读取：按{where}更新{'、'.join(_FIELDS[f] for f in changed)} "
        f"read anew: its {', '.join(changed)} as the {'command line' if fallbacks.source == 'option' else where} gives"
    )
    return _Earlier(known["id"], why, keep)


def _store(
    path: Path,
    conn: sqlite3.Connection,
    parsed: Parsed,
    sha: str,
    options: Fallbacks,
    manifests: dict,
    dry_run: bool,
    earlier: _Earlier | None = None,
    unwritten: list[Unwritten] | None = None,
) -> FileResult:
    """The parsed document stored (or only counted, in a dry run), unless a document from another file has the same
    goal tables — replaced when this file gives the region or year it lacked — or the same self-evaluations read as
    fully (`_kept_reading`); `earlier`, the same file stored before, is replaced. A dry run's self-evaluations are
    compared with those it would have stored too (`unwritten`, this one's added). Raises KbError or sqlite3.Error
    when it cannot be written."""
    doc = parsed.doc
    if doc is None:
        return FileResult(path, parsed.status, parsed.message)
    origin = _origin(path, sha)
    fallbacks = earlier.given if earlier else _fallbacks(path, options, manifests)
    twin = None if earlier else same_tables(conn, doc, origin, fallbacks, unwritten or ())
    rival = None if earlier else same_evaluations(conn, doc, origin, fallbacks, unwritten or ())
    kept = _kept_reading(path, doc, rival, twin)
    if isinstance(kept, FileResult):
        return kept
    if rival:
        twin = kept  # this reading replaces the stored one, or both are kept (a warning says so)
    if twin and not twin.fills:
        tables, what = ("目标表", "goal tables") if doc.indicators else ("自评表", "self-evaluations")
        same = f"与{_other(twin)} {twin.path} {tables}相同 the same {what} as it, {_done(twin)}"
        return FileResult(path, "unchanged", same, doc.layout)
    message = earlier.why if earlier else ""
    if kept and rival and rival.compared.more:
        # what the stored one was given (its folder's manifest) stays (a dry run's unwritten one has none)
        if replaced := conn.execute("SELECT * FROM documents WHERE id = ?", (kept.id,)).fetchone():
            fallbacks = _given_before(replaced, fallbacks)
        message = (
            f"替换 {kept.path}：自评表相同，本文件多读出 {rival.compared.more} 处内容 "
            f"replaces it: the same self-evaluations, {rival.compared.more} more cells read from this file"
        )
    elif twin:
        message = (
            f"替换 {twin.path}：目标表相同，补上其缺少的地区或年度 "
            "replaces it: the same goal tables, and the region or year it lacked"
        )
    if dry_run:
        if unwritten is not None:
            _remember(unwritten, doc, origin, fallbacks, twin)
        departments = department_wide(doc.projects)
        return FileResult(
            path,
            "would import",
            message,
            doc.layout,
            len(doc.projects) - departments,
            doc.indicators,
            doc.warnings,
            len(doc.evaluations),
            departments,
        )
    stored = store_document(conn, doc, origin, fallbacks, replaces=twin.id if twin else earlier.id if earlier else None)
    return FileResult(
        path,
        "replaced" if stored.replaced else "imported",
        message,
        doc.layout,
        stored.projects,
        stored.indicators,
        stored.warnings,
        stored.evaluations,
        stored.departments,
        stored.document_id,
    )


def _other(twin: Twin | Rival) -> str:
    """How a message names the other file of the same tables: stored, or one this dry run would import."""
    return "已导入的" if twin.id else "本次将导入的"


def _done(twin: Twin | Rival) -> str:
    """`_other` in the message's English."""
    return "already imported" if twin.id else "which this run would import"


def _remember(
    unwritten: list[Unwritten], doc: Document, origin: Provenance, fallbacks: Fallbacks, kept: Twin | None
) -> None:
    """A dry run's document remembered as if stored, in place of the document it replaces (one remembered before,
    or one stored: that one then hidden from the files after it, as the import deletes it)."""
    gone = [other for other in unwritten if kept and kept.path == other.path]
    replaced = frozenset({kept.id} if kept and kept.id else ()).union(*(other.replaced for other in gone))
    if would := Unwritten.of(doc, origin, fallbacks, replaced):
        unwritten[:] = [other for other in unwritten if other not in gone] + [would]


def _kept_reading(path: Path, doc: Document, rival: Rival | None, twin: Twin | None) -> FileResult | Twin | None:
    """Of two files holding the same self-evaluations (kb.ingest.two_readings), the reading kept: the stored one when
    it read every cell this one did and more (this file unchanged, saying why), this one when it read every cell of
    the stored one and more (a Twin to replace), `twin` when both read alike; None when both are kept (each read
    cells the other did not, or the same cell differently: a warning says so) or there is no other reading."""
    if rival is None:
        return None
    compared = rival.compared
    if compared.differ or compared.more and compared.fewer:
        doc.warnings.append(_both_kept(rival))
        return None
    if compared.more:
        return Twin(rival.id, rival.path, fills=True)
    if compared.fewer or not twin:
        return FileResult(
            path,
            "unchanged",
            f"与{_other(rival)} {rival.path} 自评表相同，它多读出 {compared.fewer} 处内容，保留它 the same "
            f"self-evaluations as it, {_done(rival)}, with {compared.fewer} more cells read: it is kept",
            doc.layout,
        )
    return twin  # read alike: kept out, or replacing it for the region or year it lacked


def _both_kept(rival: Rival) -> str:
    compared = rival.compared
    if compared.differ:
        place, new, stored = compared.differ[0]
        return (
            f"与{_other(rival)} {rival.path} 是同样的自评表，但有 {len(compared.differ)} 处读法不同"
            f"（如{place_text(place)}：本文件 {new}，{_other(rival)} {stored}）：两份都已保留，请核对哪份正确 "
            f"the same self-evaluations as it, read differently in {len(compared.differ)} places: both kept, check "
            "which is right"
        )
    return (
        f"与{_other(rival)} {rival.path} 是同样的自评表，两份各读出对方没有的内容（本文件多 {compared.more} 处，"
        f"{_other(rival)}多 {compared.fewer} 处）：两份都已保留 the same self-evaluations as it, each reading cells "
        "the other lacks: both kept"
    )


def _attempt(write: Callable[..., FileResult], path: Path, *args) -> FileResult:
    """`write(path, *args)`, or the failure that says why it could not be written."""
    try:
        return write(path, *args)
    except USER_ERRORS as exc:
        return FileResult(path, "failed", describe(exc))


_EMPTY = hashlib.sha256(b"").hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


BULK_CHECKPOINT_PAGES = 10000  # about 40 MiB of WAL between checkpoints during a large import


def import_paths(
    conn: sqlite3.Connection,
    paths: Iterable[Path] | Walk,
    options: Fallbacks | None = None,
    dry_run: bool = False,
    progress: Callable[[FileResult], None] | None = None,
    workers: int | None = None,
    reading: Callable[[Path, int], None] | None = None,
) -> list[FileResult]:
    """Import every document under `paths`; the results (in file order) list skipped files too.

    A file whose content is already stored, or repeats another file of this import, is 'unchanged' — unless an
    earlier version of the importers read it, or the command line or its manifest now gives a region, year or
    department its text lacks otherwise than before: then it is read anew and replaces what was stored ('replaced').
    `paths` may be a Walk already made (to size a progress bar); `progress` gets each file's result; `reading` the
    bytes read so far of a file read as a stream, or the share of a PDF's its pages read stand for (from a thread).
    """
    files, skipped = paths if isinstance(paths, Walk) else collect_files(paths)
    options = options or Fallbacks()
    results: dict[Path, FileResult] = {}
    shas: dict[Path, str] = {}
    first_with: dict[str, Path] = {}
    stale: dict[Path, _Earlier] = {}  # files stored before and read anew
    manifests: dict[Path, dict] = {}
    unwritten: list[Unwritten] = []  # a dry run's documents of self-evaluations alone, as if stored

    def done(result: FileResult) -> None:
        results[result.path] = result
        if progress:
            progress(result)

    for path in files:
        try:
            sha = _sha256(path)
        except OSError as exc:
            done(FileResult(path, "failed", f"无法读取文件 cannot read file: {exc.strerror or exc}"))
            continue
        if sha == _EMPTY:  # every empty file has this content: each is empty, none the same as another
            done(FileResult(path, "failed", EMPTY))
            continue
        known = conn.execute(
            """SELECT id, reader, region, region_source, year, year_source, department, department_source
            FROM documents WHERE sha256 = ?""",
            (sha,),
        ).fetchone()
        try:
            earlier = known and _earlier(known, _fallbacks(path, options, manifests))
        except KbError as exc:  # its folder's manifest cannot be used
            done(FileResult(path, "failed", describe(exc)))
            continue
        if known and not earlier:
            done(FileResult(path, "unchanged", "已导入过（内容相同） already imported (same content)"))
        elif sha in first_with:
            done(FileResult(path, "unchanged", f"与 {path_text(first_with[sha])} 内容相同 same content as it"))
        else:
            if earlier:
                stale[path] = earlier
            first_with[sha] = path
            shas[path] = sha
    streamed = [path for path in shas if path.stat().st_size > STREAM_BYTES and can_stream(path)]
    order, waiting = deque(path for path in shas if path not in streamed), {}
    bulk = len(shas) >= BULK_DOCUMENTS
    with _bulk_writes(conn, bulk or bool(streamed)):
        with _Batches(conn, done, enabled=bulk and not dry_run) as batches:
            for path, parsed in parse_all(list(order), workers, reading):
                waiting[path] = parsed
                while order and order[0] in waiting:  # store in file order, so ids do not depend on timing
                    path = order.popleft()
                    parsed = waiting.pop(path)
                    batches.store(
                        _store, path, conn, parsed, shas[path], options, manifests, dry_run, stale.get(path), unwritten
                    )
        for path in streamed:  # after the others, one at a time: each holds the write lock while it is read
            done(
                _import_stream(
                    conn,
                    path,
                    shas[path],
                    _fallbacks(path, options, manifests),
                    dry_run,
                    reading or (lambda path, done: None),
                    stale.get(path),
                )
            )
    if not dry_run and any(r.status in ("imported", "replaced") for r in results.values()):
        _link(conn)
        if name_file.path_of(conn):  # a base in a file: its name index stored beside it, so no later process builds it
            name_index.cached(conn)
    return [results[path] for path in files] + skipped


def _link(conn: sqlite3.Connection) -> None:
    """Self-evaluations joined to the goal tables they answer (kb.ingest.links), in one transaction."""
    if not conn.execute("SELECT EXISTS (SELECT 1 FROM self_evaluations)").fetchone()[0]:
        return
    with transaction(conn):
        link_self_evaluations(conn)


BULK_DOCUMENTS = 10  # documents in one import from which it is written as a bulk import
BATCH_INDICATORS = 50_000  # a bulk import commits once this many indicators are stored …
BATCH_SECONDS = 1.0  # … or this long after its last commit, whichever comes first


class _Batches:
    """A bulk import's documents written a batch at a time, in one transaction committed every BATCH_INDICATORS
    indicators or BATCH_SECONDS, so each changed index page is written once per batch instead of once per document.

    Each document is still wholly in or wholly out: when one cannot be written, the batch is rolled back and its
    other documents are written again, each in a transaction of its own (failures are rare; a savepoint around
    every document cost an eighth of the store's time). A result is reported once its document is committed.
    An interruption between documents commits the batch; one while a document is written rolls the batch back.
    """

    def __init__(self, conn: sqlite3.Connection, done: Callable[[FileResult], None], enabled: bool) -> None:
        self.conn, self.done, self.enabled = conn, done, enabled
        self.pending: list[tuple[FileResult, tuple]] = []  # each written document's result, and its write
        self.indicators, self.started = 0, 0.0

    def __enter__(self) -> _Batches:
        return self

    def store(self, write: Callable[..., FileResult], path: Path, *args) -> None:
        """`write(path, *args)` (one document) inside the batch; commits when the batch is full or old enough."""
        if not self.enabled:
            self.done(_attempt(write, path, *args))
            return
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
        try:
            result = write(path, *args)
        except USER_ERRORS:
            self._write_alone(write, path, *args)
            return
        except BaseException:
            self._roll_back()
            raise
        self.pending.append((result, (write, path, *args)))
        self.indicators += result.indicators
        if self.indicators >= BATCH_INDICATORS or time.monotonic() - self.started >= BATCH_SECONDS:
            self.commit()

    def _write_alone(self, *failed) -> None:
        """After a document (or the batch's commit: disk full) failed: the batch rolled back, and each of its
        documents, the failed one last, written (or failing) in a transaction of its own."""
        writes = [write for _, write in self._roll_back()] + ([failed] if failed else [])
        for write, path, *args in writes:
            self.done(_attempt(write, path, *args))

    def _roll_back(self) -> list[tuple[FileResult, tuple]]:
        if self.conn.in_transaction:  # SQLite may already have rolled back (disk full)
            self.conn.execute("ROLLBACK")
        pending, self.pending, self.indicators = self.pending, [], 0
        return pending

    def commit(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("COMMIT")
            except USER_ERRORS:
                self._write_alone()
                return
        for result, _ in self.pending:
            self.done(result)
        self.pending, self.indicators = [], 0

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.commit()


@contextlib.contextmanager
def _bulk_writes(conn: sqlite3.Connection, bulk: bool):
    """Fewer WAL checkpoints and a larger page cache while many documents (or one streamed) are stored (each
    checkpoint syncs the database file, which costs more than the writes themselves in a large knowledge base);
    one checkpoint at the end. Each document is still wholly in or wholly out (see `_Batches`)."""
    if not bulk:
        yield
        return
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
    conn.execute("PRAGMA cache_size = -65536")  # up to 64 MiB of index pages, allotted as used
    try:
        yield
    finally:
        conn.execute("PRAGMA wal_autocheckpoint = 1000")
        conn.execute(f"PRAGMA cache_size = {cache}")
        with contextlib.suppress(sqlite3.Error):  # the documents are committed; a later checkpoint writes them
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def import_seeds(conn: sqlite3.Connection) -> list[FileResult]:
    from kb.ingest.seeds import seeds_dir

    return import_paths(conn, [seeds_dir()])


# --- the report -------------------------------------------------------------------------------

REPORT_COLUMNS = ("文件 file", "状态 status", "原因 reason")


def follow_ups(results: list[FileResult]) -> list[FileResult]:
    """The files a user should look at: failed first, then skipped."""
    return sorted(
        (r for r in results if r.status in ("failed", "skipped")), key=lambda r: (r.status != "failed", str(r.path))
    )


def write_report(results: list[FileResult], path: Path) -> None:
    """The failed and skipped files with their reason: Markdown for .md, else CSV (UTF-8 with BOM, for Excel)."""
    rows = [(path_text(r.path), STATUS_NAMES[r.status], path_text(r.message)) for r in follow_ups(results)]
    if path.suffix.lower() in (".md", ".markdown"):
        cell = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(REPORT_COLUMNS) + " |", "|" + "---|" * len(REPORT_COLUMNS)]
        lines += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
        text = "\n".join(lines) + "\n"
        encoding = "utf-8"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(REPORT_COLUMNS)
        writer.writerows(rows)
        text, encoding = buffer.getvalue(), "utf-8-sig"
    try:
        path.write_text(text, encoding)
    except OSError as exc:
        raise KbError(f"{path}: 无法写入报告 cannot write the report: {exc.strerror or exc}") from None
