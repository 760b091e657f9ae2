"""Which replicas are running, and which are sending, under an app-wide budget (Slack workspace,
Teams per app): each paces itself to its share of the budget."""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class RateShareRow(Base):
    __tablename__ = "rate_shares"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    replica: Mapped[str] = mapped_column(String(100), primary_key=True)
    # When the replica last beat (it is running), and when it last had sends under the key: seconds
    # since the epoch by the database server's clock, one clock for every replica.
    seen_at: Mapped[float] = mapped_column(Float)
    busy_at: Mapped[float] = mapped_column(Float, default=0.0)
