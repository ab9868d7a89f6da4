"""The terminal app driven with Textual's Pilot over the five sample documents (kb.ingest.run.import_seeds)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static, TabbedContent

from kb.db import connect
from kb.ingest.run import import_seeds
from kb.find.queries import ProjectRow
from kb.find.search import Filters
from tui.app import make_app
from tui.screens.error import ErrorScreen
from tui.screens.help import HelpScreen
from tui.panes.indicators import IndicatorsPane
from tui.panes.projects import ProjectsPane
from tui.screens.source import SourceScreen
from tui.widgets.project_card import LEGEND, OWN_LEGEND, ProjectCard
from tui.widgets.project_tree import ProjectTree
from conftest import make_document, store, workers_done
from fixtures.app_driver import until

SIZE = (120, 40)


@pytest.fixture
def empty(db_path):
    connect(db_path).close()
    return db_path


def start(path):
    """The app as `kb tui` builds it, without animations (they only slow the tests)."""
    app = make_app(path)
    app.animation_level = "none"
    return app


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled (a result may start another worker)."""
    for _ in range(3):
        await workers_done(pilot)
        await pilot.pause()


def cells(table, row: int) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(row)]


def column(table, index: int) -> list[str]:
    return [cells(table, r)[index] for r in range(table.row_count)]


