"""The FAQ knowledge base, unanswered questions and phrasing suggestions (implements `FaqRepository`)."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.model import (
    FaqEntry,
    PhrasingSuggestion,
    SuggestionStatus,
    UnansweredQuestion,
    UnansweredStatus,
)
from storage.base import utcnow
from storage.faq.models import (
    FaqEntryRow,
    QuestionLogRow,
    SuggestionRow,
    SynonymGroupRow,
    UnansweredRow,
)
from storage.shared.models import (
    MetaRow,
)

Sessions = async_sessionmaker  # type: ignore[type-arg]



def _entry(row: FaqEntryRow) -> FaqEntry:
    return FaqEntry(
        id=row.id, question=row.question, answer=row.answer, alternates=list(row.alternates or []),
        category=row.category or "", tags=list(row.tags or []), department=row.department or "",
        updated_at=row.updated_at,
    )


def _unanswered(row: UnansweredRow) -> UnansweredQuestion:
    return UnansweredQuestion(
        id=row.id, text=row.text, person_id=row.person_id, status=UnansweredStatus(row.status),
        created_at=row.created_at, destination=row.destination or "", answer=row.answer or "",
        answered_by=row.answered_by, faq_entry_id=row.faq_entry_id or "", platform=row.platform or "",
        conversation=row.conversation or "",
    )


def _suggestion(row: SuggestionRow) -> PhrasingSuggestion:
    return PhrasingSuggestion(id=row.id, entry_id=row.entry_id, text=row.text,
                              status=SuggestionStatus(row.status), created_at=row.created_at,
                              decided_by=row.decided_by)


def fold_phrase(text: str) -> str:
    """Compare phrasings ignoring width, case, spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s、。,.!?！？「」『』（）()・]+", "", text)[:500]


FAQ_VERSION_KEY = "faq_version"


async def _bump_faq_version(s: Any) -> None:
    """Mark the FAQ as changed so every replica rebuilds its search index."""
    token = uuid.uuid4().hex
    row = await s.get(MetaRow, FAQ_VERSION_KEY)
    if row is None:
        s.add(MetaRow(key=FAQ_VERSION_KEY, value=token))
    else:
        row.value = token


