"""Admin in plain words and reminders (ninth round of fixes, 2026-12-06): a status question runs the
campaign's status list, a bare 「強制」 sends the invitations waiting for office hours, a FAQ draft is
reworded or discarded in words (confirmed), a past deadline is refused, and 「催促」 says when nobody
is left to remind. Each test fails on the code before the fix."""

from __future__ import annotations

import io
import re

import pytest

from bot.adapters.console.chat import ConsoleNotifier
from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.assessment import admin_of, answer_all, staff, start_assessment
from tests.support.campaigns import app_at_night
from tests.support.checkins import member
from tests.support.meetings import tokyo


# --- 1. a status question in plain words runs the campaign's status list ----------------------------
@pytest.mark.parametrize("said", ["報告の状況は？", "進捗報告のじょうきょう教えて", "報告どうなってる？", "ほうこく集まってる？"])
async def test_a_check_in_status_question_in_words_shows_the_status_list(app_factory, said):
    app = await app_at_night(app_factory)
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
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    for i in range(2):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.say(said)
    text = admin.text()
    assert text.startswith("「/dx 診断 状況」の結果です"), text
    assert "回答完了 0/2名" in text, text


async def test_the_assessment_results_in_words_are_still_the_summary(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    await staff(app, "s0", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.say("診断の結果どうなってる？")
    assert admin.text().startswith("「/dx 要約 診断」の結果です"), admin.text()


# --- 2. a bare force word sends what waits for office hours -----------------------------------------
@pytest.mark.parametrize("said", ["強制", "いますぐ送って", "今すぐ送信で", "強制でお願いします"])
async def test_a_bare_force_word_sends_the_waiting_check_in_invitations_now(app_factory, said):
    app = await app_at_night(app_factory)
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


async def test_a_bare_force_word_sends_next_months_waiting_invitations_and_starts_nothing_else(app_factory):
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 2099-01 締切 2099-01-15")
    await boss.say("強制")
    assert "2099年1月の進捗報告の依頼1件を今すぐ送ります" in boss.text(), boss.text()
    assert await app.services.outbox.waiting_all() == {}
    campaigns = await app.services.get(CHECKINS).repo.campaigns()
    assert [c.period for c in campaigns] == ["2099-01"], campaigns  # December was not started


async def test_with_two_jobs_waiting_a_bare_force_word_is_confirmed_first(app_factory):
    app = await app_at_night(app_factory)
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
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    tanaka = await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    await tanaka.say("強制")
    assert len(await app.services.outbox.waiting_all()) == 1, tanaka.text()


# --- 3. a FAQ draft reworded or discarded in words ---------------------------------------------------
async def _one_draft(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await admin.command("faq propose VPNが使えない | 設定画面から再接続してください。")
    assert "D-1" in admin.text(), admin.text()
    return app, admin


async def _draft(app, draft_id: str):  # type: ignore[no-untyped-def]
    return (await app.services.state.get("faq:drafts") or {}).get("items", {}).get(draft_id)


async def test_a_draft_reworded_in_words_is_confirmed_then_changed(app_factory, clock):
    app, admin = await _one_draft(app_factory, clock)
    await admin.say("D-1の質問を「VPNにつながらないときは？」に直して")
    text = admin.text()
    assert text.startswith("次の内容で直します: D-1 の質問を「VPNにつながらないときは？」に"), text
    assert "（コマンド: /dx FAQ 編集 D-1 質問 VPNにつながらないときは？）" in text and "転送" not in text, text
    assert (await _draft(app, "D-1"))["question"] == "VPNが使えない"  # nothing changed before 「はい」
    await admin.press("はい")
    assert "FAQ案 D-1 の質問を修正しました" in admin.text(), admin.text()
    assert (await _draft(app, "D-1"))["question"] == "VPNにつながらないときは？"


async def test_a_draft_rewording_fixed_then_dropped_keeps_the_draft(app_factory, clock):
    app, admin = await _one_draft(app_factory, clock)
    await admin.say("ｄ－１の回答を「再起動してください」に変えてください")
    assert "D-1 の回答を「再起動してください」に" in admin.text(), admin.text()
    await admin.say("直す")
    assert "D-1 の回答をどう直しますか？" in admin.text(), admin.text()
    await admin.say("「VPNアプリを再起動してください。」")
    assert "「VPNアプリを再起動してください。」に" in admin.text(), admin.text()
    await admin.say("やめる")
    assert "FAQ案 D-1 はそのままにしました" in admin.text(), admin.text()
    assert (await _draft(app, "D-1"))["answer"] == "設定画面から再接続してください。"


@pytest.mark.parametrize("said", ["D-1 消して", "D-1は削除で", "Ｄ１　いらない"])
async def test_a_draft_discarded_in_words_is_confirmed_then_discarded(app_factory, clock, said):
    app, admin = await _one_draft(app_factory, clock)
    await admin.say(said)
    assert "FAQ案 D-1（質問: VPNが使えない）を破棄します（コマンド: /dx FAQ 破棄 D-1） よろしいですか？" in admin.text(), \
        admin.text()
    await admin.say("はい")
    assert "FAQ案 D-1 を破棄しました。" in admin.text(), admin.text()
    assert await _draft(app, "D-1") is None


async def test_a_draft_that_does_not_exist_is_named_not_forwarded(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await admin.say("D-7の質問を「VPNにつながらないときは？」に直して")
    assert "FAQ案 D-7 は見つかりません" in admin.text() and "転送" not in admin.text(), admin.text()


# --- 4. a deadline before today is refused before a closed day could move it ahead -------------------
SUNDAY = tokyo(2098, 12, 7, 10)  # yesterday was a Saturday: a closed day that used to roll to Monday the 8th


async def test_a_check_in_deadline_moved_to_yesterday_is_refused_with_an_example(app_factory):
    app = await app_factory(clock=FakeClock(SUNDAY))
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    await boss.command("報告 締切変更 きのう")
    text = boss.text()
    assert re.fullmatch(r"締切は今日以降の日付で指定してください（例: /dx 報告 締切変更 12/\d+）。", text), text
    await boss.command("報告 状況")
    assert "締切 12月18日" in boss.text() and "締切 12月8日" not in boss.text(), boss.text()  # the send line says 12月8日 (short_moment)
    await boss.command("lang en")
    await boss.command("checkin deadline yesterday")
    assert re.fullmatch(r"Please give a deadline from today on \(e\.g\. /dx checkin deadline 12/\d+\)\.", boss.text()), \
        boss.text()


async def test_a_check_in_started_with_yesterdays_deadline_is_refused(app_factory):
    app = await app_factory(clock=FakeClock(SUNDAY))
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 きのう")
    assert boss.text().startswith("締切は今日以降の日付で指定してください（例: /dx 報告 開始 締切 12/"), boss.text()


async def test_an_assessment_started_with_yesterdays_deadline_is_refused_with_an_example(app_factory):
    app = await app_factory(clock=FakeClock(SUNDAY))
    admin = await admin_of(app)
    await staff(app, "s0", "税務課")
    await admin.command("診断 開始 全員 締切 きのう")
    assert "締切は今日以降の日付で指定してください（例: /dx 診断 開始 締切 12/14）" in admin.text(), admin.text()


# --- 5. 「催促」 when nobody is left, and 「報告 催促 強制」 -----------------------------------------------
FRIDAY = tokyo(2098, 12, 5, 10)
CHECK_IN_ANSWERS = ["10", "5", "0", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]


async def test_a_check_in_reminder_when_everyone_submitted_is_not_promised(app_factory):
    clock = FakeClock(FRIDAY)
    app = await app_factory(clock=clock)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    suzuki = await member(app, "suzuki", "鈴木", "税務課")
    await boss.command("報告 開始 締切 12/18")
    await suzuki.command("報告")
    for text in CHECK_IN_ANSWERS:
        await suzuki.say(text)
    clock.current = tokyo(2098, 12, 5, 21)  # Friday night
    await boss.command("報告 催促")
    assert boss.text() == "全員提出済みのため、催促は送りません。", boss.text()
    await boss.command("lang en")
    await boss.command("checkin remind")
    assert boss.text() == "Everyone has submitted, so no reminders are sent.", boss.text()


async def test_a_check_in_reminder_with_force_goes_nowapp_at_night(app_factory):
    clock = FakeClock(tokyo(2098, 12, 5, 21))
    app = await app_factory(clock=clock)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18 強制")
    await boss.command("報告 催促")
    assert "今すぐ送るときは「/dx 報告 催促 強制」" in boss.text(), boss.text()
    await boss.command("報告 催促 強制")
    assert "未回答の1名にリマインドを送りました" in boss.text() and "対象: 市民課 田中" in boss.text(), boss.text()


async def test_an_assessment_reminder_when_everyone_finished_is_not_promised(app_factory):
    clock = FakeClock(FRIDAY)
    app = await app_factory(clock=clock)
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    admin = await admin_of(app)
    s0 = await staff(app, "s0", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await answer_all(s0, 1)
    clock.current = tokyo(2098, 12, 5, 21)
    await admin.command("診断 催促")
    assert admin.text() == "全員回答済みのため、催促は送りません。", admin.text()


async def test_publish_in_words_is_not_read_as_a_rewording(app_factory, clock):
    app, admin = await _one_draft(app_factory, clock)
    await admin.say("D-1を公開にして")
    assert admin.text().startswith("D-1 を公開しますか？"), admin.text()
    assert (await _draft(app, "D-1"))["question"] == "VPNが使えない"


async def test_a_failed_send_waiting_for_its_retry_is_not_an_invitation_to_force(app_factory):
    """A bare 「強制」 reads only the sends waiting for office hours: an assessment message that failed
    and waits for its retry (attempts ≥ 1) is not one, so nothing is started for everyone."""
    from sqlalchemy import update

    from storage.shared.models import OutboxRow

    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    assert len(await app.services.outbox.waiting_all()) == 1
    async with app.engine.begin() as conn:  # as if it had been tried once and failed
        await conn.execute(update(OutboxRow).values(attempts=1))
    assert await app.services.outbox.waiting_all() == {}
    await boss.say("強制")
    assert "今すぐ送ります" not in boss.text(), boss.text()
