"""Admin side of the assessment: start a campaign, follow participation, read and export results.

`/dx assessment start [all | 部署,部署] [締切 YYYY-MM-DD] [named|pseudonymous]` invites everyone (or
the chosen departments) with a quick poll; `status`, `results`, `export [csv|xlsx] [個人]`, `remind`
and `close` follow it. Results never show a group smaller than the minimum group size.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta

from bot.core import vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.japanese_numbers import join_week_words
from bot.core.japanese_numbers import parse_date as parse_spoken_date
from bot.core.model import Person, Role
from bot.core.replies import Attachment, Choice, Destination, Reply
from bot.core.text import fold, short_moment
from handlers.assessment import analysis
from handlers.assessment.model import Campaign, CampaignMode, Participation, Table
from handlers.assessment.ports import ResultExporter
from handlers.assessment.registry import kit, local_now, local_today, router
from handlers.assessment.reminders import (
    business_deadline,
    is_quiet,
    job_id,
    next_open,
    request_reminders,
    requested_job_id,
    schedule_next,
    why_closed,
)
from handlers.assessment.render import (
    day_text,
    individual_table,
    mode_text,
    render_invitation,
    render_results,
    render_status,
    result_tables,
)

_ALL = {"all", "全員", "全体", "全庁", "全職員", "everyone", "全部署"}
_DEADLINE_WORDS = ("締切", "締め切り", "〆切", "期限", "deadline", "due")
_MODES = {
    "named": CampaignMode.NAMED, "記名": CampaignMode.NAMED, "実名": CampaignMode.NAMED,
    "pseudonymous": CampaignMode.PSEUDONYMOUS, "anonymous": CampaignMode.PSEUDONYMOUS,
    "匿名": CampaignMode.PSEUDONYMOUS, "仮名": CampaignMode.PSEUDONYMOUS, "無記名": CampaignMode.PSEUDONYMOUS,
}
_DATE = re.compile(r"^(?:(\d{4})[-/年.])?(\d{1,2})[-/月.](\d{1,2})日?$")
_DEPT_SPLIT = re.compile(r"[,、，]")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TABLE_FILES = ("categories", "departments", "questions", "training_plan", "change")


def parse_date(text: str, today: date) -> date | None:
    """A deadline in any form the core reads (2026-12-15, 12/18, あした, 来週の金曜日, 今週末,
    今月末…; a month and day already past is next year's). None if it is not a date; a date that
    cannot exist (12/32) is an error."""
    day = parse_spoken_date(text, today, ahead=True)
    if day is None and _DATE.match(fold(text)):
        raise UserFacingError("assessment.start.bad_date", text=text)
    return day


def parse_start(args: str, today: date, default_mode: CampaignMode,
                default_days: int | None) -> tuple[list[str], list[Role], date | None, CampaignMode]:
    """Departments and roles ([] and [] = everyone), deadline and mode from the `start` arguments
    (no deadline given: `default_days` from today, or None when that is None)."""
    departments: list[str] = []
    roles: list[Role] = []
    everyone = False
    deadline: date | None = None
    mode = default_mode
    after_deadline_word = False
    for token in join_week_words(args.replace("\u3000", " ")).split():
        word = fold(token)
        for prefix in _DEADLINE_WORDS:
            if word.startswith(prefix) and word != prefix:
                word = word[len(prefix):].lstrip(":：はを")
                token = word
                after_deadline_word = True
                break
        if word in _DEADLINE_WORDS:
            after_deadline_word = True
            continue
        expects_date, after_deadline_word = after_deadline_word, False
        role = Role.parse(word)
        if word in _ALL:
            everyone = True
        elif word in _MODES:
            mode = _MODES[word]
        elif (day := parse_date(token, today)) is not None:
            deadline = day
        elif expects_date:
            raise UserFacingError("assessment.start.bad_date", text=token)
        elif role is not None and role is not Role.ADMIN:
            roles.append(role)
        else:
            departments += [d.strip() for d in _DEPT_SPLIT.split(token) if d.strip()]
    if everyone and (departments or roles):
        raise UserFacingError("assessment.start.all_and_departments")
    if deadline is None:
        return departments, list(dict.fromkeys(roles)), (
            None if default_days is None else today + timedelta(days=default_days)), mode
    if deadline < today:
        # Refused before a closed day moves it (「きのう」 on a Saturday would become Monday, still ahead).
        example = today + timedelta(days=7)
        raise UserFacingError("assessment.start.past_deadline", deadline=deadline.isoformat(),
                              example=f"{example.month}/{example.day}")
    return departments, list(dict.fromkeys(roles)), deadline, mode


async def _campaign_arg(ctx: Context, args: str) -> tuple[Campaign, list[str]]:
    """The campaign named by a `#3` / `3` argument, else the open one, else the latest."""
    store = kit(ctx.services).store
    rest: list[str] = []
    campaign: Campaign | None = None
    for word in args.split():
        if re.fullmatch(r"#?\d+", fold(word)):
            campaign = await store.get_campaign(int(fold(word).lstrip("#")))
            if campaign is None:
                raise UserFacingError("assessment.campaign_not_found", id=fold(word).lstrip("#"))
        else:
            rest.append(fold(word))
    campaign = campaign or await store.open_campaign() or await store.latest_campaign()
    if campaign is None:
        raise UserFacingError("assessment.no_campaigns")
    return campaign, rest


CONFIRM_DIALOG = "assessment.start_confirm"
CONFIRM_ACTION = "assessment.start_confirm"
# 「このまま開始」「開始して」「はい」: start a campaign whose results can never be shown, knowingly.
_START_ANYWAY = vocabulary.WordSet("このまま開始", "このまま開始する", "このまま開始します", "このまま", "開始", "開始する",
                                   "開始して", "開始します", "始めて", "はじめて", "送って", "送信", "送信して",
                                   "start anyway", "start") | vocabulary.YES_WORDS


@router.command("assessment start", role=Role.ADMIN, help_key="assessment.cmd.start")
async def start_campaign(ctx: Context, args: str) -> None:
    """Create a campaign and send everyone targeted their invitation — after a confirmation when
    fewer people are targeted than results need (`DXDESK_ASSESSMENT_MIN_GROUP_SIZE`)."""
    await _start(ctx, args, confirmed=False)


@router.dialog(CONFIRM_DIALOG)
async def typed_confirmation(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「このまま開始」/「はい」 starts the previewed campaign; 「いいえ」「やめる」 does not; anything
    else leaves the preview (nothing was sent) and is handled as a new message."""
    await ctx.end_dialog()
    if msg.text in _START_ANYWAY:
        await _start(ctx, str(data.get("args", "")), confirmed=True)
        return True
    if msg.text in vocabulary.NO_WORDS or vocabulary.is_cancel(msg.text):
        await ctx.reply(ctx.t("assessment.start.not_started"))
        return True
    return False


@router.action(CONFIRM_ACTION)
async def press_confirmation(ctx: Context, action: ActionReceived) -> None:
    """[このまま開始する] / [開始しない] under the preview."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    await ctx.end_dialog()
    verb, _, args = action.value.partition("|")
    if verb != "start":
        await ctx.reply(ctx.t("assessment.start.not_started"))
        return
    await _start(ctx, args, confirmed=True)


# 「自分も」「管理者も」: the admin starting the campaign is invited too (by default they are not).
_INCLUDE_ME = vocabulary.WordSet("自分も", "じぶんも", "自分を含む", "自分含む", "自分含めて", "自分を含めて", "本人も", "管理者も",
                                 "私も", "わたしも", "include-me", "me-too", "metoo")


def start_options(args: str) -> tuple[str, bool, bool]:
    """The `start` arguments without the words that are options, and the options: whether to
    send now outside office hours (「強制」「force」) and whether the starting admin is invited
    too (「自分も」)."""
    words = args.replace("\u3000", " ").split()
    force = any(w in vocabulary.FORCE_WORDS for w in words)
    include_me = any(w in _INCLUDE_ME for w in words)
    rest = [w for w in words if w not in vocabulary.FORCE_WORDS and w not in _INCLUDE_ME]
    return " ".join(rest), force, include_me


def _at_text(ctx: Context, moment: datetime) -> str:
    local = moment.astimezone(local_now(ctx.services).tzinfo)
    return f"{day_text(local.date(), ctx.lang)} {local:%H:%M}"


async def _release_waiting(ctx: Context, campaign: Campaign) -> None:
    """「/dx 診断 開始 強制」 while the campaign's invitations wait for office hours: send them now."""
    keys = [invitation_key(campaign.id, p.person_id) for p in await kit(ctx.services).store.participations(campaign.id)]
    released = await ctx.services.outbox.send_waiting_now(keys)
    if not released:
        raise UserFacingError("assessment.start.already_open")
    ctx.services.outbox.wake()
    await ctx.reply(ctx.t("assessment.start.released", id=campaign.id, count=released))


async def _start(ctx: Context, args: str, *, confirmed: bool) -> None:
    services = kit(ctx.services)
    said = args  # kept whole for the confirmation below
    args, force, include_me = start_options(args)
    if (running := await services.store.open_campaign()) is not None:
        if force:
            await _release_waiting(ctx, running)
            return
        raise UserFacingError("assessment.start.already_open")
    today = local_today(ctx.services)
    departments, roles, given, mode = parse_start(args, today, services.config.default_mode, None)
    # A deadline on a closed day (Saturday, a holiday, 年末年始) moves to the business day before;
    # the admin who gave that date is told in one line.
    deadline = business_deadline(ctx.services, given or today + timedelta(days=services.config.default_days), today)
    moved = ""
    if given is not None and deadline != given:
        key = "assessment.start.deadline_moved" if deadline < given else "assessment.start.deadline_moved_ahead"
        moved = ctx.t(key, day=day_text(given, ctx.lang),
                      why=why_closed(ctx.services, given), deadline=day_text(deadline, ctx.lang))
    people = await ctx.services.people.list()
    if roles:
        people = [p for p in people if p.role in roles]
    if departments:
        known = {fold(p.department): p.department for p in people if p.department}
        unknown = [d for d in departments if fold(d) not in known]
        if unknown:
            raise UserFacingError("assessment.start.unknown_department", departments="、".join(unknown),
                                  known="、".join(sorted(set(known.values()))[:20]) or "-")
        departments = sorted({known[fold(d)] for d in departments})
        wanted = {fold(d) for d in departments}
        people = [p for p in people if fold(p.department) in wanted]
    # The admin starting it is not invited unless they ask (「自分も」) or are the only one targeted
    # (trying it out alone): they run the campaign, and can still answer with 「/dx 診断」 when they
    # are in its target group.
    left_out_me = (not include_me and any(p.id == ctx.person.id for p in people)
                   and any(p.id != ctx.person.id for p in people))
    if left_out_me:
        people = [p for p in people if p.id != ctx.person.id]
    if not people:
        raise UserFacingError("assessment.start.nobody")
    # Results show only from `min_group_size` responses on: with fewer people targeted they never
    # will, so the admin is told before anything is sent, and asked whether to start anyway.
    min_size = services.config.min_group_size
    if len(people) < min_size and not confirmed:
        await ctx.start_dialog(CONFIRM_DIALOG, {"args": said})
        await ctx.reply(Reply(
            text=ctx.t("assessment.start.preview_too_few", count=len(people), min=min_size),
            choices=(Choice(ctx.t("assessment.start.anyway"), CONFIRM_ACTION, f"start|{said}"),
                     Choice(ctx.t("assessment.start.cancel"), CONFIRM_ACTION, "cancel|", "primary"))))
        return
    question_ids = [q.id for q in services.bank.questions]
    # Started outside office hours (at night, on a holiday): the invitations wait in the outbox for
    # the next office hours, as meeting notices do; 「強制」 sends them now.
    now = ctx.services.clock.now()
    send_at = None if force or not is_quiet(ctx.services, now) else next_open(ctx.services, now)
    if send_at is not None:
        today = send_at.astimezone(local_now(ctx.services).tzinfo).date()  # reminders count from the day they go

    def invitations(campaign: Campaign) -> list[tuple[Destination, Reply, str]]:
        return [(Destination("", "person", str(person.id)),
                 render_invitation(campaign, len(question_ids), person.language or "ja"),
                 invitation_key(campaign.id, person.id)) for person in people]

    # Participants and their invitations are written with the campaign (issue 17): a crash never
    # leaves someone registered but never asked; the outbox worker delivers the rest.
    campaign = await services.store.create_campaign(
        mode, departments, deadline, question_ids, ctx.person.id,
        [(p.id, p.department) for p in people], today, invitations, roles=[r.value for r in roles],
        not_before=send_at)
    ctx.services.outbox.wake()
    await schedule_next(ctx.services, campaign, send_at or now)
    # The targets counted (「対象 N名」) are the people with a department. Someone without one (the
    # bootstrap admin, an account not yet in the roster) is invited to an all-staff campaign but is no
    # department's target: named apart here, in the status and outside the results' target count.
    unplaced = [p for p in people if not p.department.strip()]
    target = "、".join([*(ctx.t(f"role.{r.value}") for r in roles), *departments]) or ctx.t("assessment.start.everyone")
    done = ctx.t("assessment.start.done", id=campaign.id, count=len(people) - len(unplaced), target=target,
                 deadline=day_text(deadline, ctx.lang), mode=mode_text(mode, ctx.lang), total=len(question_ids),
                 invited=len(people), breakdown=_breakdown(ctx, len(people) - len(unplaced), len(unplaced)))
    unreachable = [p for p in people if not reachable(p)]
    if unreachable:
        done += "\n" + ctx.t("assessment.start.unreachable", count=len(unreachable), names=_names(ctx, unreachable))
    if send_at is not None:
        done += "\n" + ctx.t("assessment.start.deferred", at=_at_text(ctx, send_at), count=len(people))
    if left_out_me:
        done += "\n" + ctx.t("assessment.start.not_me")
    if unplaced:
        done += "\n" + ctx.t("assessment.start.unplaced", count=len(unplaced), names=_names(ctx, unplaced))
    if len(people) < min_size:  # started knowingly: said once more with the reply
        done += "\n" + ctx.t("assessment.start.too_few", count=len(people), min=min_size)
    await ctx.reply(f"{moved}\n{done}" if moved else done)


def _breakdown(ctx: Context, placed: int, unplaced: int) -> str:
    """「（所属部署のある1名と、所属部署が名簿にない5名）」: every group the invitations go to, when not
    all of them have a department (the target count names only those who have one); "" otherwise."""
    if not unplaced:
        return ""
    parts = [ctx.t("assessment.start.breakdown.placed", count=placed)] if placed else []
    parts.append(ctx.t("assessment.start.breakdown.unplaced", count=unplaced))
    return ctx.t("assessment.start.breakdown", parts=ctx.t("assessment.start.breakdown.and").join(parts))


def reachable(person: Person) -> bool:
    """Has any contact an invitation can be delivered to (a chat id or an e-mail for the web desk)."""
    return any(v.strip() for v in (person.slack_id, person.teams_id, person.teams_user_id, person.local_id,
                                    person.email))


def _names(ctx: Context, people: list[Person]) -> str:
    sep, more = ("、", "…") if ctx.lang != "en" else (", ", "...")
    return sep.join(p.display_name or str(p.id) for p in people[:5]) + (more if len(people) > 5 else "")


@router.command("assessment status", role=Role.ADMIN, help_key="assessment.cmd.status")
async def show_status(ctx: Context, args: str) -> None:
    """Participation by department."""
    campaign, _ = await _campaign_arg(ctx, args)
    rows = await kit(ctx.services).store.participations(campaign.id)
    reply = render_status(campaign, rows, ctx.lang, kit(ctx.services).config.min_group_size)
    states = await ctx.services.outbox.delivery_states([invitation_key(campaign.id, p.person_id) for p in rows])
    counts = {"sent": 0, "waiting": 0, "failed": 0, "none": 0, "done": 0}
    waiting: list[str] = []
    no_address = 0
    for p in rows:
        kind = _invitation_kind(p, states.get(invitation_key(campaign.id, p.person_id)))
        counts[kind] += 1
        if kind != "sent":
            # Fourteenth round: 「鈴木さん（依頼送信待ち）」, and someone no chat can reach said so.
            person = await ctx.services.people.get(p.person_id)
            mark = "no_address" if kind != "done" and person is not None and not person.has_chat_address() else kind
            no_address += mark == "no_address"
            if len(waiting) < 20:
                waiting.append(ctx.t("assessment.status.who_marked", mark=ctx.t(f"assessment.status.mark.{mark}"),
                                     name=person.display_name if person and person.display_name else p.person_id))
    done = counts.pop("done")
    extra = ctx.t("assessment.status.invitations", **counts)
    if done:
        extra += "\n" + ctx.t("assessment.status.done_before_invitation", count=done)
    if no_address:
        extra += "\n" + ctx.t("assessment.status.no_address", count=no_address)
    # Started at night: when the queued invitations go out (JST), not only that they wait.
    later = await ctx.services.outbox.waiting_times([invitation_key(campaign.id, p.person_id) for p in rows
                                                     if not p.finished])
    tz = local_now(ctx.services).tzinfo or UTC
    extra += "".join("\n" + ctx.t("assessment.status.scheduled", n=n, at=short_moment(at, tz, ctx.lang))
                     for at, n in sorted(later.items()))
    if waiting:
        extra += "\n" + "、".join(waiting)
    await ctx.reply(reply.with_(text=f"{reply.text}\n\n{extra}"))


def _invitation_kind(part: Participation, state: str | None) -> str:
    """How a participant's invitation stands for `assessment status`. Someone who finished is
    回答済み whatever the outbox says: the invitation may still wait for office hours (started at
    night) or never have gone out, because the person started by themselves."""
    if state == "sent":
        return "sent"
    if part.finished:
        return "done"
    return "failed" if state == "failed" else "none" if state is None else "waiting"


def targets(rows: list[Participation]) -> list[Participation]:
    """The participants counted as targets: those with a department (see `start_campaign`)."""
    return [p for p in rows if p.department.strip()]


def invitation_key(campaign_id: int, person_id: int) -> str:
    """The outbox dedupe key of a person's invitation (how `assessment status` finds it)."""
    return f"assessment:{campaign_id}:invite:{person_id}"


async def _results(ctx: Context, campaign: Campaign) -> tuple[analysis.Results, list[analysis.Change], int | None]:
    services = kit(ctx.services)
    store = services.store
    min_size = services.config.min_group_size
    results = analysis.summarize(services.bank, services.trainings, await store.responses(campaign.id), min_size,
                                 campaign.question_ids)
    previous = await store.previous_campaign(campaign.id)
    changes: list[analysis.Change] = []
    if previous is not None:
        before = analysis.summarize(services.bank, services.trainings, await store.responses(previous.id), min_size,
                                    previous.question_ids)
        changes = analysis.compare(results, before)
    return results, changes, previous.id if previous else None


@router.command("assessment results", role=Role.ADMIN, help_key="assessment.cmd.results")
async def show_results(ctx: Context, args: str) -> None:
    """The summary card: categories, departments, weakest questions, training plan, change."""
    campaign, _ = await _campaign_arg(ctx, args)
    services = kit(ctx.services)
    results, changes, previous_id = await _results(ctx, campaign)
    invited = len(targets(await services.store.participations(campaign.id)))
    await ctx.reply(render_results(services.bank, services.trainings, campaign, results, invited, changes,
                                   previous_id, ctx.lang))


@router.command("assessment export", role=Role.ADMIN, help_key="assessment.cmd.export")
async def export_results(ctx: Context, args: str) -> None:
    """Aggregated results as CSV files or one XLSX workbook; `個人` adds named individual rows."""
    campaign, words = await _campaign_arg(ctx, args)
    services = kit(ctx.services)
    fmt = "xlsx"
    individual = False
    for word in words:
        if word in ("csv", "xlsx", "excel", "エクセル"):
            fmt = "csv" if word == "csv" else "xlsx"
        elif word in ("個人", "個人別", "individual", "individuals", "named", "明細"):
            individual = True
        else:
            raise UserFacingError("command.usage", usage=ctx.t("assessment.export.usage"))
    results, changes, _ = await _results(ctx, campaign)
    tables = result_tables(services.bank, services.trainings, results, changes, ctx.lang)
    names = list(_TABLE_FILES[:len(tables)])
    if individual:
        if campaign.mode is not CampaignMode.NAMED:
            raise UserFacingError("assessment.export.no_individual")
        rows = []
        for part in await services.store.participations(campaign.id):
            if part.finished:
                rows.append((await ctx.services.people.get(part.person_id), part))
        tables.append(individual_table(services.bank, campaign.question_ids, rows, ctx.lang))
        names.append("individual")
    if not tables:
        raise UserFacingError("assessment.results.too_few", min=results.min_group_size)
    attachments = _files(services.exporter, campaign.id, fmt, tables, names)
    await ctx.reply(Reply(text=ctx.t("assessment.export.done", id=campaign.id, format=fmt.upper(),
                                     count=len(attachments)),
                          attachments=attachments, ephemeral=True))


def _files(exporter: ResultExporter, campaign_id: int, fmt: str, tables: list[Table],
           names: list[str]) -> tuple[Attachment, ...]:
    if fmt == "csv":
        return tuple(Attachment(f"assessment_{campaign_id}_{name}.csv", exporter.csv(table), "text/csv", table.name)
                     for table, name in zip(tables, names))
    return (Attachment(f"assessment_{campaign_id}.xlsx", exporter.xlsx(tables), XLSX),)


@router.command("assessment remind", role=Role.ADMIN, help_key="assessment.cmd.remind")
async def remind_now(ctx: Context, args: str) -> None:
    """Remind unfinished participants now (still capped, and only in working hours)."""
    campaign = await kit(ctx.services).store.open_campaign()
    if campaign is None:
        raise UserFacingError("assessment.none_open")
    # Nobody left to remind (all finished, or all at the cap): say so and schedule nothing.
    unfinished = [p for p in await kit(ctx.services).store.participations(campaign.id) if not p.finished]
    max_reminders = kit(ctx.services).config.max_reminders
    if not unfinished or all(p.reminders_sent >= max_reminders for p in unfinished):
        if ctx.services.scheduler is not None:
            await asyncio.to_thread(ctx.services.scheduler.cancel, requested_job_id(campaign.id))
        await ctx.reply(ctx.t("assessment.remind.all_done" if not unfinished else "assessment.remind.none",
                              max=max_reminders))
        return
    # Outside office hours the reminders wait for them, as 「/dx 報告 催促」's do; 「強制」 sends now.
    force = any(w in vocabulary.FORCE_WORDS for w in args.replace("\u3000", " ").split())
    count, waits_until = await request_reminders(ctx.services, campaign, force=force)
    if waits_until is not None:
        await ctx.reply(ctx.t("assessment.remind.deferred", when=_at_text(ctx, waits_until)))
        return
    if not force and is_quiet(ctx.services, ctx.services.clock.now()):
        raise UserFacingError("assessment.remind.quiet")
    await ctx.reply(ctx.t("assessment.remind.done", count=count, max=kit(ctx.services).config.max_reminders))


@router.command("assessment close", role=Role.ADMIN, help_key="assessment.cmd.close")
async def close_campaign(ctx: Context, args: str) -> None:
    """Stop taking answers and reminders; the results stay available."""
    services = kit(ctx.services)
    campaign = await services.store.open_campaign()
    if campaign is None:
        raise UserFacingError("assessment.none_open")
    await services.store.close_campaign(campaign.id, local_now(ctx.services))
    if ctx.services.scheduler is not None:
        await asyncio.to_thread(ctx.services.scheduler.cancel, job_id(campaign.id))
        await asyncio.to_thread(ctx.services.scheduler.cancel, requested_job_id(campaign.id))
    finished = sum(1 for p in await services.store.participations(campaign.id) if p.finished)
    responses = len(await services.store.responses(campaign.id))
    min_size = services.config.min_group_size
    # Promise 「/dx 診断 結果」 only when it will show something.
    key = "assessment.close.done" if responses >= min_size else "assessment.close.done_too_few"
    await ctx.reply(ctx.t(key, id=campaign.id, finished=finished, min=min_size))
