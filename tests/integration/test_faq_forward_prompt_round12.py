"""The FAQ desk after an answer (walk-through of 2026-12-06, twelfth round): at 「担当者に転送しますか？」
a person request or 「だめだった」 forwards the question being discussed (never a new Q); a bare
「1」/「2」 acts as the button; casual 「電話するわ」「なおらん。誰かきて」 are understood; a complaint
about the bot itself gets an apology and the way to a person, never kept as a question."""

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


async def at_forward_prompt(app_factory, clock):  # type: ignore[no-untyped-def]
    app, 山田 = await answered(app_factory, clock)
    await 山田.say("いいえ")
    assert "転送しますか" in 山田.text(), 山田.text()
    return app, 山田


@pytest.mark.parametrize("said", ["なおらない、だれかきて", "もう少しくわしく", "だめだった。だれか来てくれない",
                                  "ぜんぜんだめ。人にきいていい？", "なおらん。誰かきて"])
async def test_at_the_forward_prompt_a_person_or_did_not_help_forwards_the_question(app_factory, clock, said):
    app, 山田 = await at_forward_prompt(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert "転送しました" in text, text
    assert TURNED_AWAY not in text and "FAQに見つかりませんでした" not in text, text
    [question] = await app.services.faq.list_unanswered((), 10)
    assert PIVOT in question.text, question.text  # the question discussed, no new Q of the complaint


async def test_a_person_asked_for_later_is_offered_the_last_real_question(app_factory, clock):
    app, 山田 = await at_forward_prompt(app_factory, clock)
    await 山田.say("だめだった。だれか来てくれない")
    await 山田.say("人と話したい")
    text = 山田.text()
    assert PIVOT in text and "だれか来て" not in text, text
    assert len(await app.services.faq.list_unanswered((), 10)) == 1


@pytest.mark.parametrize(("typed", "expected"), [("1", "転送しました"), ("2", "転送しない"), ("２", "転送しない")])
async def test_a_bare_number_at_the_forward_prompt_acts_as_its_button(app_factory, clock, typed, expected):
    _, 山田 = await at_forward_prompt(app_factory, clock)
    await 山田.say(typed)
    text = 山田.text()
    assert "番号は" not in text, text
    if expected == "転送しない":
        assert "転送しました" not in text, text
    else:
        assert expected in text, text


async def test_a_bare_number_out_of_range_still_says_which_numbers(app_factory, clock):
    _, 山田 = await at_forward_prompt(app_factory, clock)
    await 山田.say("3")
    assert "番号は 1〜2" in 山田.text(), 山田.text()


async def test_a_bare_one_at_did_it_help_is_yes(app_factory, clock):
    app, 山田 = await answered(app_factory, clock)
    await 山田.say("1")
    text = 山田.text()
    assert "番号は" not in text and "転送しますか" not in text, text
    assert not await app.services.faq.list_unanswered((), 10)


async def test_a_bare_two_at_did_it_help_is_no(app_factory, clock):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say("2")
    text = 山田.text()
    assert "番号は" not in text and "転送しますか" in text, text


@pytest.mark.parametrize("said", ["もういいや電話するわ", "電話するわ", "もうええわ、電話する"])
async def test_casual_giving_up_for_the_phone_gets_the_contact(app_factory, clock, said):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert text.startswith("承知しました") and "不審なメール" not in text, text


@pytest.mark.parametrize("said", ["なおらん。誰かきて", "あかん、だれか来て", "だめや。人と話したい"])
async def test_dialect_did_not_help_and_a_person_offers_forwarding(app_factory, clock, said):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert "転送しますか" in text and TURNED_AWAY not in text, text


@pytest.mark.parametrize("said", ["このボットやくにたたない", "このボット使えない", "このbot役に立たないね",
                                  "ボットが全然使えない"])
async def test_a_complaint_about_the_bot_gets_an_apology_and_the_way_to_a_person(app_factory, clock, said):
    app, 山田 = await answered(app_factory, clock)
    await 山田.say(said)
    text = 山田.text()
    assert "申し訳" in text and "担当者" in text, text
    assert "FAQに見つかりませんでした" not in text and len(text.splitlines()) <= 2, text
    assert not await app.services.faq.list_unanswered((), 10)


async def test_a_complaint_about_the_bot_with_nothing_asked(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("このボット使えない")
    assert "申し訳" in 山田.text(), 山田.text()
    assert not await app.services.faq.list_unanswered((), 10)


async def test_a_question_about_using_a_bot_is_still_a_question(app_factory, clock):
    _, 山田 = await answered(app_factory, clock)
    await 山田.say("Teamsでボットを使えないのはなぜですか")
    assert "申し訳ありません。このボット" not in 山田.text(), 山田.text()
