"""Walk-through fixes (2026-12-05, third round, deadlines), issue 15: the admin moves a check-in's
deadline in Japanese. Each test fails without its fix.

Saturday 5 December 2026 in Tokyo; the business calendar closes 12/29–1/3 (年末年始).
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.model import Role
from handlers.checkins.model import CampaignStatus
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.checkins import member, outbox, person_id

HINT = "締切日の変更は「/dx 報告 締切変更 12/18」です。受付を終了するときは「/dx 報告 締切」"


def jst(day: int, hour: int, month: int = 12, year: int = 2026) -> datetime:
    """A Tokyo wall-clock time (9:00 or later) as aware UTC."""
    return datetime(year, month, day, hour - 9, tzinfo=UTC)


async def office(app_factory, clock: FakeClock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    鈴木 = await member(app, "suzuki", "鈴木", "税務課")
    return app, admin, 田中, 鈴木


async def submit(liaison) -> None:
    await liaison.command("報告")
    for text in ["10", "5", "0", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await liaison.say(text)
    assert "提出しました" in liaison.text(), liaison.text()


async def notices(app, user_id: str) -> list[str]:
    pid = await person_id(app, user_id)
    return [m.text for m in await outbox(app) if m.person_id == pid and ":deadline-change:" in m.dedupe_key]


async def test_the_admin_extends_the_deadline_and_only_those_still_to_answer_are_told(app_factory):
    """「/dx 報告 締切 月末まで」 said 「年月として読み取れません」, and 「報告 締切」 closes the check-in:
    a date after 締切 now shows the command that changes it; 締切変更・延長・締切延長・締切を変更 (and
    `checkin deadline`) move it, tell each liaison who has not submitted once, and are audited."""
    clock = FakeClock(jst(5, 10))
    app, admin, 田中, 鈴木 = await office(app_factory, clock)
    await admin.command("報告 開始 締切 12/9")
    await submit(鈴木)
    repo = app.services.get(CHECKINS).repo

    await admin.command("報告 締切 12/18")
    assert admin.text() == HINT
    await admin.command("報告 締切 月末まで")
    assert "/dx 報告 締切変更 月末まで" in admin.text() and "年月として" not in admin.text()
    campaign = await repo.latest_campaign()
    assert campaign.status is CampaignStatus.OPEN and campaign.deadline == jst(9, 17)  # neither closed nor moved

    await admin.command("報告 延長 来週の金曜")
    assert "締切を12月9日（水）17:00から12月11日（金）17:00に変更しました" in admin.text(), admin.text()
    assert "未提出の兼務職員1名に新しい締切をお知らせします" in admin.text()
    told = await notices(app, "tanaka")
    assert len(told) == 1 and "締切が12月11日（金）17:00に変更されました（変更前: 12月9日（水）17:00）" in told[0]
    assert await notices(app, "suzuki") == []  # 税務課 submitted: not disturbed
    assert app.services.scheduler.next_run("checkin:1:deadline") == jst(11, 17)

    for said, day in (("報告 締切変更 12/18", 18), ("報告 締切を変更 12/21", 21), ("報告 締切延長 12/22", 22),
                      ("報告 締切 変更 12/23", 23), ("checkin deadline 2026-12-24", 24)):
        await admin.command(said)
        assert f"12月{day}日" in admin.text() and "に変更しました" in admin.text(), (said, admin.text())
        assert (await repo.latest_campaign()).deadline == jst(day, 17), said
    assert len(await notices(app, "tanaka")) == 6 and await notices(app, "suzuki") == []
    await admin.command("報告 締切変更 12/24")
    assert "締切はすでに12月24日（木）17:00です" in admin.text()
    assert len(await notices(app, "tanaka")) == 6

    entries = [e for e in await app.services.audit.list(50) if e.action == "checkin deadline"]
    assert len(entries) == 7 and all(e.result == "ok" for e in entries)
    assert any("通知 1名" in e.detail and "2026-12-09" in e.detail for e in entries)

    await 田中.command("報告 締切変更 12/25")  # liaisons cannot move it
    assert (await repo.latest_campaign()).deadline == jst(24, 17)

    await admin.command("報告 締切")  # closing by the word alone still works
    assert "受付を締め切りました" in admin.text()
    await admin.command("報告 締切変更 12/25")
    assert "受付を終了しているため" in admin.text()


async def test_month_end_with_an_explicit_month_is_that_months_end(app_factory):
    """「/dx 報告 開始 2027-01 締切 月末まで」 in December read 月末 as 12/31 and refused it (before
    January); it is the end of January (a Sunday: the last business day, 1/29)."""
    clock = FakeClock(jst(5, 10))
    app, admin, _田中, _鈴木 = await office(app_factory, clock)
    await admin.command("報告 開始 2027-01 締切 月末まで")
    assert "始まる前です" not in admin.text(), admin.text()
    assert "2027年1月31日（日）は日曜日のため、月末の締切をその月の最後の営業日の1月29日（金）17:00にしました" in admin.text()
    campaign = await app.services.get(CHECKINS).repo.latest_campaign("2027-01")
    assert campaign is not None and campaign.deadline == jst(29, 17, month=1, year=2027)

    await admin.command("報告 締切変更 2027-01 今月末")  # a given month's campaign, its own month's end
    assert "締切はすでに1月29日（金）17:00です" in admin.text(), admin.text()


async def test_a_closed_month_end_and_a_closed_date_move_back(app_factory):
    """「月末まで」 in December (12/31, 年末年始) became 1月4日; a month's end moves back to the month's
    last business day (12/28), and an explicit date moves back to the business day before too, as the
    assessment's deadline does (eighth round) — forward only when that day has passed. Each reply
    says which."""
    clock = FakeClock(jst(5, 10))
    app, admin, _田中, _鈴木 = await office(app_factory, clock)
    await admin.command("報告 開始 締切 月末まで")
    assert "2026年12月31日（木）は年末年始のため、月末の締切をその月の最後の営業日の12月28日（月）17:00にしました" \
        in admin.text(), admin.text()
    repo = app.services.get(CHECKINS).repo
    assert (await repo.latest_campaign()).deadline == jst(28, 17)

    await admin.command("報告 締切変更 12/27")  # a Sunday
    assert "2026年12月27日（日）は日曜日のため、締切を前の営業日の12月25日（金）17:00にしました" in admin.text()
    assert (await repo.latest_campaign()).deadline == jst(25, 17)
    await admin.command("報告 締切変更 12/6")  # a Sunday whose Friday (12/4) has passed: forward
    assert "2026年12月6日（日）は日曜日のため、締切を翌営業日の12月7日（月）17:00にしました" in admin.text()
    assert (await repo.latest_campaign()).deadline == jst(7, 17)
    await admin.command("報告 延長 今月末")
    assert "月末の締切をその月の最後の営業日の12月28日（月）17:00にしました" in admin.text()


async def test_a_deadline_after_the_months_meeting_is_pointed_out(app_factory):
    """The meeting is on Wednesday 9 December; the default deadline (12/11) came after it without a
    word. The start reply and the deadline change say so, with a day in time for the meeting."""
    clock = FakeClock(jst(5, 10))
    _app, admin, _田中, _鈴木 = await office(app_factory, clock)
    await admin.command("会議 設定 毎月第2水曜 14:00")
    await admin.command("報告 開始")
    assert "締切は12月11日（金）17:00です" in admin.text(), admin.text()
    assert "※ 締切（12/11）が今月の会議（12/9）より後です。会議の資料に間に合わせるなら「締切 12/8」" in admin.text()

    await admin.command("報告 締切変更 12/18")
    assert "※ 締切（12/18）が今月の会議（12/9）より後です。会議の資料に間に合わせるなら「/dx 報告 締切変更 12/8」" \
        in admin.text()
    await admin.command("報告 締切変更 12/8")
    assert "に変更しました" in admin.text() and "※" not in admin.text()


async def test_no_meeting_no_warning(app_factory):
    clock = FakeClock(jst(5, 10))
    _app, admin, _田中, _鈴木 = await office(app_factory, clock)
    await admin.command("報告 開始")
    assert "締切は12月11日（金）17:00です" in admin.text() and "※" not in admin.text()
