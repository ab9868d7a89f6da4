"""The compact name index groups (in families: kb.vocab.families), orders and finds exactly what plain Python over the
same names would."""

import sqlite3
from collections import Counter

from hypothesis import given, settings, strategies as st

from conftest import fuzz_budget
from kb.find.name_index import NameIndex, group_key
from kb.vocab.families import family_key
from kb.vocab.pinyin import pinyin

PARTS = [
    "满意度",
    "满意率",
    "及时率",
    "资金",
    "发放",
    "准确率",
    "（%）",
    "(%)",
    " ",
    "服务",
    "对象",
    "IPO",
    "、",
    "48小时",
    "受益",
    "企业",
    "的",
    "健全性",
    "指标",
]


def index_of(names: dict[str, int]) -> NameIndex:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE indicator_names (id INTEGER PRIMARY KEY, name TEXT, pinyin TEXT, initials TEXT, uses INT)"
    )
    conn.executemany(
        "INSERT INTO indicator_names (name, pinyin, initials, uses) VALUES (?, ?, ?, ?)",
        [(name, *pinyin(name), uses) for name, uses in names.items()],
    )
    return NameIndex.load(conn)


def expected_groups(names: dict[str, int]) -> list[tuple[str, list[str], int]]:
    """(family key, members most used first, uses) most used first, then shorter keys, then by key."""
    groups: dict[str, list[str]] = {}
    for name in names:
        if names[name] > 0 and family_key(name):
            groups.setdefault(family_key(name), []).append(name)
    out = [
        (key, sorted(members, key=lambda n: (-names[n], len(n), n)), sum(names[n] for n in members))
        for key, members in groups.items()
    ]
    return sorted(out, key=lambda g: (-g[2], len(g[0]), g[0]))


names_strategy = st.dictionaries(
    st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("".join), st.integers(0, 9), max_size=40
)


@settings(max_examples=fuzz_budget(150), deadline=None)
@given(names_strategy, st.sampled_from(["满意", "率", "满意率", "资金发放", "ipo", "服务对象", "48", "zz", "健全性"]))
def test_groups_order_and_substring_hits_equal_plain_python(names, query):
    """Exact: the query's family; substring: of the family key or of any member's spelling."""
    index = index_of(names)
    groups = expected_groups(names)
    found = [(g.key, [m[1] for m in g.members], g.uses) for g in (index.group(n) for n in range(len(index)))]
    assert found == groups
    hits = [(g.key, kind) for g, kind, _ in index.find(query, 10) if kind in ("exact", "substring")]
    key = group_key(query)
    exact = [(k, "exact") for k, _, _ in groups if k == family_key(query)]
    containing = [
        (k, "substring")
        for k, members, _ in groups
        if k != family_key(query) and any(key in s for s in [k, *map(group_key, members)])
    ]
    assert hits == (exact + containing)[:10]


@settings(max_examples=fuzz_budget(150), deadline=None)
@given(
    names_strategy,
    st.sampled_from(["满意 服务", "率 资金", "对象 受益 满意", "ipo 企业", "48小时 率", "及时 zz", "健全性 指标"]),
)
def test_words_apart_find_the_families_holding_each_as_plain_python(names, query):
    """'满意 服务' found the families holding 满意服务 (the spaces dropped); now those holding each word, in any order,
    in any of their spellings; when none does, the words read as one, as before."""
    index = index_of(names)
    groups = expected_groups(names)
    keys = [group_key(w) for w in query.split()]
    holding = [k for k, members, _ in groups if all(any(w in s for s in [k, *map(group_key, members)]) for w in keys)]
    found = [(g.key, kind) for g, kind, _ in index.find(query, 10)]
    if holding:
        assert found == [(k, "substring") for k in holding][:10]
    else:
        assert found == [(g.key, kind) for g, kind, _ in index.find(query.replace(" ", ""), 10)]


def test_a_word_in_pinyin_finds_names_spelt_so_beside_the_others():
    index = index_of({"服务对象满意度": 5, "受益群众满意度": 3, "服务对象投诉率": 2, "满意": 1})
    found = lambda query: [(g.members[0][1], kind) for g, kind, _ in index.find(query, 10)]  # noqa: E731
    assert found("myd 服务") == found("服务 myd") == [("服务对象满意度", "pinyin")]
    assert found("满意度 对象") == [("服务对象满意度", "substring")]
    assert found("服务对象 满意率") == found("服务对象满意率")  # none holds both: read as one (near names)
    assert found("服务对象 满意率")[0] == ("服务对象满意度", "exact")


