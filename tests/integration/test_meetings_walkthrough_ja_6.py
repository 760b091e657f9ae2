"""The sixth meetings round of 2026-12-05 (issue 15): an RSVP's note is said back with the answer
(「出席（15分くらい遅れて参加）で承りました」), and the changes made to one date before the morning are
one notice stating the final state — on the real scheduler, across a restart."""

from __future__ import annotations

import pytest

from bot.app.composition import start_scheduler
from tests.conftest import FakeClock
from tests.support.meetings import eventually, office, rows_with, tokyo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo


# --- 1. the note is said back ------------------------------------------------------------------------
@pytest.mark.parametrize("said, answer, listed", [
    ("15分くらい遅れて参加します", "出席（15分くらい遅れて参加）", "鈴木（企画課）「遅刻（15分くらい）」"),
    ("遅刻します", "出席（遅れて参加）", "鈴木（企画課）「遅刻」"),
    ("30分ほどおくれます", "出席（30分ほど遅れて参加）", "鈴木（企画課）「遅刻（30分ほど）」"),
    ("途中で抜けます", "出席（途中で退出）", "鈴木（企画課）「早退」"),
    ("欠席します。出張のため", "欠席（出張）", "鈴木（企画課）「出張」"),  # thirteenth round: the joint 「のため」 is not kept
    ("当日は係長の山本がかわりに行きます", "代理出席（山本・係長）", "代理出席（山本）「係長」"),
    ("代理で佐藤が出ます", "代理出席（佐藤）", "代理出席（佐藤）"),
])
async def test_the_answer_and_its_note_are_said_back_in_one_line_and_listed_for_the_admin(
        app_factory, clock, said, answer, listed):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(said)
    assert suzuki.text().startswith(
        f"2026年12月8日（火）15:00 のDX推進室 室内会議に「{answer}」で承りました。"), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert listed in admin.text(), admin.text()


