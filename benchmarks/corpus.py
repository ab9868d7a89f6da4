"""A deterministic corpus of goal documents in the sample layouts, for benchmarks at national scale.

    python benchmarks/corpus.py OUT_DIR --indicators 1000000 [--seed 1]

Vocabulary comes from the bundled seeds: their indicator names are cut into heads and tails ('补贴发放' +
'准确率') and recombined, about one distinct name per five indicators, used along a long tail (a few names such
as 服务对象满意度 everywhere, most names rare) as in real published tables. Documents are written as text in three
of the sample layouts (申报表 forms, 汇总表 summary tables, inline-indicator tables), so an import goes through
the real parsers.

Two kinds of project text (`--texts`): `short`, one sentence each as before, and `real`, overviews and goals of the
length and structure of published ones (200–800 characters, most naming 满意度; benchmarks/texts.py).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import texts as real_texts  # noqa: E402

TEXTS = ("short", "real")

REGIONS = [
    "宁波市",
    "宁波市奉化区",
    "宁波市鄞州区",
    "杭州市西湖区",
    "温州市鹿城区",
    "威海经济技术开发区",
    "威海市环翠区",
    "广州开发区",
    "广州市黄埔区",
    "济南市历下区",
    "青岛市黄岛区",
    "成都市武侯区",
    "武汉市江岸区",
    "苏州工业园区",
]
DEPARTMENTS = [
    "财政局",
    "科学技术局",
    "教育局",
    "民政局",
    "卫生健康局",
    "住房和城乡建设局",
    "农业农村局",
    "人力资源和社会保障局",
    "商务局",
    "文化广电旅游局",
    "交通运输局",
    "生态环境局",
    "金融工作局",
    "市场监督管理局",
]
TARGETS = [
    "≥90%",
    "≥95%",
    "=100%",
    "≥85%",
    "≥80%",
    "及时",
    "合规",
    "健全",
    "≥{n}家",
    "≥{n}人",
    "={n}个",
    "≤{n}万元",
    "≥{n}次",
    "={n}项",
    "≥{n}人次",
    "<{n}小时",
]
LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "经济效益指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
]


def seed_names() -> list[str]:
    """Every indicator name in the bundled seeds."""
    import importers
    from kb.ingest.seeds import seeds_dir

    names = []
    for path in sorted(seeds_dir().glob("*.txt")):
        names += [i.name for p in importers.parse_file(path).projects for i in p.indicators]
    return names


def vocabulary(rng: random.Random, distinct: int) -> list[str]:
    """`distinct` names recombined from the seeds' heads and tails, the seeds' own names first."""
    base = list(dict.fromkeys(seed_names()))
    heads = sorted({n[:k] for n in base for k in (2, 3, 4) if len(n) > k + 1})
    tails = sorted({n[-k:] for n in base for k in (2, 3, 4) if len(n) > k + 1})
    names = dict.fromkeys(base)
    while len(names) < distinct:
        name = rng.choice(heads) + (rng.choice(heads) if rng.random() < 0.3 else "") + rng.choice(tails)
        names.setdefault(name)
    out = list(names)[:distinct]
    rng.shuffle(out)
    return out


class Sampler:
    """Draws names along a long tail (Zipf, s≈1.1): the first few very often, most rarely."""

    def __init__(self, names: list[str], rng: random.Random) -> None:
        self.names, self.rng = names, rng
        self.cumulative = list(itertools.accumulate(1 / (i + 1) ** 1.1 for i in range(len(names))))
        # make sure every name is used at least once across the corpus
        self.unused = list(range(len(names)))
        rng.shuffle(self.unused)

    def __call__(self) -> str:
        if self.unused and self.rng.random() < 0.2:
            return self.names[self.unused.pop()]
        x = self.rng.random() * self.cumulative[-1]
        return self.names[bisect.bisect_left(self.cumulative, x)]


def _target(rng: random.Random) -> str:
    return rng.choice(TARGETS).format(n=rng.choice([1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000]))


def _project(rng: random.Random, sample: Sampler, k: int) -> tuple[str, list[tuple[str, str, str, str]]]:
    name = sample()[:6] + rng.choice(["专项资金", "工作经费", "补助项目", "建设项目", "运维经费", "奖励资金"])
    rows = sorted(((*rng.choice(LEVELS), sample(), _target(rng)) for _ in range(k)), key=lambda r: LEVELS.index(r[:2]))
    return name, rows


class Texts:
    """A project's overview and goal: one short sentence each (`short`) or real-length ones (`real`)."""

    def __init__(self, kind: str, rng: random.Random) -> None:
        if kind not in TEXTS:
            raise ValueError(f"texts must be one of {TEXTS}, not {kind!r}")
        self.real, self.rng = kind == "real", rng

    def overview(self, name: str, region: str, year: int) -> str:
        return real_texts.overview(self.rng, name, region, year) if self.real else f"用于{name}。"

    def goal(self, name: str, year: int, first: str) -> str:
        """`first`: the short text's wording (each layout had its own)."""
        return real_texts.goal(self.rng, name, year) if self.real else first


