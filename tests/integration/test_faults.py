"""Faults while proactive messages flow: PostgreSQL connections killed mid-burst, the Slack API
failing for a while, and the process killed between deciding and sending. Afterwards every
message is delivered once and none is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import timedelta
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.app.composition import App, create_web_app
from bot.core.model import Person, Role
from bot.core.replies import Destination, Reply
from storage.db import is_transient
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.meetings import eventually
from tests.support.people import add_person

ROOT = Path(__file__).resolve().parents[2]


async def slack_app(app_factory, url: str, api: FakeSlackApi) -> App:  # type: ignore[no-untyped-def]
    """An app whose delivery worker reaches people on the fake Slack (as `dxdesk serve` wires it)."""
    app = await app_factory(database_url=url, **SlackBot.settings(api))
    await create_web_app(app)
    app.worker.poll_interval = 0.05
    app.worker.base_delay = 0.05
    return app


async def liaisons(app: App, n: int) -> list[Person]:
    """`n` people reachable on Slack (U0L001 ...), plus an admin who receives failure reports."""
    await add_person(app, "admin", Role.ADMIN, name="管理者")
    return [await add_person(app, f"U0L{i:03d}", Role.LIAISON, name=f"推進員{i}", platform="slack")
            for i in range(1, n + 1)]


async def enqueue_reminders(app: App, people: list[Person], per_person: int) -> list[tuple[str, str]]:
    """Queue `per_person` numbered reminders for everyone; returns the (channel, text) expected."""
    expected = []
    for k in range(per_person):
        for p in people:
            text = f"リマインド{k + 1} {p.display_name}"
            await app.outbox.enqueue(Destination("", "person", str(p.id)), Reply(text=text),
                                     dedupe_key=f"fault:{k}:{p.id}")
            expected.append((f"D0L{p.slack_id[3:]}", text))
    return expected


def posted(api: FakeSlackApi, ok_only: bool = True) -> Counter[tuple[str, str]]:
    """(channel, text) of every chat.postMessage the fake accepted."""
    return Counter((str(c.params.get("channel")), str(c.params.get("text")))
                   for c in api.calls_to("chat.postMessage"))


async def all_sent(app: App) -> bool:
    try:
        rows = await app.outbox.list()
    except DBAPIError as exc:
        # A connection killed within the last second fails its next statement once (storage/db.py):
        # the test's own read may be that statement; the next poll gets a fresh connection.
        if exc.connection_invalidated or is_transient(exc):
            return False
        raise
    return {r.status for r in rows} == {"sent"}


async def terminate_connections(url: str) -> int:
    """pg_terminate_backend every connection to the app's database (as a failover would)."""
    target = make_url(url)
    admin = make_url(os.environ["DXDESK_TEST_PG_URL"])
    conn = await asyncpg.connect(host=admin.host or "127.0.0.1", port=admin.port or 5432,
                                 user=admin.username or "postgres", database=admin.database or "test")
    try:
        rows = await conn.fetch("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = $1 AND pid <> pg_backend_pid()", target.database)
        return sum(1 for r in rows if r[0])
    finally:
        await conn.close()


async def test_postgres_connections_killed_mid_burst(pg_url, app_factory, slack_api):
    app = await slack_app(app_factory, pg_url, slack_api)
    app.worker.lease = timedelta(seconds=3)  # a lease lost with a killed connection comes back soon
    people = await liaisons(app, 40)
    expected = await enqueue_reminders(app, people, 4)
    app.worker.start()

    killed = 0
    for threshold in (20, 70, 120):
        await eventually(lambda t=threshold: _at_least(slack_api, t), timeout=15)
        killed += await terminate_connections(pg_url)
    assert killed >= 1, "the burst should have been using the database when connections were killed"

    await eventually(lambda: all_sent(app), timeout=15)
    counts = posted(slack_api)
    assert sum(counts.values()) == len(expected) == 160
    assert counts == Counter(expected), "every reminder once: none lost, none doubled"
    # The app itself works on fresh connections afterwards.
    assert (await app.readiness())["database"] is True


async def _at_least(api: FakeSlackApi, n: int) -> bool:
    return len(api.calls_to("chat.postMessage")) >= n


