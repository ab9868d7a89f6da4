"""One import run as both faces show it: sized from one walk of the files (kb.ingest.run.collect_files), advanced
by each file's result and by the bytes read of a file read as a stream, and told in one summary line, Chinese first.

The command line draws it as a rich bar, the app as a ProgressBar; neither counts anything of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: the faces import this module without the import machinery
    from kb.ingest.run import FileResult


class ImportProgress:
    """Bytes done of all files (for a bar and its ETA), files done and failed so far."""

    def __init__(self, files: Iterable[Path]):
        self.sizes = {path: max(path.stat().st_size, 1) for path in files}
        self.total = sum(self.sizes.values())
        self.done_bytes = self.done = self.failed = self.stored = 0
        self._read: dict[Path, int] = {}  # bytes read so far of a file read as a stream, or a PDF's pages read
        self.current = ""  # the name of the file last heard of
        self._lock = threading.Lock()  # a PDF's pages are told from the thread that hears its worker

    def file_done(self, result: FileResult) -> int:
        """Count a file's result; the bytes it advances the bar by."""
        with self._lock:
            self.done += 1
            self.failed += result.status == "failed"
            self.stored += result.status in ("imported", "replaced")
            self.current = result.path.name
            advance = self.sizes.get(result.path, 1) - self._read.pop(result.path, 0)
            self.done_bytes += advance
            return advance

    def reading(self, path: Path, read: int) -> int:
        """Note the bytes read so far of a file; the bytes it advances the bar by."""
        with self._lock:
            advance = max(read - self._read.get(path, 0), 0)
            self._read[path] = self._read.get(path, 0) + advance
            self.done_bytes += advance
            self.current = path.name
            return advance

    def counts(self) -> str:
        """'3/10 个文件 files，1 个失败 failed'."""
        failed = f"，{self.failed} 个失败 failed" if self.failed else ""
        return f"{self.done}/{len(self.sizes)} 个文件 files{failed}"


def gave(results: Iterable[FileResult]) -> str:
    """What files gave: '12 个项目 projects，95 个指标 indicators' and the department-wide tables and
    self-evaluations where any."""
    results = list(results)
    total = lambda name: sum(getattr(r, name) for r in results)  # noqa: E731
    return (
        f"{total('projects')} 个项目 projects，{total('indicators')} 个指标 indicators"
        + (f"，{total('departments')} 个部门整体 department-wide" if total("departments") else "")
        + (f"，{total('evaluations')} 个自评表 self-evaluations" if total("evaluations") else "")
    )


STATUS_NAMES = {  # a file's status as both faces show it
    "imported": "已导入 imported",
    "replaced": "已替换 replaced",
    "unchanged": "未变 unchanged",
    "skipped": "已跳过 skipped",
    "failed": "失败 failed",
    "would import": "将导入 would import",
}


def summary(results: list[FileResult], dry_run: bool = False) -> str:
    """The one line an import ends with, in both faces."""
    count = lambda *s: sum(1 for r in results if r.status in s)  # noqa: E731
    stored = (
        f"将导入 {count('would import')} would import" if dry_run else f"导入 {count('imported', 'replaced')} imported"
    )
    return (
        f"{stored}（替换 {count('replaced')} replaced）· 未变 {count('unchanged')} unchanged · "
        f"跳过 {count('skipped')} skipped · 失败 {count('failed')} failed；{gave(results)}，"
        f"{sum(len(r.warnings) for r in results)} 条警告 warnings"
        + ("（试运行，未写入 dry run: nothing written）" if dry_run else "")
    )
