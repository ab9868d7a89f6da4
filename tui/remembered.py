"""What the app remembers between sessions, in kb.paths.app_state_path: the folder a draft was exported to last.
Remembering is a convenience: a file missing, unreadable or broken is an empty memory, and one that cannot be
written is left as it was, never an error in the user's way."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path

from kb import paths

EXPORT_FOLDER = "export_folder"


def _read() -> dict:
    try:
        state = json.loads(paths.app_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def recall(key: str) -> str | None:
    value = _read().get(key)
    return value if isinstance(value, str) else None


def remember(key: str, value: str) -> None:
    """Keep `value` under `key` (written whole to a temporary file, then moved over the old one; one that cannot be
    moved, as on Windows while another app reads the old, is removed, not left behind)."""
    path = paths.app_state_path()
    state = {**_read(), key: value}
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(part, path)
    except OSError:
        with suppress(OSError):
            part.unlink(missing_ok=True)


def export_folder() -> Path:
    """Where the export dialog starts: the folder exported to last, while it is there; else the user's Documents
    folder when there is one, else their home."""
    last = recall(EXPORT_FOLDER)
    if last and Path(last).is_dir():
        return Path(last)
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()
