"""Layout detection stops at the first layout scoring 1.0: the layout it chooses is the one every score would choose."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, SEEDS, damaged, fuzz_budget
from importers import registry
from importers.cells import clean, label
from importers.layouts import Layout
from importers.readers import read_rows
from importers.readers.text import split_rows
from importers.registry import MIN_SCORE, SAMPLE_ROWS, all_layouts, detect_layout

DOCUMENTS = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").glob("*.t[sx][vt]"))


def chosen_by_every_score(rows):
    """The best of all layouts' scores (the first of equal ones), on the sample and then on every row."""
    for sample in (rows[:SAMPLE_ROWS], rows) if len(rows) > SAMPLE_ROWS else (rows,):
        scores = [(layout.detect(sample), layout) for layout in all_layouts()]
        assert all(0.0 <= score <= 1.0 for score, _ in scores)
        score, best = max(scores, key=lambda pair: pair[0])
        if score >= MIN_SCORE:
            return best
    return None


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_the_choice_is_the_best_score(path):
    rows = read_rows(path)
    assert detect_layout(rows)[0] is chosen_by_every_score(rows) is not None


@settings(max_examples=fuzz_budget(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(DOCUMENTS),
    st.sampled_from(["delete", "duplicate", "shuffle"]),
    st.integers(0, 10_000),
    st.integers(1, 300),
    st.booleans(),
    st.randoms(),
)
def test_the_choice_is_the_best_score_for_damaged_documents(path, change, at, length, dedent, rnd):
    text = damaged(path.read_text("utf-8"), change, at, length, rnd)
    if dedent:  # indentation lost in a copy
        text = "\n".join(line.lstrip("\t") for line in text.split("\n"))
    rows = split_rows(text)
    assert detect_layout(rows)[0] is chosen_by_every_score(rows)


def test_a_layout_after_one_scoring_1_is_not_scored_and_the_first_of_equal_scores_wins(monkeypatch):
    scored = []

    def layout(name: str, score: float) -> Layout:
        return Layout(name, "test", lambda rows: scored.append(name) or score, lambda rows: None)

    layouts = [
        layout("low", 0.3),
        layout("high", 0.9),
        layout("also-high", 0.9),
        layout("full", 1.0),
        layout("after", 1.0),
    ]
    monkeypatch.setattr(registry, "all_layouts", lambda: layouts)
    chosen, scores = detect_layout(split_rows("项目名称\t甲"))
    assert chosen is layouts[3] and scored == ["low", "high", "also-high", "full"]
    assert scores == {"low": 0.3, "high": 0.9, "also-high": 0.9, "full": 1.0}
    layouts[3:] = []
    assert detect_layout(split_rows("项目名称\t甲"))[0] is layouts[1]


@given(st.text(alphabet="项目名称*＊：: \t\u3000\u00a0\u2003\x0b\n", max_size=12))
def test_label_drops_the_star_colon_and_spaces_at_the_end(text):
    assert label(text) == re.sub(r"[*＊]?\s*[：:]?\s*$", "", clean(text)).replace(" ", "")
