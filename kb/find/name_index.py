"""Indicator names in memory, in families of spellings of one indicator, searchable per keystroke without SQL.

Names are grouped by kb.vocab.families.family_key ('服务对象满意度（%）', '服务对象满意率' and '服务对象的满意度' are
one family; the rules and what they keep apart are listed there), and a group is searched by every spelling it holds.
200,000 names are held as a few long strings (one line per group: its keys, its most used spelling, pinyin and
initials) and arrays of numbers; only groups of several spellings keep a tuple of them. A substring or pinyin
search is `str.find` at C speed over one string, an exact one a bisection over the keys' hashes, and the index
stays small (25 MB for 189,000 names, where one Python object per name took 135 MB). Loading streams rows
grouped and ordered by SQLite, so no Python object per name outlives its row.
"""

from __future__ import annotations

import io
import marshal
import os
import re
import sqlite3
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, repeat, zip_longest

from kb.find.name_file import Families, path_of, read_index, stamp_of, write
from kb.find.near_names import KEYS as _KEYS
from kb.find.near_names import PINYIN_NEAR_LETTERS, is_pinyin, keys_line, near_scores, pinyin_cutoff
from kb.vocab.families import family_key, spelling_key
from kb.vocab.name_spellings import other_spellings
from kb.vocab.tokens import query_words

_FUZZY_POOL = 1500  # fuzzy candidates taken per rare query character, most used first
_TYPO_LINES = 2048  # groups a pinyin typo's words are first looked for in (then four times as many, and so on)
_NOT_WORD = re.compile(r"[\W_]+")
_NUMBERED = re.compile(r"^\s*指标\s*\d*\s*[：:]\s*")


def group_key(name: str) -> str:
    """What spellings differing only in writing share (kb.vocab.families.spelling_key): the folded name without
    bracketed units, punctuation or spaces. Self-evaluations are joined to goal tables by it (outcome_key)."""
    return spelling_key(name)


def _hash(key: str) -> int:
    """A hash of a group key that every process computes alike (str's hash differs), so a stored index holds it."""
    return zlib.crc32(key.encode())


def outcome_key(name: str) -> str:
    """The group key of a self-evaluated indicator's name, without the '指标1：' numbering some forms print, to find
    the outcomes of a goal indicator's name."""
    return group_key(_NUMBERED.sub("", name))


def _alternation(words: list[str]) -> re.Pattern[str]:
    """A pattern matching any of `words`, the letters they all start with written once before the alternation."""
    common = os.path.commonprefix(words)
    rests = sorted((w[len(common) :] for w in words), key=len, reverse=True)
    return re.compile(re.escape(common) + "(?:" + "|".join(map(re.escape, rests)) + ")")


def _letters(text: str | None) -> str:
    return text if text and text.isalnum() else _NOT_WORD.sub("", text or "")


@dataclass(slots=True)
class NameGroup:
    """One group, as a search returns it."""

    key: str  # family_key of every member
    members: tuple[tuple[int, str], ...]  # (indicator_names.id, name), most used first
    uses: int  # indicator rows using any member


# near misses found otherwise (given the names found and the room left): (group, score) best first, or None
NearMisses = Callable[[set[str], int], list[tuple[NameGroup, float]] | None]
Group = tuple[str, list[tuple[int, str, int]], str, str]  # key, [(id, name, uses)] most used first, pinyin, initials


def _grouped(rows: Iterable[tuple[str, int, str, str, str, int]]) -> Iterator[Group]:
    """Groups from (key, id, name, pinyin, initials, uses) rows ordered by group, most used member first; the pinyin
    and initials of every member, each once, so that 'myd' finds a family through any spelling holding 满意度."""
    group: Group | None = None
    for key, name_id, name, pinyin, initials, uses in rows:
        if group is not None and group[0] == key:
            group[1].append((name_id, name, uses))
            spelt, short = _letters(pinyin), _letters(initials)
            if spelt not in group[2].split(_KEYS):
                group = (key, group[1], group[2] + _KEYS + spelt, group[3] + _KEYS + short)
            continue
        if group is not None:
            yield group
        group = (key, [(name_id, name, uses)], _letters(pinyin), _letters(initials))
    if group is not None:
        yield group


