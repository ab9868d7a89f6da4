"""The `kb` command line: JSON shapes, help texts, bad inputs, and the installed entry point."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import SEEDS
from cli.app import app

runner = CliRunner()


def kb(*args, db: Path | None = None):
    argv = (["--db", str(db)] if db else []) + [str(a) for a in args]
    return runner.invoke(app, argv)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A knowledge base built from the bundled seeds on first use."""
    db = tmp_path_factory.mktemp("kb") / "kb.sqlite3"
    result = kb("stats", "--json", db=db)
    assert result.exit_code == 0, result.output
    return db


def _commands(group, prefix=()):
    """Every command path of the CLI, sub-commands included (('draft', 'new'), …)."""
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,)


COMMANDS = sorted(_commands(typer.main.get_command(app)))


def test_the_commands_users_expect_exist():
    assert {
        ("import",),
        ("search",),
        ("projects",),
        ("show",),
        ("stats",),
        ("tui",),
        ("backup",),
        ("restore",),
        ("check",),
    } <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command):
    """…Chinese first, the words click and typer write too (用法 Usage:, 选项 Options, the help option's line)."""
    result = kb(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法 Usage: ")
    assert "选项 Options:" in result.output and "显示本帮助并退出。" in result.output
    assert len(result.output.split("Options:")[0].strip().splitlines()) >= 3  # usage line and a description


def test_top_level_help_lists_commands():
    result = kb("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command[0] in result.output


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("group", [(), ("draft",), ("library",)], ids=lambda g: " ".join(("kb", *g)))
def test_help_says_each_command_whole_in_a_line(width, group):
    """`kb --help` cut every command's description with `...` (click shortens a help at a space, and Chinese has
    none), even at 140 columns, and so did `kb draft --help`: each command has a short help, Chinese first, that
    fits a line (a Chinese character takes two columns); its whole text stays in `kb COMMAND --help`."""
    import unicodedata

    result = runner.invoke(app, [*group, "--help"], terminal_width=width, env={"COLUMNS": str(width)})
    listed = result.output.split("Commands:")[1].splitlines()[1:]
    command = typer.main.get_command(app)
    for name in group:
        command = command.commands[name]
    assert len(listed) == len(command.commands)
    for line in listed:
        cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        assert "..." not in line and cells <= width, line
        assert unicodedata.east_asian_width(line.split()[1][0]) == "W", line  # Chinese first
    assert "同一文件再导入不增加任何内容" in kb("import", "--help").output


def test_version():
    from kb import __version__

    result = kb("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_first_command_builds_from_seeds(tmp_path):
    db = tmp_path / "new.sqlite3"
    result = kb("search", "满意度", "--json", db=db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["indicators"] > 10
    assert "created" in result.stderr


def test_stats_json(seeded):
    data = json.loads(kb("stats", "--json", db=seeded).stdout)
    assert data["documents"] == 5
    assert data["projects"] == 4 + 11 + 13 + 10 + 1
    assert data["indicators"] == 32 + 75 + 53 + 131 + 4
    assert {"by_region", "by_year", "by_level"} <= data.keys()


def test_projects_json_shape_and_filters(seeded):
    rows = json.loads(kb("projects", "--json", db=seeded).stdout)
    assert len(rows) == 39
    shape = {"id", "name", "department", "implementing_unit", "region", "year", "amount_wan", "source"}
    assert set(rows[0]) == shape | {"indicator_count"}
    ningbo = json.loads(kb("projects", "--json", "--region", "宁波", db=seeded).stdout)
    assert len(ningbo) == 12
    limited = json.loads(kb("projects", "--json", "--limit", "3", db=seeded).stdout)
    assert len(limited) == 3
    assert json.loads(kb("projects", "--json", "--year", "2021", db=seeded).stdout)[0]["year"] == 2021


def test_show_json_shape(seeded):
    rows = json.loads(kb("projects", "--json", db=seeded).stdout)
    pid = next(r["id"] for r in rows if r["name"] == "扶持政策涉科兑现")
    project = json.loads(kb("show", pid, "--json", db=seeded).stdout)
    assert {
        "name",
        "department",
        "region",
        "year",
        "amount_wan",
        "indicators",
        "evaluation",
        "budget_lines",
        "table_title",
    } <= set(project)
    assert project["table_title"]  # the table of a text file too, not only a PDF's pages
    ind = project["indicators"][0]
    assert set(ind) >= {
        "level1",
        "level2",
        "std_level1",
        "std_level2",
        "level_inferred",
        "name",
        "operator",
        "value",
        "unit",
        "target",
    }
    assert set(project["evaluation"][0]) >= {"name", "weight", "criteria", "source"}
    assert set(project["budget_lines"][0]) >= {"item", "amount_wan", "basis"}


def test_search_json_shape_and_limit(seeded):
    data = json.loads(kb("search", "满意", "--json", "--limit", "2", db=seeded).stdout)
    assert data["total"]["indicators"] > 2 and len(data["indicators"]) == 2
    hit = data["indicators"][0]
    assert {"name", "project", "project_id", "region", "year", "target", "std_level1"} <= set(hit)


def test_search_table_output(seeded):
    result = kb("search", "投诉", db=seeded)
    assert result.exit_code == 0, result.output
    assert "有责投诉" in result.stdout


def test_search_in_pinyin_lists_the_names_and_an_empty_filter_says_so(seeded):
    """`kb search myd` said nothing contained 'myd' (the app lists the names it spells); a search the filters
    emptied read as if nothing anywhere held the words."""
    lines = kb("search", "myd", db=seeded).stdout.splitlines()
    assert lines[0].startswith("按拼音 myd 找到这些指标名称") and "满意" in lines[1] and "没有" not in lines[0]
    assert lines[-1].startswith("查看一个名称的先例") and "kb search " in lines[-1]
    filtered = kb("search", "满意度", "--region", "没有的地方", "--year", "2025", db=seeded).stdout.replace("\n", "")
    assert filtered.startswith("在所选范围（地区 没有的地方，年度 2025）内没有包含 '满意度' 的指标或项目；去掉筛选再查")
    assert "所选范围" not in kb("search", "没有这种指标", db=seeded).stdout


def test_a_search_that_finds_nothing_near_says_what_to_try(seeded):
    """`kb search shoukuan` listed unrelated names as 近似; with none near, it says plainly what to try."""
    out = kb("search", "shoukuan", db=seeded).stdout.replace("\n", "")
    assert "近似" not in out and "试试：直接输入汉字" in out and "myd" in out
    out = kb("search", "收款单据", db=seeded).stdout.replace("\n", "")
    assert "试试：更短的一部分" in out
    assert "试试" not in kb("search", "fuwuqiyemanyiud", db=seeded).stdout  # near 服务企业满意度: said so


def test_a_search_the_filters_leave_empty_says_so_only(seeded):
    """`kb search 满意度 --region 火星` said to try without the filters, then to try a shorter part (满意度) or
    another wording: the query was right."""
    out = kb("search", "满意度", "--region", "火星", db=seeded).stdout.replace("\n", "")
    assert "去掉筛选再查" in out and "试试" not in out


@pytest.mark.parametrize(
    "command", [("search",), ("suggest",), ("library", "search"), ("draft", "new"), ("draft", "show")], ids=" ".join
)
@pytest.mark.parametrize("blank", ["", " ", "\u3000\t"])
def test_a_blank_text_argument_is_one_chinese_first_error(seeded, command, blank):
    """`kb suggest " "` printed an empty table of similar projects and `kb library search " "` 'no entry matches',
    both exit 0, where `kb search " "` said the query was empty: a blank text is an error alike everywhere."""
    result = kb(*command, blank, db=seeded)
    assert result.exit_code == 1 and result.stdout == ""
    error = result.stderr.removeprefix("kb: 错误 error: ")
    assert error.count("\n") == 1 and re.match(r"\w*(为空|需要名称)", error), error


def test_a_list_left_empty_says_why_and_what_to_do(seeded):
    """`kb projects --region 火星` printed a table of no rows, `kb evaluations --region 火星` 'import a 自评表' (there
    are some, out of the filters), `kb suggest` with nothing similar an empty table and an English-only 'give --type',
    `kb library search` in an empty library 'no entry matches': each says now, Chinese first, what to do."""
    projects = kb("projects", "--region", "火星", "--year", "2024", db=seeded)
    assert projects.exit_code == 0 and projects.stdout.replace("\n", "").startswith(
        "在所选范围（地区 火星，年度 2024）内没有项目；去掉筛选再查"
    )
    evaluations = kb("evaluations", "--region", "火星", db=seeded).stdout.replace("\n", "")
    assert evaluations.startswith("0 个自评表 no self-evaluation: kb import")  # none at all: filters are not why
    suggested = kb("suggest", "量子纠缠隐形传态", db=seeded).stdout.replace("\n", "")
    assert suggested.startswith("没有相似的已导入项目；可加 --overview") and "ID" not in suggested
    assert "未找到支出类型，请用 --type 指定其一" in suggested
    overview = kb("suggest", "量子纠缠隐形传态", "--overview", "量子态的远程传输实验", db=seeded).stdout
    overview = overview.replace("\n", "")  # given already: not advised again
    assert overview.startswith("没有相似的已导入项目（已比对名称和概况）；可用 kb search")
    assert "--overview" not in overview
    assert kb("library", "search", "满意度", db=seeded).stdout.startswith("指标库是空的，先用 kb library import")


def test_a_list_empty_with_or_without_filters_says_import_when_there_is_none_at_all(tmp_path):
    """With no project at all, `kb projects --year 2025` said to try without the filters, which listed none either:
    with none at all it says to import (with some outside the filters: test_a_list_left_empty_says_why…)."""
    from kb.db import connect

    db = tmp_path / "kb.sqlite3"
    connect(db).close()  # a base of its own, left empty
    result = kb("projects", "--year", "2025", db=db)
    assert result.exit_code == 0 and result.stdout.startswith("还没有项目：kb import"), result.stdout


def test_search_hits_written_to_a_file_an_officer_opens_in_excel(seeded, tmp_path):
    """Only --json could take a search's hits away: --out writes them to .xlsx (indicators and projects) or .csv
    (UTF-8 with a BOM for Excel), a file there left unless --force."""
    from openpyxl import load_workbook

    book = tmp_path / "满意度.xlsx"
    done = kb("search", "满意", "--limit", "3", "--out", book, db=seeded)
    assert done.exit_code == 0 and done.stdout.startswith(f"已写出 wrote {book}：3 个指标 indicators")
    assert "用 --limit 写更多" in done.stdout
    found = json.loads(kb("search", "满意", "--limit", "3", "--json", db=seeded).stdout)
    sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in load_workbook(book)}
    printed = load_workbook(book)["指标"]  # (it printed on 9 portrait pages, long names over the next cells)
    assert printed.page_setup.orientation == "landscape" and printed.page_setup.fitToWidth == 1
    assert printed["A3"].alignment.wrap_text
    assert [row[0] for row in sheets["指标"][2:]] == [hit["name"] for hit in found["indicators"]]
    assert [row[0] for row in sheets["项目"][2:]] == [hit["name"] for hit in found["projects"]]
    again = kb("search", "满意", "--out", book, db=seeded)
    assert again.exit_code == 1 and "文件已存在，未覆盖（要覆盖请加 --force" in again.stderr
    assert kb("search", "满意", "--out", book, "--force", db=seeded).exit_code == 0
    table = tmp_path / "满意度.csv"
    assert kb("search", "满意", "--limit", "100", "--out", table, db=seeded).exit_code == 0
    text = table.read_bytes()
    assert text.startswith("\ufeff指标名称,指标值".encode("utf-8")) and len(text.decode("utf-8-sig").splitlines()) > 3
    assert kb("search", "满意", "--out", tmp_path / "x.pdf", db=seeded).exit_code == 1
    everything = tmp_path / "全部.xlsx"  # unless --limit, a file holds every hit up to OUT_LIMIT, not a page of 20
    assert kb("search", "满意", "--out", everything, db=seeded).exit_code == 0
    assert (
        load_workbook(everything)["指标"].max_row - 2
        == json.loads(kb("search", "满意", "--json", db=seeded).stdout)["total"]["indicators"]
    )
    from cli.base import OUT_LIMIT
    from kb.find.hits_file import OUT_LIMIT as WRITTEN

    assert OUT_LIMIT == WRITTEN
    empty = kb("search", "没有这个指标", "--out", tmp_path / "空.xlsx", db=seeded)  # sent on: nobody set it
    assert empty.exit_code == 1 and "未写出 空.xlsx" in empty.stderr and not (tmp_path / "空.xlsx").exists()
    spelt = kb("search", "myd", "--out", tmp_path / "myd.xlsx", db=seeded)  # the app lists the names 'myd' spells
    assert spelt.exit_code == 1 and "请用中文名称查，如 服务企业满意度" in spelt.stderr, spelt.stderr
    for unheeded in (["--force"], ["--json", "--out", tmp_path / "y.csv"]):  # refused, not passed over
        refused = kb("search", "满意", *unheeded, db=seeded)
        assert refused.exit_code == 1 and refused.stderr.startswith("kb: 错误 error: --"), refused.stderr
    again = json.loads(kb("import", book, table, "--json", db=tmp_path / "other.sqlite3").stdout)
    assert [r["status"] for r in again] == ["failed", "failed"]  # copies of the base's indicators: not goal tables
    assert all(r["message"].startswith("这是 jixiao-kb 写出的检索结果") for r in again)


def test_search_level_filter(seeded):
    data = json.loads(kb("search", "率", "--level", "满意度", "--json", "--limit", "500", db=seeded).stdout)
    assert data["indicators"] and all(i["std_level1"] == "满意度指标" for i in data["indicators"])
    said = json.loads(kb("search", "率", "--level", "满意", "--json", "--limit", "500", db=seeded).stdout)
    assert said["indicators"] == data["indicators"]  # 满意, as officers say it, was refused


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "AND", "OR", "(满意", "满意)", "\x07满意", "满" * 200, "'"])
def test_hostile_queries(seeded, query):
    result = kb("search", query, "--json", db=seeded)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


@pytest.mark.parametrize("query", ["", "   ", "满" * 10000])
def test_unusable_queries_one_line(seeded, query):
    result = kb("search", query, db=seeded)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kb: 错误 error:")
    assert "Traceback" not in result.output


def test_show_unknown_id(seeded):
    result = kb("show", "999999", db=seeded)
    assert result.exit_code == 1 and "no project with id" in result.stderr


def test_import_missing_path(tmp_path):
    result = kb("import", tmp_path / "nope", db=tmp_path / "kb.sqlite3")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_import_directory_without_documents(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.jpg").write_bytes(b"\xff\xd8")
    result = kb("import", tmp_path / "empty", db=tmp_path / "kb.sqlite3")
    assert result.exit_code == 1 and "no documents found" in result.stderr


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b"\x00" * 4096])
def test_database_not_sqlite_untouched(tmp_path, content):
    db = tmp_path / "kb.sqlite3"
    db.write_bytes(content)
    result = kb("stats", db=db)
    assert result.exit_code == 1 and "not a SQLite database" in result.stderr
    assert db.read_bytes() == content


