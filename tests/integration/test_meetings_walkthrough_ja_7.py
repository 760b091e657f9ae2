"""The seventh meetings round of 2026-12-05 (walk-through /tmp/walk1): lateness alone
(「あ、でもちょっと遅れます」) from someone invited to the next meeting is 出席 with the note 遅刻, and
said back; with no meeting ahead (or from someone not invited) it is not an answer. The invitation
no longer shows a stray form line 「(代理出席者の氏名: …)」 in the console."""

from __future__ import annotations

import pytest

from bot.adapters.console.chat import render_text
from tests.conftest import FakeClock
from tests.support.meetings import message_for, office, tokyo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo


# --- 1. lateness alone is an answer for the next meeting ---------------------------------------------
@pytest.mark.parametrize("said", [
    "あ、でもちょっと遅れます",
    "遅れます",
    "ちょっとおくれます",
    "少し遅れるかも",
    "すみません、少し遅れそうです",
    "遅れちゃいます！",
])
async def test_lateness_alone_updates_the_answer_to_attend_with_a_late_note(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("欠席します")
    await suzuki.say(said)
    assert suzuki.text().startswith(
        "2026年12月8日（火）15:00 のDX推進室 室内会議に「出席（遅れて参加）」で承りました。"), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "鈴木（企画課）「遅刻」" in admin.text(), admin.text()


async def test_lateness_in_minutes_keeps_the_amount(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await suzuki.say("あ、でも10分くらい遅れます")
    assert "「出席（10分くらい遅れて参加）」で承りました" in suzuki.text(), suzuki.text()


@pytest.mark.parametrize("said", ["遅れます", "あ、でもちょっと遅れます", "少し遅れるかも"])
async def test_without_a_meeting_ahead_lateness_is_not_an_answer(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _admin, (suzuki, *_rest) = await office(app)
    await suzuki.say(said)
    assert "承りました" not in suzuki.text() and "出席" not in suzuki.text(), suzuki.text()


async def test_a_status_or_a_question_about_lateness_is_not_an_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    for said in ("遅れてます", "遅れますか？", "報告が遅れます"):
        await suzuki.say(said)
        assert "承りました" not in suzuki.text(), (said, suzuki.text())
    await admin.say("/dx 会議 出欠")
    assert "遅刻" not in admin.text(), admin.text()


# --- 4. no stray form line in the invitation ----------------------------------------------------------
async def test_the_console_invitation_has_no_stray_form_line_and_the_field_label_is_a_sentence(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.say("/dx 会議 今すぐ送信 M-1 強制")
    row = await message_for(app, "meeting:", "suzuki")
    shown = render_text(row)
    assert "代理出席" in shown and "代理出席者の氏名" not in shown and "(代理" not in shown, shown
    assert "例: 山田 花子（代理出席のときのみ）" not in shown, shown
    assert row.inputs and "代理出席のときは" in row.inputs[0].label, row.inputs  # Slack / Teams / web: a sentence


# --- 3. an admin's plain words to set a meeting up get the command --------------------------------
@pytest.mark.parametrize("said, command", [
    ("えっと、毎月第３水曜の午後２時から定例会議やりたいんだけど", "/dx 会議 設定 毎月第3水曜 14:00"),
    ("毎月最終金曜16時に会議を設定したい", "/dx 会議 設定 毎月最終金曜 16:00"),
    ("第二火曜の15時から定例会を開きたい", "/dx 会議 設定 毎月第2火曜 15:00"),
])
async def test_an_admin_setting_up_a_meeting_in_words_gets_the_exact_command_and_it_works(
        app_factory, clock, said, command):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say(said)
    # Since the eighth round the command is shown for confirmation and run on はい (test_admin_round8.py).
    assert admin.text().startswith("次の内容で設定します:") and f"（コマンド: {command}" in admin.text(), admin.text()
    await admin.press("はい")
    await admin.say("/dx 会議 一覧")
    assert command.removeprefix("/dx 会議 設定 ").split()[0][2:] in admin.text(), admin.text()


async def test_an_admin_asking_for_a_setup_without_a_rule_gets_the_usage(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("会議の設定して")
    assert admin.text().startswith("会議の登録はコマンドで行います。例: /dx 会議 設定 毎月第2火曜 15:00"), admin.text()


async def test_with_a_meeting_set_the_admin_gets_the_change_command_not_the_faq(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.say("えっと、毎月第３水曜の午後２時から定例会議やりたいんだけど")
    assert "（コマンド: /dx 会議 設定 M-1 毎月第3水曜 14:00）" in admin.text(), admin.text()


async def test_staff_and_liaisons_asking_when_keep_the_answer_about_the_next_meeting(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("会議いつ？")
    assert "2026年12月8日（火）15:00" in suzuki.text() and "/dx 会議 設定" not in suzuki.text(), suzuki.text()
    await suzuki.say("会議の設定して")
    assert "/dx 会議 設定" not in suzuki.text(), suzuki.text()
