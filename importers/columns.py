"""The words of the national goal forms: which header names which indicator column, which head label names which
project field. Shared by the layouts that read tables by their headers (grid-form, flat-sheet).

Headers and labels are compared as keys: without spaces or line breaks, a required-field star, a trailing colon,
a '其中：' prefix or a parenthesised note ('分值（90分）' → '分值'; the note is kept where it says a money unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from importers.cells import CACHE_SIZE, clean, joined, squash
from importers.level_words import is_level1, is_level2, split_levels

# indicator table header → field; the first word of each tuple is the usual one
INDICATOR_HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级指标名称", "一级"),
    "level2": ("二级指标", "二级指标名称", "二级"),
    "name": (
        "三级指标",
        "三级",
        "考核内容",
        "考核指标",
        "三级指标名称",
        "指标名称",
        "指标内容",
        "绩效指标名称",
        "具体指标",
        "三级指标内容",
        "具体指标名称",
        "三级绩效指标名称",  # the 预算管理一体化 system's export (and import sheet)
        "三级绩效指标",
    ),
    "target": (
        "指标值",
        "年度指标值",
        "本年绩效指标值",
        "绩效指标值",
        "目标值",
        "年度目标值",
        "本年指标值",
        "预期目标值",
        "年度指标值（A）",
        "指标目标值",
        "绩效目标值",
        "预期值",
        "计划值",
        "年初目标值",
        "年初指标值",
        "标准值",
        "数值",  # under 指标值 beside 运算符 and 单位
    ),
    "period_target": ("实施周期指标值", "实施期指标值", "中期指标值", "实施期目标值"),
    "operator": ("绩效指标性质", "指标性质", "指标值类型", "运算符", "运算符号", "指标方向", "指标方向性", "符号"),
    "unit": ("度量单位", "计量单位", "绩效度量单位", "指标值单位", "单位"),
    "weight": ("分值", "权重", "分值权重", "指标权重", "指标分值", "权重分值", "分值（权重）"),
    "actual": ("实际完成值", "全年实际值", "实际值", "实际完成值（B）", "完成值", "全年实际完成值", "实际完成指标值"),
    "score": ("得分", "自评得分", "评分", "指标得分", "自评分", "实际得分"),
    # an actual's sign and unit in columns of their own (实际完成值 over 符号 | 数值 | 单位)
    "actual_operator": ("完成值符号", "实际完成值符号", "实际值符号"),
    "actual_unit": ("完成值单位", "实际完成值单位", "实际值单位"),
    # a period target's sign and unit in columns of their own (实施期指标值 over 指标性质 | 指标值 | 计量单位)
    "period_operator": ("实施期指标性质", "实施期运算符"),
    "period_unit": ("实施期计量单位", "实施期度量单位"),
}
# an indicator's kind: a note; where the table has no level columns, its cell may hold both levels ('产出指标-数量指标')
KIND_HEADERS = ("指标类型", "指标类别")
# columns kept per indicator under their header (RawIndicator.notes)
NOTE_HEADERS = (
    "偏差原因分析及改进措施",
    "偏差原因分析",
    "偏差原因",
    "偏差原因及改进措施",
    "未完成原因分析",
    "未完成原因",
    "未完成原因及改进措施",
    "未完成原因分析及改进措施",
    "原因分析及改进措施",
    "原因分析",
    "改进措施",
    "整改措施",
    "三级绩效指标代码",
    "指标代码",
    "活动",
    "指标解释",
    "指标值内容",
    "指标说明",
    "绩效指标说明",
    "指标定义",
    "评（扣）分标准",
    "评分标准",
    "扣分标准",
    "计算公式",
    "数据来源",
    "指标值设定依据",
    "备注",
    "是否核心",
    "是否核心指标",
    *KIND_HEADERS,
)
# a side label: the merged first column beside the indicator table (or its header), never a field
SIDE_LABELS = frozenset(
    (
        "绩效指标",
        "年度绩效指标",
        "绩效目标指标",
        "项目绩效指标",
        "绩效指标体系",
        "年度绩效目标指标",
        "产出和效益指标",
        "指标",
    )
)

# head label → project field
HEAD_LABELS: dict[str, tuple[str, ...]] = {
    "name": (
        "项目名称",
        "专项（项目）名称",
        "专项名称",
        "专项资金名称",
        "转移支付名称",
        "政策名称",
        "资金名称",
        "二级项目名称",
        "一级项目名称",
        "项目（政策）名称",
        "政策（项目）名称",
        "预算项目名称",
        "预算项目",
    ),
    "department_name": ("部门名称", "部门（单位）名称", "单位名称", "预算部门名称", "预算单位名称"),
    "code": ("项目编码", "项目代码", "项目编号", "部门预算编码", "预算编码"),
    "department": (
        "主管部门",
        "项目主管部门",
        "主管部门及代码",
        "预算部门",
        "资金主管部门",
        "市级主管部门",
        "主管单位",
        "预算单位",
        "组织实施单位",
        "部门",
    ),
    "implementing_unit": ("实施单位", "项目实施单位", "资金使用单位", "执行单位", "项目执行单位", "项目单位"),
    "amount": (
        "年度资金总额",
        "年度预算资金总额",
        "年度预算资金",
        "当年预算",
        "当年预算数",
        "年度预算",
        "年度预算数",
        "本年预算",
        "本年度预算申请金额",
        "年度金额",
        "资金总额",
        "预算金额",
        "年度预算金额",
        "预算数",
        "年度资金",
        "本年资金总额",
        "当年财政拨款预算金额",
        "预算支出总额",
        "项目金额",
        "项目预算金额",
        "全年预算数",  # a self-evaluation's label beside its value (the block's column: BLOCK_COLUMNS)
        "调整后预算数",
        "预算总额",  # a department's 年度预算情况 | 预算总额 | 5230.18
        "年度预算总额",
        "部门预算总额",
        "年度部门预算",
        "年度部门预算总额",  # a department-wide form's 年度部门预算总额（万元） | 5230.00
        "本年预算金额",
        "本年预算数",
        "当年预算金额",
        "项目预算",
        "项目预算数",
        "申报金额",
        "申请金额",
        "预算安排",
        "年度预算安排",
        "资金合计",
        "项目资金合计",
        "专项资金总额",  # a 专项转移支付 form's money: 专项名称 | … , 专项资金总额 | 8630
    ),
    "total_amount": ("实施期资金总额", "项目总金额", "实施周期资金总额", "项目总额", "实施期资金"),
    "goal": (
        "年度绩效目标",
        "年度目标",
        "年度总体目标",
        "总体目标",
        "当年绩效目标",
        "绩效目标",
        "整体绩效目标",
        "年度总体绩效目标",
        "本年度绩效目标",
        "本年度目标",  # (beside 总目标 on one row: BLOCK_COLUMNS)
        "当年整体绩效目标",
        "年度整体绩效目标",
        "预期目标",  # a self-evaluation's label beside its text (预期目标 | … over 实际完成情况 | …)
        "总体绩效目标",
        "部门整体绩效目标",
        "单位整体绩效目标",
        "部门整体目标",
        "年度整体目标",
    ),
    "period_goal": ("实施期目标", "项目实施期目标", "中期目标", "实施期总目标", "长期目标"),
    "overview": (
        "项目概况",
        "项目基本情况",
        "项目简介",
        "部门职能职责概述",
        "部门职能职责",
        "部门职能",
        "部门主要职能",
        "部门职责概述",
        "职能职责概述",
        "部门（单位）职能职责概述",
    ),
    "period": ("实施期限", "项目期限", "实施周期", "项目起止时间", "起止时间", "项目实施期", "实施期", "项目期"),
}
# the share of the money a form lists under its total (kept in fields as written)
FUND_LABELS = frozenset(
    (
        "财政拨款",
        "本年财政拨款",
        "财政资金",
        "中央财政资金",
        "省级财政资金",
        "市级财政资金",
        "区级财政资金",
        "县级财政资金",
        "其他资金",
        "上年结转",
        "上年结转资金",
        "财政专户拨款",
        "市级支出",
        "补助区县",
        "一般公共预算",
        "政府性基金",
        "其他",
        "自筹资金",
        "上级补助",
    )
)
# a department's money by what it is spent on (总体资金情况 | 基本支出 | 项目支出): the same money as the shares above
SPENDING_KINDS = frozenset(("基本支出", "项目支出", "人员经费", "公用经费"))
# labels of other head fields, kept in fields as written
OTHER_LABELS = frozenset(
    (
        "执行率分值",
        "项目属性",
        "项目类别",
        "项目类型",
        "项目性质",
        "填报人",
        "联系电话",
        "联系人",
        "资金用途",
        "立项依据",
        "是否核心",
        "备注",
        "说明",
        "其他说明",
        "支出方向",
        "项目负责人",
        "实际完成情况",  # how a self-evaluation's year went: beside its text, or under 年度目标完成情况
        "目标实际完成情况",
        "年度目标完成情况",
        "目标完成情况",
        "总体目标完成情况",
        "年度总体目标完成情况",
        "年初预算数",
        "全年执行数",
        "执行率",
        "预算执行率",
        "自评得分",
        "自评等级",
        "评价等级",
        "自评结果",
    )
)
# a label over rows of money (its note may say the unit): no value of its own
MONEY_GROUPS = frozenset(
    (
        "项目资金",
        "资金金额",
        "专项资金情况",
        "资金情况",
        "项目资金情况",
        "预算资金",
        "资金总额情况",
        "总体资金情况",
        "部门资金",
        "年度预算申请",
        "预算申请",
        "年度预算情况",
        "预算情况",
    )
)
# a table's column of each project's money (a summary, a flat sheet): a label of the amount, or one a form puts over
# rows of money, whose column holds the sum (项目资金（万元）)
AMOUNT_COLUMNS = frozenset((*HEAD_LABELS["amount"], *MONEY_GROUPS, "金额", "资金"))
_YEAR_BEFORE = re.compile(r"^((?:19|20)\d{2})年度?(?=.)")


def amount_column(keys: list[str], taken: frozenset[int] = frozenset()) -> int | None:
    """Which of a header's cells (as `header_key` gives them; `taken` by other fields) is the column of each project's
    money: one of AMOUNT_COLUMNS, else one naming a year before one ('2026年预算数'; of several years, the latest),
    else the whole period's total (项目总额). A share of the money (财政拨款) is none: the others may not be in it."""
    free = [(j, word) for j, word in enumerate(keys) if j not in taken and word]
    named = next((j for j, word in free if word in AMOUNT_COLUMNS), None)
    if named is not None:
        return named
    years = [
        (int(year.group(1)), -j)
        for j, word in free
        if (year := _YEAR_BEFORE.match(word)) and {word[year.end() :], word[year.end(1) + 1 :]} & AMOUNT_COLUMNS
    ]
    if years:
        return -max(years)[1]
    return next((j for j, word in free if word in HEAD_LABELS["total_amount"]), None)


