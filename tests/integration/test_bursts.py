"""Under a burst the bot stays fair and bounded (issue 19): turns start oldest first, a question
that finds no room in time is acknowledged and answered 「混み合っています」 — never left in silence —
and a question costs one write transaction."""

from __future__ import annotations

import asyncio
import pytest
from sqlalchemy import event

from bot.core.events import Actor
from tests.fakes.slack_api import FakeSlackApi

QUESTION = "ズームで画面共有したい"


@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The fake Slack Web API of tests/support (`start_slack` serves the bot against it)."""
    return slack_api


async def test_a_question_without_room_in_time_is_told_the_desk_is_busy(start_slack, api: FakeSlackApi) -> None:
    bot = await start_slack(turn_concurrency=1, turn_queue=4, turn_patience=0.3)
    api.queue("users.info", delay=1.5)  # the first turn holds the only slot for 1.5 s
    first = asyncio.create_task(bot.workspace.dm("U0FIRST", QUESTION))
    await asyncio.sleep(0.1)
    second, _ = await bot.workspace.dm("U0SECOND", QUESTION)
    # Acknowledged (within Slack's 3 s) once the wait ran out, and told so in the DM at once.
    assert second.status == 200 and 0.25 <= second.seconds < 3.0
    busy = await api.next_call("chat.postMessage", where=lambda c: c.params.get("channel") == "D0SECOND")
    assert "混み合っています" in busy.all_text()
    sent, _ = await first
    assert sent.status == 200
    answer = await api.next_call("chat.postMessage", where=lambda c: c.params.get("channel") == "D0FIRST")
    assert "Zoom" in answer.all_text()
    await bot.idle()
    assert bot.app.admission.refused == 1 and bot.app.admission.active == 0


async def test_waiting_questions_are_answered_oldest_first(start_slack, api: FakeSlackApi) -> None:
    bot = await start_slack(turn_concurrency=1, turn_queue=10, turn_patience=2.0)
    api.queue("users.info", delay=0.5)
    first = asyncio.create_task(bot.workspace.dm("U0A", QUESTION))
    await asyncio.sleep(0.1)
    later = []
    for user in ("U0B", "U0C", "U0D"):
        later.append(asyncio.create_task(bot.workspace.dm(user, QUESTION)))
        await asyncio.sleep(0.05)
    assert all(sent.status == 200 for sent, _ in await asyncio.gather(first, *later))
    await bot.idle()
    answered = [c.params.get("channel") for c in api.calls_to("chat.postMessage")]
    assert answered == ["D0A", "D0B", "D0C", "D0D"]
    assert not any("混み合っています" in c.all_text() for c in api.calls_to("chat.postMessage"))


async def test_an_answered_question_costs_one_transaction(any_db_url: str, start_slack, api: FakeSlackApi) -> None:
    bot = await start_slack(database_url=any_db_url)
    await bot.workspace.dm("U0STAFF", QUESTION)  # registers the person, builds the index
    await bot.idle()
    statements: list[str] = []
    commits: list[int] = []
    engine = bot.app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_: statements.append(sql))
    event.listen(engine, "commit", lambda *_: commits.append(1))
    for text in ("VLOOKUPの使い方", "パスワードを忘れた"):
        statements.clear()
        commits.clear()
        await bot.workspace.dm("U0STAFF", text)
        await bot.idle()
        # An answer or candidates, not a refusal.
        assert "混み合って" not in api.calls_to("chat.postMessage")[-1].all_text()
        # The person, the FAQ entries and the dialog come from memory; the people and FAQ
        # versions are read at most once a second / every 2 s, not per question.
        turn = [s.strip().split("\n")[0][:90] for s in statements if "FROM meta" not in s]
        # The delivery is recorded before Slack is acknowledged (issue 17), in its own commit;
        # the turn after the ack claims nothing more.
        assert turn[0].startswith("INSERT INTO processed_events"), turn
        turn = turn[1:]
        if any_db_url.startswith("postgresql"):
            # Check the dialog, log the question, write the next dialog and the follow-up
            # note: one statement, no explicit transaction around it.
            assert len(turn) == 1 and turn[0].startswith("WITH cur AS"), turn
            assert len(commits) <= 2
        else:
            # The same statements in one transaction with one commit (plus the record's).
            assert len(commits) == 2, turn
            assert [t.split()[0] for t in turn] == ["INSERT", "SELECT", "INSERT", "INSERT"], "\n".join(turn)


async def test_a_dialog_changed_elsewhere_is_read_again_before_acting_on_it(start_slack, api: FakeSlackApi) -> None:
    bot = await start_slack()
    await bot.workspace.dm("U0STAFF", QUESTION)  # answered: 「解決しましたか？」 is remembered here
    await bot.idle()
    person = await bot.app.services.people.find_by_actor(Actor("slack", "U0STAFF"))
    assert person is not None
    # Another replica (or a job) ends that dialog; this process does not hear of it.
    await bot.app.services.state.delete(f"dialog:{person.id}")
    await bot.workspace.dm("U0STAFF", "はい")
    await bot.idle()
    # 「はい」 was not taken as feedback on the answer: the stored state said no dialog.
    question = await bot.app.faq.get_question(1)
    assert question is not None and question["feedback"] == ""
    # And a question after a dialog this process wrote itself needs no extra read.
    await bot.workspace.dm("U0STAFF", QUESTION)
    await bot.idle()
    await bot.workspace.dm("U0STAFF", "はい")
    await bot.idle()
    # (the stray 「はい」 above was explained, not logged: this is question 2)
    assert (await bot.app.faq.get_question(2) or {}).get("feedback") == "solved"
