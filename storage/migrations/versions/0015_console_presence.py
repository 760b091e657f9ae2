"""chat_presence: which local chats are running, so that each prints its own user's messages

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 05:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_presence",
        sa.Column("local_id", sa.String(length=200), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("seen_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("local_id", "holder", name=op.f("pk_chat_presence")),
    )


def downgrade() -> None:
    op.drop_table("chat_presence")
