"""Printed precision (打印精度): the interval a printed figure stands for, and tolerant compares.

A figure printed as ``8.52`` stands for any value in [8.515, 8.525); a rate recomputed from
two such figures therefore has a range, not a point. Checks compare with these ranges, so a
finding fires only where no reading of the printed figures makes the arithmetic right — and
the finding says which precision it allowed (the documents warn of 尾数误差 themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def step(x: Decimal) -> Decimal:
    """One unit in the last printed digit: 8.52 → 0.01, 100 → 1."""
    exp = x.as_tuple().exponent
    return Decimal(1).scaleb(exp) if isinstance(exp, int) and exp < 0 else Decimal(1)


def half(x: Decimal) -> Decimal:
    return step(x) / 2


@dataclass(frozen=True)
class Range:
    """A closed interval [lo, hi] of possible true values."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def printed(cls, x: Decimal) -> Range:
        h = half(x)
        return cls(x - h, x + h)

    @classmethod
    def exact(cls, x: Decimal) -> Range:
        return cls(x, x)

    def overlaps(self, other: Range) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def __contains__(self, x: Decimal) -> bool:
        return self.lo <= x <= self.hi

    def scale(self, k: Decimal) -> Range:
        a, b = self.lo * k, self.hi * k
        return Range(min(a, b), max(a, b))

    def cap(self, top: Decimal) -> Range:
        return Range(min(self.lo, top), min(self.hi, top))


def ratio_percent(num: Decimal, den: Decimal) -> tuple[Decimal, Range] | None:
    """num ÷ den × 100 as a point and as the range the printed figures allow (None if den ≤ 0)."""
    if den <= 0:
        return None
    point = num / den * HUNDRED
    hn, hd = half(num), half(den)
    lo_den = den - hd
    hi = (num + hn) / lo_den * HUNDRED if lo_den > 0 else point * 2
    lo = max(ZERO, (num - hn) / (den + hd) * HUNDRED)
    return point, Range(lo, hi)


def sum_range(parts: list[Decimal]) -> Range:
    """The range of the true sum of printed parts."""
    total = sum(parts, ZERO)
    h = sum((half(p) for p in parts), ZERO)
    return Range(total - h, total + h)


def is_tail(total: Decimal, parts: list[Decimal]) -> bool:
    """Whether printed parts that do not add up to a printed total differ only by 尾数误差:
    within the terms' own rounding, or by one unit in the total's last digit."""
    return Range.printed(total).overlaps(sum_range(parts)) or abs(sum(parts, ZERO) - total) <= step(total)


def rounded(x: Decimal, places: int, mode: str = ROUND_HALF_UP) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=mode)


def accepted_scores(exact: Decimal, rng: Range | None = None) -> Range:
    """Printed scores that a rule's exact result ``exact`` allows.

    The profiles do not fix how a score is rounded, and real tables print whole points
    (9.02 → 9) as often as two decimals. So a printed score is accepted from the result rounded
    down to a whole point up to the result rounded half-up to a whole point or to 0.01,
    whichever is higher; ``rng`` widens this by the precision of the inputs.
    """
    lo_src = min(exact, rng.lo) if rng else exact
    hi_src = max(exact, rng.hi) if rng else exact
    lo = min(rounded(exact, 0, ROUND_FLOOR), rounded(lo_src, 2))
    hi = max(rounded(hi_src, 0), rounded(hi_src, 2))
    return Range(lo, hi)


def fmt(x: Decimal | None, places: int | None = None) -> str:
    """A Decimal as a plain string: no exponent, trailing zeros of computed values cut."""
    if x is None:
        return "空"
    if places is not None:
        x = rounded(x, places)
    s = format(x, "f")
    if places is None and "." in s and len(s.split(".")[1]) > 4:
        s = format(rounded(x, 4), "f")
    return s


def pts(x: Decimal | None) -> str:
    """A score for a sentence: 2 decimals at most, no trailing zeros (9.50 → 9.5, 10.00 → 10)."""
    if x is None:
        return "空"
    s = format(rounded(x, 2), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def fmt_range(r: Range, places: int | None = 2) -> str:
    a, b = (pts(r.lo), pts(r.hi)) if places is None else (fmt(r.lo, places), fmt(r.hi, places))
    return a if a == b else f"{a}～{b}"
