"""The draft screen (起草 F5) driven with Pilot over the five sample documents: build a goal table from a template
and indicator search, edit it, watch the checks, export it; and two writers on one draft."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from rich.text import Text
from textual import events
from textual.widgets import Input, SelectionList, Static

from kb.drafting import drafts, lint, unsaved
from kb.db import connect
from tui.app import make_app
from tui.drafting.dialogs import ConfirmDialog, ExportDialog, NameDialog, RowDialog
from tui.drafting.editor import DraftEditor
from tui.drafting.sources import AddIndicatorDialog, TemplateDialog
from tui.widgets.tick_list import TickList
from tui.drafting.pane import DraftsPane
from tui.drafting import head as head_module
from tui.drafting.checks import DraftChecks
from tui.drafting.head import HeadForm
from conftest import workers_done
from fixtures.app_driver import open_first_draft, until

SIZE = (120, 40)
NAME = "科技型企业研发补贴"


def start(path):
    app = make_app(path)
    app.animation_level = "none"
    app.db.changed = lambda: False  # the 2 s watcher stays out of the way unless a test calls it
    return app


async def settle(pilot, rounds: int = 3) -> None:
    for _ in range(rounds):
        await workers_done(pilot)
        await pilot.pause()


async def type_into(pilot, selector: str, text: str) -> None:
    """Replace a box's text by typing, then leave it (tab) so it is saved at once."""
    box = pilot.app.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.press(*text, "tab")
    await settle(pilot)


async def open_template(pilot) -> TemplateDialog:
    """The draft's template dialog (t), its rows built."""
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TemplateDialog)
    return pilot.app.screen


def plain(table, column: int) -> list[str]:
    return [
        (c.plain if isinstance(c, Text) else str(c))
        for c in (table.get_row_at(r)[column] for r in range(table.row_count))
    ]


def rules(app) -> set[str]:
    return {f.rule for f in app.query_one(DraftEditor).findings}


def stored(db_path, name: str = NAME) -> drafts.Draft:
    conn = connect(db_path)
    try:
        return drafts.open_draft(conn, name)
    finally:
        conn.close()


async def test_build_check_and_export_a_draft(seeded, tmp_path):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "还没有草稿" in str(app.query_one("#drafts-status").render())

        await pilot.press("n")
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*NAME, "enter")
        await settle(pilot)
        editor = app.query_one(DraftEditor)
        assert editor.draft.name == NAME and editor.draft.spending_type == "补贴/奖励类"  # guessed from the name
        assert app.query_one("#head-project_name", Input).value == NAME  # 项目名称 the draft's name gives
        assert app.focused.id == "draft-rows"  # t, s and a, as its title says, work at once
        assert {"levels-missing", "too-few"} <= rules(app)
        await pilot.press("h")
        assert app.focused.id == "head-department"  # the form's first empty field

        await pilot.press("shift+tab", "shift+tab")  # (项目属性 between)
        assert app.focused.id == "head-project_name"
        await pilot.press(*"金融业发展扶持资金", "tab", "tab")  # another 项目名称 typed over it
        await type_into(pilot, "#head-department", "威海经济技术开发区财政金融局")
        await type_into(pilot, "#head-year", "2025")
        await type_into(pilot, "#head-amount_wan", "1,200")
        assert app.query_one("#head-amount_wan", Input).value == "1200"  # shown as saved once left
        await pilot.press("escape")  # head → goal table

        await pilot.press("t")
        assert isinstance(app.screen, TemplateDialog)
        await settle(pilot)
        picker = app.screen.query_one(SelectionList)
        assert len(app.screen.rows) >= 10 and app.focused is picker and picker.highlighted == 0
        used = [re.search(r"(\d+) 个项目(?:（相近 (\d+)）)?$", label.plain).groups() for label in app.screen.labels]
        near = [int(n or 0) for _, n in used]
        assert any(near) and all(int(used[n][0]) > 1 or near[n] for n in picker.selected)  # one far project's: shown
        assert 0 < len(picker.selected) < len(app.screen.rows)
        await pilot.press("a")  # every one
        assert len(picker.selected) == len(app.screen.rows)
        await pilot.press("ctrl+s")
        await settle(pilot)
        told = [n.message for n in app._notifications if n.title == "草稿 draft"]
        assert told and all("\\x" not in m for m in told), told  # its lines as lines (was '\x0a其中 …')
        table = app.query_one("#draft-rows")
        names = plain(table, 3)
        assert "补贴发放准确率" in names and table.row_count == len(editor.draft.rows) >= 10
        assert "levels-missing" not in rules(app) and "too-few" not in rules(app)
        assert plain(table, 1)[:2] == ["产出指标", ""]  # level 1 written where its group starts

        await pilot.press("a")
        assert isinstance(app.screen, AddIndicatorDialog)
        await pilot.press(*"myd")
        await settle(pilot)
        assert app.screen.chosen.name == "服务企业满意度"
        assert "最常见" in str(app.screen.query_one("#add-values").render())
        # the family's choice (服务企业满意度 and 服务企业满意度（%）: kb.vocab.families), with its spellings
        assert app.screen.query_one("#add-target", Input).value == "≥90%"
        assert "服务企业满意度（%）" in str(app.screen.query_one("#add-values").render())
        await pilot.press("enter", "enter")  # names → target → add
        await settle(pilot)
        row = next(r for r in editor.draft.rows if r.name == "服务企业满意度")
        assert (row.operator, row.value, row.unit, row.level1) == ("≥", 90.0, "%", "满意度指标")
        (same,) = [f for f in app.query_one(DraftEditor).findings if f.rule == "duplicate"]
        assert (
            "服务企业满意度（%）" in same.detail
        )  # the template's, the same indicator (its 扶持企业满意度 is another)
        assert row.sources  # the precedents it came from
        assert table.cursor_row == editor.draft.rows.index(row)  # the cursor is on the new row

        await pilot.press("enter")
        assert isinstance(app.screen, RowDialog)
        await pilot.press(*">=70%")
        assert "数值 70" in str(app.screen.query_one("#row-parsed").render())
        await pilot.press("enter")
        await settle(pilot)
        assert "satisfaction-low" in rules(app)
        assert any("70% 低于 80%" in str(o.prompt) for o in app.query_one(DraftChecks).options)
        await pilot.press("enter", *">=95%")
        app.screen.query_one("#row-scoring", Input).value = "达到95%得满分，每低1个百分点扣1分"
        await pilot.press("enter")
        await settle(pilot)
        assert "satisfaction-low" not in rules(app)
        assert next(r for r in editor.draft.rows if r.name == "服务企业满意度").scoring.startswith("达到95%得满分")

        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "missing")
        await pilot.press("enter")
        await settle(pilot)
        assert "no such folder" in str(app.screen.query_one(".dialog-error").render())
        assert not (tmp_path / "missing").exists()
        app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        told = [n.message for n in app._notifications if n.title == "已导出 exported"]
        assert len(told) == 1 and told[0].startswith(str(tmp_path))  # written, and said what it fails, in one notice
        assert "\n注意：检查发现" in told[0] and "错误" in told[0] and "见表格下方的检查" in told[0]
        assert "kb lint" not in told[0] and not [n for n in app._notifications if n.title == "检查 checks"]

    saved = stored(seeded)
    assert (saved.department, saved.year, saved.amount_wan) == ("威海经济技术开发区财政金融局", 2025, 1200.0)
    assert saved.project_name == "金融业发展扶持资金"
    sheet = load_workbook(tmp_path / f"{NAME}.xlsx").active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert NAME not in values and "金融业发展扶持资金" in values and "威海经济技术开发区财政金融局" in values
    assert [r.name for r in saved.rows] == [v for v in values if v in {r.name for r in saved.rows}]
    assert "≥95%" in values


@pytest.fixture
def with_draft(seeded):
    conn = connect(seeded)
    draft = drafts.create(conn, NAME, year=2025, spending_type="补贴/奖励类")
    drafts.apply_rows(
        conn, draft.id, [drafts.new_row("补贴发放准确率", target="=100%"), drafts.new_row("企业满意度", target="≥90%")]
    )
    conn.close()
    return seeded


async def open_first(pilot) -> DraftEditor:
    """Open the first draft, waiting until the editor shows it."""
    editor = await open_first_draft(pilot)
    await settle(pilot)
    return editor


