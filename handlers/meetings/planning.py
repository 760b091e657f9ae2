"""Meeting planning and the scheduler jobs (module-level coroutines taking ids).

The meeting table is the truth: `plan_meeting` computes the next occurrences on the business
calendar, stores them, and (re)schedules one job per reminder with a deterministic id
`meeting:{meeting_id}:{occurrence key}:{offset key}`. A job reloads everything from the
database when it fires and decides from `services.clock.now()` whether the reminder is still
useful (grace window, meeting start) or must wait for office hours. Every message is enqueued
with the dedupe key `meeting:{meeting_id}:{occurrence}:{offset}:{person_id}`, so each liaison
gets each reminder exactly once even if two schedulers fired the same job.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.context import Services
from bot.core.errors import UserFacingError
from bot.core.jobs import JobRegistry
from bot.core.messages import t
from bot.core.model import Person, Role
from bot.core.ports import BusinessCalendar, JobScheduler
from bot.core.replies import Destination, Reply
from handlers.meetings.model import (
    Meeting,
    MeetingConfig,
    MeetingItem,
    Occurrence,
    OccurrenceStatus,
    PlannedReminder,
    ReminderOffset,
    ReminderRun,
    Rsvp,
    decide_delivery,
    parse_offsets,
    parse_rule,
    place_of,
    plan_dates,
    plan_reminders,
)
from handlers.meetings.ports import MEETING_CONFIG, MEETINGS, MeetingStore
from handlers.meetings.render import (
    answer_label,
    fmt_when,
    render_reminder,
    render_rsvp_summary,
    rule_label,
)

log = logging.getLogger(__name__)

jobs = JobRegistry("meetings")
SEND_REMINDER = jobs.name("send_reminder")
REPLAN = jobs.name("replan")
SEND_NOTICE = jobs.name("send_notice")
MANUAL = "manual"
# A change notice (「場所変更」「日時変更」) decided outside office hours waits for the morning.
NOTICE = "notice"


# --- access to the feature's services -------------------------------------------------------
def store(services: Services) -> MeetingStore:
    """The meetings repository registered by the composition root."""
    repo = services.get(MEETINGS)
    if repo is None:
        raise UserFacingError("meeting.unavailable")
    return repo


def config(services: Services) -> MeetingConfig:
    """Meeting defaults from settings."""
    return services.get(MEETING_CONFIG) or MeetingConfig()


def calendar(services: Services) -> BusinessCalendar:
    """The business calendar (jpholiday, closures, quiet hours)."""
    if services.calendar is None:
        raise UserFacingError("meeting.unavailable")
    return services.calendar


def scheduler(services: Services) -> JobScheduler:
    """The persistent job scheduler."""
    if services.scheduler is None:
        raise UserFacingError("meeting.unavailable")
    return services.scheduler


# --- ids ------------------------------------------------------------------------------------
def job_prefix(meeting_id: int) -> str:
    """Every job of one meeting starts with this."""
    return f"meeting:{meeting_id}:"


def reminder_job_id(meeting_id: int, occurrence_key: str, offset_key: str) -> str:
    """Deterministic id of one reminder of one occurrence."""
    return f"meeting:{meeting_id}:{occurrence_key}:{offset_key}"


def replan_job_id(meeting_id: int) -> str:
    """The job that plans the following occurrence once a meeting has started."""
    return f"meeting:{meeting_id}:replan"


def dedupe_key(meeting_id: int, occurrence_key: str, offset_key: str, person_id: int) -> str:
    """One outbox message per person per reminder, guaranteed by the outbox's unique key."""
    return f"meeting:{meeting_id}:{occurrence_key}:{offset_key}:{person_id}"


# --- planning -------------------------------------------------------------------------------
def offsets_of(meeting: Meeting, cfg: MeetingConfig) -> tuple[ReminderOffset, ...]:
    """The meeting's reminder offsets, or the configured default."""
    return parse_offsets(meeting.offsets_text or cfg.offsets_text)


