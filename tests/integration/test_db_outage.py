"""Issue 17, point 3: a message that arrives while PostgreSQL is unreachable (a TCP proxy between
the bot and the database, cut for real) is never lost: recorded within Slack's limit or answered
500 so that Slack sends it again; once recorded, handled again in process until the database is
back; after the bounded time the person is told."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.fakes.tcp_proxy import TcpProxy
from tests.meetings_support import eventually


@pytest.fixture
async def proxy(pg_url) -> AsyncIterator[TcpProxy]:
    server = make_url(pg_url)
    fake = await TcpProxy(server.host or "127.0.0.1", server.port or 5432).start()
    yield fake
    await fake.close()


@pytest.fixture
async def bot(pg_url, proxy, start_slack) -> SlackBot:
    url = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    return await start_slack(database_url=url)


def answers(api: FakeSlackApi) -> Counter[str]:
    """Replies per DM channel (D0OUT01 ... for U0OUT01 ...)."""
    return Counter(str(c.params.get("channel")) for c in api.calls_to("chat.postMessage")
                   if str(c.params.get("channel", "")).startswith("D0OUT"))


async def test_messages_during_an_outage_are_answered_once_after_it(bot: SlackBot, proxy: TcpProxy):
    api, slack = bot.api, bot.workspace
    await slack.dm("U0OUT00", "こんにちは")  # warm up: the bot works through the proxy
    await eventually(lambda: _n(api, 1), timeout=15)

    proxy.cut()
    results = await asyncio.gather(*(slack.dm(f"U0OUT{i:02d}", f"有給休暇の申請方法 {i}") for i in range(1, 12)))
    statuses = Counter(sent.status for sent, _ in results)
    # Not recordable within Slack's limit: 500, so Slack keeps the message and sends it again.
    assert statuses == Counter({500: 11}), statuses
    assert proxy.refused >= 1
    await asyncio.sleep(1.0)
    proxy.restore()
    # Slack's retries (same event, X-Slack-Retry-Num: 1) now land.
    retried = await asyncio.gather(*(slack.post_json(body, retry_num=1) for _, body in results))
    assert [r.status for r in retried] == [200] * 11
    await eventually(lambda: _n(api, 12), timeout=30)
    await asyncio.sleep(0.5)
    assert answers(api) == Counter({f"D0OUT{i:02d}": 1 for i in range(12)}), "each message answered once"


async def test_a_recorded_message_is_handled_again_when_the_database_comes_back(bot: SlackBot, proxy: TcpProxy):
    api, slack = bot.api, bot.workspace
    await slack.dm("U0OUT00", "こんにちは")
    await eventually(lambda: _n(api, 1), timeout=15)
    bot.app.dispatcher.retry_for = 30.0
    sent, _ = await slack.dm("U0OUT01", "有給休暇の申請方法")
    assert sent.status == 200  # recorded
    proxy.cut()  # the database goes away while the message is being handled
    await asyncio.sleep(3.0)
    proxy.restore()
    await eventually(lambda: _n(api, 2), timeout=30)
    await asyncio.sleep(0.5)
    assert answers(api)["D0OUT01"] == 1
    assert "データベースに接続できず" not in str(api.calls_to("chat.postMessage")[-1].params.get("text"))


async def test_the_person_is_told_when_the_database_stays_away(bot: SlackBot, proxy: TcpProxy):
    api, slack = bot.api, bot.workspace
    await slack.dm("U0OUT00", "こんにちは")
    await eventually(lambda: _n(api, 1), timeout=15)
    bot.app.dispatcher.retry_for = 2.0
    sent, _ = await slack.dm("U0OUT01", "有給休暇の申請方法")
    assert sent.status == 200
    proxy.cut()
    try:
        await eventually(lambda: _n(api, 2), timeout=20)
    finally:
        proxy.restore()
    told = [c for c in api.calls_to("chat.postMessage") if c.params.get("channel") == "D0OUT01"]
    assert len(told) == 1 and "データベースに接続できず" in told[0].all_text()


async def _n(api: FakeSlackApi, n: int) -> bool:
    return sum(answers(api).values()) >= n
