"""Web pages (.html/.htm, and HTML whatever its extension): the records a real `kb import` stores from the pages
cities publish — a department budget of real tables (rowspan/colspan, a layout table around them, navigation and
scripts, GBK with and without a meta charset), a flat multi-project table, a page converted from a PDF (text runs
placed by class rules, pdf2htmlEX-like, and by inline styles, pdftohtml-like), and text copied from such pages into
a .txt — and hostile pages refused in one line."""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import fuzz_budget
from importers.readers import UnreadableFile, read_bytes
from importers.readers import common, html as html_reader
from kb.db import connect
from kb.ingest.run import import_paths

# --- what a goal table holds ---------------------------------------------------------------------------------------

ROAD = (
    "城市道路养护项目",
    "北京市城市管理委员会",
    "1250.5",
    [
        ("产出指标", "数量指标", "养护道路里程", "≥120公里"),
        ("产出指标", "数量指标", "维修破损路面面积", "≥3.5万平方米"),
        ("产出指标", "质量指标", "道路完好率", "≥98%"),
        ("产出指标", "时效指标", "破损路面修复时间", "≤48小时"),
        ("成本指标", "经济成本指标", "每公里养护成本", "≤10.42万元"),
        ("效益指标", "社会效益指标", "市民出行条件改善", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"),
    ],
)
LIGHTS = (
    "路灯设施运行维护项目",
    "北京市城市管理委员会",
    "386.2",
    [
        ("产出指标", "数量指标", "维护路灯数量", "≥5600盏"),
        ("产出指标", "质量指标", "路灯亮灯率", "≥98%"),
        ("效益指标", "社会效益指标", "夜间出行安全保障", "有效保障"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"),
    ],
)


def _records(db) -> list[tuple]:
    """(name, department, amount in 万元, [(level1, level2, name, target)]) of every project, in stored order."""
    conn = connect(db)
    out = []
    for project in conn.execute("SELECT id, name, department, amount_wan FROM projects ORDER BY document_id, seq"):
        indicators = [
            tuple(row)
            for row in conn.execute(
                "SELECT level1, level2, name, target FROM indicators WHERE project_id = ? ORDER BY seq", (project[0],)
            )
        ]
        amount = "" if project[3] is None else f"{project[3]:g}"
        out.append((project[1], project[2], amount, indicators))
    conn.close()
    return out


def _import(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    db = tmp_path / f"{name}.sqlite3"
    [result] = import_paths(connect(db), [path])
    return result, _records(db)


def _expected(*projects) -> list[tuple]:
    return [(name, department, amount, list(indicators)) for name, department, amount, indicators in projects]


# --- a department budget of real tables ---------------------------------------------------------------------------


def _form(project: tuple) -> str:
    """The national form (项目支出绩效目标表) as a publisher's table: a side label merged down the indicator rows,
    level cells merged down their indicators, the money group merged down its rows, values merged across."""
    name, department, amount, indicators = project
    rows = [
        f"<tr><td colspan=2>项目名称</td><td colspan=4>{name}</td></tr>",
        f"<tr><td colspan=2>主管部门及代码</td><td>[118]{department}</td><td>实施单位</td>"
        f"<td colspan=2>{department}</td></tr>",
        f"<tr><td colspan=2 rowspan=4>项目资金<br>（万元）</td><td>年度资金总额：</td><td colspan=3>{amount}</td></tr>",
        f"<tr><td>其中：财政拨款</td><td colspan=3>{amount}</td></tr>",
        "<tr><td>上年结转</td><td colspan=3>-</td></tr>",
        "<tr><td>其他资金</td><td colspan=3>-</td></tr>",
        "<tr><td colspan=2>年度<br>总体目标</td><td colspan=4><p>保障设施完好，</p><p>服务市民出行。</p></td></tr>",
        f"<tr><td rowspan={len(indicators) + 1}>绩<br>效<br>指<br>标</td><td>一级指标</td><td>二级指标</td>"
        "<td colspan=2>三级指标</td><td>指标值</td></tr>",
    ]
    for i, (level1, level2, indicator, target) in enumerate(indicators):
        cells = ""
        if i == 0 or indicators[i - 1][0] != level1:
            cells += f"<td rowspan={sum(1 for row in indicators if row[0] == level1)}>{level1}</td>"
        if i == 0 or indicators[i - 1][:2] != (level1, level2):
            cells += f"<td rowspan={sum(1 for row in indicators if row[:2] == (level1, level2))}>{level2}</td>"
        rows.append(f"<tr>{cells}<td colspan=2>{html.escape(indicator)}</td><td>{html.escape(target)}</td></tr>")
    return "<table class=MsoNormalTable border=1 cellspacing=0>\n" + "\n".join(rows) + "\n</table>"


def budget_page(charset: str | None = "gb2312") -> str:
    """A department budget page as a city's site serves it: navigation, a layout table, a 收支总表 with a two-row
    header, narrative, two goal forms and a footer."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>{meta}<title>北京市城市管理委员会2026年部门预算_信息公开</title>
<style>.hidden{{display:none}} td{{font-size:10.5pt}}</style>
<script type="text/javascript">var menu = "<table><tr><td>项目名称</td></tr></table>";</script>
</head><body>
<div class="top"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/xxgk">信息公开</a></li>
<li><a href="/bsfw">办事服务</a></li></ul></div>
<nav class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> &gt; 预算</nav>
<table width="100%" class="frame"><tr><td class="left"><table><tr><td><a href="/a">通知公告</a></td></tr></table></td>
<td class="main">
<h1>北京市城市管理委员会2026年部门预算</h1>
<p>&nbsp;&nbsp;&nbsp;&nbsp;一、部门职责：负责城市道路、照明等市政设施的
管理。</p>
<p align=center><b>表1 部门收支总表</b></p>
<p>编制部门：北京市城市管理委员会&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;单位：万元</p>
<table border=1>
<tr><td colspan=2>收入</td><td colspan=2>支出</td></tr>
<tr><td>项目</td><td>预算数</td><td>项目</td><td>预算数</td></tr>
<tr><td>一般公共预算拨款</td><td>1,636.70</td><td>城乡社区支出</td><td>1,636.70</td></tr>
<tr><td rowspan=2>合计</td><td rowspan=2>1,636.70</td><td>合计</td><td>1,636.70</td></tr>
<tr><td>结转下年</td><td>0.00</td></tr>
</table>
<p class="hidden">表2 隐藏的旧表</p>
<p align=center><b>表6 项目支出绩效目标表</b></p>
<p>单位：万元</p>
{_form(ROAD)}
<p>&nbsp;</p>
<p align=center><b>表6 项目支出绩效目标表</b></p>
{_form(LIGHTS)}
</td></tr></table>
<footer><p>主办：北京市城市管理委员会 &nbsp; 网站标识码：1100000001</p></footer>
</body></html>"""


def test_a_budget_page_of_tables_gives_its_goal_forms(tmp_path):
    result, records = _import(tmp_path, "预算.html", budget_page().encode("gbk"))
    assert result.status == "imported", result.message
    assert records == _expected(ROAD, LIGHTS)
    rows = [row.cells for row in read_bytes(budget_page().encode("gbk"), ".html")]
    assert rows[:8] == [  # menus, the path, scripts, hidden text and the footer are not read
        ["通知公告"],
        ["北京市城市管理委员会2026年部门预算"],
        ["一、部门职责：负责城市道路、照明等市政设施的管理。"],
        ["表1 部门收支总表"],
        ["编制部门：北京市城市管理委员会", "单位：万元"],
        ["收入", "收入", "支出", "支出"],
        ["项目", "预算数", "项目", "预算数"],
        ["一般公共预算拨款", "1,636.70", "城乡社区支出", "1,636.70"],
    ]
    assert rows[9:12] == [["合计", "1,636.70", "结转下年", "0.00"], ["表6 项目支出绩效目标表"], ["单位：万元"]]
    assert rows[18][2] == "保障设施完好，\n服务市民出行。" and len(rows) == 40


CMS_FURNITURE = """<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="print"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>
<div class="fj"><p>附件：</p><p>　　2026年项目支出绩效目标表.xls　　下载次数：12</p></div>
<div class="xgxx"><h4>相关信息</h4><ul><li><a href="/a.html">2025年项目支出绩效目标公开</a>　　2025-02-11</li>
<li><a href="/b.html">2024年部门预算公开</a>　　[2024-02-10]</li></ul></div>
<p>主办单位：北京市城市管理委员会&nbsp;&nbsp;&nbsp;网站标识码：1100000001&nbsp;&nbsp;&nbsp;京ICP备05012345号</p>
<div class="gov-footer"><p>地址：北京市通州区运河东大街57号　　联系电话：010-12345678　　邮编：101160</p></div>
<table class="foot"><tr><td>版权所有：北京市城市管理委员会</td><td>技术支持：某公司</td>
<td>京公网安备1101</td></tr></table>"""


def test_the_site_around_a_page_is_not_read_into_its_last_form(tmp_path):
    """A city's site prints its furniture under the page's last form (sharing, printing, an attachment's download
    count, related pages with their dates, its footer in a div, a paragraph or a table): each line of three or more
    pieces was read as an indicator of the last project, and a line of two as its fields (地址, 联系电话)."""
    page = budget_page().replace("</td></tr></table>\n<footer>", CMS_FURNITURE + "</td></tr></table>\n<footer>")
    assert "下载次数" in page
    result, records = _import(tmp_path, "预算.html", page.encode("gbk"))
    assert result.status == "imported", result.message
    assert records == _expected(ROAD, LIGHTS)
    assert [row.cells for row in read_bytes(page.encode("gbk"), ".html")][-2:] == [["附件："], ["相关信息"]]


def test_an_indicator_naming_a_counter_is_no_furniture():
    """Web furniture words in a table's cell or an indicator line (门户网站年浏览次数, 网站访问量：≥50万人次) are the
    document's own: only a line outside tables that is a counter and its number alone is the site's."""
    page = """<html><body><table border=1><tr><td>效益指标</td><td>门户网站年浏览次数</td><td>≥100万次</td></tr>
<tr><td>产出指标</td><td>承办单位：活动场次</td><td>≥12场</td></tr></table>
<p>3.网站访问量：≥50万人次</p><p>附件.xls　　下载次数：12</p></body></html>"""
    rows = [row.cells for row in read_bytes(page.encode("utf-8"), ".html")]
    assert rows == [
        ["效益指标", "门户网站年浏览次数", "≥100万次"],
        ["产出指标", "承办单位：活动场次", "≥12场"],
        ["3.网站访问量：≥50万人次"],
    ]


def test_a_saved_report_pages_values_in_form_controls_are_read():
    """A report system's page saved from the browser: its values in read-only text boxes, a text area and a chosen
    option, in the table's cells (the file imported with no project); a search box outside the table is not read."""
    page = """<html><body><form><input type="text" name="q" value="站内搜索"></form>
<table border=1>
<tr><td>项目名称</td><td colspan=3><input type="text" readonly value="社区养老服务"></td></tr>
<tr><td>年度绩效目标</td><td colspan=3><textarea readonly>为老人提供居家服务。</textarea></td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td><select><option>效益指标</option><option selected>产出指标</option></select></td><td>数量指标</td>
<td><input value="服务人次"></td><td><input type="text" value="≥1200人次"><input type="hidden" value="x1"></td></tr>
</table></body></html>"""
    rows = [row.cells for row in read_bytes(page.encode("utf-8"), ".html")]
    assert rows == [
        ["项目名称", "社区养老服务", "社区养老服务", "社区养老服务"],
        ["年度绩效目标", "为老人提供居家服务。", "为老人提供居家服务。", "为老人提供居家服务。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥1200人次"],
    ]


def saved_as_one_file(page: str, charset: str, browser: bool = False, pages: tuple[str, ...] = ()) -> bytes:
    """The page as Word ("单个文件网页", quoted-printable, in its charset, often named .doc by report systems) or a
    browser (Blink's "Save as MHTML": its own headers first) saves it as one file, a picture beside it; `pages`
    after it (Excel saves a frame page, then a page for each sheet)."""
    import quopri

    boundary = "----=_NextPart_01DB3C2A.5F1E4A20"
    head = "From: <Saved by Blink>\r\nSubject: 预算\r\n" if browser else ""
    parts = [
        f'{head}MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
        "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n".encode("utf-8")
    ]
    for n, text in enumerate([page, *pages]):
        part_head = (
            f"\r\n--{boundary}\r\nContent-Location: file:///C:/预算{n}.htm\r\nContent-Transfer-Encoding: "
            f'quoted-printable\r\nContent-Type: text/html; charset="{charset}"\r\n\r\n'
        )
        parts.append(part_head.encode("utf-8") + quopri.encodestring(text.encode(charset)))
    parts.append(
        f"\r\n--{boundary}\r\nContent-Location: file:///C:/image001.png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Type: image/png\r\n\r\niVBORw0KGgo=\r\n--{boundary}--\r\n".encode("ascii")
    )
    return b"".join(parts)


@pytest.mark.parametrize(
    "name, data",
    [
        ("预算.htm", budget_page(None).encode("gbk")),  # no charset said: GB18030
        ("预算.html", budget_page("gb2312").encode("utf-8")),  # the bytes are UTF-8 whatever the page says
        ("预算.html", budget_page("utf-8").encode("utf-16")),  # a BOM
        ("预算.xls", budget_page("gbk").encode("gbk")),  # a report system's "Excel export"
        ("预算.txt", budget_page("gbk").encode("gbk")),
        ("预算.doc", saved_as_one_file(budget_page(None), "gb2312")),  # a report system's "Word export"
        ("预算.mht", saved_as_one_file(budget_page("utf-8"), "utf-8", browser=True)),
    ],
    ids=["gbk-undeclared", "utf8-misdeclared", "utf16", "xls", "txt", "word-mht", "browser-mht"],
)
def test_the_same_page_in_any_encoding_or_under_any_name(tmp_path, name, data):
    result, records = _import(tmp_path, name, data)
    assert result.status == "imported", result.message
    assert records == _expected(ROAD, LIGHTS)


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "cp936"])
def test_a_page_declaring_gb2312_or_gbk_reads_as_a_browser_shows_it(charset):
    """Browsers read gb2312 and GBK as GB18030: Python's strict GB2312 read '·' (A1A4) as '・' and '——' as '――'."""
    page = (
        f'<html><head><meta charset="{charset}"></head><body><table>'
        "<tr><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>人均补贴标准——入户</td><td>≤3000元/人·年</td></tr></table></body></html>"
    )
    rows = read_bytes(page.encode("gb18030"), ".html")
    assert [row.cells for row in rows if not row.blank][1:] == [["人均补贴标准——入户", "≤3000元/人·年"]]


# --- a flat table of many projects --------------------------------------------------------------------------------

FLAT = [  # (code-name, total, fiscal, goal, [(level1, level2, name, nature, value, unit)])
    (
        "11000026Y000000401234-城市道路养护项目",
        "1250.500000",
        "1250.500000",
        "保障道路完好。",
        [
            ("产出指标", "数量指标", "养护道路里程", "≥", "120", "公里"),
            ("产出指标", "质量指标", "道路完好率", "≥", "98", "%"),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "≥", "90", "%"),
        ],
    ),
    (
        "11000026Y000000401235-路灯设施运行维护项目",
        "386.200000",
        "386.200000",
        "保障路灯正常运行。",
        [
            ("产出指标", "数量指标", "维护路灯数量", "≥", "5600", "盏"),
            ("效益指标", "社会效益指标", "夜间出行安全保障", "定性", "优", ""),
        ],
    ),
]