async def upcoming(services: Services, meeting: Meeting, count: int) -> list[Occurrence]:
    """The next `count` scheduled (not skipped) occurrences, stored so that answers can refer to them."""
    cal = calendar(services)
    repo = store(services)
    set_day = (meeting.rule_set_at or services.clock.now()).astimezone(cal.tz).date()
    rule = parse_rule(meeting.rule_text, set_day)
    # A few more dates than asked for, so that skipped ones can be stepped over.
    now = services.clock.now()
    planned = plan_dates(rule, cal, meeting.shift_rule, now, count + 6)
    out: list[Occurrence] = []
    for p in planned:
        occ = await repo.ensure_occurrence(meeting.id, p.key, p.planned_date, p.starts_at, p.shift_reason)
        if occ.status is OccurrenceStatus.SCHEDULED:
            out.append(occ)
        if len(out) >= count:
            break
    # Dates of an earlier rule that were kept because liaisons had already been told or had
    # answered (see plan_meeting): they still take place.
    produced = {p.key for p in planned}
    kept = [o for o in await repo.list_occurrences(meeting.id, starts_after=now, statuses=(OccurrenceStatus.SCHEDULED,))
            if o.key not in produced]
    return sorted(out + kept, key=lambda o: o.starts_at)[:count]


def rule_keys(services: Services, meeting: Meeting) -> set[str]:
    """Keys of every date the meeting's current rule gives in the next year or so."""
    cal = calendar(services)
    set_day = (meeting.rule_set_at or services.clock.now()).astimezone(cal.tz).date()
    rule = parse_rule(meeting.rule_text, set_day)
    return {p.key for p in plan_dates(rule, cal, meeting.shift_rule, services.clock.now(), 40)}


@dataclass(frozen=True)
class Announced:
    """What liaisons already know or said about one meeting date."""

    sent: bool  # a reminder (or a manual send) reached them
    rsvps: int
    items: int
    # Only told that a new rule added the date (「日程追加」): a later rule may still replace it (and
    # says so: 「日程変更」), but calling it off tells everyone.
    told: bool = False

    def __bool__(self) -> bool:
        return self.sent or self.rsvps > 0 or self.items > 0


async def announced(services: Services, occ: Occurrence) -> Announced:
    """Whether a date was announced: invitations went out, or someone answered or sent an item."""
    repo = store(services)
    runs = await repo.reminder_runs(occ.id)
    added = f"{NOTICE}-{ADDED}"
    return Announced(any(r.recipients for k, r in runs.items() if k != added), len(await repo.list_rsvps(occ.id)),
                     len(await repo.list_items(occ.meeting_id, occurrence_id=occ.id)),
                     told=bool(runs.get(added) and runs[added].recipients))


async def invitees(services: Services, occ: Occurrence) -> list[Person]:
    """Everyone who should hear that a date is cancelled or moved: every liaison, and anyone
    else who answered or sent an item for it (a former liaison who said they would come)."""
    repo = store(services)
    people = list(await services.people.list(Role.LIAISON))
    seen = {p.id for p in people}
    others = {r.person_id for r in await repo.list_rsvps(occ.id)}
    others |= {i.person_id for i in await repo.list_items(occ.meeting_id, occurrence_id=occ.id) if i.person_id}
    if others - seen:
        everyone = {p.id: p for p in await services.people.list()}
        people += [everyone[pid] for pid in sorted(others - seen) if pid in everyone]
    return people


async def is_invited(services: Services, occ: Occurrence, person: Person) -> bool:
    """A liaison, or someone who already answered or sent an item for this date."""
    if person.has_role(Role.LIAISON):
        return True
    return any(p.id == person.id for p in await invitees(services, occ))


# How long a short reply (「行けないかも」) is read as being about the meeting the bot last spoke of.
RECENT_HOURS = 12


def recent_key(person_id: int) -> str:
    """State key: the meeting date the bot last spoke of to this person (an answer about it)."""
    return f"meeting-recent:{person_id}"


async def remember_spoken(services: Services, person: Person, occ: Occurrence) -> None:
    """Note that the bot just told this person about `occ` (「次の会議は…です」)."""
    await services.state.put(recent_key(person.id), {"occurrence_id": occ.id,
                                                     "at": services.clock.now().isoformat()})


async def recently_spoken(services: Services, person: Person) -> tuple[Meeting, Occurrence] | None:
    """The upcoming date the bot spoke of to this person in the last hours — an answer about the
    meeting, or an invitation or reminder they received — else None."""
    now = services.clock.now()
    since = now - timedelta(hours=RECENT_HOURS)
    found = await next_occurrence(services)
    if found is None or not await is_invited(services, found[1], person):
        return None
    occ = found[1]
    said = await services.state.get(recent_key(person.id))
    if said and said.get("occurrence_id") == occ.id and datetime.fromisoformat(str(said.get("at"))) >= since:
        return found
    runs = (await store(services).reminder_runs(occ.id)).values()
    if person.has_role(Role.LIAISON) and any(r.recipients and r.done_at and r.done_at >= since for r in runs):
        return found
    return None


