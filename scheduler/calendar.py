"""The Japanese business calendar: public holidays (jpholiday), closure days and quiet hours.

A day is a business day when it is a weekday, not a national holiday (振替休日 and 国民の休日
included, as jpholiday computes them) and not inside a configured closure range such as
年末年始 (12/29–1/3). Outside business hours (default 8:30–18:00) and on non-business days the
office is "quiet": reminders due then wait for the next open moment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import jpholiday

from bot.core.errors import ConfigurationError

WEEKEND_LABELS = {5: "土曜日", 6: "日曜日"}
YEAR_END_LABEL = "年末年始"
CLOSURE_LABEL = "休業日"
# A monthly rule never needs more than a few weeks of shifting; this only guards against a
# misconfiguration that closes every day (e.g. a closure range of 1/1-12/31).
MAX_SHIFT_DAYS = 366


@dataclass(frozen=True)
class Closure:
    """An inclusive range of month/day pairs that repeats every year; it may wrap the year end."""

    start: tuple[int, int]
    end: tuple[int, int]
    label: str

    def contains(self, day: date) -> bool:
        """True when `day` falls inside the range (12/29–1/3 wraps over New Year)."""
        md = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


def parse_closures(text: str) -> tuple[Closure, ...]:
    """`"12/29-1/3, 8/13-8/15:夏季休業"` -> closures; a label after ':' or '=' is optional.

    An empty text means no closure days. Raises ConfigurationError with the bad part.
    """
    closures: list[Closure] = []
    normalised = unicodedata.normalize("NFKC", text or "")
    for part in re.split(r"[,、;]", normalised):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:\s*[-~〜]\s*(\d{1,2})/(\d{1,2}))?\s*(?:[:=]\s*(.+))?", part)
        if not m:
            raise ConfigurationError(f"DXDESK_CLOSURES: cannot read {part!r} (write e.g. 12/29-1/3)")
        start = (int(m.group(1)), int(m.group(2)))
        end = (int(m.group(3)), int(m.group(4))) if m.group(3) else start
        for month, day in (start, end):
            try:
                date(2000, month, day)  # a leap year, so 2/29 is accepted
            except ValueError:
                raise ConfigurationError(f"DXDESK_CLOSURES: {month}/{day} is not a date") from None
        label = (m.group(5) or "").strip()
        if not label:
            label = YEAR_END_LABEL if start >= (12, 1) and end <= (1, 31) and start > end else CLOSURE_LABEL
        closures.append(Closure(start, end, label))
    return tuple(closures)


def parse_work_hours(text: str) -> tuple[time, time]:
    """`"08:30-18:00"` -> (start, end); "24:00" is accepted as the end of the day."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*[-~〜]\s*(\d{1,2}):(\d{2})\s*", unicodedata.normalize("NFKC", text))
    if not m:
        raise ConfigurationError(f"DXDESK_WORK_HOURS: cannot read {text!r} (write e.g. 08:30-18:00)")
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    if h2 == 24 and m2 == 0:
        end = time.max
    elif h2 < 24 and m2 < 60:
        end = time(h2, m2)
    else:
        raise ConfigurationError(f"DXDESK_WORK_HOURS: {h2}:{m2:02d} is not a time")
    if not (h1 < 24 and m1 < 60):
        raise ConfigurationError(f"DXDESK_WORK_HOURS: {h1}:{m1:02d} is not a time")
    start = time(h1, m1)
    if start >= end:
        raise ConfigurationError("DXDESK_WORK_HOURS: the start must be before the end")
    return start, end


class BusinessCalendar:
    """Business days and quiet hours of the office (implements `bot.core.ports.BusinessCalendar`)."""

    def __init__(
        self,
        tz: str | tzinfo = "Asia/Tokyo",
        closures: Iterable[Closure] | str = "12/29-1/3",
        work_start: time = time(8, 30),
        work_end: time = time(18, 0),
    ) -> None:
        self.tz: tzinfo = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.closures = parse_closures(closures) if isinstance(closures, str) else tuple(closures)
        self.work_start = work_start
        self.work_end = work_end

    # --- days -----------------------------------------------------------------------------
    def why_closed(self, day: date) -> str:
        """The holiday name (「勤労感謝の日」), the closure label (「年末年始」), the weekend day, or ""."""
        name = jpholiday.is_holiday_name(day)
        if name:
            return str(name)
        for closure in self.closures:
            if closure.contains(day):
                return closure.label
        return WEEKEND_LABELS.get(day.weekday(), "")

    def is_business_day(self, day: date) -> bool:
        """A weekday that is neither a public holiday nor a closure day."""
        return not self.why_closed(day)

    def shift(self, day: date, rule: str) -> date:
        """The day itself when open, else the next (rule "next") or previous ("previous") business day.

        Any other rule ("none") keeps the day even when closed.
        """
        if rule not in ("next", "previous"):
            return day
        step = timedelta(days=1 if rule == "next" else -1)
        current = day
        for _ in range(MAX_SHIFT_DAYS):
            if self.is_business_day(current):
                return current
            current += step
        raise ConfigurationError("the business calendar has no open day within a year")

    def add_business_days(self, day: date, n: int) -> date:
        """Move `n` business days (negative goes back); n=0 returns `day` unchanged."""
        step = timedelta(days=1 if n > 0 else -1)
        current = day
        remaining = abs(n)
        guard = 0
        while remaining:
            current += step
            guard += 1
            if guard > MAX_SHIFT_DAYS * 2:
                raise ConfigurationError("the business calendar has no open day within a year")
            if self.is_business_day(current):
                remaining -= 1
        return current

    # --- hours ----------------------------------------------------------------------------
    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("aware datetimes only")
        return moment.astimezone(self.tz)

    def is_quiet(self, moment: datetime) -> bool:
        """Non-business days, and outside working hours on business days."""
        local = self._local(moment)
        if not self.is_business_day(local.date()):
            return True
        now = local.time().replace(tzinfo=None)
        if self.work_end == time.max:
            return now < self.work_start
        return not (self.work_start <= now < self.work_end)

    def next_open(self, moment: datetime) -> datetime:
        """`moment` itself when not quiet, else the start of the next working period (same tz as given)."""
        if not self.is_quiet(moment):
            return moment
        local = self._local(moment)
        day = local.date()
        if not (self.is_business_day(day) and local.time().replace(tzinfo=None) < self.work_start):
            day = self.add_business_days(day, 1) if self.is_business_day(day) else self.shift(day, "next")
        opened = datetime.combine(day, self.work_start, tzinfo=self.tz)
        return opened.astimezone(moment.tzinfo)

    def local(self, moment: datetime) -> datetime:
        """`moment` in the office's time zone (for display)."""
        return self._local(moment)
