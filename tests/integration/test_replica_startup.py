"""Replicas starting at the same moment on an empty PostgreSQL database seed the samples once."""

from __future__ import annotations

import asyncio

from bot.app.composition import build_app
from handlers.checkins.ports import CHECKINS
from tests.conftest import make_settings


async def test_two_replicas_start_together_on_an_empty_database(pg_url, tmp_path):
    settings = [make_settings(tmp_path / name, pg_url) for name in ("a", "b")]
    apps = await asyncio.gather(*(build_app(s) for s in settings))
    try:
        entries = await apps[0].faq.list_entries()
        assert len(entries) == len({e.id for e in entries}) >= 80
        roadmap = await apps[1].services.get(CHECKINS).repo.roadmap_items()
        titles = [(item.department, item.title) for item in roadmap]
        assert titles and len(titles) == len(set(titles))  # seeded once, not twice
    finally:
        for app in apps:
            await app.close()
