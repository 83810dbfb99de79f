"""Year-on-year changes (同比增减) stated in the prose: “减少2,433.55万元，下降76.24%”, or with
the rate in brackets, “较上年减少1.5万元(39.47%)”.

The amount of the change and its percentage must agree with the current amount they refer to:
a decrease of A from a current C means last year was C + A, so the percentage is A ÷ (C + A);
an increase, A ÷ (C − A). The current amount is the one the text names before the change — the
amount whose label shares the change's subject (“收入总计758.48万元 … 收入总计减少…”), else the
sentence's 决算 amount. When no candidate fits, the claim is reported with the likeliest one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..precision import Range, fmt, ratio_percent
from . import Claim, quote
from .mentions import Mention, Passage, is_budget

_N = r"(\d+(?:\.\d+)?)"
DOWN_WORDS, UP_WORDS = "减少|下降|降低|节约", "增加|增长|上升|提高"   # the words a stated change uses
_DOWN, _UP = DOWN_WORDS + "|减", UP_WORDS + "|增"
# the rate after a word (“，下降76.24%”) or in brackets after the amount (“减少1.5万元(39.47%)”)
_CHANGE = re.compile(rf"({_DOWN}|{_UP})了?{_N}(亿元|万元|元)(?:[,，]?(?:同比)?({_DOWN}|{_UP})了?{_N}%|[(（]{_N}%[)）])?")
# “较2024年的2190万元”: the base the change is measured from, never the current amount
_PRIOR = re.compile(r"(比|较|与|同比)(上年|去年|上一年|20\d{2}年)度?(同期)?(的|预算数?|决算数?)*$")
_SUBJECT_END = re.compile(r"(?:比|较|与)?(?:上年度?|上一年度?|去年)(?:决算)?(?:数)?(?:相比)?[,，]?(.*?)$")


@dataclass(frozen=True)
class Change:
    """A stated change: the current amount, the signed change, and the percentage if stated."""

    current: Mention | None
    amount: Decimal          # signed, in the unit of the text
    unit: str
    rate: Decimal | None
    start: int
    ref: object
    subject: str


def _subject(p: Passage, at: int) -> str:
    head = p.text[p.clause_start(at):at]
    m = _SUBJECT_END.search(head)
    return (m.group(1) if m else head).strip("，,")


def _candidates(p: Passage, ms: list[Mention], at: int, unit: str) -> list[Mention]:
    """Current amounts the change may refer to, likeliest first."""
    amounts = [x for x in ms if x.money and x.end <= at and not re.search(rf"({_DOWN}|{_UP})了?$", x.label)
               and not _PRIOR.search(x.label)]
    # the 决算 side first; in a budget disclosure (or a clause naming only budgets) the budget itself
    before = [x for x in amounts if not is_budget(x.label)] or [x for x in amounts if x.start >= p.sentence_span(at)[0]]
    subject = _subject(p, at)
    named = [x for x in before if subject and x.label and (subject in x.label or subject.endswith(x.label))]
    spent = [x for x in before if re.search(r"决算|执行|支出|收入|总计|合计", x.label)]
    seen: list[Mention] = []
    for x in list(reversed(named)) + spent[:1] + list(reversed(before)):
        if x not in seen:
            seen.append(x)
    return seen


def found(ps: list[Passage]) -> list[tuple[Passage, Change]]:
    out = []
    for p in ps:
        ms = p.mentions()
        for c in _CHANGE.finditer(p.text):
            down = re.fullmatch(_DOWN, c.group(1)) is not None
            amount = Decimal(c.group(2)) * (-1 if down else 1)
            rate = Decimal(c.group(5) or c.group(6)) if c.group(5) or c.group(6) else None
            cands = _candidates(p, ms, c.start(), c.group(3))
            out.append((p, Change(cands[0] if cands else None, amount, c.group(3), rate, c.start(), p.ref(c.start()),
                                  _subject(p, c.start()))))
    return out


def _rate(current: Mention, ch: Change) -> tuple[Decimal, Range] | None:
    prior = current.in_unit(ch.unit) - ch.amount
    return ratio_percent(abs(ch.amount), prior) if prior > 0 else None


def read(ps: list[Passage], stated: list[tuple[Passage, Change]] | None = None) -> list[Claim]:
    """Claims of the changes ``found`` (found here when not given)."""
    out = []
    for p, ch in stated if stated is not None else found(ps):
        if ch.rate is None or ch.current is None:
            continue
        ms = p.mentions()
        cands = _candidates(p, ms, ch.start, ch.unit)
        fits = [(x, r) for x in cands if (r := _rate(x, ch)) and Range.printed(ch.rate).overlaps(r[1])]
        chosen, got = fits[0] if fits else (ch.current, _rate(ch.current, ch))
        if got is None:
            continue
        a, b = p.sentence_span(ch.start)
        word = "减少" if ch.amount < 0 else "增加"
        prior = chosen.in_unit(ch.unit) - ch.amount
        out.append(Claim("change", quote(p, a, b), ch.ref, f"{fmt(ch.rate)}%", f"{fmt(got[0], 2)}%", bool(fits),
                         f"本年{chosen.name}{chosen.printed()}，{word}{fmt(abs(ch.amount))}{ch.unit}，"
                         f"上年应为{fmt(prior)}{ch.unit}：{fmt(abs(ch.amount))} ÷ {fmt(prior)} = {fmt(got[0], 2)}%",
                         firm=bool(ch.subject) and ch.subject in chosen.label))
    return out
