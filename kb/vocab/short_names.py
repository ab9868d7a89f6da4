"""Short names (简称) beside the full forms they stand for, and a text's other spellings with them: what department
filters (kb.vocab.departments) and indicator names (kb.vocab.name_spellings) read alike."""

from __future__ import annotations


class ShortNames:
    """Short names, each with the full forms it stands for (人社: 人力资源和社会保障, 人力资源社会保障)."""

    def __init__(self, names: dict[str, tuple[str, ...]], most: int = 16):
        """`most`: the spellings a text gets at most (a text naming several short names: enough for any two of them
        spelt out)."""
        self.names, self.most = names, most
        self._held = {form: self.held(form) for forms in names.values() for form in forms}

    def held(self, form: str) -> list[str]:
        """The other full forms holding `form` (科学技术协会, 科协's, holds 科学技术, 科技's): a name written with them
        is not `form`'s."""
        return [longer for forms in self.names.values() for longer in forms if form in longer and form != longer]

    def spellings(self, text: str) -> list[str]:
        """`text` and its other spellings: each short name or full form in it written as the short name and as each
        full form ('人社局' → 人社局, 人力资源和社会保障局, 人力资源社会保障局), the text first."""
        found = [text]
        for short, forms in self.names.items():
            for spelt in list(found):
                for form in forms:  # each full form shortened first, so that every other full form is tried too
                    if not any(longer in spelt for longer in self._held[form]):  # (科学技术协会: 科协, not 科技协会)
                        spelt = spelt.replace(form, short)  # (市委员会 → 市委, not 市委员会员会 when spelt out)
                if short in spelt:
                    found += [spelt] + [spelt.replace(short, form) for form in forms]
        return list(dict.fromkeys(found))[: self.most]
