"""Check-ins, eleventh round (2026-12-06): a liaison answers the monthly report on the console in
casual, typo'd Japanese.

A clear question at a yes/no, choice, number or free-text item goes to the FAQ desk and the form's
question comes again; 「やっぱいいです」 at the request's text takes the request back (no 相談 filed,
no promise); 「うちは5」「たしか5こ」 are 5; 「まだてつけてない」 is 未着手, 「べんだーの返事まち」 is
システム・業者, 「すすんでる」 at 課題 is asked again; on the review screen 「おわり？」 is answered (提出
sends it) and 「フォーム数は1件でした」 changes that item; after a pause there 「はい」「ていしゅつ」 reach
the review; 「今月の報告」「進捗報告」 start the form, and staff who are not liaisons get one line."""

from __future__ import annotations

import pytest

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.integration.test_form_walkthrough import START, _liaison, _result
from tests.integration.test_forms_walkthrough_round4 import _invited
from tests.support.checkins import member

TO_OBSTACLES = (*START, "進行中", "スキップ", "完了", "スキップ")
TO_CONSULT = (*TO_OBSTACLES, "特になし")
TO_REVIEW = (*TO_CONSULT, "いいえ", "スキップ")


async def _say_all(person, texts):  # type: ignore[no-untyped-def]
    for text in texts:
        await person.say(text)


async def _answers(app):  # type: ignore[no-untyped-def]
    svc = app.services.get(CHECKINS)
    person = await app.services.people.find("田中")
    return (await svc.repo.drafts_of(person.id))[0].session["answers"]


# --- 1. a clear question at any kind of item goes to the FAQ desk --------------------------------
@pytest.mark.parametrize("said", ("てか会議室のよやくってどこから", "会議室の予約ってどこから", "そういえば会議室の予約ってどうやるの"))
async def test_a_question_at_the_yes_no_item_is_answered_and_the_item_asked_again(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_CONSULT)
    assert "相談したいことや、支援してほしいこと" in 田中.text()
    await 田中.say(said)
    assert "「はい」か「いいえ」でお答えください" not in 田中.text(), 田中.text()
    assert "施設予約" in 田中.text()  # the FAQ desk's answer about booking a meeting room
    assert "相談したいことや、支援してほしいこと" in 田中.replies[-1].text  # the form's question in one line after
    assert "needs_consultation" not in await _answers(app)


@pytest.mark.parametrize("before", (("１２", "8", "0"), ("１２",), (), TO_OBSTACLES))
async def test_the_same_question_at_choice_number_and_multi_choice_items(app_factory, clock, before):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, before)
    answered = dict(await _answers(app))
    await 田中.say("てか会議室のよやくってどこから")
    assert "施設予約" in 田中.text(), 田中.text()
    assert await _answers(app) == answered  # nothing stored as the answer


# --- 2. a request taken back is no request ------------------------------------------------------
@pytest.mark.parametrize("said", ("やっぱいいです", "やっぱりなしで", "いいです、大丈夫", "特にないです", "すみません、やっぱり大丈夫です"))
async def test_a_request_taken_back_files_nothing_and_promises_nothing(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい"))
    assert "相談したい内容を教えてください" in 田中.text()
    await 田中.say(said)
    assert "相談の希望は「いいえ」に戻しました" in 田中.text(), 田中.text()
    assert "小さな気づき" in 田中.text()
    answers = await _answers(app)
    assert answers["needs_consultation"] is False and "consultation_detail" not in answers
    await _say_all(田中, ("スキップ", "送信"))
    assert "提出しました" in 田中.text() and "ご相談を受け付けました" not in 田中.text(), 田中.text()
    assert "折り返し" not in 田中.text()
    result = await _result(app)
    assert result.answers["needs_consultation"] is False and not result.answers.get("consultation_detail")
    assert await app.services.faq.list_unanswered() == []  # no tracked 相談 (no Q-number)


async def test_a_real_request_is_still_filed(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_CONSULT, "はい", "LoGoフォームの分岐の作り方を相談したいです", "スキップ", "送信"))
    assert "ご相談を受け付けました" in 田中.text(), 田中.text()
    assert len(await app.services.faq.list_unanswered()) == 1