async def test_a_change_made_elsewhere_is_kept_and_mine_is_saved_on_top(with_draft, monkeypatch):
    """The save finds the other window's change (the watcher, that would have reloaded it first on a loaded machine
    between two keys, sees nothing here). Leaving the box saves; the pause timer does not fire between two keys on a
    loaded machine (it saved '烟' alone, and '台' went on after the reloaded 宁波: failed once)."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)
    monkeypatch.setattr(head_module, "MOST_UNSAVED", 3600)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        app.db.changed = lambda: False
        other = connect(with_draft)
        drafts.set_field(other, NAME, "department", "财政局")  # another window, unseen here
        await type_into(pilot, "#head-region", "威海")
        notices = [n.message for n in app._notifications]
        assert any("changed elsewhere" in m and "saved on top" in m for m in notices)
        assert app.query_one("#head-department", Input).value == "财政局"  # reloaded
        assert (editor.draft.department, editor.draft.region) == ("财政局", "威海")
        assert (stored(with_draft).department, stored(with_draft).region) == ("财政局", "威海")

        drafts.set_field(other, NAME, "region", "宁波")  # the same field, both sides
        other.close()
        await type_into(pilot, "#head-region", "烟台")
        assert any("NOT saved" in n.message and "烟台" in n.message for n in app._notifications)
        assert app.clipboard == "烟台"  # mine is not lost
        assert app.query_one("#head-region", Input).value == "宁波"
        assert stored(with_draft).region == "宁波"  # theirs is not overwritten


async def test_the_title_stops_saying_saved_at_the_first_key(with_draft, monkeypatch):
    """While a field was typed into the title said '✓ 已保存 saved' until the typing paused (a crash then lost the
    text it said was saved)."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        title = lambda: str(editor.query_one("#draft-title").render())  # noqa: E731
        assert "已保存 saved" in title()
        app.query_one("#head-region", Input).focus()
        await pilot.press("烟")
        await settle(pilot)
        assert "保存中 saving" in title() and "已保存" not in title()
        app.query_one(HeadForm)._send("region")  # the pause
        await settle(pilot)
        assert "已保存 saved" in title() and stored(with_draft).region == "烟"


async def test_typing_into_a_field_changed_elsewhere_keeps_theirs(with_draft, monkeypatch):
    """The typing pauses when the test says so, not when a loaded machine is slow between two steps (the pause
    timer is what ends the typing; here it waits for an hour and the test fires what it would)."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        box = app.query_one("#head-region", Input)
        box.focus()
        await pilot.press(*"烟台")  # still typing: not saved yet
        other = connect(with_draft)
        drafts.set_field(other, NAME, "region", "宁波")
        other.close()
        once = iter([True])
        app.db.changed = lambda: next(once, False)
        app._tick()  # the watcher notices
        await settle(pilot)
        assert box.value == "烟台"  # not pulled from under the typing …
        head = app.query_one(HeadForm)
        assert head.typing
        head._send("region")  # … until it pauses (what the pause timer calls)
        await settle(pilot)
        assert box.value == "宁波" and app.clipboard == "烟台"
        assert any("was NOT saved" in n.message for n in app._notifications)
        assert stored(with_draft).region == "宁波"


async def test_a_row_removed_elsewhere_is_not_brought_back(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        other = connect(with_draft)
        first = editor.draft.rows[0]
        drafts.remove_rows(other, NAME, [first.id])
        other.close()
        await pilot.press("enter", *"=90%", "enter")  # edit row 1, which no longer exists
        await settle(pilot)
        assert any("NOT saved" in n.message for n in app._notifications)
        assert [r.name for r in editor.draft.rows] == ["企业满意度"]
        assert editor.query_one("#draft-rows").row_count == 1


async def test_the_watcher_reloads_the_open_draft(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        other = connect(with_draft)
        drafts.add_row(other, NAME, drafts.new_row("补贴及时性", target="及时"))
        other.close()
        once = iter([True])
        app.db.changed = lambda: next(once, False)
        app._tick()
        await until(pilot, lambda: "补贴及时性" in [r.name for r in editor.draft.rows], "the reload")
        await settle(pilot)
        assert "补贴及时性" in plain(editor.query_one("#draft-rows"), 3)
        assert any("changed elsewhere (指标 indicators)" in n.message for n in app._notifications)


async def test_a_draft_changed_elsewhere_is_said_once_and_an_import_elsewhere_too(with_draft):
    """One `kb draft set` while the app was open gave three notices: 知识库已在别处更新 twice, and the draft's own;
    a document replaced elsewhere is said as a new one is."""
    from conftest import make_document, store
    from kb.ingest.normalise import normalise
    from kb.ingest.write import Fallbacks, Provenance, store_document

    app = start(with_draft)
    said = kept_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        other = connect(with_draft)
        drafts.set_field(other, NAME, "department", "某区民政局")
        for _ in range(2):  # the watcher sees it, and again: the app's own reload on another lane
            app.db.changed = lambda: True
            app._tick()
            await until(pilot, lambda: editor.draft.department == "某区民政局", "the reload")
            await settle(pilot)
        assert len(said) == 1 and "草稿在别处被修改" in said[0], said
        store(other, make_document({"别处导入的项目": [("服务对象满意度", "≥90%")]}), "new.txt")
        app._tick()
        await settle(pilot)
        assert sum("知识库已在别处更新" in message for message in said) == 1
        changed = make_document({"别处导入的项目": [("服务对象满意度", "≥95%")]})  # new.txt edited, imported again
        stored = store_document(other, normalise(changed), Provenance("new.txt", "/virtual/new.txt", "v2"), Fallbacks())
        assert stored.replaced  # (its id kept)
        other.close()
        app._tick()
        await settle(pilot)
        assert sum("知识库已在别处更新" in message for message in said) == 2


def kept_notices(app) -> list[str]:
    """Every notice the app shows from now on, kept past its timeout (a 4 s notice had gone before the test counted
    it, on a loaded host)."""
    said: list[str] = []
    notifications = app._notifications
    add = notifications.add

    def keep(notification) -> None:
        said.append(notification.message)
        add(notification)

    notifications.add = keep
    return said


async def test_changes_made_elsewhere_one_after_another_are_said_in_one_notice(with_draft):
    """Five `kb draft set` while the draft was open stacked five notices over the table: one is shown, naming every
    part changed."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        other = connect(with_draft)
        for field, value in [("department", "财政局"), ("region", "威海"), ("goal", "补贴到位"), ("period", "2025")]:
            drafts.set_field(other, NAME, field, value)
            editor.reload()
            await until(pilot, lambda: editor.draft.version == stored(with_draft).version, "the reload")
            await settle(pilot)
        other.close()
        said = [n.message for n in app._notifications if "changed elsewhere" in n.message]
        assert len(said) == 1, said
        assert all(part in said[0] for part in ("主管部门", "地区", "年度目标", "实施期")), said


