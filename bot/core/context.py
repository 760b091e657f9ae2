"""The per-event context handed to every handler, and the services it can reach."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bot.core.errors import DuplicateEvent, StaleDialog
from bot.core.events import Event
from bot.core.messages import t
from bot.core.model import Person
from bot.core.ports import (
    AuditLog,
    BusinessCalendar,
    Clock,
    EventDeduper,
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
    # How to reach the office directly (「内線 1234」); "" when not set.
    office_contact: str = ""
    # A button label typed as a message presses the button of a message sent this many hours ago at
    # most (0: never); a bare number presses a button only of a message this many minutes old.
    typed_button_hours: int = 72
    # A proposal left for another conversation is brought back once when that one ends, if it was
    # proposed at most this many hours ago (0: never; see `bot.core.confirm`).
    set_aside_hours: int = 3
    # A reply to an answer a person gave (「ありがと、でも…は？」) follows that question up for this
    # many hours after the answer (0: never).
    followup_hours: int = 72
    button_number_minutes: int = 10


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
    # Inbound deliveries already handled (Slack retries), shared by the replicas.
    deduper: EventDeduper | None = None
    # How a proactive message would reach a person: "now" (a platform of this process), "elsewhere:<platforms>"
    # (only platforms this process does not serve), "nowhere" (no usable identity). None: not wired.
    reach: Callable[[Person], Awaitable[str]] | None = None
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
        claim_key: str = "",
        remembered: tuple[dict[str, Any] | None] | None = None,
    ) -> None:
        self.event = event
        self.person = person
        self.services = services
        self.responder = responder
        self.lang = person.language if person.language in ("ja", "en") else services.config.default_language
        self.replies: list[Reply] = []
        # The inbound delivery's dedupe key while it is not claimed yet (see `claim`).
        self._claim_key = claim_key
        # The person's dialog as read (or written) in this turn; an end not yet written.
        self._dialog: dict[str, Any] | None = None
        self._dialog_known = False
        self._dialog_end_pending = False
        # The dialog as this turn found it, `(value,)` once read (None: not read before it changed).
        self._at_start: tuple[dict[str, Any] | None] | None = None
        # The dialog as this process left it after the person's last turn, `(value,)`: routing
        # may use it without a read, but it is checked against the store before anything is said
        # or stored (`claim`), or inside the transaction that logs a question (`log_question`).
        self._remembered = copy.deepcopy(remembered)
        self._unverified = False
        # True once `claim` claimed the delivery (a retried turn must not claim it again).
        self.claimed = False
        # Set by the dispatcher: does another part of the bot claim this text (an RSVP, a question,
        # a resume word)? And: handle a text as a fresh message, past any open dialog.
        self.claimed_elsewhere: Callable[[str], bool] = lambda text: False
        # Set by the dispatcher: is the text a request some job knows by its words (the part of
        # `claimed_elsewhere` without questions)? See `keep_asking_after`.
        self.asks_something_else: Callable[[str], bool] = lambda text: False
        self.route_elsewhere: Callable[[str], Awaitable[None]] | None = None
        # Set by the dispatcher: the dialog open now reads this turn's message (True: it took it) — a
        # dialog handing a reply to the prompt it had set aside, and taking the turn back after it.
        self.read_by_open_dialog: Callable[[], Awaitable[bool]] | None = None
        # Set by the dispatcher: run `/dx <text>` for this person, as if typed (role check, audit).
        self.run_command: Callable[[str], Awaitable[None]] | None = None
        # The commands run in this turn (their route, e.g. "assessment start"), typed or confirmed,
        # and how the dispatcher names the route of a command text ("" when none): a proposal whose
        # command ran is never set aside nor brought back (`bot.core.confirm.after_turn`).
        self.commands_run: list[str] = []
        self.route_of: Callable[[str], str] = lambda text: ""
        # Replies sent after the event's handling (a one-line "your form is still open" note).
        self.deferred: list[Reply] = []
        # Steps run once whatever handles the event is done (`after_handled`).
        self.afterwards: list[Callable[[], Awaitable[None]]] = []
        # Replies of this turn that carried buttons (the dispatcher keeps their labels: typed later,
        # they press them on every platform — see `bot.core.buttons.shown_matches`).
        self.shown: list[Reply] = []

    # --- the inbound delivery: claimed once, before anything is said or stored -------------
    async def claim(self) -> None:
        """Claim the inbound delivery unless done already; raises DuplicateEvent for a duplicate.
        First checks a remembered dialog (StaleDialog when it changed meanwhile)."""
        if self._unverified:
            stored = await self.services.state.get(self.dialog_key)
            if stored != self._remembered_value():
                raise StaleDialog(self.dialog_key)
            self._unverified = False
        key = self.take_claim()
        if key and self.services.deduper is not None:
            if not await self.services.deduper.claim(key):
                raise DuplicateEvent(key)
            self.claimed = True

    def _remembered_value(self) -> dict[str, Any] | None:
        return self._remembered[0] if self._remembered is not None else None

    def dialog_expectation(self) -> tuple[dict[str, Any] | None] | None:
        """For a store writing in its own transaction: `(value,)` the stored dialog must still be
        (else StaleDialog), or None when nothing needs checking. The check counts as done."""
        if not self._unverified:
            return None
        self._unverified = False
        return (self._remembered_value(),)

    def final_dialog(self) -> tuple[dict[str, Any] | None] | None:
        """The dialog as this turn leaves it, `(value,)`, or None when the turn did not learn it."""
        if not self._dialog_known or self._dialog_end_pending:
            return None
        return (self._dialog,)

    def take_claim(self) -> str:
        """The delivery key for the caller to claim in its own transaction ("" when claimed already)."""
        key, self._claim_key = self._claim_key, ""
        return key

    def t(self, key: str, **params: Any) -> str:
        """A catalogue message in the user's language."""
        return t(key, self.lang, **params)

    async def reply(self, reply: Reply | str) -> None:
        """Answer in the conversation the event came from."""
        value = as_reply(reply)
        await self.claim()
        self.replies.append(value)
        if value.choices:
            self.shown.append(value)
        await self.responder.send(value)

    async def send(self, destination: Destination, reply: Reply | str, dedupe_key: str = "") -> int:
        """Queue a proactive message in the durable outbox (delivered exactly once)."""
        await self.claim()
        return await self.services.outbox.enqueue(destination, as_reply(reply), dedupe_key)

    # --- dialogs: one active conversation state per person, persisted every turn ---------
    @property
    def dialog_key(self) -> str:
        """State-store key of this person's active dialog."""
        return f"dialog:{self.person.id}"

    async def start_dialog(self, kind: str, data: dict[str, Any]) -> None:
        """Make `kind` receive this person's next messages until it ends (or expires, see
        `DeskConfig.dialog_timeout_minutes`; re-starting it renews the time)."""
        await self.claim()
        value = {"kind": kind, "data": data, "at": self.services.clock.now().isoformat()}
        await self.services.state.put(self.dialog_key, value)
        self.dialog_written(value)

    def dialog_value(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """The stored record of a dialog of `kind` started now (for a store writing it itself)."""
        return {"kind": kind, "data": data, "at": self.services.clock.now().isoformat()}

    def reply_after(self, reply: Reply | str) -> None:
        """Send `reply` once this event has been handled (after whatever handles it next)."""
        self.deferred.append(as_reply(reply))

    def after_handled(self, step: Callable[[], Awaitable[None]]) -> None:
        """Run `step` once this event has been handled by whatever handles it next, before the
        turn's dialog is written: a form that handed the turn to the prompt it had set aside (the
        FAQ desk's 「転送しますか？」) comes back on top after that prompt answered."""
        self.afterwards.append(step)

    def keep_asking_after(self, kind: str, reask: Reply | str) -> None:
        """The open dialog `kind` hands this message on (another request: `asks_something_else`) and
        stays open: once that request is handled, its question is asked again (`reask`, one line) —
        unless the request closed it or opened a dialog of its own. The dialog then returns False."""
        async def reask_if_still_open() -> None:
            state = await self.active_dialog()
            if state is not None and state.get("kind") == kind:
                await self.reply(reask)

        self.after_handled(reask_if_still_open)

    async def run_afterwards(self) -> None:
        """The steps of `after_handled`, in order (the dispatcher calls it after routing)."""
        steps, self.afterwards = self.afterwards, []
        for step in steps:
            await step()

    async def handle_elsewhere(self, text: str) -> None:
        """Handle `text` as a new message, as if no dialog were open (a question asked mid-form)."""
        if self.route_elsewhere is not None:
            await self.route_elsewhere(text)

    async def end_dialog(self) -> None:
        """Forget the active dialog. Written when the turn ends (`flush`), unless a new dialog
        replaces it first — a question typed while an answer waits for 「解決しましたか？」 ends
        that dialog and starts the next in one write."""
        self._dialog = None
        self._dialog_known = True
        self._dialog_end_pending = True

    def dialog_written(self, value: dict[str, Any] | None) -> None:
        """A store wrote this person's dialog in the caller's transaction (`value`, None: ended)."""
        self._dialog = value
        self._dialog_known = True
        self._dialog_end_pending = False

    async def flush(self) -> None:
        """Write what the turn left pending (the end of a dialog); the dispatcher calls it."""
        if self._dialog_end_pending:
            self._dialog_end_pending = False
            await self.claim()
            await self.services.state.delete(self.dialog_key)

    async def remember_paused(self, kind: str) -> None:
        """Note that this person just paused a `kind` (so 「続きから」 continues it first)."""
        await self.claim()
        await self.services.state.put(f"paused:{self.person.id}", {"kind": kind})

    async def active_dialog(self) -> dict[str, Any] | None:
        """The active dialog record {"kind", "data"} or None (read once per turn)."""
        if not self._dialog_known:
            if self._remembered is not None:
                self._dialog = self._remembered[0]
                self._unverified = True
            else:
                self._dialog = await self.services.state.get(self.dialog_key)
            self._dialog_known = True
            self._at_start = (copy.deepcopy(self._dialog),)
        return self._dialog

    async def dialog_of(self, kind: str) -> dict[str, Any] | None:
        """The dialog of `kind` open now, or set aside under the open one (its data's `aside`, as
        the poll and the check-in form keep another job's prompt after a side question); None."""
        dialog = await self.active_dialog()
        if dialog is not None and dialog.get("kind") == kind:
            return dialog
        aside = (dialog or {}).get("data", {}).get("aside") if dialog is not None else None
        return aside if isinstance(aside, dict) and aside.get("kind") == kind else None

    def dialog_at_start(self) -> tuple[dict[str, Any] | None] | None:
        """The dialog as this turn found it, `(value,)`, or None when the turn did not read it first."""
        return self._at_start
