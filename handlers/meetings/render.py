"""Pure rendering of meeting messages: reminders, summaries, previews and lists."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta, tzinfo

from bot.core.messages import t
from bot.core.model import Person
from bot.core.ports import BusinessCalendar
from bot.core.replies import Choice, Field, Reply, TextInput
from handlers.meetings.model import (
    ItemKind,
    Meeting,
    MeetingItem,
    Occurrence,
    PlannedReminder,
    ReminderOffset,
    ReminderRun,
    Rsvp,
    RsvpAnswer,
    monthly_rule,
    place_of,
)

MAX_ITEMS_IN_REMINDER = 5


def weekday_name(day: date, lang: str) -> str:
    """「火」 / "Tue"."""
    return t("meeting.weekdays", lang).split(",")[day.weekday()]


def fmt_date(day: date, lang: str) -> str:
    """「2027年2月24日（水）」 / "Wed 2027-02-24"."""
    return t("meeting.date", lang, y=day.year, m=day.month, d=day.day, w=weekday_name(day, lang))


def fmt_when(moment: datetime, tz: tzinfo, lang: str) -> str:
    """A moment in the office time zone: 「2027年2月24日（水）15:00」."""
    local = moment.astimezone(tz)
    return t("meeting.datetime", lang, date=fmt_date(local.date(), lang), time=f"{local:%H:%M}")


def person_label(person: Person | None, lang: str) -> str:
    """「山田 花子（企画課）」."""
    if person is None:
        return t("meeting.unknown_person", lang)
    name = person.display_name or str(person.id)
    return f"{name}（{person.department}）" if person.department else name


def moved_note(occ: Occurrence, tz: tzinfo, lang: str) -> str:
    """Why the meeting is not on the rule's date, or ""."""
    if not occ.moved:
        return ""
    return t("meeting.moved", lang, planned=fmt_date(occ.planned_date, lang), reason=occ.shift_reason,
             actual=fmt_date(occ.starts_at.astimezone(tz).date(), lang))


def meeting_fields(meeting: Meeting, occ: Occurrence, tz: tzinfo, lang: str) -> tuple[Field, ...]:
    """日時 / 場所 / オンライン / 議題 card fields."""
    fields = [Field(t("meeting.field.when", lang), fmt_when(occ.starts_at, tz, lang))]
    if place_of(meeting, occ):
        fields.append(Field(t("meeting.field.place", lang), place_of(meeting, occ)))
    if meeting.link:
        fields.append(Field(t("meeting.field.link", lang), meeting.link))
    if meeting.agenda:
        fields.append(Field(t("meeting.field.agenda", lang), meeting.agenda))
    return tuple(fields)


def rsvp_choices(occ: Occurrence, lang: str) -> tuple[Choice, ...]:
    """出席 / 欠席 / 代理出席 and the two ways to send something before the meeting."""
    return (
        Choice(t("meeting.rsvp.attend", lang), "meeting.rsvp", f"{occ.id}:attend", "primary"),
        Choice(t("meeting.rsvp.absent", lang), "meeting.rsvp", f"{occ.id}:absent"),
        Choice(t("meeting.rsvp.proxy", lang), "meeting.rsvp", f"{occ.id}:proxy"),
        Choice(t("meeting.item.agenda_button", lang), "meeting.item", f"{occ.id}:agenda"),
        Choice(t("meeting.item.idea_button", lang), "meeting.item", f"{occ.id}:idea"),
    )


def business_days_until(sent_on: date, meeting_day: date, cal: BusinessCalendar) -> int:
    """How many business days after `sent_on` the meeting is (0 on the day itself)."""
    days, day = 0, sent_on
    while day < meeting_day and days < 400:
        day += timedelta(days=1)
        if cal.is_business_day(day) or day == meeting_day:
            days += 1
    return days


