"""The storage port of the meetings feature (implemented in storage/meetings_repo.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from bot.core.context import ServiceKey
from handlers.meetings.model import (
    ItemKind,
    Meeting,
    MeetingConfig,
    MeetingItem,
    Occurrence,
    OccurrenceStatus,
    ReminderRun,
    Rsvp,
)


class MeetingStore(Protocol):
    """Meetings, their dates, answers, items and what each reminder did."""

    async def save_meeting(self, meeting: Meeting) -> Meeting: ...
    async def get_meeting(self, meeting_id: int) -> Meeting | None: ...
    async def find_meeting(self, title: str) -> Meeting | None: ...
    async def list_meetings(self, active_only: bool = True) -> list[Meeting]: ...

    async def ensure_occurrence(self, meeting_id: int, key: str, planned_date: date, starts_at: datetime,
                                shift_reason: str) -> Occurrence:
        """Create the occurrence once (unique by meeting and key); a scheduled one gets the new time."""
        ...

    async def get_occurrence(self, occurrence_id: int) -> Occurrence | None: ...
    async def list_occurrences(self, meeting_id: int, starts_after: datetime | None = None,
                               starts_before: datetime | None = None,
                               statuses: Sequence[OccurrenceStatus] = ()) -> list[Occurrence]: ...
    async def set_occurrence_status(self, occurrence_id: int, status: OccurrenceStatus) -> None: ...
    async def set_occurrence_place(self, occurrence_id: int, place: str) -> None:
        """The date's own place (a date kept after a rule change keeps the place it was announced with)."""
        ...

    async def record_rsvp(self, rsvp: Rsvp) -> Rsvp: ...
    async def list_rsvps(self, occurrence_id: int) -> list[Rsvp]: ...

    async def add_item(self, meeting_id: int, occurrence_id: int | None, person_id: int | None,
                       kind: ItemKind, text: str) -> MeetingItem: ...
    async def list_items(self, meeting_id: int, occurrence_id: int | None = None,
                         person_id: int | None = None) -> list[MeetingItem]: ...

    async def record_reminder(self, run: ReminderRun) -> bool:
        """Store what a reminder did; False when that reminder was already recorded."""
        ...

    async def reminder_runs(self, occurrence_id: int) -> dict[str, ReminderRun]: ...


MEETINGS: ServiceKey[MeetingStore] = ServiceKey("meetings")
MEETING_CONFIG: ServiceKey[MeetingConfig] = ServiceKey("meetings.config")
