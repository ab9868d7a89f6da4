"""Importers: read a published goal document into plain records (see `records`).

`parse_file(path)` is the one entry point: reader → segments → layout detection → layout parsers. A document is
cut at its table titles (`segments`); each segment's layout is detected, and neighbouring segments of one layout
are parsed together with the text before them (a title, a publisher, a unit line), so a document of forms or of
one table reads as it always has. When a layout cannot read its part, the next best one is tried. A whole
department budget thus gives its goal tables and skips the rest; a part that looks like a goal table but cannot be
read is skipped and reported with its pages, never failing the others. A department's whole goal table (部门整体)
is kept as such. Every segment's outcome is kept in `RawDocument.segments` (`kb import --explain`).
A text file too large to hold whole is read as a stream (`readers.RowStream`) and parsed chunk by chunk
(`stream.parse_stream`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from importers.layouts import Layout
from importers.readers import UnreadableFile, exported_draft, misnamed_text, read_rows
from importers.readers.common import EMPTY
from importers.records import (
    DEPARTMENT,
    DEPARTMENT_SELF_EVALUATION,
    DRAFT_HEADER,
    DRAFT_REFUSED,
    HITS_HEADER,
    HITS_TITLE,
    FINDINGS_HEADER,
    FINDINGS_TITLE,
    PROJECT,
    SELF_EVALUATION,
    SELF_EVALUATION_KINDS,
    ParseError,
    RawDocument,
    RawIndicator,
    Row,
    Rows,
    SegmentReport,
)
from importers import cover, registry, wide_print
from importers.cells import lone_value
from importers.columns import (
    INDICATOR_HEADERS,
    PLACEHOLDER_NAMES,
    key,
    sign_off,
    signer_as_indicator,
    state_as_signer,
)
from importers.level_words import is_level1, is_level2, whole_level1, whole_level2
from importers.registry import MIN_SCORE, detect_layout
from importers.segments import DEPARTMENT_TITLE, Segment, split

__all__ = [
    "parse_file",
    "parse_rows",
    "read_document",
    "misnamed_text",
    "UnknownLayout",
    "UnreadableFile",
    "ParseError",
]

_SELF_EVALUATION = re.compile(r"自评")
_GOAL_TITLE = re.compile(r"绩效目标|绩效指标|目标表")


class UnknownLayout(ValueError):
    """No layout parser recognises the document."""


@dataclass
class _Part:
    """A segment and its detection: the best layout (None below MIN_SCORE) and every layout's score."""

    segment: Segment
    layout: Layout | None
    scores: dict[str, float]


