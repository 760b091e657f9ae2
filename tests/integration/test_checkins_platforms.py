"""The same bundled check-in form answered through Slack and through Teams, over real HTTP
against the fake Slack Web API and the fake Bot Connector: typed answers (全角, kanji) and
buttons, the summary, and the submission."""

from __future__ import annotations

from bot.core.events import Actor
from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.fakes.bot_connector import TeamsUser
from tests.support.checkins import member
from tests.support.people import add_person


async def make_liaison(app, actor: Actor, department: str) -> None:
    """The person who just wrote to the bot becomes the liaison of `department`."""
    assert await app.services.people.find_by_actor(actor) is not None  # registered by their first message
    await add_person(app, actor.user_id, Role.LIAISON, department, platform=actor.platform, aad_id=actor.aad_object_id)


async def test_check_in_through_slack(clock, slack_api, start_slack):
    api = slack_api
    api.add_user("U0TANAKA", "田中 花子", "tanaka@city.example.jp")
    bot = await start_slack(clock=clock)
    slack = bot.workspace
    await slack.dm("U0TANAKA", "こんにちは")
    await api.next_call("chat.postMessage", channel="D0TANAKA")
    await make_liaison(bot.app, Actor("slack", "U0TANAKA"), "環境政策課")
    admin = await member(bot.app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin start 締切 2026-12-10")
    invitation = await api.next_call("chat.postMessage", where=lambda c: "進捗報告のお願い" in c.all_text())
    await slack.press("U0TANAKA", invitation, "回答を始める")
    await api.next_call("chat.postMessage", channel="D0TANAKA", where=lambda c: "全部で何件" in c.all_text())

    async def say(text: str, expect: str):
        await slack.dm("U0TANAKA", text)
        return await api.next_call("chat.postMessage", channel="D0TANAKA", where=lambda c: expect in c.all_text())

    await say("１２件", "すでにオンラインで申請できる")
    await say("九", "新しく作成した")
    status = await say("0", "粗大ごみ収集申込のオンライン化")
    await slack.press("U0TANAKA", status, "遅延")
    await api.next_call("chat.postMessage", channel="D0TANAKA", where=lambda c: "遅れている理由" in c.all_text())
    await say("委託先の選定が遅れたため", "補足があれば")
    await say("スキップ", "課題になっていること")
    await say("2と5", "課題の内容")
    await say("人手が足りない", "相談したいこと")
    await say("いいえ", "小さな気づき")
    summary = await say("スキップ", "回答内容の確認")
    assert "75%" in summary.all_text() and "委託先の選定が遅れたため" in summary.all_text()
    await slack.press("U0TANAKA", summary, "この内容で送信")
    done = await api.next_call("chat.postMessage", channel="D0TANAKA", where=lambda c: "提出しました" in c.all_text())
    assert "75%" in done.all_text()
    result = await bot.app.services.get(CHECKINS).repo.result_for(1, "環境政策課")
    assert (result.in_scope, result.online, result.items_late) == (12, 9, 1)


async def test_check_in_through_teams(clock, connector, start_teams):
    bot = await start_teams(clock=clock)
    app = bot.app
    user = TeamsUser(bot.url, connector)
    assert await user.install() == 200
    await connector.message(user.conversation_id, "DX Desk")
    await make_liaison(app, user.actor, "環境政策課")
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin start 締切 2026-12-10")
    invitation = await connector.message(user.conversation_id, "進捗報告のお願い")
    assert await user.press(invitation, "回答を始める") == 200
    await connector.message(user.conversation_id, "全部で何件")

    async def say(text: str, expect: str):
        assert await user.say(text) == 200
        return await connector.message(user.conversation_id, expect)

    await say("十二", "すでにオンラインで申請できる")
    await say("9件", "新しく作成した")
    status = await say("１", "粗大ごみ収集申込のオンライン化")
    assert await user.press(status, "完了") == 200
    await connector.message(user.conversation_id, "補足があれば")
    await say("スキップ", "課題になっていること")
    await say("特になし", "相談したいこと")
    await say("はい", "相談したい内容")
    await say("フォームの作り方", "小さな気づき")
    summary = await say("スキップ", "回答内容の確認")
    assert await user.press(summary, "変更 1") == 200
    await connector.message(user.conversation_id, "（現在の回答: 12件）")
    await say("15", "回答内容の確認")
    await say("送信", "提出しました")
    result = await app.services.get(CHECKINS).repo.result_for(1, "環境政策課")
    assert (result.in_scope, result.online, result.rate) == (15, 9, 60.0)
