"""The workbench (审核工作台): users, sessions, batches, document status, assessments, audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store import workbench
from jixiao.store.models import ExactDecimal

_MODELS = workbench   # importing it puts the workbench tables on the store's Base (autogenerate compares them)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(table: str, column: str, to: str, ondelete: str = "CASCADE", nullable: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(f"{to}.id", name=f"fk_{table}_{column}", ondelete=ondelete),
                     nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users", _id(),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.CheckConstraint("role IN ('admin', 'reviewer', 'department')", name=op.f("ck_users_role")))
    op.create_table(
        "web_sessions", _id(),
        sa.Column("token_hash", sa.String(64), nullable=False),
        _fk("web_sessions", "user_id", "users"),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_web_sessions_token_hash"))
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "batches", _id(),
        _fk("batches", "user_id", "users", "SET NULL", nullable=True),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("failed", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('running', 'done', 'failed')", name=op.f("ck_batches_state")))
    op.create_index("ix_batches_user_id", "batches", ["user_id"])
    op.create_table(
        "document_statuses", _id(),
        _fk("document_statuses", "document_id", "documents"),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'approved', 'returned', 'rectified')",
                           name=op.f("ck_document_statuses_status")))
    op.create_index("ix_document_statuses_document", "document_statuses", ["document_id", "id"])
    op.create_table(
        "assessment_scores", _id(),
        _fk("assessment_scores", "document_id", "documents"),
        sa.Column("item", sa.String(16), nullable=False),
        sa.Column("score", ExactDecimal(), nullable=True),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False))
    op.create_index("ix_assessment_scores_document", "assessment_scores", ["document_id", "item", "id"])
    op.create_table(
        "audit_log", _id(),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("document", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False))
    op.create_index("ix_audit_log_created", "audit_log", ["created"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])


def downgrade() -> None:
    for table in ("audit_log", "assessment_scores", "document_statuses", "batches", "web_sessions", "users"):
        op.drop_table(table)
