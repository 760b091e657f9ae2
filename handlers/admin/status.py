"""`status` (「/dx 状況」): what waits in the outbox for office hours, and when it goes out (JST).

The check-in and assessment status lists say it per campaign; this is the one place an admin sees
every queued send at once (invitations started at night, a meeting reminder asked for at night).
`/dx 状況 報告` and `/dx 状況 診断` are the campaigns' own status lists.
"""

from __future__ import annotations

from bot.core.commands import canonical
from bot.core.context import Context
from bot.core.model import Role
from bot.core.replies import Reply
from bot.core.router import Router
from bot.core.text import short_moment
from handlers.admin.reports import local_tz

router = Router("admin.status")

_KINDS = ("checkin", "assessment", "meeting")


@router.command("status", role=Role.ADMIN, help_key="admin.cmd.status")
async def show_status(ctx: Context, args: str) -> None:
    """Sends waiting for office hours, by job and time; 「状況 報告」 is the check-in's status list."""
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
