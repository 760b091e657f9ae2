"""Client-side pacing of chat.postMessage: Slack's per-channel pace and the workspace budget
(SLACK_MAX_MESSAGES_PER_SECOND) are kept, so a fan-out is not refused with 429s, and answers to
people who are waiting go ahead of a fan-out in progress."""

from __future__ import annotations

import asyncio
import math
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from bot.core.model import Person, Role
from bot.core.replies import Destination, Reply
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.platforms import serve_slack

KNOWN = "ズームで画面共有したい"


class RateLimitedSlack(FakeSlackApi):
    """The fake Slack Web API refusing chat.postMessage (429 + Retry-After) beyond sliding-window
    limits per channel and, optionally, per workspace."""

    def __init__(self, channel: tuple[int, float] = (3, 3.0), workspace: tuple[int, float] | None = None) -> None:
        super().__init__()
        self.limits = {"channel": channel, "workspace": workspace}
        self.seen: dict[str, deque[float]] = defaultdict(deque)
        self.accepted: list[tuple[float, str, str]] = []  # (time, channel, text)
        self.refused = 0
        self._arrived = asyncio.Condition()

    def _wait(self, key: str, limit: tuple[int, float] | None, now: float) -> float:
        if limit is None:
            return 0.0
        count, window = limit
        inside = [t for t in self.seen[key] if t > now - window]
        return inside[-count] + window - now if len(inside) >= count else 0.0

    async def _answer(self, route: str, default: Any) -> web.StreamResponse:
        if route == "chat.postMessage":
            now = time.monotonic()
            channel = str(default.get("channel"))
            wait = max(self._wait(channel, self.limits["channel"], now),
                       self._wait("", self.limits["workspace"], now))
            if wait > 0:
                self.refused += 1
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": str(max(1, math.ceil(wait)))})
            self.seen[channel].append(now)
            self.seen[""].append(now)
            self.accepted.append((now, channel, str(default["message"]["text"])))
            async with self._arrived:
                self._arrived.notify_all()
        return await super()._answer(route, default)

    async def wait_accepted(self, count: int, timeout: float) -> None:
        """Until `count` chat.postMessage calls were accepted (at most `timeout` seconds)."""
        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(lambda: len(self.accepted) >= count), timeout)

    def most_in_any(self, window: float, channel: str | None = None) -> int:
        """The largest number of accepted messages inside any `window` seconds."""
        times = [t for t, c, _ in self.accepted if channel is None or c == channel]
        return max((sum(1 for u in times if t <= u < t + window) for t in times), default=0)


async def running(app_factory, api: RateLimitedSlack, **settings: Any) -> SlackBot:
    settings.setdefault("sample_data", False)
    return await serve_slack(await app_factory(**SlackBot.settings(api, **settings)), api)


async def outbox_empty(app: Any, timeout: float = 5.0) -> None:
    """Until the worker has recorded every row as delivered (it records just after Slack accepts)."""
    deadline = time.monotonic() + timeout
    while await app.outbox.depth() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


@pytest.fixture
async def stop_later() -> AsyncIterator[list[Any]]:
    things: list[Any] = []
    yield things
    for thing in reversed(things):
        await thing.stop() if isinstance(thing, SlackBot) else await thing.close()


async def test_messages_to_one_channel_keep_slacks_per_channel_pace(app_factory, stop_later) -> None:
    # Slack: about one message a second per channel, short bursts allowed (the fake: 3 in any 3 s).
    api = await RateLimitedSlack(channel=(3, 3.0)).start()
    stop_later.append(api)
    bot = await running(app_factory, api)
    stop_later.append(bot)
    for i in range(5):
        await bot.app.outbox.enqueue(Destination("slack", "channel", "C0OFFICE"), Reply(text=f"お知らせ {i}"))
    await api.wait_accepted(5, timeout=15)
    assert api.refused == 0  # nothing had to wait out a Retry-After
    assert [text for _, _, text in api.accepted] == [f"お知らせ {i}" for i in range(5)]
    assert api.most_in_any(3.0, "C0OFFICE") <= 3
    # The burst goes out at once; the 4th message waits for the window, not for a 429.
    assert api.accepted[2][0] - api.accepted[0][0] < 1.0
    assert api.accepted[3][0] - api.accepted[0][0] >= 3.0


async def test_a_fan_out_stays_within_the_workspace_budget(app_factory, stop_later) -> None:
    api = await RateLimitedSlack(workspace=(10, 1.0)).start()
    stop_later.append(api)
    bot = await running(app_factory, api, slack_max_messages_per_second=10)
    stop_later.append(bot)
    people = bot.app.services.people
    for i in range(20):
        person = await people.save(Person(id=0, display_name=f"推進員{i}", role=Role.LIAISON, slack_id=f"U0P{i:04d}"))
        await bot.app.outbox.enqueue(Destination("", "person", str(person.id)), Reply(text=f"リマインド {i}"),
                                     dedupe_key=f"reminder:{i}")
    await api.wait_accepted(20, timeout=15)
    assert api.refused == 0
    assert sorted(text for _, _, text in api.accepted) == sorted(f"リマインド {i}" for i in range(20))
    assert api.most_in_any(1.0) <= 10
    await outbox_empty(bot.app)
    assert {row.status for row in await bot.app.outbox.list()} == {"sent"}


async def test_an_answer_is_not_held_behind_a_fan_out(app_factory, stop_later) -> None:
    api = await RateLimitedSlack(channel=(3, 3.0)).start()
    stop_later.append(api)
    api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    # A small budget makes the fan-out of 12 reminders take about 5 s.
    bot = await running(app_factory, api, slack_max_messages_per_second=2, sample_data=True)
    stop_later.append(bot)
    await bot.app.search.ensure_current(force=True)
    people = bot.app.services.people
    for i in range(12):
        person = await people.save(Person(id=0, display_name=f"推進員{i}", role=Role.LIAISON, slack_id=f"U0R{i:04d}"))
        await bot.app.outbox.enqueue(Destination("", "person", str(person.id)), Reply(text=f"リマインド {i}"))
    await api.wait_accepted(2, timeout=5)
    asked = time.monotonic()
    await bot.workspace.dm("U0STAFF", KNOWN)
    answer = await api.next_call("chat.postMessage", channel="D0STAFF", timeout=5)
    assert "Zoom" in answer.all_text()
    assert answer.at - asked < 2.0
    reminders_before = sum(1 for t, c, _ in api.accepted if c != "D0STAFF" and t <= answer.at)
    assert reminders_before < 12  # the fan-out was still going on: the answer went ahead of it
    await api.wait_accepted(13, timeout=15)
    assert api.refused == 0
