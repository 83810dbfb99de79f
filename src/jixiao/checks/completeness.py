"""Completeness checks (完整性): template text left in, blanks, missing signatures and dates."""

from __future__ import annotations

import re
from functools import cache

from ..resources import package_file
from ..blocks import Paragraph
from ..precision import fmt, pts
from ..rules.engine import FormEval
from ..values import norm
from ..schema import TEMPLATES, load_toml
from . import Context, check, hit

TEXT_NAMES = {"goal": "年度目标", "goal_actual": "目标完成情况", "conclusion": "评价结论", "problems": "存在问题",
              "measures": "改进措施", "process": "实施过程"}


@cache
def _templates() -> dict:
    return load_toml(package_file("data", "templates.toml"), TEMPLATES)


@cache
def template_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in _templates()["patterns"])


@cache
def prose_prompts() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in _templates().get("prose_patterns", ()))


def free_texts(ev: FormEval):
    """(place, name, text) of every free-text cell of a form."""
    f = ev.form
    for key, text in f.texts.items():
        yield f.refs.get(f"texts.{key}", f.ref), TEXT_NAMES.get(key, key), text
    for row in f.budget.rows if f.budget else []:
        if row.reason:
            yield row.refs.get("reason", row.ref), f"{row.name}·原因", row.reason
    for i in f.indicators:
        if i.note:
            yield i.refs.get("note", i.ref), f"{i.name}·偏差原因", i.note


@check("JX401", "warning", "completeness", declarations=True)
def template_text_left(ev: FormEval, ctx: Context):
    """模板提示语未删除 — template instructions left in a filled form.

    **What it checks.** Free-text cells (目标完成情况, 评价结论, 存在问题, 改进措施, 原因) that
    still hold the template's own instructions: “（200字以内）”, “结合自评情况，…”,
    “预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的…”. The patterns are data
    (``data/templates.toml``).

    **Why it matters.** A prompt left in place means the box was never written; the reviewer
    has nothing to assess and the published table looks unfinished.

    **Fires:** 存在问题: “结合自评情况，分析存在的问题及原因。（200字以内）”.

    **Does not fire:** 存在问题: “资金拨付不及时。”
    """
    for ref, name, text in free_texts(ev):
        s = norm(text)
        if any(p.search(s) for p in template_patterns()):
            short = text if len(text) <= 40 else text[:40] + "…"
            yield hit(ref, name, f"{name}栏仍是模板提示语“{short}”，未填写实际内容。", "实际内容", short)


def stated_in_prose(name: str | None, prose: str) -> bool:
    """Whether the report's text states an indicator's value: its name, then a figure within a
    few characters (“参保人员满意度100%”, “政策知晓度为98%”)."""
    key = norm(name)
    if len(key) < 4:
        return False
    return bool(re.search(re.escape(key) + r"[^，,。；;\d]{0,6}\d", prose))


@check("JX402", "warning", "completeness")
def blank_actual(ev: FormEval, ctx: Context):
    """实际完成值空白 — a target without its actual.

    **What it checks.** In a form that has been filled in, each indicator with a target but
    nothing in 实际完成值 (or in the completion table that should report it). A form left
    wholly blank is JX408 instead.

    **Why it matters.** Without the actual the target's completion — and its score — cannot be
    judged.

    **Fires:** 成本指标 “<=150万元” with no completion value.   **Does not fire:** actual 148万元;
    a blank cell whose value the report's text states (“参保人员满意度100%”).
    """
    if not ev.filled:
        return
    prose = "".join(norm(b.text) for b in ctx.doc.blocks if isinstance(b, Paragraph))
    for e in ev.indicators:
        i = e.indicator
        if e.kind == "blank" and i.target is not None and (i.score is None or i.score == 0):
            if stated_in_prose(i.name, prose):
                continue   # the report gives the value in its text (“参保人员满意度100%”)
            yield hit(i.refs.get("actual", i.ref), i.name or "", f"“{i.name}”指标值为{i.target.text}，实际完成值空白。",
                      "完成值", "空白")


