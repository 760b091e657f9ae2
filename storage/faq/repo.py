"""The FAQ knowledge base, unanswered questions and phrasing suggestions (implements `FaqRepository`)."""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy import text as text_sql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.errors import DuplicateEvent, StaleDialog
from bot.core.model import (
    FaqEntry,
    PhrasingSuggestion,
    SuggestionStatus,
    UnansweredQuestion,
    UnansweredStatus,
)
from storage.base import upsert_insert, utcnow
from storage.faq.models import (
    FaqEntryRow,
    QuestionLogRow,
    SuggestionRow,
    SynonymGroupRow,
    UnansweredRow,
)
from storage.shared.models import (
    MetaRow,
    ProcessedEventRow,
    StateRow,
)
from storage.shared.repo import CLAIM_TTL, SqlDeduper

Sessions = async_sessionmaker  # type: ignore[type-arg]



def _entry(row: FaqEntryRow) -> FaqEntry:
    return FaqEntry(
        id=row.id, question=row.question, answer=row.answer, alternates=list(row.alternates or []),
        category=row.category or "", tags=list(row.tags or []), department=row.department or "",
        updated_at=row.updated_at, question_en=row.question_en or "", answer_en=row.answer_en or "",
        category_en=row.category_en or "",
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
# Up to this many entries are all kept in memory when listed; beyond, each as it is read.
ENTRY_CACHE_PRIME = 20_000


async def _bump_faq_version(s: Any) -> None:
    """Mark the FAQ as changed so every replica rebuilds its search index."""
    token = uuid.uuid4().hex
    row = await s.get(MetaRow, FAQ_VERSION_KEY)
    if row is None:
        s.add(MetaRow(key=FAQ_VERSION_KEY, value=token))
    else:
        row.value = token


# A question's one transaction as one PostgreSQL statement (data-modifying CTEs all run, in one
# snapshot): check the asker's dialog (locked), then — only if it is as expected — claim the
# delivery, log the question and write the next dialog with the new log id. A claimed delivery
# makes the whole statement fail on the unique key (IntegrityError, as with separate statements).
_PG_LOG_QUESTION = text_sql("""
WITH cur AS (
    SELECT value::jsonb AS v FROM conversation_state WHERE key = CAST(:skey AS varchar) FOR UPDATE
), ok AS (
    SELECT (NOT CAST(:check AS boolean))
           OR ((SELECT v FROM cur) IS NOT DISTINCT FROM CAST(:expected AS jsonb)) AS fine
), claim AS (
    INSERT INTO processed_events (key, expires_at)
    SELECT CAST(:ckey AS varchar), CAST(:exp AS timestamptz) FROM ok WHERE fine AND CAST(:has_claim AS boolean)
    RETURNING 1
), log AS (
    INSERT INTO question_log (person_id, text, outcome, top_entry_id, score, feedback, resolved_entry_id, created_at)
    SELECT CAST(:pid AS integer), CAST(:text AS text), CAST(:outcome AS varchar), CAST(:top AS varchar),
           CAST(:score AS double precision), '', '', CAST(:now AS timestamptz)
    FROM ok WHERE fine
    RETURNING id
), st AS (
    INSERT INTO conversation_state (key, value, updated_at)
    SELECT CAST(:skey AS varchar),
           CAST(jsonb_build_object('kind', CAST(:kind AS text),
                                   'data', CAST(:data AS jsonb) || jsonb_build_object('log_id', log.id))
                || CASE WHEN CAST(:at AS text) = '' THEN '{}'::jsonb
                        ELSE jsonb_build_object('at', CAST(:at AS text)) END AS json),
           CAST(:now AS timestamptz)
    FROM log WHERE CAST(:has_dialog AS boolean)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
    RETURNING 1
), note AS (
    INSERT INTO conversation_state (key, value, updated_at)
    SELECT CAST(:nkey AS varchar), CAST(CAST(:nvalue AS jsonb) || jsonb_build_object('log_id', log.id) AS json),
           CAST(:now AS timestamptz)
    FROM log WHERE CAST(:has_note AS boolean)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
    RETURNING 1
)
SELECT (SELECT id FROM log) AS log_id, (SELECT count(*) FROM claim) AS claimed, (SELECT count(*) FROM st) AS written
""")


class SqlFaq:
    """FAQ entries, synonyms, question log, unanswered questions and phrasing suggestions.

    Entries read by `get_entry` are kept in memory for as long as the FAQ version stays the one
    last read by `version()` — which the search service reads every few seconds to keep its index
    current — so the entries shown with an answer are from the FAQ the index was built from, and
    an entry changed on another replica is read again once its version change is seen.
    """

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        # Called with the outcome of every question logged (metrics), if set.
        self.on_question: Callable[[str], None] | None = None
        self._entries: dict[str, FaqEntry] = {}
        self._entries_version: str | None = None

    async def version(self) -> str:
        """Changes whenever entries, alternates or synonyms change."""
        async with self.sessions() as s:
            row = await s.get(MetaRow, FAQ_VERSION_KEY)
            token = row.value if row else ""
        if token != self._entries_version:
            self._forget_entries()
            self._entries_version = token
        return token

    def _forget_entries(self) -> None:
        self._entries.clear()
        self._entries_version = None

    async def list_entries(self) -> list[FaqEntry]:
        version = self._entries_version
        async with self.sessions() as s:
            entries = [_entry(r) for r in (await s.execute(select(FaqEntryRow).order_by(FaqEntryRow.id))).scalars()]
        # The search service lists every entry when it (re)builds its index: keep them, so the
        # entries shown with answers come from memory (a very large FAQ is cached as it is read).
        if version is not None and version == self._entries_version and len(entries) <= ENTRY_CACHE_PRIME:
            self._entries = {e.id: replace(e, alternates=list(e.alternates), tags=list(e.tags)) for e in entries}
        return entries

    async def get_entry(self, entry_id: str) -> FaqEntry | None:
        cached = self._entries.get(entry_id)
        if cached is not None:
            # A copy: a caller may edit what it gets (`faq edit`) before saving it.
            return replace(cached, alternates=list(cached.alternates), tags=list(cached.tags))
        version = self._entries_version
        async with self.sessions() as s:
            row = await s.get(FaqEntryRow, entry_id)
            entry = _entry(row) if row else None
        # Kept only while a version is known and did not change during the read.
        if entry is not None and version is not None and version == self._entries_version:
            self._entries[entry_id] = replace(entry, alternates=list(entry.alternates), tags=list(entry.tags))
        return entry

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
                            list(row.tags or []), row.department,
                            row.question_en or "", row.answer_en or "", row.category_en or "") == (
                        e.question, e.answer, list(e.alternates), e.category, list(e.tags), e.department,
                        e.question_en, e.answer_en, e.category_en)
                    if same:
                        continue
                    updated += 1
                row.question, row.answer = e.question, e.answer
                row.alternates, row.category = list(e.alternates), e.category
                row.tags, row.department = list(e.tags), e.department
                row.question_en, row.answer_en, row.category_en = e.question_en, e.answer_en, e.category_en
                row.updated_at = e.updated_at or now
            if added or updated:
                await _bump_faq_version(s)
            await s.commit()
        if added or updated:
            self._forget_entries()
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

    async def log_question(self, person_id: int | None, text: str, outcome: str, top_id: str, score: float, *,
                           claim: str = "", dialog: tuple[str, str, dict[str, Any]] | None = None,
                           expect: tuple[str, dict[str, Any] | None] | None = None, dialog_at: str = "",
                           note: tuple[str, dict[str, Any]] | None = None) -> int:
        """Log a question and return its id. In the same transaction (one commit for the whole
        question): claim the inbound delivery `claim` (`DuplicateEvent` if it was claimed before),
        check that the asker's dialog is still `expect` = (state key, value) (`StaleDialog`), and
        set it to `dialog` = (state key, kind, data) with the new log id and, when given, the
        dialog's start time `dialog_at` (what its expiry counts from); `note` = (state key, value):
        one more state record written with them (the asker's last question, for a follow-up), with
        the new log id added as "log_id" (a later 「全然だめでした」 refers to it)."""
        while True:
            try:
                log_id = await self._log_question(person_id, text, outcome, top_id, score, claim, dialog, expect,
                                                   dialog_at, note)
                break
            except IntegrityError:
                if not claim:
                    raise
                # The key is known: a duplicate — or an expired claim, which the deduper renews.
                if not await SqlDeduper(self.sessions).claim(claim):
                    raise DuplicateEvent(claim) from None
                claim = ""
        if self.on_question is not None:
            self.on_question(outcome)
        return log_id

    async def _log_question(self, person_id: int | None, text: str, outcome: str, top_id: str, score: float,
                            claim: str, dialog: tuple[str, str, dict[str, Any]] | None,
                            expect: tuple[str, dict[str, Any] | None] | None, dialog_at: str = "",
                            note: tuple[str, dict[str, Any]] | None = None) -> int:
        async with self.sessions() as s:
            if s.get_bind().dialect.name == "postgresql":
                return await self._log_question_pg(s, person_id, text, outcome, top_id, score, claim, dialog, expect,
                                                   dialog_at, note)
            if claim:
                await s.execute(insert(ProcessedEventRow).values(key=claim[:300], expires_at=utcnow() + CLAIM_TTL))
            log_id = int(await s.scalar(insert(QuestionLogRow).values(
                person_id=person_id, text=text, outcome=outcome, top_entry_id=top_id, score=score, feedback="",
                resolved_entry_id="", created_at=utcnow()).returning(QuestionLogRow.id)))
            if expect is not None:
                # Checked after the first write: SQLite then holds its write lock (a read first could
                # not be upgraded once another connection committed), PostgreSQL locks the row.
                query = select(StateRow.value).where(StateRow.key == expect[0])
                if s.get_bind().dialect.name == "postgresql":
                    query = query.with_for_update()
                if await s.scalar(query) != expect[1]:
                    raise StaleDialog(expect[0])  # leaving the block rolls everything back
            if dialog is not None:
                key, kind, data = dialog
                value = {"kind": kind, "data": {**data, "log_id": log_id}}
                if dialog_at:
                    value["at"] = dialog_at
                now = utcnow()
                upsert = upsert_insert(s)
                await s.execute(upsert(StateRow).values(key=key, value=value, updated_at=now)
                                .on_conflict_do_update(index_elements=["key"], set_={"value": value, "updated_at": now}))
            if note is not None:
                now = utcnow()
                upsert = upsert_insert(s)
                noted = {**note[1], "log_id": log_id}
                await s.execute(upsert(StateRow).values(key=note[0], value=noted, updated_at=now)
                                .on_conflict_do_update(index_elements=["key"],
                                                       set_={"value": noted, "updated_at": now}))
            await s.commit()
        return log_id

    @staticmethod
    async def _log_question_pg(s: Any, person_id: int | None, text: str, outcome: str, top_id: str, score: float,
                               claim: str, dialog: tuple[str, str, dict[str, Any]] | None,
                               expect: tuple[str, dict[str, Any] | None] | None, dialog_at: str = "",
                               note: tuple[str, dict[str, Any]] | None = None) -> int:
        """The same as one statement on PostgreSQL, outside an explicit transaction: one round trip."""
        key = dialog[0] if dialog is not None else (expect[0] if expect is not None else "")
        now = utcnow()
        conn = await s.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        row = (await conn.execute(_PG_LOG_QUESTION, {
            "skey": key, "check": expect is not None,
            "expected": json.dumps(expect[1], ensure_ascii=False) if expect is not None and expect[1] is not None
            else None,
            "has_claim": bool(claim), "ckey": claim[:300], "exp": now + CLAIM_TTL,
            "pid": person_id, "text": text, "outcome": outcome, "top": top_id, "score": float(score), "now": now,
            "has_dialog": dialog is not None, "kind": dialog[1] if dialog is not None else "",
            "data": json.dumps(dialog[2] if dialog is not None else {}, ensure_ascii=False),
            "at": dialog_at,
            "has_note": note is not None, "nkey": note[0] if note is not None else "",
            "nvalue": json.dumps(note[1] if note is not None else {}, ensure_ascii=False),
        })).one()
        if row.log_id is None:
            raise StaleDialog(key)  # nothing was written: the check gates every insert
        return int(row.log_id)

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

    async def recent_answered(self, person_id: int, within_s: float, limit: int = 10) -> list[dict[str, Any]]:
        """This person's questions answered by an entry (directly, or a candidate they picked) in the
        last `within_s` seconds, newest first: {"log_id", "entry", "text"}. Read only when a complaint
        points back (「さっきの…のやつ、だめでした」), so an answer costs no extra write."""
        since = utcnow() - timedelta(seconds=within_s)
        async with self.sessions() as s:
            rows = (await s.execute(select(QuestionLogRow).where(
                QuestionLogRow.person_id == person_id, QuestionLogRow.created_at >= since,
                or_(QuestionLogRow.outcome == "answer", QuestionLogRow.resolved_entry_id != ""))
                .order_by(QuestionLogRow.id.desc()).limit(limit))).scalars().all()
        return [{"log_id": r.id, "entry": r.resolved_entry_id or r.top_entry_id, "text": r.text}
                for r in rows if r.resolved_entry_id or r.top_entry_id]

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
        self._forget_entries()

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

