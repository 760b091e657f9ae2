"""Walk-through of 2026-12-05, fourth round (forms and assessment): liaisons typing casual, typo'd
Japanese into the skill assessment and the monthly check-in — level words counted only when the
reply is a level, RSVPs and questions typed into a form, corrections, kana commands, reopening a
closed check-in, and a pseudonymous result that is shown only once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.model import Role
from handlers.checkins import jobs
from handlers.checkins.model import CampaignStatus
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.assessment import admin_of, answer_all, staff, stored_answers
from tests.support.checkins import member, outbox, person_id


async def _poll(app, user_id: str = "kato"):  # type: ignore[no-untyped-def]
    admin = await admin_of(app)
    me = await staff(app, user_id, "税務課")
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await admin.command("診断 開始 全員 締切 12/18")
    await me.command("診断")
    return admin, me


async def _answers(app, user_id: str = "kato") -> dict[str, str]:  # type: ignore[no-untyped-def]
    return await stored_answers(app, user_id)


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


# --- 2. the check-in form --------------------------------------------------------------------------
async def _liaison(app):  # type: ignore[no-untyped-def]
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    return admin, 田中


async def _result(app):  # type: ignore[no-untyped-def]
    return await app.services.get(CHECKINS).repo.result_for(1, "市民課")


async def test_an_rsvp_typed_at_a_free_text_question_is_an_rsvp_and_the_question_comes_again(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, 田中 = await _liaison(app)
    await admin.command("会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    for text in ("12", "8", "0", "遅れてます"):
        await 田中.say(text)
    assert "遅れている理由" in 田中.text()
    await 田中.say("来週の会議出られないです")
    said = 田中.text()
    assert "で承りました" in said and "欠席" in said, said
    assert "回答ですか" not in said and said.index("承りました") < said.index("遅れている理由と、今後の見通し"), said
    await 田中.say("業者の契約が来月にずれた")
    assert "補足があれば" in 田中.text()
    session = (await app.services.get(CHECKINS).repo.drafts_of((await app.services.people.find("tanaka")).id))[0].session
    assert "業者の契約が来月にずれた" in session["answers"].values()
    assert "来週の会議出られないです" not in session["answers"].values()
    await admin.command("会議 出欠")
    assert "田中" in admin.text() and "欠席" in admin.text()


async def test_numbers_said_casually_and_corrected(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("12")
    await 田中.say("そのうち８")  # echoing the question's 「そのうち」
    assert "記録しました（オンライン化済みの手続数: 8件）" in 田中.text(), 田中.text()
    await 田中.say("やっぱり20件")  # more online than in scope: refused, 8 stays
    assert "訂正しました" not in 田中.text() and "超えています" in 田中.text(), 田中.text()
    await 田中.say("やっぱり6件")  # second thoughts about the last number: 8 → 6
    assert "「オンライン化済みの手続数」を8件から6件に訂正しました" in 田中.text(), 田中.text()
    assert "新しく作成したオンライン申請フォーム" in 田中.text()  # still at the question shown
    await 田中.say("0")
    await 田中.say("４件に訂正")  # the last number now: 0 → 4
    assert "「今月作成したフォーム数」を0件から4件に訂正しました" in 田中.text(), 田中.text()
    await 田中.say("すすめてます")  # kana for 進めてます
    assert "進行中" in 田中.text() and "記録しました" in 田中.text(), 田中.text()
    for text in ("とくになし", "完了", "特にないです", "特にないです", "いいえ", "特にないです"):
        await 田中.say(text)
    assert "回答内容の確認" in 田中.text(), 田中.text()
    # At the review the count answered last is no longer the answer just given: since the fourteenth
    # round (tests/integration/test_checkins_walkthrough_round13.py) which count is meant is asked.
    await 田中.say("やっぱり5件")
    assert "どの件数を5件にしますか？" in 田中.text() and "回答内容の確認" in 田中.text(), 田中.text()
    await 田中.say("フォーム数")  # 4 → 5
    assert "から5件に訂正しました" in 田中.text() and "回答内容の確認" in 田中.text(), 田中.text()
    await 田中.say("送信")
    result = await _result(app)
    assert (result.answers["procedures_online"], result.answers["forms_created"]) == (6, 5)
    assert sorted(v for k, v in result.answers.items() if k.endswith(".status")) == ["done", "in_progress"]
    assert not any(k.endswith(".note") for k in result.answers), result.answers  # とくになし skipped the notes
    assert result.answers["obstacles"] == ["nothing"] and "small_findings" not in result.answers


async def test_keep_the_current_answer_said_casually(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("12", "8", "0"):
        await 田中.say(text)
    await 田中.say("戻る")
    await 田中.say("今のままでいい")
    assert "0件のまま" in 田中.text() and "の状況" in 田中.text(), 田中.text()


@pytest.mark.parametrize("confirm", ["おっけー", "それでお願いします", "うん、それで"])
async def test_the_is_this_your_answer_question_takes_casual_yes(app_factory, clock, confirm):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("12", "8", "0", "進行中", "スキップ", "完了", "スキップ", "特になし", "はい"):
        await 田中.say(text)
    await 田中.say("3")  # a lone number at 相談したい内容
    assert "回答ですか" in 田中.text()
    await 田中.say(confirm)
    assert "小さな気づき" in 田中.text(), (confirm, 田中.text())
    draft = (await app.services.get(CHECKINS).repo.drafts_of((await app.services.people.find("tanaka")).id))[0]
    assert draft.session["answers"]["consultation_detail"] == "3"


async def test_send_typed_at_the_last_optional_question_then_said_again_goes_to_the_review(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("12", "8", "0", "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ"):
        await 田中.say(text)
    assert "小さな気づき" in 田中.text()
    await 田中.say("送信")
    assert "回答ですか" in 田中.text()
    await 田中.say("おっけー、送信で")  # they meant the form, not the answer 「送信」
    assert "回答内容の確認" in 田中.text(), 田中.text()
    await 田中.say("送信しといて")
    result = await _result(app)
    assert result is not None and "small_findings" not in result.answers


@pytest.mark.parametrize("said", ["おつかれさまです！進捗報告やります", "こんにちは、進捗報告やります",
                                  "お疲れ様です。報告したいです"])
async def test_a_greeting_then_the_report_starts_the_form(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.say(said)
    assert "対象としている手続は、全部で何件ですか" in 田中.text(), 田中.text()


# --- 3. a closed check-in reopened with a new deadline -----------------------------------------------
async def test_the_admin_reopens_a_closed_check_in_with_a_new_deadline(app_factory):
    clock = FakeClock(datetime(2026, 12, 5, 1, tzinfo=UTC))  # Saturday 5 December, 10:00 in Tokyo
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    鈴木 = await member(app, "suzuki", "鈴木", "税務課")
    await admin.command("報告 開始 締切 12/9")
    await 鈴木.command("報告")
    for text in ["10", "5", "0", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await 鈴木.say(text)
    await 田中.command("報告")
    await 田中.say("12")
    await 田中.say("やめる")  # 田中 stopped half-way
    await admin.command("報告 締切")
    repo = app.services.get(CHECKINS).repo
    assert (await repo.latest_campaign()).status is CampaignStatus.CLOSED

    await 田中.command("報告 再開 12/18")  # liaisons cannot reopen it
    assert (await repo.latest_campaign()).status is CampaignStatus.CLOSED

    await admin.command("報告 再開 12/18")
    said = admin.text()
    assert "受付を再開しました" in said and "新しい締切は12月18日（金）17:00" in said, said
    assert "未提出の兼務職員1名にお知らせします" in said, said
    campaign = await repo.latest_campaign()
    assert campaign.status is CampaignStatus.OPEN and campaign.deadline == datetime(2026, 12, 18, 8, tzinfo=UTC)
    assert app.services.scheduler.next_run("checkin:1:deadline") == campaign.deadline

    told = [m for m in await outbox(app) if ":reopen:" in m.dedupe_key]
    assert [m.person_id for m in told] == [await person_id(app, "tanaka")]  # 税務課 submitted: not disturbed
    assert "【受付再開】" in told[0].reply.title and "新しい締切は12月18日（金）17:00" in told[0].text
    assert [c.label for c in told[0].reply.choices] == ["続きから回答する"]  # 田中 had started

    entries = [e for e in await app.services.audit.list(50) if e.action == "checkin reopen"]
    assert sorted(e.result for e in entries) == ["denied", "ok"]
    assert any("再開" in e.detail and "通知 1名" in e.detail for e in entries)

    await admin.command("報告 再開 12/20")  # open already: nothing to reopen
    assert "受付中のため" in admin.text() and "/dx 報告 締切変更" in admin.text()
    await 田中.command("報告 再開")  # alone it is still the liaison's 「続きから」
    assert "すでにオンラインで申請できる" in 田中.text(), 田中.text()


async def test_a_check_in_closed_at_its_deadline_reopens_and_is_reported_again_at_the_new_one(app_factory):
    clock = FakeClock(datetime(2026, 12, 5, 1, tzinfo=UTC))  # Saturday 5 December, 10:00 in Tokyo
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("報告 開始 締切 12/9")
    repo = app.services.get(CHECKINS).repo
    clock.advance(days=5)  # Thursday 10 December, 10:00: the deadline job has run
    await jobs.report_deadline(app.services, 1)
    assert (await repo.latest_campaign()).status is CampaignStatus.CLOSED
    reports = [m for m in await outbox(app) if m.dedupe_key.startswith("checkin:deadline:")]
    assert len(reports) == 1

    await admin.command("報告 再開 12/14")
    assert "受付を再開しました" in admin.text(), admin.text()
    assert (await repo.latest_campaign()).status is CampaignStatus.OPEN
    clock.advance(days=5)  # Tuesday 15 December, 10:00
    await jobs.report_deadline(app.services, 1)
    assert (await repo.latest_campaign()).status is CampaignStatus.CLOSED  # closed again at the new deadline
    reports = [m for m in await outbox(app) if m.dedupe_key.startswith("checkin:deadline:")]
    assert len(reports) == 2 and "市民課" in reports[-1].text


async def test_second_thoughts_with_a_bare_number_at_a_choice_pick_the_option(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("12", "8", "0"):
        await 田中.say(text)
    await 田中.say("やっぱり2")  # at the status question: option 2, not 0 → 2
    assert "記録しました" in 田中.text() and "進行中" in 田中.text(), 田中.text()
    draft = (await app.services.get(CHECKINS).repo.drafts_of((await app.services.people.find("tanaka")).id))[0]
    assert draft.session["answers"]["forms_created"] == 0


async def test_the_check_in_is_continued_in_kana(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("12")
    await 田中.say("やめる")
    await 田中.say("ほうこくのつづき")
    assert "すでにオンラインで申請できる" in 田中.text(), 田中.text()
