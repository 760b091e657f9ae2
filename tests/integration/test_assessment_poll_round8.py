"""Assessment poll, eighth round (2026-12-06): a liaison answering the skill self-assessment in
casual Japanese on the console — kana level words, meaning questions, 「いそがしいのでまたあとで」."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text as sql_text

from handlers.assessment.reminders import remind_requested
from scheduler.calendar import BusinessCalendar
from tests.conftest import FakeClock
from tests.support.assessment import (
    RecordingScheduler,
    admin_of,
    staff,
    start_assessment,
    stored_answers,
)


async def rows(app, sql: str):  # type: ignore[no-untyped-def]
    async with app.engine.connect() as conn:
        return (await conn.execute(sql_text(sql))).all()


async def _answers(app, login):  # type: ignore[no-untyped-def]
    return list((await stored_answers(app, login)).values())


async def test_level_words_typed_in_kana_casual_or_polite_are_read(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    said = [("りかいしている", "understand"), ("りかいしてる", "understand"), ("しってる", "understand"),
            ("りかいしじっせんしている", "practice"), ("リカイシテイマス", "understand"),
            ("りかいしじっせんしてます", "practice"), ("つかいこなしてる", "practice"),
            ("きいたことあります", "heard"), ("しりません", "unknown"), ("りかいしてない", "unknown"),
            ("りかいしじっせんしてる", "practice"), ("りかいしじっせんしてぃる", "practice"),
            ("きいたことがあろ", "heard")]
    for n, (text, _) in enumerate(said, 2):
        await me.say(text)
        assert "読み取れませんでした" not in me.text(), text
        assert me.replies[-1].title == f"デジタルスキル診断 {n}/27", (text, me.text())
    assert await _answers(app, "kato") == [level for _, level in said]


async def test_busy_later_pauses_the_poll_and_never_routes_to_a_section(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("2")
    await me.say("いそがしいのでまたあとで")
    assert "1/27問回答済み" in me.text() and "子育て" not in me.text(), me.text()
    # Said again with the poll already paused: no section's desk, no FAQ search.
    await me.say("いそがしいのでまたあとで")
    assert "子育て" not in me.text() and "課" not in me.text(), me.text()
    await me.say("今いそがしいので後で")
    assert "子育て" not in me.text(), me.text()


async def test_a_meaning_question_inside_the_poll_is_answered_and_the_poll_goes_on(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("1")
    assert me.replies[-1].title == "デジタルスキル診断 2/27"  # the KPI question
    await me.say("ＫＰＩって何")  # full-width, at the KPI question: explained in the poll
    assert "読み取れませんでした" not in me.text() and "KPI" in me.text(), me.text()
    await me.say("2")
    assert me.replies[-1].title == "デジタルスキル診断 3/27"  # the BPR question
    # Another term: the FAQ answers it, then the poll's question comes back in one line.
    await me.say("ＫＰＩって何")
    assert "読み取れませんでした" not in me.text(), me.text()
    assert "スキル診断の続きです" in me.replies[-1].text and "3/27" in me.replies[-1].text, me.text()
    await me.say("しってる")
    assert me.replies[-1].title == "デジタルスキル診断 4/27", me.text()
    await me.say("ＲＰＡってなんですか")
    assert "スキル診断の続きです" in me.replies[-1].text and "4/27" in me.replies[-1].text, me.text()
    await me.say("3")
    assert me.replies[-1].title == "デジタルスキル診断 5/27", me.text()
    assert await _answers(app, "kato") == ["practice", "understand", "understand", "heard"]


async def test_a_go_ahead_after_the_faq_explained_the_assessment_starts_the_poll(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.say("スキル診断って何段階？")
    assert "デジタルスキル診断" not in (me.replies[-1].title or ""), me.text()
    for said in ("やってみる", "はじめます"):
        await me.say(said)
        assert me.replies[-1].title == "デジタルスキル診断 1/27", (said, me.text())
        await me.say("やめる")
    await me.say("やります")
    assert me.replies[-1].title == "デジタルスキル診断 1/27", me.text()


async def test_poll_and_status_words_with_nothing_asking_are_not_logged_as_questions(app_factory, clock):
    app = await app_factory(clock=clock)
    me = await staff(app, "kato", "税務課")
    for said in ("しってる", "やってみる", "りかいしじっせんしている", "みちゃくしゅ", "しんこうちゅうです", "知ってます"):
        await me.say(said)
        assert "お仕事のデジタル化やITのご質問" not in me.text(), (said, me.text())
    assert "スキル診断への回答のようですが" in me.text()  # 「知ってます」
    assert await app.faq.list_unanswered() == []


async def test_remind_out_of_hours_waits_for_office_hours_and_force_sends_now(app_factory):
    clock = FakeClock(datetime(2026, 12, 1, 0, 0, tzinfo=UTC))  # Tue 09:00 in Tokyo
    app = await app_factory(clock=clock)
    scheduler = RecordingScheduler()
    app.services.scheduler = scheduler
    app.services.calendar = BusinessCalendar("Asia/Tokyo")
    admin = await admin_of(app)
    await staff(app, "slow", "総務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-11")

    async def reminded() -> int:
        return len(await rows(app, "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'assessment:1:remind:%'"))

    clock.current = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # Tue 21:00 JST
    await admin.command("診断 催促")
    assert "12月2日" in admin.text() and "08:30" in admin.text() and "強制" in admin.text(), admin.text()
    assert await reminded() == 0
    job = scheduler.jobs["assessment:1:requested-remind"]
    assert job[0] == datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    clock.current = job[0]
    await remind_requested(app.services, 1)  # the office opens: the request is sent
    assert await reminded() == 1
    clock.current = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # Wed 21:00 JST
    await admin.command("診断 催促")
    await admin.command("診断 催促 強制")
    assert "催促を送信しました" in admin.text(), admin.text()
    assert await reminded() == 2 and "assessment:1:requested-remind" not in scheduler.jobs  # never twice