def parse_rows(rows: list[Row]) -> RawDocument:
    """The goal tables of a document; raises UnknownLayout or ParseError when none can be read (also for a search's
    hits `kb search --out` wrote: copies of indicators in the base, each would be a project of its own)."""
    if any(row.cells[:1] == [HITS_TITLE] or tuple(row.cells[: len(HITS_HEADER)]) == HITS_HEADER for row in rows[:2]):
        raise UnknownLayout(
            "这是 jixiao-kb 写出的检索结果，其中的指标已在知识库中，不再导入 a search's hits written by jixiao-kb: "
            "its indicators are in the knowledge base already"
        )
    if any(row.cells[:1] == [FINDINGS_TITLE] or tuple(row.cells) == FINDINGS_HEADER for row in rows[:2]):
        raise UnknownLayout(
            "这是 jixiao-kb 写出的审核意见（kb lint --out），不是目标表 the findings kb lint wrote: no goal table"
        )
    if rows and tuple(rows[0].cells[: len(DRAFT_HEADER)]) == DRAFT_HEADER:
        raise UnknownLayout(DRAFT_REFUSED)
    if cut := wide_print.cut_header(rows):
        raise UnknownLayout(cut)
    unspread, spilled = wide_print.spilled(rows)
    wide, rows = unspread is not rows, unspread  # (a print pages wide: its pages put side by side again)
    parts = [_detected(segment) for segment in split(rows)]
    doc: RawDocument | None = None
    reports: dict[int, SegmentReport] = {}  # by segment index
    failed: list[str] = []
    runs = _runs(parts)
    years: list[tuple[str, bool]] = []  # each run's year, and whether it holds goal tables
    for run in runs:
        parsed = _read(run, parts, reports)
        if parsed is None:
            failed += [reports[parts.index(p)].outcome for p in run if reports.get(parts.index(p))]
            continue
        goals = any(p.kind not in SELF_EVALUATION_KINDS for p in parsed.projects)
        years.append(("" if goals and "自评" in parsed.title else parsed.year, goals))
        doc = parsed if doc is None else _merged(doc, parsed)
    if doc is not None:
        doc.year = _budget_year(years)
    for index, part in enumerate(parts):
        reports.setdefault(index, _report(part, "", _other(part), "other"))
    if doc is None or not doc.projects and not any(r.kind == "empty" for r in reports.values()):
        error = _nothing_found(rows, parts, failed)
        error.parts = [reports[i] for i in range(len(parts))]  # type: ignore[attr-defined]  # for --explain
        raise error
    doc.segments = [reports[i] for i in range(len(parts))]
    doc.reads = len(runs)
    cover.fill(doc, rows)
    if rows and rows[0].page:  # (a printed page's: a sheet's cells are as typed)
        _whole_levels(doc)
    doc.warnings += [  # (a document whose only goal tables hold no indicator table: said, not passed over)
        f"{_where(r)}: {r.outcome}"
        for r in doc.segments
        if r.kind in ("skipped", "empty") or r.outcome == TITLED_ONLY and not doc.projects
    ]
    doc.warnings += rows.notes if isinstance(rows, Rows) else []  # what the reader left out (hidden rows)
    doc.warnings += [spilled] if spilled else []
    doc.warnings += unread(rows, doc)
    doc.warnings += _cut_at_end(rows, doc) if rows and rows[-1].page and not wide else []
    doc.warnings += _signers_doubted(rows, doc)
    return doc


_DIGIT = re.compile(r"\d")


def _whole_levels(doc: RawDocument) -> None:
    """A printed page's level cells whole again where a page break or a merged cell too short for its text showed
    part of the word ('产出指', '益指'; '标数量指标': the level-1 cell's last line run into the level 2 beside it;
    '满意' with the suffix the document's other level-1 cells end in)."""
    indicators = [indicator for project in doc.projects for indicator in project.indicators]
    for indicator in indicators:
        if indicator.level2 and not is_level2(indicator.level2):
            indicator.level2 = whole_level2(indicator.level2, indicator.level1) or indicator.level2
        _whole_level1(indicator, "")
    ends = {end for end in ("指标", "目标") for i in indicators if is_level1(i.level1) and end in i.level1}
    if len(ends) == 1:
        suffix = ends.pop()
        for indicator in indicators:
            _whole_level1(indicator, suffix)


def _whole_level1(indicator: RawIndicator, suffix: str) -> None:
    if indicator.level1 and not is_level1(indicator.level1):
        indicator.level1 = whole_level1(indicator.level1, indicator.level2, suffix) or indicator.level1


def _indicator_like(row: Row) -> bool:
    """A row reading as an indicator's: a level-1 word and a level-2 word side by side, then a name (no placeholder),
    then a figure."""
    cells = [cell.strip() for cell in row.cells]
    for j in range(len(cells) - 3):
        if is_level1(cells[j]) and is_level2(cells[j + 1]):
            name = cells[j + 2]
            if not name or name in PLACEHOLDER_NAMES or is_level1(name) or is_level2(name):
                return False
            return any(_DIGIT.search(cell) for cell in cells[j + 3 :] if cell != name)
    return False


