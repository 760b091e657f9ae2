"""Walk-through of 2026-12-05, fifth round (forms and assessment): a usability tester playing city
staff, liaisons and an admin in the console — RSVPs typed anywhere in the check-in form, form words
typed while the form is paused, 「先月と同じ」 at any question, counts said as a share or with a
hedge, non-answers at optional questions, hedged assessment levels, a bare 「はい」 in the poll and
redo requests after finishing it."""

from __future__ import annotations

import pytest

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, answer_all, staff


async def _poll(app, user_id: str = "kato"):  # type: ignore[no-untyped-def]
    admin = await admin_of(app)
    me = await staff(app, user_id, "税務課")
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await admin.command("診断 開始 全員 締切 12/18")
    await me.command("診断")
    return admin, me


async def _answers(app, user_id: str = "kato") -> dict[str, str]:  # type: ignore[no-untyped-def]
    person = await app.services.people.find(user_id)
    part = await app.services.get(ASSESSMENT).store.get_participation(1, person.id)
    return dict(part.answers)


async def _unanswered(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.text for q in await app.services.faq.list_unanswered()]


# --- 6. the assessment: a hedged 「できる」 is the hedged level ----------------------------------------
@pytest.mark.parametrize("said", ["たぶんできる", "一応できます", "なんとなくできる", "多分使ってる", "だいたいできるかな"])
async def test_a_hedged_can_do_is_understood_not_practised(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    assert list((await _answers(app)).values()) == ["understand"], me.text()
    assert "2. 理解している として記録しました" in me.text(), me.text()


async def test_a_plain_can_do_and_a_hedged_lower_level_stay_as_they_are(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("できる")
    await me.say("たぶん知らない")
    assert list((await _answers(app)).values()) == ["practice", "unknown"], me.text()


# --- 7. a bare 「はい」 in the poll says how to answer -------------------------------------------------
@pytest.mark.parametrize("said", ["はい", "OK", "お願いします", "おっけー"])
async def test_a_bare_yes_at_the_first_question_says_how_to_answer(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    shown = me.text()
    assert "あと" not in shown and "1 理解し実践している" in shown and "4 知らない" in shown, shown
    assert await _answers(app) == {}
    await me.say("2")
    assert list((await _answers(app)).values()) == ["understand"]


# --- 8. a redo request after finishing is answered, never the FAQ fallback --------------------------
@pytest.mark.parametrize("said", ["もう一回やりなおしたい", "回答を変えたい", "診断をもう一度やりたいです"])
async def test_a_redo_request_after_finishing_says_the_answers_are_final(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await answer_all(me, 2, start=False)
    await me.say(said)
    shown = me.text()
    assert "変更・やり直しができません" in shown and "DX推進室" in shown, shown
    assert "FAQに見つかりませんでした" not in shown
    assert await _unanswered(app) == []
