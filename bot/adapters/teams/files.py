"""Files for Teams users: the store that keeps bytes until the person answers the file consent
card, and the upload of those bytes to the URL Teams hands over when they accept.

Teams lets a bot send a file only in a personal chat and only with the person's consent: the bot
posts a file consent card; on "Allow" Teams creates the file in the person's OneDrive and sends
the bot an upload URL in a `fileConsent/invoke` activity; the bot PUTs the bytes there and then
shows the file with a file info card.
"""

from __future__ import annotations

from typing import Protocol

import aiohttp

from bot.core.replies import Attachment

UPLOAD_TIMEOUT_SECONDS = 60.0


class FileStore(Protocol):
    """Bytes kept under a token until a person fetches or refuses them (storage.shared.blobs)."""

    async def put(self, attachment: Attachment) -> str:
        """Keep the file; return its token."""
        ...

    async def get(self, token: str) -> Attachment | None:
        """The file, or None when the token is unknown or expired."""
        ...

    async def delete(self, token: str) -> bool:
        """Forget the file."""
        ...


class UploadFailed(Exception):
    """The upload URL did not take the file (`status` 0: no HTTP answer at all)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def upload(url: str, content: bytes, *, timeout: float = UPLOAD_TIMEOUT_SECONDS) -> None:
    """PUT the whole file to a OneDrive upload session URL in one range (raises UploadFailed).

    An upload session URL is pre-authorised: it must be called without the bot's token.
    """
    if not url.startswith(("https://", "http://")):
        raise UploadFailed(0, f"not an upload URL: {url[:80]!r}")
    size = len(content)
    headers = {"Content-Length": str(size), "Content-Range": f"bytes 0-{size - 1}/{size}" if size else "bytes */0"}
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session, \
                session.put(url, data=content, headers=headers) as response:
            if not 200 <= response.status < 300:
                detail = (await response.text())[:200]
                raise UploadFailed(response.status, f"the upload URL answered {response.status}: {detail}")
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise UploadFailed(0, f"no answer from the upload URL: {exc!r}") from exc