_PAGE_NUMBER = re.compile(r"[-—–\s]*(第\s*)?\d{1,4}(\s*页)?[-—–\s]*")
_FULL = 0.9  # a page's last row this low (of the lowest row the file's other pages hold) leaves no room below
_FOOT = 0.9  # … in a file of one page: the lowest a row stands, of the page's height (its foot margin below)


def _cut_at_end(rows: list[Row], doc: RawDocument) -> list[str]:
    """The last project's goal table where the file ends inside it (some pages of a document saved apart): its last
    indicator in the grid's last row on the file's last page, nothing under it but a page number (no total, sign-off
    or note), that row as low as the other pages' lowest rows (the page full, the table going on over the next; in a
    file of one page, as its foot margin), and no 满意度指标 read yet (the group every goal table holds, at or near
    its end)."""
    project = doc.projects[-1] if doc.projects else None
    if project is None or not project.indicators:
        return []
    if any("满意度" in indicator.level1 + indicator.level2 for indicator in project.indicators):
        return []
    end, line = rows[-1].page, project.indicators[-1].line
    after = [row for row in rows if row.line >= line]
    if (
        not after
        or after[0].page != end
        or any(not row.edges and not _PAGE_NUMBER.fullmatch(row.text) for row in after)
    ):
        return []
    low = max((row.foot for row in rows if row.page != end), default=0.0)
    if not low and isinstance(rows, Rows):  # a file of one page (a page saved apart): as low as its foot margin
        low = rows.heights.get(end, 0.0) * _FOOT
    last = max(row.foot for row in after if row.edges)
    if not low or last < low * _FULL:
        return []
    return [
        f"第 {end} 页：项目「{project.name}」的指标表排到本文件末页页脚，其下没有合计、签章或表尾，"
        f"后面的指标可能在本文件未含的页上（页面摘存？），已读入 {len(project.indicators)} 个，请核对原文 "
        f"page {end}: the goal table of "
        f"'{project.name}' runs to the foot of the file's last page with nothing closing it: its rest may be on pages "
        "the file does not hold"
    ]


def _signers_doubted(rows: list[Row], doc: RawDocument) -> list[str]:
    """A row of one sign-off label naming a person read either way where its value could be the other's: an
    indicator whose target a person's name could be ('分管领导 | 全面'), a sign-off's person whose value a state's
    words are ('分管领导 = 明确'), each said (the row's cells and words could not tell; the string kept)."""
    said = []
    for project in doc.projects:
        for indicator in project.indicators:
            if signer_as_indicator(indicator.name, indicator.target):
                page = next((row.page for row in rows if row.line == indicator.line), 0)  # (rarely asked)
                said.append(
                    f"第 {indicator.line} 行{f'（第 {page} 页）' if page else ''}「{indicator.name} | "
                    f"{indicator.target}」读作项目「{project.name}」的指标，其值也可能是落款人的姓名，请核对原文 "
                    f"line {indicator.line}: '{indicator.name} | {indicator.target}' read as an indicator of "
                    f"{project.name}; its value may be the sign-off's person"
                )
        for label, value in project.fields.items():
            if not state_as_signer(label, value):
                continue
            row, labels = _sign_off_row(rows, project.line, (label, value))
            if labels > 1:
                continue  # a row of several labels ('填表人 | 全面 | 审核人 | 李强'): a sign-off's, no indicator's
            where = (
                f"（第 {row.line} 行{f'，第 {row.page} 页' if row.page else ''}）"
                if row is not None
                else f"（第 {project.page} 页）"
                if project.page
                else f"（第 {project.line} 行起）"
            )
            said.append(
                f"项目「{project.name}」{where}的「{label} | {value}」读作落款，其值也像指标的完成状态，可能是"
                f"最后一个指标，请核对原文 the sign-off's '{label} | {value}' of {project.name} (line "
                f"{project.line if row is None else row.line}{'' if row else ' on'}) may be its last indicator, its "
                "value a state"
            )
    return said


