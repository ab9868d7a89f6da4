"""kb publish and kb serve: the published snapshot, and our pages inside Datasette through its test client — the
search JSON equal to `kb search --json` for the same base, the indicator and project pages, bad input as a 400."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

pytest.importorskip("datasette", reason="kb serve needs Datasette: pip install 'jixiao-kb[serve]'")

from cli.app import app  # noqa: E402
from kb.db import connect  # noqa: E402
from kb.drafting import unsaved  # noqa: E402
from kb.publish import is_contact, open_published  # noqa: E402
from web.server import make_datasette  # noqa: E402

runner = CliRunner()


def kb(*args, db: Path):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """(the source base: the seeds and a private draft, the file `kb publish` wrote from it)."""
    folder = tmp_path_factory.mktemp("team")
    source, out = folder / "kb.sqlite3", folder / "team.db"
    assert kb("draft", "new", "私人草稿", db=source).exit_code == 0
    assert kb("draft", "add", "私人草稿", "服务对象满意度", "--target", "≥90%", db=source).exit_code == 0
    conn = connect(source)  # and typing a row's dialog in the app kept, not saved
    unsaved.keep(conn, 1, "a1", {"name": "服务对象满意度"}, {"name": "未保存的输入"})
    conn.close()
    result = kb("publish", out, "--licence", "CC-BY-4.0", db=source)
    assert result.exit_code == 0, result.output
    assert "published" in result.output
    return source, out


@pytest.fixture(scope="module")
def local_copy(published, tmp_path_factory) -> Path:
    """What a budget unit does: a copy of the published file, searched with the kb command."""
    copy = tmp_path_factory.mktemp("unit") / "team.db"
    shutil.copy(published[1], copy)
    return copy


@pytest.fixture
def datasette(published):
    path = published[1]
    conn, metadata = open_published(path)
    conn.close()
    return make_datasette(path, metadata)


def test_publish_leaves_out_drafts_contacts_and_paths(published):
    source, out = published
    with sqlite3.connect(source) as before:
        for table in ("drafts", "draft_rows", "draft_versions", "draft_unsaved"):
            assert before.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 1, table
        keys = {k for (f,) in before.execute("SELECT fields FROM projects") for k in json.loads(f or "{}")}
        assert {"填报人", "联系电话"} <= keys  # the seeds carry contacts: the test below can fail
        counts = before.execute("SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM projects)").fetchone()
    with sqlite3.connect(out) as after:
        for table in ("drafts", "draft_rows", "draft_versions", "draft_unsaved"):  # none of a draft is published
            assert after.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert after.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        keys = {k for (f,) in after.execute("SELECT fields FROM projects") for k in json.loads(f or "{}")}
        assert keys and not any(is_contact(k) for k in keys)
        assert "项目类别" in keys  # the other head fields are kept
        assert after.execute("SELECT count(*) FROM documents WHERE path != file_name").fetchone()[0] == 0
        assert after.execute(
            "SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM projects)"
        ).fetchone() == (counts)
        metadata = json.loads(after.execute("SELECT value FROM publication WHERE key = 'metadata'").fetchone()[0])
    assert metadata["license"] == "CC-BY-4.0" and metadata["contacts"] == "removed"
    assert len(metadata["documents"]) == 5 and "宁波市" in metadata["regions"] and 2021 in metadata["years"]
    assert metadata["built_at"] and set(metadata["queries"]) == {
        "precedents",
        "value_distribution",
        "region_projects",
        "outcome_rates",
    }


def test_publish_keeps_contacts_when_asked(published, tmp_path):
    out = tmp_path / "with-contacts.db"
    assert kb("publish", out, "--keep-contacts", db=published[0]).exit_code == 0
    with sqlite3.connect(out) as conn:
        assert "填报人" in "".join(f or "" for (f,) in conn.execute("SELECT fields FROM projects"))


def test_publish_into_a_missing_folder_says_so(published, tmp_path):
    result = kb("publish", tmp_path / "nowhere" / "team.db", db=published[0])
    assert result.exit_code == 1 and "没有这个文件夹" in result.output
    assert not (tmp_path / "nowhere").exists()


SEARCHES = [
    ("满意", {}),
    ("满意度", {}),
    ("myd", {}),  # pinyin initials: found as suggestions
    ("manyidu", {}),
    ("满易度", {}),  # a near spelling sharing no bigram with any name: found through the name index
    ("补贴发放准却率", {}),  # a near spelling sharing bigrams: found through the base's index of names
    ("满", {}),  # one character
    ("满意", {"region": "宁波"}),
    ("企业", {"department": "科学技术"}),
    ("率", {"year": 2022}),
    ("率", {"level": "满意度"}),
    ("率", {"limit": 5}),
    ("率", {"limit": 5, "page": 3}),
    ('"a" OR NEAR(满意', {}),  # FTS5 syntax is text to find
    ("满意'; DROP TABLE projects; --", {}),
]


@pytest.mark.parametrize("query, args", SEARCHES)
async def test_search_json_is_what_kb_search_prints(datasette, local_copy, query, args):
    response = await datasette.client.get("/-/search.json?" + urlencode({"q": query, **args}))
    assert response.status_code == 200, response.text
    cli = ["search", query, "--json"]
    for key in ("region", "department", "year", "level", "limit"):
        if key in args:
            cli += [f"--{key}", args[key]]
    if "page" in args:
        cli += ["--offset", (args["page"] - 1) * args["limit"]]
    result = kb(*cli, db=local_copy)
    assert result.exit_code == 0, result.output
    assert response.json() == json.loads(result.stdout)


async def test_search_finds_what_it_should(datasette):
    data = (await datasette.client.get("/-/search.json?q=满意")).json()
    assert data["total"]["indicators"] > 5 and all("满意" in hit["name"] for hit in data["indicators"])
    assert [s["match"] for s in (await datasette.client.get("/-/search.json?q=myd")).json()["suggestions"]]
    page2 = (await datasette.client.get("/-/search.json?q=率&limit=5&page=2")).json()["indicators"]
    both = (await datasette.client.get("/-/search.json?q=率&limit=10")).json()["indicators"]
    assert page2 == both[5:]


async def test_the_name_index_is_loaded_once_per_sql_thread_not_per_request(datasette, monkeypatch):
    from kb.find import precedents

    loads = []
    cached = precedents.cached  # built, or read from the file beside the base: once per connection at most
    monkeypatch.setattr(precedents, "cached", lambda conn: loads.append(1) or cached(conn))
    for _ in range(8):  # myd: found as suggestions, from the name index
        assert (await datasette.client.get("/-/search.json?q=myd")).json()["suggestions"]
    assert 1 <= len(loads) <= datasette.setting("num_sql_threads")


async def test_search_page_links_results_to_their_pages(datasette):
    response = await datasette.client.get("/-/search?q=满意度")
    html = response.text
    assert response.status_code == 200 and "搜索" in html and 'name="viewport"' in html
    assert "/-/project/" in html and "/-/indicator?name=" in html
    assert "<script" not in html.split("Powered by")[0]  # the page's own part needs no JavaScript


async def test_search_page_says_how_many_as_numbers(datasette):
    """The page said '指标 Count(16, exact=True, at_least=16) 条' (str() of the count was its repr) since counts
    could be estimates; it says the number, or '约 …' for an estimate, as kb search does."""
    data = (await datasette.client.get("/-/search.json?q=满意度")).json()
    html = (await datasette.client.get("/-/search?q=满意度")).text
    assert "Count(" not in html
    assert f"指标 {data['total']['indicators']:,} 条，项目 {data['total']['projects']:,} 个含「满意度」" in html


BAD = [
    ("/-/search?q=%01%02%7f", "查询为空"),
    ("/-/search?q=满意&region=%00宁波", "控制字符"),
    ("/-/search?q=满意&year=2022%3B%20DROP%20TABLE%20projects", "year"),
    ("/-/search?q=满意&year=99999999999999999999999", "year"),
    ("/-/search?q=满意&limit=0", "limit"),
    ("/-/search?q=满意&limit=abc", "limit"),
    ("/-/search?q=满意&page=0", "page"),
    ("/-/search?q=满意&page=100000", "page"),
    ("/-/search?q=满意&level=1%20OR%201%3D1", "层级"),
    ("/-/search.json?q=满意&limit=-1", "limit"),
    ("/-/indicator", "指标名称"),
]


@pytest.mark.parametrize("url, said", BAD, ids=range(len(BAD)))
async def test_bad_input_is_a_page_saying_what_was_wrong(datasette, url, said):
    response = await datasette.client.get(url)
    assert response.status_code == 400, response.text[:300]
    assert said in response.text
    if ".json" not in url:
        assert "请求有误" in response.text


async def _asgi_get(datasette, path: str, query: str) -> tuple[int, str]:
    """(status, body) of a GET sent to the ASGI app itself: httpx refuses URLs over 64 KiB, a proxy may not."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode("ascii"),
        "headers": [(b"host", b"localhost")],
    }
    await datasette.app()(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body.decode()


@pytest.mark.parametrize("path", ["/-/search", "/-/search.json"])
async def test_a_query_of_100000_characters_is_refused(datasette, path):
    status, body = await _asgi_get(datasette, path, urlencode({"q": "满" * 100_000}))
    assert status == 400 and "查询太长" in (body if path.endswith("search") else json.loads(body)["error"])


async def test_unknown_project_and_indicator_are_404(datasette):
    assert (await datasette.client.get("/-/project/999999")).status_code == 404
    response = await datasette.client.get("/-/project/99999999999999999999")  # past SQLite's integers
    assert response.status_code == 404 and "没有编号为" in response.text and "没有找到" in response.text
    response = await datasette.client.get("/-/indicator?name=没有这个指标")
    assert response.status_code == 404 and "没有名为" in response.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60), region=st.text(max_size=20), limit=st.text(max_size=4))
