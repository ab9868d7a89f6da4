"""Short names (简称) beside the full forms they stand for, and a text's other spellings with them: what department
filters (kb.vocab.departments) and indicator names (kb.vocab.name_spellings) read alike."""

from __future__ import annotations

from collections.abc import Iterator


class ShortNames:
    """Short names, each with the full forms it stands for (人社: 人力资源和社会保障, 人力资源社会保障)."""

    def __init__(self, names: dict[str, tuple[str, ...]], most: int = 16):
        """`most`: the spellings a text gets at most (a text naming several short names: enough for any two of them
        spelt out)."""
        self.names, self.most = names, most
        self._held = {form: self.held(form) for forms in names.values() for form in forms}
        # the other short names holding each (人力社保 holds 社保): written with them, it is theirs, not spelt out
        self._inside = {short: [other for other in names if short in other and short != other] for short in names}

    def held(self, form: str) -> list[str]:
        """The other full forms holding `form` (科学技术协会, 科协's, holds 科学技术, 科技's): a name written with them
        is not `form`'s."""
        return [longer for forms in self.names.values() for longer in forms if form in longer and form != longer]

    def spellings(self, text: str) -> list[str]:
        """`text` and its other spellings: each short name or full form in it written as the short name and as each
        full form ('人社局' → 人社局, 人力资源和社会保障局, 人力资源社会保障局), the text first."""
        found = [text]
        for short, forms in self._rounds(found):
            for spelt in list(found):
                for form in forms:  # each full form shortened first, so that every other full form is tried too
                    if not any(longer in spelt for longer in self._held[form]):  # (科学技术协会: 科协, not 科技协会)
                        spelt = spelt.replace(form, short)  # (市委员会 → 市委, not 市委员会员会 when spelt out)
                if short in self._bare(spelt, short):
                    found += [spelt] + [self._spelt_out(spelt, short, form) for form in forms]
            found[:] = list(dict.fromkeys(found))[: self.most]  # (a text of many short names: not thousands)
        return found

    def _rounds(self, found: list[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The names, then again for the spellings a later name made (人力社保's full form, then 人社) if any."""
        yield from self.names.items()
        if len(found) > 1:
            yield from self.names.items()

    def _bare(self, text: str, short: str) -> str:
        """`text` without the other short names holding `short`."""
        for other in self._inside[short]:
            text = text.replace(other, "")
        return text

    def _spelt_out(self, text: str, short: str, form: str) -> str:
        """`text` with `short` written as `form` where no other short name holds it (人力社保 kept whole for 社保)."""
        others = self._inside[short]
        for k, other in enumerate(others):  # each kept aside as a private-use character meanwhile
            text = text.replace(other, chr(0xE000 + k))
        text = text.replace(short, form)
        for k, other in enumerate(others):
            text = text.replace(chr(0xE000 + k), other)
        return text
