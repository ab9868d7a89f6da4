"""A search's hits written to a file an officer opens in Excel: .xlsx (first the comparison: each indicator name
found, how many set it, in which regions, the targets they chose and how often; then a sheet of indicators, one of
projects, and one of the self-evaluated rows when there are any, each printed as wide as an A4 page) or .csv (the
indicators; kb.sheet_file). The title row says the query and the filters; where peers reported achieving, each
indicator says it (kb.find.outcomes.peers_text), as `kb search` prints it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from importers.records import HITS_HEADER, HITS_TITLE
from kb.errors import KbError
from kb.find.counts import count_text
from kb.find.outcomes import peers_text, verdict
from kb.find.precedents import hits_spread
from kb.find.search import SearchResult, search
from kb.sheet_file import checked, csv_text, fill_sheet
from kb.vocab.families import family_key, spellings_note
from kb.written import write_whole

OUT_LIMIT = 1000  # hits of each kind a file holds unless told: the comparison counts what it holds, not a page of 20

_KEYS = ("name", "target", "std_level1", "std_level2", "project", "project_id", "department", "region", "year")
INDICATOR_COLUMNS = tuple(zip(HITS_HEADER, _KEYS))  # the header the importers know: the file is no goal table
PROJECT_COLUMNS = (
    ("项目", "name"),
    ("项目编号", "id"),
    ("部门", "department"),
    ("地区", "region"),
    ("年度", "year"),
    ("金额（万元）", "amount_wan"),
    ("匹配文字", "snippet"),
)
EVALUATED_COLUMNS = (
    ("指标名称", "name"),
    ("指标值", "target"),
    ("实际完成值", "actual"),
    ("达成", "met"),
    ("自评表", "self_evaluation"),
    ("自评表编号", "self_evaluation_id"),
    ("部门", "department"),
    ("地区", "region"),
    ("年度", "year"),
)
# the indicators' last column, when peers reported (peers_text: '2/4 ?1 · 96%', ?1 one not judged)
PEERS = "同名指标自评达成（达成/自评数 · 实际中位数；自报，未经审计）"
COMPARED = ("指标名称", "先例数", "地区", "目标值分布（个数）", "最常用")  # the comparison's columns (and PEERS)
_WIDTHS = {"指标名称": 40, "项目": 40, "部门": 28, "匹配文字": 60, "指标值": 16, "自评表": 40, PEERS: 24}
_WIDTHS |= {"地区": 24, "目标值分布（个数）": 48, "最常用": 16}


_NAMES_SAID = 3  # names a query spells in pinyin or nearly, said when it finds nothing to write


def write_search(
    conn,
    query: str,
    filters,
    path: Path,
    limit: int,
    offset: int = 0,
    overwrite: bool = False,
    how: str = "换一个文件名",
) -> tuple[SearchResult, int, int]:
    """Search (kb.find.search.search) and write `limit` hits of each kind after the first `offset` to `path`
    (write_hits), the filters said atop: (the result, the numbers of indicators and projects written). Nothing
    found is a KbError: no file is written (an empty workbook sent on would say nobody set such an indicator)."""
    result = search(conn, query, filters, limit, offset)
    if not (result.indicators or result.projects or result.evaluated):
        within = f"在所选范围（{filters.said}）内" if filters.said else ""
        spelt = "、".join(s["name"] for s in result.suggestions[:_NAMES_SAID])  # what the app lists for 'myd'
        how = f"请用中文名称查，如 {spelt}" if spelt else "拼音请改用中文"
        raise KbError(
            f"{within}没有包含 {result.query!r} 的指标或项目，未写出 {path.name}（按名称中的文字查，{how}） "
            f"nothing contains {result.query!r}: no file written"
        )
    indicators, projects = write_hits(result.as_dict(), path, overwrite, how, filters.said)
    return result, indicators, projects


def write_hits(
    result: dict, path: Path, overwrite: bool = False, how: str = "换一个文件名", within: str = ""
) -> tuple[int, int]:
    """Write a search's result (SearchResult.as_dict()) to `path` (.xlsx or .csv, by its extension), `within` the
    filters said ('地区 宁波，年度 2025'); the numbers of indicators and projects written. A file there is left unless
    `overwrite`; a failed write leaves none."""
    kind = checked(path, overwrite, how)
    header, indicators = _indicators(result["indicators"])
    projects = [[hit.get(key) for _, key in PROJECT_COLUMNS] for hit in result["projects"]]
    evaluated = [_evaluated(row) for row in result.get("self_evaluated", {}).get("rows", [])]
    title = [
        HITS_TITLE,
        result["query"],
        *([within] if within else []),
        *_part(result, len(indicators), len(evaluated)),
    ]
    if kind == ".csv":
        write_whole(path, lambda tmp: tmp.write_text(csv_text(header, indicators), encoding="utf-8-sig"))
    else:
        compared = _compared(result["indicators"])
        sheets = [("对比", compared[0], compared[1])] if compared[1] else []
        sheets += [("指标", header, indicators), ("项目", [label for label, _ in PROJECT_COLUMNS], projects)]
        if evaluated:
            sheets.append(("自评", [label for label, _ in EVALUATED_COLUMNS], evaluated))
        write_whole(path, lambda tmp: _xlsx(tmp, title, sheets))
    return len(indicators), len(projects)


def _part(result: dict, indicators: int, evaluated: int) -> list[str]:
    """The title's note when the file holds a page of the indicators or self-evaluated rows found, not all: the
    comparison counts only these (先例数 16 of a name set 99 times in the base)."""
    total = result.get("total", {})
    all_indicators, all_evaluated = total.get("indicators", indicators), total.get("self_evaluated", evaluated)
    said, english = [], []
    if all_indicators > indicators:
        said.append(f"{count_text(all_indicators)} 个指标中的 {indicators} 个（对比只计这些）")
        english.append(f"{indicators} of {count_text(all_indicators)} indicators (the comparison counts these)")
    if all_evaluated > evaluated:
        said.append(f"{count_text(all_evaluated)} 条自评中的 {evaluated} 条")
        english.append(f"{evaluated} of {count_text(all_evaluated)} self-evaluated rows")
    return [f"只含找到的 {'、'.join(said)}；用 --limit 写全 {', '.join(english)}"] if said else []


def _indicators(hits: list[dict]) -> tuple[list[str], list[list]]:
    """The indicators' header and rows: with what peers reported achieving when any hit has it."""
    peers = any(hit.get("outcomes") for hit in hits)
    header = [label for label, _ in INDICATOR_COLUMNS] + ([PEERS] if peers else [])
    rows = [
        [hit.get(key) for _, key in INDICATOR_COLUMNS] + ([peers_text(hit.get("outcomes"))] if peers else [])
        for hit in hits
    ]
    return header, rows


