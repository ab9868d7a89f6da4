"""Draft history (issue 17): every version kept, what changed, undo (itself undoable), stable row ids, the v6
migration of drafts made before it."""

from __future__ import annotations

import sqlite3

import pytest

from kb.db import connect
from kb.drafting import drafts, history
from kb.drafting.drafts import new_row
from kb.errors import KbError
from kb.schema import MIGRATIONS


def _draft(conn, name="补贴"):
    drafts.create(conn, name, year=2025)
    for indicator, target in (("补贴企业数", "≥10家"), ("服务对象满意度", "≥90%"), ("资金发放及时率", "=100%")):
        drafts.add_row(conn, name, new_row(indicator, target=target))
    return drafts.open_draft(conn, name)


def _targets(draft) -> dict[str, str]:
    return {r.key: f"{r.name} {r.target}" for r in draft.rows}


def test_rows_keep_their_id_and_an_id_is_never_given_twice(conn):
    draft = _draft(conn)
    assert sorted(r.key for r in draft.rows) == ["a1", "a2", "a3"]
    satisfaction = next(r for r in draft.rows if r.name == "服务对象满意度")
    drafts.remove_rows(conn, draft.id, [next(r.id for r in draft.rows if r.key == "a1")])
    after = drafts.open_draft(conn, draft.id)
    assert next(r.key for r in after.rows if r.name == "服务对象满意度") == satisfaction.key
    history.undo(conn, draft.id)  # a1 comes back …
    added = drafts.add_row(conn, draft.id, new_row("补贴资金", target="≤100万元"))
    assert next(r.key for r in added.rows if r.name == "补贴资金") == "a4"  # … and no new row takes its id


def test_every_change_is_kept_with_what_it_changed(conn):
    draft = _draft(conn)
    row = next(r for r in draft.rows if r.name == "补贴企业数")
    drafts.update_row(conn, draft.id, row.id, target="≥20家")
    drafts.set_field(conn, draft.id, "department", "科技局")
    kept = history.versions(conn, draft.id)
    assert [v.number for v in kept] == [1, 2, 3, 4, 5, 6]
    assert kept[0].note == "新建 created"
    assert kept[1].changes == ["新增 a1 补贴企业数 ≥10家"]
    assert kept[4].changes == ["修改 a1 补贴企业数：指标值 ≥10家 → ≥20家"]
    assert kept[5].changes == ["部门：（空） → 科技局"]


def test_typing_in_one_field_is_one_line_of_the_history(conn, monkeypatch):
    """The app saves a field at each pause in typing: 科, 科技, 科技局 were three versions, and `kb draft history`
    (20 lines) filled with them. Folded, they are one version, numbered from the first; another field, a row, an
    undo or a longer pause begins another; every version stays kept (undo --to any of them)."""
    draft = _draft(conn)
    for text in ("科", "科技", "科技局"):
        drafts.set_field(conn, draft.id, "department", text)
    drafts.set_field(conn, draft.id, "region", "威海")
    drafts.set_field(conn, draft.id, "department", "科技局（本级）")
    kept = history.versions(conn, draft.id, fold=True)
    assert [(v.first, v.number, v.changes) for v in kept[-3:]] == [
        (5, 7, ["部门：（空） → 科技局"]),
        (None, 8, ["地区：（空） → 威海"]),
        (None, 9, ["部门：科技局 → 科技局（本级）"]),
    ]
    assert [v.number for v in kept[:4]] == [1, 2, 3, 4]  # the rows added: one each
    assert len(history.versions(conn, draft.id)) == 9

    monkeypatch.setattr(history, "TYPING_PAUSE", -1)  # each save longer after the one before than a pause
    assert len(history.versions(conn, draft.id, fold=True)) == 9


def test_undo_goes_back_one_change_at_a_time_and_can_itself_be_undone(conn):
    draft = _draft(conn)
    row = next(r for r in draft.rows if r.name == "补贴企业数")
    drafts.update_row(conn, draft.id, row.id, target="≥20家")
    drafts.remove_rows(conn, draft.id, [row.id])
    first = history.undo(conn, draft.id)
    assert first.undone == ["删除 a1 补贴企业数 ≥20家"] and first.restored == 5
    assert first.changes == ["新增 a1 补贴企业数 ≥20家"]
    second = history.undo(conn, draft.id)
    assert second.undone == ["修改 a1 补贴企业数：指标值 ≥10家 → ≥20家"] and second.restored == 4
    assert _targets(second.draft)["a1"] == "补贴企业数 ≥10家"
    assert second.draft.version == 8  # each undo is a version of its own
    back = history.undo(conn, draft.id, to=6)  # the state before both undos
    assert "a1" not in _targets(back.draft) and back.draft.version == 9
    again = history.undo(conn, draft.id)  # from the content of version 6, back to 5
    assert _targets(again.draft)["a1"] == "补贴企业数 ≥20家"


