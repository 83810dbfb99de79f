"""The 台账 query (台账查询): one row per document's current run, filtered, sorted and paginated.

One SQL query with the projected columns only (never the contract): the unit, kind, year, the
totals reported and recomputed, the counts of findings, the open ones and the document's latest
review status (审核状态), who uploaded it and whether a department uploaded another unit's file.
A department user's rows are its own unit's and its own uploads.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from ..classify import kind_name
from ..store.models import Document, FindingRow, Run
from ..store.query import current_ids, open_count
from ..store.workbench import DOC_STATUS_ZH as STATUS_ZH
from ..store.workbench import DOC_STATUSES, Batch, BatchDocument, DocumentStatus, User
from .security import Viewer, visible

PAGE = 100
STATUS_OF = {**{v: k for k, v in STATUS_ZH.items()}, **{k: k for k in DOC_STATUSES}}


def status_key(word: str) -> str | None:
    """A document status from its Chinese or English name (None: not one)."""
    return STATUS_OF.get(word.strip())


@dataclass(frozen=True)
class Filters:
    """The 台账's query parameters (筛选条件)."""

    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    severity: str | None = None
    code: str | None = None
    status: str | None = None
    q: str | None = None
    sort: str | None = None
    page: int = 1

    def params(self, **change) -> dict[str, str]:
        d = {k: getattr(self, k) for k in ("unit", "year", "kind", "severity", "code", "status", "q", "sort", "page")}
        d.update(change)
        return {k: str(v) for k, v in d.items() if v not in (None, "") and not (k == "page" and v == 1)}


@dataclass(frozen=True)
class Row:
    """One line of the 台账."""

    sha256: str
    name: str
    unit: str | None
    kind: str | None
    year: int | None
    reported_total: Decimal | None
    recomputed_total: Decimal | None
    reported_grade: str | None
    grade: str | None
    errors: int
    warnings: int
    open: int
    status: str
    error_code: str | None
    uploader: str | None = None      # who uploaded it first through the workbench (上传人)
    other_unit: bool = False         # a department uploaded a file naming another unit (or none found)

    @property
    def kind_zh(self) -> str:
        return kind_name(self.kind) if self.kind else ""

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


def latest_status():
    """The document's latest status (a correlated subquery; NULL: 待审核)."""
    return (select(DocumentStatus.status).where(DocumentStatus.document_id == Document.id)
            .order_by(DocumentStatus.id.desc()).limit(1).correlate(Document).scalar_subquery())


def _uploads(*columns):
    """Uploads of the document through the workbench (a correlated subquery over its batches)."""
    return (select(*columns).select_from(BatchDocument).join(Batch, Batch.id == BatchDocument.batch_id)
            .join(User, User.id == Batch.user_id).where(BatchDocument.document_id == Document.id))


def uploader():
    """The user who first uploaded the document (NULL: it came by ``db ingest``)."""
    return _uploads(User.name).order_by(BatchDocument.batch_id).limit(1).correlate(Document).scalar_subquery()


def other_unit():
    """Whether a department uploaded it while the document names another unit, or none was found."""
    return exists(_uploads(User.id).where(User.role == "department", or_(Run.unit.is_(None), User.unit != Run.unit))
                  .correlate(Document, Run))


SORTS = {"unit": Run.unit, "kind": Run.kind, "year": Run.year, "name": Document.name,
         "errors": Run.errors, "warnings": Run.warnings, "reported_grade": Run.reported_grade, "grade": Run.grade}


def _query(viewer: Viewer, f: Filters):
    n_open = open_count().label("open")
    status = func.coalesce(latest_status(), "pending").label("status")
    q = (select(Document.sha256, Document.name, Run.unit, Run.kind, Run.year, Run.reported_total,
                Run.recomputed_total, Run.reported_grade, Run.grade, Run.errors, Run.warnings, n_open, status,
                Run.error_code, uploader(), other_unit())
         .join(Run, Run.document_id == Document.id).where(Run.id.in_(current_ids())))
    q = visible(q, viewer)
    if f.unit:
        q = q.where(Run.unit.contains(f.unit, autoescape=True))
    if f.year is not None:
        q = q.where(Run.year == f.year)
    if f.kind:
        q = q.where(Run.kind == f.kind)
    if f.severity:
        q = q.where(exists().where(FindingRow.run_id == Run.id, FindingRow.severity == f.severity))
    if f.code:
        q = q.where(exists().where(FindingRow.run_id == Run.id, FindingRow.code == f.code.upper()))
    if f.status and status_key(f.status):
        q = q.where(func.coalesce(latest_status(), "pending") == status_key(f.status))
    if f.q:
        q = q.where(or_(Document.name.contains(f.q, autoescape=True), Run.unit.contains(f.q, autoescape=True)))
    return q, n_open, status


def _order(q, f: Filters, n_open, status):
    key = (f.sort or "").lstrip("-")
    desc = (f.sort or "").startswith("-")
    # scores are kept as exact literals: sorted by a number made from them
    column = {"open": n_open, "status": status}.get(key) or SORTS.get(key)
    if column is None and key in ("reported", "recomputed"):
        text = Run.reported_total if key == "reported" else Run.recomputed_total
        column = func.cast(text, _numeric())
    if column is None:
        return q.order_by(Run.unit.nulls_last(), Run.year.nulls_last(), Document.name)
    return q.order_by(column.desc().nulls_last() if desc else column.asc().nulls_last(), Document.name)


def _numeric():
    from sqlalchemy import Numeric
    return Numeric(12, 4)


def rows(session: Session, viewer: Viewer, f: Filters, page_size: int | None = PAGE) -> tuple[list[Row], int]:
    """One page of the 台账 (every row when ``page_size`` is None) and the number of rows in all."""
    q, n_open, status = _query(viewer, f)
    total = session.scalar(select(func.count()).select_from(q.with_only_columns(Document.id).subquery()))
    q = _order(q, f, n_open, status)
    if page_size is not None:
        q = q.limit(page_size).offset((max(f.page, 1) - 1) * page_size)
    return [Row(*r) for r in session.execute(q)], total


def choices(session: Session, viewer: Viewer) -> dict[str, list]:
    """The values the filters offer: years, kinds and finding codes present."""
    cur = visible(select(Run.id).where(Run.id.in_(current_ids())), viewer)
    years = session.scalars(select(Run.year).where(Run.id.in_(cur), Run.year.is_not(None)).distinct())
    kinds = session.scalars(select(Run.kind).where(Run.id.in_(cur), Run.kind.is_not(None)).distinct())
    codes = session.scalars(select(FindingRow.code).where(FindingRow.run_id.in_(cur)).distinct())
    return {"years": sorted(years, reverse=True), "kinds": [(k, kind_name(k)) for k in sorted(kinds)],
            "codes": sorted(codes)}