async def test_list_rename_duplicate_delete(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        pane = app.query_one(DraftsPane)
        await pilot.press("d")
        assert isinstance(app.screen, NameDialog)
        await pilot.press("enter")  # the proposed name: '… 副本'
        await settle(pilot)
        assert [d["name"] for d in pane.listed] == [f"{NAME} 副本", NAME]
        assert pane.current["name"] == f"{NAME} 副本" and pane.current["rows"] == 2

        await pilot.press("r")
        app.screen.query_one(Input).value = NAME  # taken
        await pilot.press("enter")
        await settle(pilot)
        assert "exists already" in str(app.screen.query_one(".dialog-error").render())
        app.screen.query_one(Input).value = "人才引进补贴"
        await pilot.press("enter")
        await settle(pilot)
        assert {d["name"] for d in pane.listed} == {"人才引进补贴", NAME}

        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert len(pane.listed) == 2
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [d["name"] for d in pane.listed] == [NAME]

        await pilot.press("ctrl+p", *"科技型企业研发")  # the palette opens a draft by name
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert pane.editing and app.query_one(DraftEditor).draft.name == NAME
        await pilot.press("escape")
        assert not pane.editing


async def test_remove_marked_rows_and_set_their_basis(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        assert "basis-missing" in rules(app)
        await pilot.press("space", "space")  # mark both rows
        await pilot.press("b")
        await pilot.press("down", "enter")  # 历史标准
        await settle(pilot)
        assert {r.basis for r in editor.draft.rows} == {"历史标准"}
        assert "basis-missing" not in rules(app)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert editor.draft.rows == [] and stored(with_draft).rows == []


async def test_small_terminal_folds_the_head(with_draft):
    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first(pilot)
        assert editor.has_class("-short")
        assert app.query_one("#head-overview").region.height == 0
        table = editor.query_one("#draft-rows")
        assert table.region.height >= 8
        await pilot.press("shift+tab")  # from the table into the head's last field
        await pilot.pause()
        assert app.query_one("#head-overview").region.height == 1


async def test_quitting_saves_what_was_being_typed(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        app.query_one("#head-project_name").focus()
        await pilot.press(*"财政局")
        assert app.focused.id == "head-project_name"
        await pilot.press("ctrl+q")  # before the pause that would save it
        await pilot.pause()
    assert stored(with_draft).project_name == "财政局"


async def test_a_check_result_points_at_its_row(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        await pilot.press("enter", *">=120%", "enter")  # 补贴发放准确率 over 100%
        await settle(pilot)
        checks = app.query_one(DraftChecks)
        checks.focus()
        checks.highlighted = next(n for n, (f, _) in enumerate(checks.entries) if f.rule == "pct-range")
        assert "between 0 and 100" in checks.reason
        editor.table.move_cursor(row=1)  # away from the row, then back through the check result
        await pilot.press("enter")
        assert app.focused is editor.table and editor.table.cursor_row == 0


async def test_a_target_below_last_years_self_evaluated_actual_is_said_and_goes_when_raised(with_draft):
    from importers.records import SELF_EVALUATION, RawDocument, RawIndicator, RawProject
    from conftest import store

    conn = connect(with_draft)
    evaluation = RawProject(
        name=f"2024年{NAME}项目",
        kind=SELF_EVALUATION,
        department="某区科技局",
        amount="50",
        amount_unit="万元",
        indicators=[
            RawIndicator(name="企业满意度", level1="满意度指标", target="≥90%", actual="96%", weight="10", score="10")
        ],
    )
    store(conn, RawDocument(layout="test", projects=[evaluation]), "e.txt", region=None, year=2024)
    drafts.set_field(conn, NAME, "department", "某区科技局")  # (of no unit, a name is many units' project)
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        assert "target-below-last-actual" in rules(app)  # the draft of 2025, named as last year's self-evaluation
        assert any("上年实际 96%" in f.detail for f in editor.findings)
        await pilot.press("enter", *"=99%", "enter")  # another row changed: still said
        await settle(pilot)
        assert "target-below-last-actual" in rules(app)
        editor.table.move_cursor(row=1)
        await pilot.press("enter", *">=97%", "enter")
        await settle(pilot)
        assert "target-below-last-actual" not in rules(app)


async def test_letter_keys_on_the_spending_type_choice_open_nothing(with_draft):
    """The head's spending-type choice takes no typed text, so a letter pressed on it must not reach the editor's
    one-letter commands (a: add, t: template, s: similar, x: export); they come back once the head is left."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        app.query_one("#head-spending_type").focus()
        await pilot.pause()
        for key in "atsx":
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is editor.screen, key
        editor.table.focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddIndicatorDialog)


async def test_template_rows_say_ticked_or_not_and_space_keeps_the_cursor(with_draft):
    """Ticked and unticked rows differ by a mark, not by a colour the cursor row hides (issue 18); space ticks
    or unticks the row under the cursor and leaves the cursor there, as the hint says."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        picker = (await open_template(pilot)).query_one(SelectionList)
        prompts = lambda: [str(picker.get_option_at_index(n).prompt)[:1] for n in range(picker.option_count)]  # noqa: E731
        ticked = prompts()
        assert set(ticked) <= {"☑", "☐"} and ticked.count("☑") == len(picker.selected)
        picker.focus()
        picker.highlighted = 0
        first = prompts()[0]
        await pilot.press("space")
        await pilot.pause()
        assert picker.highlighted == 0 and prompts()[0] == {"☑": "☐", "☐": "☑"}[first]


async def test_a_template_ticks_at_first_only_what_a_share_of_its_projects_use(with_draft, monkeypatch):
    """Among 151 projects of a type, indicators two of them used (农村法律援助知晓率 for 会议培训与宣传) were ticked at
    first, and a quick ctrl+s took them: an indicator is ticked when a share of the type's projects use it."""
    import math

    from tui.drafting import sources

    monkeypatch.setattr(sources, "TICKED_SHARE", 0.3)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        dialog = await open_template(pilot)
        counts = [int(re.search(r"(\d+) 个项目", label.plain)[1]) for label in dialog.labels]
        members = int(re.search(r"来自 from (\d+)", str(dialog.query_one("#template-about").render()))[1])
        least = math.ceil(0.3 * members)
        few = [n for n, c in enumerate(counts) if 2 <= c < least]
        assert least > 2 and few  # (the seeds hold such a template)
        picker = dialog.query_one(SelectionList)
        levels = [row.level1 for row in dialog.rows]
        reached = {levels[n] for n, c in enumerate(counts) if c >= least}
        assert picker.selected and all(
            counts[n] >= least
            or levels[n] not in reached
            and counts[n] == max(c for c, level in zip(counts, levels) if level == levels[n])
            for n in picker.selected
        )  # else the most used row of a first level no row reaches (first_ticks)


async def test_a_templates_rows_the_projects_like_the_draft_use_come_first_and_ticked(db_path):
    """An elderly-care subsidy got student aid's template: 受助学生满意度 (most used among 补贴 projects) ticked."""
    from conftest import make_document, store

    conn = connect(db_path)
    aid = [("受助学生满意度", "≥95%"), ("受助学生顺利完成学业", "≥90%")]
    care = [("服务老年人满意度", "≥90%"), ("服务老年人数", "≥300人")]
    projects = {f"{school}学生资助生活补贴": aid for school in ("甲校", "乙校", "丙校", "丁校", "戊校")}
    store(conn, make_document(projects | {f"{p}居家养老服务补贴": care for p in ("甲区", "乙区")}))
    drafts.create(conn, "2027年居家养老服务补贴", spending_type="补贴/奖励类")
    conn.close()
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        dialog = await open_template(pilot)
        assert "与草稿相近的 2 个在先" in str(dialog.query_one("#template-about").render())
        ticked = {dialog.rows[n].name for n in dialog.query_one(SelectionList).selected}
        assert "服务老年人满意度" in ticked and "受助学生满意度" not in ticked


async def test_the_template_dialog_builds_its_template_once(with_draft, monkeypatch):
    """It built each template twice (its items, then its rows): seconds each on a base of 100000 indicators."""
    from kb.drafting import suggest
    from tui.drafting import sources

    built = []
    build = suggest.template
    monkeypatch.setattr(suggest, "template", lambda *a, **k: built.append(a[1]) or build(*a, **k))
    monkeypatch.setattr(sources, "template", suggest.template)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TemplateDialog) and app.screen.rows and built == [app.screen.kind], built


def test_a_template_ticks_the_most_used_row_of_a_first_level_no_common_row_reaches():
    """A template of 信息化建设与运维 ticked no 效益 row (each used by under 5 % of its projects), so a quick ctrl+s
    made a draft the checks fail (缺少效益指标): a level's most used row is ticked too, if two projects use it."""
    from tui.drafting.sources import first_ticks

    levels = ["产出指标", "产出指标", "效益指标", "效益指标", "满意度指标", "成本指标"]
    assert first_ticks([40, 30, 3, 4, 9, 1], levels, 151) == [True, True, False, True, True, False]
    assert first_ticks([1, 1], ["产出指标", "效益指标"], 1) == [True, True]  # one project: its own rows


def test_a_required_level_only_one_project_uses_is_ticked_by_a_row_with_a_target():
    """In 11 补贴 projects each 满意度 row was one project's: none ticked (缺少满意度指标). One is, a row with a target
    before one whose value is left blank; a 成本 row one project uses is not (its absence only a warning)."""
    from tui.drafting.sources import first_ticks

    levels = ["产出指标", "满意度指标", "满意度指标", "成本指标"]
    assert first_ticks([5, 1, 1, 1], levels, 11, valued=[True, False, True, True]) == [True, False, True, False]


def test_a_template_ticks_what_the_projects_most_like_the_draft_use_and_one_of_a_measure():
    """A 居家养老服务补贴 draft had student aid's 受助学生满意度 (124 projects, none like it) pre-ticked, and both
    项目总成本 and 总成本."""
    from tui.drafting.sources import first_ticks

    levels = ["满意度指标", "满意度指标", "成本指标", "成本指标", "产出指标"]
    measures = ["受助学生满意度", "老年人满意度", "项目总成本", "项目总成本", "服务人数"]
    counts, near = [124, 3, 31, 23, 2], [0, 2, 1, 0, 1]
    assert first_ticks(counts, levels, 215, measures=measures) == [True, False, True, False, True]
    assert first_ticks(counts, levels, 215, near, 2, measures) == [False, True, True, False, True]


def test_one_project_like_the_draft_is_no_template():
    """高层次人才引进补贴 had one project like it: every row it used was ticked (新增专利数量, 新增软著数量 …)."""
    from tui.drafting.sources import first_ticks

    levels = ["产出指标", "产出指标", "产出指标", "满意度指标"]
    counts, near = [30, 1, 1, 20], [0, 1, 1, 1]
    assert first_ticks(counts, levels, 100, near, 1) == first_ticks(counts, levels, 100) == [True, False, False, True]


async def test_the_head_holds_the_national_forms_fields(with_draft, monkeypatch):
    from textual.widgets import Select

    # saved when left, not after a pause: a refused value left goes back as saved, unmarked (a loaded machine's
    # pause between 年 and tab saved it first, and tab then put back the period saved before)
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        app.query_one("#head-attribute", Select).value = "延续"
        await settle(pilot)
        await type_into(pilot, "#head-fiscal_wan", "450")
        await type_into(pilot, "#head-period", "2025-01 至 2027-12")
        await type_into(pilot, "#head-period_goal", "三年累计补贴企业300家次")
        await type_into(pilot, "#head-period", "三年")  # refused: no start and end
        assert app.query_one("#head-period", Input).has_class("-invalid")
    saved = stored(with_draft)
    assert (saved.attribute, saved.fiscal_wan, saved.period) == ("延续", 450.0, "2025-01 至 2027-12")
    assert saved.period_goal == "三年累计补贴企业300家次"


async def test_ctrl_z_undoes_the_last_change_and_ctrl_y_redoes_it(with_draft, monkeypatch):
    """From the kept versions: the toast says what was undone; a second ctrl+z goes further back; ctrl+y redoes;
    a new change empties what can be redone."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)  # saved when left: a loaded machine's pause saved 威 of 威海
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        await type_into(pilot, "#head-region", "威海")
        editor.focus_table()
        await pilot.press("delete", "y")  # the row under the cursor: 补贴发放准确率
        await settle(pilot)
        assert [r.name for r in editor.draft.rows] == ["企业满意度"]

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [r.name for r in editor.draft.rows] == ["补贴发放准确率", "企业满意度"]
        assert any("已撤销 undone" in n.title and "删除 a1 补贴发放准确率" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert editor.draft.region is None and app.query_one("#head-region", Input).value == ""
        assert stored(with_draft).region is None

        await pilot.press("ctrl+y")
        await settle(pilot)
        assert editor.draft.region == "威海" and len(editor.draft.rows) == 2
        assert any("已重做 redone" in n.title and "地区：（空） → 威海" in n.message for n in app._notifications)
        await type_into(pilot, "#head-department", "财政局")
        editor.focus_table()
        await pilot.press("ctrl+y")  # nothing: the new change came after the undo
        await settle(pilot)
        assert len(stored(with_draft).rows) == 2 and stored(with_draft).department == "财政局"
        assert any("没有可重做" in n.message for n in app._notifications)


async def test_keys_copy_a_draft_or_a_project_to_a_new_draft_a_year_on(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        pane = app.query_one(DraftsPane)
        await until(pilot, lambda: pane.listed, "the list of drafts")
        pane.table.focus()
        await pilot.press("N")
        assert isinstance(app.screen, NameDialog)
        assert app.screen.query_one(Input).value == f"{NAME}（2026）"
        await pilot.press("enter")
        await settle(pilot)
        editor = app.query_one(DraftEditor)
        await until(pilot, lambda: editor.draft is not None and editor.draft.name == f"{NAME}（2026）", "the copy")
        assert editor.draft.year == 2026 and [r.name for r in editor.draft.rows] == ["补贴发放准确率", "企业满意度"]
        assert any("复制自 copied from 草稿" in n.message for n in app._notifications)

        await pilot.press("escape", "f2")
        await settle(pilot)
        card = app.query_one("#card")
        await until(pilot, lambda: card.project is not None, "a project's card")
        project = card.project
        await pilot.press("n")
        assert isinstance(app.screen, NameDialog)
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, lambda: editor.draft is not None and editor.draft.source["kind"] == "project", "the copy")
        assert editor.draft.source["id"] == project["id"] and editor.draft.year == project["year"] + 1
        assert len(editor.draft.rows) == len(project["indicators"])


async def test_an_indicator_of_ones_own_library_is_found_and_added_with_its_texts(with_draft, tmp_path):
    from fixtures.library_sheet import write_xlsx
    from kb.drafting import library

    entry = (
        "效益指标",
        "经济效益指标",
        "带动企业研发投入增长率",
        "受补贴企业研发投入的年增长",
        "（本年-上年）/上年×100%",
    )
    conn = connect(with_draft)
    library.import_file(
        conn, write_xlsx(tmp_path / "指标库.xlsx", [(*entry, "每低1个百分点扣1分", "统计报表", "≥5", "%", "个性")])
    )
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AddIndicatorDialog)
        await pilot.press(*"研发投入增长")
        await settle(pilot)
        names = plain(app.screen.query_one("#add-names"), 0)
        assert any("带动企业研发投入增长率" in n and "指标库" in n for n in names)
        app.screen.query_one("#add-names").move_cursor(row=next(i for i, n in enumerate(names) if "指标库" in n))
        await settle(pilot)
        said = str(app.screen.query_one("#add-values").render())
        assert "指标库 library" in said and "（本年-上年）/上年×100%" in said
        assert app.screen.query_one("#add-target", Input).value == "≥5%"  # the library's reference value
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = next(r for r in editor.draft.rows if r.name == "带动企业研发投入增长率")
        assert row.library_id is not None and (row.level1, row.target) == ("效益指标", "≥5%")
        editor.table.move_cursor(row=editor.draft.rows.index(row))
        await pilot.press("enter")
        assert isinstance(app.screen, RowDialog)
        await settle(pilot)
        assert "每低1个百分点扣1分" in str(app.screen.query_one("#row-values").render())


async def test_y_and_an_export_of_a_copy_say_what_changed_from_last_year(with_draft):
    from kb.drafting import copies

    conn = connect(with_draft)
    copy = copies.from_draft(conn, NAME, "明年")
    drafts.remove_rows(conn, copy.id, [copy.rows[0].id])
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)  # the last changed: the copy
        assert editor.draft.name == "明年"
        assert "复制自 草稿" in str(editor.query_one("#draft-title").render())
        await pilot.press("y")
        await settle(pilot)
        said = [n for n in app._notifications if "与上年相比" in n.title]
        assert said and "删除 a1 补贴发放准确率 =100%" in said[-1].message
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert len([n for n in app._notifications if "与上年相比" in n.title]) == 2


async def test_an_export_over_a_file_there_asks_for_a_second_press(with_draft, tmp_path):
    """Export replaced a file of the same name without a word (an officer may have filled in its 联系人 by hand):
    the dialog says the file is there, and only Export pressed again for the same file overwrites it."""
    there = tmp_path / f"{NAME}.xlsx"
    there.write_bytes(b"filled in by hand")
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await settle(pilot)
        assert "已存在" in str(app.screen.query_one("#export-target").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        error = str(app.screen.query_one(".dialog-error").render())
        assert "文件已存在" in error and "再按 导出 覆盖" in error
        assert there.read_bytes() == b"filled in by hand"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert "补贴发放准确率" in [c for row in load_workbook(there).active.iter_rows(values_only=True) for c in row]


async def test_the_export_format_follows_the_extension_typed(with_draft, tmp_path):
    """A .docx name typed under 格式 xlsx wrote a Word file with the select still saying xlsx."""
    from textual.widgets import Select

    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        chosen = app.screen.query_one("#export-format", Select)
        assert chosen.value == "xlsx"
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "表.docx")
        await settle(pilot)
        assert chosen.value == "docx"
        chosen.value = "yth"
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "导入.xlsx")  # the 一体化 sheet is one
        await settle(pilot)
        assert chosen.value == "yth"
        app.screen.query_one("#export-path", Input).value = str(tmp_path)  # a folder: the select's own
        await settle(pilot)
        assert chosen.value == "yth" and "一体化导入.xlsx" in str(app.screen.query_one("#export-target").render())


async def test_the_goal_table_shows_the_weights_when_a_row_has_one(with_draft):
    """分值 came with rows and were checked (分值合计), but the draft's table had no column for them."""
    conn = connect(with_draft)
    draft = drafts.open_draft(conn, NAME)
    drafts.update_row(conn, draft.id, draft.rows[0].id, weight=20)
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        table = app.query_one("#draft-rows")
        assert str(table.ordered_columns[-1].label) == "分值"
        assert plain(table, 8) == ["20", ""]


async def test_an_export_into_a_folder_not_there_makes_it_on_a_second_press(with_draft, tmp_path):
    """A folder not there was refused with "create it first", sending the officer out of the app to make it: the
    dialog says it is new, the first press of Export says so, and a second press for the same folder makes it."""
    folder = tmp_path / "2026年" / "绩效目标"
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "typo")
        await settle(pilot)
        assert "新文件夹" in str(app.screen.query_one("#export-target").render())
        await pilot.press("enter")
        await settle(pilot)
        assert "再按 导出 建立它" in str(app.screen.query_one(".dialog-error").render())
        app.screen.query_one("#export-path", Input).value = str(folder)
        await pilot.press("enter")  # another folder: asked again, not made
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog) and not folder.exists() and not (tmp_path / "typo").exists()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        await pilot.press("x")  # the 一体化 sheet to a file's name: its folder is made, not a folder of that name
        from textual.widgets import Select

        app.screen.query_one("#export-format", Select).value = "yth"
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "一体化" / "导入表.xlsx")
        await settle(pilot)
        assert str(app.screen.query_one("#export-target").render()).endswith("导入表.xlsx（新文件夹 new folder）")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert (folder / f"{NAME}.xlsx").is_file()
    assert (tmp_path / "一体化").is_dir() and not (tmp_path / "一体化" / "导入表.xlsx").is_dir()


