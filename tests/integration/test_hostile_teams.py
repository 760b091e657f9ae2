"""/api/messages under hostile and broken input (issue 16).

With authentication on (the fake publishes its own signing keys, as in test_teams_auth.py): an
activity is taken only with a complete token, from the `msteams` channel and, for a single-tenant
bot, naming only its tenant wherever Teams puts one. Anything else is 401 before any handler runs.
An activity that is not what the endpoint expects is 400 with a short reason, never a 500.
"""

from __future__ import annotations

import copy
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import jwt
import pytest

from tests.db_snapshot import snapshot
from tests.fakes.bot_connector import ISSUER, FakeBotConnector, ServedBot, TeamsUser
from tests.support.platforms import StartTeams, serve_teams

APP_ID = "5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a"
TENANT = "11111111-2222-4333-8444-555555555555"
FOREIGN = "99999999-0000-4000-8000-000000000000"
BOT_ID = f"28:{APP_ID}"
CONVERSATION = "a:1personal-yamada"
REFERENCE = {"conversation": {"id": CONVERSATION, "conversationType": "personal"}, "channelId": "msteams",
             "user": {"id": "29:1yamada-taro"}, "bot": {"id": BOT_ID}}
QUIET = ("apscheduler_jobs",)

Start = Callable[..., Awaitable[tuple[ServedBot, TeamsUser]]]


@pytest.fixture
def start_bot(start_teams: StartTeams, connector: FakeBotConnector) -> Start:
    """The real web app with authentication on, and a user whose chat reference is stored."""

    async def start(**overrides: Any) -> tuple[ServedBot, TeamsUser]:
        settings = {"microsoft_app_id": APP_ID, "microsoft_app_password": "client-secret",
                    "teams_openid_metadata": connector.openid_url, "admins": "teams:aad-admin", **overrides}
        bot = await start_teams(**settings)
        await bot.app.refs.save("teams", CONVERSATION, {**REFERENCE, "serviceUrl": connector.url}, None, True)
        return bot, TeamsUser(bot.url, connector, bot_id=BOT_ID)

    return start


def bearer(connector: FakeBotConnector, *, without: tuple[str, ...] = (), **claims: Any) -> str:
    """A token signed with the fake's published key, with some claims left out."""
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": APP_ID, "serviceurl": connector.url, "nbf": now - 60, "iat": now - 60,
               "exp": now + 3600, "jti": uuid.uuid4().hex, **claims}
    for name in without:
        payload.pop(name, None)
    return "Bearer " + jwt.encode(payload, connector.key, algorithm="RS256", headers={"kid": connector.kid})


def quiet_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def assert_untouched(bot: ServedBot, connector: FakeBotConnector, before: dict[str, Any]) -> None:
    assert connector.calls == [], "nothing may be sent for a refused activity"
    assert await snapshot(bot.app, skip=QUIET) == before


async def test_single_tenant_refuses_an_activity_naming_no_tenant_or_a_foreign_one_anywhere(
        start_bot: Start, connector: FakeBotConnector, caplog: pytest.LogCaptureFixture) -> None:
    bot, user = await start_bot(microsoft_app_type="SingleTenant", microsoft_app_tenant_id=TENANT)
    caplog.set_level(logging.INFO)
    token = bearer(connector)
    cases: dict[str, dict[str, Any]] = {}
    none = user.activity("uninstall_personal")
    none["channelData"].pop("tenant", None)
    none["conversation"].pop("tenantId", None)
    cases["no tenant anywhere"] = none
    conversation_only = user.activity("uninstall_personal")
    conversation_only["conversation"]["tenantId"] = FOREIGN  # the schema would read tenantID only
    cases["foreign conversation.tenantId"] = conversation_only
    channel_data_only = user.activity("uninstall_personal")
    channel_data_only["channelData"]["tenant"]["id"] = FOREIGN
    cases["foreign channelData.tenant.id"] = channel_data_only
    spelled = user.activity("uninstall_personal")
    spelled["conversation"]["tenantID"] = FOREIGN
    cases["foreign conversation.tenantID"] = spelled
    before = await snapshot(bot.app, skip=QUIET)
    for name, activity in cases.items():
        status, _ = await user.post(activity, authorization=token)
        assert status == 401, name
    await assert_untouched(bot, connector, before)
    refused = [r.getMessage() for r in caplog.records if "refused a Teams request" in r.getMessage()]
    assert len(refused) == len(cases)
    assert "names no tenant" in refused[0] and all("single-tenant" in m for m in refused)
    assert quiet_logs(caplog) == []
    # Our own tenant, named in both places: taken.
    status, _ = await user.post(user.activity("uninstall_personal"), authorization=token)
    assert status == 200
    assert await bot.app.refs.for_conversation(CONVERSATION) is None


