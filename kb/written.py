"""A file written whole or not at all: made beside its target under a temporary name and moved into place, so that a
failed write (a full disk, a writer library's error) leaves no half file and the file that was there as it was; and
text written where a spreadsheet opens it that never runs as a formula (`FORMULA_START`, `csv_cell`).

In a CSV a target value — an operator ('=', '>='), a number and its unit, '=100%', '-5%', '=2家' — is written as held:
it is data a script must read as it is, and a spreadsheet opening the file can at worst compute a number from it.
Every other cell starting with = + - @ (or a tab or carriage return) would be a formula — a sum, a function call, a
cell reference, DDE (CSV injection) — and gets a leading apostrophe."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from kb.errors import KbError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_TARGET = re.compile(r"[=+-]\s*\d+(?:[.,]\d+)*\s*[%‰]?[^\s=+\-*/^&@()|!$:\"';,<>\[\]{}]*|[=+-][=<>]?")


def csv_cell(text: str) -> str:
    """A CSV cell as written, with a leading apostrophe when it would be a formula and is not a target value."""
    return "'" + text if text.startswith(FORMULA_START) and not _PLAIN_TARGET.fullmatch(text) else text


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
