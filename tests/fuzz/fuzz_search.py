"""Any query text: the full-text expression is quoted tokens FTS5 accepts, and a search gives results or a
KbError (empty, too long), never an SQL error — on a knowledge base holding the sample documents."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import atheris
from common import one_line, run

with atheris.instrument_imports(include=["kb"]):
    from kb.db import connect
    from kb.errors import KbError
    from kb.ingest.run import import_seeds
    from kb.find.search import match_expression, search
    from kb.vocab.tokens import index_tokens

KB = connect(Path(tempfile.mkdtemp()) / "kb.sqlite3")
import_seeds(KB)
FTS = sqlite3.connect(":memory:")
FTS.execute("CREATE VIRTUAL TABLE t USING fts5(tokens)")


def test_one_input(data: bytes) -> None:
    query = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(200)
    expression = match_expression(query)
    if expression is not None:
        FTS.execute("DELETE FROM t")
        FTS.execute("INSERT INTO t VALUES (?)", (index_tokens(query),))
        assert FTS.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()[0] == 1
    try:
        result = search(KB, query)
    except KbError as exc:
        one_line(exc)
        return
    assert result.indicator_total >= len(result.indicators)


SEEDS = [
    "满意度",
    '"满意',
    "指标 OR 1=1",
    "NEAR(a b)",
    "a*",
    "^x",
    "'); DROP TABLE indicators; --",
    "a AND NOT b",
    "服务对象满意度 ≥ 90%",
    "\x00\u202e满",
    "col:value",
    "(((",
    '"""',
    "-满意",
]

if __name__ == "__main__":
    run("search", test_one_input, [s.encode("utf-8") for s in SEEDS])
