"""Outbound calls: 429 Retry-After, 5xx backoff, hand-over to the outbox, permanent failures
reported to the office, files upload v2, and split replies that are never repeated."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.core.replies import Attachment, Destination, Field, Reply
from scheduler.outbox import DeliveryWorker
from storage.base import utcnow
from storage.shared.models import OutboxRow
from storage.shared.repo import SqlOutbox
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.platforms import StartSlack

OFFICE = "C0OFFICE"
KNOWN = "ズームで画面共有したい"


@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The workspace: one staff member."""
    slack_api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    return slack_api


@pytest.fixture
async def bot(api: FakeSlackApi, start_slack: StartSlack) -> SlackBot:
    return await start_slack(escalation_channel=f"slack:{OFFICE}")


def gaps(calls) -> list[float]:
    return [b.at - a.at for a, b in itertools.pairwise(calls)]


async def staff_person(bot: SlackBot) -> int:
    """Register the staff member the way it happens in real life: they write to the bot once."""
    await bot.workspace.dm("U0STAFF", "こんにちは")
    await bot.api.next_call("chat.postMessage", channel="D0STAFF")
    person = await bot.app.services.people.find("U0STAFF")
    assert person is not None
    return person.id


async def test_a_rate_limited_reply_waits_for_retry_after(bot: SlackBot, api: FakeSlackApi) -> None:
    api.queue_rate_limit("chat.postMessage", retry_after=1)
    await bot.workspace.dm("U0STAFF", KNOWN)
    await api.next_call("chat.postMessage", channel="D0STAFF")
    delivered = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "Zoom" in delivered.all_text()
    assert gaps(api.calls_to("chat.postMessage"))[0] >= 1.0
    await bot.idle()
    assert len(api.calls_to("chat.postMessage")) == 2


async def test_a_429_storm_is_waited_out_and_the_answer_arrives_once(bot: SlackBot, api: FakeSlackApi) -> None:
    # More 429s than the inline retries absorb: the reply moves to the outbox, which also waits.
    api.queue_rate_limit("chat.postMessage", retry_after=1, times=4)
    await bot.workspace.dm("U0STAFF", KNOWN)
    for _ in range(4):
        await api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
    delivered = await api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
    assert "Zoom" in delivered.all_text()
    # Slack refused the earlier attempts, so nothing had to be looked up before trying again.
    assert not api.calls_to("conversations.history")
    calls = api.calls_to("chat.postMessage")
    assert all(gap >= 1.0 for gap in gaps(calls)[:2]), "inline retries must honour Retry-After"
    assert calls[-1].at - calls[-2].at >= 1.0, "the outbox must honour Retry-After too"
    await bot.app.worker.drain()
    assert len(api.calls_to("chat.postMessage")) == 5


async def test_server_errors_are_retried_and_then_handed_to_the_outbox(bot: SlackBot, api: FakeSlackApi) -> None:
    api.queue("chat.postMessage", status=500, body={"ok": False, "error": "internal_error"}, times=3)
    await bot.workspace.dm("U0STAFF", KNOWN)
    for _ in range(3):
        await api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
    delivered = await api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
    assert "Zoom" in delivered.all_text()
    # Slack refused the earlier attempts, so nothing had to be looked up before trying again.
    assert not api.calls_to("conversations.history")
    await bot.app.worker.drain()
    assert len(api.calls_to("chat.postMessage")) == 4


async def test_a_rate_limited_response_url_is_retried(bot: SlackBot, api: FakeSlackApi) -> None:
    api.queue("hook", status=429, body="rate_limited", headers={"Retry-After": "1"})
    await bot.workspace.command("U0STAFF", "help")
    await api.next_call("hook")
    answer = await api.next_call("hook", timeout=5)
    assert "使えるコマンド" in answer.all_text()
    assert gaps(api.calls_to("hook"))[0] >= 1.0


async def test_a_message_that_can_never_be_delivered_is_reported_to_the_office(
        bot: SlackBot, api: FakeSlackApi) -> None:
    person_id = await staff_person(bot)
    bot.app.worker.report_delay = 0.2  # failures are summarised after a quiet spell (30 s by default)
    # The person left: Slack refuses to open a DM with a deactivated account.
    api.queue("conversations.open", body={"ok": False, "error": "user_disabled"})
    await bot.app.outbox.enqueue(Destination("slack", "person", str(person_id)),
                                 Reply(title="アセスメントのお願い", text="今月のスキル診断に回答してください。"))
    report = await api.next_call("chat.postMessage", channel=OFFICE, timeout=10)
    assert "配信失敗" in report.all_text()
    assert "佐藤 一郎" in report.all_text() and "user_disabled" in report.all_text()
    assert "今月のスキル診断" in report.all_text()


