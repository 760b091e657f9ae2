"""Walk-through of 2026-12-05 (forms, issue #15): liaisons answering the check-in in casual
Japanese — keeping an answer after 戻る, sending from the review the way people say it, 「わからない」
at a choice, status words in sentences, editing a submitted report by saying so, a total in the
title that never changes, and the office's own name in the form."""

from __future__ import annotations

import re

import pytest

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.support.checkins import member

# The bundled demo data gives 市民課 two roadmap items (status, note each; a reason when late).
START = ("１２", "8", "0")  # in scope, online, forms created this month


async def _liaison(app, name: str = "田中"):  # type: ignore[no-untyped-def]
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    liaison = await member(app, "tanaka", name, "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await liaison.command("checkin")
    return admin, liaison


async def _to_summary(liaison, *, first=START):  # type: ignore[no-untyped-def]
    for text in (*first, "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ", "スキップ"):
        await liaison.say(text)
    assert "回答内容の確認" in liaison.text()


async def _result(app):  # type: ignore[no-untyped-def]
    return await app.services.get(CHECKINS).repo.result_for(1, "市民課")


# 1. 「そのままで」 after 戻る keeps the answer; the next 「２」 is not taken for the question before.
async def test_keep_words_after_back_keep_the_answer_and_move_on(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in START:
        await 田中.say(text)
    assert "の状況" in 田中.text()
    await 田中.say("戻る")
    assert "（現在の回答: 0件。このままでよければ「そのまま」と送ってください）" in 田中.text()
    await 田中.say("そのままで")
    assert "0件のまま" in 田中.text() and "の状況" in 田中.text()  # on to the question that was waiting
    await 田中.say("２")  # meant for the status: 進行中
    assert "記録しました" in 田中.text() and "進行中" in 田中.text()
    for keep in ("変更なし", "うーん、このままでいいです", "同じで", "OK"):
        await 田中.say("戻る")
        assert "（現在の回答: 進行中。" in 田中.text(), keep
        await 田中.say(keep)
        assert "進行中のまま" in 田中.text() and "補足があれば" in 田中.text(), keep
    for text in ("スキップ", "完了", "スキップ", "特になし", "いいえ", "スキップ", "送信"):
        await 田中.say(text)
    result = await _result(app)
    assert result.answers["forms_created"] == 0
    assert sorted(v for k, v in result.answers.items() if k.endswith(".status")) == ["done", "in_progress"]


async def test_ok_to_a_yes_no_question_shown_again_is_its_answer_not_keep(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in (*START, "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ"):
        await 田中.say(text)
    await 田中.say("戻る")
    assert "（現在の回答: いいえ。" in 田中.text()
    await 田中.say("OK")  # はい: the consultation question follows
    assert "相談したい内容を教えてください" in 田中.text()


# 2. The review: 「変更 n」 is button n and 送信 the last (round 7 changed 送信 from first to last),
# casual sends work, 「変更 3」「3を直す」 change an item.
async def test_review_sends_last_and_takes_casual_sends(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _to_summary(田中)
    choices = [c for r in 田中.replies for c in r.choices]
    assert choices[0].label.startswith("変更 1:") and choices[-1].label == "この内容で送信"
    assert "「変更 3」「3を直す」" in 田中.text()
    await 田中.say("3を直す")
    assert "今月、新しく作成したオンライン申請フォーム" in 田中.text() and "（現在の回答: 0件。" in 田中.text()
    await 田中.say("1")  # the answer to question 3, not a button
    assert "回答内容の確認" in 田中.text()
    await 田中.say("変更 2")
    assert "すでにオンラインで申請できる" in 田中.text()
    await 田中.say("そのまま")
    assert "回答内容の確認" in 田中.text()
    await 田中.say("おっけー、送信で")
    assert "ありがとうございました" in 田中.text() or "受け付けました" in 田中.text(), 田中.text()
    result = await _result(app)
    assert result is not None and result.answers["forms_created"] == 1


@pytest.mark.parametrize("said", ["それでお願いします", "これでいいです", "提出で", "送って", "OK"])
async def test_review_other_casual_sends(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _to_summary(田中)
    await 田中.say(said)
    assert await _result(app) is not None, said


async def test_review_unclear_reply_says_how_to_change(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _to_summary(田中)
    await 田中.say("OK、でも3を直す")  # not every part is a send: nothing is sent
    assert await _result(app) is None
    assert "「変更 3」" in 田中.text()


# 3. 「わからない」 at a choice is asked again in one line, inside the form.
async def test_dont_know_at_a_choice_asks_again_inside_the_form(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in START:
        await 田中.say(text)
    for said in ("うーん、わからない", "わかんない", "未定です"):
        await 田中.say(said)
        line = 田中.text().split("\n")[0]
        assert "いちばん近いもの" in line and "1.未着手" in line, said
        assert "相談したい内容" in line and "DX推進室" in line, said  # the form's own consultation question
        assert "別の質問" not in 田中.text() and "進捗報告は途中" not in 田中.text(), said
    assert await app.services.faq.list_unanswered() == []  # never handed to the FAQ desk
    await 田中.say("進行中")
    assert "補足があれば" in 田中.text()
    for text in ("スキップ", "完了", "スキップ", "特になし"):
        await 田中.say(text)
    await 田中.say("うーん、わかんない")  # the yes/no consultation question itself
    assert "いちばん近いもの" in 田中.text() and "1.はい" in 田中.text()
    assert "相談したい内容」で" not in 田中.text()  # not sent on to itself


# 4. Status words said in sentences.
async def test_status_words_in_sentences(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in (*START, "進行中", "スキップ"):
        await 田中.say(text)
    assert "の状況" in 田中.text()
    cases = {"ちょっと遅れてるかも": "遅延", "やってる途中です": "進行中", "進めてます": "進行中",
             "まだ手つけてない": "未着手", "終わりました": "完了", "少し遅れ気味です": "遅延",
             "まだやってないです": "未着手", "いま進めているところです": "進行中", "もう終わった": "完了"}
    for said, label in cases.items():
        await 田中.say(said)
        assert re.search(rf"記録しました（「.+」の状況: {label}）", 田中.text()), (said, 田中.text())
        await 田中.say("戻る")
        assert "の状況" in 田中.text(), said
    for unsure in ("遅れてない", "終わってない"):  # negated: never read as 遅延 / 完了
        await 田中.say(unsure)
        assert "記録しました" not in 田中.text(), unsure


# 6. The total in the title counts every question the form may ask, so it never changes.
async def test_the_total_in_the_title_stays_the_same(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    titles = [r.title for r in 田中.replies if r.title]
    assert "質問は10問です（お答えによって最大14問）" in 田中.text()
    for text in (*START, "遅れてます", "業者の契約が来月にずれた", "スキップ", "完了", "スキップ", "2と5",
                 "人手が足りない", "はい", "フォームの作り方", "スキップ"):
        await 田中.say(text)
        titles += [r.title for r in 田中.replies if r.title and "最大" in r.title]
    totals = {re.search(r"/最大(\d+)問", t).group(1) for t in titles if "/最大" in t}
    assert totals == {"14"}, titles
    numbers = [int(re.search(r"（(\d+)/", t).group(1)) for t in titles if "/最大" in t]
    assert numbers == list(range(1, 14))  # 13 asked: only the second item's 遅延理由 was not


# 7. The configured office name in the form.
async def test_the_form_says_the_configured_office_name(app_factory, clock):
    app = await app_factory(clock=clock, office_name="デジタル変革戦略室")
    _, 田中 = await _liaison(app)
    for text in (*START, "進行中", "スキップ", "完了", "スキップ", "特になし"):
        await 田中.say(text)
    assert "デジタル変革戦略室に相談したいこと" in 田中.text()
    assert "DX推進室" not in 田中.text()


# 5. 「報告なおしたい」 reopens the submitted report (as `/dx 報告 修正`), not FAQ candidates.
async def test_saying_to_fix_the_report_reopens_it_while_open(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, 田中 = await _liaison(app)
    await _to_summary(田中)
    await 田中.say("送信")
    for said in ("報告なおしたい", "さっきの報告修正したい", "あ、提出した報告を訂正させてください", "報告の修正をお願いします"):
        await 田中.say(said)
        assert "回答内容の確認" in 田中.text() and "変更 3" in 田中.text(), said  # the edit (resumed after a pause)
        await 田中.say("やめる")
    await 田中.say("報告なおしたい")
    await 田中.say("変更 3")
    await 田中.say("4")
    await 田中.say("それで")
    assert "修正を保存しました" in 田中.text()
    assert (await _result(app)).answers["forms_created"] == 4
    assert await app.services.faq.list_unanswered() == []
    await admin.command("報告 締切")
    await 田中.say("さっきの報告修正したい")
    assert "受付を終了したため、修正できません" in 田中.text()


async def test_saying_to_fix_a_report_before_submitting_says_there_is_none(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("やめる")
    await 田中.say("報告なおしたい")
    assert "修正できる提出済みの進捗報告はありません" in 田中.text()
