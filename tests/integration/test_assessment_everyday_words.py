"""Issue 15, round 2: the assessment as a city's staff and admin speak to it — casual level words
and pauses inside the poll, a result read at a glance, targets by role and spoken deadlines."""

from __future__ import annotations

from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, staff


async def test_casual_level_words_and_pauses_inside_the_poll(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await admin.command("診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for said, title in [("まあまあできる", "2/27"), ("ぜんぜん", "3/27"), ("ちょっとだけ", "4/27"),
                        ("ばっちり", "5/27"), ("全然わからない", "6/27"), ("なんとなく", "7/27"),
                        ("だいたい", "8/27"), ("実践してる", "9/27"), ("知らない", "10/27")]:
        await me.say(said)
        assert me.replies[-1].title == f"デジタルスキル診断 {title}", (said, me.text())
    await me.say("ちょっと休憩")
    assert "9/27問回答済み" in me.text()
    await me.say("続きから")
    assert me.replies[-1].title == "デジタルスキル診断 10/27"
    await me.say("あとで")
    assert "9/27問回答済み" in me.text()
    part = await app.services.get(ASSESSMENT).store.get_participation(1, (await app.services.people.find("kato")).id)
    assert [part.answers[q] for q in ("B01", "B02", "B03", "B04", "B05", "E01")] == [
        "understand", "unknown", "heard", "practice", "unknown", "heard"]
