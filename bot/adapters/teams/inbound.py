"""Inbound Teams activities (plain JSON) as core events: who, where, what.

Pure functions, no SDK: the adapter serialises the SDK's Activity and hands the dict over here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from bot.adapters.teams.cards import Submission, parse_submission
from bot.core.events import Actor, Conversation

THREAD_MARK = ";messageid="
EXECUTE_INVOKE = "adaptiveCard/action"
FILE_CONSENT_INVOKE = "fileConsent/invoke"

Kind = Literal["message", "action", "execute", "file_consent", "install", "uninstall", "invoke", "ignore"]

_AT = re.compile(r"<at[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|b|i|strong|em|u|s)(?:\s[^>]*)?>", re.IGNORECASE)


@dataclass(frozen=True)
class FileConsent:
    """A person's answer to a file consent card, and where Teams wants the bytes if they accepted."""

    action: str  # "accept" or "decline"
    file_id: str
    upload_url: str = ""
    content_url: str = ""
    name: str = ""
    unique_id: str = ""
    file_type: str = ""

    @property
    def accepted(self) -> bool:
        """True when the person chose Allow."""
        return self.action == "accept"


def parse_file_consent(value: Any) -> FileConsent:
    """The `value` of a `fileConsent/invoke` activity (the card's context comes back in `context`)."""
    value = value if isinstance(value, Mapping) else {}
    context = value.get("context") if isinstance(value.get("context"), Mapping) else {}
    upload = value.get("uploadInfo") if isinstance(value.get("uploadInfo"), Mapping) else {}
    return FileConsent(
        action=str(value.get("action") or ""),
        file_id=str(context.get("file_id") or ""),
        upload_url=str(upload.get("uploadUrl") or ""),
        content_url=str(upload.get("contentUrl") or ""),
        name=str(upload.get("name") or ""),
        unique_id=str(upload.get("uniqueId") or ""),
        file_type=str(upload.get("fileType") or ""),
    )


@dataclass(frozen=True)
class Inbound:
    """What one activity means for the bot."""

    kind: Kind
    actor: Actor
    conversation: Conversation
    # The conversation id exactly as received (a channel thread carries ";messageid=<root>").
    conversation_id: str
    is_personal: bool
    text: str = ""
    submission: Submission | None = None
    file_consent: FileConsent | None = None
    activity_id: str = ""
    # The bot's message this activity answers: the card whose button was pressed.
    reply_to_id: str = ""
    mentioned: bool = False
    tenant_id: str = ""

    @property
    def base_conversation_id(self) -> str:
        """The conversation without a thread: the chat, or the channel."""
        return split_thread(self.conversation_id)[0]


def split_thread(conversation_id: str) -> tuple[str, str]:
    """`19:x@thread.tacv2;messageid=17` -> ("19:x@thread.tacv2", "17")."""
    base, _, thread = conversation_id.partition(THREAD_MARK)
    return base, thread


def thread_conversation(base: str, thread_id: str) -> str:
    """The conversation id that posts into a channel thread (or the channel when no thread)."""
    return f"{base}{THREAD_MARK}{thread_id}" if thread_id else base


def actor_of(activity: Mapping[str, Any]) -> Actor:
    """The sender: channel-scoped id ("29:..."), display name and AAD object id."""
    sender = activity.get("from") or {}
    return Actor(
        platform="teams",
        user_id=str(sender.get("id") or ""),
        display_name=str(sender.get("name") or ""),
        aad_object_id=str(sender.get("aadObjectId") or ""),
    )


def tenant_of(activity: Mapping[str, Any]) -> str:
    """The Microsoft 365 tenant the activity comes from ('' when absent, e.g. the Emulator)."""
    data = activity.get("channelData") or {}
    tenant = (data.get("tenant") or {}).get("id") if isinstance(data, Mapping) else None
    return str(tenant or (activity.get("conversation") or {}).get("tenantId") or "")


def tenants_of(activity: Mapping[str, Any]) -> set[str]:
    """Every tenant id the activity names: Teams puts it in `channelData.tenant.id` and in
    `conversation.tenantId` (read from the raw JSON: the SDK's schema maps `tenantID`)."""
    found: set[str] = set()
    data = activity.get("channelData")
    tenant = data.get("tenant") if isinstance(data, Mapping) else None
    if isinstance(tenant, Mapping) and tenant.get("id") is not None:
        found.add(str(tenant.get("id")))
    conversation = activity.get("conversation")
    if isinstance(conversation, Mapping):
        for key in ("tenantId", "tenantID"):
            if conversation.get(key) is not None:
                found.add(str(conversation[key]))
    return found


# Objects (when present) an activity is made of; anything else there is not an activity.
_OBJECTS = ("from", "recipient", "conversation", "channelData")
_STRINGS = ("type", "id", "name", "text", "serviceUrl", "channelId", "replyToId", "action", "locale")


