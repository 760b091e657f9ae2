"""Migrations run forward from every released schema, not only from an empty database.

An installation that last ran an older release holds real rows (people, FAQ entries, queued
messages, half-finished forms). Upgrading it to this release must keep them, and the app must
then build and answer on it. Runs on SQLite and on PostgreSQL (`any_db_url`).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, bindparam, inspect, text

from bot.core.model import Person
from bot.core.replies import Destination, Reply
from scheduler.outbox import DeliveryWorker
from storage import db
from storage.base import UTCDateTime
from tests.support.dialogue import Person as Talker

WHEN = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
QUESTION = "庁内の複合機でスキャンした PDF の保存先を知りたい"
ANSWER = "スキャンした PDF は共有フォルダ「スキャン」に保存されます。"

# Tables each feature revision adds (a fragment of the schema is enough to tell them apart).
FEATURE_TABLES = {"0002": "meetings", "0003": "checkin_campaigns", "0004": "assessment_campaigns"}


async def _insert_release_0001_rows(url: str) -> None:
    """Rows as release 0001 wrote them, with plain SQL (no ORM model of this version involved)."""
    engine = db.create_engine(url)
    ts = bindparam("ts", type_=UTCDateTime())
    try:
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO people (id, display_name, department, role, language, slack_id, teams_id, "
                "teams_user_id, local_id, email, created_at, updated_at) VALUES "
                "(41, '移行 太郎', '市民課', 'liaison', 'ja', NULL, NULL, NULL, 'migrated', "
                "'taro@city.example.jp', :ts, :ts)").bindparams(ts), {"ts": WHEN})
            await conn.execute(text(
                "INSERT INTO faq_entries (id, question, answer, alternates, category, tags, department, updated_at) "
                "VALUES ('FAQ-900', :q, :a, :alts, 'OA機器', :tags, '', :ts)").bindparams(
                    ts, bindparam("alts", type_=JSON()), bindparam("tags", type_=JSON())),
                {"q": QUESTION, "a": ANSWER, "alts": ["スキャンの保存場所"], "tags": ["複合機"], "ts": WHEN})
            await conn.execute(text(
                "INSERT INTO outbox (destination, payload, dedupe_key, status, attempts, next_attempt_at, "
                "claimed_by, claimed_until, last_error, created_at, sent_at) VALUES "
                "(:dest, :payload, 'release1:reminder', 'pending', 0, :ts, '', NULL, '', :ts, NULL)").bindparams(
                    ts, bindparam("dest", type_=JSON()), bindparam("payload", type_=JSON())),
                {"dest": Destination("", "person", "41").to_dict(),
                 "payload": Reply(text="旧版で決めたお知らせ").to_dict(), "ts": WHEN})
            await conn.execute(text(
                "INSERT INTO conversation_state (key, value, updated_at) VALUES ('dialog:41', :value, :ts)")
                .bindparams(ts, bindparam("value", type_=JSON())),
                {"value": {"kind": "faq.answer", "data": {"question_id": 7}}, "ts": WHEN})
            if engine.dialect.name == "postgresql":
                # Explicit ids do not advance the sequence; release 0001 inserted through it.
                await conn.execute(text("SELECT setval('people_id_seq', 41)"))
    finally:
        await engine.dispose()


async def _tables(url: str) -> set[str]:
    engine = db.create_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


class _Console:
    """A platform that records what the delivery worker hands it."""

    platform = "console"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def can_reach(self, person: Person) -> bool:
        return bool(person.local_id)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        self.sent.append((destination.address, reply.text))


async def _check_upgraded_install(app_factory, url: str) -> None:  # type: ignore[no-untyped-def]
    """Everything release 0001 stored is there and works in this release."""
    app = await app_factory(database_url=url)
    assert await db.current_revision(app.engine) == db.head_revision()
    assert (await app.readiness())["migrations"] is True

    person = await app.services.people.find("migrated")
    assert person is not None and person.id == 41
    assert (person.display_name, person.department, person.email) == ("移行 太郎", "市民課", "taro@city.example.jp")
    entry = await app.faq.get_entry("FAQ-900")
    assert entry is not None and entry.alternates == ["スキャンの保存場所"] and entry.tags == ["複合機"]
    assert entry.updated_at == WHEN
    assert await app.services.state.get("dialog:41") == {"kind": "faq.answer", "data": {"question_id": 7}}

    # The message queued by the old release is still delivered, once.
    console = _Console()
    worker = DeliveryWorker(app.outbox, app.services.people, {"console": console}, base_delay=0.0)
    await worker.drain()
    await worker.drain()
    assert console.sent == [("41", "旧版で決めたお知らせ")]

    # New rows get fresh ids after the migrated ones (the sequence survived the upgrade).
    newcomer = await app.services.people.save(Person(id=0, display_name="新人", local_id="newcomer"))
    assert newcomer.id > 41

    # The app answers from the migrated FAQ (the bundled sample is not loaded over real data).
    asker = Talker(app, "newcomer", "新人")
    await asker.say("スキャンの保存場所")
    assert ANSWER in asker.text()
    await app.close()


async def test_upgrade_from_the_first_release_keeps_data(any_db_url: str, app_factory) -> None:
    await db.upgrade(any_db_url, "0001")
    await _insert_release_0001_rows(any_db_url)
    await db.upgrade(any_db_url, "heads")
    assert set(FEATURE_TABLES.values()) <= await _tables(any_db_url)
    await _check_upgraded_install(app_factory, any_db_url)


@pytest.mark.parametrize("feature", sorted(FEATURE_TABLES))
async def test_upgrade_from_each_feature_revision(any_db_url: str, app_factory, feature: str) -> None:
    """An installation on one feature branch (0001 + that feature) upgrades to heads."""
    await db.upgrade(any_db_url, "0001")
    await _insert_release_0001_rows(any_db_url)
    await db.upgrade(any_db_url, feature)
    tables = await _tables(any_db_url)
    assert FEATURE_TABLES[feature] in tables
    assert not {t for f, t in FEATURE_TABLES.items() if f != feature} & tables
    await db.upgrade(any_db_url, "heads")
    assert set(FEATURE_TABLES.values()) <= await _tables(any_db_url)
    await _check_upgraded_install(app_factory, any_db_url)


async def test_downgrade_to_base_and_up_again(any_db_url: str, app_factory) -> None:
    await db.upgrade(any_db_url, "heads")
    await db.downgrade(any_db_url, "base")
    assert await _tables(any_db_url) <= {"alembic_version"}
    await db.upgrade(any_db_url, "0001")
    await _insert_release_0001_rows(any_db_url)
    await db.upgrade(any_db_url, "heads")
    await _check_upgraded_install(app_factory, any_db_url)


@pytest.mark.parametrize("release", ["0010", "0011"])
async def test_upgrade_from_each_later_release(any_db_url: str, app_factory, release: str) -> None:
    """Installations at the merged release (0010) and at the files release (0011) upgrade to heads
    (0012 adds the replicas' rate shares) with their data."""
    await db.upgrade(any_db_url, "0001")
    await _insert_release_0001_rows(any_db_url)
    await db.upgrade(any_db_url, release)
    tables = await _tables(any_db_url)
    assert set(FEATURE_TABLES.values()) <= tables and "rate_shares" not in tables
    assert ("file_blobs" in tables) == (release == "0011")
    await db.upgrade(any_db_url, "heads")
    assert {"rate_shares", "file_blobs"} <= await _tables(any_db_url)
    await _check_upgraded_install(app_factory, any_db_url)


async def test_jobs_stored_by_module_path_are_renamed_and_still_fire_on_time(any_db_url: str, app_factory) -> None:
    """A reminder a release before 0013 planned (stored with its module path) keeps its time and
    runs the same job under its new name after the upgrade; downgrading restores the old path."""
    from datetime import timedelta

    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.date import DateTrigger

    await db.upgrade(any_db_url, "0012")
    run_at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    # Written the way release 0012's scheduler wrote it: the trampoline, then the module path.
    store = SQLAlchemyJobStore(url=db.sync_url(any_db_url), tablename="apscheduler_jobs")
    old = BackgroundScheduler(jobstores={"default": store}, timezone=UTC)
    old.start(paused=True)
    old.add_job("scheduler.service:run_job", trigger=DateTrigger(run_date=run_at, timezone=UTC),
                id="meeting:1:2027-01:3bd0900", args=("handlers.meetings.planning:send_reminder", 7, "3bd0900"))
    old.add_job("scheduler.service:run_job", trigger=DateTrigger(run_date=run_at, timezone=UTC),
                id="checkin:3:deadline", args=("handlers.checkins.jobs:report_deadline", 3))
    old.shutdown(wait=False)
    store.engine.dispose()

    await db.upgrade(any_db_url, "heads")
    app = await app_factory(database_url=any_db_url)
    scheduler = app.services.scheduler
    assert scheduler.job_args("meeting:1:2027-01:3bd0900") == ("meetings.send_reminder", 7, "3bd0900")
    assert scheduler.job_args("checkin:3:deadline") == ("checkins.report_deadline", 3)
    assert scheduler.next_run("meeting:1:2027-01:3bd0900") == run_at
    await app.close()

    await db.downgrade(any_db_url, "0012")
    store = SQLAlchemyJobStore(url=db.sync_url(any_db_url), tablename="apscheduler_jobs")
    try:
        job = store.lookup_job("meeting:1:2027-01:3bd0900")
        assert job is not None and tuple(job.args) == ("handlers.meetings.planning:send_reminder", 7, "3bd0900")
    finally:
        store.engine.dispose()
