"""Drafts: persistence, every change its own transaction, optimistic concurrency, bad input, the v2 migration."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from kb.drafting import drafts, unsaved
from kb.db import connect
from kb.drafting.drafts import NewRow, StaleDraft, new_row
from kb.errors import KbError
from kb.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "schemas"


def test_v1_database_upgrades_with_its_data_intact(tmp_path):
    db = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "v1.sqlite3", db)  # the seeds, written by the v1 release
    before = sqlite3.connect(db)
    assert before.execute("PRAGMA user_version").fetchone()[0] == 1
    names = [r[0] for r in before.execute("SELECT name FROM indicators ORDER BY id")]
    before.close()
    conn = connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    assert [r[0] for r in conn.execute("SELECT name FROM indicators ORDER BY id")] == names
    assert drafts.create(conn, "升级后").version == 1


@pytest.mark.skipif(not (FIXTURES / "v1.sqlite3").exists(), reason="no v1 fixture database")
def test_v1_fixture_database_gains_drafts(tmp_path):
    db = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "v1.sqlite3", db)
    before = sqlite3.connect(db)
    indicators = before.execute("SELECT count(*) FROM indicators").fetchone()[0]
    before.close()
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM indicators").fetchone()[0] == indicators
    assert drafts.list_drafts(conn) == []


def test_create_open_list_duplicate_rename_delete(conn):
    d = drafts.create(
        conn,
        "  科技型企业研发补贴 ",
        department="科技局",
        region="宁波市",
        year="2025",
        amount_wan="1,200",
        spending_type="补贴/奖励类",
    )
    assert (d.name, d.year, d.amount_wan, d.version) == ("科技型企业研发补贴", 2025, 1200.0, 1)
    d = drafts.add_row(conn, d.id, new_row("服务对象满意度", target="≥90%"))
    copy = drafts.duplicate(conn, d.name, "副本")
    assert [r.name for r in copy.rows] == ["服务对象满意度"] and copy.version == 1 and copy.department == "科技局"
    renamed = drafts.rename(conn, "副本", "副本2")
    assert drafts.open_draft(conn, "副本2").id == renamed.id == copy.id
    assert [r["name"] for r in drafts.list_drafts(conn)] == ["副本2", "科技型企业研发补贴"]
    drafts.delete(conn, "副本2")
    assert conn.execute("SELECT count(*) FROM draft_rows WHERE draft_id = ?", (copy.id,)).fetchone()[0] == 0
    assert [r["name"] for r in drafts.list_drafts(conn)] == ["科技型企业研发补贴"]
    with pytest.raises(KbError, match="no draft"):
        drafts.open_draft(conn, "副本2")


def test_a_draft_named_for_its_year_has_that_year(conn):
    """A new user's 2027年居家养老服务补贴 exported a form titled （    年度）, checked against the 2021 framework."""
    this = date.today().year
    assert drafts.create(conn, f"{this + 1}年居家养老服务补贴").year == this + 1
    wide = str(this).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert drafts.create(conn, f"{wide} 年度 社区食堂补贴").year == this  # full-width digits, a space, 年度
    assert drafts.create(conn, f"{this + 1}年另一个", year=str(this + 2)).year == this + 2  # a year given wins


def test_a_past_year_in_a_draft_name_is_no_budget_year(conn):
    """Of the 41 real PDFs' 12 project names opening with a year, 7 name an earlier one than their budget's
    (2025年中央城镇保障性租赁住房补助资金, 2024年度历史文化名镇名村与传统村落保护 in 2026): a draft so named got that
    year, where it had none; nor is a year far ahead one (2035年远景目标规划编制)."""
    this = date.today().year
    assert drafts.create(conn, f"{this - 1}年中央城镇保障性租赁住房补助资金").year is None
    assert drafts.create(conn, f"{this + 9}年远景目标规划编制").year is None
    assert drafts.create(conn, "养老服务补贴2027年").year is None and drafts.create(conn, "20275号项目").year is None


