"""Check-ins, fourteenth round (2026-12-06): a liaison talks to the monthly report on the console in
casual, typo'd Japanese — the points of the walk-through after the thirteenth round.

A count corrected without its name (「やっぱ12件だった」「件数12に直して」「12件に訂正」) at a later item,
on the review or while paused asks in one line which count is meant, and the name typed next takes it;
a correction to the value already stored says 「すでに…です」; optional answers are emptied in words
(「10番はなしで」「気づきは消して」), required ones say they cannot be; a question at 相談したい内容 is the
request's content, and 「今のが相談内容です」 takes the words that went to the FAQ desk; 「報告したいんだ
けど」 and 「さっき出した報告直したいんだけど」 reach the form."""

from __future__ import annotations

import pytest

from tests.integration.test_checkins_round11 import _answers, _say_all
from tests.integration.test_form_walkthrough import _liaison, _result
from tests.support.checkins import outbox

# 20 procedures in scope, 8 online, 0 forms this month; the demo's two roadmap items follow.
NUMBERS = ("20", "8", "0")
TO_SECOND_STATUS = (*NUMBERS, "進行中", "スキップ")
TO_OBSTACLES = (*TO_SECOND_STATUS, "完了", "スキップ")
TO_CONSULT = (*TO_OBSTACLES, "特になし")
TO_FINDINGS = (*TO_CONSULT, "いいえ")
TO_REVIEW = (*TO_FINDINGS, "窓口の問い合わせが減った")
WHICH = "どの件数を12件にしますか？"
RESUME_LINE = "「続きから」で再開できます"
CONSULT = "相談したい内容を教えてください"


# --- 1. a count corrected without its name ------------------------------------------------------
@pytest.mark.parametrize("said", ("やっぱ12件だった", "件数12に直して", "12件に訂正"))
@pytest.mark.parametrize(("before", "shown"), (
    (TO_SECOND_STATUS, "「転出届のオンライン化」"),  # the second roadmap item's status
    (TO_OBSTACLES, "課題になっていること"),
    (TO_FINDINGS, "小さな気づき"),
    (TO_REVIEW, "この内容で送信してよろしいですか"),
))
async def test_a_count_said_again_at_a_later_item_asks_which_then_mends_it(app_factory, clock, said, before, shown):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, before)
    answered = dict(await _answers(app))
    await 田中.say(said)
    [line] = [line for line in 田中.text().splitlines() if WHICH in line]  # one line names every count
    assert "「対象手続数」（いま20件）、「オンライン化済みの手続数」（いま8件）、「今月作成したフォーム数」（いま0件）" in line
    assert await _answers(app) == answered  # nothing guessed
    await 田中.say("オンライン化済みのほうです")
    assert "「オンライン化済みの手続数」を8件から12件に訂正しました" in 田中.text(), 田中.text()
    assert shown in 田中.replies[-1].text  # the form stays where it was
    assert (await _answers(app))["procedures_online"] == 12


async def test_right_after_the_count_or_with_one_count_answered_it_is_that_count(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("20")
    await 田中.say("件数12に直して")  # one count answered: it is meant
    assert "「対象手続数」を20件から12件に訂正しました" in 田中.text(), 田中.text()
    await _say_all(田中, ("8", "0"))
    await 田中.say("やっぱ2件だった")  # at the status right after 「フォーム数」: the answer just given
    assert "「今月作成したフォーム数」を0件から2件に訂正しました" in 田中.text(), 田中.text()


@pytest.mark.parametrize("name", ("オンライン化済み", "2番"))
async def test_while_paused_a_count_correction_asks_which_and_the_name_mends_it(app_factory, clock, name):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_SECOND_STATUS, "やめる"))
    await 田中.say("12件に訂正")
    assert RESUME_LINE not in 田中.text() and WHICH in 田中.text(), 田中.text()
    await 田中.say(name)
    assert "「オンライン化済みの手続数」を8件から12件に訂正しました" in 田中.text(), 田中.text()
    assert "「転出届のオンライン化」" in 田中.replies[-1].text
    await 田中.say("完了")  # the form is open again
    answers = await _answers(app)
    assert answers["procedures_online"] == 12 and answers["roadmap.2.status"] == "done"


