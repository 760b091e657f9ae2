"""Check-ins, twelfth round (2026-12-06): words typed at the check-in form on the console.

At 「「はい」は「小さな気づき」への回答ですか？」 the typed label 「いいえ、書き直します」 (or 「いいえ」
「ちがう」「書き直す」) acts as its button and 「はい、回答です」 as the other; 「やっぱいいです」 at an
optional free-text item (補足) leaves it out; 「それ何？」 at a number item explains the item like
「ヘルプ」."""

from __future__ import annotations

import pytest

from tests.integration.test_checkins_round11 import TO_CONSULT, _answers, _say_all
from tests.integration.test_form_walkthrough import _liaison

BELONGS = "への回答ですか"


# --- 1. the labels of 「…への回答ですか？」 typed ---------------------------------------------------
@pytest.mark.parametrize("said", ("いいえ、書き直します", "いいえ", "ちがう", "書き直す", "書き直します", "2"))
async def test_the_rewrite_label_typed_acts_as_its_button(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "いいえ"))
    assert "小さな気づき" in 田中.text()
    await 田中.say("はい")
    assert BELONGS in 田中.text()
    await 田中.say(said)
    answers = await _answers(app)
    assert said not in answers.values() and "はい" not in answers.values(), answers
    assert "回答内容の確認" not in 田中.text()


@pytest.mark.parametrize("said", ("はい、回答です", "はい", "1"))
async def test_the_yes_label_typed_keeps_the_words(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "いいえ"))
    await 田中.say("はい")
    assert BELONGS in 田中.text()
    await 田中.say(said)
    answers = await _answers(app)
    assert "はい" in answers.values() and "はい、回答です" not in answers.values(), answers


# --- 5. 「やっぱいいです」 at an optional free-text item --------------------------------------------
@pytest.mark.parametrize("said", ("やっぱいいです", "やっぱりなしで", "いいです、大丈夫"))
async def test_taken_back_at_an_optional_text_leaves_it_out(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "いいえ"))
    assert "小さな気づき" in 田中.text()
    await 田中.say(said)
    assert said not in (await _answers(app)).values()
    assert "回答内容の確認" in 田中.text(), 田中.text()


# --- 6. 「それ何？」 at a number item -------------------------------------------------------------
@pytest.mark.parametrize("said", ("それ何？", "それなに", "これってなに?", "どういう意味？", "なにそれ"))
async def test_what_is_it_at_a_number_item_explains_the_item(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("ヘルプ")
    explained = 田中.replies[-1].text
    await 田中.say(said)
    assert explained.splitlines()[0] in 田中.text(), 田中.text()
    assert await _answers(app) == {}


# --- 2. an earlier number item named by its place or by words of its label ----------------------
@pytest.mark.parametrize("said", ("さっきの対象件数は16だった", "1問目を16に直して", "対象手続数は16件にして",
                                  "対象は16件です", "ごめん最初のやつ16件だった", "最初の質問の答え16に直したい"))
async def test_an_earlier_number_named_by_place_or_words_is_mended(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("１２", "8"))
    assert "申請フォーム" in 田中.text()
    await 田中.say(said)
    assert "」は数字でお答えください" not in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert answers["procedures_in_scope"] == 16 and "forms_created" not in answers, answers
    assert "申請フォーム" in 田中.replies[-1].text  # the question shown stays


async def test_a_later_answer_is_checked_against_the_mended_number(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("3")
    await 田中.say("2")  # オンライン化済み ≤ 対象手続数
    await 田中.say("1問目を30に直して")
    await 田中.say("戻る")
    await 田中.say("10")
    assert "超えて" not in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_online"] == 10


# --- 3. the kinds of problem typed in kana ------------------------------------------------------
@pytest.mark.parametrize("said", ("よさんと人手", "よさんとひとで", "よさんや、じんいん", "ヨサンとジカン"))
async def test_problem_kinds_typed_in_kana_are_those_kinds(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_CONSULT[:-1])
    assert "課題" in 田中.text()
    await 田中.say(said)
    answers = await _answers(app)
    assert answers["obstacles"] == ["budget", "staffing"] and "obstacles_detail" not in answers, answers


# --- 4. a yes said with its content -------------------------------------------------------------
@pytest.mark.parametrize("said", ("RPAの予算のことで相談したい", "LoGoフォームについて相談があります", "申請の件で支援してほしいです"))
async def test_a_yes_with_its_content_records_both(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_CONSULT)
    await 田中.say(said)
    answers = await _answers(app)
    assert answers["needs_consultation"] is True and answers["consultation_detail"] == said, answers
    assert said in 田中.text() and "戻る" in 田中.text()
    assert "小さな気づき" in 田中.text()


async def test_answered_again_without_other_the_old_other_text_goes(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_CONSULT[:-1])
    await 田中.say("庁内の決裁ルートで止まりがち")
    assert (await _answers(app)).get("obstacles_detail"), 田中.text()
    while "課題になっていること" not in 田中.replies[-1].text and len(田中.replies) < 60:
        await 田中.say("戻る")
    await 田中.say("予算、人員")
    answers = await _answers(app)
    assert answers["obstacles"] == ["budget", "staffing"] and "obstacles_detail" not in answers, answers
