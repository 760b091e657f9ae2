"""Persistent, leader-elected job scheduling over APScheduler 3.x (implements `JobScheduler`).

How it is put together, and why:

* One `AsyncIOScheduler` per process with a `SQLAlchemyJobStore` in the application's own
  database (table `apscheduler_jobs`, created by migration 0002). Jobs carry ids only: the
  stored callable is always the trampoline `scheduler.service:run_job`, whose first argument is
  the registered name of the real job (`"meetings.send_reminder"`, `scheduler/registry.py`); it is called as
  `await function(services, *ids)` and reloads its state from the database.
* Every process *writes* to the shared job store (the scheduler is started paused, so
  `schedule()` from a handler on any replica is durable at once), but only the **leader
  processes** jobs. APScheduler 3.x must never process one store from two processes (double or
  lost fires), so on PostgreSQL the leader holds a session-level `pg_advisory_lock` on a
  dedicated connection. Other replicas retry every `poll_interval` seconds and take over when
  the leader's connection dies (the lock is released by the server). On SQLite the single
  process is the leader.
* The leader wakes its scheduler every `poll_interval` so jobs written by other replicas are
  seen (a 3.x scheduler otherwise sleeps until the next run time it knew about).
* `misfire_grace_time=None` and `coalesce=True` on purpose: APScheduler's default grace of one
  second silently drops a reminder that was due while the bot was down. Here a late job always
  runs, and the job itself decides with business rules (grace window, meeting start, quiet
  hours) whether it is still useful — a decision that is logged and tested.
* At start-up nothing is re-added blindly: `schedule()` leaves a job untouched when it already
  exists with the same time and arguments, and each feature registers a *rebuilder* that
  recomputes its jobs from its own tables (the tables are the truth) when this process becomes
  the leader.
* Stopping lets the jobs that already started finish (up to `job_grace` seconds) before the
  executor is shut down: APScheduler's asyncio executor cancels running jobs on shutdown, and a
  job cancelled in the middle of a database call leaves a half-closed connection behind (with
  aiosqlite, a close that never ends and blocks the event loop's shutdown).
* Exactly-once delivery does not depend on the scheduler: jobs enqueue outbox messages with
  deterministic dedupe keys, so even two schedulers firing the same job produce one message.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import pool, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.core.waiting import wake_or_timeout
from scheduler.registry import resolve

log = logging.getLogger(__name__)

LEADER_LOCK_KEY = 7_340_002  # 7_340_001 serialises migrations (storage/migrations/env.py)
JOB_TABLE = "apscheduler_jobs"

Rebuilder = Callable[[Any], Awaitable[Any]]

# The scheduler whose executor started the running job. Set around task creation so that two
# apps in one process (tests, or a console chat beside a server) each run their own Services.
_current_scheduler: contextvars.ContextVar[SchedulerService | None] = contextvars.ContextVar(
    "dxdesk_scheduler", default=None)
# Fallback: the Services of the most recently started scheduler in this process.
_registry: dict[str, Any] = {}


async def run_job(reference: str, *args: Any) -> None:
    """The trampoline every stored job calls: find the running Services and call the real job."""
    owner = _current_scheduler.get()
    services = owner.services if owner is not None else _registry.get("services")
    if services is None:
        log.error("job %s%r fired but no Services are running in this process", reference, args)
        return
    func = resolve(reference)
    task = asyncio.current_task()
    if owner is not None and task is not None:
        task.set_name(f"job {reference}{args!r}")
        owner.track_job(task)
    await func(services, *args)


class _ServicesExecutor(AsyncIOExecutor):
    """The asyncio executor, binding the owning scheduler into the job's context."""

    def __init__(self, owner: SchedulerService) -> None:
        super().__init__()
        self.owner = owner

    def _do_submit_job(self, job: Any, run_times: Any) -> None:
        # create_task copies the current context, so the job task sees these Services.
        token = _current_scheduler.set(self.owner)
        try:
            super()._do_submit_job(job, run_times)
        finally:
            _current_scheduler.reset(token)


