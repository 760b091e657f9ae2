"""An admin starting the skill assessment in plain words (second walk-through of 2026-12-06:
「スキル診断も全員にやってもらいたい。締切は来週金曜」「スキル診断を開始して、締切は12/18」 went to the
FAQ desk, and the 「はい」 after them was eaten by its candidate list)."""

from __future__ import annotations

from handlers.assessment.registry import kit
from tests.support.assessment import admin_of, staff


async def _office(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    for n in range(6):
        await staff(app, f"s{n}", "税務課")
    return app, admin


async def test_a_start_in_words_is_confirmed_then_started_as_the_command_starts_it(app_factory, clock):
    app, admin = await _office(app_factory, clock)
    await admin.say("スキル診断を開始して、締切は12/18")
    text = admin.text()
    assert "次の内容でスキル診断を開始します: 対象 全員・締切 12月18日（金）" in text, text
    assert "/dx 診断 開始 全員 締切 12/18" in text and "よろしいですか？" in text, text
    assert await kit(app.services).store.open_campaign() is None  # nothing before はい
    await admin.say("はい")
    campaign = await kit(app.services).store.open_campaign()
    assert campaign is not None and str(campaign.deadline).startswith("2026-12-18"), admin.text()
    entries = [e for e in await app.services.audit.list(20) if e.action == "assessment start"]
    assert len(entries) == 1  # the slash command's path, audited once


async def test_a_fix_changes_the_deadline_and_the_targets(app_factory, clock):
    app, admin = await _office(app_factory, clock)
    await admin.say("スキル診断も全員にやってもらいたい。締切は来週金曜")
    assert "対象 全員" in admin.text(), admin.text()
    await admin.say("直す")
    assert "どこを直しますか" in admin.text()
    await admin.say("締切は12/25で")
    assert "締切 12月25日（金）" in admin.text() and "対象 全員" in admin.text(), admin.text()
    await admin.say("兼務職員だけ")
    assert "対象 兼務職員・締切 12月25日（金）" in admin.text(), admin.text()
    await admin.say("やっぱりやめる")
    assert await kit(app.services).store.open_campaign() is None


async def test_another_request_at_the_confirmation_is_handled_and_nothing_is_started(app_factory, clock):
    app, admin = await _office(app_factory, clock)
    await admin.say("兼務職員にスキル診断をお願いしたい")
    assert "よろしいですか？" in admin.text()
    await admin.say("VPNにつながらないときはどうすればいいですか")
    text = admin.text()
    assert "スキル診断の開始は行っていません" in text and "はい」「直す」「やめる」のどれか" not in text, text
    assert await kit(app.services).store.open_campaign() is None


async def test_staff_asking_to_take_it_are_not_starting_a_campaign(app_factory, clock):
    app, _admin = await _office(app_factory, clock)
    s0 = await staff(app, "s9", "市民課")
    await s0.say("スキル診断を全員にやってもらいたい")
    assert "よろしいですか？" not in s0.text(), s0.text()
