"""Expected records of real published documents (read from ../shared/realdocs, never copied) and how a parse
compares with them: shared by tests/test_real_documents.py and benchmarks/real_documents.py (the table in
docs/real-documents.md).

Expected records come from two places: ../shared/realdocs/expected.json (hand-checked by the team) and
tests/realdocs/expected/*.json (hand-checked in this project, one per document). A record names its projects
(name, department, amount_wan, indicators with level1, level2, name, target) and department-wide tables.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = ROOT.parent / "shared" / "realdocs"
EXPECTED = Path(__file__).resolve().parent / "expected"


def expected_records() -> dict[str, dict]:
    """File name → expected record, for every document that has one."""
    records: dict[str, dict] = {}
    for shared in (REALDOCS / "expected.json", REALDOCS / "expected_selfeval.json"):
        if shared.is_file():
            records.update(json.loads(shared.read_text("utf-8")))
    for path in sorted(EXPECTED.glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        records[record.get("file") or path.stem + ".pdf"] = record
    return records


def indicator_key(ind: dict) -> tuple[str, str, str, str]:
    return (ind.get("level1") or "", ind.get("level2") or "", ind["name"], ind.get("target") or "")


def project_key(project: dict) -> tuple:
    amount = project.get("amount_wan")
    return (
        project["name"],
        None if amount is None else round(float(amount), 4),
        tuple(indicator_key(i) for i in project["indicators"]),
    )


@dataclass
class Comparison:
    """How one document's parse matches its expected record."""

    file: str
    projects: int = 0  # expected
    projects_found: int = 0  # read
    projects_exact: int = 0  # name, amount and every indicator equal
    names: int = 0  # expected project names read
    amounts: int = 0  # expected amounts read (for the names read)
    departments: int = 0
    indicators: int = 0  # expected
    indicators_found: int = 0  # expected indicators read exactly (levels, name, target)
    department_wide: int = 0
    department_wide_found: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return (
            self.projects_exact == self.projects == self.projects_found
            and self.department_wide_found == self.department_wide
            and not self.problems
        )


def compare(expected: dict, projects: list[dict], department_wide: list[dict], file: str = "") -> Comparison:
    """Compare read projects and department-wide tables (dicts shaped as `kb show --json`) with a record."""
    result = Comparison(
        file,
        projects=len(expected.get("projects", [])),
        projects_found=len(projects),
        department_wide=len(expected.get("department_wide", [])),
    )
    unmatched = list(projects)
    for want in expected.get("projects", []):
        result.indicators += len(want["indicators"])
        same_name = [p for p in unmatched if p["name"] == want["name"]]
        got = next((p for p in same_name if project_key(p) == project_key(want)), None)
        got = got or next((p for p in same_name if _amount(p) == _amount(want)), None) or next(iter(same_name), None)
        if got is None:
            result.problems.append(f"missing project {want['name']}")
            continue
        unmatched.remove(got)
        result.names += 1
        result.amounts += _amount(got) == _amount(want)
        result.departments += (got.get("department") or "") == (want.get("department") or "")
        have = [indicator_key(i) for i in got["indicators"]]
        found = sum(1 for key in map(indicator_key, want["indicators"]) if key in have)
        result.indicators_found += found
        if project_key(got) == project_key(want):
            result.projects_exact += 1
        else:
            wanted = [indicator_key(i) for i in want["indicators"]]
            extra = [k for k in have if k not in wanted]
            missing = [k for k in wanted if k not in have]
            detail = f"; amount {_amount(got)} ≠ {_amount(want)}" if _amount(got) != _amount(want) else ""
            result.problems.append(
                f"{want['name']}: {found}/{len(wanted)} indicators{detail}"
                + (f"; missing {missing[:2]}" if missing else "")
                + (f"; extra {extra[:2]}" if extra else "")
            )
    result.problems += [f"extra project {p['name']}" for p in unmatched]
    for want in expected.get("department_wide", []):
        got = next((d for d in department_wide if _same_name(want.get("name") or "", d["name"])), None)
        if got is None:
            continue
        wanted = [indicator_key(i) for i in want.get("indicators", [])]
        have = [indicator_key(i) for i in got.get("indicators", [])]
        result.indicators += len(wanted)
        result.indicators_found += sum(1 for key in wanted if key in have)
        if wanted and have != wanted or "amount_wan" in want and _amount(got) != _amount(want):
            missing = [k for k in wanted if k not in have]
            extra = [k for k in have if k not in wanted]
            result.problems.append(
                f"department-wide {want['name']}: {len(wanted) - len(missing)}/{len(wanted)} indicators"
                + (f"; amount {_amount(got)} ≠ {_amount(want)}" if _amount(got) != _amount(want) else "")
                + (f"; missing {missing[:2]}" if missing else "")
                + (f"; extra {extra[:2]}" if extra else "")
            )
        else:
            result.department_wide_found += 1
    if "department_wide" in expected and len(department_wide) != result.department_wide:
        result.problems.append(
            f"department-wide tables: {len(department_wide)} read, {result.department_wide} expected"
        )
    return result


