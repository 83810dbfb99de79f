"""The self-evaluation report's 预算执行情况 and 绩效指标完成情况 (自评报告段落起草), from a form.

The figures are jixiao's own recomputation (``rules.engine.evaluate`` under the file's profile),
never the form's printed ones: where the form printed another rate or score, the paragraph says
so and states the recomputed figure. An unmet indicator gets a visible 【请说明偏差原因】.
"""

from __future__ import annotations

from decimal import Decimal

from ..forms.model import SELF_EVAL_KINDS
from ..precision import Range, fmt
from ..rules.engine import FormEval, IndicatorEval
from .accounts import phrases
from .figures import Draft, amount, ask, explain

_DEN_NAME = {"adjusted": "全年预算数", "initial": "年初预算数"}


def _money(x: Decimal | None) -> str:
    return amount(x) if x is not None else ask("金额")


def _score(x: Decimal | None) -> str:
    return amount(x) if x is not None else ask("得分")


def _budget(ev: FormEval, ph: dict) -> list[str]:
    """预算执行情况: amounts as printed, the rate and the score as recomputed."""
    form, rate = ev.form, ev.rate
    if rate is None:
        return [ask("年初预算数、全年预算数、全年执行数（表中资金栏为空）")]
    row, unit = rate.row, form.budget.unit or ask("金额单位（表中未注明）")
    name = form.project or form.unit or form.department or "本项目"
    out = [ph["budget_amounts"].format(name=name, initial=_money(row.initial), adjusted=_money(row.adjusted),
                                       unit=unit)]
    den_name = _DEN_NAME.get(ev.profile.denominator, "全年预算数")
    if rate.point is None:
        out.append(f"全年执行数{_money(row.executed)}{unit}，执行率{ask('执行率（' + den_name + '为空，无法计算）')}。")
        return out
    point = amount(rate.point)
    out.append(ph["budget_rate"].format(rule=f"{ev.profile.name}规则（执行数÷{den_name}×100%）", den_name=den_name,
                                        den=_money(rate.denominator), unit=unit, executed=_money(row.executed),
                                        rate=point))
    if row.rate is not None and rate.range is not None and not Range.printed(row.rate).overlaps(rate.range):
        out.append(ph["budget_differs"].format(what="执行率", printed=f"{fmt(row.rate)}%"))
    fig = ev.execution_score
    if fig is not None and fig.expected is not None:
        weight = row.weight if row.weight is not None else ev.profile.execution_weight
        out.append(ph["budget_score"].format(weight=fmt(weight), rule=fig.rule, score=_score(fig.expected)))
        if fig.agrees is False:
            out.append(ph["budget_differs"].format(what="执行率得分", printed=f"{fmt(fig.reported)}分"))
    return out


def _met(ie: IndicatorEval) -> str:
    if ie.met is True:
        return "已达到指标值"
    if ie.met is False:
        return "未达到指标值"
    return "定性指标" if ie.kind == "qualitative" else ask("是否达到指标值")


def _indicator(n: int, ie: IndicatorEval, ph: dict) -> list[str]:
    ind = ie.indicator
    fig = ie.figure
    expected = fig.expected if fig is not None and fig.expected is not None else None
    if expected is not None:
        scored = f"按{fig.rule}得{_score(expected)}分"
    elif ind.score is not None:
        scored = f"表中填报得分{fmt(ind.score)}分（{ie.why or '定性指标'}，未能按规则复核）"
    else:
        scored = f"得分{ask('得分')}"
    out = [ph["indicator"].format(
        n=n, name=ind.name or ind.level2 or ask("指标名称"), target=ind.target.text if ind.target else ask("指标值"),
        actual=ind.actual.text if ind.actual and ind.actual.text else ask("实际完成值"), met=_met(ie),
        weight=fmt(ind.weight) if ind.weight is not None else ask("分值"), scored=scored)]
    if fig is not None and fig.agrees is False:
        out.append(ph["budget_differs"].format(what="得分", printed=f"{fmt(fig.reported)}分"))
    if ie.met is False:
        out.append(ph["indicator_unmet"].format(reason=explain("偏差原因")))
    return out


def draft_selfeval(evals: list[FormEval]) -> Draft | None:
    """The two paragraphs of every self-evaluation form of the file, or None when there is none."""
    ph = phrases()["selfeval"]
    chosen = [ev for ev in evals if ev.form.kind in SELF_EVAL_KINDS and not ev.form.is_declaration
              and (ev.rate is not None or ev.form.indicators)]
    if not chosen:
        return None
    first = chosen[0].form
    d = Draft(ph["title"].format(name=first.department or first.unit or first.project or ""))
    for k, ev in enumerate(chosen, 1):
        f = ev.form
        head = f.project or f.title or f"第{k}张自评表"
        d.add(f"{_cn(k)}、{head}（第{f.ref.line}行）" if len(chosen) > 1 else head)
        d.add(ph["budget"], *_budget(ev, ph), level=2)
        paragraphs = [p for n, ie in enumerate(ev.indicators, 1) for p in _indicator(n, ie, ph)]
        if ev.recomputed_total is not None:
            paragraphs.append(ph["total"].format(score=_score(ev.recomputed_total), weight=fmt(ev.weight_sum)))
        d.add(ph["indicators"], *paragraphs, level=2)
    d.notes = [phrases()["accounts"]["phrases"]["placeholder_note"]]
    return d


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