SHORT = Texts("short", random.Random(0))  # one sentence each: no random draw


def form_document(
    rng: random.Random, sample: Sampler, projects: int, per: int, year: int, region: str, texts: Texts | None = None
) -> str:
    """申报表 forms, as seed 003: key-value head then the 一级/二级/三级/年度目标值 table."""
    texts = texts or SHORT
    out = [f"{year} 年{region}重点项目 预算绩效目标", "", f"{region}{rng.choice(DEPARTMENTS)}", ""]
    for _ in range(projects):
        name, rows = _project(rng, sample, per)
        amount = rng.randrange(10, 3000) * 10000
        out += [
            "项目支出绩效目标申报表",
            "",
            f"项目名称*：\t{name}\t项目编码*：\t{rng.randrange(10**5, 10**6)}({year})001",
            f"开始日期*：\t{year}-01-01\t结束日期*：\t{year}-12-31",
            f"项目总金额*：\t{amount}\t本年度预算申请金额*：\t{amount}",
            f"组织实施单位：\t{rng.choice(DEPARTMENTS)}\t\t",
            *([f"项目概况*：\t{texts.overview(name, region, year)}\t\t"] if texts.real else []),
            f"{year}年绩效目标\t{texts.goal(name, year, f'完成{name}各项任务，{rows[0][2]}达到目标。')}\t\t",
            "一级指标\t二级指标\t三级指标\t年度目标值",
        ]
        last = (None, None)
        for l1, l2, ind, target in rows:
            out.append(f"{l1 if l1 != last[0] else ''}\t{l2 if (l1, l2) != last else ''}\t{ind}\t{target}")
            last = (l1, l2)
        out.append("")
    return "\n".join(out) + "\n"


def summary_document(
    rng: random.Random,
    sample: Sampler,
    projects: int,
    per: int,
    *,
    year: int = 2024,
    region: str = "",
    texts: Texts | None = None,
) -> str:
    """项目绩效目标汇总表, as seed 001: a project's first row carries its head."""
    texts = texts or SHORT
    out = [
        "项目绩效目标汇总表",
        "",
        "序号\t项目名称\t项目概况\t本年预算金额 (万元)\t年度绩效目标\t核心绩效指标\t\t\t",
        "\t\t\t\t\t指标名称\t运算符\t单位\t年度目标值",
    ]
    for n in range(1, projects + 1):
        name, rows = _project(rng, sample, per)
        for k, (_, _, ind, target) in enumerate(rows):
            op = target[0] if target[0] in "≥≤=<" else "="
            value = target.lstrip("≥≤=<")
            number = "".join(c for c in value if c.isdigit() or c == ".") or "1"
            unit = value[len(number) :] if value.startswith(number) else ""
            head = (
                [
                    str(n),
                    name,
                    texts.overview(name, region, year),
                    str(rng.randrange(10, 3000)),
                    texts.goal(name, year, f"完成{name}年度任务。"),
                ]
                if k == 0
                else [""] * 5
            )
            out.append("\t".join(head + [ind, op, unit, number]))
    return "\n".join(out) + "\n"