def render_reminder(meeting: Meeting, occ: Occurrence, offset: ReminderOffset | None, tz: tzinfo, lang: str,
                    items: Sequence[MeetingItem] = (), late: bool = False, sent_on: date | None = None,
                    cal: BusinessCalendar | None = None) -> Reply:
    """The reminder a liaison receives, with RSVP buttons (typed answers work too).

    「（N営業日後）」 is counted from the day it is actually sent (`sent_on`, with the business
    calendar) — a reminder deferred, late or previewed on another day says the true distance."""
    when = fmt_when(occ.starts_at, tz, lang)
    local_start = occ.starts_at.astimezone(tz)
    days = offset.business_days if offset is not None else None
    if offset is not None and sent_on is not None and cal is not None:
        days = business_days_until(sent_on, local_start.date(), cal)
    if offset is not None and days == 0:
        lead = t("meeting.reminder.today", lang, title=meeting.title, time=f"{local_start:%H:%M}")
    elif offset is not None:
        lead = t("meeting.reminder.ahead", lang, title=meeting.title, when=when, days=days)
    else:
        lead = t("meeting.reminder.manual", lang, title=meeting.title, when=when)
    lines = [lead]
    note = moved_note(occ, tz, lang)
    if note:
        lines.append(note)
    if late:
        lines.append(t("meeting.reminder.late", lang))
    agenda_items = [i for i in items if i.kind is ItemKind.AGENDA][:MAX_ITEMS_IN_REMINDER]
    if agenda_items:
        lines.append(t("meeting.reminder.items", lang))
        lines.extend(f"・{i.text}" for i in agenda_items)
    lines.append(t("meeting.reminder.ask", lang))
    return Reply(
        title=t("meeting.reminder.title", lang, title=meeting.title, when=when),
        text="\n".join(lines),
        fields=meeting_fields(meeting, occ, tz, lang),
        choices=rsvp_choices(occ, lang),
        inputs=(TextInput("proxy_name", t("meeting.rsvp.proxy_input", lang),
                          t("meeting.rsvp.proxy_placeholder", lang)),),
    )


def answer_label(rsvp: Rsvp, lang: str) -> str:
    """「出席」「欠席」「代理出席（山田）」."""
    if rsvp.answer is RsvpAnswer.PROXY:
        return t("meeting.rsvp.label.proxy", lang, name=rsvp.proxy_name or "-")
    return t(f"meeting.rsvp.label.{rsvp.answer.value}", lang)


# How a stored note reads after the answer: 「遅刻（15分くらい）」 → 「15分くらい遅れて参加」.
_LATE_NOTE = re.compile(r"^遅刻(?:（(?P<amount>[^（）]+)）)?$")
_TENTATIVE = "（未確定）"


def note_phrase(part: str, lang: str) -> str:
    """One part of an answer's note as it reads after 「出席」: 遅刻 and 早退 in words, 未確定 kept."""
    late = _LATE_NOTE.match(part)
    if late:
        amount = late.group("amount")
        return t("meeting.rsvp.note.late_by", lang, amount=amount) if amount else t("meeting.rsvp.note.late", lang)
    if part == "早退":
        return t("meeting.rsvp.note.early", lang)
    if part == "未確定":
        return t("meeting.rsvp.note.tentative", lang)
    if part.endswith(_TENTATIVE):  # 「研修とかぶってる（未確定）」: the reason, then 未確定
        return part[:-len(_TENTATIVE)] + t("meeting.rsvp.note.sep", lang) + t("meeting.rsvp.note.tentative", lang)
    return part


def answer_with_note(rsvp: Rsvp, lang: str) -> str:
    """The answer with its note in one phrase, for the confirmation and 「あなたの出欠」:
    「出席（15分くらい遅れて参加）」「欠席（出張のため）」「代理出席（山本・係長）」「欠席（未確定）」."""
    if not rsvp.comment:
        return answer_label(rsvp, lang)
    note = "、".join(note_phrase(part.strip(), lang) for part in rsvp.comment.split("、") if part.strip())
    if rsvp.answer is RsvpAnswer.PROXY:
        return t("meeting.rsvp.label.proxy_note", lang, name=rsvp.proxy_name or "-", note=note)
    return t(f"meeting.rsvp.label.{rsvp.answer.value}_note", lang, note=note)