_FIELDS = {word: field for field, words in HEAD_LABELS.items() for word in words}
_COLUMNS = {word: field for field, words in INDICATOR_HEADERS.items() for word in words}
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_MONEY = re.compile(r"(亿元|万元|千元|元)")
_MARKS = re.compile(r"^[\s*＊]+|[\s*＊：:]+$")
_WEIGHT_NOTE = re.compile(r"^(?:分值|权重|指标权重|分值权重)\s*[（(]")


@lru_cache(maxsize=CACHE_SIZE)
def key(cell: str) -> str:
    """A header or label compared as a key: '项目资金⏎（万元）' → '项目资金', '其中：财政拨款' → '财政拨款',
    '年度资金总额：（万元）' → '年度资金总额' (a unit after the colon, the value in a cell of its own)."""
    text = "".join(clean(cell).split())
    text = _MARKS.sub("", text)
    if text.startswith(("其中：", "其中:")):
        text = text[3:]
    bare = _MARKS.sub("", _PAREN.sub("", text))
    return bare if bare else text


_SIGN = re.compile(r"符号|运算|比较符")
_WHEN = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度|本年|全年|当年|年度|预期|计划)(?=.)"
)  # '2026年指标值', '全年指标值'


_PLANNED = re.compile(r"^(?:(?:19|20)\d{2}年度?|本年度?|全年|当年|年度)?(?:计划|预期)(?=.)")
_LAST_YEAR = re.compile(r"^(?:上一?年度?|去年|前一?年度?)(?=.)")


def earlier_values(cells: list[str], kinds: list[str] | None = None) -> set[int]:
    """The columns of a goal table's header that give an earlier year's value beside this year's target, kept per
    indicator as notes: an actual named for the last year ('上年实际完成值') or for a year before the target's
    ('2024年实际完成值 | 2025年指标值'), or printed before the target ('实际值 | 目标值'). A self-evaluation's actual
    (after its target, beside its 得分) is none of them: a header with a score column has none. `kinds`: the
    cells' columns, when the caller has them."""
    kinds = kinds or [column(cell) if cell else "" for cell in cells]
    if "score" in kinds or "target" not in kinds:
        return set()
    target = kinds.index("target")
    until = _YEAR_BEFORE.match(key(cells[target]))
    found = set()
    for j, cell in enumerate(cells):
        word = key(cell) if cell else ""
        last = _LAST_YEAR.match(word)
        if last and column(word[last.end() :]) == "actual":
            found.add(j)
        elif kinds[j] == "actual":
            year = _YEAR_BEFORE.match(word)
            if j < target or year and until and year.group(1) < until.group(1):
                found.add(j)
    return found


# operator headers whose column may hold a nature (定量/定性), not a sign: a sign column beside one is the operator
NATURE_HEADERS = frozenset(("绩效指标性质", "指标性质", "指标值类型", "指标方向性"))


def signs_instead(cells: list[str], found: dict[str, int], j: int) -> bool:
    """Whether cell j, a second operator column, is the operator instead of the one found before it: a column of
    signs (运算符, 计算符号) beside one of natures (指标性质 | 运算符: 定量 | ≥), or a column named for its signs after
    one that is not (指标方向 | 计算符号: 正向指标 | ≥; a 指标方向 alone may hold either)."""
    first = found.get("operator")
    if first is None:
        return False
    before, header = key(cells[first]), key(cells[j])
    natures_first = before in NATURE_HEADERS and header not in NATURE_HEADERS
    return natures_first or bool(_SIGN.search(header)) and not _SIGN.search(before)


TARGET_ACTUAL = "target_actual"  # one column of a self-evaluation giving both: '年度指标值/实际完成值'
# a header naming both levels, whose cells hold both ('产出指标-数量指标'): the level-1 column, split where read
_BOTH_LEVELS = re.compile(r"一(?:级(?:指标)?(?:名称)?)?[-－—–/／、和及与]?二级(?:指标)?(?:名称)?")


