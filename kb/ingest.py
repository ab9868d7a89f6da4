"""`kb import`: walk files and folders, parse documents (in worker processes when there are several) and
store each in the main process, so SQLite writes stay serial: one transaction per document, or in a bulk
import a savepoint per document inside a transaction committed about once a second (`_Batches`).

A worker parses one file at a time under a memory limit and a time limit: a file that hangs or blows up
is killed and reported, and the other files go on. A text or CSV file over STREAM_BYTES is read as a
stream instead, after the others: a worker parses it chunk by chunk (`importers.stream`) and sends the
projects back as they come, and they are stored as they arrive inside the document's one transaction, so
memory stays bounded whatever the file's size; its time limit grows with its size. `write_report` writes
the files that failed or were skipped, with the reason, as CSV or Markdown.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import os
import sqlite3
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import importers
from importers.readers import EXTENSIONS, RowStream, can_stream, read_rows
from importers.records import RawDocument
from kb.errors import KbError
from kb.seeds import MANIFEST, load_manifest
from kb.store import MAX_WARNINGS, Fallbacks, Provenance, store_document, writing

PARSE_TIMEOUT = 120.0  # seconds a worker may spend on one file
STREAM_BYTES = 16 << 20  # text and CSV files larger than this are read as a stream (whole, a 16 MiB file takes ~250 MB)
STREAM_CHUNK_ROWS = 50_000  # rows a streaming worker parses at a time
STREAM_SECONDS_PER_BYTE = 5e-6  # a streamed file's time limit: PARSE_TIMEOUT plus this per byte (~25 times the need)
SECONDS_PER_PAGE = 1.0  # a PDF's time limit: PARSE_TIMEOUT plus this per page (~10 times what a page takes)
WORKER_MEMORY = 3 << 30  # address space of a worker process (Linux), bytes
MIN_PARALLEL = 4  # documents to parse from which worker processes may pay for their start-up …
PARALLEL_SECONDS = 2.0  # … when parsing them in this process would take about this long
SECONDS_PER_BYTE = {".pdf": 5e-6}  # rough parse cost (other formats: DEFAULT_COST)
DEFAULT_COST = 1e-6
MAX_WORKERS = 8
NOT_DOCUMENTS = {"thumbs.db", "desktop.ini", ".ds_store"}
HINTS = {  # extension → why it is skipped, when there is something to do about it
    ".doc": "an old Word .doc: save it as .docx to import it",
    ".wps": "a WPS document: save it as .docx to import it",
    ".et": "a WPS spreadsheet: save it as .xlsx to import it",
    ".ods": "an OpenDocument spreadsheet: save it as .xlsx to import it",
    ".odt": "an OpenDocument text: save it as .docx to import it",
    ".zip": "an archive: unpack it first", ".rar": "an archive: unpack it first", ".7z": "an archive: unpack it first",
}
GOAL_WORDS = ("绩效", "指标")


@dataclass
class FileResult:
    path: Path
    status: str  # imported | replaced | unchanged | failed | skipped | would import
    message: str = ""
    layout: str = ""
    projects: int = 0
    indicators: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    """What parsing one file gave: a document, or why there is none ('failed' or 'skipped')."""

    raw: RawDocument | None
    status: str = "parsed"
    message: str = ""


def _skip_reason(path: Path) -> str:
    """Why a file met while walking a folder is not a document to read ('' when it is one)."""
    name = path.name.lower()
    if name.startswith(("~$", ".~lock")) or name in NOT_DOCUMENTS:
        return "a temporary or system file"
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return ""
    return HINTS.get(suffix, f"not a supported document type ({suffix or 'no extension'})")


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
            reason = _skip_reason(child)
            if reason:
                skipped.append(FileResult(child, "skipped", reason))
            else:
                files.append(child)
                found += 1
        if not found:
            raise KbError(f"{path}: no documents found (looked for {', '.join(sorted(EXTENSIONS))})")
    return files, skipped


def parse_document(path: Path) -> Parsed:
    """Read and parse one file; never raises for a bad document (the result says what went wrong)."""
    rows = []
    try:
        rows = read_rows(path)
        return Parsed(importers.parse_rows(rows))
    except Exception as exc:
        return _failure(exc, rows)


def _failure(exc: Exception, rows: Iterable) -> Parsed:
    """What a parse that raised `exc` reports; `rows` are (the first of) the rows read."""
    if isinstance(exc, importers.UnknownLayout):
        if not any(word in cell for row in rows for cell in row.cells for word in GOAL_WORDS):
            return Parsed(None, "skipped", "not a goal document (no 绩效 or 指标 in it)")
        return Parsed(None, "failed", str(exc))
    if isinstance(exc, (importers.UnreadableFile, importers.ParseError)):
        return Parsed(None, "failed", str(exc))
    if isinstance(exc, MemoryError):
        return Parsed(None, "failed", "too large to parse within the memory limit")
    # a parser bug must not stop the other files
    return Parsed(None, "failed", f"internal error while parsing ({type(exc).__name__}: {exc})")


# --- worker processes -------------------------------------------------------------------------


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    except (ImportError, ValueError, OSError):  # not on this platform, or already lower
        pass


def _worker(conn) -> None:
    """A worker process: parse each path it receives and send the result back, until None. For a PDF it first
    sends the seconds its pages add to the time limit."""
    _limit_memory()
    while (path := conn.recv()) is not None:
        if extra := _extra_seconds(path):
            conn.send(extra)
        conn.send(parse_document(path))


def _crashed(process) -> str:
    """Why a worker that died (out of memory, or a crash in a library) gave no result."""
    return f"the reader crashed on this file (exit code {process.exitcode})"


def _too_slow(limit: float) -> str:
    return f"took longer than {limit:.0f} s to read: stopped"


def _extra_seconds(path: Path) -> float:
    """SECONDS_PER_PAGE for each page of a PDF (0 for other files, or a PDF whose pages cannot be counted)."""
    from importers.readers.pdf import count_pages

    try:
        with path.open("rb") as file:
            if b"%PDF-" not in file.read(1024):
                return 0.0
            file.seek(0)
            return SECONDS_PER_PAGE * count_pages(file)
    except OSError:
        return 0.0


def parse_all(paths: list[Path], workers: int | None = None) -> Iterator[tuple[Path, Parsed]]:
    """Each path with its parse result, in the order they finish. Without `workers`, worker processes
    (one per CPU) are used for MIN_PARALLEL files or more that would take PARALLEL_SECONDS here."""
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS, len(paths)) if _worth_parallel(paths) else 1
    if workers < 2:
        for path in paths:
            yield path, parse_document(path)
        return
    yield from _parse_in_workers(paths, workers)


def _worth_parallel(paths: list[Path]) -> bool:
    if len(paths) < MIN_PARALLEL:
        return False
    cost = sum(path.stat().st_size * SECONDS_PER_BYTE.get(path.suffix.lower(), DEFAULT_COST) for path in paths)
    return cost >= PARALLEL_SECONDS


def _parse_in_workers(paths: list[Path], workers: int) -> Iterator[tuple[Path, Parsed]]:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")
    queue = deque(paths)
    idle: list = []
    busy: dict = {}  # connection → (process, path, started, time limit)

    def start():
        mine, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        return process, mine

    def dispatch():
        while queue and len(busy) < workers:
            process, conn = idle.pop() if idle else start()
            path = queue.popleft()
            conn.send(path)
            busy[conn] = (process, path, time.monotonic(), PARSE_TIMEOUT)

    try:
        while queue or busy:
            dispatch()
            finished = []
            first = min(started + limit for _, _, started, limit in busy.values())
            for conn in wait(list(busy), timeout=max(0.0, first - time.monotonic())):
                process, path, started, limit = busy.pop(conn)
                try:
                    parsed = conn.recv()
                except (EOFError, OSError):  # the worker died: out of memory, or a crash in a library
                    process.join(1)
                    finished.append((path, Parsed(None, "failed", _crashed(process))))
                    continue
                if isinstance(parsed, float):  # a PDF's pages add to its time limit
                    busy[conn] = (process, path, started, limit + parsed)
                    continue
                idle.append((process, conn))
                finished.append((path, parsed))
            now = time.monotonic()
            for conn, (process, path, started, limit) in list(busy.items()):
                if now - started > limit:
                    process.kill()
                    del busy[conn]
                    finished.append((path, Parsed(None, "failed", _too_slow(limit))))
            dispatch()  # the workers parse the next files while the caller stores these
            yield from finished
    finally:
        for process, conn in idle:
            try:
                conn.send(None)
            except OSError:
                process.kill()
        for process, *_ in busy.values():
            process.kill()
        for process, _ in idle:
            process.join(5)


# --- streamed files ---------------------------------------------------------------------------


class _Stopped(Exception):
    """A streamed file that gave no document: status ('failed' or 'skipped') and reason."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _stream_worker(conn, path: Path, chunk_rows: int) -> None:
    """A worker process: read one file as a stream, sending ('piece', piece, bytes read) for each piece of the
    document and then ('done', sha256 of the bytes read), or (status, reason) when it gives no document."""
    from itertools import islice

    from importers.stream import parse_stream

    _limit_memory()
    try:
        with RowStream(path) as rows:
            for piece in parse_stream(rows, chunk_rows):
                conn.send(("piece", piece, rows.bytes_read))
            conn.send(("done", rows.sha256))
    except Exception as exc:
        first = []
        if isinstance(exc, importers.UnknownLayout):  # the words test needs the rows the layout was chosen on
            with contextlib.suppress(Exception), RowStream(path) as rows:
                first = list(islice(rows, chunk_rows))
        parsed = _failure(exc, first)
        conn.send((parsed.status, parsed.message))


