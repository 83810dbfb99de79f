"""Which documents each upload brought (批次文件), so that the uploader is known.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_documents",
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("batches.id", name="fk_batch_documents_batch_id",
                                                          ondelete="CASCADE"), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", name="fk_batch_documents_document_id",
                                                             ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("first", sa.Boolean(), nullable=False))
    op.create_index("ix_batch_documents_document_id", "batch_documents", ["document_id"])
    # batches finished before this revision: their documents are the names under their folders
    # (an exact prefix, not LIKE: a folder's path may hold _ or %), named without the folder; a
    # document stored since the batch began came first with it
    op.execute(sa.text(
        "INSERT INTO batch_documents (batch_id, document_id, name, first) "
        "SELECT b.id, n.document_id, MIN(substr(n.name, length(b.folder) + 2)), MIN(d.stored) >= MIN(b.created) "
        "FROM batches b JOIN names n ON substr(n.path, 1, length(b.folder) + 1) = b.folder || '/' "
        "JOIN documents d ON d.id = n.document_id "
        "WHERE b.folder <> '' GROUP BY b.id, n.document_id"))


def downgrade() -> None:
    op.drop_table("batch_documents")
