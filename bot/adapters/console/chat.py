"""Console adapter: lines in, text replies out. Choices are numbered; typing the number presses
the button, so every flow of Slack and Teams works here too."""

from __future__ import annotations

import asyncio
import re
import sys
import time
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.adapters.console import messages as _messages  # noqa: F401  (registers the console's texts)
from bot.core.events import ActionReceived, Actor, Conversation, MessageReceived
from bot.core.messages import t
from bot.core.model import Person
from bot.core.ports import StateStore
from bot.core.replies import Choice, Destination, Reply

BOT_NAME = "DX Desk"
# Messages kept for a local user while no chat of theirs runs (the state store, so they survive
# the process and any chat on the same data folder can keep them): shown when they open `chat`.
INBOX_KEY = "console.inbox:{user}"
INBOX_LIMIT = 50
SUMMARY_CHARS = 60
# A typed number presses a button shown at most this many seconds ago (the core's setting
# `button_number_minutes`, in minutes; 0: any age). Later, the number goes to the core as a message.
NUMBER_WINDOW_S = 10 * 60
# A field longer than this is shown under its label, not beside it.
BLOCK_CHARS = 40


def button_text(n: int, label: str) -> str:
    """「[2] 理解している」: the number to type, once. A label that already carries that same number
    (the assessment's 「2. 理解している」, the form's 「変更 2: 対象手続数」 — numbered for Slack and
    Teams, where it is typed) is shown without its own; any other number is part of its words."""
    own = re.match(rf"(?P<word>\D{{0,8}}?)\s*(?<![\d-]){n}\s*[.．)）:：]\s*(?=[^\d\s])", label)
    if own is None:
        return f"[{n}] {label}"
    word = own.group("word").strip()
    return f"[{n}] {word + ': ' if word else ''}{label[own.end():]}"


def render_text(reply: Reply, files_dir: Path | None = None, first: int = 1) -> str:
    """A reply as terminal text; attachments are saved under `files_dir` and their path shown.
    Buttons are numbered from `first` (unread messages shown together number on)."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"■ {reply.title}")
    if reply.text:
        lines.append(reply.text)
    for f in reply.fields:
        if "\n" in f.value or len(f.label) + len(f.value) > BLOCK_CHARS:
            # A block (「各課のことば」), or a long value: its heading on its own line, each line of
            # it indented under it (one line of notes no longer runs on from the heading).
            lines.append(f"  {f.label}:")
            lines.extend(f"    {line}" for line in f.value.splitlines())
        else:
            lines.append(f"  {f.label}: {f.value}")
    # A text field cannot be filled in the console (a number presses a button only), so it is not
    # shown: the button asks for what the field would hold (代理出席 asks for the proxy's name).
    if reply.choices:
        lines.append("  " + "  ".join(button_text(n, c.label) for n, c in enumerate(reply.choices, first)))
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


def summary_of(reply: Reply) -> str:
    """The first line of a message, shortened: what a terminal shows of someone else's message."""
    first = next((line.strip() for line in (reply.title, *reply.text.splitlines()) if line.strip()), "")
    return first if len(first) <= SUMMARY_CHARS else first[:SUMMARY_CHARS] + "…"


def _label_key(text: str) -> str:
    """A button label as typed: width-folded, without spaces, brackets or a trailing 「。」."""
    folded = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    return folded.strip("「」『』[]()（）\"'").rstrip("。.!！")


async def keep_unread(inbox: StateStore, user: str, reply: Reply) -> None:
    """Keep a message for `user` to read when they open their chat (the newest INBOX_LIMIT)."""
    def add(value: dict[str, Any] | None) -> dict[str, Any]:
        kept = list((value or {}).get("messages", []))
        return {"messages": [*kept, reply.to_dict()][-INBOX_LIMIT:]}

    await inbox.update(INBOX_KEY.format(user=user), add)


