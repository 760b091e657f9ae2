"""Domain records of the progress check-ins (plain dataclasses, no ORM).

A *campaign* is one monthly check-in (period "YYYY-MM", a deadline). Each invited liaison has a
*response* row holding their draft (the form session, saved every turn) and their nudge count.
The department's submitted answers are its *result*: one per campaign and department, whoever of
its liaisons submitted. History and aggregates are computed from results.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class CampaignStatus(str, enum.Enum):
    """Life of a campaign."""

    SCHEDULED = "scheduled"  # invitations not sent yet (planned before a meeting)
    OPEN = "open"  # invitations sent, accepting answers
    CLOSED = "closed"  # deadline passed (late first submissions are still accepted and marked late)


class ResponseStatus(str, enum.Enum):
    """Where one liaison is with one campaign."""

    PENDING = "pending"  # invited, not started
    DRAFT = "draft"  # answering (or paused: the session is kept)
    SUBMITTED = "submitted"  # this person submitted the department's answers
    CLOSED = "closed"  # another liaison of the department submitted: nothing left to do


@dataclass
class Campaign:
    """One monthly check-in."""

    id: int
    form_id: str
    period: str  # "YYYY-MM"
    opens_at: datetime
    deadline: datetime
    status: CampaignStatus
    max_nudges: int = 2
    meeting_id: int | None = None
    created_by: int | None = None
    reported_at: datetime | None = None


@dataclass
class CheckinResponse:
    """One liaison's invitation, draft and nudges for one campaign."""

    id: int
    campaign_id: int
    person_id: int
    department: str
    status: ResponseStatus
    session: dict[str, Any] = field(default_factory=dict)
    nudges: int = 0
    invited_at: datetime | None = None
    last_nudged_at: datetime | None = None
    submitted_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class DepartmentResult:
    """A department's submitted answers for one campaign, with the figures derived from them."""

    id: int
    campaign_id: int
    period: str
    department: str
    form_id: str
    answers: dict[str, Any]
    submitted_by: int | None
    submitted_at: datetime
    in_scope: int | None = None
    online: int | None = None
    rate: float | None = None  # percent, computed from online / in_scope
    forms_created: int | None = None
    items_total: int = 0
    items_late: int = 0
    late_submission: bool = False
    updated_at: datetime | None = None


@dataclass
class RoadmapItem:
    """A roadmap item of a department that the form asks about every month."""

    id: int
    department: str
    title: str
    target: str = ""  # free text, usually "YYYY-MM"
    active: bool = True


@dataclass(frozen=True)
class DepartmentMonth:
    """One department in one month, ready for admin summaries."""

    department: str
    period: str
    in_scope: int | None
    online: int | None
    rate: float | None
    change: float | None  # rate minus the previous submitted month's rate, in points
    forms_created: int | None
    items_total: int
    items_late: int
    submitted_at: datetime | None


@dataclass(frozen=True)
class Spread:
    """How far apart the departments are in one month (rates in percent)."""

    period: str
    departments: int
    minimum: float | None
    maximum: float | None
    median: float | None
    mean: float | None
    stdev: float | None  # population standard deviation; 0.0 with one department
    lowest: tuple[str, ...] = ()
    highest: tuple[str, ...] = ()
