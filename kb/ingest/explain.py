"""Why a file was read as it was (`kb import --explain`): each part of the document (a table and what follows its
title), the layout that read it with its score against the others, what was skipped and why, and for each goal
table read, the rows its head and indicators came from."""

from __future__ import annotations

from pathlib import Path

from importers import ParseError, UnknownLayout, UnreadableFile, parse_rows
from importers.readers import read_rows
from importers.records import DEPARTMENT, GOAL_KINDS, PROJECT, SELF_EVALUATION_KINDS, RawDocument, SegmentReport
from kb.vocab.text import shown

KINDS = {"goal": "目标表", "department": "部门整体", "skipped": "跳过", "empty": "空表", "other": "其他"}


def explain(path: Path) -> list[str]:
    """Lines saying how the file is read, Chinese first."""
    try:
        rows = read_rows(path)
    except UnreadableFile as exc:
        return [f"{shown(str(path))}: 无法读取 cannot read: {exc}"]
    pages = max((row.page for row in rows), default=0)
    size = f"{pages} 页 pages, {len(rows)} 行 rows" if pages else f"{len(rows)} 行 rows"
    lines = [f"{shown(str(path))} ({size})"]
    try:
        doc = parse_rows(rows)
    except (UnknownLayout, ParseError) as exc:
        lines += [_part(report) for report in getattr(exc, "parts", [])]
        lines.append(f"  → 未导入 not imported: {exc}")
        return lines
    lines += _parts(doc)
    goals = [p for p in doc.projects if p.kind in GOAL_KINDS]
    evaluations = [p for p in doc.projects if p.kind in SELF_EVALUATION_KINDS]
    lines.append(
        f"  → {sum(p.kind == PROJECT for p in goals)} 个项目 projects, "
        f"{sum(p.kind == DEPARTMENT for p in goals)} 个部门整体表 department-wide, "
        f"{sum(len(p.indicators) for p in goals)} 个指标 indicators"
        + (f", {len(evaluations)} 个自评表 self-evaluations" if evaluations else "")
        + (f"; 年度 year {doc.year}" if doc.year else "")
        + (f"; 部门 {shown(doc.department)}" if doc.department else "")
    )
    return lines


def _parts(doc: RawDocument) -> list[str]:
    lines = []
    for report in doc.segments:
        lines.append(_part(report))
        if report.kind not in ("goal", "department"):
            continue
        first, last = (int(n) for n in report.lines.split("-"))
        for project in (p for p in doc.projects if first <= p.line <= last):
            rows = [i.line for i in project.indicators if i.line]
            where = f"第{project.page}页 " if project.page else ""
            kind = "部门整体 " if project.kind == DEPARTMENT else ""
            lines.append(
                f"      {where}line {project.line}: {kind}{shown(project.name)}"
                + (f" [{project.code}]" if project.code else "")
                + (f", {shown(project.amount)} {project.amount_unit}" if project.amount else "")
                + f"; {len(project.indicators)} 个指标 indicators"
                + (f" (lines {min(rows)}-{max(rows)})" if rows else "")
            )
    return lines


def _part(report: SegmentReport) -> str:
    place = f"第{report.pages}页" if report.pages else f"lines {report.lines}"
    title = f"「{shown(report.title)}」" if report.title else "(开头 start)"
    scores = ", ".join(
        f"{name} {score:.2f}" for name, score in sorted(report.scores.items(), key=lambda s: -s[1]) if score > 0
    )
    layout = f" [{report.layout}]" if report.layout else ""
    return f"  {place} {title}{layout} {KINDS.get(report.kind, report.kind)}: {shown(report.outcome)}" + (
        f" (scores: {scores})" if scores else ""
    )
