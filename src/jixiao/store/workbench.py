"""The workbench's tables (工作台表): users, sessions, upload batches and their documents, document status,
assessments, audit.

They live beside the store's own tables (``models.py``) on the same ``Base``, created by the
migrations ``0002_workbench``, ``0003_batch_documents`` and ``0005_batch_submitted``. A document's status (审核状态) and
the reviewer's assessment scores (附件5 评审得分) are kept as history, like reviews: the latest wins.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, ExactDecimal, utcnow

ROLES = ("admin", "reviewer", "department")
DOC_STATUS_ZH = {"pending": "待审核", "approved": "已审核", "returned": "退回", "rectified": "已整改"}   # 审核状态
DOC_STATUSES = tuple(DOC_STATUS_ZH)
BATCH_STATES = ("running", "done", "failed")


class User(Base):
    """A workbench account (工作台账户): argon2 password hash, role, and a department's unit."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'reviewer', 'department')", name="role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WebSession(Base):
    """A signed-in session (登录会话): the cookie's token, hashed, and its CSRF token."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Batch(Base):
    """An upload (上传批次): its files checked in the background, progress and failures."""

    __tablename__ = "batches"
    __table_args__ = (CheckConstraint("state IN ('running', 'done', 'failed')", name="state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    folder: Mapped[str] = mapped_column(Text)          # where the uploaded files were kept
    files: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(8), default="running")
    failed: Mapped[str] = mapped_column(Text, default="[]")   # JSON: [{"name", "code", "message"}]
    message: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished: Mapped[datetime | None] = mapped_column(DateTime)
    # a department's upload is its self-check (自查) until it submits it (提交审核): what it brought
    # into the store first stays out of the reviewers' sight till then (migration 0005)
    submitted: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class BatchDocument(Base):
    """A document an upload brought (批次文件), under the name it had there: who uploaded what."""

    __tablename__ = "batch_documents"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)
    name: Mapped[str] = mapped_column(Text)
    # the document was first stored by this upload: only then does the upload let a department
    # see it (uploading a copy of another unit's published file must not open its reviews)
    first: Mapped[bool] = mapped_column(Boolean, default=False)


class DocumentStatus(Base):
    """A document's review status (审核状态) as history: 待审核, 已审核, 退回, 已整改."""

    __tablename__ = "document_statuses"
    __table_args__ = (CheckConstraint("status IN ('pending', 'approved', 'returned', 'rectified')", name="status"),
                      Index("ix_document_statuses_document", "document_id", "id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))
    reviewer: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AssessmentScore(Base):
    """A reviewer's score of one judgement item of 附件5 (自评工作考核评审得分), as history."""

    __tablename__ = "assessment_scores"
    __table_args__ = (Index("ix_assessment_scores_document", "document_id", "item", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(16))
    score: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    reviewer: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """One action on the workbench (操作日志): who, when, what, on which document."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32), index=True)
    document: Mapped[str | None] = mapped_column(String(64))   # the document's SHA-256
    detail: Mapped[str] = mapped_column(Text, default="")
