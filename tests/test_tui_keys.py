"""Keyboard traps of issue 18, each driven with Pilot as an officer would meet it: `/` in a search box, ↓ out of
a search box, Enter in the add dialog, space on the goal table, the focused head field, the footer's width."""

from __future__ import annotations

from collections import Counter

import pytest
from textual import events
from textual.color import Color, rgb_to_lab
from textual.widgets import Input, Select
from textual.widgets._footer import FooterKey

from kb.db import connect
from kb.drafting import drafts
from kb.find.search import Filters
from tui.app import make_app
from tui.drafting.sources import AddIndicatorDialog
from tui.widgets.project_tree import ProjectTree
from conftest import workers_done
from fixtures.app_driver import open_first_draft, until

SIZE = (120, 40)


def start(path):
    app = make_app(path)
    app.animation_level = "none"
    app.db.changed = lambda: False  # the 2 s watcher stays out of the way
    return app


async def settle(pilot) -> None:
    for _ in range(3):
        await workers_done(pilot)
        await pilot.pause()


@pytest.fixture
def with_draft(seeded):
    conn = connect(seeded)
    draft = drafts.create(conn, "科技型企业研发补贴", year=2025, spending_type="补贴/奖励类")
    drafts.apply_rows(
        conn,
        draft.id,
        [
            drafts.new_row("补贴发放准确率", target="=100%"),
            drafts.new_row("企业满意度", target="≥90%"),
            drafts.new_row("补贴及时性", target="及时"),
        ],
    )
    conn.close()
    return seeded


@pytest.mark.parametrize(
    ("tab", "box", "away"),
    [("f2", "#browse-filter", "#project-tree"), ("f3", "#ind-query", "#names"), ("f4", "#proj-query", "#proj-results")],
)
async def test_slash_in_a_search_box_selects_it_and_types_nothing(seeded, tab, box, away):
    """`/` goes to the search box; pressed again there it selects what is typed (the next key replaces it),
    never adding a slash (the tree then showed `0 项目`)."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)
        search = app.query_one(box, Input)
        app.query_one(away).focus()
        await pilot.press("slash")
        assert app.focused is search
        await pilot.press(*"人才")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert search.value == "人才" and app.focused is search
        assert (search.selection.start, search.selection.end) == (0, 2)  # all of it: typing replaces it
        await pilot.press(*"科技")
        assert search.value == "科技"
        if box == "#browse-filter":
            await settle(pilot)
            assert not str(search.border_subtitle).startswith("0 ")


@pytest.mark.parametrize("key", ["down", "enter"])
@pytest.mark.parametrize(
    ("tab", "box", "results"), [("f3", "#ind-query", "#names"), ("f4", "#proj-query", "#proj-results")]
)
async def test_down_or_enter_leaves_a_search_box_for_its_first_result(seeded, key, tab, box, results):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await pilot.press(*"满意")
        await settle(pilot)
        table = app.query_one(results)
        assert table.row_count > 2
        table.move_cursor(row=2)  # left elsewhere by an earlier visit
        app.query_one(box).focus()
        await pilot.press(key)
        await pilot.pause()
        assert app.focused is table and table.cursor_row == 0


async def test_down_leaves_the_browse_filter_for_the_first_project(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"人才")
        await settle(pilot)
        tree = app.query_one(ProjectTree)
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is tree
        assert tree.cursor_node is not None and tree.cursor_node.data == tree.first_project


async def test_enter_in_the_add_dialog_adds_what_was_typed(with_draft):
    """A new name with near matches: Enter, Enter adds the name as typed, not the first near match (which was a
    duplicate of a row the draft held); moving onto a match and pressing Enter adds that match."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AddIndicatorDialog)
        await pilot.press(*"企业培训满意率")  # 企业满意率 would be 企业满意度 in another spelling (one family)
        await settle(pilot)
        assert [h for h in app.screen.hits if h is not None]  # near matches are listed
        await pilot.press("enter", "enter")  # query → target → add
        await settle(pilot)
        names = [r.name for r in editor.draft.rows]
        assert "企业培训满意率" in names and names.count("企业满意度") == 1

        await pilot.press("a")
        await pilot.press(*"企业培训满意率")  # 企业满意率 would be 企业满意度 in another spelling (one family)
        await settle(pilot)
        await pilot.press("down")  # to the list, onto the first match (the typed name is above it)
        await settle(pilot)
        chosen = app.screen.chosen
        assert app.screen.hits[0] is None and chosen is not None
        await pilot.press("enter", "enter")  # names → target → add
        await settle(pilot)
        assert chosen.name in [r.name for r in editor.draft.rows]


