"""The same bundled check-in form answered through Slack and through Teams, over real HTTP
against the fake Slack Web API and the fake Bot Connector: typed answers (全角, kanji) and
buttons, the summary, and the submission. Driven with the one dialogue helper (`surface`)."""

from __future__ import annotations

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.support.checkins import member
from tests.support.dialogue import Surface, surface


async def become_liaison(me: Surface) -> None:
    """The person who just wrote to the bot becomes the liaison of 環境政策課."""
    assert await me.app.services.people.find_by_actor(me.actor) is not None  # registered by their first message
    await me.become(Role.LIAISON, "環境政策課")


async def test_check_in_through_slack(app_factory, clock):
    async with surface("slack", app_factory, clock) as me:
        await me.say("こんにちは")
        await become_liaison(me)
        admin = await member(me.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await me.receive("進捗報告のお願い")
        assert "全部で何件" in await me.press("回答を始める")

        assert "すでにオンラインで申請できる" in await me.say("１２件")
        assert "新しく作成した" in await me.say("九")
        assert "粗大ごみ収集申込のオンライン化" in await me.say("0")
        assert "遅れている理由" in await me.press("遅延")
        assert "補足があれば" in await me.say("委託先の選定が遅れたため")
        assert "課題になっていること" in await me.say("スキップ")
        assert "課題の内容" in await me.say("2と5")
        assert "相談したいこと" in await me.say("人手が足りない")
        assert "小さな気づき" in await me.say("いいえ")
        summary = await me.say("スキップ")
        assert "回答内容の確認" in summary
        assert "75%" in summary and "委託先の選定が遅れたため" in summary
        done = await me.press("この内容で送信")
        assert "提出しました" in done and "75%" in done
        result = await me.app.services.get(CHECKINS).repo.result_for(1, "環境政策課")
        assert (result.in_scope, result.online, result.items_late) == (12, 9, 1)


async def test_check_in_through_teams(app_factory, clock):
    async with surface("teams", app_factory, clock) as me:
        await become_liaison(me)  # installing the app registered them
        admin = await member(me.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await me.receive("進捗報告のお願い")
        assert "全部で何件" in await me.press("回答を始める")

        assert "すでにオンラインで申請できる" in await me.say("十二")
        assert "新しく作成した" in await me.say("9件")
        assert "粗大ごみ収集申込のオンライン化" in await me.say("１")
        assert "補足があれば" in await me.press("完了")
        assert "課題になっていること" in await me.say("スキップ")
        assert "相談したいこと" in await me.say("特になし")
        assert "相談したい内容" in await me.say("はい")
        assert "小さな気づき" in await me.say("フォームの作り方")
        assert "回答内容の確認" in await me.say("スキップ")
        assert "（現在の回答: 12件。" in await me.press("変更 1")
        assert "回答内容の確認" in await me.say("15")
        assert "提出しました" in await me.say("送信")
        result = await me.app.services.get(CHECKINS).repo.result_for(1, "環境政策課")
        assert (result.in_scope, result.online, result.rate) == (15, 9, 60.0)
