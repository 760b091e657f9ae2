"""Client-side pacing of chat.postMessage, so that Slack's rate limits are kept instead of learnt
from 429s (each refused message would otherwise wait a whole Retry-After).

Two budgets: per channel, Slack documents "about one message per second, short bursts allowed"
(paced here as at most 3 messages in any 3 s); per workspace, Slack documents no fixed figure, so
the budget is a setting (`SLACK_MAX_MESSAGES_PER_SECOND`, default 50). Both windows are widened
by a small margin: a send is counted when it leaves, but Slack counts it when it arrives, and the
network does not keep the spacing exact.

The channel budget is kept per process. The workspace budget holds for the whole app: given
`RateShares` (the database, with PostgreSQL), each replica paces itself to its share of it (see
bot/core/ratelimit.py, which also holds the sliding-window algorithm shared with Teams); without, this process takes all of it (SQLite: one process).
A 429 that still happens is honoured as before (inline retries, then the outbox).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.core.ports import RateShares
from bot.core.ratelimit import BudgetShare, KeyedLocks, SlidingWindows

# At most 3 messages per channel in any 3 s: one a second on average, a burst of 3 for a reply
# that Block Kit's limits split into several messages.
CHANNEL_WINDOWS: tuple[tuple[int, float], ...] = ((3, 3.0),)
DEFAULT_MAX_PER_SECOND = 50.0
# Share by which every window is lengthened (5 %: 50 ms on a 1 s window).
DEFAULT_MARGIN = 0.02
# The key of the workspace budget among the replicas' shares.
WORKSPACE_KEY = "slack:workspace"


def rate_windows(per_second: float) -> tuple[tuple[int, float], ...]:
    """A sliding window equal to `per_second` messages a second (0.5 → 1 per 2 s)."""
    if per_second <= 0:
        raise ValueError("the message rate must be positive")
    count = max(1, math.floor(per_second))
    return ((count, count / per_second),)


class SlackPacer:
    """Waits before each chat.postMessage until both the channel and the workspace budget allow it.

    Callers queue in order: per channel first (a channel that must wait does not hold up the
    others), then for the workspace. `urgent` sends (answers someone is waiting for) skip the
    workspace queue but are counted, so background deliveries leave room for them.
    """

    def __init__(
        self,
        per_second: float = DEFAULT_MAX_PER_SECOND,
        channel_windows: Sequence[tuple[int, float]] = CHANNEL_WINDOWS,
        *,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        shares: RateShares | None = None,
        replica: str = "",
    ) -> None:
        self.per_second = per_second
        self.channels = SlidingWindows(channel_windows, margin)
        self.workspace = SlidingWindows(rate_windows(per_second), margin)
        self.share = BudgetShare(shares, WORKSPACE_KEY, replica, self.workspace.windows,
                                 clock=clock) if shares is not None else None
        self._clock = clock
        self._sleep = sleep
        self._channel_locks = KeyedLocks()
        self._workspace_lock = asyncio.Lock()

    async def acquire(self, channel: str, *, urgent: bool = False) -> None:
        """Return when one message may be posted to `channel` now (it is counted as sent)."""
        async with self._channel_locks.hold(channel):
            # Only holders of this lock add sends to this channel, so once its wait is over it
            # stays over while the workspace queue is waited for.
            while (wait := self.channels.wait(channel, self._clock())) > 0:
                await self._sleep(wait)
            if urgent:
                self._record(channel)
                return
            async with self._workspace_lock:
                if self.share is not None:
                    self.workspace.set_windows(await self.share.windows())
                while (wait := self.workspace.wait("", self._clock())) > 0:
                    await self._sleep(wait)
                self._record(channel)

    def _record(self, channel: str) -> None:
        now = self._clock()
        self.channels.record(channel, now)
        self.workspace.record("", now)
