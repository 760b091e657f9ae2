"""Stores every job shares: dialog state, audit log, event dedupe, conversation references, meta, outbox."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.model import (
    AuditEntry,
)
from bot.core.replies import Destination, Reply
from storage.base import upsert_insert, utcnow
from storage.shared.models import (
    AuditRow,
    ConversationRefRow,
    MetaRow,
    OutboxRow,
    ProcessedEventRow,
    StateRow,
)

Sessions = async_sessionmaker  # type: ignore[type-arg]


async def add_outbox_rows(session: Any, items: Sequence[tuple[Destination, Reply, str]],
                          not_before: datetime | None = None) -> None:
    """Queue messages inside the caller's transaction (a dedupe key already queued is skipped):
    a campaign opened in the same transaction can never be open without its invitations.

    `not_before`: the rows wait until then (invitations started at night go out when office hours
    begin). Their age, which decides when a failing row is given up, counts from then too."""
    if not items:
        return
    insert = upsert_insert(session)
    now = max(utcnow(), not_before) if not_before is not None else utcnow()
    values = [{"destination": d.to_dict(), "payload": r.to_dict(), "dedupe_key": key or None,
               "status": "pending", "attempts": 0, "next_attempt_at": now, "claimed_by": "",
               "last_error": "", "created_at": now} for d, r, key in items]
    for start in range(0, len(values), 500):
        await session.execute(insert(OutboxRow).on_conflict_do_nothing(index_elements=["dedupe_key"]),
                              values[start:start + 500])



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

    async def update(self, key: str,
                     change: Callable[[dict[str, Any] | None], dict[str, Any] | None]) -> dict[str, Any] | None:
        """Read-modify-write under the row's lock: two turns (or two replicas) changing one document
        at once are serialised, so neither change is lost (a plain get/put pair keeps the last)."""
        async with self.sessions() as s, s.begin():
            # A write first: SQLite takes its write lock now (a read could not be upgraded once
            # another connection committed); PostgreSQL makes sure the row exists to be locked.
            await s.execute(upsert_insert(s)(StateRow).values(key=key, value={}, updated_at=utcnow())
                            .on_conflict_do_nothing(index_elements=["key"]))
            query = select(StateRow.value).where(StateRow.key == key)
            if s.get_bind().dialect.name == "postgresql":
                query = query.with_for_update()
            current = await s.scalar(query)
            new = change(dict(current) if current else None)
            if new is None:
                await s.execute(delete(StateRow).where(StateRow.key == key))
            else:
                await s.execute(update(StateRow).where(StateRow.key == key).values(value=new, updated_at=utcnow()))
        return new


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


# How long a claimed inbound delivery is remembered (Slack retries within minutes).
CLAIM_TTL = timedelta(hours=24)


class SqlDeduper:
    """Remembers processed inbound deliveries (Slack retries) in the database, with an expiry."""

    def __init__(self, sessions: Sessions, ttl: timedelta = CLAIM_TTL) -> None:
        self.sessions = sessions
        self.ttl = ttl

    async def claim(self, key: str) -> bool:
        """True the first time `key` is seen (by any replica); False for a duplicate.

        One statement: insert the key, or renew it if it has expired; a row comes back only then.
        On PostgreSQL it runs outside an explicit transaction (one round trip, no BEGIN/COMMIT)."""
        now = utcnow()
        key = key[:300]
        async with self.sessions() as s:
            stmt = (upsert_insert(s)(ProcessedEventRow).values(key=key, expires_at=now + self.ttl)
                    .on_conflict_do_update(index_elements=["key"], set_={"expires_at": now + self.ttl},
                                           where=ProcessedEventRow.expires_at < now)
                    .returning(ProcessedEventRow.key))
            if s.get_bind().dialect.name == "postgresql":
                conn = await s.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                return (await conn.execute(stmt)).first() is not None
            claimed = (await s.execute(stmt)).first() is not None
            await s.commit()
            return claimed

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
        await self._store(platform, conversation_id, reference, person_id, is_personal, keep_same=False)

    async def remember(self, platform: str, conversation_id: str, reference: dict[str, Any],
                       person_id: int | None, is_personal: bool) -> bool:
        """`save`, unless the conversation is stored with the same service URL already (then
        nothing is written); True if it was not stored before. One transaction."""
        return await self._store(platform, conversation_id, reference, person_id, is_personal, keep_same=True)

    async def _store(self, platform: str, conversation_id: str, reference: dict[str, Any],
                     person_id: int | None, is_personal: bool, *, keep_same: bool) -> bool:
        """Insert or update one reference in one transaction; True if it was new."""
        async with self.sessions() as s:
            row = (await s.execute(select(ConversationRefRow).where(
                ConversationRefRow.conversation_id == conversation_id))).scalars().first()
            if keep_same and row is not None and dict(row.reference).get("serviceUrl") == reference.get("serviceUrl"):
                return False
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
                await s.rollback()  # stored by another replica a moment ago
                return False
            return row is None

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
            await add_outbox_rows(s, items)
            await s.commit()

    def wake(self) -> None:
        """Deliver soon (no worker in this process to wake here; see the app's WakingOutbox)."""

    async def recent_to(self, person_id: int, within: timedelta, limit: int = 20,
                        also: Sequence[Destination] = ()) -> list[Reply]:
        """The messages queued for this person (and to the destinations `also`: the office channel) in
        the last `within` (the database's time, as the rows are stamped) that they can have seen (not
        failed, not waiting for office hours), newest first."""
        now = utcnow()
        since = now - within
        kind, address = OutboxRow.destination["kind"].as_string(), OutboxRow.destination["address"].as_string()
        to = [and_(kind == "person", address == str(person_id))]
        to += [and_(kind == d.kind, address == d.address, OutboxRow.destination["platform"].as_string() == d.platform)
               for d in also]
        async with self.sessions() as s:
            q = (select(OutboxRow.payload)
                 .where(or_(*to),
                        OutboxRow.created_at >= since, OutboxRow.status.notin_(("failed", "withdrawn")),
                        OutboxRow.next_attempt_at <= now)
                 .order_by(OutboxRow.id.desc()).limit(limit))
            return [Reply.from_dict(p) for p in (await s.execute(q)).scalars()]

    async def send_waiting_now(self, dedupe_keys: Sequence[str]) -> int:
        """Messages under these keys that wait for a later time (queued at night) are due now;
        returns how many. Sent, failed or already due ones are left as they are."""
        keys = [k for k in dedupe_keys if k]
        now = utcnow()
        released = 0
        async with self.sessions() as s:
            for start in range(0, len(keys), 500):
                result = await s.execute(update(OutboxRow).where(
                    OutboxRow.dedupe_key.in_(keys[start:start + 500]), OutboxRow.status == "pending",
                    OutboxRow.next_attempt_at > now).values(next_attempt_at=now, created_at=now))
                released += int(getattr(result, "rowcount", 0) or 0)
            await s.commit()
        return released

    async def withdraw_waiting(self, dedupe_keys: Sequence[str]) -> int:
        """Messages under these keys still waiting for a later time (queued at night, never tried)
        are withdrawn, kept with status "withdrawn" (never claimed); returns how many."""
        keys = [k for k in dedupe_keys if k]
        if not keys:
            return 0
        withdrawn = 0
        async with self.sessions() as s:
            for start in range(0, len(keys), 500):
                result = await s.execute(update(OutboxRow).where(
                    OutboxRow.dedupe_key.in_(keys[start:start + 500]), OutboxRow.status == "pending",
                    OutboxRow.next_attempt_at > utcnow(), OutboxRow.attempts == 0).values(status="withdrawn"))
                withdrawn += int(getattr(result, "rowcount", 0) or 0)
            await s.commit()
        return withdrawn

    async def waiting_all(self) -> dict[tuple[str, datetime], int]:
        """Every pending message that waits for a later time, by (its key's first word, moment)."""
        found: dict[tuple[str, datetime], int] = {}
        async with self.sessions() as s:
            # attempts == 0: waiting for its time (office hours), never tried — not a failed send
            # waiting to retry (a bare 「強制」 must not read that as invitations to send).
            rows = await s.execute(select(OutboxRow.dedupe_key, OutboxRow.next_attempt_at).where(
                OutboxRow.status == "pending", OutboxRow.next_attempt_at > utcnow(), OutboxRow.attempts == 0))
            for key, at in rows.all():
                moment = at if at.tzinfo else at.replace(tzinfo=UTC)
                kind = str(key or "").split(":", 1)[0]
                found[(kind, moment)] = found.get((kind, moment), 0) + 1
        return found

    async def waiting_times(self, dedupe_keys: Sequence[str]) -> dict[datetime, int]:
        """How many of the messages under these keys wait for a later time, per moment (UTC)."""
        keys = [k for k in dedupe_keys if k]
        now = utcnow()
        found: dict[datetime, int] = {}
        async with self.sessions() as s:
            for start in range(0, len(keys), 500):
                rows = await s.execute(select(OutboxRow.next_attempt_at).where(
                    OutboxRow.dedupe_key.in_(keys[start:start + 500]), OutboxRow.status == "pending",
                    OutboxRow.next_attempt_at > now, OutboxRow.attempts == 0))
                for (at,) in rows.all():
                    moment = at if at.tzinfo else at.replace(tzinfo=UTC)
                    found[moment] = found.get(moment, 0) + 1
        return found

    async def delivery_states(self, dedupe_keys: Sequence[str]) -> dict[str, str]:
        """The status (pending / sending / sent / failed) of the messages queued under these keys;
        a key never queued is absent."""
        found: dict[str, str] = {}
        keys = [k for k in dedupe_keys if k]
        async with self.sessions() as s:
            for start in range(0, len(keys), 500):
                rows = await s.execute(select(OutboxRow.dedupe_key, OutboxRow.status)
                                       .where(OutboxRow.dedupe_key.in_(keys[start:start + 500])))
                found.update({str(k): str(v) for k, v in rows.all()})
        return found

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
                        failed: tuple[int, str] | None = None, count_attempt: bool = True) -> None:
        """In one transaction: mark `failed` = (row, error) for a retry at `at` (an attempt counted,
        unless `count_attempt` is False: the platform asked us to wait, a 429) and release rows `ids`
        unsent until `at` (no attempt counted). No other worker can then lease a later message to a
        destination while an earlier one is still held."""
        async with self.sessions() as s:
            if failed is not None:
                values: dict[str, Any] = {"status": "pending", "next_attempt_at": at,
                                          "last_error": failed[1][:2000], "claimed_until": None}
                if not count_attempt:
                    values["attempts"] = OutboxRow.attempts - 1
                await s.execute(update(OutboxRow).where(OutboxRow.id == failed[0], OutboxRow.claimed_by == worker)
                                .values(**values))
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

    async def unreported_failures(self, limit: int = 500) -> list[OutboxRow]:
        """Rows that failed for good and are in no failure summary yet (oldest first)."""
        async with self.sessions() as s:
            return list((await s.execute(select(OutboxRow).where(
                OutboxRow.status == "failed", OutboxRow.reported_at.is_(None))
                .order_by(OutboxRow.id).limit(limit))).scalars())

    async def report_failures(self, ids: Sequence[int], items: Sequence[tuple[Destination, Reply, str]]) -> bool:
        """In one transaction: mark failed rows `ids` reported and queue their summary `items`.
        False (nothing written) when another worker reported any of them first."""
        async with self.sessions() as s:
            result = await s.execute(update(OutboxRow).where(
                OutboxRow.id.in_(list(ids)), OutboxRow.reported_at.is_(None)).values(reported_at=utcnow())
                .execution_options(synchronize_session=False))
            if int(result.rowcount or 0) != len(set(ids)):  # type: ignore[attr-defined]
                await s.rollback()
                return False
            await add_outbox_rows(s, items)
            await s.commit()
            return True

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

