"""Suggestions from the seeds: similar projects with shared terms, templates by spending type, values."""

from __future__ import annotations

import pytest

from conftest import make_document, store

from kb.drafting import drafts, suggest
from kb.db import connect
from kb.errors import KbError
from kb.vocab.levels import FRAMEWORK, LEVEL1


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    from kb.ingest.run import import_seeds

    conn = connect(tmp_path_factory.mktemp("seeds") / "kb.sqlite3")
    import_seeds(conn)
    yield conn
    conn.close()


def project_id(conn, name: str) -> int:
    return conn.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()[0]


@pytest.mark.parametrize(
    "new, expected, shared",
    [
        (
            "科技型企业研发补贴",
            ["科技型企业贷款风险贴息资金", "科技创新政策扶持资金", "扶持政策涉科兑现", "科技支行贷款风险补偿金"],
            "科技型企业",
        ),
        (
            "政务信息系统运维服务",
            ["广州开发区民营及中小微企业信用信息和融资对接平台运维服务", "信息化运维经费"],
            "信息",
        ),
        ("高校毕业生就业见习补贴", ["就业再就业和创业扶持政策补贴"], "就业见习补贴"),
        ("老旧小区改造提升工程", ["老旧小区改造项目"], "老旧小区改造"),
    ],
)
def test_new_projects_find_the_expected_precedents_first(kb, new, expected, shared):
    hits = suggest.similar_projects(kb, new, limit=8)
    assert {h.name for h in hits[: len(expected)]} == set(expected)
    assert hits[0].name == expected[0]
    assert shared in hits[0].shared
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(
    "named",
    [
        "2026年老旧小区改造提升工程",
        "老旧小区改造提升工程（2026年度）",
        "2026老旧小区改造提升工程",
        "老旧小区改造提升工程（２０２６年度）",  # full-width digits, as a name copied from a document may have them
    ],
)
def test_the_year_a_draft_is_named_by_finds_nothing_of_its_own(kb, named):
    """Drafts are named by their year ('2027年养老服务补贴'): its bigrams (2027, 7年, 年养) matched projects naming
    any year, which ranked above the precedent sharing the subject."""
    hits = suggest.similar_projects(kb, named, limit=8)
    plain = suggest.similar_projects(kb, "老旧小区改造提升工程", limit=8)
    assert [h.project_id for h in hits] == [h.project_id for h in plain] and hits[0].name == "老旧小区改造项目"
    assert not any(any(ch.isdigit() for ch in term) for h in hits for term in h.shared)


def test_the_overview_counts_too(kb):
    hits = suggest.similar_projects(kb, "新设专项", overview="支持小贷公司支农支小，服务小微企业和三农")
    assert hits[0].name == "小额贷款公司专项"


def test_a_score_says_how_alike_not_how_near_the_best(kb):
    """Relevance was relative to the best hit: with nothing in the base about 海洋牧场, the projects sharing only 项目
    scored 70 of 100, as alike as a near copy looks. Scores are scaled by how much of the new name the project
    holding most of it holds, its bigrams weighted by rarity: 项目 weighs little, 海洋 and 牧场 (held by none) most."""
    nothing_alike = suggest.similar_projects(kb, "海洋牧场项目")
    assert nothing_alike and all(h.shared == ["项目"] and h.score < 20 for h in nothing_alike)
    same = suggest.similar_projects(kb, "2027年老旧小区改造项目")[0]
    assert (same.name, same.score, same.relevance, same.held) == ("老旧小区改造项目", 100, 100, 100)
    partly = suggest.similar_projects(kb, "老旧小区改造提升工程")[0]
    assert partly.name == "老旧小区改造项目" and 50 < partly.score < 90


def test_no_letters_no_matches_but_no_error(kb):
    assert suggest.similar_projects(kb, "———") == []


def test_shared_terms_are_the_longest_common_pieces():
    assert suggest.shared_terms("政务信息系统运维服务", "系统运行日常操作与维护，运维服务，信息") == [
        "运维服务",
        "系统运",
        "信息",
    ]
    assert suggest.shared_terms("甲乙", "丙丁") == []


