"""Files waiting to be fetched: bytes a platform cannot take with the message itself.

Teams only accepts a file from a bot after the person has agreed to receive it (the file
consent card). Until they answer, the bytes wait here, in the shared database, so the replica
that receives the answer (or the process after a restart) can still upload them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime, utcnow


class FileBlobRow(Base):
    __tablename__ = "file_blobs"
    # A random, unguessable token: whoever holds it may fetch the file, so it is never sequential.
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