def test_database_from_newer_version(tmp_path):
    import sqlite3

    db = tmp_path / "kb.sqlite3"
    kb("stats", db=db)
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    result = kb("search", "满意", db=db)
    assert result.exit_code == 1 and "newer jixiao-kb" in result.stderr


def test_import_is_idempotent_and_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "kb.sqlite3"
    dry = kb("import", SEEDS, "--dry-run", "--json", db=db)
    assert dry.exit_code == 0, dry.output
    assert {r["status"] for r in json.loads(dry.stdout)} == {"would import"}
    assert json.loads(kb("stats", "--json", db=db).stdout)["documents"] == 0
    first = json.loads(kb("import", SEEDS, "--json", db=db).stdout)
    assert [r["status"] for r in first] == ["imported"] * 5
    again = json.loads(kb("import", SEEDS, "--json", db=db).stdout)
    assert [r["status"] for r in again] == ["unchanged"] * 5
    assert json.loads(kb("stats", "--json", db=db).stdout)["indicators"] == 295


def test_an_import_into_a_log_says_each_file_as_it_is_done(tmp_path):
    """Without a terminal for its bar (`kb import … 2>&1 | tee log`, a scheduled job) an import said nothing until
    its end, and nothing of what it had stored when interrupted: one line per file now, on stderr, as each is done."""
    done = kb("import", SEEDS, db=tmp_path / "kb.sqlite3")
    assert done.exit_code == 0, done.output
    lines = done.stderr.splitlines()
    assert [line.split(" · ")[0] for line in lines] == [f"{n}/5 个文件 files" for n in range(1, 6)]
    assert all(" · 已导入 imported  " in line and line.endswith(".txt") for line in lines)


