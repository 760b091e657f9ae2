"""A computer trouble told without naming the thing (leftover of the twelfth round):
「家からだとつながらない」 names only 家, which no FAQ entry speaks of, and was turned away as not a
work question. It is offered to a person, with a hint to name what does not work; small talk is
still turned away."""

from __future__ import annotations

import pytest

from tests.support.dialogue import office_and_staff

TURNED_AWAY = "DX Desk はお仕事のデジタル化"


@pytest.mark.parametrize("said", ["家からだとつながらない", "いえからだとつながらない", "なんか固まったんだけど",
                                  "うちからだと繋がりません"])
async def test_an_unnamed_trouble_is_offered_to_a_person_with_a_hint(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say(said)
    text = 山田.text()
    assert TURNED_AWAY not in text, text
    assert "転送しますか" in text and "[担当者に転送する]" in text and "例: VPN" in text, text
    await 山田.press("担当者に転送する")
    question = (await app.services.faq.list_unanswered((), 1))[0]
    assert question.text == said, question.text  # kept as typed, tracked with its number
    assert f"Q-{question.id}" in 山田.text(), 山田.text()


@pytest.mark.parametrize("said", ["朝からログインできないんですが", "さっきからエラーが出る"])
async def test_a_trouble_naming_a_word_of_the_faq_gets_its_entries(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say(said)  # ログイン, エラー: words of the FAQ, so its entries are offered
    text = 山田.text()
    assert TURNED_AWAY not in text and "例: VPN" not in text, text
    assert "選んでください" in text or "転送しますか" in text, text


async def test_a_named_trouble_keeps_the_plain_offer_and_small_talk_is_still_turned_away(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("家からVPNつながらない")  # the bundled FAQ has no VPN entry: the usual offer
    assert "転送しますか" in 山田.text() and "例: VPN" not in 山田.text(), 山田.text()
    await 山田.press("転送しない")
    await 山田.say("金曜日が待ち遠しい")
    assert TURNED_AWAY in 山田.text(), 山田.text()
    await 山田.say("おやつ食べたい")
    assert "転送" not in 山田.text(), 山田.text()


async def test_english_gets_the_hint_in_english(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("/dx lang en")
    await 山田.say("家からだとつながらない")
    text = 山田.text()
    assert "Naming what you use" in text and "申し訳" not in text, text
