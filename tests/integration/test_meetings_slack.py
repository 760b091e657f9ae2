"""A meeting reminder through the Slack fake: delivered as a DM with buttons, answered by button
(代理出席 with the proxy's name in the card's text input) and by a typed message. Driven with the
one dialogue helper (`surface`)."""

from __future__ import annotations

from handlers.meetings.planning import send_reminder, store
from tests.conftest import FakeClock
from tests.support.dialogue import surface
from tests.support.meetings import tokyo


async def test_rsvp_by_button_and_by_typing_in_slack(app_factory) -> None:
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    async with surface("slack", app_factory, clock, admins="slack:U0ADMIN") as me:
        app = me.app
        admin = await me.someone("U0ADMIN", "室長", "admin@city.example.jp")
        liaison = await me.someone("U0LIAISON", "鈴木 花子", "suzuki@city.example.jp")
        other = await me.someone("U0OTHER", "佐藤 一郎", "sato@city.example.jp")
        for person in (liaison, other):
            assert await person.say("こんにちは")
            await admin.command(f"users set-role {person.actor.user_id} 兼務職員 企画課")
        await admin.command("meeting set 毎月第4火曜 15:00 | 場所: 本庁舎3階")
        occ = int(app.services.scheduler.job_args("meeting:1:2027-02-23:3bd0900")[1])

        clock.current = tokyo(2027, 2, 18, 9, 0)
        await send_reminder(app.services, occ, "3bd0900")
        reminder = await liaison.receive("会議のお知らせ", timeout=10)
        assert "天皇誕生日" in reminder and "本庁舎3階" in reminder
        [card] = liaison.last
        assert [b["text"]["text"] for b in card.buttons()][:3] == ["出席", "欠席", "代理出席"]

        confirmed = await liaison.press("代理出席", proxy_name="山田 太郎")
        assert "承りました" in confirmed and "代理出席（山田 太郎）" in confirmed
        typed = await other.say("欠席します")
        assert "承りました" in typed and "「欠席」" in typed
        answers = sorted((r.answer.value, r.proxy_name) for r in await store(app.services).list_rsvps(occ))
        assert answers == [("absent", ""), ("proxy", "山田 太郎")]
