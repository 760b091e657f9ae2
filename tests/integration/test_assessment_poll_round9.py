"""Assessment poll after a side question that gets FAQ candidates (second walk-through of
2026-12-06): 「これって人事評価に使われたりしないよね？」 got a list of entries and the poll paused;
the next answers 「ふつうにできます」「しらない」 became an FAQ question and 「いま回答中の診断はありません」."""

from __future__ import annotations

from tests.support.assessment import admin_of, staff, start_assessment, stored_answers


async def _answers(app, login):  # type: ignore[no-untyped-def]
    return list((await stored_answers(app, login)).values())


async def test_after_candidates_the_poll_stays_current_and_takes_the_next_answers(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("パスワードを忘れました")  # the desk offers candidates (staff and citizens' entries)
    reply = me.text()
    assert "近いご質問" in reply and "スキル診断の続き" in reply and "「続きから」" not in reply, reply
    await me.say("ふつうにできます")
    assert me.replies[-1].title == "デジタルスキル診断 2/27", me.text()
    await me.say("しらない")
    assert me.replies[-1].title == "デジタルスキル診断 3/27", me.text()
    assert await _answers(app, "kato") == ["practice", "unknown"]
    assert await app.faq.list_unanswered() == []


async def test_a_candidate_is_still_picked_by_its_label(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("パスワードを忘れました")
    pick = next(c for c in me.replies[0].choices if "パスワード" in c.label) if me.replies[0].choices else None
    assert pick is not None, me.text()
    await me.press(pick)
    assert "解決しましたか" in me.text(), me.text()
    assert await _answers(app, "kato") == []