def flat_page() -> str:
    """Beijing's 预算表12 as a web page: a two-row header, each project's head cells merged down its rows."""
    rows = []
    for name, total, fiscal, goal, indicators in FLAT:
        for i, indicator in enumerate(indicators):
            head = "".join(f"<td rowspan={len(indicators)}>{cell}</td>" for cell in (name, total, fiscal, "", goal))
            rows.append(
                "<tr>" + (head if i == 0 else "") + "".join(f"<td>{html.escape(c)}</td>" for c in indicator) + "</tr>"
            )
    return f"""<html><head><meta charset="utf-8"></head><body>
<div class="TRS_Editor"><h2>北京市城市管理委员会2026年部门预算</h2>
<p style="text-align:center">预算表12 项目支出绩效目标表</p>
<p>部门名称：北京市城市管理委员会　　　　单位：万元</p>
<table border="1"><thead>
<tr><th rowspan=2>项目名称</th><th rowspan=2>项目总额</th><th colspan=2>其中</th><th rowspan=2>绩效目标</th>
<th rowspan=2>一级指标</th><th rowspan=2>二级指标</th><th rowspan=2>三级指标</th><th rowspan=2>绩效指标性质</th>
<th rowspan=2>本年绩效指标值</th><th rowspan=2>绩效度量单位</th></tr>
<tr><th>财政资金</th><th>其他资金</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div></body></html>"""


