"""Core replies as Teams message activities (Adaptive Cards 1.4 or plain text), card submissions
back to core actions, and splitting of replies that are too large to send.

Pure functions on plain JSON (no SDK import), so they are unit-tested directly and survive a move
from the archived Bot Framework SDK to its successor.

All reply text is plain text. Plain messages are sent with `textFormat: "plain"`, which Teams shows
as typed. In cards, free text goes into RichTextBlock/TextRun elements, which do not interpret
Markdown, so text a user typed can never become a link or a mention; the few places that do
interpret Markdown (FactSet) get it neutralised.

Files other than images cannot ride in an Adaptive Card: in a personal chat the adapter offers
them with Teams' file consent card (`render_file_consent`) and shows the uploaded file with a file
info card (`render_file_info`); anywhere else the card says how to get them.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.messages import t
from bot.core.replies import Attachment, Choice, Reply

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.4"

# Keys of an Action.Submit/Action.Execute `data` object. Teams merges input values into the same
# object, so inputs get a prefix that no core action id can collide with.
ACTION_KEY = "dx_action"
VALUE_KEY = "dx_value"
INPUT_PREFIX = "dx_in_"

# Teams refuses messages over 40 KB (the payload as UTF-16, base64 images not counted) with 413.
# Replies are split before that, with a margin; a 413 that still happens splits further.
MAX_PAYLOAD_BYTES = 36_000
# Button rows in Teams show at most six actions, and long titles are cut off.
MAX_BUTTONS = 6
MAX_BUTTON_LABEL = 18
SUMMARY_CHARS = 120

_STYLES = {"primary": "positive", "danger": "destructive"}
_MARKDOWN = re.compile(r"([\\*_\[\]])")
_DATA_URI = re.compile(r'"data:[^"]*"')


@dataclass(frozen=True)
class Submission:
    """A pressed card button: the core action it stands for and the card's input values."""

    action_id: str
    value: str = ""
    inputs: dict[str, str] = field(default_factory=dict)


# --- rendering ----------------------------------------------------------------------------
def needs_card(reply: Reply) -> bool:
    """Plain text is enough unless the reply has a title, fields, buttons, inputs or files."""
    return bool(reply.title or reply.fields or reply.choices or reply.inputs or reply.attachments)


def render_activity(reply: Reply, lang: str = "ja") -> dict[str, Any]:
    """The message activity (JSON) for one reply: plain text, or an Adaptive Card with a summary."""
    if not needs_card(reply):
        return {"type": "message", "text": reply.text, "textFormat": "plain"}
    return {
        "type": "message",
        "summary": summary_of(reply),
        "attachments": [{"contentType": ADAPTIVE_CARD, "content": render_card(reply, lang)}],
    }


def summary_of(reply: Reply) -> str:
    """Short text shown in notifications and the chat list instead of "sent a card"."""
    text = " ".join((reply.title or reply.text or reply.plain_text()).split())
    return text[:SUMMARY_CHARS]


def render_card(reply: Reply, lang: str = "ja") -> dict[str, Any]:
    """An Adaptive Card (1.4) for a reply with a title, fields, inputs, buttons or files."""
    body: list[dict[str, Any]] = []
    if reply.title:
        body.append(_rich(reply.title, weight="Bolder", size="Medium"))
    body.extend(_paragraphs(reply.text))
    if reply.fields:
        body.append({
            "type": "FactSet",
            "facts": [{"title": neutralise(f.label), "value": neutralise(f.value)} for f in reply.fields],
        })
    for item in reply.inputs:
        element: dict[str, Any] = {"type": "Input.Text", "id": INPUT_PREFIX + item.input_id,
                                   "label": item.label}
        if item.placeholder:
            element["placeholder"] = item.placeholder
        body.append(element)
    for attachment in reply.attachments:
        if attachment.is_image:
            encoded = base64.b64encode(attachment.content).decode("ascii")
            body.append({"type": "Image", "url": f"data:{attachment.mime_type};base64,{encoded}",
                         "altText": attachment.title or attachment.filename, "size": "Stretch"})
        else:
            body.append(_rich(t("teams.file_unavailable", lang, filename=attachment.title or attachment.filename),
                              spacing="Medium"))
    card: dict[str, Any] = {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION,
                            "body": body or [_rich(" ")], "msteams": {"width": "Full"}}
    if reply.choices:
        if _fits_button_row(reply.choices):
            card["actions"] = [_submit(c) for c in reply.choices]
        else:
            body.extend(_choice_row(c, first=i == 0) for i, c in enumerate(reply.choices))
    return card


