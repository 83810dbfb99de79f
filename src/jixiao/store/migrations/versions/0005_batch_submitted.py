"""A department's upload is a self-check (自查) until it submits it for review (提交审核).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batches uploaded before this revision were submitted as they came
    op.add_column("batches", sa.Column("submitted", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    op.drop_column("batches", "submitted")   # in place: a batch copy would cascade through the foreign keys
