"""When check-in messages may go out: business days, working hours, local times of day.

The real calendar (public holidays, closure days, quiet hours) is `services.calendar`. Until the
composition root provides one, `WeekdayCalendar` keeps the rules that matter most — Monday to
Friday, 8:30–18:00 local time — so that nudges never go out at night or on a weekend.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.context import Services
from bot.core.ports import BusinessCalendar
from handlers.checkins.ports import CHECKINS, CheckinConfig

WORK_START = time(8, 30)
WORK_END = time(18, 0)


class WeekdayCalendar:
    """Fallback business calendar: weekdays are business days; 8:30–18:00 are working hours."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday."""
        return day.weekday() < 5

    def why_closed(self, day: date) -> str:
        """"土曜日"/"日曜日" for weekends, "" otherwise."""
        return "" if self.is_business_day(day) else ("土曜日" if day.weekday() == 5 else "日曜日")

    def shift(self, day: date, rule: str) -> date:
        """The business day itself, or the next / previous one."""
        step = -1 if rule == "previous" else 1
        while not self.is_business_day(day):
            day += timedelta(days=step)
        return day

    def add_business_days(self, day: date, n: int) -> date:
        """Move n business days (n < 0 goes back)."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += timedelta(days=step)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def is_quiet(self, moment: datetime) -> bool:
        """Outside working hours or on a non-business day."""
        local = moment.astimezone(self.tz)
        return not self.is_business_day(local.date()) or not (WORK_START <= local.time() < WORK_END)

    def next_open(self, moment: datetime) -> datetime:
        """The moment itself when not quiet, else the start of the next working hours."""
        if not self.is_quiet(moment):
            return moment
        local = moment.astimezone(self.tz)
        day = local.date() if local.time() < WORK_START else local.date() + timedelta(days=1)
        day = self.shift(day, "next")
        return datetime.combine(day, WORK_START, self.tz).astimezone(UTC)


def config_of(services: Services) -> CheckinConfig:
    """The check-in settings (defaults when the service is not wired)."""
    service = services.get(CHECKINS)
    return service.config if service is not None else CheckinConfig()


def tz_of(services: Services) -> tzinfo:
    """The office's time zone."""
    if services.calendar is not None and getattr(services.calendar, "tz", None) is not None:
        tz: Any = services.calendar.tz
        return tz  # type: ignore[no-any-return]
    return ZoneInfo(config_of(services).timezone)


def calendar_of(services: Services) -> BusinessCalendar:
    """The configured business calendar, or the weekday fallback."""
    if services.calendar is not None:
        return services.calendar
    return WeekdayCalendar(tz_of(services))


def parse_hhmm(value: str) -> time:
    """"10:00" -> time(10, 0)."""
    hours, minutes = value.split(":", 1)
    return time(int(hours), int(minutes))


def at_local(day: date, hhmm: str, tz: tzinfo) -> datetime:
    """The aware UTC moment of a local time of day."""
    return datetime.combine(day, parse_hhmm(hhmm), tz).astimezone(UTC)


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The local calendar date of a moment."""
    return moment.astimezone(tz).date()


def business_days_between(calendar: BusinessCalendar, start: date, end: date) -> int:
    """How many business days d satisfy start < d <= end."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            count += 1
    return count


def next_business_time(calendar: BusinessCalendar, after: datetime, hhmm: str, tz: tzinfo) -> datetime:
    """The first business day's `hhmm` local time strictly after `after`."""
    day = local_date(after, tz)
    for _ in range(400):
        candidate = at_local(day, hhmm, tz)
        if calendar.is_business_day(day) and candidate > after:
            return candidate
        day += timedelta(days=1)
    raise ValueError("no business day within a year")


def period_of(moment: datetime, tz: tzinfo) -> str:
    """"YYYY-MM" of a moment in local time."""
    local = moment.astimezone(tz)
    return f"{local.year:04d}-{local.month:02d}"


def period_label(period: str, lang: str) -> str:
    """"2026-12" -> 「2026年12月」 / "December 2026"."""
    year, month = (int(x) for x in period.split("-"))
    if lang == "en":
        return date(year, month, 1).strftime("%B %Y")
    return f"{year}年{month}月"