async def test_any_query_string_is_an_answer_or_a_400(datasette, q, region, limit):
    response = await datasette.client.get("/-/search.json?" + urlencode({"q": q, "region": region, "limit": limit}))
    assert response.status_code in (200, 400), response.text[:300]
    assert response.json().get("error") if response.status_code == 400 else "total" in response.json()


async def test_sql_in_parameters_reaches_no_database(datasette, published):
    await datasette.client.get("/-/search?" + urlencode({"q": "满意", "region": "'); DROP TABLE projects; --"}))
    with sqlite3.connect(published[1]) as conn:
        assert conn.execute("SELECT count(*) FROM projects").fetchone()[0] > 0


async def test_indicator_page(datasette):
    response = await datasette.client.get("/-/indicator?" + urlencode({"name": "服务企业满意度"}))
    html = response.text
    assert response.status_code == 200
    assert "写法 Spellings" in html and "服务企业满意度（%）" in html  # its other spelling
    assert html.count('class="kb-bar"') == 3  # ≥90%, =90%, =100% over its family's spellings: one bar each
    assert "扶持企业满意度" not in html  # another indicator (its =95%), not a spelling
    assert "广州开发区" in html and "2022：2 次" in html
    links = [part.split('"')[0] for part in html.split('href="/-/project/')[1:]]
    assert len(links) == 3  # every use of the family (kb search counts it so too)
    for project_id in links:
        assert (await datasette.client.get(f"/-/project/{project_id}")).status_code == 200


