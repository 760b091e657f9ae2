"""Personal preferences: the language DX Desk speaks to you in."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.router import Router
from bot.core.text import fold

router = Router("preferences")

_LANGS = {"ja": "ja", "japanese": "ja", "日本語": "ja", "en": "en", "english": "en", "英語": "en"}


@router.command("lang", help_key="cmd.lang")
async def set_language(ctx: Context, args: str) -> None:
    """`lang en` / `lang ja` (also 「英語」「日本語」)."""
    lang = _LANGS.get(fold(args))
    if lang is None:
        raise UserFacingError("lang.usage")
    ctx.person.language = lang
    await ctx.services.people.save(ctx.person)
    ctx.lang = lang
    await ctx.reply(ctx.t("lang.set"))
