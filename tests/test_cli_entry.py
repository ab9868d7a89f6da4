"""cli.entry, the console script: `kb search` without typer gives exactly what the typer app gives, and really
skips typer for the usual forms; everything else is the typer app's."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import cli.app
from cli import entry
from cli.base import SEARCH_LIMIT, open_kb
from kb.schema import SCHEMA_VERSION

TYPER_MAIN = cli.app.main  # the typer face, as the console script runs it (a test below counts its calls)


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    """A folder with a seeded knowledge base and broken ones beside it."""
    folder = tmp_path_factory.mktemp("entry")
    db = folder / "kb.sqlite3"
    open_kb(db).close()
    (folder / "text.sqlite3").write_text("not a database", "utf-8")
    newer = folder / "newer.sqlite3"
    shutil.copy(db, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'indicator_names'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    damaged = bytearray(db.read_bytes())
    damaged[(root - 1) * page_size] = 0xFF  # not a b-tree page type: opens, then the search fails
    (folder / "damaged.sqlite3").write_bytes(bytes(damaged))
    (folder / "folder.sqlite3").mkdir()
    return folder


ANSWERS = [  # run without typer (file names are relative to `place`, the working directory)
    ["--db", "kb.sqlite3", "search", "满意度", "--json"],
    ["--db", "kb.sqlite3", "search", "满意度"],
    ["--db", "kb.sqlite3", "search", "率", "--json"],  # more hits than the default limit
    ["--db", "kb.sqlite3", "search", "率"],
    ["--db=kb.sqlite3", "search", "--json", "满意度", "--limit", "3"],
    ["--db", "kb.sqlite3", "search", "--limit=2", "--region=宁波", "满意度", "--json"],
    ["--db", "kb.sqlite3", "search", "--region", "威海", "服务", "--year", "2022", "--level", "产出"],
    ["--db", "kb.sqlite3", "search", "服务", "--level=效益指标", "--year=2021", "--json"],
    ["--db", "kb.sqlite3", "search", "满意", "--department", "科学技术", "--json"],
    ["--db", "kb.sqlite3", "search", "--department=科学技术局", "服务", "--region", "宁波"],
    ["--db", "kb.sqlite3", "search", "及时", "--limit", "1", "--limit", "4", "--json", "--json"],
    ["--db", "new.sqlite3", "--db", "kb.sqlite3", "search", "及时", "--region", "", "--level="],
    ["--db", "kb.sqlite3", "search", "--", "-满意度"],
    ["--db", "kb.sqlite3", "search", "--json", "--", "--json"],
    ["--db", "kb.sqlite3", "search", "-"],
    ["--db", "kb.sqlite3", "search", "ＳＯＳ 满意", "--year", "0"],
    ["--db", "kb.sqlite3", "search", "满意度😀"],
    ["search", "满意度", "--json"],  # $KB_DB
    ["--db", "kb.sqlite3", "search", "率", "--limit", "5", "--offset", "5", "--json"],  # the next page
    ["--db", "kb.sqlite3", "search", "率", "--offset=0"],
]
ERRORS = [  # run without typer: one line on stderr, exit code 1
    (["--db", "kb.sqlite3", "search", ""], "empty query"),
    (["--db", "kb.sqlite3", "search", "满" * 300], "query too long"),
    (["--db", "kb.sqlite3", "search", "满意度", "--level", "不存在"], "unknown level"),
    (["--db", "text.sqlite3", "search", "满意度"], "not a SQLite database"),
    (["--db", "newer.sqlite3", "search", "满意度", "--json"], "made by a newer jixiao-kb"),
    (["--db", "damaged.sqlite3", "search", "满意度", "--json"], "database error: "),
    (["--db", "folder.sqlite3", "search", "满意度"], "is a directory"),
]
TYPER = [  # handed to the typer app
    [],
    ["--help"],
    ["--version"],
    ["search", "--help"],
    ["--db", "kb.sqlite3", "search", "满意度", "--help"],
    ["--db", "kb.sqlite3", "search"],
    ["--db", "kb.sqlite3", "search", "满意", "度"],
    ["--db", "kb.sqlite3", "search", "满意度", "--limit", "0"],
    ["--db", "kb.sqlite3", "search", "满意度", "--limit=abc"],
    ["--db", "kb.sqlite3", "search", "满意度", "--limit"],
    ["--db", "kb.sqlite3", "search", "满意度", "--limit", "５"],
    ["--db", "kb.sqlite3", "search", "满意度", "--year", "abc"],
    ["--db", "kb.sqlite3", "search", "满意度", "--year", "-1"],
    ["--db", "kb.sqlite3", "search", "满意度", "--offset", "-1"],
    ["--db", "kb.sqlite3", "search", "满意度", "--offset", "x"],
    ["--db", "kb.sqlite3", "search", "满意度", "--region", "--json"],
    ["--db", "kb.sqlite3", "search", "满意度", "--json=yes"],
    ["--db", "kb.sqlite3", "search", "满意度", "--lim", "3"],
    ["--db", "kb.sqlite3", "search", "-x"],
    ["search", "--db", "kb.sqlite3", "满意度"],
    ["--db", "kb.sqlite3", "--version", "search", "满意度"],
    ["--db", "kb.sqlite3", "--", "search", "满意度"],
    ["--db=", "search", "满意度"],
    ["--db", "kb.sqlite3", "stats", "--json"],
    ["--db", "new.sqlite3", "search", "满意度", "--json"],  # a new knowledge base: typer's path fills it (seeds)
]


def _outcome(run, argv: list[str], place: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `run()` with sys.argv = kb + argv; a knowledge base it made is removed."""
    monkeypatch.setattr(sys, "argv", ["kb", *argv])
    with pytest.raises(SystemExit) as done:
        run()
    for made in place.glob("new.sqlite3*"):
        made.unlink()
    out, err = capsys.readouterr()
    return (done.value.code or 0), out, err