class SqlFaq:
    """FAQ entries, synonyms, question log, unanswered questions and phrasing suggestions."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        # Called with the outcome of every question logged (metrics), if set.
        self.on_question: Callable[[str], None] | None = None

    async def version(self) -> str:
        """Changes whenever entries, alternates or synonyms change."""
        async with self.sessions() as s:
            row = await s.get(MetaRow, FAQ_VERSION_KEY)
            return row.value if row else ""

    async def list_entries(self) -> list[FaqEntry]:
        async with self.sessions() as s:
            return [_entry(r) for r in (await s.execute(select(FaqEntryRow).order_by(FaqEntryRow.id))).scalars()]

    async def get_entry(self, entry_id: str) -> FaqEntry | None:
        async with self.sessions() as s:
            row = await s.get(FaqEntryRow, entry_id)
            return _entry(row) if row else None

    async def upsert_entries(self, entries: Sequence[FaqEntry]) -> tuple[int, int]:
        """Insert or update by id in one transaction; returns (added, updated)."""
        added = updated = 0
        now = utcnow()
        async with self.sessions() as s:
            existing = {r.id: r for r in (await s.execute(
                select(FaqEntryRow).where(FaqEntryRow.id.in_([e.id for e in entries])))).scalars()}
            for e in entries:
                row = existing.get(e.id)
                if row is None:
                    row = FaqEntryRow(id=e.id)
                    s.add(row)
                    existing[e.id] = row
                    added += 1
                else:
                    same = (row.question, row.answer, list(row.alternates or []), row.category,
                            list(row.tags or []), row.department) == (
                        e.question, e.answer, list(e.alternates), e.category, list(e.tags), e.department)
                    if same:
                        continue
                    updated += 1
                row.question, row.answer = e.question, e.answer
                row.alternates, row.category = list(e.alternates), e.category
                row.tags, row.department = list(e.tags), e.department
                row.updated_at = e.updated_at or now
            if added or updated:
                await _bump_faq_version(s)
            await s.commit()
        return added, updated

    async def delete_entry(self, entry_id: str) -> bool:
        """Remove one entry (unpublish or delete); True when it existed."""
        async with self.sessions() as s:
            row = await s.get(FaqEntryRow, entry_id)
            if row is None:
                return False
            await s.delete(row)
            await _bump_faq_version(s)
            await s.commit()
        return True

    async def next_entry_id(self) -> str:
        async with self.sessions() as s:
            ids = (await s.execute(select(FaqEntryRow.id))).scalars().all()
        numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"FAQ-(\d+)", i))]
        return f"FAQ-{(max(numbers) + 1) if numbers else 1:03d}"

    async def synonyms(self) -> list[list[str]]:
        async with self.sessions() as s:
            rows = (await s.execute(select(SynonymGroupRow).order_by(SynonymGroupRow.position))).scalars()
            return [list(r.terms) for r in rows]

    async def set_synonyms(self, groups: Sequence[Sequence[str]]) -> None:
        async with self.sessions() as s:
            await s.execute(delete(SynonymGroupRow))
            for i, g in enumerate(groups):
                s.add(SynonymGroupRow(position=i, terms=[str(x) for x in g]))
            await _bump_faq_version(s)
            await s.commit()

    async def log_question(self, person_id: int | None, text: str, outcome: str, top_id: str, score: float) -> int:
        async with self.sessions() as s:
            row = QuestionLogRow(person_id=person_id, text=text, outcome=outcome, top_entry_id=top_id, score=score)
            s.add(row)
            await s.commit()
        if self.on_question is not None:
            self.on_question(outcome)
        return row.id

    async def set_question_feedback(self, log_id: int, feedback: str, entry_id: str = "") -> None:
        async with self.sessions() as s:
            await s.execute(update(QuestionLogRow).where(QuestionLogRow.id == log_id)
                            .values(feedback=feedback, resolved_entry_id=entry_id))
            await s.commit()

    async def get_question(self, log_id: int) -> dict[str, Any] | None:
        async with self.sessions() as s:
            row = await s.get(QuestionLogRow, log_id)
            if row is None:
                return None
            return {"id": row.id, "person_id": row.person_id, "text": row.text, "outcome": row.outcome,
                    "top_entry_id": row.top_entry_id, "score": row.score, "feedback": row.feedback,
                    "resolved_entry_id": row.resolved_entry_id}

    async def add_unanswered(self, text: str, person_id: int | None, status: UnansweredStatus, platform: str,
                             conversation: str, log_id: int | None = None) -> UnansweredQuestion:
        async with self.sessions() as s:
            row = UnansweredRow(text=text, person_id=person_id, status=status.value, platform=platform,
                                conversation=conversation, log_id=log_id)
            s.add(row)
            await s.commit()
            return _unanswered(row)

    async def get_unanswered(self, qid: int) -> UnansweredQuestion | None:
        async with self.sessions() as s:
            row = await s.get(UnansweredRow, qid)
            return _unanswered(row) if row else None

    async def find_unanswered_by_log(self, log_id: int) -> UnansweredQuestion | None:
        async with self.sessions() as s:
            row = (await s.execute(select(UnansweredRow).where(UnansweredRow.log_id == log_id))).scalars().first()
            return _unanswered(row) if row else None

    async def list_unanswered(self, statuses: Sequence[UnansweredStatus] = (), limit: int = 20) -> list[UnansweredQuestion]:
        async with self.sessions() as s:
            q = select(UnansweredRow).order_by(UnansweredRow.id.desc()).limit(limit)
            if statuses:
                q = q.where(UnansweredRow.status.in_([x.value for x in statuses]))
            return [_unanswered(r) for r in (await s.execute(q)).scalars()]

    async def update_unanswered(self, question: UnansweredQuestion) -> None:
        async with self.sessions() as s:
            row = await s.get(UnansweredRow, question.id)
            if row is None:
                return
            row.status = question.status.value
            row.destination = question.destination
            row.answer = question.answer
            row.answered_by = question.answered_by
            row.faq_entry_id = question.faq_entry_id
            await s.commit()

    async def claim_unanswered(self, qid: int, answered_by: int) -> bool:
        """Mark a question answered once, even if two people answer at the same moment."""
        async with self.sessions() as s:
            res = await s.execute(update(UnansweredRow).where(
                UnansweredRow.id == qid, UnansweredRow.status.in_(["open", "forwarded"]))
                .values(status="answered", answered_by=answered_by))
            await s.commit()
            return bool(res.rowcount)

    async def add_suggestion(self, entry_id: str, text: str, log_id: int | None) -> PhrasingSuggestion | None:
        """Propose `text` for `entry_id` unless it is already an existing phrasing or proposal."""
        norm = fold_phrase(text)
        if not norm:
            return None
        async with self.sessions() as s:
            entry = await s.get(FaqEntryRow, entry_id)
            if entry is None:
                return None
            known = {fold_phrase(x) for x in [entry.question, *(entry.alternates or [])]}
            if norm in known:
                return None
            dup = (await s.execute(select(SuggestionRow).where(
                SuggestionRow.entry_id == entry_id, SuggestionRow.normalized == norm))).scalars().first()
            if dup is not None:
                return None
            row = SuggestionRow(entry_id=entry_id, text=text[:1000], normalized=norm, status="pending", log_id=log_id)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()
                return None
            return _suggestion(row)

    async def get_suggestion(self, sid: int) -> PhrasingSuggestion | None:
        async with self.sessions() as s:
            row = await s.get(SuggestionRow, sid)
            return _suggestion(row) if row else None

    async def list_suggestions(self, status: SuggestionStatus | None = None, limit: int = 20) -> list[PhrasingSuggestion]:
        async with self.sessions() as s:
            q = select(SuggestionRow).order_by(SuggestionRow.id).limit(limit)
            if status is not None:
                q = q.where(SuggestionRow.status == status.value)
            return [_suggestion(r) for r in (await s.execute(q)).scalars()]

    async def decide_suggestion(self, sid: int, status: SuggestionStatus, decided_by: int) -> None:
        """Approve (the phrasing joins the entry's alternates) or reject, in one transaction."""
        async with self.sessions() as s:
            row = await s.get(SuggestionRow, sid)
            if row is None or row.status != "pending":
                return
            row.status = status.value
            row.decided_by = decided_by
            row.decided_at = utcnow()
            if status is SuggestionStatus.APPROVED:
                entry = await s.get(FaqEntryRow, row.entry_id)
                if entry is not None:
                    entry.alternates = [*(entry.alternates or []), row.text]
                    entry.updated_at = utcnow()
                    await _bump_faq_version(s)
            await s.commit()

    async def stats(self, since: datetime | None = None) -> dict[str, Any]:
        async with self.sessions() as s:
            q = select(QuestionLogRow.outcome, QuestionLogRow.feedback, func.count()).group_by(
                QuestionLogRow.outcome, QuestionLogRow.feedback)
            if since is not None:
                q = q.where(QuestionLogRow.created_at >= since)
            rows = (await s.execute(q)).all()
        out: dict[str, Any] = {"asked": 0, "outcomes": {}, "feedback": {}}
        for outcome, feedback, n in rows:
            out["asked"] += n
            out["outcomes"][outcome] = out["outcomes"].get(outcome, 0) + n
            if feedback:
                out["feedback"][feedback] = out["feedback"].get(feedback, 0) + n
        return out

