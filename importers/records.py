"""Plain records a layout parser produces: every string exactly as the document wrote it.

Parsers never normalise (no number parsing, no level mapping): `kb` does that when it
stores a document, so every original string survives beside its normalised form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHEET_BREAK = 0  # the line of the blank row a workbook's reader puts after each sheet (a sheet's end)
# what `kb search --out` writes atop its hits: a title, then the indicators' header (the .csv has only the header)
HITS_TITLE = "jixiao-kb 检索结果"
HITS_HEADER = ("指标名称", "指标值", "一级指标", "二级指标", "项目", "项目编号", "部门", "地区", "年度")
# what kb lint --all --out writes (kb.drafting.lint_file): its title atop the .xlsx, its header atop the .csv
FINDINGS_TITLE = "jixiao-kb 绩效目标审核意见"
FINDINGS_HEADER = ("部门", "项目", "项目编号", "地区", "年度", "级别", "规则", "要求", "行", "指标", "问题")
# what a draft's export carries (kb.drafting.export): its .xlsx and .docx say it as their subject (kept when the file
# is saved again), its .csv by this header's first columns (Markdown is not imported)
DRAFT_MARK = "jixiao-kb 草稿"
DRAFT_HEADER = (
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "运算符",
    "数值",
    "单位",
    "指标值",
    "指标值依据",
    "分值",
    "来源指标",
)
DRAFT_REFUSED = (
    "这是 jixiao-kb 导出的草稿，不是已公开的目标表，不作为先例导入 a draft exported by jixiao-kb: not a published "
    "goal table, so not imported as a precedent"
)


@dataclass(slots=True)
class Row:
    """One row of cells as a reader produced it (a text line split on tabs, a sheet row)."""

    cells: list[str]
    line: int  # 1-based line (or row) number in the source, for messages
    page: int = 0  # 1-based page of a paged document (PDF), 0 for formats without pages
    edges: tuple[float, ...] = ()  # a ruled table row's cell left edges in points (PDF), () when unknown
    sheet: str = ""  # the name of the workbook's sheet the row is on (its tab), '' for formats without sheets
    # a PDF table's last row on its page: the columns whose text ends there on a short last line (a cell the page
    # break cut goes on to its right edge), empty when unknown
    ends: frozenset[int] = frozenset()
    top: float = 0.0  # a PDF row's top in points from its page's top (a table row's upper rule), 0 when unknown
    foot: float = 0.0  # the top of its lowest line of text, the same way (a text line's own top)
    roomy: frozenset[int] = frozenset()  # of `ends`, the columns whose line leaves room for two characters more
    # a PDF table row's last cell's lines: each one's top and where it ends in the cell's text (a wide print's next
    # page holds the rest of each line the page's side cut), () when unknown
    breaks: tuple[tuple[float, int], ...] = ()

    def values(self) -> list[str]:
        """The non-empty cells, stripped."""
        return [text for text in map(str.strip, self.cells) if text]

    @property
    def blank(self) -> bool:
        return not "".join(self.cells).strip()

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


class Rows(list):
    """A reader's rows with what it says of the file beside them (`notes`: rows and columns it left out), which
    `parse_rows` adds to the document's warnings, and a paged document's page heights in points (`heights`, by page:
    how low a row stands on a page of a file of one page)."""

    def __init__(
        self, rows: list[Row] | None = None, notes: list[str] | None = None, heights: dict[int, float] | None = None
    ) -> None:
        super().__init__(rows or [])
        self.notes: list[str] = notes or []
        self.heights: dict[int, float] = heights or {}


@dataclass
class RawIndicator:
    """One 三级指标 row. `target` is the annual target as written (may hold operator and unit)."""

    name: str
    target: str = ""
    level1: str = ""  # 一级指标 as written ('' when the document gives none)
    level2: str = ""  # 二级指标 as written
    operator: str = ""  # a separate 运算符 column, when the layout has one
    unit: str = ""  # a separate 单位 column, when the layout has one
    period_target: str = ""  # 实施周期指标值 (whole project period), when given
    from_prose: bool = False  # taken from a sentence of prose, not a table row
    weight: str = ""  # 分值 / 权重 as written, when the table has such a column
    actual: str = ""  # 实际完成值 as written (a self-evaluation's row)
    score: str = ""  # 得分 as written (a self-evaluation's row)
    notes: dict[str, str] = field(
        default_factory=dict
    )  # other columns of the row, header → cell (指标解释, 评（扣）分标准, 备注 …)
    line: int = 0


@dataclass
class RawEvaluationItem:
    """One row of a scoring table (评价指标): weight is the 分值 as written."""

    name: str
    weight: str = ""
    criteria: str = ""  # 标准值 / scoring rule
    source: str = ""  # 数据来源
    level1: str = ""
    level2: str = ""
    line: int = 0


@dataclass
class RawBudgetLine:
    """One line of a 资金使用明细 breakdown."""

    item: str
    amount: str = ""  # as written, e.g. '300万元'
    basis: str = ""  # 测算依据及说明
    line: int = 0


PROJECT = "project"
DEPARTMENT = "department"  # a department's whole goal table (部门整体支出绩效目标表): a precedent, never a project
SELF_EVALUATION = "self_evaluation"  # a project's self-evaluation (项目支出绩效自评表): what was achieved
DEPARTMENT_SELF_EVALUATION = "department_self_evaluation"  # 部门整体支出绩效自评表
GOAL_KINDS = (PROJECT, DEPARTMENT)
SELF_EVALUATION_KINDS = (SELF_EVALUATION, DEPARTMENT_SELF_EVALUATION)


@dataclass
class RawProject:
    name: str
    kind: str = PROJECT  # PROJECT, DEPARTMENT (a department-wide goal table), or a SELF_EVALUATION_KINDS
    code: str = ""  # a project code written before or beside the name ('11000021Y000000390843'), '' when none
    department: str | None = ""  # as written, '' when not stated for this project, None when printed blank
    amount: str = ""  # this year's budget as written ('7000000', '15,812.52', '1360')
    amount_unit: str = ""  # unit the document declares for amounts ('万元', '元'), '' if silent
    total_amount: str = ""  # 项目总金额 / 总计 as written
    period: str = ""  # project period as written ('2020-01-01 至 2020-12-31', '202001-202012')
    year: str = ""  # a self-evaluation's year as its title or the year line under it states ('2025'), '' when none
    overview: str = ""  # 项目概况
    goal: str = ""  # 年度绩效目标
    fields: dict[str, str] = field(default_factory=dict)  # every other head field, label → value
    indicators: list[RawIndicator] = field(default_factory=list)
    evaluation: list[RawEvaluationItem] = field(default_factory=list)
    budget_lines: list[RawBudgetLine] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # other kept sections (保障措施, 进度计划, …)
    line: int = 0
    page: int = 0  # the page its table starts on, in a paged document
    lines_read: list[int] = field(default_factory=list, compare=False)  # rows read into its indicators' period
    # targets (a 长期绩效指标 table's), besides the indicators' own lines


@dataclass
class RawDocument:
    """What a layout parser read from one document."""

    layout: str
    title: str = ""
    region: str = ""  # as stated in the text, '' when the text does not say
    year: str = ""  # as stated in the text ('2021', '2020'), '' when silent
    department: str = ""  # document-level department / publisher, '' when silent
    projects: list[RawProject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    segments: list[SegmentReport] = field(default_factory=list, compare=False)  # how each part was read (--explain)
    reads: int = field(default=1, compare=False)  # how many runs of segments were read apart (importers.parse_rows)
    left_out: list[int] = field(default_factory=list, compare=False)  # lines a layout left out, a warning saying why


@dataclass
class SegmentReport:
    """One part of a document (a table and what follows its title) and what was made of it."""

    title: str
    pages: str  # '13-16', '' for a format without pages
    lines: str  # '235-331'
    layout: str  # the layout that read it, '' when none did
    scores: dict[str, float]  # each layout's detection score
    outcome: str  # what was read, or why it was skipped
    projects: int = 0
    indicators: int = 0
    kind: str = ""  # 'goal', 'department', 'skipped', 'other'


class ParseError(ValueError):
    """The document is recognised but cannot be read correctly; the message says why, on one line (cell text
    quoted in it may hold line breaks: they become spaces)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
