"""The skill assessment poll in chat, eleventh round (walk-through of 2026-12-06: a liaison answering
the 27 questions on the console in casual, typo'd Japanese). Corrections of an earlier answer went to
the FAQ desk and the poll lost its place; 「それ何？」「けーぴーあいってなに」 got the FAQ list;
「ちょいきゅうけい」「ちょっと抜けます」 were not pauses."""

from __future__ import annotations

import pytest

from tests.support.assessment import admin_of, answer_all, staff, start_assessment, stored_answers

Q1_TITLE, Q2_TITLE, Q3_TITLE = "デジタルスキル診断 1/27", "デジタルスキル診断 2/27", "デジタルスキル診断 3/27"


async def _at_question_3(app_factory, clock):  # type: ignore[no-untyped-def]
    """kato has answered Q1 (理解し実践している) and Q2 (理解している); Q3 (BPR) is shown."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    await me.say("2")
    assert me.replies[-1].title == Q3_TITLE, me.text()
    return app, me


# --- 1. correcting an earlier answer ---------------------------------------------------------
@pytest.mark.parametrize(("said", "level"), [
    ("ちょっとまって、1問目やっぱ聞いたことある程度", "heard"),
    ("Q1やっぱり知らないにして", "unknown"),
    ("１問目の回答を理解しているに変更したい", "understand"),
    ("すみません、1問目は理解し実践しているじゃなくて聞いたことがあるでした", "heard"),
])
async def test_an_earlier_answer_is_corrected_and_the_poll_stays_on_its_question(app_factory, clock, said, level):
    app, me = await _at_question_3(app_factory, clock)
    await me.say(said)
    text = me.text()
    assert "1問目の回答を" in text and "に直しました" in text, text
    assert "（スキル診断の続きです）3/27" in text and "BPR" in text, text
    assert "転送しますか" not in text and "見つかりません" not in text, text
    answers = await stored_answers(app, "kato")
    assert answers["B01"] == level, answers
    assert answers["B02"] == "understand"
    await me.say("3")  # the next answer is Q3's
    assert me.replies[-1].title == "デジタルスキル診断 4/27", me.text()
    assert (await stored_answers(app, "kato"))["B03"] == "heard"


@pytest.mark.parametrize("said", ["さっきの間違えた", "前の問題まちがえた", "すいません、ひとつ前の質問まちがえました"])
async def test_the_previous_question_is_asked_again_with_its_buttons(app_factory, clock, said):
    app, me = await _at_question_3(app_factory, clock)
    await me.say(said)
    assert "2問目の回答を選び直してください" in me.text() and "3問目に戻ります" in me.text(), me.text()
    assert me.replies[-1].title == Q2_TITLE and "KPI" in me.text(), me.text()
    await me.say("4")
    assert me.replies[-1].title == Q3_TITLE, me.text()  # back at the question shown before
    answers = await stored_answers(app, "kato")
    assert answers["B02"] == "unknown" and "B03" not in answers, answers


async def test_a_named_question_without_a_level_is_asked_with_its_buttons(app_factory, clock):
    app, me = await _at_question_3(app_factory, clock)
    await me.say("1問目まちがえました")
    assert "1問目の回答を選び直してください" in me.text(), me.text()
    assert me.replies[-1].title == Q1_TITLE, me.text()
    await me.say("聞いたことがある")
    assert me.replies[-1].title == Q3_TITLE, me.text()
    assert (await stored_answers(app, "kato"))["B01"] == "heard"


@pytest.mark.parametrize("said", ["さっき聞いたけどやっぱりわからない", "前に使ったことあるけどやっぱ忘れた"])
async def test_a_sentence_with_sakki_or_mae_is_not_taken_for_a_correction(app_factory, clock, said):
    app, me = await _at_question_3(app_factory, clock)
    await me.say(said)
    assert "直しました" not in me.text() and "選び直して" not in me.text(), me.text()
    assert await stored_answers(app, "kato") == {"B01": "practice", "B02": "understand"}


@pytest.mark.parametrize("back", ["もどる", "つづき"])
async def test_after_a_detour_the_poll_comes_back_at_its_question(app_factory, clock, back):
    _app, me = await _at_question_3(app_factory, clock)
    await me.say("ちなみに庁内の会議室の予約システムの障害情報はどこで見られますか")  # the FAQ desk has nothing
    await me.say("転送しない")
    await me.say(back)
    assert me.replies[-1].title == Q3_TITLE, me.text()
    assert "いまお答えいただく質問" not in me.text()
    await me.say("2")
    assert me.replies[-1].title == "デジタルスキル診断 4/27", me.text()


# --- 2. explanations of the question's term ---------------------------------------------------
@pytest.mark.parametrize("said", ["それ何？", "BPRってなんのこと", "bprってなに", "びーぴーあーるってなに",
                                  "ビーピーアールとは？"])
async def test_the_term_of_the_question_is_explained_in_the_poll(app_factory, clock, said):
    _app, me = await _at_question_3(app_factory, clock)
    await me.say(said)
    text = me.text()
    # BPR's FAQ entry defines nothing (it begins 「相談できます。」): the question's own gloss
    # (questions.yaml `explain`) is said, not the question again (twelfth round).
    assert "3問目（" in text and "作り直す取組です" in text, text
    assert "いまの質問（3問目）には" in text, text
    assert "近いご質問" not in text and "解決しましたか" not in text, text
    await me.say("3")
    assert me.replies[-1].title == "デジタルスキル診断 4/27", me.text()


@pytest.mark.parametrize("said", ["けーぴーあいってなに", "ケーピーアイって？", "kpiってなんですか"])
async def test_kpi_in_kana_or_lower_case_at_the_kpi_question(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    assert me.replies[-1].title == Q2_TITLE
    await me.say(said)
    text = me.text()
    assert "2問目（" in text and "指標" in text and "いまの質問（2問目）には" in text, text
    assert "近いご質問" not in text, text


# --- 3. pause words ---------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["ちょいきゅうけい", "休憩します", "あとでやる", "ちょっと抜けます", "離席します",
                                  "休憩してきます", "あとでやります"])
async def test_stepping_away_pauses_the_poll(app_factory, clock, said):
    _app, me = await _at_question_3(app_factory, clock)
    await me.say(said)
    assert "中断しました（2/27問回答済み）" in me.text(), me.text()
    await me.say("つづき")
    assert me.replies[-1].title == Q3_TITLE, me.text()


# --- 4. 「スキル診断ってやつやればいいの？」 from someone invited ----------------------------------------
@pytest.mark.parametrize("said", ["スキル診断ってやつやればいいの？", "診断って私も答えなきゃいけないの？",
                                  "このスキル診断、回答すればいいんですか"])
async def test_an_invitee_asking_whether_to_take_it_is_offered_to_start(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.say(said)
    text = me.text()
    assert "お願いしているのはこの「デジタルスキル診断」（全27問" in text and "いま始めますか" in text, text
    assert "近いご質問" not in text, text
    assert [c.label for c in me.replies[-1].choices] == ["診断の回答を始める", "あとで"], text
    await me.say("はい")
    assert me.replies[-1].title == Q1_TITLE, me.text()


async def test_later_to_the_offer_says_until_when(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.say("スキル診断ってやつやればいいの？")
    await me.say("あとで")
    assert "承知しました" in me.text() and "までに" in me.text(), me.text()


# --- 5. the one-time result asked for again ---------------------------------------------------
@pytest.mark.parametrize("said", ["けっかみせて", "じぶんの結果は？", "診断の結果", "結果もう一回見たい",
                                  "私のしんだんけっかってどこ？"])
async def test_the_one_time_result_asked_again_is_said_with_when(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20")  # pseudonymous: shown once
    await answer_all(me, 2)
    assert "今回かぎり" in me.text(), me.text()
    await me.say(said)
    text = me.text()
    assert "回答を終えた 12月1日（火）09:00 に一度だけ表示しました" in text, text
    assert "おすすめの研修" in text and "研修の一覧は" in text, text
    assert "近いご質問" not in text and "やり直し" not in text, text


async def test_a_question_about_how_results_are_used_still_goes_to_the_faq_desk(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20")
    await answer_all(me, 2)
    await me.say("診断の結果って人事評価に使われますか？")
    assert "一度だけ表示しました" not in me.text(), me.text()