def test_installed_entry_point(tmp_path):
    """The console script and `python -m kb` run in a fresh process."""
    env = {**os.environ, "KB_DB": str(tmp_path / "kb.sqlite3")}
    exe = Path(sys.executable).with_name("kb")
    for command in [[sys.executable, "-m", "kb"]] + ([[str(exe)]] if exe.exists() else []):
        out = subprocess.run(
            [*command, "search", "及时", "--json"], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["total"]["indicators"] > 0
    if exe.exists():
        out = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and "jixiao-kb" in out.stdout


def test_importing_kb_does_not_load_textual():
    code = "import sys, kb, cli.app, kb.find.search, kb.find.queries, kb.db; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_kb_alone_on_a_terminal_opens_the_app(tmp_path, monkeypatch):
    """`kb` with no command on a terminal runs the TUI on the chosen database; piped, it prints help."""
    import tui.app

    opened = []
    monkeypatch.setattr(tui.app, "run", lambda path: opened.append(path))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    db = tmp_path / "kb.sqlite3"
    with pytest.raises(SystemExit) as done:
        app(["--db", str(db)], prog_name="kb")
    assert done.value.code in (0, None)
    assert opened == [db]


def test_show_prints_the_scoring_criteria(seeded):
    """What --json has, the table shows: each evaluation item's 评分标准."""
    project = kb("projects", "--json", db=seeded)
    ids = [p["id"] for p in json.loads(project.stdout)]
    with_items = next(i for i in ids if json.loads(kb("show", str(i), "--json", db=seeded).stdout)["evaluation"])
    out = runner.invoke(app, ["--db", str(seeded), "show", str(with_items)], env={"COLUMNS": "200"}).stdout
    assert "评分标准" in out and "得1分" in out


def test_show_prints_what_else_the_head_gives(seeded):
    """What --json has, the card shows: the head's other fields as written (the shares of the money, …)."""
    ids = [p["id"] for p in json.loads(kb("projects", "--json", db=seeded).stdout)]
    pid, fields = next(
        (i, f) for i in ids if (f := json.loads(kb("show", str(i), "--json", db=seeded).stdout)["fields"])
    )
    out = runner.invoke(app, ["--db", str(seeded), "show", str(pid)], env={"COLUMNS": "200"}).stdout
    label, value = next((k, v) for k, v in fields.items() if v)
    assert any(line.startswith(label) and value.split()[0] in line for line in out.splitlines())


def test_one_files_failure_is_one_line_naming_it(tmp_path):
    """One file that cannot be imported was shown as a table (文件 | 状态 | 原因) wrapped over 2–12 lines at 80
    columns; now one line, as the README promises: its status, the file, the reason. Several keep the table."""
    import docx

    empty = tmp_path / "空白申报表.docx"
    docx.Document().save(empty)
    db = tmp_path / "kb.sqlite3"
    one = runner.invoke(app, ["--db", str(db), "import", str(empty)], env={"COLUMNS": "80"})
    assert one.exit_code == 1, one.output
    assert one.stderr.strip().splitlines() == [f"失败 failed  {empty}：空文件 empty file"]
    (tmp_path / "空.csv").write_bytes(b"\xef\xbb\xbf")
    several = runner.invoke(app, ["--db", str(db), "import", str(tmp_path)], env={"COLUMNS": "80"})
    assert several.exit_code == 1 and "文件 file" in several.stderr and "状态 status" in several.stderr


def test_a_file_named_on_the_command_line_and_skipped_exits_non_zero(tmp_path):
    """Skipped files of a folder are expected (its notes, its other tables); a file asked for by name that is no goal
    document is a failed request: exit 1 and the reason on stderr."""
    junk = tmp_path / "说明.txt"
    junk.write_text("这是一份会议纪要，与预算无关。\n", "utf-8")
    db = str(tmp_path / "kb.sqlite3")
    named = CliRunner().invoke(app, ["--db", db, "import", str(junk)])
    assert named.exit_code == 1 and "不是绩效目标文件" in named.stderr, named.output
    folder = CliRunner().invoke(app, ["--db", db, "import", str(tmp_path)])
    assert folder.exit_code == 0, folder.output


def test_near_names_beside_hits_come_below_them_not_as_did_you_mean():
    """`kb search 居家养老` found its one indicator, and above it said 你要找的是不是 城乡居民养老保险… (did you mean),
    as if the hit were a mistake: near names beside hits are listed below them as 相近的名称."""
    from types import SimpleNamespace

    from rich.console import Console

    from cli.render import search_result

    hit = {"name": "补助居家养老服务中心站点数", "target": "≥400个", "std_level1": "产出指标", "std_level2": "数量指标"}
    hit |= {"level_inferred": False, "project": "养老事业发展资金", "project_id": 7, "region": "福州市", "year": 2026}
    hit |= {"department": "福州市民政局", "implementing_unit": None}
    near = {"name": "城乡居民养老保险待遇发放", "match": "fuzzy", "uses": 1, "variants": []}
    result = SimpleNamespace(
        query="居家养老", indicators=[hit], indicator_total=1, projects=[], project_total=0, evaluated=[],
        evaluated_total=0, suggestions=[near],
    )  # fmt: skip
    console = Console(width=200, record=True)
    search_result(console, result)
    lines = console.export_text().splitlines()
    assert lines[0].startswith("指标 indicators: 1 contain '居家养老'") and "did you mean" not in console.export_text()
    assert lines[-1].startswith("相近的名称 similar names: 城乡居民养老保险待遇发放（近似 near，1 次 uses）")


def test_a_blank_filter_is_no_filter_and_spaces_around_a_name_are_dropped(seeded, capsys):
    """`--region " "` (an empty variable in a script) filtered on a space and found nothing; `--region " 威海 "`
    on the spaces too. A blank filter is no filter, and a name's spaces around it are dropped, in every list and
    in both ways `kb search` runs (cli.entry without typer, and typer)."""
    from cli import entry

    def out(*args) -> list | dict:
        result = kb(*args, "--json", db=seeded)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert out("projects", "--region", " ") == out("projects") == out("projects", "--department", "\u3000")
    assert out("projects", "--region", " 威海 ") == out("projects", "--region", "威海") != []
    assert out("evaluations", "--region", " ") == out("evaluations")
    assert out("search", "满意度", "--region", " ") == out("search", "满意度")
    assert entry.run(seeded, "满意度", " 威海 ", None, None, 20, True) == 0
    assert json.loads(capsys.readouterr().out) == out("search", "满意度", "--region", "威海")


def test_output_to_a_file_or_pipe_keeps_each_row_on_one_line(seeded):
    """Not to a terminal (`kb search 满意度 > 结果.txt`, `| grep 威海`), a row wrapped at Rich's 80 columns split its
    project's name and region over lines, so grep found half a row. Without $COLUMNS each row is one line now; with
    it, its width is kept."""
    piped = runner.invoke(app, ["--db", str(seeded), "search", "满意度"], env={"COLUMNS": ""}).stdout
    rows = [line for line in piped.splitlines() if "#34" in line]
    assert len(rows) == 1 and "加快新旧动能转换扶持企业发展专项资金 #34" in rows[0] and "威海经济技术开发区" in rows[0]
    narrow = runner.invoke(app, ["--db", str(seeded), "search", "满意度"], env={"COLUMNS": "80"}).stdout
    assert max(map(len, narrow.splitlines())) <= 80


def test_search_level_filter_takes_the_level_as_the_tables_print_it(seeded):
    """Every table prints a row's level as 产出·质量 or 效益·社会: given back to --level, it was refused
    ('没有这个层级')."""
    for printed, level2 in (("产出·质量", "质量指标"), ("效益·社会", "社会效益指标"), ("产出・时效", "时效指标")):
        done = kb("search", "率", "--level", printed, "--json", "--limit", "500", db=seeded)
        assert done.exit_code == 0, done.stderr
        found = json.loads(done.stdout)["indicators"]
        as_word = json.loads(kb("search", "率", "--level", level2, "--json", "--limit", "500", db=seeded).stdout)
        assert found and found == as_word["indicators"] and all(i["std_level2"] == level2 for i in found)
    refused = kb("search", "率", "--level", "产出·满意", db=seeded)
    assert refused.exit_code == 1 and "没有这个层级" in refused.stderr


def test_search_by_a_department_given_as_region_says_it_is_one(seeded, tmp_path):
    """An officer comparing what 公安局 set gave --region 北京市公安局: nothing, and 'try without the filters'; the
    filter names departments (and no region), which --department finds."""
    said = runner.invoke(app, ["--db", str(seeded), "search", "满意", "--region", "科学技术局"], env={"COLUMNS": "300"})
    assert said.exit_code == 0 and "在所选范围（地区 科学技术局）内没有" in said.stdout  # (one line each, at 300)
    assert "提示：科学技术局 是部门名，不是地区：宁波市奉化区科学技术局（宁波市奉化区）" in said.stdout
    assert "按部门查用 --department 科学技术局（地区用 --region 宁波市奉化区）" in said.stdout
    found = json.loads(kb("search", "企业", "--department", "科学技术局", "--json", db=seeded).stdout)
    assert [i["department"] for i in found["indicators"]] == ["宁波市奉化区科学技术局"] * 4
    assert [p["name"] for p in found["projects"]] == ["扶持政策涉科兑现"]
    everywhere = json.loads(kb("search", "企业", "--json", db=seeded).stdout)
    assert everywhere["total"]["projects"] > 1
    none = kb("search", "满意", "--department", "没有这个部门", db=seeded)
    assert none.exit_code == 0 and "在所选范围（部门 没有这个部门）内没有" in none.stdout
    from openpyxl import load_workbook

    book = tmp_path / "科技局.xlsx"
    assert kb("search", "企业", "--department", "科学技术局", "--out", book, db=seeded).exit_code == 0
    assert load_workbook(book)["指标"]["C1"].value == "部门 科学技术局"  # the filters atop the sheet
    assert "是部门名" not in kb("search", "满意", "--region", "没有这个地区", db=seeded).stdout
    assert "是部门名" not in kb("search", "没有这个指标", "--region", "宁波", db=seeded).stdout  # 宁波 is a region


@pytest.mark.parametrize(("name", "said"), [("纪要.pdf", "不是 PDF"), ("纪要.docx", "不是 Word/WPS 文档")])
def test_text_under_a_pdf_or_word_name_holding_no_goal_table_is_said_to_be_none(tmp_path, name, said):
    """A text file named .pdf was read as text and skipped as 不是绩效目标文件 (true, not that it is no PDF): said as
    bytes of no format under such a name are (扩展名是 .pdf，但内容不是 PDF…), a failure, exit 1. A text under a
    sheet's name (report systems export so) and a .txt are skipped as before."""
    for file in (name, "导出.xls", "纪要.txt"):
        (tmp_path / file).write_text("会议纪要\n今天讨论了一些事情。\n", encoding="utf-8")
    result = kb("import", tmp_path / name, db=tmp_path / "kb.sqlite3")
    assert result.exit_code == 1
    assert f"失败 failed  {tmp_path / name}：扩展名是 {Path(name).suffix}，但内容{said}" in result.output
    for file in ("导出.xls", "纪要.txt"):
        result = kb("import", tmp_path / file, db=tmp_path / "kb.sqlite3")
        assert "已跳过 skipped" in result.output and "不是绩效目标文件" in result.output
