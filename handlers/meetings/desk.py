"""Monthly meetings with the liaisons: rules, reminders, RSVPs, agenda items and minutes.

Admins set a meeting with a rule the way the office says it (「毎月第2火曜 15:00」); liaisons
get reminders on business days only, answer with buttons or typed words (「出席します」
「欠席します」「代理で山田が出ます」), and send agenda items and 小さな気づき (「議題: …」
「気づき: …」). Admins see answers and items collected, preview the next cycle, send now, and
send minutes afterwards.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from datetime import datetime, timedelta

from bot.core import confirm
from bot.core.commands import japanese_path
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.messages import t
from bot.core.model import Person, Role, UnansweredQuestion, UnansweredStatus
from bot.core.replies import Choice, Destination, Reply
from bot.core.router import Router
from bot.core.rsvp_words import absence_reason, plan_changed
from bot.core.text import clean, fold, is_id_number
from bot.core.vocabulary import FORCE_WORDS, SUBMIT_WORDS, is_cancel, yes_or_no
from handlers.meetings import planning
from handlers.meetings.model import (
    ItemKind,
    Meeting,
    MeetingSpec,
    MonthlyRule,
    Occurrence,
    OccurrenceStatus,
    PlannedDate,
    ReminderRun,
    Rsvp,
    RsvpAnswer,
    clean_place,
    find_time,
    monthly_rule,
    months_with_date,
    normalise,
    parse_day,
    parse_meeting_ref,
    parse_meeting_spec,
    parse_offsets,
    parse_rule,
    place_of,
    plan_dates,
    time_only,
    with_start_time,
)
from handlers.meetings.planning import calendar, config, store
from handlers.meetings.render import (
    answer_label,
    answer_with_note,
    fmt_when,
    render_items,
    render_meeting_line,
    render_preview,
    render_reminder,
    render_rsvp_summary,
    rule_label,
)
from handlers.meetings.typed import (
    asks_about_next_meeting,
    asks_about_reminder,
    asks_for_meeting_list,
    asks_to_cancel_meeting,
    asks_to_change_meeting,
    asks_to_set_meeting,
    asks_to_skip_date,
    clean_note,
    declines_item,
    is_bare_late,
    is_bare_mode,
    is_item,
    is_online_trouble,
    is_rsvp,
    item_wish,
    late_note_of,
    looks_like_reason,
    names_no_meeting,
    parse_bare_late,
    parse_casual_rsvp,
    parse_item,
    parse_mode_rsvp,
    parse_rsvp,
    place_in_words,
    reason_in,
    setup_command,
    setup_parts,
    short_absence,
    skip_date_said,
    skip_in_words,
    split_proxy_name,
    wants_to_send_item,
)

log = logging.getLogger(__name__)
router = Router("meetings")

MAX_ITEM_CHARS = 500
MAX_MINUTES_CHARS = 4000


# --- finding meetings -----------------------------------------------------------------------
async def pick_meeting(ctx: Context, ref_text: str) -> Meeting:
    """`M-2` (or nothing when there is exactly one active meeting)."""
    repo = store(ctx.services)
    ref_text = ref_text.strip()
    if ref_text:
        mid = parse_meeting_ref(ref_text)
        meeting = await repo.get_meeting(mid) if mid is not None else None
        if meeting is None:
            raise UserFacingError("meeting.not_found", ref=ref_text[:20])
        return meeting
    meetings = await repo.list_meetings()
    if not meetings:
        raise UserFacingError("meeting.none")
    if len(meetings) > 1:
        raise UserFacingError("meeting.which", ids="、".join(f"M-{m.id}" for m in meetings))
    return meetings[0]


def split_ref(args: str) -> tuple[str, str]:
    """Split a leading `M-2` from the rest of the arguments."""
    words = args.strip().split(maxsplit=1)
    if words and re.fullmatch(r"[mMｍＭ][-－‐−–ー]?[0-9０-９]+", words[0]):
        return words[0], words[1] if len(words) > 1 else ""
    return "", args.strip()


async def occurrence_for_answer(ctx: Context, occurrence_id: int | None = None) -> tuple[Meeting, Occurrence]:
    """The occurrence a person answers for: the pressed card's, or the next meeting."""
    repo = store(ctx.services)
    if occurrence_id is not None:
        occ = await repo.get_occurrence(occurrence_id)
        meeting = await repo.get_meeting(occ.meeting_id) if occ else None
        if occ is None or meeting is None:
            raise UserFacingError("action.expired")
        if occ.status is not OccurrenceStatus.SCHEDULED or not meeting.active:
            raise UserFacingError("meeting.rsvp.not_scheduled")
        if occ.starts_at <= ctx.services.clock.now():
            raise UserFacingError("meeting.rsvp.closed")
        return meeting, occ
    found = await planning.next_occurrence(ctx.services)
    if found is None:
        raise UserFacingError("meeting.rsvp.nothing_open")
    return found


def require_liaison(ctx: Context) -> None:
    """Meetings are for liaisons (and the office's admins)."""
    if not ctx.person.has_role(Role.LIAISON):
        raise UserFacingError("meeting.liaisons_only")


# --- RSVP -----------------------------------------------------------------------------------
async def record_answer(ctx: Context, meeting: Meeting, occ: Occurrence, answer: RsvpAnswer,
                        proxy_name: str = "", comment: str = "") -> None:
    """Store the answer (the latest wins) and confirm it. The comment keeps only a real reason or
    note, never the frame of the sentence (「あ、その日の会議やっぱり」), and an absence's reason without
    the joint that tied it to the verb (「出張が入ったので」 → 「出張が入った」)."""
    comment = clean_note(absence_reason(comment) if answer is RsvpAnswer.ABSENT else comment)
    if answer is not RsvpAnswer.ABSENT and plan_changed(comment):
        comment = ""  # 「出張なくなったので出ます」: why the absence went away, not a note of attending
    await store(ctx.services).record_rsvp(Rsvp(occ.id, ctx.person.id, answer, proxy_name[:100], comment[:300]))
    when = fmt_when(occ.starts_at, calendar(ctx.services).tz, ctx.lang)
    # The note is said back with the answer (「出席（15分くらい遅れて参加）」), so the liaison sees it was kept.
    label = answer_with_note(Rsvp(occ.id, ctx.person.id, answer, proxy_name[:100], comment[:300]), ctx.lang)
    await ctx.reply(ctx.t("meeting.rsvp.done", title=meeting.title, when=when, answer=label))


@router.action("meeting.rsvp")
async def press_rsvp(ctx: Context, action: ActionReceived) -> None:
    """出席 / 欠席 / 代理出席 on a reminder; 代理出席 without a name asks for it."""
    require_liaison(ctx)
    occ_text, _, verb = action.value.partition(":")
    if not is_id_number(occ_text) or verb not in {a.value for a in RsvpAnswer}:
        raise UserFacingError("action.expired")
    meeting, occ = await occurrence_for_answer(ctx, int(occ_text))
    answer = RsvpAnswer(verb)
    if answer is RsvpAnswer.PROXY:
        name = clean(action.inputs.get("proxy_name", ""))
        if not name:
            await ctx.start_dialog("meeting.proxy_name", {"occurrence_id": occ.id})
            await ctx.reply(ctx.t("meeting.rsvp.ask_proxy"))
            return
        await record_answer(ctx, meeting, occ, answer, proxy_name=name)
        return
    await record_answer(ctx, meeting, occ, answer)


@router.dialog("meeting.proxy_name")
async def typed_proxy_name(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The message after 代理出席 is the proxy's name."""
    text = clean(msg.text)
    if is_cancel(text):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("meeting.rsvp.proxy_cancelled"))
        return True
    if ctx.claimed_elsewhere(text):
        # A question or another answer, not a name: handle it as such (the same rule in every dialog).
        await ctx.end_dialog()
        return False
    # 「田中さん」「係長の田中です」「田中係長でお願いします」: the name; a title or section is the note.
    name, note = split_proxy_name(text)
    if not name or len(name) > 100 or "\n" in name:
        await ctx.reply(ctx.t("meeting.rsvp.ask_proxy"))
        return True
    await ctx.end_dialog()
    meeting, occ = await occurrence_for_answer(ctx, int(data["occurrence_id"]))
    await record_answer(ctx, meeting, occ, RsvpAnswer.PROXY, proxy_name=name, comment=note)
    return True


@router.message(when=is_rsvp, priority=50)
async def typed_rsvp(ctx: Context, msg: MessageReceived) -> bool:
    """「出席します」「欠席します。出張のため」「代理で山本が出ます」 for the next meeting; casual
    replies too (「はい、でます！」「出席に変更で」「山本がかわりに行きます」), but only from someone
    invited to an upcoming meeting: for anyone else they are not an answer and go on to the desk."""
    text = unicodedata.normalize("NFKC", clean(msg.text))
    parsed = parse_rsvp(text)
    if parsed is None:
        parsed = parse_casual_rsvp(fold(text)) or parse_mode_rsvp(fold(text))
        if parsed is None:  # pragma: no cover - the route predicate already matched
            return False
        found = await planning.next_occurrence(ctx.services)
        if found is None or not await planning.is_invited(ctx.services, found[1], ctx.person):
            return False
    else:
        require_liaison(ctx)
    answer, name, comment = parsed
    if ctx.person.has_role(Role.ADMIN) and is_bare_mode(fold(text)) and not await _answers_like_an_invitee(ctx):
        # Thirteenth round: 「オンラインで」 alone from an admin who was sent no invitation and has not
        # answered may be about the meeting's place as well as their attendance: one line to say which.
        found = await planning.next_occurrence(ctx.services)
        when = fmt_when(found[1].starts_at, calendar(ctx.services).tz, ctx.lang) if found else ""
        await ctx.reply(ctx.t("meeting.rsvp.admin_bare_mode", said=clean(msg.text), when=when))
        return True
    if answer is RsvpAnswer.ATTEND:
        comment = late_note_of(comment)  # 「出れます、ちょっと遅れますが」: the note is 遅刻
    meeting, occ = await occurrence_for_answer(ctx)
    await answer_or_ask_proxy(ctx, meeting, occ, answer, name, comment)
    if answer is RsvpAnswer.ABSENT and not clean_note(comment) and await ctx.active_dialog() is None:
        # 「欠席します」 then 「窓口当番なので」 a moment later: that line is the reason (ninth round).
        await ctx.start_dialog("meeting.reason", {"occurrence_id": occ.id, "tentative": False,
                                                  "since": ctx.services.clock.now().isoformat()})
    return True


async def _answers_like_an_invitee(ctx: Context) -> bool:
    """An admin answers a bare 「オンラインで」 as an invitee only when invited as one: a liaison among the
    invitees of the next date, or someone who already answered or sent an item for it."""
    found = await planning.next_occurrence(ctx.services)
    return found is not None and any(p.id == ctx.person.id for p in await planning.invitees(ctx.services, found[1]))


# --- a connection problem instead of an answer (eleventh round) -----------------------------
ONLINE_DIALOG = "meeting.online_absent"


