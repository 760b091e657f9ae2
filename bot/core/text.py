"""Small, dependency-free text helpers for routing (not for retrieval)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, tzinfo

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Remove control and invisible characters, keep line breaks, trim. Keeps what the user meant."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def fold(text: str) -> str:
    """NFKC, lower case and single spaces: for comparing short command words and phrases."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", clean(text)).lower()).strip()


def has_letters(text: str) -> bool:
    """True if the text has at least one letter or digit in any script (not only emoji/symbols)."""
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def mend(value: object) -> object:
    """A JSON value with every lone UTF-16 surrogate (which JSON's `\\ud800` escapes can carry but
    UTF-8 cannot encode) replaced by U+FFFD, in every string, key and nested item."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {mend(k): mend(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mend(v) for v in value]
    return value


_ID_NUMBER = re.compile(r"[0-9]{1,9}")


def is_id_number(text: str) -> bool:
    """True for the ASCII digits of a database id (`isdigit()` also accepts "²", which `int`
    refuses, and any length, which the database refuses)."""
    return bool(_ID_NUMBER.fullmatch(text))


def short_moment(moment: datetime, tz: tzinfo, lang: str) -> str:
    """「12月8日（火）08:30」 / "Tue 12/08 08:30": a moment in the office's time zone, short enough for a
    status line (when queued invitations go out, a deadline). Every status view shows a moment this way
    (fourteenth round: it was 「12/08(火) 8:30」 here and 「12月8日（火）08:30」 beside it)."""
    local = moment.astimezone(tz)
    if lang == "en":
        return f"{local:%a} {local.month:02d}/{local.day:02d} {local:%H:%M}"
    return f"{local.month}月{local.day}日（{'月火水木金土日'[local.weekday()]}）{local:%H:%M}"


# Common English words a question in English is made of (a Japanese message with 「VPN」 or
# 「Teams」 in it, or an English product name alone, is not English).
_ENGLISH_FUNCTION_WORDS = frozenset(
    "i my me we our you your how what where when why who which can could do does did is are am was "
    "the a an to of for from with in on at it this that please help need want should would "
    "cannot can't don't doesn't won't isn't not there".split())
# Kana and kanji (half-width kana too).
JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def writes_english(text: str) -> bool:
    """True for a message written in English: no Japanese at all, three or more words, two of them
    everyday English words ("How do I connect to the VPN from home?"; not 「VPN」, "Teams error")."""
    if JAPANESE_SCRIPT.search(text):
        return False
    words = re.findall(r"[A-Za-z']+", text)
    return len(words) >= 3 and sum(w.lower() in _ENGLISH_FUNCTION_WORDS for w in words) >= 2
