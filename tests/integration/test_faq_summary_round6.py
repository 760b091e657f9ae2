"""`/dx 要約 FAQ` and `/dx 書き出し FAQ`, sixth round (2026-12-05, issues #15 and #20): 対応待ち counts
only questions forwarded to a person and still open; the FAQ改善候補 nobody forwarded are a line of
their own; poll answers typed with no poll open are no questions (never logged, counted or
exported). Each test reads as the conversation and fails on the code before the fix."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from bot.core.model import UnansweredStatus
from storage import db
from storage.faq.models import QuestionLogRow
from tests.integration.test_faq_walkthrough_round4 import people


def field(me, label_part: str) -> str:
    for reply in me.replies:
        for f in reply.fields:
            if label_part in f.label:
                return f.value
    raise AssertionError(f"no field {label_part!r} in {me.text()}")


def exported(me) -> list[list[str]]:
    [file] = [a for r in me.replies for a in r.attachments]
    return list(csv.reader(io.StringIO(file.content.decode("utf-8-sig"))))


async def test_waiting_counts_only_what_was_forwarded_and_the_faq_gaps_are_apart(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("来週の庁内運動会の雨天時の集合場所")
    await 山田.say("転送しない")  # nobody promised an answer: an FAQ gap
    await 山田.say("庁内運動会の参加賞は何ですか")
    await 山田.say("担当者に転送する")
    assert "転送しました" in 山田.text(), 山田.text()
    await boss.command("summary faq")
    assert field(boss, "対応待ち") == "1件（/dx FAQ 未回答）", boss.text()
    assert field(boss, "FAQ改善候補").startswith("1件"), boss.text()
    await boss.command("export faq csv")
    rows = exported(boss)
    assert rows[0][-1] == "担当者対応"
    by_question = {row[2]: row[-1] for row in rows[1:]}
    assert by_question["来週の庁内運動会の雨天時の集合場所"] == "FAQ改善候補"
    assert by_question["庁内運動会の参加賞は何ですか"] == "対応待ち"

    # Once answered, nothing waits any more.
    await boss.command("faq answer Q-2 タオルです。")
    await boss.command("summary faq")
    assert field(boss, "対応待ち") == "0件（/dx FAQ 未回答）", boss.text()
    assert field(boss, "担当者に転送") == "1件"
    await boss.command("export faq csv")
    rows = exported(boss)
    assert {row[2]: row[-1] for row in rows[1:]}["庁内運動会の参加賞は何ですか"] == "回答済み"


@pytest.mark.parametrize("typed", ["理解している", "2. 理解している", "[3] 聞いたことがある", "聞いたことないです",
                                   "ぜんぜんわからん", "理解し実践してます"])
async def test_a_poll_answer_typed_with_no_poll_open_is_no_question(app_factory, clock, typed):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say(typed)
    said = 山田.text()
    assert "スキル診断への回答のようですが" in said and "近いご質問" not in said, said
    assert not await app.faq.list_unanswered()
    await boss.command("summary faq")
    assert field(boss, "質問数").startswith("0件"), boss.text()


async def test_poll_answers_and_control_words_an_older_version_logged_are_never_counted_or_exported(app_factory,
                                                                                                       clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("VLOOKUPの使い方を教えて")
    async with db.sessionmaker(app.engine)() as s:
        for text in ("理解している", "2. 理解している", "3を直す", "やめる"):
            s.add(QuestionLogRow(person_id=None, text=text, outcome="none", top_entry_id="", score=0.0,
                                 feedback="", created_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC)))
        await s.commit()
    await app.faq.add_unanswered("理解している", None, UnansweredStatus.OPEN,
                                 "console", "dm")
    await boss.command("summary faq")
    assert field(boss, "質問数").startswith("1件"), boss.text()
    assert field(boss, "該当するFAQなし") == "0件" and "理解している" not in boss.text(), boss.text()
    assert field(boss, "FAQ改善候補").startswith("0件"), boss.text()
    await boss.command("export faq csv")
    rows = exported(boss)
    assert [row[2] for row in rows[1:]] == ["VLOOKUPの使い方を教えて"], rows
