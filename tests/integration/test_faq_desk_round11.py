"""FAQ desk between staff and the admin, eleventh round (2026-12-06): an answer asked for or given
in plain words (「Q-8に回答したい」「Q-9は『…』と返しておいて」), 「回答する」 with several questions
waiting asks which, a staff reply to an answer stays in the same thread, and a new question is
tagged as a follow-up only when it refers to the previous one. Each test reads as the conversation
and fails on the code before the fix (guards say so)."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import tokyo

VPN = "自宅からVPNで庁内システムにつなぐ申請書はどこにありますか"
LOGO = "Teamsの背景に市のロゴ画像を使ってもいいですか"
PRINTER = "3階の複合機の両面印刷の設定を変えたいです"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 7, 10, 0))  # Monday morning in Tokyo, office hours


async def people(app) -> tuple[Person, Person]:
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")  # the first console user is the admin
    山田 = Person(app, "yamada", "山田")
    await 山田.say("こんにちは")
    return 室長, 山田


async def waiting(app, *questions: str) -> list[int]:
    """Questions 山田 asked that were forwarded to a person (Q numbers, oldest first)."""
    person = await app.services.people.find("yamada")
    ids = []
    for text in questions:
        q = await app.faq.add_unanswered(text, person.id, UnansweredStatus.FORWARDED, "console", "dm:yamada")
        ids.append(q.id)
    return ids


async def sent_to_asker(app, answer: str) -> bool:
    return any(answer in r.payload.get("text", "") for r in await app.outbox.list())


# --- 1. an answer in plain words ------------------------------------------------------------------
@pytest.mark.parametrize("words", ["Q-{id}に回答したい", "Q{id}に答えます", "q-{id} 回答", "Ｑ{id}の質問に回答します"])
async def test_an_admin_starts_an_answer_in_plain_words(app_factory, clock, words):
    app = await app_factory(clock=clock)
    室長, _ = await people(app)
    vpn, _ = await waiting(app, VPN, LOGO)
    await 室長.say(words.format(id=vpn))
    said = 室長.text()
    assert f"Q-{vpn}「{VPN}」への回答を入力してください" in said, said
    await 室長.say("申請書は庁内ポータルの「様式集」にあります。")
    assert "送信する" in 室長.text() and "宛先: 山田" in 室長.text(), 室長.text()
    await 室長.say("送信する")
    assert (await app.faq.get_unanswered(vpn)).status is UnansweredStatus.ANSWERED
    assert await sent_to_asker(app, "様式集")


@pytest.mark.parametrize("words", [
    "Q-{id}は『申請書は庁内ポータルの様式集にあります』と返しておいて",
    "Q-{id}には申請書は庁内ポータルの様式集にありますと伝えて",
    "Q{id}の回答: 申請書は庁内ポータルの様式集にあります",
    "Q-{id}に「申請書は庁内ポータルの様式集にあります」って返信しといてください",
])
async def test_an_admin_answers_in_plain_words_as_the_command_does(app_factory, clock, words):
    app = await app_factory(clock=clock)
    室長, _ = await people(app)
    _, logo = await waiting(app, VPN, LOGO)
    await 室長.say(words.format(id=logo))
    said = 室長.text()
    assert f"Q-{logo} の回答を質問者に送りました" in said and "FAQ案 D-1" in said, said
    question = await app.faq.get_unanswered(logo)
    assert question.status is UnansweredStatus.ANSWERED
    assert question.answer == "申請書は庁内ポータルの様式集にあります"
    assert await sent_to_asker(app, "申請書は庁内ポータルの様式集にあります")
    entries = [(a.action, a.detail) for a in await app.services.audit.list(20)]
    assert any(action == "faq answer" and f"Q-{logo}" in detail for action, detail in entries), entries


async def test_an_unknown_or_answered_number_says_so_with_the_open_ones(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, _ = await people(app)
    vpn, logo = await waiting(app, VPN, LOGO)
    await 室長.say("Q-99に回答したい")
    said = 室長.text()
    assert said.startswith("Q-99 は見つかりませんでした。回答を待っている質問:"), said
    assert f"Q-{vpn}「" in said and f"Q-{logo}「" in said and "\n" not in said, said
    await 室長.say(f"Q-{vpn}の回答: 様式集にあります")
    await 室長.say(f"Q-{vpn}は『様式集です』と伝えて")
    said = 室長.text()
    assert said.startswith(f"Q-{vpn} はすでに回答済みです。回答を待っている質問: Q-{logo}「"), said
    assert (await app.faq.get_unanswered(vpn)).answer == "様式集にあります"  # not answered twice


async def test_staff_saying_the_same_is_not_an_admin_command(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    vpn, _ = await waiting(app, VPN, LOGO)
    await 山田.say(f"Q-{vpn}に回答したい")
    assert "回答を入力してください" not in 山田.text(), 山田.text()
    await 山田.say(f"Q-{vpn}は『自分で解決しました』と返しておいて")
    assert "質問者に送りました" not in 山田.text(), 山田.text()
    assert (await app.faq.get_unanswered(vpn)).status is UnansweredStatus.FORWARDED


# --- 2. 「回答する」 with several questions waiting ---------------------------------------------------
async def forwarded_by_asking(app, 山田: Person, *questions: str) -> list[int]:
    """山田 asks, and forwards each question to a person (the admin gets each notice)."""
    ids = []
    for text in questions:
        await 山田.say(text)
        if "どれでもない" in 山田.text():
            await 山田.say("どれでもない")
        await 山田.say("はい")
        ids.append(max(q.id for q in await app.faq.list_unanswered((UnansweredStatus.FORWARDED,), 10)))
    return ids


@pytest.mark.parametrize("word, reply", [
    ("回答する", "Q-{vpn}"), ("答える", "{vpn}"), ("回答します", "1"), ("回答したい", "1番"),
    ("回答する", "1. Q-{vpn} 自宅からVPNで庁内システムにつなぐ申請…"),
])
async def test_answering_with_two_waiting_asks_which(app_factory, clock, word, reply):
    app = await app_factory(clock=clock)
    室長, _ = await people(app)
    vpn, logo = await waiting(app, VPN, LOGO)
    await 室長.say(word)
    said = 室長.text()
    assert "どれに回答しますか" in said, said
    assert f"1. Q-{vpn}「自宅からVPNで庁内システムにつなぐ申請…」" in said and f"2. Q-{logo}「" in said, said
    assert 室長.choice(f"Q-{vpn}") and 室長.choice(f"Q-{logo}")
    await 室長.say(reply.format(vpn=vpn))
    assert f"Q-{vpn}「{VPN}」への回答を入力してください" in 室長.text(), 室長.text()


async def test_the_typed_button_label_asks_which_when_two_notices_wait(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await people(app)
    first, second = await forwarded_by_asking(app, 山田, "公用車の予約システムの管理者権限がほしい",
                                              "ふるさと納税のページにログインできないんだけど")
    await 室長.say("回答する")  # the label of the button on both notices
    said = 室長.text()
    assert "どれに回答しますか" in said and f"Q-{first}" in said and f"Q-{second}" in said, said
    await 室長.press(f"Q-{first}")
    assert f"Q-{first}「公用車の予約システム" in 室長.text(), 室長.text()


async def test_answering_with_one_waiting_takes_it(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await people(app)
    (only,) = await forwarded_by_asking(app, 山田, "公用車の予約システムの管理者権限がほしい")
    await 室長.say("回答する")
    assert f"Q-{only}「公用車の予約システムの管理者権限がほしい」への回答を入力してください" in 室長.text(), 室長.text()
    await 室長.say("やめる")
    await 室長.say("答えます")
    assert f"Q-{only}「公用車の予約システムの管理者権限がほしい」への回答を入力してください" in 室長.text(), 室長.text()


# --- 4. 「直前の質問…について」 only when the message refers to it ---------------------------------------
ROOMS = "庁内の会議室を予約するにはどうすればよいですか"  # FAQ entry on booking a meeting room
TELEWORK = "自宅から庁内のシステムやメールを使うことはできますか"  # FAQ entry on working from home


async def kept_after_forwarding(app, 山田: Person) -> str:
    """山田 says the reply did not help and forwards the question: the text the office receives."""
    if "どれでもない" in 山田.text():
        await 山田.say("どれでもない")
    elif "解決しましたか" in 山田.text():
        await 山田.say("いいえ")
    if "転送しますか" in 山田.text():
        await 山田.say("はい")
    return (await app.services.faq.list_unanswered((), 1))[0].text


@pytest.mark.parametrize("question", [
    "会議室の予約ってどこから？",  # a guard: never tagged
    "じゃあ会議室の予約は？",
    "会議室の予約は？",
    "ちなみに会議室の予約ってどこでできる？",
    "あと、会議室の予約ってどこから？",
])
async def test_an_unrelated_question_after_an_answer_is_not_a_follow_up(app_factory, clock, question):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("自宅からVPNで庁内のシステムにつなぎたい")
    assert TELEWORK in 山田.text(), 山田.text()
    await 山田.say(question)
    assert ROOMS in 山田.text(), 山田.text()  # searched as itself: the meeting-room entry
    kept = await kept_after_forwarding(app, 山田)
    assert "直前の質問" not in kept and kept.startswith(question), kept


@pytest.mark.parametrize("question", [
    "それってスマホからでもつなげる？",
    "あと、VPNの申請に上司の承認はいる？",
])
async def test_a_related_question_after_an_answer_is_still_a_follow_up(app_factory, clock, question):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("自宅からVPNで庁内のシステムにつなぎたい")
    await 山田.say(question)
    kept = await kept_after_forwarding(app, 山田)
    assert kept.startswith(question) and "直前の質問「自宅からVPNで庁内のシステムにつなぎたい」" in kept, kept