def _length(line: str, needle: str) -> int:
    """The length of the shortest key on a line of keys that holds `needle` (the line's length when none does)."""
    if _KEYS not in line:
        return len(line)
    return min((len(k) for k in line.split(_KEYS) if needle in k), default=len(line))


class _Lines:
    """Strings as the lines of one text, so that `str.find` (C speed) finds which of them hold a needle."""

    def __init__(self) -> None:
        self._parts = io.StringIO()
        self._parts.write("\n")
        self.starts = array("q", [0])  # line n lies between the newlines at starts[n] and starts[n + 1]
        self.text = ""

    def add(self, line: str) -> None:
        self._parts.write(line)
        self._parts.write("\n")
        self.starts.append(self.starts[-1] + len(line) + 1)

    def close(self) -> None:
        self.text, self._parts = self._parts.getvalue(), io.StringIO()  # the parts' copy freed

    @classmethod
    def restored(cls, text: str, starts: bytes) -> _Lines:
        lines = cls()
        lines.text = text
        lines.starts = array("q")
        lines.starts.frombytes(starts)
        return lines

    def find(self, needle: str) -> Iterator[int]:
        """Numbers of the lines containing `needle` (which holds no newline), in order."""
        text, starts = self.text, self.starts
        at = text.find(needle) if needle else -1
        while at >= 0:
            n = bisect_right(starts, at) - 1
            yield n
            at = text.find(needle, starts[n + 1])

    def line(self, n: int) -> str:
        return self.text[self.starts[n] + 1 : self.starts[n + 1]]


