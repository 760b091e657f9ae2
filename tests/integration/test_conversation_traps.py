"""Issue 15, point 1: no traps. While a form is open, a message that is clearly something else is
handled as such (the form waits, saved); an answer that might be either is checked with one line;
an open form left alone expires with a friendly note and its answers kept as a draft. The same
conversation on the console, on Slack and on Teams."""

from __future__ import annotations

import pytest

from bot.core.model import Role
from tests.support.checkins import member
from tests.support.dialogue import SURFACES, surface


@pytest.mark.parametrize("platform", SURFACES)
async def test_a_question_in_the_middle_of_a_check_in_is_answered_not_swallowed(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")

        assert "全部で何件" in await 田中.command("checkin")
        reply = await 田中.say("パスワードを忘れました")
        assert "数字で" not in reply and "全部で何件" not in reply
        assert "パスワード" in reply  # the FAQ desk answered it
        assert "続きから" in reply  # one line: the form waits, saved

        assert "全部で何件" in await 田中.say("続きから")
        assert "すでにオンラインで申請できる" in await 田中.say("12件")

        # Two hours and a bit later: the form has closed itself, the answer is kept.
        clock.advance(hours=2, minutes=5)
        reply = await 田中.say("Zoomで画面共有するには？")
        assert "下書きとして保存" in reply and "続きから" in reply
        assert "すでにオンラインで申請できる" in await 田中.say("続きから")


async def test_a_free_text_answer_that_reads_like_a_question_is_checked_in_one_line(app_factory, clock):
    async with surface("console", app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await 田中.command("checkin")
        for answer in ("12", "8", "2", "進行中", "スキップ", "遅れ"):
            reply = await 田中.say(answer)
        assert "遅れている理由" in reply
        reply = await 田中.say("Teamsにログインできないのですが？")
        assert "への回答ですか？" in reply and "[はい、回答です]" in reply
        reply = await 田中.press("いいえ、別の質問です")
        assert "Teams" in reply and "続きから" in reply
        assert "遅れている理由" in await 田中.say("続きから")
        assert "への回答ですか？" in await 田中.say("業者の選定がわからない状態です")
        reply = await 田中.say("はい")
        assert "補足があれば" in reply