def _sign_off_row(rows: list[Row], line: int, pair: tuple[str, str]) -> tuple[Row | None, int]:
    """The first row from `line` on whose sign-off gives `pair`, and how many labels it gives (0: none found): a
    row of one label only could be the table's last indicator ('分管领导 | 明确'), one of several never is."""
    for row in rows:
        pairs = sign_off(row.cells) if row.line >= line else None
        if pairs and pair in pairs:
            return row, len(pairs)
    return None, 0


def unread(rows: list[Row], doc: RawDocument) -> list[str]:
    """Rows reading as indicators' that no goal table took, each told by its line (as a streamed document's pieces
    tell theirs): not passed over (a layout met for the first time may drop what it cannot place), but for those a
    layout left out saying why (`RawDocument.left_out`)."""
    read = {indicator.line for project in doc.projects for indicator in project.indicators}
    read |= {line for project in doc.projects for line in project.lines_read} | set(doc.left_out)
    return [
        f"第 {row.line} 行{f'（第 {row.page} 页）' if row.page else ''}像指标行，却未读入任何目标表，请核对原文 "
        f"line {row.line}: a row that looks like an indicator was not read: check it against the document"
        for row in rows
        if row.line not in read and _indicator_like(row)
    ]


def _detected(segment: Segment) -> _Part:
    """The segment and its layout; a self-evaluation (自评表) is read only by a layout that knows its columns
    (实际完成值, 得分), never as a goal table."""
    if _SELF_EVALUATION.search(segment.title):
        from importers.layouts import evaluation_summary, flat_sheet, grid_form

        score = grid_form.LAYOUT.detect(segment.rows)
        if score >= MIN_SCORE:
            return _Part(segment, grid_form.LAYOUT, {grid_form.NAME: score})
        flat = flat_sheet.LAYOUT.detect(segment.rows)  # a sheet of them (自评结果汇总表), one row an indicator
        if flat >= MIN_SCORE and flat_sheet.reads_self_evaluations(segment.rows):
            return _Part(segment, flat_sheet.LAYOUT, {grid_form.NAME: score, flat_sheet.NAME: flat})
        summary = evaluation_summary.LAYOUT.detect(segment.rows)  # one row a project, no indicator rows
        scores = {grid_form.NAME: score, evaluation_summary.NAME: summary}
        return _Part(segment, evaluation_summary.LAYOUT if summary >= MIN_SCORE else None, scores)
    return _Part(segment, *detect_layout(segment.rows))


def _runs(parts: list[_Part]) -> list[list[_Part]]:
    """The parts read together: each run led by the unread segments just before it (its preamble: a title, a
    publisher, a unit line), then the segments of its layout that continue it (the same title, or none before: a
    table over pages, or one form after another). A layout that reads sections spread over the document (`Layout.whole`)
    takes the
    unread segments between and after its own too."""
    runs: list[list[_Part]] = []
    waiting: list[_Part] = []
    for part in parts:
        if part.layout is None:
            waiting.append(part)
            continue
        last = runs[-1] if runs else []
        layout = _layout(last)
        if layout is part.layout and (layout.whole or not waiting and _title(last) in ("", part.segment.title)):
            last += [*waiting, part]
        else:
            runs.append([*waiting, part])
        waiting = []
    if runs and (layout := _layout(runs[-1])) is not None and layout.whole:
        runs[-1] += waiting
    return runs


def _title(run: list[_Part]) -> str:
    return next((part.segment.title for part in reversed(run) if part.layout is not None), "")


def _layout(run: list[_Part]) -> Layout | None:
    return next((part.layout for part in reversed(run) if part.layout is not None), None)


