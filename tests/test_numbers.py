"""Every digit kept: kb.vocab.numbers.number, and the numbers of a draft and of a document through every export
format (read back) and every command that prints them."""

from __future__ import annotations

import csv
import json
import re

import pytest
from typer.testing import CliRunner

from cli.app import app
from importers.records import RawBudgetLine, RawDocument, RawEvaluationItem, RawIndicator, RawProject
from kb.drafting import drafts, export
from kb.vocab.numbers import decimals, median, number, total
from conftest import store

# value → how every face writes it (100.00 is stored as the float 100.0: see kb.vocab.numbers)
WRITTEN = {
    15812.52: "15812.52",
    1234567.5: "1234567.5",
    0.000123: "0.000123",
    1e12: "1000000000000",
    100.00: "100",
    0.0: "0",
}


@pytest.mark.parametrize(
    "value, text",
    [
        *WRITTEN.items(),
        (None, ""),
        (0, "0"),
        (2025, "2025"),
        (-0.0, "0"),
        (1e-7, "0.0000001"),
        (1.5e16, "15000000000000000"),
        (-2.5, "-2.5"),
        (1e22, "10000000000000000000000"),
    ],
)
def test_number_keeps_every_digit_without_exponent(value, text):
    assert number(value) == text
    if isinstance(value, float):
        assert float(text) == value and decimals(value) == len(text.partition(".")[2])


def test_sums_and_medians_are_of_the_values_as_written():
    assert number(total([33.3, 33.3, 33.4])) == "100" and number(total([0.1, 0.2, None])) == "0.3"
    assert number(median([0.1, 0.2])) == "0.15" and median([3.0, 1.0, 2.0]) == 2.0


def _draft(conn, value: float) -> drafts.Draft:
    d = drafts.create(conn, "数字测试", amount_wan=value, year=2025)
    return drafts.add_row(
        conn,
        d.id,
        drafts.new_row(
            "资金规模", level1="产出指标", level2="数量指标", operator="≥", value=value, unit="万元", weight=value
        ),
    )


def _shown(value: float, fmt: str) -> str:
    """A number as the spreadsheet format shows it."""
    places = len(fmt.partition(".")[2])
    return f"{value:.{places}f}"


@pytest.mark.parametrize("value", WRITTEN)
def test_every_export_format_keeps_every_digit(conn, tmp_path, value):
    text = WRITTEN[value]
    d = _draft(conn, value)
    assert d.rows[0].target == f"≥{text}万元"
    files = {fmt: export.export(d, tmp_path / f"out.{fmt}", fmt) for fmt in export.FORMATS if fmt != "yth"}

    md = files["md"].read_text("utf-8")
    assert f"| 年度资金总额（万元） | {text} |" in md and f"| ≥{text}万元 |  | {text} |" in md

    import docx

    top, table = docx.Document(files["docx"]).tables[:2]  # the head, the indicators
    head = {r.cells[1].text: r.cells[-1].text for r in top.rows}
    assert head["年度资金总额"] == text
    row = next(r for r in table.rows if r.cells[3].text == "资金规模")
    assert [c.text for c in row.cells][4:] == [f"≥{text}万元", text]

    with files["csv"].open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert (row["数值"], row["指标值"], row["分值"]) == (text, f"≥{text}万元", text)

    data = json.loads(files["json"].read_text("utf-8"))
    assert data["amount_wan"] == value and data["rows"][0]["value"] == value and data["rows"][0]["weight"] == value
    assert data["rows"][0]["target"] == f"≥{text}万元"

    import openpyxl

    ws = openpyxl.load_workbook(files["xlsx"]).active
    amount = next(row[3] for row in ws.iter_rows() if row[1].value == "年度资金总额")
    weight = next(row[5] for row in ws.iter_rows() if row[3].value == "资金规模")
    assert next(row[5].value for row in ws.iter_rows() if row[1].value == "一级指标") == "分值"
    for cell in (amount, weight):
        assert cell.value == value and _shown(cell.value, cell.number_format) == text
    assert next(row[4].value for row in ws.iter_rows() if row[3].value == "资金规模") == f"≥{text}万元"


TEXTS = ["15812.52", "1234567.5", "0.000123", "1000000000000", "100.00", "0"]


def documents_with_every_value(conn) -> list[int]:
    """Six projects, each with one of TEXTS as its amounts, weight and target of 资金规模; their ids."""
    document = store(
        conn,
        RawDocument(
            layout="test",
            projects=[
                RawProject(
                    name=f"数字项目{n}",
                    amount=t,
                    amount_unit="万元",
                    total_amount=t,
                    overview="概况",
                    indicators=[RawIndicator(name="资金规模", target=f"≥{t}万元")],
                    evaluation=[RawEvaluationItem("资金规模", weight=t)],
                    budget_lines=[RawBudgetLine("设备购置", amount=f"{t}万元")],
                )
                for n, t in enumerate(TEXTS)
            ],
        ),
    )
    return [r[0] for r in conn.execute("SELECT id FROM projects WHERE document_id = ? ORDER BY seq", (document,))]


