"""Check-in commands: answer, edit, start a campaign, see who answered, nudge, history, roadmap.

`/dx checkin` (「/dx 報告」) answers the open check-in; admins run `checkin start`, `status`,
`remind`, `roadmap add|remove` and `forms`; liaisons may see their department's history and
roadmap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core import confirm, vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.japanese_numbers import (
    join_week_words,
    month_end_offset,
    normalize,
    parse_date,
    percent_text,
)
from bot.core.messages import t
from bot.core.model import Role
from bot.core.replies import Choice, Destination, Reply
from bot.core.text import short_moment
from bot.core.vocabulary import RESUME_WORDS
from handlers.checkins import jobs, timing
from handlers.checkins.conversation import (
    begin,
    contacts_key,
    find_campaign,
    form_of,
    open_campaigns_for,
    router,
    service,
)
from handlers.checkins.model import Campaign, CampaignStatus, DepartmentMonth, ResponseStatus

_PERIOD = re.compile(r"^(\d{4})[-/年.](\d{1,2})月?$")
_DEADLINE_WORDS = ("締切", "締め切り", "〆切", "期限", "deadline", "due")
_FORM_WORDS = ("フォーム", "form")
_TARGET_WORDS = ("目標", "target", "期限")
_ANSWER_WORDS = {normalize(w) for w in ("answer", "回答", "回答する", "入力", "fill")}
# 「担当 佐藤」 (every department) or 「担当 市民課=佐藤,税務課=鈴木」: who answers a 相談 from the check-in.
_CONTACT = re.compile(r"(?:^|\s)(?:担当者?|相談担当|contact)\s*[:：は]?\s+(?P<spec>\S+)")
_CONTACT_PAIR = re.compile(r"^(?P<department>[^=＝:：]+)[=＝:：](?P<name>.+)$")


@router.command("checkin", role=Role.LIAISON, help_key="cmd.checkin")
async def answer_command(ctx: Context, args: str) -> None:
    """Start or continue the department's answers to the open check-in."""
    chosen = None
    first, _, rest = args.replace("\u3000", " ").strip().partition(" ")
    if first in RESUME_WORDS and rest.strip():
        # 「/dx 報告 再開 12/20」: an admin reopening the closed check-in with a new deadline
        # (「/dx 報告 再開」 alone is a liaison's 「続きから」, as before).
        if not ctx.person.has_role(Role.ADMIN):
            actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
            await ctx.services.audit.record(actor, "checkin reopen", rest.strip()[:200], "denied")
            raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
        await reopen_command(ctx, rest)
        return
    if m := _PERIOD.match(normalize(args)):
        period = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        chosen = await service(ctx).repo.latest_campaign(period)
        if chosen is None:
            raise UserFacingError("checkin.no_campaign_for", period=timing.period_label(period, ctx.lang))
    elif args.strip() and normalize(args) not in _ANSWER_WORDS and args not in RESUME_WORDS:
        raise UserFacingError("command.usage", usage=ctx.t("checkin.usage"))
    campaign = chosen or await find_campaign(ctx)
    tz = timing.tz_of(ctx.services)
    others = [c for c in await open_campaigns_for(ctx) if c.id != campaign.id]
    if others and chosen is None:
        # Two months open at once: answer the earliest due and say the other exists.
        await ctx.reply("\n".join(ctx.t("checkin.also_open", period=timing.period_label(c.period, ctx.lang),
                                         deadline=short_moment(c.deadline, tz, ctx.lang),
                                         month=c.period) for c in others))
    await begin(ctx, campaign)


@router.command("checkin edit", role=Role.LIAISON, help_key="cmd.checkin.edit")
async def edit_command(ctx: Context, args: str) -> None:
    """Reopen the department's submitted answers (until the deadline)."""
    svc = service(ctx)
    if not ctx.person.department:
        raise UserFacingError("checkin.no_department")
    for campaign in await svc.repo.campaigns((CampaignStatus.OPEN, CampaignStatus.CLOSED)):
        if await svc.repo.result_for(campaign.id, ctx.person.department) is not None:
            await begin(ctx, campaign, edit=True)
            return
    raise UserFacingError("checkin.edit.nothing")


def split_contacts(text: str) -> tuple[str, dict[str, str]]:
    """The `start` arguments without their 「担当 …」 part, and that part as {department or "*": name}."""
    contacts: dict[str, str] = {}
    m = _CONTACT.search(text.replace("\u3000", " "))
    if m is None:
        return text, contacts
    for part in re.split(r"[,、，]", m.group("spec")):
        if pair := _CONTACT_PAIR.match(part.strip()):
            contacts[pair.group("department").strip()] = pair.group("name").strip()
        elif part.strip():
            contacts["*"] = part.strip()
    rest = text.replace("\u3000", " ")
    return (rest[: m.start()] + " " + rest[m.end():]).strip(), contacts


async def resolve_contacts(ctx: Context, names: dict[str, str]) -> dict[str, int]:
    """{department or "*": person id} of the named people in charge; each must be in the roster
    and may answer requests (a liaison or an admin)."""
    found: dict[str, int] = {}
    for department, name in names.items():
        person = await ctx.services.people.find(name)
        if person is None:
            raise UserFacingError("checkin.start.unknown_contact", name=name)
        if not person.has_role(Role.LIAISON):
            raise UserFacingError("checkin.start.contact_role", name=person.display_name or name)
        found[department] = person.id
    return found


@dataclass(frozen=True)
class StartArgs:
    """What `checkin start` was given: the month, the deadline (and whether it was said as a
    month's end: 「月末」「今月末」「来月末」), the form."""

    period: str | None = None
    deadline: date | None = None
    month_end: bool = False
    form: str | None = None


def _month_of(period: str | None) -> tuple[int, int] | None:
    return (int(period[:4]), int(period[5:7])) if period else None


