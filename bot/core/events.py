"""Platform-neutral inbound events.

Adapters convert Slack payloads, Teams activities and console lines into these types; handlers
only ever see these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Platform = Literal["slack", "teams", "console", "web"]


@dataclass(frozen=True)
class Actor:
    """Who sent an event, as the platform identifies them."""

    platform: Platform
    user_id: str
    display_name: str = ""
    # Teams gives the AAD object id next to the channel-scoped user id; the registry links both.
    aad_object_id: str = ""
    email: str = ""
    # False when nothing vouches for this identity (Teams without authentication, development
    # only): every field of it came from the client, so DXDESK_ADMINS never applies to it.
    vouched: bool = True


@dataclass(frozen=True)
class Conversation:
    """Where an event happened and where a reply should go."""

    platform: Platform
    channel_id: str
    is_direct: bool = True
    thread_id: str = ""
    # Opaque adapter data needed to answer in place (Slack response_url, Teams activity id...).
    reply_token: str = ""
    team_id: str = ""


@dataclass(frozen=True)
class MessageReceived:
    """A person wrote a message to the bot (DM, or a mention in a channel)."""

    actor: Actor
    conversation: Conversation
    text: str
    message_id: str = ""
    mentioned: bool = False


@dataclass(frozen=True)
class CommandReceived:
    """A `/dx ...` command (Slack slash command, Teams `dx ...`, console `/dx ...`)."""

    actor: Actor
    conversation: Conversation
    text: str  # everything after the command name, e.g. "summary progress 2026-11"
    command: str = "dx"


@dataclass(frozen=True)
class ActionReceived:
    """A person pressed a button or submitted a card: `action_id` is namespaced ("faq.feedback")."""

    actor: Actor
    conversation: Conversation
    action_id: str
    value: str = ""
    # Values of inputs in a submitted card/form (e.g. a proxy's name for 代理出席).
    inputs: dict[str, str] = field(default_factory=dict)
    message_id: str = ""
    # The button's label was typed as words (「回答する」), not pressed: it may be less certain
    # which message was meant than a press on one message.
    typed: bool = False


@dataclass(frozen=True)
class MemberInstalled:
    """The bot was added to a conversation (Teams install); `reference` lets it write later."""

    actor: Actor
    conversation: Conversation
    reference: str = ""


@dataclass(frozen=True)
class MemberUninstalled:
    """The bot was removed from a conversation."""

    actor: Actor
    conversation: Conversation


Event = MessageReceived | CommandReceived | ActionReceived | MemberInstalled | MemberUninstalled
