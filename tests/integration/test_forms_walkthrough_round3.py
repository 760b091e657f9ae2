"""Walk-through of 2026-12-05, fourth round (forms and assessment): liaisons typing casual, typo'd
Japanese into the skill assessment and the monthly check-in — level words counted only when the
reply is a level, RSVPs and questions typed into a form, corrections, kana commands, reopening a
closed check-in, and a pseudonymous result that is shown only once."""

from __future__ import annotations

import pytest

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, answer_all, staff
from tests.support.checkins import member


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


# --- 1. the assessment: a level only when the reply is essentially a level -------------------------
@pytest.mark.parametrize("said, level", [
    ("知ってるし使ってる", "practice"), ("しらん", "unknown"), ("知らんです", "unknown"),
    ("うーん、一応わかるかな", "understand"), ("仕事で使ってます", "practice"),
])
async def test_casual_level_answers_are_levels(app_factory, clock, said, level):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    assert "2/27" in (me.replies[-1].title or ""), me.text()
    assert list((await _answers(app)).values()) == [level]


@pytest.mark.parametrize("said", [
    "ちょっと今わからないので後で聞きます", "これってどういう意味？わからない", "意味わからない？",
    "会議があるので今日はできないです",
])
async def test_a_sentence_that_merely_contains_a_level_word_is_not_stored(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    assert await _answers(app) == {}, me.text()
    assert "回答を読み取れませんでした" not in me.text(), me.text()  # a pause or a question, not a retry


async def test_an_rsvp_typed_into_the_poll_goes_to_the_meeting(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    suzuki = await member(app, "suzuki", "鈴木", "企画課")
    for i in range(5):
        await staff(app, f"s{i}", "企画課")
    await admin.command("会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.command("診断 開始 全員 締切 12/18")
    await suzuki.command("診断")
    await suzuki.say("来週の会議出られないです")
    assert "で承りました" in suzuki.text() and "欠席" in suzuki.text(), suzuki.text()
    assert await _answers(app, "suzuki") == {}
    await suzuki.say("しんだんのつづき")  # typed in kana
    assert "1/27" in (suzuki.replies[-1].title or ""), suzuki.text()


async def test_the_poll_is_resumed_in_kana(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("2")
    await me.say("あとで")
    await me.say("しんだんのつづき")
    assert "2/27" in (me.replies[-1].title or ""), me.text()


# --- 4. a pseudonymous result is shown once, and says so ---------------------------------------------
async def test_a_pseudonymous_result_says_it_is_shown_only_this_once_and_how_to_keep_it(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)  # the default mode is pseudonymous
    await answer_all(me, 2, start=False)
    last = me.text().strip().splitlines()[-1]
    assert "今回かぎり" in last and "/dx 診断 自分" in last and "スクリーンショット" in last, last
    await me.say("結果見せて")  # the same as /dx 診断 自分: the promise is kept
    said = me.text()
    assert "匿名式" in said and "一度だけ表示しました" in said and "分野別の結果" not in said, said


async def test_result_words_show_the_same_as_the_me_command(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await admin.command("診断 開始 全員 締切 12/18 記名")
    await answer_all(me, 2)
    await me.command("診断 自分")
    shown = me.text()
    assert "分野別の結果" in shown
    for said in ("結果見せて", "診断の結果みせて"):
        await me.say(said)
        assert me.text() == shown, said
