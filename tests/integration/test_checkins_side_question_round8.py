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


async def _to_status(app_factory, clock):  # type: ignore[no-untyped-def]
    from tests.integration.test_form_walkthrough import _liaison

    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for said in ("12", "8", "0"):
        await 田中.say(said)
    assert "の状況を選んでください" in 田中.text()
    return app, 田中


async def test_at_a_free_text_question_the_bot_asks_once_instead_of_guessing(app_factory, clock):
    app, 田中 = await _to_status(app_factory, clock)
    await 田中.say("遅延")
    assert "遅れている理由" in 田中.text()
    await 田中.say("そういえばVPNつながらないんだけど")  # at a free text: asked first (as before)
    await 田中.say("いいえ")
    assert "（進捗報告の続き: 「住民票の写しのオンライン請求」が遅れている理由" in 田中.text()
    await 田中.say("委託先の選定が遅れたため")
    assert "いまのは「『住民票の写しのオンライン請求』の遅延理由」へのお答えですか？" in 田中.text()
    assert [c.label for c in 田中.replies[-1].choices] == ["はい", "いいえ"]
    await 田中.say("はい")
    assert "記録しました" in 田中.text() and "補足があれば" in 田中.text()

    # An optional free text: 「とくにないです」 is plainly no note, taken at once.
    # A clear question (「…どうすれば？」) goes to the FAQ desk at once (ninth round: no yes/no line first).
    await 田中.say("パスワード忘れたんですがどうすれば？")
    assert "（進捗報告の続き: 「住民票の写しのオンライン請求」について補足があれば" in 田中.text()
    await 田中.say("とくにないです")
    assert "「転出届のオンライン化」" in 田中.text() and "の状況を選んでください" in 田中.text()
    answers = await _draft(app)
    assert answers["roadmap.1.delay_reason"] == "委託先の選定が遅れたため"
    assert "roadmap.1.note" not in answers


async def test_no_at_the_free_text_check_sends_the_words_to_the_faq_desk(app_factory, clock):
    app, 田中 = await _to_status(app_factory, clock)
    await 田中.say("遅延")
    await 田中.say("そういえばVPNつながらないんだけど")
    await 田中.say("いいえ")
    await 田中.say("LoGoフォームのアカウント発行")
    assert "へのお答えですか？" in 田中.text()
    await 田中.press("いいえ")
    assert "LoGoフォーム" in 田中.text() or "担当者" in 田中.text()  # the FAQ desk took the words
    assert "（進捗報告の続き: 「住民票の写しのオンライン請求」が遅れている理由" in 田中.text()
    assert "roadmap.1.delay_reason" not in await _draft(app)


async def test_a_reply_to_the_faq_prompt_stays_with_the_faq_then_the_form_takes_its_answer(app_factory, clock):
    from tests.integration.test_form_walkthrough import _liaison

    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("Teamsで画面共有するには？")
    assert "解決しましたか？" in 田中.text()
    assert "（進捗報告の続き: 所属でオンライン化の対象としている手続は、全部で何件ですか？）" in 田中.text()
    await 田中.say("はい")  # to 「解決しましたか？」, not to the form
    assert "記録しました" not in 田中.text() and "数字で" not in 田中.text()
    await 田中.say("３件")  # no dialog open now: the paused form still takes its answer
    assert "記録しました（対象手続数: 3件）" in 田中.text()
    assert (await _draft(app))["procedures_in_scope"] == 3


@pytest.mark.parametrize("platform", ("console", "slack"))
async def test_the_assessment_poll_takes_its_number_after_a_side_question(platform, app_factory, clock):
    from tests.support.assessment import start_assessment

    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
        assert "1/27" in await 田中.command("診断")
        reply = await 田中.say("そういえばVPNつながらないんだけど")
        assert "スキル診断の続き" in reply and "番号か言葉で" not in reply
        reply = await 田中.say("3")  # the level of question 1, not a button of the FAQ desk's reply
        assert "2/27" in reply and "番号は" not in reply
        reply = await 田中.say("Teamsで画面共有するには？")
        assert "解決しましたか？" in reply and "スキル診断の続き" in reply
        reply = await 田中.say("はい")  # to 「解決しましたか？」: the FAQ desk's, nothing recorded
        assert "3/27" not in reply and "番号か言葉で" not in reply


async def test_a_check_in_deadline_on_a_closed_day_moves_back_like_the_assessment(app_factory, clock):
    """Clock: Tuesday 1 December 2026. 12/19 is a Saturday: the report is due Friday 12/18, and the
    admin is told so in the start confirmation."""
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("報告 開始 締切 １２月１９日")
    assert "2026年12月19日（土）は土曜日のため、締切を前の営業日の12月18日（金）17:00にしました" in admin.text()
    campaign = await app.services.get(CHECKINS).repo.latest_campaign()
    assert (campaign.deadline.month, campaign.deadline.day) == (12, 18)


async def test_send_at_the_review_after_a_side_question_sends(app_factory, clock):
    from tests.integration.test_form_walkthrough import _liaison, _result, _to_summary

    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _to_summary(田中)
    await 田中.say("そういえばVPNつながらないんだけど")
    assert "（進捗報告の続き: 内容を確認して「送信」と送ってください）" in 田中.text()
    await 田中.say("送信")
    assert "提出しました" in 田中.text() and await _result(app) is not None
