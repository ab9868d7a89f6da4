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


def words_oracle(conn, words):
    """Indicators whose name holds each word, by a plain scan."""
    folded = [fold(w) for w in words]
    return sum(1 for (name,) in conn.execute("SELECT name FROM indicators") if all(w in fold(name) for w in folded))


@pytest.mark.parametrize(
    "query, words",
    [
        ("满意 服务", ["满意", "服务"]),
        ("度 满意", ["度", "满意"]),
        ("率 资金 发放", ["率", "资金", "发放"]),
        ("（%） 准确", ["（%）", "准确"]),
        ("% 率", ["% 率"]),  # single characters: the query as typed (then without spaces between Chinese ones)
        ("ipo 申报", ["ipo", "申报"]),
        ("48 小时", ["48", "小时"]),
        ("“数智 金融", ["数智", "金融"]),  # a quote never closed: dropped (a quote within a word is text)
        ("甬金通“数智金融 对接", ["甬金通“数智金融", "对接"]),
        ("“数智 金融”", ["数智 金融"]),  # a phrase in quotes
        ('"满意度 满意度"', ["满意度 满意度"]),
        ("满意度 满意度", ["满意度"]),
        ("投诉 数 率", ["投诉", "数", "率"]),
        ("AND NEAR", ["and", "near"]),
        ("满意 不存在", ["满意", "不存在"]),
    ],
)
def test_words_count_equal_a_scan(kb, query, words):
    total, hits = search_indicators(kb, query, Filters(), limit=1000)
    assert total == words_oracle(kb, words) == len(hits)
    assert all(all(fold(w) in fold(h["name"]) for w in words) for h in hits)
    ranked = [h["name"] for h in hits]
    expected = sorted(set(ranked), key=lambda n: (-ranked.count(n), len(n)))  # the most used names first, then shorter
    assert list(dict.fromkeys(ranked)) == expected or len(set(ranked)) < 2


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
    conn.execute("UPDATE projects SET department = '宁波市民政局' WHERE name = '甲'")
    assert count(department="民政") == 2 and count(department="民政", year=2022) == 0
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


def test_names_spelt_in_pinyin_are_listed_up_to_the_limit(conn):
    """`kb search jjyl --limit 20` listed 5 names, the most used first, and said of no others: the 居家养老 names
    (used no more than the others) were never shown. Names spelt in pinyin are the hits of a pinyin query, listed up
    to the limit (the app lists them all), never fewer than the few a 'did you mean' gives."""
    names = [f"居家养老服务{n}号站" for n in range(8)]
    store(conn, make_document({"居家": [(name, "≥1个") for name in names]}))
    assert [s["name"] for s in search(conn, "jjyl", limit=20).suggestions] == names
    assert len(search(conn, "jjyl", limit=6).suggestions) == 6
    assert len(search(conn, "jjyl", limit=2).suggestions) == 5
    assert len(search(conn, "居家养劳", limit=20).suggestions) == 5  # near misses of Chinese: a few


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


def _relief_base(conn):
    """Four relief projects of two cities, written as a budget officer would find them."""
    from importers.records import RawDocument, RawIndicator, RawProject

    def project(name, overview, goal, indicators):
        inds = [RawIndicator(name=n, target=t) for n, t in indicators]
        return RawProject(name=name, amount="10", amount_unit="万元", overview=overview, goal=goal, indicators=inds)

    yantai = RawDocument(
        layout="test",
        projects=[
            project(
                "烟台市困难群众救助补助资金",
                "保障城乡低保对象、特困人员基本生活。",
                "按时足额发放救助资金。",
                [("烟台市低保救助对象覆盖率", "=100%"), ("救助资金发放及时率", "≥95%"), ("服务对象满意度", "≥90%")],
            ),
            project("烟台市城市道路养护", "市区主次干道日常养护。", "道路完好率达到95%。", [("道路完好率", "≥95%")]),
        ],
    )
    weihai = RawDocument(
        layout="test",
        projects=[
            project(
                "威海市临时救助项目",
                "对遭遇突发事件的困难家庭实施临时救助。",
                "借鉴烟台救助经验，做到应救尽救。",
                [("临时救助人次", "≥500人次"), ("救助对象满意度", "≥90%")],
            ),
            project(
                "社会救助服务",
                "购买社会救助服务。",
                "救助资金发放准确率达到100%。",
                [("资金发放准确率", "=100%"), ("救助对象满意度", "≥85%")],
            ),
        ],
    )
    store(conn, yantai, "yantai.txt", region="烟台市", year=2025)
    store(conn, weihai, "weihai.txt", region="威海市", year=2025)
    return {name: pid for pid, name in conn.execute("SELECT id, name FROM projects")}


