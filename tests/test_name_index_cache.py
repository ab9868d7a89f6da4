"""The name index kept beside the base for the next process (kb.find.name_index.cached): the same index as a fresh
build, made stale by every write to the names in its own transaction, never used stale, and stored without writing
to the base."""

import os
from pathlib import Path

from conftest import SEEDS, make_document, store
from kb.db import connect
from kb.find.name_file import read_families, stamp_of
from kb.find.name_index import NameIndex, cached
from kb.find.precedents import find_names
from kb.ingest.run import import_paths

SEED = next(SEEDS.glob("001_*.txt"))
QUERIES = ["满意", "满意度", "myd", "fwdx", "率", "资金发放准确", "满易度", "x"]


def _file(db_path) -> Path:
    return Path(f"{db_path}.names-index")


def _results(index: NameIndex) -> list:
    return [[(g.key, g.members, g.uses, kind, score) for g, kind, score in index.find(q, 20)] for q in QUERIES]


def test_a_stored_index_finds_what_a_fresh_one_finds(seeded, monkeypatch):
    conn = connect(seeded)
    fresh = NameIndex.load(conn)
    version = conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes
    first = cached(conn)  # built and stored
    assert _file(seeded).exists()
    assert (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes) == version  # no write to the base
    monkeypatch.setattr(NameIndex, "load", None)  # another process: read, not built
    again = cached(connect(seeded))
    assert _results(first) == _results(again) == _results(fresh) and len(again) == len(fresh)
    assert again._exact(fresh.group(0).key) == 0
    families = read_families(_file(seeded), stamp_of(conn))  # the first part, read alone (kb.find.near_names)
    members = [name_id for n in range(len(fresh)) for name_id, _ in fresh.group(n).members]
    assert [families.get(i) for i in members] == [fresh.families().get(i) for i in members]
    assert {families.get(i) for i in members} - {None} == {
        (fresh._keys.line(n), g.uses, g.members) for n in range(len(fresh)) if len((g := fresh.group(n)).members) > 1
    }


def test_an_import_makes_it_stale_in_its_transaction(db_path):
    conn = connect(db_path)
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    assert [h.name for h in find_names(conn, "满意")] == ["服务对象满意度"]
    assert _file(db_path).exists()
    store(connect(db_path), make_document({"乙": [("群众满意率", "≥95%")]}), "b.txt")  # another connection
    assert {h.name for h in find_names(connect(db_path), "满意")} == {"服务对象满意度", "群众满意率"}


def test_not_used_when_the_names_changed_while_it_was_built(db_path, monkeypatch):
    conn = connect(db_path)
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    other = connect(db_path)
    real_load = NameIndex.load

    def load_then_import(c):
        index = real_load(c)
        store(other, make_document({"乙": [("群众满意率", "≥95%")]}), "b.txt")  # commits before the index is stored
        return index

    monkeypatch.setattr(NameIndex, "load", staticmethod(load_then_import))
    assert len(cached(conn)) == 1
    monkeypatch.setattr(NameIndex, "load", staticmethod(real_load))
    assert len(cached(connect(db_path))) == 2  # the stored one was stamped before the import: built again


def test_a_folder_it_cannot_be_stored_in(db_path):
    conn = connect(db_path)
    store(conn, make_document({"甲": [("服务对象满意度", "≥90%")]}), "a.txt")
    os.chmod(db_path.parent, 0o555)
    try:
        if os.access(db_path.parent, os.W_OK):  # root ignores the mode: a directory in the file's place instead
            _file(db_path).mkdir()
        assert len(cached(conn)) == 1
        assert not list(db_path.parent.glob("*.tmp"))
    finally:
        os.chmod(db_path.parent, 0o755)


def test_an_index_stored_by_another_version_is_built_again(seeded, monkeypatch):
    """Another jixiao-kb may group names by other rules (kb.vocab.families): its stored index is never read."""
    import kb.find.name_file as module

    conn = connect(seeded)
    cached(conn)
    monkeypatch.setattr(module, "__version__", "0.0.0-other")
    built = []
    load = NameIndex.load
    monkeypatch.setattr(NameIndex, "load", classmethod(lambda cls, c: built.append(1) or load(c)))
    cached(connect(seeded))
    assert built == [1]


def test_an_import_stores_the_new_index_so_the_next_process_builds_none(db_path, tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    conn = connect(db_path)
    import_paths(conn, [tmp_path / "in"])
    fresh = NameIndex.load(conn)
    monkeypatch.setattr(NameIndex, "load", None)  # the next process: read from the file the import wrote, not built
    assert _results(cached(connect(db_path))) == _results(fresh)
