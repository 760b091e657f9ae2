"""Three DX Desk replicas on one PostgreSQL database share nothing in process memory that another
replica needs: a form continues wherever the next message lands, a Slack retry that reaches
another replica is not answered twice, and a reminder fires once with three schedulers running."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from bot.app.composition import start_scheduler
from bot.core.model import Person, Role
from bot.core.replies import Destination, Reply
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.integration.test_checkins_dialogue import ANSWERS_CITIZEN
from tests.support.checkins import member
from tests.support.meetings import RecordingNotifier, eventually, office, rows_with, tokyo
from tests.support.platforms import serve_slack

KNOWN = "ズームで画面共有したい"


async def test_a_form_started_on_one_replica_continues_on_the_others(pg_url, app_factory, clock):
    a, b, c = [await app_factory(database_url=pg_url, clock=clock) for _ in range(3)]
    admin = await member(a, "boss", "管理者", "DX推進室", Role.ADMIN)
    tanaka = await member(a, "tanaka", "田中", "市民課")
    await member(a, "sato", "佐藤", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    assert "進捗報告を開始しました" in admin.text() and "兼務職員2名" in admin.text()

    # Each message lands on whichever replica the load balancer picks.
    await tanaka.command("checkin")
    assert "対象としている手続は、全部で何件" in tanaka.text()
    replicas = [a, b, c]
    for i, answer in enumerate(ANSWERS_CITIZEN):
        tanaka.app = replicas[(i + 1) % 3]
        await tanaka.say(answer)
    tanaka.app = c
    summary = tanaka.text()
    assert "回答内容の確認" in summary and "オンライン化率（自動計算）: 66.7%" in summary
    assert "「転出届のオンライン化」の遅延理由: 業者との契約が来月にずれたため" in summary
    tanaka.app = b
    await tanaka.press(tanaka.choice("この内容で送信"))
    assert "進捗報告（市民課）を提出しました" in tanaka.text()

    # Every answer, whichever replica took it, is in the stored result.
    result = await a.services.get(CHECKINS).repo.result_for(1, "市民課")
    assert (result.in_scope, result.online, result.rate, result.forms_created) == (12, 8, 66.7, 2)
    assert (result.items_total, result.items_late) == (2, 1)
    assert result.answers["obstacles"] == ["budget", "system"] and result.answers["needs_consultation"] is True
    assert {k: result.answers[k] for k in ("roadmap.1.status", "roadmap.2.status", "roadmap.2.delay_reason",
                                           "obstacles_detail", "consultation_detail", "small_findings")} == {
        "roadmap.1.status": "in_progress", "roadmap.2.status": "delayed",
        "roadmap.2.delay_reason": "業者との契約が来月にずれたため", "obstacles_detail": "予算の確保と業者選定",
        "consultation_detail": "フォーム作成の研修をしてほしい", "small_findings": "窓口での問い合わせが減りました"}


@pytest.fixture
def slack_api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The shared fake Slack, with the workspace's two staff members."""
    slack_api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    slack_api.add_user("U0KATO", "加藤 次郎", "kato@city.example.jp")
    return slack_api


async def test_a_slack_retry_landing_on_another_replica_is_not_answered_again(pg_url, app_factory, slack_api):
    settings: dict[str, Any] = SlackBot.settings(slack_api, admins="slack:U0ADMIN")
    a = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    b = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    try:
        # A answers; Slack did not see the acknowledgement in time and retries to B.
        sent, body = await a.workspace.dm("U0STAFF", KNOWN)
        assert sent.status == 200
        answer = await slack_api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
        assert "解決しましたか？" in answer.all_text()
        retried = await b.workspace.post_json(body, retry_num=1)
        assert retried.status == 200
        await b.idle()
        await a.idle()

        # The same delivery posted to both replicas at the same moment: one of them answers.
        _, body2 = await a.workspace.dm("U0KATO", KNOWN, retry_num=None)
        await a.idle()
        await slack_api.next_call("chat.postMessage", channel="D0KATO", timeout=10)
        again = [b.workspace.post_json(body2, retry_num=n) for n in (1, 2)]
        again.append(a.workspace.post_json(body2, retry_num=3))
        assert {s.status for s in await asyncio.gather(*again)} == {200}
        await asyncio.gather(a.idle(), b.idle())

        posts = Counter(c.params.get("channel") for c in slack_api.calls_to("chat.postMessage"))
        assert posts == {"D0STAFF": 1, "D0KATO": 1}
    finally:
        await a.stop()
        await b.stop()


async def test_concurrent_first_deliveries_on_two_replicas_answer_once(pg_url, app_factory, slack_api):
    """Slack's retry can arrive while the first delivery is still being handled elsewhere."""
    settings: dict[str, Any] = SlackBot.settings(slack_api, admins="slack:U0ADMIN")
    a = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    b = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api)
    try:
        body = a.workspace.event("message_im", user="U0STAFF", text=KNOWN, ts=a.workspace.next_ts(),
                                 channel="D0STAFF")
        body["event"]["event_ts"] = body["event"]["ts"]
        results = await asyncio.gather(a.workspace.post_json(body), b.workspace.post_json(body, retry_num=1))
        assert [r.status for r in results] == [200, 200]
        await slack_api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
        await asyncio.gather(a.idle(), b.idle())
        assert len(slack_api.calls_to("chat.postMessage")) == 1
    finally:
        await a.stop()
        await b.stop()