def test_classification_rules_are_data(monkeypatch):
    assert suggest.spending_type("就业见习补贴") in ("补贴/奖励类", "就业与民生")
    assert suggest.spending_type("信息化运维经费") == "信息化建设与运维"
    assert suggest.spending_type("综合经费") is None
    monkeypatch.setitem(suggest.SPENDING_TYPES, "体育", ("体育", "赛事"))
    assert suggest.classify("全民健身赛事经费") == [("体育", 2, ["赛事"])]


def test_equipment_purchases_are_a_spending_type_of_their_own():
    """101 of the 41 real PDFs' 1,344 projects buy equipment (办公设备购置, 执法执勤车辆购置, 家具购置): 89 had no
    type and no template, the rest one for the equipment's use (信息化, 工程). Upkeep stays 工程建设与改造."""
    for name in ("办公设备购置项目", "执法执勤车辆购置", "开办类事务-家具购置项目(二期)", "信息化设备购置"):
        assert suggest.spending_type(name) == "设备购置", name
    assert suggest.spending_type("电影审查放映设备维护、维修及日常放映保障") == "工程建设与改造"
    assert suggest.spending_type("农村公路养护") == "工程建设与改造"  # had no type: 养护 and 公路 were no keywords


def test_a_name_weighs_above_its_text_and_a_service_it_ends_in_breaks_a_tie():
    """The 41 real PDFs' audit of social insurance went to 就业与民生 (社保 in its name, 社保 and 民生 in its text), and
    into that template; 研究生 student aid to 课题研究 (研究 inside 研究生); a consultancy whose text names systems to
    信息化. Of 1,344 projects 42 moved, each read by hand; an act on a thing (维护, 购置) still goes by the thing."""
    audit = "组织开展社保、国资国企及金融、信息化等领域的审计监督，重点关注民生社会保障"
    assert suggest.spending_type("社保、企业与电子数据审计项目", audit) == "课题研究"
    assert suggest.spending_type("社保、企业与电子数据审计项目（2026年）") == "课题研究"
    assert suggest.spending_type("学生资助-研究生国家助学金", "研究生资助：奖励优秀研究生，开展研究") == "补贴/奖励类"
    assert suggest.spending_type("学术性研究生修读教师教育课程") is None
    assert suggest.spending_type("委托咨询业务", "咨询服务覆盖信息系统、数据平台和网络") == "课题研究"
    assert suggest.spending_type("市保障交易中心信息平台维护费", "平台维护") == "信息化建设与运维"
    assert suggest.spending_type("就业管理活动经费项目", "就业管理服务") == "就业与民生"


def test_a_health_check_is_no_inspection():
    """A name ending in 检查 broke a tie for 监管与风险防控: 社区居民健康检查项目, a medical check for residents,
    went there from 就业与民生 (its text's 社区 and 民生)."""
    text = "为社区居民提供免费健康检查，惠及民生"
    assert suggest.spending_type("社区居民健康检查项目", text) == "就业与民生"
    assert suggest.spending_type("养老机构安全检查", "养老机构消防安全检查") == "监管与风险防控"


def test_shared_terms_are_not_cut_through_a_word(conn):
    """kb suggest 居家养老服务补贴 showed 养老服务补 (from 养老服务补助): 补 goes with 贴, as the base's names show."""
    names = ["养老服务补助资金", "创业补贴", "就业补贴", "租房补贴", "学生资助补贴", "居家养老上门服务"]
    store(conn, make_document({n: [("补贴发放准确率", "=100%")] for n in names}))
    assert suggest.shared_terms("居家养老服务补贴", "养老服务补助资金") == ["养老服务补"]  # the pieces alone
    shared = {s.name: s.shared for s in suggest.similar_projects(conn, "2027年居家养老服务补贴")}
    assert shared["养老服务补助资金"] == ["养老服务"] and shared["居家养老上门服务"] == ["居家养老", "服务"]
    assert shared["创业补贴"] == ["补贴"]