@router.message(when=is_online_trouble, priority=56)
async def online_trouble(ctx: Context, msg: MessageReceived) -> bool:
    """「zoomで参加できません」「teamsにつながらなくて参加できない」 from someone invited to the next
    meeting: a connection problem, not an absence. The bot cannot fix it: it keeps the problem for the
    office as any help request is kept, gives the meeting's place and online link, and asks in one
    line whether to record 欠席. Anyone not invited goes on to the FAQ desk."""
    found = await planning.next_occurrence(ctx.services)
    if found is None or not await planning.is_invited(ctx.services, found[1], ctx.person):
        return False
    meeting, occ = found
    text = clean(msg.text)[: ctx.services.config.max_message_chars]
    question = await ctx.services.faq.add_unanswered(
        text, ctx.person.id, UnansweredStatus.OPEN, ctx.event.conversation.platform,
        ctx.event.conversation.channel_id)
    await tell_office_of_trouble(ctx, meeting, occ, question)
    lines = [ctx.t("meeting.online.trouble", id=question.id),
             ctx.t("meeting.online.next", when=fmt_when(occ.starts_at, calendar(ctx.services).tz, ctx.lang),
                   title=meeting.title)]
    if place := place_of(meeting, occ):
        lines.append(f"{ctx.t('meeting.field.place')}: {place}")
    if meeting.link:
        lines.append(f"{ctx.t('meeting.field.link')}: {meeting.link}")
    lines.append(ctx.t("meeting.online.ask_absent"))
    await ctx.start_dialog(ONLINE_DIALOG, {"occurrence_id": occ.id})
    await ctx.reply(Reply(text="\n".join(lines), choices=(
        Choice(ctx.t("meeting.online.yes"), ONLINE_DIALOG, f"{occ.id}:yes", "primary"),
        Choice(ctx.t("meeting.online.no"), ONLINE_DIALOG, f"{occ.id}:no"))))
    return True


async def tell_office_of_trouble(ctx: Context, meeting: Meeting, occ: Occurrence, question: UnansweredQuestion) -> None:
    """Forward the problem as a help request is forwarded: to the office channel, else to the admins;
    the question is then 転送済み and answered with `/dx FAQ 回答 Q-n`."""
    desk = ctx.services.config
    lang = desk.default_language
    if desk.escalation_channel is not None:
        targets = [desk.escalation_channel]
    else:
        admins = [p for p in await ctx.services.people.list(Role.ADMIN) if p.id != ctx.person.id]
        targets = [Destination("", "person", str(p.id)) for p in admins]
    notice = Reply(title=t("meeting.online.notice.title", lang, id=question.id),
                   text=t("meeting.online.notice.text", lang, id=question.id, said=question.text[:200],
                          name=ctx.person.display_name or "-", department=ctx.person.department or "-",
                          when=fmt_when(occ.starts_at, calendar(ctx.services).tz, lang), title=meeting.title))
    for target in targets:
        await ctx.send(target, notice, dedupe_key=f"meeting.online:{question.id}:{target.kind}:{target.address}")
    if targets:
        question.status = UnansweredStatus.FORWARDED
        question.destination = t("meeting.online.destination", lang)
        await ctx.services.faq.update_unanswered(question)


async def decide_online_absence(ctx: Context, occurrence_id: int, absent: bool) -> None:
    """はい: 欠席 with the connection problem as its reason; いいえ: nothing recorded."""
    await ctx.end_dialog()
    if not absent:
        await ctx.reply(ctx.t("meeting.online.not_recorded"))
        return
    meeting, occ = await occurrence_for_answer(ctx, occurrence_id)
    await record_answer(ctx, meeting, occ, RsvpAnswer.ABSENT, comment=ctx.t("meeting.online.reason"))


@router.action(ONLINE_DIALOG)
async def press_online_absence(ctx: Context, action: ActionReceived) -> None:
    """The はい／いいえ buttons under a connection problem."""
    occurrence_id, _, choice = action.value.partition(":")
    if not is_id_number(occurrence_id) or choice not in ("yes", "no"):
        raise UserFacingError("action.expired")
    await decide_online_absence(ctx, int(occurrence_id), choice == "yes")


