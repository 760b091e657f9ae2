"""The assessment router and access to the assessment services registered by the composition root."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.context import Services
from bot.core.errors import UserFacingError
from bot.core.router import Router
from handlers.assessment.ports import ASSESSMENT, AssessmentServices

router = Router("assessment")


def kit(services: Services) -> AssessmentServices:
    """The assessment services (store, question bank, trainings, exporter, config)."""
    found = services.get(ASSESSMENT)
    if found is None:
        # Only a misconfigured deployment gets here; say so instead of failing obscurely.
        raise UserFacingError("assessment.unavailable")
    return found


def local_now(services: Services) -> datetime:
    """Now in the office's time zone (the business calendar's, else the configured one)."""
    now = services.clock.now()
    tz = services.calendar.tz if services.calendar is not None else ZoneInfo(kit(services).config.timezone)
    return now.astimezone(tz)


def local_today(services: Services) -> date:
    """Today's date in the office's time zone."""
    return local_now(services).date()