async def test_slack_failing_for_a_while_then_recovering(app_factory, slack_api, tmp_path):
    app = await slack_app(app_factory, f"sqlite+aiosqlite:///{tmp_path / 'flaky.db'}", slack_api)
    people = await liaisons(app, 12)
    expected = await enqueue_reminders(app, people, 2)
    slack_api.queue("chat.postMessage", status=500, body={"ok": False, "error": "internal_error"}, times=10)
    slack_api.queue("chat.postMessage", status=503, body="upstream unavailable", times=2)
    slack_api.queue_rate_limit("chat.postMessage", retry_after=1, times=2)
    app.worker.start()

    await eventually(lambda: all_sent(app), timeout=15)
    calls = slack_api.calls_to("chat.postMessage")
    assert len(calls) == len(expected) + 14  # each refused call was tried again, and only those
    accepted = Counter((str(c.params.get("channel")), str(c.params.get("text"))) for c in calls[14:])
    assert accepted == Counter(expected)
    rows = await app.outbox.list()
    assert sum(r.attempts for r in rows) == len(expected) + 12  # the two 429s spent no attempt
    # Each person's two reminders still arrived in the order they were decided.
    for channel in {ch for ch, _ in expected}:
        texts = [str(c.params["text"]) for c in calls[14:] if c.params.get("channel") == channel]
        assert [t.split()[0] for t in texts] == ["リマインド1", "リマインド2"], texts


CHILD = textwrap.dedent("""
    import asyncio, sys
    from datetime import timedelta
    from pathlib import Path
    from bot.app.composition import build_app
    from bot.core.model import Person, Role
    from bot.core.replies import Destination, Reply
    from tests.conftest import make_settings

    async def main():
        app = await build_app(make_settings(Path(sys.argv[2]), sys.argv[1]))
        for i in range(1, 6):
            person = await app.services.people.save(
                Person(id=0, display_name=f"推進員{i}", slack_id=f"U0L{i:03d}", role=Role.LIAISON))
            await app.outbox.enqueue(Destination("", "person", str(person.id)),
                                     Reply(text=f"会議のお知らせ {i}"), dedupe_key=f"crash:{i}")
        # Decided and leased; the process dies before anything reaches Slack.
        rows = await app.outbox.claim_due("doomed-worker", lease=timedelta(seconds=1))
        print("CLAIMED", len(rows), flush=True)
        await asyncio.sleep(60)

    asyncio.run(main())
""")


async def test_process_killed_between_deciding_and_sending(any_db_url, app_factory, slack_api, tmp_path):
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, any_db_url, str(tmp_path / "child"), cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = await asyncio.wait_for(child.stdout.readline(), timeout=30)  # type: ignore[union-attr]
        assert line.decode().split() == ["CLAIMED", "5"], (line, await child.stderr.read())  # type: ignore[union-attr]
    finally:
        child.send_signal(signal.SIGKILL)
        await child.wait()
    assert child.returncode == -signal.SIGKILL

    app = await slack_app(app_factory, any_db_url, slack_api)
    # The dead worker's lease still holds for a moment: nobody else takes the rows meanwhile.
    assert {r.status for r in await app.outbox.list()} == {"sending"}
    app.worker.start()
    await eventually(lambda: all_sent(app), timeout=10)
    assert posted(slack_api) == Counter((f"D0L{i:03d}", f"会議のお知らせ {i}") for i in range(1, 6))
    assert all(r.attempts == 2 and r.claimed_by == app.worker.worker_id for r in await app.outbox.list())


async def test_a_429_storm_delays_a_fan_out_and_fails_nothing(app_factory, slack_api, tmp_path):
    """Issue 17, point 2: Slack answers every chat.postMessage with 429 (Retry-After 1) for 12 s —
    longer than eight attempts used to last. Every reminder arrives once, none fails, and the admin
    gets no failure report."""
    app = await slack_app(app_factory, f"sqlite+aiosqlite:///{tmp_path / 'storm.db'}", slack_api)
    app.worker.report_delay = 0.2
    people = await liaisons(app, 40)
    expected = await enqueue_reminders(app, people, 1)
    slack_api.rate_limit_for("chat.postMessage", 12.0, retry_after=1)
    app.worker.start()
    await eventually(lambda: all_sent(app), timeout=45)
    assert slack_api.throttled > 40  # every row met the storm, most of them several times
    accepted = Counter((channel, str(m.get("text"))) for channel, messages in slack_api.history.items()
                       for m in messages)
    assert accepted == Counter(expected), "every reminder once: none lost, none doubled"
    rows = await app.outbox.list()
    assert {r.status for r in rows} == {"sent"} and max(r.attempts for r in rows) == 1  # 429s spend none
    await asyncio.sleep(0.5)
    assert not [c for c in slack_api.calls_to("chat.postMessage") if "配信失敗" in str(c.params.get("text"))]
