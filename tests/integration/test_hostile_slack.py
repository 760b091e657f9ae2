"""The Slack Request URL under hostile and broken input (issue 16).

Every request here is correctly signed: what it tests is what the bot does with a body it does
not expect (400 with a short reason, no traceback, nothing run, nothing stored), with text no
database can store (mended), with a forged button value (an expired button, not an error), and
with a captured command or button press replayed byte for byte (run once, also on another
replica).
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import time
import urllib.parse
from typing import Any

import pytest

from tests.db_snapshot import snapshot
from tests.fakes.slack_api import FakeSlackApi, SlackBot, payload
from tests.support.platforms import StartSlack, serve_slack

QUESTION = "ズームで画面共有したい"
# Tables that change without any request: the scheduler's own bookkeeping.
QUIET = ("apscheduler_jobs",)


@pytest.fixture
async def bot(start_slack: StartSlack) -> SlackBot:
    return await start_slack(admins="slack:U0ADMIN")


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Records that carry a traceback, or say a request or handler failed."""
    return [r.getMessage() for r in caplog.records
            if r.exc_info or "Traceback" in r.getMessage() or "failed" in r.getMessage()
            or (r.levelno >= logging.ERROR)]


def form(fields: dict[str, str]) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def interaction(body: Any) -> bytes:
    return form({"payload": json.dumps(body)})


def press_body(value: str, user: str = "U0STAFF", **changes: Any) -> dict[str, Any]:
    body = payload("block_actions")
    body["user"]["id"] = user
    body["actions"][0]["value"] = value
    body.update(changes)
    return body


def event_body(event: Any) -> dict[str, Any]:
    body = payload("message_im")
    body["event"] = event
    return body


SLASH = payload("slash_command")
# (name, body bytes, content type, part of the reason)
MALFORMED: list[tuple[str, bytes, str, str]] = [
    ("malformed JSON", b'{"type": "event_callback", "event": {', "application/json", "not JSON"),
    ("[]", b"[]", "application/json", "not a JSON object"),
    ("null", b"null", "application/json", "not a JSON object"),
    ("a number", b"42", "application/json", "not a JSON object"),
    ("no type", b"{}", "application/json", "no type"),
    ("event as a string", json.dumps(event_body("message")).encode(), "application/json", "event"),
    ("event without a type", json.dumps(event_body({"text": "x"})).encode(), "application/json", "event"),
    ("event text as an object", json.dumps(event_body({"type": "message", "channel_type": "im", "user": "U0STAFF",
                                                       "channel": "D0STAFF", "ts": "1.2", "text": {"a": 1}})).encode(),
     "application/json", "event.text"),
    ("user as a number", json.dumps({**event_body({"type": "message"}), "user": 5}).encode(), "application/json",
     "user"),
    ("authorizations not a list", json.dumps({**event_body({"type": "message"}), "authorizations": "x"}).encode(),
     "application/json", "authorizations"),
    ("invalid UTF-8", b'{"type": "event_callback", "event": {"type": "message", "text": "\xff\xfe"}}',
     "application/json", "UTF-8"),
    ("a form labelled JSON", form(SLASH), "application/json", "not JSON"),
    ("JSON labelled a form", json.dumps(payload("message_im")).encode(), "application/x-www-form-urlencoded",
     "form"),
    ("no content type we know", b"hello", "text/plain", "content type"),
    ("payload malformed", form({"payload": "{oops"}), "application/x-www-form-urlencoded", "payload is not JSON"),
    ("payload empty", form({"payload": ""}), "application/x-www-form-urlencoded", "payload is not JSON"),
    ("payload []", interaction([]), "application/x-www-form-urlencoded", "not a JSON object"),
    ('payload "str"', interaction("str"), "application/x-www-form-urlencoded", "not a JSON object"),
    ("payload null", interaction(None), "application/x-www-form-urlencoded", "not a JSON object"),
    ("payload without a type", interaction({"actions": []}), "application/x-www-form-urlencoded", "no type"),
    ("block_actions without actions", interaction(press_body("yes:1:FAQ-001", actions=[])),
     "application/x-www-form-urlencoded", "without actions"),
    ("block_actions without the actions key", interaction({k: v for k, v in press_body("x").items()
                                                           if k != "actions"}),
     "application/x-www-form-urlencoded", "without actions"),
    ("block_actions with a string action", interaction(press_body("x", actions=["faq.feedback"])),
     "application/x-www-form-urlencoded", "action_id"),
    ("block_actions value as a number", interaction(press_body("x", actions=[{"action_id": "faq.feedback#0",
                                                                              "value": 7}])),
     "application/x-www-form-urlencoded", "value"),
    ("block_actions without a user", interaction(press_body("x", user="", )),
     "application/x-www-form-urlencoded", "user"),
    ("block_actions channel as a list", interaction(press_body("x", channel=["D0STAFF"])),
     "application/x-www-form-urlencoded", "channel"),
    ("block_actions container as a string", interaction(press_body("x", container="D0STAFF")),
     "application/x-www-form-urlencoded", "container"),
    ("view_submission without a view", interaction({"type": "view_submission", "user": {"id": "U0STAFF"}}),
     "application/x-www-form-urlencoded", "callback_id"),
    ("slash command without a command", form({**SLASH, "command": ""}), "application/x-www-form-urlencoded",
     "slash command"),
    ("slash command without a user", form({**SLASH, "user_id": ""}), "application/x-www-form-urlencoded", "user_id"),
    ("an empty form", b"", "application/x-www-form-urlencoded", "slash command"),
    ("a field twice", form(SLASH) + b"&user_id=U0ADMIN", "application/x-www-form-urlencoded", "twice"),
]


