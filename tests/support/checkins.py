"""Helpers for check-in tests (formerly tests/checkins_fakes.py): people with roles and
departments, and the outbox as text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.app.composition import App
from bot.core.events import Actor
from bot.core.model import Role
from bot.core.replies import Reply
from storage.shared.models import OutboxRow
from tests.support.dialogue import Person
from tests.support.people import add_person


async def member(app: App, user_id: str, name: str, department: str, role: Role = Role.LIAISON,
                 platform: str = "console") -> Person:
    """Register someone with a role and a department (`add_person`); return a console dialogue for them."""
    await add_person(app, user_id, role, department, name=name, platform=platform)
    return Person(app, user_id, name)


@dataclass
class Queued:
    """One outbox message."""

    person_id: str
    reply: Reply
    dedupe_key: str

    @property
    def text(self) -> str:
        return self.reply.plain_text()


async def outbox(app: App) -> list[Queued]:
    """Every message enqueued so far, oldest first."""
    async with app.outbox.sessions() as s:
        rows = (await s.execute(select(OutboxRow).order_by(OutboxRow.id))).scalars().all()
    return [Queued(r.destination["address"], Reply.from_dict(r.payload), r.dedupe_key or "") for r in rows]


async def person_id(app: App, user_id: str, platform: str = "console") -> str:
    """The internal id (as str) of a registered person."""
    person = await app.services.people.find_by_actor(Actor(platform, user_id))  # type: ignore[arg-type]
    assert person is not None
    return str(person.id)
