"""A document as the workbench shows it (文件页): its forms laid out, findings with places and
review status, scores reported vs recomputed, the prose's claims and the unit's other submissions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..blocks import SourceRef
from ..checks import Finding
from ..contract import FileRecord
from ..forms.model import Form
from ..history.compare import compare
from ..render.json import loads
from ..store import reviews
from ..store.models import Document, Run
from ..store.query import current_ids, review_status
from .security import Viewer, visible

FORM_ZH = {"dept_self_eval": "部门整体支出绩效自评表", "project_self_eval": "项目支出绩效自评表",
           "dept_targets": "部门整体支出绩效目标表", "project_targets": "项目支出绩效目标表",
           "final_accounts": "部门决算公开表", "basic_data": "基础数据表"}


def record_of_run(session: Session, run_id: int) -> FileRecord:
    """The run's record, type-exact from its contract."""
    return FileRecord.from_json(loads(session.scalar(select(Run.contract).where(Run.id == run_id))))


@dataclass
class Cell:
    """One cell of a form as laid out (单元格): its text and the finding it carries."""

    text: str
    line: int | None = None
    fingerprint: str | None = None
    head: bool = False


@dataclass
class LaidOut:
    """A form laid out like the official table (表单): a caption, facts and rows of cells."""

    index: int
    caption: str
    facts: list[tuple[str, str]]
    rows: list[list[Cell]] = field(default_factory=list)
    line: int | None = None


class _Flags:
    """Which cell carries which finding (标注): by the exact cell where the finding names one (its
    line and column), else by its line — then only on the row's first cell, not across the row."""

    def __init__(self, findings: list[Finding]):
        self.cells: dict[tuple[int, int], str] = {}
        self.lines: dict[int, str] = {}
        for f in findings:
            for ref in ((f.ref,) if f.ref else ()) + tuple(f.also):
                if ref.col is not None:
                    self.cells.setdefault((ref.line, ref.col), f.fingerprint)
                else:
                    self.lines.setdefault(ref.line, f.fingerprint)

    def of(self, ref: SourceRef | None, first: bool) -> str | None:
        if ref is None:
            return None
        if ref.col is not None and (ref.line, ref.col) in self.cells:
            return self.cells[(ref.line, ref.col)]
        return self.lines.get(ref.line) if first else None


def _cell(value: object, ref: SourceRef | None, flags: _Flags, first: bool = False) -> Cell:
    text = "" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)
    return Cell(text, ref.line if ref else None, flags.of(ref, first))


def lay_out(n: int, form: Form, findings: list[Finding]) -> LaidOut:
    """A form as rows of cells: its budget rows (资金), its indicators (指标), or a disclosure
    table's header and rows (决算/预算公开表) — each finding at its own cell."""
    mine = [f for f in findings if f.form == n] or findings
    flags = _Flags(mine)
    facts = [(k, v) for k, v in (("主管部门", form.department), ("实施单位", form.unit), ("项目名称", form.project),
                                 ("年度", form.year), ("总分", form.total_score), ("等级", form.grade),
                                 ("金额单位", form.data.get("unit"))) if v]
    out = LaidOut(n, form.title or FORM_ZH.get(form.kind, form.kind), [(k, _text(v)) for k, v in facts],
                  line=form.ref.line if form.ref else None)
    if form.budget and form.budget.rows:
        out.rows.append([Cell(h, head=True) for h in ("资金", "年初预算数", "全年预算数", "全年执行数", "分值",
                                                       "执行率(%)", "得分")])
        for r in form.budget.rows:
            out.rows.append([_cell(r.label, r.ref, flags, first=True)] + [
                _cell(getattr(r, k), r.refs.get(k, r.ref), flags)
                for k in ("initial", "adjusted", "executed", "weight", "rate", "score")])
    if form.indicators:
        out.rows.append([Cell(h, head=True) for h in ("一级指标", "二级指标", "三级指标", "年度指标值",
                                                       "实际完成值", "分值", "得分", "偏差原因")])
        for i in form.indicators:
            out.rows.append([_cell(i.level1, i.ref, flags, first=True), _cell(i.level2, i.ref, flags),
                             _cell(i.name, i.refs.get("name", i.ref), flags),
                             _cell(i.target.text if i.target else None, i.refs.get("target", i.ref), flags),
                             _cell(i.actual.text if i.actual else None, i.refs.get("actual", i.ref), flags),
                             _cell(i.weight, i.refs.get("weight", i.ref), flags),
                             _cell(i.score, i.refs.get("score", i.ref), flags),
                             _cell(i.note, i.refs.get("note", i.ref), flags)])
    if form.data.get("rows"):   # a 决算/预算公开表 as printed: its header rows, then each row's cells
        out.rows += [[Cell(h, head=True) for h in header] for header in form.data.get("header") or ()]
        for row in form.data["rows"]:
            out.rows.append([_cell(text, SourceRef(form.ref.file, row["line"], row.get("page"), col=k), flags,
                                   first=k == 0) for k, text in enumerate(row["cells"])])
    return out


def _text(v: object) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


