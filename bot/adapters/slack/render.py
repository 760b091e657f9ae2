"""Core replies as Block Kit, and Slack message text as plain text: pure functions, no I/O.

Outgoing: every piece of reply text is plain text, so it is escaped (`&`, `<`, `>`) before it goes
into a mrkdwn field; a user's `<!channel>` echoed back stays text. Block Kit's limits are met by
splitting (sections of at most 3,000 characters, 10 fields per section, 25 buttons per actions
block, 50 blocks per message, 100 per Home tab), never by letting Slack reject a message.

Incoming: Slack's markup (`<@U123>`, `<#C1|general>`, `<https://x|label>`, `&amp;`) becomes the
plain text a person sees, and the bot's own mention is removed.
"""

from __future__ import annotations

import base64
import logging
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.replies import Attachment, Choice, Reply, TextInput

log = logging.getLogger(__name__)

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_HOME = 100
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_HEADER_TEXT = 150
MAX_INPUT_LABEL = 2000
MAX_PLACEHOLDER = 150
MAX_ID = 255
# The notification text that goes with blocks: short, it only feeds notifications and previews.
MAX_FALLBACK_TEXT = 300

# Slack appends "#n" to our action ids because ids must be unique within one message.
ACTION_SUFFIX = re.compile(r"#\d+$")
# Prefix of a button value that had to be compressed to fit 2,000 characters.
PACKED = "~z1:"

Block = dict[str, Any]


# --- escaping -------------------------------------------------------------------------------
def escape(text: str) -> str:
    """Escape plain text for mrkdwn so it can never become a mention, a link or a broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped_len(ch: str) -> int:
    return 5 if ch == "&" else 4 if ch in "<>" else 1


def split_text(text: str, limit: int) -> list[str]:
    """Cut plain text into pieces whose escaped form has at most `limit` characters.

    Pieces end at line breaks where possible; a single longer line is cut between characters.
    Whitespace-only pieces are dropped (Slack rejects empty text).
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.splitlines(keepends=True):
        cost = len(escape(line))
        if size + cost <= limit:
            current.append(line)
            size += cost
            continue
        if current:
            pieces.append("".join(current))
            current, size = [], 0
        if cost <= limit:
            current, size = [line], cost
            continue
        chunk: list[str] = []
        chunk_size = 0
        for ch in line:
            c = _escaped_len(ch)
            if chunk_size + c > limit:
                pieces.append("".join(chunk))
                chunk, chunk_size = [], 0
            chunk.append(ch)
            chunk_size += c
        current, size = chunk, chunk_size
    if current:
        pieces.append("".join(current))
    return [p.strip("\n") for p in pieces if p.strip()]


def clip(text: str, limit: int) -> str:
    """Shorten plain text to `limit` characters with an ellipsis (labels, headers)."""
    text = " ".join(text.split()) if "\n" in text else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


# --- button values and action ids -----------------------------------------------------------
def encode_value(value: str) -> str | None:
    """A button value within 2,000 characters (compressed when needed); None if it cannot fit."""
    if len(value) <= MAX_BUTTON_VALUE and not value.startswith(PACKED):
        return value
    packed = PACKED + base64.urlsafe_b64encode(zlib.compress(value.encode("utf-8"), 9)).decode("ascii")
    return packed if len(packed) <= MAX_BUTTON_VALUE else None


def decode_value(value: str) -> str:
    """Inverse of :func:`encode_value`."""
    if not value.startswith(PACKED):
        return value
    try:
        return zlib.decompress(base64.urlsafe_b64decode(value[len(PACKED):])).decode("utf-8")
    except (ValueError, zlib.error):
        log.warning("undecodable packed button value")
        return ""


def core_action_id(slack_action_id: str) -> str:
    """`faq.feedback#1` -> `faq.feedback` (the suffix only made ids unique within a message)."""
    return ACTION_SUFFIX.sub("", slack_action_id)


