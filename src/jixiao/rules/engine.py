"""Evaluator (复核计分): recompute a form's figures under a profile, beside what it reported.

Nothing is overwritten: every ``Figure`` keeps the reported value, the recomputed one, the
range of printed values the rule accepts, and the rule in words. Checks and ``jixiao score``
read these records; neither recomputes anything itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..blocks import SourceRef
from ..forms.model import BudgetRow, Form, Indicator
from ..precision import HUNDRED, ZERO, Range, accepted_scores, fmt, ratio_percent
from ..values import QUALITATIVE, norm
from .profile import Profile

# 一级指标 by name, and by the second-level names of the older taxonomy where 一级 is blank
_LEVEL1 = [("成本", "成本指标"), ("产出", "产出指标"), ("效益", "效益指标"), ("满意", "满意度指标")]
_LEVEL2_PARENT = [(r"数量|质量|时效|成本", "产出指标"), (r"经济效益|社会效益|生态|可持续", "效益指标"),
                  (r"满意", "满意度指标")]
# bare targets ("0", "95%") carry no operator; these words make an indicator lower-is-better
_NEGATIVE_WORDS = re.compile(r"投诉|差错|违规|违纪|超标|重复|虚假|事故|不良|失误|逾期|超支|发生率|误差|滞留|结余率")
_COST = re.compile(r"成本")
_UNIT_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}


def level1_name(level1: str | None, level2: str | None = None) -> str | None:
    """Canonical 一级指标 (产出指标 / 效益指标 / 满意度指标 / 成本指标) from printed names."""
    s = norm(level1)
    for key, name in _LEVEL1:
        if key in s:
            return name
    s2 = norm(level2)
    for pat, name in _LEVEL2_PARENT:
        if s2 and re.search(pat, s2):
            return name
    return None


def level1_of(ind: Indicator) -> str | None:
    return level1_name(ind.level1, ind.level2)


@dataclass
class Figure:
    """One figure reported and recomputed (填报值与复核值)."""

    subject: str
    field: str
    reported: Decimal | None
    expected: Decimal | None
    accepted: Range | None
    rule: str
    ref: SourceRef

    @property
    def agrees(self) -> bool | None:
        if self.reported is None or self.accepted is None:
            return None
        return self.reported in self.accepted


@dataclass
class RateEval:
    """The execution rate (预算执行率) of the form's main funding row."""

    row: BudgetRow
    denominator: Decimal | None       # 全年预算数 per the profile
    point: Decimal | None             # executed ÷ denominator × 100
    range: Range | None               # what the printed amounts allow
    initial_point: Decimal | None = None  # executed ÷ 年初预算数 × 100, for the wrong-denominator check
    initial_range: Range | None = None


@dataclass
class IndicatorEval:
    """One indicator judged under the profile (指标复核)."""

    indicator: Indicator
    kind: str                          # "quantitative" | "qualitative" | "blank"
    direction: str | None = None       # "positive" | "negative" | "equal" | "range"
    explicit: bool = False             # the operator was printed (≥ ≤ = > < or a range)
    target: Decimal | None = None
    actual: Decimal | None = None      # in the target's unit
    unit_clash: tuple[str, str] | None = None
    ratio_written: bool = False        # "1" / "0.95" where the target is a percent
    met: bool | None = None
    band: str | None = None            # qualitative level read from the actual
    figure: Figure | None = None
    why: str = ""                      # why no expected score


@dataclass
class FormEval:
    """A form recomputed under one profile (表单复核结果)."""

    form: Form
    profile: Profile
    rate: RateEval | None = None
    execution_score: Figure | None = None
    indicators: list[IndicatorEval] = field(default_factory=list)
    level_weights: dict[str, Decimal] = field(default_factory=dict)   # printed weights summed per 一级
    weight_sum: Decimal | None = None       # indicators + execution, as printed
    execution_weight_implied: bool = False  # execution scored without a printed weight: profile's counted
    score_sum: Decimal | None = None        # indicators + execution, as printed (blank = 0)
    recomputed_total: Decimal | None = None

    @property
    def filled(self) -> bool:
        """Whether the form was filled in at all (any actual or indicator score)."""
        return any((i.actual is not None and (i.actual.value is not None or i.actual.text))
                   or i.score is not None for i in self.form.indicators)


# --- execution ---------------------------------------------------------------------------

def _rate(row: BudgetRow, profile: Profile) -> RateEval:
    den = row.adjusted if profile.denominator == "adjusted" and row.adjusted is not None else row.initial
    ev = RateEval(row, den, None, None)
    if row.executed is not None and den is not None:
        r = ratio_percent(row.executed, den)
        if r:
            ev.point, ev.range = r
    if row.executed is not None and row.initial is not None and row.initial != den:
        r = ratio_percent(row.executed, row.initial)
        if r:
            ev.initial_point, ev.initial_range = r
    return ev


