"""Shared fixtures: temporary knowledge bases, the seeds folder, a tiny synthetic document."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from importers.records import RawDocument, RawIndicator, RawProject
from kb.db import connect
from kb.ingest.normalise import normalise
from kb.ingest.write import Fallbacks, Provenance, store_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def fuzz_budget(examples: int) -> int:
    """Hypothesis examples for a fuzz test: the CI budget, times $KB_FUZZ_SCALE for long manual runs."""
    return examples * max(1, int(os.environ.get("KB_FUZZ_SCALE", "1")))


def damaged(text: str, change: str, at: int, length: int, rnd) -> str:
    """`text` with a slice of `length` lines from line `at` (wrapped) deleted, duplicated or shuffled."""
    lines = text.split("\n")
    at %= len(lines)
    if change == "delete":
        del lines[at : at + length]
    elif change == "duplicate":
        lines[at:at] = lines[at : at + length]
    else:
        part = lines[at : at + length]
        rnd.shuffle(part)
        lines[at : at + length] = part
    return "\n".join(lines)


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(autouse=True)
def app_state(tmp_path_factory, monkeypatch) -> Path:
    """Each test's own file of what the app remembers (kb.paths.app_state_path), never the user's."""
    from kb import paths

    path = tmp_path_factory.mktemp("state", numbered=True) / "app-state.json"
    monkeypatch.setattr(paths, "app_state_path", lambda: path)
    return path


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kb.sqlite3"


@pytest.fixture
def conn(db_path):
    c = connect(db_path)
    yield c
    c.close()


def layout_records(doc: RawDocument) -> list[dict]:
    """A parsed document's projects as dicts without line numbers (which variants shift), for comparing."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return [strip(dataclasses.asdict(project)) for project in doc.projects]


@pytest.fixture
def seeded(db_path) -> Path:
    """A knowledge base filled with the bundled sample documents."""
    from kb.ingest.run import import_seeds

    conn = connect(db_path)
    import_seeds(conn)
    conn.close()
    return db_path


def make_document(projects: dict[str, list[tuple[str, str]]], layout: str = "test") -> RawDocument:
    """A document of projects → [(indicator name, target)], levels left for inference."""
    return RawDocument(
        layout=layout,
        projects=[
            RawProject(
                name=name,
                amount="10",
                amount_unit="万元",
                overview=f"{name}的概况",
                indicators=[RawIndicator(name=n, target=t) for n, t in inds],
            )
            for name, inds in projects.items()
        ],
    )


def store(conn, doc: RawDocument, name: str = "doc.txt", region: str = "测试市", year: int = 2024) -> int:
    return store_document(
        conn, normalise(doc), Provenance(name, f"/virtual/{name}", name), Fallbacks(region=region, year=year)
    ).document_id


async def workers_done(pilot) -> None:
    """Wait for the app's workers; one cancelled by a newer request (exclusive workers) counts as done."""
    from textual.worker import WorkerCancelled

    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


def screen_lines(app) -> list[str]:
    """The app's screen as plain text, a line per row (what a full redraw shows)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def terminal_output(app) -> str:
    """Everything the app would write to the terminal for a full redraw of its screen (styles included)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)
