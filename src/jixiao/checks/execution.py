"""Budget execution checks (预算执行): the funding block of a self-evaluation table."""

from __future__ import annotations

import re

from ..precision import Range, fmt, fmt_range, pts, step, sum_range
from ..rules.engine import FormEval
from ..values import is_not_applicable
from . import Context, check, hit

AMOUNTS = {"initial": "年初预算数", "declared": "目标申报数", "adjusted": "全年预算数",
           "executed": "全年执行数", "balance": "结余数"}


def _label(ev: FormEval) -> str:
    return ev.rate.row.name if ev.rate else "资金总额"


@check("JX101", "error", "execution")
def rate_mismatch(ev: FormEval, ctx: Context):
    """执行率与执行数÷全年预算数不符 — execution rate does not match its amounts.

    **What it checks.** The printed 执行率 of the funding row against 全年执行数 ÷ 全年预算数
    × 100%. Each printed amount stands for a range (8.52 means 8.515–8.525), so the rate is
    recomputed as a range and the printed rate (itself rounded) must fall inside it.

    **Why it matters.** The rate drives the execution score (10 points) and is the first
    figure a finance bureau reads; a mistyped rate misstates how much of the budget was spent.

    **Fires:** 全年预算数 67.00, 全年执行数 40.90, 执行率 65.00% (40.90 ÷ 67.00 = 61.04%).

    **Does not fire:** 全年预算数 18.02, 全年执行数 8.52, 执行率 47.27% — the exact quotient is
    47.28%, but 8.515 ÷ 18.025 … 8.525 ÷ 18.015 spans 47.24%–47.32%, so 47.27% is a fair rounding.
    A rate that matches 年初预算数 instead is JX102, not this check.
    """
    r = ev.rate
    if r is None or r.row.rate is None or r.range is None:
        return
    if Range.printed(r.row.rate).overlaps(r.range):
        return
    if r.initial_range is not None and Range.printed(r.row.rate).overlaps(r.initial_range):
        return  # JX102
    yield hit(r.row.refs.get("rate", r.row.ref), "执行率",
              f"{_label(ev)}执行率填报{fmt(r.row.rate)}%，按全年执行数{fmt(r.row.executed)}÷全年预算数"
              f"{fmt(r.denominator)}计算应为{fmt(r.point, 2)}%（已按金额的打印精度放宽为{fmt_range(r.range)}%）。",
              f"{fmt(r.point, 2)}%", f"{fmt(r.row.rate)}%")


@check("JX102", "error", "execution")
def wrong_denominator(ev: FormEval, ctx: Context):
    """执行率用年初预算数作分母 — execution rate computed against the initial budget.

    **What it checks.** A printed 执行率 that matches 全年执行数 ÷ 年初预算数 but not
    全年执行数 ÷ 全年预算数, where the two budgets differ.

    **Why it matters.** Every template defines the rate against 全年预算数 — the budget after
    adjustment (财预〔2020〕10号 practice; Sichuan 调整后预算数; Shanxi 备注3). Using the
    initial budget misstates execution whenever the budget was adjusted, and the score with it.

    **Fires:** 年初预算数 1952.05, 全年预算数 1787.04, 全年执行数 1787.04, 执行率 91.55%
    (= 1787.04 ÷ 1952.05; against 全年预算数 it is 100.00%).

    **Does not fire:** the same row with 执行率 100.00%, or a row whose budget was not adjusted.
    """
    r = ev.rate
    if r is None or r.row.rate is None or r.range is None or r.initial_range is None:
        return
    printed = Range.printed(r.row.rate)
    if printed.overlaps(r.range) or not printed.overlaps(r.initial_range):
        return
    yield hit(r.row.refs.get("rate", r.row.ref), "执行率",
              f"{_label(ev)}执行率{fmt(r.row.rate)}%是以年初预算数{fmt(r.row.initial)}为分母算出的，"
              f"应以全年预算数{fmt(r.denominator)}为分母，即{fmt(r.row.executed)}÷{fmt(r.denominator)}"
              f"={fmt(r.point, 2)}%。", f"{fmt(r.point, 2)}%", f"{fmt(r.row.rate)}%")


