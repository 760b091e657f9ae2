"""Walk-through of 2026-12-05, fifth round (forms and assessment): a usability tester playing city
staff, liaisons and an admin in the console — RSVPs typed anywhere in the check-in form, form words
typed while the form is paused, 「先月と同じ」 at any question, counts said as a share or with a
hedge, non-answers at optional questions, hedged assessment levels, a bare 「はい」 in the poll and
redo requests after finishing it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.model import Role
from handlers.checkins.model import CampaignStatus
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.assessment import admin_of, answer_all, staff, stored_answers
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
    return await stored_answers(app, user_id)


async def _unanswered(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.text for q in await app.services.faq.list_unanswered()]


# --- 6. the assessment: a hedged 「できる」 is the hedged level ----------------------------------------
@pytest.mark.parametrize("said", ["たぶんできる", "一応できます", "なんとなくできる", "多分使ってる", "だいたいできるかな"])
async def test_a_hedged_can_do_is_understood_not_practised(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    assert list((await _answers(app)).values()) == ["understand"], me.text()
    assert "2. 理解している として記録しました" in me.text(), me.text()


async def test_a_plain_can_do_and_a_hedged_lower_level_stay_as_they_are(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("できる")
    await me.say("たぶん知らない")
    assert list((await _answers(app)).values()) == ["practice", "unknown"], me.text()


# --- 7. a bare 「はい」 in the poll says how to answer -------------------------------------------------
@pytest.mark.parametrize("said", ["はい", "OK", "お願いします", "おっけー"])
async def test_a_bare_yes_at_the_first_question_says_how_to_answer(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    shown = me.text()
    assert "あと" not in shown and "1 理解し実践している" in shown and "4 知らない" in shown, shown
    assert await _answers(app) == {}
    await me.say("2")
    assert list((await _answers(app)).values()) == ["understand"]


# --- 8. a redo request after finishing is answered, never the FAQ fallback --------------------------
@pytest.mark.parametrize("said", ["もう一回やりなおしたい", "回答を変えたい", "診断をもう一度やりたいです"])
async def test_a_redo_request_after_finishing_says_the_answers_are_final(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await answer_all(me, 2, start=False)
    await me.say(said)
    shown = me.text()
    assert "変更・やり直しができません" in shown and "DX推進室" in shown, shown
    assert "FAQに見つかりませんでした" not in shown
    assert await _unanswered(app) == []


# --- the check-in form ------------------------------------------------------------------------------
async def _liaison(app):  # type: ignore[no-untyped-def]
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    return admin, 田中


async def _session(app, user_id: str = "tanaka") -> dict:  # type: ignore[no-untyped-def, type-arg]
    person = await app.services.people.find(user_id)
    return (await app.services.get(CHECKINS).repo.drafts_of(person.id))[0].session  # type: ignore[no-any-return]


# --- 3. 「先月と同じ」 at any question ------------------------------------------------------------------
async def test_same_as_last_month_at_the_forms_question_takes_last_months_answer(app_factory):
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 2026-11 締切 2026-11-20")
    await 田中.command("checkin")
    await 田中.say("10")
    await 田中.say("4")
    await 田中.say("先月と同じ")  # the first month: nothing to take
    assert "先月の回答がありません" in 田中.text() and "新しく作成したオンライン申請フォーム" in 田中.text(), 田中.text()
    for text in ["3", "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await 田中.say(text)
    assert "提出しました" in 田中.text(), 田中.text()
    clock.current = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    await app.services.get(CHECKINS).repo.set_campaign_status(1, CampaignStatus.CLOSED)
    await admin.command("checkin start 2026-12 締切 2026-12-18")
    await 田中.command("checkin")
    await 田中.say("12")
    await 田中.say("6")
    await 田中.say("先月と同じです")  # フォーム数 offers no default, yet last month's answer is there
    said = 田中.text()
    assert "先月の回答「3件」を使いました" in said and "記録しました（今月作成したフォーム数: 3件）" in said, said
    assert (await _session(app))["answers"]["forms_created"] == 3


# --- 4. a share or a hedge said to a count --------------------------------------------------------
async def test_a_share_of_the_total_is_converted_to_a_count(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("20")
    await 田中.say("８割くらい")
    said = 田中.text()
    assert "「8割」は対象手続数（20件）に対する割合として、16件にしました" in said, said
    assert (await _session(app))["answers"]["procedures_online"] == 16


async def test_a_share_without_a_total_is_asked_back_as_a_count(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("20", "16"):
        await 田中.say(text)
    await 田中.say("半分くらい")  # フォーム数 is a share of nothing
    said = 田中.text()
    assert "件数でお答えください（例: 12件）" in said and "数字でお答えください" not in said, said
    assert "forms_created" not in (await _session(app))["answers"]


@pytest.mark.parametrize("said", ["たしか５件", "５件くらい", "だいたい5", "確か5件だと思います"])
async def test_a_hedged_count_is_the_count(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("12")
    await 田中.say(said)
    assert "記録しました（オンライン化済みの手続数: 5件）" in 田中.text(), 田中.text()


# --- 5. non-answers at an optional free-text question skip it ---------------------------------------
@pytest.mark.parametrize("said", ["わからない", "特にない", "なし", "ないです", "思いつかない", "今は思いつきません"])
async def test_a_non_answer_at_an_optional_question_skips_it(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    for text in ("12", "8", "0", "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ"):
        await 田中.say(text)
    assert "小さな気づき" in 田中.text()
    await 田中.say(said)
    summary = 田中.text()
    assert "回答内容の確認" in summary and "回答ですか" not in summary, summary
    assert f"小さな気づき: {said}" not in summary
    assert "small_findings" not in (await _session(app))["answers"]


# --- 1. an RSVP reaches the meetings job wherever the form is ---------------------------------------
async def _invited(app, clock):  # type: ignore[no-untyped-def]
    admin, 田中 = await _liaison(app)
    await admin.command("会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return admin, 田中


@pytest.mark.parametrize("rsvp", [
    "すみません、その日は出張でいけなくなりました、かわりに山田が出ます",
    "すみません。その日は出張で行けなくなりました。代わりに山田が出ます",
    "すいません、来週の会議は出張で出られないので、代理で山田が出席します",
])
async def test_a_proxy_rsvp_at_the_optional_note_is_recorded_and_the_note_asked_again(app_factory, clock, rsvp):
    app = await app_factory(clock=clock)
    admin, 田中 = await _invited(app, clock)
    for text in ("12", "8", "0", "進行中"):
        await 田中.say(text)
    assert "補足があれば" in 田中.text()
    await 田中.say(rsvp)
    said = 田中.text()
    assert "回答ですか" not in said and "で承りました" in said and "山田" in said, said
    assert said.rindex("承りました") < said.rindex("補足があれば"), said  # the note is asked again, last
    assert "すみません" not in " ".join(map(str, (await _session(app))["answers"].values()))
    await admin.command("会議 出欠")
    assert "田中" in admin.text() and "代理" in admin.text() and "山田" in admin.text(), admin.text()


@pytest.mark.parametrize("before", [("12",), ("12", "8", "0")])  # a number question, a choice question
async def test_an_rsvp_at_a_number_or_choice_question_is_recorded_and_the_question_comes_again(
        app_factory, clock, before):
    app = await app_factory(clock=clock)
    _, 田中 = await _invited(app, clock)
    for text in before:
        await 田中.say(text)
    question = "すでにオンラインで申請できる" if len(before) == 1 else "の状況"
    await 田中.say("来週の会議出られないです")
    said = 田中.text()
    assert "で承りました" in said and "欠席" in said, said
    assert question in said and said.rindex("承りました") < said.rindex(question), said
    await 田中.say("2")  # the answer goes to the question shown
    assert "記録しました" in 田中.text(), 田中.text()


async def test_resume_at_the_is_this_your_answer_question_does_not_lose_an_rsvp(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _invited(app, clock)
    for text in ("12", "8", "0", "進行中"):
        await 田中.say(text)
    session = await _session(app)
    session["meta"].update(pending="来週の会議出られないです", pending_kind="elsewhere")  # asked before
    person = await app.services.people.find("tanaka")
    repo = app.services.get(CHECKINS).repo
    response = (await repo.drafts_of(person.id))[0]
    await repo.save_session(response.id, session, response.status)
    await 田中.say("続きから")
    said = 田中.text()
    assert "で承りました" in said and "補足があれば" in said, said


# --- 2. form words typed while the check-in is paused after a FAQ detour ----------------------------
@pytest.mark.parametrize("said", ["3を直す", "1件", "それでお願いします", "５件くらい", "修正したい"])
async def test_form_words_while_the_check_in_is_paused_point_back_to_it(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await 田中.say("12")
    # Paused with 「やめる」, then a detour: the FAQ desk answers, the form waits. (Right after a side
    # question without 「やめる」 an answer such as 「1件」 is taken at once: eighth round.)
    await 田中.say("やめる")
    await 田中.say("パスワードを忘れました")
    assert "パスワード" in 田中.text()
    before = await _unanswered(app)
    await 田中.say(said)
    reply = 田中.replies[-1]
    assert reply.text == "進捗報告が途中です。「続きから」で再開できます。", 田中.text()
    assert [c.label for c in reply.choices] == ["続きから回答する"]
    assert await _unanswered(app) == before  # never an unanswered FAQ question
    await 田中.say("続きから")
    assert "すでにオンラインで申請できる" in 田中.text(), 田中.text()


async def test_the_same_words_without_a_paused_check_in_go_on_as_before(app_factory, clock):
    app = await app_factory(clock=clock)
    鈴木 = await member(app, "suzuki", "鈴木", "税務課")
    await 鈴木.say("1件")
    assert "進捗報告が途中です" not in 鈴木.text(), 鈴木.text()
