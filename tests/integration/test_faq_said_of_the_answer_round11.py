"""Said of an answer just shown (walk-through of 2026-12-06, third): 「もう少しくわしく」, 「なおらない、
だれかきて」, 「もういい、電話する」 are about that answer, not new questions turned away."""

from __future__ import annotations

import pytest

from tests.support.dialogue import office_and_staff

PIVOT = "ピボットテーブルの作り方"
TURNED_AWAY = "DX Desk はお仕事のデジタル化"


async def answered(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say(PIVOT)
    assert "解決しましたか？" in 山田.text(), 山田.text()
    return app, 山田


@pytest.mark.parametrize("said", ["さっきのやつもう少しくわしく", "もっと詳しく教えて", "もうちょい具体的におねがいします",
                                  "それ、もう少しくわしく知りたい"])
async def test_asking_for_more_detail_offers_a_person_with_the_answer_shown(app_factory, clock, said):
    app, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert "FAQでご案内できるのはここまで" in text and "[担当者に転送する]" in text, text
    await 山田.press("担当者に転送する")
    question = (await app.services.faq.list_unanswered((), 1))[0]
    assert PIVOT in question.text and "FAQ" in question.text, question.text  # the entry shown goes along


async def test_a_new_question_asking_for_detail_is_still_a_question(app_factory, clock):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say("VLOOKUPについて詳しく教えて")
    assert "VLOOKUP" in 山田.text() and "ここまで" not in 山田.text(), 山田.text()


@pytest.mark.parametrize("said", ["なおらない、だれかきて", "だめでした。誰か来てほしい", "うまくいかない、人と話したい"])
async def test_did_not_help_and_a_person_offers_forwarding(app_factory, clock, said):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert "転送しますか" in text and TURNED_AWAY not in text, text


@pytest.mark.parametrize("said", ["もういい、電話する", "自分で電話します", "もういいです。でんわしてみます"])
async def test_giving_up_for_the_phone_gets_the_contact(app_factory, clock, said):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert text.startswith("承知しました") and "不審なメール" not in text, text


async def test_giving_up_for_the_phone_names_the_configured_contact(app_factory, clock):
    app = await app_factory(clock=clock, office_contact="内線5555")
    _, 山田 = await office_and_staff(app)
    await 山田.say(PIVOT)
    await 山田.say("もういい、電話する")
    assert "内線5555" in 山田.text(), 山田.text()



async def test_a_question_written_for_a_person_is_forwarded_and_the_faqs_answer_shown_meanwhile(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("人と話したい")
    await 山田.say("パソコンが遅い")
    text = 山田.text()
    assert "転送しました" in text and "Q-" in text, text
    assert "担当者の返事を待つ間に" in text and "再起動" in text, text
    assert "解決しましたか？" not in text, text  # a person answers it; nothing asked of the FAQ's answer
    [question] = await app.services.faq.list_unanswered()
    assert question.text == "パソコンが遅い"


async def test_a_question_the_faq_does_not_answer_is_only_forwarded(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("人と話したい")
    await 山田.say("庁内運動会の参加賞は何ですか")
    assert "転送しました" in 山田.text() and "担当者の返事を待つ間に" not in 山田.text(), 山田.text()
