"""Waiting in background loops (the outbox worker, the scheduler's leadership loop)."""

from __future__ import annotations

import asyncio


async def wake_or_timeout(wake: asyncio.Event, seconds: float) -> None:
    """Return when `wake` is set or after `seconds`, whichever comes first; `wake` is cleared.

    asyncio.timeout, not wait_for: in Python 3.11 wait_for can swallow a cancellation that arrives
    as the event fires, and a loop waiting this way would then never end.
    """
    try:
        async with asyncio.timeout(seconds):
            await wake.wait()
    except TimeoutError:
        pass
    wake.clear()
