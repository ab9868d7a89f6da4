"""Goal-table checks from the national guidance (财预〔2015〕88号, 财预〔2021〕101号), for drafts and imported projects.

The rule set is data: `RULES` lists each rule's id, severity, one-line reason and check; the word lists the
checks use are data too. A check takes a `GoalTable` and yields (row index or None, detail). To add a rule,
write a check and append a `Rule`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from kb.errors import KbError
from kb.vocab.levels import COST, EFFECT, OUTPUT, SATISFACTION, standard_levels
from kb.vocab.numbers import number, total
from kb.find.precedents import family_key, normal_target
from kb.vocab.targets import QUALITATIVE

SEVERITIES = ("error", "warning", "info")
FRAMEWORK_2021_FROM = 2022  # budget year from which 财预〔2021〕101号 applies (成本指标 a level 1 of its own)
REQUIRED = (OUTPUT, EFFECT, SATISFACTION)
SATISFACTION_FLOOR = 80.0  # %

VAGUE_WORDS = (
    "提高",
    "提升",
    "良好",
    "有效",
    "增强",
    "改善",
    "加强",
    "明显",
    "显著",
    "进一步",
    "较好",
    "较高",
    "大幅",
    "逐步",
    "稳步",
    "促进",
    "优化",
    "推动",
    "积极",
)
INPUT_MEASURES = ("预算执行率", "资金到位率", "预算执行进度", "资金执行率", "支出进度", "资金支付率")
# Things of which less is better: an upper bound on their count is right.
NEGATIVE_WORDS = (
    "投诉",
    "故障",
    "事故",
    "违规",
    "违法",
    "风险",
    "突发",
    "返修",
    "报废",
    "差错",
    "失误",
    "损失",
    "信访",
    "超支",
    "缺陷",
    "隐患",
    "伤亡",
    "死亡",
    "污染",
    "排放",
    "逾期",
    "不良",
    "整改",
)
REDUCTION_WORDS = ("降低", "下降", "减少", "节约", "节省", "压减", "压缩", "控制")
GROWTH_WORDS = ("增长", "增幅", "增速", "同比", "环比", "倍")
COUNT_NAME = re.compile(r"(?<![倍系指分])(数|数量|个数|家数|人数|次数|户数|场次|人次|项数)$")
COUNT_UNITS = {
    "家",
    "个",
    "人",
    "次",
    "项",
    "场",
    "家次",
    "人次",
    "户",
    "户次",
    "件",
    "名",
    "所",
    "座",
    "台",
    "套",
    "场次",
    "篇",
    "期",
    "批",
    "条",
    "份",
    "处",
    "栋",
}
QUANTITATIVE_NAME = re.compile(r"(率|数|数量|人数|次数|金额|总额|面积|长度|时长|天数|比例|占比|比率|规模)$")
COST_NAME = re.compile(r"成本|费用|造价|单价")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]\s*$")


@dataclass
class Line:
    """One indicator of a goal table, levels as written and as the framework names them."""

    name: str
    level1: str = ""
    level2: str = ""
    std_level1: str | None = None
    std_level2: str | None = None
    inferred: bool = False  # the levels were guessed from the name (the document gave none)
    operator: str | None = None
    value: float | None = None
    unit: str | None = None
    target: str = ""  # as written
    basis: str | None = None

    @property
    def bare_name(self) -> str:
        """The name without a trailing bracketed unit or note: '群众满意度（%）' → '群众满意度'."""
        return _BRACKETS.sub("", self.name).strip()


@dataclass
class GoalTable:
    title: str
    year: int | None
    lines: list[Line]
    weights: list[float] = field(default_factory=list)  # scoring weights (分值), empty when the table has none
    unweighted: int = 0  # rows without a weight when others have one
    has_basis: bool = False  # the table records the basis of each value (drafts do; documents do not)
    missing_head: tuple[str, ...] = ()  # a draft's head fields left empty (their labels); documents: not checked

    @property
    def framework(self) -> str:
        return "2021" if self.year is None or self.year >= FRAMEWORK_2021_FROM else "2015"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info
    reason: str  # one line: what the guidance asks
    check: Callable[[GoalTable], Iterable[tuple[int | None, str]]]


@dataclass
class Finding:
    rule: str
    severity: str
    reason: str
    row: int | None  # 1-based row of the table, None for the table as a whole
    indicator: str
    detail: str


def _levels_missing(t: GoalTable):
    present = {ln.std_level1 for ln in t.lines}
    for level in REQUIRED:
        if level not in present:
            yield None, f"缺少{level} no {level}"


def _cost_missing(t: GoalTable):
    if t.framework == "2021" and COST not in {ln.std_level1 for ln in t.lines}:
        yield None, f"缺少{COST}（预算年度 {t.year or '未注明'}，2021 年框架） no {COST}"


def _pair_allowed(level1: str, level2: str, framework: str) -> bool:
    written1 = standard_levels(level1, "")[0]
    std1, std2 = standard_levels("", level2)
    if written1 is None or std2 is None:
        return False
    if written1 == std1:  # a pair of the 2021 framework, fine in earlier tables too
        return True
    return framework == "2015" and written1 == OUTPUT and std1 == COST  # 2015: 成本 under 产出


def _level_outside(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if not ln.inferred and not _pair_allowed(ln.level1, ln.level2, t.framework):
            yield (
                n,
                (
                    f"{ln.level1 or '（空）'} / {ln.level2 or '（空）'} 不在 {t.framework} 年框架中 "
                    f"is not in the {t.framework} framework"
                ),
            )


def _no_target(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if ln.operator is None and not ln.target.strip():
            yield n, "没有指标值 no target value"


def _no_number(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if QUANTITATIVE_NAME.search(ln.bare_name) and ln.value is None and (ln.operator or ln.target.strip()):
            yield n, f"{ln.target or ln.operator!s} 没有数值 has no number"


def _no_unit(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if ln.value is not None and ln.operator not in (None, QUALITATIVE) and not ln.unit:
            yield n, f"{normal_target(ln.operator, ln.value, ln.unit, ln.target)} 没有计量单位 has no unit"


def _vague(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if ln.value is None:
            words = [w for w in VAGUE_WORDS if w in (ln.target or "")]
            if words:
                yield n, f"“{ln.target}”只说{words[0]}，没说多少 says {words[0]} but not how much"


def _pct_range(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if (
            ln.unit == "%"
            and ln.value is not None
            and not 0 <= ln.value <= 100
            and not any(w in ln.name for w in GROWTH_WORDS)
        ):
            yield n, f"{number(ln.value)}% 超出 0–100% is outside 0–100%"


def _upper_bound(ln: Line) -> bool:
    return ln.operator in ("≤", "<")


def _is_count(ln: Line) -> bool:
    counted = COUNT_NAME.search(ln.bare_name) is not None or (ln.unit or "") in COUNT_UNITS
    return counted and not any(w in ln.name for w in NEGATIVE_WORDS)


def _direction_count(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if _upper_bound(ln) and _is_count(ln):
            yield n, f"交付数量设了上限 a count delivered with an upper bound ({ln.target or ln.operator})"


def _direction_satisfaction(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if "满意" in ln.name and _upper_bound(ln):
            yield n, f"满意度设了上限 satisfaction with an upper bound ({ln.target or ln.operator})"


def _direction_cost(t: GoalTable):
    for n, ln in enumerate(t.lines):
        costly = ln.std_level1 == COST or COST_NAME.search(ln.name)
        if costly and ln.operator in ("≥", ">") and not any(w in ln.name for w in REDUCTION_WORDS):
            yield n, f"成本设了下限 a cost with a lower bound ({ln.target or ln.operator})"


def _satisfaction_low(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if (
            "满意" in ln.name
            and ln.unit == "%"
            and ln.value is not None
            and ln.operator in ("≥", ">", "=")
            and ln.value < SATISFACTION_FLOOR
        ):
            yield n, f"{number(ln.value)}% 低于 {number(SATISFACTION_FLOOR)}% is under {number(SATISFACTION_FLOOR)}%"


def _input_under_output(t: GoalTable):
    for n, ln in enumerate(t.lines):
        words = [w for w in INPUT_MEASURES if w in ln.name]
        if ln.std_level1 == OUTPUT and words:
            yield n, f"{words[0]}衡量的是支出而非产出 measures spending, not output"


def _duplicate(t: GoalTable):
    first: dict[str, int] = {}
    for n, ln in enumerate(t.lines):
        key = family_key(ln.name)  # spellings of one indicator too (kb.vocab.families): 满意率 and 满意度
        if key in first:
            other = t.lines[first[key]].name
            how = "" if other == ln.name else f"（{other} 的另一种写法 another spelling of it）"
            yield n, f"与第 {first[key] + 1} 行是同一指标{how} the same indicator as row {first[key] + 1}"
        else:
            first[key] = n


def _too_few(t: GoalTable):
    if len(t.lines) < 3:
        yield None, f"只有 {len(t.lines)} 个指标 {len(t.lines)} indicator{'s' if len(t.lines) != 1 else ''}"


def _weights_sum(t: GoalTable):
    weights = total(t.weights)
    if t.weights and abs(weights - 100) > 0.01:
        note = f"（{t.unweighted} 行没有分值 rows have no weight）" if t.unweighted else ""
        yield None, f"分值合计 {number(weights)} the weights sum to {number(weights)}{note}"


def _head_missing(t: GoalTable):
    if t.missing_head:
        yield None, f"未填 {'、'.join(t.missing_head)} not filled in"


def _basis_missing(t: GoalTable):
    if t.has_basis:
        for n, ln in enumerate(t.lines):
            if not ln.basis and (ln.operator or ln.target):
                yield n, "未记录设定依据 no basis recorded"


RULES: tuple[Rule, ...] = (
    Rule(
        "levels-missing",
        "error",
        "目标表须有产出、效益和满意度指标 every table has 产出, 效益 and 满意度 indicators",
        _levels_missing,
    ),
    Rule(
        "cost-missing",
        "warning",
        "2021 年框架（2022 预算年度起）还要求成本指标 the 2021 framework asks for 成本 indicators too",
        _cost_missing,
    ),
    Rule(
        "level-outside",
        "error",
        "一级、二级指标须是框架中的组合 the level-1/level-2 pair must be one of the framework's",
        _level_outside,
    ),
    Rule("no-target", "error", "每个指标都要有指标值 every indicator needs a target value", _no_target),
    Rule(
        "no-number", "warning", "定量指标（率、数、数量…）须有数值 a quantitative indicator needs a number", _no_number
    ),
    Rule("no-unit", "warning", "数值须有计量单位（%、家、人次、万元…） a number needs its unit", _no_unit),
    Rule(
        "vague",
        "warning",
        "含糊用语（提高、提升、良好、有效…）没有数值无法考核 vague words without a number cannot be checked",
        _vague,
    ),
    Rule(
        "pct-range",
        "error",
        "百分比在 0 到 100 之间（增长率除外） a percentage lies between 0 and 100 (growth rates aside)",
        _pct_range,
    ),
    Rule(
        "direction-count",
        "warning",
        "交付数量应设下限（≥），不用 ≤ 或 < a count of things delivered takes a lower bound (≥)",
        _direction_count,
    ),
    Rule(
        "direction-satisfaction",
        "error",
        "满意度目标应设下限（≥），不用 ≤ 或 < a satisfaction target takes a lower bound (≥)",
        _direction_satisfaction,
    ),
    Rule(
        "direction-cost", "warning", "成本应设上限（≤），不用 ≥ 或 > a cost takes an upper bound (≤)", _direction_cost
    ),
    Rule(
        "satisfaction-low",
        "warning",
        f"满意度目标低于 {number(SATISFACTION_FLOOR)}% 很少被接受 a satisfaction target under "
        f"{number(SATISFACTION_FLOOR)}% is rarely accepted",
        _satisfaction_low,
    ),
    Rule(
        "input-under-output",
        "warning",
        "投入类指标（预算执行率、资金到位率）不是产出指标 input measures are not 产出 indicators",
        _input_under_output,
    ),
    Rule("duplicate", "warning", "每个指标只出现一次 each indicator appears once", _duplicate),
    Rule("too-few", "warning", "目标表至少要有三个指标 a goal table has at least three indicators", _too_few),
    Rule("weights-sum", "error", "分值合计为 100 scoring weights (分值) sum to 100", _weights_sum),
    Rule(
        "head-missing",
        "error",
        "申报表表头须填主管部门、年度、资金和年度目标 the head needs its department, year, amount and goal",
        _head_missing,
    ),
    Rule(
        "basis-missing",
        "info",
        "每个指标值记录设定依据（计划标准、行业标准、历史标准、预算支出标准） each value records its basis",
        _basis_missing,
    ),
)


def run(table: GoalTable, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of `rules` on `table`, in rule order then row order."""
    findings = []
    for rule in rules:
        for n, detail in rule.check(table):
            name = table.lines[n].name if n is not None else ""
            findings.append(Finding(rule.id, rule.severity, rule.reason, None if n is None else n + 1, name, detail))
    return findings


