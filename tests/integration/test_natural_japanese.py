"""Issue 15, point 4: natural Japanese in every job — free-text RSVPs near a meeting, meeting rules
as people say them, choice answers by number, label, kana, polite or casual form, a 「特になし」
that ends the question, a refused reply that never moves on, short errors with an example, and
the form's footer once."""

from __future__ import annotations

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.support.checkins import member
from tests.support.meetings import office


async def test_a_meeting_set_and_answered_the_way_people_talk(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, (鈴木, 佐藤, _) = await office(app)
    await 室長.command("meeting set 毎月2週目の火曜日の午後3時から | 場所: 会議室A")
    assert "会議 M-1 を登録しました" in 室長.text() and "2027年1月12日（火）15:00" in 室長.text()

    await 鈴木.say("来週の会議、参加でお願いします")
    assert "「出席」で承りました" in 鈴木.text()
    await 佐藤.say("すみません、その日は出張で行けません")
    assert "「欠席」で承りました" in 佐藤.text()
    assert await app.services.faq.list_unanswered() == []  # nothing went to the FAQ desk

    await 室長.command("meeting rsvps")
    assert "出張" in 室長.text()

    for rule in ("毎月第二火曜 15時", "第2火曜日 15:00", "毎月第2週の火曜 午後3時"):
        await 室長.command(f"meeting set M-1 {rule}")
        assert "会議 M-1 を更新しました" in 室長.text() and "15:00" in 室長.text(), rule


async def test_check_in_answers_in_the_words_people_use(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")

    await 田中.command("checkin")
    assert "「やめる」で中断" in 田中.text()  # the footer, on the first question
    await 田中.say("たくさん")
    assert 田中.text().count("\n") == 0 and "例:「12」" in 田中.text()  # one short line with an example
    await 田中.say("12件です")
    assert "「やめる」で中断" not in 田中.text()  # ...and not on every turn
    await 田中.say("8")
    await 田中.say("2")
    assert "の状況" in 田中.text()
    await 田中.say("たぶん")  # refused: the same question again, nothing moved on
    assert "番号または言葉で" in 田中.text()
    await 田中.say("進行中です")
    assert "補足があれば" in 田中.text()
    await 田中.say("スキップ")
    await 田中.say("遅れてます")
    assert "遅れている理由" in 田中.text()
    await 田中.say("業者との契約が来月にずれたため")
    await 田中.say("スキップ")
    assert "課題になっていること" in 田中.text()
    await 田中.press(田中.choice("特になし"))  # ends the question: no 「確定」 step
    assert "相談したいこと" in 田中.text()
    await 田中.say("いいえ")
    await 田中.say("スキップ")
    await 田中.say("送信")
    result = await app.services.get(CHECKINS).repo.result_for(1, "市民課")
    statuses = sorted(v for k, v in result.answers.items() if k.endswith(".status"))
    assert statuses == ["delayed", "in_progress"] and result.answers["obstacles"] == ["nothing"]


async def test_status_words_by_kana_and_casual_form(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for text in ("じゅうに", "１２けん", "に", "しんこうちゅう", "スキップ", "かんりょう"):
        await 田中.say(text)
    assert "補足があれば" in 田中.text()
