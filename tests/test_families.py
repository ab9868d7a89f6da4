"""Indicator families (kb.vocab.families): the rules both ways, the grouping on the sample documents (on the real
corpus: tests/test_real_documents.py), and what uses it — counts, templates, the duplicate check, value buckets and
level guesses."""

from __future__ import annotations

from collections import defaultdict
import pytest

from kb.db import connect
from kb.drafting import drafts
from kb.drafting.lint import lint_draft
from kb.drafting.suggest import template, template_rows
from kb.find.level_guess import guess_levels
from kb.find.precedents import common_line, precedents, search_names, target_spread, target_summary
from kb.vocab.families import family_key, family_trace, spelling_key, spellings_note
from kb.vocab.targets import same_value, value_labels


@pytest.mark.parametrize(
    "names, rule",
    [
        (["服务对象满意度", "服务对象满意度（%）", "服务对象满意度(%)", "服务对象 满意度"], "S"),
        (["ＡＢＣ达标率", "abc达标率"], "S"),
        (["服务对象满意率", "服务对象满意度", "服务对象满意程度"], "F1"),
        (["监督考核机制健全性", "监督考核机制健全"], "F2"),
        (["资金拨付及时性", "资金拨付及时"], "F2"),
        (["学生的满意度", "学生满意度"], "F3"),
        (["服务对象满意度指标", "服务对象满意度"], "F4"),
        (["指标运转保障率", "运转保障率"], "F4"),
        (["指标1：完成时间节点", "指标2：完成时间节点", "完成时间节点"], "F4"),
        (["受益对象的满意率", "受益对象满意度（%）", "受益对象 满意程度"], "F1"),
        (["受资助学生满意度", "受助学生满意度", "受资助学生的满意度"], "F5"),  # 受助 is 受资助 written short
        (["缓解受资助研究生生活压力", "缓解受助研究生生活压力"], "F5"),
    ],
)
def test_merged(names, rule):
    assert len({family_key(n) for n in names}) == 1, {n: family_key(n) for n in names}
    if rule != "S":
        assert any(rule in dict(family_trace(n)) for n in names)


@pytest.mark.parametrize(
    "a, b",
    [
        ("项目完成率", "项目完成数"),  # a share and a count
        ("拨付及时性", "拨付及时率"),  # a quality and a share
        ("满意度", "服务对象满意度"),  # one names no subject
        ("受益对象满意度", "服务对象满意度"),  # who answers the survey is part of the indicator
        ("救助对象的满意率", "服务对象满意度"),
        ("扶持企业满意度", "企业满意度"),
        ("受益企业满意度（%）", "服务企业满意度"),
        ("企业满意度", "群众满意度"),  # distinct subjects
        ("参展企业满意度", "企业满意度"),  # another group of firms
        ("监管对象满意度", "服务对象满意度"),  # the regulated are not the served
        ("服务人员满意度", "人员满意度"),  # those who serve
        ("企业对政府满意度", "企业满意度"),
        ("补贴发放及时性", "补贴及时性"),  # a verb is never dropped
        ("指标完成率", "完成率"),  # too short to be a printed label
        ("年培训（参会）人次", "年培训人次"),  # a bracketed qualifier, not a unit
        ("及时发放率", "及时发放"),
        ("资助学生满意度", "受助学生满意度"),  # a word before the subject, not a spelling (near names)
    ],
)
def test_kept_apart(a, b):
    assert family_key(a) != family_key(b)


def test_spelling_key_and_note():
    assert spelling_key("资金发放准确率（%）") == spelling_key("资金发放准确率") == "资金发放准确率"
    assert family_trace("实现预期目的") == []  # 目的 keeps its 的
    assert family_trace("享受资助学生满意度") == []  # 享受 资助, 接受 资助: no 受资助 to write short
    assert spellings_note("服务对象满意度", ["服务对象满意度", "服务对象满意度（%）", "服务对象满意率"]) == (
        " (+2 种写法: 服务对象满意度（%）, 服务对象满意率)"
    )
    assert spellings_note("a", ["a"]) == ""
    assert spellings_note("a", ["a", *"bcdef"], limit=2) == " (+5 种写法: b, c, …)"


def families(conn) -> dict[str, set[str]]:
    """Family key → the names in use that it holds."""
    out: dict[str, set[str]] = defaultdict(set)
    for (name,) in conn.execute("SELECT name FROM indicator_names WHERE uses > 0"):
        out[family_key(name)].add(name)
    return out


def test_grouping_on_the_sample_documents(seeded):
    conn = connect(seeded)
    try:
        joined = {k: v for k, v in families(conn).items() if len({spelling_key(n) for n in v}) > 1}
        assert joined == {"监督考核机制健全": {"监督考核机制健全", "监督考核机制健全性"}}
        hit = search_names(conn, "监督考核机制健全性")[0]
        assert (hit.match, hit.projects) == ("exact", 4)
        assert hit.spellings == " (+1 种写法: 监督考核机制健全性)"
    finally:
        conn.close()


