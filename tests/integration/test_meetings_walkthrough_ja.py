"""The Japanese walk-through of 2026-12-05 (issue 15, meetings): casual replies are RSVPs, 「次の会議
いつ？」 is answered from the meeting store, a place change is previewed and sent in office hours,
attendance is exported, and one command sends now."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from handlers.meetings.planning import send_notice
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import english_words, office, rows_with, tokyo

DEC8 = "meeting:1:2026-12-08"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo


async def rsvps(admin: Person) -> str:
    await admin.say("/dx 会議 出欠")
    return admin.text()


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


# --- 1. casual replies are RSVPs ----------------------------------------------------------------
@pytest.mark.parametrize("said, expected", [
    ("はい、でます！", "鈴木（企画課）"),
    ("じゃあ伺います", "鈴木（企画課）"),
    ("はい、出られます", "鈴木（企画課）"),
    ("出席に変更で", "鈴木（企画課）"),
    ("当日は係長の山本がかわりに行きます", "代理出席（山本）"),
    ("出張なので課長の佐々木が代わりに出席します", "代理出席（佐々木）"),
    ("代理で山本に変更でお願いします", "代理出席（山本）"),
])
async def test_casual_replies_of_a_liaison_are_recorded(app_factory, clock, said, expected):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(said)
    assert "で承りました" in suzuki.text(), suzuki.text()
    summary = await rsvps(admin)
    assert expected in summary and "鈴木" not in section(summary, "未回答"), summary
    await admin.say("/dx faq 未回答")
    assert "未回答の質問はありません" in admin.text()


async def test_a_change_of_mind_replaces_the_absence_and_keeps_the_lateness(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("すみません、その日は研修で出れないです")
    assert "「欠席（研修）」で承りました" in suzuki.text()
    await suzuki.say("やっぱり出れそうです、遅れていきます")
    assert "「出席（遅れて参加）」で承りました" in suzuki.text()
    await sato.say("出席します")
    await sato.say("欠席に変更でお願いします")
    assert "「欠席」で承りました" in sato.text()
    summary = await rsvps(admin)
    assert section(summary, "出席") == "・鈴木（企画課）「遅刻」", summary
    assert "佐藤（税務課）" in section(summary, "欠席") and "鈴木" not in section(summary, "欠席")
    await admin.say("/dx faq 未回答")
    assert "未回答の質問はありません" in admin.text()


async def test_a_casual_reply_of_someone_not_invited_is_not_an_rsvp(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    staff = Person(app, "tanaka", "田中")
    await staff.say("はい、でます！")
    assert "承りました" not in staff.text() and "兼務職員" not in staff.text()
    summary = await rsvps(admin)
    assert "田中" not in summary


@pytest.mark.parametrize("said", ["はい、出ますか？", "出席に変更ってできますか", "はい、わかりました"])
async def test_questions_and_acknowledgements_are_not_rsvps(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await suzuki.say(said)
    assert "承りました" not in suzuki.text()
    assert "鈴木" in section(await rsvps(admin), "未回答")


# --- 2. 「次の会議っていつ？」 is answered from the meeting store ------------------------------------
@pytest.mark.parametrize("asked", [
    "次の会議っていつだっけ？", "会議の場所どこ？", "今月の会議何時から？", "次の定例の会場は？", "ミーティングって何日でしたっけ",
])
async def test_a_liaison_asking_about_the_next_meeting_gets_its_facts_and_own_answer(app_factory, clock, asked):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("欠席します。出張のため")
    await suzuki.say(asked)
    reply = suzuki.text()
    assert "2026年12月8日（火）15:00" in reply and "場所: 301会議室" in reply, reply
    assert "あなたの出欠: 欠席「出張」" in reply and "「出席します」" in reply
    await sato.say(asked)
    assert "あなたの出欠: まだ回答していません" in sato.text()
    await admin.say("/dx faq 未回答")
    assert "未回答の質問はありません" in admin.text()


async def test_someone_without_a_meeting_is_told_so_in_one_line(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await suzuki.say("次の会議っていつだっけ？")
    assert suzuki.text() == "あなたが出席する予定の会議は、いま登録されていません。"
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    staff = Person(app, "tanaka", "田中")
    await staff.say("会議の場所どこ？")
    # Eighth round (2026-12-06): staff who are not invited get the real schedule too (never the FAQ's
    # fixed date), without the answer lines that are the liaisons'.
    assert staff.text().startswith("次のDX推進室 室内会議は 2026年12月8日（火）15:00 です。\n場所: 301会議室"), staff.text()
    assert "あなたの出欠" not in staff.text()


@pytest.mark.parametrize("asked", [
    "会議室の予約はどこでできますか？", "長時間のズーム会議を主催したい", "Web会議できる会議室ってどこ",
    "月例会議の資料っていつまでに出せばいい？", "zoom 会議の時間は？",
])
async def test_a_how_to_question_about_meetings_still_reaches_the_desk(app_factory, clock, asked):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say(asked)
    assert "2026年12月8日" not in suzuki.text()


# --- 3. a place change: the spoken verb is not the place; preview, 確定, office hours ------------------
async def test_a_place_change_on_saturday_evening_is_previewed_and_told_on_monday_morning(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    clock.current = tokyo(2026, 12, 5, 18, 30)  # Saturday evening

    await admin.say("/dx 会議 設定 場所は301会議室に変更")
    preview = admin.text()
    assert "まだ保存していません" in preview
    assert "場所 会議室A → 301会議室（「場所変更」をお知らせ）" in preview, preview
    assert "お知らせする相手（3名）: " in preview and all(n in preview for n in ("鈴木", "佐藤", "加藤"))
    assert "2026年12月7日（月）08:30 に送ります" in preview
    assert "に変更" not in preview.replace("「場所変更」", "")
    assert english_words(preview) == []
    assert not await rows_with(app, f"{DEC8}:relocated-")
    await admin.say("/dx 会議 一覧")
    assert "場所: 会議室A" in admin.text()  # nothing stored before 確定

    await admin.say("確定")
    done = admin.text()
    assert "場所: 301会議室\n" in done and "301会議室に変更" not in done, done
    assert "（業務時間外のため、お知らせは 2026年12月7日（月）08:30 に送ります）" in done
    assert not await rows_with(app, f"{DEC8}:relocated-")  # nothing sent on Saturday evening
    job = f"{DEC8}:notice"  # one waiting notice per date (sixth round)
    assert app.services.scheduler.next_run(job) == tokyo(2026, 12, 7, 8, 30)

    clock.current = tokyo(2026, 12, 7, 8, 30)
    args = app.services.scheduler.job_args(job)
    await send_notice(app.services, *args[1:])
    rows = await rows_with(app, f"{DEC8}:relocated-")
    assert len(rows) == 3
    assert "301会議室" in str(rows[0].payload) and "に変更" not in str(rows[0].payload).replace("場所変更", "")


async def test_a_previewed_change_can_be_dropped(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 M-1 場所は第5会議室へ変更でお願いします")
    assert "場所 会議室A → 第5会議室" in admin.text() and "すぐに送ります" in admin.text()
    await admin.say("やめる")
    assert "変更をやめました" in admin.text()
    await admin.say("/dx 会議 一覧")
    assert "場所: 会議室A" in admin.text()
    assert not await rows_with(app, f"{DEC8}:relocated-")


async def test_a_time_change_in_office_hours_is_sent_after_confirming(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A")
    await suzuki.say("出席します")
    await admin.say("/dx 会議 設定 M-1 毎月第2火曜 14:00")
    preview = admin.text()
    assert "日時 2026年12月8日（火）15:00 → 2026年12月8日（火）14:00（「日時変更」をお知らせ）" in preview, preview
    assert not await rows_with(app, f"{DEC8}:rescheduled-")
    await admin.say("確定")
    assert len(await rows_with(app, f"{DEC8}:rescheduled-")) == 3


async def test_a_place_for_a_meeting_nobody_heard_of_is_stored_at_once_without_the_verb(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00")
    await admin.say("/dx 会議 設定 M-1 場所は会議室Bに変えて")
    assert "  場所: 会議室B\n" in admin.text() and "確定" not in admin.text()


# --- 4. the attendance export ---------------------------------------------------------------------
async def test_the_attendance_is_exported_as_csv_and_xlsx_and_listed_in_help(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, kato) = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    await suzuki.say("やっぱり出れそうです、遅れていきます")
    await sato.say("欠席します。出張のため")
    await kato.say("当日は係長の山本がかわりに行きます")

    await admin.say("/dx 書き出し 出欠 csv")
    reply = admin.replies[-1]
    assert "指定できません" not in admin.text()
    (file,) = reply.attachments
    assert file.filename == "meeting_attendance_all.csv" and file.mime_type == "text/csv"
    lines = file.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "会議日時,会議,氏名,部署,出欠,代理出席者,理由・メモ,回答日時（日本時間）"
    body = "\n".join(lines[1:])
    assert len(lines) == 4
    assert "2026-12-08 15:00" in lines[1]
    assert "鈴木,企画課,出席,,遅刻" in body and "佐藤,税務課,欠席,,出張" in body
    assert "加藤,福祉課,代理出席,山本,係長" in body

    await admin.say("/dx 書き出し 出欠 xlsx 2026-12")
    (file,) = admin.replies[-1].attachments
    assert file.filename == "meeting_attendance_2026-12.xlsx"
    sheet = load_workbook(io.BytesIO(file.content)).active
    assert sheet.title == "会議の出欠" and sheet["A2"].is_date and sheet.max_row == 4

    await admin.say("/dx 書き出し")
    assert "/dx 書き出し 出欠 [csv|xlsx]" in admin.text()
    await admin.say("/dx ヘルプ 集計")
    assert "書き出し 出欠" in admin.text(), admin.text()


# --- 5. one wording for sending now ---------------------------------------------------------------
async def test_help_previews_and_errors_name_the_same_send_now_command_and_explain_force(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | リマインド: 10営業日前 9:00, 当日 8:30")
    await admin.say("/dx ヘルプ 会議")
    help_text = admin.text()
    assert "/dx 会議 今すぐ送信" in help_text and "会議 送信 " not in help_text, help_text
    line = next(x for x in help_text.splitlines() if "今すぐ送信" in x)
    assert "強制" in line  # what 強制 does is said where the command is
    await admin.say("/dx 会議 プレビュー")
    preview = admin.text()
    hint = next(x for x in preview.splitlines() if "のお知らせは送信されません" in x)
    assert "「/dx 会議 今すぐ送信 M-1」" in hint and "「強制」" in hint, preview

    clock.current = tokyo(2026, 12, 5, 18, 30)  # Saturday evening
    await admin.say("/dx 会議 送信")  # the short word works too
    deferred = admin.text()
    assert "2026年12月7日（月）08:30 に送信するよう予約しました" in deferred
    line = next(x for x in deferred.splitlines() if "強制" in x) if "\n" in deferred else deferred
    assert "「/dx 会議 今すぐ送信 M-1 強制」" in line and "業務時間外でも今すぐ送る場合は「強制」を添えて" in line
    await admin.say("/dx 会議 今すぐ送信 M-1 強制")
    assert "3名に送信" in admin.text()