def test_words_apart_find_what_holds_each_in_any_order(conn):
    """'烟台 救助' (two words, as in any search box) found nothing: it was searched as one string with its space. Now
    what holds both words, in any order: projects whose name holds both first; in quotes, a phrase; a one-character
    word among them, a region filter, and '满 意 度' (the stop-47 rule) as before. Expected by hand."""
    ids = _relief_base(conn)
    for query, words in [
        ("烟台 救助", ("烟台", "救助")),
        ("救助　烟台", ("救助", "烟台")),
        ("烟台  救助 烟台", ("烟台", "救助")),
    ]:
        found = search(conn, query)
        assert found.words == words
        assert [h["name"] for h in found.indicators] == ["烟台市低保救助对象覆盖率"]
        assert (found.indicator_total, found.indicator_total.exact) == (1, True)
        assert [h["id"] for h in found.projects] == [ids["烟台市困难群众救助补助资金"], ids["威海市临时救助项目"]]
        assert [h["matched"] for h in found.projects] == ["name", "goal"]
        assert found.projects[1]["snippet"] == "借鉴烟台救助经验，做到应救尽救。"
        assert (found.project_total, found.project_total.exact) == (2, True)
        assert found.suggestions == []  # found: no 'did you mean'
    phrase = search(conn, '"烟台 救助"')  # as typed nobody wrote it; without its space 威海's goal holds it
    assert (phrase.query, phrase.words, phrase.indicator_total) == ("烟台救助", (), 0)
    assert [h["id"] for h in phrase.projects] == [ids["威海市临时救助项目"]]
    both = search(conn, "救助 满意度")
    assert [h["name"] for h in both.indicators] == ["救助对象满意度", "救助对象满意度"]
    assert {h["id"] for h in both.projects} == set()  # no project text holds 满意度
    # used as often: the shorter first
    assert [h["name"] for h in search(conn, "率 救助").indicators] == ["救助资金发放及时率", "烟台市低保救助对象覆盖率"]
    weihai = search(conn, "救助 资金", Filters(region="威海"))
    assert [h["id"] for h in weihai.projects] == [ids["社会救助服务"]]
    assert weihai.indicator_total == 0
    assert [h["name"] for h in search(conn, "救助 资金", Filters(year=2025)).indicators] == ["救助资金发放及时率"]
    assert search(conn, "满 意 度").query == "满意度" and search(conn, "满 意 度").indicator_total == 3
    assert search(conn, "服 务 对象").words == ("服务", "对象")
    nothing = search(conn, "救助 地铁")
    assert (nothing.query, nothing.indicator_total, nothing.project_total) == ("救助 地铁", 0, 0)
    assert nothing.suggestions == []  # Chinese words: none is a near name
    assert nothing.as_dict()["words"] == ["救助", "地铁"] and search(conn, "救助").as_dict()["words"] == ["救助"]


