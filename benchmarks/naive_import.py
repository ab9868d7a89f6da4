"""The naive peer of `kb import`: every line of every text file stored as one row under an FTS5 trigram index.

    python benchmarks/naive_import.py CORPUS DB

One layout (a line is a row of tab-separated cells), no parsing, no normalisation, plain `sqlite3`: what storing the
same text searchable costs at least. benchmarks/run.py times it beside `kb import` and searches it beside
`kb search` (a trigram MATCH needs 3 characters or more).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def naive_import(corpus: Path, db: Path) -> int:
    """Store every line of the corpus's .txt files; returns the number of rows."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE lines (id INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL, text TEXT)")
    conn.execute(
        "CREATE VIRTUAL TABLE lines_fts USING fts5(text, content='lines', content_rowid='id', tokenize='trigram')"
    )
    rows = 0
    with conn:
        for path in sorted(corpus.rglob("*.txt")):
            lines = [
                (str(path), n, line) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.strip()
            ]
            conn.executemany("INSERT INTO lines (file, line, text) VALUES (?, ?, ?)", lines)
            rows += len(lines)
        conn.execute("INSERT INTO lines_fts (lines_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return rows


if __name__ == "__main__":
    print(naive_import(Path(sys.argv[1]), Path(sys.argv[2])))
