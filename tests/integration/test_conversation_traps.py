"""Issue 15, point 1: no traps. While a form is open, a message that is clearly something else is
handled as such (the form waits, saved); an answer that might be either is checked with one line;
an open form left alone expires with a friendly note and its answers kept as a draft. The same
conversation on the console, on Slack and on Teams."""

from __future__ import annotations

import pytest

from bot.core.model import Role
from tests.support.assessment import start_assessment
from tests.support.checkins import member
from tests.support.dialogue import SURFACES, surface


@pytest.mark.parametrize("platform", SURFACES)
async def test_a_question_in_the_middle_of_a_check_in_is_answered_not_swallowed(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")

        assert "全部で何件" in await 田中.command("checkin")
        reply = await 田中.say("パスワードを忘れました")
        assert "数字で" not in reply
        assert "パスワード" in reply  # the FAQ desk answered it
        # One line after it: the form's open question, which the next answer goes to (eighth round).
        assert reply.rstrip().endswith("（進捗報告の続き: 所属でオンライン化の対象としている手続は、全部で何件ですか？）")

        assert "全部で何件" in await 田中.say("続きから")
        assert "すでにオンラインで申請できる" in await 田中.say("12件")

        # An RSVP typed into the open form is an RSVP.
        await admin.command("meeting set 毎月第2火曜 15:00")
        reply = await 田中.say("来週の会議、参加でお願いします")
        assert "「出席」で承りました" in reply  # then the question again (fifth round), last
        assert reply.rindex("承りました") < reply.rindex("すでにオンラインで申請できる")
        assert "すでにオンラインで申請できる" in await 田中.say("続きから")

        # Two hours and a bit later: the form has closed itself, the answer is kept.
        clock.advance(hours=2, minutes=5)
        reply = await 田中.say("Zoomで画面共有するには？")
        assert "2時間以上止まっていた" in reply and "下書きとして保存" in reply and "続きから" in reply
        assert "すでにオンラインで申請できる" in await 田中.say("続きから")


async def test_a_free_text_answer_that_reads_like_a_question_is_checked_in_one_line(app_factory, clock):
    async with surface("console", app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await 田中.command("checkin")
        for answer in ("12", "8", "2", "進行中", "スキップ", "遅れ"):
            reply = await 田中.say(answer)
        assert "遅れている理由" in reply
        # A clear question (「？」) goes to the FAQ desk at once, the form's question repeated (ninth round);
        # only what could be either is checked (below).
        reply = await 田中.say("Teamsにログインできないのですが？")
        assert "への回答ですか？" not in reply, reply
        assert "（進捗報告の続き: 「転出届のオンライン化」が遅れている理由" in reply, reply
        assert "遅れている理由" in await 田中.say("続きから")
        assert "への回答ですか？" in await 田中.say("業者の選定がわからない状態です")
        reply = await 田中.say("はい")
        assert "補足があれば" in reply


async def test_the_same_rule_in_the_assessment_poll(app_factory, clock):
    async with surface("console", app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
        assert "1/27" in await 田中.command("診断")
        reply = await 田中.say("パスワード忘れた")  # short, but clearly not a level
        assert "番号か言葉で" not in reply and "スキル診断の続き" in reply, reply  # the question again (eighth round)
        assert "1/27" in await 田中.say("続きから")
        assert "2/27" in await 田中.say("わかる")


async def test_the_same_rule_when_the_bot_asks_for_a_proxy_name(app_factory, clock):
    from handlers.meetings.planning import send_reminder
    from tests.meetings_support import message_for, office, tokyo

    app = await app_factory(clock=clock)
    admin, (suzuki, *_) = await office(app)
    await admin.command("meeting set 毎月第2火曜 15:00")
    occ = int(app.services.scheduler.job_args("meeting:1:2026-12-08:3bd0900")[1])
    clock.current = tokyo(2026, 12, 3, 9, 0)
    await send_reminder(app.services, occ, "3bd0900")
    card = await message_for(app, "meeting:1:2026-12-08:3bd0900:", "suzuki")
    await suzuki.press(next(c for c in card.choices if c.label == "代理出席"))
    assert "お名前を入力" in suzuki.text()
    await suzuki.say("パスワードを忘れたときはどうすればいいですか？")  # not a name: a question
    assert "パスワード" in suzuki.text() and "代理出席（" not in suzuki.text()


async def test_a_casual_rsvp_typed_into_an_open_check_in_is_an_rsvp_with_its_note(app_factory, clock):
    async with surface("console", app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await admin.command("meeting set 毎月第2火曜 15:00")
        await 田中.command("checkin")
        assert "すでにオンラインで申請できる" in await 田中.say("12")
        reply = await 田中.say("来週の会議、ちょっと遅れるかもだけど出ます")
        assert "「出席（遅れるかも）」で承りました" in reply and "記録しました" not in reply
        assert reply.rindex("承りました") < reply.rindex("すでにオンラインで申請できる")  # asked again (fifth round)
        await admin.command("meeting rsvps")
        assert "遅れるかも" in admin.text()  # the note is kept with the answer

        for text, answer in (("来週の会議、出れます", "出席"), ("来週の会議は無理です", "欠席"),
                             ("その日は休みます", "欠席"), ("次の会議、参加で", "出席"), ("来週の会議、行きます", "出席"),
                             ("来週の会議、出ます", "出席"), ("来週の会議、行けないかも", "欠席（行けないかも）")):
            reply = await 田中.say(text)
            assert f"「{answer}」で承りました" in reply, text
        await admin.command("meeting rsvps")
        assert "行けないかも" in admin.text()  # a tentative absence says so
        assert "すでにオンラインで申請できる" in await 田中.say("続きから")


@pytest.mark.parametrize("platform", SURFACES)
async def test_a_stray_9_after_a_typed_multi_choice_is_questioned_not_stored(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        await 田中.say("こんにちは")
        await 田中.become(Role.LIAISON, "市民課", "田中")
        admin = await member(田中.app, "boss", "管理者", "DX推進室", Role.ADMIN)
        await admin.command("checkin start 締切 2026-12-10")
        await 田中.command("checkin")
        for answer in ("12", "8", "2", "進行中", "スキップ", "完了", "スキップ"):
            reply = await 田中.say(answer)
        assert "課題になっていること" in reply
        reply = await 田中.say("2と5")
        assert "「人員・時間」「庁内調整」を記録しました" in reply and "課題の内容を具体的に" in reply
        reply = await 田中.say("9")
        assert "「9」は「課題の内容」への回答ですか？" in reply
        reply = await 田中.press("いいえ、書き直します")
        assert "「9」は記録していません" in reply and "課題の内容を具体的に" in reply
        assert "相談したいこと" in await 田中.say("人手が足りない")


async def test_a_hedged_absence_keeps_its_hedge(app_factory, clock):
    """s23 tester: 「出れないかもです」 was recorded as a firm 欠席."""
    from tests.support.meetings import office
    app = await app_factory(clock=clock)
    室長, (鈴木, 佐藤, _) = await office(app)
    await 室長.command("meeting set 毎月第2火曜 15:00")
    for person, text in ((鈴木, "出れないかもです"), (佐藤, "来週の会議、たぶん出れないです")):
        await person.say(text)
        assert f"「欠席（{text.removeprefix('来週の会議、')}）」で承りました" in person.text(), text  # the hedge said back
    await 室長.command("meeting rsvps")
    assert "出れないかもです" in 室長.text() and "たぶん出れないです" in 室長.text()
