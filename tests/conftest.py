"""Shared fixtures: fresh databases (SQLite in tmp_path, or a fresh PostgreSQL database), apps
built on them, and a controllable clock."""

from __future__ import annotations

import os
import uuid

# As the `dxdesk` entry point does: single-threaded BLAS before numpy is imported.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app.composition import App, build_app
from bot.app.settings import Settings

# The one Slack and the one Teams set-up, for every platform test (see tests/support/platforms.py).
from tests.support.platforms import connector, slack_api, start_slack, start_teams  # noqa: F401

PG_ENV = "DXDESK_TEST_PG_URL"


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 12, 1, 0, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def make_settings(tmp_path: Path, database_url: str = "", **overrides: Any) -> Settings:
    """Settings isolated from the developer's environment and .env."""
    # The dialogues talk about the bundled sample FAQ and roadmap: tests load them as the demo does.
    values: dict[str, Any] = {"data_dir": tmp_path / "data", "database_url": database_url, "sample_data": True}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def pg_admin_url() -> str | None:
    """The PostgreSQL server URL from the environment (set by .ci/run), or None."""
    return os.environ.get(PG_ENV) or None


async def _admin_connection() -> Any:
    """A connection to the maintenance database named by DXDESK_TEST_PG_URL."""
    import asyncpg
    from sqlalchemy.engine import make_url

    admin = make_url(pg_admin_url() or "")
    return await asyncpg.connect(host=admin.host or "127.0.0.1", port=admin.port or 5432,
                                 user=admin.username or "postgres", password=admin.password,
                                 database=admin.database or "test")


async def create_pg_database() -> str:
    """Create an empty database on the test server and return its async URL."""
    from sqlalchemy.engine import make_url

    admin = make_url(pg_admin_url() or "")
    name = f"dxdesk_t_{uuid.uuid4().hex[:12]}"
    conn = await _admin_connection()
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False)


async def drop_pg_database(url: str) -> None:
    """Drop a database made by `create_pg_database` (terminating leftover connections)."""
    from sqlalchemy.engine import make_url

    target = make_url(url)
    conn = await _admin_connection()
    try:
        await conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                           target.database)
        await conn.execute(f'DROP DATABASE IF EXISTS "{target.database}"')
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database on SQLite and on PostgreSQL (skipped, visibly, without DXDESK_TEST_PG_URL)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'contract.db'}"
        return
    async with fresh_pg_database() as url:
        yield url


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL database (skipped, visibly, without DXDESK_TEST_PG_URL)."""
    async with fresh_pg_database() as url:
        yield url


@asynccontextmanager
async def fresh_pg_database() -> AsyncIterator[str]:
    """A database made on the test server for one test and dropped after it; skips the test,
    visibly, without DXDESK_TEST_PG_URL."""
    if not pg_admin_url():
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (set by .ci/run)")
    url = await create_pg_database()
    try:
        yield url
    finally:
        await drop_pg_database(url)


@pytest.fixture
def clock() -> FakeClock:
    """A controllable clock starting 2026-12-01 00:00 UTC (09:00 in Tokyo)."""
    return FakeClock()


_MIGRATED_TEMPLATE: dict[str, bytes] = {}


async def migrated_sqlite(settings: Settings) -> None:
    """Start a test's new SQLite database as a copy of one migrated in this worker before.

    Running the twelve Alembic migrations takes ~0.5 s, and a thousand tests build apps on a fresh
    database: a copy of the same migrated file is what they would get, and `build_app` still runs
    its own (then empty) upgrade. Migrations themselves are tested on fresh files and on
    PostgreSQL (tests/contract, test_clean_install, test_replica_startup)."""
    if settings.database_url or not settings.db_url.startswith("sqlite"):
        return
    target = settings.data_dir / "dxdesk.db"
    if target.exists():
        return
    if "db" not in _MIGRATED_TEMPLATE:
        import sqlite3
        import tempfile

        from storage import db

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "template.db"
            await db.upgrade(f"sqlite+aiosqlite:///{path}")
            source = sqlite3.connect(path)
            try:
                source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                source.close()
            _MIGRATED_TEMPLATE["db"] = path.read_bytes()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_MIGRATED_TEMPLATE["db"])


@pytest.fixture
async def app_factory(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[App]]]:
    """Build apps on a SQLite file in tmp_path (or a given URL); all are closed after the test."""
    built: list[App] = []

    async def make(database_url: str = "", clock: Any = None, **overrides: Any) -> App:
        settings = make_settings(tmp_path, database_url, **overrides)
        await migrated_sqlite(settings)
        app = await build_app(settings, clock=clock)
        built.append(app)
        return app

    yield make
    for app in built:
        await app.close()
