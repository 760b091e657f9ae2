"""Proactive delivery on Teams: reminders, check-ins and notices through stored conversation
references (Teams lets a bot write first only where it has been installed)."""

from __future__ import annotations

import time
from typing import Any, Protocol

from bot.adapters.teams.inbound import split_thread, thread_conversation
from bot.adapters.teams.resilience import ConnectorError
from bot.core.errors import DeliveryError
from bot.core.model import Person
from bot.core.ports import ConversationRefs
from bot.core.replies import Destination, Reply


class ProactiveSender(Protocol):
    """What the notifier needs from the Teams adapter (kept as a protocol: no import cycle)."""

    refs: ConversationRefs

    async def send_proactive(self, reference: dict[str, Any], conversation_id: str, reply: Reply,
                             lang: str) -> Any: ...


class TeamsNotifier:
    """The core's Notifier for Teams (used by the outbox worker)."""

    platform = "teams"
    # The worker asks `can_reach` and then `deliver` for the same person: the reference found by the
    # first is used by the second if it is this fresh (one database read per message, not two). An
    # uninstall in between on another replica is answered by Teams itself (403: marked failed).
    REUSE_SECONDS = 5.0

    def __init__(self, adapter: ProactiveSender) -> None:
        self.adapter = adapter
        self._found: dict[int, tuple[float, dict[str, Any]]] = {}

    async def can_reach(self, person: Person) -> bool:
        """True when the person has a personal chat with the bot (the app is installed for them)."""
        reference = await self.adapter.refs.for_person("teams", person.id)
        if reference is None:
            self._found.pop(person.id, None)
            return False
        if len(self._found) > 10_000:  # checked but never delivered (should not happen): start over
            self._found.clear()
        self._found[person.id] = (time.monotonic(), reference)
        return True

    async def _reference_of(self, person: Person) -> dict[str, Any] | None:
        found = self._found.pop(person.id, None)
        if found is not None and time.monotonic() - found[0] < self.REUSE_SECONDS:
            return found[1]
        return await self.adapter.refs.for_person("teams", person.id)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Post `reply` to a person's personal chat or to a channel (thread); DeliveryError if not."""
        refs = self.adapter.refs
        lang = "ja"
        if destination.kind == "person":
            if person is None:
                raise DeliveryError("no person given for a personal message", permanent=True)
            reference = await self._reference_of(person)
            if reference is None:
                raise DeliveryError(f"the Teams app is not installed for person {person.id}", permanent=True)
            conversation_id = str((reference.get("conversation") or {}).get("id") or "")
            lang = person.language
        else:
            base, thread = split_thread(destination.address)
            reference = await refs.for_conversation(base)
            if reference is None:
                raise DeliveryError(f"the Teams app has not been added where {base} is", permanent=True)
            conversation_id = thread_conversation(base, destination.thread_id or thread)
        try:
            await self.adapter.send_proactive(reference, conversation_id, reply, lang)
        except ConnectorError as exc:
            raise DeliveryError(str(exc), permanent=exc.permanent, retry_after=exc.retry_after) from exc