def test_a_page_saved_as_one_file_without_a_page_is_one_line():
    data = saved_as_one_file("x", "utf-8").replace(b"Content-Type: text/html", b"Content-Type: text/plain")
    with pytest.raises(UnreadableFile, match="the page holds no text"):
        read_bytes(data, ".mht")


def test_a_workbook_saved_as_one_file_gives_every_sheet():
    """Excel's 单个文件网页: a frame page that only lists the sheets, then a page for each sheet."""
    frame = '<html><frameset rows="*"><frame src="sheet001.htm"></frameset></html>'
    sheets = tuple(
        f"<html><body><table><tr><td>项目名称</td><td>{name}</td></tr></table></body></html>" for name in "甲乙"
    )
    data = saved_as_one_file(frame, "gb2312", pages=sheets)
    assert [row.cells for row in read_bytes(data, ".mht")] == [["项目名称", "甲"], ["项目名称", "乙"]]


def test_a_flat_table_of_projects(tmp_path):
    result, records = _import(tmp_path, "预算表12.html", flat_page().encode("utf-8"))
    assert result.status == "imported", result.message
    assert records == FLAT_RECORDS


FLAT_RECORDS = [
    (
        "城市道路养护项目",
        "北京市城市管理委员会",
        "1250.5",
        [
            ("产出指标", "数量指标", "养护道路里程", "≥120公里"),
            ("产出指标", "质量指标", "道路完好率", "≥98%"),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"),
        ],
    ),
    (
        "路灯设施运行维护项目",
        "北京市城市管理委员会",
        "386.2",
        [("产出指标", "数量指标", "维护路灯数量", "≥5600盏"), ("效益指标", "社会效益指标", "夜间出行安全保障", "优")],
    ),
]


