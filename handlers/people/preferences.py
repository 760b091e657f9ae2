"""Personal preferences: the language DX Desk speaks to you in (`/dx lang en`, or in words:
「英語でお願いします」, "English please", 「日本語で」). A question written in English switches too
(the FAQ desk, with `bot.core.text.writes_english`)."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import MessageReceived
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
    await _switch(ctx, lang)
    await ctx.reply(ctx.t("lang.set"))


async def _switch(ctx: Context, lang: str) -> None:
    """From now on DX Desk speaks *lang* to this person (kept in the registry)."""
    ctx.person.language = lang
    await ctx.services.people.save(ctx.person)
    ctx.lang = lang


# The words a request for a language is made of ("could you reply in english please"): a message of
# these only, naming a language, asks for it; "How do I write English mails?" does not.
_REQUEST_WORDS = frozenset(
    "can could would you do please pls plz speak reply answer talk write use in switch change to the "
    "language i prefer like want need let's lets us me with show".split())
_LANGUAGE_WORDS = {"english": "en", "japanese": "ja", "eng": "en"}
_JA_REQUEST = re.compile(
    r"(英語|日本語|えいご|にほんご)(で|に|表示|モード)(して|切り替えて|切りかえて|変えて|戻して|もどして|話して|答えて|返事して)?"
    r"(ほしい|欲しい|ください|下さい|くれる|くれますか|もらえますか|もらえる|お願いします|おねがいします|お願い|おねがい|頼む|たのむ)?"
    r"[。.!！?？ー〜~ 　]*")
_JA_LANGUAGE = {"英語": "en", "えいご": "en", "日本語": "ja", "にほんご": "ja"}


def asks_for_language(folded: str) -> str | None:
    """"en" or "ja" when the whole message asks DX Desk to speak that language, else None."""
    if m := _JA_REQUEST.fullmatch(folded):
        return _JA_LANGUAGE[m.group(1)]
    words = re.findall(r"[a-z']+", folded)
    if not words or len(words) > 8 or re.search(r"[^a-z' ,.!?]", folded):
        return None
    named = {_LANGUAGE_WORDS[w] for w in words if w in _LANGUAGE_WORDS}
    if len(named) != 1 or not all(w in _REQUEST_WORDS or w in _LANGUAGE_WORDS for w in words):
        return None
    return named.pop()


@router.message(when=lambda folded: asks_for_language(folded) is not None, priority=90)
async def set_language_in_words(ctx: Context, msg: MessageReceived) -> None:
    """「英語でお願いします」 / "English please": the same as `/dx lang en`, at any time (an open form
    stays open: its next question comes in the new language)."""
    await _switch(ctx, asks_for_language(fold(msg.text)) or ctx.lang)
    await ctx.reply(ctx.t("lang.set_in_words"))