async def test_malformed_signed_requests_get_400_with_a_reason_and_run_nothing(
        bot: SlackBot, slack_api: FakeSlackApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    before = await snapshot(bot.app, skip=QUIET)
    for name, raw, content_type, reason in MALFORMED:
        sent = await bot.workspace.deliver(raw, content_type)
        assert sent.status == 400, (name, sent.status, sent.body)
        answer = sent.json()
        assert answer["error"] == "malformed request" and reason in answer["reason"], (name, answer)
        assert len(sent.body) < 200 and "Traceback" not in sent.body
    await bot.idle()
    assert slack_api.calls == [], "no listener may run for a malformed request"
    assert await snapshot(bot.app, skip=QUIET) == before
    assert tracebacks(caplog) == []
    refused = [r.getMessage() for r in caplog.records if "malformed Slack request" in r.getMessage()]
    assert len(refused) == len(MALFORMED)
    # The bot still answers a real question afterwards.
    await bot.workspace.dm("U0STAFF", QUESTION)
    assert "Zoom" in (await slack_api.next_call("chat.postMessage")).all_text()


ODD_VALUES: list[Any] = [None, 7, "x", [], {"id": 3}]
# Where slack-bolt and the adapter read a message event and a button press.
EVENT_PATHS = [("type",), ("event",), ("team_id",), ("authorizations",), ("user",), ("team",), ("channel",),
               ("enterprise",), ("is_ext_shared_channel",), ("event", "type"), ("event", "user"),
               ("event", "channel"), ("event", "ts"), ("event", "text"), ("event", "channel_type"),
               ("event", "subtype"), ("event", "thread_ts"), ("event", "bot_id"), ("event", "edited"),
               ("event", "team"), ("event", "message")]
PRESS_PATHS = [("type",), ("user",), ("team",), ("channel",), ("container",), ("message",), ("state",),
               ("actions",), ("response_url",), ("view",), ("enterprise",), ("is_enterprise_install",),
               ("user", "id"), ("user", "name"), ("container", "type"), ("container", "channel_id"),
               ("container", "message_ts"), ("container", "thread_ts"), ("container", "is_ephemeral"),
               ("message", "ts"), ("message", "thread_ts"), ("channel", "id"), ("team", "id"),
               ("state", "values"), ("actions", 0), ("actions", 0, "action_id"), ("actions", 0, "value")]


def mutations(body: dict[str, Any], paths: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The body with the field at each path replaced by each odd value."""
    out: list[dict[str, Any]] = []
    for path in paths:
        for odd in ODD_VALUES:
            changed = copy.deepcopy(body)
            node: Any = changed
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = odd
            out.append(changed)
    return out


async def test_no_signed_body_of_any_shape_gets_a_5xx_or_a_traceback(
        bot: SlackBot, slack_api: FakeSlackApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    bodies: list[tuple[bytes, str]] = []
    for n, changed in enumerate(mutations(payload("message_im"), EVENT_PATHS)):
        changed["event_id"] = f"EvFuzz{n}"
        event = changed.get("event")
        if isinstance(event, dict):
            # Each in its own DM: Slack's one-message-per-second-per-channel pacing would
            # otherwise make the answers take minutes.
            if isinstance(event.get("ts"), str):
                event["ts"] = bot.workspace.next_ts()
            if isinstance(event.get("channel"), str):
                event["channel"] = f"D0FUZZ{n}"
            if isinstance(event.get("user"), str):
                event["user"] = f"U0FUZZ{n}"
        bodies.append((json.dumps(changed).encode(), "application/json"))
    press = press_body("x", response_url=slack_api.hook_url("actions/T0CITY/fuzz/x"))
    for n, changed in enumerate(mutations(press, PRESS_PATHS)):
        for part, key in (("container", "channel_id"), ("channel", "id"), ("user", "id")):
            if isinstance(changed.get(part), dict) and isinstance(changed[part].get(key), str):
                changed[part][key] = f"{'U' if part == 'user' else 'D'}0PRESS{n}"
        bodies.append((interaction(changed), "application/x-www-form-urlencoded"))
    statuses: dict[int, int] = {}
    for raw, content_type in bodies:
        sent = await bot.workspace.deliver(raw, content_type)
        statuses[sent.status] = statuses.get(sent.status, 0) + 1
        assert sent.status in (200, 400, 404), (sent.status, raw[:300])
    await bot.idle(timeout=120)
    assert statuses.get(400) and statuses.get(200), statuses
    assert tracebacks(caplog) == []


async def test_lone_surrogates_are_mended_and_the_question_answered(bot: SlackBot, slack_api: FakeSlackApi,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    body = bot.workspace.event("message_im", user="U0STAFF", text="ズーム\ud800で画面共有したい\udfff",
                               ts=bot.workspace.next_ts(), channel="D0STAFF")
    # json.dumps writes the lone surrogates as \ud800 escapes, as a client could.
    raw = json.dumps(body).encode()
    assert b"\\ud800" in raw
    sent = await bot.workspace.deliver(raw, "application/json")
    assert sent.status == 200
    answer = await slack_api.next_call("chat.postMessage")
    assert "Zoom" in answer.all_text() and "エラー番号" not in answer.all_text()
    # And in a slash command's interaction payload: the button value is mended, not an error.
    hook = slack_api.hook_url("s")
    sent = await bot.workspace.deliver(interaction(press_body("yes:\ud800:FAQ-001", response_url=hook)),
                                       "application/x-www-form-urlencoded")
    assert sent.status == 200
    await bot.idle()
    assert tracebacks(caplog) == []
    stored = repr(await snapshot(bot.app))
    assert "ズーム\ufffdで画面共有" in stored or "ズーム�で画面共有" in stored
    assert "\\ud800" not in stored and "\\udfff" not in stored


async def test_a_forged_button_value_is_an_expired_button(bot: SlackBot, slack_api: FakeSlackApi,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    # People: the presser is registered; processed_events: each press is remembered (replays).
    before = await snapshot(bot.app, skip=QUIET + ("people", "processed_events"))
    for value in ("yes:notanumber:X", "maybe:1:FAQ-001", "yes:²:FAQ-001", "yes:99999999999999999999:X", ""):
        hook = slack_api.hook_url(f"actions/T0CITY/{value or 'empty'}/x")
        body = press_body(value, response_url=hook)
        sent = await bot.workspace.deliver(interaction(body), "application/x-www-form-urlencoded")
        assert sent.status == 200
        # An answer in the person's DM (the button sat on a message there).
        reply = await slack_api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
        assert "期限切れ" in reply.all_text() and "エラー番号" not in reply.all_text(), value
    await bot.idle()
    assert tracebacks(caplog) == []
    assert await snapshot(bot.app, skip=QUIET + ("people", "processed_events")) == before


async def add_faq_by_command(bot: SlackBot, timestamp: str) -> tuple[bytes, dict[str, str]]:
    fields = {**SLASH, "user_id": "U0ADMIN", "user_name": "admin", "channel_id": "C0GENERAL",
              "channel_name": "general", "text": "faq add 庁内Wi-Fiのパスワード | 総務課に聞いてください",
              "response_url": bot.api.hook_url(f"commands/T0CITY/{timestamp}/x")}
    return form(fields), fields


async def faq_count(bot: SlackBot) -> int:
    return sum(1 for e in await bot.app.services.faq.list_entries() if e.question == "庁内Wi-Fiのパスワード")


async def test_a_replayed_slash_command_runs_once(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    timestamp = str(int(time.time()))
    raw, _ = await add_faq_by_command(bot, timestamp)
    first = await bot.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp)
    replay = await bot.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp)
    assert (first.status, replay.status) == (200, 200)
    await bot.idle()
    assert await faq_count(bot) == 1
    assert len(slack_api.calls_to("hook")) == 1
    assert "登録しました" in slack_api.calls_to("hook")[0].all_text()
    # The same command typed again (a new signature at a new time) is a new command.
    help_url = slack_api.hook_url("commands/help")
    help_form = form({**SLASH, "user_id": "U0ADMIN", "text": "help", "response_url": help_url})
    later = str(int(time.time()) + 1)
    sent = await bot.workspace.deliver(help_form, "application/x-www-form-urlencoded", timestamp=later)
    again = await bot.workspace.deliver(help_form, "application/x-www-form-urlencoded", timestamp=str(int(later) + 1))
    assert (sent.status, again.status) == (200, 200)
    await bot.idle()
    assert len(slack_api.calls_to("hook")) == 3


async def test_a_replayed_button_press_runs_once(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    await bot.workspace.dm("U0STAFF", QUESTION)
    answer = await slack_api.next_call("chat.postMessage")
    await bot.idle()
    button = answer.button("いいえ")
    body = press_body(button["value"], response_url=slack_api.hook_url("actions/T0CITY/captured/x"))
    body["actions"][0]["action_id"] = button["action_id"]
    body["container"].update(channel_id="D0STAFF", message_ts=answer.response["ts"])
    raw = interaction(body)
    timestamp = str(int(time.time()))
    before = len(slack_api.calls)
    first = await bot.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp)
    assert first.status == 200
    await bot.idle()
    answered = len(slack_api.calls) - before
    assert answered >= 1
    rows = await snapshot(bot.app, skip=QUIET)
    # The captured press, replayed byte for byte within the signature window.
    replays = [await bot.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp)
               for _ in range(2)]
    assert [r.status for r in replays] == [200, 200]
    await bot.idle()
    assert len(slack_api.calls) - before == answered
    assert await snapshot(bot.app, skip=QUIET) == rows


async def test_a_replay_on_another_replica_runs_once(pg_url: str, app_factory: Any, slack_api: FakeSlackApi) -> None:
    settings = SlackBot.settings(slack_api, admins="slack:U0ADMIN")
    a = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    b = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    try:
        timestamp = str(int(time.time()))
        raw, _ = await add_faq_by_command(a, timestamp)
        results = await asyncio.gather(
            a.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp),
            b.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp),
            b.workspace.deliver(raw, "application/x-www-form-urlencoded", timestamp=timestamp))
        assert [r.status for r in results] == [200, 200, 200]
        await asyncio.gather(a.idle(), b.idle())
        assert await faq_count(a) == 1
        assert len(slack_api.calls_to("hook")) == 1
    finally:
        await a.stop()
        await b.stop()


async def test_a_command_whose_text_says_payload_is_still_a_command(bot: SlackBot, slack_api: FakeSlackApi) -> None:
    # slack-bolt takes any form body containing the word "payload" for an interaction.
    fields = {**SLASH, "user_id": "U0STAFF", "text": "help payload", "response_url": slack_api.hook_url("commands/p")}
    sent = await bot.workspace.deliver(form(fields), "application/x-www-form-urlencoded")
    assert sent.status == 200
    text = (await slack_api.next_call("hook", timeout=10)).all_text()
    assert "使えるコマンド" in text and "/dx ヘルプ" in text  # the help, in the Japanese words it shows