@check("JX403", "warning", "completeness")
def blank_score(ev: FormEval, ctx: Context):
    """得分空白 — a weight without a score.

    **What it checks.** In a filled-in form, an indicator or the execution row that has a
    weight (分值/权重) but a blank score, and a 合计 row that prints the total weight but no total
    score while the rows above are scored.

    **Why it matters.** A blank score makes the total unverifiable; where the total counts it
    anyway (JX301) the table contradicts itself.

    **Fires:** 预算执行 权重 10, 执行率 61.04%, 得分 blank.   **Does not fire:** 得分 6.
    """
    if not ev.filled:
        return
    main = ev.form.budget.main if ev.form.budget else None
    if main is not None and main.weight is not None and main.score is None and main.filled:
        want = f"{pts(ev.execution_score.expected)}" if ev.execution_score else "得分"
        yield hit(main.refs.get("weight", main.ref), "预算执行率得分",
                  f"{main.name}预算执行分值{fmt(main.weight)}分，得分栏空白"
                  + (f"（按规则应得{want}分）。" if ev.execution_score else "。"), want, "空白")
    for i in ev.form.indicators:
        if i.weight is not None and i.score is None:
            yield hit(i.refs.get("weight", i.ref), i.name or "", f"“{i.name}”分值{fmt(i.weight)}分，得分栏空白。",
                      "得分", "空白")
    f = ev.form
    if f.total_weight is not None and f.total_score is None and f.budget is not None \
            and any(i.score is not None for i in f.indicators):   # not a form cut off above its indicators
        want = pts(ev.score_sum) if ev.score_sum is not None else "得分"
        yield hit(f.refs.get("total_weight", f.refs.get("total", f.ref)), "合计得分", f"合计分值{fmt(f.total_weight)}分，合计得分栏空白"
                  + (f"（各项得分之和为{want}分）。" if ev.score_sum is not None else "。"), want, "空白")


def _lost_points(ev: FormEval) -> bool:
    """Some row scored below its weight, or the execution score is blank or short."""
    main = ev.form.budget.main if ev.form.budget else None
    if main is not None and main.weight is not None and (main.score is None or main.score < main.weight):
        return True
    return any(i.weight is not None and i.score is not None and i.score < i.weight for i in ev.form.indicators)


@check("JX404", "warning", "completeness")
def problems_blank(ev: FormEval, ctx: Context):
    """失分却未写存在问题或改进措施 — points lost, but no problems or measures written.

    **What it checks.** A form that did not score full marks whose 存在问题 or 改进措施 box is
    blank.

    **Why it matters.** The templates ask for the causes of every shortfall and the measures
    taken; a blank box where points were lost leaves the deduction unexplained.

    **Fires:** total 88 of 100, 存在问题 blank.

    **Does not fire:** total 100 with the boxes blank; total 88 with both boxes written.
    """
    if not ev.filled or not _lost_points(ev):
        return
    for key in ("problems", "measures"):
        if key in ev.form.texts and not ev.form.texts[key].strip():
            name = TEXT_NAMES[key]
            yield hit(ev.form.refs.get(f"texts.{key}", ev.form.ref), name,
                      f"本表有失分项（填报得分合计{fmt(ev.score_sum)}分），{name}栏却为空，未分析失分原因。", "填写", "空白")


@check("JX405", "warning", "completeness")
def missing_signature(ev: FormEval, ctx: Context):
    """负责人或填表人未签 — a signature line left blank.

    **What it checks.** Signature labels printed on the form (项目负责人, 财务负责人, 填表人,
    单位负责人 …) with nothing after them.

    **Why it matters.** The signatures make the unit answerable for the figures; an unsigned
    form is incomplete for submission.

    **Fires:** “项目负责人：” blank.   **Does not fire:** “项目负责人：伏翔鳞”.
    """
    for role, name in ev.form.people.items():
        if not name.strip():
            yield hit(ev.form.refs.get(f"people.{role}", ev.form.ref), role, f"{role}未填写。", "签名", "空白")


