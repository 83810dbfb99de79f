"""Indicator checks (指标与分值): weights, scores against targets and actuals, names, units."""

from __future__ import annotations

from ..claims.indicators import goal_gaps
from ..forms.model import Indicator
from ..precision import ZERO, Range, fmt, fmt_range, pts
from ..rules.engine import FormEval, cost_upward, is_cost, level1_name, level1_of
from ..values import is_not_applicable, norm
from . import Context, check, hit


def _canon(key: str) -> str | None:
    """Declared-weight label → canonical 一级 name, "all" for the whole block, "execution"."""
    k = norm(key)
    if "执行" in k or "资金" in k:
        return "execution"
    return level1_name(k) or ("all" if "指标" in k else None)


def _first_of(ev: FormEval, level: str | None):
    for i in ev.form.indicators:
        if level is None or level1_of(i) == level:
            return i.ref
    return ev.form.ref


@check("JX201", "error", "indicators", declarations=True)
def declared_weights(ev: FormEval, ctx: Context):
    """指标分值之和与表头标注不符 — indicator weights do not add up to the printed block weight.

    **What it checks.** Blocks whose header prints a weight — 产出指标(50分), 效益指标(30分),
    满意度指标(10分), 绩效指标（90分）, 预算执行情况（10分） — against the sum of the weights
    of the rows in the block.

    **Why it matters.** The template fixes these weights; indicators that sum to more or less
    shift points between blocks (or push the whole table past 100).

    A whole-block label such as “绩效指标 (50分)” over indicators that sum to 90, in a table
    that still totals 100 with the execution weight, is a mislabelled header rather than wrong
    weights: it is reported as info.

    **Fires:** 产出指标(50分) over four indicators of 10 points (40); 绩效指标（90分） over
    indicators summing to 100.

    **Does not fire:** 产出指标(50分) over 10 + 5 + 5 + 10 + 10 + 10.
    """
    f = ev.form
    for key, declared in f.declared_weights.items():
        level = _canon(key)
        if level == "execution":
            main = f.budget.main if f.budget else None
            got = main.weight if main else None
            ref = main.refs.get("weight", main.ref) if main else f.ref
        elif level == "all":
            weights = [i.weight for i in f.indicators if i.weight is not None]
            got, ref = (sum(weights, ZERO) if weights else None), _first_of(ev, None)
        elif level:
            got, ref = ev.level_weights.get(level), _first_of(ev, level)
        else:
            continue
        if got is None or got == declared:
            continue
        severity = None
        if level == "all" and ev.weight_sum == 100 and declared in ev.level_weights.values():
            severity = "info"
        yield hit(ref, key, f"{key}表头标注{fmt(declared)}分，但其下各指标分值之和为{fmt(got)}分"
                  + ("；全表合计仍为100分，应是表头标注有误。" if severity else "。"),
                  fmt(declared), fmt(got), severity)


@check("JX202", "warning", "indicators")
def profile_weights(ev: FormEval, ctx: Context):
    """一级指标分值与评分规则不符 — first-level weights differ from the profile.

    **What it checks.** Where the table does not print its own block weights, the sum of the
    weights under each first-level indicator against the profile (national: 产出50、效益30、
    满意度10、预算执行10; Sichuan and Shanxi: 预算执行10 + 指标90), and the execution weight.

    **Why it matters.** The weights are set “in principle” by the rules (the execution weight
    may not be changed at all); departures must be justified, and reviewers score them (e.g.
    岳阳 附件5).

    **Fires (national):** 效益指标 rows summing to 25 while 产出 50 and 满意度 10.

    **Does not fire:** a Sichuan table whose 10 execution + 90 indicator points add up; a table
    printing 产出指标(50分) (that is JX201's business).
    """
    f, p = ev.form, ev.profile
    if not any(i.weight is not None for i in f.indicators):
        return
    declared = {_canon(k) for k in f.declared_weights}
    new_taxonomy = "成本指标" in ev.level_weights
    if p.level_weights and not new_taxonomy:
        for level, want in p.level_weights.items():
            got = ev.level_weights.get(level)
            if level in declared or got is None or got == want:
                continue
            yield hit(_first_of(ev, level), level,
                      f"{level}各指标分值之和为{fmt(got)}分，规则“{p.name}”规定为{fmt(want)}分。", fmt(want), fmt(got))
    elif p.indicators_weight is not None and "all" not in declared and not declared & set(ev.level_weights):
        got = sum(ev.level_weights.values(), ZERO)
        if got and got != p.indicators_weight:
            yield hit(_first_of(ev, None), "绩效指标",
                      f"绩效指标分值之和为{fmt(got)}分，规则“{p.name}”规定为{fmt(p.indicators_weight)}分。",
                      fmt(p.indicators_weight), fmt(got))
    main = f.budget.main if f.budget else None
    if main and main.weight is not None and p.execution_weight is not None and main.weight != p.execution_weight \
            and "execution" not in declared:
        yield hit(main.refs.get("weight", main.ref), "预算执行率分值",
                  f"预算执行率分值为{fmt(main.weight)}分，规则“{p.name}”规定为{fmt(p.execution_weight)}分且不得调整。",
                  fmt(p.execution_weight), fmt(main.weight))