# --- pages converted from a PDF: text runs placed where the PDF had them ------------------------------------------

COLUMNS = (20, 230, 310, 390, 480, 540, 630, 720, 790, 870)  # px: the left of each column of 预算表12
HEADER = (
    "项目名称",
    "项目总额",
    "财政资金",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标性质",
    "本年绩效指标值",
    "绩效度量单位",
)


def flat_lines() -> list[list[list[tuple[int, str]]]]:
    """Pages of 预算表12 as a PDF prints it, line by line: (left, text) of each cell's text; a project's head
    cells printed once, on its first row; each page repeats the header."""
    pages = []
    for name, total, fiscal, goal, indicators in FLAT:
        lines = [
            [(300, "北京市城市管理委员会2026年部门预算")],
            [(320, "预算表12 项目支出绩效目标表")],
            [(20, "部门名称：北京市城市管理委员会"), (860, "单位：万元")],
            list(zip(COLUMNS, HEADER)),
        ]
        for i, indicator in enumerate(indicators):
            head = (name, total, fiscal, goal) if i == 0 else ("", "", "", "")
            lines.append([(x, text) for x, text in zip(COLUMNS, head + indicator) if text])
        pages.append(lines)
    return pages


def pdf2htmlex_page(pages: list[list[list[tuple[int, str]]]]) -> str:
    """As pdf2htmlEX writes a PDF: a box a page, each text run a div placed by class rules (left, bottom) and
    scaled down by a transform from a font four times its size (8 px); two numbers in one run apart by a spacer."""
    xs = sorted({x for page in pages for line in page for x, _ in line})
    css = [
        ".pf{position:relative;background-color:white;overflow:hidden;margin:0;border:0}",
        ".pc{position:absolute;border:0;padding:0;margin:0;top:0;left:0;width:100%;height:100%;overflow:hidden}",
        ".t{position:absolute;white-space:pre;font-size:1px;transform-origin:0 100%;unicode-bidi:bidi-override}",
        "._{display:inline-block;margin:0;padding:0}",
        "._0{margin-left:-1.2px}",
        "._1{width:120px}",
        ".m0{transform:matrix(0.250000,0.000000,0.000000,0.250000,0,0);"
        "-webkit-transform:matrix(0.250000,0.000000,0.000000,0.250000,0,0)}",
        ".fs0{font-size:32px}",
        *(f".x{i}{{left:{x}px}}" for i, x in enumerate(xs)),
        *(f".y{n}{{bottom:{1100 - 20 * n}px}}" for n in range(60)),
        ".y99{bottom:30px}",
        "@media print{.y1{bottom:700pt}.x0{left:10pt}}",
    ]
    body = []
    for number, page in enumerate(pages, 1):
        runs = []
        for n, line in enumerate(page):
            cells = list(line)
            while cells:
                x, text = cells.pop(0)
                run = html.escape(text).replace("指标", '指<span class="_ _0"></span>标', 1)  # kerning
                if text[:1].isdigit() and cells and cells[0][1][:1].isdigit():  # the next number in the same run
                    run += f'<span class="_ _1"></span>{html.escape(cells.pop(0)[1])}'
                runs.append(f'<div class="t m0 x{xs.index(x)} h2 y{n} ff1 fs0 fc0 sc0 ls0 ws0">{run}</div>')
        runs.append(f'<div class="t m0 x0 h2 y99 ff1 fs0 fc0 sc0 ls0 ws0">- {number} -</div>')
        body.append(
            f'<div id="pf{number}" class="pf w0 h0" data-page-no="{number}"><div class="pc pc{number} w0 h0">'
            '<img class="bi x0 y0 w1 h1" alt="" src="data:image/png;base64,iVBORw0KGgo="/>'
            + "".join(runs)
            + "</div></div>"
        )
    return (
        f'<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
        f'<meta name="generator" content="pdf2htmlEX"/><style type="text/css">{"".join(css)}</style>'
        f"<script>try{{pdf2htmlEX.defaultViewer = new pdf2htmlEX.Viewer({{}});}}catch(e){{}}</script></head>"
        f'<body><div id="sidebar"><div id="outline"></div></div><div id="page-container">{"".join(body)}'
        '</div><div class="loading-indicator"></div></body></html>'
    )


