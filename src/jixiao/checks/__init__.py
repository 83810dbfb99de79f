"""Checks (检查): small functions with stable codes, like a linter's rules.

A check is registered with ``@check(code, severity, family)``. Its docstring is its
documentation: the first line is the title, the rest says what it checks, why it matters, an
example that fires and one that does not. ``docs/checks/`` and ``jixiao rule CODE`` are made
from that one text. Form checks take a ``FormEval`` and the ``Context``; document checks take
the ``Context`` only. Both yield ``Finding``s made with ``hit()``; the runner fills in the
code, severity, file and form index.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from decimal import Decimal

from ..blocks import Document, SourceRef
from ..classify.kind import SELF_EVAL
from ..forms.model import Form
from ..rules.engine import FormEval
from ..rules.profile import Profile

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}   # 级别: the one set of names every output uses


@dataclass(frozen=True)
class Finding:
    """One finding (问题): what disagrees, where, and by which rule."""

    code: str
    severity: str
    subject: str
    message: str
    expected: str | None
    found: str | None
    ref: SourceRef | None
    form: int | None = None
    fingerprint: str = ""   # the same problem in a re-typeset or resubmitted file keeps it
    also: tuple[SourceRef, ...] = ()   # the other places the same problem shows (a repeated rendering)

    @property
    def place(self) -> str:
        """Where, in the user's terms: 第3页, the cell (表2!C5, Sheet1!G6), else the rendition line."""
        return self.ref.where if self.ref is not None else "全文"

    def to_json(self) -> dict:
        r = self.ref
        table = r.cell.split("!")[0] if r and r.cell and "!" in r.cell else None
        return {"file": r.file if r else None, "line": r.line if r else None,
                "page": r.page if r else None, "cell": r.cell if r else None, "table": table,
                "place": self.place, "source": r.to_json(grid=True) if r else None, "form": self.form,
                "code": self.code, "severity": self.severity, "subject": self.subject, "message": self.message,
                "expected": self.expected, "found": self.found, "fingerprint": self.fingerprint,
                "places": [x.to_json(grid=True) for x in ((r,) if r else ()) + self.also]}


