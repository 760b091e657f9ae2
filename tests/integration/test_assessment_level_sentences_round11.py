"""Assessment poll, eleventh round (2026-12-06): a level said as a sentence about the term.

At the KPI question (「KPI（Key Performance Indicators）の概念を理解していますか」, scale 理解し実践している／
理解している／聞いたことがある／知らない), 「けーぴーあいはしごとでつかってる」 went to the FAQ desk and
「なんとなくしってる」 was read as 理解している. A sentence about the term with a cue word (use, explain,
know, heard of, know the name, none; kanji, kana or casual; 〜ない/〜ません flipping it) is now the level
it says, with one line saying which level was kept; a question (「KPIって何？」) still is not."""

from __future__ import annotations

import pytest

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, staff, start_assessment

NOT_FOUND = "FAQに見つかりませんでした"


async def _at_the_kpi_question(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    assert me.replies[-1].title == "デジタルスキル診断 2/27", me.text()
    assert "KPI" in me.text(), me.text()
    return app, me


async def _answer_to_kpi(app) -> str | None:
    person = await app.services.people.find("kato")
    part = await app.services.get(ASSESSMENT).store.get_participation(1, person.id)
    return part.answers.get("B02")


@pytest.mark.parametrize("said, level, label", [
    ("けーぴーあいはしごとでつかってる", "practice", "理解し実践している"),
    ("KPIは仕事で使ってます", "practice", "理解し実践している"),
    ("業務でよく使う", "practice", "理解し実践している"),
    ("人に説明できるくらい", "practice", "理解し実践している"),
    ("KPIなら部下にも説明できます", "practice", "理解し実践している"),
    ("知ってるけど仕事では使ってない", "understand", "理解している"),
    ("意味はわかるけど人に説明はできない", "understand", "理解している"),
    ("聞いたことはあるけど", "heard", "聞いたことがある"),
    ("名前だけ知ってる", "heard", "聞いたことがある"),
    ("なんとなくしってる", "heard", "聞いたことがある"),
    ("なんとなくわかる", "heard", "聞いたことがある"),
    ("けーぴーあいって言葉は聞いたことあります", "heard", "聞いたことがある"),
    ("聞いたことはあるけどよくわからない", "heard", "聞いたことがある"),
    ("全然わからん", "unknown", "知らない"),
    ("KPIは聞いたこともないです", "unknown", "知らない"),
    ("正直しりません", "unknown", "知らない"),
    ("はじめてききました", "unknown", "知らない"),
])
async def test_a_level_said_as_a_sentence_about_the_term_is_that_level(app_factory, clock, said, level, label):
    app, me = await _at_the_kpi_question(app_factory, clock)
    await me.say(said)
    reply = me.text()
    assert NOT_FOUND not in reply and "近いご質問" not in reply, reply
    assert me.replies[-1].title == "デジタルスキル診断 3/27", reply
    assert f"{label} として記録しました" in reply, reply  # the level kept is said, so 「戻る」 can mend it
    assert await _answer_to_kpi(app) == level
    assert await app.faq.list_unanswered() == []


@pytest.mark.parametrize("said", ["けーぴーあいって何？", "KPIってなんですか", "KPIは仕事でどう使うの？"])
async def test_a_question_about_the_term_is_still_not_an_answer(app_factory, clock, said):
    app, me = await _at_the_kpi_question(app_factory, clock)
    await me.say(said)
    assert await _answer_to_kpi(app) is None, me.text()
    assert me.replies[-1].title != "デジタルスキル診断 3/27", me.text()


@pytest.mark.parametrize("said", ["パスワードを忘れて困っているのですが使えるようにするには", "Teamsは毎日使ってる"])
async def test_a_sentence_about_something_else_is_not_read_as_a_level(app_factory, clock, said):
    app, me = await _at_the_kpi_question(app_factory, clock)
    await me.say(said)
    assert await _answer_to_kpi(app) is None, me.text()