def test_another_indicator_near_a_name_is_shown_beside_it_not_as_its_spelling(seeded):
    """A budget officer asking for 服务对象满意度 gets its spellings as one, and 帮助对象满意度 (another survey's
    people) as a near name (近似) counted on its own."""
    conn = connect(seeded)
    try:
        hits = {h.name: h for h in search_names(conn, "服务对象满意度")}
        own = hits["服务对象满意率"]
        assert (own.match, own.variants, own.projects) == ("exact", ["服务对象满意率"], 2)
        near = hits["帮助对象满意度"]
        assert (near.match, near.variants, near.projects) == ("fuzzy", ["帮助对象满意度"], 1)
    finally:
        conn.close()


def test_template_proposes_one_spelling_of_each_indicator(seeded):
    conn = connect(seeded)
    try:
        items = template(conn, "补贴/奖励类").items
        keys = [family_key(i.name) for i in items]
        assert len(keys) == len(set(keys))
        both = next(i for i in items if family_key(i.name) == "监督考核机制健全")
        assert (both.projects, set(both.variants)) == (4, {"监督考核机制健全", "监督考核机制健全性"})
        # 扶持企业满意度 is not 受益企业满意度: each its own item, none holding the other
        assert [i.variants for i in items if i.name.endswith("满意度")] == [["扶持企业满意度"], ["补贴人员满意度"]]
        # any spelling names the item in `only`
        (row,) = template_rows(conn, "补贴/奖励类", only=["监督考核机制健全性"])
        assert row.name == both.name
    finally:
        conn.close()


def test_a_second_spelling_in_a_draft_is_a_duplicate(seeded):
    conn = connect(seeded)
    try:
        draft = drafts.create(conn, "补贴")
        drafts.add_row(conn, draft.id, drafts.new_row("服务对象满意度", target="≥90%"))
        draft = drafts.add_row(conn, draft.id, drafts.new_row("服务对象满意率", target="≥95%"))
        found = [f for f in lint_draft(conn, draft.id) if f.rule == "duplicate"]
        assert len(found) == 1 and "另一种写法" in found[0].detail and found[0].indicator == "服务对象满意率"
        applied = drafts.apply_rows(
            conn, draft.id, [drafts.new_row("服务对象满意度（%）"), drafts.new_row("受益对象满意度")]
        )
        assert applied.skipped == ["服务对象满意度（%）"]  # another indicator is no duplicate: 受益对象满意度 is added
    finally:
        conn.close()


def test_targets_that_mean_the_same_are_one_value(seeded):
    assert same_value("≤", 0.0, "起") == same_value("=", 0.0, None) == same_value("=", 0.0, "%") == ("=", 0.0, None)
    assert same_value("=", 0.0, "℃") == ("=", 0.0, "℃")  # not a count
    assert same_value("≥", 0.0, None) == ("≥", 0.0, None)
    rows = [("≥", 90.0, "%", "≥90%"), ("≥", 90.0, None, ">=90"), ("=", 0.0, "次", "0次"), ("定性", None, None, "高")]
    assert value_labels(rows) == ["≥90%", "≥90%", "=0", "高"]
    conn = connect(seeded)
    try:
        uses = precedents(conn, ["有责投诉数"])
        assert sorted(u.target for u in uses) == ["0起", "<=5%", "=0"]
        assert target_spread(uses) == [("=0", 2), ("≤5%", 1)]
        summary = target_summary(uses)
        assert (summary["most_common"], summary["most_common_n"], summary["of"]) == ("=0", 2, 3)
        assert common_line(summary) == "最常见 most common =0（3 个先例中 2 个 2 of 3）"
    finally:
        conn.close()


def test_level_guesses(seeded):
    conn = connect(seeded)
    try:
        rd = guess_levels(conn, "研发投入增长率")  # was 社会效益 (增长)
        assert (rd.level1, rd.level2, rd.reason) == (
            "效益指标",
            "经济效益指标",
            '经济效益指标（关键词 "研发投入增长"）',
        )
        money = guess_levels(conn, "补贴资金总额")  # was 经济效益 (资金): money paid out is a cost
        assert (money.level1, money.level2) == ("成本指标", "经济成本指标") and "总额" in money.reason
        family = guess_levels(conn, "服务企业满意率")  # no such spelling: its family's precedents
        assert family.level2 == "服务对象满意度指标" and family.reason.endswith(
            "（同名先例 3 个中 3 个）"
        )  # 服务企业满意度 only
        assert guess_levels(conn, "有责投诉数").reason == "社会效益指标（同名先例 3 个中 2 个）"
        unsure = guess_levels(conn, "群众获得感")
        assert not unsure.sure and unsure.level2 is None
        assert unsure.candidates == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
        weak = guess_levels(conn, "提高群众参与热情")  # 提高: 社会效益 often, 可持续影响 nearly as often
        assert not weak.sure and weak.candidates == [("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标")]
    finally:
        conn.close()