async def test_enter_adds_a_new_name_that_names_in_the_base_hold(with_draft):
    """整治群众满意度 is no name in the base, but 环境整治群众满意度 holds it: Enter, Enter added that longer name (the
    typed one was listed last, out of sight). The typed name comes first and is what is added."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        await pilot.press("a", *"整治群众满意度")
        await settle(pilot)
        hits = app.screen.hits
        assert hits[0] is None and "环境整治群众满意度" in [h.name for h in hits[1:]]
        await pilot.press("enter", "enter")  # query → target → add
        await settle(pilot)
        names = [r.name for r in editor.draft.rows]
        assert "整治群众满意度" in names and "环境整治群众满意度" not in names


async def test_slash_in_a_draft_goes_to_the_indicator_search_not_the_drafts_name(with_draft):
    """`/` on the goal table went to the 草稿名 box with its text selected: a search typed after it, as `/` leads to on
    the other tabs, renamed the draft. It opens the add dialog's search (as `a` does) and the name stays."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        assert app.focused is editor.table
        await pilot.press("slash", *"满意度")
        await settle(pilot)
        assert isinstance(app.screen, AddIndicatorDialog)
        assert app.screen.query_one("#add-query", Input).value == "满意度"
        await pilot.press("escape")
        await settle(pilot)
        assert editor.draft.name == "科技型企业研发补贴" and not editor.writer.pending


async def test_tabbing_into_the_drafts_name_does_not_select_it(with_draft):
    """Tab into 草稿名 selected its text (as a box does on focus), and the next key typed renamed the draft."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await settle(pilot)
        box = app.query_one("#head-name", Input)
        box.focus()
        await settle(pilot)
        assert box.selection.start == box.selection.end == len(box.value)


async def test_ctrl_c_says_how_to_quit_chinese_first(seeded):
    """Ctrl+C showed Textual's own 'Do you want to quit? Press ctrl+q to quit the app', in English only."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(ProjectTree).focus()
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
        assert ("退出 quit?", "要退出请按 Ctrl+Q  press ctrl+q to quit") in said, said


async def test_space_on_the_goal_table_marks_and_moves_down_as_the_footer_says(with_draft):
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        assert app.focused is editor.table and editor.table.cursor_row == 0
        await pilot.press("space")
        assert editor.table.cursor_row == 1 and editor.marked == {editor.draft.rows[0].id}
        keys = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert "space" in keys and "↓" in keys["space"]


def _difference(a: Color, b: Color) -> float:
    """How far apart two colours look: CIE76 ΔE in Lab (2.3 is just noticeable; the old 5 % tint gave 2.7–4.4)."""
    return sum((x - y) ** 2 for x, y in zip(rgb_to_lab(a), rgb_to_lab(b))) ** 0.5


def _background(widget) -> Color:
    """The colour the widget's background is drawn in (its own over its parent's, with its tint)."""
    return widget.background_colors[1]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox", "monokai", "solarized-light"])
async def test_the_focused_head_field_stands_out_in_every_theme(with_draft, theme):
    """Text landed in the wrong field: the focused field differed from the others by a 5 % tint."""
    app = start(with_draft)
    app.theme = theme
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await settle(pilot)
        department, region = app.query_one("#head-department", Input), app.query_one("#head-region", Input)
        department.focus()
        await pilot.pause()
        focused, other = _background(department), _background(region)
        assert _difference(focused, other) >= 10, (theme, focused.hex, other.hex)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("where", ["browse", "indicators", "projects", "drafts", "editor"])
async def test_the_footer_fits_and_always_shows_f1(with_draft, size, where):
    app = start(with_draft)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if where == "editor":
            await open_first_draft(pilot)
        elif where != "browse":
            await pilot.press({"indicators": "f3", "projects": "f4", "drafts": "f5"}[where])
        await settle(pilot)
        await pilot.pause()
        keys = [k for k in app.screen.query(FooterKey) if not k.has_class("-command-palette")]
        palette = app.screen.query_one("FooterKey.-command-palette")
        assert keys and all(k.region.width > 0 and k.region.right <= palette.region.x for k in keys), [
            (k.key, k.region) for k in [*keys, palette]
        ]
        assert "f1" in [k.key for k in keys]


