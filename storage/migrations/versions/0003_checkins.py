"""progress check-ins: campaigns, responses (drafts), department results, roadmap items

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkin_campaigns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("max_nudges", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_campaigns")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_checkin_campaigns_meeting_id")),
    )
    with op.batch_alter_table("checkin_campaigns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_campaigns_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_campaigns_status"), ["status"], unique=False)

    op.create_table(
        "checkin_roadmap_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_roadmap_items")),
    )
    with op.batch_alter_table("checkin_roadmap_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_roadmap_items_department"), ["department"], unique=False)

    op.create_table(
        "checkin_responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("session", sa.JSON(), nullable=False),
        sa.Column("nudges", sa.Integer(), nullable=False),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_nudged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["checkin_campaigns.id"],
                                name=op.f("fk_checkin_responses_campaign_id_checkin_campaigns"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_checkin_responses_person_id_people"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_responses")),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_checkin_response_person"),
    )
    with op.batch_alter_table("checkin_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_responses_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_responses_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_responses_department"), ["department"], unique=False)

    op.create_table(
        "checkin_results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("in_scope", sa.Integer(), nullable=True),
        sa.Column("online", sa.Integer(), nullable=True),
        sa.Column("rate", sa.Float(), nullable=True),
        sa.Column("forms_created", sa.Integer(), nullable=True),
        sa.Column("items_total", sa.Integer(), nullable=False),
        sa.Column("items_late", sa.Integer(), nullable=False),
        sa.Column("late_submission", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["checkin_campaigns.id"],
                                name=op.f("fk_checkin_results_campaign_id_checkin_campaigns"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["submitted_by"], ["people.id"],
                                name=op.f("fk_checkin_results_submitted_by_people"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_results")),
        sa.UniqueConstraint("campaign_id", "department", name="uq_checkin_result_department"),
    )
    with op.batch_alter_table("checkin_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_results_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_results_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_results_department"), ["department"], unique=False)


def downgrade() -> None:
    op.drop_table("checkin_results")
    op.drop_table("checkin_responses")
    op.drop_table("checkin_roadmap_items")
    op.drop_table("checkin_campaigns")
