"""Admin in plain words and reminders (ninth round of fixes, 2026-12-06): a status question runs the
campaign's status list, a bare 「強制」 sends the invitations waiting for office hours, a FAQ draft is
reworded or discarded in words (confirmed), a past deadline is refused, and 「催促」 says when nobody
is left to remind. Each test fails on the code before the fix."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.adapters.console.chat import ConsoleNotifier
from bot.core.model import Role
from tests.conftest import FakeClock
from tests.support.assessment import admin_of, staff, start_assessment
from tests.support.checkins import member

JST = timedelta(hours=9)


def tokyo(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - JST


# Saturday 21:00 in Tokyo, far enough ahead of the real clock that the outbox keeps the rows waiting.
NIGHT = tokyo(2098, 12, 5, 21)


async def _at_night(app_factory):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=FakeClock(NIGHT))
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    return app


# --- 1. a status question in plain words runs the campaign's status list ----------------------------
@pytest.mark.parametrize("said", ["報告の状況は？", "進捗報告のじょうきょう教えて", "報告どうなってる？", "ほうこく集まってる？"])
async def test_a_check_in_status_question_in_words_shows_the_status_list(app_factory, said):
    app = await _at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    await boss.say(said)
    text = boss.text()
    assert text.startswith("「/dx 報告 未提出」の結果です"), text
    assert "候補" not in text and "見つかりました" not in text, text
    assert "市民課" in text, text


@pytest.mark.parametrize("said", ["診断どうなってる？", "しんだんの状況は", "診断の進み具合"])
async def test_an_assessment_status_question_in_words_shows_the_status_list(app_factory, said):
    app = await _at_night(app_factory)
    admin = await admin_of(app)
    for i in range(2):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.say(said)
    text = admin.text()
    assert text.startswith("「/dx 診断 状況」の結果です"), text
    assert "回答完了 0/2名" in text, text


async def test_the_assessment_results_in_words_are_still_the_summary(app_factory):
    app = await _at_night(app_factory)
    admin = await admin_of(app)
    await staff(app, "s0", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.say("診断の結果どうなってる？")
    assert admin.text().startswith("「/dx 要約 診断」の結果です"), admin.text()


# --- 2. a bare force word sends what waits for office hours -----------------------------------------
@pytest.mark.parametrize("said", ["強制", "いますぐ送って", "今すぐ送信で", "強制でお願いします"])
async def test_a_bare_force_word_sends_the_waiting_check_in_invitations_now(app_factory, said):
    app = await _at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    assert "今すぐ送るときは「/dx 報告 開始 強制」" in boss.text(), boss.text()
    await boss.say(said)
    assert "進捗報告の依頼1件を今すぐ送ります" in boss.text(), boss.text()
    assert "DX Desk はお仕事" not in boss.text(), boss.text()
    assert await app.services.outbox.waiting_all() == {}
    entries = [e for e in await app.services.audit.list(20) if e.action == "checkin start"]
    assert len(entries) == 2, entries  # the start, then the same command with 「強制」


async def test_with_two_jobs_waiting_a_bare_force_word_is_confirmed_first(app_factory):
    app = await _at_night(app_factory)
    admin = await admin_of(app)
    await staff(app, "s0", "税務課")
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("報告 開始 締切 12/18")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.say("強制")
    text = admin.text()
    assert "進捗報告の依頼、スキル診断の案内" in text and "よろしいですか？" in text, text
    assert len(await app.services.outbox.waiting_all()) == 2  # nothing sent yet
    await admin.say("やっぱりやめる")
    assert "今すぐには送りませんでした" in admin.text(), admin.text()
    assert len(await app.services.outbox.waiting_all()) == 2
    await admin.say("いますぐ送って")
    await admin.press("はい")
    assert await app.services.outbox.waiting_all() == {}, admin.text()


async def test_a_bare_force_word_from_staff_is_not_a_command(app_factory):
    app = await _at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    tanaka = await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    await tanaka.say("強制")
    assert len(await app.services.outbox.waiting_all()) == 1, tanaka.text()