def test_a_draft_name_mistyped_names_the_near_ones(conn):
    """`kb draft show 2027居家养老服务补贴` (年 left out) said only 'no draft': the drafts whose names are near it are
    named, and none when no name is near."""
    drafts.create(conn, "2027年居家养老服务补贴")
    drafts.create(conn, "2027年科技型企业研发补贴")
    with pytest.raises(KbError, match="相近的有 near: 2027年居家养老服务补贴（") as near:
        drafts.open_draft(conn, "2027居家养老服务补贴")
    assert "科技型" not in str(near.value)
    with pytest.raises(KbError) as far:
        drafts.open_draft(conn, "道路养护")
    assert "相近" not in str(far.value) and "没有草稿" in str(far.value)


@pytest.mark.parametrize("bad, message", [("", "needs a name"), ("a\tb", "control"), ("长" * 200, "too long")])
def test_bad_draft_names(conn, bad, message):
    with pytest.raises(KbError, match=message):
        drafts.create(conn, bad)


def test_a_name_that_exists_is_refused(conn):
    drafts.create(conn, "甲")
    drafts.create(conn, "乙")
    for attempt in (
        lambda: drafts.create(conn, "甲"),
        lambda: drafts.duplicate(conn, "乙", "甲"),
        lambda: drafts.rename(conn, "乙", "甲"),
    ):
        with pytest.raises(KbError, match="exists already"):
            attempt()
    assert drafts.rename(conn, "甲", "甲").name == "甲"  # its own name is fine
    assert len(drafts.list_drafts(conn)) == 2


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("year", "明年", "must be a number"),
        ("year", "2025.5", "whole number"),
        ("amount_wan", "十万", "must be a number"),
        ("amount_wan", "约120万元", "must be a number"),
        ("amount_wan", "1,2,3元", "must be a number"),
        ("amount_wan", "-5万元", "must be a number"),
        (
            "year",
            "99999999999999999999",
            "a year from 1900 to 2100",
        ),  # found by tests/fuzz/fuzz_drafts.py: SQLite overflow
        ("amount_wan", "nan", "finite"),
        ("colour", "红", "unknown draft field"),
    ],
)
def test_head_fields_that_need_a_number(conn, field, value, message):
    d = drafts.create(conn, "甲")
    with pytest.raises(KbError, match=message):
        drafts.set_field(conn, d.id, field, value)
    assert drafts.open_draft(conn, d.id).version == 1


def test_set_field_and_clear(conn):
    d = drafts.create(conn, "甲")
    d = drafts.set_field(conn, d.id, "amount_wan", "３５.５")
    assert d.amount_wan == 35.5 and d.version == 2
    d = drafts.set_field(conn, d.id, "amount_wan", "")
    assert d.amount_wan is None
    assert drafts.set_field(conn, d.id, "name", "乙").name == "乙"


@pytest.mark.parametrize(
    "typed, wan",
    [("120万元", 120.0), ("120 万", 120.0), ("1,200,000元", 120.0), ("1.2亿元", 12000.0), ("１２０万元", 120.0)],
)
def test_a_money_field_takes_the_amount_with_its_unit(conn, typed, wan):
    """An officer types 120万元 into 财政拨款（万元）: it was refused and the field emptied."""
    d = drafts.create(conn, "甲")
    assert drafts.set_field(conn, d.id, "fiscal_wan", typed).fiscal_wan == wan


