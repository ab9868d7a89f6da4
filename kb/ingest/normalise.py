"""A parsed document normalised for storing: amounts, levels and targets parsed, search tokens built, every
original string kept beside its normalised form.

Nothing here needs the database, so it runs in the worker process that parsed the document. What it gives is
plain tuples in the order of the columns they fill (cheap to send between processes); `kb.ingest.write` adds the ids
and the document's fields, then writes them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from typing import Callable, NamedTuple

from importers.columns import declared_direction, declared_qualitative, head_field, target_parts
from importers.records import (
    DEPARTMENT,
    DEPARTMENT_SELF_EVALUATION,
    SELF_EVALUATION_KINDS,
    RawDocument,
    RawIndicator,
    RawProject,
)
from kb.vocab.amounts import first_number, to_wan
from kb.ingest.fingerprints import evaluation_digest, fingerprint, project_digest
from kb.vocab.levels import infer_levels, standard_levels
from kb.vocab.places import clean_department, one_year, region_from, year_from
from kb.find.name_index import outcome_key
from kb.ingest.links import link_key, same_unit
from kb.vocab.outcomes import judge, lower_is_better
from kb.vocab.targets import QUALITATIVE, Target, parse_target
from kb.vocab.tokens import index_tokens

PROJECT_COLUMNS = (
    "amount_wan",
    "amount_text",
    "amount_unit_source",
    "total_wan",
    "total_text",
    "period",
    "overview",
    "goal",
    "fields",
    "extra",
    "indicator_count",
    "kind",
    "code",
    "page",
    "implementing_unit",
)
INDICATOR_COLUMNS = (
    "name",
    "seq",
    "level1",
    "level2",
    "std_level1",
    "std_level2",
    "level_inferred",
    "operator",
    "value",
    "unit",
    "target",
    "period_target",
    "period_operator",
    "period_value",
    "period_unit",
    "from_prose",
    "weight",
    "weight_text",
    "notes",
)
SELF_EVALUATION_COLUMNS = (
    "kind",
    "name",
    "code",
    "department",
    "page",
    "amount_wan",
    "amount_text",
    "goal",
    "fields",
    "indicator_count",
    "implementing_unit",
)
OUTCOME_COLUMNS = (
    "seq",
    "level1",
    "level2",
    "std_level1",
    "std_level2",
    "name",
    "target",
    "operator",
    "value",
    "unit",
    "actual",
    "actual_operator",
    "actual_value",
    "actual_unit",
    "weight",
    "weight_text",
    "score",
    "score_text",
    "notes",
    "met",
    "ratio",
    "name_key",
)
EVALUATION_COLUMNS = ("seq", "level1", "level2", "name", "weight", "weight_text", "criteria", "source")
BUDGET_COLUMNS = ("seq", "item", "amount_wan", "amount_text", "basis")
_OPERATOR = INDICATOR_COLUMNS.index("operator")
_KIND = PROJECT_COLUMNS.index("kind")
_AS_WRITTEN = itemgetter(*map(INDICATOR_COLUMNS.index, ("name", "level1", "level2", "target")))  # what a digest reads


class Project(NamedTuple):
    """One project ready to store; the department, region and year give way to the document's where it states
    them (see kb.ingest.write)."""

    name: str
    department: str | None  # cleaned, '' when the project states none, None when its form prints it blank
    region: str  # read from the project's department, '' when it names none
    year: int | None  # from the project period, else the 预算年度 its form states
    values: tuple  # PROJECT_COLUMNS
    tokens: tuple[str, str, str]  # search tokens of the name, overview and goal
    indicators: list[tuple]  # INDICATOR_COLUMNS
    evaluation: list[tuple]  # EVALUATION_COLUMNS
    budget: list[tuple]  # BUDGET_COLUMNS
    no_target: list[str]  # names of the indicators without a target
    digest: bytes  # of the name and the indicators as written (kb.ingest.fingerprints)


def department_wide(projects: list[Project]) -> int:
    """How many of the goal tables are a department's whole table (部门整体), not a project."""
    return sum(p.values[_KIND] == DEPARTMENT for p in projects)


class SelfEvaluation(NamedTuple):
    """A self-evaluation (自评表) ready to store: SELF_EVALUATION_COLUMNS, its region (read from its department) and
    its outcomes (OUTCOME_COLUMNS)."""

    region: str
    values: tuple
    outcomes: list[tuple]
    digest: bytes = b""  # of its name and rows as written (kb.ingest.fingerprints)
    year: int | None = None  # the year it reports, as its title states it, else its period (项目实施期) when one


