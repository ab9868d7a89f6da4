"""Indicator names' other spellings with short names (kb.vocab.name_spellings): 医保 beside 医疗保障 and 医疗保险,
offered beside a search's hits (`kb search`'s 同义的写法, the app's 同义 names), never counted among them."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli.app import app
from conftest import make_document, store
from kb.find.precedents import find_names
from kb.find.search import Filters, search, search_indicators
from kb.vocab.name_spellings import other_spellings

NAMES = {
    "医保基金监管": ("医保基金监管覆盖率", "医保报销及时率", "医保报销及时率"),
    "医疗保障服务": ("医疗保障经办服务满意度", "城乡居民医疗保险参保率"),
    "警务辅助": ("警务辅助人员招录人数",),
    "其他": ("服务对象满意度",),
}


def _base(conn):
    for n, (project, names) in enumerate(NAMES.items()):
        region = "北京市" if n % 2 else "西安市"
        store(conn, make_document({project: [(name, "≥90%") for name in names]}), f"d{n}.txt", region=region)
    return conn


def test_a_short_name_and_its_full_forms_spell_each_other():
    assert other_spellings("医保") == ["医疗保障", "医疗保险"]
    assert other_spellings("医疗保障参保率") == ["医保参保率", "医疗保险参保率"]
    assert other_spellings("警务辅助人员") == ["辅警"]
    assert other_spellings("人社服务") == ["人力资源和社会保障服务", "人力资源社会保障服务", "人力社保服务"]  # units'
    # 北京's 人力社保 is 人社's, its 社保 no short name of its own (人力社会保险 was offered)
    assert other_spellings("人力社保政策") == ["人力资源和社会保障政策", "人力资源社会保障政策", "人社政策"]
    assert other_spellings("服务对象满意度") == other_spellings("myd") == []


def test_a_units_full_form_naming_something_else_in_an_indicator_name_is_no_other_spelling_of_it(conn):
    """环保局 is the 生态环境局 (a department filter reads them alike), but 环保材料 is no 生态环境 of a name; 民宗's
    民族宗教 would offer 便民利民宗旨."""
    assert other_spellings("生态环境") == [] and other_spellings("环保") == ["环境保护"]
    assert other_spellings("民族宗教") == other_spellings("民宗") == []  # (便民利民宗旨)
    store(conn, make_document({"环境": [("生态环境质量改善率", "≥90%"), ("环保材料使用率", "=100%")]}), "e.txt")
    assert search(conn, "生态环境").spellings == ()
    assert [h.match for h in find_names(conn, "生态环境", limit=50)] == ["substring"]


def test_kb_search_names_the_other_spellings_with_their_own_counts(conn):
    _base(conn)
    found = search(conn, "医疗保障")
    assert found.indicator_total == 1  # as typed: the other spellings' hits are not among its own
    assert found.spellings == ({"query": "医保", "indicators": 3}, {"query": "医疗保险", "indicators": 1})
    for spelling in found.spellings:  # each as a plain scan finds it
        rows = conn.execute("SELECT count(*) FROM indicators WHERE instr(name, ?) > 0", (spelling["query"],))
        assert rows.fetchone()[0] == spelling["indicators"] == search(conn, spelling["query"]).indicator_total
    assert search(conn, "医疗保障", Filters(region="北京")).spellings == ({"query": "医疗保险", "indicators": 1},)
    assert search(conn, "服务对象满意度").spellings == ()


def test_the_other_spellings_are_counted_without_reading_their_indicators(conn):
    """A spelling is counted as a search of its own with no page (limit 0): its names' uses summed, no indicator
    row read."""
    _base(conn)
    run: list[str] = []
    conn.set_trace_callback(run.append)
    total, rows = search_indicators(conn, "医保", Filters(), limit=0)
    conn.set_trace_callback(None)
    assert (total, rows) == (3, [])
    assert [sql.split()[:4] for sql in run if sql.startswith("SELECT n.id")] == [["SELECT", "n.id,", "n.uses", "FROM"]]
    assert not [sql for sql in run if "FROM indicators" in sql]


def test_a_short_name_finding_nothing_points_to_its_full_form(conn, db_path):
    _base(conn)
    nothing = search(conn, "辅警")
    assert nothing.indicator_total == 0 and nothing.spellings == ({"query": "警务辅助人员", "indicators": 1},)
    conn.commit()
    said = CliRunner().invoke(app, ["--db", str(db_path), "search", "辅警"], env={"COLUMNS": "300"})
    assert said.exit_code == 0
    assert "没有包含 '辅警' 的指标或项目" in said.output
    assert "同义的写法 other spellings: 警务辅助人员（1 个指标）（如 e.g. kb search 警务辅助人员）" in said.output
    as_json = json.loads(CliRunner().invoke(app, ["--db", str(db_path), "search", "医保", "--json"]).stdout)
    assert as_json["other_spellings"] == [
        {"query": "医疗保障", "indicators": 1},
        {"query": "医疗保险", "indicators": 1},
    ]
    assert as_json["total"]["indicators"] == 3


def test_the_name_list_offers_names_of_other_spellings_after_those_holding_the_query(conn):
    _base(conn)
    hits = find_names(conn, "医疗保障", limit=50)
    assert [(h.name, h.match) for h in hits] == [
        ("医疗保障经办服务满意度", "substring"),
        ("医保报销及时率", "synonym"),
        ("医保基金监管覆盖率", "synonym"),
        ("城乡居民医疗保险参保率", "synonym"),
    ]
    few = find_names(conn, "医", limit=4)  # (no spelling of its own: nothing is kept for one)
    assert [h.match for h in few] == ["substring"] * 4
    kept = find_names(conn, "医保", limit=4)  # its two names leave room for two of the other spellings'
    assert [h.match for h in kept] == ["substring", "substring", "synonym", "synonym"]


async def test_the_app_lists_names_of_another_spelling_and_says_so(conn, db_path):
    from test_tui import SIZE, column, settle, start

    _base(conn)
    conn.commit()
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"辅警")
        await settle(pilot)
        names = app.query_one("#names")
        assert column(names, 0) == ["警务辅助人员招录人数"] and column(names, 6) == ["同义"]
        status = str(app.query_one("#names-status").render())
        assert "没有名称含 '辅警'，1 个同义写法的指标名称" in status
        await pilot.press(*["backspace"] * 2, *"医疗保障")
        await settle(pilot)
        assert column(names, 6) == ["包含", "同义", "同义", "同义"]
        status = str(app.query_one("#names-status").render())
        assert "4 个匹配 '医疗保障' 的指标名称 names（3 个同义 synonyms）" in status


def test_names_of_other_spellings_fill_the_room_before_near_misses_each_spelling_in_turn(conn):
    """医疗保障's own names are few: the 医保 names fill the list before near misses; 医保's own names are many:
    the quarter kept holds 医疗保障's and 医疗保险's names alike (the first spelling does not take it all)."""
    _base(conn)
    few = find_names(conn, "医疗保障", limit=4)
    assert [h.match for h in few] == ["substring", "synonym", "synonym", "synonym"]
    names = [f"医保{word}覆盖率" for word in "甲乙丙丁戊己"]
    names += ["医疗保障服务满意度", "医疗保障经办及时率", "医疗保险参保率"]
    store(conn, make_document({"医保工作": [(name, "≥90%") for name in names]}), "many.txt", region="福州市")
    kept = find_names(conn, "医保", limit=8)
    assert [h.match for h in kept].count("synonym") == 2
    assert {"医疗保障" in h.name or "医疗保险" in h.name for h in kept if h.match == "synonym"} == {True}
    assert any("医疗保险" in h.name for h in kept)