RULE = "2026-11-26 15:00 | リマインド: 3営業日前 9:00"
JOB = "meeting:1:2026-11-26:3bd0900"


async def test_three_schedulers_fire_each_reminder_once(pg_url, app_factory):
    clock = FakeClock(tokyo(2026, 11, 16, 9, 0))
    apps = [await app_factory(database_url=pg_url, clock=clock, scheduler_poll=0.05) for _ in range(3)]
    admin, _ = await office(apps[0])
    await admin.command(f"meeting set {RULE}")
    assert all(JOB in app.services.scheduler.job_ids("meeting:") for app in apps)

    clock.current = tokyo(2026, 11, 20, 9, 5)  # past the reminder time: all three see it due
    notifier = RecordingNotifier()
    for app in apps:
        app.add_notifier(notifier)
        app.worker.poll_interval = 0.05
    await asyncio.gather(*(start_scheduler(app) for app in apps))
    for app in apps:
        app.worker.start()
    leaders = [app for app in apps if app.services.scheduler.is_leader]
    assert len(leaders) == 1, "exactly one scheduler leader per database"

    async def delivered():  # type: ignore[no-untyped-def]
        counts = Counter(who for who, reply in notifier.delivered if "会議のお知らせ" in reply.title)
        return counts if sum(counts.values()) >= 3 else None

    assert await eventually(delivered) == {"suzuki": 1, "sato": 1, "kato": 1}
    assert len(await rows_with(apps[0], f"{JOB}:")) == 3

    # The leader goes away: one of the two standbys takes over, and nothing fires again.
    leader = leaders[0]
    await leader.close()
    rest = [app for app in apps if app is not leader]

    async def one_new_leader():  # type: ignore[no-untyped-def]
        return sum(app.services.scheduler.is_leader for app in rest) == 1

    await eventually(one_new_leader)
    # Give the new leader's rebuilt job store a few polls to (wrongly) re-fire the reminder.
    for app in rest:
        await app.worker.drain()
    await asyncio.sleep(0.3)
    counts = Counter(who for who, reply in notifier.delivered if "会議のお知らせ" in reply.title)
    assert counts == {"suzuki": 1, "sato": 1, "kato": 1}
    assert len(await rows_with(rest[0], f"{JOB}:")) == 3
    for app in rest:
        await app.close()  # before the database is dropped


async def test_two_replicas_divide_the_slack_workspace_budget(pg_url, app_factory, slack_api):
    # Both replicas deliver from the shared outbox; together they must stay within the workspace
    # budget (10 a second here), not 10 a second each.
    settings: dict[str, Any] = SlackBot.settings(slack_api, slack_max_messages_per_second=10)
    a = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api, worker=False)
    b = await serve_slack(await app_factory(database_url=pg_url, **settings), slack_api, worker=False)
    try:
        for bot in (a, b, a):
            await bot.adapter.pacer.share.update()  # what each worker's heartbeat does
        assert {bot.adapter.pacer.share.replicas for bot in (a, b)} == {2}
        people = a.app.services.people
        for i in range(40):
            person = await people.save(Person(id=0, display_name=f"推進員{i}", role=Role.LIAISON, slack_id=f"U0B{i:03d}"))
            await a.app.outbox.enqueue(Destination("", "person", str(person.id)), Reply(text=f"お知らせ{i}"))
        delivered = Counter[str]()
        for name, bot in (("a", a), ("b", b)):
            real = bot.adapter.notifier.deliver

            async def deliver(destination, person, reply, real=real, name=name):
                await real(destination, person, reply)
                delivered[name] += 1

            bot.adapter.notifier.deliver = deliver
            # Small leases, so that both replicas get rows to deliver.
            bot.app.worker.batch = bot.app.worker.lookahead = 4
            bot.app.worker.poll_interval = 0.05
            bot.app.worker.start()

        async def all_posted() -> bool:
            return len(slack_api.calls_to("chat.postMessage")) >= 40

        await eventually(all_posted, timeout=30)
        posts = slack_api.calls_to("chat.postMessage")
        assert sorted(c.params["text"] for c in posts) == sorted(f"お知らせ{i}" for i in range(40))
        arrivals = sorted(c.at for c in posts)
        # 10 a second together (20 if each replica took the whole budget). Counted over 0.9 s: the
        # pacers keep 1.02 s windows, and a loaded test machine delays arrivals by tens of ms.
        busiest = max(sum(1 for t in arrivals if start <= t < start + 0.9) for start in arrivals)
        assert busiest <= 10, f"{busiest} messages reached Slack within 0.9 s: {[round(t - arrivals[0], 3) for t in arrivals]}"
        assert delivered["a"] and delivered["b"], delivered  # both replicas took part
    finally:
        await a.stop()
        await b.stop()