def test_commands_print_every_digit(db_path):
    from kb.db import connect

    conn = connect(db_path)
    ids = documents_with_every_value(conn)
    _draft(conn, 1234567.5)
    conn.close()
    run = lambda *args: CliRunner().invoke(app, ["--db", str(db_path), *args], env={"COLUMNS": "200"})  # noqa: E731

    listed = run("projects")
    assert listed.exit_code == 0, listed.output
    amounts = [line.split()[-2] for line in listed.output.splitlines() if "数字项目" in line]
    assert amounts == ["15812.52", "1234567.5", "0.000123", "1000000000000", "100", "0"]
    for pid, text in zip(ids, TEXTS):
        shown = run("show", str(pid))
        assert shown.exit_code == 0, shown.output
        assert f"≥{text}万元" in shown.output  # the target as written
    draft = run("draft", "show", "数字测试")
    assert draft.exit_code == 0, draft.output
    assert "1234567.5" in draft.output and "e+" not in draft.output
    added = run("draft", "add", "数字测试", "资金规模", "--target", "≥1万元", "--level2", "经济效益")
    assert added.exit_code == 0, added.output
    assert "中位数 median 7956.26万元, 范围 range 0–1000000000000万元" in added.output


async def test_every_screen_of_the_app_shows_every_digit(db_path):
    from textual.widgets import Input

    from kb.db import connect
    from tui.app import make_app
    from tui.drafting.dialogs import RowDialog
    from tui.drafting.editor import DraftEditor
    from tui.widgets.spread import TargetSpread
    from conftest import screen_lines, workers_done

    conn = connect(db_path)
    ids = documents_with_every_value(conn)
    d = drafts.create(conn, "数字测试", amount_wan=15812.52, year=2025)
    d = drafts.apply_rows(
        conn,
        d.id,
        [
            drafts.new_row(
                "资金规模", level1="产出指标", level2="数量指标", operator="≥", value=1e12, unit="万元", weight=0.000123
            )
        ]
        + [
            drafts.new_row(f"规模{n}", level1="产出指标", level2="数量指标", operator="≥", value=v, unit="万元")
            for n, v in enumerate(WRITTEN)
        ],
    ).draft
    conn.close()
    app = make_app(db_path)
    app.animation_level = "none"
    app.db.changed = lambda: False

    async def settle(pilot):
        for _ in range(3):
            await workers_done(pilot)
            await pilot.pause()

    def shown() -> str:
        return "\n".join(screen_lines(app))

    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        for pid, text in zip(ids, TEXTS):  # the project card
            app.open_project(pid)
            await settle(pilot)
            screen = shown()
            value = number(float(text))
            for label in ("本年金额", "总金额", "设备购置"):
                assert re.search(rf"{label}(\(万元\))?\s+{re.escape(value)}\s", screen), (label, value)
            assert (f"（原文 {text}）" in screen) == (text != value)
            assert f"≥{text}万元" in screen  # the target as written
            assert f"分值合计 {value}）" in screen
            assert "e+" not in screen and "e-" not in screen

        await pilot.press("f3")  # the indicators pane
        app.query_one("#ind-query", Input).value = "资金规模"
        await settle(pilot)
        labels = [label for label, _ in app.query_one(TargetSpread).spread]
        assert labels == [
            "≥0万元",
            "≥0.000123万元",
            "≥100万元",
            "≥15812.52万元",
            "≥1234567.5万元",
            "≥1000000000000万元",
        ]
        screen = shown()
        assert "≥1000000000000万" in screen and "≥0.000123万元" in screen and "…" not in screen  # the chart
        assert "≥100.00" in screen  # the precedents, as written

        await app.open_draft(d.id)  # the draft editor
        await settle(pilot)
        editor = app.query_one(DraftEditor)
        assert app.query_one("#head-amount_wan", Input).value == "15812.52"
        values = [
            row[5].plain if hasattr(row[5], "plain") else str(row[5])
            for row in (editor.query_one("#draft-rows").get_row_at(r) for r in range(len(d.rows)))
        ]
        assert values == ["1000000000000", *WRITTEN.values()]
        screen = shown()
        assert "年度资金（万元） 15812.52" in screen and "1234567.5" in screen and "0.000123" in screen

        table = editor.query_one("#draft-rows")
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")  # the row dialog, with the precedents' values
        await settle(pilot)
        assert isinstance(app.screen, RowDialog)
        assert app.screen.query_one("#row-weight", Input).value == "0.000123"
        assert "数值 1000000000000" in str(app.screen.query_one("#row-parsed").render())
        values = str(app.screen.query_one("#row-values").render())
        assert "中位数 median 7956.26万元" in values and "范围 range 0–1000000000000万元" in values
        assert "≥1000000000000万元 ×1" in values and "≥0.000123万元 ×1" in values


async def test_a_narrow_terminal_shows_the_draft_s_funds_whole(db_path):
    """At 80 columns the head's five funding boxes in one line showed 1234.5 as `1234.`: they take two lines."""
    from kb.db import connect
    from tui.app import make_app
    from conftest import screen_lines, workers_done

    conn = connect(db_path)
    funds = {"total_wan": 3702.75, "amount_wan": 1234.5, "fiscal_wan": 1000.25, "carryover_wan": 234.25}
    d = drafts.create(conn, "资金测试", other_wan=0.125, **funds)
    conn.close()
    app = make_app(db_path)
    app.animation_level = "none"
    values = ("3702.75", "1234.5", "1000.25", "234.25", "0.125")
    async with app.run_test(size=(80, 30)) as pilot:
        await app.open_draft(d.id)
        for _ in range(50):  # the head is filled once the draft is read (a worker), drawn a moment later
            await workers_done(pilot)
            await pilot.pause(0.1)
            screen = "\n".join(screen_lines(app))
            if all(value in screen for value in values):
                break
        for value in values:
            assert value in screen, screen
