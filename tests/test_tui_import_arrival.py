"""After an import in the app, the project tree and card move to what was imported: the user need not look for it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import seed, workers_done
from fixtures.app_driver import open_first_draft, until
from textual.widgets import Input, Select, TabbedContent

from kb.db import connect
from kb.drafting import drafts

from tui.app import make_app
from tui.screens.import_path import ImportPathScreen
from tui.widgets.project_card import ProjectCard
from tui.widgets.project_tree import ProjectTree

SIZE = (120, 40)


def renamed_seed(folder, stem: str, first: str) -> None:
    """Sample document 001 under another name with its first project called `first` (so it is new content)."""
    text = seed("001").read_text(encoding="utf-8").replace("宁波市金融支持高层次人才创业创新经费", first)
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")


def said(app) -> list[str]:
    """Every notice the app gives from now on (a toast leaves after its timeout, on a loaded machine before the
    test looks)."""
    notices: list[str] = []
    notify = app.notify
    app.notify = lambda message, *args, **kwargs: notices.append(message) or notify(message, *args, **kwargs)
    return notices


async def imported(pilot, paths) -> None:
    app = pilot.app
    await app.main.ready()  # (the hidden tabs mounted: a test ending during their mount fails in it)
    app.last_import = None
    app.start_import(paths)
    await until(pilot, lambda: app.last_import is not None, "the import")  # as the app is told of its end
    await workers_done(pilot)


async def test_an_import_shows_its_first_project_in_the_tree_and_card(seeded, tmp_path):
    renamed_seed(tmp_path, "a", "新导入的人才创业专项")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.query_one(ProjectCard).project is not None, "the first card")
        await pilot.press("f5")  # the import ends while the user is elsewhere
        notices = said(app)
        await imported(pilot, [tmp_path / "a.txt"])
        card = app.query_one(ProjectCard)
        await until(pilot, lambda: card.project and card.project["name"] == "新导入的人才创业专项", "the new card")
        tree = app.query_one(ProjectTree)
        await until(pilot, lambda: tree.cursor_node and tree.cursor_node.data == card.project["id"], "the tree")
        assert app.query_one(TabbedContent).active == "browse"
        assert app.focused is tree
        assert any("已显示所导入的第一个项目（共 1 份文件）" in m for m in notices), notices


async def test_several_documents_say_how_many_and_show_the_first(seeded, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    renamed_seed(folder, "b1", "第一份文件的专项")
    renamed_seed(folder, "b2", "第二份文件的专项")
    (folder / "bad.txt").write_text("这不是目标表 not a goal table\n", encoding="utf-8")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        notices = said(app)
        await imported(pilot, [folder])
        card = app.query_one(ProjectCard)
        await until(pilot, lambda: card.project and card.project["name"] == "第一份文件的专项", "the first's card")
        assert any("（共 2 份文件）" in m for m in notices), notices


async def test_an_import_of_nothing_new_leaves_the_card(seeded, tmp_path):
    (tmp_path / "bad.txt").write_text("这不是目标表 not a goal table\n", encoding="utf-8")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.query_one(ProjectCard).project is not None, "the first card")
        shown = app.query_one(ProjectCard).project["id"]
        notices = said(app)
        await imported(pilot, [tmp_path / "bad.txt"])
        assert app.query_one(ProjectCard).project["id"] == shown
        assert notices and not any("已显示" in m for m in notices)


@pytest.mark.parametrize("typed", ["'{}'", '"{}"', "{escaped}", "file://{quoted}"])
async def test_a_path_dropped_from_a_file_manager_is_imported(seeded, tmp_path, typed):
    """A file dragged onto the terminal comes quoted, with its spaces escaped or as a file:// address: the dialog
    said 没有这个文件或文件夹 of a file that is there."""
    folder = tmp_path / "预算 公开"
    folder.mkdir()
    renamed_seed(folder, "民政 局", "拖入的专项")
    path = folder / "民政 局.txt"
    text = typed.format(path, escaped=str(path).replace(" ", "\\ "), quoted=quote(str(path)))
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await app.main.ready()
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ImportPathScreen), "the dialog")
        app.screen.query_one("#import-path", Input).value = text
        await pilot.press("enter")
        card = app.query_one(ProjectCard)
        await until(pilot, lambda: card.project and card.project["name"] == "拖入的专项", "the dropped file's card")


async def test_an_import_ending_while_the_user_types_leaves_the_box(seeded, tmp_path):
    """Typing in a search box (or a draft's head) when a long import ends: the project is chosen in 浏览 behind it,
    and said so, instead of taking the keys' box away mid-word."""
    renamed_seed(tmp_path, "c", "打字时导入的专项")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.query_one(ProjectCard).project is not None, "the first card")
        await pilot.press("f3", *"满意")
        box = app.focused
        notices = said(app)
        await imported(pilot, [tmp_path / "c.txt"])
        card = app.query_one(ProjectCard)
        await until(pilot, lambda: card.project and card.project["name"] == "打字时导入的专项", "the card in 浏览")
        assert app.query_one(TabbedContent).active == "indicators" and app.focused is box and box.value == "满意"
        assert any("已在 浏览 F2 中选中所导入的第一个项目" in m for m in notices), notices


async def test_an_import_ending_while_the_browse_filter_is_typed_into_leaves_it(seeded, tmp_path):
    """浏览's own filter being typed into: its text was cleared (it hid the new project) and the tree took the keys."""
    renamed_seed(tmp_path, "c", "打字时导入的专项")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await app.main.ready()
        tree = app.query_one(ProjectTree)
        await until(pilot, lambda: app.focused is tree, "the tree's focus")
        await pilot.pause()  # (the first screen focuses the tree once more after it is drawn)
        box = app.query_one("#browse-filter", Input)

        def focused() -> bool:
            if not box.has_focus:
                box.focus()  # (again, where that late focus of the tree came after this one: CI, a loaded host)
            return box.has_focus

        await until(pilot, focused, "the filter's focus")
        await pilot.press(*"养老")
        await imported(pilot, [tmp_path / "c.txt"])
        await pilot.press("x")
        assert app.focused is box and box.value == "养老x"


async def test_an_import_ending_while_a_drafts_choice_has_the_focus_leaves_it(seeded, tmp_path):
    """A draft's 新增/延续 choice focused (not an Input): the app went to 浏览 and its filter took the focus."""
    conn = connect(seeded)
    drafts.create(conn, "居家养老服务补贴", year=2025)
    conn.close()
    renamed_seed(tmp_path, "c", "选择时导入的专项")
    app = make_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await open_first_draft(pilot)
        choice = app.query_one("#head-attribute", Select)
        choice.focus()
        await until(pilot, lambda: choice.has_focus, "the choice's focus")
        await imported(pilot, [tmp_path / "c.txt"])
        card = app.query_one(ProjectCard)
        await until(pilot, lambda: card.project and card.project["name"] == "选择时导入的专项", "the card in 浏览")
        assert app.query_one(TabbedContent).active == "drafts" and app.focused is choice