@check("JX203", "error", "indicators")
def score_above_weight(ev: FormEval, ctx: Context):
    """得分超过分值 — a score above its weight.

    **What it checks.** Every indicator and funding row whose score is higher than its weight.

    **Why it matters.** No third-level indicator may score above its own weight (the cap
    printed in the templates); over-scoring inflates the total.

    **Fires:** 分值 10, 得分 12.   **Does not fire:** 分值 10, 得分 10.
    """
    rows = [(i.name or "", i.weight, i.score, i.refs.get("score", i.ref)) for i in ev.form.indicators]
    if ev.form.budget:
        rows += [(r.name, r.weight, r.score, r.refs.get("score", r.ref)) for r in ev.form.budget.rows]
    for name, w, s, ref in rows:
        if w is not None and s is not None and s > w:
            yield hit(ref, name, f"“{name}”得分{fmt(s)}分，超过其分值{fmt(w)}分。", f"≤{fmt(w)}", fmt(s))


def _describe(ev) -> str:
    i = ev.indicator
    actual = i.actual.text if i.actual else ""
    note = "（完成值按百分比读作" + fmt(ev.actual) + "%）" if ev.ratio_written else ""
    return f"指标值{i.target.text if i.target else ''}，实际完成值{actual}{note}"


@check("JX204", "warning", "indicators")
def met_not_full(ev: FormEval, ctx: Context):
    """指标已完成却未得满分 — a met target scored below full marks.

    **What it checks.** A quantitative indicator whose actual meets its target (≥, ≤, =, a
    range) but whose score is below its weight.

    **Why it matters.** The scoring rule gives full marks to a met target; a deduction then
    needs a reason the table does not give, or the target was wrong. (Where the direction of a
    bare target such as “95%” had to be inferred, the finding is info.)

    **Fires:** 完成时限 =1年, actual 1年, 分值 10, 得分 8.

    **Does not fire:** the same with 得分 10; or actual 0.9年 against ≥1年 (not met: JX205/JX209).
    """
    for e in ev.indicators:
        i, f = e.indicator, e.figure
        if e.met and f is not None and f.reported is not None and i.weight is not None and f.reported < i.weight:
            yield hit(f.ref, i.name or "", f"“{i.name}”{_describe(e)}，已达到目标，按规则应得满分{fmt(i.weight)}分，"
                      f"填报{fmt(f.reported)}分。", fmt(i.weight), fmt(f.reported), None if e.explicit else "info")


@check("JX205", "error", "indicators")
def unmet_overscored(ev: FormEval, ctx: Context):
    """未完成指标得分超过计分公式 — an unmet target scored beyond the formula.

    **What it checks.** A quantitative indicator that misses its target, scored above what the
    profile's formula gives (positive: B/A × 分值; negative: A/B × 分值; rounding to a whole
    point allowed); and a qualitative indicator whose actual names a level (部分达成, 未达成)
    scored above that level's band.

    **Why it matters.** Full marks for a missed target is the commonest way a self-evaluation
    overstates itself; reviewers must dock it.

    **Fires:** 参保人数 =330000人, actual 317360, 分值 20, 得分 20 (formula 19.23).

    **Does not fire:** the same with 得分 19; actual 330000 with 得分 20.
    """
    for e in ev.indicators:
        i, f = e.indicator, e.figure
        if f is None or f.reported is None or f.accepted is None or f.reported <= f.accepted.hi or e.met:
            continue
        if e.kind == "qualitative":
            msg = (f"“{i.name}”完成情况为“{i.actual.text}”，属“{e.band}”档，按{f.rule}应得{fmt_range(f.accepted, None)}分，"
                   f"填报{fmt(f.reported)}分。")
            expected = fmt_range(f.accepted, None)
        else:
            msg = (f"“{i.name}”{_describe(e)}，未达到目标，按{f.rule}应得{pts(f.expected)}分，"
                   f"填报{fmt(f.reported)}分。")
            expected = pts(f.expected)
        yield hit(f.ref, i.name or "", msg, expected, fmt(f.reported),
                  None if e.explicit or e.kind == "qualitative" else "warning")


