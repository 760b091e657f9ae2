"""A roadmap item named in a correction (third walk-through of 2026-12-06): at the second item's
status, 「ちがう、住民票のやつは完了だった」 mended the FIRST item, not recorded 完了 for the second."""

from __future__ import annotations

import pytest

from handlers.checkins.ports import CHECKINS
from tests.integration.test_form_walkthrough import START, _liaison

AT_SECOND_ITEM = (*START, "進行中", "スキップ")  # 住民票の写し… is 進行中; 転出届… is asked now


async def _answers(app):  # type: ignore[no-untyped-def]
    person = await app.services.people.find("田中")
    return (await app.services.get(CHECKINS).repo.drafts_of(person.id))[0].session["answers"]


@pytest.mark.parametrize("said", ["ちがう、住民票のやつは完了だった", "住民票の写しは完了でした", "あ、住民票は完了です",
                                  "やっぱり住民票の件は完了でした"])
async def test_an_item_named_by_its_title_is_mended_and_the_question_stays(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in AT_SECOND_ITEM:
        await 田中.say(text)
    assert "転出届のオンライン化" in 田中.text()
    await 田中.say(said)
    answers = await _answers(app)
    assert answers["roadmap.1.status"] == "done", answers
    assert "roadmap.2.status" not in answers, answers  # the question shown is still open
    assert "進行中から完了に訂正しました" in 田中.text() and "転出届のオンライン化" in 田中.text(), 田中.text()


async def test_the_item_shown_said_with_its_own_name_is_its_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in AT_SECOND_ITEM:
        await 田中.say(text)
    await 田中.say("転出届は完了です")
    answers = await _answers(app)
    assert answers["roadmap.1.status"] == "in_progress" and answers["roadmap.2.status"] == "done", answers
