"""Slack payloads as core events: pure functions over Slack's documented JSON, no I/O.

Each function returns the core event, where answers go (:class:`ReplyTarget`) and the key that
makes a redelivery recognisable, or None for payloads the bot deliberately ignores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.adapters.slack.render import core_action_id, decode_value, plain_text, submitted_inputs
from bot.core.events import (
    ActionReceived,
    Actor,
    CommandReceived,
    Conversation,
    Event,
    MessageReceived,
)


@dataclass(frozen=True)
class ReplyTarget:
    """Where the answers to one inbound event go."""

    user: str
    # Channel of the conversation; "" means the person's DM with the bot (App Home buttons).
    channel: str = ""
    thread_ts: str = ""
    response_url: str = ""
    is_direct: bool = False
    # Slash commands answer through `response_url` only (the bot may not be in that channel).
    command: bool = False
    # The pressed button sat on a message only this person can see: keep answers private too.
    private_source: bool = False
    # The button was on the App Home tab: the tab is refreshed after the answer.
    from_home: bool = False
    message_ts: str = ""


@dataclass(frozen=True)
class Inbound:
    """One event for the dispatcher, with its reply target and deduplication key."""

    event: Event
    target: ReplyTarget
    dedupe_key: str = ""


def is_direct_channel(channel_id: str, channel_name: str = "") -> bool:
    """DM channel ids start with D; slash commands also say `directmessage`."""
    return channel_id.startswith("D") or channel_name == "directmessage"


def ignore_reason(event: dict[str, Any], bot_user_id: str) -> str:
    """Why a message or mention event gets no answer ("" when it should be answered)."""
    if event.get("subtype"):
        return f"subtype {event['subtype']}"
    if event.get("bot_id") or event.get("bot_profile"):
        return "a bot's message"
    user = event.get("user") or ""
    if not user:
        return "no sender"
    if bot_user_id and user == bot_user_id:
        return "own message"
    if event.get("edited"):
        return "an edit"
    if event.get("type") == "message" and event.get("channel_type") != "im":
        # Only DMs are conversations; in channels the bot answers when mentioned (app_mention).
        return f"channel type {event.get('channel_type')!r}"
    if not event.get("channel") or not event.get("ts"):
        return "no channel or ts"
    return ""


def message_inbound(event: dict[str, Any], bot_user_id: str, team_id: str = "") -> Inbound | None:
    """A DM (`message` in an im) or a mention (`app_mention`); None for what is ignored."""
    if ignore_reason(event, bot_user_id):
        return None
    user, channel, ts = str(event["user"]), str(event["channel"]), str(event["ts"])
    mentioned = event.get("type") == "app_mention"
    direct = event.get("channel_type") == "im" or (not mentioned and is_direct_channel(channel))
    # Mentions are answered in the thread; in a DM a threaded message keeps its thread.
    thread_ts = str(event.get("thread_ts") or (ts if mentioned and not direct else ""))
    conversation = Conversation("slack", channel, is_direct=direct, thread_id=thread_ts,
                                team_id=str(event.get("team") or team_id))
    text = plain_text(str(event.get("text") or ""), bot_user_id)
    message = MessageReceived(Actor("slack", user), conversation, text, message_id=ts, mentioned=mentioned)
    target = ReplyTarget(user=user, channel=channel, thread_ts=thread_ts, is_direct=direct)
    return Inbound(message, target, dedupe_key=f"slack:{channel}:{ts}")


def command_inbound(body: dict[str, Any]) -> Inbound | None:
    """A slash command (`/dx help`)."""
    user = str(body.get("user_id") or "")
    if not user:
        return None
    channel = str(body.get("channel_id") or "")
    direct = is_direct_channel(channel, str(body.get("channel_name") or ""))
    response_url = str(body.get("response_url") or "")
    conversation = Conversation("slack", channel, is_direct=direct, reply_token=response_url,
                                team_id=str(body.get("team_id") or ""))
    name = str(body.get("command") or "/dx").lstrip("/") or "dx"
    command = CommandReceived(Actor("slack", user, str(body.get("user_name") or "")), conversation,
                              plain_text(str(body.get("text") or "")), command=name)
    target = ReplyTarget(user=user, channel=channel, response_url=response_url, is_direct=direct, command=True)
    return Inbound(command, target)


def action_inbound(body: dict[str, Any]) -> Inbound | None:
    """A button press (`block_actions`); the `#n` suffix of the action id is removed."""
    actions = body.get("actions") or []
    user = str((body.get("user") or {}).get("id") or "")
    if not actions or not user:
        return None
    action = actions[0]
    container = body.get("container") or {}
    message = body.get("message") or {}
    from_home = container.get("type") == "view"
    channel = "" if from_home else str(container.get("channel_id") or _id_of(body.get("channel")))
    message_ts = str(container.get("message_ts") or message.get("ts") or "")
    thread_ts = str(container.get("thread_ts") or message.get("thread_ts") or "")
    direct = from_home or is_direct_channel(channel)
    response_url = str(body.get("response_url") or "")
    conversation = Conversation("slack", channel or user, is_direct=direct, thread_id=thread_ts,
                                reply_token=response_url, team_id=_id_of(body.get("team")))
    state = body.get("state") or (body.get("view") or {}).get("state")
    event = ActionReceived(
        Actor("slack", user, str((body.get("user") or {}).get("name") or "")),
        conversation,
        core_action_id(str(action.get("action_id") or "")),
        decode_value(str(action.get("value") or "")),
        inputs=submitted_inputs(state),
        message_id=message_ts,
    )
    target = ReplyTarget(user=user, channel=channel, thread_ts=thread_ts, response_url=response_url,
                         is_direct=direct, private_source=bool(container.get("is_ephemeral")),
                         from_home=from_home, message_ts=message_ts)
    return Inbound(event, target)


def _id_of(value: Any) -> str:
    """Slack names a user, team or channel by its id or by an object with an `id`."""
    if isinstance(value, dict):
        value = value.get("id")
    return str(value or "")


def home_opened_user(event: dict[str, Any]) -> str:
    """The person who opened the App Home tab ("" for the Messages tab or a malformed event)."""
    if event.get("tab", "home") != "home":
        return ""
    return str(event.get("user") or "")
