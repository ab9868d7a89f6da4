"""importers.segments: which lines are table titles."""

from __future__ import annotations

import pytest

from importers.records import Row
from importers.segments import caption, numbered, split, title


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026年项目支出绩效目标表", "2026年项目支出绩效目标表"),
        ("附件2：2026年项目支出绩效目标表", "2026年项目支出绩效目标表"),  # the attachment's number is no part of it
        ("附表3: 部门整体支出绩效目标表", "部门整体支出绩效目标表"),
        ("项目支出绩效目标表（单位：万元）", "项目支出绩效目标表（单位：万元）"),  # a note after it
        ("预算表12", "预算表12"),
        ("附件2：", ""),
        ("单位：万元", ""),
        ("注：本表为预计数。", ""),
        ("项目名称：某某项目绩效目标表", ""),  # a label and its value
        ("2024年项目支出绩效目标表（续）", "2024年项目支出绩效目标表"),  # the table going on over the page
        ("2024年项目支出绩效目标表(续表)", "2024年项目支出绩效目标表"),
        ("项目支出绩效目标表续表", "项目支出绩效目标表"),
        ("2026年部门整体支出绩效目标", "2026年部门整体支出绩效目标"),  # a year's heading over a department's goals
        ("2026年度单位整体绩效目标", "2026年度单位整体绩效目标"),
        ("部门整体绩效目标", ""),  # a form's label
        ("2026年项目支出绩效目标", "2026年项目支出绩效目标"),  # a year's heading over the projects' goals
        ("漳州市芗城区民政局2026年项目绩效目标", "漳州市芗城区民政局2026年项目绩效目标"),
        ("项目绩效目标", ""),  # a form's label
        ("年度绩效目标", ""),
        ("2025年度项目支出绩效自评情况", "2025年度项目支出绩效自评情况"),  # a heading over self-evaluations
        ("二、项目支出绩效自评结果", "二、项目支出绩效自评结果"),
        (
            "本部门2025年度项目支出绩效自评结果如下（单位：万元）",
            "本部门2025年度项目支出绩效自评结果如下（单位：万元）",
        ),
        ("2025年绩效自评结果及2026年绩效目标", ""),  # over the goals too
        ("绩效自评情况", ""),  # a form's label
        ("二、2025年度部门整体绩效自评情况", "二、2025年度部门整体绩效自评情况"),
        ("组织开展2025年度部门整体绩效自评", ""),  # a goal's text: a task
        ("运用2025年度项目支出绩效自评结果", ""),
    ],
)
def test_titles(text, expected):
    assert title(Row(cells=[text], line=1)) == expected


def test_a_goals_row_of_its_own_naming_a_units_自评结果_is_no_heading():
    """A goal's second row atop a page, its label cell left blank ('完善本部门2025年度项目支出绩效自评结果'), was
    taken for a heading over self-evaluations and cut its form (the indicators below it read as no goal table's).
    A heading is a line outside any table: the same words as a line above the table still cut."""
    text = "完善本部门2025年度项目支出绩效自评结果"
    grid = (40.0, 110.0, 250.0)
    assert title(Row(cells=["", text, text], line=8, page=2, edges=grid)) == ""
    assert title(Row(cells=[text], line=8, page=2)) == text


def test_a_self_evaluations_heading_merged_over_its_tables_top_row_is_a_heading():
    """A sheet's heading over self-evaluations merged across its ruled table's top row ('某局2025年度项目支出绩效
    自评结果' over 项目名称 | 乙项目 …): a heading, as it is on a line of its own. It was taken for a goal's row
    (a ruled row is a table's), and the self-evaluation under it lost its indicators."""
    text = "某局2025年度项目支出绩效自评结果"
    assert title(Row(cells=[text] * 3, line=8, page=1, edges=(40.0, 110.0, 250.0))) == text


