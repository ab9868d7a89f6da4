"""Imports documents in a thread worker on their own connection, showing a progress bar meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar

from kb.db import connect
from kb.errors import KbError
from kb.vocab.text import shown


@dataclass
class ImportProgress(Message):
    """How far the import is (bytes done of `total`, the files counted), the file last heard of. A newer one
    replaces one still waiting in the queue, so a 100,000-file import is not 100,000 screen updates."""

    done: int
    total: int
    counts: str
    name: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ImportProgress)


@dataclass
class ImportDone(Message):
    """An import finished: `results` (kb.ingest.run.FileResult list), or `error` if it could not run; `first`, the
    first goal table the tree lists of the first document stored (kb.find.queries.first_listed)."""

    results: list
    error: str = ""
    first: int | None = None

    @property
    def summary(self) -> str:
        from kb.ingest.progress import summary

        return self.error or summary(self.results)


class ImportStatus(Horizontal):
    """Hidden until an import runs; ImportDone bubbles up when it ends."""

    def compose(self) -> ComposeResult:
        yield Label("导入 importing", id="import-label")
        yield ProgressBar(id="import-bar", show_eta=False)

    running = False

    def start(self, db_path: Path, paths: list[Path]) -> bool:
        """Start importing `paths`; False if an import is already running."""
        if self.running:
            return False
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-label", Label).update(Text(shown(f"导入 importing {', '.join(p.name for p in paths)}")))
        self.display = self.running = True
        self._import(db_path, paths)
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import(self, db_path: Path, paths: list[Path]) -> None:
        from kb.ingest.progress import ImportProgress as State
        from kb.find.queries import first_listed
        from kb.ingest.run import collect_files, import_paths

        try:
            walk = collect_files(paths, db_path)
            state = State(walk.files)

            def tell() -> None:
                self.post_message(ImportProgress(state.done_bytes, state.total, state.counts(), state.current))

            def progress(result) -> None:
                state.file_done(result)
                tell()

            def reading(path: Path, read: int) -> None:
                state.reading(path, read)
                tell()

            tell()
            conn = connect(db_path)
            try:
                results = import_paths(conn, walk, progress=progress, reading=reading)
                first = first_listed(conn, [r.document_id for r in results if r.document_id is not None])
            finally:
                conn.close()
        except KbError as exc:
            self.post_message(ImportDone([], str(exc)))
        except Exception as exc:  # the app must survive whatever a document does
            self.post_message(ImportDone([], f"导入失败 import failed: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(ImportDone(results, first=first))

    @on(ImportProgress)
    def _progress(self, event: ImportProgress) -> None:
        event.stop()
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        self.query_one("#import-label", Label).update(Text(shown(f"导入 importing {event.counts} {event.name}")))

    @on(ImportDone)
    def _done(self, event: ImportDone) -> None:
        self.display = self.running = False