# longer than any header a column is known by, its year or span before it, or two of them joined by '/'
# ('2026年度指标值/2026年实际完成值': 20): the keys of _COLUMNS are 8 characters at most
_LONGEST_HEADER = 40


def column(cell: str) -> str:
    """The indicator field a table header names ('' when none): a weight header with its total in a note
    ('分值权重（90分）') is still the weight; a header naming its year or span before a known one ('2026年指标值',
    '本年度指标值', '预期指标值') is that one; a target's header and an actual's joined by '/', or on two lines of one
    cell ('年度指标值⏎实际完成值'), are TARGET_ACTUAL; one naming both levels ('一级指标-二级指标', '一、二级指标') is
    level1 (its cells hold both: `level_words.split_levels`)."""
    word = key(cell)
    if len(word) > _LONGEST_HEADER:
        return ""  # a paragraph (a project's 概况 in a row a detector walks), no header
    found = _COLUMNS.get(word) or _COLUMNS.get("".join(clean(cell).split()), "")
    if not found and (planned := _PLANNED.match(word)) and column(word[planned.end() :]) == "actual":
        found = "target"  # a value planned, not achieved: '计划完成值', '2025年预期完成值'
    if not found and _WHEN.match(word):
        found = _COLUMNS.get(_WHEN.sub("", word), "")
    if not found and _BOTH_LEVELS.fullmatch(word):
        found = "level1"
    if not found and len(word) <= 8:  # a short header that says what it holds: '计算符号', '指标单位'
        found = "operator" if _SIGN.search(word) else "unit" if _MEASURE_UNIT.fullmatch(word) else ""
    if not found and _SLASH.search(word):
        parts = [column(part) for part in _SLASH.split(word, maxsplit=1)]
        found = TARGET_ACTUAL if parts == ["target", "actual"] else ""
    if not found and word.count("值") == 2:  # on two lines, the break dropped: parted after the first (a name has one)
        cut = word.index("值") + 1
        found = TARGET_ACTUAL if [column(word[:cut]), column(word[cut:])] == ["target", "actual"] else ""
    return found


_SLASH = re.compile(r"\s*[/／]\s*")
# a per-unit's rest after its '/': one character, or two joined by a dot ('人' of 元/人, '人·年')
_UNIT_REST = re.compile(r"[\u4e00-\u9fff](?:[·.][\u4e00-\u9fff])?\s*(?:[/／]|$)")


def target_and_actual(cell: str) -> tuple[str, str]:
    """A cell under TARGET_ACTUAL (cleaned, its lines kept) as its target and what was achieved, parted at a '/'
    ('≥1,200人次/全年共计1,234人次'): not one between two figures (a date's: 2026/11/30) or before a unit's rest
    ('元/人'); of several, the middle one. Without one, at a line break between two values (`_two_values`); the cell
    whole, its lines joined, as its target when neither is left ('1次/月')."""
    text = joined(cell)
    cuts = [
        cut
        for cut in _SLASH.finditer(text)
        if not _UNIT_REST.match(text, cut.end())
        and not (text[cut.start() - 1 : cut.start()].isdigit() and text[cut.end() : cut.end() + 1].isdigit())
    ]
    if not cuts:
        return _two_values(cell) or (text.strip(), "")
    cut = cuts[len(cuts) // 2]
    return text[: cut.start()].strip(), text[cut.end() :].strip()


# a value by itself: an operator or none, a figure, a unit of up to 6 characters, no figure nor punctuation among them
# ('≥90%', '12.8万人')
_VALUE = re.compile(r"[≥≤=＝<>＜＞≧≦±≠]{0,2}\s*\d+(?:[,，]\d{3})*(?:\.\d+)?\s*([^\d\s,，.。、；;：:（）()]{0,6})")


_DATE_CUT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月")


def _two_values(cell: str) -> tuple[str, str] | None:
    """A cell's target and actual on two lines, each a value by itself ('≥90%⏎98%'; not a word the cell's width
    wrapped: '达到国家二级⏎标准以上'), or glued where a reader took the break for a wrap: a figure in the target's
    unit right after it ('≥90%98%'); None when the cell holds no two values."""
    lines = cell.split("\n")
    if _VALUE.fullmatch(joined(cell)) or _DATE_CUT.search(joined(cell)):
        return None  # one value the cell's width cut ('≥12⏎00人次', '2026年⏎12月底前')
    for k in range(1, len(lines)):
        target, actual = joined("\n".join(lines[:k])), joined("\n".join(lines[k:]))
        if _VALUE.fullmatch(target) and _VALUE.fullmatch(actual):
            return target, actual
    text = joined(cell)
    first = _VALUE.match(text)
    second = _VALUE.fullmatch(text, first.end()) if first else None
    if first and second and first.group(1) and first.group(1) == second.group(1):
        return text[: first.end()].strip(), text[first.end() :].strip()
    return None


_TOTALS = frozenset(("合计", "总计", "小计"))  # a money table's last row's label
# the labels of a money table's header (财政拨款 | 其他资金, 资金来源 | 金额), none an indicator's level or target
_MONEY_LABELS = frozenset((*FUND_LABELS, *SPENDING_KINDS, *AMOUNT_COLUMNS, *_TOTALS, "资金来源", "支出项目"))


_FIGURE = re.compile(r"\d")
# what a money table's rows name beside an amount column (支出内容 | 预算金额, 经费支出项目 | 金额, 资金用途 | 预算数)
_MONEY_ITEM = re.compile(r"(?:支出|资金|经费|费用|预算)*(?:内容|项目|明细|用途|科目|类别)")


def money_header(cells: list[str]) -> bool:
    """Whether a row is a money table's header (`财政拨款 | 其他资金`, `资金来源 | 金额`, `支出内容 | 预算金额`): two
    labels of money or more, and nothing else; beside an amount column, a label of what the money is for."""
    labels = {key(cell) for cell in cells if clean(cell)}
    return len(labels) >= 2 and (
        labels <= _MONEY_LABELS
        or (
            bool(labels & AMOUNT_COLUMNS)
            and all(label in _MONEY_LABELS or _MONEY_ITEM.fullmatch(label) for label in labels)
        )
    )


_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[千万亿]?元)?")  # ('30', '1,250.50', '800万元', '30.00元')
_LABELLED = re.compile("[：:]")  # a label's value (填报人：王芳)
_NO_AMOUNT = frozenset(("", "-", "－", "—", "——", "/", "／", "无"))  # (a sub-heading's amount cell, or one left out)


_TARGET_KINDS = ("target", "period_target", TARGET_ACTUAL)


def in_indicator_place(cells: list[str], columns: Mapping[str, int]) -> bool:
    """Whether a row's cells, in the columns of the goal table above it (`columns`: kind → position), stand in its
    name column and a target column alone, the name's not the table's first: where an indicator row whose levels are
    merged above or whose 序号 stands apart does (`| | 项目 | 金额`); a money table's header mostly begins in the
    first."""
    filled = {j for j, cell in enumerate(cells) if clean(cell)}
    name = columns.get("name", 0)
    return name > 0 and name in filled and len(filled) == 2 and any(columns.get(k) in filled for k in _TARGET_KINDS)


