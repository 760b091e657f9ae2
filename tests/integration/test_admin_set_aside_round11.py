"""Eleventh round (2026-12-06): a plain-words proposal the admin left for another conversation was
forgotten. The bot proposed 「次の内容で設定します: 連絡会議・毎月第2火曜 15:00から…よろしいですか？
[はい][直す][やめる]」, the admin then started a check-in (or asked a question) instead, and the meeting
was never set nor asked about again. Now, when that other conversation ends, the proposal comes back
once in one line (「さきほどの『…』の登録はまだです。続けますか？ [はい][やめる]」) — while it is fresh
(DXDESK_SET_ASIDE_HOURS, 3 hours by default), and never twice. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from tests.support.meetings import office

SETUP = "来月から毎月第2火曜の15時に連絡会議を設定して"
BACK = "さきほどの『連絡会議・毎月第2火曜 15:00から』の登録はまだです。続けますか？"


async def _proposed(app_factory, clock, **settings):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock, **settings)  # Tuesday 1 December 2026, 09:00 in Tokyo
    admin, _liaisons = await office(app)
    await admin.say(SETUP)
    assert "よろしいですか？" in admin.text() and "[直す]" in admin.text(), admin.text()
    return admin


@pytest.mark.parametrize("other", ["チェックインを開始して、締切は12/18", "進捗報告を始めたい。締切は12/18で",
                                   "報告の受付をはじめてください。期限は12月18日"])
async def test_the_setup_comes_back_once_the_check_in_start_is_done(app_factory, clock, other):
    admin = await _proposed(app_factory, clock)
    await admin.say(other)
    assert "よろしいですか？" in admin.text() and "12月18日" in admin.text(), admin.text()
    await admin.say("はい")  # the check-in start's confirmation
    said = admin.text()
    assert "開始しました" in said or "送りました" in said or "お願い" in said, said
    assert BACK in said, said
    assert said.endswith("[はい]\n[やめる]"), said
    await admin.say("はい")
    await admin.say("/dx 会議 一覧")
    assert "毎月第2火曜 15:00" in admin.text(), admin.text()


@pytest.mark.parametrize("typed", [False, True])
async def test_the_setup_comes_back_after_a_question_and_its_answer(app_factory, clock, typed):
    admin = await _proposed(app_factory, clock)
    await admin.say("VLOOKUPの使い方を教えて")
    assert "VLOOKUP" in admin.text() and "解決しましたか" in admin.text(), admin.text()
    if typed:
        await admin.say("解決しました、ありがとう")
    else:
        await admin.press("はい")  # 解決しましたか？ [はい][いいえ]
    assert BACK in admin.text(), admin.text()
    await admin.press("はい")
    await admin.say("/dx 会議 一覧")
    assert "毎月第2火曜 15:00" in admin.text(), admin.text()


async def test_dropped_when_brought_back_it_is_not_set_and_not_asked_again(app_factory, clock):
    admin = await _proposed(app_factory, clock)
    await admin.say("チェックインを開始して、締切は12/18")
    await admin.press("はい")
    assert BACK in admin.text(), admin.text()
    await admin.say("やめる")
    assert "設定しませんでした" in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "登録されている会議はありません" in admin.text(), admin.text()


async def test_brought_back_once_never_twice(app_factory, clock):
    admin = await _proposed(app_factory, clock)
    await admin.say("チェックインを開始して、締切は12/18")
    await admin.say("はい")
    assert BACK in admin.text(), admin.text()
    await admin.say("スキル診断を全員にやってもらいたい。締切は12/25")  # left again, for another proposal
    assert "よろしいですか？" in admin.text(), admin.text()
    await admin.say("やめる")
    assert "さきほど" not in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    assert "登録されている会議はありません" in admin.text(), admin.text()


async def test_an_old_proposal_is_not_brought_back(app_factory, clock):
    admin = await _proposed(app_factory, clock, set_aside_hours=2)
    await admin.say("チェックインを開始して、締切は12/18")
    clock.advance(hours=3)
    await admin.say("はい")
    assert "さきほど" not in admin.text(), admin.text()


async def test_a_setup_answered_before_the_other_ends_is_not_brought_back(app_factory, clock):
    admin = await _proposed(app_factory, clock)
    await admin.say("はい")  # set at once: nothing is left
    assert "さきほど" not in admin.text(), admin.text()
    await admin.say("チェックインを開始して、締切は12/18")
    await admin.say("はい")
    assert "さきほど" not in admin.text(), admin.text()
