"""Recognise greetings, thanks and requests for help so they never fall through to the FAQ."""

from __future__ import annotations

import re

from bot.core import vocabulary
from bot.core.vocabulary import NO_WORDS, NONE_OF_THEM_WORDS, SOLVED_WORDS, UNSOLVED_WORDS, YES_WORDS

_TAIL = r"[\s!！。.、,~〜ー～♪☺️🙏😊]*(です|ございます|ございました|ね|よ|です。|)?[\s!！。.、,~〜ー～♪🙏😊]*"

_GREETING = re.compile(
    r"^(こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(ございます)?|おはよー|はじめまして|"
    r"よろしく(お願いします|おねがいします|お願いいたします)?|お疲れ様(です)?|おつかれさま(です)?|"
    r"お疲れさま(です)?|おつかれ(さま)?|もしもし|やあ|どうも|hello|hi|hey|good (morning|afternoon|evening))"
    + _TAIL + "$"
)
_THANKS = re.compile(
    r"^(ありがとう(ございます|ございました)?|ありがと|有難う(ございます|ございました)?|"
    r"助かりました|助かります|たすかりました|了解(しました|です)?|わかりました|分かりました|"
    r"承知しました|サンキュー|さんきゅー|thanks?( you)?|thx|ok|okay|おけ|りょ)" + _TAIL + "$"
)
_HELP = re.compile(
    r"^(ヘルプ|へるぷ|help|使い方|つかいかた|使い方を教えて(ください)?|何ができる(の)?|"
    r"なにができる(の)?|何ができますか|できることは|メニュー|menu)[\s?？!！。]*$"
)


def is_greeting(folded: str) -> bool:
    """「こんにちは」「お疲れ様です」 alone (folded text: NFKC + lower case)."""
    return bool(_GREETING.match(folded.strip()))


def is_thanks(folded: str) -> bool:
    """「ありがとうございました」 alone."""
    return bool(_THANKS.match(folded.strip()))


def is_help(folded: str) -> bool:
    """「ヘルプ」「使い方」「help」 alone."""
    return bool(_HELP.match(folded.strip()))


def is_yes(folded: str) -> bool:
    """A typed yes (はい, お願いします, 解決しました ...)."""
    return folded in YES_WORDS or folded in SOLVED_WORDS


def is_no(folded: str) -> bool:
    """A typed no (いいえ, 不要です ...)."""
    return folded in NO_WORDS or folded in UNSOLVED_WORDS


def is_none_of_them(folded: str) -> bool:
    """「どれでもない」."""
    return folded in NONE_OF_THEM_WORDS


def is_cancel(folded: str) -> bool:
    """「やめる」 / cancel."""
    return vocabulary.is_cancel(folded)


def choice_number(folded: str, count: int) -> int | None:
    """A typed candidate number 1..count (「2」「２番」「2番目」), else None."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(番目?|つ目|です)?[\s。.]*", folded)
    if not m:
        return None
    n = int(m.group(1))
    return n if 1 <= n <= count else None