def money_table(
    cells: list[str], below: Iterable[list[str]], columns: Mapping[str, int] | None = None, inner: bool = False
) -> bool:
    """Whether a row heads a money table: money's labels alone (`资金来源 | 金额`, `财政拨款 | 其他资金`), or one
    amount column beside labels of anything but levels and indicator columns (`支出事项 | 金额（万元）`, `项目 | 金额`)
    over rows (`below`, its cells in its columns) holding amounts in that column (a figure, bare or of 元/万元), the
    first right under it or under rows of none ('一、人员经费', '—'), and no level word: no indicator row of two such
    words over a row with a level, or a sign or another unit in its target. A row standing where the goal table's
    indicator rows hold their names and targets (`in_indicator_place`, its cells in the goal table's `columns`; or
    `inner`, where the caller found it so) is one of them where a row under its amounts holds a word in each of its
    columns (`| | 新建候车亭 | 30` then `| | 群众出行条件 | 明显改善`: the indicators go on), no label's value,
    no note's blank (`备注 | 无`), no money table's header, no form's head field but money's (`项目名称 | …`), no
    sign-off or money form's row without a colon (`填报人 | 王芳`, `资金性质 | 一般公共预算`; a fund's or money
    group's label, which may name an indicator, `财政资金 | 足额到位`: `_form_row`) over no indicator row, and none
    under a total (`合计 | 1200`: its end)."""
    if _FIGURE.search("".join(cells)):  # (cheaply first: most rows hold a number)
        return False
    labels = {key(cell) for cell in cells if clean(cell)}
    if len(labels) < 2:
        return False
    if labels <= _MONEY_LABELS:
        return True
    amounts = [j for j, cell in enumerate(cells) if key(cell) in AMOUNT_COLUMNS]
    if len(amounts) != 1 or any(column(label) or is_level1(label) or is_level2(label) for label in labels):
        return False
    inner = inner or columns is not None and in_indicator_place(cells, columns)
    filled = [j for j, cell in enumerate(cells) if clean(cell)]
    rows = 0
    total = False  # the last amount's row a total (合计 | 1200): the money table's end
    below = iter(below)
    for row in below:
        texts = [clean(cell) for cell in row]
        if not any(texts):
            break
        if any(is_level1(text) or is_level2(text) or _glued_level(text) for text in texts):
            return False  # (a level's label, or one a reader glued in a cell: '产出指标 数量指标')
        amount = texts[amounts[0]] if amounts[0] < len(texts) else ""
        if _AMOUNT.fullmatch(amount):
            rows += 1
            total = any(key(text) in _TOTALS for text in texts)
        elif rows or amount not in _NO_AMOUNT:
            if rows and inner and all(texts[j] if j < len(texts) else "" for j in filled):
                # a total above it, a note's blank (备注 | 无), a sign-off, another header or form: no indicator row
                return (
                    total
                    or amount in _NO_AMOUNT
                    or bool(_LABELLED.search("".join(texts)))
                    or money_header(texts)
                    or head_field(texts[filled[0]]) not in ("", "other", "fund", "group")
                    or _form_row(texts)
                    and _no_indicator(next(below, []), filled)
                )
            break  # (its rows end: a note or a sign-off under them)
    return rows > 0


def _glued_level(text: str) -> bool:
    """Whether a cell holds a level's whole label among its words, a reader having glued cells ('产出指标 数量指标',
    '产出指标 新建候车亭'); a word a level's short label is an item's ('质量 检测费 | 20', a stray space)."""
    return any(word.endswith("指标") and (is_level1(word) or is_level2(word)) for word in text.split())


def _form_row(texts: list[str]) -> bool:
    """Whether a row of words is a form's, not an indicator's, where no colon says so: a sign-off (`填报人 | 王芳`;
    not `分管领导 | 明确`, an indicator's state) or a money form's share beside its label (`资金性质 |
    一般公共预算`)."""
    pairs = sign_off(texts)
    if pairs and not any(_STATE.fullmatch(value) for _, value in pairs):
        return True
    return any(head_field(text) in ("fund", "group") for text in texts)


def _no_indicator(cells: list[str], filled: list[int]) -> bool:
    """Whether the row under a form's row (`_form_row`) is none of the goal table's: blank in one of the columns the
    indicators fill, or a form's row too (`审核人 | 张华`, `项目名称 | …`). An indicator row under it (`联系方式 | 畅通`
    over `改造危桥 | 3座`) makes it an indicator."""
    texts = [clean(cell) for cell in cells]
    return (
        not all(texts[j] if j < len(texts) else "" for j in filled)
        or bool(_LABELLED.search("".join(texts)))
        or _form_row(texts)
        or head_field(texts[filled[0]]) not in ("", "other")
    )


def heads_money(cells: list[str]) -> bool:
    """Whether a row heads a money table, though not all its cells are labels of money (`资金来源 | 金额（万元） |
    占比`): two such labels or more, and no number; or a money header (`money_header`: `项目 | 金额（万元）`, what the
    money is for beside an amount column)."""
    if _FIGURE.search("".join(cells)):  # (cheaply first, at C speed: most rows hold a number)
        return False
    return sum(1 for cell in cells if cell and key(cell) in _MONEY_LABELS) >= 2 or money_header(cells)


def names_indicators(kinds: list[str]) -> bool:
    """Whether a line's or row's pieces (their `column` kinds, '' for none) are an indicator table's header: three
    pieces or more, an indicator column and a target column among them."""
    return len(kinds) >= 3 and "name" in kinds and bool({"target", "period_target", TARGET_ACTUAL} & set(kinds))


# a unit of measure ('指标单位', '目标值单位'), not a unit of government ('预算单位', '实施单位', '责任单位': their
# names were glued to every target)
_MEASURE_UNIT = re.compile(r"(?:指标|指标值|目标值|数值|值|考核|计算|绩效)?(?:计量|度量)?单位")


# a goal's label of these words in any order (年度部门整体支出绩效目标, 部门整体支出年度绩效目标, 部门年度总体目标 …);
# not 实施期/中期/长期目标 (period_goal), nor 项目目标 alone
# a flat table's column of unit lines, then their projects, headed by both words: 单位名称、项目名称 (云南 一体化
# printout), 单位名称/项目名称, 单位/项目名称
_UNIT_AND_NAME = re.compile(r"(?:单位|部门)(?:名称)?[、/／]项目(?:名称)?")
_GOAL_WORDS = re.compile(
    r"(?:年度|本年度?|当年|部门|单位|整体|支出|绩效|总体|项目)*(?:年度|部门|单位|整体|绩效|总体)目标"
)


def head_field(cell: str) -> str:
    """The project field a head label names, 'fund' for a share of the money, 'group' for a label over rows of
    money, 'other' for a label of another field, '' for text that is no label."""
    word = key(cell)
    if word in _FIELDS:
        return _FIELDS[word]
    if _UNIT_AND_NAME.fullmatch(word):
        return "name"
    if _GOAL_WORDS.fullmatch(word):
        return "goal"
    if word in FUND_LABELS:
        return "fund"
    if word in MONEY_GROUPS:
        return "group"
    if word in OTHER_LABELS:
        return "other"
    return ""


# a line under a text's label alone, 'label：value': a field's where its label names a project's money's source or
# kind ('资金来源', '资金性质', '支出类型') and its value is a few words; a label naming an aspect, a part or a time
# of the text ('数量：', '社会：', '二期：', '上半年：') makes the text's line, as does any other label
_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{0,6}(?:来源|性质|类型|类别|渠道|级次)")
_PROSE = re.compile(r"[。！!？?；;，,]")
REMARK_LABEL = re.compile(r"(?:备注|说明)$")  # a field whose value is a sentence as often


def sentence(value: str) -> bool:
    """Whether a value is a sentence, as a text's line ends ('某中心负责具体实施。'), no field's value: more than a
    name's few characters before its stop ('张三。' is a name)."""
    words = value.rstrip()
    return words.endswith(("。", "！", "!", "？", "?")) and len(words) > 6


