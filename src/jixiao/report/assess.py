"""Assessment of the self-evaluation work (自评工作考核): ``jixiao assess FILE``.

The items of a 自评工作考核评分表 that the document itself answers are scored (客观项):
the report's parts against its outline, the listed attachments, the first-level weights
against the rule profile, the indicators refined to level 3. Every other item — the notice,
the working group, on-time submission, whether indicators are meaningful, how well problems
are analysed — is a judgement (待评审): it is shown with its points and criterion and never
scored. An objective item the document gives no data for (no report, no forms) falls back to
the reviewer too, and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..forms.model import DEPT as DEPT_FORM
from ..forms.model import PROJECT as PROJECT_FORM
from ..pipeline import Checked
from ..precision import pts
from ..rules.engine import FormEval
from ..values import norm
from . import document_names, reports
from .attachments import Attachment, AttachmentList, locate
from .reports import DEPT, Report
from .scoring import Item, ScoringTable, builtin, find_table, measures
from .sections import check_sections, required_attachments

FORM_NAMES = {DEPT_FORM: "部门整体支出绩效自评表", PROJECT_FORM: "项目支出绩效自评表"}
OBJECTIVE, JUDGEMENT = "objective", "judgement"
ZERO = Decimal(0)


@dataclass
class Fact:
    """One thing measured (依据), with its source line."""

    text: str
    line: int | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "line": self.line}


@dataclass
class Scored:
    """An item of the scoring table with its score (客观项) or left to the reviewer (待评审)."""

    item: Item
    kind: str
    score: Decimal | None = None
    basis: list[Fact] = field(default_factory=list)
    note: str | None = None       # why an objective item was left to the reviewer

    def to_json(self) -> dict:
        i = self.item
        return {"name": i.name, "level1": i.level1, "level2": i.level2, "points": i.points, "kind": self.kind,
                "score": self.score, "measure": i.measure, "criterion": i.criterion, "evidence": i.evidence,
                "line": i.ref.line if i.ref else None, "basis": [f.to_json() for f in self.basis], "note": self.note}


@dataclass
class Assessment:
    """The scoring table applied to one file (考核结果)."""

    file: str
    table: ScoringTable
    profile_id: str
    profile_name: str
    profile_reason: str
    report: Report | None
    items: list[Scored]

    @property
    def total_points(self) -> Decimal:
        return sum((s.item.points for s in self.items), ZERO)

    @property
    def objective_points(self) -> Decimal:
        return sum((s.item.points for s in self.items if s.kind == OBJECTIVE), ZERO)

    @property
    def objective_score(self) -> Decimal:
        return sum((s.score for s in self.items if s.kind == OBJECTIVE and s.score is not None), ZERO)

    @property
    def awaiting(self) -> Decimal:
        return sum((s.item.points for s in self.items if s.kind == JUDGEMENT), ZERO)

    @property
    def summary(self) -> str:
        return (f"objective {pts(self.objective_score)} of {pts(self.objective_points)}; "
                f"{pts(self.awaiting)} points await the reviewer")

    def to_json(self) -> dict:
        t, r = self.table, self.report
        return {"file": self.file,
                "table": {"title": t.title, "origin": t.origin, "source": t.source,
                          "line": t.ref.line if t.ref else None, "total": t.total},
                "profile": {"id": self.profile_id, "name": self.profile_name, "reason": self.profile_reason},
                "report": None if r is None else {"title": r.title, "kind": r.kind, "line": r.ref.line},
                "items": [s.to_json() for s in self.items],
                "total": {"points": self.total_points, "objective_points": self.objective_points,
                          "objective_score": self.objective_score, "awaiting_reviewer": self.awaiting,
                          "summary": self.summary}}


def _q(x: Decimal) -> Decimal:
    """A score as printed: at most two decimals, no trailing zeros."""
    return Decimal(pts(x))


def _deduction(item: Item, default: Decimal | None) -> tuple[Decimal, Decimal]:
    """Points off per missing part and the cap, read from the criterion ("每少一个部分扣2分，最多扣8分")."""
    s = norm(item.criterion)
    m = re.search(r"(?:每|缺)[^，,；;。]{0,10}?扣(\d+(?:\.\d+)?)分", s)
    per = Decimal(m.group(1)) if m else (default if default is not None else item.points)
    cap = re.search(r"最多扣(\d+(?:\.\d+)?)分", s)
    return per, min(Decimal(cap.group(1)), item.points) if cap else item.points


class _Measurer:
    def __init__(self, result: Checked, report: Report | None):
        self.r = result
        self.report = report
        self.names = document_names(result.doc, result.forms)
        self.evals: list[FormEval] = [ev for ev in result.evals
                                      if ev.form.kind in FORM_NAMES and ev.form.indicators]

    def _form(self, ev: FormEval) -> str:
        f = ev.form
        return f"{FORM_NAMES[f.kind]}{'“' + f.project + '”' if f.project else ''}"

    def report_sections(self, item: Item) -> tuple[Decimal | None, list[Fact]]:
        rep = self.report
        if rep is None or not rep.structured:
            return None, [Fact("文件中未识别出分部分编号的自评报告，无法自动测算正文是否齐全")]
        st = check_sections(rep, self.names, self.r.profile.id)
        missing = [s for s in st if s.found is None]
        outlines = "、".join(dict.fromkeys(s.section.outline for s in st))
        facts = [Fact(f"《{rep.title}》按{outlines}应有{len(st)}个部分，缺{len(missing)}个", rep.ref.line)]
        for s in st:
            if s.found is None:
                facts.append(Fact(f"✗{s.section.name}：未见"))
            else:
                same = norm(s.found[0]) == norm(s.section.name)
                facts.append(Fact(f"✓{s.section.name}" + ("" if same else f"（“{s.found[0]}”）"), s.found[1].line))
        return self._deduct(item, len(missing), facts)

    def attachments(self, item: Item) -> tuple[Decimal | None, list[Fact]]:
        rep = self.report
        if rep is None:
            return None, [Fact("文件中未识别出自评报告，无从确定应附哪些附件")]
        lst, where = rep.attachments, "报告所列附件"
        if lst is None or not lst.items:
            wanted = required_attachments(rep, self.names, self.r.profile.id)
            if not wanted:
                return None, [Fact("报告未列附件，适用的提纲也未规定附件，无法自动测算")]
            lst = AttachmentList(rep.ref, [Attachment(n, t, rep.ref) for n, t in enumerate(wanted, 1)])
            locate(lst, self.r.doc, self.r.forms, rep.paragraphs)
            where = "报告未列附件，按适用提纲要求的附件"
        facts = [Fact(f"{where}{len(lst.items)}项，文件中未见{len(lst.missing)}项", lst.ref.line)]
        for a in lst.items:
            if a.present:
                facts.append(Fact(f"✓附件{a.number}“{a.title}”：见第{a.found[0].line}行", a.ref.line))
            else:
                none = f"（报告第{a.none_stated.line}行称无此项支出）" if a.none_stated else ""
                facts.append(Fact(f"✗附件{a.number}“{a.title}”：未见{none}", a.ref.line))
        return self._deduct(item, len(lst.missing), facts)

    def _deduct(self, item: Item, missing: int, facts: list[Fact]) -> tuple[Decimal, list[Fact]]:
        per, cap = _deduction(item, measures()[item.measure].per_missing)
        off = min(cap, per * missing)
        score = max(ZERO, item.points - off)
        facts.append(Fact(f"得分 = {pts(item.points)} − min({pts(cap)}, {pts(per)}×{missing}) = {pts(score)}"))
        return _q(score), facts

    def weights(self, item: Item) -> tuple[Decimal | None, list[Fact]]:
        if not self.evals:
            return None, [Fact("文件中未识别出部门整体支出或项目支出绩效自评表，无法自动测算权重")]
        p = self.r.profile
        ok = total = 0
        facts = [Fact(f"按评分规则“{p.name}”：" + "、".join(
            [f"预算执行{pts(p.execution_weight)}分"] * (p.execution_weight is not None)
            + [f"{k}{pts(v)}分" for k, v in p.level_weights.items()]
            + ([f"绩效指标合计{pts(p.indicators_weight)}分"] if not p.level_weights and p.indicators_weight else [])))]
        for ev in self.evals:
            parts = []
            main = ev.form.budget.main if ev.form.budget else None
            if p.execution_weight is not None:
                w = main.weight if main is not None else None
                good = w == p.execution_weight or (w is None and ev.execution_weight_implied)
                shown = f"{pts(w)}分" if w is not None else ("未印分值（按规则计）" if good else "未设分值")
                parts.append((good, f"预算执行{shown}"))
            wanted = dict(p.level_weights)
            if not wanted and p.indicators_weight is not None:
                got = sum((i.weight for i in ev.form.indicators if i.weight is not None), ZERO)
                parts.append((got == p.indicators_weight, f"绩效指标合计{pts(got)}分"))
            for lv, want in wanted.items():
                got = ev.level_weights.get(lv, ZERO)
                parts.append((got == want, f"{lv}{pts(got)}分" + ("" if got == want else f"（应为{pts(want)}分）")))
            ok += sum(1 for g, _ in parts if g)
            total += len(parts)
            facts.append(Fact(f"{self._form(ev)}：" + "，".join(t + ("✓" if g else "✗") for g, t in parts),
                              ev.form.ref.line))
        score = item.points * ok / total if total else ZERO
        facts.append(Fact(f"得分 = {pts(item.points)} × {ok}/{total} = {pts(score)}（按符合项所占比例）"))
        return _q(score), facts

    def level3(self, item: Item) -> tuple[Decimal | None, list[Fact]]:
        if not self.evals:
            return None, [Fact("文件中未识别出部门整体支出或项目支出绩效自评表，无法自动测算指标层级")]
        done = total = 0
        facts = []
        for ev in self.evals:
            bad = [i for i in ev.form.indicators if not _refined(i)]
            n = len(ev.form.indicators)
            done, total = done + n - len(bad), total + n
            text = f"{self._form(ev)}：{n}项指标" + ("均细化到三级指标" if not bad else "中" + "、".join(
                f"第{i.ref.line}行“{i.name or i.level2 or '空白'}”" for i in bad[:5]) + f"等{len(bad)}项未细化到三级")
            facts.append(Fact(text, ev.form.ref.line))
        score = item.points if done == total else (ZERO if done == 0 else item.points * done / total)
        rule = "" if done in (0, total) else "（部分细化，规则为酌情扣分，此处按比例计，评审人可调整）"
        facts.append(Fact(f"得分 = {pts(item.points)} × {done}/{total} = {pts(score)}{rule}"))
        return _q(score), facts


def _refined(ind) -> bool:
    """An indicator row refined to level 3 (细化到三级): a third-level name of its own under a
    second-level one. Whether the name says anything is the reviewer's item, not this one."""
    name, l1, l2 = norm(ind.name), norm(ind.level1), norm(ind.level2)
    return bool(name and l2 and name not in (l1, l2))


