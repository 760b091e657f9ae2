"""What the web desk keeps of a conversation: each person's log of turns, and the files sent.

The log lives in the core's state store, so a reload, another tab or a restarted server shows the
same conversation (and the open question with its buttons). Files (charts, exports) are kept in
memory for a while only: they are too big for the state store and are made again on request.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from bot.core.ports import Clock, StateStore
from bot.core.replies import Attachment, Reply

MAX_TURNS = 80


@dataclass
class StoredFile:
    """A file sent to one person, downloadable by that person only."""

    person_id: int
    attachment: Attachment
    stored_at: float


class FileShelf:
    """Attachments by random token, for their owner, for `ttl` seconds (bounded in number)."""

    def __init__(self, ttl: float = 3600.0, capacity: int = 300) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._files: OrderedDict[str, StoredFile] = OrderedDict()

    def put(self, person_id: int, attachment: Attachment) -> str:
        """Keep a file; returns its token."""
        token = secrets.token_urlsafe(18)
        self._files[token] = StoredFile(person_id, attachment, time.monotonic())
        while len(self._files) > self.capacity:
            self._files.popitem(last=False)
        return token

    def get(self, token: str, person_id: int) -> Attachment | None:
        """The file, if it is this person's and still kept."""
        found = self._files.get(token)
        if found is None or found.person_id != person_id:
            return None
        if time.monotonic() - found.stored_at > self.ttl:
            del self._files[token]
            return None
        return found.attachment


def _reply_record(reply: Reply, files: list[list[str]]) -> dict[str, Any]:
    data = reply.with_(attachments=()).to_dict()
    data["files"] = files
    return data


class Transcript:
    """One person's conversation log: [{"id", "who": "me"|"bot", "at", "reply"|"text", ...}]."""

    def __init__(self, state: StateStore, shelf: FileShelf, clock: Clock) -> None:
        self.state = state
        self.shelf = shelf
        self.clock = clock
        self._locks: dict[int, asyncio.Lock] = {}

    def _lock(self, person_id: int) -> asyncio.Lock:
        lock = self._locks.get(person_id)
        if lock is None:
            lock = self._locks[person_id] = asyncio.Lock()
        return lock

    @staticmethod
    def _key(person_id: int) -> str:
        return f"web:log:{person_id}"

    async def read(self, person_id: int) -> list[dict[str, Any]]:
        """The turns, oldest first."""
        data = await self.state.get(self._key(person_id)) or {}
        return list(data.get("turns", []))

    async def _change(self, person_id: int, change: Any) -> Any:
        async with self._lock(person_id):
            data = await self.state.get(self._key(person_id)) or {"seq": 0, "turns": []}
            result = change(data)
            data["turns"] = data["turns"][-MAX_TURNS:]
            await self.state.put(self._key(person_id), data)
            return result

    def _files_of(self, person_id: int, reply: Reply) -> list[list[str]]:
        return [[self.shelf.put(person_id, a), a.filename, a.mime_type, a.title] for a in reply.attachments]

    def _put_reply(self, data: dict[str, Any], reply: Reply, files: list[list[str]], replaces: int = 0,
                   notice: bool = False, outbox_id: str = "") -> int:
        if outbox_id:
            for turn in data["turns"]:
                if turn.get("outbox") == outbox_id:
                    return int(turn["id"])
        record = _reply_record(reply, files)
        if replaces and reply.replace_original:
            for turn in data["turns"]:
                if turn["id"] == replaces and turn["who"] == "bot":
                    turn["reply"] = record
                    turn["at"] = self.clock.now().isoformat()
                    turn.pop("pressed", None)
                    return replaces
        data["seq"] += 1
        turn = {"id": data["seq"], "who": "bot", "reply": record, "at": self.clock.now().isoformat()}
        if notice:
            turn["notice"] = True
        if outbox_id:
            turn["outbox"] = outbox_id
        data["turns"].append(turn)
        return int(data["seq"])

    async def add_reply(self, person_id: int, reply: Reply, replaces: int = 0, notice: bool = False,
                        outbox_id: str = "") -> int:
        """A bot message; `replaces` names the turn whose button was pressed (polls move on in place).
        With `outbox_id` the same proactive message is never added twice."""
        files = self._files_of(person_id, reply)
        return int(await self._change(
            person_id, lambda data: self._put_reply(data, reply, files, replaces, notice, outbox_id)))

    async def record(self, person_id: int, user_text: str, replies: list[Reply], pressed_turn: int = 0,
                     pressed_label: str = "") -> list[dict[str, Any]]:
        """One exchange in one write: what the person wrote (or pressed) and the desk's replies.
        Returns the turns it added or changed, in log order."""
        files = [self._files_of(person_id, r) for r in replies]

        def change(data: dict[str, Any]) -> list[dict[str, Any]]:
            changed: set[int] = set()
            if pressed_turn and pressed_label:
                for turn in data["turns"]:
                    if turn["id"] == pressed_turn:
                        turn["pressed"] = pressed_label
                        changed.add(pressed_turn)
            if user_text:
                data["seq"] += 1
                data["turns"].append({"id": data["seq"], "who": "me", "text": user_text,
                                      "at": self.clock.now().isoformat()})
                changed.add(data["seq"])
            for reply, kept in zip(replies, files, strict=True):
                changed.add(self._put_reply(data, reply, kept, replaces=pressed_turn))
            return [turn for turn in data["turns"] if turn["id"] in changed]
        return list(await self._change(person_id, change))

    async def mark(self, person_id: int, turn_id: int, **flags: Any) -> None:
        """Set flags on a turn (e.g. that its e-mail went out)."""
        def change(data: dict[str, Any]) -> None:
            for turn in data["turns"]:
                if turn["id"] == turn_id:
                    turn.update(flags)
        await self._change(person_id, change)

    async def find_outbox(self, person_id: int, outbox_id: str) -> dict[str, Any] | None:
        """The turn a proactive message became, if it is in the log already."""
        for turn in await self.read(person_id):
            if turn.get("outbox") == outbox_id:
                return turn
        return None


class LogResponder:
    """The responder of one web request: replies are collected while the core handles the event,
    then written to the person's log together with what they wrote (`flush`, one write)."""

    def __init__(self, transcript: Transcript, person_id: int, user_text: str = "", pressed_turn: int = 0,
                 pressed_label: str = "") -> None:
        self.transcript = transcript
        self.person_id = person_id
        self.user_text = user_text
        self.pressed_turn = pressed_turn
        self.pressed_label = pressed_label
        self.replies: list[Reply] = []

    async def send(self, reply: Reply) -> None:
        """Responder protocol."""
        self.replies.append(reply)

    async def flush(self) -> list[dict[str, Any]]:
        """Write the exchange; returns the turns it added or changed."""
        return await self.transcript.record(self.person_id, self.user_text, self.replies, self.pressed_turn,
                                            self.pressed_label)


class CollectingResponder:
    """The responder of a dashboard section: replies are shown on the page, not in the log."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []

    async def send(self, reply: Reply) -> None:
        """Responder protocol."""
        self.replies.append(reply)
