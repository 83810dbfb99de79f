"""Formulas (公式) of the entry workbook, written from a rule profile.

Every formula keeps to functions that Excel, WPS and LibreOffice compute alike (IF, OR, AND,
MIN, MAX, SUM, COUNT, ISNUMBER, N), and leaves the cell blank ("") until its inputs are typed,
so an unfilled table shows no #DIV/0!.
"""

from __future__ import annotations

from decimal import Decimal

from ..precision import fmt
from ..rules.profile import Profile


def num(x: Decimal | None) -> str:
    """A Decimal as a formula literal: 10, 0.7."""
    return fmt(x if x is not None else Decimal(0))


def total_of(rng: str) -> str:
    """A funding column's total row: the sum of the rows below, blank while they are."""
    return f'=IF(COUNT({rng})=0,"",SUM({rng}))'


def balance(adjusted: str, executed: str) -> str:
    """资金结(转)余 = 全年预算数 − 全年执行数, blank while either is."""
    return f'=IF(OR({adjusted}="",{executed}=""),"",{adjusted}-{executed})'


def rate(executed: str, denominator: str) -> str:
    """执行率 = 执行数 ÷ 预算数 (the profile's denominator), as a fraction shown 0.00%."""
    return f'=IF(OR({executed}="",{denominator}="",N({denominator})=0),"",{executed}/{denominator})'


def execution_score(rate_cell: str, weight: str, cap: bool) -> str:
    """预算执行得分 = 执行率 × 分值, capped at the weight where the profile caps it."""
    body = f"MIN({weight},{rate_cell}*{weight})" if cap else f"{rate_cell}*{weight}"
    return f'=IF({rate_cell}="","",{body})'


def _band_points(profile: Profile) -> list[tuple[str, str]]:
    """(level, share of the weight) of the qualitative lookup: 达成 at the band's top, the other
    levels at their band's middle."""
    out = []
    for b in profile.bands:
        share = b.high if b.level == "达成" else (b.low + b.high) / 2
        out.append((b.level, num(share / 100)))
    return out


def indicator_score(at: dict[str, str], profile: Profile) -> str:
    """One indicator's score by the profile's formulas (指标得分)."""
    o, t, a, w = at.get("op", '""'), at["target"], at["actual"], at["weight"]
    pos = f"IF(OR({a}>={t},{t}<=0),{w},MAX(0,{a}/{t}*{w}))"
    if profile.negative == "linear":
        neg = f"IF({a}<={t},{w},IF({t}>0,MAX(0,(1-({a}-{t})/{t})*{w}),IF({a}>0,{t}/{a}*{w},0)))"
    else:
        neg = f"IF({a}<={t},{w},IF({a}>0,MIN({w},{t}/{a}*{w}),0))"
    equal = f"IF({a}={t},{w},0)" if profile.equal == "exact" else pos
    quant = f'IF({o}="≤",{neg},IF({o}="=",{equal},{pos}))'
    qual = '""'
    for level, share in reversed(_band_points(profile)):
        qual = f'IF({a}="{level}",{w}*{share},{qual})'
    return (f'=IF(OR({w}="",{a}=""),"",IF({o}="定性",{qual},'
            f'IF(AND(ISNUMBER({a}),ISNUMBER({t})),{quant},"")))')


def score_what(profile: Profile) -> str:
    """What an indicator's score formula computes, in words."""
    neg = "(1−(完成值−指标值)÷指标值)×分值" if profile.negative == "linear" else "指标值÷完成值×分值"
    qual = "、".join(f"{lv}得分值×{share}" for lv, share in _band_points(profile))
    return (f"指标得分（正向≥/=：达标得满分，否则完成值÷指标值×分值；反向≤：达标得满分，否则{neg}；"
            f"定性：{qual}）")


def total_weight(rng: str, exec_weight: str | None) -> str:
    return f"=SUM({rng})" + (f"+N({exec_weight})" if exec_weight else "")


def total_score(rng: str, exec_score: str | None) -> str:
    extra = f"+N({exec_score})" if exec_score else ""
    return f'=IF(COUNT({rng})=0,"",SUM({rng}){extra})'


def grade(total: str | None, profile: Profile) -> str:
    """自评等级 by the profile's bands (优/良/中/差)."""
    if total is None:
        return '=""'
    bands = list(profile.grades)
    body = f'"{bands[-1][1]}"'
    for low, name in reversed(bands[:-1]):
        body = f'IF({total}>={num(low)},"{name}",{body})'
    return f'=IF({total}="","",{body})'


def bands_text(profile: Profile) -> str:
    return "、".join(f"{name}≥{num(low)}" for low, name in profile.grades)
