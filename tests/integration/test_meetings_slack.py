"""A meeting reminder through the Slack fake: delivered as a DM with buttons, answered by button
(代理出席 with the proxy's name in the card's text input) and by a typed message."""

from __future__ import annotations

import pytest

from handlers.meetings.planning import send_reminder, store
from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.meetings import tokyo
from tests.support.platforms import serve_slack


@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The workspace: two liaisons-to-be and the office's head."""
    slack_api.add_user("U0LIAISON", "鈴木 花子", "suzuki@city.example.jp")
    slack_api.add_user("U0OTHER", "佐藤 一郎", "sato@city.example.jp")
    slack_api.add_user("U0ADMIN", "室長", "admin@city.example.jp")
    return slack_api


async def test_rsvp_by_button_and_by_typing_in_slack(app_factory, api: FakeSlackApi) -> None:
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    app = await app_factory(clock=clock, **SlackBot.settings(api, admins="slack:U0ADMIN"))
    bot = await serve_slack(app, api)
    try:
        slack = bot.workspace
        assert slack is not None
        for user in ("U0LIAISON", "U0OTHER"):
            await slack.dm(user, "こんにちは")
            await api.next_call("chat.postMessage", channel=f"D0{user[2:]}")
            await slack.command("U0ADMIN", f"users set-role {user} 兼務職員 企画課")
        await slack.command("U0ADMIN", "meeting set 毎月第4火曜 15:00 | 場所: 本庁舎3階")
        await bot.idle()
        occ = int(app.services.scheduler.job_args("meeting:1:2027-02-23:3bd0900")[1])

        clock.current = tokyo(2027, 2, 18, 9, 0)
        await send_reminder(app.services, occ, "3bd0900")
        reminder = await api.next_call("chat.postMessage", channel="D0LIAISON", timeout=10)
        assert "天皇誕生日" in reminder.all_text() and "本庁舎3階" in reminder.all_text()
        assert [b["text"]["text"] for b in reminder.buttons()][:3] == ["出席", "欠席", "代理出席"]

        await slack.press("U0LIAISON", reminder, "代理出席", inputs={"proxy_name": "山田 太郎"})
        confirmed = await api.next_call("chat.postMessage", channel="D0LIAISON",
                                        where=lambda c: "承りました" in c.all_text())
        assert "代理出席（山田 太郎）" in confirmed.all_text()
        await slack.dm("U0OTHER", "欠席します")
        typed = await api.next_call("chat.postMessage", channel="D0OTHER",
                                    where=lambda c: "承りました" in c.all_text())
        assert "「欠席」" in typed.all_text()
        await bot.idle()
        answers = sorted((r.answer.value, r.proxy_name) for r in await store(app.services).list_rsvps(occ))
        assert answers == [("absent", ""), ("proxy", "山田 太郎")]
    finally:
        await bot.stop()
