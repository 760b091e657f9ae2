"""The scheduler's table of jobs by name.

The stored APScheduler job always calls `scheduler.service:run_job(name, *ids)`; the name is looked
up here. The composition root fills the table from each job's `JobRegistry` at start-up. Names of
jobs stored by releases before 0013 (module paths) are rewritten by migration 0013.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from bot.core.jobs import JobRegistry, merge

JobFunc = Callable[..., Awaitable[Any]]

_jobs: dict[str, JobFunc] = {}

# Module paths stored as job references before jobs had names (migration 0013 rewrites them).
LEGACY_NAMES = {
    "handlers.meetings.planning:send_reminder": "meetings.send_reminder",
    "handlers.meetings.planning:replan_meeting": "meetings.replan",
    "handlers.assessment.reminders:remind_unfinished": "assessment.remind_unfinished",
    "handlers.checkins.jobs:send_invitations": "checkins.send_invitations",
    "handlers.checkins.jobs:send_nudges": "checkins.send_nudges",
    "handlers.checkins.jobs:send_reminders_now": "checkins.send_reminders_now",
    "handlers.checkins.jobs:report_deadline": "checkins.report_deadline",
}


def register(registries: Iterable[JobRegistry]) -> None:
    """Make these jobs resolvable (the same function again under the same name is a no-op)."""
    for name, func in merge(registries).items():
        known = _jobs.get(name)
        if known is not None and known is not func:
            raise ValueError(f"job name {name!r} is already taken by {known!r}")
        _jobs[name] = func


def resolve(name: str) -> JobFunc:
    """The job registered as `name` (a legacy module path is accepted as its new name)."""
    func = _jobs.get(LEGACY_NAMES.get(name, name))
    if func is None:
        raise LookupError(f"no job is registered as {name!r}")
    return func


def names() -> list[str]:
    """Every registered job name, sorted."""
    return sorted(_jobs)
