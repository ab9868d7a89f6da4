"""The name index kept in the base for the next process (kb.find.name_index.cached): the same index as a fresh
build, emptied by every import in its own transaction, never stored stale."""

from conftest import make_document, store
from kb.db import connect
from kb.find.name_index import NameIndex, cached
from kb.find.precedents import find_names

QUERIES = ["满意", "满意度", "myd", "fwdx", "率", "资金发放准确", "满易度", "x"]


def _stored(conn) -> int:
    return conn.execute("SELECT count(*) FROM name_index_cache").fetchone()[0]


def _results(index: NameIndex) -> list:
    return [[(g.key, g.members, g.uses, kind, score) for g, kind, score in index.find(q, 20)] for q in QUERIES]


def test_a_stored_index_finds_what_a_fresh_one_finds(seeded):
    conn = connect(seeded)
    fresh = NameIndex.load(conn)
    assert _stored(conn) == 0
    first = cached(conn)  # built and stored
    assert _stored(conn) == 1
    again = cached(connect(seeded))  # another process's connection: read, not built
    assert _results(first) == _results(again) == _results(fresh) and len(again) == len(fresh)
    assert again._exact(fresh.group(0).key) == 0


def test_an_import_empties_it_in_its_transaction(conn):
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    find_names(conn, "满意")
    assert _stored(conn) == 1
    store(conn, make_document({"乙": [("群众满意率", "≥95%")]}), "b.txt")
    assert _stored(conn) == 0
    assert {h.name for h in find_names(conn, "满意")} == {"服务对象满意度", "群众满意率"}


def test_not_stored_when_another_connection_wrote_meanwhile(db_path, monkeypatch):
    from kb.find import name_index

    conn = connect(db_path)
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    other = connect(db_path)
    real_load = NameIndex.load

    def load_while_importing(c):
        index = real_load(c)
        store(other, make_document({"乙": [("群众满意率", "≥95%")]}), "b.txt")  # commits before the index is stored
        return index

    monkeypatch.setattr(name_index.NameIndex, "load", staticmethod(load_while_importing))
    cached(conn)
    assert _stored(conn) == 0


def test_a_busy_base_is_not_waited_for(db_path):
    conn = connect(db_path)
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    writer = connect(db_path)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert len(cached(conn)) == 1 and _stored(conn) == 0
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0  # put back as it was
    finally:
        writer.execute("ROLLBACK")
