"""The text rendition of each document as last read (原文文本), for quoting it beside its findings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("rendition", sa.Text(), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite 3.35+): a batch copy would drop the table, and with it, by
    # their foreign keys, every name, run and review of its documents
    op.drop_column("documents", "rendition")
