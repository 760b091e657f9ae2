"""Scheduled work of check-in campaigns: invitations, nudges, the deadline report, and planning
a campaign before a meeting.

Jobs are module-level coroutines `async def job(services, campaign_id)` registered by name
("checkins.<name>", see `bot.core.jobs`); they reload everything from the database and decide from
`services.clock.now()`, so a test can call them directly with a controllable clock and a
restart or a second replica cannot double-send (every message has a dedupe key, nudge counts
are bumped with a conditional update, the deadline report is claimed once).
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core.context import Services
from bot.core.jobs import JobRegistry
from bot.core.messages import t
from bot.core.model import Person, Role
from bot.core.replies import Choice, Destination, Reply
from bot.core.text import short_moment
from handlers.checkins import timing
from handlers.checkins.model import Campaign, CampaignStatus, CheckinResponse, ResponseStatus
from handlers.checkins.ports import CHECKINS

log = logging.getLogger(__name__)

jobs = JobRegistry("checkins")
OPEN_STATES = (ResponseStatus.PENDING, ResponseStatus.DRAFT)


def _svc(services: Services):  # type: ignore[no-untyped-def]
    return services.get(CHECKINS)


def _lang(services: Services, person: Person | None) -> str:
    if person is not None and person.language in ("ja", "en"):
        return person.language
    return services.config.default_language


def plan(services: Services, job: str, run_at: datetime, func: str, campaign_id: int) -> None:
    """Schedule a job; a failing job store is logged, not shown to the user: the campaign table
    is the truth and `rebuild_jobs` re-plans every campaign when the scheduler (re)starts."""
    if services.scheduler is None:
        return
    try:
        services.scheduler.schedule(job, run_at, jobs.name(func), campaign_id)
    except Exception:
        log.exception("could not schedule %s", job)


def unplan(services: Services, job: str) -> None:
    """Cancel a job if it exists (failures are logged, see `plan`)."""
    if services.scheduler is None:
        return
    try:
        services.scheduler.cancel(job)
    except Exception:
        log.exception("could not cancel %s", job)


def job_id(campaign_id: int, kind: str) -> str:
    """Scheduler ids of a campaign's jobs: checkin:<id>:invite|nudge|remind|deadline."""
    return f"checkin:{campaign_id}:{kind}"


# --- invitations --------------------------------------------------------------------------
def invitation_key(campaign_id: int, person_id: int) -> str:
    """The outbox dedupe key of a person's invitation (also how `checkin status` finds it)."""
    return f"checkin:invite:{campaign_id}:{person_id}"


async def invite(services: Services, campaign_id: int, not_before: datetime | None = None) -> int:
    """Open the campaign and DM every liaison whose department has not answered; returns how many
    liaisons were invited by this call (0 when run again: invitations are sent once). With
    `not_before` the invitations wait in the outbox until then (started outside office hours)."""
    svc = _svc(services)
    if svc is None:
        return 0
    campaign = await svc.repo.get_campaign(campaign_id)
    if campaign is None or campaign.status is CampaignStatus.CLOSED:
        return 0
    now = services.clock.now()
    done = {r.department for r in await svc.repo.results(campaign.id)}
    tz = timing.tz_of(services)
    plan_: list[tuple[int, str, Destination, Reply, str]] = []
    for person in await services.people.list(Role.LIAISON):
        if not person.department or person.department in done:
            continue
        lang = _lang(services, person)
        reply = Reply(
            title=t("checkin.invite.title", lang, period=timing.period_label(campaign.period, lang)),
            text=t("checkin.invite.text", lang, department=person.department,
                   period=timing.period_label(campaign.period, lang),
                   deadline=short_moment(campaign.deadline, tz, lang)),
            choices=(Choice(t("checkin.begin.button", lang), "checkin.begin", str(campaign.id), "primary"),),
        )
        plan_.append((person.id, person.department, Destination("", "person", str(person.id)), reply,
                      invitation_key(campaign.id, person.id)))
    # Who must be asked is recorded together with opening the campaign: a crash at any point
    # leaves no one open-but-never-invited (issue 17); the outbox worker delivers the rest.
    invited = await svc.repo.open_with_invitations(campaign.id, now, plan_, not_before)
    campaign.status = CampaignStatus.OPEN
    services.outbox.wake()
    schedule_followups(services, campaign)
    return invited