def test_a_running_head_naming_a_table_does_not_cut_the_table_going_on_under_it():
    """'某局2026年部门预算·项目支出绩效目标表' atop every page: atop page 2 it began a segment of its own, and the
    form going on there lost its last rows. It is a title where it first stands, and left out atop later pages."""
    head = "大连市文化和旅游局2026年部门预算·项目支出绩效目标表"
    lines = [
        ([head], 1),
        (["表13 项目支出绩效目标表"], 1),
        (["项目名称", "干部培训经费", "干部培训经费", "干部培训经费"], 1),
        (["一级指标", "二级指标", "三级指标", "指标值"], 1),
        (["产出指标", "数量指标", "培训人次", "≥1200人次"], 1),
        ([head], 2),
        (["", "质量指标", "培训考核合格率", "≥95%"], 2),
    ]
    found = split([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)])
    assert [(s.title, [r.line for r in s.rows]) for s in found] == [
        (head, [1]),
        ("表13 项目支出绩效目标表", [2, 3, 4, 5, 7]),
    ]


def test_a_title_that_comes_back_after_another_tables_is_no_running_head():
    """项目支出绩效目标表 atop pages 1, 2 and 4 with 部门整体支出绩效目标表 atop page 3: the fourth page's form was
    folded into the department-wide table (a title atop pages, but not atop every page between, is a title)."""
    lines = [
        (["项目支出绩效目标表"], 1),
        (["项目名称", "项目甲"], 1),
        (["项目支出绩效目标表"], 2),
        (["项目名称", "项目乙"], 2),
        (["部门整体支出绩效目标表"], 3),
        (["单位名称", "某局"], 3),
        (["项目支出绩效目标表"], 4),
        (["项目名称", "项目丙"], 4),
    ]
    found = split([Row(cells, n, page) for n, (cells, page) in enumerate(lines, 1)])
    assert [(s.title, [r.line for r in s.rows]) for s in found] == [
        ("项目支出绩效目标表", [1, 2, 3, 4]),
        ("部门整体支出绩效目标表", [5, 6]),
        ("项目支出绩效目标表", [7, 8]),
    ]


def test_a_document_whose_goal_tables_hold_no_indicators_says_so():
    """A budget whose 项目支出绩效表 is empty and whose 部门整体 table gives only a goal (完成年度工作。) imported as 0
    projects with a warning for the empty table only: the department-wide table was passed over without a word. A
    part of a form titled so whose indicators another part holds says nothing (the document has projects)."""
    from importers import parse_rows

    lines = [
        ["预算表12 年度项目支出绩效表"],
        ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
        ["预算13表 部门整体支出绩效目标表"],
        ["部门名称", "某办公室"],
        ["整体绩效目标", "完成年度工作。"],
    ]
    doc = parse_rows([Row(cells, line=n) for n, cells in enumerate(lines, 1)])
    assert not doc.projects
    assert [w.split(": ", 1)[1][:6] for w in doc.warnings] == ["空表：表头下", "标题像目标表"]


def test_a_departments_goals_under_a_years_heading_do_not_swallow_the_project_table_above():
    """A sheet of projects, then '2026年部门整体支出绩效目标' (no 表) over the department's own goals: one segment,
    read as the department's form, and the projects above were lost (only warnings). The heading is a title."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    text = (
        "2026年项目支出绩效目标表\n"
        "项目名称\t资金总额\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "图书馆免费开放\t452\t保障免费开放。\t产出指标\t数量指标\t接待人次\t≥180万人次\n"
        "图书馆免费开放\t452\t保障免费开放。\t满意度指标\t服务对象满意度指标\t读者满意度\t≥95%\n"
        "档案数字化\t156\t完成数字化。\t产出指标\t质量指标\t合格率\t≥99%\n"
        "2026年部门整体支出绩效目标\n"
        "部门名称\t成都市文化广电旅游局\n"
        "年度总体目标\t建设世界文化名城。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t惠民演出场次\t≥500场\n"
        "满意度指标\t服务对象满意度指标\t游客满意度\t≥90%\n"
    )
    doc = parse_rows(split_rows(text))
    assert [(p.kind, p.name, len(p.indicators)) for p in doc.projects] == [
        ("project", "图书馆免费开放", 2),
        ("project", "档案数字化", 1),
        ("department", "成都市文化广电旅游局", 2),
    ]


def test_projects_under_a_years_heading_are_not_swallowed_by_the_departments_form_above():
    """The department's own form, then '2026年项目支出绩效目标' (no 表) over the projects' forms: one segment, read
    as the department's form (its indicators 30, every project's head and indicators among them; 0 projects)."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    text = (
        "2026年部门整体支出绩效目标表\n"
        "部门名称\t某区民政局\n"
        "年度总体目标\t保障民生。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t重点任务完成数\t≥12项\n"
        "某区民政局2026年项目支出绩效目标\n"
        "项目名称\t老年助餐服务补贴\n"
        "年度资金总额\t1386.72\n"
        "年度绩效目标\t为老年人提供助餐服务。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t助餐服务人次\t≥85万人次\n"
        "满意度指标\t服务对象满意度指标\t就餐老年人满意度\t≥90%\n"
    )
    doc = parse_rows(split_rows(text))
    assert [(p.kind, p.name, len(p.indicators)) for p in doc.projects] == [
        ("department", "某区民政局", 1),
        ("project", "老年助餐服务补贴", 2),
    ]