def test_a_word_in_pinyin_beside_others_is_suggested_as_names_holding_each(seeded):
    """'myd fwqy' holds no name as written, nor spells one read as one word; the names spelt so, in any order, are
    what it meant."""
    from kb.db import connect

    found = search(connect(seeded), "myd fwqy")  # (read as one, mydfwqy spells no name)
    assert found.indicator_total == 0
    assert found.suggestions and all(s["match"] == "pinyin" for s in found.suggestions)
    assert all("满意" in s["name"] or "满意" in "".join(s["variants"]) for s in found.suggestions)


def test_a_quote_never_closed_loses_no_hit(conn):
    """'"烟台 救助' (a phrase begun, never closed) was the words '"烟台' and '救助': no text holds '"烟台', so it found
    nothing where '烟台 救助' finds 烟台's relief projects. The quote nothing closes is dropped: what held the word
    with it holds it without."""
    _relief_base(conn)
    words = search(conn, "烟台 救助")
    for query in ['"烟台 救助', "“烟台 救助", "烟台 救助”", '" 烟台 救助']:
        found = search(conn, query)
        assert found.words == ("烟台", "救助")
        assert (found.indicator_total, found.project_total) == (words.indicator_total, words.project_total) == (1, 2)
        assert [h["id"] for h in found.projects] == [h["id"] for h in words.projects]


def test_a_word_naming_a_region_says_the_region_filter_finds_its_indicators(conn):
    """'烟台 满意度' found no indicator (no indicator's name holds its region) and said only that, where
    `--region 烟台` finds 烟台's 满意度: the result names the words that are regions, and kb search says how."""
    from rich.console import Console

    from cli.render import search_result

    _relief_base(conn)
    found = search(conn, "烟台 满意度")
    assert (found.regions, found.indicator_total, found.as_dict()["region_words"]) == (("烟台",), 0, ["烟台"])
    assert [h["name"] for h in search(conn, "满意度", Filters(region="烟台")).indicators] == ["服务对象满意度"]
    console = Console(width=200, record=True)
    search_result(console, found)
    assert "kb search 满意度 --region 烟台" in console.export_text().splitlines()[0]
    assert search(conn, "烟台 满意度", Filters(region="烟台")).regions == ()  # filtered already
    assert search(conn, "救助 满意度").regions == search(conn, "烟台").regions == ()  # no region; one word


def test_a_word_is_a_region_name_only_where_a_place_name_starts():
    """'经济 效益' and '技术 服务' were told 经济 / 技术 是地区名 (F3, F4, kb search): a word anywhere in a region's
    name counted, and 威海经济技术开发区 holds both. A word names a region where the region's name, or a place in it
    after 省, 市, 县 or 区, starts with it (威海, 奉化, 宁波市奉化区), so 苏州工业园区 makes no place of 工业."""
    from kb.find.search import region_words

    regions = ["威海经济技术开发区", "宁波市奉化区", "苏州工业园区", "威海市环翠区", "广州开发区"]
    words = ["经济", "技术", "效益", "工业", "开发区", "威海", "奉化", "宁波市奉化区", "环翠", "苏州", "ＷＨ"]
    assert region_words(words, regions) == ("威海", "奉化", "宁波市奉化区", "环翠", "苏州")


def test_a_query_whose_family_no_name_holds_is_offered_its_spellings_as_the_app_offers_them(seeded):
    """`kb search 服务对象满意度` on the seeds said nothing holds it and offered four near names, not 服务对象满意率,
    which the app's F3 shows first (完全: one family, kb.vocab.families): the command line's near names
    (kb.find.near_names) left out the query's family. Both now offer it first, with and without filters."""
    from kb.db import connect
    from kb.find.precedents import find_names

    conn = connect(seeded)
    for filters in (None, Filters(region="广州")):
        app = [(h.name, h.match) for h in find_names(conn, "服务对象满意度", filters) if h.match != "substring"]
        found = search(conn, "服务对象满意度", filters)
        assert found.indicator_total == 0
        assert app[0] == ("服务对象满意率", "exact")
        assert [(s["name"], s["match"]) for s in found.suggestions] == app[: len(found.suggestions)]
    assert search(conn, "帮助对象满意率").suggestions[0]["name"] == "帮助对象满意度"  # 率 for 度, the other way


