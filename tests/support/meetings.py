"""Shared helpers of the meetings tests (formerly tests/meetings_support.py): an office with
liaisons, outbox reading, bounded waits."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.app.composition import App
from bot.core.model import Person as RegistryPerson
from bot.core.replies import Destination, Reply
from tests.support.dialogue import Person

TOKYO = ZoneInfo("Asia/Tokyo")
LIAISONS = (("suzuki", "鈴木", "企画課"), ("sato", "佐藤", "税務課"), ("kato", "加藤", "福祉課"))


def tokyo(*args: int) -> datetime:
    """A Tokyo wall-clock time as aware UTC (what the FakeClock holds)."""
    return datetime(*args, tzinfo=TOKYO).astimezone(UTC)


async def office(app: App) -> tuple[Person, list[Person]]:
    """The admin (first local user) and three liaisons registered through chat commands."""
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    liaisons = []
    for user_id, name, department in LIAISONS:
        person = Person(app, user_id, name)
        await person.say("こんにちは")
        await admin.command(f"users set-role {user_id} 兼務職員 {department}")
        assert "役割を変更しました" in admin.text(), admin.text()
        liaisons.append(person)
    return admin, liaisons


async def rows_with(app: App, prefix: str) -> list[Any]:
    """Outbox rows whose dedupe key starts with `prefix`."""
    return [r for r in await app.outbox.list() if (r.dedupe_key or "").startswith(prefix)]


async def message_for(app: App, prefix: str, user_id: str) -> Reply:
    """The queued message (by dedupe-key prefix) addressed to a local user."""
    person = await app.services.people.find(user_id)
    assert person is not None
    for row in await rows_with(app, prefix):
        if row.destination["address"] == str(person.id):
            return Reply.from_dict(row.payload)
    raise AssertionError(f"no message {prefix} for {user_id}")


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 15.0) -> Any:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


class RecordingNotifier:
    """A console-platform notifier that records every delivery (shared by several apps)."""

    platform = "console"

    def __init__(self) -> None:
        self.delivered: list[tuple[str, Reply]] = []

    async def can_reach(self, person: RegistryPerson) -> bool:
        return bool(person.local_id)

    async def deliver(self, destination: Destination, person: RegistryPerson | None, reply: Reply) -> None:
        self.delivered.append((person.local_id if person else destination.address, reply))


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more in a Japanese reply (`/dx` and ids like M-1 are shorter)."""
    return re.findall(r"[A-Za-z]{3,}", text)
