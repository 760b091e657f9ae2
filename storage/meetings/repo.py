"""The meetings store over SQLAlchemy (implements `handlers.meetings.ports.MeetingStore`).

One short transaction per method so replicas can share the database; uniqueness (one
occurrence per meeting date, one answer per person, one record per reminder) is enforced by
the database, not by luck.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from handlers.meetings.model import (
    ItemKind,
    Meeting,
    MeetingItem,
    Occurrence,
    OccurrenceStatus,
    ReminderRun,
    Rsvp,
    RsvpAnswer,
    ShiftRule,
)
from storage.base import utcnow
from storage.meetings.models import (
    MeetingItemRow,
    MeetingRow,
    OccurrenceRow,
    ReminderRunRow,
    RsvpRow,
)


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(id=row.id, title=row.title, rule_text=row.rule_text, place=row.place or "",
                   link=row.link or "", agenda=row.agenda or "", offsets_text=row.offsets_text or "",
                   shift_rule=ShiftRule(row.shift_rule), active=bool(row.active), created_by=row.created_by,
                   rule_set_at=row.rule_set_at)


def _occurrence(row: OccurrenceRow) -> Occurrence:
    return Occurrence(id=row.id, meeting_id=row.meeting_id, key=row.key, planned_date=row.planned_date,
                      starts_at=row.starts_at, shift_reason=row.shift_reason or "",
                      status=OccurrenceStatus(row.status), place=row.place or "")


def _rsvp(row: RsvpRow) -> Rsvp:
    return Rsvp(occurrence_id=row.occurrence_id, person_id=row.person_id, answer=RsvpAnswer(row.answer),
                proxy_name=row.proxy_name or "", comment=row.comment or "", updated_at=row.updated_at)


def _item(row: MeetingItemRow) -> MeetingItem:
    return MeetingItem(id=row.id, meeting_id=row.meeting_id, occurrence_id=row.occurrence_id,
                       person_id=row.person_id, kind=ItemKind(row.kind), text=row.text, created_at=row.created_at)


def _run(row: ReminderRunRow) -> ReminderRun:
    return ReminderRun(occurrence_id=row.occurrence_id, offset_key=row.offset_key, status=row.status,
                       due_at=row.due_at, done_at=row.done_at, recipients=row.recipients)


class SqlMeetings:
    """Meetings, occurrences, RSVPs, agenda items / 小さな気づき and reminder runs."""

    def __init__(self, sessions: async_sessionmaker) -> None:  # type: ignore[type-arg]
        self.sessions = sessions

    # --- meetings -------------------------------------------------------------------------
    async def save_meeting(self, meeting: Meeting) -> Meeting:
        async with self.sessions() as s:
            row = await s.get(MeetingRow, meeting.id) if meeting.id else None
            if row is None:
                row = MeetingRow()
                s.add(row)
            row.title = meeting.title
            row.rule_text = meeting.rule_text
            row.place = meeting.place
            row.link = meeting.link
            row.agenda = meeting.agenda
            row.offsets_text = meeting.offsets_text
            row.shift_rule = meeting.shift_rule.value
            row.active = meeting.active
            row.created_by = meeting.created_by
            row.rule_set_at = meeting.rule_set_at or utcnow()
            await s.commit()
            return _meeting(row)

    async def get_meeting(self, meeting_id: int) -> Meeting | None:
        async with self.sessions() as s:
            row = await s.get(MeetingRow, meeting_id)
            return _meeting(row) if row else None

    async def find_meeting(self, title: str) -> Meeting | None:
        async with self.sessions() as s:
            row = (await s.execute(select(MeetingRow).where(MeetingRow.title == title, MeetingRow.active.is_(True))
                                   .order_by(MeetingRow.id))).scalars().first()
            return _meeting(row) if row else None

    async def list_meetings(self, active_only: bool = True) -> list[Meeting]:
        async with self.sessions() as s:
            q = select(MeetingRow).order_by(MeetingRow.id)
            if active_only:
                q = q.where(MeetingRow.active.is_(True))
            return [_meeting(r) for r in (await s.execute(q)).scalars()]

    # --- occurrences ----------------------------------------------------------------------
    async def ensure_occurrence(self, meeting_id: int, key: str, planned_date: date, starts_at: datetime,
                                shift_reason: str) -> Occurrence:
        async with self.sessions() as s:
            q = select(OccurrenceRow).where(OccurrenceRow.meeting_id == meeting_id, OccurrenceRow.key == key)
            row = (await s.execute(q)).scalars().first()
            if row is None:
                row = OccurrenceRow(meeting_id=meeting_id, key=key, planned_date=planned_date, starts_at=starts_at,
                                    shift_reason=shift_reason, status=OccurrenceStatus.SCHEDULED.value)
                s.add(row)
                try:
                    await s.commit()
                    return _occurrence(row)
                except IntegrityError:
                    # Another replica planned the same date a moment ago.
                    await s.rollback()
                    row = (await s.execute(q)).scalars().one()
            if row.status in (OccurrenceStatus.SCHEDULED.value, OccurrenceStatus.REPLACED.value) and (
                    row.starts_at != starts_at or row.shift_reason != shift_reason
                    or row.status == OccurrenceStatus.REPLACED.value):
                row.starts_at = starts_at
                row.shift_reason = shift_reason
                row.status = OccurrenceStatus.SCHEDULED.value
                await s.commit()
            return _occurrence(row)

    async def get_occurrence(self, occurrence_id: int) -> Occurrence | None:
        async with self.sessions() as s:
            row = await s.get(OccurrenceRow, occurrence_id)
            return _occurrence(row) if row else None

    async def list_occurrences(self, meeting_id: int, starts_after: datetime | None = None,
                               starts_before: datetime | None = None,
                               statuses: Sequence[OccurrenceStatus] = ()) -> list[Occurrence]:
        async with self.sessions() as s:
            q = select(OccurrenceRow).where(OccurrenceRow.meeting_id == meeting_id).order_by(OccurrenceRow.starts_at)
            if starts_after is not None:
                q = q.where(OccurrenceRow.starts_at > starts_after)
            if starts_before is not None:
                q = q.where(OccurrenceRow.starts_at <= starts_before)
            if statuses:
                q = q.where(OccurrenceRow.status.in_([x.value for x in statuses]))
            return [_occurrence(r) for r in (await s.execute(q)).scalars()]

    async def set_occurrence_status(self, occurrence_id: int, status: OccurrenceStatus) -> None:
        async with self.sessions() as s:
            await s.execute(update(OccurrenceRow).where(OccurrenceRow.id == occurrence_id)
                            .values(status=status.value, updated_at=utcnow()))
            await s.commit()

    async def set_occurrence_place(self, occurrence_id: int, place: str) -> None:
        async with self.sessions() as s:
            await s.execute(update(OccurrenceRow).where(OccurrenceRow.id == occurrence_id)
                            .values(place=place[:300], updated_at=utcnow()))
            await s.commit()

    # --- answers and items ----------------------------------------------------------------
    async def record_rsvp(self, rsvp: Rsvp) -> Rsvp:
        async with self.sessions() as s:
            q = select(RsvpRow).where(RsvpRow.occurrence_id == rsvp.occurrence_id, RsvpRow.person_id == rsvp.person_id)
            row = (await s.execute(q)).scalars().first()
            if row is None:
                row = RsvpRow(occurrence_id=rsvp.occurrence_id, person_id=rsvp.person_id)
                s.add(row)
            row.answer = rsvp.answer.value
            row.proxy_name = rsvp.proxy_name
            row.comment = rsvp.comment
            row.updated_at = utcnow()
            try:
                await s.commit()
            except IntegrityError:
                # The same person answered twice at the same moment (two devices): last write wins.
                await s.rollback()
                await s.execute(update(RsvpRow).where(RsvpRow.occurrence_id == rsvp.occurrence_id,
                                                      RsvpRow.person_id == rsvp.person_id)
                                .values(answer=rsvp.answer.value, proxy_name=rsvp.proxy_name,
                                        comment=rsvp.comment, updated_at=utcnow()))
                await s.commit()
                row = (await s.execute(q)).scalars().one()
            return _rsvp(row)

    async def list_rsvps(self, occurrence_id: int) -> list[Rsvp]:
        async with self.sessions() as s:
            q = select(RsvpRow).where(RsvpRow.occurrence_id == occurrence_id).order_by(RsvpRow.id)
            return [_rsvp(r) for r in (await s.execute(q)).scalars()]

    async def add_item(self, meeting_id: int, occurrence_id: int | None, person_id: int | None,
                       kind: ItemKind, text: str) -> MeetingItem:
        async with self.sessions() as s:
            row = MeetingItemRow(meeting_id=meeting_id, occurrence_id=occurrence_id, person_id=person_id,
                                 kind=kind.value, text=text)
            s.add(row)
            await s.commit()
            return _item(row)

    async def list_items(self, meeting_id: int, occurrence_id: int | None = None,
                         person_id: int | None = None) -> list[MeetingItem]:
        async with self.sessions() as s:
            q = select(MeetingItemRow).where(MeetingItemRow.meeting_id == meeting_id).order_by(MeetingItemRow.id)
            if occurrence_id is not None:
                q = q.where(MeetingItemRow.occurrence_id == occurrence_id)
            if person_id is not None:
                q = q.where(MeetingItemRow.person_id == person_id)
            return [_item(r) for r in (await s.execute(q)).scalars()]

    # --- reminder runs --------------------------------------------------------------------
    async def record_reminder(self, run: ReminderRun) -> bool:
        async with self.sessions() as s:
            s.add(ReminderRunRow(occurrence_id=run.occurrence_id, offset_key=run.offset_key, status=run.status,
                                 due_at=run.due_at, done_at=run.done_at or utcnow(), recipients=run.recipients))
            try:
                await s.commit()
                return True
            except IntegrityError:
                await s.rollback()
                return False

    async def reminder_runs(self, occurrence_id: int) -> dict[str, ReminderRun]:
        async with self.sessions() as s:
            q = select(ReminderRunRow).where(ReminderRunRow.occurrence_id == occurrence_id)
            return {r.offset_key: _run(r) for r in (await s.execute(q)).scalars()}
