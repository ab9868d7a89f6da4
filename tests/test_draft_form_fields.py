"""A draft holds the national form's head and per-indicator fields: set by their Chinese names, checked, copied,
filled from the precedents a row came from; the dates of a 实施期 and of a target read."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from cli.app import app
from kb.drafting import drafts, suggest
from kb.errors import KbError
from kb.vocab.dates import dates_in, period_bounds, years_in


def kb(db_path, *args):
    result = CliRunner().invoke(app, ["--db", str(db_path), *args])
    return result


@pytest.mark.parametrize(
    "word, field, value, stored",
    [
        ("项目名称", "project_name", "科技型中小企业研发费用补贴", "科技型中小企业研发费用补贴"),
        ("主管部门", "department", "科技局", "科技局"),
        ("主管部门代码", "department_code", "318001", "318001"),
        ("实施单位", "implementing_unit", "科技局", "科技局"),
        ("项目属性", "attribute", "延续项目", "延续"),
        ("实施期", "period", "2025年1月-2027年12月", "2025年1月-2027年12月"),
        ("实施期资金总额（万元）", "total_wan", "1,500", 1500.0),
        ("年度资金总额", "amount_wan", "500", 500.0),
        ("其中：财政拨款", "fiscal_wan", "450", 450.0),
        ("上年结转", "carryover_wan", "30", 30.0),
        ("其他资金", "other_wan", "20", 20.0),
        ("实施期目标", "period_goal", "三年累计", "三年累计"),
        ("年度目标", "goal", "本年", "本年"),
    ],
)
def test_head_fields_set_by_their_form_names(db_path, conn, word, field, value, stored):
    drafts.create(conn, "甲")
    result = kb(db_path, "draft", "set", "甲", word, value)
    assert result.exit_code == 0, result.output
    shown = json.loads(kb(db_path, "draft", "show", "甲", "--json").output)
    assert shown[field] == stored and shown["name"] == "甲"


@pytest.mark.parametrize("value, stored", [("318001", "318001"), (" ３１８００１ ", "318001"), ("101.001", "101.001")])
def test_a_department_code_is_kept_as_its_digits(conn, value, stored):
    """Full-width digits (a Chinese input method's) and spaces typed around them are the code's digits."""
    d = drafts.set_field(conn, drafts.create(conn, "甲").id, "department_code", value)
    assert d.department_code == stored


def test_a_draft_kept_with_text_for_its_code_is_still_copied(conn):
    """Drafts kept before the code was checked may hold a name there: duplicating one, or a new draft from it, said
    the code was wrong and made nothing."""
    from kb.drafting import copies

    d = drafts.create(conn, "甲")
    conn.execute("UPDATE drafts SET department_code = '市科技局' WHERE id = ?", (d.id,))
    conn.commit()
    assert drafts.duplicate(conn, "甲", "乙").department_code == "市科技局"
    assert copies.from_draft(conn, "甲", "丙").department_code == "市科技局"


def test_project_name_is_apart_from_the_drafts_name(conn):
    d = drafts.create(conn, "2025科技补贴")
    d = drafts.set_field(conn, d.id, drafts.field_name("项目名称"), "科技型中小企业研发费用补贴")
    assert (d.name, d.project_name) == ("2025科技补贴", "科技型中小企业研发费用补贴")
    assert drafts.field_name("名称") == "name"


def test_every_label_the_app_shows_names_its_field_on_the_command_line():
    """A field is named in `kb draft set` by the label the app's head shows it under (实施期资金 was refused)."""
    from tui.drafting.head import LABELS

    assert {label: drafts.field_name(label) for label in LABELS.values()} == {v: k for k, v in LABELS.items()}


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("attribute", "新建", "项目属性只能是 新增 或 延续"),
        ("period", "三年", "实施期 '三年' 读不出起止"),
        ("period", "2027-01 至 2025-12", "读不出起止"),
        ("fiscal_wan", "很多", "must be a number"),
        ("department_code", "市科技局", "主管部门代码是部门的编码"),  # the department's name in the code's field
        ("department_code", "代码待定", "主管部门代码是部门的编码"),
    ],
)
def test_bad_head_values_are_refused_and_nothing_saved(conn, field, value, message):
    d = drafts.create(conn, "甲")
    with pytest.raises(KbError, match=message):
        drafts.set_field(conn, d.id, field, value)
    assert drafts.open_draft(conn, d.id).version == d.version


@pytest.mark.parametrize(
    "word, field",
    [
        ("指标解释", "explanation"),
        ("指标内容", "explanation"),
        ("计算公式", "formula"),
        ("评（扣）分标准", "scoring"),
        ("评分标准", "scoring"),
        ("数据来源", "data_source"),
        ("依据说明", "basis_text"),
        ("实施期指标值", "period_target"),
    ],
)
def test_row_fields_set_by_their_names(db_path, conn, word, field):
    d = drafts.create(conn, "甲")
    drafts.add_row(conn, d.id, drafts.new_row("补贴企业数", target="≥100家"))
    kb(db_path, "draft", "show", "甲")
    result = kb(db_path, "draft", "set", "甲", "--row", "1", word, "按拨付清单统计")
    assert result.exit_code == 0, result.output
    row = drafts.open_draft(conn, d.id).rows[0]
    assert getattr(row, field) == "按拨付清单统计"


