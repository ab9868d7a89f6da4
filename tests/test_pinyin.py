"""kb.vocab.pinyin: forward maximum matching over pypinyin's phrases, whatever shortcuts it takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from kb.vocab.pinyin import pinyin, syllables

_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def _matched(text: str) -> list[tuple[str, bool]]:
    """The plain definition: at each Chinese character the longest phrase of 4, 3 or 2 characters, else the
    character's first reading; a run of other characters one lower-cased item of its letters and digits."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(text):
        if not ("\u3400" <= text[i] <= "\u9fff" or "\uf900" <= text[i] <= "\ufaff"):
            j = i
            while j < len(text) and not ("\u3400" <= text[j] <= "\u9fff" or "\uf900" <= text[j] <= "\ufaff"):
                j += 1
            run = "".join(c for c in text[i:j].lower() if c.isalnum())
            out += [(run, False)] if run else []
            i = j
            continue
        size = next((n for n in (4, 3, 2) if i + n <= len(text) and text[i : i + n] in PHRASES_DICT), 0)
        if size:
            out += [(r[0].translate(_TONES), True) for r in PHRASES_DICT[text[i : i + size]]]
            i += size
        else:
            reading = PINYIN_DICT.get(ord(text[i]))
            out.append((reading.split(",")[0].translate(_TONES), True) if reading else (text[i], False))
            i += 1
    return out


# the characters of some phrases (so that names hold phrases, parts of phrases and phrases overlapping), a rare
# character with no reading in the dictionary, and letters, digits and punctuation
_PHRASES = sorted(PHRASES_DICT)[::97]
_PIECES = (
    st.sampled_from(_PHRASES)
    | st.sampled_from([c for p in _PHRASES for c in p])
    | st.sampled_from(["率", "满意度", "㐀", "IPO", "5G", "（", "%", " ", "≥"])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_names_read_as_forward_maximum_matching_reads_them(name):
    assert syllables(name) == _matched(name)


def test_known_readings():
    assert pinyin("增长率") == ("zengzhanglv", "zzl")
    assert pinyin("银行") == ("yinhang", "yh")
    assert pinyin("IPO申报") == ("iposhenbao", "iposb")  # a run of letters is one item, kept whole
    assert pinyin("服务对象满意度≥90%") == ("fuwuduixiangmanyidu90", "fwdxmyd90")


def test_the_syllable_table_is_pypinyins_syllables_that_hold_a_vowel():
    """kb.vocab.pinyin.SYLLABLES, which a pinyin typo is parsed with (a table: reading pypinyin's dictionaries costs
    a second), is every toneless reading of its characters but the interjections (m, n, ng, hm, hng, ê)."""
    from pypinyin.constants import PINYIN_DICT

    from kb.vocab.pinyin import SYLLABLES, _plain

    readings = {_plain(r) for value in PINYIN_DICT.values() for r in value.split(",")}
    assert SYLLABLES == {r for r in readings if r.isascii() and r.isalpha() and any(v in r for v in "aeiouv")}