async def test_only_teams_activities_are_taken(start_bot: Start, connector: FakeBotConnector,
                                               caplog: pytest.LogCaptureFixture) -> None:
    # The reported case: a correctly signed token, channel webchat, no tenant and the admin's
    # object id, asking to add an FAQ entry.
    bot, user = await start_bot(microsoft_app_type="SingleTenant", microsoft_app_tenant_id=TENANT)
    caplog.set_level(logging.INFO)
    before = await snapshot(bot.app, skip=QUIET)
    entries = len(await bot.app.services.faq.list_entries())
    for channel in ("webchat", "directline", "emulator", "", "MSTeams"):
        forged = user.activity("personal_message", text="dx faq add 合言葉 | ひらけごま", aad_id="aad-admin")
        forged["channelId"] = channel
        forged["channelData"].pop("tenant", None)
        forged["conversation"].pop("tenantId", None)
        status, _ = await user.post(forged, authorization=bearer(connector))
        assert status == 401, channel
    await assert_untouched(bot, connector, before)
    assert len(await bot.app.services.faq.list_entries()) == entries
    assert quiet_logs(caplog) == []
    assert any("is not one of msteams" in r.getMessage() for r in caplog.records)


async def test_other_channels_only_when_configured(start_bot: Start, connector: FakeBotConnector) -> None:
    # (The fake's signing key is endorsed for msteams and emulator only, as the SDK checks.)
    bot, user = await start_bot(teams_channels="msteams, emulator")
    uninstall = user.activity("uninstall_personal")
    uninstall["channelId"] = "emulator"
    status, _ = await user.post(uninstall, authorization=bearer(connector))
    assert status == 200
    assert await bot.app.refs.for_conversation(CONVERSATION) is None