async def test_an_export_refused_lists_every_row_to_mend_and_how_in_the_app(with_draft, tmp_path):
    """The 一体化 sheet refused: the dialog showed one line cut with … and pointed to the command line only."""
    from textual.widgets import Select

    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#export-format", Select).value = "yth"
        (tmp_path / "out").mkdir()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "out")
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one(".dialog-error")
        said = str(error.render())
        assert "应用中在该行按 e" in said and "第 1 行" in said and "第 2 行" in said
        assert error.size.height >= 3 and not list((tmp_path / "out").iterdir())


async def test_ctrl_z_undoes_a_basis_set_on_marked_rows_at_once(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        await pilot.press("space", "space", "b", "down", "enter")  # both rows: 历史标准
        await settle(pilot)
        assert {r.basis for r in editor.draft.rows} == {"历史标准"}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert {r.basis for r in stored(with_draft).rows} == {None}
        said = [n for n in app._notifications if "已撤销" in n.title][-1]
        assert said.message.count("依据") == 2


async def _new_name_in_add_dialog(pilot, name: str) -> AddIndicatorDialog:
    """The add dialog with `name` typed and its '＋ 新指标' row (the name as typed) chosen."""
    await pilot.press("a")
    dialog = pilot.app.screen
    assert isinstance(dialog, AddIndicatorDialog)
    dialog.query_one("#add-query", Input).value = name
    await settle(pilot)
    table = dialog.query_one("#add-names")
    table.move_cursor(row=dialog.hits.index(None), animate=False)
    await settle(pilot)
    assert dialog.chosen is None  # the new name's row
    return dialog


async def test_the_add_dialog_says_how_each_name_matched_and_offers_no_pinyin_as_a_new_name(with_draft):
    """'jjyl' was offered as ＋ 新指标 (as typed), and near misses stood among the names holding the text unmarked."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AddIndicatorDialog)
        dialog.query_one("#add-query", Input).value = "bt"
        await settle(pilot)
        table = dialog.query_one("#add-names")
        assert None not in dialog.hits and not any("新指标" in n for n in plain(table, 0))
        assert set(plain(table, 4)) == {"拼音"}
        dialog.query_one("#add-query", Input).value = "补贴发放"
        await settle(pilot)
        matches = plain(table, 4)
        assert matches[0] == "新" and "包含" in matches and "近似" in matches  # a new Chinese name: still offered
        near = [name for name, match in zip(plain(table, 0), matches) if match == "近似"]
        assert near and not any("补贴发放" in name for name in near)


async def test_new_names_levels_are_guessed_with_the_reason_or_asked(with_draft):
    """A new name's levels come with their reason (a sure keyword: 补贴资金总额 is a cost); when the guess is unsure
    (群众获得感: no keyword) adding opens the level picker on the two likeliest candidates (issue 18)."""
    from tui.drafting.dialogs import PickDialog

    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        dialog = await _new_name_in_add_dialog(pilot, "补贴资金总额")
        assert '经济成本指标（关键词 "总额"）' in str(dialog.query_one("#add-values").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = next(r for r in editor.draft.rows if r.name == "补贴资金总额")
        assert (row.level1, row.level2) == ("成本指标", "经济成本指标")

        dialog = await _new_name_in_add_dialog(pilot, "群众获得感")
        assert "没有把握" in str(dialog.query_one("#add-values").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickDialog)
        assert [value for _, value in picker.choices[:2]] == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
        assert all("候选" in label for label, _ in picker.choices[:2]) and len(picker.choices) == 11
        picker.query_one("#pick-list").focus()
        await pilot.press("down", "enter")  # the second candidate
        await settle(pilot)
        row = next(r for r in editor.draft.rows if r.name == "群众获得感")
        assert (row.level1, row.level2) == ("效益指标", "社会效益指标")


async def test_a_draft_filled_before_its_table_is_laid_out_shows_the_level_names_whole(with_draft):
    """The draft came before its table had a width: the levels were made short (一级, 二级, names without 指标) for
    that width of 0 and stayed short at 120 columns, where they fit whole."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        table = app.query_one("#draft-rows")
        assert [str(c.label) for c in table.ordered_columns][1:3] == ["一级指标", "二级指标"]
        assert plain(table, 1)[0].endswith("指标")
        table.show(table.draft, set(), [])  # filled again while laid out: the same columns
        await pilot.pause()
        assert [str(c.label) for c in table.ordered_columns][1:3] == ["一级指标", "二级指标"]


async def test_the_export_dialog_offers_the_folder_exported_to_last_even_in_a_new_session(
    with_draft, tmp_path, monkeypatch
):
    """The export dialog started in the folder the app was launched from (a terminal's, often not where an officer
    keeps tables): it offers the folder exported to last, remembered across sessions while it is there, else the
    user's Documents folder, else their home."""
    import platformdirs

    documents, home = tmp_path / "Documents", tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    monkeypatch.setenv("HOME", str(home))

    async def offered() -> str:
        app = start(with_draft)
        async with app.run_test(size=SIZE) as pilot:
            await open_first(pilot)
            await pilot.press("x")
            assert isinstance(app.screen, ExportDialog)
            return app.screen.query_one("#export-path", Input).value

    assert await offered() == str(home)  # no Documents folder
    documents.mkdir()
    assert await offered() == str(documents)
    folder = tmp_path / "申报" / "2026"
    folder.mkdir(parents=True)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = str(folder)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog) and (folder / f"{NAME}.xlsx").is_file()
    assert await offered() == str(folder)  # the next session
    folder.rename(tmp_path / "申报" / "old")
    assert await offered() == str(documents)  # a folder gone is not offered


