"""Text from documents and file names as the faces show it: nothing in it can drive the officer's terminal.

A published document may hold control characters — ESC ] 0;title BEL changes the window's title, ESC [2J clears
the screen, ESC ] 52;c;… BEL writes the clipboard — and a file name may hold a right-to-left override (U+202E:
`a\\u202egpj.exe` reads as `aexe.jpg`) or bytes that are not UTF-8 (an archive from a Windows machine: GBK).
The knowledge base keeps the text as written; every face shows it through `shown`, which writes each such
character as an escape: `\\x1b`, `\\u202e`, and an undecodable byte of a file name as `\\xbc`.
"""

from __future__ import annotations

import re
from os import PathLike

__all__ = ["BIDI_CONTROLS", "UNSAFE", "escape", "path_text", "shown"]

# the bidirectional marks, embeddings, overrides and isolates: a character class for re
BIDI_CONTROLS = "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# C0 but tab and line feed, DEL, C1, the bidirectional controls, and surrogates (an undecodable byte of a file name,
# read with surrogateescape, is U+DC80–U+DCFF); the only pattern compiled on import (`kb search` prints through it)
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS[1:-1]}\ud800-\udfff]")


def escape(char: str) -> str:
    """One unsafe character as it is shown: `\\x1b`, `\\u202e`; an undecodable byte (a surrogate escape) as `\\xbc`."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _escaped(match: re.Match) -> str:
    return escape(match.group())


def local_time(stamp: str | None) -> str:
    """'2026-12-02T14:14:57+00:00' (stored in UTC) as the reader's local time, '2026-12-02 22:14'."""
    if not stamp:
        return ""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def shown(text: str, lines: bool = False) -> str:
    """`text` with every character that could drive a terminal or reorder what it shows written as an escape;
    tab and line feed are kept where `lines` (a layout that shows them), escaped in a one-line message."""
    text = UNSAFE.sub(_escaped, text)
    return text if lines else text.replace("\t", "\\x09").replace("\n", "\\x0a")


def path_text(path: str | PathLike) -> str:
    """A file name or path as text that can be stored and printed: bytes that are not UTF-8 as `\\xbc` (the rest,
    control characters too, as written)."""
    return re.sub("[\udc80-\udcff]", _escaped, str(path))
