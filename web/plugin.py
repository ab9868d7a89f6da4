"""The Datasette plugin (entry point `datasette: jixiao_kb`): our SQL functions on every connection, our routes,
links from Datasette's tables to our pages, and Datasette's own full-text search of our tables sent to ours (its
FTS5 phrase queries find nothing for two-character Chinese words)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from kb.db import prepare
from kb.find.search import LEVELS
from web import views

OUR_TABLES = frozenset({"projects", "indicators", "indicator_names", "names_fts", "projects_fts"})


@hookimpl
def prepare_connection(conn):
    """kb_fold and the other functions of kb.db.prepare, for our pages and for configured queries."""
    prepare(conn)


@hookimpl
def register_routes():
    return [
        (r"^/-/search\.json$", views.search_json),
        (r"^/-/search$", views.search_page),
        (r"^/-/indicator$", views.indicator_page),
        (r"^/-/project/(?P<id>[0-9]{1,20})$", views.project_page),
    ]


@hookimpl
def extra_template_vars(table):
    """The levels our search form offers; Datasette's search box hidden on our tables (ours is above them)."""
    found = {"kb_levels": list(LEVELS)}
    if table in OUR_TABLES:
        found.update(supports_search=False, kb_table=True)
    return found


@hookimpl
def render_cell(row, value, column, table, datasette):
    """A project's or indicator's name in Datasette's tables links to our page of it."""
    if not isinstance(value, str) or column != "name":
        return None
    if table == "projects" and "id" in row.keys():
        href = datasette.urls.path(f"/-/project/{int(row['id'])}")
    elif table in ("indicators", "indicator_names"):
        href = datasette.urls.path("/-/indicator?" + urlencode({"name": value}))
    else:
        return None
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/search"), "label": "搜索 Search"}]


@hookimpl
def asgi_wrapper(datasette):
    """`?_search=` on one of our tables (a bookmark, a script) answered by our search page instead."""

    def wrap(app):
        async def redirect_search(scope, receive, send):
            if scope["type"] == "http" and b"_search" in scope.get("query_string", b""):
                table = scope.get("path", "").rstrip("/").rsplit("/", 1)[-1].split(".")[0]
                query = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
                if table in OUR_TABLES and "_search" in query:
                    location = datasette.urls.path("/-/search?" + urlencode({"q": query["_search"][0]}))
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 302,
                            "headers": [(b"location", location.encode("ascii"))],
                        }
                    )
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return redirect_search

    return wrap