@check("JX103", "error", "execution")
def execution_score(ev: FormEval, ctx: Context):
    """预算执行得分与规则不符 — execution score does not follow the profile.

    **What it checks.** The score printed for budget execution against the profile's rule:
    执行率 (recomputed from the amounts) × 分值, capped at 分值. The profiles do not fix the
    rounding, so any score from the result rounded down to a whole point up to the result
    rounded half-up (to a whole point or to 0.01) is accepted.

    **Why it matters.** Ten points of every self-evaluation hang on this one cell; a score
    above what the spending supports inflates the grade.

    **Fires:** 全年预算数 1787.04, 全年执行数 1787.04 (100%), 分值 10, 得分 8.

    **Does not fire:** 执行率 90.24%, 分值 10, 得分 9 (9.024 rounded down), or 得分 9.02.
    """
    f = ev.execution_score
    if f is None or f.reported is None or f.agrees:
        return
    r = ev.rate
    yield hit(f.ref, "预算执行率得分",
              f"{_label(ev)}预算执行得分填报{fmt(f.reported)}分，执行率{fmt(r.point, 2)}%"
              f"（{fmt(r.row.executed)}÷{fmt(r.denominator)}）按规则{f.rule}应得{pts(f.expected)}分"
              f"（取整后可接受{fmt_range(f.accepted, None)}分）。", f"{pts(f.expected)}", f"{fmt(f.reported)}")


@check("JX104", "warning", "execution")
def missing_explanation(ev: FormEval, ctx: Context):
    """执行率低于规则门槛却未说明原因 — low execution rate left unexplained.

    **What it checks.** Where the profile sets a threshold (Sichuan: 90%), a funding row whose
    execution rate is below it must carry a reason in the 原因 / 偏差原因 column.

    **Why it matters.** The Sichuan template requires a reason of at most 100 characters for
    any rate below 90%; an unexplained shortfall is sent back by the reviewer.

    **Fires (profile sichuan):** 执行率 61.04%, 原因 blank.

    **Does not fire:** 执行率 61.04% with 原因 “受财政资金拨付进度影响…”, or 执行率 95%.
    """
    r, limit = ev.rate, ev.profile.explain_below
    if r is None or not limit:
        return
    rate = r.row.rate if r.row.rate is not None else r.point
    if rate is None or rate >= limit:
        return
    rows = ev.form.budget.rows if ev.form.budget else []
    if any((row.reason or "").strip() for row in rows):
        return
    yield hit(r.row.refs.get("rate", r.row.ref), "执行率",
              f"{_label(ev)}执行率{fmt(rate, 2)}%低于{fmt(limit)}%，按规则“{ev.profile.name}”应在原因栏说明偏差原因，"
              "但原因栏为空。", f"执行率低于{fmt(limit)}%须说明原因", "原因栏空白")


@check("JX105", "error", "execution", declarations=True)
def rows_do_not_add_up(ev: FormEval, ctx: Context):
    """资金来源各行之和不等于总额行 — funding sub-rows do not add up to the total row.

    **What it checks.** For each amount column (年初预算数, 全年预算数, 全年执行数 …), the
    sub-rows (当年财政拨款, 上年结转, 其他资金; 基本支出, 项目支出 …) must sum to the total
    row. Differences within the printed precision of the terms are accepted; a difference of one
    unit in the last printed digit beyond that is reported as rounding (info).

    **Why it matters.** A total that is not the sum of its parts means one of the amounts —
    and every rate computed from it — is wrong.

    **Fires:** 年度资金总额 4473.76 = 基本支出 741.04 + 项目支出 3722.72 (sum 4463.76).

    **Does not fire:** 4473.76 = 741.04 + 3732.72; sub-rows all blank.
    """
    b = ev.form.budget
    total = b.total_row if b else None
    if total is None or not total.filled:
        return
    parts = [r for r in b.rows if not r.is_total]
    for key, name in AMOUNTS.items():
        t = getattr(total, key)
        vals = [getattr(r, key) for r in parts if getattr(r, key) is not None]
        if t is None or not vals:
            continue
        rng = sum_range(vals)
        if Range.printed(t).overlaps(rng):
            continue
        s = sum(vals)
        off = abs(s - t)
        severity = "info" if off <= step(t) + (rng.hi - rng.lo) / 2 else None
        yield hit(total.refs.get(key, total.ref), f"{total.name}·{name}",
                  f"{total.name}的{name}填报{fmt(t)}，各资金来源行之和为{fmt(s)}，相差{fmt(abs(s - t))}"
                  + ("，在末位数的舍入范围内。" if severity else "。"), fmt(s), fmt(t), severity)


