"""Check-ins, eighth round (2026-12-06): after a side question in the middle of a check-in, the form
stays the conversation's current thing. The FAQ desk answers the question, one line repeats the open
question, and the next answer that fits it (「ふたつ」「3件」「順調です」「とくにないです」, a correction
「あ、さっきの対象手続数まちがえた、４２件です」) is the form's — without 「続きから」. A clear question
still goes to the FAQ desk; at a free-text question the bot asks once instead of guessing."""

from __future__ import annotations

import pytest

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.support.checkins import member
from tests.support.dialogue import surface


async def _draft(app):  # type: ignore[no-untyped-def]
    svc = app.services.get(CHECKINS)
    person = await app.services.people.find("田中")
    drafts = await svc.repo.drafts_of(person.id)
    return drafts[0].session["answers"]


@pytest.mark.parametrize("platform", ("console", "slack", "teams"))
async def test_the_answer_after_a_side_question_goes_to_the_form(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        assert "全部で何件" in await 田中.command("checkin")

        reply = await 田中.say("そういえばVPNつながらないんだけど")
        assert "FAQ" in reply or "担当者" in reply  # the FAQ desk took the question
        assert reply.rstrip().endswith("（進捗報告の続き: 所属でオンライン化の対象としている手続は、全部で何件ですか？）")
        reply = await 田中.say("１２件")
        assert "記録しました（対象手続数: 12件）" in reply and "すでにオンラインで申請できる" in reply

        await 田中.say("そういえばVPNつながらないんだけど")
        reply = await 田中.say("ふたつ")
        assert "記録しました（オンライン化済みの手続数: 2件）" in reply and "新しく作成した" in reply

        reply = await 田中.say("Zoomの使い方を教えて")
        assert "Zoom" in reply and "（進捗報告の続き: 今月、新しく作成した" in reply
        reply = await 田中.say("あ、さっきの対象手続数まちがえた、４２件です")
        assert "「対象手続数」を12件から42件に訂正しました" in reply and "新しく作成した" in reply

        assert "の状況を選んでください" in await 田中.say("0")
        reply = await 田中.say("Teamsで画面共有できますか？")
        assert "共有" in reply and "記録しました" not in reply  # a question: the FAQ desk, not the form
        reply = await 田中.say("順調です")
        assert "記録しました" in reply and "進行中" in reply

        answers = await _draft(田中.app)
        assert (answers["procedures_in_scope"], answers["procedures_online"], answers["forms_created"]) == (42, 2, 0)