def draft_table(draft) -> GoalTable:
    """A kb.drafting.drafts.Draft as a GoalTable."""
    lines = []
    for r in draft.rows:
        std1, std2 = standard_levels(r.level1, r.level2) if (r.level1 or r.level2) else (None, None)
        lines.append(
            Line(r.name, r.level1, r.level2, std1, std2, False, r.operator, r.value, r.unit, r.target, r.basis)
        )
    weights = [r.weight for r in draft.rows if r.weight is not None]
    head = {
        "部门 department": draft.department,
        "年度 year": draft.year,
        "金额 amount": draft.amount_wan,
        "年度目标 goal": draft.goal,
    }
    return GoalTable(
        draft.name,
        draft.year,
        lines,
        weights,
        len(draft.rows) - len(weights) if weights else 0,
        has_basis=True,
        missing_head=tuple(label for label, value in head.items() if value in (None, "")),
    )


def project_table(conn: sqlite3.Connection, project_id: int) -> GoalTable:
    """An imported project's goal table, with its evaluation items' weights."""
    project = conn.execute("SELECT name, year FROM projects WHERE id = ?", (project_id,)).fetchone()
    if project is None:
        raise KbError(f"no project with id {project_id} (see kb projects)")
    lines = [
        Line(
            r["name"],
            r["level1"] or "",
            r["level2"] or "",
            r["std_level1"],
            r["std_level2"],
            bool(r["level_inferred"]),
            r["operator"],
            r["value"],
            r["unit"],
            r["target"] or "",
        )
        for r in conn.execute("SELECT * FROM indicators WHERE project_id = ? ORDER BY seq", (project_id,))
    ]
    weights = [
        r[0]
        for r in conn.execute(
            "SELECT weight FROM evaluation_items WHERE project_id = ? AND weight IS NOT NULL ORDER BY seq",
            (project_id,),
        )
    ]
    return GoalTable(project["name"], project["year"], lines, weights)


