"""One project, many renderings (同一项目的多处呈现): the report's table, its appendix, its summary.

A disclosure often shows a project twice — a self-evaluation table inside the report and again
as an appendix, in 元 in one and 万元 in the other — and once more in the prose summary
(“办公经费项目…全年预算数为57.74万元”). All renderings of one project must agree. Pasted text is
the other side of the same habit: the same problems and measures written for every project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from ..blocks import SourceRef
from ..claims.mentions import SCALE, Passage, is_budget
from ..forms.model import DEPT, PROJECT
from ..precision import Range, fmt
from ..values import norm
from . import SELF_EVAL_DOCUMENTS, Context, check, hit
from .completeness import TEXT_NAMES

_FIELDS = {"adjusted": "全年预算数", "executed": "全年执行数", "initial": "年初预算数"}
_EXECUTED = re.compile(r"执行数|实际支出|支出数|执行金额")
_SUMMARY = re.compile(r"问题(?:及原因)?[:：](.+?)(?:下一步)?(?:改进|整改)措施[:：](.+?)(?:[(（]|$)")


@dataclass
class Rendering:
    """One place that states a project's figures."""

    where: str                                   # “第802行的自评表”
    ref: SourceRef
    unit: str
    amounts: dict[str, tuple[Decimal, SourceRef]] = field(default_factory=dict)
    actuals: dict[str, tuple[Decimal, str, SourceRef]] = field(default_factory=dict)   # indicator → value, unit
    total: tuple[Decimal, SourceRef] | None = None


def project_key(name: str | None) -> str:
    """A project's name for matching: no spaces, quotes, 项目 or 资金 at the end."""
    s = re.sub(r"[\"“”'‘’《》]", "", norm(name))
    return re.sub(r"(项目|资金|绩效自评(报告|表)?)+$", "", s)


def _form_rendering(ev) -> Rendering | None:
    f = ev.form
    main = f.budget.main if f.budget else None
    if main is None:
        return None
    r = Rendering(f"第{f.ref.line}行的自评表", f.ref, f.budget.unit or "元")
    for key in _FIELDS:
        v = getattr(main, key)
        if v is not None:
            r.amounts[key] = (v, main.refs.get(key, main.ref))
    for i in f.indicators:
        a, t = i.actual, i.target
        if a is None or a.value is None or not i.name:
            continue
        unit = a.unit or (t.unit if t else None) or ""
        r.actuals[norm(i.name)] = (a.value, unit, i.refs.get("actual", i.ref))
    if f.total_score is not None:
        r.total = (f.total_score, f.refs.get("total_score", f.ref))
    return r


def _prose_renderings(ps: list[Passage], keys: set[str]) -> dict[str, list[Rendering]]:
    """Summaries that open with a project's name and state its budget and spending."""
    out: dict[str, list[Rendering]] = {}
    for p in ps:
        key = next((k for k in keys if len(k) >= 2 and p.text.startswith(k)), None)
        if key is None:
            continue
        ms = [m for m in p.mentions() if m.money]
        budget = next((m for m in ms if is_budget(m.label)), None)
        spent = next((m for m in ms if _EXECUTED.search(m.label) and not is_budget(m.label)), None)
        if budget is None or spent is None or budget.unit != spent.unit:
            continue
        r = Rendering(f"第{p.line}行的文字说明", budget.ref, budget.unit)
        r.amounts = {"adjusted": (budget.value, budget.ref), "executed": (spent.value, spent.ref)}
        out.setdefault(key, []).append(r)
    return out


def _span(value: Decimal, unit: str) -> Range:
    return Range.printed(value).scale(SCALE.get(unit, Decimal(1)))


def _show(value: Decimal, unit: str) -> str:
    return f"{fmt(value)}{unit}"


def _money_unit(unit: str) -> bool:
    return unit in SCALE


@check("JX901", "error", "renderings", scope="document", documents=SELF_EVAL_DOCUMENTS)
def renderings_agree(ctx: Context):
    """同一项目多处呈现不一致 — one project's renderings disagree.

    **What it checks.** Where a document shows the same project more than once — a
    self-evaluation table in the report and again as an appendix, and the prose summary that opens
    with the project's name — the 年初预算数, 全年预算数 and 全年执行数, the actual values of
    indicators of the same name, and the total score. Amounts in 元 and 万元 are compared after
    conversion, each within its printed precision.

    **Why it matters.** Two renderings that disagree cannot both be right, and the reader cannot
    tell which one was published in error.

    **Fires:** 办公经费: 全年执行数 577394.19元 in the report's table, 67.739万元 in the appendix, and
    “执行数为57.74万元” in the summary.

    **Does not fire:** 临时工工资: 118800元 in one table, 11.88万元 in the other.
    """
    groups: dict[str, list[Rendering]] = {}
    for ev in ctx.evals:
        if ev.form.kind in (PROJECT, DEPT) and ev.form.project:
            r = _form_rendering(ev)
            if r:
                groups.setdefault(project_key(ev.form.project), []).append(r)
    groups = {k: v for k, v in groups.items() if k}
    for key, extra in _prose_renderings(ctx.passages, set(groups)).items():
        groups[key] += extra
    for key, rs in groups.items():
        if len(rs) < 2:
            continue
        yield from _compare(key, rs)