def test_a_years_goal_label_spread_across_a_form_under_its_head_is_no_title():
    """A form whose goal label is a row of its own spread across it ('2026年度项目绩效目标' over the goal text), under
    the form's head rows (项目名称, 主管部门, 项目资金): it was taken for a heading over the projects' goals, the form
    cut there, and the file had no goal table (0 projects). It is the form's label; the form is read whole."""
    from importers import parse_rows

    label, goal = "2026年度项目绩效目标", "为困难群众提供综合帮扶服务不少于3000人次。"
    lines = [
        ["项目支出绩效目标表"],
        ["项目名称", "社区综合帮扶服务项目", "", ""],
        ["主管部门", "某市民政局", "", ""],
        ["项目资金（万元）", "486.00", "", ""],
        [label] * 4,
        [goal] * 4,
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "帮扶服务人次", "≥3000人次"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
    ]
    rows = [Row(cells, n) for n, cells in enumerate(lines, 1)]
    assert [s.title for s in split(rows)] == ["项目支出绩效目标表"]
    doc = parse_rows(rows)
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("社区综合帮扶服务项目", 2)]
    assert title(Row(cells=[label], line=1)) == label  # alone, not under a form's head, it is a heading


@pytest.mark.parametrize(
    "text, expected",
    [
        ("某局 2026 年项目支出绩效目标", "某局 2026 年项目支出绩效目标"),  # a year's heading, its spaces as printed
        ("2026 年度单位整体绩效目标", "2026 年度单位整体绩效目标"),
        ("预算 12 表", "预算 12 表"),  # a table's number
        ("表 14", "表 14"),
        ("本部门 2025 年度项目支出绩效自评结果如下", "本部门 2025 年度项目支出绩效自评结果如下"),
        ("组织开展 2025 年度部门整体绩效自评", ""),  # a goal's text: a task, as unspaced
        ("项目名称： ISO 9001 认证绩效目标表", ""),  # a label and its value
        ("某区民政局 2026年 项目支出绩效目标", "某区民政局 2026年 项目支出绩效目标"),  # a space between two words
        ("2026 年 项目支出绩效目标", "2026 年 项目支出绩效目标"),
        ("本部门 2025 年度 项目支出绩效自评结果如下", "本部门 2025 年度 项目支出绩效自评结果如下"),
        ("项 目 支 出 绩 效 目 标 表", "项 目 支 出 绩 效 目 标 表"),  # spread out, as typed in a sheet's cell
    ],
)
def test_titles_printed_with_spaces_beside_their_numbers_are_read_as_without(text, expected):
    """A PDF prints spaces beside a year or a table's number ('某局 2026 年项目支出绩效目标', '预算 12 表'), kept as
    printed: the title's patterns read them as the unspaced text (no space before 年 or 表), and the title is kept
    whole. So are spaces typed between two Chinese characters in any format ('某区民政局 2026年 项目…' from .docx,
    .xlsx, HTML or text was no heading: the unspaced text kept them), and a title spread out by spaces."""
    assert title(Row(cells=[text], line=1)) == expected
    assert numbered(text) == (text in ("预算 12 表", "表 14"))  # a number alone: no name of its form