def kept(db_path) -> list[unsaved.Unsaved]:
    """What row dialogs keep of their typing, whoever keeps it."""
    conn = connect(db_path)
    try:
        rows = conn.execute("SELECT draft_id, row_key, base, typed, owner, at FROM draft_unsaved").fetchall()
        return [unsaved.Unsaved(d, k, json.loads(b), json.loads(t), o, a) for d, k, b, t, o, a in rows]
    finally:
        conn.close()


def _ended_pid() -> int:
    """The pid of a process that has ended (the app killed with a row's dialog open)."""
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def left_by(db_path, owner: str, row_key: str, **typed: str) -> None:
    """Typing kept by `owner` in the dialog of the draft's row `row_key`, as the row is now."""
    conn = connect(db_path)
    try:
        draft = drafts.open_draft(conn, NAME)
        base = unsaved.row_fields(next(r for r in draft.rows if r.key == row_key))
        unsaved.keep(conn, draft.id, row_key, base, {**base, **typed})
        conn.execute("UPDATE draft_unsaved SET owner = ? WHERE owner = ?", (owner, unsaved.OWNER))
        conn.commit()
    finally:
        conn.close()


async def type_in_row_dialog(pilot, box: str, text: str) -> None:
    field = pilot.app.screen.query_one(box, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def test_typing_in_a_row_dialog_is_kept_until_it_is_saved_or_cancelled(with_draft):
    """What is typed into a row's dialog is in the base a moment after the keys (no version: not the draft's
    content); Esc drops it and leaves the row as it was, a save writes the row and drops it."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        version = stored(with_draft).version
        await pilot.press("enter")
        assert isinstance(app.screen, RowDialog)
        await type_in_row_dialog(pilot, "#row-target", ">=98%")
        await until(pilot, lambda: [u.typed["target"] for u in kept(with_draft)] == [">=98%"], "the typing kept")
        assert [(u.row_key, u.owner, u.edits) for u in kept(with_draft)] == [("a1", unsaved.OWNER, {"target": ">=98%"})]
        assert (stored(with_draft).version, stored(with_draft).rows[0].target) == (version, "=100%")
        await pilot.press("escape")
        await until(pilot, lambda: not kept(with_draft), "the typing dropped")
        assert (stored(with_draft).version, stored(with_draft).rows[0].target) == (version, "=100%")

        await pilot.press("enter")
        await type_in_row_dialog(pilot, "#row-target", ">=99%")
        await until(pilot, lambda: kept(with_draft), "the typing kept")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not kept(with_draft) and stored(with_draft).rows[0].target == "≥99%", "the save")
        await settle(pilot)
        assert stored(with_draft).version == version + 1 and not kept(with_draft)


async def test_typing_left_by_a_killed_app_is_offered_back_over_the_row_as_it_is_now(with_draft):
    """A process gone with its row dialog open left typing: opening the draft shows the dialog with it, over what
    was changed elsewhere since (kept), a field changed on both sides named; the save writes the user's fields."""
    left_by(with_draft, f"{socket.gethostname()}:{_ended_pid()}", "a1", target="≥98%", explanation="按月核对")
    conn = connect(with_draft)
    draft = drafts.open_draft(conn, NAME)
    drafts.update_row(conn, NAME, draft.rows[0].id, target="≥99%", data_source="财政系统")  # elsewhere, meanwhile
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await until(pilot, lambda: isinstance(app.screen, RowDialog), "the row's dialog offered back")
        told = [n.message for n in app._notifications if n.title == "未保存的输入 unsaved typing"]
        assert told and told[0].startswith(f"草稿 {NAME} 有未保存的输入")  # said on the list of drafts
        dialog = app.screen
        assert dialog.query_one("#row-target", Input).value == "≥98%"
        assert dialog.query_one("#row-explanation", Input).value == "按月核对"
        assert dialog.query_one("#row-data_source", Input).value == "财政系统"  # theirs, untouched here
        said = str(dialog.query_one("#row-restored").render())
        assert "恢复了" in said and "\n指标值 已在别处改为" in said and "≥99%" in said and "\\x0a" not in said
        await until(pilot, lambda: [u.owner for u in kept(with_draft)] == [unsaved.OWNER], "taken over")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not kept(with_draft), "the save")
        await settle(pilot)
    row = stored(with_draft).rows[0]
    assert (row.target, row.explanation, row.data_source) == ("≥98%", "按月核对", "财政系统")


