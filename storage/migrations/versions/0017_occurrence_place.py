"""meeting_occurrences.place: the place a date keeps when a rule change keeps it (announced before)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_occurrences") as batch:
        batch.add_column(sa.Column("place", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting_occurrences") as batch:
        batch.drop_column("place")
