"""On SQLite the synchronous job store must not stall the event loop behind an async write
transaction (which needs the loop to commit): the write is finished in the background."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import text


async def test_schedule_during_an_open_write_transaction_does_not_stall(app_factory, tmp_path):
    app = await app_factory(database_url=f"sqlite+aiosqlite:///{tmp_path / 'busy.db'}")
    scheduler = app.services.scheduler
    run_at = datetime.now(UTC) + timedelta(days=3)
    async with app.engine.connect() as conn:
        await conn.execute(text("INSERT INTO meta (key, value) VALUES ('holding', 'the write lock')"))
        loop = asyncio.get_running_loop()
        started = loop.time()
        scheduler.schedule("test:contention", run_at, "meetings.send_reminder", 1, "x")
        assert loop.time() - started < 2  # did not wait for the 30 s busy timeout
        await asyncio.sleep(0.05)  # the open transaction keeps the lock for a moment
        await conn.commit()
    await asyncio.wait_for(scheduler.settle(), timeout=10)
    assert scheduler.job_ids("test:") == ["test:contention"]
    assert scheduler.next_run("test:contention") == run_at.replace(microsecond=run_at.microsecond)