def _read(run: list[_Part], parts: list[_Part], reports: dict[int, SegmentReport]) -> RawDocument | None:
    """The run read by its layout, else by the next best layout that reads indicators from it; when none reads the
    whole run and it has several segments, each segment alone. Fills in `reports`; None when nothing was read."""
    rows = [row for part in run for row in part.segment.rows]
    goals = [part for part in run if part.layout is not None]
    error = ""
    fallback: tuple[RawDocument, Layout] | None = None  # projects without indicators, if nothing reads more
    empty: RawDocument | None = None  # a table read whole that holds no project (printed empty)
    for layout in _candidates(goals, rows):
        try:
            doc = layout.parse(rows)
        except ParseError as exc:
            error = error or str(exc)
            continue
        if any(project.indicators for project in doc.projects):
            _mark(doc, run, layout, parts, reports)
            return doc
        if doc.projects and fallback is None:
            fallback = doc, layout
        if not doc.projects and empty is None:
            empty = doc
        error = error or f"认出了版式，但读不出任何项目 recognised as {layout.name} but no project could be read"
    if fallback is not None:
        _mark(*fallback[:1], run, fallback[1], parts, reports)
        return fallback[0]
    if empty is not None and len(goals) == 1:
        part = goals[0]
        reports[parts.index(part)] = _report(
            part, empty.layout, "空表：表头下没有项目 an empty table (no project under its header)", "empty"
        )
        return empty
    if len(goals) > 1:
        docs = [doc for part in goals if (doc := _read([part], parts, reports)) is not None]
        for doc in docs[1:]:
            docs[0] = _merged(docs[0], doc)
        return docs[0] if docs else None
    part = goals[0]
    name = part.layout.name if part.layout else ""
    reports[parts.index(part)] = _report(part, name, f"跳过 skipped: {error}", "skipped")
    return None


def _candidates(goals: list[_Part], rows: list[Row]):
    """The layouts to read the run with: its segments' best, then (scored only when that one fails) every other
    layout that scores for the run, best first."""
    first = goals[0].layout
    yield first
    _, scores = detect_layout(rows, every=True)
    order = {layout.name: i for i, layout in enumerate(registry.all_layouts())}
    layouts = {layout.name: layout for layout in registry.all_layouts()}
    for name in sorted((n for n, s in scores.items() if s >= MIN_SCORE), key=lambda n: (-scores[n], order[n])):
        if layouts[name] is not first:
            yield layouts[name]


def _mark(
    doc: RawDocument, run: list[_Part], layout: Layout, parts: list[_Part], reports: dict[int, SegmentReport]
) -> None:
    """Mark the department-wide tables (by their segment's title) and report what each segment gave."""
    for part in run:
        span = part.segment.span  # read once: it walks the segment's rows
        mine = [p for p in doc.projects if span is not None and span[0] <= p.line <= span[1]]
        if DEPARTMENT_TITLE.search(part.segment.title):
            for project in mine:
                project.kind = {PROJECT: DEPARTMENT, SELF_EVALUATION: DEPARTMENT_SELF_EVALUATION}.get(
                    project.kind, project.kind
                )
        if not mine and part.layout is None:
            continue
        projects = sum(p.kind == PROJECT for p in mine)
        departments = sum(p.kind == DEPARTMENT for p in mine)
        evaluations = sum(p.kind in SELF_EVALUATION_KINDS for p in mine)
        indicators = sum(len(p.indicators) for p in mine)
        kind = "goal" if projects or not mine else "department" if departments else "self_evaluation"
        outcome = f"{projects} 个项目 projects, {indicators} 个指标 indicators"
        if departments:
            outcome += f", {departments} 个部门整体表 department-wide"
        if evaluations:
            outcome += f", {evaluations} 个自评表 self-evaluations"
        reports[parts.index(part)] = _report(part, layout.name, outcome, kind, projects, indicators)