def _fits_button_row(choices: tuple[Choice, ...]) -> bool:
    return len(choices) <= MAX_BUTTONS and all(len(c.label) <= MAX_BUTTON_LABEL for c in choices)


def _submit(choice: Choice) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "Action.Submit", "title": choice.label,
                              "data": {ACTION_KEY: choice.action_id, VALUE_KEY: choice.value}}
    if choice.style in _STYLES:
        action["style"] = _STYLES[choice.style]
    return action


def _choice_row(choice: Choice, first: bool) -> dict[str, Any]:
    """A whole-width clickable row: long labels (FAQ candidates) stay readable, unlike buttons."""
    return {
        "type": "Container",
        "style": "emphasis",
        "spacing": "Medium" if first else "Small",
        "selectAction": _submit(choice),
        "items": [_rich(choice.label, color="Accent")],
    }


def _rich(text: str, **run_style: str) -> dict[str, Any]:
    spacing = run_style.pop("spacing", "")
    block: dict[str, Any] = {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": text, **run_style}]}
    if spacing:
        block["spacing"] = spacing
    return block


def _paragraphs(text: str) -> list[dict[str, Any]]:
    """One RichTextBlock per line (a TextRun does not promise line breaks); blank lines add space."""
    blocks: list[dict[str, Any]] = []
    gap = False
    for line in text.splitlines():
        if not line.strip():
            gap = bool(blocks)
            continue
        block = _rich(line)
        if blocks:
            block["spacing"] = "Medium" if gap else "None"
        blocks.append(block)
        gap = False
    return blocks


def neutralise(text: str) -> str:
    """Backslash-escape the Markdown that Adaptive Card TextBlocks and FactSets would interpret."""
    return _MARKDOWN.sub(r"\\\1", text)


def payload_size(payload: Mapping[str, Any]) -> int:
    """Size as Teams counts it: the JSON as UTF-16, without base64 images."""
    raw = json.dumps(payload, ensure_ascii=False)
    return len(_DATA_URI.sub('""', raw).encode("utf-16-le"))


# --- files --------------------------------------------------------------------------------
def offered_files(reply: Reply) -> tuple[Attachment, ...]:
    """The attachments Teams cannot show inline (everything but images): they need file consent."""
    return tuple(a for a in reply.attachments if not a.is_image)


def without_files(reply: Reply) -> Reply:
    """The reply with only its inline images left."""
    return reply.with_(attachments=tuple(a for a in reply.attachments if a.is_image))


def human_size(size: int, lang: str = "ja") -> str:
    """1234 -> "1.2 KB" (below one kilobyte: "850 バイト" / "850 bytes")."""
    if size < 1024:
        return f"{size} bytes" if lang == "en" else f"{size} バイト"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def render_file_consent(attachment: Attachment, file_id: str, lang: str = "ja") -> dict[str, Any]:
    """The message offering one file: Teams shows its name, the description and Allow / Decline.

    Both contexts carry only the token of the stored bytes; Teams echoes them back in the
    `fileConsent/invoke` activity, so whichever replica answers can find the file.
    """
    description = t("teams.file_consent", lang, title=attachment.title or attachment.filename,
                    size=human_size(len(attachment.content), lang))
    return {
        "type": "message",
        "summary": f"📎 {attachment.filename}"[:SUMMARY_CHARS],
        "attachments": [{
            "contentType": FILE_CONSENT,
            "name": attachment.filename,
            "content": {
                "description": description,
                "sizeInBytes": len(attachment.content),
                "acceptContext": {"file_id": file_id},
                "declineContext": {"file_id": file_id},
            },
        }],
    }


def render_file_info(content_url: str, name: str, unique_id: str, file_type: str,
                     lang: str = "ja") -> dict[str, Any]:
    """The message showing an uploaded file (Teams renders it as a file chip that opens it)."""
    return {
        "type": "message",
        "text": t("teams.file_uploaded", lang, filename=name),
        "textFormat": "plain",
        "attachments": [{
            "contentType": FILE_INFO,
            "contentUrl": content_url,
            "name": name,
            "content": {"uniqueId": unique_id, "fileType": file_type},
        }],
    }


# --- submissions --------------------------------------------------------------------------
def parse_submission(data: Any, verb: str = "") -> Submission | None:
    """The core action behind an Action.Submit `value` or an Action.Execute `data` (and `verb`)."""
    if not isinstance(data, Mapping):
        return None
    action_id = str(data.get(ACTION_KEY) or verb or "")
    if not action_id:
        return None
    inputs = {
        str(key)[len(INPUT_PREFIX):]: "" if value is None else str(value)
        for key, value in data.items()
        if str(key).startswith(INPUT_PREFIX)
    }
    raw_value = data.get(VALUE_KEY, "")
    return Submission(action_id, "" if raw_value is None else str(raw_value), inputs)


# --- splitting ----------------------------------------------------------------------------
def split_reply(reply: Reply) -> list[Reply]:
    """Two or more smaller replies carrying everything `reply` carries, or [] if it cannot shrink.

    Text is cut at a paragraph or line boundary near the middle; buttons and inputs stay with the
    last part so they are not separated from what they answer. Only the first part replaces the
    original card.
    """
    rest = reply.with_(replace_original=False)
    if reply.attachments:
        body = reply.with_(attachments=())
        parts = [body] if body.text or needs_card(body) else []
        parts += [Reply(attachments=(a,), ephemeral=reply.ephemeral) for a in reply.attachments]
        if len(parts) > 1:
            return [p.with_(replace_original=reply.replace_original and i == 0) for i, p in enumerate(parts)]
    if len(reply.text) > 1:
        head, tail = _halves(reply.text)
        return [Reply(title=reply.title, text=head, ephemeral=reply.ephemeral,
                      replace_original=reply.replace_original),
                rest.with_(title="", text=tail)]
    if len(reply.fields) > 1:
        half = len(reply.fields) // 2
        return [Reply(title=reply.title, text=reply.text, fields=reply.fields[:half], ephemeral=reply.ephemeral,
                      replace_original=reply.replace_original),
                rest.with_(title="", text="", fields=reply.fields[half:])]
    if len(reply.choices) > 1:
        half = len(reply.choices) // 2
        return [reply.with_(choices=reply.choices[:half], inputs=()),
                rest.with_(title="", text="", fields=(), choices=reply.choices[half:])]
    return []


def _halves(text: str) -> tuple[str, str]:
    middle = len(text) // 2
    for separator in ("\n\n", "\n", "。", ". ", "、", " "):
        cuts = [m.end() for m in re.finditer(re.escape(separator), text) if 0 < m.end() < len(text)]
        if cuts:
            cut = min(cuts, key=lambda c: abs(c - middle))
            # A cut far from the middle barely shrinks the message: try a finer separator.
            if abs(cut - middle) <= len(text) // 4:
                return text[:cut].rstrip("\n"), text[cut:].lstrip("\n")
    return text[:middle], text[middle:]


def presplit(reply: Reply, lang: str = "ja", limit: int = MAX_PAYLOAD_BYTES, depth: int = 8) -> list[Reply]:
    """Split a reply until every part renders under `limit`, before Teams has to refuse it."""
    if depth <= 0 or payload_size(render_activity(reply, lang)) <= limit:
        return [reply]
    parts = split_reply(reply)
    if not parts:
        return [reply]
    return [piece for part in parts for piece in presplit(part, lang, limit, depth - 1)]
