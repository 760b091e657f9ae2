"""What the check-in handlers need from storage, and the service bundle under the `CHECKINS` key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.core.context import ServiceKey
from bot.core.forms import FormSpec
from bot.core.replies import Destination, Reply
from handlers.checkins.model import (
    Campaign,
    CampaignStatus,
    CheckinResponse,
    DepartmentMonth,
    DepartmentResult,
    ResponseStatus,
    RoadmapItem,
    Spread,
)


class CheckinRepository(Protocol):
    """Campaigns, responses (drafts saved every turn), results, roadmap items and history."""

    # campaigns
    async def create_campaign(self, form_id: str, period: str, opens_at: datetime, deadline: datetime,
                              max_nudges: int, created_by: int | None = None,
                              meeting_id: int | None = None) -> Campaign: ...
    async def get_campaign(self, campaign_id: int) -> Campaign | None: ...
    async def campaign_for_meeting(self, meeting_id: int) -> Campaign | None: ...
    async def campaigns(self, statuses: Sequence[CampaignStatus] = ()) -> list[Campaign]: ...
    async def latest_campaign(self, period: str | None = None) -> Campaign | None: ...
    async def update_campaign(self, campaign: Campaign) -> None: ...
    async def set_campaign_status(self, campaign_id: int, status: CampaignStatus,
                                  only_from: Sequence[CampaignStatus] = ()) -> bool: ...
    async def reopen_campaign(self, campaign_id: int, deadline: datetime) -> bool: ...
    async def claim_report(self, campaign_id: int, now: datetime) -> bool: ...
    async def open_with_invitations(self, campaign_id: int, now: datetime,
                                    invitations: Sequence[tuple[int, str, Destination, Reply, str]],
                                    not_before: datetime | None = None) -> int:
        """Open the campaign, create the response rows and queue the invitations (waiting until
        `not_before` if given): one transaction."""
        ...

    # responses
    async def ensure_response(self, campaign_id: int, person_id: int, department: str,
                              now: datetime) -> tuple[CheckinResponse, bool]: ...
    async def get_response(self, response_id: int) -> CheckinResponse | None: ...
    async def response_for(self, campaign_id: int, person_id: int) -> CheckinResponse | None: ...
    async def responses(self, campaign_id: int) -> list[CheckinResponse]: ...
    async def drafts_of(self, person_id: int) -> list[CheckinResponse]: ...
    async def save_session(self, response_id: int, session: Mapping[str, Any],
                           status: ResponseStatus) -> None: ...
    async def record_nudge(self, response_id: int, expected: int, now: datetime) -> bool: ...

    # results
    async def submit_result(self, result: DepartmentResult, response_id: int,
                            replace: bool) -> tuple[DepartmentResult, bool, list[CheckinResponse]]:
        """Store the department's result and mark the response submitted, in one transaction.

        Returns (the stored result, accepted, the other liaisons' responses just closed). When
        another liaison submitted first and `replace` is False nothing changes and `accepted` is
        False; the stored result tells who submitted.
        """
        ...
    async def result_for(self, campaign_id: int, department: str) -> DepartmentResult | None: ...
    async def results(self, campaign_id: int) -> list[DepartmentResult]: ...
    async def previous_result(self, department: str, before_period: str,
                              form_id: str) -> DepartmentResult | None: ...

    # roadmap
    async def add_roadmap_item(self, department: str, title: str, target: str) -> RoadmapItem: ...
    async def roadmap_items(self, department: str | None = None, active_only: bool = True) -> list[RoadmapItem]: ...
    async def deactivate_roadmap_item(self, item_id: int) -> RoadmapItem | None: ...
    async def count_roadmap_items(self) -> int: ...

    # history (for admin summaries)
    async def department_history(self, department: str | None = None, months: int = 12) -> list[DepartmentMonth]: ...
    async def month(self, period: str) -> list[DepartmentMonth]: ...
    async def spread(self, period: str) -> Spread: ...


class MeetingDates(Protocol):
    """When the office's meetings take place (the meetings job's store, adapted by the composition
    root: a job's handlers never import another job). Check-in replies warn when a deadline falls
    after the month's meeting."""

    async def starts_between(self, start: datetime, end: datetime) -> list[datetime]:
        """Start times (aware UTC, earliest first) of the scheduled meetings in [start, end)."""
        ...


@dataclass(frozen=True)
class CheckinConfig:
    """Timing and limits of campaigns (read from settings by the composition root)."""

    default_form: str = "department_progress"
    max_nudges: int = 2
    nudge_every_days: int = 2  # business days between an invitation/nudge and the next nudge
    nudge_time: str = "10:00"  # local time of day the nudge run starts
    open_time: str = "09:30"  # local time invitations go out
    deadline_time: str = "17:00"  # local time of day of a deadline given as a date
    days_before_meeting: int = 5  # invitations this many business days before the meeting
    deadline_days_before_meeting: int = 1  # deadline this many business days before the meeting
    timezone: str = "Asia/Tokyo"


@dataclass
class CheckinsService:
    """What the `CHECKINS` key holds."""

    repo: CheckinRepository
    forms: dict[str, FormSpec]
    config: CheckinConfig = field(default_factory=CheckinConfig)
    # file -> problems of admins' form files that could not be loaded (shown by `checkin forms`).
    form_errors: dict[str, list[str]] = field(default_factory=dict)
    form_sources: dict[str, str] = field(default_factory=dict)
    # The meetings' dates (None: no meetings job in this deployment, no warning).
    meetings: MeetingDates | None = None


CHECKINS: ServiceKey[CheckinsService] = ServiceKey("checkins")