@check("JX209", "info", "indicators")
def unmet_underscored(ev: FormEval, ctx: Context):
    """未完成指标得分低于计分公式 — an unmet target scored below the formula.

    **What it checks.** A missed quantitative target scored below what the formula gives, or a
    qualitative level scored below its band.

    **Why it matters.** Not an overstatement, but the table's score and its rule disagree; the
    reviewer may want the unit to follow the rule or explain the extra deduction.

    **Fires:** 参保人数 ≥18万人, actual 17.67万人, 分值 5, 得分 3 (formula 4.91).

    **Does not fire:** the same with 得分 4.91, 4 or 5 (rounding).
    """
    for e in ev.indicators:
        i, f = e.indicator, e.figure
        if f is None or f.reported is None or f.accepted is None or e.met or f.reported >= f.accepted.lo:
            continue
        want = fmt_range(f.accepted, None) if f.expected is None else pts(f.expected)
        yield hit(f.ref, i.name or "", f"“{i.name}”{_describe(e)}，按{f.rule}应得{want}分，填报{fmt(f.reported)}分。",
                  want, fmt(f.reported))


@check("JX206", "warning", "indicators")
def score_without_actual(ev: FormEval, ctx: Context):
    """完成值空白却给了分 — a score given where the actual is blank.

    **What it checks.** An indicator with a score above zero and nothing in 实际完成值.

    **Why it matters.** A score must rest on a stated result; without one the reviewer cannot
    verify it and must treat it as unsupported.

    **Fires:** 就医负担减轻程度, target 优, actual blank, 得分 20.   **Does not fire:** actual 优, 得分 20.
    """
    for e in ev.indicators:
        i = e.indicator
        if e.kind == "blank" and i.score is not None and i.score > 0:
            yield hit(i.refs.get("score", i.ref), i.name or "",
                      f"“{i.name}”实际完成值为空，却得{fmt(i.score)}分，得分缺少依据。", "填写完成值", "空白")


@check("JX207", "warning", "indicators", declarations=True)
def duplicate_names(ev: FormEval, ctx: Context):
    """同一表内指标名称重复 — duplicate indicator names in one table.

    **What it checks.** Two third-level indicators of one form with the same name under the same
    second-level indicator.

    **Why it matters.** Each indicator must measure one thing; a repeated name usually means a
    copied row whose name was not changed, and its completion value cannot be told apart.

    **Fires:** “组织专业队伍开展专项稽核工作” twice (=3次 and =6人).   **Does not fire:** distinct names;
    one name under two second-level indicators (a scan cuts two long names alike).
    """
    seen: dict[tuple[str, str], Indicator] = {}
    for i in ev.form.indicators:
        name = norm(i.name)
        if is_not_applicable(name):   # the template's 不适用 rows are not indicators
            continue
        key = (name, norm(i.level2))   # under two headings, a name cut short alike is two indicators
        if key in seen:
            yield hit(i.ref, i.name, f"指标“{i.name}”在本表重复出现（另见{seen[key].ref.where}），应区分或合并。",
                      "名称唯一", f"“{i.name}”出现两次")
        else:
            seen[key] = i


@check("JX208", "warning", "indicators")
def unit_mismatch(ev: FormEval, ctx: Context):
    """指标值与完成值单位不一致 — target and actual in different units.

    **What it checks.** An actual whose unit cannot be converted to the target's (次 vs 人), and
    (as info) an actual written as a ratio — “1”, “0.95” — where the target is a percent.

    **Why it matters.** A score cannot be recomputed across incompatible units, and a ratio in
    a percent column invites misreading (0.95 read as 0.95%).

    **Fires:** target ≥90%, actual 0.95 (info); target ≥5人, actual 5次.

    **Does not fire:** target ≥18万人, actual 176700人 (converted); actual 95%.
    """
    for e in ev.indicators:
        i = e.indicator
        if e.unit_clash:
            yield hit(i.refs.get("actual", i.ref), i.name or "",
                      f"“{i.name}”指标值单位为“{e.unit_clash[0]}”，完成值单位为“{e.unit_clash[1]}”，两者不一致，无法复核得分。",
                      e.unit_clash[0], e.unit_clash[1])
        elif e.ratio_written:
            yield hit(i.refs.get("actual", i.ref), i.name or "",
                      f"“{i.name}”指标值为{i.target.text}，完成值却写作“{i.actual.text}”，应写成百分数"
                      f"{fmt(e.actual)}%。", f"{fmt(e.actual)}%", i.actual.text, "info")