def pdftohtml_page(pages: list[list[list[tuple[int, str]]]]) -> str:
    """As pdftohtml -c writes a PDF: a relative box a page, each run a <p> placed by its own style (top, left)."""
    body = []
    for number, page in enumerate(pages, 1):
        runs = "".join(
            f'<p style="position:absolute;top:{80 + 14 * n}px;left:{x}px;white-space:nowrap" '
            f'class="ft0{n % 2}">{html.escape(text)}</p>\n'
            for n, line in enumerate(page)
            for x, text in line
        )
        body.append(
            f'<div id="page{number}-div" style="position:relative;width:892px;height:1262px;">\n{runs}'
            f'<p style="position:absolute;top:1200px;left:430px;white-space:nowrap" class="ft00">{number}</p>'
            "\n</div>"
        )
    return (
        '<!DOCTYPE html><html><head><title>预算</title><meta http-equiv="Content-Type" content="text/html; '
        'charset=UTF-8"/><style type="text/css">p {margin: 0; padding: 0;}\n.ft00{font-size:8px;font-family:SimSun}'
        '\n.ft01{font-size:8px;font-family:SimHei}</style></head><body bgcolor="#A0A0A0" vlink="blue" link="blue">'
        + "<hr/>".join(body)
        + "</body></html>"
    )