async def test_browse_to_a_project_and_read_its_goal_table(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.query_one(ProjectTree)
        assert app.focused is tree
        regions = [str(n.label) for n in tree.root.children]
        assert "威海经济技术开发区 14" in regions and "宁波市 11" in regions and "广州开发区 13" in regions
        await pilot.click("#browse-filter")
        await pilot.press(*"乡村振兴")
        assert tree.filter("乡村振兴") == 1
        await pilot.press("enter")  # to the tree
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        card = app.query_one(ProjectCard)
        assert card.project["name"] == "乡村振兴工作经费"
        goals = app.query_one("#goal-table")
        assert app.focused is goals
        rows = [cells(goals, r) for r in range(goals.row_count)]
        assert len(rows) == 12
        assert rows[0][0] == "产出指标" and rows[1][0] == ""  # level 1 written once per group, as on the form
        assert all(not r[4].endswith("*") for r in rows)  # this form states its levels
        assert LEGEND not in str(app.query_one("#goal-legend").render())


async def test_a_catalog_that_comes_while_the_app_closes_is_dropped(seeded):
    """Quitting while another process's import made the app read its catalog again ended in a traceback: the
    catalog came after the screen's panes were removed."""
    from tui.messages import CatalogLoaded, ProjectsListed
    from tui.panes.browse import BrowsePane

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        catalog = app.catalog
        await app.main.query_one(BrowsePane).remove()  # as the closing app removes it
        app.post_message(CatalogLoaded(catalog))
        app.post_message(ProjectsListed(catalog, catalog.projects or []))
        await pilot.pause()
        assert app.is_running


async def test_a_catalog_that_comes_while_the_hidden_tabs_inner_widgets_are_removed_is_dropped(seeded):
    """The closing app removes the panes' inner widgets first, BrowsePane still there: a catalog coming then (an
    import just done) failed 'No nodes match FilterBar' in the indicators pane (seen once on a loaded test run)."""
    from tui.messages import CatalogLoaded
    from tui.widgets.filter_bar import FilterBar

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.main.ready()
        await app.main.indicator_pane.query_one(FilterBar).remove()
        app.main._pruning = True  # as the closing app marks every node it removes, the screen too
        app.post_message(CatalogLoaded(app.catalog))
        await pilot.pause()
        assert app.is_running
        app.main._pruning = False


async def test_inferred_levels_are_marked(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ningbo = next(p.id for p in app.catalog.projects if p.region == "宁波市")
        app.open_project(ningbo)  # 宁波市 汇总表: the document gives no levels
        await settle(pilot)
        goals = app.query_one("#goal-table")
        assert app.query_one(ProjectCard).project["region"] == "宁波市"
        assert cells(goals, 0)[0].endswith("*") and cells(goals, 0)[4].endswith("*")
        assert LEGEND in str(app.query_one("#goal-legend").render())


async def test_a_projects_own_self_evaluation_shows_beside_its_goal_table(tmp_path, db_path):
    """What the project's own 自评表 reported stands beside each goal row (✓ met, ✗ missed, ? cannot be judged), and
    the self-evaluation is named below the table, as `kb show` does."""
    from fixtures.self_evaluation import write
    from kb.ingest.run import import_paths

    conn = connect(db_path)
    import_paths(conn, list(write(tmp_path, "xlsx")))
    conn.close()
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        goals = app.query_one("#goal-table")
        assert [cells(goals, r)[2:] for r in range(goals.row_count)] == [
            ["服务老人人数", "≥1000人", "产出·数量", "1200人 ✓"],
            ["服务合格率", "≥95%", "产出·质量", "93% ✗"],
            ["老人生活质量", "明显改善", "效益·社会", "明显改善 ✓"],
            ["服务对象满意度", "≥90%", "满意度", "96% ✓"],
        ]
        assert OWN_LEGEND in str(app.query_one("#goal-legend").render())
        more = app.query_one("#card-more", Static).content.renderables[0].plain
        assert "自评表 self-evaluation 2023: 2023年社区居家养老服务补贴项目" in more and "name+amount" in more


def import_self_evaluation(tmp_path, db_path, goal_table: bool = True) -> None:
    from fixtures.self_evaluation import write
    from kb.ingest.run import import_paths

    goal, evaluation = write(tmp_path, "xlsx")
    conn = connect(db_path)
    import_paths(conn, [goal, evaluation] if goal_table else [evaluation])
    conn.close()


async def test_self_evaluations_are_listed_read_whole_and_lead_to_their_goal_table(tmp_path, db_path):
    from tui.screens.evaluations import EvaluationsScreen

    import_self_evaluation(tmp_path, db_path)
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvaluationsScreen)
        listed = screen.query_one("#evaluation-list")
        assert [cells(listed, r) for r in range(listed.row_count)] == [
            ["1", "2023年社区居家养老服务补贴项目", "测试市民政局", "测试市", "2023", "4", "3", "1", "0"]
        ]
        await until(pilot, lambda: screen.shown_form is not None, "the form")
        rows = screen.query_one("#evaluation-rows")
        assert [cells(rows, r)[2:] for r in range(rows.row_count)] == [
            ["服务老人人数", "≥1000人", "1200人", "20", "20", "✓ 达成", ""],
            ["服务合格率", "≥95%", "93%", "20", "19.58", "✗ 未达成", "部分服务商培训不足，将加强培训"],
            ["老人生活质量", "明显改善", "明显改善", "30", "30", "✓ 达成", ""],
            ["服务对象满意度", "≥90%", "96%", "10", "10", "✓ 达成", ""],
        ]
        await pilot.press("slash", *"合格率")  # a row's name: the self-evaluations holding it
        await settle(pilot)
        assert listed.row_count == 1 and "筛出 1 个" in str(screen.query_one("#evaluations-title").render())
        await pilot.press("backspace", "backspace", "backspace", *"绿化")
        await settle(pilot)
        assert listed.row_count == 0
        await pilot.press("ctrl+u", *"测试市", "down")  # its region; ↓ back to the list
        await settle(pilot)
        assert listed.row_count == 1 and app.focused is listed
        await pilot.press("g")
        await settle(pilot)
        assert not isinstance(app.screen, EvaluationsScreen)
        assert app.query_one(ProjectCard).project["name"] == "社区居家养老服务补贴"


async def test_a_base_of_self_evaluations_only_says_so_and_opens_them(tmp_path, db_path):
    """Not '知识库是空的': the base holds self-evaluations, and a button (or ctrl+e) opens them."""
    from textual.widgets import Markdown

    from tui.screens.evaluations import EvaluationsScreen

    import_self_evaluation(tmp_path, db_path, goal_table=False)
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "还没有绩效目标表" in app.query_one("#welcome").query_one(Markdown).source
        assert "1 份自评表" in app.query_one("#welcome").query_one(Markdown).source
        await pilot.click("#open-evaluations")
        await settle(pilot)
        assert isinstance(app.screen, EvaluationsScreen)
        await pilot.press("g")  # no goal table answers it: said, and the list stays
        await settle(pilot)
        assert isinstance(app.screen, EvaluationsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EvaluationsScreen)
        await pilot.press("f3", *"合格率")  # no goal table's name holds it; a self-evaluated row's does
        await settle(pilot)
        status = str(app.query_one("#names-status").render())
        assert "没有指标名称匹配" in status and "自评表中有 1 行含此文字" in status
        await pilot.press("ctrl+e")  # as the line says, from the search box (a text box's own ctrl+e moves to its end)
        await settle(pilot)
        assert isinstance(app.screen, EvaluationsScreen)


async def test_indicator_search_finds_the_satisfaction_family(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        assert app.query_one(TabbedContent).active == "indicators"
        names = app.query_one("#names")
        for query, match in (("满意", "包含"), ("myd", "拼音")):
            app.query_one("#ind-query", Input).value = ""
            await pilot.press(*query)
            await settle(pilot)
            # name (its family: kb.vocab.families), uses, projects, regions
            assert cells(names, 0)[:4] == ["服务企业满意度 (+1 种写法)", "3", "3", "2"]
            assert all("满意" in n for n in column(names, 0))
            assert column(names, 6)[0] == match
            assert "市民满意度" in column(names, 0)


def test_a_cut_snippet_is_highlighted():
    """A snippet cut at its start begins with '…', which NFKC folds to three characters: no such snippet had its
    query highlighted (most overview and goal snippets); each word of a query is highlighted."""
    from tui.panes.projects import highlight

    def marked(snippet: str, query: str) -> list[str]:
        return [snippet[s.start : s.end] for s in sorted(highlight(snippet, query).spans, key=lambda s: s.start)]

    assert marked("…为我区发现人才、引进和ABC培养％…", "引进") == ["引进"]
    assert marked("…为我区发现人才、引进和ABC培养％…", "引进 人才") == ["人才", "引进"]
    assert marked("…为我区发现人才、引进和ABC培养％…", "ａｂｃ ％") == ["ABC", "％"]
    assert marked("人才工作，人才直通车", "人才") == ["人才", "人才"]


async def test_words_apart_find_names_and_projects_holding_each(seeded):
    """'满意度 企业' found the names holding 满意度企业 (none: near misses at best) and projects holding the words
    with their space (none); now what holds each word, in any order, each highlighted."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"满意度 企业")
        await settle(pilot)
        names = app.query_one("#names")
        assert column(names, 0)[0] == "服务企业满意度 (+1 种写法)" and column(names, 6)[0] == "包含"
        assert all(m == "包含" for m in column(names, 6))
        await pilot.press("f4", *"引进 人才")
        await settle(pilot)
        results = app.query_one("#proj-results")
        assert column(results, 0) == ["就业再就业和创业扶持政策补贴", "人才工作专项经费", "科技创新政策扶持资金"]
        assert "3 个项目包含 projects contain '引进' + '人才'" in str(app.query_one("#proj-status").render())
        match = results.get_row_at(2)[4]
        assert "引进" in {match.plain[span.start : span.end] for span in match.spans if "bold" in str(span.style)}


async def test_a_word_naming_a_region_is_pointed_to_the_region_select(seeded):
    """`kb search 威海 满意度` hinted at --region; F3 and F4 did not say why so little matched: no indicator name holds
    its region, and a project holds 威海 only where its texts say so. Both now point to the 地区 select, until a region
    is chosen there."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"威海 满意度")
        await settle(pilot)
        status = str(app.query_one("#names-status").render())
        assert status.startswith("没有名称含 '威海 满意度'") and "提示：威海 是地区名，请从搜索词删去" in status
        await pilot.press("f4", *"威海 改造")
        await settle(pilot)
        status = str(app.query_one("#proj-status").render())
        assert "提示：威海 是地区名" in status
        app.query_one(ProjectsPane).query_one("#region", Select).value = "威海经济技术开发区"
        await settle(pilot)
        assert "提示" not in str(app.query_one("#proj-status").render())
        app.query_one("#proj-query", Input).value = "改造"
        await settle(pilot)
        assert "提示" not in str(app.query_one("#proj-status").render())


async def test_precedents_spread_and_jump_to_project_and_back(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        app.query_one("#ind-query", Input).value = "服务企业满意度"
        await settle(pilot)
        precedents = app.query_one("#precedents")
        assert column(precedents, 0) == ["90%", "≥90%", "=100%"]  # targets as written
        assert column(precedents, 1)[2] == "科技创新政策扶持资金"
        assert app.query_one("#spread").spread == [("≥90%", 1), ("=90%", 1), ("=100%", 1)]
        title = str(app.query_one("#prec-title").render())
        assert "同一指标的写法" in title and "服务企业满意度（%）" in title and "扶持企业满意度" not in title
        await pilot.press("enter")  # the names table
        await pilot.press("enter")  # to its precedents
        assert app.focused is precedents
        await pilot.press("down", "down", "g")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "browse"
        card = app.query_one(ProjectCard)
        assert card.project["name"] == "科技创新政策扶持资金"
        goals = app.query_one("#goal-table")
        assert app.focused is goals and cells(goals, goals.cursor_row)[2] == "服务企业满意度（%）"
        await pilot.press("escape")
        assert app.query_one(TabbedContent).active == "indicators"
        assert app.focused is precedents


async def test_region_filter_narrows_counts(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"满意")
        await settle(pilot)
        pane = app.query_one(IndicatorsPane)
        pane.query_one("#region", Select).value = "广州开发区"
        await settle(pilot)
        assert pane.filters == Filters(region="广州开发区")
        assert cells(app.query_one("#names"), 0)[:4] == [
            "服务企业满意度",
            "2",
            "2",
            "1",
        ]  # name, uses, projects, regions
        assert set(column(app.query_one("#precedents"), 2)) == {"广州开发区"}


async def test_department_typed_narrows_names_precedents_and_projects(seeded):
    """An officer comparing what 科学技术局s set types a part of the department's name beside the selects; the
    names, their precedents and the projects found are that department's only."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"企业")
        await settle(pilot)
        pane = app.query_one(IndicatorsPane)
        everywhere = len(column(app.query_one("#names"), 0))
        pane.query_one("#department", Input).focus()
        await pilot.press(*"科学技术局")  # (科学技术 is also 科技: 经区科技创新局 too)
        await settle(pilot)
        assert pane.filters == Filters(department="科学技术局")
        names = column(app.query_one("#names"), 0)
        assert 0 < len(names) < everywhere and "新增科技型初创企业数" in names
        assert set(column(app.query_one("#precedents"), 4)) == {"宁波市奉化区科学技术局"}
        await pilot.press("f4")
        projects = app.query_one(ProjectsPane)
        projects.query_one("#department", Input).value = "科学技术局"
        app.query_one("#proj-query", Input).value = "扶持"
        await settle(pilot)
        assert column(app.query_one("#proj-results"), 0) == ["扶持政策涉科兑现"]


async def test_ctrl_s_writes_the_comparison_kb_search_out_writes(seeded, tmp_path):
    """An officer in the app wrote the comparison for her 科长 only through `kb search --out`: ctrl+s on the
    Indicators tab asks for a file and writes the same workbook, the filters chosen said atop; a file there is
    left, said in the dialog; an empty query is said, no dialog."""
    from openpyxl import load_workbook

    from kb.find.hits_file import write_search
    from tui.drafting.dialogs import NameDialog

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NameDialog)
        await pilot.press(*"企业")
        app.query_one(IndicatorsPane).query_one("#department", Input).value = "科学技术"
        await settle(pilot)
        book = tmp_path / "对比.xlsx"
        for _ in range(2):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, NameDialog)
            assert app.screen.query_one(Input).value.endswith("对比-企业-科学技术.xlsx")  # another department: another
            app.screen.query_one(Input).value = str(book)
            await pilot.press("enter")
            await settle(pilot)
        refused = app.screen.query_one(".dialog-error")
        assert "文件已存在，未覆盖" in str(refused.render()) and refused.size.height > 1  # wrapped, not cut with …
        await pilot.press("escape")
    sheets = load_workbook(book)
    assert sheets.sheetnames[:3] == ["对比", "指标", "项目"] and sheets["对比"]["C1"].value == "部门 科学技术"
    again = tmp_path / "again.xlsx"
    write_search(connect(seeded), "企业", Filters(department="科学技术"), again, 1000)
    assert [[c.value for c in row] for row in load_workbook(again)["对比"]] == [
        [c.value for c in row] for row in sheets["对比"]
    ]


async def test_every_file_the_app_writes_starts_in_the_folder_written_to_last(seeded, tmp_path):
    """The draft export offered the folder exported to last (else Documents), the comparison and the import's report
    the home folder: three places for one question. Each offers the folder any of them wrote to last."""
    from pathlib import Path

    from kb.ingest.run import FileResult
    from tui import remembered
    from tui.drafting.dialogs import NameDialog
    from tui.screens.import_log import DEFAULT_REPORT, ImportLogScreen
    from tui.widgets.import_status import ImportDone

    folder = tmp_path / "申报"
    folder.mkdir()
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(ImportDone([FileResult(Path("/d/bad.txt"), "failed", "不是能读的目标表 layout unknown")]))
        await settle(pilot)
        assert isinstance(app.screen, ImportLogScreen)
        await pilot.press("s")
        app.focused.value = str(folder / "报告.md")
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert remembered.export_folder() == folder
        await pilot.press("f3", *"企业", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        assert app.screen.query_one(Input).value == str(folder / "对比-企业.xlsx")
        await pilot.press("escape")
        app.post_message(ImportDone([FileResult(Path("/d/bad.txt"), "failed", "不是能读的目标表 layout unknown")]))
        await settle(pilot)
        assert app.screen.query_one("#import-log-path", Input).value == str(folder / DEFAULT_REPORT)


async def test_full_text_project_search_opens_the_project(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4", *"招才引智")
        await settle(pilot)
        results = app.query_one("#proj-results")
        assert column(results, 0)[0] == "人才工作专项经费"
        assert "招才引智" in cells(results, 0)[4]
        await pilot.press("enter")
        assert app.focused is results
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "browse"
        assert app.query_one(ProjectCard).project["name"] == "人才工作专项经费"


async def test_command_palette_goes_to_a_project(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"小额贷款")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ProjectCard).project["name"] == "小额贷款公司专项"


async def test_the_palette_speaks_chinese_first(seeded):
    """Textual's own commands (Keys, Maximize, Screenshot, Quit), the placeholder and every command's help were in
    English only."""
    from tui.commands import KbCommands

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        system = list(app.get_system_commands(app.screen))
        assert {c.title.split()[0] for c in system} >= {"按键面板", "截图", "退出"}
        assert all("\u4e00" <= c.title[0] <= "\u9fff" and "\u4e00" <= c.help[0] <= "\u9fff" for c in system)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one("CommandInput").placeholder.startswith("命令")
        fixed = KbCommands(app.screen)._fixed()
        assert all(
            "\u4e00" <= text[0] <= "\u9fff" and "\u4e00" <= help_text[0] <= "\u9fff" for text, _, help_text in fixed
        )
        for _ in range(20):  # the knowledge base's commands first, Textual's after (they came first)
            await pilot.pause(0.05)
            shown = [str(o.prompt).split("\n")[0] for o in app.screen.query_one("CommandList").options]
            if len(shown) == len(fixed) + len(system):
                break
        assert shown == [text for text, _, _ in fixed] + [c.title for c in system], shown


async def test_command_palette_searches_indicators(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"jsl")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "indicators"
        assert app.query_one("#ind-query", Input).value == "jsl"
        assert all("及时" in n for n in column(app.query_one("#names"), 0)[:3])


async def test_help_source_copy_and_escape(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await settle(pilot)
        cells = app.screen.query("MarkdownTableCellContents")  # a Chinese cell cut with …: '目标表 …', 'ctrl+s…'
        assert cells and {cell.styles.text_overflow for cell in cells} == {"fold"}
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("s")
        assert isinstance(app.screen, SourceScreen)
        assert "form-kv" in str(app.screen.query_one("Static").render()) or app.screen.project["layout"]
        await pilot.press("escape")
        await pilot.press("enter", "down", "c")  # tree → goal table, second row
        assert app.clipboard.split("\t")[-3:-1] == ["举办“人才直通车”活动次数", ">=2次"]


async def test_goal_row_finds_its_precedents(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        for _ in range(13):
            await pilot.press("down")
        await pilot.press("p")
        await settle(pilot)
        assert app.query_one("#ind-query", Input).value == "帮助对象满意度"
        names = column(app.query_one("#names"), 0)  # its own name, then 服务对象满意率 beside it: another indicator
        assert names[0] == "帮助对象满意度" and "服务对象满意率" in names[1:]
        assert "帮助对象满意度" in str(app.query_one("#prec-title").render())
        await pilot.press("escape")
        assert app.query_one(TabbedContent).active == "browse"


async def test_empty_database_first_screen_loads_samples(empty):
    app = start(empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one("BrowsePane").has_class("-empty")
        assert "kb import PATH" in app.query_one("#welcome Markdown").source
        assert app.focused.id == "load-samples"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert len(app.catalog.projects) == 39
        assert not app.query_one("BrowsePane").has_class("-empty")
        assert app.query_one(ProjectCard).project is not None


async def test_a_tab_asked_for_before_an_empty_bases_first_catalog_stays(empty):
    """An empty base's first catalog shows its welcome on the browse tab; a tab asked for while it was read (F5, or
    a draft opened) was left for it on a slow machine (the draft's head never drawn, CI's flaky funds test). The
    first catalog is made to come after the key here."""
    from tui.messages import Catalog

    app = start(empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.loaded = False  # (as if the catalog were still being read)
        await pilot.press("f5")
        await settle(pilot)
        app.main.set_catalog(Catalog(loaded=True))
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "drafts"


async def test_corrupt_database_shows_the_error_and_exits(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    app = start(bad)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "damaged" in app.screen.message
        await pilot.press("q")
    assert app.return_code == 1


async def test_an_import_elsewhere_refreshes_the_app(empty):
    app = start(empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = connect(empty)
        import_seeds(other)
        other.close()
        app._tick()
        await settle(pilot)
        assert len(app.catalog.projects) == 39
        assert app.query_one(ProjectTree).first_project is not None


async def test_any_string_in_any_box(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in ['"', "*", "OR (", "满意 OR", "\x00\x1b", "%_", "  ", "x" * 300]:
            for tab, box in (("indicators", "#ind-query"), ("projects", "#proj-query"), ("browse", "#browse-filter")):
                await app.main.action_show_tab(tab)
                app.query_one(box, Input).value = text
                await settle(pilot)
            assert app.is_running and not isinstance(app.screen, ErrorScreen)
        assert "too long" in str(app.query_one("#proj-status").render())


async def test_stale_names_are_dropped(seeded):
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"myd")
        await settle(pilot)
        pane = app.query_one(IndicatorsPane)
        before = column(app.query_one("#names"), 0)
        pane.post_message(IndicatorsPane.NamesFound("my", Filters(), []))
        await pilot.pause()
        assert column(app.query_one("#names"), 0) == before


async def test_pinyin_near_no_name_lists_none_and_says_what_to_try(seeded):
    """F3 `shoukuan` (收款) listed names one or three letters off some piece of their pinyin as 近似 (授权增长率 …)."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"shoukuan")
        await settle(pilot)
        assert app.query_one("#names").row_count == 0
        assert "试试：直接输入汉字" in str(app.query_one("#names-status").render())


async def test_names_the_filters_leave_out_say_to_try_without_them(seeded):
    """F3 `满意` with a department none holds said to try a shorter part (满意度) or another wording."""
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"满意")
        await settle(pilot)
        app.query_one(IndicatorsPane).query_one("#department", Input).focus()
        await pilot.press(*"没有这个部门")
        await settle(pilot)
        status = str(app.query_one("#names-status").render())
        assert app.query_one("#names").row_count == 0
        assert "去掉筛选再查" in status and "试试" not in status


async def test_small_terminal_stacks_the_indicator_panels(seeded):
    app = start(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        await pilot.press("f3", *"myd")
        await settle(pilot)
        assert app.query_one("#names").row_count == 14  # 15 names (服务对象满意率 too), in 14 families
        assert "≥90% ×1" in str(app.query_one("#spread-line").render())


class TreeApp(App):
    """The project tree alone, fed by the test."""

    def compose(self):
        yield ProjectTree()


async def test_tree_fills_branches_lazily_and_caps_a_year():
    from tui.widgets.project_tree import LEAF_LIMIT

    projects = [ProjectRow(i, f"项目{i}", "局", "某市", 2024, 1) for i in range(LEAF_LIMIT + 100)]
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(ProjectTree)
        tree.set_catalog([("某市", "局", 2024, len(projects))], [], projects)
        region = tree.root.children[0]
        assert str(region.label) == f"某市 {LEAF_LIMIT + 100}"
        department = region.children[0]
        assert str(department.label) == f"局 {LEAF_LIMIT + 100}" and len(department.children) == 0  # not built yet
        assert tree.reveal(LEAF_LIMIT + 50)  # beyond the cap: added on demand
        await pilot.pause()
        assert tree.cursor_node.data == LEAF_LIMIT + 50
        assert "另有 100 个项目" in str(tree.cursor_node.parent.children[LEAF_LIMIT].label)
        assert tree.filter("项目55") == 11  # 项目55 and 项目550…559
        assert not tree.reveal(1)


async def test_tree_filter_knows_departments_by_their_short_names():
    """An officer typed 人社 in Browse's filter, as in the 部门 box, and found nothing: the tree's filter tries a
    department's short and full names too."""
    rows = [
        ProjectRow(1, "就业补贴", "北京市人力资源和社会保障局", "北京市", 2026, 3),
        ProjectRow(2, "科技计划", "西安市科学技术局", "西安市", 2022, 2),
        ProjectRow(3, "科普", "西安市科技局", "西安市", 2021, 2),
        ProjectRow(4, "人社服务", "宁波市财政局", "宁波市", 2023, 1),
        ProjectRow(5, "科普活动", "北京市科学技术协会", "北京市", 2026, 1),
    ]
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(ProjectTree)
        tree.set_catalog([(p.region, p.department, p.year, 1) for p in rows], rows)
        tree.set_rows(rows)
        assert tree.filter("人社") == 2 and tree.filter("人社局") == 1 and tree.filter("科技局") == 2
        assert tree.filter("西安 科学技术") == 2 and tree.filter("北京 就业") == 1
        assert tree.filter("科技") == 2 and tree.filter("科协") == 1  # 科学技术协会 is 科协, not a 科技局


async def test_tree_filter_finds_projects_by_the_unit_carrying_them_out():
    """The 部门 box finds 福州市公安局's projects its 交通管理支队 carries out by 交警; Browse's filter found none (it
    read the department branches only). The leaf names the unit, so the user sees why it is shown."""
    rows = [
        ProjectRow(1, "城市交通设施", "福州市公安局", "福州市", 2026, 10, unit="福州市公安局交通管理支队"),
        ProjectRow(2, "办案经费", "福州市公安局", "福州市", 2026, 6, unit="福州市公安局"),
        ProjectRow(3, "医保服务站", "福州市医疗保障局", "福州市", 2026, 7),
    ]
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(ProjectTree)
        tree.set_catalog([(p.region, p.department, p.year, 1) for p in rows], rows)
        tree.set_rows(rows)
        assert tree.filter("交警") == 1 and tree.filter("交通管理支队") == 1 and tree.filter("公安局") == 2
        assert tree.filter("") == 3
        await pilot.pause()
        leaves = [str(node.label) for node in tree.root.children[0].children[0].children[0].children]
        assert leaves == ["城市交通设施 ·10项 ·实施 交通管理支队", "办案经费 ·6项"]  # (福州市公安局: its branch)


def test_a_leaf_names_the_unit_without_what_its_branches_name():
    """A tree 40 columns wide cut `·实施 福州市公安局交通管理支队` to `·实施 福州市公安`: the unit's head is the
    department or region its branches name already."""
    from tui.widgets.project_tree import _leaf

    def leaf(department, unit):
        return str(_leaf(ProjectRow(1, "经费", department, "烟台市", 2026, 6, unit=unit)))

    assert leaf("福州市公安局", "福州市公安局交通管理支队") == "经费 ·6项 ·实施 交通管理支队"
    assert leaf("烟台市民政局", "烟台市老年福利服务中心") == "经费 ·6项 ·实施 老年福利服务中心"
    assert leaf("烟台市民政局", "中国烟台SOS儿童村") == "经费 ·6项 ·实施 中国烟台SOS儿童村"
    assert leaf("烟台市民政局", "烟台市民政局") == "经费 ·6项"


async def test_tree_opens_from_its_branches_before_the_projects_are_listed():
    from tui.widgets.project_tree import LOADING

    rows = [
        ProjectRow(1, "甲项目", "财政局", "宁波市", 2023, 3),
        ProjectRow(2, "乙项目", "财政局", "宁波市", 2022, 1),
        ProjectRow(3, "丙项目", None, "广州开发区", 2023, 2),
        ProjectRow(4, "丁项目", "财政局", "宁波市", 2023, 5),
    ]
    branches = [("宁波市", "财政局", 2023, 2), ("宁波市", "财政局", 2022, 1), ("广州开发区", None, 2023, 1)]
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(ProjectTree)
        assert tree.set_catalog(branches, [rows[0], rows[3]]) is None  # the first branch: 宁波市 / 财政局 / 2023
        assert [str(n.label) for n in tree.root.children] == ["宁波市 3", "广州开发区 1"]
        assert tree.first_project == 1 and not tree.listed
        assert tree.filter("乙") is None  # applied once the projects are listed
        assert not tree.reveal(2)
        department = tree.root.children[0].children[0]
        department.expand()
        await pilot.pause()
        assert [str(n.label) for n in department.children] == ["2023 2", "2022 1"]
        department.children[1].expand()
        await pilot.pause()
        assert [str(n.label) for n in department.children[1].children] == [LOADING]
        assert tree.set_rows(rows) == 1  # the filter, now applied
        assert tree.filter("") == 4
        # each word anywhere: a region and a name, or a name copied from a PDF with spaces (found nothing before)
        assert tree.filter("宁波 丁") == 1 and tree.filter("甲 项 目") == 1 and tree.filter("广州 甲") == 0
        assert tree.filter("") == 4
        assert tree.reveal(2)
        await pilot.pause()
        assert tree.cursor_node.data == 2
        assert tree.reveal(4)
        await pilot.pause()
        assert [n.data for n in tree.cursor_node.parent.children] == [1, 4]  # in document order
        tree.set_catalog(branches, [rows[0], rows[3]])  # new data, no filter: the open branch fills in place
        year = tree.root.children[0].children[0]
        year.expand()
        year.children[1].expand()
        await pilot.pause()
        tree.set_rows(rows)
        assert [str(n.label) for n in year.children[1].children] == ["乙项目 ·1项"]


@pytest.mark.parametrize("listed_at_once", [True, False])
async def test_a_department_wide_table_is_listed_first_in_its_branch(db_path, monkeypatch, listed_at_once):
    """A department's whole goal table (部门整体) is a leaf of its department's year, before its projects and marked
    so in the tree, the card and the palette; the filter finds it by the mark too."""
    from importers.records import DEPARTMENT, RawIndicator, RawProject

    if not listed_at_once:
        monkeypatch.setattr("tui.app.LIST_AT_ONCE", 0)
    conn = connect(db_path)
    doc = make_document({"道路养护": [("养护里程", "≥120公里")], "桥梁检测": [("检测座数", "≥30座")]})
    whole = RawProject(name="市交通局2026年度整体绩效目标", kind=DEPARTMENT, amount="900", amount_unit="万元")
    whole.indicators = [RawIndicator(name="重点任务完成率", target="100%")]
    doc.projects.append(whole)  # printed after the projects, as budget books often do
    for project in doc.projects:
        project.department = "市交通局"
    store(conn, doc, "jt.txt", region="宁波市", year=2026)
    conn.close()
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.query_one(ProjectTree)
        year = tree.root.children[0].children[0].children[0]
        assert [str(n.label) for n in tree.root.children] == ["宁波市 3"]
        assert [str(n.label) for n in year.children] == [
            "市交通局2026年度整体绩效目标（部门整体） ·1项",
            "道路养护 ·1项",
            "桥梁检测 ·1项",
        ]
        card = app.query_one(ProjectCard)
        assert card.project["name"] == "市交通局2026年度整体绩效目标"  # the first leaf is the first card
        assert "（部门整体）" in str(card.query_one("#card-title").render())
        assert tree.filter("部门整体") == 1 and tree.filter("道路") == 1 and tree.filter("") == 3
        app.action_command_palette()
        await pilot.press(*"整体")
        await settle(pilot)
        palette = app.screen.query_one("CommandList")
        labels = [str(option.prompt) for option in palette.options]
        assert any("市交通局2026年度整体绩效目标（部门整体）" in label for label in labels)


async def test_a_department_wide_tables_card_shows_the_activity_of_each_indicator(db_path):
    """A 部门整体 table lists its indicators under each 活动 (大气生态环境保护 …): the card left the column out, and
    its rows ran 产出 → 效益 → 产出 again with nothing to say why."""
    from importers.records import DEPARTMENT, RawIndicator, RawProject

    conn = connect(db_path)
    doc = make_document({})
    whole = RawProject(name="市交通局整体绩效目标", kind=DEPARTMENT, department="市交通局")
    whole.indicators = [
        RawIndicator(name=name, target=target, level1=level, notes={"活动": activity})
        for activity, level, name, target in (
            ("道路养护", "产出指标", "养护里程", "≥120公里"),
            ("道路养护", "效益指标", "道路完好率", "≥95%"),
            ("桥梁检测", "产出指标", "检测座数", "≥30座"),
        )
    ]
    doc.projects = [whole]
    store(conn, doc, "jt.txt", region="宁波市", year=2026)
    conn.close()
    app = start(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(ProjectCard).query_one("#goal-table")
        assert [str(c.label) for c in table.ordered_columns][:2] == ["活动", "一级指标"]
        assert [[str(table.get_row_at(r)[c]) for c in (0, 1)] for r in range(3)] == [
            ["道路养护", "产出指标"],
            ["", "效益指标"],
            ["桥梁检测", "产出指标"],
        ]
    from typer.testing import CliRunner

    from cli.app import app as cli

    found = CliRunner().invoke(cli, ["--db", str(db_path), "search", "交通局"], env={"COLUMNS": "200"})
    assert "市交通局整体绩效目标（部门整体）" in found.stdout  # marked among projects, as the tree marks it


def test_a_department_wide_name_saying_so_is_not_marked_again():
    """A self-evaluation named `…部门整体` was listed as `…部门整体（部门整体）` (the app, `kb evaluations`)."""
    from kb.find.queries import listed_name

    assert listed_name("宁德市人民政府办公室部门整体", True) == "宁德市人民政府办公室部门整体"
    assert listed_name("市交通局2026年度整体绩效目标", True) == "市交通局2026年度整体绩效目标（部门整体）"
    assert listed_name("道路养护", False) == "道路养护"


async def test_large_knowledge_base_lists_projects_after_the_first_screen(seeded, monkeypatch):
    monkeypatch.setattr("tui.app.LIST_AT_ONCE", 0)
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.catalog.projects) == 39 and app.catalog.first
        tree = app.query_one(ProjectTree)
        assert tree.listed and app.query_one(ProjectCard).project["id"] == tree.first_project
        await pilot.click("#browse-filter")
        await pilot.press(*"乡村振兴")
        assert tree.filter("乡村振兴") == 1
        other = connect(seeded)
        store(other, make_document({"乡村振兴二期": [("服务对象满意度", "≥90%")]}), "new.txt", region="宁波市")
        other.close()
        app._tick()
        await settle(pilot)
        assert len(app.catalog.projects) == 40 and tree.listed
        assert tree.filter("乡村振兴") == 2  # the filter still applies to the new catalog


async def test_names_show_at_once_and_their_counts_after(seeded):
    from kb.find.precedents import find_names

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", *"myd")
        await settle(pilot)
        names = app.query_one("#names")
        counted = cells(names, 0)
        assert counted[1:4] == ["3", "3", "2"]
        conn = connect(seeded)
        uncounted = find_names(conn, "myd")
        conn.close()
        pane = app.query_one(IndicatorsPane)
        pane.post_message(IndicatorsPane.NamesFound("myd", Filters(), uncounted))
        await pilot.pause()
        assert cells(names, 0)[:2] == counted[:2] and cells(names, 0)[2:6] == ["…"] * 4
        pane.run_search()
        await settle(pilot)
        assert cells(names, 0) == counted


async def test_command_palette_finds_projects_by_pinyin(seeded):
    """Pinyin initials or full pinyin find a project too (issue 18), listed below the searches of what was typed."""
    from textual.command import CommandList

    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"xedk")  # 小额贷款
        await pilot.pause(0.8)
        options = app.screen.query_one(CommandList)
        labels = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert any("小额贷款公司专项" in label for label in labels), labels


@pytest.mark.parametrize("listed_at_once", [5000, 0])
async def test_the_first_card_is_read_with_the_catalog(seeded, monkeypatch, listed_at_once):
    """The first project's card comes with the catalog, so the first screen waits for no read of its own; any other
    project, and the shown one after an import elsewhere, is read again."""
    import tui.panes.browse
    from kb.find.queries import show_project

    monkeypatch.setattr("tui.app.LIST_AT_ONCE", listed_at_once)
    read: list[int] = []

    def counted(conn, project_id):
        read.append(project_id)
        return show_project(conn, project_id)

    monkeypatch.setattr(tui.panes.browse, "show_project", counted)
    app = start(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree, card = app.query_one(ProjectTree), app.query_one(ProjectCard)
        first = tree.first_project
        conn = connect(seeded)
        assert card.project == show_project(conn, first) and read == []
        other = next(pid for (pid,) in conn.execute("SELECT id FROM projects WHERE kind = 'project'") if pid != first)
        app.query_one("BrowsePane").open(other)
        await settle(pilot)
        assert card.project["id"] == other and read == [other]
        with conn:
            conn.execute("UPDATE projects SET name = name || '（调整）' WHERE id = ?", (other,))
        conn.close()
        app._tick()  # an import elsewhere: a new catalog, with the first project's card again
        await settle(pilot)
        assert card.project["id"] == other and card.project["name"].endswith("（调整）") and read == [other, other]


def test_chinese_no_name_holds_is_told_apart_from_a_match():
    """患者满意度 listed five near names (结算对象满意度 …) under '5 个匹配'; it says none holds it, and then the
    self-evaluated rows that do are counted."""
    from kb.find.precedents import NameHit
    from tui.panes.indicators import _only_near

    near, holding = (
        NameHit("结算对象满意度", ["结算对象满意度"], "fuzzy", 80.0, 3),
        NameHit("患者满意度", [], "exact", 100, 1),
    )
    assert _only_near("患者满意度", [near]) and _only_near("患者满意度", [])
    assert not _only_near("患者满意度", [near, holding]) and not _only_near("myd", [near])


def test_the_projects_tab_names_the_unit_under_the_department_without_what_the_row_shows():
    """`福州市公安局（实施 福州市公安局交通管理支队）` took five lines of the 14-cell 部门 column at 120 columns, so
    a screen showed six hits: the unit goes under the department, without the names the row shows (three lines)."""
    from tui.panes.projects import _department

    hit = {"department": "福州市公安局", "region": "福州市", "implementing_unit": "福州市公安局交通管理支队"}
    assert str(_department(hit)) == "福州市公安局\n实施 交通管理支队"
    assert str(_department({**hit, "implementing_unit": "福州市公安局本级"})) == "福州市公安局"


def test_the_project_card_names_the_unit_carrying_it_out():
    """At 80 columns Browse's tree is 23 cells wide and shows no `·实施 …`: the card names the unit under 部门."""
    from rich.console import Console

    from tui.widgets.project_card import _head

    def head(unit):
        console = Console(width=60, record=True)
        project = {"department": "福州市公安局", "region": "福州市", "year": 2026, "amount_wan": 1700}
        console.print(_head({**project, "period": None, "overview": None, "goal": None, "implementing_unit": unit}))
        return console.export_text()

    assert "\n实施单位        福州市公安局交通管理支队\n" in head("福州市公安局交通管理支队")
    assert "实施单位" not in head("福州市公安局本级")
