"""meetings: meetings, occurrences, RSVPs, agenda items, reminder runs, APScheduler job store

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("rule_text", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("offsets_text", sa.String(length=300), nullable=False),
        sa.Column("shift_rule", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("rule_set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index(op.f("ix_meetings_active"), "meetings", ["active"], unique=False)
    op.create_table(
        "meeting_occurrences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shift_reason", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_occurrences_meeting_id_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_occurrences")),
        sa.UniqueConstraint("meeting_id", "key", name="uq_meeting_occurrences_meeting_key"),
    )
    op.create_index(op.f("ix_meeting_occurrences_meeting_id"), "meeting_occurrences", ["meeting_id"])
    op.create_index(op.f("ix_meeting_occurrences_starts_at"), "meeting_occurrences", ["starts_at"])
    op.create_table(
        "meeting_rsvps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("proxy_name", sa.String(length=200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["occurrence_id"], ["meeting_occurrences.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_rsvps_occurrence_id_meeting_occurrences")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_rsvps_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_rsvps")),
        sa.UniqueConstraint("occurrence_id", "person_id", name="uq_meeting_rsvps_occurrence_person"),
    )
    op.create_index(op.f("ix_meeting_rsvps_occurrence_id"), "meeting_rsvps", ["occurrence_id"])
    op.create_table(
        "meeting_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_items_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["occurrence_id"], ["meeting_occurrences.id"], ondelete="SET NULL",
                                name=op.f("fk_meeting_items_occurrence_id_meeting_occurrences")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_meeting_items_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_items")),
    )
    op.create_index(op.f("ix_meeting_items_meeting_id"), "meeting_items", ["meeting_id"])
    op.create_index(op.f("ix_meeting_items_occurrence_id"), "meeting_items", ["occurrence_id"])
    op.create_table(
        "meeting_reminder_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("offset_key", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["occurrence_id"], ["meeting_occurrences.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_reminder_runs_occurrence_id_meeting_occurrences")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_reminder_runs")),
        sa.UniqueConstraint("occurrence_id", "offset_key", name="uq_meeting_reminder_runs_occ_offset"),
    )
    op.create_index(op.f("ix_meeting_reminder_runs_occurrence_id"), "meeting_reminder_runs", ["occurrence_id"])
    # APScheduler 3.x SQLAlchemyJobStore layout (id, next_run_time, pickled job_state).
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    op.create_index("ix_apscheduler_jobs_next_run_time", "apscheduler_jobs", ["next_run_time"])


def downgrade() -> None:
    op.drop_index("ix_apscheduler_jobs_next_run_time", table_name="apscheduler_jobs")
    op.drop_table("apscheduler_jobs")
    op.drop_table("meeting_reminder_runs")
    op.drop_table("meeting_items")
    op.drop_table("meeting_rsvps")
    op.drop_table("meeting_occurrences")
    op.drop_table("meetings")
