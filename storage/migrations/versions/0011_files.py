"""file_blobs: files kept until a person agrees to receive them (Teams file consent)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "file_blobs",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("mime_type", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_file_blobs")),
    )
    with op.batch_alter_table("file_blobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_file_blobs_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_table("file_blobs")
