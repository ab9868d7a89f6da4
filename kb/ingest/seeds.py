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


FIELDS = ("region", "year", "department", "published")
EVERY_FILE = ""  # the key of what a manifest gives every file of its folder (its top-level fields)


def load_manifest(folder: Path) -> dict[str, dict]:
    """A folder's manifest.toml: file name → {region, year, department, published}, each [[documents]] entry over
    what the file gives at its top level for every file of the folder (under EVERY_FILE); {} if absent. KbError
    for a manifest that gives nothing it can use, or a year that is not a number."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KbError(f"{path}: 不是有效的 manifest not a valid manifest: {exc}") from exc
    every = {key: data[key] for key in FIELDS if key in data}
    entries = [entry for entry in data.get("documents", []) if isinstance(entry, dict) and "file" in entry]
    if not every and not entries:
        raise KbError(
            f"{path}: 清单中没有可用的内容：应写 region/year/department，或 [[documents]] 下的 file 与这些字段 "
            "the manifest gives nothing: write region, year or department, or [[documents]] entries with a file"
        )
    for entry in [every, *entries]:
        if "year" in entry and not isinstance(entry["year"], int):
            raise KbError(f"{path}: 年度应是数字，如 year = 2026 year must be a number, not {entry['year']!r}")
    found = {entry["file"]: {**every, **entry} for entry in entries}
    return {EVERY_FILE: every, **found} if every else found
