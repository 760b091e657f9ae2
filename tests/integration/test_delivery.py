"""The durable outbox: delivered once, retried on transient failures, reported when permanent,
and not lost when the process dies between deciding and sending."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.core.errors import DeliveryError
from bot.core.model import Person, Role
from bot.core.replies import Destination, Reply
from scheduler.outbox import DeliveryWorker
from storage.base import utcnow
from storage.shared.models import OutboxRow
from tests.support.people import add_person


class RecordingNotifier:
    """A platform that records deliveries and fails as scripted."""

    platform = "console"

    def __init__(self, failures: list[DeliveryError] | None = None) -> None:
        self.failures = list(failures or [])
        self.sent: list[tuple[str, str]] = []

    async def can_reach(self, person: Person) -> bool:
        return bool(person.local_id)

    async def deliver(self, destination, person, reply) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((destination.address, reply.text))


async def people(app):
    admin = await add_person(app, "admin", Role.ADMIN, name="管理者")
    staff = await add_person(app, "staff", Role.STAFF, name="職員")
    return admin, staff


def worker_for(app, notifier) -> DeliveryWorker:
    return DeliveryWorker(app.outbox, app.services.people, {notifier.platform: notifier}, base_delay=0.0)


async def test_each_message_is_delivered_once(app_factory):
    app = await app_factory()
    _, staff = await people(app)
    notifier = RecordingNotifier()
    worker = worker_for(app, notifier)
    for i in range(3):
        await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text=f"m{i}"))
    await worker.drain()
    await worker.drain()
    assert notifier.sent == [(str(staff.id), "m0"), (str(staff.id), "m1"), (str(staff.id), "m2")]
    assert {r.status for r in await app.outbox.list()} == {"sent"}


async def test_a_batch_looks_its_people_up_in_one_query(app_factory):
    app = await app_factory()
    staff = [await app.services.people.save(Person(id=0, display_name=f"職員{i}", local_id=f"s{i}"))
             for i in range(5)]
    lookups: list[str] = []
    repo = app.services.people
    real_get, real_get_many = repo.get, repo.get_many

    async def get(person_id):
        lookups.append("get")
        return await real_get(person_id)

    async def get_many(ids):
        lookups.append("get_many")
        return await real_get_many(ids)

    repo.get, repo.get_many = get, get_many
    notifier = RecordingNotifier()
    worker = worker_for(app, notifier)
    await app.outbox.enqueue_many([(Destination("", "person", str(p.id)), Reply(text=p.display_name), "")
                                   for p in staff])
    await worker.drain()
    assert sorted(text for _, text in notifier.sent) == [p.display_name for p in staff]
    assert lookups == ["get_many"]


async def test_transient_failures_are_retried_honouring_retry_after(app_factory):
    app = await app_factory()
    _, staff = await people(app)
    notifier = RecordingNotifier([DeliveryError("429", retry_after=0.0), DeliveryError("500")])
    worker = worker_for(app, notifier)
    await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="hello"))
    for _ in range(5):
        await worker.run_once()
    assert notifier.sent == [(str(staff.id), "hello")]
    row = (await app.outbox.list())[0]
    assert row.status == "sent" and row.attempts == 2  # the 429 spent none (issue 17)


async def test_retry_after_postpones_the_next_attempt(app_factory):
    app = await app_factory()
    _, staff = await people(app)
    notifier = RecordingNotifier([DeliveryError("429", retry_after=120)])
    worker = worker_for(app, notifier)
    await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="later"))
    await worker.run_once()
    assert await worker.run_once() == 0  # not due yet
    row = (await app.outbox.list())[0]
    assert row.status == "pending" and row.next_attempt_at > utcnow() + timedelta(seconds=100)


async def test_unreachable_person_is_marked_failed_and_reported_to_the_office(app_factory):
    app = await app_factory()
    admin, _ = await people(app)
    nobody = await app.services.people.save(Person(id=0, display_name="連絡先なし", department="市民課"))
    notifier = RecordingNotifier()
    worker = worker_for(app, notifier)
    await app.outbox.enqueue(Destination("", "person", str(nobody.id)), Reply(text="会議のお知らせ"))
    await worker.drain()
    rows = await app.outbox.list()
    assert rows[0].status == "failed" and "no platform" in rows[0].last_error
    assert len(notifier.sent) == 1
    to, text = notifier.sent[0]
    assert to == str(admin.id) and "連絡先なし" in text and "会議のお知らせ" in text


async def test_transient_failures_retry_past_eight_attempts_and_give_up_only_after_the_time_budget(app_factory):
    app = await app_factory()
    admin, staff = await people(app)
    notifier = RecordingNotifier([DeliveryError("503")] * 10)
    worker = DeliveryWorker(app.outbox, app.services.people, {"console": notifier}, base_delay=0.0)
    await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="x"))
    for _ in range(10):
        await worker.run_once()
    assert [r.status for r in await app.outbox.list()] == ["pending"]  # ten 503s: still trying
    await worker.drain()
    assert notifier.sent == [(str(staff.id), "x")]

    # A row older than the budget fails on its next transient error, and the admin is told once.
    notifier.failures = [DeliveryError("503")]
    worker.give_up_after = timedelta(0)
    await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="y"))
    await worker.drain()
    statuses = [r.status for r in await app.outbox.list()]
    assert statuses == ["sent", "failed", "sent"]  # the summary reached the admin
    assert notifier.sent[-1][0] == str(admin.id) and "1件" in notifier.sent[-1][1]


async def test_a_message_decided_before_a_crash_is_delivered_after_restart(app_factory, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"
    first = await app_factory(database_url=url)
    _, staff = await people(first)
    await first.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="decided"))
    # The first process claimed the row and died before sending: its lease expires.
    claimed = await first.outbox.claim_due("dead-worker")
    assert len(claimed) == 1
    async with first.outbox.sessions() as s:
        await s.execute(update(OutboxRow).values(claimed_until=utcnow() - timedelta(seconds=1)))
        await s.commit()
    await first.close()
    second = await app_factory(database_url=url)
    notifier = RecordingNotifier()
    await worker_for(second, notifier).drain()
    assert notifier.sent == [(str(staff.id), "decided")]


class PacedNotifier(RecordingNotifier):
    """A platform that sends one message at a time, 50 ms apart (a client-side rate limit)."""

    def __init__(self, platform: str) -> None:
        super().__init__()
        self.platform = platform
        self._pace = asyncio.Lock()

    async def can_reach(self, person: Person) -> bool:
        return person.department == self.platform

    async def deliver(self, destination, person, reply) -> None:
        async with self._pace:
            await asyncio.sleep(0.05)
            self.sent.append((destination.address, reply.text))


async def test_a_paced_platforms_backlog_does_not_hold_up_another_platform(app_factory):
    app = await app_factory()
    slow, fast = PacedNotifier("slack"), PacedNotifier("teams")
    worker = DeliveryWorker(app.outbox, app.services.people, {"slack": slow, "teams": fast}, poll_interval=0.05)
    # The slow platform's rows come first (leases go by id): 40 of them take 2 s at its pace.
    for platform, count in (("slack", 40), ("teams", 5)):
        for i in range(count):
            person = await app.services.people.save(Person(id=0, display_name=f"{platform}{i}", department=platform))
            await app.outbox.enqueue(Destination("", "person", str(person.id)), Reply(text=f"{platform}{i}"))
    worker.start()
    try:
        for _ in range(100):
            if len(fast.sent) == 5:
                break
            await asyncio.sleep(0.02)
        assert len(fast.sent) == 5 and len(slow.sent) < 20  # both drain at once
        for _ in range(200):
            if await app.outbox.depth() == 0:
                break
            await asyncio.sleep(0.02)
    finally:
        await worker.stop()
    assert len(slow.sent) == 40 and {r.status for r in await app.outbox.list()} == {"sent"}



@pytest.mark.parametrize("held_in", ["delivery", "people lookup"])
async def test_drain_waits_for_rows_the_background_loop_leased(app_factory, held_in):
    """The local chat drains after each line and stops the worker at the end: rows its background
    loop leased in between (so not due for the drain) must be delivered, not given back unsent —
    whether the loop is already delivering them or still looking their people up."""
    app = await app_factory()
    _, staff = await people(app)
    released = asyncio.Event()

    class Held(RecordingNotifier):
        async def deliver(self, destination, person, reply) -> None:
            if held_in == "delivery":
                await released.wait()
            await super().deliver(destination, person, reply)

    repo = app.services.people
    real_get_many = repo.get_many

    async def slow_get_many(ids):
        if held_in == "people lookup":
            await released.wait()
        return await real_get_many(ids)

    repo.get_many = slow_get_many
    notifier = Held()
    worker = DeliveryWorker(app.outbox, repo, {"console": notifier}, poll_interval=0.05)
    worker.start()
    try:
        for i in range(2):  # one destination: the second waits behind the first, not yet started
            await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text=f"m{i}"))
        worker.wake()
        for _ in range(200):
            if all(r.claimed_by for r in await app.outbox.list()):
                break
            await asyncio.sleep(0.02)
        assert all(r.claimed_by for r in await app.outbox.list()), "the background loop leased both"
        asyncio.get_running_loop().call_later(0.2, released.set)
        await worker.drain(timeout=10)
    finally:
        await worker.stop()
    assert notifier.sent == [(str(staff.id), "m0"), (str(staff.id), "m1")]


async def test_a_429_waits_without_spending_an_attempt(app_factory):
    app = await app_factory()
    _, staff = await people(app)
    # Twenty 429s in a row (more than the old limit of eight attempts): the message still goes out.
    notifier = RecordingNotifier([DeliveryError("slack: ratelimited", retry_after=0.0)] * 20)
    worker = worker_for(app, notifier)
    await app.outbox.enqueue(Destination("", "person", str(staff.id)), Reply(text="after the storm"))
    for _ in range(20):
        await worker.run_once()
        row = (await app.outbox.list())[0]
        assert row.status == "pending" and row.attempts == 0  # waiting is not failing
    await worker.drain()
    row = (await app.outbox.list())[0]
    assert row.status == "sent" and row.attempts == 1 and notifier.sent == [(str(staff.id), "after the storm")]


async def test_many_failures_reach_the_admin_as_one_summary(app_factory):
    app = await app_factory()
    admin, _ = await people(app)
    gone = [await app.services.people.save(Person(id=0, display_name=f"退職者{i}", department="市民課",
                                                  local_id=f"gone{i}")) for i in range(30)]
    notifier = RecordingNotifier([DeliveryError("user_disabled", permanent=True)] * 30)
    worker = worker_for(app, notifier)
    await app.outbox.enqueue_many([(Destination("", "person", str(p.id)), Reply(text="会議のお知らせ"), f"m:{p.id}")
                                   for p in gone])
    await worker.drain()
    await worker.drain()  # nothing more to say
    assert [s for s in notifier.sent if s[0] == str(admin.id)] == notifier.sent and len(notifier.sent) == 1
    text = notifier.sent[0][1]
    assert "30件" in text and "退職者0" in text and "user_disabled" in text and "ほか 10件" in text
    assert sum(r.status == "failed" for r in await app.outbox.list()) == 30


async def test_a_local_chat_on_the_servers_data_never_fails_the_servers_slack_messages(app_factory, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    server = await app_factory(database_url=url)
    slack_person = await server.services.people.save(Person(id=0, display_name="Slackの人", slack_id="U0SLACK"))
    local = await server.services.people.save(Person(id=0, display_name="ローカル", local_id="me"))
    await server.outbox.enqueue(Destination("", "person", str(slack_person.id)), Reply(text="for slack"))
    await server.outbox.enqueue(Destination("", "person", str(local.id)), Reply(text="for the console"))
    # `dxdesk chat` on the same folder: its worker serves the console only.
    console = RecordingNotifier()
    chat = worker_for(server, console)
    for _ in range(5):
        await chat.run_once()
    assert console.sent == [(str(local.id), "for the console")]
    rows = {r.payload["text"]: r for r in await server.outbox.list()}
    assert rows["for slack"].status == "pending" and rows["for slack"].attempts == 0  # not stolen, not failed

    class SlackNotifier(RecordingNotifier):
        platform = "slack"

        async def can_reach(self, person: Person) -> bool:
            return bool(person.slack_id)

    slack = SlackNotifier()
    async with server.outbox.sessions() as s:  # the chat gave it back for a moment from now
        await s.execute(update(OutboxRow).values(next_attempt_at=utcnow()))
        await s.commit()
    await worker_for(server, slack).drain()
    assert slack.sent == [(str(slack_person.id), "for slack")]