async def carried_items(services: Services, meeting: Meeting, occ: Occurrence) -> list[MeetingItem]:
    """Items sent for dates called off (中止, スキップ) since the last date that was held: they are
    carried over to `occ`, the next date, and shown with its own items."""
    repo = store(services)
    earlier = [o for o in await repo.list_occurrences(meeting.id, starts_before=occ.starts_at)
               if o.id != occ.id]
    carried: list[MeetingItem] = []
    for o in reversed(earlier):
        if o.status is OccurrenceStatus.SCHEDULED:
            break  # held (or still to come): its items were taken up there
        carried = await repo.list_items(meeting.id, occurrence_id=o.id) + carried
    return carried


async def carried_to(services: Services, meeting: Meeting, occ: Occurrence) -> Occurrence | None:
    """The date that shows the items of `occ` once it is called off: the first date still planned
    after it (see `carried_items`), not merely the next meeting — a kept date called off after a
    rule change may come after the new rule's first date."""
    later = [o for o in await upcoming(services, meeting, 6) if o.starts_at > occ.starts_at and o.id != occ.id]
    return later[0] if later else None


async def items_for(services: Services, meeting: Meeting, occ: Occurrence,
                    person_id: int | None = None) -> list[MeetingItem]:
    """The items of a date: those carried over from dates called off first, then its own."""
    own = await store(services).list_items(meeting.id, occurrence_id=occ.id, person_id=person_id)
    carried = [i for i in await carried_items(services, meeting, occ) if person_id is None or i.person_id == person_id]
    return carried + own


async def next_occurrence(services: Services, meeting: Meeting | None = None) -> tuple[Meeting, Occurrence] | None:
    """The soonest upcoming meeting date (of one meeting, or of all active meetings)."""
    meetings = [meeting] if meeting is not None else await store(services).list_meetings()
    best: tuple[Meeting, Occurrence] | None = None
    for m in meetings:
        occs = await upcoming(services, m, 1)
        if occs and (best is None or occs[0].starts_at < best[1].starts_at):
            best = (m, occs[0])
    return best


def reminder_plan(services: Services, meeting: Meeting, occ: Occurrence) -> list[PlannedReminder]:
    """When each reminder of `occ` goes out (quiet hours already applied)."""
    return plan_reminders(occ.starts_at, offsets_of(meeting, config(services)), calendar(services))


async def plan_meeting(services: Services, meeting: Meeting) -> set[str]:
    """(Re)schedule the reminder jobs of one meeting from its rule; return the job ids wanted."""
    sched = scheduler(services)
    repo = store(services)
    prefix = job_prefix(meeting.id)
    if not meeting.active:
        for job_id in sched.job_ids(prefix):
            if f":{NOTICE}" not in job_id:  # a cancellation notice waiting for the morning still goes
                sched.cancel(job_id)
        return set()
    now = services.clock.now()
    # Dates that the current rule no longer gives (the rule changed) are marked replaced — unless
    # liaisons were already told of them or answered: those are kept until an admin cancels them
    # (`meeting cancel M-1 12/8`, which tells every invitee). Nothing a liaison entered is lost.
    keys = rule_keys(services, meeting)
    for occ in await repo.list_occurrences(meeting.id, starts_after=now, statuses=(OccurrenceStatus.SCHEDULED,)):
        if occ.key not in keys and not await announced(services, occ):
            await repo.set_occurrence_status(occ.id, OccurrenceStatus.REPLACED)
            sched.cancel_prefix(f"{prefix}{occ.key}:")
    occs = await upcoming(services, meeting, config(services).horizon)
    wanted: set[str] = set()
    for occ in occs:
        runs = await repo.reminder_runs(occ.id)
        for item in reminder_plan(services, meeting, occ):
            if item.offset.key in runs:
                continue  # already sent (or recorded as missed): never twice
            if meeting.rule_set_at is not None and item.due_at < meeting.rule_set_at:
                continue  # due before the meeting was set: not "late", simply not applicable
            job_id = reminder_job_id(meeting.id, occ.key, item.offset.key)
            sched.schedule(job_id, item.due_at, SEND_REMINDER, occ.id, item.offset.key)
            wanted.add(job_id)
    if occs:
        # Once the next meeting has started, plan the one after it (the chain never ends).
        sched.schedule(replan_job_id(meeting.id), occs[0].starts_at + timedelta(minutes=1), REPLAN, meeting.id,
                       occs[0].key)
        wanted.add(replan_job_id(meeting.id))
    for job_id in sched.job_ids(prefix):
        # Manual sends ("send now" waiting for office hours) and change notices waiting for the
        # morning are not part of the rule.
        if job_id not in wanted and f":{MANUAL}" not in job_id and f":{NOTICE}" not in job_id:
            sched.cancel(job_id)
    return wanted