@check("JX406", "warning", "completeness")
def missing_date(ev: FormEval, ctx: Context):
    """填报日期空白 — the form's date left blank.

    **What it checks.** A date label (填报日期, 填表日期, 报送日期) printed with no date.

    **Why it matters.** The date places the evaluation in time; without it statements such as
    “截至目前已拨付” cannot be checked.

    **Fires:** “填报日期：” blank.   **Does not fire:** “填报日期：2024.6.26”.
    """
    for label, value in ev.form.dates.items():
        if not value.strip():
            yield hit(ev.form.refs.get(f"dates.{label}", ev.form.ref), label, f"{label}未填写。", "日期", "空白")


@check("JX407", "warning", "completeness")
def deviation_unexplained(ev: FormEval, ctx: Context):
    """失分指标未分析原因 — an indicator lost points with no deviation note.

    **What it checks.** An indicator scored below its weight whose 偏差原因 / 未完成原因分析
    cell is blank.

    **Why it matters.** The templates require the reason for each deviation and the measures
    planned (黔南州 注2; 四川 未完成原因分析); a silent deduction cannot be reviewed.

    **Fires:** 完成时限 分值 10, 得分 8, 未完成原因分析 blank.

    **Does not fire:** 医保工作总成本 分值 20, 得分 10, with a reason written.
    """
    for i in ev.form.indicators:
        if i.weight is not None and i.score is not None and i.score < i.weight and not (i.note or "").strip():
            yield hit(i.refs.get("score", i.ref), i.name or "",
                      f"“{i.name}”得{fmt(i.score)}分（分值{fmt(i.weight)}分），未说明失分原因。", "偏差原因", "空白")


@check("JX408", "warning", "completeness")
def form_unfilled(ev: FormEval, ctx: Context):
    """整张表未填写完成情况 — a whole form left unfilled.

    **What it checks.** A self-evaluation form with targets but no actual and no score in any
    indicator row; the message also names a blank execution score (with what the rule gives it)
    and a blank 合计得分, since they are part of the same unfilled form.

    **Why it matters.** The form was submitted as a blank template; none of its figures can be
    assessed. (The per-row blanks are not reported again.)

    **Fires:** six indicators with targets and weights, every 完成值 and 得分 blank.

    **Does not fire:** a form with its completion values filled in.
    """
    f = ev.form
    if f.indicators and not ev.filled and any(i.target is not None for i in f.indicators):
        name = f.project or f.title or "本表"
        blanks = [f"{len(f.indicators)}项指标的完成值和得分"]
        main = f.budget.main if f.budget else None
        if main is not None and main.weight is not None and main.score is None and main.filled:
            blanks.append("预算执行得分" + (f"（按规则应得{pts(ev.execution_score.expected)}分）"
                                        if ev.execution_score else ""))
        if f.total_weight is not None and f.total_score is None:
            blanks.append("合计得分")
        yield hit(f.ref, name, f"“{name}”{'、'.join(blanks)}全部空白，整表未填写。",
                  "填写完成值与得分", "全部空白")


@check("JX409", "warning", "completeness")
def actual_copies_goal(ev: FormEval, ctx: Context):
    """实际完成情况照录年度目标 — the completion box repeats the goal word for word.

    **What it checks.** A form's 实际完成情况 (年度目标完成情况) box whose text is the 年度目标 /
    预期目标 box's text again, character for character (spaces and punctuation aside).

    **Why it matters.** The box exists to say what was achieved (参保率99%, 完成征缴任务…); a copy of
    the goal says nothing about results, and the form's score rests on nothing written.

    **Fires:** 预期目标 “目标1.持续巩固…目标5.完成州委州政府及上级交办的其他工作任务” and 实际完成情况
    the same text.

    **Does not fire:** an actual box that restates the goal and adds the results; a goal of under
    ten characters.
    """
    goal, done = (_bare(ev.form.texts.get(k)) for k in ("goal", "goal_actual"))
    if len(goal) >= 10 and goal == done:
        f = ev.form
        yield hit(f.refs.get("texts.goal_actual", f.ref), "实际完成情况",
                  "年度目标的实际完成情况栏与预期目标栏文字完全相同，未写明实际完成结果，请补充。",
                  "实际完成结果", "同预期目标")


