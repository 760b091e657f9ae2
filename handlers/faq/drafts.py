"""The FAQ's drafts (proposed entries waiting for an editor) and deleted entries kept for undo.

Both live in the shared state store as small JSON documents (restarts and replicas see them).
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.context import Context
from bot.core.errors import UserFacingError

DRAFTS_KEY = "faq:drafts"
DELETED_KEY = "faq:deleted"
_DRAFT_ID = re.compile(r"\s*[dD][-－]?(\d+)\s*")
_ENTRY_ID = re.compile(r"\s*(?:faq)?[-－]?(\d+)\s*", re.IGNORECASE)


async def drafts(ctx: Context) -> dict[str, Any]:
    """The drafts document: {"next": n, "items": {"D-1": {...}}}."""
    return await ctx.services.state.get(DRAFTS_KEY) or {"next": 1, "items": {}}


async def add_draft(ctx: Context, question: str, answer: str, *, source: str = "", category: str = "",
                    entry_id: str = "") -> str:
    """Store a proposed entry as a draft; returns its id (D-n)."""
    doc = await drafts(ctx)
    number = int(doc.get("next", 1))
    draft_id = f"D-{number}"
    doc["next"] = number + 1
    doc["items"][draft_id] = {
        "question": question, "answer": answer, "category": category or ctx.t("faq.category.new"),
        "department": ctx.person.department, "proposed_by": ctx.person.display_name or str(ctx.person.id),
        "source": source, "entry_id": entry_id, "at": ctx.services.clock.now().isoformat(),
    }
    await ctx.services.state.put(DRAFTS_KEY, doc)
    return draft_id


def draft_id_of(text: str) -> str:
    """「D-1」「d1」 -> "D-1" (the first word of the arguments)."""
    m = _DRAFT_ID.fullmatch(text.split(maxsplit=1)[0] if text.strip() else "")
    if not m:
        raise UserFacingError("faq.draft.usage")
    return f"D-{int(m.group(1))}"


def entry_id_of(text: str) -> str:
    """「FAQ-100」「faq100」「100」 -> "FAQ-100"."""
    m = _ENTRY_ID.fullmatch(text.strip())
    if not m:
        raise UserFacingError("faq.entry.not_found", entry_id=text.strip()[:20] or "-")
    return f"FAQ-{int(m.group(1)):03d}"


async def next_entry_id(ctx: Context) -> str:
    """The next free FAQ-nnn, never the id of a deleted entry (so `undo` can bring it back)."""
    candidate = await ctx.services.faq.next_entry_id()
    deleted = await ctx.services.state.get(DELETED_KEY) or {}
    numbers = [int(k.split("-")[1]) for k in deleted if re.fullmatch(r"FAQ-\d+", k)]
    number = max([int(candidate.split("-")[1]), *[n + 1 for n in numbers]])
    return f"FAQ-{number:03d}"


async def edit_draft(ctx: Context, args: str, editable: dict[str, str]) -> None:
    """`faq edit D-1 質問 新しい質問文`: reword a draft before it is published."""
    parts = args.split(maxsplit=2)
    draft_id = draft_id_of(parts[0])
    if len(parts) < 3 or parts[1].lower() not in editable:
        raise UserFacingError("command.usage", usage=ctx.t("faq.edit.usage"))
    doc = await drafts(ctx)
    draft = doc["items"].get(draft_id)
    if draft is None:
        raise UserFacingError("faq.draft.not_found", id=draft_id)
    field_name = editable[parts[1].lower()]
    if field_name not in ("question", "answer", "category", "department"):
        raise UserFacingError("command.usage", usage=ctx.t("faq.edit.usage"))
    draft[field_name] = parts[2].strip()
    await ctx.services.state.put(DRAFTS_KEY, doc)
    await ctx.reply(ctx.t("faq.draft.edited", id=draft_id, field=ctx.t(f"faq.field.{field_name}"),
                          question=draft["question"]))
