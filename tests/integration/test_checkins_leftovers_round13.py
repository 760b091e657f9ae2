"""Check-ins, thirteenth round (2026-12-06): the leftovers of the twelfth round, on the console.

A correction typed while the form waits for 「続きから」 (paused, then a question to the FAQ desk) is
applied and the form says where it stands; after a side question that ended in the FAQ desk's
「担当者に転送しますか？」 the form brings its question back in one line; 課題 (several choices) and free
texts (課題の内容) are mended in words like numbers and single choices."""

from __future__ import annotations

import pytest

from tests.integration.test_checkins_round11 import TO_OBSTACLES, _answers, _say_all
from tests.integration.test_form_walkthrough import _liaison

# Not in the FAQ: the desk offers close questions, then 「担当者に転送しますか？」.
UNKNOWN = "電子決裁システムで差し戻された案件の再申請はどうすればいいですか？"
RESUME_LINE = "「続きから」で再開できます"
FORMS_QUESTION = "今月、新しく作成したオンライン申請フォームは何件ですか？"


# --- 1. a correction while the form waits for 「続きから」 -----------------------------------------
@pytest.mark.parametrize("pause", ("やめる", "ちょっと電話きたのでまたあとで"))
async def test_a_correction_after_a_pause_and_a_side_question_is_applied(app_factory, clock, pause):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8", pause, UNKNOWN, "どれでもない", "はい"))
    assert "Q-1" in 田中.text()  # the FAQ desk forwarded the question; the form waits

    await 田中.say("さっきの件数、12じゃなくて15でした")
    assert RESUME_LINE not in 田中.text(), 田中.text()
    assert "「対象手続数」を12件から15件に訂正しました" in 田中.text()
    assert FORMS_QUESTION in 田中.replies[-1].text  # where the form stands: its next question

    await 田中.say("2番目は10に直して")
    assert "「オンライン化済みの手続数」を8件から10件に訂正しました" in 田中.text(), 田中.text()
    await 田中.say("3")  # the form is open again: its question takes the answer
    answers = await _answers(app)
    assert (answers["procedures_in_scope"], answers["procedures_online"], answers["forms_created"]) == (15, 10, 3)


@pytest.mark.parametrize("said", ("最初の質問の答え30に直したい", "1問目を30に直して", "一番目は30に直して"))
async def test_an_item_named_by_its_place_is_mended_while_paused(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8", "やめる"))
    await 田中.say(said)
    assert RESUME_LINE not in 田中.text() and "「対象手続数」を12件から30件に訂正しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_in_scope"] == 30


async def test_a_correction_naming_nothing_answered_is_said_and_changes_nothing(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8", "やめる"))
    await 田中.say("さっきの30じゃなくて32でした")
    assert "30" in 田中.text() and RESUME_LINE not in 田中.text(), 田中.text()
    assert await _answers(app) == {"procedures_in_scope": 12, "procedures_online": 8}


async def test_a_plain_count_while_paused_still_gets_the_resume_line(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8", "やめる"))
    await 田中.say("3件")
    assert RESUME_LINE in 田中.text()
    assert "forms_created" not in await _answers(app)


# --- 2. after a side question that ended in a forward, the form comes back -----------------------
@pytest.mark.parametrize("reply", ("はい", "いいえ"))
async def test_after_the_forward_prompt_the_form_says_its_question_again(app_factory, clock, reply):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8"))
    await 田中.say(UNKNOWN)
    await 田中.say("どれでもない")
    assert "転送しますか" in 田中.text()
    assert 田中.replies[-1].text == f"（進捗報告の続き: {FORMS_QUESTION}（なければ「0」））"
    await 田中.say(reply)
    assert ("Q-1" in 田中.text()) == (reply == "はい"), 田中.text()
    assert 田中.replies[-1].text == f"（進捗報告の続き: {FORMS_QUESTION}（なければ「0」））", 田中.text()
    await 田中.say("ふたつ")  # no 「続きから」 needed
    assert "記録しました（今月作成したフォーム数: 2件）" in 田中.text(), 田中.text()


async def test_after_the_forward_at_a_free_text_item_its_answer_is_asked_about_not_sent_to_the_faq(
        app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("12", "8", "0", "遅延"))
    assert "遅れている理由" in 田中.text()
    await 田中.say("Teamsで画面共有するには？")
    await 田中.say("いいえ")  # to 「解決しましたか？」
    await 田中.say("はい")  # to 「転送しますか？」
    assert "Q-1" in 田中.text() and "（進捗報告の続き: 「住民票の写しのオンライン請求」が遅れている理由" in 田中.text()
    await 田中.say("委託先の選定が遅れたため")
    assert "へのお答えですか？" in 田中.text(), 田中.text()
    await 田中.say("はい")
    assert (await _answers(app))["roadmap.1.delay_reason"] == "委託先の選定が遅れたため"
    assert len(await app.services.faq.list_unanswered()) == 1  # only the forwarded question


# --- 3. several-choice and free-text items mended in words ------------------------------------
CONSULT_QUESTION = "相談したいことや、支援してほしいことはありますか？"


@pytest.mark.parametrize(("said", "now"), (
    ("課題のところ、やっぱり『人手が足りない』にしてください", ["staffing"]),
    ("選んだのは1と3に変えて", ["budget", "system"]),
    ("課題を予算と人員に変更", ["budget", "staffing"]),
))
async def test_the_problem_kinds_are_mended_in_words(app_factory, clock, said, now):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "予算", "予算が足りない"))
    assert CONSULT_QUESTION in 田中.text()
    await 田中.say(said)
    assert "「課題」を予算から" in 田中.text() and "に訂正しました" in 田中.text(), 田中.text()
    assert CONSULT_QUESTION in 田中.replies[-1].text  # the form stays at its question
    answers = await _answers(app)
    assert answers["obstacles"] == now and answers["obstacles_detail"] == "予算が足りない", answers


