"""Sending to Slack: Web API clients with retries, posting rendered replies step by step, and
reading a failure as retry-later or give-up.

Inline sends retry a 429 after its `Retry-After` (when that is short) and a 5xx with backoff. What
still fails is raised as :class:`PartialSend`, which says how many steps (messages, then the file
upload) went out, so the caller can hand the rest to the durable outbox without repeating them.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import OrderedDict
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import Jitter
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack.pacing import SlackPacer
from bot.adapters.slack.render import RenderedReply, SlackMessage
from bot.core.errors import DeliveryError
from bot.core.replies import Attachment

log = logging.getLogger(__name__)

# Errors that will not go away by trying again: the outbox reports them to the office at once.
# Anything else that Slack reports with HTTP 200 is also treated as permanent unless listed in
# TRANSIENT_ERRORS, because retrying an invalid request only delays the report.
TRANSIENT_ERRORS = frozenset({
    "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable",
    "request_timeout", "timeout", "team_added_to_org",
})
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "user_not_found", "account_inactive", "invalid_auth", "not_authed",
    "token_revoked", "token_expired", "is_archived", "not_in_channel", "user_disabled",
    "cannot_dm_bot", "missing_scope", "restricted_action", "messages_tab_disabled",
    "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "invalid_arguments",
    "team_access_not_granted", "access_denied", "expired_url", "used_url", "no_service",
})


def retry_after_of(response: HttpResponse | Any) -> float | None:
    """The Retry-After header of a response, in seconds, if present and readable."""
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, (list, tuple)) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return None
    return None


class RateLimitRetry(AsyncRetryHandler):
    """Wait out a 429 for as long as Retry-After says, when that is at most `max_wait` seconds.

    A longer wait is not spent holding a request open: the send fails and the outbox, which also
    honours Retry-After, delivers it later.
    """

    def __init__(self, max_retry_count: int = 2, max_wait: float = 10.0) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after_of(response)
        return wait is None or wait <= self.max_wait

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: HttpResponse | None = None,
                                             error: Exception | None = None) -> None:
        state.next_attempt_requested = True
        wait = retry_after_of(response) if response is not None else None
        # A little jitter so replicas that were throttled together do not come back together.
        await asyncio.sleep((1.0 if wait is None else wait) + random.uniform(0, 0.2))
        state.increment_current_attempt()


class ProportionalJitter(Jitter):
    """Adds up to `share` of the wait: spreads retries without the SDK's extra whole second."""

    def __init__(self, share: float = 0.5) -> None:
        self.share = share

    def recalculate(self, duration: float) -> float:
        """The wait plus a random part of it."""
        return duration * (1 + random.uniform(0, self.share))


class ServerErrorRetry(AsyncRetryHandler):
    """Retry any 5xx with exponential backoff (0.25 s, 0.5 s, ...) and jitter."""

    def __init__(self, max_retry_count: int = 2, backoff: float = 0.25) -> None:
        super().__init__(max_retry_count=max_retry_count,
                         interval_calculator=BackoffRetryIntervalCalculator(backoff_factor=backoff,
                                                                            jitter=ProportionalJitter()))

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        return response is not None and response.status_code >= 500


def inline_retry_handlers() -> list[AsyncRetryHandler]:
    """Retries for replies sent while a person waits: short 429 waits, a few 5xx, lost connections."""
    return [RateLimitRetry(max_retry_count=2, max_wait=10.0), ServerErrorRetry(max_retry_count=2),
            AsyncConnectionErrorRetryHandler(max_retry_count=2)]


def outbox_retry_handlers() -> list[AsyncRetryHandler]:
    """Retries for outbox deliveries: only lost connections; 429 and 5xx go back to the outbox,
    which waits (Retry-After, backoff) without holding the delivery worker."""
    return [AsyncConnectionErrorRetryHandler(max_retry_count=1)]