_HINTS = [(re.compile(r"问题"), "problems"), (re.compile(r"建议"), "measures")]


def _judgement(item: Item, report: Report | None, m: _Measurer) -> Scored:
    facts = [Fact(f"评分标准：{item.criterion}", item.ref.line if item.ref else None)]
    if item.evidence:
        facts.append(Fact(f"所需佐证材料：{item.evidence}"))
    if report is not None and report.structured:
        for pat, sid in _HINTS:
            if pat.search(item.level2):
                st = next((s for s in check_sections(report, m.names, m.r.profile.id) if s.section.id == sid), None)
                if st is not None and st.found is not None:
                    h = next((h for h in report.all_headings() if h.ref == st.found[1]), None)
                    size = f"（{h.total_len}字）" if h is not None else ""
                    facts.append(Fact(f"报告相关部分：“{st.found[0]}”{size}", st.found[1].line))
    return Scored(item, JUDGEMENT, None, facts)


def _pick_report(found: list[Report]) -> Report | None:
    structured = [r for r in found if r.structured]
    return next((r for r in structured if r.kind == DEPT), None) or next(iter(structured), None) or \
        next(iter(found), None)


def assess(result: Checked, table: ScoringTable | None = None) -> Assessment:
    """Apply the file's own scoring table (or the built-in one) to a checked file."""
    try:
        table = table or find_table(result.doc)
    except Exception:   # an unforeseen table layout: fall back on the built-in table
        table = None
    table = table or builtin()
    try:
        found = reports(result.doc, result.forms)
    except Exception:   # an unforeseen layout: assess without a report rather than stop
        found = []
    rep = _pick_report(found)
    m = _Measurer(result, rep)
    scored = []
    for item in table.items:
        fn = getattr(m, item.measure, None) if item.measure in measures() else None
        if fn is None:
            scored.append(_judgement(item, rep, m))
            continue
        try:
            score, facts = fn(item)
        except Exception as exc:   # a bug met on an unforeseen document: leave the item to the reviewer
            score, facts = None, [Fact(f"自动测算未能完成（内部错误：{exc!r}），请向 jixiao 报告此文件")]
        if score is None:   # no data for it in this file: the reviewer's, with the reason
            s = _judgement(item, rep, m)
            s.note = facts[0].text if facts else None
            s.basis = facts[1:] + s.basis
            scored.append(s)
        else:
            scored.append(Scored(item, OBJECTIVE, score, facts))
    p = result.profile
    return Assessment(result.path, table, p.id, p.name, result.profile_reason, rep, scored)
