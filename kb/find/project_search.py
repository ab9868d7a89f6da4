"""Projects whose name, overview or annual goal contains a query: the first page, at the cost of that page.

Real descriptions run to hundreds of characters and most of them name 满意度: a common query matches most projects.
Ranking every hit (bm25) and counting them all cost 0.5 s at 100,000 projects for a page of 20. Here the page is
read newest first from the indexes, stopping when it is full: projects whose *name* holds the query first (their own
small index, `project_names_fts`), then the others. Hits are counted exactly up to `COUNT_CAP`; past it the total
is estimated from how far back the hits counted reach (`kb.find.counts`). A one-character query (率) would make the
index merge every token starting with it: the newest projects are read instead, and the index is asked only when
they hold too few hits (a rare character, whose merge is cheap). A query of several words (kb.vocab.tokens.query_words)
walks the hits of all its words at once (FTS5 intersects their postings, skipping along the rarest; a one-character
word a prefix query), each tested for the words the index cannot tell (spanning separators, or of no letter or
digit: kb.vocab.tokens.words_expression), so it costs about what its rarest word costs.

Only `sqlite3` is imported here: `kb search` must start fast.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from kb.find.counts import Count, estimate
from kb.find.gil import STOP_CHECK, read_rows
from kb.vocab.tokens import fold, match_expression, needs_recheck, one_character, query_words, words_expression

COUNT_CAP = 2_000  # hits counted one by one; past this the total is estimated
SCAN_ROWS = 2_000  # a one-character query: newest projects read before the index is asked
SCAN_HITS = 200  # … and the hits among them that make a sample good enough to estimate from
SCAN_CHUNK = 250  # … read at a time

_COLUMNS = "p.id, p.name, p.kind, p.region, p.year, p.department, p.implementing_unit, p.amount_wan, p.overview, p.goal"
_NAMES = tuple(column.removeprefix("p.") for column in _COLUMNS.split(", "))
_TEXTS = "coalesce(p.name, '') || char(10) || coalesce(p.overview, '') || char(10) || coalesce(p.goal, '')"


def _where(filters, params: dict) -> str:
    from kb.find.search import filter_sql  # one definition of the filters, shared with the indicators

    return filter_sql(filters, params, with_level=False)


def _walk(table: str, q: str, where: str, params: dict) -> str:
    """SQL of the ids of projects matching `q` (each of its words) in `table`'s columns, newest first (FTS5 yields
    them lazily)."""
    texts = "p.name" if table == "project_names_fts" else _TEXTS
    words = query_words(q)
    if len(words) > 1:
        return _walk_words(table, texts, words, where, params)
    q = words[0]  # ('"烟台 救助"' in quotes: 烟台 救助)
    expr = match_expression(q)
    recheck = f"instr(kb_fold({texts}), :folded) > 0"
    if expr is None:  # no letters or digits (%): a scan of the texts
        return f"SELECT p.id FROM projects p WHERE {recheck} {where} ORDER BY p.id DESC"
    params["expr"] = expr
    join = "JOIN projects p ON p.id = f.rowid" if where or needs_recheck(q) else ""
    check = f"AND {recheck}" if needs_recheck(q) else ""
    return f"SELECT f.rowid AS id FROM {table} f {join} WHERE {table} MATCH :expr {check} {where} ORDER BY f.rowid DESC"


def _walk_words(table: str, texts: str, words: list[str], where: str, params: dict) -> str:
    """`_walk` of several words: the index's hits of all of them, tested for those it cannot tell (words_expression)."""
    from kb.find.search import holds_words

    expr, checks = words_expression(words)
    holds = holds_words(texts, checks, params)
    if expr is None:
        return f"SELECT p.id FROM projects p WHERE {holds} {where} ORDER BY p.id DESC"
    params["expr"] = expr
    join = "JOIN projects p ON p.id = f.rowid" if where or checks else ""
    check = f"AND {holds}" if checks else ""
    return f"SELECT f.rowid AS id FROM {table} f {join} WHERE {table} MATCH :expr {check} {where} ORDER BY f.rowid DESC"


def _share(conn: sqlite3.Connection, reached: int) -> float:
    """The share of projects (by id, newest first) from the newest back to id `reached`."""
    low, high = conn.execute("SELECT (SELECT min(id) FROM projects), (SELECT max(id) FROM projects)").fetchone()
    return (high - reached + 1) / (high - low + 1) if high is not None else 1.0


def count_projects(
    conn: sqlite3.Connection,
    query: str,
    filters,
    cap: int | None = COUNT_CAP,
    stop: Callable[[], bool] | None = None,
) -> Count | None:
    """How many projects contain `query`: exact up to `cap`, estimated past it (None: always exact). When `stop()`
    turns true (checked every `STOP_CHECK` SQLite steps) the count is interrupted and None returned."""
    from kb.find.search import parsed

    q, _ = parsed(query)
    params: dict = {"folded": fold(q)}
    walk = _walk("projects_fts", query, _where(filters, params), params)
    if stop is not None:
        conn.set_progress_handler(stop, STOP_CHECK)
    try:
        if cap is None:
            return Count(conn.execute(f"SELECT count(*) FROM ({walk})", params).fetchone()[0])
        params["cap"] = cap + 1
        counted, reached = conn.execute(f"SELECT count(*), min(id) FROM ({walk} LIMIT :cap)", params).fetchone()
    except sqlite3.OperationalError:
        if stop is not None and stop():
            return None
        raise
    finally:
        if stop is not None:
            conn.set_progress_handler(None, 0)
    if counted <= cap:
        return Count(counted)
    return estimate(counted, _share(conn, reached))


