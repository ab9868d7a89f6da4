"""Search returns exactly what a substring match returns, for queries of any length and any string."""

import random

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import fuzz_budget, make_document, store
from kb.errors import KbError
from kb.find.search import Filters, search, search_indicators, search_projects, unspaced
from kb.vocab.tokens import fold, index_tokens, match_expression, runs

NAMES = [
    "服务对象满意度",
    "群众满意度（%）",
    "满意率",
    "补贴发放及时率",
    "资金发放准确率（%）",
    "资金发放准确率",
    "有责投诉率",
    "有责投诉数、信访发生数",
    "IPO申报企业家数",
    "B级以上占比",
    "及时性",
    "发现问题 48 小时内维修完成率",
    "甬金通“数智金融”系统对接数",
    "年培训（参会）人次",
    "满",
    "意",
    "度量",
    "满意度满意度",
    "投诉",
    "AND",
    "NEAR",
]


@pytest.fixture
def kb(conn):
    rng = random.Random(7)
    projects = {}
    for p in range(12):
        projects[f"项目{p}号及时服务"] = [(n, "≥90%") for n in rng.sample(NAMES, 6)]
    store(conn, make_document(projects))
    return conn


def oracle(conn, query):
    folded = fold(query)
    return sum(1 for (name,) in conn.execute("SELECT name FROM indicators") if folded in fold(name))


@pytest.mark.parametrize(
    "query",
    [
        "满意",
        "投诉",
        "及时",
        "满意度",
        "发放准确",
        "资金发放准确率",
        "服务对象满意度",
        "率",
        "满",
        "（%）",
        "%",
        "ipo",
        "IPO申报",
        "48 小时",
        "“数智",
        "and",
        "a",
    ],
)
def test_counts_equal_substring_oracle(kb, query):
    total, hits = search_indicators(kb, query, Filters(), limit=1000)
    assert total == oracle(kb, query) == len(hits)
    assert all(fold(query) in fold(h["name"]) for h in hits)


@settings(max_examples=fuzz_budget(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NAMES), st.integers(0, 8), st.integers(1, 7))
def test_any_substring_of_a_name(kb, name, start, length):
    query = name[start : start + length].strip()
    if not query:
        return
    total, _ = search_indicators(kb, query, Filters(), limit=1)
    assert total == oracle(kb, query)


def test_exact_name_ranks_first(kb):
    _, hits = search_indicators(kb, "满意率", Filters(), limit=5)
    assert hits[0]["name"] == "满意率"


def ranked_oracle(conn, query):
    """Every indicator whose name contains `query`, in the documented order: the exact name, then names used
    more often, shorter, older; within a name the newest year first (unknown last), then first stored."""
    folded = fold(query)
    rows = conn.execute("""SELECT i.id, i.name_id, n.name, n.uses, p.year FROM indicators i
        JOIN indicator_names n ON n.id = i.name_id JOIN projects p ON p.id = i.project_id""").fetchall()
    ranked = sorted(
        (r for r in rows if folded in fold(r[2])),
        key=lambda r: (r[2] != query, -r[3], len(r[2]), r[1], r[4] is None, -(r[4] or 0), r[0]),
    )
    return [r[0] for r in ranked]


@pytest.fixture
def kb_years(conn):
    rng = random.Random(11)
    for d, year in enumerate([2021, 2023, None, 2022, 2023]):
        projects = {f"项目{d}-{p}": [(n, "≥90%") for n in rng.sample(NAMES, 5)] for p in range(4)}
        store(conn, make_document(projects), f"{d}.txt", year=year)
    return conn


@pytest.mark.parametrize("query", ["满意", "满意度", "率", "投诉", "资金发放准确率", "（%）", "%"])
def test_order_equals_ranking_oracle(kb_years, query):
    _, hits = search_indicators(kb_years, query, Filters(), limit=1000)
    assert [h["id"] for h in hits] == ranked_oracle(kb_years, query)
    _, page = search_indicators(kb_years, query, Filters(), limit=5, offset=3)
    assert [h["id"] for h in page] == ranked_oracle(kb_years, query)[3:8]


