"""The real APScheduler on the app's own database: a restart between scheduling and firing,
a late reminder sent once, and nothing sent twice after another restart."""

from __future__ import annotations

from bot.app.composition import start_scheduler
from tests.conftest import FakeClock
from tests.support.meetings import eventually, office, rows_with, tokyo

# A date in the real past, so the job store considers the reminder due as soon as a leader runs.
RULE = "2026-11-26 15:00 | リマインド: 3営業日前 9:00"
JOB = "meeting:1:2026-11-26:3bd0900"


async def test_restart_between_scheduling_and_firing(app_factory, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'office.db'}"
    clock = FakeClock(tokyo(2026, 11, 16, 9, 0))
    first = await app_factory(database_url=url, clock=clock, scheduler_poll=0.05)
    admin, _ = await office(first)
    await admin.command(f"meeting set {RULE}")
    # 11/23 is 勤労感謝の日 and 11/21-22 a weekend: three business days before Thu 11/26 is Fri 11/20.
    assert first.services.scheduler.next_run(JOB) == tokyo(2026, 11, 20, 9, 0)
    await first.close()  # the bot stops before the reminder fires

    clock.current = tokyo(2026, 11, 20, 10, 0)  # and comes back an hour late
    second = await app_factory(database_url=url, clock=clock, scheduler_poll=0.05)
    assert JOB in second.services.scheduler.job_ids("meeting:")  # the job survived in the database
    await start_scheduler(second)
    assert second.services.scheduler.is_leader
    rows = await eventually(lambda: _three(second))
    assert all("遅れて" in row.payload["text"] for row in rows)
    await eventually(lambda: _gone(second))
    assert (await second.readiness())["scheduler"] is True
    await second.close()

    third = await app_factory(database_url=url, clock=clock, scheduler_poll=0.05)
    await start_scheduler(third)
    assert third.services.scheduler.is_leader
    assert JOB not in third.services.scheduler.job_ids("meeting:")  # rebuilt from the tables: already sent
    assert len(await rows_with(third, f"{JOB}:")) == 3


async def _three(app):  # type: ignore[no-untyped-def]
    rows = await rows_with(app, f"{JOB}:")
    return rows if len(rows) == 3 else None


async def _gone(app):  # type: ignore[no-untyped-def]
    return JOB not in app.services.scheduler.job_ids("meeting:")
