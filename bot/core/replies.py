"""Platform-neutral replies: render intents that adapters turn into Block Kit, Adaptive Cards or text.

All text in a reply is plain text. Adapters escape it for their markup, so text a user typed and
the bot echoes back can never become a mention or a link.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Style = Literal["default", "primary", "danger"]


@dataclass(frozen=True)
class Choice:
    """A button: pressing it (or typing its number) sends `action_id` with `value` to the core."""

    label: str
    action_id: str
    value: str = ""
    style: Style = "default"


@dataclass(frozen=True)
class Field:
    """A label/value pair shown in a card."""

    label: str
    value: str


@dataclass(frozen=True)
class TextInput:
    """A free-text input on a card, submitted together with a choice (e.g. a proxy's name)."""

    input_id: str
    label: str
    placeholder: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file or image sent with a reply."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    title: str = ""

    @property
    def is_image(self) -> bool:
        """True for images that platforms show inline."""
        return self.mime_type.startswith("image/")


@dataclass(frozen=True)
class Reply:
    """One message from the bot."""

    text: str = ""
    title: str = ""
    fields: tuple[Field, ...] = ()
    choices: tuple[Choice, ...] = ()
    inputs: tuple[TextInput, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    # Only the asker sees it (Slack ephemeral / response_url); other platforms show it normally.
    ephemeral: bool = False
    # Replace the message whose button was pressed (a poll question answered becomes the next one).
    replace_original: bool = False
    # Local path of a saved file, shown by the console instead of an upload.
    note: str = ""
    # A question answered by typing, said again after another message's buttons (a form's open
    # question repeated after a side question): a number typed next answers it, so a surface that
    # maps typed numbers to shown buttons (the console) stops doing so for the buttons before it.
    asks: bool = False

    def with_(self, **changes: Any) -> Reply:
        """Return a copy with some attributes changed."""
        return replace(self, **changes)

    def plain_text(self) -> str:
        """A text-only rendering: notifications, fallbacks and logs."""
        parts: list[str] = []
        if self.title:
            parts.append(self.title)
        if self.text:
            parts.append(self.text)
        parts.extend(f"{f.label}: {f.value}" for f in self.fields)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Serialise for the durable outbox (JSON-safe)."""
        return {
            "text": self.text,
            "title": self.title,
            "fields": [[f.label, f.value] for f in self.fields],
            "choices": [[c.label, c.action_id, c.value, c.style] for c in self.choices],
            "inputs": [[i.input_id, i.label, i.placeholder] for i in self.inputs],
            "attachments": [
                [a.filename, base64.b64encode(a.content).decode("ascii"), a.mime_type, a.title]
                for a in self.attachments
            ],
            "ephemeral": self.ephemeral,
            "replace_original": self.replace_original,
            "note": self.note,
            "asks": self.asks,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        """Inverse of :meth:`to_dict`."""
        return cls(
            text=data.get("text", ""),
            title=data.get("title", ""),
            fields=tuple(Field(*f) for f in data.get("fields", [])),
            choices=tuple(Choice(*c) for c in data.get("choices", [])),
            inputs=tuple(TextInput(*i) for i in data.get("inputs", [])),
            attachments=tuple(
                Attachment(a[0], base64.b64decode(a[1]), a[2], a[3])
                for a in data.get("attachments", [])
            ),
            ephemeral=bool(data.get("ephemeral", False)),
            replace_original=bool(data.get("replace_original", False)),
            note=data.get("note", ""),
            asks=bool(data.get("asks", False)),
        )


def as_reply(value: Reply | str) -> Reply:
    """Accept a bare string where a reply is expected."""
    return value if isinstance(value, Reply) else Reply(text=value)


@dataclass(frozen=True)
class Destination:
    """Where a proactive message goes: a person (DM) or a channel on one platform."""

    platform: str
    kind: Literal["person", "channel"]
    address: str  # person id (as str) for kind="person"; channel id for kind="channel"
    thread_id: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form for the outbox."""
        return {
            "platform": self.platform,
            "kind": self.kind,
            "address": self.address,
            "thread_id": self.thread_id,
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Destination:
        """Inverse of :meth:`to_dict`."""
        return cls(
            platform=data["platform"],
            kind=data["kind"],
            address=data["address"],
            thread_id=data.get("thread_id", ""),
            extra=dict(data.get("extra", {})),
        )
