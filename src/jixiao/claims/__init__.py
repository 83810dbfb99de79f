"""Claims (文中论断): what the prose states with numbers, tied to its inputs and recomputed.

A report restates its tables as amounts, shares, year-on-year changes, completion rates, lists
that add up to a total, and arithmetic written out. Each such statement becomes a ``Claim`` with
the stated value, the recomputed one, the inputs it was computed from and whether the two agree
within the printed precision. The checks (``checks/claims.py``) report the claims that do not
hold; ``jixiao score`` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..blocks import Document, SourceRef
from .mentions import Passage, passages

KINDS = {
    "rate": "比率",
    "share": "占比",
    "change": "同比增减",
    "sum": "分项之和",
    "arithmetic": "文中算式",
    "indicator": "指标完成值",
}


@dataclass(frozen=True)
class Claim:
    """One checked statement of the prose (一处文中论断)."""

    kind: str            # rate | share | change | sum | arithmetic | table | years | indicator
    quote: str           # the statement, shortened
    ref: SourceRef
    stated: str          # as printed: 76.26%
    expected: str        # as recomputed: 76.26%
    ok: bool
    rule: str            # how it was recomputed, with the inputs
    tail: bool = False   # off only by the rounding of printed figures (尾数误差)
    firm: bool = True    # inputs tied for certain; False when the base was inferred

    def to_json(self) -> dict:
        return {"kind": self.kind, "quote": self.quote, **self.ref.to_json(), "source": self.ref.to_json(),
                "stated": self.stated, "expected": self.expected, "ok": self.ok, "rule": self.rule}


def quote(p: Passage, a: int, b: int, width: int = 60) -> str:
    """The span as the document prints it, ending at its clause (no trailing comma or bracket)."""
    s = p.printed(max(0, a), b).replace("\n", "").rstrip("，,；;。:：、（(《“ ")
    return s if len(s) <= width else s[:width] + "…"


def read_claims(doc: Document, cells: list[tuple[SourceRef, str]] = (), ledger=None,
                year: int | None = None, evals=()) -> list[Claim]:
    """Every claim of the document's prose and text cells, in source order; ``year`` is the year
    the document reports on (a figure of another year is not this year's); ``evals`` the forms
    recomputed, whose indicators the text may restate."""
    from . import arithmetic, changes, indicators, lists, rates, tables, years
    ps = passages(doc, cells)
    out: list[Claim] = []
    out += rates.read(ps, ledger)
    stated = changes.found(ps)
    out += changes.read(ps, stated)
    out += lists.read(ps, stated)
    out += arithmetic.read(ps)
    out += tables.read(ps, ledger, year)
    out += years.read(ps)
    out += indicators.read(doc, evals, year)
    return sorted(out, key=lambda c: (c.ref.line, c.kind))
