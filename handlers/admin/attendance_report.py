"""`export rsvps` (「/dx 書き出し 出欠」): the meetings' attendance as a file — one row per answer: the
meeting date, who answered, their department, the answer, the proxy, the reason or note, and when
they answered (JST) — and one 未回答 row per invited liaison who has not answered (for a date the
liaisons were invited to). Written by the one spreadsheet writer, like every other export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.model import Role
from bot.core.router import Router
from handlers.admin.ports import Column, Sheet
from handlers.admin.reports import (
    export_reply,
    file_attachment,
    local_today,
    local_tz,
    parse_args,
    reject_extra,
)
from handlers.meetings.model import OccurrenceStatus, Rsvp, RsvpAnswer
from handlers.meetings.ports import MEETINGS, MeetingStore

router = Router("admin.attendance")

_ANSWER_KEYS = {RsvpAnswer.ATTEND: "admin.rsvp.attend", RsvpAnswer.ABSENT: "admin.rsvp.absent",
                RsvpAnswer.PROXY: "admin.rsvp.proxy"}


async def invited(meetings: MeetingStore, meeting_id: int, occurrence_id: int, answers: Sequence[Rsvp]) -> bool:
    """Whether the liaisons were invited to a date: a reminder reached them, or someone answered or
    sent an item. A date nobody has heard of yet has no 未回答 rows."""
    if answers:
        return True
    runs = await meetings.reminder_runs(occurrence_id)
    return any(r.recipients for r in runs.values()) or bool(await meetings.list_items(meeting_id, occurrence_id))


@router.command("export rsvps", role=Role.ADMIN, help_key="admin.cmd.export_rsvps")
@router.command("export attendance", role=Role.ADMIN)
async def export_attendance(ctx: Context, args: str) -> None:
    """`export rsvps [csv|xlsx] [YYYY-MM|全期間] [BOMなし]`: every answer (and every 未回答) to every meeting date (of
    one month when given), held or still to come; dates called off are left out."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.export_rsvps")
    meetings = ctx.services.get(MEETINGS)
    if meetings is None:
        raise UserFacingError("admin.unavailable")
    tz = local_tz(ctx.services)
    month = None if parsed.all_time else parsed.month
    people = {p.id: p for p in await ctx.services.people.list()}
    liaisons = await ctx.services.people.list(Role.LIAISON)
    rows: list[tuple[datetime, int, str, str, tuple[object, ...]]] = []
    for meeting in await meetings.list_meetings(active_only=False):
        for occ in await meetings.list_occurrences(meeting.id, statuses=(OccurrenceStatus.SCHEDULED,)):
            starts = occ.starts_at.astimezone(tz)
            if month is not None and (starts.year, starts.month) != (month.year, month.month):
                continue
            answers = await meetings.list_rsvps(occ.id)
            for rsvp in answers:
                person = people.get(rsvp.person_id)
                answered = rsvp.updated_at.astimezone(tz).replace(tzinfo=None, microsecond=0) if rsvp.updated_at else None
                name = person.display_name if person else str(rsvp.person_id)
                department = (person.department if person else "") or ctx.t("admin.no_department")
                row = (starts.replace(tzinfo=None), meeting.title, name, department,
                       ctx.t(_ANSWER_KEYS[rsvp.answer]), rsvp.proxy_name, rsvp.comment, answered)
                rows.append((starts, 0, department, name, row))
            if not await invited(meetings, occ.meeting_id, occ.id, answers):
                continue
            # Invitees who have not answered are rows too (未回答), so the file is the whole roll.
            done = {r.person_id for r in answers}
            for person in liaisons:
                if person.id in done:
                    continue
                name = person.display_name or str(person.id)
                department = person.department or ctx.t("admin.no_department")
                row = (starts.replace(tzinfo=None), meeting.title, name, department,
                       ctx.t("admin.rsvp.unanswered"), "", "", None)
                rows.append((starts, 1, department, name, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    columns = (
        Column(ctx.t("admin.col.meeting_at"), "datetime", 18),
        Column(ctx.t("admin.col.meeting"), "text", 22),
        Column(ctx.t("admin.col.person"), "text", 14),
        Column(ctx.t("admin.col.department"), "text", 14),
        Column(ctx.t("admin.col.rsvp"), "text", 10),
        Column(ctx.t("admin.col.proxy"), "text", 14),
        Column(ctx.t("admin.col.reason"), "text", 30),
        Column(ctx.t("admin.col.answered_at"), "datetime", 18),
    )
    period = month.label(ctx.lang) if month else ctx.t("admin.period.all")
    sheet = Sheet(ctx.t("admin.sheet.rsvps"), columns, tuple(r[4] for r in rows))
    stem = f"meeting_attendance_{month.key if month else 'all'}"
    attachment = await file_attachment(ctx, sheet, stem, parsed.file_format, parsed.bom,
                                       ctx.t("admin.rsvps.export_title", period=period))
    await ctx.reply(export_reply(ctx, attachment, len(rows)))