def compare_funds(expected: dict, projects: list[dict], department_wide: list[dict]) -> tuple[int, list[str]]:
    """How the shares of the money a record gives (`funds`: 财政资金, 其他资金 …, blank as null; a department's
    `funds_detail`: 财政拨款 → 合计, 基本支出 …) match the read fields (labels compared as keys, '其中：财政拨款' as
    财政拨款; a part under its parent as '财政拨款·基本支出', the parent's 合计 as the parent): (shares checked,
    problems)."""
    from importers.columns import key

    checked, problems = 0, []
    unmatched = list(projects)
    wanted = [(w, "project") for w in expected.get("projects", [])]
    wanted += [(w, "department") for w in expected.get("department_wide", [])]
    for want, kind in wanted:
        if "funds" not in want:
            continue
        pool = unmatched if kind == "project" else department_wide
        got = next((p for p in pool if p["name"] == want["name"] and _amount(p) == _amount(want)), None)
        if kind == "department":
            got = got or next((d for d in department_wide if _same_name(want["name"], d["name"])), None)
        if got is None:
            continue
        if kind == "project":
            unmatched.remove(got)
        fields = {key(label): value for label, value in (got.get("fields") or {}).items()}
        shares = dict(want["funds"])
        for parent, parts in (want.get("funds_detail") or {}).items():
            shares.update({f"{parent}·{part}": value for part, value in parts.items() if not part.endswith("合计")})
        for label, value in shares.items():
            checked += 1
            read = fields.get(label)
            if value is None and not read or value is not None and read and _number(read) == round(float(value), 4):
                continue
            problems.append(f"{want['name']}: {label} {value} read as {read!r}")
    return checked, problems


def _number(text: str) -> float | None:
    """An amount as written ('5,093.76万元') as a number."""
    try:
        return round(float(text.replace(",", "").removesuffix("万元").removesuffix("元")), 4)
    except ValueError:
        return None


def is_self_evaluation(expected: dict) -> bool:
    return "自评" in expected.get("doc_type", "")


def outcome_key(ind: dict) -> tuple:
    weight, score = ind.get("weight"), ind.get("score")
    return (
        *indicator_key(ind),
        str(ind.get("actual") or ""),
        None if weight is None else float(weight),
        None if score is None else float(score),
    )