async def test_the_note_is_said_back_with_the_configured_meeting_name(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室 | 名称: 定例会議")
    await suzuki.say("火曜の会議、15分くらい遅れて参加します")
    assert "の定例会議に「出席（15分くらい遅れて参加）」で承りました" in suzuki.text(), suzuki.text()
    await admin.say("/dx 書き出し 出欠 csv")
    (file,) = admin.replies[-1].attachments
    assert ",鈴木,企画課,出席,,遅刻（15分くらい）," in file.content.decode("utf-8-sig"), file.content


async def test_a_hedged_absence_after_a_question_says_it_is_not_final(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("次の会議いつだっけ")
    await suzuki.say("たぶん無理かも")
    assert "「欠席」で登録しました" in suzuki.text() and "未確定" in suzuki.text(), suzuki.text()


# --- 2. one notice per date for the changes of one night ----------------------------------------------
# The meeting is on a date in the real past, so the job store finds the waiting notice due as soon as
# a scheduler leader runs (the real APScheduler path, as in test_scheduler_restart.py).
DAY = "meeting:1:2026-11-26"
NOTICE_JOB = f"{DAY}:notice"


async def night_of_changes(app_factory, url: str, clock: FakeClock, *commands: str):  # type: ignore[no-untyped-def]
    """A meeting announced in office hours; the admin's commands (each confirmed) on Tuesday night."""
    clock.current = tokyo(2026, 11, 24, 10, 0)  # Tuesday morning, two days before
    app = await app_factory(database_url=url, clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 2026-11-26 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    clock.current = tokyo(2026, 11, 24, 20, 0)  # Tuesday night
    replies = []
    for command in commands:
        await admin.say(command)
        if "確定" in admin.text() and "まだ保存していません" in admin.text():
            await admin.say("確定")
        replies.append(admin.text())
    return app, replies


async def morning(app_factory, url: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    """The bot restarts; a new leader runs the notices due at 8:30 the next business morning."""
    clock.current = tokyo(2026, 11, 25, 8, 31)
    app = await app_factory(database_url=url, clock=clock, scheduler_poll=0.05)
    await start_scheduler(app)
    assert app.services.scheduler.is_leader
    await eventually(lambda: _gone(app))
    await eventually(lambda: _three(app))  # the job leaves the store as it starts: wait for its messages
    return app


async def _three(app):  # type: ignore[no-untyped-def]
    return len(await notices(app)) >= 3


async def _gone(app):  # type: ignore[no-untyped-def]
    return NOTICE_JOB not in app.services.scheduler.job_ids("meeting:")


async def notices(app):  # type: ignore[no-untyped-def]
    """The change notices queued for the date (not the reminders)."""
    return [r for r in await rows_with(app, f"{DAY}:")
            if r.dedupe_key.split(":")[3].split("-")[0] in ("changed", "rescheduled", "relocated", "cancelled")]


async def test_a_time_and_a_place_changed_the_same_night_are_one_notice_with_both(app_factory, tmp_path, clock):
    url = f"sqlite+aiosqlite:///{tmp_path / 'office.db'}"
    first, replies = await night_of_changes(app_factory, url, clock, "/dx 会議 時間 14時から",
                                            "/dx 会議 場所 301会議室")
    assert "2026年11月25日（水）08:30 に送ります" in replies[0], replies[0]
    assert "変更をお知らせします" in replies[0] and "連絡しました" not in replies[0], replies[0]
    assert "まとめて 2026年11月25日（水）08:30 に1通で送ります" in replies[1], replies[1]
    assert first.services.scheduler.job_ids(f"{DAY}:notice") == [NOTICE_JOB]
    assert not await notices(first)  # nothing at night
    await first.close()

    second = await morning(app_factory, url, clock)
    rows = await notices(second)
    assert len(rows) == 3, [r.dedupe_key for r in rows]  # one message for each of the three liaisons
    text = rows[0].payload["text"]
    assert rows[0].payload["title"] == "【日時・場所変更】DX推進室 室内会議"
    assert "2026年11月26日（木）15:00 に予定していた" in text and "2026年11月26日（木）14:00" in text, text
    assert "「301会議室」" in text, text


async def test_a_change_then_a_cancellation_the_same_night_is_only_the_cancellation(app_factory, tmp_path, clock):
    url = f"sqlite+aiosqlite:///{tmp_path / 'office.db'}"
    first, replies = await night_of_changes(app_factory, url, clock, "/dx 会議 時間 14時から",
                                            "/dx 会議 中止 M-1 11/26")
    assert "中止をお知らせします（業務時間外のため 2026年11月25日（水）08:30 に送ります）" in replies[1], replies[1]
    await first.close()

    second = await morning(app_factory, url, clock)
    rows = await notices(second)
    assert [r.payload["title"] for r in rows] == ["【開催中止】DX推進室 室内会議"] * 3
    # The cancellation names the time the liaisons were told, not the change they never heard of.
    assert "2026年11月26日（木）15:00 に予定していた" in rows[0].payload["text"], rows[0].payload["text"]


async def test_a_change_made_and_undone_the_same_night_sends_nothing(app_factory, tmp_path, clock):
    url = f"sqlite+aiosqlite:///{tmp_path / 'office.db'}"
    first, replies = await night_of_changes(app_factory, url, clock, "/dx 会議 場所 301会議室",
                                            "/dx 会議 場所 会議室A")
    assert "伝えた予定に戻ったため、待っていた変更のお知らせは送りません" in replies[1], replies[1]
    assert NOTICE_JOB not in first.services.scheduler.job_ids("meeting:")
    await first.close()
    clock.current = tokyo(2026, 11, 25, 8, 31)
    second = await app_factory(database_url=url, clock=clock, scheduler_poll=0.05)
    await start_scheduler(second)
    assert not await notices(second)


async def test_a_time_changed_twice_the_same_night_says_the_time_the_liaisons_knew(app_factory, tmp_path, clock):
    url = f"sqlite+aiosqlite:///{tmp_path / 'office.db'}"
    first, _ = await night_of_changes(app_factory, url, clock, "/dx 会議 時間 14時から", "/dx 会議 時間 16時から")
    await first.close()
    second = await morning(app_factory, url, clock)
    rows = await notices(second)
    assert [r.payload["title"] for r in rows] == ["【日時変更】DX推進室 室内会議"] * 3
    text = rows[0].payload["text"]
    assert "15:00 に予定していた" in text and "16:00 に変更" in text and "14:00" not in text, text


async def test_a_time_and_place_changed_in_office_hours_is_one_notice(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 M-1 毎月第2火曜 14:00 | 場所: 301会議室")
    await admin.say("確定")
    rows = [r for r in await rows_with(app, "meeting:1:2026-12-08:")
            if r.dedupe_key.split(":")[3].split("-")[0] in ("changed", "rescheduled", "relocated")]
    assert [r.payload["title"] for r in rows] == ["【日時・場所変更】DX推進室 室内会議"] * 3, rows


# --- 3. found walking the job on the console --------------------------------------------------------
@pytest.mark.parametrize("command", ["/dx かいぎ せってい 毎月だい２かようび ごご３じから 場所は第３会議室で",
                                     "/dx 会議 設定 毎月第2火曜 15時から 場所は第３会議室でやります"])
async def test_a_spoken_place_ending_in_de_is_stored_without_it(app_factory, clock, command):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say(command)
    assert "  場所: 第３会議室\n" in admin.text(), admin.text()


async def test_an_absence_said_again_while_its_reason_is_asked_is_not_the_reason(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("次の会議いつだっけ")
    await suzuki.say("たぶん無理かも")
    assert "理由があれば" in suzuki.text()
    await suzuki.say("むりです")
    assert "「欠席」で登録しました" in suzuki.text() and "「むり」" not in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "鈴木（企画課）\n" in admin.text() + "\n" and "むり" not in admin.text(), admin.text()


async def test_the_agenda_command_typed_in_kana_lists_the_items(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("議題: 電子申請の進捗共有")
    await admin.say("/dx 会議 ぎだい")
    assert "電子申請の進捗共有" in admin.text(), admin.text()


@pytest.mark.parametrize("command", ["/dx 会議 設定 毎月第２かようび 午後３時〜 会議室Aで",
                                     "/dx 会議 設定 毎月第2火曜 15:00〜 会議室A"])
async def test_a_rule_with_a_start_written_as_from_and_a_place_is_read(app_factory, clock, command):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say(command)
    said = admin.text()
    assert "毎月第2火曜 15:00" in said and "  場所: 会議室A\n" in said, said


@pytest.mark.parametrize("said", ["代理で佐藤がいきます", "代理で佐藤が来ます", "かわりに係長の佐藤がいきます"])
async def test_a_proxy_who_goes_in_kana_or_comes_is_recorded(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(said)
    assert "「代理出席（佐藤" in suzuki.text(), suzuki.text()



async def test_a_weekday_half_converted_by_the_ime_is_read(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第２火よう 午後3時 場所は会議室A")
    assert "毎月第2火曜 15:00" in admin.text() and "  場所: 会議室A\n" in admin.text(), admin.text()
