"""The people registry table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime, utcnow

__all__ = ["Base", "UTCDateTime", "utcnow"]



class PersonRow(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="", index=True)
    role: Mapped[str] = mapped_column(String(20), default="staff", index=True)
    language: Mapped[str] = mapped_column(String(5), default="ja")
    slack_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    teams_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    teams_user_id: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    local_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    in_charge: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

