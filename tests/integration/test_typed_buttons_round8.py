"""Buttons typed as words and stale numbers, eighth round (2026-12-06): 「全然だめでした」 after the
「解決しましたか？」 question has closed, the いいえ button, typed labels on every platform, bare
numbers that only press recent buttons. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from bot.core.model import Role, UnansweredStatus
from tests.integration.test_faq_walkthrough_round4 import notices, people
from tests.support.assessment import start_assessment
from tests.support.checkins import member
from tests.support.dialogue import Surface, surface

PRINTER = "プリンターで印刷できない"


# --- 4. 「全然だめでした」 after 「解決しましたか？」 has closed --------------------------------------------
@pytest.mark.parametrize("complaint", ["全然だめでした", "だめでした", "解決しなかった", "ぜんぜんダメだった",
                                       "うーん、全然うまくいかないです"])
async def test_a_complaint_after_another_message_refers_to_the_last_answer(app_factory, clock, complaint):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    assert "解決しましたか" in 山田.text(), 山田.text()
    await 山田.say("そうですか、わかりました")  # 「解決しましたか？」 closes without an answer
    clock.advance(minutes=10)
    await 山田.say(complaint)
    said = 山田.text()
    assert "FAQに見つかりませんでした" not in said and "転送しますか" in said, said
    await 山田.say("はい")
    [notice] = await notices(app)
    assert f"質問です:\n{PRINTER}（案内した FAQ-" in notice, notice
    [forwarded] = [q for q in await app.faq.list_unanswered() if q.status is UnansweredStatus.FORWARDED]
    assert forwarded.text.startswith(f"{PRINTER}（案内した FAQ-"), forwarded.text


async def test_a_complaint_after_a_greeting_in_between_refers_to_the_last_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("こんにちは")
    await 山田.say("だめでした")
    assert "転送しますか" in 山田.text(), 山田.text()
    [kept] = await app.faq.list_unanswered()
    assert kept.text.startswith(f"{PRINTER}（案内した FAQ-"), kept.text


async def test_a_complaint_after_saying_solved_reopens_that_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("はい")  # solved, she thought
    await 山田.say("やっぱり全然だめでした")
    assert "転送しますか" in 山田.text(), 山田.text()
    [kept] = await app.faq.list_unanswered()
    assert kept.text.startswith(f"{PRINTER}（案内した FAQ-"), kept.text


async def test_a_complaint_long_after_the_answer_is_not_tied_to_it(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("そうですか、わかりました")
    clock.advance(minutes=45)
    await 山田.say("全然だめでした")
    assert "案内した FAQ-" not in 山田.text(), 山田.text()
    assert not [q for q in await app.faq.list_unanswered() if "案内した" in q.text]


async def test_a_complaint_about_a_question_already_forwarded_says_so(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.say("全然だめでした")
    await 山田.say("はい")  # forwarded
    await 山田.say("だめでした")
    said = 山田.text()
    assert "受け付けています" in said and "転送しますか" not in said, said
    assert len(await notices(app)) == 1


async def test_the_no_button_keeps_the_question_with_the_faq_shown(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(PRINTER)
    await 山田.press("いいえ")
    assert "転送しますか" in 山田.text(), 山田.text()
    await 山田.press("転送する")
    [notice] = await notices(app)
    assert f"質問です:\n{PRINTER}（案内した FAQ-" in notice, notice


# --- 2 and 3. a button's label typed as a message, on every platform ----------------------------


async def invited_to_check_in(me: Surface):
    await me.become(Role.LIAISON, "環境政策課")
    admin = await member(me.app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin start 締切 2026-12-10")
    await me.receive("進捗報告のお願い")
    return admin


@pytest.mark.parametrize("platform", ["slack", "teams"])
@pytest.mark.parametrize("typed", ["回答を始める", "報告の回答を始める", "「回答を始める」", "回答を始める。"])
async def test_typing_the_invitations_button_starts_the_check_in(app_factory, clock, platform, typed):
    async with surface(platform, app_factory, clock) as me:
        await me.say("こんにちは")
        await invited_to_check_in(me)
        assert "[報告の回答を始める]" in me.text() or "報告の回答を始める" in me.text(), me.text()
        said = await me.say(typed)
        assert "全部で何件" in said, said
        assert "近いご質問" not in said and "選ぶボタンはありません" not in said, said


@pytest.mark.parametrize(("answer", "expected"), [("診断", "1/27"), ("報告のほう", "全部で何件"), ("2", "全部で何件")])
async def test_two_invitations_offering_the_old_label_ask_which_on_slack(app_factory, clock, answer, expected):
    async with surface("slack", app_factory, clock) as me:
        await me.say("こんにちは")
        admin = await invited_to_check_in(me)
        await start_assessment(admin, "assessment start all named")
        await me.receive("診断のお願い")
        asked = await me.say("回答を始める")
        assert "どちらのメッセージのボタンですか" in asked, asked
        assert "1. デジタルスキル診断のお願い" in asked and "2. 2026年12月の進捗報告のお願い" in asked, asked
        assert expected in await me.say(answer)


async def test_the_new_labels_need_no_question(app_factory, clock):
    async with surface("console", app_factory, clock) as me:
        await me.say("こんにちは")
        admin = await invited_to_check_in(me)
        await start_assessment(admin, "assessment start all named")
        await me.receive("診断のお願い")
        assert "1/27" in await me.say("診断の回答を始める")


# --- 1. a bare number long after the buttons it could mean -----------------------------------------
COUNT = "エクセルで数を数えたい"


async def test_a_number_long_after_the_candidates_is_not_a_pick(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(COUNT)
    assert "どれでもない" in 山田.text(), 山田.text()
    clock.advance(minutes=40)  # lunch; back at the desk she types a number meant for something else
    await 山田.say("2")
    said = 山田.text()
    assert "番号は直前に表示したボタンにだけ使えます" in said, said
    assert "解決しましたか" not in said, said


async def test_a_number_right_after_the_candidates_picks_one(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(COUNT)
    clock.advance(minutes=2)
    await 山田.say("２")
    assert "解決しましたか" in 山田.text(), 山田.text()


# --- 1 on the console: a number presses only buttons shown just now ----------------------------------
def console_chat():
    import io

    from bot.adapters.console.chat import ConsoleChat

    sent: list[object] = []

    async def dispatch(event, responder):
        sent.append(event)

    return ConsoleChat(dispatch, user_id="sato", out=io.StringIO()), sent


async def test_a_number_typed_an_hour_after_the_buttons_goes_to_the_desk_as_text():
    from bot.core.events import ActionReceived, MessageReceived
    from bot.core.replies import Choice, Reply

    chat, sent = console_chat()
    chat.print_reply(Reply(text="FAQの候補です", choices=(Choice("1. パスワード", "faq.pick", "1:FAQ-1"),
                                                          Choice("どれでもない", "faq.none", "1"))), prefix="📨 ")
    chat._choices_at -= 60 * 60  # she comes back an hour later
    await chat.handle_line("1")
    [event] = sent
    assert isinstance(event, MessageReceived) and event.text == "1", event
    sent.clear()
    chat.print_reply(Reply(text="FAQの候補です", choices=(Choice("どれでもない", "faq.none", "1"),)))
    await chat.handle_line("１")
    assert isinstance(sent[0], ActionReceived) and sent[0].action_id == "faq.none", sent


async def test_a_message_without_buttons_after_them_takes_the_number_away():
    from bot.core.events import MessageReceived
    from bot.core.replies import Choice, Reply

    chat, sent = console_chat()
    chat.print_reply(Reply(text="招待", choices=(Choice("出席", "meeting.rsvp", "1:yes"),)), prefix="📨 ")
    chat.print_reply(Reply(text="【お知らせ】会議室が変わりました"), prefix="📨 ")
    await chat.handle_line("1")
    assert isinstance(sent[0], MessageReceived), sent


async def test_the_old_label_typed_mid_form_leaves_the_form_open(app_factory, clock):
    async with surface("console", app_factory, clock) as me:
        await me.say("こんにちは")
        admin = await invited_to_check_in(me)
        assert "全部で何件" in await me.say("報告の回答を始める")
        await start_assessment(admin, "assessment start all named")
        await me.receive("診断のお願い")
        said = await me.say("回答を始める")
        assert "どちらのメッセージのボタンですか" not in said, said
        assert "すでにオンラインで申請できる" in await me.say("12"), me.text()
