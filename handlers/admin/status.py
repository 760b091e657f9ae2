"""`status` (「/dx 状況」): what waits in the outbox for office hours, and when it goes out (JST).

The check-in and assessment status lists say it per campaign; this is the one place an admin sees
every queued send at once (invitations started at night, a meeting reminder asked for at night).
`/dx 状況 報告` and `/dx 状況 診断` are the campaigns' own status lists. `/dx 状況 強制` sends every
waiting invitation now, each through its campaign's own 「開始 強制」; a bare 「強制」「いますぐ送って」 typed
by an admin while invitations wait does the same (confirmed first when more than one job waits).
"""

from __future__ import annotations

import re
import unicodedata

from bot.core import confirm, vocabulary
from bot.core.commands import canonical
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.model import Role
from bot.core.replies import Reply
from bot.core.router import Router
from bot.core.text import short_moment
from handlers.admin.reports import local_tz

router = Router("admin.status")

_KINDS = ("checkin", "assessment", "meeting")
# The campaigns whose waiting invitations one command sends now (the slash command's own path).
_SEND_NOW = {"checkin": "checkin start force", "assessment": "assessment start force"}
FORCE_DIALOG = "admin.send_now"
# 「強制」「強制で」「いますぐ送って」「今すぐ送信で」「すぐ送ってください」: a force word said alone (NFKC text).
_FORCE_ALONE = re.compile(
    r"^(?:強制送信|強制|きょうせい|キョウセイ|force|now|今すぐに?|いますぐに?|すぐに?|至急)"
    r"(?:で|に)?(?:送信|そうしん|送っ|おくっ|送|おく|出し|だし|流し|ながし)?"
    r"(?:して|て|で|する|します|る|ります|りたい|ちゃって|といて)?"
    r"(?:ください|下さい|くれる|ほしい|欲しい|お願いします|おねがいします|お願い|おねがい|よろしく|ok)?[\s。．.!！〜ー～]*$",
    re.IGNORECASE)


def is_force_alone(text: str) -> bool:
    """「強制」「いますぐ送って」「今すぐ送信で」 typed alone (not 「強制って何？」)."""
    said = unicodedata.normalize("NFKC", text).strip()
    return bool(said) and len(said) <= 20 and (said in vocabulary.FORCE_WORDS or bool(_FORCE_ALONE.match(said)))


@router.command("status", role=Role.ADMIN, help_key="admin.cmd.status")
async def show_status(ctx: Context, args: str) -> None:
    """Sends waiting for office hours, by job and time; 「状況 報告」 is the check-in's status list."""
    if args.split() and all(w in vocabulary.FORCE_WORDS for w in args.split()):
        await send_waiting_now(ctx, await _waiting_jobs(ctx))
        return
    job = canonical(args.split()[0]) if args.split() else ""
    if job in ("checkin", "assessment") and ctx.run_command is not None:
        await ctx.run_command(f"{job} status {' '.join(args.split()[1:])}".strip())
        return
    tz = local_tz(ctx.services)
    waiting = await ctx.services.outbox.waiting_all()
    lines = [ctx.t("admin.status.line", what=ctx.t(f"admin.status.kind.{kind}" if kind in _KINDS else "admin.status.kind.other"),
                   n=n, at=short_moment(at, tz, ctx.lang))
             for (kind, at), n in sorted(waiting.items(), key=lambda item: (item[0][1], item[0][0]))]
    text = "\n".join(lines) if lines else ctx.t("admin.status.nothing")
    await ctx.reply(Reply(title=ctx.t("admin.status.title"), text=text + "\n\n" + ctx.t("admin.status.more"),
                          ephemeral=True))


async def _waiting_jobs(ctx: Context) -> list[str]:
    """The jobs with sends waiting for office hours, in the order the status lists them."""
    kinds = {kind for kind, _ in await ctx.services.outbox.waiting_all()}
    return [kind for kind in _KINDS if kind in kinds]


async def send_waiting_now(ctx: Context, jobs: list[str]) -> None:
    """Each campaign's waiting invitations go now through its own 「開始 強制」; a waiting meeting
    reminder is named with its command (it needs the meeting's number)."""
    if not jobs:
        await ctx.reply(ctx.t("admin.force.nothing"))
        return
    for job in jobs:
        if job in _SEND_NOW and ctx.run_command is not None:
            await ctx.run_command(_SEND_NOW[job])
        elif job == "meeting":
            await ctx.reply(ctx.t("admin.force.meeting"))


@router.message(when=is_force_alone, priority=57)
async def typed_force(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's bare 「強制」 while invitations wait for office hours: sent now, as
    `/dx 報告 開始 強制` / `/dx 診断 開始 強制` send them; with more than one job waiting, confirmed
    first; with nothing waiting, one line says so. For anyone else it is not a command."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    jobs = await _waiting_jobs(ctx)
    sent = [job for job in jobs if job in _SEND_NOW]
    if len(sent) <= 1:
        await send_waiting_now(ctx, jobs)
        return True
    what = "、".join(ctx.t(f"admin.status.kind.{job}") for job in sent)
    shown = "状況 強制" if ctx.lang == "ja" else "status force"
    await confirm.propose(ctx, FORCE_DIALOG, {}, ctx.t("admin.force.confirm", what=what, command=f"/dx {shown}"),
                          "status force")
    return True


async def _answered(ctx: Context, data: dict, answer: str) -> None:
    """はい: the command kept runs; 直す or やめる: nothing is sent now (it still goes at the opening)."""
    if answer == confirm.YES:
        await confirm.finish(ctx, data, answer)
        return
    await ctx.end_dialog()
    await ctx.reply(ctx.t("admin.force.dropped"))


@router.action(FORCE_DIALOG)
async def press_force(ctx: Context, action: ActionReceived) -> None:
    """[はい] sends them now; [直す] and [やめる] send nothing now (there is nothing to change)."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("action.expired")
    await _answered(ctx, await confirm.pressed(ctx, action, FORCE_DIALOG), action.value)


@router.dialog(FORCE_DIALOG)
async def typed_force_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい (or the force word again) / やめる typed under the confirmation; anything else leaves it."""
    answer = confirm.read_answer(msg.text) or (confirm.YES if is_force_alone(msg.text) else None)
    if answer is None:
        await ctx.end_dialog()
        return False
    await _answered(ctx, data, answer)
    return True
