"""Meeting setup an admin can trust (issue 15): a DX-office admin in Japanese changes a rule after
the next date was announced, writes the place the way people say it, reads the preview, and is
always told the Japanese command to type next. Nothing a liaison entered is lost."""

from __future__ import annotations

import pytest

from handlers.meetings.planning import rebuild_jobs
from tests.conftest import FakeClock
from tests.support.meetings import english_words, message_for, office, rows_with, tokyo

DEC8 = "meeting:1:2026-12-08"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo



async def test_a_new_rule_keeps_the_announced_date_until_the_admin_cancels_it(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    assert "2026年12月8日（火）15:00" in admin.text()
    await admin.say("/dx 会議 今すぐ送信")
    assert "3名に送信" in admin.text()
    await suzuki.say("出席します")
    await sato.say("議題: 電子申請の進捗共有")

    await admin.say("/dx 会議 設定 毎月最終金曜 午後3時")
    changed = admin.text()
    assert "2026年12月8日（火）15:00 の会議は案内済み（お知らせ送信済み・出欠1件・議題・気づき1件）" in changed
    assert "「/dx 会議 中止 M-1 12/8」" in changed
    await admin.say("/dx 会議 設定 毎月第5火曜 15:00")
    changed = admin.text()
    assert "「/dx 会議 中止 M-1 12/8」" in changed
    # 第5火曜 is rare: one line says how rare, with the rule that meets every month.
    assert "第5火曜は今後1年で5回しかありません" in changed and "毎月最終火曜 15:00" in changed
    assert english_words(changed) == []

    # The answer and the agenda item are still there, for the date that still takes place.
    await admin.say("/dx 会議 出欠")
    assert "2026年12月8日（火）15:00" in admin.text() and "出席 1名" in admin.text()
    await admin.say("/dx 会議 議題")
    assert "電子申請の進捗共有" in admin.text()
    # Its reminder of the morning is still planned; the new rule's first date is planned too, and a
    # restart (jobs rebuilt from the tables) keeps both.
    sched = app.services.scheduler
    await rebuild_jobs(app.services)
    assert f"{DEC8}:0bd0830" in sched.job_ids("meeting:1:")
    assert any(j.startswith("meeting:1:2026-12-29:") for j in sched.job_ids("meeting:1:"))
    await sato.say("欠席します")  # a typed answer goes to the date that still comes first
    assert "2026年12月8日（火）15:00" in sato.text() and "欠席" in sato.text()

    # The command the reply named calls it off and tells every invitee through the outbox.
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "2026年12月8日（火）15:00 の会議は開催しません" in admin.text() and "3名に中止を連絡" in admin.text()
    assert len(await rows_with(app, f"{DEC8}:cancelled:")) == 3
    notice = await message_for(app, f"{DEC8}:cancelled:", "kato")
    assert "開催中止" in notice.title and "2026年12月8日（火）15:00" in notice.text
    assert not [j for j in sched.job_ids("meeting:1:") if j.startswith(DEC8)]
    await admin.say("/dx 会議 出欠")
    assert "2027年1月4日（月）15:00" in admin.text()  # 12/29 falls in the year-end closure


async def test_the_schedule_shows_a_kept_date_beside_the_new_rules_date(app_factory, clock):
    """Issue 15, second walk-through: after a rule change kept the announced 12/8 (it has an answer),
    「/dx 会議 予定」 lists both December dates, the kept one marked 「(ルール変更前に案内済み)」."""
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第3木曜 15:00")
    assert "案内済み（出欠1件）" in admin.text()
    for command in ("/dx 会議 予定", "/dx 会議 一覧"):
        await admin.say(command)
        lines = admin.text().splitlines()
        assert "  → 2026年12月8日（火）15:00  (ルール変更前に案内済み)" in lines, (command, lines)
        assert "  → 2026年12月17日（木）15:00" in lines, (command, lines)
    await admin.say("/dx 会議 中止 M-1 12/8")
    await admin.say("/dx 会議 予定")
    assert "12月8日" not in admin.text() and "ルール変更前" not in admin.text()


async def test_an_answer_alone_makes_a_date_announced_and_a_cancellation_reaches_every_liaison(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say("出席します")  # no invitation went out yet: one liaison answered anyway
    await admin.say("/dx 会議 設定 毎月第3木曜 15:00")
    assert "案内済み（出欠1件）" in admin.text()
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "3名に中止を連絡" in admin.text()
    assert len(await rows_with(app, f"{DEC8}:cancelled:")) == 3
    # A date nobody heard of is dropped by a rule change without a word.
    await admin.say("/dx 会議 設定 毎月第4水曜 15:00")
    assert "案内済み" not in admin.text()


async def test_a_new_time_for_an_announced_date_is_sent_to_every_invitee_and_answers_stay(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第2火曜 14:00")
    assert "「日時変更」をお知らせ" in admin.text()  # previewed first (walk-through 2026-12-05)
    await admin.say("確定")
    assert ("案内済みの 2026年12月8日（火）15:00 の会議は 2026年12月8日（火）14:00 に変わるため、兼務職員3名に変更を連絡"
            in admin.text())
    moved = await message_for(app, f"{DEC8}:rescheduled-", "suzuki")
    assert "日時変更" in moved.title and "2026年12月8日（火）14:00 に変更" in moved.text
    await admin.say("/dx 会議 出欠")
    assert "2026年12月8日（火）14:00" in admin.text() and "出席 1名" in admin.text()


async def test_the_place_as_people_write_it_and_one_line_for_rules_that_cannot_be(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第２火曜日 午後３時から 場所は第3会議室")
    assert "M-1 を登録しました" in admin.text() and "場所: 第3会議室" in admin.text()
    assert "2026年12月8日（火）15:00" in admin.text()
    await admin.say("/dx 会議 設定 M-1 毎月第2火曜 15:00から本庁舎4階 大会議室で")
    assert "場所: 本庁舎4階 大会議室" in admin.text()
    await admin.say("/dx 会議 設定 M-1 毎月第2火曜 15:00 第2会議室で")
    assert "場所: 第2会議室" in admin.text()
    await admin.say("/dx 会議 設定 M-1 毎月第2火曜 15:00 @本庁舎5階")
    assert "場所: 本庁舎5階" in admin.text()
    await admin.say("/dx 会議 一覧")
    assert "本庁舎5階" in admin.text() and "毎月第2火曜 15:00" in admin.text()

    await admin.say("/dx 会議 設定 毎週水曜 10:00")
    weekly = admin.text()
    assert "毎月の開催" in weekly and "例: /dx 会議 設定 毎月第2水曜 10:00" in weekly and "\n" not in weekly
    await admin.say("/dx 会議 設定 毎週金曜 午後3時")
    assert "例: /dx 会議 設定 毎月第2金曜 15:00" in admin.text()
    await admin.say("/dx 会議 設定 そのうち火曜 15:00")
    unreadable = admin.text()
    assert "読み取れませんでした" in unreadable and "例: /dx 会議 設定 毎月第2火曜 15:00 場所は第3会議室" in unreadable
    await admin.say("/dx 会議 一覧")
    assert "毎週" not in admin.text() and "そのうち" not in admin.text()


async def test_the_preview_says_how_to_send_a_reminder_that_will_not_go_out(app_factory, clock):
    clock.current = tokyo(2026, 12, 4, 10, 0)  # Friday: 3 business days before Tue 12/8 was Thursday
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx 会議 プレビュー")
    preview = admin.text()
    assert "送信しません" in preview
    assert "3営業日前 09:00のお知らせは送信されません" in preview and "「/dx 会議 今すぐ送信 M-1」" in preview
    await admin.say("/dx 会議 今すぐ送信 M-1")
    assert "3名に送信" in admin.text()
    await admin.say("/dx 会議 プレビュー")
    assert "今すぐ送信" not in admin.text()  # sent: nothing left to suggest


async def test_japanese_replies_name_japanese_commands_that_work(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 場所は第3会議室")
    created = admin.text()
    assert "「/dx 会議 プレビュー M-1」" in created and english_words(created) == []
    await admin.say("/dx 会議 プレビュー M-1")
    assert "送信予定の確認" in admin.text()

    clock.current = tokyo(2026, 12, 2, 21, 0)  # at night a send waits for the morning
    await admin.say("/dx 会議 今すぐ送信")
    deferred = admin.text()
    assert "「/dx 会議 今すぐ送信 M-1 強制」" in deferred and english_words(deferred) == []
    await admin.say("/dx 会議 今すぐ送信 強制")
    assert "3名に送信" in admin.text()

    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 第3会議室 | 議題")
    assert english_words(admin.text()) == [] and "項目名がわかりません" in admin.text()
    await admin.say("/dx 会議 設定 M-9 | 場所: どこか")
    missing = admin.text()
    assert "「/dx 会議 一覧」" in missing and english_words(missing) == []
    await admin.say("/dx 会議 一覧")
    assert "M-1" in admin.text()


async def test_a_new_place_for_an_announced_date_reaches_every_invitee(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 場所は第3会議室")
    await admin.say("/dx 会議 設定 M-1 | 場所: 第5会議室")
    assert "連絡" not in admin.text()  # nobody had heard of 12/8 yet
    await admin.say("/dx 会議 今すぐ送信")
    await admin.say("/dx 会議 設定 M-1 | 場所: 本庁舎4階 大会議室")
    assert "場所 第5会議室 → 本庁舎4階 大会議室" in admin.text()  # previewed first (walk-through 2026-12-05)
    await admin.say("確定")
    assert "案内済みの 2026年12月8日（火）15:00 の会議の場所変更を、兼務職員3名に連絡しました" in admin.text()
    notice = await message_for(app, f"{DEC8}:relocated-", "sato")
    assert "場所変更" in notice.title and "「本庁舎4階 大会議室」に変わりました" in notice.text


async def test_a_former_liaison_who_answered_is_told_too(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say("出席します")
    await admin.say("/dx 名簿 役割 suzuki 職員")
    assert "役割を変更しました" in admin.text(), admin.text()
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "3名に中止を連絡" in admin.text()  # two liaisons and 鈴木, who had said they would come
    notice = await message_for(app, f"{DEC8}:cancelled:", "suzuki")
    assert "開催中止" in notice.title
