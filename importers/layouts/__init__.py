"""Layout families: each module declares one `LAYOUT` that detects and parses its structure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from importers.records import RawDocument, Row


@dataclass(frozen=True)
class Layout:
    name: str  # stable id stored with each document, e.g. 'form-kv'
    description: str
    detect: Callable[[list[Row]], float]  # 0.0 = not this layout … 1.0 = certainly this layout
    parse: Callable[[list[Row]], RawDocument]
    whole: bool = False  # reads sections spread over the whole document (not one table after another)
