"""Composition root: the only module that wires adapters, handlers, scheduler and storage."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import socket
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app.checkins_setup import build_checkins
from bot.app.metrics import Metrics
from bot.app.scheduling import build_scheduling
from bot.app.server import health_routes, request_id_middleware
from bot.app.settings import Settings
from bot.core.context import DeskConfig, Services
from bot.core.dispatch import Dispatcher
from bot.core.jobs import JobRegistry
from bot.core.ports import Notifier
from bot.core.replies import Destination
from bot.retrieval.service import FaqSearchService
from handlers import admin, assessment, checkins, faq, meetings, people
from handlers.admin.ports import ADMIN, AdminServices
from handlers.assessment import reminders as assessment_reminders
from handlers.assessment.ports import ASSESSMENT
from handlers.assessment.reminders import rebuild_reminders as rebuild_assessment_reminders
from handlers.checkins import jobs as checkin_jobs
from handlers.checkins.jobs import rebuild_jobs as rebuild_checkin_jobs
from handlers.checkins.ports import CHECKINS
from handlers.meetings import planning as meeting_planning
from handlers.meetings.planning import rebuild_jobs as rebuild_meeting_jobs
from handlers.meetings.ports import MEETING_CONFIG, MEETINGS
from handlers.people import preferences
from handlers.people.ports import PEOPLE_IMPORT
from scheduler import registry as job_registry
from scheduler.outbox import DeliveryWorker
from scheduler.service import SchedulerService
from storage import db
from storage.assessment.files import build_assessment
from storage.faq.files import bundled, read_faq_file, read_synonyms
from storage.faq.question_log import SqlQuestionLog
from storage.faq.repo import SqlFaq
from storage.files.charts import MatplotlibCharts
from storage.files.exports import ExcelExporter
from storage.meetings.repo import SqlMeetings
from storage.people.files import FilePeopleImporter
from storage.people.repo import SqlPeople
from storage.shared.blobs import SqlFileBlobs
from storage.shared.rate_shares import SqlRateShares
from storage.shared.repo import (
    SqlAudit,
    SqlConversationRefs,
    SqlDeduper,
    SqlMeta,
    SqlOutbox,
    SqlState,
)

log = logging.getLogger(__name__)


class SystemClock:
    """Real time, aware UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class WakingOutbox(SqlOutbox):
    """The SQL outbox that also wakes this process's delivery worker after an enqueue."""

    def __init__(self, sessions: Any) -> None:
        super().__init__(sessions)
        self.worker: DeliveryWorker | None = None

    async def enqueue(self, destination: Destination, reply: Any, dedupe_key: str = "") -> int:
        oid = await super().enqueue(destination, reply, dedupe_key)
        if self.worker is not None:
            self.worker.wake()
        return oid

    async def enqueue_many(self, items: Any) -> None:
        await super().enqueue_many(items)
        self.wake()

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()


def routers() -> list[Any]:
    """Every feature's router, in one place."""
    return [faq.router, preferences.router, *admin.routers, assessment.router, meetings.router, people.router,
            checkins.router]


def job_registries() -> list[JobRegistry]:
    """Every feature's scheduled jobs, in one place (the scheduler stores their names)."""
    return [meeting_planning.jobs, checkin_jobs.jobs, assessment_reminders.jobs]


def parse_destination(value: str) -> Destination | None:
    """`slack:C0123` / `teams:19:...@thread.tacv2` / `console:office` -> a channel destination."""
    if not value:
        return None
    platform, address = value.split(":", 1)
    return Destination(platform, "channel", address)


