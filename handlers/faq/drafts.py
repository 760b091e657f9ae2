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


# What the desk adds to a kept question for the person who answers it: the FAQ entry that did not
# help (faq.not_helped.question: 「…（案内した FAQ-001「…」では解決しなかった）」), the entry a follow-up
# was about (faq.follow_up.question_after_entry: 「…（直前の質問「…」、案内した FAQ-096「…」について）」)
# and what the asker saw when trying it (faq.not_helped.details, always last). It tells the answerer
# what was tried; the internal FAQ ids never become part of a FAQ entry's question. The previous
# question of a follow-up stays: without it 「じゃあタブレットは？」 means nothing.
_NOT_HELPED = re.compile(r"\s*(?:（案内した\s.*?では解決しなかった）|\(not solved by\s.*?\"\))", re.DOTALL)
_ABOUT_ENTRY = re.compile(r"(?:、案内した\s.*?」(?=について）)|, about\s[A-Z]+-\d+\s\".*?\"(?=\)))", re.DOTALL)
_DETAILS = re.compile(r"\s*(?:（試したときの様子[:：]|\(what happened when trying it:).*$", re.DOTALL)


def plain_question(text: str) -> str:
    """The asker's question without the desk's notes about the FAQ shown before (「VPNにつながらない
    （案内した FAQ-001「…」では解決しなかった）」 → 「VPNにつながらない」); the text itself when that
    would leave nothing."""
    plain = _ABOUT_ENTRY.sub("", _NOT_HELPED.sub("", _DETAILS.sub("", text))).strip()
    return plain or text


async def add_draft(ctx: Context, question: str, answer: str, *, source: str = "", category: str = "",
                    entry_id: str = "", **extra: Any) -> str:
    """Store a proposed entry as a draft; returns its id (D-n). The number is taken and the draft
    added in one atomic change, so two answers given at once on two replicas both stay. The
    question is kept without the desk's notes (`plain_question`); the words as kept are `asked`."""
    if plain_question(question) != question:
        extra.setdefault("asked", question)
        question = plain_question(question)
    item = {
        "question": question, "answer": answer, "category": category or ctx.t("faq.category.new"),
        "department": ctx.person.department, "proposed_by": ctx.person.display_name or str(ctx.person.id),
        "source": source, "entry_id": entry_id, "at": ctx.services.clock.now().isoformat(), **extra,
    }
    taken: list[str] = []

    def change(doc: dict[str, Any] | None) -> dict[str, Any]:
        doc = doc or {"next": 1, "items": {}}
        number = int(doc.get("next", 1))
        taken[:] = [f"D-{number}"]
        doc["next"] = number + 1
        doc.setdefault("items", {})[taken[0]] = item
        return doc

    await ctx.services.state.update(DRAFTS_KEY, change)
    return taken[0]


async def take_draft(ctx: Context, draft_id: str) -> dict[str, Any]:
    """Remove a draft and return it (atomically: two editors publishing it at once publish it once)."""
    taken: list[dict[str, Any]] = []

    def change(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        taken.clear()
        if doc is None:
            return None
        item = doc.get("items", {}).pop(draft_id, None)
        if item is not None:
            taken.append(item)
        return doc

    await ctx.services.state.update(DRAFTS_KEY, change)
    if not taken:
        await _not_found(ctx, draft_id)
    return taken[0]


async def note_draft_done(ctx: Context, draft_id: str, entry_id: str = "") -> None:
    """Remember what became of a draft (published as *entry_id*, or discarded when ""), so that
    「/dx FAQ 公開 D-1」 typed again says 「公開済み（FAQ-108）」, not 「見つかりません」."""
    def change(doc: dict[str, Any] | None) -> dict[str, Any]:
        doc = doc or {"next": 1, "items": {}}
        done = doc.setdefault("done", {})
        done[draft_id] = entry_id
        for old in list(done)[:-DONE_KEPT]:
            done.pop(old)
        return doc

    await ctx.services.state.update(DRAFTS_KEY, change)


DONE_KEPT = 200  # drafts whose outcome is remembered


async def _not_found(ctx: Context, draft_id: str) -> None:
    done = (await drafts(ctx)).get("done") or {}
    if draft_id in done:
        if done[draft_id]:
            raise UserFacingError("faq.draft.already_published", id=draft_id, entry_id=done[draft_id])
        raise UserFacingError("faq.draft.already_discarded", id=draft_id)
    raise UserFacingError("faq.draft.not_found", id=draft_id)


async def put_back_draft(ctx: Context, draft_id: str, item: dict[str, Any]) -> None:
    """Return a taken draft under its id (its publication failed)."""
    def change(doc: dict[str, Any] | None) -> dict[str, Any]:
        doc = doc or {"next": int(draft_id.split("-")[1]) + 1, "items": {}}
        doc.setdefault("items", {})[draft_id] = item
        return doc

    await ctx.services.state.update(DRAFTS_KEY, change)


async def keep_deleted(ctx: Context, entry_id: str, saved: dict[str, Any]) -> None:
    """Keep a deleted entry for `faq undo`."""
    def change(doc: dict[str, Any] | None) -> dict[str, Any]:
        doc = doc or {}
        doc[entry_id] = saved
        return doc

    await ctx.services.state.update(DELETED_KEY, change)


async def take_deleted(ctx: Context, entry_id: str) -> dict[str, Any] | None:
    """Remove a deleted entry from the undo list and return it (None when there is none)."""
    taken: list[dict[str, Any]] = []

    def change(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        taken.clear()
        if doc is None:
            return None
        item = doc.pop(entry_id, None)
        if item is not None:
            taken.append(item)
        return doc

    await ctx.services.state.update(DELETED_KEY, change)
    return taken[0] if taken else None


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
    field_name = editable[parts[1].lower()]
    if field_name not in ("question", "answer", "category", "department"):
        raise UserFacingError("command.usage", usage=ctx.t("faq.edit.usage"))
    found: list[str] = []

    def change(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        found.clear()
        draft = (doc or {}).get("items", {}).get(draft_id)
        if draft is not None:
            draft[field_name] = parts[2].strip()
            if field_name == "question":  # reworded by an editor: no longer the asker's words
                draft.pop("asker_words", None)
            found.append(draft.get("question", ""))
        return doc

    await ctx.services.state.update(DRAFTS_KEY, change)
    if not found:
        await _not_found(ctx, draft_id)
    await ctx.reply(ctx.t("faq.draft.edited", id=draft_id, field=ctx.t(f"faq.field.{field_name}"),
                          question=str(found[0])[:120]))
