"""Composition root: the only module that wires adapters, handlers, scheduler and storage."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app.checkins_setup import StoredMeetingDates, build_checkins, seed_sample_roadmap
from bot.app.metrics import Metrics
from bot.app.scheduling import build_scheduling
from bot.app.server import health_routes, management_app, web_application
from bot.app.settings import Settings
from bot.core.admission import Admission
from bot.core.context import DeskConfig, Services
from bot.core.dispatch import Dispatcher
from bot.core.errors import ConfigurationError
from bot.core.jobs import JobRegistry
from bot.core.messages import DEFAULT_NAMES, office_name, set_names
from bot.core.model import FaqEntry
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
from storage.faq.files import bundled, read_faq_file, read_other_desks, read_synonyms
from storage.faq.question_log import SqlQuestionLog
from storage.faq.repo import SqlFaq
from storage.files.charts import MatplotlibCharts
from storage.files.exports import ExcelExporter
from storage.meetings.repo import SqlMeetings
from storage.people.files import FilePeopleImporter
from storage.people.repo import SqlPeople
from storage.shared.blobs import SqlFileBlobs
from storage.shared.presence import SqlChatPresence
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


# --- web desk (issue 18): the registry as sign-in sees it, and the adapter's wiring ----------------
class WebAwarePeople(SqlPeople):
    """The people registry, also finding web desk visitors: a web actor's id is the registry id
    their sign-in established (the web desk registers nobody by itself)."""

    async def find_by_actor(self, actor: Any) -> Any:
        if actor.platform == "web":
            return await self.get(int(actor.user_id)) if actor.user_id.isdigit() else None
        return await super().find_by_actor(actor)

    async def create_from_actor(self, actor: Any, role: Any, language: str) -> Any:
        if actor.platform == "web":
            raise LookupError("web desk visitors are signed in from the registry, never registered by it")
        return await super().create_from_actor(actor, role, language)


class RegistryDirectory:
    """`SignInDirectory` over the people registry (and the local chat's registration rules)."""

    def __init__(self, people: SqlPeople, dispatcher: Dispatcher, email_domain: str = "") -> None:
        self.people = people
        self.dispatcher = dispatcher
        self.email_domain = email_domain

    async def get(self, person_id: int) -> Any:
        return await self.people.get(person_id)

    async def by_email(self, email: str) -> Any:
        person = await self.people.find(email)
        return person if person is not None and person.email.lower() == email.lower() else None

    async def by_login(self, login: str) -> Any:
        from bot.adapters.web import login_candidates

        for key in login_candidates(login, self.email_domain):
            person = await self.people.find(key)
            # Only an exact identity counts (never a display name that happens to match).
            if person is not None and key.lower() in {person.email.lower(), person.local_id.lower(),
                                                      person.slack_id.lower(), person.teams_id.lower()}:
                return person
        return None

    async def local(self, name: str) -> Any:
        from bot.core.events import Actor

        return await self.dispatcher.resolve_person(Actor("console", name, name))


async def web_secret(app: App) -> bytes:
    """DXDESK_WEB_SECRET, else a random secret kept in the database (the same for every replica)."""
    if app.settings.web_secret:
        return app.settings.web_secret.encode("utf-8")
    stored = await app.meta.get("web_secret")
    if not stored:
        import secrets

        await app.meta.set("web_secret", secrets.token_hex(32))
        stored = await app.meta.get("web_secret")
    return str(stored).encode("utf-8")


async def mount_web_desk(app: App, web_app: web.Application) -> Any:
    """Serve the web desk on `web_app` and let the outbox reach people through it."""
    from datetime import timedelta

    from bot.adapters.web import Mailer, ProxyTrust, SmtpConfig, WebConfig, WebDesk, parse_networks

    settings = app.settings
    try:
        networks = parse_networks(settings.web_trusted_proxies)
    except ValueError as exc:
        raise ConfigurationError(f"DXDESK_WEB_TRUSTED_PROXIES: {exc}") from None
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    base_url = settings.web_base_url or f"http://{host}:{settings.port}"
    mailer = None
    if settings.smtp_host:
        mailer = Mailer(SmtpConfig(host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from,
                                   username=settings.smtp_username, password=settings.smtp_password,
                                   starttls=settings.smtp_starttls, implicit_tls=settings.smtp_tls))
    config = WebConfig(base_url=base_url, proxy=ProxyTrust(networks, settings.web_user_header),
                       local_signin=settings.web_local_signin_on,
                       session_lifetime=timedelta(hours=settings.web_session_hours),
                       link_lifetime=timedelta(minutes=settings.web_link_minutes),
                       cookie_secure=settings.web_cookie_secure, language=settings.language)
    people = app.services.people
    assert isinstance(people, SqlPeople)
    desk = WebDesk(config, app.dispatcher, RegistryDirectory(people, app.dispatcher, settings.web_login_email_domain),
                   app.services.state, app.services.audit, app.services.clock, await web_secret(app), mailer)
    desk.mount(web_app)
    app.platforms["web"] = desk
    app.add_notifier(desk.notifier)
    return desk


def routers() -> list[Any]:
    """Every feature's router, in one place."""
    # In this order `/dx help` lists the jobs.
    return [faq.router, meetings.router, checkins.router, assessment.router, *admin.routers, people.router,
            preferences.router]


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
    # The bounded, oldest-first queue every platform's turns go through (one CPU, one queue).
    admission: Admission = field(default_factory=Admission)
    # Purges of expired rows (event dedupe, Teams file blobs), run by `housekeep` every hour.
    purges: list[Callable[[], Awaitable[int]]] = field(default_factory=list)
    housekeeper: asyncio.Task[None] | None = None
    # The local chats running on this database (a chat holds its user; see `hold_console_user`).
    presence: SqlChatPresence | None = None

    async def housekeep(self) -> int:
        """Delete expired rows once (idempotent: replicas may run it at the same time)."""
        removed = 0
        for purge in self.purges:
            try:
                removed += await purge()
            except Exception:
                log.exception("housekeeping: a purge failed (tried again in an hour)")
        return removed

    async def _housekeeping_loop(self, interval: float = 3600.0) -> None:
        while True:
            await self.housekeep()
            await asyncio.sleep(interval)

    def add_notifier(self, notifier: Notifier) -> None:
        """Let the delivery worker reach people on one more platform."""
        self.notifiers[notifier.platform] = notifier
        self.worker.notifiers[notifier.platform] = notifier

    async def close(self) -> None:
        """Stop background work and release the database."""
        await stop_housekeeping(self)
        await self.worker.stop()
        await release_console_users(self)
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


# The office contact the sample FAQ's answers name (「DX推進室（内線1234）へ…」): the demo's contact.
SAMPLE_CONTACT = "内線1234"
SAMPLE_CONTACT_EN = "ext. 1234"  # the same in the samples' English wording


async def seed_sample_data(faq: SqlFaq, meta: SqlMeta, contact: str = "") -> bool:
    """On a fresh install load the bundled sample FAQ and synonyms, once (naming `contact`, the
    configured DXDESK_OFFICE_CONTACT, where the samples say 「内線1234」)."""
    if await meta.get("sample_seeded"):
        return False
    if not await faq.list_entries():
        report = read_faq_file(bundled("faq.yaml"))
        if not report.ok:
            raise RuntimeError(f"bundled FAQ is invalid: {report.errors[:3]}")
        await faq.upsert_entries([in_office_words(entry, contact) for entry in report.entries])
        if not await faq.synonyms():
            await faq.set_synonyms(read_synonyms(bundled("synonyms.yaml")))
    await meta.set("sample_seeded", datetime.now(UTC).isoformat())
    return True


def in_office_words(entry: FaqEntry, contact: str = "") -> FaqEntry:
    """A sample entry that names the office by the name this city gave it (the samples are
    written with the default 「DX推進室」), and by its contact when one is configured."""
    default, own = DEFAULT_NAMES["office"][0], office_name("ja")
    default_en, own_en = DEFAULT_NAMES["office"][1], office_name("en")
    if default == own and default_en == own_en and not contact.strip():
        return entry
    answer, answer_en = entry.answer.replace(default, own), entry.answer_en.replace(default_en, own_en)
    if contact.strip():
        answer = answer.replace(SAMPLE_CONTACT, contact.strip())
        answer_en = answer_en.replace(SAMPLE_CONTACT_EN, contact.strip())
    return replace(entry, question=entry.question.replace(default, own), answer=answer,
                   alternates=[a.replace(default, own) for a in entry.alternates],
                   department=entry.department.replace(default, own),
                   question_en=entry.question_en.replace(default_en, own_en), answer_en=answer_en)


async def is_fresh_install(app: App) -> bool:
    """Nothing loaded yet and no demo offered before: an empty FAQ, no roadmap, no decision."""
    if await app.meta.get("sample_seeded") or await app.meta.get("demo_declined"):
        return False
    checkins = app.services.get(CHECKINS)
    roadmap = await checkins.repo.count_roadmap_items() if checkins is not None else 0
    return not await app.faq.list_entries() and roadmap == 0


async def load_demo(app: App) -> tuple[int, int] | None:
    """Load the sample FAQ, synonyms and roadmap (for trying DX Desk, never for a real install).
    Returns (FAQ entries, roadmap items) loaded, or None when the demo was loaded before."""
    if await app.meta.get("sample_seeded"):
        return None
    await seed_sample_data(app.faq, app.meta, app.settings.office_contact)
    if not app.settings.office_contact.strip():
        # The samples name 「内線1234」: with no contact configured, the demo's office answers with
        # that one too (「内線何番？」), kept for the next start; a real install names none.
        await app.meta.set("demo_contact", SAMPLE_CONTACT)
        app.services.config = replace(app.services.config, office_contact=SAMPLE_CONTACT)
    checkins = app.services.get(CHECKINS)
    if checkins is not None:
        await seed_sample_roadmap(checkins.repo, app.meta)
    await app.search.ensure_current(force=True)
    roadmap = await checkins.repo.count_roadmap_items() if checkins is not None else 0
    return len(await app.faq.list_entries()), roadmap


async def decline_demo(app: App) -> None:
    """Remember that this install starts without the demo (the question is not asked again)."""
    await app.meta.set("demo_declined", datetime.now(UTC).isoformat())


async def build_app(settings: Settings, *, migrate: bool = True, clock: Any = None) -> App:
    """Build a ready DX Desk on the configured database (migrated and seeded)."""
    if migrate:
        await prepare_database(settings)
    engine = db.create_engine(settings.db_url)
    sessions = db.sessionmaker(engine)
    people = WebAwarePeople(sessions)
    faq = SqlFaq(sessions)
    meta = SqlMeta(sessions)
    outbox = WakingOutbox(sessions)
    if settings.other_desks and not Path(settings.other_desks).is_file():
        raise ConfigurationError(f"DXDESK_OTHER_DESKS: file not found: {settings.other_desks}")
    search = FaqSearchService(faq, use_vectors=settings.faq_vectors,
                              other_desks=read_other_desks(Path(settings.other_desks) if settings.other_desks
                                                          else bundled("other_desks.yaml")))
    office = parse_destination(settings.escalation_channel)
    config = DeskConfig(
        default_language=settings.language,
        escalation_mode=settings.escalation_mode,
        escalation_channel=office,
        max_message_chars=settings.max_message_chars,
        dialog_timeout_minutes=settings.dialog_timeout_minutes,
        typed_button_hours=settings.typed_button_hours,
        followup_hours=settings.followup_hours,
        button_number_minutes=settings.button_number_minutes,
        set_aside_hours=settings.set_aside_hours,
        office_contact=settings.office_contact or str(await meta.get("demo_contact") or ""),
        bootstrap_admins=settings.admin_keys,
        data_dir=str(settings.data_dir),
    )
    set_names(office=settings.office_name, office_en=settings.office_name_en, meeting=settings.meeting_name)
    job_registry.register(job_registries())
    calendar, job_scheduler, meeting_config = build_scheduling(settings)
    services = Services(
        people=people, faq=faq, search=search, state=SqlState(sessions), audit=SqlAudit(sessions),
        outbox=outbox, clock=clock or SystemClock(), config=config, calendar=calendar, scheduler=job_scheduler,
        deduper=(deduper := SqlDeduper(sessions)),
    )
    meeting_store = SqlMeetings(sessions)
    services.provide(MEETINGS, meeting_store)
    services.provide(MEETING_CONFIG, meeting_config)
    job_scheduler.add_rebuilder(rebuild_meeting_jobs)
    services.provide(ADMIN, AdminServices(MatplotlibCharts(), ExcelExporter(), SqlQuestionLog(sessions),
                                          csv_bom=settings.csv_bom, timezone=settings.timezone))
    services.provide(ASSESSMENT, build_assessment(settings, sessions))
    job_scheduler.add_rebuilder(rebuild_assessment_reminders)
    async with db.startup_lock(engine):
        # Replicas starting together on an empty database must seed the samples once.
        if settings.sample_data:
            await seed_sample_data(faq, meta, settings.office_contact)
        services.provide(CHECKINS, await build_checkins(settings, sessions, StoredMeetingDates(meeting_store)))
    job_scheduler.add_rebuilder(rebuild_checkin_jobs)
    metrics = Metrics()
    services.provide(PEOPLE_IMPORT, FilePeopleImporter(people))
    dispatcher = Dispatcher(routers(), services)
    dispatcher.transient = db.is_transient  # a brief database outage: handled again, not dropped
    dispatcher.observe = metrics.observe_event
    dispatcher.observe_reply = metrics.observe_reply
    faq.on_question = metrics.observe_question
    worker = DeliveryWorker(outbox, people, {}, office=office, language=settings.language,
                            signature=settings.signature,
                            on_result=metrics.observe_delivery)
    outbox.worker = worker
    services.reach = worker.reach
    shared = settings.rate_budget == "database" or (
        settings.rate_budget == "auto" and engine.dialect.name == "postgresql")
    deduper = SqlDeduper(sessions)
    app = App(settings=settings, engine=engine, services=services, dispatcher=dispatcher, worker=worker,
              search=search, faq=faq, meta=meta, deduper=deduper, refs=SqlConversationRefs(sessions),
              outbox=outbox, metrics=metrics, rate_shares=SqlRateShares(sessions) if shared else None,
              admission=Admission(settings.turn_concurrency, settings.turn_queue, settings.turn_patience),
              purges=[deduper.purge])
    app.presence = presence = SqlChatPresence(sessions, app.replica)

    async def in_another_chat(person: Any) -> bool:
        return bool(person.local_id) and await presence.held_by_another(person.local_id)

    # Every process (a server too) leaves the people chatting in a local chat to that chat.
    worker.held_elsewhere["console"] = in_another_chat
    return app


async def hold_console_user(app: App, local_id: str) -> None:
    """This process is the local chat of `local_id`: their proactive messages are printed here, not
    by another chat on the same data folder (the lease is renewed by the delivery worker's beat and
    dropped by `release_console_users` or, after a crash, when it lapses)."""
    if app.presence is None:
        return
    await app.presence.hold(local_id)
    app.worker.heartbeats.append(app.presence.beat)


async def release_console_users(app: App) -> None:
    """The local chat ends: its user's messages may be shown elsewhere again at once."""
    if app.presence is not None:
        try:
            await app.presence.leave()
        except Exception:
            log.warning("could not drop the local chat's presence; it lapses by itself", exc_info=True)


async def create_web_app(app: App, *, socket_mode: bool = False) -> web.Application:
    """The aiohttp application of `dxdesk serve`: Slack and/or Teams endpoints plus health."""
    settings = app.settings
    web_app = web_application(client_max_size=4 * 1024 * 1024)
    # With a management port, /readyz and /metrics are served there only (see run_server).
    health_routes(web_app, app.readiness, app.render_metrics, probes=not settings.metrics_port,
                  metrics_token=settings.metrics_token)
    if settings.slack_enabled:
        from bot.adapters.slack import SlackAdapter, SlackConfig

        slack = SlackAdapter(
            SlackConfig(bot_token=settings.slack_bot_token, signing_secret=settings.slack_signing_secret,
                        app_token=settings.slack_app_token, api_url=settings.slack_api_url,
                        max_messages_per_second=settings.slack_max_messages_per_second),
            app.dispatcher, app.deduper, app.outbox, shares=app.rate_shares, replica=app.replica,
            admission=app.admission,
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
        blobs = SqlFileBlobs(db.sessionmaker(app.engine), clock=app.services.clock)
        app.purges.append(blobs.purge)
        teams = TeamsAdapter(
            TeamsConfig(app_id=settings.microsoft_app_id, app_password=settings.microsoft_app_password,
                        app_type=settings.microsoft_app_type, tenant_id=settings.microsoft_app_tenant_id,
                        no_auth=settings.teams_no_auth, openid_metadata=settings.teams_openid_metadata,
                        channels=settings.teams_channel_ids),
            app.dispatcher, app.refs, app.services.people, app.outbox,
            files=blobs,
            shares=app.rate_shares, replica=app.replica, admission=app.admission,
        )
        teams.mount(web_app)
        if teams.sender.share is not None:
            app.worker.heartbeats.append(teams.sender.share.update)
        app.platforms["teams"] = teams
        app.add_notifier(teams.notifier)
    if settings.web_enabled:
        await mount_web_desk(app, web_app)
    if not app.platforms:
        log.warning("neither Slack (SLACK_BOT_TOKEN), Teams (MICROSOFT_APP_ID) nor the web desk (DXDESK_WEB) is "
                    "configured: only /healthz, /readyz and /metrics are served. Try `dxdesk chat` for the local chat.")
    return web_app


async def start_background(app: App, *, socket_mode: bool = False) -> None:
    """Index warm-up, the delivery worker, and Socket Mode when asked for."""
    await app.search.ensure_current(force=True)
    app.worker.start()
    await start_scheduler(app)
    if app.housekeeper is None:
        app.housekeeper = asyncio.create_task(app._housekeeping_loop(), name="housekeeping")
    if socket_mode and "slack" in app.platforms:
        await app.platforms["slack"].start_socket_mode()


async def stop_housekeeping(app: App) -> None:
    """Stop the hourly purge (a purge in flight is cancelled: it is a single DELETE, retried later)."""
    task, app.housekeeper = app.housekeeper, None
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def stop_background(app: App) -> None:
    """Stop background work (the caller then closes the app)."""
    await stop_housekeeping(app)
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
    management: web.AppRunner | None = None
    if settings.metrics_port:
        management = web.AppRunner(management_app(app.readiness, app.render_metrics,
                                                  metrics_token=settings.metrics_token), handle_signals=False)
        await management.setup()
        await web.TCPSite(management, settings.metrics_host, settings.metrics_port).start()
        log.info("/metrics and /readyz on http://%s:%s", settings.metrics_host, settings.metrics_port)
    await start_background(app, socket_mode=socket_mode)
    # Everything loaded at start (dictionaries, vectors, the index) lives for the whole process:
    # move it out of the garbage collector's view so full collections stop causing 100 ms pauses.
    gc.collect()
    gc.freeze()
    log.info("DX Desk listening on http://%s:%s (web desk=%s, slack=%s, teams=%s, socket_mode=%s)",
             host, port, settings.web_enabled, settings.slack_enabled, settings.teams_on, socket_mode)
    await stop.wait()
    log.info("stopping: finishing in-flight work")
    await runner.cleanup()  # stops accepting, waits for in-flight requests
    if management is not None:
        await management.cleanup()
    await stop_background(app)
    await app.close()
    log.info("stopped")
