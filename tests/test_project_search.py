"""Project search and counts at the cost of the page: every hit shown contains the query, counts shown as exact are
the counts of a plain scan, and past the caps a count says it is an estimate (kb.find.project_search, counts,
common_names)."""

import itertools
import random
import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from conftest import fuzz_budget, store
from importers.records import RawDocument, RawIndicator, RawProject
from kb.find import common_names, project_search
from kb.find.counts import Count, count_text
from kb.find.search import Filters, search, search_indicators
from kb.vocab.tokens import fold

PHRASES = ["服务对象满意度达到90%以上", "群众满意", "资金发放准确率100%", "（%）", "率", "ABC项目", "及时率", "培训"]


def _project(rng: random.Random, n: int) -> RawProject:
    pick = lambda k: "，".join(rng.sample(PHRASES, k))  # noqa: E731
    name = f"项目{n}" + ("满意度调查" if n % 7 == 0 else "") + ("率" if n % 11 == 0 else "")
    return RawProject(
        name=name,
        department=["市民政局", "市公安局交通管理支队", "市公安局"][n % 3],
        amount="10",
        amount_unit="万元",
        overview=f"根据文件精神，{pick(2)}。" if n % 3 else "",
        goal=f"1.{pick(3)}；2.完成任务。",
        indicators=[
            RawIndicator(name=rng.choice(["服务对象满意度", "完成率", "发放准确率", "培训人次"]), target="≥90%")
        ],
    )


@pytest.fixture
def kb(conn):
    rng = random.Random(3)
    for d in range(4):
        doc = RawDocument(layout="test", projects=[_project(rng, d * 40 + n) for n in range(40)])
        store(conn, doc, f"d{d}.txt", region=["宁波市", "广州开发区"][d % 2], year=2021 + d)
    return conn


def scan(conn, query: str, region: str | None = None, department: str | None = None) -> list[int]:
    """Ids of the projects containing `query`, by a plain scan of every text, newest first."""
    folded = fold(query)
    rows = conn.execute("SELECT id, name, overview, goal, region, department FROM projects ORDER BY id DESC")
    return [
        r["id"]
        for r in rows
        if any(folded in fold(r[c] or "") for c in ("name", "overview", "goal"))
        and (region is None or region in r["region"])
        and (department is None or department in r["department"])
    ]


QUERIES = ["满意", "满意度", "服务对象满意度", "率", "及时率", "%", "（%）", "abc", "不存在的", "a"]


@pytest.mark.parametrize("query", QUERIES)
def test_hits_and_exact_counts_equal_a_scan(kb, query):
    expected = scan(kb, query)
    total, hits = project_search.search_projects(kb, query, Filters(), limit=1000)
    assert total.exact and total == len(expected)
    assert sorted(h["id"] for h in hits) == sorted(expected)
    by_name = [h["id"] for h in hits if fold(query) in fold(h["name"])]
    assert [h["id"] for h in hits[: len(by_name)]] == by_name  # names holding the query first, then the others
    assert [h["id"] for h in hits[len(by_name) :]] == [i for i in expected if i not in set(by_name)]


def scan_words(conn, words: list[str], region: str | None = None) -> list[int]:
    """Ids of the projects holding each word (in any of their texts), by a plain scan, newest first."""
    found = [set(scan(conn, w, region)) for w in words]
    return [i for i in scan(conn, words[0], region) if all(i in f for f in found)]


WORDS = [
    ("满意 培训", ["满意", "培训"]),
    ("培训 满意", ["培训", "满意"]),
    ("率 满意度", ["率", "满意度"]),  # a one-character word: a prefix query beside the other word
    ("% 资金", ["%", "资金"]),  # a word of no letter: tested
    ("（%） 服务对象", ["（%）", "服务对象"]),
    ("项目 abc", ["项目", "abc"]),
    ("满意度 调查 项目", ["满意度", "调查", "项目"]),
    ('"服务对象 满意度"', ["服务对象 满意度"]),  # a phrase: nobody wrote it with its space
    ("满意 不存在的", ["满意", "不存在的"]),
]


@pytest.mark.parametrize("query, words", WORDS)
def test_words_hits_and_exact_counts_equal_a_scan(kb, query, words):
    """Each word, in any order, in any of a project's texts; projects whose name holds every word first."""
    expected = scan_words(kb, words)
    total, hits = project_search.search_projects(kb, query, Filters(), limit=1000)
    assert total.exact and total == len(expected)
    names = dict(kb.execute("SELECT id, name FROM projects").fetchall())
    by_name = [i for i in expected if all(fold(w) in fold(names[i]) for w in words)]
    assert [h["id"] for h in hits] == by_name + [i for i in expected if i not in set(by_name)]
    assert all(any(fold(w) in fold(h["snippet"]) for w in words) for h in hits)
    region = scan_words(kb, words, region="宁波")
    total, hits = project_search.search_projects(kb, query, Filters(region="宁波"), limit=3)
    assert total == len(region) and total.exact
    assert [h["id"] for h in hits] == sorted(region, key=lambda i: i not in set(by_name))[:3]