def test_the_same_value_set_again_is_no_version_and_undo_steps_over_one_kept_before(conn):
    """`set` of the value a row held made a version holding what the one before held: undo then said 'nothing to
    undo' for good (every later undo stopped at it)."""
    draft = _draft(conn)
    row = next(r for r in draft.rows if r.name == "补贴企业数")
    changed = drafts.update_row(conn, draft.id, row.id, target="≥20家")
    assert drafts.update_row(conn, draft.id, row.id, target="≥20家").version == changed.version
    assert drafts.update_row(conn, draft.id, row.id, level1="产出").version == changed.version  # 产出指标 already
    assert drafts.set_field(conn, draft.id, "year", "2025").version == changed.version
    history.record(conn, draft.id, number=changed.version + 1)  # such a version, kept by an earlier release
    conn.execute("UPDATE drafts SET version = version + 1 WHERE id = ?", (draft.id,))
    conn.commit()
    undone = history.undo(conn, draft.id)
    assert undone.undone == ["修改 a1 补贴企业数：指标值 ≥10家 → ≥20家"] and undone.restored == changed.version - 1


def test_undo_restores_the_head_and_the_row_ids(conn):
    draft = _draft(conn)
    ids = {r.key: r.id for r in draft.rows}
    drafts.set_field(conn, draft.id, "name", "补贴改名")
    drafts.remove_rows(conn, draft.id, list(ids.values()))
    history.undo(conn, draft.id)
    restored = history.undo(conn, draft.id).draft
    assert restored.name == "补贴" and {r.key: r.id for r in restored.rows} == ids


@pytest.mark.parametrize(
    "to, message",
    [(None, "没有可撤销的更改"), (9, "没有第 9 版"), (1, "与当前内容相同")],
    ids=["first", "beyond", "same"],
)
def test_nothing_to_undo_is_said_and_nothing_changes(conn, to, message):
    draft = drafts.create(conn, "空的")
    with pytest.raises(KbError, match=message):
        history.undo(conn, draft.id, to=to)
    assert drafts.open_draft(conn, draft.id).version == 1
    assert len(history.versions(conn, draft.id)) == 1


def test_an_undo_of_a_changed_draft_is_refused_with_a_stale_version(conn):
    draft = _draft(conn)
    drafts.set_field(conn, draft.id, "region", "宁波市")
    with pytest.raises(drafts.StaleDraft):
        history.undo(conn, draft.id, version=draft.version)
    assert drafts.open_draft(conn, draft.id).region == "宁波市"


def test_rows_are_named_by_id_always_and_by_number_only_as_last_shown(conn):
    draft = _draft(conn)
    drafts.mark_listed(conn, draft)
    assert drafts.rows_at(conn, draft, ["2", "#A3", "a1"]) == [
        draft.rows[1].id,
        next(r.id for r in draft.rows if r.key == "a3"),
        next(r.id for r in draft.rows if r.key == "a1"),
    ]
    changed = drafts.remove_rows(conn, draft.id, [draft.rows[0].id])
    with pytest.raises(KbError, match="请先 kb draft show"):
        drafts.rows_at(conn, changed, ["1"])
    assert drafts.rows_at(conn, changed, ["a2"]) == [next(r.id for r in changed.rows if r.key == "a2")]
    drafts.mark_listed(conn, changed)
    for bad in ("a9", "x", "0", "3"):
        with pytest.raises(KbError, match="没有"):
            drafts.rows_at(conn, changed, [bad])


def test_v6_gives_drafts_made_before_it_row_ids_and_a_first_kept_version(tmp_path):
    db = tmp_path / "v5.sqlite3"
    raw = sqlite3.connect(db, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:5], 1):
        migration(raw)
        raw.execute(f"PRAGMA user_version = {number}")
    raw.execute("INSERT INTO drafts (name, version, created_at, updated_at) VALUES ('旧草稿', 7, 'x', 'y')")
    raw.executemany(
        "INSERT INTO draft_rows (draft_id, seq, name) VALUES (1, ?, ?)", [(2, "服务对象满意度"), (1, "补贴企业数")]
    )
    raw.close()
    conn = connect(db)
    old = drafts.open_draft(conn, "旧草稿")
    assert [(r.name, r.key) for r in old.rows] == [("补贴企业数", "a1"), ("服务对象满意度", "a2")]
    [kept] = history.versions(conn, old.id)
    assert kept.number == 7 and "history began" in kept.note
    with pytest.raises(KbError, match="没有可撤销的更改"):
        history.undo(conn, old.id)
    added = drafts.add_row(conn, old.id, new_row("资金发放及时率", target="=100%"))
    assert {r.key for r in added.rows} == {"a1", "a2", "a3"}
    assert history.undo(conn, old.id).draft.rows == old.rows


def test_a_deleted_draft_takes_its_history_with_it(conn):
    draft = _draft(conn)
    drafts.delete(conn, draft.id)
    assert conn.execute("SELECT count(*) FROM draft_versions WHERE draft_id = ?", (draft.id,)).fetchone()[0] == 0


def test_one_change_to_several_rows_is_one_version_and_one_undo(conn):
    draft = _draft(conn)
    ids = [r.id for r in draft.rows]
    changed = drafts.update_rows(conn, draft.id, ids, basis="历史标准")
    assert changed.version == draft.version + 1 and {r.basis for r in changed.rows} == {"历史标准"}
    assert history.undo(conn, draft.id).draft.rows == draft.rows
    with pytest.raises(KbError, match="no row"):
        drafts.update_rows(conn, draft.id, [ids[0], 10_000], basis="计划标准")
    assert drafts.open_draft(conn, draft.id).rows[0].basis is None  # nothing changed
