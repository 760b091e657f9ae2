"""Meetings and FAQ answers, eighth round (2026-12-06, walk-through on the console): a rule replaced
under announced dates tells the invitees of the dates added or removed and says old rule → new
rule; 「会議って8日と16日どっち？」 is answered from the schedule (for every member of staff), and the
bundled FAQ no longer states a fixed date; the meeting has the office's name and can be renamed; an
answer typed to an unanswered question is kept as a draft when another command comes; time and
date errors carry an example. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from handlers.meetings.planning import send_notice
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import office, rows_with, tokyo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 4, 10, 0))  # Friday morning in Tokyo, office hours


# --- 4. an answer typed for Q-n is never lost ----------------------------------------------------
async def forwarded_questions(app, count: int) -> list[int]:
    asker = Person(app, "yamada", "山田")
    await asker.say("こんにちは")
    person = await app.services.people.find("yamada")
    ids = []
    for n in range(count):
        q = await app.faq.add_unanswered(f"庁内Wi-Fiのパスワードの変更方法{n}を教えてください", person.id,
                                         UnansweredStatus.FORWARDED, "console", "dm:yamada")
        ids.append(q.id if hasattr(q, "id") else q)
    return ids


async def test_a_command_while_the_answer_waits_for_confirmation_keeps_it_as_a_draft(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    first, second = await forwarded_questions(app, 2)
    await admin.say("/dx FAQ 未回答")
    await admin.say(str(first))
    assert f"Q-{first}" in admin.text() and "回答を入力してください" in admin.text(), admin.text()
    await admin.say("設定画面の「パスワード変更」から変更できます。")
    assert "送信する" in admin.text() and "書き直す" in admin.text(), admin.text()
    await admin.say(f"/dx FAQ 回答 Q-{second} 情報政策課にお問い合わせください。")
    said = admin.text()
    assert f"Q-{first} の回答案はまだ送っていません。下書きとして残しました（「Q-{first} 回答を続ける」で再開できます）。" in said, said
    assert f"Q-{second}" in said, said  # the new command ran too
    question = await app.faq.get_unanswered(first)
    assert question.status is UnansweredStatus.FORWARDED  # not sent, not lost
    await admin.say("/dx FAQ 未回答")
    assert f"（回答の下書きあり: 室長、「Q-{first} 回答を続ける」で再開）" in admin.text(), admin.text()
    await admin.say(f"Q-{first} 回答を続ける")
    assert "設定画面の「パスワード変更」から変更できます。" in admin.text() and "送信する" in admin.text(), admin.text()
    await admin.say("送信する")
    assert (await app.faq.get_unanswered(first)).status is UnansweredStatus.ANSWERED
    await admin.say("/dx FAQ 未回答")
    assert "下書きあり" not in admin.text(), admin.text()


async def test_another_message_or_another_question_button_keeps_the_answer_too(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    first, second = await forwarded_questions(app, 2)
    await admin.say(f"/dx FAQ 回答 Q-{first}")
    await admin.say("パスワードは半年ごとに変更してください。")
    await admin.say("/dx FAQ 未回答")  # a command while 送信する／書き直す／やめる is open
    assert f"「Q-{first} 回答を続ける」" in admin.text(), admin.text()
    button = admin.choice(f"Q-{second}")
    await admin.say(f"Q-{first} の回答を続けます")
    assert "パスワードは半年ごとに変更してください。" in admin.text(), admin.text()
    await admin.press(button)  # another question's button: Q-1's answer stays a draft
    assert f"Q-{first} の回答案はまだ送っていません" in admin.text(), admin.text()
    await admin.say("Wi-Fiは情報政策課に聞いてください。")
    await admin.say("はい")
    assert (await app.faq.get_unanswered(second)).status is UnansweredStatus.ANSWERED
    await admin.say("回答の続き")  # the last draft left
    assert "パスワードは半年ごとに変更してください。" in admin.text(), admin.text()


async def test_resuming_without_a_draft_says_so_with_an_example(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    await admin.say("Q-9 回答を続ける")
    assert admin.text().startswith("Q-9 の回答の下書きは見つかりませんでした。例: 「Q-4 回答を続ける」"), admin.text()


# --- 1. a rule replaced under announced dates ------------------------------------------------------
async def texts_for(app, marker: str, user_id: str) -> list[str]:
    person = await app.services.people.find(user_id)
    return [r.payload.get("title", "") + "\n" + r.payload.get("text", "") for r in await app.outbox.list()
            if marker in (r.dedupe_key or "") and r.destination["address"] == str(person.id)]


async def test_a_new_rule_says_old_and_new_and_tells_the_liaisons_of_the_dates_it_adds_and_removes(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第3水曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")  # for 12/16
    await sato.say("議題: 電子申請の進捗")
    await admin.say("/dx 会議 設定 まいつき第二火曜 15じ")
    said = admin.text()
    assert "開催ルール: 毎月第3水曜 15:00 → 毎月第2火曜 15:00" in said, said
    assert "→ 2026年12月8日（火）15:00" in said and "→ 2026年12月16日（水）15:00  (ルール変更前に案内済み)" in said, said
    assert "兼務職員など3名に、日程の変更（12/8（火）を追加、1/12（火）を追加、1/20（水）はなし）をお知らせしました。" in said, said
    [added] = await texts_for(app, "2026-12-08:added", "kato")
    assert added.startswith("【日程追加】DX推進室 室内会議\n") and "2026年12月8日（火）15:00 に会議が加わりました" in added, added
    [mine] = await texts_for(app, "2026-12-08:added", "suzuki")
    assert "2026年12月16日（水）15:00 の会議にいただいた出欠はその日のまま残っています" in mine, mine
    [gone] = await texts_for(app, "2027-01-20:removed", "kato")
    assert "2027年1月20日（水）15:00 の会議はなくなりました" in gone, gone
    # Suzuki's answer is not moved to 12/8: the 12/8 list does not count it; the answer stays with 12/16.
    await admin.say("/dx 会議 出欠")
    assert "2026年12月8日（火）15:00" in admin.text() and "出席 0名" in admin.text(), admin.text()
    await suzuki.say("次の会議いつ？")
    assert "あなたの出欠: まだ回答していません" in suzuki.text(), suzuki.text()
    # 12/16 called off: Suzuki is told and asked again for the next date.
    await admin.say("/dx 会議 中止 M-1 12/16")
    # Sato's item goes to the date after 12/16 (the reply says which, not 「次回」 12/8).
    assert "届いていた議題・気づき1件は、この日の次に開く 2027年1月12日（火）15:00 の会議に持ち越します" in admin.text(), admin.text()
    [item_sender] = await texts_for(app, "2026-12-16:cancelled", "sato")
    assert "この日の次に開く 2027年1月12日（火）15:00 の会議に持ち越します" in item_sender, item_sender
    [cancelled] = await texts_for(app, "2026-12-16:cancelled", "suzuki")
    assert "この日にいただいた出欠（出席）はこの日だけのものです。次回 2026年12月8日（火）15:00 の出欠を、あらためてお知らせください" \
        in cancelled, cancelled
    [other] = await texts_for(app, "2026-12-16:cancelled", "kato")
    assert "あらためて" not in other, other


async def test_a_date_added_and_told_is_announced_so_calling_it_off_tells_the_liaisons(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第3水曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "中止を連絡しました" in admin.text(), admin.text()
    assert await texts_for(app, "2026-12-08:cancelled", "kato")


async def test_at_night_the_new_dates_wait_for_the_morning_and_say_so(app_factory):
    clock = FakeClock(tokyo(2026, 12, 4, 21, 0))  # Friday night
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第3水曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    assert "をお知らせします（業務時間外のため 2026年12月7日（月）08:30 に送ります）" in admin.text(), admin.text()
    assert not await rows_with(app, "meeting:1:2026-12-08:added")
    job = "meeting:1:2026-12-08:notice"
    assert app.services.scheduler.next_run(job) == tokyo(2026, 12, 7, 8, 30)
    clock.current = tokyo(2026, 12, 7, 8, 30)  # Monday morning: the waiting notice goes out
    await send_notice(app.services, *app.services.scheduler.job_args(job)[1:])
    [added] = await texts_for(app, "2026-12-08:added", "kato")
    assert "2026年12月8日（火）15:00 に会議が加わりました" in added, added


async def test_a_date_added_and_called_off_the_same_night_is_told_to_nobody(app_factory):
    clock = FakeClock(tokyo(2026, 12, 4, 21, 0))  # Friday night
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第3水曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx 会議 中止 M-1 12/8")
    job = "meeting:1:2026-12-08:notice"
    args = app.services.scheduler.job_args(job)
    clock.current = tokyo(2026, 12, 7, 8, 30)
    if args:
        await send_notice(app.services, *args[1:])
    assert not await rows_with(app, "meeting:1:2026-12-08:")  # neither 「追加」 nor 「中止」 of a date nobody heard of


async def test_a_new_meeting_or_a_place_change_tells_nobody_of_dates(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    assert "日程の変更" not in admin.text() and "開催ルール:" not in admin.text(), admin.text()
    await admin.say("/dx 会議 場所 第2会議室")
    assert "日程の変更" not in admin.text(), admin.text()
    assert not [r for r in await app.outbox.list() if ":added" in (r.dedupe_key or "")]


# --- 2. when / where from the schedule, for everyone --------------------------------------------------
@pytest.mark.parametrize("asked", ["会議って8日と16日どっち？", "次の会議いつ？", "会議は8日ですか？", "次回の会議はどちらですか",
                                   "かいぎいつ？", "会議何日だっけ"])
async def test_when_is_the_meeting_is_answered_from_the_schedule(app_factory, clock, asked):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第3水曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say(asked)
    said = suzuki.text()
    assert said.startswith("次のDX推進室 室内会議は 2026年12月8日（火）15:00 です。"), said
    assert "同じ月の 2026年12月16日（水）15:00 にも開催予定です（場所: 301会議室）。" in said, said
    assert "第2水曜日" not in said and "解決しましたか" not in said, said


async def test_staff_who_are_not_invited_get_the_real_date_not_the_faq(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    tanaka = Person(app, "tanaka", "田中")
    await tanaka.say("こんにちは")
    await tanaka.say("次の会議いつ？")
    said = tanaka.text()
    assert said.startswith("次のDX推進室 室内会議は 2026年12月8日（火）15:00 です。\n場所: 301会議室"), said
    assert "兼務職員（DX推進員）向け" in said and "あなたの出欠" not in said, said
    await tanaka.say("どこでやるの")  # no word 会議, not invited: still the desk's
    assert "2026年12月8日" not in tanaka.text(), tanaka.text()


async def test_the_bundled_faq_on_the_meeting_states_no_fixed_date_or_place(app_factory, clock):
    app = await app_factory(clock=clock)
    entry = await app.faq.get_entry("FAQ-088")
    assert "第2水曜" not in entry.answer and "第1会議室" not in entry.answer, entry.answer
    assert "「次の会議いつ？」" in entry.answer, entry.answer


# --- 3. the meeting's name ---------------------------------------------------------------------------
async def test_the_meeting_has_the_office_name_and_the_admin_can_rename_it(app_factory, clock):
    app = await app_factory(clock=clock, office_name="デジタル推進課")
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    assert "M-1 デジタル推進課 室内会議:" in admin.text(), admin.text()
    await admin.say("/dx 会議 名前 兼務職員定例会議")
    assert admin.text() == ("会議 M-1 の名前を「デジタル推進課 室内会議」→「兼務職員定例会議」に変更しました。"
                            "これからの案内・リマインド・お知らせはこの名前で届きます。"), admin.text()
    await suzuki.say("次の会議いつ？")
    assert suzuki.text().startswith("次の兼務職員定例会議は 2026年12月8日（火）15:00 です。"), suzuki.text()
    await admin.say("/dx 会議 名前")
    assert admin.text().startswith("会議の名前を添えて送ってください。例: /dx 会議 名前 M-1 兼務職員定例会議"), admin.text()


# --- 5. errors with an example -------------------------------------------------------------------------
@pytest.mark.parametrize("typed, said", [
    ("/dx 会議 設定 毎月第2火曜 25:00", "「25:00」は正しい時刻ではありません。00:00〜23:59 で指定してください。例: 15:00"),
    ("/dx 会議 設定 2027-02-30 15:00", "「2027-02-30」は存在しない日付です。例: 2027-01-12 または 1/12"),
])
async def test_a_wrong_time_or_date_is_answered_with_an_example(app_factory, clock, typed, said):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say(typed)
    assert admin.text() == said, admin.text()