def field_line(key: str, value: str) -> bool:
    """Whether a label no list knows and its value, in one cell under a text's label alone, are a field
    ('资金来源：财政拨款', '资金性质：一般公共预算'), not the text's first line ('数量：道路养护50公里', '社会：改善
    居住环境', '目标：提升服务水平'): a label naming a kind or a source, a value of a few words and no sentence."""
    return _FIELD_LABEL.fullmatch(key) is not None and 0 < len(value) <= 20 and not _PROSE.search(value)


def money_unit(cell: str) -> str:
    """The money unit a label's note declares: '项目资金（万元）' → '万元'."""
    match = _MONEY.search("".join(_PAREN.findall(clean(cell))))
    return match.group(1) if match else ""


_UNIT_LINE = re.compile(r"[（(]?(?:金额|货币|计量)?单位[：:]?(?:人民币)?(亿元|万元|千元|元)[）)]?")


def declared_unit(row) -> str:
    """The money unit a line declares for the tables below it ('单位：万元', '金额单位：元', '（单位：人民币元）'), also
    beside other text in its cell ('编制单位：某局    单位：元'); '' for other rows. A cell without '位' is not cleaned
    to be matched (cleaning drops characters, and makes them only of HTML entities)."""
    return next((unit for cell in row.cells if ("位" in cell or "&" in cell) and (unit := unit_of_cell(cell))), "")


def unit_above(rows: list) -> str:
    """The money unit the nearest line above a table declares (its rows above, top down), '' when none does."""
    return next((unit for row in reversed(rows) if (unit := declared_unit(row))), "")


_UNIT_AFTER = re.compile(r"\s*" + _UNIT_LINE.pattern + "$")  # a unit line's words run into a value before them


def unit_of_cell(cell: str) -> str:
    """The money unit a cell declares, the whole cell or a part of it set apart by space; ''."""
    parts = clean(cell).split()
    for part in ("".join(parts), *parts):
        match = _UNIT_LINE.fullmatch(part)
        if match:
            return match.group(1)
    return ""


INLINE = re.compile(r"^([^：:]{2,12})[：:]\s*(\S.*)$", re.S)  # a label and its value after a colon, one text
_SPACED = re.compile(r"^(\S{2,12})\s+(\S.*)$", re.S)
_NAMING = ("name", "department", "department_name")  # labels whose value may follow after a space, with no colon


def inline_pair(cell: str) -> tuple[str, str, str] | None:
    """(field, label, value) of a cell holding a known label and its value ('单位名称:重庆市商务委员会'; a name after
    a space: '专项（项目）名称 伯乐奖'), else None."""
    text = clean(cell)
    match = INLINE.match(text)
    field = head_field(match.group(1)) if match else ""
    if not field and (match := _SPACED.match(text)) and head_field(match.group(1)) in _NAMING:
        field = head_field(match.group(1))
    return (field, match.group(1), match.group(2).strip()) if field and match else None