async def test_another_reply_to_which_count_lets_the_number_go(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_SECOND_STATUS)
    await 田中.say("やっぱ12件だった")
    assert WHICH in 田中.text()
    await 田中.say("完了")  # the question's answer, not an item's name
    answers = await _answers(app)
    assert answers["roadmap.2.status"] == "done" and answers["procedures_online"] == 8
    await 田中.say("オンライン化済み")  # no number waits any more: not a correction
    assert (await _answers(app))["procedures_online"] == 8


# --- 2. a correction to the value already stored ------------------------------------------------
@pytest.mark.parametrize(("before", "said", "line"), (
    (("20", "8"), "やっぱ8件だった", "「オンライン化済みの手続数」はすでに8件です"),
    (("20", "8"), "8件に訂正", "「オンライン化済みの手続数」はすでに8件です"),
    (TO_OBSTACLES, "対象手続数を20件に訂正したい", "「対象手続数」はすでに20件です"),
    (TO_REVIEW, "さっきの20じゃなくて20でした", "「対象手続数」はすでに20件です"),
))
async def test_a_correction_to_the_value_stored_says_it_is_already_so(app_factory, clock, before, said, line):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, before)
    answered = dict(await _answers(app))
    await 田中.say(said)
    assert line in 田中.text() and "訂正しました" not in 田中.text(), 田中.text()
    assert await _answers(app) == answered


# --- 3. an optional answer emptied in words ------------------------------------------------------
@pytest.mark.parametrize("said", ("10番はなしで", "小さな気づきはなしで", "気づきは消して"))
async def test_an_optional_answer_is_emptied_in_words(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_REVIEW)
    assert (await _answers(app))["small_findings"] == "窓口の問い合わせが減った"
    await 田中.say(said)
    assert "「小さな気づき」の回答を消しました（空欄にしました）。" in 田中.text(), 田中.text()
    assert "回答内容の確認" in 田中.text()
    assert "small_findings" not in await _answers(app)
    await 田中.say("送信")
    assert "提出しました" in 田中.text(), 田中.text()
    assert not (await _result(app)).answers.get("small_findings")


@pytest.mark.parametrize("said", ("1番はなしで", "対象手続数は消して"))
async def test_a_required_answer_is_not_emptied_and_says_why(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_REVIEW)
    await 田中.say(said)
    assert "「対象手続数」は必ずお答えいただく項目のため、空欄にはできません" in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_in_scope"] == 20


async def test_an_answer_emptied_while_paused_and_at_a_later_item(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*NUMBERS, "進行中", "住民票は窓口と並行で進めます", "やめる"))
    assert (await _answers(app))["roadmap.1.note"] == "住民票は窓口と並行で進めます"
    await 田中.say("住民票の補足は消して")
    assert RESUME_LINE not in 田中.text(), 田中.text()
    assert "の補足」の回答を消しました" in 田中.text() and "「転出届のオンライン化」" in 田中.replies[-1].text
    assert "roadmap.1.note" not in await _answers(app)


async def test_said_at_the_optional_item_itself_it_is_skipped(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_FINDINGS)
    await 田中.say("小さな気づきはなしで")
    assert "回答内容の確認" in 田中.text(), 田中.text()
    assert "small_findings" not in await _answers(app)