async def test_files_go_by_files_upload_v2(bot: SlackBot, api: FakeSlackApi) -> None:
    person_id = await staff_person(bot)
    chart = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    table = "部署,回答率\n総務課,80%\n".encode()
    await bot.app.outbox.enqueue(
        Destination("slack", "person", str(person_id)),
        Reply(title="今月の進捗", text="グラフと表を添付します。",
              attachments=(Attachment("progress.png", chart, "image/png", "進捗グラフ"),
                           Attachment("progress.csv", table, "text/csv"))))
    message = await api.next_call("chat.postMessage", channel="D0STAFF", timeout=10)
    assert "今月の進捗" in message.all_text()
    first = await api.next_call("files.getUploadURLExternal")
    second = await api.next_call("files.getUploadURLExternal")
    assert (first.params["filename"], second.params["filename"]) == ("progress.png", "progress.csv")
    complete = await api.next_call("files.completeUploadExternal")
    assert complete.params["channel_id"] == "D0STAFF"
    assert [f["title"] for f in complete.params["files"]] == ["進捗グラフ", "progress.csv"]
    assert sorted(api.uploads.values(), key=len) == sorted([chart, table], key=len)


async def test_a_split_reply_resumes_without_repeating_what_was_sent(bot: SlackBot, api: FakeSlackApi) -> None:
    # 600 fields need 60 sections: two messages. The second fails once; the first is not resent.
    fields = tuple(Field(f"職員{i:03d}", f"{i % 5}件") for i in range(600))
    await bot.app.outbox.enqueue(Destination("slack", "channel", OFFICE), Reply(title="未回答一覧", fields=fields))
    api.queue("chat.postMessage", status=200, body={"ok": True, "channel": OFFICE, "ts": "1.1"})
    api.queue("chat.postMessage", status=503, body={"ok": False, "error": "service_unavailable"})
    first = await api.next_call("chat.postMessage", channel=OFFICE, timeout=10)
    await api.next_call("chat.postMessage", channel=OFFICE, timeout=10)
    second = await api.next_call("chat.postMessage", channel=OFFICE, timeout=10)
    await bot.app.worker.drain()
    assert len(api.calls_to("chat.postMessage")) == 3
    labels = [f["text"].split("*")[1] for c in (first, second) for b in c.blocks for f in b.get("fields", [])]
    assert labels == [f"職員{i:03d}" for i in range(600)], "every field exactly once, in order"


class DiesAfterSending(SqlOutbox):
    """A replica's view of the outbox that is killed right after Slack accepted a message: it never
    records the message as sent."""

    async def mark_sent(self, oid: int, worker: str) -> None:
        raise ConnectionError("the process was killed")


async def deliver_then_crash(bot: SlackBot, text: str) -> int:
    """Replica A sends one outbox message and dies before recording it; its lease has run out."""
    person_id = await staff_person(bot)
    await bot.app.worker.stop()  # this test plays the replicas' workers itself
    oid = await bot.app.outbox.enqueue(Destination("", "person", str(person_id)), Reply(text=text), "meeting:1")
    dying = DeliveryWorker(DiesAfterSending(bot.app.outbox.sessions), bot.app.services.people, bot.app.notifiers)
    assert await dying.run_once() == 1
    async with bot.app.outbox.sessions() as s:  # its lease runs out
        await s.execute(update(OutboxRow).where(OutboxRow.id == oid).values(claimed_until=utcnow() - timedelta(seconds=1)))
        await s.commit()
    return oid


async def test_a_message_slack_accepted_before_a_crash_is_not_sent_again(bot: SlackBot, api: FakeSlackApi) -> None:
    oid = await deliver_then_crash(bot, "定例会議は明日10時からです")
    survivor = DeliveryWorker(bot.app.outbox, bot.app.services.people, bot.app.notifiers)
    await survivor.drain()
    posts = [c for c in api.calls_to("chat.postMessage") if "定例会議は明日10時から" in c.all_text()]
    assert len(posts) == 1
    assert posts[0].params["metadata"]["event_payload"] == {"outbox_id": str(oid), "step": 0}
    # The second attempt looked for the message (by its metadata) instead of sending it again.
    history = api.calls_to("conversations.history")
    assert len(history) == 1 and history[0].params["channel"] == "D0STAFF"
    row = await bot.app.outbox.get(oid)
    assert row is not None and (row.status, row.attempts) == ("sent", 2)


async def test_without_history_access_the_message_is_sent_rather_than_lost(bot: SlackBot, api: FakeSlackApi) -> None:
    oid = await deliver_then_crash(bot, "研修のお知らせ")
    api.queue("conversations.history", body={"ok": False, "error": "missing_scope", "needed": "im:history"})
    await DeliveryWorker(bot.app.outbox, bot.app.services.people, bot.app.notifiers).drain()
    posts = [c for c in api.calls_to("chat.postMessage") if "研修のお知らせ" in c.all_text()]
    assert len(posts) == 2  # at least once: twice is better than never
    assert (await bot.app.outbox.get(oid)).status == "sent"