def fingerprint(code: str, form: Form | None, subject: str, expected: str | None, found: str | None) -> str:
    """A finding's identity without its place: the check, the form (its kind and what it is about),
    the subject and the two values. A line that moves does not change it; a value that changes does."""
    what = "" if form is None else f"{form.kind}|{form.project or form.title or form.department or ''}"
    key = "\x1f".join((code, what, subject or "", expected or "", found or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def hit(ref: SourceRef | None, subject: str, message: str, expected: object = None, found: object = None,
        severity: str | None = None) -> Finding:
    """A finding from inside a check; code and default severity are filled in by the runner."""
    return Finding("", severity or "", subject, message,
                   None if expected is None else str(expected), None if found is None else str(found), ref)


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    family: str
    scope: str            # "form" | "document"
    fn: Callable
    declarations: bool = False             # also runs on target tables that declare, not evaluate
    documents: tuple[str, ...] | None = None  # document kinds it fits (None: every kind)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.fn.__doc__ or "")

    @property
    def title(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.code


REGISTRY: dict[str, Check] = {}

FAMILIES = {
    "reading": "读取质量 / reading quality",
    "execution": "预算执行 / budget execution",
    "indicators": "指标与分值 / indicators and weights",
    "totals": "合计与等级 / totals and grades",
    "completeness": "完整性 / completeness",
    "prose": "单位与文字 / units and prose",
    "claims": "文中论断 / claims in the prose, recomputed",
    "accounts": "决算与科目 / final accounts and classification codes",
    "basic": "基础数据与部门比率 / basic data and department ratios",
    "renderings": "同一项目的多处呈现 / one project, many renderings",
    "report": "自评报告 / the report's sections and attachments",
}


SELF_EVAL_DOCUMENTS = SELF_EVAL   # the document kinds that hold a self-evaluation


def check(code: str, severity: str, family: str, scope: str = "form", declarations: bool = False,
          documents: tuple[str, ...] | None = None) -> Callable:
    """Register a check. ``declarations``: it also fits a target table (目标表/申报表) that only
    declares the year's targets; ``documents``: the document kinds it fits (default: all)."""
    assert severity in SEVERITIES and family in FAMILIES and code not in REGISTRY, code

    def register(fn: Callable) -> Callable:
        REGISTRY[code] = Check(code, severity, family, scope, fn, declarations, documents)
        return fn
    return register


@dataclass
class Context:
    """Everything the checks of one document may look at (检查上下文)."""

    doc: Document
    forms: list[Form]
    evals: list[FormEval]
    profile: Profile
    profile_reason: str = ""
    claims: list = field(default_factory=list)   # claims.Claim: the prose's statements, recomputed
    ledger: object = None                          # forms.ledger.Ledger of the final-accounts tables
    kinds: frozenset[str] = frozenset()            # the kinds of the document's parts (classify.kind)
    kind: str | None = None                        # the document's own kind
    year: int | None = None                        # the year the document reports on

    # what several checks read from the document, computed once per document
    @cached_property
    def passages(self) -> list:
        """The paragraphs as claims.mentions.Passage (normalised, with offsets)."""
        from ..claims.mentions import passages
        return passages(self.doc)

    @cached_property
    def coded_tables(self) -> list:
        """The tables whose rows carry classification codes (forms.coded)."""
        from ..forms.coded import coded_tables
        return coded_tables(self.doc)

    @cached_property
    def reports(self) -> list:
        """The self-evaluation reports of the document (report.reports)."""
        from ..report import reports
        return reports(self.doc, self.forms)


def selected(select: Iterable[str] | None, ignore: Iterable[str] | None) -> list[Check]:
    """Checks chosen by code prefixes: ``--select JX1,JX301 --ignore JX104``."""
    sel = [s.strip().upper() for s in (select or []) if s.strip()]
    ign = [s.strip().upper() for s in (ignore or []) if s.strip()]
    out = []
    for code in sorted(REGISTRY):
        if sel and not any(code.startswith(s) for s in sel):
            continue
        if any(code.startswith(s) for s in ign):
            continue
        out.append(REGISTRY[code])
    return out


def run(ctx: Context, checks: list[Check]) -> list[Finding]:
    """Run the checks on one document; findings in source order."""
    found: list[Finding] = []
    for chk in checks:
        if chk.documents is not None and ctx.kinds and not ctx.kinds & set(chk.documents):
            continue
        targets = [(None, (ctx,))] if chk.scope == "document" else [
            (n, (ev, ctx)) for n, ev in enumerate(ctx.evals) if chk.declarations or not ev.form.is_declaration]
        results = []
        for n, args in targets:
            try:
                results += [(n, f) for f in chk.fn(*args)]
            except MemoryError:
                raise
            except Exception as exc:  # a bug met on an unforeseen document must not stop the batch
                logging.getLogger("jixiao").debug("check %s failed on %s", chk.code, ctx.doc.path, exc_info=True)
                ref = ctx.forms[n].ref if n is not None else None
                results.append((n, Finding("JX000", "warning", chk.code, f"检查{chk.code}未能完成（内部错误：{exc!r}），"
                                           "请向 jixiao 报告此文件。", None, None, ref)))
        for n, f in results:
            code, form = f.code or chk.code, f.form if n is None else n
            found.append(replace(f, code=code, severity=f.severity or chk.severity, form=form,
                                 fingerprint=fingerprint(code, ctx.forms[form] if form is not None else None,
                                                         f.subject, f.expected, f.found)))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    found = sorted(found, key=lambda f: (f.ref.line if f.ref else 0, order[f.severity], f.code))
    return _tails_per_code(_one_cause(_once(found)))


def _number(text: str | None) -> Decimal | None:
    m = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(m.group(0)) if m else None


def _absorb(kept: Finding, gone: Finding, clause: str) -> Finding:
    return replace(kept, message=f"{kept.message.rstrip('。')}；{clause}。",
                   also=kept.also + ((gone.ref,) if gone.ref else ()) + gone.also)


def _one_cause(found: list[Finding]) -> list[Finding]:
    """Findings that are one problem seen by two checks become one: a block whose weights exceed
    its header (JX201) is why the form totals 110 (JX302); a rate computed on the wrong
    denominator (JX102) is why its score is off (JX103); one project's two amounts that disagree
    between the same renderings in the same way (JX901) are one disagreement."""
    drop: set[int] = set()
    out = list(found)
    for k, f in enumerate(out):
        if f.form is None or k in drop:
            continue
        same_form = [(j, g) for j, g in enumerate(out) if j != k and j not in drop and g.form == f.form]
        if f.code == "JX201" and f.severity == "error":
            d = (_number(f.found) or 0) - (_number(f.expected) or 0)
            for j, g in same_form:
                if g.code == "JX302" and d and (_number(g.found) or 0) - (_number(g.expected) or 0) == d:
                    out[k] = _absorb(out[k], g, f"因此预算执行与各指标分值之和为{g.found}分，不是100分")
                    drop.add(j)
        if f.code == "JX102":
            for j, g in same_form:
                if g.code == "JX103":
                    out[k] = _absorb(out[k], g, f"按正确的执行率，执行得分应为{g.expected}分，表中填{g.found}分")
                    drop.add(j)
    for k, f in enumerate(out):
        if f.code != "JX901" or k in drop:
            continue
        for j, g in enumerate(out):
            if j > k and j not in drop and g.code == "JX901" and (g.expected, g.found) == (f.expected, f.found) \
                    and g.subject.split("·")[0] == f.subject.split("·")[0]:
                out[k] = replace(out[k], also=out[k].also + ((g.ref,) if g.ref else ()),
                                 message=out[k].message.rstrip("。") + f"；{_field_of(g)}亦同。")
                drop.add(j)
    return [f for k, f in enumerate(out) if k not in drop]


def _field_of(f: Finding) -> str:
    m = re.search(r"的(.+?)各处不一致", f.message)
    return m.group(1) if m else f.subject


def _once(found: list[Finding]) -> list[Finding]:
    """One problem, one finding: findings with one fingerprint (the same typo in the report, its
    appendix and its summary) become the first, with the other places listed."""
    first: dict[str, int] = {}
    out: list[Finding] = []
    for f in found:
        k = first.get(f.fingerprint)
        if k is None:
            first[f.fingerprint] = len(out)
            out.append(f)
        elif f.ref is not None:
            kept = out[k]
            out[k] = replace(kept, also=kept.also + (f.ref,))
    return [replace(f, message=f"{f.message.rstrip('。')}（同一问题另见{'、'.join(_elsewhere(f))}）。")
            if _elsewhere(f) else f for f in out]


def _elsewhere(f: Finding) -> list[str]:
    """The other places of one problem, each named once (two lines of one page are one 第N页)."""
    here = f.ref.where if f.ref else ""
    return list(dict.fromkeys(r.where for r in f.also if r.where != here))


TAIL = "尾数误差"


def _tails_per_code(found: list[Finding]) -> list[Finding]:
    """Rounding tails (尾数误差, info) of one check in one document become one finding listing
    their places, not one line per cell."""
    tails: dict[str, list[Finding]] = {}
    for f in found:
        if f.severity == "info" and TAIL in f.message:
            tails.setdefault(f.code, []).append(f)
    if not any(len(v) > 1 for v in tails.values()):
        return found
    grouped = {id(f) for group in tails.values() if len(group) > 1 for f in group}
    out = []
    for f in found:
        group = tails.get(f.code)
        if id(f) not in grouped:
            out.append(f)
        elif f is group[0]:
            items = "；".join(f"{x.subject.replace('·', ' ')}（{x.expected}与{x.found}）" for x in group[:12]) + ("等" if len(group) > 12 else "")
            refs = tuple(x.ref for x in group[1:] if x.ref) + tuple(r for x in group for r in x.also)
            out.append(replace(f, subject=f"{len(group)}处尾数误差", also=refs, expected=None, found=None,
                               message=f"共{len(group)}处合计与分项相差一个末位单位，在各项金额的尾数误差以内，不影响结论："
                               f"{items}。", fingerprint=fingerprint(f.code, None, TAIL, str(len(group)), None)))
    return out


# the families register themselves on import; they need the names above, so they come last
from . import accounts, basic, claims, completeness, execution, indicators, prose, reading, renderings, report, totals  # noqa: E402, F401
from . import entry  # noqa: E402, F401
