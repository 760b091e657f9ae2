"""Files waiting for a person's consent, over SQLAlchemy (the Teams adapter's `FileStore`).

One short transaction per method so replicas share the store: the replica that sent the consent
card and the one that receives the answer need not be the same process.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.replies import Attachment
from storage.base import utcnow
from storage.shared.blob_models import FileBlobRow

DEFAULT_TTL = timedelta(hours=24)


class SqlFileBlobs:
    """File bytes under a random token, until fetched, refused or expired (24 h by default)."""

    def __init__(self, sessions: async_sessionmaker, *, clock: Any = None,  # type: ignore[type-arg]
                 ttl: timedelta = DEFAULT_TTL) -> None:
        self.sessions = sessions
        self.clock = clock
        self.ttl = ttl

    def _now(self) -> datetime:
        return self.clock.now() if self.clock is not None else utcnow()

    async def put(self, attachment: Attachment) -> str:
        """Keep the file and return its token; expired files of anyone are dropped on the way."""
        now = self._now()
        token = secrets.token_urlsafe(24)
        async with self.sessions() as s:
            # Opportunistic clean-up: no job is needed, and the table never grows past a day of files.
            await s.execute(delete(FileBlobRow).where(FileBlobRow.expires_at <= now))
            s.add(FileBlobRow(token=token, filename=attachment.filename[:300], mime_type=attachment.mime_type[:200],
                              content=attachment.content, created_at=now, expires_at=now + self.ttl))
            await s.commit()
        return token

    async def get(self, token: str) -> Attachment | None:
        """The file behind `token`, or None when it is unknown or has expired (then it is dropped)."""
        if not token or len(token) > 64:
            return None
        async with self.sessions() as s:
            row = await s.get(FileBlobRow, token)
            if row is None:
                return None
            if row.expires_at <= self._now():
                await s.delete(row)
                await s.commit()
                return None
            return Attachment(row.filename, bytes(row.content), row.mime_type)

    async def delete(self, token: str) -> bool:
        """Forget the file (fetched or refused); False if it was not there."""
        if not token or len(token) > 64:
            return False
        async with self.sessions() as s:
            result = await s.execute(delete(FileBlobRow).where(FileBlobRow.token == token))
            await s.commit()
            return bool(result.rowcount)

    async def purge(self) -> int:
        """Drop every expired file; returns how many."""
        async with self.sessions() as s:
            result = await s.execute(delete(FileBlobRow).where(FileBlobRow.expires_at <= self._now()))
            await s.commit()
            return int(result.rowcount or 0)