def test_a_family_every_spelling_of_which_is_a_hit_is_not_offered_again(conn):
    """A hit named '…更新次数。' was offered again below it as '…更新次数' (写法包含, kb.vocab.families.offered_name
    drops the full stop) since the command line offers the families a spelling of which holds the query; a family
    with a spelling no hit shows (办事群众满意度 beside the hit 办事群众满意率) is still offered."""
    names = ["小网格PM2.5浓度等每年更新次数。", "细颗粒物(PM2.5)年均浓度", "办事群众满意率", "办事群众满意度"]
    store(conn, make_document({f"项目{n}": [(name, "≥1")] for n, name in enumerate(names)}))
    for query in ("浓度等每年更新次数", "PM2.5 浓度"):  # a word (kb.find.near_names) and words (the name index)
        found = search(conn, query)
        assert 0 < found.indicator_total < 3
        shown = {hit["name"] for hit in found.indicators}
        assert not any(set(s["variants"]) <= shown for s in found.suggestions), found.suggestions
    offered = search(conn, "群众满意率").suggestions
    assert [s["match"] for s in offered if "办事群众满意度" in s["variants"]] == ["substring"]


@pytest.mark.parametrize(
    "query", ["程按期完成率", "项核评", "课题数", "服务企业满意性（", "片区建设数量", "纳及上", "技术企"]
)
def test_the_near_names_after_the_querys_family_are_the_same_on_the_command_line_and_in_the_app(seeded, query):
    """After the query's family, F3 listed the near names of the names holding the query's 3 rarest characters (the
    name index's own), `kb search` those of the 500 sharing most of its bigrams (kb.find.near_names): 31 of 547
    fragments of the seeds' names, and one character changed, differed (程按期完成率: 4 names against 2). Both are
    kb.find.near_names' answer now."""
    from kb.db import connect
    from kb.find.near_names import shown_already
    from kb.find.precedents import find_names

    conn = connect(seeded)
    found = search(conn, query)
    assert found.indicator_total < 3
    shown = {hit["name"] for hit in found.indicators}
    app = [h for h in find_names(conn, query) if h.match != "synonym" and not shown_already(h.name, h.variants, shown)]
    assert [(s["name"], s["match"], s["uses"]) for s in found.suggestions] == [
        (h.name, h.match, h.uses) for h in app[:5]
    ]


def test_near_names_of_a_tie_are_in_the_apps_order(conn):
    """Near names of one score and use were ordered by the name as stored on the command line (功能访问量. is longer
    than 支持访问量) and by the name offered in the app (功能访问量): `kb search 系统访问量` on the real PDFs listed
    them the other way round from F3. Both order them by the name offered."""
    from kb.find.near_names import shown_already
    from kb.find.precedents import find_names

    rows = [("系统访问量", "100次"), ("支持访问量", "100次"), ("功能访问量.", "100次")]
    store(conn, make_document({f"项目{n}": [row] for n, row in enumerate(rows)}))
    found = search(conn, "系统访问量")
    shown = {hit["name"] for hit in found.indicators}
    app = [h.name for h in find_names(conn, "系统访问量") if not shown_already(h.name, h.variants, shown)]
    assert [s["name"] for s in found.suggestions] == app == ["功能访问量", "支持访问量"]


