"""Build the business calendar, the job scheduler and the meeting defaults from settings.

Every setting is checked here, at start-up, with one clear line per problem.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bot.core.errors import ConfigurationError, UserFacingError
from handlers.meetings.model import MeetingConfig, ShiftRule, parse_offsets
from scheduler.calendar import BusinessCalendar, parse_closures, parse_work_hours
from scheduler.service import SchedulerService
from storage.db import async_url, sync_url

# "no limit but the meeting start" (an empty DXDESK_REMINDER_GRACE).
UNTIL_MEETING = timedelta(days=3650)


def parse_grace(text: str) -> timedelta:
    """`"24h"`, `"90m"`, `"2d"`, `"1h30m"`; empty or "none" means until the meeting starts."""
    value = text.strip().lower()
    if value in ("", "none", "meeting", "start"):
        return UNTIL_MEETING
    m = re.fullmatch(r"(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", value)
    if not m or not any(m.groups()):
        raise ConfigurationError(f"DXDESK_REMINDER_GRACE: cannot read {text!r} (write e.g. 2h, 90m, 1d)")
    days, hours, minutes = (int(g or 0) for g in m.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


def build_scheduling(settings: Any) -> tuple[BusinessCalendar, SchedulerService, MeetingConfig]:
    """The calendar, an opened (paused) scheduler on the app's database, and meeting defaults."""
    start, end = parse_work_hours(settings.work_hours)
    calendar = BusinessCalendar(settings.timezone, parse_closures(settings.closures), start, end)
    try:
        parse_offsets(settings.reminder_offsets)
    except UserFacingError:
        raise ConfigurationError(
            f"DXDESK_REMINDER_OFFSETS: cannot read {settings.reminder_offsets!r} "
            "(write e.g. 3営業日前 9:00, 当日 8:30)") from None
    meeting_config = MeetingConfig(shift_rule=ShiftRule(settings.holiday_shift),
                                   offsets_text=settings.reminder_offsets,
                                   grace=parse_grace(settings.reminder_grace))
    job_scheduler = SchedulerService(async_url(settings.db_url), sync_url(settings.db_url),
                                     poll_interval=settings.scheduler_poll)
    job_scheduler.open()
    return calendar, job_scheduler, meeting_config
