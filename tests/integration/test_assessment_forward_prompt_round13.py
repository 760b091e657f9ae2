"""The FAQ desk's 「担当者に転送しますか？」 opened by a side question during the poll (thirteenth round,
2026-12-06). 「RPAってなんですか」 at the BPR question is answered by the FAQ desk; 「いいえ」 to its
「解決しましたか？」 gets 「担当者に転送しますか？」. Then 「2」 was taken as 転送しない and 「それ何？」 became
a new FAQ question, while the poll lost its place. Now the poll comes back on top after the prompt
(its question in one line): a level or 「それ何？」 is the poll's — the prompt is left as the desk leaves
one (the question stays recorded, not forwarded, said in one line) — and a yes/no is the prompt's."""

from __future__ import annotations

import pytest

from tests.support.assessment import admin_of, staff, start_assessment, stored_answers

Q3, Q4 = "デジタルスキル診断 3/27", "デジタルスキル診断 4/27"


async def _at_the_forward_prompt(app_factory, clock):  # type: ignore[no-untyped-def]
    """kato answered Q1 and Q2, asked about RPA at Q3 (BPR) and said 「いいえ」 to 「解決しましたか？」."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    await me.say("2")
    await me.say("ＲＰＡってなんですか")
    assert "解決しましたか" in me.text() and "（スキル診断の続きです）3/27" in me.text(), me.text()
    await me.say("いいえ")
    text = me.text()
    assert "担当者に質問を転送しますか" in text, text
    assert "（スキル診断の続きです）3/27" in me.replies[-1].text, text  # the poll's question comes back last
    return app, me


async def _kept(app):  # type: ignore[no-untyped-def]
    return [q.text for q in await app.faq.list_unanswered()]


@pytest.mark.parametrize(("said", "level"), [("2", "understand"), ("まあまあ", "understand"), ("4", "unknown"),
                                             ("聞いたことある", "heard")])
async def test_a_level_at_the_forward_prompt_answers_the_poll(app_factory, clock, said, level):
    app, me = await _at_the_forward_prompt(app_factory, clock)
    kept = await _kept(app)
    assert len(kept) == 1 and "RPA" in kept[0], kept
    await me.say(said)
    text = me.text()
    assert "さきほどのご質問は担当者に転送していません。記録はしてあります" in text, text
    assert "転送しました" not in text and "承知しました。質問は記録し" not in text, text
    assert me.replies[-1].title == Q4, text
    assert (await stored_answers(app, "kato"))["B03"] == level
    assert await _kept(app) == kept  # the question stays recorded, no new one
    await me.say("3")  # the poll goes on
    assert me.replies[-1].title == "デジタルスキル診断 5/27", me.text()


@pytest.mark.parametrize("said", ["それ何？", "BPRってなに", "これってどういう意味？"])
async def test_what_is_that_at_the_forward_prompt_explains_the_polls_question(app_factory, clock, said):
    app, me = await _at_the_forward_prompt(app_factory, clock)
    kept = await _kept(app)
    await me.say(said)
    text = me.text()
    assert "3問目（" in text and "作り直す取組です" in text and "いまの質問（3問目）には" in text, text
    assert "転送していません" in text, text
    assert "FAQに見つかりませんでした" not in text and "転送しますか" not in text, text
    assert await _kept(app) == kept  # 「それ何？」 is not kept as a question
    await me.say("1")
    assert me.replies[-1].title == Q4, me.text()
    assert (await stored_answers(app, "kato"))["B03"] == "practice"


@pytest.mark.parametrize(("said", "said_back"), [("いいえ", "承知しました。質問は記録し"), ("転送しない", "承知しました。質問は記録し"),
                                                 ("はい", "転送しました"), ("担当者に転送する", "転送しました")])
async def test_a_yes_or_no_still_answers_the_prompt_and_the_poll_comes_back(app_factory, clock, said, said_back):
    app, me = await _at_the_forward_prompt(app_factory, clock)
    await me.say(said)
    text = me.text()
    assert said_back in text, text
    assert "（スキル診断の続きです）3/27" in me.replies[-1].text, text
    assert (await stored_answers(app, "kato")) == {"B01": "practice", "B02": "understand"}
    await me.say("2")  # the next level is the poll's, no 「続きから」 needed
    assert me.replies[-1].title == Q4, me.text()
    assert (await stored_answers(app, "kato"))["B03"] == "understand"


async def test_the_forward_button_pressed_under_the_poll_still_tells_the_office_the_entry_shown(app_factory, clock):
    app, me = await _at_the_forward_prompt(app_factory, clock)
    button = next(c for r in me.replies for c in r.choices if c.label == "担当者に転送する")
    await me.press(button)
    assert "転送しました" in me.text(), me.text()
    question = (await app.faq.list_unanswered())[0]
    assert "RPA" in question.text
    notices = [r.payload.get("text", "") for r in await app.outbox.list()
               if f"Q-{question.id}" in r.payload.get("title", "")]
    assert notices and "「役に立たなかった」と答えています" in notices[0], notices  # the entry shown is named
