"""Which local chats are running on this data folder, and as whom (issue 17, point 6).

Each `dxdesk chat` process holds a lease on its user's local id: it beats every few seconds, and a
lease not renewed for `ttl` seconds has lapsed (a chat killed with SIGKILL stops holding anyone
within `ttl`). Another process asks whether someone else holds a person before it prints that
person's proactive message, so a message for the person chatting in terminal A is shown in A,
never in B. Times are the database server's clock, one clock for every process.
"""

from __future__ import annotations

import time

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from storage.base import upsert_insert
from storage.shared.models import ChatPresenceRow

# Rows of chats gone this long are deleted by the next beat.
FORGET_SECONDS = 3600.0

_NOW = {
    "postgresql": "SELECT EXTRACT(EPOCH FROM clock_timestamp())",
    "sqlite": "SELECT (julianday('now') - 2440587.5) * 86400.0",
}


class SqlChatPresence:
    """This process's leases on local users (`hold`, `beat`, `leave`), and the question every
    process asks (`held_by_another`)."""

    def __init__(self, sessions: async_sessionmaker, holder: str, *,  # type: ignore[type-arg]
                 ttl: float = 30.0, beat_every: float = 5.0) -> None:
        self.sessions = sessions
        self.holder = holder[:100]
        self.ttl = ttl
        self.beat_every = beat_every
        self.held: set[str] = set()
        self._last_beat = -float("inf")

    async def _now(self, session: object) -> float:
        dialect = session.get_bind().dialect.name  # type: ignore[attr-defined]
        return float(await session.scalar(text(_NOW.get(dialect, _NOW["sqlite"]))) or 0.0)  # type: ignore[attr-defined]

    async def hold(self, local_id: str) -> None:
        """Hold `local_id` from now on (the lease is written at once, before any delivery)."""
        self.held.add(local_id)
        await self.beat(force=True)

    async def beat(self, force: bool = False) -> None:
        """Renew this process's leases (at most every `beat_every` seconds unless `force`)."""
        if not self.held or (not force and time.monotonic() - self._last_beat < self.beat_every):
            return
        async with self.sessions() as s:
            now = await self._now(s)
            insert = upsert_insert(s)
            for local_id in sorted(self.held):
                statement = insert(ChatPresenceRow).values(local_id=local_id, holder=self.holder, seen_at=now)
                await s.execute(statement.on_conflict_do_update(index_elements=["local_id", "holder"],
                                                                set_={"seen_at": now}))
            await s.execute(delete(ChatPresenceRow).where(ChatPresenceRow.seen_at < now - FORGET_SECONDS))
            await s.commit()
        self._last_beat = time.monotonic()

    async def leave(self) -> None:
        """Stop holding anyone (the chat ends): its user's messages may be shown elsewhere again."""
        if not self.held:
            return
        async with self.sessions() as s:
            await s.execute(delete(ChatPresenceRow).where(ChatPresenceRow.holder == self.holder))
            await s.commit()
        self.held.clear()

    async def held_by_another(self, local_id: str) -> bool:
        """Whether a running chat other than this process holds `local_id` (this process's own
        users are never "another's", even when a second chat runs as the same user)."""
        if local_id in self.held:
            return False
        async with self.sessions() as s:
            now = await self._now(s)
            found = await s.scalar(select(ChatPresenceRow.holder).where(
                ChatPresenceRow.local_id == local_id, ChatPresenceRow.holder != self.holder,
                ChatPresenceRow.seen_at > now - self.ttl).limit(1))
            return found is not None
