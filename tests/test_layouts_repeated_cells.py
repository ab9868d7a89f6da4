"""Repeated cells: a merged cell spread over the cells it covers (as the readers give it) or an "unmerge and
fill" sheet reads as the same records as the document with each merged cell's text in its first cell.

Each case writes one small document twice: `merged` with the text of a merged cell in its top-left cell
only (what a text export gives), `spread` with it in every cell it covers, across and down.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from conftest import fuzz_budget, layout_records
from importers.cells import lone_value, once, once_across, same_head, spread_values
from importers.layouts import flat_sheet, form_kv, inline_table, label_lines, summary_table, word_cells
from importers.records import Row


def rows(table: list[list[str]]) -> list[Row]:
    return [Row(cells=list(cells), line=n) for n, cells in enumerate(table, 1)]


def same(parse, merged: list[list[str]], spread: list[list[str]]) -> list:
    """The records of both versions, asserted equal; the spread version differs from the merged one."""
    assert spread != merged
    expected = layout_records(parse(rows(merged)))
    assert layout_records(parse(rows(spread))) == expected
    return expected


def test_once_across_once_and_same_head():
    assert once_across(["标签", "标签", "值", "值", "", "值"]) == ["标签", "", "值", "", "", "值"]
    assert once(["a", "a", "b", "a"]) == ["a", "b", "a"]
    above = {"seq": "1", "name": "甲", "amount": "100", "overview": "概况前半"}
    assert same_head(above, {"seq": "1", "name": "甲", "amount": "", "overview": "概况后半"}, ("seq", "amount"))
    assert not same_head(above, {"seq": "2", "name": "甲", "amount": "100"}, ("seq", "amount"))
    assert not same_head(above, {"seq": "1", "name": "乙"}, ("seq", "amount"))
    assert not same_head({"name": ""}, {"name": ""}, ())


CELL_TEXTS = st.sampled_from(["", " ", "\u3000", "标题", " 标题", "标题 ", "<p>标题</p>", "值", "\n", "a  b", "\r"])


@settings(max_examples=fuzz_budget(300), deadline=None)
@given(st.lists(CELL_TEXTS | st.text(max_size=4), max_size=8))
def test_lone_value_is_the_only_spread_value(cells):
    values = spread_values(cells)
    assert lone_value(cells) == (values[0] if len(values) == 1 else None)


# --- summary-table -----------------------------------------------------------------------------

SUMMARY_HEADER = [
    ["序号", "项目名称", "项目概况", "本年预算金额（万元）", "年度绩效目标", "核心绩效指标", "", "", ""],
    ["", "", "", "", "", "指标名称", "运算符", "单位", "年度目标值"],
]
SUMMARY_SPREAD_HEADER = [
    ["序号", "项目名称", "项目概况", "本年预算金额（万元）", "年度绩效目标", *["核心绩效指标"] * 4],
    [
        "序号",
        "项目名称",
        "项目概况",
        "本年预算金额（万元）",
        "年度绩效目标",
        "指标名称",
        "运算符",
        "单位",
        "年度目标值",
    ],
]
HEAD_1 = ["1", "甲项目", "甲的概况", "100", "甲的目标"]
HEAD_2 = ["2", "乙项目", "乙的概况前半，乙的概况后半", "50", "乙的目标"]


def test_summary_heads_repeated_on_every_row():
    merged = [
        ["项目绩效目标汇总表"],
        *SUMMARY_HEADER,
        [*HEAD_1, "指标一", "≥", "家", "5"],
        ["", "", "", "", "", "指标二", "=", "%", "100"],
        [*HEAD_2, "指标三", "≥", "次", "2"],
        ["", "", "", "", "", "指标四", "≤", "万元", "7"],
    ]
    spread = [
        ["项目绩效目标汇总表"] * 9,
        *SUMMARY_SPREAD_HEADER,
        [*HEAD_1, "指标一", "≥", "家", "5"],
        [*HEAD_1, "指标二", "=", "%", "100"],
        [*HEAD_2, "指标三", "≥", "次", "2"],
        [*HEAD_2, "指标四", "≤", "万元", "7"],
    ]
    projects = same(summary_table.parse, merged, spread)
    assert [(p["name"], p["amount"], len(p["indicators"])) for p in projects] == [
        ("甲项目", "100", 2),
        ("乙项目", "50", 2),
    ]
    assert summary_table.parse(rows(spread)).title == "项目绩效目标汇总表"


def test_summary_page_break_fragments_with_repeated_heads():
    """A page break split 乙's overview: two rows before its named row carry the first part (repeated on
    both rows, as a merged cell spread down), the named rows repeat the head with the rest."""
    fragment = ["", "", "乙的概况前半，", "", ""]
    rest = ["2", "乙项目", "乙的概况前半，乙的概况后半", "50", "乙的目标"]
    merged = [
        *SUMMARY_HEADER,
        [*HEAD_1, "指标一", "≥", "家", "5"],
        [*fragment, "指标二", "=", "%", "100"],
        ["", "", "", "", "", "指标三", "≥", "次", "2"],
        [""],
        [*rest, "指标四", "≤", "万元", "7"],
        ["", "", "", "", "", "指标五", "≥", "个", "1"],
    ]
    spread = [
        *SUMMARY_SPREAD_HEADER,
        [*HEAD_1, "指标一", "≥", "家", "5"],
        [*fragment, "指标二", "=", "%", "100"],
        [*fragment, "指标三", "≥", "次", "2"],
        [""],
        [*rest, "指标四", "≤", "万元", "7"],
        [*rest, "指标五", "≥", "个", "1"],
    ]
    projects = same(summary_table.parse, merged, spread)
    assert projects[1]["overview"] == "乙的概况前半，乙的概况后半"
    assert [i["name"] for i in projects[1]["indicators"]] == ["指标二", "指标三", "指标四", "指标五"]


def test_summary_same_name_with_another_number_is_another_project():
    other = ["3", "乙项目", "乙的概况", "70", "乙的目标"]
    doc = summary_table.parse(
        rows([*SUMMARY_SPREAD_HEADER, [*HEAD_2, "指标三", "≥", "次", "2"], [*other, "指标四", "≤", "万元", "7"]])
    )
    assert [(p.fields["序号"], p.amount) for p in doc.projects] == [("2", "50"), ("3", "70")]


# --- flat-sheet ------------------------------------------------------------------------------------

FLAT_HEADER = [
    "单位名称",
    "项目名称",
    "预算数（元）",
    "年度目标",
    "",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "权重",
]


def test_flat_heads_department_and_levels_repeated():
    merged = [
        ["2023年项目支出绩效目标表"],
        FLAT_HEADER,
        ["某某局", "", "300", "", "", "", "", "", "", ""],
        ["", "甲项目", "100", "甲的目标", "", "产出指标", "数量指标", "指标一", "≥5", "10"],
        ["", "", "", "", "", "", "质量指标", "指标二", "=100%", "10"],
        ["", "", "", "", "", "满意度指标", "满意度指标", "满意度", "≥90%", "10"],
        ["", "乙项目", "200", "乙的目标", "", "产出指标", "数量指标", "指标三", "≥1", "10"],
    ]
    spread = [
        ["2023年项目支出绩效目标表"] * 10,
        [*FLAT_HEADER[:4], "年度目标", *FLAT_HEADER[5:]],
        ["某某局", "某某局", "300", "", "", "", "", "", "", ""],
        ["某某局", "甲项目", "100", "甲的目标", "甲的目标", "产出指标", "数量指标", "指标一", "≥5", "10"],
        ["某某局", "甲项目", "100", "甲的目标", "甲的目标", "产出指标", "质量指标", "指标二", "=100%", "10"],
        ["某某局", "甲项目", "100", "甲的目标", "甲的目标", "满意度指标", "满意度指标", "满意度", "≥90%", "10"],
        ["某某局", "乙项目", "200", "乙的目标", "乙的目标", "产出指标", "数量指标", "指标三", "≥1", "10"],
    ]
    projects = same(flat_sheet.parse, merged, spread)
    assert [(p["name"], p["department"], p["fields"], len(p["indicators"])) for p in projects] == [
        ("甲项目", "某某局", {}, 3),
        ("乙项目", "某某局", {}, 1),
    ]
    assert (projects[0]["indicators"][2]["level1"], projects[0]["indicators"][2]["level2"]) == (
        "满意度指标",
        "满意度指标",
    )


def test_flat_same_name_with_another_amount_is_another_project():
    doc = flat_sheet.parse(
        rows(
            [
                FLAT_HEADER,
                ["某某局", "甲项目", "100", "目标", "", "产出指标", "数量指标", "指标一", "≥5", "10"],
                ["某某局", "甲项目", "80", "目标", "", "产出指标", "数量指标", "指标一", "≥4", "10"],
            ]
        )
    )
    assert [(p.name, p.amount) for p in doc.projects] == [("甲项目", "100"), ("甲项目", "80")]


# --- form-kv ---------------------------------------------------------------------------------------


def test_form_labels_values_and_table_cells_spread():
    """Labels over two columns and values over two; a label and value merged over two rows; level cells
    down; the name column two columns wide; a level 2 equal to its level 1 stays a level 2."""
    merged = [
        ["2021年项目支出绩效目标申报表"],
        ["项目名称*：", "", "甲项目", "", "项目类别*：", "其他"],
        ["项目概况*：", "", "概况文本", "", "", ""],
        ["本年度预算申请金额*：", "", "100", "", "项目总金额*：", "100"],
        ["一级指标", "二级指标", "三级指标", "", "年度目标值", ""],
        ["产出指标", "数量指标", "指标一", "", "=5个", ""],
        ["", "质量指标", "指标二", "", "=100%", ""],
        ["满意度指标", "满意度指标", "服务对象满意度", "", "≥90%", ""],
    ]
    spread = [
        ["2021年项目支出绩效目标申报表"] * 6,
        ["项目名称*：", "项目名称*：", "甲项目", "甲项目", "项目类别*：", "其他"],
        ["项目概况*：", "项目概况*：", "概况文本", "概况文本", "概况文本", "概况文本"],
        ["项目概况*：", "项目概况*：", "概况文本", "概况文本", "概况文本", "概况文本"],
        ["本年度预算申请金额*：", "本年度预算申请金额*：", "100", "100", "项目总金额*：", "100"],
        ["一级指标", "二级指标", "三级指标", "三级指标", "年度目标值", "年度目标值"],
        ["产出指标", "数量指标", "指标一", "指标一", "=5个", "=5个"],
        ["产出指标", "质量指标", "指标二", "指标二", "=100%", "=100%"],
        ["满意度指标", "满意度指标", "服务对象满意度", "服务对象满意度", "≥90%", "≥90%"],
    ]
    [project] = same(form_kv.parse, merged, spread)
    assert (project["name"], project["overview"], project["amount"], project["fields"]) == (
        "甲项目",
        "概况文本",
        "100",
        {"项目类别": "其他"},
    )
    assert [(i["level1"], i["level2"], i["name"], i["target"]) for i in project["indicators"]] == [
        ("产出指标", "数量指标", "指标一", "=5个"),
        ("产出指标", "质量指标", "指标二", "=100%"),
        ("满意度指标", "满意度指标", "服务对象满意度", "≥90%"),
    ]
    assert form_kv.parse(rows(spread)).title == "2021年项目支出绩效目标申报表"


# --- inline-table ----------------------------------------------------------------------------------

INLINE_HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "绩效目标", "", "绩效指标"]
ITEMS = "1、1-产出指标；11-数量指标；扶持企业数；年度指标值:≥10家。"
MORE = "2、1-产出指标；12-质量指标；资金发放准确率；年度指标值:=100%。"


def test_inline_unit_row_header_and_continued_project_spread():
    merged = [
        ["部门名称：某某局"],
        ["单位：万元"],
        INLINE_HEADER,
        ["某某局", "150", "150", "", "", ""],
        ["甲项目", "100", "100", "甲的目标", "", ITEMS],
        ["", "", "", "", "", MORE],
        ["乙项目", "50", "50", "乙的目标", "", ITEMS],
    ]
    spread = [
        ["部门名称：某某局"] * 6,
        ["单位：万元"] * 6,
        [*INLINE_HEADER[:4], "绩效目标", "绩效指标"],
        ["某某局"] * 6,
        ["甲项目", "100", "100", "甲的目标", "甲的目标", ITEMS],
        ["甲项目", "100", "100", "甲的目标", "甲的目标", MORE],
        ["乙项目", "50", "50", "乙的目标", "乙的目标", ITEMS],
    ]
    projects = same(inline_table.parse, merged, spread)
    assert [(p["name"], p["department"], p["goal"], p["fields"], len(p["indicators"])) for p in projects] == [
        ("甲项目", "某某局", "甲的目标", {"财政拨款": "100"}, 2),
        ("乙项目", "某某局", "乙的目标", {"财政拨款": "50"}, 1),
    ]


# --- word-cells (table rows, as a .docx or a sheet gives them) ---------------------------------------


def test_word_form_labels_grid_label_and_goal_spread():
    merged = [
        ["预算绩效目标申报表——基本情况表"],
        ["项目名称", "甲项目", "项目起止", "202001-202012", ""],
        ["项目概况", "概况文本", "", "", ""],
        ["项目资金预算安排", "年份", "总投资", "", ""],
        ["", "", "区财政安排", "自筹资金", "合计"],
        ["", "2020", "100", "", "100"],
        ["", "合计", "100", "", "100"],
        ["项目总体绩效目标", "新增企业20家；培育项目10个。", "", "", ""],
    ]
    spread = [
        ["预算绩效目标申报表——基本情况表"] * 5,
        ["项目名称", "甲项目", "项目起止", "202001-202012", ""],
        ["项目概况", "概况文本", "概况文本", "概况文本", "概况文本"],
        ["项目资金预算安排", "年份", "总投资", "总投资", "总投资"],
        ["项目资金预算安排", "年份", "区财政安排", "自筹资金", "合计"],
        ["项目资金预算安排", "2020", "100", "", "100"],
        ["项目资金预算安排", "合计", "100", "", "100"],
        ["项目总体绩效目标", *["新增企业20家；培育项目10个。"] * 4],
    ]
    [project] = same(word_cells.read_form, merged, spread)
    assert (project["name"], project["period"], project["overview"], project["amount"]) == (
        "甲项目",
        "202001-202012",
        "概况文本",
        "100",
    )
    assert project["extra"]["资金预算安排"][0] == {"年份": "2020", "区财政安排": "100", "自筹资金": "", "合计": "100"}
    assert [(i["name"], i["target"]) for i in project["indicators"]] == [("新增企业", "20家"), ("培育项目", "10个")]


# --- label-lines -----------------------------------------------------------------------------------


def test_label_lines_cell_spread_across_a_line_reads_once():
    merged = [
        ["项目支出绩效目标表"],
        ["项目名称", "甲项目", ""],
        ["年度总体目标"],
        ["完成目标"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["满意度指标", "满意度指标", "服务对象满意度", "≥90%"],
    ]
    spread = [
        ["项目支出绩效目标表"],
        ["项目名称", "甲项目", "甲项目"],
        ["年度总体目标"],
        ["完成目标"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["满意度指标", "满意度指标", "服务对象满意度", "≥90%"],
    ]
    [project] = same(label_lines.parse, merged, spread)
    assert project["name"] == "甲项目"
    assert [(i["level1"], i["level2"], i["name"]) for i in project["indicators"]] == [
        ("满意度指标", "满意度指标", "服务对象满意度")
    ]
