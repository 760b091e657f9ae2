"""Outbound resilience for the Bot Connector: per-conversation rate limits, retries with backoff and
jitter that honour Retry-After, and splitting of messages Teams refuses as too large (413).

SDK-free: the adapter plugs the Bot Framework connector in through the small `Outlet` protocol, so
this logic is tested on its own and survives an SDK swap.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from bot.adapters.teams.cards import needs_card, presplit, render_activity, split_reply
from bot.core.ports import RateShares
from bot.core.ratelimit import BudgetShare, KeyedLimiter
from bot.core.replies import Reply

log = logging.getLogger(__name__)

# Microsoft documents these as transient for bots (412: a concurrent update of the same message).
RETRYABLE = frozenset({412, 429, 502, 503, 504})
TOO_LARGE = 413
# Statuses that will not get better by waiting: the outbox should stop trying.
PERMANENT = frozenset({400, 401, 403, 404, 405, 413})

# Teams' per-bot, per-conversation limits for sending (Microsoft's rate-limit table), and the
# global limit per app and tenant.
# Teams counts a message when it arrives, so each window is kept 5 % longer than the documented
# one: a burst sent at the limit then never meets a 429 because of network jitter.
SAFETY = 1.05
TEAMS_WINDOWS: tuple[tuple[int, float], ...] = tuple(
    (n, seconds * SAFETY) for n, seconds in ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0)))
APP_WINDOWS: tuple[tuple[int, float], ...] = ((50, 1.0 * SAFETY),)
# The key of the per-app budget among the replicas' shares (every replica sends as the same app).
APP_KEY = "teams:app"


class ConnectorError(Exception):
    """The Bot Connector refused a request (`status` 0: no HTTP answer at all)."""

    def __init__(self, status: int, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(f"Bot Connector answered {status}: {message}" if status else message)
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        """Worth trying again after a pause (rate limit, busy service, lost connection)."""
        return self.status == 0 or self.status in RETRYABLE

    @property
    def permanent(self) -> bool:
        """Trying again later will not help."""
        return self.status in PERMANENT


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class Outlet(Protocol):
    """Raw sending to one Bot Connector (the adapter implements it with the SDK's client)."""

    async def post(self, conversation_id: str, payload: dict[str, Any], reply_to_id: str = "") -> str:
        """Post a new message (or a reply to `reply_to_id`); return the new message id."""
        ...

    async def update(self, conversation_id: str, activity_id: str, payload: dict[str, Any]) -> None:
        """Replace message `activity_id` with `payload`."""
        ...


class ConversationLimiter(KeyedLimiter):
    """Sliding-window limits per conversation (the core algorithm with Teams' windows); callers
    wait their turn instead of being refused."""

    def __init__(
        self,
        windows: Sequence[tuple[int, float]] = TEAMS_WINDOWS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        super().__init__(windows, clock=clock, sleep=sleep)


@dataclass
class RetryPolicy:
    """Exponential backoff with jitter; Retry-After wins when the service sends one."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 8.0
    # Total time one send may spend waiting before the caller falls back (the outbox, for example).
    budget: float = 10.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Pause before retry number `attempt` (0-based)."""
        if retry_after is not None:
            # Honour the service's wish, plus a little jitter so parallel senders do not align.
            return retry_after + self.rng.uniform(0.0, min(1.0, 0.1 * retry_after + 0.05))
        ceiling = min(self.cap, self.base * (2 ** attempt))
        return self.rng.uniform(ceiling / 2, ceiling)


@dataclass(frozen=True)
class Target:
    """Where one reply goes: a conversation, optionally as a reply, or replacing a message."""

    conversation_id: str
    reply_to_id: str = ""
    # Set to replace that message (a card whose button was pressed) instead of posting.
    replace_id: str = ""
    # Rate limits are counted per conversation (the chat or channel, threads included).
    limit_key: str = ""


class ResilientSender:
    """Sends core replies through an Outlet: splits, waits for rate limits, retries transient errors."""

    def __init__(
        self,
        limiter: ConversationLimiter | None = None,
        policy: RetryPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        max_split_depth: int = 6,
        shares: RateShares | None = None,
        replica: str = "",
        app_windows: Sequence[tuple[int, float]] | None = None,
    ) -> None:
        self.limiter = limiter or ConversationLimiter(clock=clock, sleep=sleep)
        self.app_limiter = ConversationLimiter(app_windows or APP_WINDOWS, clock=clock, sleep=sleep)
        # The per-app limit holds for all replicas together: with `shares`, this replica takes its share.
        self.share = BudgetShare(shares, APP_KEY, replica, self.app_limiter.windows,
                                 clock=clock) if shares is not None else None
        self.policy = policy or RetryPolicy()
        self._clock = clock
        self._sleep = sleep
        self.max_split_depth = max_split_depth

    async def send(self, outlet: Outlet, target: Target, reply: Reply, lang: str = "ja",
                   budget: float | None = None) -> list[str]:
        """Deliver `reply` (possibly as several messages); return the ids of messages posted.

        Raises ConnectorError when it cannot: `retryable` tells whether a later attempt may work.
        """
        if not needs_card(reply) and not reply.text.strip():
            return []  # Teams refuses empty messages; there is nothing to say
        deadline = self._clock() + (self.policy.budget if budget is None else budget)
        ids: list[str] = []
        for i, part in enumerate(presplit(reply, lang)):
            part_target = target if i == 0 else Target(target.conversation_id, target.reply_to_id, "",
                                                       target.limit_key)
            await self._send_part(outlet, part_target, part, lang, deadline, self.max_split_depth, ids)
        return ids

    async def send_payload(self, outlet: Outlet, target: Target, payload: dict[str, Any],
                           budget: float | None = None) -> str:
        """Post one ready-made activity (a file card) with the same limits and retries; its id."""
        deadline = self._clock() + (self.policy.budget if budget is None else budget)
        result: str = await self._call(
            lambda: outlet.post(target.conversation_id, payload, target.reply_to_id), target, deadline)
        return result

    async def _send_part(self, outlet: Outlet, target: Target, reply: Reply, lang: str, deadline: float,
                         depth: int, ids: list[str]) -> None:
        payload = render_activity(reply, lang)
        try:
            if target.replace_id:
                await self._call(lambda: outlet.update(target.conversation_id, target.replace_id, payload),
                                 target, deadline)
            else:
                ids.append(await self._call(
                    lambda: outlet.post(target.conversation_id, payload, target.reply_to_id), target, deadline))
            return
        except ConnectorError as exc:
            if exc.status != TOO_LARGE:
                raise
            parts = split_reply(reply) if depth > 0 else []
            if not parts:
                log.error("Teams refused a message as too large and it cannot be split further")
                raise
            log.info("Teams refused a message as too large; sending it in %s parts", len(parts))
        for i, part in enumerate(parts):
            part_target = target if i == 0 else Target(target.conversation_id, target.reply_to_id, "",
                                                       target.limit_key)
            await self._send_part(outlet, part_target, part, lang, deadline, depth - 1, ids)

    async def _call(self, operation: Callable[[], Awaitable[Any]], target: Target, deadline: float) -> Any:
        key = target.limit_key or target.conversation_id
        attempt = 0
        while True:
            await self.limiter.acquire(key)
            if self.share is not None:
                self.app_limiter.set_windows(await self.share.windows())
            await self.app_limiter.acquire("app")
            try:
                return await operation()
            except ConnectorError as exc:
                if not exc.retryable or attempt + 1 >= self.policy.attempts:
                    raise
                pause = self.policy.delay(attempt, exc.retry_after)
                if self._clock() + pause > deadline:
                    # Out of patience here; the caller decides (the outbox retries later).
                    raise
                log.info("Bot Connector answered %s; retrying in %.1f s", exc.status or "no response", pause)
                await self._sleep(pause)
                attempt += 1