def _budget_year(years: list[tuple[str, bool]]) -> str:
    """The document's year: the first its goal tables' titles state; only where it holds none, its self-evaluations'
    (the year a 自评表 reports is last year's in a budget publishing it: never its goal tables', nor that of a heading
    naming 自评 read as the title of goal tables after it, '二、2025年度部门整体绩效自评情况' over a paragraph)."""
    goals = [year for year, goal in years if goal]
    return next(filter(None, goals if goals else [year for year, _ in years]), "")


def _merged(doc: RawDocument, other: RawDocument) -> RawDocument:
    doc.projects += other.projects
    doc.warnings += other.warnings
    doc.left_out += other.left_out
    doc.title, doc.year = doc.title or other.title, doc.year or other.year
    doc.region, doc.department = doc.region or other.region, doc.department or other.department
    if other.layout not in doc.layout.split("+"):
        doc.layout = f"{doc.layout}+{other.layout}"
    return doc


def _report(part: _Part, layout: str, outcome: str, kind: str, projects: int = 0, indicators: int = 0) -> SegmentReport:
    segment = part.segment
    return SegmentReport(
        segment.title, segment.pages, segment.lines, layout, part.scores, outcome, projects, indicators, kind
    )


TITLED_ONLY = "标题像目标表，但没有指标表 titled as a goal table, but holds no indicator table"


def _other(part: _Part) -> str:
    if _SELF_EVALUATION.search(part.segment.title):
        return "自评表，不是目标表 a self-evaluation, not a goal table"
    if _GOAL_TITLE.search(part.segment.title):
        return TITLED_ONLY
    return "不是目标表 not a goal table"


def _where(report: SegmentReport) -> str:
    place = f"第{report.pages}页 page {report.pages}" if report.pages else f"line {report.lines}"
    return f"{place}「{report.title}」" if report.title else place


NOT_A_GOAL_TABLE = (
    "不是能读的目标表：表头需有指标名称（三级指标）和指标值两列，列出多个项目时还需项目名称列"
    "（kb import --explain 说明原因） "
    "layout unknown: a goal table's header names an indicator (三级指标) and a target (指标值) column, and a "
    "project (项目名称) column when it lists several projects"
)

SUMMARY_ONLY = (
    "自评表，但读不出指标行，也不是每行一个项目的自评结果汇总表（表头需有项目名称，以及执行数、执行率或预算数和自评得分）："
    "没有可导入的自评记录 a self-evaluation without indicator rows, nor a summary of one project a row (项目名称, and "
    "执行数, 执行率 or a budget and a score): no self-evaluation to import"
)


def _pages_with(rows: list[Row], column: str) -> set[int]:
    """The pages on which a header cell names `column` (a key of INDICATOR_HEADERS)."""
    words = set(INDICATOR_HEADERS[column])
    return {row.page for row in rows if row.page and any(key(cell) in words for cell in row.cells)}


def _printed_wide(rows: list[Row]) -> str | None:
    """Why a sheet printed pages wide is no goal table: its names' header on one page, its targets' on a later
    page alone (Excel's print without 'fit all columns on one page')."""
    names, targets = _pages_with(rows, "name"), _pages_with(rows, "target")
    if not names or not targets or names & targets or min(targets) < min(names):
        return None
    return (
        f"表格打印成了多页宽：指标名称在第 {min(names)} 页，指标值在第 {min(targets)} 页，读不出目标表。请在 Excel/WPS "
        "的页面设置中选“将所有列调整为一页”后重新导出 PDF，或报送原表格文件 the table was printed pages wide "
        f"(names on page {min(names)}, targets on page {min(targets)}): fit all columns on one page and print it "
        "again, or send the spreadsheet"
    )


_HEADER_WORDS = tuple(
    key(word) for part in ("level1", "level2", "name", "target") for word in INDICATOR_HEADERS[part] if len(word) > 2
)


