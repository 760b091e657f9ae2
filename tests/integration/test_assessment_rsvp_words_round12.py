"""Assessment explanations and meeting answers, twelfth round (2026-12-06, a walk-through of main on
the console). In the poll, 「それ何？」 at the BPR question and 「sumifってなに」 at the SUMIF question said
the question again: every question now has a plain explanation of its term. 「まあ使える」 is not sure of
practising it (理解している, as 「たぶんできる」). A proxy's name carries no filler (「あ、やっぱ課長が
かわりに行きます」 → 課長), 「てれわーくなのでリモートで参加します」 is 出席（オンライン） with テレワーク kept,
and lateness said after an online attendance is added to オンライン instead of replacing it."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.support.assessment import admin_of, staff, start_assessment, stored_answers
from tests.support.meetings import office, tokyo


# --- 1. the poll explains the term of every question ------------------------------------------------
@pytest.mark.parametrize(("answers", "said", "explained"), [
    (["1", "2"], "それ何？", "作り直す取組です"),                      # 3問目 BPR
    (["1", "2"], "BPRってなに", "作り直す取組です"),
    (["1"] * 7, "sumifってなに", "条件に合う行の数値だけを合計する"),   # 8問目 SUMIF
    (["1"] * 7, "SUMIFとは？", "条件に合う行の数値だけを合計する"),
    (["1"] * 11, "これどういう意味？", "真ん中の値"),                  # 12問目 平均・中央値・最頻値
])
async def test_the_term_of_the_question_is_explained(app_factory, clock, answers, said, explained):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for answer in answers:
        await me.say(answer)
    await me.say(said)
    text = me.text()
    assert explained in text, text
    assert "という質問です" not in text, text
    n = len(answers) + 1
    assert f"いまの質問（{n}問目）には" in text, text


async def test_the_no_code_explanation_is_still_the_faq_s(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for _ in range(23):
        await me.say("1")
    await me.say("いみわからん")
    assert "プログラミングをせずに" in me.text(), me.text()


# --- 2. a hedged top level is the next level down ---------------------------------------------------
@pytest.mark.parametrize(("said", "level"), [
    ("まあ使える", "understand"), ("まぁできる", "understand"), ("まあ使えている", "understand"),
    ("たぶんできる", "understand"), ("まあ知らない", "unknown"),
])
async def test_a_hedged_top_level_is_the_next_level_down(app_factory, clock, said, level):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say(said)
    assert list((await stored_answers(app, "kato")).values()) == [level], me.text()
