"""A published document never drives the officer's terminal: control characters in document text and file
names are shown escaped in every face (kb.vocab.text.shown), Rich and Textual markup in them is text, and the
knowledge base keeps them as written."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from kb.db import connect
from kb.errors import KbError
from kb.vocab.text import path_text, shown
from conftest import SEEDS

TITLE, CLEAR, CLIPBOARD, COLOUR, RLO = (
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b[38;5;199m",
    "\u202e",
)
MARKUP = "[red]x[/][@click=app.quit]y[/]"
HOSTILE = TITLE + CLEAR + CLIPBOARD + COLOUR + RLO + "\x9b" + MARKUP
ESCAPED = shown(HOSTILE)
RAW = ("\x1b", "\x07", "\x9b", RLO)


def test_each_sequence_is_shown_escaped():
    assert shown(TITLE) == "\\x1b]0;PWNED\\x07" and shown(CLEAR) == "\\x1b[2J"
    assert shown(CLIPBOARD) == "\\x1b]52;c;cHduZWQ=\\x07" and shown(COLOUR) == "\\x1b[38;5;199m"
    assert shown("a\u202egpj.exe") == "a\\u202egpj.exe" and shown("\x9b\x7f\x00\r") == "\\x9b\\x7f\\x00\\x0d"
    assert shown("第一行\n\t第二行") == "第一行\\x0a\\x09第二行"
    assert shown("第一行\n\t第二行", lines=True) == "第一行\n\t第二行"
    assert shown("预算执行率 ≥90% 《办法》[2018]") == "预算执行率 ≥90% 《办法》[2018]"
    name = os.fsdecode("绩效目标.txt".encode("gbk"))  # b'\xbc\xa8\xd0\xa7\xc4\xbf\xb1\xea.txt': 'Ч', 'Ŀ' are UTF-8
    assert path_text(name) == shown(name) == "\\xbc\\xa8ЧĿ\\xb1\\xea.txt"
    assert path_text(f"a{TITLE}.txt") == f"a{TITLE}.txt"  # stored as written


def hostile_document(folder: Path) -> Path:
    """A sample document whose project name, goal and an indicator name carry HOSTILE, under a name that does."""
    text = next(SEEDS.glob("000_*.txt")).read_text("utf-8")
    text = text.replace("“政银保”贷款保证保险补贴\t", f"补贴{HOSTILE}\t", 1).replace(
        "预算执行率", f"执行率{HOSTILE}", 1
    )
    text = text.replace("通过项目工作的开展", f"目标{HOSTILE}", 1)
    folder.mkdir(exist_ok=True)
    path = folder / f"文件{HOSTILE.replace('/', '')}.txt"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def hostile(tmp_path) -> Path:
    """A knowledge base holding the hostile document."""
    from kb.ingest.run import import_paths

    db = tmp_path / "kb.sqlite3"
    conn = connect(db)
    assert [r.status for r in import_paths(conn, [hostile_document(tmp_path / "docs")])] == ["imported"]
    conn.close()
    return db


def run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "400"})


def assert_safe(output: str) -> None:
    assert not [c for c in RAW if c in output], output


@pytest.mark.parametrize("more", [[], ["--dry-run"], ["--json"]])
def test_import_shows_the_file_name_escaped(tmp_path, more):
    result = run(tmp_path / "kb.sqlite3", "import", str(hostile_document(tmp_path / "docs")), *more)
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    if more == ["--json"]:
        assert json.loads(result.output)[0]["path"].endswith(f"文件{HOSTILE.replace('/', '')}.txt")
    else:
        assert f"文件{shown(HOSTILE.replace('/', ''))}.txt" in result.output.replace("\n", "")


def test_the_knowledge_base_keeps_the_text_as_written(hostile):
    conn = connect(hostile)
    name, goal, file_name = conn.execute(
        "SELECT p.name, p.goal, d.file_name FROM projects p JOIN documents d ON d.id = p.document_id "
        "WHERE p.name LIKE '补贴%'"
    ).fetchone()
    assert name == f"补贴{HOSTILE}" and goal.startswith(f"目标{HOSTILE}") and HOSTILE.replace("/", "") in file_name
    assert (
        conn.execute(
            "SELECT count(*) FROM indicators i JOIN indicator_names n ON n.id = i.name_id WHERE n.name = ?",
            (f"执行率{HOSTILE}",),
        ).fetchone()[0]
        == 1
    )
    conn.close()


@pytest.mark.parametrize(
    "args",
    [
        ["projects"],
        ["search", "补贴"],
        ["search", "执行率"],
        ["show", "1"],
        ["lint", "--project", "1"],
        ["suggest", "补贴"],
    ],
)
def test_every_command_shows_the_sequences_escaped_and_markup_as_text(hostile, args):
    result = run(hostile, *args)
    assert result.exit_code == (1 if args[0] == "lint" else 0), result.output  # lint: the table has errors
    assert_safe(result.output)
    assert ESCAPED in result.output.replace("\n", "").replace(" ", "") or "补贴" not in result.output


def test_the_card_shows_every_hostile_field_escaped(hostile):
    out = run(hostile, "show", "1").output
    flat = "".join(line.strip() for line in out.splitlines())
    assert f"补贴{ESCAPED}" in flat and f"执行率{ESCAPED}" in flat and f"目标{ESCAPED}" in flat
    assert "[red]x[/][@click=app.quit]y[/]" in flat  # markup is text


def test_json_keeps_the_text_exact_and_escapes_what_json_leaves_raw(hostile):
    result = run(hostile, "show", "1", "--json")
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    assert "\\u001b]0;PWNED\\u0007" in result.output and "\\u202e" in result.output and "\\u009b" in result.output
    assert json.loads(result.output)["name"] == f"补贴{HOSTILE}"


def test_a_draft_from_a_hostile_project_is_shown_escaped(hostile):
    assert run(hostile, "draft", "new", "草稿").exit_code == 0
    applied = run(hostile, "draft", "apply", "草稿", "--project", "1", "--only", f"执行率{HOSTILE}", "--only", "2")
    assert applied.exit_code == 0, applied.output
    shown_draft = run(hostile, "draft", "show", "草稿")
    for result in (applied, shown_draft, run(hostile, "lint", "--all")):
        assert_safe(result.output)
    assert f"执行率{ESCAPED}" in "".join(line.strip() for line in shown_draft.output.splitlines())


def test_a_draft_from_a_hostile_project_exports_in_every_format(hostile, tmp_path):
    """.xlsx and .docx refuse control characters (XML), .md and .csv would carry them to a terminal: each holds the
    text as shown; JSON keeps it exact."""
    import docx
    import openpyxl

    from kb.drafting import drafts, export
    from kb.drafting.suggest import project_rows

    conn = connect(hostile)
    draft = drafts.create(conn, "草稿", goal=f"概况{HOSTILE}")
    draft = drafts.apply_rows(conn, draft.id, project_rows(conn, 1, [f"执行率{HOSTILE}"])).draft
    draft = drafts.update_row(conn, draft.id, draft.rows[0].id, explanation=f"解释{HOSTILE}", scoring="得满分")
    conn.close()
    with pytest.raises(KbError) as refused:  # the name is over the 一体化 sheet's 30 characters
        export.export(draft, tmp_path / "yth.xlsx", "yth")
    assert r"\x1b" in shown(refused.value.details[0]) and not (tmp_path / "yth.xlsx").exists()
    draft = dataclasses.replace(draft, rows=[dataclasses.replace(draft.rows[0], name="执行率")])
    yth = [
        c
        for r in openpyxl.load_workbook(export.export(draft, tmp_path, "yth")).active.iter_rows(values_only=True)
        for c in r
    ]
    assert f"解释{shown(HOSTILE, lines=True)}" in yth
    draft = dataclasses.replace(draft, rows=[dataclasses.replace(draft.rows[0], name=f"执行率{HOSTILE}")])
    files = {fmt: export.export(draft, tmp_path / f"out.{fmt}", fmt) for fmt in export.FORMATS if fmt != "yth"}
    written = f"执行率{shown(HOSTILE, lines=True)}"
    cells = [c for row in openpyxl.load_workbook(files["xlsx"]).active.iter_rows(values_only=True) for c in row]
    assert written in cells and f"概况{shown(HOSTILE, lines=True)}" in cells
    document = docx.Document(files["docx"])
    assert written in [c.text for table in document.tables for row in table.rows for c in row.cells]
    for fmt in ("md", "csv"):
        text = files[fmt].read_text("utf-8-sig")
        assert_safe(text)
        assert "\\x1b" in text and "PWNED" in text  # shown (Markdown escapes its backslashes and brackets)
    assert json.loads(files["json"].read_text("utf-8"))["rows"][0]["name"] == f"执行率{HOSTILE}"


def test_an_error_quoting_a_file_name_is_shown_escaped(tmp_path):
    result = run(tmp_path / "kb.sqlite3", "import", str(tmp_path / f"无{TITLE}"))
    assert result.exit_code == 1 and "\\x1b]0;PWNED\\x07" in result.output
    assert_safe(result.output)


def test_the_lean_search_path_shows_the_sequences_escaped(hostile):
    """`kb search` without typer (cli.entry), in a real process, tables and JSON."""
    env = {**os.environ, "COLUMNS": "400"}
    for more in ([], ["--json"]):
        out = subprocess.run(
            [sys.executable, "-m", "kb", "--db", str(hostile), "search", "补贴", *more],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        text = out.stdout.decode("utf-8")
        assert_safe(text)
        assert (ESCAPED if not more else "\\u001b]0;PWNED\\u0007") in text.replace("\n", "").replace(" ", "")


PAYLOADS = (TITLE[:-1], CLEAR, CLIPBOARD[:-1], COLOUR, RLO, "\x9b")


async def test_every_screen_of_the_app_shows_the_sequences_escaped(tmp_path):
    """The app over the hostile document (a region that carries HOSTILE too): every tab, the card and its
    source, a draft made from it with its row dialog and sources, an import and its notices — nothing the app
    writes to the terminal carries a sequence from the document, and its markup shows as text."""
    from textual.widgets import Input

    from kb.drafting import drafts
    from kb.ingest.run import import_paths
    from kb.ingest.write import Fallbacks
    from tui.app import make_app
    from tui.drafting.dialogs import RowDialog
    from tui.drafting.editor import DraftEditor
    from tui.drafting.sources import AddIndicatorDialog, SimilarDialog
    from tui.screens.source import SourceScreen
    from conftest import screen_lines, terminal_output, workers_done

    db = tmp_path / "kb.sqlite3"
    conn = connect(db)
    import_paths(conn, [hostile_document(tmp_path / "docs")], Fallbacks(region=f"威海{HOSTILE}"))
    pid = conn.execute("SELECT id FROM projects WHERE name LIKE '补贴%'").fetchone()[0]
    draft = drafts.create(conn, "草稿", overview=f"补贴{HOSTILE}")
    from kb.drafting.suggest import project_rows

    drafts.apply_rows(conn, draft.id, project_rows(conn, pid, [f"执行率{HOSTILE}", "2"]))
    conn.close()
    app = make_app(db)
    app.animation_level = "none"
    app.db.changed = lambda: False
    seen: list[str] = []

    async def settle(pilot):
        for _ in range(3):
            await workers_done(pilot)
            await pilot.pause()

    async def look(pilot, where: str) -> str:
        await settle(pilot)
        out = terminal_output(app)
        assert not [p for p in PAYLOADS if p in out], where
        screen = "\n".join(screen_lines(app))
        assert "\\x1b]0;PWNED\\x07" in screen, where  # shown, escaped
        seen.append(where)
        return screen

    async with app.run_test(size=(200, 50)) as pilot:
        screen = await look(pilot, "tree")
        app.open_project(pid)
        screen = await look(pilot, "card")
        assert "[red]x[/][@click=app.quit]y[/]" in screen  # markup is text
        await pilot.press("c")  # copy a goal-table row: its notice
        await look(pilot, "copied")
        await pilot.press("s")
        assert isinstance(app.screen, SourceScreen)
        await look(pilot, "source")
        await pilot.press("escape")

        await pilot.press("f3")
        app.query_one("#ind-query", Input).value = "执行率"
        await look(pilot, "indicators")
        await pilot.press("f4")
        app.query_one("#proj-query", Input).value = "补贴"
        await look(pilot, "projects")

        await pilot.press("ctrl+p", *"补贴")  # the command palette: go to the project
        for _ in range(400):  # until its search has shown the project (up to 20 s on a loaded machine)
            if "转到项目" in "".join(screen_lines(app)):
                break
            await pilot.pause(0.05)
        await look(pilot, "palette")
        await pilot.press("escape")

        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("enter")
        await look(pilot, "draft editor")
        editor = app.query_one(DraftEditor)
        table = editor.query_one("#draft-rows")
        table.focus()
        table.move_cursor(row=next(n for n, r in enumerate(editor.draft.rows) if r.name.startswith("执行率")))
        await pilot.press("enter")
        assert isinstance(app.screen, RowDialog)
        await look(pilot, "row dialog")
        await pilot.press("ctrl+s")  # saved untouched: the name is kept as written
        await settle(pilot)
        assert any(r.name == f"执行率{HOSTILE}" for r in editor.draft.rows)
        await pilot.press("a")
        assert isinstance(app.screen, AddIndicatorDialog)
        await pilot.press(*"执行率")
        await look(pilot, "add dialog")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SimilarDialog)
        await look(pilot, "similar dialog")
        await pilot.press("escape")

        app.start_import([tmp_path / "docs"])
        await look(pilot, "import")
    assert len(seen) == 12


def test_stored_times_show_in_local_time(monkeypatch):
    import time

    from kb.vocab.text import local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time("2026-12-02T14:14:57+00:00") == "2026-12-02 22:14"
        assert local_time(None) == "" and local_time("yesterday") == "yesterday"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