def malformed(activity: Any) -> str:
    """Why a JSON body is not an activity the bot can take ('' when it is). Checked before the
    SDK or any handler sees it: what fails here is answered 400, never 500."""
    if not isinstance(activity, Mapping):
        return "not a JSON object"
    if not isinstance(activity.get("type"), str) or not activity["type"]:
        return "no activity type"
    for key in _STRINGS:
        if activity.get(key) is not None and not isinstance(activity[key], str):
            return f"{key} is not a string"
    for key in _OBJECTS:
        if activity.get(key) is not None and not isinstance(activity[key], Mapping):
            return f"{key} is not an object"
    for key in ("from", "recipient", "conversation"):
        part = activity.get(key) or {}
        for field in ("id", "name", "aadObjectId", "conversationType", "tenantId"):
            if part.get(field) is not None and not isinstance(part[field], str):
                return f"{key}.{field} is not a string"
    data = activity.get("channelData") or {}
    for field in ("tenant", "team", "channel"):
        if data.get(field) is not None and not isinstance(data[field], Mapping):
            return f"channelData.{field} is not an object"
    for key in ("entities", "membersAdded", "membersRemoved", "attachments"):
        items = activity.get(key)
        if items is not None and (not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items)):
            return f"{key} is not a list of objects"
    if activity["type"] in ("message", "invoke") and not (activity.get("from") or {}).get("id"):
        return "no sender"
    if activity["type"] in ("message", "invoke", "installationUpdate", "conversationUpdate") \
            and not (activity.get("conversation") or {}).get("id"):
        return "no conversation"
    if activity["type"] == "invoke":
        if not activity.get("name"):
            return "invoke without a name"
        value = activity.get("value")
        if activity.get("name") == EXECUTE_INVOKE:
            action = value.get("action") if isinstance(value, Mapping) else None
            if not isinstance(action, Mapping):
                return "adaptiveCard/action without a value.action object"
            if action.get("data") is not None and not isinstance(action["data"], Mapping):
                return "adaptiveCard/action data is not an object"
            if action.get("verb") is not None and not isinstance(action["verb"], str):
                return "adaptiveCard/action verb is not a string"
            if parse_submission(action.get("data") or {}, str(action.get("verb") or "")) is None:
                return "adaptiveCard/action names no action"
        elif activity.get("name") == FILE_CONSENT_INVOKE and not isinstance(value, Mapping):
            return "fileConsent/invoke without a value object"
    return ""


def strip_mentions(text: str, entities: Any, bot_id: str) -> tuple[str, bool]:
    """Remove the bot's `<at>` mention, keep other people's names as plain words.

    Returns the clean text and whether the bot was mentioned.
    """
    mentioned = False
    for entity in entities or []:
        if not isinstance(entity, Mapping) or entity.get("type") != "mention":
            continue
        who = entity.get("mentioned") if isinstance(entity.get("mentioned"), Mapping) else {}
        markup = str(entity.get("text") or "")
        if bot_id and who.get("id") == bot_id:
            mentioned = True
            if markup:
                text = text.replace(markup, " ")
    text = _AT.sub(lambda m: m.group(1), text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip(), mentioned


def parse_activity(activity: Mapping[str, Any]) -> Inbound:
    """Classify an activity and convert it into the pieces the core needs."""
    conv = activity.get("conversation") or {}
    conversation_id = str(conv.get("id") or "")
    conversation_type = str(conv.get("conversationType") or ("groupChat" if conv.get("isGroup") else "personal"))
    is_personal = conversation_type == "personal"
    base, thread = split_thread(conversation_id)
    activity_id = str(activity.get("id") or "")
    reply_to_id = str(activity.get("replyToId") or "")
    data = activity.get("channelData") or {}
    team = (data.get("team") or {}) if isinstance(data, Mapping) else {}
    kind = activity.get("type")
    if conversation_type == "channel" and kind in ("message", "invoke"):
        thread = thread or reply_to_id or activity_id
    else:
        # Install events and chats: answers go to the channel (a new post) or the chat itself.
        thread = ""
    conversation = Conversation(
        platform="teams",
        channel_id=base,
        is_direct=is_personal,
        thread_id=thread,
        reply_token=reply_to_id or activity_id,
        team_id=str(team.get("id") or ""),
    )
    base_event = Inbound(
        kind="ignore",
        actor=actor_of(activity),
        conversation=conversation,
        conversation_id=conversation_id,
        is_personal=is_personal,
        activity_id=activity_id,
        reply_to_id=reply_to_id,
        tenant_id=tenant_of(activity),
    )
    bot_id = str((activity.get("recipient") or {}).get("id") or "")

    if kind == "message":
        submission = parse_submission(activity.get("value"))
        if submission is not None:
            return replace(base_event, kind="action", submission=submission)
        text, mentioned = strip_mentions(str(activity.get("text") or ""), activity.get("entities"), bot_id)
        # Outside a personal chat the bot only answers when it is @mentioned (with resource-specific
        # consent Teams would deliver every channel message).
        if not text or (not is_personal and not mentioned):
            return base_event
        return replace(base_event, kind="message", text=text, mentioned=mentioned)

    if kind == "invoke":
        if activity.get("name") == FILE_CONSENT_INVOKE:
            return replace(base_event, kind="file_consent", file_consent=parse_file_consent(activity.get("value")))
        if activity.get("name") == EXECUTE_INVOKE:
            action = (activity.get("value") or {}).get("action") or {}
            submission = parse_submission(action.get("data") or {}, str(action.get("verb") or ""))
            if submission is not None:
                return replace(base_event, kind="execute", submission=submission)
        return replace(base_event, kind="invoke")

    if kind == "installationUpdate":
        action = str(activity.get("action") or "")
        if action in ("add", "add-upgrade"):
            return replace(base_event, kind="install")
        if action in ("remove", "remove-upgrade"):
            return replace(base_event, kind="uninstall")
        return base_event

    if kind == "conversationUpdate":
        added = {str(m.get("id")) for m in activity.get("membersAdded") or [] if isinstance(m, Mapping)}
        removed = {str(m.get("id")) for m in activity.get("membersRemoved") or [] if isinstance(m, Mapping)}
        event = str(data.get("eventType") or "") if isinstance(data, Mapping) else ""
        if bot_id and bot_id in added:
            return replace(base_event, kind="install")
        if (bot_id and bot_id in removed) or event in ("teamDeleted", "teamHardDeleted"):
            return replace(base_event, kind="uninstall")
    return base_event
