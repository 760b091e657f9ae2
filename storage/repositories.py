"""Repositories: the core ports implemented over SQLAlchemy async sessions.

Each method is one short transaction so that several replicas can share the database.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.events import Actor
from bot.core.model import (
    AuditEntry,
    FaqEntry,
    Person,
    PhrasingSuggestion,
    Role,
    SuggestionStatus,
    UnansweredQuestion,
    UnansweredStatus,
)
from bot.core.replies import Destination, Reply
from storage.base import upsert_insert
from storage.models import (
    AuditRow,
    ConversationRefRow,
    FaqEntryRow,
    MetaRow,
    OutboxRow,
    PersonRow,
    ProcessedEventRow,
    QuestionLogRow,
    StateRow,
    SuggestionRow,
    SynonymGroupRow,
    UnansweredRow,
    utcnow,
)

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
        async with self.sessions() as s:
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
            await s.commit()
            return _person(row)

    async def count_admins(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.role == "admin")) or 0)


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


class SqlState:
    """Conversation state (dialogs, forms) as JSON rows keyed by string."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    async def get(self, key: str) -> dict[str, Any] | None:
        async with self.sessions() as s:
            row = await s.get(StateRow, key)
            return dict(row.value) if row else None

    async def put(self, key: str, value: dict[str, Any]) -> None:
        async with self.sessions() as s:
            row = await s.get(StateRow, key)
            if row is None:
                s.add(StateRow(key=key, value=value))
            else:
                row.value = value
                row.updated_at = utcnow()
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()
                await s.execute(update(StateRow).where(StateRow.key == key).values(value=value, updated_at=utcnow()))
                await s.commit()

    async def delete(self, key: str) -> None:
        async with self.sessions() as s:
            await s.execute(delete(StateRow).where(StateRow.key == key))
            await s.commit()


class SqlAudit:
    """Append-only audit log."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    async def record(self, actor: str, action: str, detail: str, result: str) -> None:
        async with self.sessions() as s:
            s.add(AuditRow(actor=actor[:300], action=action[:100], detail=detail, result=result[:200]))
            await s.commit()

    async def list(self, limit: int = 20) -> list[AuditEntry]:
        async with self.sessions() as s:
            rows = (await s.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))).scalars()
            return [AuditEntry(r.id, r.actor, r.action, r.detail, r.result, r.created_at) for r in rows]


class SqlDeduper:
    """Remembers processed inbound deliveries (Slack retries) in the database, with an expiry."""

    def __init__(self, sessions: Sessions, ttl: timedelta = timedelta(hours=24)) -> None:
        self.sessions = sessions
        self.ttl = ttl

    async def claim(self, key: str) -> bool:
        """True the first time `key` is seen (by any replica); False for a duplicate."""
        now = utcnow()
        async with self.sessions() as s:
            s.add(ProcessedEventRow(key=key[:300], expires_at=now + self.ttl))
            try:
                await s.commit()
                return True
            except IntegrityError:
                await s.rollback()
            row = await s.get(ProcessedEventRow, key[:300])
            if row is not None and row.expires_at < now:
                res = await s.execute(update(ProcessedEventRow).where(
                    ProcessedEventRow.key == key[:300], ProcessedEventRow.expires_at < now)
                    .values(expires_at=now + self.ttl))
                await s.commit()
                return bool(res.rowcount)
            return False

    async def purge(self) -> int:
        async with self.sessions() as s:
            res = await s.execute(delete(ProcessedEventRow).where(ProcessedEventRow.expires_at < utcnow()))
            await s.commit()
            return int(res.rowcount or 0)


class SqlConversationRefs:
    """Stored conversation references (Teams needs one to start a conversation)."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    async def save(self, platform: str, conversation_id: str, reference: dict[str, Any],
                   person_id: int | None, is_personal: bool) -> None:
        async with self.sessions() as s:
            row = (await s.execute(select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == conversation_id))).scalars().first()
            if row is None:
                s.add(ConversationRefRow(platform=platform, conversation_id=conversation_id, reference=reference,
                                         person_id=person_id, is_personal=int(is_personal)))
            else:
                row.reference = reference
                row.person_id = person_id if person_id is not None else row.person_id
                row.is_personal = int(is_personal)
                row.updated_at = utcnow()
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()

    async def remove(self, conversation_id: str) -> None:
        async with self.sessions() as s:
            await s.execute(delete(ConversationRefRow).where(ConversationRefRow.conversation_id == conversation_id))
            await s.commit()

    async def for_person(self, platform: str, person_id: int) -> dict[str, Any] | None:
        async with self.sessions() as s:
            row = (await s.execute(select(ConversationRefRow).where(
                ConversationRefRow.platform == platform, ConversationRefRow.person_id == person_id,
                ConversationRefRow.is_personal == 1).order_by(ConversationRefRow.updated_at.desc()))).scalars().first()
            return dict(row.reference) if row else None

    async def for_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        async with self.sessions() as s:
            row = (await s.execute(select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == conversation_id))).scalars().first()
            return dict(row.reference) if row else None


