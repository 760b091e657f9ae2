"""Meeting RSVPs, ninth round (2026-12-06, walk-through on the console with a meeting M-1 set and its
next date next week): an answer anywhere in the sentence with a reason or a note around it
(「定例会は出れそうにないです、窓口がいそがしくて」「やっぱ出張はいったんで欠席にしといて」「来週火曜の会議、
でます！すこしおくれるかも」) is an answer, never an FAQ question; a reason sent right after 「欠席します」
is added to it; 「定例会の案内っていつ送られるの？」 says when the invitation goes out, and the admin (not
invited) is not told 「あなたの出欠: まだ回答していません」. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import office, tokyo

DONE_ABSENT = "2026年12月8日（火）15:00 のDX推進室 室内会議に「欠席"
DONE_ATTEND = "2026年12月8日（火）15:00 のDX推進室 室内会議に「出席"
NOT_FOUND = "FAQに見つかりませんでした"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


async def meeting_set(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return app, admin, liaisons


# --- 1. the answer anywhere in the sentence, the rest its reason -------------------------------------
@pytest.mark.parametrize("said, reason", [
    ("定例会は出れそうにないです、窓口がいそがしくて", "窓口がいそがしくて"),
    ("すみません出れません、窓口当番なので", "窓口当番"),
    ("やっぱ出張はいったんで欠席にしといて", "出張はいった"),
    ("出張はいったので欠席にしておいてください", "出張はいった"),
    ("でれないです、研修とかぶってるので", "研修とかぶってる"),
    ("ていれいかいは でられそうにありません。窓口当番で", "窓口当番"),
    ("窓口当番なので今回は行けません、すみません", "窓口当番"),
    ("欠席で！出張なんで", "出張"),
    ("出られないです、研修なので", "研修"),
])
async def test_an_absence_with_its_reason_around_it_is_recorded_with_the_reason(app_factory, clock, said, reason):
    app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE_ABSENT), suzuki.text()
    assert NOT_FOUND not in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert f"鈴木（企画課）「{reason}」" in admin.text(), admin.text()
    assert await app.faq.list_unanswered() == []


@pytest.mark.parametrize("said, note", [
    ("来週火曜の会議、でます！すこしおくれるかも", "遅刻"),
    ("１５分くらいおくれますが、参加します", "遅刻（15分くらい）"),
    ("会議には出れます、ちょっと遅れますが", "遅刻"),
])
async def test_attending_with_lateness_said_after_it_is_attend_with_a_late_note(app_factory, clock, said, note):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE_ATTEND), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert f"鈴木（企画課）「{note}」" in admin.text(), admin.text()


async def test_a_question_about_the_meeting_stays_a_question(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("会議って何時から？")
    assert "2026年12月8日（火）15:00" in suzuki.text() and "承りました" not in suzuki.text(), suzuki.text()
    await suzuki.say("出れないときはどうすればいい？")
    assert "承りました" not in suzuki.text(), suzuki.text()


async def test_staff_not_invited_are_not_logged_as_asking_a_question(app_factory, clock):
    app, _admin, _liaisons = await meeting_set(app_factory, clock)
    staff = Person(app, "yamada", "山田")
    await staff.say("こんにちは")
    await staff.say("すみません出れません、窓口当番なので")
    assert NOT_FOUND not in staff.text() and "承りました" not in staff.text(), staff.text()
    assert await app.faq.list_unanswered() == []


# --- 2. the reason sent as the next message -----------------------------------------------------------
async def test_a_reason_sent_right_after_the_absence_is_added_to_it(app_factory, clock):
    app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("欠席します")
    assert suzuki.text().startswith(DONE_ABSENT), suzuki.text()
    clock.advance(minutes=2)
    await suzuki.say("窓口当番なので")
    assert "欠席の理由に「窓口当番」を添えました。" in suzuki.text(), suzuki.text()
    assert NOT_FOUND not in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "鈴木（企画課）「窓口当番」" in admin.text(), admin.text()
    assert await app.faq.list_unanswered() == []


async def test_a_question_after_the_absence_is_not_taken_as_its_reason(app_factory, clock):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("欠席します")
    await suzuki.say("研修の申し込み方法")
    assert "欠席の理由に" not in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "研修の申し込み方法" not in admin.text(), admin.text()


async def test_a_reason_long_after_the_absence_is_not_added(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("欠席します")
    clock.advance(minutes=30)
    await suzuki.say("窓口当番なので")
    assert "欠席の理由に" not in suzuki.text(), suzuki.text()


# --- 3. when the invitation goes out; the admin is not asked for an answer ----------------------------
async def test_asking_when_the_invitation_goes_out_says_it_in_jst(app_factory, clock):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("定例会の案内っていつ送られるの？")
    said = suzuki.text()
    assert "次のDX推進室 室内会議は 2026年12月8日（火）15:00 です。" in said, said
    assert "案内（リマインダー）は 2026年12月3日（木）09:00、2026年12月8日（火）08:30 に送られます。" in said, said
    await admin.say("定例会の案内っていつ送られるの？")
    said = admin.text()
    assert "案内（リマインダー）は 2026年12月3日（木）09:00" in said, said
    assert "まだ回答していません" not in said, said
    assert "/dx 会議 出欠 M-1" in said, said


async def test_a_problem_joining_online_stays_a_question_for_the_desk(app_factory, clock):
    app, _admin, _liaisons = await meeting_set(app_factory, clock)
    staff = Person(app, "yamada", "山田")
    await staff.say("こんにちは")
    await staff.say("すみません出れません、窓口当番なので")
    not_a_question = staff.text()
    await staff.say("会議ですがｚｏｏｍで出れません、リンクが開かないので")
    assert staff.text() != not_a_question and "承りました" not in staff.text(), staff.text()
