"""Totals and grades (合计与等级): the bottom line of a self-evaluation table."""

from __future__ import annotations

from ..precision import Range, fmt, pts
from ..rules.engine import FormEval
from ..values import norm
from . import Context, check, hit


def _total_ref(ev: FormEval):
    f = ev.form
    return f.refs.get("total_score") or f.refs.get("total_weight") or f.ref


@check("JX301", "error", "totals")
def total_score(ev: FormEval, ctx: Context):
    """总得分不等于各项得分之和 — total score is not the sum of its parts.

    **What it checks.** The printed 合计/总分 score against the sum of the printed indicator
    scores and the execution score (a blank score counts as 0, and the finding says so).
    A total printed with fewer decimals than its parts is compared at its own precision.

    **Why it matters.** The total decides the grade and is what the bureau records; a total
    that its own rows do not support is the first thing a reviewer sends back.

    **Fires:** 合计 95 while the indicators sum to 85 and the execution score is blank.

    **Does not fire:** 合计 99 = 执行得分 9 + 指标 90.
    """
    f = ev.form
    if f.total_score is None or ev.score_sum is None:
        return
    if ev.score_sum in Range.printed(f.total_score):
        return
    main = f.budget.main if f.budget else None
    blank = "（预算执行得分栏空白，按0分计）" if main is not None and main.weight is not None and main.score is None else ""
    yield hit(_total_ref(ev), "合计得分",
              f"合计得分填报{fmt(f.total_score)}分，但预算执行与各指标得分之和为{fmt(ev.score_sum)}分{blank}。",
              fmt(ev.score_sum), fmt(f.total_score))


@check("JX302", "error", "totals")
def total_weight(ev: FormEval, ctx: Context):
    """分值合计不是100分 — the weights do not total 100.

    **What it checks.** The weights of the execution row and all indicators must sum to 100,
    and a printed 合计 分值 must equal that sum. Where the execution row prints a score but no
    weight (Shanxi report tables), the profile's execution weight is counted and named.

    **Why it matters.** Every template scores out of 100; weights summing to 110 make every
    score and the grade meaningless.

    **Fires:** 预算执行 10 + indicators 100 = 110, 合计 printed 100.

    **Does not fire:** 10 + 90 = 100; a form printing 合计 100 whose funding block was not read
    (the excerpt begins below it), since the execution weight is not known.
    """
    f, p = ev.form, ev.profile
    if ev.weight_sum is None or f.budget is None and f.total_weight is not None:
        return   # a form whose funding block was not read (cut off, or a layout not known): its weight unseen
    ws = ev.weight_sum
    note = f"（预算执行未印分值，按规则计{fmt(p.execution_weight)}分）" if ev.execution_weight_implied else ""
    if ws != 100:
        printed = f"，表中合计栏填{fmt(f.total_weight)}分" if f.total_weight is not None else ""
        yield hit(_total_ref(ev), "分值合计", f"预算执行与各指标分值之和为{fmt(ws)}分{note}，满分应为100分{printed}。",
                  "100", fmt(ws))
    elif f.total_weight is not None and f.total_weight != ws:
        yield hit(_total_ref(ev), "分值合计", f"合计栏分值填{fmt(f.total_weight)}分，各项分值之和为{fmt(ws)}分。",
                  fmt(ws), fmt(f.total_weight))


def _grade_names(ev: FormEval) -> set[str]:
    return {name for _, name in ev.profile.grades}


@check("JX303", "error", "totals")
def grade_band(ev: FormEval, ctx: Context):
    """等级与总分不符 — the grade is not the band of the total score.

    **What it checks.** The printed 自评结论/等级 (优/良/中/差) against the profile's band
    for the printed total (national: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60).

    **Why it matters.** The grade is what gets published and compared across departments.

    **Fires:** 总分 85, 等级 优.   **Does not fire:** 总分 99, 等级 优.
    """
    f = ev.form
    grade = norm(f.grade)
    total = f.total_score if f.total_score is not None else ev.score_sum
    if not grade or total is None or grade not in _grade_names(ev):
        return
    want = ev.profile.grade_of(total)
    if want != grade:
        yield hit(f.refs.get("grade", _total_ref(ev)), "等级",
                  f"总分{fmt(total)}分按规则“{ev.profile.name}”应评为“{want}”，表中评为“{grade}”。", want, grade)


@check("JX304", "warning", "totals")
def recomputed_grade(ev: FormEval, ctx: Context):
    """复核后总分改变等级 — recomputed scores move the total into another grade.

    **What it checks.** The total recomputed under the profile (execution score from the
    amounts, quantitative indicators by their formulas, other scores as printed) against the
    printed grade, or the band of the printed total where no grade is printed.

    **Why it matters.** This is the consequence a reviewer reports: not only that cells are
    wrong, but that the result changes.

    **Fires:** 总分 92 (优), but the recomputed total is 88.5 (良).

    **Does not fire:** a recomputed total of 91.2 against 优.
    """
    f = ev.form
    printed_total = f.total_score if f.total_score is not None else ev.score_sum
    if ev.recomputed_total is None or printed_total is None or ev.weight_sum != 100:
        return  # weights that do not total 100 are JX302; a regrade would mean nothing
    grade = norm(f.grade) if norm(f.grade) in _grade_names(ev) else ev.profile.grade_of(printed_total)
    want = ev.profile.grade_of(ev.recomputed_total)
    if want != grade:
        yield hit(_total_ref(ev), "等级",
                  f"按规则复核后总分为{pts(ev.recomputed_total)}分，等级应为“{want}”，而填报结果为"
                  f"{fmt(printed_total)}分“{grade}”。", f"{pts(ev.recomputed_total)}分（{want}）",
                  f"{fmt(printed_total)}分（{grade}）")
