"""App-wide send budgets shared by replicas: which replicas are running.

Slack's workspace budget and Teams' per-app limit hold for the whole app, not per process. Each
replica's delivery worker beats here about once a second and learns how many replicas beat in
the last few seconds; each then paces itself to its share of the budget. Counting every send in the database would be exact, but a round trip per send delays each
send after it was counted, and the platforms count arrivals: a local pacer with a share keeps the
count where the send leaves.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from storage.base import upsert_insert
from storage.shared.rate_share_models import RateShareRow

# Rows of replicas gone this long are deleted.
FORGET_SECONDS = 3600.0

_NOW = {
    "postgresql": "SELECT EXTRACT(EPOCH FROM clock_timestamp())",
    "sqlite": "SELECT (julianday('now') - 2440587.5) * 86400.0",
}


class SqlRateShares:
    """`active(...)`: note this replica as running (and sending) under `key`; how many are."""

    def __init__(self, sessions: async_sessionmaker) -> None:  # type: ignore[type-arg]
        self.sessions = sessions

    async def active(self, key: str, replica: str, within: float, busy: bool) -> tuple[int, int]:
        """Mark `replica` as running under `key` now (and as sending, if `busy`); return how many
        replicas ran, and how many sent, under it in the last `within` seconds (each >= 1)."""
        async with self.sessions() as s:
            dialect = s.get_bind().dialect.name
            now = float(await s.scalar(text(_NOW.get(dialect, _NOW["sqlite"]))) or 0.0)
            insert = upsert_insert(s)
            values: dict[str, float] = {"seen_at": now}
            if busy:
                values["busy_at"] = now
            statement = insert(RateShareRow).values(key=key, replica=replica, seen_at=now,
                                                    busy_at=now if busy else 0.0)
            await s.execute(statement.on_conflict_do_update(index_elements=["key", "replica"], set_=values))
            running, sending = (await s.execute(select(
                func.count(), func.count().filter(RateShareRow.busy_at > now - within)).where(
                RateShareRow.key == key, RateShareRow.seen_at > now - within))).one()
            await s.execute(delete(RateShareRow).where(RateShareRow.seen_at < now - FORGET_SECONDS))
            await s.commit()
            return max(1, int(running or 0)), max(1, int(sending or 0))
