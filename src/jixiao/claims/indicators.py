"""Quantities the text states that an indicator measures (文中数量与指标完成值): “当年‘防贫保’救助24户”
against the indicator 计划防贫保救助群众数量 whose 实际完成值 is 49户.

A mention is tied to an indicator only when its unit is the indicator's (户, 人, %, 万元 …) and
its clause names the same thing: three characters in a row of the indicator's name, and either
three shared character pairs or the name's own ending (…覆盖率). Among the indicators that
qualify, one must match best; text in a form's own cells is tied only to that form. A clause
about another year, a plan, a bound (以上, 不低于) or a change is not a statement of the result,
and a value that is any candidate's actual or target is taken as agreeing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..blocks import Document, Paragraph
from ..precision import Range, fmt
from . import Claim, quote
from .mentions import SCALE, Passage

_NOT_RESULT = re.compile(r"上年|去年|上一年|同期|比|较|增加|减少|增长|下降|提高|年初|累计|预计|计划|目标|任务|标准|"
                         r"不低于|不少于|不超过|力争|争取|预算|要求|达标|新增|每")
_BOUND_AFTER = re.compile(r"^(以上|以下|以内|左右|上下|之间|多|余|至|-|~|～)")
_TIME_UNITS = {"年", "月", "日", "天", "个月", "工作日", "小时", "分钟", "季度"}
_STRIP = re.compile(r"[“”\"'‘’《》()（）〈〉「」\s*＊]|20\d{2}年度?|\d{2}年")
_VERBS = re.compile(r"(为|是|达到|达|共|共计|约|了|已|已经|实现|完成)+$")


def _pairs(s: str) -> set[str]:
    return {s[k:k + 2] for k in range(len(s) - 1)}


def _common(a: str, b: str) -> str:
    """The longest run of characters ``a`` and ``b`` share."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


class _Candidate:
    def __init__(self, ev, form_index: int):
        ind = ev.indicator
        self.ev, self.form = ev, form_index
        self.name = _STRIP.sub("", re.sub(r"[(（][^)）]*[)）]", "", ind.name or ""))
        self.unit = ind.target.unit
        self.pairs = _pairs(self.name)

    def strength(self, label: str) -> int:
        """Shared character pairs, or 0 when the label does not name this indicator."""
        run = _common(label, self.name)
        shared = len(self.pairs & _pairs(label))
        if len(run) < 3:
            return 0
        if shared < 3:   # the name's ending alone (…覆盖率): only with no other noun before it
            before = _VERBS.sub("", label[:label.rfind(run)] + label[label.rfind(run) + len(run):])
            if not self.name.endswith(run) or len(before) > 2:
                return 0
        return shared

    def agrees(self, value: Decimal) -> bool:
        got = Range.printed(value)
        return any(v is not None and got.overlaps(Range.printed(v)) for v in (self.ev.actual, self.ev.target))


def _candidates(evals) -> list[_Candidate]:
    out = []
    for k, fe in enumerate(evals):
        if fe.form.is_declaration:
            continue
        for ev in fe.indicators:
            ind = ev.indicator
            if ev.kind != "quantitative" or ev.actual is None or ev.target is None or ev.unit_clash:
                continue
            unit = ind.target.unit if ind.target else None
            if not unit or unit in _TIME_UNITS or unit in SCALE or not ind.name:
                continue
            out.append(_Candidate(ev, k))
    return out


def _mentions(p: Passage, unit: str):
    """(value, start, end) of each figure stated in ``unit``."""
    tail = r"(?![次均])" if unit in ("人", "户", "家", "个") else ""
    for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?){re.escape(unit)}{tail}", p.text):
        v = Decimal(m.group(1))
        yield v, m.start(), m.end()


def read(doc: Document, evals, year: int | None = None) -> list[Claim]:
    cands = _candidates(evals)
    if not cands:
        return []
    scoped: list[tuple[Passage, int | None]] = [(Passage.of(b, b.text), None) for b in doc.blocks
                                                if isinstance(b, Paragraph)]
    for k, fe in enumerate(evals):
        f = fe.form
        scoped += [(Passage.of(f.refs.get(f"texts.{key}", f.ref), t), k) for key, t in f.texts.items() if t]
    out = []
    for p, form in scoped:
        pool = [c for c in cands if form is None or c.form == form]
        for unit in sorted({c.unit for c in pool}):
            for value, a, b in _mentions(p, unit):
                start = p.clause_start(a)
                last = max((m.end() for m in re.finditer(r"\d", p.text[start:a])), default=0)
                label = _STRIP.sub("", p.text[start + last:a])
                if _NOT_RESULT.search(label) or _BOUND_AFTER.match(p.text[b:]):
                    continue
                if re.search(r"20\d{2}年", label) and (year is None or str(year) not in label):
                    continue
                ranked = sorted(((c.strength(label), c) for c in pool if c.unit == unit), key=lambda t: -t[0])
                ranked = [(s, c) for s, c in ranked if s]
                if not ranked or any(c.agrees(value) for _, c in ranked):
                    continue
                best = ranked[0][1]
                if any(s == ranked[0][0] and c.name != best.name for s, c in ranked[1:]):
                    continue   # two indicators fit the clause alike: cannot tell which is meant
                ind = best.ev.indicator
                shown = fmt(best.ev.actual) + unit
                out.append(Claim("indicator", quote(p, start, b), p.ref(a), f"{fmt(value)}{unit}",
                                 shown, False,
                                 f"指标“{ind.name}”（{ind.ref.where}）的实际完成值为{shown}"
                                 f"（指标值{ind.target.text}）"))
    return out
