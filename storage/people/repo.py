"""The people registry (implements `PeopleRepository`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.events import Actor
from bot.core.model import (
    Person,
    Role,
)
from storage.people.models import PersonRow

Sessions = async_sessionmaker  # type: ignore[type-arg]



def _person(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        display_name=row.display_name or "",
        department=row.department or "",
        role=Role(row.role),
        language=row.language or "ja",
        slack_id=row.slack_id or "",
        teams_id=row.teams_id or "",
        teams_user_id=row.teams_user_id or "",
        local_id=row.local_id or "",
        email=row.email or "",
    )


class SqlPeople:
    """The people registry."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    @staticmethod
    def _actor_filter(actor: Actor) -> Any:
        if actor.platform == "slack":
            return PersonRow.slack_id == actor.user_id
        if actor.platform == "teams":
            conds = [PersonRow.teams_user_id == actor.user_id]
            if actor.aad_object_id:
                conds.append(PersonRow.teams_id == actor.aad_object_id)
            return or_(*conds)
        return PersonRow.local_id == actor.user_id

    async def find_by_actor(self, actor: Actor) -> Person | None:
        async with self.sessions() as s:
            row = (await s.execute(select(PersonRow).where(self._actor_filter(actor)))).scalars().first()
            if row is None and actor.email:
                # A person imported by e-mail gets linked to their platform id on first contact.
                row = (
                    await s.execute(select(PersonRow).where(func.lower(PersonRow.email) == actor.email.lower()))
                ).scalars().first()
                if row is not None:
                    self._link(row, actor)
                    await s.commit()
            elif row is not None and actor.platform == "teams":
                if actor.aad_object_id and not row.teams_id or not row.teams_user_id:
                    self._link(row, actor)
                    await s.commit()
            return _person(row) if row else None

    @staticmethod
    def _link(row: PersonRow, actor: Actor) -> None:
        if actor.platform == "slack":
            row.slack_id = actor.user_id
        elif actor.platform == "teams":
            row.teams_user_id = actor.user_id
            if actor.aad_object_id:
                row.teams_id = actor.aad_object_id
        else:
            row.local_id = actor.user_id
        if actor.display_name and not row.display_name:
            row.display_name = actor.display_name

    async def create_from_actor(self, actor: Actor, role: Role, language: str) -> Person:
        async with self.sessions() as s:
            row = PersonRow(display_name=actor.display_name or actor.user_id, role=role.value,
                            language=language, email=actor.email or None)
            self._link(row, actor)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                # Another replica registered the same person a moment ago.
                await s.rollback()
                existing = await self.find_by_actor(actor)
                if existing is None:
                    raise
                return existing
            return _person(row)

    async def get(self, person_id: int) -> Person | None:
        async with self.sessions() as s:
            row = await s.get(PersonRow, person_id)
            return _person(row) if row else None

    async def get_many(self, person_ids: Sequence[int]) -> dict[int, Person]:
        """The people among `person_ids` who exist, by id (one query)."""
        wanted = sorted(set(person_ids))
        found: dict[int, Person] = {}
        async with self.sessions() as s:
            for start in range(0, len(wanted), 500):
                rows = (await s.execute(select(PersonRow).where(PersonRow.id.in_(wanted[start:start + 500])))).scalars()
                found.update((r.id, _person(r)) for r in rows)
        return found

    async def find(self, key: str) -> Person | None:
        """By internal id, any platform id, e-mail or exact display name."""
        key = key.strip().lstrip("@")
        async with self.sessions() as s:
            conds = [PersonRow.slack_id == key, PersonRow.teams_id == key, PersonRow.teams_user_id == key,
                     PersonRow.local_id == key, func.lower(PersonRow.email) == key.lower(),
                     PersonRow.display_name == key]
            if key.isdigit():
                conds.append(PersonRow.id == int(key))
            row = (await s.execute(select(PersonRow).where(or_(*conds)).order_by(PersonRow.id))).scalars().first()
            return _person(row) if row else None

    async def list(self, role: Role | None = None, department: str | None = None) -> list[Person]:
        async with self.sessions() as s:
            q = select(PersonRow).order_by(PersonRow.department, PersonRow.id)
            if role is not None:
                q = q.where(PersonRow.role == role.value)
            if department is not None:
                q = q.where(PersonRow.department == department)
            return [_person(r) for r in (await s.execute(q)).scalars()]

    async def save(self, person: Person) -> Person:
        return (await self.save_many([person]))[0]

    async def save_many(self, people: Sequence[Person]) -> list[Person]:
        """Create or update everyone in ONE transaction (an import is all or nothing)."""
        async with self.sessions() as s:
            rows = []
            for person in people:
                row = await s.get(PersonRow, person.id) if person.id else None
                if row is None:
                    row = PersonRow()
                    s.add(row)
                row.display_name = person.display_name
                row.department = person.department
                row.role = person.role.value
                row.language = person.language
                row.slack_id = person.slack_id or None
                row.teams_id = person.teams_id or None
                row.teams_user_id = person.teams_user_id or None
                row.local_id = person.local_id or None
                row.email = person.email or None
                rows.append(row)
            await s.commit()
            return [_person(row) for row in rows]

    async def count_admins(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.role == "admin")) or 0)

