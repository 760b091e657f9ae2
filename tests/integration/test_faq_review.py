"""Issue 15, point 3: nothing is published unreviewed. An answer reaches the asker at once but
becomes only a draft; liaisons propose, admins reword and publish; entries can be unpublished
and deleted (audited, with an undo); alternates come only from questions that were resolved."""

from __future__ import annotations

from bot.core.model import Role, SuggestionStatus
from tests.support.checkins import member
from tests.support.dialogue import Person


async def test_an_answer_is_sent_at_once_but_published_only_after_review(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    鈴木 = await member(app, "suzuki", "鈴木", "企画課", Role.LIAISON)
    山田 = Person(app, "yamada", "山田")
    await 山田.say("庁内運動会って雨だったらどこあつまるん？")
    await 山田.say("はい")  # forward it
    before = len(await app.faq.list_entries())

    await 鈴木.command("faq answer Q-1 雨天時は第2体育館に集合です。")
    assert "質問者に送りました" in 鈴木.text() and "FAQ案 D-1" in 鈴木.text()
    to_asker = [r for r in await app.outbox.list() if "第2体育館" in r.payload.get("text", "")]
    assert to_asker  # the asker has the answer now
    assert len(await app.faq.list_entries()) == before  # ...but nothing went live

    await 鈴木.command("faq publish D-1")
    assert "管理者のみ" in 鈴木.text()  # liaisons propose, admins publish
    await 室長.command("faq drafts")
    assert "D-1" in 室長.text() and "どこあつまるん" in 室長.text()
    await 室長.command("faq edit D-1 質問 庁内運動会が雨天のときの集合場所はどこですか？")
    await 室長.command("faq 公開 D-1")
    assert "カテゴリがありません" in 室長.text()  # the closest entries' category is proposed
    await 室長.press("で公開")
    assert "として公開しました" in 室長.text()
    entry = max(await app.faq.list_entries(), key=lambda e: e.id)
    assert entry.question == "庁内運動会が雨天のときの集合場所はどこですか？"

    await 室長.command(f"faq unpublish {entry.id}")
    assert "非公開にしました" in 室長.text() and await app.faq.get_entry(entry.id) is None
    await 室長.command("faq publish D-2")
    assert await app.faq.get_entry(entry.id) is not None  # same id again
    await 室長.command(f"faq 削除 {entry.id}")
    assert "削除しました" in 室長.text() and await app.faq.get_entry(entry.id) is None
    await 室長.command(f"faq undo {entry.id}")
    assert "元に戻しました" in 室長.text() and await app.faq.get_entry(entry.id) is not None
    actions = [a.action for a in await app.services.audit.list(50)]
    for action in ("faq publish", "faq unpublish", "faq remove", "faq undo", "faq edit"):
        assert action in actions, action


async def test_a_phrasing_is_proposed_only_when_the_asker_says_it_solved_it(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = Person(app, "yamada", "山田")
    await 山田.say("こんにちは")
    await 山田.say("ズームの画面共有のやりかた")
    if "[どれでもない]" in 山田.text():
        await 山田.say("1")
    await 山田.say("いいえ")
    assert await app.faq.list_suggestions(SuggestionStatus.PENDING) == []
    await 山田.say("ズームの画面共有のやりかた")
    if "[どれでもない]" in 山田.text():
        await 山田.say("1")
    await 山田.say("はい")
    assert len(await app.faq.list_suggestions(SuggestionStatus.PENDING)) == 1


async def test_publishing_a_duplicate_is_warned_about(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await 室長.command("faq propose Zoomで画面共有をするにはどうすればよいですか？ | 共有ボタンを押します。")
    await 室長.command("faq publish D-1")
    # Said before anything goes live (second walk-through of 2026-12-05: the note came only after).
    assert "公開する前にご確認ください" in 室長.text() and "として公開しました" not in 室長.text()
    assert "/dx FAQ 破棄 D-1" in 室長.text()
    assert [d for d in (await app.faq.list_entries()) if "共有ボタンを押します" in d.answer] == []
    await 室長.press("このまま公開")
    await 室長.press("で公開")  # the closest entries' category
    assert "として公開しました" in 室長.text() and "よく似たFAQ" in 室長.text()