def test_new_row_reads_targets_and_levels():
    r = new_row("补贴企业数", level1="产出", level2="数量", target=">=10家")
    assert (r.level1, r.level2, r.operator, r.value, r.unit, r.text) == ("产出指标", "数量指标", "≥", 10.0, "家", None)
    q = new_row("资金使用合规性", target="合规")
    assert (q.operator, q.value, q.text) == ("定性", None, "合规")
    assert (q.level1, q.level2) == ("产出指标", "质量指标")  # inferred from the name
    assert new_row("维护成本", level1="产出指标", level2="成本指标").level2 == "成本指标"  # the 2015 framework
    assert new_row("x", level1="投入与目标管理", level2="投入管理").level1 == "投入与目标管理"  # kept; lint flags it
    apart = new_row("培训人次", operator=">=", value="２００", unit="人次")
    assert (apart.operator, apart.value, apart.unit) == ("≥", 200.0, "人次")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"value": "很多"}, "^指标值 the target value 须为数字 must be a number"),  # Chinese first, as every message
        ({"weight": "十"}, "^分值 the weight 须为数字 must be a number"),
        ({"operator": "约"}, "unknown operator"),
        ({"basis": "拍脑袋"}, "unknown basis"),
        ({}, None),
    ],
)
def test_new_row_bad_input(kwargs, message):
    if message is None:
        with pytest.raises(KbError, match="needs a name"):
            new_row("  ")
        return
    with pytest.raises(KbError, match=message):
        new_row("补贴企业数", **kwargs)


def test_rows_stay_in_framework_order(conn):
    d = drafts.create(conn, "甲")
    for name, target in [
        ("服务对象满意度", "≥90%"),
        ("项目成本", "≤100万元"),
        ("补贴企业数", "≥10家"),
        ("补贴发放及时率", "=100%"),
        ("补贴企业数二", "≥1家"),
    ]:
        d = drafts.add_row(conn, d.id, new_row(name, target=target))
    assert [r.name for r in d.rows] == ["补贴企业数", "补贴企业数二", "补贴发放及时率", "服务对象满意度", "项目成本"]
    row = d.rows[0]
    d = drafts.update_row(conn, d.id, row.id, level1="满意度", level2="满意度")
    assert [r.name for r in d.rows] == ["补贴企业数二", "补贴发放及时率", "服务对象满意度", "补贴企业数", "项目成本"]
    assert [r.seq for r in d.rows] == [1, 2, 3, 4, 5]


def test_update_row_fields(conn):
    d = drafts.add_row(conn, drafts.create(conn, "甲").id, new_row("服务对象满意度", target="≥85%"))
    row_id = d.rows[0].id
    d = drafts.update_row(conn, d.id, row_id, target="≥90%", basis="历史标准", weight="20")
    r = d.rows[0]
    assert (r.target, r.basis, r.weight, d.version) == ("≥90%", "历史标准", 20.0, 3)
    d = drafts.update_row(conn, d.id, row_id, value="95")
    assert d.rows[0].target == "≥95%"
    with pytest.raises(KbError, match="must be a number"):
        drafts.update_row(conn, d.id, row_id, value="九十五")
    with pytest.raises(KbError, match="unknown row field"):
        drafts.update_row(conn, d.id, row_id, colour="红")
    with pytest.raises(KbError, match="needs a name"):
        drafts.update_row(conn, d.id, row_id, name=" ")
    with pytest.raises(KbError, match="no row"):
        drafts.update_row(conn, d.id, 999, value="1")
    assert drafts.open_draft(conn, d.id).rows[0].target == "≥95%"


def test_remove_rows_all_or_nothing(conn):
    d = drafts.create(conn, "甲")
    d = drafts.apply_rows(conn, d.id, [NewRow("a", "产出指标", "数量指标"), NewRow("b", "产出指标", "数量指标")]).draft
    with pytest.raises(KbError, match="no row"):
        drafts.remove_rows(conn, d.id, [d.rows[0].id, 12345])
    assert len(drafts.open_draft(conn, d.id).rows) == 2
    assert [r.name for r in drafts.remove_rows(conn, d.id, [d.rows[0].id]).rows] == ["b"]


