"""Scores side by side (复核计分表): what each form reported and what the profile gives."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..claims import KINDS, Claim
from ..pipeline import Checked
from ..precision import Range, fmt, fmt_range, pts
from ..rules.engine import Figure, FormEval
from .terminal import KIND_NAMES


def _mark(agrees: bool | None) -> Text:
    return {True: Text("✓", style="green"), False: Text("✗", style="bold red")}.get(agrees, Text("–", style="dim"))


def _figure_row(t: RichTable, f: Figure, subject: str | None = None) -> None:
    t.add_row(str(f.ref.line), subject or f.subject, fmt(f.reported), pts(f.expected) if f.expected is not None
              else "", fmt_range(f.accepted, None) if f.accepted else "", _mark(f.agrees), f.rule)


def form_table(ev: FormEval) -> RichTable:
    t = RichTable(show_lines=False, expand=False, pad_edge=False)
    for col in ("行", "项目", "填报", "复核", "可接受", "", "规则"):
        t.add_column(col, overflow="fold")
    r = ev.rate
    if r is not None:
        ok = None if r.row.rate is None or r.range is None else Range.printed(r.row.rate).overlaps(r.range)
        t.add_row(str(r.row.ref.line), f"执行率（{r.row.name}）", fmt(r.row.rate),
                  fmt(r.point, 2) if r.point is not None else "", fmt_range(r.range) if r.range else "", _mark(ok),
                  f"全年执行数{fmt(r.row.executed)}÷全年预算数{fmt(r.denominator)}×100%")
    if ev.execution_score:
        _figure_row(t, ev.execution_score)
    for e in ev.indicators:
        i = e.indicator
        if e.figure is not None:
            _figure_row(t, e.figure)
        else:
            t.add_row(str(i.ref.line), i.name or "", fmt(i.score) if i.score is not None else "", "", "",
                      _mark(None), e.why or ("已达成" if e.met else ("未达成" if e.met is False else "")))
    f = ev.form
    if ev.weight_sum is not None:
        t.add_row("", "分值合计", fmt(f.total_weight), fmt(ev.weight_sum), "100", _mark(ev.weight_sum == 100),
                  "各项分值之和")
    if ev.score_sum is not None:
        t.add_row("", "得分合计", fmt(f.total_score), fmt(ev.score_sum), "", _mark(
            None if f.total_score is None else f.total_score == ev.score_sum), "各项填报得分之和")
    if ev.recomputed_total is not None:
        grade = ev.profile.grade_of(ev.recomputed_total)
        t.add_row("", "复核总分", "", pts(ev.recomputed_total), "", Text(grade), "按规则复核后的总分与等级")
    return t


def print_scores(console: Console, result: Checked) -> None:
    head = Text(result.path, style="bold")
    if result.profile:
        head.append(f"\n  规则：{result.profile.name}（{result.profile_reason}）", style="dim")
    console.print(head)
    if result.error:
        console.print(Text(f"  {result.error.code} {result.error.message}", style="bold red"))
        return
    for n, ev in enumerate(result.evals):
        f = ev.form
        title = f"表{n + 1} {KIND_NAMES.get(f.kind, f.kind)}{'“' + f.project + '”' if f.project else ''}（第{f.ref.line}行）"
        console.print(Text(title, style="bold"))
        console.print(form_table(ev))
    if result.claims:
        console.print(Text(f"文中论断（{len(result.claims)}处，逐一复核）/ claims in the prose", style="bold"))
        console.print(claims_table(result.claims))


def claims_table(claims: list[Claim]) -> RichTable:
    """Every claim of the prose with its recomputed value and how it was recomputed."""
    t = RichTable(show_lines=False, expand=False, pad_edge=False)
    for col in ("行", "类型", "文中", "所写", "复核", "", "依据"):
        t.add_column(col, overflow="fold")
    for c in claims:
        t.add_row(str(c.ref.line), KINDS.get(c.kind, c.kind), c.quote[:24] + ('…' if len(c.quote) > 24 else ''), c.stated, c.expected,
                  _mark(True if c.ok else None if c.tail else False), c.rule)
    return t


def _figure_json(f: Figure) -> dict:
    return {"subject": f.subject, "field": f.field, "reported": f.reported, "expected": f.expected,
            "accepted": [f.accepted.lo, f.accepted.hi] if f.accepted else None, "agrees": f.agrees,
            "rule": f.rule, "source": f.ref.to_json()}


def form_totals(ev: FormEval) -> dict:
    """A form's reported and recomputed totals and grade (填报与复核的总分、等级)."""
    f = ev.form
    total = ev.recomputed_total
    return {"reported": {"weight": f.total_weight, "score": f.total_score, "grade": f.grade},
            "recomputed": {"weight": ev.weight_sum, "score_sum": ev.score_sum,
                           "score": total.quantize(Decimal("0.01")) if total is not None else None,
                           "grade": ev.profile.grade_of(total) if total is not None else None}}


def scores_json(results: list[Checked]) -> list[dict]:
    """``score --format json``: per file, every form's figures reported and recomputed, with the
    rule, and every claim of the prose."""
    out = []
    for r in results:
        forms = []
        for n, ev in enumerate(r.evals):
            figures = []
            if ev.rate is not None:
                row = ev.rate.row
                figures.append({"subject": f"执行率（{row.name}）", "field": "rate", "reported": row.rate,
                                "expected": ev.rate.point, "accepted": [ev.rate.range.lo, ev.rate.range.hi]
                                if ev.rate.range else None, "agrees": None if row.rate is None or ev.rate.range is None
                                else Range.printed(row.rate).overlaps(ev.rate.range),
                                "rule": f"全年执行数{fmt(row.executed)}÷全年预算数{fmt(ev.rate.denominator)}×100%",
                                "source": row.ref.to_json()})
            if ev.execution_score:
                figures.append(_figure_json(ev.execution_score))
            figures += [_figure_json(e.figure) for e in ev.indicators if e.figure is not None]
            forms.append({"form": n, "kind": ev.form.kind, "title": ev.form.title, "project": ev.form.project,
                          "source": ev.form.ref.to_json(), **form_totals(ev), "figures": figures})
        out.append({"file": r.path, "document": r.info.to_json() if r.info else None,
                    "profile": r.profile.id if r.profile else None, "profile_reason": r.profile_reason,
                    "error": {"code": r.error.code, "zh": r.error.zh, "en": r.error.en} if r.error else None,
                    "forms": forms, "claims": [c.to_json() for c in r.claims]})
    return out