@pytest.mark.parametrize("writer", [pdf2htmlex_page, pdftohtml_page])
def test_a_page_converted_from_a_pdf(tmp_path, writer):
    result, records = _import(tmp_path, "预算.html", writer(flat_lines()).encode("utf-8"))
    assert result.status == "imported", result.message
    assert records == FLAT_RECORDS


# --- text copied from such pages into a .txt ----------------------------------------------------------------------


def _aligned_text(pages: list[list[list[tuple[int, str]]]]) -> str:
    """The pages' lines as text aligned with spaces, as copied from a converted page (8 px a column's half: a
    Chinese character takes two columns), page after page."""
    out = []
    for page in pages:
        for line in page:
            text = ""
            for x, cell in line:
                width = sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)
                text += " " * max(x // 4 - width, 2 if text else 0) + cell
            out.append(text)
        out.append("")
    return "\n".join(out)


def _tab_text(pages: list[list[list[tuple[int, str]]]]) -> str:
    """The pages' lines with their cells apart by tabs, a table row's each in its column (an empty cell where a
    merged cell was printed above), as a spreadsheet copies them."""
    out = []
    for line in (line for page in pages for line in page):
        if all(x in COLUMNS for x, _ in line):
            cells = dict((COLUMNS.index(x), text) for x, text in line)
            line = [(0, cells.get(j, "")) for j in range(len(COLUMNS))]
        out.append("\t".join(text for _, text in line))
    return "\n".join(out)


@pytest.mark.parametrize("copy", [_aligned_text, _tab_text], ids=["aligned", "tabs"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_text_copied_from_a_page(tmp_path, copy, encoding):
    text = copy(flat_lines())
    assert ("\t" in text) == (copy is _tab_text)
    result, records = _import(tmp_path, "复制的网页.txt", text.encode(encoding))
    assert result.status == "imported", result.message
    assert records == FLAT_RECORDS


# --- a page without <html>, and hostile pages ---------------------------------------------------------------------


def test_a_fragment_without_html_or_body(tmp_path):
    page = "<p>2026年项目支出绩效目标表</p>\n" + _form(ROAD)
    result, records = _import(tmp_path, "片段.htm", page.encode("gb18030"))
    assert result.status == "imported", result.message
    assert records == _expected(ROAD)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("deep.html", b"<html><body>" + b"<div>" * 100_000 + "项目名称".encode(), "嵌套超过 256 层"),
        ("garbage.html", b"<html>" + bytes(range(256)) * 64, "binary data"),
        ("noise.html", bytes(range(7, 256)) * 64, "not text"),
        (
            "script.html",
            b"<html><head><script>load('/api/budget')</script></head><body><div id=app></div></body></html>",
            "内容可能由脚本载入",
        ),
        (
            "cell.html",
            b"<table><tr><td>" + "字".encode() * (common.MAX_CELL_BYTES + 1) + b"</td></tr></table>",
            "超过 1,048,576 个字符",
        ),
        ("text.html", b"<p>" + b"a" * 10_000_001, "超过解析器的上限"),
    ],
    ids=["deep", "garbage", "noise", "script", "cell", "text"],
)
def test_a_hostile_page_fails_alone_in_one_line(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    page = budget_page("gbk").encode("gbk")
    (tmp_path / "预算.html").write_bytes(page)
    results = import_paths(connect(tmp_path / "kb.sqlite3"), [tmp_path / name, tmp_path / "预算.html"])
    failed = next(r for r in results if r.path.name == name)
    assert failed.status == "failed" and reason in failed.message and "\n" not in failed.message, failed
    assert [r.status for r in results if r.path.name != name] == ["imported"]
    assert _records(tmp_path / "kb.sqlite3") == _expected(ROAD, LIGHTS)


def test_large_pages_are_refused_before_they_cost_time_or_memory(tmp_path, monkeypatch):
    """Limits lowered so the pages stay small: too many tags before parsing; too many rows, and a merged cell
    spread over more cells than the limit, as they are read."""
    monkeypatch.setattr(html_reader, "MAX_TAGS", 1000)
    with pytest.raises(UnreadableFile, match="1,001 个标记"):
        read_bytes(b"<html>" + b"<b>" * 1000, ".html")
    assert read_bytes(b"<p>" + b"<i>x</i>" * 499, ".html")[0].cells == ["x" * 499]
    monkeypatch.setattr(common, "MAX_ROWS", 100)
    with pytest.raises(UnreadableFile, match="more than 100 rows"):
        read_bytes(b"<table>" + b"<tr><td>1</td></tr>" * 101 + b"</table>", ".html")
    assert len(read_bytes(b"<table>" + b"<tr><td>1</td></tr>" * 100 + b"</table>", ".html")) == 100
    monkeypatch.setattr(common, "MAX_CELLS", 500)
    bomb = b"<table><tr><td rowspan=65534 colspan=1000>x</td></tr>" + b"<tr></tr>" * 50 + b"</table>"
    with pytest.raises(UnreadableFile, match="more than 500 cells"):
        read_bytes(bomb, ".html")
    monkeypatch.setattr(html_reader, "MAX_TAGS", 2000)
    monkeypatch.setattr(common, "MAX_ROWS", 1000)
    runs = [b'<p style="position:absolute;top:%dpx;left:10px">x</p>' % (20 * i) for i in range(501)]
    with pytest.raises(UnreadableFile, match="more than 500 cells"):  # text runs of a converted page
        read_bytes(b'<div style="position:relative">' + b"".join(runs) + b"</div>", ".html")
    assert len(read_bytes(b'<div style="position:relative">' + b"".join(runs[:500]) + b"</div>", ".html")) == 500


_MARKUP = [
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th colspan=2>",
    "<td rowspan=3>",
    "<td rowspan=0 colspan=0>",
    "<td colspan='-1'>",
    "<td rowspan=99999 colspan=9999>",
    "<caption>",
    "<br>",
    "<p>",
    "</p>",
    "<pre>",
    "</pre>",
    "<div style='position:relative'>",
    "</div>",
    "<ul><li><a>x</a></li>",
    "<div style='position:absolute;left:1.5em;top:-2pt'>",
    "<span class='_ _1'></span>",
    "<div class='t m y x'>",
    "<style>.t{position:absolute}.m{transform:matrix(.;,0)}.y{bottom:3px}.x{left:.5px}._1{width:99px}@media{",
    "}</style>",
    "<script>",
    "</script>",
    "<nav>",
    "<header>",
    "<!--",
    "-->",
    "<?xml encoding='gbk'?>",
    "<meta charset=big5>",
    "项目名称",
    "一级指标",
    "≥90%",
    "&nbsp;&nbsp;",
    "\u3000\u3000",
    "\t",
    "\n",
    " ",
    "&#0;",
]


@settings(max_examples=fuzz_budget(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_MARKUP), max_size=60))
@example([_MARKUP[23], _MARKUP[24], _MARKUP[22], "项目名称"])  # a pdf2htmlEX run whose scale is not a number
@example(["<table>", "<tr>", "<td colspan=0>", "项目名称", "</td>", "<td>", "甲"])  # colspan 0 is 1
def test_any_markup_gives_rows_or_a_clear_error(tokens):
    try:
        rows = read_bytes(("<html>" + "".join(tokens)).encode("utf-8"), ".html")
    except UnreadableFile as exc:  # a reason of our own, never a library's or a bug's error
        assert "\n" not in str(exc) and "corrupt or unreadable" not in str(exc), exc
    else:
        assert all(isinstance(cell, str) for row in rows for cell in row.cells)
        assert "甲" not in "".join(tokens) or ["项目名称", "甲"] in [row.cells for row in rows]


def test_a_word_pages_symbols_sups_and_invisible_characters_are_read_as_shown():
    """Word's HTML sets ≥ and ≤ in the Symbol font ('³500人次' was read as =3500人次), m<sup>2</sup> is m² (not the
    metres of 'm2'), and a zero-width space or soft hyphen pasted into a name made it no search's."""
    ge = "<span style='font-family:Symbol;mso-char-type:symbol;mso-symbol-font-family:Symbol'>&#179;</span>"
    le = '<span style="font-family: Symbol">&#163;</span>'
    page = f"""<html><body><table border=1>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>培训\u200b人&shy;次</td><td>{ge}500人次</td></tr>
<tr><td>成本指标</td><td>经济成本指标</td><td>人均培训成本</td><td>{le}800元</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>改造面积</td><td>≥5000m<sup>2</sup></td></tr></table></body></html>"""
    rows = [row.cells for row in read_bytes(page.encode("utf-8"), ".html")]
    assert [row[2:] for row in rows[1:]] == [
        ["培训人次", "≥500人次"],
        ["人均培训成本", "≤800元"],
        ["改造面积", "≥5000m²"],
    ]


def test_a_sites_sponsor_lines_and_breadcrumb_are_not_read():
    """主办单位：… 地址：… under the last form was read into its fields; a breadcrumb (当前位置：首页 > 政务公开) began
    the document's title and department. The document's own 主办单位 or 当前位置 lines, and a cell or row styled
    border-bottom, are its own."""
    page = """<html><body><div class="position">当前位置：<a>首页</a> &gt; <a>政务公开</a></div>
<h1>某某局2026年部门预算公开</h1><p>主办单位：市委组织部</p><p>当前位置：项目实施地点为市中心</p>
<table border=1><tr class="border-bottom"><td>项目名称</td><td class="bottom">甲</td></tr></table>
<p>主办单位：某某市财政局 地址：某某市人民路1号</p></body></html>"""
    rows = [row.cells for row in read_bytes(page.encode("utf-8"), ".html")]
    assert rows == [
        ["某某局2026年部门预算公开"],
        ["主办单位：市委组织部"],
        ["当前位置：项目实施地点为市中心"],
        ["项目名称", "甲"],
    ]


def test_chinese_text_set_in_a_symbol_font_is_read_as_written():
    """Only a symbol font's own codes are its symbols: 河 (U+6CB3) set in Symbol was read as ≥."""
    page = '<html><body><p><span style="font-family:Symbol">黄河治理</span>&#179;</p></body></html>'
    assert [row.cells for row in read_bytes(page.encode("utf-8"), ".html")] == [["黄河治理³"]]
