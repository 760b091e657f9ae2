"""Check-in campaigns on a controllable clock: invitations, nudges (cap, business days, working
hours, never after answering), the deadline report, planning before a meeting, history."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.adapters.console.chat import ConsoleNotifier
from bot.core.model import Role
from handlers.checkins import jobs
from handlers.checkins.model import CampaignStatus, DepartmentResult
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.checkins import member, outbox, person_id
from tests.support.people import add_person


def jst(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    """A Tokyo wall-clock time in 2026 as aware UTC."""
    return datetime(2026, month, day, hour - 9, minute, tzinfo=UTC) if hour >= 9 else \
        datetime(2026, month, day - 1, hour + 15, minute, tzinfo=UTC)


async def nudges_to(app, user_id: str) -> list[str]:
    pid = await person_id(app, user_id)
    return [m.dedupe_key for m in await outbox(app) if m.person_id == pid and ":nudge:" in m.dedupe_key]


async def test_nudges_respect_cap_business_days_working_hours_and_answers(app_factory):
    clock = FakeClock(jst(1, 9))  # Tuesday 1 December 2026, 09:00 in Tokyo
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    suzuki = await member(app, "suzuki", "鈴木", "税務課")
    await admin.command("checkin start 締切 2026-12-11")
    scheduler = app.services.scheduler
    assert set(scheduler.job_ids("checkin:1:")) == {"checkin:1:nudge", "checkin:1:deadline"}
    assert scheduler.next_run("checkin:1:nudge") == jst(1, 10)
    assert scheduler.next_run("checkin:1:deadline") == jst(11, 17)

    clock.current = jst(1, 10)
    await jobs.send_nudges(app.services, 1)
    assert await nudges_to(app, "tanaka") == []  # invited this morning: too early
    assert scheduler.next_run("checkin:1:nudge") == jst(2, 10)

    clock.current = jst(3, 22)  # Thursday night: quiet hours
    await jobs.send_nudges(app.services, 1)
    assert await nudges_to(app, "tanaka") == []
    assert scheduler.next_run("checkin:1:nudge") == jst(4, 8, 30)

    clock.current = jst(3, 10)  # two business days after the invitation
    await jobs.send_nudges(app.services, 1)
    assert len(await nudges_to(app, "tanaka")) == 1 and len(await nudges_to(app, "suzuki")) == 1
    await jobs.send_nudges(app.services, 1)  # a second run the same day sends nothing more
    assert len(await nudges_to(app, "tanaka")) == 1

    await suzuki.command("checkin")  # 税務課 answers
    for text in ["10", "5", "0", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await suzuki.say(text)
    assert "提出しました" in suzuki.text()

    clock.current = jst(5, 10)  # Saturday
    await jobs.send_nudges(app.services, 1)
    clock.current = jst(7, 10)  # Monday
    await jobs.send_nudges(app.services, 1)
    assert len(await nudges_to(app, "tanaka")) == 2
    assert len(await nudges_to(app, "suzuki")) == 1  # never after answering
    nudge = next(m for m in await outbox(app) if ":nudge:" in m.dedupe_key and m.dedupe_key.endswith(":2"))
    assert "【リマインド】" in nudge.text and nudge.reply.choices[0].label == "報告の回答を始める"

    clock.current = jst(9, 10)
    await jobs.send_nudges(app.services, 1)
    await admin.command("checkin remind")
    assert "リマインドを送る相手はいません" in admin.text()
    assert len(await nudges_to(app, "tanaka")) == 2  # the cap (2) holds, also for admins


async def test_deadline_reports_missing_departments_once_and_stops_nudges(app_factory):
    clock = FakeClock(jst(1, 9))
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await member(app, "sato", "佐藤", "市民課")
    await member(app, "suzuki", "鈴木", "税務課")
    await admin.command("checkin start 締切 2026-12-04")
    await admin.command("checkin status")
    # Queued, not yet delivered: status says so per person (issue 17).
    assert "提出 0/2部署" in admin.text() and "市民課: 未回答 田中さん（依頼送信待ち）、佐藤さん（依頼送信待ち）" in admin.text()
    assert "依頼: 送信済み 0人・未送信 3人" in admin.text()
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    await app.worker.drain()
    await admin.command("checkin status")
    assert "提出 0/2部署" in admin.text() and "市民課: 未回答 田中さん、佐藤さん" in admin.text()
    assert "依頼: 送信済み 3人・未送信 0人" in admin.text()

    clock.current = jst(4, 17)
    await jobs.report_deadline(app.services, 1)
    await jobs.report_deadline(app.services, 1)
    reports = [m for m in await outbox(app) if "締切時点の状況" in m.text]
    assert len(reports) == 1 and reports[0].person_id == await person_id(app, "boss")
    assert "2部署中0部署" in reports[0].text and "・市民課（田中、佐藤）" in reports[0].text
    assert "・税務課（鈴木）" in reports[0].text
    campaign = await app.services.get(CHECKINS).repo.get_campaign(1)
    assert campaign.status is CampaignStatus.CLOSED
    assert "checkin:1:nudge" not in app.services.scheduler.job_ids("checkin:")
    clock.current = jst(7, 10)
    await jobs.send_nudges(app.services, 1)
    assert not [m for m in await outbox(app) if ":nudge:" in m.dedupe_key]


async def test_a_deadline_at_night_is_reported_in_the_morning(app_factory):
    clock = FakeClock(jst(1, 9))
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-04")
    clock.current = jst(4, 22)
    await jobs.report_deadline(app.services, 1)
    assert not [m for m in await outbox(app) if "締切時点の状況" in m.text]
    assert app.services.scheduler.next_run("checkin:1:deadline") == jst(7, 8, 30)
    clock.current = jst(7, 8, 30)
    await jobs.report_deadline(app.services, 1)
    assert len([m for m in await outbox(app) if "締切時点の状況" in m.text]) == 1


async def test_plan_for_meeting_opens_five_business_days_before(app_factory):
    clock = FakeClock(jst(1, 9))
    app = await app_factory(clock=clock)
    await member(app, "tanaka", "田中", "市民課")
    meeting = jst(18, 14)  # Friday 18 December, 14:00
    await jobs.plan_for_meeting(app.services, 7, meeting)
    await jobs.plan_for_meeting(app.services, 7, meeting)  # idempotent
    repo = app.services.get(CHECKINS).repo
    campaign = await repo.campaign_for_meeting(7)
    assert len(await repo.campaigns()) == 1
    assert campaign.status is CampaignStatus.SCHEDULED and campaign.period == "2026-12"
    assert campaign.opens_at == jst(11, 9, 30) and campaign.deadline == jst(17, 17)
    assert app.services.scheduler.next_run(f"checkin:{campaign.id}:invite") == jst(11, 9, 30)
    clock.current = jst(11, 9, 30)
    await jobs.send_invitations(app.services, campaign.id)
    await jobs.send_invitations(app.services, campaign.id)  # a replayed job sends nothing twice
    invites = [m for m in await outbox(app) if "進捗報告のお願い" in m.text]
    assert len(invites) == 1 and "12月17日（木）17:00" in invites[0].text
    assert (await repo.get_campaign(campaign.id)).status is CampaignStatus.OPEN


async def test_history_change_and_spread_across_departments(app_factory, clock):
    app = await app_factory(clock=clock)
    repo = app.services.get(CHECKINS).repo
    figures = {"2026-10": {"市民課": (10, 4), "税務課": (20, 5)},
               "2026-11": {"市民課": (10, 6), "税務課": (20, 10), "環境政策課": (8, 8)}}
    for period, departments in figures.items():
        campaign = await repo.create_campaign("department_progress", period, clock.now(), clock.now(), 2)
        for department, (scope, online) in departments.items():
            pid = int(await person_id(app, (await member(app, f"u-{department}", department, department)).user_id))
            response, _ = await repo.ensure_response(campaign.id, pid, department, clock.now())
            result = DepartmentResult(0, campaign.id, period, department, "department_progress", {}, pid, clock.now(),
                                      in_scope=scope, online=online, rate=round(online / scope * 100, 1),
                                      items_total=2, items_late=1 if department == "税務課" else 0)
            assert (await repo.submit_result(result, response.id, replace=False))[1]
    history = await repo.department_history()
    assert [(m.department, m.period, m.rate, m.change) for m in history] == [
        ("市民課", "2026-10", 40.0, None), ("市民課", "2026-11", 60.0, 20.0),
        ("環境政策課", "2026-11", 100.0, None),
        ("税務課", "2026-10", 25.0, None), ("税務課", "2026-11", 50.0, 25.0)]
    spread = await repo.spread("2026-11")
    assert (spread.departments, spread.minimum, spread.maximum, spread.median) == (3, 50.0, 100.0, 60.0)
    assert spread.lowest == ("税務課",) and spread.highest == ("環境政策課",) and spread.stdev == 21.6
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin history")
    assert "最小 50%（税務課）" in admin.text() and "前回比 +20.0" in admin.text()
    liaison = await member(app, "tanaka", "田中", "市民課")
    await liaison.command("checkin history 税務課")
    assert "管理者のみ" in liaison.text()


async def test_roadmap_items_are_maintained_by_admins_and_asked_per_department(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    liaison = await member(app, "kato", "加藤", "観光課")
    await liaison.command("checkin roadmap add 観光課 宿泊税申告の電子化")
    assert "管理者のみ" in liaison.text()
    await admin.command("報告 ロードマップ 追加 観光課 宿泊税申告の電子化 目標 2027-04")
    assert "R-10" in admin.text() and "（目標 2027-04）" in admin.text()  # 9 sample items come first
    await admin.command("checkin roadmap add 観光課 | イベント参加申込のオンライン化 | 2027-02")
    await liaison.command("checkin roadmap list")
    assert "宿泊税申告の電子化" in liaison.text() and "住民票" not in liaison.text()
    await admin.command("checkin roadmap remove R-11")
    assert "対象から外しました" in admin.text()
    await admin.command("checkin start 締切 2026-12-10")
    await liaison.command("checkin")
    for text in ("5", "1", "0"):
        await liaison.say(text)
    assert "「宿泊税申告の電子化」（目標 2027-04）" in liaison.text()
    await liaison.say("完了")
    await liaison.say("スキップ")
    assert "課題になっていること" in liaison.text()  # the removed item is not asked


async def test_an_admin_closes_a_campaign_with_the_usual_words_and_help_shows_how(app_factory):
    """Issue 15, F5: 「/dx 報告 締切」「締め切る」「終了」… close the open check-in."""
    for word in ("締切", "締め切る", "締め切り", "締切る", "終了", "受付終了"):
        clock = FakeClock(jst(1, 9))
        app = await app_factory(clock=clock)
        admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await member(app, "tanaka", "田中", "市民課")
        await admin.command("報告 開始 締切 2026-12-11")
        await admin.command(f"報告 {word}")
        assert "受付を締め切りました（提出 0/1部署）" in admin.text(), word
        assert "市民課（田中）" in admin.text()
        campaign = await app.services.get(CHECKINS).repo.latest_campaign()
        assert campaign.status is CampaignStatus.CLOSED
        assert app.services.scheduler.job_ids("checkin:1:") == []  # no more nudges
        await admin.command(f"報告 {word}")
        assert "受付中の進捗報告はありません" in admin.text()
    await admin.command("help 報告")
    assert "締め切る" in admin.text() and "/dx 報告 締切" in admin.text()


async def test_a_deadline_before_the_month_or_on_a_closed_day_and_two_open_months(app_factory):
    """Issue 15, F4: 「/dx 報告 開始 2027-01 締切 あした」 on Saturday 5 December is refused (the
    deadline is before January begins); a deadline on a Sunday moves to Monday, and says so; the
    invitation names the month; a liaison with two open months answers the earliest due first."""
    clock = FakeClock(jst(5, 10))  # Saturday 5 December 2026
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("報告 開始 2027-01 締切 あした")
    assert "2026年12月6日（日）は、報告する2027年1月が始まる前です" in admin.text()
    assert await app.services.get(CHECKINS).repo.latest_campaign() is None

    await admin.command("報告 開始 2026-12 締切 12/13")  # a Sunday
    # Back to the business day before, as the assessment's deadline (eighth round; it moved forward before).
    assert "2026年12月13日（日）は日曜日のため、締切を前の営業日の12月11日（金）17:00にしました" in admin.text()
    await admin.command("報告 開始 2027-01 締切 2027-01-15")
    invitations = [m for m in await outbox(app) if ":invite:" in m.dedupe_key]
    assert any("2027年1月の進捗" in m.text for m in invitations)
    assert not any("今月の進捗" in m.text for m in invitations)

    await 田中.command("報告")
    assert "2027年1月の進捗報告も受付中です" in 田中.text() and "/dx 報告 2027-01" in 田中.text()
    campaigns = {c.id: c.period for c in await app.services.get(CHECKINS).repo.campaigns()}
    response = await app.services.get(CHECKINS).repo.responses(min(campaigns))
    assert campaigns[min(campaigns)] == "2026-12" and len(response) == 1 and response[0].session  # December first


async def test_the_start_reply_counts_who_the_invitation_actually_reaches(app_factory):
    """Issue 15, F6: liaisons with only an e-mail address (no web desk, no mail here) or with no
    contact at all are named as not reached, a Slack-only one as waiting — not 「2名に依頼を送りました」."""
    clock = FakeClock(jst(1, 9))
    app = await app_factory(clock=clock)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))  # `dxdesk chat`: local users are reached at once
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    for user_id, name, department, email in (("sato", "佐藤", "税務課", "sato@city.example.jp"),
                                             ("ito", "伊藤", "福祉課", "")):
        person = await add_person(app, user_id, Role.LIAISON, department, name=name, email=email)
        person.local_id = ""
        await app.services.people.save(person)
    await add_person(app, "U0KATO", Role.LIAISON, "環境課", name="加藤", platform="slack")
    await admin.command("報告 開始 締切 12/10")
    text = admin.text()
    assert "名に依頼を送りました" not in text
    assert "兼務職員4名のうち、依頼を送信: 1名／送信待ち: 1名／届かない: 2名" in text
    assert "・佐藤（税務課）: 届きません（連絡先がメールアドレスだけで" in text
    assert "・伊藤（福祉課）: 届きません（連絡先が登録されていません）" in text
    assert "・加藤（環境課）: 送信待ち（Slackへの送信は常駐のサーバーが行います）" in text


async def test_a_spoken_relative_deadline_starts_the_check_in_with_the_day_it_means(app_factory):
    """Issue 15, second walk-through: 「/dx 報告 開始 締切 来週の金曜」 was refused (only the
    assessment read it). On Saturday 5 December it means Friday 11 December, shown in JST; a
    relative day that falls on a closed day still moves to the next business day."""
    clock = FakeClock(jst(5, 10))  # Saturday 5 December 2026
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    for said, shown in (("締切 来週の金曜", "締切は12月11日（金）17:00です"),
                        ("締切 来週 金曜", "締切は12月11日（金）17:00です"),
                        ("締切は明後日", "締切は12月7日（月）17:00です"),
                        ("期限 再来週の水曜日", "締切は12月16日（水）17:00です")):
        await admin.command(f"報告 開始 {said}")
        assert shown in admin.text(), (said, admin.text())
        campaign = await app.services.get(CHECKINS).repo.latest_campaign()
        assert campaign is not None and campaign.status is CampaignStatus.OPEN
        await admin.command("報告 締め切る")
    await admin.command("報告 開始 締切 あした")  # Sunday 6 December
    assert "締切を翌営業日の12月7日（月）17:00にしました" in admin.text()


async def test_a_reminder_now_names_who_it_reaches(app_factory):
    clock = FakeClock(jst(1, 9))
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    suzuki = await member(app, "suzuki", "鈴木", "税務課")
    await admin.command("報告 開始 締切 2026-12-11")
    await suzuki.command("報告")
    for text in ["10", "5", "0", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await suzuki.say(text)
    clock.current = jst(2, 22)  # Wednesday night: it waits, and says for whom
    await admin.command("報告 催促")
    assert "リマインドは12月3日（木）08:30に送ります" in admin.text() and "対象: 市民課 田中" in admin.text()
    assert "鈴木" not in admin.text()  # 税務課 has answered
    clock.current = jst(3, 10)
    await admin.command("報告 催促")
    assert "未回答の1名にリマインドを送りました" in admin.text() and "対象: 市民課 田中" in admin.text()
