"""Ports of the skill assessment: its store, the file exporter, and the bundle handlers reach
under the `ASSESSMENT` key (standard library only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.core.context import ServiceKey
from bot.core.replies import Destination, Reply
from handlers.assessment.model import (
    Campaign,
    CampaignMode,
    Participation,
    ParticipationStatus,
    QuestionBank,
    Response,
    Table,
    TrainingCatalogue,
)


class AssessmentStore(Protocol):
    """Campaigns, participation (who, how far) and responses (what, without who)."""

    async def create_campaign(
        self, mode: CampaignMode, departments: Sequence[str], deadline: date, question_ids: Sequence[str],
        created_by: int | None, participants: Sequence[tuple[int, str]], today: date,
        invitations: Callable[[Campaign], Sequence[tuple[Destination, Reply, str]]] | None = None,
        roles: Sequence[str] = (), not_before: datetime | None = None,
    ) -> Campaign:
        """Open a campaign with its participants and (from `invitations(campaign)`) their queued
        invitations, all in one transaction; the invitations wait until `not_before` if given."""
        ...
    async def open_campaign(self) -> Campaign | None: ...
    async def get_campaign(self, campaign_id: int) -> Campaign | None: ...
    async def latest_campaign(self) -> Campaign | None: ...
    async def previous_campaign(self, before_id: int) -> Campaign | None: ...
    async def close_campaign(self, campaign_id: int, now: datetime) -> bool: ...
    async def get_participation(self, campaign_id: int, person_id: int) -> Participation | None: ...
    async def add_participation(self, campaign_id: int, person_id: int, department: str,
                                today: date) -> Participation: ...
    async def save_progress(self, campaign_id: int, person_id: int, answers: dict[str, str],
                            current_question: str, status: ParticipationStatus) -> None: ...
    async def finish(self, campaign_id: int, person_id: int, answers: dict[str, str],
                     response_department: str, keep_named: bool) -> str | None:
        """Store the response and mark the participation finished in one transaction.

        Returns the new response id, or None if the person had already finished.
        """
        ...
    async def participations(self, campaign_id: int) -> list[Participation]: ...
    async def responses(self, campaign_id: int) -> list[Response]: ...
    async def claim_reminder(self, participation_id: int, sent_before: int, today: date) -> bool:
        """Count one more reminder if nobody counted it yet (replicas race for the same row)."""
        ...


class ResultExporter(Protocol):
    """Turns tables into files (implemented outside the core: CSV and XLSX writers)."""

    def csv(self, table: Table) -> bytes: ...
    def xlsx(self, tables: Sequence[Table]) -> bytes: ...


@dataclass(frozen=True)
class AssessmentConfig:
    """Assessment settings (read from settings by the composition root)."""

    min_group_size: int = 5
    max_reminders: int = 2
    reminder_interval_days: int = 2  # business days between reminders (and after the invitation)
    reminder_hour: int = 10  # local hour of the daily reminder run
    default_days: int = 14  # deadline when none is given
    default_mode: CampaignMode = CampaignMode.PSEUDONYMOUS
    timezone: str = "Asia/Tokyo"


@dataclass
class AssessmentServices:
    """Everything the assessment handlers need, provided under the `ASSESSMENT` key."""

    store: AssessmentStore
    bank: QuestionBank
    trainings: TrainingCatalogue
    exporter: ResultExporter
    config: AssessmentConfig


ASSESSMENT: ServiceKey[AssessmentServices] = ServiceKey("assessment")