def render_rsvp_summary(meeting: Meeting, occ: Occurrence, liaisons: Sequence[Person], rsvps: Sequence[Rsvp],
                        people: dict[int, Person], tz: tzinfo, lang: str) -> Reply:
    """Who comes, who does not, who sends a proxy, and who has not answered yet."""
    by_person = {r.person_id: r for r in rsvps}
    groups: dict[str, list[str]] = {"attend": [], "absent": [], "proxy": [], "none": []}
    for person in liaisons:
        rsvp = by_person.get(person.id)
        if rsvp is None:
            groups["none"].append(person_label(person, lang))
            continue
        label = person_label(person, lang)
        if rsvp.answer is RsvpAnswer.PROXY:
            label += " → " + t("meeting.rsvp.label.proxy", lang, name=rsvp.proxy_name or "-")
        if rsvp.comment:
            label += f"「{rsvp.comment[:60]}」"
        groups[rsvp.answer.value].append(label)
    # Answers from people who are no longer liaisons still count: they told us.
    liaison_ids = {p.id for p in liaisons}
    for rsvp in rsvps:
        if rsvp.person_id not in liaison_ids:
            groups[rsvp.answer.value].append(person_label(people.get(rsvp.person_id), lang))
    lines = []
    for key in ("attend", "proxy", "absent", "none"):
        names = groups[key]
        lines.append(t(f"meeting.summary.{key}", lang, count=len(names)) + (
            "\n" + "\n".join(f"・{n}" for n in names) if names else ""))
    note = moved_note(occ, tz, lang)
    return Reply(
        title=t("meeting.summary.title", lang, title=meeting.title, when=fmt_when(occ.starts_at, tz, lang)),
        text="\n".join(lines) + (f"\n{note}" if note else ""),
    )


def render_items(meeting: Meeting, occ: Occurrence | None, items: Sequence[MeetingItem],
                 people: dict[int, Person], tz: tzinfo, lang: str, carried: dict[int, str] | None = None) -> Reply:
    """Agenda items and 小さな気づき collected for a meeting; `carried` (occurrence id → 「12/8」) marks
    the items sent for a date called off before it."""
    when = fmt_when(occ.starts_at, tz, lang) if occ else "-"
    if not items:
        return Reply(title=t("meeting.items.title", lang, title=meeting.title, when=when),
                     text=t("meeting.items.empty", lang))
    lines: list[str] = []
    for kind in (ItemKind.AGENDA, ItemKind.IDEA):
        chosen = [i for i in items if i.kind is kind]
        lines.append(t(f"meeting.items.{kind.value}", lang, count=len(chosen)))
        for item in chosen:
            who = person_label(people.get(item.person_id) if item.person_id else None, lang)
            origin = (carried or {}).get(item.occurrence_id or 0)
            lines.append(f"・{item.text}（{who}）" + (t("meeting.items.carried", lang, day=origin) if origin else ""))
    return Reply(title=t("meeting.items.title", lang, title=meeting.title, when=when), text="\n".join(lines))


def offset_label(offset: ReminderOffset, lang: str) -> str:
    """「3営業日前 09:00」 / 「当日 08:30」."""
    if offset.business_days == 0:
        return t("meeting.offset.same_day", lang, time=f"{offset.at:%H:%M}")
    return t("meeting.offset.before", lang, days=offset.business_days, time=f"{offset.at:%H:%M}")


def rule_label(rule_text: str, lang: str) -> str:
    """A monthly rule in the office's one form, whatever words it was set with: 「毎月2週目の火曜日の
    午後3時から」 shows as 「毎月第2火曜 15:00」; explicit dates show as typed."""
    rule = monthly_rule(rule_text)
    if rule is None:
        return rule_text
    day = t("meeting.weekdays", lang).split(",")[rule.weekday]
    key = "meeting.rule.label_last" if rule.nth == -1 else "meeting.rule.label"
    return t(key, lang, nth=rule.nth, day=day, time=f"{rule.at:%H:%M}")


