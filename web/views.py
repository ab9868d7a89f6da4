"""Our pages inside Datasette: search (/-/search, /-/search.json), an indicator (/-/indicator?name=…), a project
(/-/project/ID). Each reads the base through the same kb functions as the `kb` command; bad input is a 400 page
saying what was wrong, never a 500."""

from __future__ import annotations

import json
import re
import sqlite3
import threading

from datasette.utils.asgi import Response

from kb.db import connect
from kb.errors import KbError, describe
from kb.find.cards import indicator_card
from kb.find.counts import count_text
from kb.find.queries import show_project
from kb.find.search import Filters, search
from kb.vocab.departments import unit_beside

PLUGIN = "jixiao-kb"  # the plugin's name in Datasette's metadata; its configuration names our database
PAGE_SIZES = range(1, 101)  # hits of each kind per page
MAX_OFFSET = 10_000  # deeper pages: narrow the query or the filters
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadInput(Exception):
    """A parameter a person or script got wrong; str() is the message (Chinese first)."""


def database(datasette):
    """Our base: the database named in the plugin's configuration, else the first one Datasette serves."""
    name = (datasette.plugin_config(PLUGIN) or {}).get("database")
    return datasette.get_database(name)


def _text(request, key: str, limit: int = 200) -> str | None:
    value = request.args.get(key)
    if value is None or value == "":
        return None
    if len(value) > limit:
        raise BadInput(f"参数 {key} 太长（{len(value)} 字符，上限 {limit}） parameter {key} is too long")
    if _CONTROL.search(value):
        raise BadInput(f"参数 {key} 含控制字符 parameter {key} holds control characters")
    return value


def _number(request, key: str, default: int | None, allowed: range) -> int | None:
    value = _text(request, key, 12)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) not in allowed:
        raise BadInput(
            f"参数 {key} 应为 {allowed.start}–{allowed.stop - 1} 的整数，收到 {value!r} "
            f"parameter {key} must be a whole number from {allowed.start} to {allowed.stop - 1}"
        )
    return int(value)


def search_request(request) -> dict:
    """The search's arguments from the query string: q, region, department, year, level, limit, page (1 = the
    first)."""
    limit = _number(request, "limit", 20, PAGE_SIZES)
    page = _number(request, "page", 1, range(1, MAX_OFFSET // limit + 2))
    return {
        "q": request.args.get("q", ""),  # cleaned and checked by kb's search, as for `kb search`
        "region": _text(request, "region"),
        "department": _text(request, "department"),
        "year": _number(request, "year", None, range(1900, 2201)),
        "level": _text(request, "level", 20),
        "limit": limit,
        "page": page,
    }


class Readers:
    """Our read-only connections to the base (kb.db.connect), one per Datasette SQL thread: each carries its caches
    (the name index of kb.find.precedents), which Datasette's own connections cannot hold. Owned by the Datasette
    instance serving the base (`datasette.kb_readers`)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()

    def __call__(self, fn):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = connect(self.path, create=False, readonly=True)
        return fn(conn)


async def _run(datasette, fn):
    """fn(conn) on our read connection of the base in one of Datasette's SQL threads."""
    db = database(datasette)
    readers = getattr(datasette, "kb_readers", None)
    if readers is None:
        readers = datasette.kb_readers = Readers(db.path)
    return await db.execute_fn(lambda _: readers(fn))


async def _search(datasette, args: dict) -> dict:
    filters = Filters(args["region"], args["year"], args["level"], args["department"])
    offset = (args["page"] - 1) * args["limit"]
    result = await _run(datasette, lambda conn: search(conn, args["q"], filters, args["limit"], offset))
    return result.as_dict()


async def _error(datasette, request, message: str, status: int = 400, as_json: bool = False) -> Response:
    if as_json:
        return _json({"ok": False, "error": message, "status": status}, status)
    html = await datasette.render_template(
        "kb_error.html", {"message": message, "status": status}, request=request, view_name="kb_error"
    )
    return Response.html(html, status=status)


async def search_json(datasette, request) -> Response:
    """/-/search.json: what `kb search Q --json` prints for the same base and arguments (page n: --offset)."""
    try:
        args = search_request(request)
        body = await _search(datasette, args)
    except (BadInput, KbError, sqlite3.Error) as exc:
        return await _error(datasette, request, *_said(exc), as_json=True)
    return _json(body)


def _json(body: dict, status: int = 200) -> Response:
    """JSON as `kb search --json` writes it (characters as they are), readable from any page (CORS)."""
    return Response(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
        headers={"Access-Control-Allow-Origin": "*"},
    )


def _said(exc: Exception, not_found: bool = False) -> tuple[str, int]:
    """(the message, the status) for what went wrong: the request (400), nothing of that id or name (404, for a
    page whose only KbError is that), the database (503: a read that failed, e.g. a file swapped under it)."""
    if isinstance(exc, sqlite3.Error):
        return describe(exc), 503
    if isinstance(exc, BadInput):
        return str(exc), 400
    return describe(exc), 404 if not_found else 400


async def search_page(datasette, request) -> Response:
    """/-/search: the form, and with q the results, paged, each linked to its indicator and project pages."""
    try:
        args = search_request(request)
        result = await _search(datasette, args) if args["q"].strip() else None
    except (BadInput, KbError, sqlite3.Error) as exc:
        return await _error(datasette, request, *_said(exc))
    context = {"args": args, "result": result}
    if result:
        shown = max(result["total"]["indicators"], result["total"]["projects"])
        context["totals"] = {what: count_text(n) for what, n in result["total"].items()}  # '约 7.3 万' if estimated
        context["next_page"] = args["page"] + 1 if args["page"] * args["limit"] < min(shown, MAX_OFFSET) else None
        context["units"] = {p["id"]: unit_beside(p["department"], p["implementing_unit"]) for p in result["projects"]}
    html = await datasette.render_template("kb_search.html", context, request=request, view_name="kb_search")
    return Response.html(html)


async def indicator_page(datasette, request) -> Response:
    """/-/indicator?name=…: the indicator's spellings, its precedents and their values, regions, years, outcomes."""
    try:
        name = _text(request, "name")
        if not name:
            raise BadInput("请给出指标名称 give an indicator name: /-/indicator?name=服务对象满意度")
        card = await _run(datasette, lambda conn: indicator_card(conn, name))
    except (BadInput, KbError, sqlite3.Error) as exc:
        return await _error(datasette, request, *_said(exc, not_found=True))
    most = max((n for _, n in card["spread"]), default=1)
    html = await datasette.render_template(
        "kb_indicator.html", {"card": card, "most": most}, request=request, view_name="kb_indicator"
    )
    return Response.html(html)


async def project_page(datasette, request) -> Response:
    """/-/project/ID: the goal table as the form shows it, with its source document and page."""
    try:
        project_id = int(request.url_vars["id"])
        if project_id >= 2**63:  # past SQLite's integers: no project has it
            raise KbError(f"没有编号为 {project_id} 的项目 no project with id {project_id}")
        project = await _run(datasette, lambda conn: show_project(conn, project_id))
    except (BadInput, KbError, sqlite3.Error) as exc:
        return await _error(datasette, request, *_said(exc, not_found=True))
    html = await datasette.render_template(
        "kb_project.html",
        {"project": project, "has_period": any(i["period_target"] for i in project["indicators"])},
        request=request,
        view_name="kb_project",
    )
    return Response.html(html)
