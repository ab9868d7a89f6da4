"""Where the knowledge base lives: --db, else $KB_DB, else the user's data directory; and, beside it there, what the
app remembers between sessions."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The user's data directory for jixiao-kb (platformdirs: ~/.local/share/jixiao-kb on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("jixiao-kb", appauthor=False))


def default_db_path() -> Path:
    if os.environ.get("KB_DB"):
        return Path(os.environ["KB_DB"]).expanduser()
    return data_dir() / "kb.sqlite3"


def app_state_path() -> Path:
    """The app's remembered choices (the folder a draft was exported to last), one small JSON file per user,
    whichever knowledge base the app opens."""
    return data_dir() / "app-state.json"


def write_whole(path: Path, data: bytes) -> None:
    """Write a file beside the base whole or not at all, for a reader in another process: to a temporary file, then
    moved over the old one. Nothing when it cannot be (a read-only folder, a full disk, the old file held open on
    Windows): the temporary file is removed, the old one left as it was."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