_SHORT_FIELDS = frozenset(
    ("name", "department_name", "code", "department", "implementing_unit", "amount", "total_amount")
)
_COLON = re.compile(r"[：:]")
MIN_LABEL = 4  # characters of a label a value runs into (预算金额, 实施单位); not 部门 in '全市部门：整体绩效评价'


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def split_pair(pair: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """A short field's value running into the next label of one and its value, the space between them lost (a
    spanning row '项目名称：南昌市农村公路养护补助　预算金额：2400.00万元' as printed without its spaces): both pairs.
    A text field's value (年度目标 …) is left whole: its own words may end in a colon."""
    field, label, value = pair
    if field not in _SHORT_FIELDS:
        return [pair]
    unit = _UNIT_AFTER.search(value)
    if unit and unit.start():  # the line's unit printed after it: '单位名称：某中心　单位：万元', the space lost
        return [(field, label, value[: unit.start()].strip())]
    for colon in _COLON.finditer(value):
        before = value[: colon.start()]
        if _unclosed(before):
            continue  # a label in brackets is the name's own: '党建工作经费（主管部门：市委组织部）'
        for size in range(min(12, len(before) - 1), MIN_LABEL - 1, -1):
            if head_field(before[-size:]) in _SHORT_FIELDS and (rest := inline_pair(value[colon.start() - size :])):
                return [(field, label, before[:-size].strip()), *split_pair(rest)]
    return [pair]


def department_above(rows) -> str:
    """The department a line above a table names ('资金主管部门:重庆市商务委员会', '部门名称：…'), '' when none does."""
    for row in reversed(rows):
        for cell in row.cells:
            found = inline_pair(cell)
            if found and found[0] in ("department", "department_name"):
                return found[2]
    return ""


# a self-evaluation's head blocks: the money (年初预算数 … 得分) and the overall goals (预期目标 | 实际完成情况), each a
# header row of these words under a group label, then rows of values in the same columns
BLOCK_COLUMNS = {
    "年初预算数": "年初预算数",
    "年初部门预算安排金额": "年初预算数",
    "全年预算数": "全年预算数",
    "小计": "全年预算数",
    "调整后预算数": "全年预算数",
    "调整预算数": "全年预算数",
    "预算数": "全年预算数",
    "年中调整金额": "年中调整金额",
    "全年执行数": "全年执行数",
    "年度拨付金额": "全年执行数",
    "执行数": "全年执行数",
    "实际支出数": "全年执行数",
    "实际执行数": "全年执行数",
    "支出数": "全年执行数",
    "执行率": "执行率",
    "预算执行率": "执行率",
    "资金执行率": "执行率",
    "支出实现率": "执行率",
    "分值": "执行率分值",
    "得分": "执行率得分",
    "实施期资金总额": "实施期资金总额",  # the central form: 项目资金 | 实施期资金总额 | 年度资金总额 over its rows
    "年度资金总额": "年度资金总额",
    "预期目标": "预期目标",
    "实际完成情况": "实际完成情况",
    "目标实际完成情况": "实际完成情况",
    "实施期目标": "实施期目标",  # a goal table's 总体目标 over 实施期目标 | 年度目标, their texts on the row below
    "中期目标": "实施期目标",  # a local form's three-year span (中期目标（2026-2028年）)
    "长期目标": "实施期目标",  # the Hunan/Shaanxi 申报表's 项目绩效目标 | 长期目标 | 年度目标
    "总目标": "实施期目标",  # and its other version's 项目绩效目标描述 | 总目标 | 本年度目标
    "本年度目标": "年度目标",
    "年度目标": "年度目标",
}
GOAL_BLOCKS = frozenset(("实施期目标", "年度目标"))  # block columns of a goal table: a row of labels only
_NUMBERED = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩].*$|[（(].*$")


def block_column(cell: str) -> str:
    """The block field a self-evaluation's head header cell names ('全年预算数（A）' → '全年预算数'), else ''."""
    text = _NUMBERED.sub("", "".join(clean(cell).split()))
    return BLOCK_COLUMNS.get(text, "")


def is_note(cell: str) -> bool:
    """Whether a header names a column kept per indicator: one of NOTE_HEADERS, its reasons and measures joined by
    any conjunction ('未完成原因和改进措施', '偏差原因与改进措施', '偏差原因分析、改进措施')."""
    return _AND.sub("及", key(cell)) in NOTE_HEADERS


def kind_levels(notes: dict[str, str]) -> tuple[str, str] | None:
    """The 一级 and 二级 an indicator's kind note holds ('指标类型': '产出指标-数量指标', '产出-数量'), for a table
    without level columns; None when it holds no such pair (定量, 共性指标)."""
    return next((both for label in KIND_HEADERS if (both := split_levels(notes.get(label, "")))), None)


_AND = re.compile(r"(?<=[因析])(?:和|与|、|/|以及|及其)(?=改进)")


QUALITATIVE = frozenset(("定性", "定性指标"))
NOT_APPLICABLE = frozenset(("无", "不适用", "不涉及", "/", "-", "—"))
OPERATORS = frozenset(("≥", "≤", "=", "＝", ">", "<", "＞", "＜", "≧", "≦", ">=", "<=", "＞＝", "＜＝", "±", "≠"))
# an operator column may say it in words (kept as printed; kb.vocab.targets reads them)
OPERATOR_WORDS = frozenset(
    (
        "大于等于",
        "大于或等于",
        "不低于",
        "不少于",
        "不小于",
        "小于等于",
        "小于或等于",
        "不高于",
        "不超过",
        "不多于",
        "不大于",
    )
    + ("大于", "高于", "多于", "小于", "低于", "少于", "等于")
)
PLACEHOLDER_NAMES = frozenset(
    ("无", "不适用", "不满足", "不合适", "/", "-", "—", "--", "——", "……", "...", "空", "暂无")
)
_PROJECT_CODE = re.compile(r"^\s*([0-9A-Za-z]{8,32})\s*[-_－—]\s*(\S.*)$", re.S)


def split_code(name: str) -> tuple[str, str]:
    """A project name written after its code: '11000021Y000000390843-信息系统运维类项目' →
    ('11000021Y000000390843', '信息系统运维类项目'); ('', name) when it has none."""
    match = _PROJECT_CODE.match(name)
    if match and sum(ch.isdigit() for ch in match.group(1)) >= 6:
        return match.group(1), match.group(2).strip()
    return "", name


def target_parts(operator: str, target: str, unit: str) -> tuple[str, str, str, str]:
    """(operator, target, unit, nature) of a row whose operator, number and unit may sit in their own columns: an
    operator column may hold a comparison sign or word (大于等于), or say what kind of indicator it is (定性, 定量,
    正向 …: the nature, no operator); a target that already writes its operator or unit does not get them twice."""
    sign = "".join(operator.split())
    nature = ""
    if sign not in OPERATORS and sign not in OPERATOR_WORDS:
        nature, sign = sign, ""
    if sign and target.startswith(sign):
        sign = ""
    if unit and target.rstrip(")）").endswith(unit) or nature in QUALITATIVE:
        unit = ""  # a qualitative value (优, 有) has no unit, whatever the unit column says
    if not target:
        sign = unit = ""
    return sign, target, unit, nature


# the header words of a period target's parts (实施期指标值 over 符号 | 数值 | 度量单位): its own sign and unit fields
PERIOD_PARTS = {"operator": "实施期指标性质", "unit": "实施期计量单位"}


def whole_period(operator: str, period: str, unit: str) -> str:
    """A period target (实施期指标值) whole: its sign and unit from columns of their own (`target_parts`)."""
    sign, value, measure, _ = target_parts(operator, period, unit)
    return f"{sign}{value}{measure}"


UNIT_NOTE = "度量单位"


def nature_notes(label: str, nature: str, unit: str) -> dict[str, str]:
    """The notes a row's nature gives (target_parts): the nature under its column's label, and for a qualitative row
    the unit its unit column prints anyway (no unit of its value, but printed: kept as 度量单位)."""
    notes = {label: nature} if nature else {}
    if nature in QUALITATIVE and unit.strip():
        notes[UNIT_NOTE] = unit.strip()
    return notes


def declared_qualitative(operator: str, notes: dict[str, str]) -> bool:
    """Whether a row's nature column calls it qualitative (定性: its target a word or a sentence, whatever number it
    holds, '分10个月发放完成'), as `nature_notes` keeps it."""
    return not operator and any(value in QUALITATIVE for value in notes.values())


# a direction column's words (指标方向: 正向 | 95 | %): the bound a number written without an operator is
DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


def declared_direction(operator: str, notes: dict[str, str]) -> str:
    """The operator a row's direction column gives a number written without one (正向: more is better, ≥; 反向: ≤),
    as `nature_notes` keeps it; '' when the row has an operator column's sign or no direction."""
    if operator:
        return ""
    return next((DIRECTIONS[value] for value in notes.values() if value in DIRECTIONS), "")


_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
REMARK = "备注"


def weight_of(weight: str, notes: dict[str, str]) -> str:
    """The weight of a row: its weight column, else a 备注 that is a bare number (tables that keep the weight
    there); the 备注 then leaves the notes."""
    if not weight and _NUMBER.match(notes.get(REMARK, "")):
        return notes.pop(REMARK)
    return weight


def placeholder(name: str, target: str, weight: str, weighted: bool) -> bool:
    """Whether a row says a level does not apply rather than naming an indicator: a placeholder name ('无', '/'),
    or, in a table that weighs its indicators, a row without a weight whose target is '无' or '不适用'."""
    return name in PLACEHOLDER_NAMES or weighted and not weight and target in NOT_APPLICABLE


# a form's sign-off: who filled it in and checked it, how to reach them, when (填报人 | 王芳 | 审核人 | 李强), the words
# before a label its own ('项目联系人'), a note of its seal or signature after it ('填报单位（盖章）')
_SIGN_WORDS = (
    "联系人及电话|联系人及联系电话|联系电话|联系方式|联系人|填报人|填表人|审核人|复核人|经办人|单位负责人|负责人|"
    "填报日期|填表日期|审核日期|填报单位|填表单位|分管领导|日期"
)
_SIGN_WORD = re.compile(rf"(?:{_SIGN_WORDS})(?:[（(](?:盖章|签字|签章|签名|公章)[）)])?")
# whose sign-off a label names, before its word ('项目联系人', '部门审核人'); other words before it make an indicator's
# name ('明确项目负责人 | 已明确', '公开投诉联系电话 | 及时公开')
_SIGN_OWNER = "项目|部门|单位|科室|处室|股室|财务|业务|主管|分管|绩效"
_SIGN_LABEL = re.compile(rf"(?:{_SIGN_OWNER}){{0,2}}{_SIGN_WORD.pattern}")
_SIGN_COLON = re.compile(rf"({_SIGN_WORD.pattern})\s*[：:]\s*")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # '填 报 人', a label spaced out
# a person's name: 2–5 characters, or parts joined by a middle dot ('买买提·艾力', '阿卜杜拉·艾力'); several
_NAME = r"(?:[\u4e00-\u9fff]{1,8}(?:[·・•‧][\u4e00-\u9fff]{1,8}){1,3}|[\u4e00-\u9fff]{2,5})"
_PERSON = rf"{_NAME}(?:[、，,/／\s]+{_NAME})*"  # '王芳', '张三、李四'
_PHONE = r"[(（]?\d[\d\s\-－—()（）]{5,}\d(?:[转-]\d{1,5})?"
_DATE = r"(?:19|20)\d{2}\s*[年.\-/／]\s*\d{1,2}(?:\s*[月.\-/／]\s*\d{1,2}\s*日?|\s*月)?"
_DATE_BLANK = "年月日"  # a date left to be filled in ('　年　月　日', its gaps gone): no value
_UNIT = r"[\u4e00-\u9fff（）()]{2,30}(?:局|委|厅|办|院|中心|站|所|馆|会|部|处|科|股|室|队|校|园|公司|政府|街道|社区)"
_SIGN_VALUE = re.compile(
    rf"(?:{_PERSON}|{_PHONE}|{_PERSON}[\s,，、/／]*{_PHONE}|{_DATE}|{_DATE_BLANK}|{_UNIT})"
    r"(?:\s*[（(](?:签字|签名|签章|盖章|公章)[）)])?"  # its signature or seal ('王芳（签字）')
)


def sign_off(
    cells: list[str],
    indicator: tuple[int, int] | None = None,
    after: Iterable[list[str]] | None = None,
    above: list[str] | None = None,
) -> list[tuple[str, str]] | None:
    """A row of a form's sign-off as its labels and values: labels from the sign-off's words matched ignoring spaces
    ('填 报 人', '填报单位（盖章）', '联系人及电话', '分管领导', '日期'), each in a cell before its value's
    (填报人 | 王芳 | 审核人) or with its value after a colon ('填报人：王芳审核人：李强', the space the print
    lost); every value a person, a phone, a date or a unit (or blank). None for any other row: an indicator
    ('联系人（户）覆盖率 | ≥95%') among them, and a row laid out as the table's indicators (`indicator`: their
    name's and target's columns) under levels written once above it ('| | 项目负责人 | 到位', '| | 分管领导 |
    明确': a short value reads as a person), if it gives one label only ('| | 填报人：王芳 | 审核人：李强' is one).
    Where the rows `after` it are given, such a row of one label, also in a table whose names stand in its first
    column (no level columns: '分管领导 | 明确'), is an indicator where the table goes on under it (`_table_goes_on`),
    and the sign-off where it closes the table ('| | 填报人 | 王芳' last, or over '| | 审核人 | 李强'). A value its
    words cannot tell (`_undecided`: '高效', a person or a state) goes by its cells beside the indicator row `above`
    it (`_laid_out`): on the sign-off's grid, the sign-off's; on the table's, as a state."""
    tokens: list[tuple[bool, str]] = []  # (a label, its text) in the row's order
    previous = None  # the cell before's text: a merged cell's, written again, is read once
    for raw in cells:
        cell = _HAN_GAP.sub("", clean(raw).strip())
        merged, previous = cell == previous, cell
        if not cell or merged:
            continue
        if tokens and not tokens[0][0]:
            return None  # a value without a label before it (most rows: an indicator's name first)
        if _SIGN_LABEL.fullmatch(cell.rstrip("：: ")):
            tokens.append((True, cell.rstrip("：: ")))
            continue
        colons = list(_SIGN_COLON.finditer(cell))
        if not colons:
            tokens.append((False, cell))
            continue
        start = colons[0].start()
        if start and _SIGN_LABEL.fullmatch(cell[: colons[0].end()].rstrip("：: ")):
            start = 0  # its own words before the label's ('项目联系人：')
        elif start:
            tokens.append((False, cell[:start]))
        for n, colon in enumerate(colons):
            label = cell[start if n == 0 else colon.start() : colon.end()].rstrip("：: ")
            end = colons[n + 1].start() if n + 1 < len(colons) else len(cell)
            tokens += [(True, label), (False, cell[colon.end() : end])]
    pairs: list[tuple[str, str]] = []
    while tokens:
        is_label, text = tokens.pop(0)
        if not is_label:
            return None  # a value without a label before it
        value = tokens.pop(0)[1].strip() if tokens and not tokens[0][0] else ""
        if value and not _SIGN_VALUE.fullmatch(value):
            return None
        pairs.append((squash(text), "" if value == _DATE_BLANK else value))
    if len(pairs) == 1 and indicator is not None and _indicator_shaped(cells, *indicator):
        if after is None:
            return None if indicator[0] else pairs  # (a table's first column: a sign-off's label as often)
        value = pairs[0][1]
        laid = _laid_out(cells, above, *indicator) if above is not None and _undecided(value) else None
        span = range(0) if laid is False else _spanned(cells, value, bool(laid))
        return None if _table_goes_on(after, indicator, pairs[0], span) else pairs
    return pairs or None


# an indicator's word of a state reached, as short as a person's name ('明确', '已落实', '落实到位'): the value of a
# row of one sign-off label that only its words tell from the sign-off's person ('分管领导 | 王强')
_STATE_WORD = "明确|到位|落实|确定|配备|配齐|健全|完善|规范|及时|有效|合格|达标|完成|建立"
# more words a state is made of, several starting with a surname's character ('齐全', '安全', '高效', '周到', '严格':
# a surname and a name by their shape); a value of such words alone is a state, a name holding one ('王建立') no state
_STATE_MORE = (
    "齐全|齐备|完备|完整|安全|高效|周到|严格|全面|全程|覆盖|常态化|按时|按期|如期|办结|监管|可控|有序|良好|稳定|正常|"
    "准确|无误|畅通|通畅|公开|透明|满意|显著|提高|提升|执行|运行|符合|要求|达到|预期|充足|充分"
)
_STATE = re.compile(rf"(?:已|均|全部|全)?(?:{_STATE_WORD}|{_STATE_MORE}){{1,2}}")
# a state of something not come about ('无事故', '无投诉', '零投诉', '未发生'): no surname is a word of none, so no
# name starts so ('买买提江', a name the surnames miss, starts otherwise)
_NONE_OF = re.compile(r"(?:无|零|未|没有|不)[\u4e00-\u9fff]{1,6}")
# a character a state's words end in and a given name hardly ever ('明确', '齐全', '高效', '完备'): a value of a name's
# shape ending so is a state's; '全面', '满意', '公开' end as a name may
_STATE_END = frozenset("确全效好高优足时到备位范标控序误畅化结期实善整格")


# a person's name as a sign-off gives it: a common surname, or one of two characters, and one or two more ('王强',
# '欧阳明'); a state's words start otherwise or run longer ('专人负责', '已指定', '高度重视')
_SURNAME = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔"
    "伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙"
    "鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满"
    "闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊"
    "阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富"
    "尧闭由"
)
_COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|钟离|南宫|西门|端木|独孤|澹台"
_NAMED = re.compile(rf"(?:{_COMPOUND}|[{_SURNAME}])[\u4e00-\u9fff]{{1,2}}")
_UNIT_NAMED = re.compile(_UNIT)
_WORDS = re.compile(r"[\u4e00-\u9fff]{1,8}")
# a word a state in several words holds ('专人负责', '已指定', '责任到人', '高度重视'); a name the surnames miss
# ('买买提江', '赵副局长'), a unit ('城关镇') or a date in words ('三月一日') holds none
_STATE_PART = re.compile(rf"{_STATE_WORD}|{_STATE_MORE}|负责|指定|到人|重视")