@router.dialog(ONLINE_DIALOG)
async def typed_online_absence(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「はい」「いいえ」 typed after a connection problem; anything else goes on (the question lapses)."""
    said = yes_or_no(fold(msg.text))
    if said is None:
        await ctx.end_dialog()
        return False
    await decide_online_absence(ctx, int(data.get("occurrence_id", 0)), said)
    return True


# How long after a typed 「欠席します」 a reason-like line is still taken as its reason.
REASON_AFTER_ANSWER = timedelta(minutes=10)


@router.message(when=is_bare_late, priority=100)  # 100: never a reason to leave an open form
async def typed_bare_late(ctx: Context, msg: MessageReceived) -> bool:
    """「あ、でもちょっと遅れます」「少し遅れるかも」 from someone invited to the next meeting: 出席 with the
    note 遅刻, said back. For anyone else (or with no meeting ahead) it is not an answer and goes on."""
    parsed = parse_bare_late(fold(unicodedata.normalize("NFKC", clean(msg.text))))
    found = await planning.next_occurrence(ctx.services)
    if parsed is None or found is None or not await planning.is_invited(ctx.services, found[1], ctx.person):
        return False
    meeting, occ = found
    answer, name, comment = parsed
    earlier = next((r for r in await store(ctx.services).list_rsvps(occ.id) if r.person_id == ctx.person.id), None)
    if earlier is not None and earlier.answer is RsvpAnswer.ATTEND and earlier.comment:
        # Twelfth round: 「ちょっとおくれます」 after 「オンラインで出席します」 adds the lateness to the
        # note (「出席（オンライン、遅れて参加）」); it replaced オンライン before. An older lateness goes.
        kept = [part for part in earlier.comment.split("、") if part and not part.startswith("遅刻")]
        comment = "、".join([*kept, comment])
    await record_answer(ctx, meeting, occ, answer, proxy_name=name, comment=comment)
    return True


async def answer_or_ask_proxy(ctx: Context, meeting: Meeting, occ: Occurrence, answer: RsvpAnswer, name: str,
                              comment: str) -> None:
    """Record the answer; a proxy without a name (「代理出席にします」) is asked for it, as the button does."""
    if answer is RsvpAnswer.PROXY and not name:
        await ctx.start_dialog("meeting.proxy_name", {"occurrence_id": occ.id})
        await ctx.reply(ctx.t("meeting.rsvp.ask_proxy"))
        return
    await record_answer(ctx, meeting, occ, answer, proxy_name=name, comment=comment)


@router.message(when=asks_about_next_meeting, priority=52)
async def tell_next_meeting(ctx: Context, msg: MessageReceived) -> bool:
    """「次の会議っていつだっけ？」「どこでやるの」: the date (JST, with the weekday), time and place of the
    next meeting from the meeting store, the person's own answer and how to change it; one line when
    there is none. A question that does not say 会議 (「いつだっけ」) is the meeting's only for someone
    invited to one; for anyone else it goes on to the desk."""
    found = await planning.next_occurrence(ctx.services)
    is_admin = ctx.person.has_role(Role.ADMIN)
    invited = found is not None and (is_admin or await planning.is_invited(ctx.services, found[1], ctx.person))
    if not invited and names_no_meeting(fold(msg.text)):
        return False
    if found is None:
        await ctx.reply(ctx.t("meeting.ask.none"))
        return True
    meeting, occ = found
    tz = calendar(ctx.services).tz
    lines = [ctx.t("meeting.ask.when", when=fmt_when(occ.starts_at, tz, ctx.lang), title=meeting.title),
             ctx.t("meeting.ask.place", place=place_of(meeting, occ) or ctx.t("meeting.ask.no_place"))]
    if meeting.link:
        lines.append(ctx.t("meeting.ask.link", link=meeting.link))
    # Two dates in one month (a rule changed while the old date was kept): both are said, so that
    # 「8日と16日どっち？」 is answered with the truth, not one of them.
    also = [o for o in await planning.upcoming(ctx.services, meeting, 3) if o.id != occ.id]
    local = occ.starts_at.astimezone(tz)
    for other in also:
        there = other.starts_at.astimezone(tz)
        if (there.year, there.month) == (local.year, local.month):
            lines.append(ctx.t("meeting.ask.also", when=fmt_when(other.starts_at, tz, ctx.lang),
                               place=place_of(meeting, other) or ctx.t("meeting.ask.no_place")))
    if asks_about_reminder(fold(msg.text)):
        lines.append(await reminder_line(ctx, meeting, occ))
    if not invited:
        # Staff who are not invited (not liaisons): the schedule is no secret, only the RSVP lines
        # are not theirs.
        lines.append(ctx.t("meeting.ask.not_invited"))
        await ctx.reply("\n".join(lines))
        return True
    mine = next((r for r in await store(ctx.services).list_rsvps(occ.id) if r.person_id == ctx.person.id), None)
    # Only someone invited to this date is asked for an answer: an admin who is not (ninth round) sees
    # where the answers are, never 「あなたの出欠: まだ回答していません」.
    # (`is_invited` lets an admin answer like a liaison; invitations go to the liaisons themselves.)
    invitee = mine is not None or (not is_admin and await planning.is_invited(ctx.services, occ, ctx.person)) or any(
        p.id == ctx.person.id for p in await planning.invitees(ctx.services, occ))
    if mine is not None:
        answer = answer_label(mine, ctx.lang) + (f"「{mine.comment}」" if mine.comment else "")
        lines.append(ctx.t("meeting.ask.answered", answer=answer))
    elif invitee:
        lines.append(ctx.t("meeting.ask.unanswered"))
    elif is_admin:
        lines.append(ctx.t("meeting.ask.admin", id=meeting.id))
    if invitee:
        lines.append(ctx.t("meeting.ask.how_to_change"))
    await ctx.reply("\n".join(lines))
    if invitee:
        # The very next message (「うーん、行けないかも」「微妙」) is read as a reply about this date
        # (`typed_follow_up`); a later one still is for a while (`reply_after_meeting`).
        await planning.remember_spoken(ctx.services, ctx.person, occ)
        if await ctx.active_dialog() is None:
            await ctx.start_dialog("meeting.follow_up", {"occurrence_id": occ.id})
    return True


async def reminder_line(ctx: Context, meeting: Meeting, occ: Occurrence) -> str:
    """When the invitation / reminders of `occ` still to come go out (JST), or that they have gone."""
    tz = calendar(ctx.services).tz
    now = ctx.services.clock.now()
    runs = await store(ctx.services).reminder_runs(occ.id)
    due = [item.due_at for item in planning.reminder_plan(ctx.services, meeting, occ)
           if item.offset.key not in runs and item.due_at > now]
    if not due:
        return ctx.t("meeting.ask.reminders_sent")
    sep = "、" if ctx.lang == "ja" else ", "
    return ctx.t("meeting.ask.reminders", when=sep.join(fmt_when(d, tz, ctx.lang) for d in sorted(due)))


@router.dialog("meeting.follow_up")
async def typed_follow_up(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The message right after the bot told of the next meeting: a short absence (「行けないかも」
    「微妙」「無理そう」) is an answer for that date; anything else is handled as usual."""
    await ctx.end_dialog()
    found = short_absence(fold(unicodedata.normalize("NFKC", msg.text)))
    if found is None:
        return False
    try:
        meeting, occ = await occurrence_for_answer(ctx, int(data["occurrence_id"]))
    except UserFacingError:
        return False  # the date was called off or has started meanwhile
    await record_short_absence(ctx, meeting, occ, *found)
    return True


@router.message(priority=51, claims=True)
async def reply_after_meeting(ctx: Context, msg: MessageReceived) -> bool:
    """「うーん、行けないかも」「無理そう」「厳しいです」 right after the bot spoke of the next meeting (an
    answer about it, an invitation or a reminder): an absence for that date, marked 未確定 when hedged;
    a reason sent next (「研修とかぶってるので」) is added to it. Without that context such a line is not
    an answer, and goes on. No predicate on purpose: these words answer other dialogs too (a form's
    「厳しいです」), so they must not count as claimed by the meetings job elsewhere."""
    found = short_absence(fold(unicodedata.normalize("NFKC", msg.text)))
    if found is None:
        return False
    recent = await planning.recently_spoken(ctx.services, ctx.person)
    if recent is None:
        return False
    await record_short_absence(ctx, *recent, *found)
    return True


async def record_short_absence(ctx: Context, meeting: Meeting, occ: Occurrence, tentative: bool, reason: str) -> None:
    """An absence said in a few words: recorded (「未確定」 when hedged), and a reason asked for next."""
    reason = absence_reason(reason)
    await store(ctx.services).record_rsvp(Rsvp(occ.id, ctx.person.id, RsvpAnswer.ABSENT, "",
                                               absence_note(reason, tentative)))
    when = fmt_when(occ.starts_at, calendar(ctx.services).tz, ctx.lang)
    lines = [ctx.t("meeting.rsvp.absent_done", when=when, title=meeting.title)]
    if tentative:
        lines.append(ctx.t("meeting.rsvp.tentative_note"))
    if reason:
        lines.append(ctx.t("meeting.rsvp.reason_kept", reason=reason))
    else:
        lines.append(ctx.t("meeting.rsvp.ask_reason"))
    await ctx.reply("\n".join(lines))
    if not reason and await ctx.active_dialog() is None:
        await ctx.start_dialog("meeting.reason", {"occurrence_id": occ.id, "tentative": tentative})


def absence_note(reason: str, tentative: bool) -> str:
    """The comment of an absence: the reason, and 「未確定」 when it was said with a hedge."""
    if tentative:
        return f"{reason}（未確定）" if reason else "未確定"
    return reason


@router.dialog("meeting.reason")
async def typed_reason(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The message after an absence recorded without a reason: 「研修とかぶってるので」 is its reason.
    Anything else (a question, 「ありがとう」, another answer) ends the wait and is handled as usual."""
    text = clean(msg.text)
    await ctx.end_dialog()
    if is_cancel(text):
        await ctx.reply(ctx.t("meeting.rsvp.reason_skipped"))
        return True
    again = short_absence(fold(unicodedata.normalize("NFKC", text)))
    if again is not None and not again[1]:
        # 「むりです」 after 「たぶん無理かも」: the absence said again (now firm), not its reason.
        meeting, occ = await occurrence_for_answer(ctx, int(data["occurrence_id"]))
        await record_short_absence(ctx, meeting, occ, *again)
        return True
    reason = absence_reason(reason_in(text))
    if not reason or yes_or_no(fold(text)) is not None or ctx.claimed_elsewhere(text):
        return False
    if "since" in data and (not looks_like_reason(text) or ctx.services.clock.now()
                            - datetime.fromisoformat(data["since"]) > REASON_AFTER_ANSWER):
        # After a typed 「欠席します」 (nothing asked for): only a reason-like line a few minutes later.
        return False
    repo = store(ctx.services)
    occ_id = int(data["occurrence_id"])
    mine = next((r for r in await repo.list_rsvps(occ_id) if r.person_id == ctx.person.id), None)
    if mine is None or mine.answer is not RsvpAnswer.ABSENT:
        return False
    await repo.record_rsvp(Rsvp(occ_id, ctx.person.id, RsvpAnswer.ABSENT, "", absence_note(reason, bool(data.get("tentative")))))
    await ctx.reply(ctx.t("meeting.rsvp.reason_added", reason=reason))
    return True


@router.message(when=wants_to_send_item, priority=50)
async def open_item_dialog(ctx: Context, msg: MessageReceived) -> bool:
    """「会議の議題おくりたい」「気づきを送りたいです」: what the 議題を送る / 気づきを送る buttons do —
    the next message is the item. From someone not invited to a meeting it goes on to the desk."""
    kind = item_wish(fold(msg.text))
    found = await planning.next_occurrence(ctx.services)
    if kind is None or found is None or not ctx.person.has_role(Role.LIAISON):
        return False
    await ctx.start_dialog("meeting.item", {"occurrence_id": found[1].id, "kind": kind.value})
    await ctx.reply(ctx.t(f"meeting.item.ask.{kind.value}"))
    return True


@router.message(when=asks_to_cancel_meeting, priority=56)
async def hint_cancel_command(ctx: Context, msg: MessageReceived) -> bool:
    """「会議を中止したい」 from an admin (fourteenth round): one day needs its date — the example is the next
    date — and the whole meeting is the command without one. Anyone else's message goes on."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    found = await planning.next_occurrence(ctx.services)
    if found is None:
        await ctx.reply(ctx.t("meeting.cancel.none"))
        return True
    meeting, occ = found
    local = occ.starts_at.astimezone(calendar(ctx.services).tz)
    day = f"{local.month}/{local.day}"
    if len(await store(ctx.services).list_meetings()) > 1:
        day = f"M-{meeting.id} {day}"  # the command asks which meeting when several are set
    await ctx.reply(ctx.t("meeting.cancel.how", id=meeting.id, day=day))
    return True


@router.message(when=asks_to_change_meeting, priority=53)
async def hint_change_command(ctx: Context, msg: MessageReceived) -> bool:
    """「会議の場所を第2会議室に変えたい」 from an admin: the exact command to type, with what they named;
    anyone else's message goes on (a liaison's 「会議の時間変わった？」 is a question)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    meetings = await store(ctx.services).list_meetings()
    if not meetings:
        await ctx.reply(ctx.t("command.usage", usage=ctx.t("meeting.set.usage")))
        return True
    await propose_change(ctx, clean(msg.text), meetings[0])
    return True


async def propose_change(ctx: Context, text: str, meeting: Meeting) -> None:
    """The change said in words, shown in words then as its exact command, confirmed before it runs
    (eighth round; in words first since the ninth)."""
    parts = change_parts(text)
    if not change_command_of(parts, meeting):
        if re.search(r"場所|ばしょ|会場", text):
            # Thirteenth round: 「会議の場所を変えたい」 names no place: ask it, the change dialog open, so
            # the next message (「オンラインで」「第2会議室」) is the new place, not an answer to the meeting.
            await confirm.ask(ctx, SETUP_DIALOG, {"parts": {}, "meeting": meeting.id},
                              ctx.t("meeting.change.ask_place", place=meeting.place or ctx.t("meeting.setup.no_place")),
                              step="fix")
            return
        await ctx.reply(ctx.t("meeting.change.how", id=meeting.id))
        return
    await continue_change(ctx, parts, meeting)


_CHANGE_VERB = re.compile(r"^(?:変え|かえ|変更|へんこう|移|うつ|直|なお|修正|しゅうせい|決め|きめ)")


def change_parts(text: str) -> dict[str, str]:
    """What a change said in words names (day, time, place; a name is a different command)."""
    parts = {k: v for k, v in setup_parts(text).items() if k not in ("title", "from")}
    if _CHANGE_VERB.match(parts.get("place", "")):
        del parts["place"]  # 「場所を変えたい」: the verb of the change, not a place
    if not parts.get("place") and (place := clean_place(place_in_words(unicodedata.normalize("NFKC", text)))):
        parts["place"] = place
    return parts


def change_command_of(parts: dict[str, str], meeting: Meeting) -> str:
    """The change command (no 「/dx」) for the parts said of a set meeting, or "" when none is named."""
    place = f" 場所は{parts['place']}" if parts.get("place") else ""
    if parts.get("day"):
        current = monthly_rule(meeting.rule_text)
        start = parts.get("time") or (f"{current.at:%H:%M}" if current else "")
        return f"会議 設定 M-{meeting.id} 毎月{parts['nth']}{parts['day']}曜" + (f" {start}" if start else "") + place
    if parts.get("time"):
        return f"会議 設定 M-{meeting.id} 時間は{parts['time']}から" + place
    return f"会議 設定 M-{meeting.id}{place}" if place else ""


async def continue_change(ctx: Context, parts: dict[str, str], meeting: Meeting) -> None:
    """Show the set meeting as it will be (name, rule, time, place, next date), then the command."""
    command = change_command_of(parts, meeting)
    whole: dict[str, str] = {"title": meeting.title, "place": meeting.place}
    current = monthly_rule(meeting.rule_text)
    if current is not None:
        whole |= {"nth": "最終" if current.nth == -1 else f"第{current.nth}", "day": "月火水木金土日"[current.weekday],
                  "time": f"{current.at:%H:%M}"}
    whole |= {k: v for k, v in parts.items() if v}
    summary = _summary(ctx, whole) if whole.get("day") and whole.get("time") else ctx.t(
        "meeting.setup.summary_dates", title=meeting.title, rule=meeting.rule_text,
        place=whole.get("place") or ctx.t("meeting.setup.no_place"))
    text = ctx.t("meeting.setup.confirm_change", id=meeting.id, summary=summary, command=f"/dx {command}")
    # Eleventh round: who is told of the change is shown here, so this one 「はい」 applies it — not
    # a second 「確定」 after it (the slash command keeps its own preview).
    now = ctx.services.clock.now()
    spec = parse_meeting_spec(command.removeprefix("会議 設定 "))
    if spec.start_time is not None:  # 「時間は16時から」: the same days at another time, as `apply_set` reads it
        spec.rule_text = with_start_time(meeting.rule_text, spec.start_time, now.astimezone(calendar(ctx.services).tz).date())
        spec.given.add("rule")
    preview = await change_preview(ctx, meeting, spec, now)
    data: dict = {"parts": parts, "meeting": meeting.id}
    if preview is not None:
        told = [line for line in preview.text.split("\n") if line != ctx.t("meeting.confirm.ask")]
        text = "\n".join(told) + "\n" + text
        data["previewed"] = True
    await confirm.propose(ctx, SETUP_DIALOG, data, text, command,
                          what=ctx.t("meeting.setup.pending_change", title=meeting.title, command=f"/dx {command}"))


async def finish_setup(ctx: Context, data: dict, answer: str) -> bool:
    """「はい」 to a change whose notices were shown with it: applied at once (audited as the preview's
    確定 is); anything else as every plain-words confirmation (`bot.core.confirm.finish`)."""
    if answer != confirm.YES or not data.get("previewed"):
        return await confirm.finish(ctx, data, answer)
    await ctx.end_dialog()
    args = str(data.get("command", "")).removeprefix("会議 設定 ")
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    await ctx.services.audit.record(actor, "meeting set", args[:500], "confirmed")
    await apply_set(ctx, args, confirmed=True)
    return True


def _summary(ctx: Context, parts: dict[str, str]) -> str:
    """「連絡会議・毎月第2火曜 15:00から・場所: 未定…・初回 …」 (the first date under that rule)."""
    # The rule as the meeting list shows it: 「毎月最終金曜 14:00」, never 「毎月第最終金曜」.
    rule = rule_label(f"毎月{parts['nth']}{parts['day']}曜 {parts['time']}", ctx.lang)
    summary = ctx.t("meeting.setup.summary", rule=rule,
                    title=parts.get("title") or config(ctx.services).default_title or ctx.t("meeting.default_title"),
                    place=parts.get("place") or ctx.t("meeting.setup.no_place"))
    cal = calendar(ctx.services)
    now = ctx.services.clock.now()
    first = plan_dates(parse_rule(f"毎月{parts['nth']}{parts['day']}曜 {parts['time']}", now.astimezone(cal.tz).date()),
                       cal, config(ctx.services).shift_rule, now, 1)
    if first:
        summary += ctx.t("meeting.setup.first", when=fmt_when(first[0].starts_at, cal.tz, ctx.lang))
        local = first[0].starts_at.astimezone(cal.tz)
        today = now.astimezone(cal.tz)
        if parts.get("from") == "next_month" and (local.year, local.month) == (today.year, today.month):
            # The rule has no start month: say so, and how to leave this month's date out.
            summary += "\n" + ctx.t("meeting.setup.this_month_too", when=fmt_when(first[0].starts_at, cal.tz, ctx.lang))
    return summary


_WEEKLY = re.compile(r"毎週|隔週|毎日|週1|週一|まいしゅう|かくしゅう|まいにち|every (?:other )?week|weekly|biweekly|daily")


@router.message(when=asks_to_set_meeting, priority=54)
async def propose_setup(ctx: Context, msg: MessageReceived) -> bool:
    """「来月から毎月第2火曜の15時に連絡会議を設定して」 from an admin: what was read, as the exact command,
    with 「よろしいですか？ [はい][直す][やめる]」 (a missing day or time is asked for first). With a
    meeting set, a change of the meeting named (or of the only one) the same way; a name no set meeting
    has is a new meeting (ninth round). 「毎週」 is answered in one line: rules are monthly. Anyone
    else's message goes on (to the FAQ desk)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    text = clean(msg.text)
    parts = setup_parts(text)
    if _WEEKLY.search(unicodedata.normalize("NFKC", text).lower()):
        await ctx.reply(ctx.t("meeting.setup.weekly", example=_monthly_example(parts, text)))
        return True
    meetings = await store(ctx.services).list_meetings()
    title = parts.get("title", "")
    named = [m for m in meetings if title and _same_title(m.title, title)]
    if meetings and (named or not title):
        await propose_change(ctx, text, (named or meetings)[0])
        return True
    if not parts.get("day") and not parts.get("time"):
        await ctx.reply(ctx.t("meeting.setup.how", usage=ctx.t("meeting.set.usage")))
        return True
    await continue_setup(ctx, parts)
    return True


def _same_title(stored: str, said: str) -> bool:
    """「連絡会議」 names the meeting stored as 「連絡会議」 or 「DX推進室 連絡会議」 (width, kana and spaces aside)."""
    a, b = (re.sub(r"\s+", "", fold(unicodedata.normalize("NFKC", x))) for x in (stored, said))
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def _monthly_example(parts: dict[str, str], text: str) -> str:
    """「/dx 会議 設定 毎月第1月曜 09:00 場所は3階会議室 | 名称: 課長会議」: what was said, made monthly."""
    weekday = re.search(r"([月火水木金土日])(?:曜|よう)", unicodedata.normalize("NFKC", text))
    day = parts.get("day") or (weekday.group(1) if weekday else "")
    example = setup_command({"nth": parts.get("nth", "第1"), "day": day or "月", "time": parts.get("time") or "10:00",
                             **{k: v for k, v in parts.items() if k in ("place", "title")}})
    return f"/dx {example}"


SETUP_DIALOG = "meeting.setup"


async def continue_setup(ctx: Context, parts: dict[str, str]) -> None:
    """Ask for the day or the time still missing, or show what will be set."""
    if not parts.get("day"):
        await confirm.ask(ctx, SETUP_DIALOG, {"parts": parts}, ctx.t("meeting.setup.ask_day"))
        return
    if not parts.get("time"):
        await confirm.ask(ctx, SETUP_DIALOG, {"parts": parts}, ctx.t("meeting.setup.ask_time"))
        return
    command = setup_command(parts)
    if not command:  # 「第5金曜 25時」: nothing a month can hold
        await ctx.end_dialog()
        await ctx.reply(ctx.t("meeting.setup.how", usage=ctx.t("meeting.set.usage")))
        return
    await confirm.propose(ctx, SETUP_DIALOG, {"parts": parts},
                          ctx.t("meeting.setup.confirm", summary=_summary(ctx, parts), command=f"/dx {command}"), command,
                          what=_pending(ctx, parts))


def _pending(ctx: Context, parts: dict[str, str]) -> str:
    """「『連絡会議・毎月第2火曜 15:00から』の登録」: the setup named when it is brought back."""
    day = ctx.t("meeting.weekdays").split(",")["月火水木金土日".index(parts["day"])]
    nth = ctx.t("meeting.setup.last") if parts["nth"] == "最終" else \
        parts["nth"] if ctx.lang == "ja" else parts["nth"].removeprefix("第")
    title = parts.get("title") or config(ctx.services).default_title or ctx.t("meeting.default_title")
    return ctx.t("meeting.setup.pending", title=title, nth=nth, day=day, time=parts["time"])


@router.action(SETUP_DIALOG)
async def press_setup(ctx: Context, action: ActionReceived) -> None:
    """[はい] runs the command kept (the slash command's own path), [直す] asks what to change, [やめる] drops it."""
    await confirm.answer_pressed(ctx, action, SETUP_DIALOG, ask_fix, finisher=finish_setup)


async def ask_fix(ctx: Context, data: dict) -> None:
    """「直す」: ask which part (a setup or a change said in words); an older change without its parts
    shows its command to edit; a skipped date asks which date instead (thirteenth round)."""
    if "skip_meeting" in data:
        await confirm.ask(ctx, SETUP_DIALOG, data, ctx.t("meeting.skip_words.ask_fix"), step="fix")
        return
    if "parts" not in data:
        await ctx.end_dialog()
        await ctx.reply(ctx.t("meeting.change.command", command=f"/dx {data.get('command', '')}"))
        return
    await confirm.ask(ctx, SETUP_DIALOG, data, ctx.t("meeting.setup.ask_fix"), step="fix")


@router.dialog(SETUP_DIALOG)
async def typed_setup(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The answer to the confirmation or to the question asked: はい / 直す / やめる, the missing part, or
    a correction, with 「直す」 or without it (「16時」「いや、10時からだった」「場所は大会議室でおねがい」).
    Anything else is handled as what it is (ninth round: never swallowed); the proposal stays pending
    unless that message opened a conversation of its own, which drops it with a one-line note."""
    text = fold(msg.text)
    if await confirm.answer_typed(ctx, text, data, ask_fix, finisher=finish_setup):
        return True
    answer = confirm.read_answer(text)
    if "skip_meeting" in data and answer is None and await _skip_again(ctx, data, text):
        return True
    if "parts" in data and not asks_to_set_meeting(text):
        meeting = await _changed_meeting(ctx, data)
        found = change_parts(msg.text) if meeting is not None else setup_parts(msg.text)
        if found and (meeting is None or change_command_of(found, meeting)):
            if meeting is not None:
                await continue_change(ctx, {**data["parts"], **found}, meeting)
            else:
                await continue_setup(ctx, {**data["parts"], **found})
            return True
    if answer is not None:  # 「はい」 while the time or day is still asked for: ask again
        key = "meeting.skip_words.ask_fix" if "skip_meeting" in data else "meeting.setup.ask_fix" \
            if data.get("step") == "fix" else \
            "meeting.setup.ask_day" if not data.get("parts", {}).get("day") else "meeting.setup.ask_time"
        await ctx.reply(ctx.t(key))
        return True
    await ctx.handle_elsewhere(msg.text)
    state = await ctx.active_dialog()
    if state is None or state.get("kind") != SETUP_DIALOG:
        # A proposal is brought back once when the other conversation ends (confirm.after_turn).
        later = data.get("step") == "confirm" and not data.get("revived") and ctx.services.config.set_aside_hours > 0
        key = "meeting.setup.set_aside_later" if later else "meeting.setup.set_aside"
        await ctx.reply(ctx.t(key, command=f"/dx {data['command']}") if data.get("command")
                        else ctx.t("meeting.setup.set_aside_unfinished"))
    elif state.get("data") == data and data.get("step") == "confirm":
        await ctx.reply(ctx.t("meeting.setup.still_pending"))
    return True


async def _changed_meeting(ctx: Context, data: dict) -> Meeting | None:
    """The set meeting a change said in words is about (None for a new meeting)."""
    if not data.get("meeting"):
        return None
    return next((m for m in await store(ctx.services).list_meetings() if m.id == data["meeting"]), None)


def change_command(text: str, meeting: Meeting) -> str:
    """The change command (no 「/dx」) for what `text` says of a set meeting, or "" when it names nothing."""
    hint = change_hint_command(text, meeting)
    return hint.removeprefix("/dx ") if hint else ""


def change_hint(ctx: Context, text: str, meeting: Meeting) -> str:
    """One line with the command that makes the change said in `text` (its place, time or rule when named)."""
    command = change_hint_command(text, meeting)
    if not command:
        return ctx.t("meeting.change.how", id=meeting.id)
    return ctx.t("meeting.change.command", command=command)


def change_hint_command(text: str, meeting: Meeting) -> str:
    """「/dx 会議 設定 M-1 …」 for the change said in `text` (its place, time or rule), or ""."""
    meeting_id = meeting.id
    normalised = normalise(text)
    place = clean_place(place_in_words(unicodedata.normalize("NFKC", text)))
    try:
        at = find_time(normalised)[0]
    except UserFacingError:
        at = None
    day = re.search(r"(?:第\s*(?P<nth>\d)|(?P<last>最終|最後))\s*(?P<day>[月火水木金土日])曜", normalised)
    # The command in Japanese words (they work in every language: the English ones are aliases).
    if day is not None:
        nth = "最終" if day.group("last") else f"第{day.group('nth')}"
        current = monthly_rule(meeting.rule_text)
        start = at or (current.at if current else None)
        command = f"/dx 会議 設定 M-{meeting_id} 毎月{nth}{day.group('day')}曜" + (f" {start:%H:%M}" if start else "")
        if place:
            command += f" 場所は{place}"
    elif at is not None:
        command = f"/dx 会議 設定 M-{meeting_id} 時間は{at:%H:%M}から" + (f" 場所は{place}" if place else "")
    elif place:
        command = f"/dx 会議 設定 M-{meeting_id} 場所は{place}"
    else:
        return ""
    return command


@router.message(when=asks_to_skip_date, priority=55)
async def propose_skip(ctx: Context, msg: MessageReceived) -> bool:
    """「1月の会議はやすみにする」「次回の会議は休会で」 from an admin: that one date is called off (the
    invitees are told through the outbox, its reminders are not sent) after one 「はい」, through the
    slash command's own path (`meeting cancel M-1 1/12`). Anyone else's message goes on (a liaison's
    「次回の会議はお休みで」 is their absence)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    meetings = await store(ctx.services).list_meetings()
    said = skip_in_words(fold(clean(msg.text))) or {}
    if not meetings:
        await ctx.reply(ctx.t("meeting.ask.none"))
        return True
    title = setup_parts(clean(msg.text)).get("title", "")
    meeting = next((m for m in meetings if title and _same_title(m.title, title)), meetings[0])
    await _propose_skip(ctx, meeting, said)
    return True


async def _propose_skip(ctx: Context, meeting: Meeting, said: dict[str, str]) -> None:
    """Show the one date of `meeting` that `said` names (「次回」「1月」「1/12」) for one 「はい」, or say
    that no such date is planned."""
    tz = calendar(ctx.services).tz
    today = ctx.services.clock.now().astimezone(tz).date()
    occs = await planning.upcoming(ctx.services, meeting, 14)
    month = (today.month % 12) + 1 if "following" in said else today.month if "this" in said else \
        int(said["month"]) if "month" in said else None
    day = parse_day(said["date"], today) if "date" in said else None
    occ = next((o for o in occs if ("next" in said)
                or (month is not None and o.starts_at.astimezone(tz).month == month)
                or (day is not None and day in (o.planned_date, o.starts_at.astimezone(tz).date()))), None)
    if occ is None:
        when_said = next((v or k for k, v in said.items()), "")
        words = {"next": "次回", "this": "今月", "following": "来月"}
        when_said = words.get(when_said, f"{when_said}月" if "month" in said else when_said)
        await ctx.reply(ctx.t("meeting.skip_words.none", id=meeting.id, when_said=when_said))
        return
    local = occ.starts_at.astimezone(tz)
    command = f"会議 中止 M-{meeting.id} {local.month}/{local.day}"
    told = ""
    if await planning.announced(ctx.services, occ):
        told = ctx.t("meeting.skip_words.told", count=len(await planning.invitees(ctx.services, occ)))
    await confirm.propose(ctx, SETUP_DIALOG, {"skip": occ.id, "skip_meeting": meeting.id},
                          ctx.t("meeting.skip_words.confirm", when=fmt_when(occ.starts_at, tz, ctx.lang),
                                title=meeting.title, id=meeting.id, told=told, command=f"/dx {command}"), command)


async def _skip_again(ctx: Context, data: dict, text: str) -> bool:
    """Thirteenth round: at a skip's confirmation (or after its 「直す」) another date said in words
    (「2月」「2/9」「いや、来月のほうで」) is shown again for one 「はい」. False when no date is said."""
    said = skip_date_said(text)
    meeting = next((m for m in await store(ctx.services).list_meetings() if m.id == data.get("skip_meeting")), None)
    if said is None or meeting is None:
        return False
    await _propose_skip(ctx, meeting, said)
    return True


@router.message(when=asks_for_meeting_list, priority=55)
async def show_meeting_list(ctx: Context, msg: MessageReceived) -> bool:
    """「かいぎの一覧みせて」「会議ぜんぶ見せて」: the list `/dx 会議 一覧` shows, for liaisons and admins
    (the command's own role); anyone else's message goes on to the desk."""
    if not ctx.person.has_role(Role.LIAISON):
        return False
    await list_command(ctx, "")
    return True


@router.command("meeting rsvp", role=Role.LIAISON, help_key="cmd.meeting.rsvp", audit=False)
async def rsvp_command(ctx: Context, args: str) -> None:
    """`meeting rsvp 出席` / `欠席 理由` / `代理 山田`."""
    text = unicodedata.normalize("NFKC", clean(args))
    parsed = parse_rsvp(text) or parse_casual_rsvp(fold(text))
    if parsed is None:
        raise UserFacingError("meeting.rsvp.usage")
    answer, name, comment = parsed
    meeting, occ = await occurrence_for_answer(ctx)
    await answer_or_ask_proxy(ctx, meeting, occ, answer, name, comment)


# --- agenda items and 小さな気づき ------------------------------------------------------------
async def add_item(ctx: Context, kind: ItemKind, text: str, occurrence_id: int | None = None) -> None:
    """Store an agenda item or an observation for the next meeting and confirm."""
    require_liaison(ctx)
    text = clean(text)
    if not text:
        raise UserFacingError("meeting.item.empty")
    if len(text) > MAX_ITEM_CHARS:
        raise UserFacingError("meeting.item.too_long", limit=MAX_ITEM_CHARS)
    meeting, occ = await occurrence_for_answer(ctx, occurrence_id)
    await store(ctx.services).add_item(meeting.id, occ.id, ctx.person.id, kind, text)
    when = fmt_when(occ.starts_at, calendar(ctx.services).tz, ctx.lang)
    await ctx.reply(ctx.t(f"meeting.item.done.{kind.value}", title=meeting.title, when=when))


@router.message(when=is_item, priority=50)
async def typed_item(ctx: Context, msg: MessageReceived) -> None:
    """「議題: …」「気づき: …」."""
    parsed = parse_item(clean(msg.text))
    if parsed is None:  # pragma: no cover - the route predicate already matched
        raise UserFacingError("meeting.item.empty")
    await add_item(ctx, parsed[0], parsed[1])


@router.action("meeting.item")
async def press_item(ctx: Context, action: ActionReceived) -> None:
    """「議題を送る」/「気づきを送る」 on a reminder: the next message is the item."""
    require_liaison(ctx)
    occ_text, _, kind = action.value.partition(":")
    if not is_id_number(occ_text) or kind not in {k.value for k in ItemKind}:
        raise UserFacingError("action.expired")
    await occurrence_for_answer(ctx, int(occ_text))
    await ctx.start_dialog("meeting.item", {"occurrence_id": int(occ_text), "kind": kind})
    await ctx.reply(ctx.t(f"meeting.item.ask.{kind}"))


@router.dialog("meeting.item")
async def typed_item_after_button(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The message after 「議題を送る」 is the item."""
    text = clean(msg.text)
    if is_cancel(text) or declines_item(fold(text)):
        # 「いや、やっぱりいいです」「なし」: nothing to send (the dialog may have been opened by plain words).
        await ctx.end_dialog()
        await ctx.reply(ctx.t("meeting.item.cancelled"))
        return True
    if is_rsvp(fold(text)) or asks_about_next_meeting(fold(text)) or wants_to_send_item(fold(text)):
        # 「出席します」「会議どこ？」 after 「議題を送る」 are an RSVP and a question, not an agenda item.
        await ctx.end_dialog()
        return False
    await ctx.end_dialog()
    parsed = parse_item(text)
    kind, body = parsed if parsed else (ItemKind(data.get("kind", "agenda")), text)
    await add_item(ctx, kind, body, int(data["occurrence_id"]))
    return True


@router.command("meeting agenda", role=Role.LIAISON, help_key="cmd.meeting.agenda", audit=False)
async def agenda_command(ctx: Context, args: str) -> None:
    """`meeting agenda 議題` adds one; without text admins see everything collected, liaisons their own."""
    ref, rest = split_ref(args)
    if rest:
        await add_item(ctx, ItemKind.AGENDA, rest)
        return
    await show_items(ctx, ref)


@router.command("meeting idea", role=Role.LIAISON, help_key="cmd.meeting.idea", audit=False)
async def idea_command(ctx: Context, args: str) -> None:
    """`meeting idea 小さな気づき`."""
    if not clean(args):
        raise UserFacingError("command.usage", usage=ctx.t("meeting.idea.usage"))
    await add_item(ctx, ItemKind.IDEA, args)


async def show_items(ctx: Context, ref: str) -> None:
    """Items collected for the next meeting (admins: all; liaisons: their own)."""
    meeting = await pick_meeting(ctx, ref)
    found = await planning.next_occurrence(ctx.services, meeting)
    occ = found[1] if found else None
    person = None if ctx.person.has_role(Role.ADMIN) else ctx.person.id
    if occ is None:
        items = await store(ctx.services).list_items(meeting.id, person_id=person)
    else:  # with the items of a date called off before it (carried over)
        items = await planning.items_for(ctx.services, meeting, occ, person_id=person)
    people = {p.id: p for p in await ctx.services.people.list()}
    tz = calendar(ctx.services).tz
    carried: dict[int, str] = {}
    for item in items:
        if occ is not None and item.occurrence_id and item.occurrence_id != occ.id and item.occurrence_id not in carried:
            origin = await store(ctx.services).get_occurrence(item.occurrence_id)
            if origin is not None:
                local = origin.starts_at.astimezone(tz)
                carried[item.occurrence_id] = f"{local.month}/{local.day}"
    await ctx.reply(render_items(meeting, occ, items, people, tz, ctx.lang, carried).with_(ephemeral=True))


# --- admin commands -------------------------------------------------------------------------
@router.command("meeting set", role=Role.ADMIN, help_key="cmd.meeting.set")
async def set_command(ctx: Context, args: str) -> None:
    """`meeting set [M-1] 毎月第2火曜 15:00 | 場所: … | リンク: … | 議題: … | リマインド: … | 振替: 翌営業日`.

    A change that liaisons would be told of (a new time or place of an announced date) is shown
    first — what changes, who is told, when — and applied only after 「確定」."""
    await apply_set(ctx, args, confirmed=False)


async def apply_set(ctx: Context, args: str, confirmed: bool) -> None:
    """Store the meeting as `args` says (after the preview, or at once when nobody is told)."""
    if not args.strip():
        raise UserFacingError("command.usage", usage=ctx.t("meeting.set.usage"))
    spec = parse_meeting_spec(args)
    repo = store(ctx.services)
    cfg = config(ctx.services)
    now = ctx.services.clock.now()
    tz = calendar(ctx.services).tz
    meeting: Meeting | None = None
    if spec.meeting_ref is not None:
        meeting = await repo.get_meeting(spec.meeting_ref)
        if meeting is None:
            raise UserFacingError("meeting.not_found", ref=f"M-{spec.meeting_ref}")
    title = spec.title or (meeting.title if meeting else "") or cfg.default_title or ctx.t("meeting.default_title")
    if meeting is None:
        meeting = await repo.find_meeting(title)
    if meeting is None and "rule" not in spec.given:
        raise UserFacingError("command.usage", usage=ctx.t("meeting.set.usage"))
    if meeting is not None and spec.start_time is not None:
        # 「時間は15時から」: the same days at another time; the place and the rest stay.
        spec.rule_text = with_start_time(meeting.rule_text, spec.start_time, now.astimezone(tz).date())
        spec.given.add("rule")
    # Validate everything before anything is stored.
    if "rule" in spec.given:
        try:
            parse_rule(spec.rule_text, now.astimezone(tz).date())
        except UserFacingError as error:
            # 「/dx 会議 設定 会議の場所を第2会議室に変えたい」: plain words, answered with the exact command.
            if meeting is not None and error.key == "meeting.rule.invalid" and asks_to_change_meeting(fold(spec.rule_text)):
                await ctx.reply(change_hint(ctx, spec.rule_text, meeting))
                return
            raise
    if spec.offsets_text:
        parse_offsets(spec.offsets_text)
    created = meeting is None
    if meeting is not None and not confirmed:
        preview = await change_preview(ctx, meeting, spec, now)
        if preview is not None:
            await ctx.start_dialog("meeting.confirm_change", {"args": args, "meeting_id": meeting.id})
            await ctx.reply(preview)
            return
    old_place = meeting.place if meeting else ""
    old_rule = meeting.rule_text if meeting else ""
    # The dates of the coming weeks before a new rule: those it adds or removes are told (eighth round).
    dates_before = [] if meeting is None or not ({"rule", "shift"} & spec.given) else \
        await planning.upcoming(ctx.services, meeting, 4)
    meeting = meeting or Meeting(id=0, title=title, rule_text=spec.rule_text, shift_rule=cfg.shift_rule,
                                 created_by=ctx.person.id, rule_set_at=now)
    timing_changed = created or bool({"rule", "offsets", "shift"} & spec.given)
    meeting.title = title
    if "rule" in spec.given:
        meeting.rule_text = spec.rule_text
    for name in ("place", "link", "agenda"):
        if name in spec.given:
            setattr(meeting, name, getattr(spec, name))
    if "offsets" in spec.given:
        meeting.offsets_text = spec.offsets_text
    if spec.shift_rule is not None:
        meeting.shift_rule = spec.shift_rule
    meeting.active = True
    if timing_changed:
        meeting.rule_set_at = now
    # Dates liaisons already know about (told, answered, sent an item): a new rule must not
    # silently drop or move them.
    known = [] if created else [
        (occ, ann) for occ in await repo.list_occurrences(meeting.id, starts_after=now,
                                                          statuses=(OccurrenceStatus.SCHEDULED,))
        if (ann := await planning.announced(ctx.services, occ))]
    meeting = await repo.save_meeting(meeting)
    await planning.plan_meeting(ctx.services, meeting)
    keys = planning.rule_keys(ctx.services, meeting)
    for before, _ann in known:
        # An announced date the new rule no longer gives is kept (see announced_notes) with the place
        # it was announced with, not silently the new rule's place.
        if before.key not in keys and not before.place and old_place:
            await repo.set_occurrence_place(before.id, old_place)
    occs = await planning.upcoming(ctx.services, meeting, 3)
    kept = {o.key for o in occs} - keys
    line = render_meeting_line(meeting, occs, planning.offsets_of(meeting, cfg), tz, ctx.lang, kept)
    notes = await announced_notes(ctx, meeting, known, old_place)
    if meeting.place and meeting.place != old_place:
        notes += await tell_new_place(ctx, meeting, known, old_place)
    if old_rule and old_rule != meeting.rule_text:
        line = ctx.t("meeting.set.rule_changed", old=rule_label(old_rule, ctx.lang),
                     new=rule_label(meeting.rule_text, ctx.lang)) + "\n" + line
    if dates_before:
        notes += await tell_new_dates(ctx, meeting, dates_before, now)
    if "rule" in spec.given:
        rule = parse_rule(meeting.rule_text, now.astimezone(tz).date())
        count = months_with_date(rule, now.astimezone(tz).date())
        if count is not None and isinstance(rule, MonthlyRule):
            day = ctx.t("meeting.weekdays").split(",")[rule.weekday]
            notes.append(ctx.t("meeting.set.rare_nth", nth=rule.nth, day=day, count=count, id=meeting.id,
                               time=f"{rule.at:%H:%M}"))
    key = "meeting.set.created" if created else "meeting.set.updated"
    text = "\n".join([line, *notes]) + "\n\n" + ctx.t("meeting.set.next_steps", id=meeting.id)
    await ctx.reply(Reply(title=ctx.t(key, id=meeting.id), text=text))


# 「/dx 会議 場所 変更 第2会議室」「/dx 会議 時間 15時から」: the words of a change before the value.
_CHANGE_WORDS = re.compile(r"^(?:を|は|の)?\s*(?:変更|へんこう|変える|かえる|変えて|change|set)?\s*(?:は|を|:|：)?\s*")


@router.command("meeting place", role=Role.ADMIN, help_key="cmd.meeting.place")
async def place_command(ctx: Context, args: str) -> None:
    """`meeting place [M-1] 第2会議室` changes the place only (as 「会議 設定 場所は…」 does); without a
    place, one line says how, with an example."""
    ref, rest = split_ref(args)
    place = clean_place(_CHANGE_WORDS.sub("", clean(rest)))
    if not place:
        meeting = await pick_meeting(ctx, ref)
        await ctx.reply(ctx.t("meeting.place.how", id=meeting.id, place=meeting.place or "-"))
        return
    await apply_set(ctx, f"{ref} 場所は{place}".strip(), confirmed=False)


@router.command("meeting name", role=Role.ADMIN, help_key="cmd.meeting.name")
async def name_command(ctx: Context, args: str) -> None:
    """`meeting name [M-1] 兼務職員定例会議` names the meeting (every invitation, reminder, notice and
    answer says it from then on); without a name, one line says how, with the current name."""
    ref, rest = split_ref(args)
    name = re.sub(r"\s+", " ", _CHANGE_WORDS.sub("", clean(rest))).strip(" 「」『』\"'")
    meeting = await pick_meeting(ctx, ref)
    if not name or len(name) > 60 or "|" in name:
        await ctx.reply(ctx.t("meeting.name.how", id=meeting.id, title=meeting.title))
        return
    old = meeting.title
    if name == old:
        await ctx.reply(ctx.t("meeting.name.same", id=meeting.id, title=old))
        return
    meeting.title = name
    await store(ctx.services).save_meeting(meeting)
    await ctx.reply(ctx.t("meeting.name.done", id=meeting.id, old=old, new=name))


@router.command("meeting time", role=Role.ADMIN, help_key="cmd.meeting.time")
async def time_command(ctx: Context, args: str) -> None:
    """`meeting time [M-1] 15時から` changes the start time only; without a time, how to, with an example."""
    ref, rest = split_ref(args)
    value = _CHANGE_WORDS.sub("", clean(rest))
    if not value or time_only(value) is None:
        meeting = await pick_meeting(ctx, ref)
        await ctx.reply(ctx.t("meeting.time.how", id=meeting.id, rule=rule_label(meeting.rule_text, ctx.lang)))
        return
    await apply_set(ctx, f"{ref} 時間は{value}".strip(), confirmed=False)


async def change_preview(ctx: Context, meeting: Meeting, spec: MeetingSpec, now: datetime) -> Reply | None:
    """What a change does to the dates liaisons already know of, and who is told: None when nobody
    would be told (a new meeting, a date nobody heard of, an announced date the new rule keeps)."""
    repo = store(ctx.services)
    cal = calendar(ctx.services)
    tz = cal.tz
    known = [occ for occ in await repo.list_occurrences(meeting.id, starts_after=now,
                                                       statuses=(OccurrenceStatus.SCHEDULED,))
             if await planning.announced(ctx.services, occ)]
    if not known:
        return None
    timing = bool({"rule", "shift"} & spec.given)
    planned: dict[str, PlannedDate] = {}
    if timing:
        rule = parse_rule(spec.rule_text if "rule" in spec.given else meeting.rule_text, now.astimezone(tz).date())
        shift = spec.shift_rule if spec.shift_rule is not None else meeting.shift_rule
        planned = {p.key: p for p in plan_dates(rule, cal, shift, now, 40)}
    place = spec.place if "place" in spec.given else meeting.place
    lines: list[str] = []
    told: dict[int, Person] = {}
    for occ in known:
        when = fmt_when(occ.starts_at, tz, ctx.lang)
        if timing and occ.key not in planned:
            lines.append(ctx.t("meeting.confirm.kept", when=when))
            continue
        changed = False
        if timing and planned[occ.key].starts_at != occ.starts_at:
            lines.append(ctx.t("meeting.confirm.moved", old=when, new=fmt_when(planned[occ.key].starts_at, tz, ctx.lang)))
            changed = True
        if place and place != meeting.place and not occ.place:  # a date with its own place keeps it
            lines.append(ctx.t("meeting.confirm.place", when=when, old=meeting.place or "-", new=place))
            changed = True
        if changed:
            told |= {p.id: p for p in await planning.invitees(ctx.services, occ)}
    if not told:
        return None
    names = "、".join(p.display_name or str(pid) for pid, p in told.items())
    lines.append(ctx.t("meeting.confirm.who", count=len(told), names=names))
    if cal.is_quiet(now):
        lines.append(ctx.t("meeting.confirm.when_quiet", at=fmt_when(cal.next_open(now), tz, ctx.lang)))
    else:
        lines.append(ctx.t("meeting.confirm.when_now"))
    lines.append(ctx.t("meeting.confirm.ask"))
    return Reply(title=ctx.t("meeting.confirm.title", id=meeting.id), text="\n".join(lines),
                 choices=(Choice(ctx.t("meeting.confirm.yes"), "meeting.confirm_change", "yes", "primary"),
                          Choice(ctx.t("meeting.confirm.no"), "meeting.confirm_change", "no")))


async def decide_change(ctx: Context, data: dict, yes: bool) -> None:
    """確定: apply the previewed change (notices within office hours); やめる: nothing changes."""
    await ctx.end_dialog()
    args = str(data.get("args", ""))
    # The command was audited when it was previewed; the decision is audited too.
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    await ctx.services.audit.record(actor, "meeting set", args[:500], "confirmed" if yes else "dropped")
    if not yes:
        await ctx.reply(ctx.t("meeting.confirm.cancelled"))
        return
    await apply_set(ctx, args, confirmed=True)


@router.action("meeting.confirm_change")
async def press_confirm_change(ctx: Context, action: ActionReceived) -> None:
    """The 確定 / やめる buttons of a change preview."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("action.expired")
    state = await ctx.active_dialog()
    if state is None or state.get("kind") != "meeting.confirm_change":
        raise UserFacingError("action.expired")
    await decide_change(ctx, state.get("data", {}), action.value == "yes")


@router.dialog("meeting.confirm_change")
async def typed_confirm_change(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「確定」 or 「やめる」 typed after a change preview."""
    text = fold(msg.text)
    if is_cancel(text) or yes_or_no(text) is False:
        await decide_change(ctx, data, False)
        return True
    if text in SUBMIT_WORDS or yes_or_no(text):
        await decide_change(ctx, data, True)
        return True
    if ctx.claimed_elsewhere(msg.text):
        return False  # a question or another job's message; the preview stays open
    await ctx.reply(ctx.t("meeting.confirm.again"))
    return True


async def tell_new_place(ctx: Context, meeting: Meeting, known: list[tuple[Occurrence, planning.Announced]],
                         old_place: str = "") -> list[str]:
    """A new place for dates liaisons already know of: every invitee is told, one line each.

    Not for a date the new rule no longer gives (the rule moved the month's meeting elsewhere):
    a lone 「場所変更」 for the old date would tell the liaisons half the story while the admin has
    not yet chosen which date stays. The admin is told that nobody was informed and how to do it."""
    tz = calendar(ctx.services).tz
    keys = planning.rule_keys(ctx.services, meeting)
    notes = []
    for before, _ann in known:
        occ = await store(ctx.services).get_occurrence(before.id)
        if occ is None or occ.status is not OccurrenceStatus.SCHEDULED:
            continue
        if occ.key not in keys:
            local = occ.starts_at.astimezone(tz)
            notes.append(ctx.t("meeting.set.place_held", day=f"{local.month}/{local.day}", place=meeting.place,
                               old=occ.place or old_place or "-", id=meeting.id))
            continue
        # The start and place the invitees were told: a time changed by the same command is in the
        # same notice (announced_notes queued it; queuing it again is the same message, never twice).
        notice = await planning.notify_change(ctx.services, meeting, occ, "relocated", old=before.starts_at,
                                              old_place=before.place or old_place)
        if notice.withdrawn:
            notes.append(ctx.t("meeting.notice.withdrawn", when=fmt_when(occ.starts_at, tz, ctx.lang)))
            continue
        # 「連絡しました」 only when it went; a notice waiting for the morning 「お知らせします」.
        key = "meeting.set.relocated" if notice.at is None else "meeting.set.relocated_later"
        notes.append(ctx.t(key, when=fmt_when(occ.starts_at, tz, ctx.lang), count=notice.told)
                     + deferred_note(ctx, notice))
    return notes


def deferred_note(ctx: Context, notice: planning.Notice) -> str:
    """「（業務時間外のため、12月7日（月）08:30 に送ります）」 when a notice waits for office hours; said
    as one message with the notice already waiting for that date when there was one."""
    if notice.at is None:
        return ""
    key = "meeting.notice.merged" if notice.merged else "meeting.notice.deferred"
    return ctx.t(key, at=fmt_when(notice.at, calendar(ctx.services).tz, ctx.lang))


async def tell_new_dates(ctx: Context, meeting: Meeting, before: list[Occurrence], now: datetime) -> list[str]:
    """After a rule change: the dates of the coming weeks it added or removed are told to every
    invitee (now, or the next business morning — the one notice per date); the reply says which."""
    horizon = now + timedelta(weeks=planning.NOTICE_WEEKS)
    after = await planning.upcoming(ctx.services, meeting, 4)
    tz = calendar(ctx.services).tz
    before_ids, after_ids = {o.id for o in before}, {o.id for o in after}
    changes = [(o, planning.ADDED) for o in after if o.id not in before_ids]
    repo = store(ctx.services)
    for o in before:
        gone = await repo.get_occurrence(o.id)
        if o.id not in after_ids and gone is not None and gone.status is not OccurrenceStatus.SCHEDULED:
            changes.append((gone, planning.REMOVED))

    def month(o: Occurrence) -> tuple[int, int]:
        local = o.starts_at.astimezone(tz)
        return local.year, local.month

    # The coming weeks — and the whole of a month they reach, so that a date added is never told
    # without the date of the same month it replaces (1/20 → 1/12).
    months = {month(o) for o, _kind in changes if o.starts_at <= horizon}
    changes = [(o, kind) for o, kind in changes if month(o) in months]
    what, told, at = [], 0, None
    for occ, kind in sorted(changes, key=lambda c: c[0].starts_at):
        notice = await planning.notify_change(ctx.services, meeting, occ, kind)
        if notice.withdrawn:
            continue
        local = occ.starts_at.astimezone(tz)
        day = f"{local.month}/{local.day}" + (f"（{ctx.t('meeting.weekdays').split(',')[local.weekday()]}）"
                                              if ctx.lang != "en" else "")
        what.append(ctx.t("meeting.set.date_added" if kind == planning.ADDED else "meeting.set.date_removed", day=day))
        told = max(told, notice.told)
        at = notice.at or at
    if not what:
        return []
    if at is None:
        return [ctx.t("meeting.set.dates_told", count=told, what="、".join(what))]
    return [ctx.t("meeting.set.dates_told_later", count=told, what="、".join(what), at=fmt_when(at, tz, ctx.lang))]


async def announced_notes(ctx: Context, meeting: Meeting, known: list[tuple[Occurrence, planning.Announced]],
                          old_place: str = "") -> list[str]:
    """One line per announced date after a rule change: kept as it was (with the command that
    cancels it), or moved to another time (and every invitee told)."""
    repo = store(ctx.services)
    tz = calendar(ctx.services).tz
    keys = planning.rule_keys(ctx.services, meeting)
    notes = []
    for before, ann in known:
        occ = await repo.get_occurrence(before.id)
        if occ is None or occ.status is not OccurrenceStatus.SCHEDULED:
            continue
        if occ.starts_at != before.starts_at:
            notice = await planning.notify_change(ctx.services, meeting, occ, "rescheduled", old=before.starts_at,
                                                  old_place=before.place or old_place)
            if notice.withdrawn:
                notes.append(ctx.t("meeting.notice.withdrawn", when=fmt_when(occ.starts_at, tz, ctx.lang)))
                continue
            key = "meeting.set.moved" if notice.at is None else "meeting.set.moved_later"
            notes.append(ctx.t(key, old=fmt_when(before.starts_at, tz, ctx.lang),
                               new=fmt_when(occ.starts_at, tz, ctx.lang), count=notice.told)
                         + deferred_note(ctx, notice))
        elif occ.key not in keys:
            local = occ.starts_at.astimezone(tz)
            what = [ctx.t("meeting.announced.sent")] if ann.sent else []
            if ann.rsvps:
                what.append(ctx.t("meeting.announced.rsvps", count=ann.rsvps))
            if ann.items:
                what.append(ctx.t("meeting.announced.items", count=ann.items))
            same_month = [o for o in await planning.upcoming(ctx.services, meeting, 6)
                          if o.key in keys and (o.starts_at.astimezone(tz).year, o.starts_at.astimezone(tz).month)
                          == (local.year, local.month)]
            if same_month:
                # The rule moved this month's meeting to another day: both dates are planned now.
                new_local = same_month[0].starts_at.astimezone(tz)
                notes.append(ctx.t("meeting.set.kept_twice", month=local.month, day=f"{local.month}/{local.day}",
                                   new_day=f"{new_local.month}/{new_local.day}", what="・".join(what),
                                   old=fmt_when(occ.starts_at, tz, ctx.lang),
                                   new=fmt_when(same_month[0].starts_at, tz, ctx.lang), id=meeting.id))
                continue
            notes.append(ctx.t("meeting.set.kept", when=fmt_when(occ.starts_at, tz, ctx.lang), what="・".join(what),
                               id=meeting.id, day=f"{local.month}/{local.day}"))
    return notes


@router.command("meeting list", role=Role.LIAISON, help_key="cmd.meeting.list", audit=False)
async def list_command(ctx: Context, args: str) -> None:
    """Active meetings, their rules, reminders and next dates (with why a date moved)."""
    meetings = await store(ctx.services).list_meetings()
    if not meetings:
        await ctx.reply(Reply(text=ctx.t("meeting.none"), ephemeral=True))
        return
    tz = calendar(ctx.services).tz
    cfg = config(ctx.services)
    blocks = []
    for meeting in meetings:
        occs = await planning.upcoming(ctx.services, meeting, 3)
        kept = {o.key for o in occs} - planning.rule_keys(ctx.services, meeting)
        blocks.append(render_meeting_line(meeting, occs, planning.offsets_of(meeting, cfg), tz, ctx.lang, kept))
    await ctx.reply(Reply(title=ctx.t("meeting.list.title"), text="\n\n".join(blocks), ephemeral=True))


@router.command("meeting cancel", role=Role.ADMIN, help_key="cmd.meeting.cancel")
async def cancel_command(ctx: Context, args: str) -> None:
    """`meeting cancel M-1`: stop a meeting and all its reminders; `meeting cancel M-1 12/8`:
    only that date (everyone invited is told)."""
    ref, rest = split_ref(args)
    if rest:
        await cancel_date(ctx, ref, rest)
        return
    meeting = await pick_meeting(ctx, ref)
    repo = store(ctx.services)
    now = ctx.services.clock.now()
    ahead = await repo.list_occurrences(meeting.id, starts_after=now, statuses=(OccurrenceStatus.SCHEDULED,))
    meeting.active = False
    await repo.save_meeting(meeting)
    planning.cancel_date_jobs(ctx.services, meeting.id)  # a waiting change notice becomes the cancellation
    notified, later = 0, None
    for occ in ahead:
        # Every announced date is called off (and stays so if the meeting is set again); dates
        # nobody heard of stay as they are.
        told, at = await tell_liaisons_cancelled(ctx, meeting, occ)
        if told:
            await repo.set_occurrence_status(occ.id, OccurrenceStatus.CANCELLED)
        notified, later = max(notified, told), later or at
    key = "meeting.cancel.done" if notified else "meeting.cancel.done_quiet"
    if notified and later is not None:
        key = "meeting.cancel.done_deferred"
    await ctx.reply(ctx.t(key, id=meeting.id, title=meeting.title, notified=notified,
                          at=fmt_when(later, calendar(ctx.services).tz, ctx.lang) if later else ""))


async def cancel_date(ctx: Context, ref: str, day_text: str) -> None:
    """One date of a meeting does not take place; the others stay."""
    meeting = await pick_meeting(ctx, ref)
    tz = calendar(ctx.services).tz
    now = ctx.services.clock.now()
    day = parse_day(day_text, now.astimezone(tz).date())
    if day is None:
        raise UserFacingError("meeting.cancel_date.usage", id=meeting.id)
    repo = store(ctx.services)
    await planning.upcoming(ctx.services, meeting, 3)
    ahead = await repo.list_occurrences(meeting.id, starts_after=now, statuses=(OccurrenceStatus.SCHEDULED,))
    occ = next((o for o in ahead if day in (o.planned_date, o.starts_at.astimezone(tz).date())), None)
    if occ is None:
        raise UserFacingError("meeting.cancel_date.none", id=meeting.id, day=f"{day.month}/{day.day}")
    # The date's reminders go first; a change notice waiting for the morning stays, so that the
    # cancellation is merged into it (one 「開催中止」 with the time the invitees were told).
    planning.cancel_date_jobs(ctx.services, meeting.id, occ.key)
    await repo.set_occurrence_status(occ.id, OccurrenceStatus.CANCELLED)
    await planning.plan_meeting(ctx.services, meeting)
    notified, at = await tell_liaisons_cancelled(ctx, meeting, occ)
    await reply_called_off(ctx, meeting, occ, notified, at)


async def reply_called_off(ctx: Context, meeting: Meeting, occ: Occurrence, notified: int,
                           at: datetime | None) -> None:
    """「… の会議は開催しません」 with who is told and when (now, or the next business morning)."""
    tz = calendar(ctx.services).tz
    nxt = await planning.next_occurrence(ctx.services, meeting)
    key = "meeting.skip.done" if notified else "meeting.skip.done_quiet"
    if notified and at is not None:
        key = "meeting.skip.done_deferred"
    text = ctx.t(key, when=fmt_when(occ.starts_at, tz, ctx.lang), notified=notified,
                 next=fmt_when(nxt[1].starts_at, tz, ctx.lang) if nxt else "-",
                 at=fmt_when(at, tz, ctx.lang) if at else "")
    # Agenda items and 気づき sent for the date are not dropped: the next date shows them (carried over).
    items = await store(ctx.services).list_items(meeting.id, occurrence_id=occ.id)
    # They go to the first date still planned after it (a kept date may come after the new rule's first).
    target = await planning.carried_to(ctx.services, meeting, occ) if meeting.active else None
    if items and target:
        key = "meeting.skip.carried" if nxt is None or nxt[1].id == target.id else "meeting.skip.carried_later"
        text += "\n" + ctx.t(key, count=len(items), next=fmt_when(target.starts_at, tz, ctx.lang))
    elif items:
        text += "\n" + ctx.t("meeting.skip.carried_none", count=len(items))
    await ctx.reply(text)


@router.command("meeting skip-next", role=Role.ADMIN, help_key="cmd.meeting.skip")
async def skip_command(ctx: Context, args: str) -> None:
    """`meeting skip-next [M-1]`: the next date does not take place; the one after is planned."""
    meeting = await pick_meeting(ctx, args)
    found = await planning.next_occurrence(ctx.services, meeting)
    if found is None:
        raise UserFacingError("meeting.no_upcoming")
    occ = found[1]
    await store(ctx.services).set_occurrence_status(occ.id, OccurrenceStatus.SKIPPED)
    planning.cancel_date_jobs(ctx.services, meeting.id, occ.key)
    await planning.plan_meeting(ctx.services, meeting)
    notified, at = await tell_liaisons_cancelled(ctx, meeting, occ)
    await reply_called_off(ctx, meeting, occ, notified, at)


async def tell_liaisons_cancelled(ctx: Context, meeting: Meeting, occ: Occurrence) -> tuple[int, datetime | None]:
    """If a date was announced (reminded, answered, or an item sent), tell every invitee it will
    not take place: in office hours at once, otherwise at the next business morning, like the
    other change notices. Returns (how many, when it goes if it waits)."""
    ann = await planning.announced(ctx.services, occ)
    if not ann and not ann.told:
        planning.scheduler(ctx.services).cancel(planning.notice_job_id(meeting.id, occ.key))
        return 0, None
    notice = await planning.notify_change(ctx.services, meeting, occ, planning.CANCELLED)
    return notice.told, notice.at


def reachable(person: object) -> bool:
    """Has at least one platform identity the bot can write to (an e-mail address reaches the web desk)."""
    return any(getattr(person, name, "") for name in ("slack_id", "teams_id", "teams_user_id", "local_id", "email"))


@router.command("meeting preview", role=Role.ADMIN, help_key="cmd.meeting.preview", audit=False)
async def preview_command(ctx: Context, args: str) -> None:
    """What will be sent to whom and when, for the next meeting."""
    meeting = await pick_meeting(ctx, args)
    found = await planning.next_occurrence(ctx.services, meeting)
    if found is None:
        raise UserFacingError("meeting.no_upcoming")
    occ = found[1]
    tz = calendar(ctx.services).tz
    plan = planning.reminder_plan(ctx.services, meeting, occ)
    runs = await store(ctx.services).reminder_runs(occ.id)
    liaisons = await ctx.services.people.list(Role.LIAISON)
    unreachable = {p.id for p in liaisons if not reachable(p)}
    items = await planning.items_for(ctx.services, meeting, occ)
    # The sample is the next reminder still to go out, worded for the day it goes out.
    pending = [p for p in plan if p.offset.key not in runs
               and not (meeting.rule_set_at and p.due_at < meeting.rule_set_at)] or plan
    sample = render_reminder(meeting, occ, pending[0].offset if pending else None, tz, ctx.lang, items,
                             sent_on=pending[0].due_at.astimezone(tz).date() if pending else None,
                             cal=calendar(ctx.services))
    manual = [at for _job, at in planning.pending_manual_sends(ctx.services, meeting, occ)]
    await ctx.reply(render_preview(meeting, occ, plan, runs, liaisons, unreachable, sample, tz, ctx.lang,
                                   manual_pending=manual))


@router.command("meeting send-now", role=Role.ADMIN, help_key="cmd.meeting.send_now")
async def send_now_command(ctx: Context, args: str) -> None:
    """Send the next meeting's reminder to every liaison now (in office hours; `強制` overrides)."""
    words = args.split()
    force = any(w in FORCE_WORDS for w in words)
    ref = " ".join(w for w in words if w not in FORCE_WORDS)
    meeting = await pick_meeting(ctx, ref)
    found = await planning.next_occurrence(ctx.services, meeting)
    if found is None:
        raise UserFacingError("meeting.no_upcoming")
    occ = found[1]
    cal = calendar(ctx.services)
    now = ctx.services.clock.now()
    key = planning.manual_key(now)
    sched = planning.scheduler(ctx.services)
    waiting = planning.pending_manual_sends(ctx.services, meeting, occ)
    if cal.is_quiet(now) and not force:
        at = cal.next_open(now)
        if at >= occ.starts_at:
            raise UserFacingError("meeting.send_now.too_late", id=meeting.id)
        # Asking twice at night keeps one send in the morning, not two.
        for job_id, _at in waiting:
            sched.cancel(job_id)
        sched.schedule(planning.reminder_job_id(meeting.id, occ.key, key), at, planning.SEND_REMINDER, occ.id, key)
        await ctx.reply(ctx.t("meeting.send_now.deferred", at=fmt_when(at, cal.tz, ctx.lang), id=meeting.id))
        return
    # A send that was waiting for office hours is replaced by this one (never both).
    for job_id, _at in waiting:
        sched.cancel(job_id)
    sent = await planning.deliver_reminder(ctx.services, meeting, occ, key, None)
    await store(ctx.services).record_reminder(
        ReminderRun(occ.id, key, planning.MANUAL, now, now, sent))
    if not sent:
        raise UserFacingError("meeting.no_liaisons")
    text = ctx.t("meeting.send_now.done", count=sent, when=fmt_when(occ.starts_at, cal.tz, ctx.lang))
    if waiting:
        text += "\n" + ctx.t("meeting.send_now.replaced", at=fmt_when(waiting[0][1], cal.tz, ctx.lang))
    await ctx.reply(text)


@router.command("meeting rsvps", role=Role.ADMIN, help_key="cmd.meeting.rsvps", audit=False)
async def rsvps_command(ctx: Context, args: str) -> None:
    """Who comes to the next meeting (出席 / 代理 / 欠席 / 未回答)."""
    meeting = await pick_meeting(ctx, args)
    found = await planning.next_occurrence(ctx.services, meeting)
    if found is None:
        raise UserFacingError("meeting.no_upcoming")
    occ = found[1]
    liaisons = await ctx.services.people.list(Role.LIAISON)
    rsvps = await store(ctx.services).list_rsvps(occ.id)
    people = {p.id: p for p in await ctx.services.people.list()}
    reply = render_rsvp_summary(meeting, occ, liaisons, rsvps, people, calendar(ctx.services).tz, ctx.lang)
    await ctx.reply(reply.with_(ephemeral=True))


@router.command("meeting send-minutes", role=Role.ADMIN, help_key="cmd.meeting.minutes")
async def minutes_command(ctx: Context, args: str) -> None:
    """`meeting send-minutes 本文`: minutes or follow-ups of the latest meeting to every liaison."""
    ref, text = split_ref(args)
    text = clean(text)
    if not text:
        raise UserFacingError("command.usage", usage=ctx.t("meeting.minutes.usage"))
    if len(text) > MAX_MINUTES_CHARS:
        raise UserFacingError("meeting.minutes.too_long", limit=MAX_MINUTES_CHARS)
    meeting = await pick_meeting(ctx, ref)
    now = ctx.services.clock.now()
    held = await store(ctx.services).list_occurrences(meeting.id, starts_before=now,
                                                      statuses=(OccurrenceStatus.SCHEDULED,))
    tz = calendar(ctx.services).tz
    occ_key = held[-1].key if held else "general"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    liaisons = await ctx.services.people.list(Role.LIAISON)
    if not liaisons:
        raise UserFacingError("meeting.no_liaisons")
    messages = []
    for person in liaisons:
        lang = person.language if person.language in ("ja", "en") else ctx.services.config.default_language
        title = t("meeting.minutes.title", lang, title=meeting.title,
                  when=fmt_when(held[-1].starts_at, tz, lang) if held else "")
        messages.append((Destination("", "person", str(person.id)), Reply(title=title, text=text),
                         planning.dedupe_key(meeting.id, occ_key, f"minutes-{digest}", person.id)))
    await ctx.services.outbox.enqueue_many(messages)  # all or none (issue 17)
    await ctx.reply(ctx.t("meeting.minutes.done", count=len(liaisons)))


# --- the next meeting's reminder asked for now, in plain words (twelfth round) ---------------------
# 「次回の案内いますぐおくって」「会議のお知らせ今すぐ流して」 were searched in the FAQ: now `/dx 会議 今すぐ送信`,
# confirmed first since it messages every liaison.
_NOW = re.compile(r"(今すぐ|いますぐ|今から|いまから|すぐに?|今(?!日|週|月|年|回|度)|いま(?!す|せ|した))")
_NOTICE = re.compile(r"(案内|あんない|お知らせ|おしらせ|リマインド|通知|招集)")
_SEND = re.compile(r"(送っ|おくっ|送信|流し|ながし|出し|だし|配信)")
SEND_NOW_DIALOG = "meeting.send_now_wish"


def is_send_now_wish(folded: str) -> bool:
    """「次回の案内いますぐおくって」「会議のお知らせ今すぐ送信して」 (folded text), not a question."""
    text = unicodedata.normalize("NFKC", folded).strip()
    return (len(text) <= 40 and not text.startswith(("/", "／")) and not re.search(r"[?？]|議事録|診断|報告|進捗|ないで|なくて|不要|いらない|やめ|止め|まだ", text)
            and re.search(r"(次回|次の|つぎの|会議|かいぎ|ミーティング)", text) is not None
            and all(p.search(text) for p in (_NOW, _NOTICE, _SEND)))


@router.message(when=is_send_now_wish, priority=57)
async def propose_send_now(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's 「次回の案内いますぐおくって」: the next meeting's reminder, with [はい][直す][やめる];
    「はい」 runs `/dx 会議 今すぐ送信` (office hours, the audit, as typed)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    meeting = await pick_meeting(ctx, "")
    found = await planning.next_occurrence(ctx.services, meeting)
    if found is None:
        raise UserFacingError("meeting.no_upcoming")
    cal = calendar(ctx.services)
    when = fmt_when(found[1].starts_at, cal.tz, ctx.lang)
    command = f"meeting send-now {meeting.id}"
    shown = "/dx " + (command if ctx.lang == "en" else japanese_path(tuple(command.split()[:2])) + f" {meeting.id}")
    await confirm.propose(ctx, SEND_NOW_DIALOG, {}, ctx.t("meeting.send_now.confirm", when=when, command=shown),
                          command, what=ctx.t("meeting.send_now.pending", when=when))
    return True


_ask_send_now_fix = confirm.ask_fix_with(SEND_NOW_DIALOG, "meeting.send_now.what_to_fix")


@router.action(SEND_NOW_DIALOG)
async def press_send_now_wish(ctx: Context, action: ActionReceived) -> None:
    """[はい] sends it, [直す] says how, [やめる] drops it."""
    await confirm.answer_pressed(ctx, action, SEND_NOW_DIALOG, _ask_send_now_fix)


@router.dialog(SEND_NOW_DIALOG)
async def typed_send_now_wish(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい / 直す / やめる; anything else is handled as what it is (nothing is sent)."""
    if await confirm.answer_typed(ctx, msg.text, {**data, "step": "confirm"}, _ask_send_now_fix):
        return True
    await ctx.end_dialog()
    return False