def compare_self_evaluations(expected: dict, read: list[dict], file: str = "") -> Comparison:
    """Compare read self-evaluations ({name, kind, department, amount_wan, indicators: [{…, actual, weight, score}]})
    with a record: every expected one (a record may list only some) found by name (and amount, where names repeat),
    with its amount and every row (a record's department_wide forms must be read as such, kind 'department'; its
    projects may be either)."""
    result = Comparison(
        file,
        projects=len(expected["projects"]),
        projects_found=len(expected["projects"]),
        department_wide=len(expected.get("department_wide", [])),
    )
    wanted_all = [("project", w) for w in expected["projects"]]
    wanted_all += [("department", w) for w in expected.get("department_wide", [])]
    unmatched = list(read)
    for kind, want in wanted_all:
        result.indicators += len(want.get("indicators", []))
        named = [r for r in unmatched if r["name"] == want["name"] and kind in ("project", r.get("kind", kind))]
        got = next((r for r in named if _amount(r) == _amount(want)), None) or next(iter(named), None)  # names repeat
        if got is not None:
            unmatched.remove(got)
        if got is None:
            result.problems.append(f"missing self-evaluation {want['name']}")
            continue
        result.names += 1
        result.amounts += _amount(got) == _amount(want)
        result.departments += (got.get("department") or "") == (want.get("department") or "")
        have = [outcome_key(i) for i in got["indicators"]]
        listed = "indicators" in want  # else the record gives the amount only
        wanted = [outcome_key(i) for i in want["indicators"]] if listed else have
        result.indicators_found += sum(1 for key in wanted if key in have) if listed else 0
        if have == wanted and _amount(got) == _amount(want):
            if kind == "project":
                result.projects_exact += 1
            else:
                result.department_wide_found += 1
        else:
            result.problems.append(
                f"{want['name']}: {sum(1 for k in wanted if k in have)}/{len(wanted)} rows; "
                f"amount {_amount(got)} vs {_amount(want)}; first differing "
                f"{next(((a, b) for a, b in zip(have, wanted) if a != b), None)}"
            )
    return result


def _same_name(want: str, read: str) -> bool:
    """A department-wide table's name as read holds the recorded one, or the other way round."""
    return bool(want) and want in read or read in want


def _amount(project: dict):
    amount = project.get("amount_wan")
    return None if amount is None else round(float(amount), 4)


def stored_self_evaluations(conn, file_name: str) -> list[dict]:
    """The self-evaluations stored from a file, each with its outcome rows (what compare_self_evaluations takes)."""
    rows = conn.execute(
        """SELECT s.id, s.name, s.kind, s.department, s.amount_wan FROM self_evaluations s
        JOIN documents d ON d.id = s.document_id WHERE d.file_name = ? ORDER BY s.seq""",
        (file_name,),
    ).fetchall()
    outcomes = "SELECT level1, level2, name, target, actual, weight, score FROM outcomes WHERE self_evaluation_id = ?"
    return [
        {**dict(row), "indicators": [dict(r) for r in conn.execute(f"{outcomes} ORDER BY seq", (row["id"],))]}
        for row in rows
    ]


TEXTS = Path(__file__).resolve().parent / "texts.json"


def _digest(text: str | None) -> str:
    """A long text as `length sha1 head…tail`: a cut, an emptied or a grown text shows in the head, the tail or the
    length without the record holding every text of the documents."""
    text = text or ""
    return f"{len(text)} {hashlib.sha1(text.encode()).hexdigest()[:10]} {text[:12]}…{text[-12:]}" if text else ""


def stored_texts(conn) -> dict[str, list[str]]:
    """File name → each goal table's and self-evaluation's long texts (overview, goal) and its other fields (task
    grids, 实际完成情况 …, as sorted JSON), in order, as digests."""
    texts: dict[str, list[str]] = {}
    for file_name, _, _, name, overview, goal, fields in conn.execute(
        """SELECT d.file_name, 0, p.seq, p.name, p.overview, p.goal, p.fields FROM projects p
        JOIN documents d ON d.id = p.document_id
        UNION ALL SELECT d.file_name, 1, s.seq, s.name, NULL, s.goal, s.fields FROM self_evaluations s
        JOIN documents d ON d.id = s.document_id ORDER BY 1, 2, 3"""
    ):
        shown = json.dumps(json.loads(fields or "{}"), ensure_ascii=False, sort_keys=True)
        texts.setdefault(file_name, []).append(f"{name} | {_digest(overview)} | {_digest(goal)} | {_digest(shown)}")
    return texts