class _Streamed:
    """A worker reading one file as a stream, stopped once its time limit (which grows with the size) is up.

    Iterating gives (piece, bytes read so far) and raises _Stopped for a file that gives no document;
    `sha256` is set once every piece has come.
    """

    def __init__(self, path: Path, chunk_rows: int) -> None:
        self.path, self.chunk_rows, self.sha256 = path, chunk_rows, ""
        self.limit = PARSE_TIMEOUT + path.stat().st_size * STREAM_SECONDS_PER_BYTE

    def __enter__(self) -> _Streamed:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe(duplex=False)
        self.process = context.Process(target=_stream_worker, args=(theirs, self.path, self.chunk_rows), daemon=True)
        self.process.start()
        theirs.close()
        self.deadline = time.monotonic() + self.limit
        return self

    def __exit__(self, *exc) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def __iter__(self) -> Iterator[tuple[RawDocument, int]]:
        while True:
            if not self.conn.poll(max(0.0, self.deadline - time.monotonic())):
                raise _Stopped("failed", _too_slow(self.limit))
            try:
                kind, *rest = self.conn.recv()
            except (EOFError, OSError):  # the worker died: out of memory, or a crash in a library
                self.process.join(1)
                raise _Stopped("failed", _crashed(self.process)) from None
            if kind == "piece":
                yield rest[0], rest[1]
            elif kind == "done":
                self.sha256 = rest[0]
                return
            else:
                raise _Stopped(kind, rest[0])