def _stated(value: str) -> bool:
    """Whether a one-label row's value reads as an indicator's state reached: a state word ('明确', '已落实'), or
    words holding one that are no person's name nor unit ('专人负责', '已指定', '责任到人'), or a word of none
    first ('无事故', '零投诉'); '王强', '欧阳明', '王建立', '买买提江', '某县交通运输局', '城关镇' do not (the
    sign-off's first row, laid out as the indicators alike)."""
    if _STATE.fullmatch(value) or _NONE_OF.fullmatch(value):
        return True
    if not _WORDS.fullmatch(value) or not _STATE_PART.search(value):
        return False
    return not _NAMED.fullmatch(value) and not _UNIT_NAMED.fullmatch(value)


# a sign-off's label naming a person ('分管领导', '项目负责人'), not a phone, a date or a unit
_A_NAME = re.compile(_NAME)
_SIGNER = re.compile(
    rf"(?:{_SIGN_OWNER}){{0,2}}(?:联系人|填报人|填表人|审核人|复核人|经办人|单位负责人|负责人|分管领导)"
)
_SIGNER_END = ("人", "导")  # how each of its labels ends


def signer_as_indicator(name: str, target: str) -> bool:
    """Whether an indicator read from a row of one sign-off label naming a person may be the sign-off's person: its
    target a person's name ('张伟', '买买提江'), or a state's words of a name's shape ending as a name may
    ('全面', '满意'); '明确', '齐全', '到位', '无事故' no name is (a row the reading kept as the table's last
    indicator, said)."""
    if not name.rstrip().endswith(_SIGNER_END) or not _SIGNER.fullmatch(squash(name)) or not _A_NAME.fullmatch(target):
        return False  # (asked of every indicator: its last character first, as each of the labels ends)
    return not _stated(target) or bool(_NAMED.fullmatch(target)) and target[-1] not in _STATE_END