async def take_unread(inbox: StateStore, user: str) -> list[Reply]:
    """The messages kept for `user`, oldest first; they are no longer kept afterwards."""
    taken: list[dict[str, Any]] = []

    def take(value: dict[str, Any] | None) -> None:
        taken[:] = list((value or {}).get("messages", []))

    await inbox.update(INBOX_KEY.format(user=user), take)
    return [Reply.from_dict(m) for m in taken]


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
        inbox: StateStore | None = None,
        lang: str = "ja",
    ) -> None:
        self.dispatch = dispatch
        self.actor = Actor("console", user_id, display_name or user_id)
        self.conversation = Conversation("console", f"dm:{user_id}", is_direct=True)
        self.files_dir = files_dir
        self.out = out or sys.stdout
        self.after_each = after_each
        self.inbox = inbox
        self.lang = lang
        self.last_choices: list[Choice] = []
        self._counter = 0
        # When the buttons of `last_choices` were shown (the loop's clock; see `NUMBER_WINDOW_S`).
        self._choices_at = 0.0
        self.number_window_s: float = NUMBER_WINDOW_S

    def print_reply(self, reply: Reply, prefix: str = "", *, keep_choices: bool = False) -> None:
        """Write one reply; remember its choices for a typed number (added to the ones shown
        just before with `keep_choices`, numbered on)."""
        if reply.choices:
            self.last_choices = [*self.last_choices, *reply.choices] if keep_choices else list(reply.choices)
            self._choices_at = time.monotonic()
        elif (prefix or reply.asks) and not keep_choices:
            # A message of the bot's own without buttons came after them, or a question said again
            # (a form's, after a side question's answer): a number no longer means them.
            self.last_choices = []
        first = len(self.last_choices) - len(reply.choices) + 1 if reply.choices else 1
        text = render_text(reply, self.files_dir, first=first)
        self.out.write(f"{prefix}{BOT_NAME}> {text}\n")
        self.out.flush()

    def say(self, line: str) -> None:
        """One line of the chat's own (not the bot's): headings of unread and others' messages."""
        self.out.write(line + "\n")
        self.out.flush()

    async def show_unread(self) -> int:
        """What was sent to this user while no chat of theirs ran: shown first, their buttons
        working (numbered on across the messages). Returns how many were shown."""
        if self.inbox is None:
            return 0
        unread = await take_unread(self.inbox, self.actor.user_id)
        if not unread:
            return 0
        self.say(t("console.unread.title", self.lang, count=len(unread)))
        self.last_choices = []
        for reply in unread:
            self.print_reply(reply, prefix="📨 ", keep_choices=True)
        self.say(t("console.unread.end", self.lang))
        await self.remember_shown()
        return len(unread)

    async def remember_shown(self) -> None:
        """Nothing to keep here any more: a label of an earlier message is read by the core
        (`bot.core.buttons`, from the outbox), on every platform alike. Kept for the notifier."""

    def _pressed(self, line: str) -> Choice | None:
        """The shown button a line presses: its number (「2」「２」) or its label typed out
        (「回答を始める」「[出席]」)."""
        if not self.last_choices:
            return None
        m = re.fullmatch(r"\s*([0-9０-９]{1,2})\s*", line)
        if m and self.number_window_s > 0 and time.monotonic() - self._choices_at > self.number_window_s:
            return None  # shown long ago: the core answers the number (an open question, or a hint)
        if m:
            n = int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            return self.last_choices[n - 1] if 1 <= n <= len(self.last_choices) else None
        typed = _label_key(line)
        same = [c for c in self.last_choices if typed and _label_key(c.label) == typed]
        return same[0] if len(same) == 1 else None

    async def send(self, reply: Reply) -> None:
        """Responder protocol: replies to the local user."""
        self.print_reply(reply)

    async def handle_line(self, line: str) -> None:
        """One line from the user: a number or label presses a shown button, anything else is a
        message (the core reads a label of an earlier message, on every platform alike)."""
        self._counter += 1
        choice = self._pressed(line)
        self.last_choices = []
        if choice is not None:
            await self.dispatch(ActionReceived(self.actor, self.conversation, choice.action_id, choice.value,
                                               message_id=str(self._counter)), self)
        else:
            await self.dispatch(MessageReceived(self.actor, self.conversation, line, message_id=str(self._counter)),
                                self)

    async def run(self, stdin: TextIO | None = None, greeting: str = "") -> None:
        """Interactive when stdin is a terminal; otherwise one message per input line."""
        stdin = stdin or sys.stdin
        interactive = stdin.isatty()
        if greeting:
            self.out.write(f"{BOT_NAME}> {greeting}\n")
            self.out.flush()
        await self.show_unread()
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
    """Proactive messages in the local chat.

    This chat's own user sees theirs in full (「📨 DX Desk> …」, buttons working). A message for
    another local user is one line here, marked with whom it is for, and kept for them (`inbox`):
    they read it, buttons and all, when they open `chat --user <them>`. With several chats on one
    data folder each shows its own user's messages; a message for someone no running chat holds
    is taken by whichever chat runs.
    """

    platform = "console"

    def __init__(self, chat: ConsoleChat | None = None, out: TextIO | None = None,
                 presence: ChatPresence | None = None, inbox: StateStore | None = None) -> None:
        self.chat = chat
        self.out = out or (chat.out if chat is not None else sys.stdout)
        self.presence = presence
        self.inbox = inbox if inbox is not None else (chat.inbox if chat is not None else None)

    async def can_reach(self, person: Person) -> bool:
        """Someone with a local id: this chat's own user, or anyone no other running chat holds."""
        if not person.local_id:
            return False
        if self.chat is not None and person.local_id == self.chat.actor.user_id:
            return True
        return self.presence is None or not await self.presence.held_by_another(person.local_id)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Show the message: in full to this chat's user, as one marked line (and kept) for another."""
        lang = self.chat.lang if self.chat is not None else "ja"
        if destination.kind == "channel":
            self._line(t("console.posted_to", lang, channel=destination.address))
            self._line(render_text(reply))
            return
        if self.chat is not None and person is not None and person.local_id == self.chat.actor.user_id:
            self.chat.print_reply(reply, prefix="📨 ")
            await self.chat.remember_shown()
            return
        user = person.local_id if person is not None else destination.address
        name = (person.display_name or person.local_id) if person is not None else destination.address
        if self.inbox is not None and user:
            await keep_unread(self.inbox, user, reply)
        self._line(t("console.sent_to", lang, name=name, user=user, summary=summary_of(reply)))

    def _line(self, text: str) -> None:
        if self.chat is not None:
            self.chat.say(text)
        else:
            self.out.write(text + "\n")
            self.out.flush()
