"""Meetings and FAQ answers, eighth round (2026-12-06, walk-through on the console): a rule replaced
under announced dates tells the invitees of the dates added or removed and says old rule → new
rule; 「会議って8日と16日どっち？」 is answered from the schedule (for every member of staff), and the
bundled FAQ no longer states a fixed date; the meeting has the office's name and can be renamed; an
answer typed to an unanswered question is kept as a draft when another command comes; time and
date errors carry an example. Each test reads as the conversation."""

from __future__ import annotations

import pytest

from bot.core.model import UnansweredStatus
from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import office, rows_with, tokyo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 4, 10, 0))  # Friday morning in Tokyo, office hours


# --- 4. an answer typed for Q-n is never lost ----------------------------------------------------
async def forwarded_questions(app, count: int) -> list[int]:
    asker = Person(app, "yamada", "山田")
    await asker.say("こんにちは")
    person = await app.services.people.find("yamada")
    ids = []
    for n in range(count):
        q = await app.faq.add_unanswered(f"庁内Wi-Fiのパスワードの変更方法{n}を教えてください", person.id,
                                         UnansweredStatus.FORWARDED, "console", "dm:yamada")
        ids.append(q.id if hasattr(q, "id") else q)
    return ids


async def test_a_command_while_the_answer_waits_for_confirmation_keeps_it_as_a_draft(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    first, second = await forwarded_questions(app, 2)
    await admin.say("/dx FAQ 未回答")
    await admin.say(str(first))
    assert f"Q-{first}" in admin.text() and "回答を入力してください" in admin.text(), admin.text()
    await admin.say("設定画面の「パスワード変更」から変更できます。")
    assert "送信する" in admin.text() and "書き直す" in admin.text(), admin.text()
    await admin.say(f"/dx FAQ 回答 Q-{second} 情報政策課にお問い合わせください。")
    said = admin.text()
    assert f"Q-{first} の回答案はまだ送っていません。下書きとして残しました（「Q-{first} 回答を続ける」で再開できます）。" in said, said
    assert f"Q-{second}" in said, said  # the new command ran too
    question = await app.faq.get_unanswered(first)
    assert question.status is UnansweredStatus.FORWARDED  # not sent, not lost
    await admin.say("/dx FAQ 未回答")
    assert f"（回答の下書きあり: 室長、「Q-{first} 回答を続ける」で再開）" in admin.text(), admin.text()
    await admin.say(f"Q-{first} 回答を続ける")
    assert "設定画面の「パスワード変更」から変更できます。" in admin.text() and "送信する" in admin.text(), admin.text()
    await admin.say("送信する")
    assert (await app.faq.get_unanswered(first)).status is UnansweredStatus.ANSWERED
    await admin.say("/dx FAQ 未回答")
    assert "下書きあり" not in admin.text(), admin.text()


async def test_another_message_or_another_question_button_keeps_the_answer_too(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    first, second = await forwarded_questions(app, 2)
    await admin.say(f"/dx FAQ 回答 Q-{first}")
    await admin.say("パスワードは半年ごとに変更してください。")
    await admin.say("/dx FAQ 未回答")  # a command while 送信する／書き直す／やめる is open
    assert f"「Q-{first} 回答を続ける」" in admin.text(), admin.text()
    button = admin.choice(f"Q-{second}")
    await admin.say(f"Q-{first} の回答を続けます")
    assert "パスワードは半年ごとに変更してください。" in admin.text(), admin.text()
    await admin.press(button)  # another question's button: Q-1's answer stays a draft
    assert f"Q-{first} の回答案はまだ送っていません" in admin.text(), admin.text()
    await admin.say("Wi-Fiは情報政策課に聞いてください。")
    await admin.say("はい")
    assert (await app.faq.get_unanswered(second)).status is UnansweredStatus.ANSWERED
    await admin.say("回答の続き")  # the last draft left
    assert "パスワードは半年ごとに変更してください。" in admin.text(), admin.text()


async def test_resuming_without_a_draft_says_so_with_an_example(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    await admin.say("Q-9 回答を続ける")
    assert admin.text().startswith("Q-9 の回答の下書きは見つかりませんでした。例: 「Q-4 回答を続ける」"), admin.text()
