"""Months as admins type them (2026-11, 2026年11月, 11月, 先月) and their bounds in local time."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

_YEAR_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?$")
_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*月$")
THIS_MONTH = {"今月", "this", "thismonth", "this-month", "current"}
LAST_MONTH = {"先月", "前月", "last", "lastmonth", "last-month", "previous"}
ALL_TIME = {"all", "全期間", "すべて", "全部", "累計"}


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        """The month containing `day`."""
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        """2026-11 (file names, exports)."""
        return f"{self.year:04d}-{self.month:02d}"

    def label(self, lang: str) -> str:
        """2026年11月 / 2026-11."""
        return f"{self.year}年{self.month}月" if lang != "en" else self.key

    def previous(self) -> Month:
        """The month before."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> Month:
        """The month after."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def start(self, tz: tzinfo) -> datetime:
        """Midnight of the first day, in `tz` (aware)."""
        return datetime(self.year, self.month, 1, tzinfo=tz)

    def end(self, tz: tzinfo) -> datetime:
        """Midnight of the first day of the next month, in `tz` (exclusive bound)."""
        following = self.next()
        return datetime(following.year, following.month, 1, tzinfo=tz)

    def back(self, n: int) -> list[Month]:
        """This month and the n-1 before it, oldest first."""
        months = [self]
        for _ in range(n - 1):
            months.append(months[-1].previous())
        return months[::-1]


def normalise(token: str) -> str:
    """Full-width digits and letters to ASCII, lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", token)).lower()


def parse_month(token: str, today: date) -> Month | None:
    """A month from one token, or None if the token is not a month at all.

    「11月」 means the latest November that is not in the future. Raises ValueError for something
    that looks like a month but is impossible (2026-13).
    """
    text = normalise(token)
    if not text:
        return None
    if text in THIS_MONTH:
        return Month.of(today)
    if text in LAST_MONTH:
        return Month.of(today).previous()
    match = _YEAR_MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise ValueError(token)
        return Month(year, month)
    match = _MONTH_ONLY.match(text)
    if match:
        month = int(match.group(1))
        if not 1 <= month <= 12:
            raise ValueError(token)
        return Month(today.year if month <= today.month else today.year - 1, month)
    return None


def is_all_time(token: str) -> bool:
    """True for 「全期間」 / all."""
    return normalise(token) in ALL_TIME