async def test_the_free_text_is_mended_in_words_with_its_punctuation(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "予算", "予算が足りない"))
    await 田中.say("課題の内容を『決裁ルートが長い、人手も足りない』に直して")
    assert "「課題の内容」を「予算が足りない」から「決裁ルートが長い、人手も足りない」に訂正しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["obstacles_detail"] == "決裁ルートが長い、人手も足りない"


async def test_none_mended_to_a_problem_asks_for_its_details_then_goes_on(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "特になし"))
    assert CONSULT_QUESTION in 田中.text()
    await 田中.say("課題は予算に変更")
    assert "「課題」を特になしから予算に訂正しました" in 田中.text()
    assert "課題の内容を具体的に教えてください" in 田中.replies[-1].text  # now asked
    await 田中.say("予算の確保")
    assert CONSULT_QUESTION in 田中.text()
    answers = await _answers(app)
    assert answers["obstacles"] == ["budget"] and answers["obstacles_detail"] == "予算の確保"


async def test_on_the_review_the_small_finding_is_mended_in_words(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "特になし", "いいえ", "問い合わせが減った"))
    assert "回答内容の確認" in 田中.text()
    await 田中.say("小さな気づきは「窓口での問い合わせが減った」に直してください")
    assert "「小さな気づき」を「問い合わせが減った」から「窓口での問い合わせが減った」に訂正しました" in 田中.text(), 田中.text()
    assert "回答内容の確認" in 田中.text()  # still the review
    assert (await _answers(app))["small_findings"] == "窓口での問い合わせが減った"


# --- 4. a request taken back at a later item or on the review ----------------------------------
REQUEST = ("はい", "LoGoフォームの使い方を相談したい")


@pytest.mark.parametrize(("where", "said"), (
    ((), "さっきの相談はやっぱり取り消します"),  # at 小さな気づき
    (("スキップ",), "相談はなしで"),  # on the review
))
async def test_a_request_taken_back_later_files_nothing(app_factory, clock, where, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "特になし", *REQUEST, *where))
    assert (await _answers(app))["consultation_detail"] == "LoGoフォームの使い方を相談したい"
    await 田中.say(said)
    assert "相談の希望は「いいえ」に戻しました" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert answers["needs_consultation"] is False and "consultation_detail" not in answers
    if not where:
        assert "小さな気づき" in 田中.replies[-1].text  # the form stays at its question
        await 田中.say("スキップ")
    assert "回答内容の確認" in 田中.text()
    await 田中.say("送信")
    assert "提出しました" in 田中.text() and "ご相談を受け付けました" not in 田中.text(), 田中.text()
    assert await app.services.faq.list_unanswered() == []


async def test_a_filed_request_taken_back_in_a_change_is_withdrawn_and_the_office_told(app_factory, clock):
    from bot.core.model import UnansweredStatus
    from tests.support.checkins import outbox

    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_OBSTACLES, "特になし", *REQUEST, "スキップ", "送信"))
    assert "Q-1" in 田中.text()
    await 田中.command("checkin edit")
    assert "回答内容の確認" in 田中.text()
    await 田中.say("相談はなしで")
    assert "Q-1 は、この修正を送信したときに取り下げます" in 田中.text(), 田中.text()
    assert (await app.services.faq.get_unanswered(1)).status is UnansweredStatus.FORWARDED  # not sent yet
    await 田中.say("送信")
    assert "相談 Q-1 を取り下げました" in 田中.text(), 田中.text()
    assert (await app.services.faq.get_unanswered(1)).status is UnansweredStatus.CLOSED
    told = [q for q in await outbox(app) if q.dedupe_key.startswith("checkin.request.withdrawn:1:")]
    assert told and "Q-1 を取り下げました" in told[0].text, [q.dedupe_key for q in await outbox(app)]
