"""A real SMTP server (aiosmtpd) on 127.0.0.1, port 0, on the test's event loop: mails are read
back as parsed messages, waited for with a timeout."""

from __future__ import annotations

import asyncio
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP


class Inbox:
    """aiosmtpd handler that keeps every accepted mail; `refuse` makes RCPT fail (550) for addresses."""

    def __init__(self) -> None:
        self.mails: asyncio.Queue[EmailMessage] = asyncio.Queue()
        self.refuse: set[str] = set()
        self.received: list[EmailMessage] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refuse:
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(mail, EmailMessage)
        self.received.append(mail)
        await self.mails.put(mail)
        return "250 Message accepted for delivery"

    async def next_mail(self, timeout: float = 10.0) -> EmailMessage:
        return await asyncio.wait_for(self.mails.get(), timeout)


async def start_smtp() -> tuple[asyncio.AbstractServer, Inbox, int]:
    """An SMTP server on a free port; returns (server, inbox, port). Close the server after use."""
    inbox = Inbox()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(inbox, hostname="smtp.test", enable_SMTPUTF8=True),
                                      "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, inbox, port