@jobs.job("send_invitations")
async def send_invitations(services: Services, campaign_id: int) -> None:
    """Job: the campaign opens (scheduled `days_before_meeting` business days before a meeting)."""
    count = await invite(services, int(campaign_id))
    log.info("check-in campaign %s: %d invitation(s)", campaign_id, count)


def schedule_followups(services: Services, campaign: Campaign) -> None:
    """Plan the next nudge run and the deadline report (no-op without a scheduler)."""
    if services.scheduler is None:
        log.warning("no scheduler: check-in %s gets no automatic nudges or deadline report", campaign.id)
        return
    now = services.clock.now()
    config = timing.config_of(services)
    tz = timing.tz_of(services)
    nudge_at = timing.next_business_time(timing.calendar_of(services), now, config.nudge_time, tz)
    if nudge_at < campaign.deadline:
        plan(services, job_id(campaign.id, "nudge"), nudge_at, "send_nudges", campaign.id)
    plan(services, job_id(campaign.id, "deadline"), max(campaign.deadline, now), "report_deadline", campaign.id)


# --- nudges -------------------------------------------------------------------------------
async def nudge(services: Services, campaign_id: int, *, manual: bool = False,
                force: bool = False) -> tuple[int, datetime | None]:
    """Nudge the liaisons who still have to answer; returns (nudges sent, deferred to).

    Never after the person or their department answered, never more than the campaign's
    `max_nudges` per person, only on business days in working hours (outside them the run is
    deferred to the next working hours), and — unless an admin asked for it (`manual`) — only
    when `nudge_every_days` business days have passed since the invitation or the last nudge.
    `force` (an admin's 「催促 強制」) sends now outside working hours; a request waiting for them is
    dropped (never twice), as `/dx 診断 催促 強制` does.
    """
    svc = _svc(services)
    if svc is None:
        return 0, None
    campaign = await svc.repo.get_campaign(campaign_id)
    now = services.clock.now()
    if campaign is None or campaign.status is not CampaignStatus.OPEN or now >= campaign.deadline:
        return 0, None
    calendar = timing.calendar_of(services)
    tz = timing.tz_of(services)
    config = timing.config_of(services)
    if force:
        unplan(services, job_id(campaign.id, "remind"))
    elif calendar.is_quiet(now):
        later = calendar.next_open(now)
        if services.scheduler is not None and later < campaign.deadline:
            kind, func = ("remind", "send_reminders_now") if manual else ("nudge", "send_nudges")
            plan(services, job_id(campaign.id, kind), later, func, campaign.id)
            return 0, later
        return 0, None
    done = {r.department for r in await svc.repo.results(campaign.id)}
    today = timing.local_date(now, tz)
    sent = 0
    for response in await svc.repo.responses(campaign.id):
        if not _due(response, campaign, done, manual, calendar, today, tz, config.nudge_every_days):
            continue
        # Count first (a conditional update that also re-checks "not answered"), then send.
        if not await svc.repo.record_nudge(response.id, response.nudges, now):
            continue
        person = await services.people.get(response.person_id)
        lang = _lang(services, person)
        started = response.status is ResponseStatus.DRAFT and bool(response.session)
        button = (Choice(t("checkin.resume.button", lang), "checkin.resume", str(response.id)) if started
                  else Choice(t("checkin.begin.button", lang), "checkin.begin", str(campaign.id), "primary"))
        reply = Reply(
            title=t("checkin.nudge.title", lang, period=timing.period_label(campaign.period, lang)),
            text=t("checkin.nudge.text_started" if started else "checkin.nudge.text", lang,
                   department=response.department, deadline=short_moment(campaign.deadline, tz, lang)),
            choices=(button,),
        )
        await services.outbox.enqueue(Destination("", "person", str(response.person_id)), reply,
                                      dedupe_key=f"checkin:nudge:{campaign.id}:{response.person_id}:{response.nudges + 1}")
        sent += 1
    if not manual and services.scheduler is not None:
        following = timing.next_business_time(calendar, now, config.nudge_time, tz)
        if following < campaign.deadline:
            plan(services, job_id(campaign.id, "nudge"), following, "send_nudges", campaign.id)
    return sent, None


