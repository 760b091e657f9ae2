"""The one way tests put a person in the registry: with a role, a department, a name and a language.

    await add_person(app, "suzuki", Role.LIAISON, "企画課", name="鈴木")          # console
    await add_person(app, "29:1admin", Role.ADMIN, platform="teams", aad_id="aad-admin")

The person is found by their platform identity, as the bot would find them, and created from it
when new (so they resolve exactly as a real sender of that id would).
"""

from __future__ import annotations

from typing import Any

from bot.core.events import Actor
from bot.core.model import Person, Role


async def add_person(app: Any, user_id: str, role: Role = Role.STAFF, department: str = "", *, name: str = "",
                     platform: str = "console", language: str = "", aad_id: str = "", email: str = "",
                     keep_existing: bool = False) -> Person:
    """Register `user_id` on `platform` with `role` and `department`; return the registry entry.

    An existing entry gets the role, department, name, language and e-mail given (`keep_existing`
    leaves it untouched instead). A new entry is named `name`, else `user_id`, and speaks `language`
    (Japanese by default)."""
    people = app.services.people
    actor = Actor(platform, user_id, name, aad_object_id=aad_id, email=email)  # type: ignore[arg-type]
    person = await people.find_by_actor(actor)
    if person is not None and keep_existing:
        return person  # type: ignore[no-any-return]
    if person is None:
        person = await people.create_from_actor(actor, role, language or "ja")
    person.role, person.department = role, department
    if name:
        person.display_name = name
    if language:
        person.language = language
    if email:
        person.email = email
    return await people.save(person)  # type: ignore[no-any-return]
