"""Search latency: `kb.find.search` (bigram FTS5) against a plain `LIKE '%q%'` scan, in one run.

    python benchmarks/search_latency.py --indicators 100000

Builds a synthetic knowledge base (deterministic: seeded vocabulary made from parts of real indicator names),
then times, for 2-, 3- and 7-character queries, counting all hits and fetching the top 50 with their projects.
Prints a Markdown table; ratios within one run are what to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import pct, timed  # noqa: E402
from importers.records import RawDocument, RawIndicator, RawProject  # noqa: E402
from kb.db import connect  # noqa: E402
from kb.find.search import Filters, search_indicators  # noqa: E402
from kb.ingest.normalise import normalise  # noqa: E402
from kb.ingest.write import Fallbacks, Provenance, store_document  # noqa: E402

SUBJECTS = [
    "服务对象",
    "补贴",
    "资金",
    "项目",
    "企业",
    "群众",
    "培训",
    "系统",
    "工程",
    "社区",
    "学生",
    "患者",
    "农户",
    "设备",
    "道路",
    "科技",
    "人才",
    "就业",
    "扶持",
    "宣传",
    "监管",
    "检查",
    "维护",
    "采购",
    "信息化",
    "文化",
]
ACTIONS = [
    "发放",
    "验收",
    "建设",
    "运行",
    "覆盖",
    "完成",
    "受理",
    "整改",
    "申报",
    "兑现",
    "培育",
    "新增",
    "改造",
    "开展",
]
MEASURES = [
    "满意度",
    "及时率",
    "准确率",
    "合格率",
    "数量",
    "人次",
    "完成率",
    "覆盖率",
    "知晓率",
    "故障率",
    "投诉率",
    "成本",
    "次数",
    "家数",
    "面积",
    "增长率",
    "达标率",
    "到位率",
    "执行率",
    "使用率",
]
REGIONS = [
    "宁波市",
    "宁波市奉化区",
    "威海经济技术开发区",
    "广州开发区",
    "杭州市",
    "温州市鹿城区",
    "济南市",
    "青岛市黄岛区",
]
QUERIES = {
    2: ["满意", "投诉", "及时"],
    3: ["满意度", "及时率", "合格率"],
    7: ["补贴发放准确率", "服务对象满意度", "项目验收合格率"],
}


def vocabulary(rng: random.Random, distinct: int) -> list[str]:
    names: set[str] = set()
    while len(names) < distinct:
        parts = [rng.choice(SUBJECTS), rng.choice(ACTIONS) if rng.random() < 0.7 else "", rng.choice(MEASURES)]
        if rng.random() < 0.3:
            parts.insert(0, rng.choice(SUBJECTS))
        if rng.random() < 0.1:
            parts.append("（%）")
        names.add("".join(parts))
    return sorted(names)


def build(path: Path, indicators: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    names = vocabulary(rng, max(50, indicators // 5))
    weights = [1 / (i + 1) for i in range(len(names))]  # long tail: a few names used very often
    conn = connect(path)
    per_doc, per_project = 1000, 10
    for d in range(max(1, indicators // per_doc)):
        projects = []
        for p in range(per_doc // per_project):
            chosen = rng.choices(names, weights, k=per_project)
            projects.append(
                RawProject(
                    name=f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}项目{d}-{p}",
                    overview=f"用于{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}",
                    amount="100",
                    amount_unit="万元",
                    indicators=[
                        RawIndicator(n, f"≥{rng.choice([80, 85, 90, 95])}%", "产出指标", "质量指标") for n in chosen
                    ],
                )
            )
        store_document(
            conn,
            normalise(RawDocument("synthetic", projects=projects)),
            Provenance(f"d{d}", f"/synthetic/{d}", f"sha{d}"),
            Fallbacks(region=rng.choice(REGIONS), year=rng.choice([2020, 2021, 2022, 2023])),
        )
    conn.close()


def like_scan(conn, query: str) -> tuple[int, list]:
    pattern = f"%{query}%"
    total = conn.execute("SELECT count(*) FROM indicators WHERE name LIKE ?", (pattern,)).fetchone()[0]
    rows = conn.execute(
        """SELECT i.id, i.name, i.target, p.name, p.region, p.year
        FROM indicators i JOIN projects p ON p.id = i.project_id
        WHERE i.name LIKE ? ORDER BY p.year DESC LIMIT 50""",
        (pattern,),
    ).fetchall()
    return total, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, help="reuse or create the synthetic database here")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.indicators)
        print(f"built {args.indicators} indicators in {time.perf_counter() - start:.1f} s → {path}", file=sys.stderr)
    conn = connect(path)
    n = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    d = conn.execute("SELECT count(*) FROM indicator_names").fetchone()[0]
    print("| query | chars | hits | kb search p50 / p95 (ms) | LIKE p50 / p95 (ms) | LIKE ÷ kb (p95) |")
    print("|---|---|---|---|---|---|")
    for length, queries in QUERIES.items():
        for q in queries:
            total, _ = search_indicators(conn, q, Filters(), 50)
            assert total == like_scan(conn, q)[0], q
            kb_ms = timed(lambda: search_indicators(conn, q, Filters(), 50), args.repeat)
            like_ms = timed(lambda: like_scan(conn, q), args.repeat)
            print(
                f"| {q} | {length} | {total} | {pct(kb_ms, 50):.1f} / {pct(kb_ms, 95):.1f} | "
                f"{pct(like_ms, 50):.1f} / {pct(like_ms, 95):.1f} | {pct(like_ms, 95) / pct(kb_ms, 95):.1f}× |"
            )
    print(f"\n{n} indicators, {d} distinct names, SQLite {__import__('sqlite3').sqlite_version}")


if __name__ == "__main__":
    main()
