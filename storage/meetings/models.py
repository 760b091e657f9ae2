"""Tables of the meetings feature: meetings, their dates, RSVPs, items and reminder runs.

The meeting table is the truth; scheduler jobs are rebuilt from it. The APScheduler job store
table (`apscheduler_jobs`) is created by migration 0002 as well, so that the schema of the
database is complete after `dxdesk db upgrade` and no replica races another creating it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime, utcnow


class MeetingRow(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    rule_text: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(300), default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    offsets_text: Mapped[str] = mapped_column(String(300), default="")
    shift_rule: Mapped[str] = mapped_column(String(20), default="next")
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rule_set_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class OccurrenceRow(Base):
    __tablename__ = "meeting_occurrences"
    __table_args__ = (UniqueConstraint("meeting_id", "key", name="uq_meeting_occurrences_meeting_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(20))
    planned_date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    shift_reason: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    # The date's own place ("" or NULL: the meeting's): kept when a rule change keeps an announced date.
    place: Mapped[str | None] = mapped_column(String(300), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class RsvpRow(Base):
    __tablename__ = "meeting_rsvps"
    __table_args__ = (UniqueConstraint("occurrence_id", "person_id", name="uq_meeting_rsvps_occurrence_person"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("meeting_occurrences.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(String(20))
    proxy_name: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class MeetingItemRow(Base):
    __tablename__ = "meeting_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_occurrences.id", ondelete="SET NULL"), nullable=True, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReminderRunRow(Base):
    __tablename__ = "meeting_reminder_runs"
    __table_args__ = (UniqueConstraint("occurrence_id", "offset_key", name="uq_meeting_reminder_runs_occ_offset"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("meeting_occurrences.id", ondelete="CASCADE"), index=True)
    offset_key: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    done_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recipients: Mapped[int] = mapped_column(Integer, default=0)


class ApschedulerJobRow(Base):
    """APScheduler 3.x SQLAlchemyJobStore's table, declared here so migrations own it."""

    __tablename__ = "apscheduler_jobs"
    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True, nullable=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)
