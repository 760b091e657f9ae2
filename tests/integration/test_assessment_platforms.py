"""A whole assessment poll answered through Slack and through Teams, over real HTTP against the
fake Slack Web API and the fake Bot Connector; each answered card is replaced by the next one.
Driven with the one dialogue helper (`surface`)."""

from __future__ import annotations

from handlers.assessment.ports import ASSESSMENT
from tests.fakes.bot_connector import UPDATE
from tests.support.assessment import admin_of, start_assessment
from tests.support.dialogue import surface


async def test_whole_poll_through_slack(app_factory, clock):
    async with surface("slack", app_factory, clock) as me:
        await me.say("こんにちは")  # registers the person
        admin = await admin_of(me.app)
        await start_assessment(admin, "assessment start all named")
        await me.receive("診断のお願い")
        card = await me.press("回答を始める")
        [replaced] = me.last  # the invitation's card, replaced through the press's response_url
        assert replaced.method == "hook" and replaced.params["replace_original"] is True and "1/27" in card
        assert "Excel" not in card and "DXと従来のIT導入" in card
        for n in range(2, 28):
            card = await me.press("理解している")
            [replaced] = me.last
            assert f"{n}/27" in card and replaced.method == "hook" and replaced.params["replace_original"] is True
        profile = await me.press("聞いたことがある")
        assert me.last[0].method == "hook" and "あなたのデジタルスキル診断結果" in profile
        assert "情報セキュリティ研修" in profile  # the last (security) answer was weak
        store = me.app.services.get(ASSESSMENT).store
        assert [r.answers["X01"] for r in await store.responses(1)] == ["heard"]


async def test_whole_poll_through_teams(app_factory, clock):
    async with surface("teams", app_factory, clock) as me:
        admin = await admin_of(me.app)
        await start_assessment(admin, "assessment start all named")
        await me.receive("診断のお願い")
        [invitation] = me.last
        assert "1/27" in await me.press("回答を始める")
        [card] = me.last
        assert card.route == UPDATE and card.activity_id == (invitation.response_id or invitation.activity_id)
        for n in range(2, 28):
            assert f"{n}/27" in await me.press("理解し実践している")
            assert [c.route for c in me.last] == [UPDATE]
        profile = await me.say("2")  # a typed answer works on Teams too
        assert "あなたのデジタルスキル診断結果" in profile and "苦手な項目は見つかりませんでした" in profile
