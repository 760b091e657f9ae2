"""Forms, the poll and typed buttons, eleventh round (2026-12-06). Each test reads as the conversation.

1. After a side question the bot says the open check-in (or poll) question again in one line; a bare
   「1」「２」「３」 typed next is that question's answer (a count, an option's number, a level) — not a button
   of the FAQ desk's reply — unless the question cannot take it. 「はい」「いいえ」 still go to the desk's
   「解決しましたか？」. The console chat no longer maps that number to the buttons above the line.
2. A status answered before is corrected in plain words (「遅延じゃなくて進行中」「さっきのは遅延じゃなくて進行中
   でした」「ステータスを進行中に訂正」), like the numbers of the ninth round; the form stays at its question (or
   moves on when the question shown was only for the old answer: the delay's reason).
3. Buttons of a direct reply (「担当者に転送する」, a FAQ candidate's question) typed later, after their
   prompt closed, press them on every platform (a clear part of one candidate's question is enough).
"""

from __future__ import annotations

import io

import pytest

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.integration.test_form_walkthrough import _liaison
from tests.support.checkins import member
from tests.support.dialogue import surface

REPEATED = "（進捗報告の続き: "


async def _answers(app):  # type: ignore[no-untyped-def]
    svc = app.services.get(CHECKINS)
    person = await app.services.people.find("田中")
    drafts = await svc.repo.drafts_of(person.id)
    return drafts[0].session["answers"]