@pytest.fixture
def handed(place, monkeypatch) -> list:
    """In `place` with a fixed width and $KB_DB; records each time cli.entry hands the arguments to typer."""
    monkeypatch.chdir(place)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("KB_DB", str(place / "kb.sqlite3"))
    calls = []
    typer_main = cli.app.main
    monkeypatch.setattr(cli.app, "main", lambda: calls.append(True) or typer_main())
    return calls


def _id(argv: list[str]) -> str:
    return " ".join(argv)[:50] or "(none)"


@pytest.mark.parametrize("argv", ANSWERS + [argv for argv, _ in ERRORS] + TYPER, ids=_id)
def test_same_output_error_and_exit_code_as_the_typer_app(argv, place, handed, capsys, monkeypatch):
    lean = _outcome(entry.main, argv, place, capsys, monkeypatch)
    assert bool(handed) == (argv in TYPER)
    assert lean == _outcome(TYPER_MAIN, argv, place, capsys, monkeypatch)


@pytest.mark.parametrize("argv", ANSWERS, ids=_id)
def test_answers(argv, place, handed, capsys, monkeypatch):
    code, out, err = _outcome(entry.main, argv, place, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert "--json" not in argv or json.loads(out)["query"]
    assert "--json" in argv or "contain" in out  # (a long first line wraps)


@pytest.mark.parametrize("argv, message", ERRORS, ids=[_id(argv) for argv, _ in ERRORS])
def test_errors_are_one_line(argv, message, place, handed, capsys, monkeypatch):
    code, out, err = _outcome(entry.main, argv, place, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err.startswith("kb: 错误 error: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["search", "q"], {"db": None, "query": "q"}),
        (
            ["--db=a b", "search", "--limit=7", "q", "--region", "宁波"],
            {"db": Path("a b"), "limit": 7, "region": "宁波"},
        ),
        (["--db", "search", "search", "--year", "2024", "q", "--year=2023"], {"db": Path("search"), "year": 2023}),
        (["search", "--json", "--", "--limit"], {"as_json": True, "query": "--limit"}),
        (["search", "--level", "", "-"], {"level": "", "query": "-"}),
        (["search", "q", "--offset", "40"], {"offset": 40}),
        (["search", "--department=公安", "q"], {"department": "公安"}),
    ],
)
def test_parse_reads_what_click_reads(argv, expected):
    parsed = entry.parse(argv)
    defaults = {
        "db": None,
        "region": None,
        "year": None,
        "level": None,
        "department": None,
        "limit": SEARCH_LIMIT,
        "offset": 0,
        "as_json": False,
        "query": "q",
    }
    assert parsed == {**defaults, **expected}


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "q", "--limit", "1" * 10],  # past what SQLite takes: typer's error
        ["search", "q\udcff"],  # bytes that are not UTF-8
        ["search", "q", "--year", " 2024"],
        ["search", "q", "--year", "2_024"],
    ],
)
def test_parse_leaves_doubtful_values_to_typer(argv):
    assert entry.parse(argv) is None