def _execution_score(ev: RateEval, profile: Profile) -> Figure | None:
    row = ev.row
    weight = row.weight if row.weight is not None else profile.execution_weight
    if weight is None or ev.point is None or ev.range is None:
        return None
    k = weight / HUNDRED
    exact, rng = ev.point * k, ev.range.scale(k)
    if profile.execution_cap:
        exact, rng = min(exact, weight), rng.cap(weight)
    where = "" if row.weight is not None else f"（表中未印分值，按规则取{fmt(weight)}分）"
    rule = f"执行率×分值{fmt(weight)}{'（不超过分值）' if profile.execution_cap else ''}{where}"
    return Figure("预算执行率得分", "execution_score", row.score, exact, accepted_scores(exact, rng), rule,
                  row.refs.get("score", row.ref))


# --- indicators --------------------------------------------------------------------------

def _scale(unit: str | None) -> tuple[Decimal, str]:
    if unit and len(unit) > 1 and unit[0] in _UNIT_SCALE:
        return _UNIT_SCALE[unit[0]], unit[1:]
    return Decimal(1), unit or ""


def _comparable(ind: Indicator, ev: IndicatorEval) -> bool:
    """Put the actual in the target's unit; note a unit clash or a ratio written for a percent."""
    t, a = ind.target, ind.actual
    ev.target, ev.actual = t.value, a.value
    if t.unit == "%" and a.unit in (None, "") and a.value <= Decimal("1.5") and t.value > Decimal("1.5"):
        ev.ratio_written, ev.actual = True, a.value * HUNDRED
        return True
    if not a.unit or not t.unit or a.unit == t.unit:
        return True
    (ka, ua), (kt, ut) = _scale(a.unit), _scale(t.unit)
    if ua == ut:
        ev.actual = a.value * ka / kt
        return True
    ev.unit_clash = (t.unit, a.unit)
    return False


def is_cost(ind: Indicator) -> bool:
    """A 成本 (cost) indicator, by its first- or second-level heading or its own name."""
    return bool(_COST.search(norm(ind.level2) + norm(ind.level1) + norm(ind.name)))


def _direction(ind: Indicator, profile: Profile) -> tuple[str, bool]:
    op = ind.target.op
    cost = is_cost(ind)
    if op in ("≥", ">"):
        return "positive", True
    if op in ("≤", "<"):
        return "negative", True
    if op == "range":
        return "range", True
    if op == "=":
        rule = profile.cost_equal if cost else profile.equal
        return {"as_positive": "positive", "as_negative": "negative"}.get(rule, "equal"), True
    return ("negative" if _NEGATIVE_WORDS.search(norm(ind.name)) else "positive"), False


def _judge(ind: Indicator, ev: IndicatorEval, profile: Profile) -> None:
    """Direction of the target and whether the actual meets it (达标判断)."""
    ev.direction, ev.explicit = _direction(ind, profile)
    t, a = ev.target, ev.actual
    ev.met = {"range": lambda: ind.target.low <= a <= ind.target.high, "positive": lambda: a >= t,
              "negative": lambda: a <= t}.get(ev.direction, lambda: a == t)()


def cost_upward(ind: Indicator) -> bool:
    """A 成本 indicator whose target is written as a floor (≥, >): a cost is held down, so the
    sign is most likely the wrong way round, and the score cannot be recomputed as if it were not."""
    return ind.target is not None and ind.target.op in ("≥", ">") and is_cost(ind)


def _quantitative(ind: Indicator, ev: IndicatorEval, profile: Profile) -> None:
    t, a, w = ev.target, ev.actual, ind.weight
    if cost_upward(ind):
        ev.why = f"成本指标写作“{ind.target.op}”，方向无法判断，未复核得分"
        return
    _judge(ind, ev, profile)
    if ind.target.op == "=" and is_cost(ind) and a != t:
        ev.met = None   # “＝67万元” and 40.9 paid: a saving or money not spent — the text must say which
        ev.why = f"成本指标写作“=”，实际{fmt(a)}与指标值{fmt(t)}不等，是否达标须看原因说明，未复核得分"
        return
    if ev.direction == "range":
        lo, hi = ind.target.low, ind.target.high
        exact = w if ev.met else (a / lo * w if a < lo and lo > 0 else (hi / a * w if a > hi and a > 0 else ZERO))
        rule = f"区间指标（{fmt(lo)}～{fmt(hi)}内得满分，否则按实际值与最近端点之比×分值）"
    elif ev.direction == "positive":
        exact = w if ev.met or t <= 0 else max(ZERO, a / t * w)
        rule = "正向指标公式（达标得满分，否则B÷A×分值）"
    elif ev.direction == "negative":
        if ev.met:
            exact = w
        elif profile.negative == "linear" and t > 0:
            exact = max(ZERO, (1 - (a - t) / t) * w)
        else:
            exact = t / a * w if a > 0 else ZERO
        rule = ("反向指标公式（达标得满分，否则" +
                ("(1−(B−A)÷A)×分值）" if profile.negative == "linear" else "A÷B×分值）"))
    else:
        exact = w if ev.met else ZERO
        rule = "等值指标（等于指标值得满分）"
    if not ev.explicit:
        rule += "，指标值未写≥或≤，方向按指标名称推定"
    exact = min(exact, w)
    ev.figure = Figure(ind.name or "", "score", ind.score, exact, accepted_scores(exact), rule,
                       ind.refs.get("score", ind.ref))