def test_basis_category_and_its_text(db_path, conn):
    d = drafts.create(conn, "甲")
    drafts.add_row(conn, d.id, drafts.new_row("补贴企业数", target="≥100家"))
    kb(db_path, "draft", "show", "甲")
    assert kb(db_path, "draft", "set", "甲", "--row", "1", "指标值设定依据", "计划标准").exit_code == 0
    refused = kb(db_path, "draft", "set", "甲", "--row", "1", "指标值设定依据", "《补助办法》")
    assert refused.exit_code != 0 and "依据说明" in refused.output
    row = drafts.open_draft(conn, d.id).rows[0]
    assert (row.basis, row.basis_text) == ("计划标准", None)


def test_duplicate_copies_the_form_fields(conn):
    d = drafts.create(conn, "甲", project_name="项目", fiscal_wan=450, attribute="新增")
    drafts.add_row(conn, d.id, drafts.new_row("补贴企业数", target="≥100家", scoring="每少5家扣1分"))
    copy = drafts.duplicate(conn, d.id, "乙")
    assert (copy.project_name, copy.fiscal_wan, copy.attribute) == ("项目", 450.0, "新增")
    assert copy.rows[0].scoring == "每少5家扣1分"


def test_a_date_target_is_kept_as_written(conn):
    d = drafts.create(conn, "甲")
    d = drafts.add_row(conn, d.id, drafts.new_row("资金拨付时间", target="2025年9月30日前"))
    assert d.rows[0].target == "2025年9月30日前" and d.rows[0].value is None
    assert drafts.target_fields("≥3年")["value"] == 3  # a count of years stays a number


def test_words_after_the_number_are_kept_as_written(conn):
    """'≥2次/周，雨季加密至每日1次' was stored as ≥2次/周: the officer's words after the unit were dropped without a
    word, from the app, kb draft add and the exported form; punctuation or 以上 after it is no such words."""
    d = drafts.create(conn, "甲")
    d = drafts.add_row(conn, d.id, drafts.new_row("道路巡查频次", target="≥2次/周，雨季加密至每日1次"))
    assert d.rows[0].target == "≥2次/周，雨季加密至每日1次" and d.rows[0].operator == "定性"
    assert drafts.target_fields("≥95%较上年提高2个百分点")["text"] == "≥95%较上年提高2个百分点"
    for plain in ("≥90%。", "90%以上", "≥5（个）", "≤175万元/公里", "≥1,200万元"):
        assert drafts.target_fields(plain)["text"] is None, plain


def test_an_inclusive_note_after_the_number_is_no_words_left_out(conn):
    """'≥90%（含）' or '≥3家（含）以上' (the bound includes its number) was kept as text: the row lost its number, so
    the export's 运算符/数值/单位 columns were empty and a 服务对象满意度 of '≤80%（含）' escaped the upper-bound
    check."""
    assert drafts.target_fields("≥90%（含）") == {"operator": "≥", "value": 90, "unit": "%", "text": None}
    assert drafts.target_fields("≥3家（含）以上") == {"operator": "≥", "value": 3, "unit": "家", "text": None}
    assert drafts.target_fields("90%（含本数）以上")["value"] == 90
    assert drafts.target_fields("≥98%（抽检）")["text"] == "≥98%（抽检）"  # a note of its own stays


def test_square_metres_after_a_multiplier_are_a_unit(conn):
    """'≥3.5万㎡' (NFKC: 万m2) was read as unit 万m and a '2' after it, so since words after the unit are kept the
    draft held it as text (no number); '≤14元/m2/月' had unit 元/m. Now both are units: 万m², 元/m²/月."""
    assert drafts.target_fields("≥3.5万㎡") == {"operator": "≥", "value": 3.5, "unit": "万m²", "text": None}
    assert drafts.target_fields("≥10万m³")["unit"] == "万m³"
    assert drafts.target_fields("≤14元/m2/月")["unit"] == "元/m²/月"


def test_words_before_the_number_are_kept_as_written(conn):
    """'较上年提高5个百分点' was stored as ≥5个百分点: the words before the number that no operator says (较上年) were
    dropped without a word, from the app, kb draft add/set and the exported form; an operator or its word alone
    before the number ('不低于', '提高') is no such words."""
    d = drafts.create(conn, "甲")
    d = drafts.add_row(conn, d.id, drafts.new_row("服务保障水平", target="较上年提高5个百分点"))
    assert d.rows[0].target == "较上年提高5个百分点" and d.rows[0].operator == "定性"
    assert drafts.target_fields("每月≥2次")["text"] == "每月≥2次"  # (≥2次 on the annual form would be 2 a year)
    for plain in ("≥90%", "不低于90%", "提高5个百分点", "达到 95%", "-5%", "±5%", "等于100%"):
        assert drafts.target_fields(plain)["text"] is None, plain


