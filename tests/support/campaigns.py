"""Campaigns started out of office hours: an app whose clock stands on a Friday night in Tokyo."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any

from bot.adapters.console.chat import ConsoleNotifier
from bot.app.composition import App
from tests.conftest import FakeClock
from tests.support.meetings import tokyo

# Fri 2098-12-05 21:00 in Tokyo; office hours open again on Mon 12-08 08:30. The outbox's own clock
# is the real one, so a night far ahead keeps queued invitations waiting for the whole test.
NIGHT = tokyo(2098, 12, 5, 21)


async def app_at_night(app_factory: Callable[..., Awaitable[App]], **settings: Any) -> App:
    """An app on a clock standing at NIGHT, whose people read their chat in this process."""
    app = await app_factory(clock=FakeClock(NIGHT), **settings)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    return app