def _bare(text: str | None) -> str:
    return re.sub(r"[\s，,。.;；:：、]", "", norm(text))


@check("JX411", "warning", "completeness", scope="document")
def prompt_left_in_prose(ctx: Context):
    """说明正文中留有模板填写说明 — a template's fill-in instruction left in the published text.

    **What it checks.** Paragraphs of the 说明 or 报告 that still carry a bracketed instruction to
    the writer: “（按“部门预算公开06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）”,
    “（请据实填写…）”, “（200字以内）”. The patterns are data (``data/templates.toml``,
    ``prose_patterns``). The same instruction met several times is one finding with its places.

    **Why it matters.** The instruction was for the writer, not the public; left in, it shows the
    text was not finished and the reader cannot tell whether the list before it was checked.

    **Fires:** “主要包括：基本工资、津贴补贴……（按“部门预算公开06表 财政拨款基本支出预算表”中实际发生
    经济分类支出事项填写）”.

    **Does not fire:** “（按规定程序报批）” — a bracket that states what was done, not what to write.
    """
    for b in ctx.doc.blocks:
        if not isinstance(b, Paragraph):
            continue
        for pat in prose_prompts():
            for m in pat.finditer(b.text):
                prompt = m.group(0)
                generic = re.sub(r"\s|\d", "", prompt)
                yield hit(b.ref_at(m.start()), generic,
                          f"正文中留有模板填写说明“{prompt}”，请删去并核对其前所列内容。", "删去填写说明", generic)


@check("JX410", "warning", "completeness")
def required_cell_blank(ev: FormEval, ctx: Context):
    """应填栏目空白 — a cell the form requires left blank: 执行率, 等级, 指标值.

    **What it checks.** In a filled-in form: the funding row's 执行率 blank under a 执行率
    column while its amounts are filled; a 评价等级 / 自评等级 row, or the 自评结论 box, with nothing
    in it while no grade is given anywhere on the form; an indicator with a weight and an actual but a blank
    指标值 (target). A blank score is JX403, a whole blank form JX408.

    **Why it matters.** A blank required cell is not a zero: the table cannot be verified from
    what it prints, and a reviewer sends it back. Said, not skipped in silence.

    **Fires:** 执行率 column present, 全年预算数 1180.00, 全年执行数 1121.00, 执行率 blank
    (the amounts give 95.00%).

    **Does not fire:** 执行率 95.00%; a form without a 执行率 column.
    """
    if not ev.filled:
        return
    f = ev.form
    main = f.budget.main if f.budget else None
    if main is not None and "rate" in f.budget.columns and main.rate is None \
            and main.executed is not None and (main.adjusted or main.initial):
        r = ev.rate
        if r is not None and r.point is not None and r.denominator:
            base = "全年预算数" if r.denominator == main.adjusted else "年初预算数"
            want = f"{fmt(r.point, 2)}%"
            said = f"按全年执行数{fmt(main.executed)}÷{base}{fmt(r.denominator)}应为{want}，"
        else:
            want, said = "执行率", ""
        yield hit(main.refs.get("executed", main.ref), "执行率", f"{main.name}执行率栏空白，{said}请填写。", want, "空白")
    total = f"（总分{fmt(f.total_score)}分）" if f.total_score is not None else ""
    if f.grade is None and "grade_blank" in f.refs:
        yield hit(f.refs["grade_blank"], "评价等级", f"评价等级栏空白{total}，请按评分标准填写等级。", "等级", "空白")
    elif f.grade is None and "conclusion" in f.texts and not f.texts["conclusion"].strip():
        yield hit(f.refs.get("texts.conclusion", f.ref), "自评结论", f"自评结论栏空白{total}，请填写评价等级或结论。",
                  "自评结论", "空白")
    for i in f.indicators:
        if i.target is None and i.weight is not None and i.actual is not None and (i.actual.text or "").strip():
            yield hit(i.refs.get("actual", i.ref), i.name or "", f"“{i.name}”填了实际完成值“{i.actual.text}”，"
                      "指标值（年度目标值）却为空白，完成情况无从对照。", "指标值", "空白")