@dataclass
class Document:
    """A document (or, read as a stream, a piece of one) ready to store: its fields as written, its projects."""

    layout: str
    title: str = ""
    region: str = ""
    year: str = ""
    department: str = ""
    projects: list[Project] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)  # how each part of the file was read (importers.SegmentReport)
    evaluations: list[SelfEvaluation] = field(default_factory=list)

    @property
    def indicators(self) -> int:
        return sum(len(p.indicators) for p in self.projects)

    def period_years(self) -> Counter:
        """How many projects' periods give each year; in a document of self-evaluations alone, how many of theirs (a
        budget's goal tables are not dated by the last year's 自评表 it publishes)."""
        if self.projects:
            return Counter(p.year for p in self.projects if p.year)
        return Counter(e.year for e in self.evaluations if e.year)

    def fingerprint(self) -> str | None:
        """What another file with the same tables has too (None for a document without indicators or
        self-evaluations): its projects' digests, then its self-evaluations'."""
        if not self.indicators and not self.evaluations:
            return None
        return fingerprint([*(p.digest for p in self.projects), *(e.digest for e in self.evaluations)])


def normalise(raw: RawDocument) -> Document:
    goals = [p for p in raw.projects if p.kind not in SELF_EVALUATION_KINDS]
    evaluations = [_self_evaluation(p) for p in _once([p for p in raw.projects if p.kind in SELF_EVALUATION_KINDS])]
    return Document(
        raw.layout,
        raw.title,
        raw.region,
        raw.year,
        raw.department,
        [_project(p) for p in goals],
        raw.warnings,
        [asdict(s) for s in raw.segments],
        evaluations,
    )


_CLOSING_NOTE = re.compile(r"[（(][^（()）]*[）)]$")  # '…（本级）'


def _once(evaluations: list[RawProject]) -> list[RawProject]:
    """A document's self-evaluations, each project's once: a row of a summary (自评结果汇总表, no indicator rows) of a
    project whose form the document holds too only adds to the form what the form does not print (自评等级 …). Its
    form: of the same kind and unit (kb.ingest.links.same_unit), named the same as kb.ingest.links reads names, else
    but for a closing note in brackets ('…（本级）'); a department's whole self-evaluation is its unit's one. A form
    takes one row: a project of one name in two units, or a second row naming the form, is a self-evaluation of its
    own."""
    forms = [p for p in evaluations if p.indicators]
    merged: set[int] = set()  # (ids of) the rows a form took, and the forms that took one
    for keyed in (link_key, _bare_key):
        for row in (p for p in evaluations if not p.indicators and id(p) not in merged):
            form = next((f for f in forms if id(f) not in merged and _same(f, row, keyed)), None)
            if form is not None:
                form.fields.update({label: value for label, value in row.fields.items() if label not in form.fields})
                merged |= {id(form), id(row)}
    return [p for p in evaluations if p.indicators or id(p) not in merged]


def _same(form: RawProject, row: RawProject, keyed: Callable[[str], str]) -> bool:
    return (
        form.kind == row.kind
        and (form.kind == DEPARTMENT_SELF_EVALUATION or keyed(form.name) == keyed(row.name))
        and same_unit(form.department, row.department)
    )


def _bare_key(name: str) -> str:
    """The name as kb.ingest.links reads it, but for a closing note in brackets ('…专项（本级）' → '…')."""
    return link_key(_CLOSING_NOTE.sub("", name))


def _self_evaluation(p: RawProject) -> SelfEvaluation:
    amount, _ = to_wan(p.amount, p.amount_unit or "万元")  # the national form states its money in 万元
    kind = "department" if p.kind == DEPARTMENT_SELF_EVALUATION else "project"
    values = (
        kind,
        p.name,
        p.code or None,
        clean_department(p.department or "") or None,
        p.page or None,
        amount,
        p.amount or None,
        p.goal or None,
        _json(p.fields),
        len(p.indicators),
        implementing_unit(p.fields),
    )
    return SelfEvaluation(
        region_from(p.department or ""),
        values,
        [_outcome(seq, i) for seq, i in enumerate(p.indicators, 1)],
        evaluation_digest(
            p.name,
            ((i.name, f"{i.operator}{i.target}{i.unit}" if i.target else "", i.actual, i.score) for i in p.indicators),
        ),  # the strings as stored (target, actual, score_text), so a migration computes the same from the rows
        year_from(p.year) or one_year(p.period),
    )


