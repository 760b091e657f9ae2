"""A whole assessment poll answered through Slack and through Teams, over real HTTP against the
fake Slack Web API and the fake Bot Connector; each answered card is replaced by the next one."""

from __future__ import annotations

from handlers.assessment.ports import ASSESSMENT
from tests.fakes.bot_connector import UPDATE, TeamsUser
from tests.support.assessment import admin_of


async def test_whole_poll_through_slack(slack_api, start_slack):
    api = slack_api
    api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    bot = await start_slack()
    slack = bot.workspace
    await slack.dm("U0STAFF", "こんにちは")  # registers the person
    await api.next_call("chat.postMessage", channel="D0STAFF")
    admin = await admin_of(bot.app)
    await admin.command("assessment start all named")
    invitation = await api.next_call("chat.postMessage", where=lambda c: "診断のお願い" in c.all_text())
    await slack.press("U0STAFF", invitation, "回答を始める")
    card = await api.next_call("hook")
    assert card.params["replace_original"] is True and "1/27" in card.all_text()
    assert "Excel" not in card.all_text() and "DXと従来のIT導入" in card.all_text()
    for n in range(2, 28):
        await slack.press("U0STAFF", card, "理解している")
        card = await api.next_call("hook")
        assert f"{n}/27" in card.all_text() and card.params["replace_original"] is True
    await slack.press("U0STAFF", card, "聞いたことがある")
    profile = await api.next_call("hook")
    assert "あなたのデジタルスキル診断結果" in profile.all_text()
    assert "情報セキュリティ研修" in profile.all_text()  # the last (security) answer was weak
    store = bot.app.services.get(ASSESSMENT).store
    assert [r.answers["X01"] for r in await store.responses(1)] == ["heard"]


async def test_whole_poll_through_teams(connector, start_teams):
    bot = await start_teams()
    app = bot.app
    admin = await admin_of(app)
    user = TeamsUser(bot.url, connector)
    assert await user.install() == 200
    await connector.message(user.conversation_id, "DX Desk")
    await admin.command("assessment start all named")
    invitation = await connector.message(user.conversation_id, "診断のお願い")
    assert await user.press(invitation, "回答を始める") == 200
    card = await connector.message(user.conversation_id, "1/27")
    assert card.route == UPDATE and card.activity_id == (invitation.response_id or invitation.activity_id)
    for n in range(2, 28):
        assert await user.press(card, "理解し実践している") == 200
        card = await connector.message(user.conversation_id, f"{n}/27")
        assert card.route == UPDATE
    await user.say("2")  # a typed answer works on Teams too
    profile = await connector.message(user.conversation_id, "あなたのデジタルスキル診断結果")
    assert "苦手な項目は見つかりませんでした" in " ".join(profile.card_texts()) + profile.text
