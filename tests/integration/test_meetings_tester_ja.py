"""What a Japanese-speaking tester found in the meeting setup (round 23): a rule change that moves
the month's meeting to another day, the true 「N営業日後」, and kana command words."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.support.meetings import english_words, office, rows_with, tokyo

DEC8 = "meeting:1:2026-12-08"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo



async def test_a_rule_that_moves_the_month_meeting_says_both_dates_are_planned_and_asks_to_choose(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")

    await admin.say("/dx 会議 設定 毎月第３木曜 14:00 | 場所: 会議室C")
    reply = admin.text()
    assert "2026年12月8日（火）15:00 の会議は案内済み（出欠1件）のため、そのまま開催予定に残しました" in reply
    assert "12月は 2026年12月8日（火）15:00 と新しいルールの 2026年12月17日（木）14:00 の2回が開催予定です" in reply
    assert "どちらにするか決めてください" in reply
    assert "12/17だけにする場合は「/dx 会議 中止 M-1 12/8」" in reply
    # No lone 「場所変更」 for the old date: the admin is told nobody was informed yet.
    assert not await rows_with(app, f"{DEC8}:relocated-")
    assert "場所の変更（会議室A → 会議室C）は、12/8 の会議にはまだ連絡していません" in reply
    assert "場所が会議室Cに変わりました" not in reply
    assert english_words(reply) == []

    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "3名に中止を連絡" in admin.text()
    await admin.say("/dx 会議 一覧")
    assert "2026年12月17日（木）14:00" in admin.text() and "2026年12月8日" not in admin.text()


async def test_a_same_day_place_change_is_still_sent(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 M-1 | 場所: 会議室C")
    assert "場所 会議室A → 会議室C" in admin.text()  # previewed first (walk-through 2026-12-05)
    await admin.say("確定")
    assert "場所変更を、兼務職員3名に連絡" in admin.text()
    assert len(await rows_with(app, f"{DEC8}:relocated-")) == 3


async def test_the_reminder_counts_business_days_from_the_day_it_is_sent(app_factory, clock):
    clock.current = tokyo(2026, 12, 7, 10, 0)  # Monday: the 3営業日前 reminder (Thu 12/3) is past
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | リマインド: 3営業日前 9:00, 前日 17:00")
    await admin.say("/dx 会議 プレビュー")
    preview = admin.text()
    assert "（1営業日後）" in preview and "（3営業日後）" not in preview


@pytest.mark.parametrize("word, expected", [
    ("いちらん", "登録されている会議"),
    ("ぷれびゅー", "送信予定の確認"),
    ("しゅっけつ", "出欠状況"),
])
async def test_kana_meeting_subcommands_work(app_factory, clock, word, expected):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx かいぎ せってい 毎月第2火曜 15:00")
    assert "M-1 を登録しました" in admin.text()
    await admin.say(f"/dx かいぎ {word}")
    assert expected in admin.text()


async def test_kana_cancel_works(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx かいぎ ちゅうし M-1 12/8")
    assert "2026年12月8日（火）15:00 の会議は開催しません" in admin.text()


async def test_a_reminder_sent_a_day_late_says_the_true_number_of_business_days(app_factory, clock):
    from handlers.meetings.planning import send_reminder
    from tests.support.meetings import message_for

    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    occ = int(app.services.scheduler.job_args(f"{DEC8}:3bd0900")[1])
    clock.current = tokyo(2026, 12, 4, 8, 30)  # down on Thursday 12/3; back on Friday morning
    await send_reminder(app.services, occ, "3bd0900")
    late = await message_for(app, f"{DEC8}:3bd0900:", "suzuki")
    assert "（2営業日後）" in late.text and "（3営業日後）" not in late.text


@pytest.mark.parametrize("rule, when, place", [
    ("毎月第2火曜 14時 場所 会議室A", "2026年12月8日（火）14:00", "会議室A"),
    ("毎月第2火曜日 15:00 会議室A", "2026年12月8日（火）15:00", "会議室A"),
    ("毎月だい２かようび ごご２じ", "2026年12月8日（火）14:00", ""),
    ("毎月第2火曜 15:00 場所は３階の会議室Ｂでおねがい", "2026年12月8日（火）15:00", "３階の会議室Ｂ"),
    ("毎月第2火曜 15:00 | 場所: 会議室Aでお願いします", "2026年12月8日（火）15:00", "会議室A"),
])
async def test_rules_and_places_as_the_office_types_them(app_factory, clock, rule, when, place):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say(f"/dx 会議 設定 {rule}")
    reply = admin.text()
    assert "M-1 を登録しました" in reply and when in reply
    if place:
        assert f"  場所: {place}\n" in reply
        assert "おねがい" not in reply and "お願いします" not in reply


async def test_a_place_alone_drops_the_polite_ending(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx 会議 設定 M-1 場所は３階の会議室Ｂでおねがい")
    assert "  場所: ３階の会議室Ｂ\n" in admin.text() and "おねがい" not in admin.text()


async def test_a_send_waiting_for_monday_is_in_the_preview_and_a_forced_send_replaces_it(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    clock.current = tokyo(2026, 12, 5, 11, 0)  # Saturday
    await admin.say("/dx 会議 送信")
    assert "2026年12月7日（月）08:30 に送信するよう予約しました" in admin.text()
    await admin.say("/dx 会議 送信")  # asked twice: still one send on Monday
    await admin.say("/dx 会議 プレビュー")
    preview = admin.text()
    assert preview.count("手動送信 → 2026年12月7日（月）08:30") == 1
    assert "この予約は取り消され、二重には送りません" in preview
    assert english_words(preview) == []

    await admin.say("/dx 会議 送信 強制")
    forced = admin.text()
    assert "3名に送信" in forced and "2026年12月7日（月）08:30 に予約していた送信は取り消しました" in forced
    assert not [j for j in app.services.scheduler.job_ids(f"{DEC8}:manual")]
    await admin.say("/dx 会議 プレビュー")
    preview = admin.text()
    assert "予約中" not in preview and "2026年12月7日（月）08:30" not in preview
    assert "手動送信 → 2026年12月5日（土）11:00 手動で送信済み" in preview
