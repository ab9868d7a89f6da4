"""Numbers of hits that cost what the user sees: exact when counting is cheap, else estimated and said so.

A common query (满意度 in 73,000 of 100,000 real project descriptions) would cost more to count than to find the
page the user reads. Hits are counted exactly up to a cap; past it, the total is estimated from how far the hits
counted so far reach, and a `Count` says which it is. A `Count` is an int (the exact number or the estimate), so
sums, comparisons and JSON treat it as a number.
"""

from __future__ import annotations


class Count(int):
    """A number of hits: exact, or (`exact` False) an estimate of which `at_least` hits were counted."""

    exact: bool
    at_least: int

    def __new__(cls, value: int, exact: bool = True, at_least: int | None = None) -> Count:
        count = super().__new__(cls, value)
        count.exact = exact
        count.at_least = value if at_least is None else at_least
        return count

    def __repr__(self) -> str:
        return f"Count({int(self)}, exact={self.exact}, at_least={self.at_least})"

    def __str__(self) -> str:  # the number, as an int prints (str() of an int subclass is its repr); count_text says ≈
        return int.__repr__(self)


def estimate(counted: int, covered: float) -> Count:
    """The total, from `counted` hits found in the share `covered` (0–1] of what there is to search."""
    guess = round(counted / covered) if covered > 0 else counted
    return Count(max(guess, counted), exact=False, at_least=counted)


def count_text(count: int) -> str:
    """'73,122', or for an estimate '约 7.3 万' (about 73,000) or '约 1,200'."""
    if getattr(count, "exact", True):
        return f"{int(count):,}"
    if count >= 10_000:
        return f"约 {count / 10_000:.1f} 万".replace(".0 万", " 万")
    digits = max(0, len(str(int(count))) - 2)  # two significant digits
    return f"约 {round(int(count), -digits):,}"
