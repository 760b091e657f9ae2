"""The Request URL: verification, acknowledgement, what is ignored, and the app manifest."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from bot.adapters.slack.adapter import EVENTS_PATH, REQUIRED_SCOPES, SUBSCRIBED_EVENTS
from tests.fakes.slack_api import FakeSlackApi, SlackBot, payload, sign
from tests.support.platforms import StartSlack

MANIFEST = Path(__file__).resolve().parents[2] / "slack" / "manifest.yaml"
QUESTION = "ズームで画面共有したい"


@pytest.fixture
async def bot(start_slack: StartSlack) -> SlackBot:
    return await start_slack()


async def test_url_verification_answers_the_challenge(bot: SlackBot) -> None:
    body = payload("url_verification")
    sent = await bot.workspace.post_json(body)
    assert sent.status == 200
    assert sent.json()["challenge"] == body["challenge"]


UNVERIFIED = ["wrong secret", "no signature", "no timestamp", "tampered body", "stale by 6 minutes",
              "6 minutes in the future", "malformed timestamp"]


async def test_unverified_requests_get_401_and_run_nothing(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    workspace = bot.workspace
    for case in UNVERIFIED:
        body = workspace.event("message_im", user="U0STAFF", text=QUESTION, ts=workspace.next_ts())
        raw = json.dumps(body).encode()
        now = int(time.time())
        options: dict = {}
        if case == "wrong secret":
            options["secret"] = "not-the-signing-secret"
        elif case == "no signature":
            options["headers"] = {"X-Slack-Signature": None}
        elif case == "no timestamp":
            options["headers"] = {"X-Slack-Request-Timestamp": None}
        elif case == "tampered body":
            options["signature"] = sign(workspace.secret, str(now), raw.replace(b"U0STAFF", b"U0ADMIN"))
        elif case == "stale by 6 minutes":
            options["timestamp"] = str(now - 360)
        elif case == "6 minutes in the future":
            options["timestamp"] = str(now + 360)
        elif case == "malformed timestamp":
            options["timestamp"] = "yesterday"
        sent = await workspace.deliver(raw, "application/json", **options)
        assert sent.status == 401, case
    await bot.idle()
    assert slack_api.calls == [], "an unverified request must not reach the Web API"
    assert await bot.app.services.people.find("U0STAFF") is None


async def test_signature_within_five_minutes_is_accepted(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    body = bot.workspace.event("message_im", user="U0STAFF", text=QUESTION, ts=bot.workspace.next_ts())
    sent = await bot.workspace.post_json(body, timestamp=str(int(time.time()) - 240))
    assert sent.status == 200
    assert "Zoom" in (await slack_api.next_call("chat.postMessage")).all_text()


async def test_acknowledged_at_once_while_the_work_takes_longer(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    # Everything after the acknowledgement is slow: looking up the person takes a second.
    slack_api.queue("users.info", delay=1.0)
    sent, _ = await bot.workspace.dm("U0STAFF", QUESTION)
    assert sent.status == 200
    assert sent.seconds < 0.5
    reply = await slack_api.next_call("chat.postMessage", timeout=10)
    assert "Zoom" in reply.all_text()

    slack_api.queue("hook", delay=1.0)
    sent, _ = await bot.workspace.command("U0STAFF", "help")
    assert sent.status == 200 and sent.body == ""
    assert sent.seconds < 0.5
    assert "使えるコマンド" in (await slack_api.next_call("hook", timeout=10)).all_text()


IGNORED = ["message_changed", "message_deleted", "message_file_share", "bot_message", "other_bot_user_message",
           "own_message"]


async def test_edits_deletions_subtypes_and_bots_get_no_answer(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    for name in IGNORED:
        body = payload(name)
        body["event"]["ts"] = bot.workspace.next_ts()
        sent = await bot.workspace.post_json(body)
        assert sent.status == 200, name  # acknowledged, so Slack does not retry
    await bot.idle()
    assert slack_api.calls_to("chat.postMessage") == []
    # A real question afterwards is still answered: the bot did not stall.
    await bot.workspace.dm("U0STAFF", QUESTION)
    assert "Zoom" in (await slack_api.next_call("chat.postMessage")).all_text()


async def test_channel_messages_without_a_mention_get_no_answer(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    body = bot.workspace.event("message_im", user="U0STAFF", text=QUESTION, ts=bot.workspace.next_ts(),
                               channel="C0GENERAL", channel_type="channel")
    assert (await bot.workspace.post_json(body)).status == 200
    await bot.idle()
    assert slack_api.calls_to("chat.postMessage") == []


def test_manifest_asks_for_exactly_what_the_adapter_uses() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == REQUIRED_SCOPES
    events = manifest["settings"]["event_subscriptions"]
    assert set(events["bot_events"]) == SUBSCRIBED_EVENTS
    assert events["request_url"].endswith(EVENTS_PATH)
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/dx"]
    assert commands[0]["url"].endswith(EVENTS_PATH)
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert home["messages_tab_read_only_enabled"] is False


async def test_every_event_slack_may_send_is_acknowledged(bot: SlackBot) -> None:
    for name in ("message_im", "app_mention", "app_home_opened", "tokens_revoked"):
        body = bot.workspace.event(name)
        if "ts" in body["event"]:
            body["event"]["ts"] = bot.workspace.next_ts()
        # tokens_revoked comes to every app unasked: a 404 would make Slack retry it for hours.
        assert (await bot.workspace.post_json(body)).status == 200, name
    await bot.idle()


async def test_a_flood_beyond_the_backlog_is_refused_for_slack_to_retry(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    bot.adapter.max_backlog = 1
    slack_api.queue("users.info", delay=1.0)
    first, _ = await bot.workspace.dm("U0STAFF", QUESTION)
    second, body = await bot.workspace.dm("U0STAFF", "VLOOKUPの使い方")
    assert (first.status, second.status) == (200, 503)
    assert "Zoom" in (await slack_api.next_call("chat.postMessage", timeout=5)).all_text()
    await bot.idle()
    # Slack's retry of the refused event is accepted and answered once.
    retry = await bot.workspace.post_json(body, retry_num=1)
    assert retry.status == 200
    assert "VLOOKUP" in (await slack_api.next_call("chat.postMessage")).all_text()
    await bot.idle()
    assert len(slack_api.calls_to("chat.postMessage")) == 2