def test_apply_rows_skips_indicators_already_there(conn):
    d = drafts.create(conn, "甲")
    rows = [
        NewRow("服务对象满意度", "满意度指标", "服务对象满意度指标", "≥", 90.0, "%", sources=[1, 2]),
        NewRow("补贴企业数", "产出指标", "数量指标", "≥", 10.0, "家"),
    ]
    first = drafts.apply_rows(conn, d.id, rows)
    assert first.added == ["服务对象满意度", "补贴企业数"] and first.skipped == []
    again = drafts.apply_rows(conn, d.id, rows + [NewRow("服务对象满意度（%）"), NewRow("新指标"), NewRow("新指标")])
    assert again.added == ["新指标"]
    assert again.skipped == ["服务对象满意度", "补贴企业数", "服务对象满意度（%）", "新指标"]
    assert len(again.draft.rows) == 3
    nothing = drafts.apply_rows(conn, d.id, rows)
    assert nothing.added == [] and nothing.draft.version == again.draft.version  # no change, no new version
    assert next(r for r in again.draft.rows if r.name == "服务对象满意度").sources == [1, 2]
    assert first.to_fill == again.to_fill == [] and first.to_fill_note() == ""


def test_rows_added_without_their_value_are_named_for_the_officer(conn):
    """A template leaves another project's sum of money out (≤ … 元): the row showed an empty 指标值 and nothing
    said so."""
    d = drafts.create(conn, "甲")
    rows = [
        NewRow("文化展览经费", "成本指标", "经济成本指标", "≤", None, "元"),
        NewRow("服务质量", "产出指标", "质量指标", "定性", None, None, "优良"),
        NewRow("补贴企业数", "产出指标", "数量指标", "≥", 10.0, "家"),
    ]
    applied = drafts.apply_rows(conn, d.id, rows)
    assert applied.to_fill == ["文化展览经费"]
    assert (
        applied.to_fill_note().startswith("其中 1 个指标的数值留空，请按本项目填写")
        and "\n" not in applied.to_fill_note()
    )


def test_a_stale_writer_gets_an_error_not_a_silent_overwrite(db_path):
    window_a, window_b = connect(db_path), connect(db_path)
    d = drafts.create(window_a, "甲")
    seen_by_a = drafts.add_row(window_a, d.id, new_row("服务对象满意度", target="≥90%"))
    seen_by_b = drafts.open_draft(window_b, d.id)
    drafts.update_row(window_b, d.id, seen_by_b.rows[0].id, seen_by_b.version, target="≥95%")
    with pytest.raises(StaleDraft, match="changed elsewhere"):
        drafts.update_row(window_a, d.id, seen_by_a.rows[0].id, seen_by_a.version, target="≥80%")
    with pytest.raises(StaleDraft):
        drafts.set_field(window_a, d.id, "region", "宁波", seen_by_a.version)
    with pytest.raises(StaleDraft):
        drafts.delete(window_a, d.id, seen_by_a.version)
    fresh = drafts.open_draft(window_a, d.id)
    assert fresh.rows[0].target == "≥95%" and fresh.region is None
    assert drafts.update_row(window_a, d.id, fresh.rows[0].id, fresh.version, target="≥80%").rows[0].target == "≥80%"