async def rebuild_jobs(services: Services) -> int:
    """Rebuild every meeting job from the meeting table (run when a process becomes the leader)."""
    sched = scheduler(services)
    repo = store(services)
    known: set[int] = set()
    count = 0
    for meeting in await repo.list_meetings(active_only=False):
        known.add(meeting.id)
        try:
            count += len(await plan_meeting(services, meeting))
        except Exception:
            log.exception("could not plan meeting %s", meeting.id)
    for job_id in sched.job_ids("meeting:"):
        parts = job_id.split(":")
        if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) not in known:
            sched.cancel(job_id)
    return count


# --- notices to every invitee -----------------------------------------------------------------
CANCELLED = "cancelled"
# A notice waiting for the morning says whatever differs, by then, from what the invitees were
# last told (「日時変更」, 「場所変更」, or both in one message); nothing when it is back as told.
CHANGES = "changes"
# A rule replaced (eighth round): the dates it adds or removes in the coming weeks are told to the
# invitees, through the same one-notice-per-date job as a change.
ADDED = "added"
REMOVED = "removed"
NOTICE_WEEKS = 6


async def queue_notice(services: Services, meeting: Meeting, occ: Occurrence, what: str,
                       old: datetime | None = None) -> int:
    """「開催中止」「日時変更」「場所変更」「日時・場所変更」 to every invitee of a date, through the outbox,
    in one transaction (a crash queues all or none; again queues only what is missing). `old` is the
    start the invitees were told. How many."""
    tz = calendar(services).tz
    people = await invitees(services, occ)
    place_tag = hashlib.sha256(place_of(meeting, occ).encode("utf-8")).hexdigest()[:10]
    # One notice per new time / place (the same change decided twice is one notice).
    tag = {
        CANCELLED: CANCELLED,
        ADDED: f"added-{occ.starts_at.astimezone(tz):%Y%m%d%H%M}",
        REMOVED: f"removed-{occ.starts_at.astimezone(tz):%Y%m%d%H%M}",
        "rescheduled": f"rescheduled-{occ.starts_at.astimezone(tz):%Y%m%d%H%M}",
        "relocated": f"relocated-{place_tag}",
        "changed": f"changed-{occ.starts_at.astimezone(tz):%Y%m%d%H%M}-{place_tag}",
    }[what]
    messages = []
    sent_items: dict[int, int] = {}
    answered: dict[int, Rsvp] = {}
    following: Occurrence | None = None
    ask_for: Occurrence | None = None
    other_answers: dict[int, Occurrence] = {}
    repo = store(services)
    if what == CANCELLED:
        # The items sent for a date called off carry over to the date after it: their senders are told.
        for item in await repo.list_items(meeting.id, occurrence_id=occ.id):
            if item.person_id:
                sent_items[item.person_id] = sent_items.get(item.person_id, 0) + 1
        # An answer is for its date only: it is not moved to another date; its giver is asked again.
        answered = {r.person_id: r for r in await repo.list_rsvps(occ.id)}
        following = await carried_to(services, meeting, occ) if meeting.active else None
        found = await next_occurrence(services, meeting) if meeting.active else None
        ask_for = found[1] if found and found[1].id != occ.id else following
    if what in (ADDED, REMOVED):
        # Someone who answered for another date still planned: that answer stays with its date.
        for other in await upcoming(services, meeting, 4):
            if other.id != occ.id:
                for r in await repo.list_rsvps(other.id):
                    other_answers.setdefault(r.person_id, other)
        following = next((o for o in await upcoming(services, meeting, 4) if o.id != occ.id), None)
    rule = rule_label(meeting.rule_text, "ja")
    for person in people:
        lang = person.language if person.language in ("ja", "en") else services.config.default_language
        when = fmt_when(old or occ.starts_at, tz, lang)
        text = t(f"meeting.{what}.text", lang, title=meeting.title, when=when,
                 new=fmt_when(occ.starts_at, tz, lang), place=place_of(meeting, occ) or "-",
                 rule=rule if lang != "en" else rule_label(meeting.rule_text, "en"),
                 next=fmt_when(following.starts_at, tz, lang) if following else "-")
        if following is not None and person.id in sent_items:
            later = ask_for is not None and ask_for.id != following.id
            text += "\n" + t("meeting.cancelled.carried_later" if later else "meeting.cancelled.carried", lang,
                              count=sent_items[person.id],
                              next=fmt_when(following.starts_at, tz, lang))
        if what == CANCELLED and ask_for is not None and person.id in answered:
            text += "\n" + t("meeting.cancelled.ask_again", lang, answer=answer_label(answered[person.id], lang),
                              next=fmt_when(ask_for.starts_at, tz, lang))
        if person.id in other_answers:
            text += "\n" + t("meeting.added.answer_stays", lang,
                              when=fmt_when(other_answers[person.id].starts_at, tz, lang))
        reply = Reply(title=t(f"meeting.{what}.title", lang, title=meeting.title), text=text)
        messages.append((Destination("", "person", str(person.id)), reply,
                         dedupe_key(meeting.id, occ.key, tag, person.id)))
    await services.outbox.enqueue_many(messages)
    if what == ADDED and people:
        # The invitees now know of the date: it counts as announced (a later rule keeps it, and
        # calling it off tells them), like a date a reminder went out for.
        await repo.record_reminder(ReminderRun(occ.id, f"{NOTICE}-{ADDED}", "notice",
                                               done_at=services.clock.now(), recipients=len(people)))
    return len(people)