class PartialSend(Exception):
    """A reply stopped after `done` of its steps; `cause` is what failed."""

    def __init__(self, done: int, cause: BaseException) -> None:
        super().__init__(f"stopped after {done} step(s): {cause!r}")
        self.done = done
        self.cause = cause


class ResponseUrlError(Exception):
    """Slack refused a `response_url` post (expired, used up, invalid, throttled...)."""

    def __init__(self, status: int, body: str, retry_after: float | None = None) -> None:
        super().__init__(f"response_url answered {status}: {body[:200]}")
        self.status = status
        self.body = body
        self.retry_after = retry_after


def error_code(exc: BaseException) -> str:
    """Slack's error string (`channel_not_found`...) or a short description."""
    if isinstance(exc, SlackApiError):
        data = getattr(exc.response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"http_{getattr(exc.response, 'status_code', '?')}"
    if isinstance(exc, ResponseUrlError):
        return exc.body.strip()[:80] or f"http_{exc.status}"
    return type(exc).__name__


def classify(exc: BaseException) -> DeliveryError:
    """Read a failed call as a DeliveryError: 429 waits, 5xx and network retry, the rest gives up."""
    if isinstance(exc, PartialSend):
        exc = exc.cause
    code = error_code(exc)
    if isinstance(exc, SlackApiError):
        status = int(getattr(exc.response, "status_code", 0) or 0)
        if status == 429 or code in ("ratelimited", "rate_limited"):
            return DeliveryError(f"slack: {code}", retry_after=retry_after_of(exc.response) or 1.0)
        if status >= 500 or code in TRANSIENT_ERRORS:
            return DeliveryError(f"slack: {code}")
        return DeliveryError(f"slack: {code}", permanent=True)
    if isinstance(exc, ResponseUrlError):
        if exc.status == 429:
            return DeliveryError(f"slack: {code}", retry_after=exc.retry_after or 1.0)
        return DeliveryError(f"slack: {code}", permanent=exc.status < 500)
    if isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError, OSError, SlackRequestError)):
        return DeliveryError(f"slack: {code}")
    return DeliveryError(f"slack: {code}", permanent=True)


def is_user_id(address: str) -> bool:
    """Slack user ids start with U (or W on Enterprise Grid); channels with C, G or D."""
    return len(address) > 1 and address[0] in "UW" and address[1:].isalnum()


# Message metadata that marks a message as outbox row N, step K (Slack keeps it with the message).
METADATA_EVENT = "dxdesk_outbox"
# How many of the latest messages are searched for it: the row was leased at most a lease ago.
HISTORY_LIMIT = 100