# --- blocks ---------------------------------------------------------------------------------
class _Numbering:
    """Hands out the `#n` suffixes of one message or view."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n - 1


def _text_blocks(text: str, bold: bool = False) -> list[dict[str, Any]]:
    limit = MAX_SECTION_TEXT - (2 if bold else 0)
    return [
        {"type": "section", "text": _mrkdwn(f"*{escape(p)}*" if bold else escape(p))}
        for p in split_text(text, limit)
    ]


def _title_blocks(title: str) -> list[dict[str, Any]]:
    title = title.strip()
    if not title:
        return []
    if len(title) <= MAX_HEADER_TEXT and "\n" not in title:
        # Header text is plain_text: Slack shows it literally, so it needs no escaping.
        return [{"type": "header", "text": _plain(title)}]
    return _text_blocks(title, bold=True)


def _field_blocks(reply: Reply) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    group: list[dict[str, Any]] = []

    def flush() -> None:
        if group:
            blocks.append({"type": "section", "fields": list(group)})
            group.clear()

    for f in reply.fields:
        label, value = f.label.strip(), f.value.strip()
        if not label and not value:
            continue
        text = f"*{escape(label)}*\n{escape(value)}" if label and value else (
            f"*{escape(label)}*" if label else escape(value))
        if len(text) <= MAX_FIELD_TEXT:
            group.append(_mrkdwn(text))
            if len(group) == MAX_FIELDS:
                flush()
            continue
        # Too long for a field: it becomes full-width sections, in its place.
        flush()
        if label:
            blocks.extend(_text_blocks(label, bold=True))
        blocks.extend(_text_blocks(value))
    flush()
    return blocks


def _input_block(item: TextInput) -> dict[str, Any] | None:
    input_id = item.input_id[:MAX_ID]
    if not input_id:
        return None
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": input_id}
    if item.placeholder:
        element["placeholder"] = _plain(clip(item.placeholder, MAX_PLACEHOLDER))
    return {
        "type": "input",
        "block_id": input_id,
        "optional": True,
        "label": _plain(clip(item.label or input_id, MAX_INPUT_LABEL)),
        "element": element,
    }


def _button(choice: Choice, number: int) -> dict[str, Any] | None:
    value = encode_value(choice.value)
    if value is None:
        log.error("button %r dropped: its value cannot fit in %s characters", choice.action_id, MAX_BUTTON_VALUE)
        return None
    button: dict[str, Any] = {
        "type": "button",
        "text": _plain(clip(choice.label.strip() or "-", MAX_BUTTON_TEXT)),
        "action_id": f"{choice.action_id[: MAX_ID - 8]}#{number}",
    }
    if value:
        button["value"] = value
    if choice.style in ("primary", "danger"):
        button["style"] = choice.style
    return button


def _control_blocks(reply: Reply, numbering: _Numbering) -> list[dict[str, Any]]:
    """Inputs, then buttons: kept together so pressing a button submits the inputs."""
    blocks: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in reply.inputs:
        block = _input_block(item)
        if block is not None and block["block_id"] not in seen:
            seen.add(block["block_id"])
            blocks.append(block)
    buttons = [b for c in reply.choices if (b := _button(c, numbering.next())) is not None]
    for start in range(0, len(buttons), MAX_ACTION_ELEMENTS):
        blocks.append({"type": "actions", "elements": buttons[start:start + MAX_ACTION_ELEMENTS]})
    return blocks


def reply_blocks(reply: Reply, numbering: _Numbering | None = None) -> tuple[list[Block], list[Block]]:
    """(content blocks, control blocks) of one reply, every block within its own limits."""
    numbering = numbering or _Numbering()
    content = _title_blocks(reply.title) + _text_blocks(reply.text) + _field_blocks(reply)
    return content, _control_blocks(reply, numbering)


# --- messages -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage worth of Block Kit: at most 50 blocks, and its notification text."""

    blocks: list[dict[str, Any]]
    text: str


@dataclass(frozen=True)
class RenderedReply:
    """A reply as Slack messages (sent in order) and the files uploaded after them."""

    messages: list[SlackMessage]
    files: tuple[Attachment, ...] = ()
    file_comment: str = ""

    @property
    def steps(self) -> int:
        """Messages plus one upload step when there are files (for resuming a partial send)."""
        return len(self.messages) + (1 if self.files else 0)