@check("JX210", "warning", "indicators")
def actual_is_a_bound(ev: FormEval, ctx: Context):
    """完成值照抄指标值（写成“≥”“≤”） — the actual restates a bound instead of a result.

    **What it checks.** An actual written with ≥, ≤, > or < (“≥95%”), as targets are.

    **Why it matters.** An actual is a measured result; “≥95%” says only that the target was
    copied, not what was achieved, so the score cannot be verified.

    **Fires:** 群众满意度 target ≥95%, actual ≥95%.   **Does not fire:** actual 96.3%; actual “=5人”.
    """
    for i in ev.form.indicators:
        if i.actual is not None and i.actual.op in ("≥", "≤", ">", "<"):
            yield hit(i.refs.get("actual", i.ref), i.name or "",
                      f"“{i.name}”实际完成值写作“{i.actual.text}”，照抄了指标值的写法，应填写实际达到的数值。",
                      "实际数值", i.actual.text)


@check("JX211", "warning", "indicators", declarations=True)
def target_only_says_qualitative(ev: FormEval, ctx: Context):
    """指标值只写“定性” — the target says only that it is qualitative.

    **What it checks.** A target cell holding nothing but “定性” (the 指标性质, not a value).

    **Why it matters.** Without a stated expectation (达成/及时/优 or a figure), neither the
    unit nor the reviewer can judge whether it was met; where the actual is a figure (640元/人)
    the target should have been that figure.

    **Fires:** target 定性, actual 640元/人.   **Does not fire:** target 及时, actual 及时.
    """
    for i in ev.form.indicators:
        if i.target is not None and norm(i.target.text) in ("定性", "定性指标"):
            yield hit(i.refs.get("target", i.ref), i.name or "",
                      f"“{i.name}”指标值只写“定性”，未写明预期目标" +
                      (f"，而完成值为“{i.actual.text}”。" if i.actual and i.actual.text else "。"),
                      "写明目标值或定性标准", i.target.text)



@check("JX212", "warning", "indicators", declarations=True)
def cost_written_as_floor(ev: FormEval, ctx: Context):
    """成本指标写作“≥/>” — a cost target written as a floor.

    **What it checks.** A 成本 (cost) indicator whose target carries ≥ or > (“>220万元”). A cost is
    a ceiling to stay under; written as a floor, the target says the opposite of what it means,
    and its score cannot be recomputed without guessing which was meant. The finding asks the
    unit to correct the sign; no score is recomputed for it.

    **Why it matters.** Read as written, spending less than planned would fail the target; read as
    meant, it passes. A reviewer cannot sign a score either way until the sign is fixed.

    **Fires:** 成本指标 “>220万元” with 108.84万元 spent.

    **Does not fire:** “≤220万元”; a 数量 indicator “≥20次”; a target table's “>4482万元” with no
    completion value yet (the sign decides nothing until there is one).
    """
    for i in ev.form.indicators:
        if cost_upward(i) and i.actual is not None and i.actual.value is not None:   # the sign decides its score
            yield hit(i.refs.get("target", i.ref), i.name or "",
                      f"成本指标“{i.name}”的指标值写作“{i.target.text}”，成本应控制在上限以内，请核实是否应为"
                      f"“≤{i.target.text.lstrip('≥>＞ ')}”，并据此重新计分。", f"≤{i.target.text.lstrip('≥>＞ ')}",
                      i.target.text)


def _full(i: Indicator) -> bool:
    return i.weight is not None and i.score is not None and i.score >= i.weight > 0