def test_restricted_counts_only_the_given_uses():
    index = index_of({"服务对象满意度": 5, "服务对象满意度（%）": 2, "及时率": 3})
    ids = {index.group(n).members[0][1]: index.group(n).members[0][0] for n in range(len(index))}
    variant = next(
        i for g in (index.group(n) for n in range(len(index))) for i, name in g.members if name == "服务对象满意度（%）"
    )
    narrowed = index.restricted(Counter({variant: 4, ids["及时率"]: 1}))
    groups = [narrowed.group(n) for n in range(len(narrowed))]
    assert [(g.key, [m[1] for m in g.members], g.uses) for g in groups] == [
        ("服务对象满意度", ["服务对象满意度（%）"], 4),  # the family key (kb.vocab.families: without its unit)
        ("及时率", ["及时率"], 1),
    ]


def test_pinyin_near_misses_are_one_letter_off_a_long_word_only():
    """`kb search shoukuan` (收款) listed 18 names as 近似 (授权增长率: shouquan; 投后管理: houguan; 雨水管线:
    shuiguan): a short word in 26 letters is near some piece of a name's pinyin by chance. Near misses in pinyin
    are looked for from 10 letters, one letter wrong (or two missing or extra) at most."""
    names = ("全区年专利申请、授权增长率", "投后管理企业数量", "雨水管线维护数量（米）", "服务对象满意度")
    index = index_of(dict.fromkeys(names, 2))

    def near(query: str) -> list[str]:
        return [g.members[0][1] for g, kind, _ in index.find(query, 10) if kind == "fuzzy"]

    assert near("shoukuan") == [] and near("shouquanzeng") == []  # the second: found in pinyin, no near miss
    assert near("fuwuduixiangmanyiud") == near("fuwudixiangmanyidu") == ["服务对象满意度"]
    assert near("fuwuduixmanyiud") == [] and near("fuwuduixiangmenyidi") == ["服务对象满意度"]  # two letters wrong


def test_two_letters_off_a_pinyin_word_of_16_letters_or_more_are_near():
    """From 10 letters pinyin near misses were one letter off only: xiangmuzongcehngbne (19 letters, two typos) found
    项目总成本 before and nothing then, as 205 of 286 two-typo queries of 16–43 letters measured on the 41 real PDFs'
    names; none of 461 unrelated words of 16–27 letters is two letters off a name."""
    names = ("项目总成本", "服务对象满意度", "受益对象满意度", "资金拨付及时率")
    index = index_of(dict.fromkeys(names, 2))

    def near(query: str) -> list[str]:
        return [g.members[0][1] for g, kind, _ in index.find(query, 10) if kind == "fuzzy"]

    assert near("xiangmuzongcehngbne") == ["项目总成本"]
    assert near("shouyiduixinagmanyiud") == ["受益对象满意度"]
    assert near("zijinbofujsihilu") == ["资金拨付及时率"]  # 16 letters
    assert near("zijnbofujsihilv") == []  # 15 letters, two off
    assert near("xiangmuzongcehngbnei") == near("zhongxiaoqiyerongzifuwu") == []  # three off; none near


def test_a_typo_in_a_short_pinyin_word_finds_the_names_of_the_word_it_nearly_spells():
    """Since pinyin near misses wait for 10 letters, `manyiud` got nothing. Letters that parse into no syllables and
    are one typo (two neighbours swapped, one letter wrong, missing or extra) from a word that does are read as that
    word, where a name's characters spell it in whole syllables (read as its initials say); pinyin of a word no name
    holds (shoukuan) parses and still finds nothing (measured on the seeds and the 41 real PDFs: typos of 26 words,
    58 suggested, all right; 30 words in neither base, none)."""
    names = ("授权增长率", "投后管理企业数量", "雨水管线维护数量（米）", "服务对象满意度", "孩子成长状况", "兑现资金")
    index = index_of(dict.fromkeys(names, 2))

    def near(query: str) -> list[str]:
        return [g.members[0][1] for g, kind, _ in index.find(query, 10) if kind == "fuzzy"]

    assert near("manyiud") == near("mnayidu") == near("manyiduu") == ["服务对象满意度"]
    assert near("weiuh") == ["雨水管线维护数量（米）"]
    assert near("shoukuan") == near("manyidi") == []  # pinyin of words, held by no name: no guess
    assert near("awzi") == near("amzi") == []  # aizi in haizi, anzi in duixianzijin (dxzj): not of their syllables
    assert near("zjiin") == ["兑现资金"]