@dataclass
class App:
    """Everything a running DX Desk holds."""

    settings: Settings
    engine: AsyncEngine
    services: Services
    dispatcher: Dispatcher
    worker: DeliveryWorker
    search: FaqSearchService
    faq: SqlFaq
    meta: SqlMeta
    deduper: SqlDeduper
    refs: SqlConversationRefs
    outbox: WakingOutbox
    metrics: Metrics
    # Replicas divide the platforms' app-wide send budgets through this (None: this process takes all).
    rate_shares: SqlRateShares | None = None
    # This process among the replicas (rate shares).
    replica: str = field(default_factory=lambda: f"{socket.gethostname()[:60]}-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    platforms: dict[str, Any] = field(default_factory=dict)

    def add_notifier(self, notifier: Notifier) -> None:
        """Let the delivery worker reach people on one more platform."""
        self.notifiers[notifier.platform] = notifier
        self.worker.notifiers[notifier.platform] = notifier

    async def close(self) -> None:
        """Stop background work and release the database."""
        await self.worker.stop()
        if isinstance(self.services.scheduler, SchedulerService):
            await self.services.scheduler.close()
        for platform in self.platforms.values():
            await platform.close()
        self.platforms.clear()
        await self.engine.dispose()

    async def readiness(self) -> dict[str, bool]:
        """Database reachable and migrations current (and, later, the scheduler running)."""
        checks: dict[str, bool] = {}
        try:
            current = await db.current_revision(self.engine)
            checks["database"] = True
            checks["migrations"] = current == db.head_revision()
        except Exception:
            checks["database"] = False
            checks["migrations"] = False
        checks["scheduler"] = isinstance(self.services.scheduler, SchedulerService) and self.services.scheduler.healthy
        return checks

    async def render_metrics(self) -> bytes:
        """Prometheus exposition, with the outbox depth read fresh."""
        try:
            self.metrics.outbox_depth.set(await self.outbox.depth())
        except Exception:
            log.warning("could not read the outbox depth")
        return self.metrics.render()


async def prepare_database(settings: Settings) -> None:
    """Create the data folder and bring the schema to the newest migration."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await db.upgrade(settings.db_url)


async def seed_sample_data(faq: SqlFaq, meta: SqlMeta) -> bool:
    """On a fresh install load the bundled sample FAQ and synonyms, once."""
    if await meta.get("sample_seeded"):
        return False
    if not await faq.list_entries():
        report = read_faq_file(bundled("faq.yaml"))
        if not report.ok:
            raise RuntimeError(f"bundled FAQ is invalid: {report.errors[:3]}")
        await faq.upsert_entries(report.entries)
        if not await faq.synonyms():
            await faq.set_synonyms(read_synonyms(bundled("synonyms.yaml")))
    await meta.set("sample_seeded", datetime.now(UTC).isoformat())
    return True


async def build_app(settings: Settings, *, migrate: bool = True, clock: Any = None) -> App:
    """Build a ready DX Desk on the configured database (migrated and seeded)."""
    if migrate:
        await prepare_database(settings)
    engine = db.create_engine(settings.db_url)
    sessions = db.sessionmaker(engine)
    people = SqlPeople(sessions)
    faq = SqlFaq(sessions)
    meta = SqlMeta(sessions)
    outbox = WakingOutbox(sessions)
    search = FaqSearchService(faq, use_vectors=settings.faq_vectors)
    office = parse_destination(settings.escalation_channel)
    config = DeskConfig(
        default_language=settings.language,
        escalation_mode=settings.escalation_mode,
        escalation_channel=office,
        max_message_chars=settings.max_message_chars,
        bootstrap_admins=settings.admin_keys,
        data_dir=str(settings.data_dir),
    )
    job_registry.register(job_registries())
    calendar, job_scheduler, meeting_config = build_scheduling(settings)
    services = Services(
        people=people, faq=faq, search=search, state=SqlState(sessions), audit=SqlAudit(sessions),
        outbox=outbox, clock=clock or SystemClock(), config=config, calendar=calendar, scheduler=job_scheduler,
    )
    services.provide(MEETINGS, SqlMeetings(sessions))
    services.provide(MEETING_CONFIG, meeting_config)
    job_scheduler.add_rebuilder(rebuild_meeting_jobs)
    services.provide(ADMIN, AdminServices(MatplotlibCharts(), ExcelExporter(), SqlQuestionLog(sessions),
                                          csv_bom=settings.csv_bom, timezone=settings.timezone))
    services.provide(ASSESSMENT, build_assessment(settings, sessions))
    job_scheduler.add_rebuilder(rebuild_assessment_reminders)
    async with db.startup_lock(engine):
        # Replicas starting together on an empty database must seed the samples once.
        if settings.sample_data:
            await seed_sample_data(faq, meta)
        services.provide(CHECKINS, await build_checkins(settings, sessions))
    job_scheduler.add_rebuilder(rebuild_checkin_jobs)
    metrics = Metrics()
    services.provide(PEOPLE_IMPORT, FilePeopleImporter(people))
    dispatcher = Dispatcher(routers(), services)
    dispatcher.transient = db.is_transient  # a brief database outage: handled again, not dropped
    dispatcher.observe = metrics.observe_event
    dispatcher.observe_reply = metrics.observe_reply
    faq.on_question = metrics.observe_question
    worker = DeliveryWorker(outbox, people, {}, office=office, language=settings.language,
                            on_result=metrics.observe_delivery)
    outbox.worker = worker
    shared = settings.rate_budget == "database" or (
        settings.rate_budget == "auto" and engine.dialect.name == "postgresql")
    return App(settings=settings, engine=engine, services=services, dispatcher=dispatcher, worker=worker,
               search=search, faq=faq, meta=meta, deduper=SqlDeduper(sessions), refs=SqlConversationRefs(sessions),
               outbox=outbox, metrics=metrics, rate_shares=SqlRateShares(sessions) if shared else None)


async def create_web_app(app: App, *, socket_mode: bool = False) -> web.Application:
    """The aiohttp application of `dxdesk serve`: Slack and/or Teams endpoints plus health."""
    settings = app.settings
    web_app = web.Application(middlewares=[request_id_middleware], client_max_size=4 * 1024 * 1024)
    health_routes(web_app, app.readiness, app.render_metrics)
    if settings.slack_enabled:
        from bot.adapters.slack import SlackAdapter, SlackConfig

        slack = SlackAdapter(
            SlackConfig(bot_token=settings.slack_bot_token, signing_secret=settings.slack_signing_secret,
                        app_token=settings.slack_app_token, api_url=settings.slack_api_url,
                        max_messages_per_second=settings.slack_max_messages_per_second),
            app.dispatcher, app.deduper, app.outbox, shares=app.rate_shares, replica=app.replica,
        )
        if not socket_mode:
            slack.mount(web_app)
        if slack.pacer.share is not None:
            app.worker.heartbeats.append(slack.pacer.share.update)
        app.platforms["slack"] = slack
        app.add_notifier(slack.notifier)
    if settings.teams_on:
        from bot.adapters.teams import TeamsAdapter, TeamsConfig

        if not settings.microsoft_app_id:
            log.warning("!!! Teams endpoint runs WITHOUT authentication (DXDESK_TEAMS_NO_AUTH=1). Anyone who "
                        "can reach /api/messages can make the bot post to any serviceUrl. Local development only.")
        teams = TeamsAdapter(
            TeamsConfig(app_id=settings.microsoft_app_id, app_password=settings.microsoft_app_password,
                        app_type=settings.microsoft_app_type, tenant_id=settings.microsoft_app_tenant_id,
                        no_auth=settings.teams_no_auth, openid_metadata=settings.teams_openid_metadata),
            app.dispatcher, app.refs, app.services.people, app.outbox,
            files=SqlFileBlobs(db.sessionmaker(app.engine), clock=app.services.clock),
            shares=app.rate_shares, replica=app.replica,
        )
        teams.mount(web_app)
        if teams.sender.share is not None:
            app.worker.heartbeats.append(teams.sender.share.update)
        app.platforms["teams"] = teams
        app.add_notifier(teams.notifier)
    if not app.platforms:
        log.warning("neither Slack (SLACK_BOT_TOKEN) nor Teams (MICROSOFT_APP_ID) is configured: "
                    "only /healthz, /readyz and /metrics are served. Try `dxdesk chat` for the local chat.")
    return web_app


async def start_background(app: App, *, socket_mode: bool = False) -> None:
    """Index warm-up, the delivery worker, and Socket Mode when asked for."""
    await app.search.ensure_current(force=True)
    app.worker.start()
    await start_scheduler(app)
    if socket_mode and "slack" in app.platforms:
        await app.platforms["slack"].start_socket_mode()


async def stop_background(app: App) -> None:
    """Stop background work (the caller then closes the app)."""
    await stop_scheduler(app)
    await app.worker.stop()


def files_dir(settings: Settings) -> Path:
    """Where the local chat saves charts and exports."""
    return settings.data_dir / "files"


async def start_scheduler(app: App) -> None:
    """Compete for scheduler leadership; the leader rebuilds jobs from the tables and runs them."""
    if isinstance(app.services.scheduler, SchedulerService):
        await app.services.scheduler.start(app.services)


async def stop_scheduler(app: App) -> None:
    """Stop running jobs and release the leader lock (the job store stays until `close`)."""
    if isinstance(app.services.scheduler, SchedulerService):
        await app.services.scheduler.stop()


async def run_server(settings, *, host: str, port: int, socket_mode: bool) -> None:  # type: ignore[no-untyped-def]
    """Build the app, serve until SIGTERM/SIGINT, then finish in-flight work and stop cleanly."""
    # Signal handlers first: a SIGTERM during start-up must still stop cleanly.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # pragma: no cover - not on Windows
            pass
    app = await build_app(settings)
    web_app = await create_web_app(app, socket_mode=socket_mode)
    runner = web.AppRunner(web_app, handle_signals=False, shutdown_timeout=20)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    await start_background(app, socket_mode=socket_mode)
    # Everything loaded at start (dictionaries, vectors, the index) lives for the whole process:
    # move it out of the garbage collector's view so full collections stop causing 100 ms pauses.
    gc.collect()
    gc.freeze()
    log.info("DX Desk listening on http://%s:%s (slack=%s, teams=%s, socket_mode=%s)",
             host, port, settings.slack_enabled, settings.teams_on, socket_mode)
    await stop.wait()
    log.info("stopping: finishing in-flight work")
    await runner.cleanup()  # stops accepting, waits for in-flight requests
    await stop_background(app)
    await app.close()
    log.info("stopped")