class SqlMeta:
    """Small key/value facts about the installation (e.g. whether sample data was seeded)."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    async def get(self, key: str) -> str | None:
        async with self.sessions() as s:
            row = await s.get(MetaRow, key)
            return row.value if row else None

    async def set(self, key: str, value: str) -> None:
        async with self.sessions() as s:
            row = await s.get(MetaRow, key)
            if row is None:
                s.add(MetaRow(key=key, value=value))
            else:
                row.value = value
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()


class SqlOutbox:
    """Durable outbox: enqueue in the database; a worker claims rows and delivers them."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    async def enqueue(self, destination: Destination, reply: Reply, dedupe_key: str = "") -> int:
        async with self.sessions() as s:
            row = OutboxRow(destination=destination.to_dict(), payload=reply.to_dict(),
                            dedupe_key=dedupe_key or None)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                # Same dedupe key already queued: the message was decided before; keep one.
                await s.rollback()
                existing = await s.scalar(select(OutboxRow.id).where(OutboxRow.dedupe_key == dedupe_key))
                return int(existing or 0)
            return row.id

    async def enqueue_many(self, items: Sequence[tuple[Destination, Reply, str]]) -> None:
        """Queue many messages in one transaction (a reminder to every liaison): all or none, so a
        job that dies half-way leaves nothing behind and simply runs again. A dedupe key already
        queued is skipped, as in `enqueue`."""
        if not items:
            return
        async with self.sessions() as s:
            insert = upsert_insert(s)
            now = utcnow()
            values = [{"destination": d.to_dict(), "payload": r.to_dict(), "dedupe_key": key or None,
                       "status": "pending", "attempts": 0, "next_attempt_at": now, "claimed_by": "",
                       "last_error": "", "created_at": now} for d, r, key in items]
            for start in range(0, len(values), 500):
                await s.execute(insert(OutboxRow).on_conflict_do_nothing(index_elements=["dedupe_key"]),
                                values[start:start + 500])
            await s.commit()

    async def claim_due(self, worker: str, limit: int = 50, lease: timedelta = timedelta(seconds=60)) -> list[OutboxRow]:
        """Lease up to `limit` due rows to `worker`; a crashed worker's lease expires and another retries."""
        now = utcnow()
        until = now + lease
        due = or_(
            (OutboxRow.status == "pending") & (OutboxRow.next_attempt_at <= now),
            (OutboxRow.status == "sending") & (OutboxRow.claimed_until < now),
        )
        async with self.sessions() as s:
            # SKIP LOCKED (PostgreSQL; SQLite serialises writers anyway): replicas leasing at the
            # same moment take different rows instead of queueing on each other's locks.
            found = (await s.execute(
                select(OutboxRow.id, OutboxRow.status).where(due).order_by(OutboxRow.id).limit(limit)
                .with_for_update(skip_locked=True))).all()
            if not found:
                return []
            candidates = [oid for oid, _ in found]
            # Still "sending" when due: the worker that had it died (or lost the database) mid-send.
            expired = {oid for oid, status in found if status == "sending"}
            # One statement for the batch; the condition is checked again, so a row another worker
            # leased in between is not taken twice.
            await s.execute(update(OutboxRow).where(OutboxRow.id.in_(candidates), due)
                            .values(status="sending", claimed_by=worker, claimed_until=until,
                                    attempts=OutboxRow.attempts + 1)
                            .execution_options(synchronize_session=False))
            await s.commit()
            rows = (await s.execute(select(OutboxRow).where(
                OutboxRow.id.in_(candidates), OutboxRow.claimed_by == worker, OutboxRow.claimed_until == until,
                OutboxRow.status == "sending").order_by(OutboxRow.id))).scalars().all()
            for row in rows:
                row.lease_expired = row.id in expired
            return list(rows)

    async def mark_sent(self, oid: int, worker: str) -> None:
        async with self.sessions() as s:
            await s.execute(update(OutboxRow).where(OutboxRow.id == oid, OutboxRow.claimed_by == worker)
                            .values(status="sent", sent_at=utcnow(), last_error=""))
            await s.commit()

    async def mark_retry(self, oid: int, worker: str, error: str, at: datetime) -> None:
        async with self.sessions() as s:
            await s.execute(update(OutboxRow).where(OutboxRow.id == oid, OutboxRow.claimed_by == worker)
                            .values(status="pending", next_attempt_at=at, last_error=error[:2000], claimed_until=None))
            await s.commit()

    async def release(self, oid: int, worker: str, at: datetime) -> None:
        """Give a claimed row back unsent, without counting an attempt (it waits behind an earlier
        message to the same destination that is being retried)."""
        async with self.sessions() as s:
            await s.execute(update(OutboxRow).where(
                OutboxRow.id == oid, OutboxRow.claimed_by == worker, OutboxRow.status == "sending")
                .values(status="pending", next_attempt_at=at, claimed_until=None, attempts=OutboxRow.attempts - 1))
            await s.commit()

    async def give_back(self, worker: str, ids: Sequence[int], at: datetime,
                        failed: tuple[int, str] | None = None) -> None:
        """In one transaction: mark `failed` = (row, error) for a retry at `at` (an attempt counted) and
        release rows `ids` unsent until `at` (no attempt counted). No other worker can then lease a
        later message to a destination while an earlier one is still held."""
        async with self.sessions() as s:
            if failed is not None:
                await s.execute(update(OutboxRow).where(OutboxRow.id == failed[0], OutboxRow.claimed_by == worker)
                                .values(status="pending", next_attempt_at=at, last_error=failed[1][:2000],
                                        claimed_until=None))
            if ids:
                await s.execute(update(OutboxRow).where(
                    OutboxRow.id.in_(list(ids)), OutboxRow.claimed_by == worker, OutboxRow.status == "sending")
                    .values(status="pending", next_attempt_at=at, claimed_until=None,
                            attempts=OutboxRow.attempts - 1)
                    .execution_options(synchronize_session=False))
            await s.commit()

    async def mark_failed(self, oid: int, worker: str, error: str) -> None:
        async with self.sessions() as s:
            await s.execute(update(OutboxRow).where(OutboxRow.id == oid, OutboxRow.claimed_by == worker)
                            .values(status="failed", last_error=error[:2000]))
            await s.commit()

    async def depth(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.status.in_(["pending", "sending"]))) or 0)

    async def get(self, oid: int) -> OutboxRow | None:
        async with self.sessions() as s:
            return await s.get(OutboxRow, oid)

    async def list(self, status: str | None = None) -> list[OutboxRow]:
        async with self.sessions() as s:
            q = select(OutboxRow).order_by(OutboxRow.id)
            if status:
                q = q.where(OutboxRow.status == status)
            return list((await s.execute(q)).scalars())
