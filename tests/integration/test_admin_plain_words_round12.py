"""Twelfth round (2026-12-06): the admin speaking in plain words.

1. A proposal carried out is never brought back. The admin said 「スキル診断を開始して、締切は12/18」,
   answered 「はい」, got the 「5名未満」 warning and typed 「このまま開始」: the campaign started, and
   then the bot added 「さきほどの『スキル診断…』の開始はまだです。続けますか？」 and, on the next
   message, 「（スキル診断の開始は行っていません。…）」 although it was running."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from handlers.assessment.registry import kit
from tests.support.assessment import admin_of, staff


async def _small_office(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    for n in range(2):  # fewer than results need: the start shows the 「5名未満」 warning
        await staff(app, f"s{n}", "税務課")
    return app, admin


async def test_a_start_carried_out_after_the_warning_is_never_said_to_be_not_done(app_factory, clock):
    app, admin = await _small_office(app_factory, clock)
    await admin.say("スキル診断を開始して、締切は12/18")
    assert "よろしいですか？" in admin.text(), admin.text()
    await admin.say("はい")
    assert "このまま開始" in admin.text(), admin.text()  # the warning of a small group
    await admin.say("このまま開始")
    said = admin.text()
    assert await kit(app.services).store.open_campaign() is not None, said
    assert "さきほど" not in said and "まだです" not in said, said
    await admin.say("/dx 診断 状況")
    said = admin.text()
    assert "行っていません" not in said and "さきほど" not in said, said


async def test_a_start_run_by_its_command_meanwhile_is_not_brought_back(app_factory, clock):
    app, admin = await _small_office(app_factory, clock)
    await admin.say("スキル診断を開始して、締切は12/18")
    assert "よろしいですか？" in admin.text(), admin.text()
    await admin.say("/dx 診断 開始 全員 締切 12/18")
    assert "このまま開始" in admin.text(), admin.text()
    await admin.say("このまま開始")
    said = admin.text()
    assert await kit(app.services).store.open_campaign() is not None, said
    assert "さきほど" not in said and "まだです" not in said, said
    await admin.say("/dx 診断 状況")
    assert "行っていません" not in admin.text() and "さきほど" not in admin.text(), admin.text()


# 3. 「FAQ案 D-2 を作成しました。管理者が確認して公開します。」 was said to the admin who proposed it.
async def test_an_admins_own_draft_says_they_can_publish_it(app_factory, clock):
    from tests.integration.test_faq_walkthrough_round4 import people

    app = await app_factory(clock=clock)
    boss, _yamada = await people(app)
    await boss.command("faq propose VPNが使えない | 設定画面から再接続してください。")
    said = boss.text()
    assert "FAQ案 D-1 を作成しました。" in said and "管理者が確認して" not in said, said
    assert "/dx FAQ 公開 D-1" in said and "[公開する]" in said, said
    await boss.press("公開する")
    assert "FAQ-" in boss.text() and "公開" in boss.text(), boss.text()


# 2. An answer asked for with 「へんじ」, and a question closed with no answer, in plain words.
async def _faq_office(app_factory):  # type: ignore[no-untyped-def]
    from tests.conftest import FakeClock
    from tests.integration.test_faq_desk_round11 import LOGO, VPN, people, waiting
    from tests.support.meetings import tokyo

    app = await app_factory(clock=FakeClock(tokyo(2026, 12, 7, 10, 0)))
    室長, _ = await people(app)
    vpn, logo = await waiting(app, VPN, LOGO)
    return app, 室長, vpn, logo


@pytest.mark.parametrize("words", ["Q-{id}にへんじしたい", "Q{id}に返事したい", "q-{id} へんしんします", "Q-{id}に返信したい"])
async def test_an_answer_asked_for_with_henji_takes_the_typed_answer(app_factory, words):
    from tests.integration.test_faq_desk_round11 import VPN

    app, 室長, vpn, _logo = await _faq_office(app_factory)
    await 室長.say(words.format(id=vpn))
    said = 室長.text()
    assert f"Q-{vpn}「{VPN}」への回答を入力してください" in said, said
    await 室長.say("申請書は庁内ポータルの「様式集」にあります。")
    assert "送信する" in 室長.text() and "宛先: 山田" in 室長.text(), 室長.text()
    await 室長.say("送信する")
    assert (await app.faq.get_unanswered(vpn)).status is UnansweredStatus.ANSWERED


@pytest.mark.parametrize("words", ["Q-{id}は対応済みにしといて", "Q{id}は回答いらない", "Q-{id} 返事不要",
                                   "Ｑ{id}はもう対応しなくていい", "q{id}は完了で"])
async def test_a_question_closed_in_plain_words_without_an_answer(app_factory, words):
    app, 室長, vpn, logo = await _faq_office(app_factory)
    before = len(await app.outbox.list())
    logged = await app.faq.stats()
    await 室長.say(words.format(id=logo))
    said = 室長.text()
    assert await app.faq.stats() == logged  # not a FAQ question (never in 要約 FAQ)
    assert f"Q-{logo} を対応済みにしました。" in said, said
    assert (await app.faq.get_unanswered(logo)).status is UnansweredStatus.CLOSED
    assert (await app.faq.get_unanswered(vpn)).status is UnansweredStatus.FORWARDED  # the other one waits
    assert len(await app.outbox.list()) == before  # nothing is sent to the asker
    actions = [e.action for e in await app.services.audit.list(20)]
    assert "faq close" in actions, actions


# 2. The check-in's status and its reminder asked for in words (they went to FAQ candidates / 「分かりませんでした」).
async def _check_in_open(app_factory, clock):  # type: ignore[no-untyped-def]
    from tests.support.meetings import office

    app = await app_factory(clock=clock)  # Tuesday 1 December 2026, 09:00 in Tokyo
    admin, _liaisons = await office(app)
    await admin.say("チェックインを開始して、締切は12/18")
    await admin.say("はい")
    assert "開始しました" in admin.text(), admin.text()
    return app, admin


@pytest.mark.parametrize("said", ["報告まだの人だれ", "報告がまだの課は？", "ほうこくまだの人おしえて"])
async def test_who_has_not_submitted_is_shown(app_factory, clock, said):
    app, admin = await _check_in_open(app_factory, clock)
    logged = await app.faq.stats()
    await admin.say(said)
    text = admin.text()
    assert await app.faq.stats() == logged  # not a FAQ question (never in 要約 FAQ)
    assert "/dx 報告 未提出" in text and "企画課: 未回答" in text and "候補" not in text and "転送" not in text, text


@pytest.mark.parametrize("said", ["未提出の人に催促して", "報告まだの課にリマインドしといて", "未提出者に催促お願い"])
async def test_a_reminder_in_words_is_confirmed_then_sent(app_factory, clock, said):
    app, admin = await _check_in_open(app_factory, clock)
    sent_before = len(await app.outbox.list())
    logged = await app.faq.stats()
    await admin.say(said)
    text = admin.text()
    assert await app.faq.stats() == logged  # not a FAQ question (never in 要約 FAQ)
    assert "催促を送ります" in text and "/dx 報告 催促" in text and "よろしいですか？" in text, text
    assert len(await app.outbox.list()) == sent_before  # nothing before はい
    await admin.say("はい")
    assert "リマインドを送りました" in admin.text() or "リマインドは" in admin.text(), admin.text()
    actions = [e.action for e in await app.services.audit.list(20)]
    assert "checkin remind" in actions, actions


async def test_a_reminder_in_words_dropped_sends_nothing(app_factory, clock):
    app, admin = await _check_in_open(app_factory, clock)
    sent_before = len(await app.outbox.list())
    await admin.say("未提出の人に催促して")
    await admin.say("やめる")
    assert len(await app.outbox.list()) == sent_before, admin.text()


# 2. The next meeting's notice asked for now, in words (it went to 「担当者に転送しますか？」).
@pytest.mark.parametrize("said", ["次回の案内いますぐおくって", "会議のお知らせ今すぐ送信して", "次の会議の案内いま流して"])
async def test_the_next_meetings_notice_now_is_confirmed_then_sent(app_factory, clock, said):
    from tests.support.meetings import office

    app = await app_factory(clock=clock)  # Tuesday 1 December 2026, 09:00 in Tokyo
    admin, _liaisons = await office(app)
    await admin.say("来月から毎月第2火曜の15時に連絡会議を設定して")
    await admin.say("はい")
    logged = await app.faq.stats()
    await admin.say(said)
    text = admin.text()
    assert await app.faq.stats() == logged  # not a FAQ question (never in 要約 FAQ)
    assert "お知らせを兼務職員全員にいま送ります" in text and "よろしいですか？" in text, text
    assert "転送" not in text, text
    await admin.say("はい")
    assert "お知らせを兼務職員" in admin.text() and "送信しました" in admin.text(), admin.text()
    actions = [e.action for e in await app.services.audit.list(20)]
    assert "meeting send-now" in actions, actions


@pytest.mark.parametrize("said", ["リマインドはまだ送らないで", "未提出の人に催促しました", "会議の案内はまだ送らないで",
                                  "会議の案内を送っています"])
async def test_a_reminder_not_wanted_is_not_proposed(app_factory, clock, said):
    app, admin = await _check_in_open(app_factory, clock)
    await admin.say(said)
    assert "よろしいですか？" not in admin.text(), admin.text()