@check("JX213", "warning", "indicators")
def equal_target_not_equal(ev: FormEval, ctx: Context):
    """等值指标未等于指标值却得满分 — an “=” target missed or exceeded, scored full.

    **What it checks.** An indicator whose target is written “=” (＝1处, ＝150人, ＝66万元) and whose
    completion value, in the same unit, is another number — beyond what the printed digits
    allow — while the indicator received its full weight.

    **Why it matters.** “=” promises exactly that figure. Three service points built against ＝1,
    163 people against ＝150, or 57.74万元 spent against ＝66万元 is a deviation the form must
    explain (or the target was meant as ≥/≤ and should say so); full marks hide it.

    **Fires:** “建成标准化医保经办服务区级点位 ＝1处”, 完成3处, 10 of 10.

    **Does not fire:** ＝1处 and 1处; ＝100% and 100%; ＝150人, 163人 scored 8 of 10 with a reason;
    ＝330000人 with 317360 (a shortfall scored against the formula is JX205).
    """
    for e in ev.indicators:
        i = e.indicator
        if e.kind != "quantitative" or e.target is None or e.actual is None or i.target is None \
                or i.target.op != "=" or not _full(i) or e.met is False:   # a shortfall is JX205's
            continue
        if Range.printed(e.target).overlaps(Range.printed(e.actual)):
            continue
        # found is left out of the fingerprint's values: the same indicator in the report and its
        # appendix is one problem, even where one of them carries a typo in the actual
        yield hit(i.refs.get("actual", i.ref), i.name or "",
                  f"“{i.name}”指标值为“{i.target.text}”，实际完成{i.actual.text}，与指标值不等却得满分{fmt(i.score)}分，"
                  "请说明偏离原因，或按计分规则扣分。", i.target.text)


@check("JX214", "warning", "indicators")
def cost_zero_scored_full(ev: FormEval, ctx: Context):
    """成本指标完成值为0却得满分 — a cost indicator with nothing spent, scored full.

    **What it checks.** A 成本 indicator whose completion value is 0 (0.00元, 0万元) against a
    target above 0, scored its full weight.

    **Why it matters.** A cost of nothing means the service was not bought or not yet paid (“第三方
    尚未结算”): the output the cost stands for is not shown, and the full score is unearned.

    **Fires:** 成本指标 “≤95000元”, 完成值 0.00, 20 of 20.

    **Does not fire:** 完成值 94,500元; 0.00 scored 0.
    """
    for e in ev.indicators:
        i = e.indicator
        if e.kind == "quantitative" and e.actual == 0 and e.target and e.target > 0 and _full(i) \
                and is_cost(i):
            yield hit(i.refs.get("actual", i.ref), i.name or "",
                      f"成本指标“{i.name}”完成值为{i.actual.text}，尚未发生成本，却得满分{fmt(i.score)}分，"
                      "请说明原因并按实际完成情况计分。", "按实际完成情况计分", f"{i.actual.text}，{fmt(i.score)}分")


@check("JX215", "warning", "indicators")
def goal_differs_from_indicator(ev: FormEval, ctx: Context):
    """年度目标与对应指标不符 — the goal box states a figure its indicator does not carry.

    **What it checks.** A figure of the 年度目标 (预期目标) box — “预计完成居民医保征收任务17万人”,
    “居民医保财政补贴每人670元标准补助到位” (每人670元 read as 670元/人) — against the one indicator
    of the form that names the same thing in the same unit (three shared character pairs of its
    name, in the clause around the figure; two indicators that fit alike are not judged): its
    指标值, or its 实际完成值 where the target is only 定性. Two bounds (“95%以上” against ≥98%)
    are not compared.

    **Why it matters.** The indicators are how the goal is measured; an indicator set at another
    figure than the goal (≥18万人 for a goal of 17万人), or met at 640元/人 for a goal of 670,
    scores the form against something else than what was promised.

    **Fires:** goal “预计完成居民医保征收任务17万人”, indicator 居民医保参保人数 ≥18万人.

    **Does not fire:** the same goal with the indicator at ≥17万人; a goal “参保率达到95%以上”
    with an indicator ≥98%.
    """
    for gap in goal_gaps(ev):
        ind = gap.ev.indicator
        shown = ind.target.text if gap.against == "指标值" else f"{fmt(gap.value)}{gap.unit}"
        yield hit(gap.ref, ind.name or "", f"年度目标“{gap.quote}”写为{gap.stated}，而对应指标“{ind.name}”"
                  f"（{ind.ref.where}）的{gap.against}为{shown}，目标与指标不一致，请核实。", gap.stated, shown)
