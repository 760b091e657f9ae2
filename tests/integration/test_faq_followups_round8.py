"""Follow-ups about the answer just shown (walk-through of 2026-12-06, issue #20.3): 「それって
アンケートにもつかえる？」 after the LoGoフォーム answer, which says so, is answered from that answer
(its sentences quoted), not with another product's entry that also names アンケート."""

from __future__ import annotations

import pytest

from tests.support.dialogue import Person


async def people(app):
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")  # the first console user is the admin
    return boss, Person(app, "yamada", "山田")


@pytest.mark.parametrize("follow_up", ["それってアンケートにもつかえる？", "それってアンケートでも使えますか"])
async def test_a_follow_up_the_shown_answer_speaks_of_is_answered_from_it(app_factory, clock, follow_up):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("LoGoフォームってなに")
    assert "LoGoフォームとは何ですか" in 山田.text().splitlines()[0], 山田.text()
    await 山田.say(follow_up)
    reply = 山田.text()
    lines = reply.splitlines()
    assert "LoGoフォームとは何ですか" in lines[0], reply  # the same entry, not 電子申請システム's
    assert "先ほどの回答（「" in reply and "こう書かれています" in reply, reply
    quoted = [line for line in lines[2:] if "アンケート" in line]
    assert quoted and all(len(line) < 120 for line in quoted), reply  # sentences, not the whole answer
    assert "解決しましたか" in reply
    assert "電子申請システムはアンケート" not in reply


async def test_a_follow_up_word_the_answer_does_not_name_is_not_quoted(app_factory, clock):
    """「それってスマホでもできる？」 after the password answer (which names no スマホ) still gets
    what it got before: no quote of the password answer."""
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("パスワードがロックされた")
    await 山田.say("それってスマホでもできる？")
    assert "こう書かれています" not in 山田.text(), 山田.text()


async def test_the_quote_is_in_english_for_an_english_user(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("/dx lang en")
    await 山田.say("LoGoフォームってなに")
    await 山田.say("それってアンケートにもつかえる？")
    assert "The answer above (\"" in 山田.text(), 山田.text()


@pytest.mark.parametrize("said", ["担当のひとにでんわしたいんだけど", "担当者に電話したいです"])
async def test_wanting_to_phone_a_person_is_a_request_for_a_person(app_factory, clock, said):
    """Walk-through 2026-12-06: 「担当のひとにでんわしたいんだけど」 got unrelated FAQ candidates
    (不審メール…); it asks for a person, as 「人と話したい」 does."""
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(said)
    assert "担当者にお聞きになりたい内容を書いてください" in 山田.text(), 山田.text()
