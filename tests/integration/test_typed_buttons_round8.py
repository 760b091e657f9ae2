"""Buttons typed as words and stale numbers, eighth round (2026-12-06): 「全然だめでした」 after the
「解決しましたか？」 question has closed, the いいえ button, typed labels on every platform, bare
numbers that only press recent buttons. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from tests.integration.test_faq_walkthrough_round4 import notices, people

PRINTER = "プリンターで印刷できない"


# --- 4. 「全然だめでした」 after 「解決しましたか？」 has closed --------------------------------------------
@pytest.mark.parametrize("complaint", ["全然だめでした", "だめでした", "解決しなかった", "ぜんぜんダメだった",
                                       "うーん、全然うまくいかないです"])
async def test_a_complaint_after_another_message_refers_to_the_last_answer(app_factory, clock, complaint):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    assert "解決しましたか" in 山田.text(), 山田.text()
    await 山田.say("そうですか、わかりました")  # 「解決しましたか？」 closes without an answer
    clock.advance(minutes=10)
    await 山田.say(complaint)
    said = 山田.text()
    assert "FAQに見つかりませんでした" not in said and "転送しますか" in said, said
    await 山田.say("はい")
    [notice] = await notices(app)
    assert f"質問です:\n{PRINTER}（案内した FAQ-" in notice, notice
    [forwarded] = [q for q in await app.faq.list_unanswered() if q.status is UnansweredStatus.FORWARDED]
    assert forwarded.text.startswith(f"{PRINTER}（案内した FAQ-"), forwarded.text


async def test_a_complaint_after_a_greeting_in_between_refers_to_the_last_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("こんにちは")
    await 山田.say("だめでした")
    assert "転送しますか" in 山田.text(), 山田.text()
    [kept] = await app.faq.list_unanswered()
    assert kept.text.startswith(f"{PRINTER}（案内した FAQ-"), kept.text


async def test_a_complaint_after_saying_solved_reopens_that_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("はい")  # solved, she thought
    await 山田.say("やっぱり全然だめでした")
    assert "転送しますか" in 山田.text(), 山田.text()
    [kept] = await app.faq.list_unanswered()
    assert kept.text.startswith(f"{PRINTER}（案内した FAQ-"), kept.text


async def test_a_complaint_long_after_the_answer_is_not_tied_to_it(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("そうですか、わかりました")
    clock.advance(minutes=45)
    await 山田.say("全然だめでした")
    assert "案内した FAQ-" not in 山田.text(), 山田.text()
    assert not [q for q in await app.faq.list_unanswered() if "案内した" in q.text]


async def test_a_complaint_about_a_question_already_forwarded_says_so(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("全然だめでした")
    await 山田.say("はい")  # forwarded
    await 山田.say("だめでした")
    said = 山田.text()
    assert "受け付けています" in said and "転送しますか" not in said, said
    assert len(await notices(app)) == 1


async def test_the_no_button_keeps_the_question_with_the_faq_shown(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.press("いいえ")
    assert "転送しますか" in 山田.text(), 山田.text()
    await 山田.press("転送する")
    [notice] = await notices(app)
    assert f"質問です:\n{PRINTER}（案内した FAQ-" in notice, notice