async def queue_changes(services: Services, meeting: Meeting, occ: Occurrence, what: str,
                        told_at: datetime, told_place: str) -> int:
    """The one notice of a date, against what its invitees were told (`told_at`, `told_place`):
    the cancellation; or the new time, the new place, or both in one message; or nothing when the
    date is back as it was told. How many are told."""
    if what == CANCELLED:
        return await queue_notice(services, meeting, occ, CANCELLED, told_at)
    moved = occ.starts_at != told_at
    relocated = place_of(meeting, occ) != told_place
    if not (moved or relocated):
        return 0
    kind = "changed" if moved and relocated else "rescheduled" if moved else "relocated"
    return await queue_notice(services, meeting, occ, kind, told_at)


def notice_job_id(meeting_id: int, occurrence_key: str) -> str:
    """One waiting notice per date: every change decided before the morning is one message."""
    return f"{job_prefix(meeting_id)}{occurrence_key}:{NOTICE}"


def waiting_notice(services: Services, meeting_id: int, occurrence_key: str) -> tuple[datetime, str] | None:
    """What the invitees were last told of a date whose notice waits for the morning (its start and
    place, kept in the waiting job itself — the job store is the queue), else None."""
    args = scheduler(services).job_args(notice_job_id(meeting_id, occurrence_key))
    if not args or len(args) < 5 or args[2] in (ADDED, REMOVED) or not args[3]:
        return None
    return datetime.fromisoformat(str(args[3])), str(args[4])


def cancel_date_jobs(services: Services, meeting_id: int, occurrence_key: str = "") -> None:
    """Cancel a date's jobs (or, without a key, the meeting's) except the notices waiting for the
    morning: a cancellation decided next is merged into them and must know what was told."""
    sched = scheduler(services)
    prefix = job_prefix(meeting_id) + (f"{occurrence_key}:" if occurrence_key else "")
    for job_id in sched.job_ids(prefix):
        if not job_id.endswith(f":{NOTICE}"):
            sched.cancel(job_id)


@dataclass
class Notice:
    """A change notice: how many invitees are told, when (None: at once), whether it was merged with
    one already waiting for the morning, and whether it was withdrawn (the date is back as told)."""

    told: int
    at: datetime | None = None
    merged: bool = False
    withdrawn: bool = False