def test_the_app_searches_the_name_index_once_for_a_query_sharing_no_bigram(conn, monkeypatch):
    """F3 searched the name index without its near misses, asked kb.find.near_names for them, and where that left
    them to the index (满易度: no name holds 满易 or 易度) searched the index again, whole: at 1M indicators 满易度 took
    12 → 19 ms. The index is searched once, and finds the same names."""
    from kb.find.name_index import NameIndex
    from kb.find.precedents import find_names

    rows = [("群众满意度", "≥90%"), ("服务对象满意度", "≥95%"), ("满意度调查覆盖率", "100%")]
    store(conn, make_document({f"项目{n}": [row] for n, row in enumerate(rows)}))
    searched: list[str] = []
    find = NameIndex.find
    monkeypatch.setattr(NameIndex, "find", lambda self, q, *a, **k: searched.append(q) or find(self, q, *a, **k))
    assert {h.name for h in find_names(conn, "满易度")} == {"群众满意度", "服务对象满意度", "满意度调查覆盖率"}
    assert searched == ["满易度"]


def test_a_query_finding_enough_is_offered_its_indicators_spelling_used_more(conn):
    """`kb search 服务对象满意率` on the real PDFs found enough indicators to suggest nothing, and did not mention
    服务对象满意度 (118 uses), which F3 shows first as the query's family (完全). Its most used spelling is offered when
    it is another and used more; a query that is that spelling, or used most, or filtered, is offered nothing."""
    from kb.find.precedents import name_index

    rows = [("服务对象满意率", "≥90%")] * 3 + [("服务对象满意度", "≥95%")] * 5 + [("群众满意率", "≥90%")] * 3
    store(conn, make_document({f"项目{n}": [row] for n, row in enumerate(rows)}))
    name_index(conn)  # stored beside the base, as an import stores it
    found = search(conn, "服务对象满意率")
    assert found.indicator_total == 3
    assert list(found.suggestions) == [
        {"name": "服务对象满意度", "match": "exact", "uses": 8, "variants": ["服务对象满意度", "服务对象满意率"]}
    ]
    assert not search(conn, "服务对象满意度").suggestions and not search(conn, "群众满意率").suggestions
    assert not search(conn, "服务对象满意率", Filters(region="测试")).suggestions


def test_a_spelling_used_more_that_holds_the_query_is_not_offered(conn):
    """`kb search 按期完成率` on the real PDFs (40 indicators) was offered 指标：按期完成率 as its spelling used more:
    every use of a spelling holding the query is among its hits already. A spelling the query holds (总成本 for
    总成本指标) finds more and is offered."""
    from kb.find.precedents import name_index

    rows = [("指标：按期完成率", "100%")] * 5 + [("按期完成率", "100%")] * 3 + [("总成本", "≤10万元")] * 5
    rows += [("总成本指标", "≤10万元")] * 3
    store(conn, make_document({f"项目{n}": [row] for n, row in enumerate(rows)}))
    name_index(conn)
    assert search(conn, "按期完成率").indicator_total == 8
    assert not search(conn, "按期完成率").suggestions
    assert [s["name"] for s in search(conn, "总成本指标").suggestions] == ["总成本"]


def test_the_kinds_of_suggestion_documented_are_those_given(conn):
    """`--json`'s suggestions carry a `match` documented nowhere: docs/search.md lists its values, and the list is
    what the search gives (kb.find.search.SUGGESTED_MATCHES), what `kb search` says of each, and each is given."""
    from pathlib import Path

    from cli.render import MATCH_SAID
    from kb.find.precedents import name_index
    from kb.find.search import SUGGESTED_MATCHES

    text = (Path(__file__).parent.parent / "docs" / "search.md").read_text(encoding="utf-8")
    listed = text.split("`match` is one of:\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    documented = {line.split("`")[1] for line in listed}
    assert all(line.startswith("- `") for line in listed)
    assert documented == set(SUGGESTED_MATCHES) == set(MATCH_SAID)
    rows = [("服务对象满意率", "≥90%"), ("群众满意度", "≥90%"), ("资金拨付及时率", "100%")]
    store(conn, make_document({f"项目{n}": [row] for n, row in enumerate(rows)}))
    name_index(conn)
    given = {
        s["match"]
        for q in ("服务对象满意度", "务对象满意度", "qzmyd", "资金拔付及时率")
        for s in search(conn, q).suggestions
    }
    assert given == documented
