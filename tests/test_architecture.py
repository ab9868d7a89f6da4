"""The guard rails: the flow importers → kb → (cli | tui) checked statically (import-linter's contracts in
pyproject.toml), ruff's lint rules and ruff's format on the code, mypy on the library and the importers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold():
    out = _run(str(BIN / "lint-imports"), "--no-cache")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_ruff_finds_nothing():
    out = _run(str(BIN / "ruff"), "check", "--no-cache", "kb", "importers", "cli", "tui", "web", "benchmarks", "tests")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_code_is_formatted():
    out = _run(
        str(BIN / "ruff"),
        "format",
        "--check",
        "--no-cache",
        "kb",
        "importers",
        "cli",
        "tui",
        "web",
        "benchmarks",
        "tests",
    )
    assert out.returncode == 0, "run `ruff format`: " + out.stdout[-3000:] + out.stderr[-2000:]


def test_mypy_finds_nothing_in_the_library_and_the_importers():
    out = _run(str(BIN / "mypy"), "--no-incremental")  # files and settings: [tool.mypy] in pyproject.toml
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def _commands(group, prefix: str = "kb"):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix} {name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix} {name}")


def test_every_command_has_help_and_is_in_the_readme():
    """As sqlite-utils' test_docs does: a command nobody can find or read about is not there for users."""
    import re

    from typer.main import get_command

    from cli.app import app

    readme = (ROOT / "README.md").read_text("utf-8")
    for name, command in _commands(get_command(app)):
        assert (command.help or "").strip(), f"{name} has no help"
        *group, last = name.split()
        said = name in readme or re.search(rf"{' '.join(group)} [\w /]*\b{last}\b", readme)
        assert said, f"{name} is not in README.md"
