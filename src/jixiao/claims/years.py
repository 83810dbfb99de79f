"""Two years of one item (两年数字的比较): a change the text states against the two amounts it
states for the years compared.

“2022年…公务接待11.8万元” and “2021年…公务接待12.39万元”, then “公务接待较上年同期减少0.58万元”:
the text gives both years, so the change is their difference (11.80 − 12.39 = −0.59). Each amount's
year is the last year named before it in its sentence, else in its paragraph; the change's year
is the year its sentence names first, its base the year it names after 较/比 (上年: the year before).
An item stated more than once for a year, or not at all, is not judged. A figure printed with
fewer decimals than the others (11.8 beside 12.39) is read with its zeros dropped, as these
documents print them; the claim says so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..precision import fmt
from . import Claim, quote
from .changes import DOWN_WORDS, UP_WORDS
from .mentions import Mention, Passage

_YEAR = re.compile(r"(20\d{2})年")
_CHANGE = re.compile(rf"({DOWN_WORDS}|{UP_WORDS})了?(\d+(?:\.\d+)?)(亿元|万元|元)")
_BASE = re.compile(r"(?:较|比|与)(?:(20\d{2})年度?|上年度?|上一年度?|去年)(?:同期)?(?:相比)?")
_DOWN = re.compile(DOWN_WORDS)
_CHANGED = re.compile(rf"({DOWN_WORDS}|{UP_WORDS})了?$")
_NAME_DROP = re.compile(r"^(?:其中[:：]?|[,，]|\d{4}年度?|本年度?|全年)+|(?:为|是|共计|合计|达|支出)+$")


def _name(text: str) -> str:
    s = _NAME_DROP.sub("", text)
    return _NAME_DROP.sub("", s)


def _year_before(p: Passage, at: int) -> int | None:
    a = p.sentence_span(at)[0]
    found = [int(y) for y in _YEAR.findall(p.text[a:at])] or [int(y) for y in _YEAR.findall(p.text[:at])]
    return found[-1] if found else None


def _subject_year(p: Passage, at: int) -> int | None:
    """The year a change is about: the first year its sentence names (not one after 较/比), else
    the one the sentences before it in the paragraph name."""
    end = at
    while end > 0:
        a = p.sentence_span(end - 1)[0] if end > 0 else 0
        for y in _YEAR.finditer(p.text[a:end]):
            if not re.search(r"(较|比|与)$", p.text[max(a, a + y.start() - 1):a + y.start()]):
                return int(y.group(1))
        end = a - 1 if a > 0 else 0
        if a == 0:
            break
    return None


def _decimals(x: Decimal) -> int:
    return max(-x.as_tuple().exponent, 0)


def read(ps: list[Passage]) -> list[Claim]:
    amounts: dict[tuple[str, int], list[Mention]] = {}
    for p in ps:
        for m in p.mentions():
            if not m.money or _CHANGED.search(m.label):
                continue
            year = _year_before(p, m.start)
            name = _name(m.label)
            if year and len(name) >= 2 and not _BASE.search(m.label):
                amounts.setdefault((name, year), []).append(m)
    out: list[Claim] = []
    for p in ps:
        for c in _CHANGE.finditer(p.text):
            clause = p.text[p.clause_start(c.start()):c.start()]
            base = _BASE.search(clause)
            if base is None:
                continue
            name = _name(clause[:base.start()])
            a, b = p.sentence_span(c.start())
            year = _subject_year(p, c.start())
            if year is None:
                continue
            prior_year = int(base.group(1)) if base.group(1) else year - 1
            now, before = amounts.get((name, year), []), amounts.get((name, prior_year), [])
            if len(now) != 1 or len(before) != 1:
                continue
            cur, old = now[0], before[0]
            unit = c.group(3)
            stated = Decimal(c.group(2)) * (-1 if _DOWN.search(c.group(1)) else 1)
            places = max(_decimals(cur.value), _decimals(old.value), _decimals(stated))
            diff = cur.in_unit(unit) - old.in_unit(unit)
            ok = abs(diff - stated) < Decimal(1).scaleb(-places) / 2
            word = "减少" if diff < 0 else "增加"
            padded = "（" + "、".join(f"{fmt(x.value)}读作{x.value:.{places}f}" for x in (cur, old)
                                       if _decimals(x.value) < places) + "）" if not ok else ""
            out.append(Claim("years", quote(p, a, b), p.ref(c.start()), f"{c.group(1)}{c.group(2)}{unit}",
                             f"{word}{fmt(abs(diff), places)}{unit}", ok,
                             f"文中{year}年{name}{fmt(cur.value)}{cur.unit}（{cur.ref.where}）、{prior_year}年"
                             f"{fmt(old.value)}{old.unit}（{old.ref.where}），两者相差{fmt(abs(diff), places)}{unit}"
                             + (padded if padded != "（）" else "")))
    return out
