"""Console adapter: lines in, text replies out. Choices are numbered; typing the number presses
the button, so every flow of Slack and Teams works here too."""

from __future__ import annotations

import asyncio
import re
import sys
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.adapters.console import messages as _messages  # noqa: F401  (registers the console's texts)
from bot.core import vocabulary
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
# Buttons shown to a local user (the state store: a label typed in a later `chat` still presses
# the button of the message it came with), newest last; kept this many, for this many turns' worth.
SHOWN_KEY = "console.buttons:{user}"
SHOWN_LIMIT = 40
# Labels too common to mean one message when typed later (a dialog of the moment reads them).
_COMMON = (vocabulary.YES_WORDS | vocabulary.NO_WORDS | vocabulary.CANCEL_WORDS | vocabulary.BACK_WORDS
           | vocabulary.SKIP_WORDS | vocabulary.SUBMIT_WORDS | vocabulary.NONE_OF_THEM_WORDS)
# The job a button's action belongs to, and the words that name it when two messages offer one label.
JOBS = {"checkin": ("報告", "進捗", "ほうこく", "report", "checkin"),
        "assessment": ("診断", "アンケート", "スキル", "しんだん", "assessment", "survey"),
        "faq": ("質問", "FAQ", "しつもん", "question"),
        "meeting": ("会議", "かいぎ", "meeting")}
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


def job_of(action_id: str) -> str:
    """「checkin」 for "checkin.start": the job whose words answer the which-one question."""
    head = action_id.split(".", 1)[0]
    return next((job for job in JOBS if head.startswith(job)), head)


def _remembered(choice: Choice, about: str) -> dict[str, Any]:
    return {"label": choice.label, "action_id": choice.action_id, "value": choice.value, "about": about}


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
        # Buttons printed since they were last written to the state store (see `remember_shown`).
        self._shown: list[dict[str, Any]] = []
        # Several earlier messages offered the label typed: (label, their buttons), until answered.
        self._which: tuple[str, list[dict[str, Any]]] | None = None

    def print_reply(self, reply: Reply, prefix: str = "", *, keep_choices: bool = False) -> None:
        """Write one reply; remember its choices for a typed number (added to the ones shown
        just before with `keep_choices`, numbered on)."""
        if reply.choices:
            self.last_choices = [*self.last_choices, *reply.choices] if keep_choices else list(reply.choices)
            about = summary_of(reply)
            self._shown += [_remembered(c, about) for c in reply.choices]
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
        """Write the buttons printed since the last call (newest last) to the state store."""
        if self.inbox is None or not self._shown:
            return
        shown, self._shown = self._shown, []
        # Each message's latest offer of a button only: the same action shown again moves to the end.
        fresh = {(b["action_id"], b["value"]) for b in shown}

        def add(value: dict[str, Any] | None) -> dict[str, Any]:
            kept = [b for b in (value or {}).get("buttons", []) if (b.get("action_id"), b.get("value")) not in fresh]
            return {"buttons": [*kept, *shown][-SHOWN_LIMIT:]}

        await self.inbox.update(SHOWN_KEY.format(user=self.actor.user_id), add)

    async def _pressed_earlier(self, line: str) -> Choice | None:
        """A label typed that no button on screen has: the button of an earlier message (another
        `chat` session included) with that label, the most recent first. When two messages of
        different jobs offer it (the check-in's and the assessment's 「回答を始める」) the user is
        asked which, in one line; a number or the job's word (「報告」「診断」) answers."""
        if self.inbox is None:
            return None
        typed = _label_key(line)
        if not typed or line.strip() in _COMMON or len(typed) < 3:
            return None
        stored = await self.inbox.get(SHOWN_KEY.format(user=self.actor.user_id)) or {}
        same: list[dict[str, Any]] = []
        for b in reversed(stored.get("buttons", [])):
            if _label_key(str(b.get("label", ""))) == typed and all(
                    (b["action_id"], b["value"]) != (o["action_id"], o["value"]) for o in same):
                same.append(b)
        if not same:
            return None
        # One job's buttons: its most recent message is meant. Several jobs: ask.
        jobs = list(dict.fromkeys(job_of(str(b["action_id"])) for b in same))
        if len(jobs) == 1:
            return Choice(str(same[0]["label"]), str(same[0]["action_id"]), str(same[0].get("value", "")))
        latest = [next(b for b in same if job_of(str(b["action_id"])) == job) for job in jobs]
        self._which = (str(latest[0]["label"]), latest)
        options = "　".join(f"{n}. {b.get('about') or b['label']}" for n, b in enumerate(latest, 1))
        self.say(f"{BOT_NAME}> " + t("console.which", self.lang, label=latest[0]["label"], options=options,
                                     words="・".join(f"「{JOBS.get(job_of(str(b['action_id'])), (job_of(str(b['action_id'])),))[0]}」"
                                                     for b in latest)))
        return None

    def _answered_which(self, line: str) -> Choice | None:
        """The reply to the which-one question: its number or a job's word (「報告」「診断のほう」)."""
        if self._which is None:
            return None
        _, options = self._which
        self._which = None
        m = re.fullmatch(r"\s*([0-9０-９])\s*(番|番目|つ目)?\s*", line)
        if m:
            n = int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            picked = options[n - 1] if 1 <= n <= len(options) else None
        else:
            folded = unicodedata.normalize("NFKC", line).lower()
            named = [b for b in options if any(w.lower() in folded for w in JOBS.get(job_of(str(b["action_id"])), ()))]
            picked = named[0] if len(named) == 1 else None
        if picked is None:
            return None
        return Choice(str(picked["label"]), str(picked["action_id"]), str(picked.get("value", "")))

    def _pressed(self, line: str) -> Choice | None:
        """The shown button a line presses: its number (「2」「２」) or its label typed out
        (「回答を始める」「[出席]」)."""
        if not self.last_choices:
            return None
        m = re.fullmatch(r"\s*([0-9０-９]{1,2})\s*", line)
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
        """One line from the user: a number presses a shown button, anything else is a message."""
        self._counter += 1
        asked = self._which is not None
        choice = self._answered_which(line) or self._pressed(line)
        if choice is None and not asked and not re.fullmatch(r"\s*[0-9０-９]{1,2}\s*", line):
            choice = await self._pressed_earlier(line)
            if self._which is not None:
                await self.remember_shown()
                return  # asked which message the label meant; the next line answers
        if choice is not None:
            self.last_choices = []
            await self.dispatch(ActionReceived(self.actor, self.conversation, choice.action_id, choice.value,
                                               message_id=str(self._counter)), self)
        else:
            self.last_choices = []
            await self.dispatch(MessageReceived(self.actor, self.conversation, line, message_id=str(self._counter)),
                                self)
        await self.remember_shown()

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
