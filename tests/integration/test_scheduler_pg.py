"""Two running DX Desk instances on one PostgreSQL database: one scheduler leader, each liaison
gets each reminder exactly once, and the standby takes over when the leader stops."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.app.composition import start_scheduler
from handlers.meetings.planning import deliver_reminder, store
from tests.conftest import FakeClock
from tests.support.meetings import RecordingNotifier, eventually, office, rows_with, tokyo

RULE = "2026-11-26 15:00 | リマインド: 3営業日前 9:00"
JOB = "meeting:1:2026-11-26:3bd0900"


async def test_two_instances_deliver_each_reminder_once(pg_url, app_factory):
    clock = FakeClock(tokyo(2026, 11, 16, 9, 0))
    first = await app_factory(database_url=pg_url, clock=clock, scheduler_poll=0.05)
    second = await app_factory(database_url=pg_url, clock=clock, scheduler_poll=0.05)
    admin, _ = await office(first)
    await admin.command(f"meeting set {RULE}")
    assert JOB in second.services.scheduler.job_ids("meeting:")  # one shared job store

    clock.current = tokyo(2026, 11, 20, 9, 5)
    notifier = RecordingNotifier()
    for app in (first, second):
        app.add_notifier(notifier)
        app.worker.poll_interval = 0.05
    await asyncio.gather(start_scheduler(first), start_scheduler(second))
    for app in (first, second):
        app.worker.start()
    leaders = [app for app in (first, second) if app.services.scheduler.is_leader]
    assert len(leaders) == 1, "exactly one scheduler leader per database"

    async def delivered():  # type: ignore[no-untyped-def]
        counts = Counter(who for who, reply in notifier.delivered if "会議のお知らせ" in reply.title)
        return counts if sum(counts.values()) >= 3 else None

    counts = await eventually(delivered)
    assert counts == {"suzuki": 1, "sato": 1, "kato": 1}
    assert len(await rows_with(first, f"{JOB}:")) == 3

    # Even if both instances decided the same reminder at the same moment, the database keeps one each.
    occ = (await store(first.services).list_occurrences(1))[0]
    meeting = await store(first.services).get_meeting(1)
    assert meeting is not None
    await asyncio.gather(*(deliver_reminder(app.services, meeting, occ, "3bd0900", None)
                           for app in (first, second, first, second)))
    assert len(await rows_with(first, f"{JOB}:")) == 3
    await asyncio.gather(*(deliver_reminder(app.services, meeting, occ, "manual202611200905", None)
                           for app in (first, second)))
    assert len(await rows_with(first, "meeting:1:2026-11-26:manual202611200905:")) == 3

    async def delivered_twice():  # type: ignore[no-untyped-def]
        counts = Counter(who for who, reply in notifier.delivered if "会議のお知らせ" in reply.title)
        return counts if sum(counts.values()) >= 6 else None

    counts = await eventually(delivered_twice)
    assert counts == {"suzuki": 2, "sato": 2, "kato": 2}  # the reminder once, the manual send once

    # The standby takes over when the leader goes away.
    leader = leaders[0]
    standby = second if leader is first else first
    await leader.close()
    await eventually(lambda: _is_leader(standby))
    assert (await standby.readiness())["scheduler"] is True
    await standby.close()  # before the database is dropped


async def _is_leader(app):  # type: ignore[no-untyped-def]
    return app.services.scheduler.is_leader
