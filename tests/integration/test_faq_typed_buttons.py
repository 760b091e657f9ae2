"""A button of the FAQ desk typed as words acts like the button (final walk-through, issue 15).

「担当者に転送する」「どれでもない」「2番」「解決した」 typed while the desk shows candidates or asks
「解決しましたか？」 were searched as new questions; now they do what the button does, in each dialog.
"""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from tests.support.dialogue import SURFACES, Person, surface

CANDIDATES = "Zoomの録画ってどうやるの"  # the sample FAQ offers three close candidates
ANSWERED = "Zoomで画面を共有するにはどうしたらいい？"  # answered at once, with 「解決しましたか？」


@pytest.fixture
async def app(app_factory):
    return await app_factory()


@pytest.mark.parametrize("platform", SURFACES)
async def test_typed_forward_under_the_candidates_forwards_the_question(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        assert "近いご質問" in await 田中.say(CANDIDATES)
        reply = await 田中.say("担当者に転送する")
        assert "Q-" in reply and "転送" in reply, reply
        assert "近いご質問" not in reply


@pytest.mark.parametrize("typed", ["2番", "２番で", "にばん", "2つ目", "候補2"])
async def test_a_typed_candidate_number_opens_that_candidate(app, typed):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(CANDIDATES)
    second = 田中.replies[0].choices[1].label  # the question itself, unnumbered
    await 田中.say(typed)
    assert 田中.replies[0].title == second
    assert "解決しましたか？" in 田中.text()


async def test_the_candidate_question_typed_opens_it(app):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(CANDIDATES)
    third = 田中.replies[0].choices[2].label  # the question itself, unnumbered
    await 田中.say(third)
    assert 田中.replies[0].title == third and "解決しましたか？" in 田中.text()


@pytest.mark.parametrize("typed", ["どれでもない", "どれもちがう", "ぜんぶ違う", "4"])
async def test_typed_none_of_them_offers_to_forward(app, typed):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(CANDIDATES)
    await 田中.say(typed)
    assert "見つかりませんでした" in 田中.text() or "担当者に転送" in 田中.text()
    assert "近いご質問" not in 田中.text()
    open_questions = await app.faq.list_unanswered()
    assert [q.text for q in open_questions] == [CANDIDATES]
    await 田中.say("転送して")
    assert "Q-" in 田中.text() and "DX推進室" in 田中.text()
    assert (await app.faq.get_unanswered(open_questions[0].id)).status is UnansweredStatus.FORWARDED


@pytest.mark.parametrize("typed", ["解決しました", "解決した", "かいけつ", "解決！"])
async def test_typed_solved_after_an_answer_counts_as_solved(app, typed):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(ANSWERED)
    await 田中.say(typed)
    assert "よかった" in 田中.text()
    assert await app.faq.list_unanswered() == []


async def test_typed_solved_under_the_candidates_closes_the_list_without_a_search(app):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(CANDIDATES)
    await 田中.say("解決しました")
    assert "よかった" in 田中.text() and "近いご質問" not in 田中.text()
    assert await app.faq.list_unanswered() == []


@pytest.mark.parametrize("typed", ["担当者に転送する", "転送して", "転送お願いします"])
async def test_typed_forward_after_an_answer_forwards_instead_of_counting_it_solved(app, typed):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(ANSWERED)
    await 田中.say(typed)
    assert "Q-" in 田中.text() and "よかった" not in 田中.text()
    [question] = await app.faq.list_unanswered()
    assert question.text == ANSWERED and question.status is UnansweredStatus.FORWARDED


async def test_typed_keep_after_nothing_fits_keeps_the_question(app):
    田中 = Person(app, "tanaka", "田中")
    await 田中.say(ANSWERED)
    await 田中.say("解決しなかった")
    assert "担当者に転送" in 田中.text()
    await 田中.say("転送しなくていい")
    [question] = await app.faq.list_unanswered()
    assert question.status is UnansweredStatus.OPEN


async def test_a_typed_label_with_nothing_open_is_explained_not_searched(app):
    田中 = Person(app, "tanaka", "田中")
    for typed in ("担当者に転送する", "2番", "解決しました"):
        await 田中.say(typed)
        assert "いまお答えいただく質問" in 田中.text(), typed
    assert await app.faq.list_unanswered() == []
