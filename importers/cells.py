"""Small helpers every layout parser shares for cleaning cells and finding labels."""

from __future__ import annotations

import html
import re
from functools import lru_cache

_PARA = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_NEEDS_WORK = re.compile(r"[<\[\n]|[ \t\u00a0\u3000]{2}|\S[\t\u00a0\u3000]")
_LABEL_END = re.compile(r"[*＊]?\s*[：:]?\s*$")


@lru_cache(maxsize=65536)
def clean(cell: str) -> str:
    """A cell's text without HTML markup, Word bookmarks or outer whitespace.

    `<p>` paragraphs become lines; runs of spaces inside a line become one space.
    """
    if not cell:
        return ""
    if not _NEEDS_WORK.search(cell):
        return cell.strip(" \t\u00a0\u3000")
    text = _BOOKMARK.sub("", cell)
    if "<" in text:
        text = _TAG.sub("", _PARA.sub("\n", text))
        text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def label(cell: str) -> str:
    """A head label without its required-field star and colon: '项目名称*：' → '项目名称'."""
    return _LABEL_END.sub("", clean(cell)).replace(" ", "")


def squash(text: str) -> str:
    """Text with all whitespace removed, for comparing labels written with spaces ('项 目')."""
    return "".join(text.split())