def test_shared_terms_are_not_cut_through_a_word_of_the_other_text(conn):
    """kb suggest 农村公路养护 showed 农村公 beside 农村公益放映监控平台: the piece ends where the query goes on with
    路 and the project's text with 益, and 公益 is a word of the base (公路 is in none of its projects)."""
    names = ["农村公益放映监控平台", "公益广告宣传", "公益性岗位补贴", "农村公益事业", "村公所维修"]
    store(conn, make_document({n: [("补贴发放准确率", "=100%")] for n in names}))
    shared = {s.name: s.shared for s in suggest.similar_projects(conn, "2027年农村公路养护")}
    assert shared["农村公益放映监控平台"] == ["农村"] and shared["农村公益事业"] == ["农村"]


def test_a_template_is_built_from_the_knowledge_base(kb):
    known = {r[0] for r in kb.execute("SELECT name FROM indicators")}
    for kind in suggest.SPENDING_TYPES:
        t = suggest.template(kb, kind, per_slot=2)
        assert {n for _, n in t.projects} == {n for _, n in suggest.projects_of_type(kb, kind)}
        assert all(i.name in known for i in t.items)
        slots = [(i.level1, i.level2) for i in t.items]
        order = [(LEVEL1.index(a), FRAMEWORK[a].index(b)) for a, b in slots]
        assert order == sorted(order)
        assert all(slots.count(s) <= 2 for s in slots)


def test_subsidy_template_picks_the_most_used_indicators(kb):
    t = suggest.template(kb, "补贴/奖励类")
    assert "科技型企业贷款风险贴息资金" in {n for _, n in t.projects}
    item = next(i for i in t.items if i.name == "补贴发放准确率")
    assert (item.level1, item.level2, item.projects, item.target) == ("产出指标", "质量指标", 4, "=100%")
    assert item.summary["count"] == 4 and item.summary["median"] == 100
    levels = {i.level1 for i in t.items}
    assert {"产出指标", "效益指标", "满意度指标"} <= levels


def _aid_and_care(conn, subsidies: bool = True) -> None:
    """Student aid 补贴 projects (the many) and elderly-care ones (the few), as the real base holds them."""
    aid = [("受助学生满意度", "≥95%"), ("补贴发放准确率", "=100%"), ("受助学生顺利完成学业", "≥90%")]
    care = [("服务老年人满意度", "≥90%"), ("补贴发放准确率", "=100%"), ("服务老年人数", "≥300人")]
    projects = {f"{school}学生资助生活补贴": aid for school in ("甲校", "乙校", "丙校", "丁校")}
    projects |= {f"{place}居家养老服务补贴": care for place in ("甲区", "乙区") if subsidies}
    projects |= {f"{place}居家养老服务发展资金": care for place in ("丙区", "丁区", "戊区")}
    store(conn, make_document(projects))


def test_a_template_for_a_name_puts_what_its_likest_projects_use_first(conn):
    """A 居家养老服务补贴 draft got student aid's 受助学生满意度 (most used among 补贴 projects) pre-ticked."""
    _aid_and_care(conn)
    satisfaction = lambda t: [i.name for i in t.items if i.level1 == "满意度指标"]  # noqa: E731
    assert satisfaction(suggest.template(conn, "补贴/奖励类", per_slot=1)) == ["受助学生满意度"]  # by count: 4 to 2
    near = suggest.template(conn, "补贴/奖励类", per_slot=1, name="2027年居家养老服务补贴")
    assert satisfaction(near) == ["服务老年人满意度"] and {n for _, n in near.near} == {
        "甲区居家养老服务补贴",
        "乙区居家养老服务补贴",
    }
    assert next(i for i in near.items if i.name == "服务老年人满意度").near == 2
    rows = suggest.template_rows(conn, "补贴/奖励类", per_slot=1, name="2027年居家养老服务补贴")
    assert "服务老年人满意度" in [r.name for r in rows]