class SlackSender:
    """Posts rendered replies and files through one Web API client.

    With a `pacer`, every chat.postMessage first waits for Slack's per-channel and workspace
    budgets; `urgent` senders (answers to someone waiting) go ahead of background deliveries.
    """

    def __init__(self, client: AsyncWebClient, session: aiohttp.ClientSession,
                 webhook_retries: list[AsyncRetryHandler] | None = None, dm_cache_size: int = 10_000,
                 *, pacer: SlackPacer | None = None, urgent: bool = False) -> None:
        self.client = client
        self.session = session
        self.pacer = pacer
        self.urgent = urgent
        self.webhook_retries = webhook_retries if webhook_retries is not None else inline_retry_handlers()
        self._dms: OrderedDict[str, str] = OrderedDict()
        self._dm_cache_size = dm_cache_size

    async def open_dm(self, user_id: str) -> str:
        """The id of the bot's direct-message channel with a person (cached)."""
        cached = self._dms.get(user_id)
        if cached:
            self._dms.move_to_end(user_id)
            return cached
        response = await self.client.conversations_open(users=user_id)
        channel = str(response["channel"]["id"])
        self._dms[user_id] = channel
        if len(self._dms) > self._dm_cache_size:
            self._dms.popitem(last=False)
        return channel

    async def channel_for(self, address: str) -> str:
        """A channel id for an address that may be a user id (then the DM is opened)."""
        return await self.open_dm(address) if is_user_id(address) else address

    async def post(self, channel: str, rendered: RenderedReply, *, thread_ts: str = "", skip: int = 0,
                   ephemeral_user: str = "", files_channel: str = "", outbox_id: str = "") -> None:
        """Send the steps of a reply from `skip` on; raise PartialSend at the first failure. With an
        `outbox_id`, each message carries it (and its step) as message metadata (`delivered_steps`)."""
        step = 0
        for message in rendered.messages:
            if step >= skip:
                metadata = ({"event_type": METADATA_EVENT, "event_payload": {"outbox_id": outbox_id, "step": step}}
                            if outbox_id else None)
                try:
                    await self.post_message(channel, message, thread_ts=thread_ts, ephemeral_user=ephemeral_user,
                                            metadata=metadata)
                except Exception as exc:
                    raise PartialSend(step, exc) from exc
            step += 1
        if rendered.files and step >= skip:
            try:
                target = await self.channel_for(files_channel or channel)
                await self.upload(target, rendered.files, thread_ts=thread_ts if not files_channel else "",
                                  comment=rendered.file_comment)
            except Exception as exc:
                raise PartialSend(step, exc) from exc

    async def post_message(self, channel: str, message: SlackMessage, *, thread_ts: str = "",
                           ephemeral_user: str = "", metadata: dict[str, Any] | None = None) -> None:
        """One chat.postMessage (or chat.postEphemeral for one person)."""
        kwargs: dict[str, Any] = {"channel": channel, "blocks": message.blocks, "text": message.text}
        if metadata and not ephemeral_user:
            kwargs["metadata"] = metadata
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if ephemeral_user:
            await self.client.chat_postEphemeral(user=ephemeral_user, **kwargs)
        else:
            if self.pacer is not None:
                await self.pacer.acquire(channel, urgent=self.urgent)
            # unfurl off: a link in an answer should not grow a preview card under it.
            await self.client.chat_postMessage(unfurl_links=False, unfurl_media=False, **kwargs)

    async def delivered_steps(self, channel: str, outbox_id: str, thread_ts: str = "") -> set[int]:
        """The steps of outbox message `outbox_id` already in `channel` (or its thread), found by
        their metadata among the latest messages. Raises what the Web API raises (no history
        scope, for example): the caller then cannot tell and sends."""
        if thread_ts:
            response = await self.client.conversations_replies(channel=channel, ts=thread_ts, limit=HISTORY_LIMIT,
                                                               include_all_metadata=True)
        else:
            response = await self.client.conversations_history(channel=channel, limit=HISTORY_LIMIT,
                                                               include_all_metadata=True)
        steps: set[int] = set()
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == METADATA_EVENT and str(payload.get("outbox_id")) == outbox_id:
                try:
                    steps.add(int(payload.get("step", 0)))
                except (TypeError, ValueError):
                    continue
        return steps

    async def upload(self, channel: str, files: tuple[Attachment, ...], *, thread_ts: str = "",
                     comment: str = "") -> None:
        """Files upload v2 (images show inline) into a channel or thread."""
        uploads = [{"file": a.content, "filename": a.filename, "title": a.title or a.filename} for a in files]
        kwargs: dict[str, Any] = {"file_uploads": uploads, "channel": channel}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if comment:
            kwargs["initial_comment"] = comment
        await self.client.files_upload_v2(**kwargs)

    async def respond(self, response_url: str, body: dict[str, Any]) -> None:
        """Post to a `response_url` (slash commands, buttons); raise ResponseUrlError if refused."""
        hook = AsyncWebhookClient(response_url, session=self.session, retry_handlers=list(self.webhook_retries))
        result = await hook.send_dict(body)
        if result.status_code != 200:
            retry_after = retry_after_of(result)
            raise ResponseUrlError(result.status_code, result.body or "", retry_after)