async def test_project_page_shows_the_goal_table_and_its_source(datasette, published):
    with sqlite3.connect(published[1]) as conn:
        project_id, name, file_name = conn.execute(
            """SELECT p.id, p.name, d.file_name FROM projects p JOIN documents d ON d.id = p.document_id
            WHERE d.file_name LIKE '002%' ORDER BY p.id LIMIT 1"""
        ).fetchone()
        first = conn.execute("SELECT name FROM indicators WHERE project_id = ? ORDER BY seq", (project_id,)).fetchone()
    html = (await datasette.client.get(f"/-/project/{project_id}")).text
    assert name in html and file_name in html and first[0] in html
    assert "一级指标" in html and "实施周期指标值" in html  # seed 002 gives both targets
    assert "填报人" not in html


async def test_outcomes_on_the_indicator_page(tmp_path):
    from conftest import connect
    from test_outcomes import _peers

    source, out = tmp_path / "kb.sqlite3", tmp_path / "team.db"
    conn = connect(source)
    _peers(conn)
    from kb.publish import publish

    metadata = publish(conn, out)
    conn.close()
    html = (await make_datasette(out, metadata).client.get("/-/indicator?name=服务对象满意度")).text
    assert "自评" in html and "评价 4 个，完成 2，未完成 1，无法判断 1" in html
    hits = (await make_datasette(out, metadata).client.get("/-/search?q=服务对象满意度")).text
    assert "同名指标自评 4 个，完成 2" in hits  # the name's, not the project's: '自评 4 个' read as this project's


async def test_datasette_search_box_sent_to_ours(datasette):
    table = (await datasette.client.get("/team/projects")).text
    assert 'name="_search"' not in table and 'action="/-/search"' in table
    redirect = await datasette.client.get("/team/projects?_search=满意")
    assert redirect.status_code == 302 and redirect.headers["location"] == "/-/search?q=%E6%BB%A1%E6%84%8F"
    home = (await datasette.client.get("/")).text
    assert 'action="/-/search"' in home and "39 个项目" in home


async def test_configured_queries_use_our_sql_functions(datasette):
    response = await datasette.client.get("/team/precedents.json?name=满意&_shape=array")
    assert response.status_code == 200, response.text[:300]
    rows = response.json()
    assert rows and all("满意" in row["指标"] for row in rows)
    assert (await datasette.client.get("/team/outcome_rates")).status_code == 200