def test_a_template_offers_one_indicator_once_however_it_is_written(conn):
    """The 41 real PDFs' 补贴/奖励类 template offered 受助学生满意度 and 学生满意度, 及时发放率 and 及时发放,
    应助尽助 and (in another slot) 应助尽助率: among one type's projects, one indicator written shorter or longer,
    ticked twice in a draft. The next of the slot comes instead."""
    aid = [("受助学生满意度", "≥95%"), ("及时发放率", "=100%"), ("应助尽助", "=100%")]
    short = [("学生满意度", "≥90%"), ("及时发放", "=100%"), ("应助尽助率", "=100%"), ("家长满意度", "≥90%")]
    projects = {f"{school}学生资助生活补贴": aid for school in ("甲校", "乙校", "丙校")}
    projects |= {f"{school}学生资助补贴": short for school in ("丁校", "戊校")}
    store(conn, make_document(projects))
    names = [i.name for i in suggest.template(conn, "补贴/奖励类", per_slot=2).items]
    assert {"受助学生满意度", "及时发放率", "应助尽助", "家长满意度"} <= set(names)
    assert not {"学生满意度", "及时发放", "应助尽助率"} & set(names), names


def test_of_the_near_projects_indicators_the_likests_come_first(conn):
    """执法执勤车辆购置's like in the 41 real PDFs: its namesake and a vehicle upkeep (公安执法执勤车辆消耗费), one
    each for every row. The upkeep's 维保车辆数 came first (and was the 产出 row ticked); the likest's rows do now."""
    doc = make_document(
        {
            "公安执法执勤车辆消耗费": [("维保车辆数", "≥120辆"), ("车辆维修达标率", "≥90%")],
            "执法执勤车辆购置": [("车辆购置数量", "≥12辆"), ("车辆验收合格率", "=100%")],
            "办公家具购置": [("家具采购数量", "≥30件"), ("验收合格率", "=100%")],
            "档案数字化": [("档案数字化数量", "≥5000卷")],
            "社区养老服务补贴": [("补贴发放准确率", "=100%")],
        }
    )
    store(conn, doc)
    near = suggest.template(conn, "设备购置", per_slot=1, name="2027年执法执勤车辆购置")
    assert [n for _, n in near.near] == ["执法执勤车辆购置", "公安执法执勤车辆消耗费"]
    assert [i.name for i in near.items if i.level1 == "产出指标"] == ["车辆购置数量", "车辆验收合格率"]


def test_a_names_spending_type_is_the_one_its_likest_projects_are_of(conn):
    """养老 and 补贴 weigh alike in '居家养老服务补贴'; its like are 养老 projects (就业与民生), not student aid."""
    _aid_and_care(conn, subsidies=False)  # the likest: 居家养老服务发展资金
    assert [k for k, _, _ in suggest.classify("居家养老服务补贴")] == ["补贴/奖励类", "就业与民生"]  # a tie
    assert [k for k, _, _ in suggest.rank_types(conn, "居家养老服务补贴")] == ["就业与民生", "补贴/奖励类"]
    assert suggest.guess_type(conn, "2027年居家养老服务补贴") == "就业与民生"
    assert suggest.guess_type(conn, "戊校学生资助生活补贴") == "补贴/奖励类"


def test_one_measure_under_two_names_has_one_key():
    key = suggest.measure_key
    assert key("项目总成本", "成本指标") == key("总成本", "成本指标") == key("项目总支出", "成本指标")
    assert key("项目完成率", "产出指标") == key("完成率", "产出指标")
    assert key("人均补贴标准", "成本指标") != key("项目总成本", "成本指标")
    assert key("培训总成本", "成本指标") != key("项目总成本", "成本指标")  # a part's total, not the whole's
    assert key("服务对象满意率", "满意度指标") == key("服务对象满意度", "满意度指标")