def parse_start_args(text: str, today: date) -> StartArgs:
    """`[YYYY-MM] [締切 日付] [フォーム id]`; the date in any form the core reads (「12/18」「来週の金曜」
    「今週末」「月末」). 「月末」 with an explicit month is that month's end (「2027-01 締切 月末まで」)."""
    period = deadline_text = form = None
    words = join_week_words(text.replace("\u3000", " ")).split()
    i = 0
    while i < len(words):
        word = normalize(words[i])
        for label in _DEADLINE_WORDS:
            if word.startswith(normalize(label)):
                rest = word[len(normalize(label)):].lstrip(":：はを")  # 「締切は明後日」
                if not rest and i + 1 < len(words):
                    i += 1
                    rest = words[i]
                if parse_date(rest, today) is None:
                    raise UserFacingError("checkin.start.bad_deadline", value=rest or "-")
                deadline_text = rest
                break
        else:
            if word in {normalize(x) for x in _FORM_WORDS} and i + 1 < len(words):
                i += 1
                form = words[i].strip()
            elif m := _PERIOD.match(word):
                if not 1 <= int(m.group(2)) <= 12:  # 「2026-13」: a month, but not one of twelve
                    raise UserFacingError("checkin.bad_period", value=words[i][:20])
                period = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
            elif parse_date(word, today) is not None:
                deadline_text = word
            else:
                raise UserFacingError("command.usage", usage="")
        i += 1
    if deadline_text is None:
        return StartArgs(period, None, False, form)
    # Read once the month is known, wherever it was typed: 「月末」 is the campaign month's end.
    deadline = parse_date(deadline_text, today, month=_month_of(period))
    return StartArgs(period, deadline, month_end_offset(deadline_text) is not None, form)


def settle_deadline(ctx: Context, day: date, period: str, month_end: bool,
                    command: str = "deadline") -> tuple[datetime, str]:
    """The deadline moment of a day, and the line saying how a closed day was moved ("" when not).

    A day before the reported month begins is refused. A closed day moves back to the business day
    before, as the assessment's deadline does (people answer at work, and a report due on Sunday is
    in by Friday): a month's end (「月末」) to the last business day of that month (12/31 closed for
    the year's end -> 12/28), a date to the day before it (12/13, a Sunday -> 12/11). It moves forward
    to the next business day only when the day before has passed (or is before the reported month)."""
    config = service(ctx).config
    tz = timing.tz_of(ctx.services)
    calendar = timing.calendar_of(ctx.services)
    # A day before today (「きのう」) is refused first, with an example of `command` (deadline, start,
    # reopen): a closed past day would otherwise move to the next business day, still ahead.
    today = timing.local_date(ctx.services.clock.now(), tz)
    if day < today:
        example = today + timedelta(days=7)
        while not calendar.is_business_day(example):
            example += timedelta(days=1)
        raise UserFacingError("checkin.deadline.past",
                              example=ctx.t(f"checkin.example.{command}", day=f"{example.month}/{example.day}"))
    first_day = date(int(period[:4]), int(period[5:7]), 1)
    if day < first_day:
        # A report on January cannot be due before January begins (「2027-01 締切 あした」).
        raise UserFacingError("checkin.start.before_period", day=_day_label(day, ctx.lang),
                              period=timing.period_label(period, ctx.lang), first=_day_label(first_day, ctx.lang))
    moved = ""
    if not calendar.is_business_day(day):
        closed_day = day
        back = calendar.shift(day, "previous")
        if (back >= first_day and (not month_end or back.month == day.month)
                and timing.at_local(back, config.deadline_time, tz) > ctx.services.clock.now()):
            day, key = back, "checkin.start.moved_back" if month_end else "checkin.start.moved_earlier"
        else:
            day, key = calendar.shift(day, "next"), "checkin.start.moved"
        moved = ctx.t(key, day=_day_label(closed_day, ctx.lang),
                      why=calendar.why_closed(closed_day) or ctx.t("checkin.closed_day"),
                      deadline=short_moment(timing.at_local(day, config.deadline_time, tz), tz, ctx.lang))
    deadline = timing.at_local(day, config.deadline_time, tz)
    if deadline <= ctx.services.clock.now():
        raise UserFacingError("checkin.start.past_deadline", deadline=short_moment(deadline, tz, ctx.lang))
    return deadline, moved


async def _release_waiting(ctx: Context) -> bool:
    """Send now the invitations of every open check-in that wait for office hours (a campaign
    started at night for next month too); False when none wait."""
    svc = service(ctx)
    released_any = False
    for campaign in await svc.repo.campaigns((CampaignStatus.OPEN,)):
        keys = [jobs.invitation_key(campaign.id, r.person_id) for r in await svc.repo.responses(campaign.id)]
        if released := await ctx.services.outbox.send_waiting_now(keys):
            ctx.services.outbox.wake()
            released_any = True
            await ctx.reply(ctx.t("checkin.start.released", period=timing.period_label(campaign.period, ctx.lang),
                                  count=released))
    return released_any


def _short_day(day: date, lang: str) -> str:
    return day.strftime("%d %b") if lang == "en" else f"{day.month}/{day.day}"


