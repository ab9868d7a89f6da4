"""Where the knowledge base lives: --db, else $KB_DB, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    if os.environ.get("KB_DB"):
        return Path(os.environ["KB_DB"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("jixiao-kb", appauthor=False)) / "kb.sqlite3"
