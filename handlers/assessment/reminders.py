"""Reminders for people who have not finished the poll.

A job runs once a business day at the configured hour (10:00 by default) until the deadline. Each
person gets at most `max_reminders` reminders, spaced `reminder_interval_days` business days
apart (counted from the invitation), only on business days and in working hours, and never after
finishing. Every reminder is enqueued with a dedupe key and counted with a conditional update, so
two replicas running the job at once still send it exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Services
from bot.core.jobs import JobRegistry
from bot.core.replies import Destination
from handlers.assessment.model import Campaign
from handlers.assessment.registry import kit
from handlers.assessment.render import render_invitation

log = logging.getLogger(__name__)

jobs = JobRegistry("assessment")
JOB = jobs.name("remind_unfinished")
# Working hours used only when no business calendar is configured (weekends closed, no holidays).
_FALLBACK_OPEN, _FALLBACK_CLOSE = time(8, 30), time(18, 0)


def job_id(campaign_id: int) -> str:
    """Scheduler id of a campaign's reminder job."""
    return f"assessment:{campaign_id}:remind"


def _tz(services: Services) -> ZoneInfo:
    return services.calendar.tz if services.calendar is not None else ZoneInfo(kit(services).config.timezone)


def is_business_day(services: Services, day: date) -> bool:
    """The business calendar's answer (weekdays only without one)."""
    if services.calendar is not None:
        return services.calendar.is_business_day(day)
    return day.weekday() < 5


def is_quiet(services: Services, moment: datetime) -> bool:
    """Outside working hours or on a closed day."""
    if services.calendar is not None:
        return services.calendar.is_quiet(moment)
    local = moment.astimezone(_tz(services))
    return not is_business_day(services, local.date()) or not _FALLBACK_OPEN <= local.time() < _FALLBACK_CLOSE


def why_closed(services: Services, day: date) -> str:
    """「土曜日」「勤労感謝の日」「年末年始」 (the calendar's words), or "" on a business day."""
    if services.calendar is not None:
        return services.calendar.why_closed(day)
    return "" if is_business_day(services, day) else ("土曜日", "日曜日")[day.weekday() - 5]


def business_deadline(services: Services, day: date, today: date) -> date:
    """A campaign's deadline on a business day: a closed day moves to the business day before
    (people answer at work), or — when that is already past — to the next one."""
    back = day
    while not is_business_day(services, back):
        back -= timedelta(days=1)
    if back >= today:
        return back
    ahead = day
    while not is_business_day(services, ahead):
        ahead += timedelta(days=1)
    return ahead


def add_business_days(services: Services, day: date, n: int) -> date:
    """`day` plus `n` business days."""
    if services.calendar is not None:
        return services.calendar.add_business_days(day, n)
    while n > 0:
        day += timedelta(days=1)
        if is_business_day(services, day):
            n -= 1
    return day


def next_open(services: Services, moment: datetime) -> datetime:
    """The first working moment at or after `moment`."""
    if services.calendar is not None:
        return services.calendar.next_open(moment)
    local = moment.astimezone(_tz(services))
    day = local.date()
    if is_business_day(services, day) and local.time() < _FALLBACK_CLOSE:
        return max(local, datetime.combine(day, _FALLBACK_OPEN, tzinfo=local.tzinfo)).astimezone(UTC)
    day += timedelta(days=1)
    while not is_business_day(services, day):
        day += timedelta(days=1)
    return datetime.combine(day, _FALLBACK_OPEN, tzinfo=local.tzinfo).astimezone(UTC)


def next_run(services: Services, campaign: Campaign, after: datetime) -> datetime | None:
    """The reminder hour of the next business day after `after`, or None past the deadline."""
    config = kit(services).config
    tz = _tz(services)
    day = after.astimezone(tz).date() + timedelta(days=1)
    while not is_business_day(services, day):
        day += timedelta(days=1)
    if day > campaign.deadline:
        return None
    return datetime.combine(day, time(config.reminder_hour), tzinfo=tz).astimezone(UTC)


async def schedule_next(services: Services, campaign: Campaign, after: datetime) -> None:
    """Schedule (or replace) the campaign's next reminder run, if a scheduler is configured."""
    if services.scheduler is None:
        log.info("no scheduler configured: assessment reminders run only on /dx assessment remind")
        return
    when = next_run(services, campaign, after)
    if when is None:
        await _off_loop(services.scheduler.cancel, job_id(campaign.id))
        return
    await _off_loop(services.scheduler.schedule, job_id(campaign.id), when, JOB, campaign.id)


async def _off_loop(call, *args):  # type: ignore[no-untyped-def]
    # The job store may write to the database synchronously; on SQLite, doing that on the event
    # loop while an async transaction (e.g. the delivery worker's) holds the write lock blocks both
    # until the busy timeout. A worker thread keeps the loop free to finish that transaction.
    return await asyncio.to_thread(call, *args)


