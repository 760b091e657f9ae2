"""Builds the check-in service for the composition root: forms from YAML, the SQL repository,
settings, and the sample roadmap on a fresh install."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.app.settings import Settings
from handlers.checkins.ports import CheckinConfig, CheckinsService, MeetingDates
from handlers.meetings.model import OccurrenceStatus
from handlers.meetings.ports import MeetingStore
from storage.checkins.files import BUNDLED_FORMS, load_forms, read_sample_roadmap
from storage.checkins.repo import SqlCheckins
from storage.shared.repo import SqlMeta

log = logging.getLogger(__name__)


class StoredMeetingDates:
    """`MeetingDates` read from the meetings job's store (its ports only: no planning, no writes)."""

    def __init__(self, store: MeetingStore) -> None:
        self.store = store

    async def starts_between(self, start: datetime, end: datetime) -> list[datetime]:
        """Scheduled occurrences of every active meeting in [start, end), earliest first."""
        found: list[datetime] = []
        for meeting in await self.store.list_meetings(active_only=True):
            occurrences = await self.store.list_occurrences(meeting.id, starts_after=start, starts_before=end,
                                                            statuses=(OccurrenceStatus.SCHEDULED,))
            found += [o.starts_at for o in occurrences if start <= o.starts_at < end]
        return sorted(found)


async def build_checkins(settings: Settings, sessions: Any, meetings: MeetingDates | None = None) -> CheckinsService:
    """The service provided under the `CHECKINS` key."""
    forms_dir = settings.checkin_forms_dir or settings.data_dir / "forms"
    report = load_forms(BUNDLED_FORMS, forms_dir)
    repo = SqlCheckins(sessions)
    if settings.sample_data:
        await seed_sample_roadmap(repo, SqlMeta(sessions))
    config = CheckinConfig(
        max_nudges=settings.checkin_max_nudges,
        nudge_every_days=settings.checkin_nudge_every_days,
        nudge_time=settings.checkin_nudge_time,
        deadline_time=settings.checkin_deadline_time,
        days_before_meeting=settings.checkin_days_before_meeting,
        deadline_days_before_meeting=settings.checkin_deadline_days_before_meeting,
        timezone=settings.timezone,
    )
    return CheckinsService(repo=repo, forms=report.forms, config=config, form_errors=report.errors,
                           form_sources=report.sources, meetings=meetings)


async def seed_sample_roadmap(repo: SqlCheckins, meta: SqlMeta) -> bool:
    """Load the bundled roadmap items of the sample departments once, on an empty table."""
    if await meta.get("checkins_roadmap_seeded"):
        return False
    if await repo.count_roadmap_items() == 0:
        for item in read_sample_roadmap():
            await repo.add_roadmap_item(item["department"], item["title"], item["target"])
    await meta.set("checkins_roadmap_seeded", "1")
    return True
