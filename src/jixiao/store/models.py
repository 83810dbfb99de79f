"""The store's tables (存储表): documents, their names, runs, forms, findings and reviews.

The run's ``contract`` (the file's record of the contract ``jixiao/1``, as ``render.json.dumps``
writes it) is the truth; every other column of ``runs``, ``forms`` and ``findings`` is projected
from it for queries and can be made again from it. Amounts are kept as their exact decimal
literal (``ExactDecimal``), never as a float. Times are UTC. The schema is created and changed
only by the Alembic migrations in ``migrations/``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

STATUSES = ("open", "confirmed", "dismissed", "fixed")   # a review's verdict on a finding (复核结论)

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
          "pk": "pk_%(table_name)s"}


def utcnow() -> datetime:
    """Now, in UTC, without a zone (stored alike on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class ExactDecimal(TypeDecorator):
    """A Decimal kept as its exact literal ("99.02", "0.00"): SQLite has no exact decimal type,
    and a float would lose the printed precision (金额、得分不经浮点)."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> str | None:
        return None if value is None else format(value, "f")

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    """A document (文件): one content, known by its SHA-256, whatever it was called."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)               # the first name it was seen under
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(16))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    stored: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # the text rendition as last read (原文文本: the reader's lines joined by newlines), so that
    # its lines can be quoted without reading the file again; NULL: not readable, or stored by 0.1
    rendition: Mapped[str | None] = mapped_column(Text, deferred=True)


class Name(Base):
    """A name a document was received under (收件名): the path as given and the archive member."""

    __tablename__ = "names"
    __table_args__ = (UniqueConstraint("document_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)               # as the batch names it: path, or archive!member
    path: Mapped[str] = mapped_column(Text)               # the file on disk (the archive, for a member)
    member: Mapped[str | None] = mapped_column(Text)      # the member inside the archive(s)
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Run(Base):
    """One check of a document (复核记录): the contract record as the truth, and columns from it."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_document_current", "document_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)               # the name it was checked under
    jixiao: Mapped[str] = mapped_column(String(32))       # jixiao's version
    schema: Mapped[str] = mapped_column(String(16))       # the contract's schema (jixiao/1)
    profile_option: Mapped[str | None] = mapped_column(Text)   # --profile as given (None: detected)
    options: Mapped[str] = mapped_column(Text)            # JSON: profile, select, ignore
    options_key: Mapped[str] = mapped_column(String(16), index=True)   # version + profile + checks
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    contract: Mapped[str] = mapped_column(Text, deferred=True)
    profile: Mapped[str | None] = mapped_column(String(64))   # the profile used
    kind: Mapped[str | None] = mapped_column(String(32), index=True)
    unit: Mapped[str | None] = mapped_column(Text, index=True)   # the department (单位)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    place_code: Mapped[str | None] = mapped_column(String(12))
    place: Mapped[str | None] = mapped_column(Text)
    reported_total: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    recomputed_total: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    reported_grade: Mapped[str | None] = mapped_column(String(16))
    grade: Mapped[str | None] = mapped_column(String(16))   # the grade of the recomputed total
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    error_code: Mapped[str | None] = mapped_column(String(8))
    error_message: Mapped[str | None] = mapped_column(Text)


class FormRow(Base):
    """A form of a run (表单), as recognised, with its totals reported and recomputed."""

    __tablename__ = "forms"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    budget_unit: Mapped[str | None] = mapped_column(String(8))
    budget_adjusted: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    budget_executed: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    budget_rate: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    total_weight: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    total_score: Mapped[Decimal | None] = mapped_column(ExactDecimal)   # as reported
    grade: Mapped[str | None] = mapped_column(String(16))                # as reported
    recomputed_score: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    recomputed_grade: Mapped[str | None] = mapped_column(String(16))


class FindingRow(Base):
    """A finding of a run (问题), known across runs by its fingerprint."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    form: Mapped[int | None] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(8), index=True)
    severity: Mapped[str] = mapped_column(String(8))
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    found: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    cell: Mapped[str | None] = mapped_column(Text)
    paragraph: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(Text)


class Review(Base):
    """A reviewer's verdict on a finding (复核意见), kept as history: the latest wins. It is tied
    to the document and the finding's fingerprint, not to a run, so it survives a re-run."""

    __tablename__ = "reviews"
    __table_args__ = (CheckConstraint("status IN ('open', 'confirmed', 'dismissed', 'fixed')", name="status"),
                      Index("ix_reviews_document_fingerprint", "document_id", "fingerprint", "id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(12))
    reviewer: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
