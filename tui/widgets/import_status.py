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
    done: int
    total: int
    name: str


@dataclass
class ImportDone(Message):
    """An import finished: `results` (kb.ingest.run.FileResult list), or `error` if it could not run."""

    results: list
    error: str = ""

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        count = lambda *s: sum(1 for r in self.results if r.status in s)  # noqa: E731
        return (
            f"导入 {count('imported', 'replaced')} imported · 未变 {count('unchanged')} unchanged · "
            f"失败 {count('failed')} failed · 跳过 {count('skipped')} skipped；"
            f"{sum(r.projects for r in self.results)} 个项目 projects, "
            f"{sum(r.indicators for r in self.results)} 个指标 indicators"
        )


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
        from kb.ingest.run import collect_files, import_paths

        try:
            total = len(collect_files(paths)[0])
            self.post_message(ImportProgress(0, total, ""))
            done = 0

            def progress(result) -> None:
                nonlocal done
                done += 1
                self.post_message(ImportProgress(done, total, result.path.name))

            conn = connect(db_path)
            try:
                results = import_paths(conn, paths, progress=progress)
            finally:
                conn.close()
        except KbError as exc:
            self.post_message(ImportDone([], str(exc)))
        except Exception as exc:  # the app must survive whatever a document does
            self.post_message(ImportDone([], f"import failed: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(ImportDone(results))

    @on(ImportProgress)
    def _progress(self, event: ImportProgress) -> None:
        event.stop()
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        if event.name:
            self.query_one("#import-label", Label).update(Text(shown(f"导入 importing {event.name}")))

    @on(ImportDone)
    def _done(self, event: ImportDone) -> None:
        self.display = self.running = False