async def send_reminders(services: Services, campaign: Campaign, today: date, *, respect_interval: bool) -> int:
    """Remind every unfinished participant who is due; returns how many were reminded."""
    assessment = kit(services)
    config = assessment.config
    total = len([q for q in campaign.question_ids if assessment.bank.question(q)])
    sent = 0
    for part in await assessment.store.participations(campaign.id):
        if part.finished or part.reminders_sent >= config.max_reminders:
            continue
        last = part.last_reminded_on or part.invited_on
        if respect_interval and last is not None and add_business_days(services, last,
                                                                       config.reminder_interval_days) > today:
            continue
        person = await services.people.get(part.person_id)
        if person is None:
            continue
        number = part.reminders_sent + 1
        reply = render_invitation(campaign, total, person.language or "ja", reminder=number,
                                  answered=part.answered_count)
        # Enqueue first: the dedupe key makes a repeat harmless, while counting first and
        # crashing before the enqueue would lose the reminder.
        await services.outbox.enqueue(Destination("", "person", str(person.id)), reply,
                                      dedupe_key=f"assessment:{campaign.id}:remind:{person.id}:{number}")
        if await assessment.store.claim_reminder(part.id, part.reminders_sent, today):
            sent += 1
    return sent


async def _waits_for_office(services: Services, campaign: Campaign, job: str, func: str) -> bool:
    """Outside office hours: (re)schedule `func` as `job` for the opening, or drop it when that is
    past the deadline; True when the run must wait. One rule for the daily run and a request."""
    now = services.clock.now()
    if not is_quiet(services, now):
        return False
    if services.scheduler is not None:
        opening = next_open(services, now)
        if opening.astimezone(_tz(services)).date() <= campaign.deadline:
            await _off_loop(services.scheduler.schedule, job, opening, func, campaign.id)
        else:
            await _off_loop(services.scheduler.cancel, job)
    return True


async def _campaign_to_remind(services: Services, campaign_id: int) -> Campaign | None:
    campaign = await kit(services).store.get_campaign(int(campaign_id))
    if campaign is None or not campaign.is_open:
        return None
    return campaign if services.clock.now().astimezone(_tz(services)).date() <= campaign.deadline else None


@jobs.job("remind_unfinished")
async def remind_unfinished(services: Services, campaign_id: int) -> None:
    """Scheduled job: remind those who are due now, then schedule the next business day's run."""
    campaign = await _campaign_to_remind(services, campaign_id)
    # A run that fired late (after a restart, or on a holiday) waits for the office to open.
    if campaign is None or await _waits_for_office(services, campaign, job_id(campaign.id), JOB):
        return
    now = services.clock.now()
    count = await send_reminders(services, campaign, now.astimezone(_tz(services)).date(), respect_interval=True)
    log.info("assessment %s: %d reminder(s) queued", campaign.id, count)
    await schedule_next(services, campaign, now)


REQUESTED_JOB = jobs.name("remind_requested")


def requested_job_id(campaign_id: int) -> str:
    """Scheduler id of an admin's 「催促」 waiting for office hours."""
    return f"assessment:{campaign_id}:requested-remind"


async def request_reminders(services: Services, campaign: Campaign, *, force: bool) -> tuple[int, datetime | None]:
    """An admin's 「催促」: (reminders sent, None) now in office hours or with 「強制」 (a waiting
    request is then dropped: never twice); outside them (0, the opening it waits for), or
    (0, None) when no run fits before the deadline."""
    job = requested_job_id(campaign.id)
    if not force and await _waits_for_office(services, campaign, job, REQUESTED_JOB):
        waiting = services.scheduler is not None and bool(await _off_loop(services.scheduler.job_ids, job))
        return 0, next_open(services, services.clock.now()) if waiting else None
    if services.scheduler is not None:
        await _off_loop(services.scheduler.cancel, job)
    today = services.clock.now().astimezone(_tz(services)).date()
    return await send_reminders(services, campaign, today, respect_interval=False), None


@jobs.job("remind_requested")
async def remind_requested(services: Services, campaign_id: int) -> None:
    """Job: an admin's 「催促」 that arrived outside office hours, sent when they start."""
    campaign = await _campaign_to_remind(services, campaign_id)
    if campaign is None or await _waits_for_office(services, campaign, requested_job_id(campaign.id),
                                                   REQUESTED_JOB):
        return
    today = services.clock.now().astimezone(_tz(services)).date()
    count = await send_reminders(services, campaign, today, respect_interval=False)
    log.info("assessment %s: %d requested reminder(s) queued", campaign.id, count)


async def rebuild_reminders(services: Services) -> None:
    """Re-create the reminder job of the open campaign (for the scheduler's leader start-up)."""
    campaign = await kit(services).store.open_campaign()
    if campaign is not None and services.scheduler is not None and not await _off_loop(
            services.scheduler.job_ids, job_id(campaign.id)):
        await schedule_next(services, campaign, services.clock.now())