def test_a_pinyin_typo_reads_no_more_names_than_it_can_show(monkeypatch):
    """A typo's words were looked for in every name holding them (manyi: in most names) and each such name parsed
    into syllables: seconds a keystroke at 190,000 names. The names run most used first, so each word is read up to
    the names it can show: the same names, most used first, the parses bounded by the limit."""
    import kb.vocab.pinyin as spelling

    chars = "东南西北春夏秋冬金木水火土山川河海风雨雷电花草树林"
    names = {f"{a}{b}满意度": 1 + (i * 7919) % 900 for i, (a, b) in enumerate((a, b) for a in chars for b in chars)}
    index = index_of(names)
    parsed = []
    monkeypatch.setattr(spelling, "spells_part", lambda *args: parsed.append(args) or True)
    found = [g.members[0][1] for g, kind, _ in index.find("manyiud", 10)]
    assert found == sorted(names, key=lambda n: -names[n])[:10]
    assert len(parsed) <= 10 * len(spelling.one_letter_off("manyiud")) < len(names)


def test_a_pinyin_typo_parses_only_names_whose_initials_can_read_its_word(monkeypatch):
    """cshu is one letter from ashu (a|shu), which jiashu (家属) holds in every such name, and each was parsed to
    find that it reads jia|shu: seconds at 190,000 names. A name whose initials hold no reading's of the word (as)
    is passed over unparsed."""
    import kb.vocab.pinyin as spelling

    chars = "东南西北春夏秋冬金木水火土山川河海风雨雷电花草树林"
    index = index_of({f"{a}{b}家属人数": 1 for a in chars for b in chars})
    parsed = []
    read_as = spelling._read_as
    monkeypatch.setattr(spelling, "_read_as", lambda *args: parsed.append(args) or read_as(*args))
    assert index.find("cshu", 10) == [] and parsed == []


def test_a_pinyin_typo_parses_no_name_where_the_next_syllable_cannot_start_after_its_word(monkeypatch):
    """peixnu is one letter from peixun (培训) and from peixu, which every 培训人数 name holds (peixu|n…), its
    initials px as well: each was parsed to find peixu ends inside xun. The letter after the word starts the next
    syllable, so the initials hold it after the word's (pxn): where they do not (pxr), the name is passed over."""
    import kb.vocab.pinyin as spelling

    chars = "东南西北春夏秋冬金木水火土山川河海风雨雷电花草树林"
    index = index_of({f"{a}{b}培训人数": 1 for a in chars for b in chars})
    parsed = []
    read_as = spelling._read_as
    monkeypatch.setattr(spelling, "_read_as", lambda *args: parsed.append(args[2]) or read_as(*args))
    assert len(index.find("peixnu", 10)) == 10
    assert [edges for edges in parsed if edges[1] - edges[0] == len("peixu")] == []


def test_a_pinyin_typo_scans_the_pinyin_once_for_all_its_words(monkeypatch):
    """Each word a typo is one letter from (manyiu: 37 of them, maniyu … manyidu … manyi) was looked for in the whole
    pinyin on its own: at 190,000 names 37 scans, 0.13–1.8 s a keystroke. They are looked for together, the names
    most used first (a pattern for the words keeping the typo's first letters, one over the reversed lines for those
    keeping its last): the pinyin is searched for no word on its own, and finds the same names."""
    names = {"服务对象满意度": 9, "群众满意度": 7, "满意度调查覆盖率": 5, "漫游服务": 3, "曼谷航线数量": 2}
    index = index_of(names)
    looked_for: list[str] = []
    find = index._pinyin.find
    monkeypatch.setattr(index._pinyin, "find", lambda needle: looked_for.append(needle) or find(needle))
    found = [g.members[0][1] for g, kind, _ in index.find("manyiu", 10)]
    assert found == ["服务对象满意度", "群众满意度", "满意度调查覆盖率", "漫游服务"]  # manyidu, manyou
    assert [g.members[0][1] for g, kind, _ in index.find("mnayidu", 10)] == found[:3]  # keeping its last letters
    assert set(looked_for) <= {"manyiu", "mnayidu"}  # the typos themselves (as pinyin), none of their words


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("".join), st.integers(1, 30), max_size=40
    ),
    st.sampled_from(["manyiud", "mnayidu", "manyiu", "jishlv", "zjiin", "weiuh", "fuwdui", "qiyw", "shuoyi"]),
    st.integers(1, 8),
)
def test_a_pinyin_typo_finds_the_most_used_names_any_of_its_words_spells(names, typo, lines):
    """Read together and in steps of groups (`lines` at first), a typo's words find what each word read on its own
    over every name finds: the first names, most used first, that one of them spells in whole syllables."""
    import kb.find.name_index as name_index
    from kb.vocab.pinyin import one_letter_off, spells_part

    index = index_of(names)
    name_index._TYPO_LINES = lines
    try:
        found = [n for n, _ in index._typo(typo, 5)]
    finally:
        name_index._TYPO_LINES = 2048
    spelt = [
        n
        for n in range(len(index))
        if any(spells_part(w, index._pinyin.line(n), index._initials.line(n)) for w in one_letter_off(typo))
    ]
    assert found == spelt[:5]
