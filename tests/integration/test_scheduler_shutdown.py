"""Stopping the app while a scheduled job runs: the job finishes its work first (its database
writes are not cut off), and a job that outlives the grace period is cancelled, not waited for
forever."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app.composition import start_scheduler
from bot.core.jobs import JobRegistry
from scheduler import registry

jobs = JobRegistry("test_shutdown")
# The running test's signals (jobs are called by name, so they find them here).
signals: dict[str, asyncio.Event] = {}


@jobs.job("slow_job")
async def slow_job(services: Any, key: str, seconds: str) -> None:
    signals["started"].set()
    await asyncio.sleep(float(seconds))
    await services.state.put(f"shutdown-test:{key}", {"done": True})


async def _running(app, job_id: str, key: str, seconds: float):  # type: ignore[no-untyped-def]
    signals["started"] = asyncio.Event()
    registry.register([jobs])
    app.services.scheduler.schedule(job_id, datetime.now(UTC) - timedelta(seconds=1), jobs.name("slow_job"),
                                    key, str(seconds))
    await start_scheduler(app)
    await asyncio.wait_for(signals["started"].wait(), timeout=10)


async def test_stopping_lets_a_running_job_finish_its_writes(app_factory, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"
    app = await app_factory(database_url=url, scheduler_poll=0.05)
    await _running(app, "test:finish", "finish", 0.3)
    await app.close()  # while the job sleeps

    again = await app_factory(database_url=url)
    assert await again.services.state.get("shutdown-test:finish") == {"done": True}


async def test_a_job_outliving_the_grace_period_is_cancelled(app_factory, tmp_path, caplog):
    url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"
    app = await app_factory(database_url=url, scheduler_poll=0.05)
    app.services.scheduler.job_grace = 0.2
    await _running(app, "test:late", "late", 60)
    loop = asyncio.get_running_loop()
    began = loop.time()
    with caplog.at_level(logging.WARNING, logger="scheduler.service"):
        await app.close()
    assert loop.time() - began < 10
    assert "cancelling 1 job(s)" in caplog.text and "slow_job" in caplog.text

    again = await app_factory(database_url=url)
    assert await again.services.state.get("shutdown-test:late") is None