def test_words_at_the_cap_boundary(kb, monkeypatch):
    """Several words are counted as one: exact up to the cap, then an estimate that says so."""
    query, words = "满意 培训", ["满意", "培训"]
    n = len(scan_words(kb, words))
    assert n > 3
    assert project_search.count_projects(kb, query, Filters(), cap=n) == n
    count = project_search.count_projects(kb, query, Filters(), cap=n - 1)
    assert not count.exact and count.at_least == n and count >= n
    monkeypatch.setattr(project_search, "COUNT_CAP", n - 1)
    total, hits = project_search.search_projects(kb, query, Filters(), limit=2)
    assert not total.exact and len(hits) == 2
    assert project_search.count_projects(kb, query, Filters(), cap=None) == n


@pytest.mark.parametrize("query", ["满意", "率", "%"])
def test_filters_and_the_first_page(kb, query):
    expected = scan(kb, query, region="宁波")
    total, hits = project_search.search_projects(kb, query, Filters(region="宁波"), limit=5)
    assert total == len(expected) and total.exact
    assert len(hits) == min(5, len(expected)) and {h["id"] for h in hits} <= set(expected)


@pytest.mark.parametrize("query", ["满意", "率", "服务对象满意度", "项目", "不存在的"])
def test_a_department_filter_equals_a_scan(kb, query):
    """A part of the department's name (公安 of 市公安局 and 市公安局交通管理支队), alone and with a region."""
    for filters in (Filters(department="公安"), Filters(department="交通管理", region="宁波")):
        expected = scan(kb, query, filters.region, filters.department)
        total, hits = project_search.search_projects(kb, query, filters, limit=1000)
        assert total.exact and total == len(expected)
        assert sorted(h["id"] for h in hits) == sorted(expected)
        assert all(filters.department in h["department"] for h in hits)


@pytest.mark.parametrize("query", ["满意", "服务对象满意度", "%"])
def test_the_cap_boundary(kb, query, monkeypatch):
    """At the cap the count is still exact; one hit past it, an estimate that says how many were counted."""
    n = len(scan(kb, query))
    assert n > 3
    for cap in (n, n + 1):
        count = project_search.count_projects(kb, query, Filters(), cap=cap)
        assert count.exact and count == n
    count = project_search.count_projects(kb, query, Filters(), cap=n - 1)
    assert not count.exact and count.at_least == n and count >= n
    monkeypatch.setattr(project_search, "COUNT_CAP", n - 1)
    total, hits = project_search.search_projects(kb, query, Filters(), limit=2)
    assert not total.exact and len(hits) == 2
    assert project_search.count_projects(kb, query, Filters(), cap=None) == n  # the app's background count


def test_one_character_reads_the_newest_projects(kb, monkeypatch):
    expected = scan(kb, "率")
    monkeypatch.setattr(project_search, "SCAN_ROWS", 30)
    monkeypatch.setattr(project_search, "SCAN_HITS", 10)
    total, hits = project_search.search_projects(kb, "率", Filters(), limit=5)
    assert not total.exact and total.at_least == 10 and total >= 10
    by_name = [i for i in expected if "率" in kb.execute("SELECT name FROM projects WHERE id = ?", (i,)).fetchone()[0]]
    others = [i for i in expected if i not in by_name]
    assert [h["id"] for h in hits] == (by_name + others)[:5]
    monkeypatch.setattr(project_search, "SCAN_ROWS", 10_000)
    monkeypatch.setattr(project_search, "SCAN_HITS", 10_000)
    total, _ = project_search.search_projects(kb, "率", Filters(), limit=5)
    assert total.exact and total == len(expected)  # every project read: counted, not estimated


def test_the_scan_reads_the_same_a_chunk_at_a_time(kb, monkeypatch):
    """However many projects are read as one row, the one-character scan finds what one read of them all finds
    (the base holds 160 projects: a scan of 160 that goes on to the end reads them all and counts exactly)."""
    for query, rows, enough in itertools.product(["率", "满", "培"], [30, 159, 160, 161], [20, 10**6]):
        monkeypatch.setattr(project_search, "SCAN_ROWS", rows)
        monkeypatch.setattr(project_search, "SCAN_HITS", enough)
        found = {}
        for chunk in (1, 7, 160, 10**6):
            monkeypatch.setattr(project_search, "SCAN_CHUNK", chunk)
            total, hits = project_search.search_projects(kb, query, Filters(), limit=12)
            found[chunk] = (int(total), total.exact, total.at_least, [h["id"] for h in hits])
        assert len(set(map(repr, found.values()))) == 1, (query, rows, enough, found)
        if rows >= 160 and enough > 160:
            assert found[1][1] and found[1][0] == len(scan(kb, query))