def _wrapped_header(rows: list[Row]) -> str | None:
    """Why a table whose narrow columns wrap its header's words, printed without rules, is not read: two header
    words or more cut (`一级指` over `标`, `三级指` over `标`), their ends on the line below; None otherwise."""
    for row, below in zip(rows, rows[1:]):
        ends = {key(cell) for cell in below.cells if cell.strip()}
        cut = [
            (piece, word[len(piece) :])
            for piece in (key(cell) for cell in row.cells if cell.strip())
            for word in _HEADER_WORDS
            if len(piece) >= 2 and word.startswith(piece) and word != piece and word[len(piece) :] in ends
        ]
        if row.page == below.page and len({piece for piece, _ in cut}) >= 2:
            piece, end = cut[0]
            return (
                f"表头的字被窄列折成了两行（{piece} ⏎ {end}），表格又没有框线，分不清各行各列，读不出目标表。请把列加宽"
                "（或给表格加上框线）后重新导出 PDF，或报送原表格文件 the header's words are wrapped in narrow "
                f"columns ({piece} / {end}) of a table without rules: widen the columns (or rule the table) and print "
                "it again, or send the spreadsheet"
            )
    return None


def _nothing_found(rows: list[Row], parts: list[_Part], failed: list[str]) -> ValueError:
    """The error for a document without a goal table, with the reason its closest candidate was not one."""
    if failed:
        return ParseError(failed[0].removeprefix("跳过 skipped: "))
    if not parts:  # no text at all
        return UnknownLayout(EMPTY)
    if wide := _printed_wide(rows):
        return UnknownLayout(wide)
    if wrapped := _wrapped_header(rows):
        return UnknownLayout(wrapped)
    if len(parts) == 1:
        return UnknownLayout(SUMMARY_ONLY if _SELF_EVALUATION.search(_heading(parts[0].segment)) else NOT_A_GOAL_TABLE)
    pages = max((row.page for row in rows), default=0)
    size = f"{pages} 页 pages" if pages else f"{len(rows)} 行 lines"
    titled = [part for part in parts if _GOAL_TITLE.search(part.segment.title)]
    best = max(parts, key=lambda part: max(part.scores.values(), default=0.0), default=None)
    closest = best if best and max(best.scores.values(), default=0.0) > 0.0 else titled[0] if titled else None
    where = f"; closest: {_where(_report(closest, '', '', ''))}" if closest else ""
    return UnknownLayout(f"未找到目标表 no goal table found ({size}, {len(parts)} 部分 parts){where}")


def _heading(segment: Segment) -> str:
    """The segment's title, else its first line's only text when it names a table ('…自评表', not '…自评报告'): a
    sheet's title not merged across it (one cell of a wide row is no title where a document is split, as a level's
    cell alone on its row is none)."""
    first = next((row for row in segment.rows if not row.blank), None)
    text = first and lone_value(first.cells) or ""
    return segment.title or (text if text.endswith("表") else "")


def choose_layout(rows: list[Row]) -> Layout:
    """The layout of the rows' first goal tables, as `parse_rows` detects it (a document read as a stream is read
    by that one layout); raises UnknownLayout."""
    layout = next((part.layout for segment in split(rows) if (part := _detected(segment)).layout is not None), None)
    if layout is None:
        raise UnknownLayout(NOT_A_GOAL_TABLE)
    return layout


def no_projects(layout: Layout) -> ParseError:
    """The error for a document in `layout` from which no project could be read."""
    return ParseError(f"认出了版式，但读不出任何项目 recognised as {layout.name} but no project could be read")


def read_document(path: Path) -> list[Row]:
    """A document's rows for the knowledge base: a draft jixiao-kb exported (as it was exported) is refused, its
    indicators no published table's (the .csv's header is known by `parse_rows`); UnreadableFile otherwise as
    `read_rows`."""
    if exported_draft(path):
        raise UnreadableFile(DRAFT_REFUSED)
    return read_rows(path)


def parse_file(path: Path) -> RawDocument:
    """Read and parse one document; raises UnreadableFile, UnknownLayout or ParseError."""
    return parse_rows(read_document(Path(path)))
