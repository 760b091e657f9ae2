"""A bounded, fair queue in front of the handlers: at most `running` turns at once, the others
served oldest first; a turn that cannot start within `patience` seconds, or that finds `waiting`
turns already queued, is refused, and the adapter tells the person the desk is busy
(「混み合っています」) instead of leaving them without an answer.

Turns share one event loop and mostly the CPU, so running a few at a time (and the rest in
arrival order) answers each sooner than interleaving hundreds; the bound keeps a flood from
growing memory and waits without end.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator


class Busy(Exception):
    """No room for this turn: it was refused (the adapter sends the busy message)."""


class Admission:
    """At most `running` turns at once; up to `waiting` more wait their turn, oldest first, each for
    at most `patience` seconds."""

    def __init__(self, running: int = 8, waiting: int = 512, patience: float = 2.0) -> None:
        if running < 1:
            raise ValueError("at least one turn must be able to run")
        self.running = running
        self.waiting = waiting
        self.patience = patience
        self._active = 0
        self._queue: deque[asyncio.Future[None]] = deque()
        self.refused = 0

    @property
    def active(self) -> int:
        """Turns running now."""
        return self._active

    @property
    def queued(self) -> int:
        """Turns waiting now."""
        return len(self._queue)

    async def enter(self, patience: float | None = None) -> None:
        """Wait for a slot (oldest waiter first); raises Busy when the queue is full or the wait
        would exceed `patience` (default: the admission's). Call `leave()` after the turn."""
        if self._active < self.running and not self._queue:
            self._active += 1
            return
        if len(self._queue) >= self.waiting:
            self.refused += 1
            raise Busy()
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self.patience if patience is None else patience)
        except TimeoutError:
            if waiter.done():  # the slot was handed over just as the wait ran out: take it
                return
            self._queue.remove(waiter)
            waiter.cancel()
            self.refused += 1
            raise Busy() from None
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.leave()  # handed a slot while being cancelled: pass it on
            else:
                with contextlib.suppress(ValueError):
                    self._queue.remove(waiter)
            raise

    def leave(self) -> None:
        """A turn ended: hand its slot to the oldest waiter, if any."""
        while self._queue:
            waiter = self._queue.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes on; `_active` is unchanged
                return
        self._active -= 1

    @contextlib.asynccontextmanager
    async def slot(self, patience: float | None = None) -> AsyncIterator[None]:
        """`async with admission.slot():` — enter, run, leave (raises Busy when refused)."""
        await self.enter(patience)
        try:
            yield
        finally:
            self.leave()