def _compared(hits: list[dict]) -> tuple[list[str], list[list]]:
    """The comparison: a row per indicator (its spellings as one, kb.vocab.families), most set first, with how many
    set it, in which regions ('北京市 12、广州市 2'), its targets and how many chose each (kb.find.precedents
    .hits_spread: '≥95% ×7；=100% ×2'), the most chosen and, when peers reported, what they achieved."""
    groups: dict[str, list[dict]] = {}
    for hit in hits:
        groups.setdefault(family_key(hit["name"]), []).append(hit)
    peers = any(hit.get("outcomes") for hit in hits)
    rows = []
    for uses in sorted(groups.values(), key=lambda g: -len(g)):  # (stable: in the search's order on a tie)
        spellings = [name for name, _ in Counter(u["name"] for u in uses).most_common()]
        spread = hits_spread(uses)
        regions = Counter(u.get("region") or "（未知）" for u in uses).most_common()
        outcomes = next((u["outcomes"] for u in uses if u.get("outcomes")), None)
        rows.append(
            [
                spellings[0] + spellings_note(spellings[0], spellings),
                len(uses),
                "、".join(f"{region} {n}" for region, n in regions),
                "；".join(f"{target} ×{n}" for target, n in spread),
                _most_chosen(spread),
                *([peers_text(outcomes)] if peers else []),
            ]
        )
    return [*COMPARED, *([PEERS] if peers else [])], rows


def _most_chosen(spread: list[tuple[str, int]]) -> str:
    """The target chosen most often, or those chosen equally often ('≥90%、>90%（并列）'): the first of a tie read
    as the one most chose (≥80% of ≥80% ×1；≥90% ×1；≥95% ×1)."""
    top = max((n for _, n in spread), default=0)
    tied = [target for target, n in spread if n == top]
    return tied[0] if len(tied) == 1 else "、".join(tied) + "（并列）" if tied else ""


def _evaluated(row: dict) -> list:
    """A self-evaluated row as the sheet holds it: its verdict in words ('✓ 达成')."""
    return [verdict(row["met"], bool(row["target"])) if key == "met" else row.get(key) for _, key in EVALUATED_COLUMNS]


def _xlsx(path: Path, title: list[str], sheets: list[tuple[str, list[str], list[list]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for n, (name, labels, rows) in enumerate(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = name
        fill_sheet(sheet, title, labels, rows, [_WIDTHS.get(label, 14) for label in labels])
    book.save(path)
