"""The one Slack and the one Teams set-up of the tests: the fake platform server, and DX Desk's real
`dxdesk serve` web app listening next to it. Every platform test uses these (the fixtures are
registered in tests/conftest.py); tests/unit/test_architecture.py keeps copies from coming back.

    async def test_x(start_slack, slack_api):           async def test_y(start_teams, connector):
        slack_api.add_user("U0STAFF", "佐藤 一郎")           bot = await start_teams()  # no auth
        bot = await start_slack(admins="slack:U0STAFF")      user = TeamsUser(bot.url, connector)

Both fixtures take settings (an app is built by `app_factory`, pointed at the fake) or an `app=`
already built and seeded; everything started is stopped after the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.app.composition import App, create_web_app
from tests.fakes.bot_connector import FakeBotConnector, ServedBot
from tests.fakes.slack_api import FakeSlackApi, SlackBot

StartSlack = Callable[..., Awaitable[SlackBot]]
StartTeams = Callable[..., Awaitable[ServedBot]]


@asynccontextmanager
async def fake_slack_api() -> AsyncIterator[FakeSlackApi]:
    """A fresh fake Slack Web API, closed on exit."""
    api = await FakeSlackApi().start()
    try:
        yield api
    finally:
        await api.close()


@asynccontextmanager
async def fake_bot_connector() -> AsyncIterator[FakeBotConnector]:
    """A fresh fake Bot Connector (and OpenID/keys endpoint), closed on exit."""
    connector = await FakeBotConnector().start()
    try:
        yield connector
    finally:
        await connector.close()


async def serve_slack(app: App, api: FakeSlackApi, *, worker: bool = True) -> SlackBot:
    """Serve `app` as `dxdesk serve` does, wired to `api` (stop it with `.stop()`)."""
    return await SlackBot(app, api).start(worker=worker)


async def serve_teams(app: App) -> ServedBot:
    """Serve `app`'s real web app (/api/messages) as `dxdesk serve` does (stop it with `.stop()`)."""
    return await ServedBot(app, await create_web_app(app)).start()


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    """The fake Slack Web API for this test (add the workspace's users with `add_user`)."""
    async with fake_slack_api() as api:
        yield api


@pytest.fixture
async def start_slack(app_factory: Any, slack_api: FakeSlackApi) -> AsyncIterator[StartSlack]:
    """`await start_slack(**settings)` or `await start_slack(app=...)`: DX Desk served for Slack
    against `slack_api`; several starts share the test database. All are stopped after the test."""
    bots: list[SlackBot] = []

    async def start(app: App | None = None, *, worker: bool = True, **settings: Any) -> SlackBot:
        if app is None:
            app = await app_factory(**SlackBot.settings(slack_api, **settings))
        bot = await serve_slack(app, slack_api, worker=worker)
        bots.append(bot)
        return bot

    yield start
    for bot in bots:
        await bot.stop()


@pytest.fixture
async def connector() -> AsyncIterator[FakeBotConnector]:
    """The fake Bot Connector for this test (activities name it as their `serviceUrl`)."""
    async with fake_bot_connector() as fake:
        yield fake


@pytest.fixture
async def start_teams(app_factory: Any) -> AsyncIterator[StartTeams]:
    """`await start_teams(**settings)` or `await start_teams(app=...)`: DX Desk's web app served for
    Teams; built from settings it runs without authentication unless an app id is given. Several
    starts share the test database; all are stopped after the test."""
    served: list[ServedBot] = []

    async def start(app: App | None = None, **settings: Any) -> ServedBot:
        if app is None:
            if "microsoft_app_id" not in settings:
                settings.setdefault("teams_no_auth", True)
            app = await app_factory(**settings)
        bot = await serve_teams(app)
        served.append(bot)
        return bot

    yield start
    for bot in served:
        await bot.runner.cleanup()  # the app itself is closed by app_factory
