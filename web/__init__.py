"""The served face of a published base: a Datasette plugin (its hooks in web.plugin, its pages in web.views and
web/templates) and the Datasette instance `kb serve` starts (web.server). Imports kb; kb never imports it.

Datasette loads this package through the `datasette` entry point; it finds the plugin's templates beside it."""

from web.plugin import asgi_wrapper, extra_template_vars, menu_links, prepare_connection, register_routes, render_cell

__all__ = [
    "asgi_wrapper",
    "extra_template_vars",
    "menu_links",
    "prepare_connection",
    "register_routes",
    "render_cell",
]