def state_as_signer(label: str, value: str) -> bool:
    """Whether a sign-off's person may be the table's last indicator: its label naming a person, its value a state's
    words ('分管领导 = 明确', '= 安全': a row its cells read off the indicators' grid, said)."""
    return bool(_SIGNER.fullmatch(squash(label))) and _stated(value)


def _undecided(value: str) -> bool:
    """Whether a one-label row's value is one its words cannot tell a person's from a state's: a state's words a
    surname's character starts, a name's shape too ('高效', '安全', '全面', '明确')."""
    return bool(_STATE.fullmatch(value) and _NAMED.fullmatch(value))


def _laid_out(cells: list[str], above: list[str], name: int, target: int) -> bool | None:
    """Whether a one-label row stands on the grid of the indicator row `above` it: False where its value stands in
    fewer columns than that row's target (one cell under a target merged over three), is merged over cells that row
    fills apart (its 评分标准 and 分值, to the row's end) or leaves blank a cell past it the row fills (the sign-off's
    grid: '分管领导 | 全面 | |'); True where it spans the same columns, merged over more than one or, under level
    columns both rows leave to the rows above, one; None where the two cannot tell (each one cell, the rest blank
    alike, merged over a column that row leaves blank: '备注', or over more than one cell and short of others that
    row fills: a self-evaluation's '明确 | 明确' under 年度指标值 and 实际完成值, its 分值 and 得分 blank; or one
    cell so short whose value ends as no name does: '明确 | | |', a target not yet scored)."""
    texts, over = [clean(cell).strip() for cell in cells], [clean(cell).strip() for cell in above]
    if len(texts) != len(over) or target >= len(texts) or not over[target]:
        return None

    def end(row: list[str]) -> int:  # the last column of the row's target cell, merged over several (read in each)
        last = target
        while last + 1 < len(row) and row[last + 1] == row[target]:
            last += 1
        return last

    last, theirs = end(texts), end(over)
    if last < theirs:
        return False
    short = any(mine == "" != other for mine, other in zip(texts[last + 1 :], over[last + 1 :]))
    if short and (last > target or texts[target][-1:] in _STATE_END):
        return None  # a self-evaluation's target and actual written alike, its scores blank ('明确 | 明确 | |'), or
        # its target alone, a name's shape no name ends so ('明确 | | |'): a row not yet scored as a sign-off's
    if short or any(over[j] for j in range(theirs + 1, last + 1)):
        return False
    return True if last == theirs and (last > target or 0 < name and not any(over[:name])) else None


def _spanned(cells: list[str], value: str, laid: bool = False) -> range:
    """The columns a one-label row's value spans where it reads as an indicator's state (`_stated`: 明确, 专人负责)
    or stands on the indicators' grid (`laid`, `_laid_out`): its cell merged over them, read in each; empty for a
    person (王强: the sign-off's first row merged as the table's rows, laid out alike), a unit, a phone or a date,
    which no such indicator gives."""
    texts = [clean(cell).strip() for cell in cells]
    if not (laid or _stated(value)) or value not in texts:
        return range(0)
    first = texts.index(value)
    last = first
    while last + 1 < len(texts) and texts[last + 1] == value:
        last += 1
    return range(first, last + 1)


def _indicator_shaped(cells: list[str], name: int, target: int) -> bool:
    """Whether a row's text starts in the indicator name's column, after the columns before it (its levels) left
    blank, and has a value in the target's: an indicator row under levels written once above it."""
    texts = [clean(cell).strip() for cell in cells]
    first = next((j for j, text in enumerate(texts) if text), len(texts))
    return 0 <= name == first < target < len(texts) and bool(texts[target])


def _table_goes_on(
    rows: Iterable[list[str]], indicator: tuple[int, int], pair: tuple[str, str] = ("", ""), span: range = range(0)
) -> bool:
    """Whether an indicator row comes next in `rows` (a table's rows under one of a single label laid out as its
    indicators), past other such rows: a row with a name and a target in their columns that is no sign-off, nor
    one text across them (a note merged over the table's width, '注：本表由项目单位填写', read in each cell); or the
    sign-off under it names the label of its `pair` again with another value (a sign-off names each of its people
    once: '| | 分管领导 | 明确' over '分管领导 | 王强 | 日期 | …' is the table's last indicator; '| | 分管领导 |
    王强' over it, the sign-off written twice); or the sign-off's first row of several labels sets one inside the
    columns the row's value `span`s (a flat form's '分管领导 | 明确' merged over the target's columns as the
    indicators above it, over '填报人 | 王芳 | 审核人 | 李强': laid out on the table's grid, not the sign-off's), or,
    under level columns, sets text in them ('| | 分管领导 | 明确' over '填报人 | 王芳 | 审核人 | 李强': the row stands
    where the indicators do, its levels left to the rows above; the sign-off starts in the levels' columns); or
    the table ends under it, no sign-off under it, where it reads as a state (a `span`: '分管领导 | 到位' last)."""
    name, target = indicator
    label, value = pair
    signing = noted = False  # past the first row of the sign-off; past a note across the table
    signed = False  # past any row of a sign-off
    for cells in rows:
        texts = [clean(cell).strip() for cell in cells]
        if not any(texts):
            continue
        pairs = sign_off(cells)
        signed = signed or pairs is not None
        if pairs is not None and label and any(other == label and given != value for other, given in pairs):
            return True
        if pairs is not None and (signing or len(pairs) == 1 and _indicator_shaped(cells, name, target)):
            continue  # ('| | 分管领导 | 明确' under '| | 项目负责人 | 到位'): what follows it decides
        if pairs is not None:
            inside = texts[span.start :] if span else []  # (or past them: an unruled print's table ends there)
            if not signing and len(pairs) > 1 and any(_SIGN_LABEL.match(_HAN_GAP.sub("", text)) for text in inside):
                return True
            if not signing and span and len(pairs) > 1 and len({text for text in texts if text}) == 1:
                return True  # its labels and values written in one text ('填报人：王芳  审核人：李强'), not on a grid
            if not signing and span and any(texts[:name]):
                return True  # its first row set in the level columns the indicators' rows leave to their levels
            signing = True
            continue
        if signing or noted:
            return False
        if len({text for text in texts if text}) == 1:
            noted = True  # a note, across the table or in one cell: the rows under it decide, a sign-off's or none
            continue
        if max(name, target) >= len(texts):
            return False
        return bool(texts[name] and texts[target]) and texts[name] != texts[target]
    return bool(span) and not signed  # a state's row closing the table, no sign-off under it: its last indicator
