"""The bundled sample documents and the manifest.toml that says what their text does not."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kb.errors import KbError

MANIFEST = "manifest.toml"


def seeds_dir() -> Path:
    """The seeds shipped in the wheel (kb/_seeds), or the checkout's seeds/ in an editable install."""
    package = Path(__file__).resolve().parent.parent  # kb/
    for candidate in (package / "_seeds", package.parent / "seeds"):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise KbError("安装中缺少自带的示例文件 the bundled sample documents are missing from this installation")


def load_manifest(folder: Path) -> dict[str, dict]:
    """A folder's manifest.toml: file name → {region, year, department, published}; {} if absent."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KbError(f"{path}: 不是有效的 manifest not a valid manifest: {exc}") from exc
    return {entry["file"]: entry for entry in data.get("documents", []) if "file" in entry}
