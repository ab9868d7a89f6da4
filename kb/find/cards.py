"""One indicator on one page: its spellings, how often and where it was used, the targets chosen, what peers
reported achieving, and its newest precedents (the served base's indicator page)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict

from kb.errors import KbError
from kb.find.outcomes import outcome_summary
from kb.find.precedents import precedents, search_names

PRECEDENTS_SHOWN = 200


def _grouped(conn: sqlite3.Connection, column: str, names: list[str]) -> list[tuple]:
    """(value of projects.`column`, indicators) over the uses of `names`, most used first."""
    return [
        tuple(r)
        for r in conn.execute(
            f"""SELECT p.{column}, count(*) FROM indicator_names n CROSS JOIN indicators i ON i.name_id = n.id
            JOIN projects p ON p.id = i.project_id WHERE n.name IN (SELECT value FROM json_each(:names))
            GROUP BY 1 ORDER BY 2 DESC, 1""",
            {"names": json.dumps(names, ensure_ascii=False)},
        )
    ]


def indicator_card(conn: sqlite3.Connection, name: str, shown: int = PRECEDENTS_SHOWN) -> dict:
    """The indicator named `name` (any of its spellings): name, variants, uses, projects, regions, usual levels,
    spread [(target, count)], by_region and by_year [(value, count)], outcomes (self-reported, or None) and the
    newest `shown` precedents. KbError when no indicator has that name."""
    hits = [h for h in search_names(conn, name, limit=5) if h.match == "exact"]
    if not hits:
        raise KbError(f"没有名为 {name!r} 的指标 no indicator of that name (search for it: /-/search?q=…)")
    hit = hits[0]
    return {
        "name": hit.name,
        "variants": hit.variants,
        "uses": hit.uses,
        "projects": hit.projects,
        "regions": hit.regions,
        "std_level1": hit.std_level1,
        "std_level2": hit.std_level2,
        "common_target": hit.common_target,
        "spread": hit.spread or [],
        "by_region": _grouped(conn, "region", hit.variants),
        "by_year": _grouped(conn, "year", hit.variants),
        "outcomes": outcome_summary(conn, hit.variants),
        "precedents": [asdict(p) for p in precedents(conn, hit.variants, limit=shown)],
    }
