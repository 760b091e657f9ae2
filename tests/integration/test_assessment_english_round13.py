"""The skill assessment poll for English users, and 「まーできます」 (thirteenth round, 2026-12-06).

English is a supported language, but "what does that mean?" in the poll said the question again
(the glosses and the FAQ are Japanese), and "a little", "no idea", "I use it every day" were not
read as levels. Now every question has an English gloss (`explain_en`) and the levels have English
words (`aliases_en`); Japanese users keep Japanese replies."""

from __future__ import annotations

import pytest

from tests.support.assessment import admin_of, staff, start_assessment, stored_answers


async def _english_at_question_3(app_factory, clock):  # type: ignore[no-untyped-def]
    """Emma (English) has answered Q1 and Q2; Q3 (BPR) is shown."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "emma", "税務課", language="en")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("assessment")
    await me.say("1")
    await me.say("2")
    assert me.replies[-1].title == "Digital skill assessment 3/27", me.text()
    return app, me


@pytest.mark.parametrize("said", ["what does that mean?", "What is that?", "what's BPR?", "what does BPR stand for",
                                  "I don't understand the question", "what does Q3 mean", "explain please"])
async def test_an_english_user_asking_what_it_means_gets_the_english_gloss(app_factory, clock, said):
    _app, me = await _english_at_question_3(app_factory, clock)
    await me.say(said)
    text = me.text()
    assert "Q3 (" in text and "business process re-engineering" in text and "redesigning its steps" in text, text
    assert "Please answer the current question (Q3)" in text, text
    assert not any("\u3040" <= ch <= "\u30ff" for ch in text.replace("税務課", "")), text  # no Japanese
    await me.say("3")
    assert me.replies[-1].title == "Digital skill assessment 4/27", me.text()


async def test_an_english_question_about_an_earlier_question_explains_that_one(app_factory, clock):
    _app, me = await _english_at_question_3(app_factory, clock)
    await me.say("what is Q2?")
    text = me.text()
    assert "Q2 (" in text and "key performance indicator" in text and "Q3" in text, text


@pytest.mark.parametrize(("said", "level", "label"), [
    ("a little", "heard", "I have heard of it"),
    ("somewhat", "understand", "I understand it"),
    ("I use it every day", "practice", "I understand it and use it"),
    ("never heard of it", "unknown", "I don't know it"),
    ("No idea.", "unknown", "I don't know it"),
    ("I know it", "understand", "I understand it"),
    ("um, I've heard of it I guess", "heard", "I have heard of it"),
    ("probably I use it", "understand", "I understand it"),
])
async def test_english_level_words_are_read_as_their_level(app_factory, clock, said, level, label):
    app, me = await _english_at_question_3(app_factory, clock)
    await me.say(said)
    assert "recorded as" in me.text() and label in me.text(), me.text()
    assert me.replies[-1].title == "Digital skill assessment 4/27", me.text()
    assert (await stored_answers(app, "emma"))["B03"] == level


async def test_i_do_not_know_it_is_not_read_as_i_know_it(app_factory, clock):
    app, me = await _english_at_question_3(app_factory, clock)
    await me.say("I don't know it")
    assert (await stored_answers(app, "emma"))["B03"] == "unknown"


async def _japanese_at_question_3(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    await me.say("2")
    return app, me


async def test_a_japanese_user_gets_japanese_only_for_english_level_words_and_questions(app_factory, clock):
    app, me = await _japanese_at_question_3(app_factory, clock)
    await me.say("それ何？")
    assert "作り直す取組です" in me.text() and "re-engineering" not in me.text(), me.text()
    await me.say("no idea")
    text = me.text()
    assert "「no idea」→ 4. 知らない として記録しました" in text, text
    assert "recorded" not in text and "I don't know" not in text, text
    assert me.replies[-1].title == "デジタルスキル診断 4/27", text
    assert (await stored_answers(app, "kato"))["B03"] == "unknown"


# 「まー」 is 「まあ」 said long: a mild hedge before 「できる」 is 理解している, as 「まあできる」 and
# 「たぶんできる」 are (not sure of practising it); 「まーまー」 is 「まあまあ」 (2); a lower level stays.
@pytest.mark.parametrize(("said", "level", "shown"), [
    ("まーできます", "understand", "2. 理解している"),
    ("うーん、まーできるかな", "understand", "2. 理解している"),
    ("まーまーできる", "understand", "2. 理解している"),
    ("まあまあできる", "understand", "2. 理解している"),
    ("マーマーです", "understand", "2. 理解している"),
    ("まー使えてます", "understand", "2. 理解している"),
    ("まー知らないです", "unknown", "4. 知らない"),
])
async def test_a_long_maa_before_a_level_reads_as_maa(app_factory, clock, said, level, shown):
    app, me = await _japanese_at_question_3(app_factory, clock)
    await me.say(said)
    assert f"→ {shown} として記録しました" in me.text(), me.text()
    assert me.replies[-1].title == "デジタルスキル診断 4/27", me.text()
    assert (await stored_answers(app, "kato"))["B03"] == level
