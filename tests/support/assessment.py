"""Test doubles and helpers for the assessment tests (formerly tests/assessment_fakes.py): a
recording job scheduler and people setup."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.app.composition import App
from bot.core.model import Role
from handlers.assessment.ports import ASSESSMENT
from tests.support.dialogue import Person
from tests.support.people import add_person


@dataclass
class RecordingScheduler:
    """Implements the JobScheduler port in memory and remembers every call."""

    jobs: dict[str, tuple[datetime, str, tuple[str | int, ...]]] = field(default_factory=dict)
    cancelled: list[str] = field(default_factory=list)

    def schedule(self, job_id: str, run_at: datetime, func: str, *args: str | int) -> None:
        self.jobs[job_id] = (run_at, func, args)

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)
        self.jobs.pop(job_id, None)

    def cancel_prefix(self, prefix: str) -> None:
        for key in [k for k in self.jobs if k.startswith(prefix)]:
            self.cancel(key)

    def job_ids(self, prefix: str = "") -> list[str]:
        return [k for k in self.jobs if k.startswith(prefix)]

    def job_args(self, job_id: str) -> tuple[Any, ...] | None:
        job = self.jobs.get(job_id)
        return (job[1], *job[2]) if job else None


async def admin_of(app: App, user_id: str = "admin") -> Person:
    """The first console user of a fresh install becomes admin."""
    admin = Person(app, user_id, "管理者")
    await admin.say("こんにちは")
    person = await app.services.people.find_by_actor(admin.actor)
    assert person is not None and person.role is Role.ADMIN
    return admin


async def staff(app: App, user_id: str, department: str, language: str = "ja") -> Person:
    """Register a staff member of `department` (as an import would) and return their dialogue handle."""
    await add_person(app, user_id, Role.STAFF, department, name=user_id, language=language)
    return Person(app, user_id, user_id)


def level_buttons(handle: Person):  # type: ignore[no-untyped-def]
    """The four level buttons of the last question card."""
    card = handle.replies[-1]
    return [c for c in card.choices if c.action_id == "assessment.answer"]


async def answer_all(handle: Person, levels: list[int] | int, start: bool = True) -> None:
    """Open the poll and press level button n (1 = best) for each remaining question."""
    if start:
        await handle.command("assessment")
    count = 0
    while True:
        buttons = level_buttons(handle) if handle.replies and handle.replies[-1].choices else []
        if not buttons:
            return
        n = levels if isinstance(levels, int) else levels[count]
        await handle.press(buttons[n - 1])
        count += 1


ANYWAY = "このまま開始する"


async def start_assessment(admin, command: str):  # type: ignore[no-untyped-def]
    """`/dx <command>` (an assessment start); when fewer people are targeted than results need, the
    preview asks first (walk-through 2026-12-05) and this presses 「このまま開始する」 — the tests
    that are not about that warning start small campaigns on purpose."""
    out = await admin.command(command)
    text = out if isinstance(out, str) else admin.text()
    if "まだ開始していません" in text or "Not started yet" in text:
        label = ANYWAY if "まだ開始していません" in text else "Start anyway"
        out = await admin.press(label)
    return out


async def stored_answers(app: App, login: str, campaign: int = 1) -> dict[str, str]:
    """The answers the assessment keeps for *login* (question id -> level), in answer order."""
    person = await app.services.people.find(login)
    part = await app.services.get(ASSESSMENT).store.get_participation(campaign, person.id)
    return dict(part.answers)