async def test_down_in_the_add_dialog_goes_to_the_names_holding_a_fragment_and_slash_selects_it(with_draft):
    """满意 typed to find the names holding it: too short to name an indicator, the names come first and the
    '＋ 新指标' row last (↓, Enter added a fragment as a new indicator); `/` in its search box selects it."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await settle(pilot)
        await pilot.press("a", *"满意")
        await settle(pilot)
        hits = app.screen.hits
        assert hits[-1] is None and "满意" in hits[0].name
        await pilot.press("slash")
        box = app.screen.query_one("#add-query", Input)
        assert box.value == "满意" and (box.selection.start, box.selection.end) == (0, 2)
        await pilot.press("down")
        assert app.screen.chosen is hits[0]


async def test_n_typed_right_after_f5_starts_a_new_draft(seeded):
    """A terminal delivers fast keys together: F5 gives the drafts list the focus at once, not after the keys queued
    behind it (`n` right after F5 started a copy of the project browsed before)."""
    from tui.drafting.dialogs import NameDialog

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, character in (("f5", None), ("n", "n")):  # queued together, as the terminal's driver posts them
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NameDialog) and app.screen.title_text.startswith("新建草稿")


async def test_n_typed_right_after_f5_from_a_search_box_is_not_typed_into_it(seeded):
    """From a search box the tab key must act before the box takes the next key: `n` starts a draft, the box keeps
    what was typed."""
    from tui.drafting.dialogs import NameDialog

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"myd")
        await settle(pilot)
        for key, character in (("f5", None), ("n", "n")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NameDialog) and app.screen.title_text.startswith("新建草稿")
        assert app.query_one("#ind-query", Input).value == "myd"


async def on_the_names(app, pilot) -> None:
    """The Indicators tab open, its names' list focused (a key there that moves the focus: `/`)."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    app.query_one("#names").focus()
    await settle(pilot)


def post_together(app, *keys: str) -> None:
    """Keys queued at once, as the terminal's driver posts the keys of one read (typed fast, or batched by SSH)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else ("\x7f" if key == "backspace" else None)))


async def test_backspace_and_a_character_typed_together_apply_in_order(with_draft):
    """`2025`, backspace and `6` in one read gave `2025`: Textual inserted the 6 before the backspace it had sent up
    to the app deleted it (Textual issue 6605). The draft's year is 2026, and so is what is saved."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        year = app.query_one("#head-year", Input)
        year.focus()
        await pilot.press("end")
        assert year.value == "2025"
        post_together(app, "backspace", "6")
        await settle(pilot)
        assert year.value == "2026"
        await pilot.press("escape")  # leaves the head: the field is saved
        await until(pilot, lambda: editor.draft.year == 2026 and not editor.writer.pending, "the saved year")