def test_a_years_heading_printed_with_spaces_cuts_the_projects_from_the_departments_form_above():
    """'某区民政局 2026 年项目支出绩效目标' (spaces beside the year, as a PDF prints them) over the projects' forms
    was no title: the projects were read into the department's form above. The year under a title printed
    '（ 2026 年度 ）' is its caption."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    text = (
        "2026 年部门整体支出绩效目标表\n"
        "（ 2026 年度 ）\n"
        "部门名称\t某区民政局\n"
        "年度总体目标\t保障民生。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t重点任务完成数\t≥ 12 项\n"
        "某区民政局 2026 年项目支出绩效目标\n"
        "项目名称\t老年助餐服务补贴\n"
        "年度资金总额\t1386.72\n"
        "年度绩效目标\t为 2 万名老年人提供助餐服务。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t助餐服务人次\t≥ 85 万人次\n"
        "满意度指标\t服务对象满意度指标\t就餐老年人满意度\t≥ 90 %\n"
    )
    rows = split_rows(text)
    assert caption(rows[1])
    doc = parse_rows(rows)
    assert doc.year == "2026"
    assert [(p.kind, p.name, p.goal, [i.target for i in p.indicators]) for p in doc.projects] == [
        ("department", "某区民政局", "保障民生。", ["≥ 12 项"]),
        ("project", "老年助餐服务补贴", "为 2 万名老年人提供助餐服务。", ["≥ 85 万人次", "≥ 90 %"]),
    ]


def test_a_goals_last_line_under_its_merged_label_is_no_years_heading():
    """A goal over three rows under one 年度绩效目标 label merged over them, pasted as text (the label's cell blank on
    the rows after its first): the last line, '3.全面完成 2026 年 项目支出绩效目标', read without its spaces as a year's
    heading, ended the form (refused: no 项目名称). A year's heading stands first in its row."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    text = (
        "某局2026年项目支出绩效目标表\n项目名称\t平台运维\n主管部门\t某局\n年度绩效目标\t1.完成平台升级改造\n"
        "\t2.保障系统稳定运行\n\t3.全面完成 2026 年 项目支出绩效目标\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t运维系统数量\t≥12个\n效益指标\t满意度指标\t使用单位满意度\t≥90%\n"
    )
    (project,) = parse_rows(split_rows(text)).projects
    assert project.goal.endswith("3.全面完成 2026 年 项目支出绩效目标")
    assert [indicator.name for indicator in project.indicators] == ["运维系统数量", "使用单位满意度"]
    assert title(Row(cells=["", "2026 年 项目支出绩效目标"], line=1)) == ""
    assert title(Row(cells=["2026 年 项目支出绩效目标", ""], line=1)) == "2026 年 项目支出绩效目标"


