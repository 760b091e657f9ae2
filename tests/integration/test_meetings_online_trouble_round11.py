"""Meeting RSVPs, eleventh round (2026-12-06): 「zoomで参加できません」 from an invitee was recorded as
欠席 with the reason 「zoom」. Not being able to join online (zoom／Teams／Web会議／オンライン with
つながらない／参加できない／入れない) is a connection problem, not an absence: the bot says it cannot
fix the connection, gives the meeting's place and online link, asks in one line whether to record
欠席 (はい／いいえ) and hands the problem to the FAQ desk / office like any help request. An explicit
欠席 (「出張でzoomも無理、欠席します」) stays 欠席; 「zoomで参加します」 stays 出席."""

from __future__ import annotations

import pytest

from handlers.meetings.planning import store
from tests.conftest import FakeClock
from tests.support.dialogue import Person, surface
from tests.support.meetings import message_for, office, tokyo

DONE_ABSENT = "2026年12月8日（火）15:00 のDX推進室 室内会議に「欠席"
DONE_ATTEND = "2026年12月8日（火）15:00 のDX推進室 室内会議に「出席"
CANNOT_FIX = "接続の不具合はこちらでは直せません"
ASK_ABSENT = "欠席として記録しますか"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


async def meeting_set(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室 | リンク: https://zoom.example/j/123")
    return app, admin, liaisons


async def rsvps(admin) -> str:
    await admin.say("/dx 会議 出欠")
    return admin.text()


@pytest.mark.parametrize("said", [
    "zoomで参加できません",
    "Teamsにつながらなくて参加できない",
    "ズームに入れないです",
    "オンラインで参加できないんですが",
    "web会議がつながらない",
    "すみません、チームズの会議に入れません",
    "リンクが開かないので参加できません",
])
async def test_not_being_able_to_join_online_is_a_connection_problem_not_an_absence(app_factory, clock, said):
    app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    reply = suzuki.text()
    assert not reply.startswith(DONE_ABSENT), reply
    assert CANNOT_FIX in reply and ASK_ABSENT in reply, reply
    assert "301会議室" in reply and "https://zoom.example/j/123" in reply, reply
    assert [c.label for c in suzuki.replies[-1].choices][:2] == ["はい", "いいえ"], reply
    assert "鈴木（企画課）" not in (await rsvps(admin)).split("未回答")[0], admin.text()
    # The connection problem went to the office like any other help request (an admin answers Q-n).
    [question] = await app.faq.list_unanswered()
    assert question.text == said and question.status.value == "forwarded", question
    notice = await message_for(app, "meeting.online:", "local")
    assert f"Q-{question.id}" in notice.title and said in notice.text and "鈴木" in notice.text, notice


async def test_yes_records_the_absence_with_the_connection_as_its_reason(app_factory, clock):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("zoomで参加できません")
    await suzuki.press("はい")
    assert suzuki.text().startswith(DONE_ABSENT), suzuki.text()
    assert "鈴木（企画課）「オンライン接続の不具合」" in await rsvps(admin), admin.text()


async def test_typed_no_keeps_the_answer_open(app_factory, clock):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("Teamsにつながらなくて参加できない")
    await suzuki.say("いいえ")
    assert "記録していません" in suzuki.text(), suzuki.text()
    assert "鈴木（企画課）" not in (await rsvps(admin)).split("未回答")[0], admin.text()


async def test_an_explicit_absence_with_zoom_in_it_stays_an_absence(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("出張でzoomも無理、欠席します")
    assert suzuki.text().startswith(DONE_ABSENT), suzuki.text()
    assert CANNOT_FIX not in suzuki.text(), suzuki.text()


@pytest.mark.parametrize("said", ["zoomで参加します", "オンラインで出席します"])
async def test_joining_online_stays_attend(app_factory, clock, said):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE_ATTEND), suzuki.text()


async def test_in_teams_the_connection_problem_is_asked_about_and_yes_records_the_absence(app_factory) -> None:
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    async with surface("teams", app_factory, clock) as me:
        app = me.app
        admin = Person(app, "local", "室長")
        await admin.say("こんにちは")
        await me.say("こんにちは")
        await admin.command(f"users set-role {me.actor.aad_object_id} 兼務職員 企画課")
        await admin.command("meeting set 毎月第4火曜 15:00 | 場所: 301会議室 | リンク: https://teams.example/meet")
        said = await me.say("Teamsにつながらなくて参加できない")
        assert CANNOT_FIX in said and ASK_ABSENT in said and "https://teams.example/meet" in said, said
        assert "「欠席（オンライン接続の不具合）」で承りました" in await me.press("はい")
        [answer] = await store(app.services).list_rsvps(int(app.services.scheduler.job_args(
            "meeting:1:2027-02-23:3bd0900")[1]))
        assert answer.answer.value == "absent"
