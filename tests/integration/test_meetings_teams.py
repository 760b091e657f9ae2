"""A meeting reminder through the Teams fake (Bot Connector): a proactive card in the personal
chat, 代理出席 pressed with the proxy's name in the card's input, and a typed answer. Driven with
the one dialogue helper (`surface`)."""

from __future__ import annotations

from handlers.meetings.planning import send_reminder, store
from tests.conftest import FakeClock
from tests.support.dialogue import Person, surface
from tests.support.meetings import tokyo


async def test_rsvp_by_card_and_by_typing_in_teams(app_factory) -> None:
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    async with surface("teams", app_factory, clock) as me:
        app = me.app
        admin = Person(app, "local", "室長")
        await admin.say("こんにちは")  # the first local user administers this fresh install
        assert "DX Desk" in await me.say("こんにちは")  # registers the Teams user in the people registry
        await admin.command(f"users set-role {me.actor.aad_object_id} 兼務職員 企画課")
        assert "兼務職員" in admin.text(), admin.text()
        await admin.command("meeting set 毎月第4火曜 15:00 | リンク: https://teams.example/meet")
        occ = int(app.services.scheduler.job_args("meeting:1:2027-02-23:3bd0900")[1])

        clock.current = tokyo(2027, 2, 18, 9, 0)
        await send_reminder(app.services, occ, "3bd0900")
        assert "天皇誕生日" in await me.receive("会議のお知らせ", timeout=10)
        confirmed = await me.press("代理出席", proxy_name="佐藤 花子")
        assert "承りました" in confirmed and "代理出席（佐藤 花子）" in confirmed
        assert "「出席」で承りました" in await me.say("出席します")
        [answer] = await store(app.services).list_rsvps(occ)
        assert answer.answer.value == "attend"