@pytest.mark.parametrize(
    "sentence",
    ["2.全面完成2026年项目支出绩效目标", "2.全面完成 2026 年 项目支出绩效目标", "确保完成2026年度项目绩效目标"],
)
def test_a_sentence_naming_the_years_goals_in_a_goals_row_across_the_form_is_no_heading(sentence):
    """A goal's rows across the form under '年度绩效目标' across it, the last a sentence naming the year's goals
    alone in its row's first cell: it was taken for a year's heading and cut the form from its indicators (refused).
    Rows alone in theirs back to a goal's label are the goal's; a year's heading after a form's indicators stays one."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    def form(name: str) -> str:
        return (
            f"项目名称\t{name}\n主管部门\t某局\n年度绩效目标\n1.完成{name}。\n{sentence}\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t运维系统数量\t≥12个\n"
        )

    doc = parse_rows(split_rows("某局2026年项目支出绩效目标表\n" + form("平台运维") + "\n" + form("政务云租赁")))
    assert [(p.name, p.goal, len(p.indicators)) for p in doc.projects] == [
        ("平台运维", f"1.完成平台运维。\n{sentence}", 1),
        ("政务云租赁", f"1.完成政务云租赁。\n{sentence}", 1),
    ]
    headed = split_rows(form("平台运维") + "某区财政局2026年项目支出绩效目标\n" + form("政务云租赁"))
    assert [segment.title for segment in split(headed)] == ["", "某区财政局2026年项目支出绩效目标"]


@pytest.mark.parametrize("head", ["某区民政局2026年项目支出绩效目标", "某区民政局 2026 年 项目支出绩效目标"])
def test_a_years_heading_in_the_second_column_of_a_two_column_sheet_is_a_title(head):
    """A two-column sheet (labels in A, values in B) with each form's year heading typed in B, not merged: since a
    year's heading had to stand first in its row, it was no title, and the next form's heading was read as an
    indicator of the form above (silent). After a blank first cell, it is a heading where no value goes on under a
    label above it (a goal's last line under 年度绩效目标 stays the goal's)."""
    from importers import parse_rows
    from importers.readers.text import split_rows

    def form(name: str) -> str:
        return (
            f"\t{head}\n项目名称\t{name}\n主管部门\t某区民政局\n年度绩效目标\t完成{name}工作。\n"
            "三级指标\t指标值\n服务人次\t≥85万人次\n服务对象满意度\t≥90%\n\n"
        )

    doc = parse_rows(split_rows(form("老年助餐服务补贴") + form("社区养老服务")))
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("老年助餐服务补贴", ["服务人次", "服务对象满意度"]),
        ("社区养老服务", ["服务人次", "服务对象满意度"]),
    ]
    assert [segment.title for segment in doc.segments] == [head, head]


@pytest.mark.parametrize("text", ["项目支出绩效目标表 续 表", "项目支出绩效目标表（续 表）", "项目支出绩效目标表续表"])
def test_a_title_going_on_typed_with_a_spaced_caption_is_the_same_title(text):
    """'…目标表 续 表' typed with a space (a PDF's text line keeps it since 59460c1): read as another table's title,
    not the table going on."""
    assert title(Row(cells=[text], line=1)) == "项目支出绩效目标表"


@pytest.mark.parametrize("opens", [False, True], ids=["indicators", "next-form"])
def test_a_tables_title_printed_again_inside_its_forms_head_is_left_out(tmp_path, opens):
    """An HTML page printing the table's title again as a paragraph between a form's goal lines and its indicator
    table (its print's page break): the form goes on under it, one project with its indicators (it was a form
    without a table, warned, and a second project named from the title holding the indicators). A form opening under
    the title again (项目名称 first) stays a form of its own."""
    from importers import parse_file

    title = "<p>某县农业农村局2026年项目支出绩效目标表</p>"
    head = "<tr><td>项目名称</td><td>{}</td><td>主管部门</td><td>某县农业农村局</td></tr>"
    goal = "<tr><td colspan=4>年度绩效目标</td></tr><tr><td colspan=4>完成耕地质量监测点建设20个。</td></tr>"
    table = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    table += "<tr><td>产出指标</td><td>质量指标</td><td>设备完好率</td><td>≥95%</td></tr>"
    second = (head.format("农田水利建设") if opens else "") + (goal if opens else "") + table
    html = f"<html><body>{title}<table>{head.format('耕地质量监测')}{goal}"
    html += ("" if not opens else table) + f"</table>{title}<table>{second}</table></body></html>"
    path = tmp_path / "form.html"
    path.write_text(html, encoding="utf-8")
    doc = parse_file(path)
    names = ["耕地质量监测", "农田水利建设"] if opens else ["耕地质量监测"]
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [(n, ["设备完好率"]) for n in names]
    assert not doc.warnings


@pytest.mark.parametrize("opening", ["单位名称", "主管部门"])
def test_the_same_title_over_a_form_opening_with_another_head_label_is_its_own(tmp_path, opening):
    """The same title over a form without an indicator table and over a next form opening with a head label other
    than 项目名称 ('单位名称', '主管部门' first): two projects, the first warned of its missing table (the title was
    left out as printed again inside the first form's head, the first project lost without a word)."""
    from importers import parse_file

    title = "<p>某县农业农村局2026年项目支出绩效目标表</p>"
    row = "<tr>" + "<td>{}</td>" * 4 + "</tr>"
    goal = "<tr><td colspan=4>年度绩效目标</td></tr><tr><td colspan=4>完成耕地质量监测点建设20个。</td></tr>"
    first = row.format("项目名称", "耕地质量监测", "主管部门", "某县农业农村局") + goal
    second = row.format(opening, "某县农业农村局", "项目名称", "农田水利建设") + goal
    second += row.format("一级指标", "二级指标", "三级指标", "指标值")
    second += row.format("产出指标", "质量指标", "设备完好率", "≥95%")
    path = tmp_path / "form.html"
    path.write_text(f"<html><body>{title}<table>{first}</table>{title}<table>{second}</table></body></html>", "utf-8")
    doc = parse_file(path)
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [
        ("耕地质量监测", []),
        ("农田水利建设", ["设备完好率"]),
    ]
    assert doc.warnings
