"""Proactive messages for people whose only channel is the web desk.

The message is put on the person's web desk (it waits on the first page, buttons included) and,
when SMTP is configured, also mailed to them with a link to it. The outbox row id makes both
steps idempotent: a retried row neither shows twice nor (once the mail is recorded) mails twice.
"""

from __future__ import annotations

import logging

from bot.adapters.web.mail import Mailer, reply_mail_body
from bot.adapters.web.outbound import Transcript
from bot.core.errors import DeliveryError
from bot.core.messages import t
from bot.core.model import Person
from bot.core.ports import OUTBOX_ID, StateStore
from bot.core.replies import Destination, Reply

log = logging.getLogger(__name__)


def seen_key(person_id: int) -> str:
    """State key set when a person first signs in to the web desk."""
    return f"web:seen:{person_id}"


class WebNotifier:
    """The outbox worker's notifier for the web desk (`platform = "web"`)."""

    platform = "web"

    def __init__(self, transcript: Transcript, state: StateStore, base_url: str, mailer: Mailer | None = None) -> None:
        self.transcript = transcript
        self.state = state
        self.base_url = base_url.rstrip("/")
        self.mailer = mailer

    async def can_reach(self, person: Person) -> bool:
        """Anyone with an e-mail address (mail, or the desk's first page) or who has used the desk."""
        return bool(person.email) or await self.state.get(seen_key(person.id)) is not None

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Show the message on the person's desk; mail it too when SMTP is configured."""
        if destination.kind != "person" or person is None:
            raise DeliveryError("the web desk has no channels", permanent=True)
        outbox_id = str(destination.extra.get(OUTBOX_ID, ""))
        turn_id = await self.transcript.add_reply(person.id, reply, notice=True, outbox_id=outbox_id)
        if self.mailer is None or not person.email:
            return
        if outbox_id:
            turn = await self.transcript.find_outbox(person.id, outbox_id)
            if turn is not None and turn.get("mailed"):
                return  # a retry of a row whose mail already went out
        lang = person.language if person.language in ("ja", "en") else "ja"
        title = reply.title or t("web.mail.default_title", lang)
        subject = t("web.mail.subject", lang, title=title.splitlines()[0][:80])
        url = f"{self.base_url}/#t{turn_id}"
        await self.mailer.send(person.email, subject, reply_mail_body(reply, url, lang),
                               message_id=f"dxdesk-outbox-{outbox_id}" if outbox_id else "")
        await self.transcript.mark(person.id, turn_id, mailed=True)
