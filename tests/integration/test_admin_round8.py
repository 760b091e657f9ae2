"""Admin, eighth round (2026-12-06): the FAQ summary leaves the admin's own requests out (and says
how many), plain-words setup becomes a confirmed command, one vocabulary of force words for every
job, and the status lists say when invitations waiting for office hours go out. Each test fails on
the code before the fix."""

from __future__ import annotations

import io

import pytest

from bot.adapters.console.chat import ConsoleNotifier
from bot.core.model import Role
from tests.support.assessment import admin_of, staff, start_assessment
from tests.support.campaigns import app_at_night
from tests.support.checkins import member


# --- 4. status says when the waiting invitations go out --------------------------------------------
async def test_check_in_status_says_when_the_invitations_started_at_night_go_out(app_factory):
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    for user, name in (("tanaka", "田中"), ("sato", "佐藤")):
        await member(app, user, name, "市民課")
    await boss.command("報告 開始 締切 12/18")
    await app.worker.drain(timeout=5)
    await boss.command("報告 状況")
    assert "未送信のうち2件は 12月8日（月）08:30 に送信予定" in boss.text(), boss.text()
    await boss.command("lang en")
    await boss.command("checkin status")
    assert "2 of the unsent invitations will be sent at Mon 12/08 08:30" in boss.text(), boss.text()
    await boss.command("報告 開始 強制")  # sent now: nothing waits any more
    await app.worker.drain(timeout=10)
    await boss.command("checkin status")
    assert "will be sent at" not in boss.text(), boss.text()


