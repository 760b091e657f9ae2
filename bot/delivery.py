"""The outbox worker: delivers queued proactive messages through the platform notifiers.

A message is written to the outbox table before anything is sent, so a crash never loses it. A
worker leases due rows (other replicas skip leased rows), sends, and marks them sent. 429 / 5xx
become retries with backoff and jitter (honouring Retry-After); after `max_attempts`, or on a
permanent failure, the row is marked failed and the office is told.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.core.errors import DeliveryError
from bot.core.messages import t
from bot.core.model import Person, Role
from bot.core.ports import Notifier, PeopleRepository
from bot.core.replies import Destination, Reply
from storage.models import utcnow
from storage.models import OutboxRow
from storage.repositories import SqlOutbox

log = logging.getLogger(__name__)

PLATFORM_PREFERENCE = ("slack", "teams", "console")


class DeliveryWorker:
    """Drains the outbox; safe to run on every replica at once."""

    def __init__(
        self,
        outbox: SqlOutbox,
        people: PeopleRepository,
        notifiers: Mapping[str, Notifier],
        *,
        office: Destination | None = None,
        language: str = "ja",
        max_attempts: int = 8,
        poll_interval: float = 1.0,
        batch: int = 50,
        base_delay: float = 1.0,
        on_result: Callable[[str, str], None] | None = None,
        concurrency: int = 16,
        lease: timedelta = timedelta(seconds=60),
    ) -> None:
        self.outbox = outbox
        self.people = people
        self.notifiers = dict(notifiers)
        self.office = office
        self.language = language
        self.max_attempts = max_attempts
        self.poll_interval = poll_interval
        self.batch = batch
        self.base_delay = base_delay
        self.worker_id = f"w-{uuid.uuid4().hex[:10]}"
        self.on_result = on_result
        # Different destinations are delivered side by side (a slow or rate-limited one must not hold
        # up a thousand others); one destination's messages stay in order.
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """Deliver soon (called after an enqueue in this process)."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background until `stop`."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-worker")

    async def stop(self) -> None:
        """Finish the current batch and stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            try:
                worked = await self.run_once()
            except Exception:
                log.exception("outbox worker iteration failed")
                worked = 0
            if worked:
                continue
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)
            except TimeoutError:
                pass
            self._wake.clear()

    async def drain(self, timeout: float = 30.0) -> None:
        """Deliver everything due now (used by the console before exit and by tests)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if not await self.run_once():
                return

    async def run_once(self) -> int:
        """Deliver one batch of due rows; returns how many were handled."""
        rows = await self.outbox.claim_due(self.worker_id, self.batch, lease=self.lease)
        queues: dict[tuple[str, ...], list[OutboxRow]] = {}
        for row in rows:
            queues.setdefault(_destination_key(row.destination), []).append(row)
        gate = asyncio.Semaphore(self.concurrency)
        await asyncio.gather(*(self._deliver_in_order(queue, gate) for queue in queues.values()))
        return len(rows)

    async def _deliver_in_order(self, queue: list[OutboxRow], gate: asyncio.Semaphore) -> None:
        for index, row in enumerate(queue):
            async with gate:
                retry_at = await self._deliver_row(row)
            if retry_at is not None:
                # The message waits for a retry: later ones to the same place wait as long rather
                # than overtake it (a reminder must not arrive before the invitation it refers to).
                for later in queue[index + 1:]:
                    await self._bookkeep(self.outbox.release, later.id, self.worker_id, retry_at)
                return

    async def _deliver_row(self, row: OutboxRow) -> datetime | None:
        """Deliver one claimed row; returns when it is retried if it goes back to wait."""
        destination = Destination.from_dict(row.destination)
        reply = Reply.from_dict(row.payload)
        try:
            await self.deliver(destination, reply)
        except DeliveryError as exc:
            return await self._failed(row.id, row.attempts, destination, reply, exc)
        except Exception as exc:  # a bug in a notifier must not stop the worker
            log.exception("delivery of outbox row %s crashed", row.id)
            return await self._failed(row.id, row.attempts, destination, reply, DeliveryError(repr(exc)))
        # The platform has the message now: recording that must survive a dropped database
        # connection, or the row's lease expires and the message goes out a second time.
        await self._bookkeep(self.outbox.mark_sent, row.id, self.worker_id)
        if self.on_result:
            self.on_result(destination.platform or "person", "sent")
        return None

    async def _bookkeep(self, write: Callable[..., Awaitable[Any]], *args: Any, attempts: int = 6) -> None:
        """Run an outbox status write, retrying transient database errors (failover, killed
        connection); the pool's pre-ping hands the retry a fresh connection."""
        delay = 0.05
        for attempt in range(1, attempts + 1):
            try:
                await write(*args)
                return
            except Exception:
                if attempt == attempts:
                    log.exception("could not record outbox row %s as delivered/failed; its lease will "
                                  "expire and it may be sent again", args[0])
                    return
                log.warning("outbox bookkeeping for row %s failed (attempt %s); retrying", args[0], attempt)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def resolve(self, destination: Destination) -> tuple[Notifier, Person | None]:
        """Pick the notifier for a destination; a person is reached on a platform they use."""
        if destination.kind == "channel":
            notifier = self.notifiers.get(destination.platform)
            if notifier is None:
                raise DeliveryError(f"platform {destination.platform} is not configured", permanent=True)
            return notifier, None
        person = await self.people.get(int(destination.address))
        if person is None:
            raise DeliveryError(f"person {destination.address} does not exist", permanent=True)
        order = [destination.platform] if destination.platform else []
        order += [p for p in PLATFORM_PREFERENCE if p not in order]
        for platform in order:
            notifier = self.notifiers.get(platform)
            if notifier is not None and await notifier.can_reach(person):
                return notifier, person
        raise DeliveryError(f"no platform can reach person {person.id}", permanent=True)

    async def deliver(self, destination: Destination, reply: Reply) -> None:
        """Send one message now."""
        notifier, person = await self.resolve(destination)
        await notifier.deliver(destination, person, reply)

    async def _failed(self, oid: int, attempts: int, destination: Destination, reply: Reply,
                      exc: DeliveryError) -> datetime | None:
        """Mark a failed row for a retry (returns its time) or as failed for good (returns None)."""
        if exc.permanent or attempts >= self.max_attempts:
            log.error("outbox row %s failed permanently after %s attempts: %s", oid, attempts, exc.reason)
            await self._bookkeep(self.outbox.mark_failed, oid, self.worker_id, exc.reason)
            if self.on_result:
                self.on_result(destination.platform or "person", "failed")
            if not destination.extra.get("failure_report"):
                await self.report_failure(oid, destination, reply, exc.reason)
            return None
        delay = exc.retry_after if exc.retry_after is not None else min(self.base_delay * 2 ** (attempts - 1), 300)
        delay = delay + random.uniform(0, delay * 0.2)
        retry_at = utcnow() + timedelta(seconds=delay)
        await self._bookkeep(self.outbox.mark_retry, oid, self.worker_id, exc.reason, retry_at)
        if self.on_result:
            self.on_result(destination.platform or "person", "retry")
        return retry_at

    async def report_failure(self, oid: int, destination: Destination, reply: Reply, reason: str) -> None:
        """Tell the office that someone could not be reached, instead of skipping them silently."""
        who = destination.address
        if destination.kind == "person":
            person = await self.people.get(int(destination.address))
            if person is not None:
                who = f"{person.display_name or person.id}（{person.department or '-'}）"
        text = t("delivery.failed", self.language, who=who, reason=reason[:200],
                 message=reply.plain_text()[:300])
        targets: list[Destination] = []
        if self.office is not None:
            targets.append(Destination(self.office.platform, self.office.kind, self.office.address,
                                       extra={"failure_report": "1"}))
        else:
            for admin in await self.people.list(Role.ADMIN):
                if not (destination.kind == "person" and destination.address == str(admin.id)):
                    targets.append(Destination("", "person", str(admin.id), extra={"failure_report": "1"}))
        for target in targets:
            await self.outbox.enqueue(target, Reply(text=text), dedupe_key=f"delivery.failed:{oid}:{target.address}")
        self.wake()


def _destination_key(destination: dict[str, Any]) -> tuple[str, ...]:
    """Rows with the same key go to the same place and are delivered one after another."""
    return (str(destination.get("kind", "")), str(destination.get("platform", "")),
            str(destination.get("address", "")), str(destination.get("thread_id", "")))
