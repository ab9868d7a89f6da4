"""The guard rails: the flow importers → kb → (cli | tui) checked statically (import-linter's contracts in
pyproject.toml), and ruff's lint rules on the code."""

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
    out = _run(str(BIN / "ruff"), "check", "--no-cache", "kb", "importers", "cli", "tui", "benchmarks")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
