"""Finding proven indicators across regions: name search (substring, pinyin, fuzzy), grouping, precedents."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import fuzz_budget, make_document, store
from kb.find.precedents import group_key, normal_target, precedents, search_names, target_spread, target_summary
from kb.find.search import Filters

NINGBO = {  # 宁波市 2023
    "惠企补贴": [("服务对象满意度", "≥90%"), ("补贴发放及时率", "=100%"), ("资金发放准确率（%）", "=100%")],
    "就业扶持": [("服务对象满意度", "≥95%"), ("资金发放准确率", "=100%"), ("群众满意度（%）", "≥85")],
    "技能培训": [("服务对象满意度", "≥90%"), ("培训人次", "≥200人次"), ("资金发放准确率（%）", "=100%")],
}
WEIHAI = {  # 威海经济技术开发区 2021
    "金融服务": [("服务对象满意度", "≥90%"), ("补贴发放及时率", "≥98%"), ("群众满意度", "≥90%")],
    "机制建设": [("工作机制", "健全"), ("服务对象满意度", "≥85%"), ("竣工验收合格比率", "=100%")],
}
GUANGZHOU = {  # 广州开发区 2022
    "企业扶持": [("服务对象满意度", "=100%"), ("项目验收合格率", "≥95%"), ("扶持项目数量", "≥495家次")],
    "园区改造": [("服务对象满意度", "较高"), ("竣工验收合格比率", "=100%")],
}


@pytest.fixture
def kb(conn):
    store(conn, make_document(NINGBO), "nb.txt", region="宁波市", year=2023)
    store(conn, make_document(WEIHAI), "wh.txt", region="威海经济技术开发区", year=2021)
    store(conn, make_document(GUANGZHOU), "gz.txt", region="广州开发区", year=2022)
    return conn


def names(hits):
    return [h.name for h in hits]


def hit(hits, name):
    return next(h for h in hits if h.name == name)


def test_pinyin_initials_find_satisfaction_names(kb):
    hits = search_names(kb, "myd")
    assert names(hits) == ["服务对象满意度", "群众满意度"]
    assert {h.match for h in hits} == {"pinyin"}


def test_pinyin_initials_find_timeliness_names(kb):
    hits = search_names(kb, "JSL")
    assert names(hits) == ["补贴发放及时率"] and hits[0].match == "pinyin"


def test_full_pinyin(kb):
    assert names(search_names(kb, "manyidu")) == ["服务对象满意度", "群众满意度"]


def test_substring_ranked_by_projects(kb):
    hits = search_names(kb, "满意度")
    assert names(hits) == ["服务对象满意度", "群众满意度"]
    assert [h.match for h in hits] == ["substring", "substring"]


def test_exact_name_first(kb):
    hits = search_names(kb, "群众满意度")
    assert hits[0].name == "群众满意度" and hits[0].match == "exact" and hits[0].score == 100.0


def test_substring_before_fuzzy_even_when_fuzzy_is_used_more(kb):
    hits = search_names(kb, "验收合格率")
    assert [(h.name, h.match, h.projects) for h in hits] == [
        ("项目验收合格率", "substring", 1),
        ("竣工验收合格比率", "fuzzy", 2),
    ]
    assert hits[1].score >= 65


@pytest.mark.parametrize("query", ["满意渡", "意满度", "服务对像满意度"])
def test_fuzzy_typo_and_character_order(kb, query):
    hits = search_names(kb, query)
    assert hits[0].name == "服务对象满意度" and hits[0].match == "fuzzy"


@pytest.mark.parametrize("query", ["度满务", "天气预报", "zzzz"])
def test_junk_is_not_shown(kb, query):
    assert search_names(kb, query) == []


def test_groups_spellings_differing_in_unit_brackets(kb):
    hits = search_names(kb, "资金发放准确率")
    assert len(hits) == 1
    h = hits[0]
    assert h.match == "exact"
    assert h.name == "资金发放准确率（%）"  # used twice, the bare spelling once
    assert h.variants == ["资金发放准确率（%）", "资金发放准确率"]
    assert (h.projects, h.regions, h.uses) == (3, 1, 3)
    assert h.common_target == "=100%"


def test_query_with_unit_brackets_finds_the_group(kb):
    h = search_names(kb, "群众满意度（%）")[0]
    assert (h.name, h.match, h.variants) == ("群众满意度", "exact", ["群众满意度", "群众满意度（%）"])


def test_group_key():
    assert group_key("资金发放准确率（%）") == group_key("资金发放准确率") == "资金发放准确率"
    assert group_key("群众满意度(%)") == group_key("群众 满意度") == "群众满意度"
    assert group_key("雨水管线维护数量（米）") == "雨水管线维护数量"
    assert group_key("年培训（参会）人次") == "年培训参会人次"  # a qualifier, not a unit: kept
    assert group_key("IPO申报企业家数") == "ipo申报企业家数"


def test_counts_levels_and_common_target(kb):
    h = hit(search_names(kb, "服务对象满意度"), "服务对象满意度")
    assert (h.projects, h.regions, h.uses) == (7, 3, 7)
    assert (h.std_level1, h.std_level2) == ("满意度指标", "服务对象满意度指标")
    assert h.common_target == "≥90%"


def test_empty_query_gives_most_used_names(kb):
    hits = search_names(kb, "")
    assert names(hits)[:2] == ["服务对象满意度", "资金发放准确率（%）"]
    assert len(hits) == 9  # every group of spellings once
    assert len(search_names(kb, "", limit=3)) == 3


def test_region_filter_restricts_counts(kb):
    h = search_names(kb, "服务对象满意度", Filters(region="宁波"))[0]
    assert (h.projects, h.regions, h.common_target) == (3, 1, "≥90%")
    assert "群众满意度" not in names(search_names(kb, "群众满意度", Filters(region="广州")))


def test_department_filter_restricts_names_counts_and_precedents(conn):
    """A part of the department's name, in any region ('人社' of 宁波市人社局 and 广州开发区人社局): the names, their
    counts and their precedents are those of its projects only."""
    for doc, name, region, department in (
        (NINGBO, "nb.txt", "宁波市", "宁波市人社局"),
        (WEIHAI, "wh.txt", "威海经济技术开发区", "威海经济技术开发区财政局"),
        (GUANGZHOU, "gz.txt", "广州开发区", "广州开发区人社局"),
    ):
        document = make_document(doc)
        for project in document.projects:
            project.department = department
        store(conn, document, name, region=region, year=2023)
    h = search_names(conn, "服务对象满意度", Filters(department="人社"))[0]
    assert (h.projects, h.regions) == (5, 2)  # 宁波's three and 广州's two; 威海's two left out
    assert "工作机制" not in names(search_names(conn, "", Filters(department="人社")))
    assert names(search_names(conn, "", Filters(department="财政局")))[0] == "服务对象满意度"
    found = precedents(conn, ["服务对象满意度"], Filters(department="人社", region="广州"))
    assert [(p.region, p.department) for p in found] == [("广州开发区", "广州开发区人社局")] * 2
    assert search_names(conn, "群众满意度", Filters(department="没有这个部门")) == []


def test_year_filter_and_variants_within_it(kb):
    h = search_names(kb, "群众满意度", Filters(year=2021))[0]
    assert (h.name, h.variants, h.projects) == ("群众满意度", ["群众满意度"], 1)


def test_level_filter(kb):
    assert names(search_names(kb, "", Filters(level="效益"))) == ["工作机制"]
    assert names(search_names(kb, "myd", Filters(level="产出"))) == []


def test_index_follows_new_imports(kb):
    assert hit(search_names(kb, "满意度"), "群众满意度").projects == 2
    new = make_document({"社区服务": [("群众满意度", "≥80%")], "新项目": [("新增指标名称", "≥1个")]})
    store(kb, new, "new.txt", region="杭州市", year=2024)
    h = hit(search_names(kb, "满意度"), "群众满意度")
    assert (h.projects, h.regions) == (3, 3)
    assert names(search_names(kb, "xzzbmc")) == ["新增指标名称"]


def test_precedents_newest_first(kb):
    found = precedents(kb, ["服务对象满意度"])
    assert [p.year for p in found] == [2023, 2023, 2023, 2022, 2022, 2021, 2021]
    first = found[0]
    assert (first.project, first.region, first.target, first.operator, first.value, first.unit) == (
        "惠企补贴",
        "宁波市",
        "≥90%",
        "≥",
        90.0,
        "%",
    )
    assert first.std_level1 == "满意度指标" and first.level_inferred and first.level1 is None


def test_precedents_of_variants_with_filters(kb):
    variants = search_names(kb, "资金发放准确率")[0].variants
    assert len(precedents(kb, variants)) == 3
    assert precedents(kb, variants, Filters(region="威海")) == []
    in_2021 = precedents(kb, ["服务对象满意度"], Filters(year=2021))
    assert [p.project for p in in_2021] == ["金融服务", "机制建设"]
    assert len(precedents(kb, ["服务对象满意度"], limit=2)) == 2
    assert precedents(kb, []) == []


def test_target_spread(kb):
    assert target_spread(precedents(kb, ["服务对象满意度"])) == [
        ("≥85%", 1),
        ("≥90%", 3),
        ("≥95%", 1),
        ("=100%", 1),
        ("较高", 1),
    ]


def test_target_summary(kb):
    assert target_summary(precedents(kb, ["服务对象满意度"])) == {
        "count": 6,
        "most_common": "≥90%",
        "most_common_n": 3,
        "of": 7,  # the qualitative 较高 too
        "median": 90.0,
        "min": 85.0,
        "max": 100.0,
        "unit": "%",
    }
    assert target_summary(precedents(kb, ["工作机制"]))["count"] == 0


def test_target_summary_most_common_among_every_unit(conn):
    """'最常见 ≥172人（6 个先例中 1 个）' was said of 补助人数 while ≥13万人 was chosen twice: the most common target
    was looked for among those of the most common unit only (人), which the median and range keep to."""
    counts = {"甲": "≥13万人", "乙": "≥13万人", "丙": "≥172人", "丁": "≥23000人", "戊": "≥70000人", "己": "≤80人"}
    store(conn, make_document({p: [("补助人数", t)] for p, t in counts.items()}), "a.txt", region="某市", year=2026)
    summary = target_summary(precedents(conn, ["补助人数"]))
    assert (summary["most_common"], summary["most_common_n"], summary["of"]) == ("≥13万人", 2, 6)
    assert (summary["unit"], summary["count"], summary["median"]) == ("人", 4, 11586.0)


def test_target_summary_on_a_tie_takes_the_unit_of_the_median(conn):
    """Each target chosen once, the most common was the first of any unit (≥3家) beside a median and range in 个:
    on a tie it is one of the unit they keep to."""
    counts = {"甲": "≥3家", "乙": "≥5个", "丙": "≥10个"}
    store(conn, make_document({p: [("扶持企业数", t)] for p, t in counts.items()}), "a.txt", region="某市", year=2026)
    summary = target_summary(precedents(conn, ["扶持企业数"]))
    assert (summary["most_common"], summary["most_common_n"], summary["unit"]) == ("≥5个", 1, "个")


def test_normal_target():
    assert normal_target("≥", 495.0, "家次", ">=495家次") == "≥495家次"
    assert normal_target("=", 0.5, "万元", "0.5万元") == "=0.5万元"
    assert normal_target("定性", None, None, " 健全 ") == "健全"
    assert normal_target(None, None, None, "") is None


@settings(max_examples=fuzz_budget(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), limit=st.integers(-1, 60))
def test_any_query_returns_a_list(kb, query, limit):
    hits = search_names(kb, query, limit=limit)
    assert isinstance(hits, list) and len(hits) <= max(limit, 0)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from kb.db import connect
    from kb.ingest.run import import_seeds

    c = connect(tmp_path_factory.mktemp("seeds") / "kb.sqlite3")
    import_seeds(c)
    yield c
    c.close()


@pytest.mark.parametrize("initials, word", [("myd", "满意度"), ("jsl", "及时率")])
def test_pinyin_initials_on_the_sample_documents(seeded, initials, word):
    hits = search_names(seeded, initials, limit=200)
    expected = {group_key(n) for (n,) in seeded.execute("SELECT name FROM indicators WHERE instr(name, ?)", (word,))}
    assert len(expected) >= 5
    assert expected <= {group_key(v) for h in hits for v in h.variants}  # each name, or its family's
    assert {h.match for h in hits} == {"pinyin"}


def test_grouping_across_sample_documents(seeded):
    """One indicator's spellings, across documents, are one family (kb.vocab.families: a unit in brackets; not
    扶持/受益 before the subject 企业, another indicator), counted as one and shown with its spellings."""
    h = search_names(seeded, "服务企业满意度")[0]
    assert (h.name, h.variants, h.projects, h.regions) == (
        "服务企业满意度",
        ["服务企业满意度", "服务企业满意度（%）"],
        3,
        2,
    )
    assert h.spellings == " (+1 种写法: 服务企业满意度（%）)"
    assert [(p.region, p.year) for p in precedents(seeded, h.variants)] == [
        ("广州开发区", 2022),
        ("广州开发区", 2022),
        ("威海经济技术开发区", 2021),
    ]


def test_counts_are_what_precedents_lists(seeded):
    """count_names counts in SQL exactly what precedents() and target_spread() give in Python."""
    for query, filters in (
        ("有责投诉数", None),
        ("资金发放准确率", None),
        ("服务企业满意度", None),
        ("补贴及时性", None),
        ("满意度", Filters(region="威海")),
        ("率", Filters(year=2021)),
    ):
        for hit in search_names(seeded, query, filters, limit=8):
            found = precedents(seeded, hit.variants, filters)
            assert hit.counted and hit.uses == len(found) > 0
            assert hit.projects == len({p.project_id for p in found})
            assert hit.regions == len({p.region for p in found})
            assert hit.spread == target_spread(found)
            assert hit.common_target == max(hit.spread, key=lambda kv: kv[1])[0] if hit.spread else ""


def test_names_come_first_and_their_counts_after(kb, monkeypatch):
    from kb.find import precedents as module
    from kb.find.precedents import count_names, find_names

    found = find_names(kb, "满意")
    assert [(h.name, h.uses, h.counted) for h in found] == [("服务对象满意度", 7, False), ("群众满意度", 2, False)]
    monkeypatch.setattr(module, "STOP_CHECK", 1)
    assert not any(h.counted for h in count_names(kb, found, stop=lambda: True))  # interrupted at once
    counted = count_names(kb, found)
    assert [(h.name, h.projects, h.regions) for h in counted] == [("服务对象满意度", 7, 3), ("群众满意度", 2, 2)]
    again = count_names(kb, find_names(kb, "满意"), stop=lambda: True)  # from the cache: no SQL to interrupt
    assert again == counted
    store(kb, make_document({"新项目": [("群众满意度", "≥80%")]}), "new.txt", region="宁波市", year=2024)
    assert count_names(kb, find_names(kb, "群众满意度"))[0].projects == 3  # a write empties the cache


def test_the_name_index_is_owned_by_its_connection(kb, db_path):
    """Each connection caches its own name index (kb.db.Connection.cache), gone with it; a write by another
    connection starts it again; a connection kb.db did not open (another host's) finds the same, uncached."""
    import sqlite3

    from kb.db import connect
    from kb.find import precedents as module

    second = connect(db_path)
    found = [h.name for h in search_names(kb, "满意")]
    assert found and module.__name__ in kb.cache and module.__name__ not in second.cache
    cached = kb.cache[module.__name__]
    assert [h.name for h in search_names(kb, "满意")] == found and kb.cache[module.__name__] is cached
    second.execute("UPDATE indicator_names SET uses = uses + 1 WHERE id = 1")  # a write elsewhere
    search_names(kb, "满意")
    assert kb.cache[module.__name__] is not cached
    plain = sqlite3.connect(db_path)
    plain.create_function("kb_fold", 1, lambda text: text)  # what kb.db.prepare registers, for this test's queries
    assert [h.name for h in search_names(plain, "满意")] == found
    second.close()
    plain.close()


def test_precedents_are_the_uses_in_order_with_their_values_exact(conn):
    """Newest year first (no year last), then as stored; non-whole values (read apart from the whole ones) exact."""
    targets = ["≥90%", "≥99.5%", "=0.1", "≥95%", "较高", "≤33.33%", "=1234567.891234567", "=100%"]
    for n, year in enumerate([2021, 2023, None, 2022, 2023]):
        doc = make_document({f"项目{n}": [("服务对象满意度", t) for t in targets[n : n + 4]]})
        store(conn, doc, f"d{n}.txt", region="宁波市", year=year)
    plain = conn.execute(
        """SELECT i.id, i.value, i.year FROM indicators i JOIN indicator_names n ON n.id = i.name_id
        WHERE n.name = '服务对象满意度' ORDER BY i.year DESC, i.id"""
    ).fetchall()
    for limit in (None, 3, 7):
        found = precedents(conn, ["服务对象满意度"], limit=limit)
        want = plain if limit is None else plain[:limit]
        assert [(p.indicator_id, p.value) for p in found] == [(row[0], row[1]) for row in want]
        assert all(type(p.value) is type(row[1]) for p, row in zip(found, want))
    assert {row[1] for row in plain} >= {0.1, 1234567.891234567, 99.5, 90.0}
    assert plain[-1][2] is None  # a use with no year comes last


def test_a_name_offered_clean_of_its_printed_stops_counts_each_printed_spelling(conn):
    """A family printed only with stops after it (`系统故障响应时间.`, `系统故障响应时间。`) is offered as
    `系统故障响应时间`, a name none of its variants is: the app's name lists counted len(variants) - 1 other spellings
    (+1) where the note beside them listed both (+2); the count is of the spellings besides the name shown."""
    from types import SimpleNamespace

    from kb.find.precedents import find_names
    from tui.panes.indicators import IndicatorsPane

    printed = {"甲区运维": [("系统故障响应时间.", "≤2小时")], "乙区运维": [("系统故障响应时间。", "≤4小时")]}
    store(conn, make_document(printed))
    found = find_names(conn, "系统故障响应时间")[0]
    assert found.name == "系统故障响应时间" and "+2 种写法" in found.spellings
    assert IndicatorsPane._name_rows(SimpleNamespace(hits=[found]))[0][0] == "系统故障响应时间 (+2 种写法)"
    assert sorted(found.others) == ["系统故障响应时间.", "系统故障响应时间。"]