async def notify_change(services: Services, meeting: Meeting, occ: Occurrence, what: str,
                        old: datetime | None = None, old_place: str | None = None) -> Notice:
    """Tell every invitee of a changed or cancelled date now, or — outside office hours, the hours
    the reminders keep — at the next business morning. `old`/`old_place` are the start and place
    before this change. Changes to one date decided before the morning are one notice: the waiting
    job keeps what the invitees were told, and in the morning says only the final state."""
    sched = scheduler(services)
    job_id = notice_job_id(meeting.id, occ.key)
    kind = waiting_kind(services, meeting.id, occ.key)
    if what in (ADDED, REMOVED) or (kind == ADDED and what != CANCELLED):
        return await notify_added_or_removed(services, meeting, occ, what)
    if kind in (ADDED, REMOVED):
        # Called off while its 「追加」 still waits: that notice is dropped, and whoever must hear of the
        # cancellation (the caller decides: someone answered) is told as for any date.
        sched.cancel(job_id)
    waiting = waiting_notice(services, meeting.id, occ.key)
    told_at, told_place = waiting or (old or occ.starts_at,
                                      place_of(meeting, occ) if old_place is None else old_place)
    what = CANCELLED if what == CANCELLED else CHANGES
    cal = calendar(services)
    now = services.clock.now()
    at = cal.next_open(now) if cal.is_quiet(now) else None
    if at is None or at >= occ.starts_at:
        # In office hours — or the meeting comes before the next morning: late is worse than quiet.
        if waiting:
            sched.cancel(job_id)
        told = await queue_changes(services, meeting, occ, what, told_at, told_place)
        return Notice(told, None, merged=waiting is not None, withdrawn=not told and what == CHANGES)
    if what == CHANGES and occ.starts_at == told_at and place_of(meeting, occ) == told_place:
        sched.cancel(job_id)  # changed back before anyone was told: nothing to say
        return Notice(0, None, merged=waiting is not None, withdrawn=True)
    sched.schedule(job_id, at, SEND_NOTICE, occ.id, what, told_at.isoformat(), told_place)
    return Notice(len(await invitees(services, occ)), at, merged=waiting is not None)


def waiting_kind(services: Services, meeting_id: int, occurrence_key: str) -> str:
    """What the notice waiting for the morning of a date is (「changes」, 「added」, …), or ""."""
    args = scheduler(services).job_args(notice_job_id(meeting_id, occurrence_key))
    return str(args[2]) if args and len(args) > 2 else ""  # (func, occurrence id, what, …)


async def notify_added_or_removed(services: Services, meeting: Meeting, occ: Occurrence, what: str) -> Notice:
    """A date the new rule adds (「日程追加」) or removes (「日程変更」) within the coming weeks, told to
    every invitee now or at the next business morning; added then removed (or the reverse) before
    the morning is nothing to say; a new time or place of a date whose 「追加」 waits is said by it."""
    sched = scheduler(services)
    job_id = notice_job_id(meeting.id, occ.key)
    waiting = waiting_kind(services, meeting.id, occ.key)
    if waiting == ADDED and what == CHANGES:
        # A new time or place of a date whose 「追加」 waits: that one notice says the final state.
        return Notice(len(await invitees(services, occ)), calendar(services).next_open(services.clock.now()),
                      merged=True)
    if waiting in (ADDED, REMOVED) and waiting != what:
        sched.cancel(job_id)  # added then removed before the morning (or the reverse): nothing to say
        return Notice(0, None, merged=True, withdrawn=True)
    cal = calendar(services)
    now = services.clock.now()
    at = cal.next_open(now) if cal.is_quiet(now) else None
    if at is None or at >= occ.starts_at:
        return Notice(await queue_notice(services, meeting, occ, what), None)
    sched.schedule(job_id, at, SEND_NOTICE, occ.id, what, "", "")
    return Notice(len(await invitees(services, occ)), at, merged=bool(waiting))