# --- 3. numbers said in a sentence -------------------------------------------------------------
@pytest.mark.parametrize("said", ("うちは5", "5件です", "たしか5こ", "５けんくらい", "うちは５件です", "たぶん12件くらい"))
async def test_a_number_in_a_sentence_is_the_number(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say(said)
    assert "記録しました（対象手続数:" in 田中.text(), 田中.text()
    assert (await _answers(app))["procedures_in_scope"] == (12 if "12" in said else 5)


# --- 4. statuses and kinds said casually --------------------------------------------------------
@pytest.mark.parametrize("said", ("まだてつけてない", "手つかず", "まだ", "まだ手をつけてないです"))
async def test_not_started_said_casually(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, START)
    await 田中.say(said)
    assert "の状況: 未着手）" in 田中.text(), 田中.text()


@pytest.mark.parametrize("said", ("べんだーの返事まち", "業者待ち", "ベンダーの回答待ちです", "業者の返事待ち"))
async def test_waiting_for_the_vendor_is_systems_and_vendors(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_OBSTACLES)
    await 田中.say(said)
    assert "「システム・業者」を記録しました" in 田中.text(), 田中.text()
    assert (await _answers(app))["obstacles"] == ["system"]


@pytest.mark.parametrize("said", ("すすんでる", "進行中", "完了しました"))
async def test_a_status_word_at_the_obstacles_is_asked_again_not_kept_as_other(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_OBSTACLES)
    await 田中.say(said)
    assert f"「{said}」は「課題」の選択肢にありません" in 田中.text(), 田中.text()
    answers = await _answers(app)
    assert "obstacles" not in answers and "obstacles_detail" not in answers
    await 田中.say("業者待ち")
    assert "「システム・業者」を記録しました" in 田中.text(), 田中.text()


async def test_a_problem_in_words_is_still_kept_as_other(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_OBSTACLES)
    await 田中.say("庁内の決裁ルートで止まりがち")
    assert "「その他」として記録し" in 田中.text(), 田中.text()


# --- 5. the review screen --------------------------------------------------------------------
@pytest.mark.parametrize("said", ("おわり？", "これでおわり？", "これで終わりですか", "もう終わり？", "これで完了？"))
async def test_is_it_finished_on_the_review_is_answered_not_an_abort(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_REVIEW)
    await 田中.say(said)
    assert "入力を中断しました" not in 田中.text(), 田中.text()
    assert "まだ提出していません。「提出」と入力するか" in 田中.text()
    assert 田中.choice("この内容で送信")  # the submit button with it
    await 田中.say("提出")
    assert "提出しました" in 田中.text(), 田中.text()


@pytest.mark.parametrize("said", ("はい", "ていしゅつ", "提出します"))
async def test_after_a_pause_at_the_review_yes_or_submit_reaches_it_again(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*TO_REVIEW, "やめる"))
    assert "入力を中断しました" in 田中.text()
    await 田中.say(said)
    assert "進捗報告が途中です" not in 田中.text(), 田中.text()
    assert "回答内容の確認" in 田中.text() and 田中.choice("この内容で送信")
    await 田中.say("ていしゅつ")
    assert "提出しました" in 田中.text(), 田中.text()


@pytest.mark.parametrize("said", ("フォーム数は1件でした", "フォーム数を1に", "作成したフォーム数は１件です", "フォーム数を1件に直して"))
async def test_an_item_named_on_the_review_changes(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, TO_REVIEW)
    await 田中.say(said)
    assert "「今月作成したフォーム数」を0件から1件に訂正しました" in 田中.text(), 田中.text()
    assert "回答内容の確認" in 田中.text()
    await 田中.say("送信")
    assert (await _result(app)).answers["forms_created"] == 1


# --- 6. start words ---------------------------------------------------------------------------
@pytest.mark.parametrize("said", ("報告おねがいします", "今月の報告", "進捗報告", "報告やります", "月次報告です"))
async def test_start_words_start_the_form(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "税務課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.say(said)
    assert "全部で何件ですか" in 田中.text(), 田中.text()


@pytest.mark.parametrize("said", ("今月の報告", "進捗報告", "報告おねがいします"))
async def test_start_words_resume_a_paused_form(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _say_all(田中, (*START, "中断"))
    clock.advance(hours=3)
    await 田中.say(said)
    assert "前回の続きからお聞きします" in 田中.text() and "の状況を選んでください" in 田中.text(), 田中.text()


@pytest.mark.parametrize("said", ("報告します", "進捗報告やります", "今月の報告"))
async def test_staff_who_are_not_liaisons_get_one_line(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin start 締切 2026-12-10")
    佐藤 = await member(app, "sato", "佐藤", "税務課", Role.STAFF)
    await 佐藤.say(said)
    assert 佐藤.text().startswith("進捗報告は各課の連絡担当者（DXリエゾン）が行います。あなたは今回の報告の対象外です。"), 佐藤.text()
    assert len(佐藤.replies) == 1 and not 佐藤.replies[0].choices


async def test_staff_words_with_no_check_in_open_go_on_to_the_faq_desk(app_factory, clock):
    app = await app_factory(clock=clock)
    佐藤 = await member(app, "sato", "佐藤", "税務課", Role.STAFF)
    await 佐藤.say("報告します")
    assert "対象外" not in 佐藤.text(), 佐藤.text()


async def test_an_rsvp_at_the_yes_no_item_is_recorded_and_the_item_asked_again(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _invited(app, clock)
    await _say_all(田中, TO_CONSULT)
    await 田中.say("来週の会議出られないです")
    said = 田中.text()
    assert "で承りました" in said and "欠席" in said and "「はい」か「いいえ」でお答えください" not in said, said
    assert "相談したいことや、支援してほしいこと" in 田中.replies[-1].text
    await 田中.say("いいえ")
    assert "記録しました（相談・支援の希望: いいえ）" in 田中.text(), 田中.text()
