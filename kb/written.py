"""A file written whole or not at all: made beside its target under a temporary name and moved into place, so that a
failed write (a full disk, a writer library's error) leaves no half file and the file that was there as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from kb.errors import KbError


def write_whole(path: Path, write: Callable[[Path], object], suffix: str = "") -> Path:
    """Call `write` with a temporary path beside `path`, then move what it wrote to `path`; KbError, in one line,
    when the folder or the file cannot be written."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=suffix or path.suffix, dir=path.parent)
    except OSError as exc:
        raise KbError(f"{path.parent}: 无法在此写入 cannot write here ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it private to the user)
        os.replace(tmp, path)
    except OSError as exc:
        raise KbError(f"{path}: 无法写入 cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
