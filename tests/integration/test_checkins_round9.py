"""Check-ins, ninth round (2026-12-06): a liaison's walk-through on the console, check-in open.

Corrections said in plain words (「さっきの30じゃなくて32でした」「対象の手続数を32に訂正したい」),
resuming in a sentence (「もどりました。報告のつづきやります」), and side questions with no 「？」
(「vlookupってどう使うんでしたっけ」 at a number question, 「そういえば会議室のよやくってどうやるの」 at
a free-text question) go where the person meant them."""

from __future__ import annotations

import pytest

from handlers.checkins.ports import CHECKINS
from tests.integration.test_form_walkthrough import _liaison
from tests.integration.test_forms_walkthrough_round3 import _poll


async def _answers(app):  # type: ignore[no-untyped-def]
    svc = app.services.get(CHECKINS)
    person = await app.services.people.find("田中")
    drafts = await svc.repo.drafts_of(person.id)
    return drafts[0].session["answers"]


async def _at_forms_created(app_factory, clock, first="30", second="8"):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say(first)
    await 田中.say(second)
    assert "新しく作成したオンライン申請フォームは何件" in 田中.text()
    return app, 田中


# --- 1. corrections in plain words ----------------------------------------------------------------
@pytest.mark.parametrize("said", ("すみません、さっきの30じゃなくて32でした", "さっきの３０じゃなくて３２です",
                                  "30件じゃなくて32件でした", "あ、対象手続数は30じゃなくて32です"))
async def test_the_previous_answer_not_x_but_y_is_corrected(app_factory, clock, said):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say(said)
    assert "「対象手続数」を30件から32件に訂正しました" in 田中.text(), 田中.text()
    assert "数字でお答えください" not in 田中.replies[-1].text.splitlines()[1]
    assert "新しく作成したオンライン申請フォームは何件" in 田中.text()  # the form stays where it was
    answers = await _answers(app)
    assert answers["procedures_in_scope"] == 32 and answers["procedures_online"] == 8
    assert "forms_created" not in answers  # 「32」 was not taken as the answer to the question shown


async def test_two_answers_with_the_same_number_are_asked_about_not_guessed(app_factory, clock):
    app, 田中 = await _at_forms_created(app_factory, clock, "30", "30")
    await 田中.say("さっきの30じゃなくて32でした")
    assert "30とお答えの項目がいくつかあります" in 田中.text() and "「対象手続数」" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert (answers["procedures_in_scope"], answers["procedures_online"]) == (30, 30)
    await 田中.say("対象の手続数を32に訂正したい")
    assert "「対象手続数」を30件から32件に訂正しました" in 田中.text(), 田中.text()


async def test_a_number_nobody_answered_is_said_not_stored(app_factory, clock):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("すみません、さっきの40じゃなくて42でした")
    assert "40とお答えの項目が見つかりませんでした" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert answers["procedures_in_scope"] == 30 and "forms_created" not in answers


@pytest.mark.parametrize("said", ("対象の手続数を32に訂正したい", "対象手続数を３２件に変更したいです",
                                  "すみません、対象の手続数を32に直したい", "対象のを32に修正してください"))
async def test_an_item_named_by_a_word_of_its_label_is_corrected(app_factory, clock, said):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say(said)
    assert "「対象手続数」を30件から32件に訂正しました" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert answers["procedures_in_scope"] == 32 and answers["procedures_online"] == 8
    assert "forms_created" not in answers


async def test_the_online_count_named_by_its_word_is_the_one_corrected(app_factory, clock):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("オンライン化済みの手続数を10に直したい")
    assert "「オンライン化済みの手続数」を8件から10件に訂正しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_in_scope"] == 30


async def test_a_word_naming_two_items_is_asked_about_not_guessed(app_factory, clock):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("手続数を32に訂正したい")
    assert "「手続数」にあたる項目がいくつかあります" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert (answers["procedures_in_scope"], answers["procedures_online"]) == (30, 8)


async def test_a_label_that_names_nothing_is_said_and_nothing_changes(app_factory, clock):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("予算を32に変更したい")
    assert "「予算」にあたる項目が見つかりませんでした" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert (answers["procedures_in_scope"], answers["procedures_online"]) == (30, 8)