def _due(response: CheckinResponse, campaign: Campaign, done: set[str], manual: bool, calendar: object,
         today: object, tz: object, every_days: int) -> bool:
    if response.status not in OPEN_STATES or response.department in done:
        return False
    if response.nudges >= campaign.max_nudges:
        return False
    if manual:
        return True
    last = response.last_nudged_at or response.invited_at
    if last is None:
        return True
    return timing.business_days_between(calendar, timing.local_date(last, tz), today) >= every_days  # type: ignore[arg-type]


@jobs.job("send_nudges")
async def send_nudges(services: Services, campaign_id: int) -> None:
    """Job: the daily nudge run of a campaign (reschedules itself until the deadline)."""
    sent, _ = await nudge(services, int(campaign_id))
    log.info("check-in campaign %s: %d nudge(s)", campaign_id, sent)


@jobs.job("send_reminders_now")
async def send_reminders_now(services: Services, campaign_id: int) -> None:
    """Job: an admin's 「催促」 that arrived outside working hours, sent when they start."""
    await nudge(services, int(campaign_id), manual=True)


# --- the deadline -------------------------------------------------------------------------
@jobs.job("report_deadline")
async def report_deadline(services: Services, campaign_id: int) -> None:
    """Job: at the deadline close the campaign (no more nudges) and tell the admins which
    departments are missing — once, in working hours."""
    svc = _svc(services)
    if svc is None:
        return
    campaign = await svc.repo.get_campaign(int(campaign_id))
    if campaign is None or campaign.reported_at is not None:
        return
    now = services.clock.now()
    if now < campaign.deadline:
        # The deadline moved later after this job was planned.
        if services.scheduler is not None:
            plan(services, job_id(campaign.id, "deadline"), campaign.deadline, "report_deadline", campaign.id)
        return
    await svc.repo.set_campaign_status(campaign.id, CampaignStatus.CLOSED)
    if services.scheduler is not None:
        unplan(services, job_id(campaign.id, "nudge"))
        unplan(services, job_id(campaign.id, "remind"))
    calendar = timing.calendar_of(services)
    if calendar.is_quiet(now) and services.scheduler is not None:
        plan(services, job_id(campaign.id, "deadline"), calendar.next_open(now), "report_deadline", campaign.id)
        return
    if not await svc.repo.claim_report(campaign.id, now):
        return
    missing = await missing_departments(services, campaign)
    submitted = len({r.department for r in await svc.repo.results(campaign.id)})
    for admin in await services.people.list(Role.ADMIN):
        lang = _lang(services, admin)
        await services.outbox.enqueue(Destination("", "person", str(admin.id)),
                                      render_deadline_report(campaign, missing, submitted, lang),
                                      dedupe_key=f"checkin:deadline:{campaign.id}:{admin.id}:{campaign.deadline:%Y%m%dT%H%M}")


async def missing_departments(services: Services, campaign: Campaign) -> dict[str, list[str]]:
    """Departments with liaisons (invited or registered) and no result: department -> names."""
    svc = _svc(services)
    done = {r.department for r in await svc.repo.results(campaign.id)}
    missing: dict[str, list[str]] = {}
    for person in await services.people.list(Role.LIAISON):
        if person.department and person.department not in done:
            missing.setdefault(person.department, []).append(person.display_name or str(person.id))
    for response in await svc.repo.responses(campaign.id):
        if response.department not in done and response.department not in missing:
            person = await services.people.get(response.person_id)
            missing[response.department] = [person.display_name if person else str(response.person_id)]
    return dict(sorted(missing.items()))


