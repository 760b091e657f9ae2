"""FAQ retrieval, eighth round (2026-12-06): a staff member's own password comes before a
citizen's, and words typed in hiragana inside a question (「会議室よやくしたい」) are read as the
FAQ writes them. Each test reads as the conversation and fails on the code before the fix."""

from __future__ import annotations

import pytest

from tests.support.dialogue import Person, office_and_staff

STAFF_PASSWORD = "庁内システムのパスワードを忘れた"  # FAQ-096, the staff member's own password
CITIZEN_PASSWORD = "市民からマイページのパスワードを忘れたと連絡があった"  # FAQ-018


async def staff(app) -> Person:
    """山田 of the staff (with the office's admin created first)."""
    return (await office_and_staff(app))[1]


# --- 1. the staff member's own password first --------------------------------------------------
@pytest.mark.parametrize("question", [
    "パスワード忘れちゃったんですけど",
    "パスワード忘れました",
    "パスワードわすれた…",
])
async def test_a_forgotten_password_offers_the_staff_entry_before_the_citizens_one(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert STAFF_PASSWORD in said, said
    # Both are offered (the question does not say whose password), the staff's own first.
    assert CITIZEN_PASSWORD not in said or said.index(STAFF_PASSWORD) < said.index(CITIZEN_PASSWORD), said


@pytest.mark.parametrize("question", [
    "市民からパスワード忘れたって電話が来ました",
    "マイページのパスワードを忘れた人への案内",
    "しみんのパスワードわすれたときの対応",
])
async def test_a_password_question_that_names_the_citizens_keeps_their_entry_first(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert CITIZEN_PASSWORD in said or "ログイン画面の「パスワードを忘れた方」" in said, said
    if STAFF_PASSWORD in said and CITIZEN_PASSWORD in said:
        assert said.index(CITIZEN_PASSWORD) < said.index(STAFF_PASSWORD), said


# --- 2. 会議室の予約: the sample FAQ has the entry (FAQ-107), so it is answered ---------------
@pytest.mark.parametrize("question", [
    "会議室よやくしたい",
    "会議室をよやくしたいんですが",
    "かいぎしつよやくしたい",
    "会議室よやく",
])
async def test_booking_a_meeting_room_typed_in_kana_is_answered(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert "「施設予約」から予約します" in said, said  # FAQ-107's answer, outright
    assert "どれでもない" not in said, said  # not a list of candidates


# --- 3. casual staff questions with words typed in hiragana ------------------------------------
async def test_where_to_apply_for_telework_typed_in_kana_is_answered(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("てれわーくの申請どこ")
    said = 山田.text()
    assert "「テレワーク利用申請」" in said, said  # FAQ-028's answer names the application


async def test_vlookup_in_excel_typed_in_kana_is_answered_with_the_how_to(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("えくせるでvlookupつかいたい")
    said = 山田.text()
    assert "どれでもない" not in said, said
    assert "VLOOKUP" in said and "XLOOKUPとの違い" not in said, said