class NameIndex:
    """Groups of spellings, most used first: line n of `_keys`, `_names`, `_pinyin` and `_initials` and item n
    of `_ids` and `_uses` describe group n; `_variants` holds the members of groups of more than one."""

    def __init__(self, groups: Iterable[Group]):
        """`groups` most used first, then shorter keys, then by key; pinyin and initials of the first member."""
        self._keys, self._names, self._pinyin, self._initials = _Lines(), _Lines(), _Lines(), _Lines()
        self._ids, self._uses = array("q"), array("q")
        self._variants: dict[int, tuple[tuple[int, str], ...]] = {}
        hashed = []  # (hash of the key, group): found by bisection, without a dict of 200,000 strings
        for n, (key, members, pinyin, initials) in enumerate(groups):
            hashed.append((_hash(key), n))
            self._keys.add(keys_line(key, [spelling_key(m[1]) for m in members]))
            self._names.add(members[0][1])
            self._pinyin.add(pinyin)
            self._initials.add(initials)
            self._ids.append(members[0][0])
            self._uses.append(sum(m[2] for m in members))
            if len(members) > 1:
                self._variants[n] = tuple((i, name) for i, name, _ in members)
        for lines in (self._keys, self._names, self._pinyin, self._initials):
            lines.close()
        hashed.sort()
        self._hashes, self._hashed = array("q", (h for h, _ in hashed)), array("q", (n for _, n in hashed))
        self._char_counts: Counter[str] | None = None
        self._reversed: str | None = None

    def dumps(self) -> bytes:
        """The index as bytes (`loads` rebuilds it in any process): what `kb.find.name_index.cached` stores."""
        lines = (self._keys, self._names, self._pinyin, self._initials)
        arrays = (self._ids, self._uses, self._hashes, self._hashed)
        texts = [(x.text, x.starts.tobytes()) for x in lines]
        return marshal.dumps((texts, [a.tobytes() for a in arrays], self._variants, dict(self._counts())))

    @classmethod
    def loads(cls, data: bytes | memoryview) -> NameIndex:
        lines, arrays, variants, counts = marshal.loads(data)
        index = cls.__new__(cls)
        index._keys, index._names, index._pinyin, index._initials = (_Lines.restored(*x) for x in lines)
        index._ids, index._uses, index._hashes, index._hashed = (array("q", raw) for raw in arrays)
        index._variants, index._char_counts, index._reversed = variants, Counter(counts), None
        return index

    def _counts(self) -> Counter[str]:
        """How often each character occurs in the keys and pinyin (the fuzzy search's rarest characters first)."""
        if self._char_counts is None:
            self._char_counts = Counter(self._keys.text) + Counter(self._pinyin.text)
        return self._char_counts

    def __len__(self) -> int:
        return len(self._uses)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> NameIndex:
        """Every indicator name in use, from `indicator_names`, in families."""
        conn.create_function("kb_family_key", 1, family_key, deterministic=True)
        cursor = conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            """WITH named AS MATERIALIZED (
                SELECT kb_family_key(name) AS k, id, name, pinyin, initials, uses FROM indicator_names WHERE uses > 0)
            SELECT k, id, name, pinyin, initials, uses FROM (
                SELECT *, sum(uses) OVER (PARTITION BY k) AS total FROM named WHERE k != '')
            ORDER BY total DESC, length(k), k, uses DESC, length(name), name"""
        )
        return cls(_grouped(rows))

    def _key(self, n: int) -> str:
        """Group n's family key."""
        return self._keys.line(n).partition(_KEYS)[0]

    def _exact(self, key: str) -> int | None:
        """The group whose family key is `key`."""
        h = _hash(key)
        at = bisect_left(self._hashes, h)
        while at < len(self._hashes) and self._hashes[at] == h:
            if self._key(self._hashed[at]) == key:
                return self._hashed[at]
            at += 1
        return None

    def group(self, n: int) -> NameGroup:
        members = self._variants.get(n) or ((self._ids[n], self._names.line(n)),)
        return NameGroup(self._key(n), members, self._uses[n])

    def restricted(self, uses: Counter[int]) -> NameIndex:
        """The names with uses in `uses` (name id → count, e.g. the uses within a filter), counted by it."""
        groups: list[tuple[int, Group]] = []
        for n in range(len(self)):
            variants = self._variants.get(n)
            if not (any(uses[i] for i, _ in variants) if variants else uses[self._ids[n]]):
                continue  # most groups have no use within a filter: read nothing of them
            members = sorted(
                ((i, name, uses[i]) for i, name in self.group(n).members if uses[i]),
                key=lambda m: (-m[2], len(m[1]), m[1]),
            )
            groups.append(
                (
                    sum(m[2] for m in members),
                    (self._key(n), members, self._pinyin.line(n), self._initials.line(n)),
                )
            )
        groups.sort(key=lambda t: (-t[0], len(t[1][0]), t[1][0]))
        return NameIndex(g for _, g in groups)

    def find(self, query: str, limit: int, near: NearMisses | None = None) -> list[tuple[NameGroup, str, float]]:
        """Up to `limit` (group, match, score), best match kind first and most used first within a kind: 'exact'
        (the query's family), 'substring' (of any spelling in a family), 'synonym' (another spelling with a short
        name, `_spelt`: a quarter of `limit` kept for them, and the room the query's own names leave), 'pinyin',
        'fuzzy'. A query of several words (kb.vocab.tokens.query_words: '满意度 服务', 'myd 服务') finds the families
        holding each, in any order (`_words`); when none does, the words are read as one (as the spaces were always
        dropped). `near`, given the names found and the room left, gives the near misses of a query in characters
        found otherwise (kb.find.precedents.find_names: kb.find.near_names'), or None for the index's own."""
        key = group_key(query)
        if not key:
            return [(self.group(n), "substring", 0.0) for n in range(min(limit, len(self)))]
        words = query_words(query.strip())
        if len(words) > 1:
            keys = [k for k in dict.fromkeys(group_key(w) for w in words) if k]
            found_words = self._words(keys, limit) if len(keys) > 1 else []
            if found_words:
                return found_words
        found: dict[int, tuple[str, float]] = {}
        exact = self._exact(family_key(query))
        if exact is not None:
            found[exact] = ("exact", 100.0)
        ascii_query = is_pinyin(key)
        kinds = [("substring", self._keys)] + (
            [("pinyin", self._initials), ("pinyin", self._pinyin)] if ascii_query else []
        )
        spelt = self._spelt(query) if len(words) == 1 else iter(())
        kept = dict(islice(spelt, limit // 4))  # room kept for them
        for kind, lines in kinds:
            for n in lines.find(key):
                if len(found) + len(kept) >= limit:
                    break
                if n not in found:
                    found[n] = (kind, round(100.0 * len(key) / _length(lines.line(n), key), 1))
        found |= {n: hit for n, hit in kept.items() if n not in found}
        for n, hit in spelt:  # and the room the query's own names left, before near misses
            if len(found) >= limit:
                break
            found.setdefault(n, hit)
        hits = [(self.group(n), kind, score) for n, (kind, score) in list(found.items())[:limit]]
        if len(found) < limit and len(key) >= (PINYIN_NEAR_LETTERS if ascii_query else 3):
            shown = {name for group, *_ in hits for _, name in group.members}
            theirs = None if ascii_query or near is None else near(shown, limit - len(hits))
            if theirs is not None:
                return hits + [(group, "fuzzy", score) for group, score in theirs]
            lines = self._pinyin if ascii_query else self._keys
            for n, score in self._fuzzy(key, lines, set(found), limit - len(found), ascii_query):
                hits.append((self.group(n), "fuzzy", score))
        elif not found and ascii_query:
            return [(self.group(n), kind, score) for n, (kind, score) in self._typo(key, limit)]
        return hits

    def _typo(self, key: str, limit: int) -> list[tuple[int, tuple[str, float]]]:
        """Up to `limit` groups with characters spelt, whole syllables, by a word a typo from a short `key` that finds
        nothing and parses into no syllables (kb.vocab.pinyin.one_letter_off: 'manyiud' → manyidu), most used first;
        a short word in pinyin found nowhere ('shoukuan') is one letter from some piece of a name by chance. All the
        words are looked for at once (`_typo_scans`), in the most used groups first, then in four times as many, and
        so on: a word in common names (满意: most names) is answered from the first groups, and one in none costs two
        scans of the pinyin at C speed, where a scan per word cost up to half a second at 190,000 names."""
        from kb.vocab.pinyin import one_letter_off, spells_part

        words = one_letter_off(key)
        scans = self._typo_scans(key, words)
        found: list[int] = []
        starts, low, size = self._pinyin.starts, 0, _TYPO_LINES
        while scans and low < len(self) and len(found) < limit:
            high = min(len(self), low + size)
            held = {
                bisect_right(starts, m.start()) - 1
                for text, rx in scans
                for m in rx.finditer(text, starts[low], starts[high])
            }
            for n in sorted(held):
                line, initials = self._pinyin.line(n), self._initials.line(n)
                if any(spells_part(word, line, initials) for word in words if word in line):
                    found.append(n)
                    if len(found) == limit:
                        break
            low, size = high, size * 4
        score = round(100.0 * (1 - 1 / len(key)), 1)
        return [(n, ("fuzzy", score)) for n in found]

    def _typo_scans(self, key: str, words: list[str]) -> list[tuple[str, re.Pattern[str]]]:
        """(text, pattern) pairs finding a line of the pinyin holding any of `words`, each a typo from `key`: one
        pattern over the pinyin for the words keeping more of its first letters than of its last, one for the others
        over the pinyin with each line reversed (`_backwards`), their last letters first; a word keeping under two of
        either, alone. So every pattern starts with letters its words share, which the regular expression engine
        looks for at C speed (an alternation of words starting differently is tried at every letter)."""
        ahead: list[str] = []
        behind: list[str] = []
        alone: list[str] = []
        for word in words:
            first, last = len(os.path.commonprefix([word, key])), len(os.path.commonprefix([word[::-1], key[::-1]]))
            (alone if max(first, last) < 2 else ahead if first >= last else behind).append(word)
        forward, backward = self._pinyin.text, self._backwards() if behind else ""
        groups = [(forward, ahead), (backward, [w[::-1] for w in behind])] + [(forward, [w]) for w in alone]
        return [(text, _alternation(group)) for text, group in groups if group]

    def _backwards(self) -> str:
        """The pinyin with each line reversed, the lines in their order (at the same offsets), made on first use."""
        if self._reversed is None:
            self._reversed = "\n".join(self._pinyin.text[::-1].split("\n")[::-1])
        return self._reversed

    def _spelt(self, query: str) -> Iterator[tuple[int, tuple[str, float]]]:
        """The groups holding another spelling of `query` with a short name (kb.vocab.name_spellings: 医疗保障 and
        医疗保险 for 医保), each once as (n, ('synonym', score)), the spellings' in turn: none crowds the others out."""
        others = [other for other in dict.fromkeys(map(group_key, other_spellings(query.strip()))) if other]
        seen: set[int] = set()
        for pairs in zip_longest(*(zip(repeat(other), self._keys.find(other)) for other in others)):
            for other, n in filter(None, pairs):
                if n not in seen:
                    seen.add(n)
                    yield n, ("synonym", round(100.0 * len(other) / _length(self._keys.line(n), other), 1))

    def _words(self, keys: list[str], limit: int) -> list[tuple[NameGroup, str, float]]:
        """The families holding each key, as a substring of a spelling or (a key of letters) in pinyin or initials:
        those of the rarest key (by its rarest character) found, then tested for the others; 'pinyin' when a key is
        held only so."""
        counts = self._counts()
        letters = [is_pinyin(k) for k in keys]
        first = min(range(len(keys)), key=lambda i: (letters[i], min(counts[c] for c in keys[i]), -len(keys[i])))
        found: dict[int, tuple[str, float]] = {}
        kinds = [self._keys] + ([self._initials, self._pinyin] if letters[first] else [])
        for lines in kinds:
            for n in lines.find(keys[first]):
                if len(found) >= limit:
                    break
                if n in found:
                    continue
                line, kind = self._keys.line(n), "substring" if lines is self._keys else "pinyin"
                for key, spelt in zip(keys, letters):
                    if key in line:
                        continue
                    if not (spelt and (key in self._initials.line(n) or key in self._pinyin.line(n))):
                        break
                    kind = "pinyin"
                else:
                    found[n] = (kind, min(100.0, round(100.0 * sum(map(len, keys)) / _length(line, keys[first]), 1)))
        return [(self.group(n), kind, score) for n, (kind, score) in found.items()]

    def _fuzzy(
        self, key: str, lines: _Lines, exclude: set[int], limit: int, pinyin: bool = False
    ) -> list[tuple[int, float]]:
        """Near misses: names sharing the query's rarest characters, scored by near_scores (most used first on a
        tie); in pinyin, one letter off at most (near_names.pinyin_cutoff)."""
        counts = self._counts()
        rare = sorted((c for c in set(key) if counts[c]), key=lambda c: (counts[c], c))[:3]
        pool = sorted({n for c in rare for n in islice(lines.find(c), _FUZZY_POOL)} - exclude)
        texts = [lines.line(n) for n in pool]
        scored = near_scores(key, texts, pinyin_cutoff(key)) if pinyin else near_scores(key, texts)
        return [(pool[n], score) for n, score in scored[:limit]]

    def families(self) -> Families:
        """The families of several spellings, by member (what kb.find.near_names reads of the index)."""
        return Families.of((self._keys.line(n), self._uses[n], members) for n, members in self._variants.items())


def cached(conn: sqlite3.Connection) -> NameIndex:
    """The name index: read from the file beside the base (kb.find.name_file) when it was stored at the names'
    current stamp, or built (`NameIndex.load`) and stored there for the next process. Every write to the names gives
    them a new stamp in its own transaction (kb.ingest.write.new_names_stamp), so a stored index is never used stale;
    storing writes no row of the base (an open app would take that for a change made elsewhere)."""
    # read before the names: an index stored under it is at least that new
    stamp, path = stamp_of(conn), path_of(conn)
    if stamp is None or path is None:
        return NameIndex.load(conn)
    data = read_index(path, stamp)
    if data is not None:
        try:
            return NameIndex.loads(data)
        except (ValueError, EOFError, TypeError):
            pass  # unreadable: built again
    index = NameIndex.load(conn)
    write(path, stamp, index.families(), index.dumps())
    return index
