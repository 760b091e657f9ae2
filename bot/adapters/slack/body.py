"""The body of a verified Slack request: parsed, checked against what the Request URL expects,
and mended, before slack-bolt or any listener sees it.

Slack sends three kinds of body to one URL: Events API deliveries (JSON), slash commands (a form)
and interactivity (a form whose `payload` field is JSON). A correctly signed body that is none of
these — malformed JSON, `[]`, `null`, an `event` that is a string, invalid UTF-8, a form labelled
JSON, a `payload` that is not an object, a button press without actions — is refused here with a
short reason (the endpoint answers 400), so that nothing behind it fails with a traceback and
Slack does not retry it as it would a 5xx. Lone UTF-16 surrogates (`"\\ud800"` in JSON, which no
database or log can encode) become U+FFFD.

Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from dataclasses import dataclass
from typing import Any, Literal

from bot.core.text import mend

Kind = Literal["event", "command", "interaction", "check"]

JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
# Fields slack-bolt reads from any body to find the workspace, user and channel: each must be an
# id (a string) or an object whose `id` is a string.
_ID_FIELDS = ("user", "team", "channel", "enterprise")
# Objects (when present) in interaction payloads.
_OBJECT_FIELDS = ("view", "message", "container", "state")
# Interactions whose callback/action id slack-bolt matches listeners on.
_CALLBACK_TYPES = ("shortcut", "message_action", "view_submission", "view_closed")
# Interactions that run something: a byte-identical copy is a replay (see `replay_key`).
_ONCE_TYPES = ("block_actions", "interactive_message", "view_submission", "shortcut", "message_action")


class Malformed(ValueError):
    """A verified body that is not what the endpoint expects; `reason` is short and fixed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Body:
    """A checked request body."""

    kind: Kind
    data: dict[str, Any]
    # The body text to hand to slack-bolt: the original, or re-encoded when it had to be mended.
    text: str
    # True for a slash command or an interaction that acts: executed once per exact body.
    once: bool = False


def read_body(raw: bytes, content_type: str) -> Body:
    """Parse and check a verified body; raise `Malformed` with a short reason otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("body is not UTF-8") from None
    if content_type == JSON_TYPE:
        return _events_api(text)
    if content_type == FORM_TYPE:
        return _form(text)
    raise Malformed("unsupported content type")


def replay_key(timestamp: str, raw: bytes) -> str:
    """The same signed bytes at the same timestamp: a capture replayed inside the signature window."""
    digest = hashlib.sha256(timestamp.encode() + b":" + raw).hexdigest()
    return f"slack:replay:{digest}"


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise Malformed(f"{what} is not JSON") from None


def _events_api(text: str) -> Body:
    data = _json(text, "body")
    if not isinstance(data, dict):
        raise Malformed("body is not a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or not kind:
        raise Malformed("body has no type")
    if kind == "url_verification":
        if not isinstance(data.get("challenge"), str):
            raise Malformed("url_verification without a challenge")
        return Body("check", data, text)
    _check_common(data)
    if kind == "event_callback":
        event = data.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str) or not event["type"]:
            raise Malformed("event_callback without an event object")
        _check_common(event)
        for field in ("message", "previous_message"):
            if event.get(field) is not None and not isinstance(event[field], dict):
                raise Malformed(f"event.{field} is not an object")
        for field in ("text", "ts", "thread_ts", "subtype", "channel_type", "tab"):
            if event.get(field) is not None and not isinstance(event[field], str):
                raise Malformed(f"event.{field} is not a string")
    mended = mend(data)
    return Body("event", mended, text if mended == data else json.dumps(mended, ensure_ascii=False))


def _form(text: str) -> Body:
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        raise Malformed("body is not a form") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise Malformed(f"form field {name} given twice")
        fields[name] = value
    if "ssl_check" in fields:
        return Body("check", fields, text)
    if "payload" in fields:
        return _interaction(fields, text)
    command = fields.get("command", "")
    if not command.startswith("/") or len(command) < 2:
        raise Malformed("not a slash command or an interaction")
    if not fields.get("user_id"):
        raise Malformed("slash command without user_id")
    # A form cannot carry lone surrogates (parse_qsl replaces undecodable bytes already).
    # slack-bolt takes any form body containing the word "payload" for an interaction (and then
    # finds none: `/dx help payload` would be "unhandled"); %70 is the same "p" to a form parser.
    return Body("command", fields, text.replace("payload", "%70ayload"), once=True)


def _interaction(fields: dict[str, str], text: str) -> Body:
    payload = _json(fields["payload"], "payload")
    if not isinstance(payload, dict):
        raise Malformed("payload is not a JSON object")
    kind = payload.get("type")
    if not isinstance(kind, str) or not kind:
        raise Malformed("payload has no type")
    _check_common(payload)
    for field in _OBJECT_FIELDS:
        if payload.get(field) is not None and not isinstance(payload[field], dict):
            raise Malformed(f"payload.{field} is not an object")
    if kind in ("block_actions", "interactive_message"):
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions:
            raise Malformed(f"{kind} without actions")
        for action in actions:
            if not isinstance(action, dict) or not isinstance(action.get("action_id", action.get("name")), str):
                raise Malformed("an action without an action_id")
            if action.get("value") is not None and not isinstance(action["value"], str):
                raise Malformed("an action value is not a string")
        user = payload.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str) or not user["id"]:
            raise Malformed(f"{kind} without a user")
        values = (payload.get("state") or {}).get("values")
        if values is not None and (not isinstance(values, dict)
                                   or not all(isinstance(v, dict) for v in values.values())):
            raise Malformed("state.values is not an object of objects")
    elif kind in _CALLBACK_TYPES:
        holder = payload.get("view") if kind.startswith("view_") else payload
        if not isinstance(holder, dict) or not isinstance(holder.get("callback_id"), str):
            raise Malformed(f"{kind} without a callback_id")
    elif kind == "block_suggestion" and not isinstance(payload.get("action_id"), str):
        raise Malformed("block_suggestion without an action_id")
    mended = mend(payload)
    if mended != payload:
        text = urllib.parse.urlencode({**fields, "payload": json.dumps(mended, ensure_ascii=False)})
    return Body("interaction", mended, text, once=kind in _ONCE_TYPES)


def _check_common(data: dict[str, Any]) -> None:
    """The fields slack-bolt reads from every body before any listener runs."""
    for field in _ID_FIELDS:
        value = data.get(field)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, dict) or not isinstance(value.get("id", ""), str):
            raise Malformed(f"{field} is neither an id nor an object with an id")
    for field in ("team_id", "user_id", "enterprise_id", "api_app_id"):
        if data.get(field) is not None and not isinstance(data[field], str):
            raise Malformed(f"{field} is not a string")
    authorizations = data.get("authorizations")
    if authorizations is not None and (not isinstance(authorizations, list)
                                       or not all(isinstance(a, dict) for a in authorizations)):
        raise Malformed("authorizations is not a list of objects")