def test_a_rare_character_asks_the_index(kb, monkeypatch):
    monkeypatch.setattr(project_search, "SCAN_ROWS", 3)
    total, hits = project_search.search_projects(kb, "培", Filters(), limit=1000)
    assert total.exact and sorted(h["id"] for h in hits) == sorted(scan(kb, "培"))


def test_background_count_stops_when_asked(kb, monkeypatch):
    monkeypatch.setattr(project_search, "STOP_CHECK", 1)
    assert project_search.count_projects(kb, "满意", Filters(), cap=None, stop=lambda: True) is None
    assert project_search.count_projects(kb, "满意", Filters(), cap=None, stop=lambda: False) == len(scan(kb, "满意"))


def oracle_uses(conn, query: str) -> int:
    folded = fold(query)
    return sum(1 for (name,) in conn.execute("SELECT name FROM indicators") if folded in fold(name))


def test_one_character_indicator_search_ranks_as_before(kb, monkeypatch):
    total, hits = search_indicators(kb, "率", Filters(), limit=1000)
    assert total.exact and total == oracle_uses(kb, "率") == len(hits)
    ranked = kb.execute(
        """SELECT i.id FROM indicators i JOIN indicator_names n ON n.id = i.name_id WHERE instr(n.name, '率') > 0
        ORDER BY (n.name = '率') DESC, n.uses DESC, length(n.name), n.id, i.year DESC, i.id"""
    ).fetchall()
    assert [h["id"] for h in hits] == [r[0] for r in ranked]
    monkeypatch.setattr(common_names, "NAME_CAP", 0)
    monkeypatch.setattr(common_names, "SAMPLE", 1)
    total, hits = search_indicators(kb, "率", Filters(), limit=3)
    assert not total.exact and 0 < total.at_least <= oracle_uses(kb, "率") and len(hits) == 3


def test_json_says_which_totals_are_exact(kb, monkeypatch):
    data = search(kb, "满意").as_dict()
    assert data["projects_total_exact"] is True and data["indicators_total_exact"] is True
    monkeypatch.setattr(project_search, "COUNT_CAP", 2)
    data = search(kb, "满意").as_dict()
    assert data["projects_total_exact"] is False and data["total"]["projects"] >= 3
    assert data["indicators_total_exact"] is True and data["total"]["indicators"] == oracle_uses(kb, "满意")


def test_count_text():
    assert count_text(73_122) == "73,122" == count_text(Count(73_122))
    assert count_text(Count(73_122, exact=False, at_least=2001)) == "约 7.3 万"
    assert count_text(Count(100_000, exact=False, at_least=200)) == "约 10 万"
    assert count_text(Count(1_234, exact=False, at_least=200)) == "约 1,200"
    assert str(Count(73_122, exact=False, at_least=2001)) == "73122" and f"{Count(16)}" == "16"  # not the repr


def test_migration_indexes_existing_project_names(db_path):
    from kb.db import connect
    from kb.schema import MIGRATIONS

    raw = sqlite3.connect(db_path)
    for number, migration in enumerate(MIGRATIONS[:5], 1):
        migration(raw)
        raw.execute(f"PRAGMA user_version = {number}")
    raw.execute("INSERT INTO documents (id, file_name, sha256, layout, imported_at) VALUES (1, 'a', 'x', 't', 'now')")
    raw.execute("INSERT INTO projects (id, document_id, name, goal) VALUES (1, 1, '满意度调查项目', '')")
    raw.execute(
        "INSERT INTO projects_fts (rowid, name, overview, goal) VALUES (1, '满意 意度 度调 调查 查项 项目 目', '', '')"
    )
    raw.commit()
    raw.close()
    conn = connect(db_path)
    total, hits = project_search.search_projects(conn, "调查", Filters())
    assert total == 1 and hits[0]["matched"] == "name"


@given(st.text(max_size=40))
@settings(max_examples=fuzz_budget(300), deadline=None)
def test_fold_is_nfkc_lower_case(text):
    assert fold(text) == unicodedata.normalize("NFKC", text).lower()


@pytest.mark.parametrize("filters", [Filters(), Filters(region="宁波", year=2021)])
@pytest.mark.parametrize("query", ["满意", "满意 培训", "率 满意度"])
def test_the_walk_is_an_index_walk(kb, filters, query):
    """Newest first straight from the index: no sort of every hit (what made a common query cost 0.5 s)."""
    params = {"folded": "满意"}
    walk = project_search._walk("projects_fts", query, project_search._where(filters, params), params)
    plan = " ".join(str(tuple(r)) for r in kb.execute(f"EXPLAIN QUERY PLAN {walk} LIMIT 5", params))
    assert "VIRTUAL TABLE" in plan and "TEMP B-TREE" not in plan
