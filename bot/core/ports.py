"""Protocols the core depends on; storage, retrieval and adapters implement them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from bot.core.events import Actor
from bot.core.model import (
    AuditEntry,
    FaqEntry,
    OtherDesk,
    Person,
    PhrasingSuggestion,
    Role,
    SuggestionStatus,
    UnansweredQuestion,
    UnansweredStatus,
)
from bot.core.replies import Destination, Reply


class Clock(Protocol):
    """Current time; tests use a controllable one."""

    def now(self) -> datetime: ...


class PeopleRepository(Protocol):
    """The people registry."""

    async def find_by_actor(self, actor: Actor) -> Person | None: ...
    async def create_from_actor(self, actor: Actor, role: Role, language: str) -> Person: ...
    async def get(self, person_id: int) -> Person | None: ...
    async def get_many(self, person_ids: Sequence[int]) -> dict[int, Person]: ...
    async def find(self, key: str) -> Person | None: ...
    async def list(self, role: Role | None = None, department: str | None = None) -> list[Person]: ...
    async def save(self, person: Person) -> Person: ...
    async def save_many(self, people: Sequence[Person]) -> list[Person]:
        """Create or update everyone in one transaction."""
        ...
    async def count_admins(self) -> int: ...


class FaqRepository(Protocol):
    """FAQ entries, synonyms, the question log, unanswered questions and phrasing suggestions."""

    async def list_entries(self) -> list[FaqEntry]: ...
    async def get_entry(self, entry_id: str) -> FaqEntry | None: ...
    async def upsert_entries(self, entries: Sequence[FaqEntry]) -> tuple[int, int]: ...
    async def delete_entry(self, entry_id: str) -> bool: ...
    async def next_entry_id(self) -> str: ...
    async def synonyms(self) -> list[list[str]]: ...
    async def set_synonyms(self, groups: Sequence[Sequence[str]]) -> None: ...
    async def log_question(
        self, person_id: int | None, text: str, outcome: str, top_id: str, score: float, *,
        claim: str = "", dialog: tuple[str, str, dict[str, Any]] | None = None,
        expect: tuple[str, dict[str, Any] | None] | None = None, dialog_at: str = "",
        note: tuple[str, dict[str, Any]] | None = None,
    ) -> int:
        """Log a question; its id. In the same transaction, `claim` (an inbound delivery key; raises
        `DuplicateEvent` when it was claimed before), `expect` = (state key, value): the asker's
        dialog must still be `value` (raises `StaleDialog`), and `dialog` = (state key, kind,
        data): the asker's dialog becomes {"kind": kind, "data": data + {"log_id": id}, "at": dialog_at}
        ("at" left out when `dialog_at` is empty); `note` = (state key, value): one more state
        record set with them."""
        ...
    async def set_question_feedback(self, log_id: int, feedback: str, entry_id: str = "") -> None: ...
    async def get_question(self, log_id: int) -> dict[str, Any] | None: ...
    async def recent_answered(self, person_id: int, within_s: float, limit: int = 10) -> list[dict[str, Any]]: ...
    async def add_unanswered(
        self, text: str, person_id: int | None, status: UnansweredStatus, platform: str,
        conversation: str, log_id: int | None = None,
    ) -> UnansweredQuestion: ...
    async def get_unanswered(self, qid: int) -> UnansweredQuestion | None: ...
    async def find_unanswered_by_log(self, log_id: int) -> UnansweredQuestion | None: ...
    async def claim_unanswered(self, qid: int, answered_by: int) -> bool: ...
    async def list_unanswered(
        self, statuses: Sequence[UnansweredStatus] = (), limit: int = 20
    ) -> list[UnansweredQuestion]: ...
    async def update_unanswered(self, question: UnansweredQuestion) -> None: ...
    async def add_suggestion(self, entry_id: str, text: str, log_id: int | None) -> PhrasingSuggestion | None: ...
    async def get_suggestion(self, sid: int) -> PhrasingSuggestion | None: ...
    async def list_suggestions(self, status: SuggestionStatus | None = None, limit: int = 20) -> list[PhrasingSuggestion]: ...
    async def decide_suggestion(self, sid: int, status: SuggestionStatus, decided_by: int) -> None: ...
    async def stats(self, since: datetime | None = None) -> dict[str, Any]: ...


class StateStore(Protocol):
    """Per-key JSON conversation state that survives restarts and is shared by replicas."""

    async def get(self, key: str) -> dict[str, Any] | None: ...
    async def put(self, key: str, value: dict[str, Any]) -> None: ...
    async def delete(self, key: str) -> None: ...

    async def update(self, key: str,
                     change: Callable[[dict[str, Any] | None], dict[str, Any] | None]) -> dict[str, Any] | None:
        """Read, change and write one key atomically (replicas and concurrent turns included):
        `change` gets the current value (None when absent) and returns the new one (None deletes
        it); it may run again if the store retries, so it must only compute. Returns the new value."""
        ...


class AuditLog(Protocol):
    """Append-only log of admin actions."""

    async def record(self, actor: str, action: str, detail: str, result: str) -> None: ...
    async def list(self, limit: int = 20) -> list[AuditEntry]: ...


class Outbox(Protocol):
    """Durable queue of proactive messages; delivered exactly once by the outbox worker."""

    async def enqueue(self, destination: Destination, reply: Reply, dedupe_key: str = "") -> int: ...

    async def enqueue_many(self, items: Sequence[tuple[Destination, Reply, str]]) -> None:
        """(destination, reply, dedupe key) in one transaction: all queued or none."""
        ...

    def wake(self) -> None:
        """Deliver soon: messages were queued inside another store's transaction."""
        ...

    async def delivery_states(self, dedupe_keys: Sequence[str]) -> dict[str, str]:
        """Status of the messages queued under these keys: pending, sending, sent or failed
        (absent: never queued)."""
        ...

    async def send_waiting_now(self, dedupe_keys: Sequence[str]) -> int:
        """Messages under these keys that wait for a later time are due now; returns how many."""
        ...

    async def withdraw_waiting(self, dedupe_keys: Sequence[str]) -> int:
        """Messages under these keys that wait for a later time and were never tried are not sent
        (status "withdrawn": an invitation to someone who has answered meanwhile); returns how many."""
        ...

    async def waiting_all(self) -> dict[tuple[str, datetime], int]:
        """Every message that waits for a later time, counted by (the first word of its dedupe key —
        checkin, assessment, meeting… —, the moment it goes out, UTC)."""
        ...

    async def waiting_times(self, dedupe_keys: Sequence[str]) -> dict[datetime, int]:
        """When the messages under these keys that wait for a later time (queued at night) go out:
        how many at each moment (UTC). Due, sent and failed ones are not counted."""
        ...

    async def recent_to(self, person_id: int, within: timedelta, limit: int = 20,
                        also: Sequence[Destination] = ()) -> list[Reply]:
        """The messages queued for this person in the last `within` that they can have seen, newest first
        (a button label typed later presses the button of one of them); with `also`, the messages to
        those destinations too (the office channel an admin reads)."""
        ...


