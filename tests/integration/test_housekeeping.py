"""Expired bookkeeping rows are deleted: the table of processed deliveries (one row per Slack
event, command and button press) does not grow for ever."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.app.composition import start_background, stop_background
from storage.shared.models import ProcessedEventRow


async def test_expired_delivery_keys_are_purged_and_fresh_ones_kept(app_factory):
    app = await app_factory()
    assert await app.deduper.claim("slack:event:old")
    assert await app.deduper.claim("slack:event:new")
    async with app.deduper.sessions() as s:
        old = await s.get(ProcessedEventRow, "slack:event:old")
        old.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        await s.commit()

    assert await app.housekeep() == 1
    async with app.deduper.sessions() as s:
        keys = (await s.execute(select(ProcessedEventRow.key))).scalars().all()
    assert keys == ["slack:event:new"]
    assert not await app.deduper.claim("slack:event:new")  # still a duplicate


async def test_the_server_runs_the_purge_in_the_background(app_factory):
    app = await app_factory()
    assert await app.deduper.claim("slack:event:stale")
    async with app.deduper.sessions() as s:
        (await s.get(ProcessedEventRow, "slack:event:stale")).expires_at = datetime.now(UTC) - timedelta(hours=1)
        await s.commit()
    await start_background(app)
    try:
        left = 1
        for _ in range(100):  # the first purge runs at start, then every hour
            async with app.deduper.sessions() as s:
                left = await s.scalar(select(func.count()).select_from(ProcessedEventRow))
            if not left:
                break
            await asyncio.sleep(0.05)
        assert left == 0
    finally:
        await stop_background(app)
    assert app.housekeeper is None