def _import_stream(conn: sqlite3.Connection, path: Path, sha: str, fallbacks: Fallbacks, dry_run: bool,
                   reading: Callable[[Path, int], None]) -> FileResult:
    """A file read as a stream, its projects stored as they come in one transaction (or only counted)."""
    try:
        with _Streamed(path, STREAM_CHUNK_ROWS) as stream:
            pieces = iter(stream)
            first, done = next(pieces)
            pieces = itertools.chain([(first, done)], pieces)
            if dry_run:
                return _counted(path, first.layout, pieces, reading)
            with writing(conn, first, Provenance(path.name, str(path.resolve()), sha), fallbacks) as writer:
                for piece, done in pieces:
                    writer.add(piece.projects, piece.warnings)
                    reading(path, done)
                if stream.sha256 != sha:
                    raise _Stopped("failed", "the file changed while it was read: import it again")
    except _Stopped as exc:
        return FileResult(path, exc.status, exc.message)
    except KbError as exc:
        return FileResult(path, "failed", str(exc))
    except sqlite3.Error as exc:
        return FileResult(path, "failed", f"database error: {exc}")
    stored = writer.stored
    return FileResult(path, "replaced" if stored.replaced else "imported", "", first.layout,
                      stored.projects, stored.indicators, stored.warnings)


def _counted(path: Path, layout: str, pieces: Iterable[tuple[RawDocument, int]],
             reading: Callable[[Path, int], None]) -> FileResult:
    """A dry run's result for a file read as a stream: its projects, indicators and (first) warnings counted."""
    result = FileResult(path, "would import", "", layout)
    for piece, done in pieces:
        result.projects += len(piece.projects)
        result.indicators += sum(len(p.indicators) for p in piece.projects)
        result.warnings += piece.warnings[: MAX_WARNINGS - len(result.warnings)]
        reading(path, done)
    return result


# --- storing ----------------------------------------------------------------------------------


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


def _store(conn: sqlite3.Connection, path: Path, parsed: Parsed, sha: str, options: Fallbacks, manifests: dict,
           dry_run: bool) -> FileResult:
    """The parsed document stored (or only counted, in a dry run)."""
    raw = parsed.raw
    if raw is None:
        return FileResult(path, parsed.status, parsed.message)
    indicators = sum(len(p.indicators) for p in raw.projects)
    if dry_run:
        return FileResult(path, "would import", "", raw.layout, len(raw.projects), indicators, raw.warnings)
    try:
        stored = store_document(conn, raw, Provenance(path.name, str(path.resolve()), sha),
                                _fallbacks(path, options, manifests))
    except KbError as exc:
        return FileResult(path, "failed", str(exc))
    except sqlite3.Error as exc:
        return FileResult(path, "failed", f"database error: {exc}")
    return FileResult(path, "replaced" if stored.replaced else "imported", "", raw.layout,
                      stored.projects, stored.indicators, stored.warnings)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


