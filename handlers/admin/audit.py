"""The audit log of admin actions, readable by admins."""

from __future__ import annotations

from bot.core.commands import japanese_path
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
    tz = ctx.services.calendar.tz if getattr(ctx.services, "calendar", None) is not None else None
    lines = [
        ctx.t("audit.line", at=f"{(e.created_at.astimezone(tz) if tz else e.created_at):%Y-%m-%d %H:%M}",
              actor=_actor(e.actor), action=_action(ctx, e.action), detail=e.detail[:80], result=_result(ctx, e.result))
        for e in entries
    ]
    await ctx.reply(Reply(title=ctx.t("audit.title"), text="\n".join(lines), ephemeral=True))


def _action(ctx: Context, action: str) -> str:
    """The command as the reader types it: 「書き出し 進捗」 in Japanese, `export progress` in English."""
    return action if ctx.lang == "en" else japanese_path(tuple(action.split()))


def _actor(actor: str) -> str:
    """「1:室長」 is stored (id and name); the reader sees the name."""
    number, sep, name = actor.partition(":")
    return name if sep and number.isdigit() and name else actor


# Every result the code writes to the audit log (dispatch, `faq publish`, `checkin deadline`,
# `meeting set`'s confirmation, the web dashboard) and the catalogue key of its label.
RESULT_KEYS = {
    "ok": "audit.result.ok",
    "held": "audit.result.held",
    "denied": "audit.result.denied",
    "refused": "audit.result.refused",
    "error": "audit.result.error",
    "confirmed": "admin.audit.result.confirmed",
    "dropped": "admin.audit.result.dropped",
}


def _result(ctx: Context, result: str) -> str:
    """「ok」「held」「denied」「refused: key」「confirmed」「dropped」 in the reader's language. A value
    this list does not know yet is shown as written: it is not an error unless it says so."""
    key = RESULT_KEYS.get(result.partition(":")[0].strip())
    return ctx.t(key) if key else result
