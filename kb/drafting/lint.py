"""Goal-table checks from the national guidance (财预〔2015〕88号, 财预〔2021〕101号), for drafts and imported projects.

The rule set is data: `RULES` lists each rule's id, severity, one-line reason, check and, where one document says
it, its source; the word lists the checks use are data too. A check takes a `GoalTable` and yields (row index or
None, detail). To add a rule, write a check and append a `Rule`. The checks of the form's head (funding, periods,
placeholders) fire on what a table records: a draft records it all, an imported document little of it.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Any
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from kb.errors import KbError
from kb.vocab.levels import COST, EFFECT, OUTPUT, SATISFACTION, TIMELINESS, standard_levels
from kb.vocab.numbers import number, total
from kb.drafting import yth
from kb.find.precedents import family_key, normal_target
from kb.vocab.dates import dates_in, period_bounds
from kb.vocab.targets import QUALITATIVE, name_unit, parse_target, several_values
from kb.vocab.units import is_unit

SEVERITIES = ("error", "warning", "info")
FRAMEWORK_2021_FROM = 2022  # budget year from which 财预〔2021〕101号 applies (成本指标 a level 1 of its own)
REQUIRED = (OUTPUT, EFFECT, SATISFACTION)
SATISFACTION_FLOOR = 80.0  # %
SATISFACTION_RATE = re.compile(r"满意[度率][。.；;]*$")  # a name measuring satisfaction itself

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
    "增加",
    "增长",
    "不断",
    "持续",
    "降低",
    "减少",
)
INPUT_MEASURES = ("预算执行率", "资金到位率", "预算执行进度", "资金执行率", "支出进度", "资金支付率")
# Things of which less is better: an upper bound on their count is right.
NEGATIVE_WORDS = (
    "投诉",
    "故障",
    "事故",
    "违规",
    "违法",
    "不合格",  # 抽检不合格批次 ≤5批次
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
    "诉求",
    "纠纷",
    "事件",
    "错",  # 错链, 差错, 错误
    "出国",
    "出境",
    "公务接待",
    "负面",
    "通报",
    "避免",
)
# a name of money, not of things delivered: 总成本控制数 ≤577万元 is a ceiling rightly
NOT_COUNTED_WORDS = ("控制数", "成本", "费用", "经费")  # (资金扶持企业数 ≤30家 is a count)
# a year a target compares with, not one it names as its own (较2020年累计下降, 以2023年为基数)
DIGIT = re.compile(r"\d")
# a date's figures, which are no target's number: 2024年12月底, 6月30日, 2026-06-30
_DATE_WORDS = re.compile(
    r"(?:19|20)\d\d\s*(?:年度?|[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?)|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
)
# figures that name a thing, not how much: PM2.5, ISO9001, 5G, 3A级 (a letter before, or one capital after), 第3季度
_NAMING_FIGURES = re.compile(r"[A-Za-z]+\d+(?:\.\d+)?|\d+[A-Z](?![A-Za-z])|第?\d\s*季度")
_YEAR_MENTION = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:年(?:度|底|末)?|(?=[-./]\d))")
# just before a year it compares with: 较2020年, 较上年（2025年）, 高于2024年, 对标2024年 (not 比例)
_COMPARED_BEFORE = re.compile(r"较|比(?!例)|与|相对|对照|对标|高于|低于|超过|达到|不低于|不少于|持平")
# just after a year it compares with: 2020年为基数, 2020年基础上, 2020年以来 (not 2025年基础设施)
_COMPARED_AFTER = re.compile(
    r"\s*(?:(?:为|作为)?\s*(?:基数|基准|基期|\S{0,3}基础上)|(?:为|作为)\s*基础|水平|同期|以来|相比|标准|平均)"
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
    "批次",
    "台次",
    "条",
    "份",
    "处",
    "栋",
}
QUANTITATIVE_NAME = re.compile(r"(率|数|数量|人数|次数|金额|总额|面积|长度|时长|天数|比例|占比|比率|规模)$")
COST_NAME = re.compile(r"成本|费用|造价|单价")
MONEY_UNIT = re.compile(r"[千万亿]?元(?:/.+)?")  # 元, 万元, 元/人 …
# money given out at a standard (a lower bound is right) and money reviewed (a workload): no cost of the project
PAID_OUT_WORDS = ("标准", "补助", "补贴", "奖励", "慰问", "救助", "资助", "奖补", "抚恤", "津贴")
REVIEWED_WORDS = ("审查", "审核", "评审", "审减", "核减", "审计", "审定")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]\s*$")
# text left as the template's blank; a star between digits is a product (7*24小时), not a blank
PLACEHOLDER = re.compile(r"[Xx×]{2,}|某某|待填写|(?<![0-9])[*＊](?![0-9])")
# a row holding the place of classified content: a name or target 涉密 (涉密项目), a name left 待单位补充… (not a
# counted thing: 涉密载体销毁数量)
CLASSIFIED = re.compile(r"\s*(?:涉密(?:项目|内容|事项)?|待(?:单位|部门)?补充.*)\s*")
FUNDS_TOLERANCE = 0.1  # 万元
# a head sum in 万元 from this up (10 亿元) reads as one typed in 元: 1200000 under 财政拨款（万元） is 120 万元
YUAN_LIKELY = 100000.0
FUND_LABELS = {
    "total": "实施期资金总额",
    "amount": "年度资金总额",
    "fiscal": "财政拨款",
    "carryover": "上年结转",
    "other": "其他资金",
}
# 分值 sum to 100, or to 90 when 预算执行率 takes the other 10 outside the rows (71 of 87 weighted real tables)
FULL_WEIGHT, BUDGET_RATE_WEIGHT = 100.0, 10.0
TO_WAN = {"万元": 1.0, "元": 0.0001, "千元": 0.1, "亿元": 10000.0}
SATISFACTION_WORDS = ("满意", "认可度", "好评")
# a local level 2 holding one of these words stands rightly under its level 1 (北京: 成本指标/总成本指标)
LOCAL_LEVEL2_WORDS = {COST: ("成本",), SATISFACTION: ("满意",)}
GUIDE_2021 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
RULES_2015 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》"
YTH = "预算管理一体化系统 绩效指标导入模板"


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
    period_target: str = ""  # 实施期指标值 as written (multi-year projects)
    explanation: str = ""  # 指标解释
    scoring: str = ""  # 评（扣）分标准
    notes: tuple[str, ...] = ()  # its other texts (数据来源, 依据说明), checked for placeholders

    @property
    def bare_name(self) -> str:
        """The name without a trailing bracketed unit or note: '群众满意度（%）' → '群众满意度'."""
        return _BRACKETS.sub("", self.name).strip()


@dataclass(frozen=True)
class Copied:
    """A draft copied from last year's table (kb.drafting.copies): whether its rows are still as copied, and the
    annual amount then and now (万元)."""

    rows_unchanged: bool
    amount_then: float | None
    amount_now: float | None


@dataclass
class GoalTable:
    title: str
    year: int | None
    lines: list[Line]
    weights: list[float] = field(default_factory=list)  # scoring weights (分值), empty when the table has none
    unweighted: int = 0  # rows without a weight when others have one
    has_basis: bool = False  # the table records the basis of each value (drafts do; documents do not)
    missing_head: tuple[str, ...] = ()  # a draft's head fields left empty (their labels); documents: not checked
    head: dict[str, str] = field(default_factory=dict)  # the head's texts by label (项目名称, 年度目标 …)
    funds: dict[str, float | None] = field(default_factory=dict)  # total, amount, fiscal, carryover, other (万元)
    bounds: tuple[date, date] | None = None  # the 实施期's first and last day
    has_texts: bool = False  # each indicator records its 指标解释 and 评（扣）分标准 (drafts do; documents do not)
    copied: Copied | None = None  # a draft copied from last year's: what it still shares with it
    borrowed: tuple[tuple[int, str], ...] = ()  # rows (0-based) holding another project's figure, and that project
    imported: bool = False  # read from a published document (project_table), not a draft

    @property
    def framework(self) -> str:
        return "2021" if self.year is None or self.year >= FRAMEWORK_2021_FROM else "2015"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info
    reason: str  # one line: what the guidance asks
    check: Callable[[GoalTable], Iterable[tuple[int | None, str]]]
    source: str = ""  # the document of the national guidance that asks it


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
    guessed = sum(ln.inferred for ln in t.lines)
    if guessed and guessed == len(t.lines):
        zh, en = "（文件未写层级，按指标名称推断）", " (the document printed no levels: inferred from the names)"
    elif guessed:
        zh = f"（{guessed} 个指标文件未写层级，按名称推断）"
        en = f" ({guessed} indicators' levels inferred from their names)"
    else:
        zh = en = ""
    for level in REQUIRED:
        if level not in present:
            yield None, f"缺少{level}{zh} no {level}{en}"


def _cost_missing(t: GoalTable):
    if t.framework == "2021" and COST not in {ln.std_level1 for ln in t.lines}:
        yield None, f"缺少{COST}（预算年度 {t.year or '未注明'}，2021 年框架） no {COST}"


def _pair_allowed(level1: str, level2: str) -> bool:
    """Whether a written level 2 stands under its level 1 in either framework: 产出/成本 (2015) is fine in any year,
    as many provincial systems still print it; a local level 2 holding its level 1's word (成本指标/总成本指标) too."""
    written1 = standard_levels(level1, "")[0]
    std1, std2 = standard_levels("", level2)
    if written1 is None:
        return False
    if std2 is None:
        return any(w in level2 for w in LOCAL_LEVEL2_WORDS.get(written1, ()))
    return written1 == std1 or (written1 == OUTPUT and std1 == COST)