class RateShares(Protocol):
    """Which replicas are running, and sending, under an app-wide platform budget (Slack workspace,
    Teams app)."""

    async def active(self, key: str, replica: str, within: float, busy: bool) -> tuple[int, int]:
        """Mark `replica` as running under `key` now (and as sending, if `busy`); return how many
        replicas ran, and how many sent, under it in the last `within` seconds (each at least 1)."""
        ...


class FaqSearch(Protocol):
    """The retrieval engine, as the FAQ desk sees it."""

    async def search(self, query: str, limit: int = 5, context: str = "") -> list[tuple[str, float]]: ...
    def decide(self, hits: Sequence[tuple[str, float]], query: str | None = None) -> str: ...
    def other_desk(self, query: str, hits: Sequence[tuple[str, float]],
                   department: str = "") -> OtherDesk | None: ...
    def outside_domain(self, query: str) -> bool: ...
    def unnamed_trouble(self, query: str) -> bool: ...
    def likely_duplicate(self, query: str) -> bool: ...
    def topic_terms(self, query: str) -> list[str]: ...
    async def ensure_current(self, force: bool = False) -> None: ...


class Responder(Protocol):
    """Sends replies to the conversation an event came from (given per event by the adapter)."""

    async def send(self, reply: Reply) -> None: ...


# Keys the outbox worker adds to `Destination.extra` for the notifier: the row being delivered, and
# "1" when its previous attempt ended without a known outcome (its lease ran out: the process died,
# possibly after the platform accepted the message).
OUTBOX_ID = "outbox_id"
OUTBOX_UNCERTAIN = "outbox_uncertain"


class Notifier(Protocol):
    """Delivers proactive messages on one platform (implemented inside each adapter)."""

    platform: str

    async def can_reach(self, person: Person) -> bool: ...

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        """Send or raise `bot.core.errors.DeliveryError`."""
        ...


class EventDeduper(Protocol):
    """Remembers inbound deliveries already handled (shared by replicas, survives restarts)."""

    async def claim(self, key: str) -> bool:
        """True the first time `key` is seen, False for a duplicate."""
        ...


class ConversationRefs(Protocol):
    """Stored conversation references for proactive messages (Teams)."""

    async def save(self, platform: str, conversation_id: str, reference: dict[str, Any],
                   person_id: int | None, is_personal: bool) -> None: ...
    async def remember(self, platform: str, conversation_id: str, reference: dict[str, Any],
                       person_id: int | None, is_personal: bool) -> bool: ...
    async def remove(self, conversation_id: str) -> None: ...
    async def for_person(self, platform: str, person_id: int) -> dict[str, Any] | None: ...
    async def for_conversation(self, conversation_id: str) -> dict[str, Any] | None: ...


class JobScheduler(Protocol):
    """Persistent, leader-elected job scheduling (implemented in `scheduler/` over APScheduler).

    `func` is a reference "package.module:function" to a module-level coroutine function that is
    called as `await function(services, *args)` when the job fires; jobs carry ids only and
    reload their state from the database. Scheduling the same `job_id` again replaces the time.
    """

    def schedule(self, job_id: str, run_at: datetime, func: str, *args: str | int) -> None: ...
    def cancel(self, job_id: str) -> None: ...
    def cancel_prefix(self, prefix: str) -> None: ...
    def job_ids(self, prefix: str = "") -> list[str]: ...
    def job_args(self, job_id: str) -> tuple[Any, ...] | None: ...  # (func, *args) of a stored job, or None


class BusinessCalendar(Protocol):
    """Japanese business days (public holidays via jpholiday, closure days such as 12/29–1/3)
    and quiet hours (default: outside 8:30–18:00 and non-business days are quiet)."""

    tz: Any  # a tzinfo (Asia/Tokyo unless configured)

    def is_business_day(self, day: date) -> bool: ...
    def why_closed(self, day: date) -> str: ...  # holiday name / closure label, "" if open
    def shift(self, day: date, rule: str) -> date: ...  # rule "next" | "previous" business day
    def add_business_days(self, day: date, n: int) -> date: ...  # n < 0 goes back
    def is_quiet(self, moment: datetime) -> bool: ...
    def next_open(self, moment: datetime) -> datetime: ...  # moment itself if not quiet
