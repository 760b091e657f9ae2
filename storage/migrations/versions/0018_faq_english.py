"""faq_entries.question_en / answer_en / category_en: an entry in English, for staff who chose English

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("faq_entries") as batch:
        batch.add_column(sa.Column("question_en", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("answer_en", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("category_en", sa.String(length=100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("faq_entries") as batch:
        batch.drop_column("category_en")
        batch.drop_column("answer_en")
        batch.drop_column("question_en")
