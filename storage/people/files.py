"""People registry import (CSV/XLSX/YAML), with the same rules as the FAQ import: all or
nothing, errors reported with line numbers, idempotent (matched by platform id or e-mail)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


PeopleReport = ImportSummary


def _clean(v: Any) -> str:
    return str(v if v is not None else "").strip()


def parse_people(rows: list[Row]) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Validate rows; every person needs a name and at least one way to reach them."""
    people: list[tuple[int, dict[str, str]]] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for row in rows:
        v = {k: _clean(row.values.get(k)) for k in
             ("name", "department", "role", "slack_id", "teams_id", "local_id", "email", "language")}
        problems = []
        if not v["name"]:
            problems.append("name is empty")
        if not (v["slack_id"] or v["teams_id"] or v["email"] or v["local_id"]):
            problems.append("give at least one of slack_id, teams_id, email, local_id")
        role = Role.parse(v["role"]) if v["role"] else Role.STAFF
        if role is None:
            problems.append(f"unknown role {v['role']!r} (admin, liaison, staff / 管理者, 兼務職員, 職員)")
        else:
            v["role"] = role.value
        if v["email"] and not _EMAIL.match(v["email"]):
            problems.append(f"not an e-mail address: {v['email']!r}")
        lang = v["language"].lower() or "ja"
        if lang in ("日本語", "japanese"):
            lang = "ja"
        if lang in ("英語", "english"):
            lang = "en"
        if lang not in ("ja", "en"):
            problems.append(f"language must be ja or en, not {v['language']!r}")
        v["language"] = lang
        for key in ("slack_id", "teams_id", "local_id", "email"):
            if v[key]:
                ident = f"{key}:{v[key].lower()}"
                if ident in seen:
                    problems.append(f"{key} {v[key]} already used on line {seen[ident]}")
                seen[ident] = row.line
        if problems:
            errors.append((row.line, "; ".join(problems)))
        else:
            people.append((row.line, v))
    return people, errors


class FilePeopleImporter:
    """`PeopleImporter` over files on this machine (the admin command and the CLI share it)."""

    def __init__(self, people: Any) -> None:
        self.people = people

    async def import_file(self, path: str, dry_run: bool = False) -> ImportSummary:
        return await import_into(self.people, Path(path).expanduser(), dry_run)


async def import_people(app: Any, path: Path, dry_run: bool = False) -> PeopleReport:
    """Import a people file into the registry of `app` (used by `dxdesk users import`)."""
    return await import_into(app.services.people, path, dry_run)


async def import_into(repo: Any, path: Path, dry_run: bool = False) -> PeopleReport:
    """Import a people file into the registry (nothing is written when any row is wrong)."""
    report = PeopleReport()
    try:
        rows = read_table(path, ALIASES, required=("name",), yaml_key="people")
    except TableError as exc:
        report.errors.append((0, str(exc)))
        return report
    parsed, errors = parse_people(rows)
    if errors:
        report.errors = errors
        return report
    if not parsed:
        report.errors.append((0, "no people in the file"))
        return report
    report.total = len(parsed)
    plans: list[tuple[Person | None, dict[str, str]]] = []
    for _, v in parsed:
        existing = None
        for key in ("slack_id", "teams_id", "local_id", "email"):
            if v[key]:
                existing = await repo.find(v[key])
                if existing is not None:
                    break
        plans.append((existing, v))
    if dry_run:
        report.added = sum(1 for e, _ in plans if e is None)
        report.updated = report.total - report.added
        return report
    for existing, v in plans:
        person = existing or Person(id=0)
        person.display_name = v["name"]
        person.department = v["department"]
        person.role = Role(v["role"])
        person.language = v["language"]
        person.slack_id = v["slack_id"] or person.slack_id
        person.teams_id = v["teams_id"] or person.teams_id
        person.local_id = v["local_id"] or person.local_id
        person.email = v["email"] or person.email
        await repo.save(person)
        if existing is None:
            report.added += 1
        else:
            report.updated += 1
    return report