# --- 2. resuming in a sentence, in a new session -------------------------------------------------
@pytest.mark.parametrize("said", ("もどりました。報告のつづきやります", "お疲れさまです。さっきの続きから",
                                  "戻りました、進捗報告の続きをお願いします", "ただいま戻りました！報告を再開します"))
async def test_resume_said_in_a_sentence_continues_the_form(app_factory, clock, said):
    app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("中断")
    clock.advance(hours=3)  # a new session: the form's dialog has long expired
    await 田中.say(said)
    assert "新しく作成したオンライン申請フォームは何件" in 田中.text(), 田中.text()
    await 田中.say("2")
    assert "記録しました（今月作成したフォーム数: 2件）" in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_in_scope"] == 30


async def test_a_question_about_the_report_is_not_a_resume(app_factory, clock):
    _app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say("中断")
    clock.advance(hours=3)
    await 田中.say("報告の続きはどこで見られますか？")
    assert "新しく作成したオンライン申請フォームは何件" not in 田中.replies[-1].text, 田中.text()


@pytest.mark.parametrize("said", ("お疲れさまです。診断のつづきやります", "もどりました、さっきの診断のつづきから",
                                  "すみません、診断を再開したいです"))
async def test_the_assessment_is_resumed_by_a_sentence(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("2")
    await me.say("あとで")
    clock.advance(hours=3)
    await me.say(said)
    assert "2/27" in (me.replies[-1].title or ""), me.text()


# --- 3. a question with no 「？」 at a number question --------------------------------------------
@pytest.mark.parametrize("said", ("あのー、エクセルでvlookupってどう使うんでしたっけ", "エクセルのvlookupってどう使うんだっけ"))
async def test_a_casual_question_at_a_number_goes_to_the_faq_desk(app_factory, clock, said):
    _app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say(said)
    assert "VLOOKUP" in 田中.text() and "数字でお答えください（例" not in 田中.replies[0].text, 田中.text()
    assert "（進捗報告の続き: 今月、新しく作成したオンライン申請フォームは何件" in 田中.text(), 田中.text()
    await 田中.say("0")
    assert "記録しました（今月作成したフォーム数: 0件）" in 田中.text(), 田中.text()


@pytest.mark.parametrize(("said", "value"), (("たぶん4件かな", 4), ("ふたつかな", 2), ("3くらいかな？", 3)))
async def test_a_hedged_number_is_still_the_answer(app_factory, clock, said, value):
    _app, 田中 = await _at_forms_created(app_factory, clock)
    await 田中.say(said)
    assert f"記録しました（今月作成したフォーム数: {value}件）" in 田中.text(), 田中.text()


# --- 4. a clear question at a free-text question -------------------------------------------------
async def _at_remarks(app_factory, clock):  # type: ignore[no-untyped-def]
    app, 田中 = await _at_forms_created(app_factory, clock)
    for said in ("0", "遅延", "委託先の選定が遅れたため"):
        await 田中.say(said)
    assert "補足があればお書きください" in 田中.text()
    return app, 田中


@pytest.mark.parametrize("said", ("そういえば会議室のよやくってどうやるの", "ところで会議室の予約はどこでするんだっけ"))
async def test_a_clear_question_at_a_free_text_goes_to_the_faq_desk_and_is_not_stored(app_factory, clock, said):
    app, 田中 = await _at_remarks(app_factory, clock)
    await 田中.say(said)
    assert "施設予約" in 田中.text(), 田中.text()
    assert "（進捗報告の続き: 「住民票の写しのオンライン請求」について補足があれば" in 田中.text(), 田中.text()
    assert not any("会議室" in str(v) for v in (await _answers(app)).values())
    await 田中.say("来月に業者と再調整します")
    await 田中.say("はい")  # 「いまのは「…」へのお答えですか？」 right after a side question
    assert "記録しました" in 田中.text() and "来月に業者と再調整します" in 田中.text(), 田中.text()


async def test_a_plea_at_a_free_text_is_still_checked_first(app_factory, clock):
    _app, 田中 = await _at_remarks(app_factory, clock)
    await 田中.say("そういえばVPNつながらないんだけど")
    assert "への回答ですか" in 田中.text(), 田中.text()  # ambiguous: one yes/no line, as before