def _outcome(seq: int, ind: RawIndicator) -> tuple:
    std1, std2 = standard_levels(ind.level1, ind.level2) if ind.level1 or ind.level2 else infer_levels(ind.name)
    target = parse_target(ind.target, ind.operator, ind.unit, ind.name, _implied(ind))
    actual = parse_target(ind.actual, name=ind.name) if ind.actual else None
    met, ratio = judge(
        target, actual, f"{ind.operator}{ind.target}{ind.unit}", ind.actual, lower_is_better(ind.name, std1)
    )
    return (
        seq,
        ind.level1 or None,
        ind.level2 or None,
        std1,
        std2,
        ind.name,
        f"{ind.operator}{ind.target}{ind.unit}" if ind.target else None,
        target.operator,
        target.value,
        target.unit,
        ind.actual or None,
        actual.operator if actual else None,
        actual.value if actual else None,
        actual.unit if actual else None,
        first_number(ind.weight),
        ind.weight or None,
        first_number(ind.score),
        ind.score or None,
        _json(ind.notes) if ind.notes else None,
        met,
        ratio,
        outcome_key(ind.name),
    )


def _project(p: RawProject) -> Project:
    amount, unit_source = to_wan(p.amount, p.amount_unit)
    total, _ = to_wan(p.total_amount, p.amount_unit)
    values = (
        amount,
        p.amount or None,
        unit_source or None,
        total,
        p.total_amount or None,
        p.period or None,
        p.overview or None,
        p.goal or None,
        _json(p.fields),
        _json(p.extra),
        len(p.indicators),
        p.kind,
        p.code or None,
        p.page or None,
        implementing_unit(p.fields),
    )
    indicators = [_indicator(seq, ind) for seq, ind in enumerate(p.indicators, 1)]
    return Project(
        p.name,
        None if p.department is None else clean_department(p.department),
        region_from(p.department or ""),
        year_from(p.period) or year_from(p.fields.get("预算年度", "")),
        values,
        (index_tokens(p.name), index_tokens(p.overview), index_tokens(p.goal)),
        indicators,
        [
            (
                seq,
                e.level1 or None,
                e.level2 or None,
                e.name,
                first_number(e.weight),
                e.weight or None,
                e.criteria or None,
                e.source or None,
            )
            for seq, e in enumerate(p.evaluation, 1)
        ],
        [
            (seq, b.item, to_wan(b.amount, p.amount_unit)[0], b.amount or None, b.basis or None)
            for seq, b in enumerate(p.budget_lines, 1)
        ],
        [row[0] for row in indicators if row[_OPERATOR] is None],
        project_digest(p.name, map(_AS_WRITTEN, indicators)),
    )


def implementing_unit(fields: dict[str, str]) -> str | None:
    """The unit that carries a project out, as its head names it beside the 主管部门 (实施单位, 项目执行单位 …:
    importers.columns), so that a department filter finds a 支队's project filed under its 公安局; None if none."""
    for label, value in fields.items():
        if value and head_field(label) == "implementing_unit":
            return clean_department(value) or None
    return None


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False) if value else "{}"


def _implied(ind: RawIndicator) -> str:
    """The operator of the row's numbers written without one: '=', or its direction column's bound (正向 ≥, 反向 ≤)."""
    return declared_direction(ind.operator, ind.notes) or "="


def _indicator(seq: int, ind: RawIndicator) -> tuple:
    if ind.level1 or ind.level2:
        std1, std2 = standard_levels(ind.level1, ind.level2)
        inferred = 0
    else:
        std1, std2 = infer_levels(ind.name)
        inferred = 1
    implied = _implied(ind)
    target = parse_target(ind.target, ind.operator, ind.unit, ind.name, implied)
    # the row's operator and unit columns are the whole period's value's too (实施期指标值 | 年度指标值 | 度量单位)
    sign, written, unit, _ = target_parts(ind.operator, ind.period_target, ind.unit)
    period_target = f"{sign}{written}{unit}"
    period = parse_target(period_target, name=ind.name, implied=implied) if period_target else None
    if declared_qualitative(ind.operator, ind.notes):  # its targets are words, whatever numbers they hold
        target = Target(QUALITATIVE, None, None) if target.operator else target
        period = Target(QUALITATIVE, None, None) if period and period.operator else period
    return (
        ind.name,
        seq,
        ind.level1 or None,
        ind.level2 or None,
        std1,
        std2,
        inferred,
        target.operator,
        target.value,
        target.unit,
        f"{ind.operator}{ind.target}{ind.unit}" if ind.target else "",
        period_target or None,
        period.operator if period else None,
        period.value if period else None,
        period.unit if period else None,
        int(ind.from_prose),
        first_number(ind.weight),
        ind.weight or None,
        _json(ind.notes) if ind.notes else None,
    )