async def test_typing_left_is_offered_only_when_its_process_is_gone_and_its_row_is_there(with_draft, monkeypatch):
    """Another window still running keeps its typing to itself; typing for a row removed since is said (and put on
    the clipboard), then dropped; typing the row holds already is dropped silently; Esc on one offered back
    drops it and leaves the row as it is (Esc before the dialog took it over as its own too)."""
    monkeypatch.setattr(RowDialog, "_keep", lambda self: None)  # nothing taken over before the Esc
    conn = connect(with_draft)
    drafts.add_row(conn, NAME, drafts.new_row("政策知晓率", target="≥85%"))
    conn.close()
    left_by(with_draft, f"{socket.gethostname()}:{os.getppid()}", "a1", target="≥97%")  # running
    left_by(with_draft, f"{socket.gethostname()}:{_ended_pid()}", "a2", target="≥90%")  # what the row holds
    left_by(with_draft, f"{socket.gethostname()}:{_ended_pid()}", "a3", name="政策知晓度")
    conn = connect(with_draft)
    drafts.remove_rows(conn, NAME, [r.id for r in drafts.open_draft(conn, NAME).rows if r.key == "a3"])
    conn.close()
    left_by_gone = f"{socket.gethostname()}:{_ended_pid()}"
    left_by(with_draft, left_by_gone, "a2", weight="5")
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await until(pilot, lambda: isinstance(app.screen, RowDialog), "the row's dialog offered back")
        assert app.screen.row.key == "a2" and app.screen.query_one("#row-weight", Input).value == "5"
        told = [n.message for n in app._notifications]
        assert any("已在别处删除" in m and "政策知晓度" in m for m in told), told
        assert app.clipboard == "三级指标：政策知晓度"
        await pilot.press("escape")
        await until(pilot, lambda: [u.row_key for u in kept(with_draft)] == ["a1"], "all but the running one dropped")
        await settle(pilot)
        assert not isinstance(app.screen, RowDialog)
    assert stored(with_draft).rows[1].weight is None


async def test_quitting_with_a_row_dialog_open_keeps_its_typing_for_next_time(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("enter")
        await type_in_row_dialog(pilot, "#row-target", ">=96%")
        await pilot.press("ctrl+q")  # before the moment that would keep it
        await pilot.pause()
    assert [u.edits for u in kept(with_draft)] == [{"target": ">=96%"}]
    assert stored(with_draft).rows[0].target == "=100%"


async def test_a_folder_typed_relative_is_remembered_whole(with_draft, tmp_path, monkeypatch):
    """A folder typed relative ('申报') was remembered as typed, so the next session, launched elsewhere, offered
    another folder or none: it is written out from the launch folder, in the preview and in what is remembered."""
    from tui import remembered

    monkeypatch.chdir(tmp_path)
    (tmp_path / "申报").mkdir()
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("x")
        app.screen.query_one("#export-path", Input).value = "申报"
        await settle(pilot)
        assert str(tmp_path / "申报" / f"{NAME}.xlsx") in str(app.screen.query_one("#export-target", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "申报" / f"{NAME}.xlsx").is_file()
    assert remembered.recall(remembered.EXPORT_FOLDER) == str(tmp_path / "申报")


def test_what_cannot_be_remembered_leaves_no_file_behind(app_state, monkeypatch):
    """A state file that could not be replaced (Windows, while another app reads it) left its temporary
    app-state.json.<pid>.tmp in the data folder, one more each time: it is removed, the old state kept."""
    import os

    from tui import remembered

    remembered.remember(remembered.EXPORT_FOLDER, "/first")

    def refused(*_):
        raise PermissionError("in use")

    monkeypatch.setattr(os, "replace", refused)
    remembered.remember(remembered.EXPORT_FOLDER, "/second")
    assert [p.name for p in app_state.parent.iterdir()] == ["app-state.json"]
    assert remembered.recall(remembered.EXPORT_FOLDER) == "/first"


async def test_typing_kept_while_an_import_holds_the_base_is_kept_once_it_lets_go(with_draft, monkeypatch):
    """The keep after the last keystroke found the base locked longer than the busy timeout (a long import) and was
    given up until the next keystroke: the user who typed no more lost the typing to a kill. It is tried again."""
    import kb.db

    monkeypatch.setattr(kb.db, "BUSY_TIMEOUT_MS", 200)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, RowDialog)
        importing = connect(with_draft)
        importing.execute("BEGIN IMMEDIATE")
        try:
            await type_in_row_dialog(pilot, "#row-target", ">=98%")
            for _ in range(2):  # the keep after the last key has waited its 0.2 s and given up
                await settle(pilot)
                await pilot.pause(0.5)
            assert not kept(with_draft)
        finally:
            importing.rollback()
            importing.close()
        await until(pilot, lambda: [u.typed["target"] for u in kept(with_draft)] == [">=98%"], "the typing kept")


async def test_a_field_typed_into_without_a_pause_is_saved_every_few_seconds(with_draft, monkeypatch):
    """A head field was saved only once the typing paused: a long 年度目标 typed on without a pause, the app killed,
    lost all of it. Typing on, it is saved all the same once it has waited MOST_UNSAVED seconds."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)  # no pause comes
    monkeypatch.setattr(head_module, "MOST_UNSAVED", 0.5)
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        app.query_one("#head-region", Input).focus()
        await pilot.press("烟")
        await pilot.pause(0.6)
        await pilot.press("台")  # a key more, after MOST_UNSAVED: sent with it
        await until(pilot, lambda: stored(with_draft).region == "烟台", "the field saved while typing on")
        await pilot.press("市")  # the next key waits again
        await settle(pilot)
        assert stored(with_draft).region == "烟台" and app.query_one("#head-region", Input).value == "烟台市"


async def test_keys_typed_at_once_after_tab_go_to_the_next_field(with_draft):
    """Tab and the keys after it read together (a fast typist, a loaded machine, keys sent by a tool): the keys
    went on into the field Tab left (主管部门 got the code, the unit and the year), since Textual forwards each key
    to the widget focused when it reads it and Tab only moved the focus once the field had handled its keys."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        app.query_one("#head-department", Input).focus()
        await pilot.pause()
        for key in ("ctrl+u", *"民政局", "tab", "ctrl+u", *"318001", "tab", "ctrl+u", *"养老中心", "shift+tab"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))  # all queued before any is handled
        await settle(pilot)
        assert app.focused.id == "head-department_code"
        values = [app.query_one(f"#head-{name}", Input).value for name in ("department", "department_code")]
        assert values + [app.query_one("#head-implementing_unit", Input).value] == ["民政局", "318001", "养老中心"]
        await pilot.press("escape")
        await settle(pilot)
    saved = stored(with_draft)
    assert (saved.department, saved.department_code, saved.implementing_unit) == ("民政局", "318001", "养老中心")