@pytest.mark.parametrize("form, more", [("json", ["--json", "--limit", "50"]), ("table", [])])
def test_the_usual_forms_load_neither_typer_nor_click(form, more, place):
    code = f"""import json, sys
sys.argv = ["kb", "--db", {str(place / "kb.sqlite3")!r}, "search", "满意度", *{more!r}]
from cli.entry import main
try:
    main()
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "COLUMNS": "100"}, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and "满意度" in out.stdout, out.stderr
    loaded = json.loads(out.stderr.splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] in ("typer", "click") or m in ("cli.app", "cli.drafts")]
    assert ("rich.console" in loaded) == (form == "table")
    assert form == "table" or "dataclasses" not in loaded  # ~6 ms: kb.find.search uses named tuples


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "满意度", "--json"],
        ["search", "--limit", "5", "满意度"],
        ["search", "满意度", "--level", "不存在"],
        ["search", "满意度", "--limit", "0"],
    ],
)
def test_the_installed_commands_match_the_typer_app(argv, place):
    """In real processes: the console script and `python -m kb` against the typer app itself."""
    env = {**os.environ, "KB_DB": str(place / "kb.sqlite3"), "COLUMNS": "100"}
    typer = subprocess.run(
        [sys.executable, "-c", "from cli.app import main; main()", *argv],
        env=env,
        capture_output=True,
        timeout=120,
    )
    script = Path(sys.executable).with_name("kb")
    for command in [[sys.executable, "-m", "kb"]] + ([[str(script)]] if script.exists() else []):
        lean = subprocess.run(command + argv, env=env, capture_output=True, timeout=120)
        assert (lean.returncode, lean.stdout, lean.stderr) == (typer.returncode, typer.stdout, typer.stderr)


def _on_terminal(argv: list[str], env: dict) -> tuple[int, bytes]:
    """Exit code and everything written to a pseudo-terminal by `argv` (styles included)."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command has exited and closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    return proc.wait(timeout=120), out


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_on_a_terminal_the_tables_are_the_typer_apps(place):
    env = {**os.environ, "KB_DB": str(place / "kb.sqlite3"), "COLUMNS": "100", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    argv = ["search", "率", "--region", "威海"]
    lean = _on_terminal([sys.executable, "-m", "kb", *argv], env)
    assert lean[0] == 0 and b"\x1b[" in lean[1]  # styled: a terminal, not a pipe
    assert lean == _on_terminal([sys.executable, "-c", "from cli.app import app; app(prog_name='kb')", *argv], env)


def test_the_fast_path_knows_exactly_the_options_the_typer_command_declares():
    """A new option of `kb search` added to the typer command only would silently go to typer (slow) or, worse,
    be read differently: the fast path's options and the typer command's are one set."""
    from typer.main import get_command

    command = get_command(cli.app.app).commands["search"]
    declared = {name for param in command.params for name in param.opts if name.startswith("--")}
    assert declared == {*entry._VALUED, "--json", *entry.TO_TYPER}
    assert set(entry.parse(["search", "q"])) == {"db", "query", "as_json", *(name[2:] for name in entry._VALUED)}
    assert all(entry.parse(["search", "q", option, "x.xlsx"]) is None for option in entry.TO_TYPER)
    root = {name for param in get_command(cli.app.app).params for name in param.opts if name.startswith("--")}
    assert "--db" in root


@pytest.mark.parametrize(
    "argv, said",
    [
        (["show", "abc"], "参数值无效，ID 须是整数"),
        (["search"], "缺少参数 QUERY"),
        (["projects", "--bogus"], "没有这个选项 --bogus"),
        (["search", "满意", "--limt", "3"], "没有这个选项 --limt，相近的有 --limit"),
        (["nosuch"], "没有命令 'nosuch'"),
        (["serch", "满意"], "没有命令 'serch'，相近的有 search、serve"),
        (["search", "满意", "--level"], "选项 --level 后面须跟一个值"),
        (["search", "满意度", "--limit", "0"], "参数值无效，--limit 须是 ≥1 的整数"),
        (["search", "服务", "满意度"], "多余的参数 满意度（含空格的文字请加引号；选项的值写在选项名之后）"),
        (["show", "20", "21"], "多余的参数 21（含空格的文字请加引号；选项的值写在选项名之后）"),
        (
            ["search", "满意度", "--db", "x.sqlite3", "--db=y.sqlite3"],  # twice: which one is unclear
            "选项 --db 写在命令之前：kb --db … search …（--db goes before the command）",
        ),
        (
            ["--json", "search", "满意度"],
            "选项 --json 写在命令之后：kb search … --json（--json goes after the command）",
        ),
        (
            ["--region", "北京", "projects"],
            "选项 --region 写在命令之后：kb projects … --region（--region goes after the command）",
        ),
        (
            ["--db", "y.sqlite3", "import", "a.pdf", "--db=x.sqlite3"],
            "选项 --db 写在命令之前：kb --db … import …（--db goes before the command）",
        ),
    ],
    ids=_id,
)
def test_a_command_line_kb_cannot_run_is_said_in_one_line_chinese_first(argv, said, place, handed, capsys, monkeypatch):
    """click says these in English, in a box: one line now, Chinese first, with the command's --help; exit code 2."""
    code, out, err = _outcome(entry.main, argv, place, capsys, monkeypatch)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"kb: 错误 error: {said}：") and "--help 查看用法" in err
    named = [word for word in argv if word in ("show", "search", "projects", "import")][:1]
    assert f"（{' '.join(['kb', *named])} --help 查看用法" in err  # the command's own help (--level: was kb's)


@pytest.mark.parametrize("after", [["--db", "kb.sqlite3"], ["--db=kb.sqlite3"]], ids=_id)
def test_db_written_after_the_command_is_kbs(after, place, handed, capsys, monkeypatch):
    """`kb import … --db x` (as the briefs and people write it) said only that --db goes before the command."""
    monkeypatch.delenv("KB_DB")
    before = _outcome(entry.main, [*after, "search", "满意度", "--limit", "2"], place, capsys, monkeypatch)
    assert before[0] == 0 and "满意度" in before[1]
    assert _outcome(entry.main, ["search", "满意度", *after, "--limit", "2"], place, capsys, monkeypatch) == before
    year = date.today().year + 1  # a draft named for next year's budget
    drafted = _outcome(
        entry.main, ["draft", "new", f"{year}年养老{len(after)}", *after, "--json"], place, capsys, monkeypatch
    )
    assert drafted[0] == 0 and f'"year": {year}' in drafted[1], drafted