def lint_project(conn: sqlite3.Connection, project_id: int) -> list[Finding]:
    """The rules on an imported goal table, and its targets against last year's self-evaluated actuals."""
    from kb.review.self_evaluations import below_last_actual

    return run(project_table(conn, project_id)) + below_last_actual(conn, project_id)


def lint_draft(conn: sqlite3.Connection, key: int | str) -> list[Finding]:
    from kb.drafting.drafts import open_draft

    return run(draft_table(open_draft(conn, key)))


def lint_all(conn: sqlite3.Connection) -> dict:
    """Every imported project checked: {'projects': [{id, name, region, year, findings}], 'rules': [{id,
    severity, reason, projects, findings}], 'checked': n} — rules in RULES order, projects with findings only."""
    from kb.review.self_evaluations import BELOW_LAST_ACTUAL, RULES as REVIEW

    projects = []
    by_rule = {
        r.id: {"id": r.id, "severity": r.severity, "reason": r.reason, "projects": [], "findings": 0} for r in RULES
    }
    severity, reason = REVIEW[BELOW_LAST_ACTUAL]
    by_rule[BELOW_LAST_ACTUAL] = {
        "id": BELOW_LAST_ACTUAL,
        "severity": severity,
        "reason": reason,
        "projects": [],
        "findings": 0,
    }
    rows = conn.execute("SELECT id, name, region, year FROM projects ORDER BY id").fetchall()
    for p in rows:
        findings = lint_project(conn, p["id"])
        for f in findings:
            entry = by_rule[f.rule]
            entry["findings"] += 1
            if p["id"] not in entry["projects"]:
                entry["projects"].append(p["id"])
        if findings:
            projects.append({**dict(p), "findings": [asdict(f) for f in findings]})
    return {"checked": len(rows), "projects": projects, "rules": list(by_rule.values())}


def counts(findings: Iterable[Finding | dict]) -> dict[str, int]:
    """How many findings of each severity."""
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f["severity"] if isinstance(f, dict) else f.severity] += 1
    return out