class SchedulerService:
    """Schedules jobs durably in the app's database; only the elected leader runs them."""

    def __init__(self, database_url: str, store_url: str, *, poll_interval: float = 10.0,
                 lock_key: int = LEADER_LOCK_KEY, job_grace: float = 20.0) -> None:
        # `database_url` is the async SQLAlchemy URL (leader lock), `store_url` the synchronous one
        # of the same database (APScheduler 3.x's job store is synchronous).
        self.database_url = database_url
        self.is_postgres = make_url(self.database_url).get_backend_name() == "postgresql"
        self.poll_interval = poll_interval
        self.job_grace = job_grace
        self.lock_key = lock_key
        self.services: Any = None
        self.rebuilders: list[Rebuilder] = []
        self.is_leader = False
        options: dict[str, Any] = {"pool_pre_ping": True}
        if not self.is_postgres:
            # No busy wait on SQLite: the job store is synchronous and is used from the event loop
            # thread; waiting there for a write lock held by an aiosqlite transaction (which needs
            # the loop to reach its commit) would stall both until the timeout. A write that meets
            # the lock is handed to a worker thread instead (see `_write`).
            options = {"connect_args": {"timeout": 0}}
        self._store = SQLAlchemyJobStore(url=store_url, tablename=JOB_TABLE, engine_options=options)
        self._scheduler = AsyncIOScheduler(
            jobstores={"default": self._store},
            executors={"default": _ServicesExecutor(self)},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
            timezone=UTC,
        )
        self._lock_engine: AsyncEngine | None = None
        self._lock_conn: AsyncConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._closed = False
        self._writer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobstore")
        self._deferred: set[concurrent.futures.Future[Any]] = set()
        self._jobs: set[asyncio.Task[Any]] = set()  # job runs in progress in this process

    # --- lifecycle ------------------------------------------------------------------------
    def open(self) -> None:
        """Attach the job store (paused: writes work, nothing runs until this process leads)."""
        if self._closed:
            raise RuntimeError("the scheduler was closed")
        if not self._scheduler.running:
            self._scheduler.start(paused=True)

    def add_rebuilder(self, rebuilder: Rebuilder) -> None:
        """Register `async def rebuild(services)`, run whenever this process becomes the leader."""
        self.rebuilders.append(rebuilder)

    @property
    def running(self) -> bool:
        """True while the leadership loop runs (as leader or as a healthy standby)."""
        return self._task is not None and not self._task.done()

    @property
    def healthy(self) -> bool:
        """For readiness: the job store is open and, once started, the leadership loop is alive.

        A process that never starts background work (a CLI tool, a test) is not unready; a
        started scheduler whose loop died is.
        """
        if self._closed or not self._scheduler.running:
            return False
        return self._task is None or not self._task.done()

    async def start(self, services: Any) -> None:
        """Start competing for leadership; the leader rebuilds jobs and runs them."""
        self.services = services
        _registry["services"] = services
        self.open()
        if self.running:
            return
        self._stopping = False
        self._wake = asyncio.Event()
        try:
            await self._step()
        except Exception:
            log.exception("scheduler: first leadership attempt failed; retrying in the background")
        self._task = asyncio.create_task(self._loop(), name="scheduler-leadership")

    async def stop(self) -> None:
        """Stop running jobs and give up leadership (the job store stays usable until `close`)."""
        self._stopping = True
        if self._wake is not None:
            self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        if self._scheduler.running:
            self._scheduler.pause()  # no new job starts; the lock is kept while running ones end
        await self._finish_jobs()
        if self.is_leader:
            await self._step_down(release=True)
        if _registry.get("services") is self.services:
            _registry.pop("services", None)

    async def close(self) -> None:
        """Stop and release the job store's connections (safe to call twice)."""
        if self._closed:
            return
        await self.stop()
        await self.settle()
        self._writer.shutdown(wait=True)
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            # AsyncIOScheduler.shutdown is scheduled on the loop; let it run before the loop may end.
            await asyncio.sleep(0)
        self._store.engine.dispose()
        if self._lock_engine is not None:
            await self._lock_engine.dispose()
            self._lock_engine = None
        self._closed = True

    def track_job(self, task: asyncio.Task[Any]) -> None:
        """Count a job run in progress (stop waits for it)."""
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)

    async def _finish_jobs(self) -> None:
        """Let running jobs end; after `job_grace` seconds cancel those still running."""
        if not self._jobs:
            return
        _, late = await asyncio.wait(set(self._jobs), timeout=self.job_grace)
        if late:
            log.warning("scheduler: cancelling %s job(s) still running after %.0f s: %s", len(late),
                        self.job_grace, ", ".join(sorted(t.get_name() for t in late)))
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def _loop(self) -> None:
        assert self._wake is not None
        while not self._stopping:
            await wake_or_timeout(self._wake, self.poll_interval)
            if self._stopping:
                break
            try:
                await self._step()
            except Exception:
                log.exception("scheduler leadership step failed")

    async def _step(self) -> None:
        if self.is_leader:
            if await self._still_leader():
                self._scheduler.wakeup()  # see jobs that other replicas wrote meanwhile
            else:
                log.warning("scheduler: lost the leader lock; pausing job processing")
                await self._step_down(release=False)
        elif await self._acquire():
            await self._take_over()

    # --- leader election ------------------------------------------------------------------
    async def _acquire(self) -> bool:
        if not self.is_postgres:
            return True
        if self._lock_engine is None:
            # A dedicated connection outside the app's pool: the lock lives as long as it does.
            self._lock_engine = create_async_engine(self.database_url, poolclass=pool.NullPool)
        conn = await self._lock_engine.connect()
        try:
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.lock_key})).scalar()
            await conn.commit()
        except Exception:
            await conn.close()
            raise
        if got:
            self._lock_conn = conn
            return True
        await conn.close()
        return False

    async def _still_leader(self) -> bool:
        if not self.is_postgres:
            return True
        if self._lock_conn is None:
            return False
        try:
            await self._lock_conn.execute(text("SELECT 1"))
            await self._lock_conn.commit()
            return True
        except Exception:
            return False

    async def _take_over(self) -> None:
        self.is_leader = True
        log.info("scheduler: this process is the leader; rebuilding jobs")
        for rebuild in self.rebuilders:
            try:
                await rebuild(self.services)
            except Exception:
                log.exception("scheduler: rebuilding jobs with %s failed", getattr(rebuild, "__qualname__", rebuild))
        self._scheduler.resume()

    async def _step_down(self, *, release: bool) -> None:
        self.is_leader = False
        if self._scheduler.running:
            self._scheduler.pause()
        conn, self._lock_conn = self._lock_conn, None
        if conn is None:
            return
        try:
            if release:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.lock_key})
                await conn.commit()
        except Exception:
            log.warning("scheduler: could not release the leader lock cleanly (the server frees it)")
        finally:
            try:
                await conn.close()
            except Exception:
                log.debug("scheduler: closing the lock connection failed", exc_info=True)

    # --- the JobScheduler port ------------------------------------------------------------
    def _write(self, operation: Callable[..., Any], *args: Any) -> None:
        """Run a job-store write now; on SQLite lock contention, finish it in a worker thread.

        The worker retries with a real busy wait, which is harmless off the event loop; the loop
        meanwhile lets the async transaction that holds the lock commit. Tables stay the truth:
        rebuilders re-plan every job when a process becomes the leader.
        """
        try:
            operation(*args)
            return
        except OperationalError as exc:
            if self.is_postgres or "locked" not in str(exc).lower():
                raise
        log.info("scheduler: job store busy; finishing the write in the background")
        future = self._writer.submit(self._retry_write, operation, *args)
        self._deferred.add(future)
        future.add_done_callback(self._deferred.discard)

    @staticmethod
    def _retry_write(operation: Callable[..., Any], *args: Any) -> None:
        deadline = time.monotonic() + 60
        delay = 0.02
        while True:
            try:
                operation(*args)
                return
            except OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    log.exception("scheduler: job store write failed")
                    return
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    async def settle(self) -> None:
        """Wait until writes deferred by lock contention have landed (tests, shutdown)."""
        while self._deferred:
            await asyncio.wrap_future(next(iter(self._deferred)))

    def schedule(self, job_id: str, run_at: datetime, func: str, *args: str | int) -> None:
        """Run `func(services, *args)` at `run_at`; the same id again moves the job (idempotent)."""
        if run_at.tzinfo is None:
            raise ValueError("run_at must be timezone-aware")
        self.open()
        resolve(func)  # fail now, in the caller, rather than when the job fires
        self._write(self._schedule_now, job_id, run_at, func, *args)

    def _schedule_now(self, job_id: str, run_at: datetime, func: str, *args: str | int) -> None:
        job_args = (func, *args)
        trigger = DateTrigger(run_date=run_at.astimezone(UTC), timezone=UTC)
        existing = self._scheduler.get_job(job_id)
        if existing is None:
            try:
                self._scheduler.add_job(run_job, trigger=trigger, id=job_id, name=job_id, args=job_args)
                return
            except ConflictingIdError:
                existing = self._scheduler.get_job(job_id)  # another replica added it just now
                if existing is None:
                    raise
        if existing.next_run_time == run_at and tuple(existing.args) == job_args:
            return  # unchanged: never recompute (a missed run stays due)
        try:
            self._scheduler.modify_job(job_id, args=job_args)
            self._scheduler.reschedule_job(job_id, trigger=trigger)
        except JobLookupError:
            # It ran (and was removed) in between: schedule it afresh.
            self._scheduler.add_job(run_job, trigger=trigger, id=job_id, name=job_id, args=job_args)

    def cancel(self, job_id: str) -> None:
        """Forget a job (no error when it does not exist)."""
        self.open()
        self._write(self._cancel_now, job_id)

    def _cancel_now(self, job_id: str) -> None:
        try:
            self._scheduler.remove_job(job_id)
        except JobLookupError:
            pass

    def cancel_prefix(self, prefix: str) -> None:
        """Forget every job whose id starts with `prefix`."""
        for job_id in self.job_ids(prefix):
            self.cancel(job_id)

    def job_ids(self, prefix: str = "") -> list[str]:
        """Ids of stored jobs starting with `prefix`, sorted."""
        self.open()
        return sorted(j.id for j in self._scheduler.get_jobs() if j.id.startswith(prefix))

    def next_run(self, job_id: str) -> datetime | None:
        """When a stored job will run (aware UTC), or None."""
        self.open()
        job = self._scheduler.get_job(job_id)
        return job.next_run_time.astimezone(UTC) if job is not None and job.next_run_time else None

    def job_args(self, job_id: str) -> tuple[Any, ...] | None:
        """The (reference, *ids) a stored job will be called with, or None."""
        self.open()
        job = self._scheduler.get_job(job_id)
        return tuple(job.args) if job is not None else None

    async def run_due_now(self) -> None:
        """Ask the leader's scheduler to look for due jobs at once (after a change or in tests)."""
        if self.is_leader:
            self._scheduler.wakeup()