BULK_CHECKPOINT_PAGES = 10000  # about 40 MiB of WAL between checkpoints during a large import


def import_paths(conn: sqlite3.Connection, paths: Iterable[Path], options: Fallbacks | None = None,
                 dry_run: bool = False, progress: Callable[[FileResult], None] | None = None,
                 workers: int | None = None, reading: Callable[[Path, int], None] | None = None) -> list[FileResult]:
    """Import every document under `paths`; the results (in file order) list skipped files too.

    A file whose content is already stored, or repeats another file of this import, is 'unchanged'.
    `progress` gets each file's result; `reading` the bytes read so far of a file read as a stream.
    """
    files, skipped = collect_files(paths)
    options = options or Fallbacks()
    results: dict[Path, FileResult] = {}
    shas: dict[Path, str] = {}
    first_with: dict[str, Path] = {}

    def done(result: FileResult) -> None:
        results[result.path] = result
        if progress:
            progress(result)

    for path in files:
        try:
            sha = _sha256(path)
        except OSError as exc:
            done(FileResult(path, "failed", f"cannot read file: {exc.strerror or exc}"))
            continue
        if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
            done(FileResult(path, "unchanged", "already imported (same content)"))
        elif sha in first_with:
            done(FileResult(path, "unchanged", f"same content as {first_with[sha]}"))
        else:
            first_with[sha] = path
            shas[path] = sha
    manifests: dict[Path, dict] = {}
    streamed = [path for path in shas if path.stat().st_size > STREAM_BYTES and can_stream(path)]
    order, waiting = [path for path in shas if path not in streamed], {}
    bulk = len(shas) >= BULK_DOCUMENTS
    with _bulk_writes(conn, bulk or bool(streamed)):
        with _Batches(conn, done, enabled=bulk and not dry_run) as batches:
            for path, parsed in parse_all(list(order), workers):
                waiting[path] = parsed
                while order and order[0] in waiting:  # store in file order, so ids do not depend on timing
                    path = order.pop(0)
                    batches.store(_store, conn, path, waiting.pop(path), shas[path], options, manifests, dry_run)
        for path in streamed:  # after the others, one at a time: each holds the write lock while it is read
            done(_import_stream(conn, path, shas[path], _fallbacks(path, options, manifests), dry_run,
                                reading or (lambda path, done: None)))
    return [results[path] for path in files] + skipped


BULK_DOCUMENTS = 10  # documents in one import from which it is written as a bulk import
BATCH_INDICATORS = 50_000  # a bulk import commits once this many indicators are stored …
BATCH_SECONDS = 1.0  # … or this long after its last commit, whichever comes first


class _Batches:
    """A bulk import's documents committed a batch at a time: each document is a savepoint inside the batch's
    transaction (wholly in or wholly out, alone when it fails), and a commit every BATCH_INDICATORS indicators
    or BATCH_SECONDS writes each changed index page once per batch instead of once per document. A document's
    result is reported once it is committed; an interruption commits the documents already complete."""

    def __init__(self, conn: sqlite3.Connection, done: Callable[[FileResult], None], enabled: bool) -> None:
        self.conn, self.done, self.enabled = conn, done, enabled
        self.pending: list[FileResult] = []
        self.indicators, self.started = 0, 0.0

    def __enter__(self) -> _Batches:
        return self

    def store(self, write: Callable[..., FileResult], *args) -> None:
        """`write(*args)` (one document) inside the batch; commits when the batch is full or old enough."""
        if not self.enabled:
            self.done(write(*args))
            return
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
        result = write(*args)
        self.pending.append(result)
        self.indicators += result.indicators
        if self.indicators >= BATCH_INDICATORS or time.monotonic() - self.started >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        for result in self.pending:
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
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def import_seeds(conn: sqlite3.Connection) -> list[FileResult]:
    from kb.seeds import seeds_dir

    return import_paths(conn, [seeds_dir()])


# --- the report -------------------------------------------------------------------------------

REPORT_COLUMNS = ("file", "status", "reason")


def follow_ups(results: list[FileResult]) -> list[FileResult]:
    """The files a user should look at: failed first, then skipped."""
    return sorted((r for r in results if r.status in ("failed", "skipped")),
                  key=lambda r: (r.status != "failed", str(r.path)))


def write_report(results: list[FileResult], path: Path) -> None:
    """The failed and skipped files with their reason: Markdown for .md, else CSV (UTF-8 with BOM, for Excel)."""
    rows = [(str(r.path), r.status, r.message) for r in follow_ups(results)]
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
        raise KbError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
