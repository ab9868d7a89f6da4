"""What the app remembers between sessions, in kb.paths.app_state_path: the folder the app wrote a file to last (a
draft exported, a comparison, an import's report), where each of those dialogs starts.
Remembering is a convenience: a file missing, unreadable or broken is an empty memory, and one that cannot be
written is left as it was, never an error in the user's way."""

from __future__ import annotations

import json
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
    """Keep `value` under `key` (the file written whole, kb.paths.write_whole; left as it was when it cannot be)."""
    state = {**_read(), key: value}
    paths.write_whole(paths.app_state_path(), json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))


def export_folder() -> Path:
    """Where a dialog writing a file starts: the folder written to last, while it is there; else the user's Documents
    folder when there is one, else their home."""
    last = recall(EXPORT_FOLDER)
    if last and Path(last).is_dir():
        return Path(last)
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def written_to(path: Path) -> None:
    """Remember the folder a file was written to (made absolute), for the next dialog writing one."""
    remember(EXPORT_FOLDER, str(path.absolute().parent))
