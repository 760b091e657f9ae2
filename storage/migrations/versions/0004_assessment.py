"""skill self-assessment: campaigns, participation, anonymous responses

Revision ID: 0004
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_campaigns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_campaigns")),
    )
    with op.batch_alter_table("assessment_campaigns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_campaigns_status"), ["status"], unique=False)

    op.create_table(
        "assessment_participants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("current_question", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("answered_count", sa.Integer(), nullable=False),
        sa.Column("reminders_sent", sa.Integer(), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("last_reminded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["assessment_campaigns.id"], ondelete="CASCADE",
                                name=op.f("fk_assessment_participants_campaign_id_assessment_campaigns")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_assessment_participants_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_participants")),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_assessment_participant"),
    )
    with op.batch_alter_table("assessment_participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_participants_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessment_participants_person_id"), ["person_id"], unique=False)

    op.create_table(
        "assessment_responses",
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["assessment_campaigns.id"], ondelete="CASCADE",
                                name=op.f("fk_assessment_responses_campaign_id_assessment_campaigns")),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_assessment_responses")),
        # The physical order of a rowid table follows insertion, i.e. the order people finished.
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("assessment_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_responses_campaign_id"), ["campaign_id"], unique=False)


def downgrade() -> None:
    op.drop_table("assessment_responses")
    op.drop_table("assessment_participants")
    op.drop_table("assessment_campaigns")