def test_newest_uses_of_a_name_are_an_index_walk(kb_years):
    """Reading the top uses of a name neither scans nor sorts indicators (the v3 (name_id, year) index)."""
    plan = " ".join(
        r[3]
        for r in kb_years.execute(
            """EXPLAIN QUERY PLAN SELECT i.id FROM indicators i JOIN projects p ON p.id = i.project_id
        WHERE i.name_id = 1 ORDER BY i.year DESC, i.id LIMIT 50"""
        )
    )
    assert "idx_indicators_name_year" in plan and "TEMP B-TREE" not in plan


def test_projects_by_name_overview(kb):
    total, hits = search_projects(kb, "及时服务", Filters(), limit=100)
    assert total == 12 and hits[0]["matched"] == "name"
    total, _ = search_projects(kb, "号及时服务的概况", Filters(), limit=100)
    assert total == 12


def test_filters(conn):
    store(conn, make_document({"甲": [("服务满意度", "≥90%"), ("服务人次", "100人次")]}), "a.txt", "宁波市", 2021)
    store(conn, make_document({"乙": [("服务满意度", "≥95%")]}), "b.txt", "宁波市奉化区", 2022)
    store(conn, make_document({"丙": [("服务满意度", "≥80%")]}), "c.txt", "广州开发区", 2022)
    count = lambda **f: search(conn, "服务", Filters(**f)).indicator_total  # noqa: E731
    assert count() == 4
    assert count(region="宁波") == 3
    assert count(year=2022) == 2
    assert count(level="满意度") == 3
    assert count(level="产出指标") == 1
    with pytest.raises(KbError, match="unknown level"):
        Filters(level="投入")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "NEAR(",
        "NEAR(满意",
        "AND",
        "OR",
        "满意 OR 投诉",
        "(满意",
        "满意)",
        "^满意",
        "满意:",
        "-满意",
        "\x00满意\x1b",
        "'; DROP TABLE projects; --",
        "满" * 256,
        "{col}:满意",
    ],
)
def test_hostile_queries_give_results_not_errors(kb, query):
    result = search(kb, query)
    assert result.indicator_total == oracle(kb, result.query)


@pytest.mark.parametrize(
    "query, message",
    [("", "empty query"), ("   ", "empty query"), ("\x00\x01", "empty query"), ("满" * 10000, "too long")],
)
def test_unusable_queries_give_a_clear_message(kb, query, message):
    with pytest.raises(KbError, match=message):
        search(kb, query)


def test_spaces_between_chinese_characters_are_dropped_when_the_query_as_typed_finds_nothing(conn):
    """'满 意 度' copied from a PDF's spaced text finds what 满意度 finds (kb search found nothing, the app's indicator
    tab 50 names), and so does a project's 及 时; a name stored with such a space ('文明实践 京韵新风', 11 of the real
    documents' 6,787 names) is still found as typed, not as 文明实践京韵新风; a space beside a digit stays."""
    store(conn, make_document({"项目1号及时服务": [("服务对象满意度", "≥90%"), ("文明实践 京韵新风", "≥4场")]}))
    spaced = search(conn, "满 意\u3000度")
    assert spaced.query == "满意度"
    assert spaced.indicator_total == search(conn, "满意度").indicator_total == 1
    assert search(conn, "及 时").project_total == 1
    as_typed = search(conn, "文明实践 京韵新风")
    assert (as_typed.query, as_typed.indicator_total) == ("文明实践 京韵新风", 1)
    assert search(conn, "48 小时").query == "48 小时"
    assert unspaced("48 小时") is None and unspaced("民 政") == "民政"


def plain_tokens(text: str) -> str:
    """The index's tokens as the module docstring defines them: each run's bigrams, then its last character."""
    out = []
    for run in runs(text):
        out += [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]
    return " ".join(out)


@given(st.text(alphabet=st.sampled_from("满意度率 ，,_a1Ａ\x00\U00020000") | st.characters(), max_size=40))
@settings(max_examples=fuzz_budget(500), deadline=None)
def test_index_tokens_are_each_runs_bigrams_then_its_last_character(text):
    assert index_tokens(text) == plain_tokens(text)


