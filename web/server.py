"""The Datasette instance `kb serve` runs: one base, read-only, our plugin, arbitrary SQL off unless allowed."""

from __future__ import annotations

from pathlib import Path

from datasette.app import Datasette

from web.views import PLUGIN


def metadata_for(name: str, published: dict | None) -> dict:
    """Datasette metadata for the base served as database `name`, from its publication metadata (kb.publish)."""
    published = dict(published or {})
    database = {key: published.pop(key) for key in ("queries", "tables") if key in published}
    top = {key: published[key] for key in ("title", "description", "source", "license") if published.get(key)}
    return {**top, "databases": {name: {**top, **database}}, "plugins": {PLUGIN: {"database": name}}}


def make_datasette(
    path: Path,
    published: dict | None,
    *,
    immutable: bool = True,
    allow_sql: bool = False,
    base_url: str = "/",
) -> Datasette:
    """A Datasette serving the base at `path` (immutable: cached, never re-read; else read-only, seeing new
    imports) with our plugin, which its package registers through the `datasette` entry point."""
    path = Path(path)
    return Datasette(
        files=[] if immutable else [str(path)],
        immutables=[str(path)] if immutable else [],
        metadata=metadata_for(path.stem, published),
        settings={"base_url": base_url, "default_allow_sql": allow_sql},
    )


def run(datasette: Datasette, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
