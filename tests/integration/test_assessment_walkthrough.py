"""Walk-through of 2026-12-05 (assessment, issue #15): a pause said in a sentence, a warning
before inviting too few people for results to show, and no small department's completion in the
status of an anonymous survey."""

from __future__ import annotations

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, answer_all, staff
from tests.support.checkins import outbox


# 8. 「ちょっと会議なのでまたあとで」 pauses with the resume hint; the answers are kept.
async def test_a_pause_said_in_a_sentence_pauses_the_poll(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await admin.command("診断 開始 全員 締切 12/18")
    await me.command("診断")
    for said in ("ちょっと会議なのでまたあとで", "あとでやる", "電話きたので、いったん止めます", "一旦やめ",
                 "すみません、中断します", "今日はやめとく"):
        await me.say("2")
        await me.say(said)
        assert "続きから" in me.text() and "問回答済み" in me.text(), (said, me.text())
        assert "デジタルスキル診断" not in (me.replies[-1].title or ""), said  # no question shown again
        await me.say("続きから")
    part = await app.services.get(ASSESSMENT).store.get_participation(1, (await app.services.people.find("kato")).id)
    assert len(part.answers) == 6 and set(part.answers.values()) == {"understand"}
    await me.say("ちょっとだけ")  # still a level (3), not a pause
    assert "7/27" in me.replies[-1].title or "8/27" in me.replies[-1].title


# 10. `/dx 診断 状況` never shows a small department's completion (「福祉課: 完了 1/1名」).
async def test_status_merges_departments_below_the_minimum(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    big = [await staff(app, f"s{i}", "総務課") for i in range(5)]
    big += [await staff(app, f"k{i}", "企画課") for i in range(5)]
    small = [await staff(app, "fuku", "福祉課"), await staff(app, "kodomo1", "こども課"),
             await staff(app, "kodomo2", "こども課"), await staff(app, "kankyo1", "環境課"),
             await staff(app, "kankyo2", "環境課")]
    await admin.command("診断 開始 総務課,企画課,福祉課,こども課,環境課 締切 12/18 匿名")
    await answer_all(small[0], 2)
    await answer_all(big[0], 2)
    await admin.command("診断 状況")
    out = admin.text()
    assert "福祉課" not in out and "こども課" not in out and "環境課" not in out, out
    assert "その他（5名未満の課）: 完了 1/5名" in out
    assert "総務課: 完了 1/5名" in out and "企画課: 完了 0/5名" in out
    assert "まとめています（3部署" in out


# 9. Too few targets for results: said before anything is sent, with how to widen the targets.
async def test_too_few_targets_are_warned_before_sending(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    for user in ("suzuki", "sato", "ito"):
        await staff(app, user, "福祉課")
    await admin.command("診断 開始 福祉課 締切 12/18 匿名")
    preview = admin.text()
    assert "まだ開始していません" in preview and "対象は3名" in preview and "最少の回答数（5件）" in preview
    assert "結果は表示されません" in preview and "開始し直して" in preview  # how to widen the targets
    assert await app.services.get(ASSESSMENT).store.open_campaign() is None
    assert await outbox(app) == []  # nothing sent
    await admin.say("いいえ")
    assert "開始していません（依頼は送っていません）" in admin.text()
    assert await app.services.get(ASSESSMENT).store.open_campaign() is None

    await admin.command("診断 開始 福祉課 締切 12/18 匿名")
    await admin.say("このまま開始")  # knowingly
    assert "スキル診断 #1 を開始しました" in admin.text() and "依頼する人数が3名" in admin.text()
    assert len(await outbox(app)) == 3


async def test_enough_targets_start_at_once(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "福祉課")
    await admin.command("診断 開始 福祉課 締切 12/18")
    assert "スキル診断 #1 を開始しました" in admin.text() and "まだ開始していません" not in admin.text()
