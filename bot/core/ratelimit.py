"""This replica's share of an app-wide send budget.

A platform limit that holds for the whole app (Slack's workspace budget, Teams' per-app limit) is
divided among the replicas that are running (learnt through `RateShares`). Every replica's
delivery worker beats about once a second (`update`), so a replica that starts a fan-out already
knows who else will take part: each then paces its own sends exactly, as a single process does.
A replica that joins or leaves changes the others' share within about a second; a 429 in that
moment is honoured like any other.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence

from bot.core.ports import RateShares

log = logging.getLogger(__name__)

# A replica that has not beaten for this long no longer takes a share.
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
    """`windows()`: the windows this replica may use now under `key`; `update()`: beat and re-read."""

    def __init__(self, shares: RateShares, key: str, replica: str, windows: Sequence[tuple[int, float]], *,
                 refresh: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.shares = shares
        self.key = key
        self.replica = replica
        self.full = tuple(windows)
        self.refresh = refresh
        self._clock = clock
        self._checked = -math.inf
        self.replicas = 1
        self._windows = self.full

    async def windows(self) -> tuple[tuple[int, float], ...]:
        """This replica's windows (re-read when the last reading is older than `refresh`)."""
        if self._clock() - self._checked >= self.refresh:
            await self.update()
        return self._windows

    async def update(self) -> int:
        """Say that this replica is running and read how many are; keeps the last reading if the
        database cannot be reached."""
        self._checked = self._clock()
        try:
            replicas = await self.shares.active(self.key, self.replica, ALIVE_SECONDS)
        except Exception:
            log.warning("could not read who shares the %s budget; keeping a share of 1/%s",
                        self.key, self.replicas, exc_info=True)
            return self.replicas
        if replicas != self.replicas:
            log.info("%s budget: %s replicas running, this one paces at 1/%s", self.key, replicas, replicas)
        self.replicas = replicas
        self._windows = share_of(self.full, replicas)
        return replicas
