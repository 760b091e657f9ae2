"""English at the FAQ desk (thirteenth round): the English replies tell staff to type "talk to a
person", so that is read as asking for a person; the office's notice of an English speaker's
question stays in the office's language (no 「no department」 inside a Japanese notice)."""

from __future__ import annotations

import pytest

from tests.support.dialogue import office_and_staff


@pytest.mark.parametrize("said", ["talk to a person", "Can I speak to someone?",
                                  "I'd like to talk to a human please", "human please"])
async def test_asking_for_a_person_in_english(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("/dx lang en")
    await 山田.say(said)
    text = 山田.text()
    # No question of theirs yet: asked what to forward, in English, never searched in the FAQ.
    assert "person" in text.lower() and "FAQ" not in text and not any("\u3040" <= c <= "\u30ff" for c in text), text
    await 山田.say("My PC is very slow since this morning")
    assert "Q-" in 山田.text(), 山田.text()
    (question,) = await app.services.faq.list_unanswered((), 5)
    assert question.text == "My PC is very slow since this morning", question.text
    notices = [r.payload.get("text", "") for r in await app.outbox.list() if f"Q-{question.id}" in r.payload.get("title", "")]
    assert notices and "所属未登録" in notices[-1] and "no department" not in notices[-1], notices


async def test_a_question_about_talking_is_still_a_question(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("/dx lang en")
    await 山田.say("speak to a person about VPN")  # a question of its own: kept as asked
    if "close questions" in 山田.text():
        # Since the fourteenth round English questions meet the entries' English wording (the
        # work-from-home entry names VPN): 「None of these」 brings the offer.
        await 山田.press("None of these")
    assert "Shall I forward your question" in 山田.text(), 山田.text()
    (question,) = await app.services.faq.list_unanswered((), 5)
    assert question.text == "speak to a person about VPN", question.text