async def test_tokens_must_carry_exp_nbf_and_the_service_url(start_bot: Start, connector: FakeBotConnector,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    bot, user = await start_bot()
    caplog.set_level(logging.INFO)
    before = await snapshot(bot.app, skip=QUIET)
    for missing in (("exp",), ("nbf",), ("serviceurl",), ("exp", "nbf"), ("aud",), ("iss",)):
        status, _ = await user.post(user.activity("uninstall_personal"),
                                    authorization=bearer(connector, without=missing))
        assert status == 401, missing
    not_yet = bearer(connector, nbf=int(time.time()) + 3600)
    status, _ = await user.post(user.activity("uninstall_personal"), authorization=not_yet)
    assert status == 401
    await assert_untouched(bot, connector, before)
    refused = " ".join(r.getMessage() for r in caplog.records if "refused a Teams request" in r.getMessage())
    assert "token without exp" in refused and "token without nbf" in refused and "'serviceurl' claim missing" in refused
    assert quiet_logs(caplog) == []
    status, _ = await user.post(user.activity("uninstall_personal"), authorization=bearer(connector))
    assert status == 200


def malformed_activities(user: TeamsUser) -> dict[str, Any]:
    execute = user.activity("execute_invoke", card_id="bot-msg-1", title="はい", verb="faq.feedback",
                            data={"dx_action": "faq.feedback", "dx_value": "yes:1:FAQ-001"})
    cases: dict[str, Any] = {}
    for name, value in (("value a string", "str"), ("value null", None), ("value a list", []),
                        ("action a string", {"action": "Action.Execute"}),
                        ("data a string", {"action": {"type": "Action.Execute", "verb": "x", "data": "x"}}),
                        ("verb a number", {"action": {"type": "Action.Execute", "verb": 5, "data": {}}})):
        changed = copy.deepcopy(execute)
        changed["value"] = value
        cases[f"adaptiveCard/action {name}"] = changed
    consent = user.activity("file_consent_invoke", card_id="bot-msg-1", value={})
    consent["value"] = "accept"
    cases["fileConsent/invoke value a string"] = consent
    message = user.activity("personal_message", text="こんにちは")
    for field, odd in (("from", "29:1yamada-taro"), ("conversation", []), ("channelData", "x"), ("entities", {}),
                       ("membersAdded", "x"), ("text", 5), ("type", 7), ("recipient", 3), ("serviceUrl", [])):
        changed = copy.deepcopy(message)
        changed[field] = odd
        cases[f"{field} of the wrong type"] = changed
    for path, odd in ((("from", "aadObjectId"), {"id": "aad-admin"}), (("conversation", "id"), 5),
                      (("channelData", "tenant"), "x")):
        changed = copy.deepcopy(message)
        changed[path[0]][path[1]] = odd
        cases[f"{'.'.join(path)} of the wrong type"] = changed
    cases["[]"] = []
    cases["null"] = None
    return cases


async def post_raw(bot: ServedBot, raw: bytes, authorization: str = "") -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    async with aiohttp.ClientSession() as session, session.post(f"{bot.url}/api/messages", data=raw,
                                                                headers=headers) as response:
        text = await response.text()
        return response.status, json.loads(text) if text.startswith("{") else text


async def test_malformed_activities_get_400_with_a_reason_and_run_nothing(
        start_bot: Start, connector: FakeBotConnector, caplog: pytest.LogCaptureFixture) -> None:
    bot, user = await start_bot()
    caplog.set_level(logging.INFO)
    before = await snapshot(bot.app, skip=QUIET)
    token = bearer(connector)
    for name, activity in malformed_activities(user).items():
        status, body = await post_raw(bot, json.dumps(activity).encode(), token)
        assert status == 400, (name, status, body)
        assert body["error"] == "malformed request" and body["reason"] and len(body["reason"]) < 80, name
    status, body = await post_raw(bot, b'{"type": "message", "text": "\xff\xfe"}', token)
    assert status == 400 and body["reason"] == "invalid JSON"
    await assert_untouched(bot, connector, before)
    assert quiet_logs(caplog) == []


async def test_without_authentication_too_a_string_invoke_value_is_400(app_factory: Any,
                                                                       connector: FakeBotConnector) -> None:
    app = await app_factory(teams_no_auth=True)
    bot = await serve_teams(app)
    try:
        user = TeamsUser(bot.url, connector)
        before = await snapshot(app, skip=QUIET)
        for name, activity in malformed_activities(user).items():
            status, _ = await post_raw(bot, json.dumps(activity).encode())
            assert status == 400, name
        await assert_untouched(bot, connector, before)
    finally:
        await bot.stop()


async def test_lone_surrogates_are_mended_and_the_question_answered(app_factory: Any,
                                                                    connector: FakeBotConnector,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    app = await app_factory(teams_no_auth=True)
    bot = await serve_teams(app)
    try:
        user = TeamsUser(bot.url, connector)
        activity = user.activity("personal_message", text="ズーム\ud800で画面共有したい\udc00")
        raw = json.dumps(activity).encode()  # the lone surrogates as \ud800 escapes
        assert b"\\ud800" in raw
        status, _ = await post_raw(bot, raw)
        assert status == 200
        answer = await connector.message(user.conversation_id, "Zoomで画面共有")
        assert "エラー番号" not in " ".join(answer.card_texts()) + answer.text
        assert quiet_logs(caplog) == []
        stored = repr(await snapshot(app))
        assert "\\ud800" not in stored and "\\udc00" not in stored
    finally:
        await bot.stop()


ODD_VALUES: list[Any] = [None, 7, "x", [], {"id": 3}]
PATHS = [("type",), ("id",), ("from",), ("conversation",), ("recipient",), ("channelData",), ("value",),
         ("name",), ("replyToId",), ("entities",), ("text",), ("from", "id"), ("from", "aadObjectId"),
         ("conversation", "id"), ("conversation", "conversationType"), ("conversation", "tenantId"),
         ("channelData", "tenant"), ("channelData", "team"), ("value", "action"), ("value", "trigger")]


async def test_no_activity_of_any_shape_gets_a_5xx_or_a_traceback(app_factory: Any, connector: FakeBotConnector,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    app = await app_factory(teams_no_auth=True)
    bot = await serve_teams(app)
    caplog.set_level(logging.INFO)
    try:
        user = TeamsUser(bot.url, connector)
        statuses: dict[int, int] = {}
        for n, path in enumerate(PATHS):
            for odd in ODD_VALUES:
                base = user.activity("execute_invoke", card_id="bot-msg-1", title="x", verb="nothing.here",
                                     data={"dx_action": "nothing.here"}, conversation_id=f"a:1fuzz-{n}")
                node: Any = base
                for step in path[:-1]:
                    node = node[step]
                node[path[-1]] = odd
                status, body = await post_raw(bot, json.dumps(base).encode())
                statuses[status] = statuses.get(status, 0) + 1
                # 501: an invoke the bot does not implement (a name it does not know), as the SDK answers.
                assert status in (200, 400, 401) or (status == 501 and path == ("name",) and odd == "x"), \
                    (path, odd, status, body)
        assert statuses.get(400) and statuses.get(200), statuses
        assert quiet_logs(caplog) == []
    finally:
        await bot.stop()
