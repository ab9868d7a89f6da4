"""How the importers do on the real published documents: the table of docs/real-documents.md.

    python benchmarks/real_documents.py                      # ../shared/realdocs, markdown on stdout
    python benchmarks/real_documents.py --out docs/real-documents.md    # its '## Measured' section replaced

Imports every document of the folder into a fresh knowledge base with `kb.ingest.run.import_paths` (as `kb import`
does), then writes, per layout family (the layouts that read a file's goal tables), the files, goal tables found,
projects, department-wide tables, self-evaluations and indicators, and for the files with hand-checked records
(tests/realdocs/truth.py) how many match exactly; then one line per file with what is still wrong. No number here
is asserted by a test: tests/test_real_documents.py checks the records themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kb.db import connect  # noqa: E402
from kb.find.queries import show_project  # noqa: E402
from kb.ingest.run import import_paths  # noqa: E402
from realdocs.truth import (  # noqa: E402
    REALDOCS,
    compare,
    compare_self_evaluations,
    expected_records,
    is_self_evaluation,
    stored_self_evaluations,
)

READ = ("goal", "department", "self_evaluation")


def _stored(conn, file_name: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Projects, department-wide tables (as `kb show --json`) and self-evaluations (with their rows) of a file."""
    shown = {"project": [], "department": []}
    for pid, kind in conn.execute(
        """SELECT p.id, p.kind FROM projects p JOIN documents d ON d.id = p.document_id
            WHERE d.file_name = ? ORDER BY p.seq""",
        (file_name,),
    ):
        shown[kind].append(show_project(conn, pid))
    evaluations = stored_self_evaluations(conn, file_name)
    return shown["project"], shown["department"], evaluations


def measure(folder: Path) -> tuple[list[dict], float]:
    """One row per document: what was read, and how it compares with its expected record where there is one."""
    expected = expected_records()
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "kb.sqlite3")
        started = time.perf_counter()
        results = import_paths(conn, [folder])
        seconds = time.perf_counter() - started
        rows = []
        for result in results:
            name = result.path.name
            doc = conn.execute("SELECT parts FROM documents WHERE file_name = ?", (name,)).fetchone()
            parts = json.loads(doc["parts"] or "[]") if doc else []
            read = [p for p in parts if p["kind"] in READ]
            projects, department_wide, evaluations = _stored(conn, name)
            row = {
                "file": name,
                "status": result.status,
                "message": result.message,
                "family": " + ".join(sorted({p["layout"] for p in read})) or "(nothing read)",
                "tables": len(read),
                "projects": len(projects),
                "department_wide": len(department_wide),
                "evaluations": len(evaluations),
                "indicators": sum(len(p["indicators"]) for p in projects + department_wide + evaluations),
                "expected": name in expected,
            }
            if name in expected:
                record = expected[name]
                if is_self_evaluation(record):
                    comparison = compare_self_evaluations(record, evaluations, name)
                else:
                    comparison = compare(record, projects, department_wide, name)
                row.update(
                    exact=comparison.exact,
                    want_projects=comparison.projects,
                    exact_projects=comparison.projects_exact,
                    want_indicators=comparison.indicators,
                    found_indicators=comparison.indicators_found,
                    problems=comparison.problems,
                )
            rows.append(row)
        conn.close()
    return rows, seconds


def report(rows: list[dict], seconds: float, folder: Path) -> str:
    families: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["file"].lower().endswith(".pdf"):
            families[row["family"]].append(row)
    out = [
        f"{sum(len(f) for f in families.values())} PDFs of `{folder.name}/` imported in {seconds:.0f} s "
        f"(`import_paths`, 2 workers).",
        "",
        "| layout family (what read the goal tables) | files | failed | goal tables | projects | department-wide "
        "| self-evaluations | indicators | files with records: exact | their projects exact | their indicators "
        "exact |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    total: dict[str, int] = defaultdict(int)
    for family, group in sorted(families.items(), key=lambda item: -len(item[1])):
        checked = [r for r in group if r["expected"]]
        sums = {
            key: sum(r[key] for r in group)
            for key in ("tables", "projects", "department_wide", "evaluations", "indicators")
        }
        sums.update(
            files=len(group),
            failed=sum(r["status"] == "failed" for r in group),
            checked=len(checked),
            exact=sum(r["exact"] for r in checked),
            **{
                key: sum(r[key] for r in checked)
                for key in ("want_projects", "exact_projects", "want_indicators", "found_indicators")
            },
        )
        for key, value in sums.items():
            total[key] += value
        out.append(_line(family, sums))
    out.append(_line("**all**", total))
    out += [
        "",
        "| file | read by | tables | projects | dept-wide | self-eval | indicators | against its record |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda r: r["file"]):
        if not row["file"].lower().endswith(".pdf"):
            continue
        verdict = "—"
        if row["status"] == "failed":
            verdict = f"failed: {row['message']}"
        elif row["expected"]:
            verdict = (
                f"exact ({row['exact_projects']}/{row['want_projects']}, {row['found_indicators']}/"
                f"{row['want_indicators']})"
                if row["exact"]
                else f"{row['exact_projects']}/{row['want_projects']} exact, {row['found_indicators']}/"
                f"{row['want_indicators']} indicators: " + "; ".join(row["problems"])[:300].replace("|", "¦")
            )
        out.append(
            f"| {row['file']} | {row['family']} | {row['tables']} | {row['projects']} | "
            f"{row['department_wide']} | {row['evaluations']} | {row['indicators']} | {verdict} |"
        )
    return "\n".join(out) + "\n"


def _line(name: str, s: dict) -> str:
    return (
        f"| {name} | {s['files']} | {s['failed']} | {s['tables']} | {s['projects']} | {s['department_wide']} | "
        f"{s['evaluations']} | {s['indicators']} | {s['exact']}/{s['checked']} | "
        f"{s['exact_projects']}/{s['want_projects']} | {s['found_indicators']}/{s['want_indicators']} |"
    )


def _write(path: Path, text: str) -> None:
    """The tables into `path`: in place of the body of its '## Measured' section when it has one (its heading and the
    hand-written sections around it kept, as in docs/real-documents.md), else as the whole file."""
    old = path.read_text("utf-8") if path.exists() else ""
    start = old.find("\n## Measured")
    if start < 0:
        path.write_text(text, "utf-8")
        return
    body = old.index("\n\n", start + 1) + 2
    end = old.find("\n## ", body)
    path.write_text(old[:body] + text.rstrip("\n") + "\n" + (old[end:] if end >= 0 else ""), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdocs", type=Path, default=REALDOCS, help="the folder of real documents")
    parser.add_argument("--out", type=Path, help="write the markdown here instead of stdout")
    args = parser.parse_args()
    if not args.realdocs.is_dir():
        sys.exit(f"{args.realdocs}: 没有这个文件夹 no such folder (the real documents sit beside the checkout)")
    text = report(*measure(args.realdocs), args.realdocs)
    if args.out:
        _write(args.out, text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
