"""Files parsed into documents ready to store (`kb.ingest.normalise`): in worker processes each under a memory and a
time limit, so a file that hangs or blows up is stopped and reported while the others go on; only small text files,
whose parse is in step with their size, are parsed in this process.

`parse_all` parses the files, in as many workers as are worth their start-up (one for a single sheet, Word document
or PDF); a thread receives each result as soon as it is ready, so workers never wait for the caller to finish
storing. `Streamed` reads one large text or CSV
file in a worker as a stream, sending its projects back piece by piece (`importers.stream`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, cast

import importers
from importers.readers import RowStream, can_stream
from kb.ingest.normalise import Document, normalise

PARSE_TIMEOUT = 120.0  # seconds a worker may spend on one file (of CPU time where the system says how much it used) …
WALL_FACTOR = 5  # … and at most this many times as long on the clock (a worker blocked, or a machine so loaded)
IN_PROCESS_BYTES = 1 << 20  # a text file up to this size is parsed in the importing process (a worker costs ~0.6 s)
STREAM_SECONDS_PER_BYTE = 5e-6  # a streamed file's time limit: PARSE_TIMEOUT plus this per byte (~25 times the need)
SECONDS_PER_PAGE = 1.0  # a PDF's time limit: PARSE_TIMEOUT plus this per page (~10 times what a page takes)
WORKER_MEMORY = 3 << 30  # address space of a worker process (Linux), bytes
WORKER_NICENESS = 10  # added to a worker's niceness (Unix)
MIN_PARALLEL = 4  # documents to parse from which worker processes may pay for their start-up …
PARALLEL_SECONDS = 2.0  # … when parsing them in this process would take about this long
SECONDS_PER_BYTE = {".pdf": 5e-6}  # rough parse cost (other formats: DEFAULT_COST)
DEFAULT_COST = 1e-6
MAX_WORKERS = 8
LOOKAHEAD = 2  # files per worker parsed (or being parsed) ahead of the one being stored
POLL = 0.02  # seconds between looks for results, time limits, room to hand out the next file, or a stop
GOAL_WORDS = ("绩效", "指标")
PR_SET_PDEATHSIG = 1  # Linux prctl: the signal a process gets when the thread that started it ends
# what a worker's pipe raises once the importing process is gone: a closed pipe, or (a Unix socket closed with results
# still unread in it) a reset connection
PARENT_GONE = (ConnectionError, EOFError)


Reading = Callable[[Path, int], None]  # a file and the bytes of it read so far


@dataclass
class Parsed:
    """What parsing one file gave: a document ready to store, or why there is none ('failed' or 'skipped')."""

    doc: Document | None
    status: str = "parsed"
    message: str = ""


def parse_document(path: Path) -> Parsed:
    """Read, parse and normalise one file; never raises for a bad document (the result says what went wrong)."""
    rows = []
    try:
        rows = importers.read_document(path)
        return Parsed(normalise(importers.parse_rows(rows)))
    except Exception as exc:
        failed = _failure(exc, rows)
        said = importers.misnamed_text(path) if failed.status == "skipped" else None  # (a text named .pdf)
        return Parsed(None, "failed", said) if said else failed


def _failure(exc: Exception, rows: Iterable) -> Parsed:
    """What a parse that raised `exc` reports; `rows` are (the first of) the rows read."""
    if isinstance(exc, importers.UnknownLayout):
        if not any(word in cell for row in rows for cell in row.cells for word in GOAL_WORDS):
            return Parsed(
                None,
                "skipped",
                "不是绩效目标文件（文中没有“绩效”或“指标”） not a goal document (no 绩效 or 指标 in it)",
            )
        return Parsed(None, "failed", str(exc))
    if isinstance(exc, (importers.UnreadableFile, importers.ParseError)):
        return Parsed(None, "failed", str(exc))
    if isinstance(exc, MemoryError):
        return Parsed(None, "failed", "文件过大：解析时超出内存上限 (too large to parse within the memory limit)")
    # a parser bug must not stop the other files
    return Parsed(None, "failed", f"internal error while parsing ({type(exc).__name__}: {exc})")


# --- worker processes -------------------------------------------------------------------------


def _limit_worker() -> None:
    """A worker's memory limit, and a lower priority than the process storing what it parses: the one store
    is the import's bottleneck, so it should never wait for a CPU the workers hold. ^C is left to the importing
    process (a worker stopped by it would print its own traceback)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    except (ImportError, ValueError, OSError):  # not on this platform, or already lower
        pass
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(WORKER_NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is for the importing process, which stops its workers
    _die_with_parent()


def _die_with_parent() -> None:
    """End this worker with the process that started it, even one killed by SIGKILL: on Linux the kernel kills it
    (it used to parse on for seconds, for nobody); elsewhere it ends quietly when it finds its pipe closed."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before the line above
        os._exit(0)


def _worker(conn) -> None:
    """A worker process: parse each path it receives and send the result back, until None. For a PDF it first
    sends the seconds its pages add to the time limit, then (read, pages) after each page."""
    from importers.readers.pdf import PAGE_READ

    _limit_worker()
    with contextlib.suppress(*PARENT_GONE):  # nobody to tell
        while (path := conn.recv()) is not None:
            if extra := _extra_seconds(path):
                conn.send(extra)
            telling = PAGE_READ.set(lambda read, pages: conn.send((read, pages)))
            try:
                parsed = parse_document(path)
            finally:
                PAGE_READ.reset(telling)
            conn.send(parsed)


def _spawning():
    """The multiprocessing context workers are started in ('spawn': no state copied from this process), its
    resource tracker running. multiprocessing starts the tracker with sys.stderr's file descriptor, which an app
    that captures output (Textual gives -1) makes fail: the tracker gets the process's own stderr instead."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    if os.name == "posix" and sys.__stderr__ is not None and _descriptor(sys.stderr) < 0:
        from multiprocessing import resource_tracker

        captured, sys.stderr = sys.stderr, sys.__stderr__
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
    return context


def _descriptor(stream) -> int:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return -1


def _crashed(process) -> str:
    """Why a worker that died (out of memory, or a crash in a library) gave no result."""
    return (
        f"读取此文件的进程异常退出（退出码 {process.exitcode}），可能超出了内存上限 (the reader crashed on this file)"
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _cpu_seconds(pid: int) -> float | None:
    """The CPU seconds process `pid` has used, where the system says (Linux's /proc); None elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    utime, stime = stat.rsplit(")", 1)[1].split()[11:13]  # (fields 14 and 15, after the name in brackets)
    return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")


def overran(pid: int, cpu: float | None, limit: float, wall: float) -> bool:
    """Whether a worker `wall` seconds on a file, past its time limit on the clock, has spent it: in CPU time where
    the system says (`cpu`, what it had used before the file), as on a loaded machine a worker waits its turn while
    the clock runs (the real documents' largest took 60–190 s against 12 s of CPU, and were stopped), and up to
    WALL_FACTOR times the limit on the clock."""
    if cpu is None or (used := _cpu_seconds(pid)) is None:
        return True
    return used - cpu > limit or wall > WALL_FACTOR * limit


def _too_slow(limit: float) -> str:
    return f"读取超时：超过 {limit:.0f} 秒，已停止 (took longer than {limit:.0f} s to read: stopped)"


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


def parse_all(
    paths: list[Path], workers: int | None = None, reading: Reading | None = None
) -> Iterator[tuple[Path, Parsed]]:
    """Each path with its parse result, in the order they finish. Without `workers`, worker processes
    (one per CPU) are used for MIN_PARALLEL files or more that would take PARALLEL_SECONDS here. Only small text
    files are parsed in this process: any other file, even alone, goes to a worker, under its limits.
    `reading` is told, from another thread, the share of a PDF's bytes its pages read so far stand for."""
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS, len(paths)) if _worth_parallel(paths) else 1
    if workers < 2 and all(map(_safe_here, paths)):
        for path in paths:
            yield path, parse_document(path)
        return
    yield from _parse_in_workers(paths, max(workers, 1), reading)


def _safe_here(path: Path) -> bool:
    """Whether the file is text of at most IN_PROCESS_BYTES (by its extension and its first bytes): its parse takes
    time and memory in step with its size, so it needs no worker. A sheet, a Word document or a PDF may unpack or
    draw far more than its size, and a larger text takes long enough to need the time limit."""
    try:
        return path.stat().st_size <= IN_PROCESS_BYTES and can_stream(path)
    except OSError:
        return True  # reading it will say what is wrong


def _worth_parallel(paths: list[Path]) -> bool:
    if len(paths) < MIN_PARALLEL:
        return False
    cost = sum(path.stat().st_size * SECONDS_PER_BYTE.get(path.suffix.lower(), DEFAULT_COST) for path in paths)
    return cost >= PARALLEL_SECONDS


def _parse_in_workers(paths: list[Path], workers: int, reading: Reading | None) -> Iterator[tuple[Path, Parsed]]:
    """Results from worker processes, received by a thread as soon as they are ready, so a worker never waits
    for the caller to finish storing the previous document; at most LOOKAHEAD files per worker are parsed
    ahead of the caller, so memory stays bounded."""
    import queue
    import threading

    results: queue.Queue = queue.Queue()
    room = threading.Semaphore(LOOKAHEAD * workers)
    stop = threading.Event()
    thread = threading.Thread(target=_run_workers, args=(paths, workers, results, room, stop, reading), daemon=True)
    thread.start()
    try:
        for _ in paths:
            item = results.get()
            if isinstance(item, BaseException):
                raise item
            room.release()
            yield item
    finally:
        stop.set()
        thread.join()


def _run_workers(paths: list[Path], workers: int, results, room, stop, reading: Reading | None) -> None:
    """The thread of `_parse_in_workers`: start workers, hand each a file while there is room, put each result
    (or the failure of a worker that died or overran its time limit) in `results`, until all are done or `stop`."""
    from multiprocessing.connection import Connection, wait

    context = _spawning()
    todo = deque(paths)
    idle: list = []
    busy: dict[Connection, tuple] = {}  # connection → (process, path, started, time limit, CPU seconds used before)

    def start():
        mine, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        return process, mine

    try:
        while (todo or busy) and not stop.is_set():
            while todo and len(busy) < workers and room.acquire(blocking=False):
                process, conn = idle.pop() if idle else start()
                path = todo.popleft()
                conn.send(path)
                busy[conn] = (process, path, time.monotonic(), PARSE_TIMEOUT, _cpu_seconds(process.pid))
            if not busy:  # no room: the caller has not taken the results yet
                time.sleep(POLL)
                continue
            for ready in wait(list(busy), timeout=POLL):
                conn = cast(Connection, ready)
                process, path, started, limit, cpu = busy.pop(conn)
                try:
                    parsed = conn.recv()
                except (EOFError, OSError):  # the worker died: out of memory, or a crash in a library
                    process.join(1)
                    results.put((path, Parsed(None, "failed", _crashed(process))))
                    continue
                if isinstance(parsed, float):  # a PDF's pages add to its time limit
                    busy[conn] = (process, path, started, limit + parsed, cpu)
                    continue
                if isinstance(parsed, tuple):  # (pages read, pages) of a PDF
                    busy[conn] = (process, path, started, limit, cpu)
                    if reading and parsed[1] > 0:
                        reading(path, _size(path) * min(parsed[0], parsed[1]) // parsed[1])
                    continue
                idle.append((process, conn))
                results.put((path, parsed))
            now = time.monotonic()
            for conn, (process, path, started, limit, cpu) in list(busy.items()):
                if now - started > limit and overran(process.pid, cpu, limit, now - started):
                    process.kill()
                    del busy[conn]
                    results.put((path, Parsed(None, "failed", _too_slow(limit))))
    except BaseException as exc:  # noqa: BLE001 — handed to the caller's thread, which raises it
        results.put(exc)
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


class Stopped(Exception):
    """A streamed file that gave no document: status ('failed' or 'skipped') and reason."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _stream_worker(conn, path: Path, chunk_rows: int) -> None:
    """A worker process: read one file as a stream, sending ('piece', piece, bytes read) for each piece of the
    document and then ('done', sha256 of the bytes read), or (status, reason) when it gives no document."""
    _limit_worker()
    with contextlib.suppress(*PARENT_GONE):  # nobody to tell
        _stream(conn, path, chunk_rows)


def _stream(conn, path: Path, chunk_rows: int) -> None:
    from itertools import islice

    from importers.stream import parse_stream

    try:
        with RowStream(path) as rows:
            for piece in parse_stream(rows, chunk_rows):
                conn.send(("piece", normalise(piece), rows.bytes_read))
            conn.send(("done", rows.sha256))
    except PARENT_GONE:
        raise
    except Exception as exc:
        first = []
        if isinstance(exc, importers.UnknownLayout):  # the words test needs the rows the layout was chosen on
            with contextlib.suppress(Exception), RowStream(path) as rows:
                first = list(islice(rows, chunk_rows))
        parsed = _failure(exc, first)
        conn.send((parsed.status, parsed.message))


class Streamed:
    """A worker reading one file as a stream, stopped once its time limit (which grows with the size) is up.

    Iterating gives (piece, bytes read so far) and raises Stopped for a file that gives no document;
    `sha256` is set once every piece has come.
    """

    def __init__(self, path: Path, chunk_rows: int) -> None:
        self.path, self.chunk_rows, self.sha256 = path, chunk_rows, ""
        self.limit = PARSE_TIMEOUT + path.stat().st_size * STREAM_SECONDS_PER_BYTE

    def __enter__(self) -> Streamed:
        context = _spawning()
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

    def __iter__(self) -> Iterator[tuple[Document, int]]:
        while True:
            if not self.conn.poll(max(0.0, self.deadline - time.monotonic())):
                raise Stopped("failed", _too_slow(self.limit))
            try:
                kind, *rest = self.conn.recv()
            except (EOFError, OSError):  # the worker died: out of memory, or a crash in a library
                self.process.join(1)
                raise Stopped("failed", _crashed(self.process)) from None
            if kind == "piece":
                yield rest[0], rest[1]
            elif kind == "done":
                self.sha256 = rest[0]
                return
            else:
                raise Stopped(kind, rest[0])