@jobs.job("send_notice")
async def send_notice(services: Services, occurrence_id: int | str, what: str, old_iso: str = "",
                      old_place: str | None = None) -> None:
    """Job: the notice of a date that waited for office hours goes out, with the meeting as it is
    now compared with what the invitees were told (`old_iso`, `old_place`)."""
    repo = store(services)
    occ = await repo.get_occurrence(int(occurrence_id))
    meeting = await repo.get_meeting(occ.meeting_id) if occ else None
    if what == CANCELLED:
        # A cancellation decided at night: the date must still be called off in the morning.
        gone = occ is None or meeting is None or occ.status not in (OccurrenceStatus.CANCELLED,
                                                                     OccurrenceStatus.SKIPPED)
    elif what == REMOVED:
        # A date a new rule removed: still gone in the morning (not given back by yet another rule).
        gone = occ is None or meeting is None or occ.status is OccurrenceStatus.SCHEDULED
    else:
        gone = occ is None or meeting is None or not meeting.active or occ.status is not OccurrenceStatus.SCHEDULED
    if gone or occ is None or meeting is None:
        log.info("change notice %s for occurrence %s dropped: the date is gone", what, occurrence_id)
        return
    if occ.starts_at <= services.clock.now():
        log.info("change notice %s for occurrence %s dropped: the meeting has started", what, occurrence_id)
        return
    if what in (ADDED, REMOVED):
        await queue_notice(services, meeting, occ, what)
        return
    old = datetime.fromisoformat(old_iso) if old_iso else None
    if what in (CANCELLED, CHANGES):
        told_place = place_of(meeting, occ) if old_place is None else old_place
        if not await queue_changes(services, meeting, occ, what, old or occ.starts_at, told_place):
            log.info("change notice for occurrence %s dropped: back as the invitees were told", occurrence_id)
        return
    # A job queued before notices were merged (one kind per job, `…:notice-relocated`): as it was.
    if old is not None and old == occ.starts_at:
        return  # moved back before anyone was told
    await queue_notice(services, meeting, occ, what, old)


# --- jobs -----------------------------------------------------------------------------------
@jobs.job("replan")
async def replan_meeting(services: Services, meeting_id: int | str, after_key: str = "") -> None:
    """Job: once the date `after_key` has started, plan the following occurrences of a meeting."""
    repo = store(services)
    meeting = await repo.get_meeting(int(meeting_id))
    if meeting is None:
        return
    now = services.clock.now()
    follows = [o for o in await repo.list_occurrences(meeting.id) if o.key == after_key]
    if follows and follows[0].starts_at > now:
        # Fired before the meeting it follows has started. On one process the scheduler and the
        # clock agree, so this only happens when clocks disagree; the planned jobs are intact.
        log.info("replan of meeting %s fired before %s started; nothing to do", meeting.id, after_key)
        return
    await plan_meeting(services, meeting)


@jobs.job("send_reminder")
async def send_reminder(services: Services, occurrence_id: int | str, offset_key: str) -> None:
    """Job: send one reminder of one occurrence to every liaison, if it is still useful now.

    Reloads the meeting and the occurrence; does nothing for a skipped or cancelled meeting;
    waits (re-schedules itself) during quiet hours; drops a reminder that is too late and tells
    the office instead.
    """
    repo = store(services)
    cal = calendar(services)
    cfg = config(services)
    occ = await repo.get_occurrence(int(occurrence_id))
    meeting = await repo.get_meeting(occ.meeting_id) if occ else None
    if occ is None or meeting is None or not meeting.active or occ.status is not OccurrenceStatus.SCHEDULED:
        log.info("reminder %s/%s: the meeting date is no longer scheduled", occurrence_id, offset_key)
        return
    if offset_key in await repo.reminder_runs(occ.id):
        return
    now = services.clock.now()
    offset = ReminderOffset.from_key(offset_key)
    if offset is None:
        due = now  # a manual "send now" that waited for office hours: late only by meeting start
        grace = occ.starts_at - now + timedelta(seconds=1)
    else:
        item = next((r for r in reminder_plan(services, meeting, occ) if r.offset.key == offset_key), None)
        if item is None:
            log.info("reminder %s/%s: no longer part of the meeting's reminders", occurrence_id, offset_key)
            return
        due, grace = item.due_at, cfg.grace
    job_id = reminder_job_id(meeting.id, occ.key, offset_key)
    if now < due - timedelta(minutes=1):
        # Fired early (clocks disagree): keep it for its time rather than remind too soon.
        scheduler(services).schedule(job_id, due, SEND_REMINDER, occ.id, offset_key)
        return
    decision = decide_delivery(now, due, occ.starts_at, grace, cal)
    if decision.action == "wait" and decision.at is not None:
        log.info("reminder %s: quiet hours, waiting until %s", job_id, decision.at.isoformat())
        scheduler(services).schedule(job_id, decision.at, SEND_REMINDER, occ.id, offset_key)
        return
    if decision.action == "drop":
        log.warning("reminder %s dropped (%s): due %s, now %s", job_id, decision.reason, due.isoformat(),
                    now.isoformat())
        if await repo.record_reminder(ReminderRun(occ.id, offset_key, "missed", due, now, 0)):
            await notify_admins_missed(services, meeting, occ, offset_key, due)
        return
    sent = await deliver_reminder(services, meeting, occ, offset_key, offset, late=decision.late)
    status = MANUAL if offset is None else ("late" if decision.late else "sent")
    await repo.record_reminder(ReminderRun(occ.id, offset_key, status, due, now, sent))
    plan = reminder_plan(services, meeting, occ)
    if offset is not None and plan and plan[-1].offset.key == offset_key:
        await send_summary_to_admins(services, meeting, occ, offset_key)