# --- 1. a bare number after the question said again ---------------------------------------------------
@pytest.mark.parametrize("platform", ("console", "slack"))
async def test_a_bare_number_after_a_side_question_answers_the_form(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        assert "全部で何件" in await 田中.command("checkin")

        said = await 田中.say("そういえばVPNつながらないんだけど")  # the desk offers to forward: [1] [2]
        assert "転送しますか" in said and said.rstrip().endswith("全部で何件ですか？）"), said
        said = await 田中.say("８")
        assert "記録しました（対象手続数: 8件）" in said and "番号は" not in said, said

        said = await 田中.say("これって人事評価に使われたりしないよね？")  # candidates [1] [2] [3]
        assert "近いご質問" in said and REPEATED in said, said
        said = await 田中.say("３")
        assert "記録しました（オンライン化済みの手続数: 3件）" in said and "研修" not in said, said

        said = await 田中.say("Teamsで画面共有するには？")  # an answer, 「解決しましたか？」 [はい] [いいえ]
        assert "解決しましたか" in said and REPEATED in said, said
        said = await 田中.say("1")
        assert "記録しました（今月作成したフォーム数: 1件）" in said and "の状況を選んでください" in said, said

        await 田中.say("Teamsで画面共有するには？")
        said = await 田中.say("2")  # the status question's option 2
        assert "記録しました" in said and "進行中" in said, said

        answers = await _answers(田中.app)
        assert (answers["procedures_in_scope"], answers["procedures_online"], answers["forms_created"]) == (8, 3, 1)
        assert answers["roadmap.1.status"] == "in_progress"


async def test_a_number_the_question_cannot_take_goes_to_the_desks_buttons(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("８")
    await 田中.say("これって人事評価に使われたりしないよね？")
    await 田中.say("9")  # more than the 8 procedures in scope: not an answer here, the desk's candidates read it
    assert "記録しました" not in 田中.text(), 田中.text()
    assert "procedures_online" not in await _answers(app)


async def test_yes_after_a_side_question_still_goes_to_the_desk(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("Teamsで画面共有するには？")
    await 田中.say("はい")
    assert "お役に立ててよかった" in 田中.text() and "記録しました" not in 田中.text(), 田中.text()
    await 田中.say("3")  # nothing open now: the form the bot last asked about still takes its answer
    assert "記録しました（対象手続数: 3件）" in 田中.text(), 田中.text()


async def test_the_console_chat_sends_the_number_to_the_form_not_to_the_buttons_above(app_factory, clock):
    from bot.adapters.console.chat import ConsoleChat

    app = await app_factory(clock=clock)
    await _liaison(app)
    out = io.StringIO()
    chat = ConsoleChat(app.dispatcher.dispatch, user_id="tanaka", out=out)
    await chat.handle_line("Teamsで画面共有するには？")  # [1] はい [2] いいえ, then the question again
    assert "解決しましたか" in out.getvalue() and REPEATED in out.getvalue(), out.getvalue()
    await chat.handle_line("2")
    shown = out.getvalue().split("解決しましたか", 1)[1]
    assert "記録しました（対象手続数: 2件）" in shown and "担当者に質問を転送" not in shown, shown
    assert (await _answers(app))["procedures_in_scope"] == 2


@pytest.mark.parametrize("platform", ("console", "teams"))
async def test_the_poll_takes_a_full_width_number_after_candidates(platform, app_factory, clock):
    from tests.support.assessment import start_assessment

    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
        assert "1/27" in await 田中.command("診断")
        said = await 田中.say("これって人事評価に使われたりしないよね？")
        assert "近いご質問" in said and "スキル診断の続き" in said, said
        said = await 田中.say("２")  # level 2 of question 1, not the second candidate
        assert "2/27" in said and "引継ぎ" not in said, said


async def test_the_console_chat_gives_the_poll_its_level_not_the_candidate(app_factory, clock):
    from bot.adapters.console.chat import ConsoleChat
    from tests.support.assessment import start_assessment

    async with surface("console", app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
        out = io.StringIO()
        chat = ConsoleChat(田中.app.dispatcher.dispatch, user_id=田中.actor.user_id, out=out)
        await chat.handle_line("/dx 診断")
        await chat.handle_line("これって人事評価に使われたりしないよね？")
        assert "近いご質問" in out.getvalue() and "スキル診断の続き" in out.getvalue(), out.getvalue()
        await chat.handle_line("２")
        shown = out.getvalue().split("スキル診断の続き", 1)[1]
        assert "2/27" in shown and "引継ぎ" not in shown, shown


# --- 2. corrections of a choice in words --------------------------------------------------------------
async def _at_delay_reason(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for said in ("12", "8", "0", "遅延"):
        await 田中.say(said)
    assert "遅れている理由" in 田中.text()
    return app, 田中


@pytest.mark.parametrize("said", ("遅延じゃなくて進行中", "さっきのは遅延じゃなくて進行中でした",
                                  "すみません、遅延ではなく進行中です", "ステータスを進行中に訂正",
                                  "あ、状況は進行中に変更したいです"))
async def test_a_status_is_corrected_in_words_and_its_delay_question_goes(app_factory, clock, said):
    app, 田中 = await _at_delay_reason(app_factory, clock)
    await 田中.say(said)
    assert "の状況」を遅延から進行中に訂正しました" in 田中.text(), 田中.text()
    assert "補足があれば" in 田中.text() and "遅れている理由" not in 田中.text()  # no reason for a status on time
    answers = await _answers(app)
    assert answers["roadmap.1.status"] == "in_progress" and "roadmap.1.delay_reason" not in answers


async def test_a_status_corrected_later_keeps_the_form_at_its_question(app_factory, clock):
    app, 田中 = await _at_delay_reason(app_factory, clock)
    await 田中.say("委託先の選定が遅れたため")
    assert "補足があれば" in 田中.text()
    await 田中.say("やっぱり遅延じゃなくて完了でした")
    assert "の状況」を遅延から完了に訂正しました" in 田中.text(), 田中.text()
    assert "補足があれば" in 田中.text()
    assert (await _answers(app))["roadmap.1.status"] == "done"


async def test_a_status_correction_right_after_a_side_question_goes_to_the_form(app_factory, clock):
    app, 田中 = await _at_delay_reason(app_factory, clock)
    await 田中.say("委託先の選定が遅れたため")
    await 田中.say("Teamsで画面共有するには？")
    assert "解決しましたか" in 田中.text() and "（進捗報告の続き: " in 田中.text()
    await 田中.say("さっきのは遅延じゃなくて進行中でした")
    assert "の状況」を遅延から進行中に訂正しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["roadmap.1.status"] == "in_progress"


async def test_a_status_nobody_answered_is_not_a_correction(app_factory, clock):
    app, 田中 = await _at_delay_reason(app_factory, clock)
    await 田中.say("完了じゃなくて進行中でした")  # the answer was 遅延, not 完了: nothing is mended
    assert "訂正しました" not in 田中.text(), 田中.text()
    assert (await _answers(app))["roadmap.1.status"] == "delayed"


async def test_two_statuses_the_words_could_mean_are_asked_about(app_factory, clock):
    app, 田中 = await _at_delay_reason(app_factory, clock)
    for said in ("委託先の選定が遅れたため", "特になし", "進行中"):
        await 田中.say(said)
    await 田中.say("特になし")
    await 田中.say("ステータスを完了に訂正")
    assert "どの項目を直すかわかりませんでした" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert answers["roadmap.1.status"] == "delayed"


# --- 3. buttons of a direct reply, typed later, on every platform -------------------------------------
@pytest.mark.parametrize("platform", ("console", "slack", "teams"))
async def test_the_forward_button_typed_after_the_prompt_closed_forwards(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 山田:
        said = await 山田.say("そういえばVPNつながらないんだけど")
        assert "[担当者に転送する]" in said or "担当者に転送する" in said, said
        await 山田.say("こんにちは")  # the question closes; its buttons stay in the chat
        said = await 山田.say("担当者に転送する")
        assert "転送しました（受付番号 Q-1）" in said, said
        [forwarded] = await 山田.app.faq.list_unanswered()
        assert forwarded.text.startswith("そういえばVPNつながらないんだけど"), forwarded.text


@pytest.mark.parametrize("platform", ("console", "teams"))
async def test_a_candidate_typed_later_by_a_clear_part_is_picked(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 山田:
        said = await 山田.say("パスワードを忘れた")
        assert "近いご質問" in said and "マイページのパスワードを忘れた" in said, said
        await 山田.say("ありがとう")
        said = await 山田.say("マイページのパスワードを忘れたと連絡")  # a part of one candidate's question
        assert "登録したメールアドレス" in said and "解決しましたか" in said, said
        assert (await 山田.app.faq.get_question(1) or {}).get("feedback") == "picked"  # the first question's pick
        said = await 山田.say("パスワードを忘れた")  # a part of two candidates: a new question, not a guess
        assert "近いご質問" in said, said


async def test_a_label_typed_days_later_is_an_ordinary_message(app_factory, clock):
    async with surface("console", app_factory, clock) as 山田:
        await 山田.say("そういえばVPNつながらないんだけど")
        await 山田.say("こんにちは")
        clock.advance(hours=73)  # past DXDESK_TYPED_BUTTON_HOURS
        said = await 山田.say("担当者に転送する")
        assert "転送しました" not in said, said