# --- 4. a question at 相談したい内容 is the request ---------------------------------------------
async def test_a_question_at_the_consultation_text_is_kept_as_the_request(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい"))
    assert CONSULT in 田中.text()
    await 田中.say("VPNがつながらないのはどうすれば？")
    assert "ご質問「VPNがつながらないのはどうすれば？」を相談したい内容として記録しました" in 田中.text(), 田中.text()
    assert "FAQ" not in 田中.text() and "転送しますか" not in 田中.text()
    assert "小さな気づき" in 田中.replies[-1].text  # on to the next question
    assert await app.services.faq.list_unanswered() == []  # nothing sent to the FAQ desk
    await _say_all(田中, ("スキップ", "送信"))
    assert "ご相談を受け付けました（受付番号 Q-1）" in 田中.text(), 田中.text()
    # The promise: a tracked request, sent through the outbox.
    [request] = await app.services.faq.list_unanswered()
    assert "VPNがつながらないのはどうすれば？" in request.text
    assert any(q.dedupe_key.startswith("checkin.request:1:") for q in await outbox(app))


# --- 5. 「今のが相談内容です」 ----------------------------------------------------------------
@pytest.mark.parametrize("pointer", ("今のが相談内容です", "さっきのが相談内容"))
async def test_the_words_that_went_to_the_faq_desk_become_the_request(app_factory, clock, pointer):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい"))
    await 田中.say("VPNつながらないんだけど")
    assert "への回答ですか" in 田中.text(), 田中.text()
    await 田中.say("いいえ")  # another matter: the FAQ desk takes it
    assert f"（進捗報告の続き: {CONSULT}" in 田中.text(), 田中.text()
    await 田中.say(pointer)
    assert "さきほどの「VPNつながらないんだけど」を「相談したい内容」の回答として記録しました" in 田中.text(), 田中.text()
    assert "小さな気づき" in 田中.replies[-1].text
    assert (await _answers(app))["consultation_detail"] == "VPNつながらないんだけど"


async def test_after_a_side_question_a_question_at_the_consultation_text_is_the_request(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい", "VPNつながらないんだけど", "いいえ"))
    assert f"（進捗報告の続き: {CONSULT}" in 田中.text(), 田中.text()
    await 田中.say("Teamsの録画ってどこに保存されるの？")
    assert "を相談したい内容として記録しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["consultation_detail"] == "Teamsの録画ってどこに保存されるの？"


async def test_pointing_back_after_a_pause_takes_the_words_set_aside(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい", "VPNつながらないんだけど"))
    await 田中.say("ちょっと電話きたのでまたあとで")  # the words go to the FAQ desk, the form waits
    assert "続きから" in 田中.text(), 田中.text()
    await 田中.say("今のが相談内容です")
    assert RESUME_LINE not in 田中.text(), 田中.text()
    assert "さきほどの「VPNつながらないんだけど」を「相談したい内容」の回答として記録しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["consultation_detail"] == "VPNつながらないんだけど"


async def test_pointing_back_with_nothing_gone_elsewhere_is_an_ordinary_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい"))
    await 田中.say("今のが相談内容です")
    assert "さきほどの" not in 田中.text(), 田中.text()


# --- 6. casual starts reach the check-in ---------------------------------------------------------
@pytest.mark.parametrize("said", ("報告したいんだけど", "進捗報告したい"))
async def test_a_casual_start_resumes_the_open_check_in(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("20", "やめる"))
    await 田中.say(said)
    assert "前回の続きからお聞きします" in 田中.text(), 田中.text()
    await 田中.say(said)  # said again inside the form: the question once, nothing stored
    assert 田中.text().count("すでにオンラインで申請できる") == 1, 田中.text()
    assert await _answers(app) == {"procedures_in_scope": 20}
    await 田中.say("8")
    assert (await _answers(app))["procedures_online"] == 8


@pytest.mark.parametrize("said", ("さっき出した報告直したいんだけど", "報告を修正したい"))
async def test_a_casual_wish_to_change_the_sent_report_reopens_it(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_REVIEW, "送信"))
    assert "提出しました" in 田中.text()
    await 田中.say(said)
    assert "提出済みの回答です" in 田中.text() and "回答内容の確認" in 田中.text(), 田中.text()


async def test_a_wish_to_change_before_sending_says_it_is_changed_here(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, ("20", "8"))
    await 田中.say("報告を修正したい")
    assert "この報告はまだ提出前なので、ここでそのまま直せます" in 田中.text(), 田中.text()
    assert "新しく作成した" in 田中.replies[-1].text