async def deliver_reminder(services: Services, meeting: Meeting, occ: Occurrence, offset_key: str,
                           offset: ReminderOffset | None, late: bool = False) -> int:
    """Enqueue the reminder for every liaison (exactly once each); returns how many."""
    cal = calendar(services)
    items = await items_for(services, meeting, occ)
    liaisons = await services.people.list(Role.LIAISON)
    messages = []
    today = services.clock.now().astimezone(cal.tz).date()
    for person in liaisons:
        lang = person.language if person.language in ("ja", "en") else services.config.default_language
        reply = render_reminder(meeting, occ, offset, cal.tz, lang, items, late=late, sent_on=today, cal=cal)
        messages.append((Destination("", "person", str(person.id)), reply,
                         dedupe_key(meeting.id, occ.key, offset_key, person.id)))
    # One transaction: a job that dies half-way queues nothing and runs again (the keys keep it once).
    await services.outbox.enqueue_many(messages)
    log.info("meeting %s %s reminder %s queued for %d liaisons", meeting.id, occ.key, offset_key, len(liaisons))
    return len(liaisons)


async def send_summary_to_admins(services: Services, meeting: Meeting, occ: Occurrence, tag: str) -> int:
    """The RSVP summary (and how many items were sent) to every admin, once per tag."""
    cal = calendar(services)
    repo = store(services)
    liaisons = await services.people.list(Role.LIAISON)
    rsvps = await repo.list_rsvps(occ.id)
    people = {p.id: p for p in await services.people.list()}
    items = await repo.list_items(meeting.id, occurrence_id=occ.id)
    admins = await services.people.list(Role.ADMIN)
    for admin in admins:
        lang = admin.language if admin.language in ("ja", "en") else services.config.default_language
        summary = render_rsvp_summary(meeting, occ, liaisons, rsvps, people, cal.tz, lang)
        text = summary.text + "\n" + t("meeting.summary.items", lang, count=len(items))
        await services.outbox.enqueue(Destination("", "person", str(admin.id)), summary.with_(text=text),
                                      dedupe_key(meeting.id, occ.key, f"summary-{tag}", admin.id))
    return len(admins)


async def notify_admins_missed(services: Services, meeting: Meeting, occ: Occurrence, offset_key: str,
                               due: datetime) -> None:
    """Tell the office that a reminder was not sent because it was too late to be useful."""
    cal = calendar(services)
    for admin in await services.people.list(Role.ADMIN):
        lang = admin.language if admin.language in ("ja", "en") else services.config.default_language
        text = t("meeting.missed.text", lang, title=meeting.title, when=fmt_when(occ.starts_at, cal.tz, lang),
                 due=fmt_when(due, cal.tz, lang), id=meeting.id)
        await services.outbox.enqueue(Destination("", "person", str(admin.id)), Reply(text=text),
                                      dedupe_key(meeting.id, occ.key, f"{offset_key}-missed", admin.id))


def manual_key(now: datetime) -> str:
    """Offset key of a manual send: one per minute, so a double click sends once."""
    return f"{MANUAL}{now.astimezone(UTC):%Y%m%d%H%M}"


def manual_requested_at(job_id: str) -> datetime | None:
    """When a manual send was asked for, from its job id (`…:manual202612050930`, UTC)."""
    stamp = job_id.rsplit(f":{MANUAL}", 1)[-1]
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError:
        return None


def pending_manual_sends(services: Services, meeting: Meeting, occ: Occurrence) -> list[tuple[str, datetime]]:
    """The 「今すぐ送信」 requests of one date that wait for office hours: (job id, when they go out)."""
    sched = scheduler(services)
    cal = calendar(services)
    out = []
    for job_id in sched.job_ids(f"{job_prefix(meeting.id)}{occ.key}:{MANUAL}"):
        next_run = getattr(sched, "next_run", None)
        at = next_run(job_id) if next_run is not None else None
        if at is None:
            requested = manual_requested_at(job_id)
            at = cal.next_open(requested) if requested is not None else None
        if at is not None:
            out.append((job_id, at))
    return sorted(out, key=lambda pair: pair[1])
