"""The people registry (implements `PeopleRepository`)."""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.events import Actor
from bot.core.model import (
    Person,
    Role,
)
from storage.base import upsert_insert
from storage.people.models import PersonRow
from storage.shared.models import MetaRow

log = logging.getLogger(__name__)

Sessions = async_sessionmaker  # type: ignore[type-arg]

# A token in the meta table that every write to the people table changes (in its transaction):
# each replica compares it at most every `check_interval` seconds and forgets its cache when
# another replica changed someone.
PEOPLE_VERSION_KEY = "people_version"
CACHE_SIZE = 20_000



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
        in_charge=row.in_charge or "",
    )


async def _bump_people_version(s: Any) -> str:
    """Mark the registry as changed (in the caller's transaction) so other replicas drop their cache."""
    token = uuid.uuid4().hex
    insert = upsert_insert(s)
    await s.execute(insert(MetaRow).values(key=PEOPLE_VERSION_KEY, value=token)
                    .on_conflict_do_update(index_elements=["key"], set_={"value": token}))
    return token


class SqlPeople:
    """The people registry, with the sender lookup of every event served from memory.

    `find_by_actor` keeps the people it found by platform id (up to `CACHE_SIZE`). A write here
    clears this replica's cache at once; a write on another replica changes the people version
    token, which this replica reads at most every `check_interval` seconds (one small query a
    second, not one per message): a change made elsewhere is seen within that interval.
    """

    def __init__(self, sessions: Sessions, *, check_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.sessions = sessions
        self.check_interval = check_interval
        self._clock = clock
        self._cache: OrderedDict[tuple[str, str, str], Person] = OrderedDict()
        self._version: str | None = None
        self._checked_at = -math.inf

    async def _check_version(self) -> None:
        now = self._clock()
        if now - self._checked_at < self.check_interval:
            return
        self._checked_at = now
        async with self.sessions() as s:
            row = await s.get(MetaRow, PEOPLE_VERSION_KEY)
            token = row.value if row else ""
        if token != self._version:
            self._cache.clear()
            self._version = token

    def _changed(self, token: str) -> None:
        """This replica wrote: forget every cached person (the token is the newest there is)."""
        self._cache.clear()
        self._version = token

    @staticmethod
    def _key(actor: Actor) -> tuple[str, str, str]:
        return (actor.platform, actor.user_id, actor.aad_object_id)

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
        await self._check_version()
        key = self._key(actor)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return replace(cached)
        version = self._version
        person = await self._find_by_actor(actor)
        # Not kept when a write (here or seen from elsewhere) happened while it was read.
        if person is not None and version == self._version:
            self._remember(key, person)
        return person

    async def _find_by_actor(self, actor: Actor) -> Person | None:
        async with self.sessions() as s:
            rows = (await s.execute(select(PersonRow).where(self._actor_filter(actor)))).scalars().all()
            # On Teams the AAD object id (what a roster import records) names the person; a stale
            # Bot Framework id on someone else's row must not win over it.
            row = next((r for r in rows if actor.aad_object_id and r.teams_id == actor.aad_object_id),
                       rows[0] if rows else None)
            token = ""
            if row is None and actor.email:
                # A person imported by e-mail gets linked to their platform id on first contact.
                row = (
                    await s.execute(select(PersonRow).where(func.lower(PersonRow.email) == actor.email.lower()))
                ).scalars().first()
                if row is not None:
                    token = await self._link_and_commit(s, row, actor)
            elif row is not None and actor.platform == "teams":
                if (actor.aad_object_id and not row.teams_id) or not row.teams_user_id:
                    token = await self._link_and_commit(s, row, actor)
            if token:
                self._changed(token)
            return _person(row) if row else None

    async def _link_and_commit(self, s: Any, row: PersonRow, actor: Actor) -> str:
        """Record the actor's platform ids on `row` (and bump the people version with it); an id
        another person already holds is left alone (logged), never an error for the person
        writing. The new version token, or "" when nothing was written."""
        person_id = row.id
        self._link(row, actor)
        try:
            token = await _bump_people_version(s)
            await s.commit()
            return token
        except IntegrityError:
            await s.rollback()
            log.warning("person %s: %s id already belongs to someone else; not linked", person_id, actor.platform)
            fresh = await s.get(PersonRow, person_id)
            if fresh is not None:
                await s.refresh(fresh)
            return ""

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
        version = self._version
        person = await self._create_from_actor(actor, role, language)
        if version == self._version:
            self._remember(self._key(actor), person)
        return person

    def _remember(self, key: tuple[str, str, str], person: Person) -> None:
        self._cache[key] = replace(person)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    async def _create_from_actor(self, actor: Actor, role: Role, language: str) -> Person:
        async with self.sessions() as s:
            row = PersonRow(display_name=actor.display_name or actor.user_id, role=role.value,
                            language=language, email=actor.email or None)
            self._link(row, actor)
            s.add(row)
            try:
                # No version change: only people found are cached, so a newcomer stales no cache.
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
                row.in_charge = person.in_charge or None
                rows.append(row)
            token = await _bump_people_version(s)
            await s.commit()
            self._changed(token)
            return [_person(row) for row in rows]

    async def count_admins(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.role == "admin")) or 0)

