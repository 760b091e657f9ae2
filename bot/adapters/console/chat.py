"""Console adapter: lines in, text replies out. Choices are numbered; typing the number presses
the button, so every flow of Slack and Teams works here too."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol, TextIO

from bot.core.events import ActionReceived, Actor, Conversation, MessageReceived
from bot.core.model import Person
from bot.core.replies import Choice, Destination, Reply

BOT_NAME = "DX Desk"


def button_text(n: int, label: str) -> str:
    """「[2] 理解している」: the number to type, once. A label that already carries that same number
    (the assessment's 「2. 理解している」, the form's 「変更 2: 対象手続数」 — numbered for Slack and
    Teams, where it is typed) is shown without its own; any other number is part of its words."""
    own = re.match(rf"(?P<word>\D{{0,8}}?)\s*(?<![\d-]){n}\s*[.．)）:：]\s*(?=[^\d\s])", label)
    if own is None:
        return f"[{n}] {label}"
    word = own.group("word").strip()
    return f"[{n}] {word + ': ' if word else ''}{label[own.end():]}"


def render_text(reply: Reply, files_dir: Path | None = None) -> str:
    """A reply as terminal text; attachments are saved under `files_dir` and their path shown."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"■ {reply.title}")
    if reply.text:
        lines.append(reply.text)
    for f in reply.fields:
        lines.append(f"  {f.label}: {f.value}")
    for i in reply.inputs:
        lines.append(f"  ({i.label}: {i.placeholder})" if i.placeholder else f"  ({i.label})")
    if reply.choices:
        lines.append("  " + "  ".join(button_text(n, c.label) for n, c in enumerate(reply.choices, 1)))
    for a in reply.attachments:
        if files_dir is not None:
            files_dir.mkdir(parents=True, exist_ok=True)
            target = files_dir / Path(a.filename).name
            target.write_bytes(a.content)
            lines.append(f"  📎 {a.title or a.filename}: {target}")
        else:
            lines.append(f"  📎 {a.title or a.filename}")
    if reply.note:
        lines.append(f"  {reply.note}")
    return "\n".join(lines)


class ConsoleChat:
    """Reads lines, dispatches them as one person, prints replies."""

    def __init__(
        self,
        dispatch: Callable[..., Awaitable[object]],
        *,
        user_id: str = "local",
        display_name: str = "",
        files_dir: Path | None = None,
        out: TextIO | None = None,
        after_each: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.dispatch = dispatch
        self.actor = Actor("console", user_id, display_name or user_id)
        self.conversation = Conversation("console", f"dm:{user_id}", is_direct=True)
        self.files_dir = files_dir
        self.out = out or sys.stdout
        self.after_each = after_each
        self.last_choices: list[Choice] = []
        self._counter = 0

    def print_reply(self, reply: Reply, prefix: str = "") -> None:
        """Write one reply; remember its choices for a typed number."""
        if reply.choices:
            self.last_choices = list(reply.choices)
        text = render_text(reply, self.files_dir)
        self.out.write(f"{prefix}{BOT_NAME}> {text}\n")
        self.out.flush()

    async def send(self, reply: Reply) -> None:
        """Responder protocol: replies to the local user."""
        self.print_reply(reply)

    async def handle_line(self, line: str) -> None:
        """One line from the user: a number presses a shown button, anything else is a message."""
        self._counter += 1
        m = re.fullmatch(r"\s*([0-9０-９]{1,2})\s*", line)
        if m and self.last_choices:
            n = int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            if 1 <= n <= len(self.last_choices):
                choice = self.last_choices[n - 1]
                self.last_choices = []
                await self.dispatch(ActionReceived(self.actor, self.conversation, choice.action_id, choice.value,
                                                   message_id=str(self._counter)), self)
                return
        self.last_choices = []
        await self.dispatch(MessageReceived(self.actor, self.conversation, line, message_id=str(self._counter)), self)

    async def run(self, stdin: TextIO | None = None, greeting: str = "") -> None:
        """Interactive when stdin is a terminal; otherwise one message per input line."""
        stdin = stdin or sys.stdin
        interactive = stdin.isatty()
        if greeting:
            self.out.write(f"{BOT_NAME}> {greeting}\n")
            self.out.flush()
        while True:
            if interactive:
                try:
                    line = await asyncio.to_thread(input, "あなた> ")
                except (EOFError, KeyboardInterrupt):
                    self.out.write("\n")
                    break
            else:
                raw = await asyncio.to_thread(stdin.readline)
                if raw == "":
                    break
                line = raw.rstrip("\n")
            if interactive and line.strip() in ("/quit", "/exit", "/終了"):
                break
            await self.handle_line(line)
            if self.after_each is not None:
                await self.after_each()


class ChatPresence(Protocol):
    """Which local chats run on this data folder (implemented by `storage.shared.presence`)."""

    async def held_by_another(self, local_id: str) -> bool: ...


class ConsoleNotifier:
    """Proactive messages in the local chat are printed with who they are for.

    With several chats on one data folder, each prints its own user's messages; a message for
    someone no running chat holds is printed by whichever chat takes it (one chat alone shows
    everyone's, as the demo does).
    """

    platform = "console"

    def __init__(self, chat: ConsoleChat | None = None, out: TextIO | None = None,
                 presence: ChatPresence | None = None) -> None:
        self.chat = chat
        self.out = out or sys.stdout
        self.presence = presence

    async def can_reach(self, person: Person) -> bool:
        """Someone with a local id: this chat's own user, or anyone no other running chat holds."""
        if not person.local_id:
            return False
        if self.chat is not None and person.local_id == self.chat.actor.user_id:
            return True
        return self.presence is None or not await self.presence.held_by_another(person.local_id)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Print the message, addressed."""
        if destination.kind == "channel":
            to = f"#{destination.address}"
        else:
            to = person.display_name or person.local_id if person else destination.address
        if self.chat is not None:
            self.chat.print_reply(reply, prefix=f"📨 → {to}  ")
        else:
            self.out.write(f"📨 → {to}  {BOT_NAME}> {render_text(reply)}\n")
            self.out.flush()