async def test_every_template_ticked_as_offered_passes_the_checks(seeded):
    """The 补贴/奖励类 template ticked no 满意度 row (each used by one of its projects in the seeds): ctrl+s made a
    draft the checks failed (缺少满意度指标). Every template's rows as ticked at first pass them, but for the values
    left for the officer (no-target, said when applied); a template holding no row of a level says so."""
    from kb.drafting.lint import REQUIRED
    from kb.drafting.suggest import SPENDING_TYPES

    conn = connect(seeded)
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.catalog.loaded, "the catalog")
        for n, kind in enumerate(SPENDING_TYPES):
            app.push_screen(TemplateDialog(app.db, set(), kind, ""))
            dialog = app.screen
            loaded = lambda d=dialog, k=kind: d.asked == k and d.query_one(TickList).held is None  # noqa: E731
            await until(pilot, loaded, kind)
            chosen = [dialog.rows[i] for i in sorted(dialog.query_one(SelectionList).selected)]
            about = str(dialog.query_one("#template-about").render())
            await pilot.press("escape")
            draft = drafts.create(conn, f"模板{n}", spending_type=kind)
            if chosen:
                draft = drafts.apply_rows(conn, draft.id, chosen).draft
            findings = lint.draft_findings(conn, draft)
            blank = {r for r, row in enumerate(draft.rows, 1) if row.value is None and not row.text}
            errors = [f for f in findings if f.severity == "error" and f.rule != "head-missing"]
            lacking = [level for level in REQUIRED if level not in {row.level1 for row in dialog.rows}]
            for f in errors:
                if f.rule == "levels-missing":
                    said = "知识库中没有" in about or all(level in about for level in lacking)  # none, or which
                    assert any(level in f.detail for level in lacking) and said, (kind, about, f)
                else:
                    assert f.rule == "no-target" and f.row in blank, (kind, f)
    conn.close()


