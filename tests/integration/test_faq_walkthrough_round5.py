"""The FAQ desk, fifth round (2026-12-05, second walk-through): a category typed as a request,
and a draft asked for again after it was published or discarded. Each test reads as the
conversation and fails on the code before the fix."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from tests.integration.test_faq_walkthrough_round4 import kept_draft, people


@pytest.mark.parametrize("typed", ["アカウント・その他でおねがい", "アカウント・その他にしてください",
                                   "アカウント・その他でいいです", "「アカウント・その他」で"])
async def test_a_category_said_as_a_request_is_the_existing_category(app_factory, clock, typed):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("こんにちは")
    await kept_draft(app, boss, "スマホからパスワードを再設定できますか？", "できません。庁内端末から行ってください。")
    await boss.command("faq publish D-1 そのまま")
    await boss.say(typed)
    assert "公開しました" in boss.text(), boss.text()
    [entry] = [e for e in await app.faq.list_entries() if "スマホからパスワード" in e.question]
    assert entry.category == "アカウント・その他"


async def test_a_draft_asked_for_again_says_what_became_of_it(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("こんにちは")
    await kept_draft(app, boss, "Teamsの会議で背景をぼかすにはどうすればよいですか？", "「背景効果」から「ぼかし」を選びます。")
    await boss.command("faq publish D-1 そのまま")
    await boss.say("1")
    published = boss.text()
    assert "公開しました" in published, published
    entry_id = next(e.id for e in await app.faq.list_entries() if "背景をぼかす" in e.question)
    await boss.command("faq publish D-1")
    assert f"D-1 はすでに {entry_id} として公開済みです" in boss.text(), boss.text()
    assert "見つかりません" not in boss.text()

    yamada = await app.services.people.find("yamada")
    await app.faq.add_unanswered("Teamsで録画はできますか？", yamada.id, UnansweredStatus.FORWARDED, "console",
                                 "dm:yamada")
    await boss.command("faq answer Q-2 会議の「その他」から「レコーディングを開始」を選びます。")
    await boss.command("faq drafts")
    assert "D-2" in boss.text(), boss.text()
    await boss.command("faq discard D-2")
    await boss.command("faq publish D-2")
    assert "D-2 はすでに破棄されています" in boss.text(), boss.text()


@pytest.mark.parametrize("thanks", ["ありがとうございます、了解です", "承知しました、ありがとうございます",
                                    "ありがとう、わかりました！"])
async def test_thanks_with_an_acknowledgement_is_not_offered_to_a_person(app_factory, clock, thanks):
    app = await app_factory(clock=clock)
    _, 田中 = await people(app)
    await 田中.say(thanks)
    assert "転送" not in 田中.text() and "見つかりませんでした" not in 田中.text(), 田中.text()
    assert not await app.faq.list_unanswered()