def test_template_rows_carry_targets_and_sources(kb):
    rows = suggest.template_rows(kb, "补贴/奖励类", only=["补贴发放准确率", "补贴及时性"])
    assert [(r.name, r.operator, r.value, r.unit, r.text) for r in rows] == [
        ("补贴发放准确率", "=", 100.0, "%", None),
        ("补贴及时性", "定性", None, None, "及时"),
    ]
    assert len(rows[0].sources) == 4
    with pytest.raises(KbError, match="unknown spending type"):
        suggest.template(kb, "烟花")


def test_value_suggestion(kb):
    v = suggest.value_suggestion(kb, "服务企业满意度")  # its family: 服务企业满意度（%） too, not 扶持企业满意度
    assert (v["count"], v["median"], v["min"], v["max"], v["unit"]) == (3, 90, 90, 100, "%")
    assert dict(v["spread"]) == {"≥90%": 1, "=90%": 1, "=100%": 1}
    assert (v["most_common"], v["most_common_n"], v["of"]) == ("≥90%", 1, 3) and len(v["variants"]) == 2
    assert suggest.value_suggestion(kb, "从未有过的指标")["count"] == 0


def test_project_rows_leave_out_what_is_outside_the_framework_unless_asked(kb):
    pid = project_id(kb, "“政银保”贷款保证保险补贴")
    rows = suggest.project_rows(kb, pid)
    assert "预算执行率" not in [r.name for r in rows] and len(rows) == 5
    assert rows[0].level1 == "产出指标" and len(rows[0].sources) == 1
    picked = suggest.project_rows(kb, pid, only=["1", "补贴及时性"])
    assert [r.name for r in picked] == ["预算执行率", "补贴及时性"]
    with pytest.raises(KbError, match="not in project"):
        suggest.project_rows(kb, pid, only=["补贴及时性", "不存在"])
    with pytest.raises(KbError, match="no project"):
        suggest.project_rows(kb, 99999)


def test_a_template_leaves_a_peers_sum_of_money_for_the_officer(kb):
    """A template put another project's total (项目总支出 ≤22万元) into a draft of 850万元, and no check noticed."""
    costs = {r.name: r for r in suggest.template_rows(kb, "信息化建设与运维") if r.level1 == "成本指标"}
    assert (costs["项目建设成本"].operator, costs["项目建设成本"].value, costs["项目建设成本"].unit) == (
        "≤",
        None,
        "万元",
    )
    per_community = next(r for r in suggest.template_rows(kb, "就业与民生") if r.name == "每个社区补助金额")
    assert per_community.value is not None  # a standard per unit is a precedent worth copying


def test_a_similar_projects_sum_of_money_is_left_for_the_officer_as_a_templates_is(conn):
    """A similar project's rows brought its total (项目总支出 ≤237万元) into a 380 万元 draft while the template left
    such sums blank; a copy of the project itself keeps them (last year's own table)."""
    sums = [("项目总支出", "≤237万元"), ("人均补贴标准", "=600元/人"), ("每户补助金额", "≤300元")]
    store(conn, make_document({"甲区养老服务发展资金": [*sums, ("补助人数", "≥500人")]}))
    conn.execute("UPDATE indicators SET std_level1 = '成本指标', std_level2 = '经济成本指标' WHERE seq <= 3")
    pid = conn.execute("SELECT id FROM projects").fetchone()[0]
    got = {r.name: (r.operator, r.value, r.unit) for r in suggest.project_rows(conn, pid, every=True)}
    assert got["项目总支出"] == ("≤", 237, "万元")  # a copy
    got = {r.name: (r.operator, r.value, r.unit) for r in suggest.project_rows(conn, pid)}
    assert got["项目总支出"] == ("≤", None, "万元")
    assert got["人均补贴标准"] == ("=", 600, "元/人") and got["每户补助金额"] == ("≤", 300, "元")  # per unit: kept
    assert got["补助人数"] == ("≥", 500, "人")