@given(st.text(max_size=60))
@example("ᳲ")  # a letter to Python, a separator to FTS5's tokenizer
@example("满意ᳲ度")
@settings(max_examples=fuzz_budget(200), deadline=None)
def test_match_expression_is_always_valid(query):
    """Whatever the text, the MATCH expression is made of quoted tokens and FTS5 accepts it."""
    import sqlite3

    expr = match_expression(query)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(tokens)")
    db.execute("INSERT INTO t VALUES (?)", (index_tokens(query),))
    if expr is not None:
        assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()[0] == 1


def test_few_hits_bring_names_spelt_in_pinyin_or_nearly(seeded):
    """The command line finds what the app finds (issue 18): 'myd' and '满易度' name no indicator as text, but
    suggest the 满意度 names; a query with hits enough suggests nothing (and loads no name index)."""
    from kb.db import connect
    from kb.find.search import search

    conn = connect(seeded)
    pinyin = search(conn, "myd")
    assert pinyin.indicator_total == 0 and pinyin.suggestions
    # a name, or one spelling of its family (kb.vocab.families: 服务对象满意率 holds 帮助对象满意度)
    assert all(any("满意度" in v for v in s["variants"]) and s["match"] == "pinyin" for s in pinyin.suggestions)
    near = search(conn, "满易度").suggestions
    assert near and all("满意" in s["name"] and s["match"] == "fuzzy" for s in near)  # 满意率 is one of its family
    assert search(conn, "满意度").suggestions == ()
    conn.close()


@pytest.mark.parametrize(
    "query",
    [
        "补贴发放准却率",
        "服务对象满意律",
        "服务企业满易度",
        "资金使用合规姓",
        "有责投述数",
        "满意渡",
        "故障报修受理时限",
    ],
)
def test_a_typo_is_suggested_as_the_name_index_would_without_reading_it(seeded, monkeypatch, query):
    """Issue 20: a typo shares bigrams with the names it is near, so they are read through the base's index of names
    and the first part of the name index's file (kb.find.near_names): the same suggestions, spellings and uses as the
    whole index's near misses, which is neither read nor built (100 ms or more at 1M indicators)."""
    from kb.db import connect
    from kb.find.name_index import NameIndex
    from kb.find.precedents import find_names

    conn = connect(seeded)
    near = [h for h in find_names(conn, query, limit=10) if h.match == "fuzzy"][:5]  # the index stored beside
    assert near
    monkeypatch.setattr(NameIndex, "loads", None)
    monkeypatch.setattr(NameIndex, "load", None)
    found = search(connect(seeded), query).suggestions
    assert found == [{"name": h.name, "match": "fuzzy", "uses": h.uses, "variants": h.variants} for h in near]


def test_a_short_query_finding_little_suggests_nothing_and_reads_no_index(seeded, monkeypatch):
    """Two characters are too few to be near a name (as the name index judges): no suggestion, no index read."""
    from kb.db import connect
    from kb.find.name_index import NameIndex

    monkeypatch.setattr(NameIndex, "load", None)
    result = search(connect(seeded), "满渡")
    assert result.indicator_total == 0 and result.suggestions == []


def test_level_filter_takes_level_2_words(seeded):
    from kb.db import connect
    from kb.find.search import Filters, search

    conn = connect(seeded)
    hits = search(conn, "率", Filters(level="质量"), limit=50).indicators
    assert hits and {h["std_level2"] for h in hits} == {"质量指标"}
    assert Filters(level="社会效益指标").level == "社会效益指标" and Filters(level="产出").level == "产出指标"
    conn.close()


def test_the_scorer_loading_beside_the_search_brings_no_module_this_thread_may_use():
    """rapidfuzz loads in a thread while `kb search` walks the projects; a standard module it was still loading
    (typing) sat half made in sys.modules, where dataclasses looks typing up: `kb search` failed about once in 700
    runs. In a fresh interpreter, once the loading has begun, the thread imports only rapidfuzz's own modules."""
    import subprocess
    import sys

    probe = (
        "import sys, threading\n"
        "import kb.find.search as s\n"
        "threading.Thread.start = lambda self: None\n"  # the thread made, not run: what this thread imported
        "s._load_scorer()\n"
        "before = set(sys.modules)\n"
        "import rapidfuzz.process\n"
        "own = ('rapidfuzz', 'cython', '_cython')\n"
        "print(' '.join(sorted(m for m in set(sys.modules) - before if not m.startswith(own))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []
