"""「続きから」 continues what the person paused last, across features."""

from __future__ import annotations

from bot.core.model import Role
from tests.support.assessment import start_assessment
from tests.support.dialogue import Person
from tests.support.people import add_person


async def test_resume_continues_the_most_recently_paused_activity(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "boss", "室長")
    await admin.say("こんにちは")
    liaison = Person(app, "sato", "佐藤")
    await liaison.say("こんにちは")
    await add_person(app, "sato", Role.LIAISON, "市民課")

    await admin.command("checkin start")
    await liaison.say("続きから")  # nothing paused yet: the open check-in of my department starts
    first_question = liaison.text()
    assert "手続" in first_question
    await liaison.say("やめる")
    assert "checkin.resume" in {c.action_id for r in liaison.replies for c in r.choices}

    await start_assessment(admin, "assessment start all")
    await liaison.command("assessment")
    assert "1/27" in liaison.text()
    await liaison.say("中断")

    await liaison.say("続きから")  # the poll was paused last
    assert "1/27" in liaison.text()
    await liaison.say("中断")
    await liaison.say("再開")
    assert "1/27" in liaison.text()
    await liaison.say("中断")

    await liaison.say("報告の続き")  # the check-in's own word
    assert "手続" in liaison.text() and "/27" not in liaison.text()
    await liaison.say("やめる")
    await liaison.say("続きから")  # now the check-in was paused last
    assert "手続" in liaison.text() and "/27" not in liaison.text()
