"""The fourth Japanese walk-through of 2026-12-05 (meetings): casual, typo'd RSVPs in any verb form,
「どこでやるの」 from an invitee, time-only and place changes typed by the admin, 未回答 rows in the
attendance export, a kept date's own place, and cancellations that keep office hours."""

from __future__ import annotations

import pytest

from handlers.meetings import planning
from handlers.meetings.planning import send_notice
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import message_for, office, rows_with, tokyo

DEC8 = "meeting:1:2026-12-08"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo


def section(summary: str, head: str) -> str:
    """The names under one heading of the RSVP summary (出席 / 代理出席 / 欠席 / 未回答)."""
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    names = []
    for line in lines[start + 1:]:
        if not line.startswith("・"):
            break
        names.append(line)
    return "\n".join(names)


async def rsvps(admin: Person) -> str:
    await admin.say("/dx 会議 出欠")
    return admin.text()


async def no_unanswered_questions(admin: Person) -> None:
    await admin.say("/dx faq 未回答")
    assert "未回答の質問はありません" in admin.text(), admin.text()


# --- 1. RSVPs in any verb form -------------------------------------------------------------------
@pytest.mark.parametrize("said, head, line", [
    ("やっぱ出られなくなりました", "欠席", "・鈴木（企画課）"),
    ("出られないです", "欠席", "・鈴木（企画課）"),
    ("すみません出れません", "欠席", "・鈴木（企画課）"),
    ("研修で出れないです", "欠席", "・鈴木（企画課）「研修」"),
    ("急に行けなくなっちゃいました、すみません", "欠席", "・鈴木（企画課）"),
    ("参加できなくなりました", "欠席", "・鈴木（企画課）"),
    ("代わりに係長の田中が出ます", "代理出席", "・鈴木（企画課） → 代理出席（田中）「係長」"),
    ("会議は代理出席にします、田中が行きます", "代理出席", "・鈴木（企画課） → 代理出席（田中）"),
    ("遅刻します", "出席", "・鈴木（企画課）「遅刻」"),
    ("15分くらい遅れて参加します", "出席", "・鈴木（企画課）「遅刻（15分くらい）」"),
    ("１０分ほど遅れます", "出席", "・鈴木（企画課）「遅刻（10分ほど）」"),
])
async def test_a_casual_answer_in_any_verb_form_is_recorded_and_not_a_question(app_factory, clock, said, head, line):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(said)
    assert "で承りました" in suzuki.text(), suzuki.text()
    summary = await rsvps(admin)
    assert section(summary, head).startswith(line), summary
    await no_unanswered_questions(admin)


