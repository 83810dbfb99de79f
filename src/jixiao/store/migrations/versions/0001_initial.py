"""The first schema (初始结构): documents, names, runs, forms, findings, reviews.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.models import ExactDecimal

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "documents", _id(),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(16), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"))
    op.create_table(
        "names", _id(),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", name="fk_names_document_id",
                                                               ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("document_id", "name", name="uq_names_document_id"))
    op.create_index("ix_names_document_id", "names", ["document_id"])
    op.create_table(
        "runs", _id(),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", name="fk_runs_document_id",
                                                               ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("jixiao", sa.String(32), nullable=False),
        sa.Column("schema", sa.String(16), nullable=False),
        sa.Column("profile_option", sa.Text(), nullable=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("options_key", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("contract", sa.Text(), nullable=False),
        sa.Column("profile", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("place_code", sa.String(12), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("reported_total", ExactDecimal(), nullable=True),
        sa.Column("recomputed_total", ExactDecimal(), nullable=True),
        sa.Column("reported_grade", sa.String(16), nullable=True),
        sa.Column("grade", sa.String(16), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("error_code", sa.String(8), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True))
    op.create_index("ix_runs_document_current", "runs", ["document_id", "id"])
    op.create_index("ix_runs_options_key", "runs", ["options_key"])
    op.create_index("ix_runs_kind", "runs", ["kind"])
    op.create_index("ix_runs_unit", "runs", ["unit"])
    op.create_index("ix_runs_year", "runs", ["year"])
    op.create_table(
        "forms", _id(),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id", name="fk_forms_run_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("budget_unit", sa.String(8), nullable=True),
        sa.Column("budget_adjusted", ExactDecimal(), nullable=True),
        sa.Column("budget_executed", ExactDecimal(), nullable=True),
        sa.Column("budget_rate", ExactDecimal(), nullable=True),
        sa.Column("total_weight", ExactDecimal(), nullable=True),
        sa.Column("total_score", ExactDecimal(), nullable=True),
        sa.Column("grade", sa.String(16), nullable=True),
        sa.Column("recomputed_score", ExactDecimal(), nullable=True),
        sa.Column("recomputed_grade", sa.String(16), nullable=True))
    op.create_index("ix_forms_run_id", "forms", ["run_id"])
    op.create_table(
        "findings", _id(),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id", name="fk_findings_run_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("form", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("found", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("cell", sa.Text(), nullable=True),
        sa.Column("paragraph", sa.Integer(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True))
    op.create_index("ix_findings_run_id", "findings", ["run_id"])
    op.create_index("ix_findings_code", "findings", ["code"])
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])
    op.create_table(
        "reviews", _id(),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", name="fk_reviews_document_id",
                                                               ondelete="CASCADE"), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'confirmed', 'dismissed', 'fixed')", name=op.f("ck_reviews_status")))
    op.create_index("ix_reviews_document_fingerprint", "reviews", ["document_id", "fingerprint", "id"])


def downgrade() -> None:
    for table in ("reviews", "findings", "forms", "runs", "names", "documents"):
        op.drop_table(table)
