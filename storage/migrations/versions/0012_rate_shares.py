"""rate_shares: replicas sending under an app-wide platform budget

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 21:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_shares",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("replica", sa.String(length=100), nullable=False),
        sa.Column("seen_at", sa.Float(), nullable=False),
        sa.Column("busy_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", "replica", name=op.f("pk_rate_shares")),
    )


def downgrade() -> None:
    op.drop_table("rate_shares")
