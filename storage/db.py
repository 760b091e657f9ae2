"""Engine creation and Alembic migrations."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy import exc as exc_mod
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# A PostgreSQL connection idle for longer than this is pinged before it is used again.
PING_AFTER_IDLE = 1.0


def async_url(url: str) -> str:
    """Pick the async driver for a URL written without one (postgresql://, sqlite:///)."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif driver in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The synchronous twin of a URL, for Alembic and APScheduler's job store."""
    parsed = make_url(async_url(url))
    if parsed.drivername == "postgresql+asyncpg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername == "sqlite+aiosqlite":
        parsed = parsed.set(drivername="sqlite")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets WAL and a busy timeout so the chat and jobs can share it."""
    url = async_url(url)
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a committed transaction
            # survives a crash of the process (the OS holds the WAL); only a power loss may undo
            # the last ones. FULL cost an fsync per commit, the largest part of a turn on SQLite.
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    engine = create_async_engine(url, pool_size=10, max_overflow=10)

    @event.listens_for(engine.sync_engine, "checkin")
    def _note_idle(_dbapi_conn, record):  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _ping_if_idle(dbapi_conn, record, _proxy):  # type: ignore[no-untyped-def]
        # pool_pre_ping, but only for a connection that sat idle: a ping on every checkout doubled
        # the round trips of every short transaction. A connection killed while idle (failover,
        # pg_terminate_backend) is replaced here; one killed within the last second fails its next
        # statement once, and that error makes the pool replace every older connection.
        if time.monotonic() - record.info.get("idle_since", 0.0) < PING_AFTER_IDLE:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # any failure means: not usable
            raise exc_mod.DisconnectionError("connection failed its ping") from exc
        if not alive:
            raise exc_mod.DisconnectionError("connection failed its ping")

    return engine


_NETWORK_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.ECONNABORTED, errno.EHOSTUNREACH,
                   errno.ENETUNREACH, errno.EPIPE, errno.ETIMEDOUT}


def is_transient(exc: BaseException) -> bool:
    """True for a database that is briefly unreachable (refused or dropped connections, a failover,
    a timeout): worth trying again in a moment; False for bugs and constraint violations."""
    from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (OperationalError, InterfaceError, DisconnectionError, PoolTimeout,
                                ConnectionError, TimeoutError)):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, OSError) and current.errno in _NETWORK_ERRNOS:
            return True
        if type(current).__module__.startswith("asyncpg") and "Connection" in type(current).__name__:
            return True
        current = current.__cause__ or current.__context__
    return False


def sessionmaker(engine: AsyncEngine) -> async_sessionmaker:  # type: ignore[type-arg]
    """Sessions that keep loaded attributes after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def _alembic_config(url: str):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["sync_url"] = sync_url(url)
    return cfg


# Alembic's `context` is a process-wide proxy: two migrations in threads of one process (two
# apps in one test, or a chat beside a server) must take turns. Across processes the
# PostgreSQL advisory lock in migrations/env.py does the same.
_ALEMBIC_IN_PROCESS = threading.Lock()


def _upgrade_sync(url: str, revision: str) -> None:
    from alembic import command

    with _ALEMBIC_IN_PROCESS:
        command.upgrade(_alembic_config(url), revision)


def _downgrade_sync(url: str, revision: str) -> None:
    from alembic import command

    with _ALEMBIC_IN_PROCESS:
        command.downgrade(_alembic_config(url), revision)


async def upgrade(url: str, revision: str = "heads") -> None:
    """Apply migrations up to `revision` (runs Alembic in a worker thread)."""
    await asyncio.to_thread(_upgrade_sync, url, revision)


async def downgrade(url: str, revision: str) -> None:
    """Roll back to `revision`."""
    await asyncio.to_thread(_downgrade_sync, url, revision)


def head_revision() -> str:
    """The newest migration(s) shipped with this version ("a+b" while branches are unmerged)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config("sqlite://"))
    return "+".join(sorted(script.get_heads()))


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision(s) the database is at (None before the first migration)."""
    async with engine.connect() as conn:
        try:
            rows = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
        except Exception:
            return None
        return "+".join(sorted(r[0] for r in rows)) if rows else None


STARTUP_LOCK = 7_340_003  # 7_340_001 migrations, 7_340_002 scheduler leadership


@contextlib.asynccontextmanager
async def startup_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """Serialise one-time start-up work (seeding sample data) across replicas on PostgreSQL.

    SQLite serves a single process, so nothing is needed there.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": STARTUP_LOCK})
        await conn.commit()
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": STARTUP_LOCK})
            await conn.commit()
