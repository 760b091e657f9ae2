"""Meetings end to end, in-process: set, preview, reminders on the business calendar, RSVPs,
items, summaries, quiet hours, downtime, skip and cancel (FakeClock, no real waiting)."""

from __future__ import annotations

import pytest

from handlers.meetings.model import RsvpAnswer
from handlers.meetings.planning import send_reminder
from handlers.meetings.ports import MEETINGS
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import message_for, office, rows_with, tokyo

RULE = "毎月第4火曜 15:00 | 場所: 本庁舎3階 第1会議室 | リンク: https://meet.example/dx"
FEB = "meeting:1:2027-02-23"  # the rule's date is the key, even though the meeting moves to 2/24


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2027, 2, 1, 9, 0))  # Monday morning in Tokyo


def occurrence_of(app, job_id: str) -> int:
    args = app.services.scheduler.job_args(job_id)
    assert args is not None, app.services.scheduler.job_ids()
    return int(args[1])


async def test_set_plans_reminders_on_business_days_and_preview_explains(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.command(f"meeting set {RULE}")
    text = admin.text()
    assert "M-1" in text and "天皇誕生日" in text and "2027年2月24日（水）15:00" in text
    sched = app.services.scheduler
    assert sched.job_ids("meeting:1:") == sorted([
        f"{FEB}:0bd0830", f"{FEB}:3bd0900", "meeting:1:2027-03-23:0bd0830", "meeting:1:2027-03-23:3bd0900",
        "meeting:1:replan"])
    # Three business days before Wed 2/24 skip the holiday and the weekend: Thu 2/18.
    assert sched.next_run(f"{FEB}:3bd0900") == tokyo(2027, 2, 18, 9, 0)
    assert sched.next_run(f"{FEB}:0bd0830") == tokyo(2027, 2, 24, 8, 30)

    await admin.command("meeting preview")
    preview = admin.text()
    assert "2027年2月18日（木）09:00" in preview and "2027年2月24日（水）08:30" in preview
    assert "鈴木（企画課）" in preview and "佐藤（税務課）" in preview
    assert "天皇誕生日のため" in preview and "本庁舎3階 第1会議室" in preview
    assert await rows_with(app, "meeting:") == []  # a preview sends nothing

    # Changing the place keeps the plan; a bad rule is refused politely and changes nothing.
    await admin.command("meeting set M-1 | 場所: 4階 大会議室")
    assert "4階 大会議室" in admin.text()
    await admin.command("meeting set M-1 そのうち火曜 | 場所: どこか")
    assert "読み取れませんでした" in admin.text()
    await admin.command("meeting list")
    assert "4階 大会議室" in admin.text() and "どこか" not in admin.text()


async def test_reminder_rsvp_items_and_summary(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, kato) = await office(app)
    await kato.command("lang en")
    await admin.command(f"meeting set {RULE}")
    occ = occurrence_of(app, f"{FEB}:3bd0900")

    clock.current = tokyo(2027, 2, 18, 9, 0)
    await send_reminder(app.services, occ, "3bd0900")
    await send_reminder(app.services, occ, "3bd0900")  # fired twice: still one message each
    rows = await rows_with(app, f"{FEB}:3bd0900:")
    assert len(rows) == 3
    card = await message_for(app, f"{FEB}:3bd0900:", "suzuki")
    assert "天皇誕生日のため、2027年2月24日（水）に変更" in card.text
    assert [c.label for c in card.choices][:3] == ["出席", "欠席", "代理出席"]
    assert card.inputs[0].input_id == "proxy_name"
    english = await message_for(app, f"{FEB}:3bd0900:", "kato")
    assert "Attend" in [c.label for c in english.choices] and "moves to" in english.text

    # Buttons (as Slack/Teams send them) and typed answers.
    await suzuki.press(next(c for c in card.choices if c.label == "出席"))
    assert "「出席」で承りました" in suzuki.text()
    sato_card = await message_for(app, f"{FEB}:3bd0900:", "sato")
    await sato.press(next(c for c in sato_card.choices if c.label == "代理出席"))
    assert "お名前を入力" in sato.text()
    await sato.say("山田 花子さんが出ます")
    assert "代理出席（山田 花子）" in sato.text()
    await kato.say("I can't attend, on a business trip")
    assert "absent" in kato.text()
    await suzuki.press(next(c for c in card.choices if c.label == "代理出席"), proxy_name="高橋 一郎")
    assert "代理出席（高橋 一郎）" in suzuki.text()
    await suzuki.say("出席します")  # changed mind again: the latest answer wins
    answers = {r.person_id: r for r in await app.services.get(MEETINGS).list_rsvps(occ)}
    assert sorted(a.answer.value for a in answers.values()) == ["absent", "attend", "proxy"]
    assert any(a.comment.startswith("on a business trip") for a in answers.values())

    # Agenda items and small observations, typed or through the reminder's button.
    await suzuki.say("議題: 電子申請の進捗共有")
    assert "議題を受け付けました" in suzuki.text()
    await sato.press(next(c for c in sato_card.choices if c.label == "気づきを送る"))
    await sato.say("窓口の待ち時間が減りました")
    assert "気づきを受け付けました" in sato.text()
    await admin.command("meeting agenda")
    listed = admin.text()
    assert "電子申請の進捗共有（鈴木（企画課））" in listed and "窓口の待ち時間が減りました" in listed
    await admin.command("meeting rsvps")
    summary = admin.text()
    assert "出席 1名" in summary and "代理出席 1名" in summary and "欠席 1名" in summary and "未回答 0名" in summary
    assert "山田 花子" in summary

    # The morning-of reminder carries the collected agenda; the admins get the summary with it.
    clock.current = tokyo(2027, 2, 24, 8, 30)
    await send_reminder(app.services, occ, "0bd0830")
    morning = await message_for(app, f"{FEB}:0bd0830:", "sato")
    assert "本日 15:00 から" in morning.text and "電子申請の進捗共有" in morning.text
    report = await message_for(app, f"{FEB}:summary-0bd0830:", "local")
    assert "出席 1名" in report.text and "議題・気づき: 2件" in report.text

    # After the meeting: minutes to every liaison, and answers are closed.
    clock.current = tokyo(2027, 2, 24, 17, 0)
    await admin.command("meeting send-minutes 次回までに各課の電子申請の候補を1件ずつ挙げてください。")
    assert "3名に送信" in admin.text()
    minutes = await message_for(app, f"{FEB}:minutes-", "kato")
    assert "電子申請の候補" in minutes.text
    await suzuki.press(next(c for c in card.choices if c.label == "欠席"))
    assert "始まっている" in suzuki.text()


async def test_quiet_hours_wait_and_downtime_is_late_or_missed_never_twice(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.command(f"meeting set {RULE}")
    occ = occurrence_of(app, f"{FEB}:3bd0900")
    sched = app.services.scheduler

    # The bot comes back at 20:00: the reminder waits for the next morning instead of pinging at night.
    clock.current = tokyo(2027, 2, 18, 20, 0)
    await send_reminder(app.services, occ, "3bd0900")
    assert await rows_with(app, f"{FEB}:3bd0900:") == []
    assert sched.next_run(f"{FEB}:3bd0900") == tokyo(2027, 2, 19, 8, 30)
    clock.current = tokyo(2027, 2, 19, 8, 30)
    await send_reminder(app.services, occ, "3bd0900")
    late = await message_for(app, f"{FEB}:3bd0900:", "suzuki")
    assert "遅れて" in late.text

    # Down across the morning-of reminder until after the meeting started: not sent, office told.
    clock.current = tokyo(2027, 2, 24, 15, 30)
    await send_reminder(app.services, occ, "0bd0830")
    assert await rows_with(app, f"{FEB}:0bd0830:") == []
    notice = await message_for(app, f"{FEB}:0bd0830-missed:", "local")
    assert "リマインド未送信" in notice.text
    # A rebuild after the restart never re-plans what was sent or missed; it plans next month.
    from handlers.meetings.planning import rebuild_jobs

    await rebuild_jobs(app.services)
    assert not [j for j in sched.job_ids("meeting:1:") if j.startswith(FEB)]
    # 春分の日 2027 is a Sunday, so Monday 3/22 is a 振替休日: three business days before 3/23 is 3/17.
    assert sched.next_run("meeting:1:2027-03-23:3bd0900") == tokyo(2027, 3, 17, 9, 0)


async def test_skip_next_and_cancel(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.command(f"meeting set {RULE}")
    occ = occurrence_of(app, f"{FEB}:3bd0900")
    clock.current = tokyo(2027, 2, 18, 9, 0)
    await send_reminder(app.services, occ, "3bd0900")

    await admin.command("meeting skip-next")
    text = admin.text()
    assert "2027年2月24日（水）15:00 の会議は開催しません" in text and "3名" in text
    assert "2027年3月23日（火）" in text
    cancelled = await message_for(app, f"{FEB}:cancelled:", "suzuki")
    assert "開催中止" in cancelled.title
    sched = app.services.scheduler
    assert not [j for j in sched.job_ids("meeting:1:") if j.startswith(FEB)]
    assert "meeting:1:2027-04-27:3bd0900" in sched.job_ids("meeting:1:")
    clock.current = tokyo(2027, 2, 24, 8, 30)
    await send_reminder(app.services, occ, "0bd0830")  # a stale job of a skipped date does nothing
    assert await rows_with(app, f"{FEB}:0bd0830:") == []
    await suzuki.say("出席します")  # answers go to the next date that takes place
    rsvps = await app.services.get(MEETINGS).list_rsvps(occ)
    assert rsvps == []

    await admin.command("meeting cancel M-1")
    assert "中止" in admin.text()
    assert sched.job_ids("meeting:1:") == []
    await admin.command("meeting list")
    assert "登録されている会議はありません" in admin.text()


async def test_send_now_respects_the_night_unless_forced(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.command(f"meeting set {RULE}")
    clock.current = tokyo(2027, 2, 10, 21, 0)
    await admin.command("meeting send-now")
    assert "2027年2月12日（金）08:30 に送信" in admin.text()  # 2/11 is 建国記念の日
    manual = [j for j in app.services.scheduler.job_ids(FEB) if ":manual" in j]
    assert len(manual) == 1 and await rows_with(app, f"{FEB}:manual") == []
    await admin.command("meeting send-now 強制")
    assert "3名に送信" in admin.text()
    assert len(await rows_with(app, f"{FEB}:manual")) == 3
    assert not [j for j in app.services.scheduler.job_ids(FEB) if ":manual" in j]


async def test_who_may_do_what_and_questions_still_reach_the_faq(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    staff = Person(app, "newcomer", "新人")
    await suzuki.say("出席します")
    assert "受け付けている会議はありません" in suzuki.text()
    await admin.command(f"meeting set {RULE}")
    await staff.say("出席します")
    assert "兼務職員（DX推進員）の方が対象" in staff.text()
    await staff.command("meeting set 毎月第1月曜 10:00")
    assert "管理者のみ" in staff.text()
    await suzuki.command("meeting preview")
    assert "管理者のみ" in suzuki.text()
    await suzuki.say("出席簿の作り方を教えて")
    assert "承りました" not in suzuki.text()  # a question, not an answer
    await suzuki.command("meeting rsvp 代理 山田")
    assert "代理出席（山田）" in suzuki.text()
    answers = await app.services.get(MEETINGS).list_rsvps(occurrence_of(app, f"{FEB}:3bd0900"))
    assert [a.answer for a in answers] == [RsvpAnswer.PROXY]
