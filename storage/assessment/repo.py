"""The assessment store over SQLAlchemy: campaigns, participation and anonymous responses.

Each method is one short transaction. The only method that touches both participation and
responses is `finish`, and what it writes to the responses table carries no trace of the person.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.replies import Destination, Reply
from handlers.assessment.model import (
    Campaign,
    CampaignMode,
    Participation,
    ParticipationStatus,
    Response,
)
from storage.assessment.models import (
    AssessmentCampaignRow,
    AssessmentParticipantRow,
    AssessmentResponseRow,
)
from storage.shared.repo import add_outbox_rows

Sessions = async_sessionmaker  # type: ignore[type-arg]


# Role targets (兼務職員 only, …) share the campaign's JSON list of departments as "role:liaison"
# items: no schema change, and a department can never be named so (names come from the roster).
_ROLE = "role:"


def _campaign(row: AssessmentCampaignRow) -> Campaign:
    targets = list(row.departments or [])
    return Campaign(id=row.id, mode=CampaignMode(row.mode),
                    departments=[d for d in targets if not d.startswith(_ROLE)],
                    deadline=row.deadline, question_ids=list(row.question_ids or []), status=row.status,
                    created_by=row.created_by, roles=[d.removeprefix(_ROLE) for d in targets if d.startswith(_ROLE)])


def _participation(row: AssessmentParticipantRow) -> Participation:
    return Participation(
        id=row.id, campaign_id=row.campaign_id, person_id=row.person_id, department=row.department or "",
        status=ParticipationStatus(row.status), current_question=row.current_question or "",
        answers=dict(row.answers or {}), answered_count=row.answered_count, reminders_sent=row.reminders_sent,
        invited_on=row.invited_on, last_reminded_on=row.last_reminded_on,
    )


class SqlAssessment:
    """Implements `handlers.assessment.ports.AssessmentStore`."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    # --- campaigns -----------------------------------------------------------------------
    async def create_campaign(
        self, mode: CampaignMode, departments: Sequence[str], deadline: date, question_ids: Sequence[str],
        created_by: int | None, participants: Sequence[tuple[int, str]], today: date,
        invitations: Callable[[Campaign], Sequence[tuple[Destination, Reply, str]]] | None = None,
        roles: Sequence[str] = (), not_before: datetime | None = None,
    ) -> Campaign:
        """The campaign, its participants and their invitations in ONE transaction: a crash leaves
        nothing or the whole plan, which the outbox worker then completes (issue 17)."""
        async with self.sessions() as s:
            row = AssessmentCampaignRow(mode=mode.value, departments=[*departments, *(_ROLE + r for r in roles)],
                                        deadline=deadline,
                                        question_ids=list(question_ids), status="open", created_by=created_by)
            s.add(row)
            await s.flush()
            s.add_all(AssessmentParticipantRow(
                campaign_id=row.id, person_id=pid, department=dept, status=ParticipationStatus.INVITED.value,
                current_question="", answers={}, answered_count=0, reminders_sent=0, invited_on=today,
            ) for pid, dept in participants)
            await s.flush()
            campaign = _campaign(row)
            if invitations is not None:
                await add_outbox_rows(s, invitations(campaign), not_before)
            await s.commit()
            return campaign

    async def open_campaign(self) -> Campaign | None:
        async with self.sessions() as s:
            row = (await s.execute(select(AssessmentCampaignRow).where(AssessmentCampaignRow.status == "open")
                                   .order_by(AssessmentCampaignRow.id.desc()).limit(1))).scalars().first()
            return _campaign(row) if row else None

    async def get_campaign(self, campaign_id: int) -> Campaign | None:
        async with self.sessions() as s:
            row = await s.get(AssessmentCampaignRow, campaign_id)
            return _campaign(row) if row else None

    async def latest_campaign(self) -> Campaign | None:
        async with self.sessions() as s:
            row = (await s.execute(select(AssessmentCampaignRow).order_by(AssessmentCampaignRow.id.desc())
                                   .limit(1))).scalars().first()
            return _campaign(row) if row else None

    async def previous_campaign(self, before_id: int) -> Campaign | None:
        async with self.sessions() as s:
            row = (await s.execute(select(AssessmentCampaignRow).where(AssessmentCampaignRow.id < before_id)
                                   .order_by(AssessmentCampaignRow.id.desc()).limit(1))).scalars().first()
            return _campaign(row) if row else None

    async def close_campaign(self, campaign_id: int, now: datetime) -> bool:
        """Close the campaign and rewrite its responses in random order in one transaction.

        The rewrite gives every response the same transaction stamp and a shuffled physical
        position, so PostgreSQL system columns (xmin, ctid) no longer reveal who finished when.
        """
        async with self.sessions() as s:
            result = await s.execute(update(AssessmentCampaignRow)
                                     .where(AssessmentCampaignRow.id == campaign_id,
                                            AssessmentCampaignRow.status == "open")
                                     .values(status="closed", closed_at=now))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                await s.rollback()
                return False
            rows = (await s.execute(select(AssessmentResponseRow)
                                    .where(AssessmentResponseRow.campaign_id == campaign_id))).scalars().all()
            kept = [(r.department, dict(r.answers)) for r in rows]
            random.SystemRandom().shuffle(kept)
            await s.execute(delete(AssessmentResponseRow).where(AssessmentResponseRow.campaign_id == campaign_id))
            s.add_all(AssessmentResponseRow(response_id=uuid.uuid4().hex, campaign_id=campaign_id,
                                            department=dept, answers=answers) for dept, answers in kept)
            await s.commit()
            return True

    # --- participation -------------------------------------------------------------------
    async def get_participation(self, campaign_id: int, person_id: int) -> Participation | None:
        async with self.sessions() as s:
            row = (await s.execute(select(AssessmentParticipantRow).where(
                AssessmentParticipantRow.campaign_id == campaign_id,
                AssessmentParticipantRow.person_id == person_id))).scalars().first()
            return _participation(row) if row else None

    async def add_participation(self, campaign_id: int, person_id: int, department: str,
                                today: date) -> Participation:
        async with self.sessions() as s:
            row = AssessmentParticipantRow(
                campaign_id=campaign_id, person_id=person_id, department=department,
                status=ParticipationStatus.INVITED.value, current_question="", answers={}, answered_count=0,
                reminders_sent=0, invited_on=today)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                # Two replicas (or a double click) added the same person: keep the first row.
                await s.rollback()
                existing = await self.get_participation(campaign_id, person_id)
                assert existing is not None
                return existing
            return _participation(row)

    async def save_progress(self, campaign_id: int, person_id: int, answers: dict[str, str],
                            current_question: str, status: ParticipationStatus) -> None:
        async with self.sessions() as s:
            await s.execute(update(AssessmentParticipantRow).where(
                AssessmentParticipantRow.campaign_id == campaign_id,
                AssessmentParticipantRow.person_id == person_id,
                AssessmentParticipantRow.status != ParticipationStatus.FINISHED.value,
            ).values(answers=dict(answers), answered_count=len(answers), current_question=current_question,
                     status=status.value))
            await s.commit()

    async def finish(self, campaign_id: int, person_id: int, answers: dict[str, str],
                     response_department: str, keep_named: bool) -> str | None:
        async with self.sessions() as s:
            result = await s.execute(update(AssessmentParticipantRow).where(
                AssessmentParticipantRow.campaign_id == campaign_id,
                AssessmentParticipantRow.person_id == person_id,
                AssessmentParticipantRow.status != ParticipationStatus.FINISHED.value,
            ).values(status=ParticipationStatus.FINISHED.value, answered_count=len(answers), current_question="",
                     # Pseudonymous: the draft is the only linked copy of the answers; drop it.
                     answers=dict(answers) if keep_named else {}))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                await s.rollback()
                return None
            response_id = uuid.uuid4().hex
            s.add(AssessmentResponseRow(response_id=response_id, campaign_id=campaign_id,
                                        department=response_department, answers=dict(answers)))
            await s.commit()
            return response_id

    async def participations(self, campaign_id: int) -> list[Participation]:
        async with self.sessions() as s:
            rows = (await s.execute(select(AssessmentParticipantRow)
                                    .where(AssessmentParticipantRow.campaign_id == campaign_id)
                                    .order_by(AssessmentParticipantRow.id))).scalars().all()
            return [_participation(r) for r in rows]

    async def responses(self, campaign_id: int) -> list[Response]:
        async with self.sessions() as s:
            rows = (await s.execute(select(AssessmentResponseRow)
                                    .where(AssessmentResponseRow.campaign_id == campaign_id)
                                    .order_by(AssessmentResponseRow.response_id))).scalars().all()
            return [Response(r.response_id, r.campaign_id, r.department or "", dict(r.answers or {})) for r in rows]

    async def claim_reminder(self, participation_id: int, sent_before: int, today: date) -> bool:
        async with self.sessions() as s:
            result = await s.execute(update(AssessmentParticipantRow).where(
                AssessmentParticipantRow.id == participation_id,
                AssessmentParticipantRow.reminders_sent == sent_before,
                AssessmentParticipantRow.status != ParticipationStatus.FINISHED.value,
            ).values(reminders_sent=sent_before + 1, last_reminded_on=today))
            await s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]
