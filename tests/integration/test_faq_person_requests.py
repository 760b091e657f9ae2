"""A Japanese tester's findings on asking for a person: a request with fillers (「うーん、わかんない。
人に聞きたい」) is a request, the question offered is the last real one, and an RSVP after
「人と話したい」 is never forwarded as a question."""

from __future__ import annotations

from bot.core.model import UnansweredStatus
from tests.support.dialogue import Person

CANDIDATES = "Excelの関数"  # the sample FAQ offers candidates for this


async def people(app):
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")  # the first console user is the admin
    return boss, Person(app, "yamada", "山田")


async def test_a_request_with_fillers_offers_the_last_real_question(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(CANDIDATES)
    await 山田.say("うーん、わかんない。人に聞きたい")
    said = 山田.text()
    assert "「Excelの関数」を担当者に転送しますか？" in said, said
    await 山田.say("担当者につないで")
    said = 山田.text()
    assert "うーん" not in said and "わかんない" not in said, said


async def test_a_filler_is_never_what_a_person_request_forwards(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say(CANDIDATES)
    await 山田.say("やめる")
    await 山田.say("うーん、５件かな")
    await 山田.say("担当者につないで")
    said = 山田.text()
    assert "５件" not in said and "5件" not in said, said


async def test_an_rsvp_after_asking_for_a_person_is_not_forwarded(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("人と話したい")
    await 山田.say("出席します")
    said = 山田.text()
    assert "Q-1" not in said and "転送しました" not in said, said
    assert not [q for q in await app.faq.list_unanswered((), 50) if q.text == "出席します"]


async def test_my_questions_list_real_questions_and_say_how_to_forward(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await people(app)
    await 山田.say("ふるさと納税のページにログインできないんだけど")  # nothing found: kept, not forwarded
    await 山田.say("いいえ")
    # A kept filler (as an older version stored it) is no question: never listed.
    await app.faq.add_unanswered("うーん、わかんない。人に聞きたい", (await app.services.people.find("yamada")).id,
                                 UnansweredStatus.OPEN, "console", "dm:yamada")
    await 山田.say("転送した質問の状況")
    said = 山田.text()
    assert "わかんない" not in said and "ふるさと納税" in said and "未転送" in said, said
    assert "近いご質問" not in said
    button = 山田.choice("を転送する")
    await 山田.press(button)
    assert "転送しました" in 山田.text(), 山田.text()
