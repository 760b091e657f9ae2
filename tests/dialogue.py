"""Dialogue helpers: talk to an app in-process as one person and read the replies."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.app.composition import App
from bot.core.events import ActionReceived, Actor, CommandReceived, Conversation, MessageReceived
from bot.core.replies import Choice, Reply


@dataclass
class Person:
    """One console user talking to the app; keeps the replies of the last turn."""

    app: App
    user_id: str = "local"
    name: str = ""
    replies: list[Reply] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        return Actor("console", self.user_id, self.name or self.user_id)

    @property
    def conversation(self) -> Conversation:
        return Conversation("console", f"dm:{self.user_id}")

    async def send(self, reply: Reply) -> None:
        self.replies.append(reply)

    async def say(self, text: str) -> list[Reply]:
        """Send a message; return this turn's replies."""
        self.replies = []
        await self.app.dispatcher.dispatch(MessageReceived(self.actor, self.conversation, text), self)
        return self.replies

    async def command(self, text: str) -> list[Reply]:
        """Run `/dx <text>` as a slash command."""
        self.replies = []
        await self.app.dispatcher.dispatch(CommandReceived(self.actor, self.conversation, text), self)
        return self.replies

    async def press(self, choice: Choice, **inputs: str) -> list[Reply]:
        """Press a button from an earlier reply."""
        self.replies = []
        await self.app.dispatcher.dispatch(
            ActionReceived(self.actor, self.conversation, choice.action_id, choice.value, dict(inputs)), self)
        return self.replies

    def text(self) -> str:
        """All text of this turn's replies, button labels included."""
        parts = []
        for r in self.replies:
            parts.append(r.plain_text())
            parts.extend(f"[{c.label}]" for c in r.choices)
        return "\n".join(parts)

    def choice(self, label_part: str) -> Choice:
        """The first button of this turn whose label contains `label_part`."""
        for reply in self.replies:
            for c in reply.choices:
                if label_part in c.label:
                    return c
        raise AssertionError(f"no button {label_part!r} in {[c.label for r in self.replies for c in r.choices]}")
