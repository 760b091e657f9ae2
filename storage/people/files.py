"""People registry import (CSV/XLSX/YAML), with the same rules as the FAQ import: all or
nothing (one transaction), every error reported with its line in the reader's language,
idempotent (matched by platform id or e-mail); conflicts with the registry are reported, never
half-applied, and columns the file leaves out (role, department, language) change nothing."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.core.messages import t
from bot.core.model import Person, Role
from handlers.people.ports import ImportSummary
from storage.files.tabular import Row, TableError, read_table

ALIASES = {
    "name": "name", "display_name": "name", "氏名": "name", "名前": "name", "表示名": "name",
    "department": "department", "所属": "department", "部署": "department", "所属部署": "department",
    "課": "department", "role": "role", "役割": "role", "権限": "role",
    "slack_id": "slack_id", "slack": "slack_id", "slack id": "slack_id", "SlackID": "slack_id",
    "teams_id": "teams_id", "teams": "teams_id", "teams id": "teams_id", "aad_object_id": "teams_id",
    "TeamsID": "teams_id", "local_id": "local_id", "ローカルID": "local_id",
    "email": "email", "e-mail": "email", "mail": "email", "メール": "email", "メールアドレス": "email",
    "language": "language", "言語": "language",
    "in_charge": "in_charge", "担当者": "in_charge", "担当": "in_charge", "相談担当": "in_charge",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


PeopleReport = ImportSummary


def _clean(v: Any) -> str:
    return str(v if v is not None else "").strip()


def parse_people(rows: list[Row], lang: str = "ja") -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Validate rows; every person needs a name and at least one way to reach them. An empty role
    (or no role column) stays "" here: the import then keeps the person's current role."""
    people: list[tuple[int, dict[str, str]]] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for row in rows:
        v = {k: _clean(row.values.get(k)) for k in
             ("name", "department", "role", "slack_id", "teams_id", "local_id", "email", "language",
              "in_charge")}
        problems = []
        if not v["name"]:
            problems.append(t("import.people.name_empty", lang))
        if not (v["slack_id"] or v["teams_id"] or v["email"] or v["local_id"]):
            problems.append(t("import.people.no_contact", lang))
        if v["role"]:
            role = Role.parse(v["role"])
            if role is None:
                problems.append(t("import.people.bad_role", lang, role=v["role"]))
            else:
                v["role"] = role.value
        if v["email"] and not _EMAIL.match(v["email"]):
            problems.append(t("import.people.bad_email", lang, email=v["email"]))
        language = v["language"].lower()
        language = {"日本語": "ja", "japanese": "ja", "英語": "en", "english": "en"}.get(language, language)
        if language not in ("", "ja", "en"):
            problems.append(t("import.people.bad_language", lang, language=v["language"]))
        v["language"] = language
        for key in ("slack_id", "teams_id", "local_id", "email"):
            if v[key]:
                ident = f"{key}:{v[key].lower()}"
                if ident in seen:
                    problems.append(t("import.people.duplicate_id", lang, column=key, value=v[key], other=seen[ident]))
                seen[ident] = row.line
        if problems:
            errors.append((row.line, ("; " if lang == "en" else "／").join(problems)))
        else:
            people.append((row.line, v))
    return people, errors


class FilePeopleImporter:
    """`PeopleImporter` over files on this machine (the admin command and the CLI share it)."""

    def __init__(self, people: Any) -> None:
        self.people = people

    async def import_file(self, path: str, dry_run: bool = False, lang: str = "ja") -> ImportSummary:
        # Reading and checking a file is CPU work (up to a few MB): off the event loop.
        return await import_into(self.people, Path(path).expanduser(), dry_run, lang)


async def import_people(app: Any, path: Path, dry_run: bool = False, lang: str = "ja") -> PeopleReport:
    """Import a people file into the registry of `app` (used by `dxdesk users import`)."""
    return await import_into(app.services.people, path, dry_run, lang)


IDENTIFIERS = ("slack_id", "teams_id", "local_id", "email")


async def import_into(repo: Any, path: Path, dry_run: bool = False, lang: str = "ja") -> PeopleReport:
    """Import a people file into the registry: all or nothing (one transaction, nothing written when
    any row is wrong or clashes with the registry); roles, departments and languages the file does
    not give are kept."""
    report = PeopleReport()
    try:
        rows = await asyncio.to_thread(read_table, path, ALIASES, ("name",), "people")
    except TableError as exc:
        report.errors.append((exc.line, exc.text(lang)))
        return report
    parsed, errors = parse_people(rows, lang)
    if not parsed and not errors:
        report.errors.append((0, t("import.people.none", lang)))
        return report
    report.total = len(parsed)
    plans: list[tuple[int, Person | None, dict[str, str]]] = []
    claimed: dict[int, int] = {}  # existing person id -> the line that updates them
    for line, v in parsed:
        matches: dict[str, Person] = {}
        for key in IDENTIFIERS:
            if v[key]:
                found = await repo.find(v[key])
                if found is not None and (getattr(found, key) or "").lower() == v[key].lower():
                    matches[key] = found
        ids = {p.id for p in matches.values()}
        if len(ids) > 1:
            # slack_id says one person, e-mail another: report it, change nobody.
            (k1, p1), (k2, p2) = [(k, p) for k, p in matches.items()][:2]
            if p1.id == p2.id:
                k2, p2 = next((k, p) for k, p in matches.items() if p.id != p1.id)
            errors.append((line, t("import.people.conflict", lang, column=k2, value=v[k2],
                                   who=p2.display_name or p2.id, other_column=k1)))
            continue
        existing = next(iter(matches.values()), None)
        if existing is not None:
            if existing.id in claimed:
                errors.append((line, t("import.people.same_person", lang, other=claimed[existing.id],
                                       who=existing.display_name or existing.id)))
                continue
            claimed[existing.id] = line
        plans.append((line, existing, v))
    people: list[Person] = []
    for _, existing, v in plans:
        person = replace(existing) if existing is not None else Person(id=0)
        person.display_name = v["name"]
        # What the file leaves out is kept: a roster without a role column demotes nobody.
        person.department = v["department"] or person.department
        person.role = Role(v["role"]) if v["role"] else (existing.role if existing else Role.STAFF)
        person.language = v["language"] or (existing.language if existing else "ja")
        person.slack_id = v["slack_id"] or person.slack_id
        person.teams_id = v["teams_id"] or person.teams_id
        person.local_id = v["local_id"] or person.local_id
        person.email = v["email"] or person.email
        person.in_charge = v["in_charge"] or person.in_charge
        people.append(person)
    demoted = [p for p, (_, e, _) in zip(people, plans, strict=True)
               if e is not None and e.role is Role.ADMIN and p.role is not Role.ADMIN]
    if demoted and not any(p.role is Role.ADMIN for p in people):
        admins = await repo.list(Role.ADMIN)
        if not {a.id for a in admins} - {p.id for p in demoted}:
            errors.append((0, t("import.people.last_admin", lang, who="、".join(p.display_name for p in demoted))))
    if errors:
        report.errors = sorted(errors)
        report.total = 0
        return report
    report.added = sum(1 for _, e, _ in plans if e is None)
    report.updated = report.total - report.added
    if not dry_run:
        await repo.save_many(people)
    return report
