"""Outbound resilience on Teams, against the fake Bot Connector: 429/412/502/504 retried with
backoff honouring Retry-After, 413 split instead of lost, long refusals handed to the outbox,
and Teams' per-conversation rate limits respected when many messages go to one chat."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest
from aiohttp import web

from bot.adapters.teams import TeamsAdapter, TeamsConfig
from bot.adapters.teams.resilience import ConversationLimiter, ResilientSender, RetryPolicy
from bot.core.errors import DeliveryError
from bot.core.replies import Destination, Reply
from tests.fakes.bot_connector import SEND, FakeBotConnector, ServedBot, TeamsUser
from tests.support.platforms import StartTeams

GREETING = "こんにちは、DX Desk です"


@pytest.fixture
async def served(start_teams: StartTeams) -> ServedBot:
    return await start_teams()


async def test_429_is_retried_after_the_retry_after_delay(served: ServedBot, connector: FakeBotConnector) -> None:
    connector.queue(SEND, 429, headers={"Retry-After": "1"})
    user = TeamsUser(served.url, connector)
    assert await user.say("こんにちは") == 200
    await connector.message(user.conversation_id, GREETING)
    refused, accepted = connector.calls_to(SEND)
    assert (refused.status, accepted.status) == (429, 200)
    assert accepted.at - refused.at >= 1.0
    assert len(connector.posts()) == 1  # the person sees the greeting once


async def test_412_502_504_are_retried_with_backoff(app_factory: Any, connector: FakeBotConnector) -> None:
    app = await app_factory()
    # A quick policy keeps the test short; the production one starts at 0.5 s.
    sender = ResilientSender(policy=RetryPolicy(base=0.05, rng=random.Random(7)))
    adapter = TeamsAdapter(TeamsConfig(no_auth=True), app.dispatcher, app.refs, app.services.people, app.outbox,
                           sender=sender)
    web_app = web.Application()
    adapter.mount(web_app)
    bot = await ServedBot(app, web_app).start()
    try:
        for status in (412, 502, 504):
            connector.queue(SEND, status)
        user = TeamsUser(bot.url, connector)
        assert await user.say("こんにちは") == 200
        await connector.message(user.conversation_id, GREETING)
        attempts = connector.calls_to(SEND)
        assert [c.status for c in attempts[:3]] == [412, 502, 504]
        gaps = [b.at - a.at for a, b in itertools.pairwise(attempts)]
        assert gaps[0] >= 0.025 and gaps[1] >= 0.05 and gaps[2] >= 0.1  # growing backoff
        assert len(connector.posts()) == 1
    finally:
        await bot.runner.cleanup()


async def test_413_splits_the_answer_instead_of_losing_it(served: ServedBot, connector: FakeBotConnector) -> None:
    user = TeamsUser(served.url, connector)
    connector.queue(SEND, 413, body={"error": {"code": "MessageSizeTooBig", "message": "too big"}})
    await user.say("ズームで画面共有したい")
    first = await connector.message(user.conversation_id, "Zoomで画面共有")
    second = await connector.message(user.conversation_id, "解決しましたか？")
    refused = connector.calls_to(SEND)[0]
    assert refused.status == 413
    whole = refused.card_texts()
    # Everything the refused card said arrives, in order, over the two messages.
    assert first.card_texts() + second.card_texts() == whole
    assert "はい" in second.card_texts() and "はい" not in first.card_texts()


async def test_a_reply_teams_keeps_refusing_goes_through_the_outbox(
        served: ServedBot, connector: FakeBotConnector) -> None:
    connector.queue(SEND, 429, headers={"Retry-After": "30"})
    user = TeamsUser(served.url, connector)
    assert await user.say("こんにちは") == 200  # answered at once: the turn does not wait 30 s
    delivered = await connector.message(user.conversation_id, GREETING)
    assert delivered.body["recipient"]["id"] == user.user_id
    assert connector.calls_to(SEND)[0].status == 429


async def test_many_messages_to_one_chat_respect_the_per_second_limit(
        served: ServedBot, connector: FakeBotConnector) -> None:
    user = TeamsUser(served.url, connector)
    assert await user.install() == 200
    await connector.message(user.conversation_id, "DX Desk")
    person = await served.app.services.people.find_by_actor(user.actor)
    assert person is not None
    for n in range(1, 11):
        await served.app.outbox.enqueue(Destination("teams", "person", str(person.id)), Reply(text=f"お知らせ {n}"),
                                        dedupe_key=f"notice:{n}")
    for n in range(1, 11):
        await connector.message(user.conversation_id, f"お知らせ {n}", timeout=10)
    stamps = sorted(c.at for c in connector.posts() if c.text.startswith("お知らせ"))
    assert len(stamps) == 10
    busiest = max(sum(1 for s in stamps if start <= s < start + 1.0) for start in stamps)
    assert busiest <= 7
    assert stamps[-1] - stamps[0] >= 1.0


async def test_limiter_holds_the_61st_message_in_30_seconds() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = ConversationLimiter(clock=lambda: now[0], sleep=sleep)
    sent: list[float] = []
    for _ in range(61):
        await limiter.acquire("a:1")
        sent.append(now[0])
        now[0] += 0.2  # a steady sender, slower than 7 per second
    assert max(sum(1 for s in sent if t <= s < t + 1) for t in sent) <= 7
    assert max(sum(1 for s in sent if t <= s < t + 30) for t in sent) <= 60
    assert sent[60] >= sent[0] + 30


async def test_proactive_refusals_tell_the_outbox_when_to_retry_or_to_stop(
        served: ServedBot, connector: FakeBotConnector) -> None:
    user = TeamsUser(served.url, connector)
    await user.install()
    await connector.message(user.conversation_id, "DX Desk")
    person = await served.app.services.people.find_by_actor(user.actor)
    notifier = served.app.notifiers["teams"]
    destination = Destination("teams", "person", str(person.id))

    connector.queue(SEND, 429, headers={"Retry-After": "120"})
    with pytest.raises(DeliveryError) as busy:
        await notifier.deliver(destination, person, Reply(text="リマインド"))
    assert not busy.value.permanent and busy.value.retry_after == 120

    connector.queue(SEND, 403, body={"error": {"code": "BotNotInConversationRoster", "message": "removed"}})
    with pytest.raises(DeliveryError) as gone:
        await notifier.deliver(destination, person, Reply(text="リマインド"))
    assert gone.value.permanent
