"""This replica's share of an app-wide send budget.

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

import logging
import math
import time
from collections.abc import Callable, Sequence

from bot.core.ports import RateShares

log = logging.getLogger(__name__)

# A replica that has not beaten (or sent) for this long is not counted as running (or sending).
ALIVE_SECONDS = 3.0


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