@pytest.mark.parametrize("said", [
    "会議に出られないときはどうすればいい？", "会議に出られないときはどうすればいい", "出られない場合は？", "遅れますか？",
    "エラーで出ません", "いけないです",
])
async def test_a_question_or_a_remark_with_the_same_verbs_is_not_an_answer(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(said)
    assert "承りました" not in suzuki.text(), suzuki.text()
    assert "鈴木" in section(await rsvps(admin), "未回答")


async def test_a_proxy_declared_without_a_name_is_asked_for_the_name(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("会議は代理出席にします")
    assert "代理で出席される方のお名前を入力してください" in suzuki.text(), suzuki.text()
    await suzuki.say("田中です")
    assert "で承りました" in suzuki.text(), suzuki.text()
    assert section(await rsvps(admin), "代理出席").startswith("・鈴木（企画課） → 代理出席（田中）")
    await no_unanswered_questions(admin)


async def test_someone_not_invited_saying_they_cannot_come_is_not_recorded(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    staff = Person(app, "tanaka", "田中")
    await staff.say("出られないです")
    assert "承りました" not in staff.text()
    assert "田中" not in await rsvps(admin)


# --- 2. 「どこでやるの」「いつだっけ」 from an invitee ------------------------------------------------
@pytest.mark.parametrize("asked", ["どこでやるの", "会議どこだっけ", "いつだっけ", "何時からだっけ？", "場所どこ"])
async def test_an_invitee_asking_where_or_when_gets_the_next_meeting(app_factory, clock, asked):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(asked)
    reply = suzuki.text()
    assert "2026年12月8日（火）15:00" in reply and "場所: 301会議室" in reply, reply
    await no_unanswered_questions(admin)


async def test_a_bare_where_question_from_someone_not_invited_goes_to_the_desk(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    staff = Person(app, "tanaka", "田中")
    await staff.say("どこでやるの")
    assert "301" not in staff.text() and "会議は、いま登録されていません" not in staff.text()


# --- 3. the admin's changes ----------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["/dx 会議 設定 時間は１５時から", "/dx 会議 設定 時間は15時から",
                                   "/dx 会議 設定 M-1 開始を15:00に変更", "/dx 会議 時間 １５時から"])
async def test_a_time_only_change_keeps_the_day_and_the_place(app_factory, clock, typed):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 14:00 | 場所: 301会議室")
    await admin.say(typed)
    assert "読み取れません" not in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    listing = admin.text()
    assert "毎月第2火曜 15:00" in listing and "場所: 301会議室" in listing, listing
    assert "2026年12月8日（火）15:00" in listing


async def test_a_time_change_of_an_announced_date_is_previewed_with_the_place_kept(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 14:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 時間は１５時から")
    preview = admin.text()
    assert "2026年12月8日（火）14:00 → 2026年12月8日（火）15:00" in preview and "場所" not in preview, preview
    await admin.say("確定")
    await admin.say("/dx 会議 一覧")
    assert "場所: 301会議室" in admin.text() and "毎月第2火曜 15:00" in admin.text()


@pytest.mark.parametrize("typed", ["/dx 会議 設定 毎月第2火曜 15時〜17時", "/dx 会議 設定 毎月第2火曜 15:00-17:00",
                                   "/dx 会議 設定 毎月第２火曜 １５時から１７時まで", "/dx 会議 設定 15時〜17時"])
async def test_a_time_range_is_never_read_as_a_place(app_factory, clock, typed):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 14:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say(typed)
    assert "場所 301会議室 →" not in admin.text() and "17時" not in admin.text(), admin.text()
    await admin.say("確定")
    await admin.say("/dx 会議 一覧")
    assert "場所: 301会議室" in admin.text() and "毎月第2火曜 15:00" in admin.text(), admin.text()


async def test_a_range_and_a_place_after_it_are_told_apart(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15時～17時 会議室A")
    assert "  場所: 会議室A\n" in admin.text(), admin.text()


async def test_a_place_change_without_a_place_says_how_in_one_line(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.say("/dx 会議 場所 変更")
    how = admin.text()
    assert "\n" not in how and "例: /dx 会議 設定 M-1 場所は第2会議室" in how and "301会議室" in how, how
    await admin.say("/dx 会議 場所 変更 第2会議室")
    await admin.say("/dx 会議 一覧")
    assert "場所: 第2会議室" in admin.text()


@pytest.mark.parametrize("said, command", [
    ("会議の場所を第2会議室に変えたい", "「/dx 会議 設定 M-1 場所は第2会議室」"),
    ("会議の時間を14時に変更して", "「/dx 会議 設定 M-1 時間は14:00から」"),
    ("次の会議、第3木曜の14時にずらしたい", "「/dx 会議 設定 M-1 毎月第3木曜 14:00」"),
    ("/dx 会議 設定 会議の場所を第2会議室に変えたい", "「/dx 会議 設定 M-1 場所は第2会議室」"),
])
async def test_a_change_in_plain_words_gets_the_exact_command(app_factory, clock, said, command):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await admin.say(said)
    # Said in words, the command follows the summary in parentheses (ninth round); the hint keeps 「…」.
    assert command in admin.text() or f"（コマンド: {command.strip('「」')}）" in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "場所: 301会議室" in admin.text() and "毎月第2火曜 15:00" in admin.text()  # nothing applied
    await no_unanswered_questions(admin)
    await suzuki.say("会議の時間変わった？")
    assert "/dx 会議 設定" not in suzuki.text()


# --- 4. the attendance export lists who has not answered -------------------------------------------
async def test_the_attendance_export_has_a_row_for_each_invitee_who_has_not_answered(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, _sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("15分くらい遅れて参加します")
    await admin.say("/dx 書き出し 出欠 csv 2026-12")
    (file,) = admin.replies[-1].attachments
    lines = file.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("2026-12-08 15:00,DX推進室 室内会議,鈴木,企画課,出席,,遅刻（15分くらい）,"), lines
    assert lines[2:] == ["2026-12-08 15:00,DX推進室 室内会議,加藤,福祉課,未回答,,,",
                         "2026-12-08 15:00,DX推進室 室内会議,佐藤,税務課,未回答,,,"], lines
    await admin.say("/dx 書き出し 出欠 csv 2027-01")  # nobody has been invited to January yet
    (file,) = admin.replies[-1].attachments
    assert len(file.content.decode("utf-8-sig").splitlines()) == 1


# --- 5. leftovers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("when, command", [
    (tokyo(2026, 12, 5, 18, 30), "/dx 会議 中止 M-1 12/8"),  # Saturday evening
    (tokyo(2026, 12, 3, 21, 0), "/dx 会議 休会"),  # Thursday night
    (tokyo(2026, 12, 6, 10, 0), "/dx 会議 中止 M-1"),  # Sunday morning
])
async def test_a_cancellation_decided_outside_office_hours_is_sent_the_next_business_morning(
        app_factory, clock, when, command):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    clock.current = when
    await admin.say(command)
    reply = admin.text()
    morning = "2026年12月4日（金）08:30" if when.day == 3 else "2026年12月7日（月）08:30"
    assert f"業務時間外のため {morning} に送ります" in reply and "連絡しました" not in reply, reply
    assert not await rows_with(app, f"{DEC8}:cancelled")  # nothing sent at night

    job = f"{DEC8}:notice"  # one waiting notice per date (sixth round)
    assert app.services.scheduler.next_run(job) == tokyo(2026, 12, 7 if when.day != 3 else 4, 8, 30)
    await planning.rebuild_jobs(app.services)  # a new leader keeps the waiting notice
    assert app.services.scheduler.next_run(job) is not None
    clock.current = app.services.scheduler.next_run(job)
    args = app.services.scheduler.job_args(job)
    await send_notice(app.services, *args[1:])
    rows = await rows_with(app, f"{DEC8}:cancelled")
    assert len(rows) == 3 and "開催中止" in str(rows[0].payload)


async def test_a_cancellation_in_office_hours_is_still_sent_at_once(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "3名に中止を連絡しました" in admin.text(), admin.text()
    assert len(await rows_with(app, f"{DEC8}:cancelled")) == 3


async def test_a_date_kept_after_a_rule_change_keeps_the_place_it_was_announced_with(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 毎月第3木曜 14:00 | 場所: 会議室C")
    assert "12/8 を開く場合は案内したときの場所（会議室A）のまま" in admin.text(), admin.text()

    await admin.say("/dx 会議 予定")
    lines = admin.text().splitlines()
    assert "  場所: 会議室C" in lines, lines
    assert "  → 2026年12月8日（火）15:00  (ルール変更前に案内済み) 場所: 会議室A" in lines, lines
    assert "  → 2026年12月17日（木）14:00" in lines, lines

    await sato.say("会議どこだっけ")
    assert "2026年12月8日（火）15:00" in sato.text() and "場所: 会議室A" in sato.text(), sato.text()
    await admin.say("/dx 会議 今すぐ送信 M-1")
    reminder = await message_for(app, f"{DEC8}:manual", "sato")
    assert any(f.value == "会議室A" for f in reminder.fields), reminder.fields

    # A later place change is for the new rule's dates; the kept date is not told of it.
    await admin.say("/dx 会議 設定 M-1 場所は会議室D")
    assert "確定" not in admin.text() and "（会議室A）のまま" in admin.text(), admin.text()
    assert not await rows_with(app, f"{DEC8}:relocated-")
    await admin.say("/dx 会議 予定")
    assert "  → 2026年12月8日（火）15:00  (ルール変更前に案内済み) 場所: 会議室A" in admin.text().splitlines()