async def test_assessment_status_says_when_the_invitations_started_at_night_go_out(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.command("診断 状況")
    assert "未送信のうち5件は 12月8日（月）08:30 に送信予定" in admin.text(), admin.text()


# --- 3. one vocabulary of force words -------------------------------------------------------------
@pytest.mark.parametrize("word", ["きょうせい", "強制送信", "キョウセイ"])
async def test_a_meeting_send_now_at_night_takes_every_force_word_of_the_campaigns(app_factory, word):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    await member(app, "suzuki", "鈴木", "企画課")
    await admin.command("会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.command(f"会議 今すぐ送信 M-1 {word}")
    assert "業務時間" not in admin.text() and "送信待ち" not in admin.text(), admin.text()
    assert "送りました" in admin.text() or "送信しました" in admin.text(), admin.text()


@pytest.mark.parametrize("word", ["今すぐ", "すぐ"])
async def test_a_check_in_start_at_night_takes_the_meetings_force_words(app_factory, word):
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command(f"報告 開始 締切 12/18 {word}")
    assert "業務時間外" not in boss.text() and "依頼を送りました" in boss.text(), boss.text()


# --- 2. plain-words setup is a confirmed command ----------------------------------------------------
async def test_a_meeting_said_in_words_is_confirmed_then_set_as_the_command_sets_it(app_factory, clock):
    from tests.support.meetings import office

    app = await app_factory(clock=clock)  # Tuesday 1 December 2026, 09:00 in Tokyo
    admin, _liaisons = await office(app)
    await admin.say("来月から毎月第2火曜の15時に連絡会議を設定して")
    said = admin.text()
    assert said.startswith("次の内容で設定します: 連絡会議・毎月第2火曜 15:00から"), said
    assert "（コマンド: /dx 会議 設定 毎月第2火曜 15:00 | 名称: 連絡会議）" in said and "よろしいですか？" in said, said
    assert "今月の 2026年12月8日（火）15:00 も予定に入ります" in said, said  # 来月から: said honestly
    assert [c.label for c in admin.replies[-1].choices] == ["はい", "直す", "やめる"]
    hai = admin.replies[-1].choices[0]
    await admin.say("/dx 会議 一覧")
    assert "連絡会議" not in admin.text(), admin.text()  # nothing set before はい
    await admin.press(hai)
    assert "会議 M-1 を登録しました" in admin.text() and "連絡会議: 毎月第2火曜 15:00" in admin.text(), admin.text()
    entries = [e for e in await app.services.audit.list(20) if e.action == "meeting set"]
    assert len(entries) == 1 and entries[0].result == "ok", entries  # the command's own path, once


async def test_a_missing_time_is_asked_for_and_a_fix_changes_one_part(app_factory, clock):
    from tests.support.meetings import office

    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("毎月第２火曜に定例会を開きたい")
    assert admin.text() == "何時から始めますか？（例: 15時、14:30）", admin.text()
    await admin.say("午後３時からで")
    assert "定例会・毎月第2火曜 15:00から" in admin.text(), admin.text()
    await admin.press("直す")
    assert admin.text().startswith("どこを直しますか？"), admin.text()
    await admin.say("場所は第2会議室で")
    assert "場所: 第2会議室" in admin.text() and "毎月第2火曜 15:00" in admin.text(), admin.text()
    await admin.say("はい")
    await admin.say("/dx 会議 一覧")
    assert "定例会: 毎月第2火曜 15:00" in admin.text() and "場所: 第2会議室" in admin.text(), admin.text()


async def test_a_meeting_setup_dropped_with_yameru_sets_nothing(app_factory, clock):
    from tests.support.meetings import office

    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("第二火曜の15時から定例会を開きたい")
    await admin.say("やっぱりやめとく")
    assert admin.text() == "設定しませんでした（何も変わっていません）。", admin.text()
    await admin.say("/dx 会議 一覧")
    assert "定例会" not in admin.text(), admin.text()


async def test_a_change_of_a_set_meeting_in_words_is_confirmed_then_applied(app_factory, clock):
    from tests.support.meetings import office

    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.say("会議の時間を14時に変更して")
    assert "（コマンド: /dx 会議 設定 M-1 時間は14:00から）" in admin.text(), admin.text()  # after the summary (ninth round)
    await admin.say("おねがいします")
    await admin.say("/dx 会議 一覧")
    assert "毎月第2火曜 14:00" in admin.text(), admin.text()


@pytest.mark.parametrize("said", ["チェックイン始めて", "ちぇっくいん開始して", "進捗報告をはじめたい"])
async def test_a_check_in_start_in_words_asks_the_deadline_then_starts_on_hai(app_factory, clock, said):
    app = await app_factory(clock=clock)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.say(said)
    assert boss.text() == "締切はいつにしますか？（例: 12/18、来週の金曜、月末）", boss.text()
    await boss.say("１２月１８日で")
    text = boss.text()
    assert text.startswith("次の内容で開始します: ") and "締切 12月18日（金）" in text, text
    assert "（コマンド: /dx 報告 開始 締切 12/18）" in text and "依頼を送りました" not in text, text
    await boss.press("はい")
    assert "兼務職員1名に依頼を送りました" in boss.text(), boss.text()
    entries = [e for e in await app.services.audit.list(20) if e.action == "checkin start"]
    assert len(entries) == 1 and entries[0].result == "ok", entries


# --- 1. the FAQ summary leaves the admin's own requests out -------------------------------------------
async def test_the_faq_summary_leaves_out_the_admins_commands_and_tests_and_says_how_many(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    tanaka = await member(app, "tanaka", "田中", "市民課", Role.STAFF)
    for said in ("報告 締切変更", "ＦＡＱ　未回答", "テスト：パスワードを忘れました"):  # typed without /dx, a test
        await admin.say(said)
    await admin.say("パスワードを忘れました")  # the admin's own real question counts like anyone's
    await tanaka.say("Zoomの使い方を教えてください")
    await tanaka.say("報告 状況")  # from staff it is what they typed: a question
    await admin.command("要約 FAQ")
    text = admin.text()
    assert "質問数: 3件" in text, text
    assert "※管理者の操作・設定の依頼やテストの入力 3件は、質問数に含めていません。" in text, text
    await admin.command("lang en")
    await admin.command("summary faq")
    assert "Questions asked: 3" in admin.text(), admin.text()
    assert "Not counted: 3 messages that were admins' own requests or tests." in admin.text(), admin.text()


async def test_without_admin_requests_the_summary_has_no_left_out_line(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    tanaka = await member(app, "tanaka", "田中", "市民課", Role.STAFF)
    await tanaka.say("Zoomの使い方を教えてください")
    await admin.command("要約 FAQ")
    assert "質問数: 1件" in admin.text() and "含めていません" not in admin.text(), admin.text()


async def test_dx_status_lists_every_send_waiting_for_office_hours(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("報告 開始 締切 12/18")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.command("状況")
    text = admin.text()
    assert "進捗報告の依頼 1件は 12月8日（月）08:30 に送信予定" in text, text
    assert "スキル診断の案内 6件は 12月8日（月）08:30 に送信予定" in text, text
    await admin.command("状況 報告")  # the check-in's own list
    assert "未送信のうち1件は 12月8日（月）08:30 に送信予定" in admin.text(), admin.text()
    await admin.command("lang en")
    await admin.command("status")
    assert "Check-in invitations: 1 will be sent at Mon 12/08 08:30" in admin.text(), admin.text()
