"""Client-side rate limits: one sliding-window algorithm for every platform, and this replica's
share of an app-wide send budget.

`SlidingWindows` counts sends per key and says how long one more send must wait to stay within
every (count, seconds) window; `KeyedLimiter` lets callers wait their turn per key (one queue per
conversation, so a key that must wait holds up no other). The Slack pacer (per channel and per
workspace) and the Teams sender (per conversation and per app) are both built from these two.

A platform limit that holds for the whole app (Slack's workspace budget, Teams' per-app limit) is
divided among the replicas (learnt through `RateShares`). Every replica's delivery worker beats
about once a second (`update`), saying whether it has sent under the budget in the last few
seconds. A replica that starts sending after a pause divides by every running replica for its
first `ALIVE_SECONDS` — a fan-out starts on all of them at once, and none can know yet who else
takes part — and then by the replicas that are sending, so that one still busy when the others
ran out of work gets the budget they no longer use. Each replica then paces its own sends
exactly, as a single process does. A 429 in a moment of change is honoured like any other.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from bot.core.ports import RateShares

log = logging.getLogger(__name__)

# A replica that has not beaten (or sent) for this long is not counted as running (or sending).
ALIVE_SECONDS = 3.0


# Beyond this many keys, keys whose last send left the longest window are forgotten.
FORGET_AFTER_KEYS = 1000


class SlidingWindows:
    """Send times per key, and how long until one more send keeps within every window.

    `windows` are (count, seconds) pairs: at most `count` sends in any `seconds`. Each window is
    lengthened by `margin` (0.02: 2 %), because a send is counted when it leaves but the platform
    counts it when it arrives.
    """

    def __init__(self, windows: Sequence[tuple[int, float]], margin: float = 0.0) -> None:
        self.set_windows(tuple((count, window * (1 + margin)) for count, window in windows))
        self._stamps: dict[str, deque[float]] = {}

    def set_windows(self, windows: Sequence[tuple[int, float]]) -> None:
        """Change the limits (this replica's share of a shared budget); past sends still count."""
        self.windows = tuple(windows)
        self.horizon = max(window for _, window in self.windows)

    def wait(self, key: str, now: float) -> float:
        """Seconds until a send to `key` at `now` or later stays within every window."""
        stamps = self._stamps.get(key)
        if not stamps:
            return 0.0
        while stamps and stamps[0] <= now - self.horizon:
            stamps.popleft()
        wait = 0.0
        for count, window in self.windows:
            if len(stamps) >= count:
                # The count-th most recent send must have left the window.
                wait = max(wait, stamps[-count] + window - now)
        return max(0.0, wait)

    def record(self, key: str, now: float) -> None:
        """Count one send to `key` at `now`."""
        stamps = self._stamps.setdefault(key, deque())
        stamps.append(now)
        while stamps and stamps[0] <= now - self.horizon:
            stamps.popleft()
        # Keys whose last send is older than the longest window hold nothing worth keeping.
        if len(self._stamps) > FORGET_AFTER_KEYS:
            for old in [k for k, s in self._stamps.items() if not s or s[-1] <= now - self.horizon]:
                del self._stamps[old]


class KeyedLocks:
    """One asyncio lock per key while anyone holds or waits for it (then forgotten)."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold `key`'s lock: callers of one key go one after the other, in arrival order."""
        self._users[key] = self._users.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                del self._locks[key]


class KeyedLimiter:
    """Sliding-window limits per key; callers wait their turn (in arrival order) instead of being refused."""

    def __init__(
        self,
        windows: Sequence[tuple[int, float]],
        *,
        margin: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.sliding = SlidingWindows(windows, margin)
        self.locks = KeyedLocks()
        self._clock = clock
        self._sleep = sleep

    @property
    def windows(self) -> tuple[tuple[int, float], ...]:
        """The limits in force."""
        return self.sliding.windows

    def set_windows(self, windows: Sequence[tuple[int, float]]) -> None:
        """Change the limits (this replica's share of a shared budget); past sends still count."""
        self.sliding.set_windows(windows)

    def wait_time(self, key: str) -> float:
        """Seconds until one more send to `key` stays within every window."""
        return self.sliding.wait(key, self._clock())

    async def acquire(self, key: str) -> None:
        """Wait until a send to `key` is allowed, and count it."""
        async with self.locks.hold(key):
            while (wait := self.wait_time(key)) > 0:
                await self._sleep(wait)
            self.sliding.record(key, self._clock())


def share_of(windows: Sequence[tuple[int, float]], replicas: int) -> tuple[tuple[int, float], ...]:
    """The windows for one of `replicas` senders: each count divided (at least 1 per window; a
    window whose count is smaller than the replicas is lengthened instead)."""
    replicas = max(1, replicas)
    shared: list[tuple[int, float]] = []
    for count, window in windows:
        part = count // replicas
        shared.append((part, window) if part >= 1 else (1, window * replicas / count))
    return tuple(shared)


class BudgetShare:
    """`windows()`: the windows this replica may use now under `key` (called for every paced
    send); `update()`: beat, and re-read who runs and who sends."""

    def __init__(self, shares: RateShares, key: str, replica: str, windows: Sequence[tuple[int, float]], *,
                 refresh: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.shares = shares
        self.key = key
        self.replica = replica
        self.full = tuple(windows)
        self.refresh = refresh
        self._clock = clock
        self._checked = -math.inf
        self._last_send = -math.inf
        self._busy_since = -math.inf
        self.running = 1
        self.sending = 1
        self.replicas = 1
        self._windows = self.full

    async def windows(self) -> tuple[tuple[int, float], ...]:
        """This replica's windows for one more send (re-read when the last reading is older than
        `refresh`, or when this replica starts sending after a pause)."""
        now = self._clock()
        if now - self._last_send > ALIVE_SECONDS:
            self._busy_since = now
            self._checked = -math.inf  # the others must know at once that this one sends too
        self._last_send = now
        if now - self._checked >= self.refresh:
            await self.update()
        return self._windows

    async def update(self) -> int:
        """Say that this replica runs (and whether it sends) and re-read the counts; returns the
        divisor in use. Keeps the last reading when the database cannot be reached."""
        now = self._checked = self._clock()
        busy = now - self._last_send <= ALIVE_SECONDS
        try:
            self.running, self.sending = await self.shares.active(self.key, self.replica, ALIVE_SECONDS, busy)
        except Exception:
            log.warning("could not read who shares the %s budget; keeping a share of 1/%s",
                        self.key, self.replicas, exc_info=True)
            return self.replicas
        # Idle or just started: every running replica may be starting too. Later: those sending.
        starting = not busy or now - self._busy_since < ALIVE_SECONDS
        replicas = self.running if starting else self.sending
        if replicas != self.replicas:
            log.info("%s budget: this replica paces at 1/%s (%s running, %s sending)", self.key, replicas,
                     self.running, self.sending)
        self.replicas = replicas
        self._windows = share_of(self.full, replicas)
        return replicas
