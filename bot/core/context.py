"""The per-event context handed to every handler, and the services it can reach."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bot.core.events import Event
from bot.core.messages import t
from bot.core.model import Person
from bot.core.ports import (
    AuditLog,
    BusinessCalendar,
    Clock,
    FaqRepository,
    FaqSearch,
    JobScheduler,
    Outbox,
    PeopleRepository,
    Responder,
    StateStore,
)
from bot.core.replies import Destination, Reply, as_reply


@dataclass(frozen=True)
class DeskConfig:
    """Behaviour settings the handlers need (read from settings by the composition root)."""

    default_language: str = "ja"
    # "office": forward unanswered questions to `escalation_channel`;
    # "liaison": to the liaisons of the asker's department (office channel as fallback).
    escalation_mode: str = "office"
    escalation_channel: Destination | None = None
    max_message_chars: int = 1000
    bootstrap_admins: tuple[str, ...] = ()
    # The local console user becomes admin while no admin exists (a fresh install).
    console_first_user_admin: bool = True
    data_dir: str = ""
    # An open dialog (a form, a poll, a question the bot asked) that has had no answer for this
    # long closes itself with a friendly note; a form's answers stay as a draft (「続きから」).
    dialog_timeout_minutes: int = 120


T = TypeVar("T")


class ServiceKey(Generic[T]):
    """A typed key for a job's services (like aiohttp's `AppKey`): each job declares its key next
    to its ports, the composition root provides the value, and a handler reads it back with its
    type intact (`services.get(MEETINGS)` is a `MeetingStore`), never through a string-keyed dict."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"ServiceKey({self.name!r})"


@dataclass
class Services:
    """Ports the handlers use; built once by `bot.app.composition`."""

    people: PeopleRepository
    faq: FaqRepository
    search: FaqSearch
    state: StateStore
    audit: AuditLog
    outbox: Outbox
    clock: Clock
    config: DeskConfig = field(default_factory=DeskConfig)
    calendar: BusinessCalendar | None = None
    scheduler: JobScheduler | None = None
    # Each job's own services, provided by the composition root under that job's `ServiceKey`.
    _jobs: dict[ServiceKey[Any], Any] = field(default_factory=dict, repr=False)

    def provide(self, key: ServiceKey[T], value: T) -> None:
        """Register a job's services (composition root; tests replace them the same way)."""
        self._jobs[key] = value

    def withdraw(self, key: ServiceKey[Any]) -> None:
        """Forget a job's services (a deployment without that job)."""
        self._jobs.pop(key, None)

    def get(self, key: ServiceKey[T]) -> T | None:
        """A job's services, or None when the job is not wired in this deployment."""
        found: T | None = self._jobs.get(key)
        return found


class Context:
    """What a handler knows about the current event: who, where, in which language, and how to answer."""

    def __init__(
        self,
        event: Event,
        person: Person,
        services: Services,
        responder: Responder,
    ) -> None:
        self.event = event
        self.person = person
        self.services = services
        self.responder = responder
        self.lang = person.language if person.language in ("ja", "en") else services.config.default_language
        self.replies: list[Reply] = []
        # Set by the dispatcher: does another part of the bot claim this text (an RSVP, a question,
        # a resume word)? And: handle a text as a fresh message, past any open dialog.
        self.claimed_elsewhere: Callable[[str], bool] = lambda text: False
        self.route_elsewhere: Callable[[str], Awaitable[None]] | None = None
        # Replies sent after the event's handling (a one-line "your form is still open" note).
        self.deferred: list[Reply] = []

    def t(self, key: str, **params: Any) -> str:
        """A catalogue message in the user's language."""
        return t(key, self.lang, **params)

    async def reply(self, reply: Reply | str) -> None:
        """Answer in the conversation the event came from."""
        value = as_reply(reply)
        self.replies.append(value)
        await self.responder.send(value)

    async def send(self, destination: Destination, reply: Reply | str, dedupe_key: str = "") -> int:
        """Queue a proactive message in the durable outbox (delivered exactly once)."""
        return await self.services.outbox.enqueue(destination, as_reply(reply), dedupe_key)

    # --- dialogs: one active conversation state per person, persisted every turn ---------
    @property
    def dialog_key(self) -> str:
        """State-store key of this person's active dialog."""
        return f"dialog:{self.person.id}"

    async def start_dialog(self, kind: str, data: dict[str, Any]) -> None:
        """Make `kind` receive this person's next messages until it ends (or expires, see
        `DeskConfig.dialog_timeout_minutes`; re-starting it renews the time)."""
        at = self.services.clock.now().isoformat()
        await self.services.state.put(self.dialog_key, {"kind": kind, "data": data, "at": at})

    def reply_after(self, reply: Reply | str) -> None:
        """Send `reply` once this event has been handled (after whatever handles it next)."""
        self.deferred.append(as_reply(reply))

    async def handle_elsewhere(self, text: str) -> None:
        """Handle `text` as a new message, as if no dialog were open (a question asked mid-form)."""
        if self.route_elsewhere is not None:
            await self.route_elsewhere(text)

    async def end_dialog(self) -> None:
        """Forget the active dialog."""
        await self.services.state.delete(self.dialog_key)

    async def remember_paused(self, kind: str) -> None:
        """Note that this person just paused a `kind` (so 「続きから」 continues it first)."""
        await self.services.state.put(f"paused:{self.person.id}", {"kind": kind})

    async def active_dialog(self) -> dict[str, Any] | None:
        """The active dialog record {"kind", "data"} or None."""
        return await self.services.state.get(self.dialog_key)
