"""Layout 'grid-form': the national goal form (项目支出绩效目标表) read from a table grid, one form per project.

A form is head rows of labels and values — 项目名称 | name; 主管部门(及代码) | dept | 实施单位 | unit; a money
group (项目资金（万元）) over rows such as 年度资金总额： | amount, 其中：财政拨款 | …; 总体目标 | text — then an
indicator table whose header names its columns (importers.columns: 一级/二级/三级指标 or 指标名称/指标内容, 指标值,
an operator column such as 指标性质 with number and unit in their own columns, 分值/权重, 指标解释, 评（扣）分标准 …),
often behind a merged side label (绩效指标). Rows are read by column: merged level cells are spread down by the
reader, and an empty level cell continues the level above (a page break). The table ends at the next form's head.
A form without a 项目名称 row takes its name from its title ('…项目绩效目标表'); a form naming a 部门名称 instead
is the department's whole goal table (部门整体), kept as such. Cells are read as written, their lines joined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from importers import cover, segments
from importers.cells import (
    BRACKETED,
    as_printed,
    clean,
    joined,
    lone_value,
    once_across,
    spread_values,
    squash,
    unspread,
)
from importers.columns import (
    HEAD_LABELS,
    SIDE_LABELS,
    block_column,
    INDICATOR_HEADERS,
    OPERATORS,
    PERIOD_PARTS,
    REMARK,
    TARGET_ACTUAL,
    column,
    earlier_values,
    declared_unit,
    unit_of_cell,
    field_line,
    INLINE,
    head_field,
    REMARK_LABEL,
    sentence,
    inline_pair,
    split_pair,
    is_note,
    kind_levels,
    key,
    money_table,
    money_unit,
    nature_notes,
    placeholder,
    sign_off,
    signs_instead,
    target_and_actual,
    target_parts,
    weight_of,
    whole_period,
)
from importers.layouts import Layout, form_money
from importers.level_words import is_level1, is_level2, split_levels
from importers.records import (
    DEPARTMENT,
    DEPARTMENT_SELF_EVALUATION,
    PROJECT,
    SELF_EVALUATION,
    SHEET_BREAK,
    ParseError,
    RawDocument,
    RawIndicator,
    RawProject,
    Row,
)

NAME = "grid-form"
PLACEHOLDERS = frozenset(("", "/", "-", "—", "--", "——", "……", "...", "无", "不适用", "空"))
_CODE_PREFIX = re.compile(r"^\s*[\[【（(]?\s*(\d{2,12})\s*[\]】）)_＿\-－]\s*(.+)$", re.S)
_TITLE_NAME = re.compile(
    r"^(?:(?:预算|公开)?表\s*[0-9一二三四五六七八九十]+|(?:预算)?[0-9一二三四五六七八九十]+表)?"
    r"(?:(?:19|20)\d{2}年度?)?(.+?)(?:项目)?(?:支出)?(?:预算)?绩效目标(?:申报)?表(?:[（(].*[）)]?)?$"
)
_GENERIC_TITLE = re.compile(
    r"(?:部门|单位|本级|市级|区级|县级|省级|预算|项目|支出|专项|业务|经费|政策|和|及|资金|总体|重点|"
    r"一般性|一般|整体|年度|转移支付|的|主管|一级|二级|其他|运转类|特定目标类|综合)+"
)
# the first word of a row after the indicators (a note, a total), as a word of its own: not 注册用户数, 说明会场次
_TAIL = re.compile(r"^(?:备注|说明|注|总分|合计|评价等级|自评等级|自评得分)(?:$|值|[：:、，,.．;；\d（(])")


@dataclass
class _Header:
    columns: dict[str, int]  # field → position
    notes: dict[int, str]  # position → header label of a kept column
    width: int
    line: int
    operator_label: str = "指标性质"  # the operator column's header, for a nature it holds (定性, 定量 …)
    self_evaluation: bool = False  # the table gives what was achieved (实际完成值): a self-evaluation
    labels: dict[int, str] = field(default_factory=dict)  # position → header label of every column
    spans: tuple[int, ...] = ()  # positions repeating the label before them (a label over two grid columns)
    edges: tuple[float, ...] = ()  # the header row's grid (a PDF's cell left edges)
    starts: tuple[int, ...] = ()  # positions where a header cell begins on that grid


@dataclass
class _Form:
    head: list[Row] = field(default_factory=list)
    header: _Header | None = None
    rows: list[Row] = field(default_factory=list)
    tail: list[Row] = field(default_factory=list)
    title: str = ""  # the table title above the form
    unit: str = ""  # the money unit a line above the form declares ('单位：万元')
    named: set[str] = field(default_factory=set)  # the kinds the head rows give a value (kept by add_head)
    grouped: bool = False  # begun by a project's row across a table without heads ('一、农村饮水工程维修养护项目')
    period_until: int = 0  # the line of the year's table after a 长期绩效指标 table: rows above it are the span's
    span: str = ""  # the label of its first indicator table, beside its header or on a row above it ('长期绩效指标')

    def add_head(self, row: Row) -> None:
        self.head.append(row)
        self.named.update(kind for kind, _, value in pairs(row) if value)


def _cells(row: Row, width: int = 0, lines: bool = False) -> list[str]:
    """The row's cells cleaned with their lines joined (kept, with `lines`), padded on the left to `width` (a lost
    side column)."""
    cells = [clean(cell) if lines else joined(clean(cell)) for cell in row.cells]
    return [""] * (width - len(cells)) + cells if width > len(cells) else cells


def _aligned(form: _Form, table: _Header) -> list[tuple[Row, list[str]]]:
    """The form's rows with their cells (cleaned, their lines kept) in the table's columns: padded on the left (a side
    cell merged down), or, for a row short by the columns the header spans twice (a Word table's rest after a page
    break, its name in one grid column), with those cells doubled when that, and not the padding, reads as an
    indicator row; a short row reading as neither (its levels left blank under a merged cell) goes as the short row
    before it went, or, first of its short rows (the rest's first row, under a level merged from the part above), as
    the short rows after it go."""
    out: list[tuple[Row, list[str]]] = []
    short = table.width - len(table.spans) if table.spans else -1
    double = False  # the short row before was doubled
    doubled_after = _doubled_after(form.rows, table) if table.spans else []
    for k, row in enumerate(form.rows):
        padded = _cells(row, table.width, lines=True)
        if len(row.cells) == short and not _indicator_row(row, table):
            doubled = _doubled(row, table.spans)
            if _indicator_row(replace(row, cells=doubled), table) or not double and doubled_after[k + 1]:
                double = True
            out.append((row, doubled if double else padded))
            continue
        double = double and len(row.cells) == short
        out.append((row, padded))
    return out


def _doubled_after(rows: list[Row], table: _Header) -> list[bool]:
    """For each row, whether the first of the short rows from it on (up to one of another width) reading as an
    indicator row does so doubled, and one more (False) for the end."""
    after = [False] * (len(rows) + 1)
    for k in range(len(rows) - 1, -1, -1):
        row = rows[k]
        if len(row.cells) == table.width - len(table.spans) and not _indicator_row(row, table):
            after[k] = _indicator_row(replace(row, cells=_doubled(row, table.spans)), table) or after[k + 1]
    return after


def _doubled(row: Row, spans: tuple[int, ...]) -> list[str]:
    cells = _cells(row, lines=True)
    for j in spans:
        cells.insert(j, cells[j - 1])
    return cells


def _spanned(cells: list[str], j: int | None, spans: tuple[int, ...]) -> str:
    """Column j's text, with the cells of its own under the grid columns its header label spans (`指标值` over
    `≥ | 95 | %`, no sub-header naming them): their texts joined, each once (a merged cell's text repeated)."""
    if j is None or j >= len(cells):
        return ""
    parts = [cells[j]]
    k = j + 1
    while k in spans and k < len(cells):
        if cells[k] != cells[k - 1]:
            parts.append(cells[k])
        k += 1
    return "".join(parts)


def _held_by_all(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset.intersection(*map(frozenset, words))


# Characters that every label of a name column, and every label of a target column, holds ('指', '值'): a row
# lacking either is no header, seen without cleaning and looking up each of its cells (most rows of a document are
# not). Cleaning only drops characters, but for HTML entities ('&#25351;'), so a row holding '&' is looked at whole.
_NAME_CHARS = _held_by_all((*INDICATOR_HEADERS["name"], "绩效指标"))
_TARGET_CHARS = _held_by_all((*INDICATOR_HEADERS["target"], *INDICATOR_HEADERS["period_target"]))


def _may_be_header(row: Row) -> bool:
    text = "".join(row.cells)
    return "&" in text or all(c in text for c in _NAME_CHARS) and all(c in text for c in _TARGET_CHARS)


_TARGETS = {"target", "period_target", TARGET_ACTUAL}  # the columns one of which an indicator header names


def header(row: Row) -> _Header | None:
    """The indicator table's columns when the row is its header: a name and a target column at least."""
    return _header_of(row) if _may_be_header(row) else None


def _header_of(row: Row) -> _Header | None:
    cells = once_across(_cells(row))
    columns: dict[str, int] = {}
    notes: dict[int, str] = {}
    kinds = [column(cell) if cell else "" for cell in cells]
    if not _TARGETS & set(kinds):
        return None  # (most rows of the tables a detector walks: no column holds a target)
    earlier = earlier_values(cells, kinds)
    for j, cell in enumerate(cells):
        if not cell:
            continue
        found = kinds[j]
        if j in earlier:  # a goal table's value of the last year beside its target: kept as a note
            notes[j] = key(cell)
            continue
        if found == TARGET_ACTUAL:  # both in one cell, parted where the rows are read
            columns.setdefault("target", j)
            columns.setdefault("actual", j)
        elif found == "operator" and signs_instead(cells, columns, j):
            notes[columns["operator"]] = key(cells[columns["operator"]])  # 指标性质 (定量/定性) beside the signs
            columns["operator"] = j
        elif found and found not in columns:
            columns[found] = j
        elif is_note(cell):
            notes[j] = key(cell)
    if "name" not in columns:
        side = [j for j, cell in enumerate(cells) if cell and key(cell) == "绩效指标"]
        levels = [columns[level] for level in ("level1", "level2") if level in columns]
        after = [j for j in side if levels and j > max(levels)]
        if after:  # a names column headed 绩效指标 after the levels (一级指标 | 二级指标 | 绩效指标 | 指标值)
            columns["name"] = after[0]
        elif side and side[0] > 0 and "level1" not in columns:  # levels and name in one cell under 绩效指标
            columns["name"] = side[0]  # (a department's table by activity)
        elif side and "level2" not in columns and all(cells):  # 绩效指标 | 指标值 | 分值: levels in group rows
            columns["name"] = side[0]  # (a side label beside a header has the header's columns right of it)
    if "name" not in columns or not {"target", "period_target"} & columns.keys():
        return None
    if any(head_field(cell) in ("name", "department_name") for cell in cells if cell):
        return None  # a flat table's header: a column of project (or unit) names beside the indicators
    operator_label = key(cells[columns["operator"]]) if "operator" in columns else "指标性质"
    labels = {j: key(cell) for j, cell in enumerate(cells) if cell}
    written = [cell.strip() for cell in row.cells]
    spans = tuple(j for j, cell in enumerate(cells) if j and not cell and written[j] and written[j] == written[j - 1])
    starts = tuple(j for j, cell in enumerate(written) if not j or cell != written[j - 1])
    return _Header(
        columns, notes, len(row.cells), row.line, operator_label, "actual" in columns, labels, spans, row.edges, starts
    )


def _label(cell: str) -> str:
    """The field a head cell labels ('' for a value): a known label, or any short cell ending with a colon."""
    found = head_field(cell)
    if found:
        return found
    text = clean(cell)
    return "other" if text.endswith(("：", ":")) and 1 < len(text) <= 20 else ""


def pairs(row: Row) -> list[tuple[str, str, str]]:
    """(field, label as written, value) of a head row; a label with no value before the next label has ''."""
    found: list[tuple[str, str, str]] = []
    label = None
    for value in spread_values(row.cells):
        value = joined(value)
        kind = _label(value)
        inline = inline_pair(value) if not kind else None
        if not kind and not inline and label is None and found and _overflowed(found[-1][2], value):
            # a label that overflows its narrow cell into the cells beside it: '资金总' | '额：55.72'
            inline = inline_pair(found[-1][2] + value)
            found[-1] = (found[-1][0], found[-1][1], "")
            if not found[-1][0]:
                found.pop()
        if inline:  # label and value in one cell: '单位名称:重庆市商务委员会'
            if label is not None:
                found.append((label[0], label[1], ""))
                label = None
            found += split_pair(inline)
            continue
        if kind:
            if label is not None:
                found.append((label[0], label[1], ""))
            label = (kind, unspread(value))
        elif label is not None:
            found.append((label[0], label[1], value))
            label = None
        else:
            found.append(("", "", value))
    if label is not None:
        found.append((label[0], label[1], ""))
    return _unknown_labels(found)


_UNKNOWN_LABEL = re.compile(r"[\u4e00-\u9fff（）()]{2,10}")  # a short label of words (主管部门编码, 资金用途类别)


def _unknown_labels(found: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A row's pairs with a label no list knows and its value beside it ('主管部门编码 | 123001', '项目起止年限 | …')
    as an 'other' pair: two values in a row, the first a short label of words (no figure, no level or column word),
    on a row that labels its other values or holds only the two; each was kept as the form's 说明, the label lost.
    A value that is a share's word is the value ('资金性质 | 一般公共预算'), not a label left blank."""
    if len(found) != 2 and not any(kind for kind, _, _ in found):
        return found
    out: list[tuple[str, str, str]] = []
    k = 0
    while k < len(found):
        kind, label, value = found[k]
        after = found[k + 1] if k + 1 < len(found) else None
        if not kind and not label and after and _unknown_label(value) and (after[:2] == ("", "") or _word_value(after)):
            out.append((UNLISTED, value, after[2] or after[1]))
            k += 2
            continue
        out.append(found[k])
        k += 1
    return out


def _word_value(pair: tuple[str, str, str]) -> bool:
    """A label's word standing as a value, none after it ('一般公共预算' of '资金性质 | 一般公共预算')."""
    return pair[0] in ("fund", "other") and not pair[2]


UNLISTED = "unlisted"  # the kind of such a pair: kept in fields, after what the head's money and blocks gave
# the starts of known labels: a label a cell's edge cut ('总体目' of 总体目标, its '标' on the next row), no label
_LABEL_STARTS = frozenset(word[:n] for words in HEAD_LABELS.values() for word in words for n in range(2, len(word)))


def _unknown_label(text: str) -> bool:
    """Whether a text reads as a label no list knows: short words, not a level, column or side label's, not a known
    label's start, not an organisation's name (西安市儿童医院 beside a text is a value)."""
    word = key(text)
    return bool(_UNKNOWN_LABEL.fullmatch(word)) and not (
        is_level1(word)
        or is_level2(word)
        or column(word)
        or word in PLACEHOLDERS
        or word in SIDE_LABELS
        or word in _LABEL_STARTS
        or cover.ORGANISATION.search(word)
    )


def _overflowed(before: str, value: str) -> bool:
    """Whether a short text and the value after it are one label and its value cut by a cell's edges ('资金总' and
    '额：55.72' of '资金总额：55.72')."""
    return 0 < len(before) <= 6 and not _label(before) and bool(inline_pair(before + value))


_FORM_KINDS = ("name", "department_name", "code")
_FORM_LABELS = tuple(frozenset(word) for kind in _FORM_KINDS for word in HEAD_LABELS[kind])  # their characters


def _starts_form(row: Row, title: str = "") -> bool:
    """Whether the row names a project (or a department's whole table, or a project code): a new form; under a
    department-wide title (单位整体支出绩效目标表), a row naming its unit (预算单位 | 某局) too."""
    if segments.DEPARTMENT_TITLE.search(title) and any(kind == "department" and v for kind, _, v in pairs(row)):
        return True
    return _may_start_form(row) and any(kind in _FORM_KINDS and value for kind, _, value in pairs(row))


def _may_start_form(row: Row) -> bool:
    """False for a row holding the characters of none of the labels naming a form (as `_may_be_header`)."""
    chars = set("".join(row.cells))
    return "&" in chars or any(label <= chars for label in _FORM_LABELS)


def _is_tail(
    row: Row, header: _Header | None = None, after: Iterable[list[str]] | None = None, above: Row | None = None
) -> bool:
    """Whether a row is under the table: a note, or its sign-off (`_signed`, deciding a row of one label laid out as
    the indicators by the rows `after` it and the row `above` it)."""
    values = spread_values(row.cells)
    return bool(values) and _TAIL.match(key(values[0])) is not None or _signed(row, header, after, above) is not None


def _last(rows: list[Row]) -> Row | None:
    """The last of the rows, None for none."""
    return rows[-1] if rows else None


def _form_rows(rows: Iterable[tuple[Row, _Header | None]], title: str) -> Iterator[list[str]]:
    """The cells of `rows` up to the next form's title or head row (`_starts_form`): what follows a row in its form."""
    for row, _ in rows:
        if segments.title(row) or _starts_form(row, title):
            return
        yield row.cells


def _with_headers(rows: list[Row]) -> list[tuple[Row, _Header | None]]:
    """Each row with the indicator header it is (None for most; each looked at once), a header printed over two rows
    made one: `绩效指标 | | | 指标值` over `| 一级指标 | 二级指标 | 三级指标 |` (a text or TSV file leaves a merged
    cell empty below its text), when neither row is a header alone; or a header whose 指标值 spans sub-columns named
    below it (`_split_target`)."""
    found: list[tuple[Row, _Header | None]] = []
    skip = False
    rows = _rejoined(rows)
    for i, row in enumerate(rows):
        if skip:
            skip = False
            continue
        alone = header(row)
        if i + 1 < len(rows) and (alone is None and _may_be_upper_header(row) or alone and "target" in alone.columns):
            below = rows[i + 1]
            width = max(len(row.cells), len(below.cells))
            upper = [*row.cells, *[""] * (width - len(row.cells))]
            lower = [*below.cells, *[""] * (width - len(below.cells))]
            if alone is None:
                merged: Row | None = replace(row, cells=[b if clean(b) else u for u, b in zip(upper, lower)])
            else:
                merged = _split_target(row, upper, lower)
            joined = header(merged) if merged is not None and (alone or header(below) is None) else None
            if merged is not None and joined is not None:
                found.append((merged, joined))
                skip = True
                continue
        found.append((row, alone))
    return found


def _rejoined(rows: list[Row]) -> list[Row]:
    """The rows with a row the page break cut in two, each part closed by its own rules (as Word and LibreOffice
    draw a row allowed to break), made one again, its cells joined line by line; and a level cell the break split
    (a merged cell closed on each page, its text across the break: '质量指' | '标') whole in every row it covers,
    the ones before the break that hold its first part and the ones after that hold its rest (`_cut`)."""
    out: list[Row] = []
    page = 0
    rests: dict[int, tuple[str, str]] = {}  # column → (a cut level's rest, the level whole), on the rest's page
    for row in rows:
        last = next((i for i in range(len(out) - 1, -1, -1) if not out[i].blank), -1)
        if last >= 0 and not row.blank and (label := _label_rest(out[last], row)):
            first, i = out[last].cells[0], last
            while i >= 0 and out[i].page == out[last].page and out[i].cells[:1] == [first]:
                out[i] = replace(out[i], cells=[label, *out[i].cells[1:]])
                i -= 1
            row = replace(row, cells=["", *row.cells[1:]])  # its value's rest, under the label above
        laid = _on_grid(row, out[last]) if last >= 0 else row
        completed, cut = _cut(out[last], laid) if last >= 0 and not row.blank else ([], False)
        if laid is not row and not cut:
            completed = []  # (a level split across grids of their own: its rows' columns differ)
        row = laid if cut else row
        if completed:
            whole = {j: joined(clean(out[last].cells[j])) + joined(clean(row.cells[j])) for j in completed}
            if laid is row:  # (on a grid of its own, the rows after it hold the rests in other columns)
                rests, page = {j: (row.cells[j], whole[j]) for j in completed}, row.page
            for j in completed:  # the rows before the break that hold the level's first part
                first, i = out[last].cells[j], last
                while i >= 0 and out[i].page == out[last].page and j < len(out[i].cells) and out[i].cells[j] == first:
                    out[i] = replace(out[i], cells=[whole[j] if k == j else c for k, c in enumerate(out[i].cells)])
                    i -= 1
            if cut:
                cells = [
                    a if k in whole else a + "\n" + b if b.strip() else a
                    for k, (a, b) in enumerate(zip(out[last].cells, row.cells))
                ]
                out[last] = replace(out[last], cells=cells, ends=frozenset(range(len(cells))))  # (none goes on)
                continue
        if rests and row.page == page:
            rests = {j: rest for j, rest in rests.items() if j < len(row.cells) and row.cells[j] == rest[0]}
            row = replace(row, cells=[rests[j][1] if j in rests else cell for j, cell in enumerate(row.cells)])
        out.append(row)
    return out


def _on_grid(row: Row, above: Row) -> Row:
    """The next page's first row on the grid of the page before's last when its own grid parts a column further (a
    PDF draws each page's grid from that page's rows): each cell in the column starting where it does; the row as it
    is when the grids are the same or unknown, or a cell's own text starts at no edge above. Two of its lines may
    stand nearest one above (another form's a few points beside the column's): the cell of text between them is
    kept, not the blank after it."""
    if (
        row.page != above.page + 1
        or len(row.cells) == len(above.cells)
        or len(row.edges) != len(row.cells)
        or len(above.edges) != len(above.cells)
    ):
        return row
    shift = row.edges[0] - above.edges[0]
    cells: dict[int, str] = {}
    for k, (edge, cell) in enumerate(zip(row.edges, row.cells)):
        j = form_money.nearest_edge(above.edges, edge - shift)
        if j is not None:
            if clean(cell) or j not in cells:  # (two lines near one above, another form's beside it: a text stays)
                cells[j] = cell
        elif clean(cell) and (k == 0 or cell != row.cells[k - 1]):
            return row
    return replace(row, cells=[cells.get(j, "") for j in range(len(above.cells))], edges=above.edges)


def _label_rest(above: Row, row: Row) -> str:
    """The head label whose last characters the page break carried to the next page's first row ('年度绩效目' and
    '标', the goal's rest beside it), whole; '' when the two first cells are no such label's parts. The rows may
    hold their cells in other columns (a page showing only the head's merged cells finds fewer)."""
    if not above.page or row.page != above.page + 1 or not above.cells or not row.cells:
        return ""
    a, b = joined(clean(above.cells[0])), joined(clean(row.cells[0]))
    if not a or not b or len(b) > _FRAGMENT_CHARS or head_field(a) or head_field(b):
        return ""
    return a + b if head_field(a + b) else ""


_FRAGMENT_CHARS = 2  # a rest this short is a cut cell's last line ('标', '户次'), whatever the cells beside it
_SUFFIXES = ("指标", "目标")  # a level's suffix alone on a cell's last line: '社会效益' | '指标', a level either way


def _cut(above: Row, row: Row) -> tuple[list[int], bool]:
    """For the last row of a page and the next page's first: the columns whose cut level or label the second
    completes ('质量指' and '标', '一级指' and '标', '社会效益' and '指标'), and whether the second is the rest of
    the first, cut by the break. A rest holds only the last lines of the cells that run over the break: short texts,
    none in a cell the row above left empty or the same as the one above (a merged cell's text again), and blank in
    some cell of one line above (a weight, a target) unless all its texts are fragments. Beside two whole rows
    ('质量指' | 验收合格率 | 100% over '标' | 资金发放准确率 | =100%) the level is a merged cell the break split, the
    rows two."""
    if not above.page or row.page != above.page + 1 or len(row.cells) != len(above.cells):
        return [], False
    pairs = [(joined(clean(a)), joined(clean(b))) for a, b in zip(above.cells, row.cells)]
    completed = [j for j, (a, b) in enumerate(pairs) if a and b and _word(a + b) and (not _word(a) or b in _SUFFIXES)]
    if not completed or any(b and not a for a, b in pairs):
        return [], False
    levels = set(completed) | {j for j, (a, _) in enumerate(pairs) if is_level1(a) or is_level2(a)}
    ended = any(a and not b for j, (a, b) in enumerate(pairs) if j not in levels)
    fragments = all(len(b) <= _FRAGMENT_CHARS for _, b in pairs)
    short = not any(a == b or len(b) > _REST_CHARS or _new_value(a, b) for a, b in pairs if b)
    labels = any(column(pairs[j][0] + pairs[j][1]) for j in completed)  # a header's row: its rests are labels'
    return completed, (short or labels) and (ended or fragments)


_SIGNS = frozenset(sign[0] for sign in OPERATORS)  # a value's first character when it starts with its sign


def _new_value(before: str, rest: str) -> bool:
    """Whether a cell's text on the next page is a value of its own, not the rest of the one above: it starts
    with a sign ('≥100' and '≥2'), or a number after a number ('≥100' and '2次') or after a share ('96%' and
    '100%': a share is whole)."""
    return rest[0] in _SIGNS or rest[0].isdigit() and before[-1:] in ("%", "％", *"0123456789")


def _word(text: str) -> bool:
    """A level word or a column label of an indicator table, a kept note's among them ('偏差原因分析及改进措施'), or
    of a self-evaluation's head block ('年初预算数')."""
    return is_level1(text) or is_level2(text) or bool(column(text)) or is_note(text) or bool(block_column(text))


_PARTS = ("operator", "target", "unit")  # what a target column's sub-columns hold
_ACTUAL_PARTS = {"operator": "完成值符号", "unit": "完成值单位"}  # an actual's, as importers.columns names them


def _split_target(row: Row, upper: list[str], lower: list[str]) -> Row | None:
    """A header whose 指标值 (or 实施期指标值, 实际完成值) spans sub-columns named on the row below (`指标值` over
    `符号 | 目标值 | 计量单位`), or whose note spans its parts (`偏差原因分析及改进措施` over `原因分析 | 改进措施`):
    the upper row with those names; None when the row below is anything else (a cell other than such a name, or the
    cell above it repeated, as a merged cell is)."""
    cells, split = [], False
    for u, b in zip(upper, lower):
        if not clean(b) or key(b) == key(u):
            cells.append(u)
        elif column(b) in _PARTS and (not clean(u) or column(u) == "target") or is_note(u) and is_note(b):
            cells.append(b)
            split = True
        elif column(b) in _PARTS and column(u) == "actual":  # the actual's parts: 实际完成值 over 符号 | 数值 | 单位
            cells.append(_ACTUAL_PARTS.get(column(b), u))
            split = True
        elif column(b) in _PARTS and column(u) == "period_target":  # 实施期指标值 over 指标性质 | 指标值 | 计量单位
            cells.append(PERIOD_PARTS.get(column(b), u))
            split = True
        else:
            return None
    return replace(row, cells=cells) if split else None


def _may_be_upper_header(row: Row) -> bool:
    """The upper row of a two-row header holds a target column's characters and leaves some cell empty."""
    text = "".join(row.cells)
    return all(c in text for c in _TARGET_CHARS) and any(not clean(cell) for cell in row.cells)


def forms(rows: list[Row], paired: list[tuple[Row, _Header | None]] | None = None) -> list[_Form]:
    """The forms of the rows: a head (from a row naming a project), its indicator table, and the rows after the
    table (备注 …) up to the next form's head, the next table's title or a money table's header (`财政拨款 | 其他资金`
    right under the indicators, no title of its own); each with the title and the money unit written above it. A
    header printed over two rows is read as one.
    """
    found: list[_Form] = []
    form: _Form | None = None
    title = unit = ""
    last: _Header | None = None  # the indicator header of the form before, under the same title
    ended: _Form | None = None  # the form a repeat of its own title ended: a continuation page may follow
    narrow: tuple[_Form, int] | None = None  # such a form and the page that carried its rows in fewer columns
    under: tuple[_Form, _Header, _Header] | None = None  # a form, its header repeated in other columns, its own
    paired = _with_headers(rows) if paired is None else paired  # (the rows with their headers, when read already)
    ruled = 0  # the page of the last row in a PDF's grid
    bare: set[int] = set()  # the pages of lines outside one after it
    for n, (row, table) in enumerate(paired):
        if row.blank:
            if row.line == SHEET_BREAK and form is not None and form.rows:
                form = None  # the end of a workbook's sheet ends its form (a 资金测算 sheet is no part of it)
            continue
        apart = bool(row.edges) and any(ruled < page < row.page for page in bare)  # a page of lines, no grid
        ruled, bare = (row.page, set()) if row.edges else (ruled, bare | {row.page})
        name = segments.title(row)
        if name and not segments.numbered(name):
            if form is not None and (form.header is None or form.rows):
                ended = form if form.header is not None and name == form.title else None
                form = None  # the next table's title ends the form (or a head that never got its table)
            title, last = name, None
            continue
        declared = declared_unit(row)
        unit = declared or unit
        if declared and table is None and (form.header is not None and not form.tail if form else ended):
            continue  # a page's running head among the rows ('某局（本级）　单位：万元'): no indicator
        if form is None and ended is not None and ended.header is not None and table is None:
            carried = _carried_row(row, ended.header)
            if carried is not None:  # its last rows on the next page, under its title again and no head or header
                narrow = (ended, row.page) if carried is not row else None
                form, row = ended, carried
        elif form is not None and form.header is not None and narrow == (form, row.page):
            row = _widened(row, form.header.width)
        if not (declared or segments.caption(row)):
            ended = None  # only a unit or year line may stand between the title and the carried rows
        if table is None and form is not None and form.header is None and last and _indicator_row(row, last):
            form.header = last  # a form printed without its header row: its rows in the columns of the one before
        if table is not None:
            last = table
            if form is None:
                form = _new(found, [], title, unit)
            above = _span_label(paired[n - 1][0]) if n else ""  # '长期绩效指标' across the table, over the header
            if form.header is None:
                side = _side_label(table)  # (a 序号 column's label is no span's: the label above then)
                form.header, form.span = table, side if _spans(side) or not above else above
                _join_side_label(form, row)
            if form.rows and not form.period_until and _PERIOD_SIDE.match(form.span) and _year_side(table, above):
                form.period_until = row.line  # 长期绩效指标 | … then 年度绩效指标 | …: two tables of one form
                form.header = _span_values_as_targets(form.header)
            changed = table.labels != form.header.labels or table.width != form.header.width
            under = (form, table, form.header) if changed else None
            continue  # the header repeated on a continuation page (its own table in a Word file, its own columns)
        if (
            (form is None or form.rows or form.header is None and "name" not in form.named)
            and _project_line(row)
            and any(header is not None for _, header in paired[n + 1 : n + 1 + _HEADING_REACH])
        ):
            if form is not None and form.header is None:
                found.remove(form)  # a unit's line above the projects ('部门名称：…'): no form of its own
            form = _new(found, [row], title, unit)  # (its table's header below it, or its rows in the last one's)
            form.grouped = True  # a project named by a line above its table, as by a row across it
            continue
        if form is not None and (header := form.header) is not None:
            if (not form.head and not form.rows or form.grouped and form.rows) and _group_heading(row):
                if form.rows:  # the table's projects, each under a row naming it
                    form = _new(found, [], title, unit, form.header)
                form.head, form.grouped = [row], True
                continue
            if form.grouped and not form.rows and inline_pair(_group_heading(row) or _only_text(row)):
                form.head.append(row)  # a labelled row across the table or line under the project's ('年度绩效目标：…')
                continue
            if _starts_form(row, title):
                form = _new(found, [row], title, unit)
            elif apart:
                form = None  # a grid after a page of lines without one (a document's text, a file joined on): not its
            elif money_table(row.cells, (below.cells for below, _ in islice(paired, n + 1, None)), header.columns):
                form = None  # a money table under the indicators, without a title of its own: no row of the form
            elif (
                form.tail
                or _is_tail(row, form.header, _form_rows(islice(paired, n + 1, None), title), _last(form.rows))
                or any(_wrapped_sign_off(row, b) for b, _ in paired[n + 1 : n + 2])
            ):
                form.tail.append(row)
            elif ruled and not row.edges and row.page > ruled:
                continue  # a line outside the grid on a page after its last row (a file joined on's contents): no row
            else:
                form.rows.append(_in_columns(row, under[1], under[2]) if under and under[0] is form else row)
        elif form is not None and not _renames(form, row):
            if not _span_label(row):  # (the label of the table below: no head field)
                form.add_head(row)
        elif _starts_form(row, title) or form is None and _heads_titled_form(row, title):
            if form is not None and form.header is None:
                found.remove(form)  # a head that never got its table: not a form
            form = _new(found, [row], title, unit)
    return found


def _heads_titled_form(row: Row, title: str) -> bool:
    """Whether a row of head fields ('主管部门 | 某局', '年度资金总额 | 860.00') begins the form its title names
    ('2026年5G基站建设项目绩效目标表', no 项目名称 row): it stood before any form and was dropped, the project stored
    without its department, amount and goal, without a word."""
    return bool(title_name(title)) and any(kind not in ("", "other") and value for kind, _, value in pairs(row))


_REST_CHARS = 6  # the rest of a name a page break cut off is short ('时率'); a longer one is an indicator of its own
_FACT = re.compile(
    r"\s*([^：:\d]+?)\s*[：:]\s*(.+?)\s*|\s*([^：:\d]*?)\s*(\d[\d,.]*%?(?:\s*(?:亿元|万元|千元|元|分))?)\s*"
)  # a fact and its value ('主管部门：某县水利局', '全年预算数320万元', '预算金额 2680 万元' as a PDF prints it)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十百]+|\d{1,3})(?:[、.．]|$)\s*")


_HEADING_REACH = 8  # rows from a project's line to its table's header at most (its goal's lines between)
_SUM = re.compile(
    r"[^：:\d]*[：:]?\s*\d[\d,.]*\s*(?:亿元|万元|千元|元)"
)  # '预算金额2680.00万元', '预算金额：…', '2680万元', '2680 万元' (as a PDF prints it)
_PROJECT_LINE = re.compile(r"(?:[一二三四五六七八九十百]+|\d{1,3})[、.．]\s*(\S.{3,}?[（(]" + _SUM.pattern + "[）)])")


def _only_text(row: Row) -> str:
    """The one text of a row (a line, or a cell merged across it), its lines joined; '' for a row of several or none."""
    return joined(lone_value(row.cells) or "")


def _project_line(row: Row) -> str:
    """A line above a table naming a project and its money ('一、城市道路清扫保洁（预算金额2680.00万元）'): the name
    and its bracket; '' for other rows."""
    match = _PROJECT_LINE.fullmatch(_only_text(row))
    return match.group(1) if match else ""


def _group_heading(row: Row) -> str:
    """The text of a row naming a project across an indicator table ('一、农村饮水工程维修养护项目（主管部门：…）'
    merged over the columns, or '一 | 智慧城管平台运维项目' with its number apart) or on a line above it
    (`_project_line`), '' for other rows: a level word, a note or total, a placeholder."""
    if line := _project_line(row):
        return line
    values = [value for value in spread_values(row.cells) if value.strip()]
    if len(values) == 2 and _ORDINAL.fullmatch(values[0].strip()):
        values = values[1:]
    if len(values) != 1 or sum(1 for cell in row.cells if cell.strip() == values[0].strip()) < 2:
        return ""
    text = joined(clean(values[0]))
    if is_level1(text) or is_level2(text) or _is_tail(row) or text in PLACEHOLDERS or segments.title(row):
        return ""
    if text.startswith(("（", "(")):
        return ""  # '（一）产出数量': a group of the project's rows, not a project
    return _ORDINAL.sub("", text) if len(_ORDINAL.sub("", text)) >= 4 else ""


def _heading_project(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A project's group row as its name and the facts it adds in brackets, label and value each:
    '农村饮水工程（主管部门：某县水利局；全年预算数320万元）' → ('农村饮水工程', [('主管部门', '某县水利局'),
    ('全年预算数', '320万元')]); a bracket without a label is the name's own ('（二期）')."""
    if not text.endswith(("）", ")")):
        return text, []
    depth = 0
    for start in range(len(text) - 1, -1, -1):
        depth += {"）": 1, ")": 1, "（": -1, "(": -1}.get(text[start], 0)
        if depth == 0:
            break
    inside = text[start + 1 : -1]
    if not re.search("[：:；;]", inside) and not _SUM.fullmatch(inside):
        return text, []  # a bracket of the name's own: '（二期）'
    found: list[tuple[str, str]] = []
    for part in re.split(r"[；;，]|,(?!\d{3})", inside):  # (not the comma of 1,320万元)
        match = _FACT.fullmatch(part)
        if match:
            found.append((match.group(1) or match.group(3) or "金额", match.group(2) or match.group(4)))
    return text[:start].strip(), found


def _carried_row(row: Row, table: _Header) -> Row | None:
    """The first row of a form carried to the next page, in its table's columns: the row itself, or, when the page
    draws fewer columns (a column the header spans twice is one there), the row filled out on the right; None for a
    row that reads as no indicator row. Its 一级指标 may be blank: a cell merged down from the page before."""
    if _indicator_row(row, table, carried=True):
        return row
    widened = _widened(row, table.width)
    return widened if widened is not row and _indicator_row(widened, table, carried=True) else None


def _in_columns(row: Row, under: _Header, header: _Header) -> Row:
    """A row printed under a repeat of the header laid out in other columns (a Word table's rest after a page break,
    its name in one grid column instead of two) in the columns of the form's header: each cell found by its
    column's label, else by the field it holds; a column spanning two keeps its text in both."""
    cells = _cells(row, under.width)
    where = {label: j for j, label in under.labels.items()}
    fields = {j: name for name, j in header.columns.items()}
    out: list[str] = []
    for j in range(header.width):
        k = where.get(header.labels.get(j, ""), under.columns.get(fields.get(j, ""), -1))
        out.append(out[-1] if j in header.spans and out else cells[k] if 0 <= k < len(cells) else "")
    return replace(row, cells=out)


def _widened(row: Row, width: int) -> Row:
    """The row with empty cells added on the right up to `width` (itself when it is that wide)."""
    return replace(row, cells=[*row.cells, *[""] * (width - len(row.cells))]) if len(row.cells) < width else row


_SPAN_NUMBER = r"(?:[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、．]|\d{1,2}\.(?!\d))?"  # '一、长期绩效指标'
_PERIOD_SIDE = re.compile(rf"^{_SPAN_NUMBER}(?:长期|中期|实施期|总目标|总体目标|项目周期)(?:绩效)?指标")
_YEAR_SIDE = re.compile(
    rf"^{_SPAN_NUMBER}(?:(?:19|20)\d{{2}}年度?|本?年度|当年|本年)(?:绩效)?指标"
)  # '2026年度绩效指标'


def _side_label(table: _Header) -> str:
    """The label beside an indicator table's header ('年度绩效指标'), '' when none: a header cell naming no column."""
    used = set(table.columns.values()) | set(table.notes)
    return next((key(label) for j, label in sorted(table.labels.items()) if j not in used and label), "")


def _span_values_as_targets(header: _Header) -> _Header:
    """The span's header whose value column names the span (中期指标值) read as the targets' column, as the year's
    table after it names its own (年度指标值): `_with_span_values` makes them the span's values, and the year's rows,
    read in the span's columns, keep their targets (they were lost, the span's values with them)."""
    if "target" in header.columns or "period_target" not in header.columns:
        return header
    columns = {("target" if name == "period_target" else name): j for name, j in header.columns.items()}
    return replace(header, columns=columns)


def _year_side(table: _Header, above: str = "") -> bool:
    return bool(_YEAR_SIDE.match(_side_label(table)) or _YEAR_SIDE.match(above))


def _spans(label: str) -> bool:
    return bool(_PERIOD_SIDE.match(label) or _YEAR_SIDE.match(label))


_SPAN_END = re.compile(r"表?\s*(?:[（(][^）)]*[）)])?\s*[：:]?")  # what may follow its words: '表', '（2026年）', '：'


def _span_label(row: Row) -> str:
    """The label of a 长期/年度 indicator table on a row of its own above its header ('长期绩效指标' merged across the
    table, as the side cell beside it is elsewhere), '' for other rows: a goal's line its words begin ('年度指标按期
    完成') among them."""
    text = key(_only_text(row))
    found = _PERIOD_SIDE.match(text) or _YEAR_SIDE.match(text)
    return text if found and _SPAN_END.fullmatch(text, found.end()) else ""


def _join_side_label(form: _Form, header_row: Row) -> None:
    """A side label printed down two rows ('总体目' beside the goal, '标' above '年度绩效指标' beside the header): the
    head row's label completed with the characters that begin the header row's first cell."""
    if not form.head or not header_row.cells or not form.head[-1].cells:
        return
    row = form.head[-1]
    start, rest = joined(clean(row.cells[0])), joined(clean(header_row.cells[0]))
    if not start or not rest or head_field(start):
        return
    for n in (1, 2):
        if head_field(start + rest[:n]):
            form.head[-1] = replace(row, cells=[start + rest[:n], *row.cells[1:]])
            form.named.update(kind for kind, _, value in pairs(form.head[-1]) if value)
            return


def _indicator_row(row: Row, table: _Header, carried: bool = False) -> bool:
    """Whether the row is an indicator row of a table with these columns: level words in both level columns (a
    blank 一级指标 too when `carried`: a row atop a page, its level merged down from the page before)."""
    cells = _cells(row, table.width)
    levels = [
        cells[table.columns[name]] if table.columns.get(name, len(cells)) < len(cells) else ""
        for name in ("level1", "level2")
    ]
    return (is_level1(levels[0]) or carried and not levels[0].strip()) and is_level2(levels[1])


def _renames(form: _Form, row: Row) -> bool:
    """Whether the row names again what the form's head already named (a second 项目名称: another form); a
    department's name or a code beside a project's name is the same form's."""
    kinds = {kind for kind, _, value in pairs(row) if value} & {"name", "department_name"}
    return bool(kinds & form.named)


def _new(found: list[_Form], head: list[Row], title: str, unit: str, header: _Header | None = None) -> _Form:
    found.append(_Form(header=header, title=title, unit=unit))
    for row in head:
        found[-1].add_head(row)
    return found[-1]


def _split_code(text: str) -> tuple[str, str]:
    """'231_烟台市审计局' or '[292]国家信访局' → ('231', '烟台市审计局'); text without a code → ('', text)."""
    match = _CODE_PREFIX.match(text)
    return (match.group(1), match.group(2).strip()) if match else ("", text)


_NUMBERING = re.compile(r"\d{1,2}(?:[.．]\d{1,2})*[.．、]?")  # a row's 序号 giving the tree: 1 / 1.1 / 1.1.1


def _wrapped_sign_off(row: Row, below: Row) -> bool:
    """Whether a line alone and the line alone under it are one sign-off line the print wrapped (LibreOffice's
    paragraph under a Word table: '单位负责人：张华　填报人：李四　联系电话：0791-' ⏎ '86661234', or '…李四联系电' ⏎
    '话：0791-86661234'): the two run together read as a sign-off (`columns.sign_off`), the lower one alone does not."""
    if len(row.cells) != 1 or len(below.cells) != 1 or row.page != below.page or _signed(below) is not None:
        return False
    return sign_off([row.cells[0].strip() + below.cells[0].strip()]) is not None


def _unwrapped(tail: list[Row]) -> list[Row]:
    """The rows under the table, each sign-off line the print wrapped one again (`_wrapped_sign_off`)."""
    out: list[Row] = []
    for row in tail:
        if out and _wrapped_sign_off(out[-1], row):
            out[-1] = replace(out[-1], cells=[out[-1].cells[0].strip() + row.cells[0].strip()])
            continue
        out.append(row)
    return out


def _signed(
    row: Row, header: _Header | None = None, after: Iterable[list[str]] | None = None, above: Row | None = None
) -> list[tuple[str, str]] | None:
    """A row of the form's sign-off (`columns.sign_off`) as its labels and values, across its cells or a line; none
    laid out as the `header`'s indicator rows ('| | 项目负责人 | 到位', its levels written once above) where the
    table goes on under it (the rows `after` it) or, for a value its words cannot tell, where it stands on the grid
    of the row `above` it."""
    cells = _cells(row)
    columns = header.columns if header is not None and len(cells) == header.width else {}
    shape = (columns["name"], columns["target"]) if "name" in columns and "target" in columns else None
    return sign_off(cells, shape, after, _cells(above) if above is not None else None)


def _tail_pair(row: Row, header: _Header | None) -> tuple[str, str]:
    """A row below the indicator table as a label and its value: one word as it is (自评等级 | 优, 优 merged over
    several columns or under one); values each named by the column they stand in when the row has the header's
    columns (总分 under 分值 and 得分: '分值 100；得分 99.5', '分值 100' alone), also when it stands on a grid of its
    own (`_on_header_grid`), else joined as written ('100 99.5')."""
    row = _on_header_grid(row, header)
    cells = _cells(row)
    values = [(j, cell) for j, cell in enumerate(cells) if cell]
    if len(values) < 2:
        return "", ""
    label = values[0][1]
    rest = [(j, cell) for j, cell in values[1:] if cell != label]  # the label's merged cell spread over several
    if len({cell for _, cell in rest}) == 1 and (len(rest) > 1 or not form_money.VALUE.match(rest[0][1])):
        return label, joined(rest[0][1])  # one word, spread over several columns or not (自评等级 | 优)
    named = [(j, cell) for j, cell in rest if header is not None and j in header.labels]
    if (
        header is not None
        and len(cells) == header.width
        and named
        and all(j in header.labels or _spread_beside(j, cells, header.labels) for j, _ in rest)
    ):
        return label, "；".join(f"{header.labels[j]} {cell}" for j, cell in named)
    return label, " ".join(joined(value) for value in spread_values(row.cells)[1:])


def _on_header_grid(row: Row, header: _Header | None) -> Row:
    """A PDF's row with its cells put under its indicator header's by where they are printed: each header cell takes
    the row's cell (a run of one text along the row's grid) overlapping it most. The row's grid may be other than the
    header's (总分 alone atop a page: its lines and the rows' there, as Word keeps each row's widths) or the header's
    with the row's own lines among its lines (总分's cells a few points off the header's). The row as it is when
    either grid is unknown."""
    if header is None or not header.edges or len(header.edges) != header.width or not header.starts:
        return row
    if not row.edges or len(row.edges) != len(row.cells):
        return row
    runs = _runs(sorted({0} | _changes(row)), len(row.cells))
    own = [*row.edges, row.edges[-1] + _RIGHT]
    under = [*header.edges, header.edges[-1] + _RIGHT]

    def overlap(run: tuple[int, int], c: int, d: int) -> float:
        return min(own[run[1]], under[d]) - max(own[run[0]], under[c])

    cells = [""] * header.width
    for c, d in _runs(list(header.starts), header.width):
        cells[c:d] = [row.cells[max(runs, key=lambda run: overlap(run, c, d))[0]]] * (d - c)
    return replace(row, cells=cells, edges=header.edges)


def _spread_beside(j: int, cells: list[str], labels: dict[int, str]) -> bool:
    """Whether the value in a column the header leaves unlabelled is a cell spread from a labelled column beside it
    (the row's lines a few points off the header's, its 分值 over the header's 分值 column and a sliver before it)."""
    for step in (-1, 1):
        k = j + step
        while 0 <= k < len(cells) and cells[k] == cells[j]:
            if k in labels:
                return True
            k += step
    return False


_GRADE = re.compile(r"(?:自评|评价)等级")
_GRADE_WORD = re.compile(r"(?:优秀?|良好?|中等?|合格|不合格|较好|一般|较差|差|[A-D]级?)(?:[（(][^）)]*[）)])?")


def _tail_pairs(row: Row, header: _Header | None) -> list[tuple[str, str]]:
    """`_tail_pair`, and a grade's label with its one grade word after the first label's values (总分 | 100 | 96.5 |
    自评等级 | 优) as a pair of its own; a grade left blank is none (not the stamp or date after it)."""
    cells = _cells(row)
    at = next((j for j, cell in enumerate(cells) if j and _GRADE.fullmatch(cell) and cell != cells[0]), 0)
    after = {cell for cell in cells[at + 1 :] if cell}
    if not at or len(after) != 1 or not any(cells[1:at]) or not _GRADE_WORD.fullmatch(next(iter(after))):
        return [_tail_pair(row, header)]
    before = replace(row, cells=[cell if j < at else "" for j, cell in enumerate(row.cells)])
    return [_tail_pair(before, header), (cells[at], after.pop())]


def _project(form: _Form) -> RawProject:
    """The project of a form's head: mapped labels to attributes, everything else to fields as written."""
    project = RawProject(
        name="", line=form.head[0].line if form.head else 0, page=(form.head[0].page if form.head else 0)
    )
    seen = set()
    last: tuple[str, str] | None = None  # the attribute and label the last value went to
    above: Row | None = None
    blocks = form_money.head_blocks(form.head)
    money = form_money.money_table([row for row in form.head if row.line not in blocks.lines])
    taken = blocks.lines | money.lines  # head rows read as blocks or a money table, not as label/value pairs
    unit = money.unit or blocks.unit
    for name, value in [*blocks.values.items(), *money.values.items()]:
        project.fields.setdefault(name, value)
    for row in _unwrapped(form.tail):
        signed = _signed(row)  # '填表人：李明　联系电话：…' under the table (taken as its tail): each its own field
        for label, value in signed or _tail_pairs(row, form.header):
            if value:
                project.fields[label] = value
    total = ""  # a grid of the year's tasks' money in the head: its 金额合计 row's first amount
    funds: list[str] = []  # the shares of the money (财政拨款, 其他资金) as written
    grouped = ""  # the money label whose sum is the amount, until an amount label gives one
    # the label that named it by its unit (单位名称：X): a department's own form, unless a 项目名称 follows
    by_unit = ""
    headed: set[str] = set()
    headline = ""
    previous = noted = None  # the row before this one; the row that gave the last 说明
    lead = ("", "")  # a text's lines above its label alone (a text-only page centres the label): kind, text
    lines = False  # whether the text read last stands alone in its row under its label alone, its lines below it
    over: list[tuple[str, str, str]] = []  # the pairs of the row above
    for k, row in enumerate(form.head):
        if form.grouped and (heading := _group_heading(row)) and not inline_pair(heading):  # ('项目名称：…': pairs)
            project.name, facts = _heading_project(heading)
            headline, headed = (
                heading,
                {"name"},
            )  # what the heading gave: a label in the form's head gives it again, and wins
            for label, value in facts:
                kind = head_field(label)
                if kind == "department" and not project.department:
                    project.department = value
                elif (kind == "amount" or _SUM.fullmatch(value)) and not project.amount:
                    project.amount = value
                    headed.add("amount")
                else:
                    project.fields[label] = value
            continue
        total = total or form_money.total_amount(row)
        if row.line in taken:
            last = None  # a value a page break cut goes on right below it, not past rows read as money or blocks
            continue
        found = pairs(row)
        alone = len(found) == len(over) == 1 and over[0][0] in ("goal", "overview")
        found = [_line_under(found[0], row)] if alone and not over[0][2] else found
        lead_in = alone and _lead_in(*found[0]) and _text_under(form.head[k + 1 : k + 2])
        alone = alone and (not found[0][0] or lead_in) and segments.text_part(row)  # (not '绩效指标')
        if alone and not over[0][2]:  # a text alone on its row, under its label alone
            found = [(over[0][0], over[0][1], found[0][2] or found[0][1])]
        over = over if _field_under(over, found, row) else found  # the text's lines go on under a field's line
        if (
            last
            and above
            and (
                row.page != above.page
                or last[0] in ("goal", "overview")
                and (
                    _next_line(project, last[0], row)
                    or len(found) == 1
                    and (lines or not row.cells[0].strip())
                    and segments.text_part(row)
                )
            )
            and all(not kind for kind, _, _ in found)
        ):  # a value the page break cut, or a text's next line above the table (年度绩效目标：… wrapped), or its next
            # part on a row added under it, its label cell left empty, or its next row under its label alone
            text = "".join(value for _, _, value in found)
            _append(project, *last, "\n" + text if lines and not _next_line(project, last[0], row) else text)
            above = row
            continue
        previous, above, lines = above, row, alone  # (the text's rows under its label alone: a line each, as typed)
        for kind, label, value in found:
            if (label, value) in seen:
                continue  # a label and value merged over several rows, repeated in each
            seen.add((label, value))
            unit = unit or money_unit(label)
            if not value:
                if kind == "other" and label:
                    project.fields.setdefault(label, "")
                elif kind == "department" and not project.department:
                    project.department = None  # printed blank: no department, not the document's
                elif kind in ("goal", "overview") and last == ("fields", "说明") and noted is previous and row.page:
                    # a label alone on its row (not '绩效目标 | 年度目标': a heading over its text's row below)
                    if len(found) == 1 and not project.fields["说明"].endswith(_SENTENCE_END):
                        lead = (kind, project.fields.pop("说明"))  # its first line above it: a PDF's label centred
                continue
            if kind in ("goal", "overview") and last == (kind, label) and getattr(project, kind):
                _append(project, kind, label, value)  # its label merged down the text's rows, printed in each
                continue
            last = None
            if not label and unit_of_cell(value):
                continue  # the unit line's '单位：万元', beside the unit's name
            given = "amount" if kind == "group" and form_money.a_sum(value) else kind
            if given in headed:  # the form names again what its heading gave: its own label wins, the heading kept
                project.fields.setdefault("标题", headline)
                setattr(project, given, "")
                headed.discard(given)
            if kind == "name" and by_unit and project.department and _names_project(value):
                project.fields[by_unit] = project.department  # the unit's line above its project's form
                project.name, project.kind, project.department, by_unit = "", PROJECT, "", ""
            if kind == "name" and not project.name:
                project.name = value
                last = ("name", label)
            elif kind == "department_name" and not project.name:
                project.name, project.kind, project.department, by_unit = value, DEPARTMENT, value, label
            elif kind == "department_name" and not project.department:
                project.department = value  # the unit whose 专项 the form names
            elif kind == "code" and not project.code:
                project.code = value
            elif kind == "department" and not project.department:
                code, project.department = _split_code(value)
                if code:
                    project.fields[label] = value
            elif (
                kind == "amount"
                and (not project.amount or grouped and value != project.amount)
                and any(c.isdigit() for c in value)
            ):
                if grouped:  # it wins over a money label's other sum (项目资金 | 500.00（2026-2028年）, the period's)
                    project.fields[grouped] = project.amount
                project.amount, grouped = value, ""  # (a label beside it, '合计' or '收入来源', is no amount)
            elif kind == "total_amount" and not project.total_amount:
                project.total_amount = value
            elif kind in ("goal", "overview", "period") and not getattr(project, kind):
                setattr(project, kind, lead[1] + value if lead[0] == kind else value)
                last = (kind, label)
            elif kind == "group" and not project.amount and form_money.a_sum(value):
                project.amount, grouped = value, label  # a label over the money's rows with a sum: 项目资金 | 356.8万元
            elif kind == UNLISTED:
                project.fields.setdefault(label, value)
            else:
                if kind == "fund":
                    funds.append(value)
                project.fields[label or "说明"] = value
                last, noted = ("fields", label or "说明"), row
    if not project.amount and blocks.values.get("全年预算数"):
        project.amount = blocks.values["全年预算数"]  # a self-evaluation's year's budget (A)
    project.amount = project.amount or blocks.values.get("年度资金总额", "")  # the central form's year, its span
    project.total_amount = project.total_amount or blocks.values.get("实施期资金总额", "")
    if not project.goal and blocks.values.get("预期目标"):
        project.goal = blocks.values["预期目标"]
    if blocks.values.get("年度目标") and not project.goal:  # its 实施期目标 stays a field, as a form beside it gives it
        project.goal = project.fields.pop("年度目标")
    if not project.goal and (cut := next((label for label in project.fields if _cut_goal(label)), None)):
        project.goal = project.fields.pop(cut)
    if not project.amount and project.total_amount:
        project.amount = project.total_amount  # a one-year form that gives only the 实施期 total
    # a department's form without an amount row: its tasks' 金额合计, its money laid out as a small table, or the one
    # share that is all of it
    project.amount = project.amount or total or form_money.amount_below(form.head) or form_money.whole_share(funds)
    project.amount_unit = unit or form.unit
    if not project.name and project.department and segments.DEPARTMENT_TITLE.search(form.title):
        project.name = project.department  # a department's own form names it as 预算单位 or 主管部门
    if not project.name:
        project.name = title_name(form.title)
    if segments.DEPARTMENT_TITLE.search(form.title):
        project.kind = DEPARTMENT
    if form.header is not None and form.header.self_evaluation:
        project.kind = (
            DEPARTMENT_SELF_EVALUATION if project.kind == DEPARTMENT or "部门整体" in project.name else SELF_EVALUATION
        )
    return project


_GOAL_LABELS = tuple(map(key, HEAD_LABELS["goal"]))
_CUT_GOAL = 3  # characters of a goal's label at least left by a cut ('度目标' of 年度目标; not '目标', '年度')


def _cut_goal(label: str) -> bool:
    """Whether a label no word names is part of a goal's label, its start or its ends cut away: a label in a sheet's
    first column centred or set right runs on left of the print area, and LibreOffice prints what stands within it
    ('度绩效目标' of 年度绩效目标, '度总体目标', '度绩效目' centred in a cell too narrow on both sides); the form's goal
    was lost under it without a word."""
    word = key(label)
    return len(word) >= _CUT_GOAL and not head_field(word) and any(word in whole for whole in _GOAL_LABELS)


_SENTENCE_END = ("。", "；", ";", "！", "？")


def _names_project(value: str) -> bool:
    """Whether a 项目名称's value names a project: not a label (a task grid's header: 项目名称 | 主要内容) nor the
    department's whole spending (部门整体支出)."""
    return (
        not head_field(value)
        and not column(value)
        and key(value) not in form_money.TASK_COLUMNS
        and "整体" not in value
    )


# a line a list's number starts ('1.', '2、', '二、', '（1）'): under a line so numbered, a line of its own
_NUMBERED = re.compile(
    r"(?:\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]+、|[（(](?:\d{1,2}|[一二三四五六七八九十]+)[）)])"
)


def _next_line(project: RawProject, attribute: str, row: Row) -> bool:
    """Whether a line is the next of a text wrapped above the table (年度绩效目标：… over lines): a line alone, the
    text not ended (nor a lead-in ending in a colon, '主要目标：'), the line no unit or caption line and no table's name
    (年度绩效指标), nor a list's next item under a numbered line ('一、总体目标' over '1.完成…'; a print's wrap right
    before '1.' in a line not numbered is the line's rest)."""
    text = getattr(project, attribute)
    return (
        len(row.cells) == 1
        and not text.endswith((*_SENTENCE_END, "：", ":"))
        and not (_NUMBERED.match(row.cells[0].strip()) and _NUMBERED.match(text.rsplit("\n", 1)[-1]))
        and segments.text_part(row)
    )


def _lead_in(kind: str, label: str, value: str) -> bool:
    """Whether a cell read as a label alone is a text's lead-in ending in a colon that names no field ('主要目标：',
    '具体如下：'; not '备注：', '填报人：', nor a sign-off's '审核人：')."""
    return (
        kind == "other"
        and not value
        and label.endswith(("：", ":"))
        and not head_field(label)
        and sign_off([label]) is None
    )


def _line_under(found: tuple[str, str, str], row: Row) -> tuple[str, str, str]:
    """A one-cell line right under a text's label alone, as a field or the text's line: a label no list knows and a
    short value a field ('资金来源：财政拨款', `columns.field_line`), a field's label before a sentence but a remark's
    the text's line ('实施单位：某中心负责具体实施。'; the field was given the sentence, the goal its first line, or it
    the goal's first line, without a word)."""
    kind, label, value = found
    match = None if kind else INLINE.match(value)
    if match and field_line(match.group(1), match.group(2)):
        return "other", match.group(1), match.group(2)
    if kind not in ("", "goal", "overview") and sentence(value) and not REMARK_LABEL.search(label):
        return "", "", joined(spread_values(row.cells)[0])
    return found


def _field_under(over: list[tuple[str, str, str]], found: list[tuple[str, str, str]], row: Row) -> bool:
    """Whether a row is a field's label (and value) in one cell right under a text's label alone ('年度绩效目标' over
    '项目负责人：张三' or '审核人：', the goal's lines under it): the text goes on under it (its first line was lost,
    its last read as 说明, or '审核人：' its first line, without a word)."""
    return (
        len(found) == len(over) == 1
        and over[0][0] in ("goal", "overview")
        and not over[0][2]
        and found[0][0] not in ("", "goal", "overview")
        and len({cell.strip() for cell in row.cells if cell.strip()}) == 1
    )


def _text_under(below: list[Row]) -> bool:
    """Whether the row below a lead-in (`below`, that row or none) is a text alone, no label: the text's line."""
    found = pairs(below[0]) if below else []
    return len(found) == 1 and not found[0][0]


def _append(project: RawProject, attribute: str, label: str, text: str) -> None:
    """The rest of a head value that a page break carried to the next page."""
    if attribute == "fields":
        project.fields[label] = project.fields.get(label, "") + text
    else:
        setattr(project, attribute, getattr(project, attribute) + text)


def title_name(title: str) -> str:
    """The project a form's title names, as printed ('“泉州政务”新媒体号运营资金项目绩效目标表' →
    '“泉州政务”新媒体号运营资金', '2026 年 5G 基站 建设项目绩效目标表' → '5G 基站 建设'), '' for a title naming a
    kind of table ('部门专项业务经费绩效目标表')."""
    match = _TITLE_NAME.match(squash(title))
    if not match:
        return ""
    name = match.group(1)
    return "" if _GENERIC_TITLE.fullmatch(name) or len(name) < 2 else as_printed(title, *match.span(1))


def indicators(form: _Form) -> list[RawIndicator]:
    """The indicator rows of a form, by column; an empty level cell continues the level above. A row naming
    several indicators ('A；B' = '1个；2个') gives one each, unless the form is weighted or joins values by '；' for
    names joined otherwise ('A、B' = '1个；2个': its rows are kept whole)."""
    table = form.header
    assert table is not None, "indicators() reads forms with an indicator table"
    columns = table.columns
    weighted = "weight" in columns or REMARK in table.notes.values()
    found: list[RawIndicator] = []
    level1 = level2 = ""
    grouped = ("", "")  # the levels the last group rows named ('一、产出指标', '（一）数量指标' across the table)
    rows = [(row, [joined(text) for text in written], written) for row, written in _aligned(form, table)]
    ruled = any(row.edges for row in form.rows)  # a PDF's grid: a line without edges is text outside it

    def cell(cells: list[str], name: str) -> str:
        return cells[columns[name]] if name in columns and columns[name] < len(cells) else ""

    several = not weighted and not any(
        len(_parts(cell(cells, "target"))) > 1 >= len(_parts(cell(cells, "name"))) for _, cells, _ in rows
    )
    page = 0  # the page of the row before
    foot: Row | None = None  # the row before
    whole_before = operator_before = unit_before = ""  # the last indicator's target as written (one, not pieces)
    for k, (row, cells, written) in enumerate(rows):
        (before, page), (above, foot) = (page, row.page), (foot, row)
        merged = {text for j, text in enumerate(cells) if text and not (j == 0 and _NUMBERING.fullmatch(text))}
        only = merged.pop() if len(merged) == 1 else ""  # one text across the row (after its 序号: '1.1 数量指标')
        level_row = bool(only) and (is_level1(only) or is_level2(only) or bool(split_levels(only)))
        if only and not level_row and len(cells) >= 3 and all(cells) or only and _span_label(row):
            continue  # a group's label across the table ('（一）产出数量', '年度绩效指标'): no indicator
        outside = ruled and not row.edges  # a line beside a PDF's grid (a running head atop the page): no cell's rest
        if (
            found
            and not outside
            and (not _name_ended(above, table, cell(cells, "name")) or _unweighed_rest(cells, columns, found[-1]))
            and _rest_of_a_row(
                row, cells, columns, before, (level1, level2), above=found[-1].name, cut=_ran_on(above, table, cells)
            )
        ):
            found[-1].name = joined(found[-1].name + "\n" + cell(cells, "name"))  # its name wrapped over the page
            _notes_go_on(found[-1], table, cells)  # and its note, beside it
            continue
        if (
            found
            and whole_before
            and not outside
            and _rest_of_a_row(row, cells, columns, before, (level1, level2), "target")
        ):
            whole_before = joined(whole_before + "\n" + cell(cells, "target"))  # its target wrapped over the page
            last = found[-1]
            last.operator, last.target, last.unit, _ = target_parts(operator_before, whole_before, unit_before)
            continue
        if (
            found
            and not outside
            and _rest_of_cells(
                row, cells, columns, before, (level1, level2), whole_before, found[-1], _ran_on(above, table, cells)
            )
        ):
            last = found[-1]  # its name, target and actual wrapped over the page
            last.name = joined(last.name + "\n" + cell(cells, "name"))
            if rest := cell(cells, "target"):
                whole_before = joined(whole_before + "\n" + rest)
                last.operator, last.target, last.unit, _ = target_parts(operator_before, whole_before, unit_before)
            if rest := cell(cells, "actual"):
                last.actual = joined(last.actual + "\n" + rest)
            _notes_go_on(last, table, cells)
            continue
        if found and row.page and row.page != before and _only_notes(cells, table, (level1, level2)):
            _notes_go_on(found[-1], table, cells)  # a note's rest the page break carried over ('偏差原因分析…' cut)
            continue
        if level_row:
            both = split_levels(only)  # '产出指标-数量指标' across the row
            level1, level2 = both or ((only, "") if is_level1(only) else (level1, only))  # '一、产出指标' across it
            grouped = (level1, level2)
            continue
        new1, new2, name = cell(cells, "level1"), cell(cells, "level2"), cell(cells, "name")
        if not new2 and level2 and ruled and _foot_cell(rows, k, columns.get("level2"), form.tail):
            level2 = cell(rows[k + 1][1], "level2") if k + 1 < len(rows) else ""
        if not new2 and (both := split_levels(new1)):
            new1, new2 = both  # '产出指标-数量指标' in one column
        if new1 and new1 != level1:
            level1, level2 = new1, ""
        if new2:
            level2 = new2
        period = cell(cells, "period_target")
        if period and ("period_operator" in columns or "period_unit" in columns):
            period = whole_period(cell(cells, "period_operator"), period, cell(cells, "period_unit"))
        notes = {label: cells[j] for j, label in table.notes.items() if j < len(cells) and cells[j]}
        weight = weight_of(cell(cells, "weight"), notes)
        whole, actual = _spanned(cells, columns.get("target"), table.spans), cell(cells, "actual")
        if actual and ("actual_operator" in columns or "actual_unit" in columns):
            actual = f"{cell(cells, 'actual_operator')}{actual}{cell(cells, 'actual_unit')}"
        if "actual" in columns and columns["actual"] == columns.get("target"):  # (TARGET_ACTUAL: its lines kept)
            whole, actual = target_and_actual(cell(written, "target"))
        lone = not name and (len(row.cells) == 1 or outside)  # a line beside the grid ('绩', '标')
        if (
            lone
            or name in PLACEHOLDERS
            and whole in PLACEHOLDERS
            and period in PLACEHOLDERS
            or placeholder(name, whole, weight, weighted)
        ):
            continue  # a level with no indicator under it
        if "level1" not in columns and "level2" not in columns:
            level1, level2, name = _levels_in_name(name)
            if not level1:  # its 指标类型 '产出指标-数量指标' (kept in the notes), or the group rows above, if any
                level1, level2 = kind_levels(notes) or grouped
        pieces = _pieces(name, whole) if several else [(name, whole)]
        whole_before = whole if len(pieces) == 1 else ""
        operator_before, unit_before = cell(cells, "operator"), cell(cells, "unit")
        for piece, given in pieces:
            operator, target, unit, nature = target_parts(cell(cells, "operator"), given, cell(cells, "unit"))
            found.append(
                RawIndicator(
                    name=piece,
                    target=target,
                    level1=level1,
                    level2=level2,
                    operator=operator,
                    unit=unit,
                    period_target=period,
                    weight=weight,
                    line=row.line,
                    actual=actual,
                    score=cell(cells, "score"),
                    notes={**notes, **nature_notes(table.operator_label, nature, cell(cells, "unit"))},
                )
            )
    return _with_span_values(found, form.period_until) if form.period_until else found


def _foot_cell(rows: list[tuple[Row, list[str], list[str]]], k: int, j: int | None, tail: list[Row]) -> bool:
    """Whether row k's cell j, empty, is a new level cell at its page's foot: the PDF reader spreads a merged cell's
    label down its rows, so an empty cell under a named one on the same page is a group of its own whose label, if
    any, is printed on the next page (a page the file may not hold: an extract of some pages). Not where a note or
    sign-off under it closes the table, where the next page's row leaves the cell blank too, nor in a form writing its
    levels once, blank below (a page's inner row leaves the cell empty under a named one: no merged cell spread)."""
    row = rows[k][0]
    after = rows[k + 1][0] if k + 1 < len(rows) else tail[0] if tail else None
    if j is None or not k or not row.edges or after is not None and after.page == row.page:
        return False
    if k + 1 < len(rows) and not _named(rows[k + 1], j):
        return False
    above = rows[k - 1]
    if not (above[0].page == row.page and above[0].edges and _named(above, j)):
        return False
    return not any(
        _named(up, j) and not _named(inner, j) and up[0].page == inner[0].page == down[0].page
        for up, inner, down in zip(rows, rows[1:], rows[2:])
    )


def _named(row: tuple[Row, list[str], list[str]], j: int) -> bool:
    """Whether the row's cell j holds text."""
    return j < len(row[1]) and bool(row[1][j])


def _with_span_values(found: list[RawIndicator], until: int) -> list[RawIndicator]:
    """A form's 长期绩效指标 table and its 年度绩效指标 table as one list: each year's indicator given the span's value
    of the indicator of its name (of a name printed more than once, the one under the same levels, else the first
    left) as its period target; a span's indicator the year's table does not name is kept with its span's value
    alone."""
    spans = [indicator for indicator in found if indicator.line < until]
    year = [indicator for indicator in found if indicator.line >= until]
    for span in spans:  # its value as read, not its cells glued: no nature (定量), no unit twice, a page's rest joined
        span.period_target = f"{span.operator}{span.target}{span.unit}"
    by_name: dict[str, list[RawIndicator]] = {}
    for indicator in spans:
        by_name.setdefault(key(indicator.name), []).append(indicator)
    for indicator in year:
        named = by_name.get(key(indicator.name), [])
        levels = (indicator.level1, indicator.level2)
        at = next((k for k, span in enumerate(named) if (span.level1, span.level2) == levels), 0)
        if named:
            indicator.period_target = named.pop(at).period_target
    left = {id(span) for named in by_name.values() for span in named}
    rest = [replace(span, target="", operator="", unit="") for span in spans if id(span) in left]
    return year + rest


def _rest_of_a_row(
    row: Row,
    cells: list[str],
    columns: dict[str, int],
    page: int,
    levels: tuple[str, str],
    field: str = "name",
    above: str = "",
    cut: bool = False,
) -> bool:
    """Whether a PDF's row is the rest of the row before, broken by the page ('资金拨付及 | 100% | 10' at the foot,
    '时率' at the top of the next page, where Word lets a row break, or a report system closes each part): a short
    name, or a target (`field`), and nothing else on the page's first row (its levels, if printed, the same as
    above). A target without a name is no indicator of its own, whatever its length, nor is a name alone in a
    self-evaluation's table, whose indicators each give what was achieved (实际完成值), nor a longer name closing a
    bracket the name `above` leaves open ('道路维修养护面积（含人行' and '道、非机动车道）') or opening one of its own
    (`_QUALIFIER`: '举办公益性文化活动场次' and '（含线上直播、线下演出及讲座）'), nor one the reader saw the name
    above run on to its page's foot (`cut`, `_ran_on`: '供水工程水源保护区划' and '定及标志设置规范化建设完成情况')."""
    if not row.page or row.page == page:
        return False
    filled = {field for field, j in columns.items() if j < len(cells) and cells[j]}
    if field not in filled or filled - {field, "level1", "level2"}:
        return False
    long = field == "name" and len(cells[columns["name"]]) > _REST_CHARS and "actual" not in columns
    rest = cells[columns["name"]]
    if long and not cut and not _closes_bracket(above, rest) and not _QUALIFIER.match(rest):
        return False
    return all(cells[columns[field]] == level for field, level in zip(("level1", "level2"), levels) if field in filled)


_BRACKETS = (("（(", "）)"), ("【[", "】]"), ("《", "》"))  # (openings, closings) of one kind, full or half width
# a bracket opening a text, no ordinal's ('（1）', '(一)'): a qualifier of the name before it, no name of its own
_QUALIFIER = re.compile(r"[（(](?![\s\d一二三四五六七八九十]+[）)])")


def _closes_bracket(before: str, rest: str) -> bool:
    """Whether `rest` closes a bracket `before` leaves open: one text the page break cut in two."""
    for openings, closings in _BRACKETS:
        depth = 0
        for char in before:
            depth += char in openings
            depth -= char in closings and depth > 0
        for char in rest if depth else "":
            if char in closings:
                return True  # (closing one of `before`'s: `rest` opened none of its own first)
            if char in openings:
                break
    return False


# a name's start line breaking keeps with the text before it: a Latin word or number, an opening bracket, a character
# and the closing mark no line may start with ('级）及时率')
_KEPT_WITH_BEFORE = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ（(《“‘【\[]|.[）)》”’】\]，。、；：！？,;:!?%％]")


def _unweighed_rest(cells: list[str], columns: dict[str, int], last: RawIndicator) -> bool:
    """Whether a name alone atop a page is the rest of the one above though that ended on a short line (a line break
    the writer put in the Word cell: '供水工程长效运行⏎机制建设情况', a qualitative row, its target blank): the goal
    table weighs each indicator, the row above has its weight and this one none of its own."""
    if "weight" not in columns or "actual" in columns or not last.weight or columns["name"] >= len(cells):
        return False
    weight = cells[columns["weight"]] if columns["weight"] < len(cells) else ""
    return not weight and key(cells[columns["name"]]) != key(last.name)


def _ran_on(row: Row | None, table: _Header, cells: list[str]) -> bool:
    """Whether the next page's first row (`cells`) holds the rests of the cells of the row at the page's foot that ran
    on to it, a PDF's ruled row (`Row.edges`: the reader knows where each cell's text ends) broken by the page: text
    only in cells that ran on (text ending on no short line, `Row.ends`: Word breaks a row's cells after a full
    line, and prints nothing more of a cell that ended; a level printed again atop the page is a row's own), and in
    each of them but a level's (a narrow level cell's word fills its line: '产出指标'). A target that ended above
    ('道路完好率 | ≥95%', the name filling a narrow column) makes a name alone atop the page an indicator of its own."""
    if row is None or not row.edges or len(row.cells) != table.width or len(cells) != table.width:
        return False
    levels = {table.columns[field] for field in ("level1", "level2") if field in table.columns}
    ran_on = {j for j, text in enumerate(row.cells) if text.strip() and j not in row.ends}
    filled = {j for j, text in enumerate(cells) if text}
    return bool(filled) and filled <= ran_on and ran_on - levels <= filled


def _name_ended(row: Row | None, table: _Header, rest: str) -> bool:
    """Whether the row's name ends on a short line at its page's foot (the PDF reader's `Row.ends`): the page break
    cut nothing of it, and a name alone atop the next page is an indicator of its own (its target, actual and score
    left blank), not the rest of this one's. Not when that name starts with what line breaking carries over with the
    text before it (`_KEPT_WITH_BEFORE`: '人均补助标准' over '（元/人·年）…', short as it was cut), unless the line
    left room for it (`Row.roomy`: '…采购数量' over '（新增）乡村文化振兴示范点建设数量', a name of its own) and the
    name goes on after its bracket (a bracket alone, '（含线上直播）', is a qualifier the writer put on a line of its
    own)."""
    return (
        row is not None
        and len(row.cells) == table.width
        and table.columns["name"] in row.ends
        and (
            not _KEPT_WITH_BEFORE.match(rest)
            or table.columns["name"] in row.roomy
            and not BRACKETED.fullmatch(joined(rest))
        )
    )


def _rest_of_cells(
    row: Row,
    cells: list[str],
    columns: dict[str, int],
    page: int,
    levels: tuple[str, str],
    target: str,
    last: RawIndicator,
    cut: bool = False,
) -> bool:
    """Whether a self-evaluation's row atop a page is the rest of several cells of the row before, broken by the
    page (Word lets a row break: '道路日常 | ≥1250万 | 1268万平 | 6 | 6' at the foot, '养护面积 | 平方米 | 方米'
    atop the next page): two or three of its name, target (the last one as written: `target`) and actual going on,
    or its actual alone ('2025年11月20' and '日'; a name or a target alone: `_rest_of_a_row`), nothing in its other
    fields (a weight, a score, whose one line stayed above), its levels, if printed, the same as above, and no
    target or actual a value of its own (`_new_value`: '≥100' and '≥2'). Only a row above with a weight or a score
    tells several fields' rests from an indicator: in a table without them (a department's 自评表 of name, target
    and actual), every row has nothing in its other fields, and a whole row atop a page is one of its own; so does
    the reader having seen each of those cells above run on to its page's foot (`cut`, `_ran_on`), also in a goal
    table ('受益人 | ≥3.5' at the foot, '口 | 万人' atop the next page)."""
    if not row.page or row.page == page or columns.get("actual", -1) == columns.get("target"):
        return False
    if "actual" not in columns and not cut:
        return False
    filled = {field for field, j in columns.items() if j < len(cells) and cells[j]}
    parts = filled & {"name", "target", "actual"}
    if not (len(parts) >= 2 or parts == {"actual"}) or filled - parts - {"level1", "level2"}:
        return False
    if (
        len(parts) >= 2
        and not cut
        and not any(field in columns and value for field, value in (("weight", last.weight), ("score", last.score)))
    ):
        return False
    for part, before in (("target", target), ("actual", last.actual)):
        if part in filled and (not before or _new_value(before, cells[columns[part]])):
            return False
    return all(cells[columns[field]] == level for field, level in zip(("level1", "level2"), levels) if field in filled)


def _notes_go_on(indicator: RawIndicator, table: _Header, cells: list[str]) -> None:
    """A row's text in note columns joined to the indicator's notes it goes on (their rest over a page break)."""
    for j, label in table.notes.items():
        if j < len(cells) and cells[j]:
            indicator.notes[label] = joined(indicator.notes.get(label, "") + "\n" + cells[j])


def _only_notes(cells: list[str], table: _Header, levels: tuple[str, str]) -> bool:
    """Whether a row holds text in note columns only (偏差原因分析及改进措施 …), no indicator's field; its level
    cells, if printed, the levels above (a level the break cut, made whole on both pages)."""
    filled = {j for j, text in enumerate(cells) if text.strip() and text not in levels}
    return bool(filled) and filled <= table.notes.keys()


def _parts(text: str) -> list[str]:
    """The pieces of a cell joined by '；', stripped, without empty ones."""
    return [part.strip() for part in text.split("；") if part.strip()]


def _pieces(name: str, target: str) -> list[tuple[str, str]]:
    """(name, target) of each indicator a row names: the k-th name with the k-th value ('' when values run out);
    the row whole unless both cells have several pieces and the values are no more than the names."""
    names, targets = _parts(name), _parts(target)
    if len(names) < 2 or not 2 <= len(targets) <= len(names):
        return [(name, target)]
    return [(part, targets[k] if k < len(targets) else "") for k, part in enumerate(names)]


def _levels_in_name(text: str) -> tuple[str, str, str]:
    """Levels written before the name in one cell ('产出指标质量指标来信扫描完成率'): split off where they are
    level words, the longest level 2 that leaves a name ('数量指标', not '数量'); ('', '', text) when the cell does
    not start with them."""
    for end1 in range(2, min(len(text), 8) + 1):
        if is_level1(text[:end1]):
            for end2 in range(min(len(text) - 1, end1 + 10), end1 + 1, -1):
                if is_level2(text[end1:end2]):
                    return text[:end1], text[end1:end2], text[end2:]
    return "", "", text


def parse(rows: list[Row]) -> RawDocument:
    found = forms(rows)
    title = _title(rows)
    doc = RawDocument(layout=NAME, title=title, year=segments.year([title]))
    tabled = max((k for k, form in enumerate(found) if form.header is not None), default=-1)  # the last with a table
    for k, form in enumerate(found):
        if not (form.head or form.rows or form.tail):
            continue  # (a long table's header alone, above its first form's head rows: nothing is skipped)
        if form.header is None and not (form.head and k < tabled):
            continue  # (a head without a table under it, after every form's: a page's text, no form)
        _regrid(form)
        project = _project(form)
        if not project.name:
            doc.warnings.append(
                f"第 {project.line} 行的表单没有项目名称，未读 line {project.line}: a form without 项目名称 skipped"
            )
            continue
        if form.header is None:  # a form with no indicator table, the next form's title or head right under it
            if project.kind == PROJECT and project.goal:  # (a department's own head over its projects' forms: none)
                doc.warnings.append(
                    f"第 {project.line} 行「{project.name}」的表单没有指标表 line {project.line}: form of "
                    f"{project.name} has no indicator table"
                )
                doc.projects.append(project)
            continue
        project.indicators = indicators(form)
        project.lines_read = [row.line for row in form.rows if row.line < form.period_until]
        if not project.indicators and not project.amount:
            doc.warnings.append(
                f"第 {project.line} 行「{project.name}」的表单既无指标也无金额，未读 line {project.line}: the form of "
                f"{project.name} is empty, skipped"
            )
            continue
        if not project.indicators and project.kind in (SELF_EVALUATION, DEPARTMENT_SELF_EVALUATION):
            doc.warnings.append(
                f"第 {project.line} 行「{project.name}」的自评表未列指标行，只读入表头、资金和总分 "
                f"line {project.line}: the self-evaluation of {project.name} lists no indicator rows: only its head, "
                "money and 总分 read"
            )
        doc.projects.append(project)
    if not any(form.header for form in found):
        raise ParseError("没有含项目名称和指标表的表单 no form with a 项目名称 and an indicator table")
    return doc  # forms that are all empty templates give none


def _regrid(form: _Form) -> None:
    """A PDF form's indicator rows (and the rows after them) put on its header's columns when their cells stand on
    lines of their own, across the header's (Word keeps each row's cell widths; the indicators a table of their own
    under the head): the page's grid then has the lines of both, and a row's cell read at the header's position
    would be its neighbour's (the name again under 年度指标值, every field after it one column on). Each header cell
    takes the row's cell overlapping it most; the target's takes the texts of the row's cells lying mostly under it
    when several do that no other header cell takes (指标值 over ≥ | 1200 | 人次; a cell merged over them: its text
    once). A row's cells are where its text changes along the grid, or any indicator row's does (a cell repeated
    over the grid columns it covers); rows finer than the header (a 指标值 parted into sign and number) or merged
    over whole header cells cross none of its lines and are left."""
    table = form.header
    if table is None or not table.edges or len(table.edges) != table.width:
        return
    grid = [row for row in form.rows if row.edges == table.edges and len(row.cells) == table.width]
    if not grid:
        return
    starts = {0}.union(*map(_changes, grid))
    lines = {*table.starts, table.width}
    if not any(a < h < b and not {a, b} <= lines for a, b in _runs(sorted(starts), table.width) for h in lines):
        return
    heads = _runs(list(table.starts), table.width)
    right = [*table.edges[1:], table.edges[-1] + _RIGHT]  # the last column's right edge: any far point, both share it

    def overlap(a: int, b: int, c: int, d: int) -> float:
        return max(0.0, min(right[b - 1], right[d - 1]) - max(table.edges[a], table.edges[c]))

    def regridded(row: Row) -> Row:
        own = _runs(sorted(starts | _changes(row)), table.width)
        cells = list(row.cells)
        best = [max(own, key=lambda run: overlap(run[0], run[1], c, d))[0] for c, d in heads]
        for k, (c, d) in enumerate(heads):
            others = _stretched(set(best[:k] + best[k + 1 :]), own, row.cells)
            inside = [a for a, b in own if 2 * overlap(a, b, c, d) > overlap(a, b, a, b) and a not in others]
            several = len(inside) > 1 and table.columns.get("target") in range(c, d)
            texts = [row.cells[a] for a in inside] if several else [row.cells[best[k]]]
            cells[c:d] = ["".join(t for i, t in enumerate(texts) if not i or t != texts[i - 1])] * (d - c)
        return replace(row, cells=cells)

    ids = {id(row) for row in grid}
    form.rows = [regridded(row) if id(row) in ids else row for row in form.rows]
    form.tail = [
        regridded(row) if row.edges == table.edges and len(row.cells) == table.width else row for row in form.tail
    ]


def _stretched(taken: set[int], runs: list[tuple[int, int]], cells: list[str]) -> set[int]:
    """The runs taken, with the runs beside them holding the same text (the rest of the same cell)."""
    firsts = [a for a, _ in runs]
    out = set(taken)
    for k, a in enumerate(firsts):
        if a in taken:
            for step in (-1, 1):
                m = k + step
                while 0 <= m < len(firsts) and cells[firsts[m]].strip() == cells[a].strip():
                    out.add(firsts[m])
                    m += step
    return out


_RIGHT = 1000.0  # points past a grid's last left edge taken as its right edge


def _changes(row: Row) -> set[int]:
    """The positions where a row's text differs from the cell before it."""
    return {j for j in range(1, len(row.cells)) if row.cells[j].strip() != row.cells[j - 1].strip()}


def _runs(starts: list[int], width: int) -> list[tuple[int, int]]:
    """The cells (first position, position after the last) that cell starts make on a grid this wide."""
    return list(zip(starts, [*starts[1:], width]))


def detect(rows: list[Row]) -> float:
    """1.0 for a form naming its project (in a head row, or in its title) with an indicator table whose rows fill
    its columns, or a self-evaluation's (实际完成值) whether its rows name any or not: its head is what it reports
    (docs/outcomes.md), never a goal table's; 0.4 for an indicator table alone (too little to read as a form); 0.0
    without one."""
    paired = _with_headers(rows)
    if all(table is None for _, table in paired):
        return 0.0  # no indicator header, so no form (most documents a detector walks): their rows not read as one
    found = [(form, form.header) for form in forms(rows, paired) if form.header is not None]
    if not found:
        return 0.0
    filled = any(
        (title_name(form.title) or form.grouped or form.head and _starts_form(form.head[0], form.title))
        and (header.self_evaluation or any(_cells(row, header.width)[header.columns["name"]] for row in form.rows))
        for form, header in found
    )
    return 1.0 if filled else 0.4


def _title(rows: list[Row]) -> str:
    """The table title above the first form ('' when there is none)."""
    for row in rows:
        if header(row) is not None or _starts_form(row):
            return ""
        name = segments.title(row)
        if name and not segments.numbered(name):
            return name
    return ""


LAYOUT = Layout(
    name=NAME,
    description=(
        "项目支出绩效目标表 forms in a table grid: head labels and values, an indicator table by its column headers"
    ),
    detect=detect,
    parse=parse,
)
