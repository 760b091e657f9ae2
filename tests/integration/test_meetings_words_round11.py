"""Meetings in plain words, eleventh round (2026-12-06, a walk-through on the console: the admin and two
liaisons, a monthly meeting set, casual typo'd Japanese). Attending online or at the venue said in
words (「オンラインで出席します」「teamsで参加でもいい?」「やっぱ会場いきます」) is an answer (出席, the mode
kept as its note), as is a change of mind (「やっぱり出れることになった」); an admin sets a meeting up in
words with its name and an online place (「まいつき最終金曜の午後2時に定例いれて」「毎月第3木曜10時半から
勉強会、teamsで」), and the last-weekday rule reads 「毎月最終金曜」; 「会議の場所、大会議室に変更」 is a
change confirmed once, like 「会議の時間を16時にかえて」; one date is skipped in words (「1月の会議はやすみに
する」「次回の会議は休会で」), and 「かいぎの一覧みせて」 shows the list. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from handlers.meetings import planning
from tests.conftest import FakeClock
from tests.support.dialogue import surface
from tests.support.meetings import message_for, office, tokyo

DONE_ATTEND = "2026年12月8日（火）15:00 のDX推進室 室内会議に「出席"
NOT_FOUND = "FAQに見つかりませんでした"
CONFIRM = "よろしいですか"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


async def meeting_set(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return app, admin, liaisons


# --- 1. attending online or at the venue, and changing one's mind -----------------------------------
@pytest.mark.parametrize("said, note", [
    ("かいぎ、オンラインでさんかします", "オンライン"),
    ("オンラインで出席します", "オンライン"),
    ("teamsで参加でもいい?", "オンライン"),
    ("オンラインで", "オンライン"),
    ("会議はオンライン参加で", "オンライン"),
    ("リモートで出ます", "オンライン"),  # the office's word since the twelfth round (was 「リモート」)
    ("会場でしゅっせきします", "会場"),
    ("現地で参加します", "現地"),  # (read before this round too)
])
async def test_attending_online_or_at_the_venue_is_an_answer_with_its_mode(app_factory, clock, said, note):
    app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE_ATTEND), suzuki.text()
    assert NOT_FOUND not in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert f"鈴木（企画課）「{note}」" in admin.text(), admin.text()
    assert await app.faq.list_unanswered() == []


@pytest.mark.parametrize("said, note", [
    ("やっぱ会場でしゅっせきします", "会場"),
    ("やっぱ会場いきます", "会場"),
    ("やっぱりオンラインで参加します", "オンライン"),
    ("やっぱり出れることになった", ""),
    ("やっぱり行けるようになりました", ""),
])
async def test_an_earlier_absence_is_changed_to_attending(app_factory, clock, said, note):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("欠席します、出張なので")
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE_ATTEND), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "出席 1" in admin.text() or "出席: 1" in admin.text() or "鈴木（企画課）" in admin.text(), admin.text()
    if note:
        assert f"鈴木（企画課）「{note}」" in admin.text(), admin.text()
    assert "出張" not in admin.text(), admin.text()


async def test_a_connection_problem_or_a_question_is_not_an_answer(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("オンラインで参加できますか？")
    assert "承りました" not in suzuki.text(), suzuki.text()
    await suzuki.say("会場はどこ？")
    assert "承りました" not in suzuki.text(), suzuki.text()


async def test_someone_not_invited_saying_online_is_not_answered_as_a_meeting(app_factory, clock):
    app = await app_factory(clock=clock)
    _admin, (suzuki, *_rest) = await office(app)  # no meeting set
    await suzuki.say("オンラインで出席します")
    assert "承りました" not in suzuki.text(), suzuki.text()


# --- 2. the admin sets a meeting up in words ----------------------------------------------------------
@pytest.mark.parametrize("said, summary, command", [
    ("まいつき最終金曜の午後2時に定例いれて", "定例・毎月最終金曜 14:00から",
     "/dx 会議 設定 毎月最終金曜 14:00 | 名称: 定例"),
    ("毎月さいしゅう金曜の14時に定例会いれといて", "定例会・毎月最終金曜 14:00から",
     "/dx 会議 設定 毎月最終金曜 14:00 | 名称: 定例会"),
    ("毎月第3木曜10時半から勉強会、teamsで", "勉強会・毎月第3木曜 10:30から・場所: Teams",
     "/dx 会議 設定 毎月第3木曜 10:30 場所はTeams | 名称: 勉強会"),
    ("毎月第1月曜の9時から課長会議をzoomでやりたい", "課長会議・毎月第1月曜 09:00から・場所: Zoom",
     "/dx 会議 設定 毎月第1月曜 09:00 場所はZoom | 名称: 課長会議"),
])
async def test_an_admin_sets_a_meeting_up_in_words_with_its_name_and_online_place(
        app_factory, clock, said, summary, command):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say(said)
    assert summary in admin.text() and f"（コマンド: {command}" in admin.text(), admin.text()
    assert "毎月第最終" not in admin.text(), admin.text()
    await admin.say("はい")
    await admin.say("/dx 会議 一覧")
    assert summary.split("・")[0] in admin.text() and summary.split("・")[1].removesuffix("から") in admin.text(), \
        admin.text()


# --- 3. changes in words -----------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["会議の場所、大会議室に変更", "会議の場所を大会議室にして", "会場は大会議室に変更で"])
async def test_a_place_change_in_words_is_confirmed_once_and_applied(app_factory, clock, said):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say(said)
    assert CONFIRM in admin.text() and "大会議室" in admin.text(), admin.text()
    await admin.say("はい")
    assert CONFIRM not in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "大会議室" in admin.text(), admin.text()


@pytest.mark.parametrize("said", ["会議の時間を16時にかえて", "会議、16時からに変更"])
async def test_a_time_change_in_words_needs_one_confirmation(app_factory, clock, said):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("出席します")  # an answered date: the change preview says who is told
    await admin.say(said)
    assert CONFIRM in admin.text() and "16:00" in admin.text(), admin.text()
    assert "お知らせする相手（3名）" in admin.text(), admin.text()  # who is told, shown in this one question
    await admin.say("はい")
    assert "確定" not in admin.text() and CONFIRM not in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "毎月第2火曜 16:00" in admin.text(), admin.text()


@pytest.mark.parametrize("said, day", [
    ("1月の会議はやすみにする", "2027年1月12日（火）"),
    ("次回の会議は休会で", "2026年12月8日（火）"),
    ("来月の会議は中止にして", "2027年1月12日（火）"),
    ("12月の定例はおやすみで", "2026年12月8日（火）"),
])
async def test_one_date_is_skipped_in_words_and_the_liaisons_are_told(app_factory, clock, said, day):
    app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("出席します")  # the date is announced: the invitees are told it is off
    await admin.say(said)
    assert CONFIRM in admin.text() and day in admin.text(), admin.text()
    assert NOT_FOUND not in admin.text(), admin.text()
    await admin.say("はい")
    assert "開催しません" in admin.text(), admin.text()
    if day.startswith("2026年12月8日"):  # the answered date: the invitees are told it is off
        assert "3名に中止を" in admin.text(), admin.text()
        notice = await message_for(app, "meeting:1:2026-12-08:cancelled:", "kato")  # through the outbox
        assert "開催中止" in notice.title and "2026年12月8日（火）15:00" in notice.text, notice
        assert not [j for j in app.services.scheduler.job_ids("meeting:1:") if j.startswith("meeting:1:2026-12-08")]
    await admin.say("/dx 会議 一覧")
    assert day not in admin.text(), admin.text()
    assert "毎月第2火曜 15:00" in admin.text(), admin.text()  # the meeting itself goes on


@pytest.mark.parametrize("said", ["かいぎの一覧みせて", "会議ぜんぶ見せて", "会議の一覧", "登録されてる会議を見せて"])
async def test_the_meetings_list_said_in_words(app_factory, clock, said):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await admin.say("/dx 会議 一覧")
    listed = admin.text()
    await admin.say(said)
    assert admin.text() == listed, admin.text()
    await suzuki.say(said)
    assert "M-1" in suzuki.text() and NOT_FOUND not in suzuki.text(), suzuki.text()


async def test_attending_online_in_words_through_slack(app_factory):
    """The same reading on Slack (through the fake Slack server): the reply to the invitation
    「オンラインで」 and 「teamsで参加でもいい?」 are 出席 with the note オンライン."""
    clock = FakeClock(tokyo(2027, 2, 1, 9, 0))
    async with surface("slack", app_factory, clock, admins="slack:U0ADMIN") as me:
        admin = await me.someone("U0ADMIN", "室長", "admin@city.example.jp")
        liaison = await me.someone("U0LIAISON", "鈴木 花子", "suzuki@city.example.jp")
        other = await me.someone("U0OTHER", "佐藤 一郎", "sato@city.example.jp")
        for person in (liaison, other):
            assert await person.say("こんにちは")
            await admin.command(f"users set-role {person.actor.user_id} 兼務職員 企画課")
        await admin.command("meeting set 毎月第4火曜 15:00 | 場所: 本庁舎3階")
        typed = await liaison.say("オンラインで")
        assert "承りました" in typed and "「出席（オンライン）」" in typed, typed
        typed = await other.say("teamsで参加でもいい?")
        assert "承りました" in typed and "「出席（オンライン）」" in typed, typed
        occ = (await planning.next_occurrence(me.app.services))[1]
        notes = sorted((r.answer.value, r.comment) for r in await planning.store(me.app.services).list_rsvps(occ.id))
        assert notes == [("attend", "オンライン"), ("attend", "オンライン")], notes
