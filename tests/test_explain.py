"""`kb import FILE --explain`: each part of a file, the layout that read it and its score against the others, what
was skipped and why, and the rows of each project — the first thing to run when a table comes out wrong."""

from __future__ import annotations

from typer.testing import CliRunner

from cli.app import app
from conftest import seed

runner = CliRunner()


def _explain(tmp_path, *paths) -> str:
    out = runner.invoke(
        app,
        ["--db", str(tmp_path / "kb.sqlite3"), "import", *map(str, paths), "--explain", "--dry-run"],
        env={"COLUMNS": "200"},
    )
    return out.stdout + out.stderr


def test_parts_of_a_text_document_with_layout_scores_and_projects(tmp_path):
    text = _explain(tmp_path, seed("000"))
    assert "lines 1-2 (开头 start) 其他: 不是目标表 not a goal table" in text
    assert (
        "lines 3-46 「## 2020年部门项目支出预算绩效目标下达表」 [form-kv] 目标表: 1 个项目 projects, 8 个指标 "
        "indicators (scores: form-kv 1.00)"
    ) in text
    assert "line 7: “政银保”贷款保证保险补贴, 5 ; 8 个指标 indicators (lines 26-40)" in text
    assert "→ 4 个项目 projects, 0 个部门整体表 department-wide, 32 个指标 indicators; 年度 year 2020" in text


def test_a_sheet_and_its_self_evaluation_explained(tmp_path):
    from fixtures.self_evaluation import write

    goal, evaluation = write(tmp_path, "xlsx")
    text = _explain(tmp_path, goal, evaluation)
    assert "lines 1-12 「2023年项目支出绩效目标表」 [grid-form] 目标表: 1 个项目 projects, 4 个指标 indicators" in text
    assert "line 3: 社区居家养老服务补贴, 120 万元; 4 个指标 indicators (lines 9-12)" in text
    assert "自评表" in text and "self_evaluation.xlsx" in text
    # the self-evaluation counted as one, not as a project (it said '1 个项目 projects … 4 个指标')
    told = "→ 0 个项目 projects, 0 个部门整体表 department-wide, 0 个指标 indicators, 1 个自评表 self-evaluations"
    assert told in text


def test_a_file_without_a_goal_table_says_why(tmp_path):
    plain = tmp_path / "说明.txt"
    plain.write_text("部门预算编制说明\n\n一、绩效目标情况\n本年绩效目标见附表。\n", "utf-8")
    text = _explain(tmp_path, plain)
    assert (
        "「一、绩效目标情况」 其他: 标题像目标表，但没有指标表 titled as a goal table, but holds no indicator table"
        in text
    )
    assert "未导入 not imported: 未找到目标表 no goal table found (5 行 lines, 2 部分 parts)" in text
    plain.write_text("部门预算编制说明\n\n一、收支总体情况\n本年收入合计1000万元。\n", "utf-8")
    assert "不是绩效目标文件" in _explain(tmp_path, plain)


def test_a_summary_of_self_evaluations_alone_is_read_as_such(tmp_path):
    """A 自评结果汇总表 published alone (项目名称 | 预算数 | 执行数 | 执行率 | 自评得分 | 自评等级, one project a row,
    no indicator rows) was not imported (the import said it held no indicator rows); it is read as self-evaluations
    without rows (tests/test_layout_evaluation_summary.py). A self-evaluation's table giving neither rows nor a
    project's money is still told as such, not as a goal table read wrong."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某市城市管理局2025年度项目支出绩效自评结果汇总表"])
    ws.append(["序号", "项目名称", "预算数（万元）", "执行数（万元）", "执行率", "自评得分", "自评等级"])
    ws.append(["1", "城市道路日常养护经费", "2,860.00", "2,812.35", "98.33%", "96.5", "优"])
    ws.append(["2", "数字城管平台运行维护经费", "420.00", "356.40", "84.86%", "86.3", "良"])
    ws.merge_cells("A1:G1")  # (the title across the sheet)
    path = tmp_path / "summary.xlsx"
    wb.save(path)
    text = _explain(tmp_path, path)
    assert "[evaluation-summary] self_evaluation: 0 个项目 projects, 0 个指标 indicators, 2 个自评表" in text
    for row in ws.iter_rows(min_row=2):
        for cell in row[2:5]:
            cell.value = None  # (no money, no 执行率: a list of names and scores)
    wb.save(path)
    assert "自评表，但读不出指标行" in _explain(tmp_path, path)
