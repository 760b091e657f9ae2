"""Meeting leftovers, thirteenth round (2026-12-06).

1. 「出張が入ったので欠席します」 was recorded as 欠席「出張が入ったの」 (a parser took 「で」 of 「ので」 as the
   joint), 「体調不良なんで休みます」 as 「体調不良なん」, and 「研修があって欠席します」 went to the FAQ desk.
   The reason of an absence is now kept without its conjunctive ending, whichever reading found it.
2. 「直す」 at the confirmation of one date skipped in words showed the command to type. It now asks
   which date in one line, and the date said (「2月」「2/9」「次回」) is shown again for one 「はい」.
3. 「オンラインで」 from the admin. Decided: inside an admin's dialog about the meeting (a setup, a change,
   its 「直す」, and now 「会議の場所を変えたい」, which read 「変えたい」 as the place and now asks where) it
   belongs to that dialog; from an admin who is an invitee (answered or sent an item for the next date)
   it is their online RSVP; from an admin sent no invitation it is not recorded: one line asks which
   was meant, with both sentences to send.
"""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.support.meetings import office, tokyo

DONE = "2026年12月8日（火）15:00 のDX推進室 室内会議に「欠席（{reason}）」で承りました"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


async def meeting_set(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return app, admin, liaisons


@pytest.mark.parametrize(("said", "reason"), [
    ("出張が入ったので欠席します", "出張が入った"),
    ("子どもが熱を出したので休みます", "子どもが熱を出した"),
    ("パソコンが壊れたので欠席します", "パソコンが壊れた"),
    ("出張が入ったから欠席します", "出張が入った"),
    ("体調不良なんで休みます", "体調不良"),
    ("研修があって欠席します", "研修"),
    ("研修があるので出れません", "研修"),
    ("急用のため欠席します", "急用"),
    ("すみません、出張が入ったので会議は欠席します", "出張"),
])
async def test_the_reason_of_an_absence_is_kept_without_its_joint(app_factory, clock, said, reason):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE.format(reason=reason)), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert f"鈴木（企画課）「{reason}」" in admin.text(), admin.text()


async def test_a_reason_sent_after_the_absence_is_kept_without_its_joint(app_factory, clock):
    _app, admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("欠席します")
    await suzuki.say("子どもが熱を出したので")
    assert "「子どもが熱を出した」" in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "鈴木（企画課）「子どもが熱を出した」" in admin.text(), admin.text()


@pytest.mark.parametrize("fix", ["直す", "修正", "変えたい", "日付を直したい"])
async def test_fix_at_a_skip_asks_which_date_and_shows_it_again(app_factory, clock, fix):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("次回の会議は休会で")
    assert "2026年12月8日（火）15:00" in admin.text() and "よろしいですか" in admin.text(), admin.text()
    await admin.say(fix)
    assert admin.text() == "どの日を休会にしますか？（例: 「2月」「2/9」「次回」）", admin.text()
    await admin.say("1月")
    assert "2027年1月12日（火）15:00" in admin.text() and "よろしいですか" in admin.text(), admin.text()
    assert "/dx 会議 中止 M-1 1/12" in admin.text(), admin.text()
    await admin.say("はい")
    assert "開催しません" in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "2027年1月12日（火）" not in admin.text() and "2026年12月8日（火）" in admin.text(), admin.text()


async def test_fix_pressed_at_a_skip_then_the_date_said_in_a_sentence(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("12月の定例はおやすみで")
    await admin.press("直す")
    assert "どの日を休会にしますか" in admin.text(), admin.text()
    await admin.say("いや、来月のほうで")
    assert "2027年1月12日（火）15:00" in admin.text() and "よろしいですか" in admin.text(), admin.text()


async def test_a_date_said_at_the_skip_confirmation_without_fix_is_shown_again(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("次回の会議は休会で")
    await admin.say("1/12のほう")
    assert "2027年1月12日（火）15:00" in admin.text() and "よろしいですか" in admin.text(), admin.text()
    await admin.say("やめる")
    await admin.say("/dx 会議 一覧")
    assert "2027年1月12日（火）" in admin.text(), admin.text()  # nothing was called off


async def test_a_date_with_no_meeting_after_fix_says_so_in_one_line(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("次回の会議は休会で")
    await admin.say("直す")
    await admin.say("1/13")
    assert admin.text() == "1/13に開く会議（M-1）は予定にありません。「/dx 会議 一覧」で日程を確認できます。", admin.text()


async def rsvps(admin) -> str:
    await admin.say("/dx 会議 出欠")
    return admin.text().split("未回答")[0]


async def test_online_after_the_admin_asks_to_change_the_place_is_the_new_place(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("出席します")  # the admin is an invitee of the next date
    await admin.say("会議の場所を変えたい")
    assert admin.text() == "場所はどこに変えますか？（いまは「301会議室」。例: 「第2会議室」「オンラインで」）", admin.text()
    await admin.say("オンラインで")
    assert "場所 301会議室 → オンライン" in admin.text() and "よろしいですか" in admin.text(), admin.text()
    await admin.say("はい")
    await admin.say("/dx 会議 一覧")
    assert "オンライン" in admin.text(), admin.text()
    assert "・室長" in await rsvps(admin) and "出席（オンライン）" not in await rsvps(admin)


async def test_online_at_a_change_confirmation_belongs_to_it(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("出席します")
    await admin.say("会議の場所を大会議室にして")
    await admin.say("直す")
    await admin.say("オンラインで")
    assert "場所 301会議室 → オンライン" in admin.text(), admin.text()
    assert "承りました" not in admin.text(), admin.text()


async def test_online_from_an_admin_who_answered_is_their_online_answer(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("出席します")
    await admin.say("オンラインで")
    assert "「出席（オンライン）」で承りました" in admin.text(), admin.text()


async def test_online_from_an_admin_sent_no_invitation_asks_which_in_one_line(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("オンラインで")
    assert admin.text() == ("「オンラインで」は、2026年12月8日（火）15:00 の会議への出欠ですか？ 出欠なら「オンラインで出席します」、"
                            "会議の場所なら「会議の場所をオンラインにして」とお送りください。"), admin.text()
    assert "室長" not in await rsvps(admin)
    await admin.say("オンラインで出席します")
    assert "「出席（オンライン）」で承りました" in admin.text(), admin.text()


async def test_a_liaison_saying_online_still_answers(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("オンラインで")
    assert "「出席（オンライン）」で承りました" in suzuki.text(), suzuki.text()