@dataclass(frozen=True)
class Shown:
    """A finding as listed (问题): with its place and its latest review."""

    finding: Finding
    status: str
    note: str
    reviewer: str
    trail: tuple[reviews.Verdict, ...] = ()     # every review of it, oldest first (确认、排除、备注)
    excerpt: tuple[tuple[int, str], ...] = ()   # the source lines around its place (原文摘录): number, text
    elsewhere: reviews.Verdict | None = None    # its review on another submission of the same unit, kind and year

    @property
    def status_zh(self) -> str:
        return reviews.ZH.get(self.status, self.status)


AROUND = 2   # lines of the source shown before and after a finding's line


def rendition(session: Session, doc: Document) -> list[str] | None:
    """The document's text rendition as stored at its last check (None: none kept)."""
    text = session.scalar(select(Document.rendition).where(Document.id == doc.id))
    return None if text is None else text.split("\n")


def excerpt(lines: list[str] | None, line: int | None) -> tuple[tuple[int, str], ...]:
    """The lines around ``line`` (1-based), each with its number; () where there is none."""
    if not lines or not line or not 1 <= line <= len(lines):
        return ()
    lo, hi = max(1, line - AROUND), min(len(lines), line + AROUND)
    return tuple((n, lines[n - 1]) for n in range(lo, hi + 1))


@dataclass(frozen=True)
class Other:
    """Another submission of the same unit (同单位的其他提交)."""

    sha256: str
    name: str
    year: int | None
    kind: str | None


@dataclass
class Page:
    """Everything the document page shows."""

    document: Document
    run: Run
    record: FileRecord
    forms: list[LaidOut]
    findings: list[Shown]
    others: list[Other]
    diff: str | None
    diff_with: Other | None


def findings_shown(session: Session, doc: Document, record: FileRecord, siblings: list[int] = ()) -> list[Shown]:
    """The findings with their reviews, their source lines, and (where this document has none)
    the review the same finding got on a sibling submission (``siblings``: document ids)."""
    states = review_status(session, doc.sha256)
    trails = reviews.trails(session, doc.id)
    there = reviews.latest_across(session, list(siblings))
    lines = rendition(session, doc)
    out = []
    for f in record.findings:
        trail = tuple(trails.get(f.fingerprint, ()))
        v = trail[-1] if trail else None
        out.append(Shown(f, states.get(f.fingerprint, "open"), v.note if v else "", v.reviewer if v else "", trail,
                         excerpt(lines, f.ref.line if f.ref else None), None if trail else there.get(f.fingerprint)))
    return out


def others_of(session: Session, viewer: Viewer, doc: Document, run: Run) -> list[Other]:
    if not run.unit:
        return []
    q = (select(Document.sha256, Document.name, Run.year, Run.kind, Run.id).join(Run, Run.document_id == Document.id)
         .where(Run.id.in_(current_ids()), Run.unit == run.unit, Document.id != doc.id)
         .order_by(Run.year.nulls_last(), Run.id))
    return [Other(sha, name, year, kind) for sha, name, year, kind, _ in session.execute(visible(q, viewer))]


def previous(others: list[Other], run: Run) -> Other | None:
    """The submission to compare with: the latest earlier year of the same kind, else of any kind."""
    earlier = [o for o in others if o.year is not None and run.year is not None and o.year < run.year]
    same = [o for o in earlier if o.kind == run.kind]
    pool = same or earlier
    return max(pool, key=lambda o: o.year) if pool else None


def page(session: Session, viewer: Viewer, doc: Document, run: Run) -> Page:
    record = record_of_run(session, run.id)
    others = others_of(session, viewer, doc, run)
    same = [o.sha256 for o in others if o.year == run.year and o.kind == run.kind and run.year is not None]
    siblings = list(session.scalars(select(Document.id).where(Document.sha256.in_(same)))) if same else []
    shown = findings_shown(session, doc, record, siblings)
    forms = [lay_out(n, f, record.findings) for n, f in enumerate(record.forms)]
    prev = previous(others, run)
    diff = None
    if prev is not None:
        old_run = session.scalar(select(Run.id).join(Document, Document.id == Run.document_id)
                                 .where(Document.sha256 == prev.sha256, Run.id.in_(current_ids())))
        c = compare(record_of_run(session, old_run), record)
        k = c.counts()
        diff = (f"与{prev.year}年的提交相比：已修正{k['fixed']}个，新增{k['new']}个（其中错误{k['new_errors']}个），"
                f"仍未修正{k['still_open']}个 / vs {prev.year}: {k['fixed']} fixed, {k['new']} new, "
                f"{k['still_open']} still open")
    return Page(doc, run, record, forms, shown, others, diff, prev)


def by_form(findings: list[Shown], record: FileRecord) -> dict[str, list[Shown]]:
    """Findings grouped by the form they are about (the document itself for the rest)."""
    groups: dict[str, list[Shown]] = defaultdict(list)
    for s in findings:
        n = s.finding.form
        if n is not None and n < len(record.forms):
            f = record.forms[n]
            name = f.title or FORM_ZH.get(f.kind, f.kind)
            groups[f"表{n + 1} {name}{'（' + f.project + '）' if f.project else ''}"].append(s)
        else:
            groups["文件整体"].append(s)
    return dict(groups)
