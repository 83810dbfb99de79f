"""Quantities the text states that an indicator measures (文中数量与指标完成值): “当年‘防贫保’救助24户”
against the indicator 计划防贫保救助群众数量 whose 实际完成值 is 49户.

A mention is tied to an indicator only when its unit is the indicator's (户, 人, %, 次 …; money is
not compared: too many amounts of a report share words) and
its clause names the same thing: three characters in a row of the indicator's name, and either
three shared character pairs or the name's own ending (…覆盖率). Among the indicators that
qualify, one must match best; text in a form's own cells is tied only to that form. A clause
about another year, a plan, a bound (以上, 不低于) or a change is not a statement of the result,
and a value that is any candidate's actual or target is taken as agreeing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..blocks import Document
from ..precision import fmt, step
from . import Claim, quote
from .mentions import SCALE, Passage, passages

_NOT_RESULT = re.compile(r"上年|去年|上一年|同期|比|较|增加|减少|增长|下降|提高|年初|累计|预计|计划|目标|任务|标准|"
                         r"不低于|不少于|不超过|力争|争取|预算|要求|达标|新增|每|其中|分别|上半年|下半年|季度|"
                         r"(?<!\d)(?:[1-9]|1[01])月")   # a month before December: part of the year, not its result
_BOUND_AFTER = re.compile(r"^(以上|以下|以内|左右|上下|之间|多|余|至|-|~|～)")
_TIME_UNITS = {"年", "月", "日", "天", "个月", "工作日", "小时", "分钟", "季度"}
_STRIP = re.compile(r"[“”\"'‘’《》()（）〈〉「」\s*＊]|20\d{2}年度?|\d{2}年")
_VERBS = re.compile(r"(为|是|达到|达|共|共计|约|了|已|已经|实现|完成)+$")


def _same(a: Decimal, b: Decimal) -> bool:
    """One figure at the coarser of the two printed precisions: 17.4 is 17, 18 is not 17."""
    return abs(a - b) <= max(step(a), step(b)) / 2


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
        return any(v is not None and _same(value, v) for v in (self.ev.actual, self.ev.target))


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


def _figures(t: str, unit: str, per_head: bool = True):
    """(value, start, end) of each figure written in ``unit`` (not a longer unit: 17万人次 is not
    17万人); with ``per_head`` a per-head unit (元/人) also as “每人670元”."""
    for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?){re.escape(unit)}(?![次均])", t):
        yield Decimal(m.group(1)), m.start(), m.end()
    per = re.fullmatch(r"(元|万元)/(人|户|人次)", unit) if per_head else None
    if per:
        for m in re.finditer(rf"每{per.group(2)}(\d+(?:\.\d+)?){per.group(1)}(?![/／])", t):
            yield Decimal(m.group(1)), m.start(), m.end()


def read(doc: Document, evals, year: int | None = None) -> list[Claim]:
    cands = _candidates(evals)
    if not cands:
        return []
    scoped: list[tuple[Passage, int | None]] = [(p, None) for p in passages(doc)]
    for k, fe in enumerate(evals):
        f = fe.form
        scoped += [(Passage.of(f.refs.get(f"texts.{key}", f.ref), t), k) for key, t in f.texts.items() if t]
    out = []
    for p, form in scoped:
        pool = [c for c in cands if form is None or c.form == form]
        for unit in sorted({c.unit for c in pool}):
            for value, a, b in _figures(p.text, unit, per_head=False):
                start = p.clause_start(a)
                k = a
                while k > start and not p.text[k - 1].isdigit():   # the words after the clause's last figure
                    k -= 1
                label = _STRIP.sub("", p.text[k:a])
                clause = p.text[start:a]   # as written: its years and months are still there
                if _NOT_RESULT.search(clause) or _BOUND_AFTER.match(p.text[b:]):
                    continue
                if any(year is None or int(y) != year for y in re.findall(r"(20\d{2})年", clause)):
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


class GoalGap:
    """A figure of the 年度目标 box that the indicator meant to measure it does not carry."""

    def __init__(self, ref, quote_: str, stated: str, ev, against: str, value: Decimal, unit: str):
        self.ref, self.quote, self.stated, self.ev = ref, quote_, stated, ev
        self.against, self.value, self.unit = against, value, unit


def goal_gaps(fe) -> list[GoalGap]:
    """The goal box's figures (“预计完成居民医保征收任务17万人”, “财政补贴每人670元标准”) against
    the one indicator that names the same thing in the same unit: its 指标值, or where the target
    is qualitative (定性) its 实际完成值. The whole clause around the figure is matched (the words
    after it count: “每人670元标准补助到位”), with three shared character pairs at least."""
    text = fe.form.texts.get("goal")
    if not text or fe.form.is_declaration:
        return []
    p = Passage.of(fe.form.refs.get("texts.goal", fe.form.ref), text)
    t = p.text
    measures = []   # (indicator eval, unit, value compared, what it is, its name)
    for ev in fe.indicators:
        ind = ev.indicator
        quantitative = bool(ev.kind == "quantitative" and ev.target is not None and ind.target and ind.target.unit)
        unit = ind.target.unit if quantitative else (ind.actual.unit if ind.actual and ind.actual.value is not None else None)
        value = ev.target if quantitative else (ind.actual.value if ind.actual else None)
        if ind.name and unit and value is not None and unit not in _TIME_UNITS:
            measures.append((ev, unit, value, "指标值" if quantitative else "实际完成值",
                             _STRIP.sub("", re.sub(r"[(（][^)）]*[)）]", "", ind.name))))
    out = []
    for unit in sorted({u for _, u, _, _, _ in measures}):
        for figure, start, end in _figures(t, unit):
            a = start
            while a > 0 and t[a - 1] not in "，,；;。：:、\n":
                a -= 1
            b = end
            while b < len(t) and t[b] not in "，,；;。\n":
                b += 1
            clause = _STRIP.sub("", t[a:start] + t[end:b])
            if re.search(r"\d[-~～至到]$", t[a:start]) or re.search(r"每[年月季周日天]", clause):
                continue   # a range (1-2次) or a rate per period (每月稽核): not one figure
            fits = sorted(((len(_pairs(name) & _pairs(clause)), ev, value, what) for ev, u, value, what, name in measures
                           if u == unit and len(_common(clause, name)) >= 3 and len(_pairs(name) & _pairs(clause)) >= 3),
                          key=lambda t: -t[0])
            if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
                continue   # nothing, or two indicators alike: cannot tell which is meant
            _, ev, value, what = fits[0]
            bound = _BOUND_AFTER.match(t[end:]) or re.search(r"(不低于|不少于|不超过|不高于|低于|高于|大于|小于|超过|"
                                                             r"≥|≤|>|<)$", t[a:start])
            if bound:
                continue   # “95%以上”, “不低于95%”: a bound, not a figure — the indicator's own op judges it
            if _same(figure, value):
                continue
            said = p.printed(a, b)   # the box's own words and punctuation
            out.append(GoalGap(p.ref(a), said, f"{fmt(figure)}{unit}", ev, what, value, unit))
    return out