async def test_arbitrary_sql_is_off_unless_allowed(published):
    path = published[1]
    _, metadata = open_published(path)
    assert (await make_datasette(path, metadata).client.get("/team.json?sql=select+1")).status_code == 403
    allowed = make_datasette(path, metadata, allow_sql=True)
    assert (await allowed.client.get("/team.json?sql=select+kb_fold('ＡＢ')")).status_code == 200


async def test_served_under_a_base_url(published):
    path = published[1]
    _, metadata = open_published(path)
    datasette = make_datasette(path, metadata, base_url="/kb/")
    html = (await datasette.client.get("/-/search?q=满意度")).text  # the client puts base_url in front
    assert 'href="/kb/-/project/' in html and 'action="/kb/-/search"' in html


def test_the_published_file_is_served_immutable_and_ones_own_base_read_only(datasette, published):
    assert not datasette.get_database("team").is_mutable
    own = make_datasette(published[0], None, immutable=False).get_database("kb")
    assert own.is_mutable  # read with mode=ro each time: new imports show


def test_serve_without_datasette_says_how_to_get_it(published, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "web.server", None)  # as if the extra were not installed
    result = kb("serve", published[1], db=published[0])
    assert result.exit_code == 1 and "jixiao-kb[serve]" in result.output


@pytest.mark.parametrize(
    "content, said",
    [
        (b"hello, not a database", "不是 SQLite 数据库"),
        ("table", "不是绩效目标知识库"),
        ("newer", "由更新版本的 jixiao-kb 建立"),
        ("older", "由旧版 jixiao-kb 生成"),
        (None, "没有这个文件"),
    ],
)
def test_serve_refuses_what_it_cannot_serve(published, tmp_path, content, said):
    path = tmp_path / "x.db"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "table":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    elif content in ("newer", "older"):
        shutil.copy(published[1], path)
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {99 if content == 'newer' else 4}")
    before = path.read_bytes() if path.exists() else None
    result = kb("serve", path, db=published[0])
    assert result.exit_code == 1 and said in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (path.read_bytes() if path.exists() else None) == before


def _served(tmp_path, document, region: str):
    """A Datasette serving a team's published base of `document` (one file of `region`)."""
    from conftest import store

    source, out = tmp_path / "kb.sqlite3", tmp_path / "team.db"
    conn = connect(source)
    store(conn, document, "d.txt", region=region)
    conn.commit()
    conn.close()
    assert kb("publish", out, "--licence", "CC-BY-4.0", db=source).exit_code == 0
    published, metadata = open_published(out)
    published.close()
    return make_datasette(out, metadata)


async def test_search_page_links_other_spellings_within_the_filters(tmp_path):
    """医疗保障's page names 医保 and 医疗保险 (kb.vocab.name_spellings) with their counts, each a search of its own
    within the same filters."""
    from conftest import make_document

    names = [("医保报销及时率", "≥95%"), ("医疗保障经办服务满意度", "≥90%"), ("城乡居民医疗保险参保率", "≥95%")]
    datasette = _served(tmp_path, make_document({"医疗保障服务": names}), "北京市")
    data = (await datasette.client.get("/-/search.json?q=医疗保障&region=北京")).json()
    assert data["other_spellings"] == [{"query": "医保", "indicators": 1}, {"query": "医疗保险", "indicators": 1}]
    html = (await datasette.client.get("/-/search?q=医疗保障&region=北京")).text
    assert "同义的写法 Other spellings" in html
    linked = urlencode({"q": "医保", "region": "北京", "department": "", "year": "", "level": ""})
    assert f'<a href="?{linked.replace("&", "&amp;")}">医保</a>（1 个指标）' in html


async def test_search_page_names_the_unit_beside_the_department(tmp_path):
    """A project 福州市公安局's 交通管理支队 carries out, found by the 部门 box's 交警, names the unit beside the
    department (only the department was shown, so the hit did not say why it matched)."""
    from conftest import make_document

    document = make_document({"城市交通设施": [("道路通行满意度", "≥90%")], "办案经费": [("案件办结率", "≥95%")]})
    for project, unit in zip(document.projects, ("福州市公安局交通管理支队", "福州市公安局")):
        project.department, project.fields = "福州市公安局", {"实施单位": unit}
    datasette = _served(tmp_path, document, "福州市")
    html = (await datasette.client.get("/-/search?q=设施&department=交警")).text
    assert "福州市公安局 · 实施 福州市公安局交通管理支队 · 福州市" in html
    assert "实施 福州市公安局 ·" not in (await datasette.client.get("/-/search?q=经费")).text