def _scan(conn: sqlite3.Connection, q: str, where: str, params: dict, need: int) -> tuple[list[int], Count] | None:
    """A one-character query, read from the newest projects: (ids of the first `need` hits, their count), or None
    when the newest `SCAN_ROWS` projects hold fewer than `need` hits (a rare character: the index is cheap then)."""
    hits: list[int] = []
    read = last = 0
    enough = max(need, SCAN_HITS)
    for pid, text in _newest(conn, where, params, SCAN_ROWS + 1):
        if read == SCAN_ROWS:
            break
        read, last = read + 1, pid
        if params["folded"] in fold(text):
            hits.append(pid)
            if len(hits) >= enough:
                break
    else:  # every project was read
        return hits[:need], Count(len(hits))
    if len(hits) < need:
        return None
    return hits[:need], estimate(len(hits), _share(conn, last))


def _newest(conn: sqlite3.Connection, where: str, params: dict, rows: int) -> Iterator[tuple[int, str]]:
    """(id, texts) of the newest `rows` projects within the filters, newest first: SCAN_CHUNK of them read as one
    row, their texts folded here rather than by SQL (kb.find.gil: each row, and each call of an SQL function
    written in Python, takes the GIL back)."""
    before = None
    while rows > 0:
        older = "" if before is None else "AND p.id < :before"
        sql = f"SELECT p.id, {_TEXTS} FROM projects p WHERE 1 {where} {older} ORDER BY p.id DESC LIMIT :rows"
        want = min(SCAN_CHUNK, rows)
        chunk = sorted(read_rows(conn, sql, {**params, "before": before, "rows": want}, ("id", "texts")), reverse=True)
        yield from chunk
        if len(chunk) < want:
            return
        rows, before = rows - want, chunk[-1][0]


def _ids(conn: sqlite3.Connection, walk: str, params: dict) -> list[int]:
    """The ids a walk gives (newest first, as it orders them), read as one row (kb.find.gil)."""
    return sorted((pid for (pid,) in read_rows(conn, walk, params, ("id",))), reverse=True)


def _snippet(row: dict, words: list[str], width: int = 24) -> tuple[str, str]:
    """(the column holding most of the words, the first of them on a tie, its text around the first word there)."""
    needles = [fold(w) for w in words]
    best: tuple = (0, "", "", [])
    for column in ("name", "overview", "goal"):
        text = row[column] or ""
        folded = fold(text)
        found = [(at, len(w)) for w in needles if (at := folded.find(w)) >= 0]
        if len(found) > best[0]:
            best = (len(found), column, text, found)
            if len(found) == len(needles):
                break
    _, column, text, found = best
    if not found:
        return "", ""
    at, length = min(found)
    start, end = max(0, at - width), min(len(text), at + length + width)
    return column, ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


def search_projects(
    conn: sqlite3.Connection, query: str, filters, limit: int = 20, offset: int = 0
) -> tuple[Count, list[dict]]:
    """(how many projects contain `query` (each of its words, kb.vocab.tokens.query_words) in name, overview or goal —
    a `Count`, exact or estimated — and `limit` of them after the first `offset`: those whose name holds it (all the
    words) first, then the others, newest first within each)."""
    from kb.find.search import parsed

    q, words = parsed(query)
    params: dict = {"folded": fold(q)}
    where = _where(filters, params)
    by_name = _ids(
        conn, f"{_walk('project_names_fts', query, where, params)} LIMIT :need", {**params, "need": limit + offset}
    )
    one = len(words) == 1 and one_character(q)
    scanned = _scan(conn, q, where, params, limit + offset + len(by_name)) if one else None
    if scanned is not None:
        others, total = scanned
    else:
        walk = _walk("projects_fts", query, where, params)
        need = limit + offset + len(by_name)
        if len(words) > 1:  # the page and the count from one walk: each walk merges the words' postings again
            read = max(need, COUNT_CAP + 1)
            found = _ids(conn, f"{walk} LIMIT :read", {**params, "read": read})
            total = Count(len(found)) if len(found) < read else estimate(len(found), _share(conn, found[-1]))
            others = found[:need]
        else:
            others = _ids(conn, f"{walk} LIMIT :need", {**params, "need": need})
            total = (
                Count(len(others))
                if len(others) < need
                else count_projects(conn, query, filters, COUNT_CAP) or Count(0)
            )
    named = set(by_name)
    ids = (by_name + [pid for pid in others if pid not in named])[offset : offset + limit]
    page = f"SELECT {_COLUMNS} FROM projects p WHERE p.id IN ({','.join(map(str, ids))})"  # ids: integers
    rows = {row[0]: dict(zip(_NAMES, row)) for row in read_rows(conn, page, {}, _NAMES, real="amount_wan")}
    hits = []
    for pid in ids:
        r = rows[pid]
        column, snippet = _snippet(r, words if len(words) > 1 else [q])
        hits.append(
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "region": r["region"],
                "year": r["year"],
                "department": r["department"],
                "implementing_unit": r["implementing_unit"],
                "amount_wan": r["amount_wan"],
                "matched": column,
                "snippet": snippet,
            }
        )
    return total, hits