def render_deadline_report(campaign: Campaign, missing: dict[str, list[str]], submitted: int, lang: str) -> Reply:
    """The admins' message at the deadline."""
    title = t("checkin.deadline.title", lang, period=timing.period_label(campaign.period, lang))
    if not missing:
        return Reply(title=title, text=t("checkin.deadline.all_done", lang, count=submitted))
    lines = [t("checkin.deadline.missing_intro", lang, submitted=submitted, total=submitted + len(missing))]
    lines += [f"・{department}（{'、'.join(names)}）" for department, names in missing.items()]
    lines.append(t("checkin.deadline.footer", lang))
    return Reply(title=title, text="\n".join(lines))


# --- planning before a meeting ------------------------------------------------------------
async def plan_for_meeting(services: Services, meeting_id: int, meeting_start: datetime) -> None:
    """Schedule the month's check-in for a meeting: invitations `days_before_meeting` business
    days before it, the deadline `deadline_days_before_meeting` business days before it.

    Called by the meetings feature whenever a meeting is set or moved; calling it again
    re-plans (a campaign that is already open only gets its deadline moved).
    """
    svc = _svc(services)
    if svc is None:
        return
    config = timing.config_of(services)
    calendar = timing.calendar_of(services)
    tz = timing.tz_of(services)
    now = services.clock.now()
    meeting_day = calendar.shift(timing.local_date(meeting_start, tz), "previous")
    opens_at = timing.at_local(calendar.add_business_days(meeting_day, -config.days_before_meeting),
                               config.open_time, tz)
    deadline = timing.at_local(calendar.add_business_days(meeting_day, -config.deadline_days_before_meeting),
                               config.deadline_time, tz)
    deadline = min(deadline, meeting_start)
    opens_at = max(opens_at, now)
    period = timing.period_of(meeting_start, tz)
    campaign = await svc.repo.campaign_for_meeting(meeting_id)
    if campaign is None:
        same_month = await svc.repo.latest_campaign(period)
        if same_month is not None and same_month.status is not CampaignStatus.CLOSED and same_month.meeting_id is None:
            campaign = same_month
            campaign.meeting_id = meeting_id
    if campaign is None:
        campaign = await svc.repo.create_campaign(config.default_form, period, opens_at, deadline,
                                                  config.max_nudges, meeting_id=meeting_id)
    elif campaign.status is CampaignStatus.CLOSED:
        return
    else:
        campaign.deadline = deadline
        if campaign.status is CampaignStatus.SCHEDULED:
            campaign.opens_at, campaign.period = opens_at, period
        await svc.repo.update_campaign(campaign)
    if services.scheduler is None:
        log.warning("no scheduler: check-in for meeting %s is planned but will not open by itself", meeting_id)
        return
    if campaign.status is CampaignStatus.SCHEDULED:
        plan(services, job_id(campaign.id, "invite"), campaign.opens_at, "send_invitations", campaign.id)
    else:
        plan(services, job_id(campaign.id, "deadline"), campaign.deadline, "report_deadline", campaign.id)


async def rebuild_jobs(services: Services) -> int:
    """Re-plan every campaign's jobs from the campaign table (run when a process becomes the
    scheduler leader: the tables are the truth, the job store only a cache)."""
    svc = _svc(services)
    if svc is None or services.scheduler is None:
        return 0
    count = 0
    for campaign in await svc.repo.campaigns():
        if campaign.status is CampaignStatus.SCHEDULED:
            plan(services, job_id(campaign.id, "invite"), campaign.opens_at, "send_invitations", campaign.id)
            count += 1
        elif campaign.status is CampaignStatus.OPEN:
            schedule_followups(services, campaign)
            count += 1
        elif campaign.reported_at is None:
            plan(services, job_id(campaign.id, "deadline"), services.clock.now(), "report_deadline", campaign.id)
            count += 1
    return count