@pytest.mark.parametrize(
    "typed, read",
    [("全年≥12次", ("≥", 12.0, "次")), ("每年不少于2次", ("≥", 2.0, "次")), ("年均≥90%", ("≥", 90.0, "%"))],
)
def test_words_naming_the_year_before_the_number_are_read(typed, read):
    """'全年≥12次' was kept as words (定性): its number went unchecked by kb lint and the export's 定量 columns; the
    year a 年度指标值 is for is no words the number leaves out."""
    fields = drafts.target_fields(typed)
    assert (fields["operator"], fields["value"], fields["unit"], fields["text"]) == (*read, None)


def test_rows_from_precedents_bring_their_explanation_scoring_and_weight(seeded):
    """A project's rows bring its 分值 too; a precedent's row added by itself does not (a share of another table's
    total: a template's 总成本 came with 20, an indicator added by name with 2, and the checks said the weights did
    not add up, weights the draft's table does not show)."""
    from kb.db import connect

    conn = connect(seeded)
    indicator, project = conn.execute("SELECT id, project_id FROM indicators ORDER BY id LIMIT 1").fetchone()
    notes = {
        "指标解释": "年度内获得补贴的企业户数",
        "评（扣）分标准": "每少5家扣1分",
        "指标值设定依据": "计划标准：年度计划",
    }
    conn.execute("UPDATE indicators SET notes = ?, weight = 10 WHERE id = ?", (json.dumps(notes), indicator))
    conn.commit()
    d = drafts.create(conn, "甲")
    d = drafts.apply_rows(conn, d.id, suggest.project_rows(conn, project, ["1"])).draft
    row = d.rows[0]
    assert (row.explanation, row.scoring, row.basis, row.basis_text, row.weight) == (
        "年度内获得补贴的企业户数",
        "每少5家扣1分",
        "计划标准",
        "年度计划",
        10.0,
    )
    kept = drafts.add_row(
        conn, d.id, drafts.new_row("另一个", scoring="我自己的", sources=[indicator])
    ).rows  # what the user gave wins over the precedent
    other = next(r for r in kept if r.name == "另一个")
    assert (other.scoring, other.explanation, other.weight) == ("我自己的", "年度内获得补贴的企业户数", None)
    conn.close()


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("2025-01 至 2027-12", (date(2025, 1, 1), date(2027, 12, 31))),
        ("2025年1月-2025年12月", (date(2025, 1, 1), date(2025, 12, 31))),
        ("202501-202512", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2025-01-01至2025-06-30", (date(2025, 1, 1), date(2025, 6, 30))),
        ("2025—2027年", (date(2025, 1, 1), date(2027, 12, 31))),
        ("2025年", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2027年1月-12月", (date(2027, 1, 1), date(2027, 12, 31))),  # the end within the start's year
        ("2027年1月1日至6月30日", (date(2027, 1, 1), date(2027, 6, 30))),
        ("2027.3-12", (date(2027, 3, 1), date(2027, 12, 31))),
        ("2027年6月-3月", None),
        ("2027年1月-13月", None),
        ("长期", None),
        ("2027-01 至 2025-12", None),
    ],
)
def test_period_bounds(text, bounds):
    assert period_bounds(text) == bounds


def test_dates_and_years_in_a_sentence():
    assert dates_in("资金于2025年9月底前拨付，2026年6月30日前验收") == [date(2025, 9, 30), date(2026, 6, 30)]
    assert dates_in("2025-09-30前") == [date(2025, 9, 30)]
    assert years_in("服务2000人，补贴2024年度企业") == [2024]


def test_a_sheet_with_explanations_fills_the_rows_taken_from_it(conn, tmp_path):
    """Imported as a document gives them (a flat sheet with 指标解释, 评（扣）分标准, 数据来源, 分值 columns)."""
    from kb.ingest.run import import_paths

    sheet = tmp_path / "研发补助.csv"
    sheet.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标值,指标解释,评（扣）分标准,数据来源,分值\n"
        "科技企业研发补助,产出指标,数量指标,补助企业数,≥50家,年度获得补助的企业户数,每少5家扣1分,拨付清单,20\n"
        "科技企业研发补助,满意度指标,服务对象满意度指标,企业满意度,≥90%,受补助企业的满意程度,达到得满分,问卷调查,10\n",
        encoding="utf-8",
    )
    import_paths(conn, [sheet], workers=1)
    project = conn.execute("SELECT id FROM projects").fetchone()[0]
    d = drafts.create(conn, "甲")
    rows = drafts.apply_rows(conn, d.id, suggest.project_rows(conn, project)).draft.rows
    assert [(r.name, r.explanation, r.scoring, r.data_source, r.weight) for r in rows] == [
        ("补助企业数", "年度获得补助的企业户数", "每少5家扣1分", "拨付清单", 20.0),
        ("企业满意度", "受补助企业的满意程度", "达到得满分", "问卷调查", 10.0),
    ]