async def meeting_warning(ctx: Context, period: str, deadline: datetime, suggest: str) -> str:
    """「※ 締切（12/11）が今月の会議（12/9）より後です。…「締切 12/8」」 when the deadline falls after the
    first meeting still to come in the reported month; "" otherwise (or without the meetings job).
    `suggest`: the message key of the command shown with the day that would be in time."""
    meetings = service(ctx).meetings
    if meetings is None:
        return ""
    tz = timing.tz_of(ctx.services)
    now = ctx.services.clock.now()
    year, month = int(period[:4]), int(period[5:7])
    start = timing.at_local(date(year, month, 1), "00:00", tz)
    end = timing.at_local(date(year + month // 12, month % 12 + 1, 1), "00:00", tz)
    starts = await meetings.starts_between(max(start, now), end)
    if not starts or deadline <= starts[0]:
        return ""
    calendar = timing.calendar_of(ctx.services)
    meeting_day = timing.local_date(starts[0], tz)
    in_time = calendar.add_business_days(calendar.shift(meeting_day, "previous"),
                                         -max(service(ctx).config.deadline_days_before_meeting, 1))
    which = (ctx.t("checkin.meeting.this_month") if period == timing.period_of(now, tz)
             else timing.period_label(period, ctx.lang))
    line = ctx.t("checkin.meeting.after", deadline=_short_day(timing.local_date(deadline, tz), ctx.lang),
                 which=which, meeting=_short_day(meeting_day, ctx.lang))
    if in_time >= timing.local_date(now, tz):
        line += ctx.t(suggest, day=_short_day(in_time, ctx.lang))
    return line


@router.command("checkin start", role=Role.ADMIN, help_key="cmd.checkin.start")
async def start_command(ctx: Context, args: str) -> None:
    """Open a check-in now: invitations go to every liaison by DM."""
    svc = service(ctx)
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    today = timing.local_date(now, tz)
    words = args.replace("\u3000", " ").split()
    force = any(w in vocabulary.FORCE_WORDS for w in words)
    args = " ".join(w for w in words if w not in vocabulary.FORCE_WORDS)
    args, contact_names = split_contacts(args)
    contacts = await resolve_contacts(ctx, contact_names)
    try:
        given = parse_start_args(args, today)
    except UserFacingError as exc:
        if exc.key == "command.usage":
            raise UserFacingError("command.usage", usage=ctx.t("checkin.start.usage")) from None
        raise
    if force and given.period is None and given.deadline is None and await _release_waiting(ctx):
        return  # a bare 「開始 強制」 (or 「強制」 said alone): the waiting invitations of any open month
    config = svc.config
    form_id = given.form or config.default_form
    form_of(svc, form_id)
    period = given.period or timing.period_of(now, tz)
    deadline_day = given.deadline
    if deadline_day is None:
        deadline_day = timing.calendar_of(ctx.services).add_business_days(today, config.days_before_meeting)
    deadline, moved = settle_deadline(ctx, deadline_day, period, given.month_end, "start")
    existing = await svc.repo.latest_campaign(period)
    if existing is not None and existing.status is CampaignStatus.OPEN and force:
        # 「/dx 報告 開始 強制」 after starting at night: the waiting invitations go now.
        keys = [jobs.invitation_key(existing.id, r.person_id) for r in await svc.repo.responses(existing.id)]
        if released := await ctx.services.outbox.send_waiting_now(keys):
            ctx.services.outbox.wake()
            await ctx.reply(ctx.t("checkin.start.released", period=timing.period_label(period, ctx.lang),
                                  count=released))
            return
    if existing is not None and existing.status is CampaignStatus.OPEN:
        raise UserFacingError("checkin.start.already_open", period=timing.period_label(period, ctx.lang),
                              deadline=short_moment(existing.deadline, tz, ctx.lang))
    if existing is not None and existing.status is CampaignStatus.SCHEDULED:
        campaign = existing
        campaign.deadline, campaign.opens_at, campaign.form_id = deadline, now, form_id
        await svc.repo.update_campaign(campaign)
        jobs.unplan(ctx.services, jobs.job_id(campaign.id, "invite"))
    else:
        campaign = await svc.repo.create_campaign(form_id, period, now, deadline, config.max_nudges,
                                                  created_by=ctx.person.id)
    if contacts:
        await ctx.services.state.put(contacts_key(campaign.id), dict(contacts))
    # Started outside office hours: the invitations wait in the outbox for the next office hours,
    # as meeting notices do; 「強制」 sends them now.
    calendar = ctx.services.calendar
    send_at = None if force or calendar is None or not calendar.is_quiet(now) else calendar.next_open(now)
    invited = await jobs.invite(ctx.services, campaign.id, not_before=send_at)
    key = "checkin.start.done" if invited else "checkin.start.nobody"
    labels = {"period": timing.period_label(period, ctx.lang), "count": invited,
              "deadline": short_moment(deadline, tz, ctx.lang), "max_nudges": campaign.max_nudges}
    text = ctx.t(key, **labels)
    if invited and send_at is not None:
        text = ctx.t("checkin.start.done_deferred", at=short_moment(send_at, tz, ctx.lang), **labels)
    elif invited:
        sent, waiting, unreachable = await _reach_of_invited(ctx, campaign.id)
        if waiting or unreachable:
            # Count honestly: 「2名に依頼を送りました」 when nobody can receive it is a broken promise.
            text = "\n".join([ctx.t("checkin.start.done_partly", sent=sent, waiting=len(waiting),
                                     unreachable=len(unreachable), **labels), *waiting, *unreachable])
    if contacts:
        text += "\n" + await _contacts_line(ctx, contacts)
    if warning := await meeting_warning(ctx, period, deadline, "checkin.meeting.suggest_start"):
        text += "\n" + warning
    await ctx.reply(f"{moved}\n{text}" if moved else text)


async def _contacts_line(ctx: Context, contacts: dict[str, int]) -> str:
    people = await ctx.services.people.get_many(list(contacts.values()))
    parts = [ctx.t("checkin.start.contact_all" if department == "*" else "checkin.start.contact_department",
                   department=department, name=people[pid].display_name if pid in people else str(pid))
             for department, pid in contacts.items()]
    return ctx.t("checkin.start.contacts", contacts="、".join(parts))


async def _reach_of_invited(ctx: Context, campaign_id: int) -> tuple[int, list[str], list[str]]:
    """(sent now, lines for those waiting, lines for those who cannot be reached) of the invited."""
    sent, waiting, unreachable = 0, [], []
    for response in await service(ctx).repo.responses(campaign_id):
        person = await ctx.services.people.get(response.person_id)
        if person is None:
            continue
        how = "now" if ctx.services.reach is None else await ctx.services.reach(person)
        who = f"{person.display_name or person.id}（{response.department}）"
        platforms = how.partition(":")[2].split(",") if how.startswith("elsewhere:") else []
        if how == "now":
            sent += 1
        elif "slack" in platforms or "teams" in platforms:
            names = "・".join(ctx.t(f"checkin.platform.{p}") for p in platforms if p in ("slack", "teams"))
            waiting.append(ctx.t("checkin.start.waiting_line", who=who, platforms=names))
        elif "console" in platforms:
            waiting.append(ctx.t("checkin.start.waiting_console", who=who))
        elif platforms:
            unreachable.append(ctx.t("checkin.start.unreachable_email", who=who))
        else:
            unreachable.append(ctx.t("checkin.start.unreachable_none", who=who))
    return sent, waiting, unreachable


def _day_label(day: object, lang: str) -> str:
    """「12月6日（日）」 / "Sun 06 Dec"."""
    assert isinstance(day, date)
    if lang == "en":
        return day.strftime("%a %d %b %Y")
    return f"{day.year}年{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"


async def _campaign_arg(ctx: Context, args: str) -> Campaign:
    svc = service(ctx)
    period = None
    if args.strip():
        m = _PERIOD.match(normalize(args))
        if not m:
            raise UserFacingError("checkin.bad_period", value=args.strip()[:20])
        period = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    campaign = await svc.repo.latest_campaign(period)
    if campaign is None:
        raise UserFacingError("checkin.no_campaign")
    return campaign


@router.command("checkin status", role=Role.ADMIN, help_key="cmd.checkin.status")
async def status_command(ctx: Context, args: str) -> None:
    """Which departments answered (who, when, the rate), which are answering, which not yet."""
    svc = service(ctx)
    campaign = await _campaign_arg(ctx, args)
    tz = timing.tz_of(ctx.services)
    results = {r.department: r for r in await svc.repo.results(campaign.id)}
    responses = await svc.repo.responses(campaign.id)
    departments: dict[str, list[str]] = {}
    for person in await ctx.services.people.list(Role.LIAISON):
        if person.department:
            departments.setdefault(person.department, [])
    names: dict[int, str] = {}
    # Per person: was the invitation delivered, is it still queued, did it fail (issue 17)?
    states = await ctx.services.outbox.delivery_states([jobs.invitation_key(campaign.id, r.person_id)
                                                         for r in responses])
    counts = {"sent": 0, "waiting": 0, "failed": 0, "none": 0, "answered": 0}
    no_address = 0
    for response in responses:
        person = await ctx.services.people.get(response.person_id)
        name = person.display_name if person and person.display_name else str(response.person_id)
        names[response.person_id] = ctx.t("checkin.status.who", name=name)
        departments.setdefault(response.department, [])
        if response.status is ResponseStatus.SUBMITTED:
            counts["answered"] += 1
        state = states.get(jobs.invitation_key(campaign.id, response.person_id))
        kind = ("sent" if state == "sent" else "failed" if state == "failed" else "none" if state is None
                else "waiting")
        counts[kind] += 1
        if kind != "sent" and response.status is not ResponseStatus.SUBMITTED:
            # Fourteenth round: each one still pending is named with where their invitation stands —
            # 「鈴木さん（依頼送信待ち）」 — and someone no chat can reach is said so, not only 「送信失敗」.
            mark = "no_address" if person is not None and not person.has_chat_address() else kind
            no_address += mark == "no_address"
            names[response.person_id] = ctx.t("checkin.status.who_marked", name=name,
                                              mark=ctx.t(f"checkin.status.mark.{mark}"))
    lines = []
    for department in sorted(departments):
        result = results.get(department)
        if result is not None:
            who = names.get(result.submitted_by or 0) or ctx.t("checkin.someone")
            rate = percent_text(result.rate)
            key = "checkin.status.line_done_late" if result.late_submission else "checkin.status.line_done"
            lines.append(ctx.t(key, department=department, who=who, rate=rate,
                               when=short_moment(result.submitted_at, tz, ctx.lang)))
            continue
        mine = [r for r in responses if r.department == department]
        drafting = [names[r.person_id] for r in mine if r.status is ResponseStatus.DRAFT and r.session]
        nudges = max((r.nudges for r in mine), default=0)
        if drafting:
            lines.append(ctx.t("checkin.status.line_draft", department=department, who="、".join(drafting),
                               nudges=nudges))
        else:
            waiting = "、".join(names[r.person_id] for r in mine) or ctx.t("checkin.status.not_invited")
            lines.append(ctx.t("checkin.status.line_waiting", department=department, who=waiting, nudges=nudges))
    title = ctx.t("checkin.status.title", period=timing.period_label(campaign.period, ctx.lang),
                  done=len(results), total=len(departments), status=ctx.t(f"checkin.campaign.{campaign.status.value}"),
                  deadline=short_moment(campaign.deadline, tz, ctx.lang))
    if responses:
        lines.append(ctx.t("checkin.status.people", **counts))
        if no_address:
            lines.append(ctx.t("checkin.status.no_address", n=no_address))
        # Started at night: say when the queued invitations go out (JST), not only that they wait.
        later = await ctx.services.outbox.waiting_times([jobs.invitation_key(campaign.id, r.person_id)
                                                         for r in responses])
        lines += [ctx.t("checkin.status.scheduled", n=n, at=short_moment(at, tz, ctx.lang))
                  for at, n in sorted(later.items())]
    await ctx.reply(Reply(title=title, text="\n".join(lines) or ctx.t("checkin.status.empty"), ephemeral=True))


@router.command("checkin close", role=Role.ADMIN, help_key="cmd.checkin.close")
async def close_command(ctx: Context, args: str) -> None:
    """`/dx 報告 締切 [YYYY-MM]`: stop taking answers now (the earliest open campaign without a
    month); nudges stop and the admin sees which departments are missing."""
    svc = service(ctx)
    first, _, rest = args.replace("\u3000", " ").strip().partition(" ")
    if normalize(first).lstrip("をの") in _CHANGE_WORDS:
        # 「/dx 報告 締切 変更 12/18」 (with a space) is the deadline change, never the closing.
        await deadline_command(ctx, rest)
        return
    if args.strip() and not _PERIOD.match(normalize(args)) and _reads_as_day(args, ctx):
        # 「/dx 報告 締切 12/18」「締切 月末まで」: a new date was meant — closing now would be the
        # opposite, and 「年月として読み取れません」 no help (issue 15).
        await ctx.reply(ctx.t("checkin.close.date_given", value=args.strip()[:20]))
        return
    if args.strip():
        campaign = await _campaign_arg(ctx, args)
    else:
        open_ = await svc.repo.campaigns((CampaignStatus.OPEN,))
        if not open_:
            raise UserFacingError("checkin.close.nothing_open")
        campaign = min(open_, key=lambda c: c.deadline)
    period = timing.period_label(campaign.period, ctx.lang)
    if campaign.status is not CampaignStatus.OPEN:
        raise UserFacingError("checkin.close.not_open", period=period,
                              status=ctx.t(f"checkin.campaign.{campaign.status.value}"))
    await svc.repo.set_campaign_status(campaign.id, CampaignStatus.CLOSED, only_from=(CampaignStatus.OPEN,))
    if ctx.services.scheduler is not None:
        for kind in ("nudge", "remind", "deadline"):
            jobs.unplan(ctx.services, jobs.job_id(campaign.id, kind))
    missing = await jobs.missing_departments(ctx.services, campaign)
    submitted = len({r.department for r in await svc.repo.results(campaign.id)})
    lines = [ctx.t("checkin.close.done", period=period, submitted=submitted, total=submitted + len(missing))]
    lines += [f"・{department}（{'、'.join(names)}）" for department, names in missing.items()]
    await ctx.reply("\n".join(lines))


_CHANGE_WORDS = {"変更", "延長", "日変更", "日を変更", "日の変更", "change", "extend"}


def _reads_as_day(text: str, ctx: Context) -> bool:
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    text = join_week_words(text.replace("\u3000", " ")).strip()
    return parse_date(text, today) is not None or month_end_offset(text) is not None


def parse_deadline_args(text: str, today: date) -> tuple[str | None, date | None, bool]:
    """`[YYYY-MM] 日付` -> (period, the day, said as a month's end); None for an unreadable date."""
    period = None
    words = []
    for word in join_week_words(text.replace("\u3000", " ")).split():
        m = _PERIOD.match(normalize(word))
        if m and 1 <= int(m.group(2)) <= 12 and period is None:
            period = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        elif normalize(word).rstrip(":：はを") not in {normalize(w) for w in _DEADLINE_WORDS}:
            words.append(word)  # 「締切変更 締切は12/18」: the label again is no date
    said = " ".join(words).strip().lstrip(":：")
    day = parse_date(said, today, ahead=True, month=_month_of(period)) if said else None
    return period, day, month_end_offset(said) is not None if said else False


@router.command("checkin deadline", role=Role.ADMIN, help_key="cmd.checkin.deadline", audit=False)
async def deadline_command(ctx: Context, args: str) -> None:
    """`/dx 報告 締切変更 12/18` (延長, 締切延長, 締切を変更): move the open check-in's deadline (or a
    given month's). Liaisons who have not submitted are told the new deadline, once each, through
    the outbox; departments that submitted are not disturbed. Audited with the old and new
    deadline and how many were told (one entry, also when refused)."""
    await _audited(ctx, "checkin deadline", args, _change_deadline)


async def _audited(ctx: Context, action: str, args: str,
                   work: Callable[[Context, str], Awaitable[str]]) -> None:
    """Run *work* (which replies and returns what the audit entry says) and record one audit
    entry for *action*: the typed words, what was done, and ok / refused (with the reason)."""
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    detail, result = args.strip()[:200], "error"
    try:
        detail = f"{detail} | {await work(ctx, args)}"
        result = "ok"
    except UserFacingError as exc:
        result = f"refused: {exc.key}"
        raise
    finally:
        await ctx.services.audit.record(actor, action, detail[:500], result)


async def _change_deadline(ctx: Context, args: str) -> str:
    """Do the change and reply; returns what the audit entry says (「2026-12 … -> … 通知 1名」)."""
    svc = service(ctx)
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    period, day, month_end = parse_deadline_args(args, timing.local_date(now, tz))
    if day is None:
        shown = args.strip()[:20]
        raise UserFacingError("checkin.deadline.bad_date" if shown else "command.usage",
                              value=shown, usage=ctx.t("checkin.deadline.usage"))
    if period is not None:
        campaign = await svc.repo.latest_campaign(period)
        if campaign is None:
            raise UserFacingError("checkin.no_campaign_for", period=timing.period_label(period, ctx.lang))
    else:
        open_ = await svc.repo.campaigns((CampaignStatus.OPEN,))
        # None open: the latest one (a closed one says it is closed; a scheduled one may move).
        found = min(open_, key=lambda c: c.deadline) if open_ else await svc.repo.latest_campaign()
        if found is None:
            raise UserFacingError("checkin.close.nothing_open")
        campaign = found
    label = timing.period_label(campaign.period, ctx.lang)
    if campaign.status is CampaignStatus.CLOSED:
        raise UserFacingError("checkin.deadline.closed", period=label)
    deadline, moved = settle_deadline(ctx, day, campaign.period, month_end)
    old = campaign.deadline
    lines = [moved] if moved else []
    if deadline == old:
        lines.append(ctx.t("checkin.deadline.same", period=label, deadline=short_moment(old, tz, ctx.lang)))
        await ctx.reply("\n".join(lines))
        return f"{campaign.period} {old.isoformat()} (変更なし)"
    campaign.deadline = deadline
    await svc.repo.update_campaign(campaign)
    told = 0
    if campaign.status is CampaignStatus.OPEN:
        jobs.schedule_followups(ctx.services, campaign)
        told = await _tell_new_deadline(ctx, campaign, old)
    key = "checkin.deadline.done" if campaign.status is CampaignStatus.OPEN else "checkin.deadline.done_scheduled"
    lines.append(ctx.t(key, period=label, old=short_moment(old, tz, ctx.lang),
                       deadline=short_moment(deadline, tz, ctx.lang), count=told))
    if warning := await meeting_warning(ctx, campaign.period, deadline, "checkin.meeting.suggest_change"):
        lines.append(warning)
    await ctx.reply("\n".join(lines))
    return f"{campaign.period} {old.isoformat()} -> {deadline.isoformat()} 通知 {told}名"


@router.command("checkin reopen", role=Role.ADMIN, help_key="cmd.checkin.reopen", audit=False)
async def reopen_command(ctx: Context, args: str) -> None:
    """`/dx 報告 再開 12/20` (受付再開, 再オープン): open a closed check-in again with a new deadline
    (the latest closed one, or a given month's). Liaisons whose department has not submitted are
    told once each through the outbox; departments that submitted are not disturbed. Audited like
    `checkin deadline` (one entry, also when refused)."""
    await _audited(ctx, "checkin reopen", args, _reopen)


async def _reopen(ctx: Context, args: str) -> str:
    """Reopen and reply; returns what the audit entry says."""
    svc = service(ctx)
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    period, day, month_end = parse_deadline_args(args, timing.local_date(now, tz))
    if day is None:
        shown = args.strip()[:20]
        raise UserFacingError("checkin.reopen.bad_date" if shown else "command.usage",
                              value=shown, usage=ctx.t("checkin.reopen.usage"))
    if period is not None:
        found = await svc.repo.latest_campaign(period)
        if found is None:
            raise UserFacingError("checkin.no_campaign_for", period=timing.period_label(period, ctx.lang))
    else:
        closed = await svc.repo.campaigns((CampaignStatus.CLOSED,))
        found = closed[0] if closed else await svc.repo.latest_campaign()
        if found is None:
            raise UserFacingError("checkin.reopen.nothing_closed")
    campaign = found
    label = timing.period_label(campaign.period, ctx.lang)
    if campaign.status is not CampaignStatus.CLOSED:
        raise UserFacingError("checkin.reopen.not_closed", period=label,
                              status=ctx.t(f"checkin.campaign.{campaign.status.value}"))
    deadline, moved = settle_deadline(ctx, day, campaign.period, month_end, "reopen")
    if deadline <= now:
        raise UserFacingError("checkin.reopen.past", period=label, deadline=short_moment(deadline, tz, ctx.lang))
    # One transaction, from closed only (two admins at once reopen it once); the deadline report
    # is sent again at the new deadline.
    if not await svc.repo.reopen_campaign(campaign.id, deadline):
        raise UserFacingError("checkin.reopen.not_closed", period=label, status=ctx.t("checkin.campaign.open"))
    old = campaign.deadline
    campaign.deadline, campaign.status, campaign.reported_at = deadline, CampaignStatus.OPEN, None
    jobs.schedule_followups(ctx.services, campaign)
    told = await _tell_new_deadline(ctx, campaign, old, notice="reopen")
    lines = [moved] if moved else []
    lines.append(ctx.t("checkin.reopen.done", period=label, old=short_moment(old, tz, ctx.lang),
                       deadline=short_moment(deadline, tz, ctx.lang), count=told))
    if warning := await meeting_warning(ctx, campaign.period, deadline, "checkin.meeting.suggest_change"):
        lines.append(warning)
    await ctx.reply("\n".join(lines))
    return f"{campaign.period} 再開 {old.isoformat()} -> {deadline.isoformat()} 通知 {told}名"


async def _tell_new_deadline(ctx: Context, campaign: Campaign, old: datetime, notice: str = "deadline") -> int:
    """Queue one message per liaison still to answer (never to a department that submitted):
    `notice` "deadline" for a moved deadline, "reopen" for a closed check-in opened again."""
    svc = service(ctx)
    tz = timing.tz_of(ctx.services)
    done = {r.department for r in await svc.repo.results(campaign.id)}
    told = 0
    for response in await svc.repo.responses(campaign.id):
        if response.status not in jobs.OPEN_STATES or response.department in done:
            continue
        person = await ctx.services.people.get(response.person_id)
        lang = person.language if person is not None and person.language in ("ja", "en") else \
            ctx.services.config.default_language
        started = response.status is ResponseStatus.DRAFT and bool(response.session)
        button = (Choice(t("checkin.resume.button", lang), "checkin.resume", str(response.id)) if started
                  else Choice(t("checkin.begin.button", lang), "checkin.begin", str(campaign.id), "primary"))
        reply = Reply(
            title=t(f"checkin.{notice}.notice_title", lang, period=timing.period_label(campaign.period, lang)),
            text=t(f"checkin.{notice}.notice_text", lang, department=response.department,
                          period=timing.period_label(campaign.period, lang),
                          deadline=short_moment(campaign.deadline, tz, lang),
                          old=short_moment(old, tz, lang)),
            choices=(button,),
        )
        await ctx.services.outbox.enqueue(Destination("", "person", str(response.person_id)), reply,
                                          dedupe_key=deadline_notice_key(campaign, response.person_id, notice))
        told += 1
    ctx.services.outbox.wake()
    return told


def deadline_notice_key(campaign: Campaign, person_id: int, notice: str = "deadline") -> str:
    """The outbox dedupe key of a liaison's notice of a new deadline (one per person and deadline);
    a reopening has its own (`checkin:reopen:…`)."""
    kind = "deadline-change" if notice == "deadline" else notice
    return f"checkin:{kind}:{campaign.id}:{person_id}:{campaign.deadline:%Y%m%dT%H%M}"


@router.command("checkin remind", role=Role.ADMIN, help_key="cmd.checkin.remind")
async def remind_command(ctx: Context, args: str) -> None:
    """Nudge now everyone who has not answered (within the per-person cap, in working hours)."""
    svc = service(ctx)
    campaigns = await svc.repo.campaigns((CampaignStatus.OPEN,))
    if not campaigns:
        raise UserFacingError("checkin.no_campaign")
    tz = timing.tz_of(ctx.services)
    campaign = campaigns[0]
    # 「強制」 sends now outside working hours, as 「/dx 診断 催促 強制」 does.
    force = any(w in vocabulary.FORCE_WORDS for w in args.replace("\u3000", " ").split())
    # Who is to be reminded, named before the run counts them (a run records each nudge).
    who = await _to_remind(ctx, campaign)
    if not who:
        # Nobody left: nothing is scheduled, and a request waiting for office hours is dropped.
        jobs.unplan(ctx.services, jobs.job_id(campaign.id, "remind"))
        submitted = await _all_submitted(ctx, campaign)
        await ctx.reply(ctx.t("checkin.remind.all_done") if submitted
                        else ctx.t("checkin.remind.none", max_nudges=campaign.max_nudges))
        return
    sent, deferred = await jobs.nudge(ctx.services, campaign.id, manual=True, force=force)
    if deferred is not None:
        text = ctx.t("checkin.remind.deferred", when=short_moment(deferred, tz, ctx.lang))
        await ctx.reply("\n".join([text, ctx.t("checkin.remind.who", names="、".join(who))]) if who else text)
    elif not force and timing.calendar_of(ctx.services).is_quiet(ctx.services.clock.now()):
        raise UserFacingError("checkin.remind.quiet")
    elif sent:
        await ctx.reply("\n".join([ctx.t("checkin.remind.sent", count=sent),
                                   ctx.t("checkin.remind.who", names="、".join(who))]))
    else:
        await ctx.reply(ctx.t("checkin.remind.none", max_nudges=campaign.max_nudges))


async def _all_submitted(ctx: Context, campaign: Campaign) -> bool:
    """Every department asked has submitted (or answered): nobody is left to remind."""
    svc = service(ctx)
    done = {r.department for r in await svc.repo.results(campaign.id)}
    return all(r.status not in jobs.OPEN_STATES or r.department in done for r in await svc.repo.responses(campaign.id))


async def _to_remind(ctx: Context, campaign: Campaign) -> list[str]:
    """「市民課 佐藤 花子」 for each liaison a manual reminder would reach now: not answered, their
    department not submitted, under the campaign's cap."""
    svc = service(ctx)
    done = {r.department for r in await svc.repo.results(campaign.id)}
    out = []
    for response in await svc.repo.responses(campaign.id):
        if (response.status not in jobs.OPEN_STATES or response.department in done
                or response.nudges >= campaign.max_nudges):
            continue
        person = await ctx.services.people.get(response.person_id)
        name = person.display_name if person and person.display_name else str(response.person_id)
        out.append(f"{response.department} {name}")
    return out


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "±" if value == 0 else "") + f"{value:.1f}"


def render_history(ctx: Context, months: list[DepartmentMonth]) -> str:
    """Lines per department: month, rate, change from the previous month, late roadmap items."""
    lines: list[str] = []
    current = None
    for m in months:
        if m.department != current:
            current = m.department
            lines.append(f"■ {m.department}")
        lines.append(ctx.t("checkin.history.line", period=timing.period_label(m.period, ctx.lang), rate=percent_text(m.rate),
                           change=_change(m.change), online=m.online if m.online is not None else "-",
                           in_scope=m.in_scope if m.in_scope is not None else "-", late=m.items_late,
                           items=m.items_total))
    return "\n".join(lines)


@router.command("checkin history", role=Role.LIAISON, help_key="cmd.checkin.history")
async def history_command(ctx: Context, args: str) -> None:
    """Rates per month with the change; admins see every department and the spread."""
    svc = service(ctx)
    department = args.strip() or None
    is_admin = ctx.person.has_role(Role.ADMIN)
    if not is_admin:
        if department and department != ctx.person.department:
            raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
        department = ctx.person.department or None
        if department is None:
            raise UserFacingError("checkin.no_department")
    months = await svc.repo.department_history(department, months=6)
    if not months:
        await ctx.reply(ctx.t("checkin.history.empty"))
        return
    text = render_history(ctx, months)
    if is_admin and department is None:
        latest = max(m.period for m in months)
        spread = await svc.repo.spread(latest)
        if spread.departments:
            text += "\n\n" + ctx.t("checkin.history.spread", period=timing.period_label(latest, ctx.lang),
                                   count=spread.departments, min=percent_text(spread.minimum), max=percent_text(spread.maximum),
                                   median=percent_text(spread.median), stdev=f"{spread.stdev or 0:.1f}",
                                   lowest="、".join(spread.lowest), highest="、".join(spread.highest))
    await ctx.reply(Reply(title=ctx.t("checkin.history.title"), text=text, ephemeral=True))


# --- roadmap items ------------------------------------------------------------------------
def parse_roadmap_args(text: str) -> tuple[str, str, str]:
    """`<部署> <項目> [目標 YYYY-MM]` or `部署 | 項目 | 目標` -> (department, title, target)."""
    text = text.replace("\u3000", " ").strip()
    if "|" in text or "｜" in text:
        parts = [p.strip() for p in re.split(r"[|｜]", text)]
        parts += ["", ""]
        return parts[0], parts[1], parts[2]
    words = text.split()
    if len(words) < 2:
        return "", "", ""
    department, rest = words[0], words[1:]
    target = ""
    if len(rest) >= 2 and normalize(rest[-2]) in {normalize(w) for w in _TARGET_WORDS}:
        target, rest = rest[-1], rest[:-2]
    elif len(rest) >= 2 and re.fullmatch(r"\d{4}[-/.]\d{1,2}", normalize(rest[-1])):
        target, rest = rest[-1], rest[:-1]
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", normalize(target)) if target else None
    if m:
        target = f"{m.group(1)}-{int(m.group(2)):02d}"
    return department, " ".join(rest), target


@router.command("checkin roadmap add", role=Role.ADMIN, help_key="cmd.checkin.roadmap.add")
async def roadmap_add_command(ctx: Context, args: str) -> None:
    """Add a roadmap item that the department's liaisons report on every month."""
    department, title, target = parse_roadmap_args(args)
    if not department or not title:
        raise UserFacingError("command.usage", usage=ctx.t("checkin.roadmap.usage"))
    if len(title) > 200 or len(department) > 100:
        raise UserFacingError("checkin.roadmap.too_long")
    item = await service(ctx).repo.add_roadmap_item(department, title, target)
    await ctx.reply(ctx.t("checkin.roadmap.added", id=item.id, department=department, title=title,
                          target=target or "-"))


@router.command("checkin roadmap list", role=Role.LIAISON, help_key="cmd.checkin.roadmap.list")
async def roadmap_list_command(ctx: Context, args: str) -> None:
    """Roadmap items of a department (liaisons: their own), or of all departments (admins)."""
    department = args.strip() or None
    if not ctx.person.has_role(Role.ADMIN):
        department = ctx.person.department or ""
    items = await service(ctx).repo.roadmap_items(department)
    if not items:
        await ctx.reply(ctx.t("checkin.roadmap.empty"))
        return
    lines = [ctx.t("checkin.roadmap.line", id=i.id, department=i.department, title=i.title, target=i.target or "-")
             for i in items]
    await ctx.reply(Reply(title=ctx.t("checkin.roadmap.title", count=len(items)), text="\n".join(lines),
                          ephemeral=True))


@router.command("checkin roadmap remove", role=Role.ADMIN, help_key="cmd.checkin.roadmap.remove")
async def roadmap_remove_command(ctx: Context, args: str) -> None:
    """Stop asking about a roadmap item (its history is kept)."""
    m = re.fullmatch(r"\s*[rR]?-?(\d+)\s*", normalize(args) if args else "")
    if not m:
        raise UserFacingError("command.usage", usage=ctx.t("checkin.roadmap.remove_usage"))
    item = await service(ctx).repo.deactivate_roadmap_item(int(m.group(1)))
    if item is None:
        raise UserFacingError("checkin.roadmap.not_found", id=m.group(1))
    await ctx.reply(ctx.t("checkin.roadmap.removed", id=item.id, department=item.department, title=item.title))


@router.command("checkin forms", role=Role.ADMIN, help_key="cmd.checkin.forms")
async def forms_command(ctx: Context, args: str) -> None:
    """The forms available for campaigns, and problems of admins' form files."""
    svc = service(ctx)
    lines = [ctx.t("checkin.forms.line", id=f.id, title=f.title.get(ctx.lang) or f.title.get("ja", ""),
                   source=svc.form_sources.get(f.id, "-")) for f in svc.forms.values()]
    for path, problems in svc.form_errors.items():
        lines.append(ctx.t("checkin.forms.error", path=path, problems="; ".join(problems[:5])))
    await ctx.reply(Reply(title=ctx.t("checkin.forms.title"), text="\n".join(lines), ephemeral=True))



# 「進捗報告を始めたい。締切は１２月１０日で」「報告の依頼を出したい、締切12/18」: an admin asking in plain
# words for `/dx 報告 開始` (walk-through round 7). A campaign start sends invitations to every
# liaison, so it is never run from plain words: one line names the exact command, built from the
# deadline they said when it can be read.
_START_WISH = re.compile(r"(?:進捗報告|報告|進捗|しんちょく|ほうこく|チェックイン|ちぇっくいん|check-?in)(?:を|の|は)?(?:[^?？]{0,4}?(?:始め|はじめ|開始|スタート)"
                         r"|(?:の)?(?:依頼|お願い|おねがい)(?:を|の)?(?:出し|だし|送り|おくり|配信し|かけ))")
_START_DEADLINE = re.compile(r"(?:締切|締め切り|〆切|しめきり|期限)(?:日)?\s*(?:は|を|:|：)?\s*(?P<when>.+?)"
                             r"(?:で|に|まで|にして|にします|でお願いします|でおねがいします|でよろしく|です)?[。.!！]*$")


def is_start_wish(folded: str) -> bool:
    """「進捗報告を始めたい。締切は12月10日で」 (folded text): a wish to start a check-in, not a question."""
    text = unicodedata.normalize("NFKC", folded).strip()
    return (len(text) <= 60 and not text.startswith(("/", "／")) and _START_WISH.search(text) is not None
            and not vocabulary.looks_like_question(text))


START_WISH_DIALOG = "checkin.start_wish"


def deadline_in_words(text: str, today: date) -> date | None:
    """The deadline said in 「締切は１２月１０日で」「12/18で」「来週の金曜まで」, or None."""
    said = unicodedata.normalize("NFKC", text).strip()
    found = _START_DEADLINE.search(said)
    when = found.group("when") if found else re.sub(
        r"(?:まで|までに|で|にして|にします|でお願いします|でおねがいします|でよろしく|です)?[。.!！]*$", "", said)
    if not when.strip():
        return None
    try:
        return parse_start_args(f"締切 {when.strip()}", today).deadline
    except UserFacingError:
        return None


@router.message(when=is_start_wish, priority=94)  # before a liaison's 「報告やります」 (95) and the FAQ desk
async def propose_start(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's plain-words wish to start a check-in (「チェックイン始めて」「進捗報告を始めたい。締切は
    12/10で」): the deadline is asked for when none was said, then 「次の内容で開始します: …　よろしいです
    か？ [はい][直す][やめる]」; 「はい」 runs `/dx 報告 開始 締切 …` as the slash command does."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    found = _START_DEADLINE.search(unicodedata.normalize("NFKC", msg.text).strip())
    deadline = deadline_in_words(found.group(0), today) if found else None
    await continue_start(ctx, deadline)
    return True


async def continue_start(ctx: Context, deadline: date | None) -> None:
    """Ask for the deadline, or show what will be started."""
    if deadline is None:
        await confirm.ask(ctx, START_WISH_DIALOG, {}, ctx.t("checkin.start.ask_deadline"))
        return
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    command = f"報告 開始 締切 {deadline.month}/{deadline.day}"
    shown = command if ctx.lang == "ja" else f"checkin start deadline {deadline.month}/{deadline.day}"
    day = (deadline.strftime("%a %d %b") if ctx.lang == "en"
           else f"{deadline.month}月{deadline.day}日（{'月火水木金土日'[deadline.weekday()]}）")
    period = timing.period_label(timing.period_of(now, tz), ctx.lang)
    text = ctx.t("checkin.start.confirm", period=period, deadline=day, command=f"/dx {shown}")
    await confirm.propose(ctx, START_WISH_DIALOG, {"deadline": deadline.isoformat()}, text, command,
                          what=ctx.t("checkin.start.pending", period=period, deadline=day))


_ask_deadline_again = confirm.ask_fix_with(START_WISH_DIALOG, "checkin.start.ask_deadline")


@router.action(START_WISH_DIALOG)
async def press_start_wish(ctx: Context, action: ActionReceived) -> None:
    """[はい] starts it (the slash command's own path), [直す] asks the deadline again, [やめる] drops it."""
    await confirm.answer_pressed(ctx, action, START_WISH_DIALOG, _ask_deadline_again)


@router.dialog(START_WISH_DIALOG)
async def typed_start_wish(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい / 直す / やめる, or the deadline asked for (「12/18」「来週の金曜で」)."""
    if await confirm.answer_typed(ctx, msg.text, data, _ask_deadline_again):
        return True
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    deadline = deadline_in_words(msg.text, today)
    if deadline is not None:
        await continue_start(ctx, deadline)
        return True
    if ctx.claimed_elsewhere(msg.text):
        return False  # a question or another job's message; the start waits
    await ctx.reply(ctx.t("checkin.start.again" if data.get("step") == "confirm" else "checkin.start.ask_deadline"))
    return True


# --- a reminder asked for in plain words (twelfth round) ------------------------------------------
# 「未提出の人に催促して」「報告まだの課にリマインドしといて」: `/dx 報告 催促`, which sends messages, so
# it is confirmed first (「未提出の2名（…）に進捗報告の催促を送ります…よろしいですか？」).
_REMIND_VERB = re.compile(r"(催促|さいそく|督促|とくそく|リマインド|りまいんど|念押し)")
_REMIND_WHO = re.compile(r"(未提出|みていしゅつ|未回答|未報告|まだ|出してない|だしてない|提出してない|報告してない|報告|ほうこく|進捗|しんちょく|チェックイン)")
# Another job's reminder, or one not wanted (「リマインドはまだ送らないで」).
_REMIND_OTHER = re.compile(r"(診断|しんだん|アセスメント|会議|かいぎ|出欠|しゅっけつ|faq|質問|ないで|なくて|不要|いらない|やめ|止め|した[?？]?$|しました)")
REMIND_DIALOG = "checkin.remind_wish"


def is_remind_wish(folded: str) -> bool:
    """「未提出の人に催促して」「報告まだの課にリマインドしといて」 (folded text), not a question."""
    text = unicodedata.normalize("NFKC", folded).strip()
    return (len(text) <= 40 and not text.startswith(("/", "／")) and _REMIND_VERB.search(text) is not None
            and _REMIND_WHO.search(text) is not None and _REMIND_OTHER.search(text) is None
            and not vocabulary.looks_like_question(text))


@router.message(when=is_remind_wish, priority=94)
async def propose_remind(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's 「未提出の人に催促して」: who would be reminded, and [はい][直す][やめる]; 「はい」 runs
    `/dx 報告 催促` (the slash command's path: office hours, the cap, the audit)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    campaigns = await service(ctx).repo.campaigns((CampaignStatus.OPEN,))
    if not campaigns:
        raise UserFacingError("checkin.no_campaign")
    who = await _to_remind(ctx, campaigns[0])
    if not who:
        await remind_command(ctx, "")  # says who is left (nobody) the command's own way
        return True
    command = "報告 催促"
    shown = command if ctx.lang == "ja" else "checkin remind"
    text = ctx.t("checkin.remind.confirm", count=len(who), names="、".join(who), command=f"/dx {shown}")
    await confirm.propose(ctx, REMIND_DIALOG, {}, text, command, what=ctx.t("checkin.remind.pending"))
    return True


_ask_remind_fix = confirm.ask_fix_with(REMIND_DIALOG, "checkin.remind.what_to_fix")


@router.action(REMIND_DIALOG)
async def press_remind_wish(ctx: Context, action: ActionReceived) -> None:
    """[はい] sends the reminders, [直す] says how, [やめる] drops it."""
    await confirm.answer_pressed(ctx, action, REMIND_DIALOG, _ask_remind_fix)


@router.dialog(REMIND_DIALOG)
async def typed_remind_wish(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい / 直す / やめる; anything else is handled as what it is (nothing is sent)."""
    if await confirm.answer_typed(ctx, msg.text, {**data, "step": "confirm"}, _ask_remind_fix):
        return True
    await ctx.end_dialog()
    return False