async def test_a_search_box_takes_fast_keys_in_order(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        post_together(app, "满", "意", "率", "backspace", "度", "left", "left", "home", "服")
        await settle(pilot)
        assert app.query_one("#ind-query", Input).value == "服满意度"


@pytest.mark.parametrize(
    ("tab", "before", "keys", "box", "typed"),
    [
        ("f2", (), ("slash", *"审计局"), "#browse-filter", "审计局"),
        ("f3", ("满", "enter"), ("slash", *"满意度"), "#ind-query", "满意度"),  # `/` selected 满: typing replaces it
        ("f4", ("金", "融", "enter"), ("slash", *"绿化"), "#proj-query", "绿化"),  # (selected as it takes the focus)
        ("f5", ("enter",), ("h", *"审计局"), "#head-department", "审计局"),
        ("f5", ("enter", "escape"), ("n", *"新草稿"), "#name-input", "新草稿"),
    ],
)
@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_keys_typed_with_a_key_that_moves_the_focus_go_where_it_moved_it(
    with_draft, tab, before, keys, box, typed, size
):
    """`h审计局` in one read: Textual sent each key to the widget focused when the app read it, and `h`'s binding
    ran only once `h` had bubbled back up, so 审计局 had gone to the goal table (which dropped them) and the head's
    field stayed empty; the same after `/` or `n`. A key read while the one before is on its way waits for it."""
    app = start(with_draft)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in (tab, *before):
            await pilot.press(key)
            await settle(pilot)
        post_together(app, *keys)
        await until(pilot, lambda: app.focused is not None and app.focused.id == box[1:], "the box moved to")
        await settle(pilot)
        assert app.focused.value == typed


@pytest.mark.parametrize(
    ("before", "pasted", "after", "typed"),
    [(("slash",), "满意度", (), "满意度"), (("slash", *"服务对象"), "满意度", tuple("指标"), "服务对象满意度指标")],
)
async def test_a_paste_read_with_keys_lands_among_them_in_order(seeded, before, pasted, after, typed):
    """A paste (a terminal's bracketed paste, 满意度 from a document) went to the focused widget at once, past the keys
    held behind the one on its way: 服务对象 typed then 满意度 pasted gave 服满意度务对象, and after `/` the paste went
    to the table `/` left. It waits its turn with the keys."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_names(app, pilot)
        post_together(app, *before)
        app.post_message(events.Paste(pasted))
        post_together(app, *after)
        await settle(pilot)
        assert app.query_one("#ind-query", Input).value == typed


@pytest.fixture
def hops(monkeypatch) -> list[str]:
    """Where the app waited for each key on its way (`key@node`, tui.type_ahead), in order."""
    import tui.type_ahead as type_ahead

    seen: list[str] = []
    follow = type_ahead.TypeAhead._next

    def _next(self, node, key):
        seen.append(f"{key.key}@{type(node).__name__}")
        follow(self, node, key)

    monkeypatch.setattr(type_ahead.TypeAhead, "_next", _next)
    return seen


async def test_a_character_a_box_took_lets_the_next_key_go_without_climbing_to_the_app(seeded, hops):
    """A key on its way was followed up every parent to the app before the next one went (40 characters typed at
    once took 12 times as long); a character the search box took (stopped there) runs no binding above it, so the
    keys held behind it go on from the box. Keys still arrive in order, `/` (a binding) followed to the end."""
    seen = hops
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_names(app, pilot)
        seen.clear()
        post_together(app, "slash", "满", "意")
        await settle(pilot)
        assert app.query_one("#ind-query", Input).value == "满意"
        hops = Counter(s.split("@")[0] for s in seen)
        assert (hops["满"], hops["意"]) == (2, 2), seen  # sent to the box, seen taken there: no parent climbed
        assert hops["slash"] > 4 and "slash@MainScreen" in seen, seen  # the binding's key followed up the chain


async def test_a_key_moving_the_focused_widgets_cursor_is_not_waited_for(seeded, hops):
    """↓ on the tree is its own binding (cursor_down), moving no focus: 40 read together had each waited for the one
    before (13 times as long, a held ↓ lagging); they go on as read, all counted. ↓ in the search box (its binding
    leaves for the results) is still waited for."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.query_one(ProjectTree)
        tree.focus()
        tree.cursor_line = 0
        await settle(pilot)
        post_together(app, *["down"] * 12)
        await settle(pilot)
        assert tree.cursor_line == 12 and hops == []
        app.query_one("#browse-filter", Input).focus()
        await settle(pilot)
        post_together(app, "down")
        await settle(pilot)
        assert hops and all(h.startswith("down@") for h in hops)


@pytest.fixture
def slow_catalog(monkeypatch):
    """The catalog read waits until the test releases it (at most 10 s), and the hidden tabs wait for it: the first
    screen is still coming when the test's keys or clicks arrive, however slow the machine."""
    import threading

    import tui.app
    import tui.screens.main

    monkeypatch.setattr(tui.screens.main, "LATER_SECONDS", 60.0)
    release = threading.Event()

    def slow(conn, read=tui.app._catalog):
        release.wait(10)
        return read(conn)

    monkeypatch.setattr(tui.app, "_catalog", slow)
    yield release
    release.set()


async def test_keys_typed_at_start_wait_for_their_tab(seeded, slow_catalog):
    """The hidden tabs' panes are mounted once the first screen is drawn. A tab's key typed before that waits for its
    pane, the keys queued behind it land there, and the catalog read meanwhile reaches the pane."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.main.later  # the hidden tabs' panes are not made yet
        for key, character in (("f3", None), ("满", "满"), ("意", "意")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        slow_catalog.set()
        await settle(pilot)
        assert app.main.tab == "indicators" and app.focused is app.query_one("#ind-query", Input)
        assert app.focused.value == "满意"
        assert app.query_one("#names").row_count > 0
        app.main.indicator_pane.query_one("#region", Select).value = "广州开发区"  # one of the catalog's regions
        await settle(pilot)
        assert app.main.indicator_pane.filters == Filters(region="广州开发区")


async def test_a_tab_clicked_at_start_shows_its_pane(with_draft, slow_catalog):
    from textual.widgets import TabbedContent

    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.main.later
        await pilot.click("#--content-tab-drafts")
        await pilot.pause()
        slow_catalog.set()
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "drafts"
        assert app.focused is app.main.draft_pane.table and app.main.draft_pane.table.row_count == 1


async def test_quit_before_the_hidden_tabs_are_mounted(seeded, slow_catalog):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.main.later
        await pilot.press("ctrl+q")
        slow_catalog.set()
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_while_the_hidden_tabs_are_mounted(seeded, monkeypatch):
    """Ctrl+Q during the hidden tabs' mount lets the mount end before the app closes: Textual's Select fails its own
    mount (NoMatches: SelectOverlay) when the app closes during it. The mount is held until the quit waits for it."""
    import asyncio

    from tui.screens.main import MainScreen

    quitting = asyncio.Event()
    mount, settle_ = MainScreen._mount_later, MainScreen.settle

    async def held_mount(self):
        await quitting.wait()
        await mount(self)

    async def noted_settle(self):
        quitting.set()
        await settle_(self)

    monkeypatch.setattr(MainScreen, "_mount_later", held_mount)
    monkeypatch.setattr(MainScreen, "settle", noted_settle)
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.main._later_started, "the hidden tabs' mount")
        assert not app.main._later_ready.is_set()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None, "the app's exit")
        assert app.main._later_ready.is_set()
    assert app.return_code == 0


async def test_enter_before_a_list_has_loaded_opens_its_row_when_it_comes():
    """F5 then Enter within a second of a cold start opened nothing: the drafts list was still loading in its thread
    and Enter on an empty table does nothing. Enter before a table's first rows chooses the row once they come."""
    from textual.app import App
    from textual.widgets import DataTable

    from tui.widgets.copy_table import Col, CopyTable

    chosen: list[int] = []

    class Lists(App):
        def compose(self):
            yield CopyTable(Col("名称", 10))

        def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
            chosen.append(event.cursor_row)

    app = Lists()
    async with app.run_test() as pilot:
        table = app.query_one(CopyTable)
        table.focus()
        await pilot.press("enter")
        assert chosen == []
        table.fill([("科技补贴",), ("养老服务",)])
        await pilot.pause()
        assert chosen == [0]
        table.fill([])
        await pilot.press("enter")  # an empty list once filled: nothing to choose, and nothing later
        table.fill([("科技补贴",)])
        await pilot.pause()
        assert chosen == [0]


async def test_rows_filled_before_the_table_is_laid_out_that_fit_show_no_scrollbar():
    """Rows given before a table had a width were wrapped at no width, ran far taller than the table, and a
    vertical scrollbar came; laid out, the rows fitted exactly, but the scrollbar stayed (an empty bar over the
    last two columns; the draft editor's snapshot showed it or not by timing)."""
    from textual.app import App

    from tui.widgets.copy_table import Col, CopyTable

    class Fits(App):
        CSS = "CopyTable { height: 6; }"

        def compose(self):
            yield CopyTable(Col("名称", 10, flex=1))

        def on_mount(self) -> None:
            table = self.query_one(CopyTable)
            assert table.size.width == 0
            table.fill([("科技型中小企业研发费用补贴资金",)] * 5)  # a header and five rows: six lines at 80 wide

    app = Fits()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(CopyTable)
        assert table.virtual_size.height == 6
        assert not table.show_vertical_scrollbar


async def test_the_add_dialog_keeps_names_and_buttons_in_sight_at_80_by_24(with_draft):
    """At 80×24 the precedents of the highlighted name took the names list down to no row and pushed 添加/取消 out of
    the dialog: the list keeps a few rows, the buttons stay in it."""
    app = start(with_draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_draft(pilot)
        await settle(pilot)
        await pilot.press("a", *"myd")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        await pilot.pause()
        dialog = app.screen.query_one("#add-dialog")
        names = app.screen.query_one("#add-names")
        values = app.screen.query_one("#add-values")
        inside = dialog.content_region
        buttons = [b.region for b in app.screen.query("Button") if not inside.contains_region(b.region)]
        assert not buttons, (buttons, inside)
        assert names.size.height >= 5, names.size  # the header and four names
        assert values.size.height >= 3, values.size  # and what their precedents chose, scrolled


@pytest.mark.parametrize("typed", ["（补充）", "（补充说明）" * 3])
async def test_a_value_typed_together_with_ctrl_q_is_saved(with_draft, typed):
    """（补充） typed into 年度目标 and Ctrl+Q in the same read: the app quit before the box had taken the keys (a
    longer text), or before the form had heard of the change (a short one), and what was typed was lost."""
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        await settle(pilot)
        goal = app.query_one("#head-goal", Input)
        goal.focus()
        await pilot.pause()
        post_together(app, *typed, "ctrl+q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    conn = connect(with_draft)
    assert drafts.open_draft(conn, "科技型企业研发补贴").goal == typed
    conn.close()


async def test_a_table_too_wide_for_its_room_narrows_its_text_columns_and_keeps_every_column_in_sight():
    """A self-evaluation's 未达成 and 未能判断, a goal table's 指标值 and 标准层级 ran off the right edge at 80×24
    (a number cut to its first digits): the columns now give up cells, the name's last, the counts keep their
    labels, and the long cells wrap."""
    from textual.app import App

    from tui.widgets.copy_table import Col, CopyTable

    class Narrow(App):
        CSS = "CopyTable { width: 48; }"

        def compose(self):
            columns = Col("名称", 16, 3), Col("部门", 20, 1), Col("地区", 6), Col("未达成", 6), Col("未能判断", 8)
            yield CopyTable(*columns)

        def on_mount(self) -> None:
            self.query_one(CopyTable).fill([("2022年病媒生物防制", "西安市卫生健康委员会", "西安市", "1", "9")])

    app = Narrow()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(CopyTable)
        widths = [column.width for column in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= table.size.width - table.styles.scrollbar_size_vertical
        assert widths[3:] == [6, 8]  # the counts whole, under whole labels
        assert widths[0] == max(widths)  # the name (flex 3) gave up least


async def test_a_new_drafts_t_opens_the_template_and_the_keys_typed_with_it_reach_its_list(seeded):
    """A new draft opened in its head: `t` right away went into 主管部门 as text; and in the goal table the keys read
    together with `t` came to the dialog before anything there had the focus, and were lost."""
    from textual.widgets import SelectionList

    from tui.drafting.dialogs import NameDialog
    from tui.drafting.editor import DraftEditor
    from tui.drafting.sources import TemplateDialog

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"科技型企业研发补贴", "enter")
        await settle(pilot)
        editor = app.query_one(DraftEditor)
        post_together(app, "t", "down", "down", "space")
        await settle(pilot)
        assert isinstance(app.screen, TemplateDialog) and not editor.draft.department
        picker = app.screen.query_one(SelectionList)
        assert app.focused is picker and picker.highlighted == 2
        typed = set(picker.selected)
        await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        first = set(app.screen.query_one(SelectionList).selected)  # as the dialog ticks it
        assert typed ^ first == {2}  # the space read with `t` ticked or unticked the third row


async def test_ctrl_s_while_a_template_is_built_applies_its_rows_once_they_are_in(with_draft, monkeypatch):
    """ctrl+s pressed while the template dialog builds its list took the list as it was: empty, or the rows of the
    type chosen before."""
    import threading

    from kb.drafting import suggest
    from tui.drafting import sources
    from tui.drafting.sources import TemplateDialog

    go = threading.Event()
    build = suggest.template
    monkeypatch.setattr(sources, "template", lambda *a, **k: go.wait(10) and build(*a, **k))
    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        before = len(editor.draft.rows)
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog) and not dialog.rows
        await pilot.press("down", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # not applied (nothing listed yet), not refused
        go.set()
        await settle(pilot)
        assert app.screen is not dialog
        await until(pilot, lambda: len(editor.draft.rows) > before, "the template's ticked rows added")


async def test_a_space_read_together_with_ctrl_s_ticks_its_row_before_the_template_is_applied(with_draft):
    """space then ctrl+s in one read applied the rows ticked before the space: SelectionList ticks on a message of
    its own, which came after the apply."""
    from textual.widgets import SelectionList

    from tui.drafting.sources import TemplateDialog

    app = start(with_draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_first_draft(pilot)
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog)
        picker = dialog.query_one(SelectionList)
        first = dialog.rows[picker.highlighted].name
        assert picker.highlighted not in picker.selected and first not in {r.name for r in editor.draft.rows}
        post_together(app, "space", "ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        await until(pilot, lambda: first in {r.name for r in editor.draft.rows}, "the row the space ticked, added")
