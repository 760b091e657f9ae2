"""Admin commands over the people registry: `users list`, `users set-role`, `users set-department`.

Liaisons are the people with the liaison role; the meeting reminders go to them. The bulk
import of a roster is `dxdesk users import FILE` on the command line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.model import Person, Role
from bot.core.replies import Reply
from bot.core.router import Router
from bot.core.text import clean
from handlers.people.ports import PEOPLE_IMPORT

router = Router("people")

MAX_LISTED = 200


def describe(person: Person, t: Callable[..., str]) -> str:
    """「#3 山田 花子（企画課）兼務職員（DX推進員） [Slack・ローカル]」; `t` is `ctx.t`."""
    identities = (("slack", person.slack_id), ("teams", person.teams_id or person.teams_user_id),
                  ("local", person.local_id), ("mail", person.email))
    platforms = [t(f"users.platform.{name}") for name, value in identities if value]
    dept = person.department or t("users.no_department")
    reach = t("users.platform.separator").join(platforms) if platforms else t("users.unreachable")
    return f"#{person.id} {person.display_name or '-'}（{dept}）{t(f'role.{person.role.value}')} [{reach}]"


_HONORIFICS = ("さん", "様", "さま", "君", "くん", "ちゃん")


def _name_key(text: str) -> str:
    """A name as compared: width-folded, without spaces (「山田　次郎」「山田次郎」) or an honorific."""
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    for suffix in _HONORIFICS:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def matches_name(person: Person, who: str) -> bool:
    """「山田」「次郎」「山田 次郎」「山田次郎」 name 山田 次郎: the full name with or without a space,
    or one whole part of it (the surname or the given name)."""
    key = _name_key(who)
    name = person.display_name or ""
    if not key or not name:
        return False
    parts = [_name_key(p) for p in unicodedata.normalize("NFKC", name).split()]
    return key == _name_key(name) or key in parts


async def find_person(ctx: Context, who: str) -> Person:
    """By #id, platform id, e-mail or display name; else by the one person whose full name (with or
    without a space), surname or given name it is. Several such people are listed with their
    departments and the admin is asked which (by #number); nobody is a polite error."""
    key = who.strip().lstrip("#")
    person = await ctx.services.people.find(key) if key else None
    if person is not None:
        return person
    found = [p for p in await ctx.services.people.list() if key and matches_name(p, key)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UserFacingError("users.ambiguous", who=key[:50], count=len(found), example=f"#{found[0].id}",
                              matches="\n".join(f"  {describe(p, ctx.t)}" for p in found[:20]))
    raise UserFacingError("users.not_found", who=who.strip()[:50] or "-")


@router.command("users list", role=Role.ADMIN, help_key="cmd.users.list", audit=False)
async def list_people(ctx: Context, args: str) -> None:
    """`users list [部署]` (also `users list 兼務職員` to see one role)."""
    arg = clean(args)
    role = Role.parse(arg) if arg else None
    department = arg if arg and role is None else None
    people = await ctx.services.people.list(role=role, department=department)
    if not people:
        raise UserFacingError("users.list.empty", filter=arg or "-")
    # One heading per department (the store orders by department, then id), so the numbers run
    # in order within a group and the list reads like the city's organisation chart.
    groups: dict[str, list[str]] = {}
    for p in people[:MAX_LISTED]:
        groups.setdefault(p.department or ctx.t("users.no_department"), []).append(describe(p, ctx.t))
    lines = []
    for department, members in groups.items():
        lines.append(ctx.t("users.list.group", department=department, count=len(members)))
        lines.extend(f"  {line}" for line in members)
    if len(people) > MAX_LISTED:
        lines.append(ctx.t("users.list.more", count=len(people) - MAX_LISTED))
    title = ctx.t("users.list.title", count=len(people)) + (f"（{arg}）" if arg else "")
    await ctx.reply(Reply(title=title, text="\n".join(lines), ephemeral=True))


@router.command("users set-role", role=Role.ADMIN, help_key="cmd.users.set_role")
async def set_role(ctx: Context, args: str) -> None:
    """`users set-role <who> <role> [部署]`: the role word can be English or Japanese."""
    words = clean(args).split()
    index = next((i for i, w in enumerate(words) if i > 0 and Role.parse(w) is not None), None)
    if index is None:
        raise UserFacingError("command.usage", usage=ctx.t("users.set_role.usage"))
    role = Role.parse(words[index])
    assert role is not None
    person = await find_person(ctx, " ".join(words[:index]))
    department = " ".join(words[index + 1:])
    if person.role is Role.ADMIN and role is not Role.ADMIN and await ctx.services.people.count_admins() <= 1:
        raise UserFacingError("users.last_admin")
    person.role = role
    if department:
        person.department = department
    person = await ctx.services.people.save(person)
    await ctx.reply(ctx.t("users.set_role.done", who=describe(person, ctx.t)))


@router.command("users import", role=Role.ADMIN, help_key="cmd.users.import")
async def import_roster(ctx: Context, args: str) -> None:
    """`users import FILE [確認のみ|--dry-run]`: a CSV/XLSX roster on the bot's machine."""
    words = args.split()
    dry_run = any(w in ("--dry-run", "確認のみ", "dry-run", "確認") for w in words)
    path = " ".join(w for w in words if w not in ("--dry-run", "確認のみ", "dry-run", "確認")).strip()
    importer = ctx.services.get(PEOPLE_IMPORT)
    if not path or importer is None:
        raise UserFacingError("command.usage", usage=ctx.t("users.import.usage"))
    summary = await importer.import_file(path, dry_run, ctx.lang)
    if summary.errors:
        lines = [f"{ctx.t('users.import.line', line=line) if line else ''}{problem}"
                 for line, problem in summary.errors[:20]]
        raise_text = ctx.t("users.import.failed", count=len(summary.errors))
        await ctx.reply(Reply(title=raise_text, text="\n".join(lines), ephemeral=True))
        return
    key = "users.import.checked" if dry_run else "users.import.done"
    await ctx.reply(Reply(text=ctx.t(key, total=summary.total, added=summary.added, updated=summary.updated),
                          ephemeral=True))


@router.command("users set-department", role=Role.ADMIN, help_key="cmd.users.set_department")
async def set_department(ctx: Context, args: str) -> None:
    """`users set-department <who> <部署>` (the last word is the department)."""
    words = clean(args).split()
    if len(words) < 2:
        raise UserFacingError("command.usage", usage=ctx.t("users.set_department.usage"))
    person = await find_person(ctx, " ".join(words[:-1]))
    person.department = words[-1]
    person = await ctx.services.people.save(person)
    await ctx.reply(ctx.t("users.set_department.done", who=describe(person, ctx.t)))