def _level_outside(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if ln.inferred or _pair_allowed(ln.level1, ln.level2) or t.imported and _local_level1(ln.level1):
            continue
        pair = f"{ln.level1 or '（空）'} / {ln.level2 or '（空）'}"
        std1, std2 = standard_levels("", ln.level2)
        if std1 and std2:
            yield n, f"{pair}：{std2}属于{std1} {std2} belongs under {std1}"
        else:
            yield n, f"{pair} 不是框架中的组合 is not a pair of the framework"


def _local_level1(level1: str) -> bool:
    """A level 1 of a province's own framework, which a published table may keep (山东: 投入与目标管理): no level of
    either national framework, and not left blank."""
    return bool(level1.strip()) and standard_levels(level1, "")[0] is None


def _no_target(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if ln.value is None and not ln.target.strip():  # an operator alone is none ('≤ 元': a template's sum left out)
            yield n, "没有指标值 no target value"


def _no_number(t: GoalTable):
    """A quantitative name (a satisfaction rate too: 满意度 满意) with a target of words; a range (5-10家) or several
    values (2天/≤250人/≥2次), kept as written rather than as one number (kb.vocab.targets), hold numbers."""
    for n, ln in enumerate(t.lines):
        if (
            (QUANTITATIVE_NAME.search(ln.bare_name) or SATISFACTION_RATE.search(ln.bare_name))
            and ln.value is None
            and (ln.operator or ln.target.strip())
            and not several_values(ln.target)
            and not DIGIT.search(_DATE_WORDS.sub("", unicodedata.normalize("NFKC", ln.target)))
        ):
            yield n, f"{ln.target or ln.operator!s} 没有数值 has no number"


# units a name's brackets give that kb.vocab.units does not know (it keys stored names: it is not changed here)
NAME_UNITS = frozenset(("工作日", "个工作日", "批次", "印", "千印", "印张"))
_NAME_BRACKET = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")


def _unit_in_name(name: str) -> bool:
    """Whether the name ends with its unit in brackets: （米）, （千印）, （工作日）, （元/户/月）; not （线上）."""
    found = _NAME_BRACKET.search(name)
    if found is None:
        return False
    return all(is_unit(part) or part in NAME_UNITS for part in unicodedata.normalize("NFKC", found.group(1)).split("/"))


def _no_unit(t: GoalTable):
    """A number without its unit, in the target or at the end of the name (文件印制数量（千印）, 时限（工作日）)."""
    for n, ln in enumerate(t.lines):
        unit = ln.unit or _unit_in_name(ln.name)
        if ln.value is not None and ln.operator not in (None, QUALITATIVE) and not unit:
            yield n, f"{normal_target(ln.operator, ln.value, ln.unit, ln.target)} 没有计量单位 has no unit"


def _vague(t: GoalTable):
    """A target of words such as 提高 with no number but a date's or a name's ('较上年提高2个百分点' says how much,
    'PM2.5浓度持续改善' does not)."""
    for n, ln in enumerate(t.lines):
        figures = _NAMING_FIGURES.sub("", _DATE_WORDS.sub("", unicodedata.normalize("NFKC", ln.target or "")))
        if ln.value is None and not DIGIT.search(figures):
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
    """A number of things delivered: named or counted so, no sum of money, nothing of which less is better."""
    counted = COUNT_NAME.search(ln.bare_name) is not None or (ln.unit or "") in COUNT_UNITS
    money = _is_money(ln.unit) or any(w in ln.name for w in NOT_COUNTED_WORDS)
    return counted and not money and not any(w in ln.name for w in NEGATIVE_WORDS + REDUCTION_WORDS)


def _direction_count(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if _upper_bound(ln) and _is_count(ln):
            yield n, f"交付数量设了上限 a count delivered with an upper bound ({ln.target or ln.operator})"


def _direction_satisfaction(t: GoalTable):
    for n, ln in enumerate(t.lines):
        if "满意" in ln.name and _upper_bound(ln):
            yield n, f"满意度设了上限 satisfaction with an upper bound ({ln.target or ln.operator})"


def _is_money(unit: str | None) -> bool:
    return MONEY_UNIT.fullmatch(unit or "") is not None


def _direction_cost(t: GoalTable):
    """A sum of money the project spends, bounded from below: not a rate, a count, a standard paid out or a sum
    reviewed; a level guessed from the name (带动企业研发投入) is no cost either."""
    for n, ln in enumerate(t.lines):
        costly = ln.std_level1 == COST and not ln.inferred or COST_NAME.search(ln.name)
        if (
            costly
            and ln.operator in ("≥", ">")
            and _is_money(ln.unit)
            and not any(w in ln.name for w in REDUCTION_WORDS + PAID_OUT_WORDS + REVIEWED_WORDS)
        ):
            yield n, f"成本设了下限 a cost with a lower bound ({ln.target or ln.operator})"


def _satisfaction_pct(ln: Line) -> float | None:
    """A satisfaction target as a percentage: 90%, 90 (no unit), 90分 (of 100), 0.9 (a share, no unit)."""
    if ln.value is None or ln.operator not in ("≥", ">", "="):
        return None
    if ln.unit == "%" or ln.unit is None and 1 < ln.value <= 100 or ln.unit == "分" and 20 < ln.value <= 100:
        return ln.value  # (4.5分 or 12分 are of a scale of 5, 10 or 15, not a share)
    return ln.value * 100 if ln.unit is None and 0 < ln.value <= 1 else None


def _satisfaction_low(t: GoalTable):
    floor = f"{number(SATISFACTION_FLOOR)}%"
    for n, ln in enumerate(t.lines):
        pct = _satisfaction_pct(ln) if "满意" in ln.name else None
        if pct is not None and pct < SATISFACTION_FLOOR:
            read = "" if ln.unit == "%" else f"（{ln.target or number(ln.value)} 按 {number(pct)}% 计）"
            yield n, f"{number(pct)}%{read} 低于 {floor} is under {floor}"


def _satisfaction_misfiled(t: GoalTable):
    """A satisfaction rate (…满意度 ≥95%) the document files under 产出, 效益 or 成本; a 效益 row about satisfaction
    growing (提升学生满意度与幸福感 优) is no rate, nor a report about one (满意度调查报告验收通过率)."""
    for n, ln in enumerate(t.lines):
        if (
            not ln.inferred
            and ln.std_level1 in (OUTPUT, EFFECT, COST)
            and SATISFACTION_RATE.search(ln.bare_name)
            and _satisfaction_pct(ln) is not None
        ):
            yield n, f"满意度填在{ln.std_level1}下，应列入{SATISFACTION} filed under {ln.std_level1}"


def _input_under_output(t: GoalTable):
    for n, ln in enumerate(t.lines):
        words = [w for w in INPUT_MEASURES if w in ln.name]
        if ln.std_level1 == OUTPUT and words:
            yield n, f"{words[0]}衡量的是支出而非产出 measures spending, not output"


def _duplicate(t: GoalTable):
    """One indicator twice: the same name (or another spelling of it) in the same unit. An item's count and its cost
    are two (教学硬件设备 ＝2套 and ≤15.6万元; 培训费用(次) ≤6 and 培训费用(元/次) ≤20000)."""
    first: dict[tuple[str, str | None], int] = {}
    for n, ln in enumerate(t.lines):
        # spellings of one indicator too (kb.vocab.families): 满意率 and 满意度
        key = (family_key(ln.name), ln.unit or name_unit(ln.name))
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
    """100, or 90 when 预算执行率 (10 points) is scored outside the indicator rows: none of them is it."""
    if not t.weights:
        return
    weights = total(t.weights)
    budget_row = any(w in ln.name for ln in t.lines for w in INPUT_MEASURES)
    allowed = (FULL_WEIGHT,) if budget_row else (FULL_WEIGHT, FULL_WEIGHT - BUDGET_RATE_WEIGHT)
    if any(abs(weights - ok) <= 0.01 for ok in allowed):
        return
    note = f"（{t.unweighted} 行没有分值 rows have no weight）" if t.unweighted else ""
    told = "合计应为 100" if budget_row else "合计应为 100，或 90（另 10 分为预算执行率）"
    yield (
        None,
        f"分值合计 {number(weights)}，{told}{note} the weights sum to {number(weights)}: make them 100"
        + ("" if budget_row else ", or 90 with 10 for the budget's execution rate"),
    )


def _head_missing(t: GoalTable):
    if t.missing_head:
        yield None, f"未填 {'、'.join(t.missing_head)} not filled in"


def _basis_missing(t: GoalTable):
    if t.has_basis:
        for n, ln in enumerate(t.lines):
            if not ln.basis and (ln.operator or ln.target):
                yield n, "未记录设定依据 no basis recorded"


def _funds_sum(t: GoalTable):
    f = t.funds
    parts = [f.get(k) for k in ("fiscal", "carryover", "other")]
    amount = f.get("amount")
    if amount is not None and any(p is not None for p in parts):
        added = total(p for p in parts if p is not None)
        if abs(amount - added) > FUNDS_TOLERANCE:
            yield (
                None,
                f"年度资金总额 {number(f['amount'])} 万元 ≠ 财政拨款 + 上年结转 + 其他资金 = {number(added)} 万元 "
                f"the annual amount is not the sum of its sources",
            )


def _funds_in_yuan(t: GoalTable):
    """A sum of 10 亿元 or more in a head whose sums are in 万元 is one typed in 元 far more often than a project's:
    every other check then reads it ten thousand times too large, silently."""
    for key, label in FUND_LABELS.items():
        value = t.funds.get(key)
        if value is not None and value >= YUAN_LIKELY:
            yield (
                None,
                f"{label} {number(value)} 万元即 {number(value / 10000)} 亿元：像是按元填写的，按万元应为 "
                f"{number(value / 10000)} the head's sums are in 万元: {number(value)} looks typed in 元",
            )


def _placeholder(t: GoalTable):
    for label, text in t.head.items():
        if m := PLACEHOLDER.search(text or ""):
            yield None, f"{label}中有占位符“{m.group()}” a placeholder left in {label}"
    for n, ln in enumerate(t.lines):
        for text in (ln.name, ln.target, ln.period_target, ln.explanation, ln.scoring, *ln.notes):
            if m := PLACEHOLDER.search(text or ""):
                yield n, f"“{text}”中有占位符“{m.group()}” a placeholder left"
                break


def _deadline(t: GoalTable) -> date | None:
    """The last day a deadline may name: the 实施期's end, else the budget year's; none for a published table without
    its 实施期 (a service running across the year's end is normal there)."""
    if t.bounds:
        return t.bounds[1]
    return date(t.year, 12, 31) if t.year and not t.imported else None


def _timely_after_end(t: GoalTable):
    end = _deadline(t)
    for n, ln in enumerate(t.lines):
        if end and "时效" in f"{ln.std_level2 or ''}{ln.level2}":
            late = [d for d in dates_in(f"{ln.name} {ln.target} {ln.explanation}") if d > end]
            if late:
                what = "实施期结束" if t.bounds else f"{t.year} 年底"
                yield n, f"{late[0].isoformat()} 晚于{what} {end.isoformat()} is after the project's end"


def _earlier_years(text: str, year: int) -> list[int]:
    """Years before `year` a target names as its own, not as the base it compares with: a comparing word just
    before the year (较2020年, 比2020年, 与2020年相比) or a base word just after it (2020年为基数, 2020年以来)."""
    text = unicodedata.normalize("NFKC", text or "")
    found = []
    for m in _YEAR_MENTION.finditer(text):
        before, after = text[max(0, m.start() - 6) : m.start()], text[m.end() : m.end() + 6]
        if int(m.group(1)) < year and not _COMPARED_BEFORE.search(before) and not _COMPARED_AFTER.match(after):
            found.append(int(m.group(1)))
    return found


def _other_year(t: GoalTable):
    """A target or annual goal naming a year before the table's: a copy of an earlier table left stale. Years in a
    name are the thing named (2025年运维服务项目尾款, 2026-2030年规划), a later year is timely-after-end's."""
    if not t.year:
        return
    # a published goal tells its history (2025年度案卷装订, a 2020 file's date): only a draft's is held to its year
    if not t.imported and (earlier := _earlier_years(t.head.get("年度目标", ""), t.year)):
        yield None, f"年度目标写了 {earlier[0]} 年，表是 {t.year} 年度的 the annual goal names an earlier year"
    for n, ln in enumerate(t.lines):
        if earlier := _earlier_years(ln.target, t.year):
            yield (
                n,
                f"指标值写了 {earlier[0]} 年，表是 {t.year} 年度的 "
                f"the target names {earlier[0]}, the table is for {t.year}",
            )


# a project paid on from an earlier year, rightly named by it: 2025年…尾款, 质保金, 上年结转, 2025年中央…补助资金
_PAID_ON = re.compile(r"尾款|质保金|结转|结余|上年|资金$")


def _name_earlier_year(t: GoalTable):
    """The project's name naming last year alone (2026年文化惠民演出 in a 2027 table): last year's name copied, as a
    copy a year on would have moved it (kb.drafting.copies.moved_on). Not a name of the year a project began
    (2023年…平台建设项目, 2024-2025年运维项目) or of money paid on (`_PAID_ON`): a note for the reviewer, no fault."""
    name = unicodedata.normalize("NFKC", (t.title if t.imported else t.head.get("项目名称", "")) or "")
    years = {int(m.group(1)) for m in _YEAR_MENTION.finditer(name)}
    if t.year and years == {t.year - 1} and not _PAID_ON.search(name):
        yield (
            None,
            f"项目名称写了 {t.year - 1} 年，表是 {t.year} 年度的：延续项目是否照抄了上年的名称？ "
            f"the project's name names last year ({t.year - 1})",
        )


# what may stand between a name in the 年度目标 and the level it sets: a comparing word, not a change (提高5%)
_GOAL_LEVEL = re.compile(
    r"\s*(?:(?:不低于|不少于|至少|不高于|不超过|不多于|控制在|保持在|稳定在|达到|达|高于|低于|超过|提升至|提高至|提高到|"
    r"提升到|降低至|降至|下降至|为|在|是|[≥≤<>=＞＜≧≦])\s*)*(?=\d)"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GOAL_CLAUSE_END = re.compile(r"[，,。；;、：:！!？?\n（(]")


def _goal_differs(t: GoalTable):
    """The 年度目标 giving an indicator, by its whole name, another value than its row (满意度不低于80% above a row's
    ≥90%): one of them was not updated. Only a level set right after the name is compared, in the row's unit."""
    goal = unicodedata.normalize("NFKC", t.head.get("年度目标", ""))
    values: dict[str, set[tuple[float, str | None]]] = {}
    for ln in t.lines:
        if ln.value is not None:
            values.setdefault(ln.bare_name, set()).add((ln.value, ln.unit))
    told = set()
    for n, ln in enumerate(t.lines):
        name = ln.bare_name
        if ln.value is None or len(name) < 3 or name in told:
            continue
        for found in re.finditer(re.escape(name), goal):
            if found.start() and _HAN.match(goal, found.start() - 1):
                continue  # the end of a longer name (群众满意度 for a row 满意度)
            level = _GOAL_LEVEL.match(goal, found.end())
            if not level:
                continue
            said = _GOAL_CLAUSE_END.split(goal[level.start() : level.start() + 24], maxsplit=1)[0]
            stated = parse_target(said)
            if stated.value is None or stated.unit != ln.unit or (stated.value, ln.unit) in values[name]:
                continue
            told.add(name)
            target = ln.target or f"{ln.operator or ''}{number(ln.value)}{ln.unit or ''}"
            yield n, f"年度目标写“{name}{said.strip()}”，指标值是 {target} the annual goal gives another value"
            break


def _annual_over_period(t: GoalTable):
    f = t.funds
    amount, period_total = f.get("amount"), f.get("total")
    if amount is not None and period_total is not None and amount > period_total + FUNDS_TOLERANCE:
        yield (
            None,
            f"年度资金总额 {number(f['amount'])} 万元大于实施期资金总额 {number(f['total'])} 万元 "
            "the annual amount is above the whole period's",
        )
    for n, ln in enumerate(t.lines):
        if not ln.period_target or ln.value is None or ln.operator not in ("≥", ">", "="):
            continue
        whole = parse_target(ln.period_target, name=ln.name)
        if whole.value is not None and whole.unit == ln.unit and ln.unit != "%" and ln.value > whole.value:
            yield n, f"年度 {ln.target} 大于实施期 {ln.period_target} the annual target is above the whole period's"


def _precedent_target(t: GoalTable):
    """The rows kept from one project share one short detail (their figures are in the table), one entry in the
    app's checks box and in `kb draft lint`: each row's four lines had filled the box at 80×24."""
    for n, project in t.borrowed:
        yield (
            n,
            (
                f"指标值照抄自{project}：请按本项目核定，或按 k 确认（kb draft set --own）"
                " copied: set it, or keep it (k)"
            ),
        )


def _year_outside_period(t: GoalTable):
    if t.bounds and t.year and not t.bounds[0].year <= t.year <= t.bounds[1].year:
        first, last = t.bounds[0].year, t.bounds[1].year
        span = f"{first}" if first == last else f"{first}—{last}"
        yield None, f"表是 {t.year} 年度的，实施期却是 {span} 年 the budget year lies outside the period"


def _annual_equals_period(t: GoalTable):
    f, bounds = t.funds, t.bounds
    if (
        bounds is not None
        and bounds[1].year > bounds[0].year
        and f.get("amount") is not None
        and f.get("amount") == f.get("total")
    ):
        yield (
            None,
            f"实施期 {bounds[0].year}—{bounds[1].year} 年，年度资金总额却等于实施期资金总额 "
            f"{number(f['amount'])} 万元 a multi-year project's annual amount equals the whole period's",
        )


def _cost_over_budget(t: GoalTable):
    """The 成本 rows' money above the annual amount. A row of the whole project's cost (`_whole_cost`, or a row of
    the annual amount itself: 大厅运转成本 ≤145 of 145万元) restates its parts, so the larger of the wholes and the
    parts' sum counts; a year without money (0) holds no costs to compare."""
    budget = t.funds.get("amount")
    if not budget:
        return
    wholes: list[float] = []
    parts: list[float] = []
    for ln in t.lines:
        if (
            (ln.std_level1 == COST or ln.std_level2 == "成本指标")
            and ln.value is not None
            and ln.unit in TO_WAN
            and ln.operator in ("≤", "<", "=")
        ):
            wan = ln.value * TO_WAN[ln.unit]
            whole = _whole_cost(ln, t.title) or abs(wan - budget) <= FUNDS_TOLERANCE
            (wholes if whole else parts).append(wan)
    spent = max(max(wholes, default=0.0), total(parts))
    if spent > budget + FUNDS_TOLERANCE:
        yield (
            None,
            f"成本指标合计 {number(spent)} 万元，超过年度资金总额 {number(budget)} 万元 the costs sum above the budget",
        )


TOTAL_SHARE = 0.5  # a whole project's cost under this share of the annual amount is not this project's
# a cost row naming the whole, not a part's total (法律服务总成本, 项目总成本中新市民家庭补贴成本, 项目支出控制数)
WHOLE_COST = re.compile(r"(?:本?项目|本年度?|年度|全年)?(?:总支出|总成本|总投入|总费用)(?:控制数)?")


def _whole_cost(ln: Line, title: str) -> bool:
    """A row naming the whole project's cost: 项目总支出, 本年总成本, the project's own name alone (信访业务工作经费
    ≤75万元 in its table) or before 总成本."""
    name = ln.bare_name.replace(title, "") if title else ln.bare_name
    return not name or WHOLE_COST.fullmatch(name) is not None


def _cost_total_far_below(t: GoalTable):
    budget = t.funds.get("amount")
    if not budget:
        return
    for n, ln in enumerate(t.lines):
        if (
            (ln.std_level1 == COST or ln.std_level2 == "成本指标")
            and _whole_cost(ln, t.title)
            and ln.value is not None
            and ln.unit in TO_WAN
            and ln.value * TO_WAN[ln.unit] < budget * TOTAL_SHARE
        ):
            yield (
                n,
                (
                    f"{ln.target or number(ln.value)} 不到年度资金总额 {number(budget)} 万元的一半，"
                    "可能是别的项目的数 the whole project's cost is under half its budget"
                ),
            )


def _benefit_only_satisfaction(t: GoalTable):
    benefits = [n for n, ln in enumerate(t.lines) if ln.std_level1 == EFFECT]
    if benefits and all(any(w in t.lines[n].name for w in SATISFACTION_WORDS) for n in benefits):
        yield None, "效益指标只有满意度类指标，满意度另列满意度指标 效益 holds only satisfaction measures"


def _copied_unchanged(t: GoalTable):
    c = t.copied
    if c is None or not c.rows_unchanged or c.amount_then is None or c.amount_now is None:
        return
    if abs(c.amount_now - c.amount_then) > FUNDS_TOLERANCE:
        yield (
            None,
            f"指标与上年的目标表一字未改，年度资金却从 {number(c.amount_then)} 万元变为 {number(c.amount_now)} 万元："
            "按今年的资金和任务重新核定指标值 copied unchanged from last year while the budget changed",
        )


def _export_shape(t: GoalTable):
    if t.has_texts:
        yield from ((n - 1, what) for n, kind, what in yth.limits(t.lines) if kind == "long")


def _texts_missing(t: GoalTable):
    if t.has_texts:
        missing: dict[int, list[str]] = {}
        for n, kind, what in yth.limits(t.lines):
            if kind == "text":
                missing.setdefault(n - 1, []).append(what.split(" ")[0].removeprefix("缺少"))
        for n, names in missing.items():
            yield n, f"未写{'、'.join(names)} not written"


RULES: tuple[Rule, ...] = (
    Rule(
        "levels-missing",
        "error",
        "目标表须有产出、效益和满意度指标 every table has 产出, 效益 and 满意度 indicators",
        _levels_missing,
        GUIDE_2021,
    ),
    Rule(
        "cost-missing",
        "warning",
        "2021 年框架（2022 预算年度起）还要求成本指标 the 2021 framework asks for 成本 indicators too",
        _cost_missing,
        GUIDE_2021,
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
        "satisfaction-misfiled",
        "warning",
        "满意度（率）列入满意度指标，不列入产出、效益或成本指标 a satisfaction rate goes under 满意度指标",
        _satisfaction_misfiled,
        GUIDE_2021,
    ),
    Rule(
        "input-under-output",
        "warning",
        "投入类指标（预算执行率、资金到位率）不是产出指标 input measures are not 产出 indicators",
        _input_under_output,
    ),
    Rule("duplicate", "warning", "每个指标只出现一次 each indicator appears once", _duplicate),
    Rule("too-few", "warning", "目标表至少要有三个指标 a goal table has at least three indicators", _too_few),
    Rule(
        "weights-sum",
        "error",
        "分值合计为 100，或 90（另 10 分为预算执行率） scoring weights (分值) sum to 100, or 90 beside 预算执行率's 10",
        _weights_sum,
    ),
    Rule(
        "head-missing",
        "error",
        "绩效目标表表头须填全：项目名称、主管部门、实施单位、项目属性、实施期、年度资金总额、年度目标 the form's head "
        "needs every field",
        _head_missing,
        RULES_2015,
    ),
    Rule(
        "funds-sum",
        "error",
        f"年度资金总额 = 财政拨款 + 上年结转 + 其他资金（差额不超过 {number(FUNDS_TOLERANCE)} 万元） the annual amount "
        "is the sum of its sources",
        _funds_sum,
        GUIDE_2021,
    ),
    Rule(
        "funds-in-yuan",
        "warning",
        "表头的资金以万元填写（1 万元 = 10000 元） the head's sums are in 万元 (10,000 yuan)",
        _funds_in_yuan,
    ),
    Rule(
        "placeholder",
        "error",
        "不得留下模板占位符（XX、××、某某、待填写、*） no template placeholder may be left",
        _placeholder,
        GUIDE_2021,
    ),
    Rule(
        "timely-after-end",
        "error",
        "时效指标的完成时间不晚于项目实施期结束（草稿无实施期时不晚于年底） a deadline lies within the project's "
        "period",
        _timely_after_end,
        GUIDE_2021,
    ),
    Rule(
        "other-year",
        "warning",
        "年度目标和指标值不写以前的年度（对比基数除外） an annual target names no earlier year (a base compared with "
        "aside)",
        _other_year,
        GUIDE_2021,
    ),
    Rule(
        "name-earlier-year",
        "info",
        "项目名称不照抄上年的年度（尾款、质保金、上年资金除外） a project's name is not last year's",
        _name_earlier_year,
    ),
    Rule(
        "goal-differs",
        "warning",
        "年度目标与指标值一致 the annual goal and the indicators give the same values",
        _goal_differs,
        GUIDE_2021,
    ),
    Rule(
        "annual-over-period",
        "error",
        "年度目标和资金不超过实施期（中期）的 an annual target or amount stays within the whole period's",
        _annual_over_period,
        GUIDE_2021,
    ),
    Rule(
        "year-outside-period",
        "error",
        "预算年度在项目实施期内 the budget year lies within the project's period",
        _year_outside_period,
    ),
    Rule(
        "annual-equals-period",
        "warning",
        "跨年度项目的年度资金不应等于实施期资金总额（长期与年度混淆） a multi-year project's annual amount is a share "
        "of the whole",
        _annual_equals_period,
        GUIDE_2021,
    ),
    Rule(
        "cost-over-budget",
        "error",
        "成本指标合计不超过年度资金总额 the 成本 indicators sum within the budget",
        _cost_over_budget,
        GUIDE_2021,
    ),
    Rule(
        "cost-total-low",
        "warning",
        "项目总成本类指标应与年度资金总额相当 a cost indicator of the whole project is about its budget",
        _cost_total_far_below,
        GUIDE_2021,
    ),
    Rule(
        "benefit-only-satisfaction",
        "error",
        "效益指标须反映项目效益，满意度列入满意度指标 效益 measures effects; satisfaction goes under 满意度",
        _benefit_only_satisfaction,
        GUIDE_2021,
    ),
    Rule(
        "precedent-target",
        "warning",
        "指标值按本项目的资金和任务核定，不照搬其他项目的数量 a target is this project's, not a figure kept from the "
        "similar project it was taken from",
        _precedent_target,
        GUIDE_2021,
    ),
    Rule(
        "copied-unchanged",
        "warning",
        "延续项目的目标按当年资金和任务重新设定（零基预算），不照搬上年 a continuing project's targets are set "
        "again for this year's funds and tasks, not copied",
        _copied_unchanged,
        GUIDE_2021,
    ),
    Rule(
        "export-shape",
        "warning",
        f"一体化导入：指标名称不超过 {yth.MAX_NAME} 字、指标值不超过 {yth.MAX_TARGET} 字 the 一体化 import sheet's "
        "limits",
        _export_shape,
        YTH,
    ),
    Rule(
        "texts-missing",
        "info",
        "每个指标写明指标解释和评（扣）分标准（一体化导入必填） each indicator explains itself and how it is scored",
        _texts_missing,
        YTH,
    ),
    Rule(
        "basis-missing",
        "info",
        "每个指标值记录设定依据（计划标准、行业标准、历史标准、预算支出标准） each value records its basis",
        _basis_missing,
    ),
)


def classified(ln: Line) -> bool:
    """A row standing for content not published (涉密, 待单位补充…): nothing of it can be checked."""
    return any(CLASSIFIED.fullmatch(text) for text in (ln.name, ln.target))


def run(table: GoalTable, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of `rules` on `table`, in rule order then row order; none on a table of classified rows."""
    if table.lines and all(classified(ln) for ln in table.lines):
        return []
    findings = []
    for rule in rules:
        for n, detail in rule.check(table):
            name = table.lines[n].name if n is not None else ""
            findings.append(Finding(rule.id, rule.severity, rule.reason, None if n is None else n + 1, name, detail))
    return findings


REQUIRED_HEAD = ("project_name", "department", "implementing_unit", "attribute", "period", "amount_wan", "goal", "year")
MULTI_YEAR_HEAD = ("total_wan", "period_goal")  # required too when the 实施期 spans years


def draft_table(draft) -> GoalTable:
    """A kb.drafting.drafts.Draft as a GoalTable."""
    from kb.drafting.drafts import HEAD_FIELDS

    lines = []
    for r in draft.rows:
        std1, std2 = standard_levels(r.level1, r.level2) if (r.level1 or r.level2) else (None, None)
        texts = dict(explanation=r.explanation or "", scoring=r.scoring or "", period_target=r.period_target or "")
        notes = tuple(t for t in (r.data_source, r.basis_text) if t)
        lines.append(
            Line(
                r.name,
                r.level1,
                r.level2,
                std1,
                std2,
                False,
                r.operator,
                r.value,
                r.unit,
                r.target,
                r.basis,
                **texts,
                notes=notes,
            )
        )
    weights = [r.weight for r in draft.rows if r.weight is not None]
    bounds = draft.bounds
    required = REQUIRED_HEAD + (MULTI_YEAR_HEAD if bounds and bounds[1].year > bounds[0].year else ())
    label = lambda key: HEAD_FIELDS[key][0].split("（")[0]  # noqa: E731
    head_texts = ("project_name", "department", "implementing_unit", "period_goal", "goal")
    return GoalTable(
        draft.name,
        draft.year,
        lines,
        weights,
        len(draft.rows) - len(weights) if weights else 0,
        has_basis=True,
        missing_head=tuple(label(k) for k in required if getattr(draft, k) in (None, "")),
        head={label(k): getattr(draft, k) for k in head_texts if getattr(draft, k)},
        funds={
            "total": draft.total_wan,
            "amount": draft.amount_wan,
            "fiscal": draft.fiscal_wan,
            "carryover": draft.carryover_wan,
            "other": draft.other_wan,
        },
        bounds=bounds,
        has_texts=True,
    )


def project_table(conn: sqlite3.Connection, project_id: int) -> GoalTable:
    """An imported project's goal table, with its weights (分值): its evaluation items' where it has them, else its
    indicators'."""
    project = conn.execute(
        "SELECT name, year, goal, amount_wan, period FROM projects WHERE id = ?", (project_id,)
    ).fetchone()
    if project is None:
        raise KbError(f"没有编号为 {project_id} 的项目 no project with id {project_id} (see kb projects)")
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
    # the scoring table's 分值 where the document has one (评价指标), else the indicators' own
    weights = [
        r[0]
        for r in conn.execute(
            "SELECT weight FROM evaluation_items WHERE project_id = ? AND weight IS NOT NULL ORDER BY seq",
            (project_id,),
        )
    ]
    unweighted = 0
    if not weights:
        rows = conn.execute("SELECT weight FROM indicators WHERE project_id = ? ORDER BY seq", (project_id,)).fetchall()
        weights = [r[0] for r in rows if r[0] is not None]
        unweighted = len(rows) - len(weights) if weights else 0
    head = {"年度目标": project["goal"]} if project["goal"] else {}
    return GoalTable(
        project["name"],
        project["year"],
        lines,
        weights,
        unweighted,
        head=head,
        funds={"amount": project["amount_wan"]},
        bounds=period_bounds(project["period"]),
        imported=True,
    )


def lint_project(conn: sqlite3.Connection, project_id: int) -> list[Finding]:
    """The rules on an imported goal table, and its targets against last year's self-evaluated actuals."""
    from kb.review.self_evaluations import below_last_actual

    return run(project_table(conn, project_id)) + below_last_actual(conn, project_id)


def lint_draft(conn: sqlite3.Connection, key: int | str) -> list[Finding]:
    from kb.drafting.drafts import open_draft

    return draft_findings(conn, open_draft(conn, key))


def draft_findings(conn: sqlite3.Connection, draft) -> list[Finding]:
    """The rules on a kb.drafting.drafts.Draft, and its targets against last year's self-evaluated actuals (of the
    project it was copied from, or of its name)."""
    from kb.review.self_evaluations import draft_below_last_actual

    table = replace(draft_table(draft), copied=_copied(conn, draft), borrowed=_borrowed(conn, draft))
    return run(table) + draft_below_last_actual(conn, draft)


_BUDGET_YEAR = re.compile(r"^\s*(?:19|20)\d\d(?:年度?)?")  # (link_key keeps `2024` of 2024科技补贴, moved on in a copy)


def _borrowed(conn: sqlite3.Connection, draft) -> tuple[tuple[int, str], ...]:
    """Rows taken from one other project (a similar project's, a one-project template row) still holding its figure
    (`培训人数 ≥1200人次`): that project's scale, set for its funds and region. A 时效指标's deadline, a score, a rate
    (%, ‰) or a zero is left (`≤12月`, ≥90分, ≥95%, 有责投诉数 =0 are common standards), and so is the draft's own
    project's: the one a copy of last year's table was made from (kb.drafting.copies; `copied-unchanged`), and one of
    its 项目名称 and unit (a duplicate of that copy, its own earlier table ticked among the similar projects), as
    kb.ingest.links matches a self-evaluation to it."""
    from kb.drafting.suggest import RATES
    from kb.ingest.links import link_key, same_unit
    from kb.review.self_evaluations import copied_project

    ids = sorted({s for r in draft.rows if r.value is not None for s in r.sources})
    if not ids:
        return ()
    own, named = copied_project(conn, draft.source), link_key(_BUDGET_YEAR.sub("", draft.project_name or draft.name))

    def ours(i) -> bool:
        return i["project_id"] == own or bool(
            draft.department
            and same_unit(i["department"], draft.department)
            and link_key(_BUDGET_YEAR.sub("", i["name"])) == named
            and (not i["region"] or not draft.region or i["region"] == draft.region)
        )

    taken = {
        i["id"]: i
        for i in conn.execute(
            f"""SELECT i.id, i.project_id, i.operator, i.value, i.unit, p.name, p.region, p.year, p.department
            FROM indicators i JOIN projects p ON p.id = i.project_id WHERE i.id IN ({",".join("?" * len(ids))})""",
            ids,
        )
    }
    out = []
    for n, r in enumerate(draft.rows):
        found = [taken[s] for s in r.sources if s in taken]
        standard = r.level2 == TIMELINESS or r.unit in (*RATES, "分")
        if standard or r.owned or not r.value or len({i["project_id"] for i in found}) != 1:
            continue
        i = found[0]
        if not ours(i) and any((p["operator"], p["value"], p["unit"]) == (r.operator, r.value, r.unit) for p in found):
            where = "、".join(str(v) for v in (i["region"], i["year"]) if v)
            out.append((n, f"「{i['name']}」" + (f"（{where}）" if where else "")))
    return tuple(out)


_TARGET_COLUMNS = ("level1", "level2", "name", "operator", "value", "unit", "text")


def _copied(conn: sqlite3.Connection, draft) -> Copied | None:
    """What a copy of last year's table still shares with it: its first version is the copy as made."""
    from kb.drafting.history import state, stored

    if not draft.source:
        return None
    first = conn.execute("SELECT min(number) FROM draft_versions WHERE draft_id = ?", (draft.id,)).fetchone()[0]
    if first is None:
        return None
    then, now = stored(conn, draft.id, first), state(conn, draft.id)
    rows = lambda kept: [tuple(r.get(k) for k in _TARGET_COLUMNS) for r in kept["rows"]]  # noqa: E731
    return Copied(rows(then) == rows(now), then["head"].get("amount_wan"), now["head"].get("amount_wan"))


def lint_all(
    conn: sqlite3.Connection, region: str | None = None, year: int | None = None, department: str | None = None
) -> dict:
    """Every imported project and department-wide table checked (or those of a part of a region's or department's
    name, a year): {'projects': [{id, name, department, region, year, findings}], 'rules': [{id, severity, reason,
    projects, findings}], 'checked': projects, 'department_tables': department-wide tables (部门整体, a name marked
    so: kb.find.queries.listed_name)} — rules in RULES order, those with findings only."""
    from kb.find.queries import DEPARTMENT, list_filters, listed_name
    from kb.review.self_evaluations import BELOW_LAST_ACTUAL, RULES as REVIEW

    projects = []
    by_rule: dict[str, dict[str, Any]] = {
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
    where, params = list_filters("projects", region, year, department)
    rows = conn.execute(
        f"""SELECT id, name, department, region, year, kind = '{DEPARTMENT}' AS whole FROM projects
        WHERE 1{where} ORDER BY id""",
        params,
    ).fetchall()
    for p in rows:
        findings = lint_project(conn, p["id"])
        for f in findings:
            entry = by_rule[f.rule]
            entry["findings"] += 1
            if p["id"] not in entry["projects"]:
                entry["projects"].append(p["id"])
        if findings:
            shown = dict(p)
            shown["name"] = listed_name(p["name"], shown.pop("whole"))
            projects.append({**shown, "findings": [asdict(f) for f in findings]})
    whole = sum(p["whole"] for p in rows)
    return {
        "checked": len(rows) - whole,
        "department_tables": whole,
        "projects": projects,
        "rules": list(by_rule.values()),
    }


def counts(findings: Iterable[Finding | dict]) -> dict[str, int]:
    """How many findings of each severity."""
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f["severity"] if isinstance(f, dict) else f.severity] += 1
    return out


def before_handing_in(findings: Iterable[Finding], name: str, where: str = "") -> str | None:
    """What an export says of the checks a draft still fails (errors and warnings; notes are not told), else None;
    `where` they are listed (the command's by default)."""
    found = counts(findings)
    if not (found["error"] or found["warning"]):
        return None
    failed = [(s, word) for s, word in (("error", "错误"), ("warning", "警告")) if found[s]]
    told = "、".join(f"{found[s]} 个{word}" for s, word in failed)
    said = ", ".join(f"{found[s]} {s}{'' if found[s] == 1 else 's'}" for s, _ in failed)
    return (
        f"注意：检查发现 {told}，交表前请处理（{where or f'kb lint --draft {name!r}'}） the draft fails checks: {said}"
    )