def inline_document(
    rng: random.Random,
    sample: Sampler,
    projects: int,
    per: int,
    region: str,
    *,
    year: int = 2024,
    texts: Texts | None = None,
) -> str:
    """项目支出绩效目标表, as seed 002: every indicator of a project inline in one cell."""
    texts = texts or SHORT
    codes = {"产出指标": "1", "效益指标": "2", "满意度指标": "3", "成本指标": "4"}
    out = [
        "项目支出绩效目标表（含转移支付项目）",
        "",
        f"部门名称：{region}{rng.choice(DEPARTMENTS)}（部门）",
        "",
        "单位：万元",
        "",
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
        f"{region}{rng.choice(DEPARTMENTS)}\t1,000.00\t1,000.00\t\t\t\t",
    ]
    for _ in range(projects):
        name, rows = _project(rng, sample, per)
        items = []
        for k, (l1, l2, ind, target) in enumerate(rows, 1):
            c1 = codes[l1]
            c2 = c1 + str(FRAMEWORK_INDEX[l2])
            items.append(f"{k}、{c1}-{l1}；{c2}-{l2}；{ind}；实施周期指标值:{target}；年度指标值:{target}。")
        amount = f"{rng.randrange(10, 3000):,}.00"
        goal = texts.goal(name, year, f"通过{name}，完成年度任务。")
        if texts.real:  # one goal cell, as long as an overview and a goal together
            goal = texts.overview(name, region, year) + goal
        out.append(f"{name}\t{amount}\t{amount}\t\t\t{goal}\t{''.join(items)}")
    return "\n".join(out) + "\n"


# Position of each level 2 within its level 1, for coded levels such as '12-质量指标'.
FRAMEWORK_INDEX = {l2: [b for a, b in LEVELS if a == l1].index(l2) + 1 for l1, l2 in LEVELS}


def write_corpus(
    out: Path, indicators: int, seed: int = 1, per_document: int = 1000, texts: str = "short"
) -> list[Path]:
    """Write documents holding about `indicators` indicators, with `short` or `real` project texts; their paths."""
    rng = random.Random(seed)
    project_texts = Texts(texts, random.Random(seed + 1))  # its own generator: the short corpus stays as it was
    sample = Sampler(vocabulary(rng, max(100, indicators // 5)), rng)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    per_project = 10
    for d in range(max(1, indicators // per_document)):
        projects = per_document // per_project
        year, region = rng.choice([2020, 2021, 2022, 2023, 2024]), rng.choice(REGIONS)
        kind = d % 3
        if kind == 0:
            text = form_document(rng, sample, projects, per_project, year, region, project_texts)
        elif kind == 1:
            text = summary_document(rng, sample, projects, per_project, year=year, region=region, texts=project_texts)
        else:
            text = inline_document(rng, sample, projects, per_project, region, year=year, texts=project_texts)
        path = out / f"{region}" / f"{year}" / f"goals_{d:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        (path.parent / "manifest.toml").write_text(
            "".join(
                f'[[documents]]\nfile = "{p.name}"\nregion = "{region}"\nyear = {year}\n\n'
                for p in sorted(path.parent.glob("*.txt"))
            ),
            "utf-8",
        )
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--texts", choices=TEXTS, default="short", help="project texts: one sentence, or real-length")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.indicators, args.seed, texts=args.texts)
    print(f"wrote {len(paths)} documents to {args.out}")


if __name__ == "__main__":
    main()
