"""The check-in repository over SQLAlchemy (implements handlers.checkins.ports.CheckinRepository).

One short transaction per method. The two races that matter are settled by the database:
two liaisons of one department submitting at once (unique campaign+department: one wins, the
other is told), and two replicas nudging at once (the nudge count is bumped with a conditional
UPDATE, so only one of them sends).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

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
from storage.base import upsert_insert
from storage.checkins.models import (
    CheckinCampaignRow,
    CheckinResponseRow,
    CheckinResultRow,
    RoadmapItemRow,
)
from storage.shared.repo import add_outbox_rows

Sessions = async_sessionmaker  # type: ignore[type-arg]


def _campaign(row: CheckinCampaignRow) -> Campaign:
    return Campaign(id=row.id, form_id=row.form_id, period=row.period, opens_at=row.opens_at,
                    deadline=row.deadline, status=CampaignStatus(row.status), max_nudges=row.max_nudges,
                    meeting_id=row.meeting_id, created_by=row.created_by, reported_at=row.reported_at)


def _response(row: CheckinResponseRow) -> CheckinResponse:
    return CheckinResponse(id=row.id, campaign_id=row.campaign_id, person_id=row.person_id,
                           department=row.department, status=ResponseStatus(row.status),
                           session=dict(row.session or {}), nudges=row.nudges, invited_at=row.invited_at,
                           last_nudged_at=row.last_nudged_at, submitted_at=row.submitted_at,
                           updated_at=row.updated_at)


def _result(row: CheckinResultRow) -> DepartmentResult:
    return DepartmentResult(id=row.id, campaign_id=row.campaign_id, period=row.period, department=row.department,
                            form_id=row.form_id, answers=dict(row.answers or {}), submitted_by=row.submitted_by,
                            submitted_at=row.submitted_at, in_scope=row.in_scope, online=row.online, rate=row.rate,
                            forms_created=row.forms_created, items_total=row.items_total, items_late=row.items_late,
                            late_submission=bool(row.late_submission), updated_at=row.updated_at)


def _item(row: RoadmapItemRow) -> RoadmapItem:
    return RoadmapItem(id=row.id, department=row.department, title=row.title, target=row.target or "",
                       active=bool(row.active))


class SqlCheckins:
    """Campaigns, drafts, results, roadmap items and history in SQL."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    # --- campaigns ------------------------------------------------------------------------
    async def create_campaign(self, form_id: str, period: str, opens_at: datetime, deadline: datetime,
                              max_nudges: int, created_by: int | None = None,
                              meeting_id: int | None = None) -> Campaign:
        async with self.sessions() as s:
            row = CheckinCampaignRow(form_id=form_id, period=period, opens_at=opens_at, deadline=deadline,
                                     status=CampaignStatus.SCHEDULED.value, max_nudges=max_nudges,
                                     created_by=created_by, meeting_id=meeting_id)
            s.add(row)
            await s.commit()
            return _campaign(row)

    async def get_campaign(self, campaign_id: int) -> Campaign | None:
        async with self.sessions() as s:
            row = await s.get(CheckinCampaignRow, campaign_id)
            return _campaign(row) if row else None

    async def campaign_for_meeting(self, meeting_id: int) -> Campaign | None:
        async with self.sessions() as s:
            row = (await s.execute(select(CheckinCampaignRow).where(
                CheckinCampaignRow.meeting_id == meeting_id))).scalars().first()
            return _campaign(row) if row else None

    async def campaigns(self, statuses: Sequence[CampaignStatus] = ()) -> list[Campaign]:
        async with self.sessions() as s:
            q = select(CheckinCampaignRow).order_by(CheckinCampaignRow.period.desc(), CheckinCampaignRow.id.desc())
            if statuses:
                q = q.where(CheckinCampaignRow.status.in_([x.value for x in statuses]))
            return [_campaign(r) for r in (await s.execute(q)).scalars()]

    async def latest_campaign(self, period: str | None = None) -> Campaign | None:
        """The newest campaign (of a period), preferring open ones."""
        async with self.sessions() as s:
            q = select(CheckinCampaignRow)
            if period:
                q = q.where(CheckinCampaignRow.period == period)
            rows = list((await s.execute(q.order_by(CheckinCampaignRow.id.desc()))).scalars())
        if not rows:
            return None
        rows.sort(key=lambda r: (r.status == CampaignStatus.OPEN.value, r.period, r.id), reverse=True)
        return _campaign(rows[0])

    async def update_campaign(self, campaign: Campaign) -> None:
        async with self.sessions() as s:
            row = await s.get(CheckinCampaignRow, campaign.id)
            if row is None:
                return
            row.form_id, row.period = campaign.form_id, campaign.period
            row.opens_at, row.deadline = campaign.opens_at, campaign.deadline
            row.status, row.max_nudges = campaign.status.value, campaign.max_nudges
            row.meeting_id = campaign.meeting_id
            await s.commit()

    async def set_campaign_status(self, campaign_id: int, status: CampaignStatus,
                                  only_from: Sequence[CampaignStatus] = ()) -> bool:
        """Change the status (only from the given ones); True if this call changed it."""
        async with self.sessions() as s:
            q = update(CheckinCampaignRow).where(CheckinCampaignRow.id == campaign_id)
            if only_from:
                q = q.where(CheckinCampaignRow.status.in_([x.value for x in only_from]))
            result = await s.execute(q.values(status=status.value))
            await s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def open_with_invitations(self, campaign_id: int, now: datetime,
                                    invitations: Sequence[tuple[int, str, Destination, Reply, str]],
                                    not_before: datetime | None = None) -> int:
        """In ONE transaction: mark the campaign open, create the response row of everyone to ask
        (person id, department) and queue their invitation (destination, reply, dedupe key) in the
        outbox. A crash leaves either nothing or the whole plan, which the outbox worker completes;
        run again, it adds only what is missing. Returns how many people were newly asked."""
        async with self.sessions() as s:
            await s.execute(update(CheckinCampaignRow).where(
                CheckinCampaignRow.id == campaign_id,
                CheckinCampaignRow.status == CampaignStatus.SCHEDULED.value).values(status=CampaignStatus.OPEN.value))
            existing = {pid: status for pid, status in (await s.execute(
                select(CheckinResponseRow.person_id, CheckinResponseRow.status)
                .where(CheckinResponseRow.campaign_id == campaign_id))).all()}
            new = [(pid, dept) for pid, dept, *_ in invitations if pid not in existing]
            if new:
                insert = upsert_insert(s)
                await s.execute(insert(CheckinResponseRow).on_conflict_do_nothing(
                    index_elements=["campaign_id", "person_id"]),
                    [{"campaign_id": campaign_id, "person_id": pid, "department": dept,
                      "status": ResponseStatus.PENDING.value, "session": {}, "nudges": 0, "invited_at": now,
                      "updated_at": now} for pid, dept in new])
            asking = {ResponseStatus.PENDING.value, ResponseStatus.DRAFT.value}
            await add_outbox_rows(s, [(d, r, key) for pid, _, d, r, key in invitations
                                      if existing.get(pid, ResponseStatus.PENDING.value) in asking], not_before)
            await s.commit()
            return len(new)

    async def reopen_campaign(self, campaign_id: int, deadline: datetime) -> bool:
        """A closed campaign open again with a new deadline, its deadline report to be sent again at
        that deadline; True if this call reopened it (only one admin does)."""
        async with self.sessions() as s:
            result = await s.execute(update(CheckinCampaignRow).where(
                CheckinCampaignRow.id == campaign_id, CheckinCampaignRow.status == CampaignStatus.CLOSED.value)
                .values(status=CampaignStatus.OPEN.value, deadline=deadline, reported_at=None))
            await s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def claim_report(self, campaign_id: int, now: datetime) -> bool:
        """True once: the deadline report of a campaign is sent by one process only."""
        async with self.sessions() as s:
            result = await s.execute(update(CheckinCampaignRow).where(
                CheckinCampaignRow.id == campaign_id, CheckinCampaignRow.reported_at.is_(None)).values(reported_at=now))
            await s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]

    # --- responses ------------------------------------------------------------------------
    async def ensure_response(self, campaign_id: int, person_id: int, department: str,
                              now: datetime) -> tuple[CheckinResponse, bool]:
        """The person's response row for the campaign, created if missing; (row, created)."""
        async with self.sessions() as s:
            q = select(CheckinResponseRow).where(CheckinResponseRow.campaign_id == campaign_id,
                                                 CheckinResponseRow.person_id == person_id)
            row = (await s.execute(q)).scalars().first()
            if row is not None:
                return _response(row), False
            row = CheckinResponseRow(campaign_id=campaign_id, person_id=person_id, department=department,
                                     status=ResponseStatus.PENDING.value, session={}, nudges=0, invited_at=now)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()
                row = (await s.execute(q)).scalars().one()
                return _response(row), False
            return _response(row), True

    async def get_response(self, response_id: int) -> CheckinResponse | None:
        async with self.sessions() as s:
            row = await s.get(CheckinResponseRow, response_id)
            return _response(row) if row else None

    async def response_for(self, campaign_id: int, person_id: int) -> CheckinResponse | None:
        async with self.sessions() as s:
            row = (await s.execute(select(CheckinResponseRow).where(
                CheckinResponseRow.campaign_id == campaign_id,
                CheckinResponseRow.person_id == person_id))).scalars().first()
            return _response(row) if row else None

    async def responses(self, campaign_id: int) -> list[CheckinResponse]:
        async with self.sessions() as s:
            rows = (await s.execute(select(CheckinResponseRow).where(CheckinResponseRow.campaign_id == campaign_id)
                                    .order_by(CheckinResponseRow.department, CheckinResponseRow.id))).scalars()
            return [_response(r) for r in rows]

    async def drafts_of(self, person_id: int) -> list[CheckinResponse]:
        """The person's unfinished responses, newest first."""
        async with self.sessions() as s:
            rows = (await s.execute(select(CheckinResponseRow).where(
                CheckinResponseRow.person_id == person_id,
                CheckinResponseRow.status.in_([ResponseStatus.PENDING.value, ResponseStatus.DRAFT.value]))
                .order_by(CheckinResponseRow.id.desc()))).scalars()
            return [_response(r) for r in rows]

    async def save_session(self, response_id: int, session: Mapping[str, Any], status: ResponseStatus) -> None:
        """Persist the form session (every turn)."""
        async with self.sessions() as s:
            await s.execute(update(CheckinResponseRow).where(CheckinResponseRow.id == response_id)
                            .values(session=dict(session), status=status.value))
            await s.commit()

    async def record_nudge(self, response_id: int, expected: int, now: datetime) -> bool:
        """Count one nudge if the count is still `expected` and the person has not answered."""
        async with self.sessions() as s:
            result = await s.execute(update(CheckinResponseRow).where(
                CheckinResponseRow.id == response_id, CheckinResponseRow.nudges == expected,
                CheckinResponseRow.status.in_([ResponseStatus.PENDING.value, ResponseStatus.DRAFT.value]),
            ).values(nudges=expected + 1, last_nudged_at=now))
            await s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]

    # --- results --------------------------------------------------------------------------
    async def submit_result(self, result: DepartmentResult, response_id: int,
                            replace: bool) -> tuple[DepartmentResult, bool, list[CheckinResponse]]:
        async with self.sessions() as s:
            existing = (await s.execute(select(CheckinResultRow).where(
                CheckinResultRow.campaign_id == result.campaign_id,
                CheckinResultRow.department == result.department))).scalars().first()
            if existing is not None and not replace:
                return _result(existing), False, []
            row = existing or CheckinResultRow(campaign_id=result.campaign_id, department=result.department,
                                               submitted_at=result.submitted_at)
            if existing is None:
                s.add(row)
                row.late_submission = result.late_submission
            row.period, row.form_id, row.answers = result.period, result.form_id, dict(result.answers)
            row.submitted_by = result.submitted_by
            row.in_scope, row.online, row.rate = result.in_scope, result.online, result.rate
            row.forms_created, row.items_total, row.items_late = (result.forms_created, result.items_total,
                                                                  result.items_late)
            row.updated_at = result.submitted_at
            await s.execute(update(CheckinResponseRow).where(CheckinResponseRow.id == response_id).values(
                status=ResponseStatus.SUBMITTED.value, session={}, submitted_at=result.submitted_at))
            others = list((await s.execute(select(CheckinResponseRow).where(
                CheckinResponseRow.campaign_id == result.campaign_id,
                CheckinResponseRow.department == result.department,
                CheckinResponseRow.id != response_id,
                CheckinResponseRow.status.in_([ResponseStatus.PENDING.value, ResponseStatus.DRAFT.value]),
            ))).scalars())
            for other in others:
                other.status = ResponseStatus.CLOSED.value
            try:
                await s.commit()
            except IntegrityError:
                # Another liaison of the department submitted in the same instant.
                await s.rollback()
                winner = (await s.execute(select(CheckinResultRow).where(
                    CheckinResultRow.campaign_id == result.campaign_id,
                    CheckinResultRow.department == result.department))).scalars().one()
                return _result(winner), False, []
            return _result(row), True, [_response(o) for o in others]

    async def result_for(self, campaign_id: int, department: str) -> DepartmentResult | None:
        async with self.sessions() as s:
            row = (await s.execute(select(CheckinResultRow).where(
                CheckinResultRow.campaign_id == campaign_id,
                CheckinResultRow.department == department))).scalars().first()
            return _result(row) if row else None

    async def results(self, campaign_id: int) -> list[DepartmentResult]:
        async with self.sessions() as s:
            rows = (await s.execute(select(CheckinResultRow).where(CheckinResultRow.campaign_id == campaign_id)
                                    .order_by(CheckinResultRow.department))).scalars()
            return [_result(r) for r in rows]

    async def previous_result(self, department: str, before_period: str, form_id: str) -> DepartmentResult | None:
        """The department's latest result of an earlier month (for 「先月と同じ」)."""
        async with self.sessions() as s:
            row = (await s.execute(select(CheckinResultRow).where(
                CheckinResultRow.department == department, CheckinResultRow.period < before_period,
                CheckinResultRow.form_id == form_id,
            ).order_by(CheckinResultRow.period.desc(), CheckinResultRow.updated_at.desc()))).scalars().first()
            return _result(row) if row else None

    # --- roadmap --------------------------------------------------------------------------
    async def add_roadmap_item(self, department: str, title: str, target: str) -> RoadmapItem:
        async with self.sessions() as s:
            row = RoadmapItemRow(department=department, title=title, target=target, active=True)
            s.add(row)
            await s.commit()
            return _item(row)

    async def roadmap_items(self, department: str | None = None, active_only: bool = True) -> list[RoadmapItem]:
        async with self.sessions() as s:
            q = select(RoadmapItemRow).order_by(RoadmapItemRow.department, RoadmapItemRow.id)
            if department is not None:
                q = q.where(RoadmapItemRow.department == department)
            if active_only:
                q = q.where(RoadmapItemRow.active.is_(True))
            return [_item(r) for r in (await s.execute(q)).scalars()]

    async def deactivate_roadmap_item(self, item_id: int) -> RoadmapItem | None:
        """Stop asking about an item (its history stays)."""
        async with self.sessions() as s:
            row = await s.get(RoadmapItemRow, item_id)
            if row is None or not row.active:
                return None
            row.active = False
            await s.commit()
            return _item(row)

    async def count_roadmap_items(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(RoadmapItemRow)) or 0)

    # --- history --------------------------------------------------------------------------
    async def _all_results(self, department: str | None = None) -> list[CheckinResultRow]:
        async with self.sessions() as s:
            q = select(CheckinResultRow).order_by(CheckinResultRow.department, CheckinResultRow.period,
                                                  CheckinResultRow.updated_at)
            if department is not None:
                q = q.where(CheckinResultRow.department == department)
            return list((await s.execute(q)).scalars())

    @staticmethod
    def _months(rows: Sequence[CheckinResultRow]) -> list[DepartmentMonth]:
        # One figure per department and month (a re-run campaign of the same month: the newest
        # answer wins); the change is against the department's previous reported month.
        latest: dict[tuple[str, str], CheckinResultRow] = {}
        for row in rows:
            latest[(row.department, row.period)] = row
        out: list[DepartmentMonth] = []
        previous_rate: dict[str, float | None] = {}
        for (department, period), row in sorted(latest.items()):
            before = previous_rate.get(department)
            change = None if row.rate is None or before is None else round(row.rate - before, 1)
            out.append(DepartmentMonth(department=department, period=period, in_scope=row.in_scope,
                                       online=row.online, rate=row.rate, change=change,
                                       forms_created=row.forms_created, items_total=row.items_total,
                                       items_late=row.items_late, submitted_at=row.submitted_at))
            if row.rate is not None:
                previous_rate[department] = row.rate
        return out

    async def department_history(self, department: str | None = None, months: int = 12) -> list[DepartmentMonth]:
        """Per department per month, oldest first, the last `months` months of each department."""
        all_months = self._months(await self._all_results(department))
        by_department: dict[str, list[DepartmentMonth]] = {}
        for m in all_months:
            by_department.setdefault(m.department, []).append(m)
        return [m for d in sorted(by_department) for m in by_department[d][-months:]]

    async def month(self, period: str) -> list[DepartmentMonth]:
        """Every department that reported in `period`, with its change from its previous month."""
        return [m for m in self._months(await self._all_results()) if m.period == period]

    async def spread(self, period: str) -> Spread:
        """Min / max / median / mean / population stdev of the rates of one month."""
        rows = [m for m in await self.month(period) if m.rate is not None]
        rates = [float(m.rate) for m in rows if m.rate is not None]
        if not rates:
            return Spread(period, 0, None, None, None, None, None)
        low, high = min(rates), max(rates)
        return Spread(
            period=period, departments=len(rates), minimum=low, maximum=high,
            median=round(statistics.median(rates), 1), mean=round(statistics.fmean(rates), 1),
            stdev=round(statistics.pstdev(rates), 1) if len(rates) > 1 else 0.0,
            lowest=tuple(m.department for m in rows if m.rate == low),
            highest=tuple(m.department for m in rows if m.rate == high),
        )