def render_meeting_line(meeting: Meeting, upcoming: Sequence[Occurrence], offsets: Sequence[ReminderOffset],
                        tz: tzinfo, lang: str, kept: Collection[str] = ()) -> str:
    """One meeting in `meeting list` (「/dx 会議 予定」): id, title, rule, place, reminders and the next
    dates; a date in `kept` (keys of dates an earlier rule gave, kept because liaisons were told or
    answered) is marked 「(ルール変更前に案内済み)」, so both dates of that month show in one place."""
    lines = [t("meeting.list.head", lang, id=meeting.id, title=meeting.title, rule=rule_label(meeting.rule_text, lang),
               shift=t(f"meeting.shift.{meeting.shift_rule.value}", lang))]
    if meeting.place:
        lines.append(f"  {t('meeting.field.place', lang)}: {meeting.place}")
    if meeting.link:
        lines.append(f"  {t('meeting.field.link', lang)}: {meeting.link}")
    lines.append(f"  {t('meeting.field.reminders', lang)}: " + "、".join(offset_label(o, lang) for o in offsets))
    for occ in upcoming:
        own = place_of(meeting, occ) if occ.place and occ.place != meeting.place else ""
        note = " ".join(n for n in (moved_note(occ, tz, lang),
                                    t("meeting.list.kept", lang) if occ.key in kept else "",
                                    t("meeting.list.own_place", lang, place=own) if own else "") if n)
        lines.append(f"  → {fmt_when(occ.starts_at, tz, lang)}" + (f"  {note}" if note else ""))
    if not upcoming:
        lines.append("  " + t("meeting.list.no_upcoming", lang))
    return "\n".join(lines)


def render_preview(meeting: Meeting, occ: Occurrence, plan: Sequence[PlannedReminder],
                   runs: dict[str, ReminderRun], liaisons: Sequence[Person], unreachable: set[int],
                   sample: Reply, tz: tzinfo, lang: str, manual_pending: Sequence[datetime] = ()) -> Reply:
    """What will be sent to whom and when, for the next meeting — including 「今すぐ送信」 requests
    waiting for office hours (and that sending now replaces them) and manual sends already made."""
    lines = [t("meeting.preview.meeting", lang, when=fmt_when(occ.starts_at, tz, lang))]
    note = moved_note(occ, tz, lang)
    if note:
        lines.append(note)
    lines.append(t("meeting.preview.schedule", lang))
    if not plan:
        lines.append("・" + t("meeting.preview.nothing_left", lang))
    for item in plan:
        run = runs.get(item.offset.key)
        line = f"・{offset_label(item.offset, lang)} → {fmt_when(item.due_at, tz, lang)}"
        if item.deferred:
            line += " " + t("meeting.preview.deferred", lang)
        if run is not None:
            line += " " + t(f"meeting.preview.run.{run.status}", lang)
        elif meeting.rule_set_at and item.due_at < meeting.rule_set_at:
            line += " " + t("meeting.preview.run.before_set", lang)
        lines.append(line)
    for run in sorted((r for r in runs.values() if r.status == "manual"), key=lambda r: r.done_at or r.due_at):
        lines.append(f"・{t('meeting.preview.manual', lang)} → {fmt_when(run.done_at or run.due_at, tz, lang)} "
                     + t("meeting.preview.run.manual", lang))
    for at in manual_pending:
        lines.append(f"・{t('meeting.preview.manual', lang)} → {fmt_when(at, tz, lang)} "
                     + t("meeting.preview.manual_waiting", lang, id=meeting.id))
    unsent = [item for item in plan if (runs[item.offset.key].status == "missed" if item.offset.key in runs
                                        else bool(meeting.rule_set_at and item.due_at < meeting.rule_set_at))]
    if unsent and not any(r.status == "manual" or r.offset_key.startswith("manual") for r in runs.values()):
        # A reminder that will not go out: say how to tell the liaisons now instead.
        lines.append(t("meeting.preview.send_now_hint", lang, id=meeting.id,
                       what="、".join(offset_label(i.offset, lang) for i in unsent)))
    lines.append(t("meeting.preview.recipients", lang, count=len(liaisons)))
    for person in liaisons:
        mark = " " + t("meeting.preview.unreachable", lang) if person.id in unreachable else ""
        lines.append(f"・{person_label(person, lang)}{mark}")
    if not liaisons:
        lines.append("・" + t("meeting.preview.no_liaisons", lang))
    lines.append("")
    lines.append(t("meeting.preview.sample", lang))
    lines.append(sample.plain_text())
    return Reply(title=t("meeting.preview.title", lang, title=meeting.title), text="\n".join(lines), ephemeral=True)