async def test_keys_typed_as_the_template_opens_go_to_its_list(with_draft, monkeypatch):
    """↓ ↓ ↓ space typed as the template opened: the list, loading, could not hold the focus, so the 支出类型 box took
    the keys (its choices opened, the arrows moved in them) and the list's cursor did not move."""
    import threading

    from textual.widgets import Select

    from tui.drafting import sources

    built = threading.Event()  # the template is built once the keys are typed, as on a large base
    build = sources.template
    monkeypatch.setattr(sources, "template", lambda *a, **k: built.wait(30) and build(*a, **k))
    fill = sources._PickRows.fill_rows

    def filled(self, *args, **kwargs):
        fill(self, *args, **kwargs)
        self.at_first = set(self.query_one(SelectionList).selected)

    monkeypatch.setattr(sources._PickRows, "fill_rows", filled)
    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TemplateDialog) and not app.screen.labels  # open, its rows not yet in
        for key, character in (("down", None), ("down", None), ("down", None), ("space", " ")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        built.set()
        await until(pilot, lambda: isinstance(app.screen, TemplateDialog) and app.screen.labels, "the template")
        await settle(pilot)
        dialog = app.screen
        picker = dialog.query_one(SelectionList)
        kind = dialog.query_one("#template-kind", Select)
        assert app.focused is picker and not kind.expanded and kind.value == "补贴/奖励类"
        assert picker.highlighted == 3 and (3 in picker.selected) != (3 in dialog.at_first)  # space ticked it


async def test_a_type_being_chosen_as_the_template_comes_keeps_the_focus_and_its_keys(with_draft, monkeypatch):
    """↓, shift+tab to 支出类型, enter, ↓ typed as the template opened: its rows coming took the focus from the open
    choices (they closed) and replayed the ↓ in the list; the next enter toggled a row instead of choosing a type."""
    import threading

    from textual.widgets import Select

    from tui.drafting import sources

    built = threading.Event()
    build = sources.template
    monkeypatch.setattr(sources, "template", lambda *a, **k: built.wait(30) and build(*a, **k))
    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("t")
        dialog = app.screen
        for key in ("down", "shift+tab", "enter", "down"):
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
            await pilot.pause()
        kind = dialog.query_one("#template-kind", Select)
        assert kind.expanded
        built.set()
        await until(pilot, lambda: dialog.labels, "the template")
        await settle(pilot)
        picker = dialog.query_one(SelectionList)
        assert kind.expanded and app.focused is not picker and picker.highlighted == 0


def test_a_required_level_is_ticked_by_a_row_several_projects_use_then_by_a_rate_not_one_projects_count():
    """On the seeds 人才's 效益 was ticked by one project's own count (`人才企业获得信用贷款 ≥10亿元`), the row with a
    target winning over one two projects use, blank: a row of several projects first, then of one project a rate or
    a word before its count."""
    from tui.drafting.sources import first_ticks

    levels = ["产出指标", "效益指标", "效益指标", "满意度指标", "满意度指标"]
    valued = [True, True, False, True, True]
    general = [True, False, True, False, True]  # ≥10亿元; blank; ≥500人次; ≥90%
    assert first_ticks([9, 1, 2, 1, 1], levels, 40, valued=valued, general=general) == [True, False, True, False, True]
    # of rows several projects use, the most used: 媒体报道次数 ≥5次 (6 of 149 会议培训与宣传 projects of the real
    # tables), not a rate 3 use (农村法律援助知晓率 ≥75%)
    levels = ["产出指标", "效益指标", "效益指标", "满意度指标"]
    general = [True, False, True, True]
    assert first_ticks([20, 6, 3, 20], levels, 149, valued=[True] * 4, general=general) == [True, True, False, True]


async def test_a_name_wrapped_in_a_lists_column_keeps_its_closing_bracket_with_it(seeded):
    """At 80×24 the drafts list showed `社区养老服务补贴（初稿` over a line holding `）` alone (Rich breaks CJK text
    between any two characters); copying the row gives the name whole."""
    conn = connect(seeded)
    drafts.create(conn, "社区养老服务补贴（初稿）")
    conn.close()
    app = start(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        table = app.query_one("#drafts-list")
        drawn = [table.render_line(y).text.strip() for y in range(1, 1 + table.rows[next(iter(table.rows))].height)]
        assert len(drawn) > 1 and drawn[0].startswith("社区养老服务补贴（") and drawn[1].startswith("稿）"), drawn
        assert table.row_text(0).startswith("社区养老服务补贴（初稿）\t")


def test_a_closer_moved_down_to_a_line_of_closers_takes_the_character_before_it_too():
    """`≥1200人次（全市）。` in 6 cells: Rich gives `全市）` over `。`; moving `）` alone down drew `全市` over `）。`,
    a line still opening with a closing bracket. A style span over the characters moved goes with them."""
    from rich.console import Console

    from tui.widgets.copy_table import CLOSING, wrapped

    text = Text("≥1200人次（全市）。")
    text.stylize("bold", 8, 10)
    lines = wrapped(text, 6, Console(width=80))
    assert [line.plain for line in lines] == ["≥1200", "人次（", "全", "市）。"]
    assert not any(line.plain[:1] in CLOSING for line in lines[1:])
    assert lines[3].spans and lines[3].spans[0].style == "bold"


async def test_k_takes_a_precedents_figure_as_the_projects_own_and_the_check_stays_silent_after_reopening(seeded):
    """`precedent-target` named a figure kept from a similar project until it was changed: an officer who agreed
    with it had no way to say so. `k` on the row takes it as the project's own (the check's text and the help say
    so), kept in the base: the app opened again shows the row still unflagged; `k` again gives it back."""
    from kb.drafting import suggest

    conn = connect(seeded)
    project = conn.execute(
        """SELECT project_id FROM indicators WHERE value > 1 AND unit NOT IN ('%', '分') AND level2 NOT LIKE '%时效%'
        GROUP BY project_id ORDER BY project_id LIMIT 1"""
    ).fetchone()[0]
    draft = drafts.create(conn, NAME, year=2025)
    drafts.apply_rows(conn, draft.id, suggest.project_rows(conn, project))
    flagged = [f.row for f in lint.lint_draft(conn, draft.id) if f.rule == "precedent-target"]
    conn.close()
    assert flagged
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        said = [str(o.prompt) for o in editor.query_one(DraftChecks)._options if "precedent-target" in str(o.prompt)]
        assert said and all("按 k 确认" in s for s in said)
        editor.table.move_cursor(row=flagged[0] - 1)
        await pilot.press("k")
        await settle(pilot)
        left = [f.row for f in editor.findings if f.rule == "precedent-target"]
        assert left == flagged[1:]
        await pilot.press("f1")
        await settle(pilot)
        assert "`k`" in app.screen.query_one("Markdown").source
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        assert [f.row for f in editor.findings if f.rule == "precedent-target"] == flagged[1:]
        editor.table.move_cursor(row=flagged[0] - 1)
        await pilot.press("k")
        await settle(pilot)
        assert [f.row for f in editor.findings if f.rule == "precedent-target"] == flagged


async def test_keys_typed_after_a_new_drafts_enter_in_the_same_read_go_to_its_table_not_its_name(with_draft):
    """A name, Enter and `t` in one read (typed fast, batched by a slow link): the dialog was still open while the
    draft was being made, so the `t` went into the name (`人才补贴t`) and no template opened. Keys after the Enter
    are held and reach the new draft's goal table; a name refused (taken) drops them and typing goes on."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        pane = app.query_one(DraftsPane)
        await pilot.press("n")
        assert isinstance(app.screen, NameDialog)
        for key in (*NAME, "enter", "t"):  # all queued before any is handled; NAME is taken
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await settle(pilot)
        assert isinstance(app.screen, NameDialog) and app.screen.query_one(Input).value == NAME
        app.screen.query_one(Input).value = ""
        for key in (*"人才补贴", "enter", "t"):
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await until(pilot, lambda: isinstance(app.screen, TemplateDialog), "the template")
        await settle(pilot)
        assert pane.editor.draft.name == "人才补贴"


async def test_the_similar_projects_notice_is_whole_at_80_columns(with_draft):
    """At 80×24 the line over a similar project's rows was cut after `(框架内 in the framewo…`: its notice, that the
    counts are that project's and the checks name those kept, never showed."""
    from conftest import screen_lines
    from tui.drafting.sources import SimilarDialog

    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SimilarDialog)
        await until(pilot, lambda: app.screen.labels, "a similar project's rows")
        await settle(pilot)
        text = "".join(line.strip(" │") for line in screen_lines(app))
        assert "数量是该项目自己的，照抄的由检查指出" in text and "…" not in text.split("框架内")[1][:40]


def test_a_required_level_of_one_projects_rows_is_ticked_by_a_measurable_row_before_a_vague_word():
    """On the seeds 就业与民生's 效益 was ticked by `社区综合服务能力 提升` and 人才's by `发挥人才带动作用 增强`
    (words the `vague` check warns on) over a rate or a zero any project can aim at: a rate or a zero with its unit
    first, then one without its unit, a word, a vague word, and one project's own count last."""
    from tui.drafting.sources import first_ticks, standard

    rows = [
        drafts.new_row("人才企业获得信用贷款", target="≥10亿元"),
        drafts.new_row("社区综合服务能力", target="提升"),
        drafts.new_row("项目质量可控性", target="可控"),
        drafts.new_row("有责投诉率", target="=0"),
        drafts.new_row("安全事故", target="0起"),
        drafts.new_row("长效管理机制健全性", target="=100%"),
    ]
    assert [standard(r) for r in rows] == [0, 1, 2, 3, 4, 4]
    levels = ["产出指标", "效益指标", "满意度指标"]
    for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [1, 4, 0]):  # whatever the template's order
        chosen = [rows[n] for n in order]
        ticks = first_ticks(
            [9] + [1] * len(chosen) + [9],
            [levels[0]] + [levels[1]] * len(chosen) + [levels[2]],
            40,
            valued=[True] * (len(chosen) + 2),
            general=[2] + [standard(r) for r in chosen] + [4],
        )
        ticked = [r.name for r, tick in zip(chosen, ticks[1:-1]) if tick]
        assert ticked == ["安全事故"], order


async def test_the_heads_sums_are_whole_at_80_columns(with_draft):
    """A sum printed in 元 is 万元 with four decimals (17234567.89 元: 1723.456789): the labels' 万元 narrowed the
    sources' three boxes at 80 columns to 8 characters, 1723.4568 shown as 1723.456. Every sum in sight whole."""
    from conftest import screen_lines

    conn = connect(with_draft)
    sums = {"total_wan": "12345.6789", "amount_wan": "3456.7891", "fiscal_wan": "1723.4568", "carryover_wan":
            "1234.5678", "other_wan": "498.76543"}  # fmt: skip
    for field, value in sums.items():
        drafts.set_field(conn, NAME, field, value)
    conn.close()
    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = "\n".join(screen_lines(app))
        assert all(value in screen for value in sums.values()), screen


async def test_the_heads_sums_say_their_unit_once_typed(with_draft):
    """`实施期资金 500`: the sums' only unit was the box's placeholder (万元), gone once a sum was typed, so a sum in 元
    (as seed 003 prints them, 7000000) read as 万元 without a word. Each line of sums says 万元."""
    from conftest import screen_lines

    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("h")
        await settle(pilot)
        await type_into(pilot, "#head-amount_wan", "500")
        wanted = ("实施期资金", "年度资金", "财政拨款", "上年结转", "其他资金")
        lines = [line for line in screen_lines(app) if any(f" {label}" in line for label in wanted)]
        assert len(lines) == 2 and all("万元" in line for line in lines) and "年度资金（万元） 500" in lines[0], lines


async def test_a_sum_typed_in_yuan_under_the_heads_wan_is_said_in_the_checks(with_draft, monkeypatch):
    """1200000 typed under 财政拨款（万元） meant 120 万元 (1,200,000 元): no check said so, and every other one read
    the sum ten thousand times too large. The checks box says it, Chinese first, and stops once the sum is in 万元."""
    monkeypatch.setattr(head_module, "DEBOUNCE", 3600)  # saved when left
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first(pilot)
        await type_into(pilot, "#head-fiscal_wan", "1200000")
        await until(pilot, lambda: "funds-in-yuan" in rules(app), "the check")
        said = [str(o.prompt) for o in editor.query_one(DraftChecks)._options if "funds-in-yuan" in str(o.prompt)]
        assert said == [
            "! 财政拨款 1200000 万元即 120 亿元：像是按元填写的，按万元应为 120 the head's sums are in 万元: "
            "1200000 looks typed in 元  funds-in-yuan"
        ]
        await type_into(pilot, "#head-fiscal_wan", "120")
        await until(pilot, lambda: "funds-in-yuan" not in rules(app), "the check gone")