def test_a_killed_writer_loses_at_most_the_change_in_flight(db_path):
    """Every change is its own transaction: after SIGKILL, each row added is there with its version."""
    conn = connect(db_path)
    drafts.create(conn, "甲")
    conn.close()
    code = textwrap.dedent(f"""
        from kb.db import connect
        from kb.drafting import drafts
        conn = connect({str(db_path)!r})
        n = 0
        while True:
            n += 1
            drafts.add_row(conn, "甲", drafts.new_row(f"指标{{n}}", target=f">={{n}}家"))
            if n == 20:
                print("ready", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.2)
    finally:
        proc.kill()
        proc.wait()
    conn = connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    d = drafts.open_draft(conn, "甲")
    assert len(d.rows) >= 20 and d.version == len(d.rows) + 1
    numbers = sorted(int(r.name.removeprefix("指标")) for r in d.rows)
    assert numbers == list(range(1, len(d.rows) + 1))


def ended_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def test_typing_kept_by_a_process_whose_id_is_taken_again_is_left_to_offer_back(db_path):
    """A row dialog's typing (kb.drafting.unsaved) is offered back once its process has ended. After a reboot (the
    power lost) process ids are given again: typing kept by one whose id is another process's now is left too, while
    a process still running (another window, its dialog open) keeps its own."""
    conn = connect(db_path)
    draft = drafts.create(conn, "重启后")
    drafts.add_row(conn, draft.id, drafts.new_row("补贴发放准确率", target="=100%"))
    base = unsaved.row_fields(drafts.open_draft(conn, draft.id).rows[0])
    host, parent = socket.gethostname(), os.getppid()  # a process that runs
    owners = {
        "running": f"{host}:{parent}:{unsaved.started(parent)}",
        "id taken again": f"{host}:{parent}:{unsaved.BOOT}.1",  # started at the boot's first tick: not that one
        "ended": f"{host}:{ended_pid()}:",
    }
    for n, owner in enumerate(owners.values()):
        unsaved.keep(conn, draft.id, "a1", base, {**base, "target": f"≥9{n}%"})
        conn.execute("UPDATE draft_unsaved SET owner = ? WHERE owner = ?", (owner, unsaved.OWNER))
        conn.commit()
    assert unsaved.started(parent) not in (None, "")
    left = {u.owner: u.edits for u in unsaved.left(conn, draft.id)}
    assert left == {owners["id taken again"]: {"target": "≥91%"}, owners["ended"]: {"target": "≥92%"}}
    assert drafts.open_draft(conn, draft.id).version == 2  # none of it is a change of the draft


def test_without_proc_a_running_window_keeps_its_typing_and_an_ended_ones_is_left(db_path, monkeypatch):
    """Where there is no /proc (macOS, Windows) every process counted as ended: the typing in the row dialog of
    another window still open was offered back in this one. Whether the process runs is asked of the system there."""
    nowhere = db_path.parent / "no-proc"
    monkeypatch.setattr(
        unsaved, "Path", lambda p: nowhere / str(p).lstrip("/") if str(p).startswith("/proc") else Path(p)
    )
    conn = connect(db_path)
    draft = drafts.create(conn, "无 proc")
    drafts.add_row(conn, draft.id, drafts.new_row("补贴发放准确率", target="=100%"))
    base = unsaved.row_fields(drafts.open_draft(conn, draft.id).rows[0])
    host, parent, ended = socket.gethostname(), os.getppid(), ended_pid()
    assert (unsaved.started(parent), unsaved.started(ended)) == ("", None)
    owners = {"running": f"{host}:{parent}:", "ended": f"{host}:{ended}:"}
    for n, owner in enumerate(owners.values()):
        unsaved.keep(conn, draft.id, "a1", base, {**base, "target": f"≥9{n}%"})
        conn.execute("UPDATE draft_unsaved SET owner = ? WHERE owner = ?", (owner, unsaved.OWNER))
        conn.commit()
    assert [u.owner for u in unsaved.left(conn, draft.id)] == [owners["ended"]]


def test_a_row_records_at_most_max_sources_precedents_and_the_one_its_texts_came_from(conn):
    """A name with thousands of uses ('满意度' at 1M indicators) made a row record every one: thousands of ids in its
    JSON and in its CSV export's 来源 cell. It keeps the first MAX_SOURCES now, and the precedent whose 指标解释 it
    took, wherever that one is in the list."""
    from importers.records import RawIndicator
    from conftest import make_document, store

    doc = make_document({f"项目{n}": [("服务对象满意度", "≥90%")] for n in range(drafts.MAX_SOURCES + 10)})
    doc.projects[0].indicators[0] = RawIndicator("服务对象满意度", "≥90%", notes={"指标解释": "受益群众的满意程度"})
    store(conn, doc)
    ids = [i for (i,) in conn.execute("SELECT id FROM indicators ORDER BY id DESC")]  # the one with texts: last
    d = drafts.create(conn, "来源有数")
    row = drafts.add_row(conn, d.id, new_row("服务对象满意度", target="≥90%", sources=ids)).rows[0]
    assert row.sources == [*ids[: drafts.MAX_SOURCES], ids[-1]] and row.explanation == "受益群众的满意程度"
