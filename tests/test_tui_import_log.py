"""The app's import log (issue 18): every file of the last import with its result and reason, shown until
dismissed when something was not imported, reopened from the palette, saved as `kb import --report` writes."""

from __future__ import annotations

from pathlib import Path

from kb.ingest.run import FileResult
from tui.app import make_app
from tui.screens.import_log import ImportLogScreen
from tui.widgets.import_status import ImportDone
from conftest import workers_done


async def test_a_failed_import_leaves_its_log_open_and_saves_the_report(seeded, tmp_path):
    app = make_app(seeded)
    app.db.changed = lambda: False
    results = [
        FileResult(Path("/d/ok.txt"), "imported", "", "form-kv", 4, 32),
        FileResult(Path("/d/bad.txt"), "failed", "不是能读的目标表 layout unknown"),
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(pilot)
        await app.main.ready()  # (the hidden tabs mounted: a test ending during their mount fails in it)
        app.post_message(ImportDone(results))
        await pilot.pause()
        assert isinstance(app.screen, ImportLogScreen)
        table = app.screen.query_one("#import-log-table")
        assert [table.get_row_at(n)[1] for n in range(table.row_count)] == ["失败 failed", "已导入 imported"]
        await pilot.press("s")
        box = app.focused
        assert box.id == "import-log-path"
        box.value = str(tmp_path / "报告.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "/d/bad.txt | 失败 failed | 不是能读的目标表 layout unknown" in (tmp_path / "报告.md").read_text("utf-8")
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportLogScreen)
        app.action_import_log()  # the palette's 导入记录
        await pilot.pause()
        assert isinstance(app.screen, ImportLogScreen)


async def test_an_import_without_trouble_only_says_so(seeded):
    app = make_app(seeded)
    app.db.changed = lambda: False
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(pilot)
        await app.main.ready()  # (the hidden tabs mounted: a test ending during their mount fails in it)
        app.action_import_log()
        await pilot.pause()
        assert any("no import yet" in n.message for n in app._notifications)
        app.post_message(ImportDone([FileResult(Path("/d/ok.txt"), "imported", "", "form-kv", 4, 32)]))
        await pilot.pause()
        assert not isinstance(app.screen, ImportLogScreen)
        assert any("导入 1 imported" in n.message for n in app._notifications)


async def test_the_highlighted_files_whole_reason_is_shown_on_a_narrow_terminal(seeded):
    """At 80 columns the table cut the reason after a few words (不是绩效目标文件（文中): the highlighted file's
    path, result and reason are written out below it, wrapped."""
    app = make_app(seeded)
    app.db.changed = lambda: False
    reason = "不是绩效目标文件（文中没有“绩效”或“指标”） not a goal document (no 绩效 or 指标 in it)"
    path = Path("/home/officer/下载/2026年预算公开/某某区民政局/附件3 项目支出绩效目标表（修订）.xlsx")
    results = [FileResult(Path("/d/ok.txt"), "imported", "", "form-kv", 4, 32), FileResult(path, "skipped", reason)]
    async with app.run_test(size=(80, 24)) as pilot:
        await workers_done(pilot)
        await app.main.ready()  # (the hidden tabs mounted: a test ending during their mount fails in it)
        app.post_message(ImportDone(results))
        await pilot.pause()
        assert isinstance(app.screen, ImportLogScreen)
        detail = app.screen.query_one("#import-log-detail")
        text = "".join(line.rstrip() for line in str(detail.render()).splitlines())
        assert str(path) in text and reason.replace(" ", "") in text.replace(" ", "")
        assert detail.region.height >= 3 and detail.region.right <= 80
        await pilot.press("down")
        assert "4 个项目 projects" in str(detail.render())
