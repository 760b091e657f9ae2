"""Tables of the skill self-assessment.

Privacy by construction: `assessment_participants` says who takes part and how far they are (for
reminders); `assessment_responses` holds completed answers with a random id and a department and
nothing else — no person, no platform id, no timestamp, no sequence number. On SQLite the
responses table is WITHOUT ROWID, so even the physical order follows the random id, not the order
in which people finished.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime, utcnow


class AssessmentCampaignRow(Base):
    __tablename__ = "assessment_campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mode: Mapped[str] = mapped_column(String(20))  # named | pseudonymous
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)  # [] = everyone
    deadline: Mapped[date] = mapped_column(Date)
    question_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open | closed
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AssessmentParticipantRow(Base):
    __tablename__ = "assessment_participants"
    __table_args__ = (UniqueConstraint("campaign_id", "person_id", name="uq_assessment_participant"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_campaigns.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="invited")
    current_question: Mapped[str] = mapped_column(String(64), default="")
    # The in-progress draft; emptied when a pseudonymous poll is finished.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answered_count: Mapped[int] = mapped_column(Integer, default=0)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    # Dates only (no times): enough for reminder spacing, too coarse to line up with anything.
    invited_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_reminded_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class AssessmentResponseRow(Base):
    __tablename__ = "assessment_responses"
    __table_args__ = {"sqlite_with_rowid": False}
    response_id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex, random
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_campaigns.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200), default="")  # "" = pooled small departments
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
