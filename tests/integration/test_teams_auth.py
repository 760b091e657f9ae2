"""Authentication of /api/messages with an app id: the fake publishes its own OpenID metadata and
signing keys (DXDESK_TEAMS_OPENID_METADATA), so a correctly signed Bot Framework token passes and
every bad one is refused with 401 before any handler runs.

The probe for "a handler ran" is an uninstall: it removes a stored conversation reference and
sends nothing, so no outbound Entra ID token (which would need the internet) is involved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.adapters.teams import TeamsAdapter, TeamsConfig
from bot.core.errors import ConfigurationError
from tests.fakes.bot_connector import FakeBotConnector, ServedBot, TeamsUser
from tests.support.platforms import StartTeams

APP_ID = "5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a"
TENANT = "11111111-2222-4333-8444-555555555555"
BOT_ID = f"28:{APP_ID}"
CONVERSATION = "a:1personal-yamada"
REFERENCE = {"conversation": {"id": CONVERSATION, "conversationType": "personal"}, "channelId": "msteams",
             "user": {"id": "29:1yamada-taro"}, "bot": {"id": BOT_ID}}

Start = Callable[..., Awaitable[tuple[ServedBot, TeamsUser]]]


@pytest.fixture
def start_bot(start_teams: StartTeams, connector: FakeBotConnector) -> Start:
    """The real web app with authentication on, and a user whose chat reference is stored."""

    async def start(**overrides: Any) -> tuple[ServedBot, TeamsUser]:
        settings = {"microsoft_app_id": APP_ID, "microsoft_app_password": "client-secret",
                    "teams_openid_metadata": connector.openid_url, **overrides}
        bot = await start_teams(**settings)
        await bot.app.refs.save("teams", CONVERSATION, {**REFERENCE, "serviceUrl": connector.url}, None, True)
        return bot, TeamsUser(bot.url, connector, bot_id=BOT_ID)

    return start


def bad_tokens(connector: FakeBotConnector) -> dict[str, str | None]:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    url = connector.url
    return {
        "missing": None,
        "not a bearer token": "Basic dXNlcjpwYXNz",
        "garbage": "Bearer not.a.jwt",
        "expired": "Bearer " + connector.token(APP_ID, url, expires_in=-3600),
        "wrongly signed": "Bearer " + connector.token(APP_ID, url, key=other_key),
        "unknown signing key": "Bearer " + connector.token(APP_ID, url, kid="rotated-away"),
        "wrong audience": "Bearer " + connector.token("another-bot-app-id", url),
        "other serviceUrl": "Bearer " + connector.token(APP_ID, "https://smba.trafficmanager.net/evil/"),
        "wrong issuer": "Bearer " + connector.token(APP_ID, url, issuer="https://sts.example.com/"),
    }


async def test_bad_tokens_are_refused_with_401_and_nothing_runs(start_bot: Start,
                                                                 connector: FakeBotConnector) -> None:
    bot, user = await start_bot()
    for name, header in bad_tokens(connector).items():
        uninstall = user.activity("uninstall_personal")
        question = user.activity("personal_message", text="ズームで画面共有したい")
        for activity in (uninstall, question):
            status, _ = await user.post(activity, authorization=header or "")
            assert status == 401, name
    assert await bot.app.refs.for_conversation(CONVERSATION) is not None
    assert await bot.app.services.people.list() == []
    assert connector.calls == []


async def test_a_correctly_signed_token_is_accepted(start_bot: Start, connector: FakeBotConnector) -> None:
    bot, user = await start_bot()
    uninstall = user.activity("uninstall_personal")
    status, _ = await user.post(uninstall, authorization="Bearer " + connector.token(APP_ID, connector.url))
    assert status == 200
    assert await bot.app.refs.for_conversation(CONVERSATION) is None
    # The keys came from our metadata, fetched without blocking the event loop the fake runs on.
    assert connector.metadata_requests == 1


async def test_single_tenant_bot_refuses_other_tenants(start_bot: Start, connector: FakeBotConnector) -> None:
    bot, user = await start_bot(microsoft_app_type="SingleTenant", microsoft_app_tenant_id=TENANT)
    foreign = user.activity("uninstall_personal")
    foreign["channelData"]["tenant"]["id"] = "99999999-0000-4000-8000-000000000000"
    foreign["conversation"]["tenantId"] = "99999999-0000-4000-8000-000000000000"
    token = "Bearer " + connector.token(APP_ID, connector.url)
    status, _ = await user.post(foreign, authorization=token)
    assert status == 401
    assert await bot.app.refs.for_conversation(CONVERSATION) is not None
    status, _ = await user.post(user.activity("uninstall_personal"), authorization=token)
    assert status == 200
    assert await bot.app.refs.for_conversation(CONVERSATION) is None


async def test_no_authentication_is_never_the_silent_default(app_factory: Any) -> None:
    app = await app_factory()
    with pytest.raises(ConfigurationError, match="DXDESK_TEAMS_NO_AUTH"):
        TeamsAdapter(TeamsConfig(), app.dispatcher, app.refs, app.services.people, app.outbox)
    with pytest.raises(ConfigurationError, match="MICROSOFT_APP_TENANT_ID"):
        TeamsConfig(app_id=APP_ID, app_password="x", app_type="SingleTenant").check()