def fallback_text(reply: Reply) -> str:
    """The escaped, short notification text that accompanies the blocks."""
    return escape(clip(" ".join(reply.plain_text().split()), MAX_FALLBACK_TEXT))


def _pages(content: list[Block], controls: list[Block], limit: int) -> list[list[Block]]:
    pages = [content[i:i + limit] for i in range(0, len(content), limit)] or [[]]
    if controls:
        if len(pages[-1]) + len(controls) <= limit:
            pages[-1] = pages[-1] + controls
        else:
            pages.extend(controls[i:i + limit] for i in range(0, len(controls), limit))
    return [p for p in pages if p]


def _block_text(block: dict[str, Any]) -> str:
    if block.get("type") in ("section", "header") and "text" in block:
        return str(block["text"]["text"])
    if block.get("type") == "section" and block.get("fields"):
        return " ".join(str(f["text"]) for f in block["fields"])
    return ""


def render_reply(reply: Reply) -> RenderedReply:
    """A core reply as Slack messages within Block Kit's limits, plus its files."""
    content, controls = reply_blocks(reply)
    pages = _pages(content, controls, MAX_BLOCKS_MESSAGE)
    first_text = fallback_text(reply)
    messages = []
    for number, blocks in enumerate(pages):
        if number == 0:
            text = first_text
        else:
            # Later parts get the text of their own first block (already escaped).
            text = next((clip(t, MAX_FALLBACK_TEXT) for b in blocks if (t := _block_text(b))), first_text)
        messages.append(SlackMessage(blocks=blocks, text=text or "…"))
    comment = "" if messages else fallback_text(reply)
    return RenderedReply(messages=messages, files=reply.attachments, file_comment=comment)


def render_home(sections: Sequence[Reply]) -> dict[str, Any]:
    """The App Home view: each section in turn, divided, within 100 blocks."""
    numbering = _Numbering()
    blocks: list[dict[str, Any]] = []
    for section in sections:
        content, controls = reply_blocks(section, numbering)
        section_blocks = content + controls
        room = MAX_BLOCKS_HOME - len(blocks) - (1 if blocks else 0)
        if not section_blocks:
            continue
        if len(section_blocks) > room:
            log.warning("home view full: %s blocks of a section left out", len(section_blocks) - max(room, 0))
            if room <= 0:
                break
            section_blocks = content[:room]
        if blocks:
            blocks.append({"type": "divider"})
        blocks.extend(section_blocks)
    return {"type": "home", "blocks": blocks}


# --- incoming -------------------------------------------------------------------------------
_MARKUP = re.compile(r"<([^<>]*)>")


def _markup_to_text(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        # The id, not the label: `/dx users set-role @U123 liaison` finds the person by it.
        return target
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        name = target[1:]
        if name.startswith(("subteam^", "date^")):
            return label or ""
        return label or "@" + name
    return label or target


def plain_text(text: str, bot_user_id: str = "") -> str:
    """Slack message text as the person typed it: markup resolved, entities decoded, the bot's
    own mention removed."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = _MARKUP.sub(_markup_to_text, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def submitted_inputs(state: dict[str, Any] | None) -> dict[str, str]:
    """Values typed into a message's input blocks, by input id (from a block_actions `state`)."""
    values: dict[str, str] = {}
    blocks = state.get("values") if isinstance(state, dict) else None
    for block_id, elements in (blocks.items() if isinstance(blocks, dict) else ()):
        for element in (elements.values() if isinstance(elements, dict) else ()):
            if isinstance(element, dict) and element.get("type") == "plain_text_input":
                values[block_id] = str(element.get("value") or "")
    return values


def iter_blocks(rendered: RenderedReply) -> Iterator[dict[str, Any]]:
    """Every block of a rendered reply (for tests and logs)."""
    for message in rendered.messages:
        yield from message.blocks
