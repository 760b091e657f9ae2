"""Proactive messages on Slack for the delivery worker (reminders, forwarded questions, answers)."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.adapters.slack.outbound import PartialSend, SlackSender, classify
from bot.adapters.slack.render import render_reply
from bot.core.errors import DeliveryError
from bot.core.model import Person
from bot.core.ports import OUTBOX_ID, OUTBOX_UNCERTAIN, Outbox
from bot.core.replies import Destination, Reply

log = logging.getLogger(__name__)

# Destination.extra key: how many steps of the reply already went out (resume after a partial send).
SKIP_KEY = "slack_skip"


def skip_of(destination: Destination) -> int:
    """Steps of the reply already delivered to this destination."""
    try:
        return max(0, int(destination.extra.get(SKIP_KEY, "0") or 0))
    except ValueError:
        return 0


class SlackNotifier:
    """Delivers outbox messages: a person by DM (conversations.open), a channel by chat.postMessage.

    Raises DeliveryError: with `retry_after` on 429, transient on 5xx and network errors,
    permanent for errors such as channel_not_found, user_not_found, account_inactive, invalid_auth.
    """

    platform = "slack"

    def __init__(self, sender: SlackSender, outbox: Outbox) -> None:
        self.sender = sender
        self.outbox = outbox

    async def can_reach(self, person: Person) -> bool:
        """A person is reachable on Slack once their Slack user id is known."""
        return bool(person.slack_id)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Send now or raise DeliveryError (the worker then retries or reports it)."""
        rendered = render_reply(reply)
        skip = skip_of(destination)
        if skip >= rendered.steps:
            return
        outbox_id = str(destination.extra.get(OUTBOX_ID, ""))
        try:
            if destination.kind == "person":
                if person is None or not person.slack_id:
                    raise DeliveryError("person has no Slack id", permanent=True)
                channel = await self.sender.open_dm(person.slack_id)
            else:
                channel = await self.sender.channel_for(destination.address)
            skip = await self._already_sent(channel, destination, outbox_id, skip)
            if skip >= rendered.steps:
                return
            await self.sender.post(channel, rendered, thread_ts=destination.thread_id, skip=skip,
                                   outbox_id=outbox_id)
        except DeliveryError:
            raise
        except PartialSend as exc:
            if exc.done > skip:
                # Part of the reply is out: queue the rest as its own row so that a retry never
                # repeats what people already saw.
                extra = {k: v for k, v in destination.extra.items() if k not in (OUTBOX_ID, OUTBOX_UNCERTAIN)}
                tail = replace(destination, platform="slack", extra={**extra, SKIP_KEY: str(exc.done)})
                await self.outbox.enqueue(tail, reply)
                log.warning("slack delivery stopped after %s of %s steps (%r); the rest is queued",
                            exc.done, rendered.steps, exc.cause)
                return
            raise classify(exc) from exc.cause
        except Exception as exc:
            raise classify(exc) from exc

    async def _already_sent(self, channel: str, destination: Destination, outbox_id: str, skip: int) -> int:
        """From which step to send. Normally from `skip`; but when the worker that had this row died
        (its lease ran out), Slack may have accepted the message just before: the latest messages
        are searched for this row's metadata and the steps found are not sent again. (Only then: a
        retry after a refusal needs no lookup, and conversations.history is a Tier 3 method.)"""
        if not outbox_id or not destination.extra.get(OUTBOX_UNCERTAIN):
            return skip
        try:
            found = await self.sender.delivered_steps(channel, outbox_id, destination.thread_id)
        except Exception as exc:  # e.g. missing_scope (channels:history): cannot tell, so send
            log.warning("could not check whether outbox row %s reached Slack already (%r); sending it", outbox_id, exc)
            return skip
        if found:
            log.info("outbox row %s: steps %s are in Slack already; not sending them again", outbox_id, sorted(found))
            return max(skip, max(found) + 1)
        return skip
