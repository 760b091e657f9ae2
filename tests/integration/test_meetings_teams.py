"""A meeting reminder through the Teams fake (Bot Connector): a proactive card in the personal
chat, 代理出席 pressed with the proxy's name in the card's input, and a typed answer."""

from __future__ import annotations

from handlers.meetings.planning import send_reminder, store
from tests.conftest import FakeClock
from tests.fakes.bot_connector import TeamsUser
from tests.support.dialogue import Person
from tests.support.meetings import tokyo


async def test_rsvp_by_card_and_by_typing_in_teams(connector, start_teams) -> None:
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    bot = await start_teams(clock=clock)
    app = bot.app
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")  # the first local user administers this fresh install
    user = TeamsUser(bot.url, connector)
    assert await user.install() == 200
    assert await user.say("こんにちは") == 200  # registers 山田 太郎 in the people registry
    await connector.message(user.conversation_id, "DX Desk")
    await admin.command(f"users set-role {user.aad_id} 兼務職員 企画課")
    assert "兼務職員" in admin.text(), admin.text()
    await admin.command("meeting set 毎月第4火曜 15:00 | リンク: https://teams.example/meet")
    occ = int(app.services.scheduler.job_args("meeting:1:2027-02-23:3bd0900")[1])

    clock.current = tokyo(2027, 2, 18, 9, 0)
    await send_reminder(app.services, occ, "3bd0900")
    card = await connector.message(user.conversation_id, "会議のお知らせ", timeout=10)
    assert "天皇誕生日" in " ".join(card.card_texts())
    assert await user.press(card, "代理出席", inputs={"proxy_name": "佐藤 花子"}) == 200
    confirmed = await connector.message(user.conversation_id, "承りました")
    assert "代理出席（佐藤 花子）" in confirmed.text
    assert await user.say("出席します") == 200
    await connector.message(user.conversation_id, "「出席」で承りました")
    [answer] = await store(app.services).list_rsvps(occ)
    assert answer.answer.value == "attend"