def _compare(key: str, rs: list[Rendering]):
    for name, label in _FIELDS.items():
        have = [(r, *r.amounts[name]) for r in rs if name in r.amounts]
        for r, v, ref in have[1:]:
            first, v0, _ = have[0]
            if not _span(v0, first.unit).overlaps(_span(v, r.unit)):
                others = "；".join(f"{x.where}为{_show(val, x.unit)}" for x, val, _ in have)
                yield hit(ref, f"{key}·{label}", f"“{key}”的{label}各处不一致：{others}。",
                          _show(v0, first.unit), _show(v, r.unit))
                break
    names = {n for r in rs for n in r.actuals}
    for n in sorted(names):
        have = [(r, *r.actuals[m]) for r in rs for m in r.actuals if m == n or (
            min(len(m), len(n)) >= 4 and (m.startswith(n) or n.startswith(m)))]
        if len(have) < 2 or len({id(x) for x, *_ in have}) < 2:
            continue
        (r0, v0, u0, _), rest = have[0], have[1:]
        for r, v, u, ref in rest:
            if r is r0 or not u0 or not u or u0 != u and not (_money_unit(u0) and _money_unit(u)):
                continue   # a value without its unit may be a scan's merged cells (“1188001188”)
            a = _span(v0, u0) if _money_unit(u0) and _money_unit(u) else Range.printed(v0)
            b = _span(v, u) if _money_unit(u0) and _money_unit(u) else Range.printed(v)
            if not a.overlaps(b):
                yield hit(ref, f"{key}·{n}", f"“{key}”的指标“{n}”实际完成值在{r0.where}为{_show(v0, u0)}，"
                          f"在{r.where}为{_show(v, u)}，两处不一致。", _show(v0, u0), _show(v, u))
                break
        names -= {m for m in names if m != n and (m.startswith(n) or n.startswith(m))}
    scored = [r for r in rs if r.total is not None]
    for r in scored[1:]:
        if r.total[0] != scored[0].total[0]:
            yield hit(r.total[1], f"{key}·总分", f"“{key}”的自评总分在{scored[0].where}为{fmt(scored[0].total[0])}，"
                      f"在{r.where}为{fmt(r.total[0])}。", fmt(scored[0].total[0]), fmt(r.total[0]))


@check("JX902", "info", "renderings", scope="document", documents=SELF_EVAL_DOCUMENTS)
def pasted_text(ctx: Context):
    """问题与措施照搬 — the same problems or measures pasted across projects or boxes.

    **What it checks.** The 存在问题 and 改进措施 boxes of every self-evaluation form: a text of
    twenty characters or more that is identical (spaces and punctuation width ignored) in forms of
    different projects, or a 存在问题 box that repeats the form's own 实施过程 or 评价结论.

    **Why it matters.** Problems and measures are meant to follow from this project's deviations;
    pasted text tells the reviewer that no analysis was done, which the scoring rules penalise.

    **Fires:** 临时工工资 and 办公经费 both stating “一是绩效管理制度还需健全，流程尚需优化……” as
    their problems; a 存在问题 box that copies the 实施过程 paragraph.

    **Does not fire:** two projects with different problems; a short “无”.
    """
    boxes = []   # (project key, shown name, box, text, place)
    for ev in ctx.evals:
        f = ev.form
        texts = {k: norm(v) for k, v in f.texts.items() if v}
        for box in ("problems", "measures"):
            text = texts.get(box, "")
            if len(text) < 20:
                continue
            ref = f.refs.get(f"texts.{box}", f.ref)
            copied = next((k for k in ("process", "conclusion", "goal_actual") if box == "problems"
                           and _alike(texts.get(k, ""), text)), None)
            if copied:
                yield hit(ref, f"{f.project or ''}·{TEXT_NAMES[box]}",
                          f"“{f.project or '本表'}”的{TEXT_NAMES[box]}栏与{TEXT_NAMES[copied]}栏文字几乎相同，"
                          "未写出本项目的问题。", "本项目的问题", f"同{TEXT_NAMES[copied]}栏")
            boxes.append((project_key(f.project), f.project or "本表", box, text, ref))
    keys = {b[0] for b in boxes if len(b[0]) >= 2}
    for p in ctx.passages:
        key = next((k for k in keys if p.text.startswith(k)), None)
        m = _SUMMARY.search(p.text) if key else None
        if m:
            boxes += [(key, key, box, m.group(n), p.ref(m.start(n))) for n, box in ((1, "problems"), (2, "measures"))
                      if len(m.group(n)) >= 20]
    for n, (key, shown, box, text, ref) in enumerate(boxes):
        earlier = next((b for b in boxes[:n] if b[2] == box and b[0] != key and _alike(b[3], text)), None)
        if earlier:
            yield hit(ref, f"{shown}·{TEXT_NAMES[box]}",
                      f"“{shown}”的{TEXT_NAMES[box]}与“{earlier[1]}”（{earlier[4].where}）几乎一字不差，请确认是否针对本项目填写。",
                      "结合本项目写出", "与其他项目相同")


def _alike(a: str, b: str) -> bool:
    """Texts that differ at most by a word or two (“下达的” / “下达了”)."""
    if min(len(a), len(b)) < 20:
        return False
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9