_PARTIAL = re.compile(r"部分达成|部分完成|基本达成|基本完成|一定效果|较好")
_NOT_MET = re.compile(r"未达成|未完成|没有完成|较差|效果差|^差$|未达到")
_MET = re.compile(r"^(已)?(达成|完成|实现)|达成预期|达成年度|全部完成|已完成|^(好|优|优秀|良好|显著|明显|及时|是|有效)")


def _band_of(ind: Indicator) -> str | None:
    text = norm(ind.actual.text) if ind.actual else ""
    if not text:
        return None
    if _NOT_MET.search(text):
        return "未达成"
    if _PARTIAL.search(text):
        return "部分达成"
    if (ind.target and norm(ind.target.text) and norm(ind.target.text) == text) or _MET.search(text):
        return "达成"
    return None


def _qualitative(ind: Indicator, ev: IndicatorEval, profile: Profile) -> None:
    ev.band = _band_of(ind)
    band = next((b for b in profile.bands if b.level == ev.band), None)
    if band is None or ind.weight is None:
        ev.why = "定性指标，完成情况未写明档次" if ev.band is None else "规则未设该档"
        return
    k = ind.weight / HUNDRED
    rng = Range(band.low * k, band.high * k)
    rule = f"定性指标“{band.level}”档（分值的{fmt(band.low)}%～{fmt(band.high)}%）"
    ev.figure = Figure(ind.name or "", "score", ind.score, None, rng, rule, ind.refs.get("score", ind.ref))


def evaluate_indicator(ind: Indicator, profile: Profile) -> IndicatorEval:
    t, a = ind.target, ind.actual
    blank_actual = a is None or (a.value is None and not norm(a.text))
    if blank_actual:
        return IndicatorEval(ind, "blank", why="完成值空白")
    quantitative = (t is not None and t.op not in (QUALITATIVE,) and
                    (t.value is not None or t.op == "range") and a.value is not None)
    if not quantitative:
        ev = IndicatorEval(ind, "qualitative")
        _qualitative(ind, ev, profile)
        return ev
    ev = IndicatorEval(ind, "quantitative")
    if ind.weight is None:
        ev.why = "未印分值"
        _direction_only(ind, ev, profile)
        return ev
    if not _comparable(ind, ev):
        ev.why = f"指标值单位“{ev.unit_clash[0]}”与完成值单位“{ev.unit_clash[1]}”不一致，无法计分"
        return ev
    _quantitative(ind, ev, profile)
    return ev


def _direction_only(ind: Indicator, ev: IndicatorEval, profile: Profile) -> None:
    """Target tables without weights (目标表) still say whether each target was met."""
    if _comparable(ind, ev):
        _judge(ind, ev, profile)


# --- the whole form ----------------------------------------------------------------------

def evaluate(form: Form, profile: Profile) -> FormEval:
    """Recompute one form under ``profile``."""
    out = FormEval(form, profile)
    main = form.budget.main if form.budget else None
    if main is not None and main.filled:
        out.rate = _rate(main, profile)
        out.execution_score = _execution_score(out.rate, profile)
    out.indicators = [evaluate_indicator(i, profile) for i in form.indicators]
    for i in form.indicators:
        lv = level1_of(i)
        if lv and i.weight is not None:
            out.level_weights[lv] = out.level_weights.get(lv, ZERO) + i.weight
    weights = [i.weight for i in form.indicators if i.weight is not None]
    if weights:
        ew = main.weight if main is not None else None
        if ew is None and main is not None and main.score is not None and profile.execution_weight is not None:
            ew, out.execution_weight_implied = profile.execution_weight, True
        out.weight_sum = sum(weights, ZERO) + (ew or ZERO)
        scores = [i.score for i in form.indicators if i.score is not None]
        es = main.score if main is not None else None
        out.score_sum = sum(scores, ZERO) + (es or ZERO)
        total = ZERO
        for ev in out.indicators:
            f = ev.figure
            if f is not None and f.expected is not None:
                total += f.expected
            elif ev.indicator.score is not None:
                total += ev.indicator.score
        if out.execution_score is not None:
            total += out.execution_score.expected
        elif es is not None:
            total += es
        out.recomputed_total = total
    return out
