"""The audit log of admin actions, readable by admins."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.model import Role
from bot.core.replies import Reply
from bot.core.router import Router

router = Router("admin.audit")


@router.command("audit", role=Role.ADMIN, help_key="cmd.audit", audit=False)
async def list_audit(ctx: Context, args: str) -> None:
    """`audit [n]`: the newest admin actions (who, what, when, result)."""
    limit = int(args) if args.strip().isdigit() else 20
    entries = await ctx.services.audit.list(min(max(limit, 1), 200))
    if not entries:
        await ctx.reply(Reply(text=ctx.t("audit.empty"), ephemeral=True))
        return
    lines = [
        f"{e.created_at:%Y-%m-%d %H:%M} UTC  {e.actor}  /dx {e.action} {e.detail[:80]}  → {e.result}"
        for e in entries
    ]
    await ctx.reply(Reply(title=ctx.t("audit.title"), text="\n".join(lines), ephemeral=True))