@check("JX106", "error", "execution")
def balance_mismatch(ev: FormEval, ctx: Context):
    """结余数不等于全年预算数减执行数 — balance is not budget minus spending.

    **What it checks.** Where the table prints 资金结(转)余 (Shanxi), it must equal 全年预算数 −
    全年执行数 within the printed precision.

    **Why it matters.** The balance is what is carried forward or returned; a wrong one hides
    unspent money.

    **Fires:** 全年预算数 66, 全年执行数 57.74, 结余 0.

    **Does not fire:** 全年预算数 11.88, 全年执行数 11.88, 结余 0.
    """
    b = ev.form.budget
    for row in b.rows if b else []:
        if None in (row.balance, row.adjusted, row.executed):
            continue
        rng = sum_range([row.adjusted, row.executed])
        diff = row.adjusted - row.executed
        width = (rng.hi - rng.lo) / 2
        if Range.printed(row.balance).overlaps(Range(diff - width, diff + width)):
            continue
        yield hit(row.refs.get("balance", row.ref), f"{row.name}·结余",
                  f"{row.name}结余填报{fmt(row.balance)}，全年预算数{fmt(row.adjusted)}减全年执行数"
                  f"{fmt(row.executed)}应为{fmt(diff)}。", fmt(diff), fmt(row.balance))


@check("JX107", "warning", "execution")
def total_row_blank(ev: FormEval, ctx: Context):
    """资金总额行空白，只填了分项行 — total funding row left blank.

    **What it checks.** The 年度资金总额 / 总额 row is blank while a sub-row (其中：当年财政拨款 …)
    carries the figures.

    **Why it matters.** The total row is the one the template scores and the one a reader
    compares across years; leaving it blank makes the table depend on a guess (jixiao then
    uses the only filled sub-row, and says so here).

    **Fires:** 年度资金总额 blank; 其中：当年财政拨款 1614.08 / 1614.08 / 1489.33.

    **Does not fire:** 年度资金总额 1614.08 / 1614.08 / 1489.33 filled in.
    """
    b = ev.form.budget
    total = b.total_row if b else None
    if total is None or total.filled:
        return
    filled = [r for r in b.rows if r.filled and not r.is_total]
    if filled:
        yield hit(total.ref, total.name,
                  f"{total.name}行空白，资金数只填在“{filled[0].name}”行，应填写总额行。",
                  "总额行填写", "空白")


_SHORTFALL = re.compile(r"节约|结余|未支付|未拨付|未使用|未发生|少于|减少|下降|政策调整|未完成|未结算")
_ADJUSTED = re.compile(r"调减|调整预算|预算调整|收回|核减|追减|无偏差|全部执行")


@check("JX108", "warning", "execution")
def budget_backfilled(ev: FormEval, ctx: Context):
    """全年预算数疑按执行数倒填 — the full-year budget seems back-filled from the spending.

    **What it checks.** A funding row whose 全年预算数 equals its 全年执行数 to the last printed
    digit, below a larger 年初预算数, while the same block gives a 偏差原因 (原因) for spending
    less. A budget that was really adjusted to the spending needs no deviation reason; one that
    is explained means the money was allotted and not spent, and the 100% rate is hollow.

    **Why it matters.** The execution rate (and its 10 points) is computed against 全年预算数.
    Writing the spending into that cell makes any shortfall a 100% rate; the reviewer asks for
    the adjustment approval (调整批复) or recomputes the rate against the allotted budget.

    **Fires:** 年初预算数 2,200,000, 全年预算数 1,088,374.21, 全年执行数 1,088,374.21, 执行率
    100, 偏差原因 “报销政策调整所致” (1,088,374.21 ÷ 2,200,000 = 49.47%).

    **Does not fire:** 年初预算数 1952.05, 全年预算数 1787.04, 全年执行数 1787.04 with no
    deviation reason, or a reason that says the budget was adjusted (“年中调减预算”, “结余收回”):
    a budget adjusted at year end; or 全年预算数 2,200,000 with 执行数 1,088,374.21.
    """
    b = ev.form.budget
    reasons = " ".join(r.reason for r in (b.rows if b else []) if r.reason and not is_not_applicable(r.reason))
    if not _SHORTFALL.search(reasons) or _ADJUSTED.search(reasons):
        return   # no reason for spending less, or one that says the budget itself was adjusted
    row = ev.rate.row if ev.rate else None
    if row is None or None in (row.initial, row.adjusted, row.executed) or row.adjusted <= 0:
        return
    if row.adjusted != row.executed or row.initial <= row.adjusted:
        return
    rate = row.executed / row.initial * 100
    yield hit(row.refs.get("adjusted", row.ref), f"{row.name}·全年预算数",
              f"{_label(ev)}全年预算数{fmt(row.adjusted)}与全年执行数分毫不差，低于年初预算数"
              f"{fmt(row.initial)}，偏差原因栏却说明了少支出的原因，执行率100%疑为按执行数倒填；"
              f"请提供预算调整依据，否则执行率应为{fmt(row.executed)}÷{fmt(row.initial)}="
              f"{fmt(rate, 2)}%。", f"{fmt(row.initial)}（或预算调整依据）", fmt(row.adjusted))
