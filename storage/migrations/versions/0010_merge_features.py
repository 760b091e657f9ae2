"""Merge the feature branches (meetings, check-ins, assessment) into one history.

Revision ID: 0010
Revises: 0002, 0003, 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0010"
down_revision = ("0002", "0003", "0004")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