def test_a_template_leaves_a_peers_own_count_for_the_officer(conn):
    """A template put one peer's count (补助人数 ≥13万人) into a draft of 120万元: a count no other peer chose is left
    for the officer (to_fill), one two peers chose and a share are kept."""
    projects = {
        f"{place}养老服务补贴": [("补助人数", target), ("发放户数", households), ("补贴发放准确率", "=100%")]
        for place, target, households in (
            ("甲", "≥13万人", "≥200户"),
            ("乙", "≥500人", "≥200户"),
            ("丙", "≥800人", "≥300户"),
        )
    }
    store(conn, make_document(projects))
    rows = {r.name: r for r in suggest.template_rows(conn, "补贴/奖励类", per_slot=5)}
    assert (rows["补助人数"].level2, rows["补助人数"].operator, rows["补助人数"].value) == ("数量指标", "≥", None)
    assert (rows["发放户数"].value, rows["发放户数"].unit) == (200, "户")
    assert rows["补贴发放准确率"].value == 100
    d = drafts.create(conn, "丁区养老服务补贴")
    assert drafts.apply_rows(conn, d.id, list(rows.values())).to_fill == ["补助人数"]


def test_a_name_printed_with_a_stop_after_it_is_offered_clean_and_counted_with_the_clean_one(conn):
    """Some PDFs print a stop or comma after a cell's name (广州's `响应时间.`): stored as printed, it was what a
    template, a precedent's rows and the name search offered to copy into a draft, counted apart from the clean name.
    Names are still stored as printed; what is offered is the name without it, the spellings counted together."""
    from kb.find.precedents import find_names

    projects = {
        "甲区政务信息系统运维服务": [("系统故障响应时间.", "≤2小时"), ("系统正常运行率。", "≥99%")],
        "乙区政务信息系统运维服务": [("系统故障响应时间.", "≤2小时"), ("系统正常运行率，", "≥99%")],
        "丙区政务信息系统运维服务": [("系统故障响应时间", "≤4小时"), ("系统正常运行率 ", "≥99%")],
    }
    store(conn, make_document(projects))
    printed = {r[0] for r in conn.execute("SELECT name FROM indicator_names")}
    assert {"系统故障响应时间.", "系统正常运行率。", "系统正常运行率，"} <= printed  # kept as printed
    items = {i.name: i for i in suggest.template(conn, "信息化建设与运维", per_slot=5).items}
    assert {"系统故障响应时间", "系统正常运行率"} <= set(items)
    assert not any(name[-1] in ".。，, " for name in items)
    assert items["系统故障响应时间"].projects == 3 and items["系统故障响应时间"].variants == ["系统故障响应时间"]
    rows = suggest.template_rows(conn, "信息化建设与运维", only=["系统故障响应时间."])
    assert [(r.name, r.operator, r.value) for r in rows] == [("系统故障响应时间", "≤", 2)]
    first = conn.execute("SELECT id FROM projects WHERE name = '甲区政务信息系统运维服务'").fetchone()[0]
    copied = suggest.project_rows(conn, first, every=True)
    assert [r.name for r in copied] == ["系统故障响应时间", "系统正常运行率"]
    assert [r.name for r in suggest.project_rows(conn, first, only=["系统正常运行率。"])] == ["系统正常运行率"]
    hit = find_names(conn, "系统故障响应时间")[0]
    assert hit.name == "系统故障响应时间" and hit.uses == 3 and "系统故障响应时间." in hit.variants


def test_projects_sharing_a_word_of_the_name_only_are_not_like_the_draft(conn):
    """农村公路道路养护's likest (score 16) shared 道路 or 农村: its template ticked 续建大中型水库 (two 水利 projects
    among them), and 就业困难人员社保补贴 took student aid's type and 受助学生满意度 from projects sharing 困难,
    补贴."""
    aid = [("受助学生满意度", "≥95%"), ("补贴发放准确率", "=100%")]
    store(conn, make_document({f"{school}学生资助生活补贴": aid for school in ("甲校", "乙校", "丙校", "丁校")}))
    assert suggest.similar_projects(conn, "2027年居家养老服务补贴")  # (each sharing 补贴, no more)
    assert suggest.template(conn, "补贴/奖励类", name="2027年居家养老服务补贴").near == []
