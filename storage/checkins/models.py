"""Tables of the progress check-ins (created by migration 0003)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime, utcnow


class CheckinCampaignRow(Base):
    __tablename__ = "checkin_campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    form_id: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7), index=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), index=True)
    max_nudges: Mapped[int] = mapped_column(Integer, default=2)
    meeting_id: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class CheckinResponseRow(Base):
    __tablename__ = "checkin_responses"
    __table_args__ = (UniqueConstraint("campaign_id", "person_id", name="uq_checkin_response_person"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("checkin_campaigns.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    session: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    nudges: Mapped[int] = mapped_column(Integer, default=0)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class CheckinResultRow(Base):
    __tablename__ = "checkin_results"
    __table_args__ = (UniqueConstraint("campaign_id", "department", name="uq_checkin_result_department"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("checkin_campaigns.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    department: Mapped[str] = mapped_column(String(200), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    in_scope: Mapped[int | None] = mapped_column(Integer, nullable=True)
    online: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    forms_created: Mapped[int | None] = mapped_column(Integer, nullable=True)
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    items_late: Mapped[int] = mapped_column(Integer, default=0)
    late_submission: Mapped[bool] = mapped_column(Boolean, default=False)


class RoadmapItemRow(Base):
    __tablename__ = "checkin_roadmap_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    department: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
