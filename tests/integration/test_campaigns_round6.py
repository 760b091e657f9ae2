"""Campaigns, sixth round (2026-12-05, issue #15): what a city office met when adopting the skill
assessment and the monthly check-in — a question about the question inside the poll, deadlines on
closed days, the admin's own invitation, and invitations started at night. Each fails on the code
before the fix."""

from __future__ import annotations

import pytest

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, staff


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


# --- 1. 「これってどういう意味？」 inside the poll -----------------------------------------------------
@pytest.mark.parametrize("said", ["これってどういう意味？", "意味がわからない", "えっと、この質問の意味がよくわからないです",
                                  "どういうことですか？", "DXってなに？", "これって？"])
async def test_a_question_about_the_question_is_explained_and_the_poll_stays(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    text = me.text()
    # Q1 is 「DXと従来のIT導入との概念の違い」: the first sentence of its FAQ entry (FAQ-098).
    assert "1問目" in text and "デジタルトランスフォーメーション" in text, text
    assert "1 理解し実践している" in text and "4 知らない" in text, text
    assert "見つかりませんでした" not in text and "保存してあります" not in text, text
    assert await _answers(app) == {}
    await me.say("2")  # the poll is still on Q1
    assert "2/27" in (me.replies[-1].title or ""), me.text()
    assert list((await _answers(app)).values()) == ["understand"]


async def test_a_question_named_by_its_number_is_explained_and_the_poll_stays_where_it_is(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("1")
    await me.say("Ｑ３ってどういうこと？")
    text = me.text()
    assert "3問目" in text and "いまの質問（2問目）" in text, text
    await me.say("3")
    assert "3/27" in (me.replies[-1].title or ""), me.text()


@pytest.mark.parametrize("said", ["パスワードを忘れました", "VPNってどういう意味ですか？"])
async def test_an_unrelated_faq_question_still_goes_to_the_faq_desk(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    text = me.text()
    assert "1問目" not in text and "保存してあります" in text, text
    assert await _answers(app) == {}


async def test_a_question_whose_faq_entry_defines_nothing_is_said_again_in_full(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("3問目ってどういう意味？")  # BPR: its FAQ entry begins 「相談できます。」
    text = me.text()
    assert "3問目は「BPR（業務プロセスの見直し）の概念を理解していますか」という質問です" in text, text
    assert "相談できます" not in text, text
