"""The outbox worker: delivers queued proactive messages through the platform notifiers.

A message is written to the outbox table before anything is sent, so a crash never loses it. A
worker leases due rows (other replicas skip leased rows), sends, and marks them sent. A 429 waits
for its Retry-After without spending an attempt; 5xx and lost connections back off exponentially
(with jitter, at most 5 minutes apart). A row fails for good only on a permanent error or once it
is older than `give_up_after` (hours); failures reach the office as one summary per quiet spell,
not one message per row. A person this process has no platform for (the local chat on a server's
data folder) is given back for a process that has one, never failed; so is a person whose own
local chat runs in another process (`held_elsewhere`): each chat shows its own user's messages.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.core.errors import DeliveryError
from bot.core.messages import t
from bot.core.model import Person, Role
from bot.core.ports import OUTBOX_ID, OUTBOX_UNCERTAIN, Notifier, PeopleRepository
from bot.core.replies import Destination, Reply
from bot.core.waiting import wake_or_timeout

log = logging.getLogger(__name__)


class OutboxRow(Protocol):
    """A leased outbox message as the worker sees it (storage's row satisfies this)."""

    id: int
    destination: dict[str, Any]
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    # True when the row was taken over from a worker whose lease ran out.
    lease_expired: bool


class OutboxQueue(Protocol):
    """The durable outbox the worker drains (implemented by `storage.shared.repo.SqlOutbox`)."""

    async def enqueue(self, destination: Destination, reply: Reply, dedupe_key: str = "") -> int: ...
    async def claim_due(self, worker: str, limit: int = 50,
                        lease: timedelta = timedelta(seconds=60)) -> Sequence[OutboxRow]: ...
    async def mark_sent(self, oid: int, worker: str) -> None: ...
    async def give_back(self, worker: str, ids: Sequence[int], at: datetime,
                        failed: tuple[int, str] | None = None, count_attempt: bool = True) -> None: ...
    async def mark_failed(self, oid: int, worker: str, error: str) -> None: ...
    async def unreported_failures(self, limit: int = 500) -> Sequence[OutboxRow]: ...
    async def report_failures(self, ids: Sequence[int], items: Sequence[tuple[Destination, Reply, str]]) -> bool: ...


def utcnow() -> datetime:
    """Aware UTC now (the outbox's times are UTC)."""
    return datetime.now(UTC)

# The web desk comes last: e-mail (or the desk's first page) for people in no chat tool.
PLATFORM_PREFERENCE = ("slack", "teams", "console", "web")
# The person fields that make someone reachable on a platform (the notifier decides for sure).
IDENTITIES = {"slack": ("slack_id",), "teams": ("teams_id", "teams_user_id"), "console": ("local_id",),
              "web": ("email",)}
# How many failed messages one summary names (the rest are counted).
SUMMARY_LINES = 20


class NotMine(DeliveryError):
    """The person is reachable only on platforms this process does not serve: another process's
    work (given back unsent, no attempt counted)."""


@dataclass(eq=False)
class _Claimed:
    """A leased row in this worker's memory, with when it was leased (for the lease check)."""

    row: OutboxRow
    claimed_at: float
    done: asyncio.Future[None]
    # The person a person-destination names, looked up with the whole batch (None: look up now).
    person: Person | None = None


class DeliveryWorker:
    """Drains the outbox; safe to run on every replica at once.

    Rows are leased in batches and kept flowing: as soon as rows finish, more are leased (up to
    `lookahead` in memory), so one slow destination never holds up a whole batch. Each platform
    has its own `concurrency` slots, because a platform that paces its sends (rate limits) must
    not take the slots of another: a fan-out to Slack and Teams drains both at once.
    """

    def __init__(
        self,
        outbox: OutboxQueue,
        people: PeopleRepository,
        notifiers: Mapping[str, Notifier],
        *,
        office: Destination | None = None,
        language: str = "ja",
        give_up_after: timedelta = timedelta(hours=6),
        report_delay: float = 30.0,
        poll_interval: float = 1.0,
        batch: int = 50,
        base_delay: float = 1.0,
        on_result: Callable[[str, str], None] | None = None,
        concurrency: int = 16,
        lookahead: int = 1000,
        lease: timedelta = timedelta(seconds=60),
        hold: float = 5.0,
        signature: str = "",
    ) -> None:
        self.outbox = outbox
        # DXDESK_SIGNATURE: the office's line under every proactive message, added as it is sent
        # (so messages queued by any path, a campaign plan included, carry it).
        self.signature = signature
        self.people = people
        self.notifiers = dict(notifiers)
        self.office = office
        self.language = language
        # A transient failure is retried until the row is this old; then it fails and is reported.
        self.give_up_after = give_up_after
        # Failures are summarised once none has come for this long (or 10x this after the first).
        self.report_delay = report_delay
        self._failures_since: float | None = None
        self._last_failure = 0.0
        self._last_report_check = -float("inf")
        self.poll_interval = poll_interval
        self.batch = batch
        self.base_delay = base_delay
        self.worker_id = f"w-{uuid.uuid4().hex[:10]}"
        self.on_result = on_result
        # Different destinations are delivered side by side (a slow or rate-limited one must not hold
        # up a thousand others); one destination's messages stay in order.
        self.concurrency = max(1, concurrency)
        # Leased rows waiting in memory. Enough to reach past one platform's backlog to another's
        # rows (claims go by id), bounded so that a slow platform does not sit on leases: a row not
        # started within `hold` (at most a third of its lease) is given back (see `_stale`).
        self.lookahead = max(self.batch, lookahead)
        self.lease = lease
        # Rows not started within this long go back to the outbox: another replica with room (its
        # share of a paced platform unused) takes them instead of waiting behind this one.
        self.hold = hold
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._queues: dict[tuple[str, ...], list[_Claimed]] = {}
        self._runners: set[asyncio.Task[None]] = set()
        self._gates: dict[str, asyncio.Semaphore] = {}
        # Looking people up is bounded too (database connections), apart from the sends.
        self._lookups = asyncio.Semaphore(self.concurrency)
        # Held from leasing rows until they are queued here: drain() then sees every row this
        # process leased (a row between the two is neither due nor in a queue).
        self._claiming = asyncio.Lock()
        self._pending = 0
        # Set when the look-ahead was full: a finished row then wakes the loop to lease more.
        self._want_room = False
        # Called about once a second while the worker runs (the replicas' shares of rate budgets).
        self.heartbeats: list[Callable[[], Awaitable[Any]]] = []
        # Per platform: whether another process is in a live session with a person there (the local
        # chats on one data folder); such a person's messages are left to that process.
        self.held_elsewhere: dict[str, Callable[[Person], Awaitable[bool]]] = {}
        self._last_beat = -float("inf")

    def wake(self) -> None:
        """Deliver soon (called after an enqueue in this process)."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background until `stop`."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-worker")

    async def stop(self) -> None:
        """Finish the sends in progress, give the rows not yet started back to the outbox, stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        if self._runners:
            await asyncio.gather(*self._runners, return_exceptions=True)
        self._stopping = False  # a later drain() (or start()) delivers again

    async def _beat(self) -> None:
        now = asyncio.get_running_loop().time()
        if now - self._last_beat < 1.0:
            return
        self._last_beat = now
        for beat in self.heartbeats:
            try:
                await beat()
            except Exception:
                log.warning("an outbox worker heartbeat failed", exc_info=True)

    async def _run(self) -> None:
        while not self._stopping:
            await self._beat()
            room = self.lookahead - self._pending
            # Larger leases while there is room: reaching past one platform's backlog to the next
            # platform's rows quickly is what lets both drain at once.
            wanted = min(self.batch * 5, room)
            self._want_room = wanted < self.batch
            claimed = 0
            if wanted > 0:
                try:
                    async with self._claiming:
                        rows = await self.outbox.claim_due(self.worker_id, wanted, lease=self.lease)
                        claimed = len(self._schedule(rows, await self._people_of(rows)))
                except Exception:
                    log.exception("outbox worker could not lease rows")
            await self._maybe_report()
            if claimed and claimed == wanted:
                continue  # more may be due: keep the look-ahead full
            await wake_or_timeout(self._wake, self.poll_interval)

    async def drain(self, timeout: float = 30.0) -> None:
        """Deliver everything due now (used by the console before exit and by tests).

        Rows the background loop leased meanwhile are waited for too: they are not due any more
        (leased), so without that a caller that stops the worker next would give them back unsent.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            leased = await self.run_once()
            in_flight = [item.done for queue in self._queues.values() for item in queue]
            if in_flight:
                await asyncio.wait(in_flight, timeout=max(0.0, deadline - loop.time()))
            elif not leased and not await self.report_failures():
                return

    async def run_once(self) -> int:
        """Lease one batch of due rows and deliver it; returns how many rows were leased."""
        async with self._claiming:
            rows = await self.outbox.claim_due(self.worker_id, self.batch, lease=self.lease)
            claimed = self._schedule(rows, await self._people_of(rows))
        if claimed:
            await asyncio.gather(*(c.done for c in claimed))
        return len(rows)

    async def _people_of(self, rows: list[OutboxRow]) -> dict[int, Person]:
        """The people the rows are addressed to, in one query (instead of one per row)."""
        ids = {int(r.destination["address"]) for r in rows
               if r.destination.get("kind") == "person" and str(r.destination.get("address", "")).isdigit()}
        if not ids:
            return {}
        try:
            return await self.people.get_many(sorted(ids))
        except Exception:
            log.warning("could not look up the people of %s outbox rows at once; one by one instead", len(rows),
                        exc_info=True)
            return {}

    def _schedule(self, rows: list[OutboxRow], people: Mapping[int, Person] | None = None) -> list[_Claimed]:
        """Queue leased rows behind earlier ones to the same destination; start new destinations."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        claimed: list[_Claimed] = []
        people = people or {}
        for row in rows:
            address = str(row.destination.get("address", ""))
            person = people.get(int(address)) if address.isdigit() and row.destination.get("kind") == "person" else None
            item = _Claimed(row, now, loop.create_future(), person)
            claimed.append(item)
            self._pending += 1
            key = _destination_key(row.destination)
            queue = self._queues.get(key)
            if queue is not None:
                queue.append(item)  # its runner is still going: it takes this one in turn
                continue
            self._queues[key] = [item]
            runner = asyncio.create_task(self._deliver_in_order(key), name="outbox-destination")
            self._runners.add(runner)
            runner.add_done_callback(self._runners.discard)
        return claimed

    def _finish(self, item: _Claimed) -> None:
        self._pending -= 1
        if not item.done.done():
            item.done.set_result(None)
        if self._want_room and self._pending <= self.lookahead - self.batch:
            self._want_room = False
            self._wake.set()  # room for another batch

    def _stale(self, item: _Claimed) -> bool:
        """Too long in memory to start safely: the send (pacing, HTTP timeout) must end well
        before the lease expires, or another worker may send the row as well."""
        age = asyncio.get_running_loop().time() - item.claimed_at
        return age > min(self.lease.total_seconds() / 3, self.hold)

    async def _deliver_in_order(self, key: tuple[str, ...]) -> None:
        queue = self._queues[key]
        try:
            while queue:
                item = queue[0]
                if self._stopping or self._stale(item):
                    # Give the rest back unsent (no attempt counted): another worker, or this one
                    # after a fresh lease, sends them in order. Stale rows come back a moment later,
                    # not at once into this same queue.
                    await self._give_back(key, utcnow() + timedelta(seconds=0 if self._stopping else 1))
                    return
                retry = await self._deliver_row(item.row, item.person)
                if retry is None:
                    queue.pop(0)
                    self._finish(item)
                    continue
                # The message waits for a retry: later ones to the same place wait as long rather
                # than overtake it (a reminder must not arrive before the invitation it refers to).
                # Both are written in one transaction, so no other worker sees the later ones free
                # while the earlier one is still held here.
                await self._give_back(key, retry[0], failed=(item.row.id, retry[1]), count_attempt=retry[2])
                return
        finally:
            if self._queues.get(key) is queue and not queue:
                del self._queues[key]

    async def _give_back(self, key: tuple[str, ...], at: datetime, failed: tuple[int, str] | None = None,
                         count_attempt: bool = True) -> None:
        """Release this destination's rows unsent until `at` (and `failed`, the first, for its retry).
        Rows leased for it meanwhile join the queue and are released too, so none overtakes."""
        queue = self._queues.get(key, [])
        while queue:
            batch = list(queue)
            ids = [i.row.id for i in batch if failed is None or i.row.id != failed[0]]
            await self._bookkeep(self.outbox.give_back, self.worker_id, ids, at, failed, count_attempt)
            failed = None
            del queue[:len(batch)]
            for item in batch:
                self._finish(item)

    def _gate(self, platform: str) -> asyncio.Semaphore:
        gate = self._gates.get(platform)
        if gate is None:
            gate = self._gates[platform] = asyncio.Semaphore(self.concurrency)
        return gate

    def signed(self, reply: Reply) -> Reply:
        """`reply` with the office's signature line under it (once)."""
        if not self.signature or self.signature in reply.text:
            return reply
        return reply.with_(text=f"{reply.text}\n\n{self.signature}" if reply.text else self.signature)

    async def _deliver_row(self, row: OutboxRow, person: Person | None = None) -> tuple[datetime, str, bool] | None:
        """Deliver one claimed row (to `person` when it was looked up with the batch); if it must be
        retried, returns when and why (the caller records that together with the rows queued behind it)."""
        destination = Destination.from_dict(row.destination)
        reply = self.signed(Reply.from_dict(row.payload))
        # The notifier learns which row it delivers and whether a worker died delivering it: it can
        # then look for the message the platform accepted last time instead of sending it again.
        delivery = replace(destination, extra={**destination.extra, OUTBOX_ID: str(row.id),
                                               OUTBOX_UNCERTAIN: "1" if row.lease_expired else ""})
        platform = destination.platform or "unknown"  # the notifier's, once resolved
        try:
            async with self._lookups:
                notifier, person = await self.resolve(destination, person)
            platform = notifier.platform
            async with self._gate(notifier.platform):
                await notifier.deliver(delivery, person, reply)
                # The platform has the message now: recording that must survive a dropped database
                # connection, or the row's lease expires and the message goes out a second time.
                await self._bookkeep(self.outbox.mark_sent, row.id, self.worker_id)
        except DeliveryError as exc:
            return await self._failed(row, exc, platform)
        except Exception as exc:  # a bug in a notifier must not stop the worker
            log.exception("delivery of outbox row %s crashed", row.id)
            return await self._failed(row, DeliveryError(repr(exc)), platform)
        if self.on_result:
            self.on_result(platform, "sent")
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

    async def reach(self, person: Person) -> str:
        """How a message to `person` would go: "now", "elsewhere:<platforms>" (identities only on
        platforms this process does not serve) or "nowhere" (no identity at all)."""
        for platform in PLATFORM_PREFERENCE:
            notifier = self.notifiers.get(platform)
            if notifier is not None and await notifier.can_reach(person):
                return "now"
            held = self.held_elsewhere.get(platform)
            if held is not None and await held(person):
                return "now"
        elsewhere = [p for p, fields in IDENTITIES.items()
                     if p not in self.notifiers and any(getattr(person, f, "") for f in fields)]
        return f"elsewhere:{','.join(elsewhere)}" if elsewhere else "nowhere"

    async def resolve(self, destination: Destination, known: Person | None = None) -> tuple[Notifier, Person | None]:
        """Pick the notifier for a destination; a person (`known`, or looked up now) is reached on a
        platform they use."""
        if destination.kind == "channel":
            notifier = self.notifiers.get(destination.platform)
            if notifier is None:
                raise DeliveryError(f"platform {destination.platform} is not configured", permanent=True)
            return notifier, None
        person = known if known is not None else await self.people.get(int(destination.address))
        if person is None:
            raise DeliveryError(f"person {destination.address} does not exist", permanent=True)
        order = [destination.platform] if destination.platform else []
        order += [p for p in PLATFORM_PREFERENCE if p not in order]
        for platform in order:
            notifier = self.notifiers.get(platform)
            if notifier is not None and await notifier.can_reach(person):
                return notifier, person
            held = self.held_elsewhere.get(platform)
            if held is not None and await held(person):
                # Another process is in a session with them there (their own `dxdesk chat`): the
                # message is shown there, not taken by this process (nor sent by a later platform).
                raise NotMine(f"person {person.id} is in a {platform} session of another process")
        elsewhere = [p for p, fields in IDENTITIES.items()
                     if p not in self.notifiers and any(getattr(person, f, "") for f in fields)]
        if elsewhere:
            # e.g. `dxdesk chat` on the server's data folder: a Slack user's message is the
            # server's to send, not this process's to fail.
            raise NotMine(f"person {person.id} is reachable only on {', '.join(elsewhere)}, not served here")
        raise DeliveryError(f"no platform can reach person {person.id}", permanent=True)

    async def deliver(self, destination: Destination, reply: Reply) -> None:
        """Send one message now."""
        notifier, person = await self.resolve(destination)
        await notifier.deliver(destination, person, reply)

    async def _failed(self, row: OutboxRow, exc: DeliveryError,
                      platform: str = "unknown") -> tuple[datetime, str, bool] | None:
        """Mark a row failed for good (returns None), or decide its retry: returns (when, why, whether
        it spent an attempt), which the caller records."""
        age = utcnow() - _aware(row.created_at)
        if exc.permanent or age >= self.give_up_after:
            log.error("outbox row %s failed permanently after %s attempts: %s", row.id, row.attempts, exc.reason)
            await self._bookkeep(self.outbox.mark_failed, row.id, self.worker_id, exc.reason)
            if self.on_result:
                self.on_result(platform, "failed")
            loop = asyncio.get_running_loop()
            self._last_failure = loop.time()
            if self._failures_since is None:
                self._failures_since = self._last_failure
            return None
        if isinstance(exc, NotMine):
            # Another process's work: back at once, unsent and uncounted, for a worker that can. The
            # longer nobody takes it, the less often this process looks at it (at most every 5 min).
            if self.on_result:
                self.on_result(platform, "elsewhere")
            wait = min(300.0, max(self.poll_interval, age.total_seconds() / 4))
            return utcnow() + timedelta(seconds=wait), exc.reason, False
        if exc.retry_after is not None:
            # The platform said when to come back (429): waiting is not a failed attempt.
            delay = exc.retry_after + random.uniform(0, min(1.0, exc.retry_after * 0.2))
            counted = False
        else:
            delay = min(self.base_delay * 2 ** max(0, row.attempts - 1), 300)
            delay = delay + random.uniform(0, delay * 0.2)
            counted = True
        if self.on_result:
            self.on_result(platform, "retry")
        return utcnow() + timedelta(seconds=delay), exc.reason, counted

    async def _maybe_report(self) -> None:
        """Summarise failures once they have stopped coming in (or have gone on long enough); also
        picks up, about once a minute, failures a crashed worker did not get to report."""
        now = asyncio.get_running_loop().time()
        if self._failures_since is not None:
            quiet = now - self._last_failure >= self.report_delay
            long = now - self._failures_since >= 10 * self.report_delay
            if not (quiet or long):
                return
        elif now - self._last_report_check < 60:
            return
        self._last_report_check = now
        try:
            await self.report_failures()
        except Exception:
            log.warning("could not report failed deliveries; trying again later", exc_info=True)

    async def report_failures(self) -> bool:
        """Tell the office (or the admins) in ONE message which deliveries failed for good since the
        last summary, instead of skipping people silently or sending one message per row.
        Returns True when a summary was queued."""
        self._failures_since = None
        rows = list(await self.outbox.unreported_failures())
        if not rows:
            return False
        # A failed summary is not summarised again (it would loop); it stays in the table and logs.
        reportable = [r for r in rows if not r.destination.get("extra", {}).get("failure_report")]
        lines = []
        for row in reportable[:SUMMARY_LINES]:
            destination = Destination.from_dict(row.destination)
            who = destination.address
            if destination.kind == "person" and destination.address.isdigit():
                person = await self.people.get(int(destination.address))
                if person is not None:
                    who = f"{person.display_name or person.id}（{person.department or '-'}）"
            message = Reply.from_dict(row.payload).plain_text().replace("\n", " ")[:80]
            lines.append(t("delivery.failed.line", self.language, who=who, reason=row.last_error[:120],
                           message=message))
        if len(reportable) > SUMMARY_LINES:
            lines.append(t("delivery.failed.more", self.language, count=len(reportable) - SUMMARY_LINES))
        text = t("delivery.failed.summary", self.language, count=len(reportable), lines="\n".join(lines))
        key = f"delivery.failed:{rows[0].id}-{rows[-1].id}"
        targets: list[Destination] = []
        if reportable and self.office is not None:
            targets.append(Destination(self.office.platform, self.office.kind, self.office.address,
                                       extra={"failure_report": "1"}))
        elif reportable:
            failed_people = {r.destination.get("address") for r in reportable if r.destination.get("kind") == "person"}
            for admin in await self.people.list(Role.ADMIN):
                # An admin who is among the failures is not told through the channel that failed.
                if str(admin.id) not in failed_people:
                    targets.append(Destination("", "person", str(admin.id), extra={"failure_report": "1"}))
        items = [(target, Reply(text=text), f"{key}:{target.address}") for target in targets]
        if not await self.outbox.report_failures([r.id for r in rows], items):
            return False  # another worker reported (some of) them
        self.wake()
        return bool(items)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _destination_key(destination: dict[str, Any]) -> tuple[str, ...]:
    """Rows with the same key go to the same place and are delivered one after another."""
    return (str(destination.get("kind", "")), str(destination.get("platform", "")),
            str(destination.get("address", "")), str(destination.get("thread_id", "")))
