"""Overlapping character bigrams: the search index's tokens, so any substring of 2+ characters matches.

SQLite's trigram tokenizer cannot match queries shorter than three characters. Instead, text is split into
runs of letters and digits (CJK characters included), and each run is indexed as its overlapping bigrams
followed by its last character ('满意度' → '满意 意度 度'), as Lucene's CJK analyzer does. A query run
becomes the phrase of its bigrams, so a phrase match is exactly a substring match within a run; a one-
character query is a prefix query on the bigrams (every occurrence of a character starts a bigram or ends
its run).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array

# Letters to Python that FTS5's unicode61 tokenizer takes for separators (New Tai Lue vowel signs, Vedic signs:
# every code point tried against SQLite 3.40's tokenizer): separators here too, so that a query holding one finds
# what the index holds.
_FTS_SEPARATORS = "\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3"
_RUN = re.compile(rf"[^\W_{_FTS_SEPARATORS}]+")
_GAP = re.compile(rf"[\W_{_FTS_SEPARATORS}]+")  # what separates two runs
_SEAM = re.compile("\x00 \x00. ", re.S)  # in the pairs of runs joined by NULs: where one run's pairs meet the next's
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # one code point per item of array("I")
MAX_QUERY_CHARS = 256


_WIDE = re.compile("[\uff01-\uff5e\u3000]")  # full-width ASCII forms and the ideographic space


def _narrow(wide: str) -> str:
    """A full-width form as NFKC maps it (its whole decomposition)."""
    return " " if wide == "\u3000" else chr(ord(wide) - 0xFEE0)


def fold(text: str) -> str:
    """Case- and width-folded text (NFKC, lower case): what the index and queries compare.

    Chinese text is full of full-width punctuation, which NFKC maps: mapped here first, most text then passes
    NFKC's quick check, a thousand times cheaper than normalising it (the result is the same)."""
    text = text or ""
    for wide in set(_WIDE.findall(text)):  # a few distinct ones: str.replace is C speed, translate is not
        text = text.replace(wide, _narrow(wide))
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def runs(text: str) -> list[str]:
    return _RUN.findall(fold(text))


def index_tokens(text: str) -> str:
    """The token string stored in an FTS5 column for `text`: each run's bigrams, then its last character.

    Made from the runs joined by NULs without a step per run or per pair in Python (a real overview holds hundreds
    of each): the pairs of the whole string, where each seam's two pairs (c and NUL, NUL and d, where one run ends in
    c and the next begins with d) are then made one space, which leaves c, the last character of the run before it.
    A property test holds it to that definition.
    """
    joined = _GAP.sub("\x00", fold(text)).strip("\x00")
    if len(joined) < 2:
        return joined
    return _SEAM.sub(" ", _pairs(joined) + joined[-1])


def _pairs(text: str) -> str:
    """'abc' → 'ab bc ': every two neighbouring characters and a space, laid out as code points at C speed."""
    points = array("I", text.encode(_UTF32))
    out = array("I", [ord(" ")]) * (3 * (len(text) - 1))
    out[0::3] = points[:-1]
    out[1::3] = points[1:]
    return out.tobytes().decode(_UTF32)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a substring query, built only from quoted tokens; None if the
    query has no letters or digits (the caller falls back to a plain substring scan)."""
    parts = []
    for run in runs(query):
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            parts.append('"' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"')
    return " AND ".join(parts) or None


def needs_recheck(query: str) -> bool:
    """Whether a MATCH can over-match the query (it spans separators), so hits must be re-checked."""
    return len(runs(query)) != 1 or runs(query)[0] != fold(query).strip()
